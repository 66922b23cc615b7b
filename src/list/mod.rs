//! Listing customers (`GET /customers`, spec 001): the query string
//! ([`ListCustomersQuery`], [`Sort`], [`Filters`]), signed keyset cursors ([`Cursor`],
//! [`CursorKeys`]), the plan storage runs ([`KeysetPlan`]) with its SQL for SQLite and
//! PostgreSQL ([`Dialect`]), and the page returned ([`Page`]).
//!
#![doc = include_str!("../../docs/listing.md")]
#![doc = include_str!("../../docs/listing-sql.md")]

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
