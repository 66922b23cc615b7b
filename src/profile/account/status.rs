//! The account customer's status (spec 003).

use std::fmt;

use crate::error::{Coded, ErrorCode};
use crate::text::Excerpt;

/// An account's status; absent or `null` in a request means [`AccountStatus::Active`].
///
/// ```
/// use customer_core::account::AccountStatus;
///
/// assert_eq!(AccountStatus::parse("suspended"), Ok(AccountStatus::Suspended));
/// assert_eq!(
///     AccountStatus::parse("Active").unwrap_err().to_string(),
///     "`Active` is not a status; did you mean `active`?"
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AccountStatus {
    /// Active and in good standing (the default).
    #[default]
    Active,
    /// Inactive; may require reactivation.
    Inactive,
    /// Suspended, for example over payment problems.
    Suspended,
}

/// Why a string is not an [`AccountStatus`] (`invalid_status`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccountStatusError {
    /// Not one of the three statuses, with the one it matches ignoring case.
    #[error("`{input}` is not a status; did you mean `{suggestion}`?")]
    Suggest {
        /// The input (its first bytes).
        input: Excerpt,
        /// The status it matches ignoring case and surrounding spaces.
        suggestion: AccountStatus,
    },
    /// Not one of the three statuses.
    #[error("must be one of `active`, `inactive` or `suspended`")]
    Unknown,
}

impl AccountStatusError {
    /// Always `invalid_status`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidStatus
    }
}

impl Coded for AccountStatusError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidStatus
    }
}

const ALL: [AccountStatus; 3] = [
    AccountStatus::Active,
    AccountStatus::Inactive,
    AccountStatus::Suspended,
];

impl AccountStatus {
    /// Parses a status, exactly (lowercase, no spaces).
    pub fn parse(input: &str) -> Result<AccountStatus, AccountStatusError> {
        if let Some(status) = ALL.into_iter().find(|s| s.as_str() == input) {
            return Ok(status);
        }
        let trimmed = input.trim();
        match ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(trimmed))
        {
            Some(suggestion) if Excerpt::new(input).is_printable() => {
                Err(AccountStatusError::Suggest {
                    input: Excerpt::new(input),
                    suggestion,
                })
            }
            _ => Err(AccountStatusError::Unknown),
        }
    }

    /// The wire string: `active`, `inactive` or `suspended`.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Inactive => "inactive",
            AccountStatus::Suspended => "suspended",
        }
    }
}

impl fmt::Display for AccountStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for AccountStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

parse_impls!(AccountStatus, AccountStatusError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_values_and_hints() {
        for s in ALL {
            assert_eq!(AccountStatus::parse(s.as_str()), Ok(s));
        }
        assert!(matches!(
            AccountStatus::parse(" INACTIVE "),
            Err(AccountStatusError::Suggest {
                suggestion: AccountStatus::Inactive,
                ..
            })
        ));
        assert_eq!(
            AccountStatus::parse("deleted"),
            Err(AccountStatusError::Unknown)
        );
        assert_eq!(AccountStatus::parse(""), Err(AccountStatusError::Unknown));
    }
}
