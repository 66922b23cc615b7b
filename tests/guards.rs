//! The request guards, end to end: the case table `tests/data/guards.json`
//! against an in-memory store that honours the write conditions, a canary key that no
//! answer may contain, the proptest properties (rate limits decide as an exact reference
//! that keeps every admitted request, never admit more than `q` units in any window of
//! `w` seconds, alone or combined, and write `RateLimit` and `Retry-After` as the draft
//! reads them; a refused request consumes nothing; a replay returns the stored bytes
//! exactly; fingerprints ignore key order and spacing and compare numbers exactly;
//! any header value is safe; interleaved requests never hold one key together nor replay
//! another request's response), and the `guard_headers` fuzz corpus replay.

mod support;

use support::json::json_value;

use support::{corpus, guard_props};

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use customer_core::guard::{
    ApiKey, AuthError, Fingerprint, IdempotencyDecision, IdempotencyKey, IdempotencyPolicy,
    IdempotencyRecord, IdempotencyRequest, KeyFormat, KeyKind, KeyMode, LeaseToken, Operation,
    Outcome, Policy, Quota, RateDecision, RateState, StoredResponse, UnixNanos, WriteCondition,
    authenticate,
};
use proptest::prelude::*;
use serde_json::Value;

const T0: u64 = 1_700_000_000;

fn table() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/guards.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("table")).expect("JSON")
}

/// `{N c}` → `c` repeated N times; `{generated}` and `{generated_typo}` → a checksummed
/// key and the same with one character changed.
fn expand(text: &str) -> String {
    let generated = ApiKey::generate(KeyKind::Secret, KeyMode::Live, &[0x5a; 32]);
    let generated = generated.expose_secret().to_owned();
    let mut typo = generated.clone().into_bytes();
    typo[20] = if typo[20] == b'a' { b'b' } else { b'a' };
    let mut out = text
        .replace("{generated}", &generated)
        .replace("{generated_typo}", &String::from_utf8(typo).expect("ascii"));
    while let Some(start) = out.find('{') {
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let inner = &out[start + 1..start + len];
        let Some((n, c)) = inner.split_once(' ') else {
            break;
        };
        let Ok(n) = n.parse::<usize>() else { break };
        let repeated = c.repeat(n);
        out.replace_range(start..start + len + 1, &repeated);
    }
    out
}

/// The code a case expects: `errors[0].code` (the shape every table under tests/data
/// uses for expected codes, so one test checks that each code is exercised).
fn code(expect: &Value) -> &Value {
    &expect["errors"][0]["code"]
}

fn operation(name: &str) -> Operation {
    match name {
        "create" => Operation::CreateCustomer,
        "list" => Operation::ListCustomers,
        "retrieve" => Operation::RetrieveCustomer,
        other => panic!("unknown operation {other}"),
    }
}

#[test]
fn authorization_table() {
    let table = table();
    let realm = table["realm"].as_str().expect("realm");
    let mut failures = Vec::new();
    for case in table["authorization"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let header = case["header"].as_str().map(expand);
        let format = match case["format"].as_str() {
            Some("checksummed") => KeyFormat::Checksummed,
            _ => KeyFormat::Plain,
        };
        let op = operation(case["operation"].as_str().expect("operation"));
        let expect = &case["expect"];
        let result = authenticate(header.as_deref().map(str::as_bytes), format, op);
        let ok = match (&result, expect.get("status")) {
            (Ok(key), None) => {
                let kind = match key.kind() {
                    KeyKind::Secret => "secret",
                    KeyKind::Publishable => "publishable",
                    _ => "unknown",
                };
                kind == expect["kind"]
                    && key.mode().as_str() == expect["mode"]
                    && expect
                        .get("shown")
                        .is_none_or(|s| s.as_str() == Some(key.to_string().as_str()))
            }
            (Err(e), Some(status)) => {
                let problem = serde_json::to_value(e.problem()).expect("problem");
                *status == e.status()
                    && problem["status"] == *status
                    && code(expect) == e.code().as_str()
                    && problem["code"] == *code(expect)
                    && expect
                        .get("www_authenticate")
                        .is_none_or(|w| *w == e.www_authenticate(realm))
                    && expect
                        .get("message")
                        .is_none_or(|m| *m == e.to_string() && problem["detail"] == *m)
            }
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: got {result:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn idempotency_key_table() {
    let mut failures = Vec::new();
    for case in table()["idempotency_key"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let header = expand(case["header"].as_str().expect("header"));
        let expect = &case["expect"];
        let result = IdempotencyKey::from_header(header.as_bytes());
        let ok = match &result {
            Ok(key) => expect
                .get("key")
                .and_then(Value::as_str)
                .is_some_and(|k| expand(k) == key.as_str()),
            Err(e) => {
                let problem = serde_json::to_value(e.problem()).expect("problem");
                code(expect) == e.code().as_str()
                    && problem["status"] == 400
                    && problem["code"] == *code(expect)
                    && expect.get("message").is_none_or(|m| *m == e.to_string())
            }
        };
        if !ok {
            failures.push(format!("{name}: got {result:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A store that applies writes only under their conditions, as the SQL and
/// Redis recipes of docs/guards.md do.
#[derive(Default)]
struct Store {
    records: HashMap<String, IdempotencyRecord>,
}

impl Store {
    fn write(&mut self, key: &str, record: IdempotencyRecord, condition: WriteCondition) -> bool {
        let holds = match (self.records.get(key), condition) {
            (None, WriteCondition::Absent) => true,
            (Some(stored), WriteCondition::TokenIs(t)) => stored.token() == t,
            _ => false,
        };
        if holds {
            // Through JSON, as a real store would keep it.
            let json = serde_json::to_string(&record).expect("serialize");
            self.records.insert(
                key.to_owned(),
                serde_json::from_str(&json).expect("deserialize"),
            );
        }
        holds
    }

    /// The end of a request: store or delete, only while the record holds `token`.
    fn finish(&mut self, key: &str, token: LeaseToken, outcome: Outcome) -> bool {
        let Some(stored) = self.records.get(key) else {
            return false;
        };
        match stored.finish(&token, outcome) {
            Ok(Some(done)) => self.write(key, done, WriteCondition::TokenIs(token)),
            Ok(None) => self.records.remove(key).is_some(),
            Err(_) => false,
        }
    }
}

fn outcome(finish: &Value) -> Outcome {
    match finish {
        Value::String(s) if s == "not_started" => Outcome::NotStarted,
        v => Outcome::Responded(StoredResponse::new(
            u16::try_from(v["status"].as_u64().expect("status")).expect("u16"),
            vec![("Content-Type".into(), "application/json".into())],
            v["body"].as_str().expect("body").as_bytes().to_vec(),
        )),
    }
}

#[test]
fn idempotency_table() {
    let policy = IdempotencyPolicy::DEFAULT;
    let mut failures = Vec::new();
    for case in table()["idempotency"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let mut store = Store::default();
        for (i, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
            let fail = |what: String| format!("{name}, step {i}: {what}");
            let now = UnixNanos::from_secs(T0 + step["at"].as_u64().expect("at"));
            let body = match step.get("body_raw") {
                Some(raw) => raw.as_str().expect("raw").as_bytes().to_vec(),
                None => serde_json::to_vec(&step["body"]).expect("body"),
            };
            let mode = match step["mode"].as_str() {
                Some("test") => KeyMode::Test,
                _ => KeyMode::Live,
            };
            let request = IdempotencyRequest::new(
                step["account"].as_str().unwrap_or("acct_1"),
                mode,
                "k-1".parse().expect("key"),
                Fingerprint::of(
                    "POST",
                    step["path"].as_str().unwrap_or("/customers"),
                    "",
                    &body,
                ),
            );
            let key = request.storage_key();
            let token = LeaseToken::from_bytes([step["token"].as_u64().expect("token") as u8; 16]);
            if let Some(finish) = step.get("finish_only") {
                let lost = step["lease_lost"].as_bool().unwrap_or(false);
                if store.finish(&key, token, outcome(finish)) == lost {
                    failures.push(fail(format!("finish: lease lost expected {lost}")));
                }
                continue;
            }
            let stored = store.records.get(&key).cloned();
            let decision = policy.decide(&request, stored.as_ref(), now, token);
            let got = match &decision {
                IdempotencyDecision::Proceed { .. } => "proceed",
                IdempotencyDecision::Replay(_) => "replay",
                IdempotencyDecision::InFlight => "in_flight",
                IdempotencyDecision::Mismatch => "mismatch",
                _ => "unknown",
            };
            if step["expect"] != got {
                failures.push(fail(format!("expected {}, got {got}", step["expect"])));
                break;
            }
            match decision {
                IdempotencyDecision::Proceed { record, write } => {
                    let expected_write = match write {
                        WriteCondition::Absent => "absent",
                        WriteCondition::TokenIs(_) => "token_is",
                        _ => "unknown",
                    };
                    if step.get("write").is_some_and(|w| *w != expected_write) {
                        failures.push(fail(format!("write condition {expected_write}")));
                    }
                    if !store.write(&key, record, write) {
                        failures.push(fail("the proceed write did not apply".into()));
                    }
                    if let Some(finish) = step.get("finish")
                        && !store.finish(&key, token, outcome(finish))
                    {
                        failures.push(fail("the finish write did not apply".into()));
                    }
                }
                IdempotencyDecision::Replay(replay) => {
                    let headers: Vec<_> = replay.headers().collect();
                    if headers.last() != Some(&("Idempotent-Replayed", "true"))
                        || step.get("status").is_some_and(|s| *s != replay.status())
                        || step
                            .get("replayed_body")
                            .is_some_and(|b| b.as_str().map(str::as_bytes) != Some(replay.body()))
                    {
                        failures.push(fail(format!("replay {replay:?}")));
                    }
                }
                refused => {
                    let (status, problem) = refused.problem().expect("a problem");
                    let body = serde_json::to_value(problem).expect("problem");
                    if step.get("status").is_some_and(|s| *s != status)
                        || (step.get("errors").is_some() && *code(step) != body["code"])
                        || body["status"] != status
                    {
                        failures.push(fail(format!("refusal {status} {body}")));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rate_limit_table() {
    let mut failures = Vec::new();
    for case in table()["rate_limit"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let policy = match case["policy"].as_str() {
            Some("test") => &Policy::TEST,
            Some("live") => &Policy::LIVE,
            Some("list") => &Policy::LIST,
            other => panic!("unknown policy {other:?}"),
        };
        let mut state = RateState::new();
        for (i, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
            let repeat = step["repeat"].as_u64().unwrap_or(1);
            let every = step["every_ms"].as_u64().unwrap_or(0);
            let cost = u32::try_from(step["cost"].as_u64().unwrap_or(1)).expect("cost");
            let expect = &step["expect"];
            for n in 0..repeat {
                let ms = step["at_ms"].as_u64().expect("at_ms") + n * every;
                let now = UnixNanos::from_nanos(T0 * 1_000_000_000 + ms * 1_000_000);
                let d = policy.decide(now, &state, cost);
                let headers: HashMap<String, String> = d.headers().into_iter().collect();
                let problem = serde_json::to_value(d.problem()).expect("problem");
                let header_ok = |h: &str| {
                    expect.get(h).is_none_or(|v| match v {
                        Value::Null => !headers.contains_key(h),
                        v => v.as_str() == headers.get(h).map(String::as_str),
                    })
                };
                let ok = expect["allowed"] == d.is_allowed()
                    && ["RateLimit-Policy", "RateLimit", "Retry-After"]
                        .iter()
                        .all(|h| header_ok(h))
                    && expect
                        .get("violated")
                        .is_none_or(|v| *v == problem["violated-policies"])
                    && (expect.get("errors").is_none() || *code(expect) == problem["code"])
                    && (d.is_allowed() || problem["status"] == 429);
                if !ok {
                    failures.push(format!("{name}, step {i} #{n}: {headers:?} {problem}"));
                    break;
                }
                if d.is_allowed() {
                    let bytes = d.new_state().into_bytes();
                    state = RateState::from_bytes(&bytes).expect("a state this crate wrote");
                } else {
                    assert_eq!(d.new_state(), state, "{name}: a refusal changed the state");
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// No answer contains the key.

const CANARY: &str = "sk_test_CANARYcanary0123456789CANARY";

#[test]
fn no_answer_contains_the_canary_key() {
    let body = &CANARY["sk_test_".len()..];
    let headers = [
        format!("Bearer {CANARY}"),
        format!("Bearer {CANARY} extra"),
        format!("Basic {CANARY}"),
        CANARY.to_owned(),
        format!("Bearer {CANARY}="),
        format!("Bearer {}", CANARY.replace("sk_test_", "xk_test_")),
        format!("Bearer {CANARY}{}", "x".repeat(200)),
        format!("Bearer \t{CANARY}"),
    ];
    let mut errors: Vec<AuthError> = Vec::new();
    for header in &headers {
        for format in [KeyFormat::Plain, KeyFormat::Checksummed] {
            for op in [Operation::CreateCustomer, Operation::ListCustomers] {
                if let Err(e) = authenticate(Some(header.as_bytes()), format, op) {
                    errors.push(e);
                }
            }
        }
    }
    let pk = CANARY.replace("sk_test_", "pk_test_");
    errors.push(
        authenticate(
            Some(format!("Bearer {pk}").as_bytes()),
            KeyFormat::Plain,
            Operation::ListCustomers,
        )
        .expect_err("403"),
    );
    errors.push(AuthError::UnknownKey);
    assert!(errors.len() > 20);
    for e in &errors {
        let problem = serde_json::to_string(&e.problem()).expect("problem");
        for shown in [
            e.to_string(),
            format!("{e:?}"),
            problem,
            e.www_authenticate(CANARY),
        ] {
            // The realm is the service's own text; strip it before looking.
            let shown = shown.replace(&format!("realm=\"{CANARY}\""), "");
            for piece in [body, "CANARY", "0123456789"] {
                assert!(!shown.contains(piece), "{shown:?} contains {piece}");
            }
        }
    }
    let key = ApiKey::parse(CANARY, KeyFormat::Plain).expect("canary");
    for shown in [key.to_string(), format!("{key:?}"), key.masked()] {
        assert!(!shown.contains("CANARYcanary"), "{shown}");
        assert!(
            shown.ends_with("NARY") || shown.ends_with("NARY)"),
            "{shown}"
        );
    }
}

#[test]
fn guard_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ApiKey>();
    check::<AuthError>();
    check::<customer_core::guard::KeyPepper>();
    check::<IdempotencyRecord>();
    check::<IdempotencyDecision<'static>>();
    check::<Policy>();
    check::<RateDecision<'static>>();
    check::<RateState>();
    check::<Fingerprint>();
}

// ---------------------------------------------------------------------------------------
// Properties.

/// A quota whose window fills in a short schedule: mostly small limits, sometimes the
/// seeds' sizes.
fn quota(name: &'static str) -> impl Strategy<Value = Quota> {
    (
        prop_oneof![4 => 1u32..=12, 2 => 1u32..=100, 1 => Just(1000u32)],
        prop_oneof![1u32..=10, Just(60u32)],
    )
        .prop_map(move |(limit, window)| Quota::new(name, limit, window).expect("valid quota"))
}

/// One to three quotas.
fn policy() -> impl Strategy<Value = Vec<Quota>> {
    (quota("a"), quota("b"), quota("c"), 1usize..=3).prop_map(|(a, b, c, n)| {
        let mut quotas = vec![a, b, c];
        quotas.truncate(n);
        quotas
    })
}

/// Arrivals: a clock step in nanoseconds (often zero, often whole quarters of a second,
/// sometimes long, now and then backwards: another instance's clock behind) and a cost.
fn schedule() -> impl Strategy<Value = Vec<(i64, u32)>> {
    prop::collection::vec(
        (
            prop_oneof![
                4 => Just(0i64),
                4 => 0i64..2_000_000_000,
                2 => 0i64..20_000_000_000,
                // Whole quarters of a second: units meet window edges to the nanosecond.
                3 => (1i64..=20).prop_map(|n| n * 250_000_000),
                1 => Just(1i64),
                1 => -5_000_000_000i64..0,
            ],
            prop_oneof![8 => 0u32..=3, 2 => 0u32..=60, 1 => 0u32..=1100],
        ),
        1..300,
    )
}

/// How many random schedules the reference test runs: `CUSTOMER_CORE_RATE_SCHEDULES`, else
/// 256 (the 10⁵ figure in `benches/README.md` comes from
/// `CUSTOMER_CORE_RATE_SCHEDULES=100000 cargo test --release --test guards reference`).
fn schedules() -> u32 {
    std::env::var("CUSTOMER_CORE_RATE_SCHEDULES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

static SCHEDULES_RUN: AtomicU64 = AtomicU64::new(0);
static DECISIONS_RUN: AtomicU64 = AtomicU64::new(0);

/// What the reference says about one quota.
#[derive(Debug, PartialEq, Eq)]
struct Expected {
    remaining: u64,
    reset_nanos: u64,
    wait_nanos: Option<u64>,
    refused: bool,
}

/// The exact sliding window, written as directly as possible: every admitted unit's
/// instant, kept forever; a request of cost `c` at `now` is admitted exactly when, for
/// every quota, the units with `now − w < s ≤ now` plus `c` are at most `q`. A clock
/// behind the newest admitted unit is read as that unit's instant.
#[derive(Default)]
struct Reference {
    units: Vec<u64>,
}

impl Reference {
    fn decide(&mut self, quotas: &[Quota], now: u64, cost: u32) -> (bool, Vec<Expected>) {
        let at = self.units.last().map_or(now, |&last| now.max(last));
        let c = u64::from(cost);
        let mut per_quota = Vec::new();
        for q in quotas {
            let w = q.window_nanos();
            let first = self.units.partition_point(|&s| at - s >= w);
            let count = (self.units.len() - first) as u64;
            let limit = u64::from(q.limit());
            let refused = count + c > limit;
            let wait_nanos = (refused && c <= limit).then(|| {
                let need = (count + c - limit) as usize;
                self.units[first + need - 1] + w - now
            });
            per_quota.push((first, count, limit, w, refused, wait_nanos));
        }
        let allowed = per_quota.iter().all(|p| !p.4);
        let spends = allowed && cost > 0;
        let expected = per_quota
            .iter()
            .map(|&(first, count, limit, w, refused, wait_nanos)| {
                let oldest = if count > 0 {
                    Some(self.units[first])
                } else if spends {
                    Some(at)
                } else {
                    None
                };
                Expected {
                    remaining: (limit - count.min(limit)) - if spends { c } else { 0 },
                    reset_nanos: oldest.map_or(0, |s| s + w - now),
                    wait_nanos,
                    refused,
                }
            })
            .collect();
        if spends {
            self.units.extend(std::iter::repeat_n(at, cost as usize));
        }
        (allowed, expected)
    }
}

fn observed(d: &RateDecision<'_>) -> Vec<Expected> {
    d.statuses()
        .iter()
        .map(|s| Expected {
            remaining: s.remaining(),
            reset_nanos: s.reset_nanos(),
            wait_nanos: s.wait_nanos(),
            refused: s.is_refused(),
        })
        .collect()
}

/// Runs the schedule through the policy, the state through its bytes at every write;
/// returns the admitted (instant, cost) pairs and each decision's (now, state before,
/// cost), checking on the way that a refused request changes nothing.
#[allow(clippy::type_complexity)]
fn run(policy: &Policy, schedule: &[(i64, u32)]) -> (Vec<(u64, u32)>, Vec<(u64, RateState, u32)>) {
    let mut now = T0 * 1_000_000_000;
    let mut state = RateState::new();
    let mut admitted = Vec::new();
    let mut decided = Vec::new();
    for &(step, cost) in schedule {
        now = now.saturating_add_signed(step);
        let d = policy.decide(UnixNanos::from_nanos(now), &state, cost);
        decided.push((now, state.clone(), cost));
        if d.is_allowed() {
            if cost > 0 {
                admitted.push((d.decided_at().as_nanos(), cost));
            }
            let bytes = d.new_state().into_bytes();
            state = RateState::from_bytes(&bytes).expect("a state this crate wrote");
        } else {
            assert_eq!(d.new_state(), state, "a refused request changed the state");
        }
    }
    (admitted, decided)
}

/// No window `[a, a + w)` holds more than `q` admitted units.
fn assert_window_bound(quota: &Quota, admitted: &[(u64, u32)]) {
    let w = quota.window_nanos();
    for (i, &(start, _)) in admitted.iter().enumerate() {
        let units: u64 = admitted[i..]
            .iter()
            .take_while(|(t, _)| *t < start + w)
            .map(|(_, c)| u64::from(*c))
            .sum();
        assert!(
            units <= u64::from(quota.limit()),
            "{units} units in a window of {quota:?}"
        );
    }
}

const SEC: u64 = 1_000_000_000;

/// `RateLimit` and `Retry-After` say what the limiter then does, as the draft reads them:
/// - a refused request with `Retry-After: n` is admitted `n` seconds later and still
///   refused a second earlier, and `n` is at least the `t` of every quota that refuses it
///   (the same instant for a request of cost 1 on one quota);
/// - `r` is what can be sent now: after this request, a cost of `r` passes each quota
///   and `r + 1` does not;
/// - `t` is when additional quota comes: `r + 1` still does not pass a second before `t`,
///   and passes at `t`.
fn check_headers(policy: &Policy, now: u64, state: &RateState, cost: u32) {
    let d = policy.decide(UnixNanos::from_nanos(now), state, cost);
    let after = d.new_state();
    let at = |secs: u64| UnixNanos::from_nanos(now + secs * SEC);
    if let Some(retry) = d.retry_after_secs() {
        assert!(
            policy.decide(at(retry), state, cost).is_allowed(),
            "retry {retry}"
        );
        assert!(!policy.decide(at(retry - 1), state, cost).is_allowed());
        for s in d.statuses().iter().filter(|s| s.is_refused()) {
            assert!(
                s.reset_secs() <= retry,
                "t {} > Retry-After {retry}",
                s.reset_secs()
            );
        }
        if cost == 1 && policy.quotas().len() == 1 {
            assert_eq!(d.statuses()[0].reset_secs(), retry);
        }
    } else if !d.is_allowed() {
        // No wait helps only a cost above a limit.
        assert!(policy.quotas().iter().any(|q| cost > q.limit()));
    }
    for (i, (q, s)) in policy.quotas().iter().zip(d.statuses()).enumerate() {
        let r = u32::try_from(s.remaining()).expect("r");
        let passes = |when: UnixNanos, cost: u32| {
            !policy.decide(when, &after, cost).statuses()[i].is_refused()
        };
        assert!(passes(at(0), r), "r = {r} does not pass {q:?}");
        if r < q.limit() {
            assert!(!passes(at(0), r + 1), "r + 1 = {} passes {q:?}", r + 1);
            let t = s.reset_secs();
            assert!(t > 0);
            assert!(!passes(at(t - 1), r + 1), "r + 1 passes before t = {t}");
            assert!(passes(at(t), r + 1), "r + 1 does not pass at t = {t}");
        } else {
            assert_eq!(s.reset_secs(), 0);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(schedules()))]

    #[test]
    fn decisions_equal_the_exact_reference(quotas in policy(), schedule in schedule()) {
        let policy = Policy::new("p", &quotas).expect("policy");
        let mut reference = Reference::default();
        let mut now = T0 * 1_000_000_000;
        let mut state = RateState::new();
        for (i, &(step, cost)) in schedule.iter().enumerate() {
            now = now.saturating_add_signed(step);
            let d = policy.decide(UnixNanos::from_nanos(now), &state, cost);
            let (allowed, expected) = reference.decide(&quotas, now, cost);
            prop_assert_eq!(d.is_allowed(), allowed, "request {}", i);
            prop_assert_eq!(observed(&d), expected, "request {}", i);
            if d.is_allowed() {
                state = RateState::from_bytes(d.new_state().as_bytes()).expect("state");
            }
        }
        // The totals, once every schedule has passed (shown with --nocapture).
        let cases = SCHEDULES_RUN.fetch_add(1, Ordering::Relaxed) + 1;
        let decided = DECISIONS_RUN.fetch_add(schedule.len() as u64, Ordering::Relaxed)
            + schedule.len() as u64;
        if cases == u64::from(schedules()) {
            eprintln!("{cases} schedules, {decided} decisions, every one equal to the reference");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_more_than_q_in_any_window(quotas in policy(), schedule in schedule()) {
        let policy = Policy::new("p", &quotas).expect("policy");
        let (admitted, _) = run(&policy, &schedule);
        for q in &quotas {
            assert_window_bound(q, &admitted);
        }
    }

    #[test]
    fn headers_say_what_the_limiter_does(quotas in policy(), schedule in schedule()) {
        let policy = Policy::new("p", &quotas).expect("policy");
        let (_, decided) = run(&policy, &schedule);
        for (now, state, cost) in decided.iter().step_by(7) {
            check_headers(&policy, *now, state, *cost);
        }
    }

    #[test]
    fn a_state_read_under_other_quotas_never_panics(
        old in policy(), new in policy(), schedule in schedule(),
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let old = Policy::new("p", &old).expect("policy");
        let new = Policy::new("p", &new).expect("policy");
        let (_, decided) = run(&old, &schedule);
        if let Some((now, state, cost)) = decided.last() {
            let d = new.decide(UnixNanos::from_nanos(*now), state, *cost);
            let written = d.new_state();
            prop_assert!(RateState::from_bytes(written.as_bytes()).is_ok());
            if d.writes() {
                prop_assert_eq!(written.as_bytes().len(), RateState::size_for(&new));
            }
        }
        // Arbitrary bytes, and a written state with bytes overwritten: refused or read,
        // never a panic.
        guard_props::check_rate_state(&bytes);
        if let Some((_, state, _)) = decided.last() {
            let mut tampered = state.as_bytes().to_vec();
            for (i, b) in bytes.iter().enumerate() {
                if let Some(slot) = tampered.get_mut(usize::from(*b) * 7 + i) {
                    *slot ^= b.rotate_left(3) | 1;
                }
            }
            guard_props::check_rate_state(&tampered);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn replay_returns_the_stored_bytes_exactly(
        status in 100u16..600,
        headers in prop::collection::vec(("[A-Za-z-]{1,20}", "[ -~]{0,40}"), 0..5),
        body in prop::collection::vec(any::<u8>(), 0..2000),
        request_body in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let policy = IdempotencyPolicy::DEFAULT;
        let request = IdempotencyRequest::new(
            "acct", KeyMode::Test, "k".parse().expect("key"),
            Fingerprint::of("POST", "/customers", "", &request_body),
        );
        let now = UnixNanos::from_secs(T0);
        let token = LeaseToken::from_bytes([9; 16]);
        let IdempotencyDecision::Proceed { record, .. } = policy.decide(&request, None, now, token) else {
            panic!("first request must proceed")
        };
        let response = StoredResponse::new(status, headers.clone(), body.clone());
        let done = record.finish(&token, Outcome::Responded(response)).expect("held").expect("stored");
        let json = serde_json::to_vec(&done).expect("serialize");
        let stored: IdempotencyRecord = serde_json::from_slice(&json).expect("deserialize");
        let IdempotencyDecision::Replay(replay) = policy.decide(&request, Some(&stored), now, token) else {
            panic!("the retry must replay")
        };
        prop_assert_eq!(replay.body(), &body[..]);
        prop_assert_eq!(replay.status(), status);
        let replayed: Vec<(&str, &str)> = replay.headers().collect();
        let mut expected: Vec<(&str, &str)> = headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("idempotent-replayed"))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        expected.push(("Idempotent-Replayed", "true"));
        prop_assert_eq!(replayed, expected);
    }

    #[test]
    fn fingerprint_ignores_key_order_and_whitespace(value in json_value(4, "[a-zA-Z_é]{0,6}")) {
        let compact = serde_json::to_vec(&value).expect("json");
        let pretty = serde_json::to_vec_pretty(&value).expect("json");
        let reversed = reversed_json(&value);
        let f = |b: &[u8]| Fingerprint::of("POST", "/customers", "", b);
        prop_assert_eq!(f(&compact), f(&pretty));
        prop_assert_eq!(f(&compact), f(reversed.as_bytes()));
    }

    #[test]
    fn any_header_value_is_safe(data in prop::collection::vec(any::<u8>(), 0..300)) {
        guard_props::check_guard_headers(&data);
    }

    #[test]
    fn any_key_like_header_is_safe(
        prefix in prop_oneof![Just(""), Just("Bearer "), Just("bearer  "), Just("Basic ")],
        key in "(sk|pk)_(test_|live_)?[A-Za-z0-9=+/ _-]{0,140}",
    ) {
        guard_props::check_guard_headers(format!("{prefix}{key}").as_bytes());
        guard_props::check_guard_headers(format!("\"{key}\"").as_bytes());
    }
}

/// JSON with every object's members written in reverse order and spaces after `:`.
fn reversed_json(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let members: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{} : {}", Value::String(k.clone()), reversed_json(v)))
                .collect();
            format!("{{ {} }}", members.join(" , "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(reversed_json).collect();
            format!("[ {} ]", items.join(", "))
        }
        scalar => scalar.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Fingerprints compare numbers by exact decimal value.

/// A decimal value: sign, significant digits (no leading or trailing zero), power of ten.
fn decimal() -> impl Strategy<Value = (bool, String, i64)> {
    (any::<bool>(), "[1-9]([0-9]{0,45}[1-9])?", -40i64..40)
}

/// One JSON spelling of `sign × digits × 10^power`: `style` picks integer digits with an
/// exponent, scientific, positional, or a fraction with leading zeros and an exponent;
/// `pad` adds zeros that do not change the value; `upper` writes `E+`.
fn spell(value: &(bool, String, i64), style: u8, pad: usize, upper: bool) -> String {
    let (negative, digits, power) = (value.0, value.1.as_str(), value.2);
    let e = |exp: i64| match (upper, exp >= 0) {
        (true, true) => format!("E+{exp}"),
        (true, false) => format!("E{exp}"),
        (false, _) => format!("e{exp}"),
    };
    let len = digits.len() as i64;
    let zeros = |n: usize| "0".repeat(n);
    let body = match style % 4 {
        0 => format!("{digits}{}{}", zeros(pad), e(power - pad as i64)),
        1 => {
            let (first, rest) = digits.split_at(1);
            let frac = format!("{rest}{}", zeros(pad));
            let mantissa = if frac.is_empty() {
                first.to_owned()
            } else {
                format!("{first}.{frac}")
            };
            format!("{mantissa}{}", e(power + len - 1))
        }
        2 if power >= 0 => {
            let frac = if pad > 0 {
                format!(".{}", zeros(pad))
            } else {
                String::new()
            };
            format!("{digits}{}{frac}", zeros(power as usize))
        }
        2 => {
            let point = len + power;
            if point > 0 {
                let (int, frac) = digits.split_at(point as usize);
                format!("{int}.{frac}{}", zeros(pad))
            } else {
                format!("0.{}{digits}{}", zeros((-point) as usize), zeros(pad))
            }
        }
        _ => format!("0.{}{digits}{}", zeros(pad), e(power + len + pad as i64)),
    };
    if negative { format!("-{body}") } else { body }
}

fn amount(number: &str) -> Fingerprint {
    let body = format!(r#"{{"custom_data":{{"amount":{number}}},"list":[{number}]}}"#);
    assert!(
        serde_json::from_str::<serde::de::IgnoredAny>(&body).is_ok(),
        "{body} is not JSON"
    );
    Fingerprint::of("POST", "/customers", "", body.as_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spellings_of_one_number_share_a_fingerprint(
        value in decimal(), a in 0u8..4, b in 0u8..4, pa in 0usize..4, pb in 0usize..4,
        upper in any::<bool>(),
    ) {
        prop_assert_eq!(amount(&spell(&value, a, pa, upper)), amount(&spell(&value, b, pb, !upper)));
    }

    #[test]
    fn different_numbers_never_share_a_fingerprint(
        value in decimal(), tweak in 0u8..5, a in 0u8..4, b in 0u8..4, pa in 0usize..4,
        pb in 0usize..4,
    ) {
        let (negative, digits, power) = value.clone();
        let other = match tweak {
            // The last digit one up (or down from 9): a nearest neighbour at that precision.
            0 => {
                let mut d = digits.into_bytes();
                let last = d.last_mut().expect("a digit");
                *last = if *last == b'9' { b'8' } else { *last + 1 };
                (negative, String::from_utf8(d).expect("digits"), power)
            }
            1 => (negative, digits, power + 1),
            2 => (negative, format!("{digits}1"), power),
            3 => (!negative, digits, power),
            _ => (negative, format!("{digits}00000000000000000001"), power),
        };
        prop_assert_ne!(amount(&spell(&value, a, pa, false)), amount(&spell(&other, b, pb, true)));
    }

    #[test]
    fn big_integers_share_a_fingerprint_only_when_equal(
        a in "-?[1-9][0-9]{0,45}", b in "-?[1-9][0-9]{0,45}",
    ) {
        prop_assert_eq!(amount(&a) == amount(&b), a == b);
        // Past u64, next to each other.
        let a1 = format!("{a}99999999999999999999");
        let b1 = format!("{a}99999999999999999998");
        prop_assert_ne!(amount(&a1), amount(&b1));
    }
}

// ---------------------------------------------------------------------------------------
// The fuzz corpus.

#[test]
fn guard_headers_corpus() {
    corpus::replay("guard_headers", 20, guard_props::check_guard_headers);
}

/// The seeds `case-*` are the header values of the case table (one per case), so one
/// table feeds the tests and the fuzzer; regenerate with
/// `CUSTOMER_CORE_WRITE_CORPUS=1 cargo test --test guards corpus`.
#[test]
fn guard_headers_corpus_is_generated() {
    let table = table();
    let mut generated = Vec::new();
    for section in ["authorization", "idempotency_key"] {
        for case in table[section].as_array().expect("cases") {
            let Some(header) = case["header"].as_str() else {
                continue;
            };
            let name = format!("{section} {}", case["name"].as_str().expect("name"));
            generated.push((corpus::seed_name(&name), expand(header).into_bytes()));
        }
    }
    corpus::check_generated("guard_headers", generated);
}

// ---------------------------------------------------------------------------------------
// Idempotency under interleaving: requests read the store, decide, write and finish in
// any order and at any time, against a store that applies each write only under its
// condition (as the SQL and Redis do).

#[derive(Debug, Clone, Copy)]
enum Step {
    /// Request `r` reads the store and decides.
    Decide(usize),
    /// Request `r` applies its pending write (if its decision was proceed).
    Write(usize),
    /// Request `r` finishes (responds, or refused by validation).
    Finish(usize, bool),
    /// Time passes.
    Wait(u64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..4).prop_map(Step::Decide),
        (0usize..4).prop_map(Step::Write),
        (0usize..4, any::<bool>()).prop_map(|(r, ok)| Step::Finish(r, ok)),
        prop_oneof![Just(1u64), Just(30), Just(61), Just(86_400)].prop_map(Step::Wait),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn interleaved_requests_never_run_twice_nor_replay_another(
        steps in prop::collection::vec(step(), 1..60),
        bodies in prop::collection::vec(0u8..2, 4),
    ) {
        let policy = IdempotencyPolicy::DEFAULT;
        let mut now = T0 * 1_000_000_000;
        let mut store: Option<IdempotencyRecord> = None;
        // Per request: its pending proceed, whether it runs (holds the key), the token.
        let mut pending: Vec<Option<(IdempotencyRecord, WriteCondition)>> = vec![None; 4];
        let mut running = [false; 4];
        let request = |r: usize| IdempotencyRequest::new(
            "acct", KeyMode::Live, "k".parse().expect("key"),
            Fingerprint::of("POST", "/customers", "", &[bodies[r]]),
        );
        // A fresh token per attempt (the service draws 16 random bytes per request): the
        // conditional writes rely on tokens never repeating.
        let mut tokens = [LeaseToken::from_bytes([0; 16]); 4];
        let mut attempts = 0u8;
        for step in steps {
            let at = UnixNanos::from_nanos(now);
            match step {
                Step::Wait(s) => now += s * 1_000_000_000,
                Step::Decide(r) => {
                    if running[r] { continue; }
                    attempts += 1;
                    tokens[r] = LeaseToken::from_bytes([attempts; 16]);
                    match policy.decide(&request(r), store.as_ref(), at, tokens[r]) {
                        IdempotencyDecision::Proceed { record, write } => pending[r] = Some((record, write)),
                        IdempotencyDecision::Replay(replay) => {
                            // Only a response of an equal request is ever replayed.
                            let body = replay.body();
                            prop_assert_eq!(body, &[bodies[r]][..]);
                        }
                        _ => {}
                    }
                }
                Step::Write(r) => {
                    let Some((record, write)) = pending[r].take() else { continue };
                    let holds = match (&store, write) {
                        (None, WriteCondition::Absent) => true,
                        (Some(s), WriteCondition::TokenIs(t)) => s.token() == t,
                        _ => false,
                    };
                    if holds {
                        // Whoever held the key before has lost it: its lease had lapsed or
                        // its record had expired when this request decided.
                        if let Some(previous) = &store
                            && let customer_core::guard::RecordState::InFlight { lease_until } = previous.state()
                        {
                            prop_assert!(*lease_until <= at || previous.expires_at() <= at);
                        }
                        for (other, run) in running.iter_mut().enumerate() {
                            if other != r { *run = false; }
                        }
                        store = Some(record);
                        running[r] = true;
                    }
                }
                Step::Finish(r, responded) => {
                    if !running[r] { continue; }
                    running[r] = false;
                    let Some(stored) = &store else { continue };
                    let outcome = if responded {
                        Outcome::Responded(StoredResponse::new(201, vec![], vec![bodies[r]]))
                    } else {
                        Outcome::NotStarted
                    };
                    // The conditional write: only while the record holds this token.
                    if stored.token() == tokens[r] {
                        store = stored.finish(&tokens[r], outcome).expect("held");
                    } else {
                        prop_assert!(stored.finish(&tokens[r], Outcome::NotStarted).is_err());
                    }
                }
            }
            // At most one request holds the key at any time.
            prop_assert!(running.iter().filter(|r| **r).count() <= 1);
        }
    }
}
