//! Extractors: request bodies, list queries and `If-Match`, read by customer-core with
//! every error at once; the rejection is a [`ProblemResponse`].

use axum::body::{Body, Bytes};
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::header::{CONTENT_TYPE, IF_MATCH};
use axum::http::request::Parts;
use customer_core::account::{AccountCustomerPatch, CreateAccountCustomer};
use customer_core::billing::{BillingCustomerPatch, CreateBillingCustomer};
use customer_core::limits::MAX_BODY_BYTES;
use customer_core::list::{CursorKeys, ListCustomersQuery};
use customer_core::{
    CreateCustomer, CustomerPatch, ErrorCode, FieldError, Precondition, ValidationErrors,
};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::ProblemResponse;

/// A request type customer-core reads from a JSON body, with every error at once.
pub trait FromJsonBody: Sized {
    /// Reads `body`.
    fn from_json_body(body: &[u8]) -> Result<Self, ValidationErrors>;
    /// The media types accepted, for the 415 problem's detail.
    const MEDIA_TYPES: &'static str = "application/json";
    /// Whether `application/merge-patch+json` (RFC 7396) is accepted too.
    const MERGE_PATCH: bool = false;
}

macro_rules! from_json_body {
    ($($ty:ty => $patch:expr),* $(,)?) => {$(
        impl FromJsonBody for $ty {
            fn from_json_body(body: &[u8]) -> Result<Self, ValidationErrors> {
                <$ty>::from_json(body)
            }
            const MEDIA_TYPES: &'static str = if $patch {
                "application/merge-patch+json or application/json"
            } else {
                "application/json"
            };
            const MERGE_PATCH: bool = $patch;
        }
    )*};
}

from_json_body! {
    CreateCustomer => false,
    CreateBillingCustomer => false,
    CreateAccountCustomer => false,
    CustomerPatch => true,
    BillingCustomerPatch => true,
    AccountCustomerPatch => true,
}

/// A validated request body: the three profiles' create requests ([`CreateCustomer`],
/// [`CreateBillingCustomer`], [`CreateAccountCustomer`]) and their updates
/// ([`CustomerPatch`], [`BillingCustomerPatch`], [`AccountCustomerPatch`]).
///
/// Refused, as a [`ProblemResponse`], with 415 when the `Content-Type` is not JSON
/// (`application/json`, any `application/…+json`), 413 past
/// [`MAX_BODY_BYTES`](customer_core::limits::MAX_BODY_BYTES) (read no further), and 400 with every
/// error of the body at once, each with its JSON Pointer and code.
///
/// ```
/// use axum::{Router, routing::post};
/// use customer_core::CreateCustomer;
/// use customer_core_axum::Valid;
///
/// async fn create(Valid(request): Valid<CreateCustomer>) -> String {
///     request.email().to_string()
/// }
/// let app: Router = Router::new().route("/customers", post(create));
/// ```
#[derive(Debug, Clone)]
pub struct Valid<T>(pub T);

/// Whether `content_type` names JSON: `application/json`, `application/…+json`
/// (parameters such as `charset` allowed), compared without regard to case.
#[must_use]
pub fn is_json(content_type: &[u8], merge_patch: bool) -> bool {
    let Ok(text) = std::str::from_utf8(content_type) else {
        return false;
    };
    let essence = text
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
        || (merge_patch && essence == "application/merge-patch+json")
}

/// The body's bytes, at most `limit` of them: 413 past it, 400 when the body could not be
/// read (the client went away, or sent a broken chunked body).
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, ProblemResponse> {
    // A declared length over the limit (Content-Length) is refused before any byte is
    // read, so the client gets its 413 before it has sent the body.
    let declared = axum::body::HttpBody::size_hint(&body).lower();
    if usize::try_from(declared).map_or(true, |n| n > limit) {
        return Err(too_large(limit));
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => Err(too_large(limit)),
        Err(_) => {
            let error = FieldError::new("", ErrorCode::InvalidJson, "the body could not be read");
            Err(ProblemResponse::validation(&error.into()).not_started())
        }
    }
}

/// The 413 problem of a body over `limit` bytes.
fn too_large(limit: usize) -> ProblemResponse {
    let error = FieldError::new(
        "",
        ErrorCode::PayloadTooLarge,
        format!("the body is larger than {limit} bytes"),
    );
    ProblemResponse::validation(&error.into())
}

impl<S: Send + Sync, T: FromJsonBody> FromRequest<S> for Valid<T> {
    type Rejection = ProblemResponse;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let json = req
            .headers()
            .get(CONTENT_TYPE)
            .is_some_and(|v| is_json(v.as_bytes(), T::MERGE_PATCH));
        if !json {
            return Err(ProblemResponse::unsupported_media_type(T::MEDIA_TYPES));
        }
        let body = read_body(req.into_body(), MAX_BODY_BYTES).await?;
        T::from_json_body(&body)
            .map(Valid)
            .map_err(|errors| ProblemResponse::validation(&errors))
    }
}

/// The list query of `GET /customers` ([`ListCustomersQuery`]): every parameter's error at
/// once, cursors checked against the state's [`CursorKeys`] (`CursorKeys: FromRef<S>`).
///
/// ```
/// use axum::{Router, extract::FromRef, routing::get};
/// use customer_core::list::{CursorKey, CursorKeys};
/// use customer_core_axum::ListQuery;
///
/// #[derive(Clone)]
/// struct App { keys: CursorKeys }
/// impl FromRef<App> for CursorKeys {
///     fn from_ref(app: &App) -> CursorKeys { app.keys.clone() }
/// }
///
/// async fn list(ListQuery(query): ListQuery) -> String {
///     query.limit().to_string()
/// }
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let app: Router = Router::new().route("/customers", get(list)).with_state(App { keys });
/// ```
#[derive(Debug, Clone)]
pub struct ListQuery(pub ListCustomersQuery);

impl<S: Send + Sync> FromRequestParts<S> for ListQuery
where
    CursorKeys: FromRef<S>,
{
    type Rejection = ProblemResponse;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let keys = CursorKeys::from_ref(state);
        let raw = parts.uri.query().unwrap_or("");
        ListCustomersQuery::parse(raw, &keys)
            .map(ListQuery)
            .map_err(|errors| ProblemResponse::validation(&errors))
    }
}

/// The `If-Match` header of an update, read as a [`Precondition`] (`None` when absent).
/// A malformed value is a 400 `invalid_precondition` problem; a precondition that does
/// not hold is the handler's 412 ([`Precondition::check`]).
#[derive(Debug, Clone)]
pub struct IfMatch(pub Option<Precondition>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ProblemResponse;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let mut values = parts.headers.get_all(IF_MATCH).iter();
        let Some(first) = values.next() else {
            return Ok(IfMatch(None));
        };
        let invalid = || {
            let error = FieldError::new(
                "",
                ErrorCode::InvalidPrecondition,
                "If-Match must be one header of `*` or quoted entity tags in visible ASCII",
            );
            ProblemResponse::validation(&error.into())
        };
        if values.next().is_some() {
            return Err(invalid());
        }
        let text = first.to_str().map_err(|_| invalid())?;
        Precondition::if_match(text)
            .map(|p| IfMatch(Some(p)))
            .map_err(|errors| ProblemResponse::validation(&errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types() {
        assert!(is_json(b"application/json", false));
        assert!(is_json(b"Application/JSON; charset=utf-8", false));
        assert!(is_json(b"application/problem+json", false));
        assert!(is_json(b"application/merge-patch+json", true));
        assert!(!is_json(b"text/plain", false));
        assert!(!is_json(b"application/jsonx", false));
        assert!(!is_json(b"\xff", false));
    }
}
