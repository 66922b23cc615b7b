//! The public phone API against Google's libphonenumber, at the release the tables are
//! generated from ([`PHONE_METADATA_VERSION`], pinned in `scripts/phone-requirements.txt`).
//!
//! `tests/data/phone/oracle.txt` holds the verdicts of `scripts/phone_oracle.py fixture`
//! (the Python port `phonenumbers` at that pin): the example number of every region and
//! type, and every mutation of each (a digit dropped, added, changed). Format: one
//! number a line, `DIGITS VALID REGION TYPE FOR` (see the script). The crate's own unit
//! tests check the private engine on the same file, including the verdicts for invalid
//! numbers; this test checks what users see: `PhoneNumber::parse`, `region`,
//! `number_type` and `is_valid_for` against every country of the file.

use std::collections::{BTreeMap, BTreeSet};

use customer_core::{
    Country, ErrorCode, PhoneNumber,
    phone::{NumberType, PHONE_METADATA_VERSION, PhoneNormalizeError},
};

/// The ISO country of a libphonenumber region code (`AC`, `TA`, `001` have none).
fn iso(region: &str) -> Option<Country> {
    if region.len() == 2 {
        Country::parse(region).ok()
    } else {
        None
    }
}

struct Case<'a> {
    digits: &'a str,
    valid: bool,
    region: &'a str,
    kind: &'a str,
    valid_for: BTreeSet<&'a str>,
}

fn cases(text: &str) -> Vec<Case<'_>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split(' ').collect();
            let [digits, valid, region, kind, valid_for] = f[..] else {
                panic!("bad oracle line {line:?}");
            };
            Case {
                digits,
                valid: valid == "1",
                region,
                kind,
                valid_for: valid_for.split(',').filter(|r| *r != "-").collect(),
            }
        })
        .collect()
}

/// The fixture was written by the release the tables were generated from.
#[track_caller]
fn assert_same_release(fixture: &str) {
    let header = format!("# phonenumbers {PHONE_METADATA_VERSION}:");
    assert!(
        fixture.starts_with(&header),
        "fixture from another release than the tables ({PHONE_METADATA_VERSION}): {:?}",
        fixture.lines().next()
    );
}

#[test]
fn public_api_agrees_with_libphonenumber() {
    let text = include_str!("data/phone/oracle.txt");
    assert_same_release(text);
    let cases = cases(text);
    // Every ISO country named in the file; non-ISO regions (AC, TA, 001) have no Country.
    let countries: BTreeSet<Country> = cases
        .iter()
        .flat_map(|c| c.valid_for.iter().copied().chain([c.region]))
        .filter_map(iso)
        .collect();
    assert!(countries.len() > 230, "{} countries", countries.len());
    // A number can only be valid for the countries of its calling code: check those, and
    // a few others (all countries for the first numbers of each calling code).
    let mut by_code: BTreeMap<u16, BTreeSet<Country>> = BTreeMap::new();
    for case in cases.iter().filter(|c| c.valid) {
        let code = PhoneNumber::parse(&format!("+{}", case.digits)).map_or(0, |p| p.calling_code());
        let set = by_code.entry(code).or_default();
        set.extend(case.valid_for.iter().copied().filter_map(iso));
        set.extend(iso(case.region));
    }
    let others: Vec<Country> = ["US", "NG", "GB", "FR", "RU", "CN", "BR"]
        .into_iter()
        .map(|c| Country::parse(c).unwrap())
        .collect();
    let mut seen_code: BTreeMap<u16, usize> = BTreeMap::new();

    let mut bad = vec![];
    let mut valid = 0;
    for case in &cases {
        let e164 = format!("+{}", case.digits);
        match PhoneNumber::parse(&e164) {
            Err(err) => {
                if case.valid || err.code() != ErrorCode::InvalidPhoneNumber {
                    bad.push(format!(
                        "{e164}: oracle valid={}, parse error {err}",
                        case.valid
                    ));
                }
            }
            Ok(phone) => {
                valid += 1;
                let region = phone.region();
                let want_region = iso(case.region);
                if !case.valid
                    || region != want_region
                    || phone.number_type().libphonenumber_name() != case.kind
                    || phone.as_str() != e164
                {
                    bad.push(format!(
                        "{e164}: oracle {} {} {}, got {region:?} {:?}",
                        case.valid,
                        case.region,
                        case.kind,
                        phone.number_type()
                    ));
                }
                // check_country is is_valid_for as a Result.
                for r in &case.valid_for {
                    if let Some(country) = iso(r)
                        && phone.check_country(country).is_err()
                    {
                        bad.push(format!("{e164}: check_country({country}) failed"));
                    }
                }
                let seen = seen_code.entry(phone.calling_code()).or_default();
                *seen += 1;
                let check: Vec<Country> = if *seen <= 3 {
                    countries.iter().copied().collect()
                } else {
                    let same = by_code.get(&phone.calling_code()).into_iter().flatten();
                    same.chain(&others).copied().collect()
                };
                for country in check {
                    let want = case.valid_for.contains(country.as_str());
                    if phone.is_valid_for(country) != want {
                        bad.push(format!("{e164}: is_valid_for({country}) should be {want}"));
                    }
                }
            }
        }
    }
    assert!(valid > 5_000, "only {valid} valid numbers");
    assert!(
        bad.is_empty(),
        "{} disagreements with libphonenumber, first:\n{}",
        bad.len(),
        bad[..bad.len().min(30)].join("\n")
    );
}

#[test]
fn the_issue_cases() {
    let country = |s| Country::parse(s).unwrap();
    let gg = PhoneNumber::parse("+447911123456").unwrap();
    assert_eq!(gg.region(), Some(country("GG")));
    assert!(!gg.is_valid_for(country("GB")));
    let fi = PhoneNumber::parse("+358412345678").unwrap();
    assert_eq!(fi.region(), Some(country("FI")));
    assert!(fi.is_valid_for(country("AX")));
    let ca = PhoneNumber::parse("+14165550123").unwrap();
    assert_eq!(ca.region(), Some(country("CA")));
    assert!(!ca.is_valid_for(country("US")));
    let it = PhoneNumber::parse("+390212345678").unwrap();
    assert_eq!(it.region(), Some(country("IT")));
    let ng = PhoneNumber::parse("+2348012345678").unwrap();
    assert_eq!(
        (ng.region(), ng.number_type()),
        (Some(country("NG")), NumberType::Mobile)
    );
    // rlibphonenumber's bug: a Russian number passes as Nigerian. Not here.
    let ru = PhoneNumber::parse("+79123456789").unwrap();
    assert!(!ru.is_valid_for(country("NG")));
}

/// `+221 30 432 26 87` is a Senegalese fixed line in libphonenumber 9.0.43's metadata (its
/// fixed-line pattern `3(?:[026]\d|3[89])\d{6}`).
#[test]
fn senegal_fixed_line_304() {
    assert_eq!(PHONE_METADATA_VERSION, "9.0.43");
    let sn = Country::parse("SN").unwrap();
    let phone = PhoneNumber::parse("+221304322687").unwrap();
    assert_eq!(phone.region(), Some(sn));
    assert_eq!(phone.number_type(), NumberType::FixedLine);
    assert!(phone.is_valid_for(sn));
    assert_eq!(
        PhoneNumber::normalize("30 432 26 87", sn).map(|p| p.as_str().to_owned()),
        Ok("+221304322687".to_owned())
    );
}

/// Inputs where `normalize` knowingly differs from libphonenumber's `parse`:
/// - AR, GA and NF rewrite the national number with a transform rule (AR: a mobile `15`
///   becomes a leading `9`; GA: the `0` before `11`, `6x` and `7x` numbers goes; NF: a
///   `3` is inserted); normalize only strips the national prefix there;
/// - a 14-digit German national number makes 16 digits: valid for libphonenumber, but
///   E.164 allows 15, so it is not a valid `PhoneNumber`.
const KNOWN_NORMALIZE_DIFFERENCES: &[(&str, &str)] = &[
    ("AR", "011 15-234-6789"),
    ("AR", "011 15-2345-6789"),
    ("AR", "011 15-23495-6789"),
    ("GA", "06 03 12 734"),
    ("NF", "10 660"),
    ("DE", "08080 1234567890"),
];

/// `PhoneNumber::normalize` against libphonenumber's `parse(input, region)` on typed
/// forms of every example number (`tests/data/phone/normalize.txt`, written by
/// `scripts/phone_oracle.py normalize`): national and international formats, dialled
/// from abroad with an international prefix, with a digit dropped or added.
#[test]
fn normalize_agrees_with_libphonenumber_parse() {
    let text = include_str!("data/phone/normalize.txt");
    assert_same_release(text);
    let mut cases = 0;
    let mut bad = vec![];
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let [region, input, want] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("bad line {line:?}");
        };
        // AC, TA: libphonenumber regions that are not ISO countries.
        let Some(country) = iso(region) else { continue };
        cases += 1;
        let got = match PhoneNumber::normalize(input, country) {
            Ok(phone) => phone.as_str().to_owned(),
            Err(PhoneNormalizeError::NotValid { e164 }) => format!("!{e164}"),
            Err(_) => "ERR".to_owned(),
        };
        if got != want && !KNOWN_NORMALIZE_DIFFERENCES.contains(&(region, input)) {
            bad.push(format!(
                "{region} {input:?}: libphonenumber {want}, normalize {got}"
            ));
        }
    }
    assert!(cases > 8_000, "{cases} cases");
    assert!(
        bad.is_empty(),
        "{} of {cases} disagree:\n{}",
        bad.len(),
        bad[..bad.len().min(40)].join("\n")
    );
}
