//! The rows a page is built from: [`KeysetRow`] (anything with a keyset position) and
//! [`Keyed`], a row whose position is read from the stored columns.

use serde::Serialize;

use crate::field::id::{CustomerId, CustomerIdError};
use crate::field::timestamp::{Timestamp, TimestampError};
use crate::list::cursor::Position;
use crate::profile::juice::Customer;

/// A row a page can be built from: anything with a keyset position.
///
/// The position must equal the row's stored `created_at` and `id` columns exactly (see
/// [`KeysetPlan::page`](crate::list::KeysetPlan::page)); [`Keyed`] takes it from them.
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

    /// A row whose position is read from the stored columns as [`KeysetPlan::sql`](crate::list::KeysetPlan::sql)
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
