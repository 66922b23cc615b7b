//! In-process tests of the pipeline: failures that a file cannot produce, chunk
//! boundaries, order with many workers, and the output bytes against `serde_json`.

use std::io::{self, Read, Write};
use std::num::NonZeroUsize;

use customer_core::{CreateCustomer, ValidationErrors};
use serde::Serialize;

use super::*;

const SAMPLE: &[u8] = include_bytes!("../../examples/data/customers.ndjson");
const VALID: &str = r#"{"first_name":"Ngozi","last_name":"Eze","email":"ngozi@example.ng","phone_number":"+2348031234567","billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#;

fn options(jobs: usize, only: Only) -> Options {
    Options {
        jobs: NonZeroUsize::new(jobs).unwrap(),
        only,
        profile: Profile::Juice,
    }
}

fn run_with(input: &[u8], options: Options) -> (Vec<u8>, Summary) {
    let mut out = Vec::new();
    let mut summary = Summary::default();
    run(input, &mut out, options, &mut summary, &mut |_| {}).unwrap();
    (out, summary)
}

/// The verdict line as the `validate` example wrote it, with serde.
#[derive(Serialize)]
struct Verdict<'a> {
    line: u64,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<&'a CreateCustomer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a ValidationErrors>,
}

/// The whole output, one record at a time, with serde_json (the reference).
fn reference(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, line) in input.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = CreateCustomer::from_json(line);
        let verdict = Verdict {
            line: i as u64 + 1,
            valid: result.is_ok(),
            customer: result.as_ref().ok(),
            errors: result.as_ref().err(),
        };
        serde_json::to_writer(&mut out, &verdict).unwrap();
        out.push(b'\n');
    }
    out
}

#[test]
fn output_is_byte_for_byte_serde_json_on_the_sample() {
    let (out, summary) = run_with(SAMPLE, options(1, Only::All));
    assert_eq!(
        String::from_utf8(out).unwrap(),
        String::from_utf8(reference(SAMPLE)).unwrap()
    );
    assert!(summary.valid > 100 && summary.invalid > 50, "{summary:?}");
    assert_eq!(summary.bytes, SAMPLE.len() as u64);
}

#[test]
fn many_workers_and_many_chunks_keep_input_order() {
    // ~40 chunks by record count, with blank lines and CRLF between them.
    let mut input = Vec::new();
    for i in 0..40 {
        input.extend_from_slice(SAMPLE);
        if i % 3 == 0 {
            input.extend_from_slice(b"\r\n  \n");
        }
    }
    let want = reference(&input);
    let (one, s1) = run_with(&input, options(1, Only::All));
    assert_eq!(one, want);
    for jobs in [2, 3, 8] {
        let (out, summary) = run_with(&input, options(jobs, Only::All));
        assert_eq!(out, want, "jobs {jobs}");
        assert_eq!(summary, s1, "jobs {jobs}");
    }
}

#[test]
fn only_filters_the_output_not_the_summary() {
    let (all, summary) = run_with(SAMPLE, options(2, Only::All));
    let (invalid, s_invalid) = run_with(SAMPLE, options(2, Only::Invalid));
    let (valid, s_valid) = run_with(SAMPLE, options(2, Only::Valid));
    assert_eq!((&s_invalid, &s_valid), (&summary, &summary));
    let lines = |b: &[u8]| -> Vec<String> {
        String::from_utf8(b.to_vec())
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let (all, invalid, valid) = (lines(&all), lines(&invalid), lines(&valid));
    assert_eq!(invalid.len() as u64, summary.invalid);
    assert_eq!(valid.len() as u64, summary.valid);
    assert!(invalid.iter().all(|l| l.contains(r#","valid":false,"#)));
    assert!(valid.iter().all(|l| l.contains(r#","valid":true,"#)));
    // Each is the full output with the other kind removed.
    let kept =
        |keep: &str| -> Vec<String> { all.iter().filter(|l| l.contains(keep)).cloned().collect() };
    assert_eq!(invalid, kept(r#","valid":false,"#));
    assert_eq!(valid, kept(r#","valid":true,"#));
}

#[test]
fn progress_sees_every_chunk_in_order() {
    let input = SAMPLE.repeat(10);
    let mut seen = Vec::new();
    let mut summary = Summary::default();
    run(
        &input[..],
        io::sink(),
        options(2, Only::All),
        &mut summary,
        &mut |s| seen.push((s.records, s.bytes)),
    )
    .unwrap();
    assert!(seen.len() > 1);
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
    assert_eq!(seen.last(), Some(&(summary.records, input.len() as u64)));
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
    let input = format!("{VALID}\n{VALID}\n{VALID}");
    for jobs in [1, 2] {
        let mut out = Vec::new();
        let mut summary = Summary::default();
        let result = run(
            FailingReader(input.as_bytes()),
            &mut out,
            options(jobs, Only::All),
            &mut summary,
            &mut |_| {},
        );
        assert!(matches!(result, Err(Stop::Read(_))), "{result:?}");
        // The two complete lines before the failure are still validated and reported; the
        // third, cut by the failure, is not a record.
        assert_eq!(summary.records, 2);
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
    }

    // Large enough that the writer fails while the reader still has input.
    let big = format!("{VALID}\n").repeat(20_000);
    for jobs in [1, 2] {
        let mut summary = Summary::default();
        let closed = FailingWriter(10, io::ErrorKind::BrokenPipe);
        let result = run(
            big.as_bytes(),
            closed,
            options(jobs, Only::All),
            &mut summary,
            &mut |_| {},
        );
        assert!(matches!(result, Err(Stop::BrokenPipe)), "{result:?}");
        assert!(summary.records < 20_000);
        let full = FailingWriter(0, io::ErrorKind::StorageFull);
        let result = run(
            big.as_bytes(),
            full,
            options(jobs, Only::All),
            &mut Summary::default(),
            &mut |_| {},
        );
        assert!(matches!(result, Err(Stop::Write(_))), "{result:?}");
    }
}

#[test]
fn chunks_split_at_the_record_limit_and_the_byte_limit() {
    // Exactly CHUNK_RECORDS records, then one more: two chunks, same output.
    let many = format!("{VALID}\n").repeat(CHUNK_RECORDS + 1);
    let (out, summary) = run_with(many.as_bytes(), options(2, Only::All));
    assert_eq!(out, reference(many.as_bytes()));
    assert_eq!(summary.records, CHUNK_RECORDS as u64 + 1);
    // Lines of 60 KiB: a few per chunk by bytes.
    let long = format!("{{\"first_name\":\"{}\"}}\n", "a".repeat(60 * 1024)).repeat(7);
    let (out, _) = run_with(long.as_bytes(), options(2, Only::All));
    assert_eq!(out, reference(long.as_bytes()));
}

/// The fast string writer agrees with serde_json on every char alone, and on strings
/// mixing every ASCII byte with non-ASCII text at every position.
#[test]
fn strings_are_escaped_like_serde_json() {
    let check = |s: &str| {
        let mut out = Vec::new();
        json::string(&mut out, s);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(s).unwrap()
        );
    };
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        check(c.encode_utf8(&mut [0; 4]));
    }
    for b in 0..0x80u8 {
        let c = char::from(b);
        for s in [
            format!("{c}Adébáyọ̀"),
            format!("Ngũgĩ{c}wa"),
            format!("O’Brien{c}"),
            format!("{c}{c}\u{2028}\u{7f}"),
        ] {
            check(&s);
        }
    }
    check("");
    // Every ASCII byte at every position of three 8-byte words, among ASCII and
    // non-ASCII (bytes >= 0x80) neighbours.
    for filler in ["a", "é", "~", "\u{7f}"] {
        for b in 0..0x80u8 {
            for at in 0..24 {
                let mut s: Vec<String> = vec![filler.to_owned(); 24];
                s[at] = char::from(b).to_string();
                check(&s.concat());
            }
        }
    }
}

/// Any line, valid or not, gets the same verdict bytes as serde_json would write: every
/// combination of field values that normalize, need escaping, are absent or fail.
#[test]
fn verdicts_are_byte_for_byte_serde_json() {
    let firsts = [
        "Ngozi",
        r"  Jose\u0301 ",
        r"O\u2019Brien",
        "J0hn",
        "",
        r"Ad\u00e9b\u00e1y\u1ecd\u0300",
    ];
    let cities = [
        "Lagos",
        r#"\"Quoted\" \\ city"#,
        r"Caf\u00e9\ttab",
        "  ",
        "St. John's",
    ];
    let line2s = [
        None,
        Some(r#"\"Suite\" 4"#),
        Some(r"Apt 1\u00a0B"),
        Some(""),
    ];
    let countries = ["NG", "ng", "US", "XX", "Tanzania"];
    let mut input = String::new();
    for first in firsts {
        for city in cities {
            for line2 in line2s {
                for country in countries {
                    let line2 = line2.map_or(String::new(), |l| format!(r#","line2":"{l}""#));
                    input.push_str(&format!(
                        r#"{{"first_name":"{first}","last_name":"Eze","email":"Ngozi@Example.NG","phone_number":"+2348031234567","billing_address":{{"line1":"1 Marina","city":"{city}"{line2},"country":"{country}"}}}}"#
                    ));
                    input.push('\n');
                }
            }
        }
    }
    let (out, summary) = run_with(input.as_bytes(), options(2, Only::All));
    assert!(summary.valid > 20 && summary.invalid > 20, "{summary:?}");
    assert_eq!(
        String::from_utf8(out).unwrap(),
        String::from_utf8(reference(input.as_bytes())).unwrap()
    );
}

fn profile_options(profile: Profile) -> Options {
    Options {
        profile,
        ..options(2, Only::All)
    }
}

#[test]
fn every_profile_validates_its_bundled_sample() {
    for (profile, sample, valid, invalid) in [
        (
            Profile::Billing,
            &include_bytes!("../../examples/data/billing_customers.ndjson")[..],
            6,
            6,
        ),
        (
            Profile::Account,
            include_bytes!("../../examples/data/account_customers.ndjson"),
            5,
            5,
        ),
    ] {
        let (out, summary) = run_with(sample, profile_options(profile));
        assert_eq!(
            (summary.valid, summary.invalid),
            (valid, invalid),
            "{profile:?}"
        );
        // Each verdict line is JSON, the valid ones with the request as its Serialize
        // impl writes it.
        for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let verdict: serde_json::Value = serde_json::from_slice(line).unwrap();
            assert!(verdict["valid"].is_boolean(), "{verdict}");
        }
    }
    let (out, _) = run_with(
        br#"{"name":"Fatou Diop","currency":"XOF","balance":-0}"#,
        profile_options(Profile::Billing),
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"line\":1,\"valid\":true,\"customer\":{\"reference\":null,\"name\":\"Fatou Diop\",\
         \"phone_number\":null,\"currency\":\"XOF\",\"balance\":0,\"metadata\":{}}}\n"
    );
}

#[test]
fn a_line_that_is_not_utf8_says_so() {
    let (out, summary) = run_with(b"\xff\xfe\n", options(1, Only::All));
    assert_eq!(summary.invalid, 1);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("it is not UTF-8 (the byte at line 1 column 1"),
        "{out}"
    );
}
