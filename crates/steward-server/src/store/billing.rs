//! Storage for billing (PR-2, PR-3): subscriptions, invoices, licenses,
//! usage and Idempotency-Key records. Stored cards live in `vault.rs`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use steward_types::billing::{
    Invoice, InvoiceLine, InvoiceStatus, InvoiceSummary, License, SubscriptionStatus, UsageMonth,
};
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionRow {
    pub plan_id: String,
    pub status: SubscriptionStatus,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub cancel_reason: Option<String>,
    pub version: i64,
}

#[derive(Debug, Clone)]
pub struct NewInvoice {
    pub account_id: Uuid,
    /// Empty: the store assigns the next number of the account's sequence.
    pub number: String,
    pub issued_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub status: InvoiceStatus,
    pub lines: Vec<InvoiceLine>,
    pub subtotal: rust_decimal::Decimal,
    pub tax_rate: rust_decimal::Decimal,
    pub tax: rust_decimal::Decimal,
    pub total: rust_decimal::Decimal,
    pub currency: String,
}

/// Which invoices to list: optional status and `[from, to)` issue dates,
/// after the cursor `(issued_at, id)` of the last row seen.
#[derive(Debug, Clone, Default)]
pub struct InvoiceQuery {
    pub status: Option<InvoiceStatus>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub after: Option<(DateTime<Utc>, Uuid)>,
    pub limit: i64,
}

/// A money-spending change, committed together with its Idempotency-Key
/// record so a retry finds both or neither.
#[derive(Debug, Clone)]
pub struct BillingChange {
    pub account_id: Uuid,
    pub idem_key: String,
    pub request_hash: String,
    /// The JSON answer a replay returns.
    pub response: String,
    pub now: DateTime<Utc>,
    /// The new subscription state, if the version is still `expected_version`.
    pub subscription: SubscriptionRow,
    pub expected_version: i64,
    pub invoice: Option<NewInvoice>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeOutcome {
    Applied,
    /// The key was used before: its request hash and stored answer.
    Replay {
        request_hash: String,
        response: String,
    },
    /// The subscription moved on since it was read.
    Stale,
}

#[async_trait]
pub trait BillingStore: Send + Sync {
    async fn subscription(&self, account_id: Uuid) -> StoreResult<Option<SubscriptionRow>>;
    async fn create_subscription(&self, account_id: Uuid, row: &SubscriptionRow)
        -> StoreResult<()>;
    async fn idempotency(
        &self,
        account_id: Uuid,
        key: &str,
    ) -> StoreResult<Option<(String, String)>>;
    async fn commit_billing_change(&self, change: BillingChange) -> StoreResult<ChangeOutcome>;

    async fn insert_invoices(&self, invoices: &[NewInvoice]) -> StoreResult<()>;
    async fn invoices(
        &self,
        account_id: Uuid,
        q: &InvoiceQuery,
    ) -> StoreResult<Vec<InvoiceSummary>>;
    async fn invoice(&self, account_id: Uuid, id: Uuid) -> StoreResult<Option<Invoice>>;
    /// How many invoices the account has (invoice numbers are per account).
    async fn invoice_count(&self, account_id: Uuid) -> StoreResult<i64>;

    async fn insert_license(&self, account_id: Uuid, license: &License) -> StoreResult<()>;
    async fn licenses(&self, account_id: Uuid) -> StoreResult<Vec<License>>;

    async fn put_usage(&self, account_id: Uuid, months: &[UsageMonth]) -> StoreResult<()>;
    /// Months from `from` (`YYYY-MM`) on, oldest first.
    async fn usage(&self, account_id: Uuid, from: &str) -> StoreResult<Vec<UsageMonth>>;
}
