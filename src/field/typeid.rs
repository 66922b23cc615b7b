//! TypeIDs (spec 003's ids): `cus_01h3vjs3b16yc3f9q8q9pfrb80`.
//!
//! The TypeID specification (v0.3): a lowercase prefix of at most 63 characters (`a-z`
//! and `_`, starting and ending with a letter), the separator `_`, and a suffix of 26
//! characters of Crockford base32 in lowercase (`0123456789abcdefghjkmnpqrstvwxyz`)
//! holding a 128-bit UUID, most significant bits first; 26 × 5 = 130 bits, so the first
//! character is at most `7`. Parsing is strict: uppercase, `i`/`l`/`o`/`u`, another
//! length or a first character above `7` are `invalid_id`.
//!
//! Ids this crate *makes* are UUIDv7 (48 bits of Unix milliseconds, then 74 random
//! bits, from the time and the random bytes the caller passes in), so they sort by
//! creation time as strings and as values. Ids it *reads* may hold any UUID, as the
//! TypeID specification's own test vectors do (its nil and max ids) and as spec 003's
//! example does: `cus_01h3vjs3b16yc3f9q8q9pfrb80` decodes to a UUID whose version nibble
//! is 3, not 7. [`AccountCustomerId::created_at`] tells the time only of v7 ids.
//!
//! The base32 codec is 30 lines here rather than a dependency: the TypeID crates
//! (`mti`, `typeid_suffix`) are young, read the clock by default and bring error types
//! without our codes; the codec is checked against the specification's vectors.

use std::fmt;

use serde::{Serialize, Serializer};
use uuid::Uuid;

use crate::error::{Coded, ErrorCode};
use crate::field::timestamp::Timestamp;

/// Crockford base32 in lowercase, as TypeID writes it.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// Characters in a TypeID suffix.
pub const SUFFIX_CHARS: usize = 26;
/// The longest TypeID prefix.
pub const MAX_PREFIX_CHARS: usize = 63;

/// The 26-character suffix of a 128-bit value.
pub(crate) fn encode(value: u128) -> [u8; SUFFIX_CHARS] {
    let mut out = [b'0'; SUFFIX_CHARS];
    let mut v = value;
    for slot in out.iter_mut().rev() {
        let digit = usize::try_from(v & 0x1f).unwrap_or(0);
        *slot = ALPHABET.get(digit).copied().unwrap_or(b'0');
        v >>= 5;
    }
    out
}

/// The value of a base32 character.
fn digit(c: u8) -> Option<u8> {
    ALPHABET
        .iter()
        .position(|a| *a == c)
        .and_then(|p| u8::try_from(p).ok())
}

/// Why a string is not a TypeID of the expected kind (`invalid_id`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TypeIdError {
    /// Longer than any TypeID.
    #[error("is too long for an id (at most {} characters)", MAX_PREFIX_CHARS + 1 + SUFFIX_CHARS)]
    TooLong,
    /// No `_` between a prefix and the suffix.
    #[error("must be a prefix, `_` and 26 base32 characters, such as `{example}`")]
    MissingSeparator {
        /// An id of the expected kind.
        example: &'static str,
    },
    /// A prefix other than the expected one.
    #[error("must start with `{expected}_`")]
    WrongPrefix {
        /// The prefix this kind of id has.
        expected: &'static str,
    },
    /// A prefix that is not lowercase `a-z` and `_`, starting and ending with a letter.
    #[error("the prefix must be 1 to 63 lowercase letters a-z (underscores inside)")]
    InvalidPrefix,
    /// A suffix that is not 26 characters.
    #[error("the part after the last `_` must be 26 characters, found {0}")]
    SuffixLength(usize),
    /// A character outside lowercase Crockford base32.
    #[error(
        "unexpected {} at position {position}; ids use lowercase base32 (0-9 and a-z without i, l, o, u)",
        crate::text::CharName(*.found)
    )]
    Character {
        /// The character.
        found: char,
        /// 1-based position in the whole id.
        position: usize,
    },
    /// A first suffix character above `7` (more than 128 bits).
    #[error("the first character after `_` must be 0 to 7")]
    Overflow,
    /// A time before 1970 (ids are made from Unix milliseconds).
    #[error("an id cannot be made for a time before 1970-01-01")]
    BeforeEpoch,
}

impl TypeIdError {
    /// Always `invalid_id`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidId
    }
}

impl Coded for TypeIdError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidId
    }
}

/// Splits and checks a TypeID: its prefix and its 128-bit value.
fn parse_typeid<'s>(input: &'s str, example: &'static str) -> Result<(&'s str, u128), TypeIdError> {
    if input.len() > MAX_PREFIX_CHARS + 1 + SUFFIX_CHARS {
        return Err(TypeIdError::TooLong);
    }
    let Some((prefix, suffix)) = input.rsplit_once('_') else {
        return Err(TypeIdError::MissingSeparator { example });
    };
    let bytes = prefix.as_bytes();
    let prefix_ok = !prefix.is_empty()
        && prefix.len() <= MAX_PREFIX_CHARS
        && bytes.iter().all(|b| b.is_ascii_lowercase() || *b == b'_')
        && bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes.last().is_some_and(u8::is_ascii_lowercase);
    if !prefix_ok {
        return Err(TypeIdError::InvalidPrefix);
    }
    let count = suffix.chars().count();
    if count != SUFFIX_CHARS {
        return Err(TypeIdError::SuffixLength(count));
    }
    let mut value: u128 = 0;
    for (i, c) in suffix.chars().enumerate() {
        let d = u8::try_from(c)
            .ok()
            .and_then(digit)
            .ok_or(TypeIdError::Character {
                found: c,
                position: prefix.len().saturating_add(2).saturating_add(i),
            })?;
        if i == 0 && d > 7 {
            return Err(TypeIdError::Overflow);
        }
        value = (value << 5) | u128::from(d);
    }
    Ok((prefix, value))
}

/// An account customer's id (spec 003): a TypeID with the prefix `cus`.
///
/// ```
/// use customer_core::{Timestamp, account::AccountCustomerId};
///
/// // Spec 003's example id parses (its UUID is not v7, so it tells no time).
/// let id: AccountCustomerId = "cus_01h3vjs3b16yc3f9q8q9pfrb80".parse().unwrap();
/// assert_eq!(id.to_string(), "cus_01h3vjs3b16yc3f9q8q9pfrb80");
/// assert_eq!(id.created_at(), None);
///
/// // Ids made here are UUIDv7 from the time and random bytes passed in.
/// let now = Timestamp::parse("2024-09-01T15:00:00.000Z").unwrap();
/// let made = AccountCustomerId::new(now, [7; 10]).unwrap();
/// assert!(made.to_string().starts_with("cus_01j6q1k7c0"));
/// assert_eq!(made.created_at(), Some(now));
/// assert!(AccountCustomerId::parse("cus_01H3VJS3B16YC3F9Q8Q9PFRB80").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountCustomerId(Uuid);

impl AccountCustomerId {
    /// The TypeID prefix.
    pub const PREFIX: &'static str = "cus";

    /// A new id: a UUIDv7 of `now` (to the millisecond) and 74 of the 80 random bits,
    /// as uuid's v7 builder lays them out. Ids made later sort after earlier ones.
    pub fn new(now: Timestamp, random: [u8; 10]) -> Result<AccountCustomerId, TypeIdError> {
        let millis = now.unix_nanos().div_euclid(1_000_000);
        let millis = u64::try_from(millis).map_err(|_| TypeIdError::BeforeEpoch)?;
        Ok(AccountCustomerId(
            uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid(),
        ))
    }

    /// Parses `cus_` and 26 base32 characters, strictly.
    pub fn parse(input: &str) -> Result<AccountCustomerId, TypeIdError> {
        let (prefix, value) = parse_typeid(input, "cus_01h3vjs3b16yc3f9q8q9pfrb80")?;
        if prefix != Self::PREFIX {
            return Err(TypeIdError::WrongPrefix {
                expected: Self::PREFIX,
            });
        }
        Ok(AccountCustomerId(Uuid::from_u128(value)))
    }

    /// The UUID inside.
    #[must_use]
    pub fn as_uuid(&self) -> Uuid {
        self.0
    }

    /// The creation time to the millisecond, for a UUIDv7 id; `None` for other versions.
    #[must_use]
    pub fn created_at(&self) -> Option<Timestamp> {
        if self.0.get_version_num() != 7 {
            return None;
        }
        let millis = i64::try_from(self.0.as_u128() >> 80).ok()?;
        let dt = time::OffsetDateTime::from_unix_timestamp_nanos(
            i128::from(millis).checked_mul(1_000_000)?,
        )
        .ok()?;
        Timestamp::from_offset_date_time(dt).ok()
    }
}

impl fmt::Display for AccountCustomerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let suffix = encode(self.0.as_u128());
        f.write_str(Self::PREFIX)?;
        f.write_str("_")?;
        f.write_str(std::str::from_utf8(&suffix).unwrap_or(""))
    }
}

impl fmt::Debug for AccountCustomerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountCustomerId({self})")
    }
}

impl Serialize for AccountCustomerId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

parse_impls!(AccountCustomerId, TypeIdError);

/// A payment method's id (spec 003's `payment_method`), issued by another system and kept
/// opaque: only its shape is checked, a TypeID with any prefix (`card_…`, `momo_…`) and
/// any UUID inside.
///
/// ```
/// use customer_core::account::PaymentMethodId;
///
/// let pm = PaymentMethodId::parse("card_01h3vjs3b16yc3f9q8q9pfrb79").unwrap();
/// assert_eq!((pm.prefix(), pm.as_str()), ("card", "card_01h3vjs3b16yc3f9q8q9pfrb79"));
/// assert!(PaymentMethodId::parse("pm_1NXWRL2eZvKYlo2C").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaymentMethodId(String);

impl PaymentMethodId {
    /// Checks the shape: a TypeID with a prefix.
    pub fn parse(input: &str) -> Result<PaymentMethodId, TypeIdError> {
        parse_typeid(input, "card_01h3vjs3b16yc3f9q8q9pfrb79")?;
        Ok(PaymentMethodId(input.to_owned()))
    }

    /// The prefix (the kind of payment method), e.g. `card`.
    #[must_use]
    pub fn prefix(&self) -> &str {
        self.0.rsplit_once('_').map_or("", |(p, _)| p)
    }

    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PaymentMethodId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PaymentMethodId({})", self.0)
    }
}

str_impls!(PaymentMethodId, TypeIdError);

#[cfg(test)]
mod tests {
    use super::*;

    /// The TypeID specification's valid vectors (spec/valid.yml).
    const VALID: &[(&str, &str)] = &[
        (
            "00000000000000000000000000",
            "00000000-0000-0000-0000-000000000000",
        ),
        (
            "00000000000000000000000001",
            "00000000-0000-0000-0000-000000000001",
        ),
        (
            "0000000000000000000000000a",
            "00000000-0000-0000-0000-00000000000a",
        ),
        (
            "0000000000000000000000000g",
            "00000000-0000-0000-0000-000000000010",
        ),
        (
            "00000000000000000000000010",
            "00000000-0000-0000-0000-000000000020",
        ),
        (
            "7zzzzzzzzzzzzzzzzzzzzzzzzz",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ),
        (
            "0123456789abcdefghjkmnpqrs",
            "0110c853-1d09-52d8-d73e-1194e95b5f19",
        ),
        (
            "01h455vb4pex5vsknk084sn02q",
            "01890a5d-ac96-774b-bcce-b302099a8057",
        ),
    ];

    #[test]
    fn specification_vectors() {
        for (suffix, uuid) in VALID {
            let uuid = Uuid::parse_str(uuid).unwrap();
            assert_eq!(&encode(uuid.as_u128()), suffix.as_bytes(), "{suffix}");
            let id = AccountCustomerId::parse(&format!("cus_{suffix}")).unwrap();
            assert_eq!(id.as_uuid(), uuid);
        }
        assert!(PaymentMethodId::parse("pre_fix_00000000000000000000000000").is_ok());
        let v7 = AccountCustomerId::parse("cus_01h455vb4pex5vsknk084sn02q").unwrap();
        assert_eq!(
            v7.created_at().unwrap().to_string(),
            "2023-06-30T03:34:18.518Z"
        );
    }

    #[test]
    fn strict_parsing() {
        let bad: [(&str, TypeIdError); 8] = [
            ("cus_8zzzzzzzzzzzzzzzzzzzzzzzzz", TypeIdError::Overflow),
            (
                "cus_01h455vb4pex5vsknk084sn02",
                TypeIdError::SuffixLength(25),
            ),
            (
                "cus_01h455vb4pex5vsknk084sn0iq",
                TypeIdError::Character {
                    found: 'i',
                    position: 29,
                },
            ),
            (
                "cus_01H455VB4PEX5VSKNK084SN02Q",
                TypeIdError::Character {
                    found: 'H',
                    position: 7,
                },
            ),
            (
                "user_01h455vb4pex5vsknk084sn02q",
                TypeIdError::WrongPrefix { expected: "cus" },
            ),
            (
                "01h455vb4pex5vsknk084sn02q",
                TypeIdError::MissingSeparator {
                    example: "cus_01h3vjs3b16yc3f9q8q9pfrb80",
                },
            ),
            ("Cus_01h455vb4pex5vsknk084sn02q", TypeIdError::InvalidPrefix),
            ("_01h455vb4pex5vsknk084sn02q", TypeIdError::InvalidPrefix),
        ];
        for (input, want) in bad {
            assert_eq!(
                AccountCustomerId::parse(input).unwrap_err(),
                want,
                "{input}"
            );
        }
        assert_eq!(
            AccountCustomerId::parse(&"a".repeat(200)).unwrap_err(),
            TypeIdError::TooLong
        );
    }

    #[test]
    fn made_ids_sort_by_time() {
        let t1 = Timestamp::parse("2024-09-01T15:00:00.001Z").unwrap();
        let t2 = Timestamp::parse("2024-09-01T15:00:00.002Z").unwrap();
        let a = AccountCustomerId::new(t1, [0xff; 10]).unwrap();
        let b = AccountCustomerId::new(t2, [0; 10]).unwrap();
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        assert_eq!(a.as_uuid().get_version_num(), 7);
        assert_eq!(AccountCustomerId::parse(&a.to_string()).unwrap(), a);
        let old = Timestamp::parse("1969-12-31T23:59:59Z").unwrap();
        assert_eq!(
            AccountCustomerId::new(old, [0; 10]).unwrap_err(),
            TypeIdError::BeforeEpoch
        );
    }
}
