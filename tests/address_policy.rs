//! The strict address policy on whole requests: `tests/data/create_customer_strict.json`
//! (format in tests/data/README.md), and the default policy's answers unchanged.

#[path = "support/cases.rs"]
mod cases;

use cases::table;
use customer_core::{AddressPolicy, CreateCustomer, ReadOptions};

const STRICT: ReadOptions = ReadOptions::new().with_address(AddressPolicy::Strict);

#[test]
fn strict_cases() {
    let table = table("create_customer_strict.json");
    cases::run(&table["base"], &table["cases"], |b| {
        CreateCustomer::from_json_with(b, &STRICT)
            .map(|r| serde_json::to_value(r).expect("serialize"))
    });
}

/// Every case of the default table answers the same through `from_json_with` and the
/// default options.
#[test]
fn default_options_are_from_json() {
    let table = table("create_customer.json");
    cases::run(&table["base"], &table["cases"], |b| {
        let with = CreateCustomer::from_json_with(b, &ReadOptions::default());
        assert_eq!(with, CreateCustomer::from_json(b));
        with.map(|r| serde_json::to_value(r).expect("serialize"))
    });
}
