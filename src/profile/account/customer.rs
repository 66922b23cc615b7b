//! The account customer object (spec 003's response).

use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::create::{self, CreateAccountCustomer};
use crate::error::ValidationErrors;
use crate::field::timestamp::Timestamp;
use crate::field::typeid::AccountCustomerId;
use crate::request::document::{self, Document};
use crate::request::options::ReadOptions;
use crate::request::reader::{self, At, Schema};

/// The customer object's members, in spec 003's order (a patch's too).
pub(crate) const NAMES: [&str; 10] = [
    "id",
    create::FIELDS[0],
    create::FIELDS[1],
    create::FIELDS[2],
    create::FIELDS[3],
    create::FIELDS[4],
    "created_at",
    "updated_at",
    create::FIELDS[5],
    create::FIELDS[6],
];

/// The customer object's members.
const SCHEMA: Schema<10> = Schema::fields(NAMES);

/// A timestamp cut to the millisecond, as spec 003 writes them.
pub(crate) fn to_millis(t: Timestamp) -> Timestamp {
    let dt = t.as_offset_date_time();
    let ms = dt.millisecond();
    dt.replace_millisecond(ms)
        .ok()
        .and_then(|d| Timestamp::from_offset_date_time(d).ok())
        .unwrap_or(t)
}

/// `2024-09-01T15:00:00.000Z`: always three fraction digits.
struct Millis(Timestamp);

impl fmt::Display for Millis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0.as_offset_date_time();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute(),
            d.second(),
            d.millisecond()
        )
    }
}

impl Serialize for Millis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An account customer as the API returns it (spec 003's response), with timestamps to
/// the millisecond (`2024-09-01T15:00:00.000Z`).
///
/// Built by a pure constructor from a validated request, an id and the current time (cut
/// to the millisecond).
///
/// ```
/// use customer_core::{Timestamp, account::{AccountCustomer, AccountCustomerId, CreateAccountCustomer}};
///
/// let request = CreateAccountCustomer::from_json(
///     br#"{"name": "Jani Ltd", "email": "hello@jani.com"}"#).unwrap();
/// let now = Timestamp::parse("2024-09-01T15:00:00.123456Z").unwrap();
/// let id = AccountCustomerId::new(now, [9; 10]).unwrap();
/// let customer = AccountCustomer::new(id, request, now);
/// let json = serde_json::to_value(&customer).unwrap();
/// assert_eq!(json["created_at"], "2024-09-01T15:00:00.123Z");
/// assert_eq!(json["status"], "active");
/// assert_eq!(json["custom_data"], serde_json::Value::Null);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountCustomer {
    id: AccountCustomerId,
    fields: CreateAccountCustomer,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl AccountCustomer {
    /// A new customer: `created_at` and `updated_at` are both `now`, cut to the
    /// millisecond.
    #[must_use]
    pub fn new(id: AccountCustomerId, request: CreateAccountCustomer, now: Timestamp) -> Self {
        let now = to_millis(now);
        AccountCustomer {
            id,
            fields: request,
            created_at: now,
            updated_at: now,
        }
    }

    /// A customer from parts already checked (timestamps to the millisecond, `updated_at`
    /// not before `created_at`): an update's result.
    pub(crate) fn from_parts(
        id: AccountCustomerId,
        fields: CreateAccountCustomer,
        created_at: Timestamp,
        updated_at: Timestamp,
    ) -> Self {
        AccountCustomer {
            id,
            fields,
            created_at,
            updated_at,
        }
    }

    /// Parses and validates an account customer object, reporting every error at once.
    ///
    /// ```
    /// use customer_core::account::AccountCustomer;
    ///
    /// let errors = AccountCustomer::from_json(br#"{"id": "cus_01H3VJS3B16YC3F9Q8Q9PFRB80"}"#)
    ///     .unwrap_err();
    /// let first = errors.iter().next().unwrap();
    /// assert_eq!((first.pointer(), first.code().as_str()), ("/id", "invalid_id"));
    /// ```
    pub fn from_json(body: &[u8]) -> Result<AccountCustomer, ValidationErrors> {
        let (document, errors) = document::read(body, &SCHEMA, Some(create::KEPT))?;
        AccountCustomer::read(&document, errors)
    }

    fn read(
        document: &Document<'_, 10>,
        mut errors: ValidationErrors,
    ) -> Result<AccountCustomer, ValidationErrors> {
        let kept = document.kept();
        let customer = document.slots(&mut errors).and_then(|slots| {
            let [id, f0, f1, f2, f3, f4, created, updated, f5, f6] = slots;
            let at = |name| At::ROOT.child(name);
            let id = reader::required(id, at("id"), &mut errors, AccountCustomerId::parse);
            let fields = CreateAccountCustomer::read(
                [f0, f1, f2, f3, f4, f5, f6],
                kept,
                &ReadOptions::new(),
                &mut errors,
            );
            let created_at =
                reader::required(created, at("created_at"), &mut errors, Timestamp::parse);
            let updated_at =
                reader::required(updated, at("updated_at"), &mut errors, Timestamp::parse);
            let (created_at, updated_at) = (to_millis(created_at?), to_millis(updated_at?));
            crate::profile::check_order(created_at, updated_at, &mut errors)?;
            Ok(AccountCustomer {
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
    pub fn id(&self) -> AccountCustomerId {
        self.id
    }

    /// The validated fields the customer was created with.
    #[must_use]
    pub fn fields(&self) -> &CreateAccountCustomer {
        &self.fields
    }

    /// When the customer was created (to the millisecond).
    #[must_use]
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// When the customer was last changed (to the millisecond).
    #[must_use]
    pub fn updated_at(&self) -> Timestamp {
        self.updated_at
    }
}

impl Serialize for AccountCustomer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = &self.fields;
        let mut s = serializer.serialize_struct("AccountCustomer", 10)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("name", f.name())?;
        s.serialize_field("email", f.email())?;
        s.serialize_field("phone", &f.phone())?;
        s.serialize_field("address", &f.address())?;
        s.serialize_field("payment_method", &f.payment_method())?;
        s.serialize_field("created_at", &Millis(self.created_at))?;
        s.serialize_field("updated_at", &Millis(self.updated_at))?;
        s.serialize_field("status", &f.status())?;
        s.serialize_field("custom_data", &f.custom_data())?;
        s.end()
    }
}

/// Reads an account customer back with the same rules as [`AccountCustomer::from_json`].
/// JSON only (serde_json): `custom_data` is kept as JSON text.
impl<'de> Deserialize<'de> for AccountCustomer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Box::<RawValue>::deserialize(deserializer)?;
        AccountCustomer::from_json(text.get().as_bytes()).map_err(serde::de::Error::custom)
    }
}
