//! The regenerations that run other tools: the oracle fixtures (reference implementations
//! from PyPI, each pinned in its own virtual environment), the fuzz seed corpora and the
//! main job's sample data. Each has a `--check` form, which CI runs: it regenerates into
//! `target/xtask/` and fails on any difference from the committed files.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// A Python virtual environment under the repository root with exactly `pins`
/// (`name==version`), made or updated only when it lacks them; its interpreter.
pub fn venv(dir: &str, pins: &[String]) -> Result<PathBuf, String> {
    let python = Path::new(dir).join("bin/python");
    let check = "import importlib.metadata as m, sys; \
                 sys.exit(any(m.version(n) != v for n, v in (p.split('==') for p in sys.argv[1:])))";
    let has_pins = |py: &Path| {
        Command::new(py)
            .arg("-c")
            .arg(check)
            .args(pins)
            .status()
            .is_ok_and(|s| s.success())
    };
    if python.exists() && has_pins(&python) {
        return Ok(python);
    }
    run(Command::new("python3").args(["-m", "venv", dir]))?;
    run(Command::new(&python)
        .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
        .args(pins))?;
    if has_pins(&python) {
        Ok(python)
    } else {
        Err(format!("{dir} does not hold {}", pins.join(" ")))
    }
}

/// Runs a command to completion; an error names it when it fails.
fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("{command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed: {status}"))
    }
}

/// The pins of a requirements file (`name==version` lines, comments skipped).
fn requirements(path: &str) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect())
}

/// One generated file: the command that writes it to a given path.
struct Output {
    /// The committed file.
    path: &'static str,
    /// Writes the file to the path given as its last argument.
    write: fn(&Path, &Path) -> Result<(), String>,
}

/// Regenerates `outputs` with `python`: written in place, or with `check`, written under
/// target/xtask/ and compared with the committed files.
fn regenerate(python: &Path, outputs: &[Output], check: bool) -> Result<(), String> {
    let mut stale = Vec::new();
    for output in outputs {
        let dest = if check {
            let dest = Path::new("target/xtask").join(output.path);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("{parent:?}: {e}"))?;
            }
            dest
        } else {
            PathBuf::from(output.path)
        };
        (output.write)(python, &dest)?;
        if check {
            let new = std::fs::read(&dest).map_err(|e| format!("{dest:?}: {e}"))?;
            let old = std::fs::read(output.path).unwrap_or_default();
            if new == old {
                eprintln!("{} is up to date", output.path);
            } else {
                stale.push(output.path);
            }
        } else {
            eprintln!("wrote {}", output.path);
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "stale: {} (regenerate without --check and commit)",
            stale.join(", ")
        ))
    }
}

fn email_oracle(py: &Path, dest: &Path) -> Result<(), String> {
    run(Command::new(py).arg("scripts/email_oracle.py").arg(dest))
}

fn phone_oracle(py: &Path, dest: &Path) -> Result<(), String> {
    run(Command::new(py)
        .args(["scripts/phone_oracle.py", "fixture"])
        .arg(dest))
}

fn phone_normalize(py: &Path, dest: &Path) -> Result<(), String> {
    run(Command::new(py)
        .args(["scripts/phone_oracle.py", "normalize"])
        .arg(dest))
}

/// The pinned reference implementations, by name.
fn oracle(name: &str) -> Result<(PathBuf, Vec<Output>), String> {
    match name {
        "email" => {
            let py = venv(
                ".venv-email",
                &["email-validator==2.3.0".into(), "idna==3.20".into()],
            )?;
            let out = vec![Output {
                path: "tests/data/email/oracle.jsonl",
                write: email_oracle,
            }];
            Ok((py, out))
        }
        "phone" => {
            let py = venv(
                ".venv-phone",
                &requirements("scripts/phone-requirements.txt")?,
            )?;
            let out = vec![
                Output {
                    path: "tests/data/phone/oracle.txt",
                    write: phone_oracle,
                },
                Output {
                    path: "tests/data/phone/normalize.txt",
                    write: phone_normalize,
                },
            ];
            Ok((py, out))
        }
        _ => Err(format!("no oracle named {name} (email, phone)")),
    }
}

/// `oracles [--check] [email|phone]…`: every oracle fixture, or the ones named.
fn oracles(args: &[String]) -> Result<(), String> {
    let check = args.iter().any(|a| a == "--check");
    let mut names: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    if names.is_empty() {
        names = vec!["email", "phone"];
    }
    for name in names {
        let (py, outputs) = oracle(name)?;
        regenerate(&py, &outputs, check)?;
    }
    Ok(())
}

/// `sample-data [--check]`: the main job's sample (examples/data/customers.ndjson) and
/// its expectations (tests/data/sample_expectations.json), from examples/data/generate.py.
fn sample_data(args: &[String]) -> Result<(), String> {
    let check = args.iter().any(|a| a == "--check");
    let py = venv(
        ".venv-phone",
        &requirements("scripts/phone-requirements.txt")?,
    )?;
    let files = [
        "examples/data/customers.ndjson",
        "tests/data/sample_expectations.json",
    ];
    let old: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).unwrap_or_default())
        .collect();
    run(Command::new(&py).arg("examples/data/generate.py"))?;
    if !check {
        eprintln!("wrote {}", files.join(", "));
        return Ok(());
    }
    let mut stale = Vec::new();
    for (file, old) in files.iter().zip(old) {
        let new = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
        if new != old {
            stale.push(*file);
            std::fs::write(file, old).map_err(|e| format!("{file}: {e}"))?;
        }
    }
    if stale.is_empty() {
        eprintln!("the sample data is up to date");
        Ok(())
    } else {
        Err(format!(
            "stale: {} (run cargo xtask sample-data)",
            stale.join(", ")
        ))
    }
}

/// The test binaries whose `corpus` tests write or check the fuzz seed corpora.
const CORPUS_TESTS: &[&str] = &["create", "update", "listing", "guards", "address_policy"];

/// `corpus [--check]`: the fuzz seed corpora under fuzz/corpus/, generated from the case
/// tables by the tests named `corpus` (which fail on a stale corpus when not writing).
fn corpus(args: &[String]) -> Result<(), String> {
    let check = args.iter().any(|a| a == "--check");
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.args(["test", "-q", "-p", "customer-core"]);
    for test in CORPUS_TESTS {
        command.args(["--test", test]);
    }
    command.arg("corpus");
    if !check {
        command.env("CUSTOMER_CORE_WRITE_CORPUS", "1");
    }
    run(&mut command)
}

/// Runs the task `name`, or `None` when it is not one of these.
pub fn dispatch(name: &str, args: &[String]) -> Option<ExitCode> {
    let result = match name {
        "oracles" => oracles(args),
        "sample-data" => sample_data(args),
        "corpus" => corpus(args),
        _ => return None,
    };
    Some(match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {name}: {e}");
            ExitCode::FAILURE
        }
    })
}

/// What `cargo xtask help` prints for these tasks.
pub const HELP: &str =
    "  oracles [--check] [email|phone]  the oracle fixtures in tests/data/ (pinned PyPI venvs)
  sample-data [--check]            examples/data/customers.ndjson and its expectations
  corpus [--check]                 the fuzz seed corpora in fuzz/corpus/, from the case tables";
