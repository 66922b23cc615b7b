//! # customer-core-axum
//!
//! [customer-core](customer_core) in [axum]: extractors that read the three profiles'
//! requests with every error at once and reject with an RFC 9457 problem, and the guards
//! (API keys → rate limits → idempotency keys) as one tower layer over stores that make
//! each decision's write atomic, so any number of instances can share them.
//!
//! - Extractors: [`Valid<T>`] for request bodies (the create and update requests of Juice,
//!   billing and account customers), [`ListQuery`] for `GET /customers`, [`IfMatch`] for
//!   updates, [`Caller`] for the authenticated account, [`IdempotencyLease`] for the
//!   in-flight idempotency record.
//! - [`ProblemResponse`]: every refusal as `application/problem+json`: 400 (all errors,
//!   each with a JSON Pointer and a code), 409 (duplicate email, key in use), 412
//!   (precondition), 413 (body too large), 415 (not JSON), 422 (idempotency key reused),
//!   429 (rate limited), 503 + `Retry-After` (a store is down).
//! - [`Guards`] and [`GuardLayer`]: authenticate, rate limit (customer-core's sliding-window policies, committed with
//!   insert-if-absent or compare-and-set, decided again on a lost race a bounded number of
//!   times), idempotency (insert-if-absent of the in-flight record, lease takeover by
//!   compare-and-set, the response stored conditional on the lease; a request refused by
//!   validation releases its key).
//! - Stores ([`GuardStore`]): [`MemoryStore`]; `SqliteStore` (feature `sqlite`), `PgStore`
//!   (feature `postgres`), `RedisStore` (feature `redis`). The SQL stores also run their
//!   writes on a caller's connection, so an idempotency record and the customer it guards
//!   commit in one transaction.
//!
//! ## An example app
//!
//! `POST /customers` with every guard, on the in-memory store:
//!
//! ```
//! use std::sync::Arc;
//! use axum::{Json, Router, routing::post, http::StatusCode};
//! use customer_core::{CreateCustomer, Customer, CustomerId, Data, Timestamp};
//! use customer_core::guard::{ApiKey, KeyPepper, Operation};
//! use customer_core_axum::{Caller, Guards, MemoryStore, ProblemResponse, Valid};
//!
//! async fn create(
//!     caller: Caller,
//!     Valid(request): Valid<CreateCustomer>,
//! ) -> Result<(StatusCode, Json<Data<Customer>>), ProblemResponse> {
//!     // A real service stores the customer here, scoped to `caller.account()`.
//!     let id: CustomerId = "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap();
//!     let now = Timestamp::parse("2024-03-01T12:00:00Z").unwrap();
//!     assert_eq!(caller.account(), "acct_1");
//!     Ok((StatusCode::CREATED, Json(Data::new(Customer::new(id, request, now)))))
//! }
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let pepper = KeyPepper::new(b"a server-side pepper of 32 bytes").unwrap();
//! let guards = Arc::new(Guards::new(Arc::new(MemoryStore::new()), pepper));
//! let key = ApiKey::parse("sk_test_4eC39HqLyjWDarjtT1zdp7dc", customer_core::guard::KeyFormat::Plain).unwrap();
//! guards.register_key(&key, "acct_1").await.unwrap();
//!
//! let app = Router::new().route(
//!     "/customers",
//!     post(create).layer(guards.layer(Operation::CreateCustomer).idempotent()),
//! );
//!
//! use tower::ServiceExt;
//! let request = |body: &str| {
//!     axum::http::Request::post("/customers")
//!         .header("authorization", "Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc")
//!         .header("content-type", "application/json")
//!         .header("idempotency-key", "k-1")
//!         .body(axum::body::Body::from(body.to_owned()))
//!         .unwrap()
//! };
//! let body = r#"{"first_name":"John","last_name":"Doe","email":"john@example.com",
//!   "phone_number":"+2348012345678","billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#;
//! let first = app.clone().oneshot(request(body)).await.unwrap();
//! assert_eq!(first.status(), 201);
//! assert!(first.headers().contains_key("ratelimit"));
//! let again = app.clone().oneshot(request(body)).await.unwrap();
//! assert_eq!(again.headers()["idempotent-replayed"], "true");
//!
//! // Every error at once, as a problem; the key is released (nothing was stored).
//! let bad = app.clone().oneshot(request(&body.replace("\"NG\"", "\"US\""))).await.unwrap();
//! assert_eq!(bad.status(), 422); // the key was used for another body
//! # });
//! ```
//!
//! The reference service (`service/` in this repository) puts it all together: the three
//! profiles' endpoints on SQLite or PostgreSQL, Redis for shared limits, the records and
//! the customers in one transaction.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod extract;
mod guard;
mod problem;
mod store;
mod stores {
    #[cfg(feature = "redis")]
    pub mod redis;
    #[cfg(any(feature = "sqlite", feature = "postgres"))]
    pub mod sql;
}

pub use extract::{FromJsonBody, IfMatch, ListQuery, Valid, is_json, read_body};
pub use guard::{
    Caller, Clock, GuardLayer, GuardService, Guards, IDEMPOTENCY_KEY, IdempotencyLease, LeaseWrite,
    MAX_STORED_RESPONSE_BYTES, stored_into_response, system_clock,
};
pub use problem::{NotStarted, PROBLEM_JSON, ProblemResponse, codes};
pub use store::{
    GuardStore, MemoryStore, Millis, NEVER, StoreError, StoreFuture, check_store_contract,
    now_millis,
};
#[cfg(feature = "redis")]
pub use stores::redis::RedisStore;
#[cfg(feature = "postgres")]
pub use stores::sql::PgStore;
#[cfg(feature = "sqlite")]
pub use stores::sql::SqliteStore;
