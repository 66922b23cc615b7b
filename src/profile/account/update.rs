//! Updating an account customer (spec 003): a JSON Merge Patch (RFC 7396) of the customer
//! object read with every error at once, merged into the stored customer, and the merged
//! record checked as a whole.
//!
//! The patch schema is the customer object's; `id`, `created_at` and `updated_at` are the
//! API's (`read_only`). `address` merges member by member, `custom_data` per top-level
//! key. The whole-record rules: a new address needs both members, the phone must be valid
//! for the address country, the merged `custom_data` within its limits, `now` not before
//! `created_at`.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::address::{self, AccountAddress};
use super::conflict::Conflict;
use super::create::{self, CreateAccountCustomer};
use super::customer::{self, AccountCustomer};
use super::status::AccountStatus;
use crate::error::{Coded, ErrorCode, ValidationErrors};
use crate::field::address::AddressText;
use crate::field::country::Country;
use crate::field::email::Email;
use crate::field::full_name::FullName;
use crate::field::json_object::{CustomDataPatch, JsonObject};
use crate::field::phone::{PhoneCountryMismatch, PhoneNumber};
use crate::field::timestamp::Timestamp;
use crate::field::typeid::{AccountCustomerId, PaymentMethodId};
use crate::request::document::{self, Document};
use crate::request::patch::{self, Change, PatchSchema};
use crate::request::raw::Kept;
use crate::request::reader::{self, At, Field, Reported};

/// A patch's members: the customer object's, of which the API owns three.
const SCHEMA: PatchSchema<10> =
    PatchSchema::new(customer::NAMES, &["id", "created_at", "updated_at"]);

/// A validated update of an account customer (spec 003): a JSON Merge Patch (RFC 7396)
/// of the customer object.
///
/// - An absent member leaves its field unchanged; `{}` is a valid patch that changes
///   nothing but `updated_at`.
/// - `null` (or a blank string) clears an optional field (`phone`, `address`,
///   `payment_method`, `custom_data`) and is `required` on `name`, `email` and `status`
///   (a customer always has a status; send `"active"`).
/// - `address` merges: `{"address": {"city": "Arusha"}}` changes only the city; a
///   customer without an address needs both `city` and `country` (`required` at the
///   missing one).
/// - `custom_data` merges per top-level key: `{"custom_data": {"k": null}}` deletes `k`,
///   `{"custom_data": {"k": …}}` sets it to that value, kept exactly as sent (a nested
///   object replaces the stored value whole); the limits apply to the merged object.
/// - Unknown and duplicate fields are refused as in create; `id`, `created_at` and
///   `updated_at` are `read_only`, whatever their value.
/// - [`AccountCustomerPatch::apply`] checks the merged record: the phone must be valid
///   for the address country, pointing at the field the patch changed.
///
/// ```
/// use customer_core::{Timestamp, account::{AccountCustomer, AccountCustomerPatch}};
///
/// let stored = AccountCustomer::from_json(br#"{"id":"cus_01h3vjs3b16yc3f9q8q9pfrb80",
///   "name":"Brighton Mboya","email":"brighton@jani.com","phone":"+255788123456",
///   "address":{"city":"Dar es Salaam","country":"TZ"},"payment_method":null,
///   "created_at":"2024-09-01T15:00:00.000Z","updated_at":"2024-09-01T15:00:00.000Z",
///   "status":"active","custom_data":{"loyalty_program":"Gold","visits":12}}"#).unwrap();
/// let now = Timestamp::parse("2024-10-01T09:30:00.123456Z").unwrap();
///
/// let patch = AccountCustomerPatch::from_json(br#"{"status":"suspended",
///   "address":{"city":"Arusha"},"custom_data":{"visits":null,"tier":{"level":2}}}"#).unwrap();
/// let updated = patch.apply(&stored, now).unwrap();
/// let json = serde_json::to_value(&updated).unwrap();
/// assert_eq!(json["address"], serde_json::json!({"city": "Arusha", "country": "TZ"}));
/// assert_eq!(updated.fields().custom_data().unwrap().as_str(),
///            r#"{"loyalty_program":"Gold","tier":{"level":2}}"#);
/// assert_eq!(json["updated_at"], "2024-10-01T09:30:00.123Z");
/// assert_eq!(AccountCustomerPatch::diff(&stored, &updated), patch);
///
/// let errors = AccountCustomerPatch::from_json(br#"{"id":null,"status":null,"phone":"x"}"#)
///     .unwrap_err();
/// let found: Vec<(&str, &str)> =
///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
/// assert_eq!(found, [
///     ("/id", "read_only"),
///     ("/phone", "invalid_phone_format"),
///     ("/status", "required"),
/// ]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct AccountCustomerPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<FullName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<Email>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    phone: Change<PhoneNumber>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    address: Change<AddressPatch>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    payment_method: Change<PaymentMethodId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<AccountStatus>,
    #[serde(skip_serializing_if = "CustomDataPatch::is_keep")]
    custom_data: CustomDataPatch,
}

/// A merge patch of an [`AccountAddress`]: the members it sets (both are required, so
/// `null` is `required`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct AddressPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<AddressText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<Country>,
}

impl AddressPatch {
    /// Reads an `address` member of a patch: absent keeps, `null` clears, an object
    /// merges.
    fn read(
        field: Field<'_, '_>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<Change<AddressPatch>, Reported> {
        let [city, country] = match patch::object(field, &address::SCHEMA, at, false, errors)? {
            Change::Keep => return Ok(Change::Keep),
            Change::Clear => return Ok(Change::Clear),
            Change::Set(slots) => slots,
        };
        let city = patch::required(city, at.child("city"), errors, AddressText::parse);
        let country = patch::required(country, at.child("country"), errors, Country::parse);
        Ok(Change::Set(AddressPatch {
            city: city?,
            country: country?,
        }))
    }

    /// The address after the patch: both members are needed when there is none yet
    /// (`required` at each missing one).
    fn merge(
        &self,
        stored: Option<&AccountAddress>,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<AccountAddress, Reported> {
        if let Some(a) = stored {
            return Ok(AccountAddress::new(
                self.city.clone().unwrap_or_else(|| a.city().clone()),
                self.country.unwrap_or(a.country()),
            ));
        }
        let city = self
            .city
            .clone()
            .ok_or_else(|| reader::rule_error(at.child("city"), &NoAddressYet, errors));
        let country = self
            .country
            .ok_or_else(|| reader::rule_error(at.child("country"), &NoAddressYet, errors));
        Ok(AccountAddress::new(city?, country?))
    }

    /// The patch that turns `old` into `new` (`None` when they are equal).
    fn between(old: Option<&AccountAddress>, new: Option<&AccountAddress>) -> Change<AddressPatch> {
        match (old, new) {
            (old, new) if old == new => Change::Keep,
            (_, None) => Change::Clear,
            (None, Some(n)) => Change::Set(AddressPatch {
                city: Some(n.city().clone()),
                country: Some(n.country()),
            }),
            (Some(o), Some(n)) => Change::Set(AddressPatch {
                city: patch::set_if_changed(o.city(), n.city()),
                country: patch::set_if_changed(&o.country(), &n.country()),
            }),
        }
    }
}

/// A patch gives part of an address to a customer that has none (`required`).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("is required: the customer has no address yet; send both city and country")]
struct NoAddressYet;

impl Coded for NoAddressYet {
    fn code(&self) -> ErrorCode {
        ErrorCode::Required
    }
}

/// A patch's members as read, each on its own, so the whole-record rules can run on
/// the parts that parsed while the others are reported.
struct Parts {
    name: Result<Option<FullName>, Reported>,
    email: Result<Option<Email>, Reported>,
    phone: Result<Change<PhoneNumber>, Reported>,
    address: Result<Change<AddressPatch>, Reported>,
    payment_method: Result<Change<PaymentMethodId>, Reported>,
    status: Result<Option<AccountStatus>, Reported>,
    custom_data: Result<CustomDataPatch, Reported>,
}

impl Parts {
    fn read(
        raw: &Document<'_, 10>,
        kept: Kept<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<Parts, Reported> {
        let [
            _,
            name,
            email,
            phone,
            address,
            payment_method,
            _,
            _,
            status,
            custom_data,
        ] = SCHEMA.document(raw, errors)?;
        let at = |name| At::ROOT.child(name);
        Ok(Parts {
            name: patch::required(name, at("name"), errors, FullName::parse),
            email: patch::required(email, at("email"), errors, Email::parse),
            phone: patch::optional_text(phone, at("phone"), errors, PhoneNumber::parse),
            address: AddressPatch::read(Field::from(address), at("address"), errors),
            payment_method: patch::optional_text(
                payment_method,
                at("payment_method"),
                errors,
                PaymentMethodId::parse,
            ),
            status: patch::required(status, at("status"), errors, AccountStatus::parse),
            custom_data: CustomDataPatch::read(
                Field::from(custom_data),
                kept,
                at("custom_data"),
                errors,
            ),
        })
    }

    fn into_patch(self) -> Result<AccountCustomerPatch, Reported> {
        Ok(AccountCustomerPatch {
            name: self.name?,
            email: self.email?,
            phone: self.phone?,
            address: self.address?,
            payment_method: self.payment_method?,
            status: self.status?,
            custom_data: self.custom_data?,
        })
    }
}

/// The merged record breaks the phone/country rule (`phone_country_mismatch`), told from
/// the side the patch changed, naming the other field.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", mismatch_text(.mismatch, *.country_only))]
struct MergedMismatch {
    mismatch: PhoneCountryMismatch,
    /// The patch changed the country and not the phone.
    country_only: bool,
}

fn mismatch_text(m: &PhoneCountryMismatch, country_only: bool) -> String {
    let phone_country = match m.phone_region {
        Some(c) => format!("{} ({c})", c.name()),
        None => "no country (a non-geographic number)".to_owned(),
    };
    let (phone, country) = (m.phone.as_str(), m.country);
    if country_only {
        format!(
            "{} ({country}) does not match the stored phone {phone}, which belongs to \
             {phone_country}; send the new phone (or null) in the same patch",
            country.name()
        )
    } else {
        format!(
            "{phone} belongs to {phone_country} and is not valid for the address country {} \
             ({country}); send the new address.country in the same patch",
            country.name()
        )
    }
}

impl Coded for MergedMismatch {
    fn code(&self) -> ErrorCode {
        ErrorCode::PhoneCountryMismatch
    }
}

/// The merged parts the whole-record rules produce.
struct Merged {
    address: Option<AccountAddress>,
    custom_data: Option<JsonObject>,
}

/// The whole-record rules on the merged record, for the parts that parsed: the address
/// (both members when there was none), the phone valid for the address country
/// (reported at the field the patch changed, the phone when it changed both), the merged
/// `custom_data` within its limits, and `now` not before `created_at`.
fn check_merged(
    customer: &AccountCustomer,
    phone: Result<&Change<PhoneNumber>, Reported>,
    address: Result<&Change<AddressPatch>, Reported>,
    custom_data: Result<&CustomDataPatch, Reported>,
    now: Timestamp,
    errors: &mut ValidationErrors,
) -> Result<Merged, Reported> {
    let stored = customer.fields();
    let at = At::ROOT;
    let address_at = at.child("address");
    let merged_address = address.and_then(|a| match a {
        Change::Keep => Ok(stored.address().cloned()),
        Change::Clear => Ok(None),
        Change::Set(p) => p.merge(stored.address(), address_at, errors).map(Some),
    });
    let mut result = Ok(());
    if let (Ok(phone), Ok(address), Ok(merged)) = (phone, address, &merged_address)
        && let (Some(p), Some(a)) = (phone.merge(stored.phone()), merged)
        && let Err(mismatch) = p.check_country(a.country())
    {
        let country_changed = match address {
            Change::Set(patch) => patch.country.is_some() || stored.address().is_none(),
            _ => false,
        };
        let country_only = country_changed && phone.is_keep();
        let pointer = if country_only {
            address_at.child("country")
        } else {
            at.child("phone")
        };
        let error = MergedMismatch {
            mismatch,
            country_only,
        };
        result = Err(reader::rule_error(pointer, &error, errors));
    }
    let custom_data =
        custom_data.and_then(|c| c.merge(stored.custom_data(), at.child("custom_data"), errors));
    let now = super::super::check_now(customer.created_at(), customer::to_millis(now), errors);
    let address = merged_address?;
    result.and(now)?;
    Ok(Merged {
        address,
        custom_data: custom_data?,
    })
}

impl AccountCustomerPatch {
    /// Parses and validates a merge-patch body, reporting every error at once;
    /// `custom_data` values are kept exactly as sent. The rules between fields need the
    /// stored customer: they run in [`AccountCustomerPatch::apply`] (or use
    /// [`AccountCustomer::merge_patch`] to get both kinds of error from one call).
    pub fn from_json(body: &[u8]) -> Result<AccountCustomerPatch, ValidationErrors> {
        let (raw, mut errors) = document::read(body, SCHEMA.names(), Some(create::KEPT))?;
        let kept = raw.kept();
        let patch = Parts::read(&raw, kept, &mut errors).and_then(Parts::into_patch);
        reader::finish(patch, errors)
    }

    /// The updated customer: the patch merged into `customer`, checked as a whole, with
    /// `updated_at = now` (to the millisecond); `id` and `created_at` are kept. `now`
    /// earlier than `created_at` is an `invalid_range` error at `/updated_at`, never a
    /// silent clamp.
    pub fn apply(
        &self,
        customer: &AccountCustomer,
        now: Timestamp,
    ) -> Result<AccountCustomer, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let updated = check_merged(
            customer,
            Ok(&self.phone),
            Ok(&self.address),
            Ok(&self.custom_data),
            now,
            &mut errors,
        )
        .map(|merged| self.build(customer, merged, now));
        reader::finish(updated, errors)
    }

    /// The merged customer, once the whole-record rules passed.
    fn build(&self, customer: &AccountCustomer, merged: Merged, now: Timestamp) -> AccountCustomer {
        let f = customer.fields();
        let fields = CreateAccountCustomer::from_parts(
            self.name.clone().unwrap_or_else(|| f.name().clone()),
            self.email.clone().unwrap_or_else(|| f.email().clone()),
            self.phone.merge(f.phone()),
            merged.address,
            self.payment_method.merge(f.payment_method()),
            self.status.unwrap_or(f.status()),
            merged.custom_data,
        );
        AccountCustomer::from_parts(
            customer.id(),
            fields,
            customer.created_at(),
            customer::to_millis(now),
        )
    }

    /// The patch that turns `old`'s fields into `new`'s (`id` and the timestamps are not
    /// part of a patch): `AccountCustomerPatch::diff(&c, &c2).apply(&c, now)` is `c2` with
    /// `updated_at = now` when `c2` has `c`'s id and `created_at`, and its `custom_data`
    /// has no key twice and no top-level `null` (which a merge patch cannot express).
    #[must_use]
    pub fn diff(old: &AccountCustomer, new: &AccountCustomer) -> AccountCustomerPatch {
        let (o, n) = (old.fields(), new.fields());
        AccountCustomerPatch {
            name: patch::set_if_changed(o.name(), n.name()),
            email: patch::set_if_changed(o.email(), n.email()),
            phone: Change::between(o.phone(), n.phone()),
            address: AddressPatch::between(o.address(), n.address()),
            payment_method: Change::between(o.payment_method(), n.payment_method()),
            status: patch::set_if_changed(&o.status(), &n.status()),
            custom_data: CustomDataPatch::between(o.custom_data(), n.custom_data()),
        }
    }

    /// The new name, if the patch sets one.
    #[must_use]
    pub fn name(&self) -> Option<&FullName> {
        self.name.as_ref()
    }

    /// The new email, if the patch sets one: check it with
    /// [`AccountCustomerPatch::check_email_unique`] before storing the update.
    #[must_use]
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }

    /// The new status, if the patch sets one.
    #[must_use]
    pub fn status(&self) -> Option<AccountStatus> {
        self.status
    }

    /// Decides the duplicate-email rule for an update, from the service's lookup of the
    /// new email's [`uniqueness_key`](crate::Email::uniqueness_key): `existing` is the id
    /// of the customer that has it, if any. The customer being updated may keep its own
    /// address (in another spelling too); another customer's is a 409 [`Conflict`].
    ///
    /// ```
    /// use customer_core::{account::{AccountCustomerId, AccountCustomerPatch}};
    ///
    /// let me: AccountCustomerId = "cus_01h3vjs3b16yc3f9q8q9pfrb80".parse().unwrap();
    /// let other: AccountCustomerId = "cus_01h3vjs3b16yc3f9q8q9pfrb81".parse().unwrap();
    /// let patch = AccountCustomerPatch::from_json(br#"{"email":"Brighton@Jani.com"}"#).unwrap();
    /// assert!(patch.check_email_unique(me, Some(me)).is_ok());
    /// assert!(patch.check_email_unique(me, None).is_ok());
    /// assert_eq!(patch.check_email_unique(me, Some(other)).unwrap_err().status(), 409);
    /// ```
    pub fn check_email_unique(
        &self,
        updating: AccountCustomerId,
        existing: Option<AccountCustomerId>,
    ) -> Result<(), Conflict> {
        match existing {
            Some(id) if self.email.is_some() && id != updating => {
                Err(Conflict::duplicate_email(id))
            }
            _ => Ok(()),
        }
    }

    /// True when the patch changes no field (applying it changes only `updated_at`).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == AccountCustomerPatch::default()
    }
}

/// Reads a patch with [`AccountCustomerPatch::from_json`]. JSON only (serde_json):
/// `custom_data` values are kept as JSON text.
impl<'de> Deserialize<'de> for AccountCustomerPatch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Box::<RawValue>::deserialize(deserializer)?;
        AccountCustomerPatch::from_json(text.get().as_bytes()).map_err(serde::de::Error::custom)
    }
}

impl AccountCustomer {
    /// Reads a merge-patch body and applies it: [`AccountCustomerPatch::from_json`] and
    /// [`AccountCustomerPatch::apply`] in one call, with every error at once (the patch's
    /// field errors and the whole-record rules on the parts that parsed).
    ///
    /// ```
    /// use customer_core::{Timestamp, account::AccountCustomer};
    ///
    /// let stored = AccountCustomer::from_json(br#"{"id":"cus_01h3vjs3b16yc3f9q8q9pfrb80",
    ///   "name":"Brighton Mboya","email":"brighton@jani.com","phone":"+255788123456",
    ///   "address":{"city":"Dar es Salaam","country":"TZ"},"payment_method":null,
    ///   "created_at":"2024-09-01T15:00:00.000Z","updated_at":"2024-09-01T15:00:00.000Z",
    ///   "status":"active","custom_data":null}"#).unwrap();
    /// let now = Timestamp::parse("2024-10-01T09:30:00Z").unwrap();
    /// let errors = stored
    ///     .merge_patch(br#"{"email":"nope","address":{"city":"Nairobi","country":"KE"}}"#, now)
    ///     .unwrap_err();
    /// let found: Vec<(&str, &str)> =
    ///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
    /// assert_eq!(found, [
    ///     ("/email", "invalid_email"),
    ///     ("/address/country", "phone_country_mismatch"),
    /// ]);
    /// ```
    pub fn merge_patch(
        &self,
        body: &[u8],
        now: Timestamp,
    ) -> Result<AccountCustomer, ValidationErrors> {
        let (raw, mut errors) = document::read(body, SCHEMA.names(), Some(create::KEPT))?;
        let kept = raw.kept();
        let updated = Parts::read(&raw, kept, &mut errors).and_then(|parts| {
            let checked = check_merged(
                self,
                parts.phone.as_ref().map_err(|r| *r),
                parts.address.as_ref().map_err(|r| *r),
                parts.custom_data.as_ref().map_err(|r| *r),
                now,
                &mut errors,
            );
            let patch = parts.into_patch()?;
            let merged = checked?;
            Ok(patch.build(self, merged, now))
        });
        reader::finish(updated, errors)
    }
}

patch::versioned!(AccountCustomer);
