//! Account deletion (PR-19, PR-20). The owner sees what stops and what is
//! kept before confirming with the account's name; the request waits out a
//! cooling-off period in which it can be cancelled; then an administrator
//! carries it out, unless a legal hold blocks it (explained to the customer).

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::Json;
use steward_types::deletion::{
    DeletionRequest, DeletionStatus, DeletionView, KeptRecord, LegalHold, NewDeletionRequest,
    NewLegalHold,
};
use steward_types::problem::FieldError;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::locale;
use crate::policy::{AccountScope, Principal};
use crate::state::AppState;
use crate::store::{DeletionRow, EraseOutcome};

const PROBLEM: &str = "application/problem+json";

/// What stops working (PR-20), shown before the customer confirms.
const STOPS: &[&str] = &[
    "Everyone on the team loses access to the account.",
    "The subscription and its licenses end, and media served from the account stops.",
    "Saved cards are removed; nothing more is charged.",
    "The profile, usage history, invitations, and verification and correction requests are erased.",
    "Service partners receive nothing more about the account.",
];

/// What is kept, and why.
const KEPT: &[(&str, &str)] = &[
    ("Invoices", "Tax law requires us to keep invoices for ten years. They keep the account's number, not its profile."),
    ("Consent receipts", "They prove each choice that was made, which the law may ask us to show."),
    ("The sharing ledger", "The record of what was shared with which partner, and when."),
    ("This request", "It shows that the account was deleted, when, and at whose request."),
    ("Your sign-in", "It belongs to you, not to the account: your other accounts and personal settings are not affected."),
];

fn request_view(row: DeletionRow) -> ApiResult<DeletionRequest> {
    let status = DeletionStatus::parse(&row.status).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "deletion {}: status {:?}",
            row.id,
            row.status
        ))
    })?;
    Ok(DeletionRequest {
        id: row.id,
        account_id: row.account_id,
        account_name: row.account_name,
        status,
        requested_by: row.requested_by_name,
        reason: row.reason,
        requested_at: row.requested_at,
        effective_at: row.effective_at,
        closed_at: row.closed_at,
        closed_by: row.closed_by,
    })
}

async fn view(state: &AppState, account_id: Uuid) -> ApiResult<DeletionView> {
    let account = state
        .store
        .account(account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let hold = state.store.legal_hold(account_id).await?;
    let request = state.store.deletion_request(account_id).await?;
    Ok(DeletionView {
        account_name: account.name,
        stops: STOPS.iter().map(|s| locale::here(s).into_owned()).collect(),
        kept: KEPT
            .iter()
            .map(|(what, why)| KeptRecord {
                what: locale::here(what).into_owned(),
                why: locale::here(why).into_owned(),
            })
            .collect(),
        cooling_off_days: state.config.deletion_cooling_off_days,
        legal_hold: hold.map(|h| LegalHold {
            explanation: h.explanation,
            since: h.placed_at,
        }),
        request: request.map(request_view).transpose()?,
    })
}

/// What deleting the account would do, and the request if there is one.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/deletion", tag = "privacy",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = DeletionView)))]
pub async fn get(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<DeletionView>> {
    Ok(Json(view(&state, scope.account_id).await?))
}

/// Ask for the account to be deleted, typing its name to confirm. It is
/// carried out after the cooling-off period, unless cancelled.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/deletion", tag = "privacy",
    security(("bearer" = [])), request_body = NewDeletionRequest,
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 201, body = DeletionView),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn request(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    ApiJson(input): ApiJson<NewDeletionRequest>,
) -> ApiResult<(StatusCode, Json<DeletionView>)> {
    principal.require_recent_sign_in(&state)?;
    let current = view(&state, scope.account_id).await?;
    let mut errors = Vec::new();
    let typed = input.confirm_name.trim();
    if typed.to_lowercase() != current.account_name.trim().to_lowercase() {
        errors.push(FieldError::new(
            "confirm_name",
            "mismatch",
            "Type the account's name exactly as shown to confirm.",
        ));
    }
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        errors.push(FieldError::new(
            "reason",
            "max_length",
            "Use at most 500 characters.",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let now = state.clock.now();
    let effective_at = now + chrono::Duration::days(i64::from(current.cooling_off_days));
    let row = DeletionRow {
        id: Uuid::now_v7(),
        account_id: scope.account_id,
        account_name: current.account_name.clone(),
        requested_by: Some(principal.user.id),
        requested_by_name: principal.user.display_name.clone(),
        reason,
        status: DeletionStatus::Pending.as_str().into(),
        requested_at: now,
        effective_at,
        closed_at: None,
        closed_by: None,
    };
    if !state.store.create_deletion_request(&row).await? {
        return Err(ApiError::Conflict(
            "A deletion request for this account is already waiting; cancel it or let it run."
                .into(),
        ));
    }
    // The requester is the caller: the mail is in the caller's language.
    let language = locale::current();
    let when = locale::date(effective_at, language);
    let mut body = locale::word(
        &format!(
            "You asked us to delete the account {} on Steward.\n\n\
             It will be deleted on or after {when}. Until then you can cancel the request \
             in the console, under Privacy.",
            current.account_name
        ),
        language,
    )
    .into_owned();
    if current.legal_hold.is_some() {
        body.push_str("\n\n");
        body.push_str(&locale::word(
            "A legal hold applies to this account: nothing will be deleted while it holds. \
             The console explains it under Privacy.",
            language,
        ));
    }
    body.push('\n');
    state
        .store
        .send_mail(
            &principal.user.email,
            &locale::word(
                &format!("Your request to delete {}", current.account_name),
                language,
            ),
            &body,
            now,
        )
        .await?;
    tracing::info!(account = %scope.account_id, "deletion requested");
    Ok((
        StatusCode::CREATED,
        Json(view(&state, scope.account_id).await?),
    ))
}

/// Cancel the pending request during the cooling-off period.
#[utoipa::path(delete, path = "/v1/accounts/{account_id}/deletion", tag = "privacy",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = DeletionView),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn cancel(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
) -> ApiResult<Json<DeletionView>> {
    let now = state.clock.now();
    if !state
        .store
        .cancel_deletion_request(scope.account_id, &principal.user.display_name, now)
        .await?
    {
        return Err(ApiError::Conflict(
            "There is no deletion request waiting to be cancelled.".into(),
        ));
    }
    Ok(Json(view(&state, scope.account_id).await?))
}

/// Staff: deletion requests waiting, soonest first.
#[utoipa::path(get, path = "/v1/staff/deletion-requests", tag = "staff",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<DeletionRequest>)))]
pub async fn staff_pending(State(state): State<AppState>) -> ApiResult<Json<Vec<DeletionRequest>>> {
    let rows = state.store.pending_deletions(200).await?;
    Ok(Json(
        rows.into_iter()
            .map(request_view)
            .collect::<ApiResult<_>>()?,
    ))
}

/// Administrators: carry out a request whose cooling-off period is over.
#[utoipa::path(post, path = "/v1/staff/deletion-requests/{request_id}/complete", tag = "staff",
    security(("bearer" = [])),
    params(("request_id" = Uuid, Path, description = "The deletion request")),
    responses((status = 200, body = DeletionRequest),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn staff_complete(
    State(state): State<AppState>,
    principal: Principal,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<DeletionRequest>> {
    let before = state
        .store
        .deletion_request_by_id(id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = state.clock.now();
    match state
        .store
        .erase_account(id, &principal.user.display_name, now)
        .await?
    {
        EraseOutcome::Erased => {}
        EraseOutcome::NotPending => {
            return Err(ApiError::Conflict(
                "This request was cancelled or carried out already.".into(),
            ))
        }
        EraseOutcome::CoolingOff(until) => {
            return Err(ApiError::Conflict(format!(
                "The cooling-off period runs until {}; the customer can still cancel.",
                locale::date_time(until, locale::current())
            )))
        }
        EraseOutcome::OnHold => {
            return Err(ApiError::Conflict(
                "A legal hold applies to this account; lift it before deleting.".into(),
            ))
        }
    }
    if let Some(requester) = before.requested_by {
        if let Some(user) = state.store.user_by_id(requester).await? {
            state
                .store
                .send_mail(
                    &user.email,
                    // The requester's language, not that of the staff member erasing.
                    &locale::word(
                        &format!("{} has been deleted", before.account_name),
                        user.language,
                    ),
                    &format!(
                        "{}\n",
                        locale::word(
                            &format!(
                                "As you asked, the account {} has been deleted. We kept only what \
                                 the law requires (invoices) and the receipts of your choices.",
                                before.account_name
                            ),
                            user.language,
                        )
                    ),
                    now,
                )
                .await?;
        }
    }
    crate::audit::record(
        &state,
        &principal,
        Some(peer),
        Some(before.account_id),
        steward_types::staff::AuditAction::DeletionCompleted,
        "the account's deletion, as the customer asked",
        None,
    )
    .await?;
    tracing::info!(request = %id, account = %before.account_id, "account erased");
    let after = state
        .store
        .deletion_request_by_id(id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(request_view(after)?))
}

/// Administrators: place a legal hold (PR-19). Nothing is deleted while it
/// holds; the customer sees the explanation.
#[utoipa::path(put, path = "/v1/staff/accounts/{account_id}/legal-hold", tag = "staff",
    security(("bearer" = [])), request_body = NewLegalHold,
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = LegalHold),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn staff_place_hold(
    State(state): State<AppState>,
    principal: Principal,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiPath(account_id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<NewLegalHold>,
) -> ApiResult<Json<LegalHold>> {
    state
        .store
        .account(account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let explanation = input.explanation.trim();
    if explanation.is_empty() || explanation.chars().count() > 500 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "explanation",
            if explanation.is_empty() {
                "required"
            } else {
                "max_length"
            },
            "Explain the hold to the customer in 1 to 500 characters.",
        )]));
    }
    let now = state.clock.now();
    state
        .store
        .set_legal_hold(account_id, Some(explanation), principal.user.id, now)
        .await?;
    crate::audit::record(
        &state,
        &principal,
        Some(peer),
        Some(account_id),
        steward_types::staff::AuditAction::LegalHold,
        "a legal hold placed",
        None,
    )
    .await?;
    tracing::info!(account = %account_id, "legal hold placed");
    Ok(Json(LegalHold {
        explanation: explanation.to_string(),
        since: now,
    }))
}

/// Administrators: lift the legal hold.
#[utoipa::path(delete, path = "/v1/staff/accounts/{account_id}/legal-hold", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 204, description = "Lifted (or there was none)")))]
pub async fn staff_lift_hold(
    State(state): State<AppState>,
    principal: Principal,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiPath(account_id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    state
        .store
        .set_legal_hold(account_id, None, principal.user.id, state.clock.now())
        .await?;
    crate::audit::record(
        &state,
        &principal,
        Some(peer),
        Some(account_id),
        steward_types::staff::AuditAction::LegalHold,
        "the legal hold lifted",
        None,
    )
    .await?;
    tracing::info!(account = %account_id, "legal hold lifted");
    Ok(StatusCode::NO_CONTENT)
}
