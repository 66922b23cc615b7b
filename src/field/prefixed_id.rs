//! Prefixed ids (spec 002's ids): `bcus_H4jp6KnU5cPw263v1jyz4`.
//!
//! The shape: the prefix `bcus_` and a body of exactly [`BODY_CHARS`] ASCII letters and
//! digits (base62), case-sensitive. Any such body parses: ids made by another system
//! (spec 002's example) are opaque.
//!
//! Ids this crate *makes* carry a time and randomness passed in: the body is the base62
//! number `millis × 2^77 + r`, where `millis` is the Unix time in milliseconds (48 bits)
//! and `r` the first 77 of 80 random bits, written with the alphabet in ASCII order
//! (`0-9A-Za-z`) and left-padded with `0`, so made ids sort by creation time as strings.
//! 125 bits fit in 21 base62 characters (62^21 > 2^125).

use std::fmt;

use crate::error::{Coded, ErrorCode};
use crate::field::timestamp::Timestamp;

/// The base62 alphabet in ASCII order, so string order is numeric order.
const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// Characters in the body of a prefixed id.
pub const BODY_CHARS: usize = 21;
/// 62^10, the largest power of 62 below 2^64.
const LIMB: u128 = 839_299_365_868_340_224;
/// Bits of randomness in a made id.
const RANDOM_BITS: u32 = 77;

/// A billing customer's id (spec 002): `bcus_` and 21 base62 characters.
///
/// ```
/// use customer_core::{Timestamp, billing::BillingCustomerId};
///
/// let id: BillingCustomerId = "bcus_H4jp6KnU5cPw263v1jyz4".parse().unwrap();
/// assert_eq!(id.as_str(), "bcus_H4jp6KnU5cPw263v1jyz4");
///
/// let now = Timestamp::parse("2024-09-01T15:00:00Z").unwrap();
/// let made = BillingCustomerId::new(now, [0; 10]).unwrap();
/// assert_eq!(made.as_str(), "bcus_0MweZUM2cdr8bafSvrYBc");
/// assert!(BillingCustomerId::parse("bcus_H4jp6KnU5cPw263v1jyz").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BillingCustomerId([u8; 5 + BODY_CHARS]);

/// Why a string is not a prefixed id (`invalid_id`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BillingCustomerIdError {
    /// Not starting with the prefix.
    #[error("must start with `{expected}`")]
    WrongPrefix {
        /// The expected prefix, separator included.
        expected: &'static str,
    },
    /// A body that is not 21 characters.
    #[error("must have {BODY_CHARS} letters or digits after the prefix, found {0}")]
    Length(usize),
    /// A character that is not an ASCII letter or digit.
    #[error(
        "unexpected {} at position {position}; only ASCII letters and digits follow the prefix",
        crate::text::CharName(*.found)
    )]
    Character {
        /// The character.
        found: char,
        /// 1-based position in the whole id.
        position: usize,
    },
    /// A time before 1970 (ids are made from Unix milliseconds).
    #[error("an id cannot be made for a time before 1970-01-01")]
    BeforeEpoch,
}

impl BillingCustomerIdError {
    /// Always `invalid_id`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidId
    }
}

impl Coded for BillingCustomerIdError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidId
    }
}

impl BillingCustomerId {
    /// The prefix, separator included.
    pub const PREFIX: &'static str = "bcus_";

    /// A new id from `now` (to the millisecond) and random bytes (77 of their 80 bits).
    pub fn new(
        now: Timestamp,
        random: [u8; 10],
    ) -> Result<BillingCustomerId, BillingCustomerIdError> {
        let millis = now.unix_nanos().div_euclid(1_000_000);
        let millis = u128::try_from(millis).map_err(|_| BillingCustomerIdError::BeforeEpoch)?;
        let mut r = [0u8; 16];
        if let Some(tail) = r.get_mut(6..) {
            tail.copy_from_slice(&random);
        }
        let r = u128::from_be_bytes(r) >> (80 - RANDOM_BITS);
        // Timestamps end in the year 9999: millis < 2^48, so the value is < 2^125.
        let value = (millis << RANDOM_BITS) | r;
        let mut out = [b'0'; 5 + BODY_CHARS];
        if let Some(prefix) = out.get_mut(..5) {
            prefix.copy_from_slice(Self::PREFIX.as_bytes());
        }
        // Three u64 limbs of 10, 10 and 1 base62 digits: two u128 divisions instead of 21.
        let mut limbs = [
            u64::try_from(value % LIMB).unwrap_or(0),
            u64::try_from((value / LIMB) % LIMB).unwrap_or(0),
            u64::try_from(value / LIMB / LIMB).unwrap_or(0),
        ];
        for (i, slot) in out.iter_mut().skip(5).rev().enumerate() {
            let Some(limb) = limbs.get_mut(i / 10) else {
                break;
            };
            let digit = usize::try_from(*limb % 62).unwrap_or(0);
            *slot = ALPHABET.get(digit).copied().unwrap_or(b'0');
            *limb /= 62;
        }
        Ok(BillingCustomerId(out))
    }

    /// Parses `bcus_` and 21 ASCII letters or digits, strictly.
    pub fn parse(input: &str) -> Result<BillingCustomerId, BillingCustomerIdError> {
        let Some(body) = input.strip_prefix(Self::PREFIX) else {
            return Err(BillingCustomerIdError::WrongPrefix {
                expected: Self::PREFIX,
            });
        };
        if let Some((i, c)) = body
            .chars()
            .take(BODY_CHARS.saturating_add(1))
            .enumerate()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
        {
            return Err(BillingCustomerIdError::Character {
                found: c,
                position: i.saturating_add(Self::PREFIX.len()).saturating_add(1),
            });
        }
        let mut out = [0u8; 5 + BODY_CHARS];
        if input.len() != out.len() {
            return Err(BillingCustomerIdError::Length(
                body.chars().take(1000).count(),
            ));
        }
        out.copy_from_slice(input.as_bytes());
        Ok(BillingCustomerId(out))
    }

    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl fmt::Debug for BillingCustomerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BillingCustomerId({})", self.as_str())
    }
}

str_impls!(BillingCustomerId, BillingCustomerIdError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_shape() {
        assert!(BillingCustomerId::parse("bcus_H4jp6KnU5cPw263v1jyz4").is_ok());
        assert_eq!(
            BillingCustomerId::parse("cus_H4jp6KnU5cPw263v1jyz4").unwrap_err(),
            BillingCustomerIdError::WrongPrefix { expected: "bcus_" }
        );
        assert_eq!(
            BillingCustomerId::parse("bcus_H4jp6KnU5cPw263v1jyz4x").unwrap_err(),
            BillingCustomerIdError::Length(22)
        );
        assert_eq!(
            BillingCustomerId::parse("bcus_H4jp6KnU5c-w263v1jyz4").unwrap_err(),
            BillingCustomerIdError::Character {
                found: '-',
                position: 16
            }
        );
        assert!(BillingCustomerId::parse("bcus_H4jp6KnU5cPw263v1jyzé").is_err());
    }

    #[test]
    fn made_ids_sort_by_time_and_parse() {
        let t1 = Timestamp::parse("2024-09-01T15:00:00.001Z").unwrap();
        let t2 = Timestamp::parse("2024-09-01T15:00:00.002Z").unwrap();
        let a = BillingCustomerId::new(t1, [0xff; 10]).unwrap();
        let b = BillingCustomerId::new(t2, [0; 10]).unwrap();
        assert!(a < b && a.as_str() < b.as_str());
        assert_eq!(BillingCustomerId::parse(a.as_str()).unwrap(), a);
        let last = Timestamp::parse("9999-12-31T23:59:59.999Z").unwrap();
        let c = BillingCustomerId::new(last, [0xff; 10]).unwrap();
        assert_eq!(BillingCustomerId::parse(c.as_str()).unwrap(), c);
        assert!(b < c);
        let old = Timestamp::parse("1969-12-31T23:59:59Z").unwrap();
        assert_eq!(
            BillingCustomerId::new(old, [0; 10]).unwrap_err(),
            BillingCustomerIdError::BeforeEpoch
        );
    }
}
