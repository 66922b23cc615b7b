//! Free-form JSON objects kept exactly as sent: spec 003's `custom_data` and spec 002's
//! `payment_rules`.
//!
//! The value must be a JSON object. It is kept as JSON text, exactly as sent (key order,
//! duplicate keys, number spelling such as `1.50` or `1e3`, string escapes) except for
//! the whitespace between tokens, which is dropped. The limits, checked on that compact
//! text (`too_large` at the field's pointer):
//! - at most [`MAX_BYTES`] bytes;
//! - nesting at most [`MAX_DEPTH`] deep (the object itself is depth 1);
//! - at most [`MAX_MEMBERS`] object members in total, at every depth.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::{Coded, ErrorCode, ValidationErrors};
use crate::request::raw::{Kept, Raw};
use crate::request::reader::{self, At, Field, Reported};

/// The most bytes of compact JSON text.
pub const MAX_BYTES: usize = 8 * 1024;
/// The deepest nesting of objects and arrays (the object itself is depth 1).
pub const MAX_DEPTH: usize = 5;
/// The most object members, counted at every depth.
pub const MAX_MEMBERS: usize = 100;

/// A JSON object kept exactly as sent (whitespace between tokens dropped), bounded.
///
/// ```
/// use customer_core::JsonObject;
///
/// let data = JsonObject::parse(r#"{ "z": 1.50, "a": [1e3, {"b": null}] }"#).unwrap();
/// assert_eq!(data.as_str(), r#"{"z":1.50,"a":[1e3,{"b":null}]}"#);
/// assert_eq!(
///     serde_json::to_string(&data).unwrap(),
///     r#"{"z":1.50,"a":[1e3,{"b":null}]}"#
/// );
/// assert_eq!(JsonObject::parse("[1]").unwrap_err().code().as_str(), "invalid_type");
/// ```
#[derive(Clone)]
pub struct JsonObject(Box<RawValue>);

/// Why a JSON text is not a [`JsonObject`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonObjectError {
    /// Not JSON at all (`invalid_json`).
    #[error("is not valid JSON")]
    InvalidJson,
    /// JSON, but not an object (`invalid_type`).
    #[error("must be a JSON object")]
    NotAnObject,
    /// More than [`MAX_BYTES`] bytes (`too_large`).
    #[error("is larger than {MAX_BYTES} bytes")]
    TooManyBytes,
    /// Nested deeper than [`MAX_DEPTH`] (`too_large`).
    #[error("is nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
    /// More than [`MAX_MEMBERS`] members (`too_large`).
    #[error("has more than {MAX_MEMBERS} members in total")]
    TooManyMembers,
}

impl JsonObjectError {
    /// The stable code: `invalid_json`, `invalid_type` or `too_large`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            JsonObjectError::InvalidJson => ErrorCode::InvalidJson,
            JsonObjectError::NotAnObject => ErrorCode::InvalidType,
            _ => ErrorCode::TooLarge,
        }
    }
}

impl Coded for JsonObjectError {
    fn code(&self) -> ErrorCode {
        JsonObjectError::code(self)
    }
}

/// Drops the whitespace between tokens of valid JSON text and checks the limits in the
/// same pass.
fn compact(text: &str) -> Result<String, JsonObjectError> {
    let mut out = String::with_capacity(text.len().min(MAX_BYTES));
    let (mut in_string, mut escaped) = (false, false);
    let (mut depth, mut members) = (0usize, 0usize);
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else {
            match c {
                ' ' | '\t' | '\n' | '\r' => continue,
                '"' => in_string = true,
                '{' | '[' => {
                    depth = depth.saturating_add(1);
                    if depth > MAX_DEPTH {
                        return Err(JsonObjectError::TooDeep);
                    }
                }
                '}' | ']' => depth = depth.saturating_sub(1),
                ':' => {
                    members = members.saturating_add(1);
                    if members > MAX_MEMBERS {
                        return Err(JsonObjectError::TooManyMembers);
                    }
                }
                _ => {}
            }
        }
        if out.len().saturating_add(c.len_utf8()) > MAX_BYTES {
            return Err(JsonObjectError::TooManyBytes);
        }
        out.push(c);
    }
    Ok(out)
}

impl JsonObject {
    /// Parses JSON text that must be an object, within the limits.
    pub fn parse(text: &str) -> Result<JsonObject, JsonObjectError> {
        // Valid JSON first, so the compacting scan can trust the token structure.
        let raw: &RawValue =
            serde_json::from_str(text).map_err(|_| JsonObjectError::InvalidJson)?;
        if !raw.get().starts_with('{') {
            return Err(JsonObjectError::NotAnObject);
        }
        JsonObject::from_valid(raw.get())
    }

    /// From text already parsed as a JSON object.
    fn from_valid(text: &str) -> Result<JsonObject, JsonObjectError> {
        let compact = compact(text)?;
        RawValue::from_string(compact)
            .map(JsonObject)
            .map_err(|_| JsonObjectError::InvalidJson)
    }

    /// Reads an optional object field whose text was kept by the body parser: absent or
    /// `null` is `None`; another JSON type is `invalid_type`; over a limit is `too_large`.
    pub(crate) fn read(
        field: Field<'_, '_>,
        kept: Kept<'_>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<Option<JsonObject>, Reported> {
        match (field, kept) {
            (Field::Absent | Field::Null, _) => Ok(None),
            (Field::Value(Raw::Object(_)), Some(text)) => JsonObject::from_valid(text.get())
                .map(Some)
                .map_err(|e| reader::rule_error(at, &e, errors)),
            (Field::Value(Raw::Object(_)), None) => Err(reader::rule_error(
                at,
                &JsonObjectError::InvalidJson,
                errors,
            )),
            (Field::Value(other), _) => Err(reader::wrong_type(at, "an object", other, errors)),
        }
    }

    /// The compact JSON text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.get()
    }
}

impl PartialEq for JsonObject {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for JsonObject {}

impl Hash for JsonObject {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// Custom data may hold personal data: Debug shows only the size.
impl fmt::Debug for JsonObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JsonObject({} bytes)", self.as_str().len())
    }
}

/// Written verbatim into JSON (serde_json); formats that are not human-readable get the
/// JSON text as a string.
impl Serialize for JsonObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.0.serialize(serializer)
        } else {
            serializer.serialize_str(self.as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_exactly_but_compact() {
        let text = "{ \"b\" : \"x y\\\" }\" ,\n \"a\":[ 1.0 , -0, 1E+3 ], \"b\":{} }";
        assert_eq!(
            JsonObject::parse(text).unwrap().as_str(),
            r#"{"b":"x y\" }","a":[1.0,-0,1E+3],"b":{}}"#
        );
        assert_eq!(JsonObject::parse("{}").unwrap().as_str(), "{}");
    }

    #[test]
    fn limits() {
        let deep = "{\"a\":[[[{\"b\":1}]]]}";
        assert!(JsonObject::parse(deep).is_ok());
        let too_deep = "{\"a\":[[[{\"b\":[]}]]]}";
        assert_eq!(
            JsonObject::parse(too_deep).unwrap_err(),
            JsonObjectError::TooDeep
        );
        let members: Vec<String> = (0..101).map(|i| format!("\"k{i}\":0")).collect();
        assert_eq!(
            JsonObject::parse(&format!("{{{}}}", members.join(","))).unwrap_err(),
            JsonObjectError::TooManyMembers
        );
        assert!(JsonObject::parse(&format!("{{{}}}", members[..100].join(","))).is_ok());
        let big = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_BYTES));
        assert_eq!(
            JsonObject::parse(&big).unwrap_err(),
            JsonObjectError::TooManyBytes
        );
        // Whitespace does not count.
        let spaced = format!("{{\"a\":{}1}}", " ".repeat(MAX_BYTES));
        assert!(JsonObject::parse(&spaced).is_ok());
        assert_eq!(
            JsonObject::parse("{").unwrap_err(),
            JsonObjectError::InvalidJson
        );
        assert_eq!(
            JsonObject::parse(" 5").unwrap_err(),
            JsonObjectError::NotAnObject
        );
    }
}
