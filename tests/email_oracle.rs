//! `Email::parse` against Python's email-validator 2.3.0 (idna 3.20; default options,
//! deliverability checks off).
//!
//! `tests/data/email/oracle.jsonl` holds email-validator's verdicts on the corpus of
//! `scripts/email_oracle.py` (see its docstring for the format); `.ci/email.sh`
//! regenerates it and fails on any difference. Every address where we differ must fall
//! under one of the reasons in [`INTENDED`]; anything else fails the test, and so does
//! agreement under 99 %. Valid addresses must also agree on the normalized form and the
//! `xn--` domain.

use std::collections::BTreeMap;

use customer_core::{Email, error::EmailError};
use serde_json::Value;

const FIXTURE: &str = include_str!("data/email/oracle.jsonl");

/// The differences we keep on purpose, and why.
const INTENDED: &[(&str, &str)] = &[
    (
        "trimmed",
        "surrounding whitespace is trimmed (a form field's stray space is not part of the \
         address); email-validator refuses it",
    ),
    (
        "local-over-64",
        "a local part over 64 bytes of UTF-8 is refused: RFC 5321 4.5.3.1.1's limit, which \
         email-validator 2.3 checks only with strict=True",
    ),
    (
        "top-level",
        "a top-level label must be letters only or an xn-- label (as every delegated TLD \
         is); email-validator only asks that the domain end with a letter (`example.c1m`, \
         `example.co-m`)",
    ),
    (
        "alt",
        "`.alt` (RFC 9476, in the IANA special-use registry since 2023) is refused; \
         email-validator's list predates it",
    ),
    (
        "bidi",
        "in a domain with a right-to-left label, every label must satisfy the Bidi Rule \
         (RFC 5893 section 2, UTS #46 CheckBidi, as the idna crate does), so `1a.مثال` is \
         refused; Python's idna checks only the right-to-left labels",
    ),
    (
        "rfc2142",
        "normalization only: email-validator lowercases RFC 2142 role names (`Info@` → \
         `info@`); we keep the local part's case everywhere and fold case in \
         `uniqueness_key`",
    ),
];

enum Theirs {
    Refused,
    Valid {
        normalized: String,
        ascii_domain: String,
    },
}

fn rows() -> Vec<(String, Theirs)> {
    FIXTURE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let row: Vec<Value> = serde_json::from_str(line).expect(line);
            let s = |i: usize| row[i].as_str().expect(line).to_owned();
            let address = s(0);
            let theirs = if row.len() == 1 {
                Theirs::Refused
            } else {
                let normalized = match s(1) {
                    n if n.is_empty() => address.clone(),
                    n => n,
                };
                let domain = normalized.rsplit_once('@').expect(line).1.to_owned();
                let ascii_domain = match s(2) {
                    a if a.is_empty() => domain,
                    a => a,
                };
                Theirs::Valid {
                    normalized,
                    ascii_domain,
                }
            };
            (address, theirs)
        })
        .collect()
}

const ROLE_NAMES: &[&str] = &[
    "info",
    "marketing",
    "sales",
    "support",
    "abuse",
    "noc",
    "security",
    "postmaster",
    "hostmaster",
    "usenet",
    "news",
    "webmaster",
    "www",
    "uucp",
    "ftp",
];

/// Which intended difference `address` is, or `None` when the difference is unexplained.
fn classify(
    address: &str,
    ours: &Result<Email, EmailError>,
    theirs: &Theirs,
) -> Option<&'static str> {
    match (ours, theirs) {
        (Ok(_), Theirs::Refused) => {
            (address.trim() != address && Email::parse(address.trim()).is_ok()).then_some("trimmed")
        }
        (Err(e), Theirs::Valid { .. }) => match e {
            EmailError::LocalTooLong { .. } => Some("local-over-64"),
            EmailError::TopLevel { .. } => Some("top-level"),
            EmailError::SpecialUse { name: "alt", .. } => Some("alt"),
            EmailError::Bidi { .. } => Some("bidi"),
            _ => None,
        },
        (Ok(email), Theirs::Valid { normalized, .. }) => {
            let local = email.local_part();
            (ROLE_NAMES.contains(&local.to_ascii_lowercase().as_str())
                && normalized == &format!("{}@{}", local.to_ascii_lowercase(), email.domain()))
                .then_some("rfc2142")
        }
        (Err(_), Theirs::Refused) => None,
    }
}

#[test]
fn agrees_with_email_validator() {
    let rows = rows();
    assert!(rows.len() >= 2_000, "corpus of {} addresses", rows.len());
    let mut verdicts_differ = 0usize;
    let mut by_reason: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for (address, theirs) in &rows {
        let ours = Email::parse(address);
        let same = match (&ours, theirs) {
            (Err(_), Theirs::Refused) => true,
            (Ok(_), Theirs::Refused) | (Err(_), Theirs::Valid { .. }) => false,
            (
                Ok(email),
                Theirs::Valid {
                    normalized,
                    ascii_domain,
                },
            ) => email.as_str() == normalized && email.ascii_domain() == ascii_domain,
        };
        if same {
            continue;
        }
        if ours.is_ok() != matches!(theirs, Theirs::Valid { .. }) {
            verdicts_differ += 1;
        }
        let theirs_text = match theirs {
            Theirs::Refused => "refused".to_owned(),
            Theirs::Valid { normalized, .. } => format!("valid as {normalized:?}"),
        };
        let line = match &ours {
            Ok(e) => format!(
                "{address:?}: ours valid as {:?}, theirs {theirs_text}",
                e.as_str()
            ),
            Err(e) => format!("{address:?}: ours refused ({e}), theirs {theirs_text}"),
        };
        match classify(address, &ours, theirs) {
            Some(reason) => by_reason.entry(reason).or_default().push(line),
            None => unexplained.push(line),
        }
    }
    let total = rows.len();
    let agreement = (total - verdicts_differ) as f64 * 100.0 / total as f64;
    println!(
        "email-validator agreement: {}/{total} verdicts ({agreement:.2} %)",
        total - verdicts_differ
    );
    for (reason, lines) in &by_reason {
        let why = INTENDED
            .iter()
            .find(|(r, _)| r == reason)
            .map_or("", |(_, w)| w);
        println!("{reason} ({}): {why}", lines.len());
        for l in lines {
            println!("    {l}");
        }
    }
    assert!(
        unexplained.is_empty(),
        "{} unexplained differences:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    assert!(agreement >= 99.0, "agreement {agreement:.2} % under 99 %");
}

#[test]
fn intended_differences_really_differ() {
    // Each reason is exercised by the corpus, so the list stays honest.
    let rows = rows();
    for (reason, _) in INTENDED {
        let found = rows.iter().any(|(address, theirs)| {
            classify(address, &Email::parse(address), theirs) == Some(*reason)
        });
        assert!(
            found,
            "no address in the corpus shows the difference {reason}"
        );
    }
}
