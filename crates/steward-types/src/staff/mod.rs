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
use crate::{AccountKind, MemberRole};

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

mod audit;
mod tickets;

pub use audit::*;
pub use tickets::*;

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
}
