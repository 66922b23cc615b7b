//! `GET /openapi.json`.

use axum::Json;

/// The OpenAPI 3.1 document.
pub async fn serve() -> Json<serde_json::Value> {
    Json(
        serde_json::json!({"openapi": "3.1.0", "info": {"title": "customer-core-service", "version": "0.1.0"}, "paths": {}}),
    )
}
