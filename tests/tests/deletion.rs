//! Account deletion over real HTTP on both stores (PR-19, PR-20): the owner
//! is told what stops and what is kept, confirms with the account's name,
//! can cancel during the cooling-off period; staff see pending requests; an
//! administrator carries one out only after the cooling-off period and never
//! under a legal hold; erasure removes the account's data and keeps the
//! invoices and the receipts.

use chrono::Duration;
use serde_json::{json, Value};
use steward_server::clock::Clock;
use steward_server::store::ColumnKind;
use steward_tests::api::{company, Caller};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};
use steward_types::UserRole;
use uuid::Uuid;

const ADMIN: &str = "admin@support.example";

fn deletion(account: &str) -> String {
    format!("/v1/accounts/{account}/deletion")
}

async fn count(s: &TestServer, sql: &str, account: &str) -> u64 {
    let id: Uuid = account.parse().expect("uuid");
    let rows = s
        .store
        .export_rows(sql, id, None, &[("n", ColumnKind::Int)])
        .await
        .expect("count");
    rows[0]["n"].as_u64().expect("n")
}

/// PR-20: before confirming, the owner reads what stops and what is kept;
/// a wrong name is refused naming the field; the request waits out the
/// cooling-off period and can be cancelled; only owners ask.
async fn an_owner_requests_and_cancels(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let path = deletion(&c.account_id);

    let view = owner.get(&path).await;
    assert_eq!(view.status, 200, "{}", view.body);
    assert_eq!(view.body["account_name"], "Acme Media Ltd");
    assert!(view.body["stops"].as_array().is_some_and(|s| !s.is_empty()));
    let kept: Vec<&str> = view.body["kept"]
        .as_array()
        .expect("kept")
        .iter()
        .filter_map(|k| k["what"].as_str())
        .collect();
    assert!(kept.contains(&"Invoices"), "{kept:?}");
    assert_eq!(view.body["cooling_off_days"], 14);
    assert!(view.body.get("request").is_none());

    for (who, status) in [
        (c.billing, 403),
        (c.viewer, 403),
        (c.stranger, 404),
        (c.agent, 404),
    ] {
        let caller = Caller::sign_in(&s, who).await;
        let r = caller
            .post(&path, json!({"confirm_name": "Acme Media Ltd"}))
            .await;
        assert_eq!(r.status, status, "{who}: {}", r.body);
    }

    let r = owner.post(&path, json!({"confirm_name": "Acme"})).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        r.field_rules(),
        vec![("confirm_name".to_string(), "mismatch".to_string())]
    );

    let r = owner
        .post(
            &path,
            json!({"confirm_name": " acme media ltd ", "reason": "Moving to another host"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let req = &r.body["request"];
    assert_eq!(req["status"], "pending");
    assert_eq!(req["requested_by"], "Olive Owner");
    let requested = chrono::DateTime::parse_from_rfc3339(req["requested_at"].as_str().expect("at"))
        .expect("time");
    let effective = chrono::DateTime::parse_from_rfc3339(req["effective_at"].as_str().expect("at"))
        .expect("time");
    assert_eq!(effective - requested, Duration::days(14));
    assert!(
        owner
            .mail()
            .await
            .iter()
            .any(|m| m["subject"].as_str().is_some_and(|t| t.contains("delete"))),
        "the owner is told by e-mail"
    );

    let again = owner
        .post(&path, json!({"confirm_name": "Acme Media Ltd"}))
        .await;
    assert_eq!(again.status, 409, "one pending request: {}", again.body);

    let r = owner.delete(&path).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["request"]["status"], "cancelled");
    assert_eq!(r.body["request"]["closed_by"], "Olive Owner");
    assert_eq!(
        owner.delete(&path).await.status,
        409,
        "nothing left to cancel"
    );
    let r = owner
        .post(&path, json!({"confirm_name": "Acme Media Ltd"}))
        .await;
    assert_eq!(r.status, 201, "a new request after cancelling: {}", r.body);
}

/// PR-19: staff see the request; an administrator carries it out only after
/// the cooling-off period and not under a legal hold, which the customer
/// sees explained; erasure keeps invoices and receipts and ends access.
async fn staff_carry_it_out_after_cooling_off_and_never_under_a_hold(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let account: Uuid = c.account_id.parse().expect("uuid");
    let invoices = steward_server::demo::large_invoices(account, s.clock.now(), 0..3);
    s.store.insert_invoices(&invoices).await.expect("invoices");
    let owner = Caller::sign_in(&s, c.owner).await;
    let tag = owner.get("/v1/me/cookies").await.etag.expect("etag");
    let r = owner
        .send(
            reqwest::Method::PUT,
            "/v1/me/cookies",
            Some(json!({"preferences": true, "analytics": true})),
            Some(&tag),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = owner
        .post(
            &deletion(&c.account_id),
            json!({"confirm_name": "Acme Media Ltd"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let request_id = r.body["request"]["id"].as_str().expect("id").to_string();

    let agent = Caller::sign_in(&s, c.agent).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let pending = agent.get("/v1/staff/deletion-requests").await;
    assert_eq!(pending.status, 200, "{}", pending.body);
    assert_eq!(pending.body[0]["id"], request_id.as_str());
    assert_eq!(pending.body[0]["account_name"], "Acme Media Ltd");
    let complete = format!("/v1/staff/deletion-requests/{request_id}/complete");
    assert_eq!(
        agent.post(&complete, Value::Null).await.status,
        403,
        "agents do not delete"
    );
    assert_eq!(owner.post(&complete, Value::Null).await.status, 404);

    let r = admin.post(&complete, Value::Null).await;
    assert_eq!(r.status, 409, "cooling off: {}", r.body);

    // A legal hold: the customer sees it explained, and it blocks erasure.
    let hold = format!("/v1/staff/accounts/{}/legal-hold", c.account_id);
    assert_eq!(
        agent
            .send(
                reqwest::Method::PUT,
                &hold,
                Some(json!({"explanation": "x"})),
                None
            )
            .await
            .status,
        403
    );
    let r = admin
        .send(
            reqwest::Method::PUT,
            &hold,
            Some(json!({"explanation": ""})),
            None,
        )
        .await;
    assert_eq!(
        r.field_rules(),
        vec![("explanation".to_string(), "required".to_string())]
    );
    let why = "A court order requires us to keep this account's records until the case closes.";
    let r = admin
        .send(
            reqwest::Method::PUT,
            &hold,
            Some(json!({"explanation": why})),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    s.clock.advance(Duration::days(15));
    let owner = Caller::sign_in(&s, c.owner).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let view = owner.get(&deletion(&c.account_id)).await.body;
    assert_eq!(view["legal_hold"]["explanation"], why);
    let r = admin.post(&complete, Value::Null).await;
    assert_eq!(r.status, 409, "on hold: {}", r.body);
    assert!(r.body["detail"]
        .as_str()
        .unwrap_or_default()
        .contains("legal hold"));

    assert_eq!(admin.delete(&hold).await.status, 204);
    let receipts_before = count(&s, "SELECT COUNT(*) FROM consent_receipts WHERE user_id IN (SELECT user_id FROM account_members WHERE account_id = $1)", &c.account_id).await;
    assert!(receipts_before > 0);
    let r = admin.post(&complete, Value::Null).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "completed");
    assert_eq!(r.body["closed_by"], "Ada Admin");
    assert_eq!(admin.post(&complete, Value::Null).await.status, 409, "once");

    // Access ends; the account's data is gone; invoices and receipts stay.
    let me = owner.get("/v1/me").await.body;
    assert!(
        !me["accounts"]
            .as_array()
            .expect("accounts")
            .iter()
            .any(|a| a["account_id"] == c.account_id.as_str()),
        "{me}"
    );
    assert_eq!(owner.get(&deletion(&c.account_id)).await.status, 404);
    for (table, expected) in [
        ("account_members", 0),
        ("account_profiles", 0),
        ("payment_methods", 0),
        ("invitations", 0),
        ("usage_months", 0),
        ("invoices", 3),
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE account_id = $1");
        assert_eq!(count(&s, &sql, &c.account_id).await, expected, "{table}");
    }
    let owner_id = owner.get("/v1/me").await.body["user_id"]
        .as_str()
        .expect("id")
        .to_string();
    let receipts = count(
        &s,
        "SELECT COUNT(*) FROM consent_receipts WHERE user_id = $1",
        &owner_id,
    )
    .await;
    assert!(receipts > 0, "receipts are kept");
    assert!(owner.mail().await.iter().any(|m| m["subject"]
        .as_str()
        .is_some_and(|t| t.contains("has been deleted"))));
    assert_eq!(
        agent.get("/v1/staff/deletion-requests").await.body,
        json!([])
    );

    // Nothing more goes to partners: the erased account is opted out.
    let gate = steward_server::sharing::export(
        s.store.as_ref(),
        account,
        "northbeam-cdn",
        &["download logs"],
        "test",
        s.clock.now(),
    )
    .await
    .expect("store");
    assert!(
        matches!(
            gate,
            Err(steward_server::sharing::ExportRefused::OptedOut(_))
        ),
        "no export after erasure: {gate:?}"
    );
}

on_both_stores!(
    an_owner_requests_and_cancels,
    staff_carry_it_out_after_cooling_off_and_never_under_a_hold,
);
