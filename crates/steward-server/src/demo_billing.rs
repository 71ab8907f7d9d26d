//! Demo billing data (issue 4): three years of monthly invoices (one
//! refunded, one void, the latest open), a license renewing soon, usage that
//! varies by month, a default card and an expired one.

use chrono::{DateTime, Datelike, Duration, Months, Utc};
use rust_decimal::Decimal;
use steward_types::billing::{
    CardState, InvoiceLine, InvoiceStatus, License, LicenseEvent, Money, PaymentMethod,
    SubscriptionStatus, UsageMonth,
};
use uuid::Uuid;

use crate::billing::{self, proration, round_money, tax_rate, CURRENCY};
use crate::store::{NewInvoice, Store, SubscriptionRow};

const MONTHS_OF_INVOICES: u32 = 36;

fn month_start(t: DateTime<Utc>) -> DateTime<Utc> {
    t.date_naive()
        .with_day(1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(t, |d| d.and_utc())
}

pub async fn seed(store: &dyn Store, now: DateTime<Utc>, company: Uuid) -> anyhow::Result<()> {
    let this_month = month_start(now);
    store
        .create_subscription(
            company,
            &SubscriptionRow {
                plan_id: "studio-monthly".into(),
                status: SubscriptionStatus::Active,
                period_start: this_month,
                period_end: proration::period_end(this_month, 1),
                cancel_reason: None,
                version: 1,
            },
        )
        .await?;

    let studio =
        billing::plan("studio-monthly").ok_or_else(|| anyhow::anyhow!("catalogue lacks studio"))?;
    let mut invoices = Vec::new();
    for back in (0..MONTHS_OF_INVOICES).rev() {
        let issued = this_month
            .checked_sub_months(Months::new(back))
            .unwrap_or(this_month);
        let seq = i64::from(MONTHS_OF_INVOICES - back);
        // Extra seats in some months make the totals vary.
        let extra = Decimal::from(i64::from(back % 4)) * Decimal::new(900, 2);
        let mut lines = vec![InvoiceLine {
            description: format!("{} plan, {}", studio.name, issued.format("%B %Y")),
            quantity: 1,
            unit_price: studio.price.clone(),
            amount: studio.price.clone(),
        }];
        if extra > Decimal::ZERO {
            lines.push(InvoiceLine {
                description: "Extra seats".into(),
                quantity: back % 4,
                unit_price: Money::new(Decimal::new(900, 2), CURRENCY),
                amount: Money::new(extra, CURRENCY),
            });
        }
        let subtotal = studio.price.amount + extra;
        let tax = round_money(subtotal * tax_rate(), CURRENCY);
        let status = match back {
            0 => InvoiceStatus::Open,
            7 => InvoiceStatus::Refunded,
            19 => InvoiceStatus::Void,
            _ => InvoiceStatus::Paid,
        };
        invoices.push(NewInvoice {
            account_id: company,
            number: crate::store::invoice_number(company, seq),
            issued_at: issued,
            due_at: issued + Duration::days(14),
            paid_at: matches!(status, InvoiceStatus::Paid | InvoiceStatus::Refunded)
                .then(|| issued + Duration::days(3)),
            status,
            lines,
            subtotal,
            tax_rate: tax_rate(),
            tax,
            total: subtotal + tax,
            currency: CURRENCY.into(),
        });
    }
    store.insert_invoices(&invoices).await?;

    let term_start = now - Duration::days(345);
    let (first_seats, seats) = (15, 25);
    store
        .insert_license(
            company,
            &License {
                id: Uuid::now_v7(),
                product: "Steward Media Delivery".into(),
                seats,
                term_start,
                term_end: term_start + Duration::days(365),
                auto_renew: true,
                history: vec![
                    LicenseEvent {
                        at: term_start - Duration::days(365),
                        kind: "issued".into(),
                        detail: format!("{first_seats} seats, one year"),
                    },
                    LicenseEvent {
                        at: term_start,
                        kind: "renewed".into(),
                        detail: "Renewed for one year".into(),
                    },
                    LicenseEvent {
                        at: term_start + Duration::days(120),
                        kind: "seats_changed".into(),
                        detail: format!("{first_seats} → {seats} seats"),
                    },
                ],
            },
        )
        .await?;

    // Usage: seasonal, growing, never the same twice (a fixed pattern, not random).
    let months: Vec<UsageMonth> = (0..24u32)
        .map(|i| {
            let m = this_month
                .checked_sub_months(Months::new(23 - i))
                .unwrap_or(this_month);
            let season = [3, 2, 4, 5, 6, 4, 3, 2, 5, 7, 9, 8][m.month0() as usize];
            let downloads = 40_000 + u64::from(i) * 1_500 + season * 4_000;
            UsageMonth {
                month: format!("{:04}-{:02}", m.year(), m.month()),
                downloads,
                bandwidth_gb: Decimal::new(i64::try_from(downloads).unwrap_or(0) * 21, 3),
                storage_gb: Decimal::new(120_000 + i64::from(i) * 4_250, 3),
            }
        })
        .collect();
    store.put_usage(company, &months).await?;

    // Cards: what the vault leaves us (token, brand, last four, expiry,
    // billing address).
    let address = steward_types::profile::PostalAddress {
        country: "GB".into(),
        line1: "12 Wharf Road".into(),
        line2: None,
        locality: "London".into(),
        region: None,
        postal_code: Some("N1 7GR".into()),
    };
    let cards = [
        ("visa", "4242", 9, now.year() + 2, true),
        ("mastercard", "5454", 1, now.year() - 1, false),
    ];
    for (brand, last4, month, year, is_default) in cards {
        let pm = PaymentMethod {
            id: Uuid::now_v7(),
            brand: brand.into(),
            last4: last4.into(),
            exp_month: month,
            exp_year: u32::try_from(year).unwrap_or(0),
            is_default,
            state: CardState::Valid,
            billing_address: Some(address.clone()),
        };
        store
            .insert_payment_method(company, &pm, &format!("demo_vault_{}", pm.id.simple()), now)
            .await?;
    }
    Ok(())
}

/// Invoices numbered `range` (from 0) for one account, one a day going
/// back from `now`, for tests and benchmarks of large accounts (the export,
/// PR-15). A range, so a benchmark can insert batch by batch.
pub fn large_invoices(
    account_id: Uuid,
    now: DateTime<Utc>,
    range: std::ops::Range<u32>,
) -> Vec<NewInvoice> {
    let price = Money::new(Decimal::new(4900, 2), CURRENCY);
    range
        .map(|i| {
            let issued = now - Duration::days(i64::from(i));
            let subtotal = price.amount;
            let tax = round_money(subtotal * tax_rate(), CURRENCY);
            NewInvoice {
                account_id,
                number: crate::store::invoice_number(account_id, i64::from(i) + 1),
                issued_at: issued,
                due_at: issued + Duration::days(14),
                paid_at: Some(issued + Duration::days(2)),
                status: InvoiceStatus::Paid,
                lines: vec![InvoiceLine {
                    description: format!("Studio plan, day {}", i + 1),
                    quantity: 1,
                    unit_price: price.clone(),
                    amount: price.clone(),
                }],
                subtotal,
                tax_rate: tax_rate(),
                tax,
                total: subtotal + tax,
                currency: CURRENCY.into(),
            }
        })
        .collect()
}
