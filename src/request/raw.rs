//! The lenient raw JSON form of the values a request's slots receive before validation.
//!
//! serde stops at the first error; [`Raw`] accepts any JSON, keeps object members in
//! input order (duplicates included) and borrows strings from the input where it can, so
//! validation can report every problem at once without a second allocation per field.
//! The document itself is not built as a `Raw`: the one-pass reader
//! (`request::document`) sorts its members into slots as they are read, and only the
//! values of known members become `Raw` (a string, a number, a nested object of ours).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A string that borrows from the input when it has no escapes.
pub(crate) struct CowStr<'a>(pub(crate) Cow<'a, str>);

impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A value that was read only to check it: nothing of it is kept (see
/// `document::Skip`'s `Deserialize`, which parses it as any other value, nesting limit
/// included).
pub(crate) struct Skip;

/// A JSON number as the parser read it: an integer that fits `i64` or `u64`, or anything
/// else (a fraction, an exponent, an integer beyond `u64`) as `f64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// A negative integer (or any integer that fits `i64`, from formats that say so).
    Int(i64),
    /// A non-negative integer.
    UInt(u64),
    /// Written with a fraction or an exponent, or an integer too large for 64 bits.
    Float(f64),
}

/// Any JSON value, shallowly: arrays are not kept (no field of ours is an array).
#[derive(Debug)]
pub(crate) enum Raw<'a> {
    Null,
    Bool,
    Number(Number),
    String(Cow<'a, str>),
    Array,
    Object(Vec<(Cow<'a, str>, Raw<'a>)>),
}

impl Raw<'static> {
    /// An object of the given members, in order.
    pub(crate) fn object<const N: usize>(members: [(&'static str, Raw<'static>); N]) -> Self {
        Raw::Object(
            members
                .into_iter()
                .map(|(k, v)| (Cow::Borrowed(k), v))
                .collect(),
        )
    }

    /// A string.
    pub(crate) fn string(s: String) -> Self {
        Raw::String(Cow::Owned(s))
    }

    /// A string, or `null`.
    pub(crate) fn optional_string(s: Option<String>) -> Self {
        s.map_or(Raw::Null, Raw::string)
    }
}

impl Raw<'_> {
    /// The JSON type's name, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Raw::Null => "null",
            Raw::Bool => "a boolean",
            Raw::Number(_) => "a number",
            Raw::String(_) => "a string",
            Raw::Array => "an array",
            Raw::Object(_) => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

/// A JSON text kept exactly as sent (a borrowed span of the body).
pub(crate) type Kept<'a> = Option<&'a serde_json::value::RawValue>;

/// The members an object's list has room for before it grows.
const OBJECT_MEMBERS: usize = 8;

/// Builds a [`Raw`].
struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Raw::Bool)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Raw::Number(Number::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Raw::Number(Number::UInt(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Raw::Number(Number::Float(v)))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Raw::String(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Raw::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Raw::String(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Raw::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<CowStr<'de>>()? {
            if members.capacity() == 0 {
                // Room for a nested object of ours (an address: six members) at once; an
                // empty object allocates nothing.
                members.reserve_exact(OBJECT_MEMBERS);
            }
            members.push((key.0, map.next_value::<Raw<'de>>()?));
        }
        Ok(Raw::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_duplicates_in_order_and_borrows() {
        let raw: Raw<'_> = serde_json::from_str(r#"{"a":"x","b":[1,{"c":2}],"a":null}"#).unwrap();
        let Raw::Object(members) = raw else {
            panic!("not an object")
        };
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["a", "b", "a"]);
        assert!(matches!(&members[0].1, Raw::String(Cow::Borrowed("x"))));
        assert!(matches!(members[1].1, Raw::Array));
        assert!(matches!(members[2].1, Raw::Null));
    }

    #[test]
    fn escaped_strings_are_owned() {
        let raw: Raw<'_> = serde_json::from_str(r#""a\nb""#).unwrap();
        assert!(matches!(raw, Raw::String(Cow::Owned(ref s)) if s == "a\nb"));
    }

    #[test]
    fn numbers_keep_their_kind() {
        let raw: Raw<'_> = serde_json::from_str(r#"[1]"#).unwrap();
        assert!(matches!(raw, Raw::Array));
        for (text, want) in [
            ("2000", Number::UInt(2000)),
            ("-5", Number::Int(-5)),
            ("20.5", Number::Float(20.5)),
            ("1e3", Number::Float(1000.0)),
            (
                "18446744073709551616",
                Number::Float(18446744073709551616.0),
            ),
        ] {
            let raw: Raw<'_> = serde_json::from_str(text).unwrap();
            assert!(matches!(raw, Raw::Number(n) if n == want), "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(serde_json::from_str::<Raw<'_>>(&deep).is_err());
    }
}
