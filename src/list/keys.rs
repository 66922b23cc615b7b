//! The cursor key ring: the secrets cursors are signed and verified with.
//!
//! [`CursorKey`] is a secret of at least [`MIN_SECRET_BYTES`] bytes with a one-byte id.
//! [`CursorKeys`] signs with one key and verifies with it and any number of older ones.
//! To rotate: add the new key as a verifying key everywhere, then make it the signing key
//! (keeping the old one as a verifying key), and drop the old key once its cursors no
//! longer matter; cursors it signed then fail with `invalid_cursor`. Secrets never appear
//! in `Debug` output or in messages.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The shortest secret [`CursorKey::new`] accepts (256 bits).
pub const MIN_SECRET_BYTES: usize = 32;
/// Domain separation for the tag: a key shared with another use cannot mint cursors.
const TAG_CONTEXT: &[u8] = b"customer-core/cursor/v1";

/// A secret for signing and verifying cursors, with a one-byte id so keys can rotate.
///
/// The secret is at least [`MIN_SECRET_BYTES`] random bytes, generated and stored by the
/// service (this crate makes no randomness). `Debug` never shows it.
///
/// ```
/// use customer_core::list::CursorKey;
///
/// let key = CursorKey::new(3, b"0123456789abcdef0123456789abcdef").unwrap();
/// assert_eq!(key.id(), 3);
/// assert_eq!(format!("{key:?}"), "CursorKey { id: 3, secret: <redacted> }");
/// assert!(CursorKey::new(3, b"short").is_err());
/// ```
#[derive(Clone)]
pub struct CursorKey {
    id: u8,
    /// HMAC-SHA256 already keyed: cloning it skips re-hashing the secret per cursor.
    mac: Hmac<Sha256>,
}

/// Why a key or key ring cannot be built. Messages never contain the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CursorKeyError {
    /// The secret is shorter than [`MIN_SECRET_BYTES`].
    #[error("a cursor secret must have at least {MIN_SECRET_BYTES} bytes, found {0}")]
    TooShort(usize),
    /// Two keys in one [`CursorKeys`] share an id.
    #[error("cursor key id {0} is used twice")]
    DuplicateId(u8),
}

impl CursorKey {
    /// A key with id `id` and secret `secret` (at least [`MIN_SECRET_BYTES`] bytes).
    pub fn new(id: u8, secret: &[u8]) -> Result<CursorKey, CursorKeyError> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(CursorKeyError::TooShort(secret.len()));
        }
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret)
            .map_err(|_| CursorKeyError::TooShort(secret.len()))?;
        Ok(CursorKey { id, mac })
    }

    /// The key id written into every cursor it signs.
    #[must_use]
    pub fn id(&self) -> u8 {
        self.id
    }

    /// The HMAC state after the context and `body`: what a cursor's tag is cut from.
    pub(crate) fn mac_over(&self, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        mac.update(TAG_CONTEXT);
        mac.update(body);
        mac
    }
}

impl fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CursorKey {{ id: {}, secret: <redacted> }}", self.id)
    }
}

/// The keys a service accepts cursors under: one that signs, and older ones that still
/// verify.
///
/// ```
/// use customer_core::{list::{CursorKey, CursorKeys}};
///
/// let old = CursorKey::new(1, &[1; 32]).unwrap();
/// let new = CursorKey::new(2, &[2; 32]).unwrap();
/// let keys = CursorKeys::new(new.clone()).with_verifying(old).unwrap();
/// assert_eq!(keys.signing().id(), 2);
/// assert!(keys.get(1).is_some() && keys.get(3).is_none());
/// assert!(CursorKeys::new(new.clone()).with_verifying(new).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct CursorKeys {
    signing: CursorKey,
    verifying: Vec<CursorKey>,
}

impl CursorKeys {
    /// A ring that signs and verifies with `signing` only.
    #[must_use]
    pub fn new(signing: CursorKey) -> Self {
        CursorKeys {
            signing,
            verifying: Vec::new(),
        }
    }

    /// Adds a key that verifies but no longer signs. Its id must be new to the ring.
    pub fn with_verifying(mut self, key: CursorKey) -> Result<Self, CursorKeyError> {
        if self.get(key.id).is_some() {
            return Err(CursorKeyError::DuplicateId(key.id));
        }
        self.verifying.push(key);
        Ok(self)
    }

    /// The key new cursors are signed with.
    #[must_use]
    pub fn signing(&self) -> &CursorKey {
        &self.signing
    }

    /// The key with id `id`, signing or verifying.
    #[must_use]
    pub fn get(&self, id: u8) -> Option<&CursorKey> {
        if self.signing.id == id {
            return Some(&self.signing);
        }
        self.verifying.iter().find(|k| k.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_secrets_and_reused_ids_are_refused() {
        assert_eq!(
            CursorKey::new(1, &[0; 31]).unwrap_err(),
            CursorKeyError::TooShort(31)
        );
        let ring = CursorKeys::new(CursorKey::new(1, &[1; 32]).unwrap());
        let again = CursorKey::new(1, &[2; 32]).unwrap();
        assert_eq!(
            ring.clone().with_verifying(again).unwrap_err(),
            CursorKeyError::DuplicateId(1)
        );
        let ring = ring
            .with_verifying(CursorKey::new(2, &[2; 32]).unwrap())
            .unwrap();
        assert_eq!(ring.signing().id(), 1);
        assert_eq!(ring.get(2).map(CursorKey::id), Some(2));
        assert!(ring.get(3).is_none());
    }
}
