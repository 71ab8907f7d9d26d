//! SQL for `AuditStore`, shared by both stores (rules as in `sql.rs`): the
//! append takes the chain's head row first, so appends from every server
//! are numbered and chained in one order.

/// Every column of `audit_log`, in `AuditRow`'s order: the reads and the append name them once.
pub(crate) const AUDIT_COLUMNS: &str = "seq, at, staff_user_id, staff_name, shown_as, staff_role, \
     account_id, action, what, reason, ticket, ip, prev_hash, hash";

pub(crate) fn audit_page_sql(f: &super::AuditFilter) -> String {
    let mut sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE 1 = 1");
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };
    if f.account_id.is_some() {
        sql.push_str(&format!(" AND account_id = ${}", next()));
    }
    if f.staff_user_id.is_some() {
        sql.push_str(&format!(" AND staff_user_id = ${}", next()));
    }
    if f.action.is_some() {
        sql.push_str(&format!(" AND action = ${}", next()));
    }
    if let Some(list) = &f.actions_in {
        let marks: Vec<String> = list.iter().map(|_| format!("${}", next())).collect();
        sql.push_str(&format!(" AND action IN ({})", marks.join(", ")));
    }
    if f.before.is_some() {
        sql.push_str(&format!(" AND seq < ${}", next()));
    }
    sql.push_str(&format!(" ORDER BY seq DESC LIMIT ${}", next()));
    sql
}

macro_rules! impl_audit_store {
    ($store:ty) => {
        impl $store {
            fn audit_row(
                row: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> Result<$crate::store::AuditRow, sqlx::Error> {
                use sqlx::Row;
                Ok($crate::store::AuditRow {
                    seq: row.try_get("seq")?,
                    at: $crate::clock::from_millis(row.try_get("at")?),
                    staff_user_id: row.try_get("staff_user_id")?,
                    staff_name: row.try_get("staff_name")?,
                    shown_as: row.try_get("shown_as")?,
                    staff_role: row.try_get("staff_role")?,
                    account_id: row.try_get("account_id")?,
                    action: row.try_get("action")?,
                    what: row.try_get("what")?,
                    reason: row.try_get("reason")?,
                    ticket: row.try_get("ticket")?,
                    ip: row.try_get("ip")?,
                    prev_hash: row.try_get("prev_hash")?,
                    hash: row.try_get("hash")?,
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::AuditStore for $store {
            async fn append_audit(
                &self,
                e: &$crate::store::NewAudit,
            ) -> $crate::store::StoreResult<$crate::store::AuditRow> {
                use sqlx::Row;
                let mut tx = self
                    .pool
                    .begin_with(<$store as $crate::store::sql::HasDb>::BEGIN)
                    .await?;
                // A write first: it takes the lock that orders appends (the
                // row lock on PostgreSQL, the write lock on SQLite).
                let head = sqlx::query(
                    "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
                )
                .fetch_one(&mut *tx)
                .await?;
                let seq: i64 = head.try_get("seq")?;
                let prev_hash: String = head.try_get("hash")?;
                let mut row = $crate::store::AuditRow {
                    seq,
                    at: $crate::clock::from_millis($crate::clock::to_millis(e.at)),
                    staff_user_id: e.staff_user_id,
                    staff_name: e.staff_name.clone(),
                    shown_as: e.shown_as.clone(),
                    staff_role: e.staff_role.clone(),
                    account_id: e.account_id,
                    action: e.action.clone(),
                    what: e.what.clone(),
                    reason: e.reason.clone(),
                    ticket: e.ticket.clone(),
                    ip: e.ip.clone(),
                    prev_hash,
                    hash: String::new(),
                };
                row.hash = $crate::audit::entry_hash(&row);
                let insert = format!(
                    "INSERT INTO audit_log ({}) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                    $crate::store::sql_audit::AUDIT_COLUMNS
                );
                sqlx::query(&insert)
                    .bind(row.seq)
                    .bind($crate::clock::to_millis(row.at))
                    .bind(row.staff_user_id)
                    .bind(&row.staff_name)
                    .bind(&row.shown_as)
                    .bind(&row.staff_role)
                    .bind(row.account_id)
                    .bind(&row.action)
                    .bind(&row.what)
                    .bind(&row.reason)
                    .bind(&row.ticket)
                    .bind(&row.ip)
                    .bind(&row.prev_hash)
                    .bind(&row.hash)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
                    .bind(&row.hash)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(row)
            }

            async fn audit_page(
                &self,
                f: &$crate::store::AuditFilter,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::AuditRow>> {
                let sql = $crate::store::sql_audit::audit_page_sql(f);
                let mut q = sqlx::query(&sql);
                if let Some(a) = f.account_id {
                    q = q.bind(a);
                }
                if let Some(s) = f.staff_user_id {
                    q = q.bind(s);
                }
                if let Some(a) = &f.action {
                    q = q.bind(a.clone());
                }
                if let Some(list) = &f.actions_in {
                    for a in list {
                        q = q.bind(a.clone());
                    }
                }
                if let Some(b) = f.before {
                    q = q.bind(b);
                }
                q.bind(limit)
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(Self::audit_row)
                    .collect()
            }

            async fn audit_chain(
                &self,
                after_seq: i64,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::AuditRow>> {
                let sql = format!(
                    "SELECT {} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                    $crate::store::sql_audit::AUDIT_COLUMNS
                );
                sqlx::query(&sql)
                    .bind(after_seq)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(Self::audit_row)
                    .collect()
            }

            async fn audit_head(&self) -> $crate::store::StoreResult<$crate::store::AuditHead> {
                use sqlx::Row;
                let r = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await?;
                Ok($crate::store::AuditHead {
                    seq: r.try_get("seq")?,
                    hash: r.try_get("hash")?,
                })
            }
        }
    };
}

pub(crate) use impl_audit_store;
