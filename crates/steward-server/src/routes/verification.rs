//! Verification requests (PR-8) and correction requests (PR-9) under
//! `/v1/accounts/{account_id}`, and the staff side that raises and resolves
//! them under `/v1/staff`.

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use steward_types::problem::FieldError;
use steward_types::profile::{Actor, ActorKind, Profile};
use steward_types::verification::{
    CorrectionDecision, CorrectionRequest, CorrectionStatus, LastVerified, NewCorrection,
    NewVerificationRequest, StaffCorrection, VerificationItem, VerificationOverview,
    VerificationRequest,
};
use steward_types::{validate, AccountKind};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};

use crate::policy::{AccountScope, Principal};
use crate::routes::profile;
use crate::state::AppState;
use crate::store::{AccountRow, NewCorrectionRow, NewVerification};

const PROBLEM: &str = "application/problem+json";
/// Items are due for re-verification a year after they were last verified.
const REVERIFY_AFTER_DAYS: i64 = 365;
/// A new account is first asked after a month.
const FIRST_ASK_AFTER_DAYS: i64 = 30;
const SCHEDULED_DUE_DAYS: i64 = 30;

fn items_for(kind: AccountKind) -> Vec<VerificationItem> {
    VerificationItem::ALL
        .into_iter()
        .filter(|i| kind == AccountKind::Company || *i != VerificationItem::CompanyInformation)
        .collect()
}

/// The yearly schedule, evaluated when the customer looks: stateless, and the
/// unique index keeps concurrent servers to one open scheduled request.
async fn apply_schedule(state: &AppState, account: &AccountRow) -> ApiResult<()> {
    let now = state.clock.now();
    let last = state.store.last_verified(account.id).await?;
    let due: Vec<VerificationItem> = items_for(account.kind)
        .into_iter()
        .filter(|item| match last.iter().find(|(i, _)| i == item) {
            Some((_, at)) => now - *at > Duration::days(REVERIFY_AFTER_DAYS),
            None => now - account.created_at > Duration::days(FIRST_ASK_AFTER_DAYS),
        })
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    let open_covers = state
        .store
        .verifications(account.id)
        .await?
        .iter()
        .filter(|r| r.completed_at.is_none())
        .any(|r| due.iter().all(|d| r.checks.iter().any(|c| c.item == *d)));
    if open_covers {
        return Ok(());
    }
    state
        .store
        .create_verification(NewVerification {
            account_id: account.id,
            source: "schedule",
            actor: Actor {
                user_id: None,
                name: "Steward".into(),
                kind: ActorKind::System,
            },
            reason: "It has been a while: please check that these details are still right.".into(),
            created_at: now,
            due_at: now + Duration::days(SCHEDULED_DUE_DAYS),
            items: due,
        })
        .await?;
    Ok(())
}

/// A request in the reader's language when we wrote it (the schedule's);
/// staff's reasons are shown as they wrote them.
fn worded(mut request: VerificationRequest) -> VerificationRequest {
    if request.requested_by.kind == ActorKind::System {
        crate::locale::reword(&mut request.reason);
    }
    request
}

async fn overview(state: &AppState, account_id: Uuid) -> ApiResult<VerificationOverview> {
    let requests = state.store.verifications(account_id).await?;
    let last = state.store.last_verified(account_id).await?;
    let kind = state
        .store
        .account(account_id)
        .await?
        .ok_or(ApiError::NotFound)?
        .kind;
    Ok(VerificationOverview {
        requests: requests.into_iter().map(worded).collect(),
        last_verified: items_for(kind)
            .into_iter()
            .map(|item| LastVerified {
                item,
                verified_at: last.iter().find(|(i, _)| *i == item).map(|(_, at)| *at),
            })
            .collect(),
    })
}

/// Open and recent verification requests, and when each item was last verified.
#[utoipa::path(
    get,
    path = "/v1/accounts/{account_id}/verifications",
    tag = "verification",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = VerificationOverview))
)]
pub async fn list(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<VerificationOverview>> {
    let account = state
        .store
        .account(scope.account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    apply_schedule(&state, &account).await?;
    Ok(Json(overview(&state, scope.account_id).await?))
}

/// Confirm that one item of a request is correct as it stands.
#[utoipa::path(
    post,
    path = "/v1/accounts/{account_id}/verifications/{request_id}/items/{item}/confirm",
    tag = "verification",
    security(("bearer" = [])),
    params(
        ("account_id" = Uuid, Path, description = "The account"),
        ("request_id" = Uuid, Path, description = "The verification request"),
        ("item" = VerificationItem, Path, description = "The item to confirm"),
    ),
    responses(
        (status = 200, body = VerificationOverview),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM),
    )
)]
pub async fn confirm(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    ApiPath((_, request_id, item)): ApiPath<(Uuid, Uuid, String)>,
) -> ApiResult<Json<VerificationOverview>> {
    let item = VerificationItem::parse(&item).ok_or(ApiError::NotFound)?;
    let now = state.clock.now();
    let confirmed = state
        .store
        .confirm_check(scope.account_id, request_id, item, &principal.actor(), now)
        .await?;
    if !confirmed {
        return Err(ApiError::NotFound);
    }
    Ok(Json(overview(&state, scope.account_id).await?))
}

/// Correction requests for this account, newest first.
#[utoipa::path(
    get,
    path = "/v1/accounts/{account_id}/corrections",
    tag = "verification",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = Vec<CorrectionRequest>))
)]
pub async fn corrections(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<Vec<CorrectionRequest>>> {
    Ok(Json(state.store.corrections(scope.account_id).await?))
}

/// Ask staff to change a field the customer cannot edit directly.
#[utoipa::path(
    post,
    path = "/v1/accounts/{account_id}/corrections",
    tag = "verification",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    request_body = NewCorrection,
    responses(
        (status = 201, body = CorrectionRequest),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
    )
)]
pub async fn request_correction(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    ApiJson(input): ApiJson<NewCorrection>,
) -> ApiResult<(StatusCode, Json<CorrectionRequest>)> {
    let (view, account) = profile::load(&state, &scope).await?;
    let allowed = validate::correction_only_fields(account.kind, account.invoiced_at.is_some());
    let mut errors = Vec::new();
    if !allowed.contains(&input.field.as_str()) {
        errors.push(FieldError::new(
            "field",
            "correction_field",
            "Corrections are for fields you cannot edit yourself; edit this one in the profile.",
        ));
    }
    let requested = input.requested_value.trim();
    if requested.is_empty() {
        errors.push(FieldError::new(
            "requested_value",
            "required",
            "Enter the correct value.",
        ));
    } else if requested.chars().count() > 500 {
        errors.push(FieldError::new(
            "requested_value",
            "max_length",
            "Use at most 500 characters.",
        ));
    }
    let reason = input.reason.trim();
    if reason.is_empty() {
        errors.push(FieldError::new(
            "reason",
            "required",
            "Say why the value should change, so staff can check it.",
        ));
    } else if reason.chars().count() > 2000 {
        errors.push(FieldError::new(
            "reason",
            "max_length",
            "Use at most 2000 characters.",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let created = state
        .store
        .create_correction(NewCorrectionRow {
            account_id: scope.account_id,
            current_value: validate::value_of(&view.profile, &input.field),
            field: input.field,
            requested_value: requested.to_string(),
            reason: reason.to_string(),
            actor: principal.actor(),
            now: state.clock.now(),
        })
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Staff: ask an account to verify items by a due date.
#[utoipa::path(
    post,
    path = "/v1/staff/accounts/{account_id}/verifications",
    tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    request_body = NewVerificationRequest,
    responses((status = 201, body = VerificationOverview))
)]
pub async fn staff_request_verification(
    State(state): State<AppState>,
    principal: Principal,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiPath(account_id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<NewVerificationRequest>,
) -> ApiResult<(StatusCode, Json<VerificationOverview>)> {
    let account = state
        .store
        .account(account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = state.clock.now();
    let mut errors = Vec::new();
    let mut items = input.items.clone();
    items.sort_by_key(|i| i.as_str());
    items.dedup();
    if items.is_empty() {
        errors.push(FieldError::new(
            "items",
            "required",
            "Choose at least one item to verify.",
        ));
    }
    if items.iter().any(|i| !items_for(account.kind).contains(i)) {
        errors.push(FieldError::new(
            "items",
            "not_applicable",
            "Company information applies to company accounts only.",
        ));
    }
    if input.reason.trim().is_empty() {
        errors.push(FieldError::new(
            "reason",
            "required",
            "Tell the customer why they are asked.",
        ));
    }
    if input.due_at <= now {
        errors.push(FieldError::new(
            "due_at",
            "future",
            "The due date must be in the future.",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let what = items
        .iter()
        .map(|i| i.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    crate::audit::record(
        &state,
        &principal,
        Some(peer),
        Some(account_id),
        steward_types::staff::AuditAction::VerificationRequested,
        format!("a verification request: {what}"),
        Some(&steward_types::staff::Justification {
            reason: input.reason.trim().to_string(),
            ticket: None,
        }),
    )
    .await?;
    state
        .store
        .create_verification(NewVerification {
            account_id,
            source: "staff",
            actor: principal.actor(),
            reason: input.reason.trim().to_string(),
            created_at: now,
            due_at: input.due_at,
            items,
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(overview(&state, account_id).await?),
    ))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct QueueParams {
    /// `open`, `in_review`, `done` or `declined`; default: open and in review.
    pub status: Option<String>,
}

/// Staff: correction requests waiting for a decision, oldest first.
#[utoipa::path(
    get,
    path = "/v1/staff/corrections",
    tag = "staff",
    security(("bearer" = [])),
    params(QueueParams),
    responses(
        (status = 200, body = Vec<StaffCorrection>),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
    )
)]
pub async fn staff_corrections(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<QueueParams>,
) -> ApiResult<Json<Vec<StaffCorrection>>> {
    let statuses = match params.status.as_deref() {
        None => vec![CorrectionStatus::Open, CorrectionStatus::InReview],
        Some(s) => vec![CorrectionStatus::parse(s).ok_or_else(|| {
            ApiError::field("status", "one_of", "Use open, in_review, done or declined.")
        })?],
    };
    let rows = state.store.corrections_in(&statuses, 200).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(account_id, request)| StaffCorrection {
                account_id,
                request,
            })
            .collect(),
    ))
}

/// Staff: move a correction request along. `done` applies the requested value.
#[utoipa::path(
    patch,
    path = "/v1/staff/corrections/{correction_id}",
    tag = "staff",
    security(("bearer" = [])),
    params(("correction_id" = Uuid, Path, description = "The correction request")),
    request_body = CorrectionDecision,
    responses(
        (status = 200, body = CorrectionRequest),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM),
    )
)]
pub async fn staff_decide_correction(
    State(state): State<AppState>,
    principal: Principal,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<CorrectionDecision>,
) -> ApiResult<Json<CorrectionRequest>> {
    let (account_id, request) = state
        .store
        .correction(id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if request.status.is_final() {
        return Err(ApiError::Conflict(format!(
            "This request is already {}.",
            request.status.as_str().replace('_', " ")
        )));
    }
    let resolution = input
        .resolution
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if input.status == CorrectionStatus::Declined && resolution.is_none() {
        return Err(ApiError::field(
            "resolution",
            "required",
            "Say why the correction is declined; the customer sees it.",
        ));
    }
    if input.status == CorrectionStatus::Open {
        return Err(ApiError::field(
            "status",
            "transition",
            "A request can move to in_review, done or declined.",
        ));
    }
    let now = state.clock.now();
    // Claim the transition first: of two agents deciding at once, one wins
    // and only the winner touches the profile.
    if !state
        .store
        .decide_correction(id, input.status, resolution, now)
        .await?
    {
        return Err(ApiError::Conflict(
            "Someone else resolved this request first.".into(),
        ));
    }
    if input.status == CorrectionStatus::Done {
        if let Err(e) = apply_correction(&state, &principal, account_id, &request, now).await {
            // Not applied, so not done: put the request back as it was.
            state
                .store
                .reopen_correction(id, request.status, now)
                .await?;
            return Err(e);
        }
    }
    crate::audit::record(
        &state,
        &principal,
        Some(peer),
        Some(account_id),
        steward_types::staff::AuditAction::ProfileChanged,
        format!(
            "a correction request for {}: {}",
            request.field,
            input.status.as_str()
        ),
        None,
    )
    .await?;
    let (_, updated) = state
        .store
        .correction(id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(updated))
}

/// Write the requested value into the profile, as staff, with history.
async fn apply_correction(
    state: &AppState,
    principal: &Principal,
    account_id: Uuid,
    request: &CorrectionRequest,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let scope = AccountScope {
        account_id,
        kind: AccountKind::Personal,
        role: steward_types::MemberRole::Viewer,
    };
    // A customer save can land in between; re-read and retry a few times.
    for _ in 0..3 {
        let (view, account) = profile::load(state, &scope).await?;
        let mut next = view.profile.clone();
        set_field(&mut next, &request.field, &request.requested_value)?;
        // Only the corrected field has to pass: other fields may be
        // incomplete (a profile never saved) and are not staff's to fix here.
        let next = match validate::profile(&next, account.kind) {
            Ok(normalised) => normalised,
            Err(errors) => {
                let own: Vec<_> = errors
                    .into_iter()
                    .filter(|e| {
                        e.field == request.field
                            || e.field.starts_with(&format!("{}.", request.field))
                    })
                    .collect();
                if !own.is_empty() {
                    return Err(ApiError::Validation(own));
                }
                next
            }
        };
        let changes = profile::diff(&view.profile, &next);
        if changes.is_empty() {
            return Ok(());
        }
        let doc = serde_json::to_string(&next).map_err(|e| ApiError::Internal(e.into()))?;
        let actor = Actor {
            kind: ActorKind::Staff,
            ..principal.actor()
        };
        if state
            .store
            .update_profile(account_id, view.version, &doc, &changes, &actor, now)
            .await?
            .is_some()
        {
            return Ok(());
        }
    }
    Err(ApiError::Unavailable(
        "profile kept changing while applying a correction".into(),
    ))
}

/// Set one correction-only field. Other paths are edited by the customer.
fn set_field(profile: &mut Profile, field: &str, value: &str) -> ApiResult<()> {
    let value = value.trim().to_string();
    match field {
        "legal_name" => profile.legal_name = value,
        "company.name" => profile.company.get_or_insert_with(Default::default).name = value,
        "company.tax_id" => {
            profile.company.get_or_insert_with(Default::default).tax_id = Some(value)
        }
        "company.registration_number" => {
            profile
                .company
                .get_or_insert_with(Default::default)
                .registration_number = Some(value)
        }
        other => {
            return Err(ApiError::Conflict(format!(
                "{other} is not a correction-only field; the customer edits it directly."
            )))
        }
    }
    Ok(())
}
