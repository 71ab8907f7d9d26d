//! `/oauth/revoke` (RFC 7009). Revoking a refresh token ends its session
//! (the whole family, with its access tokens); revoking an access token ends
//! just that token. Unknown tokens are not an error.

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Form;
use serde::Deserialize;
use steward_types::ErrorCode;
use utoipa::ToSchema;

use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RevokeRequest {
    pub token: Option<String>,
    /// `refresh_token` or `access_token`; a hint only.
    pub token_type_hint: Option<String>,
    pub client_id: Option<String>,
}

/// Revoke a token.
#[utoipa::path(
    post,
    path = "/oauth/revoke",
    tag = "oauth",
    request_body(content = RevokeRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Revoked, or was not valid anyway"),
        (status = 400, body = steward_types::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    form: Result<Form<RevokeRequest>, FormRejection>,
) -> ApiResult<StatusCode> {
    let Form(req) = form.map_err(|_| {
        ApiError::oauth(
            ErrorCode::InvalidRequest,
            "send application/x-www-form-urlencoded parameters",
        )
    })?;
    let token = req
        .token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::oauth(ErrorCode::InvalidRequest, "`token` is required"))?;
    let known = state
        .store
        .revoke_token(&crypto::token_hash(&token), state.clock.now())
        .await?;
    tracing::info!(known, "token revocation");
    Ok(StatusCode::OK)
}
