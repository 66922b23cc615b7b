//! Property checks shared by the fuzz targets (`fuzz/fuzz_targets/*.rs` include this file
//! with `#[path]`) and the stable corpus replay (`tests/create.rs`). Each check
//! panics (an assertion) only when the library breaks a property.

use customer_core::{CreateCustomer, ErrorCode};

/// The fields of a create request and of its billing address.
const FIELDS: [&str; 5] = [
    "/first_name",
    "/last_name",
    "/email",
    "/phone_number",
    "/billing_address",
];
const ADDRESS: [&str; 6] = [
    "/billing_address/line1",
    "/billing_address/line2",
    "/billing_address/city",
    "/billing_address/state",
    "/billing_address/zip_code",
    "/billing_address/country",
];

/// An error sits where its code can occur: document errors at `""`, unknown and
/// duplicate names at the top level or in the address, field rules at their fields.
fn check_place(pointer: &str, code: ErrorCode) {
    let field = FIELDS.contains(&pointer) || ADDRESS.contains(&pointer);
    let ok = match code {
        ErrorCode::InvalidJson | ErrorCode::PayloadTooLarge => pointer.is_empty(),
        ErrorCode::InvalidType => pointer.is_empty() || field,
        ErrorCode::UnknownField | ErrorCode::DuplicateField => {
            let name = pointer
                .strip_prefix("/billing_address/")
                .or_else(|| pointer.strip_prefix('/'));
            name.is_some()
        }
        ErrorCode::Required | ErrorCode::TooLong | ErrorCode::InvalidCharacters => field,
        ErrorCode::InvalidEmail => pointer == "/email",
        ErrorCode::InvalidPhoneFormat
        | ErrorCode::InvalidPhoneNumber
        | ErrorCode::PhoneCountryMismatch => pointer == "/phone_number",
        ErrorCode::InvalidCountry => pointer == "/billing_address/country",
        _ => false,
    };
    assert!(ok, "{code} cannot occur at {pointer:?}");
}

/// Any bytes: `from_json` returns, never panics; a valid request re-serializes and
/// re-validates to itself, byte for byte; errors are well-formed.
pub fn check_create_customer(data: &[u8]) {
    match CreateCustomer::from_json(data) {
        Ok(request) => {
            let json = serde_json::to_vec(&request).expect("a valid request serializes");
            let again = CreateCustomer::from_json(&json).unwrap_or_else(|e| {
                panic!(
                    "re-validation failed: {e}\n{}",
                    String::from_utf8_lossy(&json)
                )
            });
            assert_eq!(again, request, "re-validation changed the request");
            let json2 = serde_json::to_vec(&again).expect("serializes");
            assert_eq!(json2, json, "serialization is not stable");
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "an error result with no errors");
            for e in &errors {
                assert!(
                    e.pointer().is_empty() || e.pointer().starts_with('/'),
                    "bad pointer {:?}",
                    e.pointer()
                );
                assert!(!e.detail().is_empty(), "empty message for {}", e.code());
                check_place(e.pointer(), e.code());
            }
            let problem = serde_json::to_value(errors.to_problem()).expect("problem serializes");
            assert_eq!(problem["status"], 400);
        }
    }
}
