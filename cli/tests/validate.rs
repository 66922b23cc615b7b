//! `customer-core validate`, run as a process on files.
//!
//! The committed sample (`examples/data/customers.ndjson`) must get exactly the verdicts
//! of `tests/data/sample_expectations.json`, which `examples/data/generate.py` writes
//! from the intent of each record, not from the library's output.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use customer_core::limits::MAX_BODY_BYTES;
use serde::Deserialize;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_customer-core");
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/customers.ndjson"
);
const EXPECTATIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/data/sample_expectations.json"
);

#[derive(Deserialize)]
struct Expectation {
    line: u64,
    valid: bool,
    #[serde(default)]
    errors: Vec<(String, String)>,
}

/// The `--summary json` object.
#[derive(Debug, Deserialize, PartialEq, Eq)]
struct Summary {
    records: u64,
    valid: u64,
    invalid: u64,
    codes: BTreeMap<String, u64>,
    bytes: u64,
    error: Option<String>,
}

/// A run of the tool: exit status, parsed verdict lines, parsed summary.
struct Run {
    status: i32,
    verdicts: Vec<Value>,
    summary: Summary,
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("validate")
        .args(args)
        .arg("--summary")
        .arg("json");
    command
}

fn parse(output: Output) -> Run {
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stdout.is_empty() || stdout.ends_with('\n'));
    let verdicts = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // No progress bar when stderr is not a terminal: the summary is all there is.
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let summary = serde_json::from_str(&stderr).unwrap();
    Run {
        status: output.status.code().unwrap(),
        verdicts,
        summary,
    }
}

/// Runs the tool on a file.
fn run_file(path: &Path, args: &[&str]) -> Run {
    let mut command = command(args);
    parse(command.arg(path).output().unwrap())
}

/// Writes `input` to a file of its own and runs the tool on it.
fn run_on(name: &str, input: &[u8], args: &[&str]) -> Run {
    let path = scratch(name);
    std::fs::write(&path, input).unwrap();
    run_file(&path, args)
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-validate");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The sample's verdicts, computed once for every test that needs them.
fn sample() -> &'static Run {
    static SAMPLE_RUN: OnceLock<Run> = OnceLock::new();
    SAMPLE_RUN.get_or_init(|| run_file(Path::new(SAMPLE), &[]))
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
    let Run {
        status,
        verdicts,
        summary,
    } = sample();

    assert_eq!(*status, 1, "the sample holds invalid records");
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
    assert_eq!(summary.bytes, std::fs::metadata(SAMPLE).unwrap().len());
    assert_eq!(summary.error, None);
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
    // The per-code counts are the errors of the verdicts.
    let mut counted: BTreeMap<String, u64> = BTreeMap::new();
    for verdict in verdicts {
        for (_, code) in errors_of(verdict) {
            *counted.entry(code).or_default() += 1;
        }
    }
    assert_eq!(counted, summary.codes);
}

#[test]
fn sample_has_the_spec_records() {
    let verdicts = &sample().verdicts;
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

#[test]
fn jobs_and_stdin_give_the_same_output() {
    let one = Command::new(BIN)
        .args(["validate", "--jobs", "1", SAMPLE])
        .output()
        .unwrap();
    let stdin = Command::new(BIN)
        .args(["validate", "-j", "3", "-"])
        .stdin(File::open(SAMPLE).unwrap())
        .output()
        .unwrap();
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(stdin.status.code(), Some(1));
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, stdin.stdout);
    // The text summary, for people.
    let text = String::from_utf8(one.stderr).unwrap();
    assert!(
        text.starts_with("records: 293  valid: 198  invalid: 95\nerrors by code:\n"),
        "{text}"
    );
    assert!(text.contains("\n  phone_country_mismatch   9\n"), "{text}");
    assert!(text.contains(" records/s)\n"), "{text}");
}

#[test]
fn only_invalid_writes_the_failing_records() {
    let all = sample();
    let invalid = run_file(Path::new(SAMPLE), &["--only", "invalid"]);
    assert_eq!(invalid.status, 1);
    assert_eq!(invalid.summary, all.summary);
    let failing: Vec<&Value> = all
        .verdicts
        .iter()
        .filter(|v| v["valid"] == false)
        .collect();
    assert_eq!(invalid.verdicts.iter().collect::<Vec<_>>(), failing);
    assert_eq!(invalid.verdicts.len() as u64, all.summary.invalid);

    let valid = run_file(Path::new(SAMPLE), &["--only", "valid"]);
    assert_eq!(valid.verdicts.len() as u64, all.summary.valid);
    assert!(valid.verdicts.iter().all(|v| v["valid"] == true));
}

const VALID: &str = r#"{"first_name":"Ngozi","last_name":"Eze","email":"ngozi@example.ng","phone_number":"+2348031234567","billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#;

#[test]
fn blank_lines_crlf_and_a_missing_final_newline() {
    let input = format!("\n{VALID}\r\n   \t\r\n\r\n{VALID}");
    let run = run_on("blank.ndjson", input.as_bytes(), &[]);
    let lines: Vec<_> = run
        .verdicts
        .iter()
        .map(|v| (v["line"].as_u64().unwrap(), v["valid"].as_bool().unwrap()))
        .collect();
    assert_eq!(lines, [(2, true), (5, true)]);
    assert_eq!(run.status, 0, "every record valid");
    let s = &run.summary;
    assert_eq!((s.records, s.valid, s.invalid), (2, 2, 0));
    assert_eq!(s.bytes, input.len() as u64);

    let empty = run_on("empty.ndjson", b"", &[]);
    assert_eq!(empty.status, 0);
    assert!(empty.verdicts.is_empty());
    assert_eq!(
        (
            empty.summary.records,
            empty.summary.bytes,
            empty.summary.codes.len()
        ),
        (0, 0, 0)
    );
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
    let run = run_on("bad.ndjson", &input, &[]);
    let codes: Vec<_> = run.verdicts.iter().map(errors_of).collect();
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
    assert_eq!(run.status, 1);
    assert_eq!((run.summary.valid, run.summary.invalid), (1, 4));
    assert_eq!(run.summary.codes.get("invalid_json"), Some(&3));
}

#[test]
fn overlong_lines_are_payload_too_large() {
    // Just over the limit, and far over it (kept in memory only up to the limit).
    for len in [MAX_BODY_BYTES + 1, 3 * MAX_BODY_BYTES + 17] {
        let long = format!("{{\"first_name\":\"{}\"}}", "a".repeat(len));
        let input = format!("{long}\n{VALID}\n");
        let run = run_on("long.ndjson", input.as_bytes(), &[]);
        assert_eq!(
            errors_of(&run.verdicts[0]),
            [(String::new(), "payload_too_large".to_owned())]
        );
        assert_eq!(
            (
                run.verdicts[1]["line"].as_u64(),
                run.verdicts[1]["valid"].as_bool()
            ),
            (Some(2), Some(true))
        );
    }
    // A line of exactly MAX_BODY_BYTES is read whole (and is valid JSON, just not a
    // valid request).
    let pad = MAX_BODY_BYTES - VALID.len();
    let exact = VALID.replacen('{', &format!("{{{}", " ".repeat(pad)), 1);
    assert_eq!(exact.len(), MAX_BODY_BYTES);
    assert_eq!(
        run_on("exact.ndjson", exact.as_bytes(), &[]).verdicts[0]["valid"],
        true
    );
    assert_eq!(
        run_on("exact_crlf.ndjson", format!("{exact}\r\n").as_bytes(), &[]).verdicts[0]["valid"],
        true
    );
    // A `\r` that happens to be the last byte kept of a cut line is not a line end.
    let cut = run_on("cut.ndjson", format!("{exact}\rx\n").as_bytes(), &[]).verdicts;
    assert_eq!(
        errors_of(&cut[0]),
        [(String::new(), "payload_too_large".to_owned())]
    );
}

#[test]
fn read_and_write_failures() {
    // A missing file, and a directory (opens, then fails to read): exit 2.
    for path in [
        scratch("missing.ndjson"),
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")),
    ] {
        let run = run_file(&path, &[]);
        assert_eq!(run.status, 2, "{path:?}");
        assert!(run.verdicts.is_empty());
        let error = run.summary.error.unwrap();
        assert!(error.starts_with("cannot read "), "{error}");
    }

    // A full disk: exit 2 with the reason.
    if Path::new("/dev/full").exists() {
        let output = command(&[SAMPLE])
            .stdout(File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let summary: Summary = serde_json::from_slice(&output.stderr).unwrap();
        assert!(
            summary
                .error
                .as_deref()
                .unwrap()
                .starts_with("cannot write the output"),
            "{summary:?}"
        );
    }

    // The reader of the output goes away (`| head -1`): not an error, the verdict stands.
    let path = scratch("many.ndjson");
    std::fs::write(&path, format!("{VALID}\n").repeat(200_000)).unwrap();
    let mut child = command(&[path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 9];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then closed
    assert_eq!(&first, b"{\"line\":1");
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "all valid, pipe closed early"
    );
    let summary: Summary = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(summary.error, None);
    assert!(summary.records < 200_000, "{summary:?}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["validate"][..],
        &["validate", "--jobs", "0", "x"],
        &["validate", "--jobs", "513", "x"],
        &["validate", "--only", "some", "x"],
        &["frobnicate"],
    ] {
        let output = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
    }
}
