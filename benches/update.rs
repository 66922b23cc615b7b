//! Benchmarks of updates: reading a merge patch, applying it (merge and the
//! whole-record check), both at once, the diff, the version (ETag) and a hostile patch;
//! groups `update` (Juice's customer), `update_billing` and `update_account`.
//!
//! ```text
//! cargo bench --bench update
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use customer_core::{
    Customer, CustomerPatch, Precondition, Timestamp,
    account::{AccountCustomer, AccountCustomerPatch},
    billing::{BillingCustomer, BillingCustomerPatch},
};

const STORED: &[u8] = br#"{"id": "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8",
  "first_name": "Ada", "last_name": "Obi", "email": "ada@example.com",
  "phone_number": "+2348012345678",
  "billing_address": {"line1": "1 Marina", "line2": "Flat 2", "city": "Lagos",
                      "state": "LA", "zip_code": "100001", "country": "NG"},
  "created_at": "2024-03-01T12:00:00Z", "updated_at": "2024-03-05T08:00:00Z"}"#;

/// The Lagos → Nairobi move of docs/updates.md.
const MOVE: &[u8] = br#"{"phone_number": "+254712123456",
  "billing_address": {"line1": "14 Riverside Drive", "line2": null, "city": "Nairobi",
                      "state": null, "zip_code": "00100", "country": "KE"}}"#;

fn bench_update(c: &mut Criterion) {
    let stored = Customer::from_json(STORED).expect("valid");
    let now = Timestamp::parse("2024-04-01T09:30:00Z").expect("now");
    let patch = CustomerPatch::from_json(MOVE).expect("valid");
    let moved = patch.apply(&stored, now).expect("valid");
    let etag = stored.version().to_string();
    // 60 KiB of unknown members: bounded by MAX_ERRORS, counted past it.
    let hostile: String = format!(
        "{{{}\"email\":\"x\"}}",
        (0..4000)
            .map(|i| format!("\"k{i}\":0,"))
            .collect::<String>()
    );

    let mut g = c.benchmark_group("update");
    g.bench_function("from_json_move", |b| {
        b.iter(|| CustomerPatch::from_json(black_box(MOVE)))
    });
    g.bench_function("apply_move", |b| {
        b.iter(|| black_box(&patch).apply(black_box(&stored), now))
    });
    g.bench_function("merge_patch_move", |b| {
        b.iter(|| black_box(&stored).merge_patch(black_box(MOVE), now))
    });
    g.bench_function("merge_patch_country_mismatch", |b| {
        let body = br#"{"billing_address": {"country": "KE"}}"#;
        b.iter(|| black_box(&stored).merge_patch(black_box(body), now))
    });
    g.bench_function("merge_patch_empty", |b| {
        b.iter(|| black_box(&stored).merge_patch(black_box(b"{}"), now))
    });
    g.bench_function("diff", |b| {
        b.iter(|| CustomerPatch::diff(black_box(&stored), black_box(&moved)))
    });
    g.bench_function("version", |b| b.iter(|| black_box(&stored).version()));
    g.bench_function("if_match_and_check", |b| {
        b.iter(|| {
            Precondition::if_match(black_box(&etag))
                .expect("valid")
                .check(black_box(&stored))
        })
    });
    g.bench_function("hostile_4000_unknown_fields", |b| {
        b.iter(|| black_box(&stored).merge_patch(black_box(hostile.as_bytes()), now))
    });
    g.finish();
}

/// Spec 002's customer, its balance and metadata.
const BILLING: &[u8] = br#"{"id": "bcus_H4jp6KnU5cPw263v1jyz4", "reference": "INV-2024-001",
  "name": "John Doe", "phone_number": "+27123456789", "currency": "ZAR", "balance": 2000,
  "payment_rules": {"max_amount": 100000},
  "metadata": {"customer_id": "cust_123456", "order_id": "ord_789012"},
  "created_at": "2024-09-01T15:00:00Z", "updated_at": "2024-09-05T08:00:00Z"}"#;

/// A new balance, a metadata key deleted and one set.
const BILLING_PATCH: &[u8] =
    br#"{"balance": -500, "metadata": {"order_id": null, "tier": "gold"}}"#;

fn bench_billing_update(c: &mut Criterion) {
    let stored = BillingCustomer::from_json(BILLING).expect("valid");
    let now = Timestamp::parse("2024-10-01T09:30:00Z").expect("now");
    let patch = BillingCustomerPatch::from_json(BILLING_PATCH).expect("valid");
    let updated = patch.apply(&stored, now).expect("valid");
    let mut g = c.benchmark_group("update_billing");
    g.bench_function("from_json", |b| {
        b.iter(|| BillingCustomerPatch::from_json(black_box(BILLING_PATCH)))
    });
    g.bench_function("apply", |b| {
        b.iter(|| black_box(&patch).apply(black_box(&stored), now))
    });
    g.bench_function("merge_patch", |b| {
        b.iter(|| black_box(&stored).merge_patch(black_box(BILLING_PATCH), now))
    });
    g.bench_function("merge_patch_currency_cleared", |b| {
        let body = br#"{"currency": null}"#;
        b.iter(|| black_box(&stored).merge_patch(black_box(body), now))
    });
    g.bench_function("diff", |b| {
        b.iter(|| BillingCustomerPatch::diff(black_box(&stored), black_box(&updated)))
    });
    g.finish();
}

/// Spec 003's customer (corrected), with custom data.
const ACCOUNT: &[u8] = br#"{"id": "cus_01h3vjs3b16yc3f9q8q9pfrb80", "name": "Brighton Mboya",
  "email": "brighton@jani.com", "phone": "+255788123456",
  "address": {"city": "Dar es Salaam", "country": "TZ"},
  "payment_method": "card_01h3vjs3b16yc3f9q8q9pfrb79",
  "created_at": "2024-09-01T15:00:00.000Z", "updated_at": "2024-09-05T08:00:00.000Z",
  "status": "active", "custom_data": {"loyalty_program": "Gold", "visits": 12}}"#;

/// The Dar es Salaam → Nairobi move, with a custom_data key set and one deleted.
const ACCOUNT_PATCH: &[u8] = br#"{"phone": "+254712123456",
  "address": {"city": "Nairobi", "country": "KE"},
  "custom_data": {"visits": null, "tier": {"level": 2}}}"#;

fn bench_account_update(c: &mut Criterion) {
    let stored = AccountCustomer::from_json(ACCOUNT).expect("valid");
    let now = Timestamp::parse("2024-10-01T09:30:00Z").expect("now");
    let patch = AccountCustomerPatch::from_json(ACCOUNT_PATCH).expect("valid");
    let updated = patch.apply(&stored, now).expect("valid");
    let mut g = c.benchmark_group("update_account");
    g.bench_function("from_json_move", |b| {
        b.iter(|| AccountCustomerPatch::from_json(black_box(ACCOUNT_PATCH)))
    });
    g.bench_function("apply_move", |b| {
        b.iter(|| black_box(&patch).apply(black_box(&stored), now))
    });
    g.bench_function("merge_patch_move", |b| {
        b.iter(|| black_box(&stored).merge_patch(black_box(ACCOUNT_PATCH), now))
    });
    g.bench_function("merge_patch_country_mismatch", |b| {
        let body = br#"{"address": {"country": "KE"}}"#;
        b.iter(|| black_box(&stored).merge_patch(black_box(body), now))
    });
    g.bench_function("diff", |b| {
        b.iter(|| AccountCustomerPatch::diff(black_box(&stored), black_box(&updated)))
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_update,
    bench_billing_update,
    bench_account_update
);
criterion_main!(benches);
