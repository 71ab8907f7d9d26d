//! E-mail addresses and phone numbers.

use crate::problem::FieldError;

use super::{fe, network, MAX_INPUT};

const EMAIL_HINT: &str = "Enter an e-mail address such as name@example.com.";

/// Sign-in or contact e-mail address: trimmed, the domain lower-cased and in
/// its Unicode form (`Name@Bücher.Example` becomes `Name@bücher.example`; the
/// local part keeps its case). Errors carry `field` as their path.
pub fn email(field: &str, value: &str) -> Result<String, FieldError> {
    let value = value.trim();
    let bad = |message: String| fe(field, "email", message);
    if value.is_empty() {
        return Err(fe(field, "required", "Enter an e-mail address."));
    }
    if value.len() > MAX_INPUT {
        return Err(bad(
            "An e-mail address can be at most 254 characters long.".into()
        ));
    }
    let Some((local, domain)) = value.split_once('@') else {
        return Err(bad(format!("{EMAIL_HINT} The @ is missing.")));
    };
    if domain.contains('@') {
        return Err(bad(format!("{EMAIL_HINT} An address has exactly one @.")));
    }
    if local.is_empty() || local.len() > 64 {
        return Err(bad(
            "The part before the @ must be between 1 and 64 characters long.".into(),
        ));
    }
    if local
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || "\"(),:;<>@[\\]".contains(c))
    {
        return Err(bad(
            "The part before the @ cannot contain spaces or any of these characters: \" ( ) , : ; < > [ \\ ]".into(),
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(bad(
            "The part before the @ cannot start or end with a dot, or have two dots in a row."
                .into(),
        ));
    }
    let domain = network::domain(domain)
        .map_err(|message| bad(format!("Check the part after the @. {message}")))?;
    if local.len() + 1 + domain.ascii.len() > 254 {
        return Err(bad(
            "An e-mail address can be at most 254 characters long.".into()
        ));
    }
    Ok(format!("{local}@{}", domain.unicode))
}

pub(crate) const E164_HINT: &str = "Enter the number in international format, starting \
    with + and the country code, e.g. +44 20 7946 0958.";

/// Normalise a phone or fax number typed by a person (`+44 (0)20 7946-0958`,
/// `0044 20 7946 0958`) to E.164 (`+442079460958`). Numbers without `+` or
/// `00` are refused: we cannot guess the country.
pub(crate) fn e164(input: &str) -> Result<String, String> {
    let input = input.trim();
    let rest = input
        .strip_prefix('+')
        .or_else(|| input.strip_prefix("00"))
        .ok_or_else(|| {
            "Start the number with + and the country code, e.g. +44 20 7946 0958; \
             we cannot guess the country."
                .to_string()
        })?;
    let mut digits = String::with_capacity(16);
    // Digits inside the current parenthesised group, if in one.
    let mut group: Option<String> = None;
    for c in rest.chars() {
        match c {
            '0'..='9' => match &mut group {
                Some(g) => g.push(c),
                None => digits.push(c),
            },
            ' ' | '.' | '-' => {}
            '(' if group.is_none() => group = Some(String::new()),
            ')' => {
                let g = group.take().ok_or_else(|| E164_HINT.to_string())?;
                match g.as_str() {
                    "" => return Err(E164_HINT.to_string()),
                    // `+44 (0)20 ...`: the national trunk prefix, not dialled
                    // from abroad.
                    "0" if !digits.is_empty() => {}
                    _ => digits.push_str(&g),
                }
            }
            _ => return Err(E164_HINT.to_string()),
        }
        if digits.len() > 15 {
            break;
        }
    }
    if group.is_some() {
        return Err(E164_HINT.to_string());
    }
    if digits.starts_with('0') {
        return Err(
            "The country code cannot start with 0. Enter + followed by the \
             country code, e.g. +44 20 7946 0958."
                .into(),
        );
    }
    if !(8..=15).contains(&digits.len()) {
        return Err(format!(
            "An international number has 8 to 15 digits including the country code. {E164_HINT}"
        ));
    }
    Ok(format!("+{digits}"))
}
