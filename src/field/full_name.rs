//! A customer's full name or business name (spec 002's and spec 003's `name`).
//!
//! Not the person-name rule: businesses are called `3M`, `Acme & Sons Ltd.` or
//! `Ọlá's Café`. The rule, after trimming surrounding whitespace and NFC normalization:
//! - at most [`MAX_GRAPHEMES`] user-perceived characters and [`MAX_BYTES`] bytes;
//! - any printable character: letters, marks, digits, punctuation, symbols (emoji among
//!   words too) and spaces; a no-break space is stored as a plain space;
//! - no control characters, no format characters (bidi embeddings, overrides and
//!   isolates, zero-width spaces and joiners, the soft hyphen, the byte-order mark), no
//!   private-use or unassigned code points, no line or paragraph separators;
//! - at least one letter or digit, so emoji-only or punctuation-only values are refused;
//!   the digit of a keycap emoji (`1️⃣`: digit, U+FE0F, U+20E3) is part of the emoji, not
//!   a digit.

use std::fmt;

use crate::unicode::{self, GeneralCategory, Group};
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Coded, ErrorCode};

/// The most user-perceived characters (grapheme clusters) in a full name.
pub const MAX_GRAPHEMES: usize = 255;
/// The most UTF-8 bytes in a normalized full name: room for 255 characters of four code
/// points of four bytes each (a letter with marks), so only the character limit bites in
/// practice; it bounds the grapheme count's work.
pub const MAX_BYTES: usize = 16 * MAX_GRAPHEMES;
/// Raw input longer than this is rejected before normalization (NFC shrinks text by at
/// most a factor of three).
const MAX_RAW_BYTES: usize = 3 * MAX_BYTES;

/// A validated, NFC-normalized full name or business name.
///
/// ```
/// use customer_core::FullName;
///
/// for ok in ["John Doe", "Acme & Sons Ltd.", "3M", "Ọlá's Café", "株式会社トヨタ", "Café ☕ Corner"] {
///     assert_eq!(FullName::parse(ok).unwrap().as_str(), ok);
/// }
/// assert_eq!(FullName::parse("🚀🚀").unwrap_err().code().as_str(), "invalid_characters");
/// assert_eq!(
///     FullName::parse("Acme\u{200B}Ltd").unwrap_err().to_string(),
///     "contains U+200B at position 5; control, format and zero-width characters are not allowed"
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FullName(String);

/// Why a string is not a [`FullName`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FullNameError {
    /// Empty or only whitespace (`required`).
    #[error("is required")]
    Empty,
    /// More than [`MAX_GRAPHEMES`] characters or [`MAX_BYTES`] bytes (`too_long`).
    #[error("is too long: at most {MAX_GRAPHEMES} characters")]
    TooLong,
    /// A control, format, private-use, unassigned or separator character
    /// (`invalid_characters`).
    #[error(
        "contains {} at position {position}; control, format and zero-width characters are not allowed",
        crate::text::CharName(*.found)
    )]
    InvalidCharacter {
        /// The character.
        found: char,
        /// 1-based character position in the normalized name.
        position: usize,
    },
    /// No letter and no digit (`invalid_characters`).
    #[error("must contain at least one letter or digit")]
    NoLetterOrDigit,
}

impl FullNameError {
    /// The stable code: `required`, `too_long` or `invalid_characters`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            FullNameError::Empty => ErrorCode::Required,
            FullNameError::TooLong => ErrorCode::TooLong,
            _ => ErrorCode::InvalidCharacters,
        }
    }
}

impl Coded for FullNameError {
    fn code(&self) -> ErrorCode {
        FullNameError::code(self)
    }
}

/// Characters a printed name must not hold: every `C*` category (controls, format
/// characters such as bidi overrides and zero-width characters, surrogates, private use,
/// unassigned) and the line and paragraph separators.
pub(crate) fn is_unprintable(c: char) -> bool {
    matches!(unicode::group(c), Group::Other)
        || matches!(
            unicode::category(c),
            GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator
        )
}

impl FullName {
    /// Validates and normalizes a full name or business name.
    pub fn parse(input: &str) -> Result<FullName, FullNameError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(FullNameError::Empty);
        }
        if trimmed.len() > MAX_RAW_BYTES {
            return Err(FullNameError::TooLong);
        }
        let mut s = crate::text::trim_nfc(trimmed);
        if s.contains('\u{A0}') {
            s = std::borrow::Cow::Owned(s.replace('\u{A0}', " "));
        }
        if s.len() > MAX_BYTES {
            return Err(FullNameError::TooLong);
        }
        for (i, c) in s.chars().enumerate() {
            if is_unprintable(c) {
                return Err(FullNameError::InvalidCharacter {
                    found: c,
                    position: i.saturating_add(1),
                });
            }
        }
        if !unicode::has_letter_or_number(&s) {
            return Err(FullNameError::NoLetterOrDigit);
        }
        if s.chars().count() > MAX_GRAPHEMES && s.graphemes(true).count() > MAX_GRAPHEMES {
            return Err(FullNameError::TooLong);
        }
        Ok(FullName(s.into_owned()))
    }

    /// The normalized name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Names are personal data: Debug shows only the length.
impl fmt::Debug for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FullName({} chars)", self.0.chars().count())
    }
}

str_impls!(FullName, FullNameError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn businesses_and_people_pass() {
        for ok in [
            "Acme & Sons Ltd.",
            "3M",
            "Ọlá's Café",
            "AT&T",
            "Müller GmbH & Co. KG",
            "O’Brien",
            "محمد العلي",
            "Brighton Mboya",
            "I ❤ NY Deli",
        ] {
            assert_eq!(FullName::parse(ok).unwrap().as_str(), ok, "{ok}");
        }
        assert_eq!(FullName::parse("  Ac\u{A0}me  ").unwrap().as_str(), "Ac me");
        assert_eq!(FullName::parse("Cafe\u{301}").unwrap().as_str(), "Café");
    }

    #[test]
    fn refusals() {
        assert_eq!(FullName::parse(" \t").unwrap_err(), FullNameError::Empty);
        for (bad, found, position) in [
            ("Acme\u{7}", '\u{7}', 5),
            ("Acme\u{202E}Ltd", '\u{202E}', 5),
            ("A\u{200D}B", '\u{200D}', 2),
            ("Ac\u{FEFF}me", '\u{FEFF}', 3),
            ("Acme\u{2028}Ltd", '\u{2028}', 5),
            ("Acme\u{E000}", '\u{E000}', 5),
            ("Acme\nLtd", '\n', 5),
        ] {
            assert_eq!(
                FullName::parse(bad).unwrap_err(),
                FullNameError::InvalidCharacter { found, position },
                "{bad:?}"
            );
        }
        for bad in ["🚀", "😀 😀", "...", "&", "👨‍👩‍👧"] {
            assert!(FullName::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            FullName::parse("🚀🚀").unwrap_err(),
            FullNameError::NoLetterOrDigit
        );
    }

    /// A name of keycap emoji only (digit, U+FE0F, U+20E3, or without the U+FE0F) is
    /// emoji only, like `#️⃣`: the digit is the key's picture.
    #[test]
    fn keycap_emoji_are_not_digits() {
        for bad in [
            "1\u{FE0F}\u{20E3}",
            "2\u{FE0F}\u{20E3}0\u{FE0F}\u{20E3}2\u{FE0F}\u{20E3}4\u{FE0F}\u{20E3}",
            "1\u{20E3}",
            "#\u{FE0F}\u{20E3}",
            "*\u{FE0F}\u{20E3}",
            " 1\u{FE0F}\u{20E3} 🚀 ",
        ] {
            assert_eq!(
                FullName::parse(bad),
                Err(FullNameError::NoLetterOrDigit),
                "{bad:?}"
            );
        }
        for ok in [
            "1\u{FE0F}\u{20E3} Acme",
            "Room 1\u{FE0F}\u{20E3}",
            "1\u{FE0F}\u{20E3}2",
            "1\u{FE0F}",
            "2024",
            "\u{661}\u{662}",
        ] {
            assert!(FullName::parse(ok).is_ok(), "{ok:?}");
        }
        // As spec 003's billing `name`, the way the defect was found.
        let body = "{\"name\": \"1\u{FE0F}\u{20E3}\"}";
        let errors =
            crate::profile::billing::CreateBillingCustomer::from_json(body.as_bytes()).unwrap_err();
        let found: Vec<(&str, ErrorCode)> =
            errors.iter().map(|e| (e.pointer(), e.code())).collect();
        assert_eq!(found, [("/name", ErrorCode::InvalidCharacters)]);
    }

    proptest::proptest! {
        /// Keycap sequences and spaces alone are refused; one letter anywhere makes a name.
        #[test]
        fn keycaps_alone_are_refused(
            keys in proptest::collection::vec((proptest::sample::select(&['0', '5', '9', '#', '*'][..]), proptest::bool::ANY, proptest::bool::ANY), 1..8),
            letter in proptest::sample::select(&['a', 'Ọ', '株'][..]),
            at in 0usize..8,
        ) {
            let mut text = String::new();
            for (base, selector, space) in &keys {
                text.push(*base);
                if *selector {
                    text.push('\u{FE0F}');
                }
                text.push('\u{20E3}');
                if *space {
                    text.push(' ');
                }
            }
            proptest::prop_assert_eq!(FullName::parse(&text), Err(FullNameError::NoLetterOrDigit));
            let cut = text
                .char_indices()
                .map(|(i, _)| i)
                .filter(|i| text[*i..].starts_with(|c: char| !matches!(c, '\u{FE0F}' | '\u{20E3}')))
                .nth(at)
                .unwrap_or(text.len());
            let mut with_letter = text.clone();
            with_letter.insert(cut, letter);
            proptest::prop_assert!(FullName::parse(&with_letter).is_ok(), "{:?}", with_letter);
        }
    }

    #[test]
    fn length_is_in_user_perceived_characters() {
        assert!(FullName::parse(&"a".repeat(255)).is_ok());
        assert_eq!(
            FullName::parse(&"a".repeat(256)).unwrap_err(),
            FullNameError::TooLong
        );
        // 255 graphemes of two code points each pass.
        assert!(FullName::parse(&"e\u{301}\u{302}".repeat(200)).is_ok());
        assert_eq!(
            FullName::parse(&"x".repeat(1_000_000)).unwrap_err(),
            FullNameError::TooLong
        );
    }
}
