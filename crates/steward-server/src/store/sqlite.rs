//! SQLite: the embedded default (the desktop demo, single-machine installs).

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use super::sql::{access_grant_sql, impl_sql_store, HasDb};
use super::sql_account::impl_account_store;
use super::sql_audit::impl_audit_store;
use super::sql_billing::impl_billing_store;
use super::sql_comms::impl_comms_store;
use super::sql_deletion::impl_deletion_store;
use super::sql_export::impl_export_store;
use super::sql_notices::impl_notice_store;
use super::sql_partners::impl_partner_store;
use super::sql_security::impl_security_store;
use super::sql_sharing::impl_sharing_store;
use super::sql_staff::impl_staff_store;
use super::sql_support::impl_support_store;
use super::sql_team::impl_team_store;
use super::sql_tickets::impl_ticket_store;
use super::sql_vault::impl_vault_store;
use super::sqlite_reader::Readers;
use super::sqlite_writer::{Checkpointer, Writer};

#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// The hot reads (`sqlite_reader.rs`); none for an in-memory database.
    readers: Option<Arc<Readers>>,
    /// The hot write (`sqlite_writer.rs`); none for an in-memory database.
    writer: Option<Arc<Writer>>,
    /// Folds the write-ahead log into the file off the commit path.
    checkpointer: Option<Arc<Checkpointer>>,
}

impl HasDb for SqliteStore {
    type Db = sqlx::Sqlite;
    const BEGIN: &'static str = "BEGIN IMMEDIATE";
    // Table statistics only. The bundled SQLite is built with STAT4, whose
    // per-value samples make every statement that binds a parameter against
    // a sampled index expire at each new binding: under `make bench`
    // (issue 8) re-preparing the token check and the account reads took
    // more than half of SQLite's time. Our queries are key lookups and indexed searches,
    // which `sqlite_stat1` plans as well; `ANALYZE sqlite_schema` reloads.
    const ANALYZE: &'static str = "ANALYZE; DELETE FROM sqlite_stat4; ANALYZE sqlite_schema";
    // string_agg needs SQLite 3.44 (bundled: newer). No ORDER BY in the
    // aggregate: SQLite sorts it in a temporary b-tree with a page cache of
    // its own, opened and closed on every request (issue 8's profile of
    // the token check). `accounts_from_json` sorts the few rows instead.
    const ACCESS_GRANT: &'static str =
        access_grant_sql!("json_group_array(json_array(hex(ac.id), ac.name, ac.kind, m.role))");
    fn reader(&self) -> Option<&Readers> {
        self.readers.as_deref()
    }
    fn writer(&self) -> Option<&Writer> {
        self.writer.as_deref()
    }
}

impl SqliteStore {
    /// Open (creating the file and its directory if needed) and migrate.
    pub async fn open(url: &str, max_connections: u32) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: an acknowledged write survives power loss, not just a crash.
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            // `Checkpointer` folds the log between commits (in memory there is none).
            .pragma(
                "wal_autocheckpoint",
                super::sqlite_writer::AUTOCHECKPOINT_PAGES.to_string(),
            );
        if let Some(dir) = options.get_filename().parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
        let file = options.get_filename().to_path_buf();
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            // sqlx's ping before each use is a round trip to the connection's
            // worker thread, and a file opened in this process has no far end
            // that could have gone away.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        if file.as_os_str().is_empty() || file == std::path::Path::new(":memory:") {
            return Ok(Self {
                pool,
                readers: None,
                writer: None,
                checkpointer: None,
            });
        }
        // As many as can run at once: one per runtime worker thread.
        let count = std::thread::available_parallelism()
            .map_or(2, usize::from)
            .max(2);
        Ok(Self {
            pool,
            readers: Some(Arc::new(Readers::open(&file, count)?)),
            writer: Some(Arc::new(Writer::open(&file)?)),
            checkpointer: Some(Arc::new(Checkpointer::start(&file)?)),
        })
    }

    /// Close every connection, so the write-ahead log is folded back into
    /// the file and removed (backups rename the file afterwards).
    pub async fn close(&self) {
        if let Some(readers) = &self.readers {
            readers.close();
        }
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.stop();
        }
        if let Some(writer) = &self.writer {
            writer.close();
        }
        self.pool.close().await;
    }
}

impl_account_store!(SqliteStore);
impl_audit_store!(SqliteStore);
impl_billing_store!(SqliteStore);
impl_comms_store!(SqliteStore);
impl_deletion_store!(SqliteStore);
impl_export_store!(SqliteStore, super::sql_export::SQLITE_TABLES);
impl_notice_store!(SqliteStore);
impl_partner_store!(SqliteStore);
impl_security_store!(SqliteStore);
impl_sharing_store!(SqliteStore);
impl_staff_store!(
    SqliteStore,
    super::sql_staff::SQLITE_SUBSTRING_SQL,
    super::sql_staff::sqlite_needle,
    super::sql_staff::SQLITE_INVOICE_SQL,
    "EXPLAIN QUERY PLAN",
    ""
);
impl_support_store!(SqliteStore);
impl_team_store!(SqliteStore);
impl_ticket_store!(SqliteStore);
impl_vault_store!(SqliteStore);
impl_sql_store!(SqliteStore, "sqlite");
