//! Juice's create request and stored customer (specs 000 and 001).

use super::*;

/// A valid create-customer request: the phone number is an example number of the
/// billing country.
pub(crate) fn create_customer(c: &mut impl Choices) -> Option<CreateCustomer> {
    let first_name = person_name(c)?;
    let last_name = person_name(c)?;
    let email = email(c)?;
    let (phone, country) = phone_and_country(c)?;
    let address = billing_address_in(c, country)?;
    CreateCustomer::new(first_name, last_name, email, phone, address).ok()
}

/// A valid customer, created at a generated instant.
pub(crate) fn customer(c: &mut impl Choices) -> Option<Customer> {
    let id = customer_id(c)?;
    let request = create_customer(c)?;
    let now = timestamp(c)?;
    Some(Customer::new(id, request, now))
}
