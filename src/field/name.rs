//! Personal names (`first_name`, `last_name`).
//!
//! The rule, after trimming surrounding whitespace and NFC normalization:
//! - at most [`MAX_GRAPHEMES`] user-perceived characters (extended grapheme clusters) and
//!   [`MAX_BYTES`] bytes of UTF-8;
//! - only Unicode letters (general category `L*`), combining marks (`M*`) directly after a
//!   letter or another mark (at most [`MAX_MARKS_PER_LETTER`] in a row), the space
//!   U+0020, hyphens (U+002D, U+2010), apostrophes (U+0027, U+2019; U+02BC is a
//!   letter already), and the middle dot U+00B7 between two letters (Catalan
//!   "Col·lell");
//! - a no-break space (U+00A0, common in pasted text) is stored as a plain space;
//! - at least one letter.
//!
//! Digits, periods, emoji, controls, zero-width and bidi characters are rejected, naming
//! the first offending character and its position. `char::is_alphabetic` is not the test:
//! it would reject Yoruba "Adébáyọ̀" (a combining mark survives NFC) and Devanagari names
//! (viramas are marks).

use std::fmt;

use crate::unicode::{self, Group};
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Coded, ErrorCode};

/// The most user-perceived characters (grapheme clusters) in a name.
pub const MAX_GRAPHEMES: usize = 100;
/// The most UTF-8 bytes in a normalized name.
pub const MAX_BYTES: usize = 1024;
/// The most combining marks allowed in a row after one letter.
pub const MAX_MARKS_PER_LETTER: usize = 6;
/// Raw input longer than this is rejected before normalization (NFC shrinks text by at
/// most a factor of three, so nothing valid is lost).
const MAX_RAW_BYTES: usize = 4 * MAX_BYTES;

/// A validated, NFC-normalized personal name.
///
/// ```
/// use customer_core::PersonName;
///
/// for ok in ["O’Brien", "Ngũgĩ wa Thiong’o", "Nguyễn", "Jean-Luc", "محمد", "王", "Adébáyọ̀"] {
///     assert_eq!(PersonName::parse(ok).unwrap().as_str(), ok);
/// }
/// let err = PersonName::parse("R2-D2").unwrap_err();
/// assert_eq!(err.code().as_str(), "invalid_characters");
/// assert_eq!(
///     err.to_string(),
///     "contains '2' (U+0032) at position 2; names may contain only letters, spaces, hyphens and apostrophes"
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonName(String);

/// Why a string is not a [`PersonName`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PersonNameError {
    /// Empty or only whitespace (`required`).
    #[error("is required")]
    Empty,
    /// More than [`MAX_GRAPHEMES`] characters or [`MAX_BYTES`] bytes (`too_long`).
    #[error("is too long: at most {MAX_GRAPHEMES} characters")]
    TooLong,
    /// A character outside the allowed set (`invalid_characters`).
    #[error(
        "contains {} at position {position}; names may contain only letters, spaces, hyphens and apostrophes",
        crate::text::CharName(*.found)
    )]
    InvalidCharacter {
        /// The character.
        found: char,
        /// 1-based character position in the normalized name.
        position: usize,
    },
    /// A combining mark that follows no letter (`invalid_characters`).
    #[error(
        "contains the combining mark {} at position {position} that follows no letter",
        crate::text::CharName(*.found)
    )]
    MarkWithoutLetter {
        /// The mark.
        found: char,
        /// 1-based character position in the normalized name.
        position: usize,
    },
    /// More than [`MAX_MARKS_PER_LETTER`] marks on one letter (`invalid_characters`).
    #[error(
        "has more than {MAX_MARKS_PER_LETTER} combining marks on the letter at position {position}"
    )]
    TooManyMarks {
        /// 1-based position of the letter that carries them.
        position: usize,
    },
    /// Only spaces, hyphens and apostrophes (`invalid_characters`).
    #[error("must contain at least one letter")]
    NoLetter,
}

impl PersonNameError {
    /// The stable code: `required`, `too_long` or `invalid_characters`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            PersonNameError::Empty => ErrorCode::Required,
            PersonNameError::TooLong => ErrorCode::TooLong,
            _ => ErrorCode::InvalidCharacters,
        }
    }
}

impl Coded for PersonNameError {
    fn code(&self) -> ErrorCode {
        PersonNameError::code(self)
    }
}

/// The general category group of `c`, answered directly for ASCII (the usual case in
/// most names) and by the Unicode table otherwise. A test checks every ASCII character
/// against the table.
fn category_group(c: char) -> Group {
    match c {
        'A'..='Z' | 'a'..='z' => Group::Letter,
        '0'..='9' => Group::Number,
        ' ' => Group::Separator,
        '\0'..='\x1f' | '\x7f' => Group::Other,
        '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' => Group::Symbol,
        '!'..='~' => Group::Punctuation,
        _ => unicode::group(c),
    }
}

/// The steps of [`PersonName::parse`] that have a fast path, so tests can run the parse
/// with the slow ones and compare.
struct Steps {
    trim: fn(&str) -> &str,
    trim_nfc: fn(&str) -> std::borrow::Cow<'_, str>,
    group: fn(char) -> Group,
}

const FAST: Steps = Steps {
    trim: crate::text::trim,
    trim_nfc: crate::text::trim_nfc,
    group: category_group,
};

/// Checks the character rule on normalized text.
fn check_chars(s: &str, group: fn(char) -> Group) -> Result<(), PersonNameError> {
    let mut letters = 0usize;
    let mut marks_in_row = 0usize;
    let mut after_letter = false;
    let mut letter_position = 0usize;
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let position = i.saturating_add(1);
        match group(c) {
            Group::Letter => {
                letters = letters.saturating_add(1);
                after_letter = true;
                marks_in_row = 0;
                letter_position = position;
            }
            Group::Mark => {
                if !after_letter {
                    return Err(PersonNameError::MarkWithoutLetter { found: c, position });
                }
                marks_in_row = marks_in_row.saturating_add(1);
                if marks_in_row > MAX_MARKS_PER_LETTER {
                    return Err(PersonNameError::TooManyMarks {
                        position: letter_position,
                    });
                }
            }
            _ if c == '\u{B7}'
                && after_letter
                && chars
                    .peek()
                    .is_some_and(|(_, next)| group(*next) == Group::Letter) =>
            {
                after_letter = false;
                marks_in_row = 0;
            }
            _ if matches!(c, ' ' | '-' | '\u{2010}' | '\'' | '\u{2019}') => {
                after_letter = false;
                marks_in_row = 0;
            }
            _ => {
                return Err(PersonNameError::InvalidCharacter { found: c, position });
            }
        }
    }
    if letters == 0 {
        return Err(PersonNameError::NoLetter);
    }
    Ok(())
}

impl PersonName {
    /// Validates and normalizes a name.
    pub fn parse(input: &str) -> Result<PersonName, PersonNameError> {
        let trimmed = crate::text::trim(input);
        if trimmed.is_ascii() && !trimmed.is_empty() && trimmed.len() <= MAX_BYTES {
            return Self::parse_ascii(trimmed);
        }
        Self::parse_with(input, &FAST)
    }

    /// A trimmed, non-empty ASCII name of at most [`MAX_BYTES`]: already NFC, one char
    /// and one grapheme per byte once the characters pass (`\r\n`, the only two-byte
    /// ASCII grapheme, never does), so the rule is one pass over the bytes.
    fn parse_ascii(s: &str) -> Result<PersonName, PersonNameError> {
        let mut letters = 0usize;
        for (i, b) in s.bytes().enumerate() {
            if b.is_ascii_alphabetic() {
                letters = letters.saturating_add(1);
            } else if !matches!(b, b' ' | b'-' | b'\'') {
                return Err(PersonNameError::InvalidCharacter {
                    found: char::from(b),
                    position: i.saturating_add(1),
                });
            }
        }
        if letters == 0 {
            return Err(PersonNameError::NoLetter);
        }
        if s.len() > MAX_GRAPHEMES {
            return Err(PersonNameError::TooLong);
        }
        Ok(PersonName(s.to_owned()))
    }

    fn parse_with(input: &str, steps: &Steps) -> Result<PersonName, PersonNameError> {
        let trimmed = (steps.trim)(input);
        if trimmed.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if trimmed.len() > MAX_RAW_BYTES {
            return Err(PersonNameError::TooLong);
        }
        let mut s = (steps.trim_nfc)(trimmed);
        if !s.is_ascii() && s.contains('\u{A0}') {
            s = std::borrow::Cow::Owned(s.replace('\u{A0}', " "));
        }
        if s.len() > MAX_BYTES {
            return Err(PersonNameError::TooLong);
        }
        check_chars(&s, steps.group)?;
        // Cheap bound first: fewer chars than the limit means fewer graphemes too.
        // (and fewer bytes than the limit means fewer chars).
        if s.len() > MAX_GRAPHEMES
            && s.chars().count() > MAX_GRAPHEMES
            && s.graphemes(true).count() > MAX_GRAPHEMES
        {
            return Err(PersonNameError::TooLong);
        }
        Ok(PersonName(s.into_owned()))
    }

    /// The normalized name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Consumes the name, returning the normalized string.
    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Shows only the first character, so names do not end up whole in logs.
impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = self.0.graphemes(true).next().unwrap_or("");
        write!(f, "PersonName({first}…)")
    }
}

str_impls!(PersonName, PersonNameError);

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn ok(s: &str) -> String {
        PersonName::parse(s)
            .unwrap_or_else(|e| panic!("{s:?} rejected: {e}"))
            .into_string()
    }

    #[track_caller]
    fn err(s: &str) -> PersonNameError {
        PersonName::parse(s).expect_err(s)
    }

    const SLOW: Steps = Steps {
        trim: str::trim,
        trim_nfc: crate::text::trim_nfc_slow,
        group: unicode::group,
    };

    #[test]
    fn ascii_categories_are_the_tables() {
        for c in (0..=0x7f_u8).map(char::from) {
            assert_eq!(category_group(c), unicode::group(c), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The ASCII fast paths give the slow path's verdict, value and error, on ASCII
        /// names (valid or not), on whitespace, and on names needing NFC or tables.
        #[test]
        fn fast_path_agrees_with_the_slow_path(
            s in "[ -~\\t\\n\\u{a0}\\u{2003}]{0,16}|[A-Za-z '\\-]{1,110}|\\PC{0,10}|[a-z\\u{300}-\\u{36f}\\u{b7} \\u{2019}]{0,12}"
        ) {
            proptest::prop_assert_eq!(
                PersonName::parse(&s).map(PersonName::into_string),
                PersonName::parse_with(&s, &SLOW).map(PersonName::into_string)
            );
        }
    }

    #[test]
    fn real_names_pass() {
        for name in [
            "O’Brien",
            "O'Brien",
            "Ngũgĩ wa Thiong’o",
            "Nguyễn",
            "Jean-Luc",
            "محمد",
            "王",
            "Adébáyọ̀",
            "'t Hooft",
            "देवनागरी",
            "Zoë",
            "Ólafur Ragnar",
            "Hawaiʻi",
            "Μαρία",
            "Şükrü",
            "Col·lell",
        ] {
            assert_eq!(ok(name), name);
        }
    }

    /// Keycap emoji (digit, U+FE0F, U+20E3) are refused at their first character, alone
    /// or after a name, as every digit and emoji is.
    #[test]
    fn keycap_emoji_are_refused() {
        for (bad, found, position) in [
            ("1\u{FE0F}\u{20E3}", '1', 1),
            ("2\u{FE0F}\u{20E3}0\u{FE0F}\u{20E3}", '2', 1),
            ("#\u{FE0F}\u{20E3}", '#', 1),
            ("Ada 1\u{FE0F}\u{20E3}", '1', 5),
        ] {
            assert_eq!(
                err(bad),
                PersonNameError::InvalidCharacter { found, position },
                "{bad:?}"
            );
            assert_eq!(err(bad).code(), ErrorCode::InvalidCharacters);
        }
    }

    #[test]
    fn middle_dot_only_between_letters() {
        assert!(matches!(
            err("·Anna"),
            PersonNameError::InvalidCharacter { position: 1, .. }
        ));
        assert!(matches!(
            err("Anna·"),
            PersonNameError::InvalidCharacter { position: 5, .. }
        ));
        assert!(matches!(
            err("An··na"),
            PersonNameError::InvalidCharacter { position: 3, .. }
        ));
    }

    #[test]
    fn no_break_space_becomes_space() {
        assert_eq!(ok("Jean\u{A0}Luc"), "Jean Luc");
    }

    #[test]
    fn trims_and_normalizes() {
        assert_eq!(ok("  Jose\u{301}  "), "José");
        assert_eq!(ok(&ok("  Jose\u{301}  ")), "José");
    }

    #[test]
    fn rejects_with_position() {
        assert_eq!(
            err("Jo.hn"),
            PersonNameError::InvalidCharacter {
                found: '.',
                position: 3
            }
        );
        assert_eq!(
            err("Ann😀"),
            PersonNameError::InvalidCharacter {
                found: '😀',
                position: 4
            }
        );
        assert_eq!(
            err("Jo\u{200B}hn"),
            PersonNameError::InvalidCharacter {
                found: '\u{200B}',
                position: 3
            }
        );
        assert_eq!(
            err("Jo\u{202E}hn"),
            PersonNameError::InvalidCharacter {
                found: '\u{202E}',
                position: 3
            }
        );
        assert_eq!(
            err("Jo\u{0}hn"),
            PersonNameError::InvalidCharacter {
                found: '\0',
                position: 3
            }
        );
        assert!(matches!(
            err("John\tSmith"),
            PersonNameError::InvalidCharacter { position: 5, .. }
        ));
        assert!(matches!(
            err("-\u{301}"),
            PersonNameError::MarkWithoutLetter { position: 2, .. }
        ));
        assert_eq!(err("' -"), PersonNameError::NoLetter);
        assert_eq!(err("   "), PersonNameError::Empty);
    }

    #[test]
    fn caps_marks_per_letter() {
        let zalgo = format!("a{}", "\u{301}\u{302}".repeat(4));
        assert_eq!(err(&zalgo), PersonNameError::TooManyMarks { position: 1 });
        let huge = format!("a{}", "\u{301}".repeat(10_000));
        assert_eq!(err(&huge), PersonNameError::TooLong);
    }

    #[test]
    fn length_counts_graphemes() {
        assert_eq!(ok(&"a".repeat(100)).len(), 100);
        assert_eq!(err(&"a".repeat(101)), PersonNameError::TooLong);
        // 100 letters each with two marks: 100 graphemes, 300 chars.
        let marked = "ọ̀".repeat(100);
        assert!(PersonName::parse(&marked).is_ok());
        assert_eq!(err(&format!("{marked}a")), PersonNameError::TooLong);
    }

    #[test]
    fn debug_hides_the_name() {
        assert_eq!(
            format!("{:?}", PersonName::parse("Adébáyọ̀").unwrap()),
            "PersonName(A…)"
        );
    }
}
