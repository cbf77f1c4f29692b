//! The JavaScript API: the only module that touches `wasm_bindgen` and `js_sys`.
//! One stateful class, `PlanSession`; amounts cross as decimal strings; errors are JS `Error`s with `code` and `path`.

use crate::error::Error;
#[cfg(feature = "page")]
use crate::explain::{explain_goal, explain_target};
use crate::model::edit::{Edit, Mode};
use crate::model::plan::Plan;
use crate::session::Session;
#[cfg(any(feature = "page", feature = "reader"))]
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "page")]
mod monthly;
#[cfg(feature = "page")]
mod projects;
#[cfg(feature = "page")]
pub use projects::ProjectImport;
#[cfg(feature = "xlsx")]
mod xlsx;

// The TypeScript shapes of what the API hands over are declared beside their Rust structs (each module's
// `TYPESCRIPT`); the element's build declares only those its calls use.
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::error::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::messages::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::calc::indicator::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::calc::target::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::calc::checks::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::session::results::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::model::edit::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::calc::goal::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::session::goal::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::model::plan::TYPESCRIPT;
#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &str = r#"
export interface ScenarioList { active: string; names: string[]; can_undo: boolean; can_redo: boolean; }

/** The categories a project list uses, for filter menus. */
export interface ProjectFacets { sectors: string[]; counties: string[]; ownerships: string[]; stages: string[]; flags: string[]; }
"#;

#[cfg(feature = "page")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::session::explore::TYPESCRIPT;
#[cfg(feature = "page")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::explain::TYPESCRIPT;
#[cfg(feature = "page")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::calc::projects::TYPESCRIPT;
#[cfg(feature = "page")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::document::csv::TYPESCRIPT;
#[cfg(feature = "page")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::session::persist::TYPESCRIPT;
#[cfg(feature = "reader")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::reader::TYPESCRIPT;
#[cfg(feature = "reader")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::reader::bulletin::TYPESCRIPT;
#[cfg(feature = "page")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::session::plan_edit::TYPESCRIPT;
#[cfg(feature = "page")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = crate::calc::monthly::TYPESCRIPT;

/// Turns a plancalc error into a JS `Error` carrying `code` and `path` properties.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("PlanError");
    // Setting a property on a fresh Error object cannot fail; a failure would only lose the extra field.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code().into());
    let _ = js_sys::Reflect::set(&err, &"path".into(), &e.path().into());
    if let Error::Rows { rows } = e {
        if let Ok(list) = to_js(rows) {
            let _ = js_sys::Reflect::set(&err, &"rows".into(), &list);
        }
    }
    err.into()
}

/// Converts a result to a plain JS object (decimals as strings) through JSON text: one string crosses the boundary
/// and the engine's `JSON.parse` builds the objects.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| js_error(&Error::Invalid { path: String::new(), reason: e.to_string() }))?;
    js_sys::JSON::parse(&text)
}

#[cfg(any(feature = "page", feature = "reader"))]
/// Reads a JS value into a Rust type through JSON text: one `JSON.stringify` crossing the boundary, rather than a
/// call back into JavaScript for every field; errors are coded at `path`.
fn from_js<T: DeserializeOwned>(value: JsValue, path: &str, expected: &'static str) -> Result<T, JsValue> {
    let text = json_text(&value).ok_or_else(|| js_error(&Error::Type { path: path.to_owned(), expected }))?;
    serde_json::from_str(&text).map_err(|e| js_error(&Error::Invalid { path: path.to_owned(), reason: e.to_string() }))
}

/// `JSON.stringify(value)`, or `None` for what JSON cannot hold (undefined, a function, a cycle).
fn json_text(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string())
}

fn mode(text: &str) -> Result<Mode, JsValue> {
    Mode::parse(text, "mode").map_err(err)
}

fn ids(list: Option<Vec<String>>) -> Vec<String> {
    list.unwrap_or_default()
}

fn err(e: Error) -> JsValue {
    js_error(&e)
}

/// One plan being explored: its baseline, named scenarios of edits, and every result computed from them.
#[wasm_bindgen]
pub struct PlanSession {
    inner: Session,
    /// The rows of the project table's current filter and search (`projectView`).
    #[cfg_attr(not(feature = "page"), allow(dead_code))]
    view: Vec<u32>,
}

#[wasm_bindgen]
impl PlanSession {
    /// Opens a plan given as JSON text or as a parsed object. Throws a `PlanError` if it is malformed.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | PlanDocument")] plan: JsValue,
    ) -> Result<PlanSession, JsValue> {
        let parsed = match plan.as_string() {
            Some(text) => Plan::from_json(&text),
            None => json_text(&plan)
                .ok_or(Error::Type { path: String::new(), expected: "a plan object or JSON text" })
                .and_then(|text| Plan::from_json(&text)),
        };
        parsed.and_then(Session::open).map(|inner| PlanSession { inner, view: Vec::new() }).map_err(err)
    }

    /// Every result for the active scenario.
    #[wasm_bindgen(unchecked_return_type = "Results")]
    pub fn results(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.results())
    }

    /// The targets at a glance: counts by status, the order to show them in (not met first), and the line saying so.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.summary())
    }

    /// Sets a figure from text as typed ("1,450", "１４５０"; empty clears it), totals held.
    #[wasm_bindgen(js_name = setValue, unchecked_return_type = "Outcome")]
    pub fn set_value(&mut self, series: &str, period: &str, text: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.set_value(series, period, text).map_err(err)?)
    }

    /// Applies an edit: set, add or percent; additive or substitute; counts toward; offset.
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn apply(&mut self, #[wasm_bindgen(unchecked_param_type = "Edit")] edit: JsValue) -> Result<JsValue, JsValue> {
        let edit = json_text(&edit)
            .ok_or_else(|| Error::Invalid { path: "edit".into(), reason: "expected an edit object".into() })
            .and_then(|text| crate::document::json::parse_text(&text))
            .and_then(|value| Edit::from_value(&value, "edit"))
            .map_err(err)?;
        to_js(&self.inner.apply(edit).map_err(err)?)
    }

    /// Undoes the last edit of the active scenario; `null` when there is none.
    #[wasm_bindgen(unchecked_return_type = "Outcome | null")]
    pub fn undo(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.undo())
    }

    /// Redoes the last undone edit; `null` when there is none.
    #[wasm_bindgen(unchecked_return_type = "Outcome | null")]
    pub fn redo(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.redo())
    }

    /// The scenarios, the active one, and whether undo and redo are possible.
    #[wasm_bindgen(unchecked_return_type = "ScenarioList")]
    pub fn scenarios(&self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct List {
            active: String,
            names: Vec<String>,
            can_undo: bool,
            can_redo: bool,
        }
        to_js(&List {
            active: self.inner.active_scenario().to_owned(),
            names: self.inner.scenario_names(),
            can_undo: self.inner.can_undo(),
            can_redo: self.inner.can_redo(),
        })
    }

    /// Creates a scenario from the baseline (or a copy of `from`) and makes it active.
    #[wasm_bindgen(js_name = newScenario, unchecked_return_type = "Results")]
    pub fn new_scenario(&mut self, name: &str, from: Option<String>) -> Result<JsValue, JsValue> {
        to_js(&self.inner.new_scenario(name, from.as_deref()).map_err(err)?)
    }

    /// Makes another scenario active.
    #[wasm_bindgen(js_name = switchScenario, unchecked_return_type = "Results")]
    pub fn switch_scenario(&mut self, name: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.switch_scenario(name).map_err(err)?)
    }

    /// Deletes a scenario (not the last one).
    #[wasm_bindgen(js_name = deleteScenario)]
    pub fn delete_scenario(&mut self, name: &str) -> Result<(), JsValue> {
        self.inner.delete_scenario(name).map_err(err)
    }

    /// The exact lever value that puts a target's indicator on target, under a mode.
    #[wasm_bindgen(js_name = goalSeek, unchecked_return_type = "GoalResult")]
    pub fn goal_seek(
        &self,
        target: &str,
        lever: &str,
        #[wasm_bindgen(unchecked_param_type = "Mode")] mode_name: &str,
        counts_toward: Option<Vec<String>>,
        offset: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let result = self.inner.goal_seek(target, lever, mode(mode_name)?, &ids(counts_toward), offset.as_deref());
        to_js(&result.map_err(err)?)
    }
}

/// What only the planner's page uses: saving and restoring, documents, plan edits, scenario comparison, compositions,
/// the joint goal seek, explanations. Monthly progress (`monthly.rs`) and the project table (`projects.rs`) are page
/// calls too, in modules of their own.
/// The embed (`--no-default-features`) leaves them out, and the code behind them with them.
#[cfg(feature = "page")]
#[wasm_bindgen]
impl PlanSession {
    /// The plan as loaded, as a schema-1 document (labels, periods, series, breakdowns, targets) without its project
    /// list, which `projectRows` reads a page at a time.
    #[wasm_bindgen(unchecked_return_type = "PlanDocument")]
    pub fn plan(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.plan().outline())
    }

    /// The active scenario as a schema-1 document: save it, and loading it gives back these figures.
    #[wasm_bindgen(unchecked_return_type = "PlanDocument")]
    pub fn document(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.to_document())
    }

    /// A breakdown at one period: the total, each item's amount and exact share, and the unallocated remainder.
    #[wasm_bindgen(unchecked_return_type = "Composition")]
    pub fn composition(&self, breakdown: &str, period: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.composition(breakdown, period).map_err(err)?)
    }

    /// The edits of the active scenario, oldest first.
    #[wasm_bindgen(unchecked_return_type = "Edit[]")]
    pub fn edits(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.edits())
    }

    /// Replaces the plan with `doc` (the plan editor's change): throws a `PlanError` (code, path) and changes nothing
    /// if the plan reader refuses it; otherwise every scenario keeps the edits that still apply.
    #[wasm_bindgen(js_name = replacePlan, unchecked_return_type = "PlanChange")]
    pub fn replace_plan(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PlanDocument")] doc: JsValue,
    ) -> Result<JsValue, JsValue> {
        let doc: serde_json::Value = from_js(doc, "", "a plan document")?;
        to_js(&self.inner.replace_plan(&doc).map_err(err)?)
    }

    /// Undoes the last plan change; null when there is none.
    #[wasm_bindgen(js_name = undoPlan, unchecked_return_type = "PlanChange | null")]
    pub fn undo_plan(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.undo_plan().map_err(err)?)
    }

    /// Makes the last undone plan change again; null when there is none.
    #[wasm_bindgen(js_name = redoPlan, unchecked_return_type = "PlanChange | null")]
    pub fn redo_plan(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.redo_plan().map_err(err)?)
    }

    /// What names series `id`: targets, breakdowns, sums, series within it, scenarios (asked before a deletion).
    #[wasm_bindgen(js_name = seriesReferences, unchecked_return_type = "SeriesReference[]")]
    pub fn series_references(&self, id: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.references(id))
    }

    /// Whether the session is as its plan opens it (the baseline without edits, the plan's own scenarios as they
    /// come): nothing to save.
    pub fn untouched(&self) -> bool {
        self.inner.untouched()
    }

    /// Compares two scenarios ("baseline" is the plan's own figures): values and deltas (pp for shares).
    #[wasm_bindgen(unchecked_return_type = "CompareRow[]")]
    pub fn compare(&self, a: &str, b: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.compare(a, b).map_err(err)?)
    }

    /// The smallest lever value meeting every target that depends on it in `period`, and which target binds.
    #[wasm_bindgen(js_name = goalSeekAll, unchecked_return_type = "GoalResult")]
    pub fn goal_seek_all(
        &self,
        lever: &str,
        period: &str,
        #[wasm_bindgen(unchecked_param_type = "Mode")] mode_name: &str,
        counts_toward: Option<Vec<String>>,
        offset: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let result = self.inner.goal_seek_all(lever, period, mode(mode_name)?, &ids(counts_toward), offset.as_deref());
        to_js(&result.map_err(err)?)
    }

    /// Rebuilds a session saved with `state()`: the plan, then every scenario's edits replayed in order.
    /// With `projects` (bytes from `projectBytes()`), the plan's project list is installed from them before the
    /// edits are replayed: a large list kept apart from the plan document.
    pub fn restore(
        #[wasm_bindgen(unchecked_param_type = "SessionState")] state: JsValue,
        projects: Option<Vec<u8>>,
    ) -> Result<PlanSession, JsValue> {
        let state: serde_json::Value = from_js(state, "state", "a saved session")?;
        let state = crate::session::SessionState::read(&state).map_err(err)?;
        Session::restore_with_projects(&state, projects.as_deref())
            .map(|inner| PlanSession { inner, view: Vec::new() })
            .map_err(err)
    }

    /// The plan's own project list (as loaded or imported, before any scenario's edits) in its compact form, for
    /// `restore(state, projects)`.
    #[wasm_bindgen(js_name = projectBytes)]
    pub fn project_bytes(&self) -> Vec<u8> {
        crate::document::compact::encode(&self.inner.plan().projects)
    }

    /// Everything needed to restore this session later (autosave, a share link): see `restore`. With
    /// `withPlan` false, `plan` is null: a page that keeps a large plan apart (`projectBytes()`) saves only the edits.
    #[wasm_bindgen(unchecked_return_type = "SessionState")]
    pub fn state(&self, #[wasm_bindgen(js_name = withPlan)] with_plan: Option<bool>) -> Result<JsValue, JsValue> {
        if with_plan == Some(false) {
            to_js(
                &serde_json::json!({"plan": null, "scenarios": self.inner.scenario_states(), "active": self.inner.active_scenario()}),
            )
        } else {
            to_js(&self.inner.state())
        }
    }

    /// The active scenario as a schema-1 document in JSON text (`document()` without building objects).
    #[wasm_bindgen(js_name = documentText)]
    pub fn document_text(&self) -> String {
        self.inner.to_document().to_string()
    }

    /// Step-by-step explanation of a target's value and status, in "zh-CN", "zh-TW" or "en".
    #[wasm_bindgen(js_name = explainTarget, unchecked_return_type = "Explanation")]
    pub fn explain_target(&self, target: &str, locale: &str) -> Result<JsValue, JsValue> {
        to_js(&explain_target(&self.inner, target, locale).map_err(err)?)
    }

    /// Step-by-step explanation of a goal-seek answer, with the other mode's answer beside it.
    #[wasm_bindgen(js_name = explainGoal, unchecked_return_type = "Explanation")]
    pub fn explain_goal(
        &self,
        target: &str,
        lever: &str,
        #[wasm_bindgen(unchecked_param_type = "Mode")] mode_name: &str,
        locale: &str,
        counts_toward: Option<Vec<String>>,
        offset: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let e =
            explain_goal(&self.inner, target, lever, mode(mode_name)?, &ids(counts_toward), offset.as_deref(), locale);
        to_js(&e.map_err(err)?)
    }
}

/// Reads a plan's text as published (simplified or traditional, copied from a PDF) into a draft plan, the targets it
/// states with their sentences, and the sentences holding numbers it could not place. `progress(done, total)`, if
/// given, is called as it reads (in characters of the cleaned text). Never throws for any text.
#[cfg(feature = "reader")]
#[wasm_bindgen(js_name = readPlanText, unchecked_return_type = "PlanTextDraft")]
pub fn read_plan_text(text: &str, progress: Option<js_sys::Function>) -> Result<JsValue, JsValue> {
    to_js(&crate::reader::read_plan_text(text, &mut reporter(progress)))
}

/// A progress report `(done, total)` that calls `progress`, if given.
#[cfg(any(feature = "reader", feature = "xlsx"))]
fn reporter(progress: Option<js_sys::Function>) -> impl FnMut(usize, usize) {
    move |done: usize, total: usize| {
        if let Some(f) = &progress {
            // A throwing callback only loses a progress report.
            let _ = f.call2(&JsValue::NULL, &(done as f64).into(), &(total as f64).into());
        }
    }
}

/// Reads a monthly release (a statistics bureau's or planning office's 1—M月 bulletin): its month, the figures it
/// states with their subjects and sentences, and every relation its own figures allow, checked with each published
/// figure taken as the interval its rounding allows. Never throws for any text.
#[cfg(feature = "reader")]
#[wasm_bindgen(js_name = readBulletin, unchecked_return_type = "Bulletin")]
pub fn read_bulletin(text: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::reader::bulletin::read_bulletin(text))
}

/// The plan for a draft's targets as the planner accepted and edited them. Throws a `PlanError` (code, path) for a
/// target the plan cannot take.
#[cfg(feature = "reader")]
#[wasm_bindgen(js_name = planFromDraft, unchecked_return_type = "PlanDocument")]
pub fn plan_from_draft(
    title: Option<String>,
    #[wasm_bindgen(unchecked_param_type = "DraftTarget[]")] targets: JsValue,
) -> Result<JsValue, JsValue> {
    let targets: Vec<crate::reader::DraftTarget> = from_js(targets, "targets", "a list of draft targets")?;
    to_js(&crate::reader::plan_from_targets(title.as_deref(), &targets).map_err(err)?)
}

/// Plan document `doc` without series `id` and everything that names it (see `seriesReferences`).
#[cfg(feature = "page")]
#[wasm_bindgen(js_name = planWithoutSeries, unchecked_return_type = "PlanDocument")]
pub fn plan_without_series(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument")] doc: JsValue,
    id: &str,
) -> Result<JsValue, JsValue> {
    let doc: serde_json::Value = from_js(doc, "", "a plan document")?;
    to_js(&crate::session::plan_edit::without_series(&doc, id))
}

/// The indicator kinds and the fields each takes: `[{kind, fields: [{name, names}]}]`, `names` being `series`,
/// `series_list`, `periods`, `period?` (optional) or `breakdown`.
#[cfg(feature = "page")]
#[wasm_bindgen(js_name = indicatorKinds)]
pub fn indicator_kinds() -> Result<JsValue, JsValue> {
    let list: Vec<serde_json::Value> = crate::model::indicator::KIND_FIELDS
        .iter()
        .map(|(kind, fields)| {
            let fields: Vec<serde_json::Value> =
                fields.iter().map(|(name, names)| serde_json::json!({"name": name, "names": names})).collect();
            serde_json::json!({"kind": kind, "fields": fields})
        })
        .collect();
    to_js(&list)
}

/// The bytes of linear memory the module holds (it grows and never shrinks).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        // Pages of 64 KiB; a count that fits in f64 exactly.
        (core::arch::wasm32::memory_size(0) as f64) * 65536.0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
