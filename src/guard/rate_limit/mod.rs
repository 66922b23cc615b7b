//! Rate limits: an exact sliding-window log per quota, several quotas at once, and the
//! IETF RateLimit draft's headers (see [`Policy`]).

use std::fmt::Write as _;

use super::rate_state::{Log, RateState};
use super::{GuardProblem, KeyMode, Operation, UnixNanos};
use crate::error::ErrorCode;

/// The most quotas one [`Policy`] holds.
pub const MAX_QUOTAS: usize = 4;
/// The largest limit `q` of a [`Quota`]: the state holds up to `q` entries per quota.
pub const MAX_QUOTA_LIMIT: u32 = 10_000;

const NANOS_PER_SEC: u64 = 1_000_000_000;
/// The longest window: a leap year.
const MAX_WINDOW_SECS: u32 = 366 * 24 * 60 * 60;
const MAX_NAME_BYTES: usize = 32;

/// Spec 000, test keys: 100 requests per minute.
pub const TEST_PER_MINUTE: Quota = valid(Quota::new("permin", 100, 60));
/// Spec 000, live keys: 1000 requests per minute.
pub const LIVE_PER_MINUTE: Quota = valid(Quota::new("permin", 1000, 60));
/// Spec 001, list operations: 100 requests per minute per API key.
pub const LIST_PER_MINUTE: Quota = valid(Quota::new("permin", 100, 60));
/// Spec 001, list operations: 1000 requests per hour per API key.
pub const LIST_PER_HOUR: Quota = valid(Quota::new("perhr", 1000, 3600));

/// Unwraps a quota or policy in a `const` item: evaluated at compile time, so an invalid
/// constant fails the build and this never panics at run time.
#[allow(clippy::panic)]
const fn valid<T: Copy, E: Copy>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(_) => panic!("invalid rate-limit constant"),
    }
}

/// `limit` units per window of `window_secs` seconds, counted over a sliding window.
///
/// ```
/// use customer_core::guard::{Quota, TEST_PER_MINUTE};
///
/// assert_eq!(TEST_PER_MINUTE, Quota::new("permin", 100, 60).unwrap());
/// assert!(Quota::new("per min", 100, 60).is_err()); // names: a-z, 0-9, - and _
/// assert!(Quota::new("permin", 100_000, 60).is_err()); // limit ≤ MAX_QUOTA_LIMIT
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quota {
    name: &'static str,
    limit: u32,
    window_secs: u32,
    /// `w` in nanoseconds.
    window_nanos: u64,
    /// Bits per stored entry: the bit length of `window_nanos − 1`.
    width: u32,
}

/// Why a [`Quota`] cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QuotaError {
    /// The name is not 1 to 32 of `a-z`, `0-9`, `-`, `_` (it is written in headers).
    #[error("a quota name must be 1 to {MAX_NAME_BYTES} of a-z, 0-9, - and _")]
    Name,
    /// The limit is zero or above [`MAX_QUOTA_LIMIT`].
    #[error("a quota's limit must be 1 to {MAX_QUOTA_LIMIT}")]
    Limit,
    /// The window is zero or longer than 366 days.
    #[error("a quota's window must be 1 second to 366 days")]
    Window,
}

impl Quota {
    /// A quota of `limit` (1 to [`MAX_QUOTA_LIMIT`]) units per `window_secs` (1 second
    /// to 366 days).
    pub const fn new(
        name: &'static str,
        limit: u32,
        window_secs: u32,
    ) -> Result<Quota, QuotaError> {
        let bytes = name.as_bytes();
        if bytes.is_empty() || bytes.len() > MAX_NAME_BYTES {
            return Err(QuotaError::Name);
        }
        let mut rest = bytes;
        while let [b, tail @ ..] = rest {
            if !matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_') {
                return Err(QuotaError::Name);
            }
            rest = tail;
        }
        if limit == 0 || limit > MAX_QUOTA_LIMIT {
            return Err(QuotaError::Limit);
        }
        if window_secs == 0 || window_secs > MAX_WINDOW_SECS {
            return Err(QuotaError::Window);
        }
        Ok(Quota {
            name,
            limit,
            window_secs,
            window_nanos: (window_secs as u64).saturating_mul(NANOS_PER_SEC),
            width: Quota::width_for(window_secs),
        })
    }

    /// Bits that hold any age below a window of `window_secs` in nanoseconds (at least 1,
    /// at most 55 for 366 days).
    pub(super) const fn width_for(window_secs: u32) -> u32 {
        let max_age = (window_secs as u64)
            .saturating_mul(NANOS_PER_SEC)
            .saturating_sub(1);
        let bits = u64::BITS.saturating_sub(max_age.leading_zeros());
        if bits == 0 { 1 } else { bits }
    }

    /// The name written in the headers.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Units per window (`q`).
    #[must_use]
    pub const fn limit(&self) -> u32 {
        self.limit
    }

    /// The window in seconds (`w`).
    #[must_use]
    pub const fn window_secs(&self) -> u32 {
        self.window_secs
    }

    /// The window in nanoseconds.
    #[must_use]
    pub const fn window_nanos(&self) -> u64 {
        self.window_nanos
    }

    /// Bits per entry in the stored log.
    pub(super) const fn width(&self) -> u32 {
        self.width
    }
}

/// One to [`MAX_QUOTAS`] quotas with distinct names, evaluated together, and an id that
/// names its stored state.
///
/// # The rule
///
/// A [`Quota`] is `q` units per window of `w` seconds. A request of cost `c` is admitted
/// exactly when, for every quota of its [`Policy`], the units admitted in the window
/// ending now, `(now − w, now]`, plus `c` are at most `q`; a refused request consumes
/// nothing. The state of a quota is the log of the instants of the units in its window
/// (a request of cost 3 is three entries), so it never holds more than `q` entries:
/// [`RateState`] packs them into `⌈q × b / 8⌉` bytes (`b` = 36 bits for a minute, 42 for
/// an hour) plus 24 bytes of header per quota and 2 in all, **476 bytes for `q` = 100
/// per minute and 4,526 for `q` = 1,000** ([`RateState::size_for`]). A decision finds
/// the oldest entry still in the window by binary search over the ring, so it costs
/// `O(log q)` and allocates nothing; [`RateDecision::new_state`] copies the stored bytes
/// and edits the header and the new entries' slots.
///
/// **No window of `w` seconds ever admits more than `q` units.** Take any window
/// `[a, a + w)` and the last admission in it, at `t` with cost `c`. Every unit admitted in
/// `[a, t]` has an instant `s ≥ a > t − w`, so it is in the window ending at `t` and was
/// counted in that decision (entries are dropped only once they are `w` old, and the log
/// has room for `q`), and the decision admitted only because those units plus `c` were
/// at most `q`. Instants are taken in order: a clock that reads earlier than the newest
/// stored entry (another instance behind by some skew) is read as that entry's instant.
///
/// **No request the window allows is refused**: the count is exact, to the nanosecond,
/// and the property tests compare every decision with a reference that keeps every
/// admitted request (`tests/guards.rs`).
///
/// # Several quotas
///
/// A [`Policy`] holds up to [`MAX_QUOTAS`] quotas (list operations: 100 per minute
/// **and** 1000 per hour). [`Policy::decide`] evaluates every quota and admits only when
/// all admit; a refused request consumes nothing (the state to store is the stored
/// state), and `Retry-After` is the longest wait among the quotas that refuse.
///
/// # Headers
///
/// Per draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy` lists each quota
/// (`"permin";q=100;w=60`), `RateLimit` its state now (`"permin";r=99;t=60`):
///
/// - `r`: the units that can be sent now: `q` minus the units in the window, minus this
///   request's cost when it is admitted;
/// - `t`: the seconds, rounded up, until additional quota is made available: until the
///   oldest unit in the window leaves it (`0` when the window is empty), so a client
///   sends no more than `r` within `t` seconds;
/// - `Retry-After` (refused requests): the seconds, rounded up, until this request would
///   be admitted: never earlier than the `t` of a quota that refuses it, and the same
///   instant for a request of cost 1. It is absent when the cost exceeds a quota's `q`
///   (no wait helps).
///
/// The obsolete `RateLimit-Limit`, `-Remaining` and `-Reset` are not written.
///
/// # Storing the state
///
/// One [`RateState`] per (API key, policy id), written with a compare-and-set only when a
/// request is admitted: the Redis and SQL recipes are in the [guard module
/// docs](super#rate-limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    id: &'static str,
    quotas: [Quota; MAX_QUOTAS],
    len: usize,
}

/// Why a [`Policy`] cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// No quota, or more than [`MAX_QUOTAS`].
    #[error("a policy has 1 to {MAX_QUOTAS} quotas")]
    Count,
    /// Two quotas share a name.
    #[error("the quotas of a policy need distinct names")]
    DuplicateName,
}

impl Policy {
    /// Spec 000, test keys: [`TEST_PER_MINUTE`].
    pub const TEST: Policy = valid(Policy::new("test", &[TEST_PER_MINUTE]));
    /// Spec 000, live keys: [`LIVE_PER_MINUTE`].
    pub const LIVE: Policy = valid(Policy::new("live", &[LIVE_PER_MINUTE]));
    /// Spec 001, list operations: [`LIST_PER_MINUTE`] and [`LIST_PER_HOUR`].
    pub const LIST: Policy = valid(Policy::new("list", &[LIST_PER_MINUTE, LIST_PER_HOUR]));

    /// A policy of `quotas` (1 to [`MAX_QUOTAS`], distinct names). `id` names the stored
    /// state: keep one state per (API key, policy id).
    pub const fn new(id: &'static str, quotas: &[Quota]) -> Result<Policy, PolicyError> {
        let all = match *quotas {
            [a] => [a, a, a, a],
            [a, b] => [a, b, a, a],
            [a, b, c] => [a, b, c, a],
            [a, b, c, d] => [a, b, c, d],
            _ => return Err(PolicyError::Count),
        };
        let mut rest = quotas;
        while let [q, tail @ ..] = rest {
            let mut others = tail;
            while let [p, more @ ..] = others {
                if str_eq(p.name, q.name) {
                    return Err(PolicyError::DuplicateName);
                }
                others = more;
            }
            rest = tail;
        }
        Ok(Policy {
            id,
            quotas: all,
            len: quotas.len(),
        })
    }

    /// The seeds' policy for a key's mode and an operation: listing has its own two
    /// quotas (spec 001) whatever the mode; everything else 100 or 1000 per minute by
    /// mode (spec 000). Each policy has its own state, so listing does not spend the
    /// per-mode budget.
    #[must_use]
    pub fn for_request(mode: KeyMode, operation: Operation) -> &'static Policy {
        static TEST: Policy = Policy::TEST;
        static LIVE: Policy = Policy::LIVE;
        static LIST: Policy = Policy::LIST;
        match (operation, mode) {
            (Operation::ListCustomers, _) => &LIST,
            (_, KeyMode::Test) => &TEST,
            (_, KeyMode::Live) => &LIVE,
        }
    }

    /// The id of the policy's state.
    #[must_use]
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// The quotas, in order; the stored state has one log per quota, in this order.
    #[must_use]
    pub fn quotas(&self) -> &[Quota] {
        self.quotas.get(..self.len).unwrap_or_default()
    }

    /// Decides a request of `cost` units at `now`, given the stored state
    /// ([`RateState::new`] for a key never seen). Pure, allocation-free, and `O(log q)`
    /// per quota.
    ///
    /// ```
    /// use customer_core::guard::{Policy, RateState, UnixNanos};
    ///
    /// let now = UnixNanos::from_secs(1_700_000_000);
    /// let mut state = RateState::new();
    /// for _ in 0..100 {
    ///     let d = Policy::LIST.decide(now, &state, 1);
    ///     assert!(d.is_allowed());
    ///     state = d.new_state(); // stored with a compare-and-set
    /// }
    /// let refused = Policy::LIST.decide(now, &state, 1);
    /// assert!(!refused.is_allowed());
    /// assert_eq!(refused.new_state(), state); // consumes nothing
    /// assert_eq!(refused.retry_after_secs(), Some(60));
    /// assert_eq!(refused.rate_limit_header(), r#""permin";r=0;t=60, "perhr";r=900;t=3600"#);
    /// assert_eq!(refused.policy_header(), r#""permin";q=100;w=60, "perhr";q=1000;w=3600"#);
    /// // A minute later the window is empty again.
    /// let later = UnixNanos::from_secs(1_700_000_060);
    /// assert!(Policy::LIST.decide(later, &state, 1).is_allowed());
    /// ```
    #[must_use]
    pub fn decide<'p>(
        &'p self,
        now: UnixNanos,
        stored: &'p RateState,
        cost: u32,
    ) -> RateDecision<'p> {
        let mut logs: [Option<Log<'_>>; MAX_QUOTAS] = [None; MAX_QUOTAS];
        // The clock, read as no earlier than the newest stored entry.
        let mut at = now.as_nanos();
        for (i, slot) in logs.iter_mut().take(self.len).enumerate() {
            *slot = stored.log(i).filter(|log| log.len() > 0);
            if let Some(log) = slot {
                at = at.max(log.last());
            }
        }
        let skew = at.saturating_sub(now.as_nanos());
        let mut decision = RateDecision {
            policy: self,
            stored,
            allowed: true,
            at,
            cost,
            kept: [0; MAX_QUOTAS],
            status: [QuotaStatus::default(); MAX_QUOTAS],
        };
        let c = u64::from(cost);
        // Per quota: units in the window, and when its oldest one leaves (from `at`).
        let mut oldest_leaves = [0u64; MAX_QUOTAS];
        let slots = decision
            .kept
            .iter_mut()
            .zip(decision.status.iter_mut())
            .zip(oldest_leaves.iter_mut());
        for ((quota, log), ((kept, status), leaves)) in self.quotas().iter().zip(logs).zip(slots) {
            let w = quota.window_nanos;
            let q = u64::from(quota.limit);
            let Some(log) = log else {
                status.refused = c > q;
                continue;
            };
            let gap = at.saturating_sub(log.last());
            if gap >= w {
                status.refused = c > q;
                continue;
            }
            // Entries younger than `lim` relative to the newest are in the window.
            let lim = w.saturating_sub(gap);
            let first = log.first_younger_than(lim);
            let count = log.len().saturating_sub(first);
            *kept = count;
            if count > 0 {
                *leaves = lim.saturating_sub(log.age(first));
            }
            let units = u64::from(count);
            if units.saturating_add(c) > q {
                status.refused = true;
                // Wait until `units + c − q` of the oldest units have left the window.
                status.wait = (c <= q).then(|| {
                    let need = u32::try_from(units.saturating_add(c).saturating_sub(q))
                        .unwrap_or(u32::MAX);
                    let j = first.saturating_add(need).saturating_sub(1);
                    lim.saturating_sub(log.age(j)).saturating_add(skew)
                });
            }
        }
        decision.allowed = decision.status.iter().take(self.len).all(|s| !s.refused);
        let spends = decision.allowed && cost > 0;
        let statuses = decision
            .status
            .iter_mut()
            .zip(decision.kept)
            .zip(oldest_leaves);
        for (quota, ((status, kept), leaves)) in self.quotas().iter().zip(statuses) {
            let q = u64::from(quota.limit);
            let units = u64::from(kept);
            if spends {
                status.remaining = q.saturating_sub(units).saturating_sub(c);
                let leaves = if kept > 0 { leaves } else { quota.window_nanos };
                status.reset = leaves.saturating_add(skew);
            } else {
                status.remaining = q.saturating_sub(units);
                status.reset = if kept > 0 {
                    leaves.saturating_add(skew)
                } else {
                    0
                };
            }
        }
        decision
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a, b) {
            ([], []) => return true,
            ([x, a_rest @ ..], [y, b_rest @ ..]) if *x == *y => {
                a = a_rest;
                b = b_rest;
            }
            _ => return false,
        }
    }
}

/// One quota's part of a [`RateDecision`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuotaStatus {
    remaining: u64,
    reset: u64,
    refused: bool,
    wait: Option<u64>,
}

impl QuotaStatus {
    /// Units that can be sent now (after this request, if admitted): the draft's `r`.
    #[must_use]
    pub fn remaining(&self) -> u64 {
        self.remaining
    }

    /// Whole seconds, rounded up, until additional quota is made available (the oldest
    /// unit in the window leaves it); 0 when the window is empty: the draft's `t`.
    #[must_use]
    pub fn reset_secs(&self) -> u64 {
        self.reset.div_ceil(NANOS_PER_SEC)
    }

    /// [`reset_secs`](Self::reset_secs) in nanoseconds, not rounded.
    #[must_use]
    pub fn reset_nanos(&self) -> u64 {
        self.reset
    }

    /// Whether this quota refuses the request.
    #[must_use]
    pub fn is_refused(&self) -> bool {
        self.refused
    }

    /// For a refusing quota, the nanoseconds until the request would be admitted;
    /// `None` when it admits, or when the cost exceeds the limit (never admitted).
    #[must_use]
    pub fn wait_nanos(&self) -> Option<u64> {
        self.wait
    }
}

/// The answer of [`Policy::decide`]: admitted or not, the state to store, and the
/// headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateDecision<'p> {
    policy: &'p Policy,
    stored: &'p RateState,
    allowed: bool,
    /// The instant decided at: `now`, or the newest stored entry if later.
    at: u64,
    cost: u32,
    /// Per quota: the stored entries still in the window.
    kept: [u32; MAX_QUOTAS],
    status: [QuotaStatus; MAX_QUOTAS],
}

impl<'p> RateDecision<'p> {
    /// Whether every quota admits the request.
    #[must_use]
    pub fn is_allowed(&self) -> bool {
        self.allowed
    }

    /// The state to store: when admitted with a cost above zero, the stored state with
    /// the units that left their windows dropped and this request's units added (write
    /// it with a compare-and-set against the state read); otherwise the stored state
    /// (nothing to write). Costs a copy of the state's bytes.
    #[must_use]
    pub fn new_state(&self) -> RateState {
        if self.allowed && self.cost > 0 {
            let kept = self.kept.get(..self.policy.len).unwrap_or_default();
            self.stored
                .admit(self.policy.quotas(), kept, self.at, self.cost)
        } else {
            self.stored.clone()
        }
    }

    /// Whether [`new_state`](Self::new_state) differs from the stored state.
    #[must_use]
    pub fn writes(&self) -> bool {
        self.allowed && self.cost > 0
    }

    /// Milliseconds the new state must be kept from `now` (at least 1): past it, every
    /// unit has left its window and the state can expire (Redis's `PX`).
    #[must_use]
    pub fn state_ttl_millis(&self, now: UnixNanos) -> u64 {
        let now = now.as_nanos();
        let mut longest = 0u64;
        for (i, quota) in self.policy.quotas().iter().enumerate() {
            let newest = if self.writes() {
                Some(self.at)
            } else {
                self.stored
                    .log(i)
                    .filter(|log| log.len() > 0)
                    .map(|log| log.last())
            };
            if let Some(newest) = newest {
                let until = newest
                    .saturating_add(quota.window_nanos)
                    .saturating_sub(now);
                longest = longest.max(until);
            }
        }
        longest.div_ceil(1_000_000).max(1)
    }

    /// Each quota's status, in the policy's order.
    #[must_use]
    pub fn statuses(&self) -> &[QuotaStatus] {
        self.status.get(..self.policy.len).unwrap_or_default()
    }

    /// The quotas that refuse the request.
    pub fn violated(&self) -> impl Iterator<Item = &'p Quota> + '_ {
        self.policy
            .quotas()
            .iter()
            .zip(self.statuses())
            .filter(|(_, s)| s.refused)
            .map(|(q, _)| q)
    }

    /// `Retry-After` in whole seconds rounded up: the longest wait among the refusing
    /// quotas. `None` when admitted, or when the cost exceeds a quota's limit (no wait
    /// helps).
    #[must_use]
    pub fn retry_after_secs(&self) -> Option<u64> {
        if self.allowed {
            return None;
        }
        let mut longest = 0u64;
        for s in self.statuses().iter().filter(|s| s.refused) {
            longest = longest.max(s.wait?);
        }
        Some(longest.div_ceil(NANOS_PER_SEC).max(1))
    }

    /// The instant the decision was made at, in nanoseconds since the epoch: `now`, or the
    /// newest stored entry when the clock read earlier.
    #[must_use]
    pub fn decided_at(&self) -> UnixNanos {
        UnixNanos::from_nanos(self.at)
    }

    /// `RateLimit-Policy`: `"permin";q=100;w=60, "perhr";q=1000;w=3600`.
    #[must_use]
    pub fn policy_header(&self) -> String {
        let mut out = String::with_capacity(48);
        for (i, q) in self.policy.quotas().iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(out, "{sep}\"{}\";q={};w={}", q.name, q.limit, q.window_secs);
        }
        out
    }

    /// `RateLimit`: `"permin";r=99;t=60, "perhr";r=999;t=3600`.
    #[must_use]
    pub fn rate_limit_header(&self) -> String {
        let mut out = String::with_capacity(48);
        for (i, (q, s)) in self.policy.quotas().iter().zip(self.statuses()).enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(
                out,
                "{sep}\"{}\";r={};t={}",
                q.name,
                s.remaining,
                s.reset_secs()
            );
        }
        out
    }

    /// The headers to send: `RateLimit-Policy`, `RateLimit`, and `Retry-After` when
    /// refused (unless no wait helps).
    #[must_use]
    pub fn headers(&self) -> Vec<(String, String)> {
        let mut headers = vec![
            ("RateLimit-Policy".to_owned(), self.policy_header()),
            ("RateLimit".to_owned(), self.rate_limit_header()),
        ];
        if let Some(secs) = self.retry_after_secs() {
            headers.push(("Retry-After".to_owned(), secs.to_string()));
        }
        headers
    }

    /// The 429 problem+json body (the draft's `quota-exceeded` type, with
    /// `violated-policies`). Meaningful only when refused.
    #[must_use]
    pub fn problem(&self) -> GuardProblem {
        let mut detail = String::from("rate limit exceeded:");
        for (i, q) in self.violated().enumerate() {
            let sep = if i == 0 { " " } else { "; " };
            let _ = write!(
                detail,
                "{sep}{} ({} requests per {} seconds)",
                q.name, q.limit, q.window_secs
            );
        }
        match self.retry_after_secs() {
            Some(secs) => {
                let _ = write!(detail, "; retry in {secs} seconds");
            }
            None if !self.allowed => {
                detail.push_str("; the request costs more than the limit of one window")
            }
            None => {}
        }
        let mut problem = GuardProblem::new(
            "https://iana.org/assignments/http-problem-types#quota-exceeded",
            "Too many requests.",
            429,
            ErrorCode::RateLimited,
            detail,
        );
        problem.violated_policies = self.violated().map(|q| q.name).collect();
        problem
    }
}

#[cfg(test)]
mod tests;
