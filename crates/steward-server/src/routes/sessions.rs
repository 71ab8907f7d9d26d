//! `/v1/me/sessions` and `/v1/me/activity`: sessions and devices with
//! revoke, and recent sign-in activity (PR-13).

use axum::extract::State;
use axum::Json;
use steward_types::security::{ActivityEvent, ActivityKind, DeviceSession};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiPath;
use crate::policy::Principal;
use crate::routes::security::note_activity;
use crate::state::AppState;

async fn list_for(state: &AppState, principal: &Principal) -> ApiResult<Vec<DeviceSession>> {
    let rows = state
        .store
        .sessions(principal.user.id, state.clock.now())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| DeviceSession {
            current: r.id == principal.session_id,
            id: r.id,
            client: r.client_id,
            user_agent: r.user_agent,
            ip_address: r.ip_address,
            started_at: r.created_at,
            last_used_at: r.last_used_at,
        })
        .collect())
}

/// Every live session of the signed-in user, the current one marked.
#[utoipa::path(get, path = "/v1/me/sessions", tag = "security", security(("bearer" = [])),
    responses((status = 200, body = Vec<DeviceSession>)))]
pub async fn list(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<DeviceSession>>> {
    Ok(Json(list_for(&state, &principal).await?))
}

/// Sign one session out (its refresh and access tokens stop working now).
#[utoipa::path(delete, path = "/v1/me/sessions/{session_id}", tag = "security", security(("bearer" = [])),
    params(("session_id" = Uuid, Path, description = "The session")),
    responses((status = 200, body = Vec<DeviceSession>), (status = 404, body = steward_types::Problem, content_type = "application/problem+json")))]
pub async fn revoke(
    State(state): State<AppState>,
    principal: Principal,
    ApiPath(session_id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<DeviceSession>>> {
    let now = state.clock.now();
    if !state
        .store
        .revoke_user_session(principal.user.id, session_id, "revoked_by_user", now)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    note_activity(
        &state,
        &principal,
        ActivityKind::SessionRevoked,
        "one session",
    )
    .await?;
    Ok(Json(list_for(&state, &principal).await?))
}

/// Sign out every session but this one.
#[utoipa::path(post, path = "/v1/me/sessions/revoke-others", tag = "security", security(("bearer" = [])),
    responses((status = 200, body = Vec<DeviceSession>)))]
pub async fn revoke_others(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<DeviceSession>>> {
    let n = state
        .store
        .revoke_other_sessions(
            principal.user.id,
            Some(principal.session_id),
            "revoked_by_user",
            state.clock.now(),
        )
        .await?;
    if n > 0 {
        note_activity(
            &state,
            &principal,
            ActivityKind::SessionRevoked,
            &format!("{n} other session(s)"),
        )
        .await?;
    }
    Ok(Json(list_for(&state, &principal).await?))
}

/// Recent sign-ins (successful and failed) and security changes, newest first.
#[utoipa::path(get, path = "/v1/me/activity", tag = "security", security(("bearer" = [])),
    responses((status = 200, body = Vec<ActivityEvent>)))]
pub async fn activity(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<ActivityEvent>>> {
    let mut events = state.store.activity(principal.user.id, 100).await?;
    // Details are stored as written (English); shown in the reader's language.
    for detail in events.iter_mut().filter_map(|e| e.detail.as_mut()) {
        crate::locale::reword(detail);
    }
    Ok(Json(events))
}
