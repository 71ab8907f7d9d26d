//! Typed calls for partner sharing and its ledger (PR-6), and cookie
//! consent (PR-14).

use reqwest::{header, Method};
use steward_types::desktop::SharingSaveOutcome;
use steward_types::sharing::{
    CookieChoice, CookieConsent, LedgerEntry, SharingChange, SharingView,
};
use steward_types::ErrorCode;
use uuid::Uuid;

use crate::api::decode_json;
use crate::client::StewardClient;
use crate::error::{ClientError, Result};

fn path(account_id: Uuid, rest: &str) -> String {
    format!("/v1/accounts/{account_id}/sharing{rest}")
}

impl StewardClient {
    pub async fn sharing(&self, account_id: Uuid) -> Result<SharingView> {
        self.get_json(&path(account_id, "")).await
    }

    /// Replace the choice made on `version`; a newer one is not an error.
    pub async fn save_sharing(
        &self,
        account_id: Uuid,
        change: SharingChange,
        version: i64,
    ) -> Result<SharingSaveOutcome> {
        let tag = format!("\"{version}\"");
        let result = self
            .send_authorized(Method::PUT, &path(account_id, ""), |rb| {
                rb.header(header::IF_MATCH, &tag).json(&change)
            })
            .await;
        match result {
            Ok(resp) => Ok(SharingSaveOutcome::Saved {
                sharing: decode_json(resp).await?,
            }),
            Err(ClientError::Api(p)) if p.code == ErrorCode::PreconditionFailed => {
                Ok(SharingSaveOutcome::Conflict {
                    current: self.sharing(account_id).await?,
                })
            }
            Err(e) => Err(e),
        }
    }

    pub async fn sharing_ledger(&self, account_id: Uuid) -> Result<Vec<LedgerEntry>> {
        self.get_json(&path(account_id, "/ledger")).await
    }

    pub async fn cookie_consent(&self) -> Result<CookieConsent> {
        self.get_json("/v1/me/cookies").await
    }

    /// Replace the choice made on `version`; a newer one is a `Conflict`.
    pub async fn save_cookie_consent(
        &self,
        choice: CookieChoice,
        version: i64,
    ) -> Result<CookieConsent> {
        let tag = format!("\"{version}\"");
        let resp = self
            .send_authorized(Method::PUT, "/v1/me/cookies", |rb| {
                rb.header(header::IF_MATCH, &tag).json(&choice)
            })
            .await?;
        decode_json(resp).await
    }
}
