//! Billing rules (PR-2, PR-3): the plan catalogue, exact money arithmetic
//! and proration. Pure functions; the routes and the store use them.

pub mod pdf;
pub mod proration;

use rust_decimal::{Decimal, RoundingStrategy};
use steward_types::billing::{BillingPeriod, Money, Plan};

/// VAT on every invoice. One rate for now: the service sells from the UK.
pub fn tax_rate() -> Decimal {
    Decimal::new(20, 2)
}

pub const CURRENCY: &str = "GBP";

/// Digits after the point in a currency's minor unit (ISO 4217).
pub fn minor_units(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "ISK" | "CLP" | "VND" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "TND" => 3,
        _ => 2,
    }
}

/// Round to the currency's minor unit, halves away from zero (as invoices do).
pub fn round_money(amount: Decimal, currency: &str) -> Decimal {
    amount.round_dp_with_strategy(
        minor_units(currency),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

pub fn money(amount: Decimal) -> Money {
    Money::new(round_money(amount, CURRENCY), CURRENCY)
}

struct PlanDef {
    id: &'static str,
    name: &'static str,
    description: &'static str,
    /// Price in pence, so the catalogue itself has no float anywhere.
    price_minor: i64,
    period: BillingPeriod,
    seats: u32,
    storage_gb: u32,
}

const CATALOGUE: &[PlanDef] = &[
    PlanDef {
        id: "starter-monthly",
        name: "Starter",
        description: "One seat, 100 GB of media storage, standard delivery.",
        price_minor: 2900,
        period: BillingPeriod::Monthly,
        seats: 1,
        storage_gb: 100,
    },
    PlanDef {
        id: "studio-monthly",
        name: "Studio",
        description: "Ten seats, 2 TB of storage, custom domains and priority delivery.",
        price_minor: 9900,
        period: BillingPeriod::Monthly,
        seats: 10,
        storage_gb: 2000,
    },
    PlanDef {
        id: "studio-yearly",
        name: "Studio (yearly)",
        description: "Studio, billed yearly: two months free.",
        price_minor: 99000,
        period: BillingPeriod::Yearly,
        seats: 10,
        storage_gb: 2000,
    },
    PlanDef {
        id: "enterprise-monthly",
        name: "Enterprise",
        description: "Fifty seats, 20 TB of storage, IP allow-lists and a named support contact.",
        price_minor: 49900,
        period: BillingPeriod::Monthly,
        seats: 50,
        storage_gb: 20000,
    },
];

fn to_plan(d: &PlanDef) -> Plan {
    Plan {
        id: d.id.to_string(),
        name: d.name.to_string(),
        // Words for the caller; the name stays, as invoices quote it.
        description: crate::locale::here(d.description).into_owned(),
        price: Money::new(Decimal::new(d.price_minor, 2), CURRENCY),
        period: d.period,
        seats: d.seats,
        storage_gb: d.storage_gb,
    }
}

pub fn catalogue() -> Vec<Plan> {
    CATALOGUE.iter().map(to_plan).collect()
}

pub fn plan(id: &str) -> Option<Plan> {
    CATALOGUE.iter().find(|d| d.id == id).map(to_plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn rounding_is_to_the_minor_unit_halves_away_from_zero() {
        assert_eq!(round_money(d("2.345"), "GBP"), d("2.35"));
        assert_eq!(round_money(d("-2.345"), "GBP"), d("-2.35"));
        assert_eq!(round_money(d("2.344"), "GBP"), d("2.34"));
        assert_eq!(round_money(d("1234.5"), "JPY"), d("1235"));
        assert_eq!(round_money(d("1.2345"), "KWD"), d("1.235"));
    }

    #[test]
    fn the_catalogue_is_consistent() {
        let plans = catalogue();
        assert!(plans
            .iter()
            .all(|p| p.price.amount.scale() == 2 && p.price.currency == CURRENCY));
        let ids: std::collections::BTreeSet<_> = plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), plans.len(), "unique ids");
        assert_eq!(
            plan("studio-yearly").map(|p| p.period),
            Some(BillingPeriod::Yearly)
        );
        assert!(plan("nope").is_none());
    }
}
