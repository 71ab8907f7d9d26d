//! The Billing section (issue 4) on the active session. Each method is one
//! client call; the UI supplies the Idempotency-Key of each intent.

use std::path::PathBuf;

use steward_client::InvoiceFilter;
use steward_types::billing::{
    Invoice, InvoicePage, InvoiceStatus, License, PaymentMethod, ProrationPreview, Subscription,
    UsageMonth,
};
use uuid::Uuid;

use crate::console::{CommandResult, Console};

fn filter(
    status: Option<InvoiceStatus>,
    from: Option<String>,
    to: Option<String>,
    cursor: Option<String>,
) -> InvoiceFilter {
    InvoiceFilter {
        status,
        from,
        to,
        cursor,
    }
}

impl Console {
    pub async fn load_subscription(&self, account_id: Uuid) -> CommandResult<Subscription> {
        self.call(|c| async move { c.subscription(account_id).await })
            .await
    }

    pub async fn preview_plan_change(
        &self,
        account_id: Uuid,
        plan_id: String,
    ) -> CommandResult<ProrationPreview> {
        self.call(|c| async move { c.preview_plan_change(account_id, &plan_id).await })
            .await
    }

    pub async fn change_plan(
        &self,
        account_id: Uuid,
        plan_id: String,
        key: String,
    ) -> CommandResult<Subscription> {
        self.call(|c| async move { c.change_plan(account_id, &plan_id, &key).await })
            .await
    }

    pub async fn cancel_subscription(
        &self,
        account_id: Uuid,
        reason: String,
        key: String,
    ) -> CommandResult<Subscription> {
        self.call(|c| async move { c.cancel_subscription(account_id, &reason, &key).await })
            .await
    }

    pub async fn resume_subscription(
        &self,
        account_id: Uuid,
        key: String,
    ) -> CommandResult<Subscription> {
        self.call(|c| async move { c.resume_subscription(account_id, &key).await })
            .await
    }

    pub async fn list_invoices(
        &self,
        account_id: Uuid,
        status: Option<InvoiceStatus>,
        from: Option<String>,
        to: Option<String>,
        cursor: Option<String>,
    ) -> CommandResult<InvoicePage> {
        let f = filter(status, from, to, cursor);
        self.call(|c| async move { c.invoices(account_id, &f).await })
            .await
    }

    pub async fn get_invoice(&self, account_id: Uuid, invoice_id: Uuid) -> CommandResult<Invoice> {
        self.call(|c| async move { c.invoice(account_id, invoice_id).await })
            .await
    }

    /// Save the filtered list as CSV in the user's Downloads folder (or the
    /// app's data folder when there is none); returns the path.
    pub async fn export_invoices_csv(
        &self,
        account_id: Uuid,
        status: Option<InvoiceStatus>,
        from: Option<String>,
        to: Option<String>,
    ) -> CommandResult<String> {
        let f = filter(status, from, to, None);
        let csv = self
            .call(|c| async move { c.invoices_csv(account_id, &f).await })
            .await?;
        let dir = directories::UserDirs::new()
            .and_then(|u| u.download_dir().map(PathBuf::from))
            .unwrap_or_else(|| self.data_dir().join("exports"));
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("steward-invoices-{stamp}.csv"));
        let written = tokio::fs::create_dir_all(&dir)
            .await
            .and(tokio::fs::write(&path, csv).await);
        written.map_err(|e| {
            crate::console::other(
                format!("Could not save the CSV file: {e}"),
                Some("Check that your Downloads folder exists and is writable, then try again."),
            )
        })?;
        Ok(path.display().to_string())
    }

    pub async fn list_payment_methods(
        &self,
        account_id: Uuid,
    ) -> CommandResult<Vec<PaymentMethod>> {
        self.call(|c| async move { c.payment_methods(account_id).await })
            .await
    }

    pub async fn set_default_payment_method(
        &self,
        account_id: Uuid,
        id: Uuid,
    ) -> CommandResult<Vec<PaymentMethod>> {
        self.call(|c| async move { c.set_default_payment_method(account_id, id).await })
            .await
    }

    pub async fn remove_payment_method(
        &self,
        account_id: Uuid,
        id: Uuid,
    ) -> CommandResult<Vec<PaymentMethod>> {
        self.call(|c| async move { c.remove_payment_method(account_id, id).await })
            .await
    }

    pub async fn list_licenses(&self, account_id: Uuid) -> CommandResult<Vec<License>> {
        self.call(|c| async move { c.licenses(account_id).await })
            .await
    }

    pub async fn load_usage(&self, account_id: Uuid) -> CommandResult<Vec<UsageMonth>> {
        self.call(|c| async move { c.usage(account_id).await })
            .await
    }
}
