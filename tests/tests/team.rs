//! Team members and invitations (PR-12) and verification requests (PR-8)
//! over real HTTP on both stores.

use chrono::Duration;
use reqwest::Method;
use serde_json::json;
use steward_server::clock::Clock;
use steward_tests::api::{code_in, company, Caller, Company};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};
use steward_types::UserRole;

fn path(c: &Company, rest: &str) -> String {
    format!("/v1/accounts/{}{rest}", c.account_id)
}

fn member_id(team: &serde_json::Value, email: &str) -> String {
    team["members"]
        .as_array()
        .and_then(|m| m.iter().find(|x| x["email"] == email))
        .and_then(|x| x["user_id"].as_str())
        .unwrap_or_else(|| panic!("{email} not in {team}"))
        .to_string()
}

/// Invite by e-mail, accept with the mailed code, resend, cancel, expire.
async fn invitations_from_invite_to_membership(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    s.add_user("newbie@acme.example", "Nia Newbie", UserRole::Customer)
        .await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let newbie = Caller::sign_in(&s, "newbie@acme.example").await;
    let stranger = Caller::sign_in(&s, c.stranger).await;

    let bad = owner
        .post(
            &path(&c, "/invitations"),
            json!({"email": "not mail", "role": "viewer"}),
        )
        .await;
    assert_eq!(
        bad.field_rules().first().map(|(f, _)| f.as_str()),
        Some("email"),
        "{}",
        bad.body
    );
    let member = owner
        .post(
            &path(&c, "/invitations"),
            json!({"email": c.viewer, "role": "viewer"}),
        )
        .await;
    assert_eq!(member.status, 409, "already a member");

    let invited = owner
        .post(
            &path(&c, "/invitations"),
            json!({"email": "Newbie@Acme.example", "role": "billing_manager"}),
        )
        .await;
    assert_eq!(invited.status, 201, "{}", invited.body);
    let inv = &invited.body["invitations"][0];
    assert_eq!(
        (
            inv["email"].as_str(),
            inv["status"].as_str(),
            inv["invited_by"].as_str()
        ),
        (
            Some("newbie@acme.example"),
            Some("pending"),
            Some("Olive Owner")
        )
    );
    let dup = owner
        .post(
            &path(&c, "/invitations"),
            json!({"email": "newbie@acme.example", "role": "viewer"}),
        )
        .await;
    assert_eq!(dup.status, 409, "one pending invitation per address");

    let first_code = code_in(newbie.mail().await[0]["body"].as_str().expect("body")).expect("code");
    // Resending replaces the code: the first stops working.
    let inv_id = inv["id"].as_str().expect("id").to_string();
    s.clock.advance(Duration::minutes(1));
    let resent = owner
        .post(
            &path(&c, &format!("/invitations/{inv_id}/resend")),
            json!(null),
        )
        .await;
    assert_eq!(resent.status, 200, "{}", resent.body);
    let second_code =
        code_in(newbie.mail().await[0]["body"].as_str().expect("body")).expect("code");
    assert_ne!(first_code, second_code);
    assert_eq!(
        newbie
            .post("/v1/invitations/accept", json!({"code": first_code}))
            .await
            .status,
        404
    );
    // Someone else holding the code cannot use it.
    assert_eq!(
        stranger
            .post("/v1/invitations/accept", json!({"code": second_code}))
            .await
            .status,
        404
    );
    let me = newbie
        .post("/v1/invitations/accept", json!({"code": second_code}))
        .await;
    assert_eq!(me.status, 200, "{}", me.body);
    let access = me.body["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .find(|a| a["account_id"] == c.account_id.as_str())
        .cloned()
        .expect("joined");
    assert_eq!(access["role"], "billing_manager");
    assert!(access["capabilities"]
        .as_array()
        .expect("caps")
        .contains(&json!("billing_write")));
    assert_eq!(
        newbie
            .post("/v1/invitations/accept", json!({"code": second_code}))
            .await
            .status,
        409,
        "used"
    );
    let team = owner.get(&path(&c, "/team")).await.body;
    assert_eq!(team["invitations"][0]["status"], "accepted");

    // Cancel and expiry.
    let x = owner
        .post(
            &path(&c, "/invitations"),
            json!({"email": c.stranger, "role": "viewer"}),
        )
        .await;
    let x_id = x.body["invitations"][0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let code = code_in(stranger.mail().await[0]["body"].as_str().expect("body")).expect("code");
    assert_eq!(
        owner
            .delete(&path(&c, &format!("/invitations/{x_id}")))
            .await
            .status,
        200
    );
    assert_eq!(
        stranger
            .post("/v1/invitations/accept", json!({"code": code}))
            .await
            .status,
        409,
        "cancelled"
    );
    assert_eq!(
        owner
            .delete(&path(&c, &format!("/invitations/{x_id}")))
            .await
            .status,
        404
    );
    let y = owner
        .post(
            &path(&c, "/invitations"),
            json!({"email": c.stranger, "role": "viewer"}),
        )
        .await;
    assert_eq!(
        y.status, 201,
        "a cancelled invitation does not block a new one"
    );
    let code = code_in(stranger.mail().await[0]["body"].as_str().expect("body")).expect("code");
    s.clock.advance(Duration::days(15));
    // Tokens last 15 minutes: both sign in again after the fortnight.
    let stranger = Caller::sign_in(&s, c.stranger).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    assert_eq!(
        stranger
            .post("/v1/invitations/accept", json!({"code": code}))
            .await
            .status,
        409,
        "expired"
    );
    let team = owner.get(&path(&c, "/team")).await.body;
    assert!(team["invitations"]
        .as_array()
        .expect("list")
        .iter()
        .any(|i| i["status"] == "expired"));
    // An expired invitation does not block a new one, and still reads as expired.
    let again = owner
        .post(
            &path(&c, "/invitations"),
            json!({"email": c.stranger, "role": "viewer"}),
        )
        .await;
    assert_eq!(again.status, 201, "{}", again.body);
    let statuses: Vec<&str> = again.body["invitations"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|i| i["email"] == c.stranger)
        .filter_map(|i| i["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        vec!["pending", "expired", "cancelled"],
        "{}",
        again.body
    );
    // Malformed ids are simply not found (problem+json, not plain text).
    let r = owner.delete(&path(&c, "/invitations/not-an-id")).await;
    assert_eq!((r.status, r.code()), (404, "not_found"), "{}", r.body);
    s.shutdown().await;
}

/// Roles can change; the last owner can be neither removed nor demoted,
/// even when two owners remove each other at the same moment.
async fn the_last_owner_stays(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let viewer = Caller::sign_in(&s, c.viewer).await;
    let team = owner.get(&path(&c, "/team")).await.body;
    let owner_id = member_id(&team, c.owner);
    let viewer_id = member_id(&team, c.viewer);
    let billing_id = member_id(&team, c.billing);

    let r = owner
        .delete(&path(&c, &format!("/members/{owner_id}")))
        .await;
    assert_eq!((r.status, r.code()), (409, "conflict"), "{}", r.body);
    let r = owner
        .send(
            Method::PATCH,
            &path(&c, &format!("/members/{owner_id}")),
            Some(json!({"role": "viewer"})),
            None,
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(
        viewer
            .delete(&path(&c, &format!("/members/{billing_id}")))
            .await
            .status,
        403,
        "viewers change nothing"
    );

    let r = owner
        .send(
            Method::PATCH,
            &path(&c, &format!("/members/{viewer_id}")),
            Some(json!({"role": "owner"})),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The viewer is an owner now. Two owners remove each other at once:
    // exactly one succeeds.
    let viewer = Caller::sign_in(&s, c.viewer).await;
    let remove_viewer = path(&c, &format!("/members/{viewer_id}"));
    let remove_owner = path(&c, &format!("/members/{owner_id}"));
    let (a, b) = tokio::join!(owner.delete(&remove_viewer), viewer.delete(&remove_owner));
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert!(
        statuses == [200, 409] || statuses == [200, 404],
        "{statuses:?}: {} / {}",
        a.body,
        b.body
    );
    let team = s
        .store
        .members(c.account_id.parse().expect("uuid"))
        .await
        .expect("members");
    assert_eq!(
        team.iter()
            .filter(|m| m.role == steward_types::MemberRole::Owner)
            .count(),
        1,
        "one owner remains"
    );

    // The billing manager removed: no longer reaches the account at all.
    let billing = Caller::sign_in(&s, c.billing).await;
    let remaining_owner = if a.status == 200 { &owner } else { &viewer };
    assert_eq!(
        remaining_owner
            .delete(&path(&c, &format!("/members/{billing_id}")))
            .await
            .status,
        200
    );
    assert_eq!(billing.get(&path(&c, "/profile")).await.status, 404);
    s.shutdown().await;
}

/// The caller's role in `me`'s list of accounts, if they are a member.
fn role_in(me: &serde_json::Value, account_id: &str) -> Option<String> {
    me["accounts"]
        .as_array()?
        .iter()
        .find(|a| a["account_id"] == account_id)
        .and_then(|a| a["role"].as_str())
        .map(str::to_string)
}

/// PR-12: a role change or a removal holds from the member's next request,
/// whichever server answers it. The token check reads the caller's
/// memberships in the same statement as the token, and SQLite's readers
/// keep an answered check only until anything commits, so no server (and
/// no token issued earlier) keeps an old role.
async fn membership_changes_hold_at_once_on_every_server(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let other = s.second_instance().await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let here = Caller::sign_in(&s, c.viewer).await;
    let there = here.at(other.base_url.as_str());
    let team = owner.get(&path(&c, "/team")).await.body;
    let viewer_id = member_id(&team, c.viewer);
    let billing_id = member_id(&team, c.billing);
    let demote_billing = |caller: &Caller| {
        let caller = caller.clone();
        let url = path(&c, &format!("/members/{billing_id}"));
        async move {
            caller
                .send(Method::PATCH, &url, Some(json!({"role": "viewer"})), None)
                .await
        }
    };
    let set_viewer_role = |role: &'static str| {
        let owner = owner.clone();
        let url = path(&c, &format!("/members/{viewer_id}"));
        async move {
            let r = owner
                .send(Method::PATCH, &url, Some(json!({"role": role})), None)
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
    };

    for caller in [&here, &there] {
        let me = caller.get("/v1/me").await.body;
        assert_eq!(role_in(&me, &c.account_id).as_deref(), Some("viewer"));
        assert_eq!(
            demote_billing(caller).await.status,
            403,
            "viewers change nothing"
        );
    }

    set_viewer_role("owner").await;
    for caller in [&there, &here] {
        let me = caller.get("/v1/me").await.body;
        assert_eq!(
            role_in(&me, &c.account_id).as_deref(),
            Some("owner"),
            "{me}"
        );
    }
    let r = demote_billing(&there).await;
    assert_eq!(
        r.status, 200,
        "the token issued to a viewer acts as an owner now: {}",
        r.body
    );

    set_viewer_role("viewer").await;
    assert_eq!(
        demote_billing(&here).await.status,
        403,
        "and as a viewer again"
    );

    let r = owner
        .delete(&path(&c, &format!("/members/{viewer_id}")))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    for caller in [&here, &there] {
        assert_eq!(caller.get(&path(&c, "/profile")).await.status, 404);
        let me = caller.get("/v1/me").await;
        assert_eq!(me.status, 200, "still signed in, to their own account");
        assert_eq!(role_in(&me.body, &c.account_id), None);
    }
    other.shutdown().await;
    s.shutdown().await;
}

/// PR-8: staff ask, the customer confirms item by item; the time each item
/// was last verified is kept; the yearly schedule asks by itself, once.
async fn verification_requests_are_confirmed_item_by_item(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let viewer = Caller::sign_in(&s, c.viewer).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let due = (s.clock.now() + Duration::days(14)).to_rfc3339();

    let r = owner
        .post(
            &format!("/v1/staff/accounts/{}/verifications", c.account_id),
            json!({"items": ["billing_address"], "reason": "x", "due_at": due}),
        )
        .await;
    assert_eq!(r.status, 404, "customers cannot raise requests");
    let r = agent
        .post(
            &format!("/v1/staff/accounts/{}/verifications", c.account_id),
            json!({"items": [], "reason": "", "due_at": "2020-01-01T00:00:00Z"}),
        )
        .await;
    let rules = r.field_rules();
    for f in ["items", "reason", "due_at"] {
        assert!(rules.iter().any(|(x, _)| x == f), "{f}: {rules:?}");
    }
    let r = agent.post(&format!("/v1/staff/accounts/{}/verifications", c.account_id), json!({"items": ["billing_address", "company_information"], "reason": "Before renewal", "due_at": due})).await;
    assert_eq!(r.status, 201, "{}", r.body);

    let overview = owner.get(&path(&c, "/verifications")).await.body;
    let request = overview["requests"][0].clone();
    assert_eq!(request["requested_by"]["kind"], "staff");
    assert!(request["completed_at"].is_null());
    let id = request["id"].as_str().expect("id").to_string();
    let confirm = |item: &str| path(&c, &format!("/verifications/{id}/items/{item}/confirm"));

    assert_eq!(
        viewer
            .post(&confirm("billing_address"), json!(null))
            .await
            .status,
        403
    );
    assert_eq!(
        owner
            .post(&confirm("contact_details"), json!(null))
            .await
            .status,
        404,
        "not asked for"
    );
    assert_eq!(
        owner.post(&confirm("nonsense"), json!(null)).await.status,
        404
    );
    s.clock.advance(Duration::minutes(10));
    let after_one = owner
        .post(&confirm("billing_address"), json!(null))
        .await
        .body;
    assert!(
        after_one["requests"][0]["completed_at"].is_null(),
        "one item left"
    );
    let last = after_one["last_verified"].as_array().expect("list");
    let billing = last
        .iter()
        .find(|l| l["item"] == "billing_address")
        .expect("billing");
    assert_eq!(
        billing["verified_at"]
            .as_str()
            .map(|t| t.starts_with("2026-03-01T09:10")),
        Some(true),
        "{billing}"
    );
    let done = owner
        .post(&confirm("company_information"), json!(null))
        .await
        .body;
    assert!(done["requests"][0]["completed_at"].is_string(), "complete");
    assert_eq!(
        done["requests"][0]["checks"][0]["confirmed_by"]["name"],
        "Olive Owner"
    );

    // Another account's request id cannot be confirmed through this account.
    let stranger = Caller::sign_in(&s, c.stranger).await;
    let theirs = stranger.account_of_kind("personal").await;
    assert_eq!(
        stranger
            .post(
                &format!("/v1/accounts/{theirs}/verifications/{id}/items/billing_address/confirm"),
                json!(null)
            )
            .await
            .status,
        404
    );

    // The schedule: contact details never verified, account over a month old.
    s.clock.advance(Duration::days(31));
    let owner = Caller::sign_in(&s, c.owner).await;
    let first = owner.get(&path(&c, "/verifications")).await.body;
    let second = owner.get(&path(&c, "/verifications")).await.body;
    let open = |o: &serde_json::Value| {
        o["requests"]
            .as_array()
            .expect("list")
            .iter()
            .filter(|r| r["completed_at"].is_null())
            .count()
    };
    assert_eq!(open(&first), 1, "{first}");
    assert_eq!(open(&second), 1, "asked once, however often the page loads");
    assert_eq!(first["requests"][0]["requested_by"]["kind"], "system");
    assert_eq!(
        first["requests"][0]["checks"]
            .as_array()
            .expect("checks")
            .len(),
        1,
        "only what is due: {first}"
    );
    s.shutdown().await;
}

on_both_stores!(
    invitations_from_invite_to_membership,
    the_last_owner_stays,
    membership_changes_hold_at_once_on_every_server,
    verification_requests_are_confirmed_item_by_item,
);
