//! The trait impls every validated string type shares, generated so each goes through its
//! one `parse`: `FromStr`, `TryFrom<&str>`, `TryFrom<String>` and serde's `Deserialize`;
//! and, for types that keep their canonical string, `AsRef<str>`, `Display` and
//! `Serialize` from `as_str()`.

/// `parse_impls!(Type, Error)`: the parsing traits, all through `Type::parse`.
macro_rules! parse_impls {
    ($ty:ty, $err:ty) => {
        impl ::std::str::FromStr for $ty {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$ty>::parse(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = $err;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                <$ty>::parse(s)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $err;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                <$ty>::parse(&s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let s = <crate::request::raw::CowStr<'de> as ::serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                <$ty>::parse(&s.0).map_err(::serde::de::Error::custom)
            }
        }
    };
}

/// `str_impls!(Type, Error)`: [`parse_impls!`] plus `AsRef<str>`, `Display` and
/// `Serialize` from the stored canonical string (`as_str()`).
macro_rules! str_impls {
    ($ty:ty, $err:ty) => {
        parse_impls!($ty, $err);

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
