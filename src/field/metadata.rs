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

/// A member's value, in create and in a patch: a string of at most [`MAX_VALUE_CHARS`]
/// characters; anything else is reported at the key (`expected` names what is accepted)
/// and gives `None`.
fn value_of(
    value: &Raw<'_>,
    key_at: At<'_>,
    expected: &'static str,
    errors: &mut ValidationErrors,
) -> Option<String> {
    match value {
        Raw::String(s) if s.chars().count() <= MAX_VALUE_CHARS => Some(s.to_string()),
        Raw::String(_) => {
            errors.push_with(|| {
                FieldError::new(
                    key_at.pointer(),
                    ErrorCode::TooLong,
                    format!(
                        "is too long: a metadata value holds at most {MAX_VALUE_CHARS} characters"
                    ),
                )
            });
            None
        }
        other => {
            reader::wrong_type(key_at, expected, other, errors);
            None
        }
    }
}

/// Checks one member's key, in create and in a patch: a valid metadata key, not seen
/// before in this object. Reports the problem at the key and answers `false` otherwise.
fn key_ok<'k>(
    key: &'k str,
    key_at: At<'_>,
    seen: &mut HashSet<&'k str>,
    errors: &mut ValidationErrors,
) -> bool {
    if !seen.insert(key) {
        errors.push_with(|| {
            FieldError::new(
                key_at.pointer(),
                ErrorCode::DuplicateField,
                "this metadata key appears more than once",
            )
        });
        return false;
    }
    if let Some(problem) = key_problem(key) {
        errors.push_with(|| {
            FieldError::new(
                key_at.pointer(),
                ErrorCode::InvalidMetadataKey,
                format!("a metadata key {problem}"),
            )
        });
        return false;
    }
    true
}

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
            if !key_ok(key, key_at, &mut seen, errors) {
                failed = true;
                continue;
            }
            match value_of(value, key_at, "a string", errors) {
                Some(v) => pairs.push((key.to_string(), v)),
                None => failed = true,
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

/// A merge patch of [`Metadata`] (RFC 7396, per key): `"metadata": null` clears every
/// pair; in an object, `"k": null` deletes `k` (a no-op when absent) and `"k": "v"` sets
/// it; other keys are untouched. A key the patch sets moves to the end, in the patch's
/// order, so that any metadata can be reached from any other (see
/// [`MetadataPatch::between`]). Keys and values follow the create rules; the number of
/// keys is checked on the merged result ([`MetadataPatch::merge`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct MetadataPatch {
    /// `"metadata": null`: every pair is deleted.
    clear: bool,
    /// The keys the patch touches, in its order: `None` deletes, `Some` sets.
    entries: Vec<(String, Option<String>)>,
}

/// A merged metadata with more than [`MAX_KEYS`] keys (`too_many_keys`), reported at the
/// first key the patch added past the limit.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error(
    "would be metadata key number {count}; at most {MAX_KEYS} are allowed: delete keys \
     (`\"key\": null`) in the same patch"
)]
struct TooManyMerged {
    count: usize,
}

impl crate::error::Coded for TooManyMerged {
    fn code(&self) -> ErrorCode {
        ErrorCode::TooManyKeys
    }
}

impl MetadataPatch {
    /// Reads a `metadata` member of a patch: absent changes nothing, `null` clears, an
    /// object's members delete (`null`) or set (a string, as in create) their key. Every
    /// violation is reported at `/metadata/<key>`.
    pub(crate) fn read(
        field: Field<'_, '_>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<MetadataPatch, Reported> {
        let members = match field {
            Field::Absent => return Ok(MetadataPatch::default()),
            Field::Null => {
                return Ok(MetadataPatch {
                    clear: true,
                    entries: Vec::new(),
                });
            }
            Field::Value(Raw::Object(members)) => members,
            Field::Value(other) => return Err(reader::wrong_type(at, "an object", other, errors)),
        };
        let mut failed = false;
        let mut seen = HashSet::with_capacity(members.len());
        let mut entries = Vec::with_capacity(members.len());
        for (key, value) in members {
            let key_at = at.child(key);
            if !key_ok(key, key_at, &mut seen, errors) {
                failed = true;
                continue;
            }
            if matches!(value, Raw::Null) {
                entries.push((key.to_string(), None));
                continue;
            }
            match value_of(value, key_at, "a string, or null to delete the key", errors) {
                Some(v) => entries.push((key.to_string(), Some(v))),
                None => failed = true,
            }
        }
        if failed {
            Err(Reported)
        } else {
            Ok(MetadataPatch {
                clear: false,
                entries,
            })
        }
    }

    /// True when it changes nothing (absent, or an empty object).
    pub(crate) fn is_empty(&self) -> bool {
        !self.clear && self.entries.is_empty()
    }

    /// The metadata after the patch: the stored pairs the patch neither deletes nor sets,
    /// in their order, then the pairs it sets, in its order. More than [`MAX_KEYS`] keys
    /// is `too_many_keys` at the first key the patch added past the limit (`at` is the
    /// metadata's pointer).
    pub(crate) fn merge(
        &self,
        stored: &Metadata,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<Metadata, Reported> {
        if self.clear {
            return Ok(Metadata::default());
        }
        if self.entries.is_empty() {
            return Ok(stored.clone());
        }
        let touched: HashSet<&str> = self.entries.iter().map(|(k, _)| k.as_str()).collect();
        let mut pairs: Vec<(String, String)> = stored
            .0
            .iter()
            .filter(|(k, _)| !touched.contains(k.as_str()))
            .cloned()
            .collect();
        // Stored keys the patch keeps or sets again, then each key it adds: the first
        // added key past the limit is where the error points.
        let deleted: HashSet<&str> = self
            .entries
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k.as_str())
            .collect();
        let mut count = stored
            .0
            .iter()
            .filter(|(k, _)| !deleted.contains(k.as_str()))
            .count();
        for (key, value) in &self.entries {
            let Some(value) = value else { continue };
            if stored.get(key).is_none() {
                count = count.saturating_add(1);
                if count > MAX_KEYS {
                    let error = TooManyMerged { count };
                    return Err(reader::rule_error(at.child(key), &error, errors));
                }
            }
            pairs.push((key.clone(), value.clone()));
        }
        Ok(Metadata(pairs))
    }

    /// The patch that turns `old` into `new`: `null` when `new` is empty (and `old` is
    /// not), else the keys of `old` that `new` lacks deleted, then every pair of `new`
    /// from the first one that `old` does not already hold in place set, in `new`'s order.
    pub(crate) fn between(old: &Metadata, new: &Metadata) -> MetadataPatch {
        if old == new {
            return MetadataPatch::default();
        }
        if new.is_empty() {
            return MetadataPatch {
                clear: true,
                entries: Vec::new(),
            };
        }
        // The longest prefix of `new` held by `old` with the same values, in order: left
        // untouched; the rest of `new` is set (and so moved to the end, in order).
        let mut kept = 0usize;
        let mut from = 0usize;
        for (key, value) in &new.0 {
            let found = old
                .0
                .iter()
                .skip(from)
                .position(|(k, v)| k == key && v == value);
            match found {
                Some(i) => {
                    from = from.saturating_add(i).saturating_add(1);
                    kept = kept.saturating_add(1);
                }
                None => break,
            }
        }
        let kept_keys: HashSet<&str> = new.0.iter().take(kept).map(|(k, _)| k.as_str()).collect();
        let mut entries: Vec<(String, Option<String>)> = old
            .0
            .iter()
            .filter(|(k, _)| !kept_keys.contains(k.as_str()) && new.get(k).is_none())
            .map(|(k, _)| (k.clone(), None))
            .collect();
        entries.extend(
            new.0
                .iter()
                .skip(kept)
                .map(|(k, v)| (k.clone(), Some(v.clone()))),
        );
        MetadataPatch {
            clear: false,
            entries,
        }
    }
}

/// `null` when it clears, else the object of its entries (`null` for a deleted key); an
/// empty patch is skipped by the containing struct (`skip_serializing_if`).
impl Serialize for MetadataPatch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.clear {
            return serializer.serialize_none();
        }
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
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
