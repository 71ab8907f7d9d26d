//! A Steward server in a separate OS process on the test's database, so a
//! test can kill it with SIGKILL mid-write. The process is the test binary
//! itself, re-run with only its `server_process` test (which each crash
//! test binary declares, ignored, calling [`child_main`]).

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use steward_server::clock::Clock;

use crate::server::TestServer;

const CHILD_DB: &str = "STEWARD_CRASH_CHILD_DB";
const CHILD_ADDR: &str = "STEWARD_CRASH_CHILD_ADDR";
const CHILD_NOW: &str = "STEWARD_CRASH_CHILD_NOW";
const CHILD_KEY: &str = "STEWARD_CRASH_CHILD_KEY";

/// The body of the ignored `server_process` test: serve until killed.
/// Without the environment the runner gives only to children, a no-op.
pub fn child_main() {
    let (Ok(db), Ok(addr), Ok(now)) = (
        std::env::var(CHILD_DB),
        std::env::var(CHILD_ADDR),
        std::env::var(CHILD_NOW),
    ) else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async move {
        let config = steward_server::Config {
            database_url: db,
            listen: addr.parse().expect("addr"),
            secret_key_file: std::env::var(CHILD_KEY).ok().map(Into::into),
            ..Default::default()
        };
        let now = chrono::DateTime::parse_from_rfc3339(&now)
            .expect("now")
            .with_timezone(&chrono::Utc);
        let clock = steward_server::clock::ManualClock::new(now);
        let server = steward_server::start(config, Arc::new(clock))
            .await
            .expect("child server starts");
        let _ = server.wait().await;
    });
}

#[derive(Debug)]
pub struct ServerProcess {
    pub child: Child,
    pub addr: SocketAddr,
}

impl ServerProcess {
    /// Start one on the test server's database and time; wait until ready.
    pub async fn start(s: &TestServer) -> Self {
        let addr = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().expect("addr")
        };
        #[allow(clippy::zombie_processes, reason = "Drop kills and waits for it")]
        let child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "server_process", "--ignored", "--nocapture"])
            .env(CHILD_DB, &s.database_url)
            .env(CHILD_ADDR, addr.to_string())
            .env(CHILD_NOW, s.clock.now().to_rfc3339())
            .env(CHILD_KEY, s.secret_key_file())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the server process");
        let http = reqwest::Client::new();
        for _ in 0..600 {
            if http
                .get(format!("http://{addr}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Self { child, addr };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut me = Self { child, addr };
        me.kill();
        panic!("the server process did not come up on {addr}");
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// SIGKILL, and reap it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
