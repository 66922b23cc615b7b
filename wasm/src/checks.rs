//! The three checks on Rust strings, as the exports run them (and the native runner of
//! the case table, `examples/cases.rs`, calls them).

use customer_core::{
    AddressText, Country, CreateCustomer, Email, FieldError, PersonName, PhoneNumber,
};

use crate::results::{CreateCustomerResult, FieldResult, PhoneReason, PhoneResult};

/// Validates a create-customer request body (a JSON string), with every error at once.
#[must_use]
pub fn validate_create_customer_str(body: &str) -> CreateCustomerResult {
    match CreateCustomer::from_json(body.as_bytes()) {
        Ok(request) => CreateCustomerResult::valid(&request),
        Err(errors) => CreateCustomerResult::invalid(&errors),
    }
}

/// One field's check, as the service runs it inside a request.
///
/// `country` is the billing country for `/phone_number` (ignored elsewhere); when it is
/// missing or not a valid country the phone is checked on its own.
#[must_use]
pub fn validate_field_str(pointer: &str, value: &str, country: Option<&str>) -> FieldResult {
    fn done<T, E: std::fmt::Display + Coded>(
        pointer: &str,
        parsed: Result<T, E>,
        show: impl FnOnce(T) -> Option<String>,
    ) -> FieldResult {
        match parsed {
            Ok(v) => FieldResult::valid(show(v)),
            Err(e) => FieldResult::invalid(FieldError::new(pointer, e.code(), e.to_string())),
        }
    }
    match pointer {
        "/first_name" | "/last_name" => {
            done(pointer, PersonName::parse(value), |v| Some(v.into_string()))
        }
        "/email" => done(pointer, Email::parse(value), |v| {
            Some(v.as_str().to_owned())
        }),
        "/phone_number" => match PhoneNumber::parse(value) {
            Err(e) => FieldResult::invalid(FieldError::new(pointer, e.code(), e.to_string())),
            Ok(phone) => match country.and_then(|c| Country::parse(c).ok()) {
                Some(country) => done(pointer, phone.check_country(country), |()| {
                    Some(phone.as_str().to_owned())
                }),
                None => FieldResult::valid(Some(phone.as_str().to_owned())),
            },
        },
        "/billing_address/line1" | "/billing_address/city" => {
            done(pointer, AddressText::parse(value), |v| {
                Some(v.as_str().to_owned())
            })
        }
        "/billing_address/line2" | "/billing_address/state" | "/billing_address/zip_code" => {
            done(pointer, AddressText::parse_optional(Some(value)), |v| {
                v.map(|t| t.as_str().to_owned())
            })
        }
        "/billing_address/country" => done(pointer, Country::parse(value), |v| {
            Some(v.as_str().to_owned())
        }),
        _ => {
            let shown: String = pointer.chars().take(64).collect();
            FieldResult::invalid(FieldError::new(
                pointer,
                customer_core::ErrorCode::UnknownField,
                format!("`{shown}` is not a known field"),
            ))
        }
    }
}

/// The error codes of the field rules, through one small trait.
pub trait Coded {
    /// The stable code.
    fn code(&self) -> customer_core::ErrorCode;
}

macro_rules! coded {
    ($($t:ty),*) => {$(
        impl Coded for $t {
            fn code(&self) -> customer_core::ErrorCode {
                <$t>::code(self)
            }
        }
    )*};
}
coded!(
    customer_core::error::PersonNameError,
    customer_core::error::EmailError,
    customer_core::error::AddressTextError,
    customer_core::error::CountryError
);

impl Coded for customer_core::phone::PhoneCountryMismatch {
    fn code(&self) -> customer_core::ErrorCode {
        customer_core::ErrorCode::PhoneCountryMismatch
    }
}

/// The phone helper: `input` as typed, read in `country`
/// ([`PhoneNumber::normalize_typing`]).
#[must_use]
pub fn normalize_phone_str(input: &str, country: &str) -> PhoneResult {
    const POINTER: &str = "/phone_number";
    let country = match Country::parse(country) {
        Ok(c) => c,
        Err(e) => {
            let error = FieldError::new("/billing_address/country", e.code(), e.to_string());
            return PhoneResult::invalid(error, PhoneReason::Country, None);
        }
    };
    match PhoneNumber::normalize_typing(input, country) {
        Ok(phone) => PhoneResult::valid(&phone, country),
        Err(e) => {
            use customer_core::phone::PhoneNormalizeError as E;
            let (reason, read) = match &e {
                E::Empty => (PhoneReason::Required, None),
                E::UnknownCallingCode => (PhoneReason::InvalidCountryCode, None),
                E::NoNumberingPlan { .. } => (PhoneReason::NoNumberingPlan, None),
                E::Incomplete { read, .. } => (PhoneReason::TooShort, Some(read.to_string())),
                E::TooLongFor { read, .. } => (PhoneReason::TooLong, Some(read.to_string())),
                E::NotOfCountry {
                    read,
                    possible_length,
                    ..
                } => {
                    let reason = if *possible_length {
                        PhoneReason::NotValid
                    } else {
                        PhoneReason::InvalidLength
                    };
                    (reason, Some(read.to_string()))
                }
                E::NotValid { e164 } => (PhoneReason::NotValid, Some(e164.to_string())),
                _ => (PhoneReason::Format, None),
            };
            PhoneResult::invalid(
                FieldError::new(POINTER, e.code(), e.to_string()),
                reason,
                read,
            )
        }
    }
}
