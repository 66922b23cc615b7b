//! Any bytes as a billing (spec 002) create-customer body: no panic; a valid result
//! re-serializes and re-validates to itself byte for byte; a balance always has a
//! currency; errors are well-formed. The checks live in
//! `tests/support/profile_props.rs`, shared with the stable corpus replay in
//! `tests/create.rs`.
#![no_main]

#[path = "../../tests/support/profile_props.rs"]
#[allow(dead_code)]
mod profile_props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| profile_props::check_billing_customer(data));
