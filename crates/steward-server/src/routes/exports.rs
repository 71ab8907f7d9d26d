//! `/v1/accounts/{account_id}/exports` (PR-15): start an export, follow its
//! progress, download the archive. An export holds its requester's own
//! personal data, so each person sees and downloads only their own.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use steward_types::export::{ExportJob, ExportStatus};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::export;
use crate::extract::ApiPath;
use crate::policy::{AccountScope, Principal};
use crate::state::AppState;
use crate::store::ExportJobRow;

const PROBLEM: &str = "application/problem+json";

/// The caller's own export, or 404 (an export holds its requester's data).
async fn mine(
    state: &AppState,
    scope: &AccountScope,
    principal: &Principal,
    id: Uuid,
) -> ApiResult<ExportJobRow> {
    export::status(state, scope.account_id, id, principal.user.id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Start exporting everything the account holds, and what the service keeps
/// about you. If your export of this account is already running, that one
/// is returned.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/exports", tag = "privacy",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 202, body = ExportJob),
        (status = 403, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn start(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
) -> ApiResult<Response> {
    // A whole copy of the account's data: only on a recent sign-in.
    principal.require_recent_sign_in(&state)?;
    let row = export::start(&state, scope.account_id, principal.user.id).await?;
    let view = export::view(&row, state.clock.now())?;
    let mut resp = (StatusCode::ACCEPTED, Json(view)).into_response();
    let location = format!("/v1/accounts/{}/exports/{}", scope.account_id, row.id);
    if let Ok(v) = HeaderValue::from_str(&location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    Ok(resp)
}

/// Your exports of this account, newest first.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/exports", tag = "privacy",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = Vec<ExportJob>)))]
pub async fn list(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
) -> ApiResult<Json<Vec<ExportJob>>> {
    let now = state.clock.now();
    state.store.expire_exports(now).await?;
    let rows = state
        .store
        .export_jobs(scope.account_id, principal.user.id, 10)
        .await?;
    let mut out = Vec::new();
    for row in rows {
        // Through `status`, so a silent runner is noticed here too.
        if let Some(row) =
            export::status(&state, scope.account_id, row.id, principal.user.id).await?
        {
            out.push(export::view(&row, now)?);
        }
    }
    Ok(Json(out))
}

/// One export and its progress.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/exports/{export_id}", tag = "privacy",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("export_id" = Uuid, Path, description = "The export")),
    responses((status = 200, body = ExportJob),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn get(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<ExportJob>> {
    let row = mine(&state, &scope, &principal, id).await?;
    Ok(Json(export::view(&row, state.clock.now())?))
}

/// The archive: a ZIP of JSON files with a README, streamed from storage.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/exports/{export_id}/archive", tag = "privacy",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("export_id" = Uuid, Path, description = "The export")),
    responses((status = 200, description = "application/zip", content_type = "application/zip"),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn archive(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let row = mine(&state, &scope, &principal, id).await?;
    match export::view(&row, state.clock.now())?.status {
        ExportStatus::Ready => {}
        ExportStatus::Running => {
            return Err(ApiError::Conflict(
                "The export is still being written; download it when it is ready.".into(),
            ))
        }
        _ => {
            return Err(ApiError::Conflict(
                "This export is no longer available; start a new one.".into(),
            ))
        }
    }
    let account = state
        .store
        .account(scope.account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    // One chunk in memory at a time, fetched as the client reads.
    let store = state.store.clone();
    let chunks = row.chunks;
    let stream = futures_util::stream::try_unfold(0_i64, move |seq| {
        let store = store.clone();
        async move {
            if seq >= chunks {
                return Ok(None);
            }
            match store.export_chunk(id, seq).await {
                Ok(Some(data)) => Ok(Some((data, seq + 1))),
                Ok(None) => Err(std::io::Error::other("export chunk missing")),
                Err(e) => Err(std::io::Error::other(e)),
            }
        }
    });
    let mut resp = Body::from_stream(stream).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(row.bytes));
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        export::file_name(&account.name, row.created_at)
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(resp)
}
