//! Diagnostics (issue 9): rotating log files in the platform log folder, the
//! last warnings and errors kept in memory, the about box, and the "Copy
//! diagnostics" text for support requests.
//!
//! No secret reaches a log line in the first place: tokens and passwords
//! live in `Sensitive`, whose Debug is redacted and which cannot be
//! serialised. The report leaves the machine, so what it quotes is scrubbed
//! further, of e-mail addresses and of anything shaped like a token or id.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use steward_types::desktop::{AboutInfo, DiagnosticsReport};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// A log file's size before it rotates, and how many rotated ones are kept:
/// at most 6 MiB of logs on disk.
pub const MAX_LOG_BYTES: u64 = 1024 * 1024;
pub const KEPT_LOGS: usize = 5;
/// Warnings and errors quoted in a report.
const RECENT: usize = 20;
const LOG_NAME: &str = "steward";

/// What the about box and the report need, kept as Tauri state.
#[derive(Debug, Clone)]
pub struct Diagnostics {
    pub log_dir: PathBuf,
    pub recent: RecentErrors,
}

impl Diagnostics {
    pub fn about(&self) -> AboutInfo {
        about(&self.log_dir)
    }

    /// "Copy diagnostics": this console, its connection now, recent errors.
    pub async fn report(&self, console: &crate::console::Console) -> DiagnosticsReport {
        let facts = console.connection_facts().await;
        DiagnosticsReport {
            text: report(&self.about(), &facts, &self.recent.lines()),
        }
    }
}

/// Logs to standard error and, when the folder can be created, to
/// `steward.log` in `log_dir`; `STEWARD_LOG` sets the filter (default info).
pub fn init(log_dir: PathBuf) -> Diagnostics {
    let recent = RecentErrors::default();
    let filter =
        || EnvFilter::try_from_env("STEWARD_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let file = RotatingLog::open(&log_dir, MAX_LOG_BYTES, KEPT_LOGS);
    // Filtered too: a layer without a filter would switch on every trace
    // callsite of every dependency.
    let registry = tracing_subscriber::registry()
        .with(recent.clone().with_filter(LevelFilter::WARN))
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(io::stderr)
                .with_filter(filter()),
        );
    let opened = match file {
        Ok(file) => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(file)
                    .with_filter(filter()),
            )
            .try_init()
            .map(|()| None),
        Err(e) => registry.try_init().map(|()| Some(e)),
    };
    if let Ok(Some(e)) = opened {
        tracing::warn!(error = %e, dir = %log_dir.display(), "cannot write log files; logging to standard error only");
    }
    Diagnostics { log_dir, recent }
}

/// `steward.log`, renamed to `steward.1.log` (and the older ones up to
/// `steward.{keep}.log`, the oldest dropped) before a line would take it
/// past `max_bytes`. A line is never split across files.
#[derive(Debug, Clone)]
pub struct RotatingLog {
    inner: Arc<Mutex<Rotating>>,
}

#[derive(Debug)]
struct Rotating {
    dir: PathBuf,
    max_bytes: u64,
    keep: usize,
    file: Option<File>,
    written: u64,
}

impl RotatingLog {
    pub fn open(dir: &Path, max_bytes: u64, keep: usize) -> io::Result<Self> {
        fs::create_dir_all(dir)?;
        let mut rotating = Rotating {
            dir: dir.to_path_buf(),
            max_bytes,
            keep,
            file: None,
            written: 0,
        };
        let file = open_append(&rotating.path(0))?;
        rotating.written = file.metadata()?.len();
        rotating.file = Some(file);
        Ok(Self {
            inner: Arc::new(Mutex::new(rotating)),
        })
    }
}

/// Log files are the user's alone: they name the server and what failed.
fn open_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

impl Rotating {
    fn path(&self, n: usize) -> PathBuf {
        match n {
            0 => self.dir.join(format!("{LOG_NAME}.log")),
            n => self.dir.join(format!("{LOG_NAME}.{n}.log")),
        }
    }

    fn rotate(&mut self) -> io::Result<()> {
        self.file = None;
        match fs::remove_file(self.path(self.keep)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        for n in (0..self.keep).rev() {
            let from = self.path(n);
            if from.exists() {
                fs::rename(&from, self.path(n + 1))?;
            }
        }
        self.written = 0;
        Ok(())
    }

    fn write_line(&mut self, buf: &[u8]) -> io::Result<()> {
        let len = u64::try_from(buf.len()).unwrap_or(u64::MAX);
        if self.written > 0 && self.written.saturating_add(len) > self.max_bytes {
            self.rotate()?;
        }
        let file = match self.file.take() {
            Some(file) => file,
            None => open_append(&self.path(0))?,
        };
        let file = self.file.insert(file);
        file.write_all(buf)?;
        self.written = self.written.saturating_add(len);
        Ok(())
    }
}

/// One event's writer: tracing's fmt layer formats a whole line, then
/// writes it here in one call.
#[derive(Debug)]
pub struct LogWriter<'a>(&'a Mutex<Rotating>);

impl Write for LogWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rotating = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        rotating.write_line(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut rotating = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        rotating.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl<'a> MakeWriter<'a> for RotatingLog {
    type Writer = LogWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LogWriter(&self.inner)
    }
}

/// The last warnings and errors, scrubbed, for the report.
#[derive(Debug, Clone, Default)]
pub struct RecentErrors(Arc<Mutex<VecDeque<String>>>);

impl RecentErrors {
    pub fn lines(&self) -> Vec<String> {
        let lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        lines.iter().cloned().collect()
    }

    fn push(&self, line: String) {
        let mut lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if lines.len() == RECENT {
            lines.pop_front();
        }
        lines.push_back(line);
    }
}

impl<S: tracing::Subscriber> Layer<S> for RecentErrors {
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        let meta = event.metadata();
        // More verbose than WARN (info, debug, trace) is not an error.
        if *meta.level() > tracing::Level::WARN {
            return;
        }
        let mut text = FieldText::default();
        event.record(&mut text);
        // A log line's time is the wall clock's by nature; nothing decides on it.
        let at = chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ");
        self.push(format!(
            "{at} {} {}: {}",
            meta.level(),
            meta.target(),
            scrub(&text.0)
        ));
    }
}

#[derive(Default)]
struct FieldText(String);

impl tracing::field::Visit for FieldText {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, "{}={value:?}", field.name());
        }
    }
}

/// `text` with e-mail addresses replaced by `<email>` and token- or id-like
/// runs (24 or more letters, digits, `-` or `_`, with both letters and
/// digits) by `<redacted>`, for text that leaves the machine.
pub fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(char::is_whitespace).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let trimmed = word.trim_matches(|c: char| "\"'()[]{}<>,;".contains(c));
        match trimmed.split_once('@') {
            Some((user, domain)) if !user.is_empty() && domain.contains('.') => {
                out.push_str(&word.replace(trimmed, "<email>"));
            }
            _ => out.push_str(&scrub_runs(word)),
        }
    }
    out
}

fn scrub_runs(word: &str) -> String {
    let is_run = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut out = String::with_capacity(word.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let secret_like = run.len() >= 24
            && run.chars().any(|c| c.is_ascii_digit())
            && run.chars().any(|c| c.is_ascii_alphabetic());
        out.push_str(if secret_like { "<redacted>" } else { run });
        run.clear();
    };
    for c in word.chars() {
        if is_run(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

pub fn about(log_dir: &Path) -> AboutInfo {
    AboutInfo {
        name: "Steward".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        tauri_version: tauri::VERSION.into(),
        webview_version: tauri::webview_version().ok(),
        os: format!("{} ({})", os_name(), std::env::consts::ARCH),
        log_dir: log_dir.display().to_string(),
    }
}

fn os_name() -> String {
    fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                line.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_else(|| std::env::consts::OS.to_string())
}

/// Where the console is connected, as a report may say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionFacts {
    /// `None` when signed out; the server's origin otherwise.
    pub server: Option<String>,
    pub demo: bool,
    /// Whether the server answered a health check just now.
    pub reachable: Option<bool>,
}

/// The text "Copy diagnostics" puts on the clipboard.
pub fn report(about: &AboutInfo, connection: &ConnectionFacts, recent: &[String]) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "{} {}", about.name, about.version);
    let _ = writeln!(text, "Tauri {}", about.tauri_version);
    let webview = about.webview_version.as_deref().unwrap_or("unknown");
    let _ = writeln!(text, "Web view {webview}");
    let _ = writeln!(text, "System {}", about.os);
    let server = match (&connection.server, connection.demo) {
        (None, _) => "not signed in".to_string(),
        (Some(_), true) => "embedded demo server".to_string(),
        (Some(origin), false) => origin.clone(),
    };
    let _ = writeln!(text, "Server {server}");
    let reachable = match connection.reachable {
        None => "not checked",
        Some(true) => "answers",
        Some(false) => "does not answer",
    };
    let _ = writeln!(text, "Connection {reachable}");
    let _ = writeln!(text, "Log folder {}", about.log_dir);
    if recent.is_empty() {
        let _ = writeln!(text, "Recent errors: none");
    } else {
        let _ = writeln!(text, "Recent errors ({}):", recent.len());
        for line in recent {
            let _ = writeln!(text, "  {line}");
        }
    }
    text
}

/// A server URL without what could identify a person: scheme, host, port.
pub fn origin(server_url: &str) -> String {
    url::Url::parse(server_url).map_or_else(
        |_| "an unreadable server address".to_string(),
        |u| u.origin().ascii_serialization(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn rotates_whole_lines_and_keeps_only_the_newest_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = RotatingLog::open(dir.path(), 100, 2).expect("open");
        for i in 0..20 {
            let mut w = log.make_writer();
            w.write_all(format!("line {i:02} {}\n", "x".repeat(30)).as_bytes())
                .expect("write");
        }
        assert_eq!(
            files(dir.path()),
            ["steward.1.log", "steward.2.log", "steward.log"]
        );
        let current = fs::read_to_string(dir.path().join("steward.log")).expect("read");
        let older = fs::read_to_string(dir.path().join("steward.1.log")).expect("read");
        let oldest = fs::read_to_string(dir.path().join("steward.2.log")).expect("read");
        for text in [&current, &older, &oldest] {
            assert!(text.len() <= 100, "{} bytes", text.len());
            assert!(text.ends_with('\n') && text.lines().all(|l| l.len() == 38));
        }
        assert!(current.contains("line 19"), "{current}");
        assert!(older
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("line 17")));
        assert!(oldest
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("line 15")));
    }

    #[test]
    fn reopening_appends_and_counts_what_is_there() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let log = RotatingLog::open(dir.path(), 50, 1).expect("open");
            log.make_writer().write_all(&[b'a'; 40]).expect("write");
        }
        let log = RotatingLog::open(dir.path(), 50, 1).expect("open");
        log.make_writer().write_all(&[b'b'; 20]).expect("write");
        assert_eq!(files(dir.path()), ["steward.1.log", "steward.log"]);
        assert_eq!(
            fs::read(dir.path().join("steward.log")).expect("read"),
            [b'b'; 20]
        );
    }

    #[cfg(unix)]
    #[test]
    fn log_files_are_private_to_the_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let _log = RotatingLog::open(dir.path(), 50, 1).expect("open");
        let mode = fs::metadata(dir.path().join("steward.log"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }

    #[test]
    fn scrub_removes_addresses_and_token_like_runs() {
        assert_eq!(
            scrub("sign-in failed for \"ada@example.com\", retrying"),
            "sign-in failed for \"<email>\", retrying"
        );
        assert_eq!(
            scrub("refresh token=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA rejected"),
            "refresh token=<redacted> rejected"
        );
        assert_eq!(
            scrub("account 0192f3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b not found"),
            "account <redacted> not found"
        );
        let plain = "server http://127.0.0.1:8080/v1/me answered 503 service_unavailable";
        assert_eq!(scrub(plain), plain);
    }

    #[test]
    fn recent_errors_keep_the_last_warnings_scrubbed() {
        let recent = RecentErrors::default();
        let subscriber = tracing_subscriber::registry().with(recent.clone());
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!("not an error");
            for i in 0..(RECENT + 3) {
                tracing::warn!(attempt = i, "server unreachable for bo@example.org");
            }
            tracing::error!("the last one");
        });
        let lines = recent.lines();
        assert_eq!(lines.len(), RECENT);
        assert!(lines.iter().all(|l| !l.contains("not an error")));
        assert!(lines.iter().all(|l| !l.contains("bo@example.org")));
        assert!(lines[0].contains("attempt=4"), "{}", lines[0]);
        assert!(lines[RECENT - 1].contains("ERROR") && lines[RECENT - 1].ends_with("the last one"));
    }

    #[test]
    fn the_report_names_versions_and_server_but_no_person() {
        let about = AboutInfo {
            name: "Steward".into(),
            version: "1.2.3".into(),
            tauri_version: "2.0.0".into(),
            webview_version: None,
            os: "Debian (x86_64)".into(),
            log_dir: "/home/u/.local/share/org.steward.console/logs".into(),
        };
        let facts = ConnectionFacts {
            server: Some(origin("https://kim:pw@accounts.example.com:8443/base?x=1")),
            demo: false,
            reachable: Some(false),
        };
        let text = report(
            &about,
            &facts,
            &["2026-01-01 00:00:00Z WARN x: boom".into()],
        );
        assert!(text.starts_with("Steward 1.2.3\n"), "{text}");
        assert!(
            text.contains("Server https://accounts.example.com:8443\n"),
            "{text}"
        );
        assert!(!text.contains("kim") && !text.contains("pw@"), "{text}");
        assert!(text.contains("Connection does not answer\n"));
        assert!(text.contains("Recent errors (1):\n  2026-01-01 00:00:00Z WARN x: boom\n"));
        let signed_out = ConnectionFacts {
            server: None,
            demo: false,
            reachable: None,
        };
        assert!(report(&about, &signed_out, &[]).contains("Server not signed in\n"));
    }
}
