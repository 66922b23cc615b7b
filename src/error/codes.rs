//! The table of stable error codes: one list generates the enum, its strings and
//! [`ErrorCode::ALL`], so they cannot drift apart (the README's table is checked against
//! it by a test).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// Generates [`ErrorCode`] and its string table from one list, so the enum, `as_str`,
/// `ALL` and the README table cannot drift apart.
macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, )*) => {
        /// A stable, machine-readable error code.
        ///
        /// The strings returned by [`ErrorCode::as_str`] are public API: once released a
        /// code is never renamed or reused for another meaning.
        ///
        /// It parses back from its string (`FromStr`, serde's `Deserialize`), so a client
        /// or a test can read the codes of a problem body:
        ///
        /// ```
        /// use customer_core::ErrorCode;
        /// assert_eq!("invalid_country".parse::<ErrorCode>(), Ok(ErrorCode::InvalidCountry));
        /// assert!("no_such_code".parse::<ErrorCode>().is_err());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
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
    /// The body is not valid JSON (syntax, encoding, nesting too deep).
    InvalidJson => "invalid_json",
    /// The body is larger than [`MAX_BODY_BYTES`](crate::MAX_BODY_BYTES).
    PayloadTooLarge => "payload_too_large",
    /// A field has the wrong JSON type (a number where a string is expected…).
    InvalidType => "invalid_type",
    /// A field that the schema does not know; typos such as `zipcode` are caught here.
    UnknownField => "unknown_field",
    /// The same field appears twice in one JSON object.
    DuplicateField => "duplicate_field",
    /// A required field is missing, null or empty.
    Required => "required",
    /// A value is longer than its limit.
    TooLong => "too_long",
    /// A value contains characters its rule does not allow.
    InvalidCharacters => "invalid_characters",
    /// The email address is not a valid address.
    InvalidEmail => "invalid_email",
    /// The phone number is not in strict E.164 form (`+` and 1 to 15 digits).
    InvalidPhoneFormat => "invalid_phone_format",
    /// The phone number is E.164 but not a valid number in any numbering plan.
    InvalidPhoneNumber => "invalid_phone_number",
    /// The phone number is valid, but not for the billing address country.
    PhoneCountryMismatch => "phone_country_mismatch",
    /// The country is not an ISO 3166-1 alpha-2 code.
    InvalidCountry => "invalid_country",
    /// The id is not a UUID in canonical hyphenated form.
    InvalidId => "invalid_id",
    /// The timestamp is not an RFC 3339 date-time.
    InvalidTimestamp => "invalid_timestamp",
    /// The bounds of a range are in the wrong order (`updated_at` before `created_at`,
    /// `created_after` not before `created_before`).
    InvalidRange => "invalid_range",
    /// A query parameter that the endpoint does not know.
    UnknownParameter => "unknown_parameter",
    /// The same query parameter appears more than once.
    DuplicateParameter => "duplicate_parameter",
    /// A query parameter is not valid UTF-8 once percent-decoded.
    InvalidEncoding => "invalid_encoding",
    /// The page size is not an integer from 1 to 100.
    InvalidLimit => "invalid_limit",
    /// Two parameters that cannot be sent together (`after` and `before`).
    MutuallyExclusive => "mutually_exclusive",
    /// The cursor was not issued by this API, was changed, or its key is retired.
    InvalidCursor => "invalid_cursor",
    /// The cursor is genuine but belongs to another query (filters, sort or direction).
    CursorMismatch => "cursor_mismatch",
    /// The sort order is not one of the accepted values.
    InvalidSort => "invalid_sort",
    /// The currency is not an active ISO 4217 alphabetic code with minor units.
    InvalidCurrency => "invalid_currency",
    /// An amount is not a JSON integer (`20.5`, `1e3`, `2000.0`).
    NotAnInteger => "not_an_integer",
    /// An integer is outside its range (a balance beyond `i64`).
    OutOfRange => "out_of_range",
    /// An object has more keys than its limit (metadata: 50).
    TooManyKeys => "too_many_keys",
    /// A metadata key is empty, too long, or has `[`, `]` or control characters.
    InvalidMetadataKey => "invalid_metadata_key",
    /// A free-form JSON value is larger than its limits (bytes, depth or members).
    TooLarge => "too_large",
    /// The status is not one of `active`, `inactive`, `suspended`.
    InvalidStatus => "invalid_status",
    /// A customer with this email address already exists (409 Conflict).
    DuplicateEmail => "duplicate_email",
    /// No API key: no `Authorization` header, or one with another scheme (401).
    MissingApiKey => "missing_api_key",
    /// The API key is malformed, fails its checksum, or is unknown or revoked (401).
    InvalidApiKey => "invalid_api_key",
    /// The API key is genuine but its kind may not perform the operation (403).
    InsufficientPermissions => "insufficient_permissions",
    /// A rate-limit policy refuses the request (429).
    RateLimited => "rate_limited",
    /// The `Idempotency-Key` header is not 1 to 255 visible ASCII characters (400).
    InvalidIdempotencyKey => "invalid_idempotency_key",
    /// A request with the same idempotency key is still being processed (409).
    IdempotencyKeyInUse => "idempotency_key_in_use",
    /// The idempotency key was used for a different request (422).
    IdempotencyKeyReused => "idempotency_key_reused",
    /// A patch sets a field the API owns (`id`, `created_at`, `updated_at`).
    ReadOnly => "read_only",
    /// The stored record changed since the client read it (a 412 problem, not a 400).
    PreconditionFailed => "precondition_failed",
    /// An `If-Match` value that is not `*` or a list of entity tags.
    InvalidPrecondition => "invalid_precondition",
    /// An update sets a balance on a billing customer that has no currency (reported at
    /// `/balance`, naming `currency`).
    CurrencyRequired => "currency_required",
    /// Strict address policy: the country's addresses have a postal code and this one has
    /// none (the message names the country's format).
    PostalCodeRequired => "postal_code_required",
    /// Strict address policy: the postal code is not in the country's format (too short
    /// so far, or not a postal code of the country; the message names the format).
    InvalidPostalCode => "invalid_postal_code",
    /// Strict address policy: the country's addresses name a state (province, prefecture…)
    /// and this one has none.
    StateRequired => "state_required",
    /// Strict address policy: the state is not one of the country's subdivisions by code
    /// or by name (with a hint when it is another country's).
    UnknownState => "unknown_state",
    /// Strict address policy: the postal code is not one of the state's (a Californian
    /// ZIP code in Ontario), reported at `zip_code`.
    PostalCodeStateMismatch => "postal_code_state_mismatch",
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
