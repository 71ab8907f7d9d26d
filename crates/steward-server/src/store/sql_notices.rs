//! SQL for `NoticeStore`, shared by both stores (rules as in `sql.rs`).

use chrono::{DateTime, Utc};

const POLICY_COLUMNS: &str = "p.version, p.title, p.summary, p.concerns, p.opt_outs, \
     p.review_section, p.published_at, p.effective_at";

pub(crate) fn opt_millis(v: Option<i64>) -> Option<DateTime<Utc>> {
    v.map(crate::clock::from_millis)
}

pub(crate) fn versions_sql() -> String {
    format!(
        "SELECT {POLICY_COLUMNS} FROM policy_versions p ORDER BY p.published_at DESC, p.version"
    )
}

pub(crate) fn notices_sql() -> String {
    format!(
        "SELECT {POLICY_COLUMNS}, s.read_at, s.acknowledged_at FROM policy_versions p \
         LEFT JOIN notice_states s ON s.version = p.version AND s.user_id = $1 \
         WHERE p.effective_at > $2 ORDER BY p.published_at DESC, p.version"
    )
}

macro_rules! impl_notice_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::NoticeStore for $store {
            async fn publish_policy(
                &self,
                row: &$crate::store::PolicyRow,
                published_by: Option<uuid::Uuid>,
                mail_subject: &str,
                mail_body: &str,
            ) -> $crate::store::StoreResult<bool> {
                use sqlx::Row;
                let at = $crate::clock::to_millis(row.published_at);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let n = sqlx::query(
                    "INSERT INTO policy_versions (version, title, summary, concerns, opt_outs, \
                     review_section, published_at, effective_at, published_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (version) DO NOTHING",
                )
                .bind(&row.version)
                .bind(&row.title)
                .bind(&row.summary)
                .bind(&row.concerns)
                .bind($crate::store::sql_sharing::to_json(&row.opt_outs)?)
                .bind(&row.review_section)
                .bind(at)
                .bind($crate::clock::to_millis(row.effective_at))
                .bind(published_by)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    return Ok(false);
                }
                // The outbox copy, page by page so a large user base is not
                // held in memory at once.
                let mut after = uuid::Uuid::nil();
                loop {
                    let page = sqlx::query(
                        "SELECT id, email FROM users WHERE disabled_at IS NULL AND id > $1 ORDER BY id LIMIT 500",
                    )
                    .bind(after)
                    .fetch_all(&mut *tx)
                    .await?;
                    let Some(last) = page.last() else { break };
                    after = last.try_get("id")?;
                    for u in &page {
                        sqlx::query(
                            "INSERT INTO outbox (id, recipient, subject, body, created_at) \
                             VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(uuid::Uuid::now_v7())
                        .bind(u.try_get::<String, _>("email")?)
                        .bind(mail_subject)
                        .bind(mail_body)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn policy_versions(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::PolicyRow>> {
                let rows = sqlx::query(&$crate::store::sql_notices::versions_sql())
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(Self::policy_row).collect()
            }

            async fn policy_in_force(
                &self,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<String> {
                if let Some(r) = <$store as $crate::store::sql::HasDb>::reader(self) {
                    return r.policy_in_force(at);
                }
                sqlx::query_scalar($crate::store::sql_comms::POLICY_IN_FORCE)
                .bind($crate::clock::to_millis(at))
                .fetch_one(&self.pool)
                .await
            }

            async fn notices(
                &self,
                user_id: uuid::Uuid,
                joined: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Vec<$crate::store::NoticeRow>> {
                use sqlx::Row;
                let rows = sqlx::query(&$crate::store::sql_notices::notices_sql())
                    .bind(user_id)
                    .bind($crate::clock::to_millis(joined))
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|r| {
                        Ok($crate::store::NoticeRow {
                            policy: Self::policy_row(r)?,
                            read_at: $crate::store::sql_notices::opt_millis(r.try_get("read_at")?),
                            acknowledged_at: $crate::store::sql_notices::opt_millis(
                                r.try_get("acknowledged_at")?,
                            ),
                        })
                    })
                    .collect()
            }

            async fn mark_notice_read(
                &self,
                user_id: uuid::Uuid,
                version: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let exists: Option<String> =
                    sqlx::query_scalar("SELECT version FROM policy_versions WHERE version = $1")
                        .bind(version)
                        .fetch_optional(&self.pool)
                        .await?;
                if exists.is_none() {
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO notice_states (user_id, version, read_at, acknowledged_at) \
                     VALUES ($1, $2, $3, NULL) ON CONFLICT (user_id, version) \
                     DO UPDATE SET read_at = COALESCE(notice_states.read_at, excluded.read_at)",
                )
                .bind(user_id)
                .bind(version)
                .bind($crate::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                Ok(true)
            }

            async fn acknowledge_notice(
                &self,
                user_id: uuid::Uuid,
                version: &str,
                receipt: &$crate::store::NewReceipt,
            ) -> $crate::store::StoreResult<$crate::store::AckOutcome> {
                let at = $crate::clock::to_millis(receipt.at);
                let exists: Option<String> =
                    sqlx::query_scalar("SELECT version FROM policy_versions WHERE version = $1")
                        .bind(version)
                        .fetch_optional(&self.pool)
                        .await?;
                if exists.is_none() {
                    return Ok($crate::store::AckOutcome::NoSuchNotice);
                }
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // A write first: it takes the row's lock (on SQLite the
                // database's), so two acknowledgements at once write one
                // receipt, and no read snapshot has to be upgraded.
                sqlx::query(
                    "INSERT INTO notice_states (user_id, version, read_at, acknowledged_at) \
                     VALUES ($1, $2, $3, NULL) ON CONFLICT (user_id, version) \
                     DO UPDATE SET read_at = COALESCE(notice_states.read_at, excluded.read_at)",
                )
                .bind(user_id)
                .bind(version)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                let before: Option<i64> = sqlx::query_scalar(
                    "SELECT acknowledged_at FROM notice_states WHERE user_id = $1 AND version = $2",
                )
                .bind(user_id)
                .bind(version)
                .fetch_one(&mut *tx)
                .await?;
                if let Some(before) = before {
                    return Ok($crate::store::AckOutcome::Already($crate::clock::from_millis(before)));
                }
                sqlx::query(
                    "UPDATE notice_states SET acknowledged_at = $1 WHERE user_id = $2 AND version = $3",
                )
                .bind(at)
                .bind(user_id)
                .bind(version)
                .execute(&mut *tx)
                .await?;
                Self::write_receipt(&mut tx, user_id, receipt).await?;
                tx.commit().await?;
                Ok($crate::store::AckOutcome::Recorded($crate::clock::from_millis(at)))
            }
        }

        impl $store {
            fn policy_row(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> $crate::store::StoreResult<$crate::store::PolicyRow> {
                use sqlx::Row;
                Ok($crate::store::PolicyRow {
                    version: r.try_get("version")?,
                    title: r.try_get("title")?,
                    summary: r.try_get("summary")?,
                    concerns: r.try_get("concerns")?,
                    opt_outs: $crate::store::sql_sharing::list(&r.try_get::<String, _>("opt_outs")?)?,
                    review_section: r.try_get("review_section")?,
                    published_at: $crate::clock::from_millis(r.try_get("published_at")?),
                    effective_at: $crate::clock::from_millis(r.try_get("effective_at")?),
                })
            }
        }
    };
}

pub(crate) use impl_notice_store;
