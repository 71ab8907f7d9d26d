//! Working for a customer (PR-10, PR-17): callers are verified by PIN or
//! e-mailed code, acting needs a verified caller and shows in the customer's
//! history, password resets are finished by the person, a customer can
//! require approval, and agents cannot touch staff accounts.

use super::*;

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

on_both_stores!(
    callers_are_verified_by_pin_or_code,
    agents_act_on_behalf_with_a_reason,
    staff_start_password_resets_people_finish_them,
    customers_can_require_approval,
    agents_cannot_touch_staff_accounts,
);
