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

use std::cmp::Ordering;
use std::fmt::Write as _;

use crate::field::timestamp::Timestamp;
use crate::list::plan::{Bound, Comparison, KeysetPlan};

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
    /// left out, so every placeholder is bound on every page.
    ///
    /// A page costs the same wherever it is in the list, in SQLite and PostgreSQL, with
    /// or without `ANALYZE`, over the indexes of the README's schema: the range has one
    /// condition on each side, so the cursor's bound is where the index range starts. A
    /// date filter on the side the cursor bounds is written only when it is tighter than
    /// the bound (never, for a cursor from a page of the same query: its row passed the
    /// filter); with the email filter and a date filter on the other side, the bound's
    /// timestamp is repeated as `created_at >= t` (or `<=`), which PostgreSQL costs, with
    /// the other filter, as one narrow index range. Hand the rows, in the order
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
        let range = self.range();
        if let Some(t) = range.created_after {
            let p = params.push(dialect.timestamp(t));
            conditions.push(format!("created_at > {p}{ts_cast}"));
        }
        if let Some(t) = range.created_before {
            let p = params.push(dialect.timestamp(t));
            conditions.push(format!("created_at < {p}{ts_cast}"));
        }
        if let Some(bound) = range.bound {
            let position = bound.position();
            let t = params.push(dialect.timestamp(position.created_at()));
            let id = params.push(SqlValue::Text(position.id().to_string()));
            let op = bound.comparison().as_sql();
            let id_cast = dialect.id_cast();
            conditions.push(format!(
                "(created_at, id) {op} ({t}{ts_cast}, {id}{id_cast})"
            ));
            if range.paired {
                let t = params.push(dialect.timestamp(position.created_at()));
                conditions.push(format!("created_at {op}= {t}{ts_cast}"));
            }
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

/// The conditions on `(created_at, id)` the statement writes: at most one on each side.
struct Range {
    created_after: Option<Timestamp>,
    created_before: Option<Timestamp>,
    bound: Option<Bound>,
    /// Whether the bound also gets its scalar half, `created_at >= t` (or `<=`), which the
    /// row value implies. With the email filter and a date filter on the other side,
    /// PostgreSQL without statistics multiplies default selectivities (an equality, two
    /// inequalities) into fewer rows than a page, then fetches every row of the key and
    /// sorts them; two scalar bounds on `created_at` it costs as one narrow index range
    /// and reads in order.
    paired: bool,
}

impl KeysetPlan {
    /// The plan's date filters and cursor bound with the one of each pair on the same side
    /// that the other implies left out: on that side `(created_at, id) > (t, id)` implies
    /// `created_at > a` when `t > a`, and `created_at > a` implies the bound when
    /// `t <= a` (likewise below). Each side then has one condition, and it is the one
    /// SQLite starts the index range at (with two, it starts at the date and filters up to
    /// the cursor: the whole list before a deep page).
    fn range(&self) -> Range {
        let mut range = Range {
            created_after: self.created_after(),
            created_before: self.created_before(),
            bound: self.bound(),
            paired: false,
        };
        if let Some(bound) = range.bound {
            let t = bound.position().created_at();
            let (filter, implied) = match bound.comparison() {
                Comparison::Greater => (&mut range.created_after, Ordering::Greater),
                Comparison::Less => (&mut range.created_before, Ordering::Less),
            };
            if let Some(f) = *filter {
                if t.cmp(&f) == implied {
                    *filter = None;
                } else {
                    range.bound = None;
                }
            }
        }
        if let Some(bound) = range.bound {
            let other = match bound.comparison() {
                Comparison::Greater => range.created_before,
                Comparison::Less => range.created_after,
            };
            range.paired = self.email_key().is_some() && other.is_some();
        }
        range
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::cursor::{Cursor, Direction, Position};
    use crate::list::keys::{CursorKey, CursorKeys};
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

    /// The plan of `query` (a query string) paging `direction` from `at`.
    fn paged(query: &str, direction: Direction, at: &str) -> KeysetPlan {
        let k = keys();
        let q = ListCustomersQuery::parse(query, &k).unwrap();
        let at = Position::new(
            Timestamp::parse(at).unwrap(),
            "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
        );
        let c = Cursor::new(direction, at, q.digest()).encode(k.signing());
        ListCustomersQuery::parse(&format!("{query}&{direction}={c}"), &k)
            .unwrap()
            .plan()
    }

    /// The statement's conditions, one per line, placeholders as written.
    fn conditions(plan: &KeysetPlan) -> Vec<String> {
        plan.sql(Dialect::Sqlite)
            .sql()
            .lines()
            .filter_map(|l| l.strip_prefix("WHERE ").or(l.strip_prefix("  AND ")))
            .map(str::to_owned)
            .collect()
    }

    /// A date filter on the side the cursor bounds is written only when it is tighter than
    /// the bound: one condition per side, which SQLite starts its index range at.
    #[test]
    fn one_condition_per_side_of_the_range() {
        let after = "sort=created_at:asc&created_after=2024-01-01T00:00:00Z";
        // The cursor is past the filter (a cursor from a page of this query): the bound.
        let plan = paged(after, Direction::After, "2024-03-01T12:00:00Z");
        assert_eq!(conditions(&plan), ["(created_at, id) > (?1, ?2)"]);
        // At or before the filter (a hand-made cursor): the filter, which implies it.
        for at in ["2024-01-01T00:00:00Z", "2023-12-31T00:00:00Z"] {
            let plan = paged(after, Direction::After, at);
            assert_eq!(conditions(&plan), ["created_at > ?1"], "{at}");
        }
        let before = "sort=created_at:asc&created_before=2024-06-01T00:00:00Z";
        let plan = paged(before, Direction::Before, "2024-03-01T12:00:00Z");
        assert_eq!(conditions(&plan), ["(created_at, id) < (?1, ?2)"]);
        let plan = paged(before, Direction::Before, "2024-06-01T00:00:00Z");
        assert_eq!(conditions(&plan), ["created_at < ?1"]);
        // The other side keeps its filter; with the email filter too, the bound's
        // timestamp is repeated as a plain comparison.
        let both = "sort=created_at:desc&created_after=2024-01-01T00:00:00Z&created_before=2024-06-01T00:00:00Z";
        let plan = paged(both, Direction::After, "2024-03-01T12:00:00Z");
        assert_eq!(
            conditions(&plan),
            ["created_at > ?1", "(created_at, id) < (?2, ?3)"]
        );
        let plan = paged(
            &format!("{both}&email=ann@example.com"),
            Direction::After,
            "2024-03-01T12:00:00Z",
        );
        assert_eq!(
            conditions(&plan),
            [
                "email_key = ?1",
                "created_at > ?2",
                "(created_at, id) < (?3, ?4)",
                "created_at <= ?5"
            ]
        );
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

    /// Every placeholder is bound, on every page, in both dialects;
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
  AND created_at <= $5::text::timestamptz
ORDER BY created_at DESC, id DESC
LIMIT $6"#
        );
        assert_eq!(
            params,
            [
                SqlValue::Text("ann@example.com".into()),
                SqlValue::Text("2024-01-01T00:00:00.000000Z".into()),
                SqlValue::Text("2024-03-01T12:00:00.500000Z".into()),
                SqlValue::Text("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".into()),
                SqlValue::Text("2024-03-01T12:00:00.500000Z".into()),
                SqlValue::Integer(8),
            ]
        );
    }
}
