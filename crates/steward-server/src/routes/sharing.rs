//! `/v1/accounts/{account_id}/sharing` (PR-6): the partners, the account's
//! switch under `If-Match`, and the ledger of every export.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Json;
use steward_types::sharing::{LedgerEntry, SharingChange, SharingView};

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::policy::{AccountScope, Principal};
use crate::routes::profile::{if_match, json_with_etag};
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

fn with_etag(view: SharingView) -> Response {
    json_with_etag(view.version, view)
}

/// The partners, what each receives, and whether this account shares with it.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/sharing", tag = "privacy",
    security(("bearer" = [])), params(("account_id" = uuid::Uuid, Path, description = "The account")),
    responses((status = 200, body = SharingView)))]
pub async fn get(State(state): State<AppState>, scope: AccountScope) -> ApiResult<Response> {
    let row = state.store.sharing(scope.account_id).await?;
    let partners = state.store.partners().await?;
    Ok(with_etag(crate::sharing::view(
        &row,
        &partners,
        state.clock.now(),
    )))
}

/// "Do not share my personal information with service partners", and the
/// optional partners one by one. Takes effect at once: no export after it.
#[utoipa::path(put, path = "/v1/accounts/{account_id}/sharing", tag = "privacy",
    security(("bearer" = [])), params(("account_id" = uuid::Uuid, Path, description = "The account"),
        ("If-Match" = String, Header, description = "The ETag of the choice this change was made on")),
    request_body = SharingChange,
    responses((status = 200, body = SharingView),
        (status = 412, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
        (status = 428, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn put(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    headers: HeaderMap,
    ApiJson(change): ApiJson<SharingChange>,
) -> ApiResult<Response> {
    let expected = if_match(&headers)?;
    let current = state.store.sharing(scope.account_id).await?;
    if current.version != expected {
        return Err(ApiError::PreconditionFailed);
    }
    let partners = state.store.partners().await?;
    let now = state.clock.now();
    let (next, receipts) = crate::sharing::plan(
        scope.account_id,
        &current,
        &change,
        &partners,
        &principal.actor(),
        now,
    )
    .map_err(ApiError::Validation)?;
    if receipts.is_empty() {
        return Ok(with_etag(crate::sharing::view(&current, &partners, now)));
    }
    if !state
        .store
        .write_sharing(
            scope.account_id,
            expected,
            &next,
            principal.user.id,
            &receipts,
        )
        .await?
    {
        return Err(ApiError::PreconditionFailed);
    }
    tracing::info!(account_id = %scope.account_id, share_none = next.share_none, "sharing choice changed");
    let row = state.store.sharing(scope.account_id).await?;
    Ok(with_etag(crate::sharing::view(&row, &partners, now)))
}

/// Every export of this account's data to a partner, newest first (the
/// latest 500).
#[utoipa::path(get, path = "/v1/accounts/{account_id}/sharing/ledger", tag = "privacy",
    security(("bearer" = [])), params(("account_id" = uuid::Uuid, Path, description = "The account")),
    responses((status = 200, body = Vec<LedgerEntry>)))]
pub async fn ledger(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<Vec<LedgerEntry>>> {
    Ok(Json(
        crate::sharing::ledger(state.store.as_ref(), scope.account_id).await?,
    ))
}
