//! Any bytes as a create-customer body: no panic; a valid result re-serializes and
//! re-validates to itself; errors are well-formed. The checks live in
//! `tests/support/props.rs`, shared with the stable corpus replay.
#![no_main]

#[path = "../../tests/support/props.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| props::check_create_customer(data));
