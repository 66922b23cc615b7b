//! Random sets and queries through SQLite, page by page, against the in-memory reference.

use customer_core::list::{Cursor, Direction, ListCustomersQuery, Position};
use customer_core::{Customer, CustomerId};

use super::{INSTANTS, Sqlite, keys, load, page_both, request, ts};

/// Customers at [`INSTANTS`]: (instant, id bits, whether the email key is shared).
fn random_customers(rows: &[(usize, u16, bool)]) -> Vec<Customer> {
    rows.iter()
        .enumerate()
        .map(|(i, (instant, id, shared))| {
            let email = if *shared {
                "Ann@Example.com".to_owned()
            } else {
                format!("r{i}@example.com")
            };
            let id = CustomerId::from(uuid::Uuid::from_u128((u128::from(*id) << 64) | i as u128));
            Customer::new(id, request(&email), ts(INSTANTS[*instant]))
        })
        .collect()
}

/// A list query; date bounds one nanosecond off a stored instant, so floor and ceil both
/// matter.
fn random_query(
    limit: u8,
    asc: bool,
    email: bool,
    after: Option<usize>,
    before: Option<usize>,
) -> String {
    let mut base = format!(
        "limit={limit}&sort=created_at:{}",
        if asc { "asc" } else { "desc" }
    );
    if email {
        base.push_str("&email=ann%40example.com");
    }
    if let Some(a) = after {
        let t = ts(INSTANTS[a]).to_sortable_string();
        base.push_str(&format!("&created_after={}001Z", &t[..26]));
    }
    if let Some(b) = before {
        let t = ts(INSTANTS[b]).to_sortable_string();
        base.push_str(&format!("&created_before={}999Z", &t[..26]));
    }
    base
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Cursors made by hand at any instant, inside the date filters or outside them (the
    /// statement then keeps whichever of filter and bound is tighter): one page through
    /// SQLite equals the reference's.
    #[test]
    fn sqlite_agrees_with_cursors_anywhere(
        rows in proptest::collection::vec((0usize..INSTANTS.len(), proptest::prelude::any::<u16>(), proptest::prelude::any::<bool>()), 0..40),
        asc in proptest::prelude::any::<bool>(),
        limit in 1u8..6,
        email in proptest::prelude::any::<bool>(),
        after in proptest::option::of(0usize..INSTANTS.len()),
        before in proptest::option::of(0usize..INSTANTS.len()),
        backwards in proptest::prelude::any::<bool>(),
        at in (0usize..INSTANTS.len(), proptest::prelude::any::<u128>()),
    ) {
        let customers = random_customers(&rows);
        let mut db = Sqlite::new();
        load(&mut db, &customers);
        let base = random_query(limit, asc, email, after, before);
        let keys = keys();
        let Ok(query) = ListCustomersQuery::parse(&base, &keys) else {
            return Ok(()); // an empty or reversed range: invalid_range
        };
        let direction = if backwards { Direction::Before } else { Direction::After };
        let position = Position::new(ts(INSTANTS[at.0]), CustomerId::from(uuid::Uuid::from_u128(at.1)));
        let cursor = Cursor::new(direction, position, query.digest()).encode(keys.signing());
        page_both(&mut db, &customers, &keys, &format!("{base}&{direction}={cursor}"));
    }

    /// Random small sets (ties, neighbouring microseconds, one shared email key) and random
    /// queries: every page forward through SQLite equals the reference's.
    #[test]
    fn sqlite_agrees_on_random_sets(
        rows in proptest::collection::vec((0usize..INSTANTS.len(), proptest::prelude::any::<u16>(), proptest::prelude::any::<bool>()), 0..40),
        asc in proptest::prelude::any::<bool>(),
        limit in 1u8..6,
        email in proptest::prelude::any::<bool>(),
        after in proptest::option::of(0usize..INSTANTS.len()),
        before in proptest::option::of(0usize..INSTANTS.len()),
    ) {
        let customers = random_customers(&rows);
        let mut db = Sqlite::new();
        load(&mut db, &customers);
        let base = random_query(limit, asc, email, after, before);
        let keys = keys();
        if ListCustomersQuery::parse(&base, &keys).is_err() {
            return Ok(()); // an empty or reversed range: invalid_range
        }
        let mut raw = base.clone();
        let mut seen = 0;
        loop {
            let (rows, _, after) = page_both(&mut db, &customers, &keys, &raw);
            seen += rows.len();
            proptest::prop_assert!(seen <= customers.len());
            match after {
                Some(a) => raw = format!("{base}&after={a}"),
                None => break,
            }
        }
    }
}
