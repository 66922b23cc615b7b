//! The `validate` example, tested through its own `run` function (the example file is
//! compiled into this test, so no process is spawned and nothing is rebuilt).
//!
//! The committed sample (`examples/data/customers.ndjson`) must get exactly the verdicts
//! of `tests/data/sample_expectations.json`, which `examples/data/generate.py` writes
//! from the intent of each record, not from the library's output.

use std::io::{self, Read, Write};
use std::sync::OnceLock;

use customer_core::MAX_BODY_BYTES;
use serde::Deserialize;
use serde_json::Value;

#[allow(dead_code)]
#[path = "../examples/validate.rs"]
mod validate;

use validate::{Stop, Summary, run};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/customers.ndjson"
);
const EXPECTATIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/sample_expectations.json"
);

#[derive(Deserialize)]
struct Expectation {
    line: u64,
    valid: bool,
    #[serde(default)]
    errors: Vec<(String, String)>,
}

/// Runs the job over `input`; returns the parsed output lines and the summary.
fn run_on(input: &[u8]) -> (Vec<Value>, Summary) {
    let mut out = Vec::new();
    let mut summary = Summary::default();
    run(input, &mut out, &mut summary).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.is_empty() || text.ends_with('\n'));
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines, summary)
}

/// The sample's verdicts, computed once for every test that needs them.
fn sample() -> &'static (Vec<Value>, Summary) {
    static SAMPLE_RUN: OnceLock<(Vec<Value>, Summary)> = OnceLock::new();
    SAMPLE_RUN.get_or_init(|| run_on(&std::fs::read(SAMPLE).unwrap()))
}

/// The sorted (pointer, code) pairs of an output line.
fn errors_of(verdict: &Value) -> Vec<(String, String)> {
    let mut errors: Vec<(String, String)> = verdict["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    assert!(!e["detail"].as_str().unwrap().is_empty(), "{e}");
                    (
                        e["pointer"].as_str().unwrap().to_owned(),
                        e["code"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    errors.sort();
    errors
}

#[test]
fn sample_verdicts_match_the_expectations() {
    let expectations: Vec<Expectation> =
        serde_json::from_str(&std::fs::read_to_string(EXPECTATIONS).unwrap()).unwrap();
    let (verdicts, summary) = sample();

    assert_eq!(verdicts.len(), expectations.len());
    for (verdict, expected) in verdicts.iter().zip(&expectations) {
        assert_eq!(verdict["line"], expected.line, "{verdict}");
        assert_eq!(
            verdict["valid"], expected.valid,
            "line {}: {verdict}",
            expected.line
        );
        assert_eq!(
            verdict["customer"].is_object(),
            expected.valid,
            "line {}",
            expected.line
        );
        let mut want = expected.errors.clone();
        want.sort();
        assert_eq!(
            errors_of(verdict),
            want,
            "line {}: {verdict}",
            expected.line
        );
    }

    let valid = expectations.iter().filter(|e| e.valid).count() as u64;
    assert_eq!(summary.records, expectations.len() as u64);
    assert_eq!(
        (summary.valid, summary.invalid),
        (valid, summary.records - valid)
    );
    // Every code a request body can produce is in the sample (payload_too_large aside,
    // see `overlong_lines_are_payload_too_large`).
    for code in [
        "invalid_json",
        "invalid_type",
        "unknown_field",
        "duplicate_field",
        "required",
        "too_long",
        "invalid_characters",
        "invalid_email",
        "invalid_phone_format",
        "invalid_phone_number",
        "phone_country_mismatch",
        "invalid_country",
    ] {
        assert!(
            summary.codes.get(code).is_some_and(|n| *n > 0),
            "no {code} in the sample"
        );
    }
}

#[test]
fn sample_has_the_spec_records() {
    let (verdicts, _) = sample();
    // Line 1 is spec 000's example, valid and unchanged by normalization.
    let spec_000: Value = serde_json::json!({
        "first_name": "John", "last_name": "Doe", "email": "john.doe@example.com",
        "phone_number": "+2348012345678",
        "billing_address": {"line1": "123 Test Lane", "line2": "Suite 456", "city": "Lagos",
                            "state": "Lagos", "zip_code": "100001", "country": "NG"}
    });
    assert_eq!(verdicts[0]["line"], 1);
    assert_eq!(verdicts[0]["customer"], spec_000);
    let messages: Vec<String> = verdicts
        .iter()
        .flat_map(|v| v["errors"].as_array().cloned().unwrap_or_default())
        .map(|e| e["detail"].as_str().unwrap().to_owned())
        .collect();
    // Spec 001's first customer and spec 003's Tanzanian record.
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("+2348012345678 belongs to Nigeria (NG) and is not valid"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m == "`Tanzania` is not an ISO 3166-1 alpha-2 code; did you mean `TZ`?")
    );
    assert!(
        messages
            .iter()
            .any(|m| m == "`+2557881234567` is not a valid phone number")
    );
}

const VALID: &str = r#"{"first_name":"Ngozi","last_name":"Eze","email":"ngozi@example.ng","phone_number":"+2348031234567","billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#;

#[test]
fn blank_lines_crlf_and_a_missing_final_newline() {
    let input = format!("\n{VALID}\r\n   \t\r\n\r\n{VALID}");
    let (verdicts, summary) = run_on(input.as_bytes());
    let lines: Vec<_> = verdicts
        .iter()
        .map(|v| (v["line"].as_u64().unwrap(), v["valid"].as_bool().unwrap()))
        .collect();
    assert_eq!(lines, [(2, true), (5, true)]);
    assert_eq!((summary.records, summary.valid, summary.invalid), (2, 2, 0));
    assert_eq!(run_on(b"").1, Summary::default());
}

#[test]
fn bad_lines_are_records_and_never_stop_the_run() {
    let latin1 = VALID.replace("Ngozi", "Ngoz\u{ef}").into_bytes();
    let latin1: Vec<u8> = String::from_utf8(latin1)
        .unwrap()
        .chars()
        .map(|c| c as u8)
        .collect();
    let mut input = Vec::new();
    for line in [
        &b"{\"first_name\": "[..],
        &latin1,
        b"\xff\xfe",
        b"[]",
        VALID.as_bytes(),
    ] {
        input.extend_from_slice(line);
        input.push(b'\n');
    }
    let (verdicts, summary) = run_on(&input);
    let codes: Vec<_> = verdicts.iter().map(errors_of).collect();
    let doc = |code: &str| vec![(String::new(), code.to_owned())];
    assert_eq!(
        codes,
        [
            doc("invalid_json"),
            doc("invalid_json"),
            doc("invalid_json"),
            doc("invalid_type"),
            vec![]
        ]
    );
    assert_eq!((summary.valid, summary.invalid), (1, 4));
    assert_eq!(summary.codes.get("invalid_json"), Some(&3));
}

#[test]
fn overlong_lines_are_payload_too_large() {
    // Just over the limit, and far over it (kept in memory only up to the limit).
    for len in [MAX_BODY_BYTES + 1, 3 * MAX_BODY_BYTES + 17] {
        let long = format!("{{\"first_name\":\"{}\"}}", "a".repeat(len));
        let input = format!("{long}\n{VALID}\n");
        let (verdicts, _) = run_on(input.as_bytes());
        assert_eq!(
            errors_of(&verdicts[0]),
            [(String::new(), "payload_too_large".to_owned())]
        );
        assert_eq!(
            (verdicts[1]["line"].as_u64(), verdicts[1]["valid"].as_bool()),
            (Some(2), Some(true))
        );
    }
    // A line of exactly MAX_BODY_BYTES is read whole (and is valid JSON, just not a
    // valid request).
    let pad = MAX_BODY_BYTES - VALID.len();
    let exact = VALID.replacen('{', &format!("{{{}", " ".repeat(pad)), 1);
    assert_eq!(exact.len(), MAX_BODY_BYTES);
    assert_eq!(run_on(exact.as_bytes()).0[0]["valid"], true);
    assert_eq!(
        run_on(format!("{exact}\r\n").as_bytes()).0[0]["valid"],
        true
    );
    // A `\r` that happens to be the last byte kept of a cut line is not a line end.
    let cut = run_on(format!("{exact}\rx\n").as_bytes()).0;
    assert_eq!(
        errors_of(&cut[0]),
        [(String::new(), "payload_too_large".to_owned())]
    );
}

/// Yields `data`, then fails.
struct FailingReader<'a>(&'a [u8]);

impl Read for FailingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0.is_empty() {
            return Err(io::Error::other("disk on fire"));
        }
        let n = self.0.read(buf)?;
        Ok(n)
    }
}

/// Accepts `room` bytes, then fails with `kind`.
struct FailingWriter(usize, io::ErrorKind);

impl Write for FailingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.0 == 0 {
            return Err(self.1.into());
        }
        let n = buf.len().min(self.0);
        self.0 -= n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn read_and_write_failures() {
    let input = format!("{VALID}\n{VALID}\n");
    let reader = io::BufReader::with_capacity(16, FailingReader(input.as_bytes()));
    let mut out = Vec::new();
    let mut summary = Summary::default();
    assert!(matches!(
        run(reader, &mut out, &mut summary),
        Err(Stop::Read(_))
    ));
    assert_eq!(
        summary.records, 2,
        "records before the failure are still reported"
    );
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);

    let mut summary = Summary::default();
    let closed = FailingWriter(10, io::ErrorKind::BrokenPipe);
    assert!(matches!(
        run(input.as_bytes(), closed, &mut summary),
        Err(Stop::BrokenPipe)
    ));
    let full = FailingWriter(0, io::ErrorKind::StorageFull);
    assert!(matches!(
        run(input.as_bytes(), full, &mut summary),
        Err(Stop::Write(_))
    ));
}
