//! The account profile (spec 003): TypeID ids, payment methods, status, addresses, the
//! request and the stored customer.

use super::*;

/// A TypeID suffix: 26 base32 characters, the first at most `7` (128 bits).
pub(super) fn typeid_suffix(c: &mut impl Choices) -> String {
    let mut suffix = ascii_run(c, b"01234567", 1, 1);
    suffix.push_str(&ascii_run(c, BASE32, 25, 25));
    suffix
}

/// An account id made at `now` (a UUIDv7), or (a quarter of the time, and for times
/// before 1970) any 128-bit value, as spec 003's own example is.
pub(super) fn account_customer_id_at(
    c: &mut impl Choices,
    now: Timestamp,
) -> Option<AccountCustomerId> {
    if c.below(4) != 0
        && let Ok(id) = AccountCustomerId::new(now, random_bytes(c))
    {
        return Some(id);
    }
    let text = format!("{}_{}", AccountCustomerId::PREFIX, typeid_suffix(c));
    AccountCustomerId::parse(&text).ok()
}

/// A valid account customer id (TypeID `cus_…`).
pub(crate) fn account_customer_id(c: &mut impl Choices) -> Option<AccountCustomerId> {
    let now = timestamp(c)?;
    account_customer_id_at(c, now)
}

/// A valid payment method id: a TypeID with a common or generated prefix.
pub(crate) fn payment_method_id(c: &mut impl Choices) -> Option<PaymentMethodId> {
    let prefix = if c.below(2) == 0 {
        (*c.pick(&[
            "card",
            "momo",
            "mpesa",
            "bank_account",
            "pm",
            "sepa_debit",
            "wallet",
        ])?)
        .to_owned()
    } else {
        let mut prefix = ascii_run(c, b"abcdefghijklmnopqrstuvwxyz", 1, 12);
        if c.one_in(4) {
            prefix.push('_');
            prefix.push_str(&ascii_run(c, b"abcdefghijklmnopqrstuvwxyz", 1, 12));
        }
        prefix
    };
    PaymentMethodId::parse(&format!("{prefix}_{}", typeid_suffix(c))).ok()
}

/// A valid account status.
pub(crate) fn account_status(c: &mut impl Choices) -> Option<AccountStatus> {
    AccountStatus::parse(c.pick(&["active", "inactive", "suspended"])?).ok()
}

/// A city (a known one or any address text) in `country`.
pub(super) fn account_address_in(c: &mut impl Choices, country: Country) -> Option<AccountAddress> {
    let city = if c.below(2) == 0 {
        AddressText::parse(c.pick(CITIES)?).ok()?
    } else {
        address_text(c)?
    };
    Some(AccountAddress::new(city, country))
}

/// A valid account address.
pub(crate) fn account_address(c: &mut impl Choices) -> Option<AccountAddress> {
    let country = country(c)?;
    account_address_in(c, country)
}

/// A valid account create-customer request, read by
/// [`CreateAccountCustomer::from_json`]: every optional field present or absent, the
/// phone an example number of the address country when both are given, any status,
/// custom data of every JSON shape.
pub(crate) fn create_account_customer(c: &mut impl Choices) -> Option<CreateAccountCustomer> {
    let name = full_name(c)?;
    let email = email(c)?;
    let (phone, address) = match c.below(4) {
        0 => (None, None),
        1 => (Some(phone_number(c)?), None),
        2 => (None, Some(account_address(c)?)),
        _ => {
            let (phone, country) = phone_and_country(c)?;
            (Some(phone), Some(account_address_in(c, country)?))
        }
    };
    let payment_method = if c.below(2) == 0 {
        None
    } else {
        Some(payment_method_id(c)?)
    };
    let status = if c.below(4) == 0 {
        None
    } else {
        Some(account_status(c)?)
    };
    let custom_data = if c.below(2) == 0 {
        None
    } else {
        Some(json_object(c)?)
    };
    let mut body = format!("{{\"name\":{},\"email\":{}", json(&name)?, json(&email)?);
    if let Some(phone) = phone {
        body.push_str(&format!(",\"phone\":{}", json(&phone)?));
    }
    if let Some(address) = address {
        body.push_str(&format!(",\"address\":{}", json(&address)?));
    }
    if let Some(payment_method) = payment_method {
        body.push_str(&format!(",\"payment_method\":{}", json(&payment_method)?));
    }
    if let Some(status) = status {
        body.push_str(&format!(",\"status\":{}", json(&status)?));
    }
    if let Some(custom_data) = custom_data {
        body.push_str(&format!(",\"custom_data\":{}", custom_data.as_str()));
    }
    body.push('}');
    CreateAccountCustomer::from_json(body.as_bytes()).ok()
}

/// A valid account customer: a UUIDv7 id of its creation time (or any TypeID), and half
/// the time an `updated_at` later than `created_at` (through an empty
/// [`AccountCustomerPatch`]); times to the millisecond, as spec 003 keeps them.
pub(crate) fn account_customer(c: &mut impl Choices) -> Option<AccountCustomer> {
    let (created, updated) = created_and_updated(c)?;
    let id = account_customer_id_at(c, created)?;
    let request = create_account_customer(c)?;
    let customer = AccountCustomer::new(id, request, created);
    if updated == created {
        return Some(customer);
    }
    AccountCustomerPatch::default()
        .apply(&customer, updated)
        .ok()
}
