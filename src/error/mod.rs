//! The crate's one error model: field errors with a JSON Pointer, a stable code and a
//! detail for people, collected into [`ValidationErrors`] and rendered as RFC 9457
//! problem details.
//!
//! Each concept (name, email, phone…) has its own error enum whose variants carry what
//! went wrong (a position, a character, a limit, a bounded excerpt of the input) and
//! format only in `Display`; [`FieldError`] is what they all become once placed in a
//! request, so a service can answer with every error at once.
//!
//! This module holds the model ([`ErrorCode`], [`FieldError`], [`ValidationErrors`],
//! [`Problem`]) and the error type of every field value at the crate root. The listing,
//! guard, billing and account modules keep their own error types beside their values.
//!
//! ```
//! use customer_core::error::{EmailError, PersonNameError};
//! use customer_core::{CreateCustomer, Email, PersonName};
//!
//! assert!(matches!(PersonName::parse("R2-D2"), Err(PersonNameError::InvalidCharacter { .. })));
//! assert!(matches!(Email::parse("no-at-sign"), Err(EmailError::MissingAt)));
//!
//! // A request reports every error at once, each with a pointer and a stable code.
//! let errors = CreateCustomer::from_json(br#"{"first_name":"","email":"x"}"#).unwrap_err();
//! let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
//! assert!(found.contains(&("/first_name", "required")));
//! assert!(found.contains(&("/email", "invalid_email")));
//! assert!(found.contains(&("/billing_address", "required")));
//! let problem = errors.to_problem();
//! assert_eq!(problem.status, 400);
//! ```

mod codes;
pub(crate) mod errors;
mod problem;

pub use codes::{ErrorCode, UnknownErrorCode};
pub(crate) use errors::Coded;
pub use errors::{FieldError, ValidationErrors, pointer_join};
pub use problem::{PROBLEM_TYPE, Problem, ProblemEntry};

pub use crate::field::address::AddressTextError;
pub use crate::field::country::CountryError;
pub use crate::field::currency::{AmountError, CurrencyError};
pub use crate::field::email::EmailError;
pub use crate::field::full_name::FullNameError;
pub use crate::field::id::CustomerIdError;
pub use crate::field::json_object::JsonObjectError;
pub use crate::field::name::PersonNameError;
pub use crate::field::phone::PhoneError;
pub use crate::field::reference::ReferenceError;
pub use crate::field::timestamp::TimestampError;
pub use crate::request::patch::{PRECONDITION_PROBLEM_TYPE, VersionError};
pub use crate::text::Excerpt;
