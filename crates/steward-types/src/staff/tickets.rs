//! Support tickets between customers and staff, and anonymised case
//! summaries of them (PR-11).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::problem::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TicketStatus {
    Open,
    /// Waiting for the customer.
    Pending,
    Closed,
}

impl TicketStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Pending => "pending",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Pending, Self::Closed]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// Who wrote a ticket message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TicketAuthorKind {
    Customer,
    Staff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct TicketMessage {
    pub id: Uuid,
    pub author: String,
    pub author_kind: TicketAuthorKind,
    pub body: String,
    /// Internal notes: staff only, never sent to the customer.
    pub internal: bool,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct TicketSummary {
    pub id: Uuid,
    /// Human reference, e.g. `T-000042`.
    pub number: String,
    pub account_id: Uuid,
    pub account_name: String,
    pub subject: String,
    pub status: TicketStatus,
    pub opened_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Ticket {
    #[serde(flatten)]
    pub summary: TicketSummary,
    pub messages: Vec<TicketMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct TicketList {
    pub items: Vec<TicketSummary>,
}

pub const SUBJECT_MAX: usize = 200;
pub const MESSAGE_MAX: usize = 10_000;

/// `POST /v1/accounts/{account_id}/tickets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct NewTicket {
    pub subject: String,
    pub body: String,
}

impl NewTicket {
    pub fn validate(&self) -> Result<NewTicket, Vec<FieldError>> {
        let mut errors = Vec::new();
        let subject = self.subject.trim().to_owned();
        if subject.is_empty() {
            errors.push(FieldError::new(
                "subject",
                "required",
                "Give the request a subject.",
            ));
        } else if subject.chars().count() > SUBJECT_MAX {
            errors.push(FieldError::new(
                "subject",
                "too_long",
                &format!("At most {SUBJECT_MAX} characters."),
            ));
        } else if subject.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "subject",
                "control_characters",
                "Line breaks and tabs are not allowed in the subject.",
            ));
        }
        match validate_body(&self.body) {
            Ok(body) if errors.is_empty() => Ok(NewTicket { subject, body }),
            Ok(_) => Err(errors),
            Err(e) => {
                errors.push(e);
                Err(errors)
            }
        }
    }
}

/// A message body: required, at most [`MESSAGE_MAX`], line breaks allowed.
pub fn validate_body(body: &str) -> Result<String, FieldError> {
    let body = body.trim();
    if body.is_empty() {
        Err(FieldError::new("body", "required", "Write a message."))
    } else if body.chars().count() > MESSAGE_MAX {
        Err(FieldError::new(
            "body",
            "too_long",
            &format!("At most {MESSAGE_MAX} characters."),
        ))
    } else if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        Err(FieldError::new(
            "body",
            "control_characters",
            "Only line breaks and tabs are allowed among control characters.",
        ))
    } else {
        Ok(body.to_owned())
    }
}

/// `POST .../tickets/{ticket_id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct NewTicketMessage {
    pub body: String,
    /// Staff only: an internal note the customer never sees.
    #[serde(default)]
    pub internal: bool,
}

/// `PUT /v1/staff/tickets/{ticket_id}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct TicketStatusUpdate {
    pub status: TicketStatus,
}

/// `GET /v1/staff/tickets` filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct TicketQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<TicketStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub account_id: Option<Uuid>,
}

/// An anonymised case summary (PR-11), for a forum, an ISP or a whitelisting
/// service: names, addresses, numbers and identifiers replaced by placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CaseSummary {
    pub text: String,
    /// What was replaced, by kind and count (never the values).
    pub replaced: Vec<Redaction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Redaction {
    pub kind: String,
    pub placeholder: String,
    pub count: u32,
}
