//! Query strings read as `application/x-www-form-urlencoded` into a schema's slots.
//!
//! The query string is `application/x-www-form-urlencoded`, as HTML forms, `URLSearchParams`
//! and most HTTP clients write it: pairs split on `&`, name and value on the first `=`,
//! then **`+` means a space** and `%XX` is a byte. So a literal `+` must be sent as `%2B`:
//! `email=jane+news@example.com` reads as `jane news@example.com` and is rejected with a
//! hint, as is a `+01:00` offset sent unencoded. A malformed escape such as `%zz` is kept
//! as it is (WHATWG). One leading `?` is ignored; empty pairs (`a=1&&b=2`) are skipped.
//!
//! An empty value (`after=`, `limit=`) is an error with that parameter's code, never
//! taken as absent: a client that sends a parameter means something by it.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

use crate::error::{ErrorCode, FieldError, ValidationErrors, pointer_join};
use crate::request::reader::{At, Schema, Slots};

/// One parameter's raw value.
pub(crate) enum Slot<'a> {
    /// Not sent.
    Absent,
    /// Present, but its value could not be decoded (already reported).
    Undecodable,
    /// The decoded value, and whether the raw value held a `+` (for hints).
    Value(Cow<'a, str>, bool),
}

/// Percent-decodes one name or value, `+` as a space. `None` when the bytes are not
/// UTF-8.
fn decode_component(s: &str) -> Option<Cow<'_, str>> {
    if s.contains('+') {
        let spaced = s.replace('+', " ");
        let decoded = percent_decode_str(&spaced).decode_utf8().ok()?.into_owned();
        Some(Cow::Owned(decoded))
    } else {
        percent_decode_str(s).decode_utf8().ok()
    }
}

/// The hint added to a value's error when a `+` read as a space may be why.
pub(crate) const PLUS_HINT: &str = " (a `+` in a query string means a space: send `+` as %2B)";

/// Splits the query string into `schema`'s slots with the one reader, reporting
/// unknown, duplicate and undecodable parameters as they come.
pub(crate) fn read_slots<'a, const N: usize>(
    schema: &Schema<N>,
    raw: &'a str,
    errors: &mut ValidationErrors,
) -> [Slot<'a>; N] {
    let mut slots = Slots::new(schema, At::ROOT);
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(name) = decode_component(raw_name) else {
            errors.push_with(|| {
                let bytes: Vec<u8> = percent_decode_str(&raw_name.replace('+', " ")).collect();
                FieldError::new(
                    pointer_join("", &String::from_utf8_lossy(&bytes)),
                    ErrorCode::InvalidEncoding,
                    "the parameter name is not UTF-8 once percent-decoded",
                )
            });
            continue;
        };
        let Some(i) = slots.index(&name, errors) else {
            continue;
        };
        let value = if slots.is_filled(i) {
            // A duplicate: reported by `put_at`, its value never decoded.
            Slot::Undecodable
        } else {
            match decode_component(raw_value) {
                Some(v) => Slot::Value(v, raw_value.contains('+')),
                None => {
                    errors.push_with(|| {
                        FieldError::new(
                            pointer_join("", &name),
                            ErrorCode::InvalidEncoding,
                            "is not UTF-8 once percent-decoded",
                        )
                    });
                    Slot::Undecodable
                }
            }
        };
        slots.put_at(i, &name, value, errors);
    }
    slots.finish().map(|slot| slot.unwrap_or(Slot::Absent))
}
