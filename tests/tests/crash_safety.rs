//! Crash safety (issue 7, PR-16): a server process is killed with SIGKILL
//! again and again while clients write to it (profile edits under
//! `If-Match`, preference changes, plan changes with idempotency keys, staff
//! reads that write audit entries), then restarted. After every restart:
//! every acknowledged write is there, an unanswered keyed request retried
//! with its key has exactly one effect, and at the end the database passes
//! its integrity check and the audit chain verifies. Both stores.
//!
//! `STEWARD_CRASH_KILLS` sets the number of kills (3 in CI; the long
//! variant, `make crash`, runs 100 per store). Figures: docs/reliability.md.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::Rng;
use reqwest::StatusCode;
use serde_json::{json, Value};
use steward_tests::api::{company, valid_company_profile, Caller};
use steward_tests::on_both_stores;
use steward_tests::process::ServerProcess;
use steward_tests::server::{Backend, TestServer};

/// The server process: this test binary again, running only this function.
#[test]
#[ignore = "the server process of the crash tests; they start it, the runner does not"]
fn server_process() {
    steward_tests::process::child_main();
}

#[derive(Debug, Default)]
struct Acked {
    profile_version: i64,
    comms_version: i64,
    audit_reads: i64,
    /// Plan-change keys answered 200, and keys whose answer was lost.
    keys_answered: Vec<String>,
    keys_unknown: Vec<String>,
    /// Lost answers retried with their key.
    retried: usize,
    /// The plan the subscription is on (an index into the two alternated).
    plan: usize,
}

/// A plan-change key names the plan it moves to: `k{n}p{plan}`.
fn plan_of(key: &str) -> usize {
    key.rsplit('p')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
}

fn kills() -> usize {
    std::env::var("STEWARD_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

async fn send(
    http: &reqwest::Client,
    token: &str,
    method: reqwest::Method,
    url: String,
    body: Option<Value>,
    headers: &[(&str, String)],
) -> Result<(StatusCode, Option<String>, Value), reqwest::Error> {
    let mut rb = http.request(method, url).bearer_auth(token);
    for (k, v) in headers {
        rb = rb.header(*k, v);
    }
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let resp = rb.send().await?;
    let status = resp.status();
    let etag = resp
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = resp.json().await.unwrap_or(Value::Null);
    Ok((status, etag, body))
}

fn version(etag: Option<&str>) -> i64 {
    etag.and_then(|t| t.trim_matches('"').parse().ok())
        .unwrap_or(0)
}

/// Retry every plan change whose answer was lost, with its own key and
/// body: each must answer 200 (first effect or the stored answer).
async fn retry_lost(
    http: &reqwest::Client,
    token: &str,
    url: &str,
    plans: &[String; 2],
    acked: &Mutex<Acked>,
) {
    let unknown = std::mem::take(&mut acked.lock().expect("lock").keys_unknown);
    for key in unknown {
        let plan = plan_of(&key);
        let (status, _, body) = send(
            http,
            token,
            reqwest::Method::POST,
            url.to_string(),
            Some(json!({"plan_id": plans[plan]})),
            &[("idempotency-key", key.clone())],
        )
        .await
        .expect("the retry reaches the restarted server");
        assert_eq!(status, 200, "retry of {key}: {body}");
        let mut a = acked.lock().expect("lock");
        a.keys_answered.push(key);
        a.plan = plan;
        a.retried += 1;
    }
}

async fn writes_survive_sigkill(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let account: uuid::Uuid = c.account_id.parse().expect("uuid");
    let owner_id = s
        .store
        .user_by_email(c.owner)
        .await
        .expect("db")
        .expect("owner")
        .id;
    let profile = format!("/v1/accounts/{}/profile", c.account_id);
    let change = format!("/v1/accounts/{}/subscription/change", c.account_id);
    let first_plan = owner
        .get(&format!("/v1/accounts/{}/subscription", c.account_id))
        .await
        .body["plan"]["id"]
        .as_str()
        .expect("plan")
        .to_string();
    let plans = [String::from("enterprise-monthly"), first_plan];
    let start_version = s
        .store
        .subscription(account)
        .await
        .expect("db")
        .expect("sub")
        .version;
    let acked = Arc::new(Mutex::new(Acked {
        plan: 1,
        ..Acked::default()
    }));
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("http");
    let mut next_key = 0usize;
    let mut writes = 0usize;

    for round in 0..kills() {
        let mut server = ServerProcess::start(&s).await;
        // Lost plan changes are retried first, with their keys: one effect.
        retry_lost(&http, &owner.access, &server.url(&change), &plans, &acked).await;
        let stop = Arc::new(AtomicBool::new(false));
        let mut tasks = Vec::new();
        // Profile and preference writers.
        for kind in 0..2 {
            let (http, token, stop, acked, base) = (
                http.clone(),
                owner.access.clone(),
                stop.clone(),
                acked.clone(),
                server.url(""),
            );
            let profile = profile.clone();
            tasks.push(tokio::spawn(async move {
                let mut n = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let (path, body) = if kind == 0 {
                        (profile.clone(), valid_company_profile(&format!("Acme {round}-{n}")))
                    } else {
                        (
                            "/v1/me/communications".to_string(),
                            json!({"changes": [{"purpose": "newsletters", "channel": "email", "on": n % 2 == 0}]}),
                        )
                    };
                    let Ok((_, tag, _)) = send(&http, &token, reqwest::Method::GET, format!("{base}{path}"), None, &[]).await else { break };
                    let tag = tag.unwrap_or_default();
                    match send(&http, &token, reqwest::Method::PUT, format!("{base}{path}"), Some(body), &[("if-match", tag)]).await {
                        Ok((status, etag, body)) => {
                            assert!(matches!(status.as_u16(), 200 | 412 | 503), "{status} {body}");
                            if status == 200 {
                                let v = version(etag.as_deref()).max(body["version"].as_i64().unwrap_or(0));
                                let mut a = acked.lock().expect("lock");
                                if kind == 0 { a.profile_version = a.profile_version.max(v) } else { a.comms_version = a.comms_version.max(v) }
                            }
                        }
                        Err(_) => break, // killed: the outcome is unknown, and unkeyed
                    }
                }
                n
            }));
        }
        // Plan changes, one at a time, each with a new key.
        {
            let (http, token, stop, acked, url, plans) = (
                http.clone(),
                owner.access.clone(),
                stop.clone(),
                acked.clone(),
                server.url(&change),
                plans.clone(),
            );
            let first = next_key;
            next_key += 1000;
            tasks.push(tokio::spawn(async move {
                let mut i = first;
                while !stop.load(Ordering::Relaxed) {
                    let plan = 1 - acked.lock().expect("lock").plan;
                    let key = format!("k{i}p{plan}");
                    let r = send(
                        &http,
                        &token,
                        reqwest::Method::POST,
                        url.clone(),
                        Some(json!({"plan_id": plans[plan]})),
                        &[("idempotency-key", key.clone())],
                    )
                    .await;
                    let mut a = acked.lock().expect("lock");
                    match r {
                        Ok((status, _, body)) => {
                            assert_eq!(status, 200, "{key}: {body}");
                            a.keys_answered.push(key);
                            a.plan = plan;
                        }
                        Err(_) => {
                            a.keys_unknown.push(key);
                            break;
                        }
                    }
                    i += 1;
                }
                i - first
            }));
        }
        // Staff reads: each writes an audit entry before it answers.
        {
            let (http, token, stop, acked, url) = (
                http.clone(),
                agent.access.clone(),
                stop.clone(),
                acked.clone(),
                server.url(&format!("/v1/staff/customers/{}", c.account_id)),
            );
            tasks.push(tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    match send(&http, &token, reqwest::Method::GET, url.clone(), None, &[]).await {
                        Ok((status, _, _)) if status == 200 => {
                            acked.lock().expect("lock").audit_reads += 1
                        }
                        Ok((status, _, body)) => panic!("staff read: {status} {body}"),
                        Err(_) => break,
                    }
                    n += 1;
                }
                n
            }));
        }
        let wait = rand::thread_rng().gen_range(100..400);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill();
        stop.store(true, Ordering::Relaxed);
        for t in tasks {
            writes += t.await.expect("writer");
        }

        // What was acknowledged is there.
        let (profile_version, comms_version, audit_reads) = {
            let a = acked.lock().expect("lock");
            (a.profile_version, a.comms_version, a.audit_reads)
        };
        // The profile is created by its first read, which an early kill can
        // beat: then nothing about it was acknowledged either.
        let stored = s
            .store
            .profile(account)
            .await
            .expect("db")
            .map_or(0, |p| p.version);
        assert!(
            stored >= profile_version,
            "round {round}: profile {stored} < acked {profile_version}"
        );
        let (_, comms) = s.store.comm_prefs(owner_id).await.expect("db");
        assert!(
            comms >= comms_version,
            "round {round}: preferences {comms} < acked {comms_version}"
        );
        let audit = steward_server::audit::verify(s.store.as_ref())
            .await
            .expect("verify");
        assert!(
            audit.first_break.is_none(),
            "round {round}: {:?}",
            audit.first_break
        );
        assert!(
            audit.checked >= audit_reads,
            "round {round}: {} audit entries < {audit_reads} reads",
            audit.checked
        );
    }

    // Every key took effect exactly once: the subscription moved once per key.
    let server = ServerProcess::start(&s).await;
    retry_lost(&http, &owner.access, &server.url(&change), &plans, &acked).await;
    let (keys, retried) = {
        let a = acked.lock().expect("lock");
        (a.keys_answered.len(), a.retried)
    };
    let sub = s
        .store
        .subscription(account)
        .await
        .expect("db")
        .expect("sub");
    assert_eq!(
        sub.version - start_version,
        i64::try_from(keys).expect("count"),
        "one change per key"
    );
    drop(server);
    if let Some(file) = s.sqlite_path() {
        let checked = steward_server::backup::check(&file)
            .await
            .expect("integrity and audit chain");
        assert!(checked.audit_entries > 0);
    }
    assert!(writes > 0, "writes happened");
    let _ = std::fs::write(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../target/crash-{backend:?}.txt")),
        format!(
            "kills: {}\nwrites sent: {writes}\nplan changes (keys): {keys}\nlost answers retried with their key: {retried}\n",
            kills()
        ),
    );
    s.shutdown().await;
}

on_both_stores!(writes_survive_sigkill);
