//! SQL for `VaultStore`, shared by both stores (rules as in `sql.rs`).

pub(crate) fn address_json(
    pm: &steward_types::billing::PaymentMethod,
) -> Result<Option<String>, sqlx::Error> {
    pm.billing_address
        .as_ref()
        .map(|a| serde_json::to_string(a).map_err(|e| sqlx::Error::Encode(Box::new(e))))
        .transpose()
}

macro_rules! impl_vault_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::VaultStore for $store {
            async fn insert_payment_method(
                &self,
                account_id: uuid::Uuid,
                pm: &steward_types::billing::PaymentMethod,
                vault_token: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                Self::write_payment_method(&mut tx, account_id, pm, vault_token, now).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn payment_methods(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<steward_types::billing::PaymentMethod>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, brand, last4, exp_month, exp_year, is_default, billing_address \
                     FROM payment_methods WHERE account_id = $1 ORDER BY is_default DESC, created_at, id",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let address: Option<String> = r.try_get("billing_address")?;
                        Ok(steward_types::billing::PaymentMethod {
                            id: r.try_get("id")?,
                            brand: r.try_get("brand")?,
                            last4: r.try_get("last4")?,
                            exp_month: u32::try_from(r.try_get::<i64, _>("exp_month")?).unwrap_or(0),
                            exp_year: u32::try_from(r.try_get::<i64, _>("exp_year")?).unwrap_or(0),
                            is_default: r.try_get::<i64, _>("is_default")? != 0,
                            state: steward_types::billing::CardState::Valid,
                            billing_address: address
                                .map(|a| {
                                    serde_json::from_str(&a).map_err(|_| {
                                        $crate::store::sql::decode_err("billing address", &a)
                                    })
                                })
                                .transpose()?,
                        })
                    })
                    .collect()
            }

            async fn set_default_payment_method(
                &self,
                account_id: uuid::Uuid,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let n = sqlx::query(
                    "UPDATE payment_methods SET is_default = CASE WHEN id = $1 THEN 1 ELSE 0 END \
                     WHERE account_id = $2 AND EXISTS (SELECT 1 FROM payment_methods WHERE id = $3 AND account_id = $4)",
                )
                .bind(id)
                .bind(account_id)
                .bind(id)
                .bind(account_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tx.commit().await?;
                Ok(n > 0)
            }

            async fn remove_payment_method(
                &self,
                account_id: uuid::Uuid,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query("DELETE FROM payment_methods WHERE account_id = $1 AND id = $2")
                    .bind(account_id)
                    .bind(id)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(n == 1)
            }

            async fn insert_card_entry(
                &self,
                e: &$crate::store::CardEntryRow,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO card_entries (id, account_id, token_hash, created_by, created_at, expires_at, \
                     completed_at, payment_method_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(e.id)
                .bind(e.account_id)
                .bind(&e.token_hash)
                .bind(e.created_by)
                .bind($crate::clock::to_millis(e.created_at))
                .bind($crate::clock::to_millis(e.expires_at))
                .bind(e.completed_at.map($crate::clock::to_millis))
                .bind(e.payment_method_id)
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn card_entry_by_token(
                &self,
                token_hash: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::CardEntryRow>> {
                let row = sqlx::query("SELECT id, account_id, token_hash, created_by, created_at, expires_at, completed_at, \
                     payment_method_id FROM card_entries WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| Self::card_entry_row(&r)).transpose()
            }

            async fn card_entry(
                &self,
                account_id: uuid::Uuid,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::CardEntryRow>> {
                let row = sqlx::query("SELECT id, account_id, token_hash, created_by, created_at, expires_at, completed_at, \
                     payment_method_id FROM card_entries WHERE account_id = $1 AND id = $2")
                .bind(account_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| Self::card_entry_row(&r)).transpose()
            }

            async fn complete_card_entry(
                &self,
                entry_id: uuid::Uuid,
                pm: &steward_types::billing::PaymentMethod,
                vault_token: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<$crate::store::CardEntryOutcome> {
                let at = $crate::clock::to_millis(now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // The claim is the first write: of two racing posts, the second
                // waits on this row and then finds it used.
                let claimed = sqlx::query(
                    "UPDATE card_entries SET completed_at = $1, payment_method_id = $2 \
                     WHERE id = $3 AND completed_at IS NULL AND expires_at > $4",
                )
                .bind(at)
                .bind(pm.id)
                .bind(entry_id)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claimed != 1 {
                    return Ok($crate::store::CardEntryOutcome::Unusable);
                }
                let account_id: uuid::Uuid =
                    sqlx::query_scalar("SELECT account_id FROM card_entries WHERE id = $1")
                        .bind(entry_id)
                        .fetch_one(&mut *tx)
                        .await?;
                Self::write_payment_method(&mut tx, account_id, pm, vault_token, now).await?;
                tx.commit().await?;
                Ok($crate::store::CardEntryOutcome::Added)
            }
        }

        impl $store {
            /// Inserts the card; it is the default if asked, or if it is the
            /// account's first.
            async fn write_payment_method(
                tx: &mut sqlx::Transaction<'_, $crate::store::sql::DbOf<$store>>,
                account_id: uuid::Uuid,
                pm: &steward_types::billing::PaymentMethod,
                vault_token: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                let others: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM payment_methods WHERE account_id = $1")
                        .bind(account_id)
                        .fetch_one(&mut **tx)
                        .await?;
                let is_default = pm.is_default || others == 0;
                if is_default {
                    sqlx::query("UPDATE payment_methods SET is_default = 0 WHERE account_id = $1")
                        .bind(account_id)
                        .execute(&mut **tx)
                        .await?;
                }
                sqlx::query(
                    "INSERT INTO payment_methods (id, account_id, vault_token, brand, last4, exp_month, exp_year, \
                     is_default, billing_address, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(pm.id)
                .bind(account_id)
                .bind(vault_token)
                .bind(&pm.brand)
                .bind(&pm.last4)
                .bind(i64::from(pm.exp_month))
                .bind(i64::from(pm.exp_year))
                .bind(i64::from(is_default))
                .bind($crate::store::sql_vault::address_json(pm)?)
                .bind($crate::clock::to_millis(now))
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            fn card_entry_row(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> $crate::store::StoreResult<$crate::store::CardEntryRow> {
                use sqlx::Row;
                Ok($crate::store::CardEntryRow {
                    id: r.try_get("id")?,
                    account_id: r.try_get("account_id")?,
                    token_hash: r.try_get("token_hash")?,
                    created_by: r.try_get("created_by")?,
                    created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                    expires_at: $crate::clock::from_millis(r.try_get("expires_at")?),
                    completed_at: r
                        .try_get::<Option<i64>, _>("completed_at")?
                        .map($crate::clock::from_millis),
                    payment_method_id: r.try_get("payment_method_id")?,
                })
            }
        }
    };
}

pub(crate) use impl_vault_store;
