//! What Google's address data knows about each country (postal-code formats,
//! subdivisions, address formats), behind [`AddressPolicy::Strict`] and
//! [`BillingAddress::format_lines`].
//!
//! ```
//! use customer_core::Country;
//! use customer_core::address::{CountryRules, PostalCodeStatus};
//!
//! let ca = CountryRules::of(Country::parse("CA").unwrap()).unwrap();
//! let picker: Vec<(&str, &str)> = ca.subdivisions().map(|s| (s.code(), s.name())).take(2).collect();
//! assert_eq!(picker, [("AB", "Alberta"), ("BC", "British Columbia")]);
//! assert_eq!(ca.postal_code_status("K1A 0"), PostalCodeStatus::Incomplete);
//! assert_eq!(ca.normalize_postal_code("k1a0b1").as_deref(), Some("K1A 0B1"));
//! assert!(customer_core::address::DATA_VERSION.starts_with("3."));
//! ```
//!
//! [`AddressPolicy::Strict`]: crate::AddressPolicy::Strict
//! [`BillingAddress::format_lines`]: crate::BillingAddress::format_lines

pub use crate::field::address::{
    AddressPolicy, CountryRules, DATA_VERSION, PostalCodeStatus, Subdivision,
};
