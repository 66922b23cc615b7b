//! API profiles: one module per API of the spec, each with its request, response and
//! update types, built from the field rules and read by the one reader.
//!
//! - [`juice`]: Juice's `POST /customers` and the customer object (specs 000 and 001);
//! - [`billing`]: the billing system's customer (spec 002), `bcus_` ids;
//! - [`account`]: the account customer (spec 003), TypeID `cus_` ids, 409 on a duplicate
//!   email.

pub mod account;
pub mod billing;
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

/// The service's `now` is earlier than the customer's `created_at` (`invalid_range`).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error(
    "the update time {now} is earlier than created_at {created_at}: the service's clock is \
     behind; nothing was changed"
)]
struct NowBeforeCreated {
    now: Timestamp,
    created_at: Timestamp,
}

impl Coded for NowBeforeCreated {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidRange
    }
}

/// `now` must not be before `created_at` (`invalid_range` at `/updated_at`).
pub(crate) fn check_now(
    created_at: Timestamp,
    now: Timestamp,
    errors: &mut ValidationErrors,
) -> Result<(), Reported> {
    if now < created_at {
        let error = NowBeforeCreated { now, created_at };
        return Err(reader::rule_error(
            At::ROOT.child("updated_at"),
            &error,
            errors,
        ));
    }
    Ok(())
}
