//! The page of a listing: [`KeysetPlan::page`] checks the rows fetched under a plan and
//! returns them with signed cursors as a [`Page`].
//!
//! A service handler's flow (parse the query, plan, fetch, build the page), the SQL the
//! plan renders and the storage recipes are the [`list`](crate::list) module's docs.
//! [`KeysetPlan::sql`] renders the plan for PostgreSQL or SQLite; each row is a
//! [`Keyed`] built from the statement's first two columns, handed in the order fetched
//! to [`KeysetPlan::page`]. An index on `(created_at, id)` serves every page in time
//! proportional to the page size.

use std::cmp::Ordering;

use serde::Serialize;

use crate::list::cursor::{Cursor, Direction, Position};
use crate::list::keys::CursorKeys;
use crate::list::plan::KeysetPlan;
use crate::list::row::KeysetRow;

impl KeysetPlan {
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
    /// exactly: take it from those columns ([`Keyed::from_columns`](crate::list::Keyed::from_columns) over the SQL of
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
        let limit = usize::from(self.limit());
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        if self.direction() == Some(Direction::Before) {
            rows.reverse();
        }
        // Rows precede the page when we came from one (`after`) or when more were fetched
        // going backwards; they follow likewise.
        let (rows_before, rows_after) = match self.direction() {
            None => (false, has_more),
            Some(Direction::After) => (true, has_more),
            Some(Direction::Before) => (has_more, true),
        };
        let cursor = |direction: Direction, row: Option<&T>| {
            let row = row?;
            let cursor = Cursor::new(direction, row.position(), self.digest());
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
                limit: self.limit(),
            },
        })
    }

    /// Checks that the rows' positions are what this plan can have fetched.
    fn check<T: KeysetRow>(&self, rows: &[T]) -> Result<(), PageError> {
        let mut previous: Option<Position> = None;
        for (row, item) in rows.iter().enumerate() {
            let position = item.position();
            let created_at = position.created_at();
            if !self.filters().admits_time(created_at) {
                return Err(PageError::OutsideFilters { row });
            }
            match previous {
                None => {
                    if self.bound().is_some_and(|b| !b.admits(position)) {
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
    use crate::field::timestamp::Timestamp;
    use crate::list::cursor::QueryDigest;
    use crate::list::filter::Filters;
    use crate::list::keys::CursorKey;
    use crate::list::sort::Sort;

    fn keys() -> CursorKeys {
        CursorKeys::new(CursorKey::new(1, &[1; 32]).unwrap())
    }

    fn pos(second: u8, id: u8) -> Position {
        Position::new(
            Timestamp::from_unix_seconds(i64::from(second)).unwrap(),
            CustomerId::from(uuid::Uuid::from_bytes([id; 16])),
        )
    }

    /// A query string's plan, as the listing's query builds it (limit, sort,
    /// `created_after`, and an `after` or `before` cursor), so these tests need only the
    /// plan.
    fn plan_of(raw: &str, k: &CursorKeys) -> KeysetPlan {
        let (mut limit, mut sort, mut created_after, mut cursor) =
            (15, Sort::default(), None, None);
        for (name, value) in raw.split('&').filter_map(|p| p.split_once('=')) {
            match name {
                "limit" => limit = value.parse().unwrap(),
                "sort" => sort = value.parse().unwrap(),
                "created_after" => created_after = Some(Timestamp::parse(value).unwrap()),
                "after" | "before" => cursor = Some(Cursor::decode(value, k).unwrap()),
                _ => panic!("{name}"),
            }
        }
        let digest = digest_of(raw);
        let filters = Filters {
            created_after,
            ..Filters::default()
        };
        if let Some(c) = &cursor {
            assert_eq!(c.query_digest(), digest, "{raw}");
        }
        KeysetPlan::new(sort, cursor.as_ref(), filters, limit, digest)
    }

    /// The digest of a query string's sort and `created_after` (its cursor left out).
    fn digest_of(raw: &str) -> QueryDigest {
        let mut ascending = false;
        let mut created_after = None;
        for (name, value) in raw.split('&').filter_map(|p| p.split_once('=')) {
            match name {
                "sort" => ascending = value == "created_at:asc",
                "created_after" => created_after = Some(Timestamp::parse(value).unwrap()),
                _ => {}
            }
        }
        QueryDigest::compute(ascending, None, created_after, None)
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
            let plan = plan_of(&raw, &k);
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
            let plan = plan_of(&format!("limit=3&sort=created_at:asc&before={b}"), &k);
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
        let plan = plan_of("limit=2", &k);
        let page = plan.page(vec![pos(1, 1), pos(0, 1)], &k).unwrap();
        assert_eq!(
            page.pagination(),
            &Pagination {
                before: None,
                after: None,
                limit: 2
            }
        );
        let q = digest_of("limit=2");
        let c = Cursor::new(Direction::After, pos(5, 5), q).encode(k.signing());
        let plan = plan_of(&format!("limit=2&after={c}"), &k);
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

    /// Rows whose positions are not what the plan fetched are
    /// refused, each way, rather than paged from.
    #[test]
    fn refuses_rows_the_plan_cannot_have_fetched() {
        let k = keys();
        let q = digest_of("limit=2&created_after=1970-01-01T00:00:01Z");
        let c = Cursor::new(Direction::After, pos(5, 5), q).encode(k.signing());
        let plan = plan_of(
            &format!("limit=2&created_after=1970-01-01T00:00:01Z&after={c}"),
            &k,
        );
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
            let q = digest_of(&raw);
            if let Some((s, i)) = cursor {
                let dir = if before { Direction::Before } else { Direction::After };
                let c = Cursor::new(dir, pos(s, i), q).encode(k.signing());
                raw.push_str(&format!("&{dir}={c}"));
            }
            let plan = plan_of(&raw, &k);
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
        let plan = plan_of("limit=1", &k);
        let page = plan
            .page(vec![pos(3, 1), pos(2, 1), pos(1, 1)], &k)
            .unwrap();
        assert_eq!(page.data(), &[pos(3, 1)]);
        assert!(page.pagination().after().is_some());
    }
}
