//! OAuth 2.0 for native apps (RFC 8252): authorization code with PKCE (S256
//! only), refresh-token rotation with reuse detection, revocation (RFC 7009)
//! and server metadata (RFC 8414).

pub mod authorize;
pub mod clients;
mod page;
pub mod revoke;
pub mod token;

use axum::extract::State;
use axum::Json;
use steward_types::oauth::AuthorizationServerMetadata;

use crate::state::AppState;

/// The only scope there is, for now: the caller's own accounts.
pub const SCOPE: &str = "account";

/// RFC 8414 authorization server metadata.
#[utoipa::path(
    get,
    path = "/.well-known/oauth-authorization-server",
    tag = "oauth",
    responses((status = 200, body = AuthorizationServerMetadata))
)]
pub async fn metadata(State(state): State<AppState>) -> Json<AuthorizationServerMetadata> {
    Json(AuthorizationServerMetadata {
        issuer: state.issuer.as_str().trim_end_matches('/').to_string(),
        authorization_endpoint: state.url("/oauth/authorize"),
        token_endpoint: state.url("/oauth/token"),
        revocation_endpoint: state.url("/oauth/revoke"),
        response_types_supported: vec!["code".into()],
        grant_types_supported: vec!["authorization_code".into(), "refresh_token".into()],
        code_challenge_methods_supported: vec!["S256".into()],
        token_endpoint_auth_methods_supported: vec!["none".into()],
        revocation_endpoint_auth_methods_supported: vec!["none".into()],
    })
}
