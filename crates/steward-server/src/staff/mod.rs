//! The staff workspace's rules (issue 6): who may work on which customer,
//! and under what conditions. Handlers are in `routes/staff/`.

pub mod mask;
pub mod search;
pub mod summary;

use chrono::Duration;
use steward_types::UserRole;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::policy::Principal;
use crate::state::AppState;
use crate::store::{ActingRow, CustomerCardRow};

/// How long a passed caller check vouches for the caller.
pub const CALLER_CHECK_VALID: Duration = Duration::minutes(30);
/// How long an e-mailed caller code lives.
pub const CALLER_CODE_TTL: Duration = Duration::minutes(10);
/// Wrong answers per person per window before checks pause.
pub const CALLER_MAX_FAILURES: i64 = 5;
pub const CALLER_FAILURE_WINDOW: Duration = Duration::minutes(30);
/// How long an acting session stays open.
pub const ACTING_TTL: Duration = Duration::minutes(30);
/// The longest grant a customer can give.
pub const MAX_GRANT_HOURS: u32 = 72;

pub fn is_admin(p: &Principal) -> bool {
    p.user.roles.contains(&UserRole::Admin)
}

/// The customer's account as staff may see it: 404 if there is none.
pub async fn customer(state: &AppState, account_id: Uuid) -> ApiResult<CustomerCardRow> {
    state
        .store
        .customer_cards(&[account_id])
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError::NotFound)
}

/// Whether staff may see this customer's data or act for them: accounts of
/// staff are administrators' business (agents may not touch them), and a
/// customer who requires approval must have granted it.
pub async fn may_touch(state: &AppState, who: &Principal, card: &CustomerCardRow) -> ApiResult<()> {
    if card.has_staff_member && !is_admin(who) {
        return Err(ApiError::ForbiddenBecause(
            "This account belongs to a member of staff: only administrators may work on it.".into(),
        ));
    }
    let settings = state.store.access_settings(card.account_id).await?;
    let now = state.clock.now();
    if settings.require_approval && settings.granted_until.is_none_or(|until| until <= now) {
        return Err(ApiError::ApprovalRequired);
    }
    Ok(())
}

/// The caller's open acting session on the account, or a refusal that says
/// how to open one.
pub async fn acting(state: &AppState, who: &Principal, account_id: Uuid) -> ApiResult<ActingRow> {
    state
        .store
        .active_acting(who.user.id, account_id, state.clock.now())
        .await?
        .ok_or_else(|| {
            ApiError::Conflict(
                "You are not acting for this customer: start acting on their behalf, with a reason, first."
                    .into(),
            )
        })
}
