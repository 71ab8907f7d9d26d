//! Verification requests (PR-8) and correction requests (PR-9).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::profile::Actor;

/// What a verification request asks the customer to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VerificationItem {
    /// E-mail addresses, telephone, facsimile.
    ContactDetails,
    /// The postal address invoices go to.
    BillingAddress,
    /// Company name, registration and tax id, industry, website.
    CompanyInformation,
}

impl VerificationItem {
    pub const ALL: [VerificationItem; 3] = [
        Self::ContactDetails,
        Self::BillingAddress,
        Self::CompanyInformation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ContactDetails => "contact_details",
            Self::BillingAddress => "billing_address",
            Self::CompanyInformation => "company_information",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct VerificationCheck {
    pub item: VerificationItem,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub confirmed_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub confirmed_by: Option<Actor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct VerificationRequest {
    pub id: Uuid,
    /// Staff, or `system` for the yearly schedule.
    pub requested_by: Actor,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// Set when every item is confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub completed_at: Option<DateTime<Utc>>,
    pub checks: Vec<VerificationCheck>,
}

/// When an item was last verified (PR-8), across all requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LastVerified {
    pub item: VerificationItem,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verified_at: Option<DateTime<Utc>>,
}

/// `GET /v1/accounts/{id}/verifications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct VerificationOverview {
    /// Open requests first, then the most recent completed ones.
    pub requests: Vec<VerificationRequest>,
    pub last_verified: Vec<LastVerified>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CorrectionStatus {
    Open,
    InReview,
    Done,
    Declined,
}

impl CorrectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InReview => "in_review",
            Self::Done => "done",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::InReview, Self::Done, Self::Declined]
            .into_iter()
            .find(|c| c.as_str() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(self, Self::Done | Self::Declined)
    }
}

/// `POST /v1/accounts/{id}/corrections`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewCorrection {
    /// A correction-only field path, e.g. `company.name`.
    pub field: String,
    pub requested_value: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CorrectionRequest {
    pub id: Uuid,
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub current_value: Option<String>,
    pub requested_value: String,
    pub reason: String,
    pub status: CorrectionStatus,
    /// Staff's note; required when declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resolution: Option<String>,
    pub requested_by: Actor,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `PATCH /v1/staff/corrections/{id}`: staff move a request along.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CorrectionDecision {
    pub status: CorrectionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resolution: Option<String>,
}

/// `POST /v1/staff/accounts/{id}/verifications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewVerificationRequest {
    pub items: Vec<VerificationItem>,
    pub reason: String,
    pub due_at: DateTime<Utc>,
}

/// `GET /v1/staff/corrections`: the staff queue, with the account each is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffCorrection {
    pub account_id: Uuid,
    pub request: CorrectionRequest,
}
