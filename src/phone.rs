//! Phone numbers beyond [`PhoneNumber`] itself: the line type, the country check's error,
//! reading what a person typed, and the metadata version the rules follow.
//!
//! ```
//! use customer_core::phone::{NumberType, PhoneNormalizeError};
//! use customer_core::{Country, PhoneNumber};
//!
//! let gb = Country::parse("GB").unwrap();
//! let phone = PhoneNumber::normalize("020 7946 0958", gb).unwrap();
//! assert_eq!(phone.as_str(), "+442079460958");
//! assert_eq!(phone.number_type(), NumberType::FixedLine);
//!
//! // Still being typed: too short so far, not wrong.
//! let ng = Country::parse("NG").unwrap();
//! let err = PhoneNumber::normalize_typing("0801 234", ng).unwrap_err();
//! assert!(matches!(err, PhoneNormalizeError::Incomplete { .. }));
//!
//! // The billing country decides: a Nigerian number is not valid for the US.
//! let us = Country::parse("US").unwrap();
//! let ng_phone = PhoneNumber::parse("+2348012345678").unwrap();
//! assert!(ng_phone.check_country(us).is_err());
//! assert_eq!(customer_core::phone::PHONE_METADATA_VERSION.split('.').count(), 3);
//! ```
//!
#![doc = include_str!("../docs/phone.md")]

pub use crate::field::phone::{
    NumberType, PHONE_METADATA_VERSION, PhoneCountryMismatch, PhoneNormalizeError, PhoneNumber,
    PhonePlace, ReadE164, TypedDigits,
};
