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
    // UTF-8 checked once for the whole body (std checks ASCII a word at a time), so the
    // JSON reader need not check each string again (9 % of a request's instructions when
    // it did); a body that is not UTF-8 is read as bytes, for serde_json's own error.
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
    .map_err(|e| invalid_json(&e))
}

#[cold]
pub(crate) fn too_large() -> ValidationErrors {
    FieldError::new(
        "",
        ErrorCode::PayloadTooLarge,
        format!("the body is larger than the limit of {MAX_BODY_BYTES} bytes"),
    )
    .into()
}

#[cold]
pub(crate) fn invalid_json(e: &serde_json::Error) -> ValidationErrors {
    FieldError::new(
        "",
        ErrorCode::InvalidJson,
        format!("the body is not valid JSON: {e}"),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `parse` gave before it checked UTF-8 once: the byte reader throughout.
    fn by_bytes(body: &[u8]) -> Result<Raw<'_>, ValidationErrors> {
        serde_json::from_slice(body).map_err(|e| invalid_json(&e))
    }

    fn same(body: &[u8]) {
        let (ours, bytes) = (parse(body), by_bytes(body));
        assert_eq!(format!("{ours:?}"), format!("{bytes:?}"), "{body:?}");
    }

    #[test]
    fn the_string_reader_answers_as_the_byte_reader() {
        for body in [
            &br#"{"first_name": "Jos\u00e9", "n": [1, 2.5, -3e2, null, true]}"#[..],
            br#"{"a": "\ud800"}"#,
            b"{\"a\": \"\xff\"}",
            b"{\"a\": 1}\xff",
            b"\xef\xbb\xbf{}",
            b"{\"a\": \"tab\there\"}",
            b"{\"a\": ",
            b"",
        ] {
            same(body);
        }
    }

    use proptest::prelude::*;

    proptest! {
        /// On any bytes (JSON-like, and any UTF-8 or not), the same raw value or the same
        /// error message as the byte reader.
        #[test]
        fn any_bytes_read_as_the_byte_reader(
            body in prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..64),
                proptest::collection::vec(
                    proptest::sample::select(b"{}[]\":,\\ 0123456789.eE+-truefalsn\xc3\xa9\xff\x80".to_vec()),
                    0..64,
                ),
                "\\PC{0,24}".prop_map(|s: String| format!("{{\"a\": \"{s}\", \"b\": [1, {{}}]}}").into_bytes()),
            ]
        ) {
            same(&body);
        }
    }
}
