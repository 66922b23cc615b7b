//! The verdict lines, written straight into a chunk's output buffer.
//!
//! A valid record's line is written field by field from the customer's accessors, the
//! same bytes as `serde_json` would write for the library's `Serialize` impls (the tests
//! compare them); validated strings almost never need escaping, so a string is copied
//! as is after one scan, and only a string that needs escaping goes through
//! `serde_json`. Invalid records' errors are written by `serde_json`.

use customer_core::account::CreateAccountCustomer;
use customer_core::billing::CreateBillingCustomer;
use customer_core::{AddressText, CreateCustomer, ValidationErrors};

/// A valid request's verdict line.
pub trait Verdict {
    /// Appends `{"line":N,"valid":true,"customer":{…}}` and a newline.
    fn write_valid(&self, out: &mut Vec<u8>, line: u64);
}

impl Verdict for CreateCustomer {
    fn write_valid(&self, out: &mut Vec<u8>, line: u64) {
        write_valid(out, line, self);
    }
}

impl Verdict for CreateBillingCustomer {
    fn write_valid(&self, out: &mut Vec<u8>, line: u64) {
        write_serialized(out, line, self);
    }
}

impl Verdict for CreateAccountCustomer {
    fn write_valid(&self, out: &mut Vec<u8>, line: u64) {
        write_serialized(out, line, self);
    }
}

/// Appends `{"line":N,"valid":true,"customer":…}` and a newline, the request serialized
/// straight into the buffer by its `Serialize` impl (no intermediate value).
fn write_serialized<T: serde::Serialize>(out: &mut Vec<u8>, line: u64, request: &T) {
    out.extend_from_slice(b"{\"line\":");
    out.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
    out.extend_from_slice(b",\"valid\":true,\"customer\":");
    // Writing into a Vec cannot fail, and the requests serialize to plain JSON.
    let _ = serde_json::to_writer(&mut *out, request);
    out.extend_from_slice(b"}\n");
}

/// Appends `{"line":N,"valid":true,"customer":{…}}` and a newline.
pub fn write_valid(out: &mut Vec<u8>, line: u64, customer: &CreateCustomer) {
    out.extend_from_slice(b"{\"line\":");
    out.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
    out.extend_from_slice(b",\"valid\":true,\"customer\":{\"first_name\":");
    string(out, customer.first_name().as_str());
    out.extend_from_slice(b",\"last_name\":");
    string(out, customer.last_name().as_str());
    out.extend_from_slice(b",\"email\":");
    string(out, customer.email().as_str());
    out.extend_from_slice(b",\"phone_number\":");
    string(out, customer.phone_number().as_str());
    let address = customer.billing_address();
    out.extend_from_slice(b",\"billing_address\":{\"line1\":");
    string(out, address.line1().as_str());
    out.extend_from_slice(b",\"line2\":");
    optional(out, address.line2());
    out.extend_from_slice(b",\"city\":");
    string(out, address.city().as_str());
    out.extend_from_slice(b",\"state\":");
    optional(out, address.state());
    out.extend_from_slice(b",\"zip_code\":");
    optional(out, address.zip_code());
    out.extend_from_slice(b",\"country\":");
    string(out, address.country().as_str());
    out.extend_from_slice(b"}}}\n");
}

/// Appends `{"line":N,"valid":false,"errors":[…]}` and a newline.
pub fn write_invalid(out: &mut Vec<u8>, line: u64, errors: &ValidationErrors) {
    out.extend_from_slice(b"{\"line\":");
    out.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
    out.extend_from_slice(b",\"valid\":false,\"errors\":");
    // Writing into a Vec cannot fail, and the errors serialize to plain JSON.
    let _ = serde_json::to_writer(&mut *out, errors);
    out.extend_from_slice(b"}\n");
}

fn optional(out: &mut Vec<u8>, text: Option<&AddressText>) {
    match text {
        Some(text) => string(out, text.as_str()),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string, escaped exactly as `serde_json` does (it escapes only `"`, `\` and
/// the control characters below U+0020).
pub fn string(out: &mut Vec<u8>, s: &str) {
    if !needs_escape(s.as_bytes()) {
        out.reserve(s.len().saturating_add(2));
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether any byte is below 0x20, `"` or `\`: eight bytes at a time (the classic
/// "has a zero byte / a byte less than n" word tricks, exact as a yes/no answer). The
/// last word overlaps the one before it, and a string under eight bytes is padded with
/// a harmless byte, so no byte is ever looked at alone.
fn needs_escape(bytes: &[u8]) -> bool {
    let special = |w: u64| {
        let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS != 0;
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS != 0;
        below_space
            || has_zero(w ^ (ONES * u64::from(b'"')))
            || has_zero(w ^ (ONES * u64::from(b'\\')))
    };
    let word = |eight: &[u8]| {
        let mut w = [b'a'; 8];
        w[..eight.len()].copy_from_slice(eight);
        u64::from_ne_bytes(w)
    };
    if bytes.len() <= 8 {
        return special(word(bytes));
    }
    let mut words = bytes.chunks_exact(8);
    if words.any(|eight| special(word(eight))) {
        return true;
    }
    !words.remainder().is_empty() && special(word(&bytes[bytes.len() - 8..]))
}
