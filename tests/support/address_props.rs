//! The properties of the strict address policy that the `address_strict` fuzz target
//! checks on any bytes, and `tests/fuzz_replay.rs` on the committed corpus.

use customer_core::address::{CountryRules, PostalCodeStatus};
use customer_core::{AddressPolicy, Country, CreateCustomer, ReadOptions};

/// The options the target reads bodies with.
pub const STRICT: ReadOptions = ReadOptions::new().with_address(AddressPolicy::Strict);

/// The address codes the strict policy adds.
const CODES: [&str; 5] = [
    "postal_code_required",
    "invalid_postal_code",
    "state_required",
    "unknown_state",
    "postal_code_state_mismatch",
];

/// `data` as a create-customer body under the strict policy: no panic; a valid request
/// is normalized (re-serialized, it reads back under the strict policy as itself, and the
/// default policy accepts the body too); every strict fault is at `state` or `zip_code`.
/// Then the bytes after the first two as a postal code and a state of the country those
/// two name: the as-you-type status and the normalization agree, and normalization is
/// idempotent.
pub fn check_address_strict(data: &[u8]) {
    match CreateCustomer::from_json_with(data, &STRICT) {
        Ok(request) => {
            let json = serde_json::to_vec(&request).expect("serialize");
            let again = CreateCustomer::from_json_with(&json, &STRICT)
                .expect("a normalized request re-validates");
            assert_eq!(again, request);
            let address = request.billing_address();
            assert_eq!(address.check(AddressPolicy::Strict).as_ref(), Ok(address));
            assert!(!address.format_lines().is_empty());
            assert!(CreateCustomer::from_json(data).is_ok());
        }
        Err(errors) => {
            for e in errors.iter() {
                assert!(!e.detail().is_empty());
                if CODES.contains(&e.code().as_str()) {
                    assert!(
                        e.pointer() == "/billing_address/state"
                            || e.pointer() == "/billing_address/zip_code",
                        "{e}"
                    );
                }
            }
        }
    }
    let (Some(code), Some(rest)) = (data.get(..2), data.get(2..)) else {
        return;
    };
    let code: String = code.iter().map(|b| char::from(b'A' + b % 26)).collect();
    let Some(rules) = Country::parse(&code).ok().and_then(CountryRules::of) else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let normal = rules.normalize_postal_code(&text);
    match rules.postal_code_status(&text) {
        PostalCodeStatus::Valid => assert!(normal.is_some(), "{text:?}"),
        PostalCodeStatus::Unchecked => {}
        _ => assert!(normal.is_none(), "{text:?}"),
    }
    if let Some(n) = &normal {
        assert_eq!(rules.normalize_postal_code(n).as_ref(), Some(n));
    }
    if let Some(s) = rules.subdivision(&text) {
        assert_eq!(rules.subdivision(s.code()), Some(s));
        assert_eq!(s.country(), rules.country());
    }
}
