//! Administrators over real HTTP on both stores (issue 6): staff accounts
//! (adding a member who chooses their own password and turns on two-factor;
//! roles, pseudonyms, disabling) and service partners (PR-6, PR-7: a new
//! partner receives nothing before the version announcing it takes effect;
//! edits only narrow what a partner receives; retiring stops exports and
//! keeps the ledger's names).

use chrono::Duration;
use reqwest::Method;
use serde_json::{json, Value};
use steward_server::clock::Clock;
use steward_server::sharing::{export, ExportRefused};
use steward_tests::api::{company, Caller};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer, STAFF_TOTP_SECRET};
use steward_types::UserRole;

const ADMIN: &str = "admin@support.example";
const SAM: &str = "sam.okafor@support.example";
const PARTNERS: &str = "/v1/staff/partners";

/// The single-use link in the newest message to `to`.
async fn link_for(s: &TestServer, to: &str) -> String {
    let mail = s.store.mail_for(to, to, 10).await.expect("outbox");
    let body = &mail.first().expect("a message").body;
    let at = body.find("/password-reset/").expect("a link");
    let token: String = body[at + 16..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    s.url(&format!("/password-reset/{token}"))
}

async fn choose_password(s: &TestServer, url: &str, password: &str) -> u16 {
    s.http
        .post(url)
        .form(&[("password", password), ("confirm", password)])
        .send()
        .await
        .expect("post")
        .status()
        .as_u16()
}

/// Adding a staff member: nobody but them knows the password, they must
/// turn on two-factor before any staff route answers, and the audit log
/// records who added whom.
async fn admins_add_staff_who_finish_their_own_setup(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let new = json!({"email": " Sam.Okafor@Support.Example ", "name": "Sam Okafor",
        "role": "agent", "pseudonym": "Sam (Support)"});
    assert_eq!(
        agent.post("/v1/staff/members", new.clone()).await.status,
        403
    );
    let bad = admin
        .post(
            "/v1/staff/members",
            json!({"email": "nope", "name": "", "role": "customer"}),
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let rules = bad.field_rules();
    for field in ["email", "name", "role"] {
        assert!(rules.iter().any(|(f, _)| f == field), "{field}: {rules:?}");
    }
    let taken = admin
        .post(
            "/v1/staff/members",
            json!({"email": c.owner, "name": "Olive", "role": "admin"}),
        )
        .await;
    assert_eq!(taken.field_rules(), [("email".into(), "taken".into())]);

    let r = admin.post("/v1/staff/members", new.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["member"]["email"], SAM);
    assert_eq!(r.body["member"]["role"], "agent");
    assert_eq!(r.body["member"]["pseudonym"], "Sam (Support)");
    assert_eq!(r.body["member"]["two_factor"], false);
    assert_eq!(r.body["link_sent_to"], "s***@support.example");
    assert_eq!(
        admin.post("/v1/staff/members", new).await.field_rules(),
        [("email".into(), "taken".into())],
        "the same person twice"
    );
    let list = admin.get("/v1/staff/members").await.body.to_string();
    assert!(list.contains(SAM), "{list}");

    // No password works until they choose one.
    let params = steward_tests::oauth::authorize_params(&steward_server::crypto::s256_challenge(
        steward_tests::oauth::VERIFIER,
    ));
    let tried = steward_tests::oauth::post_sign_in(&s, &params, SAM, "").await;
    assert_ne!(tried.status(), 303);
    let url = link_for(&s, SAM).await;
    let mail = s.store.mail_for(SAM, SAM, 10).await.expect("outbox");
    assert!(
        mail[0].body.contains("Ada Admin added you"),
        "{}",
        mail[0].body
    );
    assert!(!mail[0].body.contains("Sam (Support)") || mail[0].body.contains("agent"));
    assert_eq!(
        choose_password(&s, &url, "sam chooses a passphrase").await,
        200
    );
    assert_eq!(
        choose_password(&s, &url, "sam chooses a passphrase").await,
        404,
        "used once"
    );
    let sam = Caller::sign_in_with(&s, SAM, "sam chooses a passphrase").await;
    let r = sam.get("/v1/staff/customers?q=acme").await;
    assert_eq!(r.code(), "staff_two_factor_required", "{}", r.body);

    // They turn on two-factor (the tests use a known secret), sign in again
    // with a code, and the staff tools open.
    let id = s
        .store
        .user_by_email(SAM)
        .await
        .expect("db")
        .expect("sam")
        .id;
    steward_server::users::enrol_two_factor(
        s.store.as_ref(),
        s.seal(),
        id,
        STAFF_TOTP_SECRET,
        s.clock.now(),
    )
    .await
    .expect("enrol");
    s.clock.advance(Duration::seconds(31));
    let otp = s.next_totp(SAM).await.expect("a code");
    let resp =
        steward_tests::oauth::post_sign_in_with_otp(&s, SAM, "sam chooses a passphrase", &otp)
            .await;
    let (access, refresh) = steward_tests::oauth::tokens_from(&s, resp).await;
    let sam = Caller::with_tokens(&s, access, refresh);
    let r = sam.get("/v1/staff/customers?q=acme").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(sam.get("/v1/staff/members").await.status, 403, "an agent");

    let audit = admin.get("/v1/staff/audit?action=staff_changed").await;
    assert!(
        audit.body.to_string().contains("added Sam Okafor as agent"),
        "{}",
        audit.body
    );

    // A link nobody used expires after three days.
    let r = admin
        .post(
            "/v1/staff/members",
            json!({"email": "late@support.example", "name": "Lee Late", "role": "admin"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let url = link_for(&s, "late@support.example").await;
    s.clock.advance(Duration::days(3) + Duration::minutes(1));
    assert_eq!(
        choose_password(&s, &url, "too late for this one").await,
        404
    );
}

async fn publish(admin: &Caller, s: &TestServer, name: &str, days: i64, opt_outs: Value) -> Value {
    let concerns = if opt_outs.as_array().is_some_and(Vec::is_empty) {
        "account_information"
    } else {
        "personal_information"
    };
    let r = admin
        .post(
            "/v1/staff/policy-versions",
            json!({"version": name, "title": "A new statistics partner",
                "summary": "Acme Analytics will compile audience statistics.",
                "concerns": concerns, "opt_outs": opt_outs, "review_section": "privacy",
                "effective_at": (s.clock.now() + Duration::days(days)).to_rfc3339()}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

fn acme(announced_in: &str) -> Value {
    json!({"id": "acme-analytics", "optional": true, "announced_in": announced_in,
        "details": {"name": "Acme Analytics", "purpose": "Audience statistics for your reports.",
            "categories": ["usage records", "country of listeners"],
            "privacy_url": "https://acme-analytics.example/privacy",
            "curtails": "Usage reports show no audience breakdowns."}})
}

fn listed<'a>(sharing: &'a Value, id: &str) -> Option<&'a Value> {
    sharing["partners"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["id"] == id))
}

/// PR-6, PR-7: administrators add, edit and retire partners; customers see
/// a new partner with its start date, it receives nothing before then, and
/// it never receives more than customers were told.
async fn admins_manage_partners_with_notice(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let account: uuid::Uuid = c.account_id.parse().expect("uuid");
    let sharing = format!("/v1/accounts/{}/sharing", c.account_id);

    let list = admin.get(PARTNERS).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(5));

    let r = admin.post(PARTNERS, acme("no-such-version")).await;
    assert_eq!(
        r.field_rules(),
        [("announced_in".into(), "unknown_version".into())]
    );
    publish(&admin, &s, "account-2027", 30, json!([])).await;
    let r = admin.post(PARTNERS, acme("account-2027")).await;
    assert_eq!(
        r.field_rules(),
        [("announced_in".into(), "no_sharing_opt_out".into())]
    );
    let policy = publish(
        &admin,
        &s,
        "partners-2027",
        30,
        json!(["stop_partner_sharing"]),
    )
    .await;
    let r = admin.post(PARTNERS, acme("partners-2027")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.etag.as_deref(), Some("\"1\""));
    assert_eq!(
        r.body["starts_at"], policy["effective_at"],
        "starts with the notice"
    );
    let r = admin.post(PARTNERS, acme("partners-2027")).await;
    assert_eq!(r.field_rules(), [("id".into(), "taken".into())]);

    // Customers see it coming; it receives nothing yet.
    let view = owner.get(&sharing).await.body;
    let p = listed(&view, "acme-analytics").expect("listed");
    assert_eq!(p["starts_at"], policy["effective_at"]);
    assert_eq!(p["optional"], true);
    let send = |now| {
        let store = s.store.clone();
        async move {
            export(
                store.as_ref(),
                account,
                "acme-analytics",
                &["usage records"],
                "statistics",
                now,
            )
            .await
            .expect("store")
        }
    };
    assert!(matches!(
        send(s.clock.now()).await,
        Err(ExportRefused::NotReceiving(_))
    ));

    // Once the version is in force it receives what it was announced with.
    s.clock.advance(Duration::days(31));
    let owner = Caller::sign_in(&s, c.owner).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let view = owner.get(&sharing).await.body;
    let p = listed(&view, "acme-analytics").expect("listed");
    assert!(p.get("starts_at").is_none(), "{p}");
    assert_eq!(p["shared"], true);
    assert!(send(s.clock.now()).await.is_ok());
    let r = admin.post(PARTNERS, acme("partners-2027")).await;
    assert_eq!(r.status, 422, "an id is never reused");

    // Edits narrow, never widen; they need the current ETag.
    let path = format!("{PARTNERS}/acme-analytics");
    let mut details = acme("")["details"].clone();
    details["categories"] = json!(["usage records", "listener e-mail addresses"]);
    let r = admin
        .send(Method::PUT, &path, Some(details.clone()), None)
        .await;
    assert_eq!(r.status, 428);
    let r = admin
        .send(Method::PUT, &path, Some(details.clone()), Some("\"1\""))
        .await;
    assert_eq!(
        r.field_rules(),
        [("categories[1]".into(), "not_announced".into())]
    );
    details["categories"] = json!(["usage records"]);
    details["name"] = json!("Acme Audience Analytics");
    let r = admin
        .send(Method::PUT, &path, Some(details.clone()), Some("\"1\""))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.etag.as_deref(), Some("\"2\""));
    assert_eq!(r.body["categories"], json!(["usage records"]));
    let r = send(s.clock.now()).await;
    assert!(r.is_ok(), "{r:?}");
    let narrowed = export(
        s.store.as_ref(),
        account,
        "acme-analytics",
        &["country of listeners"],
        "statistics",
        s.clock.now(),
    )
    .await
    .expect("store");
    assert!(
        matches!(narrowed, Err(ExportRefused::NotListed { .. })),
        "{narrowed:?}"
    );

    // Retiring stops exports; the ledger keeps the name.
    let r = admin.send(Method::DELETE, &path, None, Some("\"1\"")).await;
    assert_eq!(r.status, 412, "stale");
    let r = admin.send(Method::DELETE, &path, None, Some("\"2\"")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["retired_at"].is_string());
    let r = admin
        .send(Method::PUT, &path, Some(details), Some("\"3\""))
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(matches!(
        send(s.clock.now()).await,
        Err(ExportRefused::NotReceiving(_))
    ));
    let view = owner.get(&sharing).await.body;
    assert!(listed(&view, "acme-analytics").is_none(), "{view}");
    let ledger = owner
        .get(&format!("{sharing}/ledger"))
        .await
        .body
        .to_string();
    assert!(ledger.contains("Acme Audience Analytics"), "{ledger}");

    let audit = admin
        .get("/v1/staff/audit?action=partner_changed")
        .await
        .body;
    let whats: Vec<&str> = audit["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["what"].as_str())
        .collect();
    assert_eq!(whats.len(), 3, "{whats:?}");
    assert!(whats[0].starts_with("retired partner"), "{whats:?}");
    assert!(
        whats[1].contains("no longer receives country of listeners"),
        "{whats:?}"
    );
    assert!(
        whats[2].starts_with("added partner Acme Analytics"),
        "{whats:?}"
    );
    let staff_access = owner
        .get(&format!("/v1/accounts/{}/staff-access", c.account_id))
        .await
        .body
        .to_string();
    assert!(
        !staff_access.contains("partner_changed"),
        "not about this customer"
    );
}

/// Administrators manage staff: roles, pseudonyms, disabling (which ends
/// the sessions at once); never their own role or account.
async fn admins_manage_staff(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let admin_user = s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let admin = Caller::sign_in(&s, ADMIN).await;
    let list = admin.get("/v1/staff/members").await;
    let names: Vec<&str> = list.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert_eq!(names, ["Ada Admin", "Aga Agent"]);
    assert!(list.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|m| m["two_factor"] == true));
    let me = format!("/v1/staff/members/{}", admin_user.id);
    let r = admin
        .send_with(
            reqwest::Method::PATCH,
            &me,
            Some(json!({"role": "agent"})),
            &[],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["errors"][0]["rule"], "self");
    let agent = Caller::sign_in(&s, c.agent).await;
    assert_eq!(agent.get("/v1/staff/tickets").await.status, 200);
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
            Some(json!({"disabled": true})),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["disabled"], true);
    assert_eq!(agent.get("/v1/staff/tickets").await.status, 401);
}

on_both_stores!(
    admins_add_staff_who_finish_their_own_setup,
    admins_manage_staff,
    admins_manage_partners_with_notice,
);
