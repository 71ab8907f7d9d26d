//! A throwaway PostgreSQL cluster for one test.
//!
//! ```no_run
//! # async fn demo() {
//! use steward_tests::pg::PgCluster;
//! let Some(pg) = PgCluster::start_or_skip("my_test") else { return };
//! let url = pg.create_database("accounts").await; // postgres://postgres@127.0.0.1:PORT/accounts_1
//! # let _ = url;
//! # }
//! ```
//!
//! How it works:
//! * binaries: the highest `/usr/lib/postgresql/<major>/bin` holding `initdb`
//!   and `postgres`, else `PATH` (`pg_isready`, `psql`, `createdb` likewise);
//! * as root, `initdb` and `postgres` refuse to run, so they run as the
//!   `postgres` user. We set the uid/gid with `std::os::unix::process::CommandExt`
//!   rather than `runuser -u postgres --`: `runuser` forks and stays the parent,
//!   so the PID we hold would be runuser's and killing it could orphan the
//!   postmaster. Without root everything runs as the current user;
//! * speed: `initdb` costs about 1.3 s, so it runs once per machine (per
//!   PostgreSQL version and user) into a template under the temp dir, and every
//!   cluster copies the template (`cp -a`, about 0.2 s for 39 MB) into its own
//!   temp dir. The server runs with fsync/full_page_writes/synchronous_commit
//!   off, listens on 127.0.0.1 only, and puts its socket in its temp dir;
//! * port: bind 127.0.0.1:0, release, start postgres on it; if another process
//!   grabbed the port meanwhile, retry with a fresh one;
//! * stop (`Drop`): SIGINT to the postmaster PID (PostgreSQL's *fast* shutdown:
//!   it disconnects clients; SIGTERM is the *smart* shutdown, which waits for
//!   every client to disconnect, so a leaked pool would stall each test), up to
//!   10 s, then SIGKILL; then the temp dir is removed. A watchdog process does
//!   the same if the test process dies without running `Drop`.
//!
//! Nextest runs every test in its own process, so a process-wide shared
//! cluster would still start once per test: each test starts its own.

use std::fmt::Write as _;
use std::fs::File;
use std::net::TcpListener;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _};
use rustix::process::Signal;
use tempfile::TempDir;

use crate::proc;

/// Set to `1` to let tests skip (with a printed reason) when PostgreSQL is not
/// installed. Without it a missing PostgreSQL fails the test: CI must never
/// skip silently.
pub const ALLOW_SKIP_ENV: &str = "STEWARD_ALLOW_SKIP_PG";

const READY_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_GRACE: Duration = Duration::from_secs(10);
const CMD_TIMEOUT: Duration = Duration::from_secs(60);
const PORT_ATTEMPTS: usize = 5;

/// A running throwaway PostgreSQL cluster; stopped and deleted on drop.
#[derive(Debug)]
pub struct PgCluster {
    port: u16,
    bins: PgBins,
    postmaster: Child,
    watchdog: Option<Child>,
    next_db: AtomicU32,
    // Last: dropped (deleted) after the server has been stopped in `Drop`.
    dir: TempDir,
}

#[derive(Debug, Clone)]
struct PgBins {
    initdb: PathBuf,
    postgres: PathBuf,
    pg_isready: PathBuf,
    psql: PathBuf,
    createdb: PathBuf,
}

/// The uid/gid the server runs as (the `postgres` user when we are root).
#[derive(Debug, Clone, Copy)]
struct RunAs {
    uid: u32,
    gid: u32,
}

impl PgCluster {
    /// Whether a cluster can be started here (binaries found; as root, the
    /// `postgres` user exists).
    pub fn available() -> bool {
        Self::unavailable_reason().is_none()
    }

    /// Why [`available`](Self::available) is false, if it is.
    pub fn unavailable_reason() -> Option<String> {
        if let Err(e) = find_bins() {
            return Some(format!("{e:#}"));
        }
        if let Err(e) = run_as() {
            return Some(format!("{e:#}"));
        }
        None
    }

    /// Starts a cluster, or — only when `STEWARD_ALLOW_SKIP_PG=1` and
    /// PostgreSQL is not installed — prints why `test_name` is skipped and
    /// returns `None`. Without that variable a missing PostgreSQL panics.
    #[allow(clippy::print_stderr)] // the skip reason is meant for the test log
    pub fn start_or_skip(test_name: &str) -> Option<Self> {
        if let Some(reason) = Self::unavailable_reason() {
            if std::env::var(ALLOW_SKIP_ENV).as_deref() == Ok("1") {
                eprintln!(
                    "SKIPPED {test_name}: PostgreSQL unavailable ({ALLOW_SKIP_ENV}=1): {reason}"
                );
                return None;
            }
            panic!(
                "{test_name}: PostgreSQL is required but unavailable: {reason}\n\
                 Install it with `scripts/setup.sh test` (package `postgresql`), \
                 or set {ALLOW_SKIP_ENV}=1 to skip PostgreSQL tests locally."
            );
        }
        Some(Self::start())
    }

    /// Starts a cluster; panics with the reason (and the server log tail) if
    /// it cannot.
    pub fn start() -> Self {
        match Self::try_start() {
            Ok(c) => c,
            Err(e) => panic!("cannot start a throwaway PostgreSQL cluster: {e:#}"),
        }
    }

    /// Starts a cluster.
    pub fn try_start() -> anyhow::Result<Self> {
        let bins = find_bins()?;
        let run_as = run_as()?;
        let dir = tempfile::Builder::new()
            .prefix("steward-pg-")
            .tempdir()
            .context("cannot create a temp dir for the cluster")?;
        if let Some(u) = run_as {
            std::os::unix::fs::chown(dir.path(), Some(u.uid), Some(u.gid)).with_context(|| {
                format!("cannot chown {} to the postgres user", dir.path().display())
            })?;
        }
        let data = dir.path().join("data");
        init_data_dir(&bins, run_as, &data)?;

        let log_path = dir.path().join("postgres.log");
        let mut last_err = None;
        for _ in 0..PORT_ATTEMPTS {
            let port = free_port()?;
            match start_server(&bins, run_as, dir.path(), &data, port, &log_path) {
                Ok(postmaster) => {
                    let watchdog = proc::spawn_watchdog(&[postmaster.id()], dir.path());
                    return Ok(Self {
                        port,
                        bins,
                        postmaster,
                        watchdog,
                        next_db: AtomicU32::new(1),
                        dir,
                    });
                }
                Err(StartError::PortTaken(e)) => last_err = Some(e),
                Err(StartError::Other(e)) => return Err(e),
            }
        }
        Err(last_err.unwrap_or_else(|| anyhow!("no free port found")))
            .context(format!("gave up after {PORT_ATTEMPTS} ports"))
    }

    /// The TCP port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The postmaster's PID.
    pub fn pid(&self) -> u32 {
        self.postmaster.id()
    }

    /// The cluster's temp dir (data dir `data/`, socket, `postgres.log`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// `postgres://postgres@127.0.0.1:PORT/{db}` (trust auth, no password).
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    /// Creates a fresh database named `{name}_{n}` (`name` reduced to
    /// `[a-z0-9_]`, `n` unique within this cluster) and returns its URL.
    /// Uses the `createdb` binary: no driver needed. Panics on failure.
    pub async fn create_database(&self, name: &str) -> String {
        let db = self.unique_db_name(name);
        let mut cmd = tokio::process::Command::new(&self.bins.createdb);
        for (k, _) in std::env::vars_os() {
            if k.to_string_lossy().starts_with("PG") {
                cmd.env_remove(k);
            }
        }
        cmd.args([
            "-h",
            "127.0.0.1",
            "-p",
            &self.port.to_string(),
            "-U",
            "postgres",
            &db,
        ])
        .env("PGCONNECT_TIMEOUT", "10")
        .stdin(Stdio::null())
        .kill_on_drop(true);
        let out = match tokio::time::timeout(CMD_TIMEOUT, cmd.output()).await {
            Ok(Ok(out)) => out,
            Ok(Err(e)) => panic!("cannot run {}: {e}", self.bins.createdb.display()),
            Err(_) => panic!("createdb {db} did not finish within {CMD_TIMEOUT:?}"),
        };
        assert!(
            out.status.success(),
            "createdb {db} failed ({}): {}\n--- server log tail ---\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim(),
            self.log_tail(20)
        );
        self.url(&db)
    }

    /// Runs `sql` with `psql` against `db`; returns unaligned, tuples-only
    /// output (`select 1` gives `"1\n"`).
    pub fn psql(&self, db: &str, sql: &str) -> anyhow::Result<String> {
        let mut cmd = pg_command(&self.bins.psql);
        cmd.args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                db,
            ])
            .args(["-c", sql])
            .env("PGCONNECT_TIMEOUT", "10");
        proc::run_ok(&mut cmd, None, CMD_TIMEOUT)
    }

    /// The last `n` lines of the server log.
    pub fn log_tail(&self, n: usize) -> String {
        proc::tail(&self.dir.path().join("postgres.log"), n)
    }

    fn unique_db_name(&self, name: &str) -> String {
        let n = self.next_db.fetch_add(1, Ordering::Relaxed);
        let mut base: String = name
            .chars()
            .map(|c| c.to_ascii_lowercase())
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base.insert_str(0, "db_");
        }
        base.truncate(50);
        let _ = write!(base, "_{n}");
        base
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        if let Some(mut w) = self.watchdog.take() {
            let _ = w.kill();
            let _ = w.wait();
        }
        // SIGINT = fast shutdown (see the module docs for why not SIGTERM).
        proc::terminate(&mut self.postmaster, Signal::INT, STOP_GRACE);
        // `self.dir` (TempDir) is removed after this body.
    }
}

enum StartError {
    PortTaken(anyhow::Error),
    Other(anyhow::Error),
}

/// A command for a PostgreSQL client/server binary with the caller's PG*
/// variables removed (PGHOST, PGSSLMODE... must not redirect our commands).
fn pg_command(bin: &Path) -> Command {
    let mut cmd = Command::new(bin);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("PG") {
            cmd.env_remove(k);
        }
    }
    cmd
}

/// A command that runs as `run_as` (the postgres user) when given, with a
/// working directory that user can enter.
fn server_command(bin: &Path, run_as: Option<RunAs>, cwd: &Path) -> Command {
    let mut cmd = pg_command(bin);
    cmd.current_dir(cwd);
    if let Some(u) = run_as {
        cmd.uid(u.uid).gid(u.gid);
    }
    cmd
}

fn find_bins() -> anyhow::Result<PgBins> {
    // Highest /usr/lib/postgresql/<major>/bin that has initdb and postgres.
    let mut versioned: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let major = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            (proc::is_executable(&bin.join("initdb")) && proc::is_executable(&bin.join("postgres")))
                .then_some((major, bin))
        })
        .collect();
    versioned.sort();
    let bin_dir = versioned.pop().map(|(_, b)| b);
    let find = |name: &str| -> anyhow::Result<PathBuf> {
        if let Some(p) = bin_dir
            .as_ref()
            .map(|d| d.join(name))
            .filter(|p| proc::is_executable(p))
        {
            return Ok(p);
        }
        proc::which(name).ok_or_else(|| {
            anyhow!(
                "`{name}` not found under /usr/lib/postgresql/*/bin nor on PATH \
                 (install the `postgresql` package: scripts/setup.sh test)"
            )
        })
    };
    Ok(PgBins {
        initdb: find("initdb")?,
        postgres: find("postgres")?,
        pg_isready: find("pg_isready")?,
        psql: find("psql")?,
        createdb: find("createdb")?,
    })
}

fn run_as() -> anyhow::Result<Option<RunAs>> {
    if !proc::is_root() {
        return Ok(None);
    }
    let out = proc::run_ok(
        Command::new("getent").args(["passwd", "postgres"]),
        None,
        Duration::from_secs(10),
    )
    .context("running as root, but there is no `postgres` user to run initdb/postgres as")?;
    let fields: Vec<&str> = out.trim().split(':').collect();
    let (Some(uid), Some(gid)) = (
        fields.get(2).and_then(|s| s.parse().ok()),
        fields.get(3).and_then(|s| s.parse().ok()),
    ) else {
        bail!("cannot parse `getent passwd postgres`: {out:?}");
    };
    Ok(Some(RunAs { uid, gid }))
}

/// Fills `data` with a fresh cluster: copies the per-machine template,
/// creating the template first if needed.
fn init_data_dir(bins: &PgBins, run_as: Option<RunAs>, data: &Path) -> anyhow::Result<()> {
    let cwd = data.parent().unwrap_or(Path::new("/"));
    let template = ensure_template(bins, run_as)?;
    let mut cp = server_command(Path::new("cp"), run_as, cwd);
    cp.arg("-a").arg(&template).arg(data);
    proc::run_ok(&mut cp, None, CMD_TIMEOUT).context("cannot copy the initdb template")?;
    Ok(())
}

const TEMPLATE_MARK: &str = "steward-template-complete";

/// `initdb` once per machine (per PostgreSQL binary version and owning user),
/// into `$TMPDIR/steward-pg-template-<uid>-<hash>`. Concurrent test processes
/// each initdb into their own scratch name and rename it into place: the first
/// rename wins, the others delete theirs.
fn ensure_template(bins: &PgBins, run_as: Option<RunAs>) -> anyhow::Result<PathBuf> {
    let version = proc::run_ok(
        Command::new(&bins.postgres).arg("--version"),
        None,
        Duration::from_secs(10),
    )?;
    let key = fnv1a(format!("{}\n{}", bins.initdb.display(), version.trim()).as_bytes());
    let uid = run_as.map_or_else(|| rustix::process::geteuid().as_raw(), |u| u.uid);
    let tmp = std::env::temp_dir();
    let template = tmp.join(format!("steward-pg-template-{uid}-{key:016x}"));
    if template.join(TEMPLATE_MARK).exists() {
        return Ok(template);
    }
    let scratch = tempfile::Builder::new()
        .prefix("steward-pg-initdb-")
        .tempdir()
        .context("cannot create a temp dir for initdb")?;
    if let Some(u) = run_as {
        std::os::unix::fs::chown(scratch.path(), Some(u.uid), Some(u.gid))?;
    }
    let fresh = scratch.path().join("data");
    let mut initdb = server_command(&bins.initdb, run_as, scratch.path());
    initdb
        .arg("-D")
        .arg(&fresh)
        .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        .args(locale_args());
    proc::run_ok(&mut initdb, None, CMD_TIMEOUT).context("initdb failed")?;
    File::create(fresh.join(TEMPLATE_MARK)).context("cannot mark the initdb template")?;
    // The scratch dir and the template live in the same temp dir: rename is atomic.
    match std::fs::rename(&fresh, &template) {
        Ok(()) => Ok(template),
        Err(_) if template.join(TEMPLATE_MARK).exists() => Ok(template), // lost the race
        Err(e) => Err(e)
            .with_context(|| format!("cannot move the initdb template to {}", template.display())),
    }
}

/// `--locale=C.UTF-8` when the C.UTF-8 locale exists (glibc ≥ 2.35 has it
/// built in), else `--no-locale` (byte-wise C with UTF8 encoding).
fn locale_args() -> &'static [&'static str] {
    let has_c_utf8 = proc::run_ok(
        Command::new("locale").arg("-a"),
        None,
        Duration::from_secs(10),
    )
    .map(|out| {
        out.lines()
            .any(|l| matches!(l.trim(), "C.utf8" | "C.UTF-8"))
    })
    .unwrap_or(false);
    if has_c_utf8 {
        &["--locale=C.UTF-8"]
    } else {
        &["--no-locale"]
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn free_port() -> anyhow::Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0").context("cannot bind 127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

fn start_server(
    bins: &PgBins,
    run_as: Option<RunAs>,
    dir: &Path,
    data: &Path,
    port: u16,
    log_path: &Path,
) -> Result<Child, StartError> {
    let other = StartError::Other;
    let log = File::create(log_path)
        .with_context(|| format!("cannot create {}", log_path.display()))
        .map_err(other)?;
    let log_err = log
        .try_clone()
        .context("cannot dup the log file")
        .map_err(other)?;
    let mut cmd = server_command(&bins.postgres, run_as, dir);
    cmd.arg("-D")
        .arg(data)
        .args(["-p", &port.to_string()])
        .arg("-k")
        .arg(dir)
        .args(["-c", "listen_addresses=127.0.0.1"])
        .args([
            "-c",
            "fsync=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "synchronous_commit=off",
        ])
        // Enough for several sqlx pools per test.
        .args(["-c", "max_connections=200"])
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err);
    let shown = proc::show(&cmd);
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot run `{shown}`"))
        .map_err(other)?;

    let deadline = Instant::now() + READY_TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            let log = proc::tail(log_path, 30);
            let msg = anyhow!(
                "postgres exited ({status}) before accepting connections; log tail:\n{log}"
            );
            return Err(
                if log.contains("could not bind") || log.contains("Address already in use") {
                    StartError::PortTaken(msg)
                } else {
                    StartError::Other(msg)
                },
            );
        }
        // Ours is ready when *its* postmaster.pid (PID on line 1) says "ready"
        // (line 8), as pg_ctl checks; pg_isready then confirms over TCP.
        if postmaster_ready(data, child.id()) {
            let mut isready = pg_command(&bins.pg_isready);
            isready.args(["-q", "-h", "127.0.0.1", "-p", &port.to_string(), "-t", "5"]);
            let ready = proc::run_timeout(&mut isready, None, Duration::from_secs(10))
                .map(|o| o.status.success())
                .unwrap_or(false);
            if ready {
                return Ok(child);
            }
        }
        if Instant::now() >= deadline {
            proc::terminate(&mut child, Signal::INT, STOP_GRACE);
            return Err(StartError::Other(anyhow!(
                "postgres did not accept connections on 127.0.0.1:{port} within {READY_TIMEOUT:?}; log tail:\n{}",
                proc::tail(log_path, 30)
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn postmaster_ready(data: &Path, pid: u32) -> bool {
    let Ok(text) = std::fs::read_to_string(data.join("postmaster.pid")) else {
        return false;
    };
    let lines: Vec<&str> = text.lines().collect();
    lines.first().map(|l| l.trim()) == Some(pid.to_string().as_str())
        && lines.get(7).map(|l| l.trim()) == Some("ready")
}
