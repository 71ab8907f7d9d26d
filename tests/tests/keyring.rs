//! `KeyringStore` against the real Secret Service (gnome-keyring on a private
//! D-Bus session): the round trip, and the two failures that must never read
//! as "no credential" (PR-16).

use steward_client::{CredentialKey, KeyringError, KeyringStore, SecretStore};
use steward_tests::keyring_session::KeyringSession;
use steward_types::Sensitive;

fn key() -> CredentialKey {
    CredentialKey::new("https://accounts.example.com/", "user-1")
}

#[test]
fn round_trip_overwrite_and_delete() {
    let _session = KeyringSession::start();
    let store = KeyringStore::new();
    assert_eq!(store.get(&key()), Ok(None));
    store
        .set(&key(), &Sensitive::new("rt-1".into()))
        .expect("set");
    store
        .set(&key(), &Sensitive::new("rt-2".into()))
        .expect("overwrite");
    assert_eq!(
        store
            .get(&key())
            .expect("get")
            .map(Sensitive::into_inner)
            .as_deref(),
        Some("rt-2")
    );
    store.delete(&key()).expect("delete");
    assert_eq!(store.get(&key()), Ok(None));
    store
        .delete(&key())
        .expect("deleting a missing entry succeeds");
}

#[test]
fn entries_are_per_server_and_user() {
    let _session = KeyringSession::start();
    let store = KeyringStore::new();
    let a = CredentialKey::new("https://a.example/", "u");
    let b = CredentialKey::new("https://b.example/", "u");
    store.set(&a, &Sensitive::new("for-a".into())).expect("set");
    assert_eq!(store.get(&b), Ok(None));
    assert_eq!(
        store
            .get(&a)
            .expect("get")
            .map(Sensitive::into_inner)
            .as_deref(),
        Some("for-a")
    );
}

#[test]
fn a_locked_keyring_fails_every_call_as_locked() {
    let session = KeyringSession::start();
    let store = KeyringStore::new();
    store
        .set(&key(), &Sensitive::new("rt".into()))
        .expect("seed");
    session.lock();
    assert_eq!(
        store.get(&key()),
        Err(KeyringError::Locked),
        "locked is not 'no entry'"
    );
    assert_eq!(
        store.set(&key(), &Sensitive::new("rt2".into())),
        Err(KeyringError::Locked)
    );
    assert_eq!(store.delete(&key()), Err(KeyringError::Locked));
}

#[test]
fn no_secret_service_fails_every_call_as_unavailable() {
    let mut session = KeyringSession::start();
    session.stop_service();
    let store = KeyringStore::new();
    for r in [
        store.get(&key()).map(|_| ()),
        store.set(&key(), &Sensitive::new("rt".into())),
        store.delete(&key()),
    ] {
        assert!(matches!(r, Err(KeyringError::Unavailable(_))), "{r:?}");
    }
    let advice = KeyringError::Unavailable(String::new())
        .advice()
        .unwrap_or_default();
    assert!(
        advice.contains("gnome-keyring") || advice.contains("Secret Service"),
        "{advice}"
    );
}
