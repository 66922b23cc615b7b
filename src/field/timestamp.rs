//! RFC 3339 timestamps in UTC.
//!
//! Parsing accepts any RFC 3339 date-time (`T` and `Z` in either case, any offset) with a
//! year from 0000 to 9999, and converts it to UTC. Display is always UTC with `Z`,
//! fractional seconds only when non-zero and without trailing zeros:
//! `2024-03-01T12:00:00Z`, `2024-09-01T15:00:00.5Z`. The crate never reads a clock: the
//! service passes `now` in.

use std::fmt;

use serde::{Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::error::{Coded, ErrorCode};

/// Input longer than this is rejected before parsing.
const MAX_BYTES: usize = 64;

/// A UTC instant with nanosecond precision.
///
/// ```
/// use customer_core::Timestamp;
///
/// let t = Timestamp::parse("2024-03-01T13:00:00+01:00").unwrap();
/// assert_eq!(t.to_string(), "2024-03-01T12:00:00Z");
/// assert!(Timestamp::parse("2024-03-01 12:00:00").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

/// Why a value is not a [`Timestamp`] (`invalid_timestamp`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampError {
    /// Not an RFC 3339 date-time.
    #[error("must be an RFC 3339 date-time such as 2024-03-01T12:00:00Z")]
    Format,
    /// Outside the years 0000 to 9999.
    #[error("must be between the years 0000 and 9999")]
    OutOfRange,
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

impl Timestamp {
    /// Parses an RFC 3339 date-time and converts it to UTC.
    pub fn parse(input: &str) -> Result<Timestamp, TimestampError> {
        if input.len() > MAX_BYTES {
            return Err(TimestampError::Format);
        }
        // `time` also takes a space between date and time (RFC 3339's note); we do not.
        if !matches!(input.as_bytes().get(10), Some(b'T' | b't')) {
            return Err(TimestampError::Format);
        }
        let dt = OffsetDateTime::parse(input, &Rfc3339).map_err(|_| TimestampError::Format)?;
        Timestamp::from_offset_date_time(dt)
    }

    /// Wraps a `time` value, converting it to UTC; years outside 0000 to 9999 are rejected
    /// because RFC 3339 cannot write them.
    pub fn from_offset_date_time(dt: OffsetDateTime) -> Result<Timestamp, TimestampError> {
        let utc = dt
            .checked_to_offset(UtcOffset::UTC)
            .ok_or(TimestampError::OutOfRange)?;
        if !(0..=9999).contains(&utc.year()) {
            return Err(TimestampError::OutOfRange);
        }
        Ok(Timestamp(utc))
    }

    /// Builds a timestamp from Unix seconds.
    pub fn from_unix_seconds(seconds: i64) -> Result<Timestamp, TimestampError> {
        let dt =
            OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| TimestampError::OutOfRange)?;
        Timestamp::from_offset_date_time(dt)
    }

    /// The instant as a `time` value in UTC.
    #[must_use]
    pub fn as_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }

    /// Nanoseconds since the Unix epoch.
    #[must_use]
    pub fn unix_nanos(&self) -> i128 {
        self.0.unix_timestamp_nanos()
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
        let nanos = d.nanosecond();
        if nanos != 0 {
            let mut digits = format!("{nanos:09}");
            while digits.ends_with('0') {
                digits.pop();
            }
            write!(f, ".{digits}")?;
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

    #[test]
    fn displays_utc_with_z() {
        for (input, shown) in [
            ("2024-03-01T12:00:00Z", "2024-03-01T12:00:00Z"),
            ("2024-09-01T15:00:00.000Z", "2024-09-01T15:00:00Z"),
            ("2024-09-01T15:00:00.500Z", "2024-09-01T15:00:00.5Z"),
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

    #[test]
    fn round_trips() {
        let t = Timestamp::parse("2024-09-01T15:00:00.123456789Z").unwrap();
        assert_eq!(Timestamp::parse(&t.to_string()).unwrap(), t);
    }
}
