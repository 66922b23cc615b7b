//! One text component of an address (a line, a city…): trimmed, NFC-normalized, at most
//! [`MAX_CHARS`] characters (Unicode scalar values, as database `varchar(255)` columns
//! count them), and free of control characters and bidirectional overrides.

use std::fmt;

use crate::error::{Coded, ErrorCode};
/// The most characters in one address component.
pub const MAX_CHARS: usize = 255;
/// Raw input longer than this many bytes is rejected before normalization.
const MAX_RAW_BYTES: usize = 4 * 4 * MAX_CHARS;

/// One validated, NFC-normalized text component of an address (a line, a city…).
///
/// ```
/// use customer_core::AddressText;
///
/// assert_eq!(AddressText::parse("  123 Test Lane ").unwrap().as_str(), "123 Test Lane");
/// assert_eq!(AddressText::parse("a\u{7}b").unwrap_err().code().as_str(), "invalid_characters");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AddressText(String);

/// Why a string is not an [`AddressText`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddressTextError {
    /// Empty or only whitespace (`required`, for required components).
    #[error("is required")]
    Empty,
    /// More than [`MAX_CHARS`] characters (`too_long`).
    #[error("is too long: at most {MAX_CHARS} characters")]
    TooLong,
    /// A control character or a bidirectional override (`invalid_characters`).
    #[error(
        "contains the control character {} at position {position}",
        crate::text::CharName(*.found)
    )]
    Control {
        /// The character.
        found: char,
        /// 1-based character position.
        position: usize,
    },
}

impl AddressTextError {
    /// The stable code: `required`, `too_long` or `invalid_characters`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            AddressTextError::Empty => ErrorCode::Required,
            AddressTextError::TooLong => ErrorCode::TooLong,
            AddressTextError::Control { .. } => ErrorCode::InvalidCharacters,
        }
    }
}

impl Coded for AddressTextError {
    fn code(&self) -> ErrorCode {
        AddressTextError::code(self)
    }
}

/// Controls (`Cc`), bidi embeddings, overrides and isolates, and line/paragraph
/// separators: characters that break a printed address or disguise it.
fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

impl AddressText {
    /// Validates one address component.
    pub fn parse(input: &str) -> Result<AddressText, AddressTextError> {
        let trimmed = crate::text::trim(input);
        if trimmed.is_empty() {
            return Err(AddressTextError::Empty);
        }
        if trimmed.len() > MAX_RAW_BYTES {
            return Err(AddressTextError::TooLong);
        }
        if trimmed.is_ascii() {
            return Self::parse_ascii(trimmed);
        }
        Self::parse_general(trimmed, crate::text::trim_nfc)
    }

    /// ASCII text: already NFC, one char per byte, and its only forbidden characters are
    /// the C0 controls and DEL.
    fn parse_ascii(s: &str) -> Result<AddressText, AddressTextError> {
        if let Some((i, b)) = s.bytes().enumerate().find(|&(_, b)| b < 0x20 || b == 0x7f) {
            return Err(AddressTextError::Control {
                found: char::from(b),
                position: i.saturating_add(1),
            });
        }
        if s.len() > MAX_CHARS {
            return Err(AddressTextError::TooLong);
        }
        Ok(AddressText(s.to_owned()))
    }

    /// Any text, trimmed and bounded: the general (slow) path.
    fn parse_general(
        trimmed: &str,
        trim_nfc: fn(&str) -> std::borrow::Cow<'_, str>,
    ) -> Result<AddressText, AddressTextError> {
        let s = trim_nfc(trimmed);
        let mut count = 0usize;
        for c in s.chars() {
            count = count.saturating_add(1);
            if is_forbidden(c) {
                return Err(AddressTextError::Control {
                    found: c,
                    position: count,
                });
            }
        }
        if count > MAX_CHARS {
            return Err(AddressTextError::TooLong);
        }
        Ok(AddressText(s.into_owned()))
    }

    /// Validates an optional component: `None`, or blank, is `Ok(None)`.
    pub fn parse_optional(input: Option<&str>) -> Result<Option<AddressText>, AddressTextError> {
        match input {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => AddressText::parse(s).map(Some),
        }
    }

    /// The normalized text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Addresses are personal data: Debug shows only the length.
impl fmt::Debug for AddressText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AddressText({} chars)", self.0.chars().count())
    }
}

str_impls!(AddressText, AddressTextError);

#[cfg(test)]
mod tests {
    use super::*;

    /// [`AddressText::parse`] without its fast paths.
    fn parse_slow(input: &str) -> Result<AddressText, AddressTextError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(AddressTextError::Empty);
        }
        if trimmed.len() > MAX_RAW_BYTES {
            return Err(AddressTextError::TooLong);
        }
        AddressText::parse_general(trimmed, crate::text::trim_nfc_slow)
    }

    proptest::proptest! {
        /// The ASCII fast path gives the slow path's verdict, value and error: on ASCII
        /// with controls and DEL, around the length limit, and on text needing NFC.
        #[test]
        fn fast_path_agrees_with_the_slow_path(
            s in "[\\x00-\\x7f]{0,12}|[ -~]{250,260}|[ -~\\x7f\\t]{0,3}[ -~\\u{85}\\u{a0}\\u{202e}\\u{2028}]{0,6}|\\PC{0,10}|[a-z\\u{300}-\\u{36f} ]{0,12}"
        ) {
            proptest::prop_assert_eq!(
                AddressText::parse(&s).map(|t| t.as_str().to_owned()),
                parse_slow(&s).map(|t| t.as_str().to_owned())
            );
        }
    }

    #[test]
    fn components_are_bounded_and_clean() {
        assert_eq!(
            AddressText::parse(&"a".repeat(255)).unwrap().as_str().len(),
            255
        );
        assert_eq!(
            AddressText::parse(&"a".repeat(256)).unwrap_err(),
            AddressTextError::TooLong
        );
        assert_eq!(
            AddressText::parse(&"é".repeat(255))
                .unwrap()
                .as_str()
                .chars()
                .count(),
            255
        );
        assert_eq!(
            AddressText::parse(&"x".repeat(100_000)).unwrap_err(),
            AddressTextError::TooLong
        );
        assert_eq!(
            AddressText::parse("Suite\u{202E}456").unwrap_err(),
            AddressTextError::Control {
                found: '\u{202E}',
                position: 6
            }
        );
        assert_eq!(
            AddressText::parse("line\nbreak").unwrap_err(),
            AddressTextError::Control {
                found: '\n',
                position: 5
            }
        );
        assert_eq!(
            AddressText::parse(" \t ").unwrap_err(),
            AddressTextError::Empty
        );
    }

    #[test]
    fn optional_blank_is_none() {
        assert_eq!(AddressText::parse_optional(Some("  ")).unwrap(), None);
        assert_eq!(AddressText::parse_optional(None).unwrap(), None);
        assert!(AddressText::parse_optional(Some("x")).unwrap().is_some());
    }

    #[test]
    fn debug_does_not_show_text() {
        assert_eq!(
            format!("{:?}", AddressText::parse("12 Secret Rd").unwrap()),
            "AddressText(12 chars)"
        );
    }
}
