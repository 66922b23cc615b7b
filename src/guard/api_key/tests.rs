//! Unit tests of `api_key`.

use super::*;

const SEED_KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

#[test]
fn prefixes_give_kind_and_mode() {
    let body = "4eC39HqLyjWDarjtT1zdp7dc";
    for (prefix, kind, mode) in [
        ("sk_test_", KeyKind::Secret, KeyMode::Test),
        ("sk_live_", KeyKind::Secret, KeyMode::Live),
        ("sk_", KeyKind::Secret, KeyMode::Live),
        ("pk_test_", KeyKind::Publishable, KeyMode::Test),
        ("pk_live_", KeyKind::Publishable, KeyMode::Live),
        ("pk_", KeyKind::Publishable, KeyMode::Live),
    ] {
        let key = ApiKey::parse(&format!("{prefix}{body}"), KeyFormat::Plain).unwrap();
        assert_eq!((key.kind(), key.mode(), key.prefix()), (kind, mode, prefix));
    }
    // `sk_testX…` is a live key whose body starts with "testX".
    let key = ApiKey::parse("sk_testX4eC39HqLyjWDarjtT1", KeyFormat::Plain).unwrap();
    assert_eq!(key.mode(), KeyMode::Live);
}

#[test]
fn body_bounds_and_alphabet() {
    let p = |s: &str| ApiKey::parse(s, KeyFormat::Plain);
    assert_eq!(p("sk_test_123456789012345"), Err(ApiKeyError::TooShort));
    assert!(p("sk_test_1234567890123456").is_ok());
    assert!(p(&format!("sk_live_{}", "a".repeat(MAX_BODY_CHARS))).is_ok());
    assert_eq!(
        p(&format!("sk_live_{}", "a".repeat(MAX_BODY_CHARS + 1))),
        Err(ApiKeyError::TooLong)
    );
    assert_eq!(
        p("sk_test_4eC39HqLy-WDarjtT1zdp7dc"),
        Err(ApiKeyError::InvalidCharacter { position: 18 })
    );
    assert_eq!(
        p("rk_test_4eC39HqLyjWDarjtT1zdp7dc"),
        Err(ApiKeyError::UnknownPrefix)
    );
    assert_eq!(
        p("SK_TEST_4eC39HqLyjWDarjtT1zdp7dc"),
        Err(ApiKeyError::UnknownPrefix)
    );
    assert_eq!(p(""), Err(ApiKeyError::UnknownPrefix));
}

#[test]
fn generated_keys_carry_a_checksum_that_catches_typos() {
    let key = ApiKey::generate(KeyKind::Publishable, KeyMode::Test, &[0xA5; 32]);
    let text = key.expose_secret().to_owned();
    assert_eq!(text.len(), "pk_test_".len() + GENERATED_BODY_CHARS);
    assert_eq!(
        ApiKey::parse(&text, KeyFormat::Checksummed),
        Ok(key.clone())
    );
    // Every single-character substitution in the body fails the checksum.
    for i in "pk_test_".len()..text.len() {
        let mut bytes = text.clone().into_bytes();
        bytes[i] = if bytes[i] == b'a' { b'b' } else { b'a' };
        let typo = String::from_utf8(bytes).unwrap();
        assert_eq!(
            ApiKey::parse(&typo, KeyFormat::Checksummed),
            Err(ApiKeyError::Checksum),
            "{i}"
        );
    }
    // A changed prefix fails too; a truncated key as well.
    let live = text.replacen("pk_test_", "pk_live_", 1);
    assert_eq!(
        ApiKey::parse(&live, KeyFormat::Checksummed),
        Err(ApiKeyError::Checksum)
    );
    assert!(ApiKey::parse(&text[..text.len() - 1], KeyFormat::Checksummed).is_err());
    // All zeros and all ones encode to fixed-width bodies.
    let zero = ApiKey::generate(KeyKind::Secret, KeyMode::Live, &[0; 32]);
    assert!(
        zero.expose_secret()
            .starts_with(&format!("sk_live_{}", "0".repeat(43)))
    );
    let ones = ApiKey::generate(KeyKind::Secret, KeyMode::Live, &[0xff; 32]);
    assert_eq!(ones.expose_secret().len(), 8 + GENERATED_BODY_CHARS);
    assert!(ApiKey::parse(ones.expose_secret(), KeyFormat::Checksummed).is_ok());
}

#[test]
fn base62_matches_a_big_integer_reference() {
    // 2^256 - 1 in base 62, computed independently (Python: numpy-free long division).
    let ones = ApiKey::generate(KeyKind::Secret, KeyMode::Live, &[0xff; 32]);
    let body = &ones.expose_secret()[8..8 + 43];
    let mut value: Vec<u32> = vec![0; 9]; // base 2^32 little-endian
    for c in body.bytes() {
        let d = BASE62.iter().position(|b| *b == c).unwrap() as u64;
        let mut carry = d;
        for limb in value.iter_mut() {
            let v = u64::from(*limb) * 62 + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
    }
    assert_eq!(&value[..8], &[u32::MAX; 8]);
    assert_eq!(value[8], 0);
}

#[test]
fn crc32_is_the_ieee_polynomial() {
    // The standard check value of CRC-32/ISO-HDLC.
    assert_eq!(crc32fast::hash(b"123456789"), 0xCBF4_3926);
    assert_eq!(&base62_checksum(b""), b"000000");
}

#[test]
fn authorization_header_grammar() {
    let ok = |h: &[u8]| ApiKey::from_authorization(Some(h), KeyFormat::Plain);
    let key = format!("Bearer {SEED_KEY}");
    assert!(ok(key.as_bytes()).is_ok());
    assert!(ok(format!("BEARER  {SEED_KEY}").as_bytes()).is_ok());
    assert!(ok(format!(" bEaReR {SEED_KEY} ").as_bytes()).is_ok());
    assert_eq!(ok(b"Bearer"), Err(AuthError::Malformed));
    assert_eq!(ok(b"Bearer "), Err(AuthError::Malformed));
    assert_eq!(
        ok(format!("Bearer\t{SEED_KEY}").as_bytes()),
        Err(AuthError::UnsupportedScheme)
    );
    assert_eq!(
        ok(format!("Bearer \t{SEED_KEY}").as_bytes()),
        Err(AuthError::Malformed)
    );
    assert_eq!(
        ok(format!("Bearer {SEED_KEY} x").as_bytes()),
        Err(AuthError::Malformed)
    );
    assert_eq!(
        ok(format!("Bearer {SEED_KEY},").as_bytes()),
        Err(AuthError::InvalidKey(ApiKeyError::InvalidCharacter {
            position: 33
        }))
    );
    assert_eq!(ok(SEED_KEY.as_bytes()), Err(AuthError::UnsupportedScheme));
    assert_eq!(
        ok(format!("Token {SEED_KEY}").as_bytes()),
        Err(AuthError::UnsupportedScheme)
    );
    assert_eq!(ok(b""), Err(AuthError::Missing));
    assert_eq!(ok(b"Bearer \xff\xfe"), Err(AuthError::Malformed));
    assert_eq!(
        ApiKey::from_authorization(None, KeyFormat::Plain),
        Err(AuthError::Missing)
    );
}

#[test]
fn statuses_and_challenges() {
    let forbidden = AuthError::Forbidden {
        kind: KeyKind::Publishable,
        operation: Operation::ListCustomers,
    };
    assert_eq!(forbidden.status(), 403);
    assert_eq!(
        forbidden.www_authenticate("a \"b\" \\c\n"),
        r#"Bearer realm="a \"b\" \\c", error="insufficient_scope""#
    );
    assert_eq!(
        forbidden.to_string(),
        "a publishable key may not list customers; use a secret key"
    );
    assert_eq!(AuthError::Missing.bearer_error(), None);
    assert_eq!(
        AuthError::UnsupportedScheme.www_authenticate("r"),
        r#"Bearer realm="r""#
    );
    let body = serde_json::to_value(AuthError::UnknownKey.problem()).unwrap();
    assert_eq!(body["status"], 401);
    assert_eq!(body["code"], "invalid_api_key");
    assert!(body.get("violated-policies").is_none());
}

#[test]
fn digest_is_peppered_and_verified() {
    let pepper = KeyPepper::new(&[1; 32]).unwrap();
    let other = KeyPepper::new(&[2; 32]).unwrap();
    let key = ApiKey::parse(SEED_KEY, KeyFormat::Plain).unwrap();
    let d = key.digest(&pepper);
    assert!(key.verify_digest(&pepper, d.as_bytes()));
    assert!(!key.verify_digest(&other, d.as_bytes()));
    assert!(!key.verify_digest(&pepper, &d.as_bytes()[..31]));
    let json = serde_json::to_string(&d).unwrap();
    let back: KeyDigest = serde_json::from_str(&json).unwrap();
    assert_eq!(back.as_bytes(), d.as_bytes());
    assert!(KeyPepper::new(&[1; 31]).is_err());
    assert_eq!(format!("{pepper:?}"), "KeyPepper(<redacted>)");
}
