//! Any bytes as (profile, stored customer, `now`, patch body) for the billing (spec 002)
//! and account (spec 003) customers: no panic; `from_json` + `apply` and `merge_patch`
//! agree; a valid patch re-serializes to itself; an update keeps the id and
//! `created_at`, sets `updated_at`, is a valid customer, is what the diff re-applies, and
//! is idempotent. The checks live in `tests/support/update_props.rs` (generic over the
//! profile, shared with the `update_customer` target and the stable corpus replay in
//! `tests/update.rs`).
#![no_main]

#[path = "../../tests/support/update_props.rs"]
mod update_props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| update_props::check_profile_update(data));
