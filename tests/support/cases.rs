//! Reading the case tables of `tests/data/` (format in tests/data/README.md), shared by
//! the integration tests (`run`: every case against its expectation) and the fuzz corpus
//! generator.

#![allow(dead_code)] // each test binary uses the part it needs

use customer_core::ValidationErrors;
use serde_json::Value;

/// The `(pointer, code)` of every error, in order.
pub fn pointers_and_codes(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.code().as_str().to_owned()))
        .collect()
}

/// A case table by file name.
pub fn table(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("case table");
    serde_json::from_str(&text).expect("case table is JSON")
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Sets `pointer` in `doc` to `value`, creating the last token.
pub fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, last) = pointer.rsplit_once('/').expect("pointer");
    let target = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no parent for {pointer}"));
    target
        .as_object_mut()
        .expect("object")
        .insert(unescape(last), value);
}

/// Removes `pointer` from `doc`.
pub fn remove(doc: &mut Value, pointer: &str) {
    let (parent, last) = pointer.rsplit_once('/').expect("pointer");
    doc.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("parent")
        .remove(&unescape(last));
}

/// The request body a case describes.
pub fn body(base: &Value, case: &Value) -> Vec<u8> {
    if let Some(raw) = case.get("raw").and_then(Value::as_str) {
        return raw.as_bytes().to_vec();
    }
    if let Some(hex) = case.get("raw_hex").and_then(Value::as_str) {
        return (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
            .collect();
    }
    if let Some(parts) = case.get("raw_parts").and_then(Value::as_array) {
        let mut out = Vec::new();
        for part in parts {
            let text = part[0].as_str().expect("raw_parts: [text, times]");
            let times = part[1].as_u64().expect("raw_parts: [text, times]") as usize;
            for i in 0..times {
                out.extend(text.replace("{i}", &i.to_string()).into_bytes());
            }
        }
        return out;
    }
    let mut doc = case.get("body").cloned().unwrap_or_else(|| base.clone());
    for p in case
        .get("remove")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        remove(&mut doc, p.as_str().expect("pointer"));
    }
    for (p, v) in case
        .get("set")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        set(&mut doc, p, v.clone());
    }
    let mut bytes = serde_json::to_vec(&doc).expect("serialize");
    if let Some(n) = case.get("pad_to").and_then(Value::as_u64) {
        bytes.resize(n as usize, b' ');
    }
    bytes
}

/// Runs `cases` (built on `base`) through `parse`, which returns the serialized value of
/// a valid input; panics listing every failing case.
pub fn run(base: &Value, cases: &Value, parse: impl Fn(&[u8]) -> Result<Value, ValidationErrors>) {
    let cases = cases.as_array().expect("cases");
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let result = parse(&body(base, case));
        let expect = &case["expect"];
        match (&result, expect.get("valid")) {
            (Ok(json), Some(valid)) => {
                for (pointer, want) in valid.as_object().into_iter().flatten() {
                    if json.pointer(pointer) != Some(want) {
                        failures.push(format!(
                            "{name}: {pointer} is {:?}, want {want}",
                            json.pointer(pointer)
                        ));
                    }
                }
            }
            (Err(errors), None) => {
                let got = pointers_and_codes(errors);
                let want: Vec<(String, String)> = expect["errors"]
                    .as_array()
                    .expect("errors")
                    .iter()
                    .map(|p| {
                        (
                            p[0].as_str().expect("pointer").to_owned(),
                            p[1].as_str().expect("code").to_owned(),
                        )
                    })
                    .collect();
                if got != want {
                    failures.push(format!("{name}: got {got:?}, want {want:?}\n  {errors}"));
                }
                if let Some(message) = case.get("message").and_then(Value::as_str) {
                    let first = errors.iter().next().map(|e| e.detail()).unwrap_or("");
                    if first != message {
                        failures.push(format!("{name}: message {first:?}, want {message:?}"));
                    }
                }
            }
            (Ok(_), None) => failures.push(format!("{name}: valid, but errors were expected")),
            (Err(errors), Some(_)) => {
                failures.push(format!("{name}: expected valid, got {errors}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
