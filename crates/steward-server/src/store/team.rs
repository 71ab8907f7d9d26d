//! Storage for members and invitations (PR-12).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use steward_types::team::Member;
use steward_types::MemberRole;
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub email: String,
    pub role: MemberRole,
    pub invited_by: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_sent_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewInvitationRow {
    pub account_id: Uuid,
    pub email: String,
    pub role: MemberRole,
    pub code_hash: String,
    pub invited_by: String,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The outcome of a membership change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamChange {
    Done,
    NotFound,
    /// Refused: the account would be left without an owner.
    LastOwner,
}

#[async_trait]
pub trait TeamStore: Send + Sync {
    async fn members(&self, account_id: Uuid) -> StoreResult<Vec<Member>>;
    async fn invitations(&self, account_id: Uuid) -> StoreResult<Vec<InvitationRow>>;
    /// `None` when a pending invitation for that address exists already.
    async fn create_invitation(&self, i: NewInvitationRow) -> StoreResult<Option<InvitationRow>>;
    /// Give a pending invitation a new code and expiry. `false` if not pending.
    async fn renew_invitation(
        &self,
        account_id: Uuid,
        id: Uuid,
        code_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<bool>;
    async fn cancel_invitation(
        &self,
        account_id: Uuid,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    async fn invitation_by_code(&self, code_hash: &str) -> StoreResult<Option<InvitationRow>>;
    async fn invitation(&self, account_id: Uuid, id: Uuid) -> StoreResult<Option<InvitationRow>>;
    async fn accept_invitation(
        &self,
        id: Uuid,
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    async fn set_member_role(
        &self,
        account_id: Uuid,
        user_id: Uuid,
        role: MemberRole,
    ) -> StoreResult<TeamChange>;
    async fn remove_member(&self, account_id: Uuid, user_id: Uuid) -> StoreResult<TeamChange>;
}
