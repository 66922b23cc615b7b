//! Field rules: one validated value per file.
//!
//! Each value is a newtype with private fields that stores its canonical form, parsed by
//! one `parse` (which `FromStr`, `TryFrom` and serde's `Deserialize` go through), with its
//! own error enum. A new rule for one field goes here, in the file of its value.

pub(crate) mod address;
pub(crate) mod country;
pub(crate) mod email;
pub(crate) mod id;
pub(crate) mod name;
pub(crate) mod phone;
pub(crate) mod timestamp;
