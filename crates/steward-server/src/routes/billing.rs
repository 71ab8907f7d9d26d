//! `/v1/accounts/{account_id}/subscription`, licenses and usage (PR-2,
//! PR-3); stored cards are in `cards.rs`. Changes that spend money need an `Idempotency-Key`:
//! a replay returns the stored answer, the same key with another body is
//! refused, and the key is committed with the change itself.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Datelike, Duration, Months, Utc};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use steward_types::billing::{
    CancelSubscription, InvoiceLine, InvoiceStatus, License, PlanChange, ProrationPreview,
    Subscription, SubscriptionStatus, UsageMonth,
};
use uuid::Uuid;

use crate::billing::{self, proration, CURRENCY};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::policy::AccountScope;
use crate::state::AppState;
use crate::store::{BillingChange, ChangeOutcome, NewInvoice, SubscriptionRow};

const PROBLEM: &str = "application/problem+json";
const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The subscription as it stands now: periods roll forward on renewal, and
/// a cancellation takes effect at its period end. Computed, not stored, so
/// every server agrees without a scheduler.
fn effective(mut row: SubscriptionRow, now: DateTime<Utc>) -> ApiResult<SubscriptionRow> {
    let plan = billing::plan(&row.plan_id).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!("unknown plan {} in store", row.plan_id))
    })?;
    while row.period_end <= now && row.status == SubscriptionStatus::Active {
        row.period_start = row.period_end;
        row.period_end = proration::period_end(row.period_start, plan.period.months());
    }
    if row.status == SubscriptionStatus::Cancelling && row.period_end <= now {
        row.status = SubscriptionStatus::Cancelled;
    }
    Ok(row)
}

fn view(row: &SubscriptionRow) -> ApiResult<Subscription> {
    let plan = billing::plan(&row.plan_id)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown plan {}", row.plan_id)))?;
    Ok(Subscription {
        available_plans: billing::catalogue()
            .into_iter()
            .filter(|p| p.id != plan.id)
            .collect(),
        plan,
        status: row.status,
        current_period_start: row.period_start,
        current_period_end: row.period_end,
        renews_at: (row.status == SubscriptionStatus::Active).then_some(row.period_end),
        cancel_reason: row.cancel_reason.clone(),
    })
}

/// The account's subscription; a new account starts on Starter.
async fn current(state: &AppState, account_id: Uuid) -> ApiResult<SubscriptionRow> {
    let now = state.clock.now();
    let row = match state.store.subscription(account_id).await? {
        Some(row) => row,
        None => {
            let first = SubscriptionRow {
                plan_id: "starter-monthly".into(),
                status: SubscriptionStatus::Active,
                period_start: now,
                period_end: proration::period_end(now, 1),
                cancel_reason: None,
                version: 1,
            };
            match state.store.create_subscription(account_id, &first).await {
                Ok(()) => first,
                // Another request created it first: use theirs.
                Err(e) if crate::store::sql_account::is_unique_violation(&e) => {
                    state.store.subscription(account_id).await?.ok_or_else(|| {
                        ApiError::Internal(anyhow::anyhow!("subscription vanished"))
                    })?
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    effective(row, now)
}

/// The plan, its period and renewal, and the plans one can move to.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/subscription", tag = "billing",
    security(("bearer" = [])), params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = Subscription), (status = 403, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn get(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<Subscription>> {
    Ok(Json(view(&current(&state, scope.account_id).await?)?))
}

fn target_plan(row: &SubscriptionRow, plan_id: &str) -> ApiResult<steward_types::billing::Plan> {
    let to = billing::plan(plan_id).ok_or_else(|| {
        ApiError::field(
            "plan_id",
            "unknown_plan",
            "Choose one of the available plans.",
        )
    })?;
    if to.id == row.plan_id {
        return Err(ApiError::field(
            "plan_id",
            "same_plan",
            "You are on this plan already.",
        ));
    }
    if row.status == SubscriptionStatus::Cancelled {
        return Err(ApiError::Conflict(
            "The subscription has ended. Contact support to start a new one.".into(),
        ));
    }
    if row.status == SubscriptionStatus::Cancelling {
        // Never bill a new period to someone who is leaving.
        return Err(ApiError::Conflict(
            "The subscription is set to end. Resume it first to change plan.".into(),
        ));
    }
    Ok(to)
}

/// What changing to `plan_id` would cost now (nothing is changed).
#[utoipa::path(post, path = "/v1/accounts/{account_id}/subscription/preview", tag = "billing",
    security(("bearer" = [])), params(("account_id" = Uuid, Path, description = "The account")),
    request_body = PlanChange,
    responses((status = 200, body = ProrationPreview), (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn preview(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiJson(input): ApiJson<PlanChange>,
) -> ApiResult<Json<ProrationPreview>> {
    let row = current(&state, scope.account_id).await?;
    let to = target_plan(&row, &input.plan_id)?;
    let from = billing::plan(&row.plan_id)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown plan")))?;
    let r = proration::prorate(
        &from,
        &to,
        row.period_start,
        row.period_end,
        state.clock.now(),
    );
    Ok(Json(r.preview))
}

/// The `Idempotency-Key` header: required, 1 to 255 visible characters.
fn idempotency_key(headers: &HeaderMap) -> ApiResult<String> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() {
        return Err(ApiError::BadRequest(
            "Send an Idempotency-Key header (a new random value per change, the same one on retry).".into(),
        ));
    }
    if key.len() > 255 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::BadRequest(
            "The Idempotency-Key must be 1 to 255 visible ASCII characters.".into(),
        ));
    }
    Ok(key.to_string())
}

fn fingerprint(operation: &str, body: &serde_json::Value) -> String {
    let digest = Sha256::digest(format!("{operation}\n{body}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A stored answer for this key, or the refusal when the body differs.
fn replay(request_hash: &str, stored_hash: &str, response: &str) -> ApiResult<Response> {
    if stored_hash != request_hash {
        return Err(ApiError::field(
            "Idempotency-Key",
            "reused",
            "This key was used for a different request. Use a new key for a new change.",
        ));
    }
    let value: serde_json::Value = serde_json::from_str(response)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored response does not decode: {e}")))?;
    let mut resp = Json(value).into_response();
    resp.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(resp)
}

/// Run a money-spending change once per key: `decide` maps the current
/// subscription to the new one (and the invoice it raises, if any).
async fn once<F>(
    state: &AppState,
    scope: &AccountScope,
    headers: &HeaderMap,
    operation: &str,
    body: serde_json::Value,
    decide: F,
) -> ApiResult<Response>
where
    F: Fn(&SubscriptionRow, DateTime<Utc>) -> ApiResult<(SubscriptionRow, Option<NewInvoice>)>,
{
    let key = idempotency_key(headers)?;
    let hash = fingerprint(operation, &body);
    if let Some((stored, response)) = state.store.idempotency(scope.account_id, &key).await? {
        return replay(&hash, &stored, &response);
    }
    // A concurrent change can move the subscription between read and write:
    // read again and decide again, a few times.
    for _ in 0..3 {
        let now = state.clock.now();
        let row = current(state, scope.account_id).await?;
        let (next, invoice) = match decide(&row, now) {
            Ok(decided) => decided,
            Err(e) => {
                // A retry racing its original: the original may have committed
                // after our first look, and its answer is what we owe.
                if let Some((stored, response)) =
                    state.store.idempotency(scope.account_id, &key).await?
                {
                    return replay(&hash, &stored, &response);
                }
                return Err(e);
            }
        };
        let answer = view(&next)?;
        let response = serde_json::to_string(&answer).map_err(|e| ApiError::Internal(e.into()))?;
        let outcome = state
            .store
            .commit_billing_change(BillingChange {
                account_id: scope.account_id,
                idem_key: key.clone(),
                request_hash: hash.clone(),
                response,
                now,
                subscription: next,
                expected_version: row.version,
                invoice,
            })
            .await?;
        match outcome {
            ChangeOutcome::Applied => {
                tracing::info!(account_id = %scope.account_id, operation, "billing change applied");
                return Ok(Json(answer).into_response());
            }
            ChangeOutcome::Replay {
                request_hash,
                response,
            } => return replay(&hash, &request_hash, &response),
            ChangeOutcome::Stale => continue,
        }
    }
    Err(ApiError::Unavailable(
        "the subscription kept changing".into(),
    ))
}

/// Change plan now, prorated; raises an invoice (or a credit) for the difference.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/subscription/change", tag = "billing",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("Idempotency-Key" = String, Header, description = "One per intended change")),
    request_body = PlanChange,
    responses((status = 200, body = Subscription), (status = 400, body = steward_types::Problem, content_type = PROBLEM), (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn change(
    State(state): State<AppState>,
    scope: AccountScope,
    headers: HeaderMap,
    ApiJson(input): ApiJson<PlanChange>,
) -> ApiResult<Response> {
    let body = serde_json::json!({ "plan_id": input.plan_id });
    once(&state, &scope, &headers, "change", body, |row, now| {
        let to = target_plan(row, &input.plan_id)?;
        let from = billing::plan(&row.plan_id)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown plan")))?;
        let r = proration::prorate(&from, &to, row.period_start, row.period_end, now);
        let p = &r.preview;
        let invoice = (p.total.amount != Decimal::ZERO).then(|| NewInvoice {
            account_id: scope.account_id,
            number: String::new(),
            issued_at: now,
            due_at: now + Duration::days(14),
            // A credit is settled at once, against the account's balance.
            paid_at: (p.total.amount < Decimal::ZERO).then_some(now),
            status: if p.total.amount < Decimal::ZERO {
                InvoiceStatus::Paid
            } else {
                InvoiceStatus::Open
            },
            lines: p
                .lines
                .iter()
                .map(|l| InvoiceLine {
                    description: l.description.clone(),
                    quantity: 1,
                    unit_price: l.amount.clone(),
                    amount: l.amount.clone(),
                })
                .collect(),
            subtotal: p.subtotal.amount,
            tax_rate: p.tax_rate,
            tax: p.tax.amount,
            total: p.total.amount,
            currency: CURRENCY.into(),
        });
        Ok((
            SubscriptionRow {
                plan_id: to.id,
                status: row.status,
                period_start: r.new_period_start,
                period_end: r.new_period_end,
                cancel_reason: row.cancel_reason.clone(),
                version: row.version + 1,
            },
            invoice,
        ))
    })
    .await
}

/// Cancel at the end of the period, with a reason. Service continues until then.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/subscription/cancel", tag = "billing",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("Idempotency-Key" = String, Header, description = "One per intended change")),
    request_body = CancelSubscription,
    responses((status = 200, body = Subscription), (status = 422, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn cancel(
    State(state): State<AppState>,
    scope: AccountScope,
    headers: HeaderMap,
    ApiJson(input): ApiJson<CancelSubscription>,
) -> ApiResult<Response> {
    let reason = input.reason.trim().to_string();
    if reason.is_empty() {
        return Err(ApiError::field(
            "reason",
            "required",
            "Tell us why you are cancelling; it helps us improve.",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(ApiError::field(
            "reason",
            "max_length",
            "Use at most 500 characters.",
        ));
    }
    let body = serde_json::json!({ "reason": reason });
    once(&state, &scope, &headers, "cancel", body, |row, _| {
        if row.status != SubscriptionStatus::Active {
            return Err(ApiError::Conflict("The subscription is not active.".into()));
        }
        Ok((
            SubscriptionRow {
                status: SubscriptionStatus::Cancelling,
                cancel_reason: Some(reason.clone()),
                version: row.version + 1,
                ..row.clone()
            },
            None,
        ))
    })
    .await
}

/// Undo a cancellation before the period ends.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/subscription/resume", tag = "billing",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("Idempotency-Key" = String, Header, description = "One per intended change")),
    responses((status = 200, body = Subscription), (status = 409, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn resume(
    State(state): State<AppState>,
    scope: AccountScope,
    headers: HeaderMap,
) -> ApiResult<Response> {
    once(
        &state,
        &scope,
        &headers,
        "resume",
        serde_json::json!({}),
        |row, _| {
            if row.status != SubscriptionStatus::Cancelling {
                return Err(ApiError::Conflict(
                    "Only a subscription that is cancelling can be resumed.".into(),
                ));
            }
            Ok((
                SubscriptionRow {
                    status: SubscriptionStatus::Active,
                    cancel_reason: None,
                    version: row.version + 1,
                    ..row.clone()
                },
                None,
            ))
        },
    )
    .await
}

/// License records with seats, term, renewal and history (PR-3).
#[utoipa::path(get, path = "/v1/accounts/{account_id}/licenses", tag = "billing",
    security(("bearer" = [])), params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = Vec<License>)))]
pub async fn licenses(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<Vec<License>>> {
    let mut licenses = state.store.licenses(scope.account_id).await?;
    // The licensing system writes its history in English; shown in the reader's.
    for event in licenses.iter_mut().flat_map(|l| l.history.iter_mut()) {
        crate::locale::reword(&mut event.detail);
    }
    Ok(Json(licenses))
}

/// The last 24 months of usage, oldest first (PR-3).
#[utoipa::path(get, path = "/v1/accounts/{account_id}/usage", tag = "billing",
    security(("bearer" = [])), params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = Vec<UsageMonth>)))]
pub async fn usage(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<Vec<UsageMonth>>> {
    let now = state.clock.now();
    let first = now
        .date_naive()
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(23)))
        .unwrap_or(now.date_naive());
    let from = format!("{:04}-{:02}", first.year(), first.month());
    Ok(Json(state.store.usage(scope.account_id, &from).await?))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn idempotency_fingerprints_cover_operation_and_body() {
        let a = fingerprint("change", &serde_json::json!({"plan_id": "studio-monthly"}));
        assert_eq!(
            a,
            fingerprint("change", &serde_json::json!({"plan_id": "studio-monthly"}))
        );
        assert_ne!(
            a,
            fingerprint("change", &serde_json::json!({"plan_id": "starter-monthly"}))
        );
        assert_ne!(
            a,
            fingerprint("cancel", &serde_json::json!({"plan_id": "studio-monthly"}))
        );
    }
}
