//! SQL for `BillingStore`, shared by both stores (rules as in `sql.rs`).
//! Decimals are stored as text and parsed back exactly.

pub(crate) fn dec(value: &str) -> Result<rust_decimal::Decimal, sqlx::Error> {
    value
        .parse()
        .map_err(|_| crate::store::sql::decode_err("decimal", value))
}

/// `INV-<first 8 hex digits of the account>-<sequence>`: sequential and
/// unique within an account (the prefix alone does not identify one).
pub fn invoice_number(account_id: uuid::Uuid, sequence: i64) -> String {
    let short: String = account_id.simple().to_string().chars().take(8).collect();
    format!("INV-{}-{sequence:05}", short.to_uppercase())
}

macro_rules! impl_billing_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::BillingStore for $store {
            async fn subscription(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::SubscriptionRow>> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT plan_id, status, period_start, period_end, cancel_reason, version \
                     FROM subscriptions WHERE account_id = $1",
                )
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    let status: String = r.try_get("status")?;
                    Ok($crate::store::SubscriptionRow {
                        plan_id: r.try_get("plan_id")?,
                        status: steward_types::billing::SubscriptionStatus::parse(&status)
                            .ok_or_else(|| $crate::store::sql::decode_err("subscription status", &status))?,
                        period_start: $crate::clock::from_millis(r.try_get("period_start")?),
                        period_end: $crate::clock::from_millis(r.try_get("period_end")?),
                        cancel_reason: r.try_get("cancel_reason")?,
                        version: r.try_get("version")?,
                    })
                })
                .transpose()
            }

            async fn create_subscription(
                &self,
                account_id: uuid::Uuid,
                row: &$crate::store::SubscriptionRow,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO subscriptions (account_id, plan_id, status, period_start, period_end, \
                     cancel_reason, version) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(account_id)
                .bind(&row.plan_id)
                .bind(row.status.as_str())
                .bind($crate::clock::to_millis(row.period_start))
                .bind($crate::clock::to_millis(row.period_end))
                .bind(&row.cancel_reason)
                .bind(row.version)
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn idempotency(
                &self,
                account_id: uuid::Uuid,
                key: &str,
            ) -> $crate::store::StoreResult<Option<(String, String)>> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT request_hash, response FROM idempotency_keys WHERE account_id = $1 AND idem_key = $2",
                )
                .bind(account_id)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| Ok((r.try_get("request_hash")?, r.try_get("response")?)))
                    .transpose()
            }

            async fn commit_billing_change(
                &self,
                c: $crate::store::BillingChange,
            ) -> $crate::store::StoreResult<$crate::store::ChangeOutcome> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // The key first: it takes the lock, and a second request with
                // the same key waits here, then finds it taken.
                let claimed = sqlx::query(
                    "INSERT INTO idempotency_keys (account_id, idem_key, request_hash, response, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, idem_key) DO NOTHING",
                )
                .bind(c.account_id)
                .bind(&c.idem_key)
                .bind(&c.request_hash)
                .bind(&c.response)
                .bind($crate::clock::to_millis(c.now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claimed != 1 {
                    drop(tx);
                    return match self.idempotency(c.account_id, &c.idem_key).await? {
                        Some((request_hash, response)) => {
                            Ok($crate::store::ChangeOutcome::Replay { request_hash, response })
                        }
                        None => Ok($crate::store::ChangeOutcome::Stale),
                    };
                }
                let s = &c.subscription;
                let updated = sqlx::query(
                    "UPDATE subscriptions SET plan_id = $1, status = $2, period_start = $3, period_end = $4, \
                     cancel_reason = $5, version = version + 1 WHERE account_id = $6 AND version = $7",
                )
                .bind(&s.plan_id)
                .bind(s.status.as_str())
                .bind($crate::clock::to_millis(s.period_start))
                .bind($crate::clock::to_millis(s.period_end))
                .bind(&s.cancel_reason)
                .bind(c.account_id)
                .bind(c.expected_version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if updated != 1 {
                    return Ok($crate::store::ChangeOutcome::Stale);
                }
                if let Some(invoice) = &c.invoice {
                    Self::write_invoice(&mut tx, invoice).await?;
                }
                tx.commit().await?;
                Ok($crate::store::ChangeOutcome::Applied)
            }

            async fn insert_invoices(
                &self,
                invoices: &[$crate::store::NewInvoice],
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                for invoice in invoices {
                    Self::write_invoice(&mut tx, invoice).await?;
                }
                tx.commit().await
            }

            async fn invoices(
                &self,
                account_id: uuid::Uuid,
                q: &$crate::store::InvoiceQuery,
            ) -> $crate::store::StoreResult<Vec<steward_types::billing::InvoiceSummary>> {
                use sqlx::Row;
                let (after_at, after_id) = match q.after {
                    Some((at, id)) => (Some($crate::clock::to_millis(at)), id),
                    None => (None, uuid::Uuid::nil()),
                };
                let rows = sqlx::query(
                    "SELECT id, number, issued_at, due_at, status, currency, total FROM invoices \
                     WHERE account_id = $1 AND ($2 IS NULL OR status = $2) \
                     AND ($3 IS NULL OR issued_at >= $3) AND ($4 IS NULL OR issued_at < $4) \
                     AND ($5 IS NULL OR issued_at < $5 OR (issued_at = $5 AND id < $6)) \
                     ORDER BY issued_at DESC, id DESC LIMIT $7",
                )
                .bind(account_id)
                .bind(q.status.map(|s| s.as_str()))
                .bind(q.from.map($crate::clock::to_millis))
                .bind(q.to.map($crate::clock::to_millis))
                .bind(after_at)
                .bind(after_id)
                .bind(q.limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let status: String = r.try_get("status")?;
                        let currency: String = r.try_get("currency")?;
                        let total: String = r.try_get("total")?;
                        Ok(steward_types::billing::InvoiceSummary {
                            id: r.try_get("id")?,
                            number: r.try_get("number")?,
                            issued_at: $crate::clock::from_millis(r.try_get("issued_at")?),
                            due_at: $crate::clock::from_millis(r.try_get("due_at")?),
                            status: steward_types::billing::InvoiceStatus::parse(&status)
                                .ok_or_else(|| $crate::store::sql::decode_err("invoice status", &status))?,
                            total: steward_types::billing::Money::new($crate::store::sql_billing::dec(&total)?, &currency),
                        })
                    })
                    .collect()
            }

            async fn invoice(
                &self,
                account_id: uuid::Uuid,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<steward_types::billing::Invoice>> {
                use sqlx::Row;
                let Some(r) = sqlx::query(
                    "SELECT id, number, issued_at, due_at, paid_at, status, currency, subtotal, tax_rate, tax, total \
                     FROM invoices WHERE account_id = $1 AND id = $2",
                )
                .bind(account_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                else {
                    return Ok(None);
                };
                let currency: String = r.try_get("currency")?;
                let money = |col: &str| -> Result<steward_types::billing::Money, sqlx::Error> {
                    let v: String = r.try_get(col)?;
                    Ok(steward_types::billing::Money::new($crate::store::sql_billing::dec(&v)?, &currency))
                };
                let status: String = r.try_get("status")?;
                let tax_rate: String = r.try_get("tax_rate")?;
                let lines = sqlx::query(
                    "SELECT description, quantity, unit_price, amount FROM invoice_lines \
                     WHERE invoice_id = $1 ORDER BY position",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|l| {
                    let unit: String = l.try_get("unit_price")?;
                    let amount: String = l.try_get("amount")?;
                    Ok(steward_types::billing::InvoiceLine {
                        description: l.try_get("description")?,
                        quantity: u32::try_from(l.try_get::<i64, _>("quantity")?).unwrap_or(0),
                        unit_price: steward_types::billing::Money::new($crate::store::sql_billing::dec(&unit)?, &currency),
                        amount: steward_types::billing::Money::new($crate::store::sql_billing::dec(&amount)?, &currency),
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
                Ok(Some(steward_types::billing::Invoice {
                    id: r.try_get("id")?,
                    number: r.try_get("number")?,
                    issued_at: $crate::clock::from_millis(r.try_get("issued_at")?),
                    due_at: $crate::clock::from_millis(r.try_get("due_at")?),
                    paid_at: r.try_get::<Option<i64>, _>("paid_at")?.map($crate::clock::from_millis),
                    status: steward_types::billing::InvoiceStatus::parse(&status)
                        .ok_or_else(|| $crate::store::sql::decode_err("invoice status", &status))?,
                    lines,
                    subtotal: money("subtotal")?,
                    tax_rate: $crate::store::sql_billing::dec(&tax_rate)?,
                    tax: money("tax")?,
                    total: money("total")?,
                }))
            }

            async fn invoice_count(&self, account_id: uuid::Uuid) -> $crate::store::StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE account_id = $1")
                    .bind(account_id)
                    .fetch_one(&self.pool)
                    .await
            }

            async fn insert_license(
                &self,
                account_id: uuid::Uuid,
                l: &steward_types::billing::License,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                sqlx::query(
                    "INSERT INTO licenses (id, account_id, product, seats, term_start, term_end, auto_renew) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(l.id)
                .bind(account_id)
                .bind(&l.product)
                .bind(i64::from(l.seats))
                .bind($crate::clock::to_millis(l.term_start))
                .bind($crate::clock::to_millis(l.term_end))
                .bind(i64::from(l.auto_renew))
                .execute(&mut *tx)
                .await?;
                for e in &l.history {
                    sqlx::query("INSERT INTO license_events (license_id, at, kind, detail) VALUES ($1, $2, $3, $4)")
                        .bind(l.id)
                        .bind($crate::clock::to_millis(e.at))
                        .bind(&e.kind)
                        .bind(&e.detail)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await
            }

            async fn licenses(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<steward_types::billing::License>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, product, seats, term_start, term_end, auto_renew FROM licenses \
                     WHERE account_id = $1 ORDER BY term_end, id",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let id: uuid::Uuid = r.try_get("id")?;
                    let history = sqlx::query(
                        "SELECT at, kind, detail FROM license_events WHERE license_id = $1 ORDER BY at DESC",
                    )
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?
                    .into_iter()
                    .map(|e| {
                        Ok(steward_types::billing::LicenseEvent {
                            at: $crate::clock::from_millis(e.try_get("at")?),
                            kind: e.try_get("kind")?,
                            detail: e.try_get("detail")?,
                        })
                    })
                    .collect::<Result<Vec<_>, sqlx::Error>>()?;
                    out.push(steward_types::billing::License {
                        id,
                        product: r.try_get("product")?,
                        seats: u32::try_from(r.try_get::<i64, _>("seats")?).unwrap_or(0),
                        term_start: $crate::clock::from_millis(r.try_get("term_start")?),
                        term_end: $crate::clock::from_millis(r.try_get("term_end")?),
                        auto_renew: r.try_get::<i64, _>("auto_renew")? != 0,
                        history,
                    });
                }
                Ok(out)
            }

            async fn put_usage(
                &self,
                account_id: uuid::Uuid,
                months: &[steward_types::billing::UsageMonth],
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                for m in months {
                    sqlx::query(
                        "INSERT INTO usage_months (account_id, month, downloads, bandwidth_gb, storage_gb) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, month) DO UPDATE SET \
                         downloads = excluded.downloads, bandwidth_gb = excluded.bandwidth_gb, \
                         storage_gb = excluded.storage_gb",
                    )
                    .bind(account_id)
                    .bind(&m.month)
                    .bind(i64::try_from(m.downloads).unwrap_or(i64::MAX))
                    .bind(m.bandwidth_gb.to_string())
                    .bind(m.storage_gb.to_string())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await
            }

            async fn usage(
                &self,
                account_id: uuid::Uuid,
                from: &str,
            ) -> $crate::store::StoreResult<Vec<steward_types::billing::UsageMonth>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT month, downloads, bandwidth_gb, storage_gb FROM usage_months \
                     WHERE account_id = $1 AND month >= $2 ORDER BY month",
                )
                .bind(account_id)
                .bind(from)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let bw: String = r.try_get("bandwidth_gb")?;
                        let st: String = r.try_get("storage_gb")?;
                        Ok(steward_types::billing::UsageMonth {
                            month: r.try_get("month")?,
                            downloads: u64::try_from(r.try_get::<i64, _>("downloads")?).unwrap_or(0),
                            bandwidth_gb: $crate::store::sql_billing::dec(&bw)?,
                            storage_gb: $crate::store::sql_billing::dec(&st)?,
                        })
                    })
                    .collect()
            }
        }

        impl $store {
            async fn write_invoice(
                tx: &mut sqlx::Transaction<'_, $crate::store::sql::DbOf<$store>>,
                i: &$crate::store::NewInvoice,
            ) -> $crate::store::StoreResult<()> {
                let id = uuid::Uuid::now_v7();
                // No number given: the next in the account's sequence, counted
                // inside the transaction that already holds the account's lock.
                let number = if i.number.is_empty() {
                    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE account_id = $1")
                        .bind(i.account_id)
                        .fetch_one(&mut **tx)
                        .await?;
                    $crate::store::sql_billing::invoice_number(i.account_id, n + 1)
                } else {
                    i.number.clone()
                };
                sqlx::query(
                    "INSERT INTO invoices (id, account_id, number, issued_at, due_at, paid_at, status, currency, \
                     subtotal, tax_rate, tax, total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(id)
                .bind(i.account_id)
                .bind(&number)
                .bind($crate::clock::to_millis(i.issued_at))
                .bind($crate::clock::to_millis(i.due_at))
                .bind(i.paid_at.map($crate::clock::to_millis))
                .bind(i.status.as_str())
                .bind(&i.currency)
                .bind(i.subtotal.to_string())
                .bind(i.tax_rate.to_string())
                .bind(i.tax.to_string())
                .bind(i.total.to_string())
                .execute(&mut **tx)
                .await?;
                for (position, line) in i.lines.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price, amount) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(id)
                    .bind(i64::try_from(position).unwrap_or(i64::MAX))
                    .bind(&line.description)
                    .bind(i64::from(line.quantity))
                    .bind(line.unit_price.amount.to_string())
                    .bind(line.amount.amount.to_string())
                    .execute(&mut **tx)
                    .await?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_billing_store;
