//! The authorisation matrix, generated from the router itself (issue 7,
//! PR-12, PR-16): every route x every role x the caller's own account, a
//! foreign account and one that does not exist. The expected answer comes
//! from the route's policy and the role table, so a new route is covered
//! the moment it is added (and a route without a policy cannot be added:
//! `ApiRouter::route` needs one). Nothing answers 5xx.

use reqwest::Method;
use serde_json::json;
use steward_server::policy::Policy;
use steward_tests::api::{company, Caller};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};
use steward_types::{MemberRole, UserRole};

const ADMIN: &str = "admin@support.example";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Member(MemberRole),
    /// A customer of another account.
    Stranger,
    Agent,
    Admin,
}

/// Whose account the path names: the company's, the stranger's own
/// personal account, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Company,
    Strangers,
    Missing,
}

/// The caller's role on the account the path names, if a member.
fn role_on(who: Who, target: Target) -> Option<MemberRole> {
    match (who, target) {
        (Who::Member(role), Target::Company) => Some(role),
        (Who::Stranger, Target::Strangers) => Some(MemberRole::Owner),
        _ => None,
    }
}

/// What the policy allows `who` on `target`: `Some(status)` when it must
/// answer exactly that, `None` when it lets the request through (the
/// handler then answers what it answers, but never 401 or 403).
fn expected(policy: Policy, who: Who, target: Target) -> Option<u16> {
    let customer = matches!(who, Who::Member(_) | Who::Stranger);
    match (policy, who) {
        (Policy::Public, _) => None,
        (_, Who::Anonymous) => Some(401),
        (Policy::Authenticated, _) => None,
        (Policy::Staff | Policy::Admin, _) if customer => Some(404),
        (Policy::Admin, Who::Agent) => Some(403),
        (Policy::Staff | Policy::Admin, _) => None,
        (Policy::Account(cap), _) => match role_on(who, target) {
            Some(role) => (!role.can(cap)).then_some(403),
            // Not a member (staff included), or no such account: as if the
            // account did not exist.
            None => Some(404),
        },
    }
}

/// Fill the path's parameters: the account per `target`, anything else an
/// id that exists nowhere.
fn fill(path: &str, own: &str, foreign: &str, target: Target) -> String {
    let account = match target {
        Target::Company => own.to_string(),
        Target::Strangers => foreign.to_string(),
        Target::Missing => uuid::Uuid::now_v7().to_string(),
    };
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let name = &rest[open + 1..close];
        if name == "account_id" {
            out.push_str(&account);
        } else {
            out.push_str(&uuid::Uuid::nil().to_string());
        }
        rest = &rest[(close + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}

async fn the_matrix_holds_for_every_route(backend: Backend) {
    // The matrix presents many unknown ids to the secret-link routes; their
    // throttle (tested in brute_force.rs) would answer 429 before the policy.
    let mut config = steward_server::Config::default();
    config.throttle.per_address = 100_000;
    let s = TestServer::start_with(backend, config).await;
    let c = company(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let stranger = Caller::sign_in(&s, c.stranger).await;
    let foreign = stranger.account_of_kind("personal").await;
    let mut callers = vec![(Who::Anonymous, None)];
    for (who, email) in [
        (Who::Member(MemberRole::Owner), c.owner),
        (Who::Member(MemberRole::BillingManager), c.billing),
        (Who::Member(MemberRole::Viewer), c.viewer),
        (Who::Stranger, c.stranger),
        (Who::Agent, c.agent),
        (Who::Admin, ADMIN),
    ] {
        callers.push((who, Some(Caller::sign_in(&s, email).await)));
    }
    let (_, table) = steward_server::app::api(s.server.state.clone()).into_parts();
    let mut checked = 0;
    let mut failures = Vec::new();
    for r in &table {
        let targets: &[Target] = if r.path.contains("{account_id}") {
            &[Target::Company, Target::Strangers, Target::Missing]
        } else {
            &[Target::Company]
        };
        for &target in targets {
            let path = fill(r.path, &c.account_id, &foreign, target);
            for (who, caller) in &callers {
                let body = (r.method != Method::GET).then(|| json!({}));
                let status = match caller {
                    Some(caller) => {
                        caller
                            .send_with(r.method.clone(), &path, body, &[])
                            .await
                            .status
                    }
                    None => {
                        let mut rb = s.http.request(r.method.clone(), s.url(&path));
                        if let Some(b) = body {
                            rb = rb.json(&b);
                        }
                        rb.send().await.expect("request").status().as_u16()
                    }
                };
                checked += 1;
                let want = expected(r.policy, *who, target);
                let ok = status < 500
                    && match want {
                        Some(w) => status == w,
                        None => status != 401 && status != 403,
                    };
                if !ok {
                    failures.push(format!(
                        "{} {} as {who:?} on {target:?}: {status}, expected {}",
                        r.method,
                        r.path,
                        want.map_or_else(|| "not 401/403".to_string(), |w| w.to_string())
                    ));
                }
            }
        }
    }
    assert!(checked > 1000, "{checked} requests");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

on_both_stores!(the_matrix_holds_for_every_route);
