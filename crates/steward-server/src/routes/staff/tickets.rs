//! Support tickets (PR-10): customers open them and reply from the console;
//! staff reply and keep internal notes the customer never sees, and write
//! an anonymised case summary (PR-11).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::Json;
use steward_types::problem::FieldError;
use steward_types::staff::{
    validate_body, AuditAction, CaseSummary, NewTicket, NewTicketMessage, Ticket, TicketAuthorKind,
    TicketList, TicketMessage, TicketQuery, TicketStatus, TicketStatusUpdate, TicketSummary,
};
use uuid::Uuid;

use crate::audit;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::policy::{AccountScope, Principal};
use crate::staff::summary::{self, Known};
use crate::state::AppState;
use crate::store::{MessageRow, TicketRow};

/// Mail providers whose names identify nobody.
const COMMON_MAIL: &[&str] = &[
    "gmail.com",
    "outlook.com",
    "hotmail.com",
    "yahoo.com",
    "icloud.com",
    "proton.me",
    "example.com",
    "example.org",
    "example.net",
];

pub fn number(n: i64) -> String {
    format!("T-{n:06}")
}

fn summary_view(t: TicketRow) -> TicketSummary {
    TicketSummary {
        id: t.id,
        number: number(t.number),
        account_id: t.account_id,
        account_name: t.account_name,
        subject: t.subject,
        status: TicketStatus::parse(&t.status).unwrap_or(TicketStatus::Open),
        opened_by: t.opened_by_name,
        created_at: t.created_at,
        updated_at: t.updated_at,
    }
}

async fn full(state: &AppState, t: TicketRow, with_internal: bool) -> ApiResult<Ticket> {
    let messages = state
        .store
        .ticket_messages(t.id, with_internal)
        .await?
        .into_iter()
        .map(|m| TicketMessage {
            id: m.id,
            author: m.author_name,
            author_kind: if m.author_kind == "staff" {
                TicketAuthorKind::Staff
            } else {
                TicketAuthorKind::Customer
            },
            body: m.body,
            internal: m.internal,
            at: m.at,
        })
        .collect();
    Ok(Ticket {
        summary: summary_view(t),
        messages,
    })
}

/// The account's ticket, or 404 (also for another account's ticket).
async fn account_ticket(state: &AppState, account_id: Uuid, id: Uuid) -> ApiResult<TicketRow> {
    match state.store.ticket(id).await? {
        Some(t) if t.account_id == account_id => Ok(t),
        _ => Err(ApiError::NotFound),
    }
}

#[utoipa::path(get, path = "/v1/accounts/{account_id}/tickets", tag = "support",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = TicketList)))]
pub async fn list(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<TicketList>> {
    let items = state
        .store
        .account_tickets(scope.account_id)
        .await?
        .into_iter()
        .map(summary_view)
        .collect();
    Ok(Json(TicketList { items }))
}

#[utoipa::path(post, path = "/v1/accounts/{account_id}/tickets", tag = "support",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    request_body = NewTicket,
    responses((status = 201, body = Ticket)))]
pub async fn open(
    State(state): State<AppState>,
    scope: AccountScope,
    who: Principal,
    ApiJson(body): ApiJson<NewTicket>,
) -> ApiResult<(axum::http::StatusCode, Json<Ticket>)> {
    let t = body.validate().map_err(ApiError::Validation)?;
    let now = state.clock.now();
    let id = Uuid::now_v7();
    let row = TicketRow {
        id,
        number: 0,
        account_id: scope.account_id,
        account_name: String::new(),
        subject: t.subject,
        status: TicketStatus::Open.as_str().into(),
        opened_by: Some(who.user.id),
        opened_by_name: who.user.display_name.clone(),
        created_at: now,
        updated_at: now,
    };
    let first = MessageRow {
        id: Uuid::now_v7(),
        ticket_id: id,
        author_user_id: Some(who.user.id),
        author_name: who.user.display_name.clone(),
        author_kind: "customer".into(),
        body: t.body,
        internal: false,
        at: now,
    };
    state.store.create_ticket(&row, &first).await?;
    let stored = account_ticket(&state, scope.account_id, id).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(full(&state, stored, false).await?),
    ))
}

#[utoipa::path(get, path = "/v1/accounts/{account_id}/tickets/{ticket_id}", tag = "support",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"),
        ("ticket_id" = Uuid, Path, description = "The ticket")),
    responses((status = 200, body = Ticket)))]
pub async fn get(
    State(state): State<AppState>,
    scope: AccountScope,
    Path((_, ticket_id)): Path<(Uuid, Uuid)>,
) -> ApiResult<Json<Ticket>> {
    let t = account_ticket(&state, scope.account_id, ticket_id).await?;
    Ok(Json(full(&state, t, false).await?))
}

/// The customer's reply; a ticket waiting for them opens again.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/tickets/{ticket_id}/messages",
    tag = "support", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"),
        ("ticket_id" = Uuid, Path, description = "The ticket")),
    request_body = NewTicketMessage,
    responses((status = 200, body = Ticket)))]
pub async fn reply(
    State(state): State<AppState>,
    scope: AccountScope,
    who: Principal,
    Path((_, ticket_id)): Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<NewTicketMessage>,
) -> ApiResult<Json<Ticket>> {
    if body.internal {
        return Err(ApiError::Validation(vec![FieldError::new(
            "internal",
            "staff_only",
            "Only staff can write internal notes.",
        )]));
    }
    let text = validate_body(&body.body).map_err(|e| ApiError::Validation(vec![e]))?;
    let t = account_ticket(&state, scope.account_id, ticket_id).await?;
    let msg = MessageRow {
        id: Uuid::now_v7(),
        ticket_id,
        author_user_id: Some(who.user.id),
        author_name: who.user.display_name.clone(),
        author_kind: "customer".into(),
        body: text,
        internal: false,
        at: state.clock.now(),
    };
    state
        .store
        .add_ticket_message(&msg, Some(TicketStatus::Open.as_str()))
        .await?;
    let t = account_ticket(&state, t.account_id, ticket_id).await?;
    Ok(Json(full(&state, t, false).await?))
}

/// The queue, most recently updated first.
#[utoipa::path(get, path = "/v1/staff/tickets", tag = "staff",
    security(("bearer" = [])),
    params(("status" = Option<TicketStatus>, Query, description = "Only this status"),
        ("account_id" = Option<Uuid>, Query, description = "Only this account")),
    responses((status = 200, body = TicketList)))]
pub async fn queue(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<TicketQuery>,
) -> ApiResult<Json<TicketList>> {
    let items = state
        .store
        .ticket_queue(q.status.map(TicketStatus::as_str), q.account_id, 200)
        .await?
        .into_iter()
        .map(summary_view)
        .collect();
    Ok(Json(TicketList { items }))
}

async fn staff_ticket(state: &AppState, id: Uuid) -> ApiResult<TicketRow> {
    state.store.ticket(id).await?.ok_or(ApiError::NotFound)
}

/// A ticket with its internal notes. Tickets are the customer's own words:
/// reading one is part of handling it, not a reveal.
#[utoipa::path(get, path = "/v1/staff/tickets/{ticket_id}", tag = "staff",
    security(("bearer" = [])),
    params(("ticket_id" = Uuid, Path, description = "The ticket")),
    responses((status = 200, body = Ticket)))]
pub async fn staff_get(
    State(state): State<AppState>,
    Path(ticket_id): Path<Uuid>,
) -> ApiResult<Json<Ticket>> {
    let t = staff_ticket(&state, ticket_id).await?;
    Ok(Json(full(&state, t, true).await?))
}

/// A reply (the ticket then waits for the customer) or an internal note.
#[utoipa::path(post, path = "/v1/staff/tickets/{ticket_id}/messages", tag = "staff",
    security(("bearer" = [])),
    params(("ticket_id" = Uuid, Path, description = "The ticket")),
    request_body = NewTicketMessage,
    responses((status = 200, body = Ticket)))]
pub async fn staff_reply(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(ticket_id): Path<Uuid>,
    ApiJson(body): ApiJson<NewTicketMessage>,
) -> ApiResult<Json<Ticket>> {
    let text = validate_body(&body.body).map_err(|e| ApiError::Validation(vec![e]))?;
    let t = staff_ticket(&state, ticket_id).await?;
    let author = state
        .store
        .staff_pseudonym(who.user.id)
        .await?
        .unwrap_or_else(|| who.user.display_name.clone());
    let msg = MessageRow {
        id: Uuid::now_v7(),
        ticket_id,
        author_user_id: Some(who.user.id),
        author_name: author,
        author_kind: "staff".into(),
        body: text,
        internal: body.internal,
        at: state.clock.now(),
    };
    let status = (!body.internal && t.status == "open").then_some(TicketStatus::Pending.as_str());
    state.store.add_ticket_message(&msg, status).await?;
    let (action, what) = if body.internal {
        (
            AuditAction::TicketNote,
            format!("an internal note on {}", number(t.number)),
        )
    } else {
        (
            AuditAction::TicketReply,
            format!("a reply on {}", number(t.number)),
        )
    };
    audit::record(
        &state,
        &who,
        Some(peer),
        Some(t.account_id),
        action,
        what,
        None,
    )
    .await?;
    let t = staff_ticket(&state, ticket_id).await?;
    Ok(Json(full(&state, t, true).await?))
}

#[utoipa::path(put, path = "/v1/staff/tickets/{ticket_id}/status", tag = "staff",
    security(("bearer" = [])),
    params(("ticket_id" = Uuid, Path, description = "The ticket")),
    request_body = TicketStatusUpdate,
    responses((status = 200, body = Ticket)))]
pub async fn set_status(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(ticket_id): Path<Uuid>,
    ApiJson(body): ApiJson<TicketStatusUpdate>,
) -> ApiResult<Json<Ticket>> {
    let t = staff_ticket(&state, ticket_id).await?;
    if t.status != body.status.as_str() {
        state
            .store
            .set_ticket_status(ticket_id, body.status.as_str(), state.clock.now())
            .await?;
        audit::record(
            &state,
            &who,
            Some(peer),
            Some(t.account_id),
            AuditAction::TicketStatus,
            format!("{} marked {}", number(t.number), body.status.as_str()),
            None,
        )
        .await?;
    }
    let t = staff_ticket(&state, ticket_id).await?;
    Ok(Json(full(&state, t, true).await?))
}

/// The anonymised write-up, for staff to preview and copy.
#[utoipa::path(get, path = "/v1/staff/tickets/{ticket_id}/summary", tag = "staff",
    security(("bearer" = [])),
    params(("ticket_id" = Uuid, Path, description = "The ticket")),
    responses((status = 200, body = CaseSummary)))]
pub async fn case_summary(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(ticket_id): Path<Uuid>,
) -> ApiResult<Json<CaseSummary>> {
    let t = staff_ticket(&state, ticket_id).await?;
    let account_id = t.account_id;
    let ticket = full(&state, t, false).await?;
    let known = known(&state, account_id).await?;
    audit::record(
        &state,
        &who,
        Some(peer),
        Some(account_id),
        AuditAction::CaseSummary,
        format!("an anonymised summary of {}", ticket.summary.number),
        None,
    )
    .await?;
    Ok(Json(summary::summarise(&ticket, &known)))
}

/// Everything we hold that could identify the customer in free text.
async fn known(state: &AppState, account_id: Uuid) -> ApiResult<Known> {
    let mut k = Known::default();
    let card = crate::staff::customer(state, account_id).await?;
    k.names.push(card.name.clone());
    k.identifiers.push(account_id.to_string());
    k.identifiers
        .push(account_id.simple().to_string()[..8].to_owned());
    let mut emails = Vec::new();
    for m in state.store.members(account_id).await? {
        emails.push(m.email.clone());
        k.names.push(m.display_name.clone());
        k.names.extend(
            m.display_name
                .split_whitespace()
                .filter(|w| w.len() > 2)
                .map(str::to_owned),
        );
    }
    if let Some(p) = super::customers::profile_of(card.profile_doc.as_deref()) {
        k.names.push(p.legal_name.clone());
        k.names.extend(
            p.legal_name
                .split_whitespace()
                .filter(|w| w.len() > 2)
                .map(str::to_owned),
        );
        k.names.push(p.display_name.clone());
        emails.extend(p.emails.iter().map(|e| e.address.clone()));
        if let Some(c) = &p.company {
            k.names.push(c.name.clone());
            if let Some(host) = c
                .website
                .as_deref()
                .and_then(|w| url::Url::parse(w).ok())
                .and_then(|u| {
                    u.host_str()
                        .map(|h| h.trim_start_matches("www.").to_owned())
                })
            {
                k.domains.push(host);
            }
            k.identifiers.extend(c.registration_number.clone());
            k.identifiers.extend(c.tax_id.clone());
        }
        if let Some(a) = &p.postal_address {
            k.address.push(a.line1.clone());
            k.address.extend(a.line2.clone());
            k.address.extend(a.postal_code.clone());
            k.address.push(a.locality.clone());
        }
        k.domains.extend(p.domains.clone());
        k.identifiers.extend(p.ip_ranges.clone());
    }
    // The customer's own mail domains, not the big providers everyone uses.
    for e in emails {
        if let Some((_, d)) = e.rsplit_once('@') {
            let d = d.to_lowercase();
            if !k.domains.contains(&d) && !COMMON_MAIL.contains(&d.as_str()) {
                k.domains.push(d);
            }
        }
    }
    k.names.retain(|n| !n.trim().is_empty());
    Ok(k)
}
