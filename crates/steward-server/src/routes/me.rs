//! `GET /v1/me`: who the caller is and which accounts they may act on.

use axum::extract::State;
use axum::Json;
use steward_types::Me;

use crate::error::ApiResult;
use crate::policy::Principal;
use crate::state::AppState;

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
pub async fn me(State(state): State<AppState>, principal: Principal) -> ApiResult<Json<Me>> {
    let accounts = state.store.accounts_of(principal.user.id).await?;
    let user = principal.user;
    Ok(Json(Me {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        roles: user.roles,
        accounts,
    }))
}
