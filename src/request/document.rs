//! The one-pass reader of a request document: bytes to a schema's slots, with no tree of
//! the document in between.
//!
//! serde_json drives a visitor that looks each top-level member's name up in the schema
//! as it is read: a known name's first value is read into its slot (a string borrowed
//! from the body when it has no escapes); an unknown name or a second occurrence is
//! reported at once (input order, as [`Slots`] does) and its value is skipped without
//! being kept: no allocation, and the same parse (numbers, escapes, the nesting limit) as
//! any other value, so what is valid JSON does not depend on the names. The profile then
//! reads the slots as [`Field`](crate::request::reader::Field)s, exactly as from
//! [`reader::document`](crate::request::reader::document).
//!
//! Two kinds of member are read from their text, which the JSON deserializer hands out
//! as a span of the body: the member a profile keeps exactly as sent (`custom_data`,
//! `payment_rules`), and integers ([`Schema::integers`]), where `-0` is the integer 0
//! (RFC 8259: no fraction, no exponent) although serde_json reads it as a float. A
//! span's own parse that fails is reported as the whole body's parse reports it, so the
//! line and column count from the start of the body.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{ErrorCode, FieldError, ValidationErrors};
use crate::request::body;
use crate::request::raw::{CowStr, Kept, Number, Raw, Skip};
use crate::request::reader::{At, Reported, Schema, Slots};

/// A document read into a schema's slots (the unknown and duplicate names are in the
/// error list that came with it).
#[derive(Debug)]
pub(crate) struct Document<'a, const N: usize> {
    /// The slots in schema order, or the JSON type of a document that is not an object.
    members: Result<[Option<Raw<'a>>; N], &'static str>,
    /// The text of the kept member, exactly as sent, when it was given.
    kept: Kept<'a>,
}

impl<'a, const N: usize> Document<'a, N> {
    /// The slots, in schema order; a document that is not an object is one document-level
    /// `invalid_type` error.
    pub(crate) fn slots(
        &self,
        errors: &mut ValidationErrors,
    ) -> Result<[Option<&Raw<'a>>; N], Reported> {
        match &self.members {
            Ok(slots) => Ok(slots.each_ref().map(Option::as_ref)),
            Err(found) => {
                errors.push_with(|| {
                    FieldError::new(
                        "",
                        ErrorCode::InvalidType,
                        format!("the body must be a JSON object, found {found}"),
                    )
                });
                Err(Reported)
            }
        }
    }

    /// The kept member's text, exactly as sent.
    pub(crate) fn kept(&self) -> Kept<'a> {
        self.kept
    }
}

/// Reads a JSON body into `schema`'s slots, keeping the text of the member `keep` (its
/// first occurrence) exactly as sent. The size is bounded first; a body that is too large
/// or not JSON is one document-level error. Otherwise the document and the error list so
/// far (unknown and duplicate names, in input order).
pub(crate) fn read<'a, const N: usize>(
    body: &'a [u8],
    schema: &Schema<N>,
    keep: Option<&'static str>,
) -> Result<(Document<'a, N>, ValidationErrors), ValidationErrors> {
    if body.len() > body::MAX_BODY_BYTES {
        return Err(body::too_large());
    }
    let mut errors = ValidationErrors::new();
    let mut span_failed = false;
    let seed = Seed {
        schema,
        errors: &mut errors,
        keep,
        json: true,
        span_failed: &mut span_failed,
    };
    // UTF-8 checked once for the whole body (std checks ASCII a word at a time), so the
    // JSON reader need not check each string again. A JSON text is UTF-8: a body that is
    // not is told so, with the place of its first invalid byte.
    let read = match std::str::from_utf8(body) {
        Ok(text) => run(serde_json::Deserializer::from_str(text), seed),
        Err(e) => return Err(not_utf8(body, e.valid_up_to())),
    };
    match read {
        Ok(document) => Ok((document, errors)),
        Err(e) if span_failed => {
            // A span read on its own counts lines and columns from its own start: the
            // whole body's parse fails at the same place, counted from the body's start.
            Err(match body::parse(body) {
                Err(whole) => whole,
                Ok(_) => body::invalid_json(&e),
            })
        }
        Err(e) => Err(body::invalid_json(&e)),
    }
}

/// The body is not UTF-8 from byte `at` on: where, as serde_json counts lines and columns
/// (1-based; a column counts bytes).
#[cold]
fn not_utf8(body: &[u8], at: usize) -> ValidationErrors {
    let before = body.get(..at).unwrap_or_default();
    let line = before
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        .saturating_add(1);
    let column = match before.iter().rposition(|&b| b == b'\n') {
        Some(newline) => at.saturating_sub(newline),
        None => at.saturating_add(1),
    };
    FieldError::new(
        "",
        ErrorCode::InvalidJson,
        format!(
            "the body is not valid JSON: it is not UTF-8 (the byte at line {line} column \
             {column} does not begin a UTF-8 character or ends one too early)"
        ),
    )
    .into()
}

fn run<'a, R: serde_json::de::Read<'a>, const N: usize>(
    mut de: serde_json::Deserializer<R>,
    seed: Seed<'_, '_, N>,
) -> Result<Document<'a, N>, serde_json::Error> {
    let document = seed.deserialize(&mut de)?;
    de.end()?;
    Ok(document)
}

/// Reads a document from any self-describing deserializer into `schema`'s slots (no
/// member is kept as text: only JSON has one).
pub(crate) fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
    deserializer: D,
    schema: &Schema<N>,
) -> Result<(Document<'de, N>, ValidationErrors), D::Error> {
    let mut errors = ValidationErrors::new();
    let mut span_failed = false;
    let document = Seed {
        schema,
        errors: &mut errors,
        keep: None,
        json: false,
        span_failed: &mut span_failed,
    }
    .deserialize(deserializer)?;
    Ok((document, errors))
}

/// The visitor of the document: sorts members into slots as their names are read.
struct Seed<'s, 'e, const N: usize> {
    schema: &'s Schema<N>,
    errors: &'e mut ValidationErrors,
    keep: Option<&'static str>,
    /// The deserializer is serde_json's, which can hand out a member's text.
    json: bool,
    /// Set when a member's text failed its own parse.
    span_failed: &'e mut bool,
}

impl<'de, const N: usize> DeserializeSeed<'de> for Seed<'_, '_, N> {
    type Value = Document<'de, N>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<const N: usize> Seed<'_, '_, N> {
    /// A member's text read as a raw value.
    fn reparse<'de, E: de::Error>(&mut self, text: &'de RawValue) -> Result<Raw<'de>, E> {
        serde_json::from_str::<Raw<'de>>(text.get()).map_err(|e| {
            *self.span_failed = true;
            E::custom(e)
        })
    }

    fn other<'de>(found: &'static str) -> Document<'de, N> {
        Document {
            members: Err(found),
            kept: None,
        }
    }
}

impl<'de, const N: usize> Visitor<'de> for Seed<'_, '_, N> {
    type Value = Document<'de, N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let schema = self.schema;
        let mut slots = Slots::new(schema, At::ROOT);
        let mut kept = None;
        while let Some(CowStr(name)) = map.next_key::<CowStr<'de>>()? {
            let Some(i) = slots.index(&name, self.errors) else {
                map.next_value::<Skip>()?;
                continue;
            };
            let value = if slots.is_filled(i) {
                // A second occurrence: reported by `put_at`, its value not kept.
                map.next_value::<Skip>()?;
                Raw::Null
            } else if self.json && self.keep == Some(schema.name(i)) {
                let text = map.next_value::<&'de RawValue>()?;
                kept = Some(text);
                self.reparse(text)?
            } else if self.json && schema.is_integer(i) {
                let text = map.next_value::<&'de RawValue>()?;
                if text.get() == "-0" {
                    Raw::Number(Number::Int(0))
                } else {
                    self.reparse(text)?
                }
            } else {
                map.next_value::<Raw<'de>>()?
            };
            slots.put_at(i, &name, value, self.errors);
        }
        Ok(Document {
            members: Ok(slots.finish()),
            kept,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Self::other("an array"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Self::other("null"))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Self::other("null"))
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Self::other("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Self::other("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Self::other("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Self::other("a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Self::other("a string"))
    }
}

/// Deserializes a value only to check it, keeping nothing.
impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_none<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Skip, D::Error> {
        Skip::deserialize(deserializer)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_key::<Skip>()?.is_some() {
            map.next_value::<Skip>()?;
        }
        Ok(Skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::reader;
    use proptest::prelude::*;

    const SCHEMA: Schema<4> = Schema::fields(["name", "address", "data", "n"]).integers(&["n"]);

    fn listed(errors: &ValidationErrors) -> Vec<(String, &'static str, String)> {
        errors
            .iter()
            .map(|e| {
                (
                    e.pointer().to_owned(),
                    e.code().as_str(),
                    e.detail().to_owned(),
                )
            })
            .collect()
    }

    /// The one-pass reading as text: the slots (or the document-level errors) and every
    /// error.
    fn one_pass(body: &[u8]) -> String {
        match read(body, &SCHEMA, Some("data")) {
            Ok((document, mut errors)) => {
                let slots = document.slots(&mut errors);
                format!("{slots:?} {:?}", listed(&errors))
            }
            Err(errors) => format!("{:?}", listed(&errors)),
        }
    }

    /// The same reading through the whole raw tree, then sorted into slots.
    fn through_the_tree(body: &[u8]) -> String {
        match body::parse(body) {
            Ok(raw) => {
                let mut errors = ValidationErrors::new();
                let slots = reader::document(&raw, &SCHEMA, &mut errors);
                format!("{slots:?} {:?}", listed(&errors))
            }
            Err(errors) => format!("{:?}", listed(&errors)),
        }
    }

    fn same(body: &[u8]) {
        if std::str::from_utf8(body).is_err() {
            let errors = read(body, &SCHEMA, None).unwrap_err();
            let (pointer, code, detail) = &listed(&errors)[0];
            assert_eq!((pointer.as_str(), *code), ("", "invalid_json"));
            assert!(detail.contains("it is not UTF-8"), "{detail}");
            return;
        }
        assert_eq!(
            one_pass(body),
            through_the_tree(body),
            "{:?}",
            String::from_utf8_lossy(body)
        );
    }

    #[test]
    fn reads_as_the_tree_does() {
        for body in [
            &br#"{"name":"Ada","nam":1,"name":"Bo","address":{"city":"x","city":2},"zz":[1,{"a":[]}]}"#[..],
            br#"{"data":{"z":1.50,"a":[1e3]},"data":{"x":1},"n":5}"#,
            br#"{"data":null,"n":"5","name":"\u00e9\n"}"#,
            br#"{"k\u00e9y":1,"":2,"name":[true,false,null]}"#,
            br#"[1,{"a":2}]"#,
            br#""x""#,
            b"null",
            b"3.5",
            br#"{"name":"x"} x"#,
            br#"{"name":"x""#,
            br#"{"zz":1e400}"#,
            br#"{"zz":["\ud800"]}"#,
            br#"{"name":"\ud800"}"#,
            b"{\"name\":\"\xff\"}",
            b"\xef\xbb\xbf{}",
            b"",
        ] {
            same(body);
        }
    }

    proptest! {
        /// On any JSON-like bytes, the same slots, errors and error order as reading the
        /// whole tree and then sorting it (`-0`, where the two differ on purpose, is
        /// `minus_zero_is_the_integer_zero`'s).
        #[test]
        fn any_body_reads_as_the_tree_does(
            members in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["name", "address", "data", "n", "nam", "", "x"]),
                    proptest::sample::select(vec![
                        "1", "-0.0", "-1", "2.5", "1e400", "null", "true", "\"a\"", "\"\\u00e9\"",
                        "[]", "[1,[2,{\"a\":3}]]", "{}", "{\"city\":\"x\",\"city\":1}", "[1e400]",
                        "{", "]", "\"\\ud800\"",
                    ]),
                ),
                0..8,
            ),
            tail in proptest::sample::select(vec!["}", "} x", "", ",}", "}}"]),
        ) {
            let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let body = format!("{{{}{tail}", body.join(","));
            same(body.as_bytes());
        }
    }

    #[test]
    fn a_body_that_is_not_utf8_says_so() {
        for (body, place) in [
            (&b"\xff\xfe{}"[..], "line 1 column 1 "),
            (b"{\"name\": \"\xc3\"}", "line 1 column 11 "),
            (b"{\n  \"name\": \"ab\xed\xa0\x80\"}", "line 2 column 14 "),
        ] {
            let errors = read(body, &SCHEMA, None).unwrap_err();
            let detail = &listed(&errors)[0].2;
            assert!(
                detail.contains("not UTF-8") && detail.contains(place),
                "{detail}"
            );
        }
    }

    #[test]
    fn keeps_the_first_occurrence_exactly() {
        let body = br#"{"name":"a", "data" : {"z":1.50, "a":[1e3]}, "data":{"x":1}}"#;
        let (document, errors) = read(body, &SCHEMA, Some("data")).unwrap();
        assert_eq!(document.kept().unwrap().get(), r#"{"z":1.50, "a":[1e3]}"#);
        assert_eq!(listed(&errors)[0].1, "duplicate_field");
        let (document, _) = read(br#"{"name":"a"}"#, &SCHEMA, Some("data")).unwrap();
        assert!(document.kept().is_none());
    }

    #[test]
    fn minus_zero_is_the_integer_zero() {
        let number = |body: &str| {
            let (document, mut errors) = read(body.as_bytes(), &SCHEMA, None).unwrap();
            let [_, _, _, n] = document.slots(&mut errors).unwrap();
            match n {
                Some(Raw::Number(n)) => Some(*n),
                _ => None,
            }
        };
        assert_eq!(number(r#"{"n": -0 }"#), Some(Number::Int(0)));
        assert!(matches!(number(r#"{"n":-0.0}"#), Some(Number::Float(f)) if f == 0.0));
        assert!(matches!(number(r#"{"n":-0e0}"#), Some(Number::Float(_))));
        assert_eq!(number(r#"{"n":-5}"#), Some(Number::Int(-5)));
        assert_eq!(number(r#"{"n":"-0"}"#), None);
    }

    #[test]
    fn a_span_error_is_placed_in_the_body() {
        let body = "{\n  \"name\": \"a\",\n  \"data\": {\n    \"a\": 1,\n    \"b\": 1e400\n  }\n}";
        let errors = read(body.as_bytes(), &SCHEMA, Some("data")).unwrap_err();
        let detail = &listed(&errors)[0].2;
        assert!(detail.ends_with("at line 5 column 14"), "{detail}");
        assert_eq!(one_pass(body.as_bytes()), through_the_tree(body.as_bytes()));
        let body = "{\"n\":\n [[1e400]]}";
        let errors = read(body.as_bytes(), &SCHEMA, None).unwrap_err();
        assert!(
            listed(&errors)[0].2.contains("at line 2 column"),
            "{:?}",
            listed(&errors)
        );
        assert_eq!(one_pass(body.as_bytes()), through_the_tree(body.as_bytes()));
    }

    #[test]
    fn nesting_deeper_than_128_is_invalid_json_in_arrays_too() {
        let nested =
            |depth: usize| format!("{{\"name\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        // The document is depth 1: 126 arrays inside it are the deepest allowed (serde_json
        // refuses a 128th level).
        let allowed = nested(126);
        let (document, mut errors) = read(allowed.as_bytes(), &SCHEMA, None).unwrap();
        assert!(matches!(
            document.slots(&mut errors).unwrap()[0],
            Some(Raw::Array)
        ));
        for depth in [127, 10_000] {
            let errors = read(nested(depth).as_bytes(), &SCHEMA, None).unwrap_err();
            let (pointer, code, detail) = &listed(&errors)[0];
            assert_eq!((pointer.as_str(), *code), ("", "invalid_json"));
            assert!(detail.contains("recursion limit exceeded"), "{detail}");
        }
        let unknown = format!("{{\"zz\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            listed(&read(unknown.as_bytes(), &SCHEMA, None).unwrap_err())[0].1,
            "invalid_json"
        );
    }
}
