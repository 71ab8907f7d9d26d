//! Storage: one trait, two implementations (SQLite, PostgreSQL), chosen by
//! the database URL (Atuin style). Both run the same SQL text (`sql.rs`); only
//! connection setup and the DDL in `migrations/` differ.
//!
//! Servers keep no state of their own: everything that must hold across
//! instances (codes, tokens, throttling) lives here.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use steward_types::{AccountAccess, AccountKind, Language, MemberRole, UserPreferences, UserRole};
use uuid::Uuid;

mod account;
mod audit;
mod billing;
mod comms;
mod deletion;
mod export;
mod notices;
mod partners;
mod postgres;
mod security;
mod sharing;
mod sql;
pub(crate) mod sql_account;
pub(crate) mod sql_audit;
pub(crate) mod sql_billing;
pub(crate) mod sql_comms;
pub(crate) mod sql_deletion;
pub(crate) mod sql_export;
pub(crate) mod sql_notices;
pub(crate) mod sql_partners;
mod sql_security;
pub(crate) mod sql_sharing;
pub(crate) mod sql_staff;
mod sql_support;
mod sql_team;
pub(crate) mod sql_tickets;
pub(crate) mod sql_vault;
mod sqlite;
mod sqlite_grants;
mod sqlite_reader;
mod sqlite_writer;
mod staff;
mod support;
mod team;
mod tickets;
mod vault;

pub use account::{
    AccountRow, AccountStore, FieldChange, NewCorrectionRow, NewVerification, ProfileRow,
};
pub use audit::{AuditFilter, AuditHead, AuditRow, AuditStore, NewAudit};
pub use billing::{
    BillingChange, BillingStore, ChangeOutcome, InvoiceQuery, NewInvoice, SubscriptionRow,
};
pub use comms::{CommsOutcome, CommsStore, CommsWrite, Mail, NewOptIn, NewReceipt, OptInRow};
pub use deletion::{DeletionRow, DeletionStore, EraseOutcome, HoldRow, ERASED_NAME};
pub use export::{ColumnKind, ExportJobRow, ExportProgress, ExportStore, PageKey};
pub use notices::{AckOutcome, NoticeRow, NoticeStore, PolicyRow};
pub use partners::{PartnerRow, PartnerStore};
pub use postgres::PgStore;
pub use security::{EmailChangeRow, NewActivity, SecurityStore, SessionRow, TotpRow};
pub use sharing::{CookieRow, ExportOutcome, LedgerRow, SharingRow, SharingStore};
pub use sql_billing::invoice_number;
pub use sqlite::SqliteStore;
pub use staff::{
    CustomerCardRow, GeneratedBatch, SearchRequest, SearchSources, StaffRow, StaffStore, TermRow,
};
pub use support::{AccessSettingsRow, ActingRow, CallerCheckRow, SupportStore};
pub use team::{InvitationRow, NewInvitationRow, TeamChange, TeamStore};
pub use tickets::{MessageRow, TicketRow, TicketStore};
pub use vault::{CardEntryOutcome, CardEntryRow, VaultStore};

pub type StoreResult<T> = Result<T, sqlx::Error>;

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub roles: Vec<UserRole>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<UserRole>,
    pub created_at: DateTime<Utc>,
    pub disabled: bool,
    pub language: Language,
}

/// What sign-in needs: never leaves the server.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user_id: Uuid,
    pub password_hash: String,
    pub disabled: bool,
}

#[derive(Debug, Clone)]
pub struct NewAuthCode {
    pub code_hash: String,
    pub client_id: String,
    pub user_id: Uuid,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct AuthCode {
    pub client_id: String,
    pub user_id: Uuid,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
    pub expires_at: DateTime<Utc>,
}

/// The outcome of redeeming an authorization code (single use).
#[derive(Debug, Clone)]
pub enum CodeRedemption {
    /// First use: the caller must issue tokens and bind them with `bind_code_family`.
    Fresh(AuthCode),
    /// Second use: the tokens issued for the first (if any) must be revoked.
    Reused {
        family_id: Option<Uuid>,
    },
    NotFound,
}

/// A sign-in session: a refresh-token family.
#[derive(Debug, Clone)]
pub struct NewFamily {
    pub id: Uuid,
    pub user_id: Uuid,
    pub client_id: String,
    pub created_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewToken {
    pub token_hash: String,
    pub family_id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The outcome of presenting a refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was current; it is now used and `new` replaces it.
    Rotated { family_id: Uuid, user_id: Uuid },
    /// The token had been used before: the family is now revoked.
    Reused { family_id: Uuid },
    /// Expired, revoked, unknown, or issued to another client.
    Invalid,
}

/// Who an access token belongs to, and everything the route policies need
/// to authorise the request, read in one statement (issue 8: a round trip
/// per check cost PostgreSQL more CPU than the request itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessGrant {
    /// The signed-in person.
    pub user: User,
    pub family_id: Uuid,
    /// When the session signed in (for step-up checks).
    pub signed_in_at: DateTime<Utc>,
    /// The accounts the person is a member of, by name (`accounts_of`).
    pub accounts: Vec<AccountAccess>,
    /// When the person's two-factor was confirmed, if it is on (staff
    /// routes need a sign-in after it).
    pub two_factor_since: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait Store:
    AccountStore
    + AuditStore
    + BillingStore
    + CommsStore
    + DeletionStore
    + ExportStore
    + NoticeStore
    + PartnerStore
    + SecurityStore
    + SharingStore
    + StaffStore
    + SupportStore
    + TeamStore
    + TicketStore
    + VaultStore
    + Send
    + Sync
    + std::fmt::Debug
{
    /// Which implementation, for logs and `/readyz`.
    fn kind(&self) -> &'static str;
    async fn ping(&self) -> StoreResult<()>;

    // Users and accounts.
    async fn create_user(&self, user: NewUser, now: DateTime<Utc>) -> StoreResult<User>;
    async fn user_by_id(&self, id: Uuid) -> StoreResult<Option<User>>;
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>>;
    async fn credentials(&self, email: &str) -> StoreResult<Option<Credentials>>;
    /// The user's own settings; `false` when there is no such user.
    async fn set_preferences(&self, user_id: Uuid, prefs: &UserPreferences) -> StoreResult<bool>;
    async fn create_account(
        &self,
        name: &str,
        kind: AccountKind,
        now: DateTime<Utc>,
    ) -> StoreResult<Uuid>;
    async fn add_member(
        &self,
        account_id: Uuid,
        user_id: Uuid,
        role: MemberRole,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn accounts_of(&self, user_id: Uuid) -> StoreResult<Vec<AccountAccess>>;

    // OAuth codes and tokens.
    async fn insert_code(&self, code: NewAuthCode) -> StoreResult<()>;
    async fn redeem_code(&self, code_hash: &str, now: DateTime<Utc>)
        -> StoreResult<CodeRedemption>;
    /// Issue a session: family, first refresh token and access token, bound
    /// to the code that produced them, in one transaction.
    async fn start_session(
        &self,
        code_hash: &str,
        family: NewFamily,
        refresh: NewToken,
        access: NewToken,
    ) -> StoreResult<()>;
    /// Present `old_hash`; on success `new_refresh` and `new_access` are stored.
    async fn rotate_refresh(
        &self,
        old_hash: &str,
        client_id: &str,
        new_refresh: NewToken,
        new_access: NewToken,
        now: DateTime<Utc>,
    ) -> StoreResult<Rotation>;
    async fn access_grant(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<AccessGrant>>;
    async fn revoke_family(
        &self,
        family_id: Uuid,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// RFC 7009: revoke whatever this token is. Returns whether it was known.
    async fn revoke_token(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<bool>;

    // Sign-in throttling.
    async fn record_failure(&self, keys: &[String], at: DateTime<Utc>) -> StoreResult<()>;
    /// Failures for `key` since `since`: how many, and the oldest.
    async fn failures_since(
        &self,
        key: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<(u32, Option<DateTime<Utc>>)>;
    async fn clear_failures(&self, key: &str) -> StoreResult<()>;

    // Small key/value facts about the database (e.g. "demo seeded").
    async fn meta_get(&self, key: &str) -> StoreResult<Option<String>>;
    async fn meta_set(&self, key: &str, value: &str) -> StoreResult<()>;
}

/// Open the store named by `url` and bring its schema up to date.
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url, max_connections).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PgStore::open(url, max_connections).await?))
    } else {
        anyhow::bail!(
            "database URL must start with sqlite:// or postgres:// (got {:?})",
            url.split(':').next().unwrap_or_default()
        )
    }
}

/// Lock contention (SQLite busy) or a serialisation failure (PostgreSQL):
/// transient, the client may retry, never a 500.
pub fn is_contention(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // SQLite: SQLITE_BUSY (5), SQLITE_LOCKED (6) and extended codes.
            // PostgreSQL: serialization_failure, deadlock_detected.
            matches!(code.as_ref(), "5" | "6" | "517" | "261" | "40001" | "40P01")
        }
        sqlx::Error::PoolTimedOut => true,
        _ => false,
    }
}

/// Contention, or the connection lost under a statement (PostgreSQL ended
/// its backend in a restart or failover, or the socket closed): transient,
/// answered 503 with Retry-After, never 500. A retry is safe: the statement
/// did not run or its transaction rolled back, and a commit whose answer was
/// lost is stopped from running twice by If-Match or the idempotency key.
pub fn is_transient(err: &sqlx::Error) -> bool {
    is_contention(err)
        || match err {
            sqlx::Error::Io(_) => true,
            // admin_shutdown, crash_shutdown, cannot_connect_now.
            sqlx::Error::Database(db) => {
                matches!(db.code().as_deref(), Some("57P01" | "57P02" | "57P03"))
            }
            _ => false,
        }
}

/// A stored language tag; the column's CHECK admits only known ones.
pub(crate) fn language_from(tag: &str) -> Language {
    Language::parse(tag).unwrap_or_default()
}

/// `AccessGrant::accounts` from the statement's JSON array of
/// `[id, name, kind, role]` (SQLite's ids are hex, PostgreSQL's hyphenated;
/// NULL or `[]` when the person is a member of none), by name then id as
/// `accounts_of` lists them. The statements leave the order to us: an
/// aggregate's ORDER BY costs SQLite a temporary b-tree per request.
pub(crate) fn accounts_from_json(json: Option<&str>) -> StoreResult<Vec<AccountAccess>> {
    let Some(json) = json else {
        return Ok(Vec::new());
    };
    let rows: Vec<(String, String, String, String)> = serde_json::from_str(json)
        .map_err(|e| sqlx::Error::Decode(format!("memberships of a grant: {e}").into()))?;
    let accounts = rows
        .into_iter()
        .map(|(id, name, kind, role)| {
            let role =
                MemberRole::parse(&role).ok_or_else(|| sql::decode_err("member role", &role))?;
            Ok(AccountAccess {
                account_id: Uuid::parse_str(&id).map_err(|_| sql::decode_err("account id", &id))?,
                name,
                kind: AccountKind::parse(&kind)
                    .ok_or_else(|| sql::decode_err("account kind", &kind))?,
                role,
                capabilities: role.capabilities(),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(by_name(accounts))
}

/// A person's accounts in the order every list of them uses: by name, then
/// id, comparing bytes (SQLite's BINARY collation), so both stores agree
/// whatever PostgreSQL's collation.
pub(crate) fn by_name(mut accounts: Vec<AccountAccess>) -> Vec<AccountAccess> {
    accounts.sort_by(|a, b| (a.name.as_str(), a.account_id).cmp(&(b.name.as_str(), b.account_id)));
    accounts
}

pub(crate) fn roles_from(rows: Vec<String>) -> Vec<UserRole> {
    let mut roles: Vec<UserRole> = rows.iter().filter_map(|r| UserRole::parse(r)).collect();
    roles.sort_by_key(|r| r.as_str());
    roles
}
