//! "Download my data" (PR-15). A job walks every file in `files::all()`
//! page by page, writes the rows as JSON into a streaming ZIP, and stores the
//! archive in the database in chunks as it goes: memory stays at one page
//! and one chunk whatever the account's size, and any server can report the
//! progress or serve the download.
//!
//! The server that starts a job runs it, holding a lease it renews with
//! every chunk. If that server dies, the lease runs out and the next status
//! request, on whichever server, takes the job over and starts it again.

pub mod files;
pub mod zip;

use std::io::Write;

use chrono::{DateTime, Duration, Utc};
use steward_types::export::{ExportJob, ExportStatus};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{ColumnKind, ExportJobRow, ExportProgress, PageKey};
use files::Scope;
use zip::ZipStream;

/// How long a runner's claim lasts without a sign of life.
const LEASE: Duration = Duration::seconds(60);
/// How long a finished archive is kept.
pub const KEEP: Duration = Duration::days(7);
/// README, manifest, and one per file.
const TOTAL: i64 = files::COUNT as i64 + 2;

/// What the person is told when a job fails; the log has the detail.
const FAILED: &str =
    "The export could not be completed. Start a new one; if it fails again, contact support.";

/// The job as the person sees it at `now`: a ready archive past its date is
/// expired even before the sweep deletes it.
pub fn view(row: &ExportJobRow, now: DateTime<Utc>) -> ApiResult<ExportJob> {
    let status = ExportStatus::parse(&row.status).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "export {}: status {:?}",
            row.id,
            row.status
        ))
    })?;
    let status = match (status, row.expires_at) {
        (ExportStatus::Ready, Some(at)) if at < now => ExportStatus::Expired,
        (s, _) => s,
    };
    Ok(ExportJob {
        id: row.id,
        status,
        done: u32::try_from(row.done).unwrap_or(0),
        total: u32::try_from(row.total).unwrap_or(0),
        step: row.step.clone(),
        bytes: u64::try_from(row.bytes).unwrap_or(0),
        created_at: row.created_at,
        finished_at: row.finished_at,
        expires_at: row.expires_at,
        error: row.error.clone(),
    })
}

/// Start an export of the account for `person`, or return the one already
/// running for them.
pub async fn start(state: &AppState, account_id: Uuid, person: Uuid) -> ApiResult<ExportJobRow> {
    let now = state.clock.now();
    state.store.expire_exports(now).await?;
    // The person's own export whose runner died is taken over, not doubled.
    for row in state.store.export_jobs(account_id, person, 10).await? {
        if row.status == ExportStatus::Running.as_str() && row.lease_until < now {
            status(state, account_id, row.id, person).await?;
        }
    }
    let runner = Uuid::new_v4();
    let job = ExportJobRow {
        id: Uuid::now_v7(),
        account_id,
        requested_by: Some(person),
        status: ExportStatus::Running.as_str().into(),
        runner: Some(runner),
        lease_until: now + LEASE,
        done: 0,
        total: TOTAL,
        step: None,
        bytes: 0,
        chunks: 0,
        created_at: now,
        finished_at: None,
        expires_at: None,
        error: None,
    };
    let (row, new) = state.store.start_export(&job, now).await?;
    if new {
        spawn(state, &row, runner);
    }
    Ok(row)
}

/// The job as it stands; a running job whose runner went silent is taken
/// over here and started again.
pub async fn status(
    state: &AppState,
    account_id: Uuid,
    id: Uuid,
    person: Uuid,
) -> ApiResult<Option<ExportJobRow>> {
    let now = state.clock.now();
    // Someone else's job is not theirs to see, nor to restart.
    let Some(row) = state
        .store
        .export_job(account_id, id)
        .await?
        .filter(|r| r.requested_by == Some(person))
    else {
        return Ok(None);
    };
    if row.status == ExportStatus::Running.as_str() && row.lease_until < now {
        let runner = Uuid::new_v4();
        if state
            .store
            .claim_export(id, runner, now, now + LEASE)
            .await?
        {
            tracing::warn!(export = %id, "export runner went silent; starting the export again");
            spawn(state, &row, runner);
        }
        return state
            .store
            .export_job(account_id, id)
            .await
            .map_err(Into::into);
    }
    Ok(Some(row))
}

fn spawn(state: &AppState, row: &ExportJobRow, runner: Uuid) {
    let state = state.clone();
    let (id, account_id) = (row.id, row.account_id);
    // A job with nobody behind it exports the account alone.
    let person = row.requested_by;
    tokio::spawn(async move {
        let outcome = write_archive(&state, id, account_id, person, runner).await;
        let now = state.clock.now();
        let error = match &outcome {
            Ok(()) => None,
            Err(Stop::Lost) => return,
            Err(Stop::Failed(e)) => {
                tracing::error!(export = %id, error = %e, "export failed");
                Some(FAILED)
            }
        };
        if let Err(e) = state
            .store
            .finish_export(id, runner, error, now, now + KEEP)
            .await
        {
            tracing::error!(export = %id, error = %e, "could not record the end of an export");
        }
    });
}

#[derive(Debug)]
enum Stop {
    /// Another runner holds the job now: stop quietly.
    Lost,
    Failed(anyhow::Error),
}

impl<E: Into<anyhow::Error>> From<E> for Stop {
    fn from(e: E) -> Self {
        Self::Failed(e.into())
    }
}

/// Run a store call, retrying while the database is busy with other
/// writers (SQLite's lock, PostgreSQL's serialisation failures): a busy
/// moment must not fail an export that is half written.
async fn patiently<T, F, Fut>(mut call: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let mut wait = std::time::Duration::from_millis(50);
    for _ in 0..8 {
        match call().await {
            Err(e) if crate::store::is_contention(&e) => {
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(std::time::Duration::from_secs(2));
            }
            other => return other,
        }
    }
    call().await
}

/// Writes the archive, storing a chunk whenever `CHUNK_BYTES` are ready.
struct Writer<'a> {
    state: &'a AppState,
    id: Uuid,
    runner: Uuid,
    zip: ZipStream<Vec<u8>>,
    progress: ExportProgress,
    /// Archive bytes per stored chunk (`export_chunk_kib`).
    chunk: usize,
    /// Saves skipped since progress was last stored.
    skipped: u32,
}

/// Progress is stored with every chunk, and otherwise every this many
/// saves (pages). Each store is a durable commit: once per page made a
/// large export wait on hundreds of them (issue 8). Sixteen pages take well
/// under a second, far inside the lease.
const PROGRESS_EVERY: u32 = 16;

impl Writer<'_> {
    /// Store what is buffered if it makes a full chunk, and record the
    /// progress, renewing the lease: with every chunk, and otherwise every
    /// `PROGRESS_EVERY` saves.
    async fn save(&mut self) -> Result<(), Stop> {
        let sink = self
            .zip
            .sink_mut()
            .ok_or_else(|| Stop::Failed(anyhow::anyhow!("archive writer failed")))?;
        let full = sink.len() >= self.chunk;
        if !full && self.skipped + 1 < PROGRESS_EVERY {
            self.skipped += 1;
            return Ok(());
        }
        self.skipped = 0;
        let data = full.then(|| std::mem::take(sink));
        self.progress.bytes = i64::try_from(self.zip.written()).unwrap_or(i64::MAX);
        self.progress.lease_until = self.state.clock.now() + LEASE;
        let (store, id, runner, progress) =
            (&self.state.store, self.id, self.runner, &self.progress);
        let held =
            patiently(|| store.put_export_chunk(id, runner, data.as_deref(), progress)).await?;
        if held {
            Ok(())
        } else {
            Err(Stop::Lost)
        }
    }

    /// Write the archive's directory and store the last chunk.
    async fn finish(self) -> Result<(), Stop> {
        let Self {
            state,
            id,
            runner,
            zip,
            mut progress,
            ..
        } = self;
        let (tail, total) = zip.finish()?;
        progress.step = None;
        progress.bytes = i64::try_from(total).unwrap_or(i64::MAX);
        progress.lease_until = state.clock.now() + LEASE;
        let data = (!tail.is_empty()).then_some(tail.as_slice());
        let store = &state.store;
        if patiently(|| store.put_export_chunk(id, runner, data, &progress)).await? {
            Ok(())
        } else {
            Err(Stop::Lost)
        }
    }

    async fn file(&mut self, name: &str) -> Result<(), Stop> {
        self.zip.start(name)?;
        self.progress.step = Some(name.to_string());
        self.save().await
    }
}

async fn write_archive(
    state: &AppState,
    id: Uuid,
    account_id: Uuid,
    person: Option<Uuid>,
    runner: Uuid,
) -> Result<(), Stop> {
    let now = state.clock.now();
    let account = state
        .store
        .account(account_id)
        .await?
        .ok_or_else(|| Stop::Failed(anyhow::anyhow!("account {account_id} is gone")))?;
    let chunk = state.config.export_chunk_kib * 1024;
    let mut w = Writer {
        state,
        id,
        runner,
        chunk,
        // The first save (the README) stores progress at once.
        skipped: PROGRESS_EVERY,
        zip: ZipStream::new(Vec::with_capacity(chunk + chunk / 4), now),
        progress: ExportProgress {
            done: 0,
            total: TOTAL,
            step: None,
            bytes: 0,
            lease_until: now + LEASE,
        },
    };
    w.file("README.txt").await?;
    w.zip
        .write_all(files::readme(&account.name, &now.to_rfc3339()).as_bytes())?;
    w.progress.done += 1;

    let mut manifest = Vec::with_capacity(files::COUNT);
    for f in files::all() {
        w.file(f.name).await?;
        let scope = match (f.scope, person) {
            (Scope::Account, _) => Some(account_id),
            (Scope::Person, p) => p,
        };
        let rows = match scope {
            Some(scope) => write_rows(&mut w, f, scope).await?,
            None => {
                w.zip.write_all(b"[]\n")?;
                0
            }
        };
        manifest.push(serde_json::json!({ "file": f.name, "records": rows, "about": f.about }));
        w.progress.done += 1;
    }

    w.file("manifest.json").await?;
    let manifest = serde_json::json!({
        "account_id": account_id,
        "account_name": account.name,
        "requested_by": person,
        "generated_at": now,
        "files": manifest,
    });
    w.zip.write_all(&serde_json::to_vec_pretty(&manifest)?)?;
    w.progress.done += 1;
    w.finish().await
}

/// What a page of JSON usually fits in (500 rows of a few hundred bytes).
const PAGE_BUFFER: usize = 256 * 1024;

/// One file: a JSON array written page by page; returns how many records.
async fn write_rows(w: &mut Writer<'_>, f: &files::FileSpec, scope: Uuid) -> Result<u64, Stop> {
    w.zip.write_all(b"[")?;
    // Keyed files page on an id, or on a text key (usage months).
    let text_key = f
        .paging
        .key()
        .is_some_and(|k| f.columns.contains(&(k, ColumnKind::Text)));
    let mut after = f.paging.key().map(|_| {
        if text_key {
            PageKey::Text(String::new())
        } else {
            PageKey::Uuid(Uuid::nil())
        }
    });
    let mut count: u64 = 0;
    loop {
        let store = &w.state.store;
        let rows = patiently(|| store.export_rows(f.sql, scope, after.as_ref(), f.columns)).await?;
        let skip = match f.paging {
            files::Paging::Parents { child, .. } => Some(child),
            _ => None,
        };
        // The page is serialised first and compressed in one write: the
        // deflater zeroes its 32 KiB output buffer on every write, and
        // serde_json writes token by token (issue 8: most of an export's
        // time went to that zeroing).
        let mut page = Vec::with_capacity(PAGE_BUFFER);
        // A parent without children keeps the paging going but is not written.
        for row in rows
            .iter()
            .filter(|r| skip.is_none_or(|c| !r.get(c).is_none_or(serde_json::Value::is_null)))
        {
            page.extend_from_slice(if count == 0 { b"\n  " } else { b",\n  " });
            serde_json::to_writer(&mut page, row)?;
            count += 1;
        }
        w.zip.write_all(&page)?;
        let Some(key) = f.paging.key() else { break };
        let Some(last) = rows.last() else { break };
        let value = last.get(key).and_then(|v| v.as_str());
        let next = if text_key {
            value.map(|s| PageKey::Text(s.to_owned()))
        } else {
            value
                .and_then(|s| s.parse::<Uuid>().ok())
                .map(PageKey::Uuid)
        }
        .ok_or_else(|| Stop::Failed(anyhow::anyhow!("{}: no {key} to page on", f.name)))?;
        after = Some(next);
        w.save().await?;
    }
    w.zip
        .write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
    Ok(count)
}

/// The download's file name: the account and the day it was made.
pub fn file_name(account_name: &str, created_at: DateTime<Utc>) -> String {
    let slug: String = account_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "account".to_string()
    } else {
        slug
    };
    format!(
        "steward-export-{slug}-{}.zip",
        created_at.format("%Y-%m-%d")
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn file_names_are_plain() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 29, 10, 0, 0)
            .single()
            .expect("date");
        assert_eq!(
            file_name("Northwind Studios Ltd.", at),
            "steward-export-northwind-studios-ltd-2026-11-29.zip"
        );
        assert_eq!(
            file_name("../«»", at),
            "steward-export-account-2026-11-29.zip"
        );
    }
}
