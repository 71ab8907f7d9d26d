//! SQL for `AccountStore`, shared by both stores (see `sql.rs` for the rules:
//! `$N` placeholders introduced in increasing order).

use steward_types::profile::{Actor, ActorKind};

pub(crate) fn actor_kind_str(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Member => "member",
        ActorKind::Staff => "staff",
        ActorKind::System => "system",
    }
}

pub(crate) fn actor_from(user_id: Option<uuid::Uuid>, name: String, kind: &str) -> Actor {
    let kind = match kind {
        "staff" => ActorKind::Staff,
        "system" => ActorKind::System,
        _ => ActorKind::Member,
    };
    Actor {
        user_id,
        name,
        kind,
    }
}

/// A unique-constraint violation on either database.
pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            matches!(
                db.code().unwrap_or_default().as_ref(),
                "2067" | "1555" | "23505"
            )
        }
        _ => false,
    }
}

/// `AccountStore::account_profile`, on both stores (the profile columns are
/// NULL before the first read creates it).
pub(crate) const ACCOUNT_PROFILE_SQL: &str =
    "SELECT a.id, a.name, a.kind, a.created_at, a.invoiced_at, p.doc, p.version, p.updated_at \
     FROM accounts a LEFT JOIN account_profiles p ON p.account_id = a.id WHERE a.id = $1";

macro_rules! impl_account_store {
    ($store:ty) => {
        impl $store {
            /// An `accounts` row's columns (`id, name, kind, created_at,
            /// invoiced_at`), wherever a query selects them.
            fn account_from(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> Result<$crate::store::AccountRow, sqlx::Error> {
                use sqlx::Row;
                let kind: String = r.try_get("kind")?;
                Ok($crate::store::AccountRow {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    kind: steward_types::AccountKind::parse(&kind)
                        .ok_or_else(|| $crate::store::sql::decode_err("account kind", &kind))?,
                    created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                    invoiced_at: r
                        .try_get::<Option<i64>, _>("invoiced_at")?
                        .map($crate::clock::from_millis),
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::AccountStore for $store {
            async fn account(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::AccountRow>> {
                if let Some(r) = <$store as $crate::store::sql::HasDb>::reader(self) {
                    return r.account(account_id);
                }
                let row = sqlx::query("SELECT id, name, kind, created_at, invoiced_at FROM accounts WHERE id = $1")
                    .bind(account_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| Self::account_from(&r)).transpose()
            }

            async fn set_invoiced(
                &self,
                account_id: uuid::Uuid,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE accounts SET invoiced_at = $1 WHERE id = $2 AND invoiced_at IS NULL")
                    .bind($crate::clock::to_millis(at))
                    .bind(account_id)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
            }

            async fn profile(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::ProfileRow>> {
                use sqlx::Row;
                if let Some(r) = <$store as $crate::store::sql::HasDb>::reader(self) {
                    return r.profile(account_id);
                }
                let row = sqlx::query(
                    "SELECT doc, version, updated_at FROM account_profiles WHERE account_id = $1",
                )
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    Ok($crate::store::ProfileRow {
                        doc: r.try_get("doc")?,
                        version: r.try_get("version")?,
                        updated_at: $crate::clock::from_millis(r.try_get("updated_at")?),
                    })
                })
                .transpose()
            }

            async fn account_profile(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<($crate::store::AccountRow, Option<$crate::store::ProfileRow>)>> {
                use sqlx::Row;
                if let Some(r) = <$store as $crate::store::sql::HasDb>::reader(self) {
                    return r.account_profile(account_id);
                }
                let row = sqlx::query($crate::store::sql_account::ACCOUNT_PROFILE_SQL)
                    .bind(account_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| {
                    let account = Self::account_from(&r)?;
                    let profile = match r.try_get::<Option<i64>, _>("version")? {
                        Some(version) => Some($crate::store::ProfileRow {
                            doc: r.try_get("doc")?,
                            version,
                            updated_at: $crate::clock::from_millis(r.try_get("updated_at")?),
                        }),
                        None => None,
                    };
                    Ok((account, profile))
                })
                .transpose()
            }

            async fn init_profile(
                &self,
                account_id: uuid::Uuid,
                doc: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO account_profiles (account_id, doc, version, updated_at) \
                     VALUES ($1, $2, 1, $3) ON CONFLICT (account_id) DO NOTHING",
                )
                .bind(account_id)
                .bind(doc)
                .bind($crate::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn update_profile(
                &self,
                account_id: uuid::Uuid,
                expected_version: i64,
                doc: &str,
                changes: &[$crate::store::FieldChange],
                actor: &steward_types::profile::Actor,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Option<i64>> {
                let at = $crate::clock::to_millis(now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // The write comes first: it takes the lock (SQLite) or the row
                // lock (PostgreSQL), so racing writers queue here and all but
                // one then find the version moved on.
                let updated = sqlx::query(
                    "UPDATE account_profiles SET doc = $1, version = version + 1, updated_at = $2 \
                     WHERE account_id = $3 AND version = $4",
                )
                .bind(doc)
                .bind(at)
                .bind(account_id)
                .bind(expected_version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if updated != 1 {
                    return Ok(None);
                }
                let version = expected_version + 1;
                for c in changes {
                    sqlx::query(
                        "INSERT INTO profile_changes (id, account_id, version, field, old_value, new_value, \
                         actor_user_id, actor_name, actor_kind, at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(uuid::Uuid::now_v7())
                    .bind(account_id)
                    .bind(version)
                    .bind(&c.field)
                    .bind(&c.old_value)
                    .bind(&c.new_value)
                    .bind(actor.user_id)
                    .bind(&actor.name)
                    .bind($crate::store::sql_account::actor_kind_str(actor.kind))
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(Some(version))
            }

            async fn profile_changes(
                &self,
                account_id: uuid::Uuid,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<steward_types::profile::ProfileChange>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, version, field, old_value, new_value, actor_user_id, actor_name, actor_kind, at \
                     FROM profile_changes WHERE account_id = $1 ORDER BY version DESC, field LIMIT $2",
                )
                .bind(account_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let kind: String = r.try_get("actor_kind")?;
                        Ok(steward_types::profile::ProfileChange {
                            id: r.try_get("id")?,
                            field: r.try_get("field")?,
                            old_value: r.try_get("old_value")?,
                            new_value: r.try_get("new_value")?,
                            actor: $crate::store::sql_account::actor_from(
                                r.try_get("actor_user_id")?,
                                r.try_get("actor_name")?,
                                &kind,
                            ),
                            version: r.try_get("version")?,
                            at: $crate::clock::from_millis(r.try_get("at")?),
                        })
                    })
                    .collect()
            }

            async fn create_verification(
                &self,
                v: $crate::store::NewVerification,
            ) -> $crate::store::StoreResult<Option<uuid::Uuid>> {
                let id = uuid::Uuid::now_v7();
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let inserted = sqlx::query(
                    "INSERT INTO verification_requests (id, account_id, source, actor_user_id, actor_name, \
                     actor_kind, reason, created_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(v.account_id)
                .bind(v.source)
                .bind(v.actor.user_id)
                .bind(&v.actor.name)
                .bind($crate::store::sql_account::actor_kind_str(v.actor.kind))
                .bind(&v.reason)
                .bind($crate::clock::to_millis(v.created_at))
                .bind($crate::clock::to_millis(v.due_at))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted != 1 {
                    return Ok(None);
                }
                for item in &v.items {
                    sqlx::query("INSERT INTO verification_checks (request_id, item) VALUES ($1, $2)")
                        .bind(id)
                        .bind(item.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(Some(id))
            }

            async fn verifications(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<steward_types::verification::VerificationRequest>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT id, actor_user_id, actor_name, actor_kind, reason, created_at, due_at, completed_at \
                     FROM verification_requests WHERE account_id = $1 \
                     ORDER BY (completed_at IS NULL) DESC, created_at DESC LIMIT 20",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let id: uuid::Uuid = r.try_get("id")?;
                    let kind: String = r.try_get("actor_kind")?;
                    let checks = sqlx::query(
                        "SELECT item, confirmed_at, actor_user_id, actor_name, actor_kind \
                         FROM verification_checks WHERE request_id = $1 ORDER BY item",
                    )
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?
                    .into_iter()
                    .map(|c| {
                        let item: String = c.try_get("item")?;
                        let name: Option<String> = c.try_get("actor_name")?;
                        let ckind: Option<String> = c.try_get("actor_kind")?;
                        Ok(steward_types::verification::VerificationCheck {
                            item: steward_types::verification::VerificationItem::parse(&item)
                                .ok_or_else(|| $crate::store::sql::decode_err("verification item", &item))?,
                            confirmed_at: c
                                .try_get::<Option<i64>, _>("confirmed_at")?
                                .map($crate::clock::from_millis),
                            confirmed_by: match name {
                                Some(n) => Some($crate::store::sql_account::actor_from(
                                    c.try_get("actor_user_id")?,
                                    n,
                                    ckind.as_deref().unwrap_or("member"),
                                )),
                                None => None,
                            },
                        })
                    })
                    .collect::<Result<Vec<_>, sqlx::Error>>()?;
                    out.push(steward_types::verification::VerificationRequest {
                        id,
                        requested_by: $crate::store::sql_account::actor_from(
                            r.try_get("actor_user_id")?,
                            r.try_get("actor_name")?,
                            &kind,
                        ),
                        reason: r.try_get("reason")?,
                        created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                        due_at: $crate::clock::from_millis(r.try_get("due_at")?),
                        completed_at: r
                            .try_get::<Option<i64>, _>("completed_at")?
                            .map($crate::clock::from_millis),
                        checks,
                    });
                }
                Ok(out)
            }

            async fn confirm_check(
                &self,
                account_id: uuid::Uuid,
                request_id: uuid::Uuid,
                item: steward_types::verification::VerificationItem,
                actor: &steward_types::profile::Actor,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let at = $crate::clock::to_millis(now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let updated = sqlx::query(
                    "UPDATE verification_checks SET confirmed_at = $1, actor_user_id = $2, actor_name = $3, \
                     actor_kind = $4 WHERE request_id = $5 AND item = $6 AND request_id IN \
                     (SELECT id FROM verification_requests WHERE account_id = $7)",
                )
                .bind(at)
                .bind(actor.user_id)
                .bind(&actor.name)
                .bind($crate::store::sql_account::actor_kind_str(actor.kind))
                .bind(request_id)
                .bind(item.as_str())
                .bind(account_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if updated != 1 {
                    return Ok(false);
                }
                sqlx::query(
                    "UPDATE verification_requests SET completed_at = $1 WHERE id = $2 \
                     AND completed_at IS NULL AND NOT EXISTS \
                     (SELECT 1 FROM verification_checks WHERE request_id = $3 AND confirmed_at IS NULL)",
                )
                .bind(at)
                .bind(request_id)
                .bind(request_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn last_verified(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<
                Vec<(steward_types::verification::VerificationItem, chrono::DateTime<chrono::Utc>)>,
            > {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT c.item, MAX(c.confirmed_at) AS at FROM verification_checks c \
                     JOIN verification_requests r ON r.id = c.request_id \
                     WHERE r.account_id = $1 AND c.confirmed_at IS NOT NULL GROUP BY c.item",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let item: String = r.try_get("item")?;
                        Ok((
                            steward_types::verification::VerificationItem::parse(&item)
                                .ok_or_else(|| $crate::store::sql::decode_err("verification item", &item))?,
                            $crate::clock::from_millis(r.try_get("at")?),
                        ))
                    })
                    .collect()
            }

            async fn create_correction(
                &self,
                c: $crate::store::NewCorrectionRow,
            ) -> $crate::store::StoreResult<steward_types::verification::CorrectionRequest> {
                let id = uuid::Uuid::now_v7();
                let at = $crate::clock::to_millis(c.now);
                sqlx::query(
                    "INSERT INTO correction_requests (id, account_id, field, current_value, requested_value, \
                     reason, status, actor_user_id, actor_name, actor_kind, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $11)",
                )
                .bind(id)
                .bind(c.account_id)
                .bind(&c.field)
                .bind(&c.current_value)
                .bind(&c.requested_value)
                .bind(&c.reason)
                .bind(c.actor.user_id)
                .bind(&c.actor.name)
                .bind($crate::store::sql_account::actor_kind_str(c.actor.kind))
                .bind(at)
                .bind(at)
                .execute(&self.pool)
                .await?;
                let now = $crate::clock::from_millis(at);
                Ok(steward_types::verification::CorrectionRequest {
                    id,
                    field: c.field,
                    current_value: c.current_value,
                    requested_value: c.requested_value,
                    reason: c.reason,
                    status: steward_types::verification::CorrectionStatus::Open,
                    resolution: None,
                    requested_by: c.actor,
                    created_at: now,
                    updated_at: now,
                })
            }

            async fn corrections(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<steward_types::verification::CorrectionRequest>> {
                let rows = sqlx::query(
                    "SELECT id, account_id, field, current_value, requested_value, reason, status, resolution, \
                     actor_user_id, actor_name, actor_kind, created_at, updated_at \
                     FROM correction_requests WHERE account_id = $1 ORDER BY created_at DESC LIMIT 100",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| Self::correction_from_row(&r).map(|(_, c)| c))
                    .collect()
            }

            async fn correction(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<(uuid::Uuid, steward_types::verification::CorrectionRequest)>> {
                let row = sqlx::query(
                    "SELECT id, account_id, field, current_value, requested_value, reason, status, resolution, \
                     actor_user_id, actor_name, actor_kind, created_at, updated_at \
                     FROM correction_requests WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| Self::correction_from_row(&r)).transpose()
            }

            async fn decide_correction(
                &self,
                id: uuid::Uuid,
                status: steward_types::verification::CorrectionStatus,
                resolution: Option<&str>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE correction_requests SET status = $1, resolution = $2, updated_at = $3 \
                     WHERE id = $4 AND status IN ('open', 'in_review')",
                )
                .bind(status.as_str())
                .bind(resolution)
                .bind($crate::clock::to_millis(now))
                .bind(id)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn reopen_correction(
                &self,
                id: uuid::Uuid,
                status: steward_types::verification::CorrectionStatus,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE correction_requests SET status = $1, resolution = NULL, updated_at = $2 \
                     WHERE id = $3 AND status = 'done'",
                )
                .bind(status.as_str())
                .bind($crate::clock::to_millis(now))
                .bind(id)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn corrections_in(
                &self,
                statuses: &[steward_types::verification::CorrectionStatus],
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<(uuid::Uuid, steward_types::verification::CorrectionRequest)>> {
                // At most four statuses: bind each (unused slots repeat the first).
                let s = |i: usize| statuses.get(i).or(statuses.first()).map_or("open", |s| s.as_str());
                let rows = sqlx::query(
                    "SELECT id, account_id, field, current_value, requested_value, reason, status, resolution, \
                     actor_user_id, actor_name, actor_kind, created_at, updated_at FROM correction_requests \
                     WHERE status IN ($1, $2, $3, $4) ORDER BY created_at, id LIMIT $5",
                )
                .bind(s(0))
                .bind(s(1))
                .bind(s(2))
                .bind(s(3))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::correction_from_row).collect()
            }

        }

        impl $store {
            fn correction_from_row(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> $crate::store::StoreResult<(uuid::Uuid, steward_types::verification::CorrectionRequest)> {
                use sqlx::Row;
                let status: String = r.try_get("status")?;
                let kind: String = r.try_get("actor_kind")?;
                Ok((
                    r.try_get("account_id")?,
                    steward_types::verification::CorrectionRequest {
                        id: r.try_get("id")?,
                        field: r.try_get("field")?,
                        current_value: r.try_get("current_value")?,
                        requested_value: r.try_get("requested_value")?,
                        reason: r.try_get("reason")?,
                        status: steward_types::verification::CorrectionStatus::parse(&status)
                            .ok_or_else(|| $crate::store::sql::decode_err("correction status", &status))?,
                        resolution: r.try_get("resolution")?,
                        requested_by: $crate::store::sql_account::actor_from(
                            r.try_get("actor_user_id")?,
                            r.try_get("actor_name")?,
                            &kind,
                        ),
                        created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                        updated_at: $crate::clock::from_millis(r.try_get("updated_at")?),
                    },
                ))
            }

        }
    };
}

pub(crate) use impl_account_store;
