//! The strict address policy: spec 000's address checked under both policies side by side
//! (the difference is what the country's rules cost), and its parts (postal-code status
//! and normalization, subdivision lookup) on a rotating set of every country's examples.
//!
//! `cargo bench --bench address`. Figures: `benches/README.md`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use customer_core::address::CountryRules;
use customer_core::{AddressPolicy, BillingAddress, Country, CreateCustomer, ReadOptions};

/// Spec 000's billing address.
fn spec_000() -> BillingAddress {
    serde_json::from_str(
        r#"{"line1":"123 Test Lane","line2":"Suite 456","city":"Lagos","state":"Lagos",
            "zip_code":"100001","country":"NG"}"#,
    )
    .expect("spec 000's address")
}

const SPEC_000_BODY: &[u8] = br#"{"first_name":"John","last_name":"Doe",
  "email":"john.doe@example.com","phone_number":"+2348012345678",
  "billing_address":{"line1":"123 Test Lane","line2":"Suite 456","city":"Lagos",
  "state":"Lagos","zip_code":"100001","country":"NG"}}"#;

/// Every country's first example postal code and first subdivision's name.
fn rotating_set() -> Vec<(CountryRules, String, Option<String>)> {
    let mut out = vec![];
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let code = String::from_utf8(vec![a, b]).expect("ASCII");
            let Some(rules) = Country::parse(&code).ok().and_then(CountryRules::of) else {
                continue;
            };
            let Some(example) = rules.postal_code_examples().next() else {
                continue;
            };
            let state = rules.subdivisions().next().map(|s| s.name().to_lowercase());
            out.push((rules, example.to_lowercase(), state));
        }
    }
    assert!(out.len() > 100, "{} countries with examples", out.len());
    out
}

fn bench(c: &mut Criterion) {
    let address = spec_000();
    assert_eq!(
        address
            .check(AddressPolicy::Strict)
            .expect("valid")
            .state()
            .map(|s| s.as_str()),
        Some("LA")
    );
    let mut g = c.benchmark_group("address");
    g.bench_function("check spec 000 lenient (clone)", |b| {
        b.iter(|| black_box(&address).check(AddressPolicy::Lenient))
    });
    g.bench_function("check spec 000 strict", |b| {
        b.iter(|| black_box(&address).check(AddressPolicy::Strict))
    });
    let lenient = ReadOptions::new();
    let strict = ReadOptions::new().with_address(AddressPolicy::Strict);
    g.bench_function("spec 000 request lenient", |b| {
        b.iter(|| CreateCustomer::from_json_with(black_box(SPEC_000_BODY), &lenient))
    });
    g.bench_function("spec 000 request strict", |b| {
        b.iter(|| CreateCustomer::from_json_with(black_box(SPEC_000_BODY), &strict))
    });
    let set = rotating_set();
    let mut i = 0usize;
    g.bench_function("postal code status, rotating countries", |b| {
        b.iter(|| {
            i = (i + 1) % set.len();
            let (rules, zip, _) = &set[i];
            rules.postal_code_status(black_box(zip))
        })
    });
    g.bench_function("postal code normalize, rotating countries", |b| {
        b.iter(|| {
            i = (i + 1) % set.len();
            let (rules, zip, _) = &set[i];
            rules.normalize_postal_code(black_box(zip))
        })
    });
    g.bench_function("subdivision by name, rotating countries", |b| {
        b.iter(|| {
            i = (i + 1) % set.len();
            let (rules, _, state) = &set[i];
            state
                .as_deref()
                .and_then(|s| rules.subdivision(black_box(s)))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
