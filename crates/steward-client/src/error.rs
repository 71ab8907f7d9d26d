//! Every way a client call can fail, with what the user should do about it.
//!
//! Messages are shown to users and written to logs, so no variant ever carries a
//! token, a password or an authorization code.

use std::time::Duration;

use reqwest::header::{HeaderMap, CONTENT_TYPE, RETRY_AFTER};
use steward_types::desktop::{CommandError, CommandErrorCode};
use steward_types::{ErrorCode, Problem};

pub type Result<T, E = ClientError> = std::result::Result<T, E>;

/// Why the OS keyring could not be used. A locked keyring is never "no credential".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    /// The keyring exists but is locked (or the unlock prompt was dismissed).
    #[error("The system keyring is locked")]
    Locked,
    /// No Secret Service / credential store to talk to (no session bus, no daemon).
    #[error("No system keyring is available ({0})")]
    Unavailable(String),
    /// Anything else the store reported.
    #[error("The system keyring failed: {0}")]
    Other(String),
}

impl KeyringError {
    pub fn advice(&self) -> Option<&'static str> {
        match self {
            Self::Locked => Some(
                "Unlock your keyring (e.g. log in to your desktop session or open Passwords and Keys), then try again.",
            ),
            Self::Unavailable(_) => Some(
                "Steward keeps your sign-in in the system keyring. Install and start a Secret Service such as gnome-keyring or KWallet, then try again.",
            ),
            Self::Other(_) => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an RFC 9457 problem; `code` is what to branch on.
    #[error("{}", problem_message(.0))]
    Api(Box<Problem>),
    /// The server could not be reached (DNS, refused connection, TLS, timeout).
    #[error("Can't reach the Steward server at {url}")]
    Unreachable {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    /// A non-problem error status (e.g. from a proxy).
    #[error("The server answered with an unexpected HTTP {status}")]
    UnexpectedStatus {
        status: u16,
        request_id: Option<String>,
    },
    /// The body did not have the expected shape.
    #[error("The server's answer could not be understood: {reason}")]
    InvalidResponse {
        reason: String,
        request_id: Option<String>,
    },
    /// Nobody completed the browser sign-in in time.
    #[error("Sign-in did not finish within {} seconds", .after.as_secs())]
    SignInTimedOut { after: Duration },
    /// The redirect carried a different `state`: not an answer to our request.
    #[error("The sign-in answer did not belong to this sign-in attempt")]
    StateMismatch,
    /// The authorization server redirected back with `error=...`.
    #[error("Sign-in failed: {error}{}", .description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Authorization {
        error: String,
        description: Option<String>,
    },
    /// The sign-in page refused the submitted credentials (scripted browser).
    #[error("Sign-in was refused (HTTP {status}){}", .message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    SignInRefused {
        status: u16,
        message: Option<String>,
        retry_after: Option<u64>,
    },
    /// The system browser could not be started.
    #[error("Couldn't open the browser: {0}")]
    BrowserOpen(String),
    /// The loopback redirect listener could not be started.
    #[error("Couldn't listen for the sign-in redirect: {0}")]
    Loopback(#[source] std::io::Error),
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    /// The refresh token was rejected (`invalid_grant`): the session is gone.
    #[error("Your session ended")]
    SessionExpired { request_id: Option<String> },
    /// No session and no stored credential for it.
    #[error("You are not signed in")]
    NotSignedIn,
    #[error("Invalid server address: {0}")]
    InvalidServerUrl(String),
    /// Step-up sign-in completed as a different user than the session's.
    #[error("You signed in as a different user")]
    WrongUser,
    /// A download could not be written to the chosen file.
    #[error("Could not write {path}: {source}")]
    LocalFile {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn problem_message(p: &Problem) -> String {
    match &p.detail {
        Some(d) if !d.is_empty() => format!("{}: {d}", p.title),
        _ => p.title.clone(),
    }
}

impl ClientError {
    /// What the user should do next, when there is something useful to say.
    pub fn advice(&self) -> Option<&'static str> {
        match self {
            Self::Api(p) => match p.code {
                ErrorCode::RateLimited => Some("Too many attempts. Wait a moment, then try again."),
                ErrorCode::Unavailable => Some("The server is busy or under maintenance. Try again later."),
                ErrorCode::Internal => Some("Something went wrong on the server. If it keeps happening, contact support with the request id."),
                ErrorCode::Unauthorized | ErrorCode::InvalidGrant => Some("Sign in again."),
                ErrorCode::Forbidden => Some("Your account is not allowed to do this. Ask an account owner or an administrator."),
                ErrorCode::PreconditionFailed => Some("Someone else changed this in the meantime. Reload and try again."),
                ErrorCode::StepUpRequired => Some("For your security, sign in again to make this change."),
                ErrorCode::ValidationFailed => Some("Correct the highlighted fields, then save again."),
                ErrorCode::StaffTwoFactorRequired => Some("Turn on two-factor sign-in in Security, then sign in again."),
                ErrorCode::ApprovalRequired => Some("Ask the customer to grant support access from Privacy, Staff access in their console."),
                ErrorCode::CallerNotVerified => Some("Verify the caller with their support PIN or an e-mail code, or name the customer's own ticket."),
                _ => None,
            },
            Self::Unreachable { .. } => Some("Check your network connection and the server address, then try again."),
            Self::UnexpectedStatus { .. } | Self::InvalidResponse { .. } => {
                Some("Check that the address points to a Steward server. If it does, try again later.")
            }
            Self::SignInTimedOut { .. } => Some("Start the sign-in again and complete it in the browser window that opens."),
            Self::StateMismatch => Some("Start the sign-in again, and use only the browser tab it opens."),
            Self::Authorization { .. } => Some("Start the sign-in again."),
            Self::SignInRefused { status: 429, .. } => Some("Too many attempts. Wait a moment, then try again."),
            Self::SignInRefused { .. } => Some("Check the username and password, then try again."),
            Self::BrowserOpen(_) => Some("Set a default web browser for your desktop, then try again."),
            Self::Loopback(_) => Some("Steward needs to listen on 127.0.0.1 for the sign-in redirect. Check local firewall rules."),
            Self::Keyring(k) => k.advice(),
            Self::SessionExpired { .. } | Self::NotSignedIn => Some("Sign in again."),
            Self::WrongUser => Some("Sign in again with the account you are using in the console."),
            Self::LocalFile { .. } => {
                Some("Check that the folder exists, that you can write to it and that the disk has room, then try again.")
            }
            Self::InvalidServerUrl(_) => Some(
                "Enter the server address as https://host[:port]. Plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1).",
            ),
        }
    }

    /// The server's request id, for support, when the error came from an answer.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(p) => p.request_id.as_deref(),
            Self::UnexpectedStatus { request_id, .. }
            | Self::InvalidResponse { request_id, .. }
            | Self::SessionExpired { request_id } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The problem's code, when the server sent one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Api(p) => Some(p.code),
            _ => None,
        }
    }

    /// The error as the desktop UI receives it (code to branch on, message, advice).
    pub fn to_command_error(&self) -> CommandError {
        let code = match self {
            Self::Keyring(KeyringError::Locked) => CommandErrorCode::KeyringLocked,
            Self::Keyring(KeyringError::Unavailable(_)) => CommandErrorCode::KeyringUnavailable,
            Self::SessionExpired { .. } | Self::NotSignedIn => CommandErrorCode::SessionExpired,
            Self::Api(p) if matches!(p.code, ErrorCode::Unauthorized | ErrorCode::InvalidGrant) => {
                CommandErrorCode::SessionExpired
            }
            Self::Api(p) if p.code == ErrorCode::ValidationFailed => CommandErrorCode::InvalidInput,
            Self::Api(p) if p.code == ErrorCode::StepUpRequired => CommandErrorCode::StepUpRequired,
            Self::Api(p) if p.code == ErrorCode::Forbidden => CommandErrorCode::Forbidden,
            Self::Api(p) if p.code == ErrorCode::StaffTwoFactorRequired => {
                CommandErrorCode::StaffTwoFactorRequired
            }
            Self::Api(p) if p.code == ErrorCode::ApprovalRequired => {
                CommandErrorCode::ApprovalRequired
            }
            Self::Api(p) if p.code == ErrorCode::CallerNotVerified => {
                CommandErrorCode::CallerNotVerified
            }
            Self::Api(p) if p.code == ErrorCode::NotFound => CommandErrorCode::NotFound,
            Self::Api(p)
                if matches!(p.code, ErrorCode::Conflict | ErrorCode::PreconditionFailed) =>
            {
                CommandErrorCode::Conflict
            }
            Self::Unreachable { .. } => CommandErrorCode::ServerUnreachable,
            Self::SignInTimedOut { .. } => CommandErrorCode::SignInCancelled,
            Self::Authorization { error, .. } if error == "access_denied" => {
                CommandErrorCode::SignInCancelled
            }
            Self::InvalidServerUrl(_) => CommandErrorCode::InvalidInput,
            _ => CommandErrorCode::Other,
        };
        CommandError {
            code,
            message: self.to_string(),
            advice: self.advice().map(str::to_string),
            request_id: self.request_id().map(str::to_string),
            fields: match self {
                Self::Api(p) => p.errors.clone(),
                _ => Vec::new(),
            },
            cached: None,
        }
    }

    pub(crate) fn unreachable(url: &url::Url, source: reqwest::Error) -> Self {
        // The error's own URL could carry query parameters; the origin is enough.
        Self::Unreachable {
            url: url.origin().ascii_serialization(),
            source: source.without_url(),
        }
    }

    pub(crate) fn invalid_response(reason: impl Into<String>, request_id: Option<String>) -> Self {
        Self::InvalidResponse {
            reason: reason.into(),
            request_id,
        }
    }
}

pub(crate) fn request_id_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

pub(crate) fn retry_after_of(headers: &HeaderMap) -> Option<u64> {
    headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()
}

/// Turns an error answer into a `ClientError`, keeping the Problem when there is one.
pub(crate) async fn error_from_response(resp: reqwest::Response) -> ClientError {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.bytes().await.unwrap_or_default();
    decode_error_body(status, &headers, &body)
}

pub(crate) fn decode_error_body(status: u16, headers: &HeaderMap, body: &[u8]) -> ClientError {
    let request_id = request_id_of(headers);
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| ct.contains("json"))
        .unwrap_or(false);
    if is_json {
        if let Ok(mut problem) = serde_json::from_slice::<Problem>(body) {
            if problem.request_id.is_none() {
                problem.request_id = request_id;
            }
            if problem.retry_after.is_none() {
                problem.retry_after = retry_after_of(headers);
            }
            return ClientError::Api(Box::new(problem));
        }
    }
    ClientError::UnexpectedStatus { status, request_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(ct: &str, rid: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_str(ct).expect("header"));
        if let Some(r) = rid {
            h.insert("x-request-id", HeaderValue::from_str(r).expect("header"));
        }
        h
    }

    #[test]
    fn problem_body_decodes_with_code_and_request_id() {
        let body =
            br#"{"type":"https://steward.invalid/problems/invalid-grant","title":"Invalid grant",
            "status":400,"code":"invalid_grant","error":"invalid_grant","detail":"reused"}"#;
        let e = decode_error_body(
            400,
            &headers("application/problem+json", Some("req-1")),
            body,
        );
        assert_eq!(e.code(), Some(ErrorCode::InvalidGrant));
        assert_eq!(
            e.request_id(),
            Some("req-1"),
            "header request id fills the gap"
        );
        assert_eq!(e.to_string(), "Invalid grant: reused");
        assert_eq!(e.to_command_error().code, CommandErrorCode::SessionExpired);
    }

    #[test]
    fn body_request_id_wins_and_retry_after_is_mirrored() {
        let body =
            br#"{"title":"Slow down","status":429,"code":"rate_limited","request_id":"body-id"}"#;
        let mut h = headers("application/problem+json", Some("hdr-id"));
        h.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        match decode_error_body(429, &h, body) {
            ClientError::Api(p) => {
                assert_eq!(p.request_id.as_deref(), Some("body-id"));
                assert_eq!(p.retry_after, Some(7));
                assert_eq!(p.type_uri, "about:blank");
            }
            other => panic!("expected Api, got {other:?}"),
        }
    }

    #[test]
    fn non_problem_bodies_become_unexpected_status() {
        let e = decode_error_body(
            502,
            &headers("text/html", Some("r")),
            b"<h1>Bad gateway</h1>",
        );
        assert!(matches!(
            e,
            ClientError::UnexpectedStatus { status: 502, .. }
        ));
        assert_eq!(e.request_id(), Some("r"));
        let e = decode_error_body(500, &headers("application/json", None), b"{not json");
        assert!(matches!(
            e,
            ClientError::UnexpectedStatus { status: 500, .. }
        ));
    }

    #[test]
    fn keyring_errors_map_to_ui_codes_with_advice() {
        let locked = ClientError::from(KeyringError::Locked);
        let c = locked.to_command_error();
        assert_eq!(c.code, CommandErrorCode::KeyringLocked);
        assert!(c
            .advice
            .as_deref()
            .unwrap_or_default()
            .contains("Unlock your keyring"));
        let gone = ClientError::from(KeyringError::Unavailable("no bus".into()));
        assert_eq!(
            gone.to_command_error().code,
            CommandErrorCode::KeyringUnavailable
        );
        assert!(gone.advice().unwrap_or_default().contains("gnome-keyring"));
    }

    mod fuzz {
        //! Whatever a server (or something in its place) answers, the
        //! decoder never panics, and a real problem keeps its code (issue 7).
        use super::*;
        use proptest::prelude::*;

        fn content_type() -> impl Strategy<Value = Option<&'static str>> {
            prop_oneof![
                Just(Some("application/problem+json")),
                Just(Some("application/json; charset=utf-8")),
                Just(Some("text/html")),
                Just(None),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            #[test]
            fn any_body_decodes_without_panicking(
                status in 100u16..600,
                ct in content_type(),
                body in prop_oneof![
                    prop::collection::vec(any::<u8>(), 0..300),
                    "\\{\"code\":\"[a-z_]{0,20}\",\"status\":[0-9]{1,3},\"title\":\".{0,20}\"\\}"
                        .prop_map(String::into_bytes),
                ],
                retry_after in prop::option::of("[ 0-9a-zA-Z:,-]{0,30}"),
            ) {
                let mut h = HeaderMap::new();
                if let Some(ct) = ct {
                    h.insert(CONTENT_TYPE, reqwest::header::HeaderValue::from_static(ct));
                }
                if let Some(v) = retry_after.and_then(|r| reqwest::header::HeaderValue::from_str(&r).ok()) {
                    h.insert(RETRY_AFTER, v);
                }
                match decode_error_body(status, &h, &body) {
                    ClientError::Api(p) => prop_assert!(serde_json::from_slice::<Problem>(&body).is_ok(), "{p:?}"),
                    ClientError::UnexpectedStatus { status: s, .. } => prop_assert_eq!(s, status),
                    other => prop_assert!(false, "{other:?}"),
                }
            }

            #[test]
            fn a_real_problem_keeps_its_code(
                code in prop::sample::select(vec![
                    ErrorCode::ValidationFailed,
                    ErrorCode::PreconditionFailed,
                    ErrorCode::RateLimited,
                    ErrorCode::NotFound,
                    ErrorCode::Internal,
                ]),
                title in ".{0,40}",
                detail in prop::option::of(".{0,80}"),
                retry in prop::option::of(0u64..100_000),
            ) {
                let mut p = Problem::new(429, code, title);
                p.detail = detail;
                p.retry_after = retry;
                let body = serde_json::to_vec(&p).expect("json");
                let h = headers("application/problem+json", Some("req-1"));
                match decode_error_body(429, &h, &body) {
                    ClientError::Api(back) => {
                        prop_assert_eq!(back.code, code);
                        prop_assert_eq!(back.retry_after, retry);
                        prop_assert_eq!(back.request_id.as_deref(), Some("req-1"));
                    }
                    other => prop_assert!(false, "{other:?}"),
                }
            }
        }
    }
}
