//! The values the three calls answer, with their TypeScript types (tsify).
//!
//! Each is serialized by serde_json and parsed by `JSON.parse` on the JS side, so the
//! problem body is byte for byte what the service sends (a native test checks it).

use customer_core::{Country, CreateCustomer, FieldError, PhoneNumber, ValidationErrors};
use serde::Serialize;
use tsify::Tsify;

/// One invalid field: where, the stable code, and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct ProblemError {
    /// JSON Pointer to the field (`""` for the whole body).
    pub pointer: String,
    /// Stable machine code.
    #[tsify(type = "ErrorCode")]
    pub code: &'static str,
    /// Message for people.
    pub detail: String,
}

impl From<&FieldError> for ProblemError {
    fn from(e: &FieldError) -> Self {
        ProblemError {
            pointer: e.pointer().to_owned(),
            code: e.code().as_str(),
            detail: e.detail().to_owned(),
        }
    }
}

/// The RFC 9457 problem details body of a 400 answer, as the service sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct Problem {
    /// A URI reference naming the problem type (`/problems/validation-error`).
    #[serde(rename = "type")]
    pub type_: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status code (400).
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// One entry per invalid field, in the service's order.
    pub errors: Vec<ProblemError>,
}

impl From<&ValidationErrors> for Problem {
    fn from(errors: &ValidationErrors) -> Self {
        let p = errors.to_problem();
        Problem {
            type_: p.type_.to_owned(),
            title: p.title.to_owned(),
            status: p.status,
            detail: p.detail,
            errors: errors.iter().map(ProblemError::from).collect(),
        }
    }
}

/// The normalized billing address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct BillingAddress {
    /// First line.
    pub line1: String,
    /// Second line, or null.
    pub line2: Option<String>,
    /// City.
    pub city: String,
    /// State or region, or null.
    pub state: Option<String>,
    /// Postal code, or null.
    pub zip_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// A valid create-customer request, normalized (NFC names, lowercase email domain…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct CustomerFields {
    /// First name (NFC).
    pub first_name: String,
    /// Last name (NFC).
    pub last_name: String,
    /// Email address.
    pub email: String,
    /// Phone number, E.164.
    pub phone_number: String,
    /// Billing address.
    pub billing_address: BillingAddress,
}

impl From<&CreateCustomer> for CustomerFields {
    fn from(r: &CreateCustomer) -> Self {
        let a = r.billing_address();
        let text = |t: Option<&customer_core::AddressText>| t.map(|t| t.as_str().to_owned());
        CustomerFields {
            first_name: r.first_name().as_str().to_owned(),
            last_name: r.last_name().as_str().to_owned(),
            email: r.email().as_str().to_owned(),
            phone_number: r.phone_number().as_str().to_owned(),
            billing_address: BillingAddress {
                line1: a.line1().as_str().to_owned(),
                line2: text(a.line2()),
                city: a.city().as_str().to_owned(),
                state: text(a.state()),
                zip_code: text(a.zip_code()),
                country: a.country().as_str().to_owned(),
            },
        }
    }
}

/// The request is valid: its normalized fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct ValidRequest {
    /// Always `true`.
    #[tsify(type = "true")]
    pub ok: bool,
    /// The normalized request.
    pub customer: CustomerFields,
}

/// The request is not valid: the problem body the service would answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct InvalidRequest {
    /// Always `false`.
    #[tsify(type = "false")]
    pub ok: bool,
    /// RFC 9457 problem details with every error.
    pub problem: Problem,
    /// Set only when the validator itself failed (a bug): what happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub internal: Option<String>,
}

/// What `validateCreateCustomer` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(untagged)]
pub enum CreateCustomerResult {
    /// Valid.
    Valid(ValidRequest),
    /// Not valid.
    Invalid(InvalidRequest),
}

impl CreateCustomerResult {
    /// The valid answer.
    #[must_use]
    pub fn valid(request: &CreateCustomer) -> Self {
        CreateCustomerResult::Valid(ValidRequest {
            ok: true,
            customer: request.into(),
        })
    }

    /// The problem answer.
    #[must_use]
    pub fn invalid(errors: &ValidationErrors) -> Self {
        CreateCustomerResult::Invalid(InvalidRequest {
            ok: false,
            problem: errors.into(),
            internal: None,
        })
    }
}

/// The field is valid: its normalized value (`null` for an empty optional field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct ValidField {
    /// Always `true`.
    #[tsify(type = "true")]
    pub ok: bool,
    /// The value as the service stores it.
    pub value: Option<String>,
}

/// The field (or phone) is not valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct InvalidField {
    /// Always `false`.
    #[tsify(type = "false")]
    pub ok: bool,
    /// This field's errors (one today), with the service's codes and messages.
    pub errors: Vec<ProblemError>,
    /// Set only when the validator itself failed (a bug): what happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub internal: Option<String>,
}

/// What `validateField` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(untagged)]
pub enum FieldResult {
    /// Valid.
    Valid(ValidField),
    /// Not valid.
    Invalid(InvalidField),
}

impl FieldResult {
    /// The valid answer.
    #[must_use]
    pub fn valid(value: Option<String>) -> Self {
        FieldResult::Valid(ValidField { ok: true, value })
    }

    /// The answer for one error.
    #[must_use]
    pub fn invalid(error: FieldError) -> Self {
        FieldResult::Invalid(InvalidField {
            ok: false,
            errors: vec![ProblemError::from(&error)],
            internal: None,
        })
    }
}

/// A phone number read from what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct ValidPhone {
    /// Always `true`.
    #[tsify(type = "true")]
    pub ok: bool,
    /// The E.164 form to submit, e.g. `+2348012345678`.
    pub e164: String,
    /// The country the number belongs to, or null for non-geographic numbers.
    pub region: Option<String>,
    /// libphonenumber's number type (`MOBILE`, `FIXED_LINE`…).
    #[serde(rename = "type")]
    pub type_: &'static str,
    /// Whether it is valid for the country given (else submitting it is a
    /// `phone_country_mismatch`).
    pub valid_for_country: bool,
}

/// Why `normalizePhone` gave no number, for a form to tell "keep typing" from "wrong".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum PhoneReason {
    /// Nothing typed.
    Required,
    /// Not a phone number at all: letters, a misplaced `+`, far too many digits.
    Format,
    /// After `+` or an international prefix, no assigned country calling code.
    InvalidCountryCode,
    /// The country has no numbering plan of its own: only `+` and a code can be read.
    NoNumberingPlan,
    /// Fewer digits than any number of the country: still being typed.
    TooShort,
    /// More digits than any number of the country.
    TooLong,
    /// A length no number of the country has (between its shortest and longest).
    InvalidLength,
    /// A possible length, but not a number of the country.
    NotValid,
    /// The country argument is not a country code.
    Country,
    /// An argument is not a string.
    Type,
}

/// A phone number not read: the error, why, and what was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct InvalidPhone {
    /// Always `false`.
    #[tsify(type = "false")]
    pub ok: bool,
    /// The error (one), with the service's codes.
    pub errors: Vec<ProblemError>,
    /// Why, in a form's terms.
    pub reason: PhoneReason,
    /// What was read, as typed (`0801234`, `+44 2079`), when the input was read as a
    /// number.
    pub read: Option<String>,
    /// Set only when the validator itself failed (a bug): what happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub internal: Option<String>,
}

/// What `normalizePhone` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(untagged)]
pub enum PhoneResult {
    /// Read.
    Valid(ValidPhone),
    /// Not read: why.
    Invalid(InvalidPhone),
}

impl PhoneResult {
    /// The answer for a number read.
    #[must_use]
    pub fn valid(phone: &PhoneNumber, country: Country) -> Self {
        PhoneResult::Valid(ValidPhone {
            ok: true,
            e164: phone.as_str().to_owned(),
            region: phone.region().map(|c| c.as_str().to_owned()),
            type_: phone.number_type().libphonenumber_name(),
            valid_for_country: phone.is_valid_for(country),
        })
    }

    /// The answer for one error.
    #[must_use]
    pub fn invalid(error: FieldError, reason: PhoneReason, read: Option<String>) -> Self {
        PhoneResult::Invalid(InvalidPhone {
            ok: false,
            errors: vec![ProblemError::from(&error)],
            reason,
            read,
            internal: None,
        })
    }
}
