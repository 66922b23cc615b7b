//! The crate's one error model: field errors with a JSON Pointer, a stable code and a
//! message, collected into [`ValidationErrors`] and rendered as RFC 9457 problem details.
//!
//! Each concept (name, email, phone…) has its own error enum that says exactly what went
//! wrong; [`FieldError`] is what they all become once placed in a request, so a service
//! can answer with every error at once.

use std::fmt;

use serde::Serialize;

/// Generates [`ErrorCode`] and its string table from one list, so the enum, `as_str`,
/// `ALL` and the README table cannot drift apart.
macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, )*) => {
        /// A stable, machine-readable error code.
        ///
        /// The strings returned by [`ErrorCode::as_str`] are public API: once released a
        /// code is never renamed or reused for another meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The snake_case code, e.g. `"phone_country_mismatch"`.
            ///
            /// ```
            /// use customer_core::ErrorCode;
            /// assert_eq!(ErrorCode::PhoneCountryMismatch.as_str(), "phone_country_mismatch");
            /// ```
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( ErrorCode::$variant => $code, )*
                }
            }
        }
    };
}

error_codes! {
    /// The body is not valid JSON (syntax, encoding, nesting too deep).
    InvalidJson => "invalid_json",
    /// The body is larger than [`MAX_BODY_BYTES`](crate::MAX_BODY_BYTES).
    PayloadTooLarge => "payload_too_large",
    /// A field has the wrong JSON type (a number where a string is expected…).
    InvalidType => "invalid_type",
    /// A field that the schema does not know; typos such as `zipcode` are caught here.
    UnknownField => "unknown_field",
    /// The same field appears twice in one JSON object.
    DuplicateField => "duplicate_field",
    /// A required field is missing, null or empty.
    Required => "required",
    /// A value is longer than its limit.
    TooLong => "too_long",
    /// A value contains characters its rule does not allow.
    InvalidCharacters => "invalid_characters",
    /// The email address is not a valid address.
    InvalidEmail => "invalid_email",
    /// The phone number is not in strict E.164 form (`+` and 1 to 15 digits).
    InvalidPhoneFormat => "invalid_phone_format",
    /// The phone number is E.164 but not a valid number in any numbering plan.
    InvalidPhoneNumber => "invalid_phone_number",
    /// The phone number is valid, but not for the billing address country.
    PhoneCountryMismatch => "phone_country_mismatch",
    /// The country is not an ISO 3166-1 alpha-2 code.
    InvalidCountry => "invalid_country",
    /// The id is not a UUID in canonical hyphenated form.
    InvalidId => "invalid_id",
    /// The timestamp is not an RFC 3339 date-time.
    InvalidTimestamp => "invalid_timestamp",
    /// The bounds of a range are in the wrong order (`updated_at` before `created_at`,
    /// `created_after` not before `created_before`).
    InvalidRange => "invalid_range",
    /// A query parameter that the endpoint does not know.
    UnknownParameter => "unknown_parameter",
    /// The same query parameter appears more than once.
    DuplicateParameter => "duplicate_parameter",
    /// A query parameter is not valid UTF-8 once percent-decoded.
    InvalidEncoding => "invalid_encoding",
    /// The page size is not an integer from 1 to 100.
    InvalidLimit => "invalid_limit",
    /// Two parameters that cannot be sent together (`after` and `before`).
    MutuallyExclusive => "mutually_exclusive",
    /// The cursor was not issued by this API, was changed, or its key is retired.
    InvalidCursor => "invalid_cursor",
    /// The cursor is genuine but belongs to another query (filters, sort or direction).
    CursorMismatch => "cursor_mismatch",
    /// The sort order is not one of the accepted values.
    InvalidSort => "invalid_sort",
    /// No API key: no `Authorization` header, or one with another scheme (401).
    MissingApiKey => "missing_api_key",
    /// The API key is malformed, fails its checksum, or is unknown or revoked (401).
    InvalidApiKey => "invalid_api_key",
    /// The API key is genuine but its kind may not perform the operation (403).
    InsufficientPermissions => "insufficient_permissions",
    /// A rate-limit policy refuses the request (429).
    RateLimited => "rate_limited",
    /// The `Idempotency-Key` header is not 1 to 255 visible ASCII characters (400).
    InvalidIdempotencyKey => "invalid_idempotency_key",
    /// A request with the same idempotency key is still being processed (409).
    IdempotencyKeyInUse => "idempotency_key_in_use",
    /// The idempotency key was used for a different request (422).
    IdempotencyKeyReused => "idempotency_key_reused",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem with one field: where (a JSON Pointer), what (a stable [`ErrorCode`]) and a
/// message for people.
///
/// ```
/// use customer_core::{CreateCustomer, ErrorCode};
///
/// let errors = CreateCustomer::from_json(br#"{"first_name": 7}"#).unwrap_err();
/// let first = errors.iter().next().unwrap();
/// assert_eq!(first.pointer(), "/first_name");
/// assert_eq!(first.code(), ErrorCode::InvalidType);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pointer: String,
    code: ErrorCode,
    message: String,
}

impl FieldError {
    /// Builds a field error. `pointer` is a JSON Pointer (RFC 6901), `""` for the whole
    /// document.
    #[cold]
    #[must_use]
    pub fn new(pointer: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        FieldError {
            pointer: pointer.into(),
            code,
            message: message.into(),
        }
    }

    /// Builds a field error from a concept error (its code and its message).
    #[cold]
    pub(crate) fn from_err<E: Coded>(pointer: impl Into<String>, err: &E) -> Self {
        FieldError::new(pointer, err.code(), err.to_string())
    }

    /// The JSON Pointer to the offending field, e.g. `/billing_address/country`.
    #[must_use]
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The stable machine code.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message for people. It never contains secrets.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: {} ({})", self.message, self.code)
    }
}

impl std::error::Error for FieldError {}

/// Implemented by every concept error so it can become a [`FieldError`].
pub(crate) trait Coded: fmt::Display {
    fn code(&self) -> ErrorCode;
}

/// The most errors one [`ValidationErrors`] keeps; past it, the rest are counted, not kept,
/// so hostile input (thousands of unknown fields) cannot make the response unbounded.
pub const MAX_ERRORS: usize = 64;

/// Every error found in one input, in a stable order (the schema's field order).
///
/// Serializes as the list of [`FieldError`]s; [`ValidationErrors::to_problem`] gives the
/// RFC 9457 response body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<FieldError>,
    dropped: usize,
}

impl ValidationErrors {
    /// An empty collection.
    #[must_use]
    pub fn new() -> Self {
        ValidationErrors::default()
    }

    /// Adds an error; past [`MAX_ERRORS`] it is only counted.
    pub fn push(&mut self, error: FieldError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    /// Moves every error of `other` into `self`.
    pub fn extend(&mut self, other: ValidationErrors) {
        for error in other.errors {
            self.push(error);
        }
        self.dropped = self.dropped.saturating_add(other.dropped);
    }

    /// True when no error was recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.dropped == 0
    }

    /// How many errors are kept (at most [`MAX_ERRORS`]).
    #[must_use]
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// How many errors were found beyond [`MAX_ERRORS`] and not kept.
    #[must_use]
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// The kept errors, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.errors.iter()
    }

    /// The kept errors as a slice.
    #[must_use]
    pub fn as_slice(&self) -> &[FieldError] {
        &self.errors
    }

    /// The RFC 9457 problem details body for a 400 response.
    ///
    /// ```
    /// use customer_core::CreateCustomer;
    ///
    /// let errors = CreateCustomer::from_json(b"{}").unwrap_err();
    /// let body = serde_json::to_value(errors.to_problem()).unwrap();
    /// assert_eq!(body["status"], 400);
    /// assert_eq!(body["errors"][0]["pointer"], "/first_name");
    /// assert_eq!(body["errors"][0]["code"], "required");
    /// ```
    #[must_use]
    pub fn to_problem(&self) -> Problem<'_> {
        let total = self.errors.len().saturating_add(self.dropped);
        let detail = match (total, self.dropped) {
            (1, _) => "The request has 1 invalid field.".to_owned(),
            (n, 0) => format!("The request has {n} invalid fields."),
            (n, d) => format!("The request has {n} invalid fields; the last {d} are not listed."),
        };
        Problem {
            type_: PROBLEM_TYPE,
            title: "Your request is not valid.",
            status: 400,
            detail,
            errors: self
                .errors
                .iter()
                .map(|e| ProblemError {
                    pointer: &e.pointer,
                    code: e.code,
                    detail: &e.message,
                })
                .collect(),
        }
    }
}

/// The `type` URI reference of validation problems (relative, resolved against the API's
/// own base URL).
pub const PROBLEM_TYPE: &str = "/problems/validation-error";

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.errors.len().saturating_add(self.dropped);
        write!(
            f,
            "{total} validation error{}",
            if total == 1 { "" } else { "s" }
        )?;
        for (i, e) in self.errors.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl Serialize for ValidationErrors {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.errors.serialize(serializer)
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for ValidationErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl From<FieldError> for ValidationErrors {
    fn from(error: FieldError) -> Self {
        let mut errors = ValidationErrors::new();
        errors.push(error);
        errors
    }
}

/// RFC 9457 problem details, as built by [`ValidationErrors::to_problem`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem<'a> {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    pub type_: &'static str,
    /// A short summary of the problem type.
    pub title: &'static str,
    /// The HTTP status code (400).
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// One entry per invalid field.
    pub errors: Vec<ProblemError<'a>>,
}

/// One entry of [`Problem::errors`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemError<'a> {
    /// JSON Pointer to the field.
    pub pointer: &'a str,
    /// Stable machine code.
    pub code: ErrorCode,
    /// Message for people.
    pub detail: &'a str,
}

/// Appends `token` to the JSON Pointer `base`, escaping `~` and `/` (RFC 6901).
#[must_use]
pub fn pointer_join(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len().saturating_add(token.len()).saturating_add(1));
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{s}"
            );
        }
    }

    #[test]
    fn pointer_escapes_rfc6901() {
        assert_eq!(pointer_join("", "a/b~c"), "/a~1b~0c");
        assert_eq!(
            pointer_join("/billing_address", "country"),
            "/billing_address/country"
        );
    }

    #[test]
    fn errors_are_capped_and_counted() {
        let mut errors = ValidationErrors::new();
        for i in 0..(MAX_ERRORS + 5) {
            errors.push(FieldError::new(
                format!("/f{i}"),
                ErrorCode::UnknownField,
                "x",
            ));
        }
        assert_eq!(errors.len(), MAX_ERRORS);
        assert_eq!(errors.dropped(), 5);
        let problem = errors.to_problem();
        assert!(
            problem.detail.contains("last 5 are not listed"),
            "{}",
            problem.detail
        );
    }

    #[test]
    fn display_lists_every_error() {
        let mut errors = ValidationErrors::new();
        errors.push(FieldError::new(
            "/email",
            ErrorCode::Required,
            "is required",
        ));
        errors.push(FieldError::new("", ErrorCode::InvalidJson, "bad"));
        assert_eq!(
            errors.to_string(),
            "2 validation errors: /email: is required (required); (document): bad (invalid_json)"
        );
    }
}
