//! The table of issue 8: one row per target, each figure the median of the
//! runs over the same data set (each run's own in brackets), and the verdict
//! taken on those medians.

use steward_tests::server::Backend;

use super::{name, Report, Run, Store};
use crate::load::{median, ms, percentile};
use crate::rows::{p99_ms, ServerMemory};
use crate::signins::SignIns;

pub struct Row {
    pub what: String,
    pub baseline: String,
    pub measured: String,
    pub target: String,
    pub met: Option<bool>,
}

pub fn verdict(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "**met**",
        Some(false) => "**missed**",
        None => "not measured",
    }
}

/// One figure over the runs: each run's value, in order.
struct Fig(Vec<f64>);

impl Fig {
    fn of<T>(items: &[&T], f: impl Fn(&T) -> f64) -> Self {
        Self(items.iter().map(|t| f(t)).collect())
    }

    fn med(&self) -> f64 {
        median(self.0.clone())
    }

    fn max(&self) -> f64 {
        self.0.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }
}

fn pct(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

fn times(v: f64) -> String {
    format!("{v:.2}x")
}

fn millis(v: f64) -> String {
    format!("{v:.2} ms")
}

/// A figure, and how one of its values is written.
type Shown<'a> = (&'a Fig, fn(f64) -> String);

/// "; runs: 78% / 1.38x, 71% / 1.41x" (each run's figures, in order), or
/// nothing after a single run.
fn each_run(figs: &[Shown<'_>]) -> String {
    let n = figs.first().map_or(0, |(f, _)| f.0.len());
    if n < 2 {
        return String::new();
    }
    let runs: Vec<String> = (0..n)
        .map(|i| {
            figs.iter()
                .map(|(f, show)| show(f.0[i]))
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .collect();
    format!("; runs: {}", runs.join(", "))
}

/// A store's measurements of one row, one per run that took it.
fn taken<'a, T>(s: Option<&'a Store>, f: impl Fn(&'a Run) -> Option<&'a T>) -> Vec<&'a T> {
    s.map(|s| s.runs.iter().filter_map(f).collect())
        .unwrap_or_default()
}

impl Report {
    pub(super) fn rows(&self) -> Vec<Row> {
        let sqlite = self.stores.iter().find(|s| s.backend == Backend::Sqlite);
        let mut rows = Vec::new();
        rows.extend(self.me_row(sqlite));
        for s in &self.stores {
            rows.extend(self.profile_row(s));
        }
        rows.extend(sign_in_row(sqlite));
        for s in &self.stores {
            rows.extend(self.search_row(s));
        }
        rows.extend(durable_row(sqlite));
        rows.extend(export_row(sqlite));
        rows.extend(self.console_rows());
        rows.extend(self.memory_row());
        rows
    }

    fn me_row(&self, sqlite: Option<&Store>) -> Option<Row> {
        let me = taken(sqlite, |r| r.me.as_ref());
        let first = me.first()?;
        let share = Fig::of(&me, |r| r.load.share());
        let p99x = Fig::of(&me, |r| r.load.p99x());
        let rps = Fig::of(&me, |r| r.load.subject.rps);
        let p99 = Fig::of(&me, |r| r.load.subject.p99_ms);
        let bare_rps = Fig::of(&me, |r| r.load.baseline.rps);
        let bare_p99 = Fig::of(&me, |r| r.load.baseline.p99_ms);
        Some(Row {
            what: "authenticated `GET /v1/me`, 32 connections".into(),
            baseline: format!(
                "bare JSON route, {} bytes: {:.0} req/s, p99 {:.2} ms",
                first.bytes,
                bare_rps.med(),
                bare_p99.med()
            ),
            measured: format!(
                "{:.0} req/s ({:.0}%), p99 {:.2} ms ({:.2}x){}",
                rps.med(),
                share.med() * 100.0,
                p99.med(),
                p99x.med(),
                each_run(&[(&share, pct), (&p99x, times)])
            ),
            target: ">= 70% of the baseline's req/s; p99 <= 2x".into(),
            met: Some(share.med() >= 0.70 && p99x.med() <= 2.0),
        })
    }

    fn profile_row(&self, s: &Store) -> Option<Row> {
        let reads = taken(Some(s), |r| r.profile.as_ref());
        let first = reads.first()?;
        let share = Fig::of(&reads, |r| r.load.share());
        let rps = Fig::of(&reads, |r| r.load.subject.rps);
        let p99 = Fig::of(&reads, |r| r.load.subject.p99_ms);
        let bare_rps = Fig::of(&reads, |r| r.load.baseline.rps);
        let (floor, ceiling) = match s.backend {
            Backend::Sqlite => (0.50, 5.0),
            Backend::Postgres => (0.30, 10.0),
        };
        Some(Row {
            what: format!(
                "a customer profile read, {}, {} accounts",
                name(s.backend),
                self.accounts
            ),
            baseline: format!(
                "bare JSON route, {} bytes: {:.0} req/s",
                first.bytes,
                bare_rps.med()
            ),
            measured: format!(
                "{:.0} req/s ({:.0}%), p99 {:.2} ms{}",
                rps.med(),
                share.med() * 100.0,
                p99.med(),
                each_run(&[(&share, pct), (&p99, millis)])
            ),
            target: format!(
                ">= {:.0}% of the baseline; p99 < {ceiling:.0} ms",
                floor * 100.0
            ),
            met: Some(share.med() >= floor && p99.med() < ceiling),
        })
    }

    fn search_row(&self, s: &Store) -> Option<Row> {
        let se = taken(Some(s), |r| r.search.as_ref());
        if se.is_empty() {
            return None;
        }
        let pp = Fig::of(&se, |r| p99_ms(&r.prefix));
        let sp = Fig::of(&se, |r| p99_ms(&r.substring));
        let pm = Fig::of(&se, |r| ms(percentile(&r.prefix, 50.0)));
        let sm = Fig::of(&se, |r| ms(percentile(&r.substring, 50.0)));
        let scan_p = Fig::of(&se, |r| r.scan_prefix_ms);
        let scan_s = Fig::of(&se, |r| r.scan_substring_ms);
        let fp = Fig::of(&se, |r| r.scan_prefix_ms / p99_ms(&r.prefix));
        let fs = Fig::of(&se, |r| r.scan_substring_ms / p99_ms(&r.substring));
        Some(Row {
            what: format!(
                "staff search over HTTP, {}, {} accounts",
                name(s.backend),
                self.accounts
            ),
            baseline: format!(
                "full scan of the same match: prefix {:.0} ms, substring {:.0} ms",
                scan_p.med(),
                scan_s.med()
            ),
            measured: format!(
                "prefix p50 {:.2} / p99 {:.2} ms ({:.0}x faster than the scan); substring p50 {:.2} / p99 {:.2} ms ({:.0}x){}",
                pm.med(),
                pp.med(),
                fp.med(),
                sm.med(),
                sp.med(),
                fs.med(),
                each_run(&[(&pp, millis), (&sp, millis)])
            ),
            target: "p99 < 20 ms; >= 10x faster than the scan (scan median / search p99)".into(),
            met: Some(pp.med() < 20.0 && sp.med() < 20.0 && fp.med() >= 10.0 && fs.med() >= 10.0),
        })
    }

    /// The ceiling is the highest RSS of any run on any store, not a median:
    /// memory is a limit, not a noisy rate.
    fn memory_row(&self) -> Option<Row> {
        let per_store: Vec<(Backend, Vec<&ServerMemory>)> = self
            .stores
            .iter()
            .map(|s| (s.backend, taken(Some(s), |r| r.memory.as_ref())))
            .filter(|(_, m)| !m.is_empty())
            .collect();
        if per_store.is_empty() {
            return None;
        }
        let mut worst = 0.0_f64;
        let text: Vec<String> = per_store
            .iter()
            .map(|(b, m)| {
                let peak = Fig::of(m, |m| m.peak_rss_mib);
                worst = worst.max(peak.max());
                format!(
                    "{}: {:.1} MiB idle, peak {:.1} MiB at {:.0} req/s",
                    name(*b),
                    Fig::of(m, |m| m.idle_rss_mib).med(),
                    peak.max(),
                    Fig::of(m, |m| m.load.rps).med()
                )
            })
            .collect();
        let runs = if self.runs > 1 {
            format!(", the highest of {} runs", self.runs)
        } else {
            String::new()
        };
        Some(Row {
            what: format!("server memory with {} accounts under load", self.accounts),
            baseline: "-".into(),
            measured: format!(
                "RSS of the `steward-server` process under the profile load (32 connections){runs}: {}",
                text.join("; ")
            ),
            target: "< 100 MB RSS".into(),
            met: Some(worst * 1024.0 * 1024.0 < 100.0 * 1e6),
        })
    }

    fn console_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        let unmeasured = |what: &str| Row {
            what: what.into(),
            baseline: "-".into(),
            measured: "not measured by this run: `make bench` runs the console script first".into(),
            target: "see issue 8".into(),
            met: None,
        };
        match &self.console {
            Some(c) => {
                let (app, bare) = c.cold_ms;
                rows.push(Row {
                    what: "console cold start to the first meaningful paint (release, Xvfb)".into(),
                    baseline: format!(
                        "bare Tauri 2 window, same toolchain and profile: {bare:.0} ms"
                    ),
                    measured: format!(
                        "{app:.0} ms ({:.2}x), median of {} launches; of which in the page, from its start to \
                         the mark: {:.0} against {:.0} ms (seen by WebDriver's polling: {:.0} against {:.0} ms)",
                        app / bare,
                        c.rounds,
                        c.page_ms.0,
                        c.page_ms.1,
                        c.observed_ms.0,
                        c.observed_ms.1
                    ),
                    target: "<= 1.5x the baseline; < 2 s".into(),
                    met: Some(app <= 1.5 * bare && app < 2000.0),
                });
                let (app, bare) = c.startup_mib;
                let growth = c.after_mib / c.warm_mib - 1.0;
                rows.push(Row {
                    what: format!(
                        "console memory after start-up and after {:.0} minutes of navigation (PSS, app + WebKit processes)",
                        c.nav_minutes
                    ),
                    baseline: format!("bare Tauri 2 window after start-up: {bare:.1} MiB"),
                    measured: format!(
                        "start-up {app:.1} MiB ({:.2}x); after one pass through the {} sections {:.1} MiB, \
                         after {} section visits {:.1} MiB ({:+.1}%)",
                        app / bare,
                        c.sections,
                        c.warm_mib,
                        c.visits,
                        c.after_mib,
                        growth * 100.0
                    ),
                    target: "<= 1.25x the baseline; growth < 10%".into(),
                    met: Some(app <= 1.25 * bare && growth < 0.10),
                });
            }
            None => {
                rows.push(unmeasured(
                    "console cold start to the first meaningful paint",
                ));
                rows.push(unmeasured(
                    "console memory after start-up and after 10 minutes of navigation (PSS)",
                ));
            }
        }
        match &self.deb {
            Some(d) => rows.push(Row {
                what: "release .deb size".into(),
                baseline: "-".into(),
                measured: format!(
                    "{}: {:.2} MB ({} bytes)",
                    d.name,
                    d.bytes as f64 / 1e6,
                    d.bytes
                ),
                target: "< 15 MB".into(),
                met: Some(d.bytes < 15_000_000),
            }),
            None => rows.push(unmeasured("release .deb size")),
        }
        rows
    }
}

fn sign_in_row(sqlite: Option<&Store>) -> Option<Row> {
    let si = taken(sqlite, |r| r.sign_ins.as_ref());
    let cores = si.first()?.cores;
    let hash = Fig::of(&si, |s| s.hash_ms);
    // What the cores could do if they only hashed.
    let ceiling_of = |s: &SignIns| s.cores as f64 / (s.hash_ms / 1000.0);
    let ceiling = Fig::of(&si, ceiling_of);
    let per_sec = Fig::of(&si, |s| s.per_sec);
    let share = Fig::of(&si, |s| s.per_sec / ceiling_of(s));
    let alone = Fig::of(&si, |s| s.me_alone.p99_ms);
    let during = Fig::of(&si, |s| s.me_during.p99_ms);
    let worse = Fig::of(&si, |s| s.me_during.p99_ms / s.me_alone.p99_ms);
    Some(Row {
        what: "sign-ins per second".into(),
        baseline: format!(
            "Argon2id hash {:.1} ms; {cores} cores / hash = {:.1}/s",
            hash.med(),
            ceiling.med()
        ),
        measured: format!(
            "{:.1}/s ({:.0}%); `GET /v1/me` p99 {:.2} ms alone, {:.2} ms during ({:.2}x){}",
            per_sec.med(),
            share.med() * 100.0,
            alone.med(),
            during.med(),
            worse.med(),
            each_run(&[(&share, pct), (&worse, times)])
        ),
        target: ">= 80% of cores / hash time; `/v1/me` p99 <= 2x worse".into(),
        met: Some(share.med() >= 0.80 && worse.med() <= 2.0),
    })
}

fn durable_row(sqlite: Option<&Store>) -> Option<Row> {
    let d = taken(sqlite, |r| r.durable.as_ref());
    if d.is_empty() {
        return None;
    }
    let raw = Fig::of(&d, |d| p99_ms(&d.raw));
    let raw_p50 = Fig::of(&d, |d| ms(percentile(&d.raw, 50.0)));
    let change = Fig::of(&d, |d| p99_ms(&d.change));
    let change_p50 = Fig::of(&d, |d| ms(percentile(&d.change, 50.0)));
    let multiple = Fig::of(&d, |d| p99_ms(&d.change) / p99_ms(&d.raw));
    Some(Row {
        what: "a durable preference change (fsync'd commit)".into(),
        baseline: format!(
            "one raw fsync'd SQLite commit: p50 {:.2} ms, p99 {:.2} ms",
            raw_p50.med(),
            raw.med()
        ),
        measured: format!(
            "p50 {:.2} ms, p99 {:.2} ms ({:.2}x){}",
            change_p50.med(),
            change.med(),
            multiple.med(),
            each_run(&[(&multiple, times)])
        ),
        target: "p99 <= 3x the baseline".into(),
        met: Some(multiple.med() <= 3.0),
    })
}

fn export_row(sqlite: Option<&Store>) -> Option<Row> {
    let e = taken(sqlite, |r| r.export.as_ref());
    if e.is_empty() {
        return None;
    }
    let took = Fig::of(&e, |e| e.took.as_secs_f64());
    let growth = Fig::of(&e, |e| e.peak_mib - e.before_mib);
    let archive = Fig::of(&e, |e| e.archive_bytes as f64 / 1024.0 / 1024.0);
    let before = Fig::of(&e, |e| e.before_mib);
    let peak = Fig::of(&e, |e| e.peak_mib);
    let seconds: fn(f64) -> String = |v| format!("{v:.2} s");
    let mib: fn(f64) -> String = |v| format!("+{v:.1} MiB");
    Some(Row {
        what: "data export, 10,000 invoices and 100,000 usage rows".into(),
        baseline: "-".into(),
        measured: format!(
            "{:.2} s, {:.1} MiB archive; RSS {:.1} MiB before, peak {:.1} MiB (+{:.1} MiB){}",
            took.med(),
            archive.med(),
            before.med(),
            peak.med(),
            growth.med(),
            each_run(&[(&took, seconds), (&growth, mib)])
        ),
        target: "< 2 s; memory growth < 20 MB".into(),
        met: Some(took.med() < 2.0 && growth.med() < 20.0 * 1e6 / 1024.0 / 1024.0),
    })
}
