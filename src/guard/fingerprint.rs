//! Request fingerprints for idempotency: SHA-256 over the method, path, query and body,
//! a JSON body in a canonical form (see [`Fingerprint`]).

use std::borrow::Cow;
use std::fmt;

use sha2::{Digest, Sha256};

use super::hex_serde;
use crate::limits::MAX_BODY_BYTES;

const FINGERPRINT_CONTEXT: &[u8] = b"customer-core/idempotency/fingerprint/v2\0";
/// Deepest JSON nesting canonicalized; deeper bodies are digested as bytes.
const MAX_JSON_DEPTH: usize = 64;

/// SHA-256 over the request's method, path, query and body: two requests with one key
/// must have equal fingerprints to replay.
///
/// A JSON body is digested in a canonical form, so that two bodies share a fingerprint
/// exactly when they hold the same JSON value: key order, spacing and the spelling of a
/// number do not change it, its value does. The method, path and query are taken as sent
/// (the query is not reordered). Fingerprints are stable across releases of this crate
/// with the same version tag in their context string.
///
/// # The canonical form
///
/// - Object members sorted by their canonical name (stable: a repeated name keeps its
///   order), no whitespace.
/// - Strings as `serde_json` writes them after reading them: escapes that mean the same
///   text are the same (`"\u0041"` is `"A"`).
/// - **Numbers by exact decimal value**, from their text, never through `f64`: sign,
///   significant digits without leading or trailing zeros, and a power of ten, so `1000`,
///   `1e3`, `1E+3`, `10e2` and `1000.0` are one value (written `1e3`), `0`, `-0` and
///   `0e7` are `0`, while `18446744073709551616` and `…617`, or `0.1` and
///   `0.10000000000000000001`, never meet.
///
/// A body is canonicalized only when it is at most [`MAX_BODY_BYTES`] long, nested at
/// most 64 deep, UTF-8, one JSON value (as `serde_json` reads it), and every exponent
/// fits in 64 bits; any other body is digested as its bytes, which tells bodies apart
/// just as surely but sees key order and spacing.
///
/// ```
/// use customer_core::guard::Fingerprint;
///
/// let f = |body: &str| Fingerprint::of("POST", "/customers", "", body.as_bytes());
/// assert_eq!(f(r#"{"a": 1, "b": [true, null]}"#), f(r#"{"b":[true,null],"a":1}"#));
/// assert_ne!(f(r#"{"a":1,"b":[true,null]}"#), f(r#"{"a":2,"b":[true,null]}"#));
/// assert_eq!(f(r#"{"amount":1e3}"#), f(r#"{"amount":1000}"#));
/// assert_ne!(f(r#"{"amount":18446744073709551616}"#), f(r#"{"amount":18446744073709551617}"#));
/// assert_ne!(f(r#"{"amount":0.1}"#), f(r#"{"amount":0.10000000000000000001}"#));
/// assert_ne!(
///     Fingerprint::of("POST", "/customers", "", b"{}"),
///     Fingerprint::of("POST", "/customers", "x=1", b"{}"),
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 32]);

hex_serde!(Fingerprint, 32, "64 hex digits");

impl Fingerprint {
    /// The fingerprint of one request.
    #[must_use]
    pub fn of(method: &str, path: &str, query: &str, body: &[u8]) -> Fingerprint {
        let mut h = Sha256::new();
        h.update(FINGERPRINT_CONTEXT);
        for part in [method.as_bytes(), path.as_bytes(), query.as_bytes()] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        match canonical_json(body) {
            Some(canonical) => {
                h.update([0u8]);
                h.update(canonical);
            }
            None => {
                h.update([1u8]);
                h.update(body);
            }
        }
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(&h.finalize());
        Fingerprint(bytes)
    }

    /// The 32 bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", super::to_hex(&self.0))
    }
}

/// The canonical form of a JSON body, or `None` when it is not JSON within the limits.
fn canonical_json(body: &[u8]) -> Option<Vec<u8>> {
    if body.len() > MAX_BODY_BYTES || nesting_exceeds(body, MAX_JSON_DEPTH) {
        return None;
    }
    let text = std::str::from_utf8(body).ok()?;
    // serde_json says whether it is JSON (syntax, escapes, one value); the walk below
    // then only has to write it.
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    let mut walk = Canonical {
        text,
        pos: 0,
        out: Vec::with_capacity(body.len()),
    };
    walk.value(0)?;
    walk.skip_whitespace();
    (walk.pos == text.len()).then_some(walk.out)
}

/// Whether brackets nest deeper than `limit` (outside strings), in one pass without
/// parsing, so deep input never reaches the recursive writer.
fn nesting_exceeds(body: &[u8], limit: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in body {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth = depth.saturating_add(1);
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// A writer of the canonical form over JSON text that serde_json has accepted.
struct Canonical<'a> {
    text: &'a str,
    pos: usize,
    out: Vec<u8>,
}

impl Canonical<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Expects `byte` after optional whitespace.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek()? == byte).then(|| self.bump())
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_JSON_DEPTH {
            return None;
        }
        self.skip_whitespace();
        match self.peek()? {
            b'{' => self.object(depth.saturating_add(1)),
            b'[' => self.array(depth.saturating_add(1)),
            b'"' => self.string(),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            _ => self.number(),
        }
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        let end = self.pos.checked_add(word.len())?;
        (self.text.get(self.pos..end)? == word).then_some(())?;
        self.out.extend_from_slice(word.as_bytes());
        self.pos = end;
        Some(())
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.bump();
        self.out.push(b'[');
        self.skip_whitespace();
        if self.peek()? == b']' {
            self.bump();
            self.out.push(b']');
            return Some(());
        }
        loop {
            self.value(depth)?;
            self.skip_whitespace();
            match self.peek()? {
                b',' => {
                    self.bump();
                    self.out.push(b',');
                }
                b']' => {
                    self.bump();
                    self.out.push(b']');
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Members are written in the order read, each recorded as (start, end of its name,
    /// end), then reordered by name when they were not in order already.
    fn object(&mut self, depth: usize) -> Option<()> {
        self.bump();
        self.out.push(b'{');
        let first = self.out.len();
        let mut members: Vec<(usize, usize, usize)> = Vec::new();
        self.skip_whitespace();
        if self.peek()? == b'}' {
            self.bump();
            self.out.push(b'}');
            return Some(());
        }
        loop {
            self.skip_whitespace();
            let start = self.out.len();
            if self.peek()? != b'"' {
                return None;
            }
            self.string()?;
            let name_end = self.out.len();
            self.expect(b':')?;
            self.out.push(b':');
            self.value(depth)?;
            members.push((start, name_end, self.out.len()));
            self.skip_whitespace();
            match self.peek()? {
                b',' => {
                    self.bump();
                    self.out.push(b',');
                }
                b'}' => {
                    self.bump();
                    break;
                }
                _ => return None,
            }
        }
        let out = &self.out;
        let name = |m: &(usize, usize, usize)| out.get(m.0..m.1).unwrap_or_default();
        let sorted = members.windows(2).all(|w| match w {
            [a, b] => name(a) <= name(b),
            _ => true,
        });
        if !sorted {
            members.sort_by(|a, b| name(a).cmp(name(b)));
            let mut section = Vec::with_capacity(self.out.len().saturating_sub(first));
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    section.push(b',');
                }
                section.extend_from_slice(self.out.get(m.0..m.2)?);
            }
            self.out.truncate(first);
            self.out.extend_from_slice(&section);
        }
        self.out.push(b'}');
        Some(())
    }

    /// A string as serde_json writes what it reads: its raw text when it has no escape
    /// (serde_json would write the same bytes back), else decoded and written again.
    fn string(&mut self) -> Option<()> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut i = start.saturating_add(1);
        let mut escaped = false;
        loop {
            match bytes.get(i)? {
                b'\\' => {
                    escaped = true;
                    i = i.saturating_add(1);
                }
                b'"' => break,
                _ => {}
            }
            i = i.saturating_add(1);
        }
        let end = i.saturating_add(1);
        let raw = self.text.get(start..end)?;
        if escaped {
            let text: Cow<'_, str> = serde_json::from_str(raw).ok()?;
            serde_json::to_writer(&mut self.out, &*text).ok()?;
        } else {
            self.out.extend_from_slice(raw.as_bytes());
        }
        self.pos = end;
        Some(())
    }

    /// A number by its exact decimal value: `[-]digits[e<exponent>]`, the digits without
    /// leading or trailing zeros; zero (of either sign, any exponent) is `0`.
    fn number(&mut self) -> Option<()> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut end = start;
        while matches!(
            bytes.get(end),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            end = end.saturating_add(1);
        }
        let number = bytes.get(start..end)?;
        self.pos = end;
        let (negative, rest) = match number.split_first()? {
            (b'-', rest) => (true, rest),
            _ => (false, number),
        };
        let (mantissa, exponent) = match rest.iter().position(|b| matches!(b, b'e' | b'E')) {
            Some(e) => (
                rest.get(..e)?,
                parse_exponent(rest.get(e.saturating_add(1)..)?)?,
            ),
            None => (rest, 0),
        };
        let (int, frac) = match mantissa.iter().position(|b| *b == b'.') {
            Some(dot) => (mantissa.get(..dot)?, mantissa.get(dot.saturating_add(1)..)?),
            None => (mantissa, &[][..]),
        };
        if int.is_empty() || !int.iter().chain(frac).all(u8::is_ascii_digit) {
            return None;
        }
        // value = digits × 10^(exponent − |frac|)
        let digits = || int.iter().chain(frac);
        let Some(leading) = digits().position(|d| *d != b'0') else {
            self.out.push(b'0');
            return Some(());
        };
        let total = int.len().saturating_add(frac.len());
        let trailing = digits().rev().position(|d| *d != b'0').unwrap_or(0);
        let frac_len = i64::try_from(frac.len()).ok()?;
        let shift = i64::try_from(trailing).ok()?;
        let power = exponent.checked_sub(frac_len)?.checked_add(shift)?;
        if negative {
            self.out.push(b'-');
        }
        let keep = total.saturating_sub(leading).saturating_sub(trailing);
        self.out.extend(digits().skip(leading).take(keep));
        if power != 0 {
            self.out.push(b'e');
            self.out.extend_from_slice(power.to_string().as_bytes());
        }
        Some(())
    }
}

/// `[+-]digits` as an `i64`; `None` when it does not fit.
fn parse_exponent(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first()? {
        (b'-', rest) => (true, rest),
        (b'+', rest) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut value = 0i64;
    for d in digits {
        let d = i64::from(d.checked_sub(b'0').filter(|d| *d <= 9)?);
        value = value.checked_mul(10)?.checked_add(d)?;
    }
    if negative {
        value.checked_neg()
    } else {
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(body: &str) -> Option<String> {
        canonical_json(body.as_bytes()).map(|c| String::from_utf8(c).unwrap())
    }

    fn f(body: &str) -> Fingerprint {
        Fingerprint::of("POST", "/customers", "", body.as_bytes())
    }

    #[test]
    fn canonical_form() {
        assert_eq!(
            canonical(" { \"b\" : [1, 2.50, -0], \"a\" : {\"y\":null,\"x\":true} }\n").as_deref(),
            Some(r#"{"a":{"x":true,"y":null},"b":[1,25e-1,0]}"#)
        );
        assert_eq!(canonical(r#""\u0041\n""#).as_deref(), Some(r#""A\n""#));
        assert_eq!(
            canonical(r#"{"a":1,"a":2}"#).as_deref(),
            Some(r#"{"a":1,"a":2}"#)
        );
        assert_eq!(
            canonical(r#"{"b":2,"a":1,"a":0}"#).as_deref(),
            Some(r#"{"a":1,"a":0,"b":2}"#)
        );
        assert_eq!(canonical("[]").as_deref(), Some("[]"));
        assert_eq!(canonical("{ }").as_deref(), Some("{}"));
        for not_json in [
            "",
            "{",
            "[1,]",
            "01",
            "1.",
            "-",
            "nul",
            "{} {}",
            "\"\\ud800\"",
        ] {
            assert_eq!(canonical(not_json), None, "{not_json:?}");
        }
    }

    #[test]
    fn numbers_by_exact_value() {
        for (text, form) in [
            ("1000", "1e3"),
            ("1e3", "1e3"),
            ("1E+3", "1e3"),
            ("10e2", "1e3"),
            ("1000.000", "1e3"),
            ("0.001", "1e-3"),
            ("-12.3400e-2", "-1234e-4"),
            ("0", "0"),
            ("-0", "0"),
            ("-0.0e99", "0"),
            ("7", "7"),
            ("1e400", "1e400"),
            ("18446744073709551616", "18446744073709551616"),
            ("0.10000000000000000001", "10000000000000000001e-20"),
            ("1e-9223372036854775807", "1e-9223372036854775807"),
        ] {
            assert_eq!(canonical(text).as_deref(), Some(form), "{text}");
        }
        // An exponent beyond 64 bits: the body is digested as bytes.
        assert_eq!(canonical("1e9223372036854775808"), None);
        assert_eq!(canonical("0.1e-9223372036854775808"), None);
    }

    #[test]
    fn the_issue_s_bodies_differ() {
        let pairs = [
            (
                r#"{"custom_data":{"amount":18446744073709551616}}"#,
                r#"{"custom_data":{"amount":18446744073709551617}}"#,
            ),
            (r#"{"a":0.1}"#, r#"{"a":0.10000000000000000001}"#),
            (
                r#"{"a":12345678901234567890123}"#,
                r#"{"a":12345678901234567890124}"#,
            ),
            (r#"{"a":1e400}"#, r#"{"a":1e401}"#),
        ];
        for (a, b) in pairs {
            assert_ne!(f(a), f(b), "{a} {b}");
        }
        assert_eq!(f(r#"{"a":1e3}"#), f(r#"{"a": 1000}"#));
    }

    #[test]
    fn fingerprint_parts() {
        assert_eq!(
            f("{\"a\":{\"y\":1,\"x\":[1,2]}}"),
            f(" { \"a\" : { \"x\" : [1, 2], \"y\" : 1 } }\n")
        );
        assert_ne!(f("[1,2]"), f("[2,1]"));
        assert_ne!(f("{\"a\":\"x\"}"), f("{\"a\":\"x \"}"));
        assert_eq!(f(r#"{"a":"\u0041"}"#), f(r#"{"a":"A"}"#));
        // Not JSON: the bytes; the JSON `"x"` is not the bytes `"x"` read raw.
        assert_eq!(f("not json"), f("not json"));
        assert_ne!(f("not json"), f("not  json"));
        // Method and path are separate parts: no ambiguity at their boundary.
        assert_ne!(
            Fingerprint::of("POST", "/a", "", b""),
            Fingerprint::of("POS", "T/a", "", b"")
        );
        // Too deep: digested as bytes, without recursion.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let _ = f(&deep);
        assert!(nesting_exceeds(deep.as_bytes(), MAX_JSON_DEPTH));
        assert!(!nesting_exceeds(
            br#"{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#,
            2
        ));
        let at_limit = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(canonical(&at_limit).is_some());
    }
}
