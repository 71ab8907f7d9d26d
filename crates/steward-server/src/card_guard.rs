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
use crate::vault::card::{luhn, Brand};

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

/// Whether `text` holds a card number: 13–19 digits that a card brand
/// issues and that pass the Luhn check, however grouped by single spaces or
/// hyphens. Digits after a `+` (phone numbers) are not read as cards, nor
/// are UUIDs and long hex strings (ids, hashes), which are blanked first.
/// Linear in the length of `text`: it runs before authentication.
pub fn contains_card_number(text: &str) -> bool {
    let masked = mask_ids(text);
    let chars: Vec<char> = masked.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let before = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        if !chars[i].is_ascii_digit() || before.is_some_and(|c| c.is_ascii_digit() || c == '+') {
            i += 1;
            continue;
        }
        // One run: digits, possibly joined by single spaces or hyphens.
        let mut digits = String::new();
        let mut j = i;
        while let Some(&c) = chars.get(j) {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if !((c == ' ' || c == '-')
                && !digits.is_empty()
                && chars.get(j + 1).is_some_and(char::is_ascii_digit))
            {
                break;
            }
            j += 1;
        }
        // Any 13–19 digit window of the run may be the card: at most seven
        // checks per digit.
        for start in 0..digits.len() {
            for len in 13..=19 {
                if digits
                    .get(start..start + len)
                    .is_some_and(|d| Brand::issuing(d).is_some() && luhn(d))
                {
                    return true;
                }
            }
        }
        i = j.max(i + 1);
    }
    false
}

/// `text` with UUIDs and hex strings of 32 or more characters replaced by
/// spaces: their digits are not card numbers.
fn mask_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let hex_or_dash = |c: char| c.is_ascii_hexdigit() || c == '-';
        let hex_len = word.chars().filter(char::is_ascii_hexdigit).count();
        let is_uuid = word.len() == 36
            && word.chars().all(hex_or_dash)
            && word
                .char_indices()
                .all(|(i, c)| (c == '-') == matches!(i, 8 | 13 | 18 | 23));
        let is_hash = hex_len >= 32
            && word.chars().all(|c| c.is_ascii_hexdigit())
            && word.chars().any(|c| c.is_ascii_alphabetic());
        if is_uuid || is_hash {
            out.extend(std::iter::repeat_n(' ', word.chars().count()));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
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
            r#"{"x": "amex 3782 822463 10005."}"#,
            r#"{"x": "visa4242424242424242"}"#,
            r#"{"x": "4242424242424242exp"}"#,
            r#"{"x": "42424 24242 424242"}"#,
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
            // UUIDs and hashes whose digits would pass as a card.
            r#"{"request_id": "65405555-7909-421e-b03c-c713a767581d"}"#,
            r#"{"id": "40000566-5566-5556-8000-000000000000"}"#,
            r#"{"hash": "ab40000566556655560cd5566556655660aa"}"#,
        ] {
            assert!(!contains_card_number(text), "{text}");
        }
    }

    #[test]
    fn a_long_run_of_groups_is_scanned_in_linear_time() {
        // Thousands of one-digit groups: the scan stays a window walk.
        let body = format!("{{\"x\": \"{}\"}}", "1 ".repeat(30_000));
        assert!(!contains_card_number(&body));
    }

    #[test]
    fn escaped_digits_and_bare_numbers_are_seen_too() {
        let escaped = br#"{"reason": "\u0034242424242424242"}"#;
        assert!(contains_card_number(&json_text(escaped)));
        assert!(contains_card_number(&json_text(
            br#"{"n": 4242424242424242}"#
        )));
    }
}
