//! Text helpers shared by the free-text rules (names, address lines).

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Trims surrounding whitespace and NFC-normalizes, borrowing when the input is already
/// normalized (the common case: no allocation for ASCII).
pub(crate) fn trim_nfc(input: &str) -> Cow<'_, str> {
    let s = trim(input);
    // ASCII text is NFC already: no table lookups for the common case.
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let normalized: String = s.nfc().collect();
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
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let normalized: String = s.nfc().collect();
            match normalized.trim() {
                t if t.len() == normalized.len() => Cow::Owned(normalized),
                t => Cow::Owned(t.to_owned()),
            }
        }
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

/// Describes a character for a message: `'7' (U+0037)`, or only the code point for
/// characters that would not show (controls, format characters, marks, spaces).
pub(crate) fn describe_char(c: char) -> String {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    let visible = !matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Other | GeneralCategoryGroup::Mark | GeneralCategoryGroup::Separator
    ) || c == ' ';
    match (visible, c) {
        (_, '`') => "'`' (U+0060)".to_owned(),
        (true, c) if c.is_ascii_punctuation() => format!("`{c}`"),
        (true, c) => format!("'{c}' (U+{:04X})", u32::from(c)),
        (false, c) => format!("U+{:04X}", u32::from(c)),
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

    #[test]
    fn describes_characters() {
        assert_eq!(describe_char('7'), "'7' (U+0037)");
        assert_eq!(describe_char('.'), "`.`");
        assert_eq!(describe_char(' '), "' ' (U+0020)");
        assert_eq!(describe_char('\u{200B}'), "U+200B");
        assert_eq!(describe_char('\u{202E}'), "U+202E");
        assert_eq!(describe_char('😀'), "'😀' (U+1F600)");
    }
}
