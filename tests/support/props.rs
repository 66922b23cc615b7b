//! Property checks shared by the fuzz targets (`fuzz/fuzz_targets/*.rs` include this file
//! with `#[path]`) and the stable corpus replay (`tests/fuzz_replay.rs`). Each check
//! panics (an assertion) only when the library breaks a property.

use customer_core::{CreateCustomer, ErrorCode};

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
                assert!(ErrorCode::ALL.contains(&e.code()));
            }
            let problem = serde_json::to_value(errors.to_problem()).expect("problem serializes");
            assert_eq!(problem["status"], 400);
        }
    }
}
