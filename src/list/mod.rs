//! Listing customers (`GET /customers`, spec 001): the query string
//! ([`ListCustomersQuery`], [`Sort`], [`Filters`]), signed keyset cursors ([`Cursor`],
//! [`CursorKeys`]), the plan storage runs ([`KeysetPlan`]) with its SQL for SQLite and
//! PostgreSQL ([`Dialect`]), and the page returned ([`Page`]).
//!
#![doc = include_str!("../../docs/listing.md")]
#![doc = include_str!("../../docs/listing-sql.md")]

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
