//! The table of stable error codes: one list generates the enum, its strings, each
//! code's meaning, [`ErrorCode::ALL`] and the table on [`ErrorCode`]'s page, so they
//! cannot drift apart.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// Generates [`ErrorCode`], its string and meaning tables and its documented table of
/// codes from one list: `Variant => "code": "meaning",`, each entry optionally preceded by
/// more documentation for the variant.
macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal: $meaning:literal, )*) => {
        /// A stable, machine-readable error code.
        ///
        #[doc = include_str!("../../docs/error-codes.md")]
        ///
        /// | code | meaning |
        /// | --- | --- |
        $( #[doc = concat!("| `", $code, "` | ", $meaning, " |")] )*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(
                #[doc = concat!($meaning, ".")]
                ///
                $(#[$doc])*
                $variant,
            )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The snake_case code, e.g. `"phone_country_mismatch"`.
            ///
            /// ```
            /// use customer_core::ErrorCode;
            /// assert_eq!(ErrorCode::PhoneCountryMismatch.as_str(), "phone_country_mismatch");
            /// ```
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( ErrorCode::$variant => $code, )*
                }
            }

            /// What the code means, in one sentence of Markdown (the table above), for
            /// documentation and client tooling; never shown as an error's `detail`,
            /// which says what went wrong in the request itself.
            ///
            /// ```
            /// use customer_core::ErrorCode;
            /// assert_eq!(ErrorCode::Required.meaning(), "A required field missing, `null` or blank");
            /// ```
            #[must_use]
            pub const fn meaning(self) -> &'static str {
                match self {
                    $( ErrorCode::$variant => $meaning, )*
                }
            }

            /// The code spelled `s`, if there is one.
            #[must_use]
            pub fn from_code(s: &str) -> Option<ErrorCode> {
                match s {
                    $( $code => Some(ErrorCode::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

error_codes! {
    InvalidJson => "invalid_json":
        "The body is not JSON (syntax, UTF-8, lone surrogates, a number beyond `f64` such as \
         `1e400`, objects and arrays nested 128 levels deep anywhere in the body); the message \
         gives the body's line and column",
    /// The limit is [`MAX_BODY_BYTES`](crate::limits::MAX_BODY_BYTES).
    PayloadTooLarge => "payload_too_large": "The body is over 64 KiB",
    InvalidType => "invalid_type":
        "A value of the wrong JSON type, or a body that is not an object",
    UnknownField => "unknown_field":
        "A field the schema does not have (with a hint for near misses such as `zipcode`)",
    DuplicateField => "duplicate_field": "The same field twice in one object",
    Required => "required": "A required field missing, `null` or blank",
    TooLong => "too_long": "A value over its length limit",
    InvalidCharacters => "invalid_characters":
        "A name or address character outside its rule (named, with its position)",
    InvalidEmail => "invalid_email":
        "Not a valid email address (the message says what: a character and its position, a \
         misplaced dot, an invalid `xn--` label, a special-use domain…)",
    InvalidPhoneFormat => "invalid_phone_format": "Not strict E.164 (`+` and 1 to 15 digits)",
    InvalidPhoneNumber => "invalid_phone_number":
        "E.164, but not a valid number in any numbering plan",
    PhoneCountryMismatch => "phone_country_mismatch":
        "A valid number that is not valid for the billing country (both named)",
    InvalidCountry => "invalid_country":
        "Not an assigned ISO 3166-1 alpha-2 code (with a suggestion when obvious)",
    InvalidId => "invalid_id":
        "Not an id of the field's form (a canonical UUID, a `bcus_` id, a TypeID)",
    InvalidTimestamp => "invalid_timestamp":
        "Not an RFC 3339 date-time, or finer than the field keeps",
    InvalidRange => "invalid_range":
        "A range's bounds in the wrong order (`updated_at` earlier than `created_at`, an update \
         whose `now` is earlier than `created_at`, `created_after` not earlier than \
         `created_before`)",
    UnknownParameter => "unknown_parameter":
        "A query parameter the endpoint does not have (with a hint for near misses such as \
         `Limit`, `starting_after`)",
    DuplicateParameter => "duplicate_parameter": "The same query parameter twice",
    InvalidEncoding => "invalid_encoding":
        "A query parameter's name or value that is not UTF-8 once percent-decoded",
    InvalidLimit => "invalid_limit": "`limit` not an integer from 1 to 100",
    MutuallyExclusive => "mutually_exclusive":
        "Two parameters that cannot be sent together (`after` and `before`)",
    InvalidCursor => "invalid_cursor":
        "A cursor this API did not issue, that was changed, or whose key is retired",
    CursorMismatch => "cursor_mismatch":
        "A genuine cursor sent with other filters or sort, or in the other parameter",
    InvalidSort => "invalid_sort": "`sort` not `created_at:asc` or `created_at:desc`",
    InvalidCurrency => "invalid_currency":
        "Not an active ISO 4217 alphabetic code with minor units (with a hint for `zar` → `ZAR`)",
    NotAnInteger => "not_an_integer":
        "An amount written with a fraction or an exponent (`20.5`, `1e3`, `2000.0`)",
    OutOfRange => "out_of_range": "An integer outside its range (a balance beyond `i64`)",
    TooManyKeys => "too_many_keys": "Metadata with more than 50 keys",
    InvalidMetadataKey => "invalid_metadata_key":
        "A metadata key that is empty, over 40 characters, or has `[`, `]` or a control character",
    TooLarge => "too_large":
        "A free-form JSON object (`custom_data`, `payment_rules`) over its limits (8 KiB, depth 5, \
         100 members)",
    InvalidStatus => "invalid_status": "`status` not `active`, `inactive` or `suspended`",
    DuplicateEmail => "duplicate_email": "409 Conflict: a customer with this email address exists",
    MissingApiKey => "missing_api_key":
        "401: no `Authorization` header, or not the `Bearer` scheme",
    InvalidApiKey => "invalid_api_key":
        "401: a malformed key, a bad checksum, or a key the service does not know or has revoked",
    InsufficientPermissions => "insufficient_permissions":
        "403: a genuine key whose kind may not perform the operation (a publishable key listing or \
         reading customers)",
    RateLimited => "rate_limited":
        "429: a rate-limit quota refuses the request (`violated-policies` names it)",
    InvalidIdempotencyKey => "invalid_idempotency_key":
        "400: `Idempotency-Key` not 1–255 visible ASCII characters, bare or quoted",
    IdempotencyKeyInUse => "idempotency_key_in_use":
        "409: a request with the same idempotency key is still in flight",
    IdempotencyKeyReused => "idempotency_key_reused":
        "422: the idempotency key was used for a different request",
    ReadOnly => "read_only":
        "An update sets a member the API owns (`id`, `created_at`, `updated_at`, the billing \
         profile's `payment_rules`), whatever the value",
    PreconditionFailed => "precondition_failed":
        "412: the stored record changed since the client read it (`If-Match` or `updated_at`), a \
         problem of type `/problems/precondition-failed`",
    InvalidPrecondition => "invalid_precondition":
        "An `If-Match` value that is not `*` or a list of entity tags",
    CurrencyRequired => "currency_required":
        "An update of a billing customer sets `balance` while the customer has no currency (at \
         `/balance`; send `currency` in the same patch)",
    PostalCodeRequired => "postal_code_required":
        "Strict address policy: the country's addresses have a postal code and this one has none \
         (at `/billing_address/zip_code`; the message names the country's format)",
    InvalidPostalCode => "invalid_postal_code":
        "Strict address policy: the postal code is not in the country's format, or too short for \
         it (the message names the format: \"a US ZIP code is 5 digits, optionally followed by -4 \
         digits, e.g. 95014\")",
    StateRequired => "state_required":
        "Strict address policy: the country's addresses name a state (province, prefecture…) and \
         this one has none",
    UnknownState => "unknown_state":
        "Strict address policy: the state is not one of the country's subdivisions by code or by \
         name in any of the data's languages (with a hint when it is another country's: \
         \"Ontario is a province of Canada (CA)\")",
    PostalCodeStateMismatch => "postal_code_state_mismatch":
        "Strict address policy: the postal code is not one of the state's (at \
         `/billing_address/zip_code`)",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The string is not one of [`ErrorCode::ALL`]'s codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a customer-core error code")]
pub struct UnknownErrorCode;

impl FromStr for ErrorCode {
    type Err = UnknownErrorCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ErrorCode::from_code(s).ok_or(UnknownErrorCode)
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = crate::request::raw::CowStr::deserialize(deserializer)?;
        ErrorCode::from_code(&s.0).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "`{}` is not a customer-core error code",
                crate::text::truncate(&s.0, 64)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn codes_and_meanings_are_distinct_sentences() {
        let mut codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        let mut meanings: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.meaning()).collect();
        for meaning in &meanings {
            let first = meaning.chars().next().unwrap_or(' ');
            assert!(
                first.is_ascii_uppercase() || first.is_ascii_digit() || first == '`',
                "{meaning:?} starts a sentence"
            );
            assert!(
                !meaning.ends_with('.'),
                "{meaning:?}: the table adds no period"
            );
            assert!(
                !meaning.contains('|'),
                "{meaning:?} would split its table row"
            );
        }
        codes.sort_unstable();
        codes.dedup();
        meanings.sort_unstable();
        meanings.dedup();
        assert_eq!(codes.len(), ErrorCode::ALL.len());
        assert_eq!(meanings.len(), ErrorCode::ALL.len());
    }

    /// The last column of `docs/rules.md` names codes of this table, and only those.
    #[test]
    fn rules_table_names_only_real_codes() {
        let rules = include_str!("../../docs/rules.md");
        let rows: Vec<&str> = rules
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| field") && !l.starts_with("| ---"))
            .collect();
        assert!(rows.len() >= 8, "the rules table has its rows");
        for row in rows {
            let cells: Vec<&str> = row.trim_end().trim_end_matches('|').split('|').collect();
            assert_eq!(cells.len(), 4, "three columns in {row}");
            let codes = cells.last().copied().unwrap_or_default();
            for code in codes.split(',').map(str::trim) {
                let code = code.trim_matches('`');
                assert!(
                    ErrorCode::from_code(code).is_some(),
                    "docs/rules.md names `{code}`, which is not a code"
                );
            }
        }
    }

    /// Every `[pointer, code]` the create-customer case table expects is listed in the
    /// rules table's row for that field (`invalid_type` applies to any field, as the table
    /// says; a field sent twice, and a name the table does not have, are the body's
    /// `duplicate_field` and `unknown_field`).
    #[test]
    fn rules_table_lists_the_codes_the_cases_expect() {
        let rules = include_str!("../../docs/rules.md");
        let rows: Vec<(Vec<String>, &str)> = rules
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| field") && !l.starts_with("| ---"))
            .map(|row| {
                let cells: Vec<&str> = row.trim_end().trim_end_matches('|').split('|').collect();
                let names = cells[1]
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect();
                (names, cells[3])
            })
            .collect();
        let row_for = |name: &str| {
            rows.iter()
                .find(|(names, _)| names.iter().any(|n| n == name))
        };
        let body = rows
            .iter()
            .find(|(names, _)| names.is_empty())
            .map(|(_, codes)| *codes);

        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/create_customer.json")).unwrap();
        let mut checked = 0;
        for case in cases["cases"].as_array().unwrap() {
            let Some(errors) = case["expect"]["errors"].as_array() else {
                continue;
            };
            for error in errors {
                let pointer = error[0].as_str().unwrap();
                let code = error[1].as_str().unwrap();
                if code == "invalid_type" {
                    continue;
                }
                let dotted = pointer.trim_start_matches('/').replace('/', ".");
                let top = dotted.split('.').next().unwrap_or_default();
                let codes = if code == "duplicate_field" {
                    body
                } else {
                    row_for(&dotted)
                        .or_else(|| row_for(top))
                        .map(|(_, codes)| *codes)
                        .or(body)
                };
                let codes = codes.unwrap();
                assert!(
                    codes.contains(&format!("`{code}`")),
                    "docs/rules.md: the row for {pointer} does not list `{code}` ({})",
                    case["name"]
                );
                checked += 1;
            }
        }
        assert!(
            checked > 20,
            "the case table has errors to check ({checked})"
        );
    }
}
