//! Request reading: the lenient raw JSON form, body limits, and the one reader that
//! fills a schema's slots from named inputs (JSON members or query parameters),
//! and JSON Merge Patch updates with their version preconditions.

pub(crate) mod body;
pub(crate) mod options;
pub(crate) mod patch;
pub(crate) mod raw;
pub(crate) mod reader;
