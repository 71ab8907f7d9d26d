//! Secrets: opaque tokens, their hashes, PKCE, and password hashing.
//!
//! Tokens are 256 random bits, base64url, with a kind prefix (`stw_at_`,
//! `stw_rt_`, `stw_ac_`) so secret scanners can spot a leaked one. The
//! database holds only their SHA-256: a stolen database grants nothing.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Access,
    Refresh,
    Code,
    /// The code in an invitation e-mail (PR-12).
    Invitation,
    /// The address of a card-entry page (PR-2).
    CardEntry,
    /// The link confirming a promotional e-mail subscription (PR-4).
    OptIn,
    /// A password reset link staff sent (issue 6).
    PasswordReset,
}

impl TokenKind {
    fn prefix(self) -> &'static str {
        match self {
            Self::Access => "stw_at_",
            Self::Refresh => "stw_rt_",
            Self::Code => "stw_ac_",
            Self::Invitation => "stw_iv_",
            Self::CardEntry => "stw_ce_",
            Self::OptIn => "stw_oi_",
            Self::PasswordReset => "stw_pr_",
        }
    }
}

/// A new random token of this kind.
pub fn new_token(kind: TokenKind) -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    format!("{}{}", kind.prefix(), URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database stores for a token: hex SHA-256. Every authenticated
/// request computes one, so the hex is written without `format!`.
pub fn token_hash(token: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(token.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// RFC 7636 section 4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
pub fn is_valid_verifier(v: &str) -> bool {
    (43..=128).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// An S256 challenge is base64url(SHA-256): exactly 43 characters.
pub fn is_valid_s256_challenge(c: &str) -> bool {
    c.len() == 43
        && c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
}

pub fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Constant-time PKCE check (S256 only: `plain` is refused earlier).
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    is_valid_verifier(verifier)
        && s256_challenge(verifier)
            .as_bytes()
            .ct_eq(challenge.as_bytes())
            .into()
}

/// Argon2id with OWASP's first recommended parameter set (m=19 MiB, t=2, p=1).
fn argon2() -> Argon2<'static> {
    // The parameters are constants that Params::new accepts.
    #[allow(clippy::unwrap_used)]
    let params = Params::new(19_456, 2, 1, None).unwrap();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hash a password. CPU-heavy: call from `spawn_blocking`.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

/// Verify a password against a stored hash, or against a fixed dummy hash
/// when the user does not exist, so both cases cost the same time.
/// CPU-heavy: call from `spawn_blocking`.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let hash = stored.unwrap_or_else(|| dummy_hash());
    let ok = PasswordHash::new(hash)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    ok && stored.is_some()
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_password("steward-dummy-password-for-timing").unwrap_or_else(|_| {
            // Unreachable in practice; a parse failure is still constant-ish.
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$invalid".to_string()
        })
    })
}

/// Warm the dummy hash at start-up so the first unknown-user sign-in is not
/// faster or slower than the rest.
pub fn warm_up() {
    let _ = dummy_hash();
}

/// A code people type (e-mail verification, recovery): 8 characters from an
/// alphabet without look-alikes (no 0/O, 1/I/L), shown as `XXXX-XXXX`.
/// 31^8 (about 2^39) values; attempts are limited where these are checked.
pub fn short_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let chars: String = (0..8)
        .map(|_| ALPHABET[OsRng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// The canonical form of a typed short code, for hashing and comparing.
pub fn normalise_short_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Compare two secrets without leaking where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_codes_are_grouped_and_read_back_in_any_case() {
        let code = short_code();
        assert_eq!(code.len(), 9);
        assert_eq!(code.as_bytes()[4], b'-');
        assert!(
            !code.contains(['0', 'O', '1', 'I', 'L']),
            "no look-alikes: {code}"
        );
        let typed = format!(" {} ", code.to_lowercase().replace('-', " "));
        assert_eq!(normalise_short_code(&typed), code.replace('-', ""));
        assert_ne!(short_code(), short_code());
    }

    #[test]
    fn constant_time_eq_compares_whole_values() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }

    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            s256_challenge(verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert!(pkce_matches(
            verifier,
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!pkce_matches(
            verifier,
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN"
        ));
    }

    #[test]
    fn verifier_and_challenge_shapes() {
        assert!(!is_valid_verifier("short"));
        assert!(!is_valid_verifier(&"a".repeat(129)));
        assert!(!is_valid_verifier(&format!("{}!", "a".repeat(43))));
        assert!(is_valid_verifier(&"a".repeat(43)));
        assert!(is_valid_s256_challenge(
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!is_valid_s256_challenge("plain-challenge"));
    }

    #[test]
    fn tokens_are_prefixed_random_and_hash_stably() {
        let a = new_token(TokenKind::Refresh);
        let b = new_token(TokenKind::Refresh);
        assert!(a.starts_with("stw_rt_") && a.len() == 7 + 43);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_eq!(token_hash(&a).len(), 64);
        assert!(!token_hash(&a).contains(&a[7..]));
    }

    #[test]
    fn a_token_hash_is_lowercase_hex_sha256() {
        // Stored hashes must not change form: FIPS 180-2's "abc" vector.
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn argon2id_round_trip_and_unknown_user_never_matches() {
        let h = hash_password("correct horse battery staple").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("correct horse battery staple", Some(&h)));
        assert!(!verify_password("wrong", Some(&h)));
        assert!(!verify_password("steward-dummy-password-for-timing", None));
    }

    mod fuzz {
        //! The checks on what clients send (PKCE, typed codes) never panic,
        //! and only the genuine value passes (issue 7).
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            #[test]
            fn pkce_passes_only_the_verifier_of_the_challenge(
                verifier in "[A-Za-z0-9._~-]{43,128}",
                other in prop_oneof![any::<String>(), "[A-Za-z0-9._~-]{0,130}"],
            ) {
                let challenge = s256_challenge(&verifier);
                prop_assert!(is_valid_s256_challenge(&challenge));
                prop_assert!(pkce_matches(&verifier, &challenge));
                prop_assert_eq!(pkce_matches(&other, &challenge), other == verifier);
                prop_assert!(!pkce_matches(&verifier, &other) || other == challenge);
            }

            #[test]
            fn typed_codes_normalise_to_what_was_issued(
                noise in "[ -]{0,3}",
                lower in any::<bool>(),
                junk in any::<String>(),
            ) {
                let code = short_code();
                let typed = if lower { code.to_lowercase() } else { code.clone() };
                let typed = format!("{noise}{}{noise}", typed.replace('-', &noise));
                prop_assert_eq!(normalise_short_code(&typed), code.replace('-', ""));
                let n = normalise_short_code(&junk);
                prop_assert!(n.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
            }
        }
    }
}
