//! E.164 phone numbers, valid in a numbering plan, and the rule that ties a number to a
//! billing country.
//!
//! The rule is applied in two steps. First strict E.164 syntax, checked here byte by
//! byte: `+`, then 1 to 15 ASCII digits, the first of them 1 to 9. No spaces, no
//! punctuation, no `tel:`, no extension, no Unicode digits. Then libphonenumber's
//! `isValidNumber`, through a private engine, which also gives the number's region
//! (`getRegionCodeForNumber`) and type.
//!
//! [`PhoneNumber::is_valid_for`] is libphonenumber's `isValidNumberForRegion`: the
//! country's calling code must be the number's, then the number must match one of that
//! country's patterns. So a Finnish mobile (`+358 4…`) is valid for Åland (`AX`), which
//! shares `+358`, while `+2348012345678` is valid for `NG` and not for `US`.

use std::fmt;

use crate::error::{Coded, ErrorCode};
use crate::field::country::Country;

pub use normalize::{PhoneNormalizeError, PhonePlace, ReadE164, TypedDigits};

mod engine;
mod normalize;
#[rustfmt::skip]
mod tables;

/// The libphonenumber metadata version that phone validation follows, e.g. `"9.0.43"`.
///
/// ```
/// assert_eq!(customer_core::phone::PHONE_METADATA_VERSION, "9.0.43");
/// ```
pub const PHONE_METADATA_VERSION: &str = engine::METADATA_VERSION;

/// The most digits E.164 allows (country code included).
pub const MAX_DIGITS: usize = 15;

/// A valid phone number in E.164 form, e.g. `+2348012345678`.
///
/// ```
/// use customer_core::{Country, PhoneNumber};
///
/// let phone = PhoneNumber::parse("+2348012345678").unwrap();
/// assert_eq!(phone.as_str(), "+2348012345678");
/// assert_eq!(phone.calling_code(), 234);
/// assert_eq!(phone.region().unwrap().as_str(), "NG");
/// assert!(phone.is_valid_for(Country::parse("NG").unwrap()));
/// assert!(!phone.is_valid_for(Country::parse("US").unwrap()));
///
/// let err = PhoneNumber::parse("+234 801 234 5678").unwrap_err();
/// assert_eq!(err.code().as_str(), "invalid_phone_format");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber {
    e164: String,
    calling_code: u16,
    region: Option<[u8; 2]>,
    /// `region` as a country (`None` for non-ISO regions), from the engine's tables.
    country: Option<Country>,
    number_type: NumberType,
}

/// The kind of line a number belongs to (libphonenumber's `PhoneNumberType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NumberType {
    /// A landline.
    FixedLine,
    /// A mobile line.
    Mobile,
    /// Cannot be told apart from the number alone (e.g. the US and Canada).
    FixedLineOrMobile,
    /// Free for the caller.
    TollFree,
    /// Premium rate.
    PremiumRate,
    /// Cost shared between caller and recipient.
    SharedCost,
    /// Voice over IP.
    Voip,
    /// A personal number bound to a person, not a line.
    PersonalNumber,
    /// A pager.
    Pager,
    /// Universal access number (a company's single number).
    Uan,
    /// Voicemail access.
    Voicemail,
    /// Matches no pattern (never the type of a valid [`PhoneNumber`]).
    Unknown,
}

impl NumberType {
    /// libphonenumber's name for the type (`"MOBILE"`, `"FIXED_LINE_OR_MOBILE"`…), as
    /// its ports print it.
    ///
    /// ```
    /// use customer_core::PhoneNumber;
    ///
    /// let phone = PhoneNumber::parse("+2348012345678").unwrap();
    /// assert_eq!(phone.number_type().libphonenumber_name(), "MOBILE");
    /// ```
    #[must_use]
    pub const fn libphonenumber_name(self) -> &'static str {
        match self {
            NumberType::FixedLine => "FIXED_LINE",
            NumberType::Mobile => "MOBILE",
            NumberType::FixedLineOrMobile => "FIXED_LINE_OR_MOBILE",
            NumberType::TollFree => "TOLL_FREE",
            NumberType::PremiumRate => "PREMIUM_RATE",
            NumberType::SharedCost => "SHARED_COST",
            NumberType::Voip => "VOIP",
            NumberType::PersonalNumber => "PERSONAL_NUMBER",
            NumberType::Pager => "PAGER",
            NumberType::Uan => "UAN",
            NumberType::Voicemail => "VOICEMAIL",
            NumberType::Unknown => "UNKNOWN",
        }
    }
}

/// Why a string is not a [`PhoneNumber`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PhoneError {
    /// Empty or only whitespace (`required`).
    #[error("is required")]
    Empty,
    /// Does not start with `+` (`invalid_phone_format`).
    #[error("must be in E.164 format: `+` then the country code and number, e.g. +2348012345678")]
    MissingPlus,
    /// A character other than an ASCII digit after the `+` (`invalid_phone_format`).
    #[error(
        "must be in E.164 format: only digits may follow `+`, found {} at position {position}",
        crate::text::CharName(*.found)
    )]
    InvalidCharacter {
        /// The offending character.
        found: char,
        /// 1-based character position in the trimmed input.
        position: usize,
    },
    /// No digits after the `+` (`invalid_phone_format`).
    #[error("must be in E.164 format: no digits follow `+`")]
    NoDigits,
    /// More than 15 digits (`invalid_phone_format`).
    #[error("has {digits} digits; E.164 allows at most 15")]
    TooManyDigits {
        /// How many digits (capped at the input's length bound).
        digits: usize,
    },
    /// The first digit is 0, which no country code starts with (`invalid_phone_format`).
    #[error("must be in E.164 format: country codes do not start with 0")]
    LeadingZero,
    /// Well-formed, but not a valid number in any numbering plan (`invalid_phone_number`).
    #[error("`{e164}` is not a valid phone number")]
    NotValid {
        /// The E.164 string.
        e164: String,
    },
}

impl PhoneError {
    /// The stable code: `required`, `invalid_phone_format` or `invalid_phone_number`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            PhoneError::Empty => ErrorCode::Required,
            PhoneError::NotValid { .. } => ErrorCode::InvalidPhoneNumber,
            _ => ErrorCode::InvalidPhoneFormat,
        }
    }
}

impl Coded for PhoneError {
    fn code(&self) -> ErrorCode {
        PhoneError::code(self)
    }
}

/// The phone's country is not the billing country (`phone_country_mismatch`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} belongs to {phone_country} and is not valid for the billing country {country_name} ({country})", .phone.as_str(), phone_country = phone_country_text(.phone_region), country_name = .country.name())]
#[non_exhaustive]
pub struct PhoneCountryMismatch {
    /// The phone number.
    pub phone: PhoneNumber,
    /// The number's own region, when it has one.
    pub phone_region: Option<Country>,
    /// The billing country it was checked against.
    pub country: Country,
}

fn phone_country_text(region: &Option<Country>) -> String {
    match region {
        Some(c) => format!("{} ({c})", c.name()),
        None => "no country (a non-geographic number)".to_owned(),
    }
}

impl Coded for PhoneCountryMismatch {
    fn code(&self) -> ErrorCode {
        ErrorCode::PhoneCountryMismatch
    }
}

/// Checks strict E.164 syntax and returns the digits after `+`.
fn e164_digits(s: &str) -> Result<&str, PhoneError> {
    let Some(digits) = s.strip_prefix('+') else {
        return Err(PhoneError::MissingPlus);
    };
    if let Some((i, c)) = digits.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        // Every byte before `i` is an ASCII digit, so the char position is i + 2.
        return Err(PhoneError::InvalidCharacter {
            found: c,
            position: i.saturating_add(2),
        });
    }
    match digits.as_bytes() {
        [] => Err(PhoneError::NoDigits),
        [b'0', ..] => Err(PhoneError::LeadingZero),
        d if d.len() > MAX_DIGITS => Err(PhoneError::TooManyDigits { digits: d.len() }),
        _ => Ok(digits),
    }
}

impl PhoneNumber {
    /// Parses a strict E.164 number (surrounding whitespace trimmed) and checks that it is
    /// valid in its numbering plan.
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(PhoneError::Empty);
        }
        // Bound the work before describing characters: 64 bytes is far past 16.
        let s = crate::text::truncate(s, 64);
        let digits = e164_digits(s)?;
        PhoneNumber::from_digits(digits).ok_or_else(|| PhoneError::NotValid { e164: s.to_owned() })
    }

    /// The valid number with these digits (E.164 without `+`, its syntax checked), or
    /// `None`; allocates only for a valid number.
    fn from_digits(digits: &str) -> Option<PhoneNumber> {
        let found = engine::lookup(digits)?;
        let mut e164 = String::with_capacity(digits.len().saturating_add(1));
        e164.push('+');
        e164.push_str(digits);
        Some(PhoneNumber {
            e164,
            calling_code: found.calling_code,
            region: found.region,
            country: found.country,
            number_type: found.number_type,
        })
    }

    /// Reads a number as a person types it in a form, with their country, and returns it
    /// as a valid E.164 number, the way libphonenumber's `parse` reads it: a national
    /// number (`0801 234 5678` in NG, `(416) 555-0123` in CA), a number dialled with the
    /// country's international prefix (`00 44 20 7946 0000`), or one with `+`.
    ///
    /// [`PhoneNumber::parse`] stays strict: only E.164 is accepted there.
    ///
    /// ```
    /// use customer_core::{Country, PhoneNumber};
    ///
    /// let ng = Country::parse("NG").unwrap();
    /// let phone = PhoneNumber::normalize("0801 234 5678", ng).unwrap();
    /// assert_eq!(phone.as_str(), "+2348012345678");
    /// let fr = Country::parse("FR").unwrap();
    /// let phone = PhoneNumber::normalize("00 44 20 7946 0000", fr).unwrap();
    /// assert_eq!(phone.as_str(), "+442079460000");
    ///
    /// let err = PhoneNumber::normalize("0801 234", ng).unwrap_err();
    /// assert_eq!(err.code().as_str(), "invalid_phone_number");
    /// assert_eq!(err.to_string(), "is not a valid phone number (read as `+2340801234`)");
    /// ```
    pub fn normalize(input: &str, country: Country) -> Result<PhoneNumber, PhoneNormalizeError> {
        normalize::normalize(input, country)
    }

    /// [`PhoneNumber::normalize`] for a number still being typed: the same number when it
    /// is valid, the same errors for what is not a phone number at all, and, for a number
    /// read but not valid, the reason libphonenumber's `isPossibleNumberWithReason` gives
    /// (against the region of its calling code), with what was read as the person typed
    /// it: [`PhoneNormalizeError::Incomplete`] (too short so far),
    /// [`PhoneNormalizeError::TooLongFor`], or [`PhoneNormalizeError::NotOfCountry`].
    ///
    /// ```
    /// use customer_core::{Country, PhoneNumber, phone::PhoneNormalizeError};
    ///
    /// let ng = Country::parse("NG").unwrap();
    /// let err = PhoneNumber::normalize_typing("0801 234", ng).unwrap_err();
    /// assert!(matches!(err, PhoneNormalizeError::Incomplete { digits: 6, min: 10, .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "is too short so far for Nigeria (NG): read as 0801234 (6 digits, at least 10)"
    /// );
    /// let phone = PhoneNumber::normalize_typing("0801 234 5678", ng).unwrap();
    /// assert_eq!(phone.as_str(), "+2348012345678");
    /// ```
    pub fn normalize_typing(
        input: &str,
        country: Country,
    ) -> Result<PhoneNumber, PhoneNormalizeError> {
        normalize::normalize_typing(input, country)
    }

    /// The E.164 string, e.g. `"+2348012345678"`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.e164
    }

    /// The country calling code, e.g. `234`.
    #[must_use]
    pub fn calling_code(&self) -> u16 {
        self.calling_code
    }

    /// The country the number belongs to (libphonenumber's region), or `None` for
    /// non-geographic numbers (`+800`, `+882`…) and regions that are not ISO 3166-1
    /// countries (`AC`, `TA`).
    #[must_use]
    pub fn region(&self) -> Option<Country> {
        self.country
    }

    /// The number's type (mobile, fixed line…).
    #[must_use]
    pub fn number_type(&self) -> NumberType {
        self.number_type
    }

    /// libphonenumber's `isValidNumberForRegion`: true when the number is valid for
    /// `country` (same calling code, and one of the country's patterns matches).
    #[must_use]
    pub fn is_valid_for(&self, country: Country) -> bool {
        if self.region == Some(country.as_bytes()) {
            return true;
        }
        let digits = self.e164.get(1..).unwrap_or("");
        engine::is_valid_for_region(digits, country.as_bytes())
    }

    /// [`PhoneNumber::is_valid_for`] as a `Result` whose error names both countries.
    ///
    /// ```
    /// use customer_core::{Country, PhoneNumber};
    ///
    /// let phone = PhoneNumber::parse("+2348012345678").unwrap();
    /// let err = phone.check_country(Country::parse("US").unwrap()).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "+2348012345678 belongs to Nigeria (NG) and is not valid for the billing country \
    ///      United States of America (US)"
    /// );
    /// ```
    pub fn check_country(&self, country: Country) -> Result<(), PhoneCountryMismatch> {
        if self.is_valid_for(country) {
            Ok(())
        } else {
            Err(PhoneCountryMismatch {
                phone: self.clone(),
                phone_region: self.region(),
                country,
            })
        }
    }
}

/// Masks all but the calling code and the last two digits, so logs do not keep numbers.
impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cc_len = match self.calling_code {
            0..=9 => 1,
            10..=99 => 2,
            _ => 3,
        };
        let digits = self.e164.len().saturating_sub(1);
        let masked = digits.saturating_sub(cc_len).saturating_sub(2);
        let tail = self
            .e164
            .get(self.e164.len().saturating_sub(2)..)
            .unwrap_or("");
        write!(
            f,
            "PhoneNumber(+{}{}{})",
            self.calling_code,
            "*".repeat(masked),
            tail
        )
    }
}

str_impls!(PhoneNumber, PhoneError);

#[cfg(test)]
mod tests {
    use super::*;

    fn country(s: &str) -> Country {
        Country::parse(s).unwrap()
    }

    #[track_caller]
    fn format_err(input: &str) -> String {
        let err = PhoneNumber::parse(input).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidPhoneFormat, "{input}: {err}");
        err.to_string()
    }

    #[test]
    fn strict_syntax() {
        assert!(format_err("2348012345678").contains("E.164"));
        assert_eq!(
            format_err("+234 8012345678"),
            "must be in E.164 format: only digits may follow `+`, found ' ' (U+0020) at position 5"
        );
        assert!(format_err("tel:+2348012345678").contains("E.164"));
        assert!(format_err("+2348012345678;ext=1").contains("`;`"));
        // ARABIC-INDIC DIGIT TWO: `\d` would take it.
        assert!(format_err("+\u{0662}348012345678").contains("U+0662"));
        assert_eq!(
            format_err("+"),
            "must be in E.164 format: no digits follow `+`"
        );
        assert_eq!(
            format_err("+0123"),
            "must be in E.164 format: country codes do not start with 0"
        );
        assert_eq!(
            format_err("+12345678901234567"),
            "has 17 digits; E.164 allows at most 15"
        );
        assert_eq!(PhoneNumber::parse("  ").unwrap_err(), PhoneError::Empty);
    }

    #[test]
    fn validity_and_region() {
        let ng = PhoneNumber::parse("+2348012345678").unwrap();
        assert_eq!(ng.region(), Some(country("NG")));
        assert_eq!(ng.number_type(), NumberType::Mobile);
        let err = PhoneNumber::parse("+23480123").unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidPhoneNumber);
        assert_eq!(err.to_string(), "`+23480123` is not a valid phone number");
        // No country uses +999.
        assert_eq!(
            PhoneNumber::parse("+99912345678").unwrap_err().code(),
            ErrorCode::InvalidPhoneNumber
        );
    }

    #[test]
    fn shared_calling_codes() {
        let fi = PhoneNumber::parse("+358412345678").unwrap();
        assert_eq!(fi.region(), Some(country("FI")));
        assert!(fi.is_valid_for(country("AX")));
        assert!(!fi.is_valid_for(country("SE")));
        let ca = PhoneNumber::parse("+14165550123").unwrap();
        assert_eq!(ca.region(), Some(country("CA")));
        assert!(ca.is_valid_for(country("CA")));
        assert!(!ca.is_valid_for(country("US")));
        let gg = PhoneNumber::parse("+447911123456").unwrap();
        assert_eq!(gg.region(), Some(country("GG")));
        assert!(!gg.is_valid_for(country("GB")));
        // Leading zero in the national number (kept as digits, never an integer).
        let it = PhoneNumber::parse("+390212345678").unwrap();
        assert_eq!(it.region(), Some(country("IT")));
    }

    #[test]
    fn mismatch_names_both_countries() {
        let ng = PhoneNumber::parse("+2348012345678").unwrap();
        let err = ng.check_country(country("US")).unwrap_err();
        assert!(err.to_string().contains("Nigeria (NG)"), "{err}");
        assert!(err.to_string().contains("(US)"), "{err}");
        assert_eq!(Coded::code(&err), ErrorCode::PhoneCountryMismatch);
    }

    #[test]
    fn debug_masks_the_number() {
        let ng = PhoneNumber::parse("+2348012345678").unwrap();
        assert_eq!(format!("{ng:?}"), "PhoneNumber(+234********78)");
    }
}
