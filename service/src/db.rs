//! Storage: SQLite or PostgreSQL through sqlx, the customers' tables, and the guards'
//! store on the same database.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use customer_core::Timestamp;
use customer_core::list::{Dialect, SqlTable, SqlValue};
use customer_core_axum::{GuardStore, LeaseWrite, PgStore, SqliteStore, StoreError};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, PgPool, Row, SqlitePool};

use crate::profile::Profile;

/// The database.
#[derive(Clone, Debug)]
pub enum Db {
    /// SQLite: a file or `sqlite::memory:`.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Pg(PgPool),
}

/// An open transaction on either database.
pub enum Tx {
    /// SQLite.
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    /// PostgreSQL.
    Pg(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// A write refused by a unique index.
pub enum WriteError {
    /// The unique key is taken.
    Duplicate,
    /// The database did not answer.
    Store(StoreError),
}

impl From<sqlx::Error> for WriteError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => WriteError::Duplicate,
            _ => WriteError::Store(StoreError::from_display(e)),
        }
    }
}

fn store(e: sqlx::Error) -> StoreError {
    StoreError::from_display(e)
}

impl Db {
    /// Connects to `url` and applies the migrations.
    pub async fn open(url: &str) -> Result<Db, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(2))
                .connect(url)
                .await
                .map_err(|e| format!("cannot connect to PostgreSQL: {e}"))?;
            sqlx::migrate!("migrations/postgres")
                .run(&pool)
                .await
                .map_err(|e| format!("migrations: {e}"))?;
            PgStore::new(pool.clone())
                .migrate()
                .await
                .map_err(|e| e.to_string())?;
            Ok(Db::Pg(pool))
        } else if url.starts_with("sqlite:") {
            let memory = url.contains(":memory:");
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| format!("bad SQLite URL: {e}"))?
                .create_if_missing(true)
                .busy_timeout(Duration::from_secs(5));
            let options = if memory {
                options
            } else {
                options
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
            };
            // One connection for `:memory:` (each connection is its own database); a
            // few for a file (WAL: readers in parallel, writers in turn).
            let pool = SqlitePoolOptions::new()
                .max_connections(if memory { 1 } else { 4 })
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await
                .map_err(|e| format!("cannot open SQLite: {e}"))?;
            sqlx::migrate!("migrations/sqlite")
                .run(&pool)
                .await
                .map_err(|e| format!("migrations: {e}"))?;
            SqliteStore::new(pool.clone())
                .migrate()
                .await
                .map_err(|e| e.to_string())?;
            Ok(Db::Sqlite(pool))
        } else {
            Err(format!(
                "--database must be sqlite:… or postgres://…, not {:?}",
                url.split(':').next().unwrap_or("")
            ))
        }
    }

    /// The guards' store on this database.
    pub fn guard_store(&self) -> Arc<dyn GuardStore> {
        match self {
            Db::Sqlite(p) => Arc::new(SqliteStore::new(p.clone())),
            Db::Pg(p) => Arc::new(PgStore::new(p.clone())),
        }
    }

    /// The SQL dialect.
    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Pg(_) => Dialect::Postgres,
        }
    }

    /// Answers a trivial query.
    pub async fn ping(&self) -> bool {
        match self {
            Db::Sqlite(p) => sqlx::query("SELECT 1").execute(p).await.is_ok(),
            Db::Pg(p) => sqlx::query("SELECT 1").execute(p).await.is_ok(),
        }
    }

    /// A write transaction (SQLite: `BEGIN IMMEDIATE`, so writers queue on the busy
    /// timeout instead of failing to upgrade).
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await.map_err(store)?),
            Db::Pg(p) => Tx::Pg(p.begin().await.map_err(store)?),
        })
    }

    /// One stored document.
    pub async fn find<P: Profile>(
        &self,
        account: &str,
        id: &str,
    ) -> Result<Option<String>, StoreError> {
        match self {
            Db::Sqlite(p) => {
                let sql = format!(
                    "SELECT document FROM {} WHERE account = ?1 AND id = ?2",
                    P::TABLE
                );
                sqlx::query_scalar::<_, String>(AssertSqlSafe(sql))
                    .bind(account)
                    .bind(id)
                    .fetch_optional(p)
                    .await
                    .map_err(store)
            }
            Db::Pg(p) => {
                let sql = format!(
                    "SELECT document FROM {} WHERE account = $1 AND id = $2::text::{}",
                    P::TABLE,
                    P::PG_ID
                );
                sqlx::query_scalar::<_, String>(AssertSqlSafe(sql))
                    .bind(account)
                    .bind(id)
                    .fetch_optional(p)
                    .await
                    .map_err(store)
            }
        }
    }

    /// The id of the customer holding `key`, if any.
    pub async fn holder<P: Profile>(&self, account: &str, key: &str) -> Option<String> {
        match self {
            Db::Sqlite(p) => {
                let sql = format!(
                    "SELECT id FROM {} WHERE account = ?1 AND email_key = ?2",
                    P::TABLE
                );
                sqlx::query_scalar::<_, String>(AssertSqlSafe(sql))
                    .bind(account)
                    .bind(key)
                    .fetch_optional(p)
                    .await
                    .ok()
                    .flatten()
            }
            Db::Pg(p) => {
                let sql = format!(
                    "SELECT id::text FROM {} WHERE account = $1 AND email_key = $2",
                    P::TABLE
                );
                sqlx::query_scalar::<_, String>(AssertSqlSafe(sql))
                    .bind(account)
                    .bind(key)
                    .fetch_optional(p)
                    .await
                    .ok()
                    .flatten()
            }
        }
    }

    /// A page of Juice customers under the keyset plan, scoped to `account`: the rows'
    /// positions and documents, in the order fetched.
    pub async fn page(
        &self,
        account: &str,
        plan: &customer_core::list::KeysetPlan,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let dialect = self.dialect();
        let (sql, params) = plan
            .sql_for(dialect, &SqlTable::new("scoped", "document"))
            .into_parts();
        let n = params.len() + 1;
        let scope = match dialect {
            Dialect::Sqlite => {
                format!("WITH scoped AS (SELECT * FROM customers WHERE account = ?{n})\n")
            }
            _ => format!("WITH scoped AS (SELECT * FROM customers WHERE account = ${n})\n"),
        };
        let sql = format!("{scope}{sql}");
        macro_rules! run {
            ($pool:expr, $db:ty) => {{
                let mut q = sqlx::query::<$db>(AssertSqlSafe(sql));
                for p in params {
                    q = match p {
                        SqlValue::Text(t) => q.bind(t),
                        SqlValue::Integer(i) => q.bind(i),
                        #[allow(unreachable_patterns)]
                        _ => q,
                    };
                }
                q.bind(account.to_owned())
                    .fetch_all($pool)
                    .await
                    .map_err(store)?
                    .into_iter()
                    .map(|row| {
                        Ok((
                            row.try_get::<String, _>(0).map_err(store)?,
                            row.try_get::<String, _>(1).map_err(store)?,
                            row.try_get::<String, _>(2).map_err(store)?,
                        ))
                    })
                    .collect()
            }};
        }
        match self {
            Db::Sqlite(p) => run!(p, sqlx::Sqlite),
            Db::Pg(p) => run!(p, sqlx::Postgres),
        }
    }
}

fn ts(dialect: Dialect, t: Timestamp) -> String {
    match dialect.timestamp(t) {
        SqlValue::Text(s) => s,
        _ => t.to_sortable_string(),
    }
}

impl Tx {
    /// Inserts a customer.
    pub async fn insert<P: Profile>(
        &mut self,
        account: &str,
        c: &P,
        document: &str,
    ) -> Result<(), WriteError> {
        let key = c.unique_key();
        self.insert_raw(
            P::TABLE,
            P::PG_ID,
            account,
            &c.id_text(),
            c.created(),
            key.as_deref(),
            document,
        )
        .await
    }

    /// Inserts a row into `table` (its id of PostgreSQL type `pg_id`).
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_raw(
        &mut self,
        table: &'static str,
        pg_id: &'static str,
        account: &str,
        id: &str,
        created_at: Timestamp,
        email_key: Option<&str>,
        document: &str,
    ) -> Result<(), WriteError> {
        match self {
            Tx::Sqlite(tx) => {
                let sql = format!(
                    "INSERT INTO {table} (account, id, created_at, email_key, document) VALUES (?1, ?2, ?3, ?4, ?5)"
                );
                sqlx::query(AssertSqlSafe(sql))
                    .bind(account)
                    .bind(id)
                    .bind(ts(Dialect::Sqlite, created_at))
                    .bind(email_key)
                    .bind(document)
                    .execute(&mut **tx)
                    .await?;
            }
            Tx::Pg(tx) => {
                let sql = format!(
                    "INSERT INTO {table} (account, id, created_at, email_key, document) \
                     VALUES ($1, $2::text::{pg_id}, $3::text::timestamptz, $4, $5)"
                );
                sqlx::query(AssertSqlSafe(sql))
                    .bind(account)
                    .bind(id)
                    .bind(ts(Dialect::Postgres, created_at))
                    .bind(email_key)
                    .bind(document)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Ok(())
    }

    /// The stored document, locked for update (PostgreSQL `FOR UPDATE`; SQLite's write
    /// transaction already excludes other writers).
    pub async fn find_for_update<P: Profile>(
        &mut self,
        account: &str,
        id: &str,
    ) -> Result<Option<String>, StoreError> {
        match self {
            Tx::Sqlite(tx) => {
                let sql = format!(
                    "SELECT document FROM {} WHERE account = ?1 AND id = ?2",
                    P::TABLE
                );
                sqlx::query_scalar::<_, String>(AssertSqlSafe(sql))
                    .bind(account)
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(store)
            }
            Tx::Pg(tx) => {
                let sql = format!(
                    "SELECT document FROM {} WHERE account = $1 AND id = $2::text::{} FOR UPDATE",
                    P::TABLE,
                    P::PG_ID
                );
                sqlx::query_scalar::<_, String>(AssertSqlSafe(sql))
                    .bind(account)
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(store)
            }
        }
    }

    /// Replaces a customer's document.
    pub async fn update<P: Profile>(
        &mut self,
        account: &str,
        c: &P,
        document: &str,
    ) -> Result<(), WriteError> {
        match self {
            Tx::Sqlite(tx) => {
                let sql = format!(
                    "UPDATE {} SET email_key = ?1, document = ?2 WHERE account = ?3 AND id = ?4",
                    P::TABLE
                );
                sqlx::query(AssertSqlSafe(sql))
                    .bind(c.unique_key())
                    .bind(document)
                    .bind(account)
                    .bind(c.id_text())
                    .execute(&mut **tx)
                    .await?;
            }
            Tx::Pg(tx) => {
                let sql = format!(
                    "UPDATE {} SET email_key = $1, document = $2 WHERE account = $3 AND id = $4::text::{}",
                    P::TABLE,
                    P::PG_ID
                );
                sqlx::query(AssertSqlSafe(sql))
                    .bind(c.unique_key())
                    .bind(document)
                    .bind(account)
                    .bind(c.id_text())
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Ok(())
    }

    /// Completes an idempotency record in this transaction; `false` when the lease was lost.
    pub async fn complete(&mut self, write: &LeaseWrite, now: i64) -> Result<bool, StoreError> {
        match self {
            Tx::Sqlite(tx) => SqliteStore::apply_in(tx, write, now).await,
            Tx::Pg(tx) => PgStore::apply_in(tx, write, now).await,
        }
    }

    /// Commits.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await.map_err(store),
            Tx::Pg(tx) => tx.commit().await.map_err(store),
        }
    }
}
