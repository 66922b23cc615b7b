//! RFC 9457 problem responses: every refusal this crate (or a handler) answers with.

use axum::http::header::{CONTENT_TYPE, HeaderName, HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use customer_core::account::Conflict;
use customer_core::guard::{AuthError, GuardProblem, RateDecision};
use customer_core::{ErrorCode, PreconditionFailed, ValidationErrors};
use serde::Serialize;

/// The media type of every problem body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The `code` of the problems this crate adds to customer-core's table (the HTTP layer's
/// own refusals): they are as stable as customer-core's codes.
///
/// | code | status | when |
/// |---|---|---|
/// | `unsupported_media_type` | 415 | the body is not `application/json` (or `…+json`) |
/// | `service_unavailable` | 503 | a store did not answer, or kept losing races; `Retry-After` says when to try again |
/// | `not_found` | 404 | no such customer, or no such route |
/// | `method_not_allowed` | 405 | the route exists, not with this method |
/// | `request_timeout` | 408 | the request took longer than the service allows |
pub mod codes {
    /// 415.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    /// 503.
    pub const SERVICE_UNAVAILABLE: &str = "service_unavailable";
    /// 404.
    pub const NOT_FOUND: &str = "not_found";
    /// 405.
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// 408.
    pub const REQUEST_TIMEOUT: &str = "request_timeout";
}

/// A refusal: an RFC 9457 problem (`application/problem+json`) with its status and
/// headers, ready to send. Built from each of customer-core's refusals (all of a
/// request's [`ValidationErrors`] at once, a [`PreconditionFailed`], a [`Conflict`], a
/// guard's [`GuardProblem`], an [`AuthError`], a refusing [`RateDecision`]) and from the
/// HTTP layer's own (415, 503, 404…). Handlers return it as their error type:
///
/// ```
/// use axum::response::IntoResponse;
/// use customer_core::CreateCustomer;
/// use customer_core_axum::ProblemResponse;
///
/// let errors = CreateCustomer::from_json(br#"{"first_name":"J0hn"}"#).unwrap_err();
/// let response = ProblemResponse::from(errors).into_response();
/// assert_eq!(response.status(), 400);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// ```
///
/// A problem from a body or query that failed validation is marked as refused *before the
/// endpoint began*: the idempotency guard then releases the key instead of storing the
/// answer, so the client can fix the request and retry with the same key.
#[derive(Debug, Clone)]
pub struct ProblemResponse {
    // Boxed: handlers return `Result<_, ProblemResponse>`, kept one pointer wide.
    inner: Box<Inner>,
}

#[derive(Debug, Clone)]
struct Inner {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    not_started: bool,
}

/// The response extension of a refusal made before the endpoint began (validation, a store
/// that was down before anything was written): the idempotency guard releases the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotStarted;

/// A problem body of this crate's own kinds (see [`codes`]).
#[derive(Serialize)]
struct HttpProblem<'a> {
    #[serde(rename = "type")]
    type_: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    code: &'a str,
}

impl ProblemResponse {
    fn json(status: StatusCode, body: &impl Serialize) -> ProblemResponse {
        // Serializing these plain structs cannot fail; an empty body would still be valid.
        let body = serde_json::to_vec(body).unwrap_or_default();
        ProblemResponse {
            inner: Box::new(Inner {
                status,
                headers: HeaderMap::new(),
                body,
                not_started: false,
            }),
        }
    }

    fn http(status: StatusCode, type_: &str, title: &str, code: &str, detail: &str) -> Self {
        ProblemResponse::json(
            status,
            &HttpProblem {
                type_,
                title,
                status: status.as_u16(),
                detail,
                code,
            },
        )
    }

    /// Every error of a request at once: 400, or 413 when the body was over
    /// [`MAX_BODY_BYTES`](customer_core::limits::MAX_BODY_BYTES) (`payload_too_large`). Marked
    /// [`NotStarted`].
    #[must_use]
    pub fn validation(errors: &ValidationErrors) -> ProblemResponse {
        let mut problem = errors.to_problem();
        let too_large = errors
            .iter()
            .any(|e| e.code() == ErrorCode::PayloadTooLarge && e.pointer().is_empty());
        let status = if too_large {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        };
        problem.status = status.as_u16();
        ProblemResponse::json(status, &problem).not_started()
    }

    /// `errors` as a problem with another status: 409 for a unique key already taken
    /// (`duplicate_email` at `/email`), for instance.
    #[must_use]
    pub fn with_status(errors: &ValidationErrors, status: StatusCode) -> ProblemResponse {
        let mut problem = errors.to_problem();
        problem.status = status.as_u16();
        ProblemResponse::json(status, &problem)
    }

    /// 412: the stored record changed since the client read it.
    #[must_use]
    pub fn precondition_failed(failed: &PreconditionFailed) -> ProblemResponse {
        ProblemResponse::json(StatusCode::PRECONDITION_FAILED, &failed.to_problem())
    }

    /// 409: a customer with this email address exists.
    #[must_use]
    pub fn conflict(conflict: &Conflict) -> ProblemResponse {
        ProblemResponse::json(StatusCode::CONFLICT, &conflict.to_problem())
    }

    /// A guard's refusal with its status (401, 403, 409, 422, 429, 400…).
    #[must_use]
    pub fn guard(problem: &GuardProblem) -> ProblemResponse {
        let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
        ProblemResponse::json(status, problem)
    }

    /// 401 or 403, with `WWW-Authenticate` naming `realm` (RFC 6750).
    #[must_use]
    pub fn auth(error: &AuthError, realm: &str) -> ProblemResponse {
        let mut response = ProblemResponse::guard(&error.problem());
        if let Ok(value) = HeaderValue::from_str(&error.www_authenticate(realm)) {
            response.inner.headers.insert(WWW_AUTHENTICATE, value);
        }
        response
    }

    /// 429 with the decision's `RateLimit-Policy`, `RateLimit` and `Retry-After`.
    #[must_use]
    pub fn rate_limited(decision: &RateDecision<'_>) -> ProblemResponse {
        let mut response = ProblemResponse::guard(&decision.problem());
        for (name, value) in decision.headers() {
            response = response.with_header(&name, &value);
        }
        response
    }

    /// 415: the body's `Content-Type` is not JSON.
    #[must_use]
    pub fn unsupported_media_type(expected: &str) -> ProblemResponse {
        let detail = format!("send the body as {expected}");
        ProblemResponse::http(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "/problems/unsupported-media-type",
            "The request body's media type is not supported.",
            codes::UNSUPPORTED_MEDIA_TYPE,
            &detail,
        )
        .not_started()
    }

    /// 503 with `Retry-After: retry_after_secs`: a store did not answer (or kept losing
    /// races). Marked [`NotStarted`]: nothing was committed.
    #[must_use]
    pub fn unavailable(retry_after_secs: u64) -> ProblemResponse {
        let mut response = ProblemResponse::http(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/service-unavailable",
            "The service cannot answer right now.",
            codes::SERVICE_UNAVAILABLE,
            "a store the service depends on did not answer; retry after the time in Retry-After",
        )
        .not_started();
        response
            .inner
            .headers
            .insert(RETRY_AFTER, HeaderValue::from(retry_after_secs.max(1)));
        response
    }

    /// 404.
    #[must_use]
    pub fn not_found(detail: &str) -> ProblemResponse {
        ProblemResponse::http(
            StatusCode::NOT_FOUND,
            "/problems/not-found",
            "Not found.",
            codes::NOT_FOUND,
            detail,
        )
    }

    /// 405.
    #[must_use]
    pub fn method_not_allowed() -> ProblemResponse {
        ProblemResponse::http(
            StatusCode::METHOD_NOT_ALLOWED,
            "/problems/method-not-allowed",
            "Method not allowed.",
            codes::METHOD_NOT_ALLOWED,
            "this path does not accept this method",
        )
    }

    /// 408.
    #[must_use]
    pub fn timeout() -> ProblemResponse {
        ProblemResponse::http(
            StatusCode::REQUEST_TIMEOUT,
            "/problems/request-timeout",
            "The request took too long.",
            codes::REQUEST_TIMEOUT,
            "the request was not received or answered in time; retry",
        )
        .not_started()
    }

    /// Marks the refusal as made before the endpoint began (see [`NotStarted`]).
    #[must_use]
    pub fn not_started(mut self) -> ProblemResponse {
        self.inner.not_started = true;
        self
    }

    /// Adds a header (ignored when `name` or `value` is not a valid header).
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> ProblemResponse {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.inner.headers.append(n, v);
        }
        self
    }

    /// The status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.inner.status
    }

    /// The JSON body.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        &self.inner.body
    }
}

impl IntoResponse for ProblemResponse {
    fn into_response(self) -> Response {
        let mut response = (self.inner.status, self.inner.body).into_response();
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response.headers_mut().extend(self.inner.headers);
        if self.inner.not_started {
            response.extensions_mut().insert(NotStarted);
        }
        response
    }
}

impl From<ValidationErrors> for ProblemResponse {
    fn from(errors: ValidationErrors) -> Self {
        ProblemResponse::validation(&errors)
    }
}

impl From<PreconditionFailed> for ProblemResponse {
    fn from(failed: PreconditionFailed) -> Self {
        ProblemResponse::precondition_failed(&failed)
    }
}

impl From<Conflict> for ProblemResponse {
    fn from(conflict: Conflict) -> Self {
        ProblemResponse::conflict(&conflict)
    }
}

impl From<GuardProblem> for ProblemResponse {
    fn from(problem: GuardProblem) -> Self {
        ProblemResponse::guard(&problem)
    }
}

impl From<crate::StoreError> for ProblemResponse {
    fn from(error: crate::StoreError) -> Self {
        tracing::warn!(error = %error, "store unavailable");
        ProblemResponse::unavailable(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_large_is_413() {
        let big = vec![b' '; customer_core::limits::MAX_BODY_BYTES + 10];
        let errors = customer_core::CreateCustomer::from_json(&big).unwrap_err();
        let p = ProblemResponse::validation(&errors);
        assert_eq!(p.status(), 413);
        let v: serde_json::Value = serde_json::from_slice(p.body()).unwrap();
        assert_eq!(v["status"], 413);
        assert_eq!(v["errors"][0]["code"], "payload_too_large");
    }

    #[test]
    fn unavailable_has_retry_after() {
        let r = ProblemResponse::unavailable(0).into_response();
        assert_eq!(r.status(), 503);
        assert_eq!(r.headers()[RETRY_AFTER], "1");
        assert!(r.extensions().get::<NotStarted>().is_some());
    }
}
