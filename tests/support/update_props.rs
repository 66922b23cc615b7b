//! Property checks of updates, shared by the fuzz target `update_customer`
//! (`fuzz/fuzz_targets/update_customer.rs` includes this file with `#[path]`) and the
//! stable corpus replay in `tests/fuzz_replay.rs`. Each check panics (an assertion) only when
//! the library breaks a property.
#![allow(dead_code)] // each test crate uses a part

use customer_core::{Customer, CustomerPatch, ErrorCode, Timestamp, ValidationErrors};

/// The stored customers a fuzz input picks from (its first byte): every optional field
/// set, none set, and a number that is valid for two countries.
pub const STORED: &[&str] = &[
    r#"{"id":"6f7e1e7f-93d1-4fcc-b7a4-738f869615c8","first_name":"Ada","last_name":"Obi",
    "email":"ada@example.com","phone_number":"+2348012345678","billing_address":{
    "line1":"1 Marina","line2":"Flat 2","city":"Lagos","state":"LA","zip_code":"100001",
    "country":"NG"},"created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-05T08:00:00Z"}"#,
    r#"{"id":"00000000-0000-4000-8000-000000000001","first_name":"Jane","last_name":"Roe",
    "email":"jane@example.com","phone_number":"+12015550123","billing_address":{
    "line1":"1 Main St","line2":null,"city":"Hoboken","state":null,"zip_code":null,
    "country":"US"},"created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-01T12:00:00Z"}"#,
    r#"{"id":"00000000-0000-4000-8000-000000000002","first_name":"Aino","last_name":"Virtanen",
    "email":"aino@example.fi","phone_number":"+358412345678","billing_address":{
    "line1":"Torggatan 1","line2":null,"city":"Mariehamn","state":null,"zip_code":"22100",
    "country":"AX"},"created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-02T12:00:00Z"}"#,
];

/// The fuzz seed of a case of `tests/data/update_customer.json`: stored customer 0, `now`
/// 24 hours after its `created_at`, then the case's body.
pub fn case_seed(case: &serde_json::Value) -> Vec<u8> {
    let mut data = vec![0u8, 24];
    data.extend(case_body(case));
    data
}

/// The patch body of a case: `raw` as given, else `patch` serialized.
pub fn case_body(case: &serde_json::Value) -> Vec<u8> {
    match case.get("raw").and_then(serde_json::Value::as_str) {
        Some(raw) => raw.as_bytes().to_vec(),
        None => serde_json::to_vec(&case["patch"]).expect("serialize"),
    }
}

/// A fuzz input: byte 0 picks the stored customer, byte 1 (signed) moves `now` that many
/// hours from its `created_at`, the rest is the patch body.
pub fn split(data: &[u8]) -> Option<(Customer, Timestamp, &[u8])> {
    let (&pick, rest) = data.split_first()?;
    let (&shift, body) = rest.split_first()?;
    let stored = STORED[usize::from(pick) % STORED.len()];
    let stored = Customer::from_json(stored.as_bytes()).expect("a valid stored customer");
    let created = stored.created_at().as_offset_date_time().unix_timestamp();
    let now = Timestamp::from_unix_seconds(created + i64::from(shift as i8) * 3600).expect("now");
    Some((stored, now, body))
}

fn well_formed(errors: &ValidationErrors) {
    assert!(!errors.is_empty(), "an error result with no errors");
    for e in errors {
        assert!(
            e.pointer().is_empty() || e.pointer().starts_with('/'),
            "bad pointer {:?}",
            e.pointer()
        );
        assert!(!e.detail().is_empty(), "empty message for {}", e.code());
        assert!(ErrorCode::ALL.contains(&e.code()));
        assert_ne!(
            e.code(),
            ErrorCode::PreconditionFailed,
            "a 412 among 400 errors"
        );
    }
}

/// Any bytes as a patch of a stored customer: nothing panics; `from_json` + `apply` and
/// `merge_patch` agree (the patch's own errors come first); a valid patch re-serializes to
/// itself; an update keeps the id and `created_at`, sets `updated_at = now`, is a valid
/// customer, is what the diff re-applies, and applying the patch again changes nothing.
pub fn check_update(data: &[u8]) {
    let Some((stored, now, body)) = split(data) else {
        return;
    };
    let merged = stored.merge_patch(body, now);
    match CustomerPatch::from_json(body) {
        Ok(patch) => {
            assert_eq!(
                patch.apply(&stored, now),
                merged,
                "apply and merge_patch differ"
            );
            let json = serde_json::to_vec(&patch).expect("a patch serializes");
            let again = CustomerPatch::from_json(&json).unwrap_or_else(|e| {
                panic!("re-reading failed: {e}\n{}", String::from_utf8_lossy(&json))
            });
            assert_eq!(again, patch, "re-reading changed the patch");
            match merged {
                Ok(updated) => check_updated(&stored, &patch, &updated, now),
                Err(errors) => {
                    well_formed(&errors);
                    assert!(
                        errors.iter().all(|e| matches!(
                            e.code(),
                            ErrorCode::PhoneCountryMismatch | ErrorCode::InvalidRange
                        )),
                        "a parsed patch failed for a reason other than the whole-record rules: {errors}"
                    );
                }
            }
        }
        Err(errors) => {
            well_formed(&errors);
            let merged = merged.expect_err("merge_patch accepted what from_json refused");
            assert!(
                merged.as_slice().starts_with(errors.as_slice()),
                "the patch's errors are not first: {errors} / {merged}"
            );
        }
    }
}

fn check_updated(stored: &Customer, patch: &CustomerPatch, updated: &Customer, now: Timestamp) {
    assert_eq!(updated.id(), stored.id());
    assert_eq!(updated.created_at(), stored.created_at());
    assert_eq!(updated.updated_at(), now);
    let json = serde_json::to_vec(updated).expect("serializes");
    let back = Customer::from_json(&json).unwrap_or_else(|e| {
        panic!(
            "the update is not a valid customer: {e}\n{}",
            String::from_utf8_lossy(&json)
        )
    });
    assert_eq!(&back, updated);
    let diff = CustomerPatch::diff(stored, updated);
    assert_eq!(
        diff.apply(stored, now).as_ref(),
        Ok(updated),
        "the diff does not re-apply"
    );
    assert_eq!(
        patch.apply(updated, now).as_ref(),
        Ok(updated),
        "not idempotent"
    );
    if patch.is_empty() {
        assert_eq!(updated.fields(), stored.fields());
    }
    assert_eq!(
        updated.version() == stored.version(),
        updated == stored,
        "the version does not follow the content"
    );
}
