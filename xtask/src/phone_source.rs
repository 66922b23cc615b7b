//! Where the phone generators' metadata comes from: libphonenumber's Python port
//! `phonenumbers`, at the release pinned in `scripts/phone-requirements.txt`.
//!
//! `scripts/phone_metadata.py` dumps the port's `PhoneMetadata` (every region and
//! non-geographic entity, in libphonenumber's order) to JSON; this module runs it in a
//! virtual environment that holds exactly the pinned release (`.venv-phone`, created and
//! filled by pip when missing or at another version; `PHONE_PYTHON` names an interpreter
//! to use instead), reads the JSON into [`Database`], and runs the tasks:
//!
//! - `phone-tables [--version V]`: pins V (default: the current pin), then writes the
//!   tables (`src/field/phone/tables.rs`), the example numbers
//!   (`src/external/phone_examples.rs`) and the oracle fixtures (`tests/data/phone/`,
//!   `scripts/phone_oracle.py`), all from that release. A bump is this one command.
//! - `phone-tables --check`: regenerates the tables and the example numbers into
//!   `target/phone/check/` from the pinned release and fails when either differs from the
//!   committed file.
//! - `phone-examples [--check]`: the example numbers only.
//!
//! Python is needed at generation time only: the library reads the generated Rust.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use serde::Deserialize;

/// The pip requirements file that pins the `phonenumbers` release.
const REQUIREMENTS: &str = "scripts/phone-requirements.txt";
/// The metadata dump script.
const DUMP: &str = "scripts/phone_metadata.py";
/// The oracle script, which writes the fixtures of the oracle tests.
const ORACLE: &str = "scripts/phone_oracle.py";
/// The virtual environment that holds the pinned release.
const VENV: &str = ".venv-phone";
/// The generated tables.
const TABLES: &str = "src/field/phone/tables.rs";
/// The generated example numbers.
const EXAMPLES: &str = "src/external/phone_examples.rs";

/// All the metadata of one libphonenumber release.
#[derive(Deserialize)]
pub struct Database {
    /// The release, e.g. `9.0.43`.
    pub version: String,
    calling_codes: Vec<CallingCode>,
}

#[derive(Deserialize)]
struct CallingCode {
    code: u16,
    entities: Vec<Metadata>,
}

impl Database {
    /// The entities of calling code `cc`, main country first (libphonenumber's
    /// `COUNTRY_CODE_TO_REGION_CODE` order), or `None` when `cc` is not assigned.
    pub fn by_code(&self, cc: &u16) -> Option<&[Metadata]> {
        self.calling_codes
            .iter()
            .find(|c| c.code == *cc)
            .map(|c| c.entities.as_slice())
    }

    /// Checks what the generators rely on; a dump that breaks it is refused.
    fn validate(&self) -> Result<(), String> {
        let mut last = 0;
        for c in &self.calling_codes {
            if c.code <= last || c.code > 999 || c.entities.is_empty() {
                return Err(format!("calling code {} out of order or empty", c.code));
            }
            last = c.code;
            for (i, e) in c.entities.iter().enumerate() {
                if e.country_code != c.code {
                    return Err(format!("{} has calling code {}", e.id, e.country_code));
                }
                if e.main_country_for_code && i != 0 {
                    return Err(format!("{} is main for +{} but not first", e.id, c.code));
                }
                let lengths = e.descriptors.types().flat_map(|d| &d.lengths);
                if let Some(l) = lengths
                    .chain(&e.descriptors.general.lengths)
                    .find(|&&l| l > 17)
                {
                    return Err(format!("{}: possible length {l}", e.id));
                }
            }
        }
        Ok(())
    }
}

/// One region's (or non-geographic entity's) `PhoneMetadata`, as far as the generators
/// read it.
#[derive(Deserialize)]
pub struct Metadata {
    id: String,
    country_code: u16,
    main_country_for_code: bool,
    international_prefix: Option<String>,
    national_prefix: Option<String>,
    national_prefix_for_parsing: Option<String>,
    national_prefix_transform_rule: Option<String>,
    leading_digits: Option<String>,
    #[serde(flatten)]
    descriptors: Descriptors,
}

impl Metadata {
    /// The region code (`GB`), or `001` for a non-geographic entity.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The number descriptions.
    pub fn descriptors(&self) -> &Descriptors {
        &self.descriptors
    }
    /// `internationalPrefix` (a pattern).
    pub fn international_prefix(&self) -> Option<&str> {
        self.international_prefix.as_deref()
    }
    /// `nationalPrefix`.
    pub fn national_prefix(&self) -> Option<&str> {
        self.national_prefix.as_deref()
    }
    /// `nationalPrefixForParsing` (a pattern; the port fills it with `nationalPrefix`
    /// when the XML has none).
    pub fn national_prefix_for_parsing(&self) -> Option<&str> {
        self.national_prefix_for_parsing.as_deref()
    }
    /// `nationalPrefixTransformRule`.
    pub fn national_prefix_transform_rule(&self) -> Option<&str> {
        self.national_prefix_transform_rule.as_deref()
    }
    /// `leadingDigits` (a pattern).
    pub fn leading_digits(&self) -> Option<&str> {
        self.leading_digits.as_deref()
    }
}

/// The general description and the type descriptions of an entity; an absent type never
/// matches.
#[derive(Deserialize)]
pub struct Descriptors {
    general: Descriptor,
    fixed_line: Option<Descriptor>,
    mobile: Option<Descriptor>,
    toll_free: Option<Descriptor>,
    premium_rate: Option<Descriptor>,
    shared_cost: Option<Descriptor>,
    personal_number: Option<Descriptor>,
    voip: Option<Descriptor>,
    pager: Option<Descriptor>,
    uan: Option<Descriptor>,
    voicemail: Option<Descriptor>,
}

impl Descriptors {
    /// `generalDesc`.
    pub fn general(&self) -> &Descriptor {
        &self.general
    }
    /// `fixedLine`.
    pub fn fixed_line(&self) -> Option<&Descriptor> {
        self.fixed_line.as_ref()
    }
    /// `mobile`.
    pub fn mobile(&self) -> Option<&Descriptor> {
        self.mobile.as_ref()
    }
    /// `tollFree`.
    pub fn toll_free(&self) -> Option<&Descriptor> {
        self.toll_free.as_ref()
    }
    /// `premiumRate`.
    pub fn premium_rate(&self) -> Option<&Descriptor> {
        self.premium_rate.as_ref()
    }
    /// `sharedCost`.
    pub fn shared_cost(&self) -> Option<&Descriptor> {
        self.shared_cost.as_ref()
    }
    /// `personalNumber`.
    pub fn personal_number(&self) -> Option<&Descriptor> {
        self.personal_number.as_ref()
    }
    /// `voip`.
    pub fn voip(&self) -> Option<&Descriptor> {
        self.voip.as_ref()
    }
    /// `pager`.
    pub fn pager(&self) -> Option<&Descriptor> {
        self.pager.as_ref()
    }
    /// `uan`.
    pub fn uan(&self) -> Option<&Descriptor> {
        self.uan.as_ref()
    }
    /// `voicemail`.
    pub fn voicemail(&self) -> Option<&Descriptor> {
        self.voicemail.as_ref()
    }
    fn types(&self) -> impl Iterator<Item = &Descriptor> {
        [
            &self.fixed_line,
            &self.mobile,
            &self.toll_free,
            &self.premium_rate,
            &self.shared_cost,
            &self.personal_number,
            &self.voip,
            &self.pager,
            &self.uan,
            &self.voicemail,
        ]
        .into_iter()
        .flatten()
    }
}

/// One `PhoneNumberDesc`.
#[derive(Deserialize)]
pub struct Descriptor {
    pattern: String,
    example: Option<String>,
    lengths: Vec<u16>,
    local_lengths: Vec<u16>,
}

impl Descriptor {
    /// `nationalNumberPattern`.
    pub fn national_number(&self) -> &str {
        &self.pattern
    }
    /// `possibleLength` (empty: the general description's lengths apply).
    pub fn possible_length(&self) -> &[u16] {
        &self.lengths
    }
    /// `possibleLengthLocalOnly`.
    pub fn possible_local_length(&self) -> &[u16] {
        &self.local_lengths
    }
    /// `exampleNumber`.
    pub fn example(&self) -> Option<&str> {
        self.example.as_deref()
    }
}

/// The workspace root (the generators' paths are relative to it).
fn root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

/// Runs `cmd`, failing with its name when it cannot start or exits non-zero.
fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?}: {status}"))
    }
}

/// The `phonenumbers` version pinned in the requirements file.
fn pinned() -> Result<String, String> {
    let text = std::fs::read_to_string(REQUIREMENTS).map_err(|e| format!("{REQUIREMENTS}: {e}"))?;
    text.lines()
        .find_map(|l| l.trim().strip_prefix("phonenumbers=="))
        .map(|v| v.trim().to_owned())
        .ok_or_else(|| format!("{REQUIREMENTS} pins no phonenumbers==VERSION"))
}

/// Writes the pin (the file pip installs from in CI and here).
fn pin(version: &str) -> Result<(), String> {
    let text = format!(
        "# The libphonenumber release (its Python port) that the phone tables, the example\n\
         # numbers and the oracle fixtures are generated from. Bump with\n\
         # `cargo xtask phone-tables --version X.Y.Z`, which rewrites this file.\n\
         phonenumbers=={version}\n"
    );
    std::fs::write(REQUIREMENTS, text).map_err(|e| format!("{REQUIREMENTS}: {e}"))
}

/// The `phonenumbers` version `python` imports, if any.
fn installed(python: &Path) -> Option<String> {
    let out = Command::new(python)
        .args(["-c", "import phonenumbers; print(phonenumbers.__version__)"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// An interpreter with exactly `phonenumbers==version`: `PHONE_PYTHON`, else `.venv-phone`
/// or `python3` when either has it, else `.venv-phone` made or updated by pip
/// ([`crate::tasks::venv`]).
fn python(version: &str) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("PHONE_PYTHON") {
        let p = PathBuf::from(p);
        return match installed(&p) {
            Some(v) if v == version => Ok(p),
            other => Err(format!(
                "PHONE_PYTHON={} has phonenumbers {other:?}, {version} is pinned",
                p.display()
            )),
        };
    }
    let py = Path::new(VENV).join("bin/python");
    if installed(&py).as_deref() == Some(version) {
        return Ok(py);
    }
    // A system or user install of the pinned release (CI without python3-venv).
    let system = PathBuf::from("python3");
    if installed(&system).as_deref() == Some(version) {
        return Ok(system);
    }
    eprintln!("installing phonenumbers=={version} into {VENV}");
    crate::tasks::venv(VENV, &[format!("phonenumbers=={version}")])
}

/// Dumps and reads the metadata of `version` with `python`.
fn load(python: &Path, version: &str) -> Result<Database, String> {
    let out = Command::new(python)
        .args([DUMP, version])
        .output()
        .map_err(|e| format!("{DUMP}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{DUMP} {version}: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let db: Database =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("{DUMP} output: {e}"))?;
    if db.version != version {
        return Err(format!("{DUMP} dumped {}, asked {version}", db.version));
    }
    db.validate()?;
    Ok(db)
}

/// The directory `--check` regenerates into.
fn check_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
        .join("phone/check")
}

/// Writes `text` to `path`, or with `check`, to the check directory, failing when it
/// differs from `path`.
fn emit(path: &str, text: &str, check: bool, task: &str) -> Result<(), String> {
    if !check {
        std::fs::write(path, text).map_err(|e| format!("write {path}: {e}"))?;
        eprintln!("wrote {path}");
        return Ok(());
    }
    let dir = check_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let fresh = dir.join(Path::new(path).file_name().unwrap_or_default());
    std::fs::write(&fresh, text).map_err(|e| format!("write {}: {e}", fresh.display()))?;
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    if committed == text {
        eprintln!("{path} is up to date");
        return Ok(());
    }
    let line = committed
        .lines()
        .zip(text.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| committed.lines().count().min(text.lines().count()));
    Err(format!(
        "{path} is stale (first difference at line {}; regenerated: {}): run `cargo xtask {task}` and commit it",
        line + 1,
        fresh.display()
    ))
}

/// `phone-tables` and `phone-examples` (see the module documentation).
pub fn main(task: &str, args: &[String]) -> ExitCode {
    match run_task(task, args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {task}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_task(task: &str, args: &[String]) -> Result<(), String> {
    std::env::set_current_dir(root()).map_err(|e| format!("cd to the workspace: {e}"))?;
    let mut check = false;
    let mut version = None;
    let mut args = args.iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--version" if task == "phone-tables" => {
                version = Some(
                    args.next()
                        .ok_or("--version needs a release, e.g. 9.0.43")?,
                );
            }
            _ => {
                return Err(format!("unexpected {a:?}\n{}", crate::USAGE));
            }
        }
    }
    let pin_now = pinned()?;
    let version = match version {
        Some(v) if check && *v != pin_now => {
            return Err(format!(
                "--check compares with the pin ({pin_now}), not {v}"
            ));
        }
        Some(v) => {
            if v.is_empty() || !v.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return Err(format!("{v:?} is not a release number"));
            }
            v.clone()
        }
        None => pin_now.clone(),
    };
    let py = python(&version)?;
    let db = load(&py, &version)?;
    if task == "phone-tables" {
        emit(TABLES, &crate::generate(&db), check, "phone-tables")?;
    }
    emit(EXAMPLES, &crate::generate_examples(&db), check, task)?;
    if task == "phone-tables" && !check {
        if version != pin_now {
            pin(&version)?;
            eprintln!("wrote {REQUIREMENTS}: phonenumbers=={version} (was {pin_now})");
        }
        // The oracle script refuses any release but the pin.
        for (kind, out) in [
            ("fixture", "tests/data/phone/oracle.txt"),
            ("normalize", "tests/data/phone/normalize.txt"),
        ] {
            run(Command::new(&py).args([ORACLE, kind, out]))?;
            eprintln!("wrote {out}");
        }
    }
    Ok(())
}
