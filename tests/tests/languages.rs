//! The server's own words in the reader's language (issue 9), over real HTTP
//! on both stores: field rules, refusals, problem titles, plan descriptions,
//! e-mail and the server's pages follow the profile language, or the
//! request's `Accept-Language` when it names one we speak. The German itself
//! comes from `steward_server::locale`; these tests check that every route
//! renders through it, and that nothing else (fields, rules, codes, values
//! such as one-time codes) changes with the language.

use reqwest::Method;
use serde_json::{json, Value};
use steward_server::locale;
use steward_tests::api::{code_in, company, Caller, Company, Resp};
use steward_tests::oauth;
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer, PASSWORD};
use steward_types::Language;

fn german(english: &str) -> String {
    let german = locale::word(english, Language::De).into_owned();
    assert_ne!(
        german, english,
        "the catalogue has no German for {english:?}"
    );
    german
}

async fn set_language(caller: &Caller, language: &str) {
    let r = caller
        .send(
            Method::PUT,
            "/v1/me/preferences",
            Some(json!({ "language": language })),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// A deletion request that breaks two rules: a wrong name, an over-long reason.
async fn bad_deletion(caller: &Caller, c: &Company, accept: Option<&str>) -> Resp {
    caller
        .send_with(
            Method::POST,
            &format!("/v1/accounts/{}/deletion", c.account_id),
            Some(json!({"confirm_name": "Acme", "reason": "x".repeat(501)})),
            &[("accept-language", accept)],
        )
        .await
}

fn messages(r: &Resp) -> Vec<(String, String, String)> {
    r.body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                    (s("field"), s("rule"), s("message"))
                })
                .collect()
        })
        .unwrap_or_default()
}

const NAME_RULE: &str = "Type the account's name exactly as shown to confirm.";
const REASON_RULE: &str = "Use at most 500 characters.";

/// English until the person chooses German; then the same mistake is
/// explained in German, with the same fields, rules and code.
async fn field_rules_follow_the_profile_language(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;

    let english = bad_deletion(&owner, &c, None).await;
    assert_eq!(english.status, 422, "{}", english.body);
    assert_eq!(english.body["title"], "Validation failed");
    let expected = vec![
        (
            "confirm_name".to_string(),
            "mismatch".to_string(),
            NAME_RULE.to_string(),
        ),
        (
            "reason".to_string(),
            "max_length".to_string(),
            REASON_RULE.to_string(),
        ),
    ];
    assert_eq!(messages(&english), expected);

    set_language(&owner, "de").await;
    let worded = bad_deletion(&owner, &c, None).await;
    assert_eq!(worded.status, 422, "{}", worded.body);
    assert_eq!(worded.body["code"], english.body["code"]);
    assert_eq!(worded.body["title"], "Ungültige Eingaben");
    assert_eq!(
        messages(&worded),
        vec![
            (
                "confirm_name".to_string(),
                "mismatch".to_string(),
                german(NAME_RULE)
            ),
            (
                "reason".to_string(),
                "max_length".to_string(),
                german(REASON_RULE)
            ),
        ]
    );
    assert!(german(REASON_RULE).contains("500"), "the value is kept");

    // The request's own choice wins over the profile, both ways.
    let asked = bad_deletion(&owner, &c, Some("en-GB,en;q=0.9")).await;
    assert_eq!(messages(&asked), expected);
    set_language(&owner, "en").await;
    let asked = bad_deletion(&owner, &c, Some("fr-CH, de-AT;q=0.8, en;q=0.5")).await;
    assert_eq!(messages(&asked)[0].2, german(NAME_RULE));
    // A language we do not speak leaves the profile's.
    let unknown = bad_deletion(&owner, &c, Some("fr")).await;
    assert_eq!(messages(&unknown), expected);
}

/// The answer says which language it is in (RFC 9110 `Content-Language`),
/// and a refusal worded with a value keeps the value.
async fn refusals_say_their_language_and_keep_their_values(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    set_language(&owner, "de").await;

    let raw = s
        .http
        .post(s.url("/v1/me/email"))
        .bearer_auth(&owner.access)
        .json(&json!({"new_email": "nope", "current_password": PASSWORD}))
        .send()
        .await
        .expect("request");
    assert_eq!(raw.status(), 422);
    assert_eq!(
        raw.headers()
            .get("content-language")
            .and_then(|v| v.to_str().ok()),
        Some("de")
    );
    let body: Value = raw.json().await.expect("problem");
    let message = body["errors"][0]["message"].as_str().expect("message");
    assert_eq!(body["errors"][0]["field"], "new_email");
    assert!(!message.contains("Enter"), "{message}");

    // Success answers carry data, not words: no language is claimed.
    let me = s
        .http
        .get(s.url("/v1/me"))
        .bearer_auth(&owner.access)
        .send()
        .await
        .expect("request");
    assert_eq!(me.status(), 200);
    assert!(me.headers().get("content-language").is_none());

    // A conflict with a value in it: the value survives the wording.
    let path = format!("/v1/accounts/{}/deletion", c.account_id);
    let first = owner
        .post(&path, json!({"confirm_name": "Acme Media Ltd"}))
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = owner
        .post(&path, json!({"confirm_name": "Acme Media Ltd"}))
        .await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert_eq!(
        again.body["detail"],
        german("A deletion request for this account is already waiting; cancel it or let it run.")
    );
}

/// Mail goes out in the reader's language, and its one-time code still reads.
async fn mail_is_written_in_the_readers_language(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    set_language(&owner, "de").await;

    let started = owner
        .post(
            "/v1/me/email",
            json!({"new_email": "owner@neu.example", "current_password": PASSWORD}),
        )
        .await;
    assert_eq!(started.status, 202, "{}", started.body);
    let mail = owner.mail().await;
    let to_new = mail
        .iter()
        .find(|m| m["to"] == "owner@neu.example")
        .expect("a code for the new address");
    assert_eq!(
        to_new["subject"],
        german("Confirm your new Steward sign-in e-mail")
    );
    let body = to_new["body"].as_str().expect("body");
    assert!(!body.contains("Someone (hopefully you)"), "{body}");
    let code = code_in(body).expect("the code reads in German too");
    let done = owner
        .post("/v1/me/email/confirm", json!({"code": code}))
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
}

/// PR-4: an opt-in's confirmation mail is in the person's language, read
/// with their sign-in, and changing the language reaches the next mail.
async fn an_opt_in_is_confirmed_in_the_persons_language(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let opt_in = |purpose: &'static str| {
        let owner = &owner;
        async move {
            let prefs = owner.get("/v1/me/communications").await;
            let etag = prefs.etag.clone().expect("etag");
            let change = json!({"changes": [{"purpose": purpose, "channel": "email", "on": true}]});
            let r = owner
                .send(
                    Method::PUT,
                    "/v1/me/communications",
                    Some(change),
                    Some(&etag),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
    };
    // Each mail names the purpose it confirms, in its reader's language.
    let about = |label: &str| {
        let label = label.to_owned();
        let owner = &owner;
        async move {
            let mail = owner.mail().await;
            mail.into_iter()
                .find(|m| m["body"].as_str().is_some_and(|b| b.contains(&label)))
                .unwrap_or_else(|| panic!("no mail about {label}"))
        }
    };
    opt_in("newsletters").await;
    let english = about("Newsletters and product ideas").await;
    assert_eq!(english["subject"], "Confirm your subscription");

    set_language(&owner, "de").await;
    opt_in("product_testing").await;
    let worded = about(&german("Product testing and evaluation")).await;
    assert_eq!(worded["subject"], german("Confirm your subscription"));
    let body = worded["body"].as_str().expect("body");
    assert!(body.contains("/communications/confirm/"), "{body}");
}

/// The plan list describes the plans in the reader's language; names and
/// prices (which invoices quote) stay as they are.
async fn plans_are_described_in_the_readers_language(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let path = format!("/v1/accounts/{}/subscription", c.account_id);
    let english = owner.get(&path).await;
    assert_eq!(english.status, 200, "{}", english.body);
    set_language(&owner, "de").await;
    let worded = owner.get(&path).await;
    let plans = |r: &Resp| {
        r.body["available_plans"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    assert!(!plans(&english).is_empty(), "{}", english.body);
    for (en, de) in plans(&english).iter().zip(plans(&worded).iter()) {
        assert_eq!(en["id"], de["id"]);
        assert_eq!(en["name"], de["name"]);
        assert_eq!(en["price"], de["price"]);
        let description = en["description"].as_str().expect("description");
        assert_eq!(de["description"], german(description));
    }
}

/// The sign-in page is in the browser's language, and says so.
async fn the_sign_in_page_follows_the_browser(backend: Backend) {
    let s = TestServer::start(backend).await;
    let params = oauth::authorize_params(&steward_server::crypto::s256_challenge(oauth::VERIFIER));
    let page = |accept: Option<&'static str>| {
        let mut rb = s.http.get(s.url("/oauth/authorize")).query(&params);
        if let Some(a) = accept {
            rb = rb.header("accept-language", a);
        }
        rb.send()
    };
    let english = page(None).await.expect("page");
    assert_eq!(english.status(), 200);
    let english = english.text().await.expect("html");
    assert!(english.contains("<html lang=\"en\">"));
    assert!(english.contains("Sign in to manage your account"));

    let worded = page(Some("de-DE,de;q=0.9,en;q=0.5")).await.expect("page");
    assert_eq!(
        worded
            .headers()
            .get("content-language")
            .and_then(|v| v.to_str().ok()),
        Some("de")
    );
    let worded = worded.text().await.expect("html");
    assert!(worded.contains("<html lang=\"de\">"), "{worded}");
    assert!(worded.contains(&german(
        "Sign in to manage your account, billing and privacy choices."
    )));
    assert!(!worded.contains("Sign in to manage"), "{worded}");
}

/// What we stored as written (English) reads in the reader's language: the
/// staff-access log, sign-in activity, the profile's field labels, what
/// deletion stops and keeps, and the kinds of e-mail. Staff's own words (a
/// reason) stay as they wrote them.
async fn stored_words_are_worded_when_read(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let failed = oauth::post_sign_in(
        &s,
        &oauth::authorize_params(&steward_server::crypto::s256_challenge(oauth::VERIFIER)),
        c.owner,
        "not the password",
    )
    .await;
    assert_eq!(failed.status(), 401);
    let agent = Caller::sign_in(&s, c.agent).await;
    let reveal = agent
        .post(
            &format!("/v1/staff/customers/{}/reveal", c.account_id),
            json!({"fields": ["phone", "postal_address"], "reason": "Caller asked for a callback"}),
        )
        .await;
    assert_eq!(reveal.status, 200, "{}", reveal.body);

    let reads = [
        format!("/v1/accounts/{}/staff-access", c.account_id),
        "/v1/me/activity".to_string(),
        format!("/v1/accounts/{}/profile", c.account_id),
        format!("/v1/accounts/{}/deletion", c.account_id),
        "/v1/me/communications".to_string(),
    ];
    let mut english = Vec::new();
    for path in &reads {
        let r = owner.get(path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        english.push(r.body);
    }
    set_language(&owner, "de").await;
    let mut worded = Vec::new();
    for path in &reads {
        worded.push(owner.get(path).await.body);
    }

    let access = |body: &Value| {
        body["items"]
            .as_array()
            .and_then(|items| items.iter().find(|i| i["action"] == "reveal"))
            .cloned()
            .expect("the reveal is shown")
    };
    let (en, de) = (access(&english[0]), access(&worded[0]));
    assert_eq!(en["what"], "telephone numbers, postal address");
    assert_eq!(
        de["what"],
        format!(
            "{}, {}",
            german("telephone numbers"),
            german("postal address")
        )
    );
    assert_eq!(
        de["reason"], "Caller asked for a callback",
        "staff's words stay"
    );

    let failure = |body: &Value| {
        body.as_array()
            .and_then(|events| events.iter().find(|e| e["kind"] == "sign_in_failed"))
            .map(|e| e["detail"].clone())
            .expect("the failed sign-in is listed")
    };
    assert_eq!(failure(&english[1]), "wrong password");
    assert_eq!(failure(&worded[1]), german("wrong password"));

    let label = |body: &Value| {
        body["fields"]
            .as_array()
            .and_then(|fields| fields.iter().find(|f| f["field"] == "legal_name"))
            .map(|f| (f["label"].clone(), f["needed_for"].clone()))
            .expect("a spec for the legal name")
    };
    assert_eq!(label(&english[2]).0, "Legal name");
    assert_eq!(
        label(&worded[2]),
        (
            json!(german("Legal name")),
            json!(german(label(&english[2]).1.as_str().expect("purpose")))
        )
    );

    let stops = |body: &Value| body["stops"].clone();
    let first_stop = stops(&english[3])[0].as_str().expect("a stop").to_string();
    assert_eq!(stops(&worded[3])[0], german(&first_stop));
    assert_eq!(worded[3]["kept"][0]["what"], german("Invoices"));

    let purpose = |body: &Value| body["purposes"][0].clone();
    let (en, de) = (purpose(&english[4]), purpose(&worded[4]));
    assert_eq!(en["purpose"], de["purpose"], "the id stays");
    assert_eq!(de["label"], german(en["label"].as_str().expect("label")));
    assert_eq!(
        de["description"],
        german(en["description"].as_str().expect("description"))
    );
    let locked = |body: &Value| {
        body["purposes"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|p| p["channels"].as_array().cloned().unwrap_or_default())
            .find_map(|c| c["locked_reason"].as_str().map(str::to_string))
            .expect("maintenance mail is locked on, with a reason")
    };
    assert_eq!(locked(&worded[4]), german(&locked(&english[4])));
}

on_both_stores!(
    stored_words_are_worded_when_read,
    field_rules_follow_the_profile_language,
    refusals_say_their_language_and_keep_their_values,
    mail_is_written_in_the_readers_language,
    an_opt_in_is_confirmed_in_the_persons_language,
    plans_are_described_in_the_readers_language,
    the_sign_in_page_follows_the_browser,
);
