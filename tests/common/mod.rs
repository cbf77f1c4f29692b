//! A plan with a project list, shared by the project and import tests.
#![allow(dead_code, clippy::indexing_slicing)]

use serde_json::{json, Value};

pub fn project(
    id: &str,
    sector: &str,
    ownership: &str,
    stage: &str,
    flags: &[&str],
    annual: &str,
    done: &str,
) -> Value {
    json!({"id": id, "name": format!("项目 {id}"), "sector": sector, "county": "litong", "ownership": ownership,
           "stage": stage, "flags": flags, "total": "100", "annual": {"2023": annual}, "completed": {"2023": done}})
}

pub fn doc(projects: Vec<Value>) -> Value {
    let l = |s: &str| json!({"zh-CN": s, "en": s});
    json!({
        "schema": 1, "id": "p", "title": l("projects"), "periods": [{"id": "2023", "label": l("2023")}],
        "as_of": "2023-09-30",
        "series": [
            {"id": "all", "label": l("all"), "projects": {"field": "annual"}},
            {"id": "private", "label": l("private"), "projects": {"field": "annual", "where": {"ownership": ["private"]}}, "within": "all"},
            {"id": "industrial", "label": l("industrial"), "projects": {"field": "annual", "where": {"sector": ["industry"]}}, "within": "all"},
            {"id": "done", "label": l("done"), "projects": {"field": "completed"}},
            {"id": "key-count", "label": l("key"), "projects": {"field": "count", "where": {"flags": ["key"]}}},
            {"id": "new-count", "label": l("new"), "projects": {"field": "count", "where": {"stage": ["new"]}}},
            {"id": "reserve-count", "label": l("reserve"), "projects": {"field": "count", "where": {"stage": ["reserve"]}}}
        ],
        "targets": [
            {"id": "private-share", "label": l("private share"), "indicator": {"kind": "share", "part": "private", "whole": "all"}, "period": "2023", "cmp": ">=", "value": "52"},
            {"id": "completion", "label": l("completion"), "indicator": {"kind": "completion", "done": "done", "plan": "all"}, "period": "2023", "cmp": ">=", "value": "75"},
            {"id": "starts", "label": l("starts"), "indicator": {"kind": "share", "part": "new-count", "whole": "key-count"}, "period": "2023", "cmp": ">=", "value": "50"}
        ],
        "projects": projects
    })
}
