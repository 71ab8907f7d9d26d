//! What issue 8's benchmarks share (`examples/bench` over HTTP,
//! `examples/route_cost` in-process): the baseline, which is the server's
//! routes and middleware plus `GET /bench/bare/{bytes}`, a JSON body of
//! exactly that size built from nothing (no token, no database), so only the
//! route's own work differs; the customer whose reads they measure; and a
//! process's CPU time.

use anyhow::Context;
use axum::extract::Path;
use axum::http::{header, HeaderName, Method};
use steward_server::clock::Clock;
use steward_server::policy::Policy;
use steward_server::state::AppState;
use steward_types::{AccountKind, MemberRole, UserRole};
use uuid::Uuid;

use crate::api::{valid_company_profile, Caller};
use crate::server::TestServer;

/// Linux reports process times in USER_HZ ticks, 100 per second on every
/// architecture Steward builds for.
const TICKS_PER_SEC: f64 = 100.0;

/// utime + stime of one process, in seconds (0 if it went away).
pub fn cpu_secs(pid: &str) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name, which may hold spaces: state is 3rd,
    // utime 14th and stime 15th of the whole line.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / TICKS_PER_SEC
}

/// The bare route's path for a body of `bytes` bytes.
pub fn bare_path(bytes: usize) -> String {
    format!("/bench/bare/{bytes}")
}

async fn bare(Path(bytes): Path<usize>) -> ([(HeaderName, &'static str); 1], String) {
    let pad = "x".repeat(bytes.clamp(10, 65_536) - 10);
    (
        [(header::CONTENT_TYPE, "application/json")],
        format!("{{\"pad\":\"{pad}\"}}"),
    )
}

/// The complete service with its middleware, and the bare route beside the real ones.
pub fn router(state: AppState) -> axum::Router {
    let api = steward_server::app::api(state.clone()).route(
        Method::GET,
        "/bench/bare/{bytes}",
        Policy::Public,
        bare,
    );
    steward_server::app::router_with(api, state).0
}

#[derive(Debug)]
pub struct Customer {
    pub caller: Caller,
    pub account: String,
}

/// A new customer who owns a new company account.
pub async fn owner_of(
    s: &TestServer,
    email: &str,
    person: &str,
    company: &str,
) -> anyhow::Result<(Uuid, Uuid)> {
    let now = s.clock.now();
    let user = s.add_user(email, person, UserRole::Customer).await;
    let account = s
        .store
        .create_account(company, AccountKind::Company, now)
        .await?;
    s.store
        .add_member(account, user.id, MemberRole::Owner, now)
        .await?;
    Ok((user.id, account))
}

/// A company customer, signed in, with a full profile (as a real one would have).
pub async fn customer(s: &TestServer, email: &str) -> anyhow::Result<Customer> {
    // The company name `valid_company_profile` carries (it is correction-only).
    let (_, account) = owner_of(s, email, "Bench Owner", "Acme Media Ltd").await?;
    let caller = Caller::sign_in(s, email).await;
    let path = format!("/v1/accounts/{account}/profile");
    let current = caller.get(&path).await;
    let etag = current.etag.clone().context("profile etag")?;
    let put = caller
        .send_with(
            reqwest::Method::PUT,
            &path,
            Some(valid_company_profile("Bench Media Ltd")),
            &[("if-match", Some(etag.as_str()))],
        )
        .await;
    anyhow::ensure!(put.status == 200, "profile: {}", put.body);
    Ok(Customer {
        caller,
        account: account.to_string(),
    })
}
