//! PR-2: a card number never reaches our code or database. Cards are added
//! on the payment vault's own page; no endpoint of the account API accepts
//! one, so any JSON body carrying something shaped like a card number (a
//! known brand's prefix and length, passing the Luhn check) is refused
//! before a handler sees it. The body is never logged.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The request body limit (`app.rs` also caps it).
const LIMIT: usize = 64 * 1024;

pub async fn refuse_card_numbers(request: Request, next: Next) -> Response {
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        // Any JSON media type, however spelled (`Application/JSON`, `+json`).
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
    if !is_json {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return ApiError::BadRequest("The request body is too large.".into()).into_response()
        }
    };
    if contains_card_number(&String::from_utf8_lossy(&bytes))
        || contains_card_number(&json_text(&bytes))
    {
        tracing::warn!("refused a request body carrying a card number (not logged)");
        return ApiError::field(
            "body",
            "card_number",
            "Card numbers are never sent to the account API. Add a card on the secure card page instead.",
        )
        .into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The decoded strings and numbers of a JSON body, one per line, so that
/// `\u0034`-style escapes cannot hide digits from the scan.
fn json_text(bytes: &[u8]) -> String {
    fn walk(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Number(n) => {
                out.push_str(&n.to_string());
                out.push('\n');
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) {
        walk(&v, &mut out);
    }
    out
}

/// Whether `text` holds a run of 13–19 digits (single spaces or hyphens
/// between them allowed, not after a `+` as phone numbers are) that a card
/// brand issues and that passes the Luhn check.
pub fn contains_card_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit()
            || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '+'))
        {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
                j += 1;
            } else if (c == ' ' || c == '-')
                && j + 1 < chars.len()
                && chars[j + 1].is_ascii_digit()
                && !digits.is_empty()
            {
                j += 1;
            } else {
                break;
            }
        }
        // Any window of a long run could be the card: check each start.
        for start in 0..digits.len() {
            for len in 13..=19 {
                if let Some(candidate) = digits.get(start..start + len) {
                    if issued_by_a_brand(candidate) && luhn(candidate) {
                        return true;
                    }
                }
            }
        }
        i = j.max(i + 1);
    }
    false
}

fn issued_by_a_brand(d: &str) -> bool {
    let len = d.len();
    let prefix = |n: usize| d.get(..n).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    (d.starts_with('4') && matches!(len, 13 | 16 | 19))
        || ((51..=55).contains(&prefix(2)) && len == 16)
        || ((2221..=2720).contains(&prefix(4)) && len == 16)
        || (matches!(prefix(2), 34 | 37) && len == 15)
        || ((d.starts_with("6011") || d.starts_with("65")) && matches!(len, 16 | 19))
        || ((3528..=3589).contains(&prefix(4)) && (16..=19).contains(&len))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_card_numbers_however_they_are_written() {
        for text in [
            r#"{"note": "4242424242424242"}"#,
            r#"{"note": "my card is 4242 4242 4242 4242, exp 12/30"}"#,
            r#"{"pan": "5555-5555-5555-4444"}"#,
            r#"{"x": "378282246310005"}"#,
            r#"{"x": "6011111111111117"}"#,
            r#"{"x": "ref 99 4111111111111111"}"#,
        ] {
            assert!(contains_card_number(text), "{text}");
        }
    }

    #[test]
    fn leaves_phone_numbers_ids_and_amounts_alone() {
        for text in [
            r#"{"phone": "+44 20 7946 0958", "fax": "+441614960999"}"#,
            r#"{"phone": "+4242424242424242"}"#,
            r#"{"registration_number": "09876543"}"#,
            r#"{"amount": "1234567.89"}"#,
            r#"{"x": "4242424242424241"}"#,
            r#"{"id": "01a227c0-a2f4-71b6-8c45-5a13ee64e6ad"}"#,
            r#"{"n": "1234567890123456"}"#,
        ] {
            assert!(!contains_card_number(text), "{text}");
        }
    }

    #[test]
    fn escaped_digits_and_bare_numbers_are_seen_too() {
        let escaped = br#"{"reason": "\u0034242424242424242"}"#;
        assert!(contains_card_number(&json_text(escaped)));
        assert!(contains_card_number(&json_text(
            br#"{"n": 4242424242424242}"#
        )));
    }

    #[test]
    fn luhn_matches_known_numbers() {
        assert!(luhn("79927398713"));
        assert!(!luhn("79927398710"));
    }
}
