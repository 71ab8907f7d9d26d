//! `make bench-search`: staff customer search (issue 6) over HTTP on a
//! large generated data set, on SQLite and on PostgreSQL (a throwaway
//! cluster). Prints the data set's build time, the query plans, and the
//! latency of each kind of query (p50, p95, p99, max) measured by a client
//! on loopback through the real server. Figures go in docs/benchmarks-search-export.md.
//!
//! `cargo run --release -p steward-tests --example search_bench -- [ACCOUNTS] [QUERIES] [sqlite|postgres|both]`

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a benchmark prints its figures and its progress"
)]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use steward_server::clock::Clock;
use steward_server::store::Store;
use steward_tests::api::Caller;
use steward_tests::server::{Backend, TestServer};
use steward_types::profile::Profile;
use steward_types::UserRole;
use uuid::Uuid;

const AGENT: &str = "bench.agent@support.example";

/// Queries drawn from real accounts of the data set, by kind.
async fn sample_queries(
    store: &dyn Store,
    n: usize,
) -> anyhow::Result<Vec<(&'static str, String)>> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(42);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let start = Uuid::from_u128(rng.gen());
        let Some(id) = store.account_ids_after(start, 1).await?.into_iter().next() else {
            continue;
        };
        let Some(src) = store.search_sources(id).await? else {
            continue;
        };
        let Some(p) = src
            .profile_doc
            .as_deref()
            .and_then(|d| serde_json::from_str::<Profile>(d).ok())
        else {
            continue;
        };
        let Some((name, email)) = src.members.first().cloned() else {
            continue;
        };
        let last = name.split_whitespace().last().unwrap_or(&name).to_owned();
        let phone = p.phone.clone().unwrap_or_default();
        let kinds: Vec<(&'static str, String)> = vec![
            ("e-mail, whole", email.clone()),
            (
                "e-mail, first 6 characters",
                email.chars().take(6).collect(),
            ),
            ("name, whole", name.clone()),
            ("surname (a word inside)", last),
            ("first name, 3 characters", name.chars().take(3).collect()),
            (
                "company, middle of a word",
                p.company
                    .as_ref()
                    .map(|c| c.name.chars().skip(2).take(6).collect())
                    .unwrap_or_else(|| name.chars().skip(1).take(5).collect()),
            ),
            (
                "telephone, last 7 digits",
                phone
                    .chars()
                    .rev()
                    .take(7)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect(),
            ),
            (
                "invoice number, first 12 characters",
                steward_server::store::invoice_number(id, 1)
                    .chars()
                    .take(12)
                    .collect(),
            ),
            ("account id", id.to_string()),
        ];
        out.extend(kinds);
    }
    out.truncate(n);
    Ok(out)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

async fn run(backend: Backend, accounts: u64, queries: usize) -> anyhow::Result<()> {
    let name = match backend {
        Backend::Sqlite => "SQLite (FTS5 trigram)",
        Backend::Postgres => "PostgreSQL (pg_trgm GIN)",
    };
    let s = TestServer::start(backend).await;
    let started = Instant::now();
    let mut last = Instant::now();
    steward_server::generate::generate(
        s.store.as_ref(),
        accounts,
        2013,
        s.clock.now(),
        |done, _| {
            if last.elapsed() > Duration::from_secs(30) {
                eprintln!("[{name}] {done} of {accounts} accounts");
                last = Instant::now();
            }
        },
    )
    .await?;
    let built = started.elapsed();
    s.add_user(AGENT, "Bench Agent", UserRole::Agent).await;
    let agent = Caller::sign_in(&s, AGENT).await;
    let plans = s.store.search_plans("smith").await?;
    let sample = sample_queries(s.store.as_ref(), queries + 200).await?;
    // Warm the caches and the connection pool first.
    for (_, q) in sample.iter().take(200) {
        let r = agent
            .get(&format!("/v1/staff/customers?q={}", encode(q)))
            .await;
        anyhow::ensure!(r.status == 200, "{q}: {}", r.body);
    }
    let mut by_kind: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut all = Vec::with_capacity(queries);
    let mut hits = 0_usize;
    for (kind, q) in sample.iter().skip(200) {
        let t = Instant::now();
        let r = agent
            .get(&format!("/v1/staff/customers?q={}", encode(q)))
            .await;
        let took = t.elapsed();
        anyhow::ensure!(r.status == 200, "{q}: {}", r.body);
        if r.body["items"].as_array().is_some_and(|i| !i.is_empty()) {
            hits += 1;
        }
        by_kind.entry(kind).or_default().push(took);
        all.push(took);
    }
    println!("\n### {name}: {accounts} accounts\n");
    println!(
        "Data set built in {:.0} s. {} queries after 200 warm-up queries; {} found at least one customer.\n",
        built.as_secs_f64(),
        all.len(),
        hits
    );
    println!("| query | n | p50 ms | p95 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (kind, mut v) in by_kind {
        v.sort();
        println!(
            "| {kind} | {} | {} | {} | {} | {} |",
            v.len(),
            ms(percentile(&v, 50.0)),
            ms(percentile(&v, 95.0)),
            ms(percentile(&v, 99.0)),
            ms(percentile(&v, 100.0))
        );
    }
    all.sort();
    println!(
        "| **all** | {} | {} | {} | **{}** | {} |",
        all.len(),
        ms(percentile(&all, 50.0)),
        ms(percentile(&all, 95.0)),
        ms(percentile(&all, 99.0)),
        ms(percentile(&all, 100.0))
    );
    println!("\nQuery plans (`smith`):\n");
    for (kind, lines) in plans {
        println!("- {kind}: `{}`", lines.join(" / "));
    }
    s.shutdown().await;
    Ok(())
}

fn encode(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let accounts: u64 = args
        .first()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let queries: usize = args.get(1).map(|a| a.parse()).transpose()?.unwrap_or(2000);
    let which = args.get(2).map(String::as_str).unwrap_or("both");
    if matches!(which, "sqlite" | "both") {
        run(Backend::Sqlite, accounts, queries).await?;
    }
    if matches!(which, "postgres" | "both") {
        run(Backend::Postgres, accounts, queries).await?;
    }
    Ok(())
}
