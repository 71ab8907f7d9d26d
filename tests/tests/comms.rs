//! Communication preferences over real HTTP on both stores (PR-4, PR-5):
//! defaults and locks, changes under If-Match, double opt-in, one-click
//! unsubscribe links that need no sign-in (forgery, replay), "unsubscribe
//! from all promotional", and receipts for every path that nobody can edit.

use chrono::Duration;
use reqwest::Method;
use serde_json::{json, Value};
use steward_tests::api::{company, Caller};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};

const PREFS: &str = "/v1/me/communications";

fn cell(view: &Value, purpose: &str, channel: &str) -> Value {
    view["purposes"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["purpose"] == purpose))
        .and_then(|p| p["channels"].as_array())
        .and_then(|cs| cs.iter().find(|c| c["channel"] == channel))
        .cloned()
        .unwrap_or(Value::Null)
}

fn state(view: &Value, purpose: &str, channel: &str) -> String {
    cell(view, purpose, channel)["state"]
        .as_str()
        .unwrap_or("?")
        .to_string()
}

async fn change(caller: &Caller, changes: Value) -> steward_tests::api::Resp {
    let tag = caller.get(PREFS).await.etag.expect("etag");
    caller
        .send(
            Method::PUT,
            PREFS,
            Some(json!({ "changes": changes })),
            Some(&tag),
        )
        .await
}

async fn receipts(caller: &Caller) -> Vec<Value> {
    let r = caller.get("/v1/me/consent-receipts").await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().cloned().unwrap_or_default()
}

/// The links in the caller's mail whose path starts with `prefix`.
async fn links(caller: &Caller, s: &TestServer, prefix: &str) -> Vec<String> {
    let base = s.url(prefix);
    caller
        .mail()
        .await
        .iter()
        .flat_map(|m| {
            m["body"]
                .as_str()
                .unwrap_or_default()
                .split(|c: char| c.is_whitespace() || c == '<' || c == '>')
                .filter(|w| w.starts_with(&base))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

async fn post_page(s: &TestServer, url: &str) -> (u16, String) {
    let r = s
        .http
        .post(url)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .expect("post");
    (r.status().as_u16(), r.text().await.expect("html"))
}

/// PR-4, PR-5: promotional purposes start off; maintenance e-mail is locked
/// on and says why; changes need the current ETag and leave receipts.
async fn defaults_locks_and_changes(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let me = Caller::sign_in(&s, c.owner).await;
    let r = me.get(PREFS).await;
    assert_eq!((r.status, r.etag.as_deref()), (200, Some("\"0\"")));
    assert_eq!(state(&r.body, "newsletters", "email"), "off");
    assert_eq!(state(&r.body, "product_testing", "in_app"), "off");
    assert_eq!(state(&r.body, "status_information", "email"), "on");
    let locked = cell(&r.body, "support_maintenance", "email");
    assert_eq!(
        (locked["state"].as_str(), locked["locked"].as_bool()),
        (Some("on"), Some(true))
    );
    assert!(locked["locked_reason"]
        .as_str()
        .is_some_and(|t| t.contains("cannot be turned off")));

    let body =
        json!({"changes": [{"purpose": "status_information", "channel": "postal", "on": true}]});
    assert_eq!(
        me.send(Method::PUT, PREFS, Some(body.clone()), None)
            .await
            .status,
        428
    );
    assert_eq!(
        me.send(Method::PUT, PREFS, Some(body.clone()), Some("\"7\""))
            .await
            .status,
        412
    );
    let ok = me
        .send(Method::PUT, PREFS, Some(body.clone()), Some("\"0\""))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(
        (ok.etag.as_deref(), ok.body["version"].as_i64()),
        (Some("\"1\""), Some(1))
    );
    assert_eq!(state(&ok.body, "status_information", "postal"), "on");
    // The same tag again is stale: no silent last-write-wins.
    assert_eq!(
        me.send(Method::PUT, PREFS, Some(body), Some("\"0\""))
            .await
            .status,
        412
    );

    let refused = change(
        &me,
        json!([{"purpose": "support_maintenance", "channel": "email", "on": false}]),
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.field_rules(),
        vec![("changes[0]".to_string(), "locked".to_string())]
    );
    let unknown = change(
        &me,
        json!([{"purpose": "telepathy", "channel": "email", "on": true}]),
    )
    .await;
    assert_eq!(
        unknown.status, 422,
        "a client's mistake, never a 500: {}",
        unknown.body
    );

    let rs = receipts(&me).await;
    assert_eq!(
        rs.len(),
        1,
        "one receipt per changed cell, none for refusals: {rs:?}"
    );
    let r = &rs[0];
    assert_eq!(
        (
            r["subject"].as_str(),
            r["old_state"].as_str(),
            r["new_state"].as_str(),
            r["source"].as_str()
        ),
        (
            Some("status_information/postal"),
            Some("off"),
            Some("on"),
            Some("console")
        )
    );
    assert_eq!(r["policy_version"], "privacy-policy-2013");
    assert_eq!(r["actor"]["kind"], "member");

    // Two writers with the same tag: exactly one wins.
    let tag = me.get(PREFS).await.etag.expect("etag");
    let (a, b) = tokio::join!(
        me.send(
            Method::PUT,
            PREFS,
            Some(json!({"changes": [{"purpose": "usage_trends", "channel": "email", "on": true}]})),
            Some(&tag)
        ),
        me.send(
            Method::PUT,
            PREFS,
            Some(
                json!({"changes": [{"purpose": "usage_trends", "channel": "postal", "on": true}]})
            ),
            Some(&tag)
        ),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 412]);
    s.shutdown().await;
}

/// PR-4: opting in to promotional e-mail counts only once the recipient
/// confirms the link we mailed; a later "off" beats an old link.
async fn promotional_email_needs_double_opt_in(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let me = Caller::sign_in(&s, c.owner).await;
    let r = change(
        &me,
        json!([{"purpose": "newsletters", "channel": "email", "on": true}]),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(state(&r.body, "newsletters", "email"), "pending");
    let confirm = links(&me, &s, "/communications/confirm/").await;
    assert_eq!(confirm.len(), 1, "one confirmation link mailed");

    // Looking at the link (a mail scanner does) changes nothing.
    let page = s.http.get(&confirm[0]).send().await.expect("get");
    assert_eq!(page.status(), 200);
    assert_eq!(
        state(&me.get(PREFS).await.body, "newsletters", "email"),
        "pending"
    );

    let (status, html) = post_page(&s, &confirm[0]).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        state(&me.get(PREFS).await.body, "newsletters", "email"),
        "on"
    );
    assert_eq!(post_page(&s, &confirm[0]).await.0, 410, "single use");
    let rs = receipts(&me).await;
    let sources: Vec<(&str, &str)> = rs
        .iter()
        .map(|r| {
            (
                r["new_state"].as_str().unwrap_or(""),
                r["source"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        sources,
        vec![("on", "opt_in_confirmation"), ("pending", "console")]
    );

    // Asked, then turned off: the old link confirms nothing.
    let r = change(
        &me,
        json!([{"purpose": "product_testing", "channel": "email", "on": true}]),
    )
    .await;
    assert_eq!(state(&r.body, "product_testing", "email"), "pending");
    change(
        &me,
        json!([{"purpose": "product_testing", "channel": "email", "on": false}]),
    )
    .await;
    let link = links(&me, &s, "/communications/confirm/")
        .await
        .into_iter()
        .find(|l| !confirm.contains(l))
        .expect("second link");
    assert_eq!(post_page(&s, &link).await.0, 410);
    assert_eq!(
        state(&me.get(PREFS).await.body, "product_testing", "email"),
        "off"
    );

    // Links expire after seven days.
    change(
        &me,
        json!([{"purpose": "product_testing", "channel": "email", "on": true}]),
    )
    .await;
    let all = links(&me, &s, "/communications/confirm/").await;
    let third = all
        .into_iter()
        .find(|l| !confirm.contains(l) && *l != link)
        .expect("third link");
    s.clock.advance(Duration::days(8));
    assert_eq!(post_page(&s, &third).await.0, 410);
    let me = Caller::sign_in(&s, c.owner).await;
    assert_eq!(
        state(&me.get(PREFS).await.body, "product_testing", "email"),
        "pending"
    );
    s.shutdown().await;
}

/// PR-4: the one-click link (RFC 8058) works without signing in, once in
/// effect however often it is used, and cannot be forged or redirected.
async fn unsubscribe_links_need_no_sign_in_and_cannot_be_forged(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let me = Caller::sign_in(&s, c.owner).await;
    let other = Caller::sign_in(&s, c.billing).await;
    for who in [&me, &other] {
        change(
            who,
            json!([{"purpose": "newsletters", "channel": "email", "on": true}]),
        )
        .await;
        let confirm = links(who, &s, "/communications/confirm/").await;
        assert_eq!(post_page(&s, &confirm[0]).await.0, 200);
    }
    let link = links(&me, &s, "/unsubscribe/").await;
    assert_eq!(
        link.len(),
        2,
        "the welcome mail carries the link and its List-Unsubscribe header: {link:?}"
    );
    let link = &link[0];

    // A GET (a scanner, a preview) shows a button and changes nothing.
    let page = s.http.get(link).send().await.expect("get");
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("html").contains("Unsubscribe"));
    assert_eq!(
        state(&me.get(PREFS).await.body, "newsletters", "email"),
        "on"
    );

    // Forged: any changed character is refused, and nobody is unsubscribed.
    let token = link.rsplit('/').next().expect("token");
    let mut forged = token.to_string();
    let last = forged.pop().expect("char");
    forged.push(if last == 'A' { 'B' } else { 'A' });
    let (status, _) = post_page(&s, &s.url(&format!("/unsubscribe/{forged}"))).await;
    assert_eq!(status, 404);
    assert_eq!(post_page(&s, &s.url("/unsubscribe/nonsense")).await.0, 404);
    assert_eq!(
        state(&me.get(PREFS).await.body, "newsletters", "email"),
        "on"
    );

    // The real link, with no credentials at all.
    let (status, html) = post_page(&s, link).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        state(&me.get(PREFS).await.body, "newsletters", "email"),
        "off"
    );
    assert_eq!(
        state(&other.get(PREFS).await.body, "newsletters", "email"),
        "on",
        "only its own recipient"
    );
    let count = receipts(&me).await.len();
    assert_eq!(post_page(&s, link).await.0, 200, "a replay is fine");
    let rs = receipts(&me).await;
    assert_eq!(rs.len(), count, "and leaves no second receipt");
    assert_eq!(
        (
            rs[0]["source"].as_str(),
            rs[0]["new_state"].as_str(),
            rs[0]["subject"].as_str()
        ),
        (
            Some("unsubscribe_link"),
            Some("off"),
            Some("newsletters/email")
        )
    );
    s.shutdown().await;
}

/// PR-4: one action turns every promotional purpose off on every channel.
async fn unsubscribe_from_all_promotional(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let me = Caller::sign_in(&s, c.owner).await;
    let r = change(
        &me,
        json!([
            {"purpose": "newsletters", "channel": "in_app", "on": true},
            {"purpose": "newsletters", "channel": "email", "on": true},
            {"purpose": "product_testing", "channel": "telephone", "on": true},
            {"purpose": "status_information", "channel": "postal", "on": true},
        ]),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let before = receipts(&me).await.len();
    let r = me
        .post("/v1/me/communications/unsubscribe-promotional", Value::Null)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    for p in r.body["purposes"].as_array().expect("purposes") {
        if p["promotional"] == true {
            assert!(
                p["channels"]
                    .as_array()
                    .expect("channels")
                    .iter()
                    .all(|c| c["state"] == "off"),
                "{p}"
            );
        }
    }
    assert_eq!(
        state(&r.body, "status_information", "postal"),
        "on",
        "non-promotional choices stay"
    );
    let rs = receipts(&me).await;
    assert_eq!(rs.len(), before + 3);
    assert!(rs[..3].iter().all(|r| r["source"] == "unsubscribe_all"));
    let again = me
        .post("/v1/me/communications/unsubscribe-promotional", Value::Null)
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(
        receipts(&me).await.len(),
        before + 3,
        "nothing left to change, nothing recorded"
    );
    s.shutdown().await;
}

/// Receipts cannot be edited or deleted, even with direct database access.
async fn receipts_are_immutable_in_the_database(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let me = Caller::sign_in(&s, c.owner).await;
    change(
        &me,
        json!([{"purpose": "usage_trends", "channel": "email", "on": true}]),
    )
    .await;
    assert_eq!(receipts(&me).await.len(), 1);
    for sql in [
        "UPDATE consent_receipts SET new_state = 'off'",
        "DELETE FROM consent_receipts",
    ] {
        let err = match backend {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&s.database_url)
                    .await
                    .expect("sqlite");
                sqlx::query(sql)
                    .execute(&pool)
                    .await
                    .expect_err("refused")
                    .to_string()
            }
            Backend::Postgres => {
                let pool = sqlx::PgPool::connect(&s.database_url).await.expect("pg");
                sqlx::query(sql)
                    .execute(&pool)
                    .await
                    .expect_err("refused")
                    .to_string()
            }
        };
        assert!(err.contains("immutable"), "{sql}: {err}");
    }
    assert_eq!(receipts(&me).await[0]["new_state"], "on");
    s.shutdown().await;
}

/// PR-4, PR-5: a change answers with the matrix it produced (built from
/// what was written, not read back), so it must be exactly what the next
/// read shows: states, pending opt-ins, version and ETag.
async fn a_change_answers_what_the_next_read_shows(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let me = Caller::sign_in(&s, c.owner).await;
    let steps = [
        json!([{"purpose": "status_information", "channel": "postal", "on": true}]),
        json!([{"purpose": "newsletters", "channel": "email", "on": true},
               {"purpose": "newsletters", "channel": "in_app", "on": true}]),
        json!([{"purpose": "status_information", "channel": "postal", "on": false},
               {"purpose": "product_testing", "channel": "in_app", "on": true}]),
    ];
    for (i, changes) in steps.into_iter().enumerate() {
        let put = change(&me, changes).await;
        assert_eq!(put.status, 200, "step {i}: {}", put.body);
        let get = me.get(PREFS).await;
        assert_eq!((&put.etag, &put.body), (&get.etag, &get.body), "step {i}");
    }
    assert_eq!(
        state(&me.get(PREFS).await.body, "newsletters", "email"),
        "pending"
    );
    let all = me
        .send(
            Method::POST,
            &format!("{PREFS}/unsubscribe-promotional"),
            None,
            None,
        )
        .await;
    assert_eq!(all.status, 200, "{}", all.body);
    let get = me.get(PREFS).await;
    assert_eq!((&all.etag, &all.body), (&get.etag, &get.body));
    assert_eq!(state(&get.body, "newsletters", "in_app"), "off");
    s.shutdown().await;
}

/// Issue 8: a preference change is one fsync'd commit, and each page it
/// writes adds to its time (about 27 µs per page on these machines). A
/// change writes the matrix's version, the cell, and the receipt with the
/// two indexes it is read by (the tables are `WITHOUT ROWID`, so a row and
/// its key share a page); a receipt of a person's own choice names no
/// account, so the account's index has nothing to hold. An opt-in to
/// promotional e-mail adds the opt-in with its person's index, and the mail
/// with its key and two indexes. Counted as the frames the commit adds to
/// the write-ahead log, which a checkpoint has just emptied.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_preference_change_commits_only_the_pages_it_changes() {
    let s = TestServer::start(Backend::Sqlite).await;
    let c = company(&s).await;
    let me = Caller::sign_in(&s, c.owner).await;
    let pool = sqlx::SqlitePool::connect(&s.database_url)
        .await
        .expect("sqlite");
    // (busy, frames in the log, frames checkpointed).
    let checkpoint = |mode: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (i64, i64, i64)>(&format!("PRAGMA wal_checkpoint({mode})"))
                .fetch_one(&pool)
                .await
                .expect("checkpoint")
        }
    };
    let mut etag = me.get(PREFS).await.etag.expect("etag");
    // (purpose, on, the most pages it may commit).
    let steps = [
        ("usage_trends", true, 5),
        ("usage_trends", false, 5),
        ("usage_trends", true, 5),
        ("newsletters", true, 11),
        ("newsletters", false, 5),
    ];
    for (purpose, on, most) in steps {
        // The server's own checkpointer may hold the log a moment.
        let mut emptied = false;
        for _ in 0..100 {
            if matches!(checkpoint("TRUNCATE").await, (0, 0, _)) {
                emptied = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert!(emptied, "the log could not be emptied before the change");
        let body = json!({"changes": [{"purpose": purpose, "channel": "email", "on": on}]});
        let put = me.send(Method::PUT, PREFS, Some(body), Some(&etag)).await;
        assert_eq!(put.status, 200, "{}", put.body);
        let (_, frames, _) = checkpoint("PASSIVE").await;
        assert!(
            (1..=most).contains(&frames),
            "turning {purpose} by e-mail {} committed {frames} pages, more than {most}",
            if on { "on" } else { "off" }
        );
        etag = put.etag.expect("etag");
    }
    pool.close().await;
    s.shutdown().await;
}

on_both_stores!(
    a_change_answers_what_the_next_read_shows,
    defaults_locks_and_changes,
    promotional_email_needs_double_opt_in,
    unsubscribe_links_need_no_sign_in_and_cannot_be_forged,
    unsubscribe_from_all_promotional,
    receipts_are_immutable_in_the_database,
);
