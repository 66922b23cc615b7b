//! Replays the committed fuzz corpora on stable Rust through the same property checks the
//! fuzz targets run, so `cargo test` guards every saved input (seeds and past crashes).
//! Some targets' corpora are checked beside their other tests instead (the update
//! targets' in `tests/update.rs`).

mod support;

use support::{cases, corpus, email_props, props};

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
