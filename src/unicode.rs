//! The Unicode data the rules read, from one source: ICU4X's compiled data, the same
//! tables `idna` (UTS #46, the email domain rule) already carries. Reading general
//! categories and NFC from them, not from a second set of crates, keeps one copy of each
//! table in a binary (the browser package's size) and one Unicode version for every rule.
//!
//! Grapheme clusters (the name length rule) still come from `unicode-segmentation`.

use std::borrow::Cow;

use icu_normalizer::ComposingNormalizerBorrowed;
use icu_properties::CodePointMapData;
pub(crate) use icu_properties::props::GeneralCategory;

/// The general category groups (the first letter of a category: `L`, `M`, `N`, `P`, `S`,
/// `Z`, `C`), as an enum the rules can match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    /// `L`: letters.
    Letter,
    /// `M`: combining marks.
    Mark,
    /// `N`: digits and other numbers.
    Number,
    /// `P`: punctuation.
    Punctuation,
    /// `S`: symbols.
    Symbol,
    /// `Z`: spaces and line and paragraph separators.
    Separator,
    /// `C`: controls, format characters, private use, surrogates and unassigned.
    Other,
}

/// The general category of `c`.
pub(crate) fn category(c: char) -> GeneralCategory {
    CodePointMapData::<GeneralCategory>::new().get(c)
}

/// The general category group of `c`.
pub(crate) fn group(c: char) -> Group {
    use GeneralCategory as G;
    match category(c) {
        G::UppercaseLetter
        | G::LowercaseLetter
        | G::TitlecaseLetter
        | G::ModifierLetter
        | G::OtherLetter => Group::Letter,
        G::NonspacingMark | G::EnclosingMark | G::SpacingMark => Group::Mark,
        G::DecimalNumber | G::LetterNumber | G::OtherNumber => Group::Number,
        G::DashPunctuation
        | G::OpenPunctuation
        | G::ClosePunctuation
        | G::ConnectorPunctuation
        | G::OtherPunctuation
        | G::InitialPunctuation
        | G::FinalPunctuation => Group::Punctuation,
        G::MathSymbol | G::CurrencySymbol | G::ModifierSymbol | G::OtherSymbol => Group::Symbol,
        G::SpaceSeparator | G::LineSeparator | G::ParagraphSeparator => Group::Separator,
        // Control, Format, PrivateUse, Surrogate, Unassigned, and any category a later
        // Unicode version adds.
        _ => Group::Other,
    }
}

/// U+20E3 COMBINING ENCLOSING KEYCAP: after a digit (`1⃣`, or `1️⃣` with U+FE0F between)
/// it makes a keycap emoji, a picture of a key rather than a digit.
const KEYCAP: char = '\u{20E3}';
/// U+FE0F VARIATION SELECTOR-16, emoji presentation.
const EMOJI_PRESENTATION: char = '\u{FE0F}';

/// True when `s` holds a letter, or a number that is not the base of a keycap emoji:
/// `1️⃣2️⃣` (digit, U+FE0F, U+20E3) is emoji only, like `#️⃣`.
pub(crate) fn has_letter_or_number(s: &str) -> bool {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match group(c) {
            Group::Letter => return true,
            Group::Number => {
                let mut rest = chars.clone();
                let mut next = rest.next();
                if next == Some(EMOJI_PRESENTATION) {
                    next = rest.next();
                }
                if next != Some(KEYCAP) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The NFC normalizer over compiled data (no allocation to build).
const NFC: ComposingNormalizerBorrowed<'static> = ComposingNormalizerBorrowed::new_nfc();

/// `s` in Normalization Form C, borrowed when it already is.
pub(crate) fn nfc(s: &str) -> Cow<'_, str> {
    NFC.normalize(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_known_characters() {
        for (c, want) in [
            ('a', Group::Letter),
            ('ọ', Group::Letter),
            ('\u{301}', Group::Mark),
            ('\u{94d}', Group::Mark),
            ('٣', Group::Number),
            ('-', Group::Punctuation),
            ('·', Group::Punctuation),
            ('$', Group::Symbol),
            ('\u{a0}', Group::Separator),
            ('\u{2028}', Group::Separator),
            ('\u{200d}', Group::Other),
            ('\u{e000}', Group::Other),
            ('\u{10ffff}', Group::Other),
        ] {
            assert_eq!(group(c), want, "{c:?}");
        }
        assert_eq!(category('\u{2029}'), GeneralCategory::ParagraphSeparator);
    }

    #[test]
    fn nfc_composes_and_borrows() {
        assert!(matches!(nfc("José"), Cow::Borrowed("José")));
        assert_eq!(nfc("Jose\u{301}"), "José");
        // A singleton decomposition: the Kelvin sign is K in NFC.
        assert_eq!(nfc("\u{212a}"), "K");
        // Reordering of combining marks by class.
        assert_eq!(nfc("a\u{323}\u{302}"), nfc("a\u{302}\u{323}"));
        assert!(matches!(nfc("Adébáyọ̀"), Cow::Borrowed(_)));
        assert!(matches!(nfc("Jose\u{301}"), Cow::Owned(_)));
    }

    proptest::proptest! {
        /// Differential: ICU4X's NFC gives what unicode-normalization's gives, on text
        /// from scripts whose normalization has been stable for many Unicode versions
        /// (Latin with combining marks, Greek, Vietnamese, Hangul syllables and jamo).
        #[test]
        fn nfc_agrees_with_unicode_normalization(
            s in "[a-zA-Z \u{300}-\u{36f}\u{1e00}-\u{1eff}\u{370}-\u{3ff}\u{1f00}-\u{1fff}\u{ac00}-\u{ac40}\u{1100}-\u{1112}\u{1161}-\u{1175}\u{11a8}-\u{11c2}\u{212a}\u{2126}]{0,24}"
        ) {
            use unicode_normalization::UnicodeNormalization;
            let theirs: String = s.nfc().collect();
            proptest::prop_assert_eq!(nfc(&s), theirs.as_str());
            proptest::prop_assert_eq!(matches!(nfc(&s), Cow::Borrowed(_)), s == theirs);
        }

        /// Every character's group is the group of its category.
        #[test]
        fn group_follows_category(c in proptest::char::any()) {
            let g = group(c);
            let letter = matches!(
                category(c),
                GeneralCategory::UppercaseLetter
                    | GeneralCategory::LowercaseLetter
                    | GeneralCategory::TitlecaseLetter
                    | GeneralCategory::ModifierLetter
                    | GeneralCategory::OtherLetter
            );
            proptest::prop_assert_eq!(g == Group::Letter, letter);
        }
    }
}
