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
