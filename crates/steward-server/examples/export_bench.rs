//! `make bench-export`: the data export (PR-15) on a large account, on
//! SQLite. Prints the time and the process's peak memory (VmHWM, reset
//! before each run) for accounts of growing size: memory should stay flat
//! while the archive grows. Figures go in docs/benchmarks-search-export.md.

#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use steward_server::clock::{Clock, SystemClock};
use steward_server::config::Config;
use steward_server::state::AppState;
use steward_server::store::{SqliteStore, Store};
use steward_types::{AccountKind, MemberRole, UserRole};

/// A figure from /proc/self/status, in KiB: `VmHWM` is the peak resident
/// memory since the last reset, `VmRSS` the current.
fn status_kib(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("no {field}"))
}

fn reset_peak() -> anyhow::Result<()> {
    // "5" resets the peak resident set size (proc(5), clear_refs).
    std::fs::write("/proc/self/clear_refs", "5").context("reset VmHWM")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let sizes: Vec<u32> = std::env::args()
        .skip(1)
        .map(|a| a.parse())
        .collect::<Result<_, _>>()?;
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("bench.sqlite").display());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url, 8).await?);
    let clock = Arc::new(SystemClock);
    let state = AppState::new(
        store.clone(),
        clock.clone(),
        Config::default(),
        "http://127.0.0.1".parse()?,
        steward_server::sealed::SealKey::from_bytes(&[0; 32]),
    );
    println!(
        "| invoices (+ lines) | archive | time | RSS before | peak RSS during export | growth |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for (i, n) in sizes.into_iter().enumerate() {
        let now = clock.now();
        let user = steward_server::users::add_user(
            store.as_ref(),
            now,
            &format!("owner{i}@bench.example"),
            "Bench Owner",
            UserRole::Customer,
            "bench password 1234",
        )
        .await?;
        let account = store
            .create_account(&format!("Bench {n}"), AccountKind::Company, now)
            .await?;
        store
            .add_member(account, user.id, MemberRole::Owner, now)
            .await?;
        // In batches, so the seeding does not raise the memory baseline.
        for from in (0..n).step_by(2_000) {
            let batch =
                steward_server::demo::large_invoices(account, now, from..(from + 2_000).min(n));
            store.insert_invoices(&batch).await?;
        }

        reset_peak()?;
        let before = status_kib("VmRSS:")?;
        let start = Instant::now();
        let job = steward_server::export::start(&state, account, user.id).await?;
        let done = loop {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            let row = store.export_job(account, job.id).await?.context("job")?;
            if row.status != "running" {
                break row;
            }
        };
        let took = start.elapsed();
        anyhow::ensure!(
            done.status == "ready",
            "export {}: {:?}",
            done.status,
            done.error
        );
        let peak = status_kib("VmHWM:")?;
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!(
            "| {n} | {:.1} MiB | {:.2} s | {:.1} MiB | {:.1} MiB | {:.1} MiB |",
            done.bytes as f64 / 1_048_576.0,
            took.as_secs_f64(),
            mib(before),
            mib(peak),
            mib(peak.saturating_sub(before))
        );
    }
    Ok(())
}
