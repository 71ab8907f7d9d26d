//! RFC 9457 problem details: the one error body of the account API.
//!
//! The server maps its error enum to a `Problem` in one place; the client
//! decodes the same struct and branches on `code`, never on prose.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Stable, machine-readable error codes. Add codes; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The request is malformed (bad JSON, a missing parameter).
    BadRequest,
    /// One or more fields broke a rule; see `errors`.
    ValidationFailed,
    /// No credentials, or credentials that are invalid, expired or revoked.
    Unauthorized,
    /// Authenticated, but this role may not do this.
    Forbidden,
    /// No such object, or one the caller may not know exists.
    NotFound,
    Conflict,
    /// A sensitive change needs a recent sign-in: sign in again, then retry (403).
    StepUpRequired,
    /// A write needs `If-Match` (428).
    PreconditionRequired,
    /// `If-Match` did not match the current version (412).
    PreconditionFailed,
    /// Too many attempts; retry after `Retry-After` seconds.
    RateLimited,
    /// OAuth: the grant (code or refresh token) is invalid, expired, reused or revoked.
    InvalidGrant,
    /// OAuth: the request is missing a parameter or has a bad one.
    InvalidRequest,
    /// OAuth: unknown client.
    InvalidClient,
    /// OAuth: grant types other than `authorization_code` and `refresh_token`.
    UnsupportedGrantType,
    /// The server is overloaded or a dependency is down; retry later.
    Unavailable,
    /// A bug on our side. The request id lets support find the log line.
    Internal,
    /// Staff routes need two-factor sign-in turned on for the staff account (403).
    StaffTwoFactorRequired,
    /// The customer requires their approval before staff reveal or act (403).
    ApprovalRequired,
    /// Acting for a customer needs a passed caller check or their ticket (403).
    CallerNotVerified,
}

impl ErrorCode {
    /// The RFC 6749 `error` value for the OAuth endpoints, where one applies.
    pub fn oauth_error(self) -> Option<&'static str> {
        match self {
            Self::InvalidGrant => Some("invalid_grant"),
            Self::InvalidRequest => Some("invalid_request"),
            Self::InvalidClient => Some("invalid_client"),
            Self::UnsupportedGrantType => Some("unsupported_grant_type"),
            _ => None,
        }
    }
}

/// One rejected field: which, and the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct FieldError {
    /// JSON path of the field, e.g. `postal_address.postal_code`.
    pub field: String,
    /// Machine-readable rule id, e.g. `required`, `e164`, `max_length`.
    pub rule: String,
    /// Human-readable explanation, safe to show next to the field.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, rule: &str, message: &str) -> Self {
        Self {
            field: field.into(),
            rule: rule.into(),
            message: message.into(),
        }
    }
}

/// `application/problem+json` (RFC 9457) with Steward's extension members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Problem {
    /// A URI identifying the problem type (`about:blank` for plain HTTP errors).
    #[serde(rename = "type", default = "about_blank")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    /// A message that is safe to show to the user; never internal detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
    pub code: ErrorCode,
    /// Echoes the `x-request-id` header so support can find the log line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<FieldError>>", optional)]
    pub errors: Vec<FieldError>,
    /// RFC 6749 section 5.2 `error`, present on OAuth endpoint errors so that
    /// generic OAuth clients understand the body too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<String>,
    /// Seconds to wait, mirrored from `Retry-After` for rate-limited answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub retry_after: Option<u64>,
}

fn about_blank() -> String {
    "about:blank".to_string()
}

impl Problem {
    pub fn new(status: u16, code: ErrorCode, title: impl Into<String>) -> Self {
        Self {
            type_uri: format!("https://steward.invalid/problems/{}", code_slug(code)),
            title: title.into(),
            status,
            detail: None,
            code,
            request_id: None,
            errors: Vec::new(),
            error: code.oauth_error().map(str::to_string),
            retry_after: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

fn code_slug(code: ErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', "-")))
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_rfc9457_member_names() {
        let p = Problem::new(400, ErrorCode::InvalidGrant, "Invalid grant").with_detail("reused");
        let v = serde_json::to_value(&p).expect("json");
        assert_eq!(v["type"], "https://steward.invalid/problems/invalid-grant");
        assert_eq!(v["code"], "invalid_grant");
        assert_eq!(v["error"], "invalid_grant");
        assert!(v.get("errors").is_none(), "empty lists are omitted");
        let back: Problem = serde_json::from_value(v).expect("decode");
        assert_eq!(back, p);
    }

    #[test]
    fn non_oauth_codes_carry_no_oauth_error() {
        assert!(Problem::new(404, ErrorCode::NotFound, "Not found")
            .error
            .is_none());
    }
}
