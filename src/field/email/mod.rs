//! Email addresses: [`Email`] and [`EmailPolicy`], the limits, and the special-use
//! domains; the rule itself is documented on [`Email`], where users read it. The local
//! part (`local`), the domain (`domain`) and the errors (`error`) have their own files.

mod domain;
mod error;
mod local;

use std::fmt;

use domain::check_domain;
pub use error::EmailError;
use local::check_local;

use crate::unicode;

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
pub(crate) const SPECIAL_USE_DOMAINS: &[&str] = &[
    "localhost",
    "local",
    "invalid",
    "test",
    "onion",
    "arpa",
    "alt",
];

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

/// A validated email address, internationalized (RFC 6530–6532, SMTPUTF8): local part
/// NFC (case kept), domain in lowercase Unicode form, with a key shared by every spelling
/// of the mailbox.
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
///
#[doc = include_str!("../../../docs/email.md")]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email {
    address: String,
    at: usize,
    /// The `xn--` form of the domain when it differs from the stored one.
    ascii_domain: Option<Box<str>>,
}

impl Email {
    /// Special-use names (RFC 6761, RFC 6762, RFC 7686, RFC 9476 and the IANA registry)
    /// that can never receive mail: refused as the domain or as its last labels
    /// (`x.localhost`, `home.arpa`). `example.com` and the like are accepted, as
    /// email-validator does.
    ///
    /// ```
    /// use customer_core::Email;
    ///
    /// assert!(Email::SPECIAL_USE_DOMAINS.contains(&"localhost"));
    /// assert!(Email::parse("a@x.localhost").is_err());
    /// ```
    pub const SPECIAL_USE_DOMAINS: &'static [&'static str] = SPECIAL_USE_DOMAINS;

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
    /// The key is a plain string to compare, not an address: lowercasing can lengthen the
    /// local part past the 64 bytes an address may have (see the module docs), and such
    /// a key does not parse as an [`Email`]. One within the limits parses, to an address
    /// whose key is itself.
    ///
    /// ```
    /// use customer_core::Email;
    ///
    /// let key = |s: &str| Email::parse(s).unwrap().uniqueness_key();
    /// assert_eq!(key("Müller@BÜCHER.de"), "müller@xn--bcher-kva.de");
    /// assert_eq!(key("mu\u{308}ller@xn--bcher-kva.de"), "müller@xn--bcher-kva.de");
    /// assert_ne!(key("straße@example.de"), key("strasse@example.de"));
    ///
    /// // 64 bytes before the `@`, 65 once lowercased: a valid address, a longer key.
    /// let long = format!("\u{130}{}@example.com", "a".repeat(62));
    /// assert_eq!(key(&long), format!("i\u{307}{}@example.com", "a".repeat(62)));
    /// assert!(Email::parse(&key(&long)).is_err());
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
    use super::domain::check_domain_slow;
    use super::*;

    #[track_caller]
    fn err(s: &str) -> EmailError {
        Email::parse(s).expect_err(s)
    }

    #[track_caller]
    fn ok(s: &str) -> String {
        Email::parse(s).expect(s).as_str().to_owned()
    }

    /// The `email` fuzz target's find: a 64-byte local part starting with `İ` is valid,
    /// its key has 65 bytes before the `@` (`İ` lowercases to `i̇`), and the key, a string
    /// to compare, is not an address.
    #[test]
    fn a_key_can_be_longer_than_an_address() {
        let local = format!(
            "\u{130}{}de{}STB{}L",
            "2".repeat(28),
            "2".repeat(10),
            "\u{FFFD}".repeat(6)
        );
        assert_eq!(local.len(), MAX_LOCAL_BYTES);
        let email = Email::parse(&format!("{local}@ea.depr")).unwrap();
        let key = email.uniqueness_key();
        let key_local = key.split_once('@').unwrap().0;
        assert_eq!(key_local.len(), MAX_LOCAL_BYTES + 1);
        assert!(key_local.starts_with("i\u{307}2222"));
        assert_eq!(
            Email::parse(&key),
            Err(EmailError::LocalTooLong { bytes: 65 })
        );
        // The key still joins the spellings of the mailbox.
        let upper = Email::parse(&format!("{}@EA.DEPR", local.replace("de", "DE"))).unwrap();
        assert_eq!(upper.uniqueness_key(), key);
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

        /// Local parts of letters that change length when lowercased (`İ`) or not, up to
        /// the 64-byte limit: every valid address has one key for all its case spellings;
        /// the key is an address with itself as key, or refused for its length alone.
        #[test]
        fn keys_are_addresses_or_too_long(
            local in proptest::collection::vec(
                proptest::sample::select(&['\u{130}', 'A', 'b', 'Ä', 'Σ', '\u{1E9E}', '7', '.'][..]),
                1..48,
            ),
        ) {
            let local: String = local.into_iter().collect();
            let Ok(email) = Email::parse(&format!("{local}@Example.com")) else {
                return Ok(());
            };
            let key = email.uniqueness_key();
            let lower = Email::parse(&format!("{}@example.COM", local.to_lowercase()));
            if let Ok(lower) = lower {
                proptest::prop_assert_eq!(lower.uniqueness_key(), key.clone());
            }
            match Email::parse(&key) {
                Ok(again) => proptest::prop_assert_eq!(again.uniqueness_key(), key),
                Err(EmailError::LocalTooLong { bytes }) => {
                    proptest::prop_assert!(bytes > MAX_LOCAL_BYTES);
                    proptest::prop_assert!(local.contains('\u{130}'), "{local:?}");
                }
                Err(other) => proptest::prop_assert!(false, "{key:?}: {other:?}"),
            }
        }
    }
}
