//! ISO 3166-1 alpha-2 country codes.
//!
//! The rule is strict: after trimming, exactly two ASCII uppercase letters naming an
//! assigned code, plus `XK` (Kosovo, used by banks and by libphonenumber). Everything else
//! is rejected, with a suggestion where one is obvious: `"ng"` → `NG`, `"NGA"` → `NG`,
//! `"Tanzania"` → `TZ`.
//!
//! `isocountry` is used only for its tables (names, alpha-3); case handling is ours, so
//! Unicode case folding (`"ſe"` → `SE`) never lets a non-ASCII string through.

use std::fmt;

use isocountry::CountryCode;

use crate::error::{Coded, ErrorCode};
use crate::text::Excerpt;

/// The longest input for which a suggestion is searched; longer input is rejected at once.
const MAX_SUGGEST_BYTES: usize = 64;

/// A validated ISO 3166-1 alpha-2 country code (or `XK`), stored uppercase.
///
/// ```
/// use customer_core::Country;
///
/// let ng: Country = "NG".parse().unwrap();
/// assert_eq!(ng.as_str(), "NG");
/// assert_eq!(ng.name(), "Nigeria");
///
/// let err = Country::parse("Tanzania").unwrap_err();
/// assert_eq!(err.to_string(), "`Tanzania` is not an ISO 3166-1 alpha-2 code; did you mean `TZ`?");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

/// Why a string is not a [`Country`]. Every variant has the code `invalid_country`
/// except [`CountryError::Empty`] (`required`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CountryError {
    /// Empty or only whitespace.
    #[error("is required")]
    Empty,
    /// A known code in the wrong case.
    #[error("`{input}` must be uppercase; did you mean `{suggestion}`?")]
    NotUppercase {
        /// The input as given (two ASCII letters).
        input: Excerpt,
        /// The uppercase code.
        suggestion: Country,
    },
    /// An alpha-3 code or a country name that maps to one code.
    #[error("`{input}` is not an ISO 3166-1 alpha-2 code; did you mean `{suggestion}`?")]
    Suggest {
        /// The input as given (its first bytes).
        input: Excerpt,
        /// The code it most likely means.
        suggestion: Country,
    },
    /// Not a code, and nothing obvious to suggest.
    #[error("`{input}` is not an ISO 3166-1 alpha-2 country code")]
    Unknown {
        /// The input as given (its first bytes).
        input: Excerpt,
    },
}

impl CountryError {
    /// The stable code: `required` or `invalid_country`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            CountryError::Empty => ErrorCode::Required,
            _ => ErrorCode::InvalidCountry,
        }
    }

    /// The suggested country, when there is one.
    #[must_use]
    pub fn suggestion(&self) -> Option<Country> {
        match self {
            CountryError::NotUppercase { suggestion, .. }
            | CountryError::Suggest { suggestion, .. } => Some(*suggestion),
            _ => None,
        }
    }
}

impl Coded for CountryError {
    fn code(&self) -> ErrorCode {
        CountryError::code(self)
    }
}

/// Common names that are not the ISO short name (or its part before a comma).
const ALIASES: &[(&str, [u8; 2])] = &[
    ("united states", *b"US"),
    ("america", *b"US"),
    ("uk", *b"GB"),
    ("united kingdom", *b"GB"),
    ("great britain", *b"GB"),
    ("britain", *b"GB"),
    ("england", *b"GB"),
    ("scotland", *b"GB"),
    ("wales", *b"GB"),
    ("northern ireland", *b"GB"),
    ("russia", *b"RU"),
    ("south korea", *b"KR"),
    ("north korea", *b"KP"),
    ("vietnam", *b"VN"),
    ("laos", *b"LA"),
    ("syria", *b"SY"),
    ("czech republic", *b"CZ"),
    ("czechia", *b"CZ"),
    ("ivory coast", *b"CI"),
    ("cote d'ivoire", *b"CI"),
    ("holland", *b"NL"),
    ("the netherlands", *b"NL"),
    ("netherlands", *b"NL"),
    ("uae", *b"AE"),
    ("drc", *b"CD"),
    ("dr congo", *b"CD"),
    ("kosovo", *b"XK"),
    ("turkey", *b"TR"),
    ("turkiye", *b"TR"),
    ("micronesia", *b"FM"),
    ("moldova", *b"MD"),
    ("bolivia", *b"BO"),
    ("venezuela", *b"VE"),
    ("iran", *b"IR"),
    ("taiwan", *b"TW"),
    ("palestine", *b"PS"),
    ("vatican", *b"VA"),
    ("eswatini", *b"SZ"),
    ("swaziland", *b"SZ"),
    ("cape verde", *b"CV"),
    ("macedonia", *b"MK"),
    ("north macedonia", *b"MK"),
    ("burma", *b"MM"),
];

impl Country {
    /// Parses a country code: trims, then requires two ASCII uppercase letters naming an
    /// assigned ISO 3166-1 code or `XK`.
    pub fn parse(input: &str) -> Result<Country, CountryError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(CountryError::Empty);
        }
        if let [a, b] = *s.as_bytes() {
            if a.is_ascii_uppercase() && b.is_ascii_uppercase() {
                let code = [a, b];
                return if is_assigned(code) {
                    Ok(Country(code))
                } else {
                    Err(suggest(s).map_or_else(
                        || unknown(s),
                        |suggestion| CountryError::Suggest {
                            input: Excerpt::new(s),
                            suggestion,
                        },
                    ))
                };
            }
            if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
                let code = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
                return if is_assigned(code) {
                    Err(CountryError::NotUppercase {
                        input: Excerpt::new(s),
                        suggestion: Country(code),
                    })
                } else {
                    Err(suggest(s).map_or_else(
                        || unknown(s),
                        |suggestion| CountryError::Suggest {
                            input: Excerpt::new(s),
                            suggestion,
                        },
                    ))
                };
            }
        }
        match suggest(s) {
            Some(suggestion) => Err(CountryError::Suggest {
                input: Excerpt::new(s),
                suggestion,
            }),
            None => Err(unknown(s)),
        }
    }

    /// The two-letter code, e.g. `"NG"`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII uppercase letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("ZZ")
    }

    /// The two ASCII bytes of the code.
    #[must_use]
    pub fn as_bytes(&self) -> [u8; 2] {
        self.0
    }

    /// The ISO 3166-1 short name, e.g. `"Nigeria"`; `"Kosovo"` for `XK`.
    #[must_use]
    pub fn name(&self) -> &'static str {
        if self.0 == *b"XK" {
            return "Kosovo";
        }
        // A search of isocountry's array, not `for_alpha2`: names are for messages (a cold
        // path), and `for_alpha2`'s string match is 10 KB of code in the browser package.
        CountryCode::as_array()
            .iter()
            .find(|c| c.alpha2().as_bytes() == self.0)
            .map_or("Unknown", |c| c.name())
    }

    /// Builds a country from two bytes if they are an assigned code (used by the phone
    /// engine, whose regions are validated here).
    pub(crate) fn from_bytes(code: [u8; 2]) -> Option<Country> {
        is_assigned(code).then_some(Country(code))
    }

    /// A country from the phone tables, whose generator marked `code` as assigned (a phone
    /// engine test checks every such code with [`Country::from_bytes`]). This skips the
    /// linear name-table search, which costs more than the whole phone validation.
    pub(crate) const fn from_phone_tables(code: [u8; 2]) -> Country {
        Country(code)
    }
}

/// The assigned codes (isocountry's alpha-2 table, plus `XK`) as a direct table: bit
/// `b - 'A'` of row `a - 'A'` is set for the code `ab`. A test compares it with isocountry
/// on all 676 pairs; a lookup is one load, where `for_alpha2` searched a list of names.
#[rustfmt::skip]
const ASSIGNED: [u32; 26] = [
    0b10110111110101100101111000, // A
    0b11011011110111101111111011, // B
    0b11111100100111110111101101, // C
    0b10000000000101011000010000, // D
    0b00000011100000000011010100, // E
    0b00000000100101011100000000, // F
    0b01010111111011100111111011, // G
    0b00000110100011010000000000, // H
    0b00000011110111100000011000, // I
    0b00000000001101000000010000, // J
    0b11010000101011000111010000, // K
    0b01001111100000010100000111, // L
    0b11111111111111110011111101, // M
    0b10000100101100100101110101, // N
    0b00000000000001000000000000, // O
    0b01010011100011110011110001, // P
    0b00000000000000000000000001, // Q
    0b00010101000100000000010000, // R
    0b11101011100111111111011111, // S
    0b10011010100111111011101100, // T
    0b11000001000001000001000001, // U
    0b00000100000010000101010101, // V
    0b00000001000000000000100000, // W
    0b00000000000000010000000000, // X
    0b00000010000000000000010000, // Y
    0b00010000000001000000000001, // Z
];

fn is_assigned(code: [u8; 2]) -> bool {
    let [a, b] = code;
    if !(a.is_ascii_uppercase() && b.is_ascii_uppercase()) {
        return false;
    }
    ASSIGNED
        .get(usize::from(a.wrapping_sub(b'A')))
        .and_then(|row| row.checked_shr(u32::from(b.wrapping_sub(b'A'))))
        .is_some_and(|bits| bits & 1 == 1)
}

#[cold]
fn unknown(s: &str) -> CountryError {
    CountryError::Unknown {
        input: Excerpt::new(s),
    }
}

/// Suggests a code for an alpha-3 code or a country name (ASCII, case-insensitive).
fn suggest(s: &str) -> Option<Country> {
    if s.len() > MAX_SUGGEST_BYTES || !s.is_ascii() {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if lower.len() == 3 && lower.bytes().all(|b| b.is_ascii_lowercase()) {
        let upper = s.to_ascii_uppercase();
        // As in `name`: a search, not `for_alpha3`'s 10 KB string match.
        if let Some(c) = CountryCode::as_array().iter().find(|c| c.alpha3() == upper) {
            return alpha2_of(*c);
        }
    }
    if let Some((_, code)) = ALIASES.iter().find(|(name, _)| *name == lower) {
        return Some(Country(*code));
    }
    let mut found: Option<Country> = None;
    for c in CountryCode::as_array() {
        let name = c.name();
        let short = name.split([',', '(']).next().unwrap_or(name).trim_end();
        if name.eq_ignore_ascii_case(&lower) || short.eq_ignore_ascii_case(&lower) {
            let candidate = alpha2_of(*c)?;
            if found.is_some_and(|f| f != candidate) {
                return None; // ambiguous, e.g. "Korea"
            }
            found = Some(candidate);
        }
    }
    found
}

fn alpha2_of(c: CountryCode) -> Option<Country> {
    match *c.alpha2().as_bytes() {
        [a, b] => Country::from_bytes([a, b]),
        _ => None,
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.as_str())
    }
}

str_impls!(Country, CountryError);

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn err(input: &str) -> String {
        Country::parse(input).unwrap_err().to_string()
    }

    /// The direct table is isocountry's alpha-2 list plus `XK`, on every pair of letters
    /// (and nothing else: lowercase and non-letters are never assigned).
    #[test]
    fn direct_table_agrees_with_isocountry() {
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                let slow = a.is_ascii_uppercase()
                    && b.is_ascii_uppercase()
                    && ([a, b] == *b"XK"
                        || std::str::from_utf8(&[a, b])
                            .is_ok_and(|s| CountryCode::for_alpha2(s).is_ok()));
                assert_eq!(is_assigned([a, b]), slow, "{a} {b}");
            }
        }
        assert_eq!(ASSIGNED.iter().map(|r| r.count_ones()).sum::<u32>(), 250);
    }

    /// `name` (a search of isocountry's array) gives what `for_alpha2` gives, for every
    /// assigned code.
    #[test]
    fn every_assigned_code_has_its_isocountry_name() {
        for c in CountryCode::as_array() {
            let country = Country::parse(c.alpha2()).unwrap();
            assert_eq!(
                country.name(),
                CountryCode::for_alpha2(c.alpha2()).unwrap().name()
            );
            assert_ne!(country.name(), "Unknown");
        }
    }

    #[test]
    fn accepts_assigned_codes_and_kosovo() {
        for code in ["NG", "US", "GB", "TZ", "AX", "XK", "CI"] {
            assert_eq!(Country::parse(code).unwrap().as_str(), code);
        }
        assert_eq!(Country::parse("  NG \n").unwrap().as_str(), "NG");
        assert_eq!(Country::parse("XK").unwrap().name(), "Kosovo");
    }

    #[test]
    fn rejects_unassigned_and_non_ascii() {
        assert_eq!(err("QQ"), "`QQ` is not an ISO 3166-1 alpha-2 country code");
        assert_eq!(
            err("UK"),
            "`UK` is not an ISO 3166-1 alpha-2 code; did you mean `GB`?"
        );
        assert_eq!(
            err("uk"),
            "`uk` is not an ISO 3166-1 alpha-2 code; did you mean `GB`?"
        );
        // U+017F LATIN SMALL LETTER LONG S uppercases to `S` under Unicode rules.
        assert!(Country::parse("ſE").is_err());
        assert!(Country::parse("ſe").is_err());
        assert!(Country::parse("ＮＧ").is_err());
        assert_eq!(Country::parse("").unwrap_err(), CountryError::Empty);
    }

    #[test]
    fn suggests_fixes() {
        assert_eq!(err("ng"), "`ng` must be uppercase; did you mean `NG`?");
        assert_eq!(err("Ng"), "`Ng` must be uppercase; did you mean `NG`?");
        assert_eq!(
            err("NGA"),
            "`NGA` is not an ISO 3166-1 alpha-2 code; did you mean `NG`?"
        );
        assert_eq!(
            err("Tanzania"),
            "`Tanzania` is not an ISO 3166-1 alpha-2 code; did you mean `TZ`?"
        );
        assert_eq!(
            Country::parse("nigeria")
                .unwrap_err()
                .suggestion()
                .unwrap()
                .as_str(),
            "NG"
        );
        assert_eq!(
            Country::parse("United Kingdom")
                .unwrap_err()
                .suggestion()
                .unwrap()
                .as_str(),
            "GB"
        );
        assert_eq!(
            Country::parse("usa")
                .unwrap_err()
                .suggestion()
                .unwrap()
                .as_str(),
            "US"
        );
        assert_eq!(Country::parse("Korea").unwrap_err().suggestion(), None);
    }

    #[test]
    fn long_input_is_cut_in_message() {
        let long = "é".repeat(1000);
        let msg = err(&long);
        assert!(msg.len() < 200, "{msg}");
    }
}
