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
