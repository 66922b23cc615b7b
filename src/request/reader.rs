//! The one reader: fills a schema's slots from named inputs, JSON members and query
//! parameters alike, with every error at once.
//!
//! A profile declares a [`Schema`] (its names in the order errors are reported, and the
//! names other APIs use for hints) and reads its input in two steps:
//! 1. [`Slots`] sorts the named inputs into the schema's slots, reporting unknown names
//!    (with a near-miss hint) and duplicate names (a JSON body's top level is sorted while
//!    it is parsed, by `request::document`; nested objects and query strings here);
//! 2. each slot is read as a [`Field`] (absent, null or a value) by [`required`],
//!    [`optional`] or [`object`], which report a missing or wrongly typed value and the
//!    field rule's own error at the field's JSON Pointer.
//!
//! A problem already reported is [`Reported`]; callers only combine results. Errors are
//! built lazily ([`ValidationErrors::push_with`]): past [`MAX_ERRORS`](crate::limits::MAX_ERRORS)
//! nothing is formatted or allocated, only counted, so hostile input (thousands of unknown
//! names) costs no more per byte than a valid request.
//!
//! # Order of errors
//! Within one object: unknown and duplicate names first, in input order (they are found
//! while the input is sorted into slots), then each schema field in schema order, a nested
//! object's errors in its field's place; cross-field rules last.

use std::borrow::Cow;

use crate::error::{Coded, ErrorCode, FieldError, ValidationErrors, pointer_join};
use crate::request::raw::Raw;

/// The problem with this input has been reported to the error list already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reported;

/// Where a value sits in the input: a JSON Pointer built only when an error is kept, as
/// a chain of tokens on the stack (no allocation on the valid path).
#[derive(Debug, Clone, Copy)]
pub(crate) struct At<'p> {
    parent: Option<&'p At<'p>>,
    token: Option<&'p str>,
}

impl<'p> At<'p> {
    /// The whole document (pointer `""`).
    pub(crate) const ROOT: At<'static> = At {
        parent: None,
        token: None,
    };

    /// The member or parameter `token` inside `self`.
    pub(crate) fn child(&'p self, token: &'p str) -> At<'p> {
        At {
            parent: Some(self),
            token: Some(token),
        }
    }

    /// The JSON Pointer (RFC 6901), e.g. `/billing_address/country`.
    #[cold]
    pub(crate) fn pointer(&self) -> String {
        let mut tokens = Vec::new();
        let mut at = Some(self);
        while let Some(here) = at {
            tokens.extend(here.token);
            at = here.parent;
        }
        tokens
            .iter()
            .rev()
            .fold(String::new(), |base, token| pointer_join(&base, token))
    }
}

/// What a schema's names are: JSON object members or query-string parameters. Decides the
/// codes and the wording of unknown and duplicate names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Names {
    /// Members of a JSON object (`unknown_field`, `duplicate_field`).
    Fields,
    /// Query parameters (`unknown_parameter`, `duplicate_parameter`).
    Parameters,
}

/// A schema: the names it reads, in the order their errors are reported.
#[derive(Debug)]
pub(crate) struct Schema<const N: usize> {
    names: [&'static str; N],
    /// Names other APIs use, mapped to ours, for hints.
    aliases: &'static [(&'static str, &'static str)],
    /// Names whose values are integers, read from their text (`-0` is 0).
    integers: &'static [&'static str],
    kind: Names,
}

/// Names longer than this get no near-miss hint and are shown cut.
const MAX_HINTED: usize = 64;

impl<const N: usize> Schema<N> {
    /// The members of a JSON object.
    pub(crate) const fn fields(names: [&'static str; N]) -> Self {
        Schema {
            names,
            aliases: &[],
            integers: &[],
            kind: Names::Fields,
        }
    }

    /// The same schema, with `integers` (each also in its names) read from their JSON
    /// text by the one-pass document reader, so that `-0` is the integer 0 (from a body's
    /// text only: a deserializer other than the reader's own hands over the parsed number).
    pub(crate) const fn integers(self, integers: &'static [&'static str]) -> Self {
        Schema { integers, ..self }
    }

    /// True when slot `i` holds an integer.
    pub(crate) fn is_integer(&self, i: usize) -> bool {
        self.integers.contains(&self.name(i))
    }

    /// The parameters of a query string, with other APIs' names for hints.
    pub(crate) const fn parameters(
        names: [&'static str; N],
        aliases: &'static [(&'static str, &'static str)],
    ) -> Self {
        Schema {
            names,
            aliases,
            integers: &[],
            kind: Names::Parameters,
        }
    }

    /// The name at slot `i` (`""` past the end).
    pub(crate) fn name(&self, i: usize) -> &'static str {
        self.names.get(i).copied().unwrap_or("")
    }

    /// A near miss worth a hint: the same letters once `_`, `-` and case are ignored, or
    /// another API's name for one of ours.
    fn hint(&self, name: &str) -> Option<&'static str> {
        if name.len() > MAX_HINTED {
            return None;
        }
        let folded = crate::text::fold_name(name);
        let fold_eq = |candidate: &str| crate::text::fold_name(candidate) == folded;
        self.names.iter().copied().find(|n| fold_eq(n)).or_else(|| {
            self.aliases
                .iter()
                .find(|(alias, _)| fold_eq(alias))
                .map(|(_, ours)| *ours)
        })
    }

    #[cold]
    fn unknown(&self, base: At<'_>, name: &str) -> FieldError {
        let shown = crate::text::truncate(name, MAX_HINTED);
        let noun = match self.kind {
            Names::Fields => "field",
            Names::Parameters => "parameter",
        };
        let shown = if shown.is_empty() {
            format!("a {noun} without a name")
        } else if shown.chars().any(char::is_control) || shown.contains('`') {
            format!("this {noun}")
        } else {
            format!("`{shown}`")
        };
        let hint = self
            .hint(name)
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        let code = match self.kind {
            Names::Fields => ErrorCode::UnknownField,
            Names::Parameters => ErrorCode::UnknownParameter,
        };
        FieldError::new(
            base.child(name).pointer(),
            code,
            format!("{shown} is not a known {noun}{hint}"),
        )
    }

    #[cold]
    fn duplicate(&self, base: At<'_>, name: &str) -> FieldError {
        let (code, advice) = match self.kind {
            Names::Fields => (ErrorCode::DuplicateField, ""),
            Names::Parameters => (ErrorCode::DuplicateParameter, "; send it once"),
        };
        FieldError::new(
            base.child(name).pointer(),
            code,
            format!("`{name}` appears more than once{advice}"),
        )
    }
}

/// Sorts named inputs into a schema's slots: the first value of each known name is kept;
/// unknown names and second occurrences are reported (a name sent three times is reported
/// once).
pub(crate) struct Slots<'s, 'b, V, const N: usize> {
    schema: &'s Schema<N>,
    base: At<'b>,
    slots: [Option<V>; N],
    duplicates: [bool; N],
}

impl<'s, 'b, V, const N: usize> Slots<'s, 'b, V, N> {
    /// Empty slots for `schema`; `base` is where the object is ([`At::ROOT`] for the
    /// document or a query string).
    pub(crate) fn new(schema: &'s Schema<N>, base: At<'b>) -> Self {
        Slots {
            schema,
            base,
            slots: std::array::from_fn(|_| None),
            duplicates: [false; N],
        }
    }

    /// The slot index of `name`, reporting it when it is unknown.
    pub(crate) fn index(&self, name: &str, errors: &mut ValidationErrors) -> Option<usize> {
        let found = self.schema.names.iter().position(|n| *n == name);
        if found.is_none() {
            errors.push_with(|| self.schema.unknown(self.base, name));
        }
        found
    }

    /// Puts `value` in the slot of `name`: reported when the name is unknown or already
    /// filled (then `value` is dropped).
    pub(crate) fn put(&mut self, name: &str, value: V, errors: &mut ValidationErrors) {
        if let Some(i) = self.index(name, errors) {
            self.put_at(i, name, value, errors);
        }
    }

    /// Puts `value` in slot `i` (found by [`Slots::index`]), reporting a duplicate.
    pub(crate) fn put_at(&mut self, i: usize, name: &str, value: V, errors: &mut ValidationErrors) {
        let (Some(slot), Some(reported)) = (self.slots.get_mut(i), self.duplicates.get_mut(i))
        else {
            return;
        };
        if slot.is_none() {
            *slot = Some(value);
        } else if !*reported {
            *reported = true;
            let (schema, base) = (self.schema, self.base);
            errors.push_with(|| schema.duplicate(base, name));
        }
    }

    /// True when slot `i` holds a value.
    pub(crate) fn is_filled(&self, i: usize) -> bool {
        self.slots.get(i).is_some_and(Option::is_some)
    }

    /// The filled slots, in schema order.
    pub(crate) fn finish(self) -> [Option<V>; N] {
        self.slots
    }
}

/// One JSON member as a schema slot received it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Field<'r, 'a> {
    /// Not in the object.
    Absent,
    /// `null`.
    Null,
    /// Any other value.
    Value(&'r Raw<'a>),
}

impl<'r, 'a> From<Option<&'r Raw<'a>>> for Field<'r, 'a> {
    fn from(slot: Option<&'r Raw<'a>>) -> Self {
        match slot {
            None => Field::Absent,
            Some(Raw::Null) => Field::Null,
            Some(value) => Field::Value(value),
        }
    }
}

impl<'r> Field<'r, '_> {
    /// The string in this field: `Ok(None)` when absent or null; a value of another type
    /// is reported as `invalid_type`.
    pub(crate) fn string(
        self,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<Option<&'r str>, Reported> {
        match self {
            Field::Absent | Field::Null => Ok(None),
            Field::Value(Raw::String(s)) => Ok(Some(s.as_ref())),
            Field::Value(other) => Err(wrong_type(at, "a string", other, errors)),
        }
    }
}

/// Reports a value of the wrong JSON type.
pub(crate) fn wrong_type(
    at: At<'_>,
    expected: &'static str,
    found: &Raw<'_>,
    errors: &mut ValidationErrors,
) -> Reported {
    errors.push_with(|| {
        FieldError::new(
            at.pointer(),
            ErrorCode::InvalidType,
            format!("must be {expected}, found {}", found.kind()),
        )
    });
    Reported
}

/// Reports a missing (absent or null) required value.
pub(crate) fn missing(at: At<'_>, errors: &mut ValidationErrors) -> Reported {
    errors.push_with(|| FieldError::new(at.pointer(), ErrorCode::Required, "is required"));
    Reported
}

/// Reports a field rule's error at `pointer`.
pub(crate) fn rule_error<E: Coded>(
    at: At<'_>,
    error: &E,
    errors: &mut ValidationErrors,
) -> Reported {
    errors.push_with(|| FieldError::from_err(at.pointer(), error));
    Reported
}

/// Reads a required string field and parses it with its rule.
pub(crate) fn required<'r, 'a: 'r, T, E: Coded>(
    field: impl Into<Field<'r, 'a>>,
    at: At<'_>,
    errors: &mut ValidationErrors,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, Reported> {
    match field.into().string(at, errors)? {
        None => Err(missing(at, errors)),
        Some(s) => parse(s).map_err(|e| rule_error(at, &e, errors)),
    }
}

/// Reads an optional string field (absent or null is `None`) and parses it with its rule,
/// which may itself read a value as `None` (a blank optional address line).
pub(crate) fn optional<'r, 'a: 'r, T, E: Coded>(
    field: impl Into<Field<'r, 'a>>,
    at: At<'_>,
    errors: &mut ValidationErrors,
    parse: impl FnOnce(Option<&str>) -> Result<Option<T>, E>,
) -> Result<Option<T>, Reported> {
    let s = field.into().string(at, errors)?;
    parse(s).map_err(|e| rule_error(at, &e, errors))
}

/// Reads an optional string field whose absence, `null` and blank value all mean "not
/// given", and parses any other value with its rule.
pub(crate) fn optional_text<'r, 'a: 'r, T, E: Coded>(
    field: impl Into<Field<'r, 'a>>,
    at: At<'_>,
    errors: &mut ValidationErrors,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, Reported> {
    optional(field, at, errors, |s| match s {
        Some(s) if !s.trim().is_empty() => parse(s).map(Some),
        _ => Ok(None),
    })
}

/// The members of an object field, sorted into `schema`'s slots. `Ok(None)` when the
/// field is absent or null and not `required`.
pub(crate) fn object<'r, 'a, const N: usize>(
    field: impl Into<Field<'r, 'a>>,
    schema: &Schema<N>,
    at: At<'_>,
    required: bool,
    errors: &mut ValidationErrors,
) -> Result<Option<[Option<&'r Raw<'a>>; N]>, Reported> {
    match field.into() {
        Field::Value(Raw::Object(members)) => Ok(Some(members_into(members, schema, at, errors))),
        Field::Absent | Field::Null if !required => Ok(None),
        Field::Absent | Field::Null => Err(missing(at, errors)),
        Field::Value(other) => Err(wrong_type(at, "an object", other, errors)),
    }
}

/// Sorts an object's members into `schema`'s slots.
pub(crate) fn members_into<'r, 'a, const N: usize>(
    members: &'r [(Cow<'a, str>, Raw<'a>)],
    schema: &Schema<N>,
    base: At<'_>,
    errors: &mut ValidationErrors,
) -> [Option<&'r Raw<'a>>; N] {
    let mut slots = Slots::new(schema, base);
    for (name, value) in members {
        slots.put(name, value, errors);
    }
    slots.finish()
}

/// The members of the document, which must be a JSON object; anything else is one
/// document-level `invalid_type` error.
pub(crate) fn document<'r, 'a, const N: usize>(
    raw: &'r Raw<'a>,
    schema: &Schema<N>,
    errors: &mut ValidationErrors,
) -> Result<[Option<&'r Raw<'a>>; N], Reported> {
    match raw {
        Raw::Object(members) => Ok(members_into(members, schema, At::ROOT, errors)),
        other => {
            errors.push_with(|| {
                FieldError::new(
                    "",
                    ErrorCode::InvalidType,
                    format!("the body must be a JSON object, found {}", other.kind()),
                )
            });
            Err(Reported)
        }
    }
}

/// Ends a reading: the value when nothing was reported, else every error.
pub(crate) fn finish<T>(
    value: Result<T, Reported>,
    errors: ValidationErrors,
) -> Result<T, ValidationErrors> {
    match value {
        Ok(value) if errors.is_empty() => Ok(value),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: Schema<2> = Schema::fields(["zip_code", "city"]);
    const PARAMS: Schema<1> = Schema::parameters(["limit"], &[("per_page", "limit")]);

    fn raw(json: &str) -> Raw<'_> {
        serde_json::from_str(json).unwrap()
    }

    fn listed(errors: &ValidationErrors) -> Vec<(&str, &str, &str)> {
        errors
            .iter()
            .map(|e| (e.pointer(), e.code().as_str(), e.detail()))
            .collect()
    }

    #[test]
    fn unknown_and_duplicate_names_with_hints() {
        let body = raw(r#"{"zipCode":"1","city":"a","city":"b","city":"c","x`y":1}"#);
        let mut errors = ValidationErrors::new();
        let [zip, city] = document(&body, &SCHEMA, &mut errors).unwrap();
        assert!(zip.is_none());
        assert!(matches!(city, Some(Raw::String(s)) if s == "a"));
        assert_eq!(
            listed(&errors),
            [
                (
                    "/zipCode",
                    "unknown_field",
                    "`zipCode` is not a known field; did you mean `zip_code`?"
                ),
                ("/city", "duplicate_field", "`city` appears more than once"),
                ("/x`y", "unknown_field", "this field is not a known field"),
            ]
        );
    }

    #[test]
    fn parameters_use_their_own_codes_and_aliases() {
        let mut errors = ValidationErrors::new();
        let mut slots = Slots::new(&PARAMS, At::ROOT);
        for (name, value) in [("per_page", 1), ("limit", 2), ("limit", 3), ("", 4)] {
            slots.put(name, value, &mut errors);
        }
        assert_eq!(slots.finish(), [Some(2)]);
        assert_eq!(
            listed(&errors),
            [
                (
                    "/per_page",
                    "unknown_parameter",
                    "`per_page` is not a known parameter; did you mean `limit`?"
                ),
                (
                    "/limit",
                    "duplicate_parameter",
                    "`limit` appears more than once; send it once"
                ),
                (
                    "/",
                    "unknown_parameter",
                    "a parameter without a name is not a known parameter"
                ),
            ]
        );
    }

    #[test]
    fn fields_absent_null_wrong_type_and_present() {
        let body = raw(r#"{"zip_code":null,"city":5}"#);
        let mut errors = ValidationErrors::new();
        let [zip, city] = document(&body, &SCHEMA, &mut errors).unwrap();
        let parse = |s: &str| Ok::<_, crate::field::country::CountryError>(s.to_owned());
        let zip_at = At::ROOT.child("zip_code");
        assert_eq!(required(zip, zip_at, &mut errors, parse), Err(Reported));
        assert_eq!(
            optional(zip, zip_at, &mut errors, |s| Ok::<
                _,
                crate::field::country::CountryError,
            >(
                s.map(str::to_owned)
            )),
            Ok(None)
        );
        let city_at = At::ROOT.child("city");
        assert_eq!(required(city, city_at, &mut errors, parse), Err(Reported));
        assert_eq!(
            listed(&errors),
            [
                ("/zip_code", "required", "is required"),
                ("/city", "invalid_type", "must be a string, found a number"),
            ]
        );
        let mut errors = ValidationErrors::new();
        assert!(matches!(
            document(&raw("[1]"), &SCHEMA, &mut errors),
            Err(Reported)
        ));
        assert_eq!(
            listed(&errors),
            [(
                "",
                "invalid_type",
                "the body must be a JSON object, found an array"
            )]
        );
    }

    #[test]
    fn pointers_are_built_from_the_chain() {
        let address = At::ROOT.child("billing_address");
        assert_eq!(
            address.child("country").pointer(),
            "/billing_address/country"
        );
        assert_eq!(At::ROOT.child("a/b~c").pointer(), "/a~1b~0c");
        assert_eq!(At::ROOT.pointer(), "");
    }

    #[test]
    fn past_the_cap_errors_are_only_counted() {
        let many: String = (0..200).map(|i| format!("\"k{i}\":{i},")).collect();
        let body = format!("{{{many}\"city\":\"x\"}}");
        let body = raw(&body);
        let mut errors = ValidationErrors::new();
        let [_, city] = document(&body, &SCHEMA, &mut errors).unwrap();
        assert!(city.is_some());
        assert_eq!(errors.len(), crate::limits::MAX_ERRORS);
        assert_eq!(errors.dropped(), 200 - crate::limits::MAX_ERRORS);
    }
}
