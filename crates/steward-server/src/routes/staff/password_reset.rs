//! Staff start a password reset; the person finishes it (issue 6). Staff
//! never set or see a password: the link goes to the person's sign-in
//! address, and its page asks them for the new one. Using the link signs
//! out every session. The link is single-use and lives an hour.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chrono::Duration;
use steward_types::security::ActivityKind;
use steward_types::staff::{AuditAction, Justification, ResetLinkSent};
use steward_types::validate;
use uuid::Uuid;

use crate::crypto::{self, TokenKind};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::html::{document, escape, html_response, words};
use crate::locale::{self, here};
use crate::policy::Principal;
use crate::staff::{self, mask};
use crate::state::AppState;
use crate::store::NewActivity;

pub const LINK_TTL: Duration = Duration::hours(1);

/// Mail the member a link to choose a new password.
#[utoipa::path(post, path = "/v1/staff/customers/{account_id}/users/{user_id}/password-reset",
    tag = "staff", security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account"),
        ("user_id" = Uuid, Path, description = "The member")),
    request_body = Justification,
    responses((status = 200, body = ResetLinkSent)))]
pub async fn start(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((account_id, user_id)): Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<Justification>,
) -> ApiResult<Json<ResetLinkSent>> {
    let why = body.validate().map_err(ApiError::Validation)?;
    let card = staff::customer(&state, account_id).await?;
    staff::may_touch(&state, &who, &card).await?;
    let member = super::acting::member(&state, account_id, user_id).await?;
    let now = state.clock.now();
    let token = crypto::new_token(TokenKind::PasswordReset);
    let expires_at = now + LINK_TTL;
    crate::audit::record(
        &state,
        &who,
        Some(peer),
        Some(account_id),
        AuditAction::PasswordResetStarted,
        format!("a password reset link to {}", member.display_name),
        Some(&why),
    )
    .await?;
    state
        .store
        .put_password_reset(&crypto::token_hash(&token), user_id, now, expires_at)
        .await?;
    let link = state.url(&format!("/password-reset/{token}"));
    let language = locale::language_of(&state, user_id).await?;
    state
        .store
        .send_mail(
            &member.email,
            &locale::word("Choose a new Steward password", language),
            &locale::word(
                &format!(
                    "Steward support sent you this link because you asked them to reset your \
                     password.\n\nChoose a new password here (the link works once, for one hour):\n\
                     {link}\n\nIf you did not ask for this, ignore this message: your password \
                     stays as it is. Nobody at Steward will ever ask you for your password."
                ),
                language,
            ),
            now,
        )
        .await?;
    Ok(Json(ResetLinkSent {
        sent_to: mask::email(&member.email),
        expires_at,
    }))
}

/// A page in the reader's language (`Accept-Language`, see `locale`).
fn page(status: StatusCode, title: &str, inner: &str) -> Response {
    let title = here(title);
    let body = format!(
        "<div class=\"brand\">Steward</div><h1>{}</h1>{inner}",
        escape(&title)
    );
    html_response(status, "'self'", document(&title, &body))
}

/// A paragraph of words, escaped.
fn para(text: &str) -> String {
    format!("<p>{}</p>", words(text))
}

fn invalid() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "This link is not valid",
        &para(
            "It was used already, or it expired. Ask whoever sent it for a new one, \
             or change your password under Security in the Steward console.",
        ),
    )
}

fn form(error: Option<&str>) -> String {
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", words(e)))
        .unwrap_or_default();
    format!(
        "{error}<form method=\"post\">{intro}\
         <label for=\"password\">{new}</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"12\" autofocus>\
         <label for=\"confirm\">{again}</label>\
         <input id=\"confirm\" name=\"confirm\" type=\"password\" autocomplete=\"new-password\" required minlength=\"12\">\
         <button type=\"submit\">{set}</button></form>",
        intro = para(
            "Choose a new password: at least 12 characters. A few unrelated words make a good one."
        ),
        new = words("New password"),
        again = words("The same again"),
        set = words("Set the password"),
    )
}

/// The page behind the link: the form for the new password.
#[utoipa::path(get, path = "/password-reset/{token}", tag = "security",
    params(("token" = String, Path, description = "The single-use link")),
    responses((status = 200, description = "The form", content_type = "text/html"),
        (status = 404, description = "Used, expired or unknown", content_type = "text/html")))]
pub async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match state
        .store
        .password_reset_user(&crypto::token_hash(&token), state.clock.now())
        .await
    {
        Ok(Some(_)) => page(StatusCode::OK, "Choose a new password", &form(None)),
        Ok(None) => invalid(),
        Err(e) => unavailable(&e),
    }
}

fn unavailable(e: &impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "password reset page: store unavailable");
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Please try again",
        &para("Nothing was changed. Wait a moment, then reload this page."),
    )
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct ResetForm {
    password: String,
    confirm: String,
}

/// Set the password: the rules as everywhere, then every session signs out.
#[utoipa::path(post, path = "/password-reset/{token}", tag = "security",
    params(("token" = String, Path, description = "The single-use link")),
    request_body(content = ResetForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, description = "Changed", content_type = "text/html"),
        (status = 404, description = "Used, expired or unknown", content_type = "text/html"),
        (status = 422, description = "The password breaks a rule", content_type = "text/html")))]
pub async fn submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    crate::extract::ApiForm(input): crate::extract::ApiForm<ResetForm>,
) -> Response {
    let hash = crypto::token_hash(&token);
    let now = state.clock.now();
    let user = match state.store.password_reset_user(&hash, now).await {
        Ok(Some(id)) => match state.store.user_by_id(id).await {
            Ok(Some(u)) => u,
            Ok(None) => return invalid(),
            Err(e) => return unavailable(&e),
        },
        Ok(None) => return invalid(),
        Err(e) => return unavailable(&e),
    };
    let mut errors = validate::new_password(&input.password, &user.email, &user.display_name);
    if input.password != input.confirm {
        errors.push(steward_types::problem::FieldError::new(
            "confirm",
            "mismatch",
            "The two passwords are not the same.",
        ));
    }
    if let Some(e) = errors.first() {
        return page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose a new password",
            &form(Some(&e.message)),
        );
    }
    let password = input.password;
    let new_hash = match crate::hasher::hash_password(password).await {
        Ok(h) => h,
        Err(e) => return unavailable(&e),
    };
    match state.store.use_password_reset(&hash, &new_hash, now).await {
        Ok(Some(user_id)) => {
            let signed_out = state
                .store
                .revoke_other_sessions(user_id, None, "password_reset", now)
                .await
                .unwrap_or_default();
            let _ = state
                .store
                .record_activity(NewActivity {
                    user_id,
                    kind: ActivityKind::PasswordChanged,
                    at: now,
                    ip_address: None,
                    user_agent: None,
                    detail: Some(format!(
                        "with a single-use link; {signed_out} session(s) signed out"
                    )),
                })
                .await;
            tracing::info!(user = %user_id, "password reset with a link");
            page(
                StatusCode::OK,
                "Your password is changed",
                &para(
                    "Sign in with it in the Steward console. Every session that was signed in \
                     has been signed out.",
                ),
            )
        }
        Ok(None) => invalid(),
        Err(e) => unavailable(&e),
    }
}
