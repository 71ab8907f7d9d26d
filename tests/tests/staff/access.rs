//! Who reaches the staff workspace and what it shows (PR-16): staff sign-in
//! needs two-factor, the role matrix holds on every staff route, views are
//! masked, and a reveal needs a reason and is recorded for the customer.

use super::*;

/// Acme's details that a staff view must show only masked, until a reveal.
const UNMASKED: [&str; 5] = [
    PHONE,
    CONTACT,
    "12 Wharf Road",
    "N1 7GR",
    "owner@acme.example",
];

/// Staff routes need two-factor on the staff account, and a session that
/// signed in with it; customers do not learn staff routes exist.
async fn staff_sign_in_requires_two_factor(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    // Added without the harness's two-factor enrolment.
    let plain = steward_server::users::add_user(
        s.store.as_ref(),
        s.clock.now(),
        "new.agent@support.example",
        "New Agent",
        UserRole::Agent,
        PASSWORD,
    )
    .await
    .expect("agent");
    let before = Caller::sign_in(&s, "new.agent@support.example").await;
    let r = before.get("/v1/staff/customers?q=acme").await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(r.body["code"], "staff_two_factor_required");
    // Two-factor is turned on after this session signed in.
    s.clock.advance(chrono::Duration::seconds(5));
    steward_server::users::enrol_two_factor(
        s.store.as_ref(),
        s.seal(),
        plain.id,
        steward_tests::server::STAFF_TOTP_SECRET,
        s.clock.now(),
    )
    .await
    .expect("enrol");
    // The old session signed in without a second factor: still refused.
    let r = before.get("/v1/staff/customers?q=acme").await;
    assert_eq!(
        r.body["code"], "staff_two_factor_required",
        "{} {}",
        r.status, r.body
    );
    let after = Caller::sign_in(&s, "new.agent@support.example").await;
    let r = after.get("/v1/staff/customers?q=acme").await;
    assert_eq!(r.status, 200, "{}", r.body);

    let owner = Caller::sign_in(&s, c.owner).await;
    assert_eq!(owner.get("/v1/staff/customers?q=acme").await.status, 404);
}

/// Agents use the customer tools; the audit log and staff accounts are for
/// administrators (agents 403); customers get 404; nobody signed out gets in.
async fn the_role_matrix_holds(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, owner) = acme(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let reads = [
        "/v1/staff/customers?q=acme".to_string(),
        customer(&c),
        "/v1/staff/tickets".into(),
    ];
    for path in &reads {
        assert_eq!(agent.get(path).await.status, 200, "agent {path}");
        assert_eq!(admin.get(path).await.status, 200, "admin {path}");
        assert_eq!(owner.get(path).await.status, 404, "owner {path}");
    }
    for path in ["/v1/staff/audit", "/v1/staff/members"] {
        assert_eq!(agent.get(path).await.status, 403, "agent {path}");
        assert_eq!(admin.get(path).await.status, 200, "admin {path}");
        assert_eq!(owner.get(path).await.status, 404, "owner {path}");
    }
    let anon = s.http.get(s.url(&customer(&c))).send().await.expect("get");
    assert_eq!(anon.status(), 401);
    // Customers' own support routes: members yes, strangers no.
    let stranger = Caller::sign_in(&s, c.stranger).await;
    let tickets = format!("/v1/accounts/{}/tickets", c.account_id);
    assert_eq!(owner.get(&tickets).await.status, 200);
    assert_eq!(stranger.get(&tickets).await.status, 404);
    let viewer = Caller::sign_in(&s, c.viewer).await;
    let settings = format!("/v1/accounts/{}/staff-access/settings", c.account_id);
    let r = viewer
        .send_with(
            reqwest::Method::PUT,
            &settings,
            Some(json!({"require_approval": true})),
            &[],
        )
        .await;
    assert_eq!(r.status, 403, "only owners decide: {}", r.body);
}

/// Every staff route, from the route table (so a new one cannot be
/// missed): nobody signed out gets in (401), customers do not learn it
/// exists (404), agents get 403 on administrators' routes; and no response
/// an agent gets carries the customer's unmasked contact data.
async fn every_staff_route_keeps_the_matrix_and_masks(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, owner) = acme(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let t = owner
        .post(
            &format!("/v1/accounts/{}/tickets", c.account_id),
            json!({"subject": "Invoices", "body": "Where do our invoices go?"}),
        )
        .await;
    let ticket = t.body["id"].as_str().expect("ticket").to_string();
    let owner_id = owner.get("/v1/me").await.body["user_id"]
        .as_str()
        .expect("id")
        .to_string();
    let agent = Caller::sign_in(&s, c.agent).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let (_, table) = steward_server::app::api(s.server.state.clone()).into_parts();
    let staff_routes: Vec<_> = table
        .iter()
        .filter(|r| r.path.starts_with("/v1/staff/"))
        .collect();
    assert!(staff_routes.len() >= 25, "{}", staff_routes.len());
    for r in staff_routes {
        let path = r
            .path
            .replace("{account_id}", &c.account_id)
            .replace("{ticket_id}", &ticket)
            .replace("{user_id}", &owner_id)
            .replace("{request_id}", &uuid::Uuid::nil().to_string())
            .replace("{partner_id}", "tally-insights")
            .replace("{version}", "v");
        let body = (r.method != reqwest::Method::GET).then(|| json!({}));
        let anon = s
            .http
            .request(r.method.clone(), s.url(&path))
            .send()
            .await
            .expect("request");
        assert_eq!(anon.status(), 401, "signed out: {} {path}", r.method);
        let as_owner = owner
            .send_with(r.method.clone(), &path, body.clone(), &[])
            .await;
        assert_eq!(as_owner.status, 404, "customer: {} {path}", r.method);
        let as_agent = agent
            .send_with(r.method.clone(), &path, body.clone(), &[])
            .await;
        match r.policy {
            steward_server::policy::Policy::Admin => {
                assert_eq!(as_agent.status, 403, "agent: {} {path}", r.method);
            }
            steward_server::policy::Policy::Staff => {
                assert!(
                    ![401, 403, 500].contains(&as_agent.status),
                    "agent: {} {path}: {} {}",
                    r.method,
                    as_agent.status,
                    as_agent.body
                );
            }
            other => panic!("{path} is under /v1/staff/ with policy {other:?}"),
        }
        if r.method == reqwest::Method::GET {
            for secret in UNMASKED {
                assert!(
                    !has_text(&as_agent.body, secret),
                    "{path} shows {secret} unmasked"
                );
            }
            let as_admin = admin.get(&path).await;
            assert!(as_admin.status < 500, "admin: {path}: {}", as_admin.body);
        }
    }
}

/// Masked by default; a reveal needs a reason, returns only what was asked
/// for, and is in the audit log and on the customer's staff-access page.
async fn reveals_need_a_reason_and_are_recorded(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, owner) = acme(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let view = agent.get(&customer(&c)).await;
    assert_eq!(view.status, 200, "{}", view.body);
    assert_eq!(view.body["phone_masked"], "••••••••••21");
    assert_eq!(view.body["address_masked"], "London, GB");
    assert_eq!(view.body["emails_masked"][0], "a***@acme-media.example");
    for secret in UNMASKED {
        assert!(!has_text(&view.body, secret), "{secret} in masked view");
    }
    let reveal = format!("{}/reveal", customer(&c));
    let r = agent
        .post(&reveal, json!({"fields": ["phone"], "reason": " "}))
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.body["errors"][0]["field"], "reason");
    assert_eq!(r.body["errors"][0]["rule"], "required");
    let r = agent
        .post(
            &reveal,
            json!({"fields": ["phone", "postal_address"], "reason": "Caller asked for a callback", "ticket": "T-000009"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["phones"][0], PHONE);
    assert_eq!(r.body["postal_address"]["line1"], "12 Wharf Road");
    assert!(r.body.get("contact_emails").is_none());

    let admin = Caller::sign_in(&s, ADMIN).await;
    let log = admin
        .get(&format!(
            "/v1/staff/audit?account_id={}&action=reveal",
            c.account_id
        ))
        .await;
    assert_eq!(log.status, 200, "{}", log.body);
    let entry = &log.body["items"][0];
    assert_eq!(entry["staff_name"], "Aga Agent");
    assert_eq!(entry["reason"], "Caller asked for a callback");
    assert_eq!(entry["ticket"], "T-000009");
    assert_eq!(entry["what"], "telephone numbers, postal address");
    assert!(entry["ip"].as_str().is_some_and(|ip| ip == "127.0.0.1"));
    // The log names fields, never their values.
    assert!(!has_text(&log.body, PHONE));

    let page = owner
        .get(&format!("/v1/accounts/{}/staff-access", c.account_id))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let items = page.body["items"].as_array().expect("items");
    let reveal = items
        .iter()
        .find(|i| i["action"] == "reveal")
        .expect("the reveal is shown to the customer");
    assert_eq!(reveal["staff"], "Aga Agent");
    assert_eq!(reveal["reason"], "Caller asked for a callback");
    assert!(items.iter().any(|i| i["action"] == "view_customer"));
}

on_both_stores!(
    staff_sign_in_requires_two_factor,
    the_role_matrix_holds,
    every_staff_route_keeps_the_matrix_and_masks,
    reveals_need_a_reason_and_are_recorded,
);
