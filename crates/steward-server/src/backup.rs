//! Backups of the embedded SQLite store (issue 7). `backup` takes an online
//! snapshot while servers keep serving (`VACUUM INTO` reads one consistent
//! transaction and writes a compact copy), checks the copy (SQLite's
//! integrity check and the audit log's hash chain), and only then gives it
//! its name, so a file under the chosen name is always a verified backup.
//! `restore` checks a backup the same way before it replaces anything.
//! PostgreSQL is backed up with its own tools (`pg_dump`, see
//! `docs/operations.md`).

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use anyhow::Context;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub bytes: u64,
    /// Audit entries whose chain verified.
    pub audit_entries: i64,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub path: PathBuf,
    pub checked: Checked,
    pub took: Duration,
}

/// The file a `sqlite://` URL names.
pub fn sqlite_path(database_url: &str) -> anyhow::Result<PathBuf> {
    if !database_url.starts_with("sqlite:") {
        anyhow::bail!(
            "backup and restore handle the embedded SQLite store; back up PostgreSQL with \
             pg_dump (see docs/operations.md)"
        );
    }
    let options = SqliteConnectOptions::from_str(database_url)?;
    Ok(options.get_filename().to_path_buf())
}

fn partial(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Integrity check and audit chain of the SQLite file at `path`.
pub async fn check(path: &Path) -> anyhow::Result<Checked> {
    let bytes = std::fs::metadata(path)
        .with_context(|| format!("{} cannot be read", path.display()))?
        .len();
    {
        let mut conn = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .connect()
            .await
            .with_context(|| format!("{} is not a SQLite database", path.display()))?;
        let result: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await?;
        conn.close().await?;
        if result != "ok" {
            anyhow::bail!(
                "{} fails SQLite's integrity check: {result}",
                path.display()
            );
        }
    }
    let url = format!("sqlite://{}", path.display());
    let store = crate::store::SqliteStore::open(&url, 1).await?;
    let audit = crate::audit::verify(&store).await;
    store.close().await;
    let audit = audit?;
    if let Some(b) = audit.first_break {
        anyhow::bail!(
            "{}: the audit log's hash chain is broken: {b}",
            path.display()
        );
    }
    Ok(Checked {
        bytes,
        audit_entries: audit.checked,
    })
}

/// Snapshot the database at `database_url` into `to` (which must not
/// exist) while it stays in use, then check the copy.
pub async fn backup(database_url: &str, to: &Path) -> anyhow::Result<Report> {
    let started = Instant::now();
    let source = sqlite_path(database_url)?;
    if to.exists() {
        anyhow::bail!("{} exists already; choose a new file name", to.display());
    }
    let tmp = partial(to);
    let _ = std::fs::remove_file(&tmp);
    let mut conn = SqliteConnectOptions::new()
        .filename(&source)
        .busy_timeout(Duration::from_secs(30))
        .connect()
        .await
        .with_context(|| format!("cannot open {}", source.display()))?;
    sqlx::query("VACUUM INTO $1")
        .bind(tmp.display().to_string())
        .execute(&mut conn)
        .await
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    conn.close().await?;
    let checked = match check(&tmp).await {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.context("the backup did not verify and was removed"));
        }
    };
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, to)?;
    Ok(Report {
        path: to.to_path_buf(),
        checked,
        took: started.elapsed(),
    })
}

/// Check the backup `from`, then make it the database at `database_url`.
/// Every server using that database must be stopped first; an existing
/// database is replaced only with `force`.
pub async fn restore(from: &Path, database_url: &str, force: bool) -> anyhow::Result<Report> {
    let started = Instant::now();
    let target = sqlite_path(database_url)?;
    if target.exists() && !force {
        anyhow::bail!(
            "{} exists; stop every server using it, then run restore again with --force",
            target.display()
        );
    }
    // Check a copy, so the backup itself is never written to.
    let tmp = partial(&target);
    let _ = std::fs::remove_file(&tmp);
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::copy(from, &tmp).with_context(|| format!("cannot read {}", from.display()))?;
    let checked = match check(&tmp).await {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.context("nothing was restored"));
        }
    };
    std::fs::File::open(&tmp)?.sync_all()?;
    // The old database's write-ahead log belongs to the old file.
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&tmp, &target)?;
    Ok(Report {
        path: target,
        checked,
        took: started.elapsed(),
    })
}
