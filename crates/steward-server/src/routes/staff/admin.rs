//! Administrators: the audit log (PR-16) and staff accounts.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::Json;
use steward_types::problem::FieldError;
use steward_types::staff::{
    AuditAction, AuditEntry, AuditPage, AuditQuery, StaffList, StaffMember, StaffMemberUpdate,
};
use steward_types::UserRole;
use uuid::Uuid;

use crate::audit;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::policy::Principal;
use crate::state::AppState;
use crate::store::{AuditFilter, AuditRow, StaffRow};

const PAGE: i64 = 100;

pub(crate) fn entry(r: AuditRow) -> AuditEntry {
    AuditEntry {
        seq: r.seq,
        at: r.at,
        staff_user_id: r.staff_user_id,
        staff_name: r.staff_name,
        staff_role: UserRole::parse(&r.staff_role).unwrap_or(UserRole::Agent),
        account_id: r.account_id,
        action: AuditAction::parse(&r.action).unwrap_or(AuditAction::ViewCustomer),
        what: r.what,
        reason: r.reason,
        ticket: r.ticket,
        ip: r.ip,
        hash: r.hash,
    }
}

/// Newest first, filtered; `next_before` pages back.
#[utoipa::path(get, path = "/v1/staff/audit", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Option<Uuid>, Query, description = "Only this customer"),
        ("staff_user_id" = Option<Uuid>, Query, description = "Only this staff member"),
        ("action" = Option<AuditAction>, Query, description = "Only this action"),
        ("before" = Option<i64>, Query, description = "Entries before this position")),
    responses((status = 200, body = AuditPage)))]
pub async fn audit_log(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> ApiResult<Json<AuditPage>> {
    let filter = AuditFilter {
        account_id: q.account_id,
        staff_user_id: q.staff_user_id,
        action: q.action.map(|a| a.as_str().to_owned()),
        actions_in: None,
        before: q.before,
    };
    let rows = state.store.audit_page(&filter, PAGE + 1).await?;
    let more = rows.len() > usize::try_from(PAGE).unwrap_or(100);
    let items: Vec<AuditEntry> = rows
        .into_iter()
        .take(usize::try_from(PAGE).unwrap_or(100))
        .map(entry)
        .collect();
    let next_before = if more {
        items.last().map(|e| e.seq)
    } else {
        None
    };
    Ok(Json(AuditPage { items, next_before }))
}

fn member_view(r: StaffRow) -> StaffMember {
    StaffMember {
        user_id: r.user_id,
        name: r.name,
        email: r.email,
        role: if r.roles.iter().any(|x| x == "admin") {
            UserRole::Admin
        } else {
            UserRole::Agent
        },
        pseudonym: r.pseudonym,
        two_factor: r.two_factor,
        disabled: r.disabled,
    }
}

#[utoipa::path(get, path = "/v1/staff/members", tag = "staff",
    security(("bearer" = [])),
    responses((status = 200, body = StaffList)))]
pub async fn members(State(state): State<AppState>) -> ApiResult<Json<StaffList>> {
    let items = state
        .store
        .staff_members()
        .await?
        .into_iter()
        .map(member_view)
        .collect();
    Ok(Json(StaffList { items }))
}

/// Change a staff member's role, pseudonym or status. Administrators may not
/// demote or disable themselves: someone must remain to undo it.
#[utoipa::path(patch, path = "/v1/staff/members/{user_id}", tag = "staff",
    security(("bearer" = [])),
    params(("user_id" = Uuid, Path, description = "The staff member")),
    request_body = StaffMemberUpdate,
    responses((status = 200, body = StaffMember)))]
pub async fn update_member(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(user_id): Path<Uuid>,
    ApiJson(body): ApiJson<StaffMemberUpdate>,
) -> ApiResult<Json<StaffMember>> {
    let current = state
        .store
        .staff_member(user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut errors = Vec::new();
    if let Some(role) = body.role {
        if !role.is_staff() {
            errors.push(FieldError::new(
                "role",
                "staff_role",
                "Choose agent or admin.",
            ));
        } else if user_id == who.user.id && role != UserRole::Admin {
            errors.push(FieldError::new(
                "role",
                "self",
                "You cannot remove your own administrator role.",
            ));
        }
    }
    if body.disabled == Some(true) && user_id == who.user.id {
        errors.push(FieldError::new(
            "disabled",
            "self",
            "You cannot disable yourself.",
        ));
    }
    let pseudonym = body.pseudonym.as_deref().map(str::trim);
    if let Some(p) = pseudonym {
        if p.chars().count() > 60 || p.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "pseudonym",
                "format",
                "At most 60 characters, without line breaks.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let now = state.clock.now();
    state
        .store
        .update_staff(
            user_id,
            body.role.map(UserRole::as_str),
            pseudonym.map(|p| Some(p).filter(|p| !p.is_empty())),
            (body.disabled == Some(true) && !current.disabled).then_some(now),
            body.disabled == Some(false),
        )
        .await?;
    let mut what = Vec::new();
    if let Some(r) = body.role {
        what.push(format!("role {}", r.as_str()));
    }
    if pseudonym.is_some() {
        what.push("pseudonym".to_owned());
    }
    if let Some(d) = body.disabled {
        what.push(if d { "disabled" } else { "enabled" }.to_owned());
    }
    audit::record(
        &state,
        &who,
        Some(peer),
        None,
        AuditAction::StaffChanged,
        format!("{}: {}", current.name, what.join(", ")),
        None,
    )
    .await?;
    let updated = state
        .store
        .staff_member(user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(member_view(updated)))
}
