//! What a route costs the server without HTTP (issue 8,
//! docs/benchmarks-analysis.md): the router and its middleware called
//! in-process, one request at a time on one thread, so the figures hold
//! only the server's own work, not the load generator's, the kernel's
//! loopback TCP or hyper's. Compares `GET /v1/me` and a profile read with
//! a bare JSON route of the same size in the same router, and a durable
//! preference change with raw fsync'd commits of 1, 5 and 11 pages beside
//! the server's file (the benchmark's baseline, and what a change commits
//! without and with an opt-in).
//!
//!   cargo build --profile server -p steward-tests --example route_cost
//!   target/server/examples/route_cost [requests] [changes]
//!
//! Under `perf record -F 999 --call-graph dwarf,16384 -p <pid>` it gives a
//! profile of the route's work alone.

#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::net::SocketAddr;
use std::time::Instant;

use anyhow::Context;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use steward_tests::bench::cpu_secs;
use steward_tests::server::{Backend, TestServer};
use tower::ServiceExt;

async fn call(router: &axum::Router, path: &str, token: Option<&str>) -> usize {
    send(router, Request::builder().uri(path), token, Body::empty())
        .await
        .1
}

/// One request through the router; its ETag and body length.
async fn send(
    router: &axum::Router,
    req: axum::http::request::Builder,
    token: Option<&str>,
    body: Body,
) -> (Option<String>, usize) {
    let mut req = req;
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let mut req = req.body(body).expect("request");
    let what = format!("{} {}", req.method(), req.uri());
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    let res = router.clone().oneshot(req).await.expect("infallible");
    assert!(res.status().is_success(), "{what}: {}", res.status());
    let etag = res
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let len = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body")
        .len();
    (etag, len)
}

/// Wall and CPU time over a run of one-at-a-time operations, and each
/// operation's wall time for the percentiles.
struct Run {
    cpu0: f64,
    wall0: Instant,
    each: Vec<f64>,
}

/// µs per operation, wall and CPU, and the wall time's p50 and p99.
#[derive(Debug, Clone, Copy)]
struct Figures {
    wall: f64,
    cpu: f64,
    p50: f64,
    p99: f64,
}

impl Run {
    fn start(n: u32) -> Self {
        Self {
            cpu0: cpu_secs("self"),
            wall0: Instant::now(),
            each: Vec::with_capacity(n as usize),
        }
    }

    fn record(&mut self, since: Instant) {
        self.each.push(since.elapsed().as_secs_f64() * 1e6);
    }

    fn figures(mut self) -> Figures {
        let n = self.each.len() as f64;
        let per = |secs: f64| secs * 1e6 / n;
        self.each.sort_by(f64::total_cmp);
        let at = |q: f64| self.each[((self.each.len() - 1) as f64 * q) as usize];
        Figures {
            wall: per(self.wall0.elapsed().as_secs_f64()),
            cpu: per(cpu_secs("self") - self.cpu0),
            p50: at(0.5),
            p99: at(0.99),
        }
    }
}

/// A durable preference change (`PUT /v1/me/communications` with
/// `If-Match`, one fsync'd commit) `n` times, one after another; every
/// other one turns on a newsletter by e-mail (an opt-in and its mail), as
/// the benchmark's durable row does.
async fn durable(router: &axum::Router, token: &str, n: u32) -> Figures {
    let comms = Request::builder().uri("/v1/me/communications");
    let mut etag = send(router, comms, Some(token), Body::empty())
        .await
        .0
        .expect("etag");
    let change = |i: u32, etag: String| {
        let body = serde_json::json!({"changes": [
            {"purpose": "newsletters", "channel": "email", "on": i % 2 == 0}
        ]});
        let req = Request::builder()
            .method("PUT")
            .uri("/v1/me/communications")
            .header("content-type", "application/json")
            .header("if-match", etag);
        send(router, req, Some(token), Body::from(body.to_string()))
    };
    for i in 0..n / 10 {
        etag = change(i, etag).await.0.expect("etag");
    }
    let mut run = Run::start(n);
    for i in 0..n {
        let t = Instant::now();
        etag = change(i, etag).await.0.expect("etag");
        run.record(t);
    }
    run.figures()
}

/// A raw fsync'd commit of one row (WAL, `synchronous=FULL`, as the
/// server's writer) in a file beside the server's, `n` times. The row goes
/// into its table and `pages - 1` indexes of random keys, so each commit
/// writes `pages` pages: the benchmark's baseline is `pages = 1`, and a
/// preference change writes 5, or 11 with an opt-in (tests/tests/comms.rs).
fn raw_commit(dir: &std::path::Path, pages: usize, n: u32) -> anyhow::Result<Figures> {
    let c = rusqlite::Connection::open(dir.join(format!("raw{pages}.sqlite")))?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.pragma_update(None, "synchronous", "FULL")?;
    let keys: Vec<String> = (1..pages).map(|k| format!("k{k}")).collect();
    let mut schema =
        String::from("CREATE TABLE raw (id INTEGER PRIMARY KEY, on_off INTEGER NOT NULL");
    for k in &keys {
        schema.push_str(&format!(", {k} BLOB NOT NULL"));
    }
    schema.push_str(");");
    for k in &keys {
        schema.push_str(&format!("CREATE INDEX raw_{k} ON raw ({k});"));
    }
    c.execute_batch(&schema)?;
    let insert = format!(
        "INSERT INTO raw (on_off{}) VALUES (?1{})",
        keys.iter().map(|k| format!(", {k}")).collect::<String>(),
        ", randomblob(16)".repeat(keys.len())
    );
    // As the server's checkpointer does, the log is folded into the file
    // between commits, never inside a timed one.
    c.pragma_update(None, "wal_autocheckpoint", 0)?;
    let mut run = Run::start(n);
    for i in 0..n {
        let t = Instant::now();
        c.prepare_cached(&insert)?.execute([i % 2])?;
        run.record(t);
        if i % 50 == 49 {
            c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        }
    }
    Ok(run.figures())
}

/// `n` requests one after another, after warm-up.
async fn per_request(router: &axum::Router, path: &str, token: Option<&str>, n: u32) -> Figures {
    for _ in 0..n / 10 {
        call(router, path, token).await;
    }
    let mut run = Run::start(n);
    for _ in 0..n {
        let t = Instant::now();
        call(router, path, token).await;
        run.record(t);
    }
    run.figures()
}

fn main() -> anyhow::Result<()> {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50_000);
    let changes: u32 = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    // The server under test runs on its own runtime (TestServer starts the
    // real one for sign-in); the measured calls run on this thread alone.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let s = TestServer::start(Backend::Sqlite).await;
        let customer = steward_tests::bench::customer(&s, "cost@example.com").await?;
        let profile = format!("/v1/accounts/{}/profile", customer.account);

        let router = steward_tests::bench::router(s.server.state.clone());
        let token = customer.caller.access.clone();

        println!("{n} requests each, one at a time, in-process (µs per request: wall, CPU of the process)");
        for (name, path) in [("GET /v1/me", "/v1/me".to_string()), ("profile read", profile.clone())] {
            let len = call(&router, &path, Some(&token)).await;
            let bare_path = steward_tests::bench::bare_path(len);
            let b = per_request(&router, &bare_path, None, n).await;
            let r = per_request(&router, &path, Some(&token), n).await;
            let b2 = per_request(&router, &bare_path, None, n).await;
            println!(
                "{name} ({len} bytes): {:.1} wall, {:.1} CPU; bare route: {:.1} / {:.1} wall, {:.1} / {:.1} CPU",
                r.wall, r.cpu, b.wall, b2.wall, b.cpu, b2.cpu
            );
        }
        let dir = s
            .sqlite_path()
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
            .context("a SQLite server")?;
        for (name, f) in [
            ("PUT /v1/me/communications", durable(&router, &token, changes).await),
            ("a raw fsync'd commit of 1 page", raw_commit(&dir, 1, changes)?),
            ("a raw fsync'd commit of 5 pages", raw_commit(&dir, 5, changes)?),
            ("a raw fsync'd commit of 11 pages", raw_commit(&dir, 11, changes)?),
        ] {
            println!(
                "{name}, {changes} one after another: {:.0} wall, {:.0} CPU, p50 {:.0} / p99 {:.0}",
                f.wall, f.cpu, f.p50, f.p99
            );
        }
        s.shutdown().await;
        Ok(())
    })
}
