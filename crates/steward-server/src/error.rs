//! The server's one error type, mapped to HTTP exactly once (Kanidm style).
//!
//! Every answer is `application/problem+json` with a stable `code` and the
//! request id. The user-facing text is safe; detail goes to the log only
//! (Vaultwarden style).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use steward_types::problem::FieldError;
use steward_types::{ErrorCode, Problem};

use crate::request_id;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// Missing, invalid, expired or revoked credentials.
    #[error("unauthorized")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// A role may read this but not change it; the text says who can.
    #[error("forbidden: {0}")]
    ForbiddenBecause(String),
    /// A sensitive change and a sign-in older than the step-up window.
    #[error("step-up required")]
    StepUpRequired,
    /// A staff route and a staff account without two-factor sign-in.
    #[error("staff two-factor required")]
    StaffTwoFactorRequired,
    /// The customer requires approval before staff reveal or act.
    #[error("customer approval required")]
    ApprovalRequired,
    /// Acting without a passed caller check or the customer's ticket.
    #[error("caller not verified")]
    CallerNotVerified,
    /// A write without `If-Match`.
    #[error("precondition required")]
    PreconditionRequired,
    /// `If-Match` names a version that is no longer current.
    #[error("precondition failed")]
    PreconditionFailed,
    /// The request clashes with the current state; the text says how.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("rate limited for {retry_after}s")]
    RateLimited { retry_after: u64 },
    /// An OAuth endpoint error (RFC 6749 section 5.2).
    #[error("oauth {code:?}: {detail}")]
    OAuth { code: ErrorCode, detail: String },
    /// Contention or an unavailable dependency: the client should retry.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(anyhow::Error),
}

impl ApiError {
    /// A 422 for one field that broke one rule.
    pub fn field(field: &str, rule: &str, message: &str) -> Self {
        Self::Validation(vec![FieldError::new(field, rule, message)])
    }

    pub fn oauth(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::OAuth {
            code,
            detail: detail.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden
            | Self::ForbiddenBecause(_)
            | Self::StepUpRequired
            | Self::StaffTwoFactorRequired
            | Self::ApprovalRequired
            | Self::CallerNotVerified => StatusCode::FORBIDDEN,
            Self::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::OAuth { code, .. } => match code {
                ErrorCode::InvalidClient => StatusCode::UNAUTHORIZED,
                _ => StatusCode::BAD_REQUEST,
            },
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn problem(&self) -> Problem {
        let status = self.status().as_u16();
        match self {
            Self::BadRequest(detail) => {
                Problem::new(status, ErrorCode::BadRequest, "Bad request").with_detail(detail)
            }
            Self::Validation(errors) => {
                let mut p = Problem::new(status, ErrorCode::ValidationFailed, "Validation failed")
                    .with_detail("One or more fields are invalid; see `errors`.");
                p.errors = errors.clone();
                p
            }
            Self::Unauthorized => Problem::new(status, ErrorCode::Unauthorized, "Unauthorized")
                .with_detail("Sign in again: the access token is missing, expired or revoked."),
            Self::Forbidden => Problem::new(status, ErrorCode::Forbidden, "Forbidden")
                .with_detail("Your role does not allow this."),
            Self::ForbiddenBecause(why) => {
                Problem::new(status, ErrorCode::Forbidden, "Forbidden").with_detail(why)
            }
            Self::StepUpRequired => Problem::new(
                status,
                ErrorCode::StepUpRequired,
                "Sign in again to continue",
            )
            .with_detail("This change needs a recent sign-in. Sign in again, then retry."),
            Self::StaffTwoFactorRequired => Problem::new(
                status,
                ErrorCode::StaffTwoFactorRequired,
                "Staff tools need two-factor sign-in",
            )
            .with_detail("Turn on two-factor sign-in for this staff account, then sign in again."),
            Self::ApprovalRequired => Problem::new(
                status,
                ErrorCode::ApprovalRequired,
                "The customer's approval is required",
            )
            .with_detail(
                "This customer requires their approval before staff see or change their data. \
                 Ask them to grant support access from their console.",
            ),
            Self::CallerNotVerified => Problem::new(
                status,
                ErrorCode::CallerNotVerified,
                "Verify the caller first",
            )
            .with_detail(
                "Acting for a customer needs a passed caller check (support PIN or e-mail code) \
                 or the number of the customer's own ticket.",
            ),
            Self::PreconditionRequired => {
                Problem::new(status, ErrorCode::PreconditionRequired, "If-Match required")
                    .with_detail(
                        "Send the ETag from your last read in If-Match, so no change is lost.",
                    )
            }
            Self::PreconditionFailed => Problem::new(
                status,
                ErrorCode::PreconditionFailed,
                "Changed since you loaded it",
            )
            .with_detail("Someone else saved a newer version. Load it, merge, and save again."),
            Self::Conflict(why) => {
                Problem::new(status, ErrorCode::Conflict, "Conflict").with_detail(why)
            }
            Self::NotFound => Problem::new(status, ErrorCode::NotFound, "Not found"),
            Self::MethodNotAllowed => {
                Problem::new(status, ErrorCode::BadRequest, "Method not allowed")
            }
            Self::RateLimited { retry_after } => {
                let mut p = Problem::new(status, ErrorCode::RateLimited, "Too many attempts")
                    .with_detail(format!("Try again in {retry_after} seconds."));
                p.retry_after = Some(*retry_after);
                p
            }
            Self::OAuth { code, detail } => {
                Problem::new(status, *code, oauth_title(*code)).with_detail(detail)
            }
            Self::Unavailable(_) => {
                let mut p = Problem::new(status, ErrorCode::Unavailable, "Service busy")
                    .with_detail("The server is busy. Try again in a moment.");
                p.retry_after = Some(1);
                p
            }
            Self::Internal(_) => Problem::new(status, ErrorCode::Internal, "Internal error")
                .with_detail("Something went wrong on our side. Quote the request id to support."),
        }
    }
}

fn oauth_title(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidGrant => "Invalid grant",
        ErrorCode::InvalidClient => "Invalid client",
        ErrorCode::UnsupportedGrantType => "Unsupported grant type",
        _ => "Invalid request",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        match &self {
            Self::Internal(err) => tracing::error!(error = ?err, "internal error"),
            Self::Unavailable(why) => tracing::warn!(%why, "unavailable"),
            other => tracing::debug!(error = %other, "client error"),
        }
        let mut problem = self.problem();
        problem.request_id = request_id::current();
        crate::locale::word_problem(&mut problem, crate::locale::current());
        let mut response = problem_response(status, &problem);
        let headers = response.headers_mut();
        if let Some(secs) = problem.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if matches!(self, Self::Unauthorized) {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
        }
        if matches!(self, Self::OAuth { .. }) {
            // RFC 6749 section 5.2: token endpoint errors must not be cached.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        response
    }
}

pub fn problem_response(status: StatusCode, problem: &Problem) -> Response {
    let body = serde_json::to_vec(problem).unwrap_or_default();
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        )],
        body,
    )
        .into_response()
}

/// Store failures: contention and a lost connection are the client's to
/// retry (503), the rest is ours.
impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        if crate::store::is_transient(&err) {
            Self::Unavailable(err.to_string())
        } else {
            Self::Internal(anyhow::Error::new(err))
        }
    }
}

/// Errors that passed through `anyhow` keep their meaning: contention or a
/// lost connection underneath is still the client's to retry, never a 500.
impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        let transient = err
            .chain()
            .filter_map(|e| e.downcast_ref::<sqlx::Error>())
            .any(crate::store::is_transient);
        if transient {
            Self::Unavailable(format!("{err:#}"))
        } else {
            Self::Internal(err)
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// axum's own rejections (a path segment that is not a UUID, a query that
/// does not parse, a body over the size limit) answer in plain text. Turn
/// them into problems like every other error, keeping their status and
/// text, so clients decode one format.
pub async fn plain_rejections_as_problems(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/plain"));
    if !(status.is_client_error() && plain) {
        return response;
    }
    let bytes = axum::body::to_bytes(response.into_body(), 4096)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let code = if status == StatusCode::NOT_FOUND {
        ErrorCode::NotFound
    } else {
        ErrorCode::BadRequest
    };
    let title = status.canonical_reason().unwrap_or("Bad request");
    let mut problem = Problem::new(status.as_u16(), code, title).with_detail(text);
    crate::locale::word_problem(&mut problem, crate::locale::current());
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/problem+json")],
        axum::Json(problem),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::ApiError;

    #[test]
    fn a_lost_database_connection_is_the_clients_to_retry_and_other_store_failures_are_ours() {
        let lost = sqlx::Error::Io(std::io::ErrorKind::UnexpectedEof.into());
        assert!(matches!(ApiError::from(lost), ApiError::Unavailable(_)));
        let wrapped = anyhow::Error::new(sqlx::Error::Io(std::io::ErrorKind::BrokenPipe.into()))
            .context("reading the profile");
        assert!(matches!(ApiError::from(wrapped), ApiError::Unavailable(_)));
        assert!(matches!(
            ApiError::from(sqlx::Error::RowNotFound),
            ApiError::Internal(_)
        ));
    }
}
