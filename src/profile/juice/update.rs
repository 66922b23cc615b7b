//! Updating a customer (`PATCH /customers/{id}`): a JSON Merge Patch (RFC 7396) read with
//! every error at once, merged into the stored customer, and the merged record checked
//! as a whole.
//!
//! The profile declares its [`PatchSchema`] (the customer object's names, `id`,
//! `created_at` and `updated_at` read-only) and reads each editable member with the
//! generic patch readers of `request::patch`; this file adds only what is Juice's: which
//! fields are required, the nested address, and the phone/country rule on the result.

use serde::{Deserialize, Deserializer, Serialize};

use super::create::CreateCustomer;
use super::customer::{self, Customer};
use crate::error::{Coded, ErrorCode, ValidationErrors};
use crate::field::address::{self, AddressText, BillingAddress};
use crate::field::country::Country;
use crate::field::email::Email;
use crate::field::name::PersonName;
use crate::field::phone::{PhoneCountryMismatch, PhoneNumber};
use crate::field::timestamp::Timestamp;
use crate::request::document::{self, Document};
use crate::request::patch::{self, Change, PatchSchema};
use crate::request::reader::{self, At, Field, Reported};

/// A patch's members: the customer object's, of which the API owns three.
const SCHEMA: PatchSchema<8> =
    PatchSchema::new(customer::NAMES, &["id", "created_at", "updated_at"]);

/// A validated update of Juice's customer (`PATCH /customers/{id}`): a JSON Merge Patch
/// (RFC 7396) of the customer object, read with every error at once, applied to the
/// stored customer and checked as a whole record.
///
#[doc = include_str!("../../../docs/updates.md")]
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct CustomerPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<PersonName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<PersonName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<Email>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<PhoneNumber>,
    #[serde(skip_serializing_if = "AddressPatch::is_empty")]
    billing_address: AddressPatch,
}

/// A merge patch of a [`BillingAddress`]: `line1`, `city` and `country` required,
/// `line2`, `state` and `zip_code` optional. An empty one changes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct AddressPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    line1: Option<AddressText>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    line2: Change<AddressText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<AddressText>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    state: Change<AddressText>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    zip_code: Change<AddressText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<Country>,
}

impl AddressPatch {
    /// Reads a `billing_address` member of a patch (required: `null` is `required`).
    pub(crate) fn read(
        field: Field<'_, '_>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<AddressPatch, Reported> {
        let Change::Set([line1, line2, city, state, zip_code, country]) =
            patch::object(field, &address::SCHEMA, at, true, errors)?
        else {
            return Ok(AddressPatch::default());
        };
        let text = |name| at.child(name);
        let line1 = patch::required(line1, text("line1"), errors, AddressText::parse);
        let line2 = patch::optional(line2, text("line2"), errors, AddressText::parse_optional);
        let city = patch::required(city, text("city"), errors, AddressText::parse);
        let state = patch::optional(state, text("state"), errors, AddressText::parse_optional);
        let zip_code = patch::optional(
            zip_code,
            text("zip_code"),
            errors,
            AddressText::parse_optional,
        );
        let country = patch::required(country, text("country"), errors, Country::parse);
        Ok(AddressPatch {
            line1: line1?,
            line2: line2?,
            city: city?,
            state: state?,
            zip_code: zip_code?,
            country: country?,
        })
    }

    /// True when it changes nothing.
    pub(crate) fn is_empty(&self) -> bool {
        *self == AddressPatch::default()
    }

    /// The address after the patch.
    pub(crate) fn merge(&self, a: &BillingAddress) -> BillingAddress {
        BillingAddress::new(
            self.line1.clone().unwrap_or_else(|| a.line1().clone()),
            self.line2.merge(a.line2()),
            self.city.clone().unwrap_or_else(|| a.city().clone()),
            self.state.merge(a.state()),
            self.zip_code.merge(a.zip_code()),
            self.country.unwrap_or(a.country()),
        )
    }

    /// The patch that turns `old` into `new`.
    pub(crate) fn between(old: &BillingAddress, new: &BillingAddress) -> AddressPatch {
        AddressPatch {
            line1: patch::set_if_changed(old.line1(), new.line1()),
            line2: Change::between(old.line2(), new.line2()),
            city: patch::set_if_changed(old.city(), new.city()),
            state: Change::between(old.state(), new.state()),
            zip_code: Change::between(old.zip_code(), new.zip_code()),
            country: patch::set_if_changed(&old.country(), &new.country()),
        }
    }
}

/// A patch's members as read, each on its own, so the whole-record rules can run on
/// the parts that parsed while the others are reported.
struct Parts {
    first_name: Result<Option<PersonName>, Reported>,
    last_name: Result<Option<PersonName>, Reported>,
    email: Result<Option<Email>, Reported>,
    phone_number: Result<Option<PhoneNumber>, Reported>,
    billing_address: Result<AddressPatch, Reported>,
}

impl Parts {
    fn read(raw: &Document<'_, 8>, errors: &mut ValidationErrors) -> Result<Parts, Reported> {
        let [_, first, last, email, phone, address, _, _] = SCHEMA.document(raw, errors)?;
        let at = |name| At::ROOT.child(name);
        Ok(Parts {
            first_name: patch::required(first, at("first_name"), errors, PersonName::parse),
            last_name: patch::required(last, at("last_name"), errors, PersonName::parse),
            email: patch::required(email, at("email"), errors, Email::parse),
            phone_number: patch::required(phone, at("phone_number"), errors, PhoneNumber::parse),
            billing_address: AddressPatch::read(address.into(), at("billing_address"), errors),
        })
    }

    fn into_patch(self) -> Result<CustomerPatch, Reported> {
        Ok(CustomerPatch {
            first_name: self.first_name?,
            last_name: self.last_name?,
            email: self.email?,
            phone_number: self.phone_number?,
            billing_address: self.billing_address?,
        })
    }
}

/// Which side of the phone/country rule a patch changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Touched {
    Phone,
    Country,
    Both,
    Neither,
}

/// The merged record breaks the phone/country rule (`phone_country_mismatch`), told from
/// the side the patch changed, naming the other field.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", merged_mismatch_text(.mismatch, *.touched))]
struct MergedMismatch {
    mismatch: PhoneCountryMismatch,
    touched: Touched,
}

fn merged_mismatch_text(m: &PhoneCountryMismatch, touched: Touched) -> String {
    let phone_country = match m.phone_region {
        Some(c) => format!("{} ({c})", c.name()),
        None => "no country (a non-geographic number)".to_owned(),
    };
    let (phone, country) = (m.phone.as_str(), m.country);
    let country_name = country.name();
    match touched {
        Touched::Country => format!(
            "{country_name} ({country}) does not match the stored phone_number {phone}, which \
             belongs to {phone_country}; send the new phone_number in the same patch"
        ),
        Touched::Phone => format!(
            "{phone} belongs to {phone_country} and is not valid for the stored \
             billing_address.country {country_name} ({country}); send the new \
             billing_address.country in the same patch"
        ),
        Touched::Both | Touched::Neither => m.to_string(),
    }
}

impl Coded for MergedMismatch {
    fn code(&self) -> ErrorCode {
        ErrorCode::PhoneCountryMismatch
    }
}

/// The whole-record rules on the merged record, for the parts that parsed: the phone must
/// be valid for the billing country (reported at the field the patch changed, the phone
/// when it changed both or neither), and `now` must not be before `created_at`.
fn check_merged(
    customer: &Customer,
    phone: Result<Option<&PhoneNumber>, Reported>,
    address: Result<&AddressPatch, Reported>,
    now: Timestamp,
    errors: &mut ValidationErrors,
) -> Result<(), Reported> {
    let mut result = Ok(());
    if let (Ok(new_phone), Ok(address)) = (phone, address) {
        let merged_phone = new_phone.unwrap_or(customer.phone_number());
        let merged_country = address
            .country
            .unwrap_or(customer.billing_address().country());
        if let Err(mismatch) = merged_phone.check_country(merged_country) {
            let touched = match (new_phone.is_some(), address.country.is_some()) {
                (true, true) => Touched::Both,
                (true, false) => Touched::Phone,
                (false, true) => Touched::Country,
                (false, false) => Touched::Neither,
            };
            let billing = At::ROOT.child("billing_address");
            let pointer = if touched == Touched::Country {
                billing.child("country")
            } else {
                At::ROOT.child("phone_number")
            };
            let error = MergedMismatch { mismatch, touched };
            result = Err(reader::rule_error(pointer, &error, errors));
        }
    }
    if let Err(reported) = crate::profile::check_now(customer.created_at(), now, errors) {
        result = Err(reported);
    }
    result
}

impl CustomerPatch {
    /// Parses and validates a merge-patch body, reporting every error at once. The rules
    /// between fields need the stored customer: they run in [`CustomerPatch::apply`] (or
    /// use [`Customer::merge_patch`] to get both kinds of error from one call).
    pub fn from_json(body: &[u8]) -> Result<CustomerPatch, ValidationErrors> {
        let (raw, mut errors) = document::read(body, SCHEMA.names(), None)?;
        let patch = Parts::read(&raw, &mut errors).and_then(Parts::into_patch);
        reader::finish(patch, errors)
    }

    /// The updated customer: the patch merged into `customer`, checked as a whole (the
    /// phone number valid for the billing country), with `updated_at = now`; `id` and
    /// `created_at` are kept. `now` earlier than `created_at` is an `invalid_range` error
    /// at `/updated_at`, never a silent clamp.
    pub fn apply(&self, customer: &Customer, now: Timestamp) -> Result<Customer, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let updated = check_merged(
            customer,
            Ok(self.phone_number.as_ref()),
            Ok(&self.billing_address),
            now,
            &mut errors,
        )
        .and_then(|()| self.build(customer, now, &mut errors));
        reader::finish(updated, errors)
    }

    /// The merged customer, once the whole-record rules passed.
    fn build(
        &self,
        customer: &Customer,
        now: Timestamp,
        errors: &mut ValidationErrors,
    ) -> Result<Customer, Reported> {
        let fields = CreateCustomer::new(
            self.first_name
                .clone()
                .unwrap_or_else(|| customer.first_name().clone()),
            self.last_name
                .clone()
                .unwrap_or_else(|| customer.last_name().clone()),
            self.email
                .clone()
                .unwrap_or_else(|| customer.email().clone()),
            self.phone_number
                .clone()
                .unwrap_or_else(|| customer.phone_number().clone()),
            self.billing_address.merge(customer.billing_address()),
        )
        .map_err(|e| reader::rule_error(At::ROOT.child("phone_number"), &e, errors))?;
        Ok(Customer::from_parts(
            customer.id(),
            fields,
            customer.created_at(),
            now,
        ))
    }

    /// The patch that turns `old`'s fields into `new`'s (`id` and the timestamps are not
    /// part of a patch): `CustomerPatch::diff(&c, &c2).apply(&c, now)` is `c2` with
    /// `updated_at = now` when `c2` has `c`'s id and `created_at`.
    #[must_use]
    pub fn diff(old: &Customer, new: &Customer) -> CustomerPatch {
        CustomerPatch {
            first_name: patch::set_if_changed(old.first_name(), new.first_name()),
            last_name: patch::set_if_changed(old.last_name(), new.last_name()),
            email: patch::set_if_changed(old.email(), new.email()),
            phone_number: patch::set_if_changed(old.phone_number(), new.phone_number()),
            billing_address: AddressPatch::between(old.billing_address(), new.billing_address()),
        }
    }

    /// The new first name, if the patch sets one.
    #[must_use]
    pub fn first_name(&self) -> Option<&PersonName> {
        self.first_name.as_ref()
    }

    /// The new last name, if the patch sets one.
    #[must_use]
    pub fn last_name(&self) -> Option<&PersonName> {
        self.last_name.as_ref()
    }

    /// The new email, if the patch sets one: a service that keeps emails unique checks
    /// its [`Email::uniqueness_key`] before storing the update.
    #[must_use]
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }

    /// The new phone number, if the patch sets one.
    #[must_use]
    pub fn phone_number(&self) -> Option<&PhoneNumber> {
        self.phone_number.as_ref()
    }

    /// True when the patch changes any member of the billing address.
    #[must_use]
    pub fn changes_billing_address(&self) -> bool {
        !self.billing_address.is_empty()
    }

    /// True when the patch changes no field (applying it changes only `updated_at`).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == CustomerPatch::default()
    }
}

/// Reads a patch with the same reader as [`CustomerPatch::from_json`]. Self-describing
/// formats only: a merge patch needs the difference between an absent member and `null`.
impl<'de> Deserialize<'de> for CustomerPatch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (raw, mut errors) = document::deserialize(deserializer, SCHEMA.names())?;
        let patch = Parts::read(&raw, &mut errors).and_then(Parts::into_patch);
        reader::finish(patch, errors).map_err(serde::de::Error::custom)
    }
}

impl Customer {
    /// Reads a merge-patch body and applies it: [`CustomerPatch::from_json`] and
    /// [`CustomerPatch::apply`] in one call, with every error at once (the patch's field
    /// errors and the whole-record rules on the parts that parsed).
    ///
    /// ```
    /// use customer_core::{Customer, Timestamp};
    ///
    /// let stored = Customer::from_json(br#"{"id":"6f7e1e7f-93d1-4fcc-b7a4-738f869615c8",
    ///   "first_name":"Ada","last_name":"Obi","email":"ada@example.com",
    ///   "phone_number":"+2348012345678",
    ///   "billing_address":{"line1":"1 Marina","city":"Lagos","country":"NG"},
    ///   "created_at":"2024-03-01T12:00:00Z","updated_at":"2024-03-01T12:00:00Z"}"#).unwrap();
    /// let now = Timestamp::parse("2024-04-01T09:30:00Z").unwrap();
    /// let errors = stored
    ///     .merge_patch(br#"{"email":"nope","billing_address":{"country":"KE"}}"#, now)
    ///     .unwrap_err();
    /// let found: Vec<(&str, &str)> =
    ///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
    /// assert_eq!(found, [
    ///     ("/email", "invalid_email"),
    ///     ("/billing_address/country", "phone_country_mismatch"),
    /// ]);
    /// ```
    pub fn merge_patch(&self, body: &[u8], now: Timestamp) -> Result<Customer, ValidationErrors> {
        let (raw, mut errors) = document::read(body, SCHEMA.names(), None)?;
        let updated = Parts::read(&raw, &mut errors).and_then(|parts| {
            let phone = parts
                .phone_number
                .as_ref()
                .map(Option::as_ref)
                .map_err(|r| *r);
            let address = parts.billing_address.as_ref().map_err(|r| *r);
            let checked = check_merged(self, phone, address, now, &mut errors);
            let patch = parts.into_patch()?;
            checked?;
            patch.build(self, now, &mut errors)
        });
        reader::finish(updated, errors)
    }
}

patch::versioned!(Customer);
