//! Idempotency keys: the header, the stored record, and the pure decision over
//! `(stored record or none, request, now)`; the request's [`Fingerprint`] has its own
//! module.
//!
//! # The protocol
//!
//! 1. [`IdempotencyKey::from_header`] reads `Idempotency-Key` (Stripe's bare form or the
//!    IETF draft's quoted Structured-Field string).
//! 2. [`IdempotencyRequest`] scopes the key by **(account, mode, key)** and carries the
//!    request's [`Fingerprint`]; [`IdempotencyRequest::storage_key`] is where its record
//!    lives.
//! 3. [`IdempotencyPolicy::decide`] with the stored record (or none):
//!    - **proceed**: write the returned in-flight record under [`WriteCondition`]
//!      (insert-if-absent, or replace the expired record still holding a token) in one
//!      atomic step; if the write fails, another request won the race: read and decide
//!      again;
//!    - **replay** the stored status, headers and body, with `Idempotent-Replayed: true`;
//!    - **in flight** → 409 (`idempotency_key_in_use`): the first request holds the lease;
//!    - **mismatch** → 422 (`idempotency_key_reused`): the key was used for another
//!      request. The IETF draft answers 422; Stripe answers 400 `idempotency_error`.
//!      422 is chosen: the request is well-formed, and a client can tell it from a
//!      validation error by status alone.
//!    - a record older than the retention (24 hours) is treated as absent.
//! 4. When the request ends, [`IdempotencyRecord::finish`] says what to store, again
//!    conditional on the record still holding this request's [`LeaseToken`].
//!
//! # What is stored
//!
//! As Stripe does: a response is stored once the endpoint **began**, whatever its status,
//! 5xx included (the endpoint may have had effects, so a retry must not run it again).
//! Nothing is stored, and the in-flight record is deleted, when the request was refused
//! before the endpoint began (validation errors: [`Outcome::NotStarted`]), so the client
//! can correct the body and retry with the same key. Refusals before the idempotency
//! guard (401, 403, 429, a malformed key header) and its own refusals (409, 422) write
//! nothing.
//!
//! # Leases
//!
//! An in-flight record carries a lease ([`IdempotencyPolicy::lease`], 60 s by default,
//! shorter than the retention) and the owner's token. A request that crashed leaves its
//! record in flight only until the lease lapses; the next request with the key then takes
//! it over. Set the lease above the endpoint's longest run: a request still running when
//! its lease lapses may run twice, and its [`IdempotencyRecord::finish`] write then fails
//! its condition (the token changed), which the service must treat as "lease lost".

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Fingerprint, GuardProblem, KeyMode, UnixNanos, hex_serde, trim_ows};
use crate::error::{Coded, ErrorCode};

/// The most characters an idempotency key may have (spec 002).
pub const MAX_IDEMPOTENCY_KEY_CHARS: usize = 255;
/// The header a replayed response carries, with the value `true`.
pub const IDEMPOTENT_REPLAYED: &str = "Idempotent-Replayed";

/// A header value longer than this is refused before any other work (a quoted key of 255
/// characters, each escaped, fits).
const MAX_HEADER_BYTES: usize = 2 * MAX_IDEMPOTENCY_KEY_CHARS + 2;

/// An `Idempotency-Key`: 1 to 255 visible ASCII characters (`!` to `~`).
///
/// ```
/// use customer_core::guard::IdempotencyKey;
///
/// let bare = IdempotencyKey::from_header(b"a123b456-c789-d012-e345-f67890123456").unwrap();
/// let quoted = IdempotencyKey::from_header(br#""a123b456-c789-d012-e345-f67890123456""#).unwrap();
/// assert_eq!(bare, quoted);
/// assert!(IdempotencyKey::from_header(b"").is_err());
/// assert!(IdempotencyKey::from_header(b"two words").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdempotencyKey(String);

str_impls!(IdempotencyKey, IdempotencyKeyError);

/// Why an `Idempotency-Key` header is refused (400, `invalid_idempotency_key`). Messages
/// never echo the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdempotencyKeyError {
    /// Empty (or only whitespace, or `""`).
    #[error(
        "the Idempotency-Key header is empty; send 1 to {MAX_IDEMPOTENCY_KEY_CHARS} visible ASCII characters"
    )]
    Empty,
    /// Over 255 characters.
    #[error("the Idempotency-Key is longer than {MAX_IDEMPOTENCY_KEY_CHARS} characters")]
    TooLong,
    /// A character other than visible ASCII (its 1-based position in the key).
    #[error(
        "the Idempotency-Key has a character that is not visible ASCII (`!` to `~`) at position {position}"
    )]
    InvalidCharacter {
        /// 1-based position in the key.
        position: usize,
    },
    /// Starts with `"` but is not one Structured-Field string (RFC 9651 §3.3.3): no
    /// closing quote, an escape other than `\"` or `\\`, or anything after the string.
    #[error("the Idempotency-Key starts with a quote but is not one quoted string")]
    Quoting,
}

impl Coded for IdempotencyKeyError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidIdempotencyKey
    }
}

impl IdempotencyKeyError {
    /// Always `invalid_idempotency_key`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidIdempotencyKey
    }

    /// The 400 problem+json body.
    #[must_use]
    pub fn problem(&self) -> GuardProblem {
        GuardProblem::new(
            "/problems/invalid-idempotency-key",
            "The Idempotency-Key header is not valid.",
            400,
            ErrorCode::InvalidIdempotencyKey,
            self.to_string(),
        )
    }
}

impl IdempotencyKey {
    /// Reads the header value: whitespace around it ignored (RFC 9110 §5.5); a value
    /// starting with `"` is a Structured-Field string whose content is the key (no
    /// parameters accepted after it); any other value is the key itself.
    pub fn from_header(value: &[u8]) -> Result<IdempotencyKey, IdempotencyKeyError> {
        if value.len() > MAX_HEADER_BYTES.saturating_add(64) {
            return Err(IdempotencyKeyError::TooLong);
        }
        let value = trim_ows(value);
        match value.split_first() {
            Some((b'"', rest)) => {
                let mut key = Vec::with_capacity(rest.len());
                let mut bytes = rest.iter();
                loop {
                    match bytes.next() {
                        None => return Err(IdempotencyKeyError::Quoting),
                        Some(b'"') => break,
                        Some(b'\\') => match bytes.next() {
                            Some(c @ (b'"' | b'\\')) => key.push(*c),
                            _ => return Err(IdempotencyKeyError::Quoting),
                        },
                        Some(c) => key.push(*c),
                    }
                }
                if bytes.next().is_some() {
                    return Err(IdempotencyKeyError::Quoting);
                }
                IdempotencyKey::check(&key)
            }
            _ => IdempotencyKey::check(value),
        }
    }

    /// Parses a key as stored (the content, never quoted): what `FromStr` and serde use.
    pub fn parse(key: &str) -> Result<IdempotencyKey, IdempotencyKeyError> {
        IdempotencyKey::check(key.as_bytes())
    }

    fn check(key: &[u8]) -> Result<IdempotencyKey, IdempotencyKeyError> {
        if key.is_empty() {
            return Err(IdempotencyKeyError::Empty);
        }
        if key.len() > MAX_IDEMPOTENCY_KEY_CHARS {
            return Err(IdempotencyKeyError::TooLong);
        }
        if let Some(i) = key.iter().position(|b| !b.is_ascii_graphic()) {
            return Err(IdempotencyKeyError::InvalidCharacter {
                position: i.saturating_add(1),
            });
        }
        // Visible ASCII is UTF-8.
        let text = std::str::from_utf8(key)
            .map_err(|_| IdempotencyKeyError::InvalidCharacter { position: 1 })?;
        Ok(IdempotencyKey(text.to_owned()))
    }

    /// The key.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The owner token of an in-flight record: 16 random bytes the service draws per
/// request. Serializes as 32 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LeaseToken([u8; 16]);

hex_serde!(LeaseToken, 16, "32 hex digits");

impl LeaseToken {
    /// A token from 16 random bytes.
    #[must_use]
    pub const fn from_bytes(random: [u8; 16]) -> LeaseToken {
        LeaseToken(random)
    }

    /// 32 lowercase hex digits (for a conditional write in SQL or Lua).
    #[must_use]
    pub fn to_hex(&self) -> String {
        super::to_hex(&self.0)
    }
}

impl fmt::Debug for LeaseToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LeaseToken({})", self.to_hex())
    }
}

/// One request under an idempotency key: who sent it (account and mode), the key, and
/// the request's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyRequest {
    account: String,
    mode: KeyMode,
    key: IdempotencyKey,
    fingerprint: Fingerprint,
}

impl IdempotencyRequest {
    /// `account` is the service's id of the key's owner (merchant), never the API key.
    #[must_use]
    pub fn new(
        account: &str,
        mode: KeyMode,
        key: IdempotencyKey,
        fingerprint: Fingerprint,
    ) -> IdempotencyRequest {
        IdempotencyRequest {
            account: account.to_owned(),
            mode,
            key,
            fingerprint,
        }
    }

    /// Where the record lives: `idem:v1:<mode>:<account length>:<account>:<key>`. The
    /// length makes it unambiguous whatever the account id holds, so one account's
    /// records can never be found under another's.
    ///
    /// ```
    /// use customer_core::guard::{Fingerprint, IdempotencyKey, IdempotencyRequest, KeyMode};
    ///
    /// let r = IdempotencyRequest::new("acct_1", KeyMode::Test, "k-1".parse().unwrap(),
    ///     Fingerprint::of("POST", "/customers", "", b"{}"));
    /// assert_eq!(r.storage_key(), "idem:v1:test:6:acct_1:k-1");
    /// ```
    #[must_use]
    pub fn storage_key(&self) -> String {
        format!(
            "idem:v1:{}:{}:{}:{}",
            self.mode.as_str(),
            self.account.len(),
            self.account,
            self.key.as_str()
        )
    }

    /// The request's fingerprint.
    #[must_use]
    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }
}

/// A response as stored for replay: the status, the headers the service chose to keep
/// (e.g. `Content-Type`, `Location`), and the body's exact bytes (base64 in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredResponse {
    status: u16,
    headers: Vec<(String, String)>,
    #[serde(with = "base64_bytes")]
    body: Vec<u8>,
}

impl StoredResponse {
    /// A response to store.
    #[must_use]
    pub fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> StoredResponse {
        StoredResponse {
            status,
            headers,
            body,
        }
    }

    /// The status code.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The stored headers.
    #[must_use]
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body's bytes.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

mod base64_bytes {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <crate::request::raw::CowStr<'de> as Deserialize>::deserialize(d)?;
        STANDARD
            .decode(text.0.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}

/// In flight (with its lease) or completed (with its response).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecordState {
    /// A request holds the key until `lease_until`.
    InFlight {
        /// When the lease lapses and another request may take the key over.
        lease_until: UnixNanos,
    },
    /// The endpoint answered; replays return this.
    Completed {
        /// The stored response.
        response: StoredResponse,
    },
}

/// What a store keeps under [`IdempotencyRequest::storage_key`]; serde-serializable (as
/// JSON in a Postgres `jsonb` column or a Redis string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    account: String,
    mode: KeyMode,
    key: IdempotencyKey,
    fingerprint: Fingerprint,
    /// The token of the request that wrote the record; writes are conditional on it.
    token: LeaseToken,
    created_at: UnixNanos,
    expires_at: UnixNanos,
    #[serde(flatten)]
    state: RecordState,
}

impl IdempotencyRecord {
    /// In flight or completed.
    #[must_use]
    pub fn state(&self) -> &RecordState {
        &self.state
    }

    /// The token every write of this record is conditional on.
    #[must_use]
    pub fn token(&self) -> LeaseToken {
        self.token
    }

    /// When the record stops counting (created + retention).
    #[must_use]
    pub fn expires_at(&self) -> UnixNanos {
        self.expires_at
    }

    /// Milliseconds from `now` to expiry, at least 1: Redis's `PX`.
    #[must_use]
    pub fn ttl_millis(&self, now: UnixNanos) -> u64 {
        now.nanos_until(self.expires_at).div_ceil(1_000_000).max(1)
    }

    /// What to write when the request ends, if this record (the one it inserted) still
    /// holds `token`: `Some(completed record)` to store, or `None` to delete the record
    /// (the endpoint never began). Write either only if the stored record's token is
    /// still `token`; if not, the lease was lost.
    pub fn finish(
        &self,
        token: &LeaseToken,
        outcome: Outcome,
    ) -> Result<Option<IdempotencyRecord>, LeaseLost> {
        if self.token != *token || !matches!(self.state, RecordState::InFlight { .. }) {
            return Err(LeaseLost);
        }
        match outcome {
            Outcome::NotStarted => Ok(None),
            Outcome::Responded(response) => Ok(Some(IdempotencyRecord {
                state: RecordState::Completed { response },
                ..self.clone()
            })),
        }
    }
}

/// How a request under an idempotency key ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The endpoint began and answered (any status, 5xx included): stored and replayed.
    Responded(StoredResponse),
    /// Refused before the endpoint began (validation): nothing stored, the key released.
    NotStarted,
}

/// The record does not hold this request's token (or is no longer in flight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the idempotency record is no longer held by this request")]
pub struct LeaseLost;

/// The condition the proceed write must be made under, atomically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WriteCondition {
    /// No record under the key: `INSERT … ON CONFLICT DO NOTHING`, `SET … NX PX`.
    Absent,
    /// Replace the stored record only while it still holds this token (it expired, or
    /// its lease lapsed).
    TokenIs(LeaseToken),
}

/// The answer of [`IdempotencyPolicy::decide`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdempotencyDecision<'a> {
    /// Run the request, after writing `record` under `write`.
    Proceed {
        /// The in-flight record to write.
        record: IdempotencyRecord,
        /// Insert-if-absent or replace-if-token.
        write: WriteCondition,
    },
    /// Answer with the stored response.
    Replay(Replay<'a>),
    /// 409: another request with this key holds the lease.
    InFlight,
    /// 422: the key was used with another request (or in another scope).
    Mismatch,
}

impl IdempotencyDecision<'_> {
    /// The status and problem+json body for [`InFlight`](Self::InFlight) (409) and
    /// [`Mismatch`](Self::Mismatch) (422); `None` otherwise. Neither is stored.
    #[must_use]
    pub fn problem(&self) -> Option<(u16, GuardProblem)> {
        let problem = match self {
            IdempotencyDecision::InFlight => GuardProblem::new(
                "/problems/idempotency-key-in-use",
                "A request with this Idempotency-Key is still being processed.",
                409,
                ErrorCode::IdempotencyKeyInUse,
                "retry after the first request with this key has finished".to_owned(),
            ),
            IdempotencyDecision::Mismatch => GuardProblem::new(
                "/problems/idempotency-key-reused",
                "This Idempotency-Key was used for a different request.",
                422,
                ErrorCode::IdempotencyKeyReused,
                "the key was sent before with another method, path, query or body; use a new key for a new request".to_owned(),
            ),
            _ => return None,
        };
        Some((problem.status, problem))
    }
}

/// A stored response to send again, borrowed from the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replay<'a> {
    response: &'a StoredResponse,
}

impl<'a> Replay<'a> {
    /// The stored status.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.response.status
    }

    /// The stored headers, then `Idempotent-Replayed: true`.
    pub fn headers(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        self.response
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case(IDEMPOTENT_REPLAYED))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .chain(std::iter::once((IDEMPOTENT_REPLAYED, "true")))
    }

    /// The stored body, byte for byte.
    #[must_use]
    pub fn body(&self) -> &'a [u8] {
        &self.response.body
    }
}

/// How long records count (retention) and how long an in-flight request holds its key
/// (lease).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdempotencyPolicy {
    retention: Duration,
    lease: Duration,
}

/// The lease is zero or not shorter than the retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the lease must be longer than zero and shorter than the retention")]
pub struct IdempotencyPolicyError;

impl IdempotencyPolicy {
    /// 24 hours of retention (specs 000 and 002), a 60-second lease.
    pub const DEFAULT: IdempotencyPolicy = IdempotencyPolicy {
        retention: Duration::from_secs(24 * 60 * 60),
        lease: Duration::from_secs(60),
    };

    /// A policy with `0 < lease < retention`.
    pub fn new(
        retention: Duration,
        lease: Duration,
    ) -> Result<IdempotencyPolicy, IdempotencyPolicyError> {
        if lease.is_zero() || lease >= retention {
            return Err(IdempotencyPolicyError);
        }
        Ok(IdempotencyPolicy { retention, lease })
    }

    /// How long a record counts.
    #[must_use]
    pub fn retention(&self) -> Duration {
        self.retention
    }

    /// How long an in-flight request holds its key.
    #[must_use]
    pub fn lease(&self) -> Duration {
        self.lease
    }

    /// The decision for `request` given the record stored under its key (`None` if
    /// none), at `now`; `token` is this request's fresh [`LeaseToken`].
    ///
    /// In order: no record, or one expired (`now ≥ expires_at`) → proceed; another
    /// account, mode, key or fingerprint → mismatch; completed → replay; in flight under
    /// a live lease → in flight; lease lapsed → proceed (take over).
    #[must_use]
    pub fn decide<'a>(
        &self,
        request: &IdempotencyRequest,
        stored: Option<&'a IdempotencyRecord>,
        now: UnixNanos,
        token: LeaseToken,
    ) -> IdempotencyDecision<'a> {
        let write = match stored {
            None => WriteCondition::Absent,
            Some(record) if now >= record.expires_at => WriteCondition::TokenIs(record.token),
            Some(record) => {
                if record.account != request.account
                    || record.mode != request.mode
                    || record.key != request.key
                    || record.fingerprint != request.fingerprint
                {
                    return IdempotencyDecision::Mismatch;
                }
                match &record.state {
                    RecordState::Completed { response } => {
                        return IdempotencyDecision::Replay(Replay { response });
                    }
                    RecordState::InFlight { lease_until } if now < *lease_until => {
                        return IdempotencyDecision::InFlight;
                    }
                    RecordState::InFlight { .. } => WriteCondition::TokenIs(record.token),
                }
            }
        };
        IdempotencyDecision::Proceed {
            record: IdempotencyRecord {
                account: request.account.clone(),
                mode: request.mode,
                key: request.key.clone(),
                fingerprint: request.fingerprint,
                token,
                created_at: now,
                expires_at: now.saturating_add(self.retention),
                state: RecordState::InFlight {
                    lease_until: now.saturating_add(self.lease),
                },
            },
            write,
        }
    }
}

#[cfg(test)]
mod tests;
