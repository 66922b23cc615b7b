//! The fuzz seed corpora are generated from the case tables in `tests/data/`, so one
//! table feeds every harness. Generated seeds are named `case-<the case's name>`; other
//! files under `fuzz/corpus/<target>/` are hand-made adversarial inputs and crash
//! regressions, each named for its story.
//!
//! `cargo test` fails when a generated seed is missing, differs or is stale; regenerate
//! with `CUSTOMER_CORE_WRITE_CORPUS=1 cargo test corpus`.

#![allow(dead_code)] // each test binary uses the part it needs

use std::collections::BTreeMap;
use std::path::Path;

/// Every file of `fuzz/corpus/<target>/` (at least `min` of them), sorted by name.
pub fn files(target: &str, min: usize) -> Vec<(String, Vec<u8>)> {
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
    assert!(files.len() >= min, "the {target} seed corpus is missing");
    files
}

/// Replays every file of `fuzz/corpus/<target>/` through the target's property checks,
/// on stable, naming the file that breaks one.
pub fn replay(target: &str, min: usize, check: impl Fn(&[u8]) + std::panic::RefUnwindSafe) {
    for (name, data) in files(target, min) {
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(
            result.is_ok(),
            "corpus file {target}/{name} breaks a property"
        );
    }
}

/// The file name of a case's seed: `case-` and the case's name in lowercase ASCII words.
pub fn seed_name(case: &str) -> String {
    let mut slug = String::from("case-");
    let mut dash = false;
    for c in case.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.ends_with('-') {
                slug.push('-');
            }
            slug.push(c.to_ascii_lowercase());
            dash = false;
        } else {
            dash = true;
        }
    }
    slug
}

/// Checks the seeds of `target` generated from a case table's `cases`: one per case,
/// named after it, its bytes made by `seed` (see [`check_generated`]).
pub fn check_cases<'a>(
    target: &str,
    cases: impl IntoIterator<Item = &'a serde_json::Value>,
    seed: impl Fn(&serde_json::Value) -> Vec<u8>,
) {
    let generated = cases
        .into_iter()
        .map(|case| {
            let name = case["name"].as_str().expect("a case has a name");
            (seed_name(name), seed(case))
        })
        .collect();
    check_generated(target, generated);
}

/// Compares the generated seeds of `target` with the committed ones (or writes them when
/// `CUSTOMER_CORE_WRITE_CORPUS` is set), and panics with every difference.
pub fn check_generated(target: &str, generated: Vec<(String, Vec<u8>)>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut want: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (name, bytes) in generated {
        assert!(
            want.insert(name.clone(), bytes).is_none(),
            "two cases of {target} share the seed name {name}: rename one"
        );
    }
    if std::env::var_os("CUSTOMER_CORE_WRITE_CORPUS").is_some() {
        std::fs::create_dir_all(&dir).expect("corpus dir");
    }
    let on_disk: BTreeMap<String, Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            name.starts_with("case-")
                .then(|| (name, std::fs::read(&path).expect("read seed")))
        })
        .collect();
    if std::env::var_os("CUSTOMER_CORE_WRITE_CORPUS").is_some() {
        for name in on_disk.keys().filter(|n| !want.contains_key(*n)) {
            std::fs::remove_file(dir.join(name)).expect("remove stale seed");
        }
        for (name, bytes) in &want {
            std::fs::write(dir.join(name), bytes).expect("write seed");
        }
        return;
    }
    let mut problems = Vec::new();
    for (name, bytes) in &want {
        match on_disk.get(name) {
            None => problems.push(format!("missing {name}")),
            Some(old) if old != bytes => problems.push(format!("stale {name}")),
            Some(_) => {}
        }
    }
    problems.extend(
        on_disk
            .keys()
            .filter(|n| !want.contains_key(*n))
            .map(|n| format!("{n} has no case in the table")),
    );
    assert!(
        problems.is_empty(),
        "fuzz/corpus/{target} is not generated from its case table ({}); run \
         `CUSTOMER_CORE_WRITE_CORPUS=1 cargo test corpus`",
        problems.join(", ")
    );
}
