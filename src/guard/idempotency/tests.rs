//! Unit tests of `idempotency`.

use super::*;

fn request(body: &[u8]) -> IdempotencyRequest {
    IdempotencyRequest::new(
        "acct_1",
        KeyMode::Live,
        IdempotencyKey::parse("k-1").unwrap(),
        Fingerprint::of("POST", "/customers", "", body),
    )
}

const T0: UnixNanos = UnixNanos::from_secs(1_700_000_000);
const A: LeaseToken = LeaseToken::from_bytes([1; 16]);
const B: LeaseToken = LeaseToken::from_bytes([2; 16]);

fn secs(s: u64) -> UnixNanos {
    UnixNanos::from_nanos(T0.as_nanos() + s * 1_000_000_000)
}

fn proceed(d: IdempotencyDecision<'_>) -> (IdempotencyRecord, WriteCondition) {
    match d {
        IdempotencyDecision::Proceed { record, write } => (record, write),
        other => panic!("expected proceed, got {other:?}"),
    }
}

#[test]
fn header_forms() {
    let k = |v: &[u8]| IdempotencyKey::from_header(v);
    assert_eq!(k(b"  abc  ").unwrap().as_str(), "abc");
    assert_eq!(k(br#""a\"b\\c""#).unwrap().as_str(), r#"a"b\c"#);
    assert_eq!(k(br#"a"b"#).unwrap().as_str(), r#"a"b"#);
    assert_eq!(k(b"\"\""), Err(IdempotencyKeyError::Empty));
    assert_eq!(k(b"\"abc"), Err(IdempotencyKeyError::Quoting));
    assert_eq!(k(br#""a\nb""#), Err(IdempotencyKeyError::Quoting));
    assert_eq!(k(br#""abc";p=1"#), Err(IdempotencyKeyError::Quoting));
    assert_eq!(
        k(br#""a b""#),
        Err(IdempotencyKeyError::InvalidCharacter { position: 2 })
    );
    assert_eq!(
        k("é".as_bytes()),
        Err(IdempotencyKeyError::InvalidCharacter { position: 1 })
    );
    assert!(k("x".repeat(255).as_bytes()).is_ok());
    assert_eq!(
        k("x".repeat(256).as_bytes()),
        Err(IdempotencyKeyError::TooLong)
    );
    assert_eq!(
        k("x".repeat(100_000).as_bytes()),
        Err(IdempotencyKeyError::TooLong)
    );
    let quoted = format!("\"{}\"", "\\\"".repeat(255));
    assert_eq!(k(quoted.as_bytes()).unwrap().as_str(), "\"".repeat(255));
}

#[test]
fn first_request_inserts_if_absent() {
    let policy = IdempotencyPolicy::DEFAULT;
    let (record, write) = proceed(policy.decide(&request(b"{}"), None, T0, A));
    assert_eq!(write, WriteCondition::Absent);
    assert_eq!(record.token(), A);
    assert_eq!(record.expires_at(), secs(86_400));
    assert_eq!(
        record.state(),
        &RecordState::InFlight {
            lease_until: secs(60)
        }
    );
    assert_eq!(record.ttl_millis(T0), 86_400_000);
}

#[test]
fn in_flight_then_lapsed_lease_is_taken_over() {
    let policy = IdempotencyPolicy::DEFAULT;
    let (record, _) = proceed(policy.decide(&request(b"{}"), None, T0, A));
    assert_eq!(
        policy.decide(&request(b"{}"), Some(&record), secs(59), B),
        IdempotencyDecision::InFlight
    );
    let (again, write) = proceed(policy.decide(&request(b"{}"), Some(&record), secs(60), B));
    assert_eq!(write, WriteCondition::TokenIs(A));
    assert_eq!(again.token(), B);
    // The crashed owner can no longer finish.
    assert_eq!(again.finish(&A, Outcome::NotStarted), Err(LeaseLost));
}

#[test]
fn mismatch_wins_over_in_flight() {
    let policy = IdempotencyPolicy::DEFAULT;
    let (record, _) = proceed(policy.decide(&request(b"{}"), None, T0, A));
    let d = policy.decide(&request(b"{\"a\":1}"), Some(&record), secs(1), B);
    assert_eq!(d, IdempotencyDecision::Mismatch);
    assert_eq!(d.problem().unwrap().0, 422);
    assert_eq!(IdempotencyDecision::InFlight.problem().unwrap().0, 409);
}

#[test]
fn scope_is_account_mode_and_key() {
    let policy = IdempotencyPolicy::DEFAULT;
    let (record, _) = proceed(policy.decide(&request(b"{}"), None, T0, A));
    let done = record
        .finish(
            &A,
            Outcome::Responded(StoredResponse::new(201, vec![], b"{}".to_vec())),
        )
        .unwrap()
        .unwrap();
    let mut other = request(b"{}");
    other.account = "acct_2".into();
    assert_eq!(
        policy.decide(&other, Some(&done), secs(1), B),
        IdempotencyDecision::Mismatch
    );
    assert_ne!(other.storage_key(), request(b"{}").storage_key());
    let mut test_mode = request(b"{}");
    test_mode.mode = KeyMode::Test;
    assert_eq!(
        policy.decide(&test_mode, Some(&done), secs(1), B),
        IdempotencyDecision::Mismatch
    );
    // Account ids that would collide without the length prefix do not.
    let a = IdempotencyRequest::new(
        "a:1",
        KeyMode::Live,
        "x".parse().unwrap(),
        *other.fingerprint(),
    );
    let b = IdempotencyRequest::new(
        "a",
        KeyMode::Live,
        "1:x".parse().unwrap(),
        *other.fingerprint(),
    );
    assert_ne!(a.storage_key(), b.storage_key());
}

#[test]
fn completed_replays_until_expiry_then_is_new() {
    let policy = IdempotencyPolicy::DEFAULT;
    let (record, _) = proceed(policy.decide(&request(b"{}"), None, T0, A));
    let response = StoredResponse::new(
        500,
        vec![
            ("Content-Type".into(), "application/json".into()),
            ("idempotent-replayed".into(), "x".into()),
        ],
        b"{\"error\":1}".to_vec(),
    );
    let done = record
        .finish(&A, Outcome::Responded(response))
        .unwrap()
        .unwrap();
    let IdempotencyDecision::Replay(replay) =
        policy.decide(&request(b"{}"), Some(&done), secs(86_399), B)
    else {
        panic!("expected a replay")
    };
    assert_eq!(replay.status(), 500);
    assert_eq!(replay.body(), b"{\"error\":1}");
    let headers: Vec<_> = replay.headers().collect();
    assert_eq!(
        headers,
        [
            ("Content-Type", "application/json"),
            ("Idempotent-Replayed", "true")
        ]
    );
    let (_, write) = proceed(policy.decide(&request(b"{}"), Some(&done), secs(86_400), B));
    assert_eq!(write, WriteCondition::TokenIs(A));
    // A completed record cannot be finished again.
    assert_eq!(done.finish(&A, Outcome::NotStarted), Err(LeaseLost));
}

#[test]
fn records_round_trip_through_json() {
    let policy = IdempotencyPolicy::DEFAULT;
    let (record, _) = proceed(policy.decide(&request(b"{}"), None, T0, A));
    let json = serde_json::to_string(&record).unwrap();
    assert!(json.contains("\"state\":\"in_flight\""), "{json}");
    assert_eq!(
        serde_json::from_str::<IdempotencyRecord>(&json).unwrap(),
        record
    );
    let done = record
        .finish(
            &A,
            Outcome::Responded(StoredResponse::new(201, vec![], vec![0, 159, 255])),
        )
        .unwrap()
        .unwrap();
    let json = serde_json::to_string(&done).unwrap();
    assert!(json.contains("\"body\":\"AJ//\""), "{json}");
    assert_eq!(
        serde_json::from_str::<IdempotencyRecord>(&json).unwrap(),
        done
    );
}

#[test]
fn policy_bounds() {
    assert!(IdempotencyPolicy::new(Duration::from_secs(10), Duration::from_secs(10)).is_err());
    assert!(IdempotencyPolicy::new(Duration::from_secs(10), Duration::ZERO).is_err());
    assert!(IdempotencyPolicy::new(Duration::from_secs(10), Duration::from_secs(9)).is_ok());
}
