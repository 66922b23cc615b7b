//! The guards as one tower layer, in customer-core's order: authenticate → rate limit →
//! idempotency, over [`GuardStore`]s.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::{FromRequestParts, OptionalFromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, ETAG, HeaderName, HeaderValue, LOCATION};
use axum::http::request::Parts;
use axum::http::{Response as HttpResponse, StatusCode};
use axum::response::{IntoResponse, Response};
use customer_core::guard::ApiKey;
use customer_core::guard::{
    AuthError, Fingerprint, IdempotencyDecision, IdempotencyKey, IdempotencyPolicy,
    IdempotencyRecord, IdempotencyRequest, KeyFormat, KeyKind, KeyMode, KeyPepper, LeaseLost,
    LeaseToken, Operation, Outcome, Policy, RateState, StoredResponse, UnixNanos, authenticate,
};
use customer_core::limits::MAX_BODY_BYTES;
use serde::{Deserialize, Serialize};
use tower::{Layer, Service};

use crate::extract::read_body;
use crate::problem::NotStarted;
use crate::{GuardStore, Millis, NEVER, ProblemResponse, StoreError};

/// The `Idempotency-Key` request header.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The largest response body the idempotency guard stores for replay.
pub const MAX_STORED_RESPONSE_BYTES: usize = 1 << 20;

/// Response headers stored with a response for replay.
const KEPT_HEADERS: [HeaderName; 3] = [CONTENT_TYPE, LOCATION, ETAG];

/// A clock: the guards' only source of time.
pub type Clock = Arc<dyn Fn() -> UnixNanos + Send + Sync>;

/// The system clock.
#[must_use]
pub fn system_clock() -> Clock {
    Arc::new(|| {
        UnixNanos::from_duration(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default(),
        )
    })
}

fn millis(t: UnixNanos) -> Millis {
    i64::try_from(t.as_nanos() / 1_000_000).unwrap_or(NEVER)
}

/// What the keys store keeps under a key's digest: the account (merchant) it belongs to.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct KeyRecord {
    account: String,
}

/// The authenticated caller, in the request's extensions for the handler (and an
/// extractor: a handler behind a [`GuardLayer`] takes `caller: Caller`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    account: String,
    mode: KeyMode,
    kind: KeyKind,
}

impl Caller {
    /// The account the key belongs to: the scope of customers, limits and records.
    #[must_use]
    pub fn account(&self) -> &str {
        &self.account
    }

    /// Test or live.
    #[must_use]
    pub fn mode(&self) -> KeyMode {
        self.mode
    }

    /// Secret or publishable.
    #[must_use]
    pub fn kind(&self) -> KeyKind {
        self.kind
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ProblemResponse;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ProblemResponse::auth(&AuthError::Missing, "customers"))
    }
}

/// The guards' configuration and stores, shared by every route's [`GuardLayer`].
///
/// API keys, rate-limit state and idempotency records may live in three stores (all one
/// by default): keys in the service's database, limits and records in Redis when several
/// instances share them ([`with_limits`](Self::with_limits),
/// [`with_records`](Self::with_records)).
pub struct Guards {
    keys: Arc<dyn GuardStore>,
    limits: Arc<dyn GuardStore>,
    records: Arc<dyn GuardStore>,
    pepper: KeyPepper,
    format: KeyFormat,
    idempotency: IdempotencyPolicy,
    realm: String,
    retries: u32,
    clock: Clock,
    rate_limits: bool,
    /// Striped locks: within one process, requests on one key decide and write in turn,
    /// so only other instances can make a compare-and-set lose.
    stripes: Vec<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for Guards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guards")
            .field("format", &self.format)
            .field("idempotency", &self.idempotency)
            .field("realm", &self.realm)
            .field("retries", &self.retries)
            .finish_non_exhaustive()
    }
}

impl Guards {
    /// Guards over one store for everything, with the default idempotency policy (24 h,
    /// a 60 s lease), plain keys, realm `customers`, 16 retries on a lost race (after a
    /// random pause of up to 2^n ms, at most 32 ms) and the system clock. `pepper` keys the API keys' digests (the store never sees a key).
    pub fn new(store: Arc<dyn GuardStore>, pepper: KeyPepper) -> Guards {
        Guards {
            keys: Arc::clone(&store),
            limits: Arc::clone(&store),
            records: store,
            pepper,
            format: KeyFormat::Plain,
            idempotency: IdempotencyPolicy::DEFAULT,
            realm: "customers".to_owned(),
            retries: 16,
            clock: system_clock(),
            rate_limits: true,
            stripes: (0..64).map(|_| tokio::sync::Mutex::new(())).collect(),
        }
    }

    /// Rate-limit state in `store`.
    #[must_use]
    pub fn with_limits(mut self, store: Arc<dyn GuardStore>) -> Guards {
        self.limits = store;
        self
    }

    /// Idempotency records in `store`.
    #[must_use]
    pub fn with_records(mut self, store: Arc<dyn GuardStore>) -> Guards {
        self.records = store;
        self
    }

    /// Another idempotency policy (retention and lease).
    #[must_use]
    pub fn with_idempotency_policy(mut self, policy: IdempotencyPolicy) -> Guards {
        self.idempotency = policy;
        self
    }

    /// Checksummed keys.
    #[must_use]
    pub fn with_key_format(mut self, format: KeyFormat) -> Guards {
        self.format = format;
        self
    }

    /// The `realm` of `WWW-Authenticate`.
    #[must_use]
    pub fn with_realm(mut self, realm: &str) -> Guards {
        realm.clone_into(&mut self.realm);
        self
    }

    /// Another clock (tests).
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> Guards {
        self.clock = clock;
        self
    }

    /// How many times a lost race is decided again before a 503.
    #[must_use]
    pub fn with_retries(mut self, retries: u32) -> Guards {
        self.retries = retries;
        self
    }

    /// No rate limits (benchmarks and fuzzing clients; never in production).
    #[must_use]
    pub fn without_rate_limits(mut self) -> Guards {
        self.rate_limits = false;
        self
    }

    /// The current time by the guards' clock.
    #[must_use]
    pub fn now(&self) -> UnixNanos {
        (self.clock)()
    }

    /// The lock of `key`'s stripe.
    async fn stripe(&self, key: &str) -> tokio::sync::MutexGuard<'_, ()> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut h);
        let i = usize::try_from(h.finish() % 64).unwrap_or(0);
        match self.stripes.get(i) {
            Some(m) => m.lock().await,
            None => unreachable!("64 stripes"),
        }
    }

    /// The idempotency policy.
    #[must_use]
    pub fn idempotency_policy(&self) -> IdempotencyPolicy {
        self.idempotency
    }

    /// The store of API keys.
    #[must_use]
    pub fn keys(&self) -> &Arc<dyn GuardStore> {
        &self.keys
    }

    /// Stores `key`'s digest for `account` (if absent): the key then authenticates.
    /// `true` when written.
    pub async fn register_key(&self, key: &ApiKey, account: &str) -> Result<bool, StoreError> {
        let record = serde_json::to_vec(&KeyRecord {
            account: account.to_owned(),
        })
        .map_err(StoreError::from_display)?;
        let now = millis(self.now());
        let name = key_name(&key.digest(&self.pepper).to_hex());
        self.keys.insert_if_absent(&name, &record, NEVER, now).await
    }

    /// The layer for one operation's routes: authenticate, then rate limit; add
    /// [`GuardLayer::idempotent`] for routes that honour `Idempotency-Key`.
    #[must_use]
    pub fn layer(self: &Arc<Self>, operation: Operation) -> GuardLayer {
        GuardLayer {
            guards: Arc::clone(self),
            operation,
            idempotent: false,
        }
    }
}

fn key_name(digest_hex: &str) -> String {
    format!("apikey:v1:{digest_hex}")
}

/// The guards for one operation, as a tower [`Layer`]: authenticate → rate limit →
/// idempotency (when enabled and the request has an `Idempotency-Key`).
///
/// Every refusal is a [`ProblemResponse`]: 401/403 with `WWW-Authenticate`, 429 with
/// `RateLimit-Policy`, `RateLimit` and `Retry-After`, 400 for a malformed key, 409 while
/// another request holds the key, 422 for a key reused with another request, and 503
/// with `Retry-After` when a store does not answer or a race is lost
/// [`with_retries`](Guards::with_retries) times. Allowed responses carry the rate-limit
/// headers; replays carry `Idempotent-Replayed: true` and the first response's bytes.
#[derive(Clone)]
pub struct GuardLayer {
    guards: Arc<Guards>,
    operation: Operation,
    idempotent: bool,
}

impl std::fmt::Debug for GuardLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuardLayer")
            .field("operation", &self.operation)
            .field("idempotent", &self.idempotent)
            .finish_non_exhaustive()
    }
}

impl GuardLayer {
    /// Honour `Idempotency-Key` on these routes.
    #[must_use]
    pub fn idempotent(mut self) -> GuardLayer {
        self.idempotent = true;
        self
    }
}

impl<S> Layer<S> for GuardLayer {
    type Service = GuardService<S>;

    fn layer(&self, inner: S) -> GuardService<S> {
        GuardService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service of a [`GuardLayer`].
#[derive(Clone)]
pub struct GuardService<S> {
    inner: S,
    layer: GuardLayer,
}

impl<S> std::fmt::Debug for GuardService<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.layer.fmt(f)
    }
}

impl<S> Service<Request> for GuardService<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let clone = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, clone);
        let layer = self.layer.clone();
        Box::pin(async move { Ok(run(layer, req, inner).await) })
    }
}

/// Calls `inner` (made ready by `poll_ready`).
async fn call<S>(mut inner: S, req: Request) -> Response
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    match inner.call(req).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

async fn run<S>(layer: GuardLayer, mut req: Request, inner: S) -> Response
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    let g = &layer.guards;
    // 1. Authenticate: the header, the key's permissions, then its stored record.
    let header = req.headers().get(AUTHORIZATION).map(HeaderValue::as_bytes);
    let key = match authenticate(header, g.format, layer.operation) {
        Ok(key) => key,
        Err(e) => return ProblemResponse::auth(&e, &g.realm).into_response(),
    };
    let digest = key.digest(&g.pepper).to_hex();
    let record = match g.keys.get(&key_name(&digest), millis(g.now())).await {
        Ok(Some(bytes)) => serde_json::from_slice::<KeyRecord>(&bytes).ok(),
        Ok(None) => None,
        Err(e) => return ProblemResponse::from(e).into_response(),
    };
    let Some(record) = record else {
        return ProblemResponse::auth(&AuthError::UnknownKey, &g.realm).into_response();
    };
    let caller = Caller {
        account: record.account,
        mode: key.mode(),
        kind: key.kind(),
    };

    // 2. Rate limit, per key and policy.
    let policy = Policy::for_request(key.mode(), layer.operation);
    let state_key = format!("rl:v1:{}:{digest}", policy.id());
    let rate_headers = if g.rate_limits {
        match rate_limit(g, policy, &state_key).await {
            Ok(headers) => headers,
            Err(refusal) => return refusal.into_response(),
        }
    } else {
        Vec::new()
    };

    // 3. Idempotency, then the endpoint.
    req.extensions_mut().insert(caller.clone());
    let has_key = req.headers().contains_key(IDEMPOTENCY_KEY);
    let mut response = if layer.idempotent && has_key {
        idempotent(g, &caller, req, inner).await
    } else {
        call(inner, req).await
    };
    for (name, value) in rate_headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().insert(n, v);
        }
    }
    response
}

/// Decides and commits one unit of `policy` under `state_key`: the allowed decision's
/// headers, or the refusal (429, or 503).
async fn rate_limit(
    g: &Guards,
    policy: &'static Policy,
    state_key: &str,
) -> Result<Vec<(String, String)>, ProblemResponse> {
    let _turn = g.stripe(state_key).await;
    for attempt in 0..=g.retries {
        if attempt > 0 {
            backoff(attempt - 1).await;
        }
        let now = g.now();
        let stored = g.limits.get(state_key, millis(now)).await?;
        // An unreadable state (another version's) counts as a key never seen, and is
        // replaced by compare-and-set against its bytes.
        let state = stored
            .as_deref()
            .and_then(|b| RateState::from_bytes(b).ok())
            .unwrap_or_default();
        let decision = policy.decide(now, &state, 1);
        if !decision.is_allowed() {
            return Err(ProblemResponse::rate_limited(&decision));
        }
        let new = decision.new_state().into_bytes();
        let ttl = i64::try_from(decision.state_ttl_millis(now)).unwrap_or(NEVER);
        let expires = millis(now).saturating_add(ttl);
        let won = match &stored {
            None => {
                g.limits
                    .insert_if_absent(state_key, &new, expires, millis(now))
                    .await?
            }
            Some(old) => {
                g.limits
                    .compare_and_set(state_key, old, Some(&new), expires, millis(now))
                    .await?
            }
        };
        if won {
            return Ok(decision.headers());
        }
    }
    tracing::warn!("rate limit: lost every race");
    Err(ProblemResponse::unavailable(1))
}

/// The in-flight record a request holds, in the request's extensions (an optional
/// extractor: `lease: Option<IdempotencyLease>`).
///
/// Where the records and the work share a database, the handler completes the record in
/// its own transaction: [`complete`](Self::complete) gives the write, the store's
/// `apply_in` runs it on the transaction (roll back when it answers `false`: the lease was
/// lost and another request owns the key), and [`respond`](Self::respond) builds the
/// response, marked so the guard does not write the record again. Otherwise the guard
/// stores the handler's response after it returns.
#[derive(Debug, Clone)]
pub struct IdempotencyLease {
    storage_key: String,
    record: IdempotencyRecord,
    written: Vec<u8>,
}

/// A conditional write of a record: replace `expected` under `key` with `value` until
/// `expires` (delete when `value` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseWrite {
    /// The record's key.
    pub key: String,
    /// The in-flight record's bytes, as written.
    pub expected: Vec<u8>,
    /// The completed record's bytes.
    pub value: Option<Vec<u8>>,
    /// When the record expires.
    pub expires: Millis,
}

/// The response extension of a response whose record the handler already wrote.
#[derive(Debug, Clone, Copy)]
struct RecordWritten;

impl IdempotencyLease {
    /// The write that completes the record with `response`.
    pub fn complete(&self, response: &StoredResponse) -> Result<LeaseWrite, LeaseLost> {
        let token = self.record.token();
        let done = self
            .record
            .finish(&token, Outcome::Responded(response.clone()))?;
        let value = done
            .map(|d| serde_json::to_vec(&d))
            .transpose()
            .map_err(|_| LeaseLost)?;
        Ok(LeaseWrite {
            key: self.storage_key.clone(),
            expected: self.written.clone(),
            value,
            expires: millis(self.record.expires_at()),
        })
    }

    /// The response for `stored`, after its record was written by [`complete`](Self::complete).
    #[must_use]
    pub fn respond(&self, stored: &StoredResponse) -> Response {
        let mut response = stored_into_response(stored, std::iter::empty());
        response.extensions_mut().insert(RecordWritten);
        response
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for IdempotencyLease {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<IdempotencyLease>().cloned())
    }
}

/// A response from stored parts, plus `extra` headers.
#[must_use]
pub fn stored_into_response<'a>(
    stored: &StoredResponse,
    extra: impl Iterator<Item = (&'a str, &'a str)>,
) -> Response {
    let status = StatusCode::from_u16(stored.status()).unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::new(Body::from(stored.body().to_vec()));
    *response.status_mut() = status;
    let mut append = |name: &str, value: &str| {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(n, v);
        }
    };
    for (name, value) in stored.headers() {
        append(name, value);
    }
    for (name, value) in extra {
        append(name, value);
    }
    response
}

/// A random pause before retry `attempt` (0-based) of a lost race: up to 2^attempt ms,
/// at most 32 ms, so contenders spread out.
async fn backoff(attempt: u32) {
    let cap = 1u64 << attempt.min(5);
    let jitter = random::<8>().map_or(0, u64::from_le_bytes) % (cap * 1000 + 1);
    tokio::time::sleep(std::time::Duration::from_micros(jitter)).await;
}

fn random<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(StoreError::from_display)?;
    Ok(bytes)
}

async fn idempotent<S>(g: &Guards, caller: &Caller, req: Request, inner: S) -> Response
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    match claim(g, caller, req).await {
        Err(refusal) => refusal,
        Ok((req, lease)) => {
            let response = call(inner, req).await;
            finish(g, &lease, response).await
        }
    }
}

/// Reads the key and the body, decides, and writes the in-flight record: the request to
/// run (its body restored, the lease in its extensions), or the answer (a replay, 409,
/// 422, 400, 503).
async fn claim(
    g: &Guards,
    caller: &Caller,
    req: Request,
) -> Result<(Request, IdempotencyLease), Response> {
    let header = req
        .headers()
        .get(IDEMPOTENCY_KEY)
        .map(HeaderValue::as_bytes)
        .unwrap_or_default();
    let key = IdempotencyKey::from_header(header)
        .map_err(|e| ProblemResponse::guard(&e.problem()).into_response())?;
    let (parts, body) = req.into_parts();
    let body = read_body(body, MAX_BODY_BYTES)
        .await
        .map_err(IntoResponse::into_response)?;
    let fingerprint = Fingerprint::of(
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query().unwrap_or(""),
        &body,
    );
    let request = IdempotencyRequest::new(caller.account(), caller.mode(), key, fingerprint);
    let storage_key = request.storage_key();
    let unavailable = |e: StoreError| ProblemResponse::from(e).into_response();
    let _turn = g.stripe(&storage_key).await;
    for attempt in 0..=g.retries {
        if attempt > 0 {
            backoff(attempt - 1).await;
        }
        let now = g.now();
        let stored_bytes = g
            .records
            .get(&storage_key, millis(now))
            .await
            .map_err(unavailable)?;
        let stored = stored_bytes
            .as_deref()
            .and_then(|b| serde_json::from_slice::<IdempotencyRecord>(b).ok());
        let token = LeaseToken::from_bytes(random::<16>().map_err(unavailable)?);
        match g.idempotency.decide(&request, stored.as_ref(), now, token) {
            IdempotencyDecision::Proceed { record, .. } => {
                let written = serde_json::to_vec(&record)
                    .map_err(|e| unavailable(StoreError::from_display(e)))?;
                let expires = millis(record.expires_at());
                // Insert-if-absent, or take over exactly the record read (expired, lapsed
                // lease, or unreadable).
                let won = match &stored_bytes {
                    None => {
                        g.records
                            .insert_if_absent(&storage_key, &written, expires, millis(now))
                            .await
                    }
                    Some(old) => {
                        g.records
                            .compare_and_set(
                                &storage_key,
                                old,
                                Some(&written),
                                expires,
                                millis(now),
                            )
                            .await
                    }
                }
                .map_err(unavailable)?;
                if won {
                    let lease = IdempotencyLease {
                        storage_key,
                        record,
                        written,
                    };
                    let mut req = Request::from_parts(parts, Body::from(body));
                    req.extensions_mut().insert(lease.clone());
                    return Ok((req, lease));
                }
            }
            IdempotencyDecision::Replay(replay) => {
                let stored =
                    StoredResponse::new(replay.status(), Vec::new(), replay.body().to_vec());
                return Err(stored_into_response(&stored, replay.headers()));
            }
            refused => {
                let problem = refused.problem().map(|(_, p)| p);
                return Err(match problem {
                    Some(p) => ProblemResponse::guard(&p).into_response(),
                    None => ProblemResponse::unavailable(1).into_response(),
                });
            }
        }
    }
    tracing::warn!("idempotency: lost every race");
    Err(ProblemResponse::unavailable(1).into_response())
}

/// Stores the handler's response in the record (or releases the key for a request refused
/// before the endpoint began), unless the handler did it in its transaction.
async fn finish(g: &Guards, lease: &IdempotencyLease, response: Response) -> Response {
    if response.extensions().get::<RecordWritten>().is_some() {
        return response;
    }
    let now = millis(g.now());
    if response.extensions().get::<NotStarted>().is_some() {
        let released = g
            .records
            .compare_and_set(&lease.storage_key, &lease.written, None, 0, now)
            .await;
        if !matches!(released, Ok(true)) {
            tracing::warn!("idempotency: the key could not be released");
        }
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = read_body(body, MAX_STORED_RESPONSE_BYTES).await else {
        let _ = g
            .records
            .compare_and_set(&lease.storage_key, &lease.written, None, 0, now)
            .await;
        tracing::warn!("idempotency: response too large to store; key released");
        return ProblemResponse::unavailable(1).into_response();
    };
    let kept = KEPT_HEADERS
        .iter()
        .filter_map(|name| {
            let value = parts.headers.get(name)?.to_str().ok()?;
            Some((name.as_str().to_owned(), value.to_owned()))
        })
        .collect();
    let stored = StoredResponse::new(parts.status.as_u16(), kept, bytes.to_vec());
    match lease.complete(&stored) {
        Ok(write) => {
            let written = g
                .records
                .compare_and_set(
                    &write.key,
                    &write.expected,
                    write.value.as_deref(),
                    write.expires,
                    now,
                )
                .await;
            if !matches!(written, Ok(true)) {
                tracing::warn!("idempotency: the lease was lost before the response was stored");
            }
        }
        Err(LeaseLost) => tracing::warn!("idempotency: the lease was lost"),
    }
    Response::from_parts(parts, Body::from(bytes))
}
