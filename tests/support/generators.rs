//! Generators of valid create-customer requests (JSON), shared by the property tests
//! (`tests/properties.rs`, `tests/update.rs`).
#![allow(dead_code)] // each test crate uses a part

use proptest::prelude::*;
use serde_json::{Value, json};

/// Numbers valid for their country (libphonenumber example numbers).
pub const PHONES: &[(&str, &str)] = &[
    ("+2348012345678", "NG"),
    ("+12015550123", "US"),
    ("+15062345678", "CA"),
    ("+447400123456", "GB"),
    ("+358412345678", "FI"),
    ("+358412345678", "AX"),
    ("+4915123456789", "DE"),
    ("+33612345678", "FR"),
    ("+918123456789", "IN"),
    ("+254712123456", "KE"),
    ("+5511961234567", "BR"),
    ("+819012345678", "JP"),
    ("+61412345678", "AU"),
    ("+27711234567", "ZA"),
    ("+255621234567", "TZ"),
];

pub const NAMES: &[&str] = &[
    "Adébáyọ̀",
    "O’Brien",
    "Ngũgĩ",
    "Nguyễn",
    "Jean-Luc",
    "محمد",
    "王",
    "प्रिया",
    "Zoë",
    "Łukasz",
    "Þórdís",
    "Χρήστος",
    "Ivan",
    "Søren",
    "'t Hooft",
];

pub fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(NAMES).prop_map(str::to_owned),
        "[A-Z][a-zéüñçåø]{0,20}([ -][A-Z][a-z]{1,12})?",
    ]
}

pub fn email() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]{1,12}([._+-][a-z0-9]{1,6})?@[a-z0-9]{1,12}(-[a-z]{1,5})?\\.(com|ng|co\\.uk|io|de)"
}

pub fn text() -> impl Strategy<Value = String> {
    "[0-9]{1,4} [A-Za-zÀ-ÖØ-öø-ÿ .,'#/-]{1,60}"
}

pub fn optional_text() -> impl Strategy<Value = Value> {
    prop_oneof![Just(Value::Null), text().prop_map(Value::String)]
}

pub fn request() -> impl Strategy<Value = Value> {
    (
        name(),
        name(),
        email(),
        prop::sample::select(PHONES),
        (
            text(),
            optional_text(),
            text(),
            optional_text(),
            optional_text(),
        ),
    )
        .prop_map(
            |(first, last, email, (phone, country), (line1, line2, city, state, zip))| {
                json!({
                    "first_name": first, "last_name": last, "email": email, "phone_number": phone,
                    "billing_address": {"line1": line1, "line2": line2, "city": city,
                        "state": state, "zip_code": zip, "country": country}
                })
            },
        )
}
