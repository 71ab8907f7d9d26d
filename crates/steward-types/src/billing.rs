//! Billing (PR-2, PR-3): plans and subscriptions, payment methods (never a
//! card number), invoices, licenses and usage. Money is exact: a
//! `rust_decimal::Decimal` that travels as a JSON string, always with its
//! currency.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

/// An exact amount in one currency. `amount` is a decimal string ("12.50").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Money {
    #[ts(type = "string")]
    #[schema(value_type = String, example = "12.50")]
    pub amount: Decimal,
    /// ISO 4217, e.g. `GBP`.
    pub currency: String,
}

impl Money {
    pub fn new(amount: Decimal, currency: &str) -> Self {
        Self {
            amount,
            currency: currency.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BillingPeriod {
    Monthly,
    Yearly,
}

impl BillingPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Yearly => "yearly",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "monthly" => Some(Self::Monthly),
            "yearly" => Some(Self::Yearly),
            _ => None,
        }
    }

    /// Months in one period.
    pub fn months(self) -> u32 {
        match self {
            Self::Monthly => 1,
            Self::Yearly => 12,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub description: String,
    pub price: Money,
    pub period: BillingPeriod,
    pub seats: u32,
    pub storage_gb: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SubscriptionStatus {
    Active,
    /// Cancelled at period end: runs until `current_period_end`, then stops.
    Cancelling,
    Cancelled,
}

impl SubscriptionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Cancelling => "cancelling",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "cancelling" => Some(Self::Cancelling),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }
}

/// `GET /v1/accounts/{id}/subscription`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Subscription {
    pub plan: Plan,
    pub status: SubscriptionStatus,
    pub current_period_start: DateTime<Utc>,
    pub current_period_end: DateTime<Utc>,
    /// The next renewal, unless cancelling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub renews_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cancel_reason: Option<String>,
    /// Plans the account can move to.
    pub available_plans: Vec<Plan>,
}

/// `POST /v1/accounts/{id}/subscription/preview` and `.../change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PlanChange {
    pub plan_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ChargeLine {
    pub description: String,
    pub amount: Money,
}

/// What a plan change costs now: credit for the unused part of the current
/// plan, the new plan for the rest of the period, tax, and the total (negative
/// when it is a credit to the account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ProrationPreview {
    pub from_plan: String,
    pub to_plan: String,
    pub effective_at: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub lines: Vec<ChargeLine>,
    pub subtotal: Money,
    #[ts(type = "string")]
    #[schema(value_type = String, example = "0.20")]
    pub tax_rate: Decimal,
    pub tax: Money,
    pub total: Money,
}

/// `POST /v1/accounts/{id}/subscription/cancel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CancelSubscription {
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InvoiceStatus {
    Open,
    Paid,
    Void,
    Refunded,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 4] = [Self::Open, Self::Paid, Self::Void, Self::Refunded];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Paid => "paid",
            Self::Void => "void",
            Self::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: u32,
    pub unit_price: Money,
    pub amount: Money,
}

/// One row of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct InvoiceSummary {
    pub id: Uuid,
    pub number: String,
    pub issued_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub status: InvoiceStatus,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct Invoice {
    pub id: Uuid,
    pub number: String,
    pub issued_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub paid_at: Option<DateTime<Utc>>,
    pub status: InvoiceStatus,
    pub lines: Vec<InvoiceLine>,
    pub subtotal: Money,
    #[ts(type = "string")]
    #[schema(value_type = String, example = "0.20")]
    pub tax_rate: Decimal,
    pub tax: Money,
    pub total: Money,
}

/// A page of invoices, newest first. `next_cursor` fetches the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct InvoicePage {
    pub items: Vec<InvoiceSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LicenseEvent {
    pub at: DateTime<Utc>,
    /// `issued`, `renewed`, `seats_changed`, ...
    pub kind: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct License {
    pub id: Uuid,
    pub product: String,
    pub seats: u32,
    pub term_start: DateTime<Utc>,
    pub term_end: DateTime<Utc>,
    pub auto_renew: bool,
    pub history: Vec<LicenseEvent>,
}

/// One month of usage (PR-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct UsageMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub downloads: u64,
    #[ts(type = "string")]
    #[schema(value_type = String, example = "812.5")]
    pub bandwidth_gb: Decimal,
    #[ts(type = "string")]
    #[schema(value_type = String, example = "120.25")]
    pub storage_gb: Decimal,
}

/// A stored card: only what the vault keeps. There is no field for a card
/// number anywhere in the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PaymentMethod {
    pub id: Uuid,
    /// `visa`, `mastercard`, `amex`, ...
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: u32,
    pub is_default: bool,
    pub state: CardState,
    /// The billing address given on the card page.
    #[serde(default)]
    pub billing_address: Option<crate::profile::PostalAddress>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CardState {
    Valid,
    /// Expires within 60 days.
    ExpiringSoon,
    Expired,
}

/// A card-entry page opened for this account (PR-2). The card number is
/// typed on that page, served by the payment vault, and never passes through
/// the console or the account API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CardEntry {
    pub id: Uuid,
    pub status: CardEntryStatus,
    pub expires_at: DateTime<Utc>,
    /// The card it added, once completed.
    pub payment_method_id: Option<Uuid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CardEntryStatus {
    /// Waiting for the card on the vault's page.
    Pending,
    /// A card was added; the page cannot be used again.
    Completed,
    /// Not used in time; open a new one.
    Expired,
}

/// The answer to opening a card-entry page. `url` carries the page's
/// single-use secret: the desktop opens it in the system browser and gives
/// the console only `entry` (no TypeScript type on purpose).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CardEntryStarted {
    pub entry: CardEntry,
    pub url: String,
}

// The URL is the page's credential: never printed.
impl std::fmt::Debug for CardEntryStarted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardEntryStarted")
            .field("entry", &self.entry)
            .field("url", &"[redacted]")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_travels_as_a_string_and_never_as_a_float() {
        let m = Money::new(Decimal::from_str("1234.50").expect("decimal"), "GBP");
        let json = serde_json::to_value(&m).expect("json");
        assert_eq!(json["amount"], "1234.50", "exact, trailing zero kept");
        let back: Money = serde_json::from_value(json).expect("decode");
        assert_eq!(back, m);
        let float = serde_json::from_str::<Money>(r#"{"amount": 0.1, "currency": "GBP"}"#);
        assert!(
            float.is_err(),
            "a JSON number is refused: floats never carry money"
        );
    }

    #[test]
    fn a_card_page_address_is_never_printed() {
        let started = CardEntryStarted {
            entry: CardEntry {
                id: Uuid::nil(),
                status: CardEntryStatus::Pending,
                expires_at: DateTime::<Utc>::UNIX_EPOCH,
                payment_method_id: None,
            },
            url: "http://127.0.0.1:1/vault/cards/stw_ce_secret".into(),
        };
        let printed = format!("{started:?}");
        assert!(!printed.contains("stw_ce_"), "{printed}");
    }
}
