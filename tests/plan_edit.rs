//! The plan editor's changes through the core: a refused change changes nothing; a change keeps the scenarios' edits
//! that still apply; undo and redo; what names a series, and the plan without it.
#![cfg(feature = "page")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::session::plan_edit::{references, without_series};
use plancalc::Session;
use serde_json::{json, Value};

fn doc() -> Value {
    let l = |zh: &str, en: &str| json!({"zh-CN": zh, "en": en});
    json!({"schema": 1, "id": "e", "title": l("编辑", "Edit"),
        "periods": [{"id": "2023", "label": l("2023年", "2023")}],
        "series": [{"id": "fai", "label": l("投资", "FAI"), "values": {"2023": "1000"}},
                   {"id": "ind", "label": l("工业", "Industry"), "values": {"2023": "300"}},
                   {"id": "infra", "label": l("基建", "Infra"), "values": {"2023": "200"}},
                   {"id": "both", "label": l("合计", "Both"), "sum": ["ind", "infra"]},
                   {"id": "private", "label": l("民间", "Private"), "within": "fai", "values": {"2023": "520"}}],
        "breakdowns": [{"id": "sectors", "label": l("分领域", "Sectors"), "parent": "fai", "children": ["ind", "infra"]}],
        "targets": [{"id": "ind-share", "label": l("工业占比", "Industry share"),
                     "indicator": {"kind": "share", "part": "ind", "whole": "fai"}, "period": "2023", "cmp": ">=", "value": "30"},
                    {"id": "rest", "label": l("未分配", "Rest"), "indicator": {"kind": "remainder", "breakdown": "sectors"},
                     "period": "2023", "cmp": ">=", "value": "0"}]})
}

fn session() -> Session {
    Session::new(plancalc::Plan::from_value(&doc()).unwrap())
}

#[test]
fn a_refused_change_changes_nothing_and_says_where() {
    let mut s = session();
    let before = s.results();
    let mut bad = doc();
    bad["targets"][0]["indicator"]["part"] = json!("nope");
    let e = s.replace_plan(&bad).unwrap_err();
    assert_eq!(e.code(), "id.unknown");
    assert_eq!(e.path(), "targets[0].indicator.part");
    assert_eq!(s.results(), before);
}

#[test]
fn a_change_keeps_the_edits_that_still_apply_and_undoes_and_redoes() {
    let mut s = session();
    s.set_value("ind", "2023", "350").unwrap();
    s.new_scenario("more infra", None).unwrap();
    s.set_value("infra", "2023", "260").unwrap();
    // Rename a label and drop the infra series' figure by deleting it from the plan: its edit no longer applies.
    let mut changed = without_series(&doc(), "infra");
    changed["title"]["en"] = json!("Edited");
    let change = s.replace_plan(&changed).unwrap();
    assert_eq!(change.dropped, 1);
    assert!(change.can_undo && !change.can_redo);
    assert_eq!(s.active_scenario(), "more infra");
    assert_eq!(s.plan().title.get("en"), "Edited");
    s.switch_scenario("scenario 1").unwrap();
    assert_eq!(s.edits().len(), 1, "the edit to industry still applies");
    // Undo brings the old plan and every edit back; redo makes the change again.
    let undone = s.undo_plan().unwrap().unwrap();
    assert!(undone.can_redo);
    assert_eq!(s.plan().title.get("en"), "Edit");
    s.switch_scenario("more infra").unwrap();
    assert_eq!(s.edits().len(), 1);
    s.redo_plan().unwrap().unwrap();
    assert_eq!(s.plan().title.get("en"), "Edited");
    assert!(s.redo_plan().unwrap().is_none());
}

#[test]
fn what_names_a_series_and_the_plan_without_it() {
    let d = doc();
    let refs: Vec<(&str, String)> = references(&d, "ind").into_iter().map(|r| (r.kind, r.id)).collect();
    assert_eq!(
        refs,
        vec![("target", "ind-share".to_owned()), ("breakdown", "sectors".to_owned()), ("sum", "both".to_owned())]
    );
    assert_eq!(references(&d, "fai").iter().map(|r| r.kind).collect::<Vec<_>>(), vec!["target", "breakdown", "within"]);
    // Without FAI: its share target and the breakdown it heads (with the remainder target on it) go; private is no
    // longer within anything. The result is a plan the core opens.
    let w = without_series(&d, "fai");
    assert_eq!(w["targets"].as_array().unwrap().len(), 0);
    assert_eq!(w["breakdowns"].as_array().unwrap().len(), 0);
    assert!(w["series"][3].get("within").is_none());
    plancalc::Plan::from_value(&w).unwrap();
    // Without both parts of a sum, the sum becomes a figure to type.
    let w = without_series(&without_series(&d, "ind"), "infra");
    let both = w["series"].as_array().unwrap().iter().find(|s| s["id"] == "both").unwrap();
    assert!(both.get("sum").is_none() && both["values"].is_object());
    plancalc::Plan::from_value(&w).unwrap();
}

#[test]
fn a_change_made_on_the_outline_keeps_the_project_list() {
    let text = std::fs::read_to_string("www/presets/projects-demo.json").unwrap();
    let mut s = Session::from_json(&text).unwrap();
    let all = |s: &Session| s.results().series.iter().find(|x| x.id == "all").unwrap().values[0].clone().unwrap().exact;
    let before = all(&s);
    let mut outline = s.plan().outline();
    outline["title"]["en"] = json!("Renamed");
    s.replace_plan(&outline).unwrap();
    assert_eq!(all(&s), before);
    assert!(!s.plan().projects.is_empty());
}
