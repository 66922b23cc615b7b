//! The billing address: its parts, its reader (every error at its own pointer) and its
//! serde forms.

use serde::{Deserialize, Deserializer, Serialize};

use super::policy::AddressPolicy;
use super::text::AddressText;
use crate::error::ValidationErrors;
use crate::field::country::Country;
use crate::request::raw::Raw;
use crate::request::reader::{self, At, Field, Reported, Schema};

/// A validated billing address, serialized exactly as Juice's (`line2: null` when absent).
///
/// ```
/// use customer_core::{AddressText, BillingAddress, Country};
///
/// let address = BillingAddress::new(
///     "123 Test Lane".parse().unwrap(),
///     None,
///     "Lagos".parse().unwrap(),
///     None,
///     Some("100001".parse().unwrap()),
///     Country::parse("NG").unwrap(),
/// );
/// assert_eq!(
///     serde_json::to_string(&address).unwrap(),
///     r#"{"line1":"123 Test Lane","line2":null,"city":"Lagos","state":null,"zip_code":"100001","country":"NG"}"#
/// );
/// ```
///
/// It deserializes through the same reader as a request's `billing_address`, so a blank
/// optional line is `null` here too, and every error is listed:
///
/// ```
/// use customer_core::BillingAddress;
///
/// let address: BillingAddress =
///     serde_json::from_str(r#"{"line1":"1 Marina","line2":"","city":"Lagos","country":"NG"}"#)
///         .unwrap();
/// assert!(address.line2().is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct BillingAddress {
    line1: AddressText,
    line2: Option<AddressText>,
    city: AddressText,
    state: Option<AddressText>,
    zip_code: Option<AddressText>,
    country: Country,
}

/// A billing address's members, in the order their errors are reported.
pub(crate) const SCHEMA: Schema<6> =
    Schema::fields(["line1", "line2", "city", "state", "zip_code", "country"]);

impl BillingAddress {
    /// Builds an address from validated parts.
    #[must_use]
    pub fn new(
        line1: AddressText,
        line2: Option<AddressText>,
        city: AddressText,
        state: Option<AddressText>,
        zip_code: Option<AddressText>,
        country: Country,
    ) -> Self {
        BillingAddress {
            line1,
            line2,
            city,
            state,
            zip_code,
            country,
        }
    }

    /// The first street line.
    #[must_use]
    pub fn line1(&self) -> &AddressText {
        &self.line1
    }

    /// The second street line, if any.
    #[must_use]
    pub fn line2(&self) -> Option<&AddressText> {
        self.line2.as_ref()
    }

    /// The city.
    #[must_use]
    pub fn city(&self) -> &AddressText {
        &self.city
    }

    /// The state, province or region, if any.
    #[must_use]
    pub fn state(&self) -> Option<&AddressText> {
        self.state.as_ref()
    }

    /// The postal code, if any.
    #[must_use]
    pub fn zip_code(&self) -> Option<&AddressText> {
        self.zip_code.as_ref()
    }

    /// The country.
    #[must_use]
    pub fn country(&self) -> Country {
        self.country
    }

    /// The address with the strict policy's normalized state and postal code, each
    /// replaced only when given.
    pub(super) fn with_normalized(
        mut self,
        state: Option<AddressText>,
        zip_code: Option<AddressText>,
    ) -> BillingAddress {
        if state.is_some() {
            self.state = state;
        }
        if zip_code.is_some() {
            self.zip_code = zip_code;
        }
        self
    }
}

impl BillingAddress {
    /// Reads a billing address object at `at`: every error of its members, at their own
    /// pointers. `Ok(None)` when it is absent or null and not `required`.
    pub(crate) fn read(
        field: Field<'_, '_>,
        at: At<'_>,
        required: bool,
        errors: &mut ValidationErrors,
    ) -> Result<Option<BillingAddress>, Reported> {
        BillingAddress::read_with(field, at, required, AddressPolicy::Lenient, errors)
    }

    /// [`BillingAddress::read`] under `policy`: the address normalized by it, or its
    /// faults too.
    pub(crate) fn read_with(
        field: Field<'_, '_>,
        at: At<'_>,
        required: bool,
        policy: AddressPolicy,
        errors: &mut ValidationErrors,
    ) -> Result<Option<BillingAddress>, Reported> {
        let Some([line1, line2, city, state, zip_code, country]) =
            reader::object(field, &SCHEMA, at, required, errors)?
        else {
            return Ok(None);
        };
        let text = |name| at.child(name);
        let line1 = reader::required(line1, text("line1"), errors, AddressText::parse);
        let line2 = reader::optional(line2, text("line2"), errors, AddressText::parse_optional);
        let city = reader::required(city, text("city"), errors, AddressText::parse);
        let state = reader::optional(state, text("state"), errors, AddressText::parse_optional);
        let zip_code = reader::optional(
            zip_code,
            text("zip_code"),
            errors,
            AddressText::parse_optional,
        );
        let country = reader::required(country, text("country"), errors, Country::parse);
        let address = BillingAddress::new(line1?, line2?, city?, state?, zip_code?, country?);
        policy.apply(address, at, errors).map(Some)
    }
}

/// The wire form of a billing address for formats that are not self-describing
/// (bincode, postcard): plain strings, checked by the same reader afterwards.
#[derive(Deserialize)]
pub(crate) struct AddressWire {
    line1: String,
    line2: Option<String>,
    city: String,
    state: Option<String>,
    zip_code: Option<String>,
    country: String,
}

impl AddressWire {
    /// The raw JSON object these strings stand for.
    pub(crate) fn into_raw(self) -> Raw<'static> {
        Raw::object([
            ("line1", Raw::string(self.line1)),
            ("line2", Raw::optional_string(self.line2)),
            ("city", Raw::string(self.city)),
            ("state", Raw::optional_string(self.state)),
            ("zip_code", Raw::optional_string(self.zip_code)),
            ("country", Raw::string(self.country)),
        ])
    }
}

impl<'de> Deserialize<'de> for BillingAddress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = if deserializer.is_human_readable() {
            Raw::deserialize(deserializer)?
        } else {
            AddressWire::deserialize(deserializer)?.into_raw()
        };
        let mut errors = ValidationErrors::new();
        let address = BillingAddress::read(Field::Value(&raw), At::ROOT, true, &mut errors)
            .and_then(|a| a.ok_or(Reported));
        reader::finish(address, errors).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deserializes_strictly() {
        let ok: BillingAddress =
            serde_json::from_str(r#"{"line1":"1 A St","city":"Lagos","country":"NG"}"#).unwrap();
        assert_eq!(ok.line2(), None);
        assert!(
            serde_json::from_str::<BillingAddress>(
                r#"{"line1":"1 A St","city":"Lagos","country":"NG","zipcode":"1"}"#
            )
            .is_err()
        );
    }
}
