//! `customer-core`: the command-line tool of customer-core.
//!
//! ```text
//! customer-core validate examples/data/customers.ndjson > verdicts.ndjson
//! cat requests.ndjson | customer-core validate - --only invalid --summary json
//! customer-core validate --profile billing examples/data/billing_customers.ndjson
//! ```
//!
//! `validate` reads NDJSON create-customer requests of one profile (`--profile juice`, the
//! default, `billing` or `account`), one per line, and writes one JSON
//! verdict per record to stdout, in input order (see the library part of this crate for
//! the format). stderr: a progress bar while it runs when stderr is a terminal, then a
//! summary (records, valid, invalid, errors per code, elapsed, records/s), as text or,
//! with `--summary json`, as one JSON object. Exit status: 0 when every record is valid,
//! 1 when some are invalid, 2 when the input cannot be read, the output cannot be written,
//! or the arguments are wrong.

use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use customer_core_cli::{Only, Options, Profile, Stop, Summary, run};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Validates customer data with customer-core.
#[derive(Parser)]
#[command(name = "customer-core", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validates NDJSON create-customer requests (one per line), writing one JSON verdict
    /// per record to stdout, in input order.
    ///
    /// Exit status: 0 every record valid, 1 some invalid, 2 input unreadable or output
    /// unwritable.
    Validate(Validate),
}

#[derive(clap::Args)]
struct Validate {
    /// The NDJSON file; `-` reads standard input.
    file: PathBuf,
    /// Worker threads validating records, 1 to 512 [default: every core].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=512))]
    jobs: Option<u16>,
    /// How to print the summary on stderr.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    summary: SummaryFormat,
    /// Write only these verdicts (the summary still counts every record).
    #[arg(long, value_enum, value_name = "KIND")]
    only: Option<Kind>,
    /// Which profile's create-customer requests the records are.
    #[arg(long, value_enum, default_value_t = ProfileArg::Juice)]
    profile: ProfileArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ProfileArg {
    /// Juice's (specs 000 and 001; sample: examples/data/customers.ndjson).
    Juice,
    /// The billing profile's (spec 002; sample: examples/data/billing_customers.ndjson).
    Billing,
    /// The account profile's (spec 003; sample: examples/data/account_customers.ndjson).
    Account,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SummaryFormat {
    /// Lines for people.
    Text,
    /// One JSON object.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    /// Only the failing records.
    Invalid,
    /// Only the valid records.
    Valid,
}

fn main() -> ExitCode {
    let Cli {
        command: Command::Validate(args),
    } = Cli::parse();
    validate(&args)
}

fn validate(args: &Validate) -> ExitCode {
    let name = args.file.to_string_lossy().into_owned();
    let (input, size): (Box<dyn Read + Send>, Option<u64>) = if args.file.as_os_str() == "-" {
        (Box::new(io::stdin()), None)
    } else {
        match File::open(&args.file) {
            Ok(file) => {
                let size = file
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len());
                (Box::new(file), size)
            }
            Err(e) => {
                report_failure(args.summary, &format!("cannot read {name}: {e}"));
                return ExitCode::from(2);
            }
        }
    };
    let jobs = args
        .jobs
        .and_then(|n| NonZeroUsize::new(usize::from(n)))
        .or_else(|| std::thread::available_parallelism().ok())
        .unwrap_or(NonZeroUsize::MIN);
    let options = Options {
        jobs,
        only: match args.only {
            None => Only::All,
            Some(Kind::Invalid) => Only::Invalid,
            Some(Kind::Valid) => Only::Valid,
        },
        profile: match args.profile {
            ProfileArg::Juice => Profile::Juice,
            ProfileArg::Billing => Profile::Billing,
            ProfileArg::Account => Profile::Account,
        },
    };

    let bar = io::stderr().is_terminal().then(|| progress_bar(size));
    let start = Instant::now();
    let mut summary = Summary::default();
    let result = run(
        input,
        io::stdout(),
        options,
        &mut summary,
        &mut |summary: &Summary| {
            if let Some(bar) = &bar {
                bar.set_position(summary.bytes);
                bar.set_message(format!(
                    "{} records, {:.0} records/s",
                    summary.records,
                    rate(summary.records, start.elapsed())
                ));
            }
        },
    );
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let elapsed = start.elapsed();
    let (failure, code) = match &result {
        Err(Stop::Read(e)) => (Some(format!("cannot read {name}: {e}")), 2),
        Err(Stop::Write(e)) => (Some(format!("cannot write the output: {e}")), 2),
        Ok(()) | Err(Stop::BrokenPipe) => (None, u8::from(summary.invalid > 0)),
    };
    match args.summary {
        SummaryFormat::Text => {
            print_text(&summary, elapsed);
            if let Some(failure) = &failure {
                eprintln!("customer-core: {failure}");
            }
        }
        SummaryFormat::Json => print_json(&summary, elapsed, jobs, failure.as_deref()),
    }
    ExitCode::from(code)
}

fn progress_bar(size: Option<u64>) -> ProgressBar {
    let bar = match size {
        Some(size) => ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template(
                    "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes}  {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {bytes} read  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

// Records are counted in u64; f64 is exact far past any real file.
#[allow(clippy::cast_precision_loss)]
fn rate(records: u64, elapsed: Duration) -> f64 {
    let seconds = elapsed.as_secs_f64();
    if seconds > 0.0 {
        records as f64 / seconds
    } else {
        0.0
    }
}

fn print_text(summary: &Summary, elapsed: Duration) {
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
    eprintln!(
        "elapsed: {:.3} ms  ({:.0} records/s)",
        elapsed.as_secs_f64() * 1000.0,
        rate(summary.records, elapsed)
    );
}

fn print_json(summary: &Summary, elapsed: Duration, jobs: NonZeroUsize, failure: Option<&str>) {
    let value = serde_json::json!({
        "records": summary.records,
        "valid": summary.valid,
        "invalid": summary.invalid,
        "codes": summary.codes,
        "bytes": summary.bytes,
        "jobs": jobs.get(),
        "elapsed_ms": elapsed.as_secs_f64() * 1000.0,
        "records_per_second": rate(summary.records, elapsed).round(),
        "error": failure,
    });
    eprintln!("{value}");
}

/// A failure before any record was read: the summary, then the reason.
fn report_failure(format: SummaryFormat, failure: &str) {
    match format {
        SummaryFormat::Text => {
            print_text(&Summary::default(), Duration::ZERO);
            eprintln!("customer-core: {failure}");
        }
        SummaryFormat::Json => print_json(
            &Summary::default(),
            Duration::ZERO,
            NonZeroUsize::MIN,
            Some(failure),
        ),
    }
}
