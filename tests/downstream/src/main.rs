//! The README's first example, compiled and run as a downstream crate would: customer-core
//! by path, no lockfile. Its assertions (a Nigerian number with a US address is refused
//! with `phone_country_mismatch` at `/phone_number`; the fixed request validates and the
//! customer's phone region is NG) fail the run if the library misbehaves.

fn main() {
    include!(concat!(env!("OUT_DIR"), "/readme_example.rs"));
    println!("downstream: the README's first example ran and its assertions held");
}
