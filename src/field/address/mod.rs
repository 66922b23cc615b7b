//! Billing addresses, and what Google's address data knows about each country.
//!
//! `line1`, `city` and `country` are required; `line2`, `state` and `zip_code` are
//! optional (absent, `null`, or empty after trimming all mean "none"). Every text
//! component is an [`AddressText`]; `country` is a [`Country`].
//!
//! That is the default [`AddressPolicy`]. [`AddressPolicy::Strict`] also checks each
//! address against its country's rules, from Google's address metadata (the data of
//! Chrome's autofill and libaddressinput, compiled into `tables.rs` by `cargo xtask
//! address-tables`): the parts the country requires, the postal-code format, that the
//! state is one of the country's subdivisions, and that the postal code belongs to it.
//! See [`AddressPolicy`] for the rules and what is normalized.

mod billing;
mod format;
#[cfg(test)]
mod oracle;
mod policy;
mod rules;
mod tables;
mod text;

pub use billing::BillingAddress;
pub(crate) use billing::{AddressWire, SCHEMA};
pub use policy::AddressPolicy;
pub use rules::{CountryRules, DATA_VERSION, PostalCodeStatus, Subdivision};
pub use text::{AddressText, AddressTextError, MAX_CHARS};
