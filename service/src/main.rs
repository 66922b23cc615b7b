//! customer-core-service: the reference Customers API server on customer-core-axum.
//!
//! ```text
//! cargo run --release -p customer-core-service -- [--listen 127.0.0.1:8080]
//!     [--database sqlite://customer-core-service.db | sqlite::memory: | postgres://…]
//!     [--redis redis://127.0.0.1:6379/0]
//! ```

mod db;
mod handlers;
mod openapi;
mod profile;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use customer_core::guard::{ApiKey, IdempotencyPolicy, KeyKind, KeyMode, KeyPepper};
use customer_core::list::{CursorKey, CursorKeys};
use customer_core_axum::{Guards, NEVER, RedisStore, now_millis};

use crate::db::Db;

/// The reference Customers API server (Juice, billing and account profiles).
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// `sqlite://FILE` (created if missing), `sqlite::memory:`, or `postgres://…` (several
    /// instances may share one database).
    #[arg(long, default_value = "sqlite://customer-core-service.db")]
    database: String,
    /// Redis for rate limits and idempotency records (shared by instances).
    #[arg(long)]
    redis: Option<String>,
    /// Also accept this API key (registered for the account `acct_test`).
    #[arg(long, env = "CUSTOMER_CORE_TEST_KEY", hide_env_values = true)]
    test_key: Option<String>,
    /// How long an in-flight idempotent request holds its key, in seconds.
    #[arg(long, default_value_t = 60)]
    idempotency_lease_secs: u64,
    /// The longest a request may take (reading its body included), in seconds.
    #[arg(long, default_value_t = 10)]
    request_timeout_secs: u64,
    /// Fault tests only: sleep this long inside the create transaction, before commit.
    #[arg(long, default_value_t = 0, hide = true)]
    debug_work_delay_ms: u64,
    /// Benchmarks and API fuzzing only: no rate limits.
    #[arg(long, hide = true)]
    no_rate_limits: bool,
    /// Benchmarks only: read create requests with a plain serde parse instead of
    /// customer-core (no validation), to measure what validation costs.
    #[arg(long, hide = true)]
    bench_plain_serde: bool,
}

/// The account test keys are registered for.
const TEST_ACCOUNT: &str = "acct_test";

async fn secret(store: &dyn customer_core_axum::GuardStore, name: &str) -> Result<Vec<u8>, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    let now = now_millis();
    store
        .insert_if_absent(name, &bytes, NEVER, now)
        .await
        .map_err(|e| e.to_string())?;
    store
        .get(name, now)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("secret {name} missing"))
}

#[tokio::main]
async fn main() {
    if let Err(e) = run(Args::parse()).await {
        eprintln!("customer-core-service: {e}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), String> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();

    let db = Db::open(&args.database).await?;
    let store = db.guard_store();
    // The secrets: made once, kept in the database so every instance shares them.
    let pepper = KeyPepper::new(&secret(&*store, "service:secret:pepper:v1").await?)
        .map_err(|e| e.to_string())?;
    let cursor = CursorKey::new(1, &secret(&*store, "service:secret:cursor:v1").await?)
        .map_err(|e| e.to_string())?;
    let lease = Duration::from_secs(args.idempotency_lease_secs.max(1));
    let policy = IdempotencyPolicy::new(Duration::from_secs(24 * 60 * 60), lease)
        .map_err(|e| e.to_string())?;
    let mut guards = Guards::new(Arc::clone(&store), pepper).with_idempotency_policy(policy);
    if args.no_rate_limits {
        guards = guards.without_rate_limits();
    }
    let records_in_db = args.redis.is_none();
    if let Some(url) = &args.redis {
        let redis = Arc::new(
            RedisStore::connect(url, "customer-core:")
                .await
                .map_err(|e| format!("cannot connect to Redis: {e}"))?,
        );
        guards = guards.with_limits(redis.clone()).with_records(redis);
    }
    let guards = Arc::new(guards);

    if let Some(key) = &args.test_key {
        let key = ApiKey::parse(key, customer_core::guard::KeyFormat::Plain)
            .map_err(|e| format!("--test-key: {e}"))?;
        guards
            .register_key(&key, TEST_ACCOUNT)
            .await
            .map_err(|e| e.to_string())?;
    }
    // A first test key, when the store has none: printed once, only its digest stored.
    let now = now_millis();
    if store
        .insert_if_absent("service:test-key-issued", b"1", NEVER, now)
        .await
        .map_err(|e| e.to_string())?
    {
        let mut random = [0u8; 32];
        getrandom::fill(&mut random).map_err(|e| e.to_string())?;
        let key = ApiKey::generate(KeyKind::Secret, KeyMode::Test, &random);
        guards
            .register_key(&key, TEST_ACCOUNT)
            .await
            .map_err(|e| e.to_string())?;
        println!("test key: {}", key.expose_secret());
    }

    let state = handlers::AppState {
        db: db.clone(),
        keys: CursorKeys::new(cursor),
        records_in_db,
        work_delay: Duration::from_millis(args.debug_work_delay_ms),
        plain_serde: args.bench_plain_serde,
    };
    let app = handlers::router(
        state,
        &guards,
        Duration::from_secs(args.request_timeout_secs.max(1)),
    );

    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{addr}");
    tracing::info!(%addr, database = db_kind(&db), redis = args.redis.is_some(), "started");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("stopped: in-flight requests finished");
    Ok(())
}

fn db_kind(db: &Db) -> &'static str {
    match db {
        Db::Sqlite(_) => "sqlite",
        Db::Pg(_) => "postgres",
    }
}

/// SIGINT or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
