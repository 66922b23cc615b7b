//! The `arbitrary` and `proptest` features (`cargo test` enables both through the
//! dev-dependency on ourselves): every generated value is valid and reads back from its
//! own JSON (`serde_json::to_string`, then `from_json` or `Deserialize`) as itself, for
//! the three profiles (Juice, billing, account); the same seed gives the same values.

use std::fmt::{Debug, Display};

use arbitrary::{Arbitrary, Unstructured};
use customer_core::{
    AddressText, BillingAddress, Country, CreateCustomer, Currency, Customer, CustomerId, Email,
    FullName, JsonObject, Metadata, PersonName, PhoneNumber, Reference, Timestamp,
    account::{
        AccountAddress, AccountCustomer, AccountCustomerId, AccountStatus, CreateAccountCustomer,
        PaymentMethodId,
    },
    billing::{BillingCustomer, BillingCustomerId, CreateBillingCustomer},
    strategy,
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

/// `value` written as JSON and read back through `from_json`, then through its
/// `Deserialize`.
fn from_json_reads_back<T: Serialize + DeserializeOwned + PartialEq + Debug, E: Display>(
    value: &T,
    from_json: fn(&[u8]) -> Result<T, E>,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_vec(value).unwrap();
    let back = from_json(&json);
    match back {
        Ok(back) => prop_assert_eq!(&back, value),
        Err(e) => prop_assert!(false, "{}: {e}", String::from_utf8_lossy(&json)),
    }
    reads_back(value)
}

/// The billing profile's values (spec 002) through their own entry points.
fn billing_round_trip(
    request: &CreateBillingCustomer,
    customer: &BillingCustomer,
) -> Result<(), TestCaseError> {
    prop_assert!(request.balance().is_none() || request.currency().is_some());
    from_json_reads_back(request, CreateBillingCustomer::from_json)?;
    prop_assert!(customer.updated_at() >= customer.created_at());
    from_json_reads_back(customer, BillingCustomer::from_json)
}

/// The account profile's values (spec 003) through their own entry points.
fn account_round_trip(
    request: &CreateAccountCustomer,
    customer: &AccountCustomer,
) -> Result<(), TestCaseError> {
    if let (Some(phone), Some(address)) = (request.phone(), request.address()) {
        prop_assert!(phone.is_valid_for(address.country()));
    }
    from_json_reads_back(request, CreateAccountCustomer::from_json)?;
    prop_assert!(customer.updated_at() >= customer.created_at());
    from_json_reads_back(customer, AccountCustomer::from_json)
}

/// The field values of specs 002 and 003 read back through their constructors.
#[allow(clippy::too_many_arguments)]
fn profile_fields_read_back(
    name: &FullName,
    reference: &Reference,
    currency: &Currency,
    balance: i64,
    metadata: &Metadata,
    object: &JsonObject,
    ids: (&BillingCustomerId, &AccountCustomerId, &PaymentMethodId),
    address: &AccountAddress,
    status: &AccountStatus,
) -> Result<(), TestCaseError> {
    reads_back(name)?;
    reads_back(reference)?;
    reads_back(currency)?;
    reads_back(ids.0)?;
    reads_back(ids.1)?;
    reads_back(ids.2)?;
    reads_back(status)?;
    let body = format!(r#"{{"name":"A","currency":"{currency}","balance":{balance}}}"#);
    prop_assert_eq!(
        CreateBillingCustomer::from_json(body.as_bytes())
            .unwrap()
            .balance(),
        Some(balance)
    );
    prop_assert_eq!(&Metadata::new(metadata.iter()).unwrap(), metadata);
    prop_assert_eq!(&JsonObject::parse(object.as_str()).unwrap(), object);
    prop_assert_eq!(serde_json::to_string(object).unwrap(), object.as_str());
    let address_json = serde_json::to_string(address).unwrap();
    let body = format!(r#"{{"name":"A","email":"a@b.io","address":{address_json}}}"#);
    let request = CreateAccountCustomer::from_json(body.as_bytes()).unwrap();
    prop_assert_eq!(request.address(), Some(address));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn profile_strategies_give_valid_values_that_read_back(
        billing_request in strategy::create_billing_customer(),
        billing in strategy::billing_customer(),
        account_request in strategy::create_account_customer(),
        account in strategy::account_customer(),
        name in strategy::full_name(),
        reference in strategy::reference(),
        currency in strategy::currency(),
        balance in strategy::balance(),
        metadata in strategy::metadata(),
        object in strategy::json_object(),
        ids in (strategy::billing_customer_id(), strategy::account_customer_id(), strategy::payment_method_id()),
        address in strategy::account_address(),
        status in strategy::account_status(),
    ) {
        billing_round_trip(&billing_request, &billing)?;
        account_round_trip(&account_request, &account)?;
        profile_fields_read_back(
            &name, &reference, &currency, balance, &metadata, &object,
            (&ids.0, &ids.1, &ids.2), &address, &status,
        )?;
    }

    #[test]
    fn arbitrary_gives_valid_profile_values_that_read_back(
        bytes in prop::collection::vec(any::<u8>(), 0..8192),
    ) {
        let mut u = Unstructured::new(&bytes);
        let billing_request = CreateBillingCustomer::arbitrary(&mut u).unwrap();
        let billing = BillingCustomer::arbitrary(&mut u).unwrap();
        billing_round_trip(&billing_request, &billing)?;
        let account_request = CreateAccountCustomer::arbitrary(&mut u).unwrap();
        let account = AccountCustomer::arbitrary(&mut u).unwrap();
        account_round_trip(&account_request, &account)?;
        profile_fields_read_back(
            &FullName::arbitrary(&mut u).unwrap(),
            &Reference::arbitrary(&mut u).unwrap(),
            &Currency::arbitrary(&mut u).unwrap(),
            i64::arbitrary(&mut u).unwrap(),
            &Metadata::arbitrary(&mut u).unwrap(),
            &JsonObject::arbitrary(&mut u).unwrap(),
            (
                &BillingCustomerId::arbitrary(&mut u).unwrap(),
                &AccountCustomerId::arbitrary(&mut u).unwrap(),
                &PaymentMethodId::arbitrary(&mut u).unwrap(),
            ),
            &AccountAddress::arbitrary(&mut u).unwrap(),
            &AccountStatus::arbitrary(&mut u).unwrap(),
        )?;
    }

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

/// `len` bytes standing in for a fuzzer's, from xorshift64* seeded with `seed`.
fn fuzzer_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

/// The generators reach far: many billing countries and scripts in a few hundred values.
#[test]
fn arbitrary_customers_are_diverse() {
    let bytes = fuzzer_bytes(0x9E37_79B9_7F4A_7C15u64, 400_000);
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

/// The same proptest seed gives the same customers of every profile.
#[test]
fn strategies_are_deterministic_for_a_seed() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    fn draw<S: Strategy>(strategy: &S) -> Vec<S::Value> {
        let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
        let mut runner = TestRunner::new_with_rng(Config::default(), rng);
        (0..32)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect()
    }
    let strategy = (
        strategy::billing_customer(),
        strategy::account_customer(),
        strategy::customer(),
    );
    let first = draw(&strategy);
    assert_eq!(first, draw(&strategy));
    // and the values differ from one another.
    let distinct: std::collections::HashSet<_> = first.iter().map(|(b, a, _)| (b, a)).collect();
    assert_eq!(distinct.len(), first.len());
}

/// The profile generators reach far too: many currencies, metadata sizes, and both sides
/// of every optional field.
#[test]
fn arbitrary_profile_customers_are_diverse() {
    let bytes = fuzzer_bytes(0x2545_F491_4F6C_DD1Du64, 2_000_000);
    let mut u = Unstructured::new(&bytes);
    let mut currencies = std::collections::HashSet::new();
    let mut key_counts = std::collections::HashSet::new();
    let (mut statuses, mut countries) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    let (mut references, mut phones, mut payment_methods) = ([0; 2], [0; 2], [0; 2]);
    for _ in 0..400 {
        let b = BillingCustomer::arbitrary(&mut u).unwrap();
        currencies.extend(b.fields().currency());
        key_counts.insert(b.fields().metadata().len());
        references[usize::from(b.fields().reference().is_some())] += 1;
        phones[usize::from(b.fields().phone_number().is_some())] += 1;
        let a = AccountCustomer::arbitrary(&mut u).unwrap();
        statuses.insert(a.fields().status());
        countries.extend(a.fields().address().map(AccountAddress::country));
        payment_methods[usize::from(a.fields().payment_method().is_some())] += 1;
    }
    assert!(currencies.len() > 50, "{} currencies", currencies.len());
    assert!(
        key_counts.len() > 10 && key_counts.contains(&50),
        "{key_counts:?}"
    );
    assert_eq!(statuses.len(), 3);
    assert!(countries.len() > 50, "{} countries", countries.len());
    for (what, seen) in [
        ("references", references),
        ("phones", phones),
        ("payment methods", payment_methods),
    ] {
        assert!(seen[0] > 50 && seen[1] > 50, "{what}: {seen:?}");
    }
}
