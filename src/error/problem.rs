//! RFC 9457 problem details: the response body for requests that are not valid.

use serde::Serialize;

use super::ErrorCode;

/// The `type` URI reference of validation problems (relative, resolved against the API's
/// own base URL).
pub const PROBLEM_TYPE: &str = "/problems/validation-error";

/// RFC 9457 problem details, as built by
/// [`ValidationErrors::to_problem`](crate::ValidationErrors::to_problem) (400) and
/// [`PreconditionFailed::to_problem`](crate::PreconditionFailed::to_problem) (412).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Problem<'a> {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    pub type_: &'static str,
    /// A short summary of the problem type.
    pub title: &'static str,
    /// The HTTP status code (400, or 412 for a failed precondition).
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// One entry per invalid field.
    pub errors: Vec<ProblemEntry<'a>>,
}

/// One entry of [`Problem::errors`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProblemEntry<'a> {
    /// JSON Pointer to the field.
    pub pointer: &'a str,
    /// Stable machine code.
    pub code: ErrorCode,
    /// Message for people.
    pub detail: &'a str,
}
