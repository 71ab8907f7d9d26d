//! `make bench`: issue 8's benchmarks in one run, each figure a ratio to a
//! baseline measured in the same run (or a percentile of many samples), the
//! median of several rounds. Writes docs/BENCHMARKS.md.
//!
//! `make bench`, or after its builds:
//! `target/server/examples/bench [ACCOUNTS] [SECONDS] [ROUNDS] [sqlite|postgres|both] [OUT] [--runs N]`
//!
//! Each store's data set is built once; then every server row is measured
//! `--runs` times over it (default 1; `make bench` asks for 3), and the table
//! quotes the median of the runs: on these shared machines the same code's
//! `/v1/me` p99 during sign-ins was 1.01x its own alone in one run and 2.40x
//! in the next (docs/benchmarks-analysis.md).
//!
//! The server runs in this process (`TestServer`: the real server on
//! loopback, a SQLite file or a throwaway PostgreSQL cluster), filled by
//! `steward-server generate`'s data set; the load comes from reqwest clients
//! on the same 2 cores, so throughput figures are ratios, never absolutes.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a benchmark prints its progress and writes its report"
)]

mod console;
mod cpu;
mod load;
mod report;
mod rows;
mod signins;

use std::time::{Duration, Instant};

use anyhow::Context as _;

use steward_server::clock::Clock;
use steward_tests::api::Caller;
use steward_tests::server::{Backend, TestServer};
use steward_types::UserRole;

use crate::load::Target;
use crate::report::{Report, Run, Store};

struct Args {
    accounts: u64,
    secs: f64,
    rounds: usize,
    runs: usize,
    stores: String,
    out: String,
}

fn args() -> anyhow::Result<Args> {
    let mut runs = 1;
    let mut a = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(v) = it.next() {
        match v.strip_prefix("--runs") {
            Some("") => runs = it.next().context("--runs needs a number")?.parse()?,
            Some(n) => {
                runs = n
                    .strip_prefix('=')
                    .context("--runs N or --runs=N")?
                    .parse()?
            }
            None => a.push(v),
        }
    }
    anyhow::ensure!(runs >= 1, "--runs must be at least 1");
    Ok(Args {
        accounts: a
            .first()
            .map(|v| v.parse())
            .transpose()?
            .unwrap_or(1_000_000),
        secs: a.get(1).map(|v| v.parse()).transpose()?.unwrap_or(3.0),
        rounds: a.get(2).map(|v| v.parse()).transpose()?.unwrap_or(5),
        runs,
        stores: a.get(3).cloned().unwrap_or_else(|| "both".into()),
        out: a
            .get(4)
            .cloned()
            .unwrap_or_else(|| "docs/BENCHMARKS.md".into()),
    })
}

async fn filled(backend: Backend, accounts: u64) -> anyhow::Result<(TestServer, Duration)> {
    let mut config = steward_server::Config::default();
    // The sign-in benchmark signs one person in thousands of times from one address.
    config.throttle.per_address = u32::MAX / 2;
    config.throttle.per_account = u32::MAX / 2;
    let s = TestServer::start_with(backend, config).await;
    let started = Instant::now();
    let mut last = Instant::now();
    steward_server::generate::generate(
        s.store.as_ref(),
        accounts,
        2013,
        s.clock.now(),
        |done, _| {
            if last.elapsed() > Duration::from_secs(30) {
                eprintln!("[bench] {backend:?}: {done} of {accounts} accounts");
                last = Instant::now();
            }
        },
    )
    .await?;
    Ok((s, started.elapsed()))
}

async fn run_store(
    backend: Backend,
    a: &Args,
    http: &reqwest::Client,
    report: &mut Report,
) -> anyhow::Result<()> {
    eprintln!("[bench] {backend:?}: generating {} accounts", a.accounts);
    let (s, built) = filled(backend, a.accounts).await?;
    let base = rows::serve_with_baseline(s.server.state.clone()).await?;
    let customer = steward_tests::bench::customer(&s, "bench.owner@example.com").await?;
    let agent_email = "bench.agent@support.example";
    s.add_user(agent_email, "Bench Agent", UserRole::Agent)
        .await;
    let agent = Caller::sign_in(&s, agent_email).await;
    let token = customer.caller.access.clone();
    signins::prepare(&s).await;
    let mut store = Store::new(backend, built);
    for run in 1..=a.runs {
        eprintln!("[bench] {backend:?}: run {run} of {}", a.runs);
        let mut m = Run::started_now();
        eprintln!("[bench] {backend:?}: GET /v1/me against the bare route");
        m.me = Some(
            rows::against_bare(
                http,
                &base,
                "/v1/me",
                &token,
                s.postgres_pid(),
                a.secs,
                a.rounds,
            )
            .await?,
        );
        eprintln!("[bench] {backend:?}: the profile read against the bare route");
        let path = format!("/v1/accounts/{}/profile", customer.account);
        m.profile = Some(
            rows::against_bare(
                http,
                &base,
                &path,
                &token,
                s.postgres_pid(),
                a.secs,
                a.rounds,
            )
            .await?,
        );
        eprintln!(
            "[bench] {backend:?}: the server's memory, as its own process, under the profile load"
        );
        m.memory = Some(
            rows::server_memory(
                &s,
                http,
                "bench.owner@example.com",
                &customer.account,
                a.secs,
            )
            .await?,
        );
        eprintln!("[bench] {backend:?}: staff search and full scans");
        m.search = Some(rows::search(&s, &agent, 500, 5).await?);
        if backend == Backend::Sqlite {
            eprintln!("[bench] {backend:?}: durable preference changes against raw commits");
            m.durable = Some(rows::durable(&s, &customer.caller, 500).await?);
            eprintln!("[bench] {backend:?}: sign-ins");
            let me = Target {
                url: format!("{base}/v1/me"),
                token: Some(token.clone()),
            };
            m.sign_ins = Some(signins::sign_ins(&s, http, &me, a.secs * 2.0, a.rounds).await?);
            eprintln!("[bench] {backend:?}: the data export");
            m.export = Some(rows::export(&s, run, 10_000, 100_000).await?);
        }
        store.runs.push(m);
    }
    report.stores.push(store);
    s.shutdown().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = args()?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .timeout(Duration::from_secs(30))
        .build()?;
    let mut report = Report::new(&a.stores, a.accounts, a.secs, a.rounds, a.runs);
    if matches!(a.stores.as_str(), "sqlite" | "both") {
        run_store(Backend::Sqlite, &a, &http, &mut report).await?;
    }
    if matches!(a.stores.as_str(), "postgres" | "both") {
        run_store(Backend::Postgres, &a, &http, &mut report).await?;
    }
    if let Some(target) = console::target_dir() {
        report.console = console::read(&target);
        report.deb = console::deb(&target);
    }
    let text = report.render();
    std::fs::write(&a.out, &text)?;
    println!("{text}");
    eprintln!("[bench] wrote {}", a.out);
    Ok(())
}
