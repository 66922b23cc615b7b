//! Updates of the three profiles: Juice's customer, the billing customer (spec
//! 002) and the account customer (spec 003). One runner, generic over
//! `update_props::Profile`, runs the case tables `tests/data/update_customer.json`,
//! `update_billing_customer.json` and `update_account_customer.json` (format in
//! tests/data/README.md); one set of properties runs over each profile's generated
//! customers; the fuzz corpora `update_customer` (Juice) and `profile_update` (billing
//! and account) are generated from the tables and replayed here.

mod support;

use support::json::json_value;

use support::{cases, corpus, update_props};

use std::path::Path;

use customer_core::{
    Customer, CustomerPatch, JsonObject, Precondition, Timestamp, Versioned,
    account::AccountCustomer, billing::BillingCustomer, strategy,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value, json};
use update_props::{Account, Billing, Juice, Profile};

use support::pointers_and_codes as listed;

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
    assert_eq!(problem["type"], "/problems/precondition-failed");
    assert_eq!(problem["errors"][0]["code"], "precondition_failed");
    let errors = vec![(String::new(), failed.code().as_str().to_owned())];
    Some((errors, failed.detail().to_owned()))
}

/// Runs a profile's update table: each case through `merge_patch` and through
/// `from_json` + `apply` (which must agree), the result compared with the stored customer
/// changed exactly as the case says, and its diff re-applied.
fn run_table<P: Profile>(file: &str, min_cases: usize) {
    let table = cases::table(file);
    let cases = table["cases"].as_array().expect("cases");
    assert!(cases.len() > min_cases, "{file}: too few cases");
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
        let bytes = update_props::case_body(case);
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
                    cases::set(&mut want, pointer, value.clone());
                }
                for pointer in expect
                    .get("removed")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    cases::remove(&mut want, pointer.as_str().expect("pointer"));
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

/// The table holds, for every member of the customer (`members` of them, counting those
/// of its nested `nested` objects), a case sending it as `null` and a case sending a value
/// (absent is every other case: each checks that nothing else moved).
fn covers_null_and_a_value(file: &str, nested: &[&str], members: usize) {
    let table = cases::table(file);
    let cases = table["cases"].as_array().expect("cases");
    let mut pointers = vec![];
    for (name, value) in table["customer"].as_object().expect("customer") {
        pointers.push(format!("/{name}"));
        if nested.contains(&name.as_str()) {
            for inner in value.as_object().into_iter().flat_map(|o| o.keys()) {
                pointers.push(format!("/{name}/{inner}"));
            }
        }
    }
    assert_eq!(
        pointers.len(),
        members,
        "{file}: the members of its customer"
    );
    for member in pointers {
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
fn update_customer_cases() {
    run_table::<Juice>("update_customer.json", 50);
}

#[test]
fn the_table_covers_null_and_a_value_for_every_member() {
    covers_null_and_a_value("update_customer.json", &["billing_address"], 14);
}

#[test]
fn update_billing_customer_cases() {
    run_table::<Billing>("update_billing_customer.json", 40);
}

#[test]
fn the_billing_table_covers_null_and_a_value_for_every_member() {
    covers_null_and_a_value("update_billing_customer.json", &[], 10);
}

#[test]
fn update_account_customer_cases() {
    run_table::<Account>("update_account_customer.json", 40);
}

#[test]
fn the_account_table_covers_null_and_a_value_for_every_member() {
    covers_null_and_a_value("update_account_customer.json", &["address"], 12);
}

/// The seeds of a profile's table: one per case (see `update_props::case_seed`), named
/// `case-` and the case's name, after the profile's name when its target is shared.
fn seeds<P: Profile>(file: &str) -> Vec<(String, Vec<u8>)> {
    let table = cases::table(file);
    let cases = table["cases"].as_array().expect("cases");
    cases
        .iter()
        .map(|case| {
            let name = case["name"].as_str().expect("name");
            let name = if P::TAG.is_empty() {
                name.to_owned()
            } else {
                format!("{} {name}", P::NAME)
            };
            (corpus::seed_name(&name), update_props::case_seed::<P>(case))
        })
        .collect()
}

/// The `update_customer` seeds are `tests/data/update_customer.json`'s cases (stored
/// customer 0, `now` a day after its creation, the case's patch); the other files there
/// are hand-made (`hostile-*`, `stored-*`: `write_hand_made_seeds`).
#[test]
fn update_customer_corpus_is_generated_from_the_table() {
    corpus::check_generated(Juice::TARGET, seeds::<Juice>("update_customer.json"));
}

/// The `profile_update` seeds are the cases of both tables (byte 0: 0 billing, 1
/// account; stored customer 0; `now` a day after its creation; the case's patch).
#[test]
fn profile_update_corpus_is_generated_from_the_tables() {
    let mut generated = seeds::<Billing>("update_billing_customer.json");
    generated.extend(seeds::<Account>("update_account_customer.json"));
    corpus::check_generated(Billing::TARGET, generated);
}

#[test]
fn update_customer_corpus() {
    corpus::replay(Juice::TARGET, 40, Juice::check_input);
}

#[test]
fn profile_update_corpus() {
    corpus::replay(Billing::TARGET, 40, update_props::check_profile_update);
}

// Properties over generated customers: one set, run for each profile.

/// What the properties generate for a profile.
trait Generated: Profile {
    /// Bodies that change nothing on any customer, as `{}` does.
    const EMPTY_BODIES: &'static [&'static str];
    /// A stored customer and a `now` not before its creation.
    fn customer_at() -> impl Strategy<Value = (Self::Customer, Timestamp)>;
    /// A stored customer, another state of it (its id and `created_at`; `None` when no
    /// merge patch can reach it), and `now`.
    fn two_states() -> impl Strategy<Value = (Self::Customer, Option<Self::Customer>, Timestamp)>;
    /// A patch body: members of the customer (and others) with values valid or not.
    fn patch_body() -> impl Strategy<Value = Map<String, Value>>;
}

impl Generated for Juice {
    const EMPTY_BODIES: &'static [&'static str] = &[r#"{"billing_address":{}}"#];
    fn customer_at() -> impl Strategy<Value = (Customer, Timestamp)> {
        (strategy::customer(), strategy::timestamp()).prop_map(|(c, t)| {
            let now = t.max(c.created_at());
            (c, now)
        })
    }
    fn two_states() -> impl Strategy<Value = (Customer, Option<Customer>, Timestamp)> {
        (Self::customer_at(), strategy::create_customer()).prop_map(|((c, now), fields)| {
            let c2 = Customer::new(c.id(), fields, c.created_at());
            (c, Some(c2), now)
        })
    }
    fn patch_body() -> impl Strategy<Value = Map<String, Value>> {
        let top: &'static [&'static str] = &[
            "id",
            "first_name",
            "last_name",
            "email",
            "phone_number",
            "billing_address",
            "created_at",
            "updated_at",
            "nickname",
        ];
        let address: &'static [&'static str] = &[
            "line1", "line2", "city", "state", "zip_code", "country", "zipcode",
        ];
        (
            members(top, juice_value(), 0..6),
            prop::collection::vec((prop::sample::select(address), juice_value()), 0..4),
        )
            .prop_map(|(mut body, address)| {
                if !address.is_empty() {
                    let nested = address
                        .into_iter()
                        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
                        .collect();
                    body.insert("billing_address".to_owned(), Value::Object(nested));
                }
                body
            })
    }
}

impl Generated for Billing {
    const EMPTY_BODIES: &'static [&'static str] = &[r#"{"metadata":{}}"#];
    fn customer_at() -> impl Strategy<Value = (BillingCustomer, Timestamp)> {
        within_days::<Self>(strategy::billing_customer())
    }
    fn two_states() -> impl Strategy<Value = (BillingCustomer, Option<BillingCustomer>, Timestamp)>
    {
        (Self::customer_at(), strategy::create_billing_customer()).prop_map(|((c, now), fields)| {
            let rules = c.payment_rules().cloned();
            let c2 = BillingCustomer::new(c.id(), fields, rules, c.created_at());
            (c, Some(c2), now)
        })
    }
    fn patch_body() -> impl Strategy<Value = Map<String, Value>> {
        let names: &'static [&'static str] = &[
            "id",
            "reference",
            "name",
            "phone_number",
            "currency",
            "balance",
            "payment_rules",
            "metadata",
            "created_at",
            "updated_at",
            "nickname",
        ];
        let value = prop_oneof![
            Just(Value::Null),
            Just(json!("")),
            Just(json!(2000)),
            Just(json!(-1.5)),
            Just(json!("ZAR")),
            Just(json!("+27123456789")),
            "\\PC{0,12}".prop_map(Value::from),
            metadata().prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k, Value::from(v))).collect()
            )),
            Just(json!({"order_id": null, "x": "y"})),
        ];
        members(names, value.prop_map(Some), 0..6)
    }
}

impl Generated for Account {
    const EMPTY_BODIES: &'static [&'static str] = &[];
    fn customer_at() -> impl Strategy<Value = (AccountCustomer, Timestamp)> {
        within_days::<Self>(strategy::account_customer())
    }
    fn two_states() -> impl Strategy<Value = (AccountCustomer, Option<AccountCustomer>, Timestamp)>
    {
        (Self::customer_at(), strategy::create_account_customer()).prop_map(|((c, now), fields)| {
            let c2 = expressible(fields.custom_data())
                .then(|| AccountCustomer::new(c.id(), fields, c.created_at()));
            (c, c2, now)
        })
    }
    fn patch_body() -> impl Strategy<Value = Map<String, Value>> {
        let names: &'static [&'static str] = &[
            "id",
            "name",
            "email",
            "phone",
            "address",
            "payment_method",
            "created_at",
            "updated_at",
            "status",
            "custom_data",
            "nickname",
        ];
        let value = prop_oneof![
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
        ];
        members(names, value.prop_map(Some), 0..6)
    }
}

/// A customer and a `now` up to about 11 days after its creation.
fn within_days<P: Profile>(
    customers: impl Strategy<Value = P::Customer>,
) -> impl Strategy<Value = (P::Customer, Timestamp)> {
    (customers, 0i64..1_000_000).prop_map(|(c, seconds)| {
        let now = later(P::created_at(&c), seconds);
        (c, now)
    })
}

/// An object of up to `len` members named from `names` (`None`: left out).
fn members(
    names: &'static [&'static str],
    value: impl Strategy<Value = Option<Value>>,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = Map<String, Value>> {
    let name = prop::sample::select(names);
    prop::collection::vec((name, value), len).prop_map(|members| {
        members
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect()
    })
}

/// A member of a generated Juice patch: absent, null, a string, another type or an object.
fn juice_value() -> impl Strategy<Value = Option<Value>> {
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

fn custom_data() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (
            prop::sample::select(&["a", "b", "c", "d\"q", "e"][..]),
            json_value(2, "[a-c]{1,2}"),
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
fn touched<P: Profile>(c: &P::Customer, now: Timestamp) -> Value {
    let mut json = serde_json::to_value(c).unwrap();
    json["updated_at"] = json!(P::stamp(now));
    json
}

/// The diff of two states of a customer applies to the first to give the second (with
/// `updated_at = now`; metadata in order, `custom_data` byte for byte), and the same
/// through JSON, as a client would send it.
fn diff_gives_the_other<P: Profile>(
    c: &P::Customer,
    c2: Option<P::Customer>,
    now: Timestamp,
) -> Result<(), TestCaseError> {
    let Some(c2) = c2 else {
        return Err(TestCaseError::reject("no merge patch reaches it"));
    };
    let patch = P::diff(c, &c2);
    let updated = P::apply(&patch, c, now).unwrap();
    prop_assert_eq!(
        serde_json::to_value(&updated).unwrap(),
        touched::<P>(&c2, now)
    );
    prop_assert_eq!(P::keys(&updated), P::keys(&c2));
    prop_assert_eq!(P::kept_text(&updated), P::kept_text(&c2));
    let body = serde_json::to_vec(&patch).unwrap();
    prop_assert_eq!(P::merge_patch(c, &body, now).unwrap(), updated);
    prop_assert_eq!(P::from_json(&body).unwrap(), patch);
    Ok(())
}

/// The empty patch (the diff of a customer with itself, `{}`, and the profile's
/// `EMPTY_BODIES`) changes only `updated_at`.
fn empty_patch_changes_only_updated_at<P: Generated>(
    c: &P::Customer,
    now: Timestamp,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(P::diff(c, c), P::Patch::default());
    let updated = P::apply(&P::from_json(b"{}").unwrap(), c, now).unwrap();
    prop_assert_eq!(
        serde_json::to_value(&updated).unwrap(),
        touched::<P>(c, now)
    );
    prop_assert!(P::same_fields(&updated, c));
    for body in P::EMPTY_BODIES {
        prop_assert_eq!(&P::merge_patch(c, body.as_bytes(), now).unwrap(), &updated);
    }
    Ok(())
}

/// A generated body as the profile's fuzz target reads it, through its checks.
fn any_patch<P: Profile>(pick: u8, shift: u8, body: &Map<String, Value>) {
    let mut data = P::TAG.to_vec();
    data.extend([pick, shift]);
    data.extend(serde_json::to_vec(body).unwrap());
    P::check_input(&data);
}

/// The properties of a profile, under the given test names.
macro_rules! properties {
    ($profile:ty: $diff:ident, $empty:ident, $any:ident) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn $diff((c, c2, now) in <$profile>::two_states()) {
                diff_gives_the_other::<$profile>(&c, c2, now)?;
            }

            #[test]
            fn $empty((c, now) in <$profile>::customer_at()) {
                empty_patch_changes_only_updated_at::<$profile>(&c, now)?;
            }

            #[test]
            fn $any(pick in any::<u8>(), shift in any::<u8>(), body in <$profile>::patch_body()) {
                any_patch::<$profile>(pick, shift, &body);
            }
        }
    };
}

properties!(Juice: apply_of_the_diff_gives_the_other_customer,
    the_empty_patch_changes_only_updated_at, any_patch_keeps_every_property);
properties!(Billing: billing_apply_of_the_diff_gives_the_other_customer,
    billing_empty_patch_changes_only_updated_at, billing_any_patch_keeps_every_property);
properties!(Account: account_apply_of_the_diff_gives_the_other_customer,
    account_empty_patch_changes_only_updated_at, account_any_patch_keeps_every_property);

// Juice's own.

/// A version is a quoted ETag that follows the content: equal for equal customers,
/// another one after any update (`updated_at` included).
#[test]
fn version_changes_with_every_update_and_only_then() {
    let table = cases::table("update_customer.json");
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
/// from the table and checked by `tests/create.rs`). Rewrite with
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
