//! Any bytes as an email address, under both policies: no panic; the stored form, the
//! `xn--` spelling and the uniqueness key are fixed points. The checks live in
//! `tests/support/email_props.rs`, shared with the stable corpus replay in
//! `tests/create.rs`.
#![no_main]

#[path = "../../tests/support/email_props.rs"]
mod email_props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| email_props::check_email(data));
