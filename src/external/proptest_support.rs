//! Proptest strategies for valid values (feature `proptest`): one per validated type and
//! for the requests and stored customers of the three profiles: Juice's
//! ([`create_customer`], [`customer`]), the billing system's (spec 002:
//! [`create_billing_customer`], [`billing_customer`]) and the account API's (spec 003:
//! [`create_account_customer`], [`account_customer`]). customer-core's own property tests
//! use these same strategies.
//!
//! Each strategy draws a vector of numbers and builds the value from them through the
//! real constructors (`parse`, `new`), with the same generator as the `Arbitrary` impls of
//! feature `arbitrary`: names in many scripts, RFC 5322 dot-atom emails, every ISO
//! region's example phone numbers with that region as billing country, addresses in
//! several scripts, timestamps over the years 0000-9999; full and business names, every
//! active ISO 4217 currency, balances from 0 to the `i64` limits, metadata of 0 to 50
//! keys, JSON objects of every shape kept exactly as sent. Optional fields are present or
//! absent, each about half the time. Shrinking moves every number towards 0, the simplest
//! option of each choice (`Ada`, a short ASCII email, a US number, absent optional
//! fields). The same proptest seed gives the same values.
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
    AddressText, BillingAddress, Country, CreateCustomer, Currency, Customer, CustomerId, Email,
    FullName, JsonObject, Metadata, PersonName, PhoneNumber, Reference, Timestamp,
    account::{
        AccountAddress, AccountCustomer, AccountCustomerId, AccountStatus, CreateAccountCustomer,
        PaymentMethodId,
    },
    billing::{BillingCustomer, BillingCustomerId, CreateBillingCustomer},
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

/// Valid [`FullName`]s: people's and businesses' names (`Acme & Sons Ltd.`, `3M`,
/// `株式会社トヨタ`, `Café ☕ Corner`), sometimes up to the 255-character limit.
///
/// ```
/// use customer_core::{strategy, FullName};
/// use proptest::prelude::*;
///
/// proptest!(|(name in strategy::full_name())| {
///     prop_assert_eq!(FullName::parse(name.as_str()).unwrap(), name);
/// });
/// ```
pub fn full_name() -> impl Strategy<Value = FullName> {
    built(512, generate::full_name)
}

/// Valid [`Reference`]s: invoice and order numbers, free text in several scripts,
/// sometimes exactly 255 characters.
pub fn reference() -> impl Strategy<Value = Reference> {
    built(128, generate::reference)
}

/// Valid [`Currency`] codes: every active ISO 4217 code with a minor unit (`JPY` 0,
/// `ZAR` 2, `BHD` 3, `CLF` 4), the most used ones more often.
///
/// ```
/// use customer_core::strategy;
/// use proptest::prelude::*;
///
/// proptest!(|(currency in strategy::currency())| {
///     prop_assert!(currency.minor_units() <= 4);
/// });
/// ```
pub fn currency() -> impl Strategy<Value = Currency> {
    built(2, generate::currency)
}

/// Balances in minor units, as a billing request may carry them (with a currency): zero,
/// everyday debits and credits, `i64::MIN` and `i64::MAX`, any `i64`.
pub fn balance() -> impl Strategy<Value = i64> {
    built(6, |c| Some(generate::balance(c)))
}

/// Valid [`Metadata`]: mostly empty or a few keys, sometimes up to the 50-key limit;
/// keys up to 40 characters in many scripts, values up to 500 characters (empty ones and
/// line breaks included).
///
/// ```
/// use customer_core::{limits, strategy};
/// use proptest::prelude::*;
///
/// proptest!(|(metadata in strategy::metadata())| {
///     prop_assert!(metadata.len() <= limits::METADATA_MAX_KEYS);
/// });
/// ```
pub fn metadata() -> impl Strategy<Value = Metadata> {
    built(1024, generate::metadata)
}

/// Valid [`JsonObject`]s (an account's `custom_data`, a billing customer's
/// `payment_rules`): values of every JSON type nested up to the depth limit, numbers
/// spelled as sent (`1.50`, `1e3`, integers beyond 64 bits), escapes, now and then a key
/// twice or a `null` member; always within the size limits.
pub fn json_object() -> impl Strategy<Value = JsonObject> {
    built(1024, generate::json_object)
}

/// Valid [`BillingCustomerId`]s (`bcus_…`): made from a time and random bytes, or any 21
/// base62 characters.
pub fn billing_customer_id() -> impl Strategy<Value = BillingCustomerId> {
    built(40, generate::billing_customer_id)
}

/// Valid [`AccountCustomerId`]s (TypeID `cus_…`): UUIDv7 made from a time and random
/// bytes, or any 128-bit value.
pub fn account_customer_id() -> impl Strategy<Value = AccountCustomerId> {
    built(40, generate::account_customer_id)
}

/// Valid [`PaymentMethodId`]s: TypeIDs with common (`card_…`, `momo_…`) or generated
/// prefixes.
pub fn payment_method_id() -> impl Strategy<Value = PaymentMethodId> {
    built(56, generate::payment_method_id)
}

/// Valid [`AccountAddress`]es (a city and a country).
pub fn account_address() -> impl Strategy<Value = AccountAddress> {
    built(32, generate::account_address)
}

/// Every [`AccountStatus`].
pub fn account_status() -> impl Strategy<Value = AccountStatus> {
    built(1, generate::account_status)
}

/// Valid [`CreateBillingCustomer`] requests (spec 002), read by
/// [`CreateBillingCustomer::from_json`]: each optional field present or absent, a balance
/// only with a currency (a currency also without one), metadata of 0 to 50 keys.
///
/// ```
/// use customer_core::{strategy, billing::CreateBillingCustomer};
/// use proptest::prelude::*;
///
/// proptest!(|(request in strategy::create_billing_customer())| {
///     prop_assert!(request.balance().is_none() || request.currency().is_some());
///     let json = serde_json::to_vec(&request).unwrap();
///     prop_assert_eq!(CreateBillingCustomer::from_json(&json).unwrap(), request);
/// });
/// ```
pub fn create_billing_customer() -> impl Strategy<Value = CreateBillingCustomer> {
    built(2048, generate::create_billing_customer)
}

/// Valid [`BillingCustomer`]s: an id made at `created_at` (or imported), payment rules or
/// none, `updated_at` equal to `created_at` or later.
///
/// ```
/// use customer_core::{strategy, billing::BillingCustomer};
/// use proptest::prelude::*;
///
/// proptest!(|(customer in strategy::billing_customer())| {
///     prop_assert!(customer.updated_at() >= customer.created_at());
///     let json = serde_json::to_vec(&customer).unwrap();
///     prop_assert_eq!(BillingCustomer::from_json(&json).unwrap(), customer);
/// });
/// ```
pub fn billing_customer() -> impl Strategy<Value = BillingCustomer> {
    built(3200, generate::billing_customer)
}

/// Valid [`CreateAccountCustomer`] requests (spec 003), read by
/// [`CreateAccountCustomer::from_json`]: each optional field present or absent, the phone
/// valid for the address country when both are given, every status, custom data of every
/// JSON shape.
///
/// ```
/// use customer_core::{strategy, account::CreateAccountCustomer};
/// use proptest::prelude::*;
///
/// proptest!(|(request in strategy::create_account_customer())| {
///     if let (Some(phone), Some(address)) = (request.phone(), request.address()) {
///         prop_assert!(phone.is_valid_for(address.country()));
///     }
///     let json = serde_json::to_vec(&request).unwrap();
///     prop_assert_eq!(CreateAccountCustomer::from_json(&json).unwrap(), request);
/// });
/// ```
pub fn create_account_customer() -> impl Strategy<Value = CreateAccountCustomer> {
    built(2048, generate::create_account_customer)
}

/// Valid [`AccountCustomer`]s: a UUIDv7 id of `created_at` (or any TypeID), `updated_at`
/// equal to `created_at` or later, both to the millisecond.
///
/// ```
/// use customer_core::{strategy, account::AccountCustomer};
/// use proptest::prelude::*;
///
/// proptest!(|(customer in strategy::account_customer())| {
///     let json = serde_json::to_vec(&customer).unwrap();
///     prop_assert_eq!(AccountCustomer::from_json(&json).unwrap(), customer);
/// });
/// ```
pub fn account_customer() -> impl Strategy<Value = AccountCustomer> {
    built(2600, generate::account_customer)
}
