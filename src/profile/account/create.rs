//! The account create-customer request (spec 003's `POST /api/v1/customers` body).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::address::AccountAddress;
use super::status::AccountStatus;
use crate::error::ValidationErrors;
use crate::field::email::Email;
use crate::field::full_name::FullName;
use crate::field::json_object::JsonObject;
use crate::field::phone::PhoneNumber;
use crate::field::typeid::PaymentMethodId;
use crate::request::document;
use crate::request::options::ReadOptions;
use crate::request::raw::{Kept, Raw};
use crate::request::reader::{self, At, Field, Reported, Schema};

/// The request's member names, in the order their errors are reported.
pub(crate) const FIELDS: [&str; 7] = [
    "name",
    "email",
    "phone",
    "address",
    "payment_method",
    "status",
    "custom_data",
];

/// The request's members.
const SCHEMA: Schema<7> = Schema::fields(FIELDS);

/// The member whose text is kept exactly as sent.
pub(crate) const KEPT: &str = "custom_data";

/// A validated account create-customer request (spec 003).
///
/// `name` (a full or business name) and `email` are required; `phone`, `address`
/// (`{city, country}`), `payment_method` (a TypeID-shaped id) and `custom_data` (any JSON
/// object, kept exactly) are optional; `status` defaults to `active`. A phone number must
/// be valid for `address.country` when both are given.
///
/// ```
/// use customer_core::account::CreateAccountCustomer;
///
/// // Spec 003's own example: two errors, both with a way out.
/// let body = br#"{
///   "name": "Brighton Mboya", "email": "brighton@jani.com", "phone": "+2557881234567",
///   "address": {"city": "Dar es Salaam", "country": "Tanzania"},
///   "payment_method": "card_01h3vjs3b16yc3f9q8q9pfrb79", "status": "active",
///   "custom_data": {"loyalty_program": "Gold"}
/// }"#;
/// let errors = CreateAccountCustomer::from_json(body).unwrap_err();
/// let found: Vec<(&str, &str)> =
///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
/// assert_eq!(found, [("/phone", "invalid_phone_number"), ("/address/country", "invalid_country")]);
/// assert!(errors.as_slice()[1].detail().ends_with("did you mean `TZ`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CreateAccountCustomer {
    name: FullName,
    email: Email,
    phone: Option<PhoneNumber>,
    address: Option<AccountAddress>,
    payment_method: Option<PaymentMethodId>,
    status: AccountStatus,
    custom_data: Option<JsonObject>,
}

impl CreateAccountCustomer {
    /// Parses and validates a JSON request body, reporting every error at once.
    /// `custom_data` is kept exactly as sent.
    pub fn from_json(body: &[u8]) -> Result<CreateAccountCustomer, ValidationErrors> {
        CreateAccountCustomer::from_json_with(body, &ReadOptions::new())
    }

    /// [`CreateAccountCustomer::from_json`] under `options`: the email policy (the
    /// address policy is for billing addresses, which this profile has not).
    pub fn from_json_with(
        body: &[u8],
        options: &ReadOptions,
    ) -> Result<CreateAccountCustomer, ValidationErrors> {
        let (document, mut errors) = document::read(body, &SCHEMA, Some(KEPT))?;
        let request = document.slots(&mut errors).and_then(|slots| {
            CreateAccountCustomer::read(slots, document.kept(), options, &mut errors)
        });
        reader::finish(request, errors)
    }

    /// Reads the seven fields from their slots, collecting every error; the phone/country
    /// rule runs when both sides parsed.
    pub(crate) fn read(
        [
            name,
            email,
            phone,
            address,
            payment_method,
            status,
            custom_data,
        ]: [Option<&Raw<'_>>; 7],
        kept: Kept<'_>,
        options: &ReadOptions,
        errors: &mut ValidationErrors,
    ) -> Result<CreateAccountCustomer, Reported> {
        let at = |name| At::ROOT.child(name);
        let name = reader::required(name, at("name"), errors, FullName::parse);
        let email = reader::required(email, at("email"), errors, |s| {
            Email::parse_with(s, options.email())
        });
        let phone = reader::optional_text(phone, at("phone"), errors, PhoneNumber::parse);
        let address = AccountAddress::read(Field::from(address), at("address"), errors);
        let payment_method = reader::optional_text(
            payment_method,
            at("payment_method"),
            errors,
            PaymentMethodId::parse,
        );
        let status = reader::optional(status, at("status"), errors, |s| {
            s.map(AccountStatus::parse).transpose()
        });
        let custom_data =
            JsonObject::read(Field::from(custom_data), kept, at("custom_data"), errors);
        let (phone, address) = (phone?, address?);
        if let (Some(phone), Some(address)) = (&phone, &address)
            && let Err(mismatch) = phone.check_country(address.country())
        {
            return Err(reader::rule_error(at("phone"), &mismatch, errors));
        }
        Ok(CreateAccountCustomer {
            name: name?,
            email: email?,
            phone,
            address,
            payment_method: payment_method?,
            status: status?.unwrap_or_default(),
            custom_data: custom_data?,
        })
    }

    /// A request from fields already checked (the phone valid for the address country):
    /// an update's merged fields.
    pub(crate) fn from_parts(
        name: FullName,
        email: Email,
        phone: Option<PhoneNumber>,
        address: Option<AccountAddress>,
        payment_method: Option<PaymentMethodId>,
        status: AccountStatus,
        custom_data: Option<JsonObject>,
    ) -> Self {
        CreateAccountCustomer {
            name,
            email,
            phone,
            address,
            payment_method,
            status,
            custom_data,
        }
    }

    /// The full name (a person's or an organization's).
    #[must_use]
    pub fn name(&self) -> &FullName {
        &self.name
    }

    /// The email address.
    #[must_use]
    pub fn email(&self) -> &Email {
        &self.email
    }

    /// The phone number, if given (valid for the address country when both are given).
    #[must_use]
    pub fn phone(&self) -> Option<&PhoneNumber> {
        self.phone.as_ref()
    }

    /// The address, if given.
    #[must_use]
    pub fn address(&self) -> Option<&AccountAddress> {
        self.address.as_ref()
    }

    /// The payment method's id, if given.
    #[must_use]
    pub fn payment_method(&self) -> Option<&PaymentMethodId> {
        self.payment_method.as_ref()
    }

    /// The status (`active` when not given).
    #[must_use]
    pub fn status(&self) -> AccountStatus {
        self.status
    }

    /// The custom data, exactly as sent (whitespace between tokens dropped), if given.
    #[must_use]
    pub fn custom_data(&self) -> Option<&JsonObject> {
        self.custom_data.as_ref()
    }
}

/// Deserializes through [`CreateAccountCustomer::from_json`]. JSON only (serde_json):
/// `custom_data` is kept as JSON text.
impl<'de> Deserialize<'de> for CreateAccountCustomer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Box::<RawValue>::deserialize(deserializer)?;
        CreateAccountCustomer::from_json(text.get().as_bytes()).map_err(serde::de::Error::custom)
    }
}
