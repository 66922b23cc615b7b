//! Any bytes as an `Authorization` value, an `Idempotency-Key` value, an API key and a
//! request body: no panic; a parsed key re-parses to itself and shows only its prefix and
//! last four characters; no 401/403 answer contains the presented token; a parsed
//! idempotency key reads back the same from its bare and quoted forms. The checks live in
//! `tests/support/guard_props.rs`, shared with the stable corpus replay in
//! `tests/guards.rs`.
#![no_main]

#[path = "../../tests/support/guard_props.rs"]
mod guard_props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| guard_props::check_guard_headers(data));
