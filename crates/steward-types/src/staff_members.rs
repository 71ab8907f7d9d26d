//! Staff accounts as administrators manage them (issue 6): the list, role,
//! pseudonym and status changes, and adding a member. A new member gets a
//! single-use link to choose their own password: nobody else ever knows it.
//! They turn on two-factor at their first sign-in; staff routes refuse them
//! until they do.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::problem::FieldError;
use crate::validate::{check_text, email, fe, Limit};
use crate::UserRole;

pub const PSEUDONYM_MAX: usize = 60;

/// A staff member, as administrators manage them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffMember {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: UserRole,
    /// Shown to customers instead of the name, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pseudonym: Option<String>,
    pub two_factor: bool,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffList {
    pub items: Vec<StaffMember>,
}

/// `PATCH /v1/staff/members/{user_id}` (administrators).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StaffMemberUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub role: Option<UserRole>,
    /// An empty string clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pseudonym: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub disabled: Option<bool>,
}

/// `POST /v1/staff/members` (administrators).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewStaffMember {
    /// Their work address: the link to choose a password goes there.
    pub email: String,
    pub name: String,
    /// `agent` or `admin`.
    pub role: UserRole,
    /// Shown to customers instead of the name, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pseudonym: Option<String>,
}

/// The member added, and where their link went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct StaffInvited {
    pub member: StaffMember,
    pub link_sent_to: String,
    pub link_expires_at: DateTime<Utc>,
}

/// A pseudonym: `None` when blank.
pub fn pseudonym(field: &str, value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let value = value.trim();
    if value.chars().count() > PSEUDONYM_MAX || value.chars().any(char::is_control) {
        errors.push(fe(
            field,
            "format",
            format!("At most {PSEUDONYM_MAX} characters, without line breaks."),
        ));
    }
    (!value.is_empty()).then(|| value.to_string())
}

impl NewStaffMember {
    /// Check every field; all errors at once. The address is lower-cased.
    pub fn validate(&self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let address = match email("email", &self.email) {
            Ok(a) => a.to_lowercase(),
            Err(e) => {
                errors.push(e);
                String::new()
            }
        };
        let name = check_text(
            "name",
            &self.name,
            Limit::required("Give their full name.", 200),
            &mut errors,
        );
        if !self.role.is_staff() {
            errors.push(fe("role", "staff_role", "Choose agent or admin."));
        }
        let pseudonym = self
            .pseudonym
            .as_deref()
            .and_then(|p| pseudonym("pseudonym", p, &mut errors));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            email: address,
            name,
            role: self.role,
            pseudonym,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_member_is_checked_field_by_field() {
        let bad = NewStaffMember {
            email: "not an address".into(),
            name: " ".into(),
            role: UserRole::Customer,
            pseudonym: Some("x".repeat(61)),
        }
        .validate()
        .expect_err("invalid");
        let got: Vec<(&str, &str)> = bad
            .iter()
            .map(|e| (e.field.as_str(), e.rule.as_str()))
            .collect();
        assert!(got.iter().any(|(f, _)| *f == "email"), "{got:?}");
        assert!(got.contains(&("name", "required")), "{got:?}");
        assert!(got.contains(&("role", "staff_role")), "{got:?}");
        assert!(got.contains(&("pseudonym", "format")), "{got:?}");
    }

    #[test]
    fn a_good_member_is_normalised() {
        let ok = NewStaffMember {
            email: " Sam@Steward.Example ".into(),
            name: " Sam Okafor ".into(),
            role: UserRole::Agent,
            pseudonym: Some("  ".into()),
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.email, "sam@steward.example");
        assert_eq!(ok.name, "Sam Okafor");
        assert_eq!(ok.pseudonym, None);
    }
}
