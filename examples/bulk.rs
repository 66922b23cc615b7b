//! The harness of `scripts/bulk_bench.sh` (the bulk target): a deterministic
//! input generator, and the naive stack the tool is compared with. Not the main job
//! (that is `customer-core validate`, in `cli/`).
//!
//! ```text
//! cargo run --release --example bulk -- generate 100000 > records.ndjson
//! cargo run --release --example bulk -- naive records.ndjson > verdicts.ndjson
//! ```
//!
//! `generate N` writes N create-customer requests that rotate over every region of the
//! libphonenumber metadata (its mobile example number, else fixed line, else general,
//! with the last digits varied), billing country = that region, with names, emails and
//! addresses from fixed tables (about one name in four non-ASCII). The same N gives the
//! same bytes. Regions that are not ISO 3166-1 countries (`AC`, `TA`) give invalid
//! records, as they would in real data.
//!
//! `naive FILE` is what a service might write without customer-core, as in
//! `benches/validate.rs`: `serde_json` into a plain struct, then the `phonenumber` crate
//! (`parse`, `is_valid`, region compared with the country), one thread, writing one line
//! per record (the customer re-serialized, or the first error). It checks far less.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use phonenumber::metadata::DATABASE;
use serde::{Deserialize, Serialize};

const FIRST: [&str; 12] = [
    "John",
    "Ngozi",
    "Adébáyọ̀",
    "Amina",
    "Sipho",
    "Chloé",
    "Wanjiru",
    "Kwame",
    "Fatima",
    "José",
    "Thandiwe",
    "Ngũgĩ",
];
const LAST: [&str; 10] = [
    "Doe",
    "Eze",
    "Okonkwo",
    "O’Brien",
    "Ndlovu",
    "Mensah",
    "Diallo",
    "Kamau",
    "García",
    "Van der Merwe",
];
const STREETS: [&str; 6] = [
    "Test Lane",
    "Marina Road",
    "Avenue Cheikh Anta Diop",
    "Moi Avenue",
    "Rua Augusta",
    "Kerk Street",
];
const CITIES: [&str; 6] = [
    "Lagos",
    "Nairobi",
    "Dakar",
    "Accra",
    "Lisboa",
    "Johannesburg",
];

/// One E.164 example per region (sorted by region code), with its region.
fn region_numbers() -> Vec<(String, String)> {
    let mut metas: Vec<_> = DATABASE.iter().filter(|m| m.id() != "001").collect();
    metas.sort_by_key(|m| m.id().to_owned());
    metas
        .iter()
        .filter_map(|m| {
            let d = m.descriptors();
            let example = d
                .mobile()
                .and_then(|x| x.example())
                .or_else(|| d.fixed_line().and_then(|x| x.example()))
                .or_else(|| d.general().example())?;
            Some((
                m.id().to_owned(),
                format!("+{}{}", m.country_code(), example),
            ))
        })
        .collect()
}

#[derive(Serialize)]
struct Address<'a> {
    line1: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line2: Option<String>,
    city: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'a str>,
    zip_code: String,
    country: &'a str,
}

#[derive(Serialize)]
struct Request<'a> {
    first_name: &'a str,
    last_name: &'a str,
    email: String,
    phone_number: String,
    billing_address: Address<'a>,
}

fn generate(n: u64, out: &mut impl Write) -> io::Result<()> {
    let regions = region_numbers();
    let len = regions.len() as u64;
    for i in 0..n {
        let (region, example) = &regions[(i % len) as usize];
        let round = i / len;
        // Vary the last digit with the round: most variations stay valid, some do not.
        let phone = if round.is_multiple_of(3) {
            example.clone()
        } else {
            let (head, last) = example.split_at(example.len() - 1);
            let digit = (last.as_bytes()[0] - b'0' + (round % 10) as u8) % 10;
            format!("{head}{digit}")
        };
        let first = FIRST[(i % 12) as usize];
        let last = LAST[(i / 12 % 10) as usize];
        let ascii: String = first
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_lowercase();
        let request = Request {
            first_name: first,
            last_name: last,
            email: format!("{ascii}.{i}@example.com"),
            phone_number: phone,
            billing_address: Address {
                line1: format!("{} {}", i % 997 + 1, STREETS[(i % 6) as usize]),
                line2: i.is_multiple_of(4).then(|| format!("Suite {}", i % 500)),
                city: CITIES[(i / 6 % 6) as usize],
                state: i.is_multiple_of(3).then_some("Central"),
                zip_code: format!("{:06}", i * 7919 % 1_000_000),
                country: region,
            },
        };
        serde_json::to_writer(&mut *out, &request)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[derive(Deserialize, Serialize)]
struct NaiveAddress {
    line1: String,
    line2: Option<String>,
    city: String,
    state: Option<String>,
    zip_code: Option<String>,
    country: String,
}

#[derive(Deserialize, Serialize)]
struct NaiveCustomer {
    first_name: String,
    last_name: String,
    email: String,
    phone_number: String,
    billing_address: NaiveAddress,
}

#[derive(Serialize)]
struct NaiveVerdict<'a> {
    line: u64,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<&'a NaiveCustomer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

fn naive_check(customer: &NaiveCustomer) -> Result<(), &'static str> {
    let phone = phonenumber::parse(None, &customer.phone_number).map_err(|_| "bad phone")?;
    if !phonenumber::is_valid(&phone) {
        return Err("invalid phone");
    }
    match phone.country().id() {
        Some(id) if id.as_ref() == customer.billing_address.country => Ok(()),
        _ => Err("phone not valid for the country"),
    }
}

fn naive(input: impl BufRead, out: &mut impl Write) -> io::Result<(u64, u64)> {
    let (mut records, mut valid) = (0u64, 0u64);
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        records += 1;
        let line_no = i as u64 + 1;
        let verdict = match serde_json::from_str::<NaiveCustomer>(&line) {
            Ok(customer) => {
                let result = naive_check(&customer);
                valid += u64::from(result.is_ok());
                let verdict = NaiveVerdict {
                    line: line_no,
                    valid: result.is_ok(),
                    customer: result.is_ok().then_some(&customer),
                    error: result.err(),
                };
                serde_json::to_writer(&mut *out, &verdict)?;
                out.write_all(b"\n")?;
                continue;
            }
            Err(_) => NaiveVerdict {
                line: line_no,
                valid: false,
                customer: None,
                error: Some("invalid JSON"),
            },
        };
        serde_json::to_writer(&mut *out, &verdict)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok((records, valid))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(256 * 1024, stdout.lock());
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["generate", n] => match n.parse() {
            Ok(n) => generate(n, &mut out),
            Err(_) => Err(io::Error::other("N must be a number")),
        },
        ["naive", path] => {
            let start = Instant::now();
            let input: Box<dyn BufRead> = if path == "-" {
                Box::new(io::stdin().lock())
            } else {
                match File::open(path) {
                    Ok(f) => Box::new(BufReader::with_capacity(256 * 1024, f)),
                    Err(e) => {
                        eprintln!("bulk: {path}: {e}");
                        return ExitCode::from(2);
                    }
                }
            };
            naive(input, &mut out).map(|(records, valid)| {
                let seconds = start.elapsed().as_secs_f64();
                eprintln!(
                    "{{\"records\":{records},\"valid\":{valid},\"elapsed_ms\":{:.1},\"records_per_second\":{:.0}}}",
                    seconds * 1000.0,
                    records as f64 / seconds
                );
            })
        }
        _ => {
            eprintln!("usage: bulk generate N | bulk naive FILE");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bulk: {e}");
            ExitCode::from(2)
        }
    }
}
