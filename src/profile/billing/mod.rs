//! The billing system's Customers API (spec 002): the create-customer request and the
//! billing customer object, with `bcus_` ids.
//!
//! - `create`: [`CreateBillingCustomer`], the request body: `reference`, `name` (a full or
//!   business name), `phone_number` (E.164), `currency` (ISO 4217) and `balance` (integer
//!   minor units; a balance needs a currency), `metadata`;
//! - `customer`: [`BillingCustomer`], the object the API returns, with `payment_rules`;
//! - `update`: [`BillingCustomerPatch`], the update body (JSON Merge Patch, `metadata`
//!   merged per key), applied to a stored customer and checked as a whole.

mod create;
mod customer;
mod update;

pub use create::CreateBillingCustomer;
pub use customer::BillingCustomer;
pub use update::BillingCustomerPatch;

pub use crate::field::prefixed_id::{BillingCustomerId, BillingCustomerIdError};
