//! The routes: the three profiles' endpoints behind the guards, health checks, the
//! OpenAPI document, and the layers every request goes through (timeout, logs).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRef, MatchedPath, Path, Request, State};
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::http::header::{CONTENT_TYPE, ETAG};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use customer_core::account::AccountCustomer;
use customer_core::billing::BillingCustomer;
use customer_core::guard::{IdempotencyDecision, Operation, StoredResponse};
use customer_core::list::{CursorKeys, Keyed};
use customer_core::{Customer, Timestamp};
use customer_core_axum::{
    Caller, Guards, IdempotencyLease, IfMatch, ListQuery, ProblemResponse, Valid, now_millis,
    stored_into_response,
};
use serde_json::value::RawValue;

use crate::db::{Db, WriteError};
use crate::profile::Profile;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The list cursors' keys.
    pub keys: CursorKeys,
    /// Whether idempotency records live in `db` (then they commit with the work).
    pub records_in_db: bool,
    /// A pause inside the create transaction (fault tests).
    pub work_delay: Duration,
    /// Create requests read by plain serde (benchmark baseline).
    pub plain_serde: bool,
}

impl FromRef<AppState> for CursorKeys {
    fn from_ref(state: &AppState) -> CursorKeys {
        state.keys.clone()
    }
}

/// The service's routes.
pub fn router(state: AppState, guards: &Arc<Guards>, timeout: Duration) -> Router {
    let create = || guards.layer(Operation::CreateCustomer).idempotent();
    let read = || guards.layer(Operation::RetrieveCustomer);
    let list_layer = guards.layer(Operation::ListCustomers);
    // Updates need a secret key, as reads do, under the write rate limits.
    let update = || guards.layer(Operation::RetrieveCustomer);
    let juice_create = if state.plain_serde {
        axum::routing::post(crate::handlers::plain::create.layer(create()))
    } else {
        axum::routing::post(create_customer::<Customer>.layer(create()))
    };
    Router::new()
        .route("/customers", juice_create.get(list.layer(list_layer)))
        .route(
            "/customers/{id}",
            get(retrieve::<Customer>.layer(read()))
                .patch(update_customer::<Customer>.layer(update())),
        )
        .route(
            "/billing/customers",
            axum::routing::post(create_customer::<BillingCustomer>.layer(create())),
        )
        .route(
            "/billing/customers/{id}",
            get(retrieve::<BillingCustomer>.layer(read()))
                .patch(update_customer::<BillingCustomer>.layer(update())),
        )
        .route(
            "/api/v1/customers",
            axum::routing::post(create_customer::<AccountCustomer>.layer(create())),
        )
        .route(
            "/api/v1/customers/{id}",
            get(retrieve::<AccountCustomer>.layer(read()))
                .patch(update_customer::<AccountCustomer>.layer(update())),
        )
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/openapi.json", get(crate::openapi::serve))
        .route_layer(middleware::from_fn_with_state(timeout, observe))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
}

/// Logs each request (method, route template, status, time: never the path's values,
/// the query, a header or a body) and bounds its time.
async fn observe(State(timeout): State<Duration>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "-".to_owned(), |p| p.as_str().to_owned());
    let start = Instant::now();
    let response = match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ProblemResponse::timeout().into_response(),
    };
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX),
        "request"
    );
    response
}

async fn not_found() -> ProblemResponse {
    ProblemResponse::not_found("no such route")
}

async fn method_not_allowed() -> ProblemResponse {
    ProblemResponse::method_not_allowed()
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        "ready".into_response()
    } else {
        ProblemResponse::unavailable(1).into_response()
    }
}

fn now() -> Timestamp {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(0));
    Timestamp::from_unix_micros(micros).unwrap_or(Timestamp::MIN)
}

fn random16() -> Result<[u8; 16], ProblemResponse> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| ProblemResponse::unavailable(1))?;
    Ok(bytes)
}

fn in_use() -> ProblemResponse {
    match IdempotencyDecision::InFlight.problem() {
        Some((_, p)) => ProblemResponse::guard(&p),
        None => ProblemResponse::unavailable(1),
    }
}

fn path_of<P: Profile>() -> &'static str {
    match P::TABLE {
        "billing_customers" => "/billing/customers",
        "account_customers" => "/api/v1/customers",
        _ => "/customers",
    }
}

/// A stored document that no longer reads is a bug of this service, never the client's.
fn corrupt(e: impl std::fmt::Display) -> ProblemResponse {
    tracing::error!(error = %e, "a stored customer does not read back");
    ProblemResponse::unavailable(1)
}

fn id_from(path: Result<Path<String>, PathRejection>) -> Result<String, ProblemResponse> {
    path.map(|Path(id)| id)
        .map_err(|_| ProblemResponse::not_found("no customer with this id"))
}

/// `POST`: the customer, inserted with its idempotency record in one transaction when
/// both live in this database.
async fn create_customer<P: Profile>(
    State(state): State<AppState>,
    caller: Caller,
    lease: Option<IdempotencyLease>,
    Valid(request): Valid<P::Create>,
) -> Result<Response, ProblemResponse> {
    let customer = P::build(request, now(), random16()?)?;
    let document = serde_json::to_string(&customer).map_err(corrupt)?;
    let stored = StoredResponse::new(
        201,
        vec![
            ("content-type".to_owned(), "application/json".to_owned()),
            (
                "location".to_owned(),
                format!("{}/{}", path_of::<P>(), customer.id_text()),
            ),
            ("etag".to_owned(), customer.version().to_string()),
        ],
        customer.body(),
    );
    let mut tx = state.db.begin().await?;
    match tx.insert(caller.account(), &customer, &document).await {
        Ok(()) => {}
        Err(WriteError::Duplicate) => {
            drop(tx);
            let key = customer.unique_key().unwrap_or_default();
            let holder = state.db.holder::<P>(caller.account(), &key).await;
            return Err(P::conflict(holder.as_deref()));
        }
        Err(WriteError::Store(e)) => return Err(e.into()),
    }
    if !state.work_delay.is_zero() {
        tokio::time::sleep(state.work_delay).await;
    }
    if let (Some(lease), true) = (&lease, state.records_in_db) {
        let write = lease.complete(&stored).map_err(|_| in_use())?;
        if !tx.complete(&write, now_millis()).await? {
            // The lease lapsed and another request owns the key: nothing of ours commits.
            return Err(in_use());
        }
        tx.commit().await?;
        return Ok(lease.respond(&stored));
    }
    tx.commit().await?;
    Ok(stored_into_response(&stored, std::iter::empty()))
}

fn one<P: Profile>(customer: &P) -> Response {
    let mut response = (StatusCode::OK, customer.body()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    if let Ok(v) = customer.version().to_string().parse() {
        headers.insert(ETAG, v);
    }
    response
}

async fn retrieve<P: Profile>(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ProblemResponse> {
    let id = id_from(path)?;
    let missing = || ProblemResponse::not_found(&format!("no {} with this id", P::NAME));
    if !P::valid_id(&id) {
        return Err(missing());
    }
    let document = state
        .db
        .find::<P>(caller.account(), &id)
        .await?
        .ok_or_else(missing)?;
    let customer = P::from_document(document.as_bytes()).map_err(corrupt)?;
    Ok(one(&customer))
}

async fn update_customer<P: Profile>(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    IfMatch(precondition): IfMatch,
    Valid(patch): Valid<P::Patch>,
) -> Result<Response, ProblemResponse> {
    let id = id_from(path)?;
    let missing = || ProblemResponse::not_found(&format!("no {} with this id", P::NAME));
    if !P::valid_id(&id) {
        return Err(missing());
    }
    let mut tx = state.db.begin().await?;
    let document = tx
        .find_for_update::<P>(caller.account(), &id)
        .await?
        .ok_or_else(missing)?;
    let current = P::from_document(document.as_bytes()).map_err(corrupt)?;
    if let Some(precondition) = precondition {
        precondition.check(&current)?;
    }
    let updated = P::apply(&patch, &current, now())?;
    let document = serde_json::to_string(&updated).map_err(corrupt)?;
    match tx.update(caller.account(), &updated, &document).await {
        Ok(()) => {}
        Err(WriteError::Duplicate) => {
            drop(tx);
            let key = updated.unique_key().unwrap_or_default();
            let holder = state.db.holder::<P>(caller.account(), &key).await;
            return Err(P::conflict(holder.as_deref()));
        }
        Err(WriteError::Store(e)) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(one(&updated))
}

/// `GET /customers`: one page under the keyset plan, newest first by default.
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ListQuery(query): ListQuery,
) -> Result<Response, ProblemResponse> {
    let plan = query.plan();
    let rows = state.db.page(caller.account(), &plan).await?;
    let rows = rows
        .into_iter()
        .map(|(created_at, id, document)| {
            let raw = RawValue::from_string(document).map_err(corrupt)?;
            Keyed::from_columns(&created_at, &id, raw).map_err(corrupt)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let page = plan.page(rows, &state.keys).map_err(corrupt)?;
    let body = serde_json::to_vec(&page).map_err(corrupt)?;
    let mut response = (StatusCode::OK, Body::from(body)).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

/// The benchmark baseline: `POST /customers` read by a plain serde parse (no
/// customer-core), stored and answered the same way.
pub mod plain {
    use super::*;

    #[derive(serde::Deserialize, serde::Serialize)]
    struct Address {
        line1: String,
        line2: Option<String>,
        city: String,
        state: Option<String>,
        zip_code: Option<String>,
        country: String,
    }

    #[derive(serde::Deserialize, serde::Serialize)]
    struct Create {
        first_name: String,
        last_name: String,
        email: String,
        phone_number: String,
        billing_address: Address,
    }

    #[derive(serde::Serialize)]
    struct Stored<'a> {
        id: String,
        #[serde(flatten)]
        fields: &'a Create,
        created_at: String,
        updated_at: String,
    }

    /// `POST /customers`, unvalidated.
    pub async fn create(
        State(state): State<AppState>,
        caller: Caller,
        body: axum::body::Bytes,
    ) -> Result<Response, ProblemResponse> {
        let request: Create = serde_json::from_slice(&body)
            .map_err(|_| ProblemResponse::not_found("not a customer"))?;
        let id = uuid::Builder::from_random_bytes(random16()?)
            .into_uuid()
            .hyphenated()
            .to_string();
        let t = now();
        let stored = Stored {
            id: id.clone(),
            fields: &request,
            created_at: t.to_string(),
            updated_at: t.to_string(),
        };
        let document = serde_json::to_string(&stored).map_err(corrupt)?;
        let body = format!("{{\"data\":{document}}}");
        let mut tx = state.db.begin().await?;
        tx.insert_raw(
            "customers",
            "uuid",
            caller.account(),
            &id,
            t,
            Some(&request.email.to_lowercase()),
            &document,
        )
        .await
        .map_err(|e| match e {
            WriteError::Duplicate => {
                let error = customer_core::FieldError::new(
                    "/email",
                    customer_core::ErrorCode::DuplicateEmail,
                    "duplicate email",
                );
                ProblemResponse::with_status(&error.into(), StatusCode::CONFLICT)
            }
            WriteError::Store(e) => e.into(),
        })?;
        tx.commit().await?;
        let mut response = (StatusCode::CREATED, body).into_response();
        response.headers_mut().insert(
            CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        );
        Ok(response)
    }
}
