//! The request guards (issue 11), end to end: the case table `tests/data/guards.json`
//! against an in-memory store that honours the write conditions, a canary key that no
//! answer may contain, the proptest properties (GCRA never admits more than `q` units in
//! any window of `w` seconds, alone or combined; a refused request consumes nothing; a
//! replay returns the stored bytes exactly; fingerprints ignore key order and spacing;
//! any header value is safe; interleaved requests never hold one key together nor replay
//! another request's response), and the `guard_headers` fuzz corpus replay.

mod support;

use support::json::json_value;

use support::{corpus, guard_props};

use std::collections::HashMap;

use customer_core::guard::{
    ApiKey, AuthError, Fingerprint, IdempotencyDecision, IdempotencyKey, IdempotencyPolicy,
    IdempotencyRecord, IdempotencyRequest, KeyFormat, KeyKind, KeyMode, LeaseToken, Operation,
    Outcome, Policy, Quota, StoredResponse, UnixNanos, WriteCondition, authenticate,
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

/// A store that applies writes only under their conditions, as the README's SQL and
/// Redis commands do.
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
        let mut state: Vec<Option<UnixNanos>> = vec![None; policy.quotas().len()];
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
                    state = d.new_state().to_vec();
                } else {
                    assert_eq!(
                        d.new_state(),
                        &state[..],
                        "{name}: a refusal changed the state"
                    );
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
    check::<customer_core::guard::RateDecision<'static>>();
}

// ---------------------------------------------------------------------------------------
// Properties.

/// A quota small enough for windows to fill in a short schedule.
fn quota(name: &'static str) -> impl Strategy<Value = Quota> {
    (1u32..=12, 1u32..=10)
        .prop_flat_map(|(limit, window)| (Just(limit), Just(window), 1..=limit))
        .prop_map(move |(limit, window, burst)| {
            Quota::new(name, limit, window, burst).expect("valid quota")
        })
}

/// Arrivals: gaps in nanoseconds (often zero, sometimes long) and costs 0 to 3.
fn schedule() -> impl Strategy<Value = Vec<(u64, u32)>> {
    prop::collection::vec(
        (
            prop_oneof![
                Just(0u64),
                0u64..2_000_000_000,
                0u64..20_000_000_000,
                Just(1u64)
            ],
            0u32..=3,
        ),
        1..300,
    )
}

/// Runs the schedule through the policy; returns the admitted (time, cost) pairs,
/// checking on the way that a refused request changes nothing.
fn run(policy: &Policy, schedule: &[(u64, u32)]) -> Vec<(u64, u32)> {
    let mut now = T0 * 1_000_000_000;
    let mut state: Vec<Option<UnixNanos>> = vec![None; policy.quotas().len()];
    let mut admitted = Vec::new();
    for &(gap, cost) in schedule {
        now += gap;
        let d = policy.decide(UnixNanos::from_nanos(now), &state, cost);
        if d.is_allowed() {
            state = d.new_state().to_vec();
            admitted.push((now, cost));
        } else {
            assert_eq!(
                d.new_state(),
                &state[..],
                "a refused request changed the state"
            );
            let retry = d.retry_after_secs();
            let refusing_never = d
                .statuses()
                .iter()
                .any(|s| s.is_refused() && s.wait_nanos().is_none());
            assert_eq!(retry.is_none(), refusing_never);
            // Waiting `Retry-After` is enough.
            if let Some(secs) = retry {
                let later = UnixNanos::from_nanos(now + secs * 1_000_000_000);
                assert!(policy.decide(later, &state, cost).is_allowed());
            }
        }
    }
    admitted
}

/// No closed window of `w` seconds holds more than `q` admitted units.
fn assert_window_bound(quota: &Quota, admitted: &[(u64, u32)]) {
    let w = u64::from(quota.window_secs()) * 1_000_000_000;
    for (i, &(start, _)) in admitted.iter().enumerate() {
        let units: u64 = admitted[i..]
            .iter()
            .take_while(|(t, _)| *t <= start + w)
            .map(|(_, c)| u64::from(*c))
            .sum();
        assert!(
            units <= u64::from(quota.limit()),
            "{units} units in a window of {quota:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn gcra_never_exceeds_q_in_any_window(q in quota("a"), schedule in schedule()) {
        let policy = Policy::new("p", &[q]).expect("policy");
        let admitted = run(&policy, &schedule);
        assert_window_bound(&q, &admitted);
    }

    #[test]
    fn combined_quotas_each_hold_and_refusals_cost_nothing(
        a in quota("a"), b in quota("b"), c in quota("c"), three in any::<bool>(),
        schedule in schedule(),
    ) {
        let quotas = if three { vec![a, b, c] } else { vec![a, b] };
        let policy = Policy::new("p", &quotas).expect("policy");
        let admitted = run(&policy, &schedule);
        for q in &quotas {
            assert_window_bound(q, &admitted);
        }
    }

    #[test]
    fn gcra_admits_the_burst_again_after_the_reset(q in quota("a"), idle in 0u64..5) {
        // From a clean state `burst` unit requests in one instant are all admitted, and
        // again after waiting the `t` of the RateLimit header (the limiter is not
        // stricter than it says).
        let policy = Policy::new("p", &[q]).expect("policy");
        let mut state = vec![None];
        let mut now = UnixNanos::from_secs(T0 + idle);
        for round in 0..2 {
            let mut reset = 0;
            for _ in 0..q.burst() {
                let d = policy.decide(now, &state, 1);
                prop_assert!(d.is_allowed(), "round {}", round);
                state = d.new_state().to_vec();
                reset = d.statuses()[0].reset_secs();
            }
            prop_assert_eq!(policy.decide(now, &state, 0).statuses()[0].remaining(), 0);
            now = UnixNanos::from_secs(now.as_nanos() / 1_000_000_000 + reset + 1);
        }
    }

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
// condition (as the README's SQL and Redis do).

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
