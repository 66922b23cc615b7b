//! The list-customers query: spec 001's `GET /customers` parameters, read from the raw
//! query string with every error at once.
//!
//! # Parameters
//!
//! | parameter | rule | default | code when invalid |
//! |-----------|------|---------|-------------------|
//! | `limit` | integer 1–100 (ASCII digits only) | 15 | `invalid_limit` |
//! | `after` | a cursor from `pagination.after` | | `invalid_cursor`, `cursor_mismatch` |
//! | `before` | a cursor from `pagination.before` | | `invalid_cursor`, `cursor_mismatch` |
//! | `email` | an [`Email`]; matches the customers with its [`Email::uniqueness_key`] (any spelling of the mailbox: case, NFC/NFD, `xn--` or Unicode domain) | | `invalid_email`, `too_long` |
//! | `created_after` | RFC 3339 date-time; exclusive (`created_at > t`), floored to the microsecond | | `invalid_timestamp` |
//! | `created_before` | RFC 3339 date-time; exclusive (`created_at < t`), ceiled to the microsecond | | `invalid_timestamp`, `invalid_range` |
//! | `sort` | `created_at:asc` or `created_at:desc` | `created_at:desc` | `invalid_sort` |
//!
//! Also: `after` with `before` is `mutually_exclusive` (reported at `/before`); a name not
//! in the table is `unknown_parameter`, one sent twice is `duplicate_parameter`, a value
//! that is not UTF-8 once percent-decoded is `invalid_encoding`, and a query string longer
//! than [`MAX_QUERY_BYTES`] is one `too_long` error at the document (`""`). Each error
//! points at its parameter (`/limit`, `/after`…).
//!
//! The query string is `application/x-www-form-urlencoded`: `+` is a space (send a
//! literal `+` as `%2B`), `%XX` a byte; an empty value (`limit=`) is an error with that
//! parameter's code, never taken as absent.

use crate::error::{Coded, ErrorCode, FieldError, ValidationErrors, pointer_join};
use crate::field::email::{Email, EmailError};
use crate::field::timestamp::{Timestamp, TimestampError};
use crate::list::cursor::{Cursor, CursorError, Direction, QueryDigest};
use crate::list::filter::Filters;
use crate::list::form::{PLUS_HINT, Slot, read_slots};
use crate::list::keys::CursorKeys;
use crate::list::plan::KeysetPlan;
use crate::list::sort::{Found, Sort};
use crate::request::reader::Schema;
use crate::text::Excerpt;

/// Query strings longer than this are rejected before they are split. A query with every
/// parameter at its longest, percent-encoded, is under 1.5 KiB.
pub const MAX_QUERY_BYTES: usize = 4096;
/// The page size when `limit` is absent.
pub const DEFAULT_LIMIT: u8 = 15;
/// The largest page size.
pub const MAX_LIMIT: u8 = 100;

/// The parameters, in the order their errors are reported.
const PARAMS: [&str; 7] = [
    "limit",
    "after",
    "before",
    "email",
    "created_after",
    "created_before",
    "sort",
];
const LIMIT: usize = 0;
const AFTER: usize = 1;
const BEFORE: usize = 2;
const EMAIL: usize = 3;
const CREATED_AFTER: usize = 4;
const CREATED_BEFORE: usize = 5;
const SORT: usize = 6;

/// The query's parameters for the one reader.
const SCHEMA: Schema<7> = Schema::parameters(PARAMS, &ALIASES);

/// Names other APIs use, mapped to ours for hints.
const ALIASES: [(&str, &str); 12] = [
    ("page_size", "limit"),
    ("per_page", "limit"),
    ("size", "limit"),
    ("starting_after", "after"),
    ("cursor", "after"),
    ("next", "after"),
    ("ending_before", "before"),
    ("prev", "before"),
    ("order", "sort"),
    ("order_by", "sort"),
    ("sort_by", "sort"),
    ("created_since", "created_after"),
];

/// Why a `limit` is not valid (`invalid_limit`); each variant keeps the value's first
/// bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum LimitError {
    /// `limit=` with no value.
    #[error("is empty; send an integer from 1 to {MAX_LIMIT}, or omit it for {DEFAULT_LIMIT}")]
    Empty,
    /// Not written as ASCII digits.
    #[error("must be an integer from 1 to {MAX_LIMIT}{}", Found(*.0))]
    NotInteger(Excerpt),
    /// Zero or negative.
    #[error("must be at least 1{}", Found(*.0))]
    TooSmall(Excerpt),
    /// Over [`MAX_LIMIT`].
    #[error("must be at most {MAX_LIMIT}{}", Found(*.0))]
    TooLarge(Excerpt),
}

impl Coded for LimitError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidLimit
    }
}

/// Parses a page size: ASCII digits (leading zeros allowed) from 1 to [`MAX_LIMIT`].
fn parse_limit(v: &str) -> Result<u8, LimitError> {
    if v.is_empty() {
        return Err(LimitError::Empty);
    }
    let (negative, digits) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LimitError::NotInteger(Excerpt::new(v)));
    }
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() || negative {
        return Err(LimitError::TooSmall(Excerpt::new(v)));
    }
    // At most three significant digits fit; the length bound comes before the parse.
    match significant.parse::<u16>() {
        Ok(n) if significant.len() <= 3 && n <= u16::from(MAX_LIMIT) => {
            u8::try_from(n).map_err(|_| LimitError::TooLarge(Excerpt::new(v)))
        }
        _ => Err(LimitError::TooLarge(Excerpt::new(v))),
    }
}

/// A validated `GET /customers` query. Build it with [`ListCustomersQuery::parse`]; turn
/// it into what storage must run with [`ListCustomersQuery::plan`].
///
/// ```
/// use customer_core::{list::{CursorKey, CursorKeys, ListCustomersQuery, Sort}};
///
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let query = ListCustomersQuery::parse(
///     "limit=2&email=Test%40Custom.er&created_after=2024-01-01T00:00:00Z",
///     &keys,
/// ).unwrap();
/// assert_eq!(query.limit(), 2);
/// assert_eq!(query.sort(), Sort::CreatedAtDesc);
/// assert_eq!(query.email().unwrap().as_str(), "Test@custom.er");
/// assert!(query.cursor().is_none());
///
/// // Every error at once, each at its parameter.
/// let errors = ListCustomersQuery::parse("limit=0&sort=newest&after=x&before=y&page=2", &keys)
///     .unwrap_err();
/// let found: Vec<(&str, &str)> =
///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
/// assert_eq!(found, [
///     ("/page", "unknown_parameter"),
///     ("/limit", "invalid_limit"),
///     ("/after", "invalid_cursor"),
///     ("/before", "invalid_cursor"),
///     ("/sort", "invalid_sort"),
///     ("/before", "mutually_exclusive"),
/// ]);
/// assert_eq!(errors.to_problem().status, 400);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListCustomersQuery {
    limit: u8,
    sort: Sort,
    email: Option<Email>,
    filters: Filters,
    cursor: Option<Cursor>,
    digest: QueryDigest,
}

impl ListCustomersQuery {
    /// Parses a raw query string (the part after `?`, still percent-encoded), checking
    /// cursors under `keys`. Returns every error at once.
    pub fn parse(raw: &str, keys: &CursorKeys) -> Result<ListCustomersQuery, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let raw = raw.strip_prefix('?').unwrap_or(raw);
        if raw.len() > MAX_QUERY_BYTES {
            errors.push(FieldError::new(
                "",
                ErrorCode::TooLong,
                format!(
                    "the query string is {} bytes long; at most {MAX_QUERY_BYTES} are read",
                    raw.len()
                ),
            ));
            return Err(errors);
        }
        let slots = read_slots(&SCHEMA, raw, &mut errors);
        let [
            limit,
            after,
            before,
            email,
            created_after,
            created_before,
            sort,
        ] = &slots;
        let pointer = |i: usize| pointer_join("", SCHEMA.name(i));

        let limit = match limit {
            Slot::Value(v, _) => parse_limit(v)
                .map_err(|e| errors.push_with(|| FieldError::from_err(pointer(LIMIT), &e)))
                .ok(),
            Slot::Absent => Some(DEFAULT_LIMIT),
            Slot::Undecodable => None,
        };
        let mut cursor_for = |slot: &Slot<'_>, i: usize, direction: Direction| match slot {
            Slot::Value(v, _) => Cursor::decode(v, keys)
                .and_then(|c| {
                    if c.direction() == direction {
                        Ok(c)
                    } else {
                        Err(CursorError::Direction(c.direction()))
                    }
                })
                .map_err(|e| errors.push_with(|| FieldError::from_err(pointer(i), &e)))
                .map(Some),
            Slot::Absent => Ok(None),
            Slot::Undecodable => Err(()),
        };
        let after_cursor = cursor_for(after, AFTER, Direction::After);
        let before_cursor = cursor_for(before, BEFORE, Direction::Before);
        let email = match email {
            Slot::Value(v, plus) => parse_email(v, *plus)
                .map_err(|e| errors.push_with(|| FieldError::from_err(pointer(EMAIL), &e)))
                .map(Some),
            Slot::Absent => Ok(None),
            Slot::Undecodable => Err(()),
        };
        // Bounds are exclusive: widened to the stored precision (microseconds) they admit
        // the same stored values, `created_after` floored and `created_before` ceiled.
        let mut timestamp = |slot: &Slot<'_>, i: usize| match slot {
            Slot::Value(v, plus) => {
                let parsed = if i == CREATED_BEFORE {
                    match Timestamp::parse_ceil(v) {
                        // Past the last microsecond once ceiled: every stored value is
                        // before it, so the filter admits everything.
                        Err(TimestampError::OutOfRange) if Timestamp::parse_floor(v).is_ok() => {
                            return Ok(None);
                        }
                        other => other,
                    }
                } else {
                    Timestamp::parse_floor(v)
                };
                parsed
                    .map_err(|error| {
                        let e = BoundError { error, plus: *plus };
                        errors.push_with(|| FieldError::from_err(pointer(i), &e));
                    })
                    .map(Some)
            }
            Slot::Absent => Ok(None),
            Slot::Undecodable => Err(()),
        };
        let created_after = timestamp(created_after, CREATED_AFTER);
        let created_before = timestamp(created_before, CREATED_BEFORE);
        let sort = match sort {
            Slot::Value(v, _) => Sort::parse(v)
                .map_err(|e| errors.push_with(|| FieldError::from_err(pointer(SORT), &e))),
            Slot::Absent => Ok(Sort::default()),
            Slot::Undecodable => Err(()),
        };

        // Cross-parameter rules, once both sides are known.
        if matches!((after, before), (Slot::Value(..), Slot::Value(..))) {
            errors.push(FieldError::new(
                pointer(BEFORE),
                ErrorCode::MutuallyExclusive,
                "cannot be sent with `after`: send `after` for the next page or `before` for the previous one",
            ));
        }
        if let (Ok(Some(from)), Ok(Some(to))) = (&created_after, &created_before)
            && from >= to
        {
            errors.push(FieldError::new(
                pointer(CREATED_BEFORE),
                ErrorCode::InvalidRange,
                format!("must be later than `created_after` ({from}), found {to}"),
            ));
        }
        let (Ok(email), Ok(created_after), Ok(created_before), Ok(sort)) =
            (email, created_after, created_before, sort)
        else {
            return Err(errors);
        };
        let filters = Filters {
            email_key: email.as_ref().map(Email::uniqueness_key),
            created_after,
            created_before,
        };
        // This listing's part of the cursor digest: its sort, then its filters in order.
        let digest = QueryDigest::builder(sort.is_ascending())
            .text(filters.email_key())
            .timestamp(filters.created_after())
            .timestamp(filters.created_before())
            .finish();
        for (cursor, i) in [(&after_cursor, AFTER), (&before_cursor, BEFORE)] {
            if let Ok(Some(c)) = cursor
                && c.query_digest() != digest
            {
                errors.push(FieldError::from_err(pointer(i), &CursorError::Query));
            }
        }
        let (Some(limit), Ok(after), Ok(before)) = (limit, after_cursor, before_cursor) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ListCustomersQuery {
            limit,
            sort,
            email,
            filters,
            cursor: after.or(before),
            digest,
        })
    }

    /// The keyset plan for this query.
    ///
    /// ```
    /// use customer_core::{list::{CursorKey, CursorKeys, ListCustomersQuery}};
    ///
    /// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
    /// let plan = ListCustomersQuery::parse("", &keys).unwrap().plan();
    /// assert_eq!((plan.limit(), plan.fetch_limit()), (15, 16));
    /// ```
    #[must_use]
    pub fn plan(&self) -> KeysetPlan {
        KeysetPlan::new(
            self.sort,
            self.cursor.as_ref(),
            self.filters.clone(),
            self.limit,
            self.digest,
        )
    }

    /// The filters (email key and creation bounds), as the plan applies them.
    #[must_use]
    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// The page size, 1 to [`MAX_LIMIT`] (default [`DEFAULT_LIMIT`]).
    #[must_use]
    pub fn limit(&self) -> u8 {
        self.limit
    }

    /// The order of the page.
    #[must_use]
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The email filter, as sent (normalized: local part NFC, domain lowercase Unicode).
    #[must_use]
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }

    /// The email filter's [`Email::uniqueness_key`]: what a row's stored key column
    /// (`email_key`, the row's own `uniqueness_key()`) must equal. Never compare it with
    /// SQL's `lower(email)`, which depends on the collation.
    #[must_use]
    pub fn email_key(&self) -> Option<&str> {
        self.filters.email_key()
    }

    /// Only customers created strictly after this instant: the parameter floored to the
    /// microsecond (`…00.9999999Z` → `…00.999999Z`), which admits the same stored values.
    #[must_use]
    pub fn created_after(&self) -> Option<Timestamp> {
        self.filters.created_after()
    }

    /// Only customers created strictly before this instant: the parameter ceiled to the
    /// microsecond (`…00.9999991Z` → `…01Z`), which admits the same stored values. `None`
    /// also when the ceiling would pass [`Timestamp::MAX`]: every value is before it.
    #[must_use]
    pub fn created_before(&self) -> Option<Timestamp> {
        self.filters.created_before()
    }

    /// The verified `after` or `before` cursor, if one was sent.
    #[must_use]
    pub fn cursor(&self) -> Option<&Cursor> {
        self.cursor.as_ref()
    }

    /// The digest of the filters and sort that cursors for this query carry.
    #[must_use]
    pub fn digest(&self) -> QueryDigest {
        self.digest
    }
}

/// Why the `email` filter is not valid.
#[derive(Debug, thiserror::Error)]
enum EmailFilterError {
    /// Empty: `invalid_email` (not `required`: the filter is optional, the value was just
    /// empty).
    #[error("is empty; omit `email` to list customers with any address")]
    Empty,
    /// Not an address; `plus` when a `+` read as a space may be why.
    #[error("{error}{}", if *.plus { PLUS_HINT } else { "" })]
    Invalid { error: EmailError, plus: bool },
}

impl Coded for EmailFilterError {
    fn code(&self) -> ErrorCode {
        match self {
            EmailFilterError::Empty => ErrorCode::InvalidEmail,
            EmailFilterError::Invalid { error, .. } => error.code(),
        }
    }
}

/// Parses the email filter; a `+` read as a space gets a hint.
fn parse_email(v: &str, plus: bool) -> Result<Email, EmailFilterError> {
    if v.trim().is_empty() {
        return Err(EmailFilterError::Empty);
    }
    Email::parse(v).map_err(|error| EmailFilterError::Invalid {
        error,
        plus: plus && v.contains(' '),
    })
}

/// A timestamp bound that is not valid; `plus` when a `+` read as a space may be why.
#[derive(Debug, thiserror::Error)]
#[error("{error}{}", if *.plus { PLUS_HINT } else { "" })]
struct BoundError {
    error: TimestampError,
    plus: bool,
}

impl Coded for BoundError {
    fn code(&self) -> ErrorCode {
        self.error.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::cursor::Position;
    use crate::list::keys::CursorKey;

    fn keys() -> CursorKeys {
        CursorKeys::new(CursorKey::new(1, &[1; 32]).unwrap())
    }

    fn errs(raw: &str) -> Vec<(String, &'static str, String)> {
        ListCustomersQuery::parse(raw, &keys())
            .unwrap_err()
            .iter()
            .map(|e| {
                (
                    e.pointer().to_owned(),
                    e.code().as_str(),
                    e.detail().to_owned(),
                )
            })
            .collect()
    }

    fn one(raw: &str) -> (String, &'static str, String) {
        let mut all = errs(raw);
        assert_eq!(all.len(), 1, "{raw}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn defaults() {
        let q = ListCustomersQuery::parse("", &keys()).unwrap();
        assert_eq!((q.limit(), q.sort()), (15, Sort::CreatedAtDesc));
        assert!(q.email().is_none() && q.cursor().is_none());
        assert_eq!(ListCustomersQuery::parse("?", &keys()).unwrap(), q);
        assert_eq!(ListCustomersQuery::parse("&&", &keys()).unwrap(), q);
    }

    #[test]
    fn limits() {
        for (v, n) in [("1", 1), ("100", 100), ("015", 15), ("0100", 100)] {
            assert_eq!(
                ListCustomersQuery::parse(&format!("limit={v}"), &keys())
                    .unwrap()
                    .limit(),
                n
            );
        }
        for (v, message) in [
            (
                "",
                "is empty; send an integer from 1 to 100, or omit it for 15",
            ),
            ("0", "must be at least 1, found `0`"),
            ("-3", "must be at least 1, found `-3`"),
            ("101", "must be at most 100, found `101`"),
            (
                "99999999999999999999999",
                "must be at most 100, found `99999999999999999999999`",
            ),
            ("abc", "must be an integer from 1 to 100, found `abc`"),
            ("1.5", "must be an integer from 1 to 100, found `1.5`"),
            ("+5", "must be an integer from 1 to 100, found ` 5`"),
            ("%2B5", "must be an integer from 1 to 100, found `+5`"),
            ("-", "must be an integer from 1 to 100, found `-`"),
            ("%00", "must be an integer from 1 to 100"),
        ] {
            assert_eq!(
                one(&format!("limit={v}")),
                ("/limit".into(), "invalid_limit", message.into()),
                "{v}"
            );
        }
        let long = "9".repeat(40);
        assert_eq!(one(&format!("limit={long}")).2, "must be at most 100");
    }

    #[test]
    fn sorts() {
        let q = ListCustomersQuery::parse("sort=created_at:asc", &keys()).unwrap();
        assert_eq!(q.sort(), Sort::CreatedAtAsc);
        let q = ListCustomersQuery::parse("sort=created_at%3Adesc", &keys()).unwrap();
        assert_eq!(q.sort(), Sort::CreatedAtDesc);
        assert_eq!(
            one("sort=CREATED_AT:DESC"),
            ("/sort".into(), "invalid_sort", "must be `created_at:asc` or `created_at:desc`, found `CREATED_AT:DESC`; did you mean `created_at:desc`?".into())
        );
        assert_eq!(
            one("sort=").2,
            "must be `created_at:asc` or `created_at:desc`, found an empty value"
        );
    }

    #[test]
    fn emails_match_by_uniqueness_key_and_hint_at_plus() {
        let q = ListCustomersQuery::parse("email=Jane%2Bnews%40Example.COM", &keys()).unwrap();
        assert_eq!(q.email().unwrap().as_str(), "Jane+news@example.com");
        assert_eq!(q.email_key(), Some("jane+news@example.com"));
        let (p, c, m) = one("email=jane+news@example.com");
        assert_eq!((p.as_str(), c), ("/email", "invalid_email"));
        assert!(m.ends_with("send `+` as %2B)"), "{m}");
        assert_eq!(one("email=").1, "invalid_email");
        assert_eq!(one("email=nope").1, "invalid_email");
        assert_eq!(
            one(&format!("email={}@example.com", "a".repeat(250))).1,
            "too_long"
        );
    }

    #[test]
    fn timestamps_are_exclusive_bounds_in_order() {
        let q = ListCustomersQuery::parse(
            "created_after=2024-01-01T00:00:00%2B01:00&created_before=2024-01-02T00:00:00Z",
            &keys(),
        )
        .unwrap();
        assert_eq!(
            q.created_after().unwrap().to_string(),
            "2023-12-31T23:00:00Z"
        );
        let (p, c, m) = one("created_after=2024-01-01T00:00:00+01:00");
        assert_eq!((p.as_str(), c), ("/created_after", "invalid_timestamp"));
        assert!(m.contains("%2B"), "{m}");
        assert_eq!(
            one("created_after=2024-01-02T00:00:00Z&created_before=2024-01-02T00:00:00Z"),
            (
                "/created_before".into(),
                "invalid_range",
                "must be later than `created_after` (2024-01-02T00:00:00Z), found 2024-01-02T00:00:00Z".into()
            )
        );
        assert_eq!(one("created_before=yesterday").0, "/created_before");
    }

    /// A bound finer than the stored microsecond is floored
    /// (`created_after`) or ceiled (`created_before`), at each edge.
    #[test]
    fn bounds_widen_to_the_stored_microsecond() {
        let q = |raw: &str| ListCustomersQuery::parse(raw, &keys()).unwrap();
        let shown = |t: Option<Timestamp>| t.map(|t| t.to_string());
        for (v, after, before) in [
            (
                "2024-03-01T12:00:00.999999999Z",
                "2024-03-01T12:00:00.999999Z",
                "2024-03-01T12:00:01Z",
            ),
            (
                "2024-03-01T12:00:00.999999Z",
                "2024-03-01T12:00:00.999999Z",
                "2024-03-01T12:00:00.999999Z",
            ),
            (
                "2024-03-01T12:00:00.0000001Z",
                "2024-03-01T12:00:00Z",
                "2024-03-01T12:00:00.000001Z",
            ),
        ] {
            assert_eq!(
                shown(q(&format!("created_after={v}")).created_after()).as_deref(),
                Some(after)
            );
            assert_eq!(
                shown(q(&format!("created_before={v}")).created_before()).as_deref(),
                Some(before)
            );
        }
        // Past the last microsecond once ceiled: the filter admits everything.
        let all = q("created_before=9999-12-31T23:59:59.9999999Z");
        assert_eq!(all.created_before(), None);
        assert_eq!(all.digest(), q("").digest());
        // Two spellings of the same bound are the same query (cursors carry over).
        assert_eq!(
            q("created_before=2024-03-01T12:00:00.9999999Z").digest(),
            q("created_before=2024-03-01T12:00:01Z").digest()
        );
    }

    #[test]
    fn unknown_duplicate_and_encoding() {
        assert_eq!(
            one("Limit=5"),
            (
                "/Limit".into(),
                "unknown_parameter",
                "`Limit` is not a known parameter; did you mean `limit`?".into()
            )
        );
        assert_eq!(
            one("starting_after=x").2,
            "`starting_after` is not a known parameter; did you mean `after`?"
        );
        assert_eq!(one("a%2Fb=1").0, "/a~1b");
        assert_eq!(one("%0A=1").2, "this parameter is not a known parameter");
        assert_eq!(
            one("=5"),
            (
                "/".into(),
                "unknown_parameter",
                "a parameter without a name is not a known parameter".into()
            )
        );
        assert_eq!(
            errs("limit=5&limit=6&limit=x"),
            [(
                "/limit".into(),
                "duplicate_parameter",
                "`limit` appears more than once; send it once".into()
            )]
        );
        assert_eq!(one("email=%FF").1, "invalid_encoding");
        assert_eq!(
            one("%FF=1"),
            (
                "/\u{FFFD}".into(),
                "invalid_encoding",
                "the parameter name is not UTF-8 once percent-decoded".into()
            )
        );
        let long = format!("email={}", "a".repeat(MAX_QUERY_BYTES));
        assert_eq!(
            errs(&long),
            [(
                "".into(),
                "too_long",
                "the query string is 4102 bytes long; at most 4096 are read".into()
            )]
        );
    }

    #[test]
    fn cursors_are_checked_against_query_and_parameter() {
        let k = keys();
        let q = ListCustomersQuery::parse("email=a@b.co", &k).unwrap();
        let pos = Position::new(
            Timestamp::parse("2024-03-01T12:00:00Z").unwrap(),
            "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
        );
        let after = Cursor::new(Direction::After, pos, q.digest()).encode(k.signing());
        let parsed =
            ListCustomersQuery::parse(&format!("email=A@B.CO&limit=3&after={after}"), &k).unwrap();
        assert_eq!(parsed.cursor().map(Cursor::position), Some(pos));
        assert_eq!(one(&format!("after={after}")).1, "cursor_mismatch");
        assert_eq!(
            one(&format!("email=a@b.co&sort=created_at:asc&after={after}")).1,
            "cursor_mismatch"
        );
        assert_eq!(
            one(&format!("email=a@b.co&before={after}")),
            (
                "/before".into(),
                "cursor_mismatch",
                "is a cursor for `after`; send it as `after`".into()
            )
        );
        assert_eq!(
            one("after=").2,
            "is empty; omit it to start from the first page"
        );
        let other = CursorKeys::new(CursorKey::new(1, &[2; 32]).unwrap());
        assert_eq!(
            ListCustomersQuery::parse(&format!("email=a@b.co&after={after}"), &other)
                .unwrap_err()
                .as_slice()[0]
                .code(),
            ErrorCode::InvalidCursor
        );
        // Both cursors, each genuine: one mutually_exclusive error.
        let before = Cursor::new(Direction::Before, pos, q.digest()).encode(k.signing());
        assert_eq!(
            errs(&format!("email=a@b.co&after={after}&before={before}"))
                .iter()
                .map(|e| e.1)
                .collect::<Vec<_>>(),
            ["mutually_exclusive"]
        );
        // Messages never echo the cursor.
        let (_, _, m) = one(&format!("after={after}"));
        assert!(!m.contains(&after[..10]), "{m}");
    }
}
