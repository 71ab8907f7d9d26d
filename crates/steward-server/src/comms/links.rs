//! One-click unsubscribe links (RFC 8058): a token per recipient and
//! purpose, signed with a key all servers share (kept in the database), so
//! a link works without signing in, cannot be forged, and cannot be turned
//! against another recipient or purpose.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Sha256;
use steward_types::comms::Purpose;
use uuid::Uuid;

use crate::state::AppState;
use crate::store::StoreResult;

const KEY_NAME: &str = "unsubscribe-links-v1";
const MAC_LEN: usize = 16;

/// The shared signing key, created by the first server that needs it.
pub async fn key(state: &AppState) -> StoreResult<Vec<u8>> {
    let mut fresh = [0u8; 32];
    OsRng.fill_bytes(&mut fresh);
    state
        .store
        .server_key(KEY_NAME, &fresh, state.clock.now())
        .await
}

fn mac(key: &[u8], user_id: Uuid, purpose: Purpose) -> Option<[u8; MAC_LEN]> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).ok()?;
    m.update(b"steward unsubscribe v1\0");
    m.update(user_id.as_bytes());
    m.update(purpose.as_str().as_bytes());
    let full = m.finalize().into_bytes();
    let mut out = [0u8; MAC_LEN];
    out.copy_from_slice(full.get(..MAC_LEN)?);
    Some(out)
}

fn purpose_index(p: Purpose) -> u8 {
    Purpose::ALL
        .iter()
        .position(|x| *x == p)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}

/// The token of the link that unsubscribes `user_id` from `purpose` e-mail.
pub fn token(key: &[u8], user_id: Uuid, purpose: Purpose) -> String {
    let mut bytes = Vec::with_capacity(16 + 1 + MAC_LEN);
    bytes.extend_from_slice(user_id.as_bytes());
    bytes.push(purpose_index(purpose));
    bytes.extend_from_slice(&mac(key, user_id, purpose).unwrap_or([0; MAC_LEN]));
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Who and what a token unsubscribes, if it is genuine.
pub fn verify(key: &[u8], token: &str) -> Option<(Uuid, Purpose)> {
    let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
    if bytes.len() != 16 + 1 + MAC_LEN {
        return None;
    }
    let user_id = Uuid::from_slice(bytes.get(..16)?).ok()?;
    let purpose = *Purpose::ALL.get(usize::from(*bytes.get(16)?))?;
    let expected = mac(key, user_id, purpose)?;
    crate::crypto::constant_time_eq(&expected, bytes.get(17..)?).then_some((user_id, purpose))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_recipient_and_purpose_and_nothing_else() {
        let key = [7u8; 32];
        let alice = Uuid::now_v7();
        let bob = Uuid::now_v7();
        let t = token(&key, alice, Purpose::Newsletters);
        assert_eq!(verify(&key, &t), Some((alice, Purpose::Newsletters)));
        // Another key, another recipient or purpose, any flipped byte: refused.
        assert_eq!(verify(&[8u8; 32], &t), None);
        let mut bytes = URL_SAFE_NO_PAD.decode(&t).expect("b64");
        bytes[..16].copy_from_slice(bob.as_bytes());
        assert_eq!(verify(&key, &URL_SAFE_NO_PAD.encode(&bytes)), None);
        let mut bytes = URL_SAFE_NO_PAD.decode(&t).expect("b64");
        bytes[16] = purpose_index(Purpose::ProductTesting);
        assert_eq!(verify(&key, &URL_SAFE_NO_PAD.encode(&bytes)), None);
        for i in 0..bytes.len() {
            let mut b = URL_SAFE_NO_PAD.decode(&t).expect("b64");
            b[i] ^= 1;
            assert_eq!(verify(&key, &URL_SAFE_NO_PAD.encode(&b)), None, "byte {i}");
        }
        assert_eq!(verify(&key, "not-a-token"), None);
    }

    mod fuzz {
        //! Forged or mangled links never verify and never panic (issue 7).
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            #[test]
            fn arbitrary_tokens_never_verify(t in prop_oneof![
                any::<String>(),
                "[A-Za-z0-9_-]{0,60}",
                prop::collection::vec(any::<u8>(), 33..34).prop_map(|b| URL_SAFE_NO_PAD.encode(b)),
            ]) {
                prop_assert_eq!(verify(&[7u8; 32], &t), None);
            }

            #[test]
            fn any_changed_byte_is_refused(
                user in any::<u128>(),
                purpose in prop::sample::select(Purpose::ALL.to_vec()),
                at in 0usize..33,
                flip in 1u8..=255,
            ) {
                let key = [9u8; 32];
                let id = Uuid::from_u128(user);
                let t = token(&key, id, purpose);
                prop_assert_eq!(verify(&key, &t), Some((id, purpose)));
                let mut b = URL_SAFE_NO_PAD.decode(&t).expect("b64");
                b[at] ^= flip;
                prop_assert_eq!(verify(&key, &URL_SAFE_NO_PAD.encode(&b)), None);
            }
        }
    }
}
