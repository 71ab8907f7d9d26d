//! SQL for `CommsStore`, shared by both stores (rules as in `sql.rs`).

use steward_types::comms::{Channel, PrefState, Purpose};

pub(crate) fn cell(
    purpose: &str,
    channel: &str,
    state: &str,
) -> Result<(Purpose, Channel, PrefState), sqlx::Error> {
    let bad = |what: &str, v: &str| crate::store::sql::decode_err(what, v);
    Ok((
        Purpose::parse(purpose).ok_or_else(|| bad("purpose", purpose))?,
        Channel::parse(channel).ok_or_else(|| bad("channel", channel))?,
        PrefState::parse(state).ok_or_else(|| bad("preference state", state))?,
    ))
}

// `write_comms`'s statements, shared with the SQLite writer
// (`sqlite_writer.rs`), which binds them by position: each `$n` first
// appears in ascending order.
pub(crate) const BUMP_VERSION: &str =
    "UPDATE comm_pref_versions SET version = version + 1 WHERE user_id = $1 AND version = $2";
pub(crate) const FIRST_VERSION: &str =
    "INSERT INTO comm_pref_versions (user_id, version) VALUES ($1, 1) ON CONFLICT (user_id) DO NOTHING";
pub(crate) const USE_OPTIN: &str =
    "UPDATE comm_optins SET confirmed_at = $1 WHERE token_hash = $2 \
     AND confirmed_at IS NULL AND expires_at > $3";
pub(crate) const PUT_CELL: &str =
    "INSERT INTO comm_prefs (user_id, purpose, channel, state, updated_at) \
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, purpose, channel) \
     DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at";
pub(crate) const NEW_OPTIN: &str = "INSERT INTO comm_optins \
     (token_hash, user_id, purpose, created_at, expires_at, confirmed_at) VALUES ($1, $2, $3, $4, $5, NULL)";
/// The policy version in force at `$1`: the one `NoticeStore::policy_in_force`
/// reads, and the one a change's answer quotes, read by the change's own
/// transaction (on SQLite, the writer's connection, whose page cache no
/// other commit has emptied).
pub(crate) const POLICY_IN_FORCE: &str =
    "SELECT version FROM policy_versions WHERE effective_at <= $1 \
     ORDER BY effective_at DESC, published_at DESC LIMIT 1";
pub(crate) const OUTBOX: &str =
    "INSERT INTO outbox (id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)";
/// Receipts are only ever inserted (a trigger refuses updates); the policy
/// version is the one in force at `at` ($4), read in the same statement.
pub(crate) const RECEIPT: &str = "INSERT INTO consent_receipts (id, user_id, account_id, at, \
     actor_user_id, actor_name, actor_kind, reason, subject, old_state, new_state, source, policy_version) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
     (SELECT version FROM policy_versions WHERE effective_at <= $4 \
      ORDER BY effective_at DESC, published_at DESC LIMIT 1))";

macro_rules! impl_comms_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::CommsStore for $store {
            async fn comm_prefs(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<(
                Vec<(steward_types::comms::Purpose, steward_types::comms::Channel, steward_types::comms::PrefState)>,
                i64,
            )> {
                use sqlx::Row;
                if let Some(r) = <$store as $crate::store::sql::HasDb>::reader(self) {
                    return r.comm_prefs(user_id);
                }
                let version: Option<i64> =
                    sqlx::query_scalar("SELECT version FROM comm_pref_versions WHERE user_id = $1")
                        .bind(user_id)
                        .fetch_optional(&self.pool)
                        .await?;
                let rows = sqlx::query(
                    "SELECT purpose, channel, state FROM comm_prefs WHERE user_id = $1",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                let cells = rows
                    .iter()
                    .map(|r| {
                        $crate::store::sql_comms::cell(
                            &r.try_get::<String, _>("purpose")?,
                            &r.try_get::<String, _>("channel")?,
                            &r.try_get::<String, _>("state")?,
                        )
                    })
                    .collect::<Result<Vec<_>, sqlx::Error>>()?;
                Ok((cells, version.unwrap_or(0)))
            }

            async fn write_comms(
                &self,
                w: $crate::store::CommsWrite,
            ) -> $crate::store::StoreResult<$crate::store::CommsOutcome> {
                if let Some(writer) = <$store as $crate::store::sql::HasDb>::writer(self) {
                    return writer.write_comms(w).await;
                }
                let at = $crate::clock::to_millis(w.now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // The version check is the first write: racing writers queue
                // on this row, and all but the first see a new version.
                let bumped = sqlx::query($crate::store::sql_comms::BUMP_VERSION)
                .bind(w.user_id)
                .bind(w.expected_version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if bumped == 0 {
                    if w.expected_version != 0 {
                        return Ok($crate::store::CommsOutcome::Conflict);
                    }
                    let inserted = sqlx::query($crate::store::sql_comms::FIRST_VERSION)
                    .bind(w.user_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if inserted == 0 {
                        return Ok($crate::store::CommsOutcome::Conflict);
                    }
                }
                if let Some(hash) = &w.confirm_optin {
                    let used = sqlx::query($crate::store::sql_comms::USE_OPTIN)
                    .bind(at)
                    .bind(hash)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if used != 1 {
                        return Ok($crate::store::CommsOutcome::OptInUnusable);
                    }
                }
                for (purpose, channel, state) in &w.cells {
                    sqlx::query($crate::store::sql_comms::PUT_CELL)
                    .bind(w.user_id)
                    .bind(purpose.as_str())
                    .bind(channel.as_str())
                    .bind(state.as_str())
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                for r in &w.receipts {
                    Self::write_receipt(&mut tx, w.user_id, r).await?;
                }
                for o in &w.new_optins {
                    sqlx::query($crate::store::sql_comms::NEW_OPTIN)
                    .bind(&o.token_hash)
                    .bind(w.user_id)
                    .bind(o.purpose.as_str())
                    .bind(at)
                    .bind($crate::clock::to_millis(o.expires_at))
                    .execute(&mut *tx)
                    .await?;
                }
                for m in &w.mail {
                    sqlx::query($crate::store::sql_comms::OUTBOX)
                    .bind(uuid::Uuid::now_v7())
                    .bind(&m.to)
                    .bind(&m.subject)
                    .bind(&m.body)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                let policy_version = sqlx::query_scalar($crate::store::sql_comms::POLICY_IN_FORCE)
                    .bind(at)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                // The version row matched `expected_version` (or was created
                // at 1) and this transaction bumped it once.
                Ok($crate::store::CommsOutcome::Written {
                    version: w.expected_version + 1,
                    policy_version,
                })
            }

            async fn optin(
                &self,
                token_hash: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::OptInRow>> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT user_id, purpose, expires_at, confirmed_at FROM comm_optins WHERE token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    let purpose: String = r.try_get("purpose")?;
                    Ok($crate::store::OptInRow {
                        user_id: r.try_get("user_id")?,
                        purpose: steward_types::comms::Purpose::parse(&purpose)
                            .ok_or_else(|| $crate::store::sql::decode_err("purpose", &purpose))?,
                        expires_at: $crate::clock::from_millis(r.try_get("expires_at")?),
                        confirmed_at: r
                            .try_get::<Option<i64>, _>("confirmed_at")?
                            .map($crate::clock::from_millis),
                    })
                })
                .transpose()
            }

            async fn consent_receipts(
                &self,
                user_id: uuid::Uuid,
                before: Option<(chrono::DateTime<chrono::Utc>, uuid::Uuid)>,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<steward_types::comms::ConsentReceipt>> {
                use sqlx::Row;
                let (at, id) = before
                    .map(|(at, id)| ($crate::clock::to_millis(at), id))
                    .unwrap_or((i64::MAX, uuid::Uuid::max()));
                let rows = sqlx::query(
                    "SELECT id, at, actor_user_id, actor_name, actor_kind, reason, subject, old_state, new_state, \
                     source, policy_version FROM consent_receipts \
                     WHERE user_id = $1 AND (at < $2 OR (at = $3 AND id < $4)) ORDER BY at DESC, id DESC LIMIT $5",
                )
                .bind(user_id)
                .bind(at)
                .bind(at)
                .bind(id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let kind: String = r.try_get("actor_kind")?;
                        let source: String = r.try_get("source")?;
                        Ok(steward_types::comms::ConsentReceipt {
                            id: r.try_get("id")?,
                            at: $crate::clock::from_millis(r.try_get("at")?),
                            actor: $crate::store::sql_account::actor_from(
                                r.try_get("actor_user_id")?,
                                r.try_get("actor_name")?,
                                &kind,
                            ),
                            reason: r.try_get("reason")?,
                            subject: r.try_get("subject")?,
                            old_state: r.try_get("old_state")?,
                            new_state: r.try_get("new_state")?,
                            source: steward_types::comms::ReceiptSource::parse(&source)
                                .ok_or_else(|| $crate::store::sql::decode_err("receipt source", &source))?,
                            policy_version: r.try_get("policy_version")?,
                        })
                    })
                    .collect()
            }

            async fn server_key(
                &self,
                name: &str,
                fresh: &[u8],
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Vec<u8>> {
                // Read first: after the first request, a plain read, never a
                // write (unsubscribe pages need no sign-in).
                let existing: Option<Vec<u8>> =
                    sqlx::query_scalar("SELECT secret FROM server_keys WHERE name = $1")
                        .bind(name)
                        .fetch_optional(&self.pool)
                        .await?;
                if let Some(secret) = existing {
                    return Ok(secret);
                }
                sqlx::query(
                    "INSERT INTO server_keys (name, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                )
                .bind(name)
                .bind(fresh)
                .bind($crate::clock::to_millis(now))
                .execute(&self.pool)
                .await?;
                sqlx::query_scalar("SELECT secret FROM server_keys WHERE name = $1")
                    .bind(name)
                    .fetch_one(&self.pool)
                    .await
            }
        }

        impl $store {
            /// A receipt, in `tx` (`sql_comms::RECEIPT`).
            pub(crate) async fn write_receipt(
                tx: &mut sqlx::Transaction<'_, $crate::store::sql::DbOf<$store>>,
                user_id: uuid::Uuid,
                r: &$crate::store::NewReceipt,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query($crate::store::sql_comms::RECEIPT)
                .bind(uuid::Uuid::now_v7())
                .bind(user_id)
                .bind(r.account_id)
                .bind($crate::clock::to_millis(r.at))
                .bind(r.actor.user_id)
                .bind(&r.actor.name)
                .bind($crate::store::sql_account::actor_kind_str(r.actor.kind))
                .bind(&r.reason)
                .bind(&r.subject)
                .bind(&r.old_state)
                .bind(&r.new_state)
                .bind(r.source.as_str())
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_comms_store;
