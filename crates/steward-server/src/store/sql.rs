//! The SQL both stores run. SQLite and PostgreSQL accept the same `$N`
//! placeholders; every statement here introduces `$1`, `$2`, ... in order,
//! which SQLite's positional binding relies on.
//!
//! A macro rather than generics over `sqlx::Database`: the trait bounds for a
//! generic executor are longer than the SQL they would save.

pub(crate) fn decode_err(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected {what} {value:?} in database").into())
}

macro_rules! impl_sql_store {
    ($store:ty, $kind:literal) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            fn kind(&self) -> &'static str {
                $kind
            }

            async fn ping(&self) -> $crate::store::StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
            }

            async fn create_user(
                &self,
                user: $crate::store::NewUser,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<$crate::store::User> {
                let id = uuid::Uuid::now_v7();
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                sqlx::query(
                    "INSERT INTO users (id, email, display_name, password_hash, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(&user.email)
                .bind(&user.display_name)
                .bind(&user.password_hash)
                .bind($crate::clock::to_millis(now))
                .execute(&mut *tx)
                .await?;
                for role in &user.roles {
                    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                        .bind(id)
                        .bind(role.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                let mut roles = user.roles.clone();
                roles.sort_by_key(|r| r.as_str());
                roles.dedup();
                Ok($crate::store::User {
                    id,
                    email: user.email,
                    display_name: user.display_name,
                    roles,
                    created_at: $crate::clock::from_millis($crate::clock::to_millis(now)),
                    disabled: false,
                    language: steward_types::Language::default(),
                })
            }

            async fn user_by_id(
                &self,
                id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Option<$crate::store::User>> {
                let row = sqlx::query(
                    "SELECT id, email, display_name, created_at, disabled_at, language FROM users WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                match row {
                    Some(row) => self.user_from_row(row).await.map(Some),
                    None => Ok(None),
                }
            }

            async fn user_by_email(
                &self,
                email: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::User>> {
                let row = sqlx::query(
                    "SELECT id, email, display_name, created_at, disabled_at, language FROM users WHERE email = $1",
                )
                .bind(email)
                .fetch_optional(&self.pool)
                .await?;
                match row {
                    Some(row) => self.user_from_row(row).await.map(Some),
                    None => Ok(None),
                }
            }

            async fn set_preferences(
                &self,
                user_id: uuid::Uuid,
                prefs: &steward_types::UserPreferences,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
                    .bind(prefs.language.as_str())
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn credentials(
                &self,
                email: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::Credentials>> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT id, password_hash, disabled_at FROM users WHERE email = $1",
                )
                .bind(email)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    Ok($crate::store::Credentials {
                        user_id: r.try_get("id")?,
                        password_hash: r.try_get("password_hash")?,
                        disabled: r.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
                    })
                })
                .transpose()
            }

            async fn create_account(
                &self,
                name: &str,
                kind: steward_types::AccountKind,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<uuid::Uuid> {
                let id = uuid::Uuid::now_v7();
                sqlx::query("INSERT INTO accounts (id, name, kind, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(id)
                    .bind(name)
                    .bind(kind.as_str())
                    .bind($crate::clock::to_millis(now))
                    .execute(&self.pool)
                    .await?;
                Ok(id)
            }

            async fn add_member(
                &self,
                account_id: uuid::Uuid,
                user_id: uuid::Uuid,
                role: steward_types::MemberRole,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO account_members (account_id, user_id, role, created_at) \
                     VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (account_id, user_id) DO UPDATE SET role = excluded.role",
                )
                .bind(account_id)
                .bind(user_id)
                .bind(role.as_str())
                .bind($crate::clock::to_millis(now))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn accounts_of(
                &self,
                user_id: uuid::Uuid,
            ) -> $crate::store::StoreResult<Vec<steward_types::AccountAccess>> {
                use sqlx::Row;
                if let Some(r) = <$store as $crate::store::sql::HasDb>::reader(self) {
                    return r.accounts_of(user_id);
                }
                let rows = sqlx::query(
                    "SELECT a.id, a.name, a.kind, m.role FROM account_members m \
                     JOIN accounts a ON a.id = m.account_id \
                     WHERE m.user_id = $1 ORDER BY a.name, a.id",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let kind: String = r.try_get("kind")?;
                        let role: String = r.try_get("role")?;
                        let role = steward_types::MemberRole::parse(&role)
                            .ok_or_else(|| $crate::store::sql::decode_err("member role", &role))?;
                        Ok(steward_types::AccountAccess {
                            account_id: r.try_get("id")?,
                            name: r.try_get("name")?,
                            kind: steward_types::AccountKind::parse(&kind)
                                .ok_or_else(|| $crate::store::sql::decode_err("account kind", &kind))?,
                            role,
                            capabilities: role.capabilities(),
                        })
                    })
                    .collect::<$crate::store::StoreResult<Vec<_>>>()
                    .map($crate::store::by_name)
            }

            async fn insert_code(
                &self,
                code: $crate::store::NewAuthCode,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO oauth_codes (code_hash, client_id, user_id, redirect_uri, \
                     code_challenge, scope, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&code.code_hash)
                .bind(&code.client_id)
                .bind(code.user_id)
                .bind(&code.redirect_uri)
                .bind(&code.code_challenge)
                .bind(&code.scope)
                .bind($crate::clock::to_millis(code.created_at))
                .bind($crate::clock::to_millis(code.expires_at))
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn redeem_code(
                &self,
                code_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<$crate::store::CodeRedemption> {
                use sqlx::Row;
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                let fresh = sqlx::query(
                    "UPDATE oauth_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL \
                     RETURNING client_id, user_id, redirect_uri, code_challenge, scope, expires_at",
                )
                .bind($crate::clock::to_millis(now))
                .bind(code_hash)
                .fetch_optional(&mut *tx)
                .await?;
                let outcome = if let Some(r) = fresh {
                    $crate::store::CodeRedemption::Fresh($crate::store::AuthCode {
                        client_id: r.try_get("client_id")?,
                        user_id: r.try_get("user_id")?,
                        redirect_uri: r.try_get("redirect_uri")?,
                        code_challenge: r.try_get("code_challenge")?,
                        scope: r.try_get("scope")?,
                        expires_at: $crate::clock::from_millis(r.try_get("expires_at")?),
                    })
                } else {
                    let used = sqlx::query("SELECT family_id FROM oauth_codes WHERE code_hash = $1")
                        .bind(code_hash)
                        .fetch_optional(&mut *tx)
                        .await?;
                    match used {
                        Some(r) => $crate::store::CodeRedemption::Reused {
                            family_id: r.try_get("family_id")?,
                        },
                        None => $crate::store::CodeRedemption::NotFound,
                    }
                };
                tx.commit().await?;
                Ok(outcome)
            }

            async fn start_session(
                &self,
                code_hash: &str,
                family: $crate::store::NewFamily,
                refresh: $crate::store::NewToken,
                access: $crate::store::NewToken,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                sqlx::query(
                    "INSERT INTO token_families (id, user_id, client_id, created_at, last_used_at, \
                     user_agent, ip_address) VALUES ($1, $2, $3, $4, $4, $5, $6)",
                )
                .bind(family.id)
                .bind(family.user_id)
                .bind(&family.client_id)
                .bind($crate::clock::to_millis(family.created_at))
                .bind(&family.user_agent)
                .bind(&family.ip_address)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE oauth_codes SET family_id = $1 WHERE code_hash = $2")
                    .bind(family.id)
                    .bind(code_hash)
                    .execute(&mut *tx)
                    .await?;
                Self::insert_tokens(&mut tx, &refresh, &access).await?;
                tx.commit().await
            }

            async fn rotate_refresh(
                &self,
                old_hash: &str,
                client_id: &str,
                new_refresh: $crate::store::NewToken,
                new_access: $crate::store::NewToken,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<$crate::store::Rotation> {
                use sqlx::Row;
                let now_ms = $crate::clock::to_millis(now);
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                // The conditional UPDATE is the single point of truth: of two
                // concurrent presentations, exactly one sees `used_at IS NULL`.
                let claimed = sqlx::query(
                    "UPDATE refresh_tokens SET used_at = $1 \
                     WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
                     RETURNING family_id",
                )
                .bind(now_ms)
                .bind(old_hash)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(r) = claimed {
                    let family_id: uuid::Uuid = r.try_get("family_id")?;
                    let fam = sqlx::query(
                        "SELECT user_id, client_id, revoked_at FROM token_families WHERE id = $1",
                    )
                    .bind(family_id)
                    .fetch_one(&mut *tx)
                    .await?;
                    let user_id: uuid::Uuid = fam.try_get("user_id")?;
                    let fam_client: String = fam.try_get("client_id")?;
                    let revoked: Option<i64> = fam.try_get("revoked_at")?;
                    if revoked.is_some() || fam_client != client_id {
                        tx.rollback().await?;
                        return Ok($crate::store::Rotation::Invalid);
                    }
                    let refresh = $crate::store::NewToken { family_id, user_id, ..new_refresh };
                    let access = $crate::store::NewToken { family_id, user_id, ..new_access };
                    Self::insert_tokens(&mut tx, &refresh, &access).await?;
                    sqlx::query("UPDATE token_families SET last_used_at = $1 WHERE id = $2")
                        .bind(now_ms)
                        .bind(family_id)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    return Ok($crate::store::Rotation::Rotated { family_id, user_id });
                }
                let seen = sqlx::query(
                    "SELECT family_id, used_at FROM refresh_tokens WHERE token_hash = $1",
                )
                .bind(old_hash)
                .fetch_optional(&mut *tx)
                .await?;
                let outcome = match seen {
                    Some(r) if r.try_get::<Option<i64>, _>("used_at")?.is_some() => {
                        let family_id: uuid::Uuid = r.try_get("family_id")?;
                        sqlx::query(
                            "UPDATE token_families SET revoked_at = $1, revoked_reason = $2 \
                             WHERE id = $3 AND revoked_at IS NULL",
                        )
                        .bind(now_ms)
                        .bind("refresh token reused")
                        .bind(family_id)
                        .execute(&mut *tx)
                        .await?;
                        $crate::store::Rotation::Reused { family_id }
                    }
                    _ => $crate::store::Rotation::Invalid,
                };
                tx.commit().await?;
                Ok(outcome)
            }

            async fn access_grant(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<Option<$crate::store::AccessGrant>> {
                use sqlx::Row;
                if let Some(r) = <$store as $crate::store::sql::HasDb>::reader(self) {
                    return r.access_grant(token_hash, now);
                }
                let row = sqlx::query(<$store as $crate::store::sql::HasDb>::ACCESS_GRANT)
                .bind(token_hash)
                .bind($crate::clock::to_millis(now))
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    let roles: Option<String> = r.try_get("roles")?;
                    let roles = roles
                        .map(|s| s.split(',').map(str::to_string).collect())
                        .unwrap_or_default();
                    Ok($crate::store::AccessGrant {
                        user: $crate::store::User {
                            id: r.try_get("id")?,
                            email: r.try_get("email")?,
                            display_name: r.try_get("display_name")?,
                            roles: $crate::store::roles_from(roles),
                            created_at: $crate::clock::from_millis(r.try_get("created_at")?),
                            disabled: false,
                            language: $crate::store::language_from(&r.try_get::<String, _>("language")?),
                        },
                        family_id: r.try_get("family_id")?,
                        signed_in_at: $crate::clock::from_millis(r.try_get("signed_in_at")?),
                        accounts: $crate::store::accounts_from_json(
                            r.try_get::<Option<String>, _>("accounts")?.as_deref(),
                        )?,
                        two_factor_since: r
                            .try_get::<Option<i64>, _>("two_factor_since")?
                            .map($crate::clock::from_millis),
                    })
                })
                .transpose()
            }

            async fn revoke_family(
                &self,
                family_id: uuid::Uuid,
                reason: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "UPDATE token_families SET revoked_at = $1, revoked_reason = $2 \
                     WHERE id = $3 AND revoked_at IS NULL",
                )
                .bind($crate::clock::to_millis(now))
                .bind(reason)
                .bind(family_id)
                .execute(&self.pool)
                .await
                .map(|_| ())
            }

            async fn revoke_token(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<bool> {
                use sqlx::Row;
                let refresh = sqlx::query("SELECT family_id FROM refresh_tokens WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?;
                if let Some(r) = refresh {
                    let family_id: uuid::Uuid = r.try_get("family_id")?;
                    self.revoke_family(family_id, "revoked by client", now).await?;
                    return Ok(true);
                }
                let deleted = sqlx::query("DELETE FROM access_tokens WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(deleted.rows_affected() > 0)
            }

            async fn record_failure(
                &self,
                keys: &[String],
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<()> {
                let at_ms = $crate::clock::to_millis(at);
                let horizon = at_ms - 24 * 3600 * 1000;
                let mut tx = self.pool.begin_with(<$store as $crate::store::sql::HasDb>::BEGIN).await?;
                for key in keys {
                    sqlx::query("DELETE FROM signin_failures WHERE throttle_key = $1 AND at < $2")
                        .bind(key)
                        .bind(horizon)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("INSERT INTO signin_failures (throttle_key, at) VALUES ($1, $2)")
                        .bind(key)
                        .bind(at_ms)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await
            }

            async fn failures_since(
                &self,
                key: &str,
                since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::StoreResult<(u32, Option<chrono::DateTime<chrono::Utc>>)> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM signin_failures \
                     WHERE throttle_key = $1 AND at >= $2",
                )
                .bind(key)
                .bind($crate::clock::to_millis(since))
                .fetch_one(&self.pool)
                .await?;
                let n: i64 = row.try_get("n")?;
                let oldest: Option<i64> = row.try_get("oldest")?;
                Ok((
                    u32::try_from(n).unwrap_or(u32::MAX),
                    oldest.map($crate::clock::from_millis),
                ))
            }

            async fn clear_failures(&self, key: &str) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM signin_failures WHERE throttle_key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
            }

            async fn meta_get(&self, key: &str) -> $crate::store::StoreResult<Option<String>> {
                sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await
            }

            async fn meta_set(&self, key: &str, value: &str) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO meta (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&self.pool)
                .await
                .map(|_| ())
            }
        }

        impl $store {
            async fn user_from_row(
                &self,
                row: <$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> $crate::store::StoreResult<$crate::store::User> {
                use sqlx::Row;
                let id: uuid::Uuid = row.try_get("id")?;
                let roles: Vec<String> =
                    sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1")
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                Ok($crate::store::User {
                    id,
                    email: row.try_get("email")?,
                    display_name: row.try_get("display_name")?,
                    roles: $crate::store::roles_from(roles),
                    created_at: $crate::clock::from_millis(row.try_get("created_at")?),
                    disabled: row.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
                    language: $crate::store::language_from(&row.try_get::<String, _>("language")?),
                })
            }

            async fn insert_tokens(
                tx: &mut sqlx::Transaction<'_, $crate::store::sql::DbOf<$store>>,
                refresh: &$crate::store::NewToken,
                access: &$crate::store::NewToken,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&refresh.token_hash)
                .bind(refresh.family_id)
                .bind($crate::clock::to_millis(refresh.created_at))
                .bind($crate::clock::to_millis(refresh.expires_at))
                .execute(&mut **tx)
                .await?;
                sqlx::query(
                    "INSERT INTO access_tokens (token_hash, family_id, user_id, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&access.token_hash)
                .bind(access.family_id)
                .bind(access.user_id)
                .bind($crate::clock::to_millis(access.expires_at))
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_sql_store;

/// `HasDb::ACCESS_GRANT`, around the store's JSON array of the person's
/// memberships (`[id, name, kind, role]`, in no order: `accounts_from_json`
/// sorts them).
macro_rules! access_grant_sql {
    ($accounts:literal) => {
        concat!(
            "SELECT a.family_id, f.created_at AS signed_in_at, ",
            "u.id, u.email, u.display_name, u.created_at, u.language, ",
            "(SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id) AS roles, ",
            "(SELECT ", $accounts, " FROM account_members m JOIN accounts ac ON ac.id = m.account_id ",
            "WHERE m.user_id = u.id) AS accounts, ",
            "(SELECT t.confirmed_at FROM totp_credentials t WHERE t.user_id = u.id) AS two_factor_since, ",
            "a.expires_at ",
            "FROM access_tokens a ",
            "JOIN token_families f ON f.id = a.family_id ",
            "JOIN users u ON u.id = a.user_id ",
            "WHERE a.token_hash = $1 AND a.expires_at > $2 ",
            "AND f.revoked_at IS NULL AND u.disabled_at IS NULL"
        )
    };
}
pub(crate) use access_grant_sql;

/// Maps a store type to its sqlx database, for the macro's signatures.
pub(crate) trait HasDb {
    type Db: sqlx::Database;
    /// How a transaction starts. SQLite takes the write lock up front
    /// (`IMMEDIATE`): a transaction that read first and then wants to write
    /// while another writer committed fails at once with "database is
    /// locked", without waiting out the busy timeout.
    const BEGIN: &'static str;
    /// What `StaffStore::analyze` runs after a bulk load: the planner's
    /// statistics, and on PostgreSQL the vacuum a load leaves owing.
    const ANALYZE: &'static str;
    /// `Store::access_grant`'s statement: the token, its session, the person,
    /// their roles, memberships and two-factor in one round trip. Only the
    /// JSON aggregate differs between the stores; the columns, in order:
    /// family_id, signed_in_at, id, email, display_name, created_at,
    /// language, roles, accounts, two_factor_since.
    const ACCESS_GRANT: &'static str;
    /// Read-only connections for the hot reads, where the store has them
    /// (SQLite: `sqlite_reader.rs`); `None` runs them through sqlx.
    fn reader(&self) -> Option<&super::sqlite_reader::Readers> {
        None
    }
    /// A connection for the hot write, where the store has one (SQLite:
    /// `sqlite_writer.rs`); `None` runs it through sqlx.
    fn writer(&self) -> Option<&super::sqlite_writer::Writer> {
        None
    }
}

pub(crate) type DbOf<S> = <S as HasDb>::Db;
