//! Staff accounts (administrators): the list, changes of role, pseudonym
//! and status, and adding a member. Nobody but the member ever knows their
//! password: a new member gets a single-use link to choose it, and turns on
//! two-factor at their first sign-in (staff routes refuse them until then).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Duration;
use steward_types::problem::FieldError;
use steward_types::staff::AuditAction;
use steward_types::staff_members::{
    self, NewStaffMember, StaffInvited, StaffList, StaffMember, StaffMemberUpdate,
};
use steward_types::UserRole;
use uuid::Uuid;

use crate::audit;
use crate::crypto::{self, TokenKind};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::locale::here;
use crate::policy::Principal;
use crate::staff::mask;
use crate::state::AppState;
use crate::store::{NewUser, StaffRow};

/// A new member may not read their mail at once: the link lives three days.
pub const INVITE_TTL: Duration = Duration::days(3);

const PROBLEM: &str = "application/problem+json";

pub(crate) fn member_view(r: StaffRow) -> StaffMember {
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
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<StaffList>> {
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
pub async fn update(
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
    // `Some(None)` clears it.
    let pseudonym = body
        .pseudonym
        .as_deref()
        .map(|p| staff_members::pseudonym("pseudonym", p, &mut errors));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let now = state.clock.now();
    state
        .store
        .update_staff(
            user_id,
            body.role.map(UserRole::as_str),
            pseudonym.as_ref().map(Option::as_deref),
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

/// Add a staff member. Their link to choose a password goes to their
/// address; the answer says where (masked) and until when.
#[utoipa::path(post, path = "/v1/staff/members", tag = "staff",
    security(("bearer" = [])),
    request_body = NewStaffMember,
    responses((status = 201, body = StaffInvited),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn add(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<NewStaffMember>,
) -> ApiResult<(StatusCode, Json<StaffInvited>)> {
    let input = body.validate().map_err(ApiError::Validation)?;
    let taken = || {
        ApiError::Validation(vec![FieldError::new(
            "email",
            "taken",
            "Someone already signs in with this address. To make an existing staff member an \
             administrator, change their role instead.",
        )])
    };
    if state.store.user_by_email(&input.email).await?.is_some() {
        return Err(taken());
    }
    // A password nobody knows, so the account cannot be signed in to until
    // the member chooses one with the link.
    let unknown = crypto::new_token(TokenKind::PasswordReset);
    let password_hash = crate::hasher::hash_password(unknown).await?;
    let now = state.clock.now();
    let user = match state
        .store
        .create_user(
            NewUser {
                email: input.email.clone(),
                display_name: input.name.clone(),
                password_hash,
                roles: vec![input.role],
            },
            now,
        )
        .await
    {
        Ok(u) => u,
        // Another administrator added the same address a moment ago.
        Err(e)
            if e.as_database_error()
                .is_some_and(|d| d.is_unique_violation()) =>
        {
            return Err(taken())
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(p) = &input.pseudonym {
        state
            .store
            .update_staff(user.id, None, Some(Some(p)), None, false)
            .await?;
    }
    audit::record(
        &state,
        &who,
        Some(peer),
        None,
        AuditAction::StaffChanged,
        format!("added {} as {}", input.name, input.role.as_str()),
        None,
    )
    .await?;
    let token = crypto::new_token(TokenKind::PasswordReset);
    let expires_at = now + INVITE_TTL;
    state
        .store
        .put_password_reset(&crypto::token_hash(&token), user.id, now, expires_at)
        .await?;
    let link = state.url(&format!("/password-reset/{token}"));
    let role = match input.role {
        UserRole::Admin => "an administrator",
        _ => "a support agent",
    };
    state
        .store
        .send_mail(
            &input.email,
            // A new person has no language of their own yet: the admin's.
            &here("Your Steward staff account"),
            &here(&format!(
                "{} added you to Steward as {role}.\n\n1. Choose your password here (the link \
                 works once, for three days):\n{link}\n\n2. Sign in to the Steward console with \
                 this address and that password.\n\n3. Turn on two-factor sign-in when the \
                 console asks: staff tools open only after that.\n\nIf you did not expect this, \
                 ignore this message.",
                who.user.display_name
            )),
            now,
        )
        .await?;
    tracing::info!(user = %user.id, role = input.role.as_str(), "staff member added");
    let member = state
        .store
        .staff_member(user.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((
        StatusCode::CREATED,
        Json(StaffInvited {
            member: member_view(member),
            link_sent_to: mask::email(&input.email),
            link_expires_at: expires_at,
        }),
    ))
}
