//! Property tests: generated valid customers (the exported `customer_core::strategy`, one
//! generator for users and for us) validate and round-trip; every normaliser is
//! idempotent; no input in any field makes anything panic.

#[path = "support/props.rs"]
mod props;

use customer_core::{
    AddressText, Country, CreateCustomer, CustomerId, Email, PersonName, PhoneNumber, Timestamp,
    strategy,
};
use proptest::prelude::*;
use serde_json::{Value, json};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_valid_requests_validate_and_round_trip(request in strategy::create_customer()) {
        let bytes = serde_json::to_vec(&request).unwrap();
        let parsed = CreateCustomer::from_json(&bytes);
        prop_assert!(parsed.is_ok(), "{request:?}: {}", parsed.unwrap_err());
        prop_assert_eq!(parsed.unwrap(), request);
        props::check_create_customer(&bytes);
    }

    #[test]
    fn normalisers_are_idempotent(s in prop_oneof![any::<String>(), "\\PC{0,40}", "[a-zé\u{300}-\u{36F} '’‐-]{0,30}", "[ +0-9]{0,18}", "[A-Za-z]{0,4}"]) {
        if let Ok(v) = PersonName::parse(&s) { prop_assert_eq!(PersonName::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = Email::parse(&s) { prop_assert_eq!(Email::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = AddressText::parse(&s) { prop_assert_eq!(AddressText::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = Country::parse(&s) { prop_assert_eq!(Country::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = PhoneNumber::parse(&s) { prop_assert_eq!(PhoneNumber::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = Timestamp::parse(&s) { prop_assert_eq!(Timestamp::parse(&v.to_string()).unwrap(), v); }
        if let Ok(v) = CustomerId::parse(&s) { prop_assert_eq!(CustomerId::parse(&v.to_string()).unwrap(), v); }
    }

    #[test]
    fn names_with_marks_follow_the_rule(s in "[a-zé\u{300}-\u{36F} '’-]{1,30}") {
        // Whatever is accepted has a letter and no mark right after a separator.
        if let Ok(v) = PersonName::parse(&s) {
            prop_assert!(v.as_str().chars().any(char::is_alphabetic));
            let starts_with_mark = v.as_str().starts_with(|c: char| ('\u{300}'..='\u{36F}').contains(&c));
            prop_assert!(!starts_with_mark);
        }
    }

    #[test]
    fn any_string_in_any_field_never_panics(s in any::<String>(), field in 0usize..11) {
        let mut body = json!({
            "first_name": "John", "last_name": "Doe", "email": "john@example.com",
            "phone_number": "+2348012345678",
            "billing_address": {"line1": "1 A St", "line2": null, "city": "Lagos",
                "state": null, "zip_code": null, "country": "NG"}
        });
        let pointer = ["/first_name", "/last_name", "/email", "/phone_number",
            "/billing_address/line1", "/billing_address/line2", "/billing_address/city",
            "/billing_address/state", "/billing_address/zip_code", "/billing_address/country",
            "/billing_address"][field];
        *body.pointer_mut(pointer).unwrap() = Value::String(s);
        props::check_create_customer(&serde_json::to_vec(&body).unwrap());
    }

    #[test]
    fn any_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        props::check_create_customer(&data);
    }
}
