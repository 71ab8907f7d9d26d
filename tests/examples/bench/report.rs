//! docs/BENCHMARKS.md: the machine, the command, the table of issue 8 with
//! each target checked, then the figures behind each row.

use std::fmt::Write as _;
use std::time::Duration;

use steward_tests::server::Backend;

use crate::console::{Console, Deb};
use crate::load::{ms, percentile, Phase};
use crate::rows::{p99_ms, Durable, Export, Ratio, Search, ServerMemory};
use crate::signins::SignIns;

mod table;

pub struct Store {
    pub backend: Backend,
    pub built: Duration,
    /// One entry per run over the same data set, in order.
    pub runs: Vec<Run>,
}

impl Store {
    pub fn new(backend: Backend, built: Duration) -> Self {
        Self {
            backend,
            built,
            runs: Vec::new(),
        }
    }
}

/// One run of the server rows over a store's data set.
pub struct Run {
    /// When it began, `HH:MM` UTC.
    pub started: String,
    pub me: Option<Ratio>,
    pub profile: Option<Ratio>,
    pub search: Option<Search>,
    pub durable: Option<Durable>,
    pub sign_ins: Option<SignIns>,
    pub export: Option<Export>,
    pub memory: Option<ServerMemory>,
}

impl Run {
    pub fn started_now() -> Self {
        Self {
            started: chrono::Utc::now().format("%H:%M").to_string(),
            me: None,
            profile: None,
            search: None,
            durable: None,
            sign_ins: None,
            export: None,
            memory: None,
        }
    }
}

pub struct Report {
    pub stores: Vec<Store>,
    pub console: Option<Console>,
    pub deb: Option<Deb>,
    command: String,
    accounts: u64,
    secs: f64,
    rounds: usize,
    runs: usize,
}

fn name(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    }
}

fn phase(p: &Phase) -> String {
    format!(
        "{:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} errors",
        p.rps, p.p50_ms, p.p99_ms, p.errors
    )
}

fn first_line(path: &str, key: &str) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()?
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split(':').nth(1))
        .map(|v| v.trim().to_string())
}

fn machine() -> String {
    let cpu = first_line("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mem = first_line("/proc/meminfo", "MemTotal")
        .and_then(|v| v.trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or_else(
            || "?".into(),
            |kib| format!("{:.0} GiB", kib / 1024.0 / 1024.0),
        );
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{cpu}, {cores} cores, {mem} memory, Linux {}",
        kernel.trim()
    )
}

impl Report {
    pub fn new(stores: &str, accounts: u64, secs: f64, rounds: usize, runs: usize) -> Self {
        Self {
            stores: Vec::new(),
            console: None,
            deb: None,
            command: format!(
                "target/server/examples/bench {accounts} {secs} {rounds} {stores} --runs {runs}"
            ),
            accounts,
            secs,
            rounds,
            runs,
        }
    }

    /// The figures behind one run's rows.
    fn run_details(&self, o: &mut String, run: &Run) {
        for (label, r) in [("`GET /v1/me`", &run.me), ("profile read", &run.profile)] {
            if let Some(r) = r {
                let _ = writeln!(
                    o,
                    "- {label}: {}; baseline ({} bytes): {}.",
                    phase(&r.load.subject),
                    r.bytes,
                    phase(&r.load.baseline)
                );
                let rounds: Vec<String> = r
                    .load
                    .rounds
                    .iter()
                    .map(|p| format!("{:.0}% / {:.2}x", p.share * 100.0, p.p99x))
                    .collect();
                let _ = writeln!(
                    o,
                    "  - Each round's share of the baseline's req/s and p99 multiple: {}.",
                    rounds.join(", ")
                );
                let (subject, bare) = r.cpu;
                let _ = writeln!(
                    o,
                    "  - CPU per request, 3,000 one at a time: this process (server and client) {:.0} µs against the bare route's {:.0} µs; \
                     the database's processes {:.0} µs; {:.0} µs wall.",
                    subject.process_us, bare.process_us, subject.database_us, subject.wall_us
                );
            }
        }
        if let Some(m) = &run.memory {
            let _ = writeln!(
                o,
                "- Server memory: the release `steward-server` binary started on the same database, signed in to over HTTP, \
                 then the profile read from 32 connections for {} s: {}; RSS sampled every 50 ms and `VmHWM`.",
                self.secs,
                phase(&m.load)
            );
        }
        if let Some(se) = &run.search {
            let _ = writeln!(
                o,
                "- Search: {} prefix queries (an e-mail's first 6 characters) and {} substring queries (a surname), one at a time \
                 after 100 warm-up queries: prefix p50 {:.2} / p99 {:.2} ms, substring p50 {:.2} / p99 {:.2} ms; full scans: \
                 `count(DISTINCT account_id)` over `search_terms` with the indexes off, median of 5: prefix {:.0} ms, substring {:.0} ms.",
                se.prefix.len(),
                se.substring.len(),
                ms(percentile(&se.prefix, 50.0)),
                p99_ms(&se.prefix),
                ms(percentile(&se.substring, 50.0)),
                p99_ms(&se.substring),
                se.scan_prefix_ms,
                se.scan_substring_ms
            );
        }
        if let Some(d) = &run.durable {
            let _ = writeln!(
                o,
                "- Durable change: {} `PUT /v1/me/communications` with `If-Match` one after another (each a transaction with its \
                 consent receipt, `synchronous=FULL`); baseline: {} single-row inserts into a WAL file with `synchronous=FULL` on the same disk; \
                 the two alternate in blocks of {}, with {} ms between blocks. Change p99 {:.2} ms against the raw commit's {:.2} ms.",
                d.change.len(),
                d.raw.len(),
                crate::rows::DURABLE_BLOCK,
                crate::rows::DURABLE_PAUSE.as_millis(),
                p99_ms(&d.change),
                p99_ms(&d.raw)
            );
        }
        if let Some(si) = &run.sign_ins {
            let _ = writeln!(
                o,
                "- Sign-ins: {} workers each signing in through `POST /oauth/authorize` (the password) and `POST /oauth/token`: \
                 {:.1}/s against one hash's {:.1} ms; `GET /v1/me` probed every 10 ms during the sign-ins: {}; alone: {}.",
                si.cores * 4,
                si.per_sec,
                si.hash_ms,
                phase(&si.me_during),
                phase(&si.me_alone)
            );
            let _ = writeln!(
                o,
                "  - Hashing alone, one hash on each of the {} cores at once: {:.1}/s ({:.0}% of cores / hash time); \
                 the sign-ins reached {:.0}% of that.",
                si.cores,
                si.hashes_per_sec,
                si.hashes_per_sec * si.hash_ms / 1000.0 / si.cores as f64 * 100.0,
                si.per_sec / si.hashes_per_sec * 100.0
            );
        }
        if let Some(e) = &run.export {
            let _ = writeln!(
                o,
                "- Export: {:.2} s; RSS {:.1} MiB before, peak {:.1} MiB.",
                e.took.as_secs_f64(),
                e.before_mib,
                e.peak_mib
            );
        }
    }

    pub fn render(&self) -> String {
        let mut o = String::new();
        let today = chrono::Utc::now().format("%Y-%m-%d");
        let _ = writeln!(o, "# Benchmarks (issue 8)\n");
        let _ = writeln!(
            o,
            "Written by `make bench` on {today}. Do not edit by hand: run it again.\n"
        );
        let _ = writeln!(o, "- Machine: {}.", machine());
        let _ = writeln!(
            o,
            "- Command: `make bench`: `make package`, the console script under Xvfb, then `{}` (the `server` profile: release with opt-level 3).",
            self.command
        );
        let _ = writeln!(
            o,
            "- Method: the real server on loopback in the benchmark's process, on a SQLite file and on a throwaway PostgreSQL cluster, \
             filled with `steward-server generate`'s {} accounts; load from reqwest clients on the same cores. \
             Every throughput figure is a ratio to a baseline measured in the same run; baseline and subject alternate, \
             {} rounds of {} s each; each share and p99 multiple is the median of the rounds' own (a subject round against \
             the baseline round just before it), and each req/s and latency figure the median of its side's rounds.",
            self.accounts, self.rounds, self.secs
        );
        let _ = writeln!(
            o,
            "- Runs: each store's data set is built once, then every server row is measured {} over it, one run after \
             another. The table quotes the median of the runs' figures (each run's own after \"runs:\"), and checks each target \
             against those medians; server memory is the highest of the runs. The console rows come from one pass of its script.\n",
            if self.runs == 1 {
                "once".to_string()
            } else {
                format!("{} times", self.runs)
            }
        );
        let _ = writeln!(
            o,
            "| what | baseline in the same run | measured | target | result |"
        );
        let _ = writeln!(o, "|---|---|---|---|---|");
        for r in self.rows() {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                r.what,
                r.baseline,
                r.measured,
                r.target,
                table::verdict(r.met)
            );
        }
        let _ = writeln!(o, "\n## Details\n");
        for s in &self.stores {
            let _ = writeln!(o, "### {}\n", name(s.backend));
            let _ = writeln!(
                o,
                "- Data set: {} accounts, built in {:.0} s.",
                self.accounts,
                s.built.as_secs_f64()
            );
            for (i, run) in s.runs.iter().enumerate() {
                if self.runs > 1 {
                    let _ = writeln!(
                        o,
                        "\n#### Run {} of {}, from {} UTC\n",
                        i + 1,
                        self.runs,
                        run.started
                    );
                }
                self.run_details(&mut o, run);
            }
            o.push('\n');
        }
        if let Some(c) = &self.console {
            let _ = writeln!(
                o,
                "### The console\n\n\
                 - Cold start: `tests/e2e/bench/console.mjs` asks tauri-driver for a session (which launches the process); the clock \
                 stops at the page's own mark `steward:first-meaningful-paint`, set two animation frames after the first screen with \
                 content is in place (`ui/src/lib/paintMark.ts`; the bare window's `ready.js` sets the same mark), read as \
                 `performance.timeOrigin` plus the mark against the wall clock of the launch. In brackets: when WebDriver, polling every \
                 100 ms, saw the first screen's marker and two more frames ran. The console and the bare window alternate, {} launches \
                 each, medians. The console's first screen is the start screen (no saved sign-in).\n\
                 - Memory: PSS from `/proc/<pid>/smaps_rollup`, summed over the app's process and every process below it \
                 (WebKit's web and network processes), 3 s after the first paint; then the demo customer signed in and visited every \
                 section in turn for {:.0} minutes. Growth is from the end of the first pass, when every section has been loaded once.\n",
                c.rounds, c.nav_minutes
            );
        }
        let _ = writeln!(
            o,
            "### Elsewhere\n\n\
             Why each missed row is missed, what was profiled and fixed, and what is left: docs/benchmarks-analysis.md.\n\n\
             Search figures per kind of query, and the export at other sizes: docs/benchmarks-search-export.md \
             (`make bench-search`, `make bench-export`)."
        );
        o
    }
}
