//! The three calls, the panic hook and the argument checks.

use std::cell::RefCell;

use customer_core::{FieldError, limits::MAX_BODY_BYTES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::checks::{normalize_phone_str, validate_create_customer_str, validate_field_str};
use crate::results::{CreateCustomerResult, FieldResult, PhoneReason, PhoneResult};

/// The longest string (in UTF-16 code units) passed into the module. A longer body is
/// over [`MAX_BODY_BYTES`] whatever its encoding, and every field rule stops reading far
/// earlier, so nothing past this is copied into wasm memory.
pub const MAX_INPUT_UNITS: u32 = MAX_BODY_BYTES as u32;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR_CODE: &str = r#"
/** A stable error code (customer-core's `ErrorCode`). */
export type ErrorCode =
  | "invalid_json" | "payload_too_large" | "invalid_type" | "unknown_field"
  | "duplicate_field" | "required" | "too_long" | "invalid_characters" | "invalid_email"
  | "invalid_phone_format" | "invalid_phone_number" | "phone_country_mismatch"
  | "invalid_country" | "invalid_id" | "invalid_timestamp" | "invalid_range"
  | "unknown_parameter" | "duplicate_parameter" | "invalid_encoding" | "invalid_limit"
  | "mutually_exclusive" | "invalid_cursor" | "cursor_mismatch" | "invalid_sort"
  | "invalid_currency" | "not_an_integer" | "out_of_range" | "too_many_keys"
  | "invalid_metadata_key" | "too_large" | "invalid_status" | "duplicate_email"
  | "missing_api_key" | "invalid_api_key" | "insufficient_permissions" | "rate_limited"
  | "invalid_idempotency_key" | "idempotency_key_in_use" | "idempotency_key_reused"
  | "read_only" | "precondition_failed" | "invalid_precondition" | "currency_required"
  | "postal_code_required" | "invalid_postal_code" | "state_required" | "unknown_state"
  | "postal_code_state_mismatch";

/** The pointers `validateField` knows. */
export type FieldPointer =
  | "/first_name" | "/last_name" | "/email" | "/phone_number"
  | "/billing_address/line1" | "/billing_address/line2" | "/billing_address/city"
  | "/billing_address/state" | "/billing_address/zip_code" | "/billing_address/country";

/** How `normalizePhone` answers: while typing (the default), or finally (on submit). */
export interface PhoneOptions {
  /** `false` for the final answer (never "so far"); default `true`. */
  typing?: boolean;
}

/** What `validateField` may need besides the value: the billing country for the phone. */
export interface FieldContext {
  /** The billing country (ISO 3166-1 alpha-2), for `/phone_number`. */
  country?: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse`, for results serialized by serde_json (always valid JSON).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;

    /// A JS string, for its length without copying it.
    #[wasm_bindgen(js_name = String)]
    type JsString;
    #[wasm_bindgen(method, getter, structural)]
    fn length(this: &JsString) -> u32;
    #[wasm_bindgen(method, structural)]
    fn slice(this: &JsString, start: u32, end: u32) -> JsValue;

    /// The `{ country?: string }` context of `validateField`.
    type JsContext;
    /// Its `country`; an exception (a throwing getter, a revoked proxy) is caught.
    #[wasm_bindgen(method, getter, structural, catch)]
    fn country(this: &JsContext) -> Result<JsValue, JsValue>;

    /// The `{ typing?: boolean }` options of `normalizePhone`.
    type JsPhoneOptions;
    #[wasm_bindgen(method, getter, structural, catch)]
    fn typing(this: &JsPhoneOptions) -> Result<JsValue, JsValue>;

    /// `Object.keys`, for members the context does not have.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(object: &JsValue) -> Result<JsValue, JsValue>;

    /// A JS array (of `Object.keys`).
    type JsArray;
    #[wasm_bindgen(method, getter, structural)]
    fn length(this: &JsArray) -> u32;
    #[wasm_bindgen(method, indexing_getter)]
    fn get(this: &JsArray, index: u32) -> JsValue;

    /// `String(value)`, for an exception's text (never throws for an Error).
    #[wasm_bindgen(js_name = String, catch)]
    fn js_to_string(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// The context's error: what the caller passed is not `{ country?: string }`, or reading
/// it threw (the caller's exception, reported as theirs).
fn context_error(code: customer_core::ErrorCode, detail: String) -> JsValue {
    to_js(&FieldResult::invalid(FieldError::new(
        crate::checks::COUNTRY_POINTER,
        code,
        detail,
    )))
}

/// An exception thrown by the caller's own object, as a short text.
fn thrown(error: &JsValue) -> String {
    let text = js_to_string(error)
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_else(|| "an exception".to_owned());
    text.chars().take(200).collect()
}

/// The country of `validateField`'s context, checked: `Ok(None)` without a context or a
/// country, else the country string, or the answer telling what is wrong with the context.
fn context_country(context: Option<JsValue>) -> Result<Option<String>, JsValue> {
    use customer_core::ErrorCode;
    let Some(context) = context.filter(|c| !c.is_undefined() && !c.is_null()) else {
        return Ok(None);
    };
    if !context.is_object() || context.is_function() {
        return Err(context_error(
            ErrorCode::InvalidType,
            format!(
                "the context must be an object such as {{ country: \"NG\" }}, found {}",
                js_kind(&context)
            ),
        ));
    }
    let keys = object_keys(&context).map_err(|e| {
        context_error(
            ErrorCode::InvalidType,
            format!("reading the context threw: {}", thrown(&e)),
        )
    })?;
    let keys: &JsArray = keys.unchecked_ref();
    for i in 0..keys.length().min(64) {
        let key = keys.get(i).as_string().unwrap_or_default();
        if key != "country" {
            let shown: String = key.chars().take(64).collect();
            return Err(context_error(
                ErrorCode::UnknownField,
                format!("`{shown}` is not a member of the context (it has only `country`)"),
            ));
        }
    }
    let country = context
        .unchecked_ref::<JsContext>()
        .country()
        .map_err(|e| {
            context_error(
                ErrorCode::InvalidType,
                format!("reading the context's country threw: {}", thrown(&e)),
            )
        })?;
    if country.is_undefined() {
        return Ok(None);
    }
    js_string(&country, 64).map(Some).ok_or_else(|| {
        context_error(
            ErrorCode::InvalidType,
            format!(
                "the context's country must be a string, found {}",
                js_kind(&country)
            ),
        )
    })
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook when the module starts: a panic's message is kept for
/// [`take_panic_message`] (the trap that follows is caught in `index.js`).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let text: String = format!("{message}{at}").chars().take(500).collect();
        // try_with: a panic while the thread local is torn down must not panic again.
        let _ = LAST_PANIC.try_with(|slot| {
            if let Ok(mut slot) = slot.try_borrow_mut() {
                *slot = Some(text);
            }
        });
    }));
}

/// The message of the last panic, once (for `index.js`, after a trap).
#[wasm_bindgen(js_name = takePanicMessage, skip_typescript)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC
        .try_with(|slot| slot.try_borrow_mut().ok().and_then(|mut s| s.take()))
        .ok()
        .flatten()
}

/// Panics on purpose, so tests can check that a panic becomes a reported failure (only
/// with the `test-hooks` feature: not in the published package).
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests(message: &str) {
    #[allow(clippy::panic)]
    {
        panic!("{message}");
    }
}

/// A JS value as a Rust string, reading at most `limit` UTF-16 units of it; `None` when
/// it is not a string.
fn js_string(value: &JsValue, limit: u32) -> Option<String> {
    if !value.is_string() {
        return None;
    }
    let s: &JsString = value.unchecked_ref();
    if s.length() > limit {
        s.slice(0, limit).as_string()
    } else {
        value.as_string()
    }
}

/// A JS value's kind, in the words of the service's `invalid_type` messages.
fn js_kind(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.is_undefined() {
        "nothing"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.is_string() {
        "a string"
    } else if value.is_object() {
        "an object"
    } else {
        "a value of another kind"
    }
}

#[wasm_bindgen(inline_js = "
export function validField(value) { return { ok: true, value: value ?? null }; }
export function validPhone(e164, region, type, valid_for_country) {
  return { ok: true, e164, region: region ?? null, type, valid_for_country };
}")]
extern "C" {
    /// `{ ok: true, value }`, built in JS: the valid answer of `validateField` (the one a
    /// form gets on most keystrokes) without serializing it to JSON and parsing it back.
    #[wasm_bindgen(js_name = validField)]
    fn valid_field(value: Option<String>) -> JsValue;

    /// The valid answer of `normalizePhone`, built in JS as [`valid_field`] is (the same
    /// members, in the same order, as `ValidPhone` serializes).
    #[wasm_bindgen(js_name = validPhone)]
    fn valid_phone(
        e164: &str,
        region: Option<String>,
        type_: &str,
        valid_for_country: bool,
    ) -> JsValue;
}

/// A `normalizePhone` answer as a JS value: the valid one built directly, the others
/// through JSON.
fn phone_to_js(result: PhoneResult) -> JsValue {
    match result {
        PhoneResult::Valid(v) => valid_phone(&v.e164, v.region, v.type_, v.valid_for_country),
        invalid @ PhoneResult::Invalid(_) => to_js(&invalid),
    }
}

/// A `validateField` answer as a JS value: the valid one built directly, the others
/// through JSON (the same shape as `to_js` gives).
fn field_to_js(result: FieldResult) -> JsValue {
    match result {
        FieldResult::Valid(valid) => valid_field(valid.value),
        invalid @ FieldResult::Invalid(_) => to_js(&invalid),
    }
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    match serde_json::to_string(value) {
        Ok(text) => json_parse(&text),
        Err(e) => JsValue::from_str(&format!("serialization failed: {e}")),
    }
}

/// `validateCreateCustomer(json)`: the normalized request, or the RFC 9457 problem the
/// service would answer (the same bytes, once `JSON.stringify`d).
#[wasm_bindgen(js_name = validateCreateCustomer, unchecked_return_type = "CreateCustomerResult")]
pub fn validate_create_customer(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> JsValue {
    let result = if !json.is_string() {
        let error = FieldError::new(
            "",
            customer_core::ErrorCode::InvalidType,
            format!("the body must be a JSON string, found {}", js_kind(&json)),
        );
        CreateCustomerResult::invalid(&error.into())
    } else if json.unchecked_ref::<JsString>().length() > MAX_INPUT_UNITS {
        // More UTF-16 units than the byte limit: over it in UTF-8 too. Native answers.
        validate_create_customer_str(&" ".repeat(MAX_BODY_BYTES.saturating_add(1)))
    } else {
        validate_create_customer_str(&json.as_string().unwrap_or_default())
    };
    to_js(&result)
}

/// `validateField(pointer, value, context?)`: the errors of one field only, with the
/// service's codes and messages, or its normalized value.
#[wasm_bindgen(js_name = validateField, unchecked_return_type = "FieldResult")]
pub fn validate_field(
    #[wasm_bindgen(unchecked_param_type = "FieldPointer | string")] pointer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FieldContext")] context: Option<JsValue>,
) -> JsValue {
    let Some(pointer) = js_string(&pointer, 256) else {
        let error = FieldError::new(
            "",
            customer_core::ErrorCode::InvalidType,
            format!("the pointer must be a string, found {}", js_kind(&pointer)),
        );
        return to_js(&FieldResult::invalid(error));
    };
    let value = if value.is_null() || value.is_undefined() {
        String::new()
    } else if let Some(s) = js_string(&value, MAX_INPUT_UNITS) {
        s
    } else {
        let error = FieldError::new(
            pointer,
            customer_core::ErrorCode::InvalidType,
            format!("must be a string, found {}", js_kind(&value)),
        );
        return to_js(&FieldResult::invalid(error));
    };
    let country = match context_country(context) {
        Ok(country) => country,
        Err(answer) => return answer,
    };
    field_to_js(validate_field_str(&pointer, &value, country.as_deref()))
}

/// `normalizePhone(input, country, options?)`: the E.164 form of a number typed in a
/// form, or the precise error: while typing (the default) "too short so far" for digits
/// that can still become a valid number; with `{ typing: false }` (on submit) the final
/// answer, which never says "so far".
#[wasm_bindgen(js_name = normalizePhone, unchecked_return_type = "PhoneResult")]
pub fn normalize_phone(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] country: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PhoneOptions")] options: Option<JsValue>,
) -> JsValue {
    let typing = match options.filter(|o| !o.is_undefined() && !o.is_null()) {
        None => true,
        Some(o) if !o.is_object() => {
            let error = FieldError::new(
                "/phone_number",
                customer_core::ErrorCode::InvalidType,
                format!(
                    "the options must be an object such as {{ typing: false }}, found {}",
                    js_kind(&o)
                ),
            );
            return to_js(&PhoneResult::invalid(error, PhoneReason::Type, None));
        }
        Some(o) => match o.unchecked_ref::<JsPhoneOptions>().typing() {
            Ok(t) if t.is_undefined() => true,
            Ok(t) if t.as_bool().is_some() => t.as_bool().unwrap_or(true),
            Ok(t) => {
                let error = FieldError::new(
                    "/phone_number",
                    customer_core::ErrorCode::InvalidType,
                    format!("the option typing must be a boolean, found {}", js_kind(&t)),
                );
                return to_js(&PhoneResult::invalid(error, PhoneReason::Type, None));
            }
            Err(e) => {
                let error = FieldError::new(
                    "/phone_number",
                    customer_core::ErrorCode::InvalidType,
                    format!("reading the option typing threw: {}", thrown(&e)),
                );
                return to_js(&PhoneResult::invalid(error, PhoneReason::Type, None));
            }
        },
    };
    let Some(input) = js_string(&input, MAX_INPUT_UNITS) else {
        let error = FieldError::new(
            "/phone_number",
            customer_core::ErrorCode::InvalidType,
            format!("must be a string, found {}", js_kind(&input)),
        );
        return to_js(&PhoneResult::invalid(error, PhoneReason::Type, None));
    };
    let Some(country) = js_string(&country, 64) else {
        let error = FieldError::new(
            "/billing_address/country",
            customer_core::ErrorCode::InvalidType,
            format!("must be a string, found {}", js_kind(&country)),
        );
        return to_js(&PhoneResult::invalid(error, PhoneReason::Type, None));
    };
    phone_to_js(normalize_phone_str(&input, &country, typing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use customer_core::CreateCustomer;

    const SPEC_000: &str = r#"{"first_name":"John","last_name":"Doe","email":"john.doe@example.com",
      "phone_number":"+2348012345678","billing_address":{"line1":"123 Test Lane",
      "line2":"Suite 456","city":"Lagos","state":"Lagos","zip_code":"100001","country":"NG"}}"#;

    #[test]
    fn the_problem_is_the_services_bytes() {
        for body in [
            SPEC_000.replace("\"NG\"", "\"US\""),
            "{\"first_name\": 5, \"nick\": 1}".to_owned(),
            "[".to_owned(),
        ] {
            let errors = CreateCustomer::from_json(body.as_bytes()).unwrap_err();
            let service = serde_json::to_string(&errors.to_problem()).unwrap();
            let CreateCustomerResult::Invalid(ours) = validate_create_customer_str(&body) else {
                panic!("valid: {body}");
            };
            assert_eq!(serde_json::to_string(&ours.problem).unwrap(), service);
        }
    }

    #[test]
    fn the_customer_is_the_services_json() {
        let body = SPEC_000.replace("\"Suite 456\"", "null");
        let request = CreateCustomer::from_json(body.as_bytes()).unwrap();
        let CreateCustomerResult::Valid(ours) = validate_create_customer_str(&body) else {
            panic!("invalid");
        };
        assert_eq!(
            serde_json::to_string(&ours.customer).unwrap(),
            serde_json::to_string(&request).unwrap()
        );
    }

    #[test]
    fn the_error_code_type_lists_every_code() {
        let listed: Vec<&str> = include_str!("api.rs")
            .split("export type ErrorCode =")
            .nth(1)
            .and_then(|rest| rest.split(';').next())
            .unwrap()
            .split('|')
            .map(|s| s.trim().trim_matches('"'))
            .filter(|s| !s.is_empty())
            .collect();
        let all: Vec<&str> = customer_core::ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect();
        assert_eq!(listed, all);
    }

    #[test]
    fn fields_answer_the_service_codes() {
        let code = |p: &str, v: &str, c: Option<&str>| match validate_field_str(p, v, c) {
            FieldResult::Valid(_) => "ok".to_owned(),
            FieldResult::Invalid(e) => e.errors[0].code.to_owned(),
        };
        assert_eq!(code("/first_name", "J0hn", None), "invalid_characters");
        assert_eq!(code("/last_name", "", None), "required");
        assert_eq!(code("/email", "a@b", None), "invalid_email");
        assert_eq!(code("/phone_number", "0801", None), "invalid_phone_format");
        assert_eq!(
            code("/phone_number", "+2348012345678", Some("US")),
            "phone_country_mismatch"
        );
        assert_eq!(
            code("/phone_number", "+2348012345678", Some("")),
            "required"
        );
        for bad in ["??", "XX", "us"] {
            assert_eq!(
                code("/phone_number", "+2348012345678", Some(bad)),
                "invalid_country",
                "{bad:?}"
            );
        }
        let FieldResult::Invalid(e) = validate_field_str("/email", "a@example.com", Some("us"))
        else {
            panic!("a bad context is an answer");
        };
        assert_eq!(e.errors[0].pointer, "/billing_address/country");
        assert_eq!(
            e.errors[0].detail,
            "the context's country `us` must be uppercase; did you mean `US`?"
        );
        assert_eq!(code("/billing_address/line1", " ", None), "required");
        assert_eq!(code("/billing_address/zip_code", " ", None), "ok");
        assert_eq!(
            code("/billing_address/country", "Nigeria", None),
            "invalid_country"
        );
        assert_eq!(code("/id", "x", None), "unknown_field");
    }

    #[test]
    fn phone_reasons() {
        let reason = |i: &str, c: &str| match normalize_phone_str(i, c, true) {
            PhoneResult::Valid(p) => p.e164,
            PhoneResult::Invalid(e) => serde_json::to_string(&e.reason).unwrap(),
        };
        assert_eq!(reason("0801 234 5678", "NG"), "+2348012345678");
        assert_eq!(reason("0801 234", "NG"), "\"too_short\"");
        assert_eq!(reason("", "NG"), "\"required\"");
        assert_eq!(reason("0801 x", "NG"), "\"format\"");
        assert_eq!(reason("0801", "ng"), "\"country\"");
        assert_eq!(reason("0801", "AQ"), "\"no_numbering_plan\"");
    }
}
