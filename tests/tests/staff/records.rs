//! What staff work leaves behind (PR-11, PR-16): tickets keep internal notes
//! from the customer, and the audit chain detects tampering.

use super::*;

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
    tickets_keep_internal_notes_internal,
    the_audit_chain_detects_tampering,
);
