//! The one strategy of arbitrary JSON values, for fingerprints, custom data and merge
//! patches.

use proptest::prelude::*;
use serde_json::{Map, Value};

/// JSON values up to `depth` levels of arrays and objects, whose object keys match
/// `keys` (a regex: a small alphabet makes keys collide, as merge patches need). Leaves
/// are null, booleans, integers, floats and short strings with quotes, backslashes,
/// JSON punctuation, an accented letter and an emoji.
pub fn json_value(depth: u32, keys: &'static str) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        "[ -~é\u{1F600},:{}\\[\\]\"\\\\]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}
