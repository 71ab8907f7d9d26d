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
/// issues and that pass the Luhn check, written unbroken or grouped as
/// cards are printed (4-4-4-4, 4-6-5, ... with spaces or hyphens). Digits
/// after a `+` (phone numbers) or glued to letters (UUIDs, hashes) are not
/// read as cards.
pub fn contains_card_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let before = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        if !chars[i].is_ascii_digit() || before.is_some_and(|c| c.is_alphanumeric() || c == '+') {
            i += 1;
            continue;
        }
        // One run: groups of digits joined by single spaces or hyphens.
        let mut groups = vec![String::new()];
        let mut j = i;
        while let Some(&c) = chars.get(j) {
            if c.is_ascii_digit() {
                if let Some(g) = groups.last_mut() {
                    g.push(c);
                }
            } else if (c == ' ' || c == '-') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
                groups.push(String::new());
            } else {
                break;
            }
            j += 1;
        }
        let glued_after = chars.get(j).is_some_and(|c| c.is_alphanumeric());
        if run_holds_card(&groups, glued_after) {
            return true;
        }
        i = j.max(i + 1);
    }
    false
}

fn is_card(digits: &str) -> bool {
    Brand::issuing(digits).is_some() && luhn(digits)
}

fn run_holds_card(groups: &[String], glued_after: bool) -> bool {
    let last = groups.len().saturating_sub(1);
    // An unbroken group: any 13–19 digit window of it may be the card.
    for (n, g) in groups.iter().enumerate() {
        if n == last && glued_after {
            continue;
        }
        for start in 0..g.len() {
            for len in 13..=19 {
                if g.get(start..start + len).is_some_and(is_card) {
                    return true;
                }
            }
        }
    }
    // Consecutive groups in a printed card layout.
    for start in 0..groups.len() {
        for end in start + 2..=groups.len() {
            if end - 1 == last && glued_after {
                continue;
            }
            let shape: Vec<usize> = groups[start..end].iter().map(String::len).collect();
            if printed_layout(&shape) && is_card(&groups[start..end].concat()) {
                return true;
            }
        }
    }
    false
}

/// 4-4-4-4, 4-4-4-4-3, 4-4-4-1 and the like, or Amex/Diners 4-6-5, 4-6-4.
fn printed_layout(shape: &[usize]) -> bool {
    match shape {
        [4, 6, 5] | [4, 6, 4] => true,
        [init @ .., tail] if init.len() >= 3 => {
            init.iter().all(|&n| n == 4) && (1..=4).contains(tail)
        }
        _ => false,
    }
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
            r#"{"hash": "ab4000056655665556cd"}"#,
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
}
