//! The billing customer object (spec 002's response).

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::create::{self, CreateBillingCustomer};
use crate::error::ValidationErrors;
use crate::field::json_object::JsonObject;
use crate::field::prefixed_id::BillingCustomerId;
use crate::field::timestamp::Timestamp;
use crate::request::document::{self, Document};
use crate::request::reader::{self, At, Field, Schema};

/// The customer object's members, in the order their errors are reported (a patch's too).
pub(crate) const NAMES: [&str; 10] = [
    "id",
    create::FIELDS[0],
    create::FIELDS[1],
    create::FIELDS[2],
    create::FIELDS[3],
    create::FIELDS[4],
    "payment_rules",
    create::FIELDS[5],
    "created_at",
    "updated_at",
];

/// The customer object's members.
const SCHEMA: Schema<10> = Schema::fields(NAMES).integers(&["balance"]);

/// A billing customer as the API returns it (spec 002's response): the id, the request's
/// fields, `payment_rules` (an opaque, bounded JSON object kept exactly, or `null`: "the
/// entity cannot be paid against") and the timestamps.
///
/// Built by a pure constructor from a validated request, an id and the current time.
///
/// ```
/// use customer_core::{JsonObject, Timestamp, billing::{BillingCustomer, BillingCustomerId, CreateBillingCustomer}};
///
/// let request = CreateBillingCustomer::from_json(br#"{"name":"Acme & Sons Ltd.",
///   "currency":"JPY","balance":-500}"#).unwrap();
/// let now = Timestamp::parse("2024-09-01T15:00:00Z").unwrap();
/// let id = BillingCustomerId::new(now, [42; 10]).unwrap();
/// let rules = JsonObject::parse(r#"{"max_amount": 100000}"#).unwrap();
/// let customer = BillingCustomer::new(id, request, Some(rules), now);
/// let json = serde_json::to_string(&customer).unwrap();
/// assert!(json.ends_with(r#""currency":"JPY","balance":-500,"payment_rules":{"max_amount":100000},"metadata":{},"created_at":"2024-09-01T15:00:00Z","updated_at":"2024-09-01T15:00:00Z"}"#));
/// assert_eq!(BillingCustomer::from_json(json.as_bytes()).unwrap(), customer);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BillingCustomer {
    id: BillingCustomerId,
    fields: CreateBillingCustomer,
    payment_rules: Option<JsonObject>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl BillingCustomer {
    /// A new customer: `created_at` and `updated_at` are both `now`.
    #[must_use]
    pub fn new(
        id: BillingCustomerId,
        request: CreateBillingCustomer,
        payment_rules: Option<JsonObject>,
        now: Timestamp,
    ) -> Self {
        BillingCustomer {
            id,
            fields: request,
            payment_rules,
            created_at: now,
            updated_at: now,
        }
    }

    /// A customer from parts already checked (`updated_at` not before `created_at`): an
    /// update's result.
    pub(crate) fn from_parts(
        id: BillingCustomerId,
        fields: CreateBillingCustomer,
        payment_rules: Option<JsonObject>,
        created_at: Timestamp,
        updated_at: Timestamp,
    ) -> Self {
        BillingCustomer {
            id,
            fields,
            payment_rules,
            created_at,
            updated_at,
        }
    }

    /// Parses and validates a billing customer object, reporting every error at once.
    pub fn from_json(body: &[u8]) -> Result<BillingCustomer, ValidationErrors> {
        let (document, errors) = document::read(body, &SCHEMA, Some("payment_rules"))?;
        BillingCustomer::read(&document, errors)
    }

    fn read(
        document: &Document<'_, 10>,
        mut errors: ValidationErrors,
    ) -> Result<BillingCustomer, ValidationErrors> {
        let kept = document.kept();
        let customer = document.slots(&mut errors).and_then(|slots| {
            let [id, f0, f1, f2, f3, f4, rules, f5, created, updated] = slots;
            let at = |name| At::ROOT.child(name);
            let id = reader::required(id, at("id"), &mut errors, BillingCustomerId::parse);
            let fields = CreateBillingCustomer::read([f0, f1, f2, f3, f4, f5], &mut errors);
            let payment_rules =
                JsonObject::read(Field::from(rules), kept, at("payment_rules"), &mut errors);
            let created_at =
                reader::required(created, at("created_at"), &mut errors, Timestamp::parse);
            let updated_at =
                reader::required(updated, at("updated_at"), &mut errors, Timestamp::parse);
            let (created_at, updated_at) = (created_at?, updated_at?);
            crate::profile::check_order(created_at, updated_at, &mut errors)?;
            Ok(BillingCustomer {
                id: id?,
                fields: fields?,
                payment_rules: payment_rules?,
                created_at,
                updated_at,
            })
        });
        reader::finish(customer, errors)
    }

    /// The id.
    #[must_use]
    pub fn id(&self) -> BillingCustomerId {
        self.id
    }

    /// The validated fields the customer was created with.
    #[must_use]
    pub fn fields(&self) -> &CreateBillingCustomer {
        &self.fields
    }

    /// The payment rules, if any (none: the customer cannot be paid against).
    #[must_use]
    pub fn payment_rules(&self) -> Option<&JsonObject> {
        self.payment_rules.as_ref()
    }

    /// When the customer was created.
    #[must_use]
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// When the customer was last changed.
    #[must_use]
    pub fn updated_at(&self) -> Timestamp {
        self.updated_at
    }
}

impl Serialize for BillingCustomer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = &self.fields;
        let mut s = serializer.serialize_struct("BillingCustomer", 10)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("reference", &f.reference())?;
        s.serialize_field("name", f.name())?;
        s.serialize_field("phone_number", &f.phone_number())?;
        s.serialize_field("currency", &f.currency())?;
        s.serialize_field("balance", &f.balance())?;
        s.serialize_field("payment_rules", &self.payment_rules)?;
        s.serialize_field("metadata", f.metadata())?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("updated_at", &self.updated_at)?;
        s.end()
    }
}

/// Reads a billing customer back (from a cache or an API response) with the same rules as
/// [`BillingCustomer::from_json`]. JSON only (serde_json): `payment_rules` is kept as
/// JSON text.
impl<'de> Deserialize<'de> for BillingCustomer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Box::<RawValue>::deserialize(deserializer)?;
        BillingCustomer::from_json(text.get().as_bytes()).map_err(serde::de::Error::custom)
    }
}
