//! Listing: the list query string, signed keyset cursors, the keyset plan storage runs
//! (and its SQL), and the page returned.

pub(crate) mod cursor;
pub(crate) mod filter;
pub(crate) mod page;
pub(crate) mod query;
pub(crate) mod sql;
