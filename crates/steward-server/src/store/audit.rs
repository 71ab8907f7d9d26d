//! Storage for the hash-chained audit log of staff access (issue 6, PR-16,
//! PR-17): every entry is numbered and chained to the one before it, so a
//! gap or an edit shows when the chain is verified (`crate::audit`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;

/// An audit entry to append; the store numbers and chains it.
#[derive(Debug, Clone)]
pub struct NewAudit {
    pub at: DateTime<Utc>,
    pub staff_user_id: Uuid,
    pub staff_name: String,
    pub shown_as: String,
    pub staff_role: String,
    pub account_id: Option<Uuid>,
    pub action: String,
    pub what: String,
    pub reason: Option<String>,
    pub ticket: Option<String>,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub staff_user_id: Uuid,
    pub staff_name: String,
    pub shown_as: String,
    pub staff_role: String,
    pub account_id: Option<Uuid>,
    pub action: String,
    pub what: String,
    pub reason: Option<String>,
    pub ticket: Option<String>,
    pub ip: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub account_id: Option<Uuid>,
    pub staff_user_id: Option<Uuid>,
    pub action: Option<String>,
    /// Customer-visible actions only.
    pub actions_in: Option<Vec<String>>,
    pub before: Option<i64>,
}

/// Where the audit chain ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

#[async_trait]
pub trait AuditStore: Send + Sync {
    async fn append_audit(&self, entry: &NewAudit) -> StoreResult<AuditRow>;
    /// Newest first.
    async fn audit_page(&self, filter: &AuditFilter, limit: i64) -> StoreResult<Vec<AuditRow>>;
    /// Oldest first, from `after_seq` (exclusive): for verifying the chain.
    async fn audit_chain(&self, after_seq: i64, limit: i64) -> StoreResult<Vec<AuditRow>>;
    async fn audit_head(&self) -> StoreResult<AuditHead>;
}
