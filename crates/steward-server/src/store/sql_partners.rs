//! SQL for `PartnerStore`, shared by both stores (rules as in `sql.rs`).

macro_rules! impl_partner_store {
    ($store:ty) => {
        impl $store {
            fn partner_row(
                r: &<$crate::store::sql::DbOf<$store> as sqlx::Database>::Row,
            ) -> $crate::store::StoreResult<$crate::store::PartnerRow> {
                use sqlx::Row;
                Ok($crate::store::PartnerRow {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    purpose: r.try_get("purpose")?,
                    categories: $crate::store::sql_sharing::list(&r.try_get::<String, _>("categories")?)?,
                    privacy_url: r.try_get("privacy_url")?,
                    optional: r.try_get::<i64, _>("optional")? != 0,
                    curtails: r.try_get("curtails")?,
                    announced_in: r.try_get("announced_in")?,
                    starts_at: $crate::clock::from_millis(r.try_get("starts_at")?),
                    retired_at: $crate::store::sql_notices::opt_millis(r.try_get("retired_at")?),
                    version: r.try_get("version")?,
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::PartnerStore for $store {
            async fn partners(&self) -> $crate::store::StoreResult<Vec<$crate::store::PartnerRow>> {
                let rows = sqlx::query(
                    "SELECT id, name, purpose, categories, privacy_url, optional, curtails, \
                     announced_in, starts_at, retired_at, version FROM partners \
                     ORDER BY retired_at IS NOT NULL, name, id",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::partner_row).collect()
            }

            async fn partner(
                &self,
                id: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::PartnerRow>> {
                let row = sqlx::query(
                    "SELECT id, name, purpose, categories, privacy_url, optional, curtails, \
                     announced_in, starts_at, retired_at, version FROM partners WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::partner_row).transpose()
            }

            async fn insert_partner(
                &self,
                row: &$crate::store::PartnerRow,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "INSERT INTO partners (id, name, purpose, categories, privacy_url, optional, \
                     curtails, announced_in, starts_at, retired_at, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) ON CONFLICT (id) DO NOTHING",
                )
                .bind(&row.id)
                .bind(&row.name)
                .bind(&row.purpose)
                .bind($crate::store::sql_sharing::to_json(&row.categories)?)
                .bind(&row.privacy_url)
                .bind(i64::from(row.optional))
                .bind(&row.curtails)
                .bind(&row.announced_in)
                .bind($crate::clock::to_millis(row.starts_at))
                .bind(row.retired_at.map($crate::clock::to_millis))
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }

            async fn update_partner(
                &self,
                row: &$crate::store::PartnerRow,
            ) -> $crate::store::StoreResult<bool> {
                let n = sqlx::query(
                    "UPDATE partners SET name = $1, purpose = $2, categories = $3, \
                     privacy_url = $4, optional = $5, curtails = $6, announced_in = $7, \
                     starts_at = $8, retired_at = $9, version = version + 1 \
                     WHERE id = $10 AND version = $11",
                )
                .bind(&row.name)
                .bind(&row.purpose)
                .bind($crate::store::sql_sharing::to_json(&row.categories)?)
                .bind(&row.privacy_url)
                .bind(i64::from(row.optional))
                .bind(&row.curtails)
                .bind(&row.announced_in)
                .bind($crate::clock::to_millis(row.starts_at))
                .bind(row.retired_at.map($crate::clock::to_millis))
                .bind(&row.id)
                .bind(row.version)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(n == 1)
            }
        }
    };
}

pub(crate) use impl_partner_store;
