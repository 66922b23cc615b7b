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
    // JSON reader need not check each string again; a body that is not UTF-8 is read as
    // bytes, for serde_json's own error.
    let text = std::str::from_utf8(body);
    let read = match text {
        Ok(text) => run(serde_json::Deserializer::from_str(text), seed),
        Err(_) => run(serde_json::Deserializer::from_slice(body), seed),
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
