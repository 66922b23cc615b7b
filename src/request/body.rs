//! Request bodies: the size bound, checked before any parsing, and JSON into the raw form.

use crate::error::{ErrorCode, FieldError, ValidationErrors};
use crate::request::raw::Raw;

/// The largest request body the profiles read (64 KiB); a valid create request is under
/// 3 KiB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Parses JSON bytes into the raw form, bounding the size first: one document-level
/// `payload_too_large` or `invalid_json` error otherwise.
pub(crate) fn parse(body: &[u8]) -> Result<Raw<'_>, ValidationErrors> {
    if body.len() > MAX_BODY_BYTES {
        return Err(too_large());
    }
    serde_json::from_slice(body).map_err(|e| invalid_json(&e))
}

/// [`parse`], also keeping the text of the top-level member `name` exactly as sent.
pub(crate) fn parse_keeping<'a>(
    body: &'a [u8],
    name: &'static str,
) -> Result<(Raw<'a>, crate::request::raw::Kept<'a>), ValidationErrors> {
    if body.len() > MAX_BODY_BYTES {
        return Err(too_large());
    }
    crate::request::raw::parse_keeping(body, name).map_err(|e| invalid_json(&e))
}

#[cold]
fn too_large() -> ValidationErrors {
    FieldError::new(
        "",
        ErrorCode::PayloadTooLarge,
        format!("the body is larger than the limit of {MAX_BODY_BYTES} bytes"),
    )
    .into()
}

#[cold]
fn invalid_json(e: &serde_json::Error) -> ValidationErrors {
    FieldError::new(
        "",
        ErrorCode::InvalidJson,
        format!("the body is not valid JSON: {e}"),
    )
    .into()
}
