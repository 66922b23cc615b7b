//! The order of a listing: `sort=created_at:asc` or `created_at:desc`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Coded, ErrorCode};
use crate::text::Excerpt;

/// Values longer than this are not echoed in messages.
const MAX_SHOWN: usize = 32;

/// The order of a listing: by `created_at`, then by `id` in the same direction.
///
/// ```
/// use customer_core::list::Sort;
///
/// assert_eq!(Sort::default(), Sort::CreatedAtDesc);
/// assert_eq!("created_at:asc".parse::<Sort>().unwrap(), Sort::CreatedAtAsc);
/// assert_eq!(Sort::CreatedAtAsc.reversed().as_str(), "created_at:desc");
/// let err = Sort::parse("asc").unwrap_err();
/// assert_eq!(err.to_string(), "must be `created_at:asc` or `created_at:desc`, found `asc`; did you mean `created_at:asc`?");
/// ```
///
/// It serializes as its wire value and orders ascending first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Sort {
    /// Oldest first (`created_at:asc`).
    CreatedAtAsc,
    /// Newest first (`created_at:desc`), the default.
    #[default]
    CreatedAtDesc,
}

/// Why a value is not a [`Sort`] (`invalid_sort`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "must be `created_at:asc` or `created_at:desc`{}{}",
    Found(*.input),
    .suggestion.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default()
)]
pub struct SortError {
    input: Excerpt,
    suggestion: Option<Sort>,
}

impl SortError {
    /// Always `invalid_sort`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidSort
    }

    /// The first bytes of the value sent.
    #[must_use]
    pub fn input(&self) -> &Excerpt {
        &self.input
    }

    /// The order the value most likely meant (`asc` → [`Sort::CreatedAtAsc`]).
    #[must_use]
    pub fn suggestion(&self) -> Option<Sort> {
        self.suggestion
    }
}

impl Coded for SortError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidSort
    }
}

impl Sort {
    /// Parses `created_at:asc` or `created_at:desc` (exactly; lowercase).
    pub fn parse(input: &str) -> Result<Sort, SortError> {
        match input {
            "created_at:asc" => Ok(Sort::CreatedAtAsc),
            "created_at:desc" => Ok(Sort::CreatedAtDesc),
            _ => {
                let near = |s: &str| {
                    input.len() <= MAX_SHOWN
                        && (input.eq_ignore_ascii_case(s)
                            || s.strip_prefix("created_at:")
                                .is_some_and(|d| input.eq_ignore_ascii_case(d)))
                };
                let suggestion = [Sort::CreatedAtAsc, Sort::CreatedAtDesc]
                    .into_iter()
                    .find(|s| near(s.as_str()));
                Err(SortError {
                    input: Excerpt::new(input),
                    suggestion,
                })
            }
        }
    }

    /// The wire value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Sort::CreatedAtAsc => "created_at:asc",
            Sort::CreatedAtDesc => "created_at:desc",
        }
    }

    /// True for [`Sort::CreatedAtAsc`].
    #[must_use]
    pub const fn is_ascending(self) -> bool {
        matches!(self, Sort::CreatedAtAsc)
    }

    /// The opposite order.
    #[must_use]
    pub const fn reversed(self) -> Sort {
        match self {
            Sort::CreatedAtAsc => Sort::CreatedAtDesc,
            Sort::CreatedAtDesc => Sort::CreatedAtAsc,
        }
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Sort {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Sort {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = crate::request::raw::CowStr::deserialize(deserializer)?;
        Sort::parse(&s.0).map_err(serde::de::Error::custom)
    }
}

impl FromStr for Sort {
    type Err = SortError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sort::parse(s)
    }
}

impl TryFrom<&str> for Sort {
    type Error = SortError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Sort::parse(s)
    }
}

/// Shows `, found `v`` when the value is short, printable ASCII; else nothing (no control
/// characters or megabytes of input in messages).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found(pub(crate) Excerpt);

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0.as_str();
        if v.is_empty() {
            f.write_str(", found an empty value")
        } else if !self.0.is_cut()
            && v.len() <= MAX_SHOWN
            && v.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'`')
        {
            write!(f, ", found `{v}`")
        } else {
            Ok(())
        }
    }
}
