//! Metadata (spec 002's `metadata`): key-value pairs the merchant attaches to a customer.
//!
//! The limits are Stripe's, which spec 002 alludes to without stating them:
//! - at most [`MAX_KEYS`] keys (`too_many_keys` at `/metadata`);
//! - a key is 1 to [`MAX_KEY_CHARS`] characters without `[`, `]` or a character that
//!   does not print (`invalid_metadata_key` at `/metadata/<key>`);
//! - a value is a string (`invalid_type`, `null` included) of at most
//!   [`MAX_VALUE_CHARS`] characters (`too_long`), kept as sent (an empty string too);
//! - a key sent twice is `duplicate_field`.
//!
//! Every violation is reported at its own pointer, all at once. Pairs keep their input
//! order. Absent or `null` metadata is empty metadata, serialized as `{}`.

use std::collections::HashSet;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::{ErrorCode, FieldError, ValidationErrors};
use crate::request::raw::Raw;
use crate::request::reader::{self, At, Field, Reported};

/// The most keys in one metadata object.
pub const MAX_KEYS: usize = 50;
/// The most characters in a metadata key.
pub const MAX_KEY_CHARS: usize = 40;
/// The most characters in a metadata value.
pub const MAX_VALUE_CHARS: usize = 500;

/// Validated metadata: string keys and values, in input order.
///
/// ```
/// use customer_core::Metadata;
///
/// let metadata = Metadata::new([("order_id", "ord_789012")]).unwrap();
/// assert_eq!(metadata.get("order_id"), Some("ord_789012"));
/// assert_eq!(serde_json::to_string(&metadata).unwrap(), r#"{"order_id":"ord_789012"}"#);
/// assert!(Metadata::new([("a[0]", "x")]).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Metadata(Vec<(String, String)>);

/// Why a key is not a metadata key (`invalid_metadata_key`).
fn key_problem(key: &str) -> Option<&'static str> {
    let mut count = 0usize;
    for c in key.chars() {
        count = count.saturating_add(1);
        if c == '[' || c == ']' {
            return Some("must not contain `[` or `]`");
        }
        if crate::field::full_name::is_unprintable(c) {
            return Some("must hold printable characters only");
        }
    }
    if count == 0 {
        return Some("must not be empty");
    }
    if count > MAX_KEY_CHARS {
        return Some("is longer than 40 characters");
    }
    None
}

impl Metadata {
    /// Builds metadata from pairs, with the same checks as a request (the first error).
    pub fn new<'k>(
        pairs: impl IntoIterator<Item = (&'k str, &'k str)>,
    ) -> Result<Metadata, ValidationErrors> {
        let raw = Raw::Object(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), Raw::String(v.into())))
                .collect(),
        );
        let mut errors = ValidationErrors::new();
        let read = Metadata::read(Field::Value(&raw), At::ROOT, &mut errors);
        reader::finish(read, errors)
    }

    /// Reads a metadata field at `at`, reporting every violation at its own pointer.
    pub(crate) fn read(
        field: Field<'_, '_>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<Metadata, Reported> {
        let members = match field {
            Field::Absent | Field::Null => return Ok(Metadata::default()),
            Field::Value(Raw::Object(members)) => members,
            Field::Value(other) => return Err(reader::wrong_type(at, "an object", other, errors)),
        };
        let mut failed = false;
        if members.len() > MAX_KEYS {
            failed = true;
            let n = members.len();
            errors.push_with(|| {
                FieldError::new(
                    at.pointer(),
                    ErrorCode::TooManyKeys,
                    format!("has {n} keys; at most {MAX_KEYS} are allowed"),
                )
            });
        }
        let mut seen = HashSet::with_capacity(members.len().min(MAX_KEYS));
        let mut pairs = Vec::with_capacity(members.len().min(MAX_KEYS));
        for (key, value) in members {
            let key_at = at.child(key);
            if !seen.insert(key.as_ref()) {
                failed = true;
                errors.push_with(|| {
                    FieldError::new(
                        key_at.pointer(),
                        ErrorCode::DuplicateField,
                        "this metadata key appears more than once",
                    )
                });
                continue;
            }
            if let Some(problem) = key_problem(key) {
                failed = true;
                errors.push_with(|| {
                    FieldError::new(
                        key_at.pointer(),
                        ErrorCode::InvalidMetadataKey,
                        format!("a metadata key {problem}"),
                    )
                });
                continue;
            }
            match value {
                Raw::String(s) if s.chars().count() <= MAX_VALUE_CHARS => {
                    pairs.push((key.to_string(), s.to_string()));
                }
                Raw::String(_) => {
                    failed = true;
                    errors.push_with(|| {
                        FieldError::new(
                            key_at.pointer(),
                            ErrorCode::TooLong,
                            format!("is too long: a metadata value holds at most {MAX_VALUE_CHARS} characters"),
                        )
                    });
                }
                other => {
                    failed = true;
                    reader::wrong_type(key_at, "a string", other, errors);
                }
            }
        }
        if failed {
            Err(Reported)
        } else {
            Ok(Metadata(pairs))
        }
    }

    /// The value of `key`, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The pairs, in input order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// How many pairs.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no pair.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Metadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Metadata, Vec<(String, &'static str)>> {
        let raw: Raw<'_> = serde_json::from_str(json).unwrap();
        let mut errors = ValidationErrors::new();
        let at = At::ROOT;
        let metadata = at.child("metadata");
        let read = Metadata::read(Field::Value(&raw), metadata, &mut errors);
        reader::finish(read, errors).map_err(|e| {
            e.iter()
                .map(|e| (e.pointer().to_owned(), e.code().as_str()))
                .collect()
        })
    }

    #[test]
    fn spec_002_example_and_order() {
        let m = read(r#"{"customer_id":"cust_123456","order_id":"ord_789012"}"#).unwrap();
        assert_eq!(
            m.iter().collect::<Vec<_>>(),
            [("customer_id", "cust_123456"), ("order_id", "ord_789012")]
        );
        assert_eq!(read(r#"{"k":""}"#).unwrap().get("k"), Some(""));
    }

    #[test]
    fn every_violation_at_its_pointer() {
        let long_key = "k".repeat(41);
        let long_value = "v".repeat(501);
        let json = format!(
            r#"{{"ok":"1","{long_key}":"x","a[b]":"x","":"x","n":5,"z":null,"v":"{long_value}","ok":"2"}}"#
        );
        assert_eq!(
            read(&json).unwrap_err(),
            [
                (format!("/metadata/{long_key}"), "invalid_metadata_key"),
                ("/metadata/a[b]".into(), "invalid_metadata_key"),
                ("/metadata/".into(), "invalid_metadata_key"),
                ("/metadata/n".into(), "invalid_type"),
                ("/metadata/z".into(), "invalid_type"),
                ("/metadata/v".into(), "too_long"),
                ("/metadata/ok".into(), "duplicate_field"),
            ]
        );
        assert!(read(&format!(r#"{{"{}":"x"}}"#, "k".repeat(40))).is_ok());
        assert!(read(&format!(r#"{{"v":"{}"}}"#, "é".repeat(500))).is_ok());
    }

    #[test]
    fn at_most_fifty_keys() {
        let pairs: Vec<String> = (0..51).map(|i| format!(r#""k{i}":"v""#)).collect();
        let json = format!("{{{}}}", pairs.join(","));
        assert_eq!(
            read(&json).unwrap_err(),
            [("/metadata".into(), "too_many_keys")]
        );
        let json = format!("{{{}}}", pairs[..50].join(","));
        assert_eq!(read(&json).unwrap().len(), 50);
    }
}
