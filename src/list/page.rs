//! Keyset pagination: the plan a storage layer runs, the page builder, and a reference
//! in-memory implementation of the plan.
//!
//! A service handler's flow (parse the query, plan, fetch, build the page), the SQL the
//! plan renders and the storage recipes are the [`list`](crate::list) module's docs.
//! [`KeysetPlan::sql`] renders the plan for PostgreSQL or SQLite; each row is a
//! [`Keyed`] built from the statement's first two columns, handed in the order fetched
//! to [`KeysetPlan::page`]. An index on `(created_at, id)` serves every page in time
//! proportional to the page size.

use std::cmp::Ordering;

use serde::Serialize;

use crate::field::id::{CustomerId, CustomerIdError};
use crate::field::timestamp::{Timestamp, TimestampError};
use crate::list::cursor::{Cursor, CursorKeys, Direction, Position, QueryDigest};
use crate::list::filter::Filters;
use crate::list::query::Sort;
use crate::profile::juice::Customer;

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

/// A row a page can be built from: anything with a keyset position.
///
/// The position must equal the row's stored `created_at` and `id` columns exactly (see
/// [`KeysetPlan::page`]); [`Keyed`] takes it from them.
///
/// Implemented for [`Customer`], [`Position`] and references to them; implement it for a
/// service's own row type to page over it.
///
/// ```
/// use customer_core::{list::{KeysetRow, Position}};
///
/// struct Row { created_at: customer_core::Timestamp, id: customer_core::CustomerId }
/// impl KeysetRow for Row {
///     fn position(&self) -> Position { Position::new(self.created_at, self.id) }
/// }
/// ```
pub trait KeysetRow {
    /// The row's `(created_at, id)`.
    fn position(&self) -> Position;
}

impl KeysetRow for Customer {
    fn position(&self) -> Position {
        Position::of(self)
    }
}

impl KeysetRow for Position {
    fn position(&self) -> Position {
        *self
    }
}

impl<T: KeysetRow + ?Sized> KeysetRow for &T {
    fn position(&self) -> Position {
        (**self).position()
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

    /// True when `customer` passes the filters and the bound.
    ///
    /// ```
    /// use customer_core::{CreateCustomer, Customer, list::{CursorKey, CursorKeys, ListCustomersQuery}};
    ///
    /// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
    /// let request = CreateCustomer::from_json(br#"{"first_name":"Jane","last_name":"Doe",
    ///   "email":"Jane@Example.com","phone_number":"+2348012345679",
    ///   "billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#).unwrap();
    /// let jane = Customer::new(
    ///     "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
    ///     request,
    ///     "2024-03-01T12:00:00Z".parse().unwrap(),
    /// );
    /// let plan = |q: &str| ListCustomersQuery::parse(q, &keys).unwrap().plan();
    /// assert!(plan("email=jane@example.com").matches(&jane));
    /// assert!(plan("created_before=2024-03-01T12:00:00.000000001Z").matches(&jane));
    /// assert!(!plan("created_after=2024-03-01T12:00:00Z").matches(&jane)); // exclusive
    /// ```
    #[must_use]
    pub fn matches(&self, customer: &Customer) -> bool {
        let created_at = customer.created_at();
        self.filters
            .email_key()
            .is_none_or(|key| customer.email().uniqueness_key() == key)
            && self.filters.admits_time(created_at)
            && self.bound.is_none_or(|b| b.admits(Position::of(customer)))
    }

    /// Compares two positions in [`KeysetPlan::scan_order`].
    fn scan_cmp(&self, a: Position, b: Position) -> Ordering {
        if self.scan_order().is_ascending() {
            a.cmp(&b)
        } else {
            b.cmp(&a)
        }
    }

    /// The reference implementation of the plan over a slice: the customers that
    /// [`match`](KeysetPlan::matches), in scan order, at most
    /// [`fetch_limit`](KeysetPlan::fetch_limit) of them. Ids are assumed unique, as in any
    /// store. `O(n log n)`; meant for tests and small sets.
    #[must_use]
    pub fn fetch_in_memory<'a>(&self, customers: &'a [Customer]) -> Vec<&'a Customer> {
        let mut rows: Vec<&Customer> = customers.iter().filter(|c| self.matches(c)).collect();
        rows.sort_unstable_by(|a, b| self.scan_cmp(Position::of(a), Position::of(b)));
        rows.truncate(usize::from(self.fetch_limit()));
        rows
    }

    /// Builds the page from the rows fetched under this plan, in the order fetched (at
    /// most [`fetch_limit`](KeysetPlan::fetch_limit); extra rows are ignored). The data
    /// comes back in the query's order, with cursors signed by `keys.signing()`:
    /// `after` when more rows follow, `before` when rows precede, `null` at the ends.
    /// An empty page has neither: there is no row to page from.
    ///
    /// # Positions must be the stored columns
    ///
    /// Each row's [`KeysetRow::position`] becomes a cursor, and the next page's SQL
    /// compares it with the stored `created_at` and `id` columns. So it must equal them
    /// exactly: take it from those columns ([`Keyed::from_columns`] over the SQL of
    /// [`KeysetPlan::sql`]), not from a copy such as a JSON document stored beside them at
    /// another precision. A wrong position would page in a loop or skip rows; rather than
    /// return such a page, this checks every row and refuses with a [`PageError`] (a
    /// storage bug: answer 500) when the positions are not strictly in the plan's scan
    /// order, not strictly beyond the cursor's position, or outside the
    /// `created_after`/`created_before` filters.
    ///
    /// ```
    /// use customer_core::{Timestamp, list::{CursorKey, CursorKeys, ListCustomersQuery, PageError, Position}};
    ///
    /// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
    /// let row = |s: i64| Position::new(
    ///     Timestamp::from_unix_seconds(s).unwrap(),
    ///     "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
    /// );
    /// let plan = ListCustomersQuery::parse("limit=2", &keys).unwrap().plan(); // newest first
    /// assert!(plan.page(vec![row(3), row(2)], &keys).is_ok());
    /// assert_eq!(plan.page(vec![row(2), row(3)], &keys).unwrap_err(), PageError::OutOfOrder { row: 1 });
    /// ```
    pub fn page<T: KeysetRow>(
        &self,
        mut rows: Vec<T>,
        keys: &CursorKeys,
    ) -> Result<Page<T>, PageError> {
        rows.truncate(usize::from(self.fetch_limit()));
        self.check(&rows)?;
        let limit = usize::from(self.limit);
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        if self.direction == Some(Direction::Before) {
            rows.reverse();
        }
        // Rows precede the page when we came from one (`after`) or when more were fetched
        // going backwards; they follow likewise.
        let (rows_before, rows_after) = match self.direction {
            None => (false, has_more),
            Some(Direction::After) => (true, has_more),
            Some(Direction::Before) => (has_more, true),
        };
        let cursor = |direction: Direction, row: Option<&T>| {
            let row = row?;
            let cursor = Cursor::new(direction, row.position(), self.digest);
            Some(cursor.encode(keys.signing()))
        };
        let before = if rows_before {
            cursor(Direction::Before, rows.first())
        } else {
            None
        };
        let after = if rows_after {
            cursor(Direction::After, rows.last())
        } else {
            None
        };
        Ok(Page {
            data: rows,
            pagination: Pagination {
                before,
                after,
                limit: self.limit,
            },
        })
    }

    /// Checks that the rows' positions are what this plan can have fetched.
    fn check<T: KeysetRow>(&self, rows: &[T]) -> Result<(), PageError> {
        let mut previous: Option<Position> = None;
        for (row, item) in rows.iter().enumerate() {
            let position = item.position();
            let created_at = position.created_at();
            if !self.filters.admits_time(created_at) {
                return Err(PageError::OutsideFilters { row });
            }
            match previous {
                None => {
                    if self.bound.is_some_and(|b| !b.admits(position)) {
                        return Err(PageError::NotBeyondCursor { row });
                    }
                }
                Some(p) => {
                    if self.scan_cmp(p, position) != Ordering::Less {
                        return Err(PageError::OutOfOrder { row });
                    }
                }
            }
            previous = Some(position);
        }
        Ok(())
    }
}

/// Why [`KeysetPlan::page`] refused the rows it was given: the storage layer returned rows
/// this plan cannot have fetched, usually because positions do not come from the stored
/// columns (see [`KeysetPlan::page`]). A server error, not the client's: no API code.
///
/// ```
/// use customer_core::list::PageError;
///
/// assert_eq!(
///     PageError::NotBeyondCursor { row: 0 }.to_string(),
///     "row 0 is not strictly beyond the cursor's position: rows must carry the stored created_at and id"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PageError {
    /// The first row is not strictly beyond the cursor's position (paging would loop).
    #[error(
        "row {row} is not strictly beyond the cursor's position: rows must carry the stored created_at and id"
    )]
    NotBeyondCursor {
        /// Index of the row, in the order given.
        row: usize,
    },
    /// A row is not strictly after the one before it in the plan's scan order.
    #[error(
        "row {row} is not strictly after the row before it in the plan's order (created_at, then id)"
    )]
    OutOfOrder {
        /// Index of the row, in the order given.
        row: usize,
    },
    /// A row's `created_at` is outside the `created_after`/`created_before` filters.
    #[error("row {row} is outside the created_after/created_before filters")]
    OutsideFilters {
        /// Index of the row, in the order given.
        row: usize,
    },
}

/// A row and its keyset position read from the stored columns: the safe way to page over
/// a store. The position is what cursors carry; the row is what the page shows
/// (`Serialize` writes the row alone, so a `Page<Keyed<Customer>>` is a page of customers).
///
/// ```
/// use customer_core::list::Keyed;
///
/// // The first two columns of the SQL from `KeysetPlan::sql`, and whatever the row is.
/// let row = Keyed::from_columns(
///     "2024-03-01T12:00:00.500000Z",
///     "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8",
///     "the customer",
/// ).unwrap();
/// assert_eq!(row.position().created_at().to_string(), "2024-03-01T12:00:00.5Z");
/// assert_eq!(serde_json::to_string(&row).unwrap(), r#""the customer""#);
/// assert!(Keyed::from_columns("2024-03-01T12:00:00.5Z", "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8", ()).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Keyed<T> {
    position: Position,
    row: T,
}

impl<T> Keyed<T> {
    /// A row at `position` (which must be its stored `created_at` and `id`).
    #[must_use]
    pub fn new(position: Position, row: T) -> Self {
        Keyed { position, row }
    }

    /// A row whose position is read from the stored columns as [`KeysetPlan::sql`]
    /// selects them first: `created_at` in the sortable form
    /// ([`Timestamp::parse_sortable`], strict) and `id` as a canonical UUID.
    pub fn from_columns(created_at: &str, id: &str, row: T) -> Result<Self, ColumnError> {
        let created_at = Timestamp::parse_sortable(created_at).map_err(ColumnError::CreatedAt)?;
        let id = CustomerId::parse(id).map_err(ColumnError::Id)?;
        Ok(Keyed::new(Position::new(created_at, id), row))
    }

    /// The stored position.
    #[must_use]
    pub fn position(&self) -> Position {
        self.position
    }

    /// The row.
    #[must_use]
    pub fn row(&self) -> &T {
        &self.row
    }

    /// The row, without its position.
    #[must_use]
    pub fn into_row(self) -> T {
        self.row
    }
}

impl<T> KeysetRow for Keyed<T> {
    fn position(&self) -> Position {
        self.position
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.row.serialize(serializer)
    }
}

/// Why [`Keyed::from_columns`] could not read a position: the stored columns are not in
/// the form the crate's SQL writes and selects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ColumnError {
    /// `created_at` is not the sortable form `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    #[error("stored created_at is not the sortable form YYYY-MM-DDTHH:MM:SS.ffffffZ: {0}")]
    CreatedAt(TimestampError),
    /// `id` is not a canonical UUID.
    #[error("stored id is not a UUID: {0}")]
    Id(CustomerIdError),
}

/// One page of a listing: `{"data": [...], "pagination": {"before", "after", "limit"}}`.
///
/// ```
/// use customer_core::{Customer, list::{CursorKey, CursorKeys, ListCustomersQuery}};
///
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let plan = ListCustomersQuery::parse("limit=2", &keys).unwrap().plan();
/// let page = plan.page(Vec::<Customer>::new(), &keys).unwrap();
/// assert_eq!(
///     serde_json::to_string(&page).unwrap(),
///     r#"{"data":[],"pagination":{"before":null,"after":null,"limit":2}}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<T> {
    data: Vec<T>,
    pagination: Pagination,
}

impl<T> Page<T> {
    /// The rows, in the query's order.
    #[must_use]
    pub fn data(&self) -> &[T] {
        &self.data
    }

    /// The cursors and the page size.
    #[must_use]
    pub fn pagination(&self) -> &Pagination {
        &self.pagination
    }

    /// The rows and the pagination, taken apart.
    #[must_use]
    pub fn into_parts(self) -> (Vec<T>, Pagination) {
        (self.data, self.pagination)
    }
}

/// The `pagination` object of a [`Page`].
///
/// ```
/// use customer_core::{list::{CursorKey, CursorKeys, KeysetRow, ListCustomersQuery, Position}};
///
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let row = |s: i64| Position::new(
///     customer_core::Timestamp::from_unix_seconds(s).unwrap(),
///     "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
/// );
/// // Two rows fetched for `limit=1`: a next page exists, no previous one.
/// let plan = ListCustomersQuery::parse("limit=1", &keys).unwrap().plan();
/// let page = plan.page(vec![row(2), row(1)], &keys).unwrap();
/// let p = page.pagination();
/// assert_eq!((p.limit(), p.before()), (1, None));
/// let after = p.after().unwrap();
/// let next = ListCustomersQuery::parse(&format!("limit=1&after={after}"), &keys).unwrap();
/// assert_eq!(next.cursor().unwrap().position(), row(2).position());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pagination {
    before: Option<String>,
    after: Option<String>,
    limit: u8,
}

impl Pagination {
    /// The cursor for the previous page, to send as `before`; `None` on the first page.
    #[must_use]
    pub fn before(&self) -> Option<&str> {
        self.before.as_deref()
    }

    /// The cursor for the next page, to send as `after`; `None` on the last page.
    #[must_use]
    pub fn after(&self) -> Option<&str> {
        self.after.as_deref()
    }

    /// The page size.
    #[must_use]
    pub fn limit(&self) -> u8 {
        self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::id::CustomerId;
    use crate::list::cursor::CursorKey;
    use crate::list::query::ListCustomersQuery;

    fn keys() -> CursorKeys {
        CursorKeys::new(CursorKey::new(1, &[1; 32]).unwrap())
    }

    fn pos(second: u8, id: u8) -> Position {
        Position::new(
            Timestamp::from_unix_seconds(i64::from(second)).unwrap(),
            CustomerId::from(uuid::Uuid::from_bytes([id; 16])),
        )
    }

    /// Rows as `fetch_in_memory` would return them, for positions.
    fn fetch(plan: &KeysetPlan, all: &[Position]) -> Vec<Position> {
        let mut rows: Vec<Position> = all
            .iter()
            .copied()
            .filter(|p| plan.bound().is_none_or(|b| b.admits(*p)))
            .collect();
        rows.sort_by(|a, b| plan.scan_cmp(*a, *b));
        rows.truncate(usize::from(plan.fetch_limit()));
        rows
    }

    #[test]
    fn bounds_follow_sort_and_direction() {
        let k = keys();
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
            let q = ListCustomersQuery::parse(&format!("sort={sort}"), &k).unwrap();
            let c = Cursor::new(dir, at, q.digest()).encode(k.signing());
            let plan = ListCustomersQuery::parse(&format!("sort={sort}&{dir}={c}"), &k)
                .unwrap()
                .plan();
            assert_eq!(plan.scan_order(), scan, "{sort} {dir}");
            assert_eq!(plan.sort(), sort);
            assert_eq!(plan.bound(), Some(Bound::new(cmp, at)), "{sort} {dir}");
        }
    }

    #[test]
    fn walks_with_equal_timestamps() {
        let k = keys();
        // Seven rows, four sharing one second: id breaks the tie.
        let all = [
            pos(1, 9),
            pos(2, 3),
            pos(2, 1),
            pos(2, 7),
            pos(2, 2),
            pos(3, 0),
            pos(0, 5),
        ];
        let mut sorted = all.to_vec();
        sorted.sort();
        let mut seen = Vec::new();
        let mut raw = "limit=3&sort=created_at:asc".to_owned();
        let mut pages = Vec::new();
        loop {
            let plan = ListCustomersQuery::parse(&raw, &k).unwrap().plan();
            let page = plan.page(fetch(&plan, &all), &k).unwrap();
            seen.extend_from_slice(page.data());
            pages.push(page.clone());
            match page.pagination().after() {
                Some(after) => raw = format!("limit=3&sort=created_at:asc&after={after}"),
                None => break,
            }
        }
        assert_eq!(seen, sorted);
        assert_eq!(pages.len(), 3);
        assert!(pages[0].pagination().before().is_none());
        // And back: `before` from the last page gives the pages again.
        let mut back = vec![pages[2].data().to_vec()];
        let mut before = pages[2].pagination().before().map(str::to_owned);
        while let Some(b) = before {
            let plan =
                ListCustomersQuery::parse(&format!("limit=3&sort=created_at:asc&before={b}"), &k)
                    .unwrap()
                    .plan();
            let page = plan.page(fetch(&plan, &all), &k).unwrap();
            assert!(page.pagination().after().is_some());
            back.push(page.data().to_vec());
            before = page.pagination().before().map(str::to_owned);
        }
        back.reverse();
        let forward: Vec<Vec<Position>> = pages.iter().map(|p| p.data().to_vec()).collect();
        assert_eq!(back, forward);
    }

    #[test]
    fn empty_and_single_pages_have_no_cursors() {
        let k = keys();
        let plan = ListCustomersQuery::parse("limit=2", &k).unwrap().plan();
        let page = plan.page(vec![pos(1, 1), pos(0, 1)], &k).unwrap();
        assert_eq!(
            page.pagination(),
            &Pagination {
                before: None,
                after: None,
                limit: 2
            }
        );
        let q = ListCustomersQuery::parse("limit=2", &k).unwrap();
        let c = Cursor::new(Direction::After, pos(5, 5), q.digest()).encode(k.signing());
        let plan = ListCustomersQuery::parse(&format!("limit=2&after={c}"), &k)
            .unwrap()
            .plan();
        let page = plan.page(Vec::<Position>::new(), &k).unwrap();
        assert_eq!(
            page.pagination(),
            &Pagination {
                before: None,
                after: None,
                limit: 2
            }
        );
    }

    /// Issue 14, failure 4: rows whose positions are not what the plan fetched are
    /// refused, each way, rather than paged from.
    #[test]
    fn refuses_rows_the_plan_cannot_have_fetched() {
        let k = keys();
        let q =
            ListCustomersQuery::parse("limit=2&created_after=1970-01-01T00:00:01Z", &k).unwrap();
        let c = Cursor::new(Direction::After, pos(5, 5), q.digest()).encode(k.signing());
        let plan = ListCustomersQuery::parse(
            &format!("limit=2&created_after=1970-01-01T00:00:01Z&after={c}"),
            &k,
        )
        .unwrap()
        .plan();
        // Newest first, strictly below (5, 5), after second 1.
        assert!(plan.page(vec![pos(5, 4), pos(4, 9), pos(2, 0)], &k).is_ok());
        for (rows, error) in [
            (vec![pos(5, 5)], PageError::NotBeyondCursor { row: 0 }),
            (vec![pos(6, 0)], PageError::NotBeyondCursor { row: 0 }),
            (vec![pos(4, 1), pos(4, 2)], PageError::OutOfOrder { row: 1 }),
            (vec![pos(4, 1), pos(4, 1)], PageError::OutOfOrder { row: 1 }),
            (
                vec![pos(4, 1), pos(1, 0)],
                PageError::OutsideFilters { row: 1 },
            ),
        ] {
            assert_eq!(plan.page(rows.clone(), &k), Err(error), "{rows:?}");
        }
    }

    proptest::proptest! {
        /// `page` accepts exactly the rows a store could return under the plan: strictly
        /// in scan order, the first strictly beyond the bound, all inside the filters.
        #[test]
        fn page_accepts_exactly_what_the_plan_admits(
            rows in proptest::collection::vec((0u8..6, 0u8..4), 0..5),
            asc in proptest::bool::ANY,
            before in proptest::bool::ANY,
            cursor in proptest::option::of((0u8..6, 0u8..4)),
            after in proptest::option::of(0u8..3),
        ) {
            let k = keys();
            let mut raw = format!("limit=3&sort=created_at:{}", if asc { "asc" } else { "desc" });
            if let Some(a) = after {
                raw.push_str(&format!("&created_after=1970-01-01T00:00:0{a}Z"));
            }
            let q = ListCustomersQuery::parse(&raw, &k).unwrap();
            if let Some((s, i)) = cursor {
                let dir = if before { Direction::Before } else { Direction::After };
                let c = Cursor::new(dir, pos(s, i), q.digest()).encode(k.signing());
                raw.push_str(&format!("&{dir}={c}"));
            }
            let plan = ListCustomersQuery::parse(&raw, &k).unwrap().plan();
            let rows: Vec<Position> = rows.into_iter().map(|(s, i)| pos(s, i)).collect();
            let considered = &rows[..rows.len().min(usize::from(plan.fetch_limit()))];
            let fetchable = considered.iter().all(|p| {
                after.is_none_or(|a| p.created_at() > Timestamp::from_unix_seconds(i64::from(a)).unwrap())
            }) && considered.first().is_none_or(|p| plan.bound().is_none_or(|b| b.admits(*p)))
                && considered.windows(2).all(|w| plan.scan_cmp(w[0], w[1]) == Ordering::Less);
            proptest::prop_assert_eq!(plan.page(rows.clone(), &k).is_ok(), fetchable, "{:?}", rows);
        }
    }

    #[test]
    fn extra_rows_are_ignored() {
        let k = keys();
        let plan = ListCustomersQuery::parse("limit=1", &k).unwrap().plan();
        let page = plan
            .page(vec![pos(3, 1), pos(2, 1), pos(1, 1)], &k)
            .unwrap();
        assert_eq!(page.data(), &[pos(3, 1)]);
        assert!(page.pagination().after().is_some());
    }
}
