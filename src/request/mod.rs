//! Request reading: body limits, the one-pass reader of a JSON document into a schema's
//! slots (`document`), the lenient raw form of the values it keeps, the one reader that
//! fills a schema's slots from named inputs (JSON members or query parameters), and JSON
//! Merge Patch updates with their version preconditions.

pub(crate) mod body;
pub(crate) mod document;
pub(crate) mod options;
pub(crate) mod patch;
pub(crate) mod raw;
pub(crate) mod reader;
