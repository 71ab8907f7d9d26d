//! Storage for the service partners administrators manage (PR-6, PR-7).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRow {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub categories: Vec<String>,
    pub privacy_url: String,
    pub optional: bool,
    pub curtails: String,
    pub announced_in: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub retired_at: Option<DateTime<Utc>>,
    pub version: i64,
}

impl PartnerRow {
    /// Data may go to them at `now`.
    pub fn receives_at(&self, now: DateTime<Utc>) -> bool {
        self.retired_at.is_none() && self.starts_at <= now
    }
}

#[async_trait]
pub trait PartnerStore: Send + Sync {
    /// Every partner, retired ones too, by name.
    async fn partners(&self) -> StoreResult<Vec<PartnerRow>>;
    async fn partner(&self, id: &str) -> StoreResult<Option<PartnerRow>>;
    /// `false` when the id is taken (retired partners keep theirs).
    async fn insert_partner(&self, row: &PartnerRow) -> StoreResult<bool>;
    /// Write every field but the id if `row.version` is still current; the
    /// version goes up by one. `false` on conflict or when there is no such
    /// partner.
    async fn update_partner(&self, row: &PartnerRow) -> StoreResult<bool>;
}
