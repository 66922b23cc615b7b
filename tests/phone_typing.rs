//! `PhoneNumber::normalize_typing` as a person types: every libphonenumber example number
//! of every region, in the forms people type them (`tests/data/phone/normalize.txt`:
//! national and international formats, `CC NATIONAL`, dialled from abroad with an
//! international prefix), typed one character at a time, is answered "so far" (or
//! valid) before its last character and valid at its end.

use customer_core::phone::PhoneNormalizeError;
use customer_core::{Country, PhoneNumber};

/// A final answer: a mistake the person must correct (not "keep typing").
fn is_final(e: &PhoneNormalizeError) -> bool {
    !matches!(
        e,
        PhoneNormalizeError::Empty
            | PhoneNormalizeError::Incomplete { .. }
            | PhoneNormalizeError::IncompleteCallingCode
    )
}

/// The typed forms that libphonenumber reads as valid numbers, with their country:
/// (region, input, E.164).
fn valid_forms() -> Vec<(Country, &'static str, &'static str)> {
    let text = include_str!("data/phone/normalize.txt");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let [region, input, want] = line.split('\t').collect::<Vec<_>>()[..] else {
                panic!("bad line {line:?}");
            };
            let country = Country::parse(region).ok().filter(|_| region.len() == 2)?;
            // Only what normalize reads as libphonenumber does (tests/phone_oracle.rs
            // lists the few it does not).
            let read = PhoneNumber::normalize(input, country).ok()?;
            (want.starts_with('+') && read.as_str() == want).then_some((country, input, want))
        })
        .collect()
}

/// Every prefix of `input` (by characters) and the answer to it.
fn typed(input: &str, country: Country) -> Vec<(&str, Result<PhoneNumber, PhoneNormalizeError>)> {
    input
        .char_indices()
        .map(|(i, c)| {
            let prefix = &input[..i + c.len_utf8()];
            (prefix, PhoneNumber::normalize_typing(prefix, country))
        })
        .collect()
}

#[test]
fn every_example_number_typed_character_by_character() {
    let forms = valid_forms();
    assert!(forms.len() > 5_000, "{} forms", forms.len());
    let mut regions = std::collections::BTreeSet::new();
    let mut bad = vec![];
    for (country, input, want) in &forms {
        regions.insert(country.as_str().to_owned());
        let answers = typed(input, *country);
        let Some(((_, last), before)) = answers.split_last() else {
            continue;
        };
        match last {
            Ok(phone) if phone.as_str() == *want => {}
            other => bad.push(format!("{country} {input:?}: at the end {other:?}")),
        }
        if let Some((prefix, Err(e))) = before
            .iter()
            .find(|(_, r)| matches!(r, Err(e) if is_final(e)))
        {
            bad.push(format!("{country} {input:?}: at {prefix:?} {e}"));
        }
    }
    assert!(regions.len() > 230, "{} regions", regions.len());
    assert!(
        bad.is_empty(),
        "{} of {} typed forms:\n{}",
        bad.len(),
        forms.len(),
        bad[..bad.len().min(40)].join("\n")
    );
}

/// Random numbers that libphonenumber finds valid (`scripts/phone_oracle.py random`,
/// lines with VALID 1), typed with `+` one digit at a time in the country of their region:
/// never a final error before the last digit, and the number itself at the end.
/// `PHONE_ORACLE_RANDOM=FILE cargo test --test phone_typing -- --ignored`.
#[test]
#[ignore = "needs PHONE_ORACLE_RANDOM, written by scripts/phone_oracle.py random"]
fn random_valid_numbers_typed_digit_by_digit() {
    let path = std::env::var("PHONE_ORACLE_RANDOM").expect("PHONE_ORACLE_RANDOM=FILE");
    let text = std::fs::read_to_string(&path).expect("read PHONE_ORACLE_RANDOM");
    let mut typed_numbers = 0;
    let mut bad = vec![];
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let [digits, valid, region, ..] = line.split(' ').collect::<Vec<_>>()[..] else {
            panic!("bad line {line:?}");
        };
        let Some(country) = Country::parse(region).ok().filter(|_| valid == "1") else {
            continue;
        };
        let e164 = format!("+{digits}");
        // More than 15 digits is valid for libphonenumber, not for E.164.
        if PhoneNumber::parse(&e164).is_err() {
            continue;
        }
        typed_numbers += 1;
        let answers = typed(&e164, country);
        let Some(((_, last), before)) = answers.split_last() else {
            continue;
        };
        if !matches!(last, Ok(p) if p.as_str() == e164) {
            bad.push(format!("{country} {e164}: at the end {last:?}"));
        }
        if let Some((prefix, Err(e))) = before
            .iter()
            .find(|(_, r)| matches!(r, Err(e) if is_final(e)))
        {
            bad.push(format!("{country} {e164}: at {prefix:?} {e}"));
        }
    }
    eprintln!("{typed_numbers} random valid numbers typed");
    assert!(typed_numbers > 1_000, "{typed_numbers} numbers");
    assert!(
        bad.is_empty(),
        "{} of {typed_numbers}:\n{}",
        bad.len(),
        bad[..bad.len().min(40)].join("\n")
    );
}
