//! Network faults between the console's client and the server (issue 7):
//! connections reset, a server that answers 503 with `Retry-After`, a
//! server that is gone. The client retries only what cannot repeat an
//! effect (reads, and writes carrying an idempotency key), with capped,
//! jittered waits, and reports the rest as unreachable at once, so nothing
//! is sent twice. A TCP proxy in front of the real server injects the
//! faults; the credentials live in the real keyring.

use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use steward_client::{ClientError, FormFillingBrowser, KeyringStore, ManualClock, StewardClient};
use steward_tests::keyring_session::KeyringSession;
use steward_tests::server::{Backend, TestServer, PASSWORD};
use steward_types::comms::{Channel, PrefChange, Purpose};
use steward_types::UserRole;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

const EMAIL: &str = "grace@example.com";

/// Forwards to the server, except while faults are armed: `reset` closes
/// the next connections at once, `busy` answers them 503 with Retry-After
/// 1, `down` does both forever. Arming closes the connections open now, so
/// the client's pooled connection meets the fault too.
#[derive(Default)]
struct Faults {
    reset: AtomicU32,
    busy: AtomicU32,
    down: std::sync::atomic::AtomicBool,
    connections: AtomicUsize,
    /// Connections being forwarded now.
    open: AtomicUsize,
    arm: Notify,
}

impl Faults {
    /// Arms the faults, and returns once the connections open before are
    /// closed: otherwise the client's next request could still go over its
    /// pooled connection, which the proxy has not cut yet.
    async fn set(&self, reset: u32, busy: u32, down: bool) {
        self.reset.store(reset, Ordering::SeqCst);
        self.busy.store(busy, Ordering::SeqCst);
        self.down.store(down, Ordering::SeqCst);
        self.connections.store(0, Ordering::SeqCst);
        self.arm.notify_waiters();
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.open.load(Ordering::SeqCst) > 0 {
            assert!(
                Instant::now() < deadline,
                "the proxy did not cut its connections"
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    fn take(counter: &AtomicU32) -> bool {
        counter
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }
}

async fn proxy(listener: TcpListener, upstream: String, faults: Arc<Faults>) {
    loop {
        let Ok((mut client, _)) = listener.accept().await else {
            return;
        };
        faults.connections.fetch_add(1, Ordering::SeqCst);
        let (upstream, faults) = (upstream.clone(), faults.clone());
        tokio::spawn(async move {
            if faults.down.load(Ordering::SeqCst) || Faults::take(&faults.reset) {
                drop(client);
                return;
            }
            if Faults::take(&faults.busy) {
                let body = r#"{"type":"about:blank","title":"Service busy","status":503,"code":"unavailable"}"#;
                let answer = format!(
                    "HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let mut buf = [0u8; 4096];
                let _ = tokio::io::AsyncReadExt::read(&mut client, &mut buf).await;
                let _ = client.write_all(answer.as_bytes()).await;
                return;
            }
            let Ok(mut server) = TcpStream::connect(&upstream).await else {
                return;
            };
            faults.open.fetch_add(1, Ordering::SeqCst);
            tokio::select! {
                _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                () = faults.arm.notified() => {}
            }
            drop((client, server));
            faults.open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

struct Fixture {
    server: TestServer,
    faults: Arc<Faults>,
    base: url::Url,
    store: Arc<KeyringStore>,
    clock: Arc<ManualClock>,
    _keyring: KeyringSession,
}

impl Fixture {
    async fn new() -> Self {
        let keyring = KeyringSession::start();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy");
        let base: url::Url = format!("http://{}/", listener.local_addr().expect("addr"))
            .parse()
            .expect("url");
        // The proxy is the server's public address: sign-in goes through it too.
        let config = steward_server::Config {
            public_url: base.as_str().trim_end_matches('/').to_string(),
            ..steward_server::Config::default()
        };
        let server = TestServer::start_with(Backend::Sqlite, config).await;
        server
            .add_user(EMAIL, "Grace Hopper", UserRole::Customer)
            .await;
        let faults = Arc::new(Faults::default());
        tokio::spawn(proxy(
            listener,
            server.server.addr.to_string(),
            faults.clone(),
        ));
        let clock = ManualClock::new(
            Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
                .single()
                .expect("date"),
        );
        Self {
            server,
            faults,
            base,
            store: Arc::new(KeyringStore::new()),
            clock: Arc::new(clock),
            _keyring: keyring,
        }
    }

    async fn signed_in(&self) -> StewardClient {
        let client = StewardClient::new(self.base.clone(), self.store.clone(), self.clock.clone())
            .expect("client");
        client
            .sign_in(&FormFillingBrowser::new(EMAIL, PASSWORD), "faults")
            .await
            .expect("sign in");
        client
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_ride_out_resets_and_busy_answers() {
    let f = Fixture::new().await;
    let client = f.signed_in().await;
    f.faults.set(2, 0, false).await;
    let me = client.me().await.expect("read after two resets");
    assert_eq!(me.email, EMAIL);
    assert!(
        f.faults.connections.load(Ordering::SeqCst) >= 3,
        "two refused, one served"
    );

    f.faults.set(0, 1, false).await;
    let started = Instant::now();
    client.me().await.expect("read after a busy answer");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    let _ = f.server.url("");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unkeyed_writes_are_never_sent_twice() {
    let f = Fixture::new().await;
    let client = f.signed_in().await;
    let prefs = client.communications().await.expect("preferences");
    f.faults.set(1, 0, false).await;
    let change = vec![PrefChange {
        purpose: Purpose::Newsletters,
        channel: Channel::Email,
        on: true,
    }];
    let err = client
        .save_communications(change.clone(), prefs.version)
        .await
        .expect_err("the one attempt was reset");
    assert!(matches!(err, ClientError::Unreachable { .. }), "{err:?}");
    // One attempt: on the pooled connection the proxy cut, or on a new one.
    assert!(
        f.faults.connections.load(Ordering::SeqCst) <= 1,
        "not retried"
    );
    // Nothing happened on the server; the same save works now.
    let after = client.communications().await.expect("preferences");
    assert_eq!(after.version, prefs.version);
    client
        .save_communications(change, prefs.version)
        .await
        .expect("saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_is_gone_is_reported_after_a_few_capped_tries() {
    let f = Fixture::new().await;
    let client = f.signed_in().await;
    f.faults.set(0, 0, true).await;
    let started = Instant::now();
    let err = client.me().await.expect_err("down");
    assert!(matches!(err, ClientError::Unreachable { .. }), "{err:?}");
    let tries = f.faults.connections.load(Ordering::SeqCst);
    // Four attempts; the first may go over the pooled connection the proxy cut.
    assert!(
        (3..=4).contains(&tries),
        "{tries} connections: a few tries, not forever"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "capped: {:?}",
        started.elapsed()
    );
}

/// The console's offline checks: one try each (the console paces them), and
/// "ready" only when the server answers and its store does (issue 7).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readiness_check_tries_once_and_reports_the_server_back() {
    let f = Fixture::new().await;
    let client = f.signed_in().await;
    client.check_reachable().await.expect("ready while up");

    f.faults.set(0, 0, true).await;
    let err = client.check_reachable().await.expect_err("down");
    assert!(matches!(err, ClientError::Unreachable { .. }), "{err:?}");
    let tries = f.faults.connections.load(Ordering::SeqCst);
    assert_eq!(tries, 1, "one try, no retry");

    f.faults.set(0, 1, false).await;
    let err = client.check_reachable().await.expect_err("busy");
    assert!(
        !matches!(err, ClientError::Unreachable { .. }),
        "a 503 is an answer, not ready: {err:?}"
    );

    f.faults.set(0, 0, false).await;
    client.check_reachable().await.expect("ready again");
    // The check carries no credential and costs no token refresh.
    assert_eq!(client.refresh_count(), 0);
}
