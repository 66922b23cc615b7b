//! The integration tests' harness, one module that every test binary declares with
//! `mod support;`:
//!
//! - `cases`: the case tables of `tests/data/` (format in tests/data/README.md) and the
//!   bodies they describe;
//! - `corpus`: the fuzz seed corpora, generated from the tables and replayed;
//! - `*_props`: the property checks the fuzz targets run (each file is also included by
//!   its fuzz target in `fuzz/fuzz_targets/`), one per target;
//! - `json`: the one strategy of arbitrary JSON values;
//! - [`assert_errors`]: errors compared as `(pointer, code)` lists.

#![allow(dead_code)] // each test binary uses the part it needs

pub mod address_props;
pub mod cases;
pub mod corpus;
pub mod email_props;
pub mod guard_props;
pub mod json;
pub mod list_props;
pub mod profile_props;
pub mod props;
pub mod update_props;

pub use cases::pointers_and_codes;
use customer_core::ValidationErrors;

/// Asserts that `errors` are exactly `expected`, as `(pointer, code)` pairs in order.
#[track_caller]
pub fn assert_errors(errors: &ValidationErrors, expected: &[(&str, &str)]) {
    let got = pointers_and_codes(errors);
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(
        got, want,
        "errors (pointer, code), with details: {errors:?}"
    );
}
