//! An in-memory `SecretStore`, compiled only for tests and the `test-util` feature.

use std::collections::HashMap;
use std::sync::Mutex;

use steward_types::Sensitive;

use crate::error::KeyringError;
use crate::keyring::{CredentialKey, SecretStore};

/// An in-memory `SecretStore` for tests (feature `test-util`). It forgets
/// everything on drop, so it must never back a real session.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<CredentialKey, String>>,
    failure: Mutex<Option<KeyringError>>,
    writes: Mutex<u64>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes every call fail with `err` (e.g. `Locked`) until cleared with `None`.
    pub fn fail_with(&self, err: Option<KeyringError>) {
        *lock(&self.failure) = err;
    }

    /// Number of successful `set` calls (tests: one refresh = one write).
    pub fn writes(&self) -> u64 {
        *lock(&self.writes)
    }

    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn check(&self) -> Result<(), KeyringError> {
        match lock(&self.failure).clone() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl SecretStore for MemoryStore {
    fn get(&self, key: &CredentialKey) -> Result<Option<Sensitive<String>>, KeyringError> {
        self.check()?;
        Ok(lock(&self.entries).get(key).cloned().map(Sensitive::new))
    }

    fn set(&self, key: &CredentialKey, secret: &Sensitive<String>) -> Result<(), KeyringError> {
        self.check()?;
        lock(&self.entries).insert(key.clone(), secret.expose().clone());
        *lock(&self.writes) += 1;
        Ok(())
    }

    fn delete(&self, key: &CredentialKey) -> Result<(), KeyringError> {
        self.check()?;
        lock(&self.entries).remove(key);
        Ok(())
    }
}
