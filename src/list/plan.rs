//! The keyset plan: what storage must run for a validated list query (scan order,
//! strict bound from the cursor, filters, rows to fetch). [`KeysetPlan::sql`] renders it
//! as SQL, [`KeysetPlan::fetch_in_memory`] runs it over a slice, and
//! [`KeysetPlan::page`] builds the page from the rows fetched.

use std::cmp::Ordering;

use crate::field::timestamp::Timestamp;
use crate::list::cursor::{Cursor, Direction, Position, QueryDigest};
use crate::list::filter::Filters;
use crate::list::sort::Sort;

/// How a row's position compares with a [`Bound`]'s: strictly greater or strictly less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// `(created_at, id) > (bound.created_at, bound.id)`.
    Greater,
    /// `(created_at, id) < (bound.created_at, bound.id)`.
    Less,
}

impl Comparison {
    /// The SQL operator, `">"` or `"<"`.
    ///
    /// ```
    /// assert_eq!(customer_core::list::Comparison::Greater.as_sql(), ">");
    /// ```
    #[must_use]
    pub const fn as_sql(self) -> &'static str {
        match self {
            Comparison::Greater => ">",
            Comparison::Less => "<",
        }
    }
}

/// The strict keyset bound a cursor sets: rows whose `(created_at, id)` compares with
/// [`Bound::position`] as [`Bound::comparison`] says.
///
/// ```
/// use customer_core::{list::{Bound, Comparison, Position}};
///
/// let at = |t: &str, id: &str| Position::new(t.parse().unwrap(), id.parse().unwrap());
/// let p = at("2024-03-01T12:00:00Z", "00000000-0000-4000-8000-000000000002");
/// let bound = Bound::new(Comparison::Greater, p);
/// assert!(bound.admits(at("2024-03-01T12:00:00Z", "00000000-0000-4000-8000-000000000003")));
/// assert!(!bound.admits(p));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bound {
    comparison: Comparison,
    position: Position,
}

impl Bound {
    /// A bound admitting positions that compare with `position` as `comparison` says.
    #[must_use]
    pub fn new(comparison: Comparison, position: Position) -> Self {
        Bound {
            comparison,
            position,
        }
    }

    /// Strictly greater or strictly less.
    #[must_use]
    pub fn comparison(&self) -> Comparison {
        self.comparison
    }

    /// The position compared with (excluded).
    #[must_use]
    pub fn position(&self) -> Position {
        self.position
    }

    /// True when a row at `position` is inside the bound.
    #[must_use]
    pub fn admits(&self, position: Position) -> bool {
        match self.comparison {
            Comparison::Greater => position > self.position,
            Comparison::Less => position < self.position,
        }
    }
}

/// What a storage layer must run for a validated query: the scan order (`created_at`,
/// then `id`), the strict bound from the cursor, the filters, and `limit + 1` rows to
/// fetch so the page knows whether another one exists. A `before` page is fetched in
/// reverse and returned in the query's order by [`KeysetPlan::page`].
///
/// ```
/// use customer_core::{list::{Comparison, CursorKey, CursorKeys, ListCustomersQuery, Sort}};
///
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let plan = ListCustomersQuery::parse("limit=10&email=Ann@Example.com", &keys).unwrap().plan();
/// assert_eq!(plan.scan_order(), Sort::CreatedAtDesc);
/// assert_eq!(plan.fetch_limit(), 11);
/// assert_eq!(plan.email_key(), Some("ann@example.com"));
/// assert!(plan.bound().is_none()); // first page
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysetPlan {
    sort: Sort,
    direction: Option<Direction>,
    bound: Option<Bound>,
    filters: Filters,
    limit: u8,
    digest: QueryDigest,
}

impl KeysetPlan {
    /// The plan for a page of `sort` order after or before `cursor` (none on the first
    /// page), under `filters`; the listing's query builds it.
    pub(crate) fn new(
        sort: Sort,
        cursor: Option<&Cursor>,
        filters: Filters,
        limit: u8,
        digest: QueryDigest,
    ) -> KeysetPlan {
        let direction = cursor.map(Cursor::direction);
        let scan = match direction {
            Some(Direction::Before) => sort.reversed(),
            _ => sort,
        };
        let comparison = if scan.is_ascending() {
            Comparison::Greater
        } else {
            Comparison::Less
        };
        KeysetPlan {
            sort,
            direction,
            bound: cursor.map(|c| Bound::new(comparison, c.position())),
            filters,
            limit,
            digest,
        }
    }

    /// The filters rows must pass.
    #[must_use]
    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// The digest of the query the plan came from, which the page's cursors carry.
    pub(crate) fn digest(&self) -> QueryDigest {
        self.digest
    }
}

impl KeysetPlan {
    /// The order of the page returned (the query's `sort`).
    #[must_use]
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The order storage must read rows in, on both `created_at` and `id`: the query's
    /// sort, reversed for a `before` page.
    #[must_use]
    pub fn scan_order(&self) -> Sort {
        match self.direction {
            Some(Direction::Before) => self.sort.reversed(),
            _ => self.sort,
        }
    }

    /// The cursor's direction; `None` on the first page.
    #[must_use]
    pub fn direction(&self) -> Option<Direction> {
        self.direction
    }

    /// The strict bound from the cursor; `None` on the first page.
    #[must_use]
    pub fn bound(&self) -> Option<Bound> {
        self.bound
    }

    /// Rows whose stored `email_key` column (the row's [`Email::uniqueness_key`]) equals
    /// this.
    ///
    /// [`Email::uniqueness_key`]: crate::Email::uniqueness_key
    #[must_use]
    pub fn email_key(&self) -> Option<&str> {
        self.filters.email_key()
    }

    /// Rows created strictly after this instant.
    #[must_use]
    pub fn created_after(&self) -> Option<Timestamp> {
        self.filters.created_after()
    }

    /// Rows created strictly before this instant.
    #[must_use]
    pub fn created_before(&self) -> Option<Timestamp> {
        self.filters.created_before()
    }

    /// The page size.
    #[must_use]
    pub fn limit(&self) -> u8 {
        self.limit
    }

    /// How many rows to fetch: `limit + 1`, the extra one telling whether more exist.
    #[must_use]
    pub fn fetch_limit(&self) -> u8 {
        self.limit.saturating_add(1)
    }

    /// Compares two positions in [`KeysetPlan::scan_order`].
    pub(crate) fn scan_cmp(&self, a: Position, b: Position) -> Ordering {
        if self.scan_order().is_ascending() {
            a.cmp(&b)
        } else {
            b.cmp(&a)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::id::CustomerId;
    fn pos(second: u8, id: u8) -> Position {
        Position::new(
            Timestamp::from_unix_seconds(i64::from(second)).unwrap(),
            CustomerId::from(uuid::Uuid::from_bytes([id; 16])),
        )
    }

    #[test]
    fn bounds_follow_sort_and_direction() {
        let at = pos(1, 1);
        for (sort, dir, scan, cmp) in [
            (
                Sort::CreatedAtAsc,
                Direction::After,
                Sort::CreatedAtAsc,
                Comparison::Greater,
            ),
            (
                Sort::CreatedAtAsc,
                Direction::Before,
                Sort::CreatedAtDesc,
                Comparison::Less,
            ),
            (
                Sort::CreatedAtDesc,
                Direction::After,
                Sort::CreatedAtDesc,
                Comparison::Less,
            ),
            (
                Sort::CreatedAtDesc,
                Direction::Before,
                Sort::CreatedAtAsc,
                Comparison::Greater,
            ),
        ] {
            let digest = QueryDigest::compute(sort.is_ascending(), None, None, None);
            let cursor = Cursor::new(dir, at, digest);
            let plan = KeysetPlan::new(sort, Some(&cursor), Filters::default(), 15, digest);
            assert_eq!(plan.scan_order(), scan, "{sort} {dir}");
            assert_eq!(plan.sort(), sort);
            assert_eq!(plan.bound(), Some(Bound::new(cmp, at)), "{sort} {dir}");
        }
    }
}
