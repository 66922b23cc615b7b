//! `hostile-callgrind FILE N`: validates the body in FILE N times (for callgrind).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let body = std::fs::read(&args[1]).unwrap();
    let n: usize = args[2].parse().unwrap();
    let mut ok = 0;
    for _ in 0..n {
        if customer_core::CreateCustomer::from_json(std::hint::black_box(&body)).is_ok() { ok += 1; }
    }
    println!("{ok}");
}
