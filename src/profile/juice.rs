//! The create-customer request and the customer object (Juice's wire shapes).
//!
//! [`CreateCustomer::from_json`] reads a request body with every error at once: the body
//! is read into a lenient raw form (any JSON), then each field is checked by its own rule,
//! unknown and duplicate fields are reported, and the cross-field rule (the phone number
//! must be valid for the billing country) runs when both sides parsed.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Coded, ErrorCode, FieldError, ValidationErrors, pointer_join};
use crate::field::address::{AddressText, BillingAddress};
use crate::field::country::Country;
use crate::field::email::Email;
use crate::field::id::CustomerId;
use crate::field::name::PersonName;
use crate::field::phone::{PhoneCountryMismatch, PhoneNumber};
use crate::field::timestamp::Timestamp;
use crate::request::raw::Raw;

/// The largest request body [`CreateCustomer::from_json`] reads (64 KiB); a valid request
/// is under 3 KiB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

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
        validate(&raw_json(body)?)
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

/// Deserializes through the same validation as [`CreateCustomer::from_json`]; the serde
/// error lists every problem.
impl<'de> Deserialize<'de> for CreateCustomer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Raw::deserialize(deserializer)?;
        validate(&raw).map_err(serde::de::Error::custom)
    }
}

const FIELDS: [&str; 5] = [
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "billing_address",
];
const CUSTOMER_FIELDS: [&str; 8] = [
    "id",
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "billing_address",
    "created_at",
    "updated_at",
];
const ADDRESS_FIELDS: [&str; 6] = ["line1", "line2", "city", "state", "zip_code", "country"];

/// Sorts an object's members into the slots of `names`, reporting unknown and duplicate
/// members.
fn slots<'r, 'a, const N: usize>(
    members: &'r [(Cow<'a, str>, Raw<'a>)],
    names: [&str; N],
    base: &str,
    errors: &mut ValidationErrors,
) -> [Option<&'r Raw<'a>>; N] {
    let mut found: [Option<&'r Raw<'a>>; N] = [None; N];
    for (key, value) in members {
        match names.iter().position(|n| *n == key.as_ref()) {
            Some(i) => match found.get_mut(i) {
                Some(slot @ None) => *slot = Some(value),
                _ => errors.push(FieldError::new(
                    pointer_join(base, key),
                    ErrorCode::DuplicateField,
                    format!("`{key}` appears more than once"),
                )),
            },
            None => {
                let shown = crate::text::truncate(key, 64);
                let hint = names
                    .iter()
                    .find(|n| is_near(n, key))
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                errors.push(FieldError::new(
                    pointer_join(base, key),
                    ErrorCode::UnknownField,
                    format!("`{shown}` is not a known field{hint}"),
                ));
            }
        }
    }
    found
}

/// True for near-misses worth a hint: same letters once `_`/`-` and case are ignored.
fn is_near(name: &str, key: &str) -> bool {
    if key.len() > 64 {
        return false;
    }
    crate::text::fold_name(name) == crate::text::fold_name(key)
}

/// Reads a string member: `None` (after recording an error) when missing, null or not a
/// string. Missing and null are `required` when `required`, else `Ok(None)`.
fn string_member<'r>(
    slot: Option<&'r Raw<'_>>,
    pointer: &str,
    required: bool,
    errors: &mut ValidationErrors,
) -> Result<Option<&'r str>, ()> {
    match slot {
        Some(Raw::String(s)) => Ok(Some(s.as_ref())),
        None | Some(Raw::Null) if !required => Ok(None),
        None | Some(Raw::Null) => {
            errors.push(FieldError::new(pointer, ErrorCode::Required, "is required"));
            Err(())
        }
        Some(other) => {
            errors.push(FieldError::new(
                pointer,
                ErrorCode::InvalidType,
                format!("must be a string, found {}", other.kind()),
            ));
            Err(())
        }
    }
}

/// Reads and parses a required string member.
fn required<T, E: Coded>(
    slot: Option<&Raw<'_>>,
    pointer: &str,
    errors: &mut ValidationErrors,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Option<T> {
    let s = string_member(slot, pointer, true, errors).ok()??;
    parse(s)
        .map_err(|e| errors.push(FieldError::from_err(pointer, &e)))
        .ok()
}

/// Reads and parses an optional address component (absent, null or blank is `None`).
fn optional_text(
    slot: Option<&Raw<'_>>,
    pointer: &str,
    errors: &mut ValidationErrors,
) -> Result<Option<AddressText>, ()> {
    let s = string_member(slot, pointer, false, errors)?;
    AddressText::parse_optional(s).map_err(|e| errors.push(FieldError::from_err(pointer, &e)))
}

fn billing_address(
    slot: Option<&Raw<'_>>,
    errors: &mut ValidationErrors,
) -> Option<BillingAddress> {
    const BASE: &str = "/billing_address";
    let members = match slot {
        Some(Raw::Object(members)) => members,
        None | Some(Raw::Null) => {
            errors.push(FieldError::new(BASE, ErrorCode::Required, "is required"));
            return None;
        }
        Some(other) => {
            errors.push(FieldError::new(
                BASE,
                ErrorCode::InvalidType,
                format!("must be an object, found {}", other.kind()),
            ));
            return None;
        }
    };
    let [line1, line2, city, state, zip_code, country] =
        slots(members, ADDRESS_FIELDS, BASE, errors);
    let line1 = required(line1, "/billing_address/line1", errors, AddressText::parse);
    let line2 = optional_text(line2, "/billing_address/line2", errors);
    let city = required(city, "/billing_address/city", errors, AddressText::parse);
    let state = optional_text(state, "/billing_address/state", errors);
    let zip_code = optional_text(zip_code, "/billing_address/zip_code", errors);
    let country = required(country, "/billing_address/country", errors, Country::parse);
    Some(BillingAddress::new(
        line1?,
        line2.ok()?,
        city?,
        state.ok()?,
        zip_code.ok()?,
        country?,
    ))
}

/// The members of a JSON object, or a document-level `invalid_type` error.
fn object<'r, 'a>(raw: &'r Raw<'a>) -> Result<&'r [(Cow<'a, str>, Raw<'a>)], ValidationErrors> {
    match raw {
        Raw::Object(members) => Ok(members),
        other => Err(FieldError::new(
            "",
            ErrorCode::InvalidType,
            format!("the body must be a JSON object, found {}", other.kind()),
        )
        .into()),
    }
}

/// Parses JSON bytes into the raw form, bounding the size first.
fn raw_json(body: &[u8]) -> Result<Raw<'_>, ValidationErrors> {
    if body.len() > MAX_BODY_BYTES {
        return Err(FieldError::new(
            "",
            ErrorCode::PayloadTooLarge,
            format!("the body is larger than the limit of {MAX_BODY_BYTES} bytes"),
        )
        .into());
    }
    serde_json::from_slice(body).map_err(|e| {
        ValidationErrors::from(FieldError::new(
            "",
            ErrorCode::InvalidJson,
            format!("the body is not valid JSON: {e}"),
        ))
    })
}

/// Validates the five request fields (already sorted into slots), collecting every
/// error; the phone/country rule runs when both sides parsed.
fn request_fields(
    [first, last, email, phone, address]: [Option<&Raw<'_>>; 5],
    errors: &mut ValidationErrors,
) -> Option<CreateCustomer> {
    let first_name = required(first, "/first_name", errors, PersonName::parse);
    let last_name = required(last, "/last_name", errors, PersonName::parse);
    let email = required(email, "/email", errors, Email::parse);
    let phone_number = required(phone, "/phone_number", errors, PhoneNumber::parse);
    let billing_address = billing_address(address, errors);
    if let (Some(phone), Some(address)) = (&phone_number, &billing_address)
        && let Err(mismatch) = phone.check_country(address.country())
    {
        errors.push(FieldError::from_err("/phone_number", &mismatch));
        return None;
    }
    Some(CreateCustomer {
        first_name: first_name?,
        last_name: last_name?,
        email: email?,
        phone_number: phone_number?,
        billing_address: billing_address?,
    })
}

/// Validates a raw request, collecting every error.
fn validate(raw: &Raw<'_>) -> Result<CreateCustomer, ValidationErrors> {
    let members = object(raw)?;
    let mut errors = ValidationErrors::new();
    let found = slots(members, FIELDS, "", &mut errors);
    match request_fields(found, &mut errors) {
        Some(request) if errors.is_empty() => Ok(request),
        _ => Err(errors),
    }
}

/// Validates a raw customer object, collecting every error.
fn validate_customer(raw: &Raw<'_>) -> Result<Customer, ValidationErrors> {
    let members = object(raw)?;
    let mut errors = ValidationErrors::new();
    let [id, first, last, email, phone, address, created, updated] =
        slots(members, CUSTOMER_FIELDS, "", &mut errors);
    let id = required(id, "/id", &mut errors, CustomerId::parse);
    let fields = request_fields([first, last, email, phone, address], &mut errors);
    let created_at = required(created, "/created_at", &mut errors, Timestamp::parse);
    let updated_at = required(updated, "/updated_at", &mut errors, Timestamp::parse);
    if let (Some(created), Some(updated)) = (created_at, updated_at)
        && updated < created
    {
        errors.push(FieldError::new(
            "/updated_at",
            ErrorCode::InvalidRange,
            format!("{updated} is earlier than created_at {created}"),
        ));
    }
    match (id, fields, created_at, updated_at) {
        (Some(id), Some(fields), Some(created_at), Some(updated_at)) if errors.is_empty() => {
            Ok(Customer {
                id,
                fields,
                created_at,
                updated_at,
            })
        }
        _ => Err(errors),
    }
}

/// A customer object as the API returns it (spec 001's shape).
///
/// Built by a pure constructor from a validated request, an id and the current time, all
/// passed in.
///
/// ```
/// use customer_core::{CreateCustomer, Customer, CustomerId, Timestamp};
///
/// let request = CreateCustomer::from_json(br#"{"first_name":"Jane","last_name":"Doe",
///   "email":"jane@example.com","phone_number":"+2348012345679",
///   "billing_address":{"line1":"456 Sample St","line2":null,"city":"Lagos",
///   "state":"LA","zip_code":"23401","country":"NG"}}"#).unwrap();
/// let id: CustomerId = "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap();
/// let now = Timestamp::parse("2024-03-02T12:00:00Z").unwrap();
/// let customer = Customer::new(id, request, now);
/// let json = serde_json::to_value(&customer).unwrap();
/// assert_eq!(json["billing_address"]["line2"], serde_json::Value::Null);
/// assert_eq!(json["created_at"], "2024-03-02T12:00:00Z");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Customer {
    id: CustomerId,
    #[serde(flatten)]
    fields: CreateCustomer,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl Customer {
    /// A new customer: `created_at` and `updated_at` are both `now`.
    #[must_use]
    pub fn new(id: CustomerId, request: CreateCustomer, now: Timestamp) -> Self {
        Customer {
            id,
            fields: request,
            created_at: now,
            updated_at: now,
        }
    }

    /// Parses and validates a customer object (spec 001's shape), reporting every error at
    /// once: each field's rule, the phone/country rule, strict UUID ids (`invalid_id`), RFC
    /// 3339 timestamps (`invalid_timestamp`) and `updated_at` not before `created_at`
    /// (`invalid_range`).
    ///
    /// ```
    /// use customer_core::Customer;
    ///
    /// let errors = Customer::from_json(br#"{"id": "7a8b9c0d-1e2f-3g4h-5i6j-7k8l9m0n1o2p"}"#)
    ///     .unwrap_err();
    /// let first = errors.iter().next().unwrap();
    /// assert_eq!((first.pointer(), first.code().as_str()), ("/id", "invalid_id"));
    /// ```
    pub fn from_json(body: &[u8]) -> Result<Customer, ValidationErrors> {
        validate_customer(&raw_json(body)?)
    }

    /// The id.
    #[must_use]
    pub fn id(&self) -> CustomerId {
        self.id
    }

    /// The validated fields the customer was created with.
    #[must_use]
    pub fn fields(&self) -> &CreateCustomer {
        &self.fields
    }

    /// The first name.
    #[must_use]
    pub fn first_name(&self) -> &PersonName {
        &self.fields.first_name
    }

    /// The last name.
    #[must_use]
    pub fn last_name(&self) -> &PersonName {
        &self.fields.last_name
    }

    /// The email address.
    #[must_use]
    pub fn email(&self) -> &Email {
        &self.fields.email
    }

    /// The phone number.
    #[must_use]
    pub fn phone_number(&self) -> &PhoneNumber {
        &self.fields.phone_number
    }

    /// The billing address.
    #[must_use]
    pub fn billing_address(&self) -> &BillingAddress {
        &self.fields.billing_address
    }

    /// When the customer was created.
    #[must_use]
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// When the customer was last changed.
    #[must_use]
    pub fn updated_at(&self) -> Timestamp {
        self.updated_at
    }
}

/// Reads a customer back (from a cache, a queue or an API response) with the same rules
/// as [`Customer::from_json`].
impl<'de> Deserialize<'de> for Customer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Raw::deserialize(deserializer)?;
        validate_customer(&raw).map_err(serde::de::Error::custom)
    }
}

/// The `{"data": …}` envelope of single-object responses.
///
/// ```
/// use customer_core::Data;
///
/// assert_eq!(serde_json::to_string(&Data::new(7)).unwrap(), r#"{"data":7}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data<T> {
    /// The payload.
    pub data: T,
}

impl<T> Data<T> {
    /// Wraps a payload.
    pub fn new(data: T) -> Self {
        Data { data }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC_000: &str = r#"{
      "first_name": "John",
      "last_name": "Doe",
      "email": "john.doe@example.com",
      "phone_number": "+2348012345678",
      "billing_address": {
        "line1": "123 Test Lane",
        "line2": "Suite 456",
        "city": "Lagos",
        "state": "Lagos",
        "zip_code": "100001",
        "country": "NG"
      }
    }"#;

    fn codes(body: &str) -> Vec<(String, &'static str)> {
        CreateCustomer::from_json(body.as_bytes())
            .unwrap_err()
            .iter()
            .map(|e| (e.pointer().to_owned(), e.code().as_str()))
            .collect()
    }

    #[test]
    fn spec_000_example_is_valid_and_round_trips() {
        let request = CreateCustomer::from_json(SPEC_000.as_bytes()).unwrap();
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(CreateCustomer::from_json(json.as_bytes()).unwrap(), request);
        let expected: serde_json::Value = serde_json::from_str(SPEC_000).unwrap();
        assert_eq!(serde_json::to_value(&request).unwrap(), expected);
    }

    #[test]
    fn spec_001_first_customer_is_a_mismatch() {
        let body = SPEC_000.replace("\"NG\"", "\"US\"");
        let errors = CreateCustomer::from_json(body.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        let e = errors.iter().next().unwrap();
        assert_eq!(
            (e.pointer(), e.code()),
            ("/phone_number", ErrorCode::PhoneCountryMismatch)
        );
        assert!(
            e.message().contains("Nigeria (NG)") && e.message().contains("(US)"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn every_error_at_once() {
        let body = r#"{"first_name":"J0hn","last_name":null,"email":"nope","phone_number":"+234 80",
            "billing_address":{"line1":"","city":5,"zipcode":"1","country":"Tanzania"},"nickname":"x"}"#;
        assert_eq!(
            codes(body),
            [
                ("/nickname".into(), "unknown_field"),
                ("/first_name".into(), "invalid_characters"),
                ("/last_name".into(), "required"),
                ("/email".into(), "invalid_email"),
                ("/phone_number".into(), "invalid_phone_format"),
                ("/billing_address/zipcode".into(), "unknown_field"),
                ("/billing_address/line1".into(), "required"),
                ("/billing_address/city".into(), "invalid_type"),
                ("/billing_address/country".into(), "invalid_country"),
            ]
        );
    }

    #[test]
    fn unknown_field_hint_and_duplicates() {
        let body = SPEC_000.replace("\"zip_code\"", "\"zipCode\"");
        let errors = CreateCustomer::from_json(body.as_bytes()).unwrap_err();
        let e = errors.iter().next().unwrap();
        assert_eq!(
            e.message(),
            "`zipCode` is not a known field; did you mean `zip_code`?"
        );
        let dup = SPEC_000.replace(
            "\"first_name\": \"John\",",
            "\"first_name\": \"John\", \"first_name\": \"Jon\",",
        );
        assert_eq!(codes(&dup), [("/first_name".into(), "duplicate_field")]);
    }

    #[test]
    fn document_level_errors() {
        assert_eq!(codes("[]"), [("".into(), "invalid_type")]);
        assert_eq!(codes("{"), [("".into(), "invalid_json")]);
        assert_eq!(
            codes("\u{feff}{}").first().map(|c| c.1),
            Some("invalid_json")
        );
        let big = format!("{{\"first_name\":\"{}\"}}", "a".repeat(MAX_BODY_BYTES));
        assert_eq!(codes(&big), [("".into(), "payload_too_large")]);
        assert_eq!(
            codes(r#"{"billing_address": "NG"}"#).last().cloned(),
            Some(("/billing_address".into(), "invalid_type"))
        );
    }

    #[test]
    fn customer_serializes_like_spec_001() {
        let request = CreateCustomer::from_json(SPEC_000.as_bytes()).unwrap();
        let id = CustomerId::parse("6f7e1e7f-93d1-4fcc-b7a4-738f869615c8").unwrap();
        let now = Timestamp::parse("2024-03-01T12:00:00Z").unwrap();
        let customer = Customer::new(id, request, now);
        let json = serde_json::to_string(&customer).unwrap();
        assert!(
            json.starts_with(r#"{"id":"6f7e1e7f-93d1-4fcc-b7a4-738f869615c8","first_name":"John""#),
            "{json}"
        );
        assert!(
            json.ends_with(
                r#""created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-01T12:00:00Z"}"#
            ),
            "{json}"
        );
        let back: Customer = serde_json::from_str(&json).unwrap();
        assert_eq!(back, customer);
        let mismatched = json.replace("\"NG\"", "\"US\"");
        assert!(serde_json::from_str::<Customer>(&mismatched).is_err());
        let backwards = json.replace("\"updated_at\":\"2024-03-01", "\"updated_at\":\"2023-03-01");
        assert!(serde_json::from_str::<Customer>(&backwards).is_err());
    }
}
