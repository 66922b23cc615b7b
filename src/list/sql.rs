//! The keyset plan as ready SQL for PostgreSQL and SQLite: a statement and its parameters
//! in order, to bind and run with any driver.
//!
//! # Schema
//!
//! The statement reads three stored columns besides whatever else the table holds:
//!
//! | column | PostgreSQL | SQLite | holds |
//! |---|---|---|---|
//! | `id` | `uuid` | `TEXT`, lowercase hyphenated | [`CustomerId`](crate::CustomerId) |
//! | `created_at` | `timestamptz` (microseconds) | `TEXT`, [`Timestamp::to_sortable_string`] | [`Timestamp`] |
//! | `email_key` | `text` | `TEXT` | [`Email::uniqueness_key`](crate::Email::uniqueness_key) |
//!
//! `email_key` is stored (and indexed) rather than computed as `lower(email)` in SQL:
//! SQL's `lower` depends on the column's collation (`lower('KIM@EXAMPLE.COM' COLLATE
//! "tr-x-icu")` is `kım@example.com`), the crate's key does not. Text ids in SQLite sort
//! like PostgreSQL's `uuid` (by their 16 bytes), and sortable-form text sorts like
//! `timestamptz`, so both stores page in the order of [`Position`](crate::list::Position).
//!
//! # The statement
//!
//! Only the lines the plan needs are written, each placeholder numbered in order, so a
//! first page has no bound and no unbound placeholder. The first two columns are the
//! row's position as [`Keyed::from_columns`](crate::list::Keyed::from_columns) reads it
//! (`position_created_at` in the sortable form, `position_id` as text), whatever the
//! driver's type mapping; the rest are the table's [`SqlTable`] columns. Timestamps and
//! ids are bound as text (cast in the SQL for PostgreSQL), the limit as an integer, so no
//! driver needs a date-time or UUID feature. The statements in full, with the tables
//! they read: the [`list`](crate::list) module's docs.
//!
//! # Driver integrations
//!
//! None, on purpose: binding [`SqlValue`]s is one `match` (two arms) in any driver, and
//! features for `rusqlite`, `postgres` or `sqlx` would tie this crate's releases to
//! theirs (each makes breaking releases often) while removing about five lines from a
//! user. The crate's own tests run the statements through `rusqlite` and `postgres`.

use std::fmt::Write as _;

use crate::field::timestamp::Timestamp;
use crate::list::page::KeysetPlan;

/// The SQL dialect to render for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// PostgreSQL: `$1` placeholders, `timestamptz` and `uuid` columns.
    Postgres,
    /// SQLite: `?1` placeholders, `TEXT` columns.
    Sqlite,
}

/// One parameter value, bound in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SqlValue {
    /// Bind as text (`String` / `&str`).
    Text(String),
    /// Bind as a 64-bit integer (`i64`).
    Integer(i64),
}

/// The table the statement reads: its name and the columns selected after the two position
/// columns. Both are written into the SQL verbatim, so they are `&'static str`: constants
/// in the service's code, never input.
///
/// ```
/// use customer_core::list::SqlTable;
///
/// const MINE: SqlTable = SqlTable::new("billing.customers", "document");
/// assert_eq!(MINE.name(), "billing.customers");
/// assert_eq!(SqlTable::CUSTOMERS.columns(), "*");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SqlTable {
    name: &'static str,
    columns: &'static str,
}

impl SqlTable {
    /// `customers`, selecting every column (`*`) after the position.
    pub const CUSTOMERS: SqlTable = SqlTable::new("customers", "*");

    /// A table `name` (written as is, quote it yourself if needed) selecting `columns`
    /// (a select list, written as is) after the two position columns.
    #[must_use]
    pub const fn new(name: &'static str, columns: &'static str) -> Self {
        SqlTable { name, columns }
    }

    /// The table name.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The select list after the position columns.
    #[must_use]
    pub const fn columns(&self) -> &'static str {
        self.columns
    }
}

/// A statement and its parameters, in placeholder order.
///
/// ```
/// use customer_core::{list::{CursorKey, CursorKeys, Dialect, ListCustomersQuery, SqlValue}};
///
/// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
/// let plan = ListCustomersQuery::parse("limit=2&email=Ann@Example.com", &keys).unwrap().plan();
/// let statement = plan.sql(Dialect::Sqlite);
/// assert_eq!(statement.sql(), "\
/// SELECT created_at AS position_created_at, id AS position_id, *
/// FROM customers
/// WHERE email_key = ?1
/// ORDER BY created_at DESC, id DESC
/// LIMIT ?2");
/// assert_eq!(statement.params(), [
///     SqlValue::Text("ann@example.com".into()),
///     SqlValue::Integer(3),
/// ]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SqlStatement {
    sql: String,
    params: Vec<SqlValue>,
}

impl SqlStatement {
    /// The SQL text.
    #[must_use]
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// The parameters, the first for `$1` / `?1`.
    #[must_use]
    pub fn params(&self) -> &[SqlValue] {
        &self.params
    }

    /// The SQL and the parameters, taken apart.
    #[must_use]
    pub fn into_parts(self) -> (String, Vec<SqlValue>) {
        (self.sql, self.params)
    }
}

impl Dialect {
    /// How to bind a [`Timestamp`] for this dialect's `created_at` (in an `INSERT`, or
    /// wherever the crate's SQL does not already do it): text in the sortable form; for
    /// PostgreSQL write the placeholder as `$n::text::timestamptz`. PostgreSQL has no year
    /// 0, so a year-0000 instant is written as the same instant in its `BC` form.
    ///
    /// ```
    /// use customer_core::{Timestamp, list::{Dialect, SqlValue}};
    ///
    /// let t = Timestamp::parse("2024-03-01T12:00:00.5Z").unwrap();
    /// assert_eq!(Dialect::Sqlite.timestamp(t), SqlValue::Text("2024-03-01T12:00:00.500000Z".into()));
    /// assert_eq!(Dialect::Postgres.timestamp(Timestamp::MIN), SqlValue::Text("0001-01-01 00:00:00.000000+00 BC".into()));
    /// ```
    #[must_use]
    pub fn timestamp(self, t: Timestamp) -> SqlValue {
        let d = t.as_offset_date_time();
        if self == Dialect::Postgres && d.year() == 0 {
            // ISO year 0 is 1 BC.
            return SqlValue::Text(format!(
                "0001-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00 BC",
                u8::from(d.month()),
                d.day(),
                d.hour(),
                d.minute(),
                d.second(),
                d.microsecond()
            ));
        }
        SqlValue::Text(t.to_sortable_string())
    }

    fn placeholder(self, n: usize) -> String {
        match self {
            Dialect::Postgres => format!("${n}"),
            Dialect::Sqlite => format!("?{n}"),
        }
    }

    fn timestamp_cast(self) -> &'static str {
        match self {
            Dialect::Postgres => "::text::timestamptz",
            Dialect::Sqlite => "",
        }
    }

    fn id_cast(self) -> &'static str {
        match self {
            Dialect::Postgres => "::text::uuid",
            Dialect::Sqlite => "",
        }
    }

    fn select_position(self) -> &'static str {
        match self {
            // `to_char` in UTC writes the sortable form whatever the session's `TimeZone`
            // and `DateStyle`.
            Dialect::Postgres => concat!(
                r#"to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"#,
                " AS position_created_at,\n       id::text AS position_id"
            ),
            Dialect::Sqlite => "created_at AS position_created_at, id AS position_id",
        }
    }
}

/// Appends parameters and hands out their placeholders.
struct Params {
    dialect: Dialect,
    values: Vec<SqlValue>,
}

impl Params {
    fn push(&mut self, value: SqlValue) -> String {
        self.values.push(value);
        self.dialect.placeholder(self.values.len())
    }
}

impl KeysetPlan {
    /// The plan as SQL over [`SqlTable::CUSTOMERS`]: see [`KeysetPlan::sql_for`].
    #[must_use]
    pub fn sql(&self, dialect: Dialect) -> SqlStatement {
        self.sql_for(dialect, &SqlTable::CUSTOMERS)
    }

    /// The plan as one SQL statement for `dialect` over `table`, with its parameters in
    /// order: the filters (`email_key`, `created_after`, `created_before`), the strict
    /// keyset bound from the cursor, the scan order on both `created_at` and `id`, and
    /// `LIMIT` [`fetch_limit`](KeysetPlan::fetch_limit). Lines the plan does not need are
    /// left out, so every placeholder is bound on every page. Hand the rows, in the order
    /// fetched, to [`KeysetPlan::page`], each as a [`Keyed`](crate::list::Keyed) built from the
    /// first two columns.
    ///
    /// ```
    /// use customer_core::{list::{CursorKey, CursorKeys, Dialect, ListCustomersQuery, SqlValue}};
    ///
    /// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
    /// let first = ListCustomersQuery::parse("sort=created_at:asc", &keys).unwrap().plan();
    /// let statement = first.sql(Dialect::Postgres);
    /// assert!(statement.sql().ends_with("ORDER BY created_at ASC, id ASC\nLIMIT $1"));
    /// assert_eq!(statement.params(), [SqlValue::Integer(16)]);
    /// ```
    #[must_use]
    pub fn sql_for(&self, dialect: Dialect, table: &SqlTable) -> SqlStatement {
        let mut params = Params {
            dialect,
            values: Vec::new(),
        };
        let mut conditions: Vec<String> = Vec::new();
        if let Some(key) = self.email_key() {
            let p = params.push(SqlValue::Text(key.to_owned()));
            conditions.push(format!("email_key = {p}"));
        }
        let ts_cast = dialect.timestamp_cast();
        if let Some(t) = self.created_after() {
            let p = params.push(dialect.timestamp(t));
            conditions.push(format!("created_at > {p}{ts_cast}"));
        }
        if let Some(t) = self.created_before() {
            let p = params.push(dialect.timestamp(t));
            conditions.push(format!("created_at < {p}{ts_cast}"));
        }
        if let Some(bound) = self.bound() {
            let position = bound.position();
            let t = params.push(dialect.timestamp(position.created_at()));
            let id = params.push(SqlValue::Text(position.id().to_string()));
            let op = bound.comparison().as_sql();
            let id_cast = dialect.id_cast();
            conditions.push(format!(
                "(created_at, id) {op} ({t}{ts_cast}, {id}{id_cast})"
            ));
        }
        let order = if self.scan_order().is_ascending() {
            "ASC"
        } else {
            "DESC"
        };
        let limit = params.push(SqlValue::Integer(i64::from(self.fetch_limit())));

        let mut sql = String::with_capacity(400);
        // Writing to a String cannot fail.
        let _ = write!(
            sql,
            "SELECT {}, {}\nFROM {}",
            dialect.select_position(),
            table.columns,
            table.name
        );
        for (i, condition) in conditions.iter().enumerate() {
            let keyword = if i == 0 { "\nWHERE " } else { "\n  AND " };
            sql.push_str(keyword);
            sql.push_str(condition);
        }
        let _ = write!(
            sql,
            "\nORDER BY created_at {order}, id {order}\nLIMIT {limit}"
        );
        SqlStatement {
            sql,
            params: params.values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::cursor::{Cursor, CursorKey, CursorKeys, Direction, Position};
    use crate::list::query::ListCustomersQuery;

    fn keys() -> CursorKeys {
        CursorKeys::new(CursorKey::new(1, &[1; 32]).unwrap())
    }

    /// Every plan shape: sorts × directions × filter sets.
    fn all_plans() -> Vec<KeysetPlan> {
        let k = keys();
        let at = Position::new(
            Timestamp::parse("2024-03-01T12:00:00.5Z").unwrap(),
            "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
        );
        let mut plans = Vec::new();
        for sort in ["created_at:asc", "created_at:desc"] {
            for mask in 0..8u8 {
                let mut q = format!("sort={sort}");
                if mask & 1 != 0 {
                    q.push_str("&email=Ann@Example.com");
                }
                if mask & 2 != 0 {
                    q.push_str("&created_after=2024-01-01T00:00:00.0000001Z");
                }
                if mask & 4 != 0 {
                    q.push_str("&created_before=2025-01-01T00:00:00Z");
                }
                let query = ListCustomersQuery::parse(&q, &k).unwrap();
                plans.push(query.plan());
                for dir in [Direction::After, Direction::Before] {
                    let c = Cursor::new(dir, at, query.digest()).encode(k.signing());
                    plans.push(
                        ListCustomersQuery::parse(&format!("{q}&{dir}={c}"), &k)
                            .unwrap()
                            .plan(),
                    );
                }
            }
        }
        plans
    }

    /// The placeholders a statement uses, as numbers.
    fn placeholders(sql: &str, sigil: char) -> Vec<usize> {
        let mut found = Vec::new();
        for (i, c) in sql.char_indices() {
            if c == sigil {
                let digits: String = sql[i + 1..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if !digits.is_empty() {
                    found.push(digits.parse().unwrap());
                }
            }
        }
        found
    }

    /// Issue 14, failure 5: every placeholder is bound, on every page, in both dialects;
    /// each parameter is used exactly once, in order.
    #[test]
    fn every_placeholder_is_bound_once_in_order() {
        for plan in all_plans() {
            for (dialect, sigil) in [(Dialect::Postgres, '$'), (Dialect::Sqlite, '?')] {
                let s = plan.sql(dialect);
                let used = placeholders(s.sql(), sigil);
                let expected: Vec<usize> = (1..=s.params().len()).collect();
                assert_eq!(used, expected, "{}", s.sql());
                assert_eq!(
                    s.sql().contains("(created_at, id)"),
                    plan.bound().is_some(),
                    "{}",
                    s.sql()
                );
            }
        }
    }

    #[test]
    fn bounds_and_order_follow_the_plan() {
        for plan in all_plans() {
            let s = plan.sql(Dialect::Sqlite);
            let order = if plan.scan_order().is_ascending() {
                "ASC"
            } else {
                "DESC"
            };
            assert!(
                s.sql()
                    .contains(&format!("ORDER BY created_at {order}, id {order}"))
            );
            if let Some(b) = plan.bound() {
                let op = b.comparison().as_sql();
                assert!(
                    s.sql().contains(&format!("(created_at, id) {op} (")),
                    "{}",
                    s.sql()
                );
            }
            assert_eq!(
                s.params().last(),
                Some(&SqlValue::Integer(i64::from(plan.fetch_limit())))
            );
        }
    }

    #[test]
    fn postgres_statement_in_full() {
        let k = keys();
        let q =
            "sort=created_at:asc&email=Ann@Example.com&created_after=2024-01-01T00:00:00.0000001Z";
        let query = ListCustomersQuery::parse(q, &k).unwrap();
        let at = Position::new(
            Timestamp::parse("2024-03-01T12:00:00.5Z").unwrap(),
            "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
        );
        let c = Cursor::new(Direction::Before, at, query.digest()).encode(k.signing());
        let plan = ListCustomersQuery::parse(&format!("{q}&before={c}&limit=7"), &k)
            .unwrap()
            .plan();
        let (sql, params) = plan
            .sql_for(
                Dialect::Postgres,
                &SqlTable::new("app.customers", "document"),
            )
            .into_parts();
        assert_eq!(
            sql,
            r#"SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_created_at,
       id::text AS position_id, document
FROM app.customers
WHERE email_key = $1
  AND created_at > $2::text::timestamptz
  AND (created_at, id) < ($3::text::timestamptz, $4::text::uuid)
ORDER BY created_at DESC, id DESC
LIMIT $5"#
        );
        assert_eq!(
            params,
            [
                SqlValue::Text("ann@example.com".into()),
                SqlValue::Text("2024-01-01T00:00:00.000000Z".into()),
                SqlValue::Text("2024-03-01T12:00:00.500000Z".into()),
                SqlValue::Text("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".into()),
                SqlValue::Integer(8),
            ]
        );
    }
}
