//! The Billing section (issue 4) on the active session. Each method is one
//! client call; the UI supplies the Idempotency-Key of each intent.

use std::path::PathBuf;

use steward_client::BrowserOpener as _;
use steward_client::InvoiceFilter;
use steward_types::billing::{
    CardEntry, Invoice, InvoicePage, InvoiceStatus, License, PaymentMethod, ProrationPreview,
    Subscription, UsageMonth,
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
        self.read(format!("load_subscription/{account_id}"), |c| async move {
            c.subscription(account_id).await
        })
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
        let name = format!("list_invoices/{account_id}/{status:?}/{from:?}/{to:?}/{cursor:?}");
        let f = filter(status, from, to, cursor);
        self.read(name, |c| async move { c.invoices(account_id, &f).await })
            .await
    }

    pub async fn get_invoice(&self, account_id: Uuid, invoice_id: Uuid) -> CommandResult<Invoice> {
        self.read(
            format!("get_invoice/{account_id}/{invoice_id}"),
            |c| async move { c.invoice(account_id, invoice_id).await },
        )
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
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        self.save_download(
            &format!("steward-invoices-{stamp}.csv"),
            csv.as_bytes(),
            "CSV file",
        )
        .await
    }

    /// Save the invoice's PDF document in Downloads; returns the path.
    pub async fn download_invoice_pdf(
        &self,
        account_id: Uuid,
        invoice_id: Uuid,
    ) -> CommandResult<String> {
        let invoice = self
            .call(|c| async move { c.invoice(account_id, invoice_id).await })
            .await?;
        let pdf = self
            .call(|c| async move { c.invoice_pdf(account_id, invoice_id).await })
            .await?;
        let name = crate::operations::file_name_part(&invoice.number);
        self.save_download(&format!("steward-{name}.pdf"), &pdf, "invoice")
            .await
    }

    /// Write into the user's Downloads folder (or the app's data folder when
    /// there is none) through a temporary file, so a half-written file never
    /// carries the final name.
    async fn save_download(&self, name: &str, bytes: &[u8], what: &str) -> CommandResult<String> {
        let dir = directories::UserDirs::new()
            .and_then(|u| u.download_dir().map(PathBuf::from))
            .unwrap_or_else(|| self.data_dir().join("exports"));
        let path = dir.join(name);
        let part = crate::operations::PartFile::new(dir.join(format!(".{name}.part")));
        let written = async {
            tokio::fs::create_dir_all(&dir).await?;
            tokio::fs::write(part.path(), bytes).await?;
            tokio::fs::rename(part.path(), &path).await
        }
        .await;
        written.map_err(|e| {
            crate::console::other(
                format!("Could not save the {what}: {e}"),
                Some("Check that your Downloads folder exists and is writable, then try again."),
            )
        })?;
        part.keep();
        Ok(path.display().to_string())
    }

    /// Open a card-entry page of the payment vault in the user's browser
    /// (PR-2). Its address is a single-use secret and stays on this side:
    /// the console gets only the entry to watch.
    pub async fn start_card_entry(&self, account_id: Uuid) -> CommandResult<CardEntry> {
        let (entry, url) = self
            .call(|c| async move { c.start_card_entry(account_id).await })
            .await?;
        let url = url::Url::parse(url.expose()).map_err(|_| {
            crate::console::other(
                "The server sent an unusable card page address.",
                Some("Try again; if it keeps happening, contact support."),
            )
        })?;
        steward_client::SystemBrowser.open(&url).await.map_err(|_| {
            crate::console::other(
                "Could not open your web browser for the card page.",
                Some("Set a default web browser in your system settings, then choose Add a card again."),
            )
        })?;
        Ok(entry)
    }

    pub async fn card_entry(&self, account_id: Uuid, entry_id: Uuid) -> CommandResult<CardEntry> {
        self.call(|c| async move { c.card_entry(account_id, entry_id).await })
            .await
    }

    pub async fn list_payment_methods(
        &self,
        account_id: Uuid,
    ) -> CommandResult<Vec<PaymentMethod>> {
        self.read(
            format!("list_payment_methods/{account_id}"),
            |c| async move { c.payment_methods(account_id).await },
        )
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
        self.read(format!("list_licenses/{account_id}"), |c| async move {
            c.licenses(account_id).await
        })
        .await
    }

    pub async fn load_usage(&self, account_id: Uuid) -> CommandResult<Vec<UsageMonth>> {
        self.read(format!("load_usage/{account_id}"), |c| async move {
            c.usage(account_id).await
        })
        .await
    }
}
