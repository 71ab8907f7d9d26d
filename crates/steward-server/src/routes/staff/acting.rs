//! Verifying a caller (PR-10) and acting on a customer's behalf: changes
//! made while acting carry the session's reason into the customer's history
//! and the audit log (PR-17).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use rand::Rng;
use steward_types::comms::{Channel, PrefChanges, ReceiptSource};
use steward_types::problem::FieldError;
use steward_types::profile::{Profile, ProfileView};
use steward_types::staff::{
    ActingSession, AuditAction, CallerCheck, CallerCheckMethod, CallerCheckRequest,
    CallerCodeRequest, CallerCodeSent, Justification,
};
use steward_types::{AccountKind, MemberRole};
use uuid::Uuid;

use super::customers::{acting_view, caller_check_view};
use crate::audit;
use crate::comms::Origin;
use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::locale;
use crate::policy::{AccountScope, Principal};
use crate::routes::profile::if_match;
use crate::staff::{self, mask};
use crate::state::AppState;
use crate::store::{ActingRow, CallerCheckRow};

/// The member of the account the caller claims to be.
pub(crate) async fn member(
    state: &AppState,
    account_id: Uuid,
    user_id: Uuid,
) -> ApiResult<steward_types::team::Member> {
    state
        .store
        .members(account_id)
        .await?
        .into_iter()
        .find(|m| m.user_id == user_id)
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "user_id",
                "not_a_member",
                "This person is not a member of the account.",
            )])
        })
}

/// Mail a one-time code to the person's sign-in address, for them to read
/// back to the agent.
#[utoipa::path(post, path = "/v1/staff/customers/{account_id}/caller-checks/code", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account")),
    request_body = CallerCodeRequest,
    responses((status = 200, body = CallerCodeSent)))]
pub async fn send_code(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(account_id): Path<Uuid>,
    ApiJson(body): ApiJson<CallerCodeRequest>,
) -> ApiResult<Json<CallerCodeSent>> {
    staff::customer(&state, account_id).await?;
    let m = member(&state, account_id, body.user_id).await?;
    let language = locale::language_of(&state, m.user_id).await?;
    let now = state.clock.now();
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
    let expires_at = now + staff::CALLER_CODE_TTL;
    state
        .store
        .put_caller_code(m.user_id, &crypto::token_hash(&code), now, expires_at)
        .await?;
    state
        .store
        .send_mail(
            &m.email,
            &locale::word("Your support verification code", language),
            &locale::word(
                &format!(
                    "Steward support asked to confirm it is you they are talking to.\n\n\
                     Read this code to the agent: {code}\n\n\
                     It expires in {} minutes. If you are not talking to Steward support, \
                     do not share it: nobody from Steward will ask for it otherwise.",
                    staff::CALLER_CODE_TTL.num_minutes()
                ),
                language,
            ),
            now,
        )
        .await?;
    audit::record(
        &state,
        &who,
        Some(peer),
        Some(account_id),
        AuditAction::CallerCodeSent,
        format!("a verification code to {}", m.display_name),
        None,
    )
    .await?;
    Ok(Json(CallerCodeSent {
        sent_to: mask::email(&m.email),
        expires_at,
    }))
}

/// Check what the caller said. Every check, passed or failed, is recorded;
/// five wrong answers in half an hour pause checks for that person.
#[utoipa::path(post, path = "/v1/staff/customers/{account_id}/caller-checks", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account")),
    request_body = CallerCheckRequest,
    responses((status = 200, body = CallerCheck)))]
pub async fn check(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(account_id): Path<Uuid>,
    ApiJson(body): ApiJson<CallerCheckRequest>,
) -> ApiResult<Json<CallerCheck>> {
    staff::customer(&state, account_id).await?;
    let m = member(&state, account_id, body.user_id).await?;
    let now = state.clock.now();
    let failures = state
        .store
        .caller_failures_since(m.user_id, now - staff::CALLER_FAILURE_WINDOW)
        .await?;
    if failures >= staff::CALLER_MAX_FAILURES {
        return Err(ApiError::RateLimited {
            retry_after: u64::try_from(staff::CALLER_FAILURE_WINDOW.num_seconds()).unwrap_or(1800),
        });
    }
    let answer = body.answer.trim();
    let passed = match body.method {
        CallerCheckMethod::SupportPin => {
            let Some((hash, _)) = state.store.support_pin(m.user_id).await? else {
                return Err(ApiError::Validation(vec![FieldError::new(
                    "method",
                    "no_pin",
                    "This person has not set a support PIN: send them an e-mail code instead.",
                )]));
            };
            let answer = answer.to_owned();
            crate::hasher::verify_password(answer, Some(hash)).await
        }
        CallerCheckMethod::EmailCode => match state.store.caller_code(m.user_id).await? {
            Some((hash, expires)) if expires > now => {
                let digits: String = answer.chars().filter(char::is_ascii_digit).collect();
                crypto::constant_time_eq(crypto::token_hash(&digits).as_bytes(), hash.as_bytes())
            }
            _ => {
                return Err(ApiError::Validation(vec![FieldError::new(
                    "answer",
                    "no_code",
                    "No code is waiting for this person, or it expired: send a new one.",
                )]))
            }
        },
    };
    if passed && body.method == CallerCheckMethod::EmailCode {
        state.store.drop_caller_code(m.user_id).await?;
    }
    let row = CallerCheckRow {
        id: Uuid::now_v7(),
        account_id,
        user_id: m.user_id,
        user_name: m.display_name.clone(),
        staff_user_id: who.user.id,
        method: body.method.as_str().into(),
        passed,
        checked_at: now,
        valid_until: if passed {
            now + staff::CALLER_CHECK_VALID
        } else {
            now
        },
    };
    state.store.record_caller_check(&row).await?;
    audit::record(
        &state,
        &who,
        Some(peer),
        Some(account_id),
        AuditAction::CallerCheck,
        format!(
            "{} for {}: {}",
            match body.method {
                CallerCheckMethod::SupportPin => "support PIN",
                CallerCheckMethod::EmailCode => "e-mailed code",
            },
            m.display_name,
            if passed { "passed" } else { "failed" }
        ),
        None,
    )
    .await?;
    let left = attempts_left(&state, m.user_id).await?;
    Ok(Json(caller_check_view(row, left)))
}

/// Wrong answers the person has left before checks pause.
pub(crate) async fn attempts_left(state: &AppState, user_id: Uuid) -> ApiResult<u32> {
    let failures = state
        .store
        .caller_failures_since(user_id, state.clock.now() - staff::CALLER_FAILURE_WINDOW)
        .await?;
    Ok(u32::try_from((staff::CALLER_MAX_FAILURES - failures).max(0)).unwrap_or(0))
}

/// Whether `ticket` names an open ticket of this account (`T-000042` or `42`).
async fn customer_ticket(state: &AppState, account_id: Uuid, ticket: &str) -> ApiResult<bool> {
    let digits: String = ticket.chars().filter(char::is_ascii_digit).collect();
    let Ok(number) = digits.parse::<i64>() else {
        return Ok(false);
    };
    Ok(state
        .store
        .account_tickets(account_id)
        .await?
        .iter()
        .any(|t| t.number == number && t.status != "closed"))
}

/// Start acting for the customer: needs a reason, the customer's approval if
/// they require it, and a passed caller check or the customer's own ticket.
#[utoipa::path(post, path = "/v1/staff/customers/{account_id}/acting", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account")),
    request_body = Justification,
    responses((status = 200, body = ActingSession)))]
pub async fn start(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(account_id): Path<Uuid>,
    ApiJson(body): ApiJson<Justification>,
) -> ApiResult<Json<ActingSession>> {
    let why = body.validate().map_err(ApiError::Validation)?;
    let card = staff::customer(&state, account_id).await?;
    staff::may_touch(&state, &who, &card).await?;
    let now = state.clock.now();
    let verified = state
        .store
        .valid_caller_check(account_id, now)
        .await?
        .is_some();
    let by_ticket = match &why.ticket {
        Some(t) => customer_ticket(&state, account_id, t).await?,
        None => false,
    };
    if !verified && !by_ticket {
        return Err(ApiError::CallerNotVerified);
    }
    let row = ActingRow {
        id: Uuid::now_v7(),
        staff_user_id: who.user.id,
        account_id,
        reason: why.reason.clone(),
        ticket: why.ticket.clone(),
        started_at: now,
        expires_at: now + staff::ACTING_TTL,
    };
    state.store.open_acting(&row).await?;
    audit::record(
        &state,
        &who,
        Some(peer),
        Some(account_id),
        AuditAction::ActingStarted,
        if verified {
            "acting for the customer (caller verified)"
        } else {
            "acting for the customer (on their ticket)"
        },
        Some(&why),
    )
    .await?;
    Ok(Json(acting_view(row, card.name)))
}

#[utoipa::path(delete, path = "/v1/staff/customers/{account_id}/acting", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account")),
    responses((status = 204)))]
pub async fn stop(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(account_id): Path<Uuid>,
) -> ApiResult<StatusCode> {
    if state
        .store
        .end_acting(who.user.id, account_id, state.clock.now())
        .await?
    {
        audit::record(
            &state,
            &who,
            Some(peer),
            Some(account_id),
            AuditAction::ActingEnded,
            "the session acting for the customer",
            None,
        )
        .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The staff member as the author of a change: their pseudonym if they have
/// one, as the customer's history shows it.
async fn actor(state: &AppState, who: &Principal) -> ApiResult<steward_types::profile::Actor> {
    let mut actor = who.actor();
    if let Some(p) = state.store.staff_pseudonym(who.user.id).await? {
        actor.name = p;
    }
    Ok(actor)
}

fn scope(account_id: Uuid, kind: &str) -> AccountScope {
    AccountScope {
        account_id,
        kind: AccountKind::parse(kind).unwrap_or(AccountKind::Personal),
        role: MemberRole::Owner,
    }
}

fn justification(row: &ActingRow) -> Justification {
    Justification {
        reason: row.reason.clone(),
        ticket: row.ticket.clone(),
    }
}

/// The full profile, inside an acting session; the read is recorded.
#[utoipa::path(get, path = "/v1/staff/customers/{account_id}/profile", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account")),
    responses((status = 200, body = ProfileView)))]
pub async fn get_profile(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(account_id): Path<Uuid>,
) -> ApiResult<Response> {
    let card = staff::customer(&state, account_id).await?;
    staff::may_touch(&state, &who, &card).await?;
    let session = staff::acting(&state, &who, account_id).await?;
    audit::record(
        &state,
        &who,
        Some(peer),
        Some(account_id),
        AuditAction::Reveal,
        "the full profile (while acting)",
        Some(&justification(&session)),
    )
    .await?;
    crate::routes::profile::read_answer(&state, &scope(account_id, &card.kind)).await
}

/// Change the profile for the customer. The history shows the staff
/// member; the audit entry names the fields and carries the reason.
#[utoipa::path(put, path = "/v1/staff/customers/{account_id}/profile", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account"),
        ("If-Match" = String, Header, description = "The ETag this change is based on")),
    request_body = Profile,
    responses((status = 200, body = ProfileView)))]
pub async fn put_profile(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(account_id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<Profile>,
) -> ApiResult<Response> {
    let expected = if_match(&headers)?;
    let card = staff::customer(&state, account_id).await?;
    staff::may_touch(&state, &who, &card).await?;
    let session = staff::acting(&state, &who, account_id).await?;
    let scope = scope(account_id, &card.kind);
    let (view, changes) = crate::routes::profile::save(
        &state,
        &scope,
        &actor(&state, &who).await?,
        expected,
        &input,
    )
    .await?;
    let changed: Vec<String> = changes.into_iter().map(|c| c.field).collect();
    if !changed.is_empty() {
        audit::record(
            &state,
            &who,
            Some(peer),
            Some(account_id),
            AuditAction::ProfileChanged,
            format!("profile: {}", changed.join(", ")),
            Some(&justification(&session)),
        )
        .await?;
        crate::staff::search::reindex(state.store.as_ref(), account_id)
            .await
            .map_err(ApiError::Internal)?;
    }
    Ok(crate::routes::profile::with_etag(view))
}

/// A member's communication preferences, inside an acting session.
#[utoipa::path(get, path = "/v1/staff/customers/{account_id}/users/{user_id}/communications",
    tag = "staff", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account"),
        ("user_id" = Uuid, Path, description = "The member")),
    responses((status = 200, body = steward_types::comms::CommunicationPreferences)))]
pub async fn get_comms(
    State(state): State<AppState>,
    who: Principal,
    Path((account_id, user_id)): Path<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let card = staff::customer(&state, account_id).await?;
    staff::may_touch(&state, &who, &card).await?;
    staff::acting(&state, &who, account_id).await?;
    member(&state, account_id, user_id).await?;
    let view = crate::comms::load(&state, user_id).await?;
    Ok(crate::routes::comms::with_etag(view))
}

/// Change a member's preferences for them; receipts say "staff" and quote
/// the reason, the audit entry names the cells.
#[utoipa::path(put, path = "/v1/staff/customers/{account_id}/users/{user_id}/communications",
    tag = "staff", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account"),
        ("user_id" = Uuid, Path, description = "The member"),
        ("If-Match" = String, Header, description = "The ETag this change is based on")),
    request_body = PrefChanges,
    responses((status = 200, body = steward_types::comms::CommunicationPreferences)))]
pub async fn put_comms(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((account_id, user_id)): Path<(Uuid, Uuid)>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PrefChanges>,
) -> ApiResult<Response> {
    let expected = if_match(&headers)?;
    let card = staff::customer(&state, account_id).await?;
    staff::may_touch(&state, &who, &card).await?;
    let session = staff::acting(&state, &who, account_id).await?;
    let m = member(&state, account_id, user_id).await?;
    let origin = Origin {
        actor: actor(&state, &who).await?,
        reason: Some(session.reason.clone()),
        source: ReceiptSource::Staff,
        now: state.clock.now(),
    };
    let person = crate::routes::comms::Person {
        id: user_id,
        email: &m.email,
        language: crate::locale::language_of(&state, user_id).await?,
    };
    let view = crate::routes::comms::save(&state, person, expected, &body.changes, &origin).await?;
    if view.version != expected {
        let cells: Vec<String> = body
            .changes
            .iter()
            .map(|c| {
                let channel = match c.channel {
                    Channel::Email => "by e-mail",
                    Channel::Postal => "by post",
                    Channel::Telephone => "by telephone",
                    Channel::InApp => "in the app",
                };
                format!(
                    "{} {channel} turned {}",
                    c.purpose.label(),
                    if c.on { "on" } else { "off" }
                )
            })
            .collect();
        audit::record(
            &state,
            &who,
            Some(peer),
            Some(account_id),
            AuditAction::PreferencesChanged,
            format!("{}'s communications: {}", m.display_name, cells.join(", ")),
            Some(&justification(&session)),
        )
        .await?;
    }
    Ok(crate::routes::comms::with_etag(view))
}
