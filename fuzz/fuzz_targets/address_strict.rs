//! Any bytes as a create-customer body under the strict address policy, and as a postal
//! code and a state of a country: no panic; a valid request is normalized (it re-validates
//! to itself); faults point at `state` or `zip_code`; the as-you-type status agrees with
//! normalization, which is idempotent. The checks live in
//! `tests/support/address_props.rs`, shared with the stable corpus replay in
//! `tests/address_policy.rs`.
#![no_main]

#[path = "../../tests/support/address_props.rs"]
mod address_props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| address_props::check_address_strict(data));
