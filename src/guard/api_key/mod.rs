//! API keys: the `Authorization: Bearer` header, the key's kind and mode, an optional
//! checksum, a lookup digest, permissions, and the 401/403 answers.
//!
//! # Format
//!
//! `<prefix><body>`:
//!
//! | prefix | kind | mode |
//! | --- | --- | --- |
//! | `sk_test_` | secret | test |
//! | `sk_live_`, `sk_` | secret | live |
//! | `pk_test_` | publishable | test |
//! | `pk_live_`, `pk_` | publishable | live |
//!
//! The body is [`MIN_BODY_CHARS`] to [`MAX_BODY_CHARS`] ASCII letters and digits (so
//! `sk_test_…` can never be read as `sk_` with a body starting `test_`). With
//! [`KeyFormat::Checksummed`], the body's last [`CHECKSUM_CHARS`] characters are the
//! CRC32 (IEEE) of everything before them, prefix included, in base62, left-padded with
//! `0`, as GitHub's token format does: a mistyped or truncated key is refused before any
//! store lookup, and a changed prefix (`sk_test_` → `sk_live_`) fails the checksum too.
//! [`ApiKey::generate`] mints such keys from random bytes the service passes in.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::{GuardProblem, hex_serde, trim_ows};
use crate::error::ErrorCode;

/// The fewest body characters a key may have (after the prefix).
pub const MIN_BODY_CHARS: usize = 16;
/// The most body characters a key may have (Stripe's longest keys have about 100).
pub const MAX_BODY_CHARS: usize = 128;
/// Characters of the checksum at the end of a [`KeyFormat::Checksummed`] body.
pub const CHECKSUM_CHARS: usize = 6;
/// Body characters of a key from [`ApiKey::generate`]: 43 for 256 random bits, then the
/// checksum.
pub const GENERATED_BODY_CHARS: usize = RANDOM_CHARS + CHECKSUM_CHARS;
/// The fewest bytes a [`KeyPepper`] may have.
pub const MIN_PEPPER_BYTES: usize = 32;

const RANDOM_CHARS: usize = 43;
const LONGEST_PREFIX: usize = 8;
/// Longer input is refused before any other work.
const MAX_KEY_BYTES: usize = LONGEST_PREFIX + MAX_BODY_CHARS;
/// An `Authorization` value longer than this is refused before any other work.
const MAX_HEADER_BYTES: usize = 1024;
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGEST_CONTEXT: &[u8] = b"customer-core/api-key/v1\0";

/// What a key may do: secret keys everything, publishable keys only what a browser or
/// app may do on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum KeyKind {
    /// `sk_…`: server-side, every operation.
    Secret,
    /// `pk_…`: client-side, create only (see [`Operation`]).
    Publishable,
}

/// Test or live data. Rate limits and idempotency records are scoped by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyMode {
    /// `…_test_`: development and testing (spec 002), 100 requests/minute (spec 000).
    Test,
    /// `…_live_` or no mode: production, 1000 requests/minute.
    Live,
}

impl KeyMode {
    /// `"test"` or `"live"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyMode::Test => "test",
            KeyMode::Live => "live",
        }
    }
}

/// The Customers API's operations, for permissions and rate-limit policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// `POST /customers`: secret and publishable keys (a sign-up or checkout form creates
    /// its customer; the response only echoes what the client sent).
    CreateCustomer,
    /// `GET /customers/{id}`: secret keys only.
    RetrieveCustomer,
    /// `GET /customers`: secret keys only.
    ListCustomers,
}

impl Operation {
    /// Whether a key of `kind` may perform this operation.
    ///
    /// ```
    /// use customer_core::guard::{KeyKind, Operation};
    /// assert!(Operation::CreateCustomer.permits(KeyKind::Publishable));
    /// assert!(!Operation::ListCustomers.permits(KeyKind::Publishable));
    /// assert!(Operation::ListCustomers.permits(KeyKind::Secret));
    /// ```
    #[must_use]
    pub const fn permits(self, kind: KeyKind) -> bool {
        match (kind, self) {
            (KeyKind::Secret, _) | (KeyKind::Publishable, Operation::CreateCustomer) => true,
            (KeyKind::Publishable, Operation::RetrieveCustomer | Operation::ListCustomers) => false,
        }
    }

    const fn describe(self) -> &'static str {
        match self {
            Operation::CreateCustomer => "create customers",
            Operation::RetrieveCustomer => "read customers",
            Operation::ListCustomers => "list customers",
        }
    }
}

/// Whether keys carry a checksum (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyFormat {
    /// Prefix and body only, as the specs' example keys (`sk_test_4eC39HqLyjWDarjtT1zdp7dc`).
    Plain,
    /// The body ends with a CRC32 checksum, as [`ApiKey::generate`] writes.
    Checksummed,
}

/// A well-formed API key. The whole key is never shown: `Debug` and `Display` give the
/// prefix and the body's last four characters.
///
/// ```
/// use customer_core::guard::{ApiKey, KeyFormat, KeyKind, KeyMode};
///
/// let key = ApiKey::parse("sk_test_4eC39HqLyjWDarjtT1zdp7dc", KeyFormat::Plain).unwrap();
/// assert_eq!((key.kind(), key.mode()), (KeyKind::Secret, KeyMode::Test));
/// assert_eq!(key.to_string(), "sk_test_…p7dc");
/// assert_eq!(format!("{key:?}"), "ApiKey(sk_test_…p7dc)");
/// assert!(ApiKey::parse("sk_test_4eC39HqLyjWDarjtT1zdp7dc", KeyFormat::Checksummed).is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ApiKey {
    text: String,
    prefix_len: usize,
    kind: KeyKind,
    mode: KeyMode,
}

/// Why a string is not an API key (`invalid_api_key`). Messages never contain the key or
/// any character of it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApiKeyError {
    /// Longer than any key can be.
    #[error("the API key is longer than {MAX_KEY_BYTES} characters")]
    TooLong,
    /// No known prefix.
    #[error("the API key does not start with sk_test_, sk_live_, sk_, pk_test_, pk_live_ or pk_")]
    UnknownPrefix,
    /// A character outside ASCII letters and digits in the body (its 1-based position in
    /// the key).
    #[error("the API key has a character other than a letter or digit at position {position}")]
    InvalidCharacter {
        /// 1-based position in the key, prefix included.
        position: usize,
    },
    /// The body is shorter than [`MIN_BODY_CHARS`] (or than a checksum needs).
    #[error("the API key is too short")]
    TooShort,
    /// The checksum does not match: a typo, or a truncated key.
    #[error("the API key's checksum does not match (mistyped or truncated)")]
    Checksum,
}

impl ApiKeyError {
    /// Always `invalid_api_key`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidApiKey
    }
}

impl ApiKey {
    /// Parses a key (the bearer token, not the whole header).
    pub fn parse(input: &str, format: KeyFormat) -> Result<ApiKey, ApiKeyError> {
        if input.len() > MAX_KEY_BYTES {
            return Err(ApiKeyError::TooLong);
        }
        let (prefix_len, kind, mode) = split_prefix(input).ok_or(ApiKeyError::UnknownPrefix)?;
        let body = input.get(prefix_len..).ok_or(ApiKeyError::UnknownPrefix)?;
        if let Some(i) = body.bytes().position(|b| !b.is_ascii_alphanumeric()) {
            return Err(ApiKeyError::InvalidCharacter {
                position: prefix_len.saturating_add(i).saturating_add(1),
            });
        }
        if body.len() < MIN_BODY_CHARS {
            return Err(ApiKeyError::TooShort);
        }
        if format == KeyFormat::Checksummed {
            let split = input
                .len()
                .checked_sub(CHECKSUM_CHARS)
                .ok_or(ApiKeyError::TooShort)?;
            let (covered, sum) = input.split_at_checked(split).ok_or(ApiKeyError::TooShort)?;
            if base62_checksum(covered.as_bytes()) != sum.as_bytes() {
                return Err(ApiKeyError::Checksum);
            }
        }
        Ok(ApiKey {
            text: input.to_owned(),
            prefix_len,
            kind,
            mode,
        })
    }

    /// Mints a checksummed key from 32 random bytes the service draws from its CSPRNG
    /// (e.g. `getrandom`): the prefix `sk_test_`, `sk_live_`, `pk_test_` or `pk_live_`
    /// (the explicit spelling, which secret scanners recognise; `sk_`/`pk_` are read but
    /// never written), the 256 bits in base62 (43 characters), then the checksum.
    ///
    /// ```
    /// use customer_core::guard::{ApiKey, KeyFormat, KeyKind, KeyMode};
    ///
    /// let key = ApiKey::generate(KeyKind::Secret, KeyMode::Live, &[42; 32]);
    /// let shown_once = key.expose_secret().to_owned();
    /// assert!(shown_once.starts_with("sk_live_") && shown_once.len() == 8 + 49);
    /// assert_eq!(ApiKey::parse(&shown_once, KeyFormat::Checksummed).unwrap(), key);
    /// ```
    #[must_use]
    pub fn generate(kind: KeyKind, mode: KeyMode, random: &[u8; 32]) -> ApiKey {
        let prefix = match (kind, mode) {
            (KeyKind::Secret, KeyMode::Test) => "sk_test_",
            (KeyKind::Secret, KeyMode::Live) => "sk_live_",
            (KeyKind::Publishable, KeyMode::Test) => "pk_test_",
            (KeyKind::Publishable, KeyMode::Live) => "pk_live_",
        };
        let mut text = String::with_capacity(prefix.len().saturating_add(GENERATED_BODY_CHARS));
        text.push_str(prefix);
        // The 256-bit number in base62, most significant digit first, fixed width.
        let mut number = *random;
        let mut digits = [b'0'; RANDOM_CHARS];
        for slot in digits.iter_mut().rev() {
            let mut rem: u16 = 0;
            for byte in &mut number {
                let acc = (rem << 8) | u16::from(*byte);
                *byte = u8::try_from(acc / 62).unwrap_or(0);
                rem = acc % 62;
            }
            *slot = BASE62.get(usize::from(rem)).copied().unwrap_or(b'0');
        }
        text.extend(digits.iter().map(|b| char::from(*b)));
        let sum = base62_checksum(text.as_bytes());
        text.extend(sum.iter().map(|b| char::from(*b)));
        ApiKey {
            text,
            prefix_len: prefix.len(),
            kind,
            mode,
        }
    }

    /// Secret or publishable.
    #[must_use]
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// Test or live.
    #[must_use]
    pub fn mode(&self) -> KeyMode {
        self.mode
    }

    /// The prefix as written (`sk_test_`, `sk_`…).
    #[must_use]
    pub fn prefix(&self) -> &str {
        self.text.get(..self.prefix_len).unwrap_or_default()
    }

    /// The masked form for logs and dashboards: the prefix, `…` and the last four
    /// characters (what `Display` writes).
    #[must_use]
    pub fn masked(&self) -> String {
        self.to_string()
    }

    /// The whole key: only to show a newly minted key to its owner, once.
    #[must_use]
    pub fn expose_secret(&self) -> &str {
        &self.text
    }

    /// The digest to store and look the key up by: HMAC-SHA-256 under the service's
    /// pepper. A leaked key table without the pepper lets nobody test guesses offline.
    ///
    /// ```
    /// use customer_core::guard::{ApiKey, KeyFormat, KeyPepper};
    ///
    /// let pepper = KeyPepper::new(b"a server-side pepper of 32 bytes").unwrap();
    /// let key = ApiKey::parse("sk_test_4eC39HqLyjWDarjtT1zdp7dc", KeyFormat::Plain).unwrap();
    /// let stored = key.digest(&pepper).to_hex(); // kept in the key table, indexed
    /// assert_eq!(stored.len(), 64);
    /// assert!(key.verify_digest(&pepper, key.digest(&pepper).as_bytes()));
    /// ```
    #[must_use]
    pub fn digest(&self, pepper: &KeyPepper) -> KeyDigest {
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(&self.mac(pepper).finalize().into_bytes());
        KeyDigest(bytes)
    }

    /// Whether `stored` is this key's digest, compared in constant time.
    #[must_use]
    pub fn verify_digest(&self, pepper: &KeyPepper, stored: &[u8]) -> bool {
        self.mac(pepper).verify_slice(stored).is_ok()
    }

    fn mac(&self, pepper: &KeyPepper) -> Hmac<Sha256> {
        let mut mac = pepper.mac.clone();
        mac.update(DIGEST_CONTEXT);
        mac.update(self.text.as_bytes());
        mac
    }

    /// `Ok` when this key's kind may perform `operation`, else the 403.
    pub fn authorize(&self, operation: Operation) -> Result<(), AuthError> {
        if operation.permits(self.kind) {
            Ok(())
        } else {
            Err(AuthError::Forbidden {
                kind: self.kind,
                operation,
            })
        }
    }

    /// Parses an `Authorization` header value (`None` when the request has none):
    /// `Bearer`, in any case, one space or more, the key, nothing else. Whitespace around
    /// the whole value is ignored (RFC 9110 §5.5).
    ///
    /// ```
    /// use customer_core::guard::{ApiKey, AuthError, KeyFormat};
    ///
    /// let header = b"bearer   sk_test_4eC39HqLyjWDarjtT1zdp7dc";
    /// assert!(ApiKey::from_authorization(Some(header), KeyFormat::Plain).is_ok());
    /// let missing = ApiKey::from_authorization(None, KeyFormat::Plain).unwrap_err();
    /// assert_eq!(missing.status(), 401);
    /// assert_eq!(missing.www_authenticate("api"), r#"Bearer realm="api""#);
    /// let basic = ApiKey::from_authorization(Some(b"Basic dXNlcjpwYXNz"), KeyFormat::Plain);
    /// assert_eq!(basic.unwrap_err(), AuthError::UnsupportedScheme);
    /// ```
    pub fn from_authorization(
        header: Option<&[u8]>,
        format: KeyFormat,
    ) -> Result<ApiKey, AuthError> {
        let value = trim_ows(header.ok_or(AuthError::Missing)?);
        if value.is_empty() {
            return Err(AuthError::Missing);
        }
        if value.len() > MAX_HEADER_BYTES {
            return Err(AuthError::Malformed);
        }
        let Some(space) = value.iter().position(|b| *b == b' ') else {
            // One word: `Bearer` alone is a Bearer attempt without a token; anything else
            // (a bare key, as spec 001's examples send) is no Bearer credential at all.
            return Err(if value.eq_ignore_ascii_case(b"bearer") {
                AuthError::Malformed
            } else {
                AuthError::UnsupportedScheme
            });
        };
        let (scheme, rest) = value.split_at_checked(space).ok_or(AuthError::Malformed)?;
        if !scheme.eq_ignore_ascii_case(b"bearer") {
            return Err(AuthError::UnsupportedScheme);
        }
        let token = trim_ows(rest);
        if token.is_empty() || token.iter().any(|b| matches!(b, b' ' | b'\t')) {
            return Err(AuthError::Malformed);
        }
        if rest.iter().take_while(|b| **b == b' ').count() != rest.len().saturating_sub(token.len())
        {
            // A tab between the scheme and the token: RFC 6750 allows spaces only.
            return Err(AuthError::Malformed);
        }
        let token = std::str::from_utf8(token).map_err(|_| AuthError::Malformed)?;
        ApiKey::parse(token, format).map_err(AuthError::InvalidKey)
    }
}

/// Parses the `Authorization` header and checks the key may perform `operation`: the
/// first guard of every request. The service then looks [`ApiKey::digest`] up in its
/// key table and answers [`AuthError::UnknownKey`] when it is not there or revoked.
pub fn authenticate(
    header: Option<&[u8]>,
    format: KeyFormat,
    operation: Operation,
) -> Result<ApiKey, AuthError> {
    let key = ApiKey::from_authorization(header, format)?;
    key.authorize(operation)?;
    Ok(key)
}

fn split_prefix(input: &str) -> Option<(usize, KeyKind, KeyMode)> {
    const PREFIXES: [(&str, KeyKind, KeyMode); 6] = [
        ("sk_test_", KeyKind::Secret, KeyMode::Test),
        ("sk_live_", KeyKind::Secret, KeyMode::Live),
        ("pk_test_", KeyKind::Publishable, KeyMode::Test),
        ("pk_live_", KeyKind::Publishable, KeyMode::Live),
        ("sk_", KeyKind::Secret, KeyMode::Live),
        ("pk_", KeyKind::Publishable, KeyMode::Live),
    ];
    PREFIXES
        .iter()
        .find(|(p, _, _)| input.starts_with(p))
        .map(|(p, kind, mode)| (p.len(), *kind, *mode))
}

/// CRC32 (IEEE) of `covered` in base62, six digits, left-padded with `0`.
fn base62_checksum(covered: &[u8]) -> [u8; CHECKSUM_CHARS] {
    let mut n = crc32fast::hash(covered);
    let mut out = [b'0'; CHECKSUM_CHARS];
    for slot in out.iter_mut().rev() {
        *slot = BASE62.get((n % 62) as usize).copied().unwrap_or(b'0');
        n /= 62;
    }
    out
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last4 = self
            .text
            .get(self.text.len().saturating_sub(4)..)
            .unwrap_or_default();
        write!(f, "{}…{last4}", self.prefix())
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({self})")
    }
}

/// The server-side secret the lookup digests are keyed with (at least
/// [`MIN_PEPPER_BYTES`] bytes, from the service's secret store). `Debug` shows
/// `<redacted>`.
#[derive(Clone)]
pub struct KeyPepper {
    mac: Hmac<Sha256>,
}

/// The pepper is shorter than [`MIN_PEPPER_BYTES`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a key pepper must have at least {MIN_PEPPER_BYTES} bytes, found {0}")]
pub struct KeyPepperError(pub usize);

impl KeyPepper {
    /// A pepper from at least [`MIN_PEPPER_BYTES`] secret bytes.
    pub fn new(secret: &[u8]) -> Result<KeyPepper, KeyPepperError> {
        if secret.len() < MIN_PEPPER_BYTES {
            return Err(KeyPepperError(secret.len()));
        }
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret)
            .map_err(|_| KeyPepperError(secret.len()))?;
        Ok(KeyPepper { mac })
    }
}

impl fmt::Debug for KeyPepper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyPepper(<redacted>)")
    }
}

/// HMAC-SHA-256 of a key under a [`KeyPepper`]: what the key table stores and is indexed
/// by. Serializes as 64 lowercase hex digits. To compare with a stored digest, use
/// [`ApiKey::verify_digest`] (constant time); this type has no `==`.
#[derive(Clone, Copy)]
pub struct KeyDigest([u8; 32]);

hex_serde!(KeyDigest, 32, "64 hex digits");

impl KeyDigest {
    /// The 32 bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// 64 lowercase hex digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        super::to_hex(&self.0)
    }
}

impl fmt::Debug for KeyDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyDigest({})", self.to_hex())
    }
}

/// Why a request is not authenticated (401) or not allowed (403), per RFC 9110 §15.5.2
/// and §15.5.4 and RFC 6750 §3.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// No `Authorization` header (401, `WWW-Authenticate` without an error code).
    #[error("the request has no API key; send `Authorization: Bearer <key>`")]
    Missing,
    /// Another scheme (`Basic`…), or a bare key without `Bearer` (401, no error code: RFC
    /// 6750 §3 treats an unsupported method as no authentication).
    #[error("the Authorization header must use the Bearer scheme: `Authorization: Bearer <key>`")]
    UnsupportedScheme,
    /// `Bearer` with no token, more than one, or a tab before it (401,
    /// `error="invalid_token"`).
    #[error("the Authorization header must be `Bearer` and one API key, nothing else")]
    Malformed,
    /// A Bearer token that is not a well-formed key (401, `error="invalid_token"`).
    #[error("{0}")]
    InvalidKey(ApiKeyError),
    /// Well formed, but unknown or revoked: the service's key table says so (401,
    /// `error="invalid_token"`).
    #[error("the API key is not valid (unknown or revoked)")]
    UnknownKey,
    /// The key's kind may not perform the operation (403,
    /// `error="insufficient_scope"`).
    #[error("a {} key may not {}; use a secret key", kind_name(*kind), operation.describe())]
    Forbidden {
        /// The key's kind.
        kind: KeyKind,
        /// What it tried.
        operation: Operation,
    },
}

fn kind_name(kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::Secret => "secret",
        KeyKind::Publishable => "publishable",
    }
}

impl AuthError {
    /// 401, or 403 for [`AuthError::Forbidden`].
    #[must_use]
    pub fn status(&self) -> u16 {
        match self {
            AuthError::Forbidden { .. } => 403,
            _ => 401,
        }
    }

    /// `missing_api_key`, `invalid_api_key` or `insufficient_permissions`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            AuthError::Missing | AuthError::UnsupportedScheme => ErrorCode::MissingApiKey,
            AuthError::Malformed | AuthError::InvalidKey(_) | AuthError::UnknownKey => {
                ErrorCode::InvalidApiKey
            }
            AuthError::Forbidden { .. } => ErrorCode::InsufficientPermissions,
        }
    }

    /// The RFC 6750 `error` attribute, if any.
    #[must_use]
    pub fn bearer_error(&self) -> Option<&'static str> {
        match self {
            AuthError::Missing | AuthError::UnsupportedScheme => None,
            AuthError::Malformed | AuthError::InvalidKey(_) | AuthError::UnknownKey => {
                Some("invalid_token")
            }
            AuthError::Forbidden { .. } => Some("insufficient_scope"),
        }
    }

    /// The `WWW-Authenticate` value: `Bearer realm="…"`, then `error="…"` when RFC 6750
    /// §3.1 gives one. `realm` is written as a quoted-string (`"` and `\` escaped,
    /// controls dropped). Send it with every 401 (RFC 9110 requires it) and with 403.
    ///
    /// ```
    /// use customer_core::guard::AuthError;
    /// assert_eq!(
    ///     AuthError::UnknownKey.www_authenticate("customers"),
    ///     r#"Bearer realm="customers", error="invalid_token""#
    /// );
    /// ```
    #[must_use]
    pub fn www_authenticate(&self, realm: &str) -> String {
        let mut out = String::with_capacity(realm.len().saturating_add(48));
        out.push_str("Bearer realm=\"");
        for c in realm.chars().filter(|c| !c.is_control()) {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        if let Some(error) = self.bearer_error() {
            out.push_str(", error=\"");
            out.push_str(error);
            out.push('"');
        }
        out
    }

    /// The problem+json body. It never contains the key.
    #[must_use]
    pub fn problem(&self) -> GuardProblem {
        let (type_, title) = match self {
            AuthError::Forbidden { .. } => (
                "/problems/insufficient-permissions",
                "This API key may not do that.",
            ),
            _ => ("/problems/unauthorized", "A valid API key is required."),
        };
        GuardProblem::new(type_, title, self.status(), self.code(), self.to_string())
    }
}

#[cfg(test)]
mod tests;
