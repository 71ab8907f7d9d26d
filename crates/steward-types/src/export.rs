//! "Download my data" (PR-15): the export job the console starts, follows
//! and saves. The archive is a ZIP of JSON files with a README describing
//! each; the server builds it in the background and keeps it for a week.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportStatus {
    /// Being written; `done` of `total` files so far.
    Running,
    /// Ready to download until `expires_at`.
    Ready,
    /// Something went wrong; start a new export.
    Failed,
    /// Kept for a week, then deleted; start a new export.
    Expired,
}

impl ExportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Ready => "ready",
            Self::Failed => "failed",
            Self::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Running, Self::Ready, Self::Failed, Self::Expired]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// One export of an account's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ExportJob {
    pub id: Uuid,
    pub status: ExportStatus,
    /// Files written so far, of `total`.
    pub done: u32,
    pub total: u32,
    /// The file being written now, e.g. `invoices.json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub step: Option<String>,
    /// The archive's size so far (compressed).
    #[ts(type = "number")]
    pub bytes: u64,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finished_at: Option<DateTime<Utc>>,
    /// When a ready archive is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expires_at: Option<DateTime<Utc>>,
    /// What went wrong, for the person (never internals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<String>,
}
