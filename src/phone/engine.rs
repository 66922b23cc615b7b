//! The numbering-plan engine behind [`crate::phone`]: validity, region and number type
//! of a strict E.164 number.
//!
//! This is the interim engine, backed by the `phonenumber` crate's runtime metadata and
//! regexes. It inherits that crate's known departures from libphonenumber (patterns
//! anchored only at the start, its issue #31). The interface below is what the phone
//! module relies on; a table-driven engine can replace this file without touching it.

use phonenumber::metadata::{DATABASE, Descriptor, Metadata};

use super::NumberType;

/// What the engine knows about a valid number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lookup {
    /// The country calling code, e.g. 234.
    pub(crate) calling_code: u16,
    /// The libphonenumber region (`"NG"`), or `None` for non-geographic numbers (`001`).
    pub(crate) region: Option<[u8; 2]>,
    /// The number's type under its region's metadata.
    pub(crate) number_type: NumberType,
}

/// Grows the crate's shared regex cache (100 entries by default) once, so numbers from
/// many countries stop evicting and recompiling each other's patterns (measured: about
/// 5 ms per record on a 70-country file before, microseconds after).
fn warm_cache() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(mut cache) = DATABASE.cache().lock() {
            cache.set_capacity(20_000);
        }
    });
}

/// Splits E.164 digits (no `+`) into calling code and national number.
fn split(digits: &str) -> Option<(u16, &str, Vec<&'static str>)> {
    for len in 1..=3 {
        let (cc, national) = (digits.get(..len)?, digits.get(len..)?);
        let Ok(code) = cc.parse::<u16>() else {
            return None;
        };
        if let Some(regions) = DATABASE.region(&code) {
            let regions: Vec<&'static str> = regions;
            return Some((code, national, regions));
        }
    }
    None
}

fn matches(desc: Option<&Descriptor>, national: &str) -> bool {
    desc.is_some_and(|d| d.is_match(national))
}

/// libphonenumber's `getNumberTypeHelper`.
fn number_type(meta: &Metadata, national: &str) -> NumberType {
    let d = meta.descriptors();
    if !d.general().is_match(national) {
        return NumberType::Unknown;
    }
    if matches(d.premium_rate(), national) {
        return NumberType::PremiumRate;
    }
    if matches(d.toll_free(), national) {
        return NumberType::TollFree;
    }
    if matches(d.shared_cost(), national) {
        return NumberType::SharedCost;
    }
    if matches(d.voip(), national) {
        return NumberType::Voip;
    }
    if matches(d.personal_number(), national) {
        return NumberType::PersonalNumber;
    }
    if matches(d.pager(), national) {
        return NumberType::Pager;
    }
    if matches(d.uan(), national) {
        return NumberType::Uan;
    }
    if matches(d.voicemail(), national) {
        return NumberType::Voicemail;
    }
    if matches(d.fixed_line(), national) {
        if matches(d.mobile(), national) {
            return NumberType::FixedLineOrMobile;
        }
        return NumberType::FixedLine;
    }
    if matches(d.mobile(), national) {
        return NumberType::Mobile;
    }
    NumberType::Unknown
}

fn region_bytes(id: &str) -> Option<[u8; 2]> {
    match *id.as_bytes() {
        [a, b] => Some([a, b]),
        _ => None,
    }
}

/// Validity, region and type of `digits` (E.164 without `+`), or `None` when the number is
/// not valid (libphonenumber `isValidNumber` is false).
pub(crate) fn lookup(digits: &str) -> Option<Lookup> {
    warm_cache();
    let (calling_code, national, regions) = split(digits)?;
    // libphonenumber getRegionCodeForNumberFromRegionList.
    let meta = if regions.len() == 1 {
        let id = regions.first()?;
        if *id == "001" {
            DATABASE.by_code(&calling_code)?.into_iter().next()?
        } else {
            DATABASE.by_id(*id)?
        }
    } else {
        regions
            .iter()
            .filter_map(|id| DATABASE.by_id(*id))
            .find(|meta| match meta.leading_digits() {
                Some(re) => re.find(national).is_some_and(|m| m.start() == 0),
                None => number_type(meta, national) != NumberType::Unknown,
            })?
    };
    let number_type = number_type(meta, national);
    if number_type == NumberType::Unknown {
        return None;
    }
    Some(Lookup {
        calling_code,
        region: region_bytes(meta.id()),
        number_type,
    })
}

/// libphonenumber `isValidNumberForRegion`: the region's calling code must be the
/// number's, then the number must match one of the region's type patterns.
pub(crate) fn is_valid_for_region(digits: &str, region: [u8; 2]) -> bool {
    warm_cache();
    let Ok(id) = std::str::from_utf8(&region) else {
        return false;
    };
    let Some(meta) = DATABASE.by_id(id) else {
        return false;
    };
    let Some((calling_code, national, _)) = split(digits) else {
        return false;
    };
    meta.country_code() == calling_code && number_type(meta, national) != NumberType::Unknown
}
