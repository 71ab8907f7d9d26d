//! The account profile over real HTTP on both stores (PR-1, PR-9, PR-18):
//! who may read and change it, validation, optimistic concurrency, history.

use reqwest::Method;
use serde_json::json;
use steward_server::clock::Clock;
use steward_tests::api::{company, valid_company_profile, Caller, Company};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};

fn path(c: &Company, rest: &str) -> String {
    format!("/v1/accounts/{}{rest}", c.account_id)
}

async fn put(
    caller: &Caller,
    c: &Company,
    body: serde_json::Value,
    etag: Option<&str>,
) -> steward_tests::api::Resp {
    caller
        .send(Method::PUT, &path(c, "/profile"), Some(body), etag)
        .await
}

/// PR-12: each role reaches what its role allows; strangers and staff get
/// 404 (the account does not exist for them), never a hint.
async fn each_role_reads_and_changes_what_it_may(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let billing = Caller::sign_in(&s, c.billing).await;
    let viewer = Caller::sign_in(&s, c.viewer).await;
    let stranger = Caller::sign_in(&s, c.stranger).await;
    let agent = Caller::sign_in(&s, c.agent).await;

    let read = owner.get(&path(&c, "/profile")).await;
    assert_eq!(read.status, 200, "{}", read.body);
    let etag = read.etag.clone().expect("strong ETag");
    assert!(etag.starts_with('"'), "strong, not weak: {etag}");

    // Reads: every member; nobody else.
    for (who, caller, status) in [
        ("billing manager", &billing, 200),
        ("viewer", &viewer, 200),
        ("stranger", &stranger, 404),
        ("agent", &agent, 404),
    ] {
        for rest in [
            "/profile",
            "/profile/history",
            "/verifications",
            "/corrections",
        ] {
            let r = caller.get(&path(&c, rest)).await;
            assert_eq!(r.status, status, "{who} GET {rest}: {}", r.body);
        }
    }
    // Team: owner and viewer see it; the billing manager does not reach it.
    for (who, caller, status) in [
        ("owner", &owner, 200),
        ("viewer", &viewer, 200),
        ("billing manager", &billing, 403),
        ("stranger", &stranger, 404),
        ("agent", &agent, 404),
    ] {
        let r = caller.get(&path(&c, "/team")).await;
        assert_eq!(r.status, status, "{who} GET team: {}", r.body);
    }
    // Writes: only the owner.
    let body = valid_company_profile("Acme");
    for (who, caller, status) in [
        ("billing manager", &billing, 403),
        ("viewer", &viewer, 403),
        ("stranger", &stranger, 404),
        ("agent", &agent, 404),
    ] {
        let r = put(caller, &c, body.clone(), Some(&etag)).await;
        assert_eq!(r.status, status, "{who} PUT profile: {}", r.body);
        let r = caller
            .post(
                &path(&c, "/invitations"),
                json!({"email": "new@acme.example", "role": "viewer"}),
            )
            .await;
        let expected = if status == 403 { 403 } else { 404 };
        assert_eq!(r.status, expected, "{who} invite: {}", r.body);
    }
    let r = put(&owner, &c, body, Some(&etag)).await;
    assert_eq!(r.status, 200, "owner PUT: {}", r.body);

    // Bad query strings are problems too, never plain text.
    let r = owner.get(&path(&c, "/profile/history?limit=lots")).await;
    assert_eq!((r.status, r.code()), (400, "bad_request"), "{}", r.body);
    // Unknown and malformed account ids look the same as someone else's.
    for bad in [
        "/v1/accounts/00000000-0000-0000-0000-000000000000/profile",
        "/v1/accounts/nope/profile",
    ] {
        assert_eq!(owner.get(bad).await.status, 404, "{bad}");
    }
    s.shutdown().await;
}

/// 428 without If-Match, 412 when stale, the new ETag after a save, and a
/// no-op save does not bump the version.
async fn writes_need_the_current_etag(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let first = owner.get(&path(&c, "/profile")).await;
    let v1 = first.etag.clone().expect("etag");

    let r = put(&owner, &c, valid_company_profile("Acme"), None).await;
    assert_eq!(
        (r.status, r.code()),
        (428, "precondition_required"),
        "{}",
        r.body
    );
    let r = put(&owner, &c, valid_company_profile("Acme"), Some("*")).await;
    assert_eq!(r.status, 428, "* would overwrite blindly: {}", r.body);
    let r = put(&owner, &c, valid_company_profile("Acme"), Some("W/\"1\"")).await;
    assert_eq!(r.status, 412, "a weak tag never matches: {}", r.body);

    let saved = put(&owner, &c, valid_company_profile("Acme"), Some(&v1)).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let v2 = saved.etag.clone().expect("new etag");
    assert_ne!(v1, v2);
    assert_eq!(
        saved.body["profile"]["phone"], "+442079460958",
        "E.164 normalised"
    );

    let stale = put(&owner, &c, valid_company_profile("Someone else"), Some(&v1)).await;
    assert_eq!(
        (stale.status, stale.code()),
        (412, "precondition_failed"),
        "{}",
        stale.body
    );
    let now = owner.get(&path(&c, "/profile")).await;
    assert_eq!(
        now.body["profile"]["display_name"], "Acme",
        "the stale write changed nothing"
    );

    let same = put(&owner, &c, valid_company_profile("Acme"), Some(&v2)).await;
    assert_eq!(same.status, 200);
    assert_eq!(
        same.etag.as_deref(),
        Some(v2.as_str()),
        "no change, no new version"
    );
    s.shutdown().await;
}

/// Bad input: 422 naming each field and rule; nothing stored.
async fn invalid_fields_are_named_and_nothing_is_stored(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let v1 = owner.get(&path(&c, "/profile")).await.etag.expect("etag");
    let mut body = valid_company_profile("Acme");
    body["postal_address"]["postal_code"] = json!("12345");
    body["phone"] = json!("020 7946 0958");
    body["ip_ranges"] = json!(["192.0.2.1/24", "2001:db8::/129"]);
    body["domains"] = json!(["-bad-.example", "localhost"]);
    body["emails"] = json!([{"address": "not-an-address", "purpose": "general"}]);
    body["legal_name"] = json!("");
    let r = put(&owner, &c, body, Some(&v1)).await;
    assert_eq!(
        (r.status, r.code()),
        (422, "validation_failed"),
        "{}",
        r.body
    );
    let rules = r.field_rules();
    for field in [
        "postal_address.postal_code",
        "phone",
        "ip_ranges[0]",
        "ip_ranges[1]",
        "domains[0]",
        "domains[1]",
        "emails[0].address",
        "legal_name",
    ] {
        assert!(
            rules.iter().any(|(f, _)| f == field),
            "{field} not reported in {rules:?}"
        );
    }
    assert!(
        rules.contains(&("ip_ranges[0]".into(), "cidr_host_bits".into())),
        "{rules:?}"
    );
    assert!(r.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    let after = owner.get(&path(&c, "/profile")).await;
    assert_eq!(after.etag.as_deref(), Some(v1.as_str()), "nothing stored");

    // Unknown fields and wrong types are refused with 422, not 500.
    let r = put(&owner, &c, json!({"display_name": 5}), Some(&v1)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let r = put(
        &owner,
        &c,
        json!({"legal_name": "x", "display_name": "y", "shoe_size": 9}),
        Some(&v1),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    s.shutdown().await;
}

/// PR-9: the legal company name (and the tax id once invoiced) change only
/// through a correction request; staff resolve it and the value lands with
/// a staff entry in the history.
async fn correction_only_fields_go_through_requests(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let viewer = Caller::sign_in(&s, c.viewer).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let v1 = owner.get(&path(&c, "/profile")).await.etag.expect("etag");
    let v2 = put(&owner, &c, valid_company_profile("Acme"), Some(&v1))
        .await
        .etag
        .expect("etag");

    let mut renamed = valid_company_profile("Acme");
    renamed["company"]["name"] = json!("Acme Holdings plc");
    let r = put(&owner, &c, renamed, Some(&v2)).await;
    assert_eq!(r.status, 422);
    assert!(
        r.field_rules()
            .contains(&("company.name".into(), "correction_only".into())),
        "{}",
        r.body
    );

    // Invoiced: the tax id locks too (and the field table says so).
    let account_id = c.account_id.parse().expect("uuid");
    s.store
        .set_invoiced(account_id, s.clock.now())
        .await
        .expect("invoiced");
    let view = owner.get(&path(&c, "/profile")).await;
    let spec = view.body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["field"] == "company.tax_id")
        .cloned()
        .expect("tax id spec");
    assert_eq!(spec["editable"], "correction_only");
    let mut taxed = valid_company_profile("Acme");
    taxed["company"]["tax_id"] = json!("GB000000000");
    let r = put(&owner, &c, taxed, Some(&v2)).await;
    assert!(
        r.field_rules()
            .contains(&("company.tax_id".into(), "correction_only".into())),
        "{}",
        r.body
    );

    // Requests: only for correction-only fields, with a reason; viewers may not.
    let bad = owner
        .post(
            &path(&c, "/corrections"),
            json!({"field": "display_name", "requested_value": "X", "reason": "why"}),
        )
        .await;
    assert!(
        bad.field_rules()
            .contains(&("field".into(), "correction_field".into())),
        "{}",
        bad.body
    );
    let bad = owner
        .post(
            &path(&c, "/corrections"),
            json!({"field": "company.name", "requested_value": "Acme Holdings plc", "reason": " "}),
        )
        .await;
    assert!(
        bad.field_rules()
            .contains(&("reason".into(), "required".into())),
        "{}",
        bad.body
    );
    let r = viewer
        .post(
            &path(&c, "/corrections"),
            json!({"field": "company.name", "requested_value": "A", "reason": "b"}),
        )
        .await;
    assert_eq!(r.status, 403);
    let created = owner
        .post(&path(&c, "/corrections"), json!({"field": "company.name", "requested_value": "Acme Holdings plc", "reason": "Renamed at Companies House"}))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["status"], "open");
    assert_eq!(created.body["current_value"], "Acme Media Ltd");
    let id = created.body["id"].as_str().expect("id").to_string();

    // Customers cannot resolve their own requests; staff can, and must say why when declining.
    let r = owner
        .send(
            Method::PATCH,
            &format!("/v1/staff/corrections/{id}"),
            Some(json!({"status": "done"})),
            None,
        )
        .await;
    assert_eq!(r.status, 404, "staff routes do not exist for customers");
    let r = agent
        .send(
            Method::PATCH,
            &format!("/v1/staff/corrections/{id}"),
            Some(json!({"status": "declined"})),
            None,
        )
        .await;
    assert!(
        r.field_rules()
            .contains(&("resolution".into(), "required".into())),
        "{}",
        r.body
    );
    let r = agent
        .send(
            Method::PATCH,
            &format!("/v1/staff/corrections/{id}"),
            Some(json!({"status": "in_review"})),
            None,
        )
        .await;
    assert_eq!(r.body["status"], "in_review", "{}", r.body);
    let r = agent
        .send(
            Method::PATCH,
            &format!("/v1/staff/corrections/{id}"),
            Some(json!({"status": "done", "resolution": "Checked the register"})),
            None,
        )
        .await;
    assert_eq!(r.body["status"], "done", "{}", r.body);
    let r = agent
        .send(
            Method::PATCH,
            &format!("/v1/staff/corrections/{id}"),
            Some(json!({"status": "declined", "resolution": "x"})),
            None,
        )
        .await;
    assert_eq!(r.status, 409, "final states stay final");

    let view = owner.get(&path(&c, "/profile")).await;
    assert_eq!(view.body["profile"]["company"]["name"], "Acme Holdings plc");
    let history = owner.get(&path(&c, "/profile/history")).await;
    let entry = history
        .body
        .as_array()
        .expect("list")
        .iter()
        .find(|h| h["field"] == "company.name")
        .cloned()
        .expect("history entry");
    assert_eq!(entry["actor"]["kind"], "staff");
    assert_eq!(entry["old_value"], "Acme Media Ltd");
    let listed = viewer.get(&path(&c, "/corrections")).await;
    assert_eq!(
        listed.body[0]["status"], "done",
        "the customer side sees the outcome"
    );
    s.shutdown().await;
}

/// Staff find open requests in a queue; of two agents deciding at once one
/// wins; a correction applies even when other fields are still incomplete.
async fn staff_work_the_correction_queue(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let second_agent_email = "agent2@support.example";
    s.add_user(
        second_agent_email,
        "Ben Agent",
        steward_types::UserRole::Agent,
    )
    .await;
    let agent2 = Caller::sign_in(&s, second_agent_email).await;

    // The profile was never saved: no legal name, no address (both required).
    let first = owner
        .post(&path(&c, "/corrections"), json!({"field": "company.name", "requested_value": "Acme Holdings plc", "reason": "Renamed"}))
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let second = owner
        .post(
            &path(&c, "/corrections"),
            json!({"field": "company.name", "requested_value": "Acme Group", "reason": "Or this"}),
        )
        .await;
    let id1 = first.body["id"].as_str().expect("id").to_string();
    let id2 = second.body["id"].as_str().expect("id").to_string();

    assert_eq!(
        owner.get("/v1/staff/corrections").await.status,
        404,
        "not for customers"
    );
    let queue = agent.get("/v1/staff/corrections").await;
    assert_eq!(queue.status, 200, "{}", queue.body);
    let ids: Vec<&str> = queue
        .body
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|q| q["request"]["id"].as_str())
        .collect();
    assert_eq!(ids, vec![id1.as_str(), id2.as_str()], "oldest first");
    assert_eq!(queue.body[0]["account_id"], c.account_id.as_str());
    assert_eq!(
        agent.get("/v1/staff/corrections?status=bogus").await.status,
        422
    );

    // Two agents at once: one done, one declined; exactly one decision stands.
    let url = format!("/v1/staff/corrections/{id1}");
    let (a, b) = tokio::join!(
        agent.send(
            Method::PATCH,
            &url,
            Some(json!({"status": "done", "resolution": "Checked"})),
            None
        ),
        agent2.send(
            Method::PATCH,
            &url,
            Some(json!({"status": "declined", "resolution": "No evidence"})),
            None
        ),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let name = owner.get(&path(&c, "/profile")).await.body["profile"]["company"]["name"].clone();
    if a.status == 200 {
        assert_eq!(
            name, "Acme Holdings plc",
            "done was applied despite the incomplete profile"
        );
    } else {
        assert_eq!(name, "Acme Media Ltd", "declined changes nothing");
    }
    let queue = agent.get("/v1/staff/corrections").await;
    assert_eq!(
        queue.body.as_array().expect("list").len(),
        1,
        "decided requests leave the queue"
    );
    s.shutdown().await;
}

/// PR-1: who changed which field, when, from what to what.
async fn history_records_each_changed_field(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let v1 = owner.get(&path(&c, "/profile")).await.etag.expect("etag");
    let v2 = put(&owner, &c, valid_company_profile("Acme"), Some(&v1))
        .await
        .etag
        .expect("etag");
    s.clock.advance(chrono::Duration::minutes(5));
    let mut next = valid_company_profile("Acme Media");
    next["fax"] = json!("+44 20 7946 0000");
    let r = put(&owner, &c, next, Some(&v2)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let history = owner.get(&path(&c, "/profile/history")).await.body;
    let latest: Vec<_> = history
        .as_array()
        .expect("list")
        .iter()
        .filter(|h| h["version"] == r.body["version"])
        .collect();
    let fields: Vec<&str> = latest.iter().filter_map(|h| h["field"].as_str()).collect();
    assert_eq!(
        fields,
        vec!["display_name", "fax"],
        "exactly the changed fields"
    );
    let display = latest[0];
    assert_eq!(display["old_value"], "Acme");
    assert_eq!(display["new_value"], "Acme Media");
    assert_eq!(display["actor"]["name"], "Olive Owner");
    assert_eq!(display["actor"]["kind"], "member");
    assert!(latest[1]["old_value"].is_null(), "fax was empty");
    s.shutdown().await;
}

/// 50 writers race with the same version: exactly one wins per version, the
/// rest get 412 (never 500, never a lost update). Three rounds.
async fn fifty_writers_one_winner_per_version(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let mut etag = owner.get(&path(&c, "/profile")).await.etag.expect("etag");
    for round in 0..3 {
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let owner = owner.clone();
                let c = c.clone();
                let etag = etag.clone();
                async move {
                    put(
                        &owner,
                        &c,
                        valid_company_profile(&format!("Writer {round}-{i}")),
                        Some(&etag),
                    )
                    .await
                }
            })
            .collect();
        let results = futures_join_all(tasks).await;
        let winners: Vec<_> = results.iter().filter(|r| r.status == 200).collect();
        let losers = results.iter().filter(|r| r.status == 412).count();
        assert_eq!(
            winners.len(),
            1,
            "round {round}: {:?}",
            results.iter().map(|r| r.status).collect::<Vec<_>>()
        );
        assert_eq!(losers, 49, "round {round}: everyone else is told to merge");
        let current = owner.get(&path(&c, "/profile")).await;
        assert_eq!(
            current.body["profile"]["display_name"], winners[0].body["profile"]["display_name"],
            "the winner's write is the one stored"
        );
        etag = current.etag.expect("etag");
    }
    let history = owner
        .get(&path(&c, "/profile/history?limit=500"))
        .await
        .body;
    let display_changes = history
        .as_array()
        .expect("list")
        .iter()
        .filter(|h| h["field"] == "display_name")
        .count();
    assert_eq!(display_changes, 3, "one history entry per winning write");
    s.shutdown().await;
}

async fn futures_join_all<F: std::future::Future + Send + 'static>(tasks: Vec<F>) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = tasks.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}

on_both_stores!(
    each_role_reads_and_changes_what_it_may,
    writes_need_the_current_etag,
    invalid_fields_are_named_and_nothing_is_stored,
    correction_only_fields_go_through_requests,
    staff_work_the_correction_queue,
    history_records_each_changed_field,
    fifty_writers_one_winner_per_version,
);
