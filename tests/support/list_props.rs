//! Property checks for listing, shared by the fuzz target
//! (`fuzz/fuzz_targets/list_query.rs` includes this file with `#[path]`), the stable corpus
//! replay and the integration tests (`tests/listing.rs`). Each check panics
//! (an assertion) only when the library breaks a property.

#![allow(dead_code)]

use customer_core::{
    Customer, ErrorCode, Timestamp, ValidationErrors,
    list::{Cursor, CursorKey, CursorKeys, Dialect, Direction, ListCustomersQuery, Position},
};

/// The signing key of the fuzz and replay runs (id 1).
pub const SIGNING_SECRET: &[u8; 32] = b"customer-core fuzz signing key.1";
/// An older key that still verifies (id 2).
pub const VERIFYING_SECRET: &[u8; 32] = b"customer-core fuzz retired key.2";

/// Key 1 signs, key 2 verifies.
pub fn keys() -> CursorKeys {
    let signing = CursorKey::new(1, SIGNING_SECRET).expect("32 bytes");
    let verifying = CursorKey::new(2, VERIFYING_SECRET).expect("32 bytes");
    CursorKeys::new(signing)
        .with_verifying(verifying)
        .expect("distinct ids")
}

/// URL-safe base64, to flip single bits of a cursor's bytes without decoding it.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The cursor text with bit `bit` (0 = the first byte's most significant bit) of its
/// decoded bytes flipped. A version-1 cursor is 63 bytes in exactly 84 characters, so bit
/// `k` is bit `5 - k % 6` of character `k / 6`.
pub fn flip_bit(cursor: &str, bit: usize) -> String {
    let mut chars = cursor.as_bytes().to_vec();
    let at = bit / 6;
    let value = ALPHABET
        .iter()
        .position(|c| *c == chars[at])
        .expect("base64url");
    chars[at] = ALPHABET[value ^ (1 << (5 - bit % 6))];
    String::from_utf8(chars).expect("ASCII")
}

/// The parameters of the list query.
const PARAMETERS: [&str; 7] = [
    "/limit",
    "/after",
    "/before",
    "/email",
    "/created_after",
    "/created_before",
    "/sort",
];

/// Every error is well-formed: a pointer (a parameter's, unless the parameter itself is
/// unknown or undecodable, or the whole query is too long), a code a list query can
/// produce, a message, a 400 problem.
pub fn check_errors(errors: &ValidationErrors) {
    assert!(!errors.is_empty(), "an error result with no errors");
    for e in errors {
        let code = e.code();
        match code {
            ErrorCode::UnknownParameter | ErrorCode::InvalidEncoding => {
                assert!(
                    e.pointer().starts_with('/'),
                    "bad pointer {:?}",
                    e.pointer()
                )
            }
            ErrorCode::TooLong if e.pointer().is_empty() => {}
            ErrorCode::DuplicateParameter
            | ErrorCode::InvalidLimit
            | ErrorCode::InvalidCursor
            | ErrorCode::CursorMismatch
            | ErrorCode::MutuallyExclusive
            | ErrorCode::InvalidEmail
            | ErrorCode::TooLong
            | ErrorCode::InvalidTimestamp
            | ErrorCode::InvalidRange
            | ErrorCode::InvalidSort => assert!(
                PARAMETERS.contains(&e.pointer()),
                "{code} at {:?}, not a parameter",
                e.pointer()
            ),
            other => panic!(
                "a list query cannot fail with {other} (at {:?})",
                e.pointer()
            ),
        }
        assert!(!e.detail().is_empty(), "empty message for {}", e.code());
    }
    let problem = serde_json::to_value(errors.to_problem()).expect("problem serializes");
    assert_eq!(problem["status"], 400);
}

/// Builds a query string from filter choices; the email and timestamps are
/// percent-encoded where needed.
pub fn query_string(
    ascending: bool,
    email: Option<&str>,
    created_after: Option<Timestamp>,
    created_before: Option<Timestamp>,
) -> String {
    let mut parts = vec![format!(
        "sort=created_at:{}",
        if ascending { "asc" } else { "desc" }
    )];
    if let Some(e) = email {
        parts.push(format!("email={}", e.replace('+', "%2B")));
    }
    if let Some(t) = created_after {
        parts.push(format!("created_after={t}"));
    }
    if let Some(t) = created_before {
        parts.push(format!("created_before={t}"));
    }
    parts.join("&")
}

/// Reads `N` bytes from `data` at `*at`, zero-padded past the end.
fn take<const N: usize>(data: &[u8], at: &mut usize) -> [u8; N] {
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = data.get(*at + i).copied().unwrap_or(0);
    }
    *at += N;
    out
}

/// Any bytes, three ways:
/// 1. as a query string: parsing never panics; a parsed query is consistent (limit in
///    range, cursor matching the query, range in order, an empty page has no cursors);
///    errors are well-formed;
/// 2. as a cursor: decoding never panics; a cursor that verifies re-encodes to the same
///    string under the key that signed it;
/// 3. as the seed of a genuine cursor: it round-trips, survives no single-bit flip, and is
///    refused under another secret, in the other parameter and against another query.
pub fn check_list_query(data: &[u8]) {
    let keys = keys();
    let text = String::from_utf8_lossy(data);

    check_timestamp_forms(&text);

    match ListCustomersQuery::parse(&text, &keys) {
        Ok(query) => {
            assert!((1..=100).contains(&query.limit()));
            let plan = query.plan();
            assert_eq!(
                usize::from(plan.fetch_limit()),
                usize::from(query.limit()) + 1
            );
            if let Some(c) = query.cursor() {
                assert_eq!(c.query_digest(), query.digest());
                assert_eq!(plan.direction(), Some(c.direction()));
                assert_eq!(plan.bound().map(|b| b.position()), Some(c.position()));
            }
            if let (Some(a), Some(b)) = (query.created_after(), query.created_before()) {
                assert!(a < b, "range out of order");
            }
            let page = plan
                .page(Vec::<Customer>::new(), &keys)
                .expect("no rows to refuse");
            assert!(page.pagination().before().is_none() && page.pagination().after().is_none());
            // The SQL binds every placeholder it writes, in both dialects.
            for (dialect, sigil) in [(Dialect::Postgres, '$'), (Dialect::Sqlite, '?')] {
                let statement = plan.sql(dialect);
                let used = statement.sql().matches(sigil).count();
                assert_eq!(used, statement.params().len(), "{}", statement.sql());
            }
        }
        Err(errors) => check_errors(&errors),
    }

    if let Ok(cursor) = Cursor::decode(&text, &keys) {
        let again = [1u8, 2].map(|id| cursor.encode(keys.get(id).expect("known id")));
        assert!(
            again.iter().any(|s| *s == text),
            "a verified cursor does not re-encode to itself"
        );
    }

    check_genuine_cursor(data);
}

/// Part 3 of [`check_list_query`].
pub fn check_genuine_cursor(data: &[u8]) {
    let keys = keys();
    let mut at = 0;
    // Any instant from 0000-01-01 to 9999-12-31, any microsecond.
    const MIN: i64 = -62_167_219_200;
    const SPAN: i64 = 253_402_300_800 - MIN;
    let secs = MIN + i64::from_be_bytes(take(data, &mut at)).rem_euclid(SPAN);
    let nanos = u32::from_be_bytes(take(data, &mut at)) % 1_000_000 * 1000;
    let id = customer_core::CustomerId::from(uuid_from(take(data, &mut at)));
    let [choice, bit_hi, bit_lo] = take(data, &mut at);
    let created_at =
        Timestamp::from_offset_date_time(time_from(secs, nanos).expect("in range by construction"))
            .expect("in range by construction");

    let ascending = choice & 1 == 1;
    let direction = if choice & 2 == 2 {
        Direction::Before
    } else {
        Direction::After
    };
    let email = (choice & 4 == 4).then_some("Jane+List@Example.com");
    let after = (choice & 8 == 8).then(|| Timestamp::parse("2024-01-01T00:00:00Z").expect("ok"));
    let raw = query_string(ascending, email, after, None);
    let query = ListCustomersQuery::parse(&raw, &keys).expect("a valid query");

    let cursor = Cursor::new(direction, Position::new(created_at, id), query.digest());
    let text = cursor.encode(keys.signing());
    assert_eq!(text.len(), customer_core::limits::CURSOR_CHARS);
    assert_eq!(Cursor::decode(&text, &keys), Ok(cursor));
    assert_eq!(
        cursor.encode(keys.signing()),
        text,
        "encoding is not stable"
    );

    // In its own query and parameter: accepted.
    let param = direction.parameter();
    let with = ListCustomersQuery::parse(&format!("{raw}&{param}={text}"), &keys)
        .expect("a genuine cursor in its own query");
    assert_eq!(with.cursor(), Some(&cursor));

    // Any single-bit flip: refused as invalid.
    let bit = usize::from(u16::from_be_bytes([bit_hi, bit_lo])) % (63 * 8);
    let flipped = flip_bit(&text, bit);
    let err = Cursor::decode(&flipped, &keys).expect_err("a flipped bit verified");
    assert_eq!(err.code(), ErrorCode::InvalidCursor, "bit {bit}: {err:?}");

    // Another secret under the same id: refused.
    let other =
        CursorKeys::new(CursorKey::new(1, b"another secret, same key id 1...").expect("32"));
    assert!(Cursor::decode(&text, &other).is_err());

    // The other parameter, or another query: cursor_mismatch.
    let other_param = match direction {
        Direction::After => "before",
        Direction::Before => "after",
    };
    let other_sort = query_string(!ascending, email, after, None);
    for wrong in [
        format!("{raw}&{other_param}={text}"),
        format!("{other_sort}&{param}={text}"),
    ] {
        let errors = ListCustomersQuery::parse(&wrong, &keys).expect_err("mismatch accepted");
        let found: Vec<(&str, ErrorCode)> =
            errors.iter().map(|e| (e.pointer(), e.code())).collect();
        assert_eq!(found.len(), 1, "{wrong}: {found:?}");
        assert_eq!(found[0].1, ErrorCode::CursorMismatch, "{wrong}");
    }
}

fn uuid_from(bytes: [u8; 16]) -> uuid::Uuid {
    uuid::Uuid::from_bytes(bytes)
}

fn time_from(secs: i64, nanos: u32) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()?
        .replace_nanosecond(nanos)
        .ok()
}

/// Timestamp parsing of any text: floor ≤ exact ≤ ceil, all whole microseconds, and the
/// sortable form reads back only what it writes.
pub fn check_timestamp_forms(text: &str) {
    let floor = Timestamp::parse_floor(text);
    let ceil = Timestamp::parse_ceil(text);
    if let Ok(exact) = Timestamp::parse(text) {
        assert_eq!(floor, Ok(exact));
        assert_eq!(ceil, Ok(exact));
    }
    if let (Ok(f), Ok(c)) = (&floor, &ceil) {
        assert!(f <= c);
        assert!(c.unix_micros() - f.unix_micros() <= 1);
        assert_eq!(Timestamp::from_unix_micros(f.unix_micros()), Ok(*f));
    }
    if let Ok(t) = Timestamp::parse_sortable(text) {
        assert_eq!(t.to_sortable_string(), text);
    }
}
