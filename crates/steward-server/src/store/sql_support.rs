//! SQL for `SupportStore`, shared by both stores (rules as in `sql.rs`).

macro_rules! impl_support_store {
    ($store:ty) => {
        impl $store {
            fn caller_row(
                row: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> Result<$crate::store::CallerCheckRow, sqlx::Error> {
                use sqlx::Row;
                Ok($crate::store::CallerCheckRow {
                    id: row.try_get("id")?,
                    account_id: row.try_get("account_id")?,
                    user_id: row.try_get("user_id")?,
                    user_name: row.try_get("display_name")?,
                    staff_user_id: row.try_get("staff_user_id")?,
                    method: row.try_get("method")?,
                    passed: row.try_get::<i64, _>("passed")? != 0,
                    checked_at: $crate::clock::from_millis(row.try_get("checked_at")?),
                    valid_until: $crate::clock::from_millis(row.try_get("valid_until")?),
                })
            }

            fn acting_row(
                row: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> Result<$crate::store::ActingRow, sqlx::Error> {
                use sqlx::Row;
                Ok($crate::store::ActingRow {
                    id: row.try_get("id")?,
                    staff_user_id: row.try_get("staff_user_id")?,
                    account_id: row.try_get("account_id")?,
                    reason: row.try_get("reason")?,
                    ticket: row.try_get("ticket")?,
                    started_at: $crate::clock::from_millis(row.try_get("started_at")?),
                    expires_at: $crate::clock::from_millis(row.try_get("expires_at")?),
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::SupportStore for $store {
            async fn support_pin(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<(String, chrono::DateTime<chrono::Utc>)>> {
                use sqlx::Row;
                sqlx::query("SELECT pin_hash, set_at FROM support_pins WHERE user_id = $1")
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| Ok((r.try_get("pin_hash")?, $crate::clock::from_millis(r.try_get("set_at")?))))
                    .transpose()
            }

            async fn set_support_pin(
                &self,
                user_id: uuid::Uuid,
                hash: Option<&str>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                match hash {
                    Some(h) => sqlx::query(
                        "INSERT INTO support_pins (user_id, pin_hash, set_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (user_id) DO UPDATE SET pin_hash = excluded.pin_hash, set_at = excluded.set_at",
                    )
                    .bind(user_id)
                    .bind(h)
                    .bind($crate::clock::to_millis(now))
                    .execute(&self.pool)
                    .await
                    .map(|_| ()),
                    None => sqlx::query("DELETE FROM support_pins WHERE user_id = $1")
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map(|_| ()),
                }
            }

            async fn put_caller_code(
                &self,
                user_id: uuid::Uuid,
                hash: &str,
                now: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO caller_codes (user_id, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash, \
                     created_at = excluded.created_at, expires_at = excluded.expires_at",
                )
                .bind(user_id)
                .bind(hash)
                .bind($crate::clock::to_millis(now))
                .bind($crate::clock::to_millis(expires_at))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn caller_code(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<(String, chrono::DateTime<chrono::Utc>)>> {
                use sqlx::Row;
                sqlx::query("SELECT code_hash, expires_at FROM caller_codes WHERE user_id = $1")
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| Ok((r.try_get("code_hash")?, $crate::clock::from_millis(r.try_get("expires_at")?))))
                    .transpose()
            }

            async fn drop_caller_code(&self, user_id: uuid::Uuid) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM caller_codes WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
            }

            async fn record_caller_check(
                &self,
                c: &$crate::store::CallerCheckRow,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO caller_checks (id, account_id, user_id, staff_user_id, method, passed, \
                     checked_at, valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(c.id)
                .bind(c.account_id)
                .bind(c.user_id)
                .bind(c.staff_user_id)
                .bind(&c.method)
                .bind(i64::from(c.passed))
                .bind($crate::clock::to_millis(c.checked_at))
                .bind($crate::clock::to_millis(c.valid_until))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn caller_failures_since(
                &self,
                user_id: uuid::Uuid,
                since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<i64> {
                use sqlx::Row;
                sqlx::query(
                    "SELECT COUNT(*) AS n FROM caller_checks WHERE user_id = $1 AND passed = 0 AND checked_at >= $2",
                )
                .bind(user_id)
                .bind($crate::clock::to_millis(since))
                .fetch_one(&self.pool)
                .await?
                .try_get("n")
            }

            async fn valid_caller_check(
                &self,
                account_id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Option<$crate::store::CallerCheckRow>> {
                sqlx::query(
                    "SELECT c.id, c.account_id, c.user_id, u.display_name, c.staff_user_id, c.method, \
                     c.passed, c.checked_at, c.valid_until FROM caller_checks c \
                     JOIN users u ON u.id = c.user_id \
                     WHERE c.account_id = $1 AND c.passed = 1 AND c.valid_until > $2 \
                     ORDER BY c.checked_at DESC LIMIT 1",
                )
                .bind(account_id)
                .bind($crate::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await?
                .as_ref()
                .map(Self::caller_row)
                .transpose()
            }

            async fn open_acting(
                &self,
                a: &$crate::store::ActingRow,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                sqlx::query(
                    "UPDATE acting_sessions SET ended_at = $1 WHERE staff_user_id = $2 \
                     AND account_id = $3 AND ended_at IS NULL",
                )
                .bind($crate::clock::to_millis(a.started_at))
                .bind(a.staff_user_id)
                .bind(a.account_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO acting_sessions (id, staff_user_id, account_id, reason, ticket, \
                     started_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(a.id)
                .bind(a.staff_user_id)
                .bind(a.account_id)
                .bind(&a.reason)
                .bind(&a.ticket)
                .bind($crate::clock::to_millis(a.started_at))
                .bind($crate::clock::to_millis(a.expires_at))
                .execute(&mut *tx)
                .await?;
                tx.commit().await
            }

            async fn active_acting(
                &self,
                staff_user_id: uuid::Uuid,
                account_id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Option<$crate::store::ActingRow>> {
                sqlx::query(
                    "SELECT id, staff_user_id, account_id, reason, ticket, started_at, expires_at \
                     FROM acting_sessions WHERE staff_user_id = $1 AND account_id = $2 \
                     AND ended_at IS NULL AND expires_at > $3 ORDER BY started_at DESC LIMIT 1",
                )
                .bind(staff_user_id)
                .bind(account_id)
                .bind($crate::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await?
                .as_ref()
                .map(Self::acting_row)
                .transpose()
            }

            async fn end_acting(
                &self,
                staff_user_id: uuid::Uuid,
                account_id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE acting_sessions SET ended_at = $1 WHERE staff_user_id = $2 \
                     AND account_id = $3 AND ended_at IS NULL AND expires_at > $1",
                )
                .bind($crate::clock::to_millis(now))
                .bind(staff_user_id)
                .bind(account_id)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n > 0)
            }

            async fn access_settings(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<$crate::store::AccessSettingsRow> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT require_approval, granted_until FROM staff_access_settings WHERE account_id = $1",
                )
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
                match row {
                    None => Ok($crate::store::AccessSettingsRow::default()),
                    Some(r) => Ok($crate::store::AccessSettingsRow {
                        require_approval: r.try_get::<i64, _>("require_approval")? != 0,
                        granted_until: r
                            .try_get::<Option<i64>, _>("granted_until")?
                            .map($crate::clock::from_millis),
                    }),
                }
            }

            async fn set_access_settings(
                &self,
                account_id: uuid::Uuid,
                row: $crate::store::AccessSettingsRow,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO staff_access_settings (account_id, require_approval, granted_until, updated_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (account_id) DO UPDATE SET \
                     require_approval = excluded.require_approval, granted_until = excluded.granted_until, \
                     updated_at = excluded.updated_at",
                )
                .bind(account_id)
                .bind(i64::from(row.require_approval))
                .bind(row.granted_until.map($crate::clock::to_millis))
                .bind($crate::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn put_password_reset(
                &self,
                token_hash: &str,
                user_id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(user_id)
                .bind($crate::clock::to_millis(now))
                .bind($crate::clock::to_millis(expires_at))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn password_reset_user(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Option<uuid::Uuid>> {
                use sqlx::Row;
                sqlx::query(
                    "SELECT user_id FROM password_resets WHERE token_hash = $1 \
                     AND used_at IS NULL AND expires_at > $2",
                )
                .bind(token_hash)
                .bind($crate::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.try_get("user_id"))
                .transpose()
            }

            async fn use_password_reset(
                &self,
                token_hash: &str,
                password_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Option<uuid::Uuid>> {
                use sqlx::Row;
                let at = $crate::clock::to_millis(now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let Some(row) = sqlx::query(
                    "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 \
                     AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
                )
                .bind(at)
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?
                else {
                    return Ok(None);
                };
                let user_id: uuid::Uuid = row.try_get("user_id")?;
                sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
                    .bind(password_hash)
                    .bind(at)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                // Every other link for the person is spent with this one.
                sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
                    .bind(at)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Some(user_id))
            }
        }
    };
}

pub(crate) use impl_support_store;
