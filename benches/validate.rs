//! Benchmarks: whole requests (spec 000's payload, the valid records of the sample file)
//! against a naive baseline, then one group per concept.
//!
//! ```text
//! cargo bench --bench validate
//! cargo bench --bench validate -- create_customer   # just the request groups
//! cargo bench --bench validate -- reader/           # spec 000 beside plain serde
//! ```
//!
//! The naive baseline is what a service might write without this crate: serde_json into
//! a plain struct, then the `phonenumber` crate directly (`parse(None, …)`, `is_valid`,
//! and the number's main region compared with the country). It checks much less (no
//! name, email or address rules, no unknown fields, no every-error-at-once), so the
//! ratio is the price of the full validation.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use customer_core::{Country, CreateCustomer, Email, PersonName, PhoneNumber};
use serde::Deserialize;

const SPEC_000: &[u8] = br#"{
  "first_name": "John",
  "last_name": "Doe",
  "email": "john.doe@example.com",
  "phone_number": "+2348012345678",
  "billing_address": {
    "line1": "123 Test Lane",
    "line2": "Suite 456",
    "city": "Lagos",
    "state": "Lagos",
    "zip_code": "100001",
    "country": "NG"
  }
}"#;

const SAMPLE: &[u8] = include_bytes!("../examples/data/customers.ndjson");

/// The sample's lines that customer-core accepts (all countries of the sample).
fn valid_sample_lines() -> Vec<&'static [u8]> {
    SAMPLE
        .split(|&b| b == b'\n')
        .filter(|line| CreateCustomer::from_json(line).is_ok())
        .collect()
}

#[derive(Deserialize)]
#[allow(dead_code)] // the fields are read by serde only, as a service would
struct NaiveAddress {
    line1: String,
    line2: Option<String>,
    city: String,
    state: Option<String>,
    zip_code: Option<String>,
    country: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct NaiveCustomer {
    first_name: String,
    last_name: String,
    email: String,
    phone_number: String,
    billing_address: NaiveAddress,
}

/// The naive baseline: typed serde, then the phonenumber crate directly.
fn naive(body: &[u8]) -> bool {
    let Ok(customer) = serde_json::from_slice::<NaiveCustomer>(body) else {
        return false;
    };
    let Ok(phone) = phonenumber::parse(None, &customer.phone_number) else {
        return false;
    };
    phonenumber::is_valid(&phone)
        && phone
            .country()
            .id()
            .is_some_and(|id| id.as_ref() == customer.billing_address.country)
}

/// Spec 000's body in plain serde: borrowed strings, no rules, unknown members ignored.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainAddress<'a> {
    line1: &'a str,
    line2: Option<&'a str>,
    city: &'a str,
    state: Option<&'a str>,
    zip_code: Option<&'a str>,
    country: &'a str,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainCustomer<'a> {
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    phone_number: &'a str,
    #[serde(borrow)]
    billing_address: PlainAddress<'a>,
}

/// The floor any validator pays to read the JSON: `CreateCustomer::from_json` beside a
/// plain `serde_json::from_slice` of the same body into a borrowed typed struct, in one
/// process (the goal: at most 1.5x).
fn reader(c: &mut Criterion) {
    assert!(serde_json::from_slice::<PlainCustomer<'_>>(SPEC_000).is_ok());
    let mut group = c.benchmark_group("reader/spec_000");
    group.throughput(Throughput::Elements(1));
    group.bench_function("customer_core", |b| {
        b.iter(|| CreateCustomer::from_json(black_box(SPEC_000)))
    });
    group.bench_function("plain_serde", |b| {
        b.iter(|| serde_json::from_slice::<PlainCustomer<'_>>(black_box(SPEC_000)).is_ok())
    });
    group.finish();
}

fn create_customer(c: &mut Criterion) {
    let mut group = c.benchmark_group("create_customer/spec_000");
    group.throughput(Throughput::Elements(1));
    group.bench_function("customer_core", |b| {
        b.iter(|| CreateCustomer::from_json(black_box(SPEC_000)))
    });
    group.bench_function("naive_baseline", |b| b.iter(|| naive(black_box(SPEC_000))));
    group.finish();

    let lines = valid_sample_lines();
    let naive_ok = lines.iter().filter(|l| naive(l)).count();
    eprintln!(
        "mixed_countries: {} valid records; the naive baseline accepts {naive_ok} of them",
        lines.len()
    );
    let mut group = c.benchmark_group("create_customer/mixed_countries");
    // One iteration validates the whole set; 10 samples keep the run short.
    group.sample_size(10);
    group.throughput(Throughput::Elements(lines.len() as u64));
    group.bench_function("customer_core", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| CreateCustomer::from_json(black_box(l)).is_ok())
                .count()
        })
    });
    group.bench_function("naive_baseline", |b| {
        b.iter(|| lines.iter().filter(|l| naive(black_box(l))).count())
    });
    group.finish();
}

fn name(c: &mut Criterion) {
    let mut group = c.benchmark_group("name");
    for (id, input) in [
        ("ascii", "John"),
        ("yoruba", "Adébáyọ̀"),
        ("kikuyu_with_spaces", "Ngũgĩ wa Thiong’o"),
        ("invalid_digit", "J0hn"),
    ] {
        group.bench_with_input(BenchmarkId::from_parameter(id), input, |b, s| {
            b.iter(|| PersonName::parse(black_box(s)))
        });
    }
    group.finish();
}

fn email(c: &mut Criterion) {
    let mut group = c.benchmark_group("email");
    for (id, input) in [
        ("plain", "john.doe@example.com"),
        ("tagged_mixed_case", "Ngozi.Eze+billing@Example.CO.NG"),
        ("invalid_display_name", "Sipho Ndlovu <sipho@example.co.za>"),
    ] {
        group.bench_with_input(BenchmarkId::from_parameter(id), input, |b, s| {
            b.iter(|| Email::parse(black_box(s)))
        });
    }
    group.finish();
}

fn phone(c: &mut Criterion) {
    let mut group = c.benchmark_group("phone");
    let ng = Country::parse("NG").ok();
    group.bench_function("parse_ng", |b| {
        b.iter(|| PhoneNumber::parse(black_box("+2348012345678")))
    });
    group.bench_function("parse_and_check_ng", |b| {
        b.iter(|| {
            PhoneNumber::parse(black_box("+2348012345678"))
                .ok()
                .zip(ng)
                .is_some_and(|(p, c)| p.is_valid_for(c))
        })
    });
    group.bench_function("naive_baseline_ng", |b| {
        b.iter(|| {
            phonenumber::parse(None, black_box("+2348012345678"))
                .is_ok_and(|p| phonenumber::is_valid(&p))
        })
    });
    group.bench_function("invalid_format", |b| {
        b.iter(|| PhoneNumber::parse(black_box("+234 801 234 5678")))
    });

    // The sample's phone numbers: many countries, so many numbering plans.
    let phones: Vec<String> = valid_sample_lines()
        .iter()
        .filter_map(|l| CreateCustomer::from_json(l).ok())
        .map(|c| c.phone_number().as_str().to_owned())
        .collect();
    group.sample_size(10);
    group.throughput(Throughput::Elements(phones.len() as u64));
    group.bench_function("parse_mixed_countries", |b| {
        b.iter(|| {
            phones
                .iter()
                .filter(|p| PhoneNumber::parse(black_box(p)).is_ok())
                .count()
        })
    });
    group.bench_function("naive_baseline_mixed_countries", |b| {
        b.iter(|| {
            phones
                .iter()
                .filter(|p| {
                    phonenumber::parse(None, black_box(p)).is_ok_and(|p| phonenumber::is_valid(&p))
                })
                .count()
        })
    });
    group.finish();
}

fn country(c: &mut Criterion) {
    let mut group = c.benchmark_group("country");
    for (id, input) in [
        ("code", "NG"),
        ("lowercase", "ng"),
        ("alpha3", "NGA"),
        ("name", "Tanzania"),
    ] {
        group.bench_with_input(BenchmarkId::from_parameter(id), input, |b, s| {
            b.iter(|| Country::parse(black_box(s)))
        });
    }
    group.finish();
}

/// Hostile bodies of about 64 KB (just under the body limit), each beside the valid
/// request, with bytes as the throughput so criterion reports time per byte. Issue 8's
/// bound: at most 2x the valid request's work per byte.
fn hostile(c: &mut Criterion) {
    const SIZE: usize = 64 * 1024 - 64;
    fn fill(prefix: &str, unit: impl Fn(usize) -> String, suffix: &str) -> Vec<u8> {
        let mut body = prefix.to_owned();
        let mut i = 0;
        loop {
            let next = unit(i);
            if body.len() + next.len() + suffix.len() > SIZE {
                break;
            }
            body.push_str(&next);
            i += 1;
        }
        body.push_str(suffix);
        body.into_bytes()
    }
    let unknown_keys = fill("{", |i| format!("\"k{i}\":1,"), "\"z\":1}");
    let nested_objects = fill(
        "{",
        |i| format!("\"k{i}\":{{\"a\":{{\"b\":1}}}},"),
        "\"z\":1}",
    );
    let long_string = {
        let mut s = String::from("{\"first_name\":\"");
        s.push_str(&"a".repeat(SIZE - 64));
        s.push_str("\"}");
        s.into_bytes()
    };
    let escapes = {
        let mut s = String::from("{\"first_name\":\"");
        s.push_str(&"\\u00e9".repeat((SIZE - 64) / 6));
        s.push_str("\"}");
        s.into_bytes()
    };
    let duplicates = fill("{", |_| "\"first_name\":\"Ada\",".to_owned(), "\"z\":1}");
    let mut group = c.benchmark_group("create_customer/hostile_per_byte");
    group.throughput(Throughput::Bytes(SPEC_000.len() as u64));
    group.bench_function("valid_spec_000", |b| {
        b.iter(|| CreateCustomer::from_json(black_box(SPEC_000)))
    });
    for (id, body) in [
        ("unknown_keys", &unknown_keys),
        ("nested_objects", &nested_objects),
        ("long_string", &long_string),
        ("escapes", &escapes),
        ("duplicate_keys", &duplicates),
    ] {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(id), body, |b, body| {
            b.iter(|| CreateCustomer::from_json(black_box(body)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    targets = reader, create_customer, hostile, name, email, phone, country
}
criterion_main!(benches);
