//! Any bytes as (stored customer, `now`, patch body) for Juice's customer: no panic;
//! `from_json` + `apply` and `merge_patch` agree; a valid patch re-serializes to itself;
//! an update keeps the id and `created_at`, sets `updated_at`, is a valid customer, is
//! what the diff re-applies, and is idempotent. The checks live in
//! `tests/support/update_props.rs` (generic over the profile, shared with the
//! `profile_update` target and the stable corpus replay in `tests/update.rs`).
#![no_main]

#[path = "../../tests/support/update_props.rs"]
mod update_props;

use update_props::{Juice, Profile};

libfuzzer_sys::fuzz_target!(|data: &[u8]| Juice::check_input(data));
