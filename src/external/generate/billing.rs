//! The billing profile (spec 002): full names, references, currencies, balances,
//! metadata, JSON objects, `bcus_` ids, the request and the stored customer.

use super::*;

/// Full names and business names as people write them: `&`, periods, digits, quotes,
/// symbols between words, several scripts.
pub(super) const FULL_NAMES: &[&str] = &[
    "John Doe",
    "Acme & Sons Ltd.",
    "3M",
    "Ọlá's Café",
    "株式会社トヨタ",
    "Café ☕ Corner",
    "Müller GmbH & Co. KG",
    "محمد العلي",
    "Brighton Mboya",
    "Jani Ltd",
    "7-Eleven",
    "AT&T",
    "Société Générale S.A.",
    "ООО «Ромашка»",
    "Ngũgĩ wa Thiong’o",
    "Κώστας Παπαδόπουλος",
    "삼성전자",
    "Dr. Amara Okafor-Nwosu",
    "Tōkyō Gas Co., Ltd.",
    "O’Brien & Partners (Pty) Ltd",
    "אל על",
    "टाटा मोटर्स",
];
/// Words after a business name.
pub(super) const BUSINESS_SUFFIXES: &[&str] = &[
    "Ltd.",
    "Ltd",
    "Inc.",
    "LLC",
    "GmbH",
    "S.A.",
    "(Pty) Ltd",
    "& Co.",
    "& Sons",
    "PLC",
    "Co., Ltd.",
    "K.K.",
    "S.à r.l.",
    "A/S",
    "Sp. z o.o.",
    "株式会社",
];
/// Printable symbols a business name may hold between words.
pub(super) const NAME_SYMBOLS: &[&str] = &["☕", "🚀", "★", "™", "®", "№", "€", "+", "@", "#", "·"];

/// A valid full name or business name: a known one, a person's name, a business name of
/// words, digits, symbols and a suffix, or (rarely) a long one up to the 255-character
/// limit.
pub(crate) fn full_name(c: &mut impl Choices) -> Option<FullName> {
    let text = match c.below(8) {
        0..=2 => (*c.pick(FULL_NAMES)?).to_owned(),
        3 | 4 => {
            let mut text = person_name(c)?.as_str().to_owned();
            if c.below(2) == 0 {
                text.push(' ');
                text.push_str(person_name(c)?.as_str());
            }
            text
        }
        5 | 6 => {
            let script = *c.pick(SCRIPTS)?;
            let mut text = word(c, script);
            if c.one_in(3) {
                text.push_str(&format!(" {}", c.between(1, 999)));
            }
            if c.one_in(4) {
                text.push(' ');
                text.push_str(c.pick(NAME_SYMBOLS)?);
                text.push(' ');
                text.push_str(&word(c, script));
            }
            text.push(' ');
            text.push_str(c.pick(BUSINESS_SUFFIXES)?);
            text
        }
        _ => {
            // 200 to 255 ASCII characters (as many grapheme clusters), often the limit.
            let length = if c.below(2) == 0 {
                limits::FULL_NAME_MAX_GRAPHEMES
            } else {
                c.between(200, limits::FULL_NAME_MAX_GRAPHEMES)
            };
            let mut text = ascii_run(c, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 1);
            while text.len() < length {
                text.push_str(&ascii_run(c, b"abcdefghijklmnopqrstuvwxyz", 1, 11));
                text.push(' ');
            }
            text.truncate(length.saturating_sub(1));
            text.push('z');
            text
        }
    };
    FullName::parse(&text).ok()
}

/// Characters of generated references and ids other systems issue.
pub(super) const REFERENCE_CHARS: &[u8] =
    b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-_/#.:";

/// A valid external reference: invoice and order numbers, free text in several scripts,
/// sometimes exactly 255 characters.
pub(crate) fn reference(c: &mut impl Choices) -> Option<Reference> {
    let text = match c.below(6) {
        0 => format!("INV-{}-{:03}", c.between(2000, 2099), c.between(1, 999)),
        1 => format!("ord_{}", ascii_run(c, b"0123456789", 4, 12)),
        2 => format!(
            "{}_{}",
            c.pick(&["cust", "acct", "crm", "erp", "sf"])?,
            ascii_run(c, LOCAL_CHARS, 6, 24)
        ),
        3 => {
            let mut text = ascii_run(c, LOCAL_CHARS, 1, 4);
            text.push_str(&ascii_run(c, REFERENCE_CHARS, 0, 40));
            text
        }
        4 => format!(
            "{} {}",
            c.pick(&["Facture n°", "注文", "Заказ", "طلب", "Rechnung Nr.", "주문"])?,
            c.between(1, 99_999)
        ),
        _ => {
            let length = if c.below(2) == 0 {
                limits::REFERENCE_MAX_CHARS
            } else {
                c.between(41, limits::REFERENCE_MAX_CHARS)
            };
            let mut text = ascii_run(c, LOCAL_CHARS, 1, 1);
            let chunk = ascii_run(c, REFERENCE_CHARS, 1, 16);
            while text.len() < length {
                text.push_str(&chunk);
            }
            text.truncate(length.saturating_sub(1));
            text.push('9');
            text
        }
    };
    Reference::parse(&text).ok()
}

/// Every code [`Currency::parse`] accepts, in ISO 4217 numeric order: the `iso_currency`
/// table (all numeric codes tried once), so the list follows that crate's updates.
pub(crate) fn currencies() -> &'static [Currency] {
    static ALL: std::sync::OnceLock<Vec<Currency>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        (0..1000u16)
            .filter_map(iso_currency::Currency::from_numeric)
            .filter_map(|c| Currency::parse(c.code()).ok())
            .collect()
    })
}

/// Currencies payment services use most, with minor units 0 (`JPY`, `KRW`, `XOF`), 2 and
/// 3 (`BHD`, `KWD`).
pub(super) const COMMON_CURRENCIES: &[&str] = &[
    "ZAR", "USD", "EUR", "GBP", "NGN", "KES", "TZS", "GHS", "JPY", "KRW", "XOF", "BHD", "KWD",
];

/// A valid currency: mostly a common one, else any active code (minor units 0 to 4).
pub(crate) fn currency(c: &mut impl Choices) -> Option<Currency> {
    if c.below(2) == 0 {
        Currency::parse(c.pick(COMMON_CURRENCIES)?).ok()
    } else {
        c.pick(currencies()).copied()
    }
}

/// Any `i64`, from four 16-bit choices (a choice is at most 32 bits on every target).
pub(super) fn any_i64(c: &mut impl Choices) -> i64 {
    let mut bits = 0u64;
    for _ in 0..4 {
        bits = (bits << 16) | u64::try_from(c.below(1 << 16)).unwrap_or(0);
    }
    i64::from_ne_bytes(bits.to_ne_bytes())
}

/// A balance in minor units: zero, everyday amounts (debit or credit), the `i64` limits,
/// or any `i64`.
pub(crate) fn balance(c: &mut impl Choices) -> i64 {
    let small = i64::try_from(c.below(1_000_000)).unwrap_or(0);
    match c.below(8) {
        0 => 0,
        1..=3 => small,
        4 => small.saturating_neg(),
        5 => *c.pick(&[i64::MIN, i64::MAX, -1, 1]).unwrap_or(&0),
        _ => any_i64(c),
    }
}

/// Metadata keys merchants use (two customers often share some).
pub(super) const METADATA_KEYS: &[&str] = &[
    "order_id",
    "customer_id",
    "plan",
    "source",
    "campaign",
    "tier",
    "region",
    "note",
    "a",
    "b",
    "internal.id",
    "user-email",
    "key with spaces",
    "名前",
    "clé",
    "🚀launch",
    "ünïcödé",
];
/// Metadata values: empty, identifiers, prose, numbers, JSON-looking text, line breaks.
pub(super) const METADATA_VALUES: &[&str] = &[
    "",
    "ord_789012",
    "cust_123456",
    "gold",
    "42",
    "-3.5",
    "true",
    "null",
    "{\"nested\": [1, 2]}",
    "line one\nline two",
    "tab\tseparated",
    "Adébáyọ̀ O’Brien",
    "東京都千代田区",
    "مرحبا",
    "🚀🚀🚀",
    " padded ",
];

/// A metadata key: a common one, a word of some script, or exactly 40 characters.
pub(super) fn metadata_key(c: &mut impl Choices) -> Option<String> {
    Some(match c.below(4) {
        0 | 1 => (*c.pick(METADATA_KEYS)?).to_owned(),
        2 => {
            let script = *c.pick(SCRIPTS)?;
            let mut key = word(c, script);
            if c.below(2) == 0 {
                key.push(*c.pick(&['_', '.', '-', ':', ' '])?);
                key.push_str(&ascii_run(c, LABEL_CHARS, 1, 8));
            }
            key.chars().take(limits::METADATA_MAX_KEY_CHARS).collect()
        }
        _ => ascii_run(
            c,
            LABEL_CHARS,
            limits::METADATA_MAX_KEY_CHARS,
            limits::METADATA_MAX_KEY_CHARS,
        ),
    })
}

/// A metadata value: a common one, a word, or up to exactly 500 characters.
pub(super) fn metadata_value(c: &mut impl Choices) -> Option<String> {
    Some(match c.below(6) {
        0..=2 => (*c.pick(METADATA_VALUES)?).to_owned(),
        3 => {
            let script = *c.pick(SCRIPTS)?;
            word(c, script)
        }
        4 => ascii_run(c, REFERENCE_CHARS, 0, 24),
        _ => {
            let length = if c.below(2) == 0 {
                limits::METADATA_MAX_VALUE_CHARS
            } else {
                c.between(25, limits::METADATA_MAX_VALUE_CHARS)
            };
            let script = *c.pick(SCRIPTS)?;
            let chunk = word(c, script);
            let chunk = if chunk.is_empty() {
                "x".to_owned()
            } else {
                chunk
            };
            chunk.chars().cycle().take(length).collect()
        }
    })
}

/// Valid metadata: mostly none or a few keys, sometimes up to the 50-key limit, in
/// generated order; a key drawn twice is made distinct with a numeric suffix.
pub(crate) fn metadata(c: &mut impl Choices) -> Option<Metadata> {
    let count = match c.below(8) {
        0 | 1 => 0,
        2..=5 => c.between(1, 5),
        6 => c.between(6, limits::METADATA_MAX_KEYS),
        _ => limits::METADATA_MAX_KEYS,
    };
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(count);
    for i in 0..count {
        let mut key = metadata_key(c)?;
        if pairs.iter().any(|(k, _)| *k == key) {
            let suffix = format!("_{i}");
            let room = limits::METADATA_MAX_KEY_CHARS.saturating_sub(suffix.len());
            key = key.chars().take(room).collect();
            key.push_str(&suffix);
            if pairs.iter().any(|(k, _)| *k == key) {
                continue;
            }
        }
        pairs.push((key, metadata_value(c)?));
    }
    Metadata::new(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).ok()
}

/// JSON objects services store: payment rules and custom data as spec 002 and 003 show
/// them, and texts kept exactly as sent (number spellings, escapes, duplicate keys).
pub(super) const JSON_OBJECTS: &[&str] = &[
    r#"{}"#,
    r#"{"max_amount":100000}"#,
    r#"{"max_amount":5000,"currencies":["ZAR","USD"],"methods":["card","momo"]}"#,
    r#"{"loyalty_program":"Gold","prefs":{"lang":"sw"},"visits":12}"#,
    r#"{"a":1,"a":[1.50,null],"b":null}"#,
    r#"{"price":1.50,"big":123456789012345678901234567890,"tiny":2.5E-7,"e":1e3,"neg":-0}"#,
    r#"{"caf\u00e9":"\ud83d\ude80","path":"a\/b","quote":"say \"hi\""}"#,
    r#"{"deep":{"er":{"and":{"deeper":[1]}}}}"#,
];
/// Number spellings a JSON object keeps as sent.
pub(super) const JSON_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "12",
    "-7",
    "1.50",
    "3.14159",
    "1e3",
    "2.5E-7",
    "-1.0e+2",
    "100000",
    "9223372036854775807",
    "-9223372036854775808",
    "123456789012345678901234567890",
];
/// Limits kept well inside [`limits::JSON_OBJECT_MAX_BYTES`]: no element starts past
/// this many bytes, and no leaf is longer than 200.
pub(super) const JSON_BYTE_BUDGET: usize = limits::JSON_OBJECT_MAX_BYTES - 1024;

/// One JSON value at `depth` (the enclosing object is 1), within the members' and bytes'
/// budgets.
pub(super) fn json_value(
    c: &mut impl Choices,
    out: &mut String,
    depth: usize,
    members: &mut usize,
) {
    let container = depth < limits::JSON_OBJECT_MAX_DEPTH && out.len() < JSON_BYTE_BUDGET;
    match c.below(10) {
        0 => out.push_str("null"),
        1 => out.push_str(if c.below(2) == 0 { "true" } else { "false" }),
        2 | 3 => out.push_str(c.pick(JSON_NUMBERS).copied().unwrap_or("0")),
        4 => out.push_str(&c.between(0, 1_000_000).to_string()),
        7 if container => json_object_into(c, out, depth.saturating_add(1), members),
        8 if container => {
            out.push('[');
            for i in 0..c.below(5) {
                if out.len() >= JSON_BYTE_BUDGET {
                    break;
                }
                if i > 0 {
                    out.push(',');
                }
                json_value(c, out, depth.saturating_add(1), members);
            }
            out.push(']');
        }
        _ => {
            let text = metadata_value(c).unwrap_or_default();
            let text: String = text.chars().take(40).collect();
            out.push_str(&serde_json::to_string(&text).unwrap_or_else(|_| "\"\"".to_owned()));
        }
    }
}

/// An object at `depth` into `out`: keys common or generated, some drawn twice.
pub(super) fn json_object_into(
    c: &mut impl Choices,
    out: &mut String,
    depth: usize,
    members: &mut usize,
) {
    out.push('{');
    let mut keys: Vec<String> = Vec::new();
    for i in 0..c.below(7) {
        if *members >= limits::JSON_OBJECT_MAX_MEMBERS || out.len() >= JSON_BYTE_BUDGET {
            break;
        }
        *members = members.saturating_add(1);
        if i > 0 {
            out.push(',');
        }
        let key = match keys.last() {
            Some(last) if c.one_in(12) => last.clone(),
            _ => metadata_key(c).unwrap_or_default(),
        };
        out.push_str(&serde_json::to_string(&key).unwrap_or_else(|_| "\"k\"".to_owned()));
        out.push(':');
        keys.push(key);
        json_value(c, out, depth, members);
    }
    out.push('}');
}

/// A valid JSON object (custom data, payment rules): a known one, or nested values of
/// every JSON type up to the depth limit, numbers spelled as people send them, keys in
/// many scripts, now and then a key twice.
pub(crate) fn json_object(c: &mut impl Choices) -> Option<JsonObject> {
    if c.below(3) == 0 {
        return JsonObject::parse(c.pick(JSON_OBJECTS)?).ok();
    }
    let mut text = String::new();
    json_object_into(c, &mut text, 1, &mut 0);
    JsonObject::parse(&text).ok()
}

/// Ten random bytes.
pub(super) fn random_bytes(c: &mut impl Choices) -> [u8; 10] {
    let mut bytes = [0u8; 10];
    for b in &mut bytes {
        *b = u8::try_from(c.below(256)).unwrap_or(0);
    }
    bytes
}

pub(super) const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
pub(super) const BASE32: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A billing id made at `now` as a service makes them, or (a quarter of the time, and for
/// times before 1970) 21 random base62 characters, as imported ids are.
pub(super) fn billing_customer_id_at(
    c: &mut impl Choices,
    now: Timestamp,
) -> Option<BillingCustomerId> {
    if c.below(4) != 0
        && let Ok(id) = BillingCustomerId::new(now, random_bytes(c))
    {
        return Some(id);
    }
    let body = ascii_run(c, BASE62, 21, 21);
    BillingCustomerId::parse(&format!("{}{body}", BillingCustomerId::PREFIX)).ok()
}

/// A valid billing customer id (`bcus_…`).
pub(crate) fn billing_customer_id(c: &mut impl Choices) -> Option<BillingCustomerId> {
    let now = timestamp(c)?;
    billing_customer_id_at(c, now)
}

/// A valid billing create-customer request, read by [`CreateBillingCustomer::from_json`]:
/// every optional field present or absent, a balance only with a currency (a currency
/// also without a balance), metadata of 0 to 50 keys.
pub(crate) fn create_billing_customer(c: &mut impl Choices) -> Option<CreateBillingCustomer> {
    let reference = if c.below(2) == 0 {
        None
    } else {
        Some(reference(c)?)
    };
    let name = full_name(c)?;
    let phone = if c.below(2) == 0 {
        None
    } else {
        Some(phone_number(c)?)
    };
    let (currency, balance) = match c.below(3) {
        0 => (None, None),
        1 => (Some(currency(c)?), None),
        _ => (Some(currency(c)?), Some(balance(c))),
    };
    let metadata = metadata(c)?;
    let mut body = format!("{{\"name\":{}", json(&name)?);
    if let Some(reference) = reference {
        body.push_str(&format!(",\"reference\":{}", json(&reference)?));
    }
    if let Some(phone) = phone {
        body.push_str(&format!(",\"phone_number\":{}", json(&phone)?));
    }
    if let Some(currency) = currency {
        body.push_str(&format!(",\"currency\":{}", json(&currency)?));
    }
    if let Some(balance) = balance {
        body.push_str(&format!(",\"balance\":{balance}"));
    }
    if !metadata.is_empty() || c.below(2) == 0 {
        body.push_str(&format!(",\"metadata\":{}", json(&metadata)?));
    }
    body.push('}');
    CreateBillingCustomer::from_json(body.as_bytes()).ok()
}

/// A valid billing customer: an id made at its creation time (or imported), payment
/// rules or none, and half the time an `updated_at` later than `created_at` (through an
/// empty [`BillingCustomerPatch`]).
pub(crate) fn billing_customer(c: &mut impl Choices) -> Option<BillingCustomer> {
    let (created, updated) = created_and_updated(c)?;
    let id = billing_customer_id_at(c, created)?;
    let request = create_billing_customer(c)?;
    let rules = if c.below(2) == 0 {
        None
    } else {
        Some(json_object(c)?)
    };
    let customer = BillingCustomer::new(id, request, rules, created);
    if updated == created {
        return Some(customer);
    }
    BillingCustomerPatch::default()
        .apply(&customer, updated)
        .ok()
}
