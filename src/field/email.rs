//! Email addresses.
//!
//! The rule, after trimming surrounding whitespace: a plain `local@domain` address in
//! ASCII (internationalized domains must be sent in their `xn--` form), at most 254
//! bytes, local part at most 64 bytes of dot-atom text (no quoted local parts), domain of
//! at least two dot-separated labels of letters, digits and hyphens (1 to 63 bytes, no
//! hyphen at either end), top-level label not all digits, no IP literal, no display name
//! (`Jane <jane@example.com>`). The `email_address` crate's strict parse must agree.
//!
//! The stored form lowercases the domain, which is case-insensitive; the local part keeps
//! its case (RFC 5321 lets servers treat it as case-sensitive). For "unique within your
//! integration", compare [`Email::uniqueness_key`], which lowercases the whole address.

use std::fmt;

use email_address::{EmailAddress, Options};

use crate::error::{Coded, ErrorCode};

/// The most bytes in an address (RFC 5321 path limit less the angle brackets).
pub const MAX_BYTES: usize = 254;
/// The most bytes in the local part (RFC 5321).
pub const MAX_LOCAL_BYTES: usize = 64;
/// The most bytes in one domain label (RFC 1035).
pub const MAX_LABEL_BYTES: usize = 63;

/// A validated email address whose domain is stored lowercase.
///
/// ```
/// use customer_core::Email;
///
/// let email = Email::parse(" John.Doe@Example.COM ").unwrap();
/// assert_eq!(email.as_str(), "John.Doe@example.com");
/// assert_eq!(email.uniqueness_key(), "john.doe@example.com");
///
/// let err = Email::parse("John <john@example.com>").unwrap_err();
/// assert_eq!(err.code().as_str(), "invalid_email");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email {
    address: String,
    at: usize,
}

/// Why a string is not an [`Email`]. The address itself is not echoed: messages say what
/// is wrong, and name only the offending part where it is short and safe.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmailError {
    /// Empty or only whitespace (`required`).
    #[error("is required")]
    Empty,
    /// Longer than [`MAX_BYTES`] (`too_long`).
    #[error("is too long: at most {MAX_BYTES} characters")]
    TooLong,
    /// A non-ASCII character before the `@` (`invalid_email`).
    #[error("the part before @ must be ASCII; internationalized local parts are not accepted")]
    NotAsciiLocal,
    /// A non-ASCII character in the domain (`invalid_email`).
    #[error("the domain must be ASCII; write internationalized domains in their xn-- form")]
    NotAsciiDomain,
    /// `Name <address>` form (`invalid_email`).
    #[error("must be a plain address without a display name")]
    DisplayName,
    /// No `@`, or more than one (`invalid_email`).
    #[error("must contain exactly one @")]
    At,
    /// A quoted local part (`invalid_email`).
    #[error("quoted local parts are not accepted")]
    QuotedLocal,
    /// The local part is empty, too long or not dot-atom text (`invalid_email`).
    #[error("the part before @ {0}")]
    Local(&'static str),
    /// An IP address literal as the domain (`invalid_email`).
    #[error("the domain must be a name, not an IP address literal")]
    IpLiteral,
    /// The domain is not valid (`invalid_email`).
    #[error("the domain {0}")]
    Domain(&'static str),
    /// The `email_address` grammar rejected it (`invalid_email`).
    #[error("is not a valid email address")]
    Grammar,
}

impl EmailError {
    /// The stable code: `required`, `too_long` or `invalid_email`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            EmailError::Empty => ErrorCode::Required,
            EmailError::TooLong => ErrorCode::TooLong,
            _ => ErrorCode::InvalidEmail,
        }
    }
}

impl Coded for EmailError {
    fn code(&self) -> ErrorCode {
        EmailError::code(self)
    }
}

/// RFC 5322 `atext` plus the dot.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

fn check_local(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::Local("is empty"));
    }
    if local.starts_with('"') {
        return Err(EmailError::QuotedLocal);
    }
    if local.len() > MAX_LOCAL_BYTES {
        return Err(EmailError::Local("is longer than 64 characters"));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(EmailError::Local("has a misplaced dot"));
    }
    if !local.bytes().all(|b| b == b'.' || is_atext(b)) {
        return Err(EmailError::Local(
            "contains a character not allowed in addresses",
        ));
    }
    Ok(())
}

fn check_domain(domain: &str) -> Result<(), EmailError> {
    if domain.starts_with('[') {
        return Err(EmailError::IpLiteral);
    }
    if domain.is_empty() {
        return Err(EmailError::Domain("is empty"));
    }
    let mut labels = 0usize;
    let mut last = "";
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(EmailError::Domain("has an empty label"));
        }
        if label.len() > MAX_LABEL_BYTES {
            return Err(EmailError::Domain("has a label longer than 63 characters"));
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(EmailError::Domain(
                "may contain only letters, digits, hyphens and dots",
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(EmailError::Domain(
                "has a label that starts or ends with a hyphen",
            ));
        }
        labels = labels.saturating_add(1);
        last = label;
    }
    if labels < 2 {
        return Err(EmailError::Domain(
            "must have at least two labels, e.g. example.com",
        ));
    }
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return Err(EmailError::Domain("has a numeric top-level label"));
    }
    Ok(())
}

impl Email {
    /// Validates an address and stores it with a lowercase domain.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > MAX_BYTES {
            return Err(EmailError::TooLong);
        }
        if !s.is_ascii() {
            return Err(match s.rsplit_once('@') {
                Some((_, domain)) if !domain.is_ascii() => EmailError::NotAsciiDomain,
                _ => EmailError::NotAsciiLocal,
            });
        }
        if s.contains('<') || s.contains('>') {
            return Err(EmailError::DisplayName);
        }
        if s.starts_with('"') {
            return Err(EmailError::QuotedLocal);
        }
        let (local, domain) = match s.split_once('@') {
            Some((l, d)) if !d.contains('@') => (l, d),
            _ => return Err(EmailError::At),
        };
        check_local(local)?;
        check_domain(domain)?;
        // Built with the builder methods from `Default`, never a struct literal: a new
        // public field in `Options` (0.2.10 added one) must not break our build.
        let options = Options::default()
            .with_minimum_sub_domains(2)
            .without_domain_literal()
            .without_display_text();
        if EmailAddress::parse_with_options(s, options).is_err() {
            return Err(EmailError::Grammar);
        }
        let mut address = String::with_capacity(s.len());
        address.push_str(local);
        address.push('@');
        address.push_str(&domain.to_ascii_lowercase());
        Ok(Email {
            address,
            at: local.len(),
        })
    }

    /// The address, domain lowercased.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The part before `@`, case kept.
    #[must_use]
    pub fn local_part(&self) -> &str {
        self.address.get(..self.at).unwrap_or("")
    }

    /// The domain, lowercase.
    #[must_use]
    pub fn domain(&self) -> &str {
        self.address.get(self.at.saturating_add(1)..).unwrap_or("")
    }

    /// The key to enforce "unique within your integration": the whole address lowercased,
    /// as mailbox providers treat local parts case-insensitively in practice. It does not
    /// fold provider-specific aliases (dots or `+tags` at Gmail).
    #[must_use]
    pub fn uniqueness_key(&self) -> String {
        self.address.to_ascii_lowercase()
    }
}

/// Masks the local part but its first character, so addresses do not end up in logs.
impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = self.address.get(..1).unwrap_or("");
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

    #[test]
    fn accepts_ordinary_addresses() {
        for s in [
            "john.doe@example.com",
            "a+tag@sub.example.co.uk",
            "x@xn--bcher-kva.de",
            "o'brien@example.ie",
            "1@1.io",
        ] {
            assert_eq!(Email::parse(s).unwrap().as_str(), s);
        }
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
        let hash = |e: &Email| {
            use std::hash::{BuildHasher, RandomState};
            let s = RandomState::new();
            (s.hash_one(e), s.hash_one(e))
        };
        let (x, y) = hash(&a);
        assert_eq!(x, y);
    }

    #[test]
    fn rejects_with_reasons() {
        assert_eq!(err(""), EmailError::Empty);
        assert_eq!(err("Jane <jane@example.com>"), EmailError::DisplayName);
        assert_eq!(err("\"jane doe\"@example.com"), EmailError::QuotedLocal);
        assert_eq!(err("jane@[192.168.0.1]"), EmailError::IpLiteral);
        assert_eq!(
            err("jane@localhost"),
            EmailError::Domain("must have at least two labels, e.g. example.com")
        );
        assert_eq!(
            err("jane@example.123"),
            EmailError::Domain("has a numeric top-level label")
        );
        assert_eq!(
            err("jane@exa_mple.com"),
            EmailError::Domain("may contain only letters, digits, hyphens and dots")
        );
        assert_eq!(
            err("jane@-example.com"),
            EmailError::Domain("has a label that starts or ends with a hyphen")
        );
        assert_eq!(
            err("jane@example..com"),
            EmailError::Domain("has an empty label")
        );
        assert_eq!(
            err("jane@example.com."),
            EmailError::Domain("has an empty label")
        );
        assert_eq!(
            err("jane.@example.com"),
            EmailError::Local("has a misplaced dot")
        );
        assert_eq!(
            err("ja ne@example.com"),
            EmailError::Local("contains a character not allowed in addresses")
        );
        assert_eq!(err("jane@@example.com"), EmailError::At);
        assert_eq!(err("jane.example.com"), EmailError::At);
        assert_eq!(err("jané@example.com"), EmailError::NotAsciiLocal);
        assert_eq!(err("jane@bücher.de"), EmailError::NotAsciiDomain);
        assert_eq!(
            err(&format!("{}@example.com", "a".repeat(65))),
            EmailError::Local("is longer than 64 characters")
        );
        assert_eq!(
            err(&format!("a@{}.com", "b".repeat(64))),
            EmailError::Domain("has a label longer than 63 characters")
        );
        let long = format!("a@{}.com", vec!["b".repeat(60); 5].join("."));
        assert_eq!(err(&long), EmailError::TooLong);
    }

    #[test]
    fn errors_do_not_echo_the_address() {
        let e = err("secret.person@[10.0.0.1]");
        assert!(!e.to_string().contains("secret"));
    }

    #[test]
    fn debug_masks_local_part() {
        assert_eq!(
            format!("{:?}", Email::parse("jane@example.com").unwrap()),
            "Email(j***@example.com)"
        );
    }
}
