//! The account profile (PR-1, PR-18): what the policy says we hold about a
//! customer, which of it is required and for which service, and its change
//! history. Validation lives in `validate`, shared by server and console.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AccountKind;

/// The editable document. `PUT /v1/accounts/{id}/profile` replaces it whole,
/// with `If-Match`; fields a customer may not edit directly must come back
/// unchanged (see [`FieldSpec::editable`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Profile {
    /// The person's legal name (personal accounts) or the contact's (company).
    pub legal_name: String,
    /// How we address the account in the console and in mail.
    pub display_name: String,
    /// Company accounts only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub company: Option<Company>,
    /// Contact addresses (not the sign-in e-mail, which is per user).
    #[serde(default)]
    pub emails: Vec<ContactEmail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub postal_address: Option<PostalAddress>,
    /// E.164, e.g. `+442071234567`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
    /// E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fax: Option<String>,
    /// IPv4/IPv6 networks in CIDR notation, e.g. `203.0.113.0/24`, `2001:db8::/48`.
    #[serde(default)]
    pub ip_ranges: Vec<String>,
    /// Network domains (DNS names; internationalised names are accepted).
    #[serde(default)]
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Company {
    /// The registered legal name. Changed through a correction request.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub registration_number: Option<String>,
    /// VAT or other tax id. Read-only once the account has been invoiced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub tax_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub industry: Option<String>,
    /// `https://` or `http://` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub website: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ContactEmail {
    pub address: String,
    pub purpose: ContactPurpose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ContactPurpose {
    General,
    Billing,
    Technical,
    Privacy,
}

/// An international postal address. Which of `region` and `postal_code` are
/// required, and the postal code's format, depend on `country`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PostalAddress {
    /// ISO 3166-1 alpha-2, upper case (`GB`, `US`, `JP`).
    pub country: String,
    pub line1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub line2: Option<String>,
    /// City, town or post town.
    pub locality: String,
    /// State, province, prefecture or county, where the country uses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub postal_code: Option<String>,
}

/// Whether a field must be provided (PR-18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Requirement {
    Required,
    Optional,
}

/// How a field may be changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Editability {
    /// The owner edits it directly.
    Editable,
    /// Only through a correction request reviewed by staff (PR-9).
    CorrectionOnly,
}

/// What the console shows next to a field: required or optional, for which
/// service, and whether it can be edited directly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct FieldSpec {
    /// The field path, as used in `FieldError.field` (`postal_address.postal_code`).
    pub field: String,
    pub label: String,
    pub requirement: Requirement,
    /// The service that needs it, e.g. "Invoicing".
    pub needed_for: String,
    pub editable: Editability,
    /// Why a field is correction-only, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

/// `GET /v1/accounts/{id}/profile`. The `ETag` header carries `version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ProfileView {
    pub account_id: Uuid,
    pub kind: AccountKind,
    pub profile: Profile,
    /// Increments on every change; the strong ETag is `"<version>"`.
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub fields: Vec<FieldSpec>,
}

/// Who did something: the customer, a team member, staff on their behalf,
/// or the service itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Actor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub user_id: Option<Uuid>,
    pub name: String,
    pub kind: ActorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActorKind {
    /// A member of the account (owner, billing manager).
    Member,
    /// Support staff acting on the customer's behalf (PR-17).
    Staff,
    /// The service (a schedule, a migration).
    System,
}

/// One changed field in the profile history (PR-1: see what changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ProfileChange {
    pub id: Uuid,
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub old_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub new_value: Option<String>,
    pub actor: Actor,
    /// The profile version this change produced.
    pub version: i64,
    pub at: DateTime<Utc>,
}
