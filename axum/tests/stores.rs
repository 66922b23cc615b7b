//! Every store keeps the [`GuardStore`] contract against its real engine: SQLite (a file
//! and `sqlite::memory:`), PostgreSQL (`CUSTOMER_CORE_PG_URL`) and Redis
//! (`CUSTOMER_CORE_REDIS_URL`). The server tests are ignored unless asked for
//! (`.ci/service.sh` runs them with `--include-ignored`, the servers started); asked for
//! without their server, they fail.

use std::sync::Arc;

use customer_core_axum::{
    GuardStore, MemoryStore, PgStore, RedisStore, SqliteStore, check_store_contract,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

fn unique(prefix: &str) -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    format!("{prefix}:{}", u64::from_le_bytes(bytes))
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run .ci/service.sh"))
}

#[tokio::test]
async fn memory() {
    check_store_contract(Arc::new(MemoryStore::new()), &unique("mem"), 64).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_file() {
    let dir = std::env::temp_dir().join(unique("cc-axum").replace(':', "-"));
    std::fs::create_dir_all(&dir).unwrap();
    let options = SqliteConnectOptions::new()
        .filename(dir.join("guards.db"))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(std::time::Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .unwrap();
    let store = SqliteStore::new(pool);
    store.migrate().await.unwrap();
    store.migrate().await.unwrap(); // idempotent
    check_store_contract(Arc::new(store), &unique("sqlite"), 32).await;
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn sqlite_memory() {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    let store = SqliteStore::new(pool);
    store.migrate().await.unwrap();
    check_store_contract(Arc::new(store), &unique("sqlite-mem"), 16).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL (CUSTOMER_CORE_PG_URL): run .ci/service.sh"]
async fn postgres() {
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(8)
        .connect(&env("CUSTOMER_CORE_PG_URL"))
        .await
        .unwrap();
    let store = PgStore::new(pool);
    store.migrate().await.unwrap();
    check_store_contract(Arc::new(store), &unique("pg"), 64).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Redis (CUSTOMER_CORE_REDIS_URL): run .ci/service.sh"]
async fn redis() {
    let store = RedisStore::connect(&env("CUSTOMER_CORE_REDIS_URL"), "test:")
        .await
        .unwrap();
    let store: Arc<dyn GuardStore> = Arc::new(store);
    check_store_contract(store, &unique("redis"), 64).await;
}

/// A store that is down answers errors, never a verdict.
#[tokio::test]
async fn a_closed_pool_is_an_error() {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    let store = SqliteStore::new(pool.clone());
    store.migrate().await.unwrap();
    pool.close().await;
    assert!(store.get("k", 0).await.is_err());
    assert!(store.insert_if_absent("k", b"v", 10, 0).await.is_err());
}
