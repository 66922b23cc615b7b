//! Property checks for the billing (spec 002) and account (spec 003) request bodies,
//! shared by the fuzz targets (`fuzz/fuzz_targets/{billing,account}_customer.rs` include
//! this file with `#[path]`), the stable corpus replay (`tests/create.rs`) and
//! the proptests. Each check panics (an assertion) only when the library breaks a
//! property.

use customer_core::{
    ErrorCode, ValidationErrors, account::CreateAccountCustomer, billing::CreateBillingCustomer,
};

/// Errors are well-formed: at least one, pointers absolute or empty, messages non-empty,
/// known codes, a 400 problem body.
fn check_errors(errors: &ValidationErrors) {
    assert!(!errors.is_empty(), "an error result with no errors");
    for e in errors {
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

/// Any bytes as a billing body: no panic; a valid request re-serializes and re-validates
/// to itself, byte for byte; a balance always comes with a currency.
pub fn check_billing_customer(data: &[u8]) {
    match CreateBillingCustomer::from_json(data) {
        Ok(request) => {
            assert!(request.balance().is_none() || request.currency().is_some());
            let json = serde_json::to_vec(&request).expect("a valid request serializes");
            let again = CreateBillingCustomer::from_json(&json).unwrap_or_else(|e| {
                panic!(
                    "re-validation failed: {e}\n{}",
                    String::from_utf8_lossy(&json)
                )
            });
            assert_eq!(again, request, "re-validation changed the request");
            let json2 = serde_json::to_vec(&again).expect("serializes");
            assert_eq!(json2, json, "serialization is not stable");
        }
        Err(errors) => check_errors(&errors),
    }
}

/// Any bytes as an account body: no panic; a valid request re-serializes and
/// re-validates to itself, byte for byte, `custom_data` text included; a phone is valid
/// for the address country.
pub fn check_account_customer(data: &[u8]) {
    match CreateAccountCustomer::from_json(data) {
        Ok(request) => {
            if let (Some(phone), Some(address)) = (request.phone(), request.address()) {
                assert!(phone.is_valid_for(address.country()));
            }
            let json = serde_json::to_vec(&request).expect("a valid request serializes");
            let again = CreateAccountCustomer::from_json(&json).unwrap_or_else(|e| {
                panic!(
                    "re-validation failed: {e}\n{}",
                    String::from_utf8_lossy(&json)
                )
            });
            assert_eq!(again, request, "re-validation changed the request");
            assert_eq!(
                again.custom_data().map(|c| c.as_str()),
                request.custom_data().map(|c| c.as_str())
            );
            let json2 = serde_json::to_vec(&again).expect("serializes");
            assert_eq!(json2, json, "serialization is not stable");
        }
        Err(errors) => check_errors(&errors),
    }
}
