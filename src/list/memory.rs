//! The reference implementation of a [`KeysetPlan`] over a slice of customers: what a
//! store must return, for tests and small sets.

use crate::list::cursor::Position;
use crate::list::plan::KeysetPlan;
use crate::profile::juice::Customer;

impl KeysetPlan {
    /// True when `customer` passes the filters and the bound.
    ///
    /// ```
    /// use customer_core::{CreateCustomer, Customer, list::{CursorKey, CursorKeys, ListCustomersQuery}};
    ///
    /// let keys = CursorKeys::new(CursorKey::new(1, &[7; 32]).unwrap());
    /// let request = CreateCustomer::from_json(br#"{"first_name":"Jane","last_name":"Doe",
    ///   "email":"Jane@Example.com","phone_number":"+2348012345679",
    ///   "billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"}}"#).unwrap();
    /// let jane = Customer::new(
    ///     "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap(),
    ///     request,
    ///     "2024-03-01T12:00:00Z".parse().unwrap(),
    /// );
    /// let plan = |q: &str| ListCustomersQuery::parse(q, &keys).unwrap().plan();
    /// assert!(plan("email=jane@example.com").matches(&jane));
    /// assert!(plan("created_before=2024-03-01T12:00:00.000000001Z").matches(&jane));
    /// assert!(!plan("created_after=2024-03-01T12:00:00Z").matches(&jane)); // exclusive
    /// ```
    #[must_use]
    pub fn matches(&self, customer: &Customer) -> bool {
        let created_at = customer.created_at();
        self.filters()
            .email_key()
            .is_none_or(|key| customer.email().uniqueness_key() == key)
            && self.filters().admits_time(created_at)
            && self
                .bound()
                .is_none_or(|b| b.admits(Position::of(customer)))
    }

    /// The reference implementation of the plan over a slice: the customers that
    /// [`match`](KeysetPlan::matches), in scan order, at most
    /// [`fetch_limit`](KeysetPlan::fetch_limit) of them. Ids are assumed unique, as in any
    /// store. `O(n log n)`; meant for tests and small sets.
    #[must_use]
    pub fn fetch_in_memory<'a>(&self, customers: &'a [Customer]) -> Vec<&'a Customer> {
        let mut rows: Vec<&Customer> = customers.iter().filter(|c| self.matches(c)).collect();
        rows.sort_unstable_by(|a, b| self.scan_cmp(Position::of(a), Position::of(b)));
        rows.truncate(usize::from(self.fetch_limit()));
        rows
    }
}
