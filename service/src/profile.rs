//! The three profiles behind one set of handlers: what each stores, how it is built,
//! updated, and shown.

use customer_core::account::{
    AccountCustomer, AccountCustomerId, AccountCustomerPatch, Conflict, CreateAccountCustomer,
};
use customer_core::billing::{
    BillingCustomer, BillingCustomerId, BillingCustomerPatch, CreateBillingCustomer,
};
use customer_core::{
    CreateCustomer, Customer, CustomerId, CustomerPatch, Data, ErrorCode, FieldError, Timestamp,
    ValidationErrors, Versioned,
};
use customer_core_axum::{FromJsonBody, ProblemResponse};
use serde::Serialize;

/// A profile: its stored customer type, requests, table and wire form.
pub trait Profile: Serialize + Versioned + Sized + Send + Sync + 'static {
    /// The create request.
    type Create: FromJsonBody + Send + 'static;
    /// The update request.
    type Patch: FromJsonBody + Send + 'static;
    /// Its table.
    const TABLE: &'static str;
    /// Its id column's PostgreSQL type.
    const PG_ID: &'static str;
    /// What it is called in messages.
    const NAME: &'static str;

    /// A new customer from a valid request.
    fn build(
        request: Self::Create,
        now: Timestamp,
        random: [u8; 16],
    ) -> Result<Self, ProblemResponse>;
    /// Reads a stored document.
    fn from_document(document: &[u8]) -> Result<Self, ValidationErrors>;
    /// The id as stored and shown.
    fn id_text(&self) -> String;
    /// When it was created.
    fn created(&self) -> Timestamp;
    /// The unique key (`Email::uniqueness_key`), if the profile has one.
    fn unique_key(&self) -> Option<String>;
    /// The update applied to `current`.
    fn apply(patch: &Self::Patch, current: &Self, now: Timestamp)
    -> Result<Self, ValidationErrors>;
    /// The response body of one customer.
    fn body(&self) -> Vec<u8>;
    /// Whether `id` could be one of this profile's ids (else 404 at once).
    fn valid_id(id: &str) -> bool;
    /// The 409 of a duplicate unique key, naming the existing customer where the profile
    /// does.
    fn conflict(existing: Option<&str>) -> ProblemResponse;
}

fn duplicate_email() -> ProblemResponse {
    let error = FieldError::new(
        "/email",
        ErrorCode::DuplicateEmail,
        "a customer with this email address already exists in this integration",
    );
    ProblemResponse::with_status(
        &ValidationErrors::from(error),
        axum::http::StatusCode::CONFLICT,
    )
}

impl Profile for Customer {
    type Create = CreateCustomer;
    type Patch = CustomerPatch;
    const TABLE: &'static str = "customers";
    const PG_ID: &'static str = "uuid";
    const NAME: &'static str = "customer";

    fn build(
        request: CreateCustomer,
        now: Timestamp,
        random: [u8; 16],
    ) -> Result<Self, ProblemResponse> {
        let uuid = uuid::Builder::from_random_bytes(random).into_uuid();
        let id = CustomerId::parse(&uuid.hyphenated().to_string())
            .map_err(|_| ProblemResponse::unavailable(1))?;
        Ok(Customer::new(id, request, now))
    }
    fn from_document(document: &[u8]) -> Result<Self, ValidationErrors> {
        Customer::from_json(document)
    }
    fn id_text(&self) -> String {
        self.id().to_string()
    }
    fn created(&self) -> Timestamp {
        self.created_at()
    }
    fn unique_key(&self) -> Option<String> {
        Some(self.email().uniqueness_key())
    }
    fn apply(
        patch: &CustomerPatch,
        current: &Self,
        now: Timestamp,
    ) -> Result<Self, ValidationErrors> {
        patch.apply(current, now)
    }
    fn body(&self) -> Vec<u8> {
        serde_json::to_vec(&Data::new(self)).unwrap_or_default()
    }
    fn valid_id(id: &str) -> bool {
        CustomerId::parse(id).is_ok()
    }
    fn conflict(_existing: Option<&str>) -> ProblemResponse {
        duplicate_email()
    }
}

impl Profile for BillingCustomer {
    type Create = CreateBillingCustomer;
    type Patch = BillingCustomerPatch;
    const TABLE: &'static str = "billing_customers";
    const PG_ID: &'static str = "text";
    const NAME: &'static str = "billing customer";

    fn build(
        request: CreateBillingCustomer,
        now: Timestamp,
        random: [u8; 16],
    ) -> Result<Self, ProblemResponse> {
        let mut r = [0u8; 10];
        r.copy_from_slice(&random[..10]);
        let id = BillingCustomerId::new(now, r).map_err(|_| ProblemResponse::unavailable(1))?;
        Ok(BillingCustomer::new(id, request, None, now))
    }
    fn from_document(document: &[u8]) -> Result<Self, ValidationErrors> {
        BillingCustomer::from_json(document)
    }
    fn id_text(&self) -> String {
        self.id().as_str().to_owned()
    }
    fn created(&self) -> Timestamp {
        self.created_at()
    }
    fn unique_key(&self) -> Option<String> {
        None
    }
    fn apply(
        patch: &BillingCustomerPatch,
        current: &Self,
        now: Timestamp,
    ) -> Result<Self, ValidationErrors> {
        patch.apply(current, now)
    }
    fn body(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
    fn valid_id(id: &str) -> bool {
        BillingCustomerId::parse(id).is_ok()
    }
    fn conflict(_existing: Option<&str>) -> ProblemResponse {
        ProblemResponse::unavailable(1)
    }
}

impl Profile for AccountCustomer {
    type Create = CreateAccountCustomer;
    type Patch = AccountCustomerPatch;
    const TABLE: &'static str = "account_customers";
    const PG_ID: &'static str = "text";
    const NAME: &'static str = "customer";

    fn build(
        request: CreateAccountCustomer,
        now: Timestamp,
        random: [u8; 16],
    ) -> Result<Self, ProblemResponse> {
        let mut r = [0u8; 10];
        r.copy_from_slice(&random[..10]);
        let id = AccountCustomerId::new(now, r).map_err(|_| ProblemResponse::unavailable(1))?;
        Ok(AccountCustomer::new(id, request, now))
    }
    fn from_document(document: &[u8]) -> Result<Self, ValidationErrors> {
        AccountCustomer::from_json(document)
    }
    fn id_text(&self) -> String {
        self.id().to_string()
    }
    fn created(&self) -> Timestamp {
        self.created_at()
    }
    fn unique_key(&self) -> Option<String> {
        Some(self.fields().email().uniqueness_key())
    }
    fn apply(
        patch: &AccountCustomerPatch,
        current: &Self,
        now: Timestamp,
    ) -> Result<Self, ValidationErrors> {
        patch.apply(current, now)
    }
    fn body(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
    fn valid_id(id: &str) -> bool {
        AccountCustomerId::parse(id).is_ok()
    }
    fn conflict(existing: Option<&str>) -> ProblemResponse {
        match existing.and_then(|id| AccountCustomerId::parse(id).ok()) {
            Some(id) => ProblemResponse::conflict(&Conflict::duplicate_email(id)),
            None => duplicate_email(),
        }
    }
}
