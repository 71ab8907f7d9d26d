//! `/v1/accounts/{account_id}/team`: members and invitations (PR-12), and
//! `/v1/invitations/accept` for the invitee.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use steward_types::team::{
    Invitation, InvitationAccept, InvitationStatus, MemberUpdate, NewInvitation, Team,
};
use steward_types::{validate, Me};
use uuid::Uuid;

use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::locale::here;

use crate::policy::{AccountScope, Principal};
use crate::state::AppState;
use crate::store::{InvitationRow, NewInvitationRow, TeamChange};

const PROBLEM: &str = "application/problem+json";
const INVITATION_DAYS: i64 = 14;

fn status(row: &InvitationRow, now: DateTime<Utc>) -> InvitationStatus {
    if row.accepted_at.is_some() {
        InvitationStatus::Accepted
    } else if row.cancelled_at.is_some_and(|c| c < row.expires_at) {
        InvitationStatus::Cancelled
    } else if row.expires_at <= now {
        InvitationStatus::Expired
    } else {
        InvitationStatus::Pending
    }
}

async fn team(state: &AppState, account_id: Uuid) -> ApiResult<Team> {
    let now = state.clock.now();
    let members = state.store.members(account_id).await?;
    let mut invitations: Vec<Invitation> = state
        .store
        .invitations(account_id)
        .await?
        .into_iter()
        .map(|r| Invitation {
            status: status(&r, now),
            id: r.id,
            email: r.email,
            role: r.role,
            invited_by: r.invited_by,
            created_at: r.created_at,
            expires_at: r.expires_at,
            last_sent_at: r.last_sent_at,
        })
        .collect();
    invitations.sort_by_key(|i| i.status != InvitationStatus::Pending);
    Ok(Team {
        members,
        invitations,
    })
}

async fn send_invitation(
    state: &AppState,
    account_id: Uuid,
    email: &str,
    code: &str,
    inviter: &str,
) -> ApiResult<()> {
    let account = state
        .store
        .account(account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    state
        .store
        .send_mail(
            email,
            // The invitee may have no account yet: the inviter's language.
            &here(&format!("{inviter} invited you to {} on Steward", account.name)),
            &here(&format!(
                "{inviter} invited you to help manage {} on Steward.\n\n\
                 Sign in to the Steward console with this address, open Team, and enter the code:\n\n{code}\n\n\
                 The invitation expires in {INVITATION_DAYS} days.",
                account.name
            )),
            state.clock.now(),
        )
        .await?;
    Ok(())
}

/// Members and invitations.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/team", tag = "team", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = Team), (status = 403, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn get(State(state): State<AppState>, scope: AccountScope) -> ApiResult<Json<Team>> {
    Ok(Json(team(&state, scope.account_id).await?))
}

/// Invite someone by e-mail with a role; they get a code by mail.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/invitations", tag = "team", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account")),
    request_body = NewInvitation,
    responses(
        (status = 201, body = Team),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
    ))]
pub async fn invite(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    ApiJson(input): ApiJson<NewInvitation>,
) -> ApiResult<(StatusCode, Json<Team>)> {
    let email = validate::email("email", &input.email)
        .map_err(|e| ApiError::Validation(vec![e]))?
        .to_lowercase();
    let members = state.store.members(scope.account_id).await?;
    if members.iter().any(|m| m.email == email) {
        return Err(ApiError::Conflict(format!(
            "{email} is already a member; change their role instead."
        )));
    }
    let code = crypto::new_token(crypto::TokenKind::Invitation);
    let now = state.clock.now();
    let created = state
        .store
        .create_invitation(NewInvitationRow {
            account_id: scope.account_id,
            email: email.clone(),
            role: input.role,
            code_hash: crypto::token_hash(&code),
            invited_by: principal.user.display_name.clone(),
            now,
            expires_at: now + Duration::days(INVITATION_DAYS),
        })
        .await?;
    if created.is_none() {
        return Err(ApiError::Conflict(format!(
            "{email} has a pending invitation already; resend it instead."
        )));
    }
    send_invitation(
        &state,
        scope.account_id,
        &email,
        &code,
        &principal.user.display_name,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(team(&state, scope.account_id).await?),
    ))
}

/// Send a pending invitation again with a new code and a new expiry.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/invitations/{invitation_id}/resend", tag = "team", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("invitation_id" = Uuid, Path, description = "The invitation")),
    responses((status = 200, body = Team), (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn resend(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<Team>> {
    let row = state
        .store
        .invitation(scope.account_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let code = crypto::new_token(crypto::TokenKind::Invitation);
    let now = state.clock.now();
    if !state
        .store
        .renew_invitation(
            scope.account_id,
            id,
            &crypto::token_hash(&code),
            now,
            now + Duration::days(INVITATION_DAYS),
        )
        .await?
    {
        return Err(ApiError::Conflict(
            "This invitation was accepted or cancelled; invite again instead.".into(),
        ));
    }
    send_invitation(
        &state,
        scope.account_id,
        &row.email,
        &code,
        &principal.user.display_name,
    )
    .await?;
    Ok(Json(team(&state, scope.account_id).await?))
}

/// Cancel a pending invitation: its code stops working.
#[utoipa::path(delete, path = "/v1/accounts/{account_id}/invitations/{invitation_id}", tag = "team", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("invitation_id" = Uuid, Path, description = "The invitation")),
    responses((status = 200, body = Team), (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn cancel(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<Team>> {
    if !state
        .store
        .cancel_invitation(scope.account_id, id, state.clock.now())
        .await?
    {
        return Err(ApiError::NotFound);
    }
    Ok(Json(team(&state, scope.account_id).await?))
}

fn team_change(change: TeamChange) -> ApiResult<()> {
    match change {
        TeamChange::Done => Ok(()),
        TeamChange::NotFound => Err(ApiError::NotFound),
        TeamChange::LastOwner => Err(ApiError::Conflict(
            "An account needs at least one owner. Make someone else an owner first.".into(),
        )),
    }
}

/// Change a member's role. The last owner cannot stop being one.
#[utoipa::path(patch, path = "/v1/accounts/{account_id}/members/{user_id}", tag = "team", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("user_id" = Uuid, Path, description = "The member")),
    request_body = MemberUpdate,
    responses((status = 200, body = Team), (status = 409, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn set_role(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiPath((_, user_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<MemberUpdate>,
) -> ApiResult<Json<Team>> {
    team_change(
        state
            .store
            .set_member_role(scope.account_id, user_id, input.role)
            .await?,
    )?;
    Ok(Json(team(&state, scope.account_id).await?))
}

/// Remove a member. The last owner cannot be removed.
#[utoipa::path(delete, path = "/v1/accounts/{account_id}/members/{user_id}", tag = "team", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("user_id" = Uuid, Path, description = "The member")),
    responses((status = 200, body = Team), (status = 409, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn remove(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiPath((_, user_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<Team>> {
    team_change(state.store.remove_member(scope.account_id, user_id).await?)?;
    crate::staff::search::reindex(state.store.as_ref(), scope.account_id)
        .await
        .map_err(ApiError::Internal)?;
    Ok(Json(team(&state, scope.account_id).await?))
}

/// Accept an invitation with the code from its e-mail. The signed-in user's
/// e-mail must be the invited one.
#[utoipa::path(post, path = "/v1/invitations/accept", tag = "team", security(("bearer" = [])),
    request_body = InvitationAccept,
    responses((status = 200, body = Me), (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn accept(
    State(state): State<AppState>,
    principal: Principal,
    ApiJson(input): ApiJson<InvitationAccept>,
) -> ApiResult<Json<Me>> {
    let now = state.clock.now();
    let row = state
        .store
        .invitation_by_code(&crypto::token_hash(input.code.trim()))
        .await?
        // Someone else's invitation looks exactly like no invitation.
        .filter(|r| r.email == principal.user.email)
        .ok_or(ApiError::NotFound)?;
    if status(&row, now) != InvitationStatus::Pending {
        return Err(ApiError::Conflict(
            "This invitation is no longer valid. Ask for a new one.".into(),
        ));
    }
    if !state
        .store
        .accept_invitation(row.id, principal.user.id, now)
        .await?
    {
        return Err(ApiError::Conflict(
            "This invitation is no longer valid. Ask for a new one.".into(),
        ));
    }
    crate::staff::search::reindex(state.store.as_ref(), row.account_id)
        .await
        .map_err(ApiError::Internal)?;
    Ok(Json(super::me::me_of(&state, principal.user).await?))
}
