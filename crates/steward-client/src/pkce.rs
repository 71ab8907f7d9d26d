//! PKCE (RFC 7636) and the OAuth `state` value.
//!
//! The console is a public client: PKCE is what stops a stolen authorization code
//! (e.g. read by another local process) from being redeemed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::rngs::OsRng;
use rand::RngCore as _;
use sha2::{Digest, Sha256};
use steward_types::Sensitive;

/// The only method we send; `plain` gives no protection.
pub const CHALLENGE_METHOD: &str = "S256";

/// A code verifier and its S256 challenge.
#[derive(Debug, Clone)]
pub struct Pkce {
    verifier: Sensitive<String>,
    challenge: String,
}

impl Pkce {
    /// 32 bytes from the OS CSPRNG: a 43-character verifier (the RFC's minimum length,
    /// with 256 bits of entropy).
    pub fn generate() -> Self {
        Self::from_verifier(random_b64(32))
    }

    pub fn from_verifier(verifier: String) -> Self {
        let challenge = s256_challenge(&verifier);
        Self {
            verifier: Sensitive::new(verifier),
            challenge,
        }
    }

    pub fn verifier(&self) -> &Sensitive<String> {
        &self.verifier
    }

    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

/// `BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))`.
pub fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// An unguessable `state` (128 bits) binding the redirect to this attempt.
pub fn random_state() -> String {
    random_b64(16)
}

fn random_b64(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        let p = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        assert_eq!(p.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn generated_verifiers_are_43_unreserved_chars_and_unique() {
        let a = Pkce::generate();
        let b = Pkce::generate();
        let v = a.verifier().expose();
        assert_eq!(v.len(), 43);
        assert!(v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(v, b.verifier().expose());
        assert_eq!(a.challenge(), s256_challenge(v));
        assert!(
            !format!("{a:?}").contains(v.as_str()),
            "Debug must not show the verifier"
        );
    }

    #[test]
    fn states_are_random() {
        let s = random_state();
        assert_eq!(s.len(), 22);
        assert_ne!(s, random_state());
    }
}
