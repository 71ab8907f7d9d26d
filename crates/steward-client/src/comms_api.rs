//! Typed calls for communication preferences and consent receipts (PR-4,
//! PR-5). Saving sends the matrix version as `If-Match`.

use reqwest::{header, Method};
use steward_types::comms::{CommunicationPreferences, ConsentReceiptPage, PrefChange, PrefChanges};
use steward_types::desktop::CommsSaveOutcome;
use steward_types::ErrorCode;

use crate::api::decode_json;
use crate::client::StewardClient;
use crate::error::{ClientError, Result};

const PREFS: &str = "/v1/me/communications";

impl StewardClient {
    pub async fn communications(&self) -> Result<CommunicationPreferences> {
        self.get_json(PREFS).await
    }

    /// Apply `changes` to the matrix at `version`. Someone else's newer
    /// change is not an error: the outcome carries the current matrix.
    pub async fn save_communications(
        &self,
        changes: Vec<PrefChange>,
        version: i64,
    ) -> Result<CommsSaveOutcome> {
        self.save_communications_at(PREFS, changes, version).await
    }

    /// The matrix at `path`: the person's own, or staff's for a customer.
    pub(crate) async fn save_communications_at(
        &self,
        path: &str,
        changes: Vec<PrefChange>,
        version: i64,
    ) -> Result<CommsSaveOutcome> {
        let body = PrefChanges { changes };
        let tag = format!("\"{version}\"");
        let result = self
            .send_authorized(Method::PUT, path, |rb| {
                rb.header(header::IF_MATCH, &tag).json(&body)
            })
            .await;
        match result {
            Ok(resp) => Ok(CommsSaveOutcome::Saved {
                prefs: decode_json(resp).await?,
            }),
            Err(ClientError::Api(p)) if p.code == ErrorCode::PreconditionFailed => {
                Ok(CommsSaveOutcome::Conflict {
                    current: self.get_json(path).await?,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Every promotional purpose off, on every channel.
    pub async fn unsubscribe_all_promotional(&self) -> Result<CommunicationPreferences> {
        self.send_json::<(), _>(
            Method::POST,
            "/v1/me/communications/unsubscribe-promotional",
            None,
        )
        .await
    }

    pub async fn consent_receipts(&self, cursor: Option<&str>) -> Result<ConsentReceiptPage> {
        let path = match cursor {
            Some(c) => format!(
                "/v1/me/consent-receipts?{}",
                url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("cursor", c)
                    .finish()
            ),
            None => "/v1/me/consent-receipts".to_string(),
        };
        self.get_json(&path).await
    }
}
