//! Monthly progress of every project: lights decided without division must equal the lights the units get from the
//! exact quotients (`monthly`), escalation included; counts over a filter; projects ranked behind first.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use plancalc::session::Session;
use plancalc::Plan;
use serde_json::{json, Value};

const MONTHS: [&str; 4] = ["2023-02", "2023-03", "2023-04", "2023-05"];

/// A plan with `projects` (id, annual, [completed by month]) and, for each, a unit series with the same figures.
fn plan(projects: &[(&str, &str, [&str; 4])], lights: Value) -> Session {
    let l = |s: &str| json!({"zh-CN": s, "en": s});
    let mut periods = vec![json!({"id": "2023", "label": l("2023"), "kind": "year"})];
    periods.extend(MONTHS.iter().map(|m| json!({"id": m, "label": l(m), "kind": "month"})));
    let mut series = vec![json!({"id": "all", "label": l("all"), "projects": {"field": "annual"}})];
    let mut progress = Vec::new();
    for (id, annual, done) in projects {
        let mut values = serde_json::Map::new();
        for (m, d) in MONTHS.iter().zip(done) {
            if !d.is_empty() {
                values.insert((*m).into(), json!(d));
            }
        }
        series.push(json!({"id": format!("u-{id}"), "label": l(id), "values": values}));
        series.push(json!({"id": format!("u-{id}-plan"), "label": l(id), "values": {"2023": annual}}));
        progress.push(json!({"done": format!("u-{id}"), "plan": format!("u-{id}-plan"), "year": "2023"}));
    }
    let items: Vec<Value> = projects
        .iter()
        .map(|(id, annual, done)| {
            let mut completed = serde_json::Map::new();
            for (m, d) in MONTHS.iter().zip(done) {
                if !d.is_empty() {
                    completed.insert((*m).into(), json!(d));
                }
            }
            json!({"id": id, "sector": if id.starts_with('i') { "industry" } else { "energy" }, "ownership": "state",
                   "stage": "continuing", "annual": {"2023": annual}, "completed": completed})
        })
        .collect();
    let doc = json!({"schema": 1, "id": "p", "title": l("p"), "periods": periods, "series": series, "targets": [],
                     "progress": progress, "lights": lights, "projects": items});
    Session::open(Plan::from_json(&doc.to_string()).unwrap()).unwrap()
}

const PROJECTS: [(&str, &str, [&str; 4]); 6] = [
    ("i-ahead", "120", ["20", "30", "40", "55"]),
    ("i-yellow", "120", ["18", "28", "38", "48"]),
    ("e-red", "120", ["5", "10", "15", "20"]),
    ("e-edge", "1200", ["200", "250", "300", "416.66"]),
    ("i-none", "0", ["1", "2", "3", "4"]),
    ("e-gap", "100", ["", "30", "", "50"]),
];

#[test]
fn lights_without_division_equal_the_units_lights_every_month_and_rule() {
    let rules = [
        json!({}),
        json!({"yellow_within_pp": "2.5"}),
        json!({"yellow_from_fraction": "0.8"}),
        json!({"yellow_within_pp": "10", "escalate_after": 2}),
    ];
    let mut compared = 0;
    for lights in rules {
        let s = plan(&PROJECTS, lights.clone());
        let units = s.progress();
        let all: Vec<u32> = (0..PROJECTS.len() as u32).collect();
        for (k, month) in MONTHS.iter().enumerate() {
            let rows = s.project_month_rows(month, &all).unwrap();
            for (i, row) in rows.iter().enumerate() {
                let unit = &units[i].months[k];
                let color = |l: &Option<plancalc::calc::monthly::Light>| l.as_ref().map(|l| l.color);
                assert_eq!(color(&row.light), color(&unit.light), "{lights} {month} {}", PROJECTS[i].0);
                assert_eq!(row.ahead, unit.ahead, "{lights} {month} {}", PROJECTS[i].0);
                compared += 1;
            }
            let counts = s.project_month_counts(month, &all).unwrap();
            let count =
                |c: &str| units.iter().filter(|u| u.months[k].light.as_ref().is_some_and(|l| l.color == c)).count();
            assert_eq!((counts.green, counts.yellow, counts.red), (count("green"), count("yellow"), count("red")));
            assert_eq!(counts.green + counts.yellow + counts.red + counts.none, PROJECTS.len());
        }
    }
    assert_eq!(compared, 4 * 4 * PROJECTS.len());
}

#[test]
fn ranked_behind_first_and_counted_over_a_filter() {
    let s = plan(&PROJECTS, json!({}));
    let mut rows = s.select_projects(None, "").unwrap();
    s.rank_projects("2023-05", &mut rows).unwrap();
    let ids: Vec<&str> = rows.iter().map(|&r| PROJECTS[r as usize].0).collect();
    // Completion in May: 20/120, 416.66/1200, 48/120, 55/120, 50/100; then the project without an annual plan.
    assert_eq!(ids, ["e-red", "e-edge", "i-yellow", "i-ahead", "e-gap", "i-none"]);
    let industry = s.select_projects(Some(&json!({"sector": ["industry"]})), "").unwrap();
    let c = s.project_month_counts("2023-05", &industry).unwrap();
    assert_eq!((c.month, c.green + c.yellow + c.red + c.none), (5, 3));
    assert_eq!(s.project_month_counts("2023", &industry).unwrap_err().code(), "id.unknown", "a year is no month");
    // i-none has figures but an annual plan of zero: counted, and said.
    let all = s.project_month_counts("2023-05", &rows).unwrap();
    assert_eq!(all.no_plan, 1);
    assert!(all.note.unwrap().en.starts_with("1 projects have a figure this month but no annual plan"));
    // The grid: each project's light in each month of the year.
    let grid = s.project_month_grid("2023", &rows[..2]).unwrap();
    assert_eq!(grid.months, MONTHS);
    let colors: Vec<Vec<&str>> =
        grid.rows.iter().map(|r| r.iter().map(|l| l.as_ref().map_or("-", |l| l.color)).collect()).collect();
    assert_eq!(colors[0], ["red", "red", "red", "red"], "e-red: 5, 10, 15, 20 of 120");
    assert!(s.project_month_grid("2023-05", &rows).unwrap().months.is_empty(), "a month is no year with months");
    // Which year a month is reckoned against: the page asks before it shows a month's lights.
    assert_eq!(s.year_of_month("2023-05"), Some("2023"));
    assert_eq!(s.year_of_month("2023"), None, "a year is no month");
    assert_eq!(s.year_of_month("2024-05"), None, "no such period");
}
