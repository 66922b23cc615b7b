//! Behaviour that depends on a dependency's version: each case here is why a minimum in
//! Cargo.toml is what it is. `.ci/deps.sh` runs the tests with the minimal versions.

use customer_core::{Email, Timestamp};

/// `time` before 0.3.55 panicked in `checked_to_offset` when the UTC instant left its
/// range: an RFC 3339 date-time at the very end of year 9999 with a negative offset is
/// year 10000 in UTC. It must be an error, never a panic.
#[test]
fn a_timestamp_past_year_9999_in_utc_is_an_error() {
    for input in [
        "9999-12-31T23:59:59-00:01",
        "9999-12-31T23:59:59.999999-23:59",
        "0000-01-01T00:00:00+00:01",
        "0000-01-01T00:00:00+23:59",
    ] {
        let result = std::panic::catch_unwind(|| Timestamp::parse(input));
        let result = result.unwrap_or_else(|_| panic!("{input}: panicked"));
        assert_eq!(
            result.map_err(|e| e.to_string()),
            Err("must be between the years 0000 and 9999".to_owned()),
            "{input}"
        );
    }
}

/// Domains go through `idna` (UTS #46): from its 1.0 release it maps `BÜCHER.de` to
/// `bücher.de` and gives the `xn--` form; a special-use name, a display name or an IP
/// literal is refused whatever version resolved.
#[test]
fn idna_maps_and_refuses_domains() {
    let email = Email::parse("ade@BÜCHER.de").unwrap();
    assert_eq!(email.as_str(), "ade@bücher.de");
    assert_eq!(email.ascii_domain(), "xn--bcher-kva.de");
    for bad in ["a@localhost", "Ade <ade@example.ng>", "ade@[127.0.0.1]"] {
        assert!(Email::parse(bad).is_err(), "{bad}");
    }
}
