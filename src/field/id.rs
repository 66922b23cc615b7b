//! Customer ids: UUIDs in canonical hyphenated form.
//!
//! Only the 36-character `8-4-4-4-12` hexadecimal form is accepted (either case; stored
//! and shown lowercase). Braced, URN and unhyphenated forms are rejected, and so is spec
//! 001's `7a8b9c0d-1e2f-3g4h-5i6j-7k8l9m0n1o2p`, which has non-hex letters. Ids are made
//! by the caller (`uuid::Uuid::new_v4()`, or v7 for time-ordered keys) and passed in:
//! this crate makes no randomness.

use std::fmt;

use serde::{Serialize, Serializer};
use uuid::Uuid;

use crate::error::{Coded, ErrorCode};

/// A customer id.
///
/// ```
/// use customer_core::CustomerId;
///
/// let id: CustomerId = "6F7E1E7F-93D1-4FCC-B7A4-738F869615C8".parse().unwrap();
/// assert_eq!(id.to_string(), "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8");
/// assert!(CustomerId::parse("7a8b9c0d-1e2f-3g4h-5i6j-7k8l9m0n1o2p").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomerId(Uuid);

/// Why a string is not a [`CustomerId`] (`invalid_id`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CustomerIdError {
    /// Not 36 characters long.
    #[error("must be a UUID of 36 characters (8-4-4-4-12), found {0} characters")]
    Length(usize),
    /// A character that is not a hex digit, or a hyphen out of place.
    #[error(
        "must be a UUID (8-4-4-4-12 hexadecimal digits): unexpected {} at position {position}",
        crate::text::CharName(*.found)
    )]
    Character {
        /// The character.
        found: char,
        /// 1-based position.
        position: usize,
    },
}

impl Coded for CustomerIdError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidId
    }
}

impl CustomerIdError {
    /// Always `invalid_id`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidId
    }
}

impl CustomerId {
    /// Parses a canonical hyphenated UUID.
    ///
    /// One pass over the characters checks the shape and builds the value, so there is
    /// no second parser whose failure would need a variant of its own.
    pub fn parse(input: &str) -> Result<CustomerId, CustomerIdError> {
        let count = input.chars().take(64).count();
        if input.len() != 36 || count != 36 {
            return Err(CustomerIdError::Length(count));
        }
        let mut value: u128 = 0;
        for (i, c) in input.chars().enumerate() {
            let hyphen = matches!(i, 8 | 13 | 18 | 23);
            let digit = if hyphen { None } else { c.to_digit(16) };
            match (hyphen, c, digit) {
                (true, '-', _) => {}
                (false, _, Some(d)) => value = (value << 4) | u128::from(d),
                _ => {
                    return Err(CustomerIdError::Character {
                        found: c,
                        position: i.saturating_add(1),
                    });
                }
            }
        }
        Ok(CustomerId(Uuid::from_u128(value)))
    }

    /// The UUID.
    #[must_use]
    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl From<Uuid> for CustomerId {
    fn from(uuid: Uuid) -> Self {
        CustomerId(uuid)
    }
}

impl From<CustomerId> for Uuid {
    fn from(id: CustomerId) -> Self {
        id.0
    }
}

impl fmt::Display for CustomerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl fmt::Debug for CustomerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CustomerId({})", self.0.hyphenated())
    }
}

impl Serialize for CustomerId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.hyphenated())
    }
}

parse_impls!(CustomerId, CustomerIdError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_form_only() {
        assert!(CustomerId::parse("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8").is_ok());
        assert_eq!(
            CustomerId::parse("7a8b9c0d-1e2f-3g4h-5i6j-7k8l9m0n1o2p").unwrap_err(),
            CustomerIdError::Character {
                found: 'g',
                position: 16
            }
        );
        assert_eq!(
            CustomerId::parse("6f7e1e7f93d14fccb7a4738f869615c8").unwrap_err(),
            CustomerIdError::Length(32)
        );
        assert!(CustomerId::parse("{6f7e1e7f-93d1-4fcc-b7a4-738f869615c8}").is_err());
        assert!(CustomerId::parse("urn:uuid:6f7e1e7f-93d1-4fcc-b7a4-738f869615c8").is_err());
        assert!(CustomerId::parse("6f7e1e7f-93d1-4fcc-b7a4-738f869615cé").is_err());
        assert!(CustomerId::parse("6f7e1e7f+93d1-4fcc-b7a4-738f869615c8").is_err());
    }
}
