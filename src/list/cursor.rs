//! Signed keyset cursors for listing customers.
//!
//! A cursor is opaque to clients: URL-safe base64 without padding of a fixed, versioned
//! byte layout. It carries the keyset position (`created_at`, `id`) of a row, the
//! direction it pages in, and a digest of the query it belongs to (filters and sort), and
//! it is authenticated with HMAC-SHA256 under a key the service passes in. A client can
//! neither forge a position nor replay a cursor against another query.
//!
//! # Byte layout (version 1)
//!
//! 63 bytes, 84 characters once encoded. Integers are big-endian.
//!
//! | offset | size | field |
//! |-------:|-----:|-------|
//! | 0  | 1  | version, `0x01` |
//! | 1  | 1  | key id: which [`CursorKey`] signed it |
//! | 2  | 1  | direction: `0x00` = `after` (next page), `0x01` = `before` (previous page) |
//! | 3  | 8  | `created_at`: whole seconds since the Unix epoch, `i64` (floor) |
//! | 11 | 4  | `created_at`: nanoseconds within that second, `u32`, below 10⁹, a whole number of microseconds |
//! | 15 | 16 | customer id: the UUID's 16 bytes |
//! | 31 | 16 | query digest: the first 16 bytes of SHA-256 over the canonical filters and sort ([`QueryDigest`]) |
//! | 47 | 16 | tag: the first 16 bytes of HMAC-SHA256(secret, `"customer-core/cursor/v1"` ‖ bytes 0‥47) |
//!
//! The page size (`limit`) is not in the digest: a client may change it between pages.
//!
//! # Decoding
//!
//! In this order, each step bounded by the one before: at most [`MAX_CURSOR_CHARS`]
//! characters (checked before any decoding), canonical URL-safe base64 without padding,
//! exactly 63 bytes, version 1, a key id the [`CursorKeys`] know, the tag (checked in
//! constant time), then the fields (direction byte, nanoseconds a whole number of microseconds, year
//! 0000–9999). Only a
//! cursor this library encoded under a known key passes, and it re-encodes to the same
//! string. Cursors carry no expiry: retiring a key is how old cursors stop working
//! ([`CursorKeys`](crate::list::CursorKeys) says how to rotate keys).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::Mac;
use sha2::{Digest, Sha256};

use crate::error::{Coded, ErrorCode};
use crate::field::id::CustomerId;
use crate::field::timestamp::Timestamp;
use crate::list::keys::{CursorKey, CursorKeys};
use crate::profile::juice::Customer;

/// The only version this library writes and reads.
const VERSION: u8 = 1;
/// Bytes covered by the tag.
const BODY_BYTES: usize = 47;
/// Bytes of the truncated tag.
const TAG_BYTES: usize = 16;
/// Bytes of a version-1 cursor.
const CURSOR_BYTES: usize = 63;
const _: () = assert!(BODY_BYTES + TAG_BYTES == CURSOR_BYTES);
/// Characters of an encoded version-1 cursor.
pub const CURSOR_CHARS: usize = 84;
/// Input longer than this is rejected before it is decoded (room for a longer version 2).
pub const MAX_CURSOR_CHARS: usize = 128;
/// Domain separation for the query digest.
const DIGEST_CONTEXT: &[u8] = b"customer-core/list-query/v1\0";

/// Which way a cursor pages, and so which query parameter it belongs in.
///
/// ```
/// use customer_core::list::Direction;
///
/// assert_eq!(Direction::After.parameter(), "after");
/// assert_eq!(Direction::Before.parameter(), "before");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The next page: rows strictly after the position, in the query's order.
    After,
    /// The previous page: rows strictly before the position, in the query's order.
    Before,
}

impl Direction {
    /// The query parameter this direction is sent in: `"after"` or `"before"`.
    #[must_use]
    pub const fn parameter(self) -> &'static str {
        match self {
            Direction::After => "after",
            Direction::Before => "before",
        }
    }

    const fn to_byte(self) -> u8 {
        match self {
            Direction::After => 0,
            Direction::Before => 1,
        }
    }

    const fn from_byte(b: u8) -> Option<Direction> {
        match b {
            0 => Some(Direction::After),
            1 => Some(Direction::Before),
            _ => None,
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.parameter())
    }
}

/// A keyset position: `created_at`, then `id` as the tie-breaker.
///
/// `Ord` is the keyset order, ascending: by `created_at`, then by the id's 16 bytes
/// (the order of PostgreSQL's `uuid` and of the lowercase hyphenated text).
///
/// ```
/// use customer_core::{CustomerId, Timestamp, list::Position};
///
/// let t = Timestamp::parse("2024-03-01T12:00:00Z").unwrap();
/// let a = Position::new(t, "00000000-0000-4000-8000-000000000001".parse().unwrap());
/// let b = Position::new(t, "00000000-0000-4000-8000-000000000002".parse().unwrap());
/// assert!(a < b);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    created_at: Timestamp,
    id: CustomerId,
}

impl Position {
    /// The position of a row created at `created_at` with id `id`.
    #[must_use]
    pub fn new(created_at: Timestamp, id: CustomerId) -> Self {
        Position { created_at, id }
    }

    /// The position of a customer.
    ///
    /// ```
    /// use customer_core::{CreateCustomer, Customer, list::Position};
    ///
    /// let request = CreateCustomer::from_json(br#"{"first_name":"Jane","last_name":"Doe",
    ///   "email":"jane@example.com","phone_number":"+2348012345679",
    ///   "billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#).unwrap();
    /// let customer = Customer::new(
    ///     "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
    ///     request,
    ///     "2024-03-01T12:00:00Z".parse().unwrap(),
    /// );
    /// let p = Position::of(&customer);
    /// assert_eq!(p.created_at(), customer.created_at());
    /// assert_eq!(p.id(), customer.id());
    /// ```
    #[must_use]
    pub fn of(customer: &Customer) -> Self {
        Position::new(customer.created_at(), customer.id())
    }

    /// When the row was created.
    #[must_use]
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// The row's id.
    #[must_use]
    pub fn id(&self) -> CustomerId {
        self.id
    }
}

/// The first 16 bytes of SHA-256 over a list query's filters and sort.
///
/// The canonical input is `"customer-core/list-query/v1\0"`, then the sort (`0x00`
/// `created_at:desc`, `0x01` `created_at:asc`), then each filter as `0x00` when absent or
/// `0x01` and its value: the email's [`uniqueness_key`](crate::Email::uniqueness_key) as a
/// `u16` length and its bytes; `created_after` and `created_before` as `i64` seconds and
/// `u32` nanoseconds. Two queries have the same digest exactly when they list the same
/// customers in the same order. Get one from
/// [`ListCustomersQuery::digest`](crate::list::ListCustomersQuery::digest).
///
/// ```
/// use customer_core::{list::{CursorKey, CursorKeys, ListCustomersQuery}};
///
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let a = ListCustomersQuery::parse("email=Jane@Example.com&limit=5", &keys).unwrap();
/// let b = ListCustomersQuery::parse("email=jane@example.com", &keys).unwrap();
/// let c = ListCustomersQuery::parse("email=jane@example.com&sort=created_at:asc", &keys).unwrap();
/// assert_eq!(a.digest(), b.digest());
/// assert_ne!(b.digest(), c.digest());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct QueryDigest([u8; 16]);

impl QueryDigest {
    /// Starts the digest of a listing's query: its sort (`ascending` or not), then each
    /// filter the listing declares, in its own order ([`DigestBuilder::text`],
    /// [`DigestBuilder::timestamp`]), so a new listing supplies its filters without
    /// touching the cursor.
    ///
    /// ```
    /// use customer_core::list::QueryDigest;
    ///
    /// let a = QueryDigest::builder(false).text(Some("ada@example.com")).finish();
    /// let b = QueryDigest::builder(false).text(None).finish();
    /// assert_ne!(a, b);
    /// ```
    #[must_use]
    pub fn builder(ascending: bool) -> DigestBuilder {
        let mut h = Sha256::new();
        h.update(DIGEST_CONTEXT);
        h.update([u8::from(ascending)]);
        DigestBuilder(h)
    }

    /// The digest of Juice's customer listing (sort, email key, creation bounds).
    #[cfg(test)]
    pub(crate) fn compute(
        ascending: bool,
        email_key: Option<&str>,
        created_after: Option<Timestamp>,
        created_before: Option<Timestamp>,
    ) -> QueryDigest {
        QueryDigest::builder(ascending)
            .text(email_key)
            .timestamp(created_after)
            .timestamp(created_before)
            .finish()
    }

    /// The 16 bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

/// Builds a [`QueryDigest`] from a listing's sort and filters, each absent (one byte) or
/// present (a tag, then its canonical bytes), so no two filter sets share an encoding.
#[derive(Clone)]
pub struct DigestBuilder(Sha256);

impl DigestBuilder {
    /// A text filter (length-prefixed; texts over 65,535 bytes are cut, which no filter
    /// value reaches: they are bounded when parsed).
    #[must_use]
    pub fn text(mut self, value: Option<&str>) -> Self {
        match value {
            None => self.0.update([0]),
            Some(text) => {
                let bytes = text.as_bytes();
                let len = u16::try_from(bytes.len()).unwrap_or(u16::MAX);
                self.0.update([1]);
                self.0.update(len.to_be_bytes());
                self.0
                    .update(bytes.get(..usize::from(len)).unwrap_or(bytes));
            }
        }
        self
    }

    /// A timestamp filter.
    #[must_use]
    pub fn timestamp(mut self, value: Option<Timestamp>) -> Self {
        match value {
            None => self.0.update([0]),
            Some(t) => {
                self.0.update([1]);
                self.0.update(timestamp_bytes(t));
            }
        }
        self
    }

    /// The digest: the first 16 bytes of the SHA-256.
    #[must_use]
    pub fn finish(self) -> QueryDigest {
        let full = self.0.finalize();
        let mut out = [0u8; 16];
        for (o, b) in out.iter_mut().zip(full.iter()) {
            *o = *b;
        }
        QueryDigest(out)
    }
}

impl fmt::Debug for DigestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DigestBuilder")
    }
}

impl fmt::Debug for QueryDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QueryDigest(")?;
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

/// A verified (or freshly built) cursor: a direction, a keyset position and the digest of
/// the query it belongs to.
///
/// ```
/// use customer_core::{list::{Cursor, CursorKey, CursorKeys, Direction, ListCustomersQuery, Position}};
///
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let query = ListCustomersQuery::parse("limit=2", &keys).unwrap();
/// let position = Position::new(
///     "2024-03-01T12:00:00Z".parse().unwrap(),
///     "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
/// );
/// let cursor = Cursor::new(Direction::After, position, query.digest());
/// let text = cursor.encode(keys.signing());
/// assert_eq!(text.len(), 84);
/// assert_eq!(Cursor::decode(&text, &keys).unwrap(), cursor);
///
/// // One character changed: rejected.
/// let mut forged = text.into_bytes();
/// forged[20] = if forged[20] == b'A' { b'B' } else { b'A' };
/// let err = Cursor::decode(std::str::from_utf8(&forged).unwrap(), &keys).unwrap_err();
/// assert_eq!(err.code().as_str(), "invalid_cursor");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor {
    direction: Direction,
    position: Position,
    query: QueryDigest,
}

/// Why a cursor was rejected. Messages never echo the cursor (it is opaque) or a secret.
///
/// ```
/// use customer_core::{list::{Cursor, CursorError, CursorKey, CursorKeys}};
///
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let err = Cursor::decode("7a8b9c0d-1e2f-3g4h-5i6j-7k8l9m0n1o2p", &keys).unwrap_err();
/// assert_eq!(err, CursorError::Length);
/// assert_eq!(err.code().as_str(), "invalid_cursor");
/// assert_eq!(CursorError::Query.code().as_str(), "cursor_mismatch");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CursorError {
    /// The value is empty (`invalid_cursor`).
    #[error("is empty; omit it to start from the first page")]
    Empty,
    /// Longer than [`MAX_CURSOR_CHARS`]; not decoded (`invalid_cursor`).
    #[error("is not a cursor issued by this API: it is longer than {MAX_CURSOR_CHARS} characters")]
    TooLong,
    /// Not canonical URL-safe base64 without padding (`invalid_cursor`).
    #[error("is not a cursor issued by this API: it is not URL-safe base64")]
    Encoding,
    /// Decodes to the wrong number of bytes (`invalid_cursor`).
    #[error("is not a cursor issued by this API: it has the wrong length")]
    Length,
    /// A version this library does not read (`invalid_cursor`).
    #[error("is not a cursor issued by this API: unknown version")]
    Version,
    /// Signed with a key id the service no longer accepts (`invalid_cursor`).
    #[error("was signed with a key that is no longer accepted; start again from the first page")]
    UnknownKey,
    /// The tag does not verify: forged, changed or corrupted (`invalid_cursor`).
    #[error("is not a cursor issued by this API, or it was changed")]
    Signature,
    /// Verified, but its fields are not valid (`invalid_cursor`).
    #[error("is damaged; start again from the first page")]
    Malformed,
    /// A genuine cursor sent in the other parameter (`cursor_mismatch`).
    #[error("is a cursor for `{0}`; send it as `{0}`")]
    Direction(Direction),
    /// A genuine cursor from a query with other filters or another sort (`cursor_mismatch`).
    #[error(
        "belongs to another query: send the same email, created_after, created_before and sort as the request that returned it"
    )]
    Query,
}

impl CursorError {
    /// `cursor_mismatch` for a genuine cursor used with another query or parameter,
    /// `invalid_cursor` for everything else.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            CursorError::Direction(_) | CursorError::Query => ErrorCode::CursorMismatch,
            _ => ErrorCode::InvalidCursor,
        }
    }
}

impl Coded for CursorError {
    fn code(&self) -> ErrorCode {
        CursorError::code(self)
    }
}

/// `created_at` as 8 bytes of seconds (floor) and 4 of nanoseconds.
fn timestamp_bytes(t: Timestamp) -> [u8; 12] {
    let dt = t.as_offset_date_time();
    let mut out = [0u8; 12];
    let (secs, nanos) = out.split_at_mut(8);
    secs.copy_from_slice(&dt.unix_timestamp().to_be_bytes());
    nanos.copy_from_slice(&dt.nanosecond().to_be_bytes());
    out
}

fn timestamp_from(secs: [u8; 8], nanos: [u8; 4]) -> Option<Timestamp> {
    let secs = i64::from_be_bytes(secs);
    let nanos = u32::from_be_bytes(nanos);
    let dt = time::OffsetDateTime::from_unix_timestamp(secs).ok()?;
    let dt = dt.replace_nanosecond(nanos).ok()?;
    Timestamp::from_offset_date_time(dt).ok()
}

/// Copies `N` bytes from `bytes` at `at`, or `None` when out of range.
fn array_at<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

impl Cursor {
    /// A cursor paging in `direction` from `position`, for the query with digest `query`.
    #[must_use]
    pub fn new(direction: Direction, position: Position, query: QueryDigest) -> Self {
        Cursor {
            direction,
            position,
            query,
        }
    }

    /// Which way it pages.
    #[must_use]
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The position it pages from (exclusive).
    #[must_use]
    pub fn position(&self) -> Position {
        self.position
    }

    /// The digest of the query it belongs to.
    #[must_use]
    pub fn query_digest(&self) -> QueryDigest {
        self.query
    }

    /// Signs and encodes the cursor under `key` (see the module docs for the layout).
    #[must_use]
    pub fn encode(&self, key: &CursorKey) -> String {
        let mut bytes = [0u8; CURSOR_BYTES];
        let (body, tag) = bytes.split_at_mut(BODY_BYTES);
        let uuid = self.position.id.as_uuid();
        let fields = [
            &[VERSION, key.id(), self.direction.to_byte()][..],
            &timestamp_bytes(self.position.created_at),
            uuid.as_bytes(),
            &self.query.0,
        ];
        let mut at = 0usize;
        for field in fields {
            let end = at.saturating_add(field.len());
            if let Some(dst) = body.get_mut(at..end) {
                dst.copy_from_slice(field);
            }
            at = end;
        }
        let full = key.mac_over(body).finalize().into_bytes();
        for (t, b) in tag.iter_mut().zip(full.iter()) {
            *t = *b;
        }
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Decodes and verifies a cursor under `keys`. Any string is safe to pass: the length
    /// is bounded before decoding, and nothing here panics.
    ///
    /// This checks only that the cursor is genuine;
    /// [`ListCustomersQuery::parse`](crate::list::ListCustomersQuery::parse) also checks that it
    /// belongs to the query and the parameter it arrived in.
    pub fn decode(input: &str, keys: &CursorKeys) -> Result<Cursor, CursorError> {
        if input.is_empty() {
            return Err(CursorError::Empty);
        }
        if input.len() > MAX_CURSOR_CHARS {
            return Err(CursorError::TooLong);
        }
        let mut buf = [0u8; MAX_CURSOR_CHARS];
        let n = URL_SAFE_NO_PAD
            .decode_slice(input, &mut buf)
            .map_err(|_| CursorError::Encoding)?;
        let bytes = buf.get(..n).ok_or(CursorError::Length)?;
        if bytes.first() != Some(&VERSION) {
            return Err(if n == CURSOR_BYTES {
                CursorError::Version
            } else {
                CursorError::Length
            });
        }
        if n != CURSOR_BYTES {
            return Err(CursorError::Length);
        }
        let (body, tag) = bytes
            .split_at_checked(BODY_BYTES)
            .ok_or(CursorError::Length)?;
        let key_id = *body.get(1).ok_or(CursorError::Length)?;
        let key = keys.get(key_id).ok_or(CursorError::UnknownKey)?;
        // `tag` is TAG_BYTES long (n == CURSOR_BYTES); an empty tag would be refused too.
        key.mac_over(body)
            .verify_truncated_left(tag)
            .map_err(|_| CursorError::Signature)?;
        let direction = body
            .get(2)
            .and_then(|b| Direction::from_byte(*b))
            .ok_or(CursorError::Malformed)?;
        let created_at = array_at(body, 3)
            .zip(array_at(body, 11))
            .and_then(|(s, n)| timestamp_from(s, n))
            .ok_or(CursorError::Malformed)?;
        let id = array_at::<16>(body, 15)
            .map(|b| CustomerId::from(uuid::Uuid::from_bytes(b)))
            .ok_or(CursorError::Malformed)?;
        let query = array_at::<16>(body, 31)
            .map(QueryDigest)
            .ok_or(CursorError::Malformed)?;
        Ok(Cursor {
            direction,
            position: Position { created_at, id },
            query,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit};

    fn keys(id: u8, fill: u8) -> CursorKeys {
        CursorKeys::new(CursorKey::new(id, &[fill; 32]).unwrap())
    }

    fn sample() -> Cursor {
        let position = Position::new(
            Timestamp::parse("2024-03-01T12:00:00.123456Z").unwrap(),
            CustomerId::parse("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8").unwrap(),
        );
        let digest = QueryDigest::compute(false, Some("jane@example.com"), None, None);
        Cursor::new(Direction::Before, position, digest)
    }

    #[test]
    fn layout_is_as_documented() {
        let text = sample().encode(keys(9, 1).signing());
        assert_eq!(text.len(), CURSOR_CHARS);
        let bytes = URL_SAFE_NO_PAD.decode(&text).unwrap();
        assert_eq!(bytes.len(), CURSOR_BYTES);
        assert_eq!(&bytes[..3], &[1, 9, 1]);
        let t = Timestamp::parse("2024-03-01T12:00:00Z").unwrap();
        let secs = t.as_offset_date_time().unix_timestamp();
        assert_eq!(&bytes[3..11], &secs.to_be_bytes());
        assert_eq!(&bytes[11..15], &123_456_000u32.to_be_bytes());
        assert_eq!(
            &bytes[15..31],
            sample().position().id().as_uuid().as_bytes()
        );
        assert_eq!(&bytes[31..47], sample().query_digest().as_bytes());
        // The tag is HMAC-SHA256 over the context and the body, truncated.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&[1; 32]).unwrap();
        mac.update(b"customer-core/cursor/v1");
        mac.update(&bytes[..47]);
        assert_eq!(&bytes[47..], &mac.finalize().into_bytes()[..16]);
    }

    #[test]
    fn round_trips_and_re_encodes() {
        let k = keys(1, 1);
        let text = sample().encode(k.signing());
        let back = Cursor::decode(&text, &k).unwrap();
        assert_eq!(back, sample());
        assert_eq!(back.encode(k.signing()), text);
    }

    #[test]
    fn negative_and_extreme_timestamps_round_trip() {
        let k = keys(1, 1);
        for t in [
            "0000-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:59.999999Z",
        ] {
            let mut c = sample();
            c.position.created_at = Timestamp::parse(t).unwrap();
            assert_eq!(
                Cursor::decode(&c.encode(k.signing()), &k).unwrap(),
                c,
                "{t}"
            );
        }
    }

    /// A genuine (signed) cursor whose nanoseconds are not a whole microsecond is damaged:
    /// no stored row can be at that position.
    #[test]
    fn sub_microsecond_positions_are_malformed() {
        let k = keys(1, 1);
        let mut bytes = URL_SAFE_NO_PAD
            .decode(sample().encode(k.signing()))
            .unwrap();
        bytes[11..15].copy_from_slice(&123_456_789u32.to_be_bytes());
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&[1; 32]).unwrap();
        mac.update(b"customer-core/cursor/v1");
        mac.update(&bytes[..47]);
        let tag = mac.finalize().into_bytes();
        bytes[47..].copy_from_slice(&tag[..16]);
        assert_eq!(
            Cursor::decode(&URL_SAFE_NO_PAD.encode(&bytes), &k),
            Err(CursorError::Malformed)
        );
    }

    #[test]
    fn rejects_other_keys_and_tampering() {
        let text = sample().encode(keys(1, 1).signing());
        assert_eq!(
            Cursor::decode(&text, &keys(1, 2)),
            Err(CursorError::Signature)
        );
        assert_eq!(
            Cursor::decode(&text, &keys(2, 1)),
            Err(CursorError::UnknownKey)
        );
        let bytes = URL_SAFE_NO_PAD.decode(&text).unwrap();
        for bit in 0..bytes.len() * 8 {
            let mut b = bytes.clone();
            b[bit / 8] ^= 1 << (bit % 8);
            let err = Cursor::decode(&URL_SAFE_NO_PAD.encode(&b), &keys(1, 1)).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidCursor, "bit {bit}: {err:?}");
        }
    }

    #[test]
    fn rotation_verifies_old_and_signs_new() {
        let old = CursorKey::new(1, &[1; 32]).unwrap();
        let new = CursorKey::new(2, &[2; 32]).unwrap();
        let text = sample().encode(&old);
        let ring = CursorKeys::new(new).with_verifying(old).unwrap();
        assert_eq!(Cursor::decode(&text, &ring).unwrap(), sample());
        assert!(
            sample().encode(ring.signing()).starts_with("AQI"),
            "version 1, key 2"
        );
    }

    #[test]
    fn rejects_garbage_without_panicking() {
        let k = keys(1, 1);
        assert_eq!(Cursor::decode("", &k), Err(CursorError::Empty));
        assert_eq!(
            Cursor::decode(&"A".repeat(129), &k),
            Err(CursorError::TooLong)
        );
        assert_eq!(Cursor::decode("a+b/", &k), Err(CursorError::Encoding));
        assert_eq!(Cursor::decode("AQ", &k), Err(CursorError::Length));
        assert_eq!(
            Cursor::decode(&"A".repeat(84), &k),
            Err(CursorError::Version)
        );
        assert_eq!(
            Cursor::decode(&"A".repeat(128), &k),
            Err(CursorError::Length)
        );
        assert_eq!(
            Cursor::decode(&"A".repeat(85), &k),
            Err(CursorError::Encoding)
        );
        // 63 bytes fill 84 characters exactly: no unused bits, so no second spelling.
        assert_eq!(CURSOR_BYTES * 8, CURSOR_CHARS * 6);
        let text = sample().encode(k.signing());
        let padded = format!("{text}=");
        assert_eq!(Cursor::decode(&padded, &k), Err(CursorError::Encoding));
        let multi = "é".repeat(70);
        assert_eq!(Cursor::decode(&multi, &k), Err(CursorError::TooLong));
    }

    #[test]
    fn digest_separates_queries() {
        let t = Timestamp::parse("2024-01-01T00:00:00Z").ok();
        let all = [
            QueryDigest::compute(false, None, None, None),
            QueryDigest::compute(true, None, None, None),
            QueryDigest::compute(false, Some("a@b.co"), None, None),
            QueryDigest::compute(false, None, t, None),
            QueryDigest::compute(false, None, None, t),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(
            all[2],
            QueryDigest::compute(false, Some("a@b.co"), None, None)
        );
    }

    #[test]
    fn secrets_stay_out_of_debug_and_errors() {
        let secret = *b"SUPERSECRETSUPERSECRETSUPERSECRE";
        let ring = CursorKeys::new(CursorKey::new(4, &secret).unwrap());
        let shown = format!("{ring:?}");
        assert!(
            !shown.contains("SUPERSECRET") && shown.contains("<redacted>"),
            "{shown}"
        );
        assert_eq!(
            CursorKey::new(1, &secret[..31]).unwrap_err().to_string(),
            "a cursor secret must have at least 32 bytes, found 31"
        );
    }
}
