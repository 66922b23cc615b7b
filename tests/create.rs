//! Create requests of the three profiles, in one test binary (as tests/update.rs holds
//! the updates): Juice's case tables and properties, the billing (spec 002) and account
//! (spec 003) tables, spec examples and properties, and the replay of the create fuzz
//! corpora through the fuzz targets' own checks.

mod support;

mod juice_table {
    //! Runs the case tables `tests/data/create_customer.json` and `tests/data/customer.json`
    //! (format in tests/data/README.md).

    use crate::support::cases;

    use cases::table;
    use customer_core::{CreateCustomer, Customer, ErrorCode};
    use serde_json::Value;

    #[test]
    fn create_customer_cases() {
        let table = table("create_customer.json");
        cases::run(&table["base"], &table["cases"], |b| {
            CreateCustomer::from_json(b).map(|r| serde_json::to_value(r).expect("serialize"))
        });
    }

    #[test]
    fn customer_cases() {
        let table = table("customer.json");
        cases::run(&table["base"], &table["cases"], |b| {
            Customer::from_json(b).map(|c| serde_json::to_value(c).expect("serialize"))
        });
    }

    /// Every error code is asserted by some case under tests/data: the codes are read from
    /// the cases' expected errors (`expect.errors` as `[pointer, code]` pairs, or objects with
    /// a `code`), never from free text, so a code named only in a title does not count.
    #[test]
    fn every_error_code_is_exercised() {
        fn expected_codes(value: &Value, found: &mut std::collections::BTreeSet<String>) {
            match value {
                Value::Object(map) => {
                    for (key, v) in map {
                        if key == "errors"
                            && let Some(list) = v.as_array()
                        {
                            for e in list {
                                let code = match e {
                                    Value::Array(pair) => pair.get(1),
                                    Value::Object(o) => o.get("code"),
                                    _ => None,
                                };
                                found.extend(code.and_then(Value::as_str).map(str::to_owned));
                            }
                        }
                        expected_codes(v, found);
                    }
                }
                Value::Array(items) => items.iter().for_each(|v| expected_codes(v, found)),
                _ => {}
            }
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
        let mut found = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).expect("tests/data") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).expect("read");
                let value: Value = serde_json::from_str(&text).expect("a case table is JSON");
                expected_codes(&value, &mut found);
            }
        }
        for code in &found {
            assert!(
                code.parse::<ErrorCode>().is_ok(),
                "a case expects `{code}`, which is not a code of the crate"
            );
        }
        let missing: Vec<&str> = ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .filter(|c| !found.contains(*c))
            .collect();
        assert!(
            missing.is_empty(),
            "codes no case in tests/data expects: {missing:?}"
        );
    }
}

mod juice_properties {
    //! Property tests: generated valid customers (the exported `customer_core::strategy`, one
    //! generator for users and for us) validate and round-trip; every normaliser is
    //! idempotent; no input in any field makes anything panic.

    use crate::support::props;

    use customer_core::{
        AddressText, Country, CreateCustomer, CustomerId, Email, PersonName, PhoneNumber,
        Timestamp, strategy,
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
}

mod profile_tables {
    //! The billing (spec 002) and account (spec 003) profiles: their case tables
    //! (`tests/data/billing_customer.json`, `tests/data/account_customer.json`), the spec
    //! examples, the response shapes and the 409 conflict.

    use crate::support::cases;

    use customer_core::{
        JsonObject, Timestamp,
        account::{AccountCustomer, AccountCustomerId, CreateAccountCustomer},
        billing::{BillingCustomer, BillingCustomerId, CreateBillingCustomer},
    };
    use serde_json::Value;

    #[test]
    fn billing_customer_cases() {
        let table = cases::table("billing_customer.json");
        cases::run(&table["base"], &table["cases"], |b| {
            CreateBillingCustomer::from_json(b).map(|r| serde_json::to_value(r).expect("serialize"))
        });
    }

    #[test]
    fn account_customer_cases() {
        let table = cases::table("account_customer.json");
        cases::run(&table["base"], &table["cases"], |b| {
            CreateAccountCustomer::from_json(b).map(|r| serde_json::to_value(r).expect("serialize"))
        });
    }

    #[test]
    fn account_customer_response_cases() {
        let table = cases::table("account_customer.json");
        cases::run(&table["base"], &table["response_cases"], |b| {
            AccountCustomer::from_json(b).map(|r| serde_json::to_value(r).expect("serialize"))
        });
    }

    /// Spec 003's request, corrected (`TZ`, a 12-digit Tanzanian number), with spec 003's id
    /// and time passed in, serializes byte for byte as spec 003's response, corrected the
    /// same way; and reads back to itself.
    #[test]
    fn corrected_spec_003_request_serializes_as_its_response() {
        let table = cases::table("account_customer.json");
        let response = &table["response"];
        let body = serde_json::to_vec(&table["base"]).expect("base");
        let request =
            CreateAccountCustomer::from_json(&body).expect("the corrected request is valid");
        let id: AccountCustomerId = response["id"]
            .as_str()
            .expect("id")
            .parse()
            .expect("spec id");
        let now = Timestamp::parse(response["now"].as_str().expect("now")).expect("time");
        let customer = AccountCustomer::new(id, request, now);
        let json = serde_json::to_string(&customer).expect("serialize");
        assert_eq!(json, response["json"].as_str().expect("json"));
        let back: AccountCustomer = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, customer);
    }

    #[test]
    fn duplicate_email_conflicts() {
        let table = cases::table("account_customer.json");
        let body = serde_json::to_vec(&table["base"]).expect("base");
        let request = CreateAccountCustomer::from_json(&body).expect("valid");
        for case in table["conflicts"].as_array().expect("conflicts") {
            let existing = case["existing"]
                .as_str()
                .map(|s| s.parse::<AccountCustomerId>().expect("id"));
            let expect = &case["expect"];
            match request.check_email_unique(existing) {
                Ok(()) => assert!(expect["status"].is_null(), "{}", case["name"]),
                Err(conflict) => {
                    assert_eq!(Some(conflict.existing()), existing);
                    let problem = serde_json::to_value(conflict.to_problem()).expect("problem");
                    assert_eq!(problem["status"], expect["status"]);
                    assert_eq!(problem["type"], expect["type"]);
                    let got: Vec<Value> = problem["errors"]
                        .as_array()
                        .expect("errors")
                        .iter()
                        .map(|e| Value::from(vec![e["pointer"].clone(), e["code"].clone()]))
                        .collect();
                    assert_eq!(Value::from(got), expect["errors"]);
                    assert!(
                        !problem.to_string().contains("brighton"),
                        "echoes the email"
                    );
                }
            }
        }
    }

    #[test]
    fn custom_data_is_kept_exactly() {
        let body = br#"{"name":"Brighton Mboya","email":"brighton@jani.com",
            "custom_data": { "z" : 1.50, "a": [1e3, -0, "x\u0041"], "z": null }}"#;
        let request = CreateAccountCustomer::from_json(body).expect("valid");
        let kept = r#"{"z":1.50,"a":[1e3,-0,"x\u0041"],"z":null}"#;
        assert_eq!(request.custom_data().map(JsonObject::as_str), Some(kept));
        let json = serde_json::to_string(&request).expect("serialize");
        assert!(
            json.ends_with(&format!(r#""custom_data":{kept}}}"#)),
            "{json}"
        );
        let again = CreateAccountCustomer::from_json(json.as_bytes()).expect("re-validates");
        assert_eq!(again, request);
    }

    #[test]
    fn billing_spec_002_round_trips_and_responds() {
        let table = cases::table("billing_customer.json");
        let body = serde_json::to_vec(&table["base"]).expect("base");
        let request = CreateBillingCustomer::from_json(&body).expect("spec 002 is valid");
        let json = serde_json::to_value(&request).expect("serialize");
        assert_eq!(json, table["base"]);
        let id: BillingCustomerId = "bcus_H4jp6KnU5cPw263v1jyz4".parse().expect("spec id");
        let now = Timestamp::parse("2024-09-01T15:00:00Z").expect("time");
        let customer = BillingCustomer::new(id, request, None, now);
        let text = serde_json::to_string(&customer).expect("serialize");
        assert_eq!(
            text,
            r#"{"id":"bcus_H4jp6KnU5cPw263v1jyz4","reference":"INV-2024-001","name":"John Doe","phone_number":"+27123456789","currency":"ZAR","balance":2000,"payment_rules":null,"metadata":{"customer_id":"cust_123456","order_id":"ord_789012"},"created_at":"2024-09-01T15:00:00Z","updated_at":"2024-09-01T15:00:00Z"}"#
        );
        let back: BillingCustomer = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, customer);
        let bad = text.replace(
            "bcus_H4jp6KnU5cPw263v1jyz4",
            "cus_01h3vjs3b16yc3f9q8q9pfrb80",
        );
        let errors = BillingCustomer::from_json(bad.as_bytes()).expect_err("wrong id kind");
        assert_eq!(errors.as_slice()[0].pointer(), "/id");
        let rules = text.replace(r#""payment_rules":null"#, r#""payment_rules":[1]"#);
        let errors = BillingCustomer::from_json(rules.as_bytes()).expect_err("rules not an object");
        assert_eq!(errors.as_slice()[0].pointer(), "/payment_rules");
    }

    #[test]
    fn ids_carry_time_and_sort() {
        let t1 = Timestamp::parse("2024-09-01T15:00:00.001Z").expect("t1");
        let t2 = Timestamp::parse("2024-09-01T15:00:00.002Z").expect("t2");
        let a = AccountCustomerId::new(t1, [0xff; 10]).expect("a");
        let b = AccountCustomerId::new(t2, [0; 10]).expect("b");
        assert!(a.to_string() < b.to_string());
        assert_eq!(a.created_at(), Some(t1));
        let x = BillingCustomerId::new(t1, [0xff; 10]).expect("x");
        let y = BillingCustomerId::new(t2, [0; 10]).expect("y");
        assert!(x.as_str() < y.as_str());
    }

    #[test]
    fn serde_deserialize_goes_through_the_same_reader() {
        let table = cases::table("billing_customer.json");
        let text = serde_json::to_string(&table["base"]).expect("base");
        let via_serde: CreateBillingCustomer = serde_json::from_str(&text).expect("valid");
        assert_eq!(
            via_serde,
            CreateBillingCustomer::from_json(text.as_bytes()).expect("valid")
        );
        let err = serde_json::from_str::<CreateBillingCustomer>(r#"{"name":"","balance":"1"}"#)
            .expect_err("invalid")
            .to_string();
        assert!(err.contains("/name") && err.contains("/balance"), "{err}");

        let table = cases::table("account_customer.json");
        let text = serde_json::to_string(&table["base"]).expect("base");
        let via_serde: CreateAccountCustomer = serde_json::from_str(&text).expect("valid");
        assert_eq!(
            via_serde,
            CreateAccountCustomer::from_json(text.as_bytes()).expect("valid")
        );
        let err = serde_json::from_str::<CreateAccountCustomer>(r#"{"email":"x","status":"on"}"#)
            .expect_err("invalid")
            .to_string();
        assert!(err.contains("/name") && err.contains("/status"), "{err}");
    }
}

mod profile_properties {
    //! Property tests for the billing (spec 002) and account (spec 003) profiles: valid
    //! requests from the exported strategies (`customer_core::strategy`) validate and
    //! round-trip; ids made from any time and random bytes parse
    //! back and sort by time; any input never panics. Also replays the fuzz corpora of both
    //! request types through the fuzz targets' checks.

    use crate::support::json::json_value;

    use crate::support::{cases, corpus, profile_props};

    use customer_core::{
        Currency, FullName, JsonObject, Reference, Timestamp,
        account::{AccountCustomerId, CreateAccountCustomer, PaymentMethodId},
        billing::{BillingCustomerId, CreateBillingCustomer},
        strategy,
    };
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    /// The TypeID suffix of a 128-bit value (the specification's encoding, written out
    /// independently of the library's).
    fn typeid_suffix(v: u128) -> String {
        const A: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
        (0..26)
            .rev()
            .map(|i| A[((v >> (i * 5)) & 31) as usize] as char)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn generated_billing_requests_validate_and_round_trip(request in strategy::create_billing_customer()) {
            let bytes = serde_json::to_vec(&request).unwrap();
            let body: Value = serde_json::from_slice(&bytes).unwrap();
            let parsed = CreateBillingCustomer::from_json(&bytes);
            prop_assert!(parsed.is_ok(), "{body}: {}", parsed.unwrap_err());
            let parsed = parsed.unwrap();
            prop_assert_eq!(parsed.balance(), body["balance"].as_i64());
            prop_assert_eq!(parsed.currency().map(|c| c.as_str().to_owned()), body["currency"].as_str().map(str::to_owned));
            prop_assert_eq!(parsed.metadata().len(), body["metadata"].as_object().map_or(0, Map::len));
            prop_assert_eq!(&parsed, &request);
            profile_props::check_billing_customer(&bytes);
        }

        #[test]
        fn generated_account_requests_validate_and_round_trip(request in strategy::create_account_customer()) {
            let bytes = serde_json::to_vec(&request).unwrap();
            let body: Value = serde_json::from_slice(&bytes).unwrap();
            let parsed = CreateAccountCustomer::from_json(&bytes);
            prop_assert!(parsed.is_ok(), "{body}: {}", parsed.unwrap_err());
            let parsed = parsed.unwrap();
            // custom_data is kept exactly as sent, byte for byte.
            let sent = request.custom_data().map(|c| c.as_str().to_owned());
            prop_assert_eq!(parsed.custom_data().map(|c| c.as_str().to_owned()), sent);
            prop_assert_eq!(parsed.status().as_str(), body["status"].as_str().unwrap_or("active"));
            prop_assert_eq!(&parsed, &request);
            profile_props::check_account_customer(&bytes);
        }

        #[test]
        fn any_balance_number_is_read_exactly_or_refused(n in any::<i64>(), f in any::<f64>()) {
            let body = format!(r#"{{"name":"Acme","currency":"ZAR","balance":{n}}}"#);
            prop_assert_eq!(CreateBillingCustomer::from_json(body.as_bytes()).unwrap().balance(), Some(n));
            if f.is_finite() {
                let body = format!(r#"{{"name":"Acme","currency":"ZAR","balance":{f:?}}}"#);
                let code = CreateBillingCustomer::from_json(body.as_bytes()).unwrap_err().as_slice()[0].code();
                prop_assert!(matches!(code.as_str(), "not_an_integer" | "out_of_range"), "{f:?}: {code}");
            }
        }

        #[test]
        fn made_ids_parse_back_and_sort_by_time(
            a in 0i64..253_402_300_799_000, b in 0i64..253_402_300_799_000,
            ra in any::<[u8; 10]>(), rb in any::<[u8; 10]>(),
        ) {
            let t = |ms: i64| Timestamp::from_offset_date_time(
                time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap()).unwrap();
            let (ia, ib) = (AccountCustomerId::new(t(a), ra).unwrap(), AccountCustomerId::new(t(b), rb).unwrap());
            prop_assert_eq!(AccountCustomerId::parse(&ia.to_string()).unwrap(), ia);
            prop_assert_eq!(ia.created_at(), Some(t(a)));
            let (ba, bb) = (BillingCustomerId::new(t(a), ra).unwrap(), BillingCustomerId::new(t(b), rb).unwrap());
            prop_assert_eq!(BillingCustomerId::parse(ba.as_str()).unwrap(), ba);
            if a < b {
                prop_assert!(ia.to_string() < ib.to_string() && ia < ib);
                prop_assert!(ba.as_str() < bb.as_str());
            }
        }

        #[test]
        fn typeids_parse_only_their_own_spelling(v in any::<u128>(), s in "[a-z_]{0,5}[0-9a-zA-Z_]{20,30}") {
            // Every 128-bit value has exactly one spelling, and it parses.
            let id = format!("card_{}", typeid_suffix(v));
            let pm = PaymentMethodId::parse(&id).unwrap();
            prop_assert_eq!(pm.as_str(), id.as_str());
            let cus = AccountCustomerId::parse(&format!("cus_{}", typeid_suffix(v))).unwrap();
            prop_assert_eq!(cus.as_uuid().as_u128(), v);
            if let Ok(p) = PaymentMethodId::parse(&s) { prop_assert_eq!(p.as_str(), s.as_str()); }
            if let Ok(c) = AccountCustomerId::parse(&s) { prop_assert_eq!(c.to_string(), s.clone()); }
            if let Ok(b) = BillingCustomerId::parse(&s) { prop_assert_eq!(b.as_str(), s.as_str()); }
        }

        #[test]
        fn field_rules_are_idempotent(s in prop_oneof![any::<String>(), "\\PC{0,40}", "[A-Za-z &.'-]{0,20}", "[A-Za-z]{3}"]) {
            if let Ok(v) = FullName::parse(&s) { prop_assert_eq!(FullName::parse(v.as_str()).unwrap(), v); }
            if let Ok(v) = Reference::parse(&s) { prop_assert_eq!(Reference::parse(v.as_str()).unwrap(), v); }
            if let Ok(v) = Currency::parse(&s) { prop_assert_eq!(Currency::parse(v.as_str()).unwrap(), v); }
            if let Ok(v) = JsonObject::parse(&s) { prop_assert_eq!(JsonObject::parse(v.as_str()).unwrap(), v); }
        }

        #[test]
        fn custom_data_of_any_shape_is_kept_or_refused(data in json_value(6, "[a-z]{1,8}")) {
            let text = serde_json::to_string(&data).unwrap();
            match JsonObject::parse(&text) {
                Ok(kept) => prop_assert_eq!(kept.as_str(), text.as_str()),
                Err(e) => prop_assert!(matches!(e.code().as_str(), "invalid_type" | "too_large")),
            }
            let body = format!(r#"{{"name":"Acme","email":"a@b.io","custom_data":{text}}}"#);
            profile_props::check_account_customer(body.as_bytes());
        }

        #[test]
        fn any_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..512)) {
            profile_props::check_billing_customer(&data);
            profile_props::check_account_customer(&data);
        }
    }

    /// The seed corpora are the bodies of the profile case tables (one table feeds the tests
    /// and the fuzzer); cases padded to a size are left out.
    #[test]
    fn profile_corpus_is_generated_from_the_tables() {
        for (table, target) in [
            ("billing_customer.json", "billing_customer"),
            ("account_customer.json", "account_customer"),
        ] {
            let table = cases::table(table);
            let cases = table["cases"].as_array().expect("cases").iter();
            let unpadded = cases.filter(|case| case.get("pad_to").is_none());
            corpus::check_cases(target, unpadded, |case| cases::body(&table["base"], case));
        }
    }

    #[test]
    fn billing_customer_corpus() {
        corpus::replay("billing_customer", 5, profile_props::check_billing_customer);
    }

    #[test]
    fn account_customer_corpus() {
        corpus::replay("account_customer", 5, profile_props::check_account_customer);
    }
}

mod corpus_replay {
    //! Replays the committed fuzz corpora on stable Rust through the same property checks the
    //! fuzz targets run, so `cargo test` guards every saved input (seeds and past crashes).
    //! Some targets' corpora are checked beside their other tests instead (the update
    //! targets' in `tests/update.rs`).

    use crate::support::{cases, corpus, email_props, props};

    #[test]
    fn create_customer_corpus() {
        corpus::replay("create_customer", 10, props::check_create_customer);
    }

    /// The `create_customer` seeds are the bodies of `tests/data/create_customer.json`'s
    /// cases (one table feeds the tests and the fuzzer).
    #[test]
    fn create_customer_corpus_is_generated_from_the_table() {
        let table = cases::table("create_customer.json");
        corpus::check_cases(
            "create_customer",
            table["cases"].as_array().expect("cases"),
            |case| cases::body(&table["base"], case),
        );
    }

    #[test]
    fn email_corpus() {
        corpus::replay("email", 10, email_props::check_email);
    }
}
