//! RFC 3339 timestamps in UTC, kept to the microsecond.
//!
//! # One precision: microseconds
//!
//! A [`Timestamp`] holds a whole number of microseconds, no finer: that is what
//! PostgreSQL's `timestamptz`, MySQL's `DATETIME(6)` and most stores keep, so a value the
//! service returns after `POST` is the value a later `GET` reads back from storage, and a
//! keyset position taken from a row equals the stored column exactly.
//!
//! - **Stored values** ([`Timestamp::parse`], [`Timestamp::from_offset_date_time`]) must
//!   be whole microseconds: a finer value (`…00.123456789Z`) is refused with
//!   [`TimestampError::Precision`] rather than rounded or cut, because either would
//!   silently change the data (and rounding can move it into the next second, or year).
//!   Zeros past the sixth digit are fine (`.123456000`).
//! - **Clock readings**: [`Timestamp::from_offset_date_time_floor`] floors
//!   `OffsetDateTime::now_utc()` to the microsecond (never later than the clock said).
//! - **Query bounds** are exclusive, so a client's finer bound is widened to the stored
//!   precision without changing which rows it admits: `created_after` is floored
//!   ([`Timestamp::parse_floor`]) and `created_before` ceiled ([`Timestamp::parse_ceil`]).
//!
//! Parsing accepts any RFC 3339 date-time (`T` and `Z` in either case, any offset, any
//! number of fractional digits within 64 bytes) with a year from 0000 to 9999, and
//! converts it to UTC.
//!
//! # Leap seconds
//!
//! RFC 3339 writes a leap second as second 60 (`2016-12-31T23:59:60Z`, or the same
//! instant at another offset), at the end of the last day of a month in UTC. A leap
//! second lies after `…23:59:59.999999Z` and before the next day's `00:00:00Z`, and no
//! stored value falls inside it: Unix time, PostgreSQL's `timestamptz` and this type
//! have no second 60. So:
//!
//! - **a stored value** at second 60 is refused with [`TimestampError::LeapSecond`]
//!   (never moved silently to a neighbouring second);
//! - **a bound** inside a leap second admits what the instant itself admits:
//!   [`Timestamp::parse_floor`] gives `…23:59:59.999999Z` (`created_at > t` then admits
//!   the next day's `00:00:00Z` onwards) and [`Timestamp::parse_ceil`] the next day's
//!   `00:00:00Z` (`created_at < t` admits up to `…23:59:59.999999Z`), whatever the
//!   fraction written after `60`.
//!
//! Second 60 anywhere else (`12:00:60Z`) is not RFC 3339: [`TimestampError::Format`].
//!
//! # Text forms
//!
//! - **API responses** (`Display`, `Serialize`) are unchanged: UTC with `Z`, fractional
//!   digits only when non-zero and without trailing zeros (`2024-03-01T12:00:00Z`,
//!   `2024-09-01T15:00:00.5Z`). RFC 3339 allows it, clients already parse it, and it is
//!   shorter; it does **not** sort as text (`"…00.5Z" < "…00Z"`), so never store it.
//! - **The sortable form** ([`Timestamp::to_sortable_string`],
//!   [`Timestamp::parse_sortable`]) is fixed width, UTC, always six fractional digits:
//!   `YYYY-MM-DDTHH:MM:SS.ffffffZ` ([`SORTABLE_LEN`] bytes), so byte order is time order.
//!   It is the form to store in SQLite `TEXT` columns (and any store without a timestamp
//!   type); the SQL the crate renders binds and reads it.
//! - **Integers**: [`Timestamp::from_unix_micros`] / [`Timestamp::unix_micros`] convert
//!   with checks (every `Timestamp` fits an `i64` of microseconds; out-of-range integers
//!   are an error, never wrapped). The crate never reads a clock: the service passes `now`
//!   in.

use std::fmt;

use serde::{Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, UtcOffset};

use crate::error::{Coded, ErrorCode};

/// Input longer than this is rejected before parsing.
const MAX_BYTES: usize = 64;

/// Length of the sortable form `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
pub const SORTABLE_LEN: usize = 27;

/// Fractional digits kept.
const DIGITS: usize = 6;

/// A UTC instant, a whole number of microseconds, in the years 0000 to 9999.
///
/// ```
/// use customer_core::Timestamp;
///
/// let t = Timestamp::parse("2024-03-01T13:00:00.5+01:00").unwrap();
/// assert_eq!(t.to_string(), "2024-03-01T12:00:00.5Z");
/// assert_eq!(t.to_sortable_string(), "2024-03-01T12:00:00.500000Z");
/// assert_eq!(Timestamp::from_unix_micros(t.unix_micros()), Ok(t));
/// assert!(Timestamp::parse("2024-03-01 12:00:00").is_err());
/// assert!(Timestamp::parse("2024-03-01T12:00:00.123456789Z").is_err()); // finer than µs
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

/// Why a value is not a [`Timestamp`] (`invalid_timestamp`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampError {
    /// Not an RFC 3339 date-time (or, for [`Timestamp::parse_sortable`], not the sortable
    /// form).
    #[error("must be an RFC 3339 date-time such as 2024-03-01T12:00:00Z")]
    Format,
    /// Outside the years 0000 to 9999 (or an integer outside that range).
    #[error("must be between the years 0000 and 9999")]
    OutOfRange,
    /// A stored value finer than the microsecond.
    #[error("has more precision than the microseconds stored; send at most 6 fractional digits")]
    Precision,
    /// A stored value inside a leap second (second 60), which UTC timestamps here cannot
    /// hold (see the module docs on leap seconds).
    #[error(
        "is a leap second (second 60), which a stored time cannot hold; send 23:59:59.999999 or the next day's 00:00:00 instead"
    )]
    LeapSecond,
}

impl TimestampError {
    /// Always `invalid_timestamp`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidTimestamp
    }
}

impl Coded for TimestampError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidTimestamp
    }
}

/// What to do with digits past the microsecond.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rounding {
    /// Refuse them unless they are all zero.
    Exact,
    /// Drop them.
    Floor,
    /// Round up to the next microsecond when any is non-zero.
    Ceil,
}

/// Splits an RFC 3339 text into the same text with at most six fractional digits, and
/// whether any digit dropped was non-zero. `None` when nothing needs dropping.
fn cut_fraction(input: &str) -> Option<(String, bool)> {
    // `YYYY-MM-DDTHH:MM:SS` is 19 bytes; the fraction, if any, starts with `.` there.
    let rest = input.get(19..)?.strip_prefix('.')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits <= DIGITS {
        return None;
    }
    let (kept, tail) = rest.split_at_checked(DIGITS)?;
    let (dropped, after) = tail.split_at_checked(digits.checked_sub(DIGITS)?)?;
    let nonzero = dropped.bytes().any(|b| b != b'0');
    Some((format!("{}.{kept}{after}", input.get(..19)?), nonzero))
}

impl Timestamp {
    /// The earliest instant, `0000-01-01T00:00:00Z`.
    pub const MIN: Timestamp = Timestamp(time::macros::datetime!(0000-01-01 0:00 UTC));
    /// The latest instant, `9999-12-31T23:59:59.999999Z`.
    pub const MAX: Timestamp = Timestamp(time::macros::datetime!(9999-12-31 23:59:59.999_999 UTC));

    /// Parses an RFC 3339 date-time and converts it to UTC. The value must be a whole
    /// number of microseconds: more than six fractional digits are accepted only when the
    /// extra ones are zeros ([`TimestampError::Precision`] otherwise).
    ///
    /// ```
    /// use customer_core::{Timestamp, error::TimestampError};
    ///
    /// assert!(Timestamp::parse("2024-03-01T12:00:00.123456000Z").is_ok());
    /// assert_eq!(
    ///     Timestamp::parse("1999-12-31T23:59:59.999999999Z"),
    ///     Err(TimestampError::Precision) // never silently 2000-01-01T00:00:00Z
    /// );
    /// ```
    pub fn parse(input: &str) -> Result<Timestamp, TimestampError> {
        Timestamp::parse_rounding(input, Rounding::Exact)
    }

    /// Parses like [`Timestamp::parse`], flooring a finer value to the microsecond: the
    /// exclusive lower bound `created_at > t` admits the same stored values for `t` and
    /// its floor.
    ///
    /// ```
    /// use customer_core::Timestamp;
    ///
    /// let t = Timestamp::parse_floor("2024-03-01T12:00:00.999999999Z").unwrap();
    /// assert_eq!(t.to_string(), "2024-03-01T12:00:00.999999Z");
    /// ```
    pub fn parse_floor(input: &str) -> Result<Timestamp, TimestampError> {
        Timestamp::parse_rounding(input, Rounding::Floor)
    }

    /// Parses like [`Timestamp::parse`], ceiling a finer value to the microsecond: the
    /// exclusive upper bound `created_at < t` admits the same stored values for `t` and
    /// its ceiling. A value past [`Timestamp::MAX`] once ceiled is
    /// [`TimestampError::OutOfRange`].
    ///
    /// ```
    /// use customer_core::Timestamp;
    ///
    /// let t = Timestamp::parse_ceil("2024-03-01T12:00:00.999999001Z").unwrap();
    /// assert_eq!(t.to_string(), "2024-03-01T12:00:01Z");
    /// let t = Timestamp::parse_ceil("2024-03-01T12:00:00.999999000Z").unwrap();
    /// assert_eq!(t.to_string(), "2024-03-01T12:00:00.999999Z");
    /// ```
    pub fn parse_ceil(input: &str) -> Result<Timestamp, TimestampError> {
        Timestamp::parse_rounding(input, Rounding::Ceil)
    }

    fn parse_rounding(input: &str, rounding: Rounding) -> Result<Timestamp, TimestampError> {
        if input.len() > MAX_BYTES {
            return Err(TimestampError::Format);
        }
        // `time` also takes a space between date and time (RFC 3339's note); we do not.
        if !matches!(input.as_bytes().get(10), Some(b'T' | b't')) {
            return Err(TimestampError::Format);
        }
        // Digits past the sixth are handled here, so `time` sees an exact microsecond.
        let cut = cut_fraction(input);
        let (text, finer) = match &cut {
            Some((text, finer)) => (text.as_str(), *finer),
            None => (input, false),
        };
        let dt = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| TimestampError::Format)?;
        // `time` reads a leap second (only where one can be) as its last nanosecond,
        // `…59.999999999`, whatever fraction follows `60`.
        if input.get(17..19) == Some("60") {
            let dt = match rounding {
                Rounding::Exact => return Err(TimestampError::LeapSecond),
                Rounding::Floor => dt.replace_nanosecond(999_999_000).ok(),
                Rounding::Ceil => dt.checked_add(Duration::NANOSECOND),
            };
            return Timestamp::from_offset_date_time(dt.ok_or(TimestampError::OutOfRange)?);
        }
        let dt = match (rounding, finer) {
            (_, false) | (Rounding::Floor, true) => dt,
            (Rounding::Exact, true) => return Err(TimestampError::Precision),
            (Rounding::Ceil, true) => dt
                .checked_add(Duration::MICROSECOND)
                .ok_or(TimestampError::OutOfRange)?,
        };
        Timestamp::from_offset_date_time(dt)
    }

    /// Wraps a `time` value, converting it to UTC. Years outside 0000 to 9999 are
    /// rejected because RFC 3339 cannot write them, and a value finer than the microsecond
    /// is [`TimestampError::Precision`] (use
    /// [`from_offset_date_time_floor`](Timestamp::from_offset_date_time_floor) for a clock
    /// reading).
    pub fn from_offset_date_time(dt: OffsetDateTime) -> Result<Timestamp, TimestampError> {
        let utc = dt
            .checked_to_offset(UtcOffset::UTC)
            .ok_or(TimestampError::OutOfRange)?;
        if !(0..=9999).contains(&utc.year()) {
            return Err(TimestampError::OutOfRange);
        }
        if utc.nanosecond().checked_rem(1000) != Some(0) {
            return Err(TimestampError::Precision);
        }
        Ok(Timestamp(utc))
    }

    /// Wraps a `time` value floored to the microsecond: for the service's clock
    /// (`OffsetDateTime::now_utc()` has nanoseconds), so `created_at` is never later than
    /// the reading and is exactly what storage keeps.
    ///
    /// ```
    /// use customer_core::Timestamp;
    /// use time::macros::datetime;
    ///
    /// let t = Timestamp::from_offset_date_time_floor(datetime!(2024-03-01 12:00:00.123456789 UTC));
    /// assert_eq!(t.unwrap().to_string(), "2024-03-01T12:00:00.123456Z");
    /// ```
    pub fn from_offset_date_time_floor(dt: OffsetDateTime) -> Result<Timestamp, TimestampError> {
        let floored = dt
            .replace_microsecond(dt.microsecond())
            .map_err(|_| TimestampError::OutOfRange)?;
        Timestamp::from_offset_date_time(floored)
    }

    /// Builds a timestamp from Unix seconds.
    pub fn from_unix_seconds(seconds: i64) -> Result<Timestamp, TimestampError> {
        let dt =
            OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| TimestampError::OutOfRange)?;
        Timestamp::from_offset_date_time(dt)
    }

    /// Builds a timestamp from microseconds since the Unix epoch (an `INTEGER` or
    /// `bigint` column); outside the years 0000 to 9999 is [`TimestampError::OutOfRange`].
    ///
    /// ```
    /// use customer_core::{Timestamp, error::TimestampError};
    ///
    /// let t = Timestamp::from_unix_micros(1_709_294_400_123_456).unwrap();
    /// assert_eq!(t.to_string(), "2024-03-01T12:00:00.123456Z");
    /// assert_eq!(Timestamp::from_unix_micros(-1).unwrap().to_string(), "1969-12-31T23:59:59.999999Z");
    /// assert_eq!(Timestamp::from_unix_micros(i64::MAX), Err(TimestampError::OutOfRange));
    /// ```
    pub fn from_unix_micros(micros: i64) -> Result<Timestamp, TimestampError> {
        let nanos = i128::from(micros)
            .checked_mul(1000)
            .ok_or(TimestampError::OutOfRange)?;
        let dt = OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map_err(|_| TimestampError::OutOfRange)?;
        Timestamp::from_offset_date_time(dt)
    }

    /// Microseconds since the Unix epoch. Every timestamp fits: the years 0000 to 9999
    /// are within ±2.6 × 10¹⁷ µs, far inside `i64`.
    ///
    /// ```
    /// use customer_core::Timestamp;
    ///
    /// assert_eq!(Timestamp::MAX.unix_micros(), 253_402_300_799_999_999);
    /// assert_eq!(Timestamp::MIN.unix_micros(), -62_167_219_200_000_000);
    /// ```
    #[must_use]
    pub fn unix_micros(&self) -> i64 {
        // Cannot saturate in range (see above).
        self.0
            .unix_timestamp()
            .saturating_mul(1_000_000)
            .saturating_add(i64::from(self.0.microsecond()))
    }

    /// Nanoseconds since the Unix epoch (always a multiple of 1000).
    #[must_use]
    pub fn unix_nanos(&self) -> i128 {
        self.0.unix_timestamp_nanos()
    }

    /// The instant as a `time` value in UTC.
    #[must_use]
    pub fn as_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }

    /// The sortable form, `YYYY-MM-DDTHH:MM:SS.ffffffZ`: fixed width ([`SORTABLE_LEN`]),
    /// UTC, six fractional digits, so text order is time order. Store this in SQLite
    /// `TEXT` columns.
    ///
    /// ```
    /// use customer_core::Timestamp;
    ///
    /// let a = Timestamp::parse("2024-03-01T12:00:00Z").unwrap();
    /// let b = Timestamp::parse("2024-03-01T12:00:00.5Z").unwrap();
    /// assert_eq!(a.to_sortable_string(), "2024-03-01T12:00:00.000000Z");
    /// assert!(a.to_sortable_string() < b.to_sortable_string());
    /// assert!(a.to_string() > b.to_string()); // the API form does not sort
    /// ```
    #[must_use]
    pub fn to_sortable_string(&self) -> String {
        let d = self.0;
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute(),
            d.second(),
            d.microsecond()
        )
    }

    /// Parses exactly the sortable form (what [`Timestamp::to_sortable_string`] writes)
    /// and nothing else: a column holding another spelling (`…00.5Z`, an offset, a space)
    /// would not sort, so it is [`TimestampError::Format`] rather than accepted.
    ///
    /// ```
    /// use customer_core::Timestamp;
    ///
    /// let t = Timestamp::parse_sortable("2024-03-01T12:00:00.500000Z").unwrap();
    /// assert_eq!(t.to_string(), "2024-03-01T12:00:00.5Z");
    /// assert!(Timestamp::parse_sortable("2024-03-01T12:00:00.5Z").is_err());
    /// ```
    pub fn parse_sortable(input: &str) -> Result<Timestamp, TimestampError> {
        if input.len() != SORTABLE_LEN {
            return Err(TimestampError::Format);
        }
        let t = Timestamp::parse(input).map_err(|_| TimestampError::Format)?;
        if t.to_sortable_string() == input {
            Ok(t)
        } else {
            Err(TimestampError::Format)
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        )?;
        let micros = d.microsecond();
        if micros != 0 {
            let digits = format!("{micros:06}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

parse_impls!(Timestamp, TimestampError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn displays_utc_with_z() {
        for (input, shown) in [
            ("2024-03-01T12:00:00Z", "2024-03-01T12:00:00Z"),
            ("2024-09-01T15:00:00.000Z", "2024-09-01T15:00:00Z"),
            ("2024-09-01T15:00:00.500Z", "2024-09-01T15:00:00.5Z"),
            ("2024-09-01T15:00:00.123456Z", "2024-09-01T15:00:00.123456Z"),
            (
                "2024-09-01T15:00:00.000001000Z",
                "2024-09-01T15:00:00.000001Z",
            ),
            ("2024-09-01t15:00:00z", "2024-09-01T15:00:00Z"),
            ("2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z"),
            ("0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"),
        ] {
            assert_eq!(
                Timestamp::parse(input).unwrap().to_string(),
                shown,
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_non_rfc3339() {
        for bad in [
            "2024-03-01",
            "2024-03-01T12:00:00",
            "2024-03-01 12:00:00Z",
            "2024-02-30T12:00:00Z",
            "2024-03-01T12:00:00.Z",
            "1709294400",
            "",
        ] {
            assert_eq!(
                Timestamp::parse(bad).unwrap_err(),
                TimestampError::Format,
                "{bad}"
            );
        }
        assert_eq!(
            Timestamp::parse("0000-01-01T00:00:00+01:00").unwrap_err(),
            TimestampError::OutOfRange
        );
    }

    /// A nanosecond value is refused, never stored as another instant.
    #[test]
    fn stored_values_are_whole_microseconds() {
        for finer in [
            "2024-03-01T12:00:00.123456789Z",
            "1999-12-31T23:59:59.999999999Z",
            "2024-03-01T12:00:00.0000001Z",
            "2024-03-01T12:00:00.0000000000001Z",
        ] {
            assert_eq!(
                Timestamp::parse(finer),
                Err(TimestampError::Precision),
                "{finer}"
            );
        }
        let dt = time::macros::datetime!(2024-03-01 12:00:00.123456789 UTC);
        assert_eq!(
            Timestamp::from_offset_date_time(dt),
            Err(TimestampError::Precision)
        );
        assert_eq!(
            Timestamp::from_offset_date_time_floor(dt)
                .unwrap()
                .to_string(),
            "2024-03-01T12:00:00.123456Z"
        );
    }

    /// Bounds finer than the microsecond, at each edge.
    #[test]
    fn bounds_floor_and_ceil_at_each_edge() {
        for (input, floor, ceil) in [
            (
                "2024-03-01T12:00:00.999999999Z",
                "2024-03-01T12:00:00.999999Z",
                "2024-03-01T12:00:01Z",
            ),
            (
                "2024-03-01T12:00:00.999999000Z",
                "2024-03-01T12:00:00.999999Z",
                "2024-03-01T12:00:00.999999Z",
            ),
            (
                "2024-03-01T12:00:00.000000001Z",
                "2024-03-01T12:00:00Z",
                "2024-03-01T12:00:00.000001Z",
            ),
            (
                "2024-03-01T12:00:00.0000000000001Z",
                "2024-03-01T12:00:00Z",
                "2024-03-01T12:00:00.000001Z",
            ),
            (
                "1999-12-31T23:59:59.9999995Z",
                "1999-12-31T23:59:59.999999Z",
                "2000-01-01T00:00:00Z",
            ),
            (
                "1969-12-31T23:59:59.9999995Z",
                "1969-12-31T23:59:59.999999Z",
                "1970-01-01T00:00:00Z",
            ),
            (
                "2024-03-01T13:00:00.1234561+01:00",
                "2024-03-01T12:00:00.123456Z",
                "2024-03-01T12:00:00.123457Z",
            ),
            (
                "2024-03-01T12:00:00Z",
                "2024-03-01T12:00:00Z",
                "2024-03-01T12:00:00Z",
            ),
        ] {
            assert_eq!(
                Timestamp::parse_floor(input).unwrap().to_string(),
                floor,
                "{input}"
            );
            assert_eq!(
                Timestamp::parse_ceil(input).unwrap().to_string(),
                ceil,
                "{input}"
            );
        }
        assert_eq!(
            Timestamp::parse_ceil("9999-12-31T23:59:59.9999991Z"),
            Err(TimestampError::OutOfRange)
        );
        assert_eq!(
            Timestamp::parse_floor("9999-12-31T23:59:59.9999991Z"),
            Ok(Timestamp::MAX)
        );
    }

    #[test]
    fn micros_are_checked() {
        assert_eq!(
            Timestamp::from_unix_micros(0).unwrap().to_string(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            Timestamp::from_unix_micros(Timestamp::MAX.unix_micros()),
            Ok(Timestamp::MAX)
        );
        assert_eq!(
            Timestamp::from_unix_micros(Timestamp::MIN.unix_micros()),
            Ok(Timestamp::MIN)
        );
        for out in [
            Timestamp::MAX.unix_micros() + 1,
            Timestamp::MIN.unix_micros() - 1,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(
                Timestamp::from_unix_micros(out),
                Err(TimestampError::OutOfRange),
                "{out}"
            );
        }
        let far = Timestamp::parse("3000-01-01T00:00:00Z").unwrap();
        assert_eq!(far.unix_micros(), 32_503_680_000_000_000);
        assert_eq!(far.unix_nanos(), 32_503_680_000_000_000_000);
    }

    #[test]
    fn sortable_form_is_fixed_and_strict() {
        assert_eq!(
            Timestamp::MIN.to_sortable_string(),
            "0000-01-01T00:00:00.000000Z"
        );
        assert_eq!(
            Timestamp::MAX.to_sortable_string(),
            "9999-12-31T23:59:59.999999Z"
        );
        for bad in [
            "2024-03-01T12:00:00.5Z",
            "2024-03-01T12:00:00Z",
            "2024-03-01t12:00:00.000000Z",
            "2024-03-01T12:00:00.000000z",
            "2024-03-01T13:00:00.000000+01:00",
            "2024-03-01 12:00:00.000000Z",
            "2024-02-30T12:00:00.000000Z",
        ] {
            assert_eq!(
                Timestamp::parse_sortable(bad),
                Err(TimestampError::Format),
                "{bad}"
            );
        }
    }

    fn any_timestamp() -> impl Strategy<Value = Timestamp> {
        (Timestamp::MIN.unix_micros()..=Timestamp::MAX.unix_micros())
            .prop_map(|m| Timestamp::from_unix_micros(m).unwrap())
    }

    /// RFC 3339's second 60: bounds floor and ceil around the leap second, stored values
    /// are refused with their own reason (never the precision message).
    #[test]
    fn leap_seconds() {
        let last = "2016-12-31T23:59:59.999999Z";
        let next = "2017-01-01T00:00:00Z";
        for leap in [
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60.5Z",
            "2016-12-31T23:59:60.999999999Z",
            "2016-12-31t23:59:60z",
            "2016-12-31T18:59:60-05:00",
            "2017-01-01T05:29:60+05:30",
        ] {
            assert_eq!(
                Timestamp::parse(leap),
                Err(TimestampError::LeapSecond),
                "{leap}"
            );
            assert_eq!(
                Timestamp::parse_floor(leap).unwrap().to_string(),
                last,
                "{leap}"
            );
            assert_eq!(
                Timestamp::parse_ceil(leap).unwrap().to_string(),
                next,
                "{leap}"
            );
        }
        // The last possible second: its ceiling is past the range.
        let end = "9999-12-31T23:59:60Z";
        assert_eq!(Timestamp::parse_floor(end), Ok(Timestamp::MAX));
        assert_eq!(Timestamp::parse_ceil(end), Err(TimestampError::OutOfRange));
        // Second 60 where no leap second can be is not RFC 3339.
        for bad in [
            "2016-12-31T12:00:60Z",
            "2016-12-30T23:59:60Z",
            "2016-12-31T23:59:60+01:00",
            "2016-12-31T23:59:61Z",
        ] {
            for parse in [
                Timestamp::parse,
                Timestamp::parse_floor,
                Timestamp::parse_ceil,
            ] {
                assert_eq!(parse(bad), Err(TimestampError::Format), "{bad}");
            }
        }
        assert!(!TimestampError::LeapSecond.to_string().contains("precision"),);
        assert_eq!(
            TimestampError::LeapSecond.code(),
            ErrorCode::InvalidTimestamp
        );
    }

    proptest! {
        /// Any leap second (the last second of any month, at any offset, any fraction):
        /// its floor and ceiling are adjacent microseconds around it, the floor on the
        /// month's last day at 23:59:59.999999 UTC, and a stored value is refused.
        #[test]
        fn leap_seconds_floor_and_ceil_around_the_instant(
            year in 0i32..=9999,
            month in 1u8..=12,
            offset_minutes in -(23 * 60 + 59)..=(23 * 60 + 59i32),
            fraction in proptest::option::of("[0-9]{1,12}"),
        ) {
            let month = time::Month::try_from(month).unwrap();
            let day = month.length(year);
            let utc = time::Date::from_calendar_date(year, month, day)
                .unwrap()
                .with_hms(23, 59, 59)
                .unwrap()
                .assume_utc();
            let offset = UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap();
            let Some(local) = utc.checked_to_offset(offset) else {
                return Ok(());
            };
            if !(0..=9999).contains(&local.year()) {
                return Ok(());
            }
            let sign = if offset_minutes < 0 { '-' } else { '+' };
            let text = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:60{}{sign}{:02}:{:02}",
                local.year(),
                u8::from(local.month()),
                local.day(),
                local.hour(),
                local.minute(),
                fraction.map(|f| format!(".{f}")).unwrap_or_default(),
                offset_minutes.abs() / 60,
                offset_minutes.abs() % 60,
            );
            let floor = Timestamp::parse_floor(&text).unwrap();
            prop_assert_eq!(floor.to_sortable_string(), format!(
                "{:04}-{:02}-{day:02}T23:59:59.999999Z", year, u8::from(month)
            ));
            match Timestamp::parse_ceil(&text) {
                Ok(ceil) => prop_assert_eq!(ceil.unix_micros(), floor.unix_micros() + 1),
                Err(e) => {
                    prop_assert_eq!(e, TimestampError::OutOfRange);
                    prop_assert_eq!(floor, Timestamp::MAX);
                }
            }
            prop_assert_eq!(Timestamp::parse(&text), Err(TimestampError::LeapSecond));
        }

        #[test]
        fn forms_round_trip(t in any_timestamp()) {
            prop_assert_eq!(Timestamp::parse(&t.to_string()), Ok(t));
            let sortable = t.to_sortable_string();
            prop_assert_eq!(sortable.len(), SORTABLE_LEN);
            prop_assert_eq!(Timestamp::parse_sortable(&sortable), Ok(t));
            prop_assert_eq!(Timestamp::from_unix_micros(t.unix_micros()), Ok(t));
            prop_assert_eq!(t.unix_nanos(), i128::from(t.unix_micros()) * 1000);
        }

        /// The sortable form's text order is time order.
        #[test]
        fn sortable_text_order_is_time_order(a in any_timestamp(), b in any_timestamp()) {
            prop_assert_eq!(a.to_sortable_string().cmp(&b.to_sortable_string()), a.cmp(&b));
        }

        /// Floor and ceil are the nearest microseconds below and above any nanosecond
        /// input (and beyond, for digits past the ninth).
        #[test]
        fn floor_and_ceil_bracket_the_input(
            micros in -62_167_219_200_000_000i64..253_402_300_799_999_999,
            sub in 0u32..1000,
            extra in "[0-9]{0,4}",
        ) {
            let t = Timestamp::from_unix_micros(micros).unwrap();
            let base = t.to_sortable_string();
            let text = format!("{}{sub:03}{extra}Z", &base[..26]);
            let finer = sub != 0 || extra.bytes().any(|b| b != b'0');
            prop_assert_eq!(Timestamp::parse_floor(&text), Ok(t));
            let next = Timestamp::from_unix_micros(micros + 1).unwrap();
            prop_assert_eq!(Timestamp::parse_ceil(&text), Ok(if finer { next } else { t }));
            prop_assert_eq!(
                Timestamp::parse(&text),
                if finer { Err(TimestampError::Precision) } else { Ok(t) }
            );
        }
    }
}
