//! The SQLite store's hot reads, over rusqlite: the token check every
//! authenticated request makes, the reads behind `/v1/me` and a profile,
//! and the data export's pages.
//!
//! Why not sqlx here: sqlx runs each SQLite connection on its own thread
//! and hands every statement and every row across a channel. Profiled under
//! `make bench` (issue 8), the thread switches cost more than the queries:
//! an indexed lookup that SQLite answers in a few microseconds took about
//! 70 through sqlx, and an export spent most of its time switching threads
//! per row. These connections are read-only and run the statement on the
//! calling thread, from a statement cache.
//!
//! Consistency: in WAL mode a read that starts after a commit returned sees
//! it, whichever connection made it, so reads here see every write the
//! sqlx pool acknowledged. Readers never block writers, and wait on them
//! only through a checkpoint's brief lock (the busy timeout covers it).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};
use serde_json::{Map, Value};
use steward_types::comms::{Channel, PrefState, Purpose};
use steward_types::{AccountAccess, AccountKind, MemberRole};
use uuid::Uuid;

use super::sqlite_grants::GrantCache;
use super::{AccessGrant, AccountRow, ColumnKind, PageKey, ProfileRow, StoreResult, User};

type CommCell = (Purpose, Channel, PrefState);

/// Statements kept prepared per connection.
const STATEMENT_CACHE: usize = 64;

pub struct Readers {
    /// `None` once closed.
    conns: Vec<Mutex<Option<Reader>>>,
    next: AtomicUsize,
}

/// One read-only connection and the token checks it has answered.
struct Reader {
    conn: Connection,
    grants: GrantCache,
}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readers")
            .field("connections", &self.conns.len())
            .finish()
    }
}

/// A reader's (or the writer's) error as the store's. Busy or locked past the busy timeout is
/// contention, like a pool that timed out: the client gets 503 with
/// Retry-After (`is_contention`), not 500.
pub(super) fn err(e: rusqlite::Error) -> sqlx::Error {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    match e.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => sqlx::Error::PoolTimedOut,
        _ => sqlx::Error::Protocol(format!("sqlite reader: {e}")),
    }
}

fn uuid(row: &Row<'_>, i: usize) -> rusqlite::Result<Uuid> {
    let bytes: Vec<u8> = row.get(i)?;
    Uuid::from_slice(&bytes).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, Box::new(e))
    })
}

fn millis(ms: i64) -> DateTime<Utc> {
    crate::clock::from_millis(ms)
}

/// An `accounts` row's columns 0 to 4 (`id, name, kind, created_at,
/// invoiced_at`), read while the statement runs...
type RawAccount = (Uuid, String, String, i64, Option<i64>);

fn raw_account(r: &Row<'_>) -> rusqlite::Result<RawAccount> {
    Ok((uuid(r, 0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

/// ...and decoded after it, where a bad value is the store's error.
fn account_row((id, name, kind, created_at, invoiced_at): RawAccount) -> StoreResult<AccountRow> {
    Ok(AccountRow {
        id,
        name,
        kind: AccountKind::parse(&kind)
            .ok_or_else(|| super::sql::decode_err("account kind", &kind))?,
        created_at: millis(created_at),
        invoiced_at: invoiced_at.map(millis),
    })
}

impl Readers {
    /// `count` read-only connections to the database file at `path`.
    pub fn open(path: &Path, count: usize) -> anyhow::Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conns = (0..count.max(1))
            .map(|_| {
                let c = Connection::open_with_flags(path, flags)?;
                c.busy_timeout(Duration::from_secs(5))?;
                c.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
                Ok(Mutex::new(Some(Reader {
                    conn: c,
                    grants: GrantCache::default(),
                })))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Self {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `f` on a free connection (the first free one from a rotating
    /// start; if all are busy, waits for one).
    fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> StoreResult<T> {
        self.with_reader(|r| f(&r.conn).map_err(err))
    }

    /// `with`, given the connection's grant cache as well.
    fn with_reader<T>(&self, f: impl FnOnce(&mut Reader) -> StoreResult<T>) -> StoreResult<T> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.conns.len();
        let run = |slot: &mut Option<Reader>| match slot {
            Some(reader) => f(reader),
            None => Err(sqlx::Error::PoolClosed),
        };
        for i in 0..n {
            if let Ok(mut slot) = self.conns[(start + i) % n].try_lock() {
                return run(&mut slot);
            }
        }
        let mut slot = self.conns[start % n]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        run(&mut slot)
    }

    /// Closes every connection (before a backup renames the file).
    pub fn close(&self) {
        for slot in &self.conns {
            slot.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
        }
    }

    /// `Store::access_grant`: the token, its session, the person, roles,
    /// memberships and two-factor, in one statement and so in one read
    /// transaction (each costs the WAL index's shared lock). Answered from
    /// the connection's cache while nothing in the database has changed
    /// (`sqlite_grants.rs` says why that holds across servers).
    pub fn access_grant(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<AccessGrant>> {
        let now_ms = crate::clock::to_millis(now);
        self.with_reader(|r| {
            let version: i64 = r
                .conn
                .prepare_cached("PRAGMA data_version")
                .and_then(|mut s| s.query_row([], |row| row.get(0)))
                .map_err(err)?;
            if let Some(grant) = r.grants.get(version, token_hash, now_ms) {
                return Ok(Some(grant));
            }
            let raw = r
                .conn
                .prepare_cached(<super::SqliteStore as super::sql::HasDb>::ACCESS_GRANT)
                .and_then(|mut s| {
                    s.query_row(rusqlite::params![token_hash, now_ms], |r| {
                        let roles: Option<String> = r.get(7)?;
                        let roles = roles
                            .map(|s| s.split(',').map(str::to_string).collect())
                            .unwrap_or_default();
                        let grant = AccessGrant {
                            family_id: uuid(r, 0)?,
                            signed_in_at: millis(r.get(1)?),
                            user: User {
                                id: uuid(r, 2)?,
                                email: r.get(3)?,
                                display_name: r.get(4)?,
                                roles: super::roles_from(roles),
                                created_at: millis(r.get(5)?),
                                disabled: false,
                                language: super::language_from(&r.get::<_, String>(6)?),
                            },
                            accounts: Vec::new(),
                            two_factor_since: r.get::<_, Option<i64>>(9)?.map(millis),
                        };
                        let accounts: Option<String> = r.get(8)?;
                        let expires_ms: i64 = r.get(10)?;
                        Ok((grant, accounts, expires_ms))
                    })
                    .optional()
                })
                .map_err(err)?;
            // Decoded after the statement, where a bad value is the store's error.
            let Some((mut grant, accounts, expires_ms)) = raw else {
                return Ok(None);
            };
            grant.accounts = super::accounts_from_json(accounts.as_deref())?;
            r.grants.put(token_hash, grant.clone(), expires_ms);
            Ok(Some(grant))
        })
    }

    /// `Store::accounts_of`.
    pub fn accounts_of(&self, user_id: Uuid) -> StoreResult<Vec<AccountAccess>> {
        let rows = self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT a.id, a.name, a.kind, m.role FROM account_members m \
                 JOIN accounts a ON a.id = m.account_id \
                 WHERE m.user_id = ?1 ORDER BY a.name, a.id",
            )?;
            let rows = stmt.query_map([user_id.as_bytes().as_slice()], |r| {
                Ok((
                    uuid(r, 0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        rows.into_iter()
            .map(|(account_id, name, kind, role)| {
                let role = MemberRole::parse(&role)
                    .ok_or_else(|| super::sql::decode_err("member role", &role))?;
                Ok(AccountAccess {
                    account_id,
                    name,
                    kind: AccountKind::parse(&kind)
                        .ok_or_else(|| super::sql::decode_err("account kind", &kind))?,
                    role,
                    capabilities: role.capabilities(),
                })
            })
            .collect()
    }

    /// `AccountStore::account`.
    pub fn account(&self, account_id: Uuid) -> StoreResult<Option<AccountRow>> {
        let row = self.with(|c| {
            c.prepare_cached(
                "SELECT id, name, kind, created_at, invoiced_at FROM accounts WHERE id = ?1",
            )?
            .query_row([account_id.as_bytes().as_slice()], raw_account)
            .optional()
        })?;
        row.map(account_row).transpose()
    }

    /// `AccountStore::profile`.
    pub fn profile(&self, account_id: Uuid) -> StoreResult<Option<ProfileRow>> {
        self.with(|c| {
            c.prepare_cached(
                "SELECT doc, version, updated_at FROM account_profiles WHERE account_id = ?1",
            )?
            .query_row([account_id.as_bytes().as_slice()], |r| {
                Ok(ProfileRow {
                    doc: r.get(0)?,
                    version: r.get(1)?,
                    updated_at: millis(r.get(2)?),
                })
            })
            .optional()
        })
    }

    /// `AccountStore::account_profile`.
    pub fn account_profile(
        &self,
        account_id: Uuid,
    ) -> StoreResult<Option<(AccountRow, Option<ProfileRow>)>> {
        let row = self.with(|c| {
            c.prepare_cached(super::sql_account::ACCOUNT_PROFILE_SQL)?
                .query_row([account_id.as_bytes().as_slice()], |r| {
                    let profile = match r.get::<_, Option<i64>>(6)? {
                        Some(version) => Some(ProfileRow {
                            doc: r.get(5)?,
                            version,
                            updated_at: millis(r.get(7)?),
                        }),
                        None => None,
                    };
                    Ok((raw_account(r)?, profile))
                })
                .optional()
        })?;
        row.map(|(raw, profile)| Ok((account_row(raw)?, profile)))
            .transpose()
    }

    /// `CommsStore::comm_prefs`: the stored cells and the matrix version,
    /// read in one transaction so they agree.
    pub fn comm_prefs(&self, user_id: Uuid) -> StoreResult<(Vec<CommCell>, i64)> {
        let (raw, version) = self.with(|c| {
            let tx = c.unchecked_transaction()?;
            let version = tx
                .prepare_cached("SELECT version FROM comm_pref_versions WHERE user_id = ?1")?
                .query_row([user_id.as_bytes().as_slice()], |r| r.get::<_, i64>(0))
                .optional()?;
            let raw = tx
                .prepare_cached(
                    "SELECT purpose, channel, state FROM comm_prefs WHERE user_id = ?1",
                )?
                .query_map([user_id.as_bytes().as_slice()], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            tx.finish()?;
            Ok((raw, version))
        })?;
        let cells = raw
            .iter()
            .map(|(p, ch, st)| super::sql_comms::cell(p, ch, st))
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((cells, version.unwrap_or(0)))
    }

    /// `NoticeStore::policy_in_force`.
    pub fn policy_in_force(&self, at: DateTime<Utc>) -> StoreResult<String> {
        self.with(|c| {
            c.prepare_cached(super::sql_comms::POLICY_IN_FORCE)?
                .query_row([crate::clock::to_millis(at)], |r| r.get(0))
        })
    }

    /// `ExportStore::export_rows`: the same SQL (`$1`, `$2` are bound by
    /// position, as SQLite numbers them in order) and the same values.
    pub fn export_rows(
        &self,
        sql: &str,
        scope: Uuid,
        after: Option<&PageKey>,
        columns: &[(&'static str, ColumnKind)],
    ) -> StoreResult<Vec<Map<String, Value>>> {
        let raw = self.with(|c| {
            let mut stmt = c.prepare_cached(sql)?;
            stmt.raw_bind_parameter(1, scope.as_bytes().as_slice())?;
            match after {
                Some(PageKey::Uuid(id)) => stmt.raw_bind_parameter(2, id.as_bytes().as_slice())?,
                Some(PageKey::Text(text)) => stmt.raw_bind_parameter(2, text.as_str())?,
                None => {}
            }
            let mut rows = stmt.raw_query();
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let mut values = Vec::with_capacity(columns.len());
                for (i, (_, kind)) in columns.iter().enumerate() {
                    values.push(match kind {
                        ColumnKind::Text | ColumnKind::Json => {
                            r.get::<_, Option<String>>(i)?.map(Raw::Text)
                        }
                        ColumnKind::Int | ColumnKind::Bool | ColumnKind::Millis => {
                            r.get::<_, Option<i64>>(i)?.map(Raw::Int)
                        }
                        ColumnKind::Uuid => match r.get::<_, Option<Vec<u8>>>(i)? {
                            Some(_) => Some(Raw::Uuid(uuid(r, i)?)),
                            None => None,
                        },
                    });
                }
                out.push(values);
            }
            Ok(out)
        })?;
        raw.into_iter()
            .map(|values| {
                let mut out = Map::new();
                for (v, (name, kind)) in values.into_iter().zip(columns) {
                    let v = match (v, kind) {
                        (None, _) => Value::Null,
                        (Some(Raw::Text(t)), ColumnKind::Json) => serde_json::from_str(&t)
                            .map_err(|_| super::sql::decode_err("JSON column", name))?,
                        (Some(Raw::Text(t)), _) => Value::String(t),
                        (Some(Raw::Int(b)), ColumnKind::Bool) => Value::Bool(b != 0),
                        (Some(Raw::Int(ms)), ColumnKind::Millis) => {
                            Value::String(millis(ms).to_rfc3339())
                        }
                        (Some(Raw::Int(n)), _) => Value::from(n),
                        (Some(Raw::Uuid(u)), _) => Value::String(u.to_string()),
                    };
                    out.insert((*name).to_string(), v);
                }
                Ok(out)
            })
            .collect()
    }
}

enum Raw {
    Text(String),
    Int(i64),
    Uuid(Uuid),
}

#[cfg(test)]
mod tests {
    use super::err;
    use crate::store::is_contention;

    fn sqlite(code: std::ffi::c_int) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn a_busy_or_locked_reader_is_contention_and_other_failures_are_not() {
        assert!(is_contention(&err(sqlite(rusqlite::ffi::SQLITE_BUSY))));
        assert!(is_contention(&err(sqlite(rusqlite::ffi::SQLITE_LOCKED))));
        assert!(!is_contention(&err(sqlite(rusqlite::ffi::SQLITE_CORRUPT))));
        assert!(!is_contention(&err(rusqlite::Error::QueryReturnedNoRows)));
    }
}
