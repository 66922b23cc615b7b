//! The create-customer request (spec 000's `POST /customers` body).

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::ValidationErrors;
use crate::field::address::{AddressWire, BillingAddress};
use crate::field::email::Email;
use crate::field::name::PersonName;
use crate::field::phone::{PhoneCountryMismatch, PhoneNumber};
use crate::request::document;
use crate::request::options::ReadOptions;
use crate::request::raw::Raw;
use crate::request::reader::{self, At, Reported, Schema};

/// The request's members, in the order their errors are reported.
pub(crate) const SCHEMA: Schema<5> = Schema::fields(FIELDS);

/// The request's member names (the customer object's too, between `id` and
/// `created_at`).
pub(crate) const FIELDS: [&str; 5] = [
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "billing_address",
];

/// A validated create-customer request (spec 000's `POST /customers` body).
///
/// ```
/// use customer_core::CreateCustomer;
///
/// let body = br#"{
///   "first_name": "John", "last_name": "Doe", "email": "john.doe@example.com",
///   "phone_number": "+2348012345678",
///   "billing_address": {"line1": "123 Test Lane", "line2": "Suite 456", "city": "Lagos",
///                       "state": "Lagos", "zip_code": "100001", "country": "NG"}
/// }"#;
/// let request = CreateCustomer::from_json(body).unwrap();
/// assert_eq!(request.email().as_str(), "john.doe@example.com");
///
/// let errors = CreateCustomer::from_json(br#"{"first_name": "J0hn", "email": 5}"#).unwrap_err();
/// let found: Vec<(&str, &str)> =
///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
/// assert_eq!(found, [
///     ("/first_name", "invalid_characters"),
///     ("/last_name", "required"),
///     ("/email", "invalid_type"),
///     ("/phone_number", "required"),
///     ("/billing_address", "required"),
/// ]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CreateCustomer {
    first_name: PersonName,
    last_name: PersonName,
    email: Email,
    phone_number: PhoneNumber,
    billing_address: BillingAddress,
}

impl CreateCustomer {
    /// Builds a request from validated parts, checking that the phone number is valid for
    /// the billing country.
    pub fn new(
        first_name: PersonName,
        last_name: PersonName,
        email: Email,
        phone_number: PhoneNumber,
        billing_address: BillingAddress,
    ) -> Result<Self, PhoneCountryMismatch> {
        phone_number.check_country(billing_address.country())?;
        Ok(CreateCustomer {
            first_name,
            last_name,
            email,
            phone_number,
            billing_address,
        })
    }

    /// Parses and validates a JSON request body, reporting every error at once.
    pub fn from_json(body: &[u8]) -> Result<CreateCustomer, ValidationErrors> {
        CreateCustomer::from_json_with(body, &ReadOptions::new())
    }

    /// [`CreateCustomer::from_json`] under `options`: the email and billing-address
    /// policies (the strict address policy normalizes `billing_address`).
    pub fn from_json_with(
        body: &[u8],
        options: &ReadOptions,
    ) -> Result<CreateCustomer, ValidationErrors> {
        let (document, mut errors) = document::read(body, &SCHEMA, None)?;
        let request = document
            .slots(&mut errors)
            .and_then(|slots| CreateCustomer::read(slots, options, &mut errors));
        reader::finish(request, errors)
    }

    /// Reads the five fields from their slots, collecting every error; the phone/country
    /// rule runs when both sides parsed.
    pub(crate) fn read(
        [first, last, email, phone, address]: [Option<&Raw<'_>>; 5],
        options: &ReadOptions,
        errors: &mut ValidationErrors,
    ) -> Result<CreateCustomer, Reported> {
        let at = |name| At::ROOT.child(name);
        let first_name = reader::required(first, at("first_name"), errors, PersonName::parse);
        let last_name = reader::required(last, at("last_name"), errors, PersonName::parse);
        let email = reader::required(email, at("email"), errors, |s| {
            Email::parse_with(s, options.email())
        });
        let phone_number = reader::required(phone, at("phone_number"), errors, PhoneNumber::parse);
        let billing_address = BillingAddress::read_with(
            address.into(),
            at("billing_address"),
            true,
            options.address(),
            errors,
        )
        .and_then(|a| a.ok_or(Reported));
        let (phone_number, billing_address) = (phone_number?, billing_address?);
        if let Err(mismatch) = phone_number.check_country(billing_address.country()) {
            return Err(reader::rule_error(at("phone_number"), &mismatch, errors));
        }
        Ok(CreateCustomer {
            first_name: first_name?,
            last_name: last_name?,
            email: email?,
            phone_number,
            billing_address,
        })
    }

    /// The first name.
    #[must_use]
    pub fn first_name(&self) -> &PersonName {
        &self.first_name
    }

    /// The last name.
    #[must_use]
    pub fn last_name(&self) -> &PersonName {
        &self.last_name
    }

    /// The email address.
    #[must_use]
    pub fn email(&self) -> &Email {
        &self.email
    }

    /// The phone number, valid for the billing country.
    #[must_use]
    pub fn phone_number(&self) -> &PhoneNumber {
        &self.phone_number
    }

    /// The billing address.
    #[must_use]
    pub fn billing_address(&self) -> &BillingAddress {
        &self.billing_address
    }
}

/// Deserializes through the same reader as [`CreateCustomer::from_json`]; the serde
/// error lists every problem. Formats that are not self-describing (bincode, postcard) read
/// the five members as strings, checked the same way.
impl<'de> Deserialize<'de> for CreateCustomer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let request = if deserializer.is_human_readable() {
            let (document, mut errors) = document::deserialize(deserializer, &SCHEMA)?;
            let request = document
                .slots(&mut errors)
                .and_then(|slots| CreateCustomer::read(slots, &ReadOptions::new(), &mut errors));
            reader::finish(request, errors)
        } else {
            let raw = CreateWire::deserialize(deserializer)?.into_raw();
            let mut errors = ValidationErrors::new();
            let request = reader::document(&raw, &SCHEMA, &mut errors)
                .and_then(|slots| CreateCustomer::read(slots, &ReadOptions::new(), &mut errors));
            reader::finish(request, errors)
        };
        request.map_err(serde::de::Error::custom)
    }
}

/// The wire form for formats that are not self-describing.
#[derive(Deserialize)]
struct CreateWire {
    first_name: String,
    last_name: String,
    email: String,
    phone_number: String,
    billing_address: AddressWire,
}

impl CreateWire {
    fn into_raw(self) -> Raw<'static> {
        Raw::object([
            ("first_name", Raw::string(self.first_name)),
            ("last_name", Raw::string(self.last_name)),
            ("email", Raw::string(self.email)),
            ("phone_number", Raw::string(self.phone_number)),
            ("billing_address", self.billing_address.into_raw()),
        ])
    }
}
