//! Stored cards (PR-2): list, default, remove, and the card-entry pages of
//! the payment vault that add them. No endpoint here accepts a card number;
//! the card is typed on the vault's own page (`vault/`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Duration, Months, Utc};
use steward_types::billing::{
    CardEntry, CardEntryStarted, CardEntryStatus, CardState, PaymentMethod,
};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::ApiPath;
use crate::policy::{AccountScope, Principal};
use crate::state::AppState;
use crate::store::CardEntryRow;

const PROBLEM: &str = "application/problem+json";

fn card_state(pm: &PaymentMethod, now: DateTime<Utc>) -> CardState {
    // A card is good through the last day of its expiry month.
    let first_of_next = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(pm.exp_year).unwrap_or(0),
        pm.exp_month.clamp(1, 12),
        1,
    )
    .and_then(|d| d.checked_add_months(Months::new(1)))
    .and_then(|d| d.and_hms_opt(0, 0, 0))
    .map(|d| d.and_utc());
    match first_of_next {
        Some(end) if end <= now => CardState::Expired,
        Some(end) if end - now <= Duration::days(60) => CardState::ExpiringSoon,
        Some(_) => CardState::Valid,
        None => CardState::Expired,
    }
}

async fn cards(state: &AppState, account_id: Uuid) -> ApiResult<Vec<PaymentMethod>> {
    let now = state.clock.now();
    Ok(state
        .store
        .payment_methods(account_id)
        .await?
        .into_iter()
        .map(|mut pm| {
            pm.state = card_state(&pm, now);
            pm
        })
        .collect())
}

/// Stored cards: brand, last four digits, expiry. Never a card number.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/payment-methods", tag = "billing",
    security(("bearer" = [])), params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 200, body = Vec<PaymentMethod>)))]
pub async fn payment_methods(
    State(state): State<AppState>,
    scope: AccountScope,
) -> ApiResult<Json<Vec<PaymentMethod>>> {
    Ok(Json(cards(&state, scope.account_id).await?))
}

/// The cards after a change to one of them; 404 if it was not found.
async fn cards_if(
    state: &AppState,
    account_id: Uuid,
    found: bool,
) -> ApiResult<Json<Vec<PaymentMethod>>> {
    if !found {
        return Err(ApiError::NotFound);
    }
    Ok(Json(cards(state, account_id).await?))
}

/// Make a card the default.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/payment-methods/{payment_method_id}/default", tag = "billing",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("payment_method_id" = Uuid, Path, description = "The card")),
    responses((status = 200, body = Vec<PaymentMethod>), (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn set_default(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<Vec<PaymentMethod>>> {
    let found = state
        .store
        .set_default_payment_method(scope.account_id, id)
        .await?;
    cards_if(&state, scope.account_id, found).await
}

/// Remove a card.
#[utoipa::path(delete, path = "/v1/accounts/{account_id}/payment-methods/{payment_method_id}", tag = "billing",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("payment_method_id" = Uuid, Path, description = "The card")),
    responses((status = 200, body = Vec<PaymentMethod>), (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn remove_card(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<Vec<PaymentMethod>>> {
    let found = state
        .store
        .remove_payment_method(scope.account_id, id)
        .await?;
    cards_if(&state, scope.account_id, found).await
}

fn entry_view(row: &CardEntryRow, now: DateTime<Utc>) -> CardEntry {
    let status = if row.completed_at.is_some() {
        CardEntryStatus::Completed
    } else if row.expires_at <= now {
        CardEntryStatus::Expired
    } else {
        CardEntryStatus::Pending
    };
    CardEntry {
        id: row.id,
        status,
        expires_at: row.expires_at,
        payment_method_id: row.payment_method_id,
    }
}

/// Open a short-lived, single-use card-entry page on the payment vault. The
/// answer's `url` is the page; open it in the user's browser.
#[utoipa::path(post, path = "/v1/accounts/{account_id}/card-entries", tag = "billing",
    security(("bearer" = [])), params(("account_id" = Uuid, Path, description = "The account")),
    responses((status = 201, body = CardEntryStarted), (status = 403, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn start_entry(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
) -> ApiResult<(StatusCode, Json<CardEntryStarted>)> {
    let (row, token) =
        crate::vault::open_entry(&state, scope.account_id, principal.user.id).await?;
    let url = state.url(&format!("{}{token}", crate::vault::PAGE_PREFIX));
    Ok((
        StatusCode::CREATED,
        Json(CardEntryStarted {
            entry: entry_view(&row, state.clock.now()),
            url,
        }),
    ))
}

/// Whether a card-entry page is still waiting, was used (and which card it
/// added), or expired. The console polls this while the page is open.
#[utoipa::path(get, path = "/v1/accounts/{account_id}/card-entries/{entry_id}", tag = "billing",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The account"), ("entry_id" = Uuid, Path, description = "The card-entry page")),
    responses((status = 200, body = CardEntry), (status = 404, body = steward_types::Problem, content_type = PROBLEM)))]
pub async fn entry(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiPath((_, id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<CardEntry>> {
    let row = state
        .store
        .card_entry(scope.account_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(entry_view(&row, state.clock.now())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn card(month: u32, year: u32) -> PaymentMethod {
        PaymentMethod {
            id: Uuid::nil(),
            brand: "visa".into(),
            last4: "4242".into(),
            exp_month: month,
            exp_year: year,
            is_default: true,
            state: CardState::Valid,
            billing_address: None,
        }
    }

    #[test]
    fn cards_are_good_through_their_expiry_month() {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 31, 23, 0, 0)
            .single()
            .expect("t");
        assert_eq!(card_state(&card(3, 2026), now), CardState::ExpiringSoon);
        assert_eq!(card_state(&card(2, 2026), now), CardState::Expired);
        assert_eq!(card_state(&card(12, 2030), now), CardState::Valid);
        assert_eq!(
            card_state(&card(13, 2030), now),
            CardState::Valid,
            "month clamped, never a panic"
        );
    }
}
