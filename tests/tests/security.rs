//! The signed-in user's own security and settings over real HTTP on both
//! stores (PR-13): two-factor sign-in (RFC 6238), step-up, password change,
//! sign-in e-mail change through the outbox, sessions with revoke, activity,
//! and the console's language (issue 9).

use chrono::Duration;
use reqwest::Method;
use serde_json::json;
use steward_server::clock::Clock;
use steward_server::totp;
use steward_tests::api::{code_in, company, Caller};
use steward_tests::oauth::{self, post_sign_in_with_otp, tokens_from};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer, PASSWORD};
use steward_types::UserRole;

const EMAIL: &str = "kim@example.com";

fn code_now(s: &TestServer, secret: &str, offset_steps: i64) -> String {
    let secret = totp::base32_decode(secret).expect("base32");
    let step = totp::step_at(s.clock.now().timestamp()) + offset_steps;
    totp::hotp(&secret, u64::try_from(step).expect("step"), 6)
}

/// Enrol, confirm, then sign-in needs the code; each code works once; one
/// step of drift is accepted; recovery codes work once each.
async fn two_factor_enrolment_and_sign_in(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.add_user(EMAIL, "Kim", UserRole::Customer).await;
    let me = Caller::sign_in(&s, EMAIL).await;

    let enrol = me.post("/v1/me/two-factor", json!(null)).await;
    assert_eq!(enrol.status, 201, "{}", enrol.body);
    let secret = enrol.body["secret"]
        .as_str()
        .expect("secret")
        .replace(' ', "");
    assert!(enrol.body["otpauth_uri"]
        .as_str()
        .expect("uri")
        .contains(&format!("secret={secret}")));
    let wrong = me
        .post("/v1/me/two-factor/confirm", json!({"code": "000000"}))
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(
        wrong.field_rules(),
        vec![("code".to_string(), "totp".to_string())]
    );
    let confirmed = me
        .post(
            "/v1/me/two-factor/confirm",
            json!({"code": code_now(&s, &secret, 0)}),
        )
        .await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    let recovery: Vec<String> = confirmed.body["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("str").to_string())
        .collect();
    assert_eq!(recovery.len(), 10);
    let overview = me.get("/v1/me/security").await;
    assert_eq!(overview.body["two_factor"]["enabled"], true);
    assert_eq!(overview.body["two_factor"]["recovery_codes_left"], 10);
    let again = me.post("/v1/me/two-factor", json!(null)).await;
    assert_eq!(again.status, 409, "already on");

    // The password alone no longer signs in: the page asks for the code.
    let params = oauth::authorize_params(&steward_server::crypto::s256_challenge(oauth::VERIFIER));
    let page = oauth::post_sign_in(&s, &params, EMAIL, PASSWORD).await;
    assert_eq!(page.status(), 401);
    let html = page.text().await.expect("html");
    assert!(html.contains("name=\"otp\""), "asks for the code");

    // The confirming code was spent: it cannot sign in.
    s.clock.advance(Duration::seconds(1));
    let replay = post_sign_in_with_otp(&s, EMAIL, PASSWORD, &code_now(&s, &secret, 0)).await;
    assert_eq!(replay.status(), 401, "a code works once");
    assert!(replay.text().await.expect("html").contains("used already"));

    // Next step: works once, then is refused.
    s.clock.advance(Duration::seconds(30));
    let code = code_now(&s, &secret, 0);
    tokens_from(&s, post_sign_in_with_otp(&s, EMAIL, PASSWORD, &code).await).await;
    assert_eq!(
        post_sign_in_with_otp(&s, EMAIL, PASSWORD, &code)
            .await
            .status(),
        401
    );

    // One step of drift: the next step's code is accepted; two steps are not.
    s.clock.advance(Duration::seconds(30));
    assert_eq!(
        post_sign_in_with_otp(&s, EMAIL, PASSWORD, &code_now(&s, &secret, 2))
            .await
            .status(),
        401
    );
    tokens_from(
        &s,
        post_sign_in_with_otp(&s, EMAIL, PASSWORD, &code_now(&s, &secret, 1)).await,
    )
    .await;

    // Recovery codes: each once, in any case and grouping.
    let rc = recovery[0].to_lowercase().replace('-', " ");
    tokens_from(&s, post_sign_in_with_otp(&s, EMAIL, PASSWORD, &rc).await).await;
    assert_eq!(
        post_sign_in_with_otp(&s, EMAIL, PASSWORD, &recovery[0])
            .await
            .status(),
        401
    );
    let overview = me.get("/v1/me/security").await;
    assert_eq!(overview.body["two_factor"]["recovery_codes_left"], 9);

    // Activity shows the failures with the reason, and the recovery code use.
    let activity = me.get("/v1/me/activity").await.body;
    let kinds: Vec<&str> = activity
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"two_factor_enabled"));
    assert!(kinds.contains(&"recovery_code_used"));
    assert!(activity
        .as_array()
        .expect("list")
        .iter()
        .any(|a| a["detail"] == "wrong two-factor code"));

    // Turning it off (recent sign-in) restores password-only sign-in.
    let off = me
        .post("/v1/me/two-factor/disable", json!({"code": "123456"}))
        .await;
    assert_eq!(
        off.field_rules(),
        vec![("code".to_string(), "totp".to_string())],
        "a session alone cannot turn it off"
    );
    // The last sign-in spent the step after its own: move past both.
    s.clock.advance(Duration::seconds(60));
    let me = Caller::sign_in_with_otp(&s, EMAIL, &code_now(&s, &secret, 0)).await;
    s.clock.advance(Duration::seconds(30));
    let off = me
        .post(
            "/v1/me/two-factor/disable",
            json!({"code": code_now(&s, &secret, 0)}),
        )
        .await;
    assert_eq!(off.status, 200, "{}", off.body);
    assert_eq!(off.body["two_factor"]["enabled"], false);
    Caller::sign_in(&s, EMAIL).await;
    s.shutdown().await;
}

/// Sensitive changes need a recent sign-in; a fresh sign-in lifts it.
async fn sensitive_changes_need_a_recent_sign_in(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.add_user(EMAIL, "Kim", UserRole::Customer).await;
    let me = Caller::sign_in(&s, EMAIL).await;
    s.clock.advance(Duration::minutes(11));
    // The access token (15 min) still works for reading...
    assert_eq!(me.get("/v1/me/security").await.status, 200);
    // ...but not for sensitive changes.
    for (path, body) in [
        ("/v1/me/two-factor", json!(null)),
        (
            "/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "a much longer passphrase"}),
        ),
        (
            "/v1/me/email",
            json!({"new_email": "kim@new.example", "current_password": PASSWORD}),
        ),
    ] {
        let r = me.post(path, body).await;
        assert_eq!(
            (r.status, r.code()),
            (403, "step_up_required"),
            "{path}: {}",
            r.body
        );
    }
    let again = Caller::sign_in(&s, EMAIL).await;
    assert_eq!(
        again.post("/v1/me/two-factor", json!(null)).await.status,
        201
    );
    s.shutdown().await;
}

/// ASVS rules with field and rule names; a change signs out other sessions
/// and keeps this one; the new password signs in, the old one not.
async fn password_change_revokes_other_sessions(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.add_user(EMAIL, "Kim", UserRole::Customer).await;
    let other = Caller::sign_in(&s, EMAIL).await;
    let me = Caller::sign_in(&s, EMAIL).await;
    let weak = me
        .post(
            "/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await;
    assert_eq!(weak.status, 422);
    assert!(
        weak.field_rules()
            .contains(&("new_password".into(), "min_length".into())),
        "{}",
        weak.body
    );
    let common = me
        .post(
            "/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "123456789012"}),
        )
        .await;
    assert!(
        common
            .field_rules()
            .iter()
            .any(|(f, r)| f == "new_password" && r == "common_password"),
        "{}",
        common.body
    );

    let ok = me
        .post(
            "/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "lantern orchard quietly"}),
        )
        .await;
    assert_eq!(ok.status, 204, "{}", ok.body);
    assert_eq!(
        other.get("/v1/me").await.status,
        401,
        "other session signed out"
    );
    let (status, _) = oauth::refresh(&s, &other.refresh).await;
    assert_eq!(status, 400, "its refresh token is dead too");
    assert_eq!(me.get("/v1/me").await.status, 200, "this session stays");
    let params = oauth::authorize_params(&steward_server::crypto::s256_challenge(oauth::VERIFIER));
    assert_eq!(
        oauth::post_sign_in(&s, &params, EMAIL, PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        oauth::post_sign_in(&s, &params, EMAIL, "lantern orchard quietly")
            .await
            .status(),
        303
    );
    let overview = me.get("/v1/me/security").await;
    assert!(overview.body["password_changed_at"].is_string());
    s.shutdown().await;
}

/// The new sign-in e-mail takes effect only with the code sent to it.
async fn email_change_is_verified_through_the_outbox(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.add_user(EMAIL, "Kim", UserRole::Customer).await;
    s.add_user("taken@example.com", "Taken", UserRole::Customer)
        .await;
    let me = Caller::sign_in(&s, EMAIL).await;
    let bad = me
        .post(
            "/v1/me/email",
            json!({"new_email": "nope", "current_password": PASSWORD}),
        )
        .await;
    assert_eq!(
        bad.field_rules().first().map(|(f, _)| f.as_str()),
        Some("new_email"),
        "{}",
        bad.body
    );
    let taken = me
        .post(
            "/v1/me/email",
            json!({"new_email": "Taken@Example.com", "current_password": PASSWORD}),
        )
        .await;
    assert_eq!(taken.status, 409);

    let started = me
        .post(
            "/v1/me/email",
            json!({"new_email": "Kim@New.Example", "current_password": PASSWORD}),
        )
        .await;
    assert_eq!(started.status, 202, "{}", started.body);
    assert_eq!(
        started.body["pending_email"]["new_email"],
        "kim@new.example"
    );
    assert_eq!(started.body["email"], EMAIL, "not changed yet");
    let mail = me.mail().await;
    let to_new = mail
        .iter()
        .find(|m| m["to"] == "kim@new.example")
        .expect("code sent to the new address");
    let code = code_in(to_new["body"].as_str().expect("body")).expect("code in mail");
    assert!(
        mail.iter().any(|m| m["to"] == EMAIL),
        "the old address is told"
    );

    let wrong = me
        .post("/v1/me/email/confirm", json!({"code": "AAAA-AAAA"}))
        .await;
    assert_eq!(
        wrong.field_rules(),
        vec![("code".to_string(), "email_code".to_string())]
    );
    let done = me
        .post("/v1/me/email/confirm", json!({"code": code.to_lowercase()}))
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["email"], "kim@new.example");
    assert!(done.body["pending_email"].is_null());
    assert_eq!(me.get("/v1/me").await.body["email"], "kim@new.example");
    Caller::sign_in(&s, "kim@new.example").await;
    let again = me.post("/v1/me/email/confirm", json!({"code": code})).await;
    assert_eq!(again.status, 422, "the code is spent");

    // Wrong codes are limited: after five, the change is dropped.
    me.post(
        "/v1/me/email",
        json!({"new_email": "kim@third.example", "current_password": PASSWORD}),
    )
    .await;
    for _ in 0..5 {
        me.post("/v1/me/email/confirm", json!({"code": "AAAA-AAAA"}))
            .await;
    }
    let code = code_in(
        me.mail()
            .await
            .iter()
            .find(|m| m["to"] == "kim@third.example")
            .expect("mail")["body"]
            .as_str()
            .expect("body"),
    )
    .expect("code");
    let locked = me.post("/v1/me/email/confirm", json!({"code": code})).await;
    assert_eq!(locked.status, 422, "{}", locked.body);
    assert!(me.get("/v1/me/security").await.body["pending_email"].is_null());
    s.shutdown().await;
}

/// Sessions list with the current one marked; revoke one, revoke the rest.
async fn sessions_can_be_listed_and_revoked(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.add_user(EMAIL, "Kim", UserRole::Customer).await;
    let a = Caller::sign_in(&s, EMAIL).await;
    let b = Caller::sign_in(&s, EMAIL).await;
    let c = Caller::sign_in(&s, EMAIL).await;
    let list = a.get("/v1/me/sessions").await.body;
    let list = list.as_array().expect("list");
    assert_eq!(list.len(), 3);
    assert_eq!(list.iter().filter(|x| x["current"] == true).count(), 1);
    assert!(list
        .iter()
        .all(|x| x["client"] == "steward-console" && x["ip_address"] == "127.0.0.1"));

    let b_id = b
        .get("/v1/me/sessions")
        .await
        .body
        .as_array()
        .expect("list")
        .iter()
        .find(|x| x["current"] == true)
        .expect("current")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let after = a.delete(&format!("/v1/me/sessions/{b_id}")).await;
    assert_eq!(after.status, 200);
    assert_eq!(after.body.as_array().expect("list").len(), 2);
    assert_eq!(
        b.get("/v1/me").await.status,
        401,
        "revoked now, not at expiry"
    );
    assert_eq!(
        a.delete(&format!("/v1/me/sessions/{b_id}")).await.status,
        404
    );

    // Someone else's session id is not found.
    s.add_user("eve@example.com", "Eve", UserRole::Customer)
        .await;
    let eve = Caller::sign_in(&s, "eve@example.com").await;
    let eve_id = eve.get("/v1/me/sessions").await.body[0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    assert_eq!(
        a.delete(&format!("/v1/me/sessions/{eve_id}")).await.status,
        404
    );
    assert_eq!(eve.get("/v1/me").await.status, 200);

    let rest = a.post("/v1/me/sessions/revoke-others", json!(null)).await;
    assert_eq!(rest.body.as_array().expect("list").len(), 1);
    assert_eq!(c.get("/v1/me").await.status, 401);
    assert_eq!(a.get("/v1/me").await.status, 200);
    let kinds: Vec<String> = a
        .get("/v1/me/activity")
        .await
        .body
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "session_revoked").count(), 2);
    s.shutdown().await;
}

/// PR-13: sign-ins, good and bad, with address and browser or app.
async fn activity_records_sign_ins_with_address_and_agent(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.add_user(EMAIL, "Kim", UserRole::Customer).await;
    let params = oauth::authorize_params(&steward_server::crypto::s256_challenge(oauth::VERIFIER));
    let mut form: Vec<(&str, String)> = params.clone();
    form.push(("username", EMAIL.into()));
    form.push(("password", "not the password".into()));
    let r = s
        .http
        .post(s.url("/oauth/authorize"))
        .header("user-agent", "TestBrowser/1.0")
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 401);
    let me = Caller::sign_in(&s, EMAIL).await;
    let events = me.get("/v1/me/activity").await.body;
    let events = events.as_array().expect("list");
    let failed = events
        .iter()
        .find(|e| e["kind"] == "sign_in_failed")
        .expect("failure recorded");
    assert_eq!(failed["ip_address"], "127.0.0.1");
    assert_eq!(failed["user_agent"], "TestBrowser/1.0");
    assert_eq!(failed["detail"], "wrong password");
    assert!(events.iter().any(|e| e["kind"] == "sign_in"));
    // Another user's activity is not visible.
    s.add_user("eve@example.com", "Eve", UserRole::Customer)
        .await;
    let eve = Caller::sign_in(&s, "eve@example.com").await;
    let theirs = eve.get("/v1/me/activity").await.body;
    assert!(theirs
        .as_array()
        .expect("list")
        .iter()
        .all(|e| e["kind"] == "sign_in"));
    s.shutdown().await;
}

async fn put(caller: &Caller, body: serde_json::Value) -> steward_tests::api::Resp {
    caller
        .send(Method::PUT, "/v1/me/preferences", Some(body), None)
        .await
}

/// The language is each user's own: it defaults to English, a change shows
/// in `/v1/me` and in no one else's, and a language we do not have is
/// refused naming the field, with nothing stored.
async fn language_is_a_per_user_preference(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let viewer = Caller::sign_in(&s, c.viewer).await;
    assert_eq!(owner.get("/v1/me").await.body["language"], "en");

    let set = put(&owner, json!({"language": "de"})).await;
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.body, json!({"language": "de"}));
    assert_eq!(owner.get("/v1/me").await.body["language"], "de");
    assert_eq!(
        viewer.get("/v1/me").await.body["language"],
        "en",
        "another member of the same account keeps their own"
    );
    // The same body again changes nothing and is not an error.
    assert_eq!(put(&owner, json!({"language": "de"})).await.status, 200);

    let unknown = put(&owner, json!({"language": "fr"})).await;
    assert_eq!(unknown.status, 422, "{}", unknown.body);
    assert_eq!(
        unknown.field_rules(),
        vec![("language".to_string(), "schema".to_string())]
    );
    let extra = put(&owner, json!({"language": "en", "colour": "red"})).await;
    assert_eq!(extra.status, 422, "{}", extra.body);
    assert_eq!(
        extra.field_rules(),
        vec![("colour".to_string(), "schema".to_string())]
    );
    assert_eq!(owner.get("/v1/me").await.body["language"], "de");

    // A fresh sign-in reads it back from the store, not from a cache.
    let again = Caller::sign_in(&s, c.owner).await;
    assert_eq!(again.get("/v1/me").await.body["language"], "de");
}

on_both_stores!(
    language_is_a_per_user_preference,
    two_factor_enrolment_and_sign_in,
    sensitive_changes_need_a_recent_sign_in,
    password_change_revokes_other_sessions,
    email_change_is_verified_through_the_outbox,
    sessions_can_be_listed_and_revoked,
    activity_records_sign_ins_with_address_and_agent,
);
