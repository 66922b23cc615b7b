//! Phone validity + region per number: customer-core's generated tables against the
//! `phonenumber` crate's runtime regexes, side by side on the same numbers.
//!
//! `cargo bench --bench phone`. The rotating set is one example number for every region
//! of the libphonenumber metadata (its mobile example, else fixed line, else general),
//! taken in turn, so a per-region cache cannot help. Figures: `benches/README.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use customer_core::PhoneNumber;
use phonenumber::metadata::DATABASE;

/// One E.164 example per region, sorted by region code.
fn rotating_set() -> Vec<String> {
    let mut metas: Vec<_> = DATABASE.iter().filter(|m| m.id() != "001").collect();
    metas.sort_by_key(|m| m.id().to_owned());
    let numbers: Vec<String> = metas
        .iter()
        .filter_map(|m| {
            let d = m.descriptors();
            let example = d
                .mobile()
                .and_then(|x| x.example())
                .or_else(|| d.fixed_line().and_then(|x| x.example()))
                .or_else(|| d.general().example())?;
            Some(format!("+{}{}", m.country_code(), example))
        })
        .collect();
    let valid = numbers
        .iter()
        .filter(|n| PhoneNumber::parse(n).is_ok())
        .count();
    assert!(
        valid * 100 >= numbers.len() * 99,
        "{valid} of {} valid",
        numbers.len()
    );
    numbers
}

/// Ours: strict E.164 parse + validity, then the region.
fn ours(s: &str) -> bool {
    match PhoneNumber::parse(s) {
        Ok(p) => p.region().is_some(),
        Err(_) => false,
    }
}

/// The `phonenumber` crate: parse + is_valid, then the region.
fn theirs(s: &str) -> bool {
    match phonenumber::parse(None, s) {
        Ok(p) => p.is_valid() && p.country().id().is_some(),
        Err(_) => false,
    }
}

/// This thread's CPU time (Linux): unlike wall-clock time, it leaves out the slices
/// that other processes get on a loaded machine.
#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes a timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Times `check` over the rotating set by this thread's CPU time.
#[cfg(target_os = "linux")]
fn rotating_cpu_time(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    set: &[String],
    check: fn(&str) -> bool,
) {
    g.bench_function(format!("{name}/rotating_{}_cpu_time", set.len()), |b| {
        let mut i = 0usize;
        b.iter_custom(|iters| {
            let start = thread_cpu_time();
            for _ in 0..iters {
                i = (i + 1) % set.len();
                black_box(check(black_box(&set[i])));
            }
            thread_cpu_time().saturating_sub(start)
        })
    });
}

fn bench(c: &mut Criterion) {
    let set = rotating_set();
    eprintln!("phone bench: rotating set of {} regions", set.len());
    let mut g = c.benchmark_group("phone_valid_region");
    g.bench_function(format!("customer_core/rotating_{}", set.len()), |b| {
        let mut i = 0usize;
        b.iter(|| {
            i = (i + 1) % set.len();
            black_box(ours(black_box(&set[i])))
        })
    });
    g.bench_function(
        format!("customer_core/rotating_{}_valid_only", set.len()),
        |b| {
            let mut i = 0usize;
            b.iter(|| {
                i = (i + 1) % set.len();
                black_box(PhoneNumber::parse(black_box(&set[i])).is_ok())
            })
        },
    );
    g.bench_function("customer_core/ng_repeated", |b| {
        b.iter(|| black_box(ours(black_box("+2348012345678"))))
    });
    g.bench_function("customer_core/gb_repeated", |b| {
        b.iter(|| black_box(ours(black_box("+447911123456"))))
    });
    // The form helper: national input with a country, to a valid E.164 number.
    let ng = customer_core::Country::parse("NG").unwrap();
    g.bench_function("customer_core/normalize_ng_national", |b| {
        b.iter(|| black_box(PhoneNumber::normalize(black_box("0801 234 5678"), ng).is_ok()))
    });
    // A number still being typed: the error path (the reason and what was read).
    g.bench_function("customer_core/normalize_typing_gb_every_prefix", |b| {
        let gb = customer_core::Country::parse("GB").unwrap();
        let typed = "020 7946 0958";
        b.iter(|| {
            typed
                .char_indices()
                .filter(|&(i, _)| {
                    PhoneNumber::normalize_typing(black_box(&typed[..=i]), gb).is_ok()
                })
                .count()
        })
    });
    g.bench_function("customer_core/normalize_typing_ng_too_short", |b| {
        b.iter(|| black_box(PhoneNumber::normalize_typing(black_box("0801 234"), ng).is_err()))
    });
    // The same, timed by thread CPU time (wall-clock above counts other processes too).
    #[cfg(target_os = "linux")]
    rotating_cpu_time(&mut g, "customer_core", &set, ours);
    g.finish();

    // The reference is 3-4 orders of magnitude slower: fewer, longer samples.
    let mut g = c.benchmark_group("phone_valid_region");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function(format!("phonenumber/rotating_{}", set.len()), |b| {
        let mut i = 0usize;
        b.iter(|| {
            i = (i + 1) % set.len();
            black_box(theirs(black_box(&set[i])))
        })
    });
    #[cfg(target_os = "linux")]
    rotating_cpu_time(&mut g, "phonenumber", &set, theirs);
    g.bench_function("phonenumber/ng_repeated", |b| {
        b.iter(|| black_box(theirs(black_box("+2348012345678"))))
    });
    g.bench_function("phonenumber/gb_repeated", |b| {
        b.iter(|| black_box(theirs(black_box("+447911123456"))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
