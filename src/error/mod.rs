//! The crate's one error model: field errors with a JSON Pointer, a stable code and a
//! detail for people, collected into [`ValidationErrors`] and rendered as RFC 9457
//! problem details.
//!
//! Each concept (name, email, phone…) has its own error enum whose variants carry what
//! went wrong (a position, a character, a limit, a bounded excerpt of the input) and
//! format only in `Display`; [`FieldError`] is what they all become once placed in a
//! request, so a service can answer with every error at once.
//!
//! - `codes`: the table of stable codes ([`ErrorCode`]);
//! - `errors`: [`FieldError`], [`ValidationErrors`], [`pointer_join`];
//! - `problem`: [`Problem`] (RFC 9457).

mod codes;
mod errors;
mod problem;

pub use codes::{ErrorCode, UnknownErrorCode};
pub(crate) use errors::Coded;
pub use errors::{FieldError, MAX_ERRORS, ValidationErrors, pointer_join};
pub use problem::{PROBLEM_TYPE, Problem, ProblemError};
