//! Size probes: with a `probe-*` feature the module exports only `probe(input)`, calling
//! one rule, so `wasm/size.sh --parts` can measure what each rule adds to a module that
//! has wasm-bindgen, std and the allocator (`probe-baseline`).

use wasm_bindgen::prelude::*;

/// Runs the probed rule; the answer only keeps it from being optimized away.
#[wasm_bindgen]
#[must_use]
pub fn probe(input: &str) -> u32 {
    #[allow(unused_mut)]
    let mut n = u32::try_from(input.len()).unwrap_or(0);
    #[cfg(feature = "probe-name")]
    {
        n ^= u32::from(customer_core::PersonName::parse(input).is_ok());
    }
    #[cfg(feature = "probe-email")]
    {
        n ^= u32::from(customer_core::Email::parse(input).is_ok());
    }
    #[cfg(feature = "probe-phone")]
    {
        n ^= u32::from(customer_core::PhoneNumber::parse(input).is_ok());
        if let Ok(c) = customer_core::Country::parse(input.get(..2).unwrap_or("")) {
            n ^= u32::from(customer_core::PhoneNumber::normalize(input, c).is_ok());
        }
    }
    #[cfg(feature = "probe-country")]
    {
        n ^= match customer_core::Country::parse(input) {
            Ok(c) => u32::try_from(c.name().len()).unwrap_or(0),
            Err(e) => u32::try_from(e.to_string().len()).unwrap_or(0),
        };
    }
    #[cfg(feature = "probe-address")]
    {
        n ^= u32::from(customer_core::AddressText::parse(input).is_ok());
    }
    #[cfg(feature = "probe-json")]
    {
        n ^= u32::from(serde_json::from_str::<serde_json::Value>(input).is_ok());
    }
    n
}
