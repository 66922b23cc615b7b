//! Field errors and the collection of every error found in one input.

use std::fmt;

use serde::Serialize;

use super::{ErrorCode, Problem, ProblemEntry};

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
    detail: String,
}

impl FieldError {
    /// Builds a field error. `pointer` is a JSON Pointer (RFC 6901), `""` for the whole
    /// document.
    #[cold]
    #[must_use]
    pub fn new(pointer: impl Into<String>, code: ErrorCode, detail: impl Into<String>) -> Self {
        FieldError {
            pointer: pointer.into(),
            code,
            detail: detail.into(),
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

    /// The explanation for people (RFC 9457's `detail`, the name this error serializes
    /// under). It never contains secrets.
    #[must_use]
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The explanation for people: the same text as [`FieldError::detail`].
    #[deprecated(
        since = "0.1.0",
        note = "named `detail` as in RFC 9457: use `detail()`"
    )]
    #[must_use]
    pub fn message(&self) -> &str {
        &self.detail
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: {} ({})", self.detail, self.code)
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

/// Every error found in one input, in a stable order: within each object, unknown and
/// duplicate names first (in input order), then the schema's fields in schema order (a
/// nested object's errors in its field's place), then cross-field rules.
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
        self.push_with(|| error);
    }

    /// Adds the error that `make` builds, calling it only when the error will be kept:
    /// past [`MAX_ERRORS`] the error is only counted, and nothing is formatted or
    /// allocated for it.
    ///
    /// ```
    /// use customer_core::{ErrorCode, FieldError, ValidationErrors, limits::MAX_ERRORS};
    ///
    /// let mut errors = ValidationErrors::new();
    /// let mut built = 0;
    /// for i in 0..MAX_ERRORS + 10 {
    ///     errors.push_with(|| {
    ///         built += 1;
    ///         FieldError::new(format!("/k{i}"), ErrorCode::UnknownField, "is not a known field")
    ///     });
    /// }
    /// assert_eq!((built, errors.len(), errors.dropped()), (MAX_ERRORS, MAX_ERRORS, 10));
    /// ```
    pub fn push_with(&mut self, make: impl FnOnce() -> FieldError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(make());
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    /// True when [`MAX_ERRORS`] errors are kept: further errors are only counted.
    #[must_use]
    pub fn is_full(&self) -> bool {
        self.errors.len() >= MAX_ERRORS
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
            type_: super::PROBLEM_TYPE,
            title: "Your request is not valid.",
            status: 400,
            detail,
            errors: self
                .errors
                .iter()
                .map(|e| ProblemEntry {
                    pointer: &e.pointer,
                    code: e.code,
                    detail: &e.detail,
                })
                .collect(),
        }
    }
}

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
    use super::MAX_ERRORS;
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
