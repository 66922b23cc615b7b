//! The billing create-customer request (spec 002's body).

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{ErrorCode, FieldError, ValidationErrors};
use crate::field::currency::{self, Currency};
use crate::field::full_name::FullName;
use crate::field::metadata::Metadata;
use crate::field::phone::PhoneNumber;
use crate::field::reference::Reference;
use crate::request::document::{self, Document};
use crate::request::options::ReadOptions;
use crate::request::raw::Raw;
use crate::request::reader::{self, At, Field, Reported, Schema};

/// The request's member names, in the order their errors are reported (the billing
/// customer object's too, between `id` and `payment_rules`).
pub(crate) const FIELDS: [&str; 6] = [
    "reference",
    "name",
    "phone_number",
    "currency",
    "balance",
    "metadata",
];

/// The request's members.
const SCHEMA: Schema<6> = Schema::fields(FIELDS).integers(&["balance"]);

/// A validated billing create-customer request (spec 002).
///
/// `name` is required; `reference`, `phone_number`, `currency`, `balance` and `metadata`
/// are optional (absent, `null` or, for strings, blank). A `balance` needs a `currency`.
///
/// ```
/// use customer_core::billing::CreateBillingCustomer;
///
/// let request = CreateBillingCustomer::from_json(br#"{
///   "reference": "INV-2024-001", "name": "John Doe", "phone_number": "+27123456789",
///   "currency": "ZAR", "balance": 2000,
///   "metadata": {"customer_id": "cust_123456", "order_id": "ord_789012"}
/// }"#).unwrap();
/// assert_eq!(request.balance(), Some(2000));
/// assert_eq!(request.currency().unwrap().minor_units(), 2);
///
/// let errors = CreateBillingCustomer::from_json(br#"{"name": "\ud83d\ude80", "balance": 20.5}"#)
///     .unwrap_err();
/// let found: Vec<(&str, &str)> =
///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
/// assert_eq!(found, [("/name", "invalid_characters"), ("/balance", "not_an_integer")]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CreateBillingCustomer {
    reference: Option<Reference>,
    name: FullName,
    phone_number: Option<PhoneNumber>,
    currency: Option<Currency>,
    balance: Option<i64>,
    metadata: Metadata,
}

impl CreateBillingCustomer {
    /// Parses and validates a JSON request body, reporting every error at once.
    pub fn from_json(body: &[u8]) -> Result<CreateBillingCustomer, ValidationErrors> {
        let (document, errors) = document::read(body, &SCHEMA, None)?;
        CreateBillingCustomer::read_document(&document, errors)
    }

    /// [`CreateBillingCustomer::from_json`] under `options`, so a service reads every
    /// profile the same way: none of this profile's fields has a policy (it has no email
    /// and no billing address), so it is `from_json`.
    pub fn from_json_with(
        body: &[u8],
        options: &ReadOptions,
    ) -> Result<CreateBillingCustomer, ValidationErrors> {
        let _: &ReadOptions = options;
        CreateBillingCustomer::from_json(body)
    }

    fn read_document(
        document: &Document<'_, 6>,
        mut errors: ValidationErrors,
    ) -> Result<CreateBillingCustomer, ValidationErrors> {
        let request = document
            .slots(&mut errors)
            .and_then(|slots| CreateBillingCustomer::read(slots, &mut errors));
        reader::finish(request, errors)
    }

    /// Reads the six fields from their slots, collecting every error; the
    /// balance-needs-currency rule runs last.
    pub(crate) fn read(
        [reference, name, phone, currency, balance, metadata]: [Option<&Raw<'_>>; 6],
        errors: &mut ValidationErrors,
    ) -> Result<CreateBillingCustomer, Reported> {
        let at = |name| At::ROOT.child(name);
        let reference = reader::optional_text(reference, at("reference"), errors, Reference::parse);
        let name = reader::required(name, at("name"), errors, FullName::parse);
        let phone_number =
            reader::optional_text(phone, at("phone_number"), errors, PhoneNumber::parse);
        let currency = reader::optional_text(currency, at("currency"), errors, Currency::parse);
        let balance = currency::read_amount(Field::from(balance), at("balance"), errors);
        let metadata = Metadata::read(Field::from(metadata), at("metadata"), errors);
        if let (Ok(None), Ok(Some(_))) = (&currency, &balance) {
            errors.push_with(|| {
                FieldError::new(
                    "/currency",
                    ErrorCode::Required,
                    "is required when `balance` is given: a balance is in the currency's minor units",
                )
            });
            return Err(Reported);
        }
        Ok(CreateBillingCustomer {
            reference: reference?,
            name: name?,
            phone_number: phone_number?,
            currency: currency?,
            balance: balance?,
            metadata: metadata?,
        })
    }

    /// A request from fields already checked (a balance only with a currency): an
    /// update's merged fields.
    pub(crate) fn from_parts(
        reference: Option<Reference>,
        name: FullName,
        phone_number: Option<PhoneNumber>,
        currency: Option<Currency>,
        balance: Option<i64>,
        metadata: Metadata,
    ) -> Self {
        CreateBillingCustomer {
            reference,
            name,
            phone_number,
            currency,
            balance,
            metadata,
        }
    }

    /// The external reference, unique within the merchant account, if given.
    #[must_use]
    pub fn reference(&self) -> Option<&Reference> {
        self.reference.as_ref()
    }

    /// The full name or business name.
    #[must_use]
    pub fn name(&self) -> &FullName {
        &self.name
    }

    /// The phone number (E.164, valid), if given.
    #[must_use]
    pub fn phone_number(&self) -> Option<&PhoneNumber> {
        self.phone_number.as_ref()
    }

    /// The currency, if given (always given with a balance).
    #[must_use]
    pub fn currency(&self) -> Option<Currency> {
        self.currency
    }

    /// The balance in the currency's minor units (negative: the customer has credit), if
    /// given.
    #[must_use]
    pub fn balance(&self) -> Option<i64> {
        self.balance
    }

    /// The metadata (empty when not given).
    #[must_use]
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }
}

/// Deserializes through the same reader as [`CreateBillingCustomer::from_json`], from any
/// self-describing format; the serde error lists every problem. One difference: a
/// `balance` written `-0` is the integer 0 only in [`from_json`](Self::from_json), which
/// reads the number's text; a deserializer hands over the parsed number (serde_json's is
/// the float -0.0), which is `not_an_integer`.
impl<'de> Deserialize<'de> for CreateBillingCustomer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (document, errors) = document::deserialize(deserializer, &SCHEMA)?;
        CreateBillingCustomer::read_document(&document, errors).map_err(serde::de::Error::custom)
    }
}
