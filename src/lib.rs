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
//! ## Modules by concept
//! - [`PersonName`]: letters, marks after letters, spaces, hyphens, apostrophes; NFC; 100
//!   grapheme clusters.
//! - [`Email`]: internationalized addresses (UTF-8 local parts NFC, IDN domains through UTS
//!   #46 stored in Unicode form, [`Email::ascii_domain`]), special-use domains refused,
//!   [`EmailPolicy`] (ASCII-only for providers without SMTPUTF8),
//!   [`Email::uniqueness_key`] (one key for every spelling of a mailbox).
//! - [`PhoneNumber`]: strict E.164, valid per libphonenumber, [`PhoneNumber::is_valid_for`].
//! - [`Country`]: ISO 3166-1 alpha-2 (and `XK`), with suggestions for near misses.
//! - [`BillingAddress`] and [`AddressText`].
//! - [`CreateCustomer`], [`Customer`], [`CustomerId`], [`Timestamp`], [`Data`].
//! - Spec 002 (billing): [`CreateBillingCustomer`], [`BillingCustomer`],
//!   [`BillingCustomerId`] (`bcus_…`), with [`FullName`], [`Reference`], [`Currency`]
//!   (ISO 4217, minor units), [`Metadata`] and [`JsonObject`].
//! - Spec 003 (account): [`CreateAccountCustomer`], [`AccountCustomer`],
//!   [`AccountCustomerId`] (TypeID `cus_…`), [`AccountAddress`], [`AccountStatus`],
//!   [`PaymentMethodId`], and [`Conflict`] (409 on a duplicate email).
//! - Updates: [`CustomerPatch`], [`BillingCustomerPatch`] and [`AccountCustomerPatch`]
//!   (JSON Merge Patch, checked as a whole record),
//!   [`Precondition`] and [`Version`] (`If-Match`, 412 [`PreconditionFailed`]).
//! - [`ValidationErrors`], [`FieldError`], [`ErrorCode`], [`Problem`] (RFC 9457).
//! - Listing: [`ListCustomersQuery`] and [`Sort`] (the query string), [`Cursor`] and
//!   [`CursorKeys`] (signed keyset cursors), [`KeysetPlan`] and [`Page`] (what storage runs,
//!   and the response), with [`KeysetPlan::fetch_in_memory`] as the reference storage,
//!   [`KeysetPlan::sql`] (ready SQL for PostgreSQL and SQLite) and [`Keyed`] (rows with
//!   their stored position).
//! - [`guard`]: API keys, rate limits (GCRA, several quotas at once) and idempotency keys,
//!   as pure decisions over state the service stores.
//!
//! # Crate features
//!
//! Neither is enabled by default; both exist for services that fuzz or property-test their
//! own code with valid customers.
//!
//! - `arbitrary`: [`arbitrary::Arbitrary`](https://docs.rs/arbitrary) for the requests
//!   and stored customers of the three profiles ([`CreateCustomer`] and [`Customer`],
//!   [`CreateBillingCustomer`] and [`BillingCustomer`], [`CreateAccountCustomer`] and
//!   [`AccountCustomer`]) and every field type they are made of ([`PersonName`],
//!   [`Email`], [`PhoneNumber`], [`Country`], [`AddressText`], [`BillingAddress`],
//!   [`CustomerId`], [`Timestamp`], [`FullName`], [`Reference`], [`Currency`],
//!   [`Metadata`], [`JsonObject`], [`BillingCustomerId`], [`AccountCustomerId`],
//!   [`PaymentMethodId`], [`AccountAddress`], [`AccountStatus`]). Every value is built
//!   through the real constructors and parsers and is valid: names in many scripts, every
//!   ISO region's example phone numbers with that region as billing country, balances
//!   only with a currency, metadata up to its 50-key limit, and so on.
//! - `proptest`: the module `strategy`, with [proptest](https://docs.rs/proptest)
//!   strategies for the same types (`strategy::create_customer()`,
//!   `strategy::billing_customer()`, `strategy::create_account_customer()`,
//!   `strategy::currency()`…), built by the same generator. customer-core's own property
//!   tests use them.
//!
//! ```toml
//! [dev-dependencies]
//! customer-core = { version = "0.1", features = ["proptest"] }
//! ```

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

mod error;
mod external;
mod field;
pub mod guard;
mod list;
mod profile;
mod request;
mod text;
mod unicode;

pub use error::{
    ErrorCode, FieldError, MAX_ERRORS, PROBLEM_TYPE, Problem, ProblemError, UnknownErrorCode,
    ValidationErrors, pointer_join,
};
pub use field::address::{AddressPolicy, AddressText, AddressTextError, BillingAddress};
pub use field::country::{Country, CountryError};
pub use field::currency::{AmountError, Currency, CurrencyError};
pub use field::email::{Email, EmailError, EmailPolicy, SPECIAL_USE_DOMAINS};
pub use field::full_name::{FullName, FullNameError};
pub use field::id::{CustomerId, IdError};
pub use field::json_object::{JsonObject, JsonObjectError};
pub use field::metadata::Metadata;
pub use field::name::{NameError, PersonName};
pub use field::phone::{
    NumberType, PHONE_METADATA_VERSION, PhoneCountryMismatch, PhoneError, PhoneNormalizeError,
    PhoneNumber, PhonePlace, ReadE164, TypedDigits,
};
pub use field::prefixed_id::{BillingCustomerId, PrefixedIdError};
pub use field::reference::{Reference, ReferenceError};
pub use field::timestamp::{SORTABLE_LEN, Timestamp, TimestampError};
pub use field::typeid::{AccountCustomerId, PaymentMethodId, TypeIdError};
pub use list::cursor::{
    CURSOR_CHARS, Cursor, CursorError, CursorKey, CursorKeyError, CursorKeys, DigestBuilder,
    Direction, MAX_CURSOR_CHARS, MIN_SECRET_BYTES, Position, QueryDigest,
};
pub use list::filter::Filters;
pub use list::page::{
    Bound, ColumnError, Comparison, Keyed, KeysetPlan, KeysetRow, Page, PageError, Pagination,
};
pub use list::query::{
    DEFAULT_LIMIT, ListCustomersQuery, MAX_LIMIT, MAX_QUERY_BYTES, Sort, SortError,
};
pub use list::sql::{Dialect, SqlStatement, SqlTable, SqlValue};
pub use profile::account::{
    AccountAddress, AccountCustomer, AccountCustomerPatch, AccountStatus, CONFLICT_PROBLEM_TYPE,
    Conflict, CreateAccountCustomer, StatusError,
};
pub use profile::billing::{BillingCustomer, BillingCustomerPatch, CreateBillingCustomer};
pub use profile::juice::{CreateCustomer, Customer, CustomerPatch, Data, MAX_BODY_BYTES};
pub use request::options::ReadOptions;
pub use request::patch::{
    PRECONDITION_PROBLEM_TYPE, Precondition, PreconditionFailed, Version, VersionError, Versioned,
};
pub use text::{EXCERPT_BYTES, Excerpt};

/// What Google's address data knows about each country (postal-code formats,
/// subdivisions, address formats), behind [`AddressPolicy::Strict`] and
/// [`BillingAddress::format_lines`].
///
/// ```
/// use customer_core::Country;
/// use customer_core::address::CountryRules;
///
/// let ca = CountryRules::of(Country::parse("CA").unwrap()).unwrap();
/// let picker: Vec<(&str, &str)> = ca.subdivisions().map(|s| (s.code(), s.name())).take(2).collect();
/// assert_eq!(picker, [("AB", "Alberta"), ("BC", "British Columbia")]);
/// ```
pub mod address {
    pub use crate::field::address::{CountryRules, DATA_VERSION, PostalCodeStatus, Subdivision};
}

#[cfg(feature = "proptest")]
pub use external::proptest_support as strategy;

/// Limits, re-exported by concept.
pub mod limits {
    pub use crate::field::address::MAX_CHARS as ADDRESS_MAX_CHARS;
    pub use crate::field::email::{
        MAX_BYTES as EMAIL_MAX_BYTES, MAX_DOMAIN_BYTES as EMAIL_MAX_DOMAIN_BYTES,
        MAX_LABEL_BYTES as EMAIL_MAX_LABEL_BYTES, MAX_LOCAL_BYTES as EMAIL_MAX_LOCAL_BYTES,
    };
    pub use crate::field::full_name::{
        MAX_BYTES as FULL_NAME_MAX_BYTES, MAX_GRAPHEMES as FULL_NAME_MAX_GRAPHEMES,
    };
    pub use crate::field::json_object::{
        MAX_BYTES as JSON_OBJECT_MAX_BYTES, MAX_DEPTH as JSON_OBJECT_MAX_DEPTH,
        MAX_MEMBERS as JSON_OBJECT_MAX_MEMBERS,
    };
    pub use crate::field::metadata::{
        MAX_KEY_CHARS as METADATA_MAX_KEY_CHARS, MAX_KEYS as METADATA_MAX_KEYS,
        MAX_VALUE_CHARS as METADATA_MAX_VALUE_CHARS,
    };
    pub use crate::field::name::{
        MAX_BYTES as NAME_MAX_BYTES, MAX_GRAPHEMES as NAME_MAX_GRAPHEMES, MAX_MARKS_PER_LETTER,
    };
    pub use crate::field::phone::MAX_DIGITS as PHONE_MAX_DIGITS;
    pub use crate::field::reference::MAX_CHARS as REFERENCE_MAX_CHARS;
}

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
        assert_send_sync::<crate::ListCustomersQuery>();
        assert_send_sync::<crate::CursorKeys>();
        assert_send_sync::<crate::KeysetPlan>();
        assert_send_sync::<crate::Page<crate::Customer>>();
        assert_send_sync::<crate::CreateBillingCustomer>();
        assert_send_sync::<crate::BillingCustomer>();
        assert_send_sync::<crate::CreateAccountCustomer>();
        assert_send_sync::<crate::AccountCustomer>();
        assert_send_sync::<crate::Conflict>();
        assert_send_sync::<crate::CustomerPatch>();
        assert_send_sync::<crate::BillingCustomerPatch>();
        assert_send_sync::<crate::AccountCustomerPatch>();
        assert_send_sync::<crate::Precondition>();
        assert_send_sync::<crate::PreconditionFailed>();
        assert_send_sync::<crate::Version>();
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
