//! PR-2: a change that spends money survives its server dying. The server
//! here is a separate OS process on the same database; a TCP proxy between
//! the client and it waits until the server starts answering (the change is
//! committed), then kills the process with SIGKILL and drops the client's
//! connection. The client never hears the answer and retries with the same
//! Idempotency-Key on a restarted server: exactly one effect, the stored
//! answer. Both stores.

use std::net::SocketAddr;

use chrono::Duration;
use serde_json::{json, Value};
use steward_tests::api::{company, Caller, Company};
use steward_tests::on_both_stores;
use steward_tests::process::ServerProcess;
use steward_tests::server::{Backend, TestServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The server process: this test binary again, running only this function.
#[test]
#[ignore = "the server process of the crash tests; they start it, the runner does not"]
fn server_process() {
    steward_tests::process::child_main();
}

/// Accepts one connection, forwards the request to the server process, and
/// at the first byte of its answer kills the process (SIGKILL) and hangs
/// up on the client, which so never learns the outcome.
async fn killing_proxy(server: ServerProcess) -> (SocketAddr, tokio::task::JoinHandle<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy");
    let addr = listener.local_addr().expect("addr");
    let task = tokio::spawn(async move {
        let mut server = server;
        let (mut client, _) = listener.accept().await.expect("client");
        let mut upstream = TcpStream::connect(server.addr).await.expect("upstream");
        let (mut from_client, mut to_upstream) = (client.split(), upstream.split());
        let mut buf = vec![0u8; 64 * 1024];
        let mut first = [0u8; 1];
        let mut answered = false;
        loop {
            tokio::select! {
                n = from_client.0.read(&mut buf) => {
                    let n = n.unwrap_or(0);
                    if n == 0 { break; }
                    to_upstream.1.write_all(&buf[..n]).await.expect("forward");
                }
                n = to_upstream.0.read(&mut first) => {
                    answered = n.unwrap_or(0) == 1;
                    break;
                }
            }
        }
        // Dead before a byte of the answer reaches the client.
        server.child.kill().expect("SIGKILL");
        server.child.wait().expect("reaped");
        drop(client);
        answered
    });
    (addr, task)
}

fn path(c: &Company, rest: &str) -> String {
    format!("/v1/accounts/{}{rest}", c.account_id)
}

async fn invoices(caller: &Caller, c: &Company) -> Vec<Value> {
    caller.get(&path(c, "/invoices")).await.body["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn a_server_killed_after_the_commit_is_retried_to_one_effect(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    owner.get(&path(&c, "/subscription")).await;
    s.clock.advance(Duration::days(3));
    let owner = Caller::sign_in(&s, c.owner).await;
    assert!(invoices(&owner, &c).await.is_empty());

    let first = ServerProcess::start(&s).await;
    let (proxy, proxied) = killing_proxy(first).await;
    let body = json!({"plan_id": "enterprise-monthly"});
    let lost = reqwest::Client::new()
        .post(format!(
            "http://{proxy}{}",
            path(&c, "/subscription/change")
        ))
        .bearer_auth(&owner.access)
        .header("idempotency-key", "crash-1")
        .json(&body)
        .send()
        .await;
    assert!(lost.is_err(), "the client hears nothing: {lost:?}");
    assert!(
        proxied.await.expect("proxy"),
        "the server had started answering: the change was committed"
    );

    // The change is in the database although nobody saw the answer.
    let committed = invoices(&owner, &c).await;
    assert_eq!(committed.len(), 1, "committed before the kill");

    // The client retries the same intent on a restarted server.
    let second = ServerProcess::start(&s).await;
    let retry = reqwest::Client::new()
        .post(format!(
            "http://{}{}",
            second.addr,
            path(&c, "/subscription/change")
        ))
        .bearer_auth(&owner.access)
        .header("idempotency-key", "crash-1")
        .json(&body)
        .send()
        .await
        .expect("retry");
    assert_eq!(retry.status(), 200);
    let answer: Value = retry.json().await.expect("json");
    assert_eq!(answer["plan"]["id"], "enterprise-monthly");
    let after = invoices(&owner, &c).await;
    assert_eq!(after, committed, "exactly one effect: no second invoice");
    // And the same key with another body is still refused.
    let other = owner
        .send_with(
            reqwest::Method::POST,
            &path(&c, "/subscription/change"),
            Some(json!({"plan_id": "studio-monthly"})),
            &[("idempotency-key", Some("crash-1"))],
        )
        .await;
    assert_eq!(other.status, 422, "{}", other.body);
    drop(second);
    s.shutdown().await;
}

on_both_stores!(a_server_killed_after_the_commit_is_retried_to_one_effect);
