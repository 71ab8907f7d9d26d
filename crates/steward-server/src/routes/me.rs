//! `/v1/me`: who the caller is, which accounts they may act on, and their own
//! settings.

use axum::extract::State;
use axum::Json;
use steward_types::{AccountAccess, Me, UserPreferences};

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::policy::Principal;
use crate::state::AppState;
use crate::store::User;

/// The signed-in user.
#[utoipa::path(
    get,
    path = "/v1/me",
    tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Me),
        (status = 401, body = steward_types::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(principal: Principal) -> Json<Me> {
    Json(me_from(principal.user, principal.accounts))
}

/// Replace the signed-in user's own settings. The body is the whole
/// document, so repeating a request is harmless and no version is needed.
#[utoipa::path(
    put,
    path = "/v1/me/preferences",
    tag = "account",
    security(("bearer" = [])),
    request_body = UserPreferences,
    responses(
        (status = 200, body = UserPreferences),
        (status = 401, body = steward_types::Problem, content_type = "application/problem+json"),
        (status = 422, body = steward_types::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_preferences(
    State(state): State<AppState>,
    principal: Principal,
    ApiJson(prefs): ApiJson<UserPreferences>,
) -> ApiResult<Json<UserPreferences>> {
    if !state
        .store
        .set_preferences(principal.user.id, &prefs)
        .await?
    {
        // The token was valid a moment ago: the user was removed since.
        return Err(ApiError::NotFound);
    }
    Ok(Json(prefs))
}

/// What `GET /v1/me` answers for `user`, with their memberships read
/// afresh (after a change to them, as accepting an invitation makes).
pub(crate) async fn me_of(state: &AppState, user: User) -> ApiResult<Me> {
    let accounts = state.store.accounts_of(user.id).await?;
    Ok(me_from(user, accounts))
}

/// `Me` from what the token check read (`Principal::accounts`).
fn me_from(user: User, accounts: Vec<AccountAccess>) -> Me {
    Me {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        roles: user.roles,
        accounts,
        language: user.language,
    }
}
