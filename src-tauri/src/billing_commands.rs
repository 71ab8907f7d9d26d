//! Tauri commands for billing (issue 4; PR-2, PR-3): plans, invoices, cards
//! (through the payment vault's page), licences and usage. A few lines
//! each, forwarding to `Console` (`billing.rs`).

use steward_types::billing::{
    CardEntry, Invoice, InvoicePage, InvoiceStatus, License, PaymentMethod, ProrationPreview,
    Subscription, UsageMonth,
};
use steward_types::desktop::CommandError;
use tauri::State;
use uuid::Uuid;

use crate::console::Console;

type Result<T> = std::result::Result<T, CommandError>;

#[tauri::command]
pub async fn load_subscription(
    console: State<'_, Console>,
    account_id: Uuid,
) -> Result<Subscription> {
    console.load_subscription(account_id).await
}

#[tauri::command]
pub async fn preview_plan_change(
    console: State<'_, Console>,
    account_id: Uuid,
    plan_id: String,
) -> Result<ProrationPreview> {
    console.preview_plan_change(account_id, plan_id).await
}

#[tauri::command]
pub async fn change_plan(
    console: State<'_, Console>,
    account_id: Uuid,
    plan_id: String,
    idempotency_key: String,
) -> Result<Subscription> {
    console
        .change_plan(account_id, plan_id, idempotency_key)
        .await
}

#[tauri::command]
pub async fn cancel_subscription(
    console: State<'_, Console>,
    account_id: Uuid,
    reason: String,
    idempotency_key: String,
) -> Result<Subscription> {
    console
        .cancel_subscription(account_id, reason, idempotency_key)
        .await
}

#[tauri::command]
pub async fn resume_subscription(
    console: State<'_, Console>,
    account_id: Uuid,
    idempotency_key: String,
) -> Result<Subscription> {
    console
        .resume_subscription(account_id, idempotency_key)
        .await
}

#[tauri::command]
pub async fn list_invoices(
    console: State<'_, Console>,
    account_id: Uuid,
    status: Option<InvoiceStatus>,
    from: Option<String>,
    to: Option<String>,
    cursor: Option<String>,
) -> Result<InvoicePage> {
    console
        .list_invoices(account_id, status, from, to, cursor)
        .await
}

#[tauri::command]
pub async fn get_invoice(
    console: State<'_, Console>,
    account_id: Uuid,
    invoice_id: Uuid,
) -> Result<Invoice> {
    console.get_invoice(account_id, invoice_id).await
}

#[tauri::command]
pub async fn export_invoices_csv(
    console: State<'_, Console>,
    account_id: Uuid,
    status: Option<InvoiceStatus>,
    from: Option<String>,
    to: Option<String>,
    operation: Option<String>,
) -> Result<String> {
    let work = console.export_invoices_csv(account_id, status, from, to);
    console.operation(operation, work).await
}

#[tauri::command]
pub async fn download_invoice_pdf(
    console: State<'_, Console>,
    account_id: Uuid,
    invoice_id: Uuid,
    operation: Option<String>,
) -> Result<String> {
    let work = console.download_invoice_pdf(account_id, invoice_id);
    console.operation(operation, work).await
}

#[tauri::command]
pub async fn start_card_entry(console: State<'_, Console>, account_id: Uuid) -> Result<CardEntry> {
    console.start_card_entry(account_id).await
}

#[tauri::command]
pub async fn card_entry(
    console: State<'_, Console>,
    account_id: Uuid,
    entry_id: Uuid,
) -> Result<CardEntry> {
    console.card_entry(account_id, entry_id).await
}

#[tauri::command]
pub async fn list_payment_methods(
    console: State<'_, Console>,
    account_id: Uuid,
) -> Result<Vec<PaymentMethod>> {
    console.list_payment_methods(account_id).await
}

#[tauri::command]
pub async fn set_default_payment_method(
    console: State<'_, Console>,
    account_id: Uuid,
    payment_method_id: Uuid,
) -> Result<Vec<PaymentMethod>> {
    console
        .set_default_payment_method(account_id, payment_method_id)
        .await
}

#[tauri::command]
pub async fn remove_payment_method(
    console: State<'_, Console>,
    account_id: Uuid,
    payment_method_id: Uuid,
) -> Result<Vec<PaymentMethod>> {
    console
        .remove_payment_method(account_id, payment_method_id)
        .await
}

#[tauri::command]
pub async fn list_licenses(console: State<'_, Console>, account_id: Uuid) -> Result<Vec<License>> {
    console.list_licenses(account_id).await
}

#[tauri::command]
pub async fn load_usage(console: State<'_, Console>, account_id: Uuid) -> Result<Vec<UsageMonth>> {
    console.load_usage(account_id).await
}
