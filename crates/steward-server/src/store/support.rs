//! Storage for working for one customer (PR-10, PR-17): support PINs and
//! caller checks, acting sessions, the customer's approval setting, and the
//! password reset links staff send.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone)]
pub struct CallerCheckRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub user_id: Uuid,
    pub user_name: String,
    pub staff_user_id: Uuid,
    pub method: String,
    pub passed: bool,
    pub checked_at: DateTime<Utc>,
    pub valid_until: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct ActingRow {
    pub id: Uuid,
    pub staff_user_id: Uuid,
    pub account_id: Uuid,
    pub reason: String,
    pub ticket: Option<String>,
    pub started_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccessSettingsRow {
    pub require_approval: bool,
    pub granted_until: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait SupportStore: Send + Sync {
    // Support PINs and caller checks (PR-10).
    async fn support_pin(&self, user_id: Uuid) -> StoreResult<Option<(String, DateTime<Utc>)>>;
    /// `None` clears it.
    async fn set_support_pin(
        &self,
        user_id: Uuid,
        hash: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn put_caller_code(
        &self,
        user_id: Uuid,
        hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn caller_code(&self, user_id: Uuid) -> StoreResult<Option<(String, DateTime<Utc>)>>;
    async fn drop_caller_code(&self, user_id: Uuid) -> StoreResult<()>;
    async fn record_caller_check(&self, row: &CallerCheckRow) -> StoreResult<()>;
    async fn caller_failures_since(&self, user_id: Uuid, since: DateTime<Utc>) -> StoreResult<i64>;
    /// The newest passed check on the account still valid at `now`.
    async fn valid_caller_check(
        &self,
        account_id: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<CallerCheckRow>>;

    // Acting on a customer's behalf.
    /// Opens a session, closing any open one of the same staff on the account.
    async fn open_acting(&self, row: &ActingRow) -> StoreResult<()>;
    async fn active_acting(
        &self,
        staff_user_id: Uuid,
        account_id: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<ActingRow>>;
    async fn end_acting(
        &self,
        staff_user_id: Uuid,
        account_id: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;

    // The customer's approval requirement (PR-17).
    async fn access_settings(&self, account_id: Uuid) -> StoreResult<AccessSettingsRow>;
    async fn set_access_settings(
        &self,
        account_id: Uuid,
        row: AccessSettingsRow,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    // Password reset links (the person chooses the password, never staff).
    async fn put_password_reset(
        &self,
        token_hash: &str,
        user_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The person an unused, unexpired link is for.
    async fn password_reset_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Uuid>>;
    /// Use the link and set the password in one transaction; `None` when
    /// the link is unknown, used or expired (of two uses, one wins).
    async fn use_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Uuid>>;
}
