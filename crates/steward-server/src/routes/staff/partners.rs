//! Service partners (administrators; PR-6, PR-7). The rules are in
//! `steward_types::partners`: a new partner starts receiving data when the
//! policy version that announced it takes effect; edits may narrow what a
//! partner receives, never widen it; retiring keeps the partner's name for
//! the ledger. Customers see the change on their Privacy page.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use steward_types::notices::{NoticeAction, PolicyConcern};
use steward_types::partners::{NewPartner, Partner, PartnerDetails, PartnerList};
use steward_types::problem::FieldError;
use steward_types::staff::AuditAction;

use crate::audit;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::policy::Principal;
use crate::routes::profile::{if_match, json_with_etag};
use crate::state::AppState;
use crate::store::PartnerRow;

const PROBLEM: &str = "application/problem+json";

fn view(r: PartnerRow) -> Partner {
    Partner {
        id: r.id,
        name: r.name,
        purpose: r.purpose,
        categories: r.categories,
        privacy_url: r.privacy_url,
        optional: r.optional,
        curtails: r.curtails,
        announced_in: r.announced_in,
        starts_at: r.starts_at,
        retired_at: r.retired_at,
        version: r.version,
    }
}

fn with_etag(r: PartnerRow) -> Response {
    json_with_etag(r.version, view(r))
}

fn invalid(field: &str, rule: &str, message: impl Into<String>) -> ApiError {
    ApiError::Validation(vec![FieldError::new(field, rule, &message.into())])
}

/// Every partner, current first, retired ones after.
#[utoipa::path(get, path = "/v1/staff/partners", tag = "staff",
    security(("bearer" = [])),
    responses((status = 200, body = PartnerList)))]
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<PartnerList>> {
    let items = state
        .store
        .partners()
        .await?
        .into_iter()
        .map(view)
        .collect();
    Ok(Json(PartnerList { items }))
}

/// Add a partner. It receives nothing until the policy version that
/// announces it takes effect; that version must not be in force yet, so
/// customers still have time to opt out.
#[utoipa::path(post, path = "/v1/staff/partners", tag = "staff",
    security(("bearer" = [])),
    request_body = NewPartner,
    responses((status = 201, body = Partner),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn add(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<NewPartner>,
) -> ApiResult<Response> {
    let input = body.validate().map_err(ApiError::Validation)?;
    let now = state.clock.now();
    let versions = state.store.policy_versions().await?;
    let Some(policy) = versions.iter().find(|v| v.version == input.announced_in) else {
        return Err(invalid(
            "announced_in",
            "unknown_version",
            "There is no published policy version with this name. Publish the version that \
             announces the partner first.",
        ));
    };
    if policy.concerns != PolicyConcern::PersonalInformation.as_str()
        || !policy
            .opt_outs
            .iter()
            .any(|o| o == NoticeAction::StopPartnerSharing.as_str())
    {
        return Err(invalid(
            "announced_in",
            "no_sharing_opt_out",
            "That version does not offer customers the \"stop partner sharing\" opt-out. \
             Announce a new partner in a version about personal information that offers it.",
        ));
    }
    if policy.effective_at <= now {
        return Err(invalid(
            "announced_in",
            "already_in_force",
            "That version is already in force, so customers had no notice of this partner. \
             Publish a new version that takes effect later.",
        ));
    }
    let row = PartnerRow {
        id: input.id,
        name: input.details.name,
        purpose: input.details.purpose,
        categories: input.details.categories,
        privacy_url: input.details.privacy_url,
        optional: input.optional,
        curtails: input.details.curtails,
        announced_in: Some(policy.version.clone()),
        starts_at: policy.effective_at,
        retired_at: None,
        version: 1,
    };
    if !state.store.insert_partner(&row).await? {
        return Err(invalid(
            "id",
            "taken",
            "A partner (perhaps a retired one) already has this id. Choose another.",
        ));
    }
    note(
        &state,
        &who,
        peer,
        format!(
            "added partner {} ({}), receiving data from {}",
            row.name,
            row.id,
            row.starts_at.format("%-d %B %Y")
        ),
    )
    .await?;
    tracing::info!(partner = %row.id, "partner added");
    let mut response = with_etag(row);
    *response.status_mut() = StatusCode::CREATED;
    Ok(response)
}

/// Every partner change is in the audit log (not shown to customers).
async fn note(state: &AppState, who: &Principal, peer: SocketAddr, what: String) -> ApiResult<()> {
    audit::record(
        state,
        who,
        Some(peer),
        None,
        AuditAction::PartnerChanged,
        what,
        None,
    )
    .await?;
    Ok(())
}

/// Write `next` over the version it was made from, note it, answer with it.
async fn commit(
    state: &AppState,
    who: &Principal,
    peer: SocketAddr,
    next: &PartnerRow,
    what: String,
) -> ApiResult<Response> {
    if !state.store.update_partner(next).await? {
        return Err(ApiError::PreconditionFailed);
    }
    note(state, who, peer, what).await?;
    let row = state
        .store
        .partner(&next.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(with_etag(row))
}

async fn current(state: &AppState, id: &str, headers: &HeaderMap) -> ApiResult<PartnerRow> {
    let expected = if_match(headers)?;
    let row = state.store.partner(id).await?.ok_or(ApiError::NotFound)?;
    if row.version != expected {
        return Err(ApiError::PreconditionFailed);
    }
    if row.retired_at.is_some() {
        return Err(ApiError::Conflict(format!(
            "{} is retired; add a new partner instead.",
            row.name
        )));
    }
    Ok(row)
}

/// Change what customers read about a partner, or narrow what it receives.
#[utoipa::path(put, path = "/v1/staff/partners/{partner_id}", tag = "staff",
    security(("bearer" = [])),
    params(("partner_id" = String, Path, description = "The partner"),
        ("If-Match" = String, Header, description = "The ETag of the partner this change was made on")),
    request_body = PartnerDetails,
    responses((status = 200, body = Partner),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM),
        (status = 412, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
        (status = 428, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn update(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PartnerDetails>,
) -> ApiResult<Response> {
    let details = body.validate().map_err(ApiError::Validation)?;
    let old = current(&state, &id, &headers).await?;
    // Customers were told what the partner receives: more needs a notice.
    let widened: Vec<FieldError> = details
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| !old.categories.iter().any(|o| o.eq_ignore_ascii_case(c)))
        .map(|(i, c)| {
            FieldError::new(
                &format!("categories[{i}]"),
                "not_announced",
                &format!(
                    "Customers were not told that {} receives \"{c}\". To share more, announce it \
                     in a policy version and add the partner again under a new id.",
                    old.name
                ),
            )
        })
        .collect();
    if !widened.is_empty() {
        return Err(ApiError::Validation(widened));
    }
    let mut changed = Vec::new();
    for (field, was, is) in [
        ("name", &old.name, &details.name),
        ("purpose", &old.purpose, &details.purpose),
        ("privacy statement", &old.privacy_url, &details.privacy_url),
        (
            "what turning them off curtails",
            &old.curtails,
            &details.curtails,
        ),
    ] {
        if was != is {
            changed.push(field.to_owned());
        }
    }
    let dropped: Vec<&String> = old
        .categories
        .iter()
        .filter(|o| !details.categories.iter().any(|c| c.eq_ignore_ascii_case(o)))
        .collect();
    if !dropped.is_empty() {
        changed.push(format!(
            "no longer receives {}",
            dropped
                .iter()
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if changed.is_empty() && old.categories == details.categories {
        return Ok(with_etag(old));
    }
    let next = PartnerRow {
        name: details.name,
        purpose: details.purpose,
        categories: details.categories,
        privacy_url: details.privacy_url,
        curtails: details.curtails,
        ..old.clone()
    };
    let what = format!("partner {}: {}", old.id, changed.join("; "));
    commit(&state, &who, peer, &next, what).await
}

/// Retire a partner: no data goes to them from now on. Their ledger entries
/// stay, with their name.
#[utoipa::path(delete, path = "/v1/staff/partners/{partner_id}", tag = "staff",
    security(("bearer" = [])),
    params(("partner_id" = String, Path, description = "The partner"),
        ("If-Match" = String, Header, description = "The ETag of the partner")),
    responses((status = 200, body = Partner),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM),
        (status = 412, body = steward_types::Problem, content_type = PROBLEM),
        (status = 428, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn retire(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let old = current(&state, &id, &headers).await?;
    let next = PartnerRow {
        retired_at: Some(state.clock.now()),
        ..old.clone()
    };
    let what = format!("retired partner {} ({})", old.name, old.id);
    let answer = commit(&state, &who, peer, &next, what).await?;
    tracing::info!(partner = %old.id, "partner retired");
    Ok(answer)
}
