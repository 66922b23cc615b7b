//! Reading the case tables of `tests/data/` (format in tests/data/README.md), shared by
//! the integration tests and the fuzz corpus generator.

use serde_json::Value;

/// A case table by file name.
pub fn table(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("case table");
    serde_json::from_str(&text).expect("case table is JSON")
}

/// Sets `pointer` in `doc` to `value`, creating the last token.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, last) = pointer.rsplit_once('/').expect("pointer");
    let last = last.replace("~1", "/").replace("~0", "~");
    let target = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no parent for {pointer}"));
    target.as_object_mut().expect("object").insert(last, value);
}

fn remove(doc: &mut Value, pointer: &str) {
    let (parent, last) = pointer.rsplit_once('/').expect("pointer");
    doc.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("parent")
        .remove(last);
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
