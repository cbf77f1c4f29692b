//! The JS API in headless Chromium: results cross the boundary through serde-wasm-bindgen intact.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::wasm::PlanSession;
use plancalc::{Outcome, Results, Session, Status};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ZUNYI: &str = include_str!("../www/presets/zunyi.json");

fn results_of(js: JsValue) -> Results {
    serde_wasm_bindgen::from_value(js).expect("results deserialize into the Rust structs")
}

fn native() -> Session {
    Session::from_json(ZUNYI).expect("the preset loads natively")
}

/// `(code, path)` of a thrown plancalc error.
fn code_and_path(err: JsValue) -> (String, String) {
    let get = |key: &str| js_sys::Reflect::get(&err, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    assert!(err.is_instance_of::<js_sys::Error>(), "a JS Error is thrown");
    (get("code"), get("path"))
}

#[wasm_bindgen_test]
fn zunyi_results_round_trip_through_the_js_api() {
    let session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    let results = results_of(session.results().expect("results"));
    assert_eq!(results, native().results());
    let industrial = &results.targets[0];
    assert_eq!(industrial.id, "industrial-share");
    assert_eq!(industrial.status, Status::NotMet);
    let value = industrial.value.as_ref().expect("a value");
    assert_eq!(value.exact.to_string(), "21.323529411764705882352941176");
    assert_eq!(value.display, "21.3");
}

#[wasm_bindgen_test]
fn amounts_cross_as_decimal_strings() {
    let session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    let js = session.results().expect("results");
    let targets = js_sys::Reflect::get(&js, &"targets".into()).expect("targets");
    let first = js_sys::Reflect::get(&targets, &0.into()).expect("first target");
    let value = js_sys::Reflect::get(&first, &"value".into()).expect("value");
    let exact = js_sys::Reflect::get(&value, &"exact".into()).expect("exact");
    assert_eq!(exact.as_string().as_deref(), Some("21.323529411764705882352941176"));
}

#[wasm_bindgen_test]
fn a_plan_object_is_accepted_as_well_as_text() {
    let object = js_sys::JSON::parse(ZUNYI).expect("JSON.parse");
    let session = PlanSession::new(object).expect("the parsed preset loads");
    assert_eq!(results_of(session.results().expect("results")), native().results());
}

#[wasm_bindgen_test]
fn an_edit_recomputes_as_native_does() {
    let mut session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    let outcome: Outcome =
        serde_wasm_bindgen::from_value(session.set_value("industrial", "2021-2023", "2040").expect("a valid edit"))
            .expect("the outcome deserializes");
    let mut expected = native();
    let native_outcome = expected.set_value("industrial", "2021-2023", "2040").expect("native edit");
    assert_eq!(outcome, native_outcome);
    assert_eq!(outcome.results.targets[0].status, Status::Met);
    assert_eq!(outcome.changed_targets, vec!["industrial-share".to_owned()]);
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_with_code_and_path_and_keeps_the_state() {
    let mut session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    let before = results_of(session.results().expect("results"));
    let err = session.set_value("industrial", "2021-2023", "1,2,3").expect_err("refused");
    assert_eq!(code_and_path(err), ("number.invalid".into(), "series[1].values.2021-2023".into()));
    assert_eq!(results_of(session.results().expect("results")), before);

    let err = PlanSession::new(JsValue::from_str("{\"schema\": 2}")).err().expect("refused");
    assert_eq!(code_and_path(err), ("plan.schema".into(), "schema".into()));
    let err = PlanSession::new(JsValue::from_str("not json")).err().expect("refused");
    assert_eq!(code_and_path(err).0, "json.syntax");
}
