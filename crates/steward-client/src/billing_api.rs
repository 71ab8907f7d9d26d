//! Typed calls for billing (issue 4). Money-spending calls carry the
//! caller's Idempotency-Key, so a retry of one intent never pays twice.

use reqwest::Method;
use steward_types::billing::{
    CancelSubscription, CardEntry, CardEntryStarted, Invoice, InvoicePage, InvoiceStatus, License,
    PaymentMethod, PlanChange, ProrationPreview, Subscription, UsageMonth,
};
use uuid::Uuid;

use crate::api::decode_json;
use crate::client::StewardClient;
use crate::error::{ClientError, Result};
use steward_types::Sensitive;

fn account(id: Uuid, rest: &str) -> String {
    format!("/v1/accounts/{id}{rest}")
}

/// The invoice list's filters and position.
#[derive(Debug, Clone, Default)]
pub struct InvoiceFilter {
    pub status: Option<InvoiceStatus>,
    /// `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub cursor: Option<String>,
}

impl InvoiceFilter {
    fn query(&self) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        if let Some(s) = self.status {
            q.append_pair("status", s.as_str());
        }
        for (k, v) in [
            ("from", &self.from),
            ("to", &self.to),
            ("cursor", &self.cursor),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                q.append_pair(k, v);
            }
        }
        q.finish()
    }
}

impl StewardClient {
    pub async fn subscription(&self, account_id: Uuid) -> Result<Subscription> {
        self.get_json(&account(account_id, "/subscription")).await
    }

    pub async fn preview_plan_change(
        &self,
        account_id: Uuid,
        plan_id: &str,
    ) -> Result<ProrationPreview> {
        let body = PlanChange {
            plan_id: plan_id.to_string(),
        };
        self.send_json(
            Method::POST,
            &account(account_id, "/subscription/preview"),
            Some(&body),
        )
        .await
    }

    async fn keyed<B: serde::Serialize + Sync>(
        &self,
        path: &str,
        body: &B,
        key: &str,
    ) -> Result<Subscription> {
        let resp = self
            .send_authorized(Method::POST, path, |rb| {
                rb.header("idempotency-key", key).json(body)
            })
            .await?;
        decode_json(resp).await
    }

    pub async fn change_plan(
        &self,
        account_id: Uuid,
        plan_id: &str,
        key: &str,
    ) -> Result<Subscription> {
        let body = PlanChange {
            plan_id: plan_id.to_string(),
        };
        self.keyed(&account(account_id, "/subscription/change"), &body, key)
            .await
    }

    pub async fn cancel_subscription(
        &self,
        account_id: Uuid,
        reason: &str,
        key: &str,
    ) -> Result<Subscription> {
        let body = CancelSubscription {
            reason: reason.to_string(),
        };
        self.keyed(&account(account_id, "/subscription/cancel"), &body, key)
            .await
    }

    pub async fn resume_subscription(&self, account_id: Uuid, key: &str) -> Result<Subscription> {
        self.keyed(
            &account(account_id, "/subscription/resume"),
            &serde_json::json!({}),
            key,
        )
        .await
    }

    pub async fn invoices(&self, account_id: Uuid, filter: &InvoiceFilter) -> Result<InvoicePage> {
        let q = filter.query();
        let path = if q.is_empty() {
            account(account_id, "/invoices")
        } else {
            account(account_id, &format!("/invoices?{q}"))
        };
        self.get_json(&path).await
    }

    pub async fn invoice(&self, account_id: Uuid, invoice_id: Uuid) -> Result<Invoice> {
        self.get_json(&account(account_id, &format!("/invoices/{invoice_id}")))
            .await
    }

    /// The filtered list as CSV text (every page).
    pub async fn invoices_csv(&self, account_id: Uuid, filter: &InvoiceFilter) -> Result<String> {
        let q = InvoiceFilter {
            cursor: None,
            ..filter.clone()
        }
        .query();
        let path = account(account_id, &format!("/invoices.csv?{q}"));
        let resp = self.send_authorized(Method::GET, &path, |rb| rb).await?;
        let url = resp.url().clone();
        resp.text()
            .await
            .map_err(|e| ClientError::unreachable(&url, e))
    }

    pub async fn payment_methods(&self, account_id: Uuid) -> Result<Vec<PaymentMethod>> {
        self.get_json(&account(account_id, "/payment-methods"))
            .await
    }

    pub async fn set_default_payment_method(
        &self,
        account_id: Uuid,
        id: Uuid,
    ) -> Result<Vec<PaymentMethod>> {
        self.send_json::<(), _>(
            Method::POST,
            &account(account_id, &format!("/payment-methods/{id}/default")),
            None,
        )
        .await
    }

    /// Open a card-entry page on the payment vault (PR-2). The URL is a
    /// single-use secret: open it in the user's browser; never show or log it.
    pub async fn start_card_entry(
        &self,
        account_id: Uuid,
    ) -> Result<(CardEntry, Sensitive<String>)> {
        let started: CardEntryStarted = self
            .send_json::<(), _>(Method::POST, &account(account_id, "/card-entries"), None)
            .await?;
        // Only ever a vault page of this very server: a URL from elsewhere
        // (another host, `file:`, a custom scheme) is never opened.
        let page = url::Url::parse(&started.url)
            .ok()
            .filter(|u| {
                u.origin() == self.base_url().origin() && u.path().starts_with("/vault/cards/")
            })
            .ok_or_else(|| {
                ClientError::invalid_response("the card page is not on this server", None)
            })?;
        Ok((started.entry, Sensitive::new(page.to_string())))
    }

    /// Whether the card page is still waiting, was used, or expired.
    pub async fn card_entry(&self, account_id: Uuid, entry_id: Uuid) -> Result<CardEntry> {
        self.get_json(&account(account_id, &format!("/card-entries/{entry_id}")))
            .await
    }

    /// The invoice as a PDF document.
    pub async fn invoice_pdf(&self, account_id: Uuid, invoice_id: Uuid) -> Result<Vec<u8>> {
        let path = account(account_id, &format!("/invoices/{invoice_id}/pdf"));
        let resp = self.send_authorized(Method::GET, &path, |rb| rb).await?;
        let url = resp.url().clone();
        resp.bytes()
            .await
            .map(|b| b.to_vec())
            .map_err(|e| ClientError::unreachable(&url, e))
    }

    pub async fn remove_payment_method(
        &self,
        account_id: Uuid,
        id: Uuid,
    ) -> Result<Vec<PaymentMethod>> {
        self.send_json::<(), _>(
            Method::DELETE,
            &account(account_id, &format!("/payment-methods/{id}")),
            None,
        )
        .await
    }

    pub async fn licenses(&self, account_id: Uuid) -> Result<Vec<License>> {
        self.get_json(&account(account_id, "/licenses")).await
    }

    pub async fn usage(&self, account_id: Uuid) -> Result<Vec<UsageMonth>> {
        self.get_json(&account(account_id, "/usage")).await
    }
}
