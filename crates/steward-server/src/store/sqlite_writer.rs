//! The SQLite store's hot write, over rusqlite: a communication preference
//! change (PR-4, PR-5), the one write a person makes often and waits on.
//!
//! Why not sqlx here (the reason `sqlite_reader.rs` gives for reads): each
//! statement of a sqlx transaction is a round trip to the connection's own
//! thread. A change is five of them (BEGIN, the version, the cell, the
//! receipt, COMMIT), and timed under issue 8 they cost as much as the
//! fsync'd commit itself: the same statements took a median of 0.48 ms
//! through sqlx and 0.23 ms here. This runs the whole
//! transaction in one blocking task, from a statement cache.
//!
//! The other writes stay on sqlx. SQLite serialises writers on the file
//! whichever connection they use: every write transaction starts with
//! `BEGIN IMMEDIATE` and waits out the same busy timeout, and one waited
//! past it is contention (503 with Retry-After), as for the pool.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, TransactionBehavior};

use super::sql_comms::{
    BUMP_VERSION, FIRST_VERSION, NEW_OPTIN, OUTBOX, POLICY_IN_FORCE, PUT_CELL, RECEIPT, USE_OPTIN,
};
use super::sqlite_reader::err;
use super::{CommsOutcome, CommsWrite, StoreResult};
use crate::clock::to_millis;

/// Where a commit folds the write-ahead log into the file itself: only
/// when the log has grown this far (40 MB), because `Checkpointer` should
/// have done it long before. SQLite's default, 1,000 pages, made every
/// hundredth preference change pay for a checkpoint: its p99 was 2.5 times
/// its p90 (issue 8).
pub(super) const AUTOCHECKPOINT_PAGES: u32 = 10_000;

/// A read-write connection to the (migrated) database file at `path`, with
/// the pool's durability and busy timeout.
fn read_write(path: &Path) -> rusqlite::Result<Connection> {
    let c = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    c.busy_timeout(Duration::from_secs(5))?;
    // FULL: an acknowledged write survives power loss, not just a crash.
    c.pragma_update(None, "synchronous", "FULL")?;
    Ok(c)
}

/// How often the checkpointer looks, while there is work and when idle.
const BUSY: Duration = Duration::from_millis(100);
const IDLE: Duration = Duration::from_secs(1);

/// A thread that folds committed pages from the write-ahead log into the
/// database file, between commits rather than inside one. `PASSIVE` never
/// waits on a writer or a reader: it copies what it can and leaves the rest
/// for the next pass. Each process on the file runs its own; checkpoints
/// of one file serialise in SQLite.
pub struct Checkpointer {
    stop: Mutex<Option<(mpsc::Sender<()>, JoinHandle<()>)>>,
}

impl std::fmt::Debug for Checkpointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checkpointer").finish_non_exhaustive()
    }
}

impl Checkpointer {
    pub fn start(path: &Path) -> anyhow::Result<Self> {
        let c = read_write(path)?;
        let (tx, rx) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                let mut wait = IDLE;
                let mut last = (0, 0);
                // Runs until `stop` sends or the store is dropped.
                while let Err(RecvTimeoutError::Timeout) = rx.recv_timeout(wait) {
                    let pass = c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                        Ok((r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
                    });
                    match pass {
                        // The log as it was at the last pass, all folded: idle.
                        Ok(now) if now == last && now.0 == now.1 => wait = IDLE,
                        Ok(now) => {
                            last = now;
                            wait = BUSY;
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "sqlite checkpoint failed; retrying");
                            wait = IDLE;
                        }
                    }
                }
            })?;
        Ok(Self {
            stop: Mutex::new(Some((tx, thread))),
        })
    }

    /// Stops the thread and closes its connection (before a backup renames
    /// the file). Idempotent.
    pub fn stop(&self) {
        let stop = self
            .stop
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some((tx, thread)) = stop {
            let _ = tx.send(());
            let _ = thread.join();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop();
    }
}

pub struct Writer {
    /// `None` once closed.
    conn: Arc<Mutex<Option<Connection>>>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

impl Writer {
    /// A read-write connection to the (migrated) database file at `path`,
    /// with the pool's settings.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let c = read_write(path)?;
        c.pragma_update(None, "foreign_keys", "ON")?;
        c.pragma_update(None, "wal_autocheckpoint", AUTOCHECKPOINT_PAGES)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(Some(c))),
        })
    }

    /// Closes the connection (before a backup renames the file).
    pub fn close(&self) {
        self.conn
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }

    /// `CommsStore::write_comms`, on a blocking thread: the commit waits on
    /// fsync, and on another writer for up to the busy timeout.
    pub async fn write_comms(&self, w: CommsWrite) -> StoreResult<CommsOutcome> {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut slot = conn.lock().unwrap_or_else(PoisonError::into_inner);
            let c = slot.as_mut().ok_or(sqlx::Error::PoolClosed)?;
            write_comms(c, &w).map_err(err)
        })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("sqlite writer: {e}")))?
    }
}

/// The same transaction as the sqlx stores' `write_comms` (`sql_comms.rs`).
/// Returning early drops the transaction, which rolls it back.
fn write_comms(c: &mut Connection, w: &CommsWrite) -> rusqlite::Result<CommsOutcome> {
    let at = to_millis(w.now);
    let user = w.user_id.as_bytes().as_slice();
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // The version check is the first write: racing writers queue on this
    // row, and all but the first see a new version.
    let bumped = tx
        .prepare_cached(BUMP_VERSION)?
        .execute(params![user, w.expected_version])?;
    if bumped == 0 {
        if w.expected_version != 0 {
            return Ok(CommsOutcome::Conflict);
        }
        if tx.prepare_cached(FIRST_VERSION)?.execute(params![user])? == 0 {
            return Ok(CommsOutcome::Conflict);
        }
    }
    if let Some(hash) = &w.confirm_optin {
        if tx
            .prepare_cached(USE_OPTIN)?
            .execute(params![at, hash, at])?
            != 1
        {
            return Ok(CommsOutcome::OptInUnusable);
        }
    }
    for (purpose, channel, state) in &w.cells {
        tx.prepare_cached(PUT_CELL)?.execute(params![
            user,
            purpose.as_str(),
            channel.as_str(),
            state.as_str(),
            at
        ])?;
    }
    for r in &w.receipts {
        tx.prepare_cached(RECEIPT)?.execute(params![
            uuid::Uuid::now_v7().as_bytes().as_slice(),
            user,
            r.account_id.as_ref().map(|id| id.as_bytes().as_slice()),
            to_millis(r.at),
            r.actor.user_id.as_ref().map(|id| id.as_bytes().as_slice()),
            r.actor.name,
            super::sql_account::actor_kind_str(r.actor.kind),
            r.reason,
            r.subject,
            r.old_state,
            r.new_state,
            r.source.as_str(),
        ])?;
    }
    for o in &w.new_optins {
        tx.prepare_cached(NEW_OPTIN)?.execute(params![
            o.token_hash,
            user,
            o.purpose.as_str(),
            at,
            to_millis(o.expires_at)
        ])?;
    }
    for m in &w.mail {
        tx.prepare_cached(OUTBOX)?.execute(params![
            uuid::Uuid::now_v7().as_bytes().as_slice(),
            m.to,
            m.subject,
            m.body,
            at
        ])?;
    }
    let policy_version = tx
        .prepare_cached(POLICY_IN_FORCE)?
        .query_row(params![at], |r| r.get(0))?;
    tx.commit()?;
    // The version row matched `expected_version` (or was created at 1) and
    // this transaction bumped it once.
    Ok(CommsOutcome::Written {
        version: w.expected_version + 1,
        policy_version,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::{Duration, Instant};

    use rusqlite::Connection;

    use super::{Checkpointer, AUTOCHECKPOINT_PAGES};

    /// A WAL database with the store's settings, and a connection that
    /// keeps it (and its log) open, as the pool does.
    fn database(path: &Path) -> anyhow::Result<Connection> {
        let c = Connection::open(path)?;
        c.pragma_update(None, "journal_mode", "WAL")?;
        c.pragma_update(None, "wal_autocheckpoint", AUTOCHECKPOINT_PAGES)?;
        c.execute_batch("CREATE TABLE t (n INTEGER NOT NULL)")?;
        Ok(c)
    }

    /// Rows in the database file alone, without its write-ahead log: a copy
    /// of the file opened where no log exists.
    fn rows_in_file(path: &Path, scratch: &Path) -> anyhow::Result<i64> {
        let copy = scratch.join("copy.sqlite");
        std::fs::copy(path, &copy)?;
        let c = Connection::open(&copy)?;
        // No table yet: the file has not received the log's pages.
        let n = c
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap_or(0);
        drop(c);
        std::fs::remove_file(&copy)?;
        Ok(n)
    }

    fn insert(c: &Connection, from: i64, to: i64) -> anyhow::Result<()> {
        for n in from..to {
            c.execute("INSERT INTO t (n) VALUES (?1)", [n])?;
        }
        Ok(())
    }

    #[test]
    fn commits_reach_the_database_file_without_a_commit_checkpointing() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let scratch = tempfile::tempdir()?;
        let path = dir.path().join("steward.sqlite");
        let c = database(&path)?;
        insert(&c, 0, 50)?;
        // Below the commit's own threshold, so only the log has them.
        assert_eq!(rows_in_file(&path, scratch.path())?, 0);

        let checkpointer = Checkpointer::start(&path)?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while rows_in_file(&path, scratch.path())? < 50 {
            anyhow::ensure!(
                Instant::now() < deadline,
                "the checkpointer did not fold the log into the file"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // It keeps going: later commits are folded too.
        insert(&c, 50, 60)?;
        while rows_in_file(&path, scratch.path())? < 60 {
            anyhow::ensure!(Instant::now() < deadline, "later commits were not folded");
            std::thread::sleep(Duration::from_millis(50));
        }
        checkpointer.stop();
        Ok(())
    }

    #[test]
    fn stopping_ends_the_thread_at_once_and_twice_is_harmless() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("steward.sqlite");
        let _c = database(&path)?;
        let checkpointer = Checkpointer::start(&path)?;
        let started = Instant::now();
        checkpointer.stop();
        // Not after its idle wait: the stop wakes it.
        assert!(started.elapsed() < super::IDLE);
        checkpointer.stop();
        drop(checkpointer);
        Ok(())
    }
}
