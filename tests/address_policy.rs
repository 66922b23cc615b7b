//! The strict address policy on whole requests: `tests/data/create_customer_strict.json`
//! (format in tests/data/README.md), the default policy's answers unchanged, and the
//! replay of the `address_strict` fuzz corpus through the target's own checks.

mod support;

use customer_core::{AddressPolicy, CreateCustomer, ReadOptions};
use support::{address_props, cases, corpus};

const STRICT: ReadOptions = ReadOptions::new().with_address(AddressPolicy::Strict);

#[test]
fn strict_cases() {
    let table = cases::table("create_customer_strict.json");
    cases::run(&table["base"], &table["cases"], |b| {
        CreateCustomer::from_json_with(b, &STRICT)
            .map(|r| serde_json::to_value(r).expect("serialize"))
    });
}

/// Every case of the default table answers the same through `from_json_with` and the
/// default options.
#[test]
fn default_options_are_from_json() {
    let table = cases::table("create_customer.json");
    cases::run(&table["base"], &table["cases"], |b| {
        let with = CreateCustomer::from_json_with(b, &ReadOptions::default());
        assert_eq!(with, CreateCustomer::from_json(b));
        with.map(|r| serde_json::to_value(r).expect("serialize"))
    });
}

#[test]
fn address_strict_corpus() {
    corpus::replay("address_strict", 10, address_props::check_address_strict);
}

/// The `address_strict` seeds are the bodies of `tests/data/create_customer_strict.json`'s
/// cases.
#[test]
fn address_strict_corpus_is_generated_from_the_table() {
    let table = cases::table("create_customer_strict.json");
    corpus::check_cases(
        "address_strict",
        table["cases"].as_array().expect("cases"),
        |case| cases::body(&table["base"], case),
    );
}
