//! Listing: the list query string, signed keyset cursors, the keyset plan storage runs
//! (and its SQL), and the page returned.

pub(crate) mod cursor;
pub(crate) mod filter;
pub(crate) mod page;
pub(crate) mod query;
pub(crate) mod sql;

pub use cursor::{
    Cursor, CursorError, CursorKey, CursorKeyError, CursorKeys, DigestBuilder, Direction, Position,
    QueryDigest,
};
pub use filter::Filters;
pub use page::{
    Bound, ColumnError, Comparison, Keyed, KeysetPlan, KeysetRow, Page, PageError, Pagination,
};
pub use query::{ListCustomersQuery, Sort, SortError};
pub use sql::{Dialect, SqlStatement, SqlTable, SqlValue};
