//! `/oauth/authorize`: GET renders the sign-in page, POST checks the
//! credentials and redirects to the client's loopback listener with a code.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use serde::Deserialize;
use url::Url;
use utoipa::{IntoParams, ToSchema};

use super::{clients, page, SCOPE};
use crate::crypto::{self, TokenKind};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{NewActivity, NewAuthCode};
use crate::throttle;
use steward_types::security::ActivityKind;

/// The authorization request (RFC 6749 section 4.1.1, RFC 7636 section 4.3).
#[derive(Debug, Default, Clone, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct AuthorizeParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    /// Must be `S256`; `plain` is refused.
    pub code_challenge_method: Option<String>,
    pub scope: Option<String>,
}

/// The sign-in form post: the request parameters plus the credentials.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SignInForm {
    #[serde(flatten)]
    pub params: AuthorizeParams,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
    /// Two-factor sign-in: a TOTP code or a recovery code. Required once the
    /// user has turned two-factor on; the page asks for it then.
    pub otp: Option<String>,
}

/// A request that passed validation.
#[derive(Debug)]
struct Valid {
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    code_challenge: String,
}

enum Invalid {
    /// Client or redirect URI untrusted: never redirect (RFC 6749 4.1.2.1).
    Page(&'static str),
    /// Tell the client through its redirect URI.
    Redirect {
        redirect_uri: String,
        state: Option<String>,
        error: &'static str,
        description: &'static str,
    },
}

fn validate(p: &AuthorizeParams) -> Result<Valid, Invalid> {
    let client = p
        .client_id
        .as_deref()
        .and_then(clients::find)
        .ok_or(Invalid::Page(
            "This application is not registered with Steward.",
        ))?;
    let redirect_uri = p
        .redirect_uri
        .clone()
        .filter(|r| client.allows_redirect(r))
        .ok_or(Invalid::Page(
            "The sign-in request has an unregistered return address.",
        ))?;
    let fail = |error, description| Invalid::Redirect {
        redirect_uri: redirect_uri.clone(),
        state: p.state.clone(),
        error,
        description,
    };
    if p.response_type.as_deref() != Some("code") {
        return Err(fail(
            "unsupported_response_type",
            "only response_type=code is supported",
        ));
    }
    let challenge = p
        .code_challenge
        .clone()
        .ok_or_else(|| fail("invalid_request", "PKCE is required: send code_challenge"))?;
    if p.code_challenge_method.as_deref() != Some("S256") {
        return Err(fail(
            "invalid_request",
            "code_challenge_method must be S256",
        ));
    }
    if !crypto::is_valid_s256_challenge(&challenge) {
        return Err(fail(
            "invalid_request",
            "code_challenge is not a base64url SHA-256",
        ));
    }
    match p.scope.as_deref() {
        None | Some("") | Some(SCOPE) => {}
        Some(_) => return Err(fail("invalid_scope", "the only scope is `account`")),
    }
    Ok(Valid {
        client_id: client.id.to_string(),
        redirect_uri,
        state: p.state.clone(),
        code_challenge: challenge,
    })
}

fn redirect(target: &str, pairs: &[(&str, &str)]) -> Response {
    let mut url = match Url::parse(target) {
        Ok(u) => u,
        Err(_) => {
            return page::error(
                StatusCode::BAD_REQUEST,
                "Sign-in failed",
                "Bad return address.",
            )
        }
    };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in pairs {
            q.append_pair(k, v);
        }
    }
    let mut resp = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(url.as_str()) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn invalid_response(invalid: Invalid) -> Response {
    match invalid {
        Invalid::Page(msg) => page::error(StatusCode::BAD_REQUEST, "Sign-in request refused", msg),
        Invalid::Redirect {
            redirect_uri,
            state,
            error,
            description,
        } => {
            let mut pairs = vec![("error", error), ("error_description", description)];
            if let Some(s) = state.as_deref() {
                pairs.push(("state", s));
            }
            redirect(&redirect_uri, &pairs)
        }
    }
}

fn hidden(v: &Valid) -> Vec<(&'static str, String)> {
    let mut h = vec![
        ("response_type", "code".to_string()),
        ("client_id", v.client_id.clone()),
        ("redirect_uri", v.redirect_uri.clone()),
        ("code_challenge", v.code_challenge.clone()),
        ("code_challenge_method", "S256".to_string()),
        ("scope", SCOPE.to_string()),
    ];
    if let Some(s) = &v.state {
        h.push(("state", s.clone()));
    }
    h
}

fn render(status: StatusCode, v: &Valid, email: &str, error: Option<&str>) -> Response {
    render_page(status, v, email, error, false)
}

fn render_page(
    status: StatusCode,
    v: &Valid,
    email: &str,
    error: Option<&str>,
    ask_otp: bool,
) -> Response {
    let h = hidden(v);
    let pairs: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
    page::sign_in(status, &pairs, email, error, ask_otp)
}

/// Show the sign-in page.
#[utoipa::path(
    get,
    path = "/oauth/authorize",
    tag = "oauth",
    params(AuthorizeParams),
    responses(
        (status = 200, description = "The sign-in page", content_type = "text/html"),
        (status = 303, description = "Error redirect to the client (RFC 6749 section 4.1.2.1)"),
        (status = 400, description = "Unknown client or redirect URI", content_type = "text/html"),
    )
)]
pub async fn show(Query(params): Query<AuthorizeParams>) -> Response {
    match validate(&params) {
        Ok(valid) => render(StatusCode::OK, &valid, "", None),
        Err(invalid) => invalid_response(invalid),
    }
}

/// Check the credentials and redirect with an authorization code.
#[utoipa::path(
    post,
    path = "/oauth/authorize",
    tag = "oauth",
    request_body(content = SignInForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Redirect to the client with `code` and `state`"),
        (status = 400, description = "Unknown client or redirect URI: the page explains; a form that cannot be read: a problem",
            content((String = "text/html"), (steward_types::Problem = "application/problem+json"))),
        (status = 401, description = "Wrong e-mail or password: the page again", content_type = "text/html"),
        (status = 429, description = "Too many failed attempts", content_type = "text/html"),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    crate::extract::ApiForm(form): crate::extract::ApiForm<SignInForm>,
) -> Response {
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(300).collect::<String>());
    let valid = match validate(&form.params) {
        Ok(v) => v,
        Err(invalid) => return invalid_response(invalid),
    };
    match sign_in(&state, peer, user_agent, &valid, &form).await {
        Ok(code) => {
            let mut pairs = vec![("code", code.as_str())];
            if let Some(s) = valid.state.as_deref() {
                pairs.push(("state", s));
            }
            redirect(&valid.redirect_uri, &pairs)
        }
        Err(ApiError::Unauthorized) => render(
            StatusCode::UNAUTHORIZED,
            &valid,
            &form.username,
            Some("The e-mail address or password is incorrect."),
        ),
        Err(ApiError::Validation(errors)) => {
            let message = errors
                .first()
                .map(|e| e.message.clone())
                .unwrap_or_else(|| "Enter your authentication code.".into());
            render_page(
                StatusCode::UNAUTHORIZED,
                &valid,
                &form.username,
                Some(&message),
                true,
            )
        }
        Err(ApiError::RateLimited { retry_after }) => {
            let minutes = retry_after.div_ceil(60);
            let mut resp = render(
                StatusCode::TOO_MANY_REQUESTS,
                &valid,
                &form.username,
                Some(&if minutes == 1 {
                    "Too many failed attempts. Try again in a minute.".to_string()
                } else {
                    format!("Too many failed attempts. Try again in {minutes} minutes.")
                }),
            );
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            resp
        }
        Err(other) => {
            let status = other.status();
            tracing::error!(error = ?other, "sign-in failed");
            page::error(
                status,
                "Sign-in is unavailable",
                "Please try again in a moment.",
            )
        }
    }
}

/// Verify credentials and mint a code. `Unauthorized` covers unknown users,
/// wrong passwords and disabled users alike, with the same cost.
async fn sign_in(
    state: &AppState,
    peer: SocketAddr,
    user_agent: Option<String>,
    v: &Valid,
    form: &SignInForm,
) -> Result<String, ApiError> {
    let email = form.username.trim().to_lowercase();
    let account_key = throttle::account_key(&email);
    let address_key = throttle::address_key(peer.ip());
    throttle::check(state, &account_key, &address_key).await?;

    let creds = state.store.credentials(&email).await?;
    let password = form.password.clone();
    let stored = creds.as_ref().map(|c| c.password_hash.clone());
    let verified = crate::hasher::verify_password(password, stored).await;
    let activity = |kind: ActivityKind, user_id: uuid::Uuid, detail: &str| NewActivity {
        user_id,
        kind,
        at: state.clock.now(),
        ip_address: Some(peer.ip().to_string()),
        user_agent: user_agent.clone(),
        detail: Some(detail.to_string()),
    };
    let user = match creds {
        Some(c) if verified && !c.disabled => c,
        other => {
            throttle::record_failure(state, &account_key, &address_key).await?;
            if let Some(c) = other {
                // PR-13: the account holder sees failed attempts on their account.
                // Written off the response path: an unknown address writes no
                // such row, and the answer must not take longer for a known one.
                let event = activity(
                    ActivityKind::SignInFailed,
                    c.user_id,
                    if c.disabled {
                        "account disabled"
                    } else {
                        "wrong password"
                    },
                );
                let store = state.store.clone();
                tokio::spawn(async move {
                    if let Err(e) = store.record_activity(event).await {
                        tracing::warn!(error = %e, "could not record a failed sign-in");
                    }
                });
            }
            tracing::info!(peer = %peer.ip(), "sign-in failed");
            return Err(ApiError::Unauthorized);
        }
    };
    if let Err(e) = second_factor(
        state,
        user.user_id,
        form.otp.as_deref(),
        "otp",
        "used to sign in",
    )
    .await
    {
        if let ApiError::Validation(errors) = &e {
            if errors.iter().any(|f| f.rule != "required") {
                throttle::record_failure(state, &account_key, &address_key).await?;
                state
                    .store
                    .record_activity(activity(
                        ActivityKind::SignInFailed,
                        user.user_id,
                        "wrong two-factor code",
                    ))
                    .await?;
            }
        }
        return Err(e);
    }
    throttle::record_success(state, &account_key).await?;
    state
        .store
        .record_activity(activity(ActivityKind::SignIn, user.user_id, &v.client_id))
        .await?;

    let code = crypto::new_token(TokenKind::Code);
    let now = state.clock.now();
    let ttl = Duration::seconds(i64::try_from(state.config.tokens.code_ttl_secs).unwrap_or(300));
    state
        .store
        .insert_code(NewAuthCode {
            code_hash: crypto::token_hash(&code),
            client_id: v.client_id.clone(),
            user_id: user.user_id,
            redirect_uri: v.redirect_uri.clone(),
            code_challenge: v.code_challenge.clone(),
            scope: SCOPE.to_string(),
            created_at: now,
            expires_at: now + ttl,
        })
        .await?;
    tracing::info!(user_id = %user.user_id, "sign-in succeeded; code issued");
    Ok(code)
}

/// Two-factor check (PR-13): a TOTP code (each usable once, one step of
/// drift) or an unused recovery code. Users without two-factor pass.
/// Errors name `field` (the form's or the request's).
pub(crate) async fn second_factor(
    state: &AppState,
    user_id: uuid::Uuid,
    otp: Option<&str>,
    field: &str,
    purpose: &str,
) -> Result<(), ApiError> {
    let Some(totp) = state
        .store
        .totp(user_id)
        .await?
        .filter(|t| t.confirmed_at.is_some())
    else {
        return Ok(());
    };
    let otp = otp.map(str::trim).unwrap_or_default();
    if otp.is_empty() {
        return Err(ApiError::field(
            field,
            "required",
            "Two-factor sign-in is on: enter the code from your authenticator app.",
        ));
    }
    let now = state.clock.now();
    let seed = state
        .seal
        .open(user_id, &totp.secret)
        .map_err(ApiError::Internal)?;
    let secret = crate::totp::base32_decode(&seed)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("stored TOTP secret is not base32")))?;
    if let Some(step) = crate::totp::matching_step(&secret, otp, now.timestamp()) {
        if state.store.use_totp_step(user_id, step).await? {
            return Ok(());
        }
        return Err(ApiError::field(
            field,
            "totp_reused",
            "That code was used already. Wait for the next code, then try again.",
        ));
    }
    let hash = crypto::token_hash(&crypto::normalise_short_code(otp));
    if crypto::normalise_short_code(otp).len() == 8
        && state.store.use_recovery_code(user_id, &hash, now).await?
    {
        state
            .store
            .record_activity(NewActivity {
                user_id,
                kind: ActivityKind::RecoveryCodeUsed,
                at: now,
                ip_address: None,
                user_agent: None,
                detail: Some(purpose.into()),
            })
            .await?;
        return Ok(());
    }
    Err(ApiError::field(
        field,
        "totp",
        "That code is not right. Enter the current code from your authenticator app, or a recovery code.",
    ))
}
