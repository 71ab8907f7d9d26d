//! Storage for communication preferences, double opt-ins, consent receipts
//! (PR-4, PR-5) and the keys servers share.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use steward_types::comms::{Channel, ConsentReceipt, PrefState, Purpose, ReceiptSource};
use steward_types::profile::Actor;
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReceipt {
    /// Set for account-level choices (sharing); `None` for a person's own.
    pub account_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub reason: Option<String>,
    pub subject: String,
    pub old_state: String,
    pub new_state: String,
    pub source: ReceiptSource,
    // The policy version is not given: the store quotes the one in force at
    // `at`, in the same statement (PR-7).
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOptIn {
    pub token_hash: String,
    pub purpose: Purpose,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptInRow {
    pub user_id: Uuid,
    pub purpose: Purpose,
    pub expires_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// One change of a user's matrix, all or nothing: the cells, the receipts
/// that record them, opt-ins to confirm and the mail that asks for it.
#[derive(Debug, Clone)]
pub struct CommsWrite {
    pub user_id: Uuid,
    /// The matrix version the change was computed from (0: never written).
    pub expected_version: i64,
    pub cells: Vec<(Purpose, Channel, PrefState)>,
    pub receipts: Vec<NewReceipt>,
    pub new_optins: Vec<NewOptIn>,
    /// Use up this opt-in (its token hash) in the same transaction.
    pub confirm_optin: Option<String>,
    pub mail: Vec<Mail>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommsOutcome {
    Written {
        version: i64,
        /// The policy version in force at the write, for the answer.
        policy_version: String,
    },
    /// Someone else changed the matrix first.
    Conflict,
    /// The opt-in link was used already or expired.
    OptInUnusable,
}

#[async_trait]
pub trait CommsStore: Send + Sync {
    /// Stored cells (those that differ from the defaults) and the version.
    async fn comm_prefs(
        &self,
        user_id: Uuid,
    ) -> StoreResult<(Vec<(Purpose, Channel, PrefState)>, i64)>;
    async fn write_comms(&self, w: CommsWrite) -> StoreResult<CommsOutcome>;
    async fn optin(&self, token_hash: &str) -> StoreResult<Option<OptInRow>>;
    /// Newest first; `before` is the last (at, id) of the previous page.
    async fn consent_receipts(
        &self,
        user_id: Uuid,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> StoreResult<Vec<ConsentReceipt>>;
    /// The shared key `name`, created from `fresh` by the first server to ask.
    async fn server_key(
        &self,
        name: &str,
        fresh: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<u8>>;
}
