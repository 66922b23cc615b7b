//! The numbering-plan engine behind [`crate::field::phone`]: validity, region and number type
//! of a strict E.164 number, with libphonenumber's semantics and no regex at run time.
//!
//! The metadata is compiled ahead of time (by `xtask`, see `tables.rs`) into one table of
//! DFA states over the ten digits. Each region (or non-geographic entity) has a start
//! state; walking the national significant number from it ends in a state whose label is
//! the answer of libphonenumber's `getNumberTypeHelper` (possible lengths and full-match
//! of every pattern included), or 0 when the number is not valid there. Regions sharing a
//! calling code may also have a `leadingDigits` DFA, used the way
//! `getRegionCodeForNumberFromRegionList` uses the pattern (a prefix match).
//!
//! Everything is static data: no initialisation, no allocation, no panics.

use super::NumberType;
use crate::field::country::Country;

pub(crate) use super::tables::METADATA_VERSION;
use super::tables::{
    CALLING_CODES, ENTITIES, Entity, LABELS, LEADING_MATCH, NO_LEADING, REGIONS, TAIL, TAIL_ANY,
    TRANSITIONS,
};

/// What the engine knows about a valid number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lookup {
    /// The country calling code, e.g. 234.
    pub(crate) calling_code: u16,
    /// The libphonenumber region (`"NG"`), or `None` for non-geographic numbers (`001`).
    pub(crate) region: Option<[u8; 2]>,
    /// The number's type under its region's metadata.
    pub(crate) number_type: NumberType,
    /// `region` as an ISO country (`None` for `001`, `AC`, `TA`).
    pub(crate) country: Option<Country>,
}

/// The number type of a DFA label (see the generator for the codes).
fn number_type(label: u8) -> NumberType {
    match label {
        1 => NumberType::FixedLine,
        2 => NumberType::Mobile,
        3 => NumberType::FixedLineOrMobile,
        4 => NumberType::TollFree,
        5 => NumberType::PremiumRate,
        6 => NumberType::SharedCost,
        7 => NumberType::Voip,
        8 => NumberType::PersonalNumber,
        9 => NumberType::Pager,
        10 => NumberType::Uan,
        11 => NumberType::Voicemail,
        _ => NumberType::Unknown,
    }
}

/// Walks `digits` from `start`; returns the label of the state reached (0 when dead or
/// when a byte is not a digit).
#[inline]
pub(super) fn walk(start: u16, digits: &[u8]) -> u8 {
    let mut state = start;
    let mut rest = digits;
    while let Some((&b, after)) = rest.split_first() {
        let Some(row) = TRANSITIONS.get(usize::from(state)) else {
            return 0;
        };
        let Some(&next) = row.get(usize::from(b.wrapping_sub(b'0'))) else {
            return 0;
        };
        if next & TAIL != 0 {
            return tail_label(next, after);
        }
        if next == 0 {
            return 0;
        }
        // Targets are relative (see TRANSITIONS).
        state = state.wrapping_sub(next) & !TAIL;
        rest = after;
    }
    LABELS.get(usize::from(state)).copied().unwrap_or(0)
}

/// The label of a tail transition (`TAIL | k << 5 | label`) followed by `rest`: `label`
/// when exactly `k` digits follow (or any number, for [`TAIL_ANY`]), else 0.
#[inline]
fn tail_label(code: u16, rest: &[u8]) -> u8 {
    let k = (code >> 5) & 31;
    let label = u8::try_from(code & 31).unwrap_or(0);
    let count_ok = k == TAIL_ANY || usize::from(k) == rest.len();
    if count_ok && rest.iter().all(u8::is_ascii_digit) {
        label
    } else {
        0
    }
}

/// libphonenumber `getNumberTypeHelper` for `national` in `entity`: 0 = UNKNOWN.
#[inline]
fn type_label(entity: &Entity, national: &[u8]) -> u8 {
    if entity.start == 0 {
        return 0;
    }
    walk(entity.start, national)
}

/// The calling code's entities, and the national significant number.
///
/// Calling codes are prefix-free, so at most one of the 1-, 2- and 3-digit prefixes is
/// assigned (libphonenumber `extractCountryCode`).
/// No calling code starts with 0 (`+030…` has none, as for libphonenumber).
pub(super) fn split(digits: &[u8]) -> Option<(u16, &'static [Entity], &[u8])> {
    if digits.first() == Some(&b'0') {
        return None;
    }
    let mut code: u16 = 0;
    for len in 1..=3usize {
        let d = *digits.get(len.checked_sub(1)?)?;
        if !d.is_ascii_digit() {
            return None;
        }
        code = code
            .checked_mul(10)?
            .checked_add(u16::from(d.wrapping_sub(b'0')))?;
        let &(first, count) = CALLING_CODES.get(usize::from(code))?;
        if count > 0 {
            let first = usize::from(first);
            let entities = ENTITIES.get(first..first.checked_add(usize::from(count))?)?;
            return Some((code, entities, digits.get(len..)?));
        }
    }
    None
}

/// The entities of a calling code (empty when it is not assigned), main region first.
pub(super) fn entities_of(code: u16) -> &'static [Entity] {
    CALLING_CODES
        .get(usize::from(code))
        .and_then(|&(first, count)| {
            let first = usize::from(first);
            ENTITIES.get(first..first.checked_add(usize::from(count))?)
        })
        .unwrap_or_default()
}

/// libphonenumber `getRegionCodeForNumberFromRegionList`: the first entity whose
/// `leadingDigits` match a prefix or, without them, for which the number is valid; with
/// the type label when it was computed on the way.
fn resolve<'a>(entities: &'a [Entity], national: &[u8]) -> Option<(&'a Entity, Option<u8>)> {
    entities.iter().find_map(|e| {
        if e.leading == NO_LEADING {
            let label = type_label(e, national);
            (label != 0).then_some((e, Some(label)))
        } else {
            (walk(e.leading, national) == LEADING_MATCH).then_some((e, None))
        }
    })
}

/// Validity, region and type of `digits` (E.164 without `+`), or `None` when the number is
/// not valid (libphonenumber `isValidNumber` is false).
pub(crate) fn lookup(digits: &str) -> Option<Lookup> {
    let (calling_code, entities, national) = split(digits.as_bytes())?;
    let (entity, label) = match entities {
        [only] => (only, None),
        _ => resolve(entities, national)?,
    };
    let label = label.unwrap_or_else(|| type_label(entity, national));
    if label == 0 {
        return None;
    }
    Some(Lookup {
        calling_code,
        region: entity.region,
        number_type: number_type(label),
        country: match entity.region {
            Some(r) if entity.iso => Some(Country::from_phone_tables(r)),
            _ => None,
        },
    })
}

/// The entity of a geographic region.
pub(super) fn entity_of(region: [u8; 2]) -> Option<&'static Entity> {
    let at = REGIONS.binary_search_by(|(r, _)| r.cmp(&region)).ok()?;
    REGIONS
        .get(at)
        .and_then(|&(_, i)| ENTITIES.get(usize::from(i)))
}

/// libphonenumber `isValidNumberForRegion`: the region's calling code must be the
/// number's, then the number must match one of the region's type patterns.
pub(crate) fn is_valid_for_region(digits: &str, region: [u8; 2]) -> bool {
    let Some(entity) = entity_of(region) else {
        return false;
    };
    let Some((calling_code, _, national)) = split(digits.as_bytes()) else {
        return false;
    };
    calling_code == entity.calling_code && type_label(entity, national) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_cases() {
        let gg = lookup("447911123456").unwrap();
        assert_eq!(gg.region, Some(*b"GG"));
        assert!(!is_valid_for_region("447911123456", *b"GB"));
        assert!(is_valid_for_region("447911123456", *b"GG"));
        let fi = lookup("358412345678").unwrap();
        assert_eq!(fi.region, Some(*b"FI"));
        assert!(is_valid_for_region("358412345678", *b"AX"));
        let ca = lookup("14165550123").unwrap();
        assert_eq!(ca.region, Some(*b"CA"));
        assert!(!is_valid_for_region("14165550123", *b"US"));
        let it = lookup("390212345678").unwrap();
        assert_eq!(it.region, Some(*b"IT"));
        assert_eq!(it.number_type, NumberType::FixedLine);
        let ng = lookup("2348012345678").unwrap();
        assert_eq!(
            (ng.region, ng.number_type),
            (Some(*b"NG"), NumberType::Mobile)
        );
        // The calling code is checked first: a Russian number is not Nigerian.
        assert!(!is_valid_for_region("79123456789", *b"NG"));
        // Non-geographic: +800 international freephone.
        let free = lookup("80012345678").unwrap();
        assert_eq!((free.calling_code, free.region), (800, None));
        assert_eq!(free.number_type, NumberType::TollFree);
    }

    #[test]
    fn garbage_is_not_valid() {
        for s in [
            "",
            "0",
            "9",
            "999",
            "1",
            "12345678901234567890",
            "44a",
            "4\u{0}",
        ] {
            assert_eq!(lookup(s), None, "{s:?}");
            assert!(!is_valid_for_region(s, *b"GB"), "{s:?}");
        }
        assert!(!is_valid_for_region("447911123456", *b"ZZ"));
    }

    #[test]
    fn tables_are_consistent() {
        for e in &ENTITIES {
            assert!(usize::from(e.start) < TRANSITIONS.len());
            assert!(e.leading == NO_LEADING || usize::from(e.leading) < TRANSITIONS.len());
        }
        assert_eq!(LABELS.len(), TRANSITIONS.len());
        assert!(REGIONS.windows(2).all(|w| w[0].0 < w[1].0));
        // The generator's ISO marks are Country's rule.
        for e in &ENTITIES {
            if let Some(r) = e.region {
                assert_eq!(e.iso, Country::from_bytes(r).is_some(), "{r:?}");
            }
        }
        assert_eq!(lookup("24740123").unwrap().country, None); // AC
        assert_eq!(
            lookup("2348012345678").unwrap().country,
            Country::from_bytes(*b"NG")
        );
    }
}

/// The engine against Google's libphonenumber (`scripts/phone_oracle.py`): every verdict,
/// including `isValidNumberForRegion` for invalid numbers and non-ISO regions (AC, TA).
#[cfg(test)]
mod oracle {
    use super::*;

    /// Checks every line of an oracle file; returns (cases, disagreements).
    pub(crate) fn check(text: &str) -> (usize, Vec<String>) {
        let mut cases = 0;
        let mut bad = vec![];
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            cases += 1;
            let f: Vec<&str> = line.split(' ').collect();
            let [digits, valid, region, kind, valid_for] = f[..] else {
                panic!("bad oracle line {line:?}");
            };
            let got = lookup(digits);
            let got_text = match got {
                None => "0 - -".to_owned(),
                Some(l) => {
                    let r = l.region.map_or("001".to_owned(), |r| {
                        String::from_utf8_lossy(&r).into_owned()
                    });
                    format!("1 {r} {}", l.number_type.libphonenumber_name())
                }
            };
            let want_text = format!("{valid} {region} {kind}");
            // isValidNumberForRegion for every region of the calling code.
            let want_for: Vec<&str> = valid_for.split(',').filter(|r| *r != "-").collect();
            let mut got_for = vec![];
            if let Some((_, entities, _)) = split(digits.as_bytes()) {
                for e in entities {
                    if let Some(r) = e.region
                        && is_valid_for_region(digits, r)
                    {
                        got_for.push(String::from_utf8_lossy(&r).into_owned());
                    }
                }
            }
            let got_for = if got_for.is_empty() {
                "-".to_owned()
            } else {
                got_for.join(",")
            };
            let want_for = if want_for.is_empty() {
                "-".to_owned()
            } else {
                want_for.join(",")
            };
            if got_text != want_text || got_for != want_for {
                bad.push(format!(
                    "{digits}: oracle {want_text} {want_for}, engine {got_text} {got_for}"
                ));
            }
        }
        (cases, bad)
    }

    #[track_caller]
    fn assert_agrees(text: &str) {
        let (cases, bad) = check(text);
        assert!(cases > 0, "no cases");
        assert!(
            bad.is_empty(),
            "{} of {cases} disagree:\n{}",
            bad.len(),
            bad[..bad.len().min(30)].join("\n")
        );
        eprintln!("phone oracle: {cases} cases agree");
    }

    #[test]
    fn agrees_on_examples_and_mutations() {
        assert_agrees(include_str!("../../../tests/data/phone/oracle.txt"));
    }

    /// `PHONE_ORACLE_RANDOM=FILE cargo test --lib -- --ignored random`: the file that
    /// `scripts/phone_oracle.py random` wrote (CI: `.ci/phone.sh`).
    #[test]
    #[ignore = "needs PHONE_ORACLE_RANDOM, written by scripts/phone_oracle.py random"]
    fn agrees_on_random_numbers() {
        let path = std::env::var("PHONE_ORACLE_RANDOM").expect("PHONE_ORACLE_RANDOM=FILE");
        let text = std::fs::read_to_string(&path).expect("read PHONE_ORACLE_RANDOM");
        assert_agrees(&text);
    }
}
