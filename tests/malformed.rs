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
        ("/title", v(json!("测试")), "field.type", "title"),
        ("/title/zh-CN", v(json!(["a"])), "field.type", "title.zh-CN"),
        ("/series/0/values/2023", v(json!("1,2,3")), "number.invalid", "series[0].values.2023"),
        ("/series/0/values/2023", v(json!("1e5")), "number.invalid", "series[0].values.2023"),
        ("/series/0/values/2023", v(json!("")), "number.invalid", "series[0].values.2023"),
        ("/series/0/values/2023", v(json!("5/0")), "number.invalid", "series[0].values.2023"),
        ("/series/0/values/2023", v(json!("-Infinity")), "number.not_finite", "series[0].values.2023"),
        (
            "/series/0/values/2023",
            v(json!("0.00000000000000000000000000001")),
            "number.out_of_range",
            "series[0].values.2023",
        ),
        ("/series/0/values", v(json!(["100"])), "field.type", "series[0].values"),
        ("/series/0/id", None, "field.missing", "series[0].id"),
        ("/series/0/id", v(json!(" ")), "field.invalid", "series[0].id"),
        ("/series/0/label", None, "field.missing", "series[0].label"),
        ("/series/0/allow_negative", v(json!("yes")), "field.type", "series[0].allow_negative"),
        ("/series/0/growth", v(json!({"2023": "fast"})), "number.invalid", "series[0].growth.2023"),
        ("/series/1/sum", v(json!(["fai", "nope"])), "id.unknown", "series[1].sum[1]"),
        ("/series/1/sum", v(json!([])), "plan.empty", "series[1].sum"),
        ("/series/1/sum", v(json!("fai")), "field.type", "series[1].sum"),
        ("/series/0/unit", v(json!("亿美元")), "unit.mismatch", "targets[0].indicator.whole"),
        ("/series/1", v(json!("ind")), "field.type", "series[1]"),
        ("/periods/0/previous", v(json!("2022")), "id.unknown", "periods[0].previous"),
        ("/periods/0/previous", v(json!("2023")), "plan.self_reference", "periods[0].previous"),
        ("/periods/0/kind", v(json!("decade")), "field.invalid", "periods[0].kind"),
        ("/periods/0/id", None, "field.missing", "periods[0].id"),
        ("/targets/0/id", None, "field.missing", "targets[0].id"),
        ("/targets/0/indicator", None, "field.missing", "targets[0].indicator"),
        ("/targets/0/indicator/whole", None, "field.missing", "targets[0].indicator.whole"),
        ("/targets/0/tolerance", v(json!("-1")), "number.negative", "targets[0].tolerance"),
        ("/targets/0/soft", v(json!(1)), "field.type", "targets[0].soft"),
        (
            "/targets/0/indicator",
            v(json!({"kind": "remainder", "breakdown": "none"})),
            "id.unknown",
            "targets[0].indicator.breakdown",
        ),
        (
            "/targets/0/indicator",
            v(json!({"kind": "aggregate_growth", "units": []})),
            "plan.empty",
            "targets[0].indicator.units",
        ),
        (
            "/targets/0/indicator",
            v(json!({"kind": "cumulative", "series": "fai", "periods": ["1999"]})),
            "id.unknown",
            "targets[0].indicator.periods[0]",
        ),
        (
            "/targets/0/indicator",
            v(json!({"kind": "ratio", "numerator": "ind", "denominator": "fai", "denominator_period": "1999"})),
            "id.unknown",
            "targets[0].indicator.denominator_period",
        ),
        ("/as_of", v(json!("September")), "field.invalid", "as_of"),
        ("/as_of", v(json!("2023-13")), "field.invalid", "as_of"),
        (
            "/breakdowns",
            v(json!([{"id": "b", "label": {"zh-CN": "b", "en": "b"}, "parent": "fai", "children": ["fai"]}])),
            "plan.self_reference",
            "breakdowns[0].children[0]",
        ),
        (
            "/breakdowns",
            v(json!([{"id": "b", "label": {"zh-CN": "b", "en": "b"}, "parent": "fai", "children": ["ind", "ind"]}])),
            "id.duplicate",
            "breakdowns[0].children[1]",
        ),
        (
            "/breakdowns",
            v(json!([{"id": "b", "label": {"zh-CN": "b", "en": "b"}, "parent": "gdp", "children": ["ind"]}])),
            "id.unknown",
            "breakdowns[0].parent",
        ),
        (
            "/breakdowns",
            v(json!([{"id": "b", "label": {"zh-CN": "b", "en": "b"}, "parent": "fai", "children": []}])),
            "plan.empty",
            "breakdowns[0].children",
        ),
        ("/notes", v(json!(["a note"])), "field.type", "notes[0]"),
        (
            "/series/1",
            v(json!({"id": "ind", "label": {"zh-CN": "i", "en": "i"}, "sum": ["fai"], "values": {"2023": "30"}})),
            "series.own_values",
            "series[1].values",
        ),
    ] {
        let doc = with(pointer, value.clone());
        assert_eq!(outcome(&doc), Err((code, path.to_owned())), "{pointer} = {value:?}");
    }
}

#[test]
fn series_defined_in_a_circle() {
    let mut doc = valid();
    doc["series"] = json!([
        {"id": "a", "label": {"zh-CN": "a", "en": "a"}, "sum": ["b"]},
        {"id": "b", "label": {"zh-CN": "b", "en": "b"}, "sum": ["c"]},
        {"id": "c", "label": {"zh-CN": "c", "en": "c"}, "sum": ["a"]},
    ]);
    doc["targets"] = json!([]);
    let err = Plan::from_value(&doc).unwrap_err();
    assert_eq!(err.code(), "series.cycle");
    assert!(err.to_string().contains("a → b → c → a"), "{err}");
    doc["series"] = json!([{"id": "a", "label": {"zh-CN": "a", "en": "a"}, "sum": ["a"]}]);
    assert_eq!(outcome(&doc).map_err(|e| e.0), Err("series.cycle"));
}

#[test]
fn a_sum_beyond_a_decimal_overflows_with_a_code() {
    let mut doc = valid();
    doc["series"][0]["values"]["2023"] = json!("70000000000000000000000000000");
    doc["series"][1]["values"]["2023"] = json!("70000000000000000000000000000");
    doc["series"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "s", "label": {"zh-CN": "s", "en": "s"}, "sum": ["fai", "ind"]}));
    assert_eq!(outcome(&doc), Err(("calc.overflow", "series[2].values.2023".to_owned())));
}

#[test]
fn sums_never_mix_units() {
    let mut doc = valid();
    doc["series"][1]["unit"] = json!("亿美元");
    doc["targets"] = json!([]);
    doc["series"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "s", "label": {"zh-CN": "s", "en": "s"}, "sum": ["fai", "ind"]}));
    assert_eq!(outcome(&doc), Err(("unit.mismatch", "series[2].sum[1]".to_owned())));
}

#[test]
fn malformed_edits_give_their_codes_and_change_nothing() {
    use plancalc::{Edit, Mode, Op, Session};
    let edit = |series: &str, op: Op, mode: Mode, counts: &[&str], offset: Option<&str>| Edit {
        series: series.into(),
        period: "2023".into(),
        op,
        mode,
        counts_toward: counts.iter().map(|c| (*c).to_owned()).collect(),
        offset: offset.map(str::to_owned),
        ..Default::default()
    };
    let mut doc = valid();
    doc["series"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "s", "label": {"zh-CN": "s", "en": "s"}, "sum": ["fai", "ind"]}));
    let set = |t: &str| Op::Set(t.into());
    for (e, code) in [
        (edit("ind", set("abc"), Mode::Substitute, &[], None), "number.invalid"),
        (edit("ind", set("-3"), Mode::Substitute, &[], None), "number.negative"),
        (edit("ind", Op::Add("-31".into()), Mode::Substitute, &[], None), "number.negative"),
        (edit("ind", Op::Percent("-101".into()), Mode::Substitute, &[], None), "number.negative"),
        (edit("ind", Op::Percent("ten".into()), Mode::Substitute, &[], None), "number.invalid"),
        (edit("ind", set("79228162514264337593543950300"), Mode::Substitute, &[], None), "calc.overflow"),
        (edit("s", set("5"), Mode::Substitute, &[], None), "edit.computed"),
        (edit("nope", set("5"), Mode::Substitute, &[], None), "id.unknown"),
        (edit("ind", set("5"), Mode::Substitute, &["nope"], None), "id.unknown"),
        (edit("ind", set("5"), Mode::Substitute, &[], Some("nope")), "id.unknown"),
        (edit("ind", set("5"), Mode::Additive, &[], Some("fai")), "edit.offset_mode"),
        (edit("ind", set("NaN"), Mode::Substitute, &[], None), "number.not_finite"),
    ] {
        let mut s = Session::new(Plan::from_value(&doc).unwrap());
        let before = s.results();
        let got = s.apply(e.clone()).map(|_| ()).map_err(|x| x.code());
        assert_eq!(got, Err(code), "{e:?}");
        assert_eq!(s.results(), before, "{e:?} changed something");
        assert!(!s.can_undo(), "{e:?} left an undo step");
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

#[test]
fn edits_read_from_json_name_the_offending_field() {
    use plancalc::{Edit, Mode, Op};
    for (value, code, path) in [
        (json!("not an edit"), "field.invalid", "edit"),
        (json!(null), "field.invalid", "edit"),
        (json!({"series": "ind", "period": "2023"}), "field.invalid", "edit"),
        (json!({"series": "ind", "period": "2023", "set": "1", "add": "2"}), "field.invalid", "edit"),
        (json!({"series": "ind", "period": "2023", "set": "1", "mode": "sideways"}), "field.invalid", "edit.mode"),
        (json!({"series": "ind", "period": "2023", "set": true}), "field.type", "edit.set"),
        (json!({"series": 3, "period": "2023", "set": "1"}), "field.type", "edit.series"),
        (
            json!({"series": "ind", "period": "2023", "set": "1", "counts_toward": "fai"}),
            "field.type",
            "edit.counts_toward",
        ),
        (
            json!({"series": "ind", "period": "2023", "set": "1", "counts_toward": ["fai", 2]}),
            "field.type",
            "edit.counts_toward[1]",
        ),
    ] {
        let got = Edit::from_value(&value, "edit").map_err(|e| (e.code(), e.path().to_owned()));
        assert_eq!(got, Err((code, path.to_owned())), "{value}");
    }
    // A JSON number is read by its printed digits, beyond what binary floating point holds.
    let text = r#"{"series": "ind", "period": "2023", "add": 0.1000000000000000000001, "mode": "additive", "counts_toward": ["fai"]}"#;
    let value: Value = serde_json::from_str(text).unwrap();
    let edit = Edit::from_value(&value, "edit").unwrap();
    assert_eq!(edit.op, Op::Add("0.1000000000000000000001".into()));
    assert_eq!((edit.mode, edit.counts_toward), (Mode::Additive, vec!["fai".to_owned()]));
    assert_eq!(edit.series, "ind");
}
