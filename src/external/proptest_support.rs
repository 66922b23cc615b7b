//! Proptest strategies for valid values (feature `proptest`): one per validated type and
//! for [`CreateCustomer`] and [`Customer`]. customer-core's own property tests use these
//! same strategies.
//!
//! Each strategy draws a vector of numbers and builds the value from them through the
//! real constructors (`parse`, `new`), with the same generator as the `Arbitrary` impls of
//! feature `arbitrary`: names in many scripts, RFC 5322 dot-atom emails, every ISO
//! region's example phone numbers with that region as billing country, addresses in
//! several scripts, timestamps over the years 0000-9999. Shrinking moves every number
//! towards 0, the simplest option of each choice (`Ada`, a short ASCII email, a US number).
//!
//! ```
//! use customer_core::{strategy, CreateCustomer};
//! use proptest::prelude::*;
//!
//! proptest!(|(request in strategy::create_customer())| {
//!     let json = serde_json::to_vec(&request).unwrap();
//!     prop_assert_eq!(CreateCustomer::from_json(&json).unwrap(), request);
//! });
//! ```

use proptest::prelude::*;

use crate::external::generate::{self, Choices};
use crate::{
    AddressText, BillingAddress, Country, CreateCustomer, Customer, CustomerId, Email, PersonName,
    PhoneNumber, Timestamp,
};

/// Choices drawn by proptest; once used up, every choice is 0.
#[derive(Debug, Clone)]
struct Drawn {
    numbers: Vec<u32>,
    next: usize,
}

impl Choices for Drawn {
    fn below(&mut self, n: usize) -> usize {
        let drawn = self.numbers.get(self.next).copied().unwrap_or(0);
        self.next = self.next.saturating_add(1);
        usize::try_from(drawn)
            .ok()
            .and_then(|d| d.checked_rem(n))
            .unwrap_or(0)
    }
}

/// `count` numbers, then the value built from them.
fn built<T: std::fmt::Debug>(
    count: usize,
    build: fn(&mut Drawn) -> Option<T>,
) -> impl Strategy<Value = T> {
    proptest::collection::vec(any::<u32>(), count)
        .prop_filter_map("the generator builds only valid values", move |numbers| {
            build(&mut Drawn { numbers, next: 0 })
        })
}

/// Valid [`PersonName`]s in many scripts.
pub fn person_name() -> impl Strategy<Value = PersonName> {
    built(96, generate::person_name)
}

/// Valid [`Email`]s.
pub fn email() -> impl Strategy<Value = Email> {
    built(80, generate::email)
}

/// Valid [`PhoneNumber`]s: every ISO region's example numbers.
pub fn phone_number() -> impl Strategy<Value = PhoneNumber> {
    built(1, generate::phone_number)
}

/// A valid [`PhoneNumber`] with a [`Country`] it is valid for.
pub fn phone_and_country() -> impl Strategy<Value = (PhoneNumber, Country)> {
    built(1, generate::phone_and_country)
}

/// Valid [`Country`] codes (every region with example phone numbers).
pub fn country() -> impl Strategy<Value = Country> {
    built(1, generate::country)
}

/// Valid [`AddressText`]s (a line, a city, a unit…).
pub fn address_text() -> impl Strategy<Value = AddressText> {
    built(24, generate::address_text)
}

/// Valid [`BillingAddress`]es.
pub fn billing_address() -> impl Strategy<Value = BillingAddress> {
    built(96, generate::billing_address)
}

/// Random (version 4) [`CustomerId`]s.
pub fn customer_id() -> impl Strategy<Value = CustomerId> {
    built(32, generate::customer_id)
}

/// Valid [`Timestamp`]s over the years 0000-9999 (mostly 1970-2100).
pub fn timestamp() -> impl Strategy<Value = Timestamp> {
    built(12, generate::timestamp)
}

/// Valid [`CreateCustomer`] requests: the phone number is valid for the billing country.
pub fn create_customer() -> impl Strategy<Value = CreateCustomer> {
    built(384, generate::create_customer)
}

/// Valid [`Customer`]s (`created_at` equals `updated_at`, as [`Customer::new`] makes them).
pub fn customer() -> impl Strategy<Value = Customer> {
    built(432, generate::customer)
}
