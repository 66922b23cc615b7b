//! `Arbitrary` for every validated type and for [`CreateCustomer`] and [`Customer`]
//! (feature `arbitrary`): valid values only, built through the real constructors by the
//! same generator as the proptest strategies (`src/external/generate.rs`).

use arbitrary::{Arbitrary, Error, Result, Unstructured};

use crate::external::generate::{self, Choices};
use crate::{
    AddressText, BillingAddress, Country, CreateCustomer, Customer, CustomerId, Email, PersonName,
    PhoneNumber, Timestamp,
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
