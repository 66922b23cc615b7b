//! The native side of "one behaviour, two targets": runs the case table
//! `tests/data/create_customer.json` through the same function the WASM export calls,
//! compiled for this machine, and prints one JSON line per case:
//! `{"name": …, "body": "<the request body>", "result": "<the answer as JSON text>"}`.
//! The node test (wasm/tests/cases.test.mjs) sends each `body` to the WASM package and
//! requires the same `result` text.
//!
//! Bodies come from the integration tests' one case-body builder
//! (`tests/support/cases.rs`), so the native tests, the fuzz seeds and the browser
//! package read every case the same way. Cases whose bytes are not UTF-8 are left out:
//! a JS string cannot carry them.

#[path = "../../tests/support/cases.rs"]
mod cases;

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
        let Ok(body) = String::from_utf8(cases::body(base, case)) else {
            continue;
        };
        let result = serde_json::to_string(&validate_create_customer_str(&body))?;
        let line = serde_json::json!({ "name": name, "body": body, "result": result });
        writeln!(out, "{line}")?;
    }
    print!("{out}");
    Ok(())
}
