//! The native side of "one behaviour, two targets": runs the case table
//! `tests/data/create_customer.json` through the same function the WASM export calls,
//! compiled for this machine, and prints one JSON line per case:
//! `{"name": …, "result": "<the answer as JSON text>"}`. The node test
//! (wasm/tests/cases.test.mjs, with NATIVE_CASES=<this output>) requires the WASM answer
//! to be the same text.
//!
//! Bodies are built as tests/create.rs builds them (serde_json's `Value`, keys
//! sorted), and the node test builds the same text.

use std::fmt::Write as _;

use customer_core_wasm::validate_create_customer_str;
use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/data/create_customer.json".to_owned());
    let table: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let base = &table["base"];
    let mut out = String::new();
    for case in table["cases"].as_array().ok_or("no cases")? {
        let name = case["name"].as_str().ok_or("no name")?;
        let Some(body) = body(base, case)? else {
            continue;
        };
        let result = serde_json::to_string(&validate_create_customer_str(&body))?;
        let line = serde_json::json!({ "name": name, "result": result });
        writeln!(out, "{line}")?;
    }
    print!("{out}");
    Ok(())
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn parent<'a>(doc: &'a mut Value, pointer: &str) -> Option<(&'a mut Value, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((doc.pointer_mut(parent)?, unescape(last)))
}

/// The body of a case, or `None` for raw bytes that are not UTF-8 (not a JS string).
fn body(base: &Value, case: &Value) -> Result<Option<String>, Box<dyn std::error::Error>> {
    if let Some(raw) = case.get("raw").and_then(Value::as_str) {
        return Ok(Some(raw.to_owned()));
    }
    if case.get("raw_hex").is_some() {
        return Ok(None);
    }
    // [text, times] pairs, `{i}` replaced by the repetition's index (tests/data/README.md).
    if let Some(parts) = case.get("raw_parts").and_then(Value::as_array) {
        let mut text = String::new();
        for part in parts {
            let piece = part[0].as_str().ok_or("raw_parts: [text, times]")?;
            let times = part[1].as_u64().ok_or("raw_parts: [text, times]")?;
            for i in 0..times {
                text.push_str(&piece.replace("{i}", &i.to_string()));
            }
        }
        return Ok(Some(text));
    }
    let mut doc = case.get("body").cloned().unwrap_or_else(|| base.clone());
    for p in case
        .get("remove")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (parent, last) = parent(&mut doc, p.as_str().ok_or("pointer")?).ok_or("parent")?;
        parent.as_object_mut().ok_or("object")?.remove(&last);
    }
    for (p, v) in case
        .get("set")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let (parent, last) = parent(&mut doc, p).ok_or("parent")?;
        parent
            .as_object_mut()
            .ok_or("object")?
            .insert(last, v.clone());
    }
    let mut text = serde_json::to_string(&doc)?;
    if let Some(n) = case.get("pad_to").and_then(Value::as_u64) {
        while text.len() < usize::try_from(n)? {
            text.push(' ');
        }
    }
    Ok(Some(text))
}
