//! The address policies: the default (any text) and the strict one (each country's rules
//! from Google's address data), with the strict policy's errors and normalization.

use std::fmt;

use super::billing::BillingAddress;
use super::rules::{self, CountryRules, PostalCodeStatus, Subdivision};
use super::text::AddressText;
use crate::error::{ErrorCode, FieldError, ValidationErrors};
use crate::request::reader::{At, Reported};

/// How much a billing address is checked beyond its text rules.
///
/// - [`AddressPolicy::Lenient`] (the default): `state` and `zip_code` are any
///   [`AddressText`], stored as given (spec 001's `"state": "Acme"` is accepted).
/// - [`AddressPolicy::Strict`]: the address is checked against its country's rules in
///   Google's address data (for the 252 regions it covers; other countries are checked
///   as under the default):
///   1. the parts the country requires: a postal code (`postal_code_required` at
///      `zip_code`), a state (`state_required` at `state`);
///   2. the postal-code format (`invalid_postal_code`), after upper-casing and reading
///      runs of whitespace as one space;
///   3. that the state is one of the country's subdivisions (`unknown_state`): by its ISO
///      3166-2 code, the data's key, or a name in any of the data's languages, case- and
///      accent-insensitively (`"quebec"` is Québec), with a hint when it names another
///      country's ("Ontario is a province of Canada (CA)");
///   4. that the postal code belongs to that subdivision (`postal_code_state_mismatch` at
///      `zip_code`: a `90210` in Ontario).
///
///   Every failure is reported, each at its own pointer. What passes is normalized: the
///   postal code as the country writes it (`sw1a1aa` is `SW1A 1AA`), the state as its
///   subdivision's code (`"Ontario"` is `"ON"`; [`BillingAddress::subdivision`] gives
///   its name).
///
/// A service chooses the policy per request type, or once for all, in the
/// [`ReadOptions`](crate::ReadOptions) it reads requests with:
///
/// ```
/// use customer_core::{AddressPolicy, CreateCustomer, ReadOptions};
///
/// let strict = ReadOptions::new().with_address(AddressPolicy::Strict);
/// let body = br#"{"first_name":"Ada","last_name":"Obi","email":"ada@example.com",
///   "phone_number":"+14155550123","billing_address":{"line1":"1 Main St",
///   "city":"Cupertino","state":"California","zip_code":"9501","country":"US"}}"#;
/// let errors = CreateCustomer::from_json_with(body, &strict).unwrap_err();
/// let e = errors.iter().next().unwrap();
/// assert_eq!((e.pointer(), e.code().as_str()), ("/billing_address/zip_code", "invalid_postal_code"));
/// assert_eq!(
///     e.detail(),
///     "is too short for a US ZIP code: a US ZIP code is 5 digits, optionally followed by -4 digits, e.g. 95014"
/// );
///
/// // The default policy accepts it as given.
/// assert!(CreateCustomer::from_json(body).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AddressPolicy {
    /// Text rules only, stored as given (the default).
    #[default]
    Lenient,
    /// The country's rules too, and normalization (see the type's docs).
    Strict,
}

/// Why an address fails the strict policy, with what the error needs to explain itself.
#[derive(Debug, Clone, Copy)]
enum Fault {
    PostalRequired,
    Postal(PostalCodeStatus),
    StateRequired,
    UnknownState(Option<Subdivision>),
    NotInState(Subdivision),
}

/// A fault's message, formatted only when the error is kept.
struct Message<'a> {
    rules: &'a CountryRules,
    fault: Fault,
}

/// "a US ZIP code is 5 digits, optionally followed by -4 digits, e.g. 95014".
struct Expects<'a>(&'a CountryRules);

impl fmt::Display for Expects<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.0;
        let mut examples = r.postal_code_examples();
        let first = examples.next();
        let country = r.country();
        let what = format_args!("a {} {}", country.as_str(), r.postal_code_name());
        match (r.postal_code_description(), first) {
            (Some(d), Some(e)) => write!(f, "{what} {d}, e.g. {e}"),
            (Some(d), None) => write!(f, "{what} {d}"),
            (None, Some(e)) => match examples.next() {
                Some(e2) => write!(f, "{what} looks like {e} or {e2}"),
                None => write!(f, "{what} looks like {e}"),
            },
            (None, None) => write!(f, "{what} has the country's format"),
        }
    }
}

/// "the United States (US)".
struct CountryName(crate::field::country::Country);

impl fmt::Display for CountryName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.0.name(), self.0.as_str())
    }
}

/// "e.g. CA or California" from the country's first subdivision.
struct StateExample<'a>(&'a CountryRules);

impl fmt::Display for StateExample<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.subdivisions().next() {
            Some(s) if s.code() != s.name() => write!(f, "e.g. {} or {}", s.code(), s.name()),
            Some(s) => write!(f, "e.g. {}", s.name()),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.rules;
        let area = r.subdivision_name();
        match self.fault {
            Fault::PostalRequired => write!(
                f,
                "is required in {}: {}",
                CountryName(r.country()),
                Expects(r)
            ),
            Fault::Postal(PostalCodeStatus::Incomplete) => write!(
                f,
                "is too short for a {} {}: {}",
                r.country().as_str(),
                r.postal_code_name(),
                Expects(r)
            ),
            Fault::Postal(_) => write!(
                f,
                "is not a {} {}: {}",
                r.country().as_str(),
                r.postal_code_name(),
                Expects(r)
            ),
            Fault::StateRequired if r.has_subdivisions() => write!(
                f,
                "is required in {}: the {area}, by code or name, {}",
                CountryName(r.country()),
                StateExample(r)
            ),
            Fault::StateRequired => {
                write!(f, "is required in {}: the {area}", CountryName(r.country()))
            }
            Fault::UnknownState(elsewhere) => {
                write!(
                    f,
                    "is not a {area} of {}: use its code or name, {}",
                    CountryName(r.country()),
                    StateExample(r)
                )?;
                if let Some(s) = elsewhere
                    && let Some(other) = CountryRules::of(s.country())
                {
                    write!(
                        f,
                        " ({} is a {} of {})",
                        s.name(),
                        other.subdivision_name(),
                        CountryName(s.country())
                    )?;
                }
                Ok(())
            }
            Fault::NotInState(s) => write!(
                f,
                "is not a {} of {} ({}), the address's {area}",
                r.postal_code_name(),
                s.name(),
                s.code()
            ),
        }
    }
}

impl Fault {
    fn code(self) -> ErrorCode {
        match self {
            Fault::PostalRequired => ErrorCode::PostalCodeRequired,
            Fault::Postal(_) => ErrorCode::InvalidPostalCode,
            Fault::StateRequired => ErrorCode::StateRequired,
            Fault::UnknownState(_) => ErrorCode::UnknownState,
            Fault::NotInState(_) => ErrorCode::PostalCodeStateMismatch,
        }
    }
}

#[cold]
fn report(errors: &mut ValidationErrors, at: At<'_>, rules: &CountryRules, fault: Fault) {
    errors.push_with(|| {
        FieldError::new(
            at.pointer(),
            fault.code(),
            Message { rules, fault }.to_string(),
        )
    });
}

impl AddressPolicy {
    /// Applies the policy to an address read at `at`: the address (normalized under the
    /// strict policy), or every fault reported at its member's pointer.
    pub(crate) fn apply(
        self,
        address: BillingAddress,
        at: At<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<BillingAddress, Reported> {
        match self {
            AddressPolicy::Lenient => Ok(address),
            AddressPolicy::Strict => strict(address, at, errors),
        }
    }
}

/// The strict policy's checks and normalization.
fn strict(
    address: BillingAddress,
    at: At<'_>,
    errors: &mut ValidationErrors,
) -> Result<BillingAddress, Reported> {
    let Some(rules) = CountryRules::of(address.country()) else {
        return Ok(address);
    };
    let before = errors.len().saturating_add(errors.dropped());
    let state_at = at.child("state");
    let zip_at = at.child("zip_code");

    let subdivision = match address.state() {
        None if rules.requires_state() && rules.has_state() => {
            report(errors, state_at, &rules, Fault::StateRequired);
            None
        }
        None => None,
        Some(_) if !rules.has_subdivisions() => None,
        // A state the country's format has no place for is kept as given; if it names a
        // subdivision, the postal code must still be one of it.
        Some(state) if !rules.has_state() => rules.subdivision(state.as_str()),
        Some(state) => match rules.subdivision(state.as_str()) {
            Some(s) => Some(s),
            None => {
                let elsewhere = rules::elsewhere(state.as_str(), address.country());
                report(errors, state_at, &rules, Fault::UnknownState(elsewhere));
                None
            }
        },
    };

    // The normalized postal code, when it differs from the one given.
    let mut new_zip = None;
    match address.zip_code() {
        None if rules.requires_postal_code() && rules.has_postal_code() => {
            report(errors, zip_at, &rules, Fault::PostalRequired);
        }
        None => {}
        Some(_) if !rules.has_postal_code() => {}
        Some(zip) => match rules.normalize_postal_code_cow(zip.as_str()) {
            None => {
                let status = rules.postal_code_status(zip.as_str());
                report(errors, zip_at, &rules, Fault::Postal(status));
            }
            Some(normal) => {
                if let Some(s) = subdivision
                    && s.has_postal_prefixes()
                    && !s.contains_postal_code(&normal)
                {
                    report(errors, zip_at, &rules, Fault::NotInState(s));
                }
                if normal != zip.as_str() {
                    new_zip = AddressText::parse(&normal).ok();
                }
            }
        },
    }

    if errors.len().saturating_add(errors.dropped()) != before {
        return Err(Reported);
    }
    let new_state = match subdivision {
        Some(s) if rules.has_state() && address.state().is_none_or(|t| t.as_str() != s.code()) => {
            AddressText::parse(s.code()).ok()
        }
        _ => None,
    };
    Ok(address.with_normalized(new_state, new_zip))
}

impl BillingAddress {
    /// Checks the address under `policy`, with pointers relative to the address
    /// (`/zip_code`): the address, normalized under [`AddressPolicy::Strict`], or every
    /// error.
    ///
    /// ```
    /// use customer_core::{AddressPolicy, BillingAddress};
    ///
    /// let typed: BillingAddress = serde_json::from_str(
    ///     r#"{"line1":"10 Downing St","city":"London","zip_code":"sw1a2aa","country":"GB"}"#,
    /// ).unwrap();
    /// let checked = typed.check(AddressPolicy::Strict).unwrap();
    /// assert_eq!(checked.zip_code().unwrap().as_str(), "SW1A 2AA");
    ///
    /// let ca: BillingAddress = serde_json::from_str(
    ///     r#"{"line1":"1 Rue","city":"Ottawa","state":"Ontario","zip_code":"90210","country":"CA"}"#,
    /// ).unwrap();
    /// let errors = ca.check(AddressPolicy::Strict).unwrap_err();
    /// assert_eq!(errors.iter().next().unwrap().code().as_str(), "invalid_postal_code");
    /// ```
    pub fn check(&self, policy: AddressPolicy) -> Result<BillingAddress, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        match policy.apply(self.clone(), At::ROOT, &mut errors) {
            Ok(a) if errors.is_empty() => Ok(a),
            _ => Err(errors),
        }
    }

    /// The country's rules in Google's address data, if it has them.
    #[must_use]
    pub fn country_rules(&self) -> Option<CountryRules> {
        CountryRules::of(self.country())
    }

    /// The subdivision the `state` names in the country's data (by code or by name), if
    /// any: its name, code and key.
    ///
    /// ```
    /// use customer_core::BillingAddress;
    ///
    /// let a: BillingAddress = serde_json::from_str(
    ///     r#"{"line1":"1 A St","city":"Lagos","state":"LA","country":"NG"}"#,
    /// ).unwrap();
    /// assert_eq!(a.subdivision().unwrap().name(), "Lagos");
    /// ```
    #[must_use]
    pub fn subdivision(&self) -> Option<Subdivision> {
        self.country_rules()?.subdivision(self.state()?.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(state: Option<&str>, zip: Option<&str>, country: &str) -> BillingAddress {
        let mut v = serde_json::json!({"line1": "1 A St", "city": "Town", "country": country});
        if let Some(s) = state {
            v["state"] = s.into();
        }
        if let Some(z) = zip {
            v["zip_code"] = z.into();
        }
        serde_json::from_value(v).unwrap()
    }

    fn faults(a: &BillingAddress) -> Vec<(String, String, String)> {
        match a.check(AddressPolicy::Strict) {
            Ok(_) => vec![],
            Err(e) => e
                .iter()
                .map(|e| {
                    (
                        e.pointer().to_owned(),
                        e.code().as_str().to_owned(),
                        e.detail().to_owned(),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn the_four_examples_are_refused_precisely() {
        let us = faults(&address(Some("CA"), Some("9501"), "US"));
        assert_eq!(
            us,
            [(
                "/zip_code".into(),
                "invalid_postal_code".into(),
                "is too short for a US ZIP code: a US ZIP code is 5 digits, optionally followed by -4 digits, e.g. 95014".into()
            )]
        );
        // The UK codes are accepted and normalized.
        for typed in ["SW1A1AA", "sw1a 1aa"] {
            let gb = address(None, Some(typed), "GB")
                .check(AddressPolicy::Strict)
                .unwrap();
            assert_eq!(gb.zip_code().unwrap().as_str(), "SW1A 1AA");
        }
        let ca = faults(&address(Some("Ontario"), Some("90210"), "CA"));
        assert_eq!(ca.len(), 1);
        assert_eq!(ca[0].1, "invalid_postal_code");
        assert!(
            ca[0]
                .2
                .starts_with("is not a CA postal code: a CA postal code is a letter")
        );
        let ok = address(Some("Ontario"), Some("k1a0b1"), "CA")
            .check(AddressPolicy::Strict)
            .unwrap();
        assert_eq!(ok.state().unwrap().as_str(), "ON");
        assert_eq!(ok.zip_code().unwrap().as_str(), "K1A 0B1");
        assert_eq!(ok.subdivision().unwrap().name(), "Ontario");
    }

    #[test]
    fn every_fault_with_its_message() {
        let f = faults(&address(Some("Ontario"), Some("95014"), "US"));
        assert_eq!(f[0].0, "/state");
        assert_eq!(f[0].1, "unknown_state");
        assert_eq!(
            f[0].2,
            "is not a state of United States of America (US): use its code or name, e.g. AL or Alabama (Ontario is a province of Canada (CA))"
        );
        let f = faults(&address(Some("ON"), Some("H3Z 2Y7"), "CA"));
        assert_eq!(
            f,
            [(
                "/zip_code".into(),
                "postal_code_state_mismatch".into(),
                "is not a postal code of Ontario (ON), the address's province".into()
            )]
        );
        let f = faults(&address(None, None, "US"));
        assert_eq!(
            f.iter()
                .map(|e| (e.0.as_str(), e.1.as_str()))
                .collect::<Vec<_>>(),
            [
                ("/state", "state_required"),
                ("/zip_code", "postal_code_required")
            ]
        );
        // Countries without subdivisions or formats in the data accept any text.
        assert!(faults(&address(Some("Anywhere"), Some("x y z"), "AQ")).is_empty());
        assert!(faults(&address(Some("Acme"), Some("EC1Y 8SY"), "GB")).is_empty());
    }

    #[test]
    fn lenient_is_unchanged() {
        let a = address(Some("Acme"), Some("sw1a1aa"), "US");
        assert_eq!(a.check(AddressPolicy::Lenient).unwrap(), a);
        assert_eq!(AddressPolicy::default(), AddressPolicy::Lenient);
    }

    #[test]
    fn spec_000_address_is_strictly_valid() {
        let a = address(Some("Lagos"), Some("100001"), "NG");
        let n = a.check(AddressPolicy::Strict).unwrap();
        assert_eq!(n.state().unwrap().as_str(), "LA");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;
    use crate::field::address::tables::COUNTRIES;
    use crate::field::country::Country;

    /// Every country of the data that is a [`Country`].
    fn countries() -> Vec<CountryRules> {
        COUNTRIES
            .iter()
            .filter_map(|r| Country::from_bytes(r.code))
            .filter_map(CountryRules::of)
            .collect()
    }

    /// `s` as a person might type it: some letters in lower case, separators dropped or
    /// doubled, spaces around.
    fn retype(s: &str, case: &[bool], sep: &[u8]) -> String {
        let mut out = String::from(" ");
        for (i, c) in s.chars().enumerate() {
            let flip = case.get(i % case.len().max(1)).copied().unwrap_or(false);
            let how = sep.get(i % sep.len().max(1)).copied().unwrap_or(0);
            match (c, how) {
                (' ' | '-', 1) => {}
                (' ', 2) => out.push_str("  "),
                _ if flip => out.extend(c.to_lowercase()),
                _ => out.push(c),
            }
        }
        out.push(' ');
        out
    }

    proptest! {
        /// Normalizing a postal code twice gives what once does, and the result is a
        /// valid postal code of the country.
        #[test]
        fn postal_normalization_is_idempotent(
            country in any::<Index>(),
            example in any::<Index>(),
            case in proptest::collection::vec(any::<bool>(), 1..8),
            sep in proptest::collection::vec(0u8..3, 1..8),
            noise in "[0-9A-Za-z -]{0,12}",
        ) {
            let all = countries();
            let rules = all[country.index(all.len())];
            let examples: Vec<&str> = rules.postal_code_examples().collect();
            let typed = if examples.is_empty() {
                noise.clone()
            } else {
                retype(examples[example.index(examples.len())], &case, &sep)
            };
            if let Some(once) = rules.normalize_postal_code(&typed) {
                let twice = rules.normalize_postal_code(&once);
                prop_assert_eq!(twice.as_deref(), Some(once.as_str()));
                prop_assert!(matches!(
                    rules.postal_code_status(&once),
                    PostalCodeStatus::Valid | PostalCodeStatus::Unchecked
                ));
            }
            prop_assert_eq!(
                rules.normalize_postal_code(&noise).is_some(),
                matches!(rules.postal_code_status(&noise), PostalCodeStatus::Valid | PostalCodeStatus::Unchecked)
                    && noise.len() <= crate::field::address::rules::MAX_POSTAL_BYTES
            );
        }

        /// An address the strict policy accepts is normalized: checked again, it is
        /// itself. The subdivision is named by code, key or name, in any case.
        #[test]
        fn a_normalized_address_revalidates_to_itself(
            country in any::<Index>(),
            sub in any::<Index>(),
            how in 0u8..4,
            example in any::<Index>(),
            case in proptest::collection::vec(any::<bool>(), 1..8),
            sep in proptest::collection::vec(0u8..3, 1..8),
        ) {
            let all = countries();
            let rules = all[country.index(all.len())];
            let subs: Vec<Subdivision> = rules.subdivisions().collect();
            let state = (!subs.is_empty()).then(|| {
                let s = subs[sub.index(subs.len())];
                match how {
                    0 => s.code().to_owned(),
                    1 => s.key().to_lowercase(),
                    2 => s.name().to_uppercase(),
                    _ => s.latin_name().unwrap_or(s.name()).to_owned(),
                }
            });
            let examples: Vec<&str> = rules.postal_code_examples().collect();
            let zip = (!examples.is_empty())
                .then(|| retype(examples[example.index(examples.len())], &case, &sep));
            let mut v = serde_json::json!({"line1": "1 A St", "city": "Town", "country": rules.country().as_str()});
            if let Some(s) = &state {
                v["state"] = s.as_str().into();
            }
            if let Some(z) = &zip {
                v["zip_code"] = z.as_str().into();
            }
            let address: BillingAddress = serde_json::from_value(v).unwrap();
            if let Ok(normal) = address.check(AddressPolicy::Strict) {
                prop_assert_eq!(normal.check(AddressPolicy::Strict), Ok(normal.clone()));
                prop_assert!(!normal.format_lines().is_empty());
            }
        }
    }
}
