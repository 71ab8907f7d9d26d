//! The measuring tools: a closed-loop HTTP load of N connections, latency
//! percentiles, medians of rounds, and the process's memory.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One load phase's outcome.
#[derive(Debug, Clone, Copy)]
pub struct Phase {
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: u64,
}

/// A request to repeat: GET `url` with an optional bearer token.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: String,
    pub token: Option<String>,
}

impl Target {
    /// One GET; the size of the answer's body when it is a 2xx, read to the end.
    pub async fn fetch(&self, http: &reqwest::Client) -> Option<usize> {
        let mut rb = http.get(&self.url);
        if let Some(token) = &self.token {
            rb = rb.bearer_auth(token);
        }
        let r = rb.send().await.ok()?;
        if !r.status().is_success() {
            return None;
        }
        r.bytes().await.ok().map(|b| b.len())
    }
}

/// `conns` clients, each sending the next request as soon as the previous
/// answer is read, for `secs`; an error is anything but 2xx.
pub async fn hammer(http: &reqwest::Client, targets: &[Target], conns: usize, secs: f64) -> Phase {
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::with_capacity(conns);
    for c in 0..conns {
        let (http, stop) = (http.clone(), stop.clone());
        let target = targets[c % targets.len()].clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(16_384);
            let mut errors = 0_u64;
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                let ok = target.fetch(&http).await.is_some();
                lat.push(t.elapsed());
                if !ok {
                    errors += 1;
                }
            }
            (lat, errors)
        }));
    }
    let began = Instant::now();
    tokio::time::sleep(Duration::from_secs_f64(secs)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((lat, e)) = t.await {
            all.extend(lat);
            errors += e;
        }
    }
    let elapsed = began.elapsed().as_secs_f64();
    all.sort_unstable();
    Phase {
        rps: all.len() as f64 / elapsed,
        p50_ms: ms(percentile(&all, 50.0)),
        p99_ms: ms(percentile(&all, 99.0)),
        errors,
    }
}

/// Baseline and subject measured in alternation.
#[derive(Debug, Clone)]
pub struct Compared {
    /// Each side's median phase.
    pub baseline: Phase,
    pub subject: Phase,
    /// Each round's subject against the baseline round just before it.
    pub rounds: Vec<Pair>,
}

/// One subject round against the baseline round before it.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    /// The subject's req/s as a share of the baseline's.
    pub share: f64,
    /// The subject's p99 as a multiple of the baseline's.
    pub p99x: f64,
}

impl Compared {
    /// The median of the rounds' shares of the baseline's req/s.
    pub fn share(&self) -> f64 {
        median(self.rounds.iter().map(|r| r.share).collect())
    }

    /// The median of the rounds' p99 multiples.
    pub fn p99x(&self) -> f64 {
        median(self.rounds.iter().map(|r| r.p99x).collect())
    }
}

/// Baseline and subject in alternation, `rounds` times. Each ratio is taken
/// within a pair of neighbouring rounds and the median of the pairs is
/// quoted, so drift on a shared machine (the same route's throughput moves
/// by a quarter between runs here) falls on both sides of each ratio.
pub async fn compare(
    http: &reqwest::Client,
    baseline: &[Target],
    subject: &[Target],
    conns: usize,
    secs: f64,
    rounds: usize,
) -> Compared {
    // Warm both: connections, caches, the allocator.
    hammer(http, baseline, conns, 1.0).await;
    hammer(http, subject, conns, 1.0).await;
    let (mut b, mut s) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        b.push(hammer(http, baseline, conns, secs).await);
        s.push(hammer(http, subject, conns, secs).await);
    }
    Compared {
        baseline: median_phase(&b),
        subject: median_phase(&s),
        rounds: b
            .iter()
            .zip(&s)
            .map(|(b, s)| Pair {
                share: s.rps / b.rps,
                p99x: s.p99_ms / b.p99_ms,
            })
            .collect(),
    }
}

/// The median of each figure on its own.
pub fn median_phase(phases: &[Phase]) -> Phase {
    let med = |f: fn(&Phase) -> f64| median(phases.iter().map(f).collect());
    Phase {
        rps: med(|p| p.rps),
        p50_ms: med(|p| p.p50_ms),
        p99_ms: med(|p| p.p99_ms),
        errors: phases.iter().map(|p| p.errors).sum(),
    }
}

/// The middle value; for an even count, the mean of the two middle ones.
pub fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 0 {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    }
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p / 100.0).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A `/proc/<pid>/status` figure in MiB (`VmRSS:`, `VmHWM:`); `pid` may be `"self"`.
pub fn status_mib(pid: &str, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// Resets `VmHWM` to the current RSS, so a later read is this stretch's peak.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
