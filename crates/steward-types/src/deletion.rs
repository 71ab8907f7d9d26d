//! Deleting an account (PR-19, PR-20): what the customer is told before
//! confirming, the cooling-off period, and the legal hold that blocks it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeletionStatus {
    /// Waiting out the cooling-off period; can be cancelled.
    Pending,
    Cancelled,
    /// Carried out: the account's data is erased except what must be kept.
    Completed,
}

impl DeletionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Cancelled => "cancelled",
            Self::Completed => "completed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Cancelled, Self::Completed]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// Something kept after deletion, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct KeptRecord {
    pub what: String,
    pub why: String,
}

/// A legal hold (PR-19): while it holds, the account cannot be deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LegalHold {
    /// What the customer is told.
    pub explanation: String,
    pub since: DateTime<Utc>,
}

/// A request to delete the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeletionRequest {
    pub id: Uuid,
    pub account_id: Uuid,
    pub account_name: String,
    pub status: DeletionStatus,
    pub requested_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    pub requested_at: DateTime<Utc>,
    /// The end of the cooling-off period: not carried out before.
    pub effective_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub closed_by: Option<String>,
}

/// Everything the console shows before and after a deletion request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeletionView {
    /// The account's name: typing it confirms the request.
    pub account_name: String,
    /// What stops working (PR-20).
    pub stops: Vec<String>,
    /// What is kept, and why.
    pub kept: Vec<KeptRecord>,
    pub cooling_off_days: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub legal_hold: Option<LegalHold>,
    /// The pending request, or the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub request: Option<DeletionRequest>,
}

/// Ask for the account to be deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewDeletionRequest {
    /// The account's name, typed again.
    pub confirm_name: String,
    #[serde(default)]
    pub reason: Option<String>,
}

/// Staff: a legal hold to place (PR-19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewLegalHold {
    /// What the customer is told, e.g. "A court order requires us to keep
    /// this account's records until the case is closed."
    pub explanation: String,
}
