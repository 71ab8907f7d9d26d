//! A raw OAuth driver for server tests: each step is a plain HTTP call, so a
//! test can break any one of them on purpose. (Client tests use the real
//! `steward-client` instead.)

use serde_json::Value;
use steward_server::crypto::s256_challenge;
use steward_types::CONSOLE_CLIENT_ID;
use url::Url;

use crate::server::TestServer;

pub const REDIRECT: &str = "http://127.0.0.1:49152/callback";
/// A fixed, valid PKCE verifier (43 characters).
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

pub fn authorize_params(challenge: &str) -> Vec<(&'static str, String)> {
    vec![
        ("response_type", "code".into()),
        ("client_id", CONSOLE_CLIENT_ID.into()),
        ("redirect_uri", REDIRECT.into()),
        ("state", "st4te".into()),
        ("code_challenge", challenge.into()),
        ("code_challenge_method", "S256".into()),
        ("scope", "account".into()),
    ]
}

/// `params` with `key` set to `value` (or removed, for `None`).
pub fn with_param(
    mut params: Vec<(&'static str, String)>,
    key: &'static str,
    value: Option<&str>,
) -> Vec<(&'static str, String)> {
    params.retain(|(k, _)| *k != key);
    if let Some(v) = value {
        params.push((key, v.to_string()));
    }
    params
}

/// GET the authorization endpoint (the sign-in page, or an error).
pub async fn get_authorize(s: &TestServer, params: &[(&str, String)]) -> reqwest::Response {
    s.http
        .get(s.url("/oauth/authorize"))
        .query(params)
        .send()
        .await
        .expect("authorize get")
}

/// POST the sign-in form; returns the raw response (303 on success).
pub async fn post_sign_in(
    s: &TestServer,
    params: &[(&str, String)],
    email: &str,
    password: &str,
) -> reqwest::Response {
    let mut form: Vec<(&str, String)> = params.to_vec();
    form.push(("username", email.into()));
    form.push(("password", password.into()));
    s.http
        .post(s.url("/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .expect("authorize post")
}

/// Sign in and return the authorization code from the redirect.
/// Staff (who have two-factor) also send their current code.
pub async fn code_for(s: &TestServer, email: &str, password: &str) -> String {
    let mut params = authorize_params(&s256_challenge(VERIFIER));
    if let Some(otp) = s.next_totp(email).await {
        params.push(("otp", otp));
    }
    let resp = post_sign_in(s, &params, email, password).await;
    code_from_redirect(resp)
}

/// The code in a sign-in's 303 redirect to the client (checking its state).
pub fn code_from_redirect(resp: reqwest::Response) -> String {
    assert_eq!(resp.status(), 303, "sign-in should redirect");
    let loc = resp.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let url = Url::parse(&loc).expect("redirect url");
    assert!(loc.starts_with(REDIRECT), "{loc}");
    let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(q.get("state").map(String::as_str), Some("st4te"));
    q.get("code").cloned().expect("code in redirect")
}

pub async fn token(s: &TestServer, form: &[(&str, &str)]) -> (u16, Value) {
    let resp = s
        .http
        .post(s.url("/oauth/token"))
        .form(form)
        .send()
        .await
        .expect("token post");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("token json"))
}

pub async fn exchange(s: &TestServer, code: &str, verifier: &str) -> (u16, Value) {
    token(
        s,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("client_id", CONSOLE_CLIENT_ID),
            ("code_verifier", verifier),
        ],
    )
    .await
}

pub async fn refresh(s: &TestServer, refresh_token: &str) -> (u16, Value) {
    token(
        s,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", CONSOLE_CLIENT_ID),
        ],
    )
    .await
}

/// Full sign-in: (access token, refresh token).
pub async fn sign_in(s: &TestServer, email: &str, password: &str) -> (String, String) {
    let code = code_for(s, email, password).await;
    let (status, body) = exchange(s, &code, VERIFIER).await;
    assert_eq!(status, 200, "{body}");
    (
        body["access_token"].as_str().expect("access").to_string(),
        body["refresh_token"].as_str().expect("refresh").to_string(),
    )
}

pub async fn me(s: &TestServer, access: &str) -> (u16, Value) {
    let resp = s
        .http
        .get(s.url("/v1/me"))
        .bearer_auth(access)
        .send()
        .await
        .expect("me");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("me json"))
}

/// POST the sign-in form with a two-factor code (`otp`).
pub async fn post_sign_in_with_otp(
    s: &TestServer,
    email: &str,
    password: &str,
    otp: &str,
) -> reqwest::Response {
    let mut params = authorize_params(&s256_challenge(VERIFIER));
    params.push(("otp", otp.into()));
    post_sign_in(s, &params, email, password).await
}

/// Finish a sign-in whose form post answered 303: (access, refresh).
pub async fn tokens_from(s: &TestServer, resp: reqwest::Response) -> (String, String) {
    assert_eq!(resp.status(), 303, "sign-in should redirect");
    let loc = resp.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let url = Url::parse(&loc).expect("redirect url");
    let code = url
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code in redirect");
    let (status, body) = exchange(s, &code, VERIFIER).await;
    assert_eq!(status, 200, "{body}");
    (
        body["access_token"].as_str().expect("access").to_string(),
        body["refresh_token"].as_str().expect("refresh").to_string(),
    )
}
