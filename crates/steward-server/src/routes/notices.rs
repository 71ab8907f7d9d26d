//! Policy versions and notices (PR-7). Administrators publish a version with
//! what changed; every person who joined before it gets a notice in the
//! console (everyone it was not in force for when they joined) and a copy in
//! their outbox. A change to personal information
//! carries its opt-outs; a change to account information names the page to
//! review. Acknowledging a notice leaves a receipt.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use steward_types::comms::ReceiptSource;
use steward_types::notices::{
    ConsoleSection, NewPolicyVersion, Notice, NoticeAction, NoticeInbox, PolicyConcern,
    PolicyVersion,
};

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::policy::Principal;
use crate::state::AppState;
use crate::store::{AckOutcome, NewReceipt, PolicyRow};

const PROBLEM: &str = "application/problem+json";

fn version_view(row: PolicyRow) -> ApiResult<PolicyVersion> {
    let bad = |what: &str, v: &str| {
        ApiError::Internal(anyhow::anyhow!(
            "policy {}: unknown {what} {v:?}",
            row.version
        ))
    };
    let concerns =
        PolicyConcern::parse(&row.concerns).ok_or_else(|| bad("concern", &row.concerns))?;
    let opt_outs = row
        .opt_outs
        .iter()
        .map(|a| NoticeAction::parse(a).ok_or_else(|| bad("opt-out", a)))
        .collect::<ApiResult<Vec<_>>>()?;
    let review_section = match &row.review_section {
        Some(s) => Some(ConsoleSection::parse(s).ok_or_else(|| bad("section", s))?),
        None => None,
    };
    Ok(PolicyVersion {
        version: row.version,
        title: row.title,
        summary: row.summary,
        concerns,
        opt_outs,
        review_section,
        published_at: row.published_at,
        effective_at: row.effective_at,
    })
}

async fn inbox(state: &AppState, principal: &Principal) -> ApiResult<NoticeInbox> {
    let rows = state
        .store
        .notices(principal.user.id, principal.user.created_at)
        .await?;
    let notices = rows
        .into_iter()
        .map(|n| {
            Ok(Notice {
                policy: version_view(n.policy)?,
                read_at: n.read_at,
                acknowledged_at: n.acknowledged_at,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let unread = notices.iter().filter(|n| n.read_at.is_none()).count();
    Ok(NoticeInbox {
        unread: u32::try_from(unread).unwrap_or(u32::MAX),
        notices,
        current_version: state.store.policy_in_force(state.clock.now()).await?,
    })
}

/// Every published version, newest first.
#[utoipa::path(get, path = "/v1/policy-versions", tag = "notices",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<PolicyVersion>)))]
pub async fn versions(State(state): State<AppState>) -> ApiResult<Json<Vec<PolicyVersion>>> {
    let rows = state.store.policy_versions().await?;
    Ok(Json(
        rows.into_iter()
            .map(version_view)
            .collect::<ApiResult<_>>()?,
    ))
}

/// Publish a policy version (administrators). Everyone gets a notice and an
/// e-mail.
#[utoipa::path(post, path = "/v1/staff/policy-versions", tag = "notices",
    security(("bearer" = [])), request_body = NewPolicyVersion,
    responses((status = 201, body = PolicyVersion),
        (status = 403, body = steward_types::Problem, content_type = PROBLEM),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn publish(
    State(state): State<AppState>,
    principal: Principal,
    ApiJson(input): ApiJson<NewPolicyVersion>,
) -> ApiResult<(StatusCode, Json<PolicyVersion>)> {
    let now = state.clock.now();
    let input = input.validate(now).map_err(ApiError::Validation)?;
    let row = PolicyRow {
        version: input.version.clone(),
        title: input.title.clone(),
        summary: input.summary.clone(),
        concerns: input.concerns.as_str().into(),
        opt_outs: input.opt_outs.iter().map(|a| a.as_str().into()).collect(),
        review_section: input.review_section.map(|s| s.as_str().into()),
        published_at: now,
        effective_at: input.effective_at,
    };
    let (subject, body) = notice_mail(&state, &input);
    if !state
        .store
        .publish_policy(&row, Some(principal.user.id), &subject, &body)
        .await?
    {
        return Err(ApiError::Conflict(format!(
            "A policy version named {} exists; choose another name.",
            input.version
        )));
    }
    tracing::info!(version = %input.version, "policy version published");
    Ok((StatusCode::CREATED, Json(version_view(row)?)))
}

fn notice_mail(state: &AppState, input: &NewPolicyVersion) -> (String, String) {
    let when = input.effective_at.format("%-d %B %Y");
    let next = match input.concerns {
        PolicyConcern::PersonalInformation => {
            "This change concerns your personal information. You can opt out from the \
             notice in the Steward console (Notices), or change your choices under Privacy \
             and Communications at any time."
        }
        PolicyConcern::AccountInformation => {
            "This change concerns your account information. Review the page the notice \
             links to in the Steward console (Notices)."
        }
    };
    let subject = format!("Our privacy policy changes on {when}: {}", input.title);
    let body = format!(
        "{}\n\n{}\n\nIt takes effect on {when}.\n\n{next}\n\nConsole: {}\n",
        input.title,
        input.summary,
        state.url("")
    );
    (subject, body)
}

/// The person's notices, newest first, and how many are unread.
#[utoipa::path(get, path = "/v1/me/notices", tag = "notices",
    security(("bearer" = [])),
    responses((status = 200, body = NoticeInbox)))]
pub async fn list(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<NoticeInbox>> {
    Ok(Json(inbox(&state, &principal).await?))
}

async fn visible(state: &AppState, principal: &Principal, version: &str) -> ApiResult<()> {
    let found = inbox(state, principal)
        .await?
        .notices
        .iter()
        .any(|n| n.policy.version == version);
    // A version already in force when the person joined has no notice for them.
    found.then_some(()).ok_or(ApiError::NotFound)
}

/// Mark a notice read. Repeating it changes nothing.
#[utoipa::path(post, path = "/v1/me/notices/{version}/read", tag = "notices",
    security(("bearer" = [])),
    params(("version" = String, Path, description = "The policy version")),
    responses((status = 200, body = NoticeInbox),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn read(
    State(state): State<AppState>,
    principal: Principal,
    Path(version): Path<String>,
) -> ApiResult<Json<NoticeInbox>> {
    visible(&state, &principal, &version).await?;
    if !state
        .store
        .mark_notice_read(principal.user.id, &version, state.clock.now())
        .await?
    {
        return Err(ApiError::NotFound);
    }
    Ok(Json(inbox(&state, &principal).await?))
}

/// Acknowledge a notice: recorded once, with a consent receipt naming the
/// version. Repeating it changes nothing.
#[utoipa::path(post, path = "/v1/me/notices/{version}/acknowledge", tag = "notices",
    security(("bearer" = [])),
    params(("version" = String, Path, description = "The policy version")),
    responses((status = 200, body = NoticeInbox),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn acknowledge(
    State(state): State<AppState>,
    principal: Principal,
    Path(version): Path<String>,
) -> ApiResult<Json<NoticeInbox>> {
    visible(&state, &principal, &version).await?;
    let receipt = NewReceipt {
        account_id: None,
        at: state.clock.now(),
        actor: principal.actor(),
        reason: None,
        subject: format!("policy/{version}"),
        old_state: "not_acknowledged".into(),
        new_state: "acknowledged".into(),
        source: ReceiptSource::Console,
    };
    match state
        .store
        .acknowledge_notice(principal.user.id, &version, &receipt)
        .await?
    {
        AckOutcome::Recorded(_) | AckOutcome::Already(_) => {}
        AckOutcome::NoSuchNotice => return Err(ApiError::NotFound),
    }
    Ok(Json(inbox(&state, &principal).await?))
}
