//! Storage for a user's own security (PR-13): sign-in e-mail changes, TOTP
//! and recovery codes, sessions, activity, passwords, and the mail outbox.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use steward_types::security::{ActivityEvent, ActivityKind, OutboxMessage};
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone)]
pub struct EmailChangeRow {
    pub new_email: String,
    pub code_hash: String,
    pub attempts: i64,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct TotpRow {
    pub secret: String,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_step: i64,
}

#[derive(Debug, Clone)]
pub struct NewActivity {
    pub user_id: Uuid,
    pub kind: ActivityKind,
    pub at: DateTime<Utc>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: Uuid,
    pub client_id: String,
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
}

#[async_trait]
pub trait SecurityStore: Send + Sync {
    // Sign-in e-mail change.
    async fn put_email_change(
        &self,
        user_id: Uuid,
        new_email: &str,
        code_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn email_change(&self, user_id: Uuid) -> StoreResult<Option<EmailChangeRow>>;
    /// Use one of the `limit` attempts at the code; `false` when none are left.
    async fn spend_email_attempt(&self, user_id: Uuid, limit: i64) -> StoreResult<bool>;
    async fn drop_email_change(&self, user_id: Uuid) -> StoreResult<()>;
    /// Switch the sign-in e-mail and drop the pending change. `false` if the
    /// address belongs to someone else by now.
    async fn apply_email_change(&self, user_id: Uuid, new_email: &str) -> StoreResult<bool>;

    // Passwords.
    async fn set_password(&self, user_id: Uuid, hash: &str, now: DateTime<Utc>) -> StoreResult<()>;
    async fn password_changed_at(&self, user_id: Uuid) -> StoreResult<Option<DateTime<Utc>>>;

    // Two-factor (RFC 6238) and recovery codes.
    async fn totp(&self, user_id: Uuid) -> StoreResult<Option<TotpRow>>;
    /// Up to `limit` two-factor seeds stored before sealing: (user, seed).
    async fn unsealed_totp(
        &self,
        sealed_prefix: &str,
        limit: i64,
    ) -> StoreResult<Vec<(Uuid, String)>>;
    /// Replace a seed if it is still `old`.
    async fn reseal_totp(&self, user_id: Uuid, old: &str, new: &str) -> StoreResult<()>;
    /// Store a new unconfirmed secret, replacing an unconfirmed one. `false`
    /// if two-factor is already on.
    async fn put_totp_pending(
        &self,
        user_id: Uuid,
        secret: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Turn two-factor on with the step that proved it and fresh recovery codes.
    async fn confirm_totp(
        &self,
        user_id: Uuid,
        step: i64,
        recovery_hashes: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Spend a time step: `false` if it (or a later one) was used already.
    async fn use_totp_step(&self, user_id: Uuid, step: i64) -> StoreResult<bool>;
    async fn delete_totp(&self, user_id: Uuid) -> StoreResult<()>;
    async fn replace_recovery_codes(&self, user_id: Uuid, hashes: &[String]) -> StoreResult<()>;
    async fn use_recovery_code(
        &self,
        user_id: Uuid,
        hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    async fn recovery_codes_left(&self, user_id: Uuid) -> StoreResult<u32>;

    // Sessions and activity.
    async fn record_activity(&self, a: NewActivity) -> StoreResult<()>;
    async fn activity(&self, user_id: Uuid, limit: i64) -> StoreResult<Vec<ActivityEvent>>;
    /// Live sessions: not revoked, with an unexpired, unused refresh token.
    async fn sessions(&self, user_id: Uuid, now: DateTime<Utc>) -> StoreResult<Vec<SessionRow>>;
    async fn session_started(&self, family_id: Uuid) -> StoreResult<Option<DateTime<Utc>>>;
    /// Revoke one of the user's sessions. `false` if it is not theirs or not live.
    async fn revoke_user_session(
        &self,
        user_id: Uuid,
        family_id: Uuid,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Revoke every live session of the user except `keep`; how many.
    async fn revoke_other_sessions(
        &self,
        user_id: Uuid,
        keep: Option<Uuid>,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<u64>;

    // Outbox.
    async fn send_mail(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn mail_for(
        &self,
        first: &str,
        second: &str,
        limit: i64,
    ) -> StoreResult<Vec<OutboxMessage>>;
}
