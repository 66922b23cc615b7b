//! Property tests: generated valid customers (the exported `customer_core::strategy`, one
//! generator for users and for us) validate and round-trip; every normaliser is
//! idempotent; no input in any field makes anything panic.

mod support;

use support::props;

use customer_core::{
    AddressText, Country, CreateCustomer, CustomerId, Email, PersonName, PhoneNumber, Timestamp,
    strategy,
};
use proptest::prelude::*;
use serde_json::{Value, json};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_valid_requests_validate_and_round_trip(request in strategy::create_customer()) {
        let bytes = serde_json::to_vec(&request).unwrap();
        let parsed = CreateCustomer::from_json(&bytes);
        prop_assert!(parsed.is_ok(), "{request:?}: {}", parsed.unwrap_err());
        prop_assert_eq!(parsed.unwrap(), request);
        props::check_create_customer(&bytes);
    }

    #[test]
    fn normalisers_are_idempotent(s in prop_oneof![any::<String>(), "\\PC{0,40}", "[a-zé\u{300}-\u{36F} '’‐-]{0,30}", "[ +0-9]{0,18}", "[A-Za-z]{0,4}"]) {
        if let Ok(v) = PersonName::parse(&s) { prop_assert_eq!(PersonName::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = Email::parse(&s) { prop_assert_eq!(Email::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = AddressText::parse(&s) { prop_assert_eq!(AddressText::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = Country::parse(&s) { prop_assert_eq!(Country::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = PhoneNumber::parse(&s) { prop_assert_eq!(PhoneNumber::parse(v.as_str()).unwrap(), v); }
        if let Ok(v) = Timestamp::parse(&s) { prop_assert_eq!(Timestamp::parse(&v.to_string()).unwrap(), v); }
        if let Ok(v) = CustomerId::parse(&s) { prop_assert_eq!(CustomerId::parse(&v.to_string()).unwrap(), v); }
    }

    #[test]
    fn names_with_marks_follow_the_rule(s in "[a-zé\u{300}-\u{36F} '’-]{1,30}") {
        // Whatever is accepted has a letter and no mark right after a separator.
        if let Ok(v) = PersonName::parse(&s) {
            prop_assert!(v.as_str().chars().any(char::is_alphabetic));
            let starts_with_mark = v.as_str().starts_with(|c: char| ('\u{300}'..='\u{36F}').contains(&c));
            prop_assert!(!starts_with_mark);
        }
    }

    #[test]
    fn any_string_in_any_field_never_panics(s in any::<String>(), field in 0usize..11) {
        let mut body = json!({
            "first_name": "John", "last_name": "Doe", "email": "john@example.com",
            "phone_number": "+2348012345678",
            "billing_address": {"line1": "1 A St", "line2": null, "city": "Lagos",
                "state": null, "zip_code": null, "country": "NG"}
        });
        let pointer = ["/first_name", "/last_name", "/email", "/phone_number",
            "/billing_address/line1", "/billing_address/line2", "/billing_address/city",
            "/billing_address/state", "/billing_address/zip_code", "/billing_address/country",
            "/billing_address"][field];
        *body.pointer_mut(pointer).unwrap() = Value::String(s);
        props::check_create_customer(&serde_json::to_vec(&body).unwrap());
    }

    #[test]
    fn any_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
        props::check_create_customer(&data);
    }
}

// ---------------------------------------------------------------------------------------
// Email: internationalized addresses.

/// Plausible internationalized addresses: local parts mixing ASCII atext with letters and
/// combining marks of several scripts, domains of Latin, Greek, Cyrillic and Han labels.
fn intl_email() -> impl Strategy<Value = String> {
    (
        "[a-zA-ZéÉüÜßøØçÇñÑİıαβγΑΒΓΣσςжЖ用户ह][a-zA-Z0-9éÉüÜßøØçÇñÑİıαβγΑΒΓΣσςжЖ用户ह\u{301}\u{308}\u{94D}+_-]{0,15}",
        prop::collection::vec("[a-zäöüÄÖÜßπαράδειγμΑΠпримерПРИМЕР例子]{1,8}", 1..3),
        prop::sample::select(vec!["com", "DE", "рф", "广告", "δοκιμή", "xn--p1ai"]),
        prop::sample::select(vec![".", "。", "．"]),
    )
        .prop_map(|(local, labels, tld, dot)| {
            format!("{local}@{}{dot}{tld}", labels.join(dot))
        })
}

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn email_never_panics_and_keeps_its_invariants(
        s in prop_oneof![any::<String>(), "\\PC{0,80}", intl_email(), "[a-z@.。\u{301}\u{200D}\u{202E} -]{0,30}"]
    ) {
        for policy in [customer_core::EmailPolicy::Internationalized, customer_core::EmailPolicy::AsciiOnly] {
            if let Ok(e) = Email::parse_with(&s, policy) {
                prop_assert!(e.as_str().len() <= 254);
                prop_assert_eq!(e.as_str(), format!("{}@{}", e.local_part(), e.domain()));
                prop_assert_eq!(nfd(e.local_part()).chars().count() >= 1, true);
                prop_assert_eq!(e.domain(), e.domain().to_lowercase());
                prop_assert!(e.ascii_domain().is_ascii());
                prop_assert!(e.ascii_domain().len() <= 253);
                prop_assert_eq!(e.ascii_address().is_some(), e.local_part().is_ascii());
                let _ = e.uniqueness_key();
            } else if let Err(err) = Email::parse_with(&s, policy) {
                prop_assert!(!err.to_string().is_empty());
            }
        }
    }

    #[test]
    fn email_normalization_is_idempotent(s in intl_email()) {
        let parsed = Email::parse(&s);
        prop_assume!(parsed.is_ok(), "generated addresses are mostly valid");
        let e = parsed.unwrap();
        let again = Email::parse(e.as_str()).expect("the stored form is valid");
        prop_assert_eq!(&again, &e);
        // The xn-- spelling stores the same address.
        let ascii = format!("{}@{}", e.local_part(), e.ascii_domain());
        prop_assert_eq!(Email::parse(&ascii).expect("xn-- form is valid"), e);
    }

    /// The key is what the docs claim: the same for every spelling that differs by case
    /// (lowercasing), NFC/NFD, U-label or A-label domain, and full-width dots.
    #[test]
    fn email_uniqueness_key_is_stable_under_the_normalizations_it_claims(s in intl_email()) {
        let parsed = Email::parse(&s);
        prop_assume!(parsed.is_ok(), "generated addresses are mostly valid");
        let e = parsed.unwrap();
        let key = e.uniqueness_key();
        let spellings = [
            nfd(&s),
            s.to_lowercase(),
            nfd(&s.to_lowercase()),
            format!("{}@{}", e.local_part(), e.ascii_domain()),
            format!("{}@{}", e.local_part(), e.ascii_domain().to_uppercase()),
            // Upper case is not claimed in general (`ß` upper-cases to `SS`), ASCII is.
            format!("{}@{}", e.local_part(), e.domain().to_ascii_uppercase()),
            format!("{}@{}", e.local_part(), e.domain().replace('.', "。")),
        ];
        for spelling in spellings {
            let other = Email::parse(&spelling);
            prop_assert!(other.is_ok(), "{:?} refused: {}", spelling, other.unwrap_err());
            prop_assert_eq!(other.unwrap().uniqueness_key(), key.clone(), "{:?}", spelling);
        }
        // The key is itself a valid address whose key is itself.
        prop_assert_eq!(Email::parse(&key).expect("key parses").uniqueness_key(), key);
    }
}
