//! Benchmarks for the billing (spec 002) and account (spec 003) profiles: one criterion
//! group per profile, the spec's request, a request that fails everywhere, and the
//! response's serialization.
//!
//! ```text
//! cargo bench --bench profiles
//! cargo bench --bench profiles -- billing   # one group
//! ```

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use customer_core::{
    Timestamp,
    account::{AccountCustomer, AccountCustomerId, CreateAccountCustomer},
    billing::{BillingCustomer, BillingCustomerId, CreateBillingCustomer},
};

const SPEC_002: &[u8] = br#"{
  "reference": "INV-2024-001",
  "name": "John Doe",
  "phone_number": "+27123456789",
  "currency": "ZAR",
  "balance": 2000,
  "metadata": {"customer_id": "cust_123456", "order_id": "ord_789012"}
}"#;

const BILLING_ALL_WRONG: &[u8] =
    br#"{"reference": "", "name": "\ud83d\ude80", "phone_number": "27",
  "currency": "zar", "balance": 20.5, "metadata": {"a[0]": 1}, "email": "x"}"#;

/// Spec 003's request, corrected (`TZ`, a 12-digit number).
const SPEC_003: &[u8] = br#"{
  "name": "Brighton Mboya",
  "email": "brighton@jani.com",
  "phone": "+255788123456",
  "address": {"city": "Dar es Salaam", "country": "TZ"},
  "payment_method": "card_01h3vjs3b16yc3f9q8q9pfrb79",
  "status": "active",
  "custom_data": {"loyalty_program": "Gold"}
}"#;

/// Spec 003's request as printed: two errors.
const SPEC_003_AS_PRINTED: &[u8] = br#"{
  "name": "Brighton Mboya",
  "email": "brighton@jani.com",
  "phone": "+2557881234567",
  "address": {"city": "Dar es Salaam", "country": "Tanzania"},
  "payment_method": "card_01h3vjs3b16yc3f9q8q9pfrb79",
  "status": "active",
  "custom_data": {"loyalty_program": "Gold"}
}"#;

fn billing(c: &mut Criterion) {
    let mut g = c.benchmark_group("billing");
    g.throughput(Throughput::Bytes(SPEC_002.len() as u64));
    g.bench_function("spec_002_request", |b| {
        b.iter(|| CreateBillingCustomer::from_json(black_box(SPEC_002)).is_ok())
    });
    g.bench_function("all_fields_wrong", |b| {
        b.iter(|| CreateBillingCustomer::from_json(black_box(BILLING_ALL_WRONG)).is_err())
    });
    let now = Timestamp::parse("2024-09-01T15:00:00Z").expect("time");
    g.bench_function("new_id", |b| {
        b.iter(|| BillingCustomerId::new(black_box(now), black_box([7; 10])))
    });
    let request = CreateBillingCustomer::from_json(SPEC_002).expect("valid");
    let id = BillingCustomerId::new(now, [7; 10]).expect("id");
    let customer = BillingCustomer::new(id, request, None, now);
    g.bench_function("serialize_response", |b| {
        b.iter(|| serde_json::to_vec(black_box(&customer)).map(|v| v.len()))
    });
    g.finish();
}

fn account(c: &mut Criterion) {
    let mut g = c.benchmark_group("account");
    g.throughput(Throughput::Bytes(SPEC_003.len() as u64));
    g.bench_function("spec_003_request_corrected", |b| {
        b.iter(|| CreateAccountCustomer::from_json(black_box(SPEC_003)).is_ok())
    });
    g.bench_function("spec_003_request_as_printed", |b| {
        b.iter(|| CreateAccountCustomer::from_json(black_box(SPEC_003_AS_PRINTED)).is_err())
    });
    let now = Timestamp::parse("2024-09-01T15:00:00.000Z").expect("time");
    g.bench_function("new_id", |b| {
        b.iter(|| AccountCustomerId::new(black_box(now), black_box([7; 10])))
    });
    g.bench_function("parse_id", |b| {
        b.iter(|| AccountCustomerId::parse(black_box("cus_01h3vjs3b16yc3f9q8q9pfrb80")))
    });
    let request = CreateAccountCustomer::from_json(SPEC_003).expect("valid");
    let id = AccountCustomerId::parse("cus_01h3vjs3b16yc3f9q8q9pfrb80").expect("id");
    let customer = AccountCustomer::new(id, request, now);
    g.bench_function("serialize_response", |b| {
        b.iter(|| serde_json::to_vec(black_box(&customer)).map(|v| v.len()))
    });
    g.finish();
}

criterion_group!(benches, billing, account);
criterion_main!(benches);
