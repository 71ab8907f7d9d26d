//! The staff workspace (PR-10, PR-11, PR-16, PR-17): finding a customer,
//! masked views and reasoned reveals, caller verification, acting on a
//! customer's behalf, tickets, anonymised case summaries, the audit log, and
//! what the customer sees of all of it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::problem::FieldError;
use crate::profile::{ContactEmail, PostalAddress};
use crate::{AccountKind, MemberRole, UserRole};

/// The longest reason or ticket reference staff may give.
pub const REASON_MAX: usize = 500;
/// Fewer characters than this match nothing: a shorter query would scan.
pub const SEARCH_MIN_CHARS: usize = 2;
pub const SEARCH_MAX_CHARS: usize = 100;

/// `GET /v1/staff/customers?q=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SearchQuery {
    /// A name, e-mail, company, telephone, domain, account id or invoice
    /// number; whole or part.
    pub q: String,
}

/// Which field a search hit matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SearchField {
    AccountId,
    Name,
    Email,
    Company,
    Phone,
    Domain,
    Invoice,
}

impl SearchField {
    pub const ALL: [SearchField; 7] = [
        Self::AccountId,
        Self::Name,
        Self::Email,
        Self::Company,
        Self::Phone,
        Self::Domain,
        Self::Invoice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccountId => "account_id",
            Self::Name => "name",
            Self::Email => "email",
            Self::Company => "company",
            Self::Phone => "phone",
            Self::Domain => "domain",
            Self::Invoice => "invoice",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// How a hit matched, best first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchKind {
    Exact,
    Prefix,
    /// The start of a word inside the value ("smith" in "Jo Smith").
    WordPrefix,
    Substring,
}

/// One customer account in the search results. Personal data is masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CustomerHit {
    pub account_id: Uuid,
    pub account_name: String,
    pub kind: AccountKind,
    /// The account holder's name (not masked: staff greet callers by name).
    pub holder_name: String,
    /// e.g. `j***@example.com`.
    pub email_masked: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub company: Option<String>,
    pub matched: SearchField,
    pub match_kind: MatchKind,
    /// What matched, masked like the field it came from.
    pub matched_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CustomerSearchResult {
    pub query: String,
    pub items: Vec<CustomerHit>,
}

/// A member of the customer's account, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CustomerMember {
    pub user_id: Uuid,
    pub name: String,
    pub email_masked: String,
    pub role: MemberRole,
    /// Whether this person has set a support PIN (PR-10).
    pub has_support_pin: bool,
}

/// `GET /v1/staff/customers/{account_id}`: the masked view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CustomerView {
    pub account_id: Uuid,
    pub account_name: String,
    pub kind: AccountKind,
    pub created_at: DateTime<Utc>,
    pub legal_name: String,
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub company_name: Option<String>,
    /// Contact e-mails, masked.
    pub emails_masked: Vec<String>,
    /// Last two digits only, e.g. `••••••••67`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone_masked: Option<String>,
    /// City and country only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub address_masked: Option<String>,
    pub members: Vec<CustomerMember>,
    /// The latest caller check still in force, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub caller_check: Option<CallerCheck>,
    /// The caller's acting session on this account, if one is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub acting: Option<ActingSession>,
    pub access: StaffAccessSettings,
    pub open_tickets: u32,
    /// A legal hold on the account (PR-19), if one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub legal_hold: Option<crate::deletion::LegalHold>,
}

/// `POST /v1/staff/customers/{account_id}/users/{user_id}/password-reset`:
/// a link mailed to the person's sign-in address, where they choose a new
/// password themselves (staff never set one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ResetLinkSent {
    /// The sign-in address, masked.
    pub sent_to: String,
    pub expires_at: DateTime<Utc>,
}

/// A part of the customer's data that is masked until revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RevealField {
    ContactEmails,
    Phone,
    PostalAddress,
    MemberEmails,
}

impl RevealField {
    pub const ALL: [RevealField; 4] = [
        Self::ContactEmails,
        Self::Phone,
        Self::PostalAddress,
        Self::MemberEmails,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ContactEmails => "contact_emails",
            Self::Phone => "phone",
            Self::PostalAddress => "postal_address",
            Self::MemberEmails => "member_emails",
        }
    }

    /// How the customer's staff-access page names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::ContactEmails => "contact e-mail addresses",
            Self::Phone => "telephone numbers",
            Self::PostalAddress => "postal address",
            Self::MemberEmails => "team members' sign-in e-mails",
        }
    }
}

/// Why staff touch a customer's data: required, and shown to the customer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Justification {
    pub reason: String,
    /// A ticket number or reference, if the work belongs to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ticket: Option<String>,
}

impl Justification {
    /// Trimmed; `reason` required (at least 5 characters), both at most
    /// [`REASON_MAX`], no control characters.
    pub fn validate(&self) -> Result<Justification, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reason = self.reason.trim().to_owned();
        if reason.chars().count() < 5 {
            errors.push(FieldError::new(
                "reason",
                "required",
                "Say why you need this (at least 5 characters): the customer will see it.",
            ));
        }
        check_text("reason", &reason, &mut errors);
        let ticket = self
            .ticket
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        if let Some(t) = &ticket {
            check_text("ticket", t, &mut errors);
        }
        if errors.is_empty() {
            Ok(Justification { reason, ticket })
        } else {
            Err(errors)
        }
    }
}

fn check_text(field: &str, value: &str, errors: &mut Vec<FieldError>) {
    if value.chars().count() > REASON_MAX {
        errors.push(FieldError::new(
            field,
            "too_long",
            &format!("At most {REASON_MAX} characters."),
        ));
    }
    if value.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            "control_characters",
            "Control characters (line breaks, tabs) are not allowed.",
        ));
    }
}

/// `POST /v1/staff/customers/{account_id}/reveal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RevealRequest {
    pub fields: Vec<RevealField>,
    #[serde(flatten)]
    pub why: Justification,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct MemberEmail {
    pub user_id: Uuid,
    pub email: String,
}

/// The unmasked values asked for; fields not asked for are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Revealed {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub contact_emails: Option<Vec<ContactEmail>>,
    /// `Some(None)` is not used: a missing phone reveals as an empty list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phones: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub postal_address: Option<PostalAddress>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub member_emails: Option<Vec<MemberEmail>>,
}

/// How a caller proved who they are (PR-10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CallerCheckMethod {
    /// The support PIN the person set in the console.
    SupportPin,
    /// A one-time code sent to the person's verified sign-in e-mail.
    EmailCode,
}

impl CallerCheckMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SupportPin => "support_pin",
            Self::EmailCode => "email_code",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::SupportPin, Self::EmailCode]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// `POST /v1/staff/customers/{account_id}/caller-checks`: what the caller
/// told the agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CallerCheckRequest {
    /// The member who is calling.
    pub user_id: Uuid,
    pub method: CallerCheckMethod,
    /// The PIN or the code, as the caller read it out.
    pub answer: String,
}

/// `POST /v1/staff/customers/{account_id}/caller-checks/code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CallerCodeRequest {
    pub user_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CallerCodeSent {
    /// The sign-in address, masked, so the agent can tell the caller where to look.
    pub sent_to: String,
    pub expires_at: DateTime<Utc>,
}

/// The recorded result of a caller check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CallerCheck {
    pub id: Uuid,
    pub user_id: Uuid,
    pub user_name: String,
    pub method: CallerCheckMethod,
    pub passed: bool,
    pub checked_at: DateTime<Utc>,
    /// A passed check vouches for the caller until then.
    pub valid_until: DateTime<Utc>,
    /// Wrong answers left before checks for this person pause.
    pub attempts_left: u32,
}

/// `PUT /v1/me/support-pin`: the PIN a person gives support on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SupportPinRequest {
    /// 6 to 10 digits, not all the same and not a run like 123456.
    pub pin: String,
}

impl SupportPinRequest {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let pin = self.pin.trim();
        let digits: Vec<u32> = pin.chars().filter_map(|c| c.to_digit(10)).collect();
        let rule = if digits.len() != pin.chars().count() || !(6..=10).contains(&digits.len()) {
            Some(("format", "Use 6 to 10 digits."))
        } else if digits.windows(2).all(|w| w[0] == w[1])
            || digits.windows(2).all(|w| w[1] == (w[0] + 1) % 10)
            || digits.windows(2).all(|w| (w[1] + 1) % 10 == w[0])
        {
            Some((
                "guessable",
                "Choose digits that are not all the same or in a run.",
            ))
        } else {
            None
        };
        match rule {
            Some((rule, message)) => Err(vec![FieldError::new("pin", rule, message)]),
            None => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SupportPinStatus {
    pub is_set: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub set_at: Option<DateTime<Utc>>,
}

/// An agent's open session acting on a customer's behalf: changes made in it
/// carry its reason into the customer's history and the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ActingSession {
    pub id: Uuid,
    pub account_id: Uuid,
    pub account_name: String,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ticket: Option<String>,
    pub started_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Whether the customer requires their approval before staff reveal data
/// or act for them (PR-17), and the grant in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffAccessSettings {
    pub require_approval: bool,
    /// Staff may reveal and act until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub granted_until: Option<DateTime<Utc>>,
}

/// `PUT /v1/accounts/{account_id}/staff-access/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffAccessSettingsUpdate {
    pub require_approval: bool,
}

/// `POST /v1/accounts/{account_id}/staff-access/grant`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffAccessGrantRequest {
    /// 1 to 72.
    pub hours: u32,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_required_and_bounded() {
        let bad = Justification {
            reason: "  ".into(),
            ticket: Some("a\u{7}".into()),
        }
        .validate()
        .expect_err("empty reason");
        let rules: Vec<_> = bad
            .iter()
            .map(|e| (e.field.as_str(), e.rule.as_str()))
            .collect();
        assert!(rules.contains(&("reason", "required")));
        assert!(rules.contains(&("ticket", "control_characters")));
        let ok = Justification {
            reason: " Caller asked to update billing e-mail ".into(),
            ticket: Some("   ".into()),
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.reason, "Caller asked to update billing e-mail");
        assert_eq!(ok.ticket, None);
    }

    #[test]
    fn support_pins_must_not_be_guessable() {
        for (pin, rule) in [
            ("12345", "format"),
            ("12a456", "format"),
            ("111111", "guessable"),
            ("123456", "guessable"),
            ("987654", "guessable"),
            ("90123456", "guessable"),
        ] {
            let errs = SupportPinRequest { pin: pin.into() }
                .validate()
                .expect_err(pin);
            assert_eq!(errs[0].rule, rule, "{pin}");
        }
        SupportPinRequest {
            pin: "402719".into(),
        }
        .validate()
        .expect("a fine PIN");
    }

    #[test]
    fn audit_actions_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
        assert!(!AuditAction::TicketNote.shown_to_customer());
        assert!(AuditAction::Reveal.shown_to_customer());
    }
}
