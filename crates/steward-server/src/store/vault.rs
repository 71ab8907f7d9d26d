//! Storage for the payment vault (PR-2): stored cards (a vault token, brand,
//! last four digits, expiry and billing address; never a number) and the
//! short-lived, single-use card-entry pages that add them.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use steward_types::billing::PaymentMethod;
use uuid::Uuid;

use super::StoreResult;

/// A card-entry page. Only the hash of its token is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardEntryRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub token_hash: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub payment_method_id: Option<Uuid>,
}

/// What completing a card-entry page did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardEntryOutcome {
    /// The card was stored and the page used up, in one transaction.
    Added,
    /// Already used, expired or unknown: nothing was stored.
    Unusable,
}

#[async_trait]
pub trait VaultStore: Send + Sync {
    async fn insert_payment_method(
        &self,
        account_id: Uuid,
        pm: &PaymentMethod,
        vault_token: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Stored cards; `state` is computed by the caller from the clock.
    async fn payment_methods(&self, account_id: Uuid) -> StoreResult<Vec<PaymentMethod>>;
    async fn set_default_payment_method(&self, account_id: Uuid, id: Uuid) -> StoreResult<bool>;
    async fn remove_payment_method(&self, account_id: Uuid, id: Uuid) -> StoreResult<bool>;

    async fn insert_card_entry(&self, entry: &CardEntryRow) -> StoreResult<()>;
    async fn card_entry_by_token(&self, token_hash: &str) -> StoreResult<Option<CardEntryRow>>;
    async fn card_entry(&self, account_id: Uuid, id: Uuid) -> StoreResult<Option<CardEntryRow>>;
    /// Use the page up and store the card, atomically: a page still unused
    /// and unexpired at `now` adds exactly one card, however many times its
    /// form is posted. The first card of an account becomes its default.
    async fn complete_card_entry(
        &self,
        entry_id: Uuid,
        pm: &PaymentMethod,
        vault_token: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<CardEntryOutcome>;
}
