//! Storage for account deletion (PR-19, PR-20): requests, legal holds, and
//! the erasure itself, in one transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletionRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub account_name: String,
    pub requested_by: Option<Uuid>,
    pub requested_by_name: String,
    pub reason: Option<String>,
    /// `pending`, `cancelled` or `completed`.
    pub status: String,
    pub requested_at: DateTime<Utc>,
    pub effective_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldRow {
    pub explanation: String,
    pub placed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EraseOutcome {
    Erased,
    /// No such request, or it is not pending.
    NotPending,
    /// The cooling-off period runs until then.
    CoolingOff(DateTime<Utc>),
    OnHold,
}

/// The name an erased account keeps.
pub const ERASED_NAME: &str = "Deleted account";

#[async_trait]
pub trait DeletionStore: Send + Sync {
    /// The pending request, or else the latest one.
    async fn deletion_request(&self, account_id: Uuid) -> StoreResult<Option<DeletionRow>>;
    async fn deletion_request_by_id(&self, id: Uuid) -> StoreResult<Option<DeletionRow>>;
    /// `false` when one is pending already.
    async fn create_deletion_request(&self, row: &DeletionRow) -> StoreResult<bool>;
    /// Cancel the pending request; `false` if there is none.
    async fn cancel_deletion_request(
        &self,
        account_id: Uuid,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Pending requests, soonest first.
    async fn pending_deletions(&self, limit: i64) -> StoreResult<Vec<DeletionRow>>;
    async fn legal_hold(&self, account_id: Uuid) -> StoreResult<Option<HoldRow>>;
    /// Place (`Some`) or lift (`None`) the hold.
    async fn set_legal_hold(
        &self,
        account_id: Uuid,
        explanation: Option<&str>,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Carry out a pending request whose cooling-off period is over, unless
    /// a legal hold blocks it: erases the account's data except what must
    /// be kept (invoices, consent receipts, the sharing ledger, the request).
    async fn erase_account(
        &self,
        request_id: Uuid,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<EraseOutcome>;
}
