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

/// The top-level members of a compact, valid JSON object's text, each as its key's text
/// (quotes and escapes as written) and its value's text.
fn members(text: &str) -> Vec<(&str, &str)> {
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or("");
    let mut out = Vec::new();
    if inner.is_empty() {
        return out;
    }
    let (mut in_string, mut escaped) = (false, false);
    let mut depth = 0usize;
    let (mut start, mut colon) = (0usize, None);
    let mut push = |start: usize, colon: Option<usize>, end: usize| {
        if let Some(colon) = colon
            && let (Some(key), Some(value)) = (
                inner.get(start..colon),
                inner.get(colon.saturating_add(1)..end),
            )
        {
            out.push((key, value));
        }
    };
    for (i, b) in inner.bytes().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth = depth.saturating_add(1),
            b'}' | b']' => depth = depth.saturating_sub(1),
            b':' if depth == 0 && colon.is_none() => colon = Some(i),
            b',' if depth == 0 => {
                push(start, colon, i);
                start = i.saturating_add(1);
                colon = None;
            }
            _ => {}
        }
    }
    push(start, colon, inner.len());
    out
}

/// A member's key, decoded (its text when it does not decode, which valid JSON excludes).
fn decode_key(text: &str) -> String {
    serde_json::from_str::<String>(text).unwrap_or_else(|_| text.to_owned())
}

/// One member a [`CustomDataPatch`] touches: its decoded key, the key's text as sent, and
/// the new value's compact text (`None` deletes the key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PatchMember {
    key: String,
    key_text: String,
    value: Option<String>,
}

/// A merge patch of an optional [`JsonObject`] (`custom_data`), per top-level key: absent
/// keeps it, `null` clears it, an object's members delete (`null`) or set (any other
/// value, kept exactly as sent and replacing the stored value whole) their key. A key the
/// patch sets moves to the end, in the patch's order. Applied to no object, the patch's
/// object starts an empty one (RFC 7396). The limits are checked on the merged object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) enum CustomDataPatch {
    /// The member is absent.
    #[default]
    Keep,
    /// `null`: no object any more.
    Clear,
    /// An object: its members, in order.
    Merge(Vec<PatchMember>),
}

impl CustomDataPatch {
    /// Reads the member whose text the body parser kept: `null` clears, an object's
    /// members are sorted into deletions and sets (a key twice is `duplicate_field` at
    /// `/custom_data/<key>`), another JSON type is `invalid_type`, an object over the
    /// limits `too_large`.
    pub(crate) fn read(
        field: Field<'_, '_>,
        kept: Kept<'_>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<CustomDataPatch, Reported> {
        let text = match (field, kept) {
            (Field::Absent, _) => return Ok(CustomDataPatch::Keep),
            (Field::Null, _) => return Ok(CustomDataPatch::Clear),
            (Field::Value(Raw::Object(_)), Some(text)) => text.get(),
            (Field::Value(Raw::Object(_)), None) => {
                return Err(reader::rule_error(
                    at,
                    &JsonObjectError::InvalidJson,
                    errors,
                ));
            }
            (Field::Value(other), _) => {
                return Err(reader::wrong_type(at, "an object", other, errors));
            }
        };
        let compact = compact(text).map_err(|e| reader::rule_error(at, &e, errors))?;
        let mut failed = false;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (key_text, value) in members(&compact) {
            let key = decode_key(key_text);
            if !seen.insert(key.clone()) {
                failed = true;
                errors.push_with(|| {
                    crate::error::FieldError::new(
                        at.child(&key).pointer(),
                        ErrorCode::DuplicateField,
                        "this custom_data key appears more than once in the patch",
                    )
                });
                continue;
            }
            out.push(PatchMember {
                key,
                key_text: key_text.to_owned(),
                value: (value != "null").then(|| value.to_owned()),
            });
        }
        if failed {
            Err(Reported)
        } else {
            Ok(CustomDataPatch::Merge(out))
        }
    }

    /// True when the member is absent from the patch.
    pub(crate) fn is_keep(&self) -> bool {
        matches!(self, CustomDataPatch::Keep)
    }

    /// The object after the patch: the stored members whose key the patch does not touch,
    /// in their order, then the members it sets, in its order. Over the limits is
    /// `too_large` at `at`.
    pub(crate) fn merge(
        &self,
        stored: Option<&JsonObject>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<Option<JsonObject>, Reported> {
        let touched = match self {
            CustomDataPatch::Keep => return Ok(stored.cloned()),
            CustomDataPatch::Clear => return Ok(None),
            CustomDataPatch::Merge(touched) => touched,
        };
        let mut text = String::from("{");
        let mut first = true;
        let mut add = |key: &str, value: &str| {
            if !first {
                text.push(',');
            }
            first = false;
            text.push_str(key);
            text.push(':');
            text.push_str(value);
        };
        for (key_text, value) in stored.map(|s| members(s.as_str())).unwrap_or_default() {
            let key = decode_key(key_text);
            if !touched.iter().any(|m| m.key == key) {
                add(key_text, value);
            }
        }
        for member in touched {
            if let Some(value) = &member.value {
                add(&member.key_text, value);
            }
        }
        text.push('}');
        JsonObject::from_valid(&text)
            .map(Some)
            .map_err(|e| reader::rule_error(at, &e, errors))
    }

    /// The patch that turns `old` into `new`: `null` when `new` is absent, else the keys
    /// of `old` that `new` lacks deleted, then every member of `new` from the first one
    /// `old` does not already hold in place set, in order. Exact unless `new` has a key
    /// twice or a top-level `null` value (which a merge patch cannot express).
    pub(crate) fn between(old: Option<&JsonObject>, new: Option<&JsonObject>) -> CustomDataPatch {
        let new = match (old, new) {
            (old, new) if old == new => return CustomDataPatch::Keep,
            (_, None) => return CustomDataPatch::Clear,
            (_, Some(new)) => members(new.as_str()),
        };
        let old = old.map(|o| members(o.as_str())).unwrap_or_default();
        let mut kept = 0usize;
        let mut from = 0usize;
        for member in &new {
            match old.iter().skip(from).position(|m| m == member) {
                Some(i) => {
                    from = from.saturating_add(i).saturating_add(1);
                    kept = kept.saturating_add(1);
                }
                None => break,
            }
        }
        let kept_keys: Vec<String> = new.iter().take(kept).map(|(k, _)| decode_key(k)).collect();
        let new_keys: Vec<String> = new.iter().map(|(k, _)| decode_key(k)).collect();
        let mut out: Vec<PatchMember> = Vec::new();
        for (key_text, _) in &old {
            let key = decode_key(key_text);
            if !kept_keys.contains(&key)
                && !new_keys.contains(&key)
                && !out.iter().any(|m| m.key == key)
            {
                out.push(PatchMember {
                    key,
                    key_text: (*key_text).to_owned(),
                    value: None,
                });
            }
        }
        out.extend(new.iter().skip(kept).map(|(key_text, value)| PatchMember {
            key: decode_key(key_text),
            key_text: (*key_text).to_owned(),
            value: Some((*value).to_owned()),
        }));
        CustomDataPatch::Merge(out)
    }

    /// The patch's object as JSON text (`null` for a deleted key).
    fn text(members: &[PatchMember]) -> String {
        let mut text = String::from("{");
        for (i, m) in members.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&m.key_text);
            text.push(':');
            text.push_str(m.value.as_deref().unwrap_or("null"));
        }
        text.push('}');
        text
    }
}

/// `null` when it clears, else its object, keys and values as sent; `Keep` is skipped by
/// the containing struct.
impl Serialize for CustomDataPatch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CustomDataPatch::Keep | CustomDataPatch::Clear => serializer.serialize_none(),
            CustomDataPatch::Merge(members) => {
                let text = CustomDataPatch::text(members);
                if serializer.is_human_readable() {
                    let raw = RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
                    raw.serialize(serializer)
                } else {
                    serializer.serialize_str(&text)
                }
            }
        }
    }
}

impl std::str::FromStr for JsonObject {
    type Err = JsonObjectError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JsonObject::parse(s)
    }
}

impl TryFrom<&str> for JsonObject {
    type Error = JsonObjectError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        JsonObject::parse(s)
    }
}

impl TryFrom<String> for JsonObject {
    type Error = JsonObjectError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        JsonObject::parse(&s)
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
    #[test]
    fn from_str_and_try_from_share_parse() {
        let text = r#"{"a": 1.50}"#;
        let parsed: super::JsonObject = text.parse().unwrap();
        assert_eq!(super::JsonObject::try_from(text).unwrap(), parsed);
        assert_eq!(
            super::JsonObject::try_from(text.to_owned()).unwrap(),
            parsed
        );
        assert_eq!(
            "[1]".parse::<super::JsonObject>().unwrap_err(),
            super::JsonObject::parse("[1]").unwrap_err()
        );
    }

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
    fn members_split_at_the_top_level_only() {
        let text = r#"{"a,b":"x:y,{","c\"d":[1,{"e":2}],"f":{"g":"}"},"h":null}"#;
        assert_eq!(
            members(text),
            [
                (r#""a,b""#, r#""x:y,{""#),
                (r#""c\"d""#, r#"[1,{"e":2}]"#),
                (r#""f""#, r#"{"g":"}"}"#),
                (r#""h""#, "null"),
            ]
        );
        assert_eq!(decode_key(r#""c\"d""#), "c\"d");
        assert!(members("{}").is_empty());
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
