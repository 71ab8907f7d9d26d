//! The OAuth 2.0 flow of the account API, and every way it must refuse,
//! on SQLite and on PostgreSQL (PR-16: protected from unauthorised access).

use chrono::Duration;
use steward_server::crypto::s256_challenge;
use steward_tests::oauth::{
    self, authorize_params, code_for, exchange, get_authorize, me, post_sign_in, refresh, sign_in,
    with_param, VERIFIER,
};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer, PASSWORD};
use steward_types::{UserRole, CONSOLE_CLIENT_ID};

const EMAIL: &str = "ada@example.com";

async fn server_with_user(backend: Backend) -> TestServer {
    let s = TestServer::start(backend).await;
    s.add_user(EMAIL, "Ada Lovelace", UserRole::Customer).await;
    s
}

fn location_query(resp: &reqwest::Response) -> std::collections::HashMap<String, String> {
    let loc = resp.headers()["location"].to_str().expect("location");
    url::Url::parse(loc)
        .expect("url")
        .query_pairs()
        .into_owned()
        .collect()
}

async fn full_flow_signs_in_and_me_names_the_user(b: Backend) {
    let s = server_with_user(b).await;
    let (access, refresh_token) = sign_in(&s, EMAIL, PASSWORD).await;
    assert!(access.starts_with("stw_at_") && refresh_token.starts_with("stw_rt_"));
    let (status, body) = me(&s, &access).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["email"], EMAIL);
    assert_eq!(body["display_name"], "Ada Lovelace");
    assert_eq!(body["roles"], serde_json::json!(["customer"]));
    assert_eq!(body["accounts"][0]["role"], "owner");
    assert_eq!(body["accounts"][0]["kind"], "personal");
    s.shutdown().await;
}

async fn sign_in_page_carries_the_request_and_names_the_fields(b: Backend) {
    let s = server_with_user(b).await;
    let resp = s
        .http
        .get(s.url("/oauth/authorize"))
        .query(&authorize_params(&s256_challenge(VERIFIER)))
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status(), 200);
    let csp = resp.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let html = resp.text().await.expect("html");
    for needle in [
        "name=\"username\"",
        "name=\"password\"",
        "name=\"code_challenge\"",
        "value=\"st4te\"",
    ] {
        assert!(html.contains(needle), "page lacks {needle}");
    }
}

async fn wrong_verifier_is_refused_and_burns_the_code(b: Backend) {
    let s = server_with_user(b).await;
    let code = code_for(&s, EMAIL, PASSWORD).await;
    let wrong = "A".repeat(43);
    let (status, body) = exchange(&s, &code, &wrong).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );
    assert_eq!(body["error"], "invalid_grant", "RFC 6749 member present");
    let (status, _) = exchange(&s, &code, VERIFIER).await;
    assert_eq!(
        status, 400,
        "a code is tried once, even with the right verifier afterwards"
    );
}

async fn plain_and_missing_challenges_are_refused(b: Backend) {
    let s = server_with_user(b).await;
    // `plain`: the challenge is the verifier itself.
    let params = with_param(
        authorize_params(VERIFIER),
        "code_challenge_method",
        Some("plain"),
    );
    let resp = post_sign_in(&s, &params, EMAIL, PASSWORD).await;
    assert_eq!(resp.status(), 303);
    let q = location_query(&resp);
    assert_eq!(q.get("error").map(String::as_str), Some("invalid_request"));
    assert!(!q.contains_key("code"), "no code without S256");
    assert_eq!(q.get("state").map(String::as_str), Some("st4te"));

    let params = with_param(authorize_params(""), "code_challenge", None);
    let resp = get_authorize(&s, &params).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(
        location_query(&resp).get("error").map(String::as_str),
        Some("invalid_request")
    );
}

async fn reused_code_is_refused_and_revokes_the_first_session(b: Backend) {
    let s = server_with_user(b).await;
    let code = code_for(&s, EMAIL, PASSWORD).await;
    let (status, first) = exchange(&s, &code, VERIFIER).await;
    assert_eq!(status, 200);
    let access = first["access_token"].as_str().expect("access");
    assert_eq!(me(&s, access).await.0, 200);
    let (status, body) = exchange(&s, &code, VERIFIER).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(
        me(&s, access).await.0,
        401,
        "tokens from a replayed code are revoked"
    );
    let (status, _) = refresh(&s, first["refresh_token"].as_str().expect("rt")).await;
    assert_eq!(status, 400);
}

async fn expired_code_is_refused(b: Backend) {
    let s = server_with_user(b).await;
    let code = code_for(&s, EMAIL, PASSWORD).await;
    s.clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let (status, body) = exchange(&s, &code, VERIFIER).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );
    assert!(body["detail"]
        .as_str()
        .unwrap_or_default()
        .contains("expired"));
}

async fn redirect_mismatch_is_refused_without_redirecting(b: Backend) {
    let s = server_with_user(b).await;
    let params = with_param(
        authorize_params(&s256_challenge(VERIFIER)),
        "redirect_uri",
        Some("http://evil.example/callback"),
    );
    let resp = get_authorize(&s, &params).await;
    assert_eq!(resp.status(), 400);
    assert!(
        resp.headers().get("location").is_none(),
        "never redirect to an unregistered URI"
    );
    let resp = post_sign_in(&s, &params, EMAIL, PASSWORD).await;
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());

    // Another loopback port is fine (RFC 8252 7.3), but the token request
    // must repeat the exact redirect_uri of the authorization request.
    let code = code_for(&s, EMAIL, PASSWORD).await;
    let (status, body) = oauth::token(
        &s,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:1/callback"),
            ("client_id", CONSOLE_CLIENT_ID),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_grant"))
    );
}

async fn refresh_rotates_and_reuse_revokes_the_family(b: Backend) {
    let s = server_with_user(b).await;
    let (access1, rt1) = sign_in(&s, EMAIL, PASSWORD).await;
    let (status, body) = refresh(&s, &rt1).await;
    assert_eq!(status, 200, "{body}");
    let rt2 = body["refresh_token"].as_str().expect("rt2").to_string();
    let access2 = body["access_token"].as_str().expect("at2").to_string();
    assert_ne!(rt1, rt2, "refresh tokens rotate");
    assert_eq!(me(&s, &access2).await.0, 200);
    assert_eq!(
        me(&s, &access1).await.0,
        200,
        "old access token lives until it expires"
    );

    // Someone replays rt1: the whole family dies, including rt2 and access2.
    let (status, body) = refresh(&s, &rt1).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(me(&s, &access2).await.0, 401);
    assert_eq!(refresh(&s, &rt2).await.0, 400, "the family is revoked");

    // Other sessions of the same user are untouched.
    let (access3, _) = sign_in(&s, EMAIL, PASSWORD).await;
    assert_eq!(me(&s, &access3).await.0, 200);
}

async fn concurrent_presentations_of_one_refresh_token_yield_one_winner(b: Backend) {
    let s = server_with_user(b).await;
    let (_, rt) = sign_in(&s, EMAIL, PASSWORD).await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let http = s.http.clone();
        let url = s.url("/oauth/token");
        let rt = rt.clone();
        tasks.push(tokio::spawn(async move {
            http.post(url)
                .form(&[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", &rt),
                    ("client_id", CONSOLE_CLIENT_ID),
                ])
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("task"));
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 400),
        "never 5xx: {statuses:?}"
    );
}

/// `me` a few times, so that every SQLite reader connection (one per core,
/// taken in turn) has answered the token check and kept its grant.
async fn me_until_kept(s: &TestServer, access: &str) {
    for _ in 0..8 {
        assert_eq!(me(s, access).await.0, 200);
    }
}

/// Each check comes after the token was checked and kept (SQLite's readers
/// keep answered checks until anything commits: `store/sqlite_grants.rs`),
/// so a kept grant must not outlive a revocation made by another server
/// sharing the database, nor the token's expiry.
async fn revoked_and_expired_tokens_are_refused(b: Backend) {
    let s = server_with_user(b).await;
    let other = s.second_instance().await;
    let (access, rt) = sign_in(&s, EMAIL, PASSWORD).await;
    me_until_kept(&s, &access).await;
    let resp = s
        .http
        .post(other.base_url.join("oauth/revoke").expect("url"))
        .form(&[
            ("token", rt.as_str()),
            ("token_type_hint", "refresh_token"),
            ("client_id", CONSOLE_CLIENT_ID),
        ])
        .send()
        .await
        .expect("revoke");
    assert_eq!(resp.status(), 200);
    for _ in 0..8 {
        assert_eq!(
            me(&s, &access).await.0,
            401,
            "revoking the refresh token on another server ends the session here"
        );
    }
    assert_eq!(refresh(&s, &rt).await.0, 400);
    // Unknown tokens: still 200 (RFC 7009 section 2.2).
    let resp = s
        .http
        .post(s.url("/oauth/revoke"))
        .form(&[("token", "nonsense")])
        .send()
        .await
        .expect("revoke");
    assert_eq!(resp.status(), 200);

    // Access tokens live 15 minutes at most: no commit marks the moment.
    let (access, _) = sign_in(&s, EMAIL, PASSWORD).await;
    s.clock
        .advance(Duration::minutes(15) - Duration::milliseconds(1));
    me_until_kept(&s, &access).await;
    s.clock.advance(Duration::milliseconds(1));
    let (status, body) = me(&s, &access).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
}

async fn only_code_and_refresh_grants_exist(b: Backend) {
    let s = server_with_user(b).await;
    for grant in ["password", "client_credentials", "implicit"] {
        let (status, body) = oauth::token(
            &s,
            &[
                ("grant_type", grant),
                ("client_id", CONSOLE_CLIENT_ID),
                ("username", EMAIL),
                ("password", PASSWORD),
            ],
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("unsupported_grant_type")),
            "{grant}"
        );
    }
    let params = with_param(
        authorize_params(&s256_challenge(VERIFIER)),
        "response_type",
        Some("token"),
    );
    let resp = get_authorize(&s, &params).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(
        location_query(&resp).get("error").map(String::as_str),
        Some("unsupported_response_type")
    );
    let (status, body) = oauth::token(
        &s,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", "not-a-client"),
            ("refresh_token", "x"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("invalid_client"))
    );
}

async fn failed_sign_ins_are_throttled_alike_for_known_and_unknown_users(b: Backend) {
    let s = server_with_user(b).await;
    let params = authorize_params(&s256_challenge(VERIFIER));
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..5 {
        let r = post_sign_in(&s, &params, EMAIL, "wrong password!!").await;
        known.push((r.status().as_u16(), r.text().await.expect("text")));
        let r = post_sign_in(&s, &params, "nobody@example.com", "wrong password!!").await;
        unknown.push((r.status().as_u16(), r.text().await.expect("text")));
    }
    for ((ks, kt), (us, ut)) in known.iter().zip(&unknown) {
        assert_eq!((*ks, *us), (401, 401));
        assert_eq!(
            kt.replace(EMAIL, "E"),
            ut.replace("nobody@example.com", "E"),
            "an unknown user's page is the same as a wrong password's"
        );
    }
    for email in [EMAIL, "nobody@example.com"] {
        let r = post_sign_in(&s, &params, email, PASSWORD).await;
        assert_eq!(
            r.status(),
            429,
            "{email}: the right password is refused while throttled"
        );
        let retry: u64 = r.headers()["retry-after"]
            .to_str()
            .expect("ra")
            .parse()
            .expect("secs");
        assert!((1..=900).contains(&retry), "{retry}");
    }
    s.clock
        .advance(Duration::minutes(15) + Duration::seconds(1));
    let r = post_sign_in(&s, &params, EMAIL, PASSWORD).await;
    assert_eq!(r.status(), 303, "the window passed");
}

async fn throttling_by_client_address_spans_accounts(b: Backend) {
    let s = server_with_user(b).await;
    let params = authorize_params(&s256_challenge(VERIFIER));
    for i in 0..20 {
        let r = post_sign_in(
            &s,
            &params,
            &format!("user{i}@example.com"),
            "wrong password!!",
        )
        .await;
        assert_eq!(r.status(), 401);
    }
    let r = post_sign_in(&s, &params, EMAIL, PASSWORD).await;
    assert_eq!(r.status(), 429, "20 failures from one address block it");
}

async fn errors_are_problem_json_with_the_request_id(b: Backend) {
    let s = server_with_user(b).await;
    let resp = s
        .http
        .get(s.url("/v1/nothing-here"))
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status(), 404);
    let rid = resp.headers()["x-request-id"]
        .to_str()
        .expect("rid")
        .to_string();
    assert_eq!(resp.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = resp.json().await.expect("json");
    assert_eq!(body["code"], "not_found");
    assert_eq!(body["request_id"], rid.as_str());

    let resp = s
        .http
        .get(s.url("/v1/me"))
        .bearer_auth("stw_at_forged")
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status(), 401);
    assert!(resp.headers()["www-authenticate"]
        .to_str()
        .expect("h")
        .contains("invalid_token"));

    // A client's mistake is a 4xx, never a 500.
    let resp = s
        .http
        .post(s.url("/oauth/token"))
        .header("content-type", "application/json")
        .body("{\"grant_type\":")
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), 400);
    let body: serde_json::Value = resp.json().await.expect("json");
    assert_eq!(body["code"], "invalid_request");
    let resp = s.http.delete(s.url("/v1/me")).send().await.expect("delete");
    assert_eq!(resp.status(), 405);

    // A caller-supplied request id is kept (for tracing across services).
    let resp = s
        .http
        .get(s.url("/healthz"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .expect("get");
    assert_eq!(resp.headers()["x-request-id"], "trace-me-42");
}

async fn readiness_reports_the_store(b: Backend) {
    let s = TestServer::start(b).await;
    let body: serde_json::Value = s
        .http
        .get(s.url("/readyz"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    let expected = match b {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["store"], expected);
    assert_eq!(body["status"], "ready");
}

on_both_stores!(
    full_flow_signs_in_and_me_names_the_user,
    sign_in_page_carries_the_request_and_names_the_fields,
    wrong_verifier_is_refused_and_burns_the_code,
    plain_and_missing_challenges_are_refused,
    reused_code_is_refused_and_revokes_the_first_session,
    expired_code_is_refused,
    redirect_mismatch_is_refused_without_redirecting,
    refresh_rotates_and_reuse_revokes_the_family,
    concurrent_presentations_of_one_refresh_token_yield_one_winner,
    revoked_and_expired_tokens_are_refused,
    only_code_and_refresh_grants_exist,
    failed_sign_ins_are_throttled_alike_for_known_and_unknown_users,
    throttling_by_client_address_spans_accounts,
    errors_are_problem_json_with_the_request_id,
    readiness_reports_the_store,
);
