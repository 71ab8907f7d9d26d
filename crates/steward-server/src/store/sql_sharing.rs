//! SQL for `SharingStore`, shared by both stores (rules as in `sql.rs`).

pub(crate) fn list(json: &str) -> Result<Vec<String>, sqlx::Error> {
    serde_json::from_str(json).map_err(|_| crate::store::sql::decode_err("string list", json))
}

pub(crate) fn to_json(list: &[String]) -> Result<String, sqlx::Error> {
    serde_json::to_string(list).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

macro_rules! impl_sharing_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::SharingStore for $store {
            async fn sharing(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<$crate::store::SharingRow> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT share_none, opted_out, version FROM sharing_settings WHERE account_id = $1",
                )
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    Ok($crate::store::SharingRow {
                        share_none: r.try_get::<i64, _>("share_none")? != 0,
                        opted_out: $crate::store::sql_sharing::list(&r.try_get::<String, _>("opted_out")?)?,
                        version: r.try_get("version")?,
                    })
                })
                .transpose()
                .map(Option::unwrap_or_default)
            }

            async fn write_sharing(
                &self,
                account_id: uuid::Uuid,
                expected_version: i64,
                choice: &$crate::store::SharingRow,
                actor_user_id: uuid::Uuid,
                receipts: &[$crate::store::NewReceipt],
            ) -> $crate::store::StoreResult<bool> {
                let opted_out = $crate::store::sql_sharing::to_json(&choice.opted_out)?;
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // Takes the same row lock as every export (see record_export).
                let n = sqlx::query(
                    "UPDATE sharing_settings SET share_none = $1, opted_out = $2, version = version + 1 \
                     WHERE account_id = $3 AND version = $4",
                )
                .bind(i64::from(choice.share_none))
                .bind(&opted_out)
                .bind(account_id)
                .bind(expected_version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    if expected_version != 0 {
                        return Ok(false);
                    }
                    let inserted = sqlx::query(
                        "INSERT INTO sharing_settings (account_id, share_none, opted_out, version, exports) \
                         VALUES ($1, $2, $3, 1, 0) ON CONFLICT (account_id) DO NOTHING",
                    )
                    .bind(account_id)
                    .bind(i64::from(choice.share_none))
                    .bind(&opted_out)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if inserted == 0 {
                        return Ok(false);
                    }
                }
                for r in receipts {
                    Self::write_receipt(&mut tx, actor_user_id, r).await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn record_export(
                &self,
                account_id: uuid::Uuid,
                partner_id: &str,
                categories: &[String],
                reason: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<$crate::store::ExportOutcome> {
                use sqlx::Row;
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // First statement: lock the account's sharing row (a write
                // lock on SQLite), so an opt-out cannot commit in between.
                sqlx::query(
                    "INSERT INTO sharing_settings (account_id, share_none, opted_out, version, exports) \
                     VALUES ($1, 0, '[]', 0, 1) \
                     ON CONFLICT (account_id) DO UPDATE SET exports = sharing_settings.exports + 1",
                )
                .bind(account_id)
                .execute(&mut *tx)
                .await?;
                let row = sqlx::query(
                    "SELECT share_none, opted_out FROM sharing_settings WHERE account_id = $1",
                )
                .bind(account_id)
                .fetch_one(&mut *tx)
                .await?;
                let share_none = row.try_get::<i64, _>("share_none")? != 0;
                let opted_out = $crate::store::sql_sharing::list(&row.try_get::<String, _>("opted_out")?)?;
                if share_none || opted_out.iter().any(|p| p == partner_id) {
                    tx.rollback().await?;
                    return Ok($crate::store::ExportOutcome::OptedOut);
                }
                let id = uuid::Uuid::now_v7();
                sqlx::query(
                    "INSERT INTO sharing_ledger (id, account_id, partner_id, categories, reason, at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(account_id)
                .bind(partner_id)
                .bind($crate::store::sql_sharing::to_json(categories)?)
                .bind(reason)
                .bind($crate::clock::to_millis(now))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok($crate::store::ExportOutcome::Recorded(id))
            }

            async fn ledger(
                &self,
                account_id: uuid::Uuid,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::LedgerRow>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, partner_id, categories, reason, at FROM sharing_ledger \
                     WHERE account_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
                )
                .bind(account_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok($crate::store::LedgerRow {
                            id: r.try_get("id")?,
                            partner_id: r.try_get("partner_id")?,
                            categories: $crate::store::sql_sharing::list(&r.try_get::<String, _>("categories")?)?,
                            reason: r.try_get("reason")?,
                            at: $crate::clock::from_millis(r.try_get("at")?),
                        })
                    })
                    .collect()
            }

            async fn cookie_consent(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::CookieRow>> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT preferences, analytics, version, decided_at FROM cookie_consent WHERE user_id = $1",
                )
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    Ok($crate::store::CookieRow {
                        preferences: r.try_get::<i64, _>("preferences")? != 0,
                        analytics: r.try_get::<i64, _>("analytics")? != 0,
                        version: r.try_get("version")?,
                        decided_at: $crate::clock::from_millis(r.try_get("decided_at")?),
                    })
                })
                .transpose()
            }

            async fn write_cookie_consent(
                &self,
                user_id: uuid::Uuid,
                expected_version: i64,
                preferences: bool,
                analytics: bool,
                receipts: &[$crate::store::NewReceipt],
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let at = $crate::clock::to_millis(now);
                let n = if expected_version == 0 {
                    sqlx::query(
                        "INSERT INTO cookie_consent (user_id, preferences, analytics, version, decided_at) \
                         VALUES ($1, $2, $3, 1, $4) ON CONFLICT (user_id) DO NOTHING",
                    )
                    .bind(user_id)
                    .bind(i64::from(preferences))
                    .bind(i64::from(analytics))
                    .bind(at)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                } else {
                    sqlx::query(
                        "UPDATE cookie_consent SET preferences = $1, analytics = $2, version = version + 1, \
                         decided_at = $3 WHERE user_id = $4 AND version = $5",
                    )
                    .bind(i64::from(preferences))
                    .bind(i64::from(analytics))
                    .bind(at)
                    .bind(user_id)
                    .bind(expected_version)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                };
                if n != 1 {
                    return Ok(false);
                }
                for r in receipts {
                    Self::write_receipt(&mut tx, user_id, r).await?;
                }
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

pub(crate) use impl_sharing_store;
