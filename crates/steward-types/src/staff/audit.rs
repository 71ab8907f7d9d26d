//! The staff audit log (PR-16, PR-17): what each entry records, the
//! administrators' view and filters, and what the customer sees of it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

use super::StaffAccessSettings;
use crate::UserRole;

/// What a staff entry in the audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuditAction {
    /// Opened the customer's masked view.
    ViewCustomer,
    /// Unmasked personal data.
    Reveal,
    CallerCheck,
    CallerCodeSent,
    ActingStarted,
    ActingEnded,
    ProfileChanged,
    PreferencesChanged,
    VerificationRequested,
    TicketReply,
    TicketNote,
    TicketStatus,
    CaseSummary,
    StaffChanged,
    DeletionCompleted,
    LegalHold,
    PasswordResetStarted,
    /// A service partner added, edited or retired (administrators).
    PartnerChanged,
}

impl AuditAction {
    pub const ALL: [AuditAction; 18] = [
        Self::ViewCustomer,
        Self::Reveal,
        Self::CallerCheck,
        Self::CallerCodeSent,
        Self::ActingStarted,
        Self::ActingEnded,
        Self::ProfileChanged,
        Self::PreferencesChanged,
        Self::VerificationRequested,
        Self::TicketReply,
        Self::TicketNote,
        Self::TicketStatus,
        Self::CaseSummary,
        Self::StaffChanged,
        Self::DeletionCompleted,
        Self::LegalHold,
        Self::PasswordResetStarted,
        Self::PartnerChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ViewCustomer => "view_customer",
            Self::Reveal => "reveal",
            Self::CallerCheck => "caller_check",
            Self::CallerCodeSent => "caller_code_sent",
            Self::ActingStarted => "acting_started",
            Self::ActingEnded => "acting_ended",
            Self::ProfileChanged => "profile_changed",
            Self::PreferencesChanged => "preferences_changed",
            Self::VerificationRequested => "verification_requested",
            Self::TicketReply => "ticket_reply",
            Self::TicketNote => "ticket_note",
            Self::TicketStatus => "ticket_status",
            Self::CaseSummary => "case_summary",
            Self::StaffChanged => "staff_changed",
            Self::DeletionCompleted => "deletion_completed",
            Self::LegalHold => "legal_hold",
            Self::PasswordResetStarted => "password_reset_started",
            Self::PartnerChanged => "partner_changed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Whether the customer's staff-access page lists it. Internal notes are
    /// kept from the customer by design; everything else is theirs to see.
    pub fn shown_to_customer(self) -> bool {
        !matches!(
            self,
            Self::TicketNote | Self::StaffChanged | Self::PartnerChanged
        )
    }
}

/// One entry of the tamper-evident audit log (PR-16, PR-17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AuditEntry {
    /// Position in the hash chain, from 1.
    #[ts(type = "number")]
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub staff_user_id: Uuid,
    pub staff_name: String,
    pub staff_role: UserRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub account_id: Option<Uuid>,
    pub action: AuditAction,
    /// What was seen or changed: field names, never values.
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ticket: Option<String>,
    /// The client address the request came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ip: Option<String>,
    /// Hex SHA-256 over this entry and the previous entry's hash.
    pub hash: String,
}

/// `GET /v1/staff/audit` filters (administrators).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AuditQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub account_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub staff_user_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub action: Option<AuditAction>,
    /// Entries before this position (the next page's cursor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub before: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub next_before: Option<i64>,
}

/// One staff access as the customer sees it (PR-17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffAccess {
    pub at: DateTime<Utc>,
    /// The staff member's pseudonym if they have one, else their name.
    pub staff: String,
    pub action: AuditAction,
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ticket: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffAccessLog {
    pub items: Vec<StaffAccess>,
    pub settings: StaffAccessSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_actions_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
        assert!(!AuditAction::TicketNote.shown_to_customer());
        assert!(AuditAction::Reveal.shown_to_customer());
    }
}
