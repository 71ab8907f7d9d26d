//! SQL for `StaffStore`, shared by both stores (rules as in `sql.rs`); the
//! audit log's is in `sql_audit.rs`. The
//! searches differ by store and are passed in: FTS5 trigram on SQLite,
//! pg_trgm on PostgreSQL; `EXPLAIN` differs too.

pub(crate) const PREFIX_SQL: &str = "SELECT account_id, field, value, shown FROM search_terms \
     WHERE value >= $1 AND value < $2 ORDER BY value LIMIT $3";

pub(crate) const SQLITE_SUBSTRING_SQL: &str = "SELECT t.account_id, t.field, t.value, t.shown \
     FROM search_terms_fts f JOIN search_terms t ON t.id = f.rowid \
     WHERE search_terms_fts MATCH $1 LIMIT $2";
/// Searches are served by their indexes, never a full scan, whatever the
/// planner estimates for a `LIMIT` (a scan that stops early can look cheap
/// to it, and is not at a million rows when the matches are rare).
pub(crate) const PG_PRELUDE: &str = "SET LOCAL enable_seqscan = off";

pub(crate) const PG_SUBSTRING_SQL: &str =
    "SELECT account_id, field, value, shown FROM search_terms WHERE value LIKE $1 LIMIT $2";

pub(crate) const SQLITE_INVOICE_SQL: &str = "SELECT account_id, 'invoice' AS field, \
     lower(number) AS value, number AS shown FROM invoices \
     WHERE number >= $1 AND number < $2 ORDER BY number LIMIT $3";
pub(crate) const PG_INVOICE_SQL: &str = "SELECT account_id, 'invoice' AS field, \
     lower(number) AS value, number AS shown FROM invoices \
     WHERE number COLLATE \"C\" >= $1 AND number COLLATE \"C\" < $2 \
     ORDER BY number COLLATE \"C\" LIMIT $3";

/// The substring argument each store's SQL expects.
pub(crate) fn sqlite_needle(needle: &str) -> String {
    // An FTS5 phrase: the trigram tokenizer matches it as a substring.
    format!("\"{}\"", needle.replace('"', "\"\""))
}

pub(crate) fn pg_needle(needle: &str) -> String {
    let escaped = needle
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

macro_rules! impl_staff_store {
    ($store:ty, $substring:expr, $needle:path, $invoice:expr, $explain:literal, $prelude:expr) => {
        impl $store {
            fn term_row(
                row: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> Result<$crate::store::TermRow, sqlx::Error> {
                use sqlx::Row;
                Ok($crate::store::TermRow {
                    account_id: row.try_get("account_id")?,
                    field: row.try_get("field")?,
                    value: row.try_get("value")?,
                    shown: row.try_get("shown")?,
                })
            }

            async fn staff_rows(
                &self,
                only: Option<uuid::Uuid>,
            ) -> $crate::store::StoreResult<Vec<$crate::store::StaffRow>> {
                use sqlx::Row;
                let sql = format!(
                    "SELECT u.id, u.email, u.display_name, u.staff_pseudonym, u.disabled_at, \
                     (SELECT COUNT(*) FROM totp_credentials t WHERE t.user_id = u.id \
                      AND t.confirmed_at IS NOT NULL) AS totp \
                     FROM users u WHERE EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id \
                     AND r.role IN ('agent', 'admin')) {} ORDER BY u.display_name, u.id",
                    if only.is_some() { "AND u.id = $1" } else { "" }
                );
                let mut q = sqlx::query(&sql);
                if let Some(id) = only {
                    q = q.bind(id);
                }
                let rows = q.fetch_all(&self.pool).await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let id: uuid::Uuid = r.try_get("id")?;
                    let roles = sqlx::query("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?
                        .iter()
                        .map(|x| x.try_get::<String, _>("role"))
                        .collect::<Result<Vec<_>, _>>()?;
                    out.push($crate::store::StaffRow {
                        user_id: id,
                        name: r.try_get("display_name")?,
                        email: r.try_get("email")?,
                        roles,
                        pseudonym: r.try_get("staff_pseudonym")?,
                        two_factor: r.try_get::<i64, _>("totp")? > 0,
                        disabled: r.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
                    });
                }
                Ok(out)
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::StaffStore for $store {
            async fn search_sources(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::SearchSources>> {
                use sqlx::Row;
                let Some(account) = sqlx::query("SELECT name FROM accounts WHERE id = $1")
                    .bind(account_id)
                    .fetch_optional(&self.pool)
                    .await?
                else {
                    return Ok(None);
                };
                let doc = sqlx::query("SELECT doc FROM account_profiles WHERE account_id = $1")
                    .bind(account_id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| r.try_get::<String, _>("doc"))
                    .transpose()?;
                let members = sqlx::query(
                    "SELECT u.display_name, u.email FROM account_members m \
                     JOIN users u ON u.id = m.user_id WHERE m.account_id = $1 \
                     ORDER BY m.created_at, u.id",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| Ok((r.try_get("display_name")?, r.try_get("email")?)))
                .collect::<Result<Vec<(String, String)>, sqlx::Error>>()?;
                Ok(Some($crate::store::SearchSources {
                    account_name: account.try_get("name")?,
                    profile_doc: doc,
                    members,
                }))
            }

            async fn replace_search_terms(
                &self,
                account_id: uuid::Uuid,
                terms: &[$crate::store::TermRow],
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                sqlx::query("DELETE FROM search_terms WHERE account_id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
                for t in terms {
                    sqlx::query(
                        "INSERT INTO search_terms (account_id, field, value, shown) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(account_id)
                    .bind(&t.field)
                    .bind(&t.value)
                    .bind(&t.shown)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await
            }

            async fn search_candidates(
                &self,
                r: &$crate::store::SearchRequest<'_>,
            ) -> $crate::store::StoreResult<Vec<$crate::store::TermRow>> {
                let hi = format!("{}\u{10FFFF}", r.q);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                if !$prelude.is_empty() {
                    sqlx::query($prelude).execute(&mut *tx).await?;
                }
                let mut rows = Vec::new();
                if r.prefix_limit > 0 {
                    let found = sqlx::query($crate::store::sql_staff::PREFIX_SQL)
                        .bind(r.q)
                        .bind(&hi)
                        .bind(r.prefix_limit)
                        .fetch_all(&mut *tx)
                        .await?;
                    for row in &found {
                        rows.push(Self::term_row(row)?);
                    }
                }
                if let Some(prefix) = r.invoice {
                    let hi = format!("{prefix}\u{10FFFF}");
                    let found = sqlx::query($invoice)
                        .bind(prefix)
                        .bind(hi)
                        .bind(r.prefix_limit)
                        .fetch_all(&mut *tx)
                        .await?;
                    for row in &found {
                        rows.push(Self::term_row(row)?);
                    }
                }
                if r.substring_limit > 0 {
                    let found = sqlx::query($substring)
                        .bind($needle(r.q))
                        .bind(r.substring_limit)
                        .fetch_all(&mut *tx)
                        .await?;
                    for row in &found {
                        rows.push(Self::term_row(row)?);
                    }
                }
                tx.commit().await?;
                Ok(rows)
            }

            async fn search_plans(
                &self,
                needle: &str,
            ) -> $crate::store::StoreResult<Vec<(String, Vec<String>)>> {
                use sqlx::Row;
                let hi = format!("{needle}\u{10FFFF}");
                let upper = needle.to_uppercase();
                let upper_hi = format!("{upper}\u{10FFFF}");
                let mut out = Vec::new();
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                if !$prelude.is_empty() {
                    sqlx::query($prelude).execute(&mut *tx).await?;
                }
                let plans: [(&str, &str, Vec<String>); 3] = [
                    ("prefix", $crate::store::sql_staff::PREFIX_SQL, vec![needle.to_owned(), hi]),
                    ("substring", $substring, vec![$needle(needle)]),
                    ("invoice", $invoice, vec![upper, upper_hi]),
                ];
                for (name, sql, binds) in plans {
                    let text = format!(concat!($explain, " {}"), sql);
                    let mut q = sqlx::query(&text).persistent(false);
                    for b in binds {
                        q = q.bind(b);
                    }
                    q = q.bind(20_i64);
                    let rows = q.fetch_all(&mut *tx).await?;
                    let mut lines = Vec::new();
                    for r in rows {
                        // SQLite: (id, parent, notused, detail); PostgreSQL: one text column.
                        let line: String = match r.try_get::<String, _>("detail") {
                            Ok(l) => l,
                            Err(_) => r.try_get::<String, _>(0)?,
                        };
                        lines.push(line);
                    }
                    out.push((name.to_owned(), lines));
                }
                tx.commit().await?;
                Ok(out)
            }

            async fn customer_cards(
                &self,
                ids: &[uuid::Uuid],
            ) -> $crate::store::StoreResult<Vec<$crate::store::CustomerCardRow>> {
                use sqlx::Row;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                // One statement for the whole page of results.
                let marks: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
                let owner = "FROM account_members m JOIN users u ON u.id = m.user_id \
                     WHERE m.account_id = a.id AND m.role = 'owner' ORDER BY m.created_at, u.id LIMIT 1";
                let sql = format!(
                    "SELECT a.id, a.name, a.kind, a.created_at, p.doc, \
                     (SELECT COUNT(*) FROM account_members m JOIN user_roles r \
                      ON r.user_id = m.user_id WHERE m.account_id = a.id \
                      AND r.role IN ('agent', 'admin')) AS staff, \
                     (SELECT u.display_name {owner}) AS owner_name, \
                     (SELECT u.email {owner}) AS owner_email \
                     FROM accounts a LEFT JOIN account_profiles p ON p.account_id = a.id \
                     WHERE a.id IN ({})",
                    marks.join(", ")
                );
                let mut q = sqlx::query(&sql);
                for id in ids {
                    q = q.bind(*id);
                }
                let rows = q.fetch_all(&self.pool).await?;
                let mut out = Vec::with_capacity(rows.len());
                for a in rows {
                    let name: Option<String> = a.try_get("owner_name")?;
                    let email: Option<String> = a.try_get("owner_email")?;
                    out.push($crate::store::CustomerCardRow {
                        account_id: a.try_get("id")?,
                        name: a.try_get("name")?,
                        kind: a.try_get("kind")?,
                        created_at: $crate::clock::from_millis(a.try_get("created_at")?),
                        profile_doc: a.try_get("doc")?,
                        owner: name.zip(email),
                        has_staff_member: a.try_get::<i64, _>("staff")? > 0,
                    });
                }
                Ok(out)
            }

            async fn account_ids_after(
                &self,
                after: uuid::Uuid,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<uuid::Uuid>> {
                use sqlx::Row;
                sqlx::query("SELECT id FROM accounts WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(after)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(|r| r.try_get("id"))
                    .collect()
            }

            async fn staff_members(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::StaffRow>> {
                self.staff_rows(None).await
            }

            async fn staff_member(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::StaffRow>> {
                Ok(self.staff_rows(Some(user_id)).await?.into_iter().next())
            }

            async fn update_staff(
                &self,
                user_id: uuid::Uuid,
                role: Option<&str>,
                pseudonym: Option<Option<&str>>,
                disabled: Option<chrono::DateTime<chrono::Utc>>,
                enable: bool,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                if let Some(role) = role {
                    sqlx::query(
                        "DELETE FROM user_roles WHERE user_id = $1 AND role IN ('agent', 'admin')",
                    )
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                        .bind(user_id)
                        .bind(role)
                        .execute(&mut *tx)
                        .await?;
                }
                if let Some(p) = pseudonym {
                    sqlx::query("UPDATE users SET staff_pseudonym = $1 WHERE id = $2")
                        .bind(p)
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await?;
                }
                if let Some(at) = disabled {
                    let at = $crate::clock::to_millis(at);
                    sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
                        .bind(at)
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await?;
                    // A disabled staff member's sessions end now, not at expiry.
                    sqlx::query(
                        "UPDATE token_families SET revoked_at = $1, revoked_reason = 'disabled' \
                         WHERE user_id = $2 AND revoked_at IS NULL",
                    )
                    .bind(at)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                } else if enable {
                    sqlx::query("UPDATE users SET disabled_at = NULL WHERE id = $1")
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await
            }

            async fn staff_pseudonym(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<String>> {
                use sqlx::Row;
                Ok(sqlx::query("SELECT staff_pseudonym FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| r.try_get::<Option<String>, _>("staff_pseudonym"))
                    .transpose()?
                    .flatten())
            }

            async fn insert_generated(
                &self,
                b: &$crate::store::GeneratedBatch,
            ) -> $crate::store::StoreResult<()> {
                type Qb<'a> = sqlx::QueryBuilder<'a, $crate::store::sql::DbOf<$store>>;
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // Rows per statement, under both stores' bound-parameter limits.
                const ROWS: usize = 2000;
                for chunk in b.users.chunks(ROWS) {
                    let mut q = Qb::new("INSERT INTO users (id, email, display_name, password_hash, created_at) ");
                    q.push_values(chunk, |mut r, u| {
                        r.push_bind(u.0).push_bind(&u.1).push_bind(&u.2).push_bind(&u.3).push_bind(u.4);
                    });
                    q.build().execute(&mut *tx).await?;
                    let mut q = Qb::new("INSERT INTO user_roles (user_id, role) ");
                    q.push_values(chunk, |mut r, u| {
                        r.push_bind(u.0).push_bind("customer");
                    });
                    q.build().execute(&mut *tx).await?;
                }
                for chunk in b.accounts.chunks(ROWS) {
                    let mut q = Qb::new("INSERT INTO accounts (id, name, kind, created_at) ");
                    q.push_values(chunk, |mut r, a| {
                        r.push_bind(a.0).push_bind(&a.1).push_bind(a.2).push_bind(a.3);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                let pairs: Vec<_> = b.accounts.iter().zip(&b.users).collect();
                for chunk in pairs.chunks(ROWS) {
                    let mut q = Qb::new("INSERT INTO account_members (account_id, user_id, role, created_at) ");
                    q.push_values(chunk, |mut r, (a, u)| {
                        r.push_bind(a.0).push_bind(u.0).push_bind("owner").push_bind(a.3);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                for chunk in b.profiles.chunks(ROWS) {
                    let mut q = Qb::new("INSERT INTO account_profiles (account_id, doc, version, updated_at) ");
                    q.push_values(chunk, |mut r, p| {
                        r.push_bind(p.0).push_bind(&p.1).push_bind(1_i64).push_bind(p.2);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                for chunk in b.terms.chunks(ROWS) {
                    let mut q = Qb::new("INSERT INTO search_terms (account_id, field, value, shown) ");
                    q.push_values(chunk, |mut r, t| {
                        r.push_bind(t.account_id).push_bind(&t.field).push_bind(&t.value).push_bind(&t.shown);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                for chunk in b.invoices.chunks(ROWS / 2) {
                    let mut q = Qb::new(
                        "INSERT INTO invoices (id, account_id, number, issued_at, due_at, status, currency, \
                         subtotal, tax_rate, tax, total) ",
                    );
                    q.push_values(chunk, |mut r, i| {
                        r.push_bind(i.0)
                            .push_bind(i.1)
                            .push_bind(&i.2)
                            .push_bind(i.3)
                            .push_bind(i.3 + 14 * 86_400_000)
                            .push_bind(i.4)
                            .push_bind("GBP")
                            .push_bind(&i.5)
                            .push_bind("0.20")
                            .push_bind(&i.6)
                            .push_bind(&i.7);
                    });
                    q.build().execute(&mut *tx).await?;
                    let mut q = Qb::new(
                        "INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price, amount) ",
                    );
                    q.push_values(chunk, |mut r, i| {
                        r.push_bind(i.0)
                            .push_bind(1_i64)
                            .push_bind("Media hosting, monthly plan")
                            .push_bind(1_i64)
                            .push_bind(&i.5)
                            .push_bind(&i.5);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                tx.commit().await
            }

            async fn analyze(&self) -> $crate::store::StoreResult<()> {
                sqlx::raw_sql(<$store as $crate::store::sql::HasDb>::ANALYZE)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
            }
        }
    };
}

pub(crate) use impl_staff_store;
