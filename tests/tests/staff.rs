//! The staff workspace over real HTTP on both stores (PR-10, PR-11, PR-16,
//! PR-17): staff sign-in needs two-factor; the role matrix; search finds by
//! every field and masks; reveals need a reason and are recorded; callers
//! are verified by PIN or e-mailed code; acting on a customer's behalf
//! needs a verified caller and shows in the customer's history; a customer
//! can require approval; tickets keep internal notes from the customer; the
//! case summary is anonymous; the customer's staff-access page shows it all.

use serde_json::{json, Value};
use steward_server::clock::Clock;
use steward_tests::api::{company, Caller, Company};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer, PASSWORD};
use steward_types::UserRole;

const ADMIN: &str = "admin@support.example";
const PHONE: &str = "+442079460321";
const CONTACT: &str = "accounts@acme-media.example";

fn customer(c: &Company) -> String {
    format!("/v1/staff/customers/{}", c.account_id)
}

/// A company whose owner filled in the profile (which re-indexes it).
async fn acme(s: &TestServer) -> (Company, Caller) {
    let c = company(s).await;
    let owner = Caller::sign_in(s, c.owner).await;
    let path = format!("/v1/accounts/{}/profile", c.account_id);
    let current = owner.get(&path).await;
    assert_eq!(current.status, 200, "{}", current.body);
    let mut profile = current.body["profile"].clone();
    profile["legal_name"] = json!("Olive Owner");
    profile["company"] = json!({"name": "Acme Media Ltd", "website": "https://acme-media.example"});
    profile["emails"] = json!([{"address": CONTACT, "purpose": "billing"}]);
    profile["phone"] = json!(PHONE);
    profile["postal_address"] = json!({"country": "GB", "line1": "12 Wharf Road",
        "locality": "London", "postal_code": "N1 7GR"});
    let etag = current.etag.clone().expect("etag");
    let saved = owner
        .send_with(
            reqwest::Method::PUT,
            &path,
            Some(profile),
            &[("If-Match", Some(&etag))],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    (c, owner)
}

fn has_text(v: &Value, needle: &str) -> bool {
    v.to_string().contains(needle)
}

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
            for secret in [
                PHONE,
                CONTACT,
                "12 Wharf Road",
                "N1 7GR",
                "owner@acme.example",
            ] {
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

/// Search by name, e-mail, company, telephone, domain, account id and
/// invoice number; prefix and substring; ranked; masked.
async fn search_finds_every_field_and_masks(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, _) = acme(&s).await;
    steward_server::demo::seed(s.store.as_ref(), s.seal(), s.clock.now())
        .await
        .expect("demo");
    let agent = Caller::sign_in(&s, c.agent).await;
    let find = |q: &str| {
        let agent = agent.clone();
        let q = q.to_owned();
        async move {
            let r = agent
                .get(&format!("/v1/staff/customers?q={}", urlencode(&q)))
                .await;
            assert_eq!(r.status, 200, "{q}: {}", r.body);
            r.body
        }
    };
    for (q, field, kind) in [
        ("Olive Owner", "name", "exact"),
        ("oliv", "name", "prefix"),
        ("owner@acme", "email", "prefix"),
        ("media lt", "company", "word_prefix"),
        ("edia lt", "company", "substring"),
        ("7946 0321", "phone", "substring"),
        ("acme-media.example", "domain", "exact"),
    ] {
        let body = find(q).await;
        // The owner's personal account may match as well as the company.
        let hit = body["items"]
            .as_array()
            .and_then(|items| {
                items
                    .iter()
                    .find(|i| i["account_id"] == c.account_id.as_str())
            })
            .unwrap_or_else(|| panic!("{q}: not found in {body}"));
        assert_eq!(hit["matched"], field, "{q}: {body}");
        assert_eq!(hit["match_kind"], kind, "{q}: {body}");
        assert_eq!(
            body["items"][0]["match_kind"], kind,
            "{q}: ranked first: {body}"
        );
        // Results are masked: no whole e-mail or telephone number.
        let items = &body["items"];
        assert!(!has_text(items, "owner@acme.example"), "{q}: {body}");
        assert!(!has_text(items, PHONE), "{q}: {body}");
        assert!(!has_text(items, "7946"), "{q}: {body}");
    }
    let by_id = find(&c.account_id).await;
    assert_eq!(by_id["items"][0]["matched"], "account_id");
    // An invoice of the demo company, by a prefix of its number.
    let invoice: String = steward_server::store::invoice_number(by_demo_company(&s).await, 1);
    let body = find(&invoice[..12]).await;
    assert_eq!(body["items"][0]["matched"], "invoice", "{body}");
    assert_eq!(body["items"][0]["account_name"], "Northwind Studios Ltd");
    // Too short a query names the field and the rule.
    let r = agent.get("/v1/staff/customers?q=a").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["errors"][0]["field"], "q");
    assert_eq!(r.body["errors"][0]["rule"], "too_short");
    // Nothing to find is an empty list, not an error.
    let none = find("zzqqxx").await;
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0));
}

async fn by_demo_company(s: &TestServer) -> uuid::Uuid {
    let (access, refresh) = steward_tests::oauth::sign_in(
        s,
        steward_server::demo::DEMO_CUSTOMER_EMAIL,
        steward_server::demo::DEMO_PASSWORD,
    )
    .await;
    let priya = Caller::with_tokens(s, access, refresh);
    priya.account_of_kind("company").await.parse().expect("id")
}

fn urlencode(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// The queries are served by indexes on both stores: B-tree ranges for
/// prefixes, the trigram index for substrings.
async fn search_query_plans_use_indexes(backend: Backend) {
    let s = TestServer::start(backend).await;
    steward_server::generate::generate(s.store.as_ref(), 3000, 7, s.clock.now(), |_, _| {})
        .await
        .expect("generate");
    let plans = s.store.search_plans("smith").await.expect("plans");
    let plan = |name: &str| -> String {
        plans
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, l)| l.join("\n"))
            .unwrap_or_default()
    };
    for name in ["prefix", "substring", "invoice"] {
        let p = plan(name);
        assert!(!p.is_empty(), "{name}: no plan");
        assert!(!p.contains("Seq Scan"), "{name} scans:\n{p}");
        assert!(
            !p.lines()
                .any(|l| l.trim_start().starts_with("SCAN search_terms")
                    || l.trim_start().starts_with("SCAN invoices")),
            "{name} scans:\n{p}"
        );
    }
    match backend {
        Backend::Sqlite => {
            assert!(
                plan("prefix").contains("INDEX search_terms_value"),
                "{}",
                plan("prefix")
            );
            assert!(
                plan("substring").contains("VIRTUAL TABLE INDEX"),
                "{}",
                plan("substring")
            );
            assert!(
                plan("invoice").contains("INDEX invoices_number"),
                "{}",
                plan("invoice")
            );
        }
        Backend::Postgres => {
            assert!(
                plan("prefix").contains("search_terms_value"),
                "{}",
                plan("prefix")
            );
            assert!(
                plan("substring").contains("search_terms_trgm"),
                "{}",
                plan("substring")
            );
            assert!(
                plan("invoice").contains("invoices_number"),
                "{}",
                plan("invoice")
            );
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
    for secret in [
        PHONE,
        CONTACT,
        "12 Wharf Road",
        "N1 7GR",
        "owner@acme.example",
    ] {
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

/// PR-10: support PIN and e-mailed code; every check is recorded; five
/// wrong answers pause checks for that person.
async fn callers_are_verified_by_pin_or_code(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, owner) = acme(&s).await;
    let me = owner.get("/v1/me").await.body["user_id"].clone();
    let r = owner
        .send_with(
            reqwest::Method::PUT,
            "/v1/me/support-pin",
            Some(json!({"pin": "123456"})),
            &[],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["errors"][0]["rule"], "guessable");
    let r = owner
        .send_with(
            reqwest::Method::PUT,
            "/v1/me/support-pin",
            Some(json!({"pin": "402719"})),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["is_set"], true);

    let agent = Caller::sign_in(&s, c.agent).await;
    let checks = format!("{}/caller-checks", customer(&c));
    let wrong = agent
        .post(
            &checks,
            json!({"user_id": me, "method": "support_pin", "answer": "111222"}),
        )
        .await;
    assert_eq!(wrong.status, 200, "{}", wrong.body);
    assert_eq!(wrong.body["passed"], false);
    assert_eq!(wrong.body["attempts_left"], 4);
    let right = agent
        .post(
            &checks,
            json!({"user_id": me, "method": "support_pin", "answer": "402719"}),
        )
        .await;
    assert_eq!(right.body["passed"], true, "{}", right.body);
    let view = agent.get(&customer(&c)).await;
    assert_eq!(view.body["caller_check"]["passed"], true);
    assert_eq!(
        view.body["caller_check"]["attempts_left"], 4,
        "one wrong answer counts"
    );

    // The e-mailed code: read from the owner's mailbox, read back to the agent.
    let sent = agent
        .post(&format!("{checks}/code"), json!({"user_id": me}))
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(sent.body["sent_to"], "o***@acme.example");
    let mail = owner.get("/v1/me/outbox").await;
    let body = mail.body.to_string();
    let at = body
        .find("Read this code to the agent: ")
        .expect("code mail")
        + 29;
    let code: String = body[at..at + 6].to_string();
    let ok = agent
        .post(
            &checks,
            json!({"user_id": me, "method": "email_code", "answer": code}),
        )
        .await;
    assert_eq!(ok.body["passed"], true, "{}", ok.body);
    // Used once.
    let again = agent
        .post(
            &checks,
            json!({"user_id": me, "method": "email_code", "answer": code}),
        )
        .await;
    assert_eq!(again.status, 422);
    assert_eq!(again.body["errors"][0]["rule"], "no_code");

    for _ in 0..4 {
        agent
            .post(
                &checks,
                json!({"user_id": me, "method": "support_pin", "answer": "000001"}),
            )
            .await;
    }
    let paused = agent
        .post(
            &checks,
            json!({"user_id": me, "method": "support_pin", "answer": "402719"}),
        )
        .await;
    assert_eq!(paused.status, 429, "{}", paused.body);
}

/// Acting needs a verified caller (or the customer's ticket); changes made
/// while acting carry the staff member's pseudonym into the customer's
/// history and the reason into receipts and the audit log.
async fn agents_act_on_behalf_with_a_reason(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, owner) = acme(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let agent_id = s
        .store
        .user_by_email(c.agent)
        .await
        .expect("db")
        .expect("agent")
        .id;
    let r = admin
        .send_with(
            reqwest::Method::PATCH,
            &format!("/v1/staff/members/{agent_id}"),
            Some(json!({"pseudonym": "Sam (Support)"})),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let me = owner.get("/v1/me").await.body["user_id"].clone();
    let agent = Caller::sign_in(&s, c.agent).await;
    let acting = format!("{}/acting", customer(&c));
    let r = agent
        .post(&acting, json!({"reason": "Caller wants fewer e-mails"}))
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(r.body["code"], "caller_not_verified");
    // On the customer's own ticket, acting is allowed without a call.
    let t = owner
        .post(
            &format!("/v1/accounts/{}/tickets", c.account_id),
            json!({"subject": "Please change our phone", "body": "New number: +44 20 7946 0999"}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let number = t.body["number"].as_str().expect("number").to_string();
    let r = agent
        .post(
            &acting,
            json!({"reason": "Customer asked in writing", "ticket": number}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["reason"], "Customer asked in writing");

    let profile = agent.get(&format!("{}/profile", customer(&c))).await;
    assert_eq!(profile.status, 200, "{}", profile.body);
    let mut doc = profile.body["profile"].clone();
    doc["phone"] = json!("+442079460999");
    let etag = profile.etag.clone().expect("etag");
    let saved = agent
        .send_with(
            reqwest::Method::PUT,
            &format!("{}/profile", customer(&c)),
            Some(doc),
            &[("If-Match", Some(&etag))],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let history = owner
        .get(&format!("/v1/accounts/{}/profile/history", c.account_id))
        .await;
    let change = history
        .body
        .as_array()
        .and_then(|a| a.iter().find(|h| h["field"] == "phone"))
        .cloned();
    let change = change.unwrap_or_else(|| history.body["items"][0].clone());
    assert!(has_text(&change, "Sam (Support)"), "{}", history.body);
    assert!(has_text(&change, "staff"), "{}", history.body);

    let comms = format!(
        "{}/users/{}/communications",
        customer(&c),
        me.as_str().expect("id")
    );
    let current = agent.get(&comms).await;
    assert_eq!(current.status, 200, "{}", current.body);
    let etag = current.etag.clone().expect("etag");
    let changed = agent
        .send_with(
            reqwest::Method::PUT,
            &comms,
            Some(
                json!({"changes": [{"purpose": "usage_trends", "channel": "in_app", "on": false}]}),
            ),
            &[("If-Match", Some(&etag))],
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let receipts = owner.get("/v1/me/consent-receipts").await;
    let staff_receipt = receipts.body["items"]
        .as_array()
        .and_then(|r| r.iter().find(|x| x["source"] == "staff").cloned())
        .unwrap_or_else(|| panic!("a staff receipt in {}", receipts.body));
    assert_eq!(staff_receipt["reason"], "Customer asked in writing");

    let page = owner
        .get(&format!("/v1/accounts/{}/staff-access", c.account_id))
        .await;
    let actions: Vec<&str> = page.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["action"].as_str())
        .collect();
    for a in ["acting_started", "profile_changed", "preferences_changed"] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    assert!(page.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|i| i["staff"] == "Sam (Support)"));

    assert_eq!(agent.delete(&acting).await.status, 204);
    let refused = agent.get(&format!("{}/profile", customer(&c))).await;
    assert_eq!(refused.status, 409, "{}", refused.body);
}

/// Staff start a password reset; the person chooses the password on the
/// link's page. The link works once; using it signs out every session.
async fn staff_start_password_resets_people_finish_them(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, owner) = acme(&s).await;
    let me = owner.get("/v1/me").await.body["user_id"]
        .as_str()
        .expect("id")
        .to_string();
    let agent = Caller::sign_in(&s, c.agent).await;
    let path = format!("{}/users/{me}/password-reset", customer(&c));
    let r = agent.post(&path, json!({"reason": ""})).await;
    assert_eq!(r.status, 422);
    let r = agent
        .post(
            &path,
            json!({"reason": "Caller cannot sign in", "ticket": "T-000004"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["sent_to"], "o***@acme.example");
    let mail = owner.get("/v1/me/outbox").await.body.to_string();
    let at = mail.find("/password-reset/").expect("a reset link");
    let token: String = mail[at + 16..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let url = s.url(&format!("/password-reset/{token}"));
    let page = s.http.get(&url).send().await.expect("page");
    assert_eq!(page.status(), 200);
    let post = |password: &'static str, confirm: &'static str| {
        let http = s.http.clone();
        let url = url.clone();
        async move {
            http.post(&url)
                .form(&[("password", password), ("confirm", confirm)])
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        post("a new long passphrase", "something else entirely").await,
        422
    );
    assert_eq!(post("short", "short").await, 422);
    assert_eq!(
        post("a new long passphrase", "a new long passphrase").await,
        200
    );
    assert_eq!(
        post("a new long passphrase", "a new long passphrase").await,
        404,
        "used once"
    );
    assert_eq!(
        owner.get("/v1/me").await.status,
        401,
        "every session signed out"
    );
    let (access, _) = steward_tests::oauth::sign_in(&s, c.owner, "a new long passphrase").await;
    assert!(!access.is_empty());
    let page = owner_page(&s).await;
    assert!(page.contains("password_reset_started"), "{page}");
}

async fn owner_page(s: &TestServer) -> String {
    let owner = Caller::sign_in_with(s, "owner@acme.example", "a new long passphrase").await;
    let account = owner.account_of_kind("company").await;
    owner
        .get(&format!("/v1/accounts/{account}/staff-access"))
        .await
        .body
        .to_string()
}

/// PR-17: a customer who requires approval is revealed to nobody until they
/// grant access, and only for as long as they granted it.
async fn customers_can_require_approval(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, owner) = acme(&s).await;
    let base = format!("/v1/accounts/{}/staff-access", c.account_id);
    let r = owner
        .send_with(
            reqwest::Method::PUT,
            &format!("{base}/settings"),
            Some(json!({"require_approval": true})),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let agent = Caller::sign_in(&s, c.agent).await;
    let reveal = format!("{}/reveal", customer(&c));
    let body = json!({"fields": ["phone"], "reason": "Caller asked for a callback"});
    let r = agent.post(&reveal, body.clone()).await;
    assert_eq!(r.status, 403);
    assert_eq!(r.body["code"], "approval_required");
    let r = owner
        .post(&format!("{base}/grant"), json!({"hours": 0}))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["errors"][0]["field"], "hours");
    let r = owner
        .post(&format!("{base}/grant"), json!({"hours": 1}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["granted_until"].is_string());
    assert_eq!(agent.post(&reveal, body.clone()).await.status, 200);
    s.clock.advance(chrono::Duration::minutes(61));
    let agent = Caller::sign_in(&s, c.agent).await;
    assert_eq!(
        agent.post(&reveal, body).await.body["code"],
        "approval_required"
    );
}

/// Agents may not work on accounts that staff belong to; administrators may.
async fn agents_cannot_touch_staff_accounts(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, _) = acme(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let admin_id = s
        .store
        .user_by_email(ADMIN)
        .await
        .expect("db")
        .expect("admin")
        .id;
    let account = c.account_id.parse().expect("uuid");
    s.store
        .add_member(
            account,
            admin_id,
            steward_types::MemberRole::Viewer,
            s.clock.now(),
        )
        .await
        .expect("member");
    let body = json!({"fields": ["phone"], "reason": "Checking the number on file"});
    let agent = Caller::sign_in(&s, c.agent).await;
    let r = agent
        .post(&format!("{}/reveal", customer(&c)), body.clone())
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    let admin = Caller::sign_in(&s, ADMIN).await;
    assert_eq!(
        admin
            .post(&format!("{}/reveal", customer(&c)), body)
            .await
            .status,
        200
    );
}

/// PR-10, PR-11: tickets with replies and internal notes the customer never
/// sees; an anonymised case summary.
async fn tickets_keep_internal_notes_internal(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, owner) = acme(&s).await;
    let tickets = format!("/v1/accounts/{}/tickets", c.account_id);
    let bad = owner
        .post(&tickets, json!({"subject": "", "body": ""}))
        .await;
    assert_eq!(bad.status, 422);
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["subject", "body"]);
    let t = owner
        .post(
            &tickets,
            json!({"subject": "Mail from acme-media.example bounces",
                   "body": "Olive Owner here: mail from accounts@acme-media.example via 203.0.113.9 bounces. Call +44 20 7946 0321."}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let id = t.body["id"].as_str().expect("id").to_string();
    let agent = Caller::sign_in(&s, c.agent).await;
    let queue = agent.get("/v1/staff/tickets?status=open").await;
    assert!(has_text(&queue.body, &id));
    let msgs = format!("/v1/staff/tickets/{id}/messages");
    let note = agent
        .post(
            &msgs,
            json!({"body": "Note: their range is on a block list", "internal": true}),
        )
        .await;
    assert_eq!(note.status, 200, "{}", note.body);
    let reply = agent
        .post(
            &msgs,
            json!({"body": "We are looking into it.", "internal": false}),
        )
        .await;
    assert_eq!(reply.body["status"], "pending", "{}", reply.body);
    assert_eq!(reply.body["messages"].as_array().map(Vec::len), Some(3));

    let seen = owner.get(&format!("{tickets}/{id}")).await;
    assert_eq!(seen.status, 200);
    assert_eq!(seen.body["messages"].as_array().map(Vec::len), Some(2));
    assert!(
        !has_text(&seen.body, "block list"),
        "the note leaked: {}",
        seen.body
    );
    let forged = owner
        .post(
            &format!("{tickets}/{id}/messages"),
            json!({"body": "hi", "internal": true}),
        )
        .await;
    assert_eq!(forged.status, 422);
    let stranger = Caller::sign_in(&s, c.stranger).await;
    assert_eq!(stranger.get(&format!("{tickets}/{id}")).await.status, 404);

    let summary = agent.get(&format!("/v1/staff/tickets/{id}/summary")).await;
    assert_eq!(summary.status, 200, "{}", summary.body);
    let text = summary.body["text"].as_str().expect("text");
    for secret in [
        "Olive",
        "Owner",
        "acme-media",
        "203.0.113.9",
        "7946",
        "block list",
    ] {
        assert!(!text.contains(secret), "{secret} in summary:\n{text}");
    }
    assert!(text.contains("We are looking into it."), "{text}");
    let status = agent
        .send_with(
            reqwest::Method::PUT,
            &format!("/v1/staff/tickets/{id}/status"),
            Some(json!({"status": "closed"})),
            &[],
        )
        .await;
    assert_eq!(status.body["status"], "closed");
    // Internal notes are not on the customer's staff-access page.
    let page = owner
        .get(&format!("/v1/accounts/{}/staff-access", c.account_id))
        .await;
    assert!(!has_text(&page.body, "ticket_note"), "{}", page.body);
    assert!(has_text(&page.body, "ticket_reply"), "{}", page.body);
}

/// PR-16: the database refuses to change audit rows; whoever gets past that
/// (by dropping the guard) is caught by `audit verify`: an edit, a deletion
/// and a reordering are each reported at the first entry affected.
async fn the_audit_chain_detects_tampering(backend: Backend) {
    use steward_server::audit::{verify, Break};
    for tamper in ["edit", "delete", "reorder", "truncate"] {
        let s = TestServer::start(backend).await;
        let (c, _) = acme(&s).await;
        let agent = Caller::sign_in(&s, c.agent).await;
        for _ in 0..5 {
            assert_eq!(agent.get(&customer(&c)).await.status, 200);
        }
        let ok = verify(s.store.as_ref()).await.expect("verify");
        assert_eq!(ok.first_break, None);
        assert_eq!(ok.checked, 5);
        let refused = direct(&s, "UPDATE audit_log SET reason = 'none' WHERE seq = 3").await;
        assert!(refused.is_err(), "an audit row was updated");
        let refused = direct(&s, "DELETE FROM audit_log WHERE seq = 3").await;
        assert!(refused.is_err(), "an audit row was deleted");
        match backend {
            Backend::Sqlite => {
                direct(&s, "DROP TRIGGER audit_log_no_update")
                    .await
                    .expect("drop");
                direct(&s, "DROP TRIGGER audit_log_no_delete")
                    .await
                    .expect("drop");
            }
            Backend::Postgres => {
                direct(&s, "ALTER TABLE audit_log DISABLE TRIGGER USER")
                    .await
                    .expect("disable");
            }
        }
        let expected = match tamper {
            "edit" => {
                direct(&s, "UPDATE audit_log SET what = 'nothing' WHERE seq = 3")
                    .await
                    .expect("edit");
                Break::Altered { seq: 3 }
            }
            "truncate" => {
                direct(&s, "DELETE FROM audit_log WHERE seq = 5")
                    .await
                    .expect("delete");
                Break::Truncated { last: 4, head: 5 }
            }
            "delete" => {
                direct(&s, "DELETE FROM audit_log WHERE seq = 3")
                    .await
                    .expect("delete");
                Break::Removed {
                    seq: 4,
                    expected: 3,
                }
            }
            _ => {
                direct(&s, "UPDATE audit_log SET seq = 100 WHERE seq = 2")
                    .await
                    .expect("move");
                direct(&s, "UPDATE audit_log SET seq = 2 WHERE seq = 3")
                    .await
                    .expect("move");
                direct(&s, "UPDATE audit_log SET seq = 3 WHERE seq = 100")
                    .await
                    .expect("move");
                Break::Reordered {
                    seq: 2,
                    original: Some(3),
                }
            }
        };
        let broken = verify(s.store.as_ref()).await.expect("verify");
        assert_eq!(broken.first_break, Some(expected), "{tamper}");
    }
}

/// Run one statement on the test's database, as someone with direct access.
async fn direct(s: &TestServer, sql: &str) -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    match s.backend {
        Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&s.database_url).await?;
            sqlx::query(sql).execute(&mut conn).await.map(|_| ())
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&s.database_url).await?;
            sqlx::query(sql).execute(&mut conn).await.map(|_| ())
        }
    }
}

on_both_stores!(
    staff_sign_in_requires_two_factor,
    every_staff_route_keeps_the_matrix_and_masks,
    the_role_matrix_holds,
    search_finds_every_field_and_masks,
    search_query_plans_use_indexes,
    reveals_need_a_reason_and_are_recorded,
    callers_are_verified_by_pin_or_code,
    agents_act_on_behalf_with_a_reason,
    customers_can_require_approval,
    staff_start_password_resets_people_finish_them,
    agents_cannot_touch_staff_accounts,
    tickets_keep_internal_notes_internal,
    the_audit_chain_detects_tampering,
);
