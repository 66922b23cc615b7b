//! Field rules: one validated value per file.
//!
//! Each value is a newtype with private fields that stores its canonical form, parsed by
//! one `parse` (which `FromStr`, `TryFrom` and serde's `Deserialize` go through), with its
//! own error enum. A new rule for one field goes here, in the file of its value.

pub(crate) mod address;
pub(crate) mod country;
pub(crate) mod currency;
pub(crate) mod email;
pub(crate) mod full_name;
pub(crate) mod id;
pub(crate) mod json_object;
pub(crate) mod metadata;
pub(crate) mod name;
pub(crate) mod phone;
pub(crate) mod prefixed_id;
pub(crate) mod reference;
pub(crate) mod timestamp;
pub(crate) mod typeid;
