//! `/v1/me/...`: the signed-in user's own security (PR-13): overview,
//! two-factor sign-in, password, sign-in e-mail, and the demo outbox.
//! Sessions and activity are in `sessions.rs`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Duration;
use steward_types::security::{
    ActivityKind, EmailChange, EmailConfirm, OutboxMessage, PasswordChange, PendingEmailChange,
    RecoveryCodes, SecurityOverview, TotpConfirm, TotpDisable, TotpEnrolment, TwoFactorStatus,
};
use steward_types::validate;

use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::locale::here;
use crate::policy::Principal;
use crate::state::AppState;
use crate::store::NewActivity;
use crate::{throttle, totp};

const PROBLEM: &str = "application/problem+json";
const EMAIL_CODE_TTL_MINUTES: i64 = 30;
const EMAIL_CODE_ATTEMPTS: i64 = 5;
const RECOVERY_CODES: usize = 10;

pub(crate) async fn note_activity(
    state: &AppState,
    principal: &Principal,
    kind: ActivityKind,
    detail: &str,
) -> ApiResult<()> {
    state
        .store
        .record_activity(NewActivity {
            user_id: principal.user.id,
            kind,
            at: state.clock.now(),
            ip_address: None,
            user_agent: None,
            detail: Some(detail.to_string()),
        })
        .await?;
    Ok(())
}

/// ASVS 2.1.6: changing the password or the sign-in e-mail needs the current
/// password, so a stolen session alone cannot take the account. Wrong
/// answers count against the same throttle as the sign-in page.
async fn check_current_password(
    state: &AppState,
    principal: &Principal,
    password: &str,
) -> ApiResult<()> {
    let account_key = throttle::account_key(&principal.user.email);
    let session_key = format!("session:{}", principal.session_id);
    throttle::check(state, &account_key, &session_key).await?;
    let stored = state
        .store
        .credentials(&principal.user.email)
        .await?
        .map(|c| c.password_hash);
    let password = password.to_string();
    let ok = crate::hasher::verify_password(password, stored).await;
    if ok {
        return Ok(());
    }
    throttle::record_failure(state, &account_key, &session_key).await?;
    Err(ApiError::field(
        "current_password",
        "incorrect",
        "That is not your current password.",
    ))
}

async fn overview(state: &AppState, principal: &Principal) -> ApiResult<SecurityOverview> {
    let user = state
        .store
        .user_by_id(principal.user.id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let totp = state.store.totp(user.id).await?;
    let enabled_at = totp.and_then(|t| t.confirmed_at);
    let pending_email = state
        .store
        .email_change(user.id)
        .await?
        .filter(|p| p.expires_at > state.clock.now())
        .map(|p| PendingEmailChange {
            new_email: p.new_email,
            expires_at: p.expires_at,
        });
    let window = Duration::seconds(i64::try_from(state.config.step_up_window_secs).unwrap_or(600));
    Ok(SecurityOverview {
        email: user.email,
        pending_email,
        two_factor: TwoFactorStatus {
            enabled: enabled_at.is_some(),
            enabled_at,
            recovery_codes_left: if enabled_at.is_some() {
                state.store.recovery_codes_left(user.id).await?
            } else {
                0
            },
        },
        password_changed_at: state.store.password_changed_at(user.id).await?,
        signed_in_at: principal.signed_in_at,
        step_up_until: principal.signed_in_at + window,
    })
}

/// Two-factor status, sign-in e-mail, password age and the step-up window.
#[utoipa::path(get, path = "/v1/me/security", tag = "security", security(("bearer" = [])),
    responses((status = 200, body = SecurityOverview)))]
pub async fn get(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<SecurityOverview>> {
    Ok(Json(overview(&state, &principal).await?))
}

/// Start two-factor enrolment: a new secret, shown once. Needs a recent sign-in.
#[utoipa::path(post, path = "/v1/me/two-factor", tag = "security", security(("bearer" = [])),
    responses(
        (status = 201, body = TotpEnrolment),
        (status = 403, body = steward_types::Problem, content_type = PROBLEM),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM),
    ))]
pub async fn enrol(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<(StatusCode, Json<TotpEnrolment>)> {
    principal.require_recent_sign_in(&state)?;
    let secret = totp::base32_encode(&totp::new_secret());
    if !state
        .store
        .put_totp_pending(
            principal.user.id,
            &state
                .seal
                .seal(principal.user.id, &secret)
                .map_err(ApiError::Internal)?,
            state.clock.now(),
        )
        .await?
    {
        return Err(ApiError::Conflict(
            "Two-factor sign-in is already on. Turn it off first to enrol a new authenticator."
                .into(),
        ));
    }
    Ok((
        StatusCode::CREATED,
        Json(TotpEnrolment {
            otpauth_uri: totp::otpauth_uri("Steward", &principal.user.email, &secret),
            secret: totp::grouped(&secret),
            qr_svg: None,
        }),
    ))
}

fn new_recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| crypto::short_code()).collect();
    let hashes = codes
        .iter()
        .map(|c| crypto::token_hash(&crypto::normalise_short_code(c)))
        .collect();
    (codes, hashes)
}

/// Confirm enrolment with a code from the app; returns recovery codes, once.
#[utoipa::path(post, path = "/v1/me/two-factor/confirm", tag = "security", security(("bearer" = [])),
    request_body = TotpConfirm,
    responses(
        (status = 200, body = RecoveryCodes),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
    ))]
pub async fn confirm(
    State(state): State<AppState>,
    principal: Principal,
    ApiJson(input): ApiJson<TotpConfirm>,
) -> ApiResult<Json<RecoveryCodes>> {
    principal.require_recent_sign_in(&state)?;
    let pending = state
        .store
        .totp(principal.user.id)
        .await?
        .filter(|t| t.confirmed_at.is_none())
        .ok_or_else(|| {
            ApiError::Conflict("Start enrolment first: there is no pending authenticator.".into())
        })?;
    let seed = state
        .seal
        .open(principal.user.id, &pending.secret)
        .map_err(ApiError::Internal)?;
    let secret = totp::base32_decode(&seed)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("stored TOTP secret is not base32")))?;
    let now = state.clock.now();
    let step = totp::matching_step(&secret, &input.code, now.timestamp()).ok_or_else(|| {
        ApiError::field(
            "code",
            "totp",
            "That code is not right. Enter the 6-digit code your authenticator app shows now.",
        )
    })?;
    let (codes, hashes) = new_recovery_codes();
    if !state
        .store
        .confirm_totp(principal.user.id, step, &hashes, now)
        .await?
    {
        return Err(ApiError::field(
            "code",
            "totp",
            "That code was used already. Wait for the next one.",
        ));
    }
    note_activity(
        &state,
        &principal,
        ActivityKind::TwoFactorEnabled,
        "authenticator app",
    )
    .await?;
    Ok(Json(RecoveryCodes { codes }))
}

/// Turn two-factor sign-in off. Needs a recent sign-in and a current code
/// (or a recovery code), so a session alone cannot weaken the account.
#[utoipa::path(post, path = "/v1/me/two-factor/disable", tag = "security", security(("bearer" = [])),
    request_body = TotpDisable,
    responses(
        (status = 200, body = SecurityOverview),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
    ))]
pub async fn disable(
    State(state): State<AppState>,
    principal: Principal,
    ApiJson(input): ApiJson<TotpDisable>,
) -> ApiResult<Json<SecurityOverview>> {
    principal.require_recent_sign_in(&state)?;
    crate::oauth::authorize::second_factor(
        &state,
        principal.user.id,
        Some(&input.code),
        "code",
        "used to turn off two-factor sign-in",
    )
    .await?;
    let was_on = state
        .store
        .totp(principal.user.id)
        .await?
        .is_some_and(|t| t.confirmed_at.is_some());
    state.store.delete_totp(principal.user.id).await?;
    if was_on {
        note_activity(
            &state,
            &principal,
            ActivityKind::TwoFactorDisabled,
            "turned off in the console",
        )
        .await?;
    }
    Ok(Json(overview(&state, &principal).await?))
}

/// New recovery codes; the old ones stop working. Needs a recent sign-in.
#[utoipa::path(post, path = "/v1/me/two-factor/recovery-codes", tag = "security", security(("bearer" = [])),
    responses((status = 200, body = RecoveryCodes)))]
pub async fn regenerate(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<RecoveryCodes>> {
    principal.require_recent_sign_in(&state)?;
    let on = state
        .store
        .totp(principal.user.id)
        .await?
        .is_some_and(|t| t.confirmed_at.is_some());
    if !on {
        return Err(ApiError::Conflict(
            "Turn on two-factor sign-in first.".into(),
        ));
    }
    let (codes, hashes) = new_recovery_codes();
    state
        .store
        .replace_recovery_codes(principal.user.id, &hashes)
        .await?;
    Ok(Json(RecoveryCodes { codes }))
}

/// Change the password (ASVS V2.1 rules). Signs out every other session.
#[utoipa::path(post, path = "/v1/me/password", tag = "security", security(("bearer" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; other sessions are signed out"),
        (status = 403, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    principal: Principal,
    ApiJson(input): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    principal.require_recent_sign_in(&state)?;
    check_current_password(&state, &principal, &input.current_password).await?;
    let errors = validate::new_password(
        &input.new_password,
        &principal.user.email,
        &principal.user.display_name,
    );
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let password = input.new_password;
    let hash = crate::hasher::hash_password(password).await?;
    let now = state.clock.now();
    state
        .store
        .set_password(principal.user.id, &hash, now)
        .await?;
    let revoked = state
        .store
        .revoke_other_sessions(
            principal.user.id,
            Some(principal.session_id),
            "password_changed",
            now,
        )
        .await?;
    note_activity(
        &state,
        &principal,
        ActivityKind::PasswordChanged,
        &format!("{revoked} other session(s) signed out"),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Start changing the sign-in e-mail: a code goes to the new address, and the
/// change takes effect only when it comes back. Needs a recent sign-in.
#[utoipa::path(post, path = "/v1/me/email", tag = "security", security(("bearer" = [])),
    request_body = EmailChange,
    responses(
        (status = 202, body = SecurityOverview),
        (status = 409, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
    ))]
pub async fn change_email(
    State(state): State<AppState>,
    principal: Principal,
    ApiJson(input): ApiJson<EmailChange>,
) -> ApiResult<(StatusCode, Json<SecurityOverview>)> {
    principal.require_recent_sign_in(&state)?;
    check_current_password(&state, &principal, &input.current_password).await?;
    let new_email = validate::email("new_email", &input.new_email)
        .map_err(|e| ApiError::Validation(vec![e]))?
        .to_lowercase();
    if new_email == principal.user.email {
        return Err(ApiError::field(
            "new_email",
            "unchanged",
            "This is already your sign-in e-mail.",
        ));
    }
    if state.store.user_by_email(&new_email).await?.is_some() {
        // Says no more than the sign-in page would: the address is taken.
        return Err(ApiError::Conflict(
            "That address is already used to sign in to another account.".into(),
        ));
    }
    let code = crypto::short_code();
    let now = state.clock.now();
    state
        .store
        .put_email_change(
            principal.user.id,
            &new_email,
            &crypto::token_hash(&crypto::normalise_short_code(&code)),
            now,
            now + Duration::minutes(EMAIL_CODE_TTL_MINUTES),
        )
        .await?;
    state
        .store
        .send_mail(
            &new_email,
            // Both mails go to the caller, in the caller's language.
            &here("Confirm your new Steward sign-in e-mail"),
            &here(&format!(
                "Someone (hopefully you) asked to use this address to sign in to Steward.\n\n\
                 Your confirmation code: {code}\n\nIt expires in {EMAIL_CODE_TTL_MINUTES} minutes. \
                 If this was not you, ignore this message: nothing changes."
            )),
            now,
        )
        .await?;
    state
        .store
        .send_mail(
            &principal.user.email,
            &here("Your Steward sign-in e-mail is about to change"),
            &here(&format!("A change of your sign-in e-mail to {new_email} was requested. If this was not you, sign in and change your password.")),
            now,
        )
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(overview(&state, &principal).await?),
    ))
}

/// Finish the change with the code from the new address.
#[utoipa::path(post, path = "/v1/me/email/confirm", tag = "security", security(("bearer" = [])),
    request_body = EmailConfirm,
    responses(
        (status = 200, body = SecurityOverview),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
    ))]
pub async fn confirm_email(
    State(state): State<AppState>,
    principal: Principal,
    ApiJson(input): ApiJson<EmailConfirm>,
) -> ApiResult<Json<SecurityOverview>> {
    let now = state.clock.now();
    let pending = state
        .store
        .email_change(principal.user.id)
        .await?
        .filter(|p| p.expires_at > now)
        .ok_or_else(|| {
            ApiError::field(
                "code",
                "email_code",
                "There is no pending change, or it expired. Start again.",
            )
        })?;
    // Spend an attempt before comparing: parallel guesses cannot pass the limit.
    if !state
        .store
        .spend_email_attempt(principal.user.id, EMAIL_CODE_ATTEMPTS)
        .await?
    {
        state.store.drop_email_change(principal.user.id).await?;
        return Err(ApiError::field(
            "code",
            "email_code",
            "Too many wrong codes. Start the change again.",
        ));
    }
    let presented = crypto::token_hash(&crypto::normalise_short_code(&input.code));
    if !crypto::constant_time_eq(presented.as_bytes(), pending.code_hash.as_bytes()) {
        return Err(ApiError::field(
            "code",
            "email_code",
            "That code is not right. Check the latest message sent to the new address.",
        ));
    }
    if !state
        .store
        .apply_email_change(principal.user.id, &pending.new_email)
        .await?
    {
        state.store.drop_email_change(principal.user.id).await?;
        return Err(ApiError::Conflict(
            "That address is already used to sign in to another account.".into(),
        ));
    }
    note_activity(
        &state,
        &principal,
        ActivityKind::EmailChanged,
        &format!("to {}", pending.new_email),
    )
    .await?;
    // Staff find people by their sign-in address: every account they belong to.
    for a in state.store.accounts_of(principal.user.id).await? {
        crate::staff::search::reindex(state.store.as_ref(), a.account_id)
            .await
            .map_err(ApiError::Internal)?;
    }
    Ok(Json(overview(&state, &principal).await?))
}

/// Drop a pending e-mail change.
#[utoipa::path(delete, path = "/v1/me/email/pending", tag = "security", security(("bearer" = [])),
    responses((status = 200, body = SecurityOverview)))]
pub async fn cancel_email(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<SecurityOverview>> {
    state.store.drop_email_change(principal.user.id).await?;
    Ok(Json(overview(&state, &principal).await?))
}

/// The demo's and tests' mailbox: messages to the caller's address and to
/// their pending new address. 404 unless the server runs with
/// `outbox_readable` (a real deployment relays mail instead).
#[utoipa::path(get, path = "/v1/me/outbox", tag = "security", security(("bearer" = [])),
    responses((status = 200, body = Vec<OutboxMessage>), (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn outbox(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<OutboxMessage>>> {
    if !state.config.outbox_readable {
        return Err(ApiError::NotFound);
    }
    let pending = state
        .store
        .email_change(principal.user.id)
        .await?
        .map(|p| p.new_email)
        .unwrap_or_else(|| principal.user.email.clone());
    Ok(Json(
        state
            .store
            .mail_for(&principal.user.email, &pending, 50)
            .await?,
    ))
}
