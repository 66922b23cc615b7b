//! `GET /openapi.json`: the OpenAPI 3.1 document of the service's paths, bodies, statuses
//! and headers. Limits come from customer-core's constants, so the document and the
//! validation cannot disagree on them.

use std::sync::OnceLock;

use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use customer_core::limits::{
    FULL_NAME_MAX_BYTES, LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT, NAME_MAX_BYTES, REFERENCE_MAX_CHARS,
};
use serde_json::{Value, json};

/// Serves the document (built once).
pub async fn serve() -> Response {
    static DOC: OnceLock<Vec<u8>> = OnceLock::new();
    let body = DOC.get_or_init(|| serde_json::to_vec(&document()).unwrap_or_default());
    ([(CONTENT_TYPE, "application/json")], body.clone()).into_response()
}

fn text(max: usize) -> Value {
    json!({"type": "string", "maxLength": max})
}

fn nullable(schema: Value) -> Value {
    json!({"anyOf": [schema, {"type": "null"}]})
}

fn r(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn header(description: &str) -> Value {
    json!({"description": description, "schema": {"type": "string"}})
}

fn problem(description: &str, extra_headers: &[(&str, &str)]) -> Value {
    let mut headers = serde_json::Map::new();
    for (name, d) in extra_headers {
        headers.insert((*name).to_owned(), header(d));
    }
    json!({
        "description": description,
        "headers": headers,
        "content": {"application/problem+json": {"schema": r("Problem")}}
    })
}

fn ok(description: &str, schema: &str, headers: &[(&str, &str)]) -> Value {
    let mut h = serde_json::Map::new();
    for (name, d) in headers {
        h.insert((*name).to_owned(), header(d));
    }
    json!({
        "description": description,
        "headers": h,
        "content": {"application/json": {"schema": r(schema)}}
    })
}

/// The refusals every guarded operation may answer.
fn guarded(mut responses: serde_json::Map<String, Value>) -> Value {
    responses.insert(
        "401".into(),
        problem(
            "No API key, or an unknown one",
            &[("WWW-Authenticate", "Bearer realm")],
        ),
    );
    responses.insert(
        "403".into(),
        problem("The key may not perform this operation", &[]),
    );
    responses.insert(
        "429".into(),
        problem(
            "Rate limited",
            &[
                ("Retry-After", "seconds"),
                ("RateLimit", "remaining"),
                ("RateLimit-Policy", "quotas"),
            ],
        ),
    );
    responses.insert(
        "503".into(),
        problem("A store is unavailable", &[("Retry-After", "seconds")]),
    );
    responses.insert("408".into(), problem("The request took too long", &[]));
    Value::Object(responses)
}

fn map(entries: Vec<(&str, Value)>) -> serde_json::Map<String, Value> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

fn body(schema: &str, types: &[&str]) -> Value {
    let mut content = serde_json::Map::new();
    for t in types {
        content.insert((*t).to_owned(), json!({"schema": r(schema)}));
    }
    json!({"required": true, "content": content})
}

const CREATED: &[(&str, &str)] = &[
    ("Location", "the customer's URL"),
    ("ETag", "the customer's version"),
    ("Idempotent-Replayed", "true on a replay"),
    ("RateLimit", "remaining"),
    ("RateLimit-Policy", "quotas"),
];
const ONE: &[(&str, &str)] = &[
    ("ETag", "the customer's version"),
    ("RateLimit", "remaining"),
    ("RateLimit-Policy", "quotas"),
];

fn create(schema: &str, response: &str, summary: &str) -> Value {
    json!({
        "summary": summary,
        "parameters": [{"name": "Idempotency-Key", "in": "header", "required": false,
            "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"}}],
        "requestBody": body(schema, &["application/json"]),
        "responses": guarded(map(vec![
            ("201", ok("Created (or replayed)", response, CREATED)),
            ("400", problem("Invalid request: every error at once", &[])),
            ("409", problem("Duplicate email, or the idempotency key is in use", &[])),
            ("413", problem("Body too large", &[])),
            ("415", problem("Body not JSON", &[])),
            ("422", problem("Idempotency key reused for another request", &[])),
        ])),
    })
}

fn id_param() -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}})
}

fn retrieve(response: &str) -> Value {
    json!({
        "summary": "Retrieve a customer",
        "parameters": [id_param()],
        "responses": guarded(map(vec![
            ("200", ok("The customer", response, ONE)),
            ("404", problem("No such customer", &[])),
        ])),
    })
}

fn update(schema: &str, response: &str) -> Value {
    json!({
        "summary": "Update a customer (JSON Merge Patch)",
        "parameters": [id_param(), {"name": "If-Match", "in": "header", "required": false, "schema": {"type": "string"}}],
        "requestBody": body(schema, &["application/merge-patch+json", "application/json"]),
        "responses": guarded(map(vec![
            ("200", ok("The updated customer", response, ONE)),
            ("400", problem("Invalid patch or If-Match: every error at once", &[])),
            ("404", problem("No such customer", &[])),
            ("409", problem("Duplicate email", &[])),
            ("412", problem("The customer changed since it was read", &[])),
            ("413", problem("Body too large", &[])),
            ("415", problem("Body not JSON", &[])),
        ])),
    })
}

fn address(patch: bool) -> Value {
    let required: &[&str] = if patch {
        &[]
    } else {
        &["line1", "city", "country"]
    };
    let opt = |s: Value| if patch { nullable(s) } else { s };
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": {
            "line1": opt(text(200)),
            "line2": nullable(text(200)),
            "city": opt(text(200)),
            "state": nullable(text(200)),
            "zip_code": nullable(text(200)),
            "country": opt(json!({"type": "string", "minLength": 2, "maxLength": 2})),
        }
    })
}

fn juice(patch: bool) -> Value {
    let required: &[&str] = if patch {
        &[]
    } else {
        &[
            "first_name",
            "last_name",
            "email",
            "phone_number",
            "billing_address",
        ]
    };
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": {
            "first_name": text(NAME_MAX_BYTES),
            "last_name": text(NAME_MAX_BYTES),
            "email": {"type": "string", "format": "email"},
            "phone_number": {"type": "string", "pattern": "^\\+[1-9][0-9]{1,14}$"},
            "billing_address": address(patch),
        }
    })
}

fn document() -> Value {
    let timestamp = json!({"type": "string", "format": "date-time"});
    let juice_customer = json!({
        "type": "object",
        "required": ["id", "first_name", "last_name", "email", "phone_number", "billing_address", "created_at", "updated_at"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "first_name": {"type": "string"}, "last_name": {"type": "string"},
            "email": {"type": "string"}, "phone_number": {"type": "string"},
            "billing_address": {"type": "object", "properties": {
                "line1": {"type": "string"}, "line2": {"type": ["string", "null"]}, "city": {"type": "string"},
                "state": {"type": ["string", "null"]}, "zip_code": {"type": ["string", "null"]}, "country": {"type": "string"}}},
            "created_at": timestamp, "updated_at": timestamp,
        }
    });
    let metadata = json!({"type": "object", "maxProperties": 50, "additionalProperties": {"type": "string", "maxLength": 500}});
    let billing_create = |patch: bool| {
        let required: &[&str] = if patch { &[] } else { &["name"] };
        json!({
            "type": "object", "additionalProperties": false, "required": required,
            "properties": {
                "reference": nullable(text(REFERENCE_MAX_CHARS)),
                "name": text(FULL_NAME_MAX_BYTES),
                "phone_number": nullable(json!({"type": "string", "pattern": "^\\+[1-9][0-9]{1,14}$"})),
                "currency": nullable(json!({"type": "string", "pattern": "^[A-Z]{3}$"})),
                "balance": nullable(json!({"type": "integer"})),
                "metadata": if patch { nullable(metadata.clone()) } else { metadata.clone() },
            }
        })
    };
    let billing_customer = json!({
        "type": "object",
        "required": ["id", "name", "metadata", "created_at", "updated_at"],
        "properties": {
            "id": {"type": "string", "pattern": "^bcus_"},
            "reference": {"type": ["string", "null"]}, "name": {"type": "string"},
            "phone_number": {"type": ["string", "null"]}, "currency": {"type": ["string", "null"]},
            "balance": {"type": ["integer", "null"]}, "payment_rules": {"type": ["object", "null"]},
            "metadata": {"type": "object"}, "created_at": timestamp, "updated_at": timestamp,
        }
    });
    let status = json!({"type": "string", "enum": ["active", "inactive", "suspended"]});
    let account_create = |patch: bool| {
        let required: &[&str] = if patch { &[] } else { &["name", "email"] };
        json!({
            "type": "object", "additionalProperties": false, "required": required,
            "properties": {
                "name": text(FULL_NAME_MAX_BYTES),
                "email": {"type": "string", "format": "email"},
                "phone": nullable(json!({"type": "string", "pattern": "^\\+[1-9][0-9]{1,14}$"})),
                "address": nullable(json!({"type": "object", "additionalProperties": false, "required": if patch { json!([]) } else { json!(["city", "country"]) },
                    "properties": {"city": text(200), "country": {"type": "string", "minLength": 2, "maxLength": 2}}})),
                "payment_method": nullable(json!({"type": "string"})),
                "status": status.clone(),
                "custom_data": nullable(json!({"type": "object"})),
            }
        })
    };
    let account_customer = json!({
        "type": "object",
        "required": ["id", "name", "email", "status", "created_at", "updated_at"],
        "properties": {
            "id": {"type": "string", "pattern": "^cus_"},
            "name": {"type": "string"}, "email": {"type": "string"},
            "phone": {"type": ["string", "null"]},
            "address": {"type": ["object", "null"]},
            "payment_method": {"type": ["string", "null"]},
            "status": status, "custom_data": {"type": ["object", "null"]},
            "created_at": timestamp, "updated_at": timestamp,
        }
    });
    let list = json!({
        "summary": "List customers (keyset cursors)",
        "parameters": [
            {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": LIST_MAX_LIMIT, "default": LIST_DEFAULT_LIMIT}},
            {"name": "after", "in": "query", "required": false, "schema": {"type": "string"}},
            {"name": "before", "in": "query", "required": false, "schema": {"type": "string"}},
            {"name": "email", "in": "query", "required": false, "schema": {"type": "string"}},
            {"name": "created_after", "in": "query", "required": false, "schema": {"type": "string", "format": "date-time"}},
            {"name": "created_before", "in": "query", "required": false, "schema": {"type": "string", "format": "date-time"}},
            {"name": "sort", "in": "query", "required": false, "schema": {"type": "string", "enum": ["created_at:asc", "created_at:desc"]}},
        ],
        "responses": guarded(map(vec![
            ("200", ok("A page", "JuicePage", &[("RateLimit", "remaining"), ("RateLimit-Policy", "quotas")])),
            ("400", problem("Invalid query: every error at once", &[])),
        ])),
    });
    json!({
        "openapi": "3.1.0",
        "info": {"title": "customer-core-service", "version": env!("CARGO_PKG_VERSION"),
            "description": "The reference Customers API on customer-core: Juice (specs 000, 001), billing (spec 002) and account (spec 003) customers."},
        "security": [{"bearer": []}],
        "paths": {
            "/customers": {"post": create("JuiceCreate", "JuiceData", "Create a customer (spec 000)"), "get": list},
            "/customers/{id}": {"get": retrieve("JuiceData"), "patch": update("JuicePatch", "JuiceData")},
            "/billing/customers": {"post": create("BillingCreate", "BillingCustomer", "Create a billing customer (spec 002)")},
            "/billing/customers/{id}": {"get": retrieve("BillingCustomer"), "patch": update("BillingPatch", "BillingCustomer")},
            "/api/v1/customers": {"post": create("AccountCreate", "AccountCustomer", "Create a customer (spec 003)")},
            "/api/v1/customers/{id}": {"get": retrieve("AccountCustomer"), "patch": update("AccountPatch", "AccountCustomer")},
            "/healthz": {"get": {"security": [], "summary": "Liveness", "responses": {"200": {"description": "Alive", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
            "/readyz": {"get": {"security": [], "summary": "Readiness (the database answers)", "responses": {
                "200": {"description": "Ready", "content": {"text/plain": {"schema": {"type": "string"}}}},
                "503": problem("Not ready", &[("Retry-After", "seconds")])}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
                    "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                    "detail": {"type": "string"}, "code": {"type": "string"},
                    "violated-policies": {"type": "array", "items": {"type": "string"}},
                    "errors": {"type": "array", "items": {"type": "object", "required": ["pointer", "code", "detail"],
                        "properties": {"pointer": {"type": "string"}, "code": {"type": "string"}, "detail": {"type": "string"}}}}}},
                "JuiceCreate": juice(false),
                "JuicePatch": juice(true),
                "JuiceCustomer": juice_customer,
                "JuiceData": {"type": "object", "required": ["data"], "properties": {"data": r("JuiceCustomer")}},
                "JuicePage": {"type": "object", "required": ["data", "pagination"], "properties": {
                    "data": {"type": "array", "items": r("JuiceCustomer")},
                    "pagination": {"type": "object", "required": ["before", "after", "limit"], "properties": {
                        "before": {"type": ["string", "null"]}, "after": {"type": ["string", "null"]}, "limit": {"type": "integer"}}}}},
                "BillingCreate": billing_create(false),
                "BillingPatch": billing_create(true),
                "BillingCustomer": billing_customer,
                "AccountCreate": account_create(false),
                "AccountPatch": account_create(true),
                "AccountCustomer": account_customer,
            }
        }
    })
}
