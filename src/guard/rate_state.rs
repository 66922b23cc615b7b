//! The stored state of a rate-limit policy: one sliding-window log per quota, bit-packed,
//! as opaque bytes for a store (see [`RateState`]).

use std::fmt;

use super::rate_limit::{MAX_QUOTAS, Quota};

/// The layout version this crate writes and reads.
const VERSION: u8 = 1;
/// Version and section count.
const HEADER_BYTES: usize = 2;
/// limit, window, head, len, last.
const SECTION_HEADER_BYTES: usize = 24;

/// A policy's stored state: opaque bytes to keep per (API key, policy), read back with
/// [`RateState::from_bytes`] and written from [`RateDecision::new_state`](super::RateDecision::new_state)
/// with a compare-and-set.
///
/// # Layout
///
/// All integers little-endian.
///
/// | bytes | content |
/// | --- | --- |
/// | 1 | format version, `1` |
/// | 1 | number of quota sections, 1 to [`MAX_QUOTAS`](super::MAX_QUOTAS) |
/// | per quota: 4 | the quota's limit `q` |
/// | 4 | its window `w` in seconds |
/// | 4 | `head`: the ring slot of the oldest entry |
/// | 4 | `len`: entries in the log, at most `q` |
/// | 8 | `last`: the newest entry's instant, nanoseconds since the epoch |
/// | ⌈q × b / 8⌉ | a ring of `q` slots of `b` bits each |
///
/// An entry is one admitted unit (a request of cost 3 is three entries), so a quota's
/// log never holds more than `q`. A slot holds its instant modulo 2^`b`, where `b` is the
/// bit length of `w` in nanoseconds minus one (36 bits for a minute, 42 for an hour, at
/// most 55): every entry kept is less than `w` older than `last` (entries that have
/// left the window are dropped at each write), so `last − instant` is exact in `b` bits.
///
/// The empty byte string is the state of a key never seen. [`RateState::size_for`]
/// gives a policy's size; the seeds' policies:
///
/// ```
/// use customer_core::guard::{Policy, RateState};
///
/// assert_eq!(RateState::size_for(&Policy::TEST), 476); // q = 100 per minute
/// assert_eq!(RateState::size_for(&Policy::LIVE), 4_526); // q = 1000 per minute
/// assert_eq!(RateState::size_for(&Policy::LIST), 5_750); // 100 per minute, 1000 per hour
/// ```
///
/// ```
/// use customer_core::guard::{Policy, RateState, UnixNanos};
///
/// let now = UnixNanos::from_secs(1_700_000_000);
/// let stored = RateState::new(); // nothing stored yet
/// let decision = Policy::TEST.decide(now, &stored, 1);
/// let bytes = decision.new_state().into_bytes(); // to the store
/// let read = RateState::from_bytes(&bytes).unwrap(); // from the store
/// assert_eq!(Policy::TEST.decide(now, &read, 0).statuses()[0].remaining(), 99);
/// assert!(RateState::from_bytes(b"[1700000000000000000]").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct RateState {
    bytes: Vec<u8>,
}

/// Why stored bytes are not a [`RateState`] this crate wrote. A service may start such a
/// key afresh with [`RateState::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RateStateError {
    /// The first byte is not a layout version this crate reads.
    #[error("the rate-limit state has an unknown layout version")]
    Version,
    /// The section count, a section's quota or its head or length is out of range, or
    /// the byte length does not match the sections.
    #[error("the rate-limit state is malformed")]
    Malformed,
}

impl RateState {
    /// The state of a key never seen (zero bytes).
    #[must_use]
    pub const fn new() -> RateState {
        RateState { bytes: Vec::new() }
    }

    /// Reads stored bytes, checking the layout (version, sections, lengths) in time
    /// proportional to the number of sections, not their size. The empty string is
    /// [`RateState::new`].
    pub fn from_bytes(bytes: &[u8]) -> Result<RateState, RateStateError> {
        check(bytes)?;
        Ok(RateState {
            bytes: bytes.to_vec(),
        })
    }

    /// The bytes to store.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes to store, without a copy.
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Whether this is the state of a key never seen.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The size in bytes of a non-empty state of `policy` (every state the policy writes
    /// has this size).
    #[must_use]
    pub fn size_for(policy: &super::Policy) -> usize {
        policy
            .quotas()
            .iter()
            .fold(HEADER_BYTES, |n, q| n.saturating_add(section_bytes(q)))
    }

    /// The log of section `i`, if present.
    pub(super) fn log(&self, i: usize) -> Option<Log<'_>> {
        let (start, end) = section_range(&self.bytes, i)?;
        Log::read(self.bytes.get(start..end)?)
    }

    /// The bytes of section `i` (header and ring), if present.
    fn section(&self, i: usize) -> Option<&[u8]> {
        let (start, end) = section_range(&self.bytes, i)?;
        self.bytes.get(start..end)
    }

    /// The state after admitting `cost` units at `now` (at or after every stored entry),
    /// `kept[i]` being how many of section `i`'s newest entries are still in their
    /// window. A section with the quota's own limit and window is copied and edited in
    /// place (its ring is not rewritten); any other, or a missing one, is repacked.
    pub(super) fn admit(&self, quotas: &[Quota], kept: &[u32], now: u64, cost: u32) -> RateState {
        let size = quotas
            .iter()
            .fold(HEADER_BYTES, |n, q| n.saturating_add(section_bytes(q)));
        let mut out = Vec::with_capacity(size);
        out.push(VERSION);
        out.push(u8::try_from(quotas.len()).unwrap_or(0));
        for (i, quota) in quotas.iter().enumerate() {
            let start = out.len();
            let keep = kept.get(i).copied().unwrap_or(0);
            let old = self.log(i);
            let head = match (old, self.section(i)) {
                (Some(log), Some(bytes)) if log.matches(quota) => {
                    out.extend_from_slice(bytes);
                    // Drop the entries that left the window: the oldest `len - keep`.
                    log.slot(log.len.saturating_sub(keep))
                }
                _ => {
                    out.resize(start.saturating_add(section_bytes(quota)), 0);
                    put_u32(&mut out, start, quota.limit());
                    put_u32(&mut out, start.saturating_add(4), quota.window_secs());
                    if let (Some(log), Some(ring)) = (
                        old,
                        out.get_mut(start.saturating_add(SECTION_HEADER_BYTES)..),
                    ) {
                        let from = log.len.saturating_sub(keep);
                        let mask = mask(quota.width());
                        for (slot, k) in (from..log.len).enumerate() {
                            let slot = u64::try_from(slot).unwrap_or(0);
                            write_slot(ring, quota.width(), slot, log.instant(k) & mask);
                        }
                    }
                    0
                }
            };
            let limit = quota.limit();
            let mut len = keep.min(limit);
            if let Some(ring) = out.get_mut(start.saturating_add(SECTION_HEADER_BYTES)..) {
                let value = now & mask(quota.width());
                for _ in 0..cost.min(limit.saturating_sub(len)) {
                    let slot = wrap(head.saturating_add(len), limit);
                    write_slot(ring, quota.width(), u64::from(slot), value);
                    len = len.saturating_add(1);
                }
            }
            put_u32(&mut out, start.saturating_add(8), head);
            put_u32(&mut out, start.saturating_add(12), len);
            let last = if cost > 0 {
                now
            } else {
                old.map_or(0, |log| log.last)
            };
            put_u64(&mut out, start.saturating_add(16), last);
        }
        RateState { bytes: out }
    }
}

impl TryFrom<Vec<u8>> for RateState {
    type Error = RateStateError;

    /// As [`RateState::from_bytes`], keeping the buffer.
    fn try_from(bytes: Vec<u8>) -> Result<RateState, RateStateError> {
        check(&bytes)?;
        Ok(RateState { bytes })
    }
}

impl AsRef<[u8]> for RateState {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for RateState {
    /// The sections' quotas and entry counts, not the ring.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        let mut i = 0;
        while let Some(log) = self.log(i) {
            list.entry(&format_args!(
                "{} per {} s: {} entries, last {}",
                log.limit, log.window_secs, log.len, log.last
            ));
            i = i.saturating_add(1);
        }
        list.finish()
    }
}

/// Bytes of one quota's section: header and ring.
fn section_bytes(quota: &Quota) -> usize {
    SECTION_HEADER_BYTES.saturating_add(ring_bytes(quota.limit(), quota.width()))
}

fn ring_bytes(limit: u32, width: u32) -> usize {
    let bits = u64::from(limit).saturating_mul(u64::from(width));
    usize::try_from(bits.div_ceil(8)).unwrap_or(usize::MAX)
}

fn mask(width: u32) -> u64 {
    u64::MAX
        .checked_shr(64u32.saturating_sub(width))
        .unwrap_or(0)
}

/// `i` for `i < n`, `i − n` for `n ≤ i < 2n`.
fn wrap(i: u32, n: u32) -> u32 {
    if i >= n { i.saturating_sub(n) } else { i }
}

fn get_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

fn get_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(b.try_into().ok()?))
}

fn put_u32(bytes: &mut [u8], at: usize, value: u32) {
    if let Some(b) = bytes.get_mut(at..at.saturating_add(4)) {
        b.copy_from_slice(&value.to_le_bytes());
    }
}

fn put_u64(bytes: &mut [u8], at: usize, value: u64) {
    if let Some(b) = bytes.get_mut(at..at.saturating_add(8)) {
        b.copy_from_slice(&value.to_le_bytes());
    }
}

/// The value of slot `slot` of `width` bits (1 to 56).
fn read_slot(ring: &[u8], width: u32, slot: u64) -> u64 {
    let bit = slot.saturating_mul(u64::from(width));
    let byte = usize::try_from(bit >> 3).unwrap_or(usize::MAX);
    let shift = u32::try_from(bit & 7).unwrap_or(0);
    let word = match ring.get(byte..byte.saturating_add(8)) {
        Some(b) => u64::from_le_bytes(b.try_into().unwrap_or([0; 8])),
        None => {
            // The last slots: fewer than 8 bytes remain.
            let mut buf = [0u8; 8];
            let tail = ring.get(byte..).unwrap_or_default();
            for (d, s) in buf.iter_mut().zip(tail) {
                *d = *s;
            }
            u64::from_le_bytes(buf)
        }
    };
    (word >> shift) & mask(width)
}

/// Writes `value` (at most `width` bits) into slot `slot`.
fn write_slot(ring: &mut [u8], width: u32, slot: u64, value: u64) {
    let bit = slot.saturating_mul(u64::from(width));
    let byte = usize::try_from(bit >> 3).unwrap_or(usize::MAX);
    let shift = u32::try_from(bit & 7).unwrap_or(0);
    let clear = !(mask(width) << shift);
    let set = (value & mask(width)) << shift;
    match ring.get_mut(byte..byte.saturating_add(8)) {
        Some(b) => {
            let word = u64::from_le_bytes((&*b).try_into().unwrap_or([0; 8]));
            b.copy_from_slice(&((word & clear) | set).to_le_bytes());
        }
        None => {
            let tail = ring.get_mut(byte..).unwrap_or_default();
            let mut buf = [0u8; 8];
            for (d, s) in buf.iter_mut().zip(tail.iter()) {
                *d = *s;
            }
            let word = (u64::from_le_bytes(buf) & clear) | set;
            for (d, s) in tail.iter_mut().zip(word.to_le_bytes()) {
                *d = s;
            }
        }
    }
}

/// Where section `i` starts and ends, walking the section headers; `None` past the last.
fn section_range(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let count = usize::from(*bytes.get(1)?);
    if i >= count {
        return None;
    }
    let mut start = HEADER_BYTES;
    for n in 0..=i {
        let limit = get_u32(bytes, start)?;
        let window = get_u32(bytes, start.checked_add(4)?)?;
        let width = Quota::width_for(window);
        let end = start
            .checked_add(SECTION_HEADER_BYTES)?
            .checked_add(ring_bytes(limit, width))?;
        if n == i {
            return Some((start, end));
        }
        start = end;
    }
    None
}

/// Checks the layout of stored bytes.
fn check(bytes: &[u8]) -> Result<(), RateStateError> {
    let Some((&version, rest)) = bytes.split_first() else {
        return Ok(());
    };
    if version != VERSION {
        return Err(RateStateError::Version);
    }
    let count = usize::from(*rest.first().ok_or(RateStateError::Malformed)?);
    if count == 0 || count > MAX_QUOTAS {
        return Err(RateStateError::Malformed);
    }
    let mut end = HEADER_BYTES;
    for i in 0..count {
        let (start, section_end) = section_range(bytes, i).ok_or(RateStateError::Malformed)?;
        let section = bytes
            .get(start..section_end)
            .ok_or(RateStateError::Malformed)?;
        let log = Log::read(section).ok_or(RateStateError::Malformed)?;
        if Quota::new("check", log.limit, log.window_secs).is_err()
            || log.head >= log.limit
            || log.len > log.limit
        {
            return Err(RateStateError::Malformed);
        }
        end = section_end;
    }
    if end != bytes.len() {
        return Err(RateStateError::Malformed);
    }
    Ok(())
}

/// One quota's log, borrowed from the state: entries in ring order, oldest at `head`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Log<'a> {
    limit: u32,
    window_secs: u32,
    width: u32,
    head: u32,
    len: u32,
    last: u64,
    ring: &'a [u8],
}

impl<'a> Log<'a> {
    fn read(section: &'a [u8]) -> Option<Log<'a>> {
        let window_secs = get_u32(section, 4)?;
        Some(Log {
            limit: get_u32(section, 0)?,
            window_secs,
            width: Quota::width_for(window_secs),
            head: get_u32(section, 8)?,
            len: get_u32(section, 12)?,
            last: get_u64(section, 16)?,
            ring: section.get(SECTION_HEADER_BYTES..)?,
        })
    }

    /// Whether the section was written for a quota of this limit and window.
    fn matches(&self, quota: &Quota) -> bool {
        self.limit == quota.limit() && self.window_secs == quota.window_secs()
    }

    /// Entries in the log.
    pub(super) fn len(&self) -> u32 {
        self.len
    }

    /// The newest entry's instant (meaningful when the log is not empty).
    pub(super) fn last(&self) -> u64 {
        self.last
    }

    /// The ring slot of the `k`-th oldest entry.
    fn slot(&self, k: u32) -> u32 {
        wrap(self.head.saturating_add(k), self.limit)
    }

    /// How much older than `last` the `k`-th oldest entry is, in nanoseconds.
    pub(super) fn age(&self, k: u32) -> u64 {
        let value = read_slot(self.ring, self.width, u64::from(self.slot(k)));
        self.last.wrapping_sub(value) & mask(self.width)
    }

    fn instant(&self, k: u32) -> u64 {
        self.last.saturating_sub(self.age(k))
    }

    /// The first `k` whose entry is less than `limit` older than `last` (ages fall from
    /// the oldest entry to the newest): entries `k..len` are the ones younger than that.
    pub(super) fn first_younger_than(&self, limit: u64) -> u32 {
        let (mut lo, mut hi) = (0u32, self.len);
        while lo < hi {
            let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
            if self.age(mid) < limit {
                hi = mid;
            } else {
                lo = mid.saturating_add(1);
            }
        }
        lo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_round_trip_at_every_width_and_position() {
        for width in [1u32, 7, 8, 9, 36, 42, 55, 56] {
            let slots = 13u64;
            let mut ring = vec![0u8; ring_bytes(13, width)];
            let value = |i: u64| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15)) & mask(width);
            for i in 0..slots {
                write_slot(&mut ring, width, i, value(i));
            }
            for i in 0..slots {
                assert_eq!(
                    read_slot(&ring, width, i),
                    value(i),
                    "width {width} slot {i}"
                );
            }
            // Rewriting one slot leaves its neighbours alone.
            write_slot(&mut ring, width, 5, mask(width));
            assert_eq!(read_slot(&ring, width, 4), value(4));
            assert_eq!(read_slot(&ring, width, 6), value(6));
        }
    }

    #[test]
    fn layout_checks() {
        assert_eq!(RateState::from_bytes(b""), Ok(RateState::new()));
        assert_eq!(RateState::from_bytes(b"\x02"), Err(RateStateError::Version));
        assert_eq!(
            RateState::from_bytes(b"\x01"),
            Err(RateStateError::Malformed)
        );
        assert_eq!(
            RateState::from_bytes(b"\x01\x00"),
            Err(RateStateError::Malformed)
        );
        let policy = super::super::Policy::TEST;
        let empty = RateState::new();
        let state = policy.decide(super::super::UnixNanos::from_secs(1), &empty, 1);
        let bytes = state.new_state().into_bytes();
        assert_eq!(bytes.len(), RateState::size_for(&policy));
        assert!(RateState::from_bytes(&bytes).is_ok());
        assert_eq!(
            RateState::from_bytes(&bytes[..bytes.len() - 1]),
            Err(RateStateError::Malformed)
        );
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            RateState::from_bytes(&longer),
            Err(RateStateError::Malformed)
        );
        // head and len past the limit.
        for at in [2 + 8, 2 + 12] {
            let mut bad = bytes.clone();
            bad[at..at + 4].copy_from_slice(&101u32.to_le_bytes());
            assert_eq!(RateState::from_bytes(&bad), Err(RateStateError::Malformed));
        }
        // A window of zero seconds.
        let mut bad = bytes;
        bad[6..10].copy_from_slice(&0u32.to_le_bytes());
        assert!(RateState::from_bytes(&bad).is_err());
    }
}
