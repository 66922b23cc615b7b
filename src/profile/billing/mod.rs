//! The billing system's Customers API (spec 002): the create-customer request
//! ([`CreateBillingCustomer`]), the billing customer object ([`BillingCustomer`]) with
//! `bcus_` ids ([`BillingCustomerId`]), and its update ([`BillingCustomerPatch`], a JSON
//! Merge Patch with `metadata` merged per key, checked as a whole record).
//!
#![doc = include_str!("../../../docs/billing.md")]

mod create;
mod customer;
mod update;

pub use create::CreateBillingCustomer;
pub use customer::BillingCustomer;
pub use update::BillingCustomerPatch;

pub use crate::field::prefixed_id::{BillingCustomerId, BillingCustomerIdError};
