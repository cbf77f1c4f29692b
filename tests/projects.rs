//! Plans with project lists: series over projects, project and bulk edits, undo, save and reload, and an edit's
//! cost independent of the list's size.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::{Edit, Mode, Op, Plan, Session, Status};
use serde_json::{json, Value};

mod common;
use common::{doc, project};

fn small() -> Session {
    Session::new(
        Plan::from_value(&doc(vec![
            project("a", "industry", "private", "new", &["key"], "30", "20"),
            project("b", "industry", "state", "continuing", &["key"], "50", "40"),
            project("c", "transport", "private", "reserve", &["key", "major"], "20", "0"),
            project("d", "transport", "state", "finishing", &[], "100", "90"),
        ]))
        .unwrap(),
    )
}

fn value(s: &Session, id: &str) -> String {
    s.results().series.iter().find(|x| x.id == id).unwrap().values[0]
        .clone()
        .map_or("—".into(), |q| q.exact.normalize().to_string())
}

fn target(s: &Session, id: &str) -> (String, Status) {
    let t = s.results().targets.into_iter().find(|t| t.id == id).unwrap();
    (t.value.map_or("—".into(), |q| q.display.to_string()), t.status)
}

fn edit(project: Option<&str>, filter: Option<Value>, field: &str, op: Op) -> Edit {
    Edit {
        series: String::new(),
        project: project.map(str::to_owned),
        filter,
        field: Some(field.to_owned()),
        period: "2023".into(),
        op,
        mode: Mode::Additive,
        ..Default::default()
    }
}

#[test]
fn series_add_up_the_projects_that_match() {
    let s = small();
    assert_eq!(value(&s, "all"), "200");
    assert_eq!(value(&s, "private"), "50");
    assert_eq!(value(&s, "industrial"), "80");
    assert_eq!(value(&s, "done"), "150");
    assert_eq!(value(&s, "key-count"), "3");
    assert_eq!(value(&s, "new-count"), "1");
    assert_eq!(target(&s, "private-share"), ("25.0".into(), Status::NotMet));
    assert_eq!(target(&s, "completion"), ("75.0".into(), Status::Met));
    // Start rate by count: 1 new start of 3 key projects.
    assert_eq!(target(&s, "starts"), ("33.3".into(), Status::NotMet));
    assert_eq!(s.plan().series.iter().find(|x| x.id == "key-count").unwrap().unit, "个");
}

#[test]
fn one_project_edited_moves_every_series_it_is_in_and_undo_restores_it() {
    let mut s = small();
    let out = s.apply(edit(Some("a"), None, "annual", Op::Set("80".into()))).unwrap();
    let mut changed: Vec<&str> = out.series.iter().map(|c| c.id.as_str()).collect();
    changed.sort_unstable();
    assert_eq!(changed, ["all", "industrial", "private"], "only the series project a is in");
    assert_eq!(target(&s, "private-share"), ("40.0".into(), Status::NotMet));
    s.undo().unwrap();
    assert_eq!((value(&s, "all"), value(&s, "private")), ("200".into(), "50".into()));
    s.redo().unwrap();
    assert_eq!(value(&s, "all"), "250");
}

#[test]
fn bulk_edits_over_a_filter() {
    let mut s = small();
    // +10% on every private project: 30 → 33, 20 → 22.
    s.apply(edit(None, Some(json!({"ownership": ["private"]})), "annual", Op::Percent("10".into()))).unwrap();
    assert_eq!((value(&s, "private"), value(&s, "all")), ("55".into(), "205".into()));
    // The key projects reach 85% of their annual plan by the end of Q3: a 28.05, b 42.5, c 18.7 (d unchanged).
    s.apply(edit(None, Some(json!({"flags": ["key"]})), "completed", Op::Reach("85".into()))).unwrap();
    assert_eq!(value(&s, "done"), "179.25");
    // The reserve project starts: the start rate by count goes from 1 of 3 to 2 of 3.
    s.apply(edit(Some("c"), None, "stage", Op::Set("new".into()))).unwrap();
    assert_eq!((value(&s, "new-count"), value(&s, "reserve-count")), ("2".into(), "0".into()));
    assert_eq!(target(&s, "starts"), ("66.7".into(), Status::Met));
    // Undo takes back the last bulk edit as one step.
    s.undo().unwrap();
    s.undo().unwrap();
    assert_eq!(value(&s, "done"), "150");
}

#[test]
fn edits_to_projects_survive_save_restore_and_export() {
    let mut s = small();
    s.apply(edit(None, Some(json!({"sector": ["transport"]})), "annual", Op::Add("5".into()))).unwrap();
    s.apply(edit(Some("b"), None, "stage", Op::Set("finishing".into()))).unwrap();
    let state = plancalc::session::SessionState::read(&serde_json::to_value(s.state()).unwrap()).unwrap();
    let back = Session::restore(&state).unwrap();
    assert_eq!(back.results(), s.results());
    // The active scenario written as a plan loads to the same figures, computed from scratch.
    let exported = Session::new(Plan::from_value(&s.to_document()).unwrap());
    for id in ["all", "private", "industrial", "done", "key-count", "new-count"] {
        assert_eq!(value(&exported, id), value(&s, id), "{id}");
    }
}

#[test]
fn bad_project_edits_have_codes_and_change_nothing() {
    let mut s = small();
    let before = s.results();
    let code = |s: &mut Session, e: Edit| {
        let err = s.apply(e).unwrap_err();
        (err.code(), err.path().to_owned())
    };
    assert_eq!(code(&mut s, edit(Some("zz"), None, "annual", Op::Set("1".into()))).0, "id.unknown");
    assert_eq!(code(&mut s, edit(Some("a"), None, "stage", Op::Set("dreaming".into()))).0, "stage.unknown");
    assert_eq!(
        code(&mut s, edit(Some("a"), None, "annual", Op::Set("-1".into()))),
        ("number.negative", "projects[0].annual.2023".into())
    );
    assert_eq!(code(&mut s, edit(Some("a"), None, "annual", Op::Set("abc".into()))).0, "number.invalid");
    assert_eq!(code(&mut s, edit(Some("a"), None, "count", Op::Set("2".into()))).0, "edit.computed");
    assert_eq!(
        code(&mut s, edit(None, Some(json!({"colour": ["red"]})), "annual", Op::Set("1".into()))).1,
        "edit.where.colour"
    );
    let mut both = edit(Some("a"), None, "annual", Op::Set("1".into()));
    both.series = "all".into();
    assert_eq!(code(&mut s, both).1, "edit.series");
    let mut on_series = edit(None, None, "annual", Op::Set("1".into()));
    on_series.series = "private".into();
    assert_eq!(code(&mut s, on_series).0, "edit.computed");
    assert_eq!(s.results(), before);
}

#[test]
fn bad_project_lists_are_refused_at_their_path() {
    let with = |p: Value| Plan::from_value(&doc(vec![p])).map(|_| ()).map_err(|e| (e.code(), e.path().to_owned()));
    let mut bad = project("a", "industry", "private", "new", &[], "1", "0");
    bad["ownership"] = json!("public-ish");
    assert_eq!(with(bad).unwrap_err(), ("field.invalid", "projects[0].ownership".into()));
    let mut bad = project("a", "industry", "private", "new", &[], "1", "0");
    bad["annual"] = json!({"2031": "1"});
    assert_eq!(with(bad).unwrap_err(), ("id.unknown", "projects[0].annual.2031".into()));
    let bad = project("a", "industry", "private", "new", &[], "-5", "0");
    assert_eq!(with(bad).unwrap_err().0, "number.negative");
    let twice = Plan::from_value(&doc(vec![
        project("a", "x", "private", "new", &[], "1", "0"),
        project("a", "y", "state", "new", &[], "1", "0"),
    ]));
    assert_eq!(twice.unwrap_err().code(), "id.duplicate");
}

#[test]
fn at_ten_thousand_projects_edits_agree_with_a_full_recomputation() {
    let sectors = ["industry", "transport", "energy"];
    let owners = ["private", "state", "foreign", "mixed"];
    let stages = ["reserve", "new", "continuing", "finishing"];
    let list: Vec<Value> = (0..10_000)
        .map(|i| {
            let flags: &[&str] = if i % 7 == 0 { &["key"] } else { &[] };
            project(
                &format!("p{i}"),
                sectors[i % 3],
                owners[i % 4],
                stages[i % 4],
                flags,
                &format!("{}.{}", i % 97, i % 10),
                &format!("{}", i % 50),
            )
        })
        .collect();
    let mut s = Session::new(Plan::from_value(&doc(list)).unwrap());
    s.apply(edit(None, Some(json!({"ownership": ["private"]})), "annual", Op::Percent("10".into()))).unwrap();
    s.apply(edit(Some("p4242"), None, "annual", Op::Set("1234.5".into()))).unwrap();
    s.apply(edit(None, Some(json!({"stage": ["reserve"], "sector": ["energy"]})), "stage", Op::Set("new".into())))
        .unwrap();
    s.apply(edit(None, Some(json!({"flags": ["key"]})), "completed", Op::Reach("85".into()))).unwrap();
    let fresh = Session::new(Plan::from_value(&s.to_document()).unwrap());
    for id in ["all", "private", "industrial", "done", "key-count", "new-count", "reserve-count"] {
        assert_eq!(value(&fresh, id), value(&s, id), "{id}");
    }
    assert_eq!(fresh.results().targets, s.results().targets);
}

#[test]
fn new_investment_in_projects_raises_the_totals_that_contain_them_once() {
    let l = |s: &str| serde_json::json!({"zh-CN": s, "en": s});
    let plan = serde_json::json!({"schema": 1, "id": "m", "title": l("modes"), "periods": [{"id": "2023", "label": l("2023")}],
        "series": [
            {"id": "fai", "label": l("FAI"), "values": {"2023": "1000"}},
            {"id": "proj", "label": l("projects"), "within": "fai", "projects": {"field": "annual"}},
            {"id": "priv", "label": l("private"), "within": "fai", "projects": {"field": "annual", "where": {"ownership": ["private"]}}}],
        "targets": [{"id": "t", "label": l("private share"), "indicator": {"kind": "share", "part": "priv", "whole": "fai"},
            "period": "2023", "cmp": ">=", "value": "52"}],
        "projects": [{"id": "a", "ownership": "private", "stage": "new", "annual": {"2023": "100"}},
                     {"id": "b", "ownership": "state", "stage": "new", "annual": {"2023": "100"}}]});
    let add = |mode| Edit { mode, op: Op::Add("100".into()), ..edit(Some("a"), None, "annual", Op::Add("100".into())) };
    // Additive: a new private project's 100 is new investment: FAI rises by 100 once (private and projects both lie
    // in it), and the private share is 200 ÷ 1,100.
    let mut s = Session::new(Plan::from_value(&plan).unwrap());
    s.apply(add(Mode::Additive)).unwrap();
    assert_eq!((value(&s, "fai"), value(&s, "proj"), value(&s, "priv")), ("1100".into(), "300".into(), "200".into()));
    assert_eq!(target(&s, "t").0, "18.2");
    s.undo().unwrap();
    assert_eq!(value(&s, "fai"), "1000");
    // Substitute: FAI is held; the 100 comes out of its unallocated part: 200 ÷ 1,000.
    let mut s = Session::new(Plan::from_value(&plan).unwrap());
    s.apply(add(Mode::Substitute)).unwrap();
    assert_eq!((value(&s, "fai"), value(&s, "priv")), ("1000".into(), "200".into()));
    assert_eq!(target(&s, "t").0, "20.0");
    // A bulk edit of new investment over both projects: FAI rises by their total change.
    let mut s = Session::new(Plan::from_value(&plan).unwrap());
    s.apply(edit(None, Some(serde_json::json!({"stage": ["new"]})), "annual", Op::Percent("50".into()))).unwrap();
    assert_eq!((value(&s, "fai"), value(&s, "proj")), ("1100".into(), "300".into()));
}
