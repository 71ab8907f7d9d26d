//! Policy versions and the notices customers get about them (PR-7): what
//! changed, whether it concerns personal or account information, the opt-out
//! actions a personal-information change carries, and the customer's
//! acknowledgement.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::problem::FieldError;
use crate::validate::{check_text, fe, Limit};

/// What a policy change concerns; it decides what the notice offers (PR-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PolicyConcern {
    /// The notice carries the opt-out actions inline.
    PersonalInformation,
    /// The notice links to the console page to review.
    AccountInformation,
}

/// An opt-out a personal-information notice offers in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NoticeAction {
    /// "Do not share my personal information with service partners" (PR-6).
    StopPartnerSharing,
    /// Unsubscribe from all promotional communications (PR-4).
    UnsubscribePromotional,
    /// Refuse preference and analytics cookies (PR-14).
    RefuseOptionalCookies,
}

/// A page of the console a notice can send the customer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConsoleSection {
    Profile,
    Billing,
    Communications,
    Privacy,
    Security,
    Team,
}

impl ConsoleSection {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Profile => "profile",
            Self::Billing => "billing",
            Self::Communications => "communications",
            Self::Privacy => "privacy",
            Self::Security => "security",
            Self::Team => "team",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Profile,
            Self::Billing,
            Self::Communications,
            Self::Privacy,
            Self::Security,
            Self::Team,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

impl NoticeAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StopPartnerSharing => "stop_partner_sharing",
            Self::UnsubscribePromotional => "unsubscribe_promotional",
            Self::RefuseOptionalCookies => "refuse_optional_cookies",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::StopPartnerSharing,
            Self::UnsubscribePromotional,
            Self::RefuseOptionalCookies,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

impl PolicyConcern {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PersonalInformation => "personal_information",
            Self::AccountInformation => "account_information",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "personal_information" => Some(Self::PersonalInformation),
            "account_information" => Some(Self::AccountInformation),
            _ => None,
        }
    }
}

/// A published version of the privacy policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PolicyVersion {
    /// A stable slug such as `privacy-policy-2013`; receipts name it.
    pub version: String,
    pub title: String,
    /// What changed, in plain words.
    pub summary: String,
    pub concerns: PolicyConcern,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<NoticeAction>>", optional)]
    pub opt_outs: Vec<NoticeAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub review_section: Option<ConsoleSection>,
    pub published_at: DateTime<Utc>,
    /// When it takes effect; notices go out before (advance notice).
    pub effective_at: DateTime<Utc>,
}

/// What an administrator publishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewPolicyVersion {
    pub version: String,
    pub title: String,
    pub summary: String,
    pub concerns: PolicyConcern,
    /// Required (at least one) for a personal-information change; not allowed
    /// for an account-information one.
    #[serde(default)]
    pub opt_outs: Vec<NoticeAction>,
    /// Required for an account-information change: where to review.
    #[serde(default)]
    pub review_section: Option<ConsoleSection>,
    pub effective_at: DateTime<Utc>,
}

pub const MAX_SUMMARY_CHARS: usize = 1000;

impl NewPolicyVersion {
    /// Check every field; all errors at once, each naming field and rule.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let version = self.version.trim().to_string();
        let slug_ok = (3..=64).contains(&version.len())
            && version
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !version.starts_with('-')
            && !version.ends_with('-');
        if !slug_ok {
            errors.push(fe(
                "version",
                "slug",
                "Use 3 to 64 lower-case letters, digits and hyphens, such as privacy-policy-2027.",
            ));
        }
        let title = check_text(
            "title",
            &self.title,
            Limit::required("Give the change a title.", 120),
            &mut errors,
        );
        // The summary may have paragraphs: check it line by line.
        let summary = self.summary.trim().replace("\r\n", "\n");
        if summary.is_empty() {
            errors.push(fe("summary", "required", "Say what changed."));
        } else if summary.chars().count() > MAX_SUMMARY_CHARS {
            errors.push(fe(
                "summary",
                "max_length",
                format!("Use at most {MAX_SUMMARY_CHARS} characters."),
            ));
        } else if summary.lines().any(|line| {
            let mut line_errors = Vec::new();
            check_text(
                "summary",
                line,
                Limit::required("", MAX_SUMMARY_CHARS),
                &mut line_errors,
            );
            line_errors.iter().any(|e| e.rule == "control_characters")
        }) {
            errors.push(fe(
                "summary",
                "control_characters",
                "Remove tabs and other invisible control characters (line breaks are fine).",
            ));
        }
        let mut opt_outs = self.opt_outs.clone();
        opt_outs.sort_by_key(|a| a.as_str());
        opt_outs.dedup();
        match self.concerns {
            PolicyConcern::PersonalInformation => {
                if opt_outs.is_empty() {
                    errors.push(fe(
                        "opt_outs",
                        "required",
                        "A change that concerns personal information must offer at least one opt-out.",
                    ));
                }
            }
            PolicyConcern::AccountInformation => {
                if !opt_outs.is_empty() {
                    errors.push(fe(
                        "opt_outs",
                        "not_allowed",
                        "Opt-outs belong to changes that concern personal information.",
                    ));
                }
                if self.review_section.is_none() {
                    errors.push(fe(
                        "review_section",
                        "required",
                        "Say which console page the customer should review.",
                    ));
                }
            }
        }
        if self.effective_at < now {
            errors.push(fe(
                "effective_at",
                "not_before_now",
                "A policy cannot take effect in the past.",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            version,
            title,
            summary,
            concerns: self.concerns,
            opt_outs,
            review_section: self.review_section,
            effective_at: self.effective_at,
        })
    }
}

/// One notice in the customer's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Notice {
    pub policy: PolicyVersion,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub read_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub acknowledged_at: Option<DateTime<Utc>>,
}

/// The notices inbox: newest first, with the count the navigation shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct NoticeInbox {
    pub unread: u32,
    pub notices: Vec<Notice>,
    /// The version in force now.
    pub current_version: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn input() -> NewPolicyVersion {
        NewPolicyVersion {
            version: "privacy-policy-2027".into(),
            title: "Partners".into(),
            summary: "We add a partner.\nNothing else changes.".into(),
            concerns: PolicyConcern::PersonalInformation,
            opt_outs: vec![
                NoticeAction::StopPartnerSharing,
                NoticeAction::StopPartnerSharing,
            ],
            review_section: None,
            effective_at: Utc
                .with_ymd_and_hms(2027, 1, 1, 0, 0, 0)
                .single()
                .expect("date"),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
            .single()
            .expect("date")
    }

    fn rules(e: Vec<FieldError>) -> Vec<(String, String)> {
        e.into_iter().map(|e| (e.field, e.rule)).collect()
    }

    #[test]
    fn a_valid_version_is_normalised() {
        let ok = input().validate(now()).expect("valid");
        assert_eq!(ok.opt_outs, vec![NoticeAction::StopPartnerSharing]);
        assert!(ok.summary.contains('\n'), "paragraphs are kept");
    }

    #[test]
    fn every_broken_rule_is_named() {
        let bad = NewPolicyVersion {
            version: "Policy 2027".into(),
            title: " ".into(),
            summary: "tab\there".into(),
            opt_outs: vec![],
            effective_at: now() - chrono::Duration::days(1),
            ..input()
        };
        assert_eq!(
            rules(bad.validate(now()).expect_err("invalid")),
            vec![
                ("version".into(), "slug".into()),
                ("title".into(), "required".into()),
                ("summary".into(), "control_characters".into()),
                ("opt_outs".into(), "required".into()),
                ("effective_at".into(), "not_before_now".into()),
            ]
        );
    }

    #[test]
    fn an_account_change_names_a_page_and_offers_no_opt_outs() {
        let bad = NewPolicyVersion {
            concerns: PolicyConcern::AccountInformation,
            ..input()
        };
        assert_eq!(
            rules(bad.validate(now()).expect_err("invalid")),
            vec![
                ("opt_outs".into(), "not_allowed".into()),
                ("review_section".into(), "required".into()),
            ]
        );
    }

    #[test]
    fn names_round_trip() {
        for a in [
            NoticeAction::StopPartnerSharing,
            NoticeAction::UnsubscribePromotional,
            NoticeAction::RefuseOptionalCookies,
        ] {
            assert_eq!(NoticeAction::parse(a.as_str()), Some(a));
            assert_eq!(
                serde_json::to_value(a).expect("json"),
                serde_json::json!(a.as_str())
            );
        }
        assert_eq!(
            ConsoleSection::parse("billing"),
            Some(ConsoleSection::Billing)
        );
        assert_eq!(
            PolicyConcern::parse("account_information"),
            Some(PolicyConcern::AccountInformation)
        );
    }
}
