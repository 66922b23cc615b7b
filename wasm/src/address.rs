//! Address help for forms, from the strict address policy of customer-core (Google's
//! address data): the strict check of `state` and `zip_code` for `validateField`, postal
//! codes exactly as typed (`postalCode`), and a country's subdivisions for a picker
//! (`subdivisions`).

use customer_core::address::{CountryRules, PostalCodeStatus};
use customer_core::{AddressPolicy, BillingAddress, Country, ErrorCode, FieldError};
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::results::FieldResult;

/// The strict policy's check of one address field in `country`, as the service runs it
/// inside a request: `None` when `pointer` is not `/billing_address/state` or
/// `/billing_address/zip_code`, or the data has no rules for the country (the default
/// check applies then).
#[must_use]
pub fn strict_field_str(pointer: &str, value: &str, country: &str) -> Option<FieldResult> {
    let member = match pointer {
        "/billing_address/state" => "state",
        "/billing_address/zip_code" => "zip_code",
        _ => return None,
    };
    let country = Country::parse(country).ok()?;
    let rules = CountryRules::of(country)?;
    let mut v = serde_json::json!({"line1": "-", "city": "-", "country": country.as_str()});
    v[member] = value.into();
    let address: BillingAddress = match serde_json::from_value(v) {
        Ok(a) => a,
        // The text rules refuse it: the default check gives that error.
        Err(_) => return None,
    };
    let own = format!("/{member}");
    let errors = match address.check(AddressPolicy::Strict) {
        Ok(_) => vec![],
        Err(errors) => errors
            .iter()
            .filter(|e| e.pointer() == own)
            .cloned()
            .collect(),
    };
    if let Some(e) = errors.first() {
        return Some(FieldResult::invalid(FieldError::new(
            pointer,
            e.code(),
            e.detail(),
        )));
    }
    let normalized = match member {
        "state" => rules
            .subdivision(value)
            .filter(|_| rules.has_state())
            .map(|s| s.code().to_owned())
            .or_else(|| address.state().map(|s| s.as_str().to_owned())),
        _ => address.zip_code().map(|z| {
            rules
                .normalize_postal_code(z.as_str())
                .unwrap_or_else(|| z.as_str().to_owned())
        }),
    };
    Some(FieldResult::valid(normalized))
}

/// Where a postal code stands as it is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct PostalCodeHelp {
    /// `valid`, `incomplete` (more characters can make it one), `invalid` (no
    /// continuation can) or `unchecked` (the country has no format in the data).
    #[tsify(type = "\"valid\" | \"incomplete\" | \"invalid\" | \"unchecked\"")]
    pub status: &'static str,
    /// The postal code as the country writes it, when valid (`SW1A 1AA`).
    pub value: Option<String>,
    /// What the country calls it (`ZIP code`, `postal code`).
    pub name: &'static str,
    /// Example postal codes of the country, for a placeholder.
    pub examples: Vec<&'static str>,
}

/// `postalCode(input, country)` on Rust strings; `None` when the data has no rules for
/// the country.
#[must_use]
pub fn postal_code_str(input: &str, country: &str) -> Option<PostalCodeHelp> {
    let rules = CountryRules::of(Country::parse(country).ok()?)?;
    let status = rules.postal_code_status(input);
    Some(PostalCodeHelp {
        status: match status {
            PostalCodeStatus::Valid => "valid",
            PostalCodeStatus::Incomplete => "incomplete",
            PostalCodeStatus::Unchecked => "unchecked",
            _ => "invalid",
        },
        value: rules.normalize_postal_code(input),
        name: rules.postal_code_name(),
        examples: rules.postal_code_examples().collect(),
    })
}

/// One entry of a subdivision picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct SubdivisionEntry {
    /// What to submit as `state`: the ISO 3166-2 subdivision code (`ON`).
    pub code: &'static str,
    /// The name in the country's language (`Ontario`).
    pub name: &'static str,
    /// The name in Latin script, for countries written in another.
    pub latin_name: Option<&'static str>,
}

/// A country's subdivisions, for a picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct SubdivisionList {
    /// What the country calls them (`state`, `province`, `prefecture`).
    pub kind: &'static str,
    /// The strict policy requires one.
    pub required: bool,
    /// In the data's order (empty: the state is free text).
    pub subdivisions: Vec<SubdivisionEntry>,
}

/// `subdivisions(country)` on Rust strings; `None` when the data has no rules for the
/// country.
#[must_use]
pub fn subdivisions_str(country: &str) -> Option<SubdivisionList> {
    let rules = CountryRules::of(Country::parse(country).ok()?)?;
    Some(SubdivisionList {
        kind: rules.subdivision_name(),
        required: rules.requires_state() && rules.has_state(),
        subdivisions: rules
            .subdivisions()
            .map(|s| SubdivisionEntry {
                code: s.code(),
                name: s.name(),
                latin_name: s.latin_name(),
            })
            .collect(),
    })
}

/// `{ ok: false, errors }` for a country the data does not know.
fn no_rules(country: &str) -> FieldResult {
    let shown: String = country.chars().take(8).collect();
    FieldResult::invalid(FieldError::new(
        "/billing_address/country",
        ErrorCode::InvalidCountry,
        format!("`{shown}` is not a country with address rules"),
    ))
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|t| js_sys_json_parse(&t))
        .unwrap_or(JsValue::NULL)
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse_catch(text: &str) -> Result<JsValue, JsValue>;
}

fn js_sys_json_parse(text: &str) -> Option<JsValue> {
    json_parse_catch(text).ok()
}

/// `postalCode(input, country)`: where a postal code stands as typed (`incomplete` while
/// too short, `invalid` once no continuation can be one), its normalized form when valid,
/// the country's name for it and examples; a `FieldResult` error for an unknown country.
#[wasm_bindgen(js_name = postalCode, unchecked_return_type = "PostalCodeHelp | FieldResult")]
pub fn postal_code(input: &str, country: &str) -> JsValue {
    match postal_code_str(input, country) {
        Some(help) => to_js(&help),
        None => to_js(&no_rules(country)),
    }
}

/// `subdivisions(country)`: the country's subdivisions for a picker (code to submit,
/// names), what they are called and whether one is required; a `FieldResult` error for an
/// unknown country.
#[wasm_bindgen(js_name = subdivisions, unchecked_return_type = "SubdivisionList | FieldResult")]
pub fn subdivisions(country: &str) -> JsValue {
    match subdivisions_str(country) {
        Some(list) => to_js(&list),
        None => to_js(&no_rules(country)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_fields() {
        let r = strict_field_str("/billing_address/zip_code", "9501", "US").unwrap();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["errors"][0]["code"], "invalid_postal_code");
        assert_eq!(json["errors"][0]["pointer"], "/billing_address/zip_code");
        let r = strict_field_str("/billing_address/zip_code", "sw1a1aa", "GB").unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap()["value"], "SW1A 1AA");
        let r = strict_field_str("/billing_address/state", "ontario", "CA").unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap()["value"], "ON");
        let r = strict_field_str("/billing_address/state", "Ontario", "US").unwrap();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["errors"][0]["code"], "unknown_state");
        assert!(strict_field_str("/billing_address/city", "x", "US").is_none());
        assert!(strict_field_str("/billing_address/zip_code", "x", "ZZ").is_none());
    }

    #[test]
    fn as_you_type_and_pickers() {
        let p = postal_code_str("9501", "US").unwrap();
        assert_eq!((p.status, p.value), ("incomplete", None));
        let p = postal_code_str("k1a0b1", "CA").unwrap();
        assert_eq!((p.status, p.value.as_deref()), ("valid", Some("K1A 0B1")));
        assert_eq!(postal_code_str("K1A0B1X", "CA").unwrap().status, "invalid");
        let list = subdivisions_str("CA").unwrap();
        assert_eq!((list.kind, list.required), ("province", true));
        assert_eq!(list.subdivisions[8].code, "ON");
        assert!(subdivisions_str("ZZ").is_none());
    }
}
