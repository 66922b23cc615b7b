//! Replays the committed fuzz corpora on stable Rust through the same property checks the
//! fuzz targets run, so `cargo test` guards every saved input (seeds and past crashes).

#[path = "support/props.rs"]
mod props;

#[path = "support/email_props.rs"]
mod email_props;

use std::path::Path;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn create_customer_corpus() {
    let files = corpus("create_customer");
    assert!(files.len() >= 10, "the seed corpus is missing");
    for (name, data) in files {
        let result = std::panic::catch_unwind(|| props::check_create_customer(&data));
        assert!(result.is_ok(), "corpus file {name} breaks a property");
    }
}

#[test]
fn email_corpus() {
    let files = corpus("email");
    assert!(files.len() >= 10, "the seed corpus is missing");
    for (name, data) in files {
        let result = std::panic::catch_unwind(|| email_props::check_email(&data));
        assert!(result.is_ok(), "corpus file {name} breaks a property");
    }
}
