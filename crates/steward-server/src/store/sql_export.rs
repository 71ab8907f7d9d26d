//! SQL for `ExportStore`, shared by both stores (rules as in `sql.rs`). Only
//! the query listing the tables differs; each store passes its own.

pub(crate) const JOB_COLUMNS: &str = "id, account_id, requested_by, status, runner, lease_until, \
     done, total, step, bytes, chunks, created_at, finished_at, expires_at, error";

pub(crate) const SQLITE_TABLES: &str = "SELECT name FROM sqlite_master WHERE type = 'table' \
     AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' \
     AND name NOT LIKE 'search\\_terms\\_fts%' ESCAPE '\\' ORDER BY name";
pub(crate) const POSTGRES_TABLES: &str = "SELECT tablename::TEXT FROM pg_tables \
     WHERE schemaname = current_schema() AND tablename NOT LIKE '_sqlx%' ORDER BY tablename";

macro_rules! impl_export_store {
    ($store:ty, $tables:expr) => {
        #[async_trait::async_trait]
        impl $crate::store::ExportStore for $store {
            async fn start_export(
                &self,
                job: &$crate::store::ExportJobRow,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<($crate::store::ExportJobRow, bool)> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // Lock the account row first: two requests at once start one job.
                sqlx::query("UPDATE accounts SET name = name WHERE id = $1")
                    .bind(job.account_id)
                    .execute(&mut *tx)
                    .await?;
                let running = sqlx::query(&format!(
                    "SELECT {} FROM export_jobs WHERE account_id = $1 AND requested_by = $2 \
                     AND status = 'running' AND lease_until >= $3 ORDER BY created_at DESC LIMIT 1",
                    $crate::store::sql_export::JOB_COLUMNS
                ))
                .bind(job.account_id)
                .bind(job.requested_by)
                .bind($crate::clock::to_millis(now))
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(row) = running {
                    return Ok((Self::job_row(&row)?, false));
                }
                sqlx::query(
                    "INSERT INTO export_jobs (id, account_id, requested_by, status, runner, lease_until, \
                     done, total, step, bytes, chunks, created_at, finished_at, expires_at, error) \
                     VALUES ($1, $2, $3, 'running', $4, $5, 0, $6, NULL, 0, 0, $7, NULL, NULL, NULL)",
                )
                .bind(job.id)
                .bind(job.account_id)
                .bind(job.requested_by)
                .bind(job.runner)
                .bind($crate::clock::to_millis(job.lease_until))
                .bind(job.total)
                .bind($crate::clock::to_millis(job.created_at))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok((job.clone(), true))
            }

            async fn export_job(
                &self,
                account_id: uuid::Uuid,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::ExportJobRow>> {
                let row = sqlx::query(&format!(
                    "SELECT {} FROM export_jobs WHERE account_id = $1 AND id = $2",
                    $crate::store::sql_export::JOB_COLUMNS
                ))
                .bind(account_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::job_row).transpose()
            }

            async fn export_jobs(
                &self,
                account_id: uuid::Uuid,
                requested_by: uuid::Uuid,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::ExportJobRow>> {
                let rows = sqlx::query(&format!(
                    "SELECT {} FROM export_jobs WHERE account_id = $1 AND requested_by = $2 \
                     ORDER BY created_at DESC, id DESC LIMIT $3",
                    $crate::store::sql_export::JOB_COLUMNS
                ))
                .bind(account_id)
                .bind(requested_by)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::job_row).collect()
            }

            async fn claim_export(
                &self,
                id: uuid::Uuid,
                runner: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
                lease_until: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let n = sqlx::query(
                    "UPDATE export_jobs SET runner = $1, lease_until = $2, done = 0, step = NULL, \
                     bytes = 0, chunks = 0 WHERE id = $3 AND status = 'running' AND lease_until < $4",
                )
                .bind(runner)
                .bind($crate::clock::to_millis(lease_until))
                .bind(id)
                .bind($crate::clock::to_millis(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    return Ok(false);
                }
                sqlx::query("DELETE FROM export_chunks WHERE job_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn put_export_chunk(
                &self,
                id: uuid::Uuid,
                runner: uuid::Uuid,
                data: Option<&[u8]>,
                progress: &$crate::store::ExportProgress,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let n = sqlx::query(
                    "UPDATE export_jobs SET done = $1, total = $2, step = $3, bytes = $4, \
                     lease_until = $5, chunks = chunks + $6 \
                     WHERE id = $7 AND runner = $8 AND status = 'running'",
                )
                .bind(progress.done)
                .bind(progress.total)
                .bind(&progress.step)
                .bind(progress.bytes)
                .bind($crate::clock::to_millis(progress.lease_until))
                .bind(i64::from(data.is_some()))
                .bind(id)
                .bind(runner)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    return Ok(false);
                }
                if let Some(data) = data {
                    let seq: i64 = sqlx::query_scalar("SELECT chunks FROM export_jobs WHERE id = $1")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await?;
                    sqlx::query("INSERT INTO export_chunks (job_id, seq, data) VALUES ($1, $2, $3)")
                        .bind(id)
                        .bind(seq - 1)
                        .bind(data)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn finish_export(
                &self,
                id: uuid::Uuid,
                runner: uuid::Uuid,
                error: Option<&str>,
                now: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let n = sqlx::query(
                    "UPDATE export_jobs SET status = $1, finished_at = $2, expires_at = $3, error = $4, \
                     step = NULL, done = CASE WHEN $5 = 1 THEN total ELSE done END \
                     WHERE id = $6 AND runner = $7 AND status = 'running'",
                )
                .bind(if error.is_some() { "failed" } else { "ready" })
                .bind($crate::clock::to_millis(now))
                .bind(error.is_none().then(|| $crate::clock::to_millis(expires_at)))
                .bind(error)
                .bind(i64::from(error.is_none()))
                .bind(id)
                .bind(runner)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    return Ok(false);
                }
                if error.is_some() {
                    sqlx::query("DELETE FROM export_chunks WHERE job_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn export_chunk(
                &self,
                id: uuid::Uuid,
                seq: i64,
            ) -> $crate::store::StoreResult<Option<Vec<u8>>> {
                sqlx::query_scalar("SELECT data FROM export_chunks WHERE job_id = $1 AND seq = $2")
                    .bind(id)
                    .bind(seq)
                    .fetch_optional(&self.pool)
                    .await
            }

            async fn expire_exports(
                &self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<u64> {
                let at = $crate::clock::to_millis(now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                sqlx::query(
                    "DELETE FROM export_chunks WHERE job_id IN \
                     (SELECT id FROM export_jobs WHERE status = 'ready' AND expires_at < $1)",
                )
                .bind(at)
                .execute(&mut *tx)
                .await?;
                let n = sqlx::query(
                    "UPDATE export_jobs SET status = 'expired' WHERE status = 'ready' AND expires_at < $1",
                )
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                let abandoned = at - 86_400_000;
                sqlx::query(
                    "DELETE FROM export_chunks WHERE job_id IN \
                     (SELECT id FROM export_jobs WHERE status = 'running' AND lease_until < $1)",
                )
                .bind(abandoned)
                .execute(&mut *tx)
                .await?;
                let gave_up = sqlx::query(
                    "UPDATE export_jobs SET status = 'failed', finished_at = $1, \
                     error = 'The export stopped before it was complete. Start a new one.' \
                     WHERE status = 'running' AND lease_until < $2",
                )
                .bind(at)
                .bind(abandoned)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tx.commit().await?;
                Ok(n + gave_up)
            }

            async fn export_rows(
                &self,
                sql: &str,
                scope: uuid::Uuid,
                after: Option<&$crate::store::PageKey>,
                columns: &[(&'static str, $crate::store::ColumnKind)],
            ) -> $crate::store::StoreResult<Vec<serde_json::Map<String, serde_json::Value>>> {
                use sqlx::Row;
                use $crate::store::{ColumnKind, PageKey};
                use serde_json::Value;
                if let Some(r) = <$store as $crate::store::sql::HasDb>::reader(self) {
                    return r.export_rows(sql, scope, after, columns);
                }
                let mut q = sqlx::query(sql).bind(scope);
                match after {
                    Some(PageKey::Uuid(id)) => q = q.bind(*id),
                    Some(PageKey::Text(text)) => q = q.bind(text.as_str()),
                    None => {}
                }
                let rows = q.fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| {
                        let mut out = serde_json::Map::new();
                        for (i, (name, kind)) in columns.iter().enumerate() {
                            let v = match kind {
                                ColumnKind::Text => r.try_get::<Option<String>, _>(i)?.map(Value::String),
                                ColumnKind::Int => r.try_get::<Option<i64>, _>(i)?.map(Value::from),
                                ColumnKind::Bool => r.try_get::<Option<i64>, _>(i)?.map(|b| Value::Bool(b != 0)),
                                ColumnKind::Uuid => r
                                    .try_get::<Option<uuid::Uuid>, _>(i)?
                                    .map(|u| Value::String(u.to_string())),
                                ColumnKind::Millis => r
                                    .try_get::<Option<i64>, _>(i)?
                                    .map(|ms| Value::String($crate::clock::from_millis(ms).to_rfc3339())),
                                ColumnKind::Json => match r.try_get::<Option<String>, _>(i)? {
                                    Some(text) => Some(serde_json::from_str(&text).map_err(|_| {
                                        $crate::store::sql::decode_err("JSON column", name)
                                    })?),
                                    None => None,
                                },
                            };
                            out.insert((*name).to_string(), v.unwrap_or(Value::Null));
                        }
                        Ok(out)
                    })
                    .collect()
            }

            async fn table_names(&self) -> $crate::store::StoreResult<Vec<String>> {
                sqlx::query_scalar($tables).fetch_all(&self.pool).await
            }
        }

        impl $store {
            fn job_row(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> $crate::store::StoreResult<$crate::store::ExportJobRow> {
                use sqlx::Row;
                let millis = |v: Option<i64>| v.map($crate::clock::from_millis);
                Ok($crate::store::ExportJobRow {
                    id: r.try_get("id")?,
                    account_id: r.try_get("account_id")?,
                    requested_by: r.try_get("requested_by")?,
                    status: r.try_get("status")?,
                    runner: r.try_get("runner")?,
                    lease_until: $crate::clock::from_millis(r.try_get("lease_until")?),
                    done: r.try_get("done")?,
                    total: r.try_get("total")?,
                    step: r.try_get("step")?,
                    bytes: r.try_get("bytes")?,
                    chunks: r.try_get("chunks")?,
                    created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                    finished_at: millis(r.try_get("finished_at")?),
                    expires_at: millis(r.try_get("expires_at")?),
                    error: r.try_get("error")?,
                })
            }
        }
    };
}

pub(crate) use impl_export_store;
