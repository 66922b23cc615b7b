//! The account Customers API (spec 003): the create-customer request, the account
//! customer object with TypeID `cus_` ids, and the 409 conflict on a duplicate email.
//!
//! - `create`: [`CreateAccountCustomer`], the `POST /api/v1/customers` body;
//! - `address`: [`AccountAddress`], `{city, country}`;
//! - `status`: [`AccountStatus`];
//! - `customer`: [`AccountCustomer`], the object the API returns;
//! - `conflict`: [`Conflict`], the 409 problem built from the service's email lookup;
//! - `update`: [`AccountCustomerPatch`], the update body (JSON Merge Patch, `address`
//!   merged by member, `custom_data` by top-level key), applied to a stored customer and
//!   checked as a whole.

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
