//! Support as the customer sees it: the support PIN (PR-10), and who at the
//! company accessed the account and why, with the approval setting (PR-17).

use axum::extract::State;
use axum::Json;
use steward_types::problem::FieldError;
use steward_types::staff::{
    AuditAction, StaffAccess, StaffAccessGrantRequest, StaffAccessLog, StaffAccessSettings,
    StaffAccessSettingsUpdate, SupportPinRequest, SupportPinStatus,
};

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::policy::{AccountScope, Principal};
use crate::staff::MAX_GRANT_HOURS;
use crate::state::AppState;
use crate::store::{AccessSettingsRow, AuditFilter};

async fn pin_status(state: &AppState, who: &Principal) -> ApiResult<SupportPinStatus> {
    let pin = state.store.support_pin(who.user.id).await?;
    Ok(SupportPinStatus {
        is_set: pin.is_some(),
        set_at: pin.map(|(_, at)| at),
    })
}

#[utoipa::path(get, path = "/v1/me/support-pin", tag = "support",
    security(("bearer" = [])),
    responses((status = 200, body = SupportPinStatus)))]
pub async fn get_pin(
    State(state): State<AppState>,
    who: Principal,
) -> ApiResult<Json<SupportPinStatus>> {
    Ok(Json(pin_status(&state, &who).await?))
}

/// Set or change the PIN; only its hash is kept.
#[utoipa::path(put, path = "/v1/me/support-pin", tag = "support",
    security(("bearer" = [])),
    request_body = SupportPinRequest,
    responses((status = 200, body = SupportPinStatus)))]
pub async fn put_pin(
    State(state): State<AppState>,
    who: Principal,
    ApiJson(body): ApiJson<SupportPinRequest>,
) -> ApiResult<Json<SupportPinStatus>> {
    body.validate().map_err(ApiError::Validation)?;
    let pin = body.pin.trim().to_owned();
    let hash = crate::hasher::hash_password(pin)
        .await
        .map_err(ApiError::Internal)?;
    state
        .store
        .set_support_pin(who.user.id, Some(&hash), state.clock.now())
        .await?;
    tracing::info!(user = %who.user.id, "support PIN set");
    Ok(Json(pin_status(&state, &who).await?))
}

#[utoipa::path(delete, path = "/v1/me/support-pin", tag = "support",
    security(("bearer" = [])),
    responses((status = 200, body = SupportPinStatus)))]
pub async fn delete_pin(
    State(state): State<AppState>,
    who: Principal,
) -> ApiResult<Json<SupportPinStatus>> {
    state
        .store
        .set_support_pin(who.user.id, None, state.clock.now())
        .await?;
    Ok(Json(pin_status(&state, &who).await?))
}

async fn settings(state: &AppState, scope: &AccountScope) -> ApiResult<StaffAccessSettings> {
    let s = state.store.access_settings(scope.account_id).await?;
    let now = state.clock.now();
    Ok(StaffAccessSettings {
        require_approval: s.require_approval,
        granted_until: s.granted_until.filter(|u| *u > now),
    })
}

/// Every staff access to the account, newest first, with who (name or
/// pseudonym), what, why and when. Internal notes and staff administration
/// are not about the customer's data and are left out.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/staff-access", tag = "support",
    security(("bearer" = [])),
    params(("account_id" = uuid::Uuid, Path, description = "The account")),
    responses((status = 200, body = StaffAccessLog)))]
pub async fn access_log(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<StaffAccessLog>> {
    let filter = AuditFilter {
        account_id: Some(scope.account_id),
        actions_in: Some(
            AuditAction::ALL
                .into_iter()
                .filter(|a| a.shown_to_customer())
                .map(|a| a.as_str().to_owned())
                .collect(),
        ),
        ..AuditFilter::default()
    };
    let items = state
        .store
        .audit_page(&filter, 500)
        .await?
        .into_iter()
        .map(|mut r| {
            // Stored as written (English); shown in the reader's language.
            crate::locale::reword(&mut r.what);
            StaffAccess {
                at: r.at,
                staff: r.shown_as,
                action: AuditAction::parse(&r.action).unwrap_or(AuditAction::ViewCustomer),
                what: r.what,
                reason: r.reason,
                ticket: r.ticket,
            }
        })
        .collect();
    Ok(Json(StaffAccessLog {
        items,
        settings: settings(&state, &scope).await?,
    }))
}

/// Require (or stop requiring) approval before staff reveal or act.
#[utoipa::path(put, path = "/v1/accounts/{account_id}/staff-access/settings", tag = "support",
    security(("bearer" = [])),
    params(("account_id" = uuid::Uuid, Path, description = "The account")),
    request_body = StaffAccessSettingsUpdate,
    responses((status = 200, body = StaffAccessSettings)))]
pub async fn put_settings(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiJson(body): ApiJson<StaffAccessSettingsUpdate>,
) -> ApiResult<Json<StaffAccessSettings>> {
    let mut row = state.store.access_settings(scope.account_id).await?;
    row.require_approval = body.require_approval;
    if !row.require_approval {
        row.granted_until = None;
    }
    state
        .store
        .set_access_settings(scope.account_id, row, state.clock.now())
        .await?;
    Ok(Json(settings(&state, &scope).await?))
}

/// Let staff in for a number of hours (1 to 72).
#[utoipa::path(post, path = "/v1/accounts/{account_id}/staff-access/grant", tag = "support",
    security(("bearer" = [])),
    params(("account_id" = uuid::Uuid, Path, description = "The account")),
    request_body = StaffAccessGrantRequest,
    responses((status = 200, body = StaffAccessSettings)))]
pub async fn grant(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiJson(body): ApiJson<StaffAccessGrantRequest>,
) -> ApiResult<Json<StaffAccessSettings>> {
    if !(1..=MAX_GRANT_HOURS).contains(&body.hours) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "hours",
            "range",
            &format!("Grant access for 1 to {MAX_GRANT_HOURS} hours."),
        )]));
    }
    let now = state.clock.now();
    let row = AccessSettingsRow {
        require_approval: true,
        granted_until: Some(now + chrono::Duration::hours(i64::from(body.hours))),
    };
    state
        .store
        .set_access_settings(scope.account_id, row, now)
        .await?;
    Ok(Json(settings(&state, &scope).await?))
}

#[utoipa::path(delete, path = "/v1/accounts/{account_id}/staff-access/grant", tag = "support",
    security(("bearer" = [])),
    params(("account_id" = uuid::Uuid, Path, description = "The account")),
    responses((status = 200, body = StaffAccessSettings)))]
pub async fn revoke(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<StaffAccessSettings>> {
    let mut row = state.store.access_settings(scope.account_id).await?;
    row.granted_until = None;
    state
        .store
        .set_access_settings(scope.account_id, row, state.clock.now())
        .await?;
    Ok(Json(settings(&state, &scope).await?))
}
