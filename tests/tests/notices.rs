//! Policy versions and notices over real HTTP on both stores (PR-7): only
//! administrators publish, with every broken rule named; everyone the
//! version was not yet in force for gets a notice and an e-mail; reading and
//! acknowledging are idempotent, an acknowledgement leaves exactly one
//! receipt (also when sent twice at once), and every receipt quotes the
//! version in force at its time.

use chrono::Duration;
use serde_json::{json, Value};
use steward_server::clock::Clock;
use steward_tests::api::{company, Caller};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};
use steward_types::UserRole;

const ADMIN: &str = "admin@support.example";
const PUBLISH: &str = "/v1/staff/policy-versions";
const PREFS: &str = "/v1/me/communications";

fn version(s: &TestServer, name: &str, days_ahead: i64) -> Value {
    json!({
        "version": name,
        "title": "A new delivery partner",
        "summary": "EdgeCache Networks will deliver media.\nThey receive your account id.",
        "concerns": "personal_information",
        "opt_outs": ["stop_partner_sharing", "refuse_optional_cookies"],
        "effective_at": (s.clock.now() + Duration::days(days_ahead)).to_rfc3339(),
    })
}

async fn receipts(caller: &Caller) -> Vec<Value> {
    let r = caller.get("/v1/me/consent-receipts").await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().cloned().unwrap_or_default()
}

/// The policy version a preference change's answer quotes: the one its own
/// transaction read (issue 8), which must be the one in force.
async fn policy_quoted_by_a_change(caller: &Caller, usage_trends_in_app: bool) -> Value {
    let tag = caller.get(PREFS).await.etag.expect("etag");
    let change = json!({"changes": [
        {"purpose": "usage_trends", "channel": "in_app", "on": usage_trends_in_app}
    ]});
    let r = caller
        .send(reqwest::Method::PUT, PREFS, Some(change), Some(&tag))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["policy_version"].clone()
}

/// PR-7: administrators publish; agents are refused, customers do not even
/// see the route; bad input names each field and rule; names are unique.
async fn only_admins_publish_and_bad_input_is_named(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let body = version(&s, "privacy-policy-2027", 30);

    for (who, status) in [(c.owner, 404), (c.agent, 403)] {
        let caller = Caller::sign_in(&s, who).await;
        let r = caller.post(PUBLISH, body.clone()).await;
        assert_eq!(r.status, status, "{who}: {}", r.body);
    }

    let bad = json!({
        "version": "Policy 2027",
        "title": "",
        "summary": "x",
        "concerns": "account_information",
        "opt_outs": ["stop_partner_sharing"],
        "effective_at": (s.clock.now() - Duration::days(1)).to_rfc3339(),
    });
    let r = admin.post(PUBLISH, bad).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        r.field_rules(),
        vec![
            ("version".to_string(), "slug".to_string()),
            ("title".into(), "required".into()),
            ("opt_outs".into(), "not_allowed".into()),
            ("review_section".into(), "required".into()),
            ("effective_at".into(), "not_before_now".into()),
        ]
    );
    let r = admin
        .post(PUBLISH, json!({"version": "x", "concerns": "everything"}))
        .await;
    assert_eq!(r.status, 422, "an unknown concern is refused: {}", r.body);

    let r = admin.post(PUBLISH, body.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["version"], "privacy-policy-2027");
    assert_eq!(
        r.body["opt_outs"],
        json!(["refuse_optional_cookies", "stop_partner_sharing"])
    );
    let r = admin.post(PUBLISH, body).await;
    assert_eq!(r.status, 409, "names are unique: {}", r.body);

    let owner = Caller::sign_in(&s, c.owner).await;
    let r = owner.get("/v1/policy-versions").await;
    assert_eq!(r.status, 200);
    let names: Vec<&str> = r
        .body
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|v| v["version"].as_str())
        .collect();
    assert_eq!(names, vec!["privacy-policy-2027", "privacy-policy-2013"]);
}

/// PR-7: the notice reaches the console and the outbox; read and
/// acknowledge are idempotent; the acknowledgement leaves one receipt; the
/// version in force changes on its date and receipts quote it from then.
async fn notices_are_read_acknowledged_and_quoted(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let owner = Caller::sign_in(&s, c.owner).await;

    let r = owner.get("/v1/me/notices").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        (
            r.body["unread"].as_u64(),
            r.body["notices"].as_array().map(Vec::len)
        ),
        (Some(0), Some(0))
    );
    assert_eq!(r.body["current_version"], "privacy-policy-2013");

    s.clock.advance(Duration::seconds(5));
    let r = admin
        .post(PUBLISH, version(&s, "privacy-policy-2027", 30))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let mail = owner.mail().await;
    assert!(
        mail.iter().any(|m| m["subject"]
            .as_str()
            .is_some_and(|t| t.contains("A new delivery partner"))),
        "the notice is e-mailed too: {mail:?}"
    );

    let inbox = owner.get("/v1/me/notices").await.body;
    assert_eq!(inbox["unread"], 1);
    let n = &inbox["notices"][0];
    assert_eq!(n["policy"]["version"], "privacy-policy-2027");
    assert_eq!(n["policy"]["concerns"], "personal_information");
    assert!(n.get("read_at").is_none() && n.get("acknowledged_at").is_none());
    assert_eq!(
        inbox["current_version"], "privacy-policy-2013",
        "not in force yet"
    );

    let path = "/v1/me/notices/privacy-policy-2027";
    let first = owner.post(&format!("{path}/read"), json!(null)).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["unread"], 0);
    s.clock.advance(Duration::minutes(1));
    let again = owner.post(&format!("{path}/read"), json!(null)).await;
    assert_eq!(
        again.body["notices"][0]["read_at"], first.body["notices"][0]["read_at"],
        "reading again keeps the first time"
    );

    let before = receipts(&owner).await.len();
    let ack = format!("{path}/acknowledge");
    let (a, b) = tokio::join!(owner.post(&ack, json!(null)), owner.post(&ack, json!(null)));
    assert_eq!((a.status, b.status), (200, 200), "{} {}", a.body, b.body);
    let acked = owner.post(&ack, json!(null)).await;
    assert!(acked.body["notices"][0]["acknowledged_at"].is_string());
    let rs = receipts(&owner).await;
    assert_eq!(rs.len(), before + 1, "one receipt however often: {rs:?}");
    let r = rs
        .iter()
        .find(|r| r["subject"] == "policy/privacy-policy-2027")
        .expect("receipt");
    assert_eq!(
        (r["old_state"].as_str(), r["new_state"].as_str()),
        (Some("not_acknowledged"), Some("acknowledged"))
    );
    assert_eq!(
        r["policy_version"], "privacy-policy-2013",
        "quoted: the version in force then"
    );
    assert_eq!(
        policy_quoted_by_a_change(&owner, false).await,
        "privacy-policy-2013",
        "a change's answer quotes the version in force, not one published for later"
    );

    // Another person's notice state is their own; unknown versions are 404.
    let viewer = Caller::sign_in(&s, c.viewer).await;
    assert_eq!(viewer.get("/v1/me/notices").await.body["unread"], 1);
    assert_eq!(
        viewer
            .post("/v1/me/notices/no-such-version/read", json!(null))
            .await
            .status,
        404
    );
    assert_eq!(
        viewer
            .post(
                "/v1/me/notices/privacy-policy-2013/acknowledge",
                json!(null)
            )
            .await
            .status,
        404
    );

    // On its date the new version is in force: receipts quote it, and people
    // who join from then accepted it at sign-up, so they get no notice.
    s.clock.advance(Duration::days(31));
    let owner = Caller::sign_in(&s, c.owner).await;
    assert_eq!(
        owner.get("/v1/me/notices").await.body["current_version"],
        "privacy-policy-2027"
    );
    let tag = owner.get("/v1/me/cookies").await.etag.expect("etag");
    let r = owner
        .send(
            reqwest::Method::PUT,
            "/v1/me/cookies",
            Some(json!({"preferences": true, "analytics": false})),
            Some(&tag),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rs = receipts(&owner).await;
    let cookie = rs
        .iter()
        .find(|r| r["subject"] == "cookies/preferences")
        .expect("cookie receipt");
    assert_eq!(cookie["policy_version"], "privacy-policy-2027");
    assert_eq!(
        policy_quoted_by_a_change(&owner, true).await,
        "privacy-policy-2027"
    );

    s.add_user("late@example.com", "Late Comer", UserRole::Customer)
        .await;
    let late = Caller::sign_in(&s, "late@example.com").await;
    let inbox = late.get("/v1/me/notices").await.body;
    assert_eq!(
        (
            inbox["unread"].as_u64(),
            inbox["notices"].as_array().map(Vec::len)
        ),
        (Some(0), Some(0))
    );
}

on_both_stores!(
    only_admins_publish_and_bad_input_is_named,
    notices_are_read_acknowledged_and_quoted,
);
