//! The domain (after the `@`): IDNA through UTS #46, IDNA2008's registrable characters,
//! label and domain lengths, and the special-use names.

use std::borrow::Cow;

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

use super::error::echo;
use super::{EmailError, MAX_DOMAIN_BYTES, MAX_LABEL_BYTES, SPECIAL_USE_DOMAINS};
use crate::unicode::{self, GeneralCategory, Group};

/// UTS #46 label separators: the full stop and the ideographic and full-width ones.
fn is_label_separator(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}')
}

/// A character no domain may contain, checked before IDNA mapping so the message can
/// name it and its position (email-validator's pre-checks): ASCII other than letters,
/// digits, hyphens and dots; controls, format characters, unassigned and private-use code
/// points, spaces and separators; a combining mark first; and characters whose
/// UTS #46 mapping holds a dot (`⒈`), which would smuggle in a label break, or other ASCII
/// that domains cannot hold (full-width `＠`).
fn domain_char_allowed(c: char, first: bool) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '-' || c == '.';
    }
    if is_label_separator(c) {
        return true;
    }
    match unicode::group(c) {
        Group::Other | Group::Separator => return false,
        Group::Mark if first => return false,
        // Letters, marks and decimal digits never map to ASCII punctuation: skip the
        // mapping below, the costly part of this check.
        Group::Letter | Group::Mark => return true,
        _ if unicode::category(c) == GeneralCategory::DecimalNumber => return true,
        _ => {}
    }
    // Full-width `＠`, `＿`… become ASCII that domains cannot hold; `⒈` becomes `1.`.
    // UTS #46's own mapping says so (no second decomposition table in the binary).
    let mut buf = [0u8; 4];
    let (mapped, _) = UTS46.to_unicode(
        c.encode_utf8(&mut buf).as_bytes(),
        AsciiDenyList::EMPTY,
        Hyphens::Allow,
    );
    !mapped
        .chars()
        .any(|d| d.is_ascii() && !(d.is_ascii_alphanumeric() || d == '-'))
}

/// True for the scripts the IDNA2008 context rules name (approximated by blocks).
fn is_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
}
fn is_hebrew(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}')
}
fn is_kana_or_han(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// The first character of a (UTS #46-mapped) label that IDNA2008 (RFC 5892) does not let
/// a registry register, or `None`. UTS #46 alone accepts symbols and emoji (`☃`, `😀`);
/// registries, and email-validator, follow IDNA2008. The derived property is computed from
/// the general category (letters, marks, decimal digits) and the RFC's short exception
/// list (section 2.6), with its context rules for `·`, `͵`, `׳`, `״`, `・` and the two sets
/// of Arabic-Indic digits (appendix A); no mapping table is written here.
fn idna2008_disallowed(label: &str) -> Option<char> {
    // Every rule below is about a non-ASCII character (ASCII ones are skipped).
    if label.is_ascii() {
        return None;
    }
    let chars: Vec<char> = label.chars().collect();
    let arabic_indic = chars.iter().any(|c| matches!(c, '\u{0660}'..='\u{0669}'));
    let extended = chars.iter().any(|c| matches!(c, '\u{06F0}'..='\u{06F9}'));
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i.saturating_add(1)).copied();
        let ok = match c {
            '\u{00DF}' | '\u{03C2}' | '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => true,
            '\u{0640}'
            | '\u{07FA}'
            | '\u{302E}'
            | '\u{302F}'
            | '\u{3031}'..='\u{3035}'
            | '\u{303B}' => false,
            '\u{00B7}' => before == Some('l') && after == Some('l'),
            '\u{0375}' => after.is_some_and(is_greek),
            '\u{05F3}' | '\u{05F4}' => before.is_some_and(is_hebrew),
            '\u{30FB}' => chars.iter().any(|&d| is_kana_or_han(d)),
            '\u{0660}'..='\u{0669}' => !extended,
            '\u{06F0}'..='\u{06F9}' => !arabic_indic,
            // Old Hangul jamo, and blocks RFC 5892 ignores.
            '\u{1100}'..='\u{11FF}'
            | '\u{A960}'..='\u{A97F}'
            | '\u{D7B0}'..='\u{D7FF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{1D100}'..='\u{1D24F}' => false,
            c => matches!(
                unicode::category(c),
                GeneralCategory::LowercaseLetter
                    | GeneralCategory::UppercaseLetter
                    | GeneralCategory::OtherLetter
                    | GeneralCategory::ModifierLetter
                    | GeneralCategory::NonspacingMark
                    | GeneralCategory::SpacingMark
                    | GeneralCategory::DecimalNumber
            ),
        };
        if !ok {
            return Some(c);
        }
    }
    None
}

/// A validated domain: the Unicode form, and the `xn--` form when it differs.
#[derive(Debug, PartialEq)]
pub(super) struct Domain<'a> {
    pub(super) unicode: Cow<'a, str>,
    pub(super) ascii: Option<String>,
}

/// The domain processor: UTS #46 with STD3 ASCII rules, nontransitional; hyphen positions
/// and lengths are checked here, to name the label at fault.
const UTS46: Uts46 = Uts46::new();

/// Validates the domain. `base` is the 1-based position of its first character.
pub(super) fn check_domain(domain: &str, base: usize) -> Result<Domain<'_>, EmailError> {
    if plain_ascii_valid(domain) {
        let unicode = if domain.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(domain.to_ascii_lowercase())
        } else {
            Cow::Borrowed(domain)
        };
        check_special_use(&unicode, &unicode)?;
        return Ok(Domain {
            unicode,
            ascii: None,
        });
    }
    check_domain_slow(domain, base)
}

/// True when `domain` is ASCII and passes every rule of [`check_domain_slow`] but the
/// special-use names: in one pass over the bytes, with no allocation (the usual domain).
/// Whatever it does not accept (any error, and `xn--` labels, which need decoding) goes
/// the slow way, which names the fault. A proptest compares the two.
fn plain_ascii_valid(domain: &str) -> bool {
    if domain.is_empty() || domain.len() > MAX_DOMAIN_BYTES {
        return false;
    }
    let mut labels = 0usize;
    let mut last: &[u8] = &[];
    for label in domain.as_bytes().split(|&b| b == b'.') {
        let fine = label.len() <= MAX_LABEL_BYTES
            && label.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && label.first().is_some_and(|b| *b != b'-')
            && label.last().is_some_and(|b| *b != b'-')
            // Hyphens in positions 3 and 4: reserved, or an `xn--` label.
            && label.get(2..4) != Some(b"--".as_slice());
        if !fine {
            return false;
        }
        labels = labels.saturating_add(1);
        last = label;
    }
    labels >= 2 && last.iter().all(u8::is_ascii_alphabetic)
}

/// Refuses the special-use domain names (RFC 6761 and after), on the `xn--` form.
fn check_special_use(ascii_form: &str, unicode: &str) -> Result<(), EmailError> {
    for name in SPECIAL_USE_DOMAINS {
        let special = ascii_form
            .strip_suffix(name)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'));
        if special {
            return Err(EmailError::SpecialUse {
                domain: echo(unicode),
                name,
            });
        }
    }
    Ok(())
}

/// [`check_domain`] for every domain: the rules in order, naming the first fault.
pub(super) fn check_domain_slow(domain: &str, base: usize) -> Result<Domain<'_>, EmailError> {
    if domain.is_empty() {
        return Err(EmailError::DomainEmpty);
    }
    if domain.starts_with('[') {
        return Err(EmailError::IpLiteral);
    }
    let mut previous_separator = false;
    for (i, c) in domain.chars().enumerate() {
        let position = base.saturating_add(i);
        if !domain_char_allowed(c, i == 0) {
            return Err(EmailError::DomainCharacter { found: c, position });
        }
        let separator = is_label_separator(c);
        if separator && i == 0 {
            return Err(EmailError::DomainStartsWithDot);
        }
        if separator && previous_separator {
            return Err(EmailError::DomainDoubleDot { position });
        }
        previous_separator = separator;
    }
    if previous_separator {
        return Err(EmailError::DomainEndsWithDot);
    }
    // The label as typed, for messages only (computed on the error path).
    let typed = |i: usize| domain.split(is_label_separator).nth(i);
    let typed_label = |i: usize| echo(typed(i).unwrap_or(domain));

    // ASCII without xn-- labels needs no mapping but lowercase.
    let plain_ascii = domain.is_ascii()
        && !domain
            .split('.')
            .any(|l| l.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--")));
    let unicode: Cow<'_, str> = if plain_ascii {
        if domain.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(domain.to_ascii_lowercase())
        } else {
            Cow::Borrowed(domain)
        }
    } else {
        let (mapped, result) =
            UTS46.to_unicode(domain.as_bytes(), AsciiDenyList::STD3, Hyphens::Allow);
        if result.is_err() {
            // The label in error is marked with U+FFFD; the Bidi Rule, which concerns
            // the whole domain, marks none.
            let Some(i) = mapped.split('.').position(|l| l.contains('\u{FFFD}')) else {
                return Err(EmailError::Bidi {
                    domain: echo(domain),
                });
            };
            let label = typed_label(i);
            let ace = typed(i)
                .and_then(|l| l.get(..4))
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"));
            return Err(if ace {
                EmailError::InvalidALabel { label }
            } else {
                EmailError::InvalidLabel { label }
            });
        }
        Cow::Owned(mapped.into_owned())
    };

    for (i, label) in unicode.split('.').enumerate() {
        if label.starts_with('-') || label.ends_with('-') {
            return Err(EmailError::LabelHyphen {
                label: typed_label(i),
            });
        }
        let mut head = label.chars();
        let (a, b, c, d) = (head.next(), head.next(), head.next(), head.next());
        if c == Some('-') && d == Some('-') && !(a == Some('x') && b == Some('n')) {
            return Err(EmailError::ReservedHyphens {
                label: typed_label(i),
            });
        }
        if let Some(found) = idna2008_disallowed(label) {
            let label = typed_label(i);
            let ace = label
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"));
            return Err(if ace {
                EmailError::InvalidALabel { label }
            } else {
                EmailError::LabelCharacter { label, found }
            });
        }
    }

    let ascii = if unicode.is_ascii() {
        None
    } else {
        let encoded = UTS46
            .to_ascii(
                unicode.as_bytes(),
                AsciiDenyList::STD3,
                Hyphens::Allow,
                DnsLength::Ignore,
            )
            .map_err(|_| EmailError::InvalidLabel {
                label: echo(domain),
            })?;
        Some(encoded.into_owned())
    };
    let ascii_form = ascii.as_deref().unwrap_or(&unicode);
    let mut labels = 0usize;
    let mut last = "";
    for (i, label) in ascii_form.split('.').enumerate() {
        if label.len() > MAX_LABEL_BYTES {
            return Err(EmailError::LabelTooLong {
                label: typed_label(i),
                bytes: label.len(),
            });
        }
        labels = labels.saturating_add(1);
        last = label;
    }
    if ascii_form.len() > MAX_DOMAIN_BYTES {
        return Err(EmailError::DomainTooLong {
            bytes: ascii_form.len(),
        });
    }
    if labels < 2 {
        return Err(EmailError::SingleLabel {
            domain: echo(domain),
        });
    }
    if !(last.bytes().all(|b| b.is_ascii_alphabetic()) || last.starts_with("xn--")) {
        return Err(EmailError::TopLevel {
            label: typed_label(labels.saturating_sub(1)),
        });
    }
    check_special_use(ascii_form, &unicode)?;
    Ok(Domain { unicode, ascii })
}
