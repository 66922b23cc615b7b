//! The email properties shared by the `email` fuzz target and its stable corpus replay
//! (`tests/create.rs`): any bytes, read as UTF-8 (lossily), never make `Email`
//! panic; an accepted address is stored in a form that parses to itself, its `xn--`
//! spelling stores the same address, and its uniqueness key is a fixed point.

use customer_core::{Email, EmailPolicy};

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
            let key = e.uniqueness_key();
            let again = Email::parse(&key).expect("the key is a valid address");
            assert_eq!(again.uniqueness_key(), key, "key is a fixed point");
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
}
