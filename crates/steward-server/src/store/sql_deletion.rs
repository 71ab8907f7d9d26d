//! SQL for `DeletionStore`, shared by both stores (rules as in `sql.rs`).

pub(crate) const REQUEST_SELECT: &str = "SELECT d.id, d.account_id, a.name AS account_name, \
     d.requested_by, d.requested_by_name, d.reason, d.status, d.requested_at, d.effective_at, \
     d.closed_at, d.closed_by FROM deletion_requests d JOIN accounts a ON a.id = d.account_id";

/// What erasure removes, in order; `$1` is the account. Everything else the
/// account holds goes with these rows (foreign keys cascade), except what is
/// kept on purpose: invoices and their lines (tax law), consent receipts
/// (proof of each choice), the sharing ledger (the record of disclosures)
/// and the deletion request itself.
pub(crate) const ERASE: &[&str] = &[
    "DELETE FROM account_profiles WHERE account_id = $1",
    "DELETE FROM profile_changes WHERE account_id = $1",
    "DELETE FROM verification_requests WHERE account_id = $1",
    "DELETE FROM correction_requests WHERE account_id = $1",
    "DELETE FROM invitations WHERE account_id = $1",
    "DELETE FROM payment_methods WHERE account_id = $1",
    "DELETE FROM card_entries WHERE account_id = $1",
    // Not deleted: no row means "share", so an erased account opts out for good.
    "INSERT INTO sharing_settings (account_id, share_none, opted_out, version, exports) \
     VALUES ($1, 1, '[]', 1, 0) ON CONFLICT (account_id) DO UPDATE SET share_none = 1, \
     opted_out = '[]', version = sharing_settings.version + 1",
    "DELETE FROM usage_months WHERE account_id = $1",
    "DELETE FROM licenses WHERE account_id = $1",
    "DELETE FROM subscriptions WHERE account_id = $1",
    "DELETE FROM idempotency_keys WHERE account_id = $1",
    "DELETE FROM export_jobs WHERE account_id = $1",
    "DELETE FROM search_terms WHERE account_id = $1",
    "DELETE FROM tickets WHERE account_id = $1",
    "DELETE FROM caller_checks WHERE account_id = $1",
    "DELETE FROM acting_sessions WHERE account_id = $1",
    "DELETE FROM staff_access_settings WHERE account_id = $1",
    // Not the audit log: who at the company touched the account stays on
    // record (it names fields, never their values).
    "DELETE FROM account_members WHERE account_id = $1",
];

macro_rules! impl_deletion_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::DeletionStore for $store {
            async fn deletion_request(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::DeletionRow>> {
                let row = sqlx::query(&format!(
                    "{} WHERE d.account_id = $1 \
                     ORDER BY CASE WHEN d.status = 'pending' THEN 0 ELSE 1 END, d.requested_at DESC LIMIT 1",
                    $crate::store::sql_deletion::REQUEST_SELECT
                ))
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::deletion_row).transpose()
            }

            async fn deletion_request_by_id(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::DeletionRow>> {
                let row = sqlx::query(&format!(
                    "{} WHERE d.id = $1",
                    $crate::store::sql_deletion::REQUEST_SELECT
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::deletion_row).transpose()
            }

            async fn create_deletion_request(
                &self,
                r: &$crate::store::DeletionRow,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "INSERT INTO deletion_requests (id, account_id, requested_by, requested_by_name, reason, \
                     status, requested_at, effective_at, closed_at, closed_by) \
                     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, NULL, NULL) ON CONFLICT DO NOTHING",
                )
                .bind(r.id)
                .bind(r.account_id)
                .bind(r.requested_by)
                .bind(&r.requested_by_name)
                .bind(&r.reason)
                .bind($crate::clock::to_millis(r.requested_at))
                .bind($crate::clock::to_millis(r.effective_at))
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn cancel_deletion_request(
                &self,
                account_id: uuid::Uuid,
                by: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE deletion_requests SET status = 'cancelled', closed_at = $1, closed_by = $2 \
                     WHERE account_id = $3 AND status = 'pending'",
                )
                .bind($crate::clock::to_millis(now))
                .bind(by)
                .bind(account_id)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n > 0)
            }

            async fn pending_deletions(
                &self,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::DeletionRow>> {
                let rows = sqlx::query(&format!(
                    "{} WHERE d.status = 'pending' ORDER BY d.effective_at, d.id LIMIT $1",
                    $crate::store::sql_deletion::REQUEST_SELECT
                ))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::deletion_row).collect()
            }

            async fn legal_hold(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::HoldRow>> {
                use sqlx::Row;
                let row = sqlx::query("SELECT explanation, placed_at FROM legal_holds WHERE account_id = $1")
                    .bind(account_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| {
                    Ok($crate::store::HoldRow {
                        explanation: r.try_get("explanation")?,
                        placed_at: $crate::clock::from_millis(r.try_get("placed_at")?),
                    })
                })
                .transpose()
            }

            async fn set_legal_hold(
                &self,
                account_id: uuid::Uuid,
                explanation: Option<&str>,
                by: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // The lock erasure takes: a hold and an erasure never overlap.
                sqlx::query("UPDATE accounts SET name = name WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
                match explanation {
                    Some(text) => {
                        sqlx::query(
                            "INSERT INTO legal_holds (account_id, explanation, placed_by, placed_at) \
                             VALUES ($1, $2, $3, $4) ON CONFLICT (account_id) DO UPDATE SET \
                             explanation = excluded.explanation, placed_by = excluded.placed_by, \
                             placed_at = excluded.placed_at",
                        )
                        .bind(account_id)
                        .bind(text)
                        .bind(by)
                        .bind($crate::clock::to_millis(now))
                        .execute(&mut *tx)
                        .await?;
                    }
                    None => {
                        sqlx::query("DELETE FROM legal_holds WHERE account_id = $1")
                            .bind(account_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn erase_account(
                &self,
                request_id: uuid::Uuid,
                by: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<$crate::store::EraseOutcome> {
                use sqlx::Row;
                use $crate::store::EraseOutcome;
                let at = $crate::clock::to_millis(now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // Claim the request first (the write lock): two staff at once
                // erase once, and a hold placed meanwhile is seen below.
                let claimed = sqlx::query(
                    "UPDATE deletion_requests SET closed_by = closed_by WHERE id = $1 AND status = 'pending'",
                )
                .bind(request_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claimed == 0 {
                    return Ok(EraseOutcome::NotPending);
                }
                let row = sqlx::query("SELECT account_id, effective_at FROM deletion_requests WHERE id = $1")
                    .bind(request_id)
                    .fetch_one(&mut *tx)
                    .await?;
                let account_id: uuid::Uuid = row.try_get("account_id")?;
                let effective: i64 = row.try_get("effective_at")?;
                if effective > at {
                    return Ok(EraseOutcome::CoolingOff($crate::clock::from_millis(effective)));
                }
                // The account row's lock, which placing a hold takes too: a
                // hold committed meanwhile is seen, or waits for this.
                sqlx::query("UPDATE accounts SET name = name WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
                let hold: Option<i64> =
                    sqlx::query_scalar("SELECT placed_at FROM legal_holds WHERE account_id = $1")
                        .bind(account_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if hold.is_some() {
                    return Ok(EraseOutcome::OnHold);
                }
                for sql in $crate::store::sql_deletion::ERASE {
                    sqlx::query(sql).bind(account_id).execute(&mut *tx).await?;
                }
                sqlx::query("UPDATE accounts SET name = $1 WHERE id = $2")
                    .bind($crate::store::ERASED_NAME)
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE deletion_requests SET status = 'completed', closed_at = $1, closed_by = $2 WHERE id = $3",
                )
                .bind(at)
                .bind(by)
                .bind(request_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(EraseOutcome::Erased)
            }
        }

        impl $store {
            fn deletion_row(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> $crate::store::StoreResult<$crate::store::DeletionRow> {
                use sqlx::Row;
                Ok($crate::store::DeletionRow {
                    id: r.try_get("id")?,
                    account_id: r.try_get("account_id")?,
                    account_name: r.try_get("account_name")?,
                    requested_by: r.try_get("requested_by")?,
                    requested_by_name: r.try_get("requested_by_name")?,
                    reason: r.try_get("reason")?,
                    status: r.try_get("status")?,
                    requested_at: $crate::clock::from_millis(r.try_get("requested_at")?),
                    effective_at: $crate::clock::from_millis(r.try_get("effective_at")?),
                    closed_at: r.try_get::<Option<i64>, _>("closed_at")?.map($crate::clock::from_millis),
                    closed_by: r.try_get("closed_by")?,
                })
            }
        }
    };
}

pub(crate) use impl_deletion_store;
