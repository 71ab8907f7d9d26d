//! Administrators: the audit log (PR-16). Staff accounts are in
//! `members.rs`, partners in `partners.rs`.

use axum::extract::State;
use axum::Json;
use steward_types::staff::{AuditAction, AuditEntry, AuditPage, AuditQuery};
use steward_types::UserRole;

use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::state::AppState;
use crate::store::{AuditFilter, AuditRow};

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
