//! Issue 8's sign-in row: sign-ins per second against the Argon2id hash
//! time measured by the same binary, and what a person using the console
//! meanwhile feels (`GET /v1/me` latency).

use std::time::{Duration, Instant};

use anyhow::Context;
use steward_tests::server::TestServer;
use steward_types::UserRole;

use crate::load::{self, median, ms, percentile, Phase, Target};

pub struct SignIns {
    pub cores: usize,
    pub hash_ms: f64,
    /// Hashes per second with one running on every core and nothing else.
    pub hashes_per_sec: f64,
    pub per_sec: f64,
    pub me_alone: Phase,
    pub me_during: Phase,
}

/// The person every sign-in round signs in as.
const EMAIL: &str = "bench.signin@example.com";

/// The person the sign-ins sign in as, added once per data set: every run
/// signs in as the same one.
pub async fn prepare(s: &TestServer) {
    s.add_user(EMAIL, "Bench Sign-in", UserRole::Customer).await;
}

/// Sign-ins per second through the OAuth endpoints (password form, then the
/// code for tokens) from enough clients to keep every core hashing, against
/// what the cores could do if they only hashed. Then `GET /v1/me` latency
/// from a paced probe (one request every 10 ms), alone and while sign-ins
/// saturate the machine: what a person using the console meanwhile feels.
pub async fn sign_ins(
    s: &TestServer,
    http: &reqwest::Client,
    me: &Target,
    secs: f64,
    rounds: usize,
) -> anyhow::Result<SignIns> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let base = s.url("");
    let (mut hashes, mut parallel) = (Vec::new(), Vec::new());
    let (mut rates, mut alone, mut during) = (Vec::new(), Vec::new(), Vec::new());
    // The baseline alternates with the load, as in the other rows: on this
    // shared machine one hash's median moved between 17 and 29 ms from one
    // run to the next.
    for _ in 0..rounds {
        hashes.extend(serial_hashes(20).await?);
        parallel.push(parallel_hashes(cores * 10).await?);
        alone.push(probe(http, me, secs).await);
        let load = SignInLoad::start(&s.http, &base, EMAIL, cores * 4);
        rates.push(load.rate_after(secs).await);
        during.push(probe(http, me, secs).await);
        load.stop().await?;
    }
    Ok(SignIns {
        cores,
        hash_ms: median(hashes),
        hashes_per_sec: median(parallel),
        per_sec: median(rates),
        me_alone: load::median_phase(&alone),
        me_during: load::median_phase(&during),
    })
}

/// One hash as the server computes one: on its hashing threads.
async fn hash() -> anyhow::Result<String> {
    steward_server::hasher::hash_password("a bench password 1234".into()).await
}

/// `n` hashes one after another: each one's time in ms.
async fn serial_hashes(n: usize) -> anyhow::Result<Vec<f64>> {
    let mut took = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        hash().await?;
        took.push(ms(t.elapsed()));
    }
    Ok(took)
}

/// Hashes per second with `n` hashes queued at once (the server runs one
/// per core), nothing else running. Argon2id is memory-hard: hashes running
/// together share the memory bus and caches.
async fn parallel_hashes(n: usize) -> anyhow::Result<f64> {
    let started = Instant::now();
    let each: Vec<_> = (0..n).map(|_| tokio::spawn(hash())).collect();
    for task in each {
        task.await??;
    }
    Ok(n as f64 / started.elapsed().as_secs_f64())
}

/// One request every 10 ms for `secs`; latency of each.
async fn probe(http: &reqwest::Client, t: &Target, secs: f64) -> Phase {
    let mut lat = Vec::new();
    let mut errors = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    let began = Instant::now();
    while began.elapsed().as_secs_f64() < secs {
        tick.tick().await;
        let started = Instant::now();
        let ok = t.fetch(http).await.is_some();
        lat.push(started.elapsed());
        if !ok {
            errors += 1;
        }
    }
    lat.sort_unstable();
    Phase {
        rps: lat.len() as f64 / began.elapsed().as_secs_f64(),
        p50_ms: ms(percentile(&lat, 50.0)),
        p99_ms: ms(percentile(&lat, 99.0)),
        errors,
    }
}

/// Clients signing in over and over until stopped, counting sign-ins.
struct SignInLoad {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    done: std::sync::Arc<std::sync::atomic::AtomicU64>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl SignInLoad {
    fn start(http: &reqwest::Client, base: &str, email: &'static str, clients: usize) -> Self {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let tasks = (0..clients)
            .map(|_| {
                let (stop, done, http, base) =
                    (stop.clone(), done.clone(), http.clone(), base.to_string());
                tokio::spawn(async move {
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        if sign_in_once(&http, &base, email).await.is_ok() {
                            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        Self { stop, done, tasks }
    }

    /// Sign-ins per second over the next `secs` (after a second to fill the queue).
    async fn rate_after(&self, secs: f64) -> f64 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (n0, t0) = (
            self.done.load(std::sync::atomic::Ordering::Relaxed),
            Instant::now(),
        );
        tokio::time::sleep(Duration::from_secs_f64(secs)).await;
        (self.done.load(std::sync::atomic::Ordering::Relaxed) - n0) as f64
            / t0.elapsed().as_secs_f64()
    }

    async fn stop(self) -> anyhow::Result<()> {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for t in self.tasks {
            t.await?;
        }
        Ok(())
    }
}

/// The console's sign-in as the browser and the app make it: the password
/// form, then the code for tokens.
pub async fn sign_in_once(
    http: &reqwest::Client,
    base: &str,
    email: &str,
) -> anyhow::Result<String> {
    let verifier = steward_tests::oauth::VERIFIER;
    let mut form: Vec<(&str, String)> =
        steward_tests::oauth::authorize_params(&steward_server::crypto::s256_challenge(verifier));
    form.push(("username", email.to_string()));
    form.push(("password", steward_tests::server::PASSWORD.to_string()));
    let r = http
        .post(format!("{base}/oauth/authorize"))
        .form(&form)
        .send()
        .await?;
    anyhow::ensure!(r.status() == 303, "authorize: {}", r.status());
    let code = steward_tests::oauth::code_from_redirect(r);
    let redirect = form
        .iter()
        .find(|(k, _)| *k == "redirect_uri")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let r = http
        .post(format!("{base}/oauth/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect.as_str()),
            ("client_id", steward_types::CONSOLE_CLIENT_ID),
            ("code_verifier", verifier),
        ])
        .send()
        .await?;
    anyhow::ensure!(r.status() == 200, "token: {}", r.status());
    let body: serde_json::Value = r.json().await?;
    body["access_token"]
        .as_str()
        .map(str::to_string)
        .context("access_token")
}
