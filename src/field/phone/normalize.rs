//! The form helper: a number as a person types it, with their country, to E.164.
//!
//! This follows libphonenumber's `parse` for the common cases, on the same generated
//! tables as the engine:
//! - a leading `+` (or `＋`): the calling code follows (`maybeExtractCountryCode`);
//! - else the country's international dialling prefix (`00`, `011`, `810`…), when the
//!   next digit is not 0 (`parsePrefixAsIdd`), then the calling code;
//! - else a national number, possibly starting with the country's own calling code
//!   (`+234` typed without the `+`), kept only when libphonenumber would keep it;
//! - then the national prefix (`0`, `1`, `8`…) is stripped
//!   (`maybeStripNationalPrefixAndCarrierCode`) when the rest still matches the general
//!   pattern and has a possible length (`testNumberLength`).
//!
//! Not covered: vanity letters (`1-800-FLOWERS`), extensions, `tel:` URIs, text around
//! the number, and the carrier-code transform rules of a few regions (AR, BR, MX…: their
//! plain national prefix is stripped instead).

use std::fmt;

use super::PhoneNumber;
use super::engine::{self, walk};
use super::tables::{Entity, GENERAL_MATCH, NO_PREFIX, PARSING, PREFIX_MATCH, Parsing};
use crate::error::{Coded, ErrorCode};
use crate::field::country::Country;

/// The most characters `normalize` looks at.
const MAX_INPUT_CHARS: usize = 64;
/// The most digits in any accepted input (prefix, calling code, national number).
const MAX_INPUT_DIGITS: usize = 24;
/// libphonenumber's bounds on a national significant number.
const MIN_NSN: usize = 2;
const MAX_NSN: usize = 17;

/// Why [`PhoneNumber::normalize`] could not turn input into a valid E.164 number.
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
    /// [`PhoneNumber::normalize_typing`].
    #[error("is too short so far for {place}: read as {read} ({digits} digits, at least {min})")]
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
    /// (`invalid_phone_number`). Only from [`PhoneNumber::normalize_typing`].
    #[error("is too long for {place}: read as {read} ({digits} digits, at most {max})")]
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
    /// valid) (`invalid_phone_number`). Only from [`PhoneNumber::normalize_typing`].
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

/// At most `N` ASCII digits, held inline (no allocation). Bytes past `len` stay 0
/// (digits are only ever appended), so the derived comparisons compare the digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Digits<const N: usize> {
    bytes: [u8; N],
    len: u8,
}

impl<const N: usize> Digits<N> {
    /// No digits.
    const EMPTY: Digits<N> = Digits {
        bytes: [0; N],
        len: 0,
    };

    /// `digits` (ASCII digits), or `None` when there are more than `N`.
    fn new(digits: &[u8]) -> Option<Digits<N>> {
        let mut held = Digits::EMPTY;
        held.bytes.get_mut(..digits.len())?.copy_from_slice(digits);
        held.len = u8::try_from(digits.len()).ok()?;
        Some(held)
    }

    /// The decimal digits of `n`.
    fn of_number(mut n: u16) -> Option<Digits<N>> {
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
    fn push(&mut self, digit: u8) -> Option<()> {
        *self.bytes.get_mut(usize::from(self.len))? = digit;
        self.len = self.len.checked_add(1)?;
        Some(())
    }

    /// Appends `digits`, or `None` when they do not fit.
    fn extend(&mut self, digits: &[u8]) -> Option<()> {
        digits.iter().try_for_each(|&d| self.push(d))
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    fn as_str(&self) -> &str {
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
    calling_code: u16,
    national: Digits<MAX_NSN>,
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
    calling_code: Option<u16>,
    digits: Digits<MAX_INPUT_DIGITS>,
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
        if let Some(code) = self.calling_code {
            write!(f, "+{code} ")?;
        }
        f.write_str(self.digits.as_str())
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

/// The ASCII digit of a decimal digit libphonenumber normalizes (ASCII, fullwidth,
/// Arabic-Indic, Extended Arabic-Indic).
fn digit(c: char) -> Option<u8> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        _ => return None,
    };
    let d = u32::from(c).checked_sub(u32::from(zero))?;
    u8::try_from(d).ok().and_then(|d| b'0'.checked_add(d))
}

/// Separators people type between digit groups (libphonenumber's VALID_PUNCTUATION).
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{3000}' | '-' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{30FC}'
                | '\u{FF0D}'
                | '.'
                | '\u{FF0E}'
                | '('
                | ')'
                | '\u{FF08}'
                | '\u{FF09}'
                | '['
                | ']'
                | '\u{FF3B}'
                | '\u{FF3D}'
                | '/'
                | '\u{FF0F}'
                | '~'
                | '\u{2053}'
                | '\u{223C}'
                | '\u{FF5E}'
    )
}

/// The digits of `input` (ASCII) and whether it starts with `+`.
fn digits_of(input: &str) -> Result<(Digits<MAX_INPUT_DIGITS>, bool), PhoneNormalizeError> {
    let mut digits = Digits::EMPTY;
    let mut plus = false;
    for (i, c) in input.chars().enumerate() {
        let position = i.saturating_add(1);
        if position > MAX_INPUT_CHARS {
            return Err(PhoneNormalizeError::TooLong);
        }
        if let Some(d) = digit(c) {
            digits.push(d).ok_or(PhoneNormalizeError::TooLong)?;
        } else if c == '+' || c == '\u{FF0B}' {
            if digits.len > 0 || plus {
                return Err(PhoneNormalizeError::MisplacedPlus { position });
            }
            plus = true;
        } else if !is_punctuation(c) {
            return Err(PhoneNormalizeError::InvalidCharacter { found: c, position });
        }
    }
    Ok((digits, plus))
}

fn parsing_of(entity: &Entity) -> Option<&'static Parsing> {
    PARSING.get(usize::from(entity.parsing))
}

/// The end of the longest prefix of `digits` that the prefix DFA at `start` matches.
fn longest_prefix(start: u16, digits: &[u8]) -> Option<usize> {
    if start == NO_PREFIX {
        return None;
    }
    (0..=digits.len()).rev().find(|&end| {
        digits
            .get(..end)
            .is_some_and(|p| walk(start, p) == PREFIX_MATCH)
    })
}

/// libphonenumber `matchNationalNumber` against the general description.
fn general_match(p: &Parsing, national: &[u8]) -> bool {
    walk(p.general, national) == GENERAL_MATCH
}

/// libphonenumber `testNumberLength` (type UNKNOWN): true unless the result is
/// TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY or INVALID_LENGTH.
fn length_acceptable(p: &Parsing, national: &[u8]) -> bool {
    let len = national.len();
    let bit = |bits: u32| {
        u32::try_from(len)
            .ok()
            .and_then(|l| bits.checked_shr(l))
            .is_some_and(|b| b & 1 == 1)
    };
    if bit(p.local_lengths) {
        return false;
    }
    let min = p.lengths.trailing_zeros();
    let max = 31u32.saturating_sub(p.lengths.leading_zeros());
    let len = u32::try_from(len).unwrap_or(u32::MAX);
    if p.lengths == 0 || len < min {
        return false;
    }
    len > max || bit(p.lengths)
}

/// libphonenumber `maybeStripNationalPrefixAndCarrierCode`: the number with its national
/// prefix stripped, or `None` when nothing is stripped.
fn strip_national_prefix<'a>(p: &Parsing, national: &'a [u8]) -> Option<&'a [u8]> {
    let end = longest_prefix(p.national_prefix, national)?;
    let rest = national.get(end..)?;
    if general_match(p, national) && !general_match(p, rest) {
        return None;
    }
    Some(rest)
}

/// The national prefix stripping of libphonenumber's `parseHelper`: kept only when the
/// rest has an acceptable length.
fn national_significant<'a>(entity: &Entity, national: &'a [u8]) -> &'a [u8] {
    let Some(p) = parsing_of(entity) else {
        return national;
    };
    match strip_national_prefix(p, national) {
        Some(rest) if length_acceptable(p, rest) => rest,
        _ => national,
    }
}

/// The main entity of a calling code (its geographic main region, or non-geographic).
fn main_entity(entities: &'static [Entity]) -> Option<&'static Entity> {
    entities.first()
}

/// `+` or international prefix: the calling code, then the national number.
fn international(digits: &[u8]) -> Result<(u16, &[u8]), PhoneNormalizeError> {
    let (code, entities, national) =
        engine::split(digits).ok_or(PhoneNormalizeError::UnknownCallingCode)?;
    let national = match main_entity(entities) {
        Some(e) => national_significant(e, national),
        None => national,
    };
    Ok((code, national))
}

/// libphonenumber `parse(input, country)` for the common cases, as a valid number.
pub(super) fn normalize(input: &str, country: Country) -> Result<PhoneNumber, PhoneNormalizeError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(PhoneNormalizeError::Empty);
    }
    let (digits, plus) = digits_of(input)?;
    let digits = digits.as_bytes();
    if digits.is_empty() {
        return Err(PhoneNormalizeError::TooShort);
    }
    let (code, national) = if plus {
        international(digits)?
    } else {
        let entity = engine::entity_of(country.as_bytes())
            .ok_or(PhoneNormalizeError::NoNumberingPlan { country })?;
        let p = parsing_of(entity).ok_or(PhoneNormalizeError::NoNumberingPlan { country })?;
        match longest_prefix(p.idd, digits) {
            // parsePrefixAsIdd: a calling code never starts with 0.
            Some(end) if end > 0 && digits.get(end) != Some(&b'0') => {
                international(digits.get(end..).unwrap_or_default())?
            }
            _ => (entity.calling_code, national_number(entity, p, digits)),
        }
    };
    if national.len() < MIN_NSN {
        return Err(PhoneNormalizeError::TooShort);
    }
    if national.len() > MAX_NSN {
        return Err(PhoneNormalizeError::TooLong);
    }
    let e164 = ReadE164 {
        calling_code: code,
        national: Digits::new(national).ok_or(PhoneNormalizeError::TooLong)?,
    };
    // More than 15 digits is read (as libphonenumber does) and reported as not valid.
    valid_number(&e164).ok_or(PhoneNormalizeError::NotValid { e164 })
}

/// The valid number `e164` is, as [`PhoneNumber::parse`] reads its E.164 text (more than
/// [`super::MAX_DIGITS`] digits are not valid); allocates only for a valid number.
fn valid_number(e164: &ReadE164) -> Option<PhoneNumber> {
    let mut digits = Digits::<{ super::MAX_DIGITS }>::of_number(e164.calling_code)?;
    digits.extend(e164.national.as_bytes())?;
    // As parse: E.164 digits do not start with 0 (no calling code does).
    if digits.as_bytes().first() == Some(&b'0') {
        return None;
    }
    PhoneNumber::from_digits(digits.as_str())
}

/// libphonenumber's `ValidationResult` of `isPossibleNumberWithReason` for a number that
/// is not valid (`IS_POSSIBLE_LOCAL_ONLY` is `TooShort` when shorter than every full
/// length, as it is in every region today, else `InvalidLength`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Possibility {
    TooShort { min: usize },
    TooLong { max: usize },
    InvalidLength,
    Possible,
}

/// libphonenumber `testNumberLength` (type UNKNOWN) on the general description's lengths.
fn possibility(p: &Parsing, national: &[u8]) -> Possibility {
    let len = national.len();
    let min = p.lengths.trailing_zeros() as usize;
    let max = 31usize.saturating_sub(p.lengths.leading_zeros() as usize);
    let has = |bits: u32| {
        u32::try_from(len)
            .ok()
            .and_then(|l| bits.checked_shr(l))
            .is_some_and(|b| b & 1 == 1)
    };
    if p.lengths == 0 {
        return Possibility::Possible;
    }
    if len < min {
        Possibility::TooShort { min }
    } else if len > max {
        Possibility::TooLong { max }
    } else if has(p.lengths) {
        Possibility::Possible
    } else {
        Possibility::InvalidLength
    }
}

/// The country an entity's numbers belong to, for messages: `Nigeria (NG)`, or `+247`.
fn place_of(entity: &Entity) -> PhonePlace {
    match entity.region {
        Some(r) if entity.iso => PhonePlace::Country(Country::from_phone_tables(r)),
        _ => PhonePlace::CallingCode(entity.calling_code),
    }
}

/// [`normalize`], with the precise reason when the input is not (yet) a valid number: too
/// short so far, too long, or not a number of the country, each showing what was read
/// as typed (libphonenumber `isPossibleNumberWithReason` on the number as `parse` read
/// it, against the region of its calling code).
pub(super) fn normalize_typing(
    input: &str,
    country: Country,
) -> Result<PhoneNumber, PhoneNormalizeError> {
    let err = match normalize(input, country) {
        Ok(phone) => return Ok(phone),
        Err(e @ (PhoneNormalizeError::NotValid { .. } | PhoneNormalizeError::TooShort)) => e,
        Err(e) => return Err(e),
    };
    explain(input.trim(), country).unwrap_or(Err(err))
}

/// The precise reason for an input `normalize` read but found not valid (or too short),
/// or `None` when there is nothing more precise to say.
fn explain(input: &str, country: Country) -> Option<Result<PhoneNumber, PhoneNormalizeError>> {
    let (typed, plus) = digits_of(input).ok()?;
    let digits = typed.as_bytes();
    if digits.is_empty() {
        return None;
    }
    let home = engine::entity_of(country.as_bytes());
    // After `+` or the international prefix: the calling code, then the national number.
    fn international(digits: &[u8]) -> Option<(&'static Entity, &[u8], TypedDigits)> {
        let (_, entities, national) = engine::split(digits)?;
        let entity = main_entity(entities)?;
        let read = TypedDigits {
            calling_code: Some(entity.calling_code),
            digits: Digits::new(national)?,
        };
        Some((entity, national, read))
    }
    // The national number before its national prefix is stripped.
    let (entity, national, read) = if plus {
        international(digits)?
    } else {
        let entity = home?;
        let p = parsing_of(entity)?;
        if let Some(end) = longest_prefix(p.idd, digits)
            && end > 0
            && digits.get(end) != Some(&b'0')
        {
            // Dialled with the international prefix: the calling code follows.
            international(digits.get(end..)?)?
        } else {
            let read = TypedDigits {
                calling_code: None,
                digits: typed,
            };
            (entity, without_calling_code(entity, p, digits), read)
        }
    };
    let p = parsing_of(entity)?;
    // Count the national significant number, without the national prefix even where
    // `parse` kept it because the rest was too short.
    let counted = strip_national_prefix(p, national).unwrap_or(national);
    let place = place_of(entity);
    let digits = counted.len();
    Some(Err(match possibility(p, counted) {
        Possibility::TooShort { min } => PhoneNormalizeError::Incomplete {
            read,
            place,
            digits,
            min,
        },
        Possibility::TooLong { max } => PhoneNormalizeError::TooLongFor {
            read,
            place,
            digits,
            max,
        },
        Possibility::InvalidLength => PhoneNormalizeError::NotOfCountry {
            read,
            place,
            possible_length: false,
        },
        Possibility::Possible => {
            // A possible length: normalize read a number of another length or found it
            // not valid; either way it is not a number there.
            PhoneNormalizeError::NotOfCountry {
                read,
                place,
                possible_length: true,
            }
        }
    }))
}

/// A number without `+` or international prefix, read in `entity`'s country: its
/// calling code may have been typed without `+` (libphonenumber `maybeExtractCountryCode`,
/// default-region branch), then the national prefix is stripped.
fn national_number<'a>(entity: &Entity, p: &Parsing, digits: &'a [u8]) -> &'a [u8] {
    national_significant(entity, without_calling_code(entity, p, digits))
}

/// A national number with the country's calling code removed when it was typed without
/// `+` and libphonenumber would remove it (before the national prefix is stripped).
fn without_calling_code<'a>(entity: &Entity, p: &Parsing, digits: &'a [u8]) -> &'a [u8] {
    let code = Digits::<5>::of_number(entity.calling_code).unwrap_or(Digits::EMPTY);
    match digits
        .strip_prefix(code.as_bytes())
        .filter(|_| !code.as_bytes().is_empty())
    {
        Some(rest) => {
            let potential = strip_national_prefix(p, rest).unwrap_or(rest);
            let too_long = {
                let len = u32::try_from(digits.len()).unwrap_or(u32::MAX);
                let max = 31u32.saturating_sub(p.lengths.leading_zeros());
                !length_local_only(p, digits) && p.lengths != 0 && len > max
            };
            if (!general_match(p, digits) && general_match(p, potential)) || too_long {
                potential
            } else {
                digits
            }
        }
        None => digits,
    }
}

/// True when `national`'s length is possible only for local dialling.
fn length_local_only(p: &Parsing, national: &[u8]) -> bool {
    u32::try_from(national.len())
        .ok()
        .and_then(|l| p.local_lengths.checked_shr(l))
        .is_some_and(|b| b & 1 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(s: &str) -> Country {
        Country::parse(s).unwrap()
    }

    fn typed(calling_code: Option<u16>, digits: &str) -> TypedDigits {
        TypedDigits {
            calling_code,
            digits: Digits::new(digits.as_bytes()).unwrap(),
        }
    }

    fn read_e164(calling_code: u16, national: &str) -> ReadE164 {
        ReadE164 {
            calling_code,
            national: Digits::new(national.as_bytes()).unwrap(),
        }
    }

    #[test]
    fn inline_digits() {
        assert_eq!(Digits::<5>::of_number(0).unwrap().as_str(), "0");
        assert_eq!(Digits::<5>::of_number(65535).unwrap().as_str(), "65535");
        assert!(Digits::<3>::of_number(1234).is_none());
        assert!(Digits::<3>::new(b"1234").is_none());
        let mut d = Digits::<3>::new(b"12").unwrap();
        assert_eq!(d.push(b'3'), Some(()));
        assert_eq!(d.push(b'4'), None);
        assert_eq!(d.as_str(), "123");
        assert_eq!(read_e164(234, "0801234").to_string(), "+2340801234");
        assert_eq!(
            format!("{:?}", read_e164(234, "0801234")),
            "ReadE164(\"+2340801234\")"
        );
        assert_eq!(typed(Some(44), "2079").to_string(), "+44 2079");
        assert_eq!(typed(None, "0801234").to_string(), "0801234");
        assert_eq!(
            format!("{:?}", typed(Some(44), "2079")),
            "TypedDigits(\"+44 2079\")"
        );
        assert_eq!(PhonePlace::CallingCode(247).to_string(), "+247");
        assert_eq!(
            PhonePlace::Country(country("NG")).country(),
            Some(country("NG"))
        );
        assert_eq!(PhonePlace::CallingCode(800).country(), None);
    }

    #[track_caller]
    fn ok(input: &str, c: &str, want: &str) {
        match normalize(input, country(c)) {
            Ok(p) => assert_eq!(p.as_str(), want, "{input:?} in {c}"),
            Err(e) => panic!("{input:?} in {c}: {e}"),
        }
    }

    #[test]
    fn the_issue_cases() {
        ok("0801 234 5678", "NG", "+2348012345678");
        ok("(416) 555-0123", "CA", "+14165550123");
        // Nigeria's international prefix is 009: there, `00 44…` is a national number.
        ok("009 44 20 7946 0000", "NG", "+442079460000");
        assert_eq!(
            normalize("00 44 20 7946 0000", country("NG")),
            Err(PhoneNormalizeError::NotValid {
                e164: read_e164(234, "0442079460000")
            })
        );
        ok("00 44 20 7946 0000", "FR", "+442079460000");
        ok("011 44 20 7946 0000", "US", "+442079460000");
        ok("+44 (0)20 7946 0000", "US", "+442079460000");
        ok("+2348012345678", "US", "+2348012345678");
        ok("234 801 234 5678", "NG", "+2348012345678");
        ok("02 1234 5678", "IT", "+390212345678");
        ok("07911 123456", "GG", "+447911123456");
        ok("８０１２３４５６７８", "NG", "+2348012345678");
    }

    proptest::proptest! {
        /// Any input: no panic; a result is valid, and normalizing its E.164 form (in any
        /// country) gives it back.
        #[test]
        fn any_input(input in "[+０-９0-9 ()./~-]{0,30}|\\PC{0,40}", c in 0usize..245) {
            let country = super::super::tables::REGIONS
                .iter()
                .filter_map(|&(r, _)| Country::from_bytes(r))
                .nth(c % 243)
                .unwrap();
            if let Ok(phone) = normalize(&input, country) {
                let again = PhoneNumber::parse(phone.as_str()).unwrap();
                proptest::prop_assert_eq!(&again, &phone);
                proptest::prop_assert_eq!(normalize(phone.as_str(), country).unwrap(), phone);
            }
        }

        /// E.164 input read as typed: the same number, whatever the country.
        #[test]
        fn e164_is_kept(digits in "[1-9][0-9]{1,14}", c in 0usize..245) {
            let country = super::super::tables::REGIONS
                .iter()
                .filter_map(|&(r, _)| Country::from_bytes(r))
                .nth(c % 243)
                .unwrap();
            let e164 = format!("+{digits}");
            // normalize may strip a national prefix after `+` (`+44 0…`), as
            // libphonenumber's parse does: only then may the result differ.
            let stripped = |got: &str| got != e164 && got.len() < e164.len();
            match (PhoneNumber::parse(&e164), normalize(&e164, country)) {
                (Ok(a), Ok(b)) => proptest::prop_assert!(a == b || stripped(b.as_str())),
                (Ok(a), Err(PhoneNormalizeError::NotValid { e164: got })) => {
                    proptest::prop_assert!(stripped(&got.to_string()), "{a:?} read as {got}")
                }
                (Ok(a), Err(e)) => proptest::prop_assert!(false, "{a:?}: {e}"),
                (Err(_), Ok(b)) => proptest::prop_assert!(stripped(b.as_str())),
                (Err(_), Err(_)) => {}
            }
        }
    }

    #[track_caller]
    fn typing(input: &str, c: &str) -> PhoneNormalizeError {
        normalize_typing(input, country(c)).unwrap_err()
    }

    #[test]
    fn typing_tells_too_short_too_long_and_not_of_country_apart() {
        // Still being typed: the national prefix is not counted, and what was typed is shown.
        assert_eq!(
            typing("0801 234", "NG"),
            PhoneNormalizeError::Incomplete {
                read: typed(None, "0801234"),
                place: PhonePlace::Country(country("NG")),
                digits: 6,
                min: 10,
            }
        );
        assert_eq!(
            typing("0", "NG").to_string(),
            "is too short so far for Nigeria (NG): read as 0 (0 digits, at least 10)"
        );
        assert_eq!(
            typing("+44 20 79", "NG").to_string(),
            "is too short so far for United Kingdom of Great Britain and Northern Ireland (GB): \
             read as +44 2079 (4 digits, at least 7)"
        );
        // A region that is not an ISO country: only its calling code.
        let e = typing("+247 1", "NG");
        assert!(
            matches!(
                e,
                PhoneNormalizeError::Incomplete {
                    place: PhonePlace::CallingCode(247),
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "is too short so far for +247: read as +247 1 (1 digits, at least 5)"
        );
        assert!(matches!(
            typing("011 44 20", "US"),
            PhoneNormalizeError::Incomplete { digits: 2, .. }
        ));
        // Too long for the country.
        assert_eq!(
            typing("0801 234 5678 12345", "NG"),
            PhoneNormalizeError::TooLongFor {
                read: typed(None, "0801234567812345"),
                place: PhonePlace::Country(country("NG")),
                digits: 15,
                max: 14,
            }
        );
        // A possible length, but no number of the country: not a number there.
        let e = typing("0101 234 5678", "NG");
        assert!(
            matches!(
                e,
                PhoneNormalizeError::NotOfCountry {
                    possible_length: true,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "is not a number of Nigeria (NG): read as 01012345678"
        );
        // A length between the shortest and longest that no number there has (Canada's
        // numbers have 7 (local only) or 10 digits).
        let e = typing("(416) 555-012", "CA");
        assert!(
            matches!(
                e,
                PhoneNormalizeError::NotOfCountry {
                    possible_length: false,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "is not a number of Canada (CA): read as 416555012 (no number there has that many digits)"
        );
        assert!(matches!(
            typing("(416) 55", "CA"),
            PhoneNormalizeError::Incomplete {
                digits: 5,
                min: 7,
                ..
            }
        ));
        let e = typing("+1 416 555 01234", "CA");
        assert!(
            matches!(e, PhoneNormalizeError::TooLongFor { max: 10, .. }),
            "{e:?}"
        );
        for e in [
            typing("0801 234", "NG"),
            typing("0801 234 5678 12345", "NG"),
        ] {
            assert_eq!(e.code(), ErrorCode::InvalidPhoneNumber);
        }
        // What is not a phone number at all keeps normalize's errors.
        assert_eq!(
            typing("0801+234", "NG"),
            PhoneNormalizeError::MisplacedPlus { position: 5 }
        );
        assert_eq!(
            typing("+999 1", "NG"),
            PhoneNormalizeError::UnknownCallingCode
        );
        assert_eq!(typing("  ", "NG"), PhoneNormalizeError::Empty);
        assert_eq!(typing("+", "NG"), PhoneNormalizeError::TooShort);
    }

    proptest::proptest! {
        /// normalize_typing is normalize, with more precise reasons only where normalize
        /// says not valid or too short.
        #[test]
        fn typing_refines_normalize(input in "[+0-9 ()-]{0,24}", c in 0usize..245) {
            let country = super::super::tables::REGIONS
                .iter()
                .filter_map(|&(r, _)| Country::from_bytes(r))
                .nth(c % 243)
                .unwrap();
            match (normalize(&input, country), normalize_typing(&input, country)) {
                (Ok(a), Ok(b)) => proptest::prop_assert_eq!(a, b),
                (Err(a @ (PhoneNormalizeError::NotValid { .. } | PhoneNormalizeError::TooShort)), Err(b)) => {
                    proptest::prop_assert!(b == a || b.code() == ErrorCode::InvalidPhoneNumber, "{a:?} vs {b:?}");
                }
                (Err(a), Err(b)) => proptest::prop_assert_eq!(a, b),
                (a, b) => proptest::prop_assert!(false, "{a:?} vs {b:?}"),
            }
        }
    }

    #[test]
    fn precise_errors() {
        let err = |input: &str, c: &str| normalize(input, country(c)).unwrap_err();
        assert_eq!(err("  ", "NG"), PhoneNormalizeError::Empty);
        assert_eq!(
            err("0801 234 5678 ext 5", "NG").to_string(),
            "may contain only digits, a leading `+`, spaces and ( ) - . /; found 'e' (U+0065) at position 15"
        );
        assert_eq!(
            err("0801+234", "NG"),
            PhoneNormalizeError::MisplacedPlus { position: 5 }
        );
        assert_eq!(
            err("+999 123 456", "NG"),
            PhoneNormalizeError::UnknownCallingCode
        );
        assert_eq!(err("0", "NG"), PhoneNormalizeError::TooShort);
        // The national prefix stays when the rest is too short (libphonenumber does so).
        assert_eq!(
            err("0801 234", "NG"),
            PhoneNormalizeError::NotValid {
                e164: read_e164(234, "0801234")
            }
        );
        assert_eq!(err("0801 234", "NG").code(), ErrorCode::InvalidPhoneNumber);
        assert_eq!(
            err("1".repeat(30).as_str(), "NG"),
            PhoneNormalizeError::TooLong
        );
    }
}
