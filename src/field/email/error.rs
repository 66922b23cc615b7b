//! [`EmailError`]: why a string is not an [`Email`](super::Email), and its message.

use std::fmt;

use super::{MAX_BYTES, MAX_DOMAIN_BYTES, MAX_LABEL_BYTES, MAX_LOCAL_BYTES};
use crate::error::{Coded, ErrorCode};
use crate::text::{CharName, truncate};

/// The longest piece of a label echoed in a message, in bytes.
const ECHO_BYTES: usize = 40;

/// Why a string is not an [`Email`](crate::Email). Each variant carries what went wrong (a character and
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
    /// A non-ASCII character before the `@` under [`EmailPolicy::AsciiOnly`](crate::EmailPolicy::AsciiOnly)
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
        /// The special-use name it is or ends with, from [`Email::SPECIAL_USE_DOMAINS`](crate::Email::SPECIAL_USE_DOMAINS).
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
pub(super) fn echo(s: &str) -> String {
    let cut = truncate(s, ECHO_BYTES);
    if cut.len() == s.len() {
        s.to_owned()
    } else {
        format!("{cut}…")
    }
}
