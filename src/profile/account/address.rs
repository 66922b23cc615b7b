//! The account customer's address (spec 003): a city and a country.

use serde::Serialize;

use crate::error::ValidationErrors;
use crate::field::address::AddressText;
use crate::field::country::Country;
use crate::request::reader::{self, At, Field, Reported, Schema};

/// The address's members, in the order their errors are reported.
pub(crate) const SCHEMA: Schema<2> = Schema::fields(["city", "country"]);

/// A validated city-and-country address (spec 003's `address`). Both members are
/// required when the address is given; the city follows the address-text rule, the
/// country is an ISO 3166-1 alpha-2 code (with hints: `"Tanzania"` → `TZ`).
///
/// ```
/// use customer_core::{Country, account::AccountAddress};
///
/// let address = AccountAddress::new("Dar es Salaam".parse().unwrap(), Country::parse("TZ").unwrap());
/// assert_eq!(
///     serde_json::to_string(&address).unwrap(),
///     r#"{"city":"Dar es Salaam","country":"TZ"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct AccountAddress {
    city: AddressText,
    country: Country,
}

impl AccountAddress {
    /// Builds an address from validated parts.
    #[must_use]
    pub fn new(city: AddressText, country: Country) -> Self {
        AccountAddress { city, country }
    }

    /// The city.
    #[must_use]
    pub fn city(&self) -> &AddressText {
        &self.city
    }

    /// The country.
    #[must_use]
    pub fn country(&self) -> Country {
        self.country
    }

    /// Reads an optional address object at `at`, every error at its own pointer.
    pub(crate) fn read(
        field: Field<'_, '_>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<Option<AccountAddress>, Reported> {
        let Some([city, country]) = reader::object(field, &SCHEMA, at, false, errors)? else {
            return Ok(None);
        };
        let city = reader::required(city, at.child("city"), errors, AddressText::parse);
        let country = reader::required(country, at.child("country"), errors, Country::parse);
        Ok(Some(AccountAddress::new(city?, country?)))
    }
}
