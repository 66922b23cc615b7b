//! Every limit the crate enforces, in one place: field lengths, request and query sizes,
//! list pages and cursors, and the number of errors reported.
//!
//! Each is checked before work proportional to the input is done, so a hostile request
//! costs about what a valid one does. The constants are what the messages quote.
//!
//! ```
//! use customer_core::{PersonName, limits};
//!
//! let long = "a".repeat(limits::NAME_MAX_GRAPHEMES + 1);
//! let err = PersonName::parse(&long).unwrap_err();
//! assert_eq!(err.code().as_str(), "too_long");
//! assert!(limits::LIST_DEFAULT_LIMIT <= limits::LIST_MAX_LIMIT);
//! ```

pub use crate::error::errors::MAX_ERRORS;
pub use crate::field::address::MAX_CHARS as ADDRESS_MAX_CHARS;
pub use crate::field::email::{
    MAX_BYTES as EMAIL_MAX_BYTES, MAX_DOMAIN_BYTES as EMAIL_MAX_DOMAIN_BYTES,
    MAX_LABEL_BYTES as EMAIL_MAX_LABEL_BYTES, MAX_LOCAL_BYTES as EMAIL_MAX_LOCAL_BYTES,
};
pub use crate::field::full_name::{
    MAX_BYTES as FULL_NAME_MAX_BYTES, MAX_GRAPHEMES as FULL_NAME_MAX_GRAPHEMES,
};
pub use crate::field::json_object::{
    MAX_BYTES as JSON_OBJECT_MAX_BYTES, MAX_DEPTH as JSON_OBJECT_MAX_DEPTH,
    MAX_MEMBERS as JSON_OBJECT_MAX_MEMBERS,
};
pub use crate::field::metadata::{
    MAX_KEY_CHARS as METADATA_MAX_KEY_CHARS, MAX_KEYS as METADATA_MAX_KEYS,
    MAX_VALUE_CHARS as METADATA_MAX_VALUE_CHARS,
};
pub use crate::field::name::{
    MAX_BYTES as NAME_MAX_BYTES, MAX_GRAPHEMES as NAME_MAX_GRAPHEMES, MAX_MARKS_PER_LETTER,
};
pub use crate::field::phone::MAX_DIGITS as PHONE_MAX_DIGITS;
pub use crate::field::reference::MAX_CHARS as REFERENCE_MAX_CHARS;
pub use crate::field::timestamp::SORTABLE_LEN as TIMESTAMP_SORTABLE_LEN;
pub use crate::list::cursor::{CURSOR_CHARS, MAX_CURSOR_CHARS};
pub use crate::list::keys::MIN_SECRET_BYTES as CURSOR_MIN_SECRET_BYTES;
pub use crate::list::query::{
    DEFAULT_LIMIT as LIST_DEFAULT_LIMIT, MAX_LIMIT as LIST_MAX_LIMIT,
    MAX_QUERY_BYTES as LIST_MAX_QUERY_BYTES,
};
pub use crate::request::body::MAX_BODY_BYTES;
pub use crate::text::EXCERPT_BYTES;
