//! Communications and consent receipts (PR-4, PR-5), and partner sharing
//! with its ledger (PR-6), cookies (PR-14) and policy notices (PR-7), on the
//! active session.

use steward_types::comms::{CommunicationPreferences, ConsentReceiptPage, PrefChange};
use steward_types::desktop::{CommsSaveOutcome, SharingSaveOutcome};
use steward_types::notices::NoticeInbox;
use steward_types::sharing::{
    CookieChoice, CookieConsent, LedgerEntry, SharingChange, SharingView,
};
use uuid::Uuid;

use steward_client::BrowserOpener as _;

use crate::console::{CommandResult, Console};

impl Console {
    pub async fn load_communications(&self) -> CommandResult<CommunicationPreferences> {
        self.read("load_communications".into(), |c| async move {
            c.communications().await
        })
        .await
    }

    pub async fn save_communications(
        &self,
        changes: Vec<PrefChange>,
        version: i64,
    ) -> CommandResult<CommsSaveOutcome> {
        self.call(|c| async move { c.save_communications(changes, version).await })
            .await
    }

    pub async fn unsubscribe_all_promotional(&self) -> CommandResult<CommunicationPreferences> {
        self.call(|c| async move { c.unsubscribe_all_promotional().await })
            .await
    }

    pub async fn consent_receipts(
        &self,
        cursor: Option<String>,
    ) -> CommandResult<ConsentReceiptPage> {
        self.call(|c| async move { c.consent_receipts(cursor.as_deref()).await })
            .await
    }
}

impl Console {
    pub async fn load_sharing(&self, account_id: Uuid) -> CommandResult<SharingView> {
        self.read(format!("load_sharing/{account_id}"), |c| async move {
            c.sharing(account_id).await
        })
        .await
    }

    pub async fn save_sharing(
        &self,
        account_id: Uuid,
        change: SharingChange,
        version: i64,
    ) -> CommandResult<SharingSaveOutcome> {
        self.call(|c| async move { c.save_sharing(account_id, change, version).await })
            .await
    }

    pub async fn sharing_ledger(&self, account_id: Uuid) -> CommandResult<Vec<LedgerEntry>> {
        self.call(|c| async move { c.sharing_ledger(account_id).await })
            .await
    }

    pub async fn load_cookie_consent(&self) -> CommandResult<CookieConsent> {
        self.read("load_cookie_consent".into(), |c| async move {
            c.cookie_consent().await
        })
        .await
    }

    pub async fn save_cookie_consent(
        &self,
        choice: CookieChoice,
        version: i64,
    ) -> CommandResult<CookieConsent> {
        self.call(|c| async move { c.save_cookie_consent(choice, version).await })
            .await
    }

    /// Open a web page (a partner's privacy statement) in the user's
    /// browser. Only `https` addresses: the console never opens anything else.
    pub async fn open_external_link(&self, url: String) -> CommandResult<()> {
        let parsed = url::Url::parse(&url)
            .ok()
            .filter(|u| u.scheme() == "https")
            .ok_or_else(|| crate::console::other("Only https links can be opened.", None))?;
        steward_client::SystemBrowser
            .open(&parsed)
            .await
            .map_err(|_| {
                crate::console::other(
                    "Could not open your web browser.",
                    Some("Set a default web browser in your system settings, then try again."),
                )
            })
    }
}

impl Console {
    pub async fn notices(&self) -> CommandResult<NoticeInbox> {
        self.read("notices".into(), |c| async move { c.notices().await })
            .await
    }

    pub async fn mark_notice_read(&self, version: String) -> CommandResult<NoticeInbox> {
        self.call(|c| async move { c.mark_notice_read(&version).await })
            .await
    }

    pub async fn acknowledge_notice(&self, version: String) -> CommandResult<NoticeInbox> {
        self.call(|c| async move { c.acknowledge_notice(&version).await })
            .await
    }
}
