//! `make load`: a mixed customer and agent workload (issue 7) from 200
//! concurrent clients for 60 s, against one server on SQLite and against two
//! servers on one PostgreSQL (clients alternate between them, as behind a
//! load balancer). Customers read their identity, profile and invoices and
//! change a preference (with `If-Match`); agents search and open customers
//! (each open writes an audit entry). Prints requests, throughput, latency
//! percentiles and errors; figures go in docs/reliability.md.
//!
//! `cargo run --release -p steward-tests --example load -- [CLIENTS] [SECONDS] [sqlite|postgres|both]`
//!
//! An error is a 5xx, a failed connection, or any 4xx but 412 (another
//! client's write to the same preferences won; the client reloads).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a load generator prints its figures and its progress"
)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use steward_tests::api::Caller;
use steward_tests::server::{Backend, TestServer};
use steward_types::UserRole;

const CUSTOMERS: usize = 40;
const AGENTS: usize = 10;

#[derive(Debug, Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
    conflicts: u64,
    first_errors: Vec<String>,
}

fn pct(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)] as f64 / 1000.0
}

async fn run(backend: Backend, clients: usize, secs: u64) -> anyhow::Result<()> {
    let s = TestServer::start(backend).await;
    let second = match backend {
        Backend::Postgres => Some(s.second_instance().await),
        Backend::Sqlite => None,
    };
    let mut bases = vec![s.url("")];
    if let Some(o) = &second {
        bases.push(o.base_url.as_str().trim_end_matches('/').to_string());
    }
    eprintln!(
        "{backend:?}: {} server(s); signing in {CUSTOMERS} customers and {AGENTS} agents",
        bases.len()
    );
    let mut customers = Vec::new();
    for i in 0..CUSTOMERS {
        let email = format!("load.customer{i}@example.com");
        s.add_user(&email, &format!("Load Customer {i}"), UserRole::Customer)
            .await;
        let caller = Caller::sign_in(&s, &email).await;
        let account = caller.account_of_kind("personal").await;
        customers.push((caller, account));
    }
    let mut agents = Vec::new();
    for i in 0..AGENTS {
        let email = format!("load.agent{i}@support.example");
        s.add_user(&email, &format!("Load Agent {i}"), UserRole::Agent)
            .await;
        agents.push(Caller::sign_in(&s, &email).await);
    }
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .timeout(Duration::from_secs(30))
        .build()?;
    let tally = Arc::new(Mutex::new(Tally::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for c in 0..clients {
        let base = bases[c % bases.len()].clone();
        let (http, tally, stop) = (http.clone(), tally.clone(), stop.clone());
        let agent = c % 5 == 0;
        let (token, account) = if agent {
            (
                agents[c % AGENTS].access.clone(),
                customers[c % CUSTOMERS].1.clone(),
            )
        } else {
            let (caller, account) = &customers[c % CUSTOMERS];
            (caller.access.clone(), account.clone())
        };
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let (method, path, body, if_match) = if agent {
                    if n % 2 == 0 {
                        (reqwest::Method::GET, "/v1/staff/customers?q=load".to_string(), None, None)
                    } else {
                        (reqwest::Method::GET, format!("/v1/staff/customers/{account}"), None, None)
                    }
                } else {
                    match n % 4 {
                        0 => (reqwest::Method::GET, "/v1/me".to_string(), None, None),
                        1 => (reqwest::Method::GET, format!("/v1/accounts/{account}/profile"), None, None),
                        2 => (reqwest::Method::GET, format!("/v1/accounts/{account}/invoices"), None, None),
                        _ => {
                            // A preference change made on the version just read.
                            let tag = http
                                .get(format!("{base}/v1/me/communications"))
                                .bearer_auth(&token)
                                .send()
                                .await
                                .ok()
                                .and_then(|r| r.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_string));
                            (
                                reqwest::Method::PUT,
                                "/v1/me/communications".to_string(),
                                Some(json!({"changes": [{"purpose": "newsletters", "channel": "email", "on": n % 8 == 3}]})),
                                tag,
                            )
                        }
                    }
                };
                let started = Instant::now();
                let mut rb = http.request(method, format!("{base}{path}")).bearer_auth(&token);
                if let Some(t) = if_match {
                    rb = rb.header("if-match", t);
                }
                if let Some(b) = body {
                    rb = rb.json(&b);
                }
                let result = rb.send().await;
                let took = started.elapsed().as_micros() as u64;
                let mut t = tally.lock().expect("lock");
                t.latencies_us.push(took);
                match result {
                    Ok(r) if r.status().is_success() => {}
                    Ok(r) if r.status().as_u16() == 412 => t.conflicts += 1,
                    Ok(r) => {
                        t.errors += 1;
                        if t.first_errors.len() < 5 {
                            t.first_errors.push(format!("{} {path}", r.status()));
                        }
                    }
                    Err(e) => {
                        t.errors += 1;
                        if t.first_errors.len() < 5 {
                            t.first_errors.push(format!("{e} {path}"));
                        }
                    }
                }
            }
        }));
    }
    eprintln!("{backend:?}: {clients} clients for {secs} s");
    let began = Instant::now();
    tokio::time::sleep(Duration::from_secs(secs)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await?;
    }
    let elapsed = began.elapsed().as_secs_f64();
    {
        let mut t = tally.lock().expect("lock");
        t.latencies_us.sort_unstable();
        let n = t.latencies_us.len();
        println!(
            "| {backend:?} | {} | {clients} | {secs} s | {n} | {:.0} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {} | {} |",
            bases.len(),
            n as f64 / elapsed,
            pct(&t.latencies_us, 0.50),
            pct(&t.latencies_us, 0.95),
            pct(&t.latencies_us, 0.99),
            pct(&t.latencies_us, 1.0),
            t.errors,
            t.conflicts,
        );
        for e in &t.first_errors {
            println!("  error: {e}");
        }
    }
    if let Some(o) = second {
        o.shutdown().await;
    }
    s.shutdown().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let clients: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let secs: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(60);
    let stores = args.get(3).map_or("both", String::as_str);
    println!("| store | servers | clients | duration | requests | requests/s | p50 | p95 | p99 | max | errors | 412 (reloaded) |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    if stores != "postgres" {
        run(Backend::Sqlite, clients, secs).await?;
    }
    if stores != "sqlite" {
        run(Backend::Postgres, clients, secs).await?;
    }
    Ok(())
}
