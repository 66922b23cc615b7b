//! Listing: the list query string, its sort, signed keyset cursors and their key ring, the
//! keyset plan storage runs (and its SQL), the rows and the page returned.

pub(crate) mod cursor;
pub(crate) mod filter;
pub(crate) mod form;
pub(crate) mod keys;
pub(crate) mod memory;
pub(crate) mod page;
pub(crate) mod plan;
pub(crate) mod query;
pub(crate) mod row;
pub(crate) mod sort;
pub(crate) mod sql;

pub use cursor::{Cursor, CursorError, DigestBuilder, Direction, Position, QueryDigest};
pub use filter::Filters;
pub use keys::{CursorKey, CursorKeyError, CursorKeys};
pub use page::{Page, PageError, Pagination};
pub use plan::{Bound, Comparison, KeysetPlan};
pub use query::ListCustomersQuery;
pub use row::{ColumnError, Keyed, KeysetRow};
pub use sort::{Sort, SortError};
pub use sql::{Dialect, SqlStatement, SqlTable, SqlValue};
