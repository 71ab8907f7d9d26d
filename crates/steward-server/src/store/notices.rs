//! Storage for policy versions and notices (PR-7).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{NewReceipt, StoreResult};

/// A policy version as stored; enums travel as their wire names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRow {
    pub version: String,
    pub title: String,
    pub summary: String,
    pub concerns: String,
    pub opt_outs: Vec<String>,
    pub review_section: Option<String>,
    pub published_at: DateTime<Utc>,
    pub effective_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRow {
    pub policy: PolicyRow,
    pub read_at: Option<DateTime<Utc>>,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckOutcome {
    /// First acknowledgement: recorded now, with its receipt.
    Recorded(DateTime<Utc>),
    /// Acknowledged before, at this time: nothing written.
    Already(DateTime<Utc>),
    NoSuchNotice,
}

#[async_trait]
pub trait NoticeStore: Send + Sync {
    /// `false` when the version name is taken. Mails every active person
    /// (the notice's copy in their outbox) in the same transaction.
    async fn publish_policy(
        &self,
        row: &PolicyRow,
        published_by: Option<Uuid>,
        mail_subject: &str,
        mail_body: &str,
    ) -> StoreResult<bool>;
    /// Newest first.
    async fn policy_versions(&self) -> StoreResult<Vec<PolicyRow>>;
    /// The version in force at `at`.
    async fn policy_in_force(&self, at: DateTime<Utc>) -> StoreResult<String>;
    /// Versions not yet in force when the person joined (they accepted the
    /// one in force then), newest first, with where the person stands on each.
    async fn notices(&self, user_id: Uuid, joined: DateTime<Utc>) -> StoreResult<Vec<NoticeRow>>;
    /// Mark read; `false` when there is no such version. Idempotent.
    async fn mark_notice_read(
        &self,
        user_id: Uuid,
        version: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Record the acknowledgement and its receipt, once.
    async fn acknowledge_notice(
        &self,
        user_id: Uuid,
        version: &str,
        receipt: &NewReceipt,
    ) -> StoreResult<AckOutcome>;
}
