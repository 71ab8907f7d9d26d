//! A real Steward server on loopback for one test: real HTTP, a real store
//! (SQLite in a temp dir, or a throwaway PostgreSQL cluster), and a manual
//! clock so tests can expire codes and tokens without sleeping.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use steward_server::clock::{Clock, ManualClock};
use steward_server::store::{Store, User};
use steward_server::{Config, RunningServer};
use steward_types::UserRole;
use url::Url;

use crate::pg::PgCluster;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates one `#[tokio::test]` per store for an `async fn(Backend)`.
#[macro_export]
macro_rules! on_both_stores {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::server::Backend::Sqlite).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::server::Backend::Postgres).await;
                }
            )+
        }
    };
}

pub const PASSWORD: &str = "correct horse battery staple";
/// The authenticator secret of staff added by [`TestServer::add_user`].
pub const STAFF_TOTP_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

#[derive(Debug)]
pub struct TestServer {
    pub server: RunningServer,
    pub clock: ManualClock,
    pub store: Arc<dyn Store>,
    pub base: Url,
    /// An HTTP client that does not follow redirects (tests inspect them).
    pub http: reqwest::Client,
    pub backend: Backend,
    /// The store's URL, for a second server process on the same data.
    pub database_url: String,
    _dir: tempfile::TempDir,
    _pg: Option<PgCluster>,
}

impl TestServer {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, Config::default()).await
    }

    pub async fn start_with(backend: Backend, mut config: Config) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let (url, pg) = match backend {
            Backend::Sqlite => (
                format!("sqlite://{}", dir.path().join("steward.sqlite").display()),
                None,
            ),
            Backend::Postgres => {
                let cluster = PgCluster::start();
                let url = cluster.create_database("steward").await;
                (url, Some(cluster))
            }
        };
        config.database_url = url.clone();
        // Every instance on this database shares the key (PostgreSQL needs it named).
        config.secret_key_file = Some(dir.path().join("server.key"));
        steward_server::sealed::SealKey::load(&dir.path().join("server.key"), true)
            .expect("secret key");
        // Tests read the verification codes and invitations the server "sends".
        config.outbox_readable = true;
        config.listen = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        let store = steward_server::store::connect(&url, 8)
            .await
            .expect("store");
        let clock = ManualClock::new(
            Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
                .single()
                .expect("date"),
        );
        let server =
            steward_server::start_with_store(config, store.clone(), Arc::new(clock.clone()))
                .await
                .expect("server starts");
        let base = server.base_url.clone();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client");
        Self {
            server,
            clock,
            store,
            base,
            http,
            backend,
            database_url: url,
            _dir: dir,
            _pg: pg,
        }
    }

    /// The SQLite file, for tests that inspect what the server stored.
    /// The PostgreSQL postmaster's PID (its backends are its children).
    pub fn postgres_pid(&self) -> Option<u32> {
        self._pg.as_ref().map(PgCluster::pid)
    }

    pub fn sqlite_path(&self) -> Option<std::path::PathBuf> {
        (self.backend == Backend::Sqlite).then(|| self._dir.path().join("steward.sqlite"))
    }

    /// Every byte the store has written, for scans that prove something was
    /// never stored: the SQLite file and its WAL, or the PostgreSQL cluster's
    /// whole directory (data files, WAL and logs) after a checkpoint.
    pub async fn stored_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        if let Some(file) = self.sqlite_path() {
            let _ = self.store.ping().await;
            for f in [file.clone(), file.with_extension("sqlite-wal")] {
                if let Ok(b) = std::fs::read(&f) {
                    bytes.extend(b);
                }
            }
        }
        if let Some(pg) = &self._pg {
            pg.psql("postgres", "CHECKPOINT").expect("checkpoint");
            read_tree(pg.dir(), &mut bytes);
        }
        bytes
    }

    /// Another server instance on this database, clock and secret key, as
    /// behind a load balancer.
    pub async fn second_instance(&self) -> steward_server::RunningServer {
        let config = steward_server::Config {
            database_url: self.database_url.clone(),
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            secret_key_file: Some(self.secret_key_file()),
            outbox_readable: true,
            ..steward_server::Config::default()
        };
        let store = steward_server::store::connect(&self.database_url, 8)
            .await
            .expect("store");
        steward_server::start_with_store(config, store, Arc::new(self.clock.clone()))
            .await
            .expect("second instance")
    }

    /// The key this server seals two-factor seeds with.
    pub fn seal(&self) -> &steward_server::sealed::SealKey {
        &self.server.state.seal
    }

    /// Its file, for more server instances on the same database.
    pub fn secret_key_file(&self) -> std::path::PathBuf {
        self._dir.path().join("server.key")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base.as_str().trim_end_matches('/'), path)
    }

    /// Staff get two-factor with [`STAFF_TOTP_SECRET`], as staff sign-in
    /// requires; `Caller::sign_in` computes their codes.
    pub async fn add_user(&self, email: &str, name: &str, role: UserRole) -> User {
        let user = steward_server::users::add_user(
            self.store.as_ref(),
            self.clock.now(),
            email,
            name,
            role,
            PASSWORD,
        )
        .await
        .expect("add user");
        if role.is_staff() {
            steward_server::users::enrol_two_factor(
                self.store.as_ref(),
                self.seal(),
                user.id,
                STAFF_TOTP_SECRET,
                self.clock.now(),
            )
            .await
            .expect("staff two-factor");
        }
        user
    }

    /// A two-factor code for `email` that the server will accept now: the
    /// current time step, or the next one if the current one was spent
    /// (the clock moves on a step when both were).
    pub async fn next_totp(&self, email: &str) -> Option<String> {
        let user = self.store.user_by_email(email).await.expect("user")?;
        let totp = self.store.totp(user.id).await.expect("totp")?;
        totp.confirmed_at?;
        let mut now_step = steward_server::totp::step_at(self.clock.now().timestamp());
        if totp.last_step > now_step {
            self.clock.advance(chrono::Duration::seconds(30));
            now_step += 1;
        }
        let step = now_step.max(totp.last_step + 1);
        let seed = self.seal().open(user.id, &totp.secret).expect("seed");
        steward_server::users::totp_code(&seed, step)
    }

    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }
}

fn read_tree(dir: &std::path::Path, out: &mut Vec<u8>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            read_tree(&p, out);
        } else if let Ok(b) = std::fs::read(&p) {
            out.extend(b);
        }
    }
}
