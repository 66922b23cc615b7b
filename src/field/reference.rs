//! External references (spec 002's `reference`): the merchant's own key for a customer,
//! unique within the merchant account.
//!
//! The rule: surrounding whitespace is trimmed; then 1 to [`MAX_CHARS`] characters
//! (Unicode scalar values, as `varchar(255)` counts them), every one printable: no
//! control, format (bidi, zero-width), private-use or unassigned character, no line
//! separator. The text is otherwise kept exactly (no case folding, no normalization), so
//! the stored value is the merchant's key byte for byte and two references are the same
//! key exactly when their strings are equal.

use std::fmt;

use crate::error::{Coded, ErrorCode};

/// The most characters in a reference.
pub const MAX_CHARS: usize = 255;

/// A validated external reference.
///
/// ```
/// use customer_core::Reference;
///
/// assert_eq!(Reference::parse(" INV-2024-001 ").unwrap().as_str(), "INV-2024-001");
/// assert_eq!(Reference::parse("INV\t1").unwrap_err().code().as_str(), "invalid_characters");
/// assert_eq!(Reference::parse(&"x".repeat(256)).unwrap_err().code().as_str(), "too_long");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference(String);

/// Why a string is not a [`Reference`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReferenceError {
    /// Empty or only whitespace (`required`).
    #[error("is required")]
    Empty,
    /// More than [`MAX_CHARS`] characters (`too_long`).
    #[error("is too long: at most {MAX_CHARS} characters")]
    TooLong,
    /// A character that does not print (`invalid_characters`).
    #[error(
        "contains {} at position {position}; a reference holds printable characters only",
        crate::text::CharName(*.found)
    )]
    InvalidCharacter {
        /// The character.
        found: char,
        /// 1-based character position.
        position: usize,
    },
}

impl ReferenceError {
    /// The stable code: `required`, `too_long` or `invalid_characters`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            ReferenceError::Empty => ErrorCode::Required,
            ReferenceError::TooLong => ErrorCode::TooLong,
            ReferenceError::InvalidCharacter { .. } => ErrorCode::InvalidCharacters,
        }
    }
}

impl Coded for ReferenceError {
    fn code(&self) -> ErrorCode {
        ReferenceError::code(self)
    }
}

impl Reference {
    /// Validates a reference.
    pub fn parse(input: &str) -> Result<Reference, ReferenceError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ReferenceError::Empty);
        }
        // 4 bytes per character at most: longer input cannot be 255 characters.
        if s.len() > 4 * MAX_CHARS {
            return Err(ReferenceError::TooLong);
        }
        let mut count = 0usize;
        for c in s.chars() {
            count = count.saturating_add(1);
            if crate::field::full_name::is_unprintable(c) {
                return Err(ReferenceError::InvalidCharacter {
                    found: c,
                    position: count,
                });
            }
        }
        if count > MAX_CHARS {
            return Err(ReferenceError::TooLong);
        }
        Ok(Reference(s.to_owned()))
    }

    /// The reference, as sent (trimmed).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Reference({:?})", crate::text::truncate(&self.0, 64))
    }
}

str_impls!(Reference, ReferenceError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_as_sent() {
        for ok in ["INV-2024-001", "inv-2024-001", "Ref #7 / α", "x"] {
            assert_eq!(Reference::parse(ok).unwrap().as_str(), ok);
        }
        // No normalization: a decomposed é stays decomposed (the merchant's key exactly).
        assert_eq!(Reference::parse("e\u{301}").unwrap().as_str(), "e\u{301}");
        assert_eq!(
            Reference::parse(&"é".repeat(255))
                .unwrap()
                .as_str()
                .chars()
                .count(),
            255
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(Reference::parse("").unwrap_err(), ReferenceError::Empty);
        assert_eq!(
            Reference::parse(&"é".repeat(256)).unwrap_err(),
            ReferenceError::TooLong
        );
        assert_eq!(
            Reference::parse("A\u{200B}B").unwrap_err(),
            ReferenceError::InvalidCharacter {
                found: '\u{200B}',
                position: 2
            }
        );
        assert!(Reference::parse("A\u{0}").is_err());
    }
}
