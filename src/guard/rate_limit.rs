//! Rate limits: GCRA over one stored instant per quota, several quotas at once, and the
//! IETF RateLimit draft's headers.
//!
//! # The algorithm
//!
//! GCRA (the generic cell rate algorithm, as in `governor` and `redis-cell`) keeps one
//! number per key and quota: the theoretical arrival time (TAT). Its distance from now is
//! the key's *debt*. A request of cost `c` adds `c × T` to the debt (`T`, the emission
//! interval) and is admitted only if the debt then stays within the capacity `b × T`
//! (`b`, the burst); debt drains at one nanosecond per nanosecond.
//!
//! A [`Quota`] `q` per `w` seconds with burst `b` uses `T = ⌊w / (q − b + 1)⌋ + 1 ns`.
//! Then **no window of `w` seconds ever admits more than `q` units**: over admissions
//! from `s` to `e` (`e − s ≤ w`) the debt grows by the units `U × T` and drains by at
//! most `e − s`, and never exceeds `b × T`, so `U × T ≤ b × T + w < (b + q − b + 1) × T`,
//! hence `U ≤ q`. The usual configuration (`T = w / q`, burst `q`) admits up to `2q − 1`
//! in a window; here the burst is paid for by the sustained rate: `b` at once, then
//! `q − b + 1` per window. The seeds' quotas use a burst of a tenth of `q`.
//!
//! # Several quotas
//!
//! A [`Policy`] holds up to [`MAX_QUOTAS`] quotas (list operations: 100 per minute
//! **and** 1000 per hour). [`Policy::decide`] evaluates every quota and admits only when
//! all admit; a refused request consumes nothing (the state to store is the stored
//! state), and `Retry-After` is the longest wait among the quotas that refuse.
//!
//! # Headers
//!
//! Per draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy` lists each quota
//! (`"permin";q=100;w=60`), `RateLimit` its state now (`"permin";r=9;t=6`, `r` the units
//! that can be sent at once, `t` the seconds until the debt is gone). The obsolete
//! `RateLimit-Limit`, `-Remaining` and `-Reset` are not written.

use std::fmt::Write as _;

use super::{GuardProblem, KeyMode, Operation, UnixNanos};
use crate::error::ErrorCode;

/// The most quotas one [`Policy`] holds.
pub const MAX_QUOTAS: usize = 4;

const NANOS_PER_SEC: u64 = 1_000_000_000;
/// The longest window: a leap year.
const MAX_WINDOW_SECS: u32 = 366 * 24 * 60 * 60;
const MAX_NAME_BYTES: usize = 32;

/// Spec 000, test keys: 100 requests per minute (burst 10).
pub const TEST_PER_MINUTE: Quota = valid(Quota::new("permin", 100, 60, 10));
/// Spec 000, live keys: 1000 requests per minute (burst 100).
pub const LIVE_PER_MINUTE: Quota = valid(Quota::new("permin", 1000, 60, 100));
/// Spec 001, list operations: 100 requests per minute per API key (burst 10).
pub const LIST_PER_MINUTE: Quota = valid(Quota::new("permin", 100, 60, 10));
/// Spec 001, list operations: 1000 requests per hour per API key (burst 100).
pub const LIST_PER_HOUR: Quota = valid(Quota::new("perhr", 1000, 3600, 100));

/// Unwraps a quota or policy in a `const` item: evaluated at compile time, so an invalid
/// constant fails the build and this never panics at run time.
#[allow(clippy::panic)]
const fn valid<T: Copy, E: Copy>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(_) => panic!("invalid rate-limit constant"),
    }
}

/// `limit` units per `window_secs` seconds, at most `burst` at once.
///
/// ```
/// use customer_core::guard::{Quota, TEST_PER_MINUTE};
///
/// assert_eq!(TEST_PER_MINUTE, Quota::new("permin", 100, 60, 10).unwrap());
/// assert!(Quota::new("per min", 100, 60, 10).is_err()); // names: a-z, 0-9, - and _
/// assert!(Quota::new("permin", 100, 60, 101).is_err()); // burst ≤ limit
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quota {
    name: &'static str,
    limit: u32,
    window_secs: u32,
    burst: u32,
    /// T, in nanoseconds.
    interval: u64,
    /// b × T, in nanoseconds.
    capacity: u64,
}

/// Why a [`Quota`] cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QuotaError {
    /// The name is not 1 to 32 of `a-z`, `0-9`, `-`, `_` (it is written in headers).
    #[error("a quota name must be 1 to {MAX_NAME_BYTES} of a-z, 0-9, - and _")]
    Name,
    /// The limit is zero.
    #[error("a quota's limit must be at least 1")]
    Limit,
    /// The window is zero or longer than 366 days.
    #[error("a quota's window must be 1 second to 366 days")]
    Window,
    /// The burst is zero or above the limit.
    #[error("a quota's burst must be from 1 to its limit")]
    Burst,
}

impl Quota {
    /// A quota; see the module docs for how `burst` trades against the sustained rate.
    pub const fn new(
        name: &'static str,
        limit: u32,
        window_secs: u32,
        burst: u32,
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
        if limit == 0 {
            return Err(QuotaError::Limit);
        }
        if window_secs == 0 || window_secs > MAX_WINDOW_SECS {
            return Err(QuotaError::Window);
        }
        if burst == 0 || burst > limit {
            return Err(QuotaError::Burst);
        }
        // m = limit − burst + 1 ≥ 1; the window fits u64 nanoseconds (≤ 3.2 × 10¹⁶).
        let m = (limit.saturating_sub(burst) as u64).saturating_add(1);
        let window = (window_secs as u64).saturating_mul(NANOS_PER_SEC);
        let Some(interval) = window.checked_div(m) else {
            return Err(QuotaError::Burst);
        };
        let interval = interval.saturating_add(1);
        // b × T ≤ b × (w / m + 1) ≤ 2 × w × b / m... bounded by (2³² × 3.2 × 10¹⁶) in the
        // worst case, so checked.
        let Some(capacity) = interval.checked_mul(burst as u64) else {
            return Err(QuotaError::Burst);
        };
        Ok(Quota {
            name,
            limit,
            window_secs,
            burst,
            interval,
            capacity,
        })
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

    /// Units admitted at once from a clean state.
    #[must_use]
    pub const fn burst(&self) -> u32 {
        self.burst
    }

    /// The emission interval `T` in nanoseconds.
    #[must_use]
    pub const fn interval_nanos(&self) -> u64 {
        self.interval
    }
}

/// One to [`MAX_QUOTAS`] quotas with distinct names, evaluated together, and an id that
/// names its stored state.
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

    /// The quotas, in order; the stored state has one TAT per quota, in this order.
    #[must_use]
    pub fn quotas(&self) -> &[Quota] {
        self.quotas.get(..self.len).unwrap_or_default()
    }

    /// Decides a request of `cost` units at `now`, given the stored TAT of each quota
    /// (`None`, or a missing entry, for a key never seen). Pure and allocation-free.
    ///
    /// ```
    /// use customer_core::guard::{Policy, UnixNanos};
    ///
    /// let now = UnixNanos::from_secs(1_700_000_000);
    /// let mut state = vec![None; 2];
    /// for _ in 0..10 {
    ///     let d = Policy::LIST.decide(now, &state, 1);
    ///     assert!(d.is_allowed());
    ///     state = d.new_state().to_vec(); // stored with a compare-and-set
    /// }
    /// let refused = Policy::LIST.decide(now, &state, 1);
    /// assert!(!refused.is_allowed());
    /// assert_eq!(refused.new_state(), &state[..]); // consumes nothing
    /// assert_eq!(refused.retry_after_secs(), Some(1));
    /// assert_eq!(refused.rate_limit_header(), r#""permin";r=0;t=7, "perhr";r=90;t=40"#);
    /// assert_eq!(refused.policy_header(), r#""permin";q=100;w=60, "perhr";q=1000;w=3600"#);
    /// ```
    #[must_use]
    pub fn decide(
        &self,
        now: UnixNanos,
        stored: &[Option<UnixNanos>],
        cost: u32,
    ) -> RateDecision<'_> {
        let mut decision = RateDecision {
            policy: self,
            allowed: true,
            state: [None; MAX_QUOTAS],
            status: [QuotaStatus::default(); MAX_QUOTAS],
        };
        let slots = decision.state.iter_mut().zip(decision.status.iter_mut());
        for (i, (quota, (state, status))) in self.quotas().iter().zip(slots).enumerate() {
            let tat = stored.get(i).copied().flatten();
            let debt = tat.map_or(0, |t| now.nanos_until(t));
            let need = quota.interval.checked_mul(u64::from(cost));
            let after = need.and_then(|n| debt.checked_add(n));
            match after {
                Some(after) if after <= quota.capacity => {
                    *state = Some(UnixNanos::from_nanos(now.as_nanos().saturating_add(after)));
                    status.debt = after;
                }
                _ => {
                    decision.allowed = false;
                    *state = tat;
                    status.debt = debt;
                    status.refused = true;
                    // Wait until debt + need ≤ capacity; never if need alone exceeds it.
                    status.wait = need
                        .filter(|n| *n <= quota.capacity)
                        .map(|n| debt.saturating_add(n).saturating_sub(quota.capacity));
                }
            }
        }
        if !decision.allowed {
            // Refused: every quota keeps its stored state and reports it.
            let slots = decision.state.iter_mut().zip(decision.status.iter_mut());
            for (i, (state, status)) in slots.take(self.len).enumerate() {
                let tat = stored.get(i).copied().flatten();
                *state = tat;
                status.debt = tat.map_or(0, |t| now.nanos_until(t));
            }
        }
        for (quota, status) in self.quotas().iter().zip(decision.status.iter_mut()) {
            status.remaining = quota
                .capacity
                .saturating_sub(status.debt)
                .checked_div(quota.interval)
                .unwrap_or(0);
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
    debt: u64,
    remaining: u64,
    refused: bool,
    wait: Option<u64>,
}

impl QuotaStatus {
    /// Units that could be sent at once now (after this request, if admitted): the
    /// draft's `r`.
    #[must_use]
    pub fn remaining(&self) -> u64 {
        self.remaining
    }

    /// Whole seconds, rounded up, until the quota is back to its full burst: the draft's
    /// `t`.
    #[must_use]
    pub fn reset_secs(&self) -> u64 {
        self.debt.div_ceil(NANOS_PER_SEC)
    }

    /// Whether this quota refuses the request.
    #[must_use]
    pub fn is_refused(&self) -> bool {
        self.refused
    }

    /// For a refusing quota, the nanoseconds until the request would be admitted;
    /// `None` when it admits, or when the cost exceeds the burst (never admitted).
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
    allowed: bool,
    state: [Option<UnixNanos>; MAX_QUOTAS],
    status: [QuotaStatus; MAX_QUOTAS],
}

impl<'p> RateDecision<'p> {
    /// Whether every quota admits the request.
    #[must_use]
    pub fn is_allowed(&self) -> bool {
        self.allowed
    }

    /// The state to store, one TAT per quota: the new state when admitted (write it with
    /// a compare-and-set against the state read), the stored state when refused (nothing
    /// to write).
    #[must_use]
    pub fn new_state(&self) -> &[Option<UnixNanos>] {
        self.state.get(..self.policy.len).unwrap_or_default()
    }

    /// Milliseconds the state must be kept from `now` (at least 1): past it, every quota
    /// is back to its full burst and the state can expire (Redis's `PX`).
    #[must_use]
    pub fn state_ttl_millis(&self, now: UnixNanos) -> u64 {
        self.new_state()
            .iter()
            .map(|t| t.map_or(0, |t| now.nanos_until(t)))
            .max()
            .unwrap_or(0)
            .div_ceil(1_000_000)
            .max(1)
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
    /// quotas. `None` when admitted, or when the cost exceeds a quota's burst (no wait
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

    /// `RateLimit`: `"permin";r=9;t=1, "perhr";r=99;t=4`.
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
                detail.push_str("; the request costs more than the limit allows at once")
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
mod tests {
    use super::*;

    const T0: UnixNanos = UnixNanos::from_secs(1_700_000_000);

    fn at(ms: u64) -> UnixNanos {
        UnixNanos::from_nanos(T0.as_nanos() + ms * 1_000_000)
    }

    #[test]
    fn seed_constants() {
        assert_eq!(TEST_PER_MINUTE.interval_nanos(), 60_000_000_000 / 91 + 1);
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
    fn burst_then_sustained_rate() {
        let q = Quota::new("q", 10, 10, 3).unwrap(); // T = 10 s / 8 + 1 ns
        let policy = Policy::new("p", &[q]).unwrap();
        let mut state = vec![None];
        for _ in 0..3 {
            let d = policy.decide(T0, &state, 1);
            assert!(d.is_allowed());
            state = d.new_state().to_vec();
        }
        let refused = policy.decide(T0, &state, 1);
        assert!(!refused.is_allowed());
        assert_eq!(refused.new_state(), &state[..]);
        assert_eq!(refused.statuses()[0].wait_nanos(), Some(q.interval_nanos()));
        assert_eq!(refused.retry_after_secs(), Some(2)); // 1.25 s rounded up
        assert!(
            policy
                .decide(
                    UnixNanos::from_nanos(T0.as_nanos() + q.interval_nanos()),
                    &state,
                    1
                )
                .is_allowed()
        );
    }

    #[test]
    fn a_refused_request_consumes_no_window() {
        // The minute quota has room, the hour quota does not: nothing is spent anywhere.
        let per_min = Quota::new("permin", 5, 60, 5).unwrap();
        let per_hr = Quota::new("perhr", 2, 3600, 2).unwrap();
        let policy = Policy::new("p", &[per_min, per_hr]).unwrap();
        let mut state = vec![None, None];
        for _ in 0..2 {
            state = policy.decide(T0, &state, 1).new_state().to_vec();
        }
        let refused = policy.decide(at(1), &state, 1);
        assert!(!refused.is_allowed());
        assert_eq!(refused.new_state(), &state[..]);
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
    }

    #[test]
    fn retry_after_is_the_longest_wait() {
        let a = Quota::new("a", 1, 10, 1).unwrap();
        let b = Quota::new("b", 1, 100, 1).unwrap();
        let policy = Policy::new("p", &[a, b]).unwrap();
        let state = policy.decide(T0, &[], 1).new_state().to_vec();
        let refused = policy.decide(at(500), &state, 1);
        assert_eq!(refused.retry_after_secs(), Some(100)); // 99.5 s + 1 ns, rounded up
        let headers = refused.headers();
        assert_eq!(headers[2], ("Retry-After".to_owned(), "100".to_owned()));
    }

    #[test]
    fn cost_above_burst_is_never_admitted() {
        let policy = Policy::TEST;
        let d = policy.decide(T0, &[], 11);
        assert!(!d.is_allowed());
        assert_eq!(d.retry_after_secs(), None);
        assert!(d.problem().detail.contains("costs more"));
        assert!(policy.decide(T0, &[], 10).is_allowed());
        assert!(!policy.decide(T0, &[], u32::MAX).is_allowed());
        // Cost 0 peeks: admitted, nothing consumed.
        let peek = policy.decide(T0, &[], 0);
        assert!(peek.is_allowed());
        assert_eq!(peek.statuses()[0].remaining(), 10);
    }

    #[test]
    fn stored_state_from_the_future_or_past() {
        let d = Policy::TEST.decide(T0, &[Some(UnixNanos::EPOCH)], 1);
        assert!(d.is_allowed());
        let far = Policy::TEST.decide(T0, &[Some(UnixNanos::from_nanos(u64::MAX))], 1);
        assert!(!far.is_allowed());
        assert_eq!(far.statuses()[0].remaining(), 0);
    }

    #[test]
    fn quota_and_policy_errors() {
        assert_eq!(Quota::new("", 1, 1, 1), Err(QuotaError::Name));
        assert_eq!(Quota::new("A", 1, 1, 1), Err(QuotaError::Name));
        assert_eq!(Quota::new("a", 0, 1, 1), Err(QuotaError::Limit));
        assert_eq!(Quota::new("a", 1, 0, 1), Err(QuotaError::Window));
        assert_eq!(
            Quota::new("a", 1, MAX_WINDOW_SECS + 1, 1),
            Err(QuotaError::Window)
        );
        assert_eq!(Quota::new("a", 2, 1, 0), Err(QuotaError::Burst));
        assert!(Quota::new("a", u32::MAX, MAX_WINDOW_SECS, u32::MAX).is_err());
        assert!(Quota::new("a", u32::MAX, MAX_WINDOW_SECS, 1).is_ok());
        let q = TEST_PER_MINUTE;
        assert_eq!(Policy::new("p", &[]), Err(PolicyError::Count));
        assert_eq!(Policy::new("p", &[q; 5]), Err(PolicyError::Count));
        assert_eq!(Policy::new("p", &[q, q]), Err(PolicyError::DuplicateName));
    }

    #[test]
    fn state_ttl_covers_the_debt() {
        let d = Policy::LIST.decide(T0, &[], 1);
        assert_eq!(
            d.state_ttl_millis(T0),
            LIST_PER_HOUR.interval_nanos().div_ceil(1_000_000)
        );
        let idle = Policy::LIST.decide(T0, &[], 0);
        assert_eq!(idle.state_ttl_millis(T0), 1);
    }
}
