//! `/v1/me/communications` and `/v1/me/consent-receipts` (PR-4, PR-5): the
//! signed-in person's purpose x channel matrix under `If-Match`, "unsubscribe
//! from all promotional", and the receipts every change leaves. The links in
//! e-mail (unsubscribe, confirm an opt-in) are in `comms/pages.rs`.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use steward_types::comms::{
    CommunicationPreferences, ConsentReceiptPage, PrefChanges, ReceiptSource,
};
use uuid::Uuid;

use crate::comms::{self, Origin};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::policy::Principal;
use crate::routes::profile::{if_match, json_with_etag};
use crate::state::AppState;
use crate::store::{CommsOutcome, CommsWrite};

const PROBLEM: &str = "application/problem+json";
const PAGE: i64 = 50;

pub(crate) fn with_etag(view: CommunicationPreferences) -> Response {
    json_with_etag(view.version, view)
}

async fn current(state: &AppState, user_id: Uuid) -> ApiResult<CommunicationPreferences> {
    comms::load(state, user_id).await
}

fn origin(state: &AppState, principal: &Principal, source: ReceiptSource) -> Origin {
    Origin {
        actor: principal.actor(),
        reason: None,
        source,
        now: state.clock.now(),
    }
}

/// The purpose x channel matrix, with the defaults filled in and the cells
/// that cannot be turned off explained. The `ETag` guards changes.
#[utoipa::path(get, path = "/v1/me/communications", tag = "communications",
    security(("bearer" = [])),
    responses((status = 200, body = CommunicationPreferences)))]
pub async fn get(State(state): State<AppState>, principal: Principal) -> ApiResult<Response> {
    Ok(with_etag(current(&state, principal.user.id).await?))
}

/// Turn cells on or off. Turning on a promotional purpose by e-mail makes it
/// `pending` and mails a confirmation link (double opt-in). Needs `If-Match`.
#[utoipa::path(put, path = "/v1/me/communications", tag = "communications",
    security(("bearer" = [])), request_body = PrefChanges,
    params(("If-Match" = String, Header, description = "The ETag of the matrix the change was made on")),
    responses((status = 200, body = CommunicationPreferences),
        (status = 412, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
        (status = 428, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn put(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PrefChanges>,
) -> ApiResult<Response> {
    let expected = if_match(&headers)?;
    let origin = origin(&state, &principal, ReceiptSource::Console);
    let person = Person {
        id: principal.user.id,
        email: &principal.user.email,
        language: principal.user.language,
    };
    let view = save(&state, person, expected, &body.changes, &origin).await?;
    Ok(with_etag(view))
}

/// Whose matrix a change is to, and where and in what language an opt-in's
/// confirmation mail goes: always the person's own, even when staff act.
#[derive(Debug, Clone, Copy)]
pub struct Person<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub language: steward_types::Language,
}

/// Apply `changes` to the person's matrix, based on version `expected`, as
/// `origin` says (the person, or staff acting for them with a reason).
pub async fn save(
    state: &AppState,
    person: Person<'_>,
    expected: i64,
    changes: &[steward_types::comms::PrefChange],
    origin: &comms::Origin,
) -> ApiResult<CommunicationPreferences> {
    let user_id = person.id;
    let (cells, version) = state.store.comm_prefs(user_id).await?;
    if version != expected {
        return Err(ApiError::PreconditionFailed);
    }
    let plan = comms::plan(&cells, changes, origin).map_err(ApiError::Validation)?;
    if plan.cells.is_empty() && plan.optins.is_empty() {
        return current(state, user_id).await;
    }
    let base = state.url("");
    // Only an opt-in to promotional e-mail sends mail.
    let mail = comms::confirmation_mail(person.email, &base, &plan.confirm_links, person.language);
    let changed = plan.cells.clone();
    let outcome = state
        .store
        .write_comms(CommsWrite {
            user_id,
            expected_version: version,
            cells: plan.cells,
            receipts: plan.receipts,
            new_optins: plan.optins,
            confirm_optin: None,
            mail: mail.into_iter().collect(),
            now: state.clock.now(),
        })
        .await?;
    match outcome {
        CommsOutcome::Written {
            version,
            policy_version,
        } => Ok(comms::written(cells, &changed, version, policy_version)),
        CommsOutcome::Conflict | CommsOutcome::OptInUnusable => Err(ApiError::PreconditionFailed),
    }
}

/// "Unsubscribe from all promotional communications": every promotional
/// purpose off on every channel, in one step. Repeating it changes nothing.
#[utoipa::path(post, path = "/v1/me/communications/unsubscribe-promotional", tag = "communications",
    security(("bearer" = [])),
    responses((status = 200, body = CommunicationPreferences)))]
pub async fn unsubscribe_promotional(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Response> {
    let origin = origin(&state, &principal, ReceiptSource::UnsubscribeAll);
    let view = comms::apply(&state, principal.user.id, &origin, |cells| {
        comms::promotional_off(cells)
    })
    .await?;
    Ok(with_etag(view))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReceiptParams {
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn parse_cursor(c: &str) -> ApiResult<(chrono::DateTime<chrono::Utc>, Uuid)> {
    let bad = || {
        ApiError::field(
            "cursor",
            "cursor",
            "Use the next_cursor of the previous page.",
        )
    };
    let (ms, id) = c.split_once('.').ok_or_else(bad)?;
    let ms: i64 = ms.parse().map_err(|_| bad())?;
    Ok((
        crate::clock::from_millis(ms),
        id.parse().map_err(|_| bad())?,
    ))
}

/// Every consent change, newest first: who, when, what, from what to what,
/// how, and under which policy version. Nobody can edit them.
#[utoipa::path(get, path = "/v1/me/consent-receipts", tag = "communications",
    security(("bearer" = [])), params(ReceiptParams),
    responses((status = 200, body = ConsentReceiptPage), (status = 400, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn receipts(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(q): ApiQuery<ReceiptParams>,
) -> ApiResult<Json<ConsentReceiptPage>> {
    let before = q.cursor.as_deref().map(parse_cursor).transpose()?;
    let items = state
        .store
        .consent_receipts(principal.user.id, before, PAGE)
        .await?;
    let next_cursor = (items.len() as i64 == PAGE)
        .then(|| items.last())
        .flatten()
        .map(|r| format!("{}.{}", crate::clock::to_millis(r.at), r.id));
    Ok(Json(ConsentReceiptPage { items, next_cursor }))
}
