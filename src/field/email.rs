//! Email addresses, internationalized (RFC 6530–6532, SMTPUTF8).
//!
//! The rule, after trimming surrounding whitespace:
//!
//! - a plain `local@domain` address: no display name (`Jane <jane@example.com>`), no quoted
//!   local part, no comments, no IP literal; at most [`MAX_BYTES`] bytes of UTF-8, in the
//!   form typed, the stored form and the form with an `xn--` domain;
//! - **local part**: dot-atom text (RFC 5322) where, as RFC 6531 allows, any character
//!   from U+0080 up may appear, except the ones that are unsafe or make no sense in an
//!   address (the rules of Python's `email-validator`): controls, format characters (bidi
//!   controls, zero-width characters), unassigned and private-use code points, surrogates,
//!   any space or line separator, and a combining mark first. It is stored NFC-normalized
//!   and checked again after normalization (`U+037E` would otherwise become `;`); at most
//!   [`MAX_LOCAL_BYTES`] bytes of UTF-8, as RFC 5321 counts octets;
//! - **domain**: mapped and checked with IDNA through UTS #46 (the `idna` crate, the one
//!   `url` uses): `BÜCHER.de` is `bücher.de`, full-width dots `。．｡` separate labels, and
//!   every `xn--` label must be valid Punycode of a valid label. On top of UTS #46, a label
//!   may hold only what IDNA2008 (RFC 5892) lets a registry register: letters, marks and
//!   decimal digits, not symbols or emoji. Labels are 1 to [`MAX_LABEL_BYTES`] bytes and
//!   the domain at most [`MAX_DOMAIN_BYTES`] in `xn--` form; no hyphen at either end of a
//!   label, none in positions 3–4 unless it is an `xn--` label; at least two labels; a
//!   top-level label of letters only, or an `xn--` label; not a special-use name
//!   ([`SPECIAL_USE_DOMAINS`]: `localhost`, `local`, `invalid`, `test`, `onion`, `arpa`,
//!   `alt` and their subdomains), which can never receive mail.
//!
//! The stored form ([`Email::as_str`]) is the local part NFC and case kept (RFC 5321 lets
//! a server treat it as case-sensitive), `@`, and the domain in lowercase Unicode (U-label)
//! form. [`Email::ascii_domain`] and [`Email::ascii_address`] give the `xn--` form a mail
//! server without SMTPUTF8 needs. [`EmailPolicy::AsciiOnly`] refuses local parts that are
//! not ASCII, for services whose mail provider cannot send SMTPUTF8.
//!
//! # Uniqueness
//!
//! [`Email::uniqueness_key`] gives two spellings of one mailbox one key: the `xn--` domain,
//! lowercase, and the local part NFC and lowercased with Unicode's default (locale-free)
//! lowercase mapping. `Müller@bücher.de`, `MÜLLER@BÜCHER.DE`, `müller@xn--bcher-kva.de` and
//! `mu\u{308}ller@bücher.de` (decomposed) all have the key `müller@xn--bcher-kva.de`.
//! Lowercasing, not full case folding: folding maps `ß` to `ss`, so `straße@` and
//! `strasse@` would collide although mailbox providers treat them as two mailboxes; the
//! lowercase mapping merges only what a case-insensitive provider merges. The Greek final
//! sigma follows Unicode's context rule (`ΟΔΟΣ` → `οδος`), and `ς` typed mid-word stays
//! distinct from `σ`. Provider-specific aliases (dots or `+tags` at Gmail) are not folded.

use std::borrow::Cow;
use std::fmt;

use crate::unicode::{self, GeneralCategory, Group};
use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

use crate::error::{Coded, ErrorCode};
use crate::text::{CharName, truncate};

/// The most bytes in an address (RFC 5321 path limit less the angle brackets), counted in
/// UTF-8, in every form (as typed, stored, and with an `xn--` domain).
pub const MAX_BYTES: usize = 254;
/// The most bytes of UTF-8 in the local part (RFC 5321 counts octets).
pub const MAX_LOCAL_BYTES: usize = 64;
/// The most bytes in one domain label, in `xn--` form (RFC 1035).
pub const MAX_LABEL_BYTES: usize = 63;
/// The most bytes in the domain, in `xn--` form (RFC 1035, less the root label).
pub const MAX_DOMAIN_BYTES: usize = 253;

/// Special-use names (RFC 6761, RFC 6762, RFC 7686, RFC 9476 and the IANA registry) that
/// can never receive mail: refused as the domain or as its last labels (`x.localhost`,
/// `home.arpa`). `example.com` and the like are accepted, as email-validator does.
pub const SPECIAL_USE_DOMAINS: &[&str] = &[
    "localhost",
    "local",
    "invalid",
    "test",
    "onion",
    "arpa",
    "alt",
];

/// The longest piece of a label echoed in a message, in bytes.
const ECHO_BYTES: usize = 40;

/// Which addresses [`Email::parse_with`] accepts.
///
/// ```
/// use customer_core::{Email, EmailPolicy};
///
/// assert!(Email::parse_with("josé@example.com", EmailPolicy::Internationalized).is_ok());
/// let err = Email::parse_with("josé@example.com", EmailPolicy::AsciiOnly).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "the part before @ contains 'é' (U+00E9) at position 4; this service accepts only ASCII before the @"
/// );
/// // An internationalized domain has an ASCII form, so ASCII-only still accepts it.
/// let ascii = Email::parse_with("jose@bücher.de", EmailPolicy::AsciiOnly).unwrap();
/// assert_eq!(ascii.ascii_address().as_deref(), Some("jose@xn--bcher-kva.de"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EmailPolicy {
    /// Internationalized addresses (SMTPUTF8): UTF-8 local parts and Unicode domains. The
    /// default, and what [`Email::parse`] applies.
    #[default]
    Internationalized,
    /// Only addresses with an all-ASCII form: the local part must be ASCII; a Unicode
    /// domain is accepted because it has an `xn--` form (send to
    /// [`Email::ascii_address`]). For a mail provider without SMTPUTF8.
    AsciiOnly,
}

/// A validated email address: local part NFC (case kept), domain in lowercase Unicode form.
///
/// Internationalized addresses are accepted (RFC 6531 UTF-8 local parts without controls,
/// bidi or zero-width characters, spaces or unassigned code points; domains through IDNA
/// UTS #46 with IDNA2008's letters, marks and digits, every `xn--` label checked); plain
/// `local@domain` only (no display name, quoted local part, comment or IP literal); at
/// most [`MAX_BYTES`](crate::limits::EMAIL_MAX_BYTES) bytes, a local part of at most 64;
/// special-use domains ([`SPECIAL_USE_DOMAINS`](crate::SPECIAL_USE_DOMAINS)) refused.
///
/// ```
/// use customer_core::Email;
///
/// let email = Email::parse(" John.Doe@Example.COM ").unwrap();
/// assert_eq!(email.as_str(), "John.Doe@example.com");
/// assert_eq!(email.uniqueness_key(), "john.doe@example.com");
///
/// let idn = Email::parse("Müller@BÜCHER.de").unwrap();
/// assert_eq!(idn.as_str(), "Müller@bücher.de");
/// assert_eq!(idn.ascii_domain(), "xn--bcher-kva.de");
/// assert_eq!(idn.ascii_address(), None); // the local part needs SMTPUTF8
/// assert_eq!(idn.uniqueness_key(), "müller@xn--bcher-kva.de");
///
/// let err = Email::parse("user@printer.local").unwrap_err();
/// assert_eq!(err.code().as_str(), "invalid_email");
/// assert_eq!(
///     err.to_string(),
///     "the domain printer.local is a special-use name (.local) that cannot receive email"
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email {
    address: String,
    at: usize,
    /// The `xn--` form of the domain when it differs from the stored one.
    ascii_domain: Option<Box<str>>,
}

/// Why a string is not an [`Email`]. Each variant carries what went wrong (a character and
/// its 1-based position in the trimmed address, a label, a length); the text is made only
/// by `Display`. The local part is never echoed, and a domain or label at most as a
/// 40-byte prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailError {
    /// Empty or only whitespace (`required`).
    Empty,
    /// Longer than [`MAX_BYTES`] bytes of UTF-8 (`too_long`).
    TooLong {
        /// The length of the longest form, in bytes.
        bytes: usize,
        /// True when only the form with an `xn--` domain is too long.
        ascii_form: bool,
    },
    /// `Name <address>` form (`invalid_email`).
    DisplayName,
    /// A comment in parentheses (`invalid_email`).
    Comment,
    /// No `@` (`invalid_email`).
    MissingAt,
    /// No `@`, but a look-alike such as the full-width `＠` (`invalid_email`).
    LookalikeAt {
        /// The look-alike.
        found: char,
    },
    /// A second `@` (`invalid_email`).
    ExtraAt {
        /// Its 1-based character position.
        position: usize,
    },
    /// A quoted local part, `"john doe"@…` (`invalid_email`).
    QuotedLocal,
    /// Nothing before the `@` (`invalid_email`).
    LocalEmpty,
    /// The local part is longer than [`MAX_LOCAL_BYTES`] bytes of UTF-8 (`invalid_email`).
    LocalTooLong {
        /// Its length in bytes (NFC).
        bytes: usize,
    },
    /// The local part starts with a dot (`invalid_email`).
    LocalStartsWithDot,
    /// The local part ends with a dot (`invalid_email`).
    LocalEndsWithDot,
    /// Two dots in a row in the local part (`invalid_email`).
    LocalDoubleDot {
        /// 1-based character position of the second dot.
        position: usize,
    },
    /// A character the local part cannot contain (`invalid_email`).
    LocalCharacter {
        /// The character.
        found: char,
        /// Its 1-based character position.
        position: usize,
    },
    /// The local part holds a character that NFC normalization turns into one it cannot
    /// contain (`invalid_email`).
    LocalAfterNormalization {
        /// The offending character after normalization.
        found: char,
    },
    /// A non-ASCII character before the `@` under [`EmailPolicy::AsciiOnly`]
    /// (`invalid_email`).
    NotAsciiLocal {
        /// The character.
        found: char,
        /// Its 1-based character position.
        position: usize,
    },
    /// An IP address literal as the domain, `[192.0.2.1]` (`invalid_email`).
    IpLiteral,
    /// Nothing after the `@` (`invalid_email`).
    DomainEmpty,
    /// A character no domain can contain (`invalid_email`).
    DomainCharacter {
        /// The character.
        found: char,
        /// Its 1-based character position.
        position: usize,
    },
    /// The domain starts with a dot (`invalid_email`).
    DomainStartsWithDot,
    /// The domain ends with a dot (`invalid_email`).
    DomainEndsWithDot,
    /// Two dots in a row in the domain (`invalid_email`).
    DomainDoubleDot {
        /// 1-based character position of the second dot.
        position: usize,
    },
    /// A Unicode label that IDNA (UTS #46) refuses (`invalid_email`).
    InvalidLabel {
        /// The label as typed (bounded prefix).
        label: String,
    },
    /// A domain with a right-to-left label where some label breaks the Bidi Rule (RFC
    /// 5893, UTS #46 _CheckBidi_), such as a label starting with a digit
    /// (`invalid_email`).
    Bidi {
        /// The domain as typed (bounded prefix).
        domain: String,
    },
    /// An `xn--` label that is not valid Punycode of a valid label (`invalid_email`).
    InvalidALabel {
        /// The label as typed (bounded prefix).
        label: String,
    },
    /// A label with a character IDNA2008 does not allow in domain names, such as a
    /// symbol or an emoji (`invalid_email`).
    LabelCharacter {
        /// The label as typed (bounded prefix).
        label: String,
        /// The character (after UTS #46 mapping).
        found: char,
    },
    /// A label longer than [`MAX_LABEL_BYTES`] in `xn--` form (`invalid_email`).
    LabelTooLong {
        /// The label as typed (bounded prefix).
        label: String,
        /// Its length in `xn--` form, in bytes.
        bytes: usize,
    },
    /// A label that starts or ends with a hyphen (`invalid_email`).
    LabelHyphen {
        /// The label as typed (bounded prefix).
        label: String,
    },
    /// Hyphens in positions 3 and 4 of a label that is not `xn--`, reserved for IDNA
    /// (`invalid_email`).
    ReservedHyphens {
        /// The label as typed (bounded prefix).
        label: String,
    },
    /// The domain is longer than [`MAX_DOMAIN_BYTES`] in `xn--` form (`invalid_email`).
    DomainTooLong {
        /// Its length in `xn--` form, in bytes.
        bytes: usize,
    },
    /// A domain of one label, `localhost` or `com` (`invalid_email`).
    SingleLabel {
        /// The domain as typed (bounded prefix).
        domain: String,
    },
    /// A top-level label that is neither letters only nor an `xn--` label
    /// (`invalid_email`).
    TopLevel {
        /// The label as typed (bounded prefix).
        label: String,
    },
    /// A special-use domain that can never receive mail (`invalid_email`).
    SpecialUse {
        /// The domain (Unicode form, bounded prefix).
        domain: String,
        /// The special-use name it is or ends with, from [`SPECIAL_USE_DOMAINS`].
        name: &'static str,
    },
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use EmailError as E;
        const LOCAL: &str = "the part before @";
        match self {
            E::Empty => f.write_str("is required"),
            E::TooLong {
                bytes,
                ascii_form: false,
            } => write!(
                f,
                "is too long: {bytes} bytes, at most {MAX_BYTES} are allowed"
            ),
            E::TooLong {
                bytes,
                ascii_form: true,
            } => write!(
                f,
                "is too long with its domain in xn-- form: {bytes} bytes, at most {MAX_BYTES} are allowed"
            ),
            E::DisplayName => f.write_str("must be a plain address without a display name"),
            E::Comment => f.write_str("must be a plain address without comments in parentheses"),
            E::MissingAt => f.write_str("must contain exactly one @"),
            E::LookalikeAt { found } => write!(
                f,
                "must contain an @; it has {} instead, which only looks like one",
                CharName(*found)
            ),
            E::ExtraAt { position } => write!(
                f,
                "must contain exactly one @; there is another at position {position}"
            ),
            E::QuotedLocal => f.write_str("quoted local parts are not accepted"),
            E::LocalEmpty => write!(f, "{LOCAL} is empty"),
            E::LocalTooLong { bytes } => write!(
                f,
                "{LOCAL} is too long: {bytes} bytes, at most {MAX_LOCAL_BYTES} are allowed"
            ),
            E::LocalStartsWithDot => write!(f, "{LOCAL} cannot start with a dot"),
            E::LocalEndsWithDot => write!(f, "{LOCAL} cannot end with a dot"),
            E::LocalDoubleDot { position } => {
                write!(f, "{LOCAL} has two dots in a row at position {position}")
            }
            E::LocalCharacter { found, position } => write!(
                f,
                "{LOCAL} contains {} at position {position}, which addresses cannot contain",
                CharName(*found)
            ),
            E::LocalAfterNormalization { found } => write!(
                f,
                "{LOCAL} becomes invalid after Unicode normalization (NFC): it then contains {}",
                CharName(*found)
            ),
            E::NotAsciiLocal { found, position } => write!(
                f,
                "{LOCAL} contains {} at position {position}; this service accepts only ASCII before the @",
                CharName(*found)
            ),
            E::IpLiteral => f.write_str("the domain must be a name, not an IP address literal"),
            E::DomainEmpty => f.write_str("the part after @ is empty"),
            E::DomainCharacter { found, position } => write!(
                f,
                "the domain contains {} at position {position}, which domain names cannot contain",
                CharName(*found)
            ),
            E::DomainStartsWithDot => f.write_str("the domain cannot start with a dot"),
            E::DomainEndsWithDot => f.write_str("the domain cannot end with a dot"),
            E::DomainDoubleDot { position } => {
                write!(f, "the domain has two dots in a row at position {position}")
            }
            E::InvalidLabel { label } => write!(
                f,
                "the domain label {label} is not a valid internationalized label (IDNA)"
            ),
            E::Bidi { domain } => write!(
                f,
                "the domain {domain} mixes right-to-left and left-to-right text in a way domain names cannot (IDNA bidi rule: with a right-to-left label, every label must start and end with a letter)"
            ),
            E::InvalidALabel { label } => write!(
                f,
                "{label} is not a valid internationalized label: its xn-- form does not decode to a valid name"
            ),
            E::LabelCharacter { label, found } => write!(
                f,
                "the domain label {label} contains {}, which domain names cannot contain (IDNA2008 allows letters, marks and digits)",
                CharName(*found)
            ),
            E::LabelTooLong { label, bytes } => write!(
                f,
                "the domain label {label} is too long: {bytes} bytes in xn-- form, at most {MAX_LABEL_BYTES} are allowed"
            ),
            E::LabelHyphen { label } => {
                write!(f, "the domain label {label} starts or ends with a hyphen")
            }
            E::ReservedHyphens { label } => write!(
                f,
                "the domain label {label} has hyphens in positions 3 and 4, which are reserved for xn-- labels"
            ),
            E::DomainTooLong { bytes } => write!(
                f,
                "the domain is too long: {bytes} bytes in xn-- form, at most {MAX_DOMAIN_BYTES} are allowed"
            ),
            E::SingleLabel { domain } => write!(
                f,
                "the domain {domain} must have at least two labels, e.g. example.com"
            ),
            E::TopLevel { label } => write!(
                f,
                "the top-level domain {label} is not valid: it must be letters only, or an xn-- label"
            ),
            E::SpecialUse { domain, name } => write!(
                f,
                "the domain {domain} is a special-use name (.{name}) that cannot receive email"
            ),
        }
    }
}

impl std::error::Error for EmailError {}

impl EmailError {
    /// The stable code: `required`, `too_long` or `invalid_email`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            EmailError::Empty => ErrorCode::Required,
            EmailError::TooLong { .. } => ErrorCode::TooLong,
            _ => ErrorCode::InvalidEmail,
        }
    }
}

impl Coded for EmailError {
    fn code(&self) -> ErrorCode {
        EmailError::code(self)
    }
}

/// A label or domain for a message: at most [`ECHO_BYTES`], with `…` when cut.
fn echo(s: &str) -> String {
    let cut = truncate(s, ECHO_BYTES);
    if cut.len() == s.len() {
        s.to_owned()
    } else {
        format!("{cut}…")
    }
}

/// RFC 5322 `atext`.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// Where a character-level check failed in a local part.
enum LocalFault {
    Char(char, usize),
    NotAscii(char, usize),
    StartDot,
    EndDot,
    DoubleDot(usize),
}

/// Checks a local part's characters and dots (RFC 5322 dot-atom, RFC 6531 UTF-8, and
/// email-validator's unsafe-character rules). `base` is the position of its first
/// character, 1-based.
fn scan_local(local: &str, base: usize, policy: EmailPolicy) -> Result<(), LocalFault> {
    let mut previous_dot = false;
    let mut count = 0usize;
    for (i, c) in local.chars().enumerate() {
        let position = base.saturating_add(i);
        count = i.saturating_add(1);
        if c == '.' {
            if i == 0 {
                return Err(LocalFault::StartDot);
            }
            if previous_dot {
                return Err(LocalFault::DoubleDot(position));
            }
            previous_dot = true;
            continue;
        }
        previous_dot = false;
        if c.is_ascii() {
            if !is_atext(c) {
                return Err(LocalFault::Char(c, position));
            }
            continue;
        }
        if policy == EmailPolicy::AsciiOnly {
            return Err(LocalFault::NotAscii(c, position));
        }
        let allowed = match unicode::group(c) {
            Group::Letter | Group::Number | Group::Punctuation | Group::Symbol => true,
            // A mark first would combine with whatever precedes the address.
            Group::Mark => i > 0,
            Group::Separator | Group::Other => false,
        };
        if !allowed {
            return Err(LocalFault::Char(c, position));
        }
    }
    if previous_dot && count > 0 {
        return Err(LocalFault::EndDot);
    }
    Ok(())
}

fn local_error(fault: LocalFault) -> EmailError {
    match fault {
        LocalFault::Char(found, position) => EmailError::LocalCharacter { found, position },
        LocalFault::NotAscii(found, position) => EmailError::NotAsciiLocal { found, position },
        LocalFault::StartDot => EmailError::LocalStartsWithDot,
        LocalFault::EndDot => EmailError::LocalEndsWithDot,
        LocalFault::DoubleDot(position) => EmailError::LocalDoubleDot { position },
    }
}

/// Validates the local part and returns its NFC form.
fn check_local(local: &str, policy: EmailPolicy) -> Result<Cow<'_, str>, EmailError> {
    if local.is_empty() {
        return Err(EmailError::LocalEmpty);
    }
    if local.starts_with('"') {
        return Err(EmailError::QuotedLocal);
    }
    scan_local(local, 1, policy).map_err(local_error)?;
    let normalized = if local.is_ascii() {
        Cow::Borrowed(local)
    } else {
        match unicode::nfc(local) {
            Cow::Borrowed(local) => Cow::Borrowed(local),
            Cow::Owned(nfc) => {
                scan_local(&nfc, 1, policy).map_err(|fault| {
                    let found = match fault {
                        LocalFault::Char(c, _) | LocalFault::NotAscii(c, _) => c,
                        _ => '.',
                    };
                    EmailError::LocalAfterNormalization { found }
                })?;
                Cow::Owned(nfc)
            }
        }
    };
    if normalized.len() > MAX_LOCAL_BYTES {
        return Err(EmailError::LocalTooLong {
            bytes: normalized.len(),
        });
    }
    Ok(normalized)
}

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
struct Domain<'a> {
    unicode: Cow<'a, str>,
    ascii: Option<String>,
}

/// The domain processor: UTS #46 with STD3 ASCII rules, nontransitional; hyphen positions
/// and lengths are checked here, to name the label at fault.
const UTS46: Uts46 = Uts46::new();

/// Validates the domain. `base` is the 1-based position of its first character.
fn check_domain(domain: &str, base: usize) -> Result<Domain<'_>, EmailError> {
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
fn check_domain_slow(domain: &str, base: usize) -> Result<Domain<'_>, EmailError> {
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

impl Email {
    /// Validates an address under the default [`EmailPolicy`] (internationalized
    /// addresses accepted).
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        Email::parse_with(input, EmailPolicy::default())
    }

    /// Validates an address under `policy`, and stores it with the local part NFC and
    /// the domain in lowercase Unicode form.
    pub fn parse_with(input: &str, policy: EmailPolicy) -> Result<Email, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > MAX_BYTES {
            return Err(EmailError::TooLong {
                bytes: s.len(),
                ascii_form: false,
            });
        }
        if s.contains('<') && s.ends_with('>') {
            return Err(EmailError::DisplayName);
        }
        if s.starts_with('"') {
            return Err(EmailError::QuotedLocal);
        }
        if s.find('(')
            .is_some_and(|open| s.get(open..).is_some_and(|r| r.contains(')')))
        {
            return Err(EmailError::Comment);
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(match s.chars().find(|&c| c == '＠' || c == '﹫') {
                Some(found) => EmailError::LookalikeAt { found },
                None => EmailError::MissingAt,
            });
        };
        let local_chars = local.chars().count();
        if let Some(i) = domain.chars().position(|c| c == '@') {
            return Err(EmailError::ExtraAt {
                position: local_chars.saturating_add(2).saturating_add(i),
            });
        }
        let local = check_local(local, policy)?;
        let domain = check_domain(domain, local_chars.saturating_add(2))?;

        let stored = local
            .len()
            .saturating_add(1)
            .saturating_add(domain.unicode.len());
        if stored > MAX_BYTES {
            return Err(EmailError::TooLong {
                bytes: stored,
                ascii_form: false,
            });
        }
        if let Some(ascii) = &domain.ascii {
            let bytes = local.len().saturating_add(1).saturating_add(ascii.len());
            if bytes > MAX_BYTES {
                return Err(EmailError::TooLong {
                    bytes,
                    ascii_form: true,
                });
            }
        }
        let at = local.len();
        let mut address = String::with_capacity(stored);
        address.push_str(&local);
        address.push('@');
        address.push_str(&domain.unicode);
        Ok(Email {
            address,
            at,
            ascii_domain: domain.ascii.map(String::into_boxed_str),
        })
    }

    /// The address: local part NFC (case kept), domain lowercase in Unicode form.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The part before `@`, NFC, case kept.
    #[must_use]
    pub fn local_part(&self) -> &str {
        self.address.get(..self.at).unwrap_or("")
    }

    /// The domain, lowercase, in Unicode (U-label) form: `bücher.de`.
    #[must_use]
    pub fn domain(&self) -> &str {
        self.address.get(self.at.saturating_add(1)..).unwrap_or("")
    }

    /// The domain in ASCII (`xn--`, A-label) form, as DNS and mail servers without
    /// SMTPUTF8 need it: `xn--bcher-kva.de`.
    #[must_use]
    pub fn ascii_domain(&self) -> &str {
        self.ascii_domain
            .as_deref()
            .unwrap_or_else(|| self.domain())
    }

    /// True when the local part is not ASCII, so mail to it needs SMTPUTF8.
    #[must_use]
    pub fn requires_smtputf8(&self) -> bool {
        !self.local_part().is_ascii()
    }

    /// The address in all-ASCII form (domain in `xn--` form), for a mail server without
    /// SMTPUTF8; `None` when the local part is not ASCII (no such form exists).
    #[must_use]
    pub fn ascii_address(&self) -> Option<String> {
        let local = self.local_part();
        local
            .is_ascii()
            .then(|| format!("{local}@{}", self.ascii_domain()))
    }

    /// The key to enforce "unique within your integration", and what the listing's `email`
    /// filter compares: the local part NFC and lowercased (Unicode default lowercase
    /// mapping, not full case folding), `@`, and the domain in lowercase `xn--` form. Two
    /// spellings of one mailbox (case, NFC or NFD, U-label or A-label, full-width dots)
    /// get one key: `Müller@`, `MÜLLER@` and `müller@` share one, as mailbox providers
    /// treat local parts case-insensitively in practice. Lowercasing, not full case
    /// folding: folding maps `ß` to `ss`, and `straße@` and `strasse@` can be two
    /// mailboxes. The Greek final sigma follows Unicode's context rule (`ΟΔΟΣ` → `οδος`).
    /// Provider aliases (Gmail dots, `+tags`) are not folded. Store the key in its own
    /// column with a unique index; the listing's `email` filter compares it.
    ///
    /// ```
    /// use customer_core::Email;
    ///
    /// let key = |s: &str| Email::parse(s).unwrap().uniqueness_key();
    /// assert_eq!(key("Müller@BÜCHER.de"), "müller@xn--bcher-kva.de");
    /// assert_eq!(key("mu\u{308}ller@xn--bcher-kva.de"), "müller@xn--bcher-kva.de");
    /// assert_ne!(key("straße@example.de"), key("strasse@example.de"));
    /// ```
    #[must_use]
    pub fn uniqueness_key(&self) -> String {
        let local = self.local_part();
        let mut key = if local.is_ascii() {
            local.to_ascii_lowercase()
        } else {
            unicode::nfc(&local.to_lowercase()).into_owned()
        };
        key.push('@');
        key.push_str(self.ascii_domain());
        key
    }
}

/// Masks the local part but its first character, so addresses do not end up in logs.
impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = self.local_part().chars().next().unwrap_or('?');
        write!(f, "Email({first}***@{})", self.domain())
    }
}

str_impls!(Email, EmailError);

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn err(s: &str) -> EmailError {
        Email::parse(s).expect_err(s)
    }

    #[track_caller]
    fn ok(s: &str) -> String {
        Email::parse(s).expect(s).as_str().to_owned()
    }

    #[test]
    fn accepts_ordinary_addresses() {
        for s in [
            "john.doe@example.com",
            "a+tag@sub.example.co.uk",
            "o'brien@example.ie",
            "1@1.io",
            "x@a-b.com",
        ] {
            assert_eq!(ok(s), s);
        }
    }

    #[test]
    fn accepts_the_issue_examples_in_nfc_and_unicode_form() {
        assert_eq!(ok("josé@example.com"), "josé@example.com");
        assert_eq!(ok("adébáyọ̀@example.ng"), "adébáyọ̀@example.ng");
        assert_eq!(ok("用户@例子.广告"), "用户@例子.广告");
        assert_eq!(ok("user@bücher.de"), "user@bücher.de");
        assert_eq!(ok("ngozi@παράδειγμα.δοκιμή"), "ngozi@παράδειγμα.δοκιμή");
        assert_eq!(ok("x@xn--bcher-kva.de"), "x@bücher.de");
        assert_eq!(ok("x@BÜCHER.de"), "x@bücher.de");
        assert_eq!(ok("x@例子。广告"), "x@例子.广告");
        assert_eq!(ok("x@例子．广告"), "x@例子.广告");
        assert_eq!(ok("jose\u{301}@example.com"), "josé@example.com");
        let e = Email::parse("用户@例子.广告").unwrap();
        assert_eq!(e.ascii_domain(), "xn--fsqu00a.xn--4rr70v");
        assert!(e.requires_smtputf8());
        assert_eq!(e.ascii_address(), None);
        let e = Email::parse("user@bücher.de").unwrap();
        assert_eq!(e.ascii_address().as_deref(), Some("user@xn--bcher-kva.de"));
        assert!(!e.requires_smtputf8());
    }

    #[test]
    fn refuses_special_use_and_malformed_domains() {
        for (s, name) in [
            ("user@x.localhost", "localhost"),
            ("user@printer.local", "local"),
            ("user@x.invalid", "invalid"),
            ("user@example.test", "test"),
            ("user@x.onion", "onion"),
            ("user@home.arpa", "arpa"),
            ("user@x.alt", "alt"),
        ] {
            assert!(
                matches!(err(s), EmailError::SpecialUse { name: n, .. } if n == name),
                "{s}"
            );
        }
        assert_eq!(
            err("user@xn--abc.com"),
            EmailError::InvalidALabel {
                label: "xn--abc".into()
            }
        );
        assert_eq!(
            err("user@xn--a.com").to_string(),
            "xn--a is not a valid internationalized label: its xn-- form does not decode to a valid name"
        );
        assert_eq!(
            err("user@ex--ample.com"),
            EmailError::ReservedHyphens {
                label: "ex--ample".into()
            }
        );
        assert_eq!(
            err("user@example.com1"),
            EmailError::TopLevel {
                label: "com1".into()
            }
        );
        assert_eq!(
            err("user@☃.com"),
            EmailError::LabelCharacter {
                label: "☃".into(),
                found: '☃'
            }
        );
        assert!(matches!(
            err("user@exam\u{200D}ple.com"),
            EmailError::DomainCharacter {
                found: '\u{200D}',
                position: 10
            }
        ));
    }

    #[test]
    fn domain_case_is_folded_local_case_kept() {
        let a = Email::parse("Jane@EXAMPLE.com").unwrap();
        let b = Email::parse("Jane@example.COM").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.local_part(), "Jane");
        assert_eq!(a.domain(), "example.com");
        assert_ne!(a, Email::parse("jane@example.com").unwrap());
        assert_eq!(a.uniqueness_key(), "jane@example.com");
    }

    #[test]
    fn uniqueness_key_merges_spellings_of_one_mailbox() {
        let key = |s: &str| Email::parse(s).unwrap().uniqueness_key();
        let k = key("Müller@bücher.de");
        for s in [
            "müller@bücher.de",
            "MÜLLER@BÜCHER.DE",
            "Mu\u{308}ller@xn--bcher-kva.de",
            "müller@XN--BCHER-KVA.DE",
        ] {
            assert_eq!(key(s), k, "{s}");
        }
        assert_eq!(key("ΟΔΟΣ@example.gr"), "οδος@example.gr");
        assert_ne!(key("straße@example.de"), key("strasse@example.de"));
    }

    #[test]
    fn rejects_with_reasons() {
        assert_eq!(err(""), EmailError::Empty);
        assert_eq!(err("Jane <jane@example.com>"), EmailError::DisplayName);
        assert_eq!(err("\"jane doe\"@example.com"), EmailError::QuotedLocal);
        assert_eq!(err("jane(work)@example.com"), EmailError::Comment);
        assert_eq!(err("jane@[192.168.0.1]"), EmailError::IpLiteral);
        assert_eq!(
            err("jane@localhost"),
            EmailError::SingleLabel {
                domain: "localhost".into()
            }
        );
        assert_eq!(
            err("jane@example.123"),
            EmailError::TopLevel {
                label: "123".into()
            }
        );
        assert_eq!(
            err("jane@exa_mple.com"),
            EmailError::DomainCharacter {
                found: '_',
                position: 9
            }
        );
        assert_eq!(
            err("jane@-example.com"),
            EmailError::LabelHyphen {
                label: "-example".into()
            }
        );
        assert_eq!(
            err("jane@example..com"),
            EmailError::DomainDoubleDot { position: 14 }
        );
        assert_eq!(err("jane@example.com."), EmailError::DomainEndsWithDot);
        assert_eq!(err("jane@.example.com"), EmailError::DomainStartsWithDot);
        assert_eq!(err("jane.@example.com"), EmailError::LocalEndsWithDot);
        assert_eq!(err(".jane@example.com"), EmailError::LocalStartsWithDot);
        assert_eq!(
            err("ja..ne@example.com"),
            EmailError::LocalDoubleDot { position: 4 }
        );
        assert_eq!(
            err("ja ne@example.com"),
            EmailError::LocalCharacter {
                found: ' ',
                position: 3
            }
        );
        assert_eq!(
            err("ja\u{202E}ne@example.com"),
            EmailError::LocalCharacter {
                found: '\u{202E}',
                position: 3
            }
        );
        assert_eq!(
            err("\u{301}jane@example.com"),
            EmailError::LocalCharacter {
                found: '\u{301}',
                position: 1
            }
        );
        assert_eq!(
            err("a\u{37E}b@example.com"),
            EmailError::LocalAfterNormalization { found: ';' }
        );
        assert_eq!(
            err("jane@@example.com"),
            EmailError::ExtraAt { position: 6 }
        );
        assert_eq!(err("jane.example.com"), EmailError::MissingAt);
        assert_eq!(
            err("jane＠example.com"),
            EmailError::LookalikeAt { found: '＠' }
        );
        assert_eq!(err("@example.com"), EmailError::LocalEmpty);
        assert_eq!(err("jane@"), EmailError::DomainEmpty);
        assert_eq!(
            err(&format!("{}@example.com", "a".repeat(65))),
            EmailError::LocalTooLong { bytes: 65 }
        );
        assert_eq!(
            err(&format!("{}@example.com", "é".repeat(33))),
            EmailError::LocalTooLong { bytes: 66 }
        );
        assert_eq!(
            err(&format!("a@{}.com", "b".repeat(64))),
            EmailError::LabelTooLong {
                label: format!("{}…", "b".repeat(40)),
                bytes: 64
            }
        );
        let long = format!("a@{}.com", vec!["b".repeat(60); 5].join("."));
        assert_eq!(
            err(&long),
            EmailError::TooLong {
                bytes: 310,
                ascii_form: false
            }
        );
        // 62 bytes as typed, more once in xn-- form.
        let label = format!("ü{}", "a".repeat(60));
        assert!(matches!(
            err(&format!("a@{label}.de")),
            EmailError::LabelTooLong { bytes, .. } if bytes > 63
        ));
    }

    #[test]
    fn messages_name_the_part_but_never_the_local_part() {
        let e = err("secret.person@[10.0.0.1]");
        assert!(!e.to_string().contains("secret"));
        let e = err("secret\u{0}@example.com");
        assert_eq!(
            e.to_string(),
            "the part before @ contains U+0000 at position 7, which addresses cannot contain"
        );
        assert_eq!(
            err("a@b\u{FF20}c.com").to_string(),
            "the domain contains '＠' (U+FF20) at position 4, which domain names cannot contain"
        );
        assert_eq!(ok("x@a-b.xn--p1ai"), "x@a-b.рф");
    }

    #[test]
    fn ascii_only_policy() {
        let p = EmailPolicy::AsciiOnly;
        assert_eq!(
            Email::parse_with("josé@example.com", p).unwrap_err(),
            EmailError::NotAsciiLocal {
                found: 'é',
                position: 4
            }
        );
        assert!(Email::parse_with("jose@bücher.de", p).is_ok());
        assert_eq!(EmailPolicy::default(), EmailPolicy::Internationalized);
    }

    #[test]
    fn debug_masks_local_part() {
        assert_eq!(
            format!("{:?}", Email::parse("jane@example.com").unwrap()),
            "Email(j***@example.com)"
        );
        assert_eq!(
            format!("{:?}", Email::parse("ém@bücher.de").unwrap()),
            "Email(é***@bücher.de)"
        );
    }

    proptest::proptest! {
        /// The one-pass ASCII domain check gives what the rules in order give: the same
        /// domain, or the same error, on domains near and far from valid.
        #[test]
        fn ascii_domain_fast_path_is_the_slow_path(
            domain in proptest::prop_oneof![
                "[a-zA-Z0-9.-]{0,20}",
                "([a-z0-9-]{1,8}\\.){1,4}[a-zA-Z]{1,6}",
                "(xn--[a-z0-9]{1,6}|[a-z]{2}--[a-z]{1,3}|-?[a-z]{1,4}-?)(\\.[a-z0-9]{0,5}){1,3}",
                "[a-z]{60,66}\\.[a-z]{2,3}",
                "([a-z]{40,63}\\.){4,6}com",
                "([a-z]{1,5}\\.)?(localhost|local|invalid|test|example|onion|alt|home\\.arpa)",
                "[a-z.\\[\\]_@ é。-]{0,12}",
            ]
        ) {
            proptest::prop_assert_eq!(check_domain(&domain, 5), check_domain_slow(&domain, 5));
        }
    }
}
