//! Updating a billing customer (spec 002): a JSON Merge Patch (RFC 7396) of the customer
//! object read with every error at once, merged into the stored customer, and the merged
//! record checked as a whole.
//!
//! The patch schema is the customer object's; `id`, `payment_rules`, `created_at` and
//! `updated_at` are the API's (`read_only`). `metadata` merges per key. The whole-record
//! rules: a balance needs a currency, at most 50 metadata keys, `now` not before
//! `created_at`.

use serde::{Deserialize, Deserializer, Serialize};

use super::create::CreateBillingCustomer;
use super::customer::{self, BillingCustomer};
use crate::error::{Coded, ErrorCode, ValidationErrors};
use crate::field::currency::{self, Currency};
use crate::field::full_name::FullName;
use crate::field::metadata::MetadataPatch;
use crate::field::phone::PhoneNumber;
use crate::field::reference::Reference;
use crate::field::timestamp::Timestamp;
use crate::request::document::{self, Document};
use crate::request::patch::{self, Change, PatchSchema};
use crate::request::reader::{self, At, Field, Reported};

/// A patch's members: the customer object's, of which the API owns four.
const SCHEMA: PatchSchema<10> = PatchSchema::new(
    customer::NAMES,
    &["id", "payment_rules", "created_at", "updated_at"],
)
.integers(&["balance"]);

/// A validated update of a billing customer (spec 002): a JSON Merge Patch (RFC 7396) of
/// the customer object.
///
/// - An absent member leaves its field unchanged; `{}` is a valid patch that changes
///   nothing but `updated_at`.
/// - `null` (or a blank string) clears an optional field (`reference`, `phone_number`,
///   `currency`, `balance`) and is `required` on `name`.
/// - `metadata` merges per key: `{"metadata": {"k": null}}` deletes `k`,
///   `{"metadata": {"k": "v"}}` sets it (moving it to the end), other keys are untouched;
///   `"metadata": null` deletes every key. Keys and values follow the create rules.
/// - Unknown and duplicate fields are refused as in create; `id`, `payment_rules`,
///   `created_at` and `updated_at` are `read_only`, whatever their value.
/// - [`BillingCustomerPatch::apply`] checks the merged record: a balance needs a
///   currency (`currency_required` at `/balance` when the patch sets a balance on a
///   customer without currency; `required` at `/currency` when it clears the currency of
///   a customer with a balance), at most 50 metadata keys (`too_many_keys` at the first
///   key the patch adds past the limit).
///
/// It serializes as the merge patch it is (what [`BillingCustomerPatch::diff`] gives can
/// be sent as a `PATCH` body).
///
/// ```
/// use customer_core::{Timestamp, billing::{BillingCustomer, BillingCustomerPatch}};
///
/// let stored = BillingCustomer::from_json(br#"{"id":"bcus_H4jp6KnU5cPw263v1jyz4",
///   "reference":"INV-2024-001","name":"John Doe","phone_number":"+27123456789",
///   "currency":"ZAR","balance":2000,"payment_rules":null,
///   "metadata":{"customer_id":"cust_123456","order_id":"ord_789012"},
///   "created_at":"2024-09-01T15:00:00Z","updated_at":"2024-09-01T15:00:00Z"}"#).unwrap();
/// let now = Timestamp::parse("2024-10-01T09:30:00Z").unwrap();
///
/// let patch = BillingCustomerPatch::from_json(br#"{"balance":-500,
///   "metadata":{"order_id":null,"tier":"gold"}}"#).unwrap();
/// let updated = patch.apply(&stored, now).unwrap();
/// assert_eq!(updated.fields().balance(), Some(-500));
/// let metadata: Vec<_> = updated.fields().metadata().iter().collect();
/// assert_eq!(metadata, [("customer_id", "cust_123456"), ("tier", "gold")]);
/// assert_eq!(updated.updated_at(), now);
/// assert_eq!(BillingCustomerPatch::diff(&stored, &updated), patch);
///
/// let errors = BillingCustomerPatch::from_json(br#"{"id":null,"name":null,"balanse":1}"#)
///     .unwrap_err();
/// let found: Vec<(&str, &str)> =
///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
/// assert_eq!(found, [
///     ("/balanse", "unknown_field"),
///     ("/id", "read_only"),
///     ("/name", "required"),
/// ]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct BillingCustomerPatch {
    #[serde(skip_serializing_if = "Change::is_keep")]
    reference: Change<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<FullName>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    phone_number: Change<PhoneNumber>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    currency: Change<Currency>,
    #[serde(skip_serializing_if = "Change::is_keep")]
    balance: Change<i64>,
    #[serde(skip_serializing_if = "MetadataPatch::is_empty")]
    metadata: MetadataPatch,
}

/// A patch's members as read, each on its own, so the whole-record rules can run on
/// the parts that parsed while the others are reported.
struct Parts {
    reference: Result<Change<Reference>, Reported>,
    name: Result<Option<FullName>, Reported>,
    phone_number: Result<Change<PhoneNumber>, Reported>,
    currency: Result<Change<Currency>, Reported>,
    balance: Result<Change<i64>, Reported>,
    metadata: Result<MetadataPatch, Reported>,
}

impl Parts {
    fn read(raw: &Document<'_, 10>, errors: &mut ValidationErrors) -> Result<Parts, Reported> {
        let [
            _,
            reference,
            name,
            phone,
            currency,
            balance,
            _,
            metadata,
            _,
            _,
        ] = SCHEMA.document(raw, errors)?;
        let at = |name| At::ROOT.child(name);
        Ok(Parts {
            reference: patch::optional_text(reference, at("reference"), errors, Reference::parse),
            name: patch::required(name, at("name"), errors, FullName::parse),
            phone_number: patch::optional_text(
                phone,
                at("phone_number"),
                errors,
                PhoneNumber::parse,
            ),
            currency: patch::optional_text(currency, at("currency"), errors, Currency::parse),
            balance: match Field::from(balance) {
                Field::Absent => Ok(Change::Keep),
                Field::Null => Ok(Change::Clear),
                field => currency::read_amount(field, at("balance"), errors)
                    .map(|b| b.map_or(Change::Clear, Change::Set)),
            },
            metadata: MetadataPatch::read(Field::from(metadata), at("metadata"), errors),
        })
    }

    fn into_patch(self) -> Result<BillingCustomerPatch, Reported> {
        Ok(BillingCustomerPatch {
            reference: self.reference?,
            name: self.name?,
            phone_number: self.phone_number?,
            currency: self.currency?,
            balance: self.balance?,
            metadata: self.metadata?,
        })
    }
}

/// The patch sets a balance on a customer without currency (`currency_required`).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error(
    "needs a currency, and the customer has none: a balance is in the currency's minor \
     units; send currency in the same patch"
)]
struct BalanceWithoutCurrency;

impl Coded for BalanceWithoutCurrency {
    fn code(&self) -> ErrorCode {
        ErrorCode::CurrencyRequired
    }
}

/// The patch clears the currency of a customer that keeps a balance (`required`).
#[derive(Debug, Clone, Copy, thiserror::Error)]
enum CurrencyCleared {
    #[error(
        "is required while the customer has a balance (the stored balance is {0}); clear \
         balance in the same patch, or keep the currency"
    )]
    StoredBalance(i64),
    #[error("is required when `balance` is given: a balance is in the currency's minor units")]
    NewBalance,
}

impl Coded for CurrencyCleared {
    fn code(&self) -> ErrorCode {
        ErrorCode::Required
    }
}

/// The whole-record rules on the merged record, for the parts that parsed: a balance
/// needs a currency (reported at the field the patch changed), the merged metadata's
/// size (its merged value is returned), and `now` not before `created_at`.
fn check_merged(
    customer: &BillingCustomer,
    currency: Result<&Change<Currency>, Reported>,
    balance: Result<&Change<i64>, Reported>,
    metadata: Result<&MetadataPatch, Reported>,
    now: Timestamp,
    errors: &mut ValidationErrors,
) -> Result<crate::field::metadata::Metadata, Reported> {
    let stored = customer.fields();
    let mut result = Ok(());
    if let (Ok(currency), Ok(balance)) = (currency, balance) {
        let merged_currency = currency.merge(stored.currency().as_ref());
        let merged_balance = balance.merge(stored.balance().as_ref());
        if let (None, Some(_)) = (merged_currency, merged_balance) {
            result = Err(if currency.is_keep() {
                reader::rule_error(At::ROOT.child("balance"), &BalanceWithoutCurrency, errors)
            } else {
                let error = match (balance, stored.balance()) {
                    (Change::Keep, Some(b)) => CurrencyCleared::StoredBalance(b),
                    _ => CurrencyCleared::NewBalance,
                };
                reader::rule_error(At::ROOT.child("currency"), &error, errors)
            });
        }
    }
    let metadata = metadata.and_then(|m| {
        let at = At::ROOT;
        m.merge(stored.metadata(), at.child("metadata"), errors)
    });
    let now = super::super::check_now(customer.created_at(), now, errors);
    result.and(now).and(metadata)
}

impl BillingCustomerPatch {
    /// Parses and validates a merge-patch body, reporting every error at once. The rules
    /// between fields need the stored customer: they run in
    /// [`BillingCustomerPatch::apply`] (or use [`BillingCustomer::merge_patch`] to get
    /// both kinds of error from one call).
    pub fn from_json(body: &[u8]) -> Result<BillingCustomerPatch, ValidationErrors> {
        let (raw, errors) = document::read(body, SCHEMA.names(), None)?;
        BillingCustomerPatch::read_document(&raw, errors)
    }

    fn read_document(
        raw: &Document<'_, 10>,
        mut errors: ValidationErrors,
    ) -> Result<BillingCustomerPatch, ValidationErrors> {
        let patch = Parts::read(raw, &mut errors).and_then(Parts::into_patch);
        reader::finish(patch, errors)
    }

    /// The updated customer: the patch merged into `customer`, checked as a whole, with
    /// `updated_at = now`; `id`, `payment_rules` and `created_at` are kept. `now` earlier
    /// than `created_at` is an `invalid_range` error at `/updated_at`, never a silent
    /// clamp.
    pub fn apply(
        &self,
        customer: &BillingCustomer,
        now: Timestamp,
    ) -> Result<BillingCustomer, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let updated = check_merged(
            customer,
            Ok(&self.currency),
            Ok(&self.balance),
            Ok(&self.metadata),
            now,
            &mut errors,
        )
        .map(|metadata| self.build(customer, metadata, now));
        reader::finish(updated, errors)
    }

    /// The merged customer, once the whole-record rules passed.
    fn build(
        &self,
        customer: &BillingCustomer,
        metadata: crate::field::metadata::Metadata,
        now: Timestamp,
    ) -> BillingCustomer {
        let f = customer.fields();
        let fields = CreateBillingCustomer::from_parts(
            self.reference.merge(f.reference()),
            self.name.clone().unwrap_or_else(|| f.name().clone()),
            self.phone_number.merge(f.phone_number()),
            self.currency.merge(f.currency().as_ref()),
            self.balance.merge(f.balance().as_ref()),
            metadata,
        );
        BillingCustomer::from_parts(
            customer.id(),
            fields,
            customer.payment_rules().cloned(),
            customer.created_at(),
            now,
        )
    }

    /// The patch that turns `old`'s fields into `new`'s (`id`, `payment_rules` and the
    /// timestamps are not part of a patch): `BillingCustomerPatch::diff(&c, &c2).apply(&c,
    /// now)` is `c2` with `updated_at = now` when `c2` has `c`'s id, `payment_rules` and
    /// `created_at`.
    #[must_use]
    pub fn diff(old: &BillingCustomer, new: &BillingCustomer) -> BillingCustomerPatch {
        let (o, n) = (old.fields(), new.fields());
        BillingCustomerPatch {
            reference: Change::between(o.reference(), n.reference()),
            name: patch::set_if_changed(o.name(), n.name()),
            phone_number: Change::between(o.phone_number(), n.phone_number()),
            currency: Change::between(o.currency().as_ref(), n.currency().as_ref()),
            balance: Change::between(o.balance().as_ref(), n.balance().as_ref()),
            metadata: MetadataPatch::between(o.metadata(), n.metadata()),
        }
    }

    /// The new reference, if the patch sets one: a service that keeps references unique
    /// checks it before storing the update.
    #[must_use]
    pub fn reference(&self) -> Option<&Reference> {
        match &self.reference {
            Change::Set(r) => Some(r),
            _ => None,
        }
    }

    /// The new name, if the patch sets one.
    #[must_use]
    pub fn name(&self) -> Option<&FullName> {
        self.name.as_ref()
    }

    /// True when the patch changes the currency (sets or clears it).
    #[must_use]
    pub fn changes_currency(&self) -> bool {
        !self.currency.is_keep()
    }

    /// True when the patch changes the balance (sets or clears it).
    #[must_use]
    pub fn changes_balance(&self) -> bool {
        !self.balance.is_keep()
    }

    /// True when the patch changes any metadata key.
    #[must_use]
    pub fn changes_metadata(&self) -> bool {
        !self.metadata.is_empty()
    }

    /// True when the patch changes no field (applying it changes only `updated_at`).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == BillingCustomerPatch::default()
    }
}

/// Reads a patch with the same reader as [`BillingCustomerPatch::from_json`].
/// Self-describing formats only: a merge patch needs the difference between an absent
/// member and `null`. A `balance` written `-0` is 0 only in `from_json`, as in
/// [`CreateBillingCustomer`](crate::billing::CreateBillingCustomer)'s `Deserialize`.
impl<'de> Deserialize<'de> for BillingCustomerPatch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (raw, errors) = document::deserialize(deserializer, SCHEMA.names())?;
        BillingCustomerPatch::read_document(&raw, errors).map_err(serde::de::Error::custom)
    }
}

impl BillingCustomer {
    /// Reads a merge-patch body and applies it: [`BillingCustomerPatch::from_json`] and
    /// [`BillingCustomerPatch::apply`] in one call, with every error at once (the patch's
    /// field errors and the whole-record rules on the parts that parsed).
    ///
    /// ```
    /// use customer_core::{Timestamp, billing::BillingCustomer};
    ///
    /// let stored = BillingCustomer::from_json(br#"{"id":"bcus_H4jp6KnU5cPw263v1jyz4",
    ///   "reference":null,"name":"Acme & Sons Ltd.","phone_number":null,"currency":null,
    ///   "balance":null,"payment_rules":null,"metadata":{},
    ///   "created_at":"2024-09-01T15:00:00Z","updated_at":"2024-09-01T15:00:00Z"}"#).unwrap();
    /// let now = Timestamp::parse("2024-10-01T09:30:00Z").unwrap();
    /// let errors = stored
    ///     .merge_patch(br#"{"name":"","balance":2000}"#, now)
    ///     .unwrap_err();
    /// let found: Vec<(&str, &str)> =
    ///     errors.iter().map(|e| (e.pointer(), e.code().as_str())).collect();
    /// assert_eq!(found, [("/name", "required"), ("/balance", "currency_required")]);
    /// ```
    pub fn merge_patch(
        &self,
        body: &[u8],
        now: Timestamp,
    ) -> Result<BillingCustomer, ValidationErrors> {
        let (raw, mut errors) = document::read(body, SCHEMA.names(), None)?;
        let updated = Parts::read(&raw, &mut errors).and_then(|parts| {
            let checked = check_merged(
                self,
                parts.currency.as_ref().map_err(|r| *r),
                parts.balance.as_ref().map_err(|r| *r),
                parts.metadata.as_ref().map_err(|r| *r),
                now,
                &mut errors,
            );
            let patch = parts.into_patch()?;
            let metadata = checked?;
            Ok(patch.build(self, metadata, now))
        });
        reader::finish(updated, errors)
    }
}

patch::versioned!(BillingCustomer);
