//! Unit tests of `normalize`.

use super::*;
use crate::error::ErrorCode;

fn country(s: &str) -> Country {
    Country::parse(s).unwrap()
}

fn typed(calling_code: Option<u16>, digits: &str) -> TypedDigits {
    TypedDigits {
        calling_code,
        digits: Digits::new(digits.as_bytes()).unwrap(),
    }
}

fn read_e164(calling_code: u16, national: &str) -> ReadE164 {
    ReadE164 {
        calling_code,
        national: Digits::new(national.as_bytes()).unwrap(),
    }
}

#[test]
fn inline_digits() {
    assert_eq!(Digits::<5>::of_number(0).unwrap().as_str(), "0");
    assert_eq!(Digits::<5>::of_number(65535).unwrap().as_str(), "65535");
    assert!(Digits::<3>::of_number(1234).is_none());
    assert!(Digits::<3>::new(b"1234").is_none());
    let mut d = Digits::<3>::new(b"12").unwrap();
    assert_eq!(d.push(b'3'), Some(()));
    assert_eq!(d.push(b'4'), None);
    assert_eq!(d.as_str(), "123");
    assert_eq!(read_e164(234, "0801234").to_string(), "+2340801234");
    assert_eq!(
        format!("{:?}", read_e164(234, "0801234")),
        "ReadE164(\"+2340801234\")"
    );
    assert_eq!(typed(Some(44), "2079").to_string(), "+44 2079");
    assert_eq!(typed(None, "0801234").to_string(), "0801234");
    assert_eq!(
        format!("{:?}", typed(Some(44), "2079")),
        "TypedDigits(\"+44 2079\")"
    );
    assert_eq!(PhonePlace::CallingCode(247).to_string(), "+247");
    assert_eq!(
        PhonePlace::Country(country("NG")).country(),
        Some(country("NG"))
    );
    assert_eq!(PhonePlace::CallingCode(800).country(), None);
}

#[track_caller]
fn ok(input: &str, c: &str, want: &str) {
    match normalize(input, country(c)) {
        Ok(p) => assert_eq!(p.as_str(), want, "{input:?} in {c}"),
        Err(e) => panic!("{input:?} in {c}: {e}"),
    }
}

#[test]
fn the_issue_cases() {
    ok("0801 234 5678", "NG", "+2348012345678");
    ok("(416) 555-0123", "CA", "+14165550123");
    // Nigeria's international prefix is 009: there, `00 44…` is a national number.
    ok("009 44 20 7946 0000", "NG", "+442079460000");
    assert_eq!(
        normalize("00 44 20 7946 0000", country("NG")),
        Err(PhoneNormalizeError::NotValid {
            e164: read_e164(234, "0442079460000")
        })
    );
    ok("00 44 20 7946 0000", "FR", "+442079460000");
    ok("011 44 20 7946 0000", "US", "+442079460000");
    ok("+44 (0)20 7946 0000", "US", "+442079460000");
    ok("+2348012345678", "US", "+2348012345678");
    ok("234 801 234 5678", "NG", "+2348012345678");
    ok("02 1234 5678", "IT", "+390212345678");
    ok("07911 123456", "GG", "+447911123456");
    ok("８０１２３４５６７８", "NG", "+2348012345678");
}

proptest::proptest! {
    /// Any input: no panic; a result is valid, and normalizing its E.164 form (in any
    /// country) gives it back.
    #[test]
    fn any_input(input in "[+０-９0-9 ()./~-]{0,30}|\\PC{0,40}", c in 0usize..245) {
        let country = super::super::tables::REGIONS
            .iter()
            .filter_map(|&(r, _)| Country::from_bytes(r))
            .nth(c % 243)
            .unwrap();
        if let Ok(phone) = normalize(&input, country) {
            let again = PhoneNumber::parse(phone.as_str()).unwrap();
            proptest::prop_assert_eq!(&again, &phone);
            proptest::prop_assert_eq!(normalize(phone.as_str(), country).unwrap(), phone);
        }
    }

    /// E.164 input read as typed: the same number, whatever the country.
    #[test]
    fn e164_is_kept(digits in "[1-9][0-9]{1,14}", c in 0usize..245) {
        let country = super::super::tables::REGIONS
            .iter()
            .filter_map(|&(r, _)| Country::from_bytes(r))
            .nth(c % 243)
            .unwrap();
        let e164 = format!("+{digits}");
        // normalize may strip a national prefix after `+` (`+44 0…`), as
        // libphonenumber's parse does: only then may the result differ.
        let stripped = |got: &str| got != e164 && got.len() < e164.len();
        match (PhoneNumber::parse(&e164), normalize(&e164, country)) {
            (Ok(a), Ok(b)) => proptest::prop_assert!(a == b || stripped(b.as_str())),
            (Ok(a), Err(PhoneNormalizeError::NotValid { e164: got })) => {
                proptest::prop_assert!(stripped(&got.to_string()), "{a:?} read as {got}")
            }
            (Ok(a), Err(e)) => proptest::prop_assert!(false, "{a:?}: {e}"),
            (Err(_), Ok(b)) => proptest::prop_assert!(stripped(b.as_str())),
            (Err(_), Err(_)) => {}
        }
    }
}

#[track_caller]
fn typing(input: &str, c: &str) -> PhoneNormalizeError {
    normalize_typing(input, country(c)).unwrap_err()
}

#[test]
fn typing_tells_too_short_too_long_and_not_of_country_apart() {
    // Still being typed: the national prefix is not counted, and what was typed is shown.
    assert_eq!(
        typing("0801 234", "NG"),
        PhoneNormalizeError::Incomplete {
            read: typed(None, "0801234"),
            place: PhonePlace::Country(country("NG")),
            digits: 6,
            min: 10,
        }
    );
    assert_eq!(
        typing("0", "NG").to_string(),
        "is too short so far for Nigeria (NG): read as 0 (0 digits, at least 10)"
    );
    assert_eq!(
        typing("(", "NG").to_string(),
        "is too short so far for Nigeria (NG): at least 10 digits"
    );
    // The fewest digits of the numbers starting as typed, not of the whole country.
    assert_eq!(
        typing("+44 20 79", "NG").to_string(),
        "is too short so far for United Kingdom of Great Britain and Northern Ireland (GB): \
         read as +44 2079 (4 digits, at least 10)"
    );
    // The issue's number: every prefix is still being typed.
    for prefix in [
        "0",
        "02",
        "020",
        "020 7",
        "020 79",
        "020 794",
        "020 7946",
        "020 7946 0",
        "020 7946 09",
        "020 7946 095",
    ] {
        assert!(
            matches!(typing(prefix, "GB"), PhoneNormalizeError::Incomplete { .. }),
            "{prefix}: {}",
            typing(prefix, "GB")
        );
    }
    // A calling code still being typed, and one that no code starts with.
    for prefix in ["+", "+2", "+23", "00", "00 4", "011", "011 4"] {
        let c = if prefix.starts_with("011") {
            "US"
        } else {
            "FR"
        };
        assert_eq!(
            typing(prefix, c),
            PhoneNormalizeError::IncompleteCallingCode,
            "{prefix}"
        );
    }
    assert_eq!(
        typing("+999", "NG"),
        PhoneNormalizeError::UnknownCallingCode
    );
    // A region that is not an ISO country: only its calling code.
    let e = typing("+247 1", "NG");
    assert!(
        matches!(
            e,
            PhoneNormalizeError::NotOfCountry {
                place: PhonePlace::CallingCode(247),
                ..
            }
        ) || matches!(
            e,
            PhoneNormalizeError::Incomplete {
                place: PhonePlace::CallingCode(247),
                ..
            }
        ),
        "{e:?}"
    );
    let e = typing("+247 4", "NG");
    assert_eq!(
        e.to_string(),
        "is too short so far for +247: read as +247 4 (1 digit, at least 5)"
    );
    assert!(matches!(
        typing("011 44 20", "US"),
        PhoneNormalizeError::Incomplete { digits: 2, .. }
    ));
    // Too long: the numbers starting as typed are all shorter.
    assert_eq!(
        typing("0801 234 5678 12345", "NG"),
        PhoneNormalizeError::TooLongFor {
            read: typed(None, "0801234567812345"),
            place: PhonePlace::Country(country("NG")),
            digits: 15,
            max: 10,
        }
    );
    assert_eq!(
        typing("0801 234 5678 1", "NG").to_string(),
        "is too long for Nigeria (NG): read as 080123456781 (11 digits, at most 10)"
    );
    // A digit no number of the country has there: not a number of the country.
    let e = typing("0101 234 5678 9", "NG");
    assert!(
        matches!(e, PhoneNormalizeError::NotOfCountry { .. }),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "is not a number of Nigeria (NG): read as 010123456789"
    );
    let e = typing("(416) 555-012", "CA");
    assert!(
        matches!(e, PhoneNormalizeError::Incomplete { min: 10, .. }),
        "{e:?}"
    );
    let e = typing("+1 416 555 01234", "CA");
    assert!(
        matches!(e, PhoneNormalizeError::TooLongFor { max: 10, .. }),
        "{e:?}"
    );
    for e in [
        typing("0801 234", "NG"),
        typing("0801 234 5678 12345", "NG"),
        typing("+2", "NG"),
    ] {
        assert_eq!(e.code(), ErrorCode::InvalidPhoneNumber);
    }
    // What is not a phone number at all keeps normalize's errors.
    assert_eq!(
        typing("0801+234", "NG"),
        PhoneNormalizeError::MisplacedPlus { position: 5 }
    );
    assert_eq!(
        typing("+999 1", "NG"),
        PhoneNormalizeError::UnknownCallingCode
    );
    assert_eq!(typing("  ", "NG"), PhoneNormalizeError::Empty);
    // Nothing after the calling code yet: one space, and "digit" in the singular.
    assert_eq!(
        typing("+234", "US").to_string(),
        "is too short so far for Nigeria (NG): read as +234 (0 digits, at least 10)"
    );
    assert_eq!(
        typing("+234 8", "US").to_string(),
        "is too short so far for Nigeria (NG): read as +234 8 (1 digit, at least 10)"
    );
}

/// The digits of `input` followed by `more`, normalized.
fn continued(input: &str, more: &More, c: Country) -> Result<PhoneNumber, PhoneNormalizeError> {
    let mut text = input.to_owned();
    text.push_str(more.as_str());
    normalize(&text, c)
}

proptest::proptest! {
    /// "So far" is answered with a valid continuation, whose number the engine (the
    /// automata, not normalize) finds valid; a final answer stays final whatever digit
    /// follows (no continuation of a final answer is valid).
    #[test]
    fn so_far_exactly_when_a_continuation_is_valid(
        input in "\\+?[0-9]{0,14}",
        c in 0usize..245,
        next in 0u8..10,
    ) {
        let country = super::super::tables::REGIONS
            .iter()
            .filter_map(|&(r, _)| Country::from_bytes(r))
            .nth(c % 243)
            .unwrap();
        proptest::prop_assume!(!input.is_empty());
        let (digits, plus) = digits_of(&input).unwrap();
        let answer = normalize_typing(&input, country);
        let so_far = matches!(
            answer,
            Err(PhoneNormalizeError::Incomplete { .. } | PhoneNormalizeError::IncompleteCallingCode)
        );
        let more = continuation(digits.as_bytes(), plus, country);
        if answer.is_err() {
            proptest::prop_assert_eq!(so_far, more.is_some(), "{:?}: {:?}", input, answer);
        }
        if let Some(more) = more {
            let phone = continued(&input, &more, country).unwrap();
            proptest::prop_assert!(engine::lookup(&phone.as_str()[1..]).is_some());
        }
        let is_final = matches!(
            answer,
            Err(PhoneNormalizeError::TooLongFor { .. }
                | PhoneNormalizeError::NotOfCountry { .. }
                | PhoneNormalizeError::UnknownCallingCode)
        );
        if is_final {
            let longer = format!("{input}{next}");
            let after = normalize_typing(&longer, country);
            proptest::prop_assert!(
                matches!(
                    after,
                    Err(PhoneNormalizeError::TooLongFor { .. }
                        | PhoneNormalizeError::NotOfCountry { .. }
                        | PhoneNormalizeError::UnknownCallingCode
                        | PhoneNormalizeError::TooLong)
                ),
                "{:?}: {:?}, then {:?}: {:?}", input, answer, longer, after
            );
        }
    }
}

proptest::proptest! {
    /// normalize_typing is normalize, with more precise reasons only where normalize
    /// says not valid or too short.
    #[test]
    fn typing_refines_normalize(input in "[+0-9 ()-]{0,24}", c in 0usize..245) {
        let country = super::super::tables::REGIONS
            .iter()
            .filter_map(|&(r, _)| Country::from_bytes(r))
            .nth(c % 243)
            .unwrap();
        match (normalize(&input, country), normalize_typing(&input, country)) {
            (Ok(a), Ok(b)) => proptest::prop_assert_eq!(a, b),
            (Err(a @ (PhoneNormalizeError::NotValid { .. } | PhoneNormalizeError::TooShort | PhoneNormalizeError::UnknownCallingCode)), Err(b)) => {
                proptest::prop_assert!(b == a || b.code() == ErrorCode::InvalidPhoneNumber, "{a:?} vs {b:?}");
            }
            (Err(a), Err(b)) => proptest::prop_assert_eq!(a, b),
            (a, b) => proptest::prop_assert!(false, "{a:?} vs {b:?}"),
        }
    }
}

#[test]
fn precise_errors() {
    let err = |input: &str, c: &str| normalize(input, country(c)).unwrap_err();
    assert_eq!(err("  ", "NG"), PhoneNormalizeError::Empty);
    assert_eq!(
        err("0801 234 5678 ext 5", "NG").to_string(),
        "may contain only digits, a leading `+`, spaces and ( ) - . /; found 'e' (U+0065) at position 15"
    );
    assert_eq!(
        err("0801+234", "NG"),
        PhoneNormalizeError::MisplacedPlus { position: 5 }
    );
    assert_eq!(
        err("+999 123 456", "NG"),
        PhoneNormalizeError::UnknownCallingCode
    );
    assert_eq!(err("0", "NG"), PhoneNormalizeError::TooShort);
    // The national prefix stays when the rest is too short (libphonenumber does so).
    assert_eq!(
        err("0801 234", "NG"),
        PhoneNormalizeError::NotValid {
            e164: read_e164(234, "0801234")
        }
    );
    assert_eq!(err("0801 234", "NG").code(), ErrorCode::InvalidPhoneNumber);
    assert_eq!(
        err("1".repeat(30).as_str(), "NG"),
        PhoneNormalizeError::TooLong
    );
}
