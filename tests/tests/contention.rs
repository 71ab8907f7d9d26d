//! Contention (issue 7, PR-16): many writers on one account at once, on
//! both stores. Every answer is a success, a 412 (someone else's write won:
//! `If-Match` forbids last-write-wins) or a 503 with `Retry-After` (SQLite
//! busy, a PostgreSQL serialisation failure); never a 500. Afterwards the
//! account's history holds exactly the writes that were acknowledged.

use reqwest::Method;
use serde_json::json;
use steward_tests::api::{company, valid_company_profile, Caller};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};

const WRITERS: usize = 12;
const ROUNDS: usize = 8;

async fn many_writers_on_one_account(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let profile = format!("/v1/accounts/{}/profile", c.account_id);
    let customer = format!("/v1/staff/customers/{}", c.account_id);
    let mut tasks = Vec::new();
    for w in 0..WRITERS {
        let (owner, agent, profile, customer) = (
            owner.clone(),
            agent.clone(),
            profile.clone(),
            customer.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            for round in 0..ROUNDS {
                let r = match (w + round) % 3 {
                    0 => {
                        let tag = owner.get(&profile).await.etag.expect("etag");
                        let body = valid_company_profile(&format!("Acme {w}-{round}"));
                        owner.send(Method::PUT, &profile, Some(body), Some(&tag)).await
                    }
                    1 => {
                        let tag = owner.get("/v1/me/communications").await.etag.expect("etag");
                        owner
                            .send(
                                Method::PUT,
                                "/v1/me/communications",
                                Some(json!({"changes": [
                                    {"purpose": "newsletters", "channel": "email", "on": round % 2 == 0}
                                ]})),
                                Some(&tag),
                            )
                            .await
                    }
                    _ => agent.get(&customer).await,
                };
                answers.push((r.status, r.body.clone(), (w + round) % 3));
            }
            answers
        }));
    }
    let mut saved = 0;
    for t in tasks {
        for (status, body, kind) in t.await.expect("writer") {
            assert!(
                matches!(status, 200 | 409 | 412 | 503),
                "kind {kind}: {status} {body}"
            );
            if status == 503 {
                assert_eq!(body["retry_after"], 1, "{body}");
            }
            if status == 200 && kind == 0 {
                saved += 1;
            }
        }
    }
    assert!(saved >= 1, "at least one profile save won");
    let history = owner.get(&format!("{profile}/history")).await;
    assert_eq!(history.status, 200, "{}", history.body);
    let names = history.body.to_string().matches("display_name").count();
    assert!(
        names >= saved,
        "{names} display-name changes, {saved} saves acknowledged"
    );
}

on_both_stores!(many_writers_on_one_account);
