//! The pages behind the links in our e-mail: one-click unsubscribe
//! (RFC 8058: a POST to the link unsubscribes; a GET only shows a button,
//! because mail scanners follow links) and opt-in confirmation. Neither
//! needs signing in: the signed or single-use token is the credential.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use steward_types::comms::{Channel, PrefChange, PrefState, Purpose, ReceiptSource};
use steward_types::profile::{Actor, ActorKind};

use super::{links, Origin};
use crate::crypto;
use crate::html::{document, escape, html_response, words};
use crate::locale::{self, here};
use crate::state::AppState;
use crate::store::{CommsOutcome, CommsWrite, Mail};

const FORM_ACTION: &str = "'self'";

/// A page titled `title`, in the reader's language (`Accept-Language`).
fn page(status: StatusCode, title: &str, inner: &str) -> Response {
    let title = here(title);
    let body = format!(
        "<div class=\"brand\">Steward</div><h1>{}</h1>{inner}",
        escape(&title)
    );
    html_response(status, FORM_ACTION, document(&title, &body))
}

fn message(status: StatusCode, title: &str, text: &str) -> Response {
    page(status, title, &format!("<p>{}</p>", words(text)))
}

fn unavailable(e: &impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "e-mail link page: store unavailable");
    message(
        StatusCode::SERVICE_UNAVAILABLE,
        "Please try again",
        "Nothing was changed. Wait a moment, then reload this page.",
    )
}

async fn verified(
    state: &AppState,
    token: &str,
) -> Result<Option<(uuid::Uuid, Purpose)>, Response> {
    let key = links::key(state).await.map_err(|e| unavailable(&e))?;
    Ok(links::verify(&key, token))
}

/// The person a link was mailed to, acting through it without signing in.
fn recipient(user: &crate::store::User) -> Actor {
    Actor {
        user_id: Some(user.id),
        name: user.display_name.clone(),
        kind: ActorKind::Member,
    }
}

fn invalid_link() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "This link is not valid",
        "Check that you opened the whole link, or change your preferences under Communications in the Steward console.",
    )
}

/// The unsubscribe page: what the link does, and one button.
#[utoipa::path(get, path = "/unsubscribe/{token}", tag = "communications",
    params(("token" = String, Path, description = "Signed: one recipient, one purpose")),
    responses((status = 200, description = "A page with the unsubscribe button", content_type = "text/html"),
        (status = 404, description = "Not a valid link", content_type = "text/html")))]
pub async fn unsubscribe_show(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Response {
    match verified(&state, &token).await {
        Err(r) => r,
        Ok(None) => invalid_link(),
        Ok(Some((_, purpose))) => page(
            StatusCode::OK,
            "Unsubscribe",
            &format!(
                "<p>{}</p>\
                 <form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\
                 <button type=\"submit\">{}</button></form><small>{}</small>",
                words(&format!(
                    "Stop receiving {} by e-mail at this address. No sign-in needed.",
                    purpose.label()
                )),
                words("Unsubscribe"),
                words("You can change every choice later under Communications in the Steward console."),
            ),
        ),
    }
}

/// One-click unsubscribe (RFC 8058). Idempotent: a second click changes
/// nothing and leaves no second receipt.
#[utoipa::path(post, path = "/unsubscribe/{token}", tag = "communications",
    params(("token" = String, Path, description = "Signed: one recipient, one purpose")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`List-Unsubscribe=One-Click`"),
    responses((status = 200, description = "Unsubscribed", content_type = "text/html"),
        (status = 404, description = "Not a valid link", content_type = "text/html")))]
pub async fn unsubscribe_submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Response {
    let (user_id, purpose) = match verified(&state, &token).await {
        Err(r) => return r,
        Ok(None) => return invalid_link(),
        Ok(Some(v)) => v,
    };
    let user = match state.store.user_by_id(user_id).await {
        Ok(Some(u)) => u,
        Ok(None) => return invalid_link(),
        Err(e) => return unavailable(&e),
    };
    let origin = Origin {
        actor: recipient(&user),
        reason: None,
        source: ReceiptSource::UnsubscribeLink,
        now: state.clock.now(),
    };
    let done = super::apply(&state, user.id, &origin, |_| {
        vec![PrefChange {
            purpose,
            channel: Channel::Email,
            on: false,
        }]
    })
    .await;
    match done {
        Ok(_) => {
            tracing::info!(user_id = %user.id, purpose = purpose.as_str(), "unsubscribed by link");
            message(
                StatusCode::OK,
                "You are unsubscribed",
                &format!(
                    "You will no longer receive {} by e-mail. Other choices are under Communications in the Steward console.",
                    purpose.label()
                ),
            )
        }
        Err(e) => unavailable(&e),
    }
}

/// The opt-in confirmation page: one button (a GET changes nothing).
#[utoipa::path(get, path = "/communications/confirm/{token}", tag = "communications",
    params(("token" = String, Path, description = "Single use, from the confirmation e-mail")),
    responses((status = 200, description = "A page with the confirm button", content_type = "text/html"),
        (status = 404, description = "Not a valid link", content_type = "text/html"),
        (status = 410, description = "Used or expired", content_type = "text/html")))]
pub async fn confirm_show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match state.store.optin(&crypto::token_hash(&token)).await {
        Err(e) => unavailable(&e),
        Ok(None) => invalid_link(),
        Ok(Some(o)) if o.confirmed_at.is_some() => already_confirmed(),
        Ok(Some(o)) if o.expires_at <= state.clock.now() => expired(),
        Ok(Some(o)) => page(
            StatusCode::OK,
            "Confirm your subscription",
            &format!(
                "<p>{}</p><form method=\"post\"><button type=\"submit\">{}</button></form>",
                words(&format!(
                    "Receive {} by e-mail? Nothing is sent until you confirm.",
                    o.purpose.label()
                )),
                words("Confirm"),
            ),
        ),
    }
}

fn already_confirmed() -> Response {
    message(
        StatusCode::GONE,
        "Already confirmed",
        "This subscription was confirmed already.",
    )
}

fn expired() -> Response {
    message(
        StatusCode::GONE,
        "This link has expired",
        "Turn the subscription on again under Communications in the Steward console; we will send a new link.",
    )
}

/// Confirm a promotional e-mail opt-in (double opt-in). It counts only if
/// the cell is still pending: a later "off" wins over an old link.
#[utoipa::path(post, path = "/communications/confirm/{token}", tag = "communications",
    params(("token" = String, Path, description = "Single use, from the confirmation e-mail")),
    responses((status = 200, description = "Confirmed", content_type = "text/html"),
        (status = 404, description = "Not a valid link", content_type = "text/html"),
        (status = 410, description = "Used, expired, or turned off since", content_type = "text/html")))]
pub async fn confirm_submit(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let hash = crypto::token_hash(&token);
    let optin = match state.store.optin(&hash).await {
        Err(e) => return unavailable(&e),
        Ok(None) => return invalid_link(),
        Ok(Some(o)) => o,
    };
    let user = match state.store.user_by_id(optin.user_id).await {
        Ok(Some(u)) => u,
        Ok(None) => return invalid_link(),
        Err(e) => return unavailable(&e),
    };
    let now = state.clock.now();
    let origin = Origin {
        actor: recipient(&user),
        reason: None,
        source: ReceiptSource::OptInConfirmation,
        now,
    };
    let key = match links::key(&state).await {
        Ok(k) => k,
        Err(e) => return unavailable(&e),
    };
    let unsubscribe = state.url(&format!(
        "/unsubscribe/{}",
        links::token(&key, user.id, optin.purpose)
    ));
    for _ in 0..5 {
        let (cells, version) = match state.store.comm_prefs(user.id).await {
            Ok(v) => v,
            Err(e) => return unavailable(&e),
        };
        if super::current(&cells, optin.purpose, Channel::Email) != PrefState::Pending {
            return message(
                StatusCode::GONE,
                "Nothing to confirm",
                "This subscription was turned off since you asked for it, so nothing changed.",
            );
        }
        let outcome = state
            .store
            .write_comms(CommsWrite {
                user_id: user.id,
                expected_version: version,
                cells: vec![(optin.purpose, Channel::Email, PrefState::On)],
                receipts: vec![super::receipt(
                    &origin,
                    optin.purpose,
                    Channel::Email,
                    PrefState::Pending,
                    PrefState::On,
                )],
                new_optins: Vec::new(),
                confirm_optin: Some(hash.clone()),
                // Every promotional mail carries its one-click unsubscribe link.
                mail: vec![Mail {
                    to: user.email.clone(),
                    // The reader's own language, whatever the browser says.
                    subject: locale::word(
                        &format!("You are subscribed: {}", optin.purpose.label()),
                        user.language,
                    )
                    .into_owned(),
                    body: format!(
                        "{}\n{unsubscribe}\n\n\
                         List-Unsubscribe: <{unsubscribe}>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n",
                        locale::word(
                            "Thank you for confirming. To stop at any time, open this link (no sign-in needed):",
                            user.language,
                        )
                    ),
                }],
                now,
            })
            .await;
        match outcome {
            Ok(CommsOutcome::Written { .. }) => {
                return message(
                    StatusCode::OK,
                    "Subscription confirmed",
                    &format!("You will receive {} by e-mail.", optin.purpose.label()),
                )
            }
            Ok(CommsOutcome::OptInUnusable) => {
                return if optin.expires_at <= now {
                    expired()
                } else {
                    already_confirmed()
                }
            }
            Ok(CommsOutcome::Conflict) => continue,
            Err(e) => return unavailable(&e),
        }
    }
    message(
        StatusCode::SERVICE_UNAVAILABLE,
        "Please try again",
        "Your preferences are being changed elsewhere. Reload this page in a moment.",
    )
}
