//! API profiles: one module per API of the spec, each with its request, response and
//! (later) update types, built from the field rules and read by the one reader.
//!
//! - [`juice`]: Juice's `POST /customers` and the customer object (specs 000 and 001).

pub(crate) mod juice;
