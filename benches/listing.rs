//! Listing: query parsing, cursor encode, cursor decode + verify, a whole page, and the
//! plan rendered as SQL with the rows read back as `Keyed`.
//!
//! `cargo bench --bench listing`; `cargo test --benches` runs each once as a test.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use customer_core::{
    CreateCustomer, Customer, CustomerId, Timestamp,
    list::{
        Cursor, CursorKey, CursorKeys, Dialect, Direction, Keyed, ListCustomersQuery, Position,
    },
};

fn keys() -> CursorKeys {
    let old = CursorKey::new(1, &[1; 32]).expect("key");
    let new = CursorKey::new(2, &[2; 32]).expect("key");
    CursorKeys::new(new)
        .with_verifying(old)
        .expect("distinct ids")
}

fn position() -> Position {
    Position::new(
        Timestamp::parse("2024-03-01T12:00:00.123456Z").expect("t"),
        CustomerId::parse("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8").expect("id"),
    )
}

fn bench_query(c: &mut Criterion) {
    let keys = keys();
    let filtered = "limit=50&email=Jane%2Blist%40Example.com&created_after=2024-01-01T00:00:00Z\
                    &created_before=2024-06-01T00:00:00%2B01:00&sort=created_at:asc";
    let digest = ListCustomersQuery::parse(filtered, &keys)
        .expect("valid")
        .digest();
    let cursor = Cursor::new(Direction::After, position(), digest).encode(keys.signing());
    let with_cursor = format!("{filtered}&after={cursor}");
    let invalid = "limit=0&after=x&email=bad&created_after=x&sort=y&foo=1&limit=3&before=";

    let mut g = c.benchmark_group("list_query");
    g.bench_function("parse/empty", |b| {
        b.iter(|| ListCustomersQuery::parse(black_box(""), &keys))
    });
    g.bench_function("parse/limit", |b| {
        b.iter(|| ListCustomersQuery::parse(black_box("limit=2"), &keys))
    });
    g.bench_function("parse/all_filters", |b| {
        b.iter(|| ListCustomersQuery::parse(black_box(filtered), &keys))
    });
    g.bench_function("parse/all_filters_and_cursor", |b| {
        b.iter(|| ListCustomersQuery::parse(black_box(&with_cursor), &keys))
    });
    g.bench_function("parse/nine_errors", |b| {
        b.iter(|| ListCustomersQuery::parse(black_box(invalid), &keys))
    });
    g.finish();
}

fn bench_cursor(c: &mut Criterion) {
    let keys = keys();
    let digest = ListCustomersQuery::parse("", &keys)
        .expect("valid")
        .digest();
    let cursor = Cursor::new(Direction::After, position(), digest);
    let text = cursor.encode(keys.signing());
    let old_text = cursor.encode(keys.get(1).expect("old key"));
    let mut tampered = text.clone().into_bytes();
    tampered[30] = if tampered[30] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).expect("ascii");

    let mut g = c.benchmark_group("cursor");
    g.bench_function("encode", |b| {
        b.iter(|| black_box(&cursor).encode(keys.signing()))
    });
    g.bench_function("decode_verify", |b| {
        b.iter(|| Cursor::decode(black_box(&text), &keys))
    });
    g.bench_function("decode_verify/verifying_key", |b| {
        b.iter(|| Cursor::decode(black_box(&old_text), &keys))
    });
    g.bench_function("decode_verify/tampered", |b| {
        b.iter(|| Cursor::decode(black_box(&tampered), &keys))
    });
    g.finish();
}

fn bench_page(c: &mut Criterion) {
    let keys = keys();
    let body = br#"{"first_name":"Ann","last_name":"Lee","email":"ann@example.com",
        "phone_number":"+2348012345678",
        "billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#;
    let template = CreateCustomer::from_json(body).expect("valid");
    let store: Vec<Customer> = (0..1000u32)
        .map(|i| {
            Customer::new(
                CustomerId::from(uuid::Uuid::from_u128(u128::from(i) * 7919)),
                template.clone(),
                Timestamp::from_unix_seconds(1_709_294_400 + i64::from(i / 4)).expect("t"),
            )
        })
        .collect();
    let plan = ListCustomersQuery::parse("limit=50", &keys)
        .expect("valid")
        .plan();
    let rows: Vec<&Customer> = plan.fetch_in_memory(&store);

    let mut g = c.benchmark_group("page");
    g.bench_function("build_50_rows_and_serialize", |b| {
        b.iter(|| {
            let page = plan.page(black_box(rows.clone()), &keys).expect("in order");
            serde_json::to_vec(&page).expect("serializes")
        })
    });
    g.bench_function("fetch_in_memory_1000", |b| {
        b.iter(|| plan.fetch_in_memory(black_box(&store)))
    });
    g.finish();
}

fn bench_sql(c: &mut Criterion) {
    let keys = keys();
    let filtered = "limit=50&email=Jane%2Blist%40Example.com&created_after=2024-01-01T00:00:00Z\
                    &created_before=2024-06-01T00:00:00%2B01:00&sort=created_at:asc";
    let digest = ListCustomersQuery::parse(filtered, &keys)
        .expect("valid")
        .digest();
    let cursor = Cursor::new(Direction::Before, position(), digest).encode(keys.signing());
    let full = ListCustomersQuery::parse(&format!("{filtered}&before={cursor}"), &keys)
        .expect("valid")
        .plan();
    let first = ListCustomersQuery::parse("", &keys).expect("valid").plan();

    let mut g = c.benchmark_group("sql");
    g.bench_function("render/first_page_postgres", |b| {
        b.iter(|| black_box(&first).sql(Dialect::Postgres))
    });
    g.bench_function("render/every_line_postgres", |b| {
        b.iter(|| black_box(&full).sql(Dialect::Postgres))
    });
    g.bench_function("render/every_line_sqlite", |b| {
        b.iter(|| black_box(&full).sql(Dialect::Sqlite))
    });
    g.bench_function("keyed_from_columns", |b| {
        b.iter(|| {
            Keyed::from_columns(
                black_box("2024-03-01T12:00:00.123456Z"),
                black_box("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8"),
                (),
            )
            .expect("stored")
        })
    });
    g.finish();
}

criterion_group!(benches, bench_query, bench_cursor, bench_page, bench_sql);
criterion_main!(benches);
