//! Updates of the three profiles (Juice's customer, the billing customer of spec 002, the
//! account customer of spec 003) as one interface, [`Profile`], and the property checks
//! of the fuzz targets `update_customer` (Juice) and `profile_update` (billing and
//! account): `fuzz/fuzz_targets/{update_customer,profile_update}.rs` include this file
//! with `#[path]`, and `tests/update.rs` replays their corpora on stable. Each check
//! panics (an assertion) only when the library breaks a property.
#![allow(dead_code)] // each crate uses a part

use std::fmt::Debug;

use customer_core::{
    Customer, CustomerPatch, ErrorCode, Timestamp, ValidationErrors, Versioned,
    account::{AccountCustomer, AccountCustomerPatch},
    billing::{BillingCustomer, BillingCustomerPatch},
};
use serde::Serialize;

/// A profile's customer and its patch, as the tests use them.
pub trait Profile {
    /// The profile's name: in the names of its seeds when its fuzz target is shared
    /// (`case-billing-…`).
    const NAME: &'static str;
    /// The fuzz target that checks this profile's updates, and its corpus directory.
    const TARGET: &'static str;
    /// The bytes that pick this profile at the start of a `TARGET` input (none when the
    /// target is the profile's own): then the stored customer's byte, `now`'s, the body.
    const TAG: &'static [u8];
    /// The stored customers a fuzz input picks from.
    const STORED: &'static [&'static str];
    /// The codes of the whole-record rules (the only ones `apply` may return).
    const WHOLE_RECORD: &'static [ErrorCode];
    type Customer: Serialize + PartialEq + Debug + Clone + Versioned;
    type Patch: Serialize + PartialEq + Debug + Default;
    fn customer(json: &[u8]) -> Result<Self::Customer, ValidationErrors>;
    fn from_json(body: &[u8]) -> Result<Self::Patch, ValidationErrors>;
    fn apply(
        patch: &Self::Patch,
        c: &Self::Customer,
        now: Timestamp,
    ) -> Result<Self::Customer, ValidationErrors>;
    fn merge_patch(
        c: &Self::Customer,
        body: &[u8],
        now: Timestamp,
    ) -> Result<Self::Customer, ValidationErrors>;
    fn diff(old: &Self::Customer, new: &Self::Customer) -> Self::Patch;
    fn created_at(c: &Self::Customer) -> Timestamp;
    /// `updated_at` as the customer serializes it.
    fn stamp(now: Timestamp) -> String;
    /// The keys of the customer's `metadata`, in order (none for a profile without).
    fn keys(c: &Self::Customer) -> Vec<String>;
    /// True when the two customers differ only in `updated_at`.
    fn same_fields(a: &Self::Customer, b: &Self::Customer) -> bool;
    /// The text of the member kept exactly as sent (`custom_data`), if the profile has one.
    fn kept_text(_c: &Self::Customer) -> Option<String> {
        None
    }
    /// What `TARGET` runs on an input (`TAG` first).
    fn check_input(data: &[u8]);
}

/// The members of [`Profile`] that call the customer's and the patch's own methods of the
/// same names.
macro_rules! forward {
    ($customer:ty, $patch:ty) => {
        type Customer = $customer;
        type Patch = $patch;
        fn customer(json: &[u8]) -> Result<$customer, ValidationErrors> {
            <$customer>::from_json(json)
        }
        fn from_json(body: &[u8]) -> Result<$patch, ValidationErrors> {
            <$patch>::from_json(body)
        }
        fn apply(
            patch: &$patch,
            c: &$customer,
            now: Timestamp,
        ) -> Result<$customer, ValidationErrors> {
            patch.apply(c, now)
        }
        fn merge_patch(
            c: &$customer,
            body: &[u8],
            now: Timestamp,
        ) -> Result<$customer, ValidationErrors> {
            c.merge_patch(body, now)
        }
        fn diff(old: &$customer, new: &$customer) -> $patch {
            <$patch>::diff(old, new)
        }
        fn created_at(c: &$customer) -> Timestamp {
            c.created_at()
        }
    };
}

/// Juice's customer, with a fuzz target of its own.
pub struct Juice;

impl Profile for Juice {
    const NAME: &'static str = "juice";
    const TARGET: &'static str = "update_customer";
    const TAG: &'static [u8] = &[];
    /// Every optional field set, none set, and a number that is valid for two countries.
    const STORED: &'static [&'static str] = &[
        r#"{"id":"6f7e1e7f-93d1-4fcc-b7a4-738f869615c8","first_name":"Ada","last_name":"Obi",
        "email":"ada@example.com","phone_number":"+2348012345678","billing_address":{
        "line1":"1 Marina","line2":"Flat 2","city":"Lagos","state":"LA","zip_code":"100001",
        "country":"NG"},"created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-05T08:00:00Z"}"#,
        r#"{"id":"00000000-0000-4000-8000-000000000001","first_name":"Jane","last_name":"Roe",
        "email":"jane@example.com","phone_number":"+12015550123","billing_address":{
        "line1":"1 Main St","line2":null,"city":"Hoboken","state":null,"zip_code":null,
        "country":"US"},"created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-01T12:00:00Z"}"#,
        r#"{"id":"00000000-0000-4000-8000-000000000002","first_name":"Aino","last_name":"Virtanen",
        "email":"aino@example.fi","phone_number":"+358412345678","billing_address":{
        "line1":"Torggatan 1","line2":null,"city":"Mariehamn","state":null,"zip_code":"22100",
        "country":"AX"},"created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-02T12:00:00Z"}"#,
    ];
    const WHOLE_RECORD: &'static [ErrorCode] =
        &[ErrorCode::PhoneCountryMismatch, ErrorCode::InvalidRange];
    forward!(Customer, CustomerPatch);
    fn stamp(now: Timestamp) -> String {
        now.to_string()
    }
    fn keys(_c: &Customer) -> Vec<String> {
        Vec::new()
    }
    fn same_fields(a: &Customer, b: &Customer) -> bool {
        a.fields() == b.fields()
    }
    fn check_input(data: &[u8]) {
        check_update::<Self>(data);
    }
}

/// The billing customer (spec 002).
pub struct Billing;

impl Profile for Billing {
    const NAME: &'static str = "billing";
    const TARGET: &'static str = "profile_update";
    const TAG: &'static [u8] = &[0];
    const STORED: &'static [&'static str] = &[
        r#"{"id":"bcus_H4jp6KnU5cPw263v1jyz4","reference":"INV-2024-001","name":"John Doe",
        "phone_number":"+27123456789","currency":"ZAR","balance":2000,
        "payment_rules":{"max_amount":100000},
        "metadata":{"customer_id":"cust_123456","order_id":"ord_789012"},
        "created_at":"2024-09-01T15:00:00Z","updated_at":"2024-09-05T08:00:00Z"}"#,
        r#"{"id":"bcus_000000000000000000001","reference":null,"name":"Acme & Sons Ltd.",
        "phone_number":null,"currency":null,"balance":null,"payment_rules":null,"metadata":{},
        "created_at":"2024-09-01T15:00:00Z","updated_at":"2024-09-01T15:00:00Z"}"#,
    ];
    const WHOLE_RECORD: &'static [ErrorCode] = &[
        ErrorCode::Required,
        ErrorCode::CurrencyRequired,
        ErrorCode::TooManyKeys,
        ErrorCode::InvalidRange,
    ];
    forward!(BillingCustomer, BillingCustomerPatch);
    fn stamp(now: Timestamp) -> String {
        now.to_string()
    }
    fn keys(c: &BillingCustomer) -> Vec<String> {
        c.fields()
            .metadata()
            .iter()
            .map(|(k, _)| k.to_owned())
            .collect()
    }
    fn same_fields(a: &BillingCustomer, b: &BillingCustomer) -> bool {
        a.fields() == b.fields() && a.payment_rules() == b.payment_rules()
    }
    fn check_input(data: &[u8]) {
        check_profile_update(data);
    }
}

/// The account customer (spec 003).
pub struct Account;

impl Profile for Account {
    const NAME: &'static str = "account";
    const TARGET: &'static str = "profile_update";
    const TAG: &'static [u8] = &[1];
    const STORED: &'static [&'static str] = &[
        r#"{"id":"cus_01h3vjs3b16yc3f9q8q9pfrb80","name":"Brighton Mboya",
        "email":"brighton@jani.com","phone":"+255788123456",
        "address":{"city":"Dar es Salaam","country":"TZ"},
        "payment_method":"card_01h3vjs3b16yc3f9q8q9pfrb79",
        "created_at":"2024-09-01T15:00:00.000Z","updated_at":"2024-09-05T08:00:00.000Z",
        "status":"active","custom_data":{"loyalty_program":"Gold","prefs":{"lang":"sw"},"visits":12}}"#,
        r#"{"id":"cus_01h3vjs3b16yc3f9q8q9pfrb81","name":"Jani Ltd","email":"hello@jani.com",
        "phone":null,"address":null,"payment_method":null,
        "created_at":"2024-09-01T15:00:00.000Z","updated_at":"2024-09-01T15:00:00.000Z",
        "status":"inactive","custom_data":{"a":1,"a":[1.50,null],"b":null}}"#,
    ];
    const WHOLE_RECORD: &'static [ErrorCode] = &[
        ErrorCode::Required,
        ErrorCode::PhoneCountryMismatch,
        ErrorCode::TooLarge,
        ErrorCode::InvalidRange,
    ];
    forward!(AccountCustomer, AccountCustomerPatch);
    /// Milliseconds: the sortable form (`….000000Z`, fixed width) cut to three digits.
    fn stamp(now: Timestamp) -> String {
        let micros = now.to_sortable_string();
        format!("{}Z", &micros[..micros.len() - 4])
    }
    /// The order of `custom_data`'s keys is checked through its exact text
    /// ([`Profile::kept_text`]).
    fn keys(_c: &AccountCustomer) -> Vec<String> {
        Vec::new()
    }
    fn same_fields(a: &AccountCustomer, b: &AccountCustomer) -> bool {
        a.fields() == b.fields()
    }
    fn kept_text(c: &AccountCustomer) -> Option<String> {
        c.fields().custom_data().map(|d| d.as_str().to_owned())
    }
    fn check_input(data: &[u8]) {
        check_profile_update(data);
    }
}

fn well_formed(errors: &ValidationErrors) {
    assert!(!errors.is_empty(), "an error result with no errors");
    for e in errors {
        assert!(
            e.pointer().is_empty() || e.pointer().starts_with('/'),
            "bad pointer {:?}",
            e.pointer()
        );
        assert!(!e.detail().is_empty(), "empty message for {}", e.code());
        assert!(ErrorCode::ALL.contains(&e.code()));
        assert_ne!(
            e.code(),
            ErrorCode::PreconditionFailed,
            "a 412 among 400 errors"
        );
    }
}

/// A fuzz input of one profile: byte 0 picks the stored customer, byte 1 (signed) moves
/// `now` that many hours from its `created_at`, the rest is the patch body.
pub fn split<P: Profile>(data: &[u8]) -> Option<(P::Customer, Timestamp, &[u8])> {
    let (&pick, rest) = data.split_first()?;
    let (&shift, body) = rest.split_first()?;
    let stored = P::STORED[usize::from(pick) % P::STORED.len()];
    let stored = P::customer(stored.as_bytes()).expect("a valid stored customer");
    let created = P::created_at(&stored)
        .as_offset_date_time()
        .unix_timestamp();
    let now = Timestamp::from_unix_seconds(created + i64::from(shift as i8) * 3600).expect("now");
    Some((stored, now, body))
}

/// The fuzz seed of a case of a profile's update table: the profile's `TAG`, stored
/// customer 0, `now` 24 hours after its `created_at`, then the case's body.
pub fn case_seed<P: Profile>(case: &serde_json::Value) -> Vec<u8> {
    let mut data = P::TAG.to_vec();
    data.extend([0u8, 24]);
    data.extend(case_body(case));
    data
}

/// The patch body of a case: `raw` as given, else `patch` serialized.
pub fn case_body(case: &serde_json::Value) -> Vec<u8> {
    match case.get("raw").and_then(serde_json::Value::as_str) {
        Some(raw) => raw.as_bytes().to_vec(),
        None => serde_json::to_vec(&case["patch"]).expect("serialize"),
    }
}

/// Any bytes as (profile, stored customer, `now`, patch body): byte 0 picks the profile
/// (even: billing, odd: account).
pub fn check_profile_update(data: &[u8]) {
    let Some((&profile, rest)) = data.split_first() else {
        return;
    };
    if profile % 2 == 0 {
        check_update::<Billing>(rest);
    } else {
        check_update::<Account>(rest);
    }
}

/// Any bytes as a patch of a stored customer: nothing panics; `from_json` + `apply` and
/// `merge_patch` agree (the patch's own errors come first); a valid patch re-serializes to
/// itself; an update keeps the id and `created_at`, sets `updated_at = now`, is a valid
/// customer, is what the diff re-applies, and applying the patch again changes nothing.
pub fn check_update<P: Profile>(data: &[u8]) {
    let Some((stored, now, body)) = split::<P>(data) else {
        return;
    };
    let merged = P::merge_patch(&stored, body, now);
    match P::from_json(body) {
        Ok(patch) => {
            assert_eq!(
                P::apply(&patch, &stored, now),
                merged,
                "apply and merge_patch differ"
            );
            let json = serde_json::to_vec(&patch).expect("a patch serializes");
            let again = P::from_json(&json).unwrap_or_else(|e| {
                panic!("re-reading failed: {e}\n{}", String::from_utf8_lossy(&json))
            });
            assert_eq!(again, patch, "re-reading changed the patch");
            match merged {
                Ok(updated) => check_updated::<P>(&stored, &patch, &updated, now),
                Err(errors) => {
                    well_formed(&errors);
                    assert!(
                        errors.iter().all(|e| P::WHOLE_RECORD.contains(&e.code())),
                        "a parsed patch failed for a reason other than the whole-record rules: {errors}"
                    );
                }
            }
        }
        Err(errors) => {
            well_formed(&errors);
            let merged = merged.expect_err("merge_patch accepted what from_json refused");
            assert!(
                merged.as_slice().starts_with(errors.as_slice()),
                "the patch's errors are not first: {errors} / {merged}"
            );
        }
    }
}

fn check_updated<P: Profile>(
    stored: &P::Customer,
    patch: &P::Patch,
    updated: &P::Customer,
    now: Timestamp,
) {
    assert_eq!(P::created_at(updated), P::created_at(stored));
    let json = serde_json::to_value(updated).expect("serializes");
    let before = serde_json::to_value(stored).expect("serializes");
    assert_eq!(json["id"], before["id"], "the id changed");
    assert_eq!(json["updated_at"], P::stamp(now).as_str());
    let bytes = serde_json::to_vec(updated).expect("serializes");
    let back = P::customer(&bytes).unwrap_or_else(|e| {
        panic!(
            "the update is not a valid customer: {e}\n{}",
            String::from_utf8_lossy(&bytes)
        )
    });
    assert_eq!(&back, updated);
    let diff = P::diff(stored, updated);
    assert_eq!(
        P::apply(&diff, stored, now).as_ref(),
        Ok(updated),
        "the diff does not re-apply"
    );
    assert_eq!(
        P::apply(patch, updated, now).as_ref(),
        Ok(updated),
        "not idempotent"
    );
    if *patch == P::Patch::default() {
        assert!(P::same_fields(updated, stored));
    }
    assert_eq!(
        updated.version() == stored.version(),
        updated == stored,
        "the version does not follow the content"
    );
}
