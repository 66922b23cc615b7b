//! Email parsing, ASCII and internationalized, and the uniqueness key.
//!
//! ```text
//! cargo bench --bench email
//! ```
//!
//! ASCII domains without `xn--` labels skip IDNA (lowercasing is all UTS #46 would do to
//! them); Unicode and `xn--` domains go through the idna crate twice (ToUnicode to check
//! and store, ToASCII for the `xn--` form).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use customer_core::Email;

const CASES: &[(&str, &str)] = &[
    ("ascii_plain", "john.doe@example.com"),
    ("ascii_tagged_mixed_case", "Ngozi.Eze+billing@Example.CO.NG"),
    ("utf8_local_ascii_domain", "adébáyọ̀@example.ng"),
    ("idn_domain_u_label", "user@bücher.de"),
    ("idn_domain_a_label", "user@xn--bcher-kva.de"),
    ("idn_chinese", "用户@例子.广告"),
    ("idn_greek_upper_case", "NGOZI@ΠΑΡΆΔΕΙΓΜΑ.ΔΟΚΙΜΉ"),
    ("idn_full_width_dots", "用户@例子。广告"),
    ("invalid_special_use", "user@printer.local"),
    ("invalid_a_label", "user@xn--abc.com"),
    ("invalid_display_name", "Sipho Ndlovu <sipho@example.co.za>"),
];

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("email_parse");
    for (id, input) in CASES {
        group.bench_with_input(BenchmarkId::from_parameter(id), input, |b, s| {
            b.iter(|| Email::parse(black_box(s)))
        });
    }
    group.finish();
}

fn uniqueness_key(c: &mut Criterion) {
    let mut group = c.benchmark_group("email_uniqueness_key");
    for (id, input) in [
        ("ascii", "John.Doe@Example.com"),
        ("idn", "Müller@bücher.de"),
    ] {
        let email = Email::parse(input).expect("valid");
        group.bench_with_input(BenchmarkId::from_parameter(id), &email, |b, e| {
            b.iter(|| black_box(e).uniqueness_key())
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
    targets = parse, uniqueness_key
}
criterion_main!(benches);
