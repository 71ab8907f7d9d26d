//! Storage for the staff workspace (issue 6): the customer search index and
//! staff accounts; the audit log is in `audit.rs`. Working for one customer
//! (caller checks, acting, approval, reset links) is in `support.rs`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;

/// One searchable value of an account (`value` lower-cased, `shown` as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermRow {
    pub account_id: Uuid,
    /// A `SearchField` wire name.
    pub field: String,
    pub value: String,
    pub shown: String,
}

/// One search, as `search_candidates` runs it.
#[derive(Debug, Clone)]
pub struct SearchRequest<'a> {
    pub q: &'a str,
    /// Prefix candidates to read; 0 for none.
    pub prefix_limit: i64,
    /// Upper-case invoice number prefix, when the query looks like one.
    pub invoice: Option<&'a str>,
    /// Substring candidates to read; 0 for none.
    pub substring_limit: i64,
}

/// What an account's search terms are built from.
#[derive(Debug, Clone)]
pub struct SearchSources {
    pub account_name: String,
    pub profile_doc: Option<String>,
    /// Members' (name, sign-in e-mail).
    pub members: Vec<(String, String)>,
}

/// What a search hit shows about an account.
#[derive(Debug, Clone)]
pub struct CustomerCardRow {
    pub account_id: Uuid,
    pub name: String,
    pub kind: String,
    pub created_at: DateTime<Utc>,
    pub profile_doc: Option<String>,
    /// The first owner's (name, sign-in e-mail).
    pub owner: Option<(String, String)>,
    /// Whether a member is staff: agents may not work on such accounts.
    pub has_staff_member: bool,
}

#[derive(Debug, Clone)]
pub struct StaffRow {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub pseudonym: Option<String>,
    pub two_factor: bool,
    pub disabled: bool,
}

/// A generated invoice: (id, account, number, issued, status, subtotal,
/// tax, total); one line of the subtotal.
pub type GeneratedInvoice = (
    Uuid,
    Uuid,
    String,
    i64,
    &'static str,
    String,
    String,
    String,
);

/// A batch of generated accounts (`steward-server generate`), each with
/// its owner, profile, search terms and an invoice.
#[derive(Debug, Clone, Default)]
pub struct GeneratedBatch {
    /// (id, email, name, password hash, created).
    pub users: Vec<(Uuid, String, String, String, i64)>,
    /// (id, name, kind, created).
    pub accounts: Vec<(Uuid, String, &'static str, i64)>,
    /// (account, profile JSON, updated).
    pub profiles: Vec<(Uuid, String, i64)>,
    pub terms: Vec<TermRow>,
    pub invoices: Vec<GeneratedInvoice>,
}

#[async_trait]
pub trait StaffStore: Send + Sync {
    // Search (PR-10 "find a customer").
    async fn search_sources(&self, account_id: Uuid) -> StoreResult<Option<SearchSources>>;
    /// Replace the account's terms in one transaction.
    async fn replace_search_terms(&self, account_id: Uuid, terms: &[TermRow]) -> StoreResult<()>;
    /// Candidate terms for a query, in one transaction: terms starting with
    /// `q` (a B-tree range, in value order), then, when asked, invoices whose
    /// number starts with `invoice` and terms containing `q` (at least 3
    /// characters; trigram index, in no order).
    async fn search_candidates(&self, q: &SearchRequest<'_>) -> StoreResult<Vec<TermRow>>;
    /// The query plans of the three searches, one line per plan node.
    async fn search_plans(&self, needle: &str) -> StoreResult<Vec<(String, Vec<String>)>>;
    async fn customer_cards(&self, ids: &[Uuid]) -> StoreResult<Vec<CustomerCardRow>>;
    /// Account ids in id order after `after`, for rebuilding the index.
    async fn account_ids_after(&self, after: Uuid, limit: i64) -> StoreResult<Vec<Uuid>>;

    // Staff accounts (administrators).
    async fn staff_members(&self) -> StoreResult<Vec<StaffRow>>;
    async fn staff_member(&self, user_id: Uuid) -> StoreResult<Option<StaffRow>>;
    /// Apply the given changes; `None` leaves a field alone.
    async fn update_staff(
        &self,
        user_id: Uuid,
        role: Option<&str>,
        pseudonym: Option<Option<&str>>,
        disabled: Option<DateTime<Utc>>,
        enable: bool,
    ) -> StoreResult<()>;
    async fn staff_pseudonym(&self, user_id: Uuid) -> StoreResult<Option<String>>;

    /// Bulk-load generated accounts in one transaction (multi-row inserts).
    async fn insert_generated(&self, batch: &GeneratedBatch) -> StoreResult<()>;
    /// Refresh the planner's statistics after a bulk load (and vacuum, where
    /// the store needs it).
    async fn analyze(&self) -> StoreResult<()>;
}
