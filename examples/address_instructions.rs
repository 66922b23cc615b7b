//! Spec 000's billing address checked `N` times under one policy, for instruction counts
//! (the machine is shared, so benches/README.md quotes callgrind's counts beside
//! criterion's times):
//!
//! ```text
//! cargo build --release --example address_instructions
//! valgrind --tool=callgrind target/release/examples/address_instructions strict 10000
//! valgrind --tool=callgrind target/release/examples/address_instructions lenient 10000
//! valgrind --tool=callgrind target/release/examples/address_instructions none 10000
//! ```
//!
//! `(strict - none) / N` is a strict check; `(lenient - none) / N` the check's own cost
//! (a clone of the address) without the country's rules.

use std::hint::black_box;

use customer_core::{AddressPolicy, BillingAddress};

fn main() {
    let mut args = std::env::args().skip(1);
    let policy = args.next().unwrap_or_else(|| "strict".to_owned());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let address: BillingAddress = serde_json::from_str(
        r#"{"line1":"123 Test Lane","line2":"Suite 456","city":"Lagos","state":"Lagos",
            "zip_code":"100001","country":"NG"}"#,
    )
    .expect("spec 000's address");
    let mut ok = 0usize;
    for _ in 0..n {
        let checked = match policy.as_str() {
            "strict" => black_box(&address).check(AddressPolicy::Strict).is_ok(),
            "lenient" => black_box(&address).check(AddressPolicy::Lenient).is_ok(),
            _ => black_box(true),
        };
        ok += usize::from(checked);
    }
    println!("{policy}: {ok} of {n} valid");
}
