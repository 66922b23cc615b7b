//! wasm32 probe: `validate(ptr, len)` checks the string at `ptr` and returns 1 if valid.
//! Without features it validates a country code (the crate's baseline); with `email`, an
//! email address through customer-core; with `name`, a person's name; with both, a name
//! and an address separated by a newline; with `idna-only`, a domain through the idna
//! crate's UTS #46 ToASCII alone.

/// Memory for the caller's string.
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf = Vec::<u8>::with_capacity(len);
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// 1 if the UTF-8 string at `ptr` is valid, else 0.
///
/// # Safety
/// `ptr` must point to `len` bytes written after [`alloc`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn validate(ptr: *const u8, len: usize) -> u32 {
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    let Ok(s) = std::str::from_utf8(bytes) else { return 0 };
    u32::from(check(s))
}

#[cfg(all(feature = "email", not(feature = "name")))]
fn check(s: &str) -> bool {
    customer_core::Email::parse(s).is_ok()
}

#[cfg(all(feature = "name", not(feature = "email")))]
fn check(s: &str) -> bool {
    customer_core::PersonName::parse(s).is_ok()
}

#[cfg(all(feature = "name", feature = "email"))]
fn check(s: &str) -> bool {
    match s.split_once('\n') {
        Some((name, email)) => {
            customer_core::PersonName::parse(name).is_ok() && customer_core::Email::parse(email).is_ok()
        }
        None => false,
    }
}

#[cfg(all(feature = "idna-only", not(feature = "email")))]
fn check(s: &str) -> bool {
    idna::domain_to_ascii(s).is_ok()
}

#[cfg(not(any(feature = "email", feature = "idna-only", feature = "name")))]
fn check(s: &str) -> bool {
    customer_core::Country::parse(s).is_ok()
}
