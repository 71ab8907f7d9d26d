//! SQL for `SecurityStore`, shared by both stores (rules as in `sql.rs`).

macro_rules! impl_security_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::SecurityStore for $store {
            async fn put_email_change(
                &self,
                user_id: uuid::Uuid,
                new_email: &str,
                code_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO email_changes (user_id, new_email, code_hash, attempts, created_at, expires_at) \
                     VALUES ($1, $2, $3, 0, $4, $5) ON CONFLICT (user_id) DO UPDATE SET \
                     new_email = excluded.new_email, code_hash = excluded.code_hash, attempts = 0, \
                     created_at = excluded.created_at, expires_at = excluded.expires_at",
                )
                .bind(user_id)
                .bind(new_email)
                .bind(code_hash)
                .bind($crate::clock::to_millis(now))
                .bind($crate::clock::to_millis(expires_at))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn email_change(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::EmailChangeRow>> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT new_email, code_hash, attempts, expires_at FROM email_changes WHERE user_id = $1",
                )
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    Ok($crate::store::EmailChangeRow {
                        new_email: r.try_get("new_email")?,
                        code_hash: r.try_get("code_hash")?,
                        attempts: r.try_get("attempts")?,
                        expires_at: $crate::clock::from_millis(r.try_get("expires_at")?),
                    })
                })
                .transpose()
            }

            async fn spend_email_attempt(
                &self,
                user_id: uuid::Uuid,
                limit: i64,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE email_changes SET attempts = attempts + 1 WHERE user_id = $1 AND attempts < $2",
                )
                .bind(user_id)
                .bind(limit)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn drop_email_change(&self, user_id: uuid::Uuid) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM email_changes WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
            }

            async fn apply_email_change(
                &self,
                user_id: uuid::Uuid,
                new_email: &str,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let result = sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
                    .bind(new_email)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await;
                match result {
                    Ok(_) => {}
                    Err(e) if $crate::store::sql_account::is_unique_violation(&e) => return Ok(false),
                    Err(e) => return Err(e),
                }
                sqlx::query("DELETE FROM email_changes WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn set_password(
                &self,
                user_id: uuid::Uuid,
                hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
                    .bind(hash)
                    .bind($crate::clock::to_millis(now))
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
            }

            async fn password_changed_at(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<chrono::DateTime<chrono::Utc>>> {
                let at: Option<Option<i64>> =
                    sqlx::query_scalar("SELECT password_changed_at FROM users WHERE id = $1")
                        .bind(user_id)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(at.flatten().map($crate::clock::from_millis))
            }

            async fn totp(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::TotpRow>> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT secret, confirmed_at, last_step FROM totp_credentials WHERE user_id = $1",
                )
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    Ok($crate::store::TotpRow {
                        secret: r.try_get("secret")?,
                        confirmed_at: r
                            .try_get::<Option<i64>, _>("confirmed_at")?
                            .map($crate::clock::from_millis),
                        last_step: r.try_get("last_step")?,
                    })
                })
                .transpose()
            }

            async fn unsealed_totp(
                &self,
                sealed_prefix: &str,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<(uuid::Uuid, String)>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT user_id, secret FROM totp_credentials \
                     WHERE substr(secret, 1, 3) <> $1 ORDER BY user_id LIMIT $2",
                )
                .bind(sealed_prefix)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| Ok((r.try_get("user_id")?, r.try_get("secret")?)))
                    .collect()
            }

            async fn reseal_totp(
                &self,
                user_id: uuid::Uuid,
                old: &str,
                new: &str,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE totp_credentials SET secret = $1 WHERE user_id = $2 AND secret = $3")
                    .bind(new)
                    .bind(user_id)
                    .bind(old)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn put_totp_pending(
                &self,
                user_id: uuid::Uuid,
                secret: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "INSERT INTO totp_credentials (user_id, secret, created_at, last_step) VALUES ($1, $2, $3, 0) \
                     ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, \
                     last_step = 0 WHERE totp_credentials.confirmed_at IS NULL",
                )
                .bind(user_id)
                .bind(secret)
                .bind($crate::clock::to_millis(now))
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn confirm_totp(
                &self,
                user_id: uuid::Uuid,
                step: i64,
                recovery_hashes: &[String],
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let n = sqlx::query(
                    "UPDATE totp_credentials SET confirmed_at = $1, last_step = $2 \
                     WHERE user_id = $3 AND confirmed_at IS NULL AND last_step < $4",
                )
                .bind($crate::clock::to_millis(now))
                .bind(step)
                .bind(user_id)
                .bind(step)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n != 1 {
                    return Ok(false);
                }
                Self::write_recovery_codes(&mut tx, user_id, recovery_hashes).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn use_totp_step(&self, user_id: uuid::Uuid, step: i64) -> $crate::store::StoreResult<bool> {
                // Atomic: of two sign-ins presenting the same code, one wins.
                let n = sqlx::query(
                    "UPDATE totp_credentials SET last_step = $1 WHERE user_id = $2 \
                     AND confirmed_at IS NOT NULL AND last_step < $3",
                )
                .bind(step)
                .bind(user_id)
                .bind(step)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn delete_totp(&self, user_id: uuid::Uuid) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                sqlx::query("DELETE FROM totp_credentials WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await
            }

            async fn replace_recovery_codes(
                &self,
                user_id: uuid::Uuid,
                hashes: &[String],
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                Self::write_recovery_codes(&mut tx, user_id, hashes).await?;
                tx.commit().await
            }

            async fn use_recovery_code(
                &self,
                user_id: uuid::Uuid,
                hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
                )
                .bind($crate::clock::to_millis(now))
                .bind(user_id)
                .bind(hash)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn recovery_codes_left(&self, user_id: uuid::Uuid) -> $crate::store::StoreResult<u32> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
                )
                .bind(user_id)
                .fetch_one(&self.pool)
                .await?;
                Ok(u32::try_from(n).unwrap_or(0))
            }

            async fn record_activity(&self, a: $crate::store::NewActivity) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO activity_events (id, user_id, kind, at, ip_address, user_agent, detail) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(uuid::Uuid::now_v7())
                .bind(a.user_id)
                .bind(a.kind.as_str())
                .bind($crate::clock::to_millis(a.at))
                .bind(&a.ip_address)
                .bind(&a.user_agent)
                .bind(&a.detail)
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn activity(
                &self,
                user_id: uuid::Uuid,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<steward_types::security::ActivityEvent>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, kind, at, ip_address, user_agent, detail FROM activity_events \
                     WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
                )
                .bind(user_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let kind: String = r.try_get("kind")?;
                        Ok(steward_types::security::ActivityEvent {
                            id: r.try_get("id")?,
                            kind: steward_types::security::ActivityKind::parse(&kind)
                                .ok_or_else(|| $crate::store::sql::decode_err("activity kind", &kind))?,
                            at: $crate::clock::from_millis(r.try_get("at")?),
                            ip_address: r.try_get("ip_address")?,
                            user_agent: r.try_get("user_agent")?,
                            detail: r.try_get("detail")?,
                        })
                    })
                    .collect()
            }

            async fn sessions(
                &self,
                user_id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Vec<$crate::store::SessionRow>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT f.id, f.client_id, f.user_agent, f.ip_address, f.created_at, f.last_used_at \
                     FROM token_families f WHERE f.user_id = $1 AND f.revoked_at IS NULL AND EXISTS \
                     (SELECT 1 FROM refresh_tokens t WHERE t.family_id = f.id AND t.used_at IS NULL \
                      AND t.expires_at > $2) ORDER BY f.last_used_at DESC",
                )
                .bind(user_id)
                .bind($crate::clock::to_millis(now))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok($crate::store::SessionRow {
                            id: r.try_get("id")?,
                            client_id: r.try_get("client_id")?,
                            user_agent: r.try_get("user_agent")?,
                            ip_address: r.try_get("ip_address")?,
                            created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                            last_used_at: $crate::clock::from_millis(r.try_get("last_used_at")?),
                        })
                    })
                    .collect()
            }

            async fn session_started(
                &self,
                family_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<chrono::DateTime<chrono::Utc>>> {
                let at: Option<i64> = sqlx::query_scalar("SELECT created_at FROM token_families WHERE id = $1")
                    .bind(family_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(at.map($crate::clock::from_millis))
            }

            async fn revoke_user_session(
                &self,
                user_id: uuid::Uuid,
                family_id: uuid::Uuid,
                reason: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE token_families SET revoked_at = $1, revoked_reason = $2 \
                     WHERE id = $3 AND user_id = $4 AND revoked_at IS NULL",
                )
                .bind($crate::clock::to_millis(now))
                .bind(reason)
                .bind(family_id)
                .bind(user_id)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn revoke_other_sessions(
                &self,
                user_id: uuid::Uuid,
                keep: Option<uuid::Uuid>,
                reason: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<u64> {
                // A nil id never matches a family: "keep none".
                let keep = keep.unwrap_or(uuid::Uuid::nil());
                let n = sqlx::query(
                    "UPDATE token_families SET revoked_at = $1, revoked_reason = $2 \
                     WHERE user_id = $3 AND id <> $4 AND revoked_at IS NULL",
                )
                .bind($crate::clock::to_millis(now))
                .bind(reason)
                .bind(user_id)
                .bind(keep)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n)
            }

            async fn send_mail(
                &self,
                to: &str,
                subject: &str,
                body: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO outbox (id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(uuid::Uuid::now_v7())
                .bind(to)
                .bind(subject)
                .bind(body)
                .bind($crate::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn mail_for(
                &self,
                first: &str,
                second: &str,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<steward_types::security::OutboxMessage>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, recipient, subject, body, created_at FROM outbox \
                     WHERE recipient = $1 OR recipient = $2 ORDER BY created_at DESC, id DESC LIMIT $3",
                )
                .bind(first)
                .bind(second)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok(steward_types::security::OutboxMessage {
                            id: r.try_get("id")?,
                            to: r.try_get("recipient")?,
                            subject: r.try_get("subject")?,
                            body: r.try_get("body")?,
                            created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                        })
                    })
                    .collect()
            }
        }

        impl $store {
            async fn write_recovery_codes(
                tx: &mut sqlx::Transaction<'_, $crate::store::sql::DbOf<$store>>,
                user_id: uuid::Uuid,
                hashes: &[String],
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut **tx)
                    .await?;
                for h in hashes {
                    sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                        .bind(user_id)
                        .bind(h)
                        .execute(&mut **tx)
                        .await?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_security_store;
