//! Unit tests of `rules`.

use super::*;

fn rules(code: &str) -> CountryRules {
    CountryRules::of(Country::parse(code).unwrap()).unwrap()
}

#[test]
fn tables_are_consistent() {
    assert!(COUNTRIES.windows(2).all(|w| w[0].code < w[1].code));
    assert_eq!(ACCEPT.len(), TRANSITIONS.len().div_ceil(64));
    for r in &COUNTRIES {
        assert!(usize::from(r.zip) < TRANSITIONS.len());
        let (first, count) = r.names;
        let names = &NAMES[usize::from(first)..usize::from(first) + usize::from(count)];
        let Some(country) = Country::from_bytes(r.code) else {
            continue;
        };
        let rules = CountryRules::of(country).unwrap();
        let folded: Vec<String> = names
            .iter()
            .map(|&e| {
                assert!((e >> 6) < r.subdivisions.1, "{country:?}");
                let name = rules.indexed_name(e);
                assert!(!name.is_empty(), "{country:?} {e}");
                fold(name).into_owned()
            })
            .collect();
        // Sorted and unique under the library's fold, which is the generator's, and
        // found by the comparison the search uses.
        assert!(folded.windows(2).all(|w| w[0] < w[1]), "{country:?}");
        for &e in names {
            let name = rules.indexed_name(e);
            assert_eq!(Query::new(name).cmp_stored(name), Ordering::Equal, "{name}");
        }
    }
    for s in &SUBDIVISIONS {
        assert!(usize::from(s.zip) < TRANSITIONS.len());
        assert!(!nth_name(s, 0).is_empty());
    }
}

/// The static data the tables add to a binary (figures: benches/README.md), under a
/// budget: `cargo test --lib table_bytes -- --nocapture` prints it.
#[test]
fn table_bytes() {
    use std::mem::size_of_val;
    let parts = [
        ("TRANSITIONS", size_of_val(&TRANSITIONS)),
        ("ACCEPT", size_of_val(&ACCEPT)),
        ("COUNTRIES", size_of_val(&COUNTRIES)),
        ("SUBDIVISIONS", size_of_val(&SUBDIVISIONS)),
        ("NAMES", size_of_val(&NAMES)),
        ("TEXT", TEXT.len()),
        (
            "FORMATS",
            super::super::tables::FORMATS
                .iter()
                .map(|f| f.len() + 16)
                .sum(),
        ),
    ];
    let total: usize = parts.iter().map(|(_, n)| n).sum();
    eprintln!("address tables: {parts:?}, {total} bytes");
    assert!(total < 125_000, "{total} bytes");
}

#[test]
fn every_example_is_valid_and_normalized() {
    let mut not_canonical = vec![];
    for r in &COUNTRIES {
        let Some(country) = Country::from_bytes(r.code) else {
            continue;
        };
        let rules = CountryRules::of(country).unwrap();
        for ex in rules.postal_code_examples() {
            if r.zip != 0 {
                assert_eq!(
                    rules.postal_code_status(ex),
                    PostalCodeStatus::Valid,
                    "{country:?} {ex}"
                );
            }
            let n = rules.normalize_postal_code(ex).unwrap();
            if n != ex {
                not_canonical.push(format!("{}: {ex} -> {n}", country.as_str()));
            }
        }
    }
    assert!(not_canonical.is_empty(), "{not_canonical:#?}");
}

#[test]
fn issue_examples() {
    let us = rules("US");
    assert_eq!(us.postal_code_status("9501"), PostalCodeStatus::Incomplete);
    assert_eq!(
        us.postal_code_status("95014-"),
        PostalCodeStatus::Incomplete
    );
    assert_eq!(
        us.postal_code_status("95014-1"),
        PostalCodeStatus::Incomplete
    );
    assert_eq!(us.postal_code_status("95014-1234"), PostalCodeStatus::Valid);
    assert_eq!(us.postal_code_status("950145"), PostalCodeStatus::Invalid);
    assert_eq!(us.postal_code_status("9501é"), PostalCodeStatus::Invalid);
    assert_eq!(
        us.normalize_postal_code(" 22162 1010 ").as_deref(),
        Some("22162-1010")
    );
    let gb = rules("GB");
    assert_eq!(
        gb.normalize_postal_code("sw1a1aa").as_deref(),
        Some("SW1A 1AA")
    );
    assert_eq!(
        gb.normalize_postal_code("sw1a 1aa").as_deref(),
        Some("SW1A 1AA")
    );
    assert_eq!(gb.normalize_postal_code("SW1A1A"), None);
    let ca = rules("CA");
    let on = ca.subdivision("Ontario").unwrap();
    assert_eq!(on.code(), "ON");
    assert!(on.contains_postal_code("K1A 0B1"));
    assert!(!on.contains_postal_code("H3Z 2Y7"));
    assert_eq!(ca.subdivision("QUÉBEC").unwrap().code(), "QC");
    assert_eq!(ca.subdivision("Quebec").unwrap().code(), "QC");
    assert_eq!(
        ca.subdivision("Île-du-Prince-Édouard").unwrap().code(),
        "PE"
    );
    assert_eq!(
        ca.subdivision("ile-du-prince-edouard").unwrap().code(),
        "PE"
    );
    assert_eq!(ca.subdivision("Acme"), None);
    let hint = elsewhere("Ontario", Country::parse("US").unwrap()).unwrap();
    assert_eq!(hint.country().as_str(), "CA");
    let jp = rules("JP");
    let tokyo = jp.subdivision("tokyo").unwrap();
    assert_eq!((tokyo.code(), tokyo.key()), ("13", "東京都"));
    assert_eq!(jp.subdivision("東京都"), Some(tokyo));
    assert_eq!(rules("NG").subdivision("Lagos").unwrap().code(), "LA");
    assert_eq!(rules("US").subdivisions().len(), 62);
    // Vowel signs spell a name: they are not folded away like accents.
    let odisha = rules("IN").subdivision("Odisha").unwrap();
    let hindi = "ओड़िशा";
    assert_eq!(rules("IN").subdivision(hindi), Some(odisha));
    assert_eq!(rules("IN").subdivision(hindi.trim_end_matches('ा')), None);
}

#[test]
fn every_subdivision_is_found_by_its_codes_and_names() {
    for r in &COUNTRIES {
        let Some(country) = Country::from_bytes(r.code) else {
            continue;
        };
        let rules = CountryRules::of(country).unwrap();
        for s in rules.subdivisions() {
            // The stored code re-validates to the same subdivision.
            assert_eq!(rules.subdivision(s.code()), Some(s), "{s:?}");
            assert_eq!(
                rules.subdivision(&s.code().to_lowercase()),
                Some(s),
                "{s:?}"
            );
            let by_name = rules.subdivision(s.name()).unwrap();
            assert_eq!(by_name.code(), s.code(), "{s:?} by name");
        }
    }
}
