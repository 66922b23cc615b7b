//! The bulk validation job: reads NDJSON create-customer requests, one per line, and
//! writes one JSON verdict per record.
//!
//! ```text
//! cargo run --release --example validate -- examples/data/customers.ndjson
//! cat requests.ndjson | cargo run --release --example validate -- -
//! ```
//!
//! stdout, one line per record, in input order (`line` is the 1-based line number):
//!
//! ```text
//! {"line":1,"valid":true,"customer":{"first_name":"John",…}}
//! {"line":2,"valid":false,"errors":[{"pointer":"/phone_number","code":"phone_country_mismatch","detail":"…"}]}
//! ```
//!
//! stderr: a summary (records, valid, invalid, errors per code, elapsed, records/s).
//! Exit status: 0 when every record is valid, 1 when some are invalid, 2 when the input
//! cannot be read (or the output cannot be written). Blank lines are skipped; a bad line
//! (invalid JSON, invalid UTF-8, longer than `MAX_BODY_BYTES`) is an invalid record and
//! never stops the run.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use customer_core::{CreateCustomer, MAX_BODY_BYTES, ValidationErrors};
use serde::Serialize;

/// One output line.
#[derive(Serialize)]
struct Verdict<'a> {
    line: u64,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<&'a CreateCustomer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a ValidationErrors>,
}

/// What a run found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read (blank lines are not records).
    pub records: u64,
    /// Valid records.
    pub valid: u64,
    /// Invalid records.
    pub invalid: u64,
    /// How many errors of each code, sorted by code.
    pub codes: BTreeMap<&'static str, u64>,
}

/// Why a run stopped early.
#[derive(Debug)]
pub enum Stop {
    /// Reading the input failed.
    Read(io::Error),
    /// Writing the output failed (other than a closed pipe).
    Write(io::Error),
    /// The reader of the output went away (`| head`): not an error.
    BrokenPipe,
}

/// Validates every record of `input`, writing one verdict line per record to `output`.
///
/// `summary` is filled as records go, so it is meaningful even when the run stops early.
pub fn run(input: impl BufRead, output: impl Write, summary: &mut Summary) -> Result<(), Stop> {
    let mut input = input;
    let mut output = output;
    let mut buf = Vec::with_capacity(4096);
    let mut line: u64 = 0;
    while read_line(&mut input, &mut buf, MAX_BODY_BYTES.saturating_add(1)).map_err(Stop::Read)? {
        line = line.saturating_add(1);
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        summary.records = summary.records.saturating_add(1);
        let result = CreateCustomer::from_json(&buf);
        let verdict = match &result {
            Ok(customer) => {
                summary.valid = summary.valid.saturating_add(1);
                Verdict {
                    line,
                    valid: true,
                    customer: Some(customer),
                    errors: None,
                }
            }
            Err(errors) => {
                summary.invalid = summary.invalid.saturating_add(1);
                for e in errors {
                    let n = summary.codes.entry(e.code().as_str()).or_insert(0);
                    *n = n.saturating_add(1);
                }
                Verdict {
                    line,
                    valid: false,
                    customer: None,
                    errors: Some(errors),
                }
            }
        };
        serde_json::to_writer(&mut output, &verdict)
            .map_err(io::Error::from)
            .and_then(|()| output.write_all(b"\n"))
            .map_err(write_error)?;
    }
    output.flush().map_err(write_error)
}

fn write_error(e: io::Error) -> Stop {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Stop::BrokenPipe
    } else {
        Stop::Write(e)
    }
}

/// Reads one line into `buf` without its `\n` (or `\r\n`), keeping at most `limit` bytes
/// of it: the rest of an overlong line is read and dropped, so memory stays bounded and
/// the kept prefix is still too large for `from_json`. Returns false at end of input.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<bool> {
    buf.clear();
    let mut len: usize = 0; // the whole line's length, kept or not
    let mut any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any);
        }
        any = true;
        let newline = available.iter().position(|&b| b == b'\n');
        let content = available
            .get(..newline.unwrap_or(available.len()))
            .unwrap_or_default();
        let room = limit.saturating_sub(buf.len());
        buf.extend_from_slice(content.get(..room).unwrap_or(content));
        len = len.saturating_add(content.len());
        let consumed = content.len().saturating_add(usize::from(newline.is_some()));
        input.consume(consumed);
        if newline.is_some() {
            // Only a line kept whole loses its `\r`: a cut one must stay over the limit.
            if len == buf.len() && buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(true);
        }
    }
}

fn print_summary(summary: &Summary, seconds: f64) {
    eprintln!(
        "records: {}  valid: {}  invalid: {}",
        summary.records, summary.valid, summary.invalid
    );
    if !summary.codes.is_empty() {
        eprintln!("errors by code:");
        for (code, n) in &summary.codes {
            eprintln!("  {code:<24} {n}");
        }
    }
    // Records are counted in u64; f64 is exact far past any real file.
    #[allow(clippy::cast_precision_loss)]
    let rate = if seconds > 0.0 {
        summary.records as f64 / seconds
    } else {
        0.0
    };
    eprintln!("elapsed: {:.3} ms  ({rate:.0} records/s)", seconds * 1000.0);
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!(
            "usage: validate FILE   (NDJSON, one create-customer request per line; `-` for stdin)"
        );
        return ExitCode::from(2);
    };
    let input: Box<dyn BufRead> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(&path) {
            Ok(file) => Box::new(BufReader::with_capacity(64 * 1024, file)),
            Err(e) => {
                eprintln!("validate: cannot read {}: {e}", path.to_string_lossy());
                return ExitCode::from(2);
            }
        }
    };
    let stdout = io::stdout();
    let output = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut summary = Summary::default();
    let start = Instant::now();
    let result = run(input, output, &mut summary);
    print_summary(&summary, start.elapsed().as_secs_f64());
    match result {
        Err(Stop::Read(e)) => {
            eprintln!("validate: cannot read {}: {e}", path.to_string_lossy());
            ExitCode::from(2)
        }
        Err(Stop::Write(e)) => {
            eprintln!("validate: cannot write the output: {e}");
            ExitCode::from(2)
        }
        Ok(()) | Err(Stop::BrokenPipe) if summary.invalid == 0 => ExitCode::SUCCESS,
        Ok(()) | Err(Stop::BrokenPipe) => ExitCode::from(1),
    }
}
