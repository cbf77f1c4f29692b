//! plancalc's own fuzzer: seeded, structure-aware, on stable Rust. Shared by the short deterministic slice that
//! `make test` runs (`tests/fuzz.rs`) and by `make fuzz SECONDS=…` (`examples/fuzz.rs`).
//!
//! Four categories of input, each built from the presets and the docs example rather than from random bytes:
//! - **plans**: plan documents mutated field by field (numbers at the edges of a decimal, fractions, long and odd
//!   text, references to nothing, sums of sums, rounding places), then a short session on each that loads;
//! - **sessions**: random sequences of edits, bulk and project edits, typing, undo/redo, scenarios, goal seek on
//!   every target × lever, joint goal seek, compare, explanations, state and document round trips;
//! - **csv**: project lists as a planner's spreadsheet exports them, mutated character by character;
//! - **compact**: project lists in the compact binary form, mutated byte by byte.
//!
//! The oracles: nothing panics (overflow checks on); every error carries a code the README documents; an error
//! leaves the results byte-identical; undo restores the results before the edit and redo those after it; the
//! incremental results equal a computation from scratch; `restore(state())` and reloading `document()` give the
//! same results; a goal answer, applied as its own edit, is accepted and lands exactly on target (single) or
//! leaves no target it reads undefined (joint). A finding is minimised (steps removed one at a time while it still
//! fails the same way) and written as a reproducer: the plan and the steps, as JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, dead_code)]

use plancalc::document::{compact, csv};
use plancalc::explain::{explain_goal, explain_target};
use plancalc::session::persist::SessionState;
use plancalc::session::GoalOutcome;
use plancalc::{Edit, Mode, Session, Status};
use proptest::prelude::Rng as _;
use proptest::test_runner::{RngAlgorithm, TestRng};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};

const README: &str = include_str!("../../README.md");

/// The plans everything starts from: the presets and the docs example.
pub fn seeds() -> Vec<(&'static str, Value)> {
    let doc = include_str!("../../docs/plan-format.md");
    let start = doc.find("```json").unwrap() + "```json".len();
    let end = start + doc[start..].find("```").unwrap();
    let mut out = vec![("docs", serde_json::from_str(&doc[start..end]).unwrap())];
    for (name, text) in [
        ("bijie", include_str!("../../www/presets/bijie.json")),
        ("changzhi", include_str!("../../www/presets/changzhi.json")),
        ("projects-demo", include_str!("../../www/presets/projects-demo.json")),
        ("tongren", include_str!("../../www/presets/tongren.json")),
        ("wuzhong", include_str!("../../www/presets/wuzhong.json")),
        ("zunyi", include_str!("../../www/presets/zunyi.json")),
    ] {
        out.push((name, serde_json::from_str(text).unwrap()));
    }
    out
}

/// A seeded random source with the few choices the generators need.
pub struct Rng(TestRng);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        Rng(TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.0.next_u64() % n as u64) as usize
        }
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

/// A number as a user or a file might give it: ordinary figures, the edges of a decimal, fractions, and text that
/// is no number at all.
pub fn number(rng: &mut Rng) -> String {
    const EDGES: &[&str] = &[
        "0",
        "1",
        "-1",
        "100",
        "260",
        "300",
        "540",
        "1080",
        "1450.5",
        "0.5",
        "-0",
        "12.5",
        "8",
        "30",
        "52",
        "75",
        "0.0000000000000000000000000001",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "7.9228162514264337593543950335",
        "1000.0000000000000000000001",
        "260.00000000000000000000000000",
        "1/3",
        "590/0.7",
        "5900/7",
        "1/0",
        "2/-3",
        "79228162514264337593543950335/0.0000000000000000000000000001",
        "0.1234567890123456789012345677/9",
        "4166666666666666666666666667/3000000000000000",
        "1e5",
        "NaN",
        "",
        " ",
        "１２３",
        "1,450",
        "1,2,3",
        "abc",
        "-12.5",
        "+3",
        "99999999999999999999.99999999",
    ];
    match rng.below(4) {
        0 | 1 => EDGES[rng.below(EDGES.len())].to_owned(),
        2 => {
            // A decimal of random length and scale.
            let digits = 1 + rng.below(30);
            let mut s: String = (0..digits).map(|_| char::from(b'0' + rng.below(10) as u8)).collect();
            if rng.chance(60) && digits > 1 {
                let at = 1 + rng.below(digits - 1);
                s.insert(at, '.');
            }
            if rng.chance(20) {
                s.insert(0, '-');
            }
            s
        }
        _ => {
            let a = (rng.below(1_000_000) as i64 - 100_000).to_string();
            let b = (1 + rng.below(10_000)).to_string();
            if rng.chance(50) {
                format!("{a}/{b}")
            } else {
                format!("{a}.{b}")
            }
        }
    }
}

/// One thing a user does in a session, as the reproducer records it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Step {
    /// An edit given as the JS API receives it (read by the one edit reader).
    Apply {
        edit: Value,
    },
    Type {
        series: String,
        period: String,
        text: String,
    },
    Undo,
    Redo,
    NewScenario {
        name: String,
        from: Option<String>,
    },
    Switch {
        name: String,
    },
    Delete {
        name: String,
    },
    GoalSeek {
        target: String,
        lever: String,
        mode: Mode,
        counts_toward: Vec<String>,
        offset: Option<String>,
    },
    GoalSeekAll {
        lever: String,
        period: String,
        mode: Mode,
        counts_toward: Vec<String>,
        offset: Option<String>,
    },
    /// Goal seek on every target × every lever typed in, in one mode.
    GoalSweep {
        mode: Mode,
    },
    Compare {
        a: String,
        b: String,
    },
    Explain {
        target: String,
        locale: String,
    },
    ExplainGoal {
        target: String,
        lever: String,
        mode: Mode,
    },
    RoundTrip,
}

/// A session case: the plan and what is done to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Case {
    pub plan: Value,
    pub steps: Vec<Step>,
}

/// What a plan offers the generators: its ids.
struct Ids {
    series: Vec<String>,
    inputs: Vec<String>,
    periods: Vec<String>,
    targets: Vec<String>,
    projects: Vec<String>,
    sectors: Vec<String>,
}

fn ids(plan: &Value) -> Ids {
    let list = |key: &str, field: &str| -> Vec<String> {
        plan[key].as_array().into_iter().flatten().filter_map(|x| x[field].as_str().map(str::to_owned)).collect()
    };
    let inputs = plan["series"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|x| x.get("sum").is_none() && x.get("projects").is_none())
        .filter_map(|x| x["id"].as_str().map(str::to_owned))
        .collect();
    let mut sectors: Vec<String> = list("projects", "sector");
    sectors.sort();
    sectors.dedup();
    Ids {
        series: list("series", "id"),
        inputs,
        periods: list("periods", "id"),
        targets: list("targets", "id"),
        projects: list("projects", "id"),
        sectors,
    }
}

fn one(rng: &mut Rng, items: &[String]) -> String {
    rng.pick(items).cloned().unwrap_or_else(|| "nothing".into())
}

/// Mostly a real id, sometimes any id, now and then one that does not exist.
fn some_series(rng: &mut Rng, ids: &Ids) -> String {
    match rng.below(10) {
        0 => "nothing".into(),
        1 | 2 => one(rng, &ids.series),
        _ => one(rng, &ids.inputs),
    }
}

fn mode(rng: &mut Rng) -> Mode {
    if rng.chance(50) {
        Mode::Additive
    } else {
        Mode::Substitute
    }
}

fn series_edit(rng: &mut Rng, ids: &Ids) -> Value {
    let op = ["set", "set", "add", "percent", "reach"][rng.below(5)];
    let mut e = json!({"series": some_series(rng, ids), "period": one(rng, &ids.periods), op: number(rng)});
    if rng.chance(40) {
        e["mode"] = json!(if rng.chance(50) { "additive" } else { "substitute" });
    }
    if rng.chance(25) {
        let n = 1 + rng.below(2);
        e["counts_toward"] = json!((0..n).map(|_| some_series(rng, ids)).collect::<Vec<_>>());
    }
    if rng.chance(15) {
        e["offset"] = json!(some_series(rng, ids));
    }
    e
}

fn project_edit(rng: &mut Rng, ids: &Ids) -> Value {
    let field = ["annual", "completed", "total", "stage", "count"][rng.below(5)];
    let mut e = json!({"period": one(rng, &ids.periods), "field": field});
    if rng.chance(60) {
        e["project"] = json!(one(rng, &ids.projects));
    } else {
        let filter = match rng.below(3) {
            0 => json!({"sector": [one(rng, &ids.sectors)]}),
            1 => json!({"ownership": ["private"]}),
            _ => json!({"stage": ["new", "reserve"]}),
        };
        e["where"] = filter;
    }
    if field == "stage" {
        e["set"] = json!(["reserve", "new", "continuing", "finishing", "done"][rng.below(5)]);
    } else {
        let op = ["set", "add", "percent", "reach"][rng.below(4)];
        e[op] = json!(number(rng));
    }
    if rng.chance(40) {
        e["mode"] = json!("additive");
    }
    e
}

fn step(rng: &mut Rng, ids: &Ids, scenarios: &mut Vec<String>) -> Step {
    let scenario = |rng: &mut Rng, scenarios: &[String]| one(rng, scenarios);
    match rng.below(20) {
        0..=6 => Step::Apply { edit: series_edit(rng, ids) },
        7 if !ids.projects.is_empty() => Step::Apply { edit: project_edit(rng, ids) },
        8 => Step::Type { series: some_series(rng, ids), period: one(rng, &ids.periods), text: number(rng) },
        9 => Step::Undo,
        10 => Step::Redo,
        11 => {
            let name = format!("s{}", rng.below(4));
            scenarios.push(name.clone());
            let from = if rng.chance(50) { Some(scenario(rng, scenarios)) } else { None };
            Step::NewScenario { name, from }
        }
        12 => Step::Switch { name: scenario(rng, scenarios) },
        13 => Step::Delete { name: scenario(rng, scenarios) },
        14 | 15 => Step::GoalSeek {
            target: one(rng, &ids.targets),
            lever: one(rng, &ids.inputs),
            mode: mode(rng),
            counts_toward: if rng.chance(20) { vec![one(rng, &ids.inputs)] } else { Vec::new() },
            offset: if rng.chance(10) { Some(one(rng, &ids.inputs)) } else { None },
        },
        16 if rng.chance(15) => Step::GoalSweep { mode: mode(rng) },
        16 => Step::GoalSeekAll {
            lever: one(rng, &ids.inputs),
            period: one(rng, &ids.periods),
            mode: mode(rng),
            counts_toward: if rng.chance(20) { vec![one(rng, &ids.inputs)] } else { Vec::new() },
            offset: if rng.chance(10) { Some(one(rng, &ids.inputs)) } else { None },
        },
        17 => Step::Compare { a: "baseline".into(), b: scenario(rng, scenarios) },
        18 => {
            if rng.chance(50) {
                Step::Explain { target: one(rng, &ids.targets), locale: ["zh-CN", "zh-TW", "en"][rng.below(3)].into() }
            } else {
                Step::ExplainGoal { target: one(rng, &ids.targets), lever: one(rng, &ids.inputs), mode: mode(rng) }
            }
        }
        _ => Step::RoundTrip,
    }
}

/// A random session case over `plan`.
pub fn session_case(rng: &mut Rng, plan: Value, steps: usize) -> Case {
    let ids = ids(&plan);
    let mut scenarios = vec!["scenario 1".to_owned()];
    let steps = (0..steps).map(|_| step(rng, &ids, &mut scenarios)).collect();
    Case { plan, steps }
}

/// The plan mutated in one to four places.
pub fn mutate_plan(rng: &mut Rng, mut plan: Value) -> Value {
    let ids = ids(&plan);
    for _ in 0..1 + rng.below(4) {
        match rng.below(9) {
            0 | 1 => {
                // A figure.
                if let Some(series) = plan["series"].as_array_mut().and_then(|s| {
                    let n = s.len();
                    s.get_mut(rng.below(n))
                }) {
                    let period = one(rng, &ids.periods);
                    series["values"][period] = json!(number(rng));
                }
            }
            2 => {
                // A target's value, tolerance or comparator.
                if let Some(t) = plan["targets"].as_array_mut().and_then(|s| {
                    let n = s.len();
                    s.get_mut(rng.below(n))
                }) {
                    match rng.below(3) {
                        0 => t["value"] = json!(number(rng)),
                        1 => t["tolerance"] = json!(number(rng)),
                        _ => t["cmp"] = json!(["~", ">=", "<=", "reach", "=="][rng.below(5)]),
                    }
                }
            }
            3 => {
                // A sum over random series, possibly of sums, possibly in a circle.
                let n = ids.series.len();
                if let Some(series) = plan["series"].as_array_mut().and_then(|s| s.get_mut(rng.below(n))) {
                    let parts: Vec<String> = (0..1 + rng.below(3)).map(|_| one(rng, &ids.series)).collect();
                    if let Some(o) = series.as_object_mut() {
                        o.remove("values");
                        o.insert("sum".into(), json!(parts));
                    }
                }
            }
            4 => {
                // Text: a unit, a label, an id.
                let long = "亿元（按可比价格计算）".repeat(1 + rng.below(12));
                match rng.below(3) {
                    0 => plan["unit"] = json!(long),
                    1 => plan["title"]["en"] = json!("<b>x</b>".repeat(rng.below(50))),
                    _ => {
                        if let Some(s) = plan["series"].as_array_mut().and_then(|s| s.first_mut()) {
                            s["unit"] = json!(long);
                        }
                    }
                }
            }
            5 => {
                plan["rounding"] = json!({"percent": rng.below(12), "amount": rng.below(12), "pp": rng.below(12),
                                            "tie": if rng.chance(50) { "half_even" } else { "half_away_from_zero" }})
            }
            6 => {
                // A published growth rate.
                if let Some(series) = plan["series"].as_array_mut().and_then(|s| {
                    let n = s.len();
                    s.get_mut(rng.below(n))
                }) {
                    let period = one(rng, &ids.periods);
                    series["growth"][period] = json!(number(rng));
                }
            }
            7 => {
                // A reference to something else, or to nothing.
                if let Some(t) = plan["targets"].as_array_mut().and_then(|s| {
                    let n = s.len();
                    s.get_mut(rng.below(n))
                }) {
                    let key = ["part", "whole", "series", "done", "plan"][rng.below(5)];
                    if t["indicator"].get(key).is_some() {
                        t["indicator"][key] = json!(some_series(rng, &ids));
                    }
                }
            }
            _ => {
                // An amount of one project.
                if let Some(p) = plan["projects"].as_array_mut().and_then(|s| {
                    let n = s.len();
                    s.get_mut(rng.below(n))
                }) {
                    let period = one(rng, &ids.periods);
                    let field = ["annual", "completed"][rng.below(2)];
                    p[field][period] = json!(number(rng));
                    if rng.chance(20) {
                        p["total"] = json!(number(rng));
                    }
                }
            }
        }
    }
    plan
}

/// Why a case failed: the oracle and what it saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub oracle: &'static str,
    pub detail: String,
}

fn fail<T>(oracle: &'static str, detail: String) -> Result<T, Failure> {
    Err(Failure { oracle, detail })
}

/// An error must carry a code the README documents.
pub fn documented(e: &plancalc::Error) -> Result<(), Failure> {
    if README.contains(&format!("`{}`", e.code())) {
        Ok(())
    } else {
        fail("undocumented_code", format!("[{}] {e}", e.code()))
    }
}

fn results_json(s: &Session) -> String {
    serde_json::to_string(&s.results()).unwrap()
}

/// What a document or a restored state must give back: every figure, target, breakdown and warning.
fn figures_json(s: &Session) -> String {
    let r = s.results();
    let values: Vec<_> = r.series.iter().map(|x| (&x.id, &x.values)).collect();
    serde_json::to_string(&(values, &r.targets, &r.breakdowns, &r.warnings)).unwrap()
}

/// The session's observable state: its results, scenarios and undo/redo stacks.
fn snapshot(s: &Session) -> String {
    format!(
        "{}|{:?}|{}|{:?}|{}|{}",
        results_json(s),
        s.scenario_names(),
        s.active_scenario(),
        s.edits(),
        s.can_undo(),
        s.can_redo()
    )
}

/// A step that failed must leave everything as it was, with a documented code.
fn refused(s: &Session, before: &str, e: &plancalc::Error, what: &str) -> Result<(), Failure> {
    documented(e)?;
    if snapshot(s) != before {
        return fail("error_changed_state", format!("{what}: [{}] {e}", e.code()));
    }
    Ok(())
}

pub fn check_goal(s: &Session, g: &plancalc::GoalResult, single: bool) -> Result<(), Failure> {
    let GoalOutcome::Reachable { edit, binding, .. } = &g.outcome else { return Ok(()) };
    let mut t = s.clone();
    if let Err(e) = t.apply(edit.clone()) {
        return fail("goal_refused", format!("{edit:?}: [{}] {e}", e.code()));
    }
    let r = t.results();
    for (a, b) in s.results().targets.iter().zip(&r.targets) {
        if b.status == Status::Undefined && a.status != Status::Undefined {
            return fail("goal_undefined", format!("{edit:?} leaves {} undefined", b.id));
        }
    }
    let target = if single { &g.target } else { binding };
    if single {
        let tr = r.targets.iter().find(|x| x.id == *target).unwrap();
        let lands = tr.value.as_ref().is_some_and(|v| v.exact == tr.target.exact && v.fraction.is_none());
        if !lands || tr.status != Status::Met {
            return fail("goal_missed", format!("{edit:?} leaves {target} at {:?} ({:?})", tr.value, tr.status));
        }
    } else {
        if let Some(tr) = r.targets.iter().find(|x| x.id == *target) {
            if tr.status != Status::Met {
                return fail("goal_missed", format!("joint {edit:?} leaves {target} {:?}", tr.status));
            }
        }
    }
    Ok(())
}

fn round_trip(s: &Session) -> Result<(), Failure> {
    let state = serde_json::to_value(s.state()).unwrap();
    let restored = SessionState::read(&state).and_then(|st| Session::restore(&st));
    match restored {
        Err(e) => return fail("restore_refused", format!("[{}] {e} at {}", e.code(), e.path())),
        Ok(r) if results_json(&r) != results_json(s) => {
            return fail("restore_differs", format!("{}\nvs\n{}", results_json(&r), results_json(s)))
        }
        Ok(_) => {}
    }
    match Session::from_json(&s.to_document().to_string()) {
        Err(e) => fail("document_refused", format!("[{}] {e} at {}", e.code(), e.path())),
        Ok(r) if figures_json(&r) != figures_json(s) => {
            fail("document_differs", format!("{}\nvs\n{}", figures_json(&r), figures_json(s)))
        }
        Ok(_) => Ok(()),
    }
}

/// Runs one step with its oracles.
fn run_step(s: &mut Session, step: &Step) -> Result<(), Failure> {
    let before = snapshot(s);
    match step {
        Step::Apply { edit } => {
            let results_before = results_json(s);
            let steps_before = s.edits().len();
            let applied = Edit::from_value(edit, "edit").and_then(|e| s.apply(e));
            match applied {
                Err(e) => refused(s, &before, &e, &edit.to_string())?,
                // No step of undo: then nothing changed.
                Ok(_) if s.edits().len() == steps_before => {
                    if snapshot(s) != before {
                        return fail("no_step_but_changed", edit.to_string());
                    }
                }
                Ok(_) => {
                    let after = results_json(s);
                    s.undo();
                    if results_json(s) != results_before {
                        return fail("undo_differs", edit.to_string());
                    }
                    s.redo();
                    if results_json(s) != after {
                        return fail("redo_differs", edit.to_string());
                    }
                }
            }
        }
        Step::Type { series, period, text } => {
            if let Err(e) = s.set_value(series, period, text) {
                refused(s, &before, &e, text)?;
            }
        }
        Step::Undo => {
            s.undo();
        }
        Step::Redo => {
            s.redo();
        }
        Step::NewScenario { name, from } => {
            if let Err(e) = s.new_scenario(name, from.as_deref()) {
                refused(s, &before, &e, name)?;
            }
        }
        Step::Switch { name } => {
            if let Err(e) = s.switch_scenario(name) {
                refused(s, &before, &e, name)?;
            }
        }
        Step::Delete { name } => {
            if let Err(e) = s.delete_scenario(name) {
                refused(s, &before, &e, name)?;
            }
        }
        Step::GoalSeek { target, lever, mode, counts_toward, offset } => {
            match s.goal_seek(target, lever, *mode, counts_toward, offset.as_deref()) {
                Err(e) => documented(&e)?,
                Ok(g) => check_goal(s, &g, true)?,
            }
        }
        Step::GoalSeekAll { lever, period, mode, counts_toward, offset } => {
            match s.goal_seek_all(lever, period, *mode, counts_toward, offset.as_deref()) {
                Err(e) => documented(&e)?,
                Ok(g) => check_goal(s, &g, false)?,
            }
        }
        Step::GoalSweep { mode } => {
            let plan = s.plan();
            let targets: Vec<String> = plan.targets.iter().map(|t| t.id.clone()).collect();
            let levers: Vec<String> = plan
                .series
                .iter()
                .filter(|x| matches!(x.kind, plancalc::model::plan::SeriesKind::Input))
                .map(|x| x.id.clone())
                .collect();
            for target in &targets {
                for lever in &levers {
                    match s.goal_seek(target, lever, *mode, &[], None) {
                        Err(e) => documented(&e)?,
                        Ok(g) => check_goal(s, &g, true)?,
                    }
                }
            }
        }
        Step::Compare { a, b } => {
            if let Err(e) = s.compare(a, b) {
                documented(&e)?;
            }
        }
        Step::Explain { target, locale } => {
            if let Err(e) = explain_target(s, target, locale) {
                documented(&e)?;
            }
        }
        Step::ExplainGoal { target, lever, mode } => {
            if let Err(e) = explain_goal(s, target, lever, *mode, &[], None, "zh-CN") {
                documented(&e)?;
            }
        }
        Step::RoundTrip => round_trip(s)?,
    }
    let query = matches!(
        step,
        Step::GoalSeek { .. }
            | Step::GoalSeekAll { .. }
            | Step::GoalSweep { .. }
            | Step::Compare { .. }
            | Step::Explain { .. }
    );
    if query && snapshot(s) != before {
        return fail("query_changed_state", format!("{step:?}"));
    }
    let scratch = serde_json::to_string(&s.results_from_scratch()).unwrap();
    if scratch != results_json(s) {
        return fail("incremental_differs", format!("{}\nvs scratch\n{scratch}", results_json(s)));
    }
    // The summary counts every target once, by its status.
    let summary = s.summary();
    let targets = s.results().targets;
    let count = |wanted: &[Status]| targets.iter().filter(|t| wanted.contains(&t.status)).count();
    let counted = (summary.met, summary.not_met, summary.without_data, summary.order.len());
    let expected =
        (count(&[Status::Met]), count(&[Status::NotMet]), count(&[Status::NoData, Status::Undefined]), targets.len());
    if counted != expected {
        return fail("summary_differs", format!("{counted:?} vs {expected:?}"));
    }
    Ok(())
}

/// Runs a case; the first failure, if any. A panic is a failure too.
pub fn run_case(case: &Case) -> Option<Failure> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), Failure> {
        let mut s = match Session::from_json(&case.plan.to_string()) {
            Ok(s) => s,
            Err(e) => return documented(&e),
        };
        for step in &case.steps {
            run_step(&mut s, step)?;
        }
        round_trip(&s)
    }));
    match outcome {
        Ok(Ok(())) => None,
        Ok(Err(f)) => Some(f),
        Err(payload) => Some(Failure { oracle: "panic", detail: panic_text(&payload) }),
    }
}

fn panic_text(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// The case with as few steps as still fail by the same oracle.
pub fn minimise(case: &Case, failure: &Failure) -> Case {
    let mut best = case.clone();
    let mut i = best.steps.len();
    while i > 0 {
        i -= 1;
        let mut fewer = best.clone();
        fewer.steps.remove(i);
        if run_case(&fewer).is_some_and(|f| f.oracle == failure.oracle) {
            best = fewer;
            i = i.min(best.steps.len());
        }
    }
    best
}

/// A project list as a planner's spreadsheet exports it (amounts in 万元), from a plan's projects.
pub fn csv_text(plan: &Value) -> String {
    let period = plan["periods"][0]["id"].as_str().unwrap_or("2023").to_owned();
    let mut out = format!("项目编号,项目名称,行业,县区,投资主体,建设性质,标记,总投资（万元）,{period}年计划投资（万元）,{period}年完成投资（万元）\r\n");
    let ownership = |o: &str| match o {
        "private" => "民营",
        "state" => "国有",
        "foreign" => "外资",
        _ => "混合",
    };
    let stage = |s: &str| match s {
        "new" => "新开工",
        "continuing" => "续建",
        "finishing" => "竣工",
        _ => "储备",
    };
    let wan = |v: &Value| v.as_str().map(|x| format!("\"{x}0000\"")).unwrap_or_default();
    for p in plan["projects"].as_array().into_iter().flatten() {
        let flags: Vec<&str> = p["flags"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        out += &format!(
            "{},\"{}\",{},{},{},{},{},{},{},{}\r\n",
            p["id"].as_str().unwrap_or(""),
            p["name"].as_str().unwrap_or("").replace('"', "\"\""),
            p["sector"].as_str().unwrap_or(""),
            p["county"].as_str().unwrap_or(""),
            ownership(p["ownership"].as_str().unwrap_or("")),
            stage(p["stage"].as_str().unwrap_or("")),
            flags.join("、"),
            wan(&p["total"]),
            wan(&p["annual"][&period]),
            wan(&p["completed"][&period]),
        );
    }
    out
}

/// The text mutated at one to six places by characters that matter to CSV and to numbers.
pub fn mutate_text(rng: &mut Rng, text: &str) -> String {
    const PIECES: &[&str] = &[
        ",",
        "\"",
        "\r\n",
        "\n",
        "",
        "0",
        "9",
        ".",
        "-",
        "，",
        "１",
        "万元",
        "亿元",
        "\u{feff}",
        "\t",
        "e5",
        "99999999999999999999999999999",
    ];
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            _ => {
                let piece = PIECES[rng.below(PIECES.len())];
                for (k, c) in piece.chars().enumerate() {
                    chars.insert(at + k, c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// CSV: read a mutated list, install it in a session over the plan, and keep the oracles.
pub fn run_csv(plan: &Value, text: &str) -> Option<Failure> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), Failure> {
        let mut s =
            Session::from_json(&plan.to_string()).map_err(|e| Failure { oracle: "seed", detail: e.to_string() })?;
        let periods = csv::period_names(s.plan());
        let list = match csv::read_text(text, periods, None, None) {
            Ok(list) => list,
            Err(e) => return documented(&e),
        };
        let again = compact::decode(&compact::encode(&list), s.plan().periods.len());
        if again.as_ref() != Ok(&list) {
            return fail("compact_round_trip", format!("{again:?}"));
        }
        let before = snapshot(&s);
        if let Err(e) = s.replace_projects(list) {
            return refused(&s, &before, &e, "replace_projects");
        }
        let scratch = serde_json::to_string(&s.results_from_scratch()).unwrap();
        if scratch != results_json(&s) {
            return fail("incremental_differs", "after replace_projects".into());
        }
        round_trip_projects(&s)
    }));
    match outcome {
        Ok(Ok(())) => None,
        Ok(Err(f)) => Some(f),
        Err(payload) => Some(Failure { oracle: "panic", detail: panic_text(&payload) }),
    }
}

/// A session with projects reloads from its document to the same figures.
fn round_trip_projects(s: &Session) -> Result<(), Failure> {
    match Session::from_json(&s.to_document().to_string()) {
        Err(e) => fail("document_refused", format!("[{}] {e} at {}", e.code(), e.path())),
        Ok(r) if figures_json(&r) != figures_json(s) => fail("document_differs", "projects".into()),
        Ok(_) => Ok(()),
    }
}

/// Compact: decode mutated bytes; whatever decodes encodes and decodes to itself.
pub fn run_compact(bytes: &[u8], periods: usize) -> Option<Failure> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), Failure> {
        match compact::decode(bytes, periods) {
            Err(e) => documented(&e),
            Ok(list) => {
                let again = compact::decode(&compact::encode(&list), periods);
                if again.as_ref() != Ok(&list) {
                    return fail("compact_round_trip", format!("{again:?}"));
                }
                Ok(())
            }
        }
    }));
    match outcome {
        Ok(Ok(())) => None,
        Ok(Err(f)) => Some(f),
        Err(payload) => Some(Failure { oracle: "panic", detail: panic_text(&payload) }),
    }
}

/// A finding with its minimised reproducer.
#[derive(Debug, Clone)]
pub struct Finding {
    pub category: &'static str,
    pub failure: Failure,
    pub reproducer: Value,
}

/// How many inputs each category tried, and what was found.
#[derive(Debug, Default)]
pub struct Report {
    pub plans: u64,
    pub sessions: u64,
    pub csv: u64,
    pub compact: u64,
    pub findings: Vec<Finding>,
}

/// Runs rounds until `rounds` are done or `keep_going` says stop; each round tries every category once, from
/// `seed + round`. Findings are kept once per (category, oracle).
pub fn run(seed: u64, rounds: u64, mut keep_going: impl FnMut(&Report) -> bool) -> Report {
    let seeds = seeds();
    let projects_plan = seeds.iter().find(|(n, _)| *n == "projects-demo").map(|(_, p)| p.clone()).unwrap();
    let base_csv = csv_text(&projects_plan);
    let base_list = {
        let s = Session::from_json(&projects_plan.to_string()).unwrap();
        csv::read_text(&base_csv, csv::period_names(s.plan()), None, None).unwrap()
    };
    let base_bytes = compact::encode(&base_list);
    let mut report = Report::default();
    let add = |report: &mut Report, category: &'static str, failure: Failure, reproducer: Value| {
        if !report.findings.iter().any(|f| f.category == category && f.failure.oracle == failure.oracle) {
            report.findings.push(Finding { category, failure, reproducer });
        }
    };
    for round in 0..rounds {
        if !keep_going(&report) {
            break;
        }
        let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(round));
        let (_, plan) = &seeds[rng.below(seeds.len())];
        // Sessions on a seed plan.
        let steps = 4 + rng.below(16);
        let case = session_case(&mut rng, plan.clone(), steps);
        report.sessions += 1;
        if let Some(f) = run_case(&case) {
            let small = minimise(&case, &f);
            add(&mut report, "sessions", f, serde_json::to_value(&small).unwrap());
        }
        // A mutated plan, and a short session on it.
        let mutated = mutate_plan(&mut rng, plan.clone());
        let steps = rng.below(6);
        let case = session_case(&mut rng, mutated, steps);
        report.plans += 1;
        if let Some(f) = run_case(&case) {
            let small = minimise(&case, &f);
            add(&mut report, "plans", f, serde_json::to_value(&small).unwrap());
        }
        // A mutated spreadsheet.
        let text = mutate_text(&mut rng, &base_csv);
        report.csv += 1;
        if let Some(f) = run_csv(&projects_plan, &text) {
            add(&mut report, "csv", f, json!({"csv": text}));
        }
        // Mutated compact bytes.
        let mut bytes = base_bytes.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len().max(1));
            match rng.below(3) {
                0 if at < bytes.len() => bytes[at] = rng.below(256) as u8,
                1 => bytes.truncate(at),
                _ => bytes.insert(at.min(bytes.len()), rng.below(256) as u8),
            }
        }
        report.compact += 1;
        if let Some(f) = run_compact(&bytes, 1) {
            add(&mut report, "compact", f, json!({"bytes": bytes}));
        }
    }
    report
}
