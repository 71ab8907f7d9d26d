//! The offline cache (issue 9): the last answer of each read, so that when
//! the server cannot be reached the console still shows what it last saw,
//! read-only, with the time it was seen.
//!
//! Encrypted at rest (ChaCha20-Poly1305) with a key that lives only in the
//! OS keyring, next to the session's credential; sign-out deletes both the
//! files and the key. A keyring that cannot be read (locked) means no cache
//! this session, never a key in a file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use steward_client::{CredentialKey, KeyringError, SecretStore};
use steward_types::Sensitive;

use crate::connections::Saved;
use crate::operations::file_name_part;

const NONCE_LEN: usize = 12;

/// One session's cache: files under `data_dir/offline/<connection>`.
pub struct OfflineCache {
    dir: PathBuf,
    cipher: ChaCha20Poly1305,
    /// False once closed: a read answered after sign-out must not write its
    /// answer back into a cache being deleted. Held across a whole write.
    open: Mutex<bool>,
}

impl std::fmt::Debug for OfflineCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfflineCache")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// What a cached read holds: the answer and when the server gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cached<T> {
    pub saved_at: DateTime<Utc>,
    pub value: T,
}

/// The keyring entry of a connection's cache key.
fn key_entry(saved: &Saved) -> CredentialKey {
    CredentialKey::new(
        format!("{}#offline-cache", saved.key_server),
        &saved.user_id,
    )
}

fn dir_of(data_dir: &Path, saved: &Saved) -> PathBuf {
    // The connection id is `{server}|{user id}`.
    data_dir
        .join("offline")
        .join(file_name_part(&saved.connection.id))
}

impl OfflineCache {
    /// The cache of `saved`, creating its key on first use.
    pub fn open(
        secrets: &dyn SecretStore,
        data_dir: &Path,
        saved: &Saved,
    ) -> Result<Self, KeyringError> {
        let entry = key_entry(saved);
        let key = match secrets.get(&entry)? {
            Some(hex) => decode_key(hex.expose()),
            None => None,
        };
        let key = match key {
            Some(key) => key,
            None => {
                let key = ChaCha20Poly1305::generate_key(&mut OsRng);
                secrets.set(&entry, &Sensitive::new(encode_key(&key)))?;
                // A new key cannot read what an old one wrote.
                let _ = fs::remove_dir_all(dir_of(data_dir, saved));
                key
            }
        };
        let dir = dir_of(data_dir, saved);
        // Made here and never by a write: once `remove` has deleted the
        // folder, a late write from any reader fails instead of bringing it back.
        if let Err(e) = fs::create_dir_all(&dir) {
            tracing::warn!(error = %e, "cannot create the offline cache folder");
        }
        Ok(Self {
            dir,
            cipher: ChaCha20Poly1305::new(&key),
            open: Mutex::new(true),
        })
    }

    /// No more writes, from now and from any read still under way; a write
    /// under way finishes first.
    pub fn close(&self) {
        *self.open.lock().unwrap_or_else(PoisonError::into_inner) = false;
    }

    /// Deletes `saved`'s cached files and its key. The files go first: a
    /// key left behind unlocks nothing.
    pub fn remove(
        secrets: &dyn SecretStore,
        data_dir: &Path,
        saved: &Saved,
    ) -> Result<(), KeyringError> {
        match fs::remove_dir_all(dir_of(data_dir, saved)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                tracing::warn!(error = %e, "could not delete the offline cache");
            }
            _ => {}
        }
        secrets.delete(&key_entry(saved))
    }

    /// Keeps `value` as the answer of `name` (a read and its arguments).
    /// Best effort: a full disk costs the offline copy, not the answer.
    pub fn put<T: Serialize>(&self, name: &str, value: &T, now: DateTime<Utc>) {
        if let Err(e) = self.try_put(name, value, now) {
            tracing::warn!(error = %e, name, "could not keep an offline copy");
        }
    }

    fn try_put<T: Serialize>(&self, name: &str, value: &T, now: DateTime<Utc>) -> io::Result<()> {
        let plain = serde_json::to_vec(&Cached {
            saved_at: now,
            value,
        })?;
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: &plain,
                    aad: name.as_bytes(),
                },
            )
            .map_err(|_| io::Error::other("encryption failed"))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if !*open {
            return Ok(());
        }
        // Written aside and renamed, so a crash leaves the old copy or the new.
        let path = self.path(name);
        let tmp = path.with_extension("tmp");
        fs::write(&tmp, bytes)?;
        fs::rename(tmp, path)
    }

    /// The last answer of `name`, if one was kept and still decrypts.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Option<Cached<T>> {
        let bytes = fs::read(self.path(name)).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: name.as_bytes(),
                },
            )
            .ok()?;
        serde_json::from_slice(&plain).ok()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{}.bin", file_name_part(name)))
    }
}

fn encode_key(key: &Key) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_key(hex: &str) -> Option<Key> {
    if hex.len() != 64 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..32)
        .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect();
    Some(*Key::from_slice(&bytes?))
}

#[cfg(test)]
mod tests {
    use steward_client::MemoryStore;
    use steward_types::desktop::Connection;

    use super::*;

    fn saved() -> Saved {
        Saved {
            connection: Connection {
                id: "https://accounts.example.com/|0192f3c4".into(),
                server_url: "https://accounts.example.com/".into(),
                demo: false,
                user_email: "kim@example.com".into(),
                display_name: "Kim".into(),
                last_used: Utc::now(),
            },
            key_server: "https://accounts.example.com/".into(),
            user_id: "0192f3c4".into(),
            signed_in: true,
        }
    }

    #[test]
    fn keeps_the_last_answer_encrypted_and_reads_it_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keyring = MemoryStore::new();
        let cache = OfflineCache::open(&keyring, dir.path(), &saved()).expect("open");
        let at = DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        cache.put(
            "profile-1",
            &serde_json::json!({"legal_name": "Kim Example"}),
            at,
        );
        let back: Cached<serde_json::Value> = cache.get("profile-1").expect("cached");
        assert_eq!(back.saved_at, at);
        assert_eq!(back.value["legal_name"], "Kim Example");
        assert!(cache.get::<serde_json::Value>("profile-2").is_none());

        // On disk: nothing readable.
        let files: Vec<_> = walk(dir.path());
        assert_eq!(files.len(), 1, "{files:?}");
        let bytes = fs::read(&files[0]).expect("read");
        assert!(!String::from_utf8_lossy(&bytes).contains("Kim"));

        // The same key from the keyring opens it again (a restart).
        let again = OfflineCache::open(&keyring, dir.path(), &saved()).expect("open");
        assert!(again.get::<serde_json::Value>("profile-1").is_some());
    }

    #[test]
    fn a_file_moved_to_another_name_does_not_decrypt() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keyring = MemoryStore::new();
        let cache = OfflineCache::open(&keyring, dir.path(), &saved()).expect("open");
        cache.put("invoices-a", &1, Utc::now());
        fs::copy(cache.path("invoices-a"), cache.path("invoices-b")).expect("copy");
        assert!(cache.get::<i32>("invoices-a").is_some());
        assert!(cache.get::<i32>("invoices-b").is_none());
    }

    #[test]
    fn removal_deletes_files_and_key_and_a_new_key_reads_nothing_old() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keyring = MemoryStore::new();
        let cache = OfflineCache::open(&keyring, dir.path(), &saved()).expect("open");
        cache.put("me", &"x", Utc::now());
        cache.close();
        OfflineCache::remove(&keyring, dir.path(), &saved()).expect("remove");
        // A read answered after sign-out writes nothing back.
        cache.put("late", &"y", Utc::now());
        assert!(walk(dir.path()).is_empty());
        assert!(keyring.is_empty());
        let fresh = OfflineCache::open(&keyring, dir.path(), &saved()).expect("open");
        assert!(fresh.get::<String>("me").is_none());
    }

    #[test]
    fn a_locked_keyring_gives_no_cache_and_writes_no_key_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keyring = MemoryStore::new();
        keyring.fail_with(Some(KeyringError::Locked));
        assert!(matches!(
            OfflineCache::open(&keyring, dir.path(), &saved()),
            Err(KeyringError::Locked)
        ));
        assert!(walk(dir.path()).is_empty());
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }
}
