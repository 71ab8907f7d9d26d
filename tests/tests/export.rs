//! "Download my data" over real HTTP on both stores (PR-15): every table in
//! the database is either exported or left out with a reason; the archive is
//! a valid ZIP whose files hold exactly the account's and the requester's
//! records and no secret; only owners export, each sees only their own
//! exports; a job whose server died is taken over; archives expire; a large
//! account is written in bounded chunks.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::time::Duration as StdDuration;

use chrono::Duration;
use serde_json::Value;
use steward_server::clock::Clock;
use steward_server::demo::{self, DEMO_CUSTOMER_EMAIL, DEMO_PASSWORD};
use steward_server::export::files::{self, LEFT_OUT};
use steward_server::store::{ColumnKind, ExportJobRow};
use steward_tests::api::{company, Caller};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};
use uuid::Uuid;

fn exports(account: &str) -> String {
    format!("/v1/accounts/{account}/exports")
}

/// Poll until the export leaves `running` (the job runs in the background).
async fn wait_ready(caller: &Caller, account: &str, id: &str) -> Value {
    for _ in 0..600 {
        let r = caller.get(&format!("{}/{id}", exports(account))).await;
        assert_eq!(r.status, 200, "{}", r.body);
        if r.body["status"] != "running" {
            return r.body;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    panic!("the export did not finish");
}

async fn download(s: &TestServer, caller: &Caller, account: &str, id: &str) -> (u16, Vec<u8>) {
    let resp = s
        .http
        .get(s.url(&format!("{}/{id}/archive", exports(account))))
        .bearer_auth(&caller.access)
        .send()
        .await
        .expect("download");
    let status = resp.status().as_u16();
    (status, resp.bytes().await.expect("body").to_vec())
}

fn read_archive(bytes: Vec<u8>) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a valid ZIP");
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let mut text = String::new();
        f.read_to_string(&mut text)
            .expect("UTF-8, checksum verified");
        files.insert(f.name().to_string(), text);
    }
    files
}

async fn count(s: &TestServer, sql: &str, scope: Uuid) -> usize {
    let rows = s
        .store
        .export_rows(sql, scope, None, &[("n", ColumnKind::Int)])
        .await
        .expect("count");
    rows[0]["n"].as_u64().expect("n") as usize
}

/// PR-15: the completeness check. Every table is exported or left out with
/// a reason; the demo account's archive holds exactly its records (counted
/// here with SQL of the test's own), a README naming every file, a manifest
/// that agrees, and none of the secrets the database holds.
async fn the_export_covers_every_table_and_holds_no_secret(backend: Backend) {
    let s = TestServer::start(backend).await;
    let tables: BTreeSet<String> = s
        .store
        .table_names()
        .await
        .expect("tables")
        .into_iter()
        .collect();
    let exported: BTreeSet<String> = files::all().map(|f| f.table.to_string()).collect();
    let left_out: BTreeSet<String> = LEFT_OUT.iter().map(|(t, _)| t.to_string()).collect();
    assert!(
        exported.is_disjoint(&left_out),
        "a table is both exported and left out"
    );
    let covered: BTreeSet<String> = exported.union(&left_out).cloned().collect();
    assert_eq!(
        tables, covered,
        "every table holding data must be exported (export/files/account.rs or person.rs) or left out with a reason (LEFT_OUT)"
    );

    demo::seed(s.store.as_ref(), s.seal(), s.clock.now())
        .await
        .expect("demo data");
    let (access, refresh) =
        steward_tests::oauth::sign_in(&s, DEMO_CUSTOMER_EMAIL, DEMO_PASSWORD).await;
    let owner = Caller::with_tokens(&s, access, refresh);
    let account = owner.account_of_kind("company").await;
    let me = owner.get("/v1/me").await.body["user_id"]
        .as_str()
        .expect("id")
        .to_string();

    let r = owner.post(&exports(&account), Value::Null).await;
    assert_eq!(r.status, 202, "{}", r.body);
    assert_eq!(r.body["status"], "running");
    let id = r.body["id"].as_str().expect("id").to_string();
    let again = owner.post(&exports(&account), Value::Null).await;
    let job = wait_ready(&owner, &account, &id).await;
    assert_eq!(job["status"], "ready", "{job}");
    assert!(
        again.body["id"] == id.as_str() || again.body["status"] != "failed",
        "a second request joins the running export or starts its own"
    );
    assert_eq!(job["done"], job["total"]);
    assert!(job["expires_at"].is_string());

    let (status, bytes) = download(&s, &owner, &account, &id).await;
    assert_eq!(status, 200);
    assert_eq!(bytes.len() as u64, job["bytes"].as_u64().expect("bytes"));
    let raw = String::from_utf8_lossy(&bytes).to_string();
    let files = read_archive(bytes);

    let readme = &files["README.txt"];
    let manifest: Value = serde_json::from_str(&files["manifest.json"]).expect("manifest");
    let mut counts = BTreeMap::new();
    for f in files::all() {
        assert!(readme.contains(f.name), "README describes {}", f.name);
        let rows: Value =
            serde_json::from_str(&files[f.name]).unwrap_or_else(|e| panic!("{}: {e}", f.name));
        let n = rows.as_array().map(Vec::len).expect("an array");
        let listed = manifest["files"]
            .as_array()
            .and_then(|l| l.iter().find(|e| e["file"] == f.name))
            .and_then(|e| e["records"].as_u64());
        assert_eq!(listed, Some(n as u64), "{}", f.name);
        counts.insert(f.name, n);
    }

    let account_id: Uuid = account.parse().expect("uuid");
    let person: Uuid = me.parse().expect("uuid");
    for (file, sql, scope) in [
        ("account/invoices.json", "SELECT COUNT(*) FROM invoices WHERE account_id = $1", account_id),
        (
            "account/invoice-lines.json",
            "SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.account_id = $1",
            account_id,
        ),
        ("account/profile-history.json", "SELECT COUNT(*) FROM profile_changes WHERE account_id = $1", account_id),
        ("account/sharing-ledger.json", "SELECT COUNT(*) FROM sharing_ledger WHERE account_id = $1", account_id),
        ("account/payment-methods.json", "SELECT COUNT(*) FROM payment_methods WHERE account_id = $1", account_id),
        ("account/usage.json", "SELECT COUNT(*) FROM usage_months WHERE account_id = $1", account_id),
        ("account/members.json", "SELECT COUNT(*) FROM account_members WHERE account_id = $1", account_id),
        ("you/consent-receipts.json", "SELECT COUNT(*) FROM consent_receipts WHERE user_id = $1", person),
        (
            "account/consent-receipts.json",
            "SELECT COUNT(*) FROM consent_receipts WHERE account_id = $1",
            account_id,
        ),
        ("you/activity.json", "SELECT COUNT(*) FROM activity_events WHERE user_id = $1", person),
        ("you/sessions.json", "SELECT COUNT(*) FROM token_families WHERE user_id = $1", person),
    ] {
        let expected = count(&s, sql, scope).await;
        assert!(
            expected > 0 || file == "account/profile-history.json",
            "the demo has {file} records"
        );
        assert_eq!(counts[file], expected, "{file}");
    }
    let people: Value = serde_json::from_str(&files["you/user.json"]).expect("user");
    assert_eq!(people.as_array().map(Vec::len), Some(1));
    assert_eq!(people[0]["email"], DEMO_CUSTOMER_EMAIL);

    // No secret: the stored password hash, card vault tokens, any token.
    for (what, sql) in [
        ("password hash", "SELECT password_hash AS v FROM users"),
        (
            "vault token",
            "SELECT vault_token AS v FROM payment_methods",
        ),
        (
            "two-factor secret",
            "SELECT secret AS v FROM totp_credentials",
        ),
    ] {
        for row in s
            .store
            .export_rows(sql, Uuid::nil(), None, &[("v", ColumnKind::Text)])
            .await
            .unwrap_or_default()
        {
            let secret = row["v"].as_str().unwrap_or_default();
            assert!(!secret.is_empty());
            assert!(
                !files.values().any(|text| text.contains(secret)) && !raw.contains(secret),
                "the export holds a {what}"
            );
        }
    }
}

/// PR-12, PR-15: only owners export; each person sees only their own
/// exports; the archive is not served before it is ready or after it expired.
async fn only_owners_export_and_only_their_own(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    for (who, status) in [
        (c.billing, 403),
        (c.viewer, 403),
        (c.stranger, 404),
        (c.agent, 404),
    ] {
        let caller = Caller::sign_in(&s, who).await;
        let r = caller.post(&exports(&c.account_id), Value::Null).await;
        assert_eq!(r.status, status, "{who}: {}", r.body);
    }
    // A whole copy of the data needs a recent sign-in (the token is still
    // valid; the sign-in behind it is older than the 10-minute window).
    s.clock.advance(Duration::minutes(11));
    let r = owner.post(&exports(&c.account_id), Value::Null).await;
    assert_eq!(
        (r.status, r.code()),
        (403, "step_up_required"),
        "{}",
        r.body
    );
    let owner = Caller::sign_in(&s, c.owner).await;

    let r = owner.post(&exports(&c.account_id), Value::Null).await;
    assert_eq!(r.status, 202, "{}", r.body);
    let id = r.body["id"].as_str().expect("id").to_string();
    let job = wait_ready(&owner, &c.account_id, &id).await;
    assert_eq!(job["status"], "ready");
    let listed = owner.get(&exports(&c.account_id)).await;
    assert_eq!(listed.body[0]["id"], id.as_str());

    // A second owner sees neither the job nor the archive.
    let account: Uuid = c.account_id.parse().expect("uuid");
    let other = s
        .add_user(
            "second.owner@acme.example",
            "Sam Second",
            steward_types::UserRole::Customer,
        )
        .await;
    s.store
        .add_member(
            account,
            other.id,
            steward_types::MemberRole::Owner,
            s.clock.now(),
        )
        .await
        .expect("member");
    let second = Caller::sign_in(&s, "second.owner@acme.example").await;
    assert_eq!(
        second
            .get(&format!("{}/{id}", exports(&c.account_id)))
            .await
            .status,
        404
    );
    assert_eq!(download(&s, &second, &c.account_id, &id).await.0, 404);
    assert_eq!(
        second.get(&exports(&c.account_id)).await.body,
        serde_json::json!([])
    );

    // A week later the archive is gone.
    s.clock.advance(Duration::days(8));
    let owner = Caller::sign_in(&s, c.owner).await;
    let job = owner
        .get(&format!("{}/{id}", exports(&c.account_id)))
        .await
        .body;
    assert_eq!(job["status"], "expired");
    let (status, body) = download(&s, &owner, &c.account_id, &id).await;
    assert_eq!(status, 409, "{}", String::from_utf8_lossy(&body));
    // The next listing sweeps expired archives away.
    assert_eq!(
        owner.get(&exports(&c.account_id)).await.body[0]["status"],
        "expired"
    );
    let id: Uuid = id.parse().expect("uuid");
    assert!(
        s.store.export_chunk(id, 0).await.expect("chunk").is_none(),
        "the archive is deleted"
    );
}

/// A server that dies mid-export leaves a job whose lease runs out; the next
/// look at it, on any server, takes it over and finishes it.
async fn a_job_whose_server_died_is_taken_over(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let me = owner.get("/v1/me").await.body["user_id"]
        .as_str()
        .expect("id")
        .parse::<Uuid>()
        .expect("uuid");
    let now = s.clock.now();
    // Started by a "server" that never wrote a byte.
    let job = ExportJobRow {
        id: Uuid::now_v7(),
        account_id: c.account_id.parse().expect("uuid"),
        requested_by: Some(me),
        status: "running".into(),
        runner: Some(Uuid::new_v4()),
        lease_until: now + Duration::seconds(60),
        done: 0,
        total: 3,
        step: None,
        bytes: 0,
        chunks: 0,
        created_at: now,
        finished_at: None,
        expires_at: None,
        error: None,
    };
    let (row, new) = s.store.start_export(&job, now).await.expect("job");
    assert!(new);
    let path = format!("{}/{}", exports(&c.account_id), row.id);
    assert_eq!(
        owner.get(&path).await.body["status"],
        "running",
        "the lease still holds"
    );
    let r = owner.post(&exports(&c.account_id), Value::Null).await;
    assert_eq!(
        r.body["id"],
        row.id.to_string(),
        "a second request joins the running export"
    );

    s.clock.advance(Duration::seconds(61));
    let done = wait_ready(&owner, &c.account_id, &row.id.to_string()).await;
    assert_eq!(done["status"], "ready", "{done}");
    let (status, bytes) = download(&s, &owner, &c.account_id, &row.id.to_string()).await;
    assert_eq!(status, 200);
    assert!(read_archive(bytes).contains_key("manifest.json"));
}

/// PR-15: a large account is written in chunks of bounded size as it goes,
/// never as one document in memory (figures: docs/benchmarks-search-export.md).
async fn a_large_account_is_written_in_bounded_chunks(backend: Backend) {
    let config = steward_server::config::Config {
        export_chunk_kib: 16,
        ..Default::default()
    };
    let s = TestServer::start_with(backend, config).await;
    let c = company(&s).await;
    let account: Uuid = c.account_id.parse().expect("uuid");
    // First (lowest ids) 300 invoices without lines: more than a page of
    // parents with no children must not end the lines file early.
    let mut bare = steward_server::demo::large_invoices(account, s.clock.now(), 3_000..3_300);
    for i in &mut bare {
        i.lines.clear();
    }
    s.store.insert_invoices(&bare).await.expect("invoices");
    let invoices = steward_server::demo::large_invoices(account, s.clock.now(), 0..3_000);
    s.store.insert_invoices(&invoices).await.expect("invoices");
    let owner = Caller::sign_in(&s, c.owner).await;
    let r = owner.post(&exports(&c.account_id), Value::Null).await;
    let id = r.body["id"].as_str().expect("id").to_string();
    let job = wait_ready(&owner, &c.account_id, &id).await;
    assert_eq!(job["status"], "ready", "{job}");
    let row = s
        .store
        .export_job(account, id.parse().expect("uuid"))
        .await
        .expect("job")
        .expect("row");
    assert!(row.chunks > 1, "written as it went: {} chunks", row.chunks);
    for seq in 0..row.chunks {
        let chunk = s
            .store
            .export_chunk(row.id, seq)
            .await
            .expect("chunk")
            .expect("present");
        // A chunk is stored once 16 KiB are buffered, so it holds at most
        // that and one page of rows: nothing grows with the account.
        assert!(
            chunk.len() <= (16 + 64) * 1024,
            "chunk {seq}: {} bytes",
            chunk.len()
        );
    }
    let (_, bytes) = download(&s, &owner, &c.account_id, &id).await;
    let files = read_archive(bytes);
    let rows: Value = serde_json::from_str(&files["account/invoices.json"]).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(3_300));
    let lines: Value = serde_json::from_str(&files["account/invoice-lines.json"]).expect("json");
    assert_eq!(
        lines.as_array().map(Vec::len),
        Some(3_000),
        "every line, none for the bare invoices"
    );
}

on_both_stores!(
    the_export_covers_every_table_and_holds_no_secret,
    only_owners_export_and_only_their_own,
    a_job_whose_server_died_is_taken_over,
    a_large_account_is_written_in_bounded_chunks,
);
