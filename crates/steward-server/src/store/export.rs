//! Storage for data exports (PR-15): the jobs, their archive chunks, and the
//! generic page reader the export uses to walk each table it covers.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;

/// Where the next page of an export file starts: after this value of the
/// file's key column (an id, or a text key such as a usage month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKey {
    Uuid(Uuid),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportJobRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub requested_by: Option<Uuid>,
    /// `running`, `ready`, `failed` or `expired`.
    pub status: String,
    pub runner: Option<Uuid>,
    pub lease_until: DateTime<Utc>,
    pub done: i64,
    pub total: i64,
    pub step: Option<String>,
    pub bytes: i64,
    pub chunks: i64,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub error: Option<String>,
}

/// How a column is read and written to JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Int,
    /// Stored as 0/1.
    Bool,
    Uuid,
    /// Milliseconds since the epoch, written as RFC 3339.
    Millis,
    /// Text holding JSON, written as the JSON it holds.
    Json,
}

/// Where a runner got to: the progress the console shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportProgress {
    pub done: i64,
    pub total: i64,
    pub step: Option<String>,
    pub bytes: i64,
    pub lease_until: DateTime<Utc>,
}

#[async_trait]
pub trait ExportStore: Send + Sync {
    /// Start a job unless one is running with a live lease for the account
    /// and the same person;
    /// returns the job that runs (the new one, or the one already running)
    /// and whether it is new.
    async fn start_export(
        &self,
        job: &ExportJobRow,
        now: DateTime<Utc>,
    ) -> StoreResult<(ExportJobRow, bool)>;
    async fn export_job(&self, account_id: Uuid, id: Uuid) -> StoreResult<Option<ExportJobRow>>;
    /// The person's exports of the account, newest first.
    async fn export_jobs(
        &self,
        account_id: Uuid,
        requested_by: Uuid,
        limit: i64,
    ) -> StoreResult<Vec<ExportJobRow>>;
    /// Take over a running job whose lease ran out: drop its chunks and
    /// restart it under `runner`. `false` if another server got there first.
    async fn claim_export(
        &self,
        id: Uuid,
        runner: Uuid,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Append a chunk and record progress, if `runner` still holds the job.
    async fn put_export_chunk(
        &self,
        id: Uuid,
        runner: Uuid,
        data: Option<&[u8]>,
        progress: &ExportProgress,
    ) -> StoreResult<bool>;
    /// Mark the job ready or failed, if `runner` still holds it.
    async fn finish_export(
        &self,
        id: Uuid,
        runner: Uuid,
        error: Option<&str>,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<bool>;
    async fn export_chunk(&self, id: Uuid, seq: i64) -> StoreResult<Option<Vec<u8>>>;
    /// Delete the archives of jobs past `expires_at`, and give up on running
    /// jobs nobody has touched for a day (their runner died and nobody
    /// looked again); how many.
    async fn expire_exports(&self, now: DateTime<Utc>) -> StoreResult<u64>;
    /// One page of an export file: `sql` binds `$1` (the account or person)
    /// and, when `after` is given, `$2` (the last key of the previous page).
    async fn export_rows(
        &self,
        sql: &str,
        scope: Uuid,
        after: Option<&PageKey>,
        columns: &[(&'static str, ColumnKind)],
    ) -> StoreResult<Vec<serde_json::Map<String, serde_json::Value>>>;
    /// Every table in the database (the export's completeness check).
    async fn table_names(&self) -> StoreResult<Vec<String>>;
}
