//! Replays the committed fuzz corpora on stable Rust through the same property checks the
//! fuzz targets run, so `cargo test` guards every saved input (seeds and past crashes).

#[path = "support/cases.rs"]
mod cases;
#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/props.rs"]
mod props;
#[path = "support/update_props.rs"]
mod update_props;

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

/// The `create_customer` seeds are the bodies of `tests/data/create_customer.json`'s
/// cases (one table feeds the tests and the fuzzer).
#[test]
fn create_customer_corpus_is_generated_from_the_table() {
    let table = cases::table("create_customer.json");
    let generated = table["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| {
            let name = case["name"].as_str().expect("name");
            (corpus::seed_name(name), cases::body(&table["base"], case))
        })
        .collect();
    corpus::check_generated("create_customer", generated);
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

#[test]
fn update_customer_corpus() {
    let files = corpus("update_customer");
    assert!(files.len() >= 40, "the seed corpus is missing");
    for (name, data) in files {
        let result = std::panic::catch_unwind(|| update_props::check_update(&data));
        assert!(result.is_ok(), "corpus file {name} breaks a property");
    }
}

/// The `update_customer` seeds are `tests/data/update_customer.json`'s cases (stored
/// customer 0, `now` a day after its creation, the case's patch); the other files there
/// are hand-made (`hostile-*`, `stored-*`).
#[test]
fn update_customer_corpus_is_generated_from_the_table() {
    let table = cases::table("update_customer.json");
    let generated = table["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| {
            let name = case["name"].as_str().expect("name");
            (corpus::seed_name(name), update_props::case_seed(case))
        })
        .collect();
    corpus::check_generated("update_customer", generated);
}
