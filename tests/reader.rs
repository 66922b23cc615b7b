//! Request reading: regressions of the one-pass reader's document-level rules, through the
//! public API of each profile.

use customer_core::account::CreateAccountCustomer;
use customer_core::billing::{BillingCustomerPatch, CreateBillingCustomer};
use customer_core::{CreateCustomer, ValidationErrors};

fn listed(errors: &ValidationErrors) -> Vec<(&str, &str, &str)> {
    errors
        .iter()
        .map(|e| (e.pointer(), e.code().as_str(), e.detail()))
        .collect()
}

/// RFC 8259: `-0` has no fraction and no exponent, so it is an integer; serde_json hands it
/// over as the float -0.0, which the balance rule refused as `not_an_integer`.
#[test]
fn a_balance_of_minus_zero_is_zero() {
    let body = |balance: &str| {
        format!(r#"{{"name": "Ada Obi", "currency": "ZAR", "balance": {balance}}}"#)
    };
    let request = CreateBillingCustomer::from_json(body("-0").as_bytes()).unwrap();
    assert_eq!(request.balance(), Some(0));
    let request = CreateBillingCustomer::from_json(body(" -0 ").as_bytes()).unwrap();
    assert_eq!(request.balance(), Some(0));
    for float in ["-0.0", "0.0", "-0e0", "0E1"] {
        let errors = CreateBillingCustomer::from_json(body(float).as_bytes()).unwrap_err();
        assert_eq!(
            listed(&errors)
                .iter()
                .map(|(p, c, _)| (*p, *c))
                .collect::<Vec<_>>(),
            [("/balance", "not_an_integer")],
            "{float}"
        );
    }
    // The same in a patch.
    assert!(BillingCustomerPatch::from_json(br#"{"balance": -0}"#).is_ok());
    let errors = BillingCustomerPatch::from_json(br#"{"balance": -0.0}"#).unwrap_err();
    assert_eq!(listed(&errors)[0].1, "not_an_integer");
}

/// Spec 003's request with `"loyalty_program": 1e400` on line 12: `custom_data` is read
/// from its own text, whose parse counted lines from the member's start ("line 2
/// column 28"); the position is the body's.
#[test]
fn an_error_inside_custom_data_is_placed_in_the_body() {
    let body = r#"{
  "name": "Brighton Mboya",
  "email": "brighton@jani.com",
  "phone": "+2557881234567",
  "address": {
    "city": "Dar es Salaam",
    "country": "Tanzania"
  },
  "payment_method": "card_01h3vjs3b16yc3f9q8q9pfrb79",
  "status": "active",
  "custom_data": {
    "loyalty_program": 1e400
  }
}"#;
    let errors = CreateAccountCustomer::from_json(body.as_bytes()).unwrap_err();
    let found = listed(&errors);
    assert_eq!(found.len(), 1);
    let (pointer, code, detail) = found[0];
    assert_eq!((pointer, code), ("", "invalid_json"));
    assert!(
        detail.ends_with("number out of range at line 12 column 28"),
        "{detail}"
    );
}

/// The error table: nesting too deep is `invalid_json`. Arrays were skipped without the
/// nesting limit, so a 10,000-deep array where a string belongs was that member's
/// `invalid_type`; objects and arrays now count alike, in any member, known or not.
#[test]
fn a_deep_array_is_invalid_json() {
    for member in ["first_name", "nickname"] {
        let depth = 10_000;
        let body = format!(
            r#"{{"{member}": {}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let errors = CreateCustomer::from_json(body.as_bytes()).unwrap_err();
        let found = listed(&errors);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), ("", "invalid_json"));
        assert!(
            found[0].2.contains("recursion limit exceeded"),
            "{}",
            found[0].2
        );
    }
    // Shallow arrays are still a wrong type, or an unknown member.
    let errors =
        CreateCustomer::from_json(br#"{"first_name": [[["a"]]], "x": [[1]]}"#).unwrap_err();
    let found = listed(&errors);
    assert_eq!((found[0].0, found[0].1), ("/x", "unknown_field"));
    assert_eq!((found[1].0, found[1].1), ("/first_name", "invalid_type"));
}
