//! `/v1/accounts/{account_id}/invoices`: the list (keyset pages, filters),
//! one invoice, its PDF document, and the list as CSV (PR-3).

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use steward_types::billing::{Invoice, InvoicePage, InvoiceStatus, InvoiceSummary};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::policy::AccountScope;
use crate::state::AppState;
use crate::store::InvoiceQuery;

const PROBLEM: &str = "application/problem+json";
const PAGE: i64 = 50;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// `open`, `paid`, `void` or `refunded`.
    pub status: Option<String>,
    /// Issued on or after this day (`YYYY-MM-DD`, UTC).
    pub from: Option<String>,
    /// Issued before the end of this day (`YYYY-MM-DD`, UTC).
    pub to: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 1 to 100; 50 by default.
    pub limit: Option<i64>,
}

fn day(field: &str, value: &str, next: bool) -> ApiResult<DateTime<Utc>> {
    let d = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::field(field, "date", "Use a date like 2026-03-31."))?;
    let d = if next { d.succ_opt().unwrap_or(d) } else { d };
    d.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .ok_or_else(|| ApiError::field(field, "date", "Use a date like 2026-03-31."))
}

fn encode_cursor(last: &InvoiceSummary) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}.{}", last.issued_at.timestamp_millis(), last.id))
}

fn decode_cursor(cursor: &str) -> ApiResult<(DateTime<Utc>, Uuid)> {
    let bad = || {
        ApiError::field(
            "cursor",
            "cursor",
            "This page link is not valid any more; start from the first page.",
        )
    };
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let raw = String::from_utf8(raw).map_err(|_| bad())?;
    let (ms, id) = raw.split_once('.').ok_or_else(bad)?;
    let ms: i64 = ms.parse().map_err(|_| bad())?;
    let at = DateTime::from_timestamp_millis(ms).ok_or_else(bad)?;
    Ok((at, Uuid::parse_str(id).map_err(|_| bad())?))
}

fn query(params: &ListParams) -> ApiResult<InvoiceQuery> {
    let mut errors = Vec::new();
    let status = match params.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match InvoiceStatus::parse(s) {
            Some(s) => Some(s),
            None => {
                errors.push(steward_types::problem::FieldError::new(
                    "status",
                    "one_of",
                    "Use open, paid, void or refunded.",
                ));
                None
            }
        },
    };
    let mut bound = |field: &str, v: &Option<String>, next: bool| match v
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(v) => match day(field, v, next) {
            Ok(t) => Some(t),
            Err(ApiError::Validation(mut e)) => {
                errors.append(&mut e);
                None
            }
            Err(_) => None,
        },
    };
    let from = bound("from", &params.from, false);
    let to = bound("to", &params.to, true);
    if let (Some(f), Some(t)) = (from, to) {
        if f >= t {
            errors.push(steward_types::problem::FieldError::new(
                "to",
                "after_from",
                "The end date must not be before the start date.",
            ));
        }
    }
    let after = match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => match decode_cursor(c) {
            Ok(a) => Some(a),
            Err(ApiError::Validation(mut e)) => {
                errors.append(&mut e);
                None
            }
            Err(_) => None,
        },
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(InvoiceQuery {
        status,
        from,
        to,
        after,
        limit: params.limit.unwrap_or(PAGE).clamp(1, 100),
    })
}

/// Invoices, newest first, a page at a time (keyset: stable while new ones arrive).
#[utoipa::path(get, path = "/v1/accounts/{account_id}/invoices", tag = "billing",
    security(("bearer" = [])), params(("account_id" = Uuid, Path, description = "The account"), ListParams),
    responses((status = 200, body = InvoicePage), (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn list(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Json<InvoicePage>> {
    let mut q = query(&params)?;
    let limit = q.limit;
    q.limit = limit + 1; // one more tells whether there is a next page
    let mut items = state.store.invoices(scope.account_id, &q).await?;
    let more = items.len() as i64 > limit;
    items.truncate(usize::try_from(limit).unwrap_or(0));
    let next_cursor = if more {
        items.last().map(encode_cursor)
    } else {
        None
    };
    Ok(Json(InvoicePage { items, next_cursor }))
}

/// One invoice with its lines, tax and totals.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/invoices/{invoice_id}", tag = "billing",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("invoice_id" = Uuid, Path, description = "The invoice")),
    responses((status = 200, body = Invoice), (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn get(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<Invoice>> {
    state
        .store
        .invoice(scope.account_id, id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// The invoice as a PDF document, addressed to the account as its profile
/// stands now.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/invoices/{invoice_id}/pdf", tag = "billing",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("invoice_id" = Uuid, Path, description = "The invoice")),
    responses((status = 200, description = "application/pdf", content_type = "application/pdf"),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn pdf(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let invoice = state
        .store
        .invoice(scope.account_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let bill_to = bill_to(&state, scope.account_id).await?;
    let bytes = crate::billing::pdf::render(&invoice, &bill_to);
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    // Invoice numbers are `INV-<hex>-<digits>`: safe in a header as they are.
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}.pdf\"",
        invoice
            .number
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(resp)
}

/// The company (or person) and address from the profile, or the account's
/// name when the profile is empty.
async fn bill_to(state: &AppState, account_id: Uuid) -> ApiResult<crate::billing::pdf::BillTo> {
    let name = state
        .store
        .account(account_id)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let profile = state
        .store
        .profile(account_id)
        .await?
        .and_then(|row| serde_json::from_str::<steward_types::profile::Profile>(&row.doc).ok());
    Ok(match profile {
        Some(p) => crate::billing::pdf::BillTo {
            name: p
                .company
                .as_ref()
                .map(|c| c.name.clone())
                .filter(|n| !n.is_empty())
                .or_else(|| (!p.legal_name.is_empty()).then(|| p.legal_name.clone()))
                .unwrap_or(name),
            tax_id: p.company.and_then(|c| c.tax_id),
            address: p.postal_address,
        },
        None => crate::billing::pdf::BillTo {
            name,
            ..Default::default()
        },
    })
}

/// A CSV field, quoted when it needs to be (RFC 4180), and never read as a
/// formula by a spreadsheet.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@'])
        && value.parse::<rust_decimal::Decimal>().is_err()
    {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The filtered list as CSV (all pages), for spreadsheets and accounting.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/invoices.csv", tag = "billing",
    security(("bearer" = [])), params(("account_id" = Uuid, Path, description = "The account"), ListParams),
    responses((status = 200, description = "text/csv", content_type = "text/csv")))]
pub async fn csv(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Response> {
    let mut q = query(&params)?;
    q.limit = 500;
    let mut out = String::from("number,issued,due,status,currency,total\r\n");
    loop {
        let page = state.store.invoices(scope.account_id, &q).await?;
        for i in &page {
            let row = [
                csv_field(&i.number),
                i.issued_at.format("%Y-%m-%d").to_string(),
                i.due_at.format("%Y-%m-%d").to_string(),
                i.status.as_str().to_string(),
                csv_field(&i.total.currency),
                i.total.amount.to_string(),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
        match page.last() {
            Some(last) if page.len() as i64 == q.limit => q.after = Some((last.issued_at, last.id)),
            _ => break,
        }
    }
    let mut resp = out.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"invoices.csv\""),
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_a_field_error() {
        let s = InvoiceSummary {
            id: Uuid::now_v7(),
            number: "INV-1".into(),
            issued_at: DateTime::from_timestamp_millis(1_767_225_600_123).expect("t"),
            due_at: DateTime::from_timestamp_millis(1_767_225_600_123).expect("t"),
            status: InvoiceStatus::Paid,
            total: steward_types::billing::Money::new(rust_decimal::Decimal::ONE, "GBP"),
        };
        assert_eq!(
            decode_cursor(&encode_cursor(&s)).expect("decodes"),
            (s.issued_at, s.id)
        );
        assert!(matches!(
            decode_cursor("not a cursor"),
            Err(ApiError::Validation(_))
        ));
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-12.50"), "-12.50", "numbers stay numbers");
    }
}
