//! The API's published contract matches the code: every route has a policy
//! and is documented, and the committed OpenAPI copy is current.

use std::collections::BTreeSet;

use steward_server::openapi::ApiDoc;
use steward_server::policy::Policy;
use steward_tests::server::{Backend, TestServer};
use utoipa::OpenApi;

#[tokio::test]
async fn every_route_has_a_policy_and_an_openapi_entry() {
    let s = TestServer::start(Backend::Sqlite).await;
    let (_, table) = steward_server::app::api(s.server.state.clone()).into_parts();
    let doc = ApiDoc::openapi();
    let documented: BTreeSet<(String, String)> = doc
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            let mut v = Vec::new();
            if item.get.is_some() {
                v.push(("GET".to_string(), path.clone()));
            }
            if item.post.is_some() {
                v.push(("POST".to_string(), path.clone()));
            }
            if item.put.is_some() {
                v.push(("PUT".to_string(), path.clone()));
            }
            if item.patch.is_some() {
                v.push(("PATCH".to_string(), path.clone()));
            }
            if item.delete.is_some() {
                v.push(("DELETE".to_string(), path.clone()));
            }
            v
        })
        .collect();
    let routed: BTreeSet<(String, String)> = table
        .iter()
        .filter(|r| r.path != "/openapi.json")
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(
        routed, documented,
        "route table and OpenAPI document differ"
    );

    // Resources under /v1 are never public; staff resources need staff (or an admin).
    for r in &table {
        if r.path.starts_with("/v1/staff/") {
            assert!(
                matches!(r.policy, Policy::Staff | Policy::Admin),
                "{} {} must need staff",
                r.method,
                r.path
            );
        } else if r.path.starts_with("/v1/accounts/") {
            // PR-12: everything under an account is checked against membership and role.
            assert!(
                matches!(r.policy, Policy::Account(_)),
                "{} {} must use an account policy",
                r.method,
                r.path
            );
        } else if r.path.starts_with("/v1/") {
            assert_ne!(
                r.policy,
                Policy::Public,
                "{} {} must not be public",
                r.method,
                r.path
            );
        }
    }
}

#[tokio::test]
async fn served_and_committed_openapi_documents_match_the_code() {
    let s = TestServer::start(Backend::Sqlite).await;
    let served = s
        .http
        .get(s.url("/openapi.json"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    let generated = steward_server::openapi::document();
    assert_eq!(served, generated);
    let doc: serde_json::Value = serde_json::from_str(&served).expect("json");
    assert!(
        doc["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3.1"),
        "OpenAPI 3.1"
    );
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json"))
            .expect("docs/openapi.json is committed (make openapi)");
    assert!(
        committed == generated,
        "docs/openapi.json is stale: run `make openapi` and commit it"
    );
}
