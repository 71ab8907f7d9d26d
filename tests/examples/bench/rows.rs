//! One function per row of issue 8's table (the sign-in row has `signins.rs`);
//! each returns what it measured.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use serde_json::json;
use steward_server::clock::Clock;
use steward_server::state::AppState;
use steward_tests::api::Caller;
use steward_tests::server::{Backend, TestServer};
use steward_types::billing::UsageMonth;
use uuid::Uuid;

use crate::cpu::{self, PerRequest};
use crate::load::{
    self, compare, hammer, median, ms, percentile, status_mib, Compared, Phase, Target,
};
use crate::signins::sign_in_once;

/// [`steward_tests::bench::router`] on its own listener: the same
/// build, the same middleware, only the work of the route differs.
pub async fn serve_with_baseline(state: AppState) -> anyhow::Result<String> {
    let router = steward_tests::bench::router(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    Ok(format!("http://{addr}"))
}

/// A route's answer size, for a baseline of the same size.
async fn body_len(http: &reqwest::Client, t: &Target) -> anyhow::Result<usize> {
    t.fetch(http)
        .await
        .with_context(|| format!("{} did not answer 2xx", t.url))
}

pub struct Ratio {
    pub load: Compared,
    pub bytes: usize,
    /// CPU per request, one at a time: (subject, baseline).
    pub cpu: (PerRequest, PerRequest),
}

/// The load: 32 connections.
pub const CONNECTIONS: usize = 32;

/// An authenticated GET against the bare route of the same size.
pub async fn against_bare(
    http: &reqwest::Client,
    base: &str,
    path: &str,
    token: &str,
    db_pid: Option<u32>,
    secs: f64,
    rounds: usize,
) -> anyhow::Result<Ratio> {
    let subject = vec![Target {
        url: format!("{base}{path}"),
        token: Some(token.to_string()),
    }];
    let bytes = body_len(http, &subject[0]).await?;
    let baseline = vec![Target {
        url: format!("{base}{}", steward_tests::bench::bare_path(bytes)),
        token: None,
    }];
    anyhow::ensure!(
        body_len(http, &baseline[0]).await? == bytes,
        "baseline size"
    );
    let load = compare(http, &baseline, &subject, CONNECTIONS, secs, rounds).await;
    let cpu = (
        cpu::per_request(http, &subject[0], db_pid, 3000).await,
        cpu::per_request(http, &baseline[0], db_pid, 3000).await,
    );
    Ok(Ratio { load, bytes, cpu })
}

pub struct Search {
    pub prefix: Vec<Duration>,
    pub substring: Vec<Duration>,
    pub scan_prefix_ms: f64,
    pub scan_substring_ms: f64,
}

/// Staff search over HTTP, prefixes (an e-mail's first 6 characters) and
/// substrings (a surname inside a name), against a full scan of the same
/// match in the same database with its indexes turned off.
pub async fn search(
    s: &TestServer,
    agent: &Caller,
    queries: usize,
    scans: usize,
) -> anyhow::Result<Search> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(8);
    let (mut prefixes, mut substrings) = (Vec::new(), Vec::new());
    while prefixes.len() < queries {
        let start = Uuid::from_u128(rng.gen());
        let Some(id) = s
            .store
            .account_ids_after(start, 1)
            .await?
            .into_iter()
            .next()
        else {
            continue;
        };
        let Some(src) = s.store.search_sources(id).await? else {
            continue;
        };
        let Some((name, email)) = src.members.first().cloned() else {
            continue;
        };
        prefixes.push(email.chars().take(6).collect::<String>());
        substrings.push(
            name.split_whitespace()
                .last()
                .unwrap_or(&name)
                .to_lowercase(),
        );
    }
    let run = |qs: &[String]| {
        let qs = qs.to_vec();
        async move {
            let mut lat = Vec::new();
            for q in &qs {
                let encoded: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
                let t = Instant::now();
                let r = agent.get(&format!("/v1/staff/customers?q={encoded}")).await;
                lat.push(t.elapsed());
                anyhow::ensure!(r.status == 200, "{q}: {}", r.body);
            }
            lat.sort_unstable();
            Ok::<_, anyhow::Error>(lat)
        }
    };
    run(&prefixes[..queries.min(100)]).await?; // warm-up
    let prefix = run(&prefixes).await?;
    let substring = run(&substrings).await?;
    let scan = |pattern: fn(&str) -> String, qs: &[String]| {
        let qs: Vec<String> = qs.iter().take(scans).map(|q| pattern(q)).collect();
        async move {
            let mut times = Vec::new();
            for q in qs {
                times.push(ms(full_scan(s, &q).await?));
            }
            Ok::<_, anyhow::Error>(median(times))
        }
    };
    let scan_prefix_ms = scan(|q| format!("{q}%"), &prefixes).await?;
    let scan_substring_ms = scan(|q| format!("%{q}%"), &substrings).await?;
    Ok(Search {
        prefix,
        substring,
        scan_prefix_ms,
        scan_substring_ms,
    })
}

/// The same match without an index: every search term read.
async fn full_scan(s: &TestServer, pattern: &str) -> anyhow::Result<Duration> {
    let t;
    let n: i64 = match s.backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&s.database_url).await?;
            t = Instant::now();
            let n = sqlx::query_scalar(
                "SELECT count(DISTINCT account_id) FROM search_terms NOT INDEXED WHERE value LIKE ?1",
            )
            .bind(pattern)
            .fetch_one(&pool)
            .await?;
            pool.close().await;
            n
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&s.database_url).await?;
            let mut tx = pool.begin().await?;
            sqlx::query("SET LOCAL enable_indexscan = off")
                .execute(&mut *tx)
                .await?;
            sqlx::query("SET LOCAL enable_bitmapscan = off")
                .execute(&mut *tx)
                .await?;
            t = Instant::now();
            let n = sqlx::query_scalar(
                "SELECT count(DISTINCT account_id) FROM search_terms WHERE value LIKE $1",
            )
            .bind(pattern)
            .fetch_one(&mut *tx)
            .await?;
            tx.rollback().await?;
            pool.close().await;
            n
        }
    };
    let took = t.elapsed();
    anyhow::ensure!(n > 0, "{pattern} matched nothing");
    Ok(took)
}

pub struct Durable {
    pub change: Vec<Duration>,
    pub raw: Vec<Duration>,
}

/// Changes and raw commits alternate in blocks of this many, with a pause
/// between blocks. Alternating one of each measured each at the tail of the
/// other's disk work (the raw commit's p99 rose from about 0.6 to 5.75 ms).
pub const DURABLE_BLOCK: usize = 50;
pub const DURABLE_PAUSE: Duration = Duration::from_millis(50);

/// A preference change over HTTP (`If-Match`, one fsync'd commit plus its
/// receipt) against one raw commit of one row into a SQLite file with the
/// server's settings (WAL, `synchronous=FULL`), on the same disk. The two
/// alternate in blocks, so a slow stretch of the shared disk falls on both
/// sides of the ratio rather than on whichever ran during it.
pub async fn durable(s: &TestServer, customer: &Caller, n: usize) -> anyhow::Result<Durable> {
    let dir = s
        .sqlite_path()
        .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
        .context("a SQLite server")?;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join("raw.sqlite"))
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Full);
    let pool = sqlx::SqlitePool::connect_with(options).await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, on_off INTEGER NOT NULL)")
        .execute(&pool)
        .await?;
    let mut etag = customer
        .get("/v1/me/communications")
        .await
        .etag
        .context("etag")?;
    let (mut change, mut raw) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let settle = || tokio::time::sleep(DURABLE_PAUSE);
    for block in (0..n).step_by(DURABLE_BLOCK) {
        let items = block..(block + DURABLE_BLOCK).min(n);
        for i in items.clone() {
            let body = json!({"changes": [{"purpose": "newsletters", "channel": "email", "on": i % 2 == 0}]});
            let t = Instant::now();
            let r = customer
                .send_with(
                    reqwest::Method::PUT,
                    "/v1/me/communications",
                    Some(body),
                    &[("if-match", Some(etag.as_str()))],
                )
                .await;
            change.push(t.elapsed());
            anyhow::ensure!(r.status == 200, "change {i}: {}", r.body);
            etag = r.etag.context("etag")?;
        }
        settle().await;
        for i in items {
            let t = Instant::now();
            sqlx::query("INSERT INTO raw (on_off) VALUES (?1)")
                .bind(i64::try_from(i % 2)?)
                .execute(&pool)
                .await?;
            raw.push(t.elapsed());
        }
        settle().await;
    }
    pool.close().await;
    change.sort_unstable();
    raw.sort_unstable();
    Ok(Durable { change, raw })
}

pub struct Export {
    pub took: Duration,
    pub before_mib: f64,
    pub peak_mib: f64,
    pub archive_bytes: i64,
}

/// The data export of an account with `invoices` invoices and `usage` usage
/// rows, as the server runs it; the process's memory before and at its peak.
/// Each run exports an account of its own (`run` names it), filled the same.
pub async fn export(
    s: &TestServer,
    run: usize,
    invoices: u32,
    usage: u32,
) -> anyhow::Result<Export> {
    let now = s.clock.now();
    let (user_id, account) = steward_tests::bench::owner_of(
        s,
        &format!("bench.export.{run}@example.com"),
        "Bench Export",
        "Bench Export Ltd",
    )
    .await?;
    for from in (0..invoices).step_by(2_000) {
        let batch =
            steward_server::demo::large_invoices(account, now, from..(from + 2_000).min(invoices));
        s.store.insert_invoices(&batch).await?;
    }
    let months: Vec<UsageMonth> = (0..usage)
        .map(|i| UsageMonth {
            // 100,000 months do not fit in real years: `YYYY-MM` from year 1.
            month: format!("{:04}-{:02}", 1 + i / 12, 1 + i % 12),
            downloads: u64::from(i) * 7,
            bandwidth_gb: Decimal::new(i64::from(i) * 125, 2),
            storage_gb: Decimal::new(i64::from(i) * 25, 2),
        })
        .collect();
    for chunk in months.chunks(5_000) {
        s.store.put_usage(account, chunk).await?;
    }
    let state = &s.server.state;
    eprintln!("[bench] exporting");
    load::reset_peak();
    let before_mib = status_mib("self", "VmRSS:");
    let t = Instant::now();
    let job = steward_server::export::start(state, account, user_id).await?;
    let done = loop {
        tokio::time::sleep(Duration::from_millis(10)).await;
        let row = s.store.export_job(account, job.id).await?.context("job")?;
        if row.status != "running" {
            break row;
        }
    };
    let took = t.elapsed();
    anyhow::ensure!(done.status == "ready", "export ended {}", done.status);
    Ok(Export {
        took,
        before_mib,
        peak_mib: status_mib("self", "VmHWM:"),
        archive_bytes: done.bytes,
    })
}

pub fn p99_ms(sorted: &[Duration]) -> f64 {
    ms(percentile(sorted, 99.0))
}

pub struct ServerMemory {
    pub load: Phase,
    /// Largest RSS of the server process while under load, MiB.
    pub peak_rss_mib: f64,
    pub idle_rss_mib: f64,
}

/// The release `steward-server` binary as its own process on the same
/// database (every account of the data set), under the profile-read load:
/// its memory, read from `/proc/<pid>/status`, is the server's alone.
pub async fn server_memory(
    s: &TestServer,
    http: &reqwest::Client,
    owner: &str,
    account: &str,
    secs: f64,
) -> anyhow::Result<ServerMemory> {
    let binary = std::env::current_exe()?
        .parent()
        .and_then(std::path::Path::parent)
        .map(|d| d.join("steward-server"))
        .context("target dir")?;
    anyhow::ensure!(
        binary.exists(),
        "{} missing: cargo build --release -p steward-server",
        binary.display()
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut child = tokio::process::Command::new(&binary)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("STEWARD_DATABASE_URL", &s.database_url)
        .env("STEWARD_SECRET_KEY_FILE", s.secret_key_file())
        .env("STEWARD_LOG_LEVEL", "warn")
        .env("STEWARD_THROTTLE__PER_ADDRESS", "1000000")
        .kill_on_drop(true)
        .spawn()?;
    let pid = child.id().context("pid")?.to_string();
    let base = format!("http://127.0.0.1:{port}");
    let ready = async {
        for _ in 0..600 {
            if matches!(http.get(format!("{base}/readyz")).send().await, Ok(r) if r.status().is_success())
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("steward-server did not become ready")
    };
    ready.await?;
    // The sign-in answers with a redirect to the console's loopback address: not followed.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let token = sign_in_once(&browser, &base, owner).await?;
    let idle_rss_mib = status_mib(&pid, "VmRSS:");
    let target = vec![Target {
        url: format!("{base}/v1/accounts/{account}/profile"),
        token: Some(token),
    }];
    hammer(http, &target, CONNECTIONS, 1.0).await;
    let sampling = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let (sampling, pid) = (sampling.clone(), pid.clone());
        tokio::spawn(async move {
            let mut peak = 0.0_f64;
            while sampling.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(status_mib(&pid, "VmRSS:"));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            peak
        })
    };
    let load = hammer(http, &target, CONNECTIONS, secs).await;
    sampling.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak_rss_mib = sampler.await?.max(status_mib(&pid, "VmHWM:"));
    child.kill().await?;
    Ok(ServerMemory {
        load,
        peak_rss_mib,
        idle_rss_mib,
    })
}
