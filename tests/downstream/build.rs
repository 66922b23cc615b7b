//! Extracts the README's first Rust example into `$OUT_DIR/readme_example.rs`, as one
//! block expression, so `main` runs exactly what the README shows.

use std::{env, fs, path::Path};

fn main() {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    println!("cargo::rerun-if-changed={}", readme.display());
    let text = fs::read_to_string(&readme).expect("README.md is readable");
    let mut lines = text.lines().skip_while(|l| l.trim() != "```rust").skip(1);
    let mut code = String::from("{\n");
    for line in lines.by_ref().take_while(|l| l.trim() != "```") {
        // rustdoc's hidden lines (`# code`) run too.
        let line = line.strip_prefix("# ").unwrap_or(line);
        code.push_str(line);
        code.push('\n');
    }
    code.push('}');
    assert!(code.len() > 10, "the README has no ```rust example");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set")).join("readme_example.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
