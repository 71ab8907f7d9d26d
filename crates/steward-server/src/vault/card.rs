//! What the vault checks on a card: the issuing brand, the length that brand
//! issues, the Luhn check digit, the expiry and the security code. The
//! account API's card guard uses the same brand and Luhn rules to spot a
//! card number in a request body.

use chrono::{DateTime, Datelike, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Brand {
    Visa,
    Mastercard,
    Amex,
    Discover,
    Jcb,
}

impl Brand {
    /// The brand whose prefix `digits` starts with (ISO/IEC 7812 ranges).
    pub fn by_prefix(digits: &str) -> Option<Self> {
        let prefix = |n: usize| {
            digits
                .get(..n)
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(0)
        };
        if digits.starts_with('4') {
            Some(Self::Visa)
        } else if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) {
            Some(Self::Mastercard)
        } else if matches!(prefix(2), 34 | 37) {
            Some(Self::Amex)
        } else if digits.starts_with("6011") || digits.starts_with("65") {
            Some(Self::Discover)
        } else if (3528..=3589).contains(&prefix(4)) {
            Some(Self::Jcb)
        } else {
            None
        }
    }

    /// The brand that issues numbers of this prefix *and* length.
    pub fn issuing(digits: &str) -> Option<Self> {
        Self::by_prefix(digits).filter(|b| b.lengths().contains(&digits.len()))
    }

    pub fn lengths(self) -> &'static [usize] {
        match self {
            Self::Visa => &[13, 16, 19],
            Self::Mastercard => &[16],
            Self::Amex => &[15],
            Self::Discover => &[16, 19],
            Self::Jcb => &[16, 17, 18, 19],
        }
    }

    pub fn cvc_len(self) -> usize {
        match self {
            Self::Amex => 4,
            _ => 3,
        }
    }

    /// The id stored and shown by the console (`PaymentMethod::brand`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Visa => "visa",
            Self::Mastercard => "mastercard",
            Self::Amex => "amex",
            Self::Discover => "discover",
            Self::Jcb => "jcb",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Visa => "Visa",
            Self::Mastercard => "Mastercard",
            Self::Amex => "American Express",
            Self::Discover => "Discover",
            Self::Jcb => "JCB",
        }
    }
}

pub fn luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(mut v) = c.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

/// Why a card number was refused; each names the rule the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblem {
    Required,
    NotDigits,
    UnknownBrand,
    Length(Brand),
    Luhn,
}

impl NumberProblem {
    pub fn rule(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::NotDigits => "digits",
            Self::UnknownBrand => "brand",
            Self::Length(_) => "length",
            Self::Luhn => "luhn",
        }
    }

    pub fn message(self) -> String {
        match self {
            Self::Required => "Enter the card number.".into(),
            Self::NotDigits => "A card number has only digits (spaces are fine).".into(),
            Self::UnknownBrand => {
                "We accept Visa, Mastercard, American Express, Discover and JCB.".into()
            }
            Self::Length(b) => {
                let lengths: Vec<String> = b.lengths().iter().map(ToString::to_string).collect();
                format!(
                    "{} card numbers have {} digits. Check for a missing or extra digit.",
                    b.label(),
                    lengths.join(" or ")
                )
            }
            Self::Luhn => "This card number is not valid. Check it for a typo.".into(),
        }
    }
}

/// The number's digits and brand, or why it cannot be a card.
pub fn check_number(input: &str) -> Result<(String, Brand), NumberProblem> {
    let mut digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let verdict = if digits.is_empty() {
        Err(NumberProblem::Required)
    } else if !digits.chars().all(|c| c.is_ascii_digit()) {
        Err(NumberProblem::NotDigits)
    } else {
        match Brand::by_prefix(&digits) {
            None => Err(NumberProblem::UnknownBrand),
            Some(b) if !b.lengths().contains(&digits.len()) => Err(NumberProblem::Length(b)),
            Some(_) if !luhn(&digits) => Err(NumberProblem::Luhn),
            Some(b) => Ok(b),
        }
    };
    match verdict {
        Ok(brand) => Ok((digits, brand)),
        Err(problem) => {
            // Refused or not, the digits never outlive the request.
            zeroize::Zeroize::zeroize(&mut digits);
            Err(problem)
        }
    }
}

/// Month and year of expiry, with the year given as `2030` or `30`.
/// `Err` carries (field, rule, message).
pub fn check_expiry(
    month: &str,
    year: &str,
    now: DateTime<Utc>,
) -> Result<(u32, u32), (&'static str, &'static str, String)> {
    let month: u32 = month
        .trim()
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or(("exp_month", "month", "Choose the expiry month.".to_string()))?;
    let year: u32 = match year.trim().parse::<u32>() {
        Ok(y) if y < 100 => 2000 + y,
        Ok(y) if (2000..=2999).contains(&y) => y,
        _ => {
            return Err((
                "exp_year",
                "year",
                "Enter the expiry year, e.g. 2030.".into(),
            ))
        }
    };
    let this_year = u32::try_from(now.year()).unwrap_or(0);
    // Good through the last day of the expiry month.
    if (year, month) < (this_year, now.month()) {
        return Err((
            "exp_year",
            "expired",
            "This card has expired. Use a card that is still valid.".into(),
        ));
    }
    if year > this_year + 20 {
        return Err((
            "exp_year",
            "too_far",
            "Cards do not run that long. Check the expiry year.".into(),
        ));
    }
    Ok((month, year))
}

pub fn check_cvc(cvc: &str, brand: Option<Brand>) -> Result<(), String> {
    let want = brand.map_or(3, Brand::cvc_len);
    let cvc = cvc.trim();
    if cvc.len() == want && cvc.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!(
            "Enter the {want}-digit security code from the {} of the card.",
            if want == 4 { "front" } else { "back" }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 15, 12, 0, 0)
            .single()
            .expect("t")
    }

    #[test]
    fn known_test_numbers_pass_with_their_brand() {
        for (n, b) in [
            ("4242 4242 4242 4242", Brand::Visa),
            ("5555-5555-5555-4444", Brand::Mastercard),
            ("2223003122003222", Brand::Mastercard),
            ("378282246310005", Brand::Amex),
            ("6011111111111117", Brand::Discover),
            ("3530111333300000", Brand::Jcb),
        ] {
            assert_eq!(check_number(n).map(|(_, b)| b), Ok(b), "{n}");
        }
    }

    #[test]
    fn each_problem_is_named() {
        assert_eq!(check_number("  "), Err(NumberProblem::Required));
        assert_eq!(check_number("4242x424"), Err(NumberProblem::NotDigits));
        assert_eq!(
            check_number("1234567890123452"),
            Err(NumberProblem::UnknownBrand)
        );
        assert_eq!(
            check_number("42424242424242"),
            Err(NumberProblem::Length(Brand::Visa))
        );
        assert_eq!(check_number("4242424242424241"), Err(NumberProblem::Luhn));
        assert!(NumberProblem::Length(Brand::Amex).message().contains("15"));
    }

    #[test]
    fn a_card_is_good_through_its_expiry_month() {
        assert_eq!(check_expiry("3", "2026", now()), Ok((3, 2026)));
        assert_eq!(check_expiry("03", "26", now()), Ok((3, 2026)));
        assert_eq!(
            check_expiry("2", "2026", now()).map_err(|e| e.1),
            Err("expired")
        );
        assert_eq!(
            check_expiry("12", "2025", now()).map_err(|e| e.1),
            Err("expired")
        );
        assert_eq!(
            check_expiry("13", "2030", now()).map_err(|e| e.1),
            Err("month")
        );
        assert_eq!(
            check_expiry("1", "3000", now()).map_err(|e| e.1),
            Err("year")
        );
        assert_eq!(
            check_expiry("1", "2050", now()).map_err(|e| e.1),
            Err("too_far")
        );
    }

    #[test]
    fn security_code_length_follows_the_brand() {
        assert!(check_cvc("123", Some(Brand::Visa)).is_ok());
        assert!(check_cvc("1234", Some(Brand::Amex)).is_ok());
        assert!(check_cvc("123", Some(Brand::Amex)).is_err());
        assert!(check_cvc("12a", None).is_err());
    }

    #[test]
    fn luhn_matches_known_numbers() {
        assert!(luhn("79927398713"));
        assert!(!luhn("79927398710"));
    }
}
