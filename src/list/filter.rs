//! The filters of a listing, shared by the query that parsed them and the plan that
//! storage runs (one value, not two copies of its fields).

use crate::field::timestamp::Timestamp;

/// What a listing keeps: rows whose stored `email_key` equals [`Filters::email_key`] and
/// whose `created_at` lies strictly between the two bounds (each optional).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    pub(crate) email_key: Option<String>,
    pub(crate) created_after: Option<Timestamp>,
    pub(crate) created_before: Option<Timestamp>,
}

impl Filters {
    /// Rows whose stored `email_key` column (the row's
    /// [`Email::uniqueness_key`](crate::Email::uniqueness_key)) equals this.
    #[must_use]
    pub fn email_key(&self) -> Option<&str> {
        self.email_key.as_deref()
    }

    /// Rows created strictly after this instant (already floored to the stored precision).
    #[must_use]
    pub fn created_after(&self) -> Option<Timestamp> {
        self.created_after
    }

    /// Rows created strictly before this instant (already ceiled to the stored precision).
    #[must_use]
    pub fn created_before(&self) -> Option<Timestamp> {
        self.created_before
    }

    /// True when `created_at` lies strictly between the bounds.
    #[must_use]
    pub fn admits_time(&self, created_at: Timestamp) -> bool {
        self.created_after.is_none_or(|t| created_at > t)
            && self.created_before.is_none_or(|t| created_at < t)
    }
}
