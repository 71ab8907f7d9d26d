//! `/oauth/token`: the authorization-code and refresh-token grants only.

use std::net::SocketAddr;

use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use chrono::Duration;
use serde::Deserialize;
use steward_types::oauth::TokenResponse;
use steward_types::{ErrorCode, Sensitive};
use utoipa::ToSchema;
use uuid::Uuid;

use super::clients;
use crate::crypto::{self, TokenKind};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{CodeRedemption, NewFamily, NewToken, Rotation};

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// `authorization_code` or `refresh_token`.
    pub grant_type: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub client_id: Option<String>,
    pub code_verifier: Option<String>,
    pub refresh_token: Option<String>,
}

fn invalid_request(detail: &str) -> ApiError {
    ApiError::oauth(ErrorCode::InvalidRequest, detail)
}

fn invalid_grant(detail: &str) -> ApiError {
    ApiError::oauth(ErrorCode::InvalidGrant, detail)
}

fn required<'a>(v: &'a Option<String>, name: &str) -> ApiResult<&'a str> {
    v.as_deref()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| invalid_request(&format!("`{name}` is required")))
}

/// Exchange a code or a refresh token for tokens.
#[utoipa::path(
    post,
    path = "/oauth/token",
    tag = "oauth",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, body = TokenResponse),
        (status = 400, body = steward_types::Problem, content_type = "application/problem+json",
         description = "`invalid_grant`, `invalid_request` or `unsupported_grant_type`"),
        (status = 401, body = steward_types::Problem, content_type = "application/problem+json",
         description = "`invalid_client`"),
    )
)]
pub async fn token(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> ApiResult<Response> {
    let Form(req) =
        form.map_err(|_| invalid_request("send application/x-www-form-urlencoded parameters"))?;
    let client_id = required(&req.client_id, "client_id")?;
    let client = clients::find(client_id)
        .ok_or_else(|| ApiError::oauth(ErrorCode::InvalidClient, "unknown client_id"))?;
    let issued = match req.grant_type.as_deref() {
        Some("authorization_code") => {
            let user_agent = headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(256).collect());
            exchange_code(&state, client.id, &req, user_agent, peer).await?
        }
        Some("refresh_token") => refresh(&state, client.id, &req).await?,
        Some(_) => {
            return Err(ApiError::oauth(
                ErrorCode::UnsupportedGrantType,
                "only authorization_code and refresh_token grants are supported",
            ))
        }
        None => return Err(invalid_request("`grant_type` is required")),
    };
    let mut resp = Json(issued).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp.headers_mut()
        .insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    Ok(resp)
}

/// New token pair for a family; the caller stores them.
struct Minted {
    access: String,
    refresh: String,
    access_row: NewToken,
    refresh_row: NewToken,
}

fn mint(state: &AppState, family_id: Uuid, user_id: Uuid) -> Minted {
    let now = state.clock.now();
    let cfg = &state.config.tokens;
    let access = crypto::new_token(TokenKind::Access);
    let refresh = crypto::new_token(TokenKind::Refresh);
    let access_ttl = Duration::seconds(i64::try_from(cfg.access_ttl_secs).unwrap_or(900));
    let refresh_ttl = Duration::days(i64::try_from(cfg.refresh_ttl_days).unwrap_or(30));
    Minted {
        access_row: NewToken {
            token_hash: crypto::token_hash(&access),
            family_id,
            user_id,
            created_at: now,
            expires_at: now + access_ttl,
        },
        refresh_row: NewToken {
            token_hash: crypto::token_hash(&refresh),
            family_id,
            user_id,
            created_at: now,
            expires_at: now + refresh_ttl,
        },
        access,
        refresh,
    }
}

fn response(state: &AppState, m: Minted) -> TokenResponse {
    TokenResponse {
        access_token: Sensitive::new(m.access),
        token_type: "Bearer".into(),
        expires_in: state.config.tokens.access_ttl_secs,
        refresh_token: Sensitive::new(m.refresh),
        scope: super::SCOPE.into(),
    }
}

async fn exchange_code(
    state: &AppState,
    client_id: &str,
    req: &TokenRequest,
    user_agent: Option<String>,
    peer: SocketAddr,
) -> ApiResult<TokenResponse> {
    let code = required(&req.code, "code")?;
    let redirect_uri = required(&req.redirect_uri, "redirect_uri")?;
    let verifier = required(&req.code_verifier, "code_verifier")?;
    let now = state.clock.now();
    let code_hash = crypto::token_hash(code);
    // Redeeming burns the code whatever follows: a code is tried once.
    let grant = match state.store.redeem_code(&code_hash, now).await? {
        CodeRedemption::Fresh(grant) => grant,
        CodeRedemption::Reused { family_id } => {
            // RFC 6749 section 4.1.2: revoke what the first use obtained.
            if let Some(family) = family_id {
                state
                    .store
                    .revoke_family(family, "authorization code reused", now)
                    .await?;
            }
            tracing::warn!("authorization code reused; its session is revoked");
            return Err(invalid_grant(
                "the authorization code has already been used",
            ));
        }
        CodeRedemption::NotFound => return Err(invalid_grant("unknown authorization code")),
    };
    if grant.expires_at <= now {
        return Err(invalid_grant("the authorization code has expired"));
    }
    if grant.client_id != client_id || grant.redirect_uri != redirect_uri {
        return Err(invalid_grant(
            "client_id or redirect_uri differs from the authorization request",
        ));
    }
    if !crypto::pkce_matches(verifier, &grant.code_challenge) {
        return Err(invalid_grant(
            "code_verifier does not match the code_challenge",
        ));
    }
    let family_id = Uuid::now_v7();
    let minted = mint(state, family_id, grant.user_id);
    state
        .store
        .start_session(
            &code_hash,
            NewFamily {
                id: family_id,
                user_id: grant.user_id,
                client_id: client_id.to_string(),
                created_at: now,
                user_agent,
                ip_address: Some(peer.ip().to_string()),
            },
            minted.refresh_row.clone(),
            minted.access_row.clone(),
        )
        .await?;
    tracing::info!(user_id = %grant.user_id, session = %family_id, "session started");
    Ok(response(state, minted))
}

async fn refresh(
    state: &AppState,
    client_id: &str,
    req: &TokenRequest,
) -> ApiResult<TokenResponse> {
    let presented = required(&req.refresh_token, "refresh_token")?;
    let now = state.clock.now();
    // Family and user are filled in by the store from the presented token.
    let minted = mint(state, Uuid::nil(), Uuid::nil());
    let outcome = state
        .store
        .rotate_refresh(
            &crypto::token_hash(presented),
            client_id,
            minted.refresh_row.clone(),
            minted.access_row.clone(),
            now,
        )
        .await?;
    match outcome {
        Rotation::Rotated { family_id, .. } => {
            tracing::debug!(session = %family_id, "refresh token rotated");
            Ok(response(state, minted))
        }
        Rotation::Reused { family_id } => {
            tracing::warn!(session = %family_id, "refresh token reused; session revoked");
            Err(invalid_grant(
                "the refresh token was already used; the session has been revoked",
            ))
        }
        Rotation::Invalid => Err(invalid_grant(
            "the refresh token is invalid, expired or revoked",
        )),
    }
}
