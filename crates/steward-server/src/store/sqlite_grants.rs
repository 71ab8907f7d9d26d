//! The token checks one SQLite reader connection has answered, kept until
//! anything in the database changes (issue 8: the check was half of the CPU
//! of `GET /v1/me`).
//!
//! Why this is correct across servers: SQLite's `PRAGMA data_version`
//! changes, on a connection, whenever any other connection to the file has
//! committed since that connection last asked, whether in this process or
//! another. A reader connection never writes, so a changed version means
//! someone else committed, and the whole cache is dropped before it is
//! read. A revoked token, a disabled person or a changed membership is a
//! commit, so it stops being served from here on the next check, on every
//! server sharing the file. Expiry is the only condition that changes with
//! no commit, so each entry keeps its token's expiry and is checked against
//! the request's clock.
//!
//! PostgreSQL has no such counter and keeps no cache: the check stays one
//! round trip there.

use std::collections::HashMap;

use super::AccessGrant;

/// Entries per connection before the cache starts again. A person's
/// console makes many requests with one token; a bound keeps a flood of
/// distinct tokens from growing the server.
pub(super) const CAPACITY: usize = 1024;

#[derive(Debug, Default)]
pub(super) struct GrantCache {
    /// The connection's `data_version` the entries were read at.
    version: Option<i64>,
    /// By the token's hash (never the token), with its expiry in ms.
    entries: HashMap<String, (AccessGrant, i64)>,
}

impl GrantCache {
    /// The grant for `token_hash`, if kept and its token unexpired at
    /// `now_ms`. `version` is the connection's `data_version`, read just
    /// before: if it has moved, every entry is dropped first.
    pub(super) fn get(
        &mut self,
        version: i64,
        token_hash: &str,
        now_ms: i64,
    ) -> Option<AccessGrant> {
        if self.version != Some(version) {
            self.entries.clear();
            self.version = Some(version);
        }
        match self.entries.get(token_hash) {
            Some((grant, expires)) if *expires > now_ms => Some(grant.clone()),
            Some(_) => {
                self.entries.remove(token_hash);
                None
            }
            None => None,
        }
    }

    /// Keeps a grant read after the last `get`. A commit between that
    /// `get`'s version and the read makes the entry newer than its version
    /// says, which only costs a miss: the next `get` drops it.
    pub(super) fn put(&mut self, token_hash: &str, grant: AccessGrant, expires_ms: i64) {
        if self.entries.len() >= CAPACITY {
            self.entries.clear();
        }
        self.entries
            .insert(token_hash.to_string(), (grant, expires_ms));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::User;
    use steward_types::{Language, UserRole};
    use uuid::Uuid;

    fn grant() -> AccessGrant {
        AccessGrant {
            user: User {
                id: Uuid::from_u128(7),
                email: "ada@example.com".into(),
                display_name: "Ada".into(),
                roles: vec![UserRole::Customer],
                created_at: crate::clock::from_millis(0),
                disabled: false,
                language: Language::default(),
            },
            family_id: Uuid::from_u128(8),
            signed_in_at: crate::clock::from_millis(0),
            accounts: Vec::new(),
            two_factor_since: None,
        }
    }

    #[test]
    fn a_kept_grant_is_served_until_the_database_changes() {
        let mut c = GrantCache::default();
        assert_eq!(c.get(3, "h", 10), None);
        c.put("h", grant(), 1_000);
        assert_eq!(c.get(3, "h", 10), Some(grant()));
        assert_eq!(c.get(4, "h", 10), None, "a commit anywhere drops the cache");
        assert_eq!(c.len(), 0);
    }

    #[test]
    fn an_expired_token_is_not_served_and_is_dropped() {
        let mut c = GrantCache::default();
        c.get(1, "h", 0);
        c.put("h", grant(), 1_000);
        assert_eq!(c.get(1, "h", 999), Some(grant()));
        assert_eq!(
            c.get(1, "h", 1_000),
            None,
            "expires_at > now, as the query says"
        );
        assert_eq!(c.len(), 0);
    }

    #[test]
    fn the_cache_is_bounded() {
        let mut c = GrantCache::default();
        c.get(1, "", 0);
        for i in 0..CAPACITY + 5 {
            c.put(&i.to_string(), grant(), 1_000);
        }
        assert!(c.len() <= CAPACITY);
        assert_eq!(c.get(1, &(CAPACITY + 4).to_string(), 0), Some(grant()));
    }
}
