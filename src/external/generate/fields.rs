//! The Juice field values (specs 000 and 001), shared by every profile.

use super::*;

/// Real names, many needing care: combining marks that survive NFC, right-to-left
/// scripts, apostrophes, hyphens, the middle dot, a letter apostrophe (U+02BC).
pub(super) const NAMES: &[&str] = &[
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
pub(super) const SCRIPTS: &[(u32, u32, usize, usize)] = &[
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
pub(super) const LATIN_MARKS: &[char] = &['\u{301}', '\u{300}', '\u{303}', '\u{323}', '\u{308}'];
/// Devanagari vowel signs (marks after a consonant).
pub(super) const DEVANAGARI_SIGNS: &[char] =
    &['\u{93E}', '\u{93F}', '\u{940}', '\u{947}', '\u{94B}'];
/// What may join two words of a name.
pub(super) const NAME_JOINERS: &[&str] = &[" ", "-", "’", "'", "\u{2010}"];

/// One word of `script`: letters, sometimes marks after them.
pub(super) fn word(
    c: &mut impl Choices,
    (low, high, min, max): (u32, u32, usize, usize),
) -> String {
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

pub(super) const LOCAL_CHARS: &[u8] =
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
pub(super) const LOCAL_SEPARATORS: &[char] = &['.', '_', '+', '-', '\'', '~', '=', '!', '#'];
pub(super) const LABEL_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
pub(super) const SUFFIXES: &[&str] = &[
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

pub(super) fn ascii_run(c: &mut impl Choices, alphabet: &[u8], min: usize, max: usize) -> String {
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

pub(super) const STREETS: &[&str] = &[
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
pub(super) const CITIES: &[&str] = &[
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
pub(super) const UNITS: &[&str] = &["Suite", "Apt", "Unit", "Flat", "Floor", "c/o", "Bldg", "#"];

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
pub(super) fn optional_text(c: &mut impl Choices) -> Option<Option<AddressText>> {
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
