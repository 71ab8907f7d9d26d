//! Small process helpers shared by the harnesses: PATH lookup, signals by PID,
//! bounded waits, commands with a timeout, and a watchdog that cleans up when
//! the test process dies without running destructors.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _};
use rustix::process::{Pid, Signal};

/// Finds `name` on PATH (or returns it as is when it already is a path).
pub(crate) fn which(name: &str) -> Option<PathBuf> {
    if name.contains('/') {
        let p = PathBuf::from(name);
        return is_executable(&p).then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

pub(crate) fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

pub(crate) fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// Sends `sig` to `pid`. Errors (typically "no such process") are ignored.
pub(crate) fn signal(pid: u32, sig: Signal) {
    if let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
        let _ = rustix::process::kill_process(pid, sig);
    }
}

/// Waits up to `timeout` for `child` to exit; `None` if it is still running.
pub(crate) fn wait_timeout(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            // Already reaped or not our child: treat as gone.
            Err(_) => return Some(ExitStatus::default()),
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Sends `sig`, waits up to `grace`, then SIGKILLs; always reaps the child.
pub(crate) fn terminate(child: &mut Child, sig: Signal, grace: Duration) {
    if matches!(child.try_wait(), Ok(Some(_)) | Err(_)) {
        return;
    }
    signal(child.id(), sig);
    if wait_timeout(child, grace).is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Runs `cmd` to completion with stdout/stderr captured, feeding `stdin` (and
/// closing it). Kills the command and fails if it runs longer than `timeout`,
/// so a command that blocks (for example on a keyring prompt) cannot hang a
/// test forever.
pub(crate) fn run_timeout(
    cmd: &mut Command,
    stdin: Option<&[u8]>,
    timeout: Duration,
) -> anyhow::Result<Output> {
    let shown = show(cmd);
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot run `{shown}`"))?;
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A failed write (the command exited early) shows in its status.
        let _ = pipe.write_all(bytes);
    }
    let out = child.stdout.take().map(drain);
    let err = child.stderr.take().map(drain);
    let Some(status) = wait_timeout(&mut child, timeout) else {
        let _ = child.kill();
        let _ = child.wait();
        bail!("`{shown}` did not finish within {timeout:?} (killed)");
    };
    let join = |h: Option<thread::JoinHandle<Vec<u8>>>| {
        h.map(|h| h.join().unwrap_or_default()).unwrap_or_default()
    };
    Ok(Output {
        status,
        stdout: join(out),
        stderr: join(err),
    })
}

fn drain<R: Read + Send + 'static>(mut r: R) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        buf
    })
}

/// Like [`run_timeout`] but fails unless the command exits 0; returns stdout.
pub(crate) fn run_ok(
    cmd: &mut Command,
    stdin: Option<&[u8]>,
    timeout: Duration,
) -> anyhow::Result<String> {
    let shown = show(cmd);
    let out = run_timeout(cmd, stdin, timeout)?;
    if !out.status.success() {
        return Err(anyhow!(
            "`{shown}` failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim(),
            String::from_utf8_lossy(&out.stdout).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A printable form of a command line, for error messages.
pub(crate) fn show(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(OsStr::to_string_lossy)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last `n` lines of a (log) file, for error messages.
pub(crate) fn tail(path: &Path, n: usize) -> String {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(n)..].join("\n")
        }
        Err(e) => format!("(cannot read {}: {e})", path.display()),
    }
}

/// Starts a detached `sh` loop that waits for the current (test) process to
/// disappear and then stops `pids` (SIGINT first, which is PostgreSQL's fast
/// shutdown and a plain stop for the D-Bus daemons, then SIGKILL) and removes
/// `dir`. It only matters when the test process dies without running `Drop`
/// (SIGKILL, `process::exit`, a harness kept in a `static`): the harness kills
/// the watchdog first in its normal `Drop`.
pub(crate) fn spawn_watchdog(pids: &[u32], dir: &Path) -> Option<Child> {
    let script = r#"
        parent=$1; dir=$2; shift 2
        while kill -0 "$parent" 2>/dev/null; do sleep 1; done
        kill -INT "$@" 2>/dev/null
        sleep 5
        kill -KILL "$@" 2>/dev/null
        rm -rf "$dir"
    "#;
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .arg("steward-test-watchdog")
        .arg(std::process::id().to_string())
        .arg(dir)
        .args(pids.iter().map(u32::to_string))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd.spawn().ok()
}
