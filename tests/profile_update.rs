//! Updates of the billing (spec 002) and account (spec 003) customers (issue 13): the case
//! tables `tests/data/update_billing_customer.json` and `update_account_customer.json`
//! (format in tests/data/README.md), the properties of merge patches over generated
//! customers, and the `profile_update` fuzz corpus (seeds generated from the tables).

#[path = "support/cases.rs"]
mod cases;
#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/profile_update_props.rs"]
mod profile_update_props;

use customer_core::{Precondition, Timestamp, ValidationErrors, Versioned};
use profile_update_props::{Account, Billing, Profile};
use serde_json::{Value, json};

fn listed(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.code().as_str().to_owned()))
        .collect()
}

/// The precondition of a case, checked against the stored customer: `None` when it
/// holds (or there is none), else the errors and the first message.
fn precondition<C: Versioned>(case: &Value, stored: &C) -> Option<(Vec<(String, String)>, String)> {
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
    assert_eq!(problem["errors"][0]["code"], "precondition_failed");
    let errors = vec![(String::new(), failed.code().as_str().to_owned())];
    Some((errors, failed.detail().to_owned()))
}

/// Sets the value at `pointer` in `doc`, creating the last token.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, last) = pointer.rsplit_once('/').expect("a pointer");
    let last = last.replace("~1", "/").replace("~0", "~");
    let parent = doc.pointer_mut(parent).expect("the parent exists");
    parent
        .as_object_mut()
        .expect("an object")
        .insert(last, value);
}

fn remove(doc: &mut Value, pointer: &str) {
    let (parent, last) = pointer.rsplit_once('/').expect("a pointer");
    let parent = doc.pointer_mut(parent).expect("the parent exists");
    parent.as_object_mut().expect("an object").remove(last);
}

/// Runs a profile's update table: each case through `merge_patch` and through
/// `from_json` + `apply` (which must agree), the result compared with the stored customer
/// changed exactly as the case says, and its diff re-applied.
fn run_table<P: Profile>(file: &str) {
    let table = cases::table(file);
    let cases = table["cases"].as_array().expect("cases");
    assert!(cases.len() > 40);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let mut stored_json = table["customer"].clone();
        for (k, v) in case
            .get("stored_patch")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            stored_json[k] = v.clone();
        }
        let stored = P::customer(&serde_json::to_vec(&stored_json).unwrap()).expect("stored");
        assert_eq!(
            serde_json::to_value(&stored).unwrap(),
            stored_json,
            "{name}: stored"
        );
        let now = case
            .get("now")
            .unwrap_or(&table["now"])
            .as_str()
            .expect("now");
        let now = Timestamp::parse(now).expect("now");
        let bytes = profile_update_props::case_body(case);
        let (got, first) = match precondition(case, &stored) {
            Some(failed) => (Err(failed.0), failed.1),
            None => {
                let merged = P::merge_patch(&stored, &bytes, now);
                match (P::from_json(&bytes), &merged) {
                    (Ok(patch), merged) => {
                        if &P::apply(&patch, &stored, now) != merged {
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
                let mut want = stored_json.clone();
                for (pointer, value) in valid.as_object().into_iter().flatten() {
                    set(&mut want, pointer, value.clone());
                }
                for pointer in expect
                    .get("removed")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    remove(&mut want, pointer.as_str().expect("pointer"));
                }
                want["updated_at"] = json!(P::stamp(now));
                let json = serde_json::to_value(&updated).unwrap();
                if json != want {
                    failures.push(format!("{name}: got {json}\n  want {want}"));
                }
                if let Some(text) = case.get("text").and_then(Value::as_str)
                    && P::kept_text(&updated).as_deref() != Some(text)
                {
                    failures.push(format!("{name}: kept text {:?}", P::kept_text(&updated)));
                }
                if let Some(order) = case.get("order") {
                    let keys = P::keys(&updated);
                    if json!(keys) != *order {
                        failures.push(format!("{name}: keys in order {keys:?}, want {order}"));
                    }
                }
                let diff = P::diff(&stored, &updated);
                if P::apply(&diff, &stored, now).as_ref() != Ok(&updated) {
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

/// The table holds, for every member of the customer (and of its nested `nested`
/// objects), a case sending it as `null` and a case sending a value.
fn covers_null_and_a_value(file: &str, nested: &[&str]) {
    let table = cases::table(file);
    let cases = table["cases"].as_array().expect("cases");
    let mut members = vec![];
    for (name, value) in table["customer"].as_object().expect("customer") {
        members.push(format!("/{name}"));
        if nested.contains(&name.as_str()) {
            for inner in value.as_object().into_iter().flat_map(|o| o.keys()) {
                members.push(format!("/{name}/{inner}"));
            }
        }
    }
    for member in members {
        let sent = |null: bool| {
            cases
                .iter()
                .filter_map(|c| c.get("patch")?.pointer(&member))
                .any(|v| v.is_null() == null)
        };
        assert!(sent(true), "{file}: no case sends {member} as null");
        assert!(sent(false), "{file}: no case sends a value for {member}");
    }
}

#[test]
fn update_billing_customer_cases() {
    run_table::<Billing>("update_billing_customer.json");
}

#[test]
fn the_billing_table_covers_null_and_a_value_for_every_member() {
    covers_null_and_a_value("update_billing_customer.json", &[]);
}

#[test]
fn update_account_customer_cases() {
    run_table::<Account>("update_account_customer.json");
}

#[test]
fn the_account_table_covers_null_and_a_value_for_every_member() {
    covers_null_and_a_value("update_account_customer.json", &["address"]);
}

/// The `profile_update` seeds are the cases of both tables (byte 0: 0 billing, 1
/// account; stored customer 0; `now` a day after its creation; the case's patch).
#[test]
fn profile_update_corpus_is_generated_from_the_tables() {
    let mut generated = Vec::new();
    for (profile, file) in [
        (0u8, "update_billing_customer.json"),
        (1, "update_account_customer.json"),
    ] {
        let table = cases::table(file);
        for case in table["cases"].as_array().expect("cases") {
            let name = case["name"].as_str().expect("name");
            let label = if profile == 0 { "billing" } else { "account" };
            generated.push((
                corpus::seed_name(&format!("{label} {name}")),
                profile_update_props::case_seed(profile, case),
            ));
        }
    }
    corpus::check_generated("profile_update", generated);
}

#[test]
fn profile_update_corpus() {
    corpus::replay(
        "profile_update",
        40,
        profile_update_props::check_profile_update,
    );
}

// Properties over generated customers.

use customer_core::{
    AccountCustomer, AccountCustomerPatch, BillingCustomer, BillingCustomerPatch, JsonObject,
    strategy,
};
use proptest::prelude::*;

/// Metadata drawn from a few keys, so a patch often touches stored keys (patch bodies;
/// stored customers come from `strategy::billing_customer()`).
fn metadata() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(
        (
            prop::sample::select(&["a", "b", "c", "d", "order_id", "customer_id"][..]),
            prop::sample::select(&["1", "2", "", "gold"][..]),
        ),
        0..6,
    )
    .prop_map(|pairs| {
        let mut seen = std::collections::HashSet::new();
        pairs
            .into_iter()
            .filter(|(k, _)| seen.insert(*k))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    })
}

/// A JSON value at most `depth` deep, with few members (no `null` at the top of
/// `custom_data`: a merge patch cannot set one).
fn json_value(depth: u32) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[ -~é,:{}\\[\\]\"]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(depth, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec(("[a-c]{1,2}", inner), 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn custom_data() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (
            prop::sample::select(&["a", "b", "c", "d\"q", "e"][..]),
            json_value(2),
        ),
        0..5,
    )
    .prop_map(|m| {
        Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    })
}

/// `t` moved `seconds` later; `t` itself past the year 9999.
fn later(t: Timestamp, seconds: i64) -> Timestamp {
    Timestamp::from_offset_date_time(t.as_offset_date_time() + time::Duration::seconds(seconds))
        .unwrap_or(t)
}

/// True when a merge patch can produce `data` (RFC 7396): no top-level `null` member and
/// no key twice. The generated customers have both now and then.
fn expressible(data: Option<&JsonObject>) -> bool {
    struct TopLevel(Vec<(String, bool)>);
    impl<'de> serde::Deserialize<'de> for TopLevel {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Members;
            impl<'de> serde::de::Visitor<'de> for Members {
                type Value = TopLevel;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<TopLevel, A::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) =
                        map.next_entry::<String, Option<serde::de::IgnoredAny>>()?
                    {
                        out.push((k, v.is_none()));
                    }
                    Ok(TopLevel(out))
                }
            }
            d.deserialize_map(Members)
        }
    }
    let Some(data) = data else { return true };
    let TopLevel(members) = serde_json::from_str(data.as_str()).unwrap();
    let keys: std::collections::HashSet<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    keys.len() == members.len() && members.iter().all(|(_, null)| !null)
}

/// The JSON of `c` with `updated_at = now`.
fn touched<C: serde::Serialize>(c: &C, now: String) -> Value {
    let mut json = serde_json::to_value(c).unwrap();
    json["updated_at"] = json!(now);
    json
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn billing_apply_of_the_diff_gives_the_other_customer(
        c in strategy::billing_customer(),
        fields in strategy::create_billing_customer(),
        seconds in 0i64..1_000_000,
    ) {
        let c2 = BillingCustomer::new(c.id(), fields, c.payment_rules().cloned(), c.created_at());
        let now = later(c.created_at(), seconds);
        let patch = BillingCustomerPatch::diff(&c, &c2);
        let updated = patch.apply(&c, now).unwrap();
        prop_assert_eq!(serde_json::to_value(&updated).unwrap(), touched(&c2, now.to_string()));
        prop_assert_eq!(updated.fields().metadata(), c2.fields().metadata()); // in order
        let body = serde_json::to_vec(&patch).unwrap();
        prop_assert_eq!(c.merge_patch(&body, now).unwrap(), updated);
        prop_assert_eq!(BillingCustomerPatch::from_json(&body).unwrap(), patch);
    }

    #[test]
    fn billing_empty_patch_changes_only_updated_at(c in strategy::billing_customer(), seconds in 0i64..1_000_000) {
        let now = later(c.created_at(), seconds);
        prop_assert!(BillingCustomerPatch::diff(&c, &c).is_empty());
        let updated = BillingCustomerPatch::from_json(b"{}").unwrap().apply(&c, now).unwrap();
        prop_assert_eq!(serde_json::to_value(&updated).unwrap(), touched(&c, now.to_string()));
        prop_assert_eq!(c.merge_patch(b"{\"metadata\":{}}", now).unwrap(), updated);
    }

    #[test]
    fn account_apply_of_the_diff_gives_the_other_customer(
        c in strategy::account_customer(),
        fields in strategy::create_account_customer(),
        seconds in 0i64..1_000_000,
    ) {
        prop_assume!(expressible(fields.custom_data()));
        let c2 = AccountCustomer::new(c.id(), fields, c.created_at());
        let now = later(c.created_at(), seconds);
        let patch = AccountCustomerPatch::diff(&c, &c2);
        let updated = patch.apply(&c, now).unwrap();
        prop_assert_eq!(
            serde_json::to_value(&updated).unwrap(),
            touched(&c2, profile_update_props::Account::stamp(now))
        );
        // custom_data byte for byte, key order included.
        prop_assert_eq!(updated.fields().custom_data(), c2.fields().custom_data());
        let body = serde_json::to_vec(&patch).unwrap();
        prop_assert_eq!(c.merge_patch(&body, now).unwrap(), updated);
        prop_assert_eq!(AccountCustomerPatch::from_json(&body).unwrap(), patch);
    }

    #[test]
    fn account_empty_patch_changes_only_updated_at(c in strategy::account_customer(), seconds in 0i64..1_000_000) {
        let now = later(c.created_at(), seconds);
        prop_assert!(AccountCustomerPatch::diff(&c, &c).is_empty());
        let updated = AccountCustomerPatch::from_json(b"{}").unwrap().apply(&c, now).unwrap();
        prop_assert_eq!(
            serde_json::to_value(&updated).unwrap(),
            touched(&c, profile_update_props::Account::stamp(now))
        );
        prop_assert_eq!(updated.fields(), c.fields());
    }

    #[test]
    fn account_any_patch_keeps_every_property(
        pick in any::<u8>(),
        shift in any::<u8>(),
        members in prop::collection::vec((prop::sample::select(vec![
            "id", "name", "email", "phone", "address", "payment_method", "created_at",
            "updated_at", "status", "custom_data", "nickname",
        ]), prop_oneof![
            Just(Value::Null),
            Just(json!("")),
            Just(json!("suspended")),
            Just(json!("+254712123456")),
            Just(json!({"country": "KE"})),
            Just(json!({"city": "Arusha"})),
            Just(json!({"city": null})),
            "\\PC{0,12}".prop_map(Value::from),
            custom_data(),
            Just(json!({"visits": null, "a": {"b": [1, null]}})),
        ]), 0..6),
    ) {
        let body: serde_json::Map<String, Value> =
            members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let mut data = vec![1u8, pick, shift];
        data.extend(serde_json::to_vec(&body).unwrap());
        profile_update_props::check_profile_update(&data);
    }

    #[test]
    fn billing_any_patch_keeps_every_property(
        pick in any::<u8>(),
        shift in any::<u8>(),
        members in prop::collection::vec((prop::sample::select(vec![
            "id", "reference", "name", "phone_number", "currency", "balance", "payment_rules",
            "metadata", "created_at", "updated_at", "nickname",
        ]), prop_oneof![
            Just(Value::Null),
            Just(json!("")),
            Just(json!(2000)),
            Just(json!(-1.5)),
            Just(json!("ZAR")),
            Just(json!("+27123456789")),
            "\\PC{0,12}".prop_map(Value::from),
            metadata().prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k, Value::from(v))).collect())),
            Just(json!({"order_id": null, "x": "y"})),
        ]), 0..6),
    ) {
        let body: serde_json::Map<String, Value> =
            members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let mut data = vec![0u8, pick, shift];
        data.extend(serde_json::to_vec(&body).unwrap());
        profile_update_props::check_profile_update(&data);
    }
}
