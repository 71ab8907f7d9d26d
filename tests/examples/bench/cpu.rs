//! Where a request's CPU goes: this process (server and load generator)
//! and, on PostgreSQL, the database's own processes, per request, from
//! `/proc/<pid>/stat`. It explains a ratio the load figures alone cannot:
//! on PostgreSQL the database's backends share the same cores.

use std::time::Instant;

use steward_tests::bench::cpu_secs;

use crate::load::Target;

/// `pid` and every process below it.
fn tree(pid: u32) -> Vec<String> {
    let mut out = vec![pid.to_string()];
    let mut i = 0;
    while i < out.len() {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", out[i]))
            .into_iter()
            .flatten();
        for t in tasks.flatten() {
            if let Ok(kids) = std::fs::read_to_string(t.path().join("children")) {
                out.extend(kids.split_whitespace().map(str::to_string));
            }
        }
        i += 1;
    }
    out
}

fn sum(pids: &[String]) -> f64 {
    pids.iter().map(|p| cpu_secs(p)).sum()
}

/// CPU microseconds per request, one request at a time.
#[derive(Debug, Clone, Copy)]
pub struct PerRequest {
    pub process_us: f64,
    pub database_us: f64,
    pub wall_us: f64,
}

/// `n` GETs of `t` one after another: this process's CPU and the database
/// cluster's (the postmaster at `db_pid` and its backends) per request.
pub async fn per_request(
    http: &reqwest::Client,
    t: &Target,
    db_pid: Option<u32>,
    n: u32,
) -> PerRequest {
    let db = db_pid.map(tree).unwrap_or_default();
    let (p0, d0, w0) = (cpu_secs("self"), sum(&db), Instant::now());
    for _ in 0..n {
        let _ = t.fetch(http).await;
    }
    let per = |secs: f64| secs * 1e6 / f64::from(n);
    PerRequest {
        process_us: per(cpu_secs("self") - p0),
        database_us: per(sum(&db) - d0),
        wall_us: per(w0.elapsed().as_secs_f64()),
    }
}
