//! # customer-core-wasm
//!
//! customer-core for browser forms: wasm-bindgen bindings with TypeScript types.
//!
//! Three calls, each answering a value (never throwing) and giving the same codes,
//! pointers and messages as the Rust service:
//! - `validateCreateCustomer(json)`: the normalized request, or the RFC 9457 problem;
//! - `validateField(pointer, value, context?)`: one field, as the user types or leaves it;
//! - `normalizePhone(input, country)`: as-you-type help for the phone field;
//! - with the crate feature `address` (not in the default package: Google's address data
//!   adds about 67 KB gzipped), `postalCode(input, country)` and `subdivisions(country)`:
//!   as-you-type help for the postal code and a state picker (`address.rs`).
//!
//! Every argument is taken as a JS value and checked here, so a wrong type from untyped
//! JavaScript is a reported error, not an exception in the glue. The results are built
//! with serde (the service's own serializers) and handed to JavaScript through
//! `JSON.parse`; their TypeScript types are generated from the Rust types below by
//! tsify. The panic hook records a panic's message; the package's `index.js` turns the
//! resulting trap into an `internal` failure value and starts a fresh instance.

pub mod checks;
pub mod results;
pub use checks::*;
pub use results::*;

#[cfg(not(feature = "probe"))]
#[cfg(feature = "address")]
pub mod address;
#[cfg(not(feature = "probe"))]
mod api;
#[cfg(not(feature = "probe"))]
pub use api::*;

#[cfg(feature = "probe")]
pub mod probe;
