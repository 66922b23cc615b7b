//! ISO 4217 currencies and amounts in minor units.
//!
//! A [`Currency`] is an *active* alphabetic code with a minor unit: exactly three ASCII
//! uppercase letters naming a code that the `iso_currency` table does not mark as
//! superseded (`HRK`, `SLL`, `ZWL`…) or special (`XAU`, `XDR`, `XTS`, `XXX`: no minor
//! unit, so no amount in minor units can be written in them). Its
//! [`minor_units`](Currency::minor_units) is the standard's exponent: `JPY` 0, `ZAR` 2,
//! `BHD` 3. Lowercase input is refused with a hint (`zar` → `ZAR`), as country codes are.
//!
//! A balance is a JSON *integer* in minor units within `i64`: `20.5`, `1e3` and `2000.0`
//! are `not_an_integer`, `"2000"` is `invalid_type`, and integers beyond `i64` are
//! `out_of_range`.

use std::fmt;

use crate::error::{Coded, ErrorCode, ValidationErrors};
use crate::request::raw::{Number, Raw};
use crate::request::reader::{self, At, Field, Reported};
use crate::text::Excerpt;

/// An active ISO 4217 currency with a minor unit, stored as its code.
///
/// ```
/// use customer_core::Currency;
///
/// let zar = Currency::parse("ZAR").unwrap();
/// assert_eq!((zar.as_str(), zar.minor_units()), ("ZAR", 2));
/// assert_eq!(Currency::parse("JPY").unwrap().minor_units(), 0);
/// assert_eq!(Currency::parse("BHD").unwrap().minor_units(), 3);
/// assert_eq!(
///     Currency::parse("zar").unwrap_err().to_string(),
///     "`zar` must be uppercase; did you mean `ZAR`?"
/// );
/// assert_eq!(Currency::parse("XAU").unwrap_err().code().as_str(), "invalid_currency");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
}

/// Why a string is not a [`Currency`]. Every variant is `invalid_currency` except
/// [`CurrencyError::Empty`] (`required`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CurrencyError {
    /// Empty or only whitespace.
    #[error("is required")]
    Empty,
    /// An active code in the wrong case.
    #[error("`{input}` must be uppercase; did you mean `{suggestion}`?")]
    NotUppercase {
        /// The input as given.
        input: Excerpt,
        /// The uppercase code.
        suggestion: Currency,
    },
    /// A code that is no longer active (superseded by another).
    #[error("`{input}` is no longer an active ISO 4217 code; use `{replacement}`")]
    Superseded {
        /// The input as given.
        input: Excerpt,
        /// The code that replaced it.
        replacement: Currency,
    },
    /// A code without a minor unit (precious metals, `XDR`, `XTS`, `XXX`).
    #[error("`{input}` has no minor unit, so no amount can be given in it")]
    NoMinorUnit {
        /// The input as given.
        input: Excerpt,
    },
    /// Not an ISO 4217 alphabetic code.
    #[error("`{input}` is not an ISO 4217 currency code")]
    Unknown {
        /// The input as given (its first bytes).
        input: Excerpt,
    },
}

impl CurrencyError {
    /// The stable code: `required` or `invalid_currency`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            CurrencyError::Empty => ErrorCode::Required,
            _ => ErrorCode::InvalidCurrency,
        }
    }
}

impl Coded for CurrencyError {
    fn code(&self) -> ErrorCode {
        CurrencyError::code(self)
    }
}

/// Codes the `iso_currency` table marks superseded that ISO 4217's list one still holds
/// as active: `VES` (928) stands beside `VED` (926) since amendment 170.
const STILL_ACTIVE: &[&str] = &["VES"];

/// The table's entry for an uppercase code, as one of ours when it is active.
fn lookup(code: &str) -> Option<Result<Currency, Lookup>> {
    let found = iso_currency::Currency::from_code(code)?;
    if let Some(replacement) = found
        .is_superseded()
        .filter(|_| !STILL_ACTIVE.contains(&code))
    {
        return Some(Err(Lookup::Superseded(replacement)));
    }
    let Some(minor_units) = found
        .exponent()
        .and_then(|e| u8::try_from(e).ok())
        .filter(|_| !found.is_special())
    else {
        return Some(Err(Lookup::NoMinorUnit));
    };
    let mut bytes = [0u8; 3];
    for (to, from) in bytes.iter_mut().zip(code.bytes()) {
        *to = from;
    }
    Some(Ok(Currency {
        code: bytes,
        minor_units,
    }))
}

enum Lookup {
    Superseded(iso_currency::Currency),
    NoMinorUnit,
}

impl Currency {
    /// Validates a currency code (surrounding whitespace is trimmed).
    pub fn parse(input: &str) -> Result<Currency, CurrencyError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(CurrencyError::Empty);
        }
        let excerpt = || Excerpt::new(trimmed);
        if trimmed.len() != 3 || !trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(CurrencyError::Unknown { input: excerpt() });
        }
        let upper = trimmed.to_ascii_uppercase();
        match lookup(&upper) {
            Some(Ok(currency)) if upper == trimmed => Ok(currency),
            Some(Ok(suggestion)) => Err(CurrencyError::NotUppercase {
                input: excerpt(),
                suggestion,
            }),
            Some(Err(Lookup::Superseded(by))) => match lookup(by.code()) {
                Some(Ok(replacement)) => Err(CurrencyError::Superseded {
                    input: excerpt(),
                    replacement,
                }),
                _ => Err(CurrencyError::Unknown { input: excerpt() }),
            },
            Some(Err(Lookup::NoMinorUnit)) => Err(CurrencyError::NoMinorUnit { input: excerpt() }),
            None => Err(CurrencyError::Unknown { input: excerpt() }),
        }
    }

    /// The alphabetic code, e.g. `"ZAR"`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("")
    }

    /// The minor-unit exponent: an amount of `n` minor units is `n / 10^minor_units` of
    /// the currency (`JPY` 0, `ZAR` 2, `BHD` 3).
    #[must_use]
    pub fn minor_units(&self) -> u8 {
        self.minor_units
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

str_impls!(Currency, CurrencyError);

/// Why a JSON number is not a balance in minor units.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Written with a fraction or an exponent (`not_an_integer`).
    #[error(
        "must be a whole number of minor units written as a JSON integer (such as 2000), not with a fraction or an exponent"
    )]
    NotAnInteger,
    /// An integer outside `i64` (`out_of_range`).
    #[error("must be between -9223372036854775808 and 9223372036854775807 minor units")]
    OutOfRange,
}

impl AmountError {
    /// The stable code: `not_an_integer` or `out_of_range`.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            AmountError::NotAnInteger => ErrorCode::NotAnInteger,
            AmountError::OutOfRange => ErrorCode::OutOfRange,
        }
    }
}

impl Coded for AmountError {
    fn code(&self) -> ErrorCode {
        AmountError::code(self)
    }
}

/// 2^63 as an `f64`: whole floats at or beyond it in magnitude were integers too long
/// for `i64`.
const I64_BOUND: f64 = 9_223_372_036_854_775_808.0;

/// An amount in minor units from a JSON number. The JSON parser gives integers that fit
/// 64 bits as integers; anything else arrives as `f64`: a whole `f64` beyond `i64` was an
/// integer too long for 64 bits (`out_of_range`), any other `f64` was written with a
/// fraction or an exponent (`not_an_integer`).
pub(crate) fn amount(number: Number) -> Result<i64, AmountError> {
    match number {
        Number::Int(i) => Ok(i),
        Number::UInt(u) => i64::try_from(u).map_err(|_| AmountError::OutOfRange),
        // -2^63 itself arrives as `Int`; as a float it was rounded from a longer integer.
        Number::Float(f) if f.fract() == 0.0 && (f <= -I64_BOUND || f >= I64_BOUND) => {
            Err(AmountError::OutOfRange)
        }
        Number::Float(_) => Err(AmountError::NotAnInteger),
    }
}

/// Reads an optional amount field: absent or `null` is `None`; a string or other type is
/// `invalid_type`.
pub(crate) fn read_amount(
    field: Field<'_, '_>,
    at: At<'_>,
    errors: &mut ValidationErrors,
) -> Result<Option<i64>, Reported> {
    match field {
        Field::Absent | Field::Null => Ok(None),
        Field::Value(Raw::Number(n)) => amount(*n)
            .map(Some)
            .map_err(|e| reader::rule_error(at, &e, errors)),
        Field::Value(other) => Err(reader::wrong_type(
            at,
            "an integer number of minor units",
            other,
            errors,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_codes_with_their_exponents() {
        for (code, exp) in [
            ("ZAR", 2),
            ("JPY", 0),
            ("BHD", 3),
            ("USD", 2),
            ("KWD", 3),
            ("ZWG", 2),
            ("VES", 2),
            ("VED", 2),
        ] {
            let c = Currency::parse(code).unwrap();
            assert_eq!((c.as_str(), c.minor_units()), (code, exp), "{code}");
        }
        assert_eq!(Currency::parse(" EUR ").unwrap().as_str(), "EUR");
    }

    #[test]
    fn refusals() {
        assert_eq!(Currency::parse("  ").unwrap_err(), CurrencyError::Empty);
        assert!(matches!(
            Currency::parse("usd").unwrap_err(),
            CurrencyError::NotUppercase { suggestion, .. } if suggestion.as_str() == "USD"
        ));
        assert_eq!(
            Currency::parse("HRK").unwrap_err().to_string(),
            "`HRK` is no longer an active ISO 4217 code; use `EUR`"
        );
        for bad in ["XAU", "XXX", "XTS", "XDR"] {
            assert!(
                matches!(Currency::parse(bad), Err(CurrencyError::NoMinorUnit { .. })),
                "{bad}"
            );
        }
        for bad in ["ABC", "RANDS", "Z4R", "ÅÅÅ", "R"] {
            assert!(
                matches!(Currency::parse(bad), Err(CurrencyError::Unknown { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(amount(Number::UInt(2000)), Ok(2000));
        assert_eq!(amount(Number::Int(-2000)), Ok(-2000));
        assert_eq!(amount(Number::Int(i64::MIN)), Ok(i64::MIN));
        assert_eq!(amount(Number::UInt(i64::MAX as u64)), Ok(i64::MAX));
        assert_eq!(
            amount(Number::UInt(i64::MAX as u64 + 1)),
            Err(AmountError::OutOfRange)
        );
        assert_eq!(amount(Number::Float(1e19)), Err(AmountError::OutOfRange));
        assert_eq!(amount(Number::Float(-1e19)), Err(AmountError::OutOfRange));
        assert_eq!(
            amount(Number::Float(-9_223_372_036_854_775_808.0)),
            Err(AmountError::OutOfRange)
        );
        assert_eq!(amount(Number::Float(20.5)), Err(AmountError::NotAnInteger));
        assert_eq!(
            amount(Number::Float(1000.0)),
            Err(AmountError::NotAnInteger)
        );
    }
}
