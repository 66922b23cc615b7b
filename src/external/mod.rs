//! Integrations with other crates, each behind its feature (see the crate docs' "Crate
//! features"), in the layout of the `uuid` crate's `src/external/`.

#[cfg(feature = "arbitrary")]
mod arbitrary_support;
#[cfg(any(feature = "arbitrary", feature = "proptest"))]
mod generate;
#[cfg(any(feature = "arbitrary", feature = "proptest"))]
mod phone_examples;
#[cfg(feature = "proptest")]
pub mod proptest_support;
