//! A private D-Bus session bus with an unlocked gnome-keyring (the Secret
//! Service) for one test process.
//!
//! ```no_run
//! use steward_tests::keyring_session::KeyringSession;
//! let kr = KeyringSession::start(); // sets DBUS_SESSION_BUS_ADDRESS, HOME, XDG_* here
//! // ... code under test uses the keyring (keyring 4 / zbus) ...
//! kr.lock();          // login collection locked  -> keyring 4: NoStorageAccess
//! kr.unlock();        // unlocked again, items kept
//! kr.stop_service();  // no Secret Service on the bus -> PlatformFailure(ServiceUnknown)
//! ```
//!
//! What it starts, all under one scratch dir (a fresh HOME, removed on drop):
//! * `dbus-daemon --config-file=<ours> --nofork --print-address=1 --nopidfile`.
//!   Our config is the stock session config *without service directories*, so
//!   nothing is D-Bus-activated. That matters twice (found empirically here):
//!   - with the stock config, calling org.freedesktop.secrets after
//!     [`stop_service`](KeyringSession::stop_service) silently re-activates a
//!     fresh `gnome-keyring-daemon --start` (whose login keyring is locked),
//!     so "service unavailable" could never be observed;
//!   - with the stock config, reading a *locked* collection makes
//!     gnome-keyring activate `gcr-prompter` (installed with gnome-keyring).
//!     With no DISPLAY the prompt fails at once; with a DISPLAY (e.g. under
//!     Xvfb) a modal password window appears and the caller blocks until it
//!     is answered — a hang in a test. On our bus the prompter cannot be
//!     activated, gnome-keyring logs "couldn't create system prompt:
//!     ...ServiceUnknown" and the prompt is dismissed at once.
//! * `gnome-keyring-daemon --unlock --components=secrets --foreground`, the
//!   password on stdin (then stdin closed). It creates and unlocks the
//!   `login` collection in `$XDG_DATA_HOME/keyrings/login.keyring`, and the
//!   `default` alias points to it.
//!
//! Behaviour of a *locked* collection, measured with secret-tool 0.20 /
//! gnome-keyring 42.1 on Debian 12:
//! * on our bus (no prompter): reading tries to unlock, the unlock prompt
//!   cannot be shown and is dismissed at once, so `secret-tool lookup` exits 1
//!   with *no output at all* — exactly like a missing item — in about 0.05 s;
//!   [`secret_tool_lookup`](KeyringSession::secret_tool_lookup) therefore
//!   returns `Ok(None)` for a locked item; use
//!   [`is_locked`](KeyringSession::is_locked) to tell the two apart. A real
//!   desktop behaves the same when the user cancels the password prompt;
//! * on a stock session bus with no DISPLAY, gcr-prompter starts, cannot open
//!   a display, and `secret-tool lookup` exits 1 with
//!   "secret-tool: Cannot get secret of a locked object";
//! * `secret-tool store` exits 1: "Cannot create an item in a locked collection";
//! * `secret-tool search` still lists the item's attributes, without the secret;
//! * `secret-tool lock --collection=login` locks but then segfaults (exit 139),
//!   and `--collection=<object path>` hangs: so [`lock`](KeyringSession::lock)
//!   calls `org.freedesktop.Secret.Service.Lock` on the `default` alias with
//!   `dbus-send` instead.
//! * Unlocking through the Secret Service API needs a prompt (no prompter
//!   here), so [`unlock`](KeyringSession::unlock) restarts the daemon with the
//!   password: the login collection's items are on disk and survive.
//!
//! Process environment: [`start`](KeyringSession::start) sets
//! DBUS_SESSION_BUS_ADDRESS, HOME, XDG_RUNTIME_DIR, XDG_DATA_HOME,
//! XDG_CONFIG_HOME and XDG_CACHE_HOME in the *current process* (and restores
//! them on drop), so code under test that reads them (zbus, `directories`)
//! finds this session. Changing the environment of a running process is only
//! sound when no other thread reads it concurrently; that holds because
//! nextest runs each test in its own process and the session is created at
//! the start of the test. (`std::env::set_var` is a safe function in edition
//! 2021, which this workspace uses; edition 2024 makes it `unsafe`, which the
//! workspace's `unsafe_code = "forbid"` would reject — moving to 2024 means
//! passing [`env`](KeyringSession::env) to child processes instead.) Under
//! plain `cargo test` (threads) two sessions in one process would overwrite
//! each other's variables: use nextest.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _};
use rustix::process::Signal;
use tempfile::TempDir;

use crate::proc;

/// The login keyring's password.
pub const PASSWORD: &str = "steward-test-keyring";

const SECRETS: &str = "org.freedesktop.secrets";
const DEFAULT_COLLECTION: &str = "/org/freedesktop/secrets/aliases/default";
const WAIT: Duration = Duration::from_secs(10);
const CMD_TIMEOUT: Duration = Duration::from_secs(20);

const BINARIES: [&str; 4] = [
    "dbus-daemon",
    "dbus-send",
    "gnome-keyring-daemon",
    "secret-tool",
];

/// A private session bus + gnome-keyring; everything is killed and the scratch
/// HOME removed on drop.
#[derive(Debug)]
pub struct KeyringSession {
    address: String,
    bus: Child,
    // Kept open: dbus-daemon must never get SIGPIPE on its address pipe.
    _bus_stdout: BufReader<ChildStdout>,
    daemon: Option<Child>,
    watchdog: Option<Child>,
    saved_env: Vec<(&'static str, Option<OsString>)>,
    home: PathBuf,
    runtime: PathBuf,
    // Last: removed after the daemons have been stopped in `Drop`.
    dir: TempDir,
}

impl KeyringSession {
    /// Whether the needed programs are installed (dbus-daemon, dbus-send,
    /// gnome-keyring-daemon, secret-tool).
    pub fn available() -> bool {
        Self::unavailable_reason().is_none()
    }

    /// Why [`available`](Self::available) is false, if it is.
    pub fn unavailable_reason() -> Option<String> {
        let missing: Vec<&str> = BINARIES
            .into_iter()
            .filter(|b| proc::which(b).is_none())
            .collect();
        (!missing.is_empty()).then(|| {
            format!(
                "missing {} (packages dbus, dbus-x11, gnome-keyring, libsecret-tools: scripts/setup.sh test)",
                missing.join(", ")
            )
        })
    }

    /// Starts the session and points this process at it; panics with the
    /// reason (and daemon log tails) if it cannot.
    pub fn start() -> Self {
        match Self::try_start() {
            Ok(s) => s,
            Err(e) => panic!("cannot start a private keyring session: {e:#}"),
        }
    }

    /// Starts the session and points this process at it.
    pub fn try_start() -> anyhow::Result<Self> {
        if let Some(reason) = Self::unavailable_reason() {
            bail!(reason);
        }
        let dir = tempfile::Builder::new()
            .prefix("steward-keyring-")
            .tempdir()
            .context("cannot create a scratch HOME")?;
        let home = dir.path().join("home");
        let runtime = dir.path().join("run");
        for d in [&home, &runtime] {
            std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
        }
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700))?;
        }
        let conf = dir.path().join("bus.conf");
        std::fs::write(&conf, bus_config(&runtime)).context("cannot write the bus config")?;

        let bus_log = dir.path().join("dbus-daemon.log");
        let mut bus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", conf.display()))
            .args(["--nofork", "--print-address=1", "--nopidfile"])
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file(&bus_log)?)
            .spawn()
            .context("cannot run dbus-daemon")?;
        let mut bus_stdout = BufReader::new(bus.stdout.take().context("dbus-daemon stdout")?);
        let mut address = String::new();
        // dbus-daemon prints the address once listening; if it dies the pipe
        // closes and this returns 0 bytes.
        let _ = bus_stdout.read_line(&mut address);
        let address = address.trim().to_owned();
        if address.is_empty() {
            proc::terminate(&mut bus, Signal::TERM, Duration::from_secs(2));
            bail!(
                "dbus-daemon printed no address; its log:\n{}",
                proc::tail(&bus_log, 20)
            );
        }

        let mut session = Self {
            address,
            bus,
            _bus_stdout: bus_stdout,
            daemon: None,
            watchdog: None,
            saved_env: Vec::new(),
            home,
            runtime,
            dir,
        };
        session.start_daemon()?;
        session.probe_read_write()?;
        session.refresh_watchdog();
        session.apply_env();
        Ok(session)
    }

    /// The private bus address (`unix:path=...`).
    pub fn bus_address(&self) -> &str {
        &self.address
    }

    /// The scratch HOME (removed on drop).
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// Variables for child processes that should use this session:
    /// DBUS_SESSION_BUS_ADDRESS, HOME, XDG_RUNTIME_DIR, XDG_DATA_HOME,
    /// XDG_CONFIG_HOME, XDG_CACHE_HOME.
    pub fn env(&self) -> Vec<(String, String)> {
        let h = |sub: &str| self.home.join(sub).to_string_lossy().into_owned();
        vec![
            ("DBUS_SESSION_BUS_ADDRESS".into(), self.address.clone()),
            ("HOME".into(), self.home.to_string_lossy().into_owned()),
            (
                "XDG_RUNTIME_DIR".into(),
                self.runtime.to_string_lossy().into_owned(),
            ),
            ("XDG_DATA_HOME".into(), h(".local/share")),
            ("XDG_CONFIG_HOME".into(), h(".config")),
            ("XDG_CACHE_HOME".into(), h(".cache")),
        ]
    }

    /// Whether org.freedesktop.secrets currently has an owner on the bus.
    pub fn service_running(&self) -> bool {
        self.name_has_owner().unwrap_or(false)
    }

    /// Whether the default (login) collection is locked. Errors when the
    /// service is not running.
    pub fn is_locked(&self) -> anyhow::Result<bool> {
        let out = proc::run_ok(
            self.command("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    &format!("--dest={SECRETS}"),
                    DEFAULT_COLLECTION,
                ])
                .args([
                    "org.freedesktop.DBus.Properties.Get",
                    "string:org.freedesktop.Secret.Collection",
                    "string:Locked",
                ]),
            None,
            CMD_TIMEOUT,
        )?;
        parse_bool_reply(&out)
    }

    /// Locks the default (login) collection through the Secret Service API and
    /// checks that it is locked. Reads then fail (no prompter: see module docs).
    pub fn lock(&self) {
        let res = (|| {
            proc::run_ok(
                self.command("dbus-send")
                    .args(["--session", "--print-reply", &format!("--dest={SECRETS}")])
                    .args([
                        "/org/freedesktop/secrets",
                        "org.freedesktop.Secret.Service.Lock",
                    ])
                    .arg(format!("array:objpath:{DEFAULT_COLLECTION}")),
                None,
                CMD_TIMEOUT,
            )?;
            if !self.is_locked()? {
                bail!("Secret.Service.Lock returned but the collection reports Locked=false");
            }
            Ok(())
        })();
        if let Err(e) = res {
            panic!("KeyringSession::lock failed: {e:#}\n{}", self.logs());
        }
    }

    /// Makes the keyring available and unlocked again, whether it was locked
    /// or stopped: restarts gnome-keyring-daemon with the password (the
    /// Secret Service's own Unlock needs an interactive prompt). Items stored
    /// in the login collection persist (they are on disk).
    pub fn unlock(&mut self) {
        let res = (|| {
            self.stop_daemon();
            self.start_daemon()?;
            if self.is_locked()? {
                bail!("restarted gnome-keyring-daemon but the login collection is still locked");
            }
            self.refresh_watchdog();
            Ok(())
        })();
        if let Err(e) = res {
            panic!("KeyringSession::unlock failed: {e:#}\n{}", self.logs());
        }
    }

    /// Kills gnome-keyring-daemon: the bus stays, but nobody owns
    /// org.freedesktop.secrets (calls fail with ServiceUnknown; nothing is
    /// auto-activated on this bus). [`unlock`](Self::unlock) brings it back.
    pub fn stop_service(&mut self) {
        self.stop_daemon();
        let deadline = Instant::now() + WAIT;
        while self.service_running() {
            assert!(
                Instant::now() < deadline,
                "org.freedesktop.secrets still owned {WAIT:?} after killing gnome-keyring-daemon"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Stores `secret` under the attribute `key`=`value` with `secret-tool`.
    pub fn secret_tool_store(&self, key: &str, value: &str, secret: &str) -> anyhow::Result<()> {
        proc::run_ok(
            self.command("secret-tool")
                .args(["store", "--label=steward test", key, value]),
            Some(secret.as_bytes()),
            CMD_TIMEOUT,
        )
        .map(drop)
    }

    /// Looks up the secret for `key`=`value` with `secret-tool`: `Ok(None)`
    /// when there is none *or the collection is locked* (see the module docs),
    /// `Err` with secret-tool's message when the lookup fails otherwise (no
    /// service...).
    pub fn secret_tool_lookup(&self, key: &str, value: &str) -> anyhow::Result<Option<String>> {
        let mut cmd = self.command("secret-tool");
        cmd.args(["lookup", key, value]);
        let out = proc::run_timeout(&mut cmd, None, CMD_TIMEOUT)?;
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        if out.status.success() {
            return Ok(Some(String::from_utf8_lossy(&out.stdout).into_owned()));
        }
        if stderr.is_empty() && out.status.code() == Some(1) {
            return Ok(None);
        }
        Err(anyhow!(
            "secret-tool lookup failed ({}): {stderr}",
            out.status
        ))
    }

    /// Tails of the dbus-daemon and gnome-keyring-daemon logs.
    pub fn logs(&self) -> String {
        format!(
            "--- dbus-daemon log ---\n{}\n--- gnome-keyring-daemon log ---\n{}",
            proc::tail(&self.dir.path().join("dbus-daemon.log"), 20),
            proc::tail(&self.dir.path().join("gnome-keyring.log"), 20)
        )
    }

    /// A command with this session's environment (and no DISPLAY, so that
    /// nothing can pop up a window).
    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.envs(self.env())
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY");
        cmd
    }

    fn start_daemon(&mut self) -> anyhow::Result<()> {
        let log = self.dir.path().join("gnome-keyring.log");
        let mut child = self
            .command("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets", "--foreground"])
            .stdin(Stdio::piped())
            .stdout(log_file(&log)?)
            .stderr(log_file(&log)?)
            .spawn()
            .context("cannot run gnome-keyring-daemon")?;
        if let Some(mut stdin) = child.stdin.take() {
            // The password, then EOF (stdin dropped) so --unlock proceeds.
            let _ = stdin.write_all(PASSWORD.as_bytes());
        }
        self.daemon = Some(child);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(Ok(Some(status))) = self.daemon.as_mut().map(Child::try_wait) {
                bail!(
                    "gnome-keyring-daemon exited ({status}); its log:\n{}",
                    proc::tail(&log, 20)
                );
            }
            if self.name_has_owner()? {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!("{SECRETS} not owned on the bus {WAIT:?} after starting gnome-keyring-daemon\n{}", self.logs());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn stop_daemon(&mut self) {
        if let Some(mut d) = self.daemon.take() {
            proc::terminate(&mut d, Signal::TERM, Duration::from_secs(5));
        }
    }

    /// The default collection exists and is unlocked: a throwaway item can be
    /// written, read back and removed.
    fn probe_read_write(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let res = self
                .secret_tool_store("steward-probe", "startup", "probe")
                .and_then(
                    |()| match self.secret_tool_lookup("steward-probe", "startup")? {
                        Some(s) if s == "probe" => Ok(()),
                        other => Err(anyhow!("probe lookup returned {other:?}")),
                    },
                );
            match res {
                Ok(()) => break,
                Err(e) if Instant::now() >= deadline => {
                    return Err(e.context(format!(
                        "the login collection is not usable\n{}",
                        self.logs()
                    )))
                }
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        proc::run_ok(
            self.command("secret-tool")
                .args(["clear", "steward-probe", "startup"]),
            None,
            CMD_TIMEOUT,
        )?;
        Ok(())
    }

    fn name_has_owner(&self) -> anyhow::Result<bool> {
        let out = proc::run_ok(
            self.command("dbus-send")
                .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus"])
                .args(["/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner"])
                .arg(format!("string:{SECRETS}")),
            None,
            CMD_TIMEOUT,
        )?;
        parse_bool_reply(&out)
    }

    fn refresh_watchdog(&mut self) {
        if let Some(mut w) = self.watchdog.take() {
            let _ = w.kill();
            let _ = w.wait();
        }
        let mut pids = vec![self.bus.id()];
        pids.extend(self.daemon.as_ref().map(Child::id));
        self.watchdog = proc::spawn_watchdog(&pids, self.dir.path());
    }

    fn apply_env(&mut self) {
        for (k, v) in self.env() {
            let k: &'static str = match k.as_str() {
                "DBUS_SESSION_BUS_ADDRESS" => "DBUS_SESSION_BUS_ADDRESS",
                "HOME" => "HOME",
                "XDG_RUNTIME_DIR" => "XDG_RUNTIME_DIR",
                "XDG_DATA_HOME" => "XDG_DATA_HOME",
                "XDG_CONFIG_HOME" => "XDG_CONFIG_HOME",
                "XDG_CACHE_HOME" => "XDG_CACHE_HOME",
                _ => continue,
            };
            self.saved_env.push((k, std::env::var_os(k)));
            // Sound here: see "Process environment" in the module docs.
            std::env::set_var(k, v);
        }
    }
}

impl Drop for KeyringSession {
    fn drop(&mut self) {
        if let Some(mut w) = self.watchdog.take() {
            let _ = w.kill();
            let _ = w.wait();
        }
        self.stop_daemon();
        proc::terminate(&mut self.bus, Signal::TERM, Duration::from_secs(5));
        for (k, v) in self.saved_env.drain(..).rev() {
            match v {
                Some(v) => std::env::set_var(k, v),
                None => std::env::remove_var(k),
            }
        }
        // `self.dir` (TempDir) is removed after this body.
    }
}

fn log_file(path: &Path) -> anyhow::Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))
}

/// The stock session bus config minus service directories (no activation).
fn bus_config(runtime: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <!-- No <standard_session_servicedirs/>: nothing is D-Bus-activated, so a
       stopped gnome-keyring stays stopped and gcr-prompter never pops up. -->
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        runtime.display()
    )
}

/// Parses a `dbus-send --print-reply` answer holding one boolean
/// (`boolean true`, or `variant boolean true` for a property).
fn parse_bool_reply(out: &str) -> anyhow::Result<bool> {
    if out.contains("boolean true") {
        Ok(true)
    } else if out.contains("boolean false") {
        Ok(false)
    } else {
        Err(anyhow!("unexpected dbus-send reply: {out:?}"))
    }
}
