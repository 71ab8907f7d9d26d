//! Where the refresh token lives: the OS keyring, never a file.
//!
//! One entry per server and user: service `steward`, user `"{server}|{user}"`.
//! The calls are blocking (D-Bus round trips, possibly an unlock prompt); async code
//! calls them through `spawn_blocking`.

use std::fmt;

use steward_types::Sensitive;

use crate::error::KeyringError;

/// The keyring service name of every Steward entry.
pub const KEYRING_SERVICE: &str = "steward";

/// Which keyring entry: the connection (server) and the user id on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CredentialKey {
    pub server: String,
    pub user: String,
}

impl CredentialKey {
    pub fn new(server: impl Into<String>, user: impl Into<String>) -> Self {
        Self {
            server: server.into(),
            user: user.into(),
        }
    }

    /// The keyring `user` attribute.
    pub fn account(&self) -> String {
        format!("{}|{}", self.server, self.user)
    }
}

impl fmt::Display for CredentialKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.account())
    }
}

/// A secure store for one secret per key.
///
/// `get` returns `Ok(None)` only when there is definitely no entry; a locked or
/// missing keyring is an error, so it can never be mistaken for "signed out".
pub trait SecretStore: Send + Sync {
    fn get(&self, key: &CredentialKey) -> Result<Option<Sensitive<String>>, KeyringError>;
    fn set(&self, key: &CredentialKey, secret: &Sensitive<String>) -> Result<(), KeyringError>;
    /// Deleting an entry that does not exist succeeds.
    fn delete(&self, key: &CredentialKey) -> Result<(), KeyringError>;
}

/// The OS keyring through keyring 4 / keyring-core: Secret Service (zbus, pure Rust)
/// on Linux and BSD, Keychain on macOS, Credential Manager on Windows.
#[derive(Debug, Default)]
pub struct KeyringStore {
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    store: std::sync::Mutex<Option<std::sync::Arc<keyring_core::CredentialStore>>>,
}

impl KeyringStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens the Secret Service store, or reuses the open one. A failure is not
    /// cached: after the user starts or unlocks their keyring, the next call works.
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    fn entry(&self, key: &CredentialKey) -> Result<keyring_core::Entry, KeyringError> {
        use std::collections::HashMap;
        use std::sync::Arc;

        let store = {
            let mut slot = self.store.lock().unwrap_or_else(|p| p.into_inner());
            match slot.as_ref() {
                Some(s) => s.clone(),
                None => {
                    let s: Arc<keyring_core::CredentialStore> =
                        zbus_secret_service_keyring_store::Store::new()
                            .map_err(|e| KeyringError::Unavailable(platform_message(&e)))?;
                    *slot = Some(s.clone());
                    s
                }
            }
        };
        let label = format!("Steward sign-in ({})", key.server);
        let mods = HashMap::from([("label", label.as_str())]);
        keyring_core::Entry::new_in_store_with_modifiers(
            &store,
            KEYRING_SERVICE,
            &key.account(),
            &mods,
        )
        .map_err(map_error)
    }

    #[cfg(not(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    )))]
    fn entry(&self, key: &CredentialKey) -> Result<keyring_core::Entry, KeyringError> {
        keyring::Entry::new(KEYRING_SERVICE, &key.account())
            .map(|e| e.inner)
            .map_err(map_error)
    }

    /// After a connection-level failure, drop the store so the next call reconnects
    /// (the daemon may have restarted).
    fn after_error(&self, err: &KeyringError) {
        if matches!(err, KeyringError::Unavailable(_)) {
            self.reset();
        }
    }

    /// Runs `op`; when the connection to the keyring went stale (the daemon
    /// restarted, e.g. after a log-out and log-in, so our D-Bus session is
    /// gone), reconnects and tries once more before reporting the error.
    fn run<T>(&self, op: impl Fn() -> Result<T, KeyringError>) -> Result<T, KeyringError> {
        let first = op();
        let result = match first {
            Err(ref e) if is_stale(e) => {
                tracing::info!(error = %e, "keyring connection stale; reconnecting");
                self.reset();
                op()
            }
            other => other,
        };
        result.inspect_err(|e| {
            tracing::warn!(error = %e, "keyring operation failed");
            self.after_error(e);
        })
    }

    fn reset(&self) {
        #[cfg(all(
            unix,
            not(any(target_os = "macos", target_os = "ios", target_os = "android"))
        ))]
        {
            *self.store.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, key: &CredentialKey) -> Result<Option<Sensitive<String>>, KeyringError> {
        self.run(|| match self.entry(key)?.get_password() {
            Ok(secret) => Ok(Some(Sensitive::new(secret))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e)),
        })
    }

    fn set(&self, key: &CredentialKey, secret: &Sensitive<String>) -> Result<(), KeyringError> {
        self.run(|| {
            self.entry(key)?
                .set_password(secret.expose())
                .map_err(map_error)
        })
    }

    fn delete(&self, key: &CredentialKey) -> Result<(), KeyringError> {
        self.run(|| match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(e)),
        })
    }
}

/// A failure that a fresh connection may cure: no service reachable, or a
/// Secret Service session that no longer exists on the daemon.
fn is_stale(err: &KeyringError) -> bool {
    match err {
        KeyringError::Unavailable(_) => true,
        KeyringError::Other(msg) => {
            let m = msg.to_ascii_lowercase();
            m.contains("nosession")
                || m.contains("session does not exist")
                || m.contains("disconnected")
        }
        KeyringError::Locked => false,
    }
}

/// Maps keyring-core errors onto what the user can act on.
///
/// The Secret Service store reports a locked collection and a dismissed unlock
/// prompt as `NoStorageAccess`, but a few calls (creating an item) wrap the same
/// condition in `PlatformFailure`; the D-Bus error names tell those apart from a
/// missing daemon. Never formats secret bytes (`BadEncoding` carries them).
pub(crate) fn map_error(err: keyring_core::Error) -> KeyringError {
    use keyring_core::Error as E;
    match err {
        E::NoStorageAccess(_) => KeyringError::Locked,
        E::NoDefaultStore => KeyringError::Unavailable(
            "no credential store could be opened (is a D-Bus session running?)".into(),
        ),
        E::PlatformFailure(e) => classify_platform(&platform_message_of(e.as_ref())),
        E::NoEntry => KeyringError::Other("no such entry".into()),
        E::BadEncoding(_) => KeyringError::Other("the stored credential is not valid text".into()),
        E::BadDataFormat(..) => KeyringError::Other("the stored credential is malformed".into()),
        E::Ambiguous(entries) => KeyringError::Other(format!(
            "{} keyring entries match this sign-in",
            entries.len()
        )),
        other => KeyringError::Other(other.to_string()),
    }
}

fn classify_platform(msg: &str) -> KeyringError {
    let lower = msg.to_ascii_lowercase();
    let locked = ["object locked", "prompt dismissed", "islocked", "is locked"];
    let unavailable = [
        "serviceunknown",
        "service unknown",
        "namehasnoowner",
        "no secret service provider",
        "noreply",
        "dbus_session_bus_address",
        "connection refused",
        "no such file or directory",
        "disconnected",
        "connection closed",
        "spawnchildexited",
    ];
    if locked.iter().any(|p| lower.contains(p)) {
        KeyringError::Locked
    } else if unavailable.iter().any(|p| lower.contains(p)) {
        KeyringError::Unavailable(msg.to_string())
    } else {
        KeyringError::Other(msg.to_string())
    }
}

#[cfg_attr(
    not(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    )),
    allow(dead_code)
)]
fn platform_message(err: &keyring_core::Error) -> String {
    match err {
        keyring_core::Error::PlatformFailure(e) | keyring_core::Error::NoStorageAccess(e) => {
            platform_message_of(e.as_ref())
        }
        other => other.to_string(),
    }
}

/// The error and its sources in one line (the D-Bus error name is usually deep inside).
fn platform_message_of(err: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        let part = s.to_string();
        if !msg.contains(&part) {
            msg.push_str(": ");
            msg.push_str(&part);
        }
        source = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryStore;

    #[test]
    fn one_entry_per_server_and_user() {
        let k = CredentialKey::new("conn-1", "0190-user");
        assert_eq!(k.account(), "conn-1|0190-user");
        assert_eq!(k.to_string(), "conn-1|0190-user");
    }

    #[test]
    fn memory_store_round_trip_and_failures() {
        let s = MemoryStore::new();
        let k = CredentialKey::new("a", "u");
        assert_eq!(s.get(&k), Ok(None));
        s.set(&k, &Sensitive::new("rt-1".into())).expect("set");
        assert_eq!(
            s.get(&k).expect("get").map(|v| v.into_inner()),
            Some("rt-1".to_string())
        );
        assert_eq!(
            s.get(&CredentialKey::new("b", "u")),
            Ok(None),
            "keys are per server"
        );
        s.fail_with(Some(KeyringError::Locked));
        assert_eq!(
            s.get(&k),
            Err(KeyringError::Locked),
            "locked is not 'no credential'"
        );
        s.fail_with(None);
        s.delete(&k).expect("delete");
        s.delete(&k).expect("deleting a missing entry succeeds");
        assert!(s.is_empty());
        assert_eq!(s.writes(), 1);
    }

    #[test]
    fn keyring_core_errors_map_to_locked_and_unavailable() {
        use keyring_core::Error as E;
        let boxed = |m: &str| -> keyring_core::error::PlatformError { m.to_string().into() };
        assert_eq!(
            map_error(E::NoStorageAccess(boxed("SS Error: prompt dismissed"))),
            KeyringError::Locked
        );
        assert!(matches!(
            map_error(E::NoDefaultStore),
            KeyringError::Unavailable(_)
        ));
        assert!(matches!(
            map_error(E::PlatformFailure(boxed(
                "zbus error: org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable"
            ))),
            KeyringError::Unavailable(_)
        ));
        assert_eq!(
            map_error(E::PlatformFailure(boxed("SS Error: object locked"))),
            KeyringError::Locked
        );
        let bad = map_error(E::BadEncoding(b"secret-bytes\xff".to_vec()));
        assert!(!bad.to_string().contains("secret-bytes"));
    }
    // Real-keyring behaviour is tested in tests/tests/keyring.rs, each test
    // with its own private gnome-keyring session.
}
