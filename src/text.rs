//! Text helpers shared by the free-text rules (names, address lines).

use std::borrow::Cow;
use std::fmt;

use crate::unicode::{self, Group};

/// Trims surrounding whitespace and NFC-normalizes, borrowing when the input is already
/// normalized (the common case: no allocation for ASCII).
pub(crate) fn trim_nfc(input: &str) -> Cow<'_, str> {
    let s = trim(input);
    // ASCII text is NFC already: no table lookups for the common case.
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    match unicode::nfc(s) {
        Cow::Borrowed(s) => Cow::Borrowed(s),
        Cow::Owned(normalized) => {
            // NFC can expose new surrounding whitespace only in pathological input; trim
            // again so normalization is idempotent.
            match normalized.trim() {
                t if t.len() == normalized.len() => Cow::Owned(normalized),
                t => Cow::Owned(t.to_owned()),
            }
        }
    }
}

/// [`trim_nfc`] without its shortcuts: what the fast paths are tested against.
#[cfg(test)]
pub(crate) fn trim_nfc_slow(input: &str) -> Cow<'_, str> {
    let s = input.trim();
    match unicode::nfc(s) {
        Cow::Borrowed(s) => Cow::Borrowed(s),
        Cow::Owned(normalized) => match normalized.trim() {
            t if t.len() == normalized.len() => Cow::Owned(normalized),
            t => Cow::Owned(t.to_owned()),
        },
    }
}

/// `str::trim`, with a shortcut: text that starts and ends with a visible ASCII
/// character (the usual case) has no surrounding whitespace, so it is returned as is.
pub(crate) fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7f);
    let bytes = s.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        s
    } else {
        s.trim()
    }
}

/// A character as a message shows it: `'7' (U+0037)`, `` `.` `` for ASCII punctuation,
/// or only the code point for characters that would not show (controls, format
/// characters, marks, spaces). Formats without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharName(pub(crate) char);

impl fmt::Display for CharName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        let visible = !matches!(
            unicode::group(c),
            Group::Other | Group::Mark | Group::Separator
        ) || c == ' ';
        match (visible, c) {
            (_, '`') => f.write_str("'`' (U+0060)"),
            (true, c) if c.is_ascii_punctuation() => write!(f, "`{c}`"),
            (true, c) => write!(f, "'{c}' (U+{:04X})", u32::from(c)),
            (false, c) => write!(f, "U+{:04X}", u32::from(c)),
        }
    }
}

/// The most bytes an [`Excerpt`] keeps.
pub const EXCERPT_BYTES: usize = 32;

/// A bounded excerpt of an input, kept in an error so the message can name the bad value
/// without allocating and without echoing megabytes: at most [`EXCERPT_BYTES`] bytes, cut
/// on a character boundary.
///
/// ```
/// use customer_core::Country;
///
/// let err = Country::parse("Tanzania").unwrap_err();
/// assert_eq!(err.to_string(), "`Tanzania` is not an ISO 3166-1 alpha-2 code; did you mean `TZ`?");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Excerpt {
    bytes: [u8; EXCERPT_BYTES],
    len: u8,
    cut: bool,
}

impl Excerpt {
    /// The first [`EXCERPT_BYTES`] bytes of `s` at most, on a character boundary.
    #[must_use]
    pub fn new(s: &str) -> Excerpt {
        let kept = truncate(s, EXCERPT_BYTES);
        let mut bytes = [0u8; EXCERPT_BYTES];
        let len = kept.len().min(EXCERPT_BYTES);
        if let (Some(to), Some(from)) = (bytes.get_mut(..len), kept.as_bytes().get(..len)) {
            to.copy_from_slice(from);
        }
        Excerpt {
            bytes,
            len: u8::try_from(len).unwrap_or(0),
            cut: kept.len() < s.len(),
        }
    }

    /// The kept text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.bytes
            .get(..usize::from(self.len))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// True when the input was longer than what is kept.
    #[must_use]
    pub fn is_cut(&self) -> bool {
        self.cut
    }

    /// True when the text shows safely between backticks in a message: printable, no
    /// backtick, no control or format character.
    #[must_use]
    pub fn is_printable(&self) -> bool {
        self.as_str().chars().all(|c| {
            !c.is_control() && c != '`' && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        })
    }
}

/// Shows the text, with `…` when it was cut.
impl fmt::Display for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())?;
        if self.cut { f.write_str("…") } else { Ok(()) }
    }
}

impl fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Excerpt({:?}{})",
            self.as_str(),
            if self.cut { "…" } else { "" }
        )
    }
}

/// A name folded for near-miss hints: ASCII-lowercased, `_` and `-` dropped
/// (`zipCode`, `zip-code` and `zip_code` all fold to `zipcode`). Callers bound the input.
pub(crate) fn fold_name(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Cuts `s` to at most `max` bytes on a char boundary.
pub(crate) fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    s.get(..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_and_borrows_when_normalized() {
        assert!(matches!(trim_nfc("  Jean  "), Cow::Borrowed("Jean")));
        let composed = trim_nfc("Jose\u{301}");
        assert_eq!(composed, "José");
        assert!(matches!(composed, Cow::Owned(_)));
    }

    #[test]
    fn describes_characters() {
        let name = |c| CharName(c).to_string();
        assert_eq!(name('7'), "'7' (U+0037)");
        assert_eq!(name('.'), "`.`");
        assert_eq!(name(' '), "' ' (U+0020)");
        assert_eq!(name('\u{200B}'), "U+200B");
        assert_eq!(name('\u{202E}'), "U+202E");
        assert_eq!(name('😀'), "'😀' (U+1F600)");
        assert_eq!(name('`'), "'`' (U+0060)");
    }

    #[test]
    fn excerpts_are_bounded_on_char_boundaries() {
        let short = Excerpt::new("Tanzania");
        assert_eq!((short.as_str(), short.is_cut()), ("Tanzania", false));
        assert_eq!(short.to_string(), "Tanzania");
        let long = Excerpt::new(&"é".repeat(40));
        assert_eq!(long.as_str(), "é".repeat(16));
        assert!(long.is_cut());
        assert_eq!(long.to_string(), format!("{}…", "é".repeat(16)));
        assert!(!Excerpt::new("a`b").is_printable());
        assert!(!Excerpt::new("a\u{202E}b").is_printable());
        assert!(Excerpt::new("Dar es Salaam").is_printable());
    }

    proptest::proptest! {
        /// The shortcuts (`trim` on visible ASCII ends, `trim_nfc` on ASCII) give what the
        /// slow paths give, on ASCII, on whitespace of every kind and on text needing NFC.
        #[test]
        fn fast_paths_agree_with_the_slow_paths(
            s in "[ -~\t\n\r\x0b\x0c\u{85}\u{a0}\u{2003}\u{3000}]{0,12}|\\PC{0,8}|[ a-z\u{300}-\u{36f}\u{1e00}-\u{1eff}]{0,8}|[\x00-\x7f]{0,8}"
        ) {
            proptest::prop_assert_eq!(trim(&s), s.trim());
            proptest::prop_assert_eq!(trim_nfc(&s), trim_nfc_slow(&s));
        }
    }
}
