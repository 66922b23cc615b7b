//! The one generator of valid values behind the `arbitrary` and `proptest` features.
//!
//! Every value is built from a stream of choices ([`Choices`]) and then through the real
//! constructor (`parse`, `new`), so whatever comes out passed validation. The two features
//! differ only in where the choices come from: `arbitrary`'s `Unstructured` bytes, or a
//! vector of numbers that proptest generates and shrinks (towards 0, the first and simplest
//! option of every choice).
//!
//! Diversity is realistic rather than uniform: names in fourteen scripts (with combining
//! marks, apostrophes, hyphens and the Catalan middle dot), dot-atom emails with the
//! special characters RFC 5322 allows, every ISO region's example phone numbers with the
//! region as billing country (so the phone/country rule holds), addresses in several
//! scripts, timestamps over the whole 0000-9999 range with fractional seconds and offsets.
//!
//! One file per profile: `fields` (the Juice field values every profile shares), `juice`
//! (specs 000 and 001), `billing` (spec 002, with its field values) and `account` (spec
//! 003).

mod account;
mod billing;
mod fields;
mod juice;

pub(crate) use account::*;
pub(crate) use billing::*;
pub(crate) use fields::*;
pub(crate) use juice::*;

use crate::external::phone_examples::PHONE_EXAMPLES;
use crate::{
    AddressText, BillingAddress, Country, CreateCustomer, Currency, Customer, CustomerId, Email,
    FullName, JsonObject, Metadata, PersonName, PhoneNumber, Reference, Timestamp,
    account::{
        AccountAddress, AccountCustomer, AccountCustomerId, AccountCustomerPatch, AccountStatus,
        CreateAccountCustomer, PaymentMethodId,
    },
    billing::{BillingCustomer, BillingCustomerId, BillingCustomerPatch, CreateBillingCustomer},
    limits,
};

/// A source of choices: `below(n)` is a number in `0..n` (`n > 0`); `0` is the simplest
/// option, which an exhausted source keeps returning.
pub(crate) trait Choices {
    /// A number in `0..n`, or 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize;

    /// One of `options`, or `None` when it is empty.
    fn pick<'a, T>(&mut self, options: &'a [T]) -> Option<&'a T> {
        options.get(self.below(options.len()))
    }

    /// A number in `low..=high` (`low` when `high < low`).
    fn between(&mut self, low: usize, high: usize) -> usize {
        let span = high.saturating_sub(low).saturating_add(1);
        low.saturating_add(self.below(span))
    }

    /// `true` with probability 1/n (never when the source is exhausted).
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == n.saturating_sub(1) && n > 1
    }
}

/// JSON text of a member value.
pub(super) fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// Two times in order: the same half the time (a customer never updated).
pub(super) fn created_and_updated(c: &mut impl Choices) -> Option<(Timestamp, Timestamp)> {
    let created = timestamp(c)?;
    if c.below(2) == 0 {
        return Some((created, created));
    }
    let other = timestamp(c)?;
    Some((created.min(other), created.max(other)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Choices from a small linear congruential sequence (tests only).
    struct Lcg(u64);

    impl Choices for Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            if n == 0 {
                0
            } else {
                (self.0 >> 33) as usize % n
            }
        }
    }

    /// Always the first option.
    struct Zero;

    impl Choices for Zero {
        fn below(&mut self, _: usize) -> usize {
            0
        }
    }

    #[test]
    fn every_example_number_is_valid_for_its_region() {
        for (number, region) in &PHONE_EXAMPLES {
            let country = Country::parse(std::str::from_utf8(region).unwrap())
                .unwrap_or_else(|e| panic!("{region:?}: {e}"));
            let phone = PhoneNumber::parse(number).unwrap_or_else(|e| panic!("{number}: {e}"));
            assert!(phone.is_valid_for(country), "{number} for {country:?}");
        }
    }

    #[test]
    fn exhausted_choices_still_build_every_value() {
        assert!(create_customer(&mut Zero).is_some());
        assert!(customer(&mut Zero).is_some());
        assert_eq!(person_name(&mut Zero).unwrap().as_str(), "Ada");
        assert!(timestamp(&mut Zero).is_some());
        assert!(customer_id(&mut Zero).is_some());
        assert_eq!(full_name(&mut Zero).unwrap().as_str(), "John Doe");
        assert_eq!(currency(&mut Zero).unwrap().as_str(), "ZAR");
        assert!(metadata(&mut Zero).unwrap().is_empty());
        let request = create_billing_customer(&mut Zero).unwrap();
        assert_eq!((request.reference(), request.balance()), (None, None));
        assert!(billing_customer(&mut Zero).is_some());
        let request = create_account_customer(&mut Zero).unwrap();
        assert!(request.phone().is_none() && request.custom_data().is_none());
        assert!(account_customer(&mut Zero).is_some());
        assert!(billing_customer_id(&mut Zero).is_some());
        assert!(account_customer_id(&mut Zero).is_some());
        assert!(payment_method_id(&mut Zero).is_some());
        assert!(json_object(&mut Zero).is_some());
        assert!(reference(&mut Zero).is_some());
    }

    /// The currency list is the active ISO 4217 table: about 150 codes, every minor
    /// unit the rules allow, the common ones among them.
    #[test]
    fn currency_list_is_the_accepted_codes() {
        let all = currencies();
        assert!(all.len() > 140, "{}", all.len());
        for code in COMMON_CURRENCIES.iter().chain(&["VES", "CLF", "BHD"]) {
            assert!(all.iter().any(|c| c.as_str() == *code), "{code}");
        }
        assert!(!all.iter().any(|c| c.as_str() == "XXX"));
    }

    /// Spec 002 and 003 values: always built, and spread over what the rules allow.
    #[test]
    fn profile_generators_always_succeed_and_vary() {
        let mut c = Lcg(11);
        let (mut with_balance, mut currency_only, mut no_money) = (0, 0, 0);
        let (mut most_keys, mut full_metadata, mut updated_later) = (0, 0, 0);
        let (mut both, mut phone_only, mut address_only, mut neither) = (0, 0, 0, 0);
        let (mut custom_data, mut long_names, mut minor_units) = (0, 0, [0; 5]);
        let mut balances = std::collections::HashSet::new();
        for _ in 0..2000 {
            let b = billing_customer(&mut c).expect("a valid billing customer");
            let f = b.fields();
            match (f.currency(), f.balance()) {
                (Some(_), Some(balance)) => {
                    with_balance += 1;
                    balances.insert(balance);
                }
                (Some(_), None) => currency_only += 1,
                (None, None) => no_money += 1,
                (None, Some(_)) => panic!("a balance without a currency"),
            }
            if let Some(currency) = f.currency() {
                minor_units[usize::from(currency.minor_units())] += 1;
            }
            most_keys = most_keys.max(f.metadata().len());
            full_metadata += usize::from(f.metadata().len() == limits::METADATA_MAX_KEYS);
            updated_later += usize::from(b.updated_at() > b.created_at());
            long_names += usize::from(f.name().as_str().chars().count() >= 200);
            let a = account_customer(&mut c).expect("a valid account customer");
            let f = a.fields();
            match (f.phone(), f.address()) {
                (Some(phone), Some(address)) => {
                    assert!(phone.is_valid_for(address.country()));
                    both += 1;
                }
                (Some(_), None) => phone_only += 1,
                (None, Some(_)) => address_only += 1,
                (None, None) => neither += 1,
            }
            custom_data += usize::from(f.custom_data().is_some());
            updated_later += usize::from(a.updated_at() > a.created_at());
        }
        for (what, n) in [
            ("balances", with_balance),
            ("currencies without balance", currency_only),
            ("no currency", no_money),
            ("full metadata", full_metadata),
            ("phone and address", both),
            ("phone only", phone_only),
            ("address only", address_only),
            ("neither", neither),
            ("custom data", custom_data),
            ("long names", long_names),
            ("updated later", updated_later),
        ] {
            assert!(n > 20, "{n} {what}");
        }
        assert_eq!(most_keys, limits::METADATA_MAX_KEYS);
        assert!(balances.len() > 300, "{} balances", balances.len());
        assert!(
            minor_units[0] > 0 && minor_units[2] > 0 && minor_units[3] > 0,
            "{minor_units:?}"
        );
    }

    /// Every kind of JSON object and metadata the generators make is within the limits
    /// and reads back through the request that carries it.
    #[test]
    fn json_objects_and_metadata_stay_within_limits() {
        let mut c = Lcg(3);
        let mut deepest = 0;
        for _ in 0..3000 {
            let object = json_object(&mut c).expect("a valid JSON object");
            let depth = object
                .as_str()
                .chars()
                .scan(0i32, |d, ch| {
                    match ch {
                        '{' | '[' => *d += 1,
                        '}' | ']' => *d -= 1,
                        _ => {}
                    }
                    Some(*d)
                })
                .max()
                .unwrap_or(0);
            deepest = deepest.max(depth);
            let body = format!(
                r#"{{"name":"A","email":"a@b.io","custom_data":{}}}"#,
                object.as_str()
            );
            let request = CreateAccountCustomer::from_json(body.as_bytes()).unwrap();
            assert_eq!(request.custom_data(), Some(&object));
            metadata(&mut c).expect("valid metadata");
        }
        assert!(deepest >= 4, "deepest {deepest}");
    }

    #[test]
    fn generators_always_succeed_and_vary() {
        let mut c = Lcg(7);
        let mut regions = std::collections::HashSet::new();
        let mut non_latin = 0;
        for _ in 0..5000 {
            let name = person_name(&mut c).expect("a valid name");
            non_latin += usize::from(!name.as_str().is_ascii());
            email(&mut c).expect("a valid email");
            address_text(&mut c).expect("a valid address text");
            timestamp(&mut c).expect("a valid timestamp");
            customer_id(&mut c).expect("a valid id");
            let customer = customer(&mut c).expect("a valid customer");
            regions.insert(customer.billing_address().country());
        }
        assert!(non_latin > 2500, "{non_latin} names outside ASCII");
        assert!(regions.len() > 200, "{} billing countries", regions.len());
    }
}
