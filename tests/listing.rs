//! Listing customers, end to end: the case table `tests/data/list_query.json`, the fuzz
//! corpus replay for `list_query`, a handler's whole flow, and the listing properties
//! (proptest): walking `after` and `before` over random sets, and cursors that never
//! verify under another key, after a flipped bit, or against another query.

mod support;

use support::{corpus, list_props};

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use customer_core::{
    CreateCustomer, Customer, CustomerId, ErrorCode, Timestamp,
    list::{Cursor, CursorKey, CursorKeys, Direction, ListCustomersQuery, Page, Position},
};
use proptest::prelude::*;
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// The case table.

/// The query every table token's cursor is built for, unless the token says otherwise.
fn token_cursor(keys_id: u8, secret: &[u8], direction: Direction, query: &str) -> String {
    let digest = ListCustomersQuery::parse(query, &list_props::keys())
        .expect("token query")
        .digest();
    let position = Position::new(
        Timestamp::parse("2024-03-01T12:00:00Z").expect("t"),
        "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().expect("id"),
    );
    let key = CursorKey::new(keys_id, secret).expect("key");
    Cursor::new(direction, position, digest).encode(&key)
}

/// The table's `{token}`s (see tests/data/README.md).
fn tokens() -> Vec<(&'static str, String)> {
    let signing = list_props::SIGNING_SECRET.as_slice();
    let after = token_cursor(1, signing, Direction::After, "");
    let mut tampered = after.clone().into_bytes();
    tampered[40] = if tampered[40] == b'x' { b'y' } else { b'x' };
    vec![
        ("{after}", after),
        ("{before}", token_cursor(1, signing, Direction::Before, "")),
        (
            "{after_asc}",
            token_cursor(1, signing, Direction::After, "sort=created_at:asc"),
        ),
        (
            "{after_email}",
            token_cursor(
                1,
                signing,
                Direction::After,
                "email=jane%2Blist@example.com",
            ),
        ),
        (
            "{after_key2}",
            token_cursor(2, list_props::VERIFYING_SECRET, Direction::After, ""),
        ),
        (
            "{foreign}",
            token_cursor(1, b"not the service's secret at all!", Direction::After, ""),
        ),
        ("{retired}", token_cursor(9, signing, Direction::After, "")),
        ("{tampered}", String::from_utf8(tampered).expect("ascii")),
    ]
}

fn table() -> Value {
    let path = format!("{}/tests/data/list_query.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("table")).expect("JSON")
}

fn query_of(case: &Value, tokens: &[(&str, String)]) -> String {
    let mut query = case["query"].as_str().expect("query").to_owned();
    for (token, value) in tokens {
        query = query.replace(token, value);
    }
    if let Some(n) = case.get("pad_to").and_then(Value::as_u64) {
        while query.len() < n as usize {
            query.push('a');
        }
    }
    query
}

fn check_valid(name: &str, query: &ListCustomersQuery, expect: &Value) {
    let expect = expect.as_object().expect("valid is an object");
    for (field, want) in expect {
        let got = match field.as_str() {
            "limit" => Value::from(query.limit()),
            "sort" => Value::from(query.sort().as_str()),
            "email" => query.email().map_or(Value::Null, |e| e.as_str().into()),
            "email_key" => query.email_key().map_or(Value::Null, Value::from),
            "created_after" => query
                .created_after()
                .map_or(Value::Null, |t| t.to_string().into()),
            "created_before" => query
                .created_before()
                .map_or(Value::Null, |t| t.to_string().into()),
            "cursor" => query
                .cursor()
                .map_or(Value::Null, |c| c.direction().parameter().into()),
            other => panic!("{name}: unknown expectation {other}"),
        };
        assert_eq!(&got, want, "{name}: {field}");
    }
}

#[test]
fn case_table() {
    let table = table();
    let tokens = tokens();
    let keys = list_props::keys();
    let mut codes_seen = HashSet::new();
    let cases = table["cases"].as_array().expect("cases");
    assert!(cases.len() >= 40, "the table lost cases");
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let query = query_of(case, &tokens);
        let result = ListCustomersQuery::parse(&query, &keys);
        match (
            &result,
            case["expect"].get("valid"),
            case["expect"].get("errors"),
        ) {
            (Ok(q), Some(valid), None) => check_valid(name, q, valid),
            (Err(errors), None, Some(want)) => {
                list_props::check_errors(errors);
                let got: Vec<Value> = errors
                    .iter()
                    .map(|e| serde_json::json!([e.pointer(), e.code().as_str()]))
                    .collect();
                assert_eq!(&Value::from(got), want, "{name}: {query}");
                codes_seen.extend(errors.iter().map(|e| e.code()));
                if let Some(message) = case.get("message").and_then(Value::as_str) {
                    let first = errors.iter().next().expect("an error");
                    assert_eq!(first.detail(), message, "{name}");
                }
                // Opaque cursors are never echoed back.
                for (token, value) in &tokens {
                    for e in errors {
                        assert!(
                            !e.detail().contains(&value[..16]),
                            "{name}: message echoes {token}"
                        );
                    }
                }
            }
            (result, _, _) => panic!("{name}: {query}: unexpected {result:?}"),
        }
    }
    for code in [
        ErrorCode::InvalidLimit,
        ErrorCode::MutuallyExclusive,
        ErrorCode::InvalidCursor,
        ErrorCode::CursorMismatch,
        ErrorCode::InvalidTimestamp,
        ErrorCode::InvalidRange,
        ErrorCode::InvalidSort,
        ErrorCode::UnknownParameter,
        ErrorCode::DuplicateParameter,
        ErrorCode::InvalidEncoding,
        ErrorCode::InvalidEmail,
        ErrorCode::TooLong,
    ] {
        assert!(codes_seen.contains(&code), "no case for {code}");
    }
}

// ---------------------------------------------------------------------------------------
// The fuzz corpus, replayed on stable.

#[test]
fn list_query_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/list_query");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the seed corpus is missing");
    let valid_cases: HashSet<String> = table()["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|case| case["expect"].get("valid").is_some())
        .map(|case| corpus::seed_name(case["name"].as_str().expect("name")))
        .collect();
    let mut valid = 0;
    for path in files {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let data = std::fs::read(&path).expect("read");
        let result = std::panic::catch_unwind(|| list_props::check_list_query(&data));
        assert!(result.is_ok(), "corpus file {name} breaks a property");
        // Seeds of valid cases hold genuine cursors or none: they must still verify, so
        // the re-encoding property is exercised (and a key change is caught here).
        if valid_cases.contains(&name) {
            let text = String::from_utf8(data).expect("UTF-8 seed");
            ListCustomersQuery::parse(&text, &list_props::keys())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            valid += 1;
        }
    }
    assert!(valid >= 3, "too few valid seeds");
}

/// The `list_query` seeds are the query strings of `tests/data/list_query.json`'s cases,
/// tokens replaced by genuine cursors under the fuzz keys (one table feeds the tests and
/// the fuzzer). Cases whose names start with `valid` hold genuine cursors or none.
#[test]
fn list_query_corpus_is_generated_from_the_table() {
    let tokens = tokens();
    let table = table();
    corpus::check_cases(
        "list_query",
        table["cases"].as_array().expect("cases"),
        |case| query_of(case, &tokens).into_bytes(),
    );
}

// ---------------------------------------------------------------------------------------
// A handler's flow, as a service runs it.

/// Four request templates; two emails differ only in case (one uniqueness key).
fn templates() -> &'static [CreateCustomer] {
    static T: OnceLock<Vec<CreateCustomer>> = OnceLock::new();
    T.get_or_init(|| {
        [
            "ann@example.com",
            "ANN@Example.com",
            "bob@example.com",
            "cy+tag@example.com",
        ]
        .iter()
        .map(|email| {
            let body = format!(
                r#"{{"first_name":"Ann","last_name":"Lee","email":"{email}",
                    "phone_number":"+2348012345678",
                    "billing_address":{{"line1":"1 Marina","city":"Lagos","country":"NG"}}}}"#
            );
            CreateCustomer::from_json(body.as_bytes()).expect("valid template")
        })
        .collect()
    })
}

fn customer(second: i64, nanos_choice: u8, id: u128, template: usize) -> Customer {
    let nanos = [0, 1_000, 500_000_000][usize::from(nanos_choice % 3)];
    let t = time::OffsetDateTime::from_unix_timestamp(1_709_294_400 + second)
        .expect("t")
        .replace_nanosecond(nanos)
        .expect("ns");
    Customer::new(
        CustomerId::from(uuid::Uuid::from_u128(id)),
        templates()[template % templates().len()].clone(),
        Timestamp::from_offset_date_time(t).expect("t"),
    )
}

fn handler(raw: &str, keys: &CursorKeys, store: &[Customer]) -> Result<Page<Customer>, Value> {
    let query = ListCustomersQuery::parse(raw, keys)
        .map_err(|e| serde_json::to_value(e.to_problem()).expect("problem"))?;
    let plan = query.plan();
    let rows: Vec<Customer> = plan.fetch_in_memory(store).into_iter().cloned().collect();
    Ok(plan.page(rows, keys).expect("rows from the reference"))
}

#[test]
fn spec_001_response_shape() {
    let keys = list_props::keys();
    let store: Vec<Customer> = (0..3)
        .map(|i| customer(i * 86_400, 0, 10 + i as u128, 0))
        .collect();
    let page = handler("limit=2", &keys, &store).expect("valid");
    let json = serde_json::to_value(&page).expect("serializes");
    assert_eq!(json["data"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["data"][0]["created_at"], "2024-03-03T12:00:00Z");
    assert_eq!(json["data"][1]["created_at"], "2024-03-02T12:00:00Z");
    assert_eq!(json["pagination"]["before"], Value::Null);
    assert_eq!(json["pagination"]["limit"], 2);
    let after = json["pagination"]["after"].as_str().expect("a next page");
    assert_eq!(after.len(), 84);
    assert!(
        after
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert_eq!(
        json.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["data".to_owned(), "pagination".to_owned()])
    );

    let next = handler(&format!("limit=2&after={after}"), &keys, &store).expect("valid");
    assert_eq!(next.data().len(), 1);
    assert_eq!(
        next.data()[0].created_at().to_string(),
        "2024-03-01T12:00:00Z"
    );
    assert!(next.pagination().after().is_none());
    let back = next.pagination().before().expect("a previous page");
    let prev = handler(&format!("limit=2&before={back}"), &keys, &store).expect("valid");
    assert_eq!(prev.data(), page.data());
    assert!(prev.pagination().before().is_none());
}

#[test]
fn cursors_survive_key_rotation() {
    let old = CursorKey::new(1, &[1; 32]).expect("key");
    let new = CursorKey::new(2, &[2; 32]).expect("key");
    let store: Vec<Customer> = (0..4).map(|i| customer(i, 0, 100 + i as u128, 2)).collect();
    let before = CursorKeys::new(old.clone());
    let page = handler("limit=2", &before, &store).expect("valid");
    let after = page.pagination().after().expect("more").to_owned();
    // Rotated: new key signs, old verifies. The old cursor still works.
    let rotated = CursorKeys::new(new.clone())
        .with_verifying(old)
        .expect("distinct");
    let next = handler(&format!("limit=2&after={after}"), &rotated, &store).expect("valid");
    assert_eq!(next.data().len(), 2);
    // Old key dropped: refused with invalid_cursor.
    let problem = handler(
        &format!("limit=2&after={after}"),
        &CursorKeys::new(new),
        &store,
    )
    .expect_err("retired");
    assert_eq!(problem["errors"][0]["code"], "invalid_cursor");
    assert_eq!(problem["errors"][0]["pointer"], "/after");
}

/// `created_after` and `created_before` at a leap second (RFC 3339 second 60): the
/// bounds admit what the instant admits, floored and ceiled around it, and an offset or
/// a fraction after `60` changes nothing; never the precision message.
#[test]
fn leap_second_bounds() {
    let keys = list_props::keys();
    for leap in [
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.25Z",
        "2016-12-31T18:59:60-05:00",
        "2017-01-01T00:59:60%2B01:00",
    ] {
        let query = ListCustomersQuery::parse(&format!("created_after={leap}"), &keys)
            .unwrap_or_else(|e| panic!("{leap}: {e:?}"));
        assert_eq!(
            query.created_after().map(|t| t.to_string()).as_deref(),
            Some("2016-12-31T23:59:59.999999Z"),
            "{leap}"
        );
        let query = ListCustomersQuery::parse(&format!("created_before={leap}"), &keys)
            .unwrap_or_else(|e| panic!("{leap}: {e:?}"));
        assert_eq!(
            query.created_before().map(|t| t.to_string()).as_deref(),
            Some("2017-01-01T00:00:00Z"),
            "{leap}"
        );
    }
    // A page between the two: the customers of the last second of 2016 and the first of
    // 2017, split at the leap second.
    let store: Vec<Customer> = ["2016-12-31T23:59:59.999999Z", "2017-01-01T00:00:00Z"]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = CustomerId::from(uuid::Uuid::from_u128(300 + i as u128));
            Customer::new(id, templates()[i].clone(), t.parse().expect("t"))
        })
        .collect();
    let after = handler("created_after=2016-12-31T23:59:60Z", &keys, &store).expect("valid");
    assert_eq!(after.data().len(), 1);
    assert_eq!(
        after.data()[0].created_at().to_string(),
        "2017-01-01T00:00:00Z"
    );
    let before = handler("created_before=2016-12-31T23:59:60Z", &keys, &store).expect("valid");
    assert_eq!(before.data().len(), 1);
    assert_eq!(
        before.data()[0].created_at().to_string(),
        "2016-12-31T23:59:59.999999Z"
    );
    // The end of the range: every stored value is before it.
    let query =
        ListCustomersQuery::parse("created_before=9999-12-31T23:59:60Z", &keys).expect("valid");
    assert_eq!(query.created_before(), None);
    // Second 60 where no leap second can be: not RFC 3339.
    let errors = ListCustomersQuery::parse("created_after=2016-12-31T12:00:60Z", &keys)
        .expect_err("not a leap second");
    let e = errors.iter().next().expect("one error");
    assert_eq!(
        (e.pointer(), e.code()),
        ("/created_after", ErrorCode::InvalidTimestamp)
    );
    assert!(!e.detail().contains("precision"), "{}", e.detail());
}

#[test]
fn email_filter_matches_case_insensitively() {
    let keys = list_props::keys();
    let store: Vec<Customer> = (0..4)
        .map(|i| customer(i, 0, 200 + i as u128, i as usize))
        .collect();
    let page = handler("email=ann%40EXAMPLE.com", &keys, &store).expect("valid");
    let emails: Vec<&str> = page.data().iter().map(|c| c.email().as_str()).collect();
    assert_eq!(emails, ["ANN@example.com", "ann@example.com"]);
    let page = handler("email=cy%2Btag@example.com", &keys, &store).expect("valid");
    assert_eq!(page.data().len(), 1);
}

#[test]
fn email_filter_finds_a_customer_by_any_spelling_of_the_mailbox() {
    let keys = list_props::keys();
    let make = |i: u128, email: &str| {
        let body = format!(
            r#"{{"first_name":"Jürgen","last_name":"Müller","email":"{email}",
                "phone_number":"+2348012345678",
                "billing_address":{{"line1":"1 Marina","city":"Lagos","country":"NG"}}}}"#
        );
        let request = CreateCustomer::from_json(body.as_bytes()).expect("valid");
        let t = time::OffsetDateTime::from_unix_timestamp(1_709_294_400 + i as i64).expect("t");
        Customer::new(
            CustomerId::from(uuid::Uuid::from_u128(i)),
            request,
            Timestamp::from_offset_date_time(t).expect("t"),
        )
    };
    let store = [
        make(1, "Müller@bücher.de"),
        make(2, "mueller@bücher.de"),
        make(3, "müller@example.de"),
    ];
    // Upper case, the xn-- domain, a decomposed ü (u + U+0308), full-width dot.
    for query in [
        "email=M%C3%BCller%40b%C3%BCcher.de",
        "email=M%C3%9CLLER%40B%C3%9CCHER.DE",
        "email=mu%CC%88ller%40xn--bcher-kva.de",
        "email=m%C3%BCller%40XN--BCHER-KVA.de",
        "email=m%C3%BCller%40b%C3%BCcher%EF%BC%8Ede",
    ] {
        let page = handler(query, &keys, &store).expect(query);
        let emails: Vec<&str> = page.data().iter().map(|c| c.email().as_str()).collect();
        assert_eq!(emails, ["Müller@bücher.de"], "{query}");
        let query = ListCustomersQuery::parse(query, &keys).expect("valid");
        assert_eq!(query.email_key(), Some("müller@xn--bcher-kva.de"));
    }
}

// ---------------------------------------------------------------------------------------
// Properties.

/// What the listing must return, computed without the library's plan.
fn oracle(
    store: &[Customer],
    ascending: bool,
    email: Option<&str>,
    after: Option<Timestamp>,
    before: Option<Timestamp>,
) -> Vec<Position> {
    let mut rows: Vec<Position> = store
        .iter()
        .filter(|c| email.is_none_or(|e| c.email().uniqueness_key() == e.to_lowercase()))
        .filter(|c| after.is_none_or(|t| c.created_at() > t))
        .filter(|c| before.is_none_or(|t| c.created_at() < t))
        .map(Position::of)
        .collect();
    rows.sort();
    if !ascending {
        rows.reverse();
    }
    rows
}

fn positions(page: &Page<Customer>) -> Vec<Position> {
    page.data().iter().map(Position::of).collect()
}

prop_compose! {
    /// Up to 40 customers over 6 seconds × 3 sub-second values: many equal `created_at`.
    fn store()(specs in prop::collection::vec((0i64..6, 0u8..3, any::<u128>(), 0usize..4), 0..40))
        -> Vec<Customer>
    {
        let mut ids = HashSet::new();
        specs
            .into_iter()
            .filter(|s| ids.insert(s.2))
            .map(|(second, nanos, id, template)| customer(second, nanos, id, template))
            .collect()
    }
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_unix_seconds(1_709_294_400 + second).expect("t")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// Walking `after` from the first page yields every matching customer once, in order;
    /// walking `before` back from the last page yields the same pages in reverse.
    #[test]
    fn walks_cover_every_match_once(
        store in store(),
        ascending in any::<bool>(),
        email in prop::option::of(prop::sample::select(vec!["ann@example.com", "Bob@Example.com", "cy+tag@example.com", "nobody@example.com"])),
        after in prop::option::of(-1i64..6),
        span in prop::option::of(1i64..5),
        limit in 1u8..7,
    ) {
        let keys = list_props::keys();
        let created_after = after.map(at);
        let created_before = span.map(|s| at(after.unwrap_or(-1) + s));
        let base = format!(
            "limit={limit}&{}",
            list_props::query_string(ascending, email, created_after, created_before)
        );
        let expected = oracle(&store, ascending, email, created_after, created_before);

        let mut pages: Vec<Page<Customer>> = Vec::new();
        let mut raw = base.clone();
        loop {
            let page = handler(&raw, &keys, &store).expect("a valid query");
            prop_assert!(page.data().len() <= usize::from(limit));
            prop_assert_eq!(page.pagination().limit(), limit);
            let next = page.pagination().after().map(str::to_owned);
            pages.push(page);
            prop_assert!(pages.len() <= store.len() + 1, "the walk does not end");
            match next {
                Some(after) => raw = format!("{base}&after={after}"),
                None => break,
            }
        }
        let walked: Vec<Position> = pages.iter().flat_map(positions).collect();
        prop_assert_eq!(&walked, &expected);
        prop_assert!(pages[0].pagination().before().is_none());
        for (i, page) in pages.iter().enumerate() {
            if i + 1 < pages.len() {
                prop_assert_eq!(page.data().len(), usize::from(limit), "a short page before the end");
            }
            if i > 0 {
                prop_assert!(page.pagination().before().is_some());
            }
        }

        // And back from the last page.
        let mut back = vec![positions(pages.last().expect("a page"))];
        let mut cursor = pages.last().and_then(|p| p.pagination().before()).map(str::to_owned);
        while let Some(before) = cursor {
            let page = handler(&format!("{base}&before={before}"), &keys, &store).expect("valid");
            prop_assert!(page.pagination().after().is_some());
            back.push(positions(&page));
            prop_assert!(back.len() <= pages.len(), "the walk back is longer");
            cursor = page.pagination().before().map(str::to_owned);
        }
        back.reverse();
        let forward: Vec<Vec<Position>> = pages.iter().map(positions).collect();
        prop_assert_eq!(back, forward);
    }

    /// A genuine cursor never verifies after any single-bit change, under another secret
    /// or a ring without its key id, and never passes against another query.
    #[test]
    fn cursors_never_verify_elsewhere(
        seed in prop::collection::vec(any::<u8>(), 31),
        secret in prop::array::uniform32(any::<u8>()),
        other_secret in prop::array::uniform32(any::<u8>()),
        id in any::<u8>(),
        other_id in any::<u8>(),
        queries in (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
    ) {
        list_props::check_genuine_cursor(&seed);

        let key = CursorKey::new(id, &secret).expect("32 bytes");
        let keys = CursorKeys::new(key.clone());
        let (asc1, mail1, from1, asc2, mail2, from2) = queries;
        let q = |asc: bool, mail: bool, from: bool| {
            list_props::query_string(
                asc,
                mail.then_some("ann@example.com"),
                from.then(|| at(0)),
                None,
            )
        };
        let (raw1, raw2) = (q(asc1, mail1, from1), q(asc2, mail2, from2));
        let digest = ListCustomersQuery::parse(&raw1, &keys).expect("valid").digest();
        let position = Position::new(at(3), CustomerId::from(uuid::Uuid::from_bytes([seed[0]; 16])));
        let text = Cursor::new(Direction::After, position, digest).encode(&key);
        prop_assert!(Cursor::decode(&text, &keys).is_ok());

        for bit in 0..63 * 8 {
            let flipped = list_props::flip_bit(&text, bit);
            prop_assert!(Cursor::decode(&flipped, &keys).is_err(), "bit {} flipped verified", bit);
        }
        if other_secret != secret {
            let other = CursorKeys::new(CursorKey::new(id, &other_secret).expect("32 bytes"));
            prop_assert!(Cursor::decode(&text, &other).is_err());
        }
        if other_id != id {
            let other = CursorKeys::new(CursorKey::new(other_id, &secret).expect("32 bytes"));
            prop_assert!(Cursor::decode(&text, &other).is_err());
        }
        let result = ListCustomersQuery::parse(&format!("{raw2}&after={text}"), &keys);
        if (asc1, mail1, from1) == (asc2, mail2, from2) {
            prop_assert!(result.is_ok());
        } else {
            let errors = result.expect_err("another query");
            let found: Vec<(&str, ErrorCode)> = errors.iter().map(|e| (e.pointer(), e.code())).collect();
            prop_assert_eq!(found, vec![("/after", ErrorCode::CursorMismatch)]);
        }
    }

    /// Any string: parsing never panics, and errors are well-formed.
    #[test]
    fn any_query_string(raw in "[a-z_=&%0-9A-F+:.@-]{0,80}") {
        list_props::check_list_query(raw.as_bytes());
    }
}
