//! Sharing with service partners and contractors (PR-6): who they are, what
//! they receive, the customer's switch, and the ledger of every export.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

/// A partner and where this account stands with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PartnerView {
    pub id: String,
    pub name: String,
    /// What they do for us.
    pub purpose: String,
    /// The kinds of data they receive.
    pub categories: Vec<String>,
    /// Their privacy statement.
    pub privacy_url: String,
    /// An optional partner can be switched off on its own; the others only
    /// with the "do not share" switch.
    pub optional: bool,
    /// Whether this account's data may go to them now.
    pub shared: bool,
    /// What stops working without them (PR-20).
    pub curtails: String,
    /// Set while they do not receive data yet: when they start (the policy
    /// version that announced them takes effect then, PR-7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub starts_at: Option<DateTime<Utc>>,
}

/// The account's sharing choices. `version` is also the `ETag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SharingView {
    pub version: i64,
    /// "Do not share my personal information with service partners".
    pub share_none: bool,
    /// Optional partners turned off one by one; kept while `share_none` is
    /// on, so turning the switch off restores them.
    pub opted_out: Vec<String>,
    pub partners: Vec<PartnerView>,
}

/// The whole choice at once: the switch, and the optional partners turned off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SharingChange {
    pub share_none: bool,
    #[serde(default)]
    pub opted_out: Vec<String>,
}

/// One export of the account's data to a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LedgerEntry {
    pub id: Uuid,
    pub partner_id: String,
    pub partner_name: String,
    pub categories: Vec<String>,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Cookie consent (PR-14) for the service's web properties, which read it
/// with the person's own sign-in. Necessary cookies cannot be refused: the
/// sites do not work without them (sign-in, security).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CookieConsent {
    pub version: i64,
    /// Always true; here so sites need not special-case it.
    pub necessary: bool,
    /// Remembered choices such as language and player volume.
    pub preferences: bool,
    /// Aggregate visit statistics.
    pub analytics: bool,
    /// When the person last chose; `None` while only the defaults apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CookieChoice {
    pub preferences: bool,
    pub analytics: bool,
}
