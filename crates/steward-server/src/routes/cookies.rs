//! `/v1/me/cookies` (PR-14): the person's cookie consent for the service's
//! web properties. The sites read it with the person's own sign-in; the
//! console changes it under `If-Match`, and each change leaves a receipt.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use steward_types::comms::ReceiptSource;
use steward_types::sharing::{CookieChoice, CookieConsent};

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::policy::Principal;
use crate::routes::profile::{if_match, json_with_etag};
use crate::state::AppState;
use crate::store::{CookieRow, NewReceipt};

const PROBLEM: &str = "application/problem+json";

fn view(row: Option<CookieRow>) -> CookieConsent {
    // Until the person chooses, only necessary cookies.
    CookieConsent {
        version: row.map_or(0, |r| r.version),
        necessary: true,
        preferences: row.is_some_and(|r| r.preferences),
        analytics: row.is_some_and(|r| r.analytics),
        decided_at: row.map(|r| r.decided_at),
    }
}

fn with_etag(v: CookieConsent) -> Response {
    let mut resp = json_with_etag(v.version, v);
    // Sites may cache it briefly, never share it between people.
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    resp
}

/// What the service's web properties may set for this person.
#[utoipa::path(get, path = "/v1/me/cookies", tag = "privacy",
    security(("bearer" = [])),
    responses((status = 200, body = CookieConsent)))]
pub async fn get(State(state): State<AppState>, principal: Principal) -> ApiResult<Response> {
    Ok(with_etag(view(
        state.store.cookie_consent(principal.user.id).await?,
    )))
}

/// Accept or refuse preference and analytics cookies. Needs `If-Match`.
#[utoipa::path(put, path = "/v1/me/cookies", tag = "privacy",
    security(("bearer" = [])), request_body = CookieChoice,
    params(("If-Match" = String, Header, description = "The ETag of the consent this choice was made on")),
    responses((status = 200, body = CookieConsent),
        (status = 412, body = steward_types::Problem, content_type = PROBLEM),
        (status = 428, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn put(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
    ApiJson(choice): ApiJson<CookieChoice>,
) -> ApiResult<Response> {
    let expected = if_match(&headers)?;
    let user_id = principal.user.id;
    let current = view(state.store.cookie_consent(user_id).await?);
    if current.version != expected {
        return Err(ApiError::PreconditionFailed);
    }
    let now = state.clock.now();
    let word = |b: bool| if b { "accepted" } else { "refused" };
    let receipts: Vec<NewReceipt> = [
        (
            "cookies/preferences",
            current.preferences,
            choice.preferences,
        ),
        ("cookies/analytics", current.analytics, choice.analytics),
    ]
    .into_iter()
    // The first choice is recorded even where it keeps the default.
    .filter(|(_, old, new)| old != new || current.decided_at.is_none())
    .map(|(subject, old, new)| NewReceipt {
        account_id: None,
        at: now,
        actor: principal.actor(),
        reason: None,
        subject: subject.into(),
        old_state: if current.decided_at.is_none() {
            "not_chosen".into()
        } else {
            word(old).into()
        },
        new_state: word(new).into(),
        source: ReceiptSource::Console,
    })
    .collect();
    if receipts.is_empty() {
        return Ok(with_etag(current));
    }
    if !state
        .store
        .write_cookie_consent(
            user_id,
            expected,
            choice.preferences,
            choice.analytics,
            &receipts,
            now,
        )
        .await?
    {
        return Err(ApiError::PreconditionFailed);
    }
    Ok(with_etag(view(state.store.cookie_consent(user_id).await?)))
}
