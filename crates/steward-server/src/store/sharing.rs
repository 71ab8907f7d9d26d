//! Storage for partner sharing (PR-6): the account's switch and the ledger;
//! and cookie consent (PR-14).
//! `record_export` is the only way a ledger entry is written, and it checks
//! the switch under the same lock an opt-out takes.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{NewReceipt, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SharingRow {
    pub share_none: bool,
    pub opted_out: Vec<String>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    pub id: Uuid,
    pub partner_id: String,
    pub categories: Vec<String>,
    pub reason: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Recorded in the ledger: the data may go.
    Recorded(Uuid),
    /// The account opted out (of all partners, or of this one): nothing recorded.
    OptedOut,
}

#[async_trait]
pub trait SharingStore: Send + Sync {
    async fn sharing(&self, account_id: Uuid) -> StoreResult<SharingRow>;
    /// Replace the choice if the version still matches; `false` on conflict.
    /// The receipts (by the acting user) go in the same transaction.
    async fn write_sharing(
        &self,
        account_id: Uuid,
        expected_version: i64,
        choice: &SharingRow,
        actor_user_id: Uuid,
        receipts: &[NewReceipt],
    ) -> StoreResult<bool>;
    async fn record_export(
        &self,
        account_id: Uuid,
        partner_id: &str,
        categories: &[String],
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<ExportOutcome>;
    /// Newest first.
    async fn ledger(&self, account_id: Uuid, limit: i64) -> StoreResult<Vec<LedgerRow>>;

    /// (preferences, analytics, version, decided_at); `None`: never chosen.
    async fn cookie_consent(&self, user_id: Uuid) -> StoreResult<Option<CookieRow>>;
    /// Replace the choice if the version matches, with its receipts.
    async fn write_cookie_consent(
        &self,
        user_id: Uuid,
        expected_version: i64,
        preferences: bool,
        analytics: bool,
        receipts: &[NewReceipt],
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookieRow {
    pub preferences: bool,
    pub analytics: bool,
    pub version: i64,
    pub decided_at: DateTime<Utc>,
}
