//! The local part (before the `@`): RFC 5322 dot-atom, RFC 6531 UTF-8, and
//! email-validator's unsafe-character rules; stored NFC.

use std::borrow::Cow;

use super::{EmailError, EmailPolicy, MAX_LOCAL_BYTES};
use crate::unicode::{self, Group};

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
pub(super) fn check_local(local: &str, policy: EmailPolicy) -> Result<Cow<'_, str>, EmailError> {
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
