//! The account Customers API (spec 003): the create-customer request
//! ([`CreateAccountCustomer`]), the account customer object ([`AccountCustomer`]) with
//! TypeID `cus_` ids ([`AccountCustomerId`]), the 409 answer to a duplicate email
//! ([`Conflict`]), and its update ([`AccountCustomerPatch`], a JSON Merge Patch with
//! `address` merged by member and `custom_data` by top-level key, checked as a whole
//! record).
//!
#![doc = include_str!("../../../docs/account.md")]

mod address;
mod conflict;
mod create;
mod customer;
mod status;
mod update;

pub use address::AccountAddress;
pub use conflict::{CONFLICT_PROBLEM_TYPE, Conflict};
pub use create::CreateAccountCustomer;
pub use customer::AccountCustomer;
pub use status::{AccountStatus, AccountStatusError};
pub use update::AccountCustomerPatch;

pub use crate::field::typeid::{AccountCustomerId, PaymentMethodId, TypeIdError};
