//! The choices a service makes about how requests are read, in one value passed to every
//! profile's reader.

use crate::field::address::AddressPolicy;
use crate::field::email::EmailPolicy;

/// How requests are read: the policies of the fields that have more than one. One value,
/// built once (per service or per request type) and passed to any profile's
/// `from_json_with`; the default is what `from_json` does.
///
/// ```
/// use customer_core::account::CreateAccountCustomer;
/// use customer_core::{AddressPolicy, EmailPolicy, ReadOptions};
///
/// let options = ReadOptions::new()
///     .with_address(AddressPolicy::Strict)
///     .with_email(EmailPolicy::AsciiOnly);
/// assert_eq!(options.address(), AddressPolicy::Strict);
///
/// let errors = CreateAccountCustomer::from_json_with(
///     r#"{"name":"José Silva","email":"josé@example.com"}"#.as_bytes(),
///     &options,
/// )
/// .unwrap_err();
/// assert_eq!(errors.iter().next().unwrap().pointer(), "/email");
/// assert_eq!(ReadOptions::default(), ReadOptions::new());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReadOptions {
    email: EmailPolicy,
    address: AddressPolicy,
}

impl ReadOptions {
    /// The defaults: [`EmailPolicy::Internationalized`] and [`AddressPolicy::Lenient`].
    #[must_use]
    pub const fn new() -> Self {
        ReadOptions {
            email: EmailPolicy::Internationalized,
            address: AddressPolicy::Lenient,
        }
    }

    /// These options with `policy` for email addresses.
    #[must_use]
    pub const fn with_email(self, policy: EmailPolicy) -> Self {
        ReadOptions {
            email: policy,
            ..self
        }
    }

    /// These options with `policy` for billing addresses.
    #[must_use]
    pub const fn with_address(self, policy: AddressPolicy) -> Self {
        ReadOptions {
            address: policy,
            ..self
        }
    }

    /// The email policy.
    #[must_use]
    pub const fn email(&self) -> EmailPolicy {
        self.email
    }

    /// The billing-address policy.
    #[must_use]
    pub const fn address(&self) -> AddressPolicy {
        self.address
    }
}
