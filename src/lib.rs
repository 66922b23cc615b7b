//! # customer-core
//!
//! The pure, I/O-free validation core of a Customers API: typed, validated values for
//! names, emails, E.164 phone numbers, countries and billing addresses, the rules between
//! them (a phone number must be valid for the billing country), and an error model that
//! reports every problem at once, each with a JSON Pointer, a stable code and a message.
//!
//! Nothing here reads a clock, makes random numbers, or touches a disk or a network: ids
//! and timestamps are passed in. Library code never panics, whatever the input.
//!
//! ```
//! use customer_core::{CreateCustomer, Customer, CustomerId, Timestamp};
//!
//! let body = r#"{"first_name":"Adébáyọ̀","last_name":"O’Brien","email":"ade@example.ng",
//!   "phone_number":"+2348012345678","billing_address":{"line1":"1 Marina","city":"Lagos",
//!   "country":"NG"}}"#;
//! let request = CreateCustomer::from_json(body.as_bytes()).unwrap();
//! let customer = Customer::new(
//!     "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse::<CustomerId>().unwrap(),
//!     request,
//!     Timestamp::parse("2024-03-01T12:00:00Z").unwrap(),
//! );
//! assert_eq!(customer.billing_address().country().as_str(), "NG");
//!
//! // A Nigerian number with a US address: one error, pointing at the phone.
//! let errors = CreateCustomer::from_json(body.replace("\"NG\"", "\"US\"").as_bytes()).unwrap_err();
//! let e = errors.iter().next().unwrap();
//! assert_eq!((e.pointer(), e.code().as_str()), ("/phone_number", "phone_country_mismatch"));
//! ```
//!
//! # Where to start
//!
//! - **A create request** (Juice, specs 000 and 001): [`CreateCustomer::from_json`] reads
//!   the body; [`Customer::new`] stores it with the id and time you pass in; [`Data`] is
//!   the `{"data": …}` envelope. Updates: [`CustomerPatch`] (JSON Merge Patch, checked as
//!   a whole record) with [`Precondition`] and [`Version`] for `If-Match`.
//! - **The other profiles**: [`billing`] (spec 002, `bcus_` ids, currency and balance,
//!   metadata) and [`account`] (spec 003, TypeID `cus_` ids, status, custom data, 409 on
//!   a duplicate email).
//! - **Listing**: [`list`], the query string, signed keyset cursors, the plan and its SQL
//!   for SQLite and PostgreSQL, and the page returned.
//! - **Around a request**: [`guard`], API keys, rate limits and idempotency keys as pure
//!   decisions over state the service stores.
//! - **Errors**: [`ValidationErrors`] holds every [`FieldError`] of a request (a JSON
//!   Pointer, a stable [`ErrorCode`] and a message); [`Problem`] is its RFC 9457 body.
//!   The [`error`] module has each field's own error type, to match on.
//! - **Field values**, each a validated newtype whose canonical form is stored:
//!   [`PersonName`], [`FullName`], [`Email`] (internationalized, with
//!   [`Email::uniqueness_key`]), [`PhoneNumber`] (libphonenumber's rules; reading typed
//!   input in [`phone`]), [`Country`], [`BillingAddress`] and [`AddressText`],
//!   [`CustomerId`], [`Timestamp`], [`Reference`], [`Currency`], [`Metadata`],
//!   [`JsonObject`].
//! - **Limits**: [`limits`] names every bound the rules enforce.
//!
#![doc = include_str!("../docs/rules.md")]
#![doc = include_str!("../docs/features.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

#[macro_use]
mod macros;

pub mod address;
pub mod error;
mod external;
mod field;
pub mod guard;
pub mod limits;
pub mod list;
pub mod phone;
mod profile;
mod request;
mod text;
mod unicode;

pub use profile::{account, billing};

pub use error::{ErrorCode, FieldError, Problem, ValidationErrors};
pub use field::address::{AddressPolicy, AddressText, BillingAddress};
pub use field::country::Country;
pub use field::currency::Currency;
pub use field::email::{Email, EmailPolicy};
pub use field::full_name::FullName;
pub use field::id::CustomerId;
pub use field::json_object::JsonObject;
pub use field::metadata::Metadata;
pub use field::name::PersonName;
pub use field::phone::PhoneNumber;
pub use field::reference::Reference;
pub use field::timestamp::Timestamp;
pub use profile::juice::{CreateCustomer, Customer, CustomerPatch, Data};
pub use request::options::ReadOptions;
pub use request::patch::{Precondition, PreconditionFailed, Version, Versioned};

#[cfg(feature = "proptest")]
pub use external::proptest_support as strategy;

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<crate::CreateCustomer>();
        assert_send_sync::<crate::Customer>();
        assert_send_sync::<crate::ValidationErrors>();
        assert_send_sync::<crate::PhoneNumber>();
        assert_send_sync::<crate::Email>();
        assert_send_sync::<crate::list::ListCustomersQuery>();
        assert_send_sync::<crate::list::CursorKeys>();
        assert_send_sync::<crate::list::KeysetPlan>();
        assert_send_sync::<crate::list::Page<crate::Customer>>();
        assert_send_sync::<crate::billing::CreateBillingCustomer>();
        assert_send_sync::<crate::billing::BillingCustomer>();
        assert_send_sync::<crate::account::CreateAccountCustomer>();
        assert_send_sync::<crate::account::AccountCustomer>();
        assert_send_sync::<crate::account::Conflict>();
        assert_send_sync::<crate::CustomerPatch>();
        assert_send_sync::<crate::billing::BillingCustomerPatch>();
        assert_send_sync::<crate::account::AccountCustomerPatch>();
        assert_send_sync::<crate::Precondition>();
        assert_send_sync::<crate::PreconditionFailed>();
        assert_send_sync::<crate::Version>();
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
