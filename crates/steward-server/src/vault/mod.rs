//! The payment vault (PR-2): the one component that ever sees a card number.
//! It stands in for a card processor's hosted page: the console opens a
//! short-lived, single-use page in the system browser, the customer types
//! the card there, and the vault checks it (brand, length, Luhn, expiry,
//! security code) and keeps only a token, the brand, the last four digits,
//! the expiry and the billing address. The number and security code are
//! wiped from memory when the request ends and are never stored or logged.
//!
//! The account API side (opening a page, watching it) is in
//! `routes/cards.rs`; no endpoint there accepts a card number.

pub mod card;
mod page;

use axum::extract::{rejection::FormRejection, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use steward_types::billing::{CardState, PaymentMethod};
use steward_types::problem::FieldError;
use steward_types::profile::PostalAddress;
use uuid::Uuid;
use zeroize::Zeroize;

use crate::crypto;
use crate::state::AppState;
use crate::store::{CardEntryOutcome, CardEntryRow};

/// The path of a card-entry page; the token is its only credential.
pub const PAGE_PREFIX: &str = "/vault/cards/";

/// What the card page posts. Every field is optional here so a tampered
/// form gets the page back with its errors rather than a bare 422.
#[derive(Default, Deserialize, utoipa::ToSchema)]
pub struct CardForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    exp_month: String,
    #[serde(default)]
    exp_year: String,
    #[serde(default)]
    cvc: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    line1: String,
    #[serde(default)]
    line2: String,
    #[serde(default)]
    locality: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    postal_code: String,
}

// The number must never reach a log through a derived Debug.
impl std::fmt::Debug for CardForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardForm { .. }")
    }
}

impl Drop for CardForm {
    fn drop(&mut self) {
        self.number.zeroize();
        self.cvc.zeroize();
    }
}

impl CardForm {
    fn address(&self) -> PostalAddress {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        PostalAddress {
            country: self.country.clone(),
            line1: self.line1.clone(),
            line2: opt(&self.line2),
            locality: self.locality.clone(),
            region: opt(&self.region),
            postal_code: opt(&self.postal_code),
        }
    }
}

/// What the vault keeps of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokenised {
    pub brand: card::Brand,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: u32,
    pub billing_address: PostalAddress,
}

/// Check the whole form. Errors name the form field and the rule.
pub fn check(form: &CardForm, now: DateTime<Utc>) -> Result<Tokenised, Vec<FieldError>> {
    let mut errors = Vec::new();
    let number = card::check_number(&form.number);
    if let Err(p) = number {
        errors.push(FieldError::new("number", p.rule(), &p.message()));
    }
    let brand = number
        .as_ref()
        .map(|(_, b)| *b)
        .ok()
        .or_else(|| card::Brand::by_prefix(form.number.trim()));
    let expiry = card::check_expiry(&form.exp_month, &form.exp_year, now);
    if let Err((field, rule, message)) = &expiry {
        errors.push(FieldError::new(field, rule, message));
    }
    if let Err(message) = card::check_cvc(&form.cvc, brand) {
        errors.push(FieldError::new("cvc", "cvc", &message));
    }
    let address = steward_types::validate::postal_address(&form.address()).map_err(|e| {
        e.into_iter()
            .map(|mut e| {
                // The page's fields are named without the profile's prefix.
                e.field = e.field.trim_start_matches("postal_address.").to_string();
                e
            })
            .collect::<Vec<_>>()
    });
    if let Err(e) = &address {
        errors.extend(e.iter().cloned());
    }
    match (number, expiry, address) {
        (Ok((digits, brand)), Ok((exp_month, exp_year)), Ok(billing_address))
            if errors.is_empty() =>
        {
            let last4 = digits
                .get(digits.len().saturating_sub(4)..)
                .unwrap_or_default()
                .to_string();
            let mut digits = digits;
            digits.zeroize();
            Ok(Tokenised {
                brand,
                last4,
                exp_month,
                exp_year,
                billing_address,
            })
        }
        (Ok((mut digits, _)), ..) => {
            digits.zeroize();
            Err(errors)
        }
        _ => Err(errors),
    }
}

/// Open a card-entry page for an account. Returns the row and the page's
/// token (shown once, in the URL; only its hash is stored).
pub async fn open_entry(
    state: &AppState,
    account_id: Uuid,
    created_by: Uuid,
) -> crate::store::StoreResult<(CardEntryRow, String)> {
    let now = state.clock.now();
    let token = crypto::new_token(crypto::TokenKind::CardEntry);
    let row = CardEntryRow {
        id: Uuid::now_v7(),
        account_id,
        token_hash: crypto::token_hash(&token),
        created_by,
        created_at: now,
        expires_at: now
            + chrono::Duration::seconds(
                i64::try_from(state.config.card_entry_ttl_secs).unwrap_or(900),
            ),
        completed_at: None,
        payment_method_id: None,
    };
    state.store.insert_card_entry(&row).await?;
    Ok((row, token))
}

/// The page's row while it can still take a card; otherwise the page to
/// show instead (used, expired, unknown, or the store unavailable).
async fn usable(state: &AppState, token: &str) -> Result<CardEntryRow, Response> {
    let row = state
        .store
        .card_entry_by_token(&crypto::token_hash(token))
        .await
        .map_err(|e| page::unavailable(&e))?;
    match row {
        None => Err(page::not_found()),
        Some(r) if r.completed_at.is_some() => Err(used()),
        Some(r) if r.expires_at <= state.clock.now() => Err(page::gone(
            "This card page has expired",
            "Card pages last a few minutes. Return to the Steward console and choose Add a card again.",
        )),
        Some(r) => Ok(r),
    }
}

fn used() -> Response {
    page::gone(
        "This card page has been used",
        "The card was added. For another card, choose Add a card again in the Steward console.",
    )
}

/// The card form (HTML). Linked from `POST /v1/accounts/{account_id}/card-entries`.
#[utoipa::path(get, path = "/vault/cards/{token}", tag = "vault",
    params(("token" = String, Path, description = "The page's single-use token")),
    responses(
        (status = 200, description = "The card form", content_type = "text/html"),
        (status = 404, description = "No such page", content_type = "text/html"),
        (status = 410, description = "Used or expired", content_type = "text/html"),
    ))]
pub async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match usable(&state, &token).await {
        Ok(row) => page::form(StatusCode::OK, &row, &CardForm::default(), &[]),
        Err(r) => r,
    }
}

/// Check the card, keep what may be kept, discard the rest, and use the page up.
#[utoipa::path(post, path = "/vault/cards/{token}", tag = "vault",
    params(("token" = String, Path, description = "The page's single-use token")),
    request_body(content = CardForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 201, description = "Card added", content_type = "text/html"),
        (status = 422, description = "The form again, each problem by its field", content_type = "text/html"),
        (status = 404, description = "No such page", content_type = "text/html"),
        (status = 410, description = "Used or expired: nothing stored", content_type = "text/html"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    form: Result<Form<CardForm>, FormRejection>,
) -> Response {
    let row = match usable(&state, &token).await {
        Ok(row) => row,
        Err(r) => return r,
    };
    let Ok(Form(form)) = form else {
        let err = FieldError::new(
            "number",
            "form",
            "The form could not be read. Fill it in again.",
        );
        return page::form(
            StatusCode::UNPROCESSABLE_ENTITY,
            &row,
            &CardForm::default(),
            &[err],
        );
    };
    let now = state.clock.now();
    let card = match check(&form, now) {
        Ok(c) => c,
        Err(errors) => {
            tracing::info!(
                rules = ?errors.iter().map(|e| e.rule.as_str()).collect::<Vec<_>>(),
                "card page refused a card"
            );
            return page::form(StatusCode::UNPROCESSABLE_ENTITY, &row, &form, &errors);
        }
    };
    drop(form);
    let pm = PaymentMethod {
        id: Uuid::now_v7(),
        brand: card.brand.as_str().into(),
        last4: card.last4.clone(),
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        is_default: false,
        state: CardState::Valid,
        billing_address: Some(card.billing_address.clone()),
    };
    // The processor's reference to the card: random, and nothing derived
    // from the number.
    let vault_token = format!("vault_{}", Uuid::new_v4().simple());
    match state
        .store
        .complete_card_entry(row.id, &pm, &vault_token, now)
        .await
    {
        Ok(CardEntryOutcome::Added) => {
            tracing::info!(account_id = %row.account_id, payment_method_id = %pm.id, brand = pm.brand, "card added");
            page::added(&card)
        }
        // Raced with another post of the page, or it expired meanwhile:
        // nothing was stored; say which.
        Ok(CardEntryOutcome::Unusable) => match usable(&state, &token).await {
            Err(page) => page,
            Ok(_) => used(),
        },
        Err(e) => page::unavailable(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn form(number: &str) -> CardForm {
        let mut f = CardForm::default();
        f.number = number.into();
        f.exp_month = "12".into();
        f.exp_year = "2030".into();
        f.cvc = "123".into();
        f.country = "GB".into();
        f.line1 = "1 Long Lane".into();
        f.locality = "London".into();
        f.postal_code = "EC1A 1BB".into();
        f
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("t")
    }

    #[test]
    fn a_valid_card_keeps_only_brand_last_four_expiry_and_address() {
        let t = check(&form("4242 4242 4242 4242"), now()).expect("valid");
        assert_eq!(t.brand, card::Brand::Visa);
        assert_eq!(t.last4, "4242");
        assert_eq!((t.exp_month, t.exp_year), (12, 2030));
        assert_eq!(t.billing_address.postal_code.as_deref(), Some("EC1A 1BB"));
        assert!(!format!("{t:?}").contains("42424242"));
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_field() {
        let mut f = form("4242424242424241");
        f.exp_year = "2020".into();
        f.cvc = "1".into();
        f.postal_code = "nope!".into();
        let errors = check(&f, now()).expect_err("invalid");
        let got: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.rule.as_str()))
            .collect();
        assert!(got.contains(&("number", "luhn")), "{got:?}");
        assert!(got.contains(&("exp_year", "expired")), "{got:?}");
        assert!(got.contains(&("cvc", "cvc")), "{got:?}");
        assert!(got.iter().any(|(f, _)| *f == "postal_code"), "{got:?}");
    }

    #[test]
    fn the_form_never_prints_the_number() {
        let f = form("4242424242424242");
        assert_eq!(format!("{f:?}"), "CardForm { .. }");
    }
}
