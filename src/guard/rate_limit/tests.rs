//! Unit tests of `rate_limit`.

use super::*;

const T0: UnixNanos = UnixNanos::from_secs(1_700_000_000);
static EMPTY: RateState = RateState::new();

fn at(ms: u64) -> UnixNanos {
    UnixNanos::from_nanos(T0.as_nanos() + ms * 1_000_000)
}

/// Runs `n` requests of `cost` at `now`, all expected admitted.
fn fill(policy: &Policy, state: &mut RateState, now: UnixNanos, n: u32, cost: u32) {
    for i in 0..n {
        let d = policy.decide(now, state, cost);
        assert!(d.is_allowed(), "request {i}");
        *state = d.new_state();
    }
}

#[test]
fn seed_constants() {
    assert_eq!(TEST_PER_MINUTE.window_nanos(), 60_000_000_000);
    assert_eq!(TEST_PER_MINUTE.width(), 36);
    assert_eq!(LIST_PER_HOUR.width(), 42);
    assert_eq!(Quota::width_for(MAX_WINDOW_SECS), 55);
    assert_eq!(Quota::width_for(1), 30);
    assert_eq!(LIVE_PER_MINUTE.limit(), 1000);
    assert_eq!(Policy::LIST.quotas(), &[LIST_PER_MINUTE, LIST_PER_HOUR]);
    assert_eq!(
        Policy::for_request(KeyMode::Test, Operation::CreateCustomer).id(),
        "test"
    );
    assert_eq!(
        Policy::for_request(KeyMode::Live, Operation::RetrieveCustomer).id(),
        "live"
    );
    assert_eq!(
        Policy::for_request(KeyMode::Test, Operation::ListCustomers).id(),
        "list"
    );
}

#[test]
fn the_whole_limit_at_once_then_the_first_unit_to_leave() {
    let policy = Policy::TEST;
    let mut state = RateState::new();
    let first = policy.decide(T0, &state, 1);
    assert_eq!(first.rate_limit_header(), r#""permin";r=99;t=60"#);
    fill(&policy, &mut state, T0, 100, 1);
    let refused = policy.decide(T0, &state, 1);
    assert!(!refused.is_allowed());
    assert_eq!(refused.new_state(), state);
    assert!(!refused.writes());
    assert_eq!(refused.statuses()[0].wait_nanos(), Some(60_000_000_000));
    assert_eq!(refused.retry_after_secs(), Some(60));
    assert_eq!(refused.rate_limit_header(), r#""permin";r=0;t=60"#);
    let almost = policy.decide(at(59_999), &state, 1);
    assert!(!almost.is_allowed());
    assert_eq!(almost.retry_after_secs(), Some(1));
    assert_eq!(almost.rate_limit_header(), r#""permin";r=0;t=1"#);
    let next = policy.decide(at(60_000), &state, 1);
    assert!(next.is_allowed());
    assert_eq!(next.rate_limit_header(), r#""permin";r=99;t=60"#);
}

#[test]
fn evenly_paced_at_the_limit_is_never_refused() {
    // 100 a minute, one every 600 ms, for ten minutes; and 100 at once every minute.
    let policy = Policy::TEST;
    let mut state = RateState::new();
    for i in 0..1000 {
        fill(&policy, &mut state, at(i * 600), 1, 1);
    }
    let mut state = RateState::new();
    for minute in 0..10 {
        fill(&policy, &mut state, at(minute * 60_000), 100, 1);
    }
    let mut state = RateState::new();
    for i in 0..30 {
        fill(&policy, &mut state, at(i * 20_000), 30, 1);
    }
}

#[test]
fn costs_are_units() {
    let q = Quota::new("q", 10, 10).unwrap();
    let policy = Policy::new("p", &[q]).unwrap();
    let mut state = RateState::new();
    fill(&policy, &mut state, T0, 1, 4);
    fill(&policy, &mut state, at(1000), 1, 5);
    // 9 in the window: a cost of 2 waits for the first request's 4 units (at 10 s).
    let refused = policy.decide(at(2000), &state, 2);
    assert_eq!(refused.statuses()[0].remaining(), 1);
    assert_eq!(refused.statuses()[0].wait_nanos(), Some(8_000_000_000));
    assert_eq!(refused.statuses()[0].reset_secs(), 8);
    assert!(policy.decide(at(2000), &state, 1).is_allowed());
    assert!(policy.decide(at(10_000), &state, 2).is_allowed());
    // At 10 s the first 4 units have left the window and the 5 from 1 s have not.
    assert!(policy.decide(at(10_000), &state, 5).is_allowed());
    assert!(!policy.decide(at(10_000), &state, 6).is_allowed());
    assert_eq!(
        policy.decide(at(10_000), &state, 6).retry_after_secs(),
        Some(1)
    );
}

#[test]
fn a_refused_request_consumes_no_window() {
    // The minute quota has room, the hour quota does not: nothing is spent anywhere.
    let per_min = Quota::new("permin", 5, 60).unwrap();
    let per_hr = Quota::new("perhr", 2, 3600).unwrap();
    let policy = Policy::new("p", &[per_min, per_hr]).unwrap();
    let mut state = RateState::new();
    fill(&policy, &mut state, T0, 2, 1);
    let refused = policy.decide(at(1), &state, 1);
    assert!(!refused.is_allowed());
    assert_eq!(refused.new_state(), state);
    assert!(!refused.statuses()[0].is_refused());
    assert!(refused.statuses()[1].is_refused());
    assert_eq!(
        refused.violated().map(|q| q.name()).collect::<Vec<_>>(),
        ["perhr"]
    );
    let body = serde_json::to_value(refused.problem()).unwrap();
    assert_eq!(body["status"], 429);
    assert_eq!(body["violated-policies"], serde_json::json!(["perhr"]));
    assert_eq!(body["code"], "rate_limited");
    assert_eq!(refused.statuses()[0].remaining(), 3);
    assert_eq!(refused.retry_after_secs(), Some(3600));
}

#[test]
fn retry_after_is_the_longest_wait() {
    let a = Quota::new("a", 1, 10).unwrap();
    let b = Quota::new("b", 1, 100).unwrap();
    let policy = Policy::new("p", &[a, b]).unwrap();
    let state = policy.decide(T0, &EMPTY, 1).new_state();
    let refused = policy.decide(at(500), &state, 1);
    assert_eq!(refused.retry_after_secs(), Some(100)); // 99.5 s rounded up
    let headers = refused.headers();
    assert_eq!(headers[1].1, r#""a";r=0;t=10, "b";r=0;t=100"#);
    assert_eq!(headers[2], ("Retry-After".to_owned(), "100".to_owned()));
}

#[test]
fn cost_above_the_limit_is_never_admitted() {
    let policy = Policy::TEST;
    let d = policy.decide(T0, &EMPTY, 101);
    assert!(!d.is_allowed());
    assert_eq!(d.retry_after_secs(), None);
    assert!(d.problem().detail.contains("costs more"));
    assert!(policy.decide(T0, &EMPTY, 100).is_allowed());
    assert!(!policy.decide(T0, &EMPTY, u32::MAX).is_allowed());
    // Cost 0 peeks: admitted, nothing consumed, nothing to write.
    let peek = policy.decide(T0, &EMPTY, 0);
    assert!(peek.is_allowed());
    assert!(!peek.writes());
    assert_eq!(peek.statuses()[0].remaining(), 100);
    assert_eq!(peek.statuses()[0].reset_secs(), 0);
    assert!(peek.new_state().is_empty());
}

#[test]
fn a_clock_behind_the_state_is_read_as_its_newest_entry() {
    let policy = Policy::TEST;
    let mut state = RateState::new();
    fill(&policy, &mut state, at(10_000), 100, 1);
    // Another instance, 10 s behind: its waits count from its own clock.
    let behind = policy.decide(T0, &state, 1);
    assert!(!behind.is_allowed());
    assert_eq!(behind.decided_at(), at(10_000));
    assert_eq!(behind.retry_after_secs(), Some(70));
    assert_eq!(behind.statuses()[0].reset_secs(), 70);
    // Admitted while behind: the entry is written at the newest instant.
    let mut state = RateState::new();
    fill(&policy, &mut state, at(10_000), 1, 1);
    let d = policy.decide(T0, &state, 1);
    assert!(d.is_allowed());
    assert_eq!(d.rate_limit_header(), r#""permin";r=98;t=70"#);
    let log = d.new_state();
    assert_eq!(log.log(0).unwrap().last(), at(10_000).as_nanos());
}

#[test]
fn entries_leave_after_long_idle_and_wrap_around_the_ring() {
    let q = Quota::new("q", 3, 1).unwrap();
    let policy = Policy::new("p", &[q]).unwrap();
    let mut state = RateState::new();
    // Many rounds through a ring of 3 slots, with gaps longer than 2^30 ns (the slot
    // width) between some of them.
    for round in 0..50u64 {
        let base = T0.as_nanos() + round * 5_000_000_000;
        for k in 0..3 {
            fill(&policy, &mut state, UnixNanos::from_nanos(base + k), 1, 1);
        }
        let full = policy.decide(UnixNanos::from_nanos(base + 3), &state, 1);
        assert!(!full.is_allowed(), "round {round}");
        assert_eq!(full.statuses()[0].wait_nanos(), Some(1_000_000_000 - 3));
    }
}

#[test]
fn a_state_of_other_quotas_is_repacked_with_its_entries() {
    let old = Policy::new("p", &[Quota::new("q", 5, 60).unwrap()]).unwrap();
    let new = Policy::new(
        "p",
        &[
            Quota::new("q", 8, 30).unwrap(),
            Quota::new("r", 3, 60).unwrap(),
        ],
    )
    .unwrap();
    let mut state = RateState::new();
    fill(&old, &mut state, T0, 2, 1);
    fill(&old, &mut state, at(40_000), 3, 1);
    // Under the new quotas the first two entries are out of the 30 s window (and the
    // second quota has no log yet).
    let d = new.decide(at(45_000), &state, 1);
    assert!(d.is_allowed());
    assert_eq!(d.statuses()[0].remaining(), 8 - 3 - 1);
    assert_eq!(d.statuses()[1].remaining(), 2);
    let state = d.new_state();
    assert_eq!(state.as_bytes().len(), RateState::size_for(&new));
    let again = new.decide(at(45_000), &state, 0);
    assert_eq!(again.statuses()[0].remaining(), 4);
    assert_eq!(again.statuses()[0].reset_secs(), 25); // the entries at 40 s
    assert_eq!(again.statuses()[1].remaining(), 2);
}

#[test]
fn quota_and_policy_errors() {
    assert_eq!(Quota::new("", 1, 1), Err(QuotaError::Name));
    assert_eq!(Quota::new("A", 1, 1), Err(QuotaError::Name));
    assert_eq!(Quota::new("a", 0, 1), Err(QuotaError::Limit));
    assert_eq!(
        Quota::new("a", MAX_QUOTA_LIMIT + 1, 1),
        Err(QuotaError::Limit)
    );
    assert_eq!(Quota::new("a", 1, 0), Err(QuotaError::Window));
    assert_eq!(
        Quota::new("a", 1, MAX_WINDOW_SECS + 1),
        Err(QuotaError::Window)
    );
    assert!(Quota::new("a", MAX_QUOTA_LIMIT, MAX_WINDOW_SECS).is_ok());
    let q = TEST_PER_MINUTE;
    assert_eq!(Policy::new("p", &[]), Err(PolicyError::Count));
    assert_eq!(Policy::new("p", &[q; 5]), Err(PolicyError::Count));
    assert_eq!(Policy::new("p", &[q, q]), Err(PolicyError::DuplicateName));
}

#[test]
fn state_ttl_covers_the_window() {
    let d = Policy::LIST.decide(T0, &EMPTY, 1);
    assert_eq!(d.state_ttl_millis(T0), 3_600_000);
    let state = d.new_state();
    assert_eq!(
        Policy::LIST
            .decide(at(1000), &state, 0)
            .state_ttl_millis(at(1000)),
        3_599_000
    );
    let idle = Policy::LIST.decide(T0, &EMPTY, 0);
    assert_eq!(idle.state_ttl_millis(T0), 1);
}

#[test]
fn state_sizes() {
    assert_eq!(RateState::size_for(&Policy::TEST), 476);
    assert_eq!(RateState::size_for(&Policy::LIVE), 4_526);
    let mut state = RateState::new();
    fill(&Policy::LIVE, &mut state, T0, 1000, 1);
    assert_eq!(state.as_bytes().len(), 4_526);
    assert!(!Policy::LIVE.decide(T0, &state, 1).is_allowed());
}
