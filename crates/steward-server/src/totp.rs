//! Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30 s) and
//! the base32 text (RFC 4648) authenticator apps exchange secrets in.
//!
//! Single use is the store's job: a code is accepted only for a time step
//! later than the last one used (`SecurityStore::use_totp_step`).

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;
use subtle::ConstantTimeEq;

pub const STEP_SECS: i64 = 30;
pub const DIGITS: u32 = 6;
/// Steps of clock drift tolerated either side of now (RFC 6238 §5.2).
pub const DRIFT_STEPS: i64 = 1;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh 160-bit secret (RFC 4226 §4 recommends 160 bits).
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 20];
    rand::thread_rng().fill_bytes(&mut secret);
    secret
}

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Decode base32, ignoring case, spaces and padding. `None` on other characters.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let c = c.to_ascii_uppercase() as u8;
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// The time step of a Unix time in seconds.
pub fn step_at(unix_secs: i64) -> i64 {
    unix_secs.div_euclid(STEP_SECS)
}

/// HOTP (RFC 4226) for one counter, as a zero-padded decimal string.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> String {
    // HMAC accepts keys of any length; new_from_slice cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = (hash[hash.len() - 1] & 0x0f) as usize;
    let binary = (u32::from(hash[offset] & 0x7f) << 24)
        | (u32::from(hash[offset + 1]) << 16)
        | (u32::from(hash[offset + 2]) << 8)
        | u32::from(hash[offset + 3]);
    let code = binary % 10u32.pow(digits);
    format!("{code:0width$}", width = digits as usize)
}

/// The step within the drift window whose code matches, if any. The caller
/// then spends that step so the code cannot be used again.
pub fn matching_step(secret: &[u8], code: &str, unix_secs: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_at(unix_secs);
    (now - DRIFT_STEPS..=now + DRIFT_STEPS).find(|&step| {
        let expected = hotp(secret, u64::try_from(step).unwrap_or(0), DIGITS);
        bool::from(expected.as_bytes().ct_eq(code.as_bytes()))
    })
}

/// The `otpauth://` URI authenticator apps scan (Key Uri Format).
pub fn otpauth_uri(issuer: &str, account: &str, secret_b32: &str) -> String {
    format!(
        "otpauth://totp/{}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        urlencode(&format!("{issuer}:{account}")),
        urlencode(issuer),
    )
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Group a base32 secret in fours for reading and typing.
pub fn grouped(secret_b32: &str) -> String {
    secret_b32
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 Appendix B: the SHA-1 seed is "12345678901234567890", 8 digits.
    const SEED: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc6238_sha1_test_vectors() {
        let vectors: [(i64, &str); 6] = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (t, expected) in vectors {
            let step = u64::try_from(step_at(t)).expect("positive");
            assert_eq!(hotp(SEED, step, 8), expected, "T = {t}");
        }
    }

    #[test]
    fn rfc4226_hotp_vectors() {
        let expected = ["755224", "287082", "359152", "969429", "338314"];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(SEED, counter as u64, 6), *code);
        }
    }

    #[test]
    fn accepts_one_step_of_drift_and_no_more() {
        let t = 1_234_567_890;
        let code_at = |step: i64| hotp(SEED, step as u64, 6);
        let now = step_at(t);
        assert_eq!(matching_step(SEED, &code_at(now), t), Some(now));
        assert_eq!(matching_step(SEED, &code_at(now - 1), t), Some(now - 1));
        assert_eq!(matching_step(SEED, &code_at(now + 1), t), Some(now + 1));
        assert_eq!(matching_step(SEED, &code_at(now - 2), t), None);
        assert_eq!(matching_step(SEED, &code_at(now + 2), t), None);
    }

    #[test]
    fn rejects_malformed_codes() {
        let t = 59;
        for bad in ["", "12345", "1234567", "abcdef", "12 34 5x"] {
            assert_eq!(matching_step(SEED, bad, t), None, "{bad:?}");
        }
        let good = hotp(SEED, step_at(t) as u64, 6);
        let spaced = format!("{} {}", &good[..3], &good[3..]);
        assert!(
            matching_step(SEED, &spaced, t).is_some(),
            "spaces are ignored"
        );
    }

    #[test]
    fn base32_round_trips_rfc4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32_encode(plain.as_bytes()), encoded);
            assert_eq!(base32_decode(encoded).expect("decodes"), plain.as_bytes());
        }
        assert_eq!(base32_decode("mzxw 6ytb oi==").expect("lenient"), b"foobar");
        assert_eq!(base32_decode("MZ1W"), None);
    }

    #[test]
    fn otpauth_uri_names_issuer_and_account() {
        let uri = otpauth_uri("Steward", "priya@example.com", "JBSWY3DPEHPK3PXP");
        assert!(
            uri.starts_with("otpauth://totp/Steward%3Apriya%40example.com?"),
            "{uri}"
        );
        assert!(uri.contains("secret=JBSWY3DPEHPK3PXP"));
        assert!(uri.contains("issuer=Steward"));
        assert_eq!(grouped("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
    }
}
