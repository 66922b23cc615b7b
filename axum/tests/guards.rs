//! The guard layer and the extractors over a router, driven as a client would (requests
//! in, status, headers and bytes out), on the in-memory store and on SQLite.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::routing::post;
use customer_core::CreateCustomer;
use customer_core::guard::{ApiKey, KeyFormat, KeyPepper, Operation, UnixNanos};
use customer_core_axum::{GuardStore, Guards, MemoryStore, SqliteStore, Valid};
use http_body_util::BodyExt;
use tower::ServiceExt;

const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
/// A live key: 1,000 a minute (the concurrency tests stay under it).
const LIVE: &str = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
const BODY: &str = r#"{"first_name":"John","last_name":"Doe","email":"john@example.com",
  "phone_number":"+2348012345678","billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#;

struct App {
    router: Router,
    runs: Arc<AtomicUsize>,
    clock: Arc<AtomicU64>,
}

async fn app(store: Arc<dyn GuardStore>, handler_delay: Duration) -> App {
    let clock = Arc::new(AtomicU64::new(1_700_000_000_000_000_000));
    let c = Arc::clone(&clock);
    let pepper = KeyPepper::new(&[9; 32]).unwrap();
    let guards = Arc::new(Guards::new(store, pepper).with_clock(Arc::new(move || {
        UnixNanos::from_nanos(c.load(Ordering::SeqCst))
    })));
    let key = ApiKey::parse(KEY, KeyFormat::Plain).unwrap();
    assert!(guards.register_key(&key, "acct_1").await.unwrap());
    assert!(!guards.register_key(&key, "acct_1").await.unwrap());
    let live = ApiKey::parse(LIVE, KeyFormat::Plain).unwrap();
    assert!(guards.register_key(&live, "acct_1").await.unwrap());
    let runs = Arc::new(AtomicUsize::new(0));
    let r = Arc::clone(&runs);
    let handler = move |Valid(request): Valid<CreateCustomer>| {
        let r = Arc::clone(&r);
        async move {
            tokio::time::sleep(handler_delay).await;
            let n = r.fetch_add(1, Ordering::SeqCst);
            (
                StatusCode::CREATED,
                format!("{{\"run\":{n},\"email\":\"{}\"}}", request.email()),
            )
        }
    };
    let router = Router::new().route(
        "/customers",
        post(handler).layer(guards.layer(Operation::CreateCustomer).idempotent()),
    );
    App {
        router,
        runs,
        clock,
    }
}

fn post_req(
    key: Option<&str>,
    idem: Option<&str>,
    content_type: &str,
    body: &str,
) -> Request<Body> {
    let mut b = Request::post("/customers").header("content-type", content_type);
    if let Some(k) = key {
        b = b.header("authorization", format!("Bearer {k}"));
    }
    if let Some(i) = idem {
        b = b.header("idempotency-key", i);
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

async fn send(router: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response: Response = router.clone().oneshot(req).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

#[tokio::test]
async fn authentication_comes_first() {
    let app = app(Arc::new(MemoryStore::new()), Duration::ZERO).await;
    let (status, headers, body) = send(&app.router, post_req(None, None, "text/plain", "x")).await;
    assert_eq!(status, 401);
    assert_eq!(headers["www-authenticate"], r#"Bearer realm="customers""#);
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(json(&body)["code"], "missing_api_key");
    let other = "sk_test_AAAAAAAAAAAAAAAAAAAAAAAA";
    let (status, _, body) = send(
        &app.router,
        post_req(Some(other), None, "application/json", BODY),
    )
    .await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_api_key"))
    );
    assert_eq!(app.runs.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn extractor_problems() {
    let app = app(Arc::new(MemoryStore::new()), Duration::ZERO).await;
    let (status, headers, body) =
        send(&app.router, post_req(Some(KEY), None, "text/plain", BODY)).await;
    assert_eq!(status, 415);
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(json(&body)["code"], "unsupported_media_type");
    let huge = format!("{{\"first_name\":\"{}\"}}", "a".repeat(10 << 20));
    let (status, _, body) = send(
        &app.router,
        post_req(Some(KEY), None, "application/json", &huge),
    )
    .await;
    assert_eq!(status, 413);
    assert_eq!(json(&body)["errors"][0]["code"], "payload_too_large");
    let bad = r#"{"first_name":"J0hn","email":"nope","billing_address":{"country":"Tanzania"}}"#;
    let (status, _, body) = send(
        &app.router,
        post_req(Some(KEY), None, "application/json", bad),
    )
    .await;
    assert_eq!(status, 400);
    let pointers: Vec<_> = json(&body)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap().to_owned())
        .collect();
    assert!(pointers.len() >= 5, "{pointers:?}");
    assert!(pointers.contains(&"/billing_address/country".to_owned()));
}

#[tokio::test]
async fn rate_limit_admits_the_policy_then_429() {
    let app = app(Arc::new(MemoryStore::new()), Duration::ZERO).await;
    // The test policy: 100 a minute (a sliding window), whatever the pace.
    let mut allowed = 0;
    let mut refused = None;
    for _ in 0..150 {
        app.clock.fetch_add(10_000_000, Ordering::SeqCst); // 10 ms apart: 1.5 s in all
        let (status, headers, _) = send(
            &app.router,
            post_req(Some(KEY), None, "application/json", BODY),
        )
        .await;
        if status == 201 {
            assert!(headers.contains_key("ratelimit"));
            allowed += 1;
        } else {
            refused = Some((status, headers));
            break;
        }
    }
    let (status, headers) = refused.expect("a refusal");
    assert_eq!(status, 429);
    assert!(headers.contains_key("retry-after"));
    assert_eq!(allowed, 100);
    // Still refused within the minute; admitted again once the first entries leave it.
    app.clock.fetch_add(30_000_000_000, Ordering::SeqCst);
    let (status, _, _) = send(
        &app.router,
        post_req(Some(KEY), None, "application/json", BODY),
    )
    .await;
    assert_eq!(status, 429);
    app.clock.fetch_add(30_000_000_000, Ordering::SeqCst);
    let (status, _, _) = send(
        &app.router,
        post_req(Some(KEY), None, "application/json", BODY),
    )
    .await;
    assert_eq!(status, 201);
}

async fn idempotency_race(store: Arc<dyn GuardStore>) {
    let app = app(store, Duration::from_millis(50)).await;
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let router = app.router.clone();
        tasks.push(tokio::spawn(async move {
            send(
                &router,
                post_req(Some(LIVE), Some("race-1"), "application/json", BODY),
            )
            .await
        }));
    }
    let mut created = Vec::new();
    let mut in_flight = 0;
    for t in tasks {
        let (status, headers, body) = t.await.unwrap();
        match status.as_u16() {
            201 => created.push((headers.get("idempotent-replayed").is_some(), body)),
            409 => {
                assert_eq!(json(&body)["code"], "idempotency_key_in_use");
                in_flight += 1;
            }
            other => panic!("unexpected {other}: {}", String::from_utf8_lossy(&body)),
        }
    }
    assert_eq!(app.runs.load(Ordering::SeqCst), 1, "the endpoint ran once");
    assert_eq!(created.iter().filter(|(replayed, _)| !replayed).count(), 1);
    assert!(
        created.iter().all(|(_, b)| *b == created[0].1),
        "replays are the same bytes"
    );
    assert_eq!(created.len() + in_flight, 50);
    // After it finished: a replay, byte for byte.
    let (status, headers, body) = send(
        &app.router,
        post_req(Some(LIVE), Some("race-1"), "application/json", BODY),
    )
    .await;
    assert_eq!(
        (status, &headers["idempotent-replayed"], &body),
        (
            StatusCode::CREATED,
            &"true".parse::<axum::http::HeaderValue>().unwrap(),
            &created[0].1
        )
    );
    // Another body under the same key: 422.
    let (status, _, body) = send(
        &app.router,
        post_req(Some(LIVE), Some("race-1"), "application/json", "{}"),
    )
    .await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("idempotency_key_reused")
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_requests_one_key_memory() {
    idempotency_race(Arc::new(MemoryStore::new())).await;
}

async fn sqlite() -> SqliteStore {
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    let store = SqliteStore::new(pool);
    store.migrate().await.unwrap();
    store
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_requests_one_key_sqlite() {
    idempotency_race(Arc::new(sqlite().await)).await;
}

#[tokio::test]
async fn a_refused_body_releases_its_key() {
    let app = app(Arc::new(MemoryStore::new()), Duration::ZERO).await;
    let bad = BODY.replace("\"NG\"", "\"US\"");
    let (status, _, body) = send(
        &app.router,
        post_req(Some(KEY), Some("fix-me"), "application/json", &bad),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(json(&body)["errors"][0]["pointer"], "/phone_number");
    let (status, _, _) = send(
        &app.router,
        post_req(Some(KEY), Some("fix-me"), "application/json", BODY),
    )
    .await;
    assert_eq!(status, 201);
    let (status, _, body) = send(
        &app.router,
        post_req(Some(KEY), Some("bad key"), "application/json", BODY),
    )
    .await;
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_idempotency_key"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abandoned_lease_is_taken_over() {
    let app = app(Arc::new(MemoryStore::new()), Duration::from_millis(300)).await;
    let router = app.router.clone();
    let first = tokio::spawn(async move {
        send(
            &router,
            post_req(Some(KEY), Some("crash"), "application/json", BODY),
        )
        .await
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    first.abort(); // the instance died mid-request: the record stays in flight
    let (status, _, _) = send(
        &app.router,
        post_req(Some(KEY), Some("crash"), "application/json", BODY),
    )
    .await;
    assert_eq!(status, 409, "the lease is live");
    app.clock.fetch_add(61_000_000_000, Ordering::SeqCst); // past the 60 s lease
    let (status, headers, _) = send(
        &app.router,
        post_req(Some(KEY), Some("crash"), "application/json", BODY),
    )
    .await;
    assert_eq!(status, 201);
    assert!(!headers.contains_key("idempotent-replayed"));
    let (_, headers, _) = send(
        &app.router,
        post_req(Some(KEY), Some("crash"), "application/json", BODY),
    )
    .await;
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(
        app.runs.load(Ordering::SeqCst),
        1,
        "the aborted run never finished"
    );
}

#[tokio::test]
async fn a_store_that_is_down_is_503_with_retry_after() {
    let store = sqlite().await;
    let app = app(Arc::new(store.clone()), Duration::ZERO).await;
    store.pool().close().await;
    let (status, headers, body) = send(
        &app.router,
        post_req(Some(KEY), None, "application/json", BODY),
    )
    .await;
    assert_eq!(status, 503);
    assert_eq!(headers["retry-after"], "1");
    assert_eq!(json(&body)["code"], "service_unavailable");
}
