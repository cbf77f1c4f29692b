//! Malformed plans: each gives its stable error code and the path of the offending field.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::Plan;
use serde_json::{json, Value};

/// A small valid plan to break one field at a time.
fn valid() -> Value {
    json!({
        "schema": 1,
        "id": "t",
        "title": {"zh-CN": "测试", "en": "Test"},
        "periods": [{"id": "2023", "label": {"zh-CN": "2023年", "en": "2023"}}],
        "series": [
            {"id": "fai", "label": {"zh-CN": "固定资产投资", "en": "FAI"}, "values": {"2023": "100"}},
            {"id": "ind", "label": {"zh-CN": "工业投资", "en": "Industrial"}, "values": {"2023": "30"}}
        ],
        "targets": [{
            "id": "s", "label": {"zh-CN": "占比", "en": "Share"},
            "indicator": {"kind": "share", "part": "ind", "whole": "fai"},
            "period": "2023", "cmp": ">=", "value": "30"
        }]
    })
}

/// `valid()` with the value at a JSON pointer replaced (or removed, for `None`).
fn with(pointer: &str, value: Option<Value>) -> Value {
    let mut doc = valid();
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => match value {
            Some(v) => {
                map.insert(key.to_owned(), v);
            }
            None => {
                map.remove(key);
            }
        },
        Some(Value::Array(items)) => {
            let i: usize = key.parse().unwrap_or(0);
            if let (Some(slot), Some(v)) = (items.get_mut(i), value) {
                *slot = v;
            }
        }
        _ => panic!("no parent at {pointer}"),
    }
    doc
}

fn outcome(doc: &Value) -> Result<(), (&'static str, String)> {
    Plan::from_value(doc).map(|_| ()).map_err(|e| (e.code(), e.path().to_owned()))
}

#[test]
fn the_base_plan_is_valid() {
    assert_eq!(outcome(&valid()), Ok(()));
}

#[test]
fn text_that_is_not_json() {
    for text in ["", "{", "{\"schema\": 1,}", "plan", "[1, 2"] {
        let got = Plan::from_json(text).map(|_| ()).map_err(|e| e.code());
        assert_eq!(got, Err("json.syntax"), "text {text:?}");
    }
}

#[test]
fn malformed_plans_give_their_codes_and_paths() {
    let v = |x: Value| Some(x);
    for (pointer, value, code, path) in [
        ("/schema", None, "plan.schema", "schema"),
        ("/schema", v(json!(2)), "plan.schema", "schema"),
        ("/schema", v(json!("1")), "plan.schema", "schema"),
        ("/id", None, "field.missing", "id"),
        ("/id", v(json!("")), "field.invalid", "id"),
        ("/id", v(json!(7)), "field.type", "id"),
        ("/title", None, "field.missing", "title"),
        ("/title/en", None, "field.missing", "title.en"),
        ("/periods", v(json!([])), "plan.empty", "periods"),
        ("/periods", v(json!("2023")), "field.type", "periods"),
        ("/series", v(json!([])), "plan.empty", "series"),
        ("/series/1/id", v(json!("fai")), "id.duplicate", "series[1].id"),
        ("/series/0/values/2023", v(json!("abc")), "number.invalid", "series[0].values.2023"),
        ("/series/0/values/2023", v(json!("NaN")), "number.not_finite", "series[0].values.2023"),
        ("/series/0/values/2023", v(json!("Infinity")), "number.not_finite", "series[0].values.2023"),
        (
            "/series/0/values/2023",
            v(json!("99999999999999999999999999999999")),
            "number.out_of_range",
            "series[0].values.2023",
        ),
        ("/series/0/values/2023", v(json!("-1")), "number.negative", "series[0].values.2023"),
        ("/series/0/values/2023", v(json!(true)), "field.type", "series[0].values.2023"),
        ("/series/0/values/2024", v(json!("5")), "id.unknown", "series[0].values.2024"),
        ("/series/1/within", v(json!("gdp")), "id.unknown", "series[1].within"),
        ("/targets/0/indicator/part", v(json!("steel")), "id.unknown", "targets[0].indicator.part"),
        ("/targets/0/indicator/kind", v(json!("ratio-of-ratios")), "field.invalid", "targets[0].indicator.kind"),
        ("/targets/0/period", v(json!("2030")), "id.unknown", "targets[0].period"),
        ("/targets/0/cmp", v(json!(">>")), "field.invalid", "targets[0].cmp"),
        ("/targets/0/cmp", v(json!("~")), "field.missing", "targets[0].tolerance"),
        ("/targets/0/value", None, "field.missing", "targets[0].value"),
        ("/targets/0/value", v(json!("thirty")), "number.invalid", "targets[0].value"),
        ("/rounding", v(json!({"percent": 99})), "field.type", "rounding.percent"),
        ("/rounding", v(json!({"tie": "banker"})), "field.invalid", "rounding.tie"),
        ("/baseline", v(json!("guess")), "field.invalid", "baseline"),
    ] {
        let doc = with(pointer, value.clone());
        assert_eq!(outcome(&doc), Err((code, path.to_owned())), "{pointer} = {value:?}");
    }
}

#[test]
fn a_plan_that_is_not_an_object() {
    for doc in [json!([]), json!("plan"), json!(null), json!(1)] {
        assert_eq!(outcome(&doc), Err(("field.type", String::new())), "{doc}");
    }
}

#[test]
fn amounts_may_be_json_numbers_or_typed_forms() {
    for value in [json!(100), json!(100.5), json!("1,000"), json!("１００")] {
        let doc = with("/series/0/values/2023", Some(value.clone()));
        assert_eq!(outcome(&doc), Ok(()), "{value}");
    }
}
