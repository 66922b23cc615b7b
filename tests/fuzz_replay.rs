//! Replays the committed fuzz corpora on stable Rust through the same property checks the
//! fuzz targets run, so `cargo test` guards every saved input (seeds and past crashes).
//! Some targets' corpora are checked beside their other tests instead (the update
//! targets' in `tests/update.rs`).

#[path = "support/cases.rs"]
mod cases;
#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/props.rs"]
mod props;

#[path = "support/email_props.rs"]
mod email_props;

#[test]
fn create_customer_corpus() {
    corpus::replay("create_customer", 10, props::check_create_customer);
}

/// The `create_customer` seeds are the bodies of `tests/data/create_customer.json`'s
/// cases (one table feeds the tests and the fuzzer).
#[test]
fn create_customer_corpus_is_generated_from_the_table() {
    let table = cases::table("create_customer.json");
    corpus::check_cases(
        "create_customer",
        table["cases"].as_array().expect("cases"),
        |case| cases::body(&table["base"], case),
    );
}

#[test]
fn email_corpus() {
    corpus::replay("email", 10, email_props::check_email);
}

#[path = "support/address_props.rs"]
mod address_props;

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
