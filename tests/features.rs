//! The `arbitrary` and `proptest` features (`cargo test` enables both through the
//! dev-dependency on ourselves): every generated value is valid and reads back from its
//! own JSON (`serde_json::to_string`, then `from_json` or `Deserialize`) as itself.

use std::fmt::Debug;

use arbitrary::{Arbitrary, Unstructured};
use customer_core::{
    AddressText, BillingAddress, Country, CreateCustomer, Customer, CustomerId, Email, PersonName,
    PhoneNumber, Timestamp, strategy,
};
use proptest::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

/// `value` written as JSON and read back through its `Deserialize` (the validating one).
fn reads_back<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    value: &T,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(value).unwrap();
    let back: Result<T, _> = serde_json::from_str(&json);
    prop_assert!(back.is_ok(), "{json}: {}", back.unwrap_err());
    prop_assert_eq!(&back.unwrap(), value);
    Ok(())
}

/// Requests and customers through `from_json`, the API's own entry points.
fn from_json_round_trip(
    request: &CreateCustomer,
    customer: &Customer,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(request).unwrap();
    prop_assert_eq!(
        &CreateCustomer::from_json(json.as_bytes()).unwrap(),
        request
    );
    prop_assert!(
        request
            .phone_number()
            .is_valid_for(request.billing_address().country())
    );
    let json = serde_json::to_string(customer).unwrap();
    prop_assert_eq!(&Customer::from_json(json.as_bytes()).unwrap(), customer);
    reads_back(request)?;
    reads_back(customer)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn strategies_give_valid_values_that_read_back(
        request in strategy::create_customer(),
        customer in strategy::customer(),
        name in strategy::person_name(),
        email in strategy::email(),
        (phone, country) in strategy::phone_and_country(),
        other_phone in strategy::phone_number(),
        other_country in strategy::country(),
        text in strategy::address_text(),
        address in strategy::billing_address(),
        id in strategy::customer_id(),
        at in strategy::timestamp(),
    ) {
        from_json_round_trip(&request, &customer)?;
        prop_assert!(phone.is_valid_for(country));
        reads_back(&name)?;
        reads_back(&email)?;
        reads_back(&phone)?;
        reads_back(&other_phone)?;
        reads_back(&country)?;
        reads_back(&other_country)?;
        reads_back(&text)?;
        reads_back(&address)?;
        reads_back(&id)?;
        reads_back(&at)?;
    }

    #[test]
    fn arbitrary_gives_valid_values_that_read_back(
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
    ) {
        let mut u = Unstructured::new(&bytes);
        let request = CreateCustomer::arbitrary(&mut u).unwrap();
        let customer = Customer::arbitrary(&mut u).unwrap();
        from_json_round_trip(&request, &customer)?;
        reads_back(&PersonName::arbitrary(&mut u).unwrap())?;
        reads_back(&Email::arbitrary(&mut u).unwrap())?;
        reads_back(&PhoneNumber::arbitrary(&mut u).unwrap())?;
        reads_back(&Country::arbitrary(&mut u).unwrap())?;
        reads_back(&AddressText::arbitrary(&mut u).unwrap())?;
        reads_back(&BillingAddress::arbitrary(&mut u).unwrap())?;
        reads_back(&CustomerId::arbitrary(&mut u).unwrap())?;
        reads_back(&Timestamp::arbitrary(&mut u).unwrap())?;
    }
}

/// The generators reach far: many billing countries and scripts in a few hundred values.
#[test]
fn arbitrary_customers_are_diverse() {
    // A fuzzer's bytes, stood in for by xorshift64*.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let bytes: Vec<u8> = (0..400_000)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect();
    let mut u = Unstructured::new(&bytes);
    let mut countries = std::collections::HashSet::new();
    let mut scripts = std::collections::HashSet::new();
    for _ in 0..400 {
        let request = CreateCustomer::arbitrary(&mut u).unwrap();
        countries.insert(request.billing_address().country());
        for c in request.first_name().as_str().chars() {
            scripts.insert(u32::from(c) >> 8);
        }
    }
    assert!(countries.len() > 100, "{} countries", countries.len());
    assert!(scripts.len() > 10, "{} Unicode blocks", scripts.len());
}
