//! API profiles: one module per API of the spec, each with its request, response and
//! (later) update types, built from the field rules and read by the one reader.
//!
//! - [`juice`]: Juice's `POST /customers` and the customer object (specs 000 and 001);
//! - [`billing`]: the billing system's customer (spec 002), `bcus_` ids;
//! - [`account`]: the account customer (spec 003), TypeID `cus_` ids, 409 on a duplicate
//!   email.

pub(crate) mod account;
pub(crate) mod billing;
pub(crate) mod juice;

use crate::error::{Coded, ErrorCode, ValidationErrors};
use crate::field::timestamp::Timestamp;
use crate::request::reader::{self, At, Reported};

/// `updated_at` must not be earlier than `created_at` (`invalid_range` at `/updated_at`).
pub(crate) fn check_order(
    created_at: Timestamp,
    updated_at: Timestamp,
    errors: &mut ValidationErrors,
) -> Result<(), Reported> {
    if updated_at < created_at {
        let range = UpdatedBeforeCreated {
            updated_at,
            created_at,
        };
        return Err(reader::rule_error(
            At::ROOT.child("updated_at"),
            &range,
            errors,
        ));
    }
    Ok(())
}

/// `updated_at` is earlier than `created_at` (`invalid_range`).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("{updated_at} is earlier than created_at {created_at}")]
struct UpdatedBeforeCreated {
    updated_at: Timestamp,
    created_at: Timestamp,
}

impl Coded for UpdatedBeforeCreated {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidRange
    }
}
