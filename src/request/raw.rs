//! The lenient raw JSON form that requests are read into before validation.
//!
//! serde stops at the first error; [`Raw`] accepts any JSON, keeps object members in
//! input order (duplicates included) and borrows strings from the input where it can, so
//! validation can report every problem at once without a second allocation per field.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

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

/// Any JSON value, shallowly: arrays are not kept (no field of ours is an array).
#[derive(Debug)]
pub(crate) enum Raw<'a> {
    Null,
    Bool,
    Number,
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
            Raw::Number => "a number",
            Raw::String(_) => "a string",
            Raw::Array => "an array",
            Raw::Object(_) => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
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
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Raw::Number)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Raw::Number)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Raw::Number)
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
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Raw::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<CowStr<'de>>()? {
                    let value = map.next_value::<Raw<'de>>()?;
                    members.push((key.0, value));
                }
                Ok(Raw::Object(members))
            }
        }
        deserializer.deserialize_any(V)
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
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(serde_json::from_str::<Raw<'_>>(&deep).is_err());
    }
}
