//! What a route costs the server without HTTP (issue 8,
//! docs/benchmarks-analysis.md): the router and its middleware called
//! in-process, one request at a time on one thread, so the figures hold
//! only the server's own work, not the load generator's, the kernel's
//! loopback TCP or hyper's. Compares `GET /v1/me` and a profile read with
//! a bare JSON route of the same size in the same router.
//!
//!   cargo build --profile server -p steward-tests --example route_cost
//!   target/server/examples/route_cost [requests]
//!
//! Under `perf record -F 999 --call-graph dwarf,16384 -p <pid>` it gives a
//! profile of the route's work alone.

#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::net::SocketAddr;
use std::time::Instant;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use steward_tests::bench::cpu_secs;
use steward_tests::server::{Backend, TestServer};
use tower::ServiceExt;

async fn call(router: &axum::Router, path: &str, token: Option<&str>) -> usize {
    let mut req = Request::builder().uri(path);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let mut req = req.body(Body::empty()).expect("request");
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    let res = router.clone().oneshot(req).await.expect("infallible");
    assert!(res.status().is_success(), "{path}: {}", res.status());
    axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body")
        .len()
}

/// Microseconds per request, wall and CPU, over `n` requests after warm-up.
async fn per_request(router: &axum::Router, path: &str, token: Option<&str>, n: u32) -> (f64, f64) {
    for _ in 0..n / 10 {
        call(router, path, token).await;
    }
    let (c0, w0) = (cpu_secs("self"), Instant::now());
    for _ in 0..n {
        call(router, path, token).await;
    }
    let per = |s: f64| s * 1e6 / f64::from(n);
    (per(w0.elapsed().as_secs_f64()), per(cpu_secs("self") - c0))
}

fn main() -> anyhow::Result<()> {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50_000);
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
                r.0, r.1, b.0, b2.0, b.1, b2.1
            );
        }
        s.shutdown().await;
        Ok(())
    })
}
