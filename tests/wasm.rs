//! The JS API in headless Chromium: results cross the boundary through serde-wasm-bindgen intact.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::wasm::PlanSession;
use plancalc::{GoalOutcome, GoalResult, Outcome, Results, Session, Status};
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
    let industrial = results.targets.iter().find(|t| t.id == "industrial-share").expect("the industrial share target");
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
    let first = js_sys::Reflect::get(&targets, &1.into()).expect("the industrial share target");
    assert_eq!(
        js_sys::Reflect::get(&first, &"id".into()).ok().and_then(|v| v.as_string()).as_deref(),
        Some("industrial-share")
    );
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
    assert_eq!(outcome.targets[0].status, Status::Met);
    assert_eq!(outcome.changed_targets(), vec!["industrial-share", "industrial-amount"]);
    assert_eq!(results_of(session.results().expect("results")), expected.results());
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

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).expect("property")
}

#[wasm_bindgen_test]
fn goal_seek_applies_through_the_js_api_and_lands_exactly() {
    let mut session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    let goal: GoalResult = serde_wasm_bindgen::from_value(
        session.goal_seek("industrial-share", "industrial", "additive", None, None).expect("goal seek"),
    )
    .expect("the goal result deserializes");
    let GoalOutcome::Reachable { edit, .. } = goal.outcome else { panic!("reachable") };
    let edit_js = serde_wasm_bindgen::Serializer::json_compatible();
    let edit_js = serde::Serialize::serialize(&edit, &edit_js).expect("edit to JS");
    let outcome: Outcome = serde_wasm_bindgen::from_value(session.apply(edit_js).expect("apply")).expect("outcome");
    let t = &outcome.targets.iter().find(|t| t.id == "industrial-share").expect("target");
    assert_eq!(t.value.as_ref().map(|q| q.exact.to_string()).as_deref(), Some("30"));
    assert_eq!(t.status, Status::Met);
    // Undo through JS restores the plan as written.
    let undone: Outcome = serde_wasm_bindgen::from_value(session.undo().expect("undo")).expect("outcome");
    assert!(undone.changed_targets().contains(&"industrial-share"));
    assert_eq!(results_of(session.results().expect("results")), native().results());
    assert!(session.undo().expect("undo").is_null());
}

#[wasm_bindgen_test]
fn unreachable_goals_and_bad_modes_come_back_coded() {
    let session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    let goal = session.goal_seek("industrial-share", "industrial", "substitute", None, None).expect("goal seek");
    let outcome = get(&goal, "outcome");
    assert_eq!(get(&outcome, "status").as_string().as_deref(), Some("unreachable"));
    assert_eq!(get(&outcome, "reason").as_string().as_deref(), Some("no_room"));
    assert_eq!(get(&outcome, "available").as_string().as_deref(), Some("353"));
    let err = session.goal_seek("industrial-share", "industrial", "sideways", None, None).err().expect("refused");
    assert_eq!(code_and_path(err), ("field.invalid".into(), "mode".into()));
    let err = session.goal_seek("nope", "industrial", "additive", None, None).err().expect("refused");
    assert_eq!(code_and_path(err), ("id.unknown".into(), "target".into()));
}

#[wasm_bindgen_test]
fn edits_from_js_objects_are_validated() {
    let mut session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    let edit = js_sys::JSON::parse(r#"{"series": "industrial", "period": "2021-2023", "add": "100", "mode": "additive", "counts_toward": ["private"]}"#)
        .expect("JSON");
    let outcome: Outcome = serde_wasm_bindgen::from_value(session.apply(edit).expect("apply")).expect("outcome");
    let value =
        |id: &str| outcome.series.iter().find(|s| s.id == id).and_then(|s| s.value.as_ref()).map(|q| q.display.clone());
    assert_eq!(value("industrial").as_deref(), Some("1550.00"));
    assert_eq!(value("fai").as_deref(), Some("6900.00"));
    // Private investment has no figure in the plan: an edit counting toward it leaves it without one.
    assert_eq!(value("private"), None);
    for (text, code) in [
        (r#"{"series": "industrial", "period": "2021-2023", "set": "abc"}"#, "number.invalid"),
        (r#"{"series": "industrial", "period": "2021-2023"}"#, "field.invalid"),
        (r#"{"series": "industrial", "period": "2021-2023", "set": "1", "mode": "sideways"}"#, "field.invalid"),
        (r#""not an edit""#, "field.invalid"),
    ] {
        let before = session.results().expect("results");
        let err = session.apply(js_sys::JSON::parse(text).expect("JSON")).err().expect("refused");
        assert_eq!(code_and_path(err).0, code, "{text}");
        assert_eq!(results_of(session.results().expect("results")), results_of(before), "{text}");
    }
}

#[wasm_bindgen_test]
fn scenarios_compare_and_explanations_cross_the_boundary() {
    let mut session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    session.new_scenario("more industry", None).expect("new scenario");
    session.set_value("industrial", "2021-2023", "2040").expect("edit");
    let rows = session.compare("baseline", "more industry").expect("compare");
    let rows: Vec<plancalc::session::CompareRow> = serde_wasm_bindgen::from_value(rows).expect("rows");
    let row = rows.iter().find(|r| r.id == "industrial-share").expect("row");
    assert_eq!(row.delta.as_ref().map(|q| q.display.as_str()), Some("8.7"));
    let list = session.scenarios().expect("list");
    assert_eq!(get(&list, "active").as_string().as_deref(), Some("more industry"));
    let e = session.explain_target("industrial-share", "zh-CN").expect("explain");
    let e: plancalc::explain::Explanation = serde_wasm_bindgen::from_value(e).expect("explanation");
    assert_eq!(e.steps[0].text, "占比 = 部分 ÷ 总体 × 100");
    let err = session.switch_scenario("nope").err().expect("refused");
    assert_eq!(code_and_path(err), ("id.unknown".into(), "scenario".into()));
    let doc = session.document().expect("document");
    assert!(PlanSession::new(doc).is_ok(), "a saved scenario loads as a plan");
}

const PROJECT_PLAN: &str = r#"{"schema": 1, "id": "p", "title": {"zh-CN": "项目", "en": "Projects"},
        "periods": [{"id": "2023", "label": {"zh-CN": "2023", "en": "2023"}}],
        "series": [
          {"id": "all", "label": {"zh-CN": "全部", "en": "All"}, "projects": {"field": "annual"}},
          {"id": "private", "label": {"zh-CN": "民间", "en": "Private"}, "within": "all",
           "projects": {"field": "annual", "where": {"ownership": ["private"]}}}],
        "targets": [{"id": "share", "label": {"zh-CN": "民间占比", "en": "Private share"},
          "indicator": {"kind": "share", "part": "private", "whole": "all"}, "period": "2023", "cmp": ">=", "value": "50"}],
        "projects": [
          {"id": "a", "ownership": "private", "stage": "new", "annual": {"2023": "40"}},
          {"id": "b", "ownership": "state", "stage": "new", "annual": {"2023": "60"}}]}"#;

#[wasm_bindgen_test]
fn a_bulk_edit_over_projects_through_the_js_api() {
    let mut session = PlanSession::new(JsValue::from_str(PROJECT_PLAN)).expect("a plan with projects loads");
    let edit =
        js_sys::JSON::parse(r#"{"where": {"ownership": ["private"]}, "period": "2023", "percent": "50"}"#).unwrap();
    let outcome: Outcome = serde_wasm_bindgen::from_value(session.apply(edit).expect("applies")).unwrap();
    let t = &outcome.targets[0];
    // 60 of 120: exactly 50%, met.
    assert_eq!((t.value.clone().unwrap().display.to_string(), t.status), ("50.0".to_owned(), Status::Met));
    let bad = js_sys::JSON::parse(r#"{"project": "zz", "period": "2023", "set": "1"}"#).unwrap();
    assert_eq!(code_and_path(session.apply(bad).err().expect("refused")), ("id.unknown".into(), "edit.project".into()));
}

#[wasm_bindgen_test]
fn a_csv_read_piece_by_piece_replaces_the_project_list() {
    use plancalc::wasm::ProjectImport;
    let mut session = PlanSession::new(JsValue::from_str(PROJECT_PLAN)).expect("a plan with projects loads");
    let periods = js_sys::JSON::parse(r#"[{"id": "2023", "label": {"zh-CN": "2023年", "en": "2023"}}]"#).unwrap();
    let mut import = ProjectImport::new(periods).expect("an import");
    let csv = "项目编号,投资主体,建设性质,2023年计划投资（万元）\nx,民营,新开工,\"300,000\"\ny,国有,续建,100000\n";
    let guess = import.columns(csv).expect("the header row");
    let roles: Vec<String> =
        serde_wasm_bindgen::from_value(js_sys::Reflect::get(&guess, &"roles".into()).unwrap()).unwrap();
    assert_eq!(roles, ["id", "ownership", "stage", "annual:2023"]);
    import.start(roles, "万元").expect("starts");
    // Cut inside a quoted field: the reader waits for the rest.
    let (a, b) = csv.split_at(csv.find("300").unwrap() + 2);
    import.feed(a).unwrap();
    assert_eq!(import.feed(b).unwrap(), 2);
    let bytes = import.finish().expect("every row is good");
    assert_eq!(session.replace_projects(bytes).expect("installed"), 0);
    assert_eq!(session.project_count(), 2);
    let results = results_of(session.results().unwrap());
    // 30亿 of 40亿 private: 75%.
    assert_eq!(results.targets[0].value.clone().unwrap().display.to_string(), "75.0");
    // Bytes that are not a project list are refused, and the session is as it was.
    let refused = session.replace_projects(vec![1, 2, 3]).err().expect("refused");
    assert_eq!(code_and_path(refused), ("field.invalid".into(), "projects".into()));
    assert_eq!(results_of(session.results().unwrap()), results);
}

#[wasm_bindgen_test]
fn bad_csv_rows_throw_every_row_with_its_line() {
    let mut session = PlanSession::new(JsValue::from_str(PROJECT_PLAN)).expect("a plan with projects loads");
    let before = results_of(session.results().unwrap());
    let csv = "id,ownership,stage,annual\nok,private,new,1\nbad,private,new,abc\nok,state,new,2\n";
    let err = session.import_projects_csv(csv, None, None).err().expect("refused");
    assert_eq!(code_and_path(err.clone()).0, "csv.rows");
    let rows = js_sys::Reflect::get(&err, &"rows".into()).unwrap();
    let rows: Vec<serde_json::Value> = serde_wasm_bindgen::from_value(rows).unwrap();
    let seen: Vec<(u64, &str)> =
        rows.iter().map(|r| (r["line"].as_u64().unwrap(), r["code"].as_str().unwrap())).collect();
    assert_eq!(seen, [(3, "number.invalid"), (4, "id.duplicate")]);
    assert_eq!(results_of(session.results().unwrap()), before);
    assert_eq!(session.project_count(), 2);
}

/// Every preset's results, and an edit of every input figure (up, cleared, zero, back) and its undo, cross as the
/// very structs the core computed: the JS objects read back into the Rust types equal the native ones.
#[wasm_bindgen_test]
fn results_and_outcomes_cross_as_the_structs_the_core_computed() {
    use plancalc::model::plan::SeriesKind;
    let outcome_of = |js: JsValue| -> Outcome { serde_wasm_bindgen::from_value(js).expect("an Outcome") };
    let presets = [
        include_str!("../www/presets/bijie.json"),
        include_str!("../www/presets/changzhi.json"),
        include_str!("../www/presets/projects-demo.json"),
        include_str!("../www/presets/tongren.json"),
        include_str!("../www/presets/wuzhong.json"),
        ZUNYI,
    ];
    let mut outcomes = 0;
    for text in presets {
        let mut native = Session::from_json(text).expect("the preset loads");
        let mut js = PlanSession::new(JsValue::from_str(text)).expect("the preset loads in wasm");
        assert_eq!(results_of(js.results().unwrap()), native.results());
        let plan = native.plan().clone();
        for (i, series) in plan.series.iter().enumerate() {
            if !matches!(series.kind, SeriesKind::Input) {
                continue;
            }
            for p in 0..plan.periods.len() {
                let (id, period) = (plan.series_id(i).to_owned(), plan.period_id(p).to_owned());
                for value in ["98765.4321", "", "0", "1"] {
                    let Ok(expected) = native.set_value(&id, &period, value) else { continue };
                    assert_eq!(
                        outcome_of(js.set_value(&id, &period, value).unwrap()),
                        expected,
                        "{id} {period} {value:?}"
                    );
                    outcomes += 1;
                }
                let expected = native.undo();
                let got = js.undo().unwrap();
                assert_eq!(expected.is_none(), got.is_null(), "undo");
                if let Some(expected) = expected {
                    assert_eq!(outcome_of(got), expected, "undo");
                }
            }
        }
        assert_eq!(results_of(js.results().unwrap()), native.results(), "results after edits");
    }
    assert!(outcomes > 100, "{outcomes} outcomes compared");
}

/// Any text a plan or a user gives crosses intact: quotes, backslashes, line breaks, control characters, emoji.
#[wasm_bindgen_test]
fn awkward_texts_cross_intact() {
    let mut doc: serde_json::Value = serde_json::from_str(ZUNYI).expect("JSON");
    let odd = "Industrial \"工业\" \\ back\nline\u{1f}\u{0}📈";
    doc["series"][1]["label"]["en"] = serde_json::Value::from(odd);
    let mut s = PlanSession::new(JsValue::from_str(&doc.to_string())).expect("the plan loads");
    let name = "a \"b\" \\ \u{1f}";
    let results = results_of(s.new_scenario(name, None).expect("any name but the baseline's"));
    assert_eq!(results.scenario, name);
    let plan = s.plan().unwrap();
    let label = js_sys::Reflect::get(&get(&get(&get(&plan, "series"), "1"), "label"), &"en".into()).unwrap();
    assert_eq!(label.as_string().as_deref(), Some(odd));
}

/// Through JS too: an edit past 28 significant digits is refused with `number.precision` and changes nothing, and a
/// joint answer that would leave a target undefined comes back unreachable with its reason and sentence.
#[wasm_bindgen_test]
fn what_would_round_or_leave_a_target_undefined_is_refused_with_its_reason() {
    let mut session = PlanSession::new(JsValue::from_str(ZUNYI)).expect("the preset loads");
    let before = results_of(session.results().expect("results"));
    let edit = js_sys::JSON::parse(
        r#"{"series": "industrial", "period": "2021-2023", "add": "0.0000000000000000000000000001"}"#,
    )
    .expect("an edit");
    let err = session.apply(edit).err().expect("refused");
    assert_eq!(code_and_path(err), ("number.precision".into(), "series[1].values.2021-2023".into()));
    assert_eq!(results_of(session.results().expect("results")), before);
    assert!(session.undo().expect("undo").is_null(), "no undo step");
    let doc = include_str!("../docs/plan-format.md");
    let start = doc.find("```json").expect("example") + "```json".len();
    let end = start + doc[start..].find("```").expect("end");
    let example = PlanSession::new(JsValue::from_str(&doc[start..end])).expect("the example loads");
    let goal = example.goal_seek_all("key-plan", "2023", "additive", None, None).expect("goal seek");
    let outcome = get(&goal, "outcome");
    assert_eq!(get(&outcome, "status").as_string().as_deref(), Some("unreachable"));
    assert_eq!(get(&outcome, "reason").as_string().as_deref(), Some("undefined"));
    assert_eq!(get(&outcome, "target").as_string().as_deref(), Some("key-progress"));
    let message = get(&goal, "message");
    assert!(get(&message, "zh-CN").as_string().unwrap_or_default().contains("key-progress"));
}

const MONTHLY: &str = include_str!("../www/presets/monthly-demo.json");

/// Monthly progress across the boundary: the view as of a chosen month, a figure's explanation, a release matched and
/// entered, and coded errors for what the plan does not have.
#[wasm_bindgen_test]
fn monthly_progress_crosses_the_boundary() {
    let mut session = PlanSession::new(JsValue::from_str(MONTHLY)).expect("the sample loads");
    let json = |v: JsValue| -> serde_json::Value { serde_wasm_bindgen::from_value(v).expect("plain data") };
    let view = json(session.progress_view(Some(9)).expect("the view"));
    assert!(view["bulletin"]["en"].as_str().unwrap().starts_with("January to September: "), "{view}");
    let native = Session::from_json(MONTHLY).unwrap().progress_view_at(Some(9));
    assert_eq!(view["units"].as_array().unwrap().len(), native.units.len());
    let e = json(session.explain_month("b", "2023-10", "ahead", "zh-CN").expect("an explanation"));
    assert!(e["steps"].as_array().unwrap().iter().any(|s| s["text"].as_str().unwrap().contains("-950/69")), "{e}");
    let figures = js_sys::JSON::parse(
        r#"[{"subject": "甲县", "kind": "level", "value": "2500000", "unit": "万元", "period": "1-10"}]"#,
    )
    .unwrap();
    let matched = json(session.match_release(figures).expect("matched"));
    assert_eq!((matched[0]["series"].as_str(), matched[0]["value"].as_str()), (Some("a"), Some("250")));
    let cells = js_sys::JSON::parse(r#"[{"series": "a", "period": "2023-10", "value": "250"}]"#).unwrap();
    assert_eq!(session.enter_figures(cells).expect("entered"), 1);
    assert_eq!(
        code_and_path(session.explain_month("a", "2023-13", "ahead", "en").err().expect("refused")).0,
        "id.unknown"
    );
    assert_eq!(json(session.project_months("2023-10").expect("no projects, no lights"))["green"], 0);
    assert_eq!(code_and_path(session.project_months("2023").err().expect("a year is no month")).0, "id.unknown");
}
