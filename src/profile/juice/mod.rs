//! Juice's Customers API (specs 000 and 001): the create-customer request and the
//! customer object, read with every error at once.
//!
//! A request body is read in one pass: its members are sorted into the schema's slots as
//! their names are read (unknown and duplicate fields reported, their values skipped), each
//! field is checked by its own rule, and the cross-field rule (the phone number must be
//! valid for the billing country) runs when both sides parsed.
//!
//! - `create`: [`CreateCustomer`], the `POST /customers` body;
//! - `customer`: [`Customer`], the object the API returns, and [`Data`], its envelope;
//! - `update`: [`CustomerPatch`], the `PATCH /customers/{id}` body (JSON Merge Patch),
//!   applied to a stored customer and checked as a whole.

mod create;
mod customer;
mod update;

pub use create::CreateCustomer;
pub use customer::{Customer, Data};
pub use update::CustomerPatch;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::field::id::CustomerId;
    use crate::field::timestamp::Timestamp;

    const SPEC_000: &str = r#"{
      "first_name": "John",
      "last_name": "Doe",
      "email": "john.doe@example.com",
      "phone_number": "+2348012345678",
      "billing_address": {
        "line1": "123 Test Lane",
        "line2": "Suite 456",
        "city": "Lagos",
        "state": "Lagos",
        "zip_code": "100001",
        "country": "NG"
      }
    }"#;

    fn codes(body: &str) -> Vec<(String, &'static str)> {
        CreateCustomer::from_json(body.as_bytes())
            .unwrap_err()
            .iter()
            .map(|e| (e.pointer().to_owned(), e.code().as_str()))
            .collect()
    }

    #[test]
    fn spec_000_example_is_valid_and_round_trips() {
        let request = CreateCustomer::from_json(SPEC_000.as_bytes()).unwrap();
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(CreateCustomer::from_json(json.as_bytes()).unwrap(), request);
        let expected: serde_json::Value = serde_json::from_str(SPEC_000).unwrap();
        assert_eq!(serde_json::to_value(&request).unwrap(), expected);
    }

    #[test]
    fn spec_001_first_customer_is_a_mismatch() {
        let body = SPEC_000.replace("\"NG\"", "\"US\"");
        let errors = CreateCustomer::from_json(body.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        let e = errors.iter().next().unwrap();
        assert_eq!(
            (e.pointer(), e.code()),
            ("/phone_number", ErrorCode::PhoneCountryMismatch)
        );
        assert!(
            e.detail().contains("Nigeria (NG)") && e.detail().contains("(US)"),
            "{}",
            e.detail()
        );
    }

    #[test]
    fn every_error_at_once() {
        let body = r#"{"first_name":"J0hn","last_name":null,"email":"nope","phone_number":"+234 80",
            "billing_address":{"line1":"","city":5,"zipcode":"1","country":"Tanzania"},"nickname":"x"}"#;
        assert_eq!(
            codes(body),
            [
                ("/nickname".into(), "unknown_field"),
                ("/first_name".into(), "invalid_characters"),
                ("/last_name".into(), "required"),
                ("/email".into(), "invalid_email"),
                ("/phone_number".into(), "invalid_phone_format"),
                ("/billing_address/zipcode".into(), "unknown_field"),
                ("/billing_address/line1".into(), "required"),
                ("/billing_address/city".into(), "invalid_type"),
                ("/billing_address/country".into(), "invalid_country"),
            ]
        );
    }

    #[test]
    fn unknown_field_hint_and_duplicates() {
        let body = SPEC_000.replace("\"zip_code\"", "\"zipCode\"");
        let errors = CreateCustomer::from_json(body.as_bytes()).unwrap_err();
        let e = errors.iter().next().unwrap();
        assert_eq!(
            e.detail(),
            "`zipCode` is not a known field; did you mean `zip_code`?"
        );
        let dup = SPEC_000.replace(
            "\"first_name\": \"John\",",
            "\"first_name\": \"John\", \"first_name\": \"Jon\",",
        );
        assert_eq!(codes(&dup), [("/first_name".into(), "duplicate_field")]);
    }

    #[test]
    fn document_level_errors() {
        assert_eq!(codes("[]"), [("".into(), "invalid_type")]);
        assert_eq!(codes("{"), [("".into(), "invalid_json")]);
        assert_eq!(
            codes("\u{feff}{}").first().map(|c| c.1),
            Some("invalid_json")
        );
        let big = format!(
            "{{\"first_name\":\"{}\"}}",
            "a".repeat(crate::limits::MAX_BODY_BYTES)
        );
        assert_eq!(codes(&big), [("".into(), "payload_too_large")]);
        assert_eq!(
            codes(r#"{"billing_address": "NG"}"#).last().cloned(),
            Some(("/billing_address".into(), "invalid_type"))
        );
    }

    #[test]
    fn customer_serializes_like_spec_001() {
        let request = CreateCustomer::from_json(SPEC_000.as_bytes()).unwrap();
        let id = CustomerId::parse("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8").unwrap();
        let now = Timestamp::parse("2024-03-01T12:00:00Z").unwrap();
        let customer = Customer::new(id, request, now);
        let json = serde_json::to_string(&customer).unwrap();
        assert!(
            json.starts_with(r#"{"id":"6f7e1e7f-93d1-4fcc-b7a4-738f869615c8","first_name":"John""#),
            "{json}"
        );
        assert!(
            json.ends_with(
                r#""created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-01T12:00:00Z"}"#
            ),
            "{json}"
        );
        let back: Customer = serde_json::from_str(&json).unwrap();
        assert_eq!(back, customer);
        let mismatched = json.replace("\"NG\"", "\"US\"");
        assert!(serde_json::from_str::<Customer>(&mismatched).is_err());
        let backwards = json.replace("\"updated_at\":\"2024-03-01", "\"updated_at\":\"2023-03-01");
        assert!(serde_json::from_str::<Customer>(&backwards).is_err());
    }
}
