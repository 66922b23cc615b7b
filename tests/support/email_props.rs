//! The email properties shared by the `email` fuzz target and its stable corpus replay
//! (`tests/create.rs`): any bytes, read as UTF-8 (lossily), never make `Email`
//! panic; an accepted address is stored in a form that parses to itself, its `xn--`
//! spelling stores the same address, and its uniqueness key is a fixed point (or, when
//! lowercasing made it longer than an address may be, refused for its length only).

use customer_core::{Email, EmailPolicy, error::EmailError};

/// Panics when a property fails.
pub fn check_email(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let intl = Email::parse_with(&s, EmailPolicy::Internationalized);
    let ascii = Email::parse_with(&s, EmailPolicy::AsciiOnly);
    if let Ok(a) = &ascii {
        assert_eq!(
            intl.as_ref().ok(),
            Some(a),
            "AsciiOnly accepted what the default refused"
        );
    }
    match intl {
        Ok(e) => {
            assert!(e.as_str().len() <= 254);
            assert!(e.ascii_domain().is_ascii() && e.ascii_domain().len() <= 253);
            assert_eq!(Email::parse(e.as_str()).as_ref(), Ok(&e), "stored form");
            let spelled = format!("{}@{}", e.local_part(), e.ascii_domain());
            assert_eq!(Email::parse(&spelled).as_ref(), Ok(&e), "xn-- spelling");
            // The key is a string to compare, not always an address: lowercasing can
            // lengthen the local part (`İ` → `i̇`) past the address limits. Within them it
            // is an address whose key is itself; past them, length is the only reason
            // it does not parse.
            let key = e.uniqueness_key();
            assert_eq!(
                Email::parse(e.as_str()).map(|a| a.uniqueness_key()),
                Ok(key.clone())
            );
            match Email::parse(&key) {
                Ok(again) => assert_eq!(again.uniqueness_key(), key, "key is a fixed point"),
                Err(EmailError::LocalTooLong { bytes }) => {
                    assert!(bytes > 64 && e.local_part().len() <= 64, "{key:?}")
                }
                Err(EmailError::TooLong { bytes, .. }) => {
                    assert!(bytes > 254 && key.len() > e.as_str().len(), "{key:?}")
                }
                Err(other) => panic!("the key {key:?} is refused for {other:?}, not its length"),
            }
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
}
