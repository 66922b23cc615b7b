//! JSON Merge Patch (RFC 7396) for updates, shared by every profile, and the version
//! precondition that keeps two edits from overwriting each other.
//!
//! A profile adds an update by declaring a [`PatchSchema`]: its object's names (in the
//! order errors are reported) and which of them are read-only. [`PatchSchema::document`]
//! sorts a patch's members into slots (unknown and duplicate names reported as in
//! create, every read-only name present reported as `read_only`); the profile reads each
//! editable slot with [`required`] (absent keeps, `null` is `required`), [`optional`]
//! (absent keeps, `null` or blank clears) or [`object`] (a nested object merges), keeping
//! each as a [`Change`]; its `apply` merges the changes into the stored record and runs
//! the whole-record rules on the result.
//!
//! The precondition is generic too: a record that is [`Versioned`] has a content
//! [`Version`] (a strong ETag) and an `updated_at`; a [`Precondition`] built from the
//! client's `If-Match` header or the `updated_at` it saw is checked purely against the
//! stored record, and a mismatch is a 412 problem ([`PreconditionFailed`]).

use std::fmt;
use std::io;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::error::{Coded, ErrorCode, FieldError, Problem, ProblemEntry, ValidationErrors};
use crate::field::timestamp::Timestamp;
use crate::request::document::Document;
use crate::request::raw::Raw;
use crate::request::reader::{self, At, Field, Reported, Schema};

/// `version()` (the content's [`Version`], for `ETag` headers and [`Precondition`]s) and
/// [`Versioned`] for a stored customer type with `updated_at()`.
macro_rules! versioned {
    ($customer:ty) => {
        impl $customer {
            /// The version of this customer's content, for `ETag` headers and
            /// [`Precondition`](crate::Precondition)s: any change (`updated_at` included)
            /// gives another one.
            #[must_use]
            pub fn version(&self) -> $crate::request::patch::Version {
                $crate::request::patch::Version::of(self)
            }
        }

        impl $crate::request::patch::Versioned for $customer {
            fn version(&self) -> $crate::request::patch::Version {
                <$customer>::version(self)
            }

            fn updated_at(&self) -> $crate::field::timestamp::Timestamp {
                <$customer>::updated_at(self)
            }
        }
    };
}
pub(crate) use versioned;

/// What a patch does to one field: leave it (member absent), clear it (`null`, or a blank
/// optional text), or set it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) enum Change<T> {
    /// The member is absent: the field is unchanged.
    #[default]
    Keep,
    /// `null`: the optional field is cleared.
    Clear,
    /// A new value.
    Set(T),
}

impl<T: Clone + PartialEq> Change<T> {
    /// True when the field is left as it is (skipped when serialized).
    pub(crate) fn is_keep(&self) -> bool {
        matches!(self, Change::Keep)
    }

    /// The field's value after the change.
    pub(crate) fn merge(&self, current: Option<&T>) -> Option<T> {
        match self {
            Change::Keep => current.cloned(),
            Change::Clear => None,
            Change::Set(value) => Some(value.clone()),
        }
    }

    /// The change that turns `old` into `new` (`Keep` when they are equal).
    pub(crate) fn between(old: Option<&T>, new: Option<&T>) -> Self {
        match (old, new) {
            (old, new) if old == new => Change::Keep,
            (_, None) => Change::Clear,
            (_, Some(new)) => Change::Set(new.clone()),
        }
    }
}

/// `null` for [`Change::Clear`], the value for [`Change::Set`]; [`Change::Keep`] is
/// skipped by the containing struct (`skip_serializing_if = "Change::is_keep"`).
impl<T: Serialize> Serialize for Change<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Change::Keep | Change::Clear => serializer.serialize_none(),
            Change::Set(value) => serializer.serialize_some(value),
        }
    }
}

/// The new value of a required field: `None` when it is unchanged (or equal).
pub(crate) fn set_if_changed<T: Clone + PartialEq>(old: &T, new: &T) -> Option<T> {
    (old != new).then(|| new.clone())
}

/// A patch's schema: the record's names, in the order errors are reported, and those of
/// them that a patch may not change.
#[derive(Debug)]
pub(crate) struct PatchSchema<const N: usize> {
    names: Schema<N>,
    read_only: &'static [&'static str],
}

impl<const N: usize> PatchSchema<N> {
    /// The record's member names and its read-only ones (each also in `names`).
    pub(crate) const fn new(names: [&'static str; N], read_only: &'static [&'static str]) -> Self {
        PatchSchema {
            names: Schema::fields(names),
            read_only,
        }
    }

    /// The record's names, for [`document::read`](crate::request::document::read).
    pub(crate) const fn names(&self) -> &Schema<N> {
        &self.names
    }

    /// The same schema, with `integers` read from their text (see [`Schema::integers`]).
    pub(crate) const fn integers(self, integers: &'static [&'static str]) -> Self {
        PatchSchema {
            names: self.names.integers(integers),
            read_only: self.read_only,
        }
    }

    /// Sorts a patch document's members into slots. Unknown and duplicate names are
    /// reported first (input order), then each read-only name present (`read_only`, in
    /// schema order, whatever its value, `null` included); read-only slots come back
    /// empty, and the error list is no longer empty, so [`reader::finish`] refuses the
    /// patch while the other fields are still read and reported. A document that is not
    /// an object is one `invalid_type` error: a merge patch that replaces the whole record
    /// is not an update.
    pub(crate) fn document<'r, 'a>(
        &self,
        document: &'r Document<'a, N>,
        errors: &mut ValidationErrors,
    ) -> Result<[Option<&'r Raw<'a>>; N], Reported> {
        let mut slots = document.slots(errors)?;
        for (i, slot) in slots.iter_mut().enumerate() {
            let name = self.names.name(i);
            if slot.is_some() && self.read_only.contains(&name) {
                *slot = None;
                read_only(At::ROOT.child(name), errors);
            }
        }
        Ok(slots)
    }
}

/// `id`, `created_at`… in a patch (`read_only`).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("is read-only: the API sets it; remove it from the patch")]
struct ReadOnly;

impl Coded for ReadOnly {
    fn code(&self) -> ErrorCode {
        ErrorCode::ReadOnly
    }
}

/// Reports a read-only member present in a patch.
fn read_only(at: At<'_>, errors: &mut ValidationErrors) -> Reported {
    reader::rule_error(at, &ReadOnly, errors)
}

/// Reads a required field of a patch: absent is `Ok(None)` (unchanged); `null`, blank or
/// a wrong type is reported as in create; a value is parsed with its rule.
pub(crate) fn required<'r, 'a: 'r, T, E: Coded>(
    field: impl Into<Field<'r, 'a>>,
    at: At<'_>,
    errors: &mut ValidationErrors,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, Reported> {
    match field.into() {
        Field::Absent => Ok(None),
        field => reader::required(field, at, errors, parse).map(Some),
    }
}

/// Reads an optional field of a patch: absent keeps it, `null` clears it, and a value is
/// parsed with its rule (a rule that reads a blank value as `None` clears it too, as in
/// create).
pub(crate) fn optional<'r, 'a: 'r, T, E: Coded>(
    field: impl Into<Field<'r, 'a>>,
    at: At<'_>,
    errors: &mut ValidationErrors,
    parse: impl FnOnce(Option<&str>) -> Result<Option<T>, E>,
) -> Result<Change<T>, Reported> {
    match field.into() {
        Field::Absent => Ok(Change::Keep),
        Field::Null => Ok(Change::Clear),
        field => Ok(reader::optional(field, at, errors, parse)?.map_or(Change::Clear, Change::Set)),
    }
}

/// [`optional`] for a text field whose rule has no blank form: absent keeps it, `null` or
/// a blank string clears it, and anything else is parsed with `parse`.
pub(crate) fn optional_text<'r, 'a: 'r, T, E: Coded>(
    field: impl Into<Field<'r, 'a>>,
    at: At<'_>,
    errors: &mut ValidationErrors,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Change<T>, Reported> {
    match field.into() {
        Field::Absent => Ok(Change::Keep),
        Field::Null => Ok(Change::Clear),
        field => {
            Ok(reader::optional_text(field, at, errors, parse)?.map_or(Change::Clear, Change::Set))
        }
    }
}

/// Reads a nested object of a patch, which merges: absent keeps it, a value's members are
/// sorted into `schema`'s slots (to be read with [`required`] and [`optional`]), `null`
/// clears it when it is optional and is `required` otherwise.
pub(crate) fn object<'r, 'a, const N: usize>(
    field: impl Into<Field<'r, 'a>>,
    schema: &Schema<N>,
    at: At<'_>,
    required: bool,
    errors: &mut ValidationErrors,
) -> Result<Change<[Option<&'r Raw<'a>>; N]>, Reported> {
    match field.into() {
        Field::Absent => Ok(Change::Keep),
        Field::Null if !required => Ok(Change::Clear),
        field => {
            Ok(reader::object(field, schema, at, true, errors)?.map_or(Change::Keep, Change::Set))
        }
    }
}

/// A record with a version for preconditions: every profile's stored object.
pub trait Versioned {
    /// The version of the record's current content (its strong ETag).
    fn version(&self) -> Version;
    /// When the record was last changed.
    fn updated_at(&self) -> Timestamp;
}

/// The characters of a version between its quotes.
const VERSION_CHARS: usize = 22;

/// A record's version: a digest of its whole content (as it serializes), shown as a
/// strong ETag, `"` + 22 URL-safe base64 characters + `"`. Any change to any field,
/// `updated_at` included, gives another version; equal content gives the same one.
///
/// ```
/// use customer_core::Version;
///
/// let v: Version = "\"AAAAAAAAAAAAAAAAAAAAAA\"".parse().unwrap();
/// assert_eq!(v.to_string(), "\"AAAAAAAAAAAAAAAAAAAAAA\"");
/// assert!("AAAAAAAAAAAAAAAAAAAAAA".parse::<Version>().is_err()); // an ETag has quotes
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Version([u8; 16]);

/// Domain separation for the version digest.
const VERSION_CONTEXT: &[u8] = b"customer-core version v1\0";

/// Feeds serialized bytes into the digest without a buffer.
struct DigestWriter(Sha256);

impl io::Write for DigestWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Version {
    /// The version of a record: a digest of its JSON serialization.
    pub(crate) fn of<T: Serialize + ?Sized>(record: &T) -> Version {
        let mut writer = DigestWriter(Sha256::new());
        writer.0.update(VERSION_CONTEXT);
        // Our records always serialize; were one not to, the marker keeps its digest apart.
        if serde_json::to_writer(&mut writer, record).is_err() {
            writer.0.update(b"\0unserializable");
        }
        let digest = writer.0.finalize();
        let mut bytes = [0u8; 16];
        for (b, d) in bytes.iter_mut().zip(digest.iter()) {
            *b = *d;
        }
        Version(bytes)
    }

    /// Reads a version from its ETag form (`"…"`, as [`Display`](fmt::Display) writes it).
    pub fn parse(input: &str) -> Result<Version, VersionError> {
        let inner = input
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .ok_or(VersionError)?;
        if inner.len() != VERSION_CHARS {
            return Err(VersionError);
        }
        let mut bytes = [0u8; 16];
        match URL_SAFE_NO_PAD.decode_slice(inner, &mut bytes) {
            Ok(16) => Ok(Version(bytes)),
            _ => Err(VersionError),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", URL_SAFE_NO_PAD.encode(self.0))
    }
}

impl fmt::Debug for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Version({self})")
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl std::str::FromStr for Version {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Version::parse(s)
    }
}

impl TryFrom<&str> for Version {
    type Error = VersionError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Version::parse(s)
    }
}

impl TryFrom<String> for Version {
    type Error = VersionError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Version::parse(&s)
    }
}

/// The string is not a [`Version`] in its ETag form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("is not a version of this API: expected a quoted ETag such as \"AAAAAAAAAAAAAAAAAAAAAA\"")]
pub struct VersionError;

/// The longest `If-Match` header read, and the most entries in it.
const MAX_IF_MATCH_BYTES: usize = 1024;
const MAX_IF_MATCH_ENTRIES: usize = 16;

/// The version a client saw, to be checked against the stored record before an update
/// (RFC 9110's `If-Match`, or the `updated_at` the client read).
///
/// ```
/// use customer_core::{Customer, Precondition, Timestamp};
///
/// let stored = Customer::from_json(br#"{"id":"6f7e1e7f-93d1-4fcc-b7a4-738f869615c8",
///   "first_name":"Ada","last_name":"Obi","email":"ada@example.com",
///   "phone_number":"+2348012345678",
///   "billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"},
///   "created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-05T08:00:00Z"}"#).unwrap();
/// let etag = stored.version().to_string();
/// assert!(Precondition::if_match(&etag).unwrap().check(&stored).is_ok());
/// assert!(Precondition::if_match(&format!("W/\"x\", {etag}")).unwrap().check(&stored).is_ok());
/// let old = Precondition::updated_at(Timestamp::parse("2024-03-01T12:00:00Z").unwrap());
/// assert!(old.check(&stored).is_err());
///
/// let errors = Precondition::if_match("AAAA").unwrap_err();
/// assert_eq!(errors.iter().next().unwrap().code().as_str(), "invalid_precondition");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precondition(Expected);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expected {
    /// `If-Match: *`: the record exists.
    Any,
    /// The strong ETags of this API's form in an `If-Match` list (weak and foreign ones
    /// never match, so they are not kept).
    Versions(Vec<Version>),
    /// The `updated_at` the client saw.
    UpdatedAt(Timestamp),
}

/// `If-Match` is not an entity-tag list (`invalid_precondition`).
#[derive(Debug, Clone, Copy, thiserror::Error)]
enum IfMatchError {
    #[error("If-Match is longer than {MAX_IF_MATCH_BYTES} bytes")]
    TooLong,
    #[error("If-Match has more than {MAX_IF_MATCH_ENTRIES} entity tags")]
    TooMany,
    #[error(
        "If-Match must be `*` or a list of quoted entity tags such as \"AAAAAAAAAAAAAAAAAAAAAA\""
    )]
    Syntax,
}

impl Coded for IfMatchError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidPrecondition
    }
}

/// One entity tag (RFC 9110 §8.8.3): `"…"` or `W/"…"`, without `"` or controls inside.
/// `Some(version)` for a strong tag of our form, `None` for any other valid tag.
fn entity_tag(tag: &str) -> Result<Option<Version>, IfMatchError> {
    let (weak, quoted) = match tag.strip_prefix("W/") {
        Some(rest) => (true, rest),
        None => (false, tag),
    };
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or(IfMatchError::Syntax)?;
    if inner.bytes().any(|b| b == b'"' || b < 0x21 || b == 0x7f) {
        return Err(IfMatchError::Syntax);
    }
    Ok(if weak {
        None
    } else {
        Version::parse(quoted).ok()
    })
}

impl Precondition {
    /// Reads an `If-Match` header value: `*`, or a comma-separated list of entity tags
    /// (at most 16, 1 KiB). Weak tags and tags of other forms are valid but never match
    /// (If-Match compares strongly). Anything else is one `invalid_precondition` error at
    /// the document (a header has no JSON Pointer).
    pub fn if_match(header: &str) -> Result<Precondition, ValidationErrors> {
        Precondition::read_if_match(header).map_err(|e| FieldError::from_err("", &e).into())
    }

    fn read_if_match(header: &str) -> Result<Precondition, IfMatchError> {
        if header.len() > MAX_IF_MATCH_BYTES {
            return Err(IfMatchError::TooLong);
        }
        let header = header.trim_matches([' ', '\t']);
        if header == "*" {
            return Ok(Precondition(Expected::Any));
        }
        let mut versions = Vec::new();
        let mut entries = 0usize;
        for tag in header.split(',').map(|t| t.trim_matches([' ', '\t'])) {
            if tag.is_empty() {
                continue;
            }
            entries = entries.saturating_add(1);
            if entries > MAX_IF_MATCH_ENTRIES {
                return Err(IfMatchError::TooMany);
            }
            versions.extend(entity_tag(tag)?);
        }
        if entries == 0 {
            return Err(IfMatchError::Syntax);
        }
        Ok(Precondition(Expected::Versions(versions)))
    }

    /// The record must still have this version.
    #[must_use]
    pub fn version(version: Version) -> Precondition {
        Precondition(Expected::Versions(vec![version]))
    }

    /// The record's `updated_at` must still be this one (the value the client read).
    #[must_use]
    pub fn updated_at(updated_at: Timestamp) -> Precondition {
        Precondition(Expected::UpdatedAt(updated_at))
    }

    /// Checks the stored record: `Err` when it changed since the client read it. Check it
    /// before reading the patch (RFC 9110 §13.2.1: preconditions come before the content).
    pub fn check<R: Versioned + ?Sized>(&self, stored: &R) -> Result<(), PreconditionFailed> {
        let holds = match &self.0 {
            Expected::Any => true,
            Expected::Versions(versions) => versions.contains(&stored.version()),
            Expected::UpdatedAt(t) => stored.updated_at() == *t,
        };
        if holds {
            Ok(())
        } else {
            Err(PreconditionFailed {
                by_updated_at: matches!(self.0, Expected::UpdatedAt(_)),
            })
        }
    }
}

/// The `type` of precondition problems (412).
pub const PRECONDITION_PROBLEM_TYPE: &str = "/problems/precondition-failed";

/// The stored record changed since the client read it (`precondition_failed`, 412).
///
/// ```
/// use customer_core::{Customer, Precondition};
///
/// let stored = Customer::from_json(br#"{"id":"6f7e1e7f-93d1-4fcc-b7a4-738f869615c8",
///   "first_name":"Ada","last_name":"Obi","email":"ada@example.com",
///   "phone_number":"+2348012345678",
///   "billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"},
///   "created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-05T08:00:00Z"}"#).unwrap();
/// let seen = Precondition::if_match("\"AAAAAAAAAAAAAAAAAAAAAA\"").unwrap();
/// let failed = seen.check(&stored).unwrap_err();
/// let body = serde_json::to_value(failed.to_problem()).unwrap();
/// assert_eq!(body["status"], 412);
/// assert_eq!(body["type"], "/problems/precondition-failed");
/// assert_eq!(body["errors"][0]["code"], "precondition_failed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreconditionFailed {
    by_updated_at: bool,
}

impl PreconditionFailed {
    /// Always `precondition_failed`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::PreconditionFailed
    }

    /// What changed, for people.
    #[must_use]
    pub fn detail(&self) -> &'static str {
        if self.by_updated_at {
            "the record changed since you read it (its updated_at is not the one you sent); \
             read it again and reapply your change"
        } else {
            "the record changed since you read it (its version is not the one you sent); \
             read it again and reapply your change"
        }
    }

    /// The RFC 9457 body for the 412 response: its own type, one error at the document.
    #[must_use]
    pub fn to_problem(&self) -> Problem<'static> {
        Problem {
            type_: PRECONDITION_PROBLEM_TYPE,
            title: "The record changed since you read it.",
            status: 412,
            detail: self.detail().to_owned(),
            errors: vec![ProblemEntry {
                pointer: "",
                code: ErrorCode::PreconditionFailed,
                detail: self.detail(),
            }],
        }
    }
}

impl fmt::Display for PreconditionFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.detail())
    }
}

impl std::error::Error for PreconditionFailed {}

#[cfg(test)]
mod tests {
    #[test]
    fn version_from_str_and_try_from_share_parse() {
        let etag = super::Version::of(&serde_json::json!({"a": 1})).to_string();
        let parsed: super::Version = etag.parse().unwrap();
        assert_eq!(super::Version::try_from(etag.as_str()).unwrap(), parsed);
        assert_eq!(super::Version::try_from(etag.clone()).unwrap(), parsed);
        assert!(super::Version::try_from("W/\"x\"").is_err());
    }

    use super::*;

    const SCHEMA: PatchSchema<3> = PatchSchema::new(["id", "name", "note"], &["id"]);

    fn raw(json: &str) -> Raw<'_> {
        serde_json::from_str(json).unwrap()
    }

    fn doc(json: &str) -> (Document<'_, 3>, ValidationErrors) {
        crate::request::document::read(json.as_bytes(), SCHEMA.names(), None).unwrap()
    }

    fn listed(errors: &ValidationErrors) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.pointer(), e.code().as_str()))
            .collect()
    }

    fn text(s: &str) -> Result<String, crate::field::country::CountryError> {
        Ok(s.to_owned())
    }

    fn optional_text(
        s: Option<&str>,
    ) -> Result<Option<String>, crate::field::country::CountryError> {
        Ok(s.filter(|s| !s.trim().is_empty()).map(str::to_owned))
    }

    #[test]
    fn absent_keeps_null_clears_or_is_required() {
        let (body, mut errors) = doc(r#"{"name":null,"note":null}"#);
        let [_, name, note] = SCHEMA.document(&body, &mut errors).unwrap();
        let at = |n| At::ROOT.child(n);
        assert_eq!(required(name, at("name"), &mut errors, text), Err(Reported));
        assert_eq!(
            optional(note, at("note"), &mut errors, optional_text),
            Ok(Change::Clear)
        );
        assert_eq!(listed(&errors), [("/name", "required")]);

        let (body, mut errors) = doc(r#"{"note":"  "}"#);
        let [_, name, note] = SCHEMA.document(&body, &mut errors).unwrap();
        assert_eq!(required(name, at("name"), &mut errors, text), Ok(None));
        assert_eq!(
            optional(note, at("note"), &mut errors, optional_text),
            Ok(Change::Clear)
        );
        assert_eq!(
            optional(None, at("note"), &mut errors, optional_text),
            Ok(Change::<String>::Keep)
        );
        assert!(errors.is_empty());
    }

    #[test]
    fn read_only_names_are_reported_after_unknown_ones_and_emptied() {
        let (body, mut errors) = doc(r#"{"id":null,"nam":"x","name":"a"}"#);
        let [id, name, _] = SCHEMA.document(&body, &mut errors).unwrap();
        assert!(id.is_none() && name.is_some());
        assert_eq!(
            listed(&errors),
            [("/nam", "unknown_field"), ("/id", "read_only")]
        );
    }

    #[test]
    fn nested_objects_merge_or_are_required() {
        const INNER: Schema<1> = Schema::fields(["city"]);
        let at = At::ROOT.child("address");
        let mut errors = ValidationErrors::new();
        let value = raw(r#"{"city":"x"}"#);
        assert!(matches!(
            object(Field::Value(&value), &INNER, at, true, &mut errors),
            Ok(Change::Set([Some(_)]))
        ));
        assert!(matches!(
            object(Field::Absent, &INNER, at, true, &mut errors),
            Ok(Change::Keep)
        ));
        assert!(matches!(
            object(Field::Null, &INNER, at, false, &mut errors),
            Ok(Change::Clear)
        ));
        assert!(errors.is_empty());
        assert!(object(Field::Null, &INNER, at, true, &mut errors).is_err());
        assert!(object(Field::Value(&Raw::Bool), &INNER, at, true, &mut errors).is_err());
        assert_eq!(
            listed(&errors),
            [("/address", "required"), ("/address", "invalid_type")]
        );
    }

    #[test]
    fn changes_merge_and_diff() {
        let (a, b) = ("a".to_owned(), "b".to_owned());
        assert_eq!(Change::Keep.merge(Some(&a)), Some(a.clone()));
        assert_eq!(Change::Clear.merge(Some(&a)), None);
        assert_eq!(Change::Set(b.clone()).merge(None), Some(b.clone()));
        assert_eq!(Change::between(Some(&a), Some(&a)), Change::Keep);
        assert_eq!(Change::<String>::between(None, None), Change::Keep);
        assert_eq!(Change::between(Some(&a), None), Change::Clear);
        assert_eq!(Change::between(None, Some(&b)), Change::Set(b.clone()));
        assert_eq!(set_if_changed(&a, &a), None);
        assert_eq!(set_if_changed(&a, &b), Some(b));
    }

    #[test]
    fn versions_are_quoted_and_strict() {
        let v = Version::of("some content");
        assert_ne!(v, Version::of("other content"));
        assert_eq!(Version::parse(&v.to_string()), Ok(v));
        for bad in [
            "",
            "\"\"",
            "W/\"AAAAAAAAAAAAAAAAAAAAAA\"",
            "\"AAAAAAAAAAAAAAAAAAAAA\"",
            "\"AAAAAAAAAAAAAAAAAAAAAB\"", // trailing bits set: not canonical
            "\"AAAAAAAAAAAAAAAAAAAA+A\"",
        ] {
            assert_eq!(Version::parse(bad), Err(VersionError), "{bad}");
        }
    }

    struct Stored(Version, Timestamp);

    impl Versioned for Stored {
        fn version(&self) -> Version {
            self.0
        }
        fn updated_at(&self) -> Timestamp {
            self.1
        }
    }

    #[test]
    fn if_match_lists_and_checks() {
        let t = Timestamp::parse("2024-03-01T12:00:00Z").unwrap();
        let v = Version::of("x");
        let stored = Stored(v, t);
        let holds = |header: &str| Precondition::if_match(header).unwrap().check(&stored);
        assert!(holds("*").is_ok());
        assert!(holds(&format!("{v}")).is_ok());
        assert!(holds(&format!(" \"other\" ,, W/\"x\", {v} ")).is_ok());
        assert!(holds(&format!("W/{v}")).is_err());
        assert!(holds("\"AAAAAAAAAAAAAAAAAAAAAA\"").is_err());
        assert!(Precondition::version(v).check(&stored).is_ok());
        assert!(Precondition::updated_at(t).check(&stored).is_ok());
        let failed = Precondition::updated_at(Timestamp::parse("2024-03-01T12:00:01Z").unwrap())
            .check(&stored)
            .unwrap_err();
        assert!(failed.detail().contains("updated_at"), "{failed}");
        assert_eq!(failed.to_problem().status, 412);
        let many = vec!["\"a\""; 17].join(",");
        let long = format!("\"{}\"", "a".repeat(2000));
        for bad in [
            "", " , ", "abc", "\"a\"b\"", "\"a", "W/", "\"a b\"", &many, &long,
        ] {
            let errors = Precondition::if_match(bad).unwrap_err();
            assert_eq!(listed(&errors), [("", "invalid_precondition")], "{bad}");
        }
    }
}
