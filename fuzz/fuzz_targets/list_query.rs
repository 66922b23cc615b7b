//! Any bytes as a list query string, as a cursor, and as the seed of a genuine cursor: no
//! panic; a verified cursor re-encodes to the same string; a genuine cursor survives no
//! single-bit flip, no other key and no other query. The checks live in
//! `tests/support/list_props.rs`, shared with the stable corpus replay in
//! `tests/listing.rs`.
#![no_main]

#[path = "../../tests/support/list_props.rs"]
mod list_props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| list_props::check_list_query(data));
