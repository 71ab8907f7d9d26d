//! Service partners as administrators manage them (PR-6, PR-7). A partner
//! receives nothing before the policy version that announced it takes
//! effect, so customers get advance notice with the opt-out in it. A
//! partner's categories can be narrowed, never widened, and an optional
//! partner stays optional: either would share more than customers were
//! told, so it takes a new partner entry and a new announcement. Partners
//! are retired, not deleted: the sharing ledger keeps naming them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::problem::FieldError;
use crate::validate::{check_text, fe, website, Limit};

pub const MAX_CATEGORIES: usize = 12;

/// A partner, with its whole history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Partner {
    /// Stable: opt-outs and the ledger refer to it.
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub categories: Vec<String>,
    pub privacy_url: String,
    pub optional: bool,
    pub curtails: String,
    /// The policy version that told customers; `None` for the partners in
    /// the policy customers first accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub announced_in: Option<String>,
    /// When data may first go to them: when that version takes effect.
    pub starts_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub retired_at: Option<DateTime<Utc>>,
    /// Also the `ETag`.
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PartnerList {
    /// Current partners first (by name), then retired ones.
    pub items: Vec<Partner>,
}

/// The fields an administrator writes; shared by adding and editing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PartnerDetails {
    pub name: String,
    /// What they do for us, in a sentence the customer reads.
    pub purpose: String,
    /// The kinds of data they receive.
    pub categories: Vec<String>,
    /// Their privacy statement (https).
    pub privacy_url: String,
    /// What stops working for a customer who turns them off (PR-20).
    pub curtails: String,
}

/// `POST /v1/staff/partners`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewPartner {
    /// Lower-case letters, digits and hyphens, such as `acme-analytics`.
    pub id: String,
    /// Customers may turn this partner off on its own.
    pub optional: bool,
    /// The published policy version, not yet in force, that announces the
    /// partner with the "stop partner sharing" opt-out.
    pub announced_in: String,
    pub details: PartnerDetails,
}

impl PartnerDetails {
    /// Check and trim every field; all errors at once.
    pub fn validate(&self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = check_text(
            "name",
            &self.name,
            Limit::required("Give the partner's name.", 80),
            &mut errors,
        );
        let purpose = check_text(
            "purpose",
            &self.purpose,
            Limit::required("Say what they do for customers.", 200),
            &mut errors,
        );
        let curtails = check_text(
            "curtails",
            &self.curtails,
            Limit::required(
                "Say what stops working for a customer who turns them off.",
                200,
            ),
            &mut errors,
        );
        let privacy_url = check_text(
            "privacy_url",
            &self.privacy_url,
            Limit::required("Link to their privacy statement.", 300),
            &mut errors,
        );
        let privacy_url = if privacy_url.is_empty() {
            privacy_url
        } else {
            match website(&privacy_url) {
                Ok(u) if u.starts_with("https://") => u,
                Ok(_) => {
                    errors.push(fe(
                        "privacy_url",
                        "https",
                        "Use the https:// address of their privacy statement.",
                    ));
                    privacy_url
                }
                Err(m) => {
                    errors.push(fe("privacy_url", "url", m));
                    privacy_url
                }
            }
        };
        if self.categories.is_empty() {
            errors.push(fe(
                "categories",
                "required",
                "List at least one kind of data they receive.",
            ));
        }
        if self.categories.len() > MAX_CATEGORIES {
            errors.push(fe(
                "categories",
                "max_items",
                format!("List at most {MAX_CATEGORIES} kinds of data."),
            ));
        }
        let mut categories: Vec<String> = Vec::new();
        for (i, c) in self.categories.iter().take(MAX_CATEGORIES).enumerate() {
            let field = format!("categories[{i}]");
            let c = check_text(
                &field,
                c,
                Limit::required("Name the kind of data, or remove the line.", 60),
                &mut errors,
            );
            if categories.iter().any(|x| x.eq_ignore_ascii_case(&c)) {
                errors.push(fe(field, "duplicate", "This kind of data is listed twice."));
            } else {
                categories.push(c);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            name,
            purpose,
            categories,
            privacy_url,
            curtails,
        })
    }
}

impl NewPartner {
    pub fn validate(&self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let id = self.id.trim().to_string();
        let slug_ok = (3..=48).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-');
        if !slug_ok {
            errors.push(fe(
                "id",
                "slug",
                "Use 3 to 48 lower-case letters, digits and hyphens, such as acme-analytics.",
            ));
        }
        let announced_in = self.announced_in.trim().to_string();
        if announced_in.is_empty() {
            errors.push(fe(
                "announced_in",
                "required",
                "Choose the policy version that tells customers about this partner.",
            ));
        }
        let details = match self.details.validate() {
            Ok(d) => Some(d),
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        match details {
            Some(details) if errors.is_empty() => Ok(Self {
                id,
                details,
                optional: self.optional,
                announced_in,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details() -> PartnerDetails {
        PartnerDetails {
            name: " Acme Analytics ".into(),
            purpose: "Audience statistics.".into(),
            categories: vec!["usage records".into()],
            privacy_url: "https://acme.example/privacy".into(),
            curtails: "No audience breakdowns.".into(),
        }
    }

    fn rules(e: &[FieldError]) -> Vec<(String, String)> {
        e.iter()
            .map(|e| (e.field.clone(), e.rule.clone()))
            .collect()
    }

    #[test]
    fn a_good_partner_is_trimmed() {
        let ok = NewPartner {
            id: "acme-analytics".into(),
            details: details(),
            optional: true,
            announced_in: " policy-2027 ".into(),
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.details.name, "Acme Analytics");
        assert_eq!(ok.announced_in, "policy-2027");
    }

    #[test]
    fn every_broken_rule_names_its_field() {
        let bad = NewPartner {
            id: "Acme Analytics".into(),
            details: PartnerDetails {
                name: String::new(),
                purpose: "ok".into(),
                categories: vec!["usage".into(), "Usage".into(), " ".into()],
                privacy_url: "http://acme.example/privacy".into(),
                curtails: "x\ny".into(),
            },
            optional: true,
            announced_in: String::new(),
        }
        .validate()
        .expect_err("invalid");
        let got = rules(&bad);
        for want in [
            ("id", "slug"),
            ("announced_in", "required"),
            ("name", "required"),
            ("privacy_url", "https"),
            ("curtails", "control_characters"),
            ("categories[1]", "duplicate"),
            ("categories[2]", "required"),
        ] {
            assert!(
                got.contains(&(want.0.to_string(), want.1.to_string())),
                "{want:?} missing from {got:?}"
            );
        }
    }

    #[test]
    fn categories_are_required_and_bounded() {
        let mut d = details();
        d.categories.clear();
        assert_eq!(
            rules(&d.validate().expect_err("none")),
            vec![("categories".to_string(), "required".to_string())]
        );
        d.categories = (0..13).map(|i| format!("kind {i}")).collect();
        assert_eq!(
            rules(&d.validate().expect_err("too many")),
            vec![("categories".to_string(), "max_items".to_string())]
        );
    }
}
