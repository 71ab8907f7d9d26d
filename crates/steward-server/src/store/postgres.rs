//! PostgreSQL: the production store, shared by any number of servers.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::{Connection as _, PgPool};

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

#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl HasDb for PgStore {
    type Db = sqlx::Postgres;
    const BEGIN: &'static str = "BEGIN";
    // After a bulk load, VACUUM as well: it sets the visibility map (index-only
    // scans for the search) and the rows' hint bits, which the first reads
    // would otherwise write back page by page while being measured (issue 8).
    const ANALYZE: &'static str = "VACUUM (ANALYZE)";
    const ACCESS_GRANT: &'static str =
        access_grant_sql!("json_agg(json_build_array(ac.id, ac.name, ac.kind, m.role))::text");
}

/// A pooled connection last used this recently is handed out without a
/// ping. sqlx pings every connection it takes from the pool by default: one
/// more round trip to PostgreSQL before every statement (issue 8). One idle
/// for longer is pinged first, so a connection the database dropped
/// meanwhile (a restart, a failover, an idle timeout) is replaced rather than
/// failing a request; one dropped within the window fails the one request
/// that draws it, with a 503 to retry (`store::is_transient`). HikariCP's
/// `aliveBypassWindowMs` is the same 500 ms.
const PING_AFTER_IDLE: Duration = Duration::from_millis(500);

impl PgStore {
    /// Connect and migrate. Migrations take an advisory lock, so servers
    /// starting together do not race.
    pub async fn open(url: &str, max_connections: u32) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= PING_AFTER_IDLE {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

impl_account_store!(PgStore);
impl_audit_store!(PgStore);
impl_billing_store!(PgStore);
impl_comms_store!(PgStore);
impl_deletion_store!(PgStore);
impl_export_store!(PgStore, super::sql_export::POSTGRES_TABLES);
impl_notice_store!(PgStore);
impl_partner_store!(PgStore);
impl_security_store!(PgStore);
impl_sharing_store!(PgStore);
impl_staff_store!(
    PgStore,
    super::sql_staff::PG_SUBSTRING_SQL,
    super::sql_staff::pg_needle,
    super::sql_staff::PG_INVOICE_SQL,
    "EXPLAIN",
    super::sql_staff::PG_PRELUDE
);
impl_support_store!(PgStore);
impl_team_store!(PgStore);
impl_ticket_store!(PgStore);
impl_vault_store!(PgStore);
impl_sql_store!(PgStore, "postgres");
