//! Plan changes priced exactly. Same billing period: credit the unused part
//! of the current plan and charge the new one for the rest of the period.
//! A different period (monthly to yearly): credit the unused part and start
//! a new full period of the new plan now. Tax is computed on the subtotal,
//! once, and every amount is rounded to the minor unit once.
//!
//! Time is counted in whole days (from the start of the current UTC day), so
//! a preview and the change confirmed after it cost exactly the same.

use chrono::{DateTime, Months, Utc};
use rust_decimal::Decimal;
use steward_types::billing::{ChargeLine, Plan, ProrationPreview};

use super::{money, round_money, tax_rate, CURRENCY};

/// The end of a period of `months` starting at `start` (calendar months).
pub fn period_end(start: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(start)
}

/// The share of the period from `now` to `end`, exact to the millisecond,
/// clamped to [0, 1].
pub fn remaining_share(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>) -> Decimal {
    let total = (end - start).num_milliseconds();
    if total <= 0 {
        return Decimal::ZERO;
    }
    let left = (end - now).num_milliseconds().clamp(0, total);
    Decimal::from(left) / Decimal::from(total)
}

/// The outcome of a change, for the preview and for the change itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proration {
    pub preview: ProrationPreview,
    /// The new period: unchanged for the same period length, from `now` otherwise.
    pub new_period_start: DateTime<Utc>,
    pub new_period_end: DateTime<Utc>,
}

/// The start of `t`'s UTC day.
pub fn start_of_day(t: DateTime<Utc>) -> DateTime<Utc> {
    t.date_naive()
        .and_hms_opt(0, 0, 0)
        .map_or(t, |d| d.and_utc())
}

pub fn prorate(
    from: &Plan,
    to: &Plan,
    period_start: DateTime<Utc>,
    period_end_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Proration {
    let priced_at = start_of_day(now).max(period_start);
    let share = remaining_share(period_start, period_end_at, priced_at);
    let credit = round_money(from.price.amount * share, CURRENCY);
    let mut lines = Vec::new();
    let (charge, new_start, new_end) = if from.period == to.period {
        let charge = round_money(to.price.amount * share, CURRENCY);
        (charge, period_start, period_end_at)
    } else {
        // The new period starts when the credit stops: one instant for both.
        (
            to.price.amount,
            priced_at,
            period_end(priced_at, to.period.months()),
        )
    };
    if credit != Decimal::ZERO {
        lines.push(ChargeLine {
            description: format!("Unused time on {}", from.name),
            amount: money(-credit),
        });
    }
    if charge != Decimal::ZERO {
        lines.push(ChargeLine {
            description: if from.period == to.period {
                format!("{} for the rest of the period", to.name)
            } else {
                format!(
                    "{}, first {}",
                    to.name,
                    if to.period.months() == 12 {
                        "year"
                    } else {
                        "month"
                    }
                )
            },
            amount: money(charge),
        });
    }
    let subtotal = charge - credit;
    let tax = round_money(subtotal * tax_rate(), CURRENCY);
    Proration {
        preview: ProrationPreview {
            from_plan: from.id.clone(),
            to_plan: to.id.clone(),
            effective_at: now,
            period_end: new_end,
            lines,
            subtotal: money(subtotal),
            tax_rate: tax_rate(),
            tax: money(tax),
            total: money(subtotal + tax),
        },
        new_period_start: new_start,
        new_period_end: new_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::plan;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;
    use std::str::FromStr;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_767_225_600 + secs, 0)
            .single()
            .expect("time") // 2026-01-01
    }

    fn p(id: &str) -> Plan {
        plan(id).expect("plan")
    }

    #[test]
    fn halfway_through_a_month_upgrade_costs_half_the_difference_plus_vat() {
        let start = Utc
            .with_ymd_and_hms(2026, 4, 1, 0, 0, 0)
            .single()
            .expect("t");
        let end = period_end(start, 1);
        let now = start + (end - start) / 2;
        let r = prorate(&p("starter-monthly"), &p("studio-monthly"), start, end, now);
        // (99.00 - 29.00) / 2 = 35.00; VAT 20% = 7.00.
        assert_eq!(
            r.preview.subtotal.amount,
            Decimal::from_str("35.00").expect("d")
        );
        assert_eq!(r.preview.tax.amount, Decimal::from_str("7.00").expect("d"));
        assert_eq!(
            r.preview.total.amount,
            Decimal::from_str("42.00").expect("d")
        );
        assert_eq!(
            (r.new_period_start, r.new_period_end),
            (start, end),
            "same period kept"
        );
    }

    #[test]
    fn a_preview_holds_for_the_rest_of_the_day() {
        let start = Utc
            .with_ymd_and_hms(2026, 4, 1, 0, 0, 0)
            .single()
            .expect("t");
        let end = period_end(start, 1);
        let morning = Utc
            .with_ymd_and_hms(2026, 4, 11, 8, 0, 0)
            .single()
            .expect("t");
        let evening = Utc
            .with_ymd_and_hms(2026, 4, 11, 23, 59, 59)
            .single()
            .expect("t");
        let a = prorate(
            &p("starter-monthly"),
            &p("studio-monthly"),
            start,
            end,
            morning,
        );
        let b = prorate(
            &p("starter-monthly"),
            &p("studio-monthly"),
            start,
            end,
            evening,
        );
        assert_eq!(
            a.preview.total, b.preview.total,
            "confirming later that day costs the same"
        );
    }

    #[test]
    fn downgrades_are_credits_and_period_changes_start_a_new_period() {
        let start = at(0);
        let end = period_end(start, 1);
        let r = prorate(
            &p("enterprise-monthly"),
            &p("starter-monthly"),
            start,
            end,
            start,
        );
        assert!(
            r.preview.total.amount < Decimal::ZERO,
            "a credit: {:?}",
            r.preview.total
        );
        let now = start + Duration::days(10);
        let y = prorate(&p("studio-monthly"), &p("studio-yearly"), start, end, now);
        assert_eq!(
            y.new_period_start,
            start_of_day(now),
            "from the instant the credit is priced"
        );
        assert_eq!(y.new_period_end, period_end(start_of_day(now), 12));
        assert!(y
            .preview
            .lines
            .iter()
            .any(|l| l.amount.amount == Decimal::from_str("990.00").expect("d")));
    }

    fn plans() -> impl Strategy<Value = Plan> {
        prop::sample::select(crate::billing::catalogue())
    }

    proptest! {
        /// Every amount is exact to the penny; the parts add up to the total
        /// without drift; a change to the same plan costs nothing; credit and
        /// charge never exceed a full period's price.
        #[test]
        fn prorations_add_up_exactly(from in plans(), to in plans(), offset in 0i64..(31 * 86_400)) {
            let start = at(0);
            let end = period_end(start, from.period.months());
            let now = at(offset.min((end - start).num_seconds()));
            let r = prorate(&from, &to, start, end, now).preview;
            for m in [&r.subtotal, &r.tax, &r.total] {
                prop_assert!(m.amount.scale() <= 2, "{m:?}");
                prop_assert_eq!(&m.currency, "GBP");
            }
            let lines: Decimal = r.lines.iter().map(|l| l.amount.amount).sum();
            prop_assert_eq!(lines, r.subtotal.amount);
            prop_assert_eq!(r.subtotal.amount + r.tax.amount, r.total.amount);
            prop_assert!(r.lines.iter().all(|l| l.amount.amount.abs() <= from.price.amount.max(to.price.amount)));
            if from.id == to.id {
                prop_assert_eq!(r.total.amount, Decimal::ZERO);
            }
        }

        /// A year of monthly invoices: summing per-invoice rounded figures
        /// gives the same totals as the invoices state (no drift), and
        /// per-invoice tax never differs from the exact tax by more than half a penny.
        #[test]
        fn a_year_of_invoices_has_no_rounding_drift(prices in prop::collection::vec(1i64..10_000_000, 12)) {
            let mut sum_sub = Decimal::ZERO;
            let mut sum_tax = Decimal::ZERO;
            let mut sum_total = Decimal::ZERO;
            for minor in prices {
                let subtotal = Decimal::new(minor, 2);
                let exact_tax = subtotal * tax_rate();
                let tax = round_money(exact_tax, CURRENCY);
                prop_assert!((tax - exact_tax).abs() <= Decimal::new(5, 3));
                sum_sub += subtotal;
                sum_tax += tax;
                sum_total += subtotal + tax;
            }
            prop_assert_eq!(sum_sub + sum_tax, sum_total);
        }
    }
}
