//! Typed calls for "Download my data" (PR-15) and account deletion
//! (PR-19, PR-20).

use std::path::Path;

use reqwest::Method;
use steward_types::deletion::{DeletionView, NewDeletionRequest};
use steward_types::export::ExportJob;
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use crate::client::StewardClient;
use crate::error::{ClientError, Result};

fn path(account_id: Uuid, rest: &str) -> String {
    format!("/v1/accounts/{account_id}{rest}")
}

impl StewardClient {
    pub async fn start_export(&self, account_id: Uuid) -> Result<ExportJob> {
        self.send_json::<(), _>(Method::POST, &path(account_id, "/exports"), None)
            .await
    }

    pub async fn exports(&self, account_id: Uuid) -> Result<Vec<ExportJob>> {
        self.get_json(&path(account_id, "/exports")).await
    }

    pub async fn export(&self, account_id: Uuid, export_id: Uuid) -> Result<ExportJob> {
        self.get_json(&path(account_id, &format!("/exports/{export_id}")))
            .await
    }

    /// Stream a ready archive into `file` (created or truncated); returns
    /// the bytes written. Memory stays at one network chunk.
    pub async fn download_export(
        &self,
        account_id: Uuid,
        export_id: Uuid,
        file: &Path,
    ) -> Result<u64> {
        let mut resp = self
            .send_authorized(
                Method::GET,
                &path(account_id, &format!("/exports/{export_id}/archive")),
                |rb| rb,
            )
            .await?;
        let url = resp.url().clone();
        let local = |source: std::io::Error| ClientError::LocalFile {
            path: file.display().to_string(),
            source,
        };
        let mut out = tokio::fs::File::create(file).await.map_err(local)?;
        let mut written = 0u64;
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| ClientError::unreachable(&url, e))?
        {
            out.write_all(&chunk).await.map_err(local)?;
            written += chunk.len() as u64;
        }
        out.sync_all().await.map_err(local)?;
        Ok(written)
    }

    pub async fn deletion(&self, account_id: Uuid) -> Result<DeletionView> {
        self.get_json(&path(account_id, "/deletion")).await
    }

    pub async fn request_deletion(
        &self,
        account_id: Uuid,
        request: &NewDeletionRequest,
    ) -> Result<DeletionView> {
        self.send_json(Method::POST, &path(account_id, "/deletion"), Some(request))
            .await
    }

    pub async fn cancel_deletion(&self, account_id: Uuid) -> Result<DeletionView> {
        self.send_json::<(), _>(Method::DELETE, &path(account_id, "/deletion"), None)
            .await
    }
}
