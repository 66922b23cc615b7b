//! Request guards: API keys, rate limits and idempotency keys, as pure decisions.
//!
//! A service passes in what it read (headers, body, the stored state) and the current
//! time; each guard answers with a decision and, where there is one, the new state to
//! store **atomically**. The crate holds no state, reads no clock and makes no randomness:
//! several instances of a service share limits and idempotency records through their
//! store, never through memory.
//!
//! # Order of evaluation
//!
//! **authenticate → rate limit → idempotency → validate → the endpoint.**
//!
//! - Authentication first: nothing is spent on an anonymous request, and the limits and
//!   records that follow are scoped to the caller (its account and mode).
//! - Rate limits before idempotency: a replay costs the store a read, so replays count
//!   against the limit too, and a refused request writes no record.
//! - Idempotency before validation: a retry of a request that already ran gets the
//!   stored response without being validated or run again; a request refused by
//!   validation releases its key (nothing is stored), so the client can fix the body and
//!   retry with the same key.
//!
//! ```
//! use std::time::Duration;
//! use customer_core::CreateCustomer;
//! use customer_core::guard::{
//!     ApiKey, Fingerprint, IdempotencyDecision, IdempotencyKey, IdempotencyPolicy,
//!     IdempotencyRecord, IdempotencyRequest, KeyFormat, KeyPepper, LeaseToken, Operation, Outcome,
//!     Policy, RateState, StoredResponse, UnixNanos, WriteCondition, authenticate,
//! };
//!
//! /// What a handler answers: status, headers, body.
//! type Response = (u16, Vec<(String, String)>, Vec<u8>);
//!
//! /// The service's store, in memory here (PostgreSQL or Redis in a real service, with
//! /// the atomic writes of the storage recipes below).
//! #[derive(Default)]
//! struct Store {
//!     rate: std::collections::HashMap<String, Vec<u8>>,
//!     records: std::collections::HashMap<String, IdempotencyRecord>,
//! }
//!
//! fn problem(status: u16, headers: Vec<(String, String)>, body: impl serde::Serialize) -> Response {
//!     let mut headers = headers;
//!     headers.push(("Content-Type".into(), "application/problem+json".into()));
//!     (status, headers, serde_json::to_vec(&body).unwrap())
//! }
//!
//! fn create_customer(
//!     store: &mut Store,
//!     authorization: Option<&[u8]>,
//!     idempotency_key: Option<&[u8]>,
//!     body: &[u8],
//!     now: UnixNanos,      // the service's clock
//!     token: LeaseToken,   // 16 random bytes from the service's generator
//! ) -> Response {
//!     // 1. Authenticate: the header, then the key's permissions (a real service also
//!     //    looks the key's digest up in its store, and answers 401 if it is unknown).
//!     let key = match authenticate(authorization, KeyFormat::Plain, Operation::CreateCustomer) {
//!         Ok(key) => key,
//!         Err(e) => {
//!             let headers = vec![("WWW-Authenticate".into(), e.www_authenticate("customers"))];
//!             return problem(e.status(), headers, e.problem());
//!         }
//!     };
//!     let account = "acct_1"; // from the key's stored record
//!
//!     // 2. Rate limit: every policy of the operation, committed only when all allow.
//!     let policy = Policy::for_request(key.mode(), Operation::CreateCustomer);
//!     let pepper = KeyPepper::new(b"a server-side pepper of 32 bytes").unwrap();
//!     let state_key = format!("rl:{}:{}", policy.id(), key.digest(&pepper).to_hex());
//!     let bytes = store.rate.get(&state_key).map_or(&[][..], Vec::as_slice);
//!     let stored = RateState::from_bytes(bytes).unwrap_or_default(); // unreadable: afresh
//!     let limit = policy.decide(now, &stored, 1);
//!     let mut headers = limit.headers();
//!     if !limit.is_allowed() {
//!         return problem(429, headers, limit.problem());
//!     }
//!     store.rate.insert(state_key, limit.new_state().into_bytes()); // compare-and-set in a real store
//!
//!     // 3. Idempotency (optional header, as in spec 000).
//!     let mut lease = None;
//!     if let Some(raw) = idempotency_key {
//!         let idem_key = match IdempotencyKey::from_header(raw) {
//!             Ok(k) => k,
//!             Err(e) => return problem(400, headers, e.problem()),
//!         };
//!         let request = IdempotencyRequest::new(
//!             account, key.mode(), idem_key,
//!             Fingerprint::of("POST", "/customers", "", body),
//!         );
//!         let record_key = request.storage_key();
//!         let policy = IdempotencyPolicy::DEFAULT;
//!         match policy.decide(&request, store.records.get(&record_key), now, token) {
//!             IdempotencyDecision::Proceed { record, write } => {
//!                 // INSERT … ON CONFLICT DO NOTHING / SET … NX PX; on a lost race, decide again.
//!                 assert_eq!(write, WriteCondition::Absent);
//!                 store.records.insert(record_key.clone(), record.clone());
//!                 lease = Some((record_key, record));
//!             }
//!             IdempotencyDecision::Replay(replay) => {
//!                 headers.extend(replay.headers().map(|(n, v)| (n.to_owned(), v.to_owned())));
//!                 return (replay.status(), headers, replay.body().to_vec());
//!             }
//!             refused => {
//!                 let (status, body) = refused.problem().unwrap();
//!                 return problem(status, headers, body);
//!             }
//!         }
//!     }
//!
//!     // 4. Validate. 5. The endpoint.
//!     let (response, outcome) = match CreateCustomer::from_json(body) {
//!         Err(errors) => {
//!             let r = problem(400, headers, errors.to_problem());
//!             (r, Outcome::NotStarted) // validation failed: the key is released
//!         }
//!         Ok(_customer) => {
//!             let stored = StoredResponse::new(201, vec![], br#"{"data":{}}"#.to_vec());
//!             headers.push(("Content-Type".into(), "application/json".into()));
//!             ((201, headers, stored.body().to_vec()), Outcome::Responded(stored))
//!         }
//!     };
//!     if let Some((record_key, record)) = lease {
//!         match record.finish(&token, outcome).unwrap() {
//!             // Both conditional on the record still holding `token`.
//!             Some(done) => { store.records.insert(record_key, done); }
//!             None => { store.records.remove(&record_key); }
//!         }
//!     }
//!     response
//! }
//!
//! let mut store = Store::default();
//! let now = UnixNanos::from_secs(1_700_000_000);
//! let auth = Some(&b"Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc"[..]);
//! let body = br#"{"first_name":"John","last_name":"Doe","email":"john@example.com",
//!   "phone_number":"+2348012345678","billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#;
//! let token = LeaseToken::from_bytes([7; 16]);
//!
//! let (status, _, first) = create_customer(&mut store, auth, Some(b"k-1"), body, now, token);
//! assert_eq!(status, 201);
//! // The retry replays the stored response, byte for byte.
//! let (status, headers, again) = create_customer(&mut store, auth, Some(b"k-1"), body, now, token);
//! assert_eq!((status, &again), (201, &first));
//! assert!(headers.contains(&("Idempotent-Replayed".into(), "true".into())));
//! // The same key with another body is refused; no key at all is 401.
//! let (status, _, _) = create_customer(&mut store, auth, Some(b"k-1"), b"{}", now, token);
//! assert_eq!(status, 422);
//! let (status, headers, _) = create_customer(&mut store, None, None, body, now, token);
//! assert_eq!(status, 401);
//! assert_eq!(headers[0].1, r#"Bearer realm="customers""#);
//! ```
//!
#![doc = include_str!("../../docs/guards.md")]

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::field::timestamp::Timestamp;

mod api_key;
mod fingerprint;
mod idempotency;
mod rate_limit;
mod rate_state;

pub use api_key::{
    ApiKey, ApiKeyError, AuthError, CHECKSUM_CHARS, GENERATED_BODY_CHARS, KeyDigest, KeyFormat,
    KeyKind, KeyMode, KeyPepper, KeyPepperError, MAX_BODY_CHARS, MIN_BODY_CHARS, MIN_PEPPER_BYTES,
    Operation, authenticate,
};
pub use fingerprint::Fingerprint;
pub use idempotency::{
    IDEMPOTENT_REPLAYED, IdempotencyDecision, IdempotencyKey, IdempotencyKeyError,
    IdempotencyPolicy, IdempotencyPolicyError, IdempotencyRecord, IdempotencyRequest, LeaseLost,
    LeaseToken, MAX_IDEMPOTENCY_KEY_CHARS, Outcome, RecordState, Replay, StoredResponse,
    WriteCondition,
};
pub use rate_limit::{
    LIST_PER_HOUR, LIST_PER_MINUTE, LIVE_PER_MINUTE, MAX_QUOTA_LIMIT, MAX_QUOTAS, Policy,
    PolicyError, Quota, QuotaError, QuotaStatus, RateDecision, TEST_PER_MINUTE,
};
pub use rate_state::{RateState, RateStateError};

/// An instant as whole nanoseconds since the Unix epoch (1970-01-01T00:00:00Z), up to the
/// year 2554.
///
/// The guards use this rather than [`Timestamp`] because their state is one integer per
/// key that a store keeps as a number (Redis strings, Postgres `bigint`), and a decision
/// is integer arithmetic of a few nanoseconds. A service builds it from its clock:
///
/// ```
/// use std::time::{SystemTime, UNIX_EPOCH};
/// use customer_core::{Timestamp, guard::UnixNanos};
///
/// let now = UnixNanos::from_duration(SystemTime::now().duration_since(UNIX_EPOCH).unwrap());
/// assert!(now > UnixNanos::from_secs(1_700_000_000));
/// let t = Timestamp::parse("2024-03-01T12:00:00Z").unwrap();
/// assert_eq!(UnixNanos::from_timestamp(t), Some(UnixNanos::from_secs(1_709_294_400)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnixNanos(u64);

impl UnixNanos {
    /// The epoch itself.
    pub const EPOCH: UnixNanos = UnixNanos(0);

    /// From nanoseconds since the epoch.
    #[must_use]
    pub const fn from_nanos(nanos: u64) -> UnixNanos {
        UnixNanos(nanos)
    }

    /// From whole seconds since the epoch (saturating past the year 2554).
    #[must_use]
    pub const fn from_secs(secs: u64) -> UnixNanos {
        UnixNanos(secs.saturating_mul(1_000_000_000))
    }

    /// From a duration since the epoch, e.g. `SystemTime::now().duration_since(UNIX_EPOCH)`
    /// (saturating past the year 2554).
    #[must_use]
    pub fn from_duration(since_epoch: Duration) -> UnixNanos {
        UnixNanos(u64::try_from(since_epoch.as_nanos()).unwrap_or(u64::MAX))
    }

    /// From a [`Timestamp`]; `None` before 1970 or after 2554.
    #[must_use]
    pub fn from_timestamp(t: Timestamp) -> Option<UnixNanos> {
        u64::try_from(t.unix_nanos()).ok().map(UnixNanos)
    }

    /// Nanoseconds since the epoch.
    #[must_use]
    pub const fn as_nanos(self) -> u64 {
        self.0
    }

    /// This instant plus `d`, saturating.
    #[must_use]
    pub fn saturating_add(self, d: Duration) -> UnixNanos {
        let d = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        UnixNanos(self.0.saturating_add(d))
    }

    /// Nanoseconds from `self` until `later` (0 when `later` is not after `self`).
    #[must_use]
    pub const fn nanos_until(self, later: UnixNanos) -> u64 {
        later.0.saturating_sub(self.0)
    }
}

/// An RFC 9457 problem details body for a refused request (`application/problem+json`).
/// It never contains an API key or an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuardProblem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    pub type_: &'static str,
    /// A short summary of the problem type.
    pub title: &'static str,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// The stable machine code.
    pub code: ErrorCode,
    /// For 429: the names of the rate-limit policies that refused the request, as the
    /// IETF RateLimit draft's `quota-exceeded` problem type defines it.
    #[serde(rename = "violated-policies", skip_serializing_if = "Vec::is_empty")]
    pub violated_policies: Vec<&'static str>,
}

impl GuardProblem {
    #[cold]
    fn new(
        type_: &'static str,
        title: &'static str,
        status: u16,
        code: ErrorCode,
        detail: String,
    ) -> GuardProblem {
        GuardProblem {
            type_,
            title,
            status,
            detail,
            code,
            violated_policies: Vec::new(),
        }
    }
}

/// Lowercase hex of `bytes`.
fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            if let Some(c) = HEX.get(usize::from(nibble)) {
                out.push(char::from(*c));
            }
        }
    }
    out
}

/// Exactly `N` bytes from lowercase or uppercase hex of `2N` digits.
fn from_hex<const N: usize>(hex: &str) -> Option<[u8; N]> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c.wrapping_sub(b'0')),
            b'a'..=b'f' => Some(c.wrapping_sub(b'a').wrapping_add(10)),
            b'A'..=b'F' => Some(c.wrapping_sub(b'A').wrapping_add(10)),
            _ => None,
        }
    }
    if hex.len() != N.saturating_mul(2) {
        return None;
    }
    let mut out = [0u8; N];
    for (slot, pair) in out.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        let [hi, lo] = pair else { return None };
        *slot = (digit(*hi)? << 4) | digit(*lo)?;
    }
    Some(out)
}

/// Serde for fixed-size byte arrays as hex strings.
macro_rules! hex_serde {
    ($ty:ident, $n:expr, $what:literal) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&crate::guard::to_hex(&self.0))
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <crate::request::raw::CowStr<'de> as ::serde::Deserialize>::deserialize(d)?;
                crate::guard::from_hex::<$n>(&s.0)
                    .map($ty)
                    .ok_or_else(|| ::serde::de::Error::custom(concat!("expected ", $what)))
            }
        }
    };
}
pub(crate) use hex_serde;

/// Trims HTTP optional whitespace (SP, HTAB) from both ends: RFC 9110 §5.5 says it is not
/// part of a field value.
fn trim_ows(value: &[u8]) -> &[u8] {
    let start = value
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(start, |i| i.saturating_add(1));
    value.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(to_hex(&bytes), "0001abff");
        assert_eq!(from_hex::<4>("0001ABff"), Some(bytes));
        assert_eq!(from_hex::<4>("0001abf"), None);
        assert_eq!(from_hex::<4>("0001abfg"), None);
    }

    #[test]
    fn ows_is_trimmed() {
        assert_eq!(trim_ows(b" \t a b \t"), b"a b");
        assert_eq!(trim_ows(b"   "), b"");
        assert_eq!(trim_ows(b""), b"");
    }

    #[test]
    fn unix_nanos_conversions() {
        assert_eq!(UnixNanos::from_secs(2).as_nanos(), 2_000_000_000);
        assert_eq!(UnixNanos::from_secs(u64::MAX).as_nanos(), u64::MAX);
        assert_eq!(
            UnixNanos::from_secs(1).saturating_add(Duration::from_millis(5)),
            UnixNanos::from_nanos(1_005_000_000)
        );
        assert_eq!(
            UnixNanos::from_secs(5).nanos_until(UnixNanos::from_secs(3)),
            0
        );
        let before_epoch = Timestamp::parse("1969-12-31T23:59:59Z").unwrap();
        assert_eq!(UnixNanos::from_timestamp(before_epoch), None);
    }
}
