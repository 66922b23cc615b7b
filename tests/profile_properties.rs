//! Property tests for the billing (spec 002) and account (spec 003) profiles: valid
//! requests from the exported strategies (`customer_core::strategy`) validate and
//! round-trip; ids made from any time and random bytes parse
//! back and sort by time; any input never panics. Also replays the fuzz corpora of both
//! request types through the fuzz targets' checks.

#[path = "support/profile_props.rs"]
mod profile_props;

use customer_core::{
    Currency, FullName, JsonObject, Reference, Timestamp,
    account::{AccountCustomerId, CreateAccountCustomer, PaymentMethodId},
    billing::{BillingCustomerId, CreateBillingCustomer},
    strategy,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Any JSON value at most `depth` deep, with few members.
fn json_value(depth: u32) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        "[ -~é\u{1F600}]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(depth, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{1,8}", inner), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// The TypeID suffix of a 128-bit value (the specification's encoding, written out
/// independently of the library's).
fn typeid_suffix(v: u128) -> String {
    const A: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    (0..26)
        .rev()
        .map(|i| A[((v >> (i * 5)) & 31) as usize] as char)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_billing_requests_validate_and_round_trip(request in strategy::create_billing_customer()) {
        let bytes = serde_json::to_vec(&request).unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        let parsed = CreateBillingCustomer::from_json(&bytes);
        prop_assert!(parsed.is_ok(), "{body}: {}", parsed.unwrap_err());
        let parsed = parsed.unwrap();
        prop_assert_eq!(parsed.balance(), body["balance"].as_i64());
        prop_assert_eq!(parsed.currency().map(|c| c.as_str().to_owned()), body["currency"].as_str().map(str::to_owned));
        prop_assert_eq!(parsed.metadata().len(), body["metadata"].as_object().map_or(0, Map::len));
        prop_assert_eq!(&parsed, &request);
        profile_props::check_billing_customer(&bytes);
    }

    #[test]
    fn generated_account_requests_validate_and_round_trip(request in strategy::create_account_customer()) {
        let bytes = serde_json::to_vec(&request).unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        let parsed = CreateAccountCustomer::from_json(&bytes);
        prop_assert!(parsed.is_ok(), "{body}: {}", parsed.unwrap_err());
        let parsed = parsed.unwrap();
        // custom_data is kept exactly as sent, byte for byte.
        let sent = request.custom_data().map(|c| c.as_str().to_owned());
        prop_assert_eq!(parsed.custom_data().map(|c| c.as_str().to_owned()), sent);
        prop_assert_eq!(parsed.status().as_str(), body["status"].as_str().unwrap_or("active"));
        prop_assert_eq!(&parsed, &request);
        profile_props::check_account_customer(&bytes);
    }

    #[test]
    fn any_balance_number_is_read_exactly_or_refused(n in any::<i64>(), f in any::<f64>()) {
        let body = format!(r#"{{"name":"Acme","currency":"ZAR","balance":{n}}}"#);
        prop_assert_eq!(CreateBillingCustomer::from_json(body.as_bytes()).unwrap().balance(), Some(n));
        if f.is_finite() {
            let body = format!(r#"{{"name":"Acme","currency":"ZAR","balance":{f:?}}}"#);
            let code = CreateBillingCustomer::from_json(body.as_bytes()).unwrap_err().as_slice()[0].code();
            prop_assert!(matches!(code.as_str(), "not_an_integer" | "out_of_range"), "{f:?}: {code}");
        }
    }

    #[test]
    fn made_ids_parse_back_and_sort_by_time(
        a in 0i64..253_402_300_799_000, b in 0i64..253_402_300_799_000,
        ra in any::<[u8; 10]>(), rb in any::<[u8; 10]>(),
    ) {
        let t = |ms: i64| Timestamp::from_offset_date_time(
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap()).unwrap();
        let (ia, ib) = (AccountCustomerId::new(t(a), ra).unwrap(), AccountCustomerId::new(t(b), rb).unwrap());
        prop_assert_eq!(AccountCustomerId::parse(&ia.to_string()).unwrap(), ia);
        prop_assert_eq!(ia.created_at(), Some(t(a)));
        let (ba, bb) = (BillingCustomerId::new(t(a), ra).unwrap(), BillingCustomerId::new(t(b), rb).unwrap());
        prop_assert_eq!(BillingCustomerId::parse(ba.as_str()).unwrap(), ba);
        if a < b {
            prop_assert!(ia.to_string() < ib.to_string() && ia < ib);
            prop_assert!(ba.as_str() < bb.as_str());
        }
    }

    #[test]
    fn typeids_parse_only_their_own_spelling(v in any::<u128>(), s in "[a-z_]{0,5}[0-9a-zA-Z_]{20,30}") {
        // Every 128-bit value has exactly one spelling, and it parses.
        let id = format!("card_{}", typeid_suffix(v));
        let pm = PaymentMethodId::parse(&id).unwrap();
        prop_assert_eq!(pm.as_str(), id.as_str());
        let cus = AccountCustomerId::parse(&format!("cus_{}", typeid_suffix(v))).unwrap();
        prop_assert_eq!(cus.as_uuid().as_u128(), v);
        if let Ok(p) = PaymentMethodId::parse(&s) { prop_assert_eq!(p.as_str(), s.as_str()); }
        if let Ok(c) = AccountCustomerId::parse(&s) { prop_assert_eq!(c.to_string(), s.clone()); }
        if let Ok(b) = BillingCustomerId::parse(&s) { prop_assert_eq!(b.as_str(), s.as_str()); }
    }

    #[test]
    fn field_rules_are_idempotent(s in prop_oneof![any::<String>(), "\\PC{0,40}", "[A-Za-z &.'-]{0,20}", "[A-Za-z]{3}"]) {
        if let Ok(v) = FullName::parse(&s) { prop_assert_eq!(FullName::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = Reference::parse(&s) { prop_assert_eq!(Reference::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = Currency::parse(&s) { prop_assert_eq!(Currency::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = JsonObject::parse(&s) { prop_assert_eq!(JsonObject::parse(v.as_str()).unwrap(), v); }
    }

    #[test]
    fn custom_data_of_any_shape_is_kept_or_refused(data in json_value(6)) {
        let text = serde_json::to_string(&data).unwrap();
        match JsonObject::parse(&text) {
            Ok(kept) => prop_assert_eq!(kept.as_str(), text.as_str()),
            Err(e) => prop_assert!(matches!(e.code().as_str(), "invalid_type" | "too_large")),
        }
        let body = format!(r#"{{"name":"Acme","email":"a@b.io","custom_data":{text}}}"#);
        profile_props::check_account_customer(body.as_bytes());
    }

    #[test]
    fn any_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        profile_props::check_billing_customer(&data);
        profile_props::check_account_customer(&data);
    }
}

#[path = "support/cases.rs"]
mod cases;
#[path = "support/corpus.rs"]
mod corpus;

/// The seed corpora are the bodies of the profile case tables (one table feeds the tests
/// and the fuzzer); cases padded to a size are left out.
#[test]
fn profile_corpus_is_generated_from_the_tables() {
    for (table, target) in [
        ("billing_customer.json", "billing_customer"),
        ("account_customer.json", "account_customer"),
    ] {
        let table = cases::table(table);
        let cases = table["cases"].as_array().expect("cases").iter();
        let unpadded = cases.filter(|case| case.get("pad_to").is_none());
        corpus::check_cases(target, unpadded, |case| cases::body(&table["base"], case));
    }
}

#[test]
fn billing_customer_corpus() {
    corpus::replay("billing_customer", 5, profile_props::check_billing_customer);
}

#[test]
fn account_customer_corpus() {
    corpus::replay("account_customer", 5, profile_props::check_account_customer);
}
