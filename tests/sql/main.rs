//! The keyset plan as SQL against real servers: SQLite (bundled, always) and PostgreSQL
//! (the tests are `#[ignore]`d, and fail when run without `CUSTOMER_CORE_PG_URL`;
//! `.ci/postgres.sh` starts a server, sets it, and runs them with `--include-ignored`).
//!
//! 500 customers with heavy `created_at` ties and sub-second timestamps are loaded with the
//! schema and insert statements of docs/listing-sql.md; every page is walked after and back for both
//! sorts, limits 1/7/15/100 and every filter combination, through the crate's SQL, and each
//! page must equal the in-memory reference's exactly: rows, order, `created_at` as returned,
//! and cursors. Then the ways a store can page wrongly (numbered below), against the server.

use std::collections::HashMap;
use std::fmt::Write as _;

use customer_core::{
    CreateCustomer, Customer, CustomerId, Timestamp,
    error::TimestampError,
    list::{
        Cursor, CursorKey, CursorKeys, Dialect, Direction, Keyed, KeysetPlan, KeysetRow,
        ListCustomersQuery, PageError, Position, SqlStatement, SqlTable, SqlValue,
    },
};

mod random;
mod work;

/// The storage recipes of the `list` module's docs, whose SQL these tests run.
const SQL_DOCS: &str = include_str!("../../docs/listing-sql.md");

/// The docs' ```sql block after `<!-- sql: name -->`.
fn readme_sql(name: &str) -> &'static str {
    let marker = format!("<!-- sql: {name} -->\n```sql\n");
    let start = SQL_DOCS
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/listing-sql.md has no {name} block"))
        + marker.len();
    let len = SQL_DOCS[start..].find("\n```").expect("block ends");
    &SQL_DOCS[start..start + len]
}

/// The tables the statements of docs/listing-sql.md read, per dialect.
fn table(dialect: Dialect) -> SqlTable {
    match dialect {
        Dialect::Postgres => SqlTable::new("customers", "document::text"),
        _ => SqlTable::new("customers", "document"),
    }
}

fn keys() -> CursorKeys {
    CursorKeys::new(CursorKey::new(1, b"an example secret of 32 bytes...").expect("key"))
}

// ---------------------------------------------------------------------------------------
// Data.

/// SplitMix64: deterministic, well-spread ids.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).expect("timestamp")
}

/// Instants with many rows each: sub-second values whose display forms do not sort
/// (`.5Z` vs `Z`, `.12Z` vs `.123Z`), microsecond neighbours, and the turn of 2000.
const INSTANTS: [&str; 13] = [
    "2024-03-01T12:00:00Z",
    "2024-03-01T12:00:00.000001Z",
    "2024-03-01T12:00:00.12Z",
    "2024-03-01T12:00:00.123Z",
    "2024-03-01T12:00:00.123456Z",
    "2024-03-01T12:00:00.5Z",
    "2024-03-01T12:00:00.999999Z",
    "2024-03-01T12:00:01Z",
    "2024-03-01T12:00:01.000001Z",
    "2024-03-01T12:00:01.5Z",
    "2024-03-01T12:00:02Z",
    "1999-12-31T23:59:59.999999Z",
    "2000-01-01T00:00:00Z",
];

const CUSTOMERS: u64 = 500;

fn request(email: &str) -> CreateCustomer {
    let body = format!(
        r#"{{"first_name":"Ada","last_name":"Obi","email":"{email}","phone_number":"+2348012345678",
        "billing_address":{{"line1":"1 Marina","city":"Lagos","country":"NG"}}}}"#
    );
    CreateCustomer::from_json(body.as_bytes()).expect("valid")
}

fn customers() -> Vec<Customer> {
    (0..CUSTOMERS)
        .map(|i| {
            let h = mix(i);
            let instant = INSTANTS[(h % INSTANTS.len() as u64) as usize];
            // One in five shares one uniqueness key, spelt three ways.
            let email = match (h >> 8) % 15 {
                0 => "Ann@Example.com".to_owned(),
                1 => "ANN@example.com".to_owned(),
                2 => "ann@EXAMPLE.com".to_owned(),
                _ => format!("c{i}@example.com"),
            };
            let id = CustomerId::from(uuid::Uuid::from_u128(
                (u128::from(mix(h)) << 64) | u128::from(i),
            ));
            Customer::new(id, request(&email), ts(instant))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Stores.

trait Store {
    fn dialect(&self) -> Dialect;
    /// Runs a statement; each row's three columns as text.
    fn rows(&mut self, statement: &SqlStatement) -> Vec<[String; 3]>;
    /// Runs a statement for its effect.
    fn execute(&mut self, sql: &str, params: &[SqlValue]);

    fn insert(&mut self, customer: &Customer) {
        let d = self.dialect();
        let sql = match d {
            Dialect::Postgres => readme_sql("postgres-insert"),
            _ => readme_sql("sqlite-insert"),
        };
        self.execute(
            sql,
            &[
                SqlValue::Text(customer.id().to_string()),
                d.timestamp(customer.created_at()),
                SqlValue::Text(customer.email().uniqueness_key()),
                SqlValue::Text(serde_json::to_string(customer).expect("json")),
            ],
        );
    }

    /// The plan's rows, positions from the stored columns.
    fn fetch(&mut self, plan: &KeysetPlan) -> Vec<Keyed<Customer>> {
        let statement = plan.sql_for(self.dialect(), &table(self.dialect()));
        self.rows(&statement)
            .into_iter()
            .map(|[created_at, id, document]| {
                let customer = Customer::from_json(document.as_bytes()).expect("stored customer");
                Keyed::from_columns(&created_at, &id, customer).expect("stored position")
            })
            .collect()
    }
}

struct Sqlite(rusqlite::Connection);

fn sqlite_params(params: &[SqlValue]) -> Vec<rusqlite::types::Value> {
    params
        .iter()
        .map(|v| match v {
            SqlValue::Text(s) => rusqlite::types::Value::Text(s.clone()),
            SqlValue::Integer(i) => rusqlite::types::Value::Integer(*i),
            other => panic!("no SQLite binding for {other:?}"),
        })
        .collect()
}

impl Sqlite {
    fn new() -> Self {
        let db = rusqlite::Connection::open_in_memory().expect("sqlite");
        db.execute_batch(readme_sql("sqlite-schema"))
            .expect("the schema of docs/listing-sql.md");
        Sqlite(db)
    }
}

impl Store for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn rows(&mut self, statement: &SqlStatement) -> Vec<[String; 3]> {
        let mut select = self
            .0
            .prepare_cached(statement.sql())
            .unwrap_or_else(|e| panic!("{e}: {}", statement.sql()));
        select
            .query_map(
                rusqlite::params_from_iter(sqlite_params(statement.params())),
                |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?]),
            )
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    fn execute(&mut self, sql: &str, params: &[SqlValue]) {
        self.0
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(rusqlite::params_from_iter(sqlite_params(params))))
            .expect(sql);
    }
}

struct Postgres {
    client: postgres::Client,
    prepared: HashMap<String, postgres::Statement>,
}

fn pg_params(params: &[SqlValue]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|v| match v {
            SqlValue::Text(s) => s as &(dyn postgres::types::ToSql + Sync),
            SqlValue::Integer(i) => i,
            other => panic!("no PostgreSQL binding for {other:?}"),
        })
        .collect()
}

impl Postgres {
    /// A connection whose `search_path` is a fresh schema, so tests do not meet.
    fn connect(url: &str, schema: &str) -> Self {
        let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; SET search_path TO {schema};
                 SET TimeZone TO 'America/St_Johns'; SET DateStyle TO 'SQL, DMY';"
            ))
            .expect("schema");
        Postgres {
            client,
            prepared: HashMap::new(),
        }
    }

    fn prepare(&mut self, sql: &str) -> postgres::Statement {
        if let Some(s) = self.prepared.get(sql) {
            return s.clone();
        }
        let s = self.client.prepare(sql).expect(sql);
        self.prepared.insert(sql.to_owned(), s.clone());
        s
    }
}

impl Store for Postgres {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn rows(&mut self, statement: &SqlStatement) -> Vec<[String; 3]> {
        let prepared = self.prepare(statement.sql());
        self.client
            .query(&prepared, &pg_params(statement.params()))
            .unwrap_or_else(|e| panic!("{e}: {}", statement.sql()))
            .iter()
            .map(|row| [row.get(0), row.get(1), row.get(2)])
            .collect()
    }

    fn execute(&mut self, sql: &str, params: &[SqlValue]) {
        let prepared = self.prepare(sql);
        self.client
            .execute(&prepared, &pg_params(params))
            .expect(sql);
    }
}

fn load(store: &mut impl Store, customers: &[Customer]) {
    for c in customers {
        store.insert(c);
    }
}

// ---------------------------------------------------------------------------------------
// Walks.

/// Filter sets: every combination of an email (three spellings of one key), a
/// `created_after` that must be floored (`.1229995` → `.122999`, admitting `.123`) and a
/// `created_before` that must be ceiled (`01.0000001` → `01.000001`, admitting `01`).
fn filter_sets() -> Vec<String> {
    let mut sets = Vec::new();
    for mask in 0..8u8 {
        let mut q = String::new();
        if mask & 1 != 0 {
            q.push_str("&email=aNN%40example.COM");
        }
        if mask & 2 != 0 {
            q.push_str("&created_after=2024-03-01T12:00:00.1229995Z");
        }
        if mask & 4 != 0 {
            q.push_str("&created_before=2024-03-01T13:00:01.0000001%2B01:00");
        }
        sets.push(q);
    }
    sets
}

/// One page through the store and through the reference; they must agree exactly.
fn page_both(
    store: &mut impl Store,
    customers: &[Customer],
    keys: &CursorKeys,
    raw: &str,
) -> (Vec<Position>, Option<String>, Option<String>) {
    let plan = ListCustomersQuery::parse(raw, keys).expect(raw).plan();
    let stored = plan
        .page(store.fetch(&plan), keys)
        .expect("stored rows page");
    let reference = plan
        .page(plan.fetch_in_memory(customers), keys)
        .expect("reference");
    assert_eq!(
        serde_json::to_value(&stored).expect("json"),
        serde_json::to_value(&reference).expect("json"),
        "{raw}"
    );
    let positions: Vec<Position> = stored.data().iter().map(KeysetRow::position).collect();
    let expected: Vec<Position> = reference.data().iter().map(|c| c.position()).collect();
    assert_eq!(positions, expected, "{raw}");
    for row in stored.data() {
        assert_eq!(row.position().created_at(), row.row().created_at(), "{raw}");
    }
    let p = stored.pagination();
    (
        positions,
        p.before().map(str::to_owned),
        p.after().map(str::to_owned),
    )
}

/// Walks every page after, then back from the last page; returns (walks, pages).
fn walk_all(store: &mut impl Store, customers: &[Customer]) -> (usize, usize) {
    let keys = keys();
    let (mut walks, mut pages) = (0, 0);
    for sort in ["created_at:asc", "created_at:desc"] {
        for filters in filter_sets() {
            let base_plan = ListCustomersQuery::parse(&format!("sort={sort}{filters}"), &keys)
                .expect("query")
                .plan();
            let mut all: Vec<&Customer> =
                customers.iter().filter(|c| base_plan.matches(c)).collect();
            all.sort_by_key(|c| c.position());
            if sort == "created_at:desc" {
                all.reverse();
            }
            let all: Vec<Position> = all.iter().map(|c| c.position()).collect();
            for limit in [1, 7, 15, 100] {
                let base = format!("sort={sort}{filters}&limit={limit}");
                let mut forward = Vec::new();
                let mut raw = base.clone();
                let mut last_before;
                loop {
                    let (rows, before, after) = page_both(store, customers, &keys, &raw);
                    pages += 1;
                    assert!(forward.len() <= all.len(), "{raw}: more pages than rows");
                    forward.push(rows);
                    last_before = before;
                    match after {
                        Some(a) => raw = format!("{base}&after={a}"),
                        None => break,
                    }
                }
                assert_eq!(forward.concat(), all, "{base}: forward walk");
                let mut back = vec![forward.last().cloned().unwrap_or_default()];
                while let Some(b) = last_before {
                    let (rows, before, after) =
                        page_both(store, customers, &keys, &format!("{base}&before={b}"));
                    pages += 1;
                    assert!(after.is_some());
                    back.push(rows);
                    last_before = before;
                }
                back.reverse();
                assert_eq!(back, forward, "{base}: backward walk");
                walks += 1;
            }
        }
    }
    (walks, pages)
}

// ---------------------------------------------------------------------------------------
// The ways a store can page wrongly, on any store.

fn list(store: &mut impl Store, raw: &str) -> Vec<Keyed<Customer>> {
    let keys = keys();
    let plan = ListCustomersQuery::parse(raw, &keys).expect(raw).plan();
    plan.page(store.fetch(&plan), &keys)
        .expect("page")
        .into_parts()
        .0
}

fn shown(rows: &[Keyed<Customer>]) -> Vec<String> {
    rows.iter()
        .map(|r| r.position().created_at().to_string())
        .collect()
}

/// 1: a clock reading in nanoseconds is stored as what the API returned; a nanosecond
/// value cannot be a stored `Timestamp`; `created_before=2000-01-01T00:00:00Z` keeps the
/// last microsecond of 1999.
fn failure_1_nanoseconds(store: &mut impl Store) {
    assert_eq!(
        Timestamp::parse("1999-12-31T23:59:59.999999999Z"),
        Err(TimestampError::Precision)
    );
    let clock = time::macros::datetime!(2030-01-01 12:00:00.123456789 UTC);
    let now = Timestamp::from_offset_date_time_floor(clock).expect("now");
    let id: CustomerId = "00000000-0000-4000-8000-00000000f001".parse().expect("id");
    let posted = Customer::new(id, request("nanos@example.com"), now);
    store.insert(&posted);
    let got = list(store, "email=nanos@example.com");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].row(), &posted);
    assert_eq!(
        serde_json::to_string(got[0].row()).expect("json"),
        serde_json::to_string(&posted).expect("json")
    );
    assert_eq!(
        got[0].position().created_at().to_string(),
        "2030-01-01T12:00:00.123456Z"
    );
    let rows = list(store, "created_before=2000-01-01T00:00:00Z&limit=100");
    assert!(!rows.is_empty());
    assert!(
        shown(&rows)
            .iter()
            .all(|t| t == "1999-12-31T23:59:59.999999Z")
    );
}

/// 2: a bound finer than the stored microsecond, at both edges of `…00.999999Z`.
fn failure_2_bound_edges(store: &mut impl Store) {
    let rows = list(
        store,
        "created_before=2024-03-01T12:00:00.999999999Z&limit=100",
    );
    assert!(shown(&rows).contains(&"2024-03-01T12:00:00.999999Z".to_owned()));
    let rows = list(
        store,
        "created_after=2024-03-01T12:00:00.9999989Z&created_before=2024-03-01T12:00:00.9999991Z&limit=100",
    );
    assert!(!rows.is_empty());
    assert!(
        shown(&rows)
            .iter()
            .all(|t| t == "2024-03-01T12:00:00.999999Z")
    );
    let rows = list(
        store,
        "created_after=2024-03-01T12:00:00.999999000Z&created_before=2024-03-01T12:00:01.000000001Z&limit=100",
    );
    assert!(!rows.is_empty());
    assert!(shown(&rows).iter().all(|t| t == "2024-03-01T12:00:01Z"));
}

/// 6: bounds far from now are integers and parameters like any other.
fn failure_6_far_bounds(store: &mut impl Store, customers: &[Customer]) {
    let far = ts("3000-01-01T00:00:00Z");
    assert_eq!(Timestamp::from_unix_micros(far.unix_micros()), Ok(far));
    let keys = keys();
    for raw in [
        "created_before=3000-01-01T00:00:00Z&limit=100",
        "created_before=9999-12-31T23:59:59.9999999Z&limit=100",
        "created_after=0000-01-01T00:00:00.5Z&limit=100",
        "created_after=0000-12-31T23:59:59.9999999Z&created_before=9999-12-31T23:59:59.999999Z&limit=100&sort=created_at:asc",
    ] {
        page_both(store, customers, &keys, raw);
    }
}

// ---------------------------------------------------------------------------------------
// Tests.

/// The SQL of docs/listing-sql.md is the SQL the crate renders.
#[test]
fn readme_sql_is_the_sql_run() {
    let keys = keys();
    let q =
        "sort=created_at:asc&email=Ann%40Example.com&created_after=2024-01-01T00:00:00.0000001Z";
    let query = ListCustomersQuery::parse(q, &keys).expect("query");
    let at = Position::new(
        ts("2024-03-01T12:00:00.5Z"),
        "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().expect("id"),
    );
    let before = Cursor::new(Direction::Before, at, query.digest()).encode(keys.signing());
    let plan = ListCustomersQuery::parse(&format!("{q}&limit=7&before={before}"), &keys)
        .expect("query")
        .plan();
    let statement = plan.sql_for(Dialect::Postgres, &table(Dialect::Postgres));
    assert_eq!(statement.sql(), readme_sql("postgres-page"));
    assert_eq!(
        statement.params(),
        [
            SqlValue::Text("ann@example.com".into()),
            SqlValue::Text("2024-01-01T00:00:00.000000Z".into()),
            SqlValue::Text("2024-03-01T12:00:00.500000Z".into()),
            SqlValue::Text("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".into()),
            SqlValue::Text("2024-03-01T12:00:00.500000Z".into()),
            SqlValue::Integer(8),
        ]
    );
    // The docs filter on the stored key column, never `lower(email)` (7).
    assert!(readme_sql("postgres-page").contains("WHERE email_key = $1"));
    assert!(!SQL_DOCS.contains("lower(email) ="));
    let first = ListCustomersQuery::parse("", &keys).expect("query").plan();
    assert_eq!(
        first
            .sql_for(Dialect::Sqlite, &table(Dialect::Sqlite))
            .sql(),
        readme_sql("sqlite-first-page")
    );
}

#[test]
fn sqlite() {
    let customers = customers();
    let mut db = Sqlite::new();
    load(&mut db, &customers);
    let (walks, pages) = walk_all(&mut db, &customers);
    failure_6_far_bounds(&mut db, &customers);
    failure_2_bound_edges(&mut db);
    failure_1_nanoseconds(&mut db);
    println!("sqlite: {walks} walks agree with the reference ({pages} pages)");
}

/// 3: `Display` text (`…00.5Z`) stored in SQLite sorts wrongly; the sortable form sorts
/// like time, and a column holding another spelling is refused, not mis-sorted.
#[test]
fn sqlite_text_sorts_like_time() {
    let db = Sqlite::new();
    let mut all: Vec<Timestamp> = INSTANTS.iter().map(|t| ts(t)).collect();
    for (i, t) in all.iter().enumerate() {
        db.0.execute(
            "INSERT INTO customers VALUES (?1, ?2, 'k', '{}')",
            (
                format!("00000000-0000-4000-8000-{i:012}"),
                t.to_sortable_string(),
            ),
        )
        .expect("insert");
    }
    let sorted: Vec<String> =
        db.0.prepare("SELECT created_at FROM customers ORDER BY created_at")
            .expect("select")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows");
    all.sort();
    let expected: Vec<String> = all.iter().map(Timestamp::to_sortable_string).collect();
    assert_eq!(sorted, expected);
    // The display form does not sort: the bug this replaces.
    let mut display: Vec<String> = all.iter().map(Timestamp::to_string).collect();
    display.sort();
    assert_ne!(
        display,
        all.iter().map(Timestamp::to_string).collect::<Vec<_>>()
    );
    assert!(
        Keyed::from_columns(
            "2024-03-01T12:00:00.5Z",
            "00000000-0000-4000-8000-000000000001",
            ()
        )
        .is_err()
    );
}

/// 4: positions taken from a JSON copy at another precision than the column: the page is
/// refused instead of paging `02, 01, 02, 01…` forever; positions from the columns walk.
fn failure_4_positions_from_columns(store: &mut impl Store) {
    let keys = keys();
    // Two rows; their JSON copies say `.124Z` (written at another precision), the
    // columns `.123002Z` and `.123001Z`.
    let copy = ts("2030-06-01T00:00:00.124Z");
    let stored = [
        (
            "00000000-0000-4000-8000-0000000a0001",
            "2030-06-01T00:00:00.123002Z",
        ),
        (
            "00000000-0000-4000-8000-0000000a0002",
            "2030-06-01T00:00:00.123001Z",
        ),
    ];
    for (id, column) in stored {
        let customer = Customer::new(id.parse().expect("id"), request("loop@example.com"), copy);
        let d = store.dialect();
        let sql = match d {
            Dialect::Postgres => readme_sql("postgres-insert"),
            _ => readme_sql("sqlite-insert"),
        };
        store.execute(
            sql,
            &[
                SqlValue::Text(id.to_owned()),
                d.timestamp(ts(column)),
                SqlValue::Text("loop@example.com".into()),
                SqlValue::Text(serde_json::to_string(&customer).expect("json")),
            ],
        );
    }
    // The wrong way: positions from the document.
    let base = "email=loop@example.com&limit=1";
    let mut raw = base.to_owned();
    let mut refused = None;
    for _ in 0..10 {
        let plan = ListCustomersQuery::parse(&raw, &keys)
            .expect("query")
            .plan();
        let from_json: Vec<Customer> = store
            .fetch(&plan)
            .into_iter()
            .map(Keyed::into_row)
            .collect();
        match plan.page(from_json, &keys) {
            Ok(page) => match page.pagination().after() {
                Some(a) => raw = format!("{base}&after={a}"),
                None => break,
            },
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    // Newest first: the copies' positions tie on `.124Z` and then go up by id.
    assert_eq!(refused, Some(PageError::OutOfOrder { row: 1 }));
    // The cursor a one-row page would carry from the copy is later than both columns,
    // so the next page is the same row again (the loop): refused too.
    let query = ListCustomersQuery::parse(base, &keys).expect("query");
    let first = store.fetch(&query.plan()).remove(0).into_row();
    let cursor = Cursor::new(Direction::After, Position::of(&first), query.digest());
    let again = format!("{base}&after={}", cursor.encode(keys.signing()));
    let plan = ListCustomersQuery::parse(&again, &keys)
        .expect("query")
        .plan();
    let rows: Vec<Customer> = store
        .fetch(&plan)
        .into_iter()
        .map(Keyed::into_row)
        .collect();
    assert_eq!(
        rows[0].id().to_string(),
        "00000000-0000-4000-8000-0000000a0001",
        "the loop"
    );
    assert_eq!(
        plan.page(rows, &keys).unwrap_err(),
        PageError::NotBeyondCursor { row: 0 }
    );
    // The right way: positions from the columns.
    let mut ids = Vec::new();
    let mut raw = base.to_owned();
    loop {
        let plan = ListCustomersQuery::parse(&raw, &keys)
            .expect("query")
            .plan();
        let page = plan.page(store.fetch(&plan), &keys).expect("page");
        ids.extend(page.data().iter().map(|r| r.row().id().to_string()));
        match page.pagination().after() {
            Some(a) => raw = format!("{base}&after={a}"),
            None => break,
        }
    }
    assert_eq!(ids, [stored[0].0, stored[1].0]);
}

#[test]
fn sqlite_positions_from_columns() {
    failure_4_positions_from_columns(&mut Sqlite::new());
}

/// 7: `lower(email)` under a Turkish collation is not the uniqueness key; the stored
/// `email_key` column is.
fn failure_7_collation(db: &mut Postgres) {
    db.client
        .batch_execute(
            r#"CREATE TABLE turkish (email text COLLATE "tr-x-icu", email_key text);
               INSERT INTO turkish VALUES ('KIM@example.com', 'kim@example.com');"#,
        )
        .expect("collation table");
    let keys = keys();
    let key = ListCustomersQuery::parse("email=kim@example.com", &keys)
        .expect("query")
        .plan()
        .email_key()
        .expect("key")
        .to_owned();
    let by_lower = db
        .client
        .query("SELECT 1 FROM turkish WHERE lower(email) = $1", &[&key])
        .expect("lower");
    let by_key = db
        .client
        .query("SELECT 1 FROM turkish WHERE email_key = $1", &[&key])
        .expect("key");
    assert_eq!((by_lower.len(), by_key.len()), (0, 1));
}

/// The PostgreSQL server's URL; a test that needs one fails without it.
fn postgres_url() -> String {
    std::env::var("CUSTOMER_CORE_PG_URL").unwrap_or_else(|_| {
        panic!(
            "CUSTOMER_CORE_PG_URL is not set: run .ci/postgres.sh, or `.ci/postgres.sh --serve`, \
             export the URL it prints and run `cargo test --test sql -- --ignored`"
        )
    })
}

#[test]
#[ignore = "needs a PostgreSQL server: CUSTOMER_CORE_PG_URL (.ci/postgres.sh starts one and runs the ignored tests)"]
fn postgres() {
    let url = postgres_url();
    let customers = customers();
    let mut db = Postgres::connect(&url, "customer_core_walk");
    db.client
        .batch_execute(readme_sql("postgres-schema"))
        .expect("the schema of docs/listing-sql.md");
    load(&mut db, &customers);
    let (walks, pages) = walk_all(&mut db, &customers);
    failure_6_far_bounds(&mut db, &customers);
    failure_2_bound_edges(&mut db);
    failure_1_nanoseconds(&mut db);

    let mut other = Postgres::connect(&url, "customer_core_loop");
    other
        .client
        .batch_execute(readme_sql("postgres-schema"))
        .expect("the schema of docs/listing-sql.md");
    failure_4_positions_from_columns(&mut other);
    failure_7_collation(&mut other);

    let mut version = String::new();
    let row = db
        .client
        .query_one("SHOW server_version", &[])
        .expect("version");
    let _ = write!(version, "{}", row.get::<_, String>(0));
    println!("postgres: {walks} walks agree with the reference ({pages} pages, server {version})");
}
