//! The customer object (spec 001's shape) and the `{"data": …}` envelope.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::create::{self, CreateCustomer};
use crate::error::ValidationErrors;
use crate::field::address::{AddressWire, BillingAddress};
use crate::field::email::Email;
use crate::field::id::CustomerId;
use crate::field::name::PersonName;
use crate::field::phone::PhoneNumber;
use crate::field::timestamp::Timestamp;
use crate::request::document;
use crate::request::options::ReadOptions;
use crate::request::raw::Raw;
use crate::request::reader::{self, At, Reported, Schema};

/// The customer object's members, in the order their errors are reported.
pub(crate) const NAMES: [&str; 8] = [
    "id",
    create::FIELDS[0],
    create::FIELDS[1],
    create::FIELDS[2],
    create::FIELDS[3],
    create::FIELDS[4],
    "created_at",
    "updated_at",
];

/// The customer object's schema.
const SCHEMA: Schema<8> = Schema::fields(NAMES);

/// A customer object as the API returns it (spec 001's shape).
///
/// Built by a pure constructor from a validated request, an id and the current time, all
/// passed in.
///
/// ```
/// use customer_core::{CreateCustomer, Customer, CustomerId, Timestamp};
///
/// let request = CreateCustomer::from_json(br#"{"first_name":"Jane","last_name":"Doe",
///   "email":"jane@example.com","phone_number":"+2348012345679",
///   "billing_address":{"line1":"456 Sample St","line2":null,"city":"Lagos",
///   "state":"LA","zip_code":"23401","country":"NG"}}"#).unwrap();
/// let id: CustomerId = "6f7e1e7f-93d1-4fcc-b7a4-738f869615c8".parse().unwrap();
/// let now = Timestamp::parse("2024-03-02T12:00:00Z").unwrap();
/// let customer = Customer::new(id, request, now);
/// let json = serde_json::to_value(&customer).unwrap();
/// assert_eq!(json["billing_address"]["line2"], serde_json::Value::Null);
/// assert_eq!(json["created_at"], "2024-03-02T12:00:00Z");
/// ```
///
/// It serializes as a plain struct (no `flatten`), so formats that are not
/// self-describing round-trip it too.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Customer {
    id: CustomerId,
    fields: CreateCustomer,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl Customer {
    /// A new customer: `created_at` and `updated_at` are both `now`.
    #[must_use]
    pub fn new(id: CustomerId, request: CreateCustomer, now: Timestamp) -> Self {
        Customer {
            id,
            fields: request,
            created_at: now,
            updated_at: now,
        }
    }

    /// A customer from parts already checked (`updated_at` not before `created_at`): an
    /// update's result.
    pub(crate) fn from_parts(
        id: CustomerId,
        fields: CreateCustomer,
        created_at: Timestamp,
        updated_at: Timestamp,
    ) -> Self {
        Customer {
            id,
            fields,
            created_at,
            updated_at,
        }
    }

    /// Parses and validates a customer object (spec 001's shape), reporting every error at
    /// once: each field's rule, the phone/country rule, strict UUID ids (`invalid_id`), RFC
    /// 3339 timestamps (`invalid_timestamp`) and `updated_at` not before `created_at`
    /// (`invalid_range`).
    ///
    /// ```
    /// use customer_core::Customer;
    ///
    /// let errors = Customer::from_json(br#"{"id": "7a8b9c0d-1e2f-3g4h-5i6j-7k8l9m0n1o2p"}"#)
    ///     .unwrap_err();
    /// let first = errors.iter().next().unwrap();
    /// assert_eq!((first.pointer(), first.code().as_str()), ("/id", "invalid_id"));
    /// ```
    pub fn from_json(body: &[u8]) -> Result<Customer, ValidationErrors> {
        let (document, mut errors) = document::read(body, &SCHEMA, None)?;
        let slots = document.slots(&mut errors);
        Customer::read(slots, errors)
    }

    /// Reads a customer object from its slots, collecting every error.
    fn read(
        slots: Result<[Option<&Raw<'_>>; 8], Reported>,
        mut errors: ValidationErrors,
    ) -> Result<Customer, ValidationErrors> {
        let customer = slots.and_then(|slots| {
            let [id, first, last, email, phone, address, created, updated] = slots;
            let at = |name| At::ROOT.child(name);
            let id = reader::required(id, at("id"), &mut errors, CustomerId::parse);
            let fields = CreateCustomer::read(
                [first, last, email, phone, address],
                &ReadOptions::new(),
                &mut errors,
            );
            let created_at =
                reader::required(created, at("created_at"), &mut errors, Timestamp::parse);
            let updated_at =
                reader::required(updated, at("updated_at"), &mut errors, Timestamp::parse);
            let (created_at, updated_at) = (created_at?, updated_at?);
            crate::profile::check_order(created_at, updated_at, &mut errors)?;
            Ok(Customer {
                id: id?,
                fields: fields?,
                created_at,
                updated_at,
            })
        });
        reader::finish(customer, errors)
    }

    /// The id.
    #[must_use]
    pub fn id(&self) -> CustomerId {
        self.id
    }

    /// The validated fields the customer was created with.
    #[must_use]
    pub fn fields(&self) -> &CreateCustomer {
        &self.fields
    }

    /// The first name.
    #[must_use]
    pub fn first_name(&self) -> &PersonName {
        self.fields.first_name()
    }

    /// The last name.
    #[must_use]
    pub fn last_name(&self) -> &PersonName {
        self.fields.last_name()
    }

    /// The email address.
    #[must_use]
    pub fn email(&self) -> &Email {
        self.fields.email()
    }

    /// The phone number.
    #[must_use]
    pub fn phone_number(&self) -> &PhoneNumber {
        self.fields.phone_number()
    }

    /// The billing address.
    #[must_use]
    pub fn billing_address(&self) -> &BillingAddress {
        self.fields.billing_address()
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

impl Serialize for Customer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = &self.fields;
        let mut s = serializer.serialize_struct("Customer", 8)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("first_name", &f.first_name())?;
        s.serialize_field("last_name", &f.last_name())?;
        s.serialize_field("email", &f.email())?;
        s.serialize_field("phone_number", &f.phone_number())?;
        s.serialize_field("billing_address", &f.billing_address())?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("updated_at", &self.updated_at)?;
        s.end()
    }
}

/// Reads a customer back (from a cache, a queue or an API response) with the same rules
/// as [`Customer::from_json`]. Formats that are not self-describing (bincode, postcard)
/// read the members as strings, checked the same way.
impl<'de> Deserialize<'de> for Customer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let customer = if deserializer.is_human_readable() {
            let (document, mut errors) = document::deserialize(deserializer, &SCHEMA)?;
            let slots = document.slots(&mut errors);
            Customer::read(slots, errors)
        } else {
            let raw = CustomerWire::deserialize(deserializer)?.into_raw();
            let mut errors = ValidationErrors::new();
            let slots = reader::document(&raw, &SCHEMA, &mut errors);
            Customer::read(slots, errors)
        };
        customer.map_err(serde::de::Error::custom)
    }
}

/// The wire form for formats that are not self-describing: the members in order.
#[derive(Deserialize)]
struct CustomerWire {
    id: String,
    first_name: String,
    last_name: String,
    email: String,
    phone_number: String,
    billing_address: AddressWire,
    created_at: String,
    updated_at: String,
}

impl CustomerWire {
    fn into_raw(self) -> Raw<'static> {
        Raw::object([
            ("id", Raw::string(self.id)),
            ("first_name", Raw::string(self.first_name)),
            ("last_name", Raw::string(self.last_name)),
            ("email", Raw::string(self.email)),
            ("phone_number", Raw::string(self.phone_number)),
            ("billing_address", self.billing_address.into_raw()),
            ("created_at", Raw::string(self.created_at)),
            ("updated_at", Raw::string(self.updated_at)),
        ])
    }
}

/// The `{"data": …}` envelope of single-object responses.
///
/// ```
/// use customer_core::Data;
///
/// assert_eq!(serde_json::to_string(&Data::new(7)).unwrap(), r#"{"data":7}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data<T> {
    /// The payload.
    pub data: T,
}

impl<T> Data<T> {
    /// Wraps a payload.
    pub fn new(data: T) -> Self {
        Data { data }
    }
}
