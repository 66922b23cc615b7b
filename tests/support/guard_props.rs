//! Property checks for the guards' header parsers, shared by the fuzz target
//! (`fuzz/fuzz_targets/guard_headers.rs` includes this file with `#[path]`), the stable
//! corpus replay and the proptests (`tests/guards.rs`). Each check panics (an assertion)
//! only when the library breaks a property.

#![allow(dead_code)]

use customer_core::guard::{
    ApiKey, ApiKeyError, AuthError, Fingerprint, IdempotencyKey, KeyFormat, KeyKind, Operation,
    Policy, RateState, UnixNanos,
};

/// Any bytes as an `Authorization` value, an `Idempotency-Key` value, an API key and a
/// request body: no panic, and
/// - a parsed key re-parses from its whole text to the same key, its `Display` and
///   `Debug` show only the prefix and last four characters, and its `Authorization`
///   form parses back;
/// - no 401/403 message, challenge or problem body contains the presented token (when it
///   is long enough to tell: 12 bytes or more);
/// - a parsed idempotency key is 1 to 255 visible ASCII characters, and reads back the
///   same from its bare form (when it does not start with `"`) and from its quoted form;
/// - the fingerprint of the bytes is deterministic;
/// - as a stored rate-limit state, the bytes are refused or decide under every seed
///   policy, and what a decision writes reads back.
pub fn check_guard_headers(data: &[u8]) {
    for format in [KeyFormat::Plain, KeyFormat::Checksummed] {
        check_authorization(data, format);
    }
    check_idempotency_key(data);
    assert_eq!(
        Fingerprint::of("POST", "/customers", "", data),
        Fingerprint::of("POST", "/customers", "", data)
    );
    check_rate_state(data);
}

/// Stored bytes as a rate-limit state: refused, or decided on without a panic, and the
/// state a decision writes is one `RateState::from_bytes` reads, of the policy's size.
pub fn check_rate_state(data: &[u8]) {
    let Ok(state) = RateState::from_bytes(data) else {
        return;
    };
    let now = UnixNanos::from_secs(1_700_000_000);
    for policy in [Policy::TEST, Policy::LIST] {
        for cost in [0, 1, 7] {
            let d = policy.decide(now, &state, cost);
            let _ = (d.headers(), d.retry_after_secs(), d.state_ttl_millis(now));
            let written = d.new_state();
            let read = RateState::from_bytes(written.as_bytes()).expect("a state it wrote");
            if d.writes() {
                assert_eq!(read.as_bytes().len(), RateState::size_for(&policy));
            } else {
                assert_eq!(read, state);
            }
        }
    }
}

fn check_authorization(data: &[u8], format: KeyFormat) {
    match ApiKey::from_authorization(Some(data), format) {
        Ok(key) => check_key(&key, format),
        Err(e) => check_no_leak(&e, data),
    }
    if let Ok(text) = std::str::from_utf8(data) {
        match ApiKey::parse(text, format) {
            Ok(key) => {
                check_key(&key, format);
                let header = format!("Bearer {text}");
                assert_eq!(
                    ApiKey::from_authorization(Some(header.as_bytes()), format).as_ref(),
                    Ok(&key)
                );
            }
            Err(e) => check_no_leak(&AuthError::InvalidKey(e), data),
        }
    }
}

fn check_key(key: &ApiKey, format: KeyFormat) {
    let text = key.expose_secret();
    assert_eq!(ApiKey::parse(text, format).as_ref(), Ok(key));
    assert!(text.starts_with(key.prefix()));
    let shown = key.to_string();
    let last4 = &text[text.len() - 4..];
    assert_eq!(shown, format!("{}…{last4}", key.prefix()));
    assert_eq!(format!("{key:?}"), format!("ApiKey({shown})"));
    assert!(!shown.contains(&text[key.prefix().len()..]));
}

/// The token is whatever follows the first space, or the whole value.
fn check_no_leak(e: &AuthError, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let token = text.trim().rsplit(' ').next().unwrap_or("");
    let problem = serde_json::to_string(&e.problem()).expect("problem serializes");
    let challenge = e.www_authenticate("customers");
    assert!(e.status() == 401 || e.status() == 403);
    assert!(challenge.starts_with("Bearer realm=\"customers\""));
    if token.len() >= 12 && !fixed_text().contains(token) {
        for shown in [e.to_string(), format!("{e:?}"), problem, challenge] {
            assert!(!shown.contains(token), "{shown:?} leaks the token");
        }
    }
}

fn check_idempotency_key(data: &[u8]) {
    let Ok(key) = IdempotencyKey::from_header(data) else {
        return;
    };
    let s = key.as_str();
    assert!((1..=255).contains(&s.len()), "{s:?}");
    assert!(s.bytes().all(|b| b.is_ascii_graphic()), "{s:?}");
    if !s.starts_with('"') {
        assert_eq!(IdempotencyKey::from_header(s.as_bytes()).as_ref(), Ok(&key));
    }
    let quoted = format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    assert_eq!(
        IdempotencyKey::from_header(quoted.as_bytes()).as_ref(),
        Ok(&key)
    );
    assert_eq!(s.parse::<IdempotencyKey>().as_ref(), Ok(&key));
}

/// Every text the 401/403 answers can hold whatever the input (a token that is a piece
/// of these, such as `Authorization`, is not a leak).
fn fixed_text() -> String {
    let errors = [
        AuthError::Missing,
        AuthError::UnsupportedScheme,
        AuthError::Malformed,
        AuthError::UnknownKey,
        AuthError::InvalidKey(ApiKeyError::TooLong),
        AuthError::InvalidKey(ApiKeyError::UnknownPrefix),
        AuthError::InvalidKey(ApiKeyError::InvalidCharacter { position: 1 }),
        AuthError::InvalidKey(ApiKeyError::TooShort),
        AuthError::InvalidKey(ApiKeyError::Checksum),
        AuthError::Forbidden {
            kind: KeyKind::Publishable,
            operation: Operation::ListCustomers,
        },
    ];
    let mut text = String::new();
    for e in errors {
        text.push_str(&e.to_string());
        text.push_str(&format!("{e:?}"));
        text.push_str(&serde_json::to_string(&e.problem()).expect("problem"));
        text.push_str(&e.www_authenticate("customers"));
    }
    text
}
