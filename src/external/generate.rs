//! The one generator of valid values behind the `arbitrary` and `proptest` features.
//!
//! Every value is built from a stream of choices ([`Choices`]) and then through the real
//! constructor (`parse`, `new`), so whatever comes out passed validation. The two features
//! differ only in where the choices come from: `arbitrary`'s `Unstructured` bytes, or a
//! vector of numbers that proptest generates and shrinks (towards 0, the first and simplest
//! option of every choice).
//!
//! Diversity is realistic rather than uniform: names in fourteen scripts (with combining
//! marks, apostrophes, hyphens and the Catalan middle dot), dot-atom emails with the
//! special characters RFC 5322 allows, every ISO region's example phone numbers with the
//! region as billing country (so the phone/country rule holds), addresses in several
//! scripts, timestamps over the whole 0000-9999 range with fractional seconds and offsets.

use crate::external::phone_examples::PHONE_EXAMPLES;
use crate::{
    AddressText, BillingAddress, Country, CreateCustomer, Currency, Customer, CustomerId, Email,
    FullName, JsonObject, Metadata, PersonName, PhoneNumber, Reference, Timestamp,
    account::{
        AccountAddress, AccountCustomer, AccountCustomerId, AccountCustomerPatch, AccountStatus,
        CreateAccountCustomer, PaymentMethodId,
    },
    billing::{BillingCustomer, BillingCustomerId, BillingCustomerPatch, CreateBillingCustomer},
    limits,
};

/// A source of choices: `below(n)` is a number in `0..n` (`n > 0`); `0` is the simplest
/// option, which an exhausted source keeps returning.
pub(crate) trait Choices {
    /// A number in `0..n`, or 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize;

    /// One of `options`, or `None` when it is empty.
    fn pick<'a, T>(&mut self, options: &'a [T]) -> Option<&'a T> {
        options.get(self.below(options.len()))
    }

    /// A number in `low..=high` (`low` when `high < low`).
    fn between(&mut self, low: usize, high: usize) -> usize {
        let span = high.saturating_sub(low).saturating_add(1);
        low.saturating_add(self.below(span))
    }

    /// `true` with probability 1/n (never when the source is exhausted).
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == n.saturating_sub(1) && n > 1
    }
}

/// Real names, many needing care: combining marks that survive NFC, right-to-left
/// scripts, apostrophes, hyphens, the middle dot, a letter apostrophe (U+02BC).
const NAMES: &[&str] = &[
    "Ada",
    "Adébáyọ̀",
    "O’Brien",
    "Ngũgĩ",
    "Nguyễn",
    "Jean-Luc",
    "محمد",
    "王",
    "प्रिया",
    "Zoë",
    "Łukasz",
    "Þórdís",
    "Χρήστος",
    "Søren",
    "'t Hooft",
    "Col·lell",
    "Ngũgĩ wa Thiong’o",
    "Oʻahu",
    "Žofia",
    "İbrahim",
    "Şükrü",
    "Nuñez",
    "Александр",
    "Ծովինար",
    "ნინო",
    "יעל",
    "김민준",
    "さくら",
    "สมชาย",
    "አበበ",
    "Chukwuemeka",
    "Nnamdi",
    "Aroha",
    "María José",
    "François",
    "Björk",
    "Dvořák",
    "Ólafur",
    "Ǹgozi",
    "Tāne",
];

/// Letter ranges of scripts (general category L*, stable under NFC, assigned since
/// Unicode 1.1-4.1), with how many letters a word of that script has.
const SCRIPTS: &[(u32, u32, usize, usize)] = &[
    (0x61, 0x7A, 2, 12),     // Latin a-z
    (0xE0, 0xF6, 2, 10),     // Latin-1 à-ö
    (0x101, 0x17F, 2, 10),   // Latin Extended-A
    (0x3B1, 0x3C9, 2, 10),   // Greek
    (0x430, 0x44F, 2, 12),   // Cyrillic
    (0x561, 0x586, 2, 10),   // Armenian
    (0x5D0, 0x5EA, 2, 8),    // Hebrew
    (0x628, 0x63A, 2, 8),    // Arabic
    (0x915, 0x939, 1, 6),    // Devanagari consonants
    (0xE01, 0xE2E, 2, 8),    // Thai consonants
    (0x10D0, 0x10F0, 2, 10), // Georgian
    (0x1200, 0x1248, 1, 5),  // Ethiopic
    (0x3041, 0x3094, 1, 5),  // Hiragana
    (0x4E00, 0x9FA5, 1, 3),  // CJK unified ideographs
    (0xAC00, 0xD7A3, 1, 4),  // Hangul syllables
];

/// Combining marks that may follow a Latin letter (acute, grave, tilde, dot below…).
const LATIN_MARKS: &[char] = &['\u{301}', '\u{300}', '\u{303}', '\u{323}', '\u{308}'];
/// Devanagari vowel signs (marks after a consonant).
const DEVANAGARI_SIGNS: &[char] = &['\u{93E}', '\u{93F}', '\u{940}', '\u{947}', '\u{94B}'];
/// What may join two words of a name.
const NAME_JOINERS: &[&str] = &[" ", "-", "’", "'", "\u{2010}"];

/// One word of `script`: letters, sometimes marks after them.
fn word(c: &mut impl Choices, (low, high, min, max): (u32, u32, usize, usize)) -> String {
    let mut out = String::new();
    for i in 0..c.between(min, max) {
        let span = usize::try_from(high.saturating_sub(low)).unwrap_or(0);
        let offset = u32::try_from(c.below(span.saturating_add(1))).unwrap_or(0);
        let letter = char::from_u32(low.saturating_add(offset)).unwrap_or('a');
        // Latin words start with a capital.
        if i == 0 && low < 0x250 {
            out.extend(letter.to_uppercase());
        } else {
            out.push(letter);
        }
        let marks: &[char] = match low {
            0x61 => LATIN_MARKS,
            0x915 => DEVANAGARI_SIGNS,
            _ => &[],
        };
        if !marks.is_empty() && c.one_in(4) {
            out.extend(c.pick(marks));
        }
    }
    out
}

/// A valid person name: a real one, or one to three words of one script.
pub(crate) fn person_name(c: &mut impl Choices) -> Option<PersonName> {
    let text = if c.below(3) == 0 {
        (*c.pick(NAMES)?).to_owned()
    } else {
        let script = *c.pick(SCRIPTS)?;
        let mut text = word(c, script);
        for _ in 0..c.below(3) {
            text.push_str(c.pick(NAME_JOINERS)?);
            text.push_str(&word(c, script));
        }
        text
    };
    PersonName::parse(&text).ok()
}

const LOCAL_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const LOCAL_SEPARATORS: &[char] = &['.', '_', '+', '-', '\'', '~', '=', '!', '#'];
const LABEL_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const SUFFIXES: &[&str] = &[
    "com",
    "ng",
    "co.uk",
    "io",
    "de",
    "fr",
    "com.br",
    "co.jp",
    "in",
    "ke",
    "co.za",
    "org",
    "xn--p1ai",
    "xn--fiqs8s",
    "museum",
    "example",
];

fn ascii_run(c: &mut impl Choices, alphabet: &[u8], min: usize, max: usize) -> String {
    (0..c.between(min, max))
        .map(|_| char::from(c.pick(alphabet).copied().unwrap_or(b'a')))
        .collect()
}

/// A valid email: a dot-atom local part (letters of both cases, digits, RFC 5322
/// specials between them) at a domain of one to three labels and a suffix.
pub(crate) fn email(c: &mut impl Choices) -> Option<Email> {
    let mut text = ascii_run(c, LOCAL_CHARS, 1, 12);
    for _ in 0..c.below(3) {
        text.push(*c.pick(LOCAL_SEPARATORS)?);
        text.push_str(&ascii_run(c, LOCAL_CHARS, 1, 8));
    }
    text.push('@');
    for _ in 0..c.between(1, 2) {
        text.push_str(&ascii_run(c, LABEL_CHARS, 1, 12));
        if c.one_in(4) {
            text.push('-');
            text.push_str(&ascii_run(c, LABEL_CHARS, 1, 6));
        }
        text.push('.');
    }
    text.push_str(c.pick(SUFFIXES)?);
    Email::parse(&text).ok()
}

/// An example number of some region, and that region (the number is valid for it).
pub(crate) fn phone_and_country(c: &mut impl Choices) -> Option<(PhoneNumber, Country)> {
    let (number, region) = c.pick(&PHONE_EXAMPLES)?;
    let country = Country::parse(std::str::from_utf8(region).ok()?).ok()?;
    let phone = PhoneNumber::parse(number).ok()?;
    phone.is_valid_for(country).then_some((phone, country))
}

/// A valid phone number: an example number of some region.
pub(crate) fn phone_number(c: &mut impl Choices) -> Option<PhoneNumber> {
    phone_and_country(c).map(|(phone, _)| phone)
}

/// A valid country: a region with example numbers (every ISO 3166-1 code libphonenumber
/// knows, and `XK`).
pub(crate) fn country(c: &mut impl Choices) -> Option<Country> {
    phone_and_country(c).map(|(_, country)| country)
}

const STREETS: &[&str] = &[
    "Marina",
    "Test Lane",
    "Main Street",
    "Rue de Rivoli",
    "Hauptstraße",
    "Calle Mayor",
    "Rua Augusta",
    "Ulica Długa",
    "Тверская улица",
    "شارع الحمراء",
    "銀座四丁目",
    "세종대로",
    "Moi Avenue",
    "Αθηνάς",
    "Allée des Érables",
    "Ngong Road",
];
const CITIES: &[&str] = &[
    "Lagos",
    "Nairobi",
    "London",
    "São Paulo",
    "München",
    "Kraków",
    "Москва",
    "القاهرة",
    "東京",
    "서울",
    "Αθήνα",
    "Zürich",
    "Reykjavík",
    "Montréal",
    "Mumbai",
    "Åland",
];
const UNITS: &[&str] = &["Suite", "Apt", "Unit", "Flat", "Floor", "c/o", "Bldg", "#"];

/// A valid address line, city or other component.
pub(crate) fn address_text(c: &mut impl Choices) -> Option<AddressText> {
    let text = match c.below(4) {
        0 => format!("{} {}", c.between(1, 9999), c.pick(STREETS)?),
        1 => (*c.pick(CITIES)?).to_owned(),
        2 => format!("{} {}", c.pick(UNITS)?, c.between(1, 999)),
        _ => {
            let script = *c.pick(SCRIPTS)?;
            format!("{}-{}", word(c, script), c.between(1, 99_999))
        }
    };
    AddressText::parse(&text).ok()
}

/// `None` half the time, else a component.
fn optional_text(c: &mut impl Choices) -> Option<Option<AddressText>> {
    if c.below(2) == 0 {
        Some(None)
    } else {
        address_text(c).map(Some)
    }
}

/// A valid billing address in `country`.
pub(crate) fn billing_address_in(c: &mut impl Choices, country: Country) -> Option<BillingAddress> {
    let line1 = format!("{} {}", c.between(1, 9999), c.pick(STREETS)?);
    let zip = ascii_run(c, b"0123456789", 3, 6);
    Some(BillingAddress::new(
        AddressText::parse(&line1).ok()?,
        optional_text(c)?,
        AddressText::parse(c.pick(CITIES)?).ok()?,
        optional_text(c)?,
        if c.below(2) == 0 {
            None
        } else {
            Some(AddressText::parse(&zip).ok()?)
        },
        country,
    ))
}

/// A valid billing address.
pub(crate) fn billing_address(c: &mut impl Choices) -> Option<BillingAddress> {
    let country = country(c)?;
    billing_address_in(c, country)
}

/// A customer id: a random (version 4) UUID.
pub(crate) fn customer_id(c: &mut impl Choices) -> Option<CustomerId> {
    let mut hex = String::with_capacity(36);
    for i in 0..32usize {
        if matches!(i, 8 | 12 | 16 | 20) {
            hex.push('-');
        }
        let digit = match i {
            12 => 4,
            16 => c.between(8, 11),
            _ => c.below(16),
        };
        hex.push(char::from_digit(u32::try_from(digit).ok()?, 16)?);
    }
    CustomerId::parse(&hex).ok()
}

/// A valid timestamp: mostly 1970-2100, sometimes any year 0000-9999; whole seconds or
/// milli-, micro- or nanoseconds; written in UTC or with an offset (stored in UTC).
pub(crate) fn timestamp(c: &mut impl Choices) -> Option<Timestamp> {
    let year = if c.one_in(8) {
        c.below(10_000)
    } else {
        c.between(1970, 2100)
    };
    let mut text = format!(
        "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        c.between(1, 12),
        c.between(1, 28),
        c.below(24),
        c.below(60),
        c.below(60)
    );
    match c.below(4) {
        0 => {}
        1 => text.push_str(&format!(".{:03}", c.below(1000))),
        2 => text.push_str(&format!(".{:06}", c.below(1_000_000))),
        _ => text.push_str(&format!(".{:09}", c.below(1_000_000_000))),
    }
    if c.below(3) == 0 {
        let sign = if c.below(2) == 0 { '+' } else { '-' };
        text.push_str(&format!(
            "{sign}{:02}:{:02}",
            c.below(15),
            c.pick(&[0, 30, 45])?
        ));
    } else {
        text.push('Z');
    }
    // An offset can carry year 0000 or 9999 out of range: fall back to the UTC reading.
    Timestamp::parse(&text)
        .ok()
        .or_else(|| Timestamp::parse(&format!("{}Z", text.get(..19)?)).ok())
}

/// A valid create-customer request: the phone number is an example number of the
/// billing country.
pub(crate) fn create_customer(c: &mut impl Choices) -> Option<CreateCustomer> {
    let first_name = person_name(c)?;
    let last_name = person_name(c)?;
    let email = email(c)?;
    let (phone, country) = phone_and_country(c)?;
    let address = billing_address_in(c, country)?;
    CreateCustomer::new(first_name, last_name, email, phone, address).ok()
}

/// A valid customer, created at a generated instant.
pub(crate) fn customer(c: &mut impl Choices) -> Option<Customer> {
    let id = customer_id(c)?;
    let request = create_customer(c)?;
    let now = timestamp(c)?;
    Some(Customer::new(id, request, now))
}

// Spec 002 (billing) and spec 003 (account).

/// Full names and business names as people write them: `&`, periods, digits, quotes,
/// symbols between words, several scripts.
const FULL_NAMES: &[&str] = &[
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
const BUSINESS_SUFFIXES: &[&str] = &[
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
const NAME_SYMBOLS: &[&str] = &["☕", "🚀", "★", "™", "®", "№", "€", "+", "@", "#", "·"];

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
const REFERENCE_CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-_/#.:";

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
const COMMON_CURRENCIES: &[&str] = &[
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
fn any_i64(c: &mut impl Choices) -> i64 {
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
const METADATA_KEYS: &[&str] = &[
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
const METADATA_VALUES: &[&str] = &[
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
fn metadata_key(c: &mut impl Choices) -> Option<String> {
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
fn metadata_value(c: &mut impl Choices) -> Option<String> {
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
const JSON_OBJECTS: &[&str] = &[
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
const JSON_NUMBERS: &[&str] = &[
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
const JSON_BYTE_BUDGET: usize = limits::JSON_OBJECT_MAX_BYTES - 1024;

/// One JSON value at `depth` (the enclosing object is 1), within the members' and bytes'
/// budgets.
fn json_value(c: &mut impl Choices, out: &mut String, depth: usize, members: &mut usize) {
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
fn json_object_into(c: &mut impl Choices, out: &mut String, depth: usize, members: &mut usize) {
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
fn random_bytes(c: &mut impl Choices) -> [u8; 10] {
    let mut bytes = [0u8; 10];
    for b in &mut bytes {
        *b = u8::try_from(c.below(256)).unwrap_or(0);
    }
    bytes
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE32: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A billing id made at `now` as a service makes them, or (a quarter of the time, and for
/// times before 1970) 21 random base62 characters, as imported ids are.
fn billing_customer_id_at(c: &mut impl Choices, now: Timestamp) -> Option<BillingCustomerId> {
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

/// A TypeID suffix: 26 base32 characters, the first at most `7` (128 bits).
fn typeid_suffix(c: &mut impl Choices) -> String {
    let mut suffix = ascii_run(c, b"01234567", 1, 1);
    suffix.push_str(&ascii_run(c, BASE32, 25, 25));
    suffix
}

/// An account id made at `now` (a UUIDv7), or (a quarter of the time, and for times
/// before 1970) any 128-bit value, as spec 003's own example is.
fn account_customer_id_at(c: &mut impl Choices, now: Timestamp) -> Option<AccountCustomerId> {
    if c.below(4) != 0
        && let Ok(id) = AccountCustomerId::new(now, random_bytes(c))
    {
        return Some(id);
    }
    let text = format!("{}_{}", AccountCustomerId::PREFIX, typeid_suffix(c));
    AccountCustomerId::parse(&text).ok()
}

/// A valid account customer id (TypeID `cus_…`).
pub(crate) fn account_customer_id(c: &mut impl Choices) -> Option<AccountCustomerId> {
    let now = timestamp(c)?;
    account_customer_id_at(c, now)
}

/// A valid payment method id: a TypeID with a common or generated prefix.
pub(crate) fn payment_method_id(c: &mut impl Choices) -> Option<PaymentMethodId> {
    let prefix = if c.below(2) == 0 {
        (*c.pick(&[
            "card",
            "momo",
            "mpesa",
            "bank_account",
            "pm",
            "sepa_debit",
            "wallet",
        ])?)
        .to_owned()
    } else {
        let mut prefix = ascii_run(c, b"abcdefghijklmnopqrstuvwxyz", 1, 12);
        if c.one_in(4) {
            prefix.push('_');
            prefix.push_str(&ascii_run(c, b"abcdefghijklmnopqrstuvwxyz", 1, 12));
        }
        prefix
    };
    PaymentMethodId::parse(&format!("{prefix}_{}", typeid_suffix(c))).ok()
}

/// A valid account status.
pub(crate) fn account_status(c: &mut impl Choices) -> Option<AccountStatus> {
    AccountStatus::parse(c.pick(&["active", "inactive", "suspended"])?).ok()
}

/// A city (a known one or any address text) in `country`.
fn account_address_in(c: &mut impl Choices, country: Country) -> Option<AccountAddress> {
    let city = if c.below(2) == 0 {
        AddressText::parse(c.pick(CITIES)?).ok()?
    } else {
        address_text(c)?
    };
    Some(AccountAddress::new(city, country))
}

/// A valid account address.
pub(crate) fn account_address(c: &mut impl Choices) -> Option<AccountAddress> {
    let country = country(c)?;
    account_address_in(c, country)
}

/// JSON text of a member value.
fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
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

/// Two times in order: the same half the time (a customer never updated).
fn created_and_updated(c: &mut impl Choices) -> Option<(Timestamp, Timestamp)> {
    let created = timestamp(c)?;
    if c.below(2) == 0 {
        return Some((created, created));
    }
    let other = timestamp(c)?;
    Some((created.min(other), created.max(other)))
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

/// A valid account create-customer request, read by
/// [`CreateAccountCustomer::from_json`]: every optional field present or absent, the
/// phone an example number of the address country when both are given, any status,
/// custom data of every JSON shape.
pub(crate) fn create_account_customer(c: &mut impl Choices) -> Option<CreateAccountCustomer> {
    let name = full_name(c)?;
    let email = email(c)?;
    let (phone, address) = match c.below(4) {
        0 => (None, None),
        1 => (Some(phone_number(c)?), None),
        2 => (None, Some(account_address(c)?)),
        _ => {
            let (phone, country) = phone_and_country(c)?;
            (Some(phone), Some(account_address_in(c, country)?))
        }
    };
    let payment_method = if c.below(2) == 0 {
        None
    } else {
        Some(payment_method_id(c)?)
    };
    let status = if c.below(4) == 0 {
        None
    } else {
        Some(account_status(c)?)
    };
    let custom_data = if c.below(2) == 0 {
        None
    } else {
        Some(json_object(c)?)
    };
    let mut body = format!("{{\"name\":{},\"email\":{}", json(&name)?, json(&email)?);
    if let Some(phone) = phone {
        body.push_str(&format!(",\"phone\":{}", json(&phone)?));
    }
    if let Some(address) = address {
        body.push_str(&format!(",\"address\":{}", json(&address)?));
    }
    if let Some(payment_method) = payment_method {
        body.push_str(&format!(",\"payment_method\":{}", json(&payment_method)?));
    }
    if let Some(status) = status {
        body.push_str(&format!(",\"status\":{}", json(&status)?));
    }
    if let Some(custom_data) = custom_data {
        body.push_str(&format!(",\"custom_data\":{}", custom_data.as_str()));
    }
    body.push('}');
    CreateAccountCustomer::from_json(body.as_bytes()).ok()
}

/// A valid account customer: a UUIDv7 id of its creation time (or any TypeID), and half
/// the time an `updated_at` later than `created_at` (through an empty
/// [`AccountCustomerPatch`]); times to the millisecond, as spec 003 keeps them.
pub(crate) fn account_customer(c: &mut impl Choices) -> Option<AccountCustomer> {
    let (created, updated) = created_and_updated(c)?;
    let id = account_customer_id_at(c, created)?;
    let request = create_account_customer(c)?;
    let customer = AccountCustomer::new(id, request, created);
    if updated == created {
        return Some(customer);
    }
    AccountCustomerPatch::default()
        .apply(&customer, updated)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Choices from a small linear congruential sequence (tests only).
    struct Lcg(u64);

    impl Choices for Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            if n == 0 {
                0
            } else {
                (self.0 >> 33) as usize % n
            }
        }
    }

    /// Always the first option.
    struct Zero;

    impl Choices for Zero {
        fn below(&mut self, _: usize) -> usize {
            0
        }
    }

    #[test]
    fn every_example_number_is_valid_for_its_region() {
        for (number, region) in &PHONE_EXAMPLES {
            let country = Country::parse(std::str::from_utf8(region).unwrap())
                .unwrap_or_else(|e| panic!("{region:?}: {e}"));
            let phone = PhoneNumber::parse(number).unwrap_or_else(|e| panic!("{number}: {e}"));
            assert!(phone.is_valid_for(country), "{number} for {country:?}");
        }
    }

    #[test]
    fn exhausted_choices_still_build_every_value() {
        assert!(create_customer(&mut Zero).is_some());
        assert!(customer(&mut Zero).is_some());
        assert_eq!(person_name(&mut Zero).unwrap().as_str(), "Ada");
        assert!(timestamp(&mut Zero).is_some());
        assert!(customer_id(&mut Zero).is_some());
        assert_eq!(full_name(&mut Zero).unwrap().as_str(), "John Doe");
        assert_eq!(currency(&mut Zero).unwrap().as_str(), "ZAR");
        assert!(metadata(&mut Zero).unwrap().is_empty());
        let request = create_billing_customer(&mut Zero).unwrap();
        assert_eq!((request.reference(), request.balance()), (None, None));
        assert!(billing_customer(&mut Zero).is_some());
        let request = create_account_customer(&mut Zero).unwrap();
        assert!(request.phone().is_none() && request.custom_data().is_none());
        assert!(account_customer(&mut Zero).is_some());
        assert!(billing_customer_id(&mut Zero).is_some());
        assert!(account_customer_id(&mut Zero).is_some());
        assert!(payment_method_id(&mut Zero).is_some());
        assert!(json_object(&mut Zero).is_some());
        assert!(reference(&mut Zero).is_some());
    }

    /// The currency list is the active ISO 4217 table: about 150 codes, every minor
    /// unit the rules allow, the common ones among them.
    #[test]
    fn currency_list_is_the_accepted_codes() {
        let all = currencies();
        assert!(all.len() > 140, "{}", all.len());
        for code in COMMON_CURRENCIES.iter().chain(&["VES", "CLF", "BHD"]) {
            assert!(all.iter().any(|c| c.as_str() == *code), "{code}");
        }
        assert!(!all.iter().any(|c| c.as_str() == "XXX"));
    }

    /// Spec 002 and 003 values: always built, and spread over what the rules allow.
    #[test]
    fn profile_generators_always_succeed_and_vary() {
        let mut c = Lcg(11);
        let (mut with_balance, mut currency_only, mut no_money) = (0, 0, 0);
        let (mut most_keys, mut full_metadata, mut updated_later) = (0, 0, 0);
        let (mut both, mut phone_only, mut address_only, mut neither) = (0, 0, 0, 0);
        let (mut custom_data, mut long_names, mut minor_units) = (0, 0, [0; 5]);
        let mut balances = std::collections::HashSet::new();
        for _ in 0..2000 {
            let b = billing_customer(&mut c).expect("a valid billing customer");
            let f = b.fields();
            match (f.currency(), f.balance()) {
                (Some(_), Some(balance)) => {
                    with_balance += 1;
                    balances.insert(balance);
                }
                (Some(_), None) => currency_only += 1,
                (None, None) => no_money += 1,
                (None, Some(_)) => panic!("a balance without a currency"),
            }
            if let Some(currency) = f.currency() {
                minor_units[usize::from(currency.minor_units())] += 1;
            }
            most_keys = most_keys.max(f.metadata().len());
            full_metadata += usize::from(f.metadata().len() == limits::METADATA_MAX_KEYS);
            updated_later += usize::from(b.updated_at() > b.created_at());
            long_names += usize::from(f.name().as_str().chars().count() >= 200);
            let a = account_customer(&mut c).expect("a valid account customer");
            let f = a.fields();
            match (f.phone(), f.address()) {
                (Some(phone), Some(address)) => {
                    assert!(phone.is_valid_for(address.country()));
                    both += 1;
                }
                (Some(_), None) => phone_only += 1,
                (None, Some(_)) => address_only += 1,
                (None, None) => neither += 1,
            }
            custom_data += usize::from(f.custom_data().is_some());
            updated_later += usize::from(a.updated_at() > a.created_at());
        }
        for (what, n) in [
            ("balances", with_balance),
            ("currencies without balance", currency_only),
            ("no currency", no_money),
            ("full metadata", full_metadata),
            ("phone and address", both),
            ("phone only", phone_only),
            ("address only", address_only),
            ("neither", neither),
            ("custom data", custom_data),
            ("long names", long_names),
            ("updated later", updated_later),
        ] {
            assert!(n > 20, "{n} {what}");
        }
        assert_eq!(most_keys, limits::METADATA_MAX_KEYS);
        assert!(balances.len() > 300, "{} balances", balances.len());
        assert!(
            minor_units[0] > 0 && minor_units[2] > 0 && minor_units[3] > 0,
            "{minor_units:?}"
        );
    }

    /// Every kind of JSON object and metadata the generators make is within the limits
    /// and reads back through the request that carries it.
    #[test]
    fn json_objects_and_metadata_stay_within_limits() {
        let mut c = Lcg(3);
        let mut deepest = 0;
        for _ in 0..3000 {
            let object = json_object(&mut c).expect("a valid JSON object");
            let depth = object
                .as_str()
                .chars()
                .scan(0i32, |d, ch| {
                    match ch {
                        '{' | '[' => *d += 1,
                        '}' | ']' => *d -= 1,
                        _ => {}
                    }
                    Some(*d)
                })
                .max()
                .unwrap_or(0);
            deepest = deepest.max(depth);
            let body = format!(
                r#"{{"name":"A","email":"a@b.io","custom_data":{}}}"#,
                object.as_str()
            );
            let request = CreateAccountCustomer::from_json(body.as_bytes()).unwrap();
            assert_eq!(request.custom_data(), Some(&object));
            metadata(&mut c).expect("valid metadata");
        }
        assert!(deepest >= 4, "deepest {deepest}");
    }

    #[test]
    fn generators_always_succeed_and_vary() {
        let mut c = Lcg(7);
        let mut regions = std::collections::HashSet::new();
        let mut non_latin = 0;
        for _ in 0..5000 {
            let name = person_name(&mut c).expect("a valid name");
            non_latin += usize::from(!name.as_str().is_ascii());
            email(&mut c).expect("a valid email");
            address_text(&mut c).expect("a valid address text");
            timestamp(&mut c).expect("a valid timestamp");
            customer_id(&mut c).expect("a valid id");
            let customer = customer(&mut c).expect("a valid customer");
            regions.insert(customer.billing_address().country());
        }
        assert!(non_latin > 2500, "{non_latin} names outside ASCII");
        assert!(regions.len() > 200, "{} billing countries", regions.len());
    }
}
