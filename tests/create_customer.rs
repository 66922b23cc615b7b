//! Runs the case tables `tests/data/create_customer.json` and `tests/data/customer.json`
//! (format in tests/data/README.md).

mod support;

use support::cases;

use cases::table;
use customer_core::{CreateCustomer, Customer, ErrorCode};
use serde_json::Value;

#[test]
fn create_customer_cases() {
    let table = table("create_customer.json");
    cases::run(&table["base"], &table["cases"], |b| {
        CreateCustomer::from_json(b).map(|r| serde_json::to_value(r).expect("serialize"))
    });
}

#[test]
fn customer_cases() {
    let table = table("customer.json");
    cases::run(&table["base"], &table["cases"], |b| {
        Customer::from_json(b).map(|c| serde_json::to_value(c).expect("serialize"))
    });
}

/// Every error code is asserted by some case under tests/data: the codes are read from
/// the cases' expected errors (`expect.errors` as `[pointer, code]` pairs, or objects with
/// a `code`), never from free text, so a code named only in a title does not count.
#[test]
fn every_error_code_is_exercised() {
    fn expected_codes(value: &Value, found: &mut std::collections::BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    if key == "errors"
                        && let Some(list) = v.as_array()
                    {
                        for e in list {
                            let code = match e {
                                Value::Array(pair) => pair.get(1),
                                Value::Object(o) => o.get("code"),
                                _ => None,
                            };
                            found.extend(code.and_then(Value::as_str).map(str::to_owned));
                        }
                    }
                    expected_codes(v, found);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| expected_codes(v, found)),
            _ => {}
        }
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let mut found = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("tests/data") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("read");
            let value: Value = serde_json::from_str(&text).expect("a case table is JSON");
            expected_codes(&value, &mut found);
        }
    }
    for code in &found {
        assert!(
            code.parse::<ErrorCode>().is_ok(),
            "a case expects `{code}`, which is not a code of the crate"
        );
    }
    let missing: Vec<&str> = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !found.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes no case in tests/data expects: {missing:?}"
    );
}

/// The README's table of error codes lists exactly the codes the crate has.
#[test]
fn readme_codes_match_the_crate() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let section = readme
        .split("\n## Error codes")
        .nth(1)
        .expect("an Error codes section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut listed: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(code, _)| code))
        .filter(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .collect();
    listed.sort_unstable();
    listed.dedup();
    let mut codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(listed, codes);
}
