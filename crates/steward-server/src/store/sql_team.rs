//! SQL for `TeamStore`, shared by both stores (rules as in `sql.rs`).

macro_rules! impl_team_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::TeamStore for $store {
            async fn invitation(
                &self,
                account_id: uuid::Uuid,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::InvitationRow>> {
                let row = sqlx::query(
                    "SELECT id, account_id, email, role, invited_by, created_at, expires_at, last_sent_at, \
                     accepted_at, cancelled_at FROM invitations WHERE account_id = $1 AND id = $2",
                )
                .bind(account_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::invitation_from_row).transpose()
            }

            async fn members(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<steward_types::team::Member>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT u.id, u.display_name, u.email, m.role, m.created_at FROM account_members m \
                     JOIN users u ON u.id = m.user_id WHERE m.account_id = $1 \
                     ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'billing_manager' THEN 1 ELSE 2 END, \
                     u.display_name",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let role: String = r.try_get("role")?;
                        Ok(steward_types::team::Member {
                            user_id: r.try_get("id")?,
                            display_name: r.try_get("display_name")?,
                            email: r.try_get("email")?,
                            role: steward_types::MemberRole::parse(&role)
                                .ok_or_else(|| $crate::store::sql::decode_err("member role", &role))?,
                            since: $crate::clock::from_millis(r.try_get("created_at")?),
                        })
                    })
                    .collect()
            }

            async fn invitations(
                &self,
                account_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<$crate::store::InvitationRow>> {
                let rows = sqlx::query(
                    "SELECT id, account_id, email, role, invited_by, created_at, expires_at, last_sent_at, \
                     accepted_at, cancelled_at FROM invitations WHERE account_id = $1 \
                     ORDER BY created_at DESC, id DESC LIMIT 100",
                )
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::invitation_from_row).collect()
            }

            async fn create_invitation(
                &self,
                i: $crate::store::NewInvitationRow,
            ) -> $crate::store::StoreResult<Option<$crate::store::InvitationRow>> {
                let id = uuid::Uuid::now_v7();
                let at = $crate::clock::to_millis(i.now);
                // An expired invitation is over: close it so it does not
                // count as the address's pending one.
                sqlx::query(
                    "UPDATE invitations SET cancelled_at = $1 WHERE account_id = $2 AND email = $3 \
                     AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at <= $4",
                )
                .bind(at)
                .bind(i.account_id)
                .bind(&i.email)
                .bind(at)
                .execute(&self.pool)
                .await?;
                let result = sqlx::query(
                    "INSERT INTO invitations (id, account_id, email, role, code_hash, invited_by, created_at, \
                     expires_at, last_sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(id)
                .bind(i.account_id)
                .bind(&i.email)
                .bind(i.role.as_str())
                .bind(&i.code_hash)
                .bind(&i.invited_by)
                .bind(at)
                .bind($crate::clock::to_millis(i.expires_at))
                .bind(at)
                .execute(&self.pool)
                .await;
                match result {
                    Ok(_) => Ok(Some($crate::store::InvitationRow {
                        id,
                        account_id: i.account_id,
                        email: i.email,
                        role: i.role,
                        invited_by: i.invited_by,
                        created_at: $crate::clock::from_millis(at),
                        expires_at: i.expires_at,
                        last_sent_at: $crate::clock::from_millis(at),
                        accepted_at: None,
                        cancelled_at: None,
                    })),
                    Err(e) if $crate::store::sql_account::is_unique_violation(&e) => Ok(None),
                    Err(e) => Err(e),
                }
            }

            async fn renew_invitation(
                &self,
                account_id: uuid::Uuid,
                id: uuid::Uuid,
                code_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE invitations SET code_hash = $1, last_sent_at = $2, expires_at = $3 \
                     WHERE account_id = $4 AND id = $5 AND accepted_at IS NULL AND cancelled_at IS NULL",
                )
                .bind(code_hash)
                .bind($crate::clock::to_millis(now))
                .bind($crate::clock::to_millis(expires_at))
                .bind(account_id)
                .bind(id)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn cancel_invitation(
                &self,
                account_id: uuid::Uuid,
                id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE invitations SET cancelled_at = $1 WHERE account_id = $2 AND id = $3 \
                     AND accepted_at IS NULL AND cancelled_at IS NULL",
                )
                .bind($crate::clock::to_millis(now))
                .bind(account_id)
                .bind(id)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn invitation_by_code(
                &self,
                code_hash: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::InvitationRow>> {
                let row = sqlx::query(
                    "SELECT id, account_id, email, role, invited_by, created_at, expires_at, last_sent_at, \
                     accepted_at, cancelled_at FROM invitations WHERE code_hash = $1",
                )
                .bind(code_hash)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::invitation_from_row).transpose()
            }

            async fn accept_invitation(
                &self,
                id: uuid::Uuid,
                user_id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                use sqlx::Row;
                let at = $crate::clock::to_millis(now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let row = sqlx::query(
                    "UPDATE invitations SET accepted_at = $1 WHERE id = $2 \
                     AND accepted_at IS NULL AND cancelled_at IS NULL RETURNING account_id, role",
                )
                .bind(at)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else { return Ok(false) };
                let account_id: uuid::Uuid = row.try_get("account_id")?;
                let role: String = row.try_get("role")?;
                sqlx::query("UPDATE accounts SET team_version = team_version + 1 WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
                // An existing member keeps their role: an invitation never demotes.
                sqlx::query(
                    "INSERT INTO account_members (account_id, user_id, role, created_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, user_id) DO NOTHING",
                )
                .bind(account_id)
                .bind(user_id)
                .bind(&role)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn set_member_role(
                &self,
                account_id: uuid::Uuid,
                user_id: uuid::Uuid,
                role: steward_types::MemberRole,
            ) -> $crate::store::StoreResult<$crate::store::TeamChange> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                match Self::lock_team_and_check(&mut tx, account_id, user_id, role != steward_types::MemberRole::Owner).await? {
                    $crate::store::TeamChange::Done => {}
                    other => return Ok(other),
                }
                sqlx::query("UPDATE account_members SET role = $1 WHERE account_id = $2 AND user_id = $3")
                    .bind(role.as_str())
                    .bind(account_id)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok($crate::store::TeamChange::Done)
            }

            async fn remove_member(
                &self,
                account_id: uuid::Uuid,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<$crate::store::TeamChange> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                match Self::lock_team_and_check(&mut tx, account_id, user_id, true).await? {
                    $crate::store::TeamChange::Done => {}
                    other => return Ok(other),
                }
                sqlx::query("DELETE FROM account_members WHERE account_id = $1 AND user_id = $2")
                    .bind(account_id)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok($crate::store::TeamChange::Done)
            }        }

        impl $store {
            fn invitation_from_row(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> $crate::store::StoreResult<$crate::store::InvitationRow> {
                use sqlx::Row;
                let role: String = r.try_get("role")?;
                let ts = |v: Option<i64>| v.map($crate::clock::from_millis);
                Ok($crate::store::InvitationRow {
                    id: r.try_get("id")?,
                    account_id: r.try_get("account_id")?,
                    email: r.try_get("email")?,
                    role: steward_types::MemberRole::parse(&role)
                        .ok_or_else(|| $crate::store::sql::decode_err("member role", &role))?,
                    invited_by: r.try_get("invited_by")?,
                    created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                    expires_at: $crate::clock::from_millis(r.try_get("expires_at")?),
                    last_sent_at: $crate::clock::from_millis(r.try_get("last_sent_at")?),
                    accepted_at: ts(r.try_get("accepted_at")?),
                    cancelled_at: ts(r.try_get("cancelled_at")?),
                })
            }

            /// Serialise membership changes on the account row, then check
            /// that the target is a member and, when `losing_owner`, that
            /// another owner remains.
            async fn lock_team_and_check(
                tx: &mut sqlx::Transaction<'_, $crate::store::sql::DbOf<$store>>,
                account_id: uuid::Uuid,
                user_id: uuid::Uuid,
                losing_owner: bool,
            ) -> $crate::store::StoreResult<$crate::store::TeamChange> {
                use sqlx::Row;
                sqlx::query("UPDATE accounts SET team_version = team_version + 1 WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut **tx)
                    .await?;
                let row = sqlx::query("SELECT role FROM account_members WHERE account_id = $1 AND user_id = $2")
                    .bind(account_id)
                    .bind(user_id)
                    .fetch_optional(&mut **tx)
                    .await?;
                let Some(row) = row else {
                    return Ok($crate::store::TeamChange::NotFound);
                };
                let role: String = row.try_get("role")?;
                if losing_owner && role == "owner" {
                    let owners: i64 = sqlx::query(
                        "SELECT COUNT(*) AS n FROM account_members WHERE account_id = $1 AND role = 'owner'",
                    )
                    .bind(account_id)
                    .fetch_one(&mut **tx)
                    .await?
                    .try_get("n")?;
                    if owners <= 1 {
                        return Ok($crate::store::TeamChange::LastOwner);
                    }
                }
                Ok($crate::store::TeamChange::Done)
            }        }
    };
}

pub(crate) use impl_team_store;
