//! Request guards: each decision alone, then the headers and bodies that go
//! with it.
//!
//! `cargo bench --bench guard`; `cargo test --benches` runs each once as a test.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use customer_core::guard::{
    ApiKey, Fingerprint, IdempotencyDecision, IdempotencyKey, IdempotencyPolicy,
    IdempotencyRequest, KeyFormat, KeyKind, KeyMode, KeyPepper, LeaseToken, Operation, Outcome,
    Policy, RateState, StoredResponse, UnixNanos, authenticate,
};

const NOW: UnixNanos = UnixNanos::from_secs(1_700_000_000);

fn bench_api_key(c: &mut Criterion) {
    let plain = b"Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc".as_slice();
    let minted = ApiKey::generate(KeyKind::Secret, KeyMode::Live, &[7; 32]);
    let checksummed = format!("Bearer {}", minted.expose_secret());
    let pepper = KeyPepper::new(&[9; 32]).expect("pepper");
    let key = ApiKey::parse("sk_test_4eC39HqLyjWDarjtT1zdp7dc", KeyFormat::Plain).expect("key");
    let digest = key.digest(&pepper);

    let mut g = c.benchmark_group("guard_api_key");
    g.bench_function("authenticate/plain", |b| {
        b.iter(|| {
            authenticate(
                black_box(Some(plain)),
                KeyFormat::Plain,
                Operation::ListCustomers,
            )
        })
    });
    g.bench_function("authenticate/checksummed", |b| {
        b.iter(|| {
            authenticate(
                black_box(Some(checksummed.as_bytes())),
                KeyFormat::Checksummed,
                Operation::ListCustomers,
            )
        })
    });
    g.bench_function("authenticate/missing", |b| {
        b.iter(|| authenticate(black_box(None), KeyFormat::Plain, Operation::ListCustomers))
    });
    g.bench_function("digest", |b| b.iter(|| black_box(&key).digest(&pepper)));
    g.bench_function("verify_digest", |b| {
        b.iter(|| black_box(&key).verify_digest(&pepper, digest.as_bytes()))
    });
    g.bench_function("generate", |b| {
        b.iter(|| ApiKey::generate(KeyKind::Secret, KeyMode::Live, black_box(&[7; 32])))
    });
    g.finish();
}

fn bench_idempotency(c: &mut Criterion) {
    let body = br#"{"first_name":"John","last_name":"Doe","email":"john.doe@example.com",
      "phone_number":"+2348012345678","billing_address":{"line1":"123 Test Lane",
      "line2":"Suite 456","city":"Lagos","state":"Lagos","zip_code":"100001","country":"NG"}}"#;
    let policy = IdempotencyPolicy::DEFAULT;
    let request = IdempotencyRequest::new(
        "acct_1",
        KeyMode::Live,
        "a123b456-c789-d012-e345-f67890123456".parse().expect("key"),
        Fingerprint::of("POST", "/customers", "", body),
    );
    let token = LeaseToken::from_bytes([1; 16]);
    let IdempotencyDecision::Proceed { record, .. } = policy.decide(&request, None, NOW, token)
    else {
        panic!("proceed")
    };
    let done = record
        .finish(
            &token,
            Outcome::Responded(StoredResponse::new(201, vec![], body.to_vec())),
        )
        .expect("held")
        .expect("stored");

    // `custom_data` with 40 numbers of 20 to 40 digits, fractions and exponents.
    let numbers = format!(
        r#"{{"first_name":"John","custom_data":{{{}}}}}"#,
        (0..40)
            .map(|i| format!(r#""n{i}":{}.{}e-{i}"#, "1234567890".repeat(2 + i % 3), i))
            .collect::<Vec<_>>()
            .join(",")
    );
    // 60 objects deep, each with its members out of order (so each level is reordered),
    // 1 KB of text per level: about 60 KB.
    let mut deep = String::from("0");
    for _ in 0..60 {
        deep = format!(r#"{{"b":{deep},"a":"{}"}}"#, "x".repeat(1000));
    }
    assert!(deep.len() < 64 * 1024);

    let mut g = c.benchmark_group("guard_idempotency");
    g.bench_function("key_header/bare", |b| {
        b.iter(|| IdempotencyKey::from_header(black_box(b"a123b456-c789-d012-e345-f67890123456")))
    });
    g.bench_function("key_header/quoted", |b| {
        b.iter(|| {
            IdempotencyKey::from_header(black_box(b"\"a123b456-c789-d012-e345-f67890123456\""))
        })
    });
    g.bench_function("fingerprint/create_body_json", |b| {
        b.iter(|| Fingerprint::of("POST", "/customers", "", black_box(body)))
    });
    g.bench_function("fingerprint/big_numbers", |b| {
        b.iter(|| Fingerprint::of("POST", "/customers", "", black_box(numbers.as_bytes())))
    });
    g.bench_function("fingerprint/unsorted_60_deep_60k", |b| {
        b.iter(|| Fingerprint::of("POST", "/customers", "", black_box(deep.as_bytes())))
    });
    g.bench_function("fingerprint/not_json", |b| {
        b.iter(|| Fingerprint::of("POST", "/customers", "", black_box(b"first_name=John")))
    });
    g.bench_function("decide/absent", |b| {
        b.iter(|| policy.decide(black_box(&request), None, NOW, token))
    });
    g.bench_function("decide/replay", |b| {
        b.iter(|| {
            matches!(
                policy.decide(black_box(&request), Some(&done), NOW, token),
                IdempotencyDecision::Replay(_)
            )
        })
    });
    g.bench_function("record/to_json", |b| {
        b.iter(|| serde_json::to_vec(black_box(&done)))
    });
    g.finish();
}

/// `n` unit requests spread evenly over the `span_ms` before `NOW`, each admitted.
fn filled(policy: &Policy, n: u64, span_ms: u64) -> RateState {
    let mut state = RateState::new();
    for i in 0..n {
        let ms = span_ms - span_ms * i / n.max(1);
        let at = UnixNanos::from_nanos(NOW.as_nanos() - ms * 1_000_000);
        let d = policy.decide(at, &state, 1);
        assert!(d.is_allowed(), "fill {i}");
        state = d.new_state();
    }
    state
}

/// The states the rate-limit benchmarks decide over: one quota of 100 with one entry,
/// the two list quotas with one entry each, and `Policy::LIVE` (q = 1000 per minute)
/// with 999 entries over the last 59 s (admits one more) and with 1000 (refuses).
struct RateStates {
    test: RateState,
    list: RateState,
    live_room: RateState,
    live_full: RateState,
}

fn rate_states() -> RateStates {
    RateStates {
        test: filled(&Policy::TEST, 1, 1_000),
        list: filled(&Policy::LIST, 1, 1_000),
        live_room: filled(&Policy::LIVE, 999, 59_000),
        live_full: filled(&Policy::LIVE, 1000, 59_000),
    }
}

fn bench_rate_limit(c: &mut Criterion) {
    let (list, test, live) = (Policy::LIST, Policy::TEST, Policy::LIVE);
    let states = rate_states();
    let mut full = RateState::new();
    for _ in 0..100 {
        full = list.decide(NOW, &full, 1).new_state();
    }
    let refused = list.decide(NOW, &full, 1);
    let live_bytes = states.live_room.as_bytes().to_vec();

    let mut g = c.benchmark_group("guard_rate_limit");
    g.bench_function("decide/one_quota", |b| {
        b.iter(|| {
            test.decide(black_box(NOW), black_box(&states.test), 1)
                .is_allowed()
        })
    });
    g.bench_function("decide/two_quotas", |b| {
        b.iter(|| {
            list.decide(black_box(NOW), black_box(&states.list), 1)
                .is_allowed()
        })
    });
    g.bench_function("decide/two_quotas_refused", |b| {
        b.iter(|| {
            list.decide(black_box(NOW), black_box(&full), 1)
                .retry_after_secs()
        })
    });
    g.bench_function("decide/q1000_999_in_window", |b| {
        b.iter(|| {
            live.decide(black_box(NOW), black_box(&states.live_room), 1)
                .is_allowed()
        })
    });
    g.bench_function("decide/q1000_full_refused", |b| {
        b.iter(|| {
            live.decide(black_box(NOW), black_box(&states.live_full), 1)
                .retry_after_secs()
        })
    });
    g.bench_function("new_state/q1000", |b| {
        b.iter(|| {
            live.decide(black_box(NOW), black_box(&states.live_room), 1)
                .new_state()
        })
    });
    g.bench_function("from_bytes/q1000", |b| {
        b.iter(|| RateState::from_bytes(black_box(&live_bytes)))
    });
    g.bench_function("headers/two_quotas", |b| {
        b.iter(|| black_box(&refused).headers())
    });
    g.bench_function("problem/429", |b| {
        b.iter(|| serde_json::to_vec(&black_box(&refused).problem()))
    });
    g.finish();
}

/// This thread's CPU time (Linux): unlike wall-clock time, it leaves out the slices that
/// other processes get on a loaded machine (as in `benches/phone.rs`).
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

#[cfg(not(target_os = "linux"))]
fn thread_cpu_time() -> Duration {
    Duration::ZERO
}

/// The three decisions again, timed by this thread's CPU time.
fn bench_decisions_cpu_time(c: &mut Criterion) {
    fn cpu<F: FnMut()>(
        g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
        name: &str,
        mut f: F,
    ) {
        g.bench_function(format!("{name}/cpu_time"), |b| {
            b.iter_custom(|iters| {
                let start = thread_cpu_time();
                for _ in 0..iters {
                    f();
                }
                thread_cpu_time().saturating_sub(start)
            })
        });
    }
    let plain = b"Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc".as_slice();
    let (list, test, live) = (Policy::LIST, Policy::TEST, Policy::LIVE);
    let states = rate_states();
    let policy = IdempotencyPolicy::DEFAULT;
    let request = IdempotencyRequest::new(
        "acct_1",
        KeyMode::Live,
        "a123b456-c789-d012-e345-f67890123456".parse().expect("key"),
        Fingerprint::of("POST", "/customers", "", b"{}"),
    );
    let token = LeaseToken::from_bytes([1; 16]);
    let IdempotencyDecision::Proceed { record, .. } = policy.decide(&request, None, NOW, token)
    else {
        panic!("proceed")
    };
    let done = record
        .finish(
            &token,
            Outcome::Responded(StoredResponse::new(201, vec![], b"{}".to_vec())),
        )
        .expect("held")
        .expect("stored");

    let mut g = c.benchmark_group("guard_decisions");
    cpu(&mut g, "authenticate/plain", || {
        black_box(
            authenticate(
                black_box(Some(plain)),
                KeyFormat::Plain,
                Operation::ListCustomers,
            )
            .is_ok(),
        );
    });
    cpu(&mut g, "rate_limit/one_quota", || {
        black_box(
            test.decide(black_box(NOW), black_box(&states.test), 1)
                .is_allowed(),
        );
    });
    cpu(&mut g, "rate_limit/two_quotas", || {
        black_box(
            list.decide(black_box(NOW), black_box(&states.list), 1)
                .is_allowed(),
        );
    });
    cpu(&mut g, "rate_limit/q1000_999_in_window", || {
        black_box(
            live.decide(black_box(NOW), black_box(&states.live_room), 1)
                .is_allowed(),
        );
    });
    cpu(&mut g, "rate_limit/q1000_full_refused", || {
        black_box(
            live.decide(black_box(NOW), black_box(&states.live_full), 1)
                .retry_after_secs(),
        );
    });
    cpu(&mut g, "rate_limit/q1000_new_state", || {
        black_box(
            live.decide(black_box(NOW), black_box(&states.live_room), 1)
                .new_state(),
        );
    });
    cpu(&mut g, "idempotency/replay", || {
        black_box(matches!(
            policy.decide(black_box(&request), Some(&done), NOW, token),
            IdempotencyDecision::Replay(_)
        ));
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_api_key,
    bench_idempotency,
    bench_rate_limit,
    bench_decisions_cpu_time
);
criterion_main!(benches);
