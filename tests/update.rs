//! Updates (issue 13): the case table `tests/data/update_customer.json` (format in
//! tests/data/README.md), the properties of merge patches over generated customers, and
//! the hand-made inputs of the `update_customer` fuzz corpus (its replay is in
//! `tests/fuzz_replay.rs`).

#[path = "support/update_props.rs"]
mod update_props;

use std::path::Path;

use customer_core::{Customer, CustomerPatch, Precondition, Timestamp, ValidationErrors, strategy};
use proptest::prelude::*;
use serde_json::{Value, json};

fn table() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/update_customer.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("case table")).expect("JSON")
}

fn listed(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.code().as_str().to_owned()))
        .collect()
}

/// The precondition of a case, checked against the stored customer: `None` when it
/// holds (or there is none), else the errors and the first message.
fn precondition(case: &Value, stored: &Customer) -> Option<(Vec<(String, String)>, String)> {
    let pre = if let Some(header) = case.get("if_match").and_then(Value::as_str) {
        let header = header.replace("{version}", &stored.version().to_string());
        match Precondition::if_match(&header) {
            Ok(pre) => pre,
            Err(errors) => {
                let first = errors.iter().next().map(|e| e.detail().to_owned());
                return Some((listed(&errors), first.unwrap_or_default()));
            }
        }
    } else if let Some(t) = case.get("if_updated_at").and_then(Value::as_str) {
        Precondition::updated_at(Timestamp::parse(t).expect("timestamp"))
    } else {
        return None;
    };
    let failed = pre.check(stored).err()?;
    let problem = serde_json::to_value(failed.to_problem()).expect("problem");
    assert_eq!(problem["status"], 412);
    assert_eq!(problem["type"], "/problems/precondition-failed");
    assert_eq!(problem["errors"][0]["code"], "precondition_failed");
    let errors = vec![(String::new(), failed.code().as_str().to_owned())];
    Some((errors, failed.detail().to_owned()))
}

#[test]
fn update_customer_cases() {
    let table = table();
    let stored_json = &table["customer"];
    let stored = Customer::from_json(&serde_json::to_vec(stored_json).unwrap()).unwrap();
    let cases = table["cases"].as_array().expect("cases");
    assert!(cases.len() > 50);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let now = case
            .get("now")
            .unwrap_or(&table["now"])
            .as_str()
            .expect("now");
        let now = Timestamp::parse(now).expect("now");
        let bytes = update_props::case_body(case);
        let (got, first) = match precondition(case, &stored) {
            Some(failed) => (Err(failed.0), failed.1),
            None => {
                let merged = stored.merge_patch(&bytes, now);
                // The two-step path agrees: the same customer, or the patch's errors first.
                match (CustomerPatch::from_json(&bytes), &merged) {
                    (Ok(patch), merged) => {
                        if &patch.apply(&stored, now) != merged {
                            failures.push(format!("{name}: apply and merge_patch differ"));
                        }
                    }
                    (Err(e), Err(m)) if m.as_slice().starts_with(e.as_slice()) => {}
                    (Err(e), m) => failures.push(format!("{name}: from_json {e}, merge {m:?}")),
                }
                match merged {
                    Ok(updated) => (Ok(updated), String::new()),
                    Err(errors) => {
                        let first = errors.iter().next().map(|e| e.detail().to_owned());
                        (Err(listed(&errors)), first.unwrap_or_default())
                    }
                }
            }
        };
        let expect = &case["expect"];
        match (got, expect.get("valid")) {
            (Ok(updated), Some(valid)) => {
                // Exactly the listed changes, and updated_at = now; nothing else moves.
                let mut want = stored_json.clone();
                for (pointer, value) in valid.as_object().into_iter().flatten() {
                    *want.pointer_mut(pointer).expect("pointer") = value.clone();
                }
                want["updated_at"] = json!(now.to_string());
                let json = serde_json::to_value(&updated).unwrap();
                if json != want {
                    failures.push(format!("{name}: got {json}\n  want {want}"));
                }
                let diff = CustomerPatch::diff(&stored, &updated);
                if diff.apply(&stored, now).as_ref() != Ok(&updated) {
                    failures.push(format!("{name}: the diff does not re-apply"));
                }
            }
            (Err(got), None) => {
                let want: Vec<(String, String)> = expect["errors"]
                    .as_array()
                    .expect("errors")
                    .iter()
                    .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
                    .collect();
                if got != want {
                    failures.push(format!("{name}: got {got:?}, want {want:?}"));
                }
                if let Some(message) = case.get("message").and_then(Value::as_str)
                    && first != message
                {
                    failures.push(format!("{name}: message {first:?}, want {message:?}"));
                }
            }
            (Ok(_), None) => failures.push(format!("{name}: valid, but errors were expected")),
            (Err(got), Some(_)) => failures.push(format!("{name}: expected valid, got {got:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The table holds, for every member of the customer, a case sending it as `null` and a
/// case sending a value (absent is every other case: each checks that nothing else moved).
#[test]
fn the_table_covers_null_and_a_value_for_every_member() {
    let table = table();
    let cases = table["cases"].as_array().expect("cases");
    let mut members = vec![];
    for (name, value) in table["customer"].as_object().expect("customer") {
        members.push(format!("/{name}"));
        for nested in value.as_object().into_iter().flat_map(|o| o.keys()) {
            members.push(format!("/{name}/{nested}"));
        }
    }
    assert_eq!(members.len(), 14);
    for member in members {
        let sent = |null: bool| {
            cases
                .iter()
                .filter_map(|c| c.get("patch")?.pointer(&member))
                .any(|v| v.is_null() == null)
        };
        assert!(sent(true), "no case sends {member} as null");
        assert!(sent(false), "no case sends a value for {member}");
    }
}

/// A version is a quoted ETag that follows the content: equal for equal customers,
/// another one after any update (`updated_at` included).
#[test]
fn version_changes_with_every_update_and_only_then() {
    let table = table();
    let stored = Customer::from_json(&serde_json::to_vec(&table["customer"]).unwrap()).unwrap();
    let now = Timestamp::parse("2024-04-01T09:30:00Z").unwrap();
    let same = stored.clone();
    assert_eq!(same.version(), stored.version());
    let touched = CustomerPatch::default().apply(&stored, now).unwrap();
    assert_ne!(touched.version(), stored.version());
    let v = stored.version().to_string();
    assert_eq!(v.len(), 24);
    assert!(v.starts_with('"') && v.ends_with('"'));
    assert_eq!(
        v.parse::<customer_core::Version>().unwrap(),
        stored.version()
    );
}

/// serde reads a patch through the same reader, with every error.
#[test]
fn patches_deserialize_through_the_reader() {
    let patch: CustomerPatch =
        serde_json::from_str(r#"{"billing_address":{"zip_code":null}}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&patch).unwrap(),
        r#"{"billing_address":{"zip_code":null}}"#
    );
    assert!(patch.changes_billing_address() && patch.email().is_none() && !patch.is_empty());
    let patch =
        CustomerPatch::from_json(br#"{"email":"A@B.CO","phone_number":"+254712123456"}"#).unwrap();
    assert_eq!(patch.email().unwrap().as_str(), "A@b.co");
    assert_eq!(patch.phone_number().unwrap().as_str(), "+254712123456");
    assert!(patch.first_name().is_none() && patch.last_name().is_none());
    assert!(!patch.changes_billing_address());
    let err = serde_json::from_str::<CustomerPatch>(r#"{"id":1,"email":null}"#).unwrap_err();
    assert!(err.to_string().contains("/id: is read-only"), "{err}");
    assert!(err.to_string().contains("/email: is required"), "{err}");
}

/// Hand-made inputs of the `update_customer` corpus (the `case-*` seeds are generated
/// from the table and checked by `tests/fuzz_replay.rs`). Rewrite with
/// `cargo test --test update -- --ignored write_hand_made_seeds`.
#[test]
#[ignore = "writes fuzz/corpus/update_customer"]
fn write_hand_made_seeds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/update_customer");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, data) in [
        (
            "hostile-now-128-hours-before-created",
            b"\x01\x80{}".as_slice(),
        ),
        ("hostile-empty", b"".as_slice()),
        ("stored-2-empty-patch", b"\x02\x01{}".as_slice()),
        (
            "stored-1-sets-the-optional-lines",
            b"\x01\x30{\"billing_address\":{\"line2\":\"Apt 3\",\"zip_code\":\"07030\"}}"
                .as_slice(),
        ),
        (
            "stored-2-aland-to-mainland-finland-keeps-the-phone",
            b"\x02\x05{\"billing_address\":{\"city\":\"Helsinki\",\"country\":\"FI\"}}".as_slice(),
        ),
    ] {
        std::fs::write(dir.join(name), data).unwrap();
    }
}

/// The JSON of `c` with `updated_at = now`.
fn touched(c: &Customer, now: Timestamp) -> Value {
    let mut json = serde_json::to_value(c).unwrap();
    json["updated_at"] = json!(now.to_string());
    json
}

/// A member of a generated patch: absent, null, a string, another type or an object.
fn patch_value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        "\\PC{0,12}".prop_map(|s| Some(json!(s))),
        prop::sample::select(vec![
            "+254712123456",
            "+2348012345678",
            "+358412345678",
            "KE",
            "NG",
            "AX",
            "FI",
            "Nairobi",
            " ",
            "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8",
        ])
        .prop_map(|s| Some(json!(s))),
        Just(Some(json!(7))),
        Just(Some(json!({"country": "KE"}))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn apply_of_the_diff_gives_the_other_customer(
        c in strategy::customer(),
        fields in strategy::create_customer(),
        t in strategy::timestamp(),
    ) {
        // c2: another state of the same customer (its id and created_at).
        let c2 = Customer::new(c.id(), fields, c.created_at());
        let now = t.max(c.created_at());
        let patch = CustomerPatch::diff(&c, &c2);
        let updated = patch.apply(&c, now).unwrap();
        prop_assert_eq!(serde_json::to_value(&updated).unwrap(), touched(&c2, now));
        // The same through JSON, as a client would send it.
        let body = serde_json::to_vec(&patch).unwrap();
        prop_assert_eq!(c.merge_patch(&body, now).unwrap(), updated);
        prop_assert_eq!(CustomerPatch::from_json(&body).unwrap(), patch);
    }

    #[test]
    fn the_empty_patch_changes_only_updated_at(
        c in strategy::customer(),
        t in strategy::timestamp(),
    ) {
        let now = t.max(c.created_at());
        prop_assert!(CustomerPatch::diff(&c, &c).is_empty());
        let updated = CustomerPatch::from_json(b"{}").unwrap().apply(&c, now).unwrap();
        prop_assert_eq!(serde_json::to_value(&updated).unwrap(), touched(&c, now));
        prop_assert_eq!(c.merge_patch(b"{\"billing_address\":{}}", now).unwrap(), updated);
    }

    #[test]
    fn any_patch_keeps_every_property(
        pick in any::<u8>(),
        shift in any::<u8>(),
        members in prop::collection::vec((prop::sample::select(vec![
            "id", "first_name", "last_name", "email", "phone_number", "billing_address",
            "created_at", "updated_at", "nickname",
        ]), patch_value()), 0..6),
        address in prop::collection::vec((prop::sample::select(vec![
            "line1", "line2", "city", "state", "zip_code", "country", "zipcode",
        ]), patch_value()), 0..4),
    ) {
        let mut body = serde_json::Map::new();
        for (name, value) in members {
            if let Some(value) = value { body.insert(name.to_owned(), value); }
        }
        if !address.is_empty() {
            let nested: serde_json::Map<String, Value> = address
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
                .collect();
            body.insert("billing_address".to_owned(), Value::Object(nested));
        }
        let mut data = vec![pick, shift];
        data.extend(serde_json::to_vec(&body).unwrap());
        update_props::check_update(&data);
    }
}
