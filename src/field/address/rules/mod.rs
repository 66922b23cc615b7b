//! What Google's address data says about a country, read from the generated tables:
//! its postal-code automaton, its subdivisions and their names, its required parts and
//! its format. Everything is static data: no initialisation, no allocation to look up.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use super::tables::{
    ACCEPT, AREA_KINDS, COUNTRIES, NAMES, PARTS, POSTAL_KINDS, Rules, SUBDIVISIONS, Span, Sub,
    TEXT, TRANSITIONS,
};
use crate::field::country::Country;

pub use super::tables::DATA_VERSION;

/// The longest postal code the rules read, in bytes (the data's longest is 10).
pub(crate) const MAX_POSTAL_BYTES: usize = 16;

/// The string of a span of the tables' text.
fn text(span: Span) -> &'static str {
    let start = (span >> 10) as usize;
    let len = (span & 0x3ff) as usize;
    start
        .checked_add(len)
        .and_then(|end| TEXT.get(start..end))
        .unwrap_or("")
}

/// The bit of an address part (`'S'`, `'Z'`…) in the tables' masks.
fn part(letter: char) -> u8 {
    PARTS.find(letter).map_or(0, |i| 1u8 << (i & 7))
}

/// The alphabet symbol of an upper-cased postal-code byte (the generator's alphabet).
#[inline]
fn symbol(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b.wrapping_sub(b'0')),
        b'A'..=b'Z' => Some(b.wrapping_sub(b'A').wrapping_add(10)),
        b' ' => Some(36),
        b'-' => Some(37),
        _ => None,
    }
}

/// One symbol from `state`: its tens digit, then its units digit (0: dead).
#[inline]
fn step(state: u16, b: u8) -> u16 {
    let Some(sym) = symbol(b) else {
        return 0;
    };
    let half = |s: u16, d: u8| -> u16 {
        TRANSITIONS
            .get(usize::from(s))
            .and_then(|row| row.get(usize::from(d)))
            .copied()
            .unwrap_or(0)
    };
    match half(state, sym / 10) {
        0 => 0,
        mid => half(mid, sym % 10),
    }
}

/// Walks `bytes` from `start`; the state reached (0: dead).
#[inline]
fn walk(start: u16, bytes: &[u8]) -> u16 {
    let mut state = start;
    for &b in bytes {
        if state == 0 {
            return 0;
        }
        state = step(state, b);
    }
    state
}

/// A postal code (or a prefix) has matched in `state`.
#[inline]
fn accepts(state: u16) -> bool {
    let s = usize::from(state);
    ACCEPT
        .get(s / 64)
        .is_some_and(|bits| (bits >> (s % 64)) & 1 == 1)
}

/// Where a postal code stands against its country's format: what a form shows as the
/// person types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PostalCodeStatus {
    /// A postal code of the country.
    Valid,
    /// Not yet: more characters can make it one (`9501` in the US).
    Incomplete,
    /// No continuation makes it a postal code of the country.
    Invalid,
    /// The data has no postal-code format for the country: anything is accepted.
    Unchecked,
}

/// A postal code as typed, upper-cased with runs of whitespace as one space, in a
/// fixed buffer (`None`: longer than [`MAX_POSTAL_BYTES`] or not ASCII).
struct Typed {
    bytes: [u8; MAX_POSTAL_BYTES],
    len: usize,
}

impl Typed {
    fn new(input: &str) -> Option<Typed> {
        let mut t = Typed {
            bytes: [0; MAX_POSTAL_BYTES],
            len: 0,
        };
        let mut space = false;
        for b in input.trim().bytes() {
            if !b.is_ascii() {
                return None;
            }
            if b.is_ascii_whitespace() {
                space = true;
                continue;
            }
            if space {
                t.push(b' ')?;
                space = false;
            }
            t.push(b.to_ascii_uppercase())?;
        }
        Some(t)
    }

    fn push(&mut self, b: u8) -> Option<()> {
        *self.bytes.get_mut(self.len)? = b;
        self.len = self.len.checked_add(1)?;
        Some(())
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

/// A country's address rules, from Google's address data.
///
/// ```
/// use customer_core::Country;
/// use customer_core::address::{CountryRules, PostalCodeStatus};
///
/// let us = CountryRules::of(Country::parse("US").unwrap()).unwrap();
/// assert_eq!(us.postal_code_name(), "ZIP code");
/// assert_eq!(us.postal_code_status("9501"), PostalCodeStatus::Incomplete);
/// assert_eq!(us.postal_code_status("95014"), PostalCodeStatus::Valid);
/// assert_eq!(us.postal_code_status("9501A"), PostalCodeStatus::Invalid);
///
/// let gb = CountryRules::of(Country::parse("GB").unwrap()).unwrap();
/// assert_eq!(gb.normalize_postal_code("sw1a1aa").as_deref(), Some("SW1A 1AA"));
///
/// let ca = CountryRules::of(Country::parse("CA").unwrap()).unwrap();
/// let on = ca.subdivision("ontario").unwrap();
/// assert_eq!((on.code(), on.name()), ("ON", "Ontario"));
/// assert_eq!(ca.subdivision("Québec"), ca.subdivision("quebec"));
/// ```
#[derive(Clone, Copy)]
pub struct CountryRules {
    rules: &'static Rules,
    country: Country,
}

impl fmt::Debug for CountryRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryRules({})", self.country.as_str())
    }
}

impl PartialEq for CountryRules {
    fn eq(&self, other: &Self) -> bool {
        self.country == other.country
    }
}

impl Eq for CountryRules {}

impl CountryRules {
    /// The rules of `country`, `None` when the data has none (it covers 252 regions:
    /// every inhabited ISO 3166-1 country and a few territories).
    #[must_use]
    pub fn of(country: Country) -> Option<CountryRules> {
        let code = country.as_bytes();
        let at = COUNTRIES.binary_search_by(|r| r.code.cmp(&code)).ok()?;
        Some(CountryRules {
            rules: COUNTRIES.get(at)?,
            country,
        })
    }

    /// The country.
    #[must_use]
    pub fn country(&self) -> Country {
        self.country
    }

    /// What the country calls a postal code: `"ZIP code"`, `"PIN code"`, `"Eircode"` or
    /// `"postal code"`.
    #[must_use]
    pub fn postal_code_name(&self) -> &'static str {
        POSTAL_KINDS
            .get(usize::from(self.rules.postal_kind))
            .copied()
            .unwrap_or("postal code")
    }

    /// What the country calls its subdivisions: `"state"`, `"province"`, `"prefecture"`…
    #[must_use]
    pub fn subdivision_name(&self) -> &'static str {
        AREA_KINDS
            .get(usize::from(self.rules.area_kind))
            .copied()
            .unwrap_or("province")
    }

    /// The country's addresses must have a state (its subdivision).
    #[must_use]
    pub fn requires_state(&self) -> bool {
        self.rules.require & part('S') != 0
    }

    /// The country's addresses must have a postal code.
    #[must_use]
    pub fn requires_postal_code(&self) -> bool {
        self.rules.require & part('Z') != 0
    }

    /// The country's addresses have a state (its format has one).
    #[must_use]
    pub fn has_state(&self) -> bool {
        self.rules.allowed & part('S') != 0
    }

    /// The country's addresses have a postal code (its format has one).
    #[must_use]
    pub fn has_postal_code(&self) -> bool {
        self.rules.allowed & part('Z') != 0
    }

    /// The country writes `letter`'s part in upper case (`'C'` city, `'S'` state…).
    pub(super) fn upper(&self, letter: char) -> bool {
        self.rules.upper & part(letter) != 0
    }

    /// The country's address format (`%A` street, `%C` city, `%S` state, `%Z` postal
    /// code, `%n` new line).
    pub(super) fn format(&self) -> &'static str {
        super::tables::FORMATS
            .get(usize::from(self.rules.format))
            .copied()
            .unwrap_or("%A%n%C")
    }

    /// One or two example postal codes (`"95014"`, `"22162-1010"`).
    pub fn postal_code_examples(&self) -> impl Iterator<Item = &'static str> + use<> {
        text(self.rules.examples)
            .split(',')
            .filter(|e| !e.is_empty())
    }

    /// What a postal code of the country is, after "a US ZIP code " (`"is 5 digits"`), if
    /// the data's pattern has a simple description.
    pub(super) fn postal_code_description(&self) -> Option<&'static str> {
        Some(text(self.rules.describe)).filter(|d| !d.is_empty())
    }

    /// Where `input` (upper-cased, runs of whitespace as one space) stands against the
    /// country's postal-code format, exactly as typed: a form can tell "too short so far"
    /// from "not a postal code of this country".
    #[must_use]
    pub fn postal_code_status(&self, input: &str) -> PostalCodeStatus {
        if self.rules.zip == 0 {
            return PostalCodeStatus::Unchecked;
        }
        let Some(typed) = Typed::new(input) else {
            return PostalCodeStatus::Invalid;
        };
        match walk(self.rules.zip, typed.as_bytes()) {
            0 => PostalCodeStatus::Invalid,
            s if accepts(s) => PostalCodeStatus::Valid,
            _ => PostalCodeStatus::Incomplete,
        }
    }

    /// `input` as the country writes it, when it is a postal code of the country:
    /// upper-cased, with the separators the format allows where the country puts them
    /// (`sw1a1aa` is `SW1A 1AA`, `22162 1010` is `22162-1010`). `None` when it is not one;
    /// for a country without a format, `input` upper-cased and with runs of whitespace as
    /// one space.
    #[must_use]
    pub fn normalize_postal_code(&self, input: &str) -> Option<String> {
        self.normalize_postal_code_cow(input).map(Cow::into_owned)
    }

    /// [`CountryRules::normalize_postal_code`], borrowing `input` (trimmed) when it is
    /// already as the country writes it.
    pub(super) fn normalize_postal_code_cow<'a>(&self, input: &'a str) -> Option<Cow<'a, str>> {
        let typed = Typed::new(input)?;
        let bytes = typed.as_bytes();
        let same = |out: &[u8]| -> Option<Cow<'a, str>> {
            let trimmed = input.trim();
            if trimmed.as_bytes() == out {
                return Some(Cow::Borrowed(trimmed));
            }
            std::str::from_utf8(out)
                .ok()
                .map(|s| Cow::Owned(s.to_owned()))
        };
        if self.rules.zip == 0 {
            return same(bytes);
        }
        if !accepts(walk(self.rules.zip, bytes)) {
            return None;
        }
        let style = Style {
            hyphen: self.rules.style & 1 != 0,
            fewest: self.rules.style & 2 != 0,
        };
        let has_separator = bytes.iter().any(|&b| b == b' ' || b == b'-');
        if style.fewest && !has_separator {
            // Accepted with no separator: the fewest there can be.
            return same(bytes);
        }
        let mut core = [0u8; MAX_POSTAL_BYTES];
        let mut n = 0usize;
        for &b in bytes.iter().filter(|&&b| b != b' ' && b != b'-') {
            *core.get_mut(n)? = b;
            n = n.checked_add(1)?;
        }
        let core = core.get(..n)?;
        let mut budget = 2048u32;
        let Some((_, layout)) = best_layout(self.rules.zip, core, 0, style, &mut budget) else {
            return same(bytes);
        };
        let mut out = [0u8; 2 * MAX_POSTAL_BYTES];
        let mut len = 0usize;
        for (i, &b) in core.iter().enumerate() {
            let sep = match layout.wrapping_shr(gap_shift(i)) & 3 {
                1 => Some(b' '),
                2 => Some(b'-'),
                _ => None,
            };
            for c in sep.into_iter().chain([b]) {
                *out.get_mut(len)? = c;
                len = len.checked_add(1)?;
            }
        }
        same(out.get(..len)?)
    }

    /// The country's subdivisions (states, provinces…), in the data's order: a form's
    /// picker.
    pub fn subdivisions(&self) -> impl ExactSizeIterator<Item = Subdivision> + use<> {
        let (first, count) = self.rules.subdivisions;
        let country = self.country;
        (first..first.saturating_add(count)).map(move |index| Subdivision { index, country })
    }

    /// The subdivision `input` names: its ISO 3166-2 code, the data's key, or a name in
    /// any of the data's languages, compared case- and accent-insensitively.
    #[must_use]
    pub fn subdivision(&self, input: &str) -> Option<Subdivision> {
        let (first, count) = self.rules.names;
        let first = usize::from(first);
        let names = NAMES.get(first..first.checked_add(usize::from(count))?)?;
        let query = Query::new(input);
        let at = names
            .binary_search_by(|&entry| query.cmp_stored(self.indexed_name(entry)))
            .ok()?;
        let &entry = names.get(at)?;
        Some(Subdivision {
            index: self.rules.subdivisions.0.checked_add(entry >> 6)?,
            country: self.country,
        })
    }

    /// The name a [`NAMES`] entry (`sub << 6 | ordinal`) of this country stands for.
    fn indexed_name(&self, entry: u16) -> &'static str {
        let index = self.rules.subdivisions.0.saturating_add(entry >> 6);
        SUBDIVISIONS
            .get(usize::from(index))
            .map_or("", |s| nth_name(s, usize::from(entry & 63)))
    }

    /// The country has subdivisions in the data.
    #[must_use]
    pub fn has_subdivisions(&self) -> bool {
        self.rules.subdivisions.1 > 0
    }
}

/// The bit position of gap `i` in a layout (two bits per gap, 16 gaps).
fn gap_shift(i: usize) -> u32 {
    u32::try_from(i & 15).unwrap_or(0).wrapping_mul(2)
}

/// How a country writes the separators of its postal codes, from its examples.
#[derive(Clone, Copy)]
struct Style {
    /// `-` rather than a space where the format allows either.
    hyphen: bool,
    /// No separator where the format makes them optional (the examples have none).
    fewest: bool,
}

/// The separators to put before each of `core[i..]` so that the walk from `state`
/// accepts, with the most separators (the fewest, for a [`Style::fewest`] country; the
/// preferred one on ties): bits `2i..2i+1` of the layout are 0 (none), 1 (space) or 2
/// (hyphen). `budget` bounds the search.
fn best_layout(
    state: u16,
    core: &[u8],
    i: usize,
    style: Style,
    budget: &mut u32,
) -> Option<(u8, u32)> {
    *budget = budget.checked_sub(1)?;
    let Some(&b) = core.get(i) else {
        return accepts(state).then_some((0, 0));
    };
    let (first, second) = if style.hyphen {
        ((2, Some(b'-')), (1, Some(b' ')))
    } else {
        ((1, Some(b' ')), (2, Some(b'-')))
    };
    let seps: [(u32, Option<u8>); 3] = if style.fewest {
        [(0, None), first, second]
    } else {
        [first, second, (0, None)]
    };
    let mut best: Option<(u8, u32)> = None;
    for (code, sep) in seps {
        let mut s = state;
        if let Some(sep) = sep {
            if i == 0 {
                continue;
            }
            s = step(s, sep);
        }
        if s == 0 {
            continue;
        }
        s = step(s, b);
        if s == 0 {
            continue;
        }
        let Some((score, layout)) = best_layout(s, core, i.saturating_add(1), style, budget) else {
            continue;
        };
        let score = score.saturating_add(u8::from(sep.is_some()));
        if best.is_none_or(|(b, _)| if style.fewest { score < b } else { score > b }) {
            best = Some((score, layout | code.wrapping_shl(gap_shift(i))));
        }
    }
    best
}

/// A subdivision name as searched: ASCII compared on the fly, anything else folded once.
enum Query<'a> {
    Ascii(&'a str),
    Folded(String),
}

impl<'a> Query<'a> {
    fn new(input: &'a str) -> Query<'a> {
        let t = input.trim();
        if t.is_ascii() {
            Query::Ascii(t)
        } else {
            Query::Folded(fold(t).into_owned())
        }
    }

    /// `stored` (a name of the tables, folded here) against the query, in the order of
    /// the folded forms (code point order, which is their UTF-8 byte order).
    fn cmp_stored(&self, stored: &str) -> Ordering {
        // The generator trims every name.
        if stored.is_ascii() {
            if let Query::Ascii(q) = self {
                // Both ASCII: byte for byte, lower case.
                return stored
                    .bytes()
                    .map(|b| b.to_ascii_lowercase())
                    .cmp(q.bytes().map(|b| b.to_ascii_lowercase()));
            }
            self.cmp_chars(stored.bytes().map(|b| char::from(b.to_ascii_lowercase())))
        } else {
            let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
            self.cmp_chars(
                nfd.normalize_iter(stored.chars())
                    .filter(|&c| !is_accent(c))
                    .flat_map(char::to_lowercase),
            )
        }
    }

    fn cmp_chars(&self, stored: impl Iterator<Item = char>) -> Ordering {
        match self {
            Query::Ascii(q) => stored.cmp(q.bytes().map(|b| char::from(b.to_ascii_lowercase()))),
            Query::Folded(q) => stored.cmp(q.chars()),
        }
    }
}

/// The `n`th name of a subdivision's `key~iso~name~latin~…` list (`""` past its end).
fn nth_name(sub: &Sub, n: usize) -> &'static str {
    let list = text(sub.names);
    let bytes = list.as_bytes();
    let tilde = |from: usize| {
        bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| b == b'~'))
            .and_then(|at| from.checked_add(at))
    };
    let mut start = 0usize;
    for _ in 0..n {
        match tilde(start) {
            Some(at) => start = at.saturating_add(1),
            None => return "",
        }
    }
    let end = tilde(start).unwrap_or(bytes.len());
    list.get(start..end).unwrap_or("")
}

/// The folded form names are compared in (the generator's too): NFD, the accents
/// removed (the combining diacritical marks, not the vowel signs of Indic, Thai or Arabic
/// script, which spell the name), lower case, surrounding whitespace trimmed.
pub(crate) fn fold(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    if t.is_ascii() {
        if t.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(t.to_ascii_lowercase());
        }
        return Cow::Borrowed(t);
    }
    let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
    Cow::Owned(
        nfd.normalize_iter(t.chars())
            .filter(|&c| !is_accent(c))
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// A combining diacritical mark: U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF,
/// U+FE20-FE2F.
fn is_accent(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The subdivisions of other countries that `input` names, for hints ("Ontario is a
/// province of Canada"): the first country in code order. A cold path: one search per
/// country.
pub(super) fn elsewhere(input: &str, not: Country) -> Option<Subdivision> {
    COUNTRIES
        .iter()
        .filter(|r| r.code != not.as_bytes())
        .filter_map(|r| Country::from_bytes(r.code))
        .find_map(|c| CountryRules::of(c)?.subdivision(input))
}

/// One subdivision of a country (a state, a province, a prefecture…).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Subdivision {
    index: u16,
    country: Country,
}

impl fmt::Debug for Subdivision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Subdivision({}-{})", self.country.as_str(), self.code())
    }
}

impl Subdivision {
    fn sub(&self) -> Option<&'static Sub> {
        SUBDIVISIONS.get(usize::from(self.index))
    }

    /// The code an address stores: the ISO 3166-2 subdivision code (`"CA"`, `"ON"`,
    /// `"13"` for Tokyo) or, for the few subdivisions without one, the data's key.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.iso_code().unwrap_or_else(|| self.key())
    }

    /// The ISO 3166-2 subdivision code, without the country (`"ON"` of `CA-ON`), if the
    /// data has one.
    #[must_use]
    pub fn iso_code(&self) -> Option<&'static str> {
        self.sub().map(|s| nth_name(s, 1)).filter(|s| !s.is_empty())
    }

    /// The data's key: how the country's addresses write the subdivision (`"CA"`,
    /// `"東京都"`).
    #[must_use]
    pub fn key(&self) -> &'static str {
        self.sub().map_or("", |s| nth_name(s, 0))
    }

    /// The name in the country's default language (`"California"`, `"東京都"`).
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self.sub().map(|s| nth_name(s, 2)) {
            Some(name) if !name.is_empty() => name,
            _ => self.key(),
        }
    }

    /// The name in Latin script, for countries whose default script is another
    /// (`"Tokyo"`), if the data has one.
    #[must_use]
    pub fn latin_name(&self) -> Option<&'static str> {
        self.sub().map(|s| nth_name(s, 3)).filter(|s| !s.is_empty())
    }

    /// The country.
    #[must_use]
    pub fn country(&self) -> Country {
        self.country
    }

    /// `postal_code` (normalized) belongs to the subdivision: it starts with one of the
    /// subdivision's postal prefixes, or the data has none for it.
    #[must_use]
    pub fn contains_postal_code(&self, postal_code: &str) -> bool {
        let Some(sub) = self.sub() else {
            return true;
        };
        if sub.zip == 0 {
            return true;
        }
        let Some(typed) = Typed::new(postal_code) else {
            return false;
        };
        accepts(walk(sub.zip, typed.as_bytes()))
    }

    /// The subdivision has postal prefixes in the data.
    pub(super) fn has_postal_prefixes(&self) -> bool {
        self.sub().is_some_and(|s| s.zip != 0)
    }
}

#[cfg(test)]
mod tests;
