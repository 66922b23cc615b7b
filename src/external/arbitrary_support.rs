//! `Arbitrary` for every validated type and for the requests and stored customers of the
//! three profiles (feature `arbitrary`): [`CreateCustomer`] and [`Customer`] (Juice),
//! [`CreateBillingCustomer`] and [`BillingCustomer`] (spec 002),
//! [`CreateAccountCustomer`] and [`AccountCustomer`] (spec 003). Valid values only, built
//! through the real constructors and parsers by the same generator as the proptest
//! strategies (`src/external/generate.rs`); the same bytes give the same values.

use arbitrary::{Arbitrary, Error, Result, Unstructured};

use crate::external::generate::{self, Choices};
use crate::{
    AddressText, BillingAddress, Country, CreateCustomer, Currency, Customer, CustomerId, Email,
    FullName, JsonObject, Metadata, PersonName, PhoneNumber, Reference, Timestamp,
    account::{
        AccountAddress, AccountCustomer, AccountCustomerId, AccountStatus, CreateAccountCustomer,
        PaymentMethodId,
    },
    billing::{BillingCustomer, BillingCustomerId, CreateBillingCustomer},
};

/// Choices read from the fuzzer's bytes; exhausted bytes choose 0, the simplest option.
impl Choices for Unstructured<'_> {
    fn below(&mut self, n: usize) -> usize {
        match u64::try_from(n.saturating_sub(1)) {
            Ok(last) if n > 0 => self
                .int_in_range(0..=last)
                .ok()
                .and_then(|i| usize::try_from(i).ok())
                .unwrap_or(0),
            _ => 0,
        }
    }
}

macro_rules! arbitrary_via {
    ($($ty:ty => $generate:path),* $(,)?) => {$(
        impl<'a> Arbitrary<'a> for $ty {
            fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
                $generate(u).ok_or(Error::IncorrectFormat)
            }
        }
    )*};
}

arbitrary_via! {
    PersonName => generate::person_name,
    Email => generate::email,
    PhoneNumber => generate::phone_number,
    Country => generate::country,
    AddressText => generate::address_text,
    BillingAddress => generate::billing_address,
    CustomerId => generate::customer_id,
    Timestamp => generate::timestamp,
    CreateCustomer => generate::create_customer,
    Customer => generate::customer,
    FullName => generate::full_name,
    Reference => generate::reference,
    Currency => generate::currency,
    Metadata => generate::metadata,
    JsonObject => generate::json_object,
    BillingCustomerId => generate::billing_customer_id,
    AccountCustomerId => generate::account_customer_id,
    PaymentMethodId => generate::payment_method_id,
    AccountAddress => generate::account_address,
    AccountStatus => generate::account_status,
    CreateBillingCustomer => generate::create_billing_customer,
    BillingCustomer => generate::billing_customer,
    CreateAccountCustomer => generate::create_account_customer,
    AccountCustomer => generate::account_customer,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_gives_the_simplest_valid_values() {
        let mut u = Unstructured::new(&[]);
        let request = CreateCustomer::arbitrary(&mut u).unwrap();
        assert_eq!(request.first_name().as_str(), "Ada");
        assert!(
            request
                .phone_number()
                .is_valid_for(request.billing_address().country())
        );
        assert!(Customer::arbitrary(&mut u).is_ok());
        let billing = CreateBillingCustomer::arbitrary(&mut u).unwrap();
        assert_eq!(billing.name().as_str(), "John Doe");
        assert!(billing.balance().is_none() && billing.metadata().is_empty());
        assert!(BillingCustomer::arbitrary(&mut u).is_ok());
        let account = CreateAccountCustomer::arbitrary(&mut u).unwrap();
        assert_eq!(account.status(), AccountStatus::Active);
        assert!(AccountCustomer::arbitrary(&mut u).is_ok());
    }

    #[test]
    fn any_bytes_give_valid_profile_customers() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(16_384).collect();
        for start in 0..64 {
            let mut u = Unstructured::new(bytes.get(start * 13..).unwrap());
            let billing = BillingCustomer::arbitrary(&mut u).unwrap();
            let json = serde_json::to_vec(&billing).unwrap();
            assert_eq!(BillingCustomer::from_json(&json).unwrap(), billing);
            let account = AccountCustomer::arbitrary(&mut u).unwrap();
            let json = serde_json::to_vec(&account).unwrap();
            assert_eq!(AccountCustomer::from_json(&json).unwrap(), account);
        }
    }

    #[test]
    fn the_same_bytes_give_the_same_values() {
        let bytes: Vec<u8> = (0..8192u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let first = (
            BillingCustomer::arbitrary(&mut Unstructured::new(&bytes)).unwrap(),
            AccountCustomer::arbitrary(&mut Unstructured::new(&bytes)).unwrap(),
        );
        let again = (
            BillingCustomer::arbitrary(&mut Unstructured::new(&bytes)).unwrap(),
            AccountCustomer::arbitrary(&mut Unstructured::new(&bytes)).unwrap(),
        );
        assert_eq!(first, again);
    }

    #[test]
    fn any_bytes_give_valid_customers() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        for start in 0..64 {
            let mut u = Unstructured::new(bytes.get(start * 7..).unwrap());
            let customer = Customer::arbitrary(&mut u).unwrap();
            let json = serde_json::to_vec(&customer).unwrap();
            assert_eq!(Customer::from_json(&json).unwrap(), customer);
        }
    }
}
