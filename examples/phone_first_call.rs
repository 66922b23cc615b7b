//! The cost of the first phone validation in a fresh process (no warm-up, no cache).
//!
//! ```text
//! cargo run --release --example phone_first_call            # customer-core
//! cargo run --release --example phone_first_call phonenumber # the phonenumber crate
//! ```

use std::time::Instant;

fn main() {
    let which = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "customer-core".to_owned());
    let number = "+2348012345678";
    let start = Instant::now();
    let valid = if which == "phonenumber" {
        phonenumber::parse(None, number).is_ok_and(|p| p.is_valid())
    } else {
        customer_core::PhoneNumber::parse(number).is_ok()
    };
    let first = start.elapsed();
    let start = Instant::now();
    let again = if which == "phonenumber" {
        phonenumber::parse(None, "+447911123456").is_ok_and(|p| p.is_valid())
    } else {
        customer_core::PhoneNumber::parse("+447911123456").is_ok()
    };
    let second = start.elapsed();
    assert!(valid && again);
    println!("{which}: first call {first:?}, second call (another region) {second:?}");
}
