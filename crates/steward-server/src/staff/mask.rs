//! Masking personal data in staff views (PR-11): staff see no more than the
//! task needs until they reveal a field with a reason.

use steward_types::profile::PostalAddress;

/// `jane.doe@example.com` -> `j***@example.com`.
pub fn email(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let first = local.chars().next().map(String::from).unwrap_or_default();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

/// `+442071234567` -> `•••••••••••67`: only the last two digits.
pub fn phone(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let keep = digits.len().min(2);
    let hidden = digits.len() - keep;
    let mut out = "•".repeat(hidden);
    out.extend(&digits[hidden..]);
    out
}

/// City and country only.
pub fn address(a: &PostalAddress) -> String {
    format!("{}, {}", a.locality, a.country)
}

/// A matched search value, masked like the field it came from.
pub fn term(field: &str, shown: &str) -> String {
    match field {
        "email" => email(shown),
        "phone" => phone(shown),
        _ => shown.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_what_identifies_the_record() {
        assert_eq!(email("jane.doe@example.com"), "j***@example.com");
        assert_eq!(email("nonsense"), "***");
        assert_eq!(phone("+442071234567"), "••••••••••67");
        assert_eq!(phone("7"), "7");
        let a = PostalAddress {
            country: "GB".into(),
            line1: "1 High Street".into(),
            line2: None,
            locality: "London".into(),
            region: None,
            postal_code: Some("N1 9GU".into()),
        };
        assert_eq!(address(&a), "London, GB");
        assert_eq!(term("email", "a@b.example"), "a***@b.example");
        assert_eq!(term("company", "Northwind"), "Northwind");
    }
}
