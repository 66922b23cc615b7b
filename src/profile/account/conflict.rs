//! 409 Conflict: the email address belongs to another customer already.

use std::fmt;

use serde::Serialize;

use super::create::CreateAccountCustomer;
use crate::error::{ErrorCode, FieldError, Problem, ProblemEntry};
use crate::field::typeid::AccountCustomerId;

/// The `type` URI reference of conflict problems (relative, like
/// [`PROBLEM_TYPE`](crate::error::PROBLEM_TYPE)).
pub const CONFLICT_PROBLEM_TYPE: &str = "/problems/conflict";

/// A customer with the request's email address already exists (HTTP 409).
///
/// Built from the service's lookup: the service looks the email's
/// [`uniqueness_key`](crate::Email::uniqueness_key) up in its store and passes the id it
/// found, if any, to [`CreateAccountCustomer::check_email_unique`]. The problem body names
/// the field (`/email`) and the code (`duplicate_email`); it shows neither the address
/// nor the other customer's id (the service has it, from [`Conflict::existing`]).
///
/// ```
/// use customer_core::{account::{AccountCustomerId, CreateAccountCustomer}};
///
/// let request = CreateAccountCustomer::from_json(
///     br#"{"name": "Brighton Mboya", "email": "Brighton@Jani.com"}"#).unwrap();
/// assert!(request.check_email_unique(None).is_ok());
///
/// let found: AccountCustomerId = "cus_01h3vjs3b16yc3f9q8q9pfrb80".parse().unwrap();
/// let conflict = request.check_email_unique(Some(found)).unwrap_err();
/// let body = serde_json::to_value(conflict.to_problem()).unwrap();
/// assert_eq!(body["status"], 409);
/// assert_eq!(body["type"], "/problems/conflict");
/// assert_eq!(body["errors"][0]["pointer"], "/email");
/// assert_eq!(body["errors"][0]["code"], "duplicate_email");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    existing: AccountCustomerId,
    error: FieldError,
}

impl Conflict {
    /// A duplicate-email conflict with the customer the lookup found.
    #[must_use]
    pub fn duplicate_email(existing: AccountCustomerId) -> Self {
        Conflict {
            existing,
            error: FieldError::new(
                "/email",
                ErrorCode::DuplicateEmail,
                "a customer with this email address already exists",
            ),
        }
    }

    /// The id of the customer that has the email address already.
    #[must_use]
    pub fn existing(&self) -> AccountCustomerId {
        self.existing
    }

    /// The field error (`/email`, `duplicate_email`).
    #[must_use]
    pub fn error(&self) -> &FieldError {
        &self.error
    }

    /// The HTTP status: 409.
    #[must_use]
    pub fn status(&self) -> u16 {
        409
    }

    /// The RFC 9457 problem details body for the 409 response.
    #[must_use]
    pub fn to_problem(&self) -> Problem<'_> {
        Problem {
            type_: CONFLICT_PROBLEM_TYPE,
            title: "The resource already exists.",
            status: 409,
            detail: "A customer with this email address already exists.".to_owned(),
            errors: vec![ProblemEntry {
                pointer: self.error.pointer(),
                code: self.error.code(),
                detail: self.error.detail(),
            }],
        }
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "409 conflict: {}", self.error)
    }
}

impl std::error::Error for Conflict {}

impl Serialize for Conflict {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_problem().serialize(serializer)
    }
}

impl CreateAccountCustomer {
    /// Decides the duplicate-email rule from the service's lookup of
    /// [`uniqueness_key`](crate::Email::uniqueness_key): `existing` is the id of the
    /// customer that has this key already, if any.
    pub fn check_email_unique(&self, existing: Option<AccountCustomerId>) -> Result<(), Conflict> {
        match existing {
            None => Ok(()),
            Some(id) => Err(Conflict::duplicate_email(id)),
        }
    }
}
