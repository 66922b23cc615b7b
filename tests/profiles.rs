//! The billing (spec 002) and account (spec 003) profiles: their case tables
//! (`tests/data/billing_customer.json`, `tests/data/account_customer.json`), the spec
//! examples, the response shapes and the 409 conflict.

#[path = "support/cases.rs"]
mod cases;

use customer_core::{
    JsonObject, Timestamp,
    account::{AccountCustomer, AccountCustomerId, CreateAccountCustomer},
    billing::{BillingCustomer, BillingCustomerId, CreateBillingCustomer},
};
use serde_json::Value;

#[test]
fn billing_customer_cases() {
    let table = cases::table("billing_customer.json");
    cases::run(&table["base"], &table["cases"], |b| {
        CreateBillingCustomer::from_json(b).map(|r| serde_json::to_value(r).expect("serialize"))
    });
}

#[test]
fn account_customer_cases() {
    let table = cases::table("account_customer.json");
    cases::run(&table["base"], &table["cases"], |b| {
        CreateAccountCustomer::from_json(b).map(|r| serde_json::to_value(r).expect("serialize"))
    });
}

#[test]
fn account_customer_response_cases() {
    let table = cases::table("account_customer.json");
    cases::run(&table["base"], &table["response_cases"], |b| {
        AccountCustomer::from_json(b).map(|r| serde_json::to_value(r).expect("serialize"))
    });
}

/// Spec 003's request, corrected (`TZ`, a 12-digit Tanzanian number), with spec 003's id
/// and time passed in, serializes byte for byte as spec 003's response, corrected the
/// same way; and reads back to itself.
#[test]
fn corrected_spec_003_request_serializes_as_its_response() {
    let table = cases::table("account_customer.json");
    let response = &table["response"];
    let body = serde_json::to_vec(&table["base"]).expect("base");
    let request = CreateAccountCustomer::from_json(&body).expect("the corrected request is valid");
    let id: AccountCustomerId = response["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("spec id");
    let now = Timestamp::parse(response["now"].as_str().expect("now")).expect("time");
    let customer = AccountCustomer::new(id, request, now);
    let json = serde_json::to_string(&customer).expect("serialize");
    assert_eq!(json, response["json"].as_str().expect("json"));
    let back: AccountCustomer = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, customer);
}

#[test]
fn duplicate_email_conflicts() {
    let table = cases::table("account_customer.json");
    let body = serde_json::to_vec(&table["base"]).expect("base");
    let request = CreateAccountCustomer::from_json(&body).expect("valid");
    for case in table["conflicts"].as_array().expect("conflicts") {
        let existing = case["existing"]
            .as_str()
            .map(|s| s.parse::<AccountCustomerId>().expect("id"));
        let expect = &case["expect"];
        match request.check_email_unique(existing) {
            Ok(()) => assert!(expect["status"].is_null(), "{}", case["name"]),
            Err(conflict) => {
                assert_eq!(Some(conflict.existing()), existing);
                let problem = serde_json::to_value(conflict.to_problem()).expect("problem");
                assert_eq!(problem["status"], expect["status"]);
                assert_eq!(problem["type"], expect["type"]);
                let got: Vec<Value> = problem["errors"]
                    .as_array()
                    .expect("errors")
                    .iter()
                    .map(|e| Value::from(vec![e["pointer"].clone(), e["code"].clone()]))
                    .collect();
                assert_eq!(Value::from(got), expect["errors"]);
                assert!(
                    !problem.to_string().contains("brighton"),
                    "echoes the email"
                );
            }
        }
    }
}

#[test]
fn custom_data_is_kept_exactly() {
    let body = br#"{"name":"Brighton Mboya","email":"brighton@jani.com",
        "custom_data": { "z" : 1.50, "a": [1e3, -0, "x\u0041"], "z": null }}"#;
    let request = CreateAccountCustomer::from_json(body).expect("valid");
    let kept = r#"{"z":1.50,"a":[1e3,-0,"x\u0041"],"z":null}"#;
    assert_eq!(request.custom_data().map(JsonObject::as_str), Some(kept));
    let json = serde_json::to_string(&request).expect("serialize");
    assert!(
        json.ends_with(&format!(r#""custom_data":{kept}}}"#)),
        "{json}"
    );
    let again = CreateAccountCustomer::from_json(json.as_bytes()).expect("re-validates");
    assert_eq!(again, request);
}

#[test]
fn billing_spec_002_round_trips_and_responds() {
    let table = cases::table("billing_customer.json");
    let body = serde_json::to_vec(&table["base"]).expect("base");
    let request = CreateBillingCustomer::from_json(&body).expect("spec 002 is valid");
    let json = serde_json::to_value(&request).expect("serialize");
    assert_eq!(json, table["base"]);
    let id: BillingCustomerId = "bcus_H4jp6KnU5cPw263v1jyz4".parse().expect("spec id");
    let now = Timestamp::parse("2024-09-01T15:00:00Z").expect("time");
    let customer = BillingCustomer::new(id, request, None, now);
    let text = serde_json::to_string(&customer).expect("serialize");
    assert_eq!(
        text,
        r#"{"id":"bcus_H4jp6KnU5cPw263v1jyz4","reference":"INV-2024-001","name":"John Doe","phone_number":"+27123456789","currency":"ZAR","balance":2000,"payment_rules":null,"metadata":{"customer_id":"cust_123456","order_id":"ord_789012"},"created_at":"2024-09-01T15:00:00Z","updated_at":"2024-09-01T15:00:00Z"}"#
    );
    let back: BillingCustomer = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back, customer);
    let bad = text.replace(
        "bcus_H4jp6KnU5cPw263v1jyz4",
        "cus_01h3vjs3b16yc3f9q8q9pfrb80",
    );
    let errors = BillingCustomer::from_json(bad.as_bytes()).expect_err("wrong id kind");
    assert_eq!(errors.as_slice()[0].pointer(), "/id");
    let rules = text.replace(r#""payment_rules":null"#, r#""payment_rules":[1]"#);
    let errors = BillingCustomer::from_json(rules.as_bytes()).expect_err("rules not an object");
    assert_eq!(errors.as_slice()[0].pointer(), "/payment_rules");
}

#[test]
fn ids_carry_time_and_sort() {
    let t1 = Timestamp::parse("2024-09-01T15:00:00.001Z").expect("t1");
    let t2 = Timestamp::parse("2024-09-01T15:00:00.002Z").expect("t2");
    let a = AccountCustomerId::new(t1, [0xff; 10]).expect("a");
    let b = AccountCustomerId::new(t2, [0; 10]).expect("b");
    assert!(a.to_string() < b.to_string());
    assert_eq!(a.created_at(), Some(t1));
    let x = BillingCustomerId::new(t1, [0xff; 10]).expect("x");
    let y = BillingCustomerId::new(t2, [0; 10]).expect("y");
    assert!(x.as_str() < y.as_str());
}

#[test]
fn serde_deserialize_goes_through_the_same_reader() {
    let table = cases::table("billing_customer.json");
    let text = serde_json::to_string(&table["base"]).expect("base");
    let via_serde: CreateBillingCustomer = serde_json::from_str(&text).expect("valid");
    assert_eq!(
        via_serde,
        CreateBillingCustomer::from_json(text.as_bytes()).expect("valid")
    );
    let err = serde_json::from_str::<CreateBillingCustomer>(r#"{"name":"","balance":"1"}"#)
        .expect_err("invalid")
        .to_string();
    assert!(err.contains("/name") && err.contains("/balance"), "{err}");

    let table = cases::table("account_customer.json");
    let text = serde_json::to_string(&table["base"]).expect("base");
    let via_serde: CreateAccountCustomer = serde_json::from_str(&text).expect("valid");
    assert_eq!(
        via_serde,
        CreateAccountCustomer::from_json(text.as_bytes()).expect("valid")
    );
    let err = serde_json::from_str::<CreateAccountCustomer>(r#"{"email":"x","status":"on"}"#)
        .expect_err("invalid")
        .to_string();
    assert!(err.contains("/name") && err.contains("/status"), "{err}");
}
