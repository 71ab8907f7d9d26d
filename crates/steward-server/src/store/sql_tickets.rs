//! SQL for `TicketStore`, shared by both stores (rules as in `sql.rs`).

pub(crate) const TICKET_COLUMNS: &str = "t.id, t.number, t.account_id, a.name AS account_name, \
     t.subject, t.status, t.opened_by, t.opened_by_name, t.created_at, t.updated_at";

macro_rules! impl_ticket_store {
    ($store:ty) => {
        impl $store {
            fn ticket_row(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> Result<$crate::store::TicketRow, sqlx::Error> {
                use sqlx::Row;
                Ok($crate::store::TicketRow {
                    id: r.try_get("id")?,
                    number: r.try_get("number")?,
                    account_id: r.try_get("account_id")?,
                    account_name: r.try_get("account_name")?,
                    subject: r.try_get("subject")?,
                    status: r.try_get("status")?,
                    opened_by: r.try_get("opened_by")?,
                    opened_by_name: r.try_get("opened_by_name")?,
                    created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                    updated_at: $crate::clock::from_millis(r.try_get("updated_at")?),
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::TicketStore for $store {
            async fn create_ticket(
                &self,
                t: &$crate::store::TicketRow,
                first: &$crate::store::MessageRow,
            ) -> $crate::store::StoreResult<i64> {
                use sqlx::Row;
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let number: i64 = sqlx::query(
                    "UPDATE counters SET value = value + 1 WHERE name = 'ticket' RETURNING value",
                )
                .fetch_one(&mut *tx)
                .await?
                .try_get("value")?;
                sqlx::query(
                    "INSERT INTO tickets (id, number, account_id, subject, status, opened_by, \
                     opened_by_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(t.id)
                .bind(number)
                .bind(t.account_id)
                .bind(&t.subject)
                .bind(&t.status)
                .bind(t.opened_by)
                .bind(&t.opened_by_name)
                .bind($crate::clock::to_millis(t.created_at))
                .bind($crate::clock::to_millis(t.updated_at))
                .execute(&mut *tx)
                .await?;
                Self::insert_message(&mut tx, first).await?;
                tx.commit().await?;
                Ok(number)
            }

            async fn ticket(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::TicketRow>> {
                let sql = format!(
                    "SELECT {} FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE t.id = $1",
                    $crate::store::sql_tickets::TICKET_COLUMNS
                );
                sqlx::query(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .as_ref()
                    .map(Self::ticket_row)
                    .transpose()
            }

            async fn account_tickets(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<$crate::store::TicketRow>> {
                self.ticket_queue(None, Some(account_id), 200).await
            }

            async fn ticket_queue(
                &self,
                status: Option<&str>,
                account_id: Option<uuid::Uuid>,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::TicketRow>> {
                let mut sql = format!(
                    "SELECT {} FROM tickets t JOIN accounts a ON a.id = t.account_id WHERE 1 = 1",
                    $crate::store::sql_tickets::TICKET_COLUMNS
                );
                let mut n = 0;
                if status.is_some() {
                    n += 1;
                    sql.push_str(&format!(" AND t.status = ${n}"));
                }
                if account_id.is_some() {
                    n += 1;
                    sql.push_str(&format!(" AND t.account_id = ${n}"));
                }
                sql.push_str(&format!(" ORDER BY t.updated_at DESC, t.number DESC LIMIT ${}", n + 1));
                let mut q = sqlx::query(&sql);
                if let Some(s) = status {
                    q = q.bind(s);
                }
                if let Some(a) = account_id {
                    q = q.bind(a);
                }
                q.bind(limit)
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(Self::ticket_row)
                    .collect()
            }

            async fn open_ticket_count(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<i64> {
                use sqlx::Row;
                sqlx::query(
                    "SELECT COUNT(*) AS n FROM tickets WHERE account_id = $1 AND status <> 'closed'",
                )
                .bind(account_id)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")
            }

            async fn ticket_messages(
                &self,
                id: uuid::Uuid,
                with_internal: bool,
            ) -> $crate::store::StoreResult<Vec<$crate::store::MessageRow>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, ticket_id, author_user_id, author_name, author_kind, body, internal, at \
                     FROM ticket_messages WHERE ticket_id = $1 AND (internal = 0 OR $2 = 1) \
                     ORDER BY at, id",
                )
                .bind(id)
                .bind(i64::from(with_internal))
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok($crate::store::MessageRow {
                            id: r.try_get("id")?,
                            ticket_id: r.try_get("ticket_id")?,
                            author_user_id: r.try_get("author_user_id")?,
                            author_name: r.try_get("author_name")?,
                            author_kind: r.try_get("author_kind")?,
                            body: r.try_get("body")?,
                            internal: r.try_get::<i64, _>("internal")? != 0,
                            at: $crate::clock::from_millis(r.try_get("at")?),
                        })
                    })
                    .collect()
            }

            async fn add_ticket_message(
                &self,
                msg: &$crate::store::MessageRow,
                status: Option<&str>,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                Self::insert_message(&mut tx, msg).await?;
                sqlx::query(
                    "UPDATE tickets SET updated_at = $1, status = COALESCE($2, status) WHERE id = $3",
                )
                .bind($crate::clock::to_millis(msg.at))
                .bind(status)
                .bind(msg.ticket_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await
            }

            async fn set_ticket_status(
                &self,
                id: uuid::Uuid,
                status: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query("UPDATE tickets SET status = $1, updated_at = $2 WHERE id = $3")
                    .bind(status)
                    .bind($crate::clock::to_millis(now))
                    .bind(id)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(n > 0)
            }
        }

        impl $store {
            async fn insert_message(
                tx: &mut sqlx::Transaction<'_, $crate::store::sql::DbOf<$store>>,
                m: &$crate::store::MessageRow,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO ticket_messages (id, ticket_id, author_user_id, author_name, \
                     author_kind, body, internal, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(m.id)
                .bind(m.ticket_id)
                .bind(m.author_user_id)
                .bind(&m.author_name)
                .bind(&m.author_kind)
                .bind(&m.body)
                .bind(i64::from(m.internal))
                .bind($crate::clock::to_millis(m.at))
                .execute(&mut **tx)
                .await
                .map(|_| ())
            }
        }
    };
}

pub(crate) use impl_ticket_store;
