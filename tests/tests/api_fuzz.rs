//! Property-based fuzzing of the whole HTTP API from its OpenAPI document
//! (issue 7, PR-16), once per role: schemathesis generates requests (valid
//! and invalid, plus stateful sequences along the document's links) against
//! the real server on loopback. No answer may be a 5xx, every answer must
//! match the document, and no answer to one account's user may carry
//! another account's data (the hooks look for the other accounts' canary
//! values in every body).
//!
//! Short in CI; `STEWARD_FUZZ_EXAMPLES` raises the examples per operation
//! for the long variant (`make fuzz`). Figures: `docs/reliability.md`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use steward_tests::api::{company, Caller};
use steward_tests::server::{Backend, TestServer};
use steward_types::UserRole;

const ADMIN: &str = "admin@support.example";

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

/// The schemathesis that `scripts/setup.sh test` installs, if present.
fn schemathesis() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("STEWARD_SCHEMATHESIS") {
        return Some(PathBuf::from(p));
    }
    let cache = std::env::var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|_| std::env::var("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .ok()?;
    let p = cache.join("steward/schemathesis/bin/schemathesis");
    p.exists().then_some(p)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_holds_under_fuzzing_for_every_role() {
    let Some(bin) = schemathesis() else {
        assert!(
            std::env::var("CI").is_err(),
            "schemathesis is missing: run scripts/setup.sh test"
        );
        return;
    };
    let s = TestServer::start(Backend::Sqlite).await;
    let c = company(&s).await;
    s.add_user(ADMIN, "Ada Admin", UserRole::Admin).await;
    let examples: u32 = std::env::var("STEWARD_FUZZ_EXAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let out = tempfile::tempdir().expect("tempdir");
    let roles = [
        ("anonymous", None),
        ("owner", Some(c.owner)),
        ("billing", Some(c.billing)),
        ("viewer", Some(c.viewer)),
        ("agent", Some(c.agent)),
        ("admin", Some(ADMIN)),
    ];
    let mut summary = Vec::new();
    for (role, email) in roles {
        let token = match email {
            Some(e) => Some(Caller::sign_in(&s, e).await.access),
            None => None,
        };
        let report = out.path().join(format!("{role}.ndjson"));
        let mut cmd = Command::new(&bin);
        cmd.arg("run")
            .arg(repo("docs/openapi.json"))
            .args(["--url", &s.url("")])
            // Validation richer than JSON Schema (names, addresses, the card
            // guard) refuses schema-valid bodies with a 422 by design, so
            // `positive_data_acceptance` would report every rule; the
            // resource suites test those refusals field by field.
            .args([
                "--checks",
                "all",
                "--exclude-checks",
                "positive_data_acceptance",
            ])
            // The coverage phase crashed inside schemathesis 4.32 (a KeyError
            // in its own schema walker): the other phases only.
            .args(["--phases", "examples,fuzzing,stateful"])
            .args(["--max-examples", &examples.to_string()])
            .args(["--seed", "2013", "--no-color", "--workers", "2"])
            .args(["--generation-database", "none"])
            .args(["--report", "ndjson", "--report-ndjson-path"])
            .arg(&report)
            .env("SCHEMATHESIS_HOOKS", repo("tests/fuzz/hooks.py"))
            .env("STEWARD_FUZZ_ROLE", role)
            .env("STEWARD_FUZZ_FOREIGN", c.stranger);
        if let Some(t) = &token {
            cmd.args(["--header", &format!("Authorization: Bearer {t}")]);
        }
        let output = tokio::task::spawn_blocking(move || cmd.output())
            .await
            .expect("join")
            .expect("schemathesis runs");
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let _ = std::fs::write(repo(&format!("target/api-fuzz-{role}.txt")), &text);
        let requests = count_requests(&report);
        summary.push(format!("{role}: {requests} requests"));
        assert!(
            output.status.success(),
            "schemathesis found failures as {role}:\n{text}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(requests > 100, "{role}: only {requests} requests");
    }
    let _ = std::fs::write(
        repo("target/api-fuzz-summary.txt"),
        format!(
            "examples per operation: {examples}\n{}\n",
            summary.join("\n")
        ),
    );
    s.shutdown().await;
}

/// Requests the run sent, from its NDJSON events.
fn count_requests(report: &std::path::Path) -> usize {
    let Ok(text) = std::fs::read_to_string(report) else {
        return 0;
    };
    text.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| v.to_string().matches("\"request\":{").count())
        .sum()
}
