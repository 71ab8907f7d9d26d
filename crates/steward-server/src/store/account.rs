//! Storage for what an account holds: profile and its history, verification
//! and correction requests (PR-1, PR-8, PR-9). Members and invitations: `team.rs`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use steward_types::profile::{Actor, ProfileChange};
use steward_types::verification::{
    CorrectionRequest, CorrectionStatus, VerificationItem, VerificationRequest,
};
use steward_types::AccountKind;
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: Uuid,
    pub name: String,
    pub kind: AccountKind,
    pub created_at: DateTime<Utc>,
    pub invoiced_at: Option<DateTime<Utc>>,
}

/// The stored profile document (JSON) and its version.
#[derive(Debug, Clone)]
pub struct ProfileRow {
    pub doc: String,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct FieldChange {
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewVerification {
    pub account_id: Uuid,
    /// `staff` or `schedule`.
    pub source: &'static str,
    pub actor: Actor,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub items: Vec<VerificationItem>,
}

#[derive(Debug, Clone)]
pub struct NewCorrectionRow {
    pub account_id: Uuid,
    pub field: String,
    pub current_value: Option<String>,
    pub requested_value: String,
    pub reason: String,
    pub actor: Actor,
    pub now: DateTime<Utc>,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn account(&self, account_id: Uuid) -> StoreResult<Option<AccountRow>>;
    async fn set_invoiced(&self, account_id: Uuid, at: DateTime<Utc>) -> StoreResult<()>;

    // Profile.
    async fn profile(&self, account_id: Uuid) -> StoreResult<Option<ProfileRow>>;
    /// The account and its profile (none before the first read) in one
    /// query: a profile read is one round trip instead of two.
    async fn account_profile(
        &self,
        account_id: Uuid,
    ) -> StoreResult<Option<(AccountRow, Option<ProfileRow>)>>;
    /// Create the first version unless one exists (concurrent callers are fine).
    async fn init_profile(
        &self,
        account_id: Uuid,
        doc: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Replace the document if it is still at `expected_version`; record the
    /// changes. `None` when someone else wrote first.
    async fn update_profile(
        &self,
        account_id: Uuid,
        expected_version: i64,
        doc: &str,
        changes: &[FieldChange],
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<i64>>;
    async fn profile_changes(
        &self,
        account_id: Uuid,
        limit: i64,
    ) -> StoreResult<Vec<ProfileChange>>;

    // Verification (PR-8).
    /// `false` when a scheduled request is already open (the unique index).
    async fn create_verification(&self, v: NewVerification) -> StoreResult<Option<Uuid>>;
    async fn verifications(&self, account_id: Uuid) -> StoreResult<Vec<VerificationRequest>>;
    /// Confirm one item; completes the request when it was the last. `false`
    /// when the request or item is not on this account.
    async fn confirm_check(
        &self,
        account_id: Uuid,
        request_id: Uuid,
        item: VerificationItem,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    async fn last_verified(
        &self,
        account_id: Uuid,
    ) -> StoreResult<Vec<(VerificationItem, DateTime<Utc>)>>;

    // Corrections (PR-9).
    async fn create_correction(&self, c: NewCorrectionRow) -> StoreResult<CorrectionRequest>;
    async fn corrections(&self, account_id: Uuid) -> StoreResult<Vec<CorrectionRequest>>;
    async fn correction(&self, id: Uuid) -> StoreResult<Option<(Uuid, CorrectionRequest)>>;
    /// Move a request that is not final yet. `false` if it is final or unknown.
    async fn decide_correction(
        &self,
        id: Uuid,
        status: CorrectionStatus,
        resolution: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Corrections across all accounts in a status, oldest first (the staff queue).
    async fn corrections_in(
        &self,
        statuses: &[CorrectionStatus],
        limit: i64,
    ) -> StoreResult<Vec<(Uuid, CorrectionRequest)>>;
    /// Make the user a member (keeping a higher existing role) and close the
    /// invitation. `false` if it was no longer pending.
    /// Undo a `done` that could not be applied, back to `status`.
    async fn reopen_correction(
        &self,
        id: Uuid,
        status: CorrectionStatus,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
}
