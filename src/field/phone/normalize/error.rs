//! [`PhoneNormalizeError`] and the values it carries: what was read ([`ReadE164`],
//! [`TypedDigits`]), where ([`PhonePlace`]), and the inline digit buffer behind them.

use std::fmt;

use super::{MAX_INPUT_DIGITS, MAX_NSN};
use crate::error::{Coded, ErrorCode};
use crate::field::country::Country;

/// Why [`PhoneNumber::normalize`](crate::PhoneNumber::normalize) could not turn input into a valid E.164 number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PhoneNormalizeError {
    /// Empty or only whitespace (`required`).
    #[error("is required")]
    Empty,
    /// A character that is not a digit, a leading `+`, a space or `( ) - . / [ ] ~`
    /// (`invalid_phone_format`). Letters, extensions and `tel:` are not accepted.
    #[error(
        "may contain only digits, a leading `+`, spaces and ( ) - . /; found {} at position {position}",
        crate::text::CharName(*.found)
    )]
    InvalidCharacter {
        /// The offending character (shown as `'x' (U+0078)`).
        found: char,
        /// 1-based character position in the trimmed input.
        position: usize,
    },
    /// A `+` after the first digit (`invalid_phone_format`).
    #[error("`+` may only come first, found at position {position}")]
    MisplacedPlus {
        /// 1-based character position in the trimmed input.
        position: usize,
    },
    /// Too few digits for a phone number (`invalid_phone_format`).
    #[error("has too few digits for a phone number")]
    TooShort,
    /// Too many digits for a phone number (`invalid_phone_format`).
    #[error("has too many digits for a phone number")]
    TooLong,
    /// After `+` or an international prefix, a country calling code still being typed:
    /// some assigned calling code starts with the digits typed (`invalid_phone_number`).
    /// Only from [`PhoneNumber::normalize_typing`](crate::PhoneNumber::normalize_typing).
    #[error("is too short so far: the country calling code is not complete")]
    IncompleteCallingCode,
    /// After `+` or an international prefix, no assigned country calling code
    /// (`invalid_phone_number`).
    #[error("does not start with an assigned country calling code")]
    UnknownCallingCode,
    /// The country has no numbering plan of its own (e.g. Antarctica, `AQ`): only a
    /// number with `+` and its calling code can be read (`invalid_phone_number`).
    #[error("{country} has no numbering plan: enter the number with `+` and its country code")]
    NoNumberingPlan {
        /// The country given.
        country: Country,
    },
    /// Read as `e164`, which is not a valid number (`invalid_phone_number`).
    #[error("is not a valid phone number (read as `{e164}`)")]
    NotValid {
        /// The E.164 form the input was read as.
        e164: ReadE164,
    },
    /// Fewer digits than any number of the country has, so still being typed: libphonenumber
    /// `isPossibleNumberWithReason` is `TOO_SHORT` (or `IS_POSSIBLE_LOCAL_ONLY`, a local
    /// number without its area code) (`invalid_phone_number`). Only from
    /// [`PhoneNumber::normalize_typing`](crate::PhoneNumber::normalize_typing).
    #[error("is too short so far for {place}: {}", Counted { read, digits: *.digits, bound: ("at least", *.min) })]
    Incomplete {
        /// What was read, as typed: the national number with its prefix (`0801234`), or
        /// `+`, the calling code and the national number (`+44 2079`).
        read: TypedDigits,
        /// The country the number was read for, e.g. `Nigeria (NG)`, or its calling code.
        place: PhonePlace,
        /// The digits of the national significant number (without the national prefix).
        digits: usize,
        /// The fewest digits a number there has.
        min: usize,
    },
    /// More digits than any number of the country has (`TOO_LONG`)
    /// (`invalid_phone_number`). Only from [`PhoneNumber::normalize_typing`](crate::PhoneNumber::normalize_typing).
    #[error("is too long for {place}: {}", Counted { read, digits: *.digits, bound: ("at most", *.max) })]
    TooLongFor {
        /// What was read, as typed (see [`PhoneNormalizeError::Incomplete`]).
        read: TypedDigits,
        /// The country the number was read for.
        place: PhonePlace,
        /// The digits of the national significant number.
        digits: usize,
        /// The most digits a number there has.
        max: usize,
    },
    /// Not a number of the country: a length no number there has (`INVALID_LENGTH`), or a
    /// possible length that matches none of its number ranges (`IS_POSSIBLE`, yet not
    /// valid) (`invalid_phone_number`). Only from [`PhoneNumber::normalize_typing`](crate::PhoneNumber::normalize_typing).
    #[error("is not a number of {place}: read as {read}{}", if *.possible_length { "" } else { " (no number there has that many digits)" })]
    NotOfCountry {
        /// What was read, as typed (see [`PhoneNormalizeError::Incomplete`]).
        read: TypedDigits,
        /// The country the number was read for.
        place: PhonePlace,
        /// Whether the length is possible there (`IS_POSSIBLE`) or not (`INVALID_LENGTH`).
        possible_length: bool,
    },
}

impl PhoneNormalizeError {
    /// The stable code: `required`, `invalid_phone_format` or `invalid_phone_number`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            PhoneNormalizeError::Empty => ErrorCode::Required,
            PhoneNormalizeError::UnknownCallingCode
            | PhoneNormalizeError::IncompleteCallingCode
            | PhoneNormalizeError::NoNumberingPlan { .. }
            | PhoneNormalizeError::NotValid { .. }
            | PhoneNormalizeError::Incomplete { .. }
            | PhoneNormalizeError::TooLongFor { .. }
            | PhoneNormalizeError::NotOfCountry { .. } => ErrorCode::InvalidPhoneNumber,
            _ => ErrorCode::InvalidPhoneFormat,
        }
    }
}

impl Coded for PhoneNormalizeError {
    fn code(&self) -> ErrorCode {
        PhoneNormalizeError::code(self)
    }
}

/// What was read and how many digits it has against a bound, for messages: `read as
/// 0801234 (6 digits, at least 10)`, or `at least 10 digits` when nothing was read.
struct Counted<'a> {
    read: &'a TypedDigits,
    digits: usize,
    bound: (&'static str, usize),
}

/// `1 digit`, `2 digits`.
struct DigitCount(usize);

impl fmt::Display for DigitCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.0 == 1 { "" } else { "s" };
        write!(f, "{} digit{plural}", self.0)
    }
}

impl fmt::Display for Counted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (word, bound) = self.bound;
        if self.read.digits.as_bytes().is_empty() && self.read.calling_code.is_none() {
            return write!(f, "{word} {}", DigitCount(bound));
        }
        write!(
            f,
            "read as {} ({}, {word} {bound})",
            self.read,
            DigitCount(self.digits)
        )
    }
}

/// At most `N` ASCII digits, held inline (no allocation). Bytes past `len` stay 0
/// (digits are only ever appended), so the derived comparisons compare the digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(in crate::field::phone) struct Digits<const N: usize> {
    pub(in crate::field::phone) bytes: [u8; N],
    pub(in crate::field::phone) len: u8,
}

impl<const N: usize> Digits<N> {
    /// No digits.
    pub(in crate::field::phone) const EMPTY: Digits<N> = Digits {
        bytes: [0; N],
        len: 0,
    };

    /// `digits` (ASCII digits), or `None` when there are more than `N`.
    pub(in crate::field::phone) fn new(digits: &[u8]) -> Option<Digits<N>> {
        let mut held = Digits::EMPTY;
        held.bytes.get_mut(..digits.len())?.copy_from_slice(digits);
        held.len = u8::try_from(digits.len()).ok()?;
        Some(held)
    }

    /// The decimal digits of `n`.
    pub(in crate::field::phone) fn of_number(mut n: u16) -> Option<Digits<N>> {
        let mut reversed = Digits::<5>::EMPTY;
        loop {
            let d = u8::try_from(n % 10).ok()?;
            reversed.push(b'0'.checked_add(d)?)?;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let mut held = Digits::EMPTY;
        for &d in reversed.as_bytes().iter().rev() {
            held.push(d)?;
        }
        Some(held)
    }

    /// Appends a digit, or `None` when `N` are held already.
    pub(in crate::field::phone) fn push(&mut self, digit: u8) -> Option<()> {
        *self.bytes.get_mut(usize::from(self.len))? = digit;
        self.len = self.len.checked_add(1)?;
        Some(())
    }

    /// Appends `digits`, or `None` when they do not fit.
    pub(in crate::field::phone) fn extend(&mut self, digits: &[u8]) -> Option<()> {
        digits.iter().try_for_each(|&d| self.push(d))
    }

    pub(in crate::field::phone) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    pub(in crate::field::phone) fn as_str(&self) -> &str {
        // Only ASCII digits are ever held.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }
}

/// The E.164 number an input was read as ([`PhoneNormalizeError::NotValid`]): a calling
/// code and a national significant number of at most 17 digits, held inline. Displays as
/// E.164 (`+2340801234`).
///
/// ```
/// use customer_core::{Country, PhoneNumber, phone::PhoneNormalizeError};
///
/// let ng = Country::parse("NG").unwrap();
/// let Err(PhoneNormalizeError::NotValid { e164 }) = PhoneNumber::normalize("0801 234", ng) else {
///     panic!("not valid expected");
/// };
/// assert_eq!((e164.calling_code(), e164.national_number()), (234, "0801234"));
/// assert_eq!(e164.to_string(), "+2340801234");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReadE164 {
    pub(in crate::field::phone) calling_code: u16,
    pub(in crate::field::phone) national: Digits<MAX_NSN>,
}

impl ReadE164 {
    /// The country calling code, e.g. `234`.
    #[must_use]
    pub fn calling_code(&self) -> u16 {
        self.calling_code
    }

    /// The national number as read, ASCII digits: its national prefix is stripped, except
    /// where libphonenumber keeps it because the rest is too short (`"0801234"`).
    #[must_use]
    pub fn national_number(&self) -> &str {
        self.national.as_str()
    }
}

impl fmt::Display for ReadE164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}{}", self.calling_code, self.national.as_str())
    }
}

impl fmt::Debug for ReadE164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReadE164(\"{self}\")")
    }
}

/// What was read of a number, as the person typed it ([`PhoneNormalizeError::Incomplete`],
/// [`PhoneNormalizeError::TooLongFor`], [`PhoneNormalizeError::NotOfCountry`]), held
/// inline: for a number typed with `+` or an international prefix, its calling code and
/// the national number after it, national prefix included (displayed `+44 2079`); else
/// every digit typed (`0801234`, or `234801234` when the country's calling code was typed
/// without `+`).
///
/// ```
/// use customer_core::{Country, PhoneNumber, phone::PhoneNormalizeError};
///
/// let ng = Country::parse("NG").unwrap();
/// let Err(PhoneNormalizeError::Incomplete { read, .. }) = PhoneNumber::normalize_typing("0801 234", ng) else {
///     panic!("incomplete expected");
/// };
/// assert_eq!((read.calling_code(), read.digits()), (None, "0801234"));
/// let Err(PhoneNormalizeError::Incomplete { read, .. }) = PhoneNumber::normalize_typing("+44 20 79", ng) else {
///     panic!("incomplete expected");
/// };
/// assert_eq!((read.calling_code(), read.digits()), (Some(44), "2079"));
/// assert_eq!(read.to_string(), "+44 2079");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypedDigits {
    pub(in crate::field::phone) calling_code: Option<u16>,
    pub(in crate::field::phone) digits: Digits<MAX_INPUT_DIGITS>,
}

impl TypedDigits {
    /// The calling code, when the number was typed with `+` or an international prefix
    /// (`00`, `011`…); `None` for a number typed in the country's national form.
    #[must_use]
    pub fn calling_code(&self) -> Option<u16> {
        self.calling_code
    }

    /// The digits typed, ASCII (Unicode digits read as ASCII): after the calling code
    /// when there is one ([`TypedDigits::calling_code`]), else all of them; the national
    /// prefix is kept (`"0801234"`).
    #[must_use]
    pub fn digits(&self) -> &str {
        self.digits.as_str()
    }
}

impl fmt::Display for TypedDigits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.calling_code {
            Some(code) if self.digits.as_bytes().is_empty() => write!(f, "+{code}"),
            Some(code) => write!(f, "+{code} {}", self.digits.as_str()),
            None => f.write_str(self.digits.as_str()),
        }
    }
}

impl fmt::Debug for TypedDigits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TypedDigits(\"{self}\")")
    }
}

/// Where a number was read for ([`PhoneNormalizeError::Incomplete`] and the others): the
/// country given, or that of the calling code typed (its main region), or only the
/// calling code when that region is not an ISO 3166-1 country (Ascension Island, `+247`).
/// Displays as `Nigeria (NG)` or `+247`.
///
/// ```
/// use customer_core::{Country, PhoneNumber, phone::{PhoneNormalizeError, PhonePlace}};
///
/// let ng = Country::parse("NG").unwrap();
/// let Err(PhoneNormalizeError::Incomplete { place, .. }) = PhoneNumber::normalize_typing("0801 234", ng) else {
///     panic!("incomplete expected");
/// };
/// assert_eq!(place, PhonePlace::Country(ng));
/// assert_eq!(place.to_string(), "Nigeria (NG)");
/// assert_eq!(PhonePlace::CallingCode(247).to_string(), "+247");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PhonePlace {
    /// An ISO 3166-1 country (or `XK`).
    Country(Country),
    /// A calling code whose region is not an ISO 3166-1 country (`247`, Ascension
    /// Island), or that has no region (non-geographic numbers, `800`).
    CallingCode(u16),
}

impl PhonePlace {
    /// The country, for [`PhonePlace::Country`].
    #[must_use]
    pub fn country(&self) -> Option<Country> {
        match self {
            PhonePlace::Country(c) => Some(*c),
            PhonePlace::CallingCode(_) => None,
        }
    }
}

impl fmt::Display for PhonePlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhonePlace::Country(c) => write!(f, "{} ({c})", c.name()),
            PhonePlace::CallingCode(code) => write!(f, "+{code}"),
        }
    }
}
