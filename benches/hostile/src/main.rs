//! `hostile-callgrind FILE N [plain]`: validates the body in FILE N times with
//! `CreateCustomer::from_json` (for callgrind); with `plain`, parses it N times with
//! `serde_json::from_slice` into a borrowed typed struct instead (no rules: the floor any
//! validator pays to read the JSON).

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainAddress<'a> {
    line1: &'a str,
    line2: Option<&'a str>,
    city: &'a str,
    state: Option<&'a str>,
    zip_code: Option<&'a str>,
    country: &'a str,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainCustomer<'a> {
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    phone_number: &'a str,
    #[serde(borrow)]
    billing_address: PlainAddress<'a>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let body = std::fs::read(&args[1]).unwrap();
    let n: usize = args[2].parse().unwrap();
    let plain = args.get(3).is_some_and(|a| a == "plain");
    let mut ok = 0;
    for _ in 0..n {
        let valid = if plain {
            serde_json::from_slice::<PlainCustomer<'_>>(std::hint::black_box(&body)).is_ok()
        } else {
            customer_core::CreateCustomer::from_json(std::hint::black_box(&body)).is_ok()
        };
        if valid {
            ok += 1;
        }
    }
    println!("{ok}");
}
