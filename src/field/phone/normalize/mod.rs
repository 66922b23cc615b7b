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

mod error;

pub(in crate::field::phone) use error::Digits;
pub use error::{PhoneNormalizeError, PhonePlace, ReadE164, TypedDigits};

use super::PhoneNumber;
use super::engine::{self, walk};
use super::reach::{self, Walk};
use super::tables::{Entity, GENERAL_MATCH, NO_PREFIX, PARSING, PREFIX_MATCH, Parsing};
use crate::field::country::Country;

/// The most characters `normalize` looks at.
const MAX_INPUT_CHARS: usize = 64;
/// The most digits in any accepted input (prefix, calling code, national number).
const MAX_INPUT_DIGITS: usize = 24;
/// libphonenumber's bounds on a national significant number.
const MIN_NSN: usize = 2;
const MAX_NSN: usize = 17;

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
    let e164 = read(input, country)?;
    // More than 15 digits is read (as libphonenumber does) and reported as not valid.
    valid_number(&e164).ok_or(PhoneNormalizeError::NotValid { e164 })
}

/// Whether `normalize` reads `input` as a valid number (without building it).
fn reads_valid(input: &str, country: Country) -> bool {
    read(input, country)
        .is_ok_and(|e164| e164_digits(&e164).is_some_and(|d| engine::lookup(d.as_str()).is_some()))
}

/// The number `normalize` reads `input` as, valid or not.
fn read(input: &str, country: Country) -> Result<ReadE164, PhoneNormalizeError> {
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
    Ok(ReadE164 {
        calling_code: code,
        national: Digits::new(national).ok_or(PhoneNormalizeError::TooLong)?,
    })
}

/// The valid number `e164` is, as [`PhoneNumber::parse`] reads its E.164 text (more than
/// [`super::MAX_DIGITS`] digits are not valid); allocates only for a valid number.
fn valid_number(e164: &ReadE164) -> Option<PhoneNumber> {
    PhoneNumber::from_digits(e164_digits(e164)?.as_str())
}

/// The E.164 digits of `e164`, when it has at most [`super::MAX_DIGITS`] and does not
/// start with 0 (as [`PhoneNumber::parse`] reads E.164; no calling code starts with 0).
fn e164_digits(e164: &ReadE164) -> Option<Digits<{ super::MAX_DIGITS }>> {
    let mut digits = Digits::<{ super::MAX_DIGITS }>::of_number(e164.calling_code)?;
    digits.extend(e164.national.as_bytes())?;
    (digits.as_bytes().first() != Some(&b'0')).then_some(digits)
}

/// Whether `national`'s length is one that numbers of the region have (libphonenumber
/// `testNumberLength` is `IS_POSSIBLE`; a region without lengths allows any).
fn possible_length(p: &Parsing, national: &[u8]) -> bool {
    p.lengths == 0
        || u32::try_from(national.len())
            .ok()
            .and_then(|l| p.lengths.checked_shr(l))
            .is_some_and(|b| b & 1 == 1)
}

/// The country an entity's numbers belong to, for messages: `Nigeria (NG)`, or `+247`.
fn place_of(entity: &Entity) -> PhonePlace {
    match entity.region {
        Some(r) if entity.iso => PhonePlace::Country(Country::from_phone_tables(r)),
        _ => PhonePlace::CallingCode(entity.calling_code),
    }
}

/// [`normalize`], with the precise reason when the input is not (yet) a valid number:
/// too short so far exactly when some continuation of the digits typed is read as a
/// valid number (in national form, after the national prefix, after the country's
/// calling code, after an international prefix or `+` and a calling code, complete or
/// not), else too long when every continuation of what was read is too long, else not a
/// number of the country; each showing what was read as typed.
pub(super) fn normalize_typing(
    input: &str,
    country: Country,
) -> Result<PhoneNumber, PhoneNormalizeError> {
    let err = match normalize(input, country) {
        Ok(phone) => return Ok(phone),
        Err(
            e @ (PhoneNormalizeError::NotValid { .. }
            | PhoneNormalizeError::TooShort
            | PhoneNormalizeError::UnknownCallingCode),
        ) => e,
        Err(e) => return Err(e),
    };
    let Ok((typed, plus)) = digits_of(input.trim()) else {
        return Err(err);
    };
    let more = continuation(typed.as_bytes(), plus, country);
    Err(explain(typed, plus, country, more).unwrap_or(match more {
        Some(_) => PhoneNormalizeError::IncompleteCallingCode,
        None => err,
    }))
}

/// Digits to append to what was typed.
type More = Digits<MAX_INPUT_DIGITS>;

/// The search for a continuation: `typed` (with `+` when `plus`) read in `country`.
struct Search<'a> {
    typed: &'a [u8],
    plus: bool,
    country: Country,
}

impl Search<'_> {
    /// Whether `normalize` reads the digits typed followed by `more` as a valid number.
    fn accepts(&self, more: &More) -> bool {
        let mut text = Digits::<{ 2 * MAX_INPUT_DIGITS + 1 }>::EMPTY;
        let built = (|| {
            if self.plus {
                text.push(b'+')?;
            }
            text.extend(self.typed)?;
            text.extend(more.as_bytes())
        })();
        built.is_some() && reads_valid(text.as_str(), self.country)
    }

    /// `lead` and then the fewest digits that complete `walk`, when `normalize` accepts
    /// the result.
    fn complete(&self, lead: &More, walk: Walk) -> Option<More> {
        let mut more = *lead;
        walk.shortest(&mut more)?;
        self.accepts(&more).then_some(more)
    }

    /// A continuation of `rest`, the digits typed of a national number of the calling
    /// code whose entities are `group` (`p`: the parsing data of its main region), after
    /// which `lead` is appended: the national significant number directly, or after a
    /// national prefix (complete, or still being typed).
    fn national(
        &self,
        group: &[Entity],
        p: Option<&Parsing>,
        rest: &[u8],
        lead: &More,
    ) -> Option<More> {
        let nsn = |digits: &[u8], lead: &More| {
            group
                .iter()
                .filter(|e| e.start != 0)
                .find_map(|e| self.complete(lead, Walk::over(e.start, digits)))
        };
        if let Some(more) = nsn(rest, lead) {
            return Some(more);
        }
        let np = p.map(|p| p.national_prefix).filter(|&s| s != NO_PREFIX)?;
        // A national prefix typed, then the national significant number.
        for end in 0..=rest.len() {
            let (Some(prefix), Some(after)) = (rest.get(..end), rest.get(end..)) else {
                break;
            };
            let w = Walk::over(np, prefix);
            if w.label() == PREFIX_MATCH
                && let Some(more) = nsn(after, lead)
            {
                return Some(more);
            }
            if !w.reach().live() {
                break;
            }
        }
        // A national prefix still being typed.
        let w = Walk::over(np, rest);
        if w.label() != PREFIX_MATCH && w.reach().live() {
            let mut with_prefix = *lead;
            w.shortest(&mut with_prefix)?;
            return nsn(b"", &with_prefix);
        }
        None
    }

    /// A continuation of `digits` typed after `+` or an international prefix (`lead`
    /// appended first): a calling code, complete or still being typed, then a national
    /// number.
    fn international(&self, digits: &[u8], lead: &More) -> Option<More> {
        if let Some((_, group, rest)) = engine::split(digits) {
            let p = main_entity(group).and_then(parsing_of);
            return self.national(group, p, rest, lead);
        }
        if digits.len() >= 3 {
            return None;
        }
        // Calling codes starting with the digits typed.
        (1..=999u16).find_map(|code| {
            let group = engine::entities_of(code);
            let main = main_entity(group)?;
            let code = Digits::<5>::of_number(code)?;
            let rest = code.as_bytes().strip_prefix(digits)?;
            let mut more = *lead;
            more.extend(rest)?;
            self.national(group, parsing_of(main), b"", &more)
        })
    }

    /// A continuation of what was typed.
    fn find(&self) -> Option<More> {
        let none = More::EMPTY;
        if self.plus {
            return self.international(self.typed, &none);
        }
        let entity = engine::entity_of(self.country.as_bytes())?;
        let p = parsing_of(entity)?;
        let group = engine::entities_of(entity.calling_code);
        // In national form (or with the national prefix).
        if let Some(more) = self.national(group, Some(p), self.typed, &none) {
            return Some(more);
        }
        // The country's calling code typed without `+`.
        let code = Digits::<5>::of_number(entity.calling_code)?;
        if let Some(rest) = self.typed.strip_prefix(code.as_bytes()) {
            if let Some(more) = self.national(group, Some(p), rest, &none) {
                return Some(more);
            }
        } else if let Some(rest) = code.as_bytes().strip_prefix(self.typed) {
            let mut lead = More::EMPTY;
            lead.extend(rest)?;
            if let Some(more) = self.national(group, Some(p), b"", &lead) {
                return Some(more);
            }
        }
        // After the international prefix (complete or still being typed).
        if p.idd == NO_PREFIX {
            return None;
        }
        for end in 1..=self.typed.len() {
            let (Some(prefix), Some(after)) = (self.typed.get(..end), self.typed.get(end..)) else {
                break;
            };
            let w = Walk::over(p.idd, prefix);
            if w.label() == PREFIX_MATCH
                && after.first() != Some(&b'0')
                && let Some(more) = self.international(after, &none)
            {
                return Some(more);
            }
            if !w.reach().live() {
                break;
            }
        }
        let w = Walk::over(p.idd, self.typed);
        if w.label() != PREFIX_MATCH && w.reach().live() {
            let mut lead = More::EMPTY;
            w.shortest(&mut lead)?;
            return self.international(b"", &lead);
        }
        None
    }
}

/// Digits that, typed after `typed`, make `normalize` read a valid number: the fewest
/// the automata find for some reading of what was typed, checked by normalizing.
fn continuation(typed: &[u8], plus: bool, country: Country) -> Option<More> {
    Search {
        typed,
        plus,
        country,
    }
    .find()
}

/// The most digits a national significant number starting with `nsn` has in one of the
/// `group`'s entities, when no continuation of `nsn` is valid there because every one is
/// too long (some entity reads a prefix of `nsn` and all its numbers end sooner).
fn too_long(group: &[Entity], nsn: &[u8]) -> Option<usize> {
    let mut longest = None;
    for e in group.iter().filter(|e| e.start != 0) {
        let (live, walk) = reach::live_prefix(e.start, nsn);
        match walk.reach().max() {
            Some(more) => {
                let max = live.saturating_add(more);
                if max >= nsn.len() {
                    // A digit no number there has at that place, not too many.
                    return None;
                }
                longest = longest.max(Some(max));
            }
            None if walk.reach().live() => return None,
            None => {}
        }
    }
    longest
}

/// The precise reason for digits `normalize` read but found not valid (or too short),
/// given the continuation found (if any), or `None` when no national number was read (a
/// calling code not complete or not assigned).
fn explain(
    typed: Digits<MAX_INPUT_DIGITS>,
    plus: bool,
    country: Country,
    more: Option<More>,
) -> Option<PhoneNormalizeError> {
    let digits = typed.as_bytes();
    if digits.is_empty() && plus {
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
    if let Some(more) = more {
        return Some(PhoneNormalizeError::Incomplete {
            read,
            place,
            digits,
            min: digits.saturating_add(more.as_bytes().len()),
        });
    }
    let group = engine::entities_of(entity.calling_code);
    if let Some(max) = too_long(group, counted) {
        return Some(PhoneNormalizeError::TooLongFor {
            read,
            place,
            digits,
            max,
        });
    }
    Some(PhoneNormalizeError::NotOfCountry {
        read,
        place,
        possible_length: possible_length(p, counted),
    })
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
mod tests;
