//! The SQL stores: one table of expiring values, written with single atomic statements
//! (an upsert that replaces only an expired row, updates and deletes conditional on the
//! bytes read), so any number of instances can share it.
//!
//! ```sql
//! CREATE TABLE guard_kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, expires_at BIGINT NOT NULL)
//! ```
//!
//! The `*_in` functions run the same writes on a connection the caller holds, inside its
//! own transaction: that is how an idempotency record and the work it guards commit
//! together ([`IdempotencyLease::complete`](crate::IdempotencyLease::complete)).

/// Generates a store for one sqlx database.
macro_rules! sql_store {
    (
        $(#[$doc:meta])* $name:ident, $db:ty, $pool:ty, $conn:ty,
        schema: $schema:expr,
        get: $get:expr, insert: $insert:expr, update: $update:expr, delete: $delete:expr,
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            pool: $pool,
        }

        impl $name {
            /// The table's DDL (`CREATE TABLE IF NOT EXISTS guard_kv …`).
            pub const SCHEMA: &'static str = $schema;

            /// A store over `pool`; call [`migrate`](Self::migrate) once at start.
            #[must_use]
            pub fn new(pool: $pool) -> Self {
                $name { pool }
            }

            /// The pool.
            #[must_use]
            pub fn pool(&self) -> &$pool {
                &self.pool
            }

            /// The value under `key` if live at `now`, read on `conn`.
            pub async fn get_in(
                conn: &mut $conn,
                key: &str,
                now: $crate::Millis,
            ) -> Result<Option<Vec<u8>>, $crate::StoreError> {
                sqlx::query_scalar::<$db, Vec<u8>>($get)
                    .bind(key)
                    .bind(now)
                    .fetch_optional(conn)
                    .await
                    .map_err($crate::StoreError::from_display)
            }

            /// Insert-if-absent (or over an expired row) on `conn`.
            pub async fn insert_if_absent_in(
                conn: &mut $conn,
                key: &str,
                value: &[u8],
                expires: $crate::Millis,
                now: $crate::Millis,
            ) -> Result<bool, $crate::StoreError> {
                sqlx::query::<$db>($insert)
                    .bind(key)
                    .bind(value)
                    .bind(expires)
                    .bind(now)
                    .execute(conn)
                    .await
                    .map(|r| r.rows_affected() == 1)
                    .map_err($crate::StoreError::from_display)
            }

            /// Compare-and-set (or delete, when `value` is `None`) on `conn`.
            pub async fn compare_and_set_in(
                conn: &mut $conn,
                key: &str,
                expected: &[u8],
                value: Option<&[u8]>,
                expires: $crate::Millis,
                now: $crate::Millis,
            ) -> Result<bool, $crate::StoreError> {
                let done = match value {
                    Some(value) => {
                        sqlx::query::<$db>($update)
                            .bind(value)
                            .bind(expires)
                            .bind(key)
                            .bind(expected)
                            .bind(now)
                            .execute(conn)
                            .await
                    }
                    None => {
                        sqlx::query::<$db>($delete)
                            .bind(key)
                            .bind(expected)
                            .bind(now)
                            .execute(conn)
                            .await
                    }
                };
                done.map(|r| r.rows_affected() == 1)
                    .map_err($crate::StoreError::from_display)
            }

            /// Applies a [`LeaseWrite`](crate::LeaseWrite) on `conn` (inside the caller's
            /// transaction); `false` when the lease was lost (roll back).
            pub async fn apply_in(
                conn: &mut $conn,
                write: &$crate::LeaseWrite,
                now: $crate::Millis,
            ) -> Result<bool, $crate::StoreError> {
                $name::compare_and_set_in(
                    conn,
                    &write.key,
                    &write.expected,
                    write.value.as_deref(),
                    write.expires,
                    now,
                )
                .await
            }

            async fn conn(
                &self,
            ) -> Result<sqlx::pool::PoolConnection<$db>, $crate::StoreError> {
                self.pool
                    .acquire()
                    .await
                    .map_err($crate::StoreError::from_display)
            }
        }

        impl $crate::GuardStore for $name {
            fn get<'a>(
                &'a self,
                key: &'a str,
                now: $crate::Millis,
            ) -> $crate::StoreFuture<'a, Option<Vec<u8>>> {
                Box::pin(async move { $name::get_in(&mut *self.conn().await?, key, now).await })
            }

            fn insert_if_absent<'a>(
                &'a self,
                key: &'a str,
                value: &'a [u8],
                expires: $crate::Millis,
                now: $crate::Millis,
            ) -> $crate::StoreFuture<'a, bool> {
                Box::pin(async move {
                    let mut conn = self.conn().await?;
                    $name::insert_if_absent_in(&mut *conn, key, value, expires, now).await
                })
            }

            fn compare_and_set<'a>(
                &'a self,
                key: &'a str,
                expected: &'a [u8],
                value: Option<&'a [u8]>,
                expires: $crate::Millis,
                now: $crate::Millis,
            ) -> $crate::StoreFuture<'a, bool> {
                Box::pin(async move {
                    let mut conn = self.conn().await?;
                    $name::compare_and_set_in(&mut *conn, key, expected, value, expires, now).await
                })
            }
        }
    };
}

#[cfg(feature = "sqlite")]
sql_store! {
    /// The SQLite store (feature `sqlite`): one file shared by the processes of one
    /// machine. Open its pool with WAL and a busy timeout (see the crate docs).
    SqliteStore, sqlx::Sqlite, sqlx::SqlitePool, sqlx::SqliteConnection,
    schema: "CREATE TABLE IF NOT EXISTS guard_kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, expires_at INTEGER NOT NULL)",
    get: "SELECT value FROM guard_kv WHERE key = ?1 AND expires_at > ?2",
    insert: "INSERT INTO guard_kv (key, value, expires_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at \
             WHERE guard_kv.expires_at <= ?4",
    update: "UPDATE guard_kv SET value = ?1, expires_at = ?2 WHERE key = ?3 AND value = ?4 AND expires_at > ?5",
    delete: "DELETE FROM guard_kv WHERE key = ?1 AND value = ?2 AND expires_at > ?3",
}

#[cfg(feature = "sqlite")]
impl SqliteStore {
    /// Creates the table if it is not there.
    pub async fn migrate(&self) -> Result<(), crate::StoreError> {
        sqlx::query(Self::SCHEMA)
            .execute(&self.pool)
            .await
            .map(drop)
            .map_err(crate::StoreError::from_display)
    }
}

#[cfg(feature = "postgres")]
sql_store! {
    /// The PostgreSQL store (feature `postgres`): any number of instances on one database.
    PgStore, sqlx::Postgres, sqlx::PgPool, sqlx::PgConnection,
    schema: "CREATE TABLE IF NOT EXISTS guard_kv (key text PRIMARY KEY, value bytea NOT NULL, expires_at bigint NOT NULL)",
    get: "SELECT value FROM guard_kv WHERE key = $1 AND expires_at > $2",
    insert: "INSERT INTO guard_kv (key, value, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at \
             WHERE guard_kv.expires_at <= $4",
    update: "UPDATE guard_kv SET value = $1, expires_at = $2 WHERE key = $3 AND value = $4 AND expires_at > $5",
    delete: "DELETE FROM guard_kv WHERE key = $1 AND value = $2 AND expires_at > $3",
}

#[cfg(feature = "postgres")]
impl PgStore {
    /// Creates the table if it is not there, under an advisory lock (instances starting
    /// together do not race on the catalog).
    pub async fn migrate(&self) -> Result<(), crate::StoreError> {
        let mut tx = self
            .pool
            .begin()
            .await
            .map_err(crate::StoreError::from_display)?;
        sqlx::query("SELECT pg_advisory_xact_lock(7366120419)")
            .execute(&mut *tx)
            .await
            .map_err(crate::StoreError::from_display)?;
        sqlx::query(Self::SCHEMA)
            .execute(&mut *tx)
            .await
            .map_err(crate::StoreError::from_display)?;
        tx.commit().await.map_err(crate::StoreError::from_display)
    }
}
