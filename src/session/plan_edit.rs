//! The plan editor's changes: a whole new plan document, checked by the plan reader, put in place with every
//! scenario's edits replayed where they still apply, and undone or redone like figure edits. What a series is used
//! by, and the plan without it, so that the page can name what a deletion takes with it and ask first.

use super::Session;
use crate::error::Result;
use crate::model::plan::Plan;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A figure read from a file (a workbook's Figures sheet): series and period ids, the value as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureCell {
    pub series: String,
    pub period: String,
    pub value: String,
}

/// Something in the plan that names a series: a target, a breakdown (as parent or item), a sum, a series lying
/// within it, or a scenario's edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// `target`, `breakdown`, `sum`, `within` or `scenario`.
    pub kind: &'static str,
    pub id: String,
}

/// What a plan change did: how many edits of the scenarios no longer applied and were dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanChange {
    pub dropped: usize,
    pub can_undo: bool,
    pub can_redo: bool,
}

impl Session {
    /// Replaces the plan with `doc`. A document the plan reader refuses changes nothing (its code and the field's
    /// path); otherwise every scenario keeps the edits that still apply, the active one stays active, and the
    /// change can be undone.
    /// A document without a project list (what `plan()` writes: the outline) keeps the plan's projects.
    pub fn replace_plan(&mut self, doc: &Value) -> Result<PlanChange> {
        let mut plan = Plan::from_value(doc)?;
        if doc.get("projects").is_none() && !self.plan.projects.is_empty() {
            plan = plan.with_projects(self.plan.projects.clone())?;
        }
        let before = self.state();
        let (next, dropped) = self.replayed(plan, |_| true)?;
        let mut history = std::mem::take(&mut self.plan_history);
        history.undo.push(before);
        history.redo.clear();
        *self = next;
        self.plan_history = history;
        Ok(self.plan_changed(dropped))
    }

    /// Brings back the plan (and the scenarios) as they were before the last plan change; `None` if there was none.
    pub fn undo_plan(&mut self) -> Result<Option<PlanChange>> {
        let Some(state) = self.plan_history.undo.last().cloned() else { return Ok(None) };
        let restored = Session::restore(&state)?;
        let mut history = std::mem::take(&mut self.plan_history);
        history.undo.pop();
        history.redo.push(self.state());
        *self = restored;
        self.plan_history = history;
        Ok(Some(self.plan_changed(0)))
    }

    /// Makes the last undone plan change again; `None` if there is none.
    pub fn redo_plan(&mut self) -> Result<Option<PlanChange>> {
        let Some(state) = self.plan_history.redo.last().cloned() else { return Ok(None) };
        let restored = Session::restore(&state)?;
        let mut history = std::mem::take(&mut self.plan_history);
        history.redo.pop();
        history.undo.push(self.state());
        *self = restored;
        self.plan_history = history;
        Ok(Some(self.plan_changed(0)))
    }

    fn plan_changed(&self, dropped: usize) -> PlanChange {
        PlanChange {
            dropped,
            can_undo: !self.plan_history.undo.is_empty(),
            can_redo: !self.plan_history.redo.is_empty(),
        }
    }

    /// Monthly actuals from CSV (`document::monthly`), entered as edits of the active scenario (each undoable): all
    /// or none — bad rows are an `Error::Rows` listing each, and an edit the plan refuses (a computed figure) leaves
    /// the session as it was. Returns how many figures were entered.
    pub fn import_monthly(&mut self, text: &str, year: &str, unit: crate::document::csv::Unit) -> Result<usize> {
        let figures = crate::document::monthly::read_monthly_csv(&self.plan, text, year, unit)?;
        let before = self.clone();
        for f in &figures {
            if let Err(e) = self.set_value(&f.series, &f.period, &f.value.normalize().to_string()) {
                *self = before;
                return Err(e);
            }
        }
        Ok(figures.len())
    }

    /// Enters figures read from a file as edits of the active scenario, all or none (the first refused one is the
    /// error). Figures equal to the current ones are passed over; returns how many changed.
    pub fn enter_figures(&mut self, cells: &[FigureCell]) -> Result<usize> {
        let before = self.clone();
        let mut changed = 0;
        for f in cells {
            let now = self
                .plan
                .series_idx(&f.series)
                .zip(self.plan.period_idx(&f.period))
                .and_then(|(s, p)| self.grid.get(s, p).value())
                .and_then(|v| v.to_decimal());
            if now.is_some_and(|v| v.normalize().to_string() == f.value) {
                continue;
            }
            if let Err(e) = self.set_value(&f.series, &f.period, &f.value) {
                *self = before;
                return Err(e);
            }
            changed += 1;
        }
        Ok(changed)
    }

    /// Everything in the plan that names series `id`.
    pub fn references(&self, id: &str) -> Vec<Reference> {
        references(&self.plan.to_document(None, None), id)
    }
}

/// Everything in plan document `doc` that names series `id`.
pub fn references(doc: &Value, id: &str) -> Vec<Reference> {
    let list = |key: &str| doc.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let names = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s == id,
        Some(Value::Array(items)) => items.iter().any(|x| x.as_str() == Some(id)),
        _ => false,
    };
    let own_id =
        |v: &Value| v.get("id").or_else(|| v.get("name")).and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut out = Vec::new();
    for t in list("targets") {
        let indicator = t.get("indicator").and_then(Value::as_object);
        if indicator.is_some_and(|o| o.iter().any(|(k, v)| k != "kind" && names(Some(v)))) {
            out.push(Reference { kind: "target", id: own_id(&t) });
        }
    }
    for b in list("breakdowns") {
        if names(b.get("parent")) || names(b.get("children")) {
            out.push(Reference { kind: "breakdown", id: own_id(&b) });
        }
    }
    for s in list("series") {
        if names(s.get("sum")) {
            out.push(Reference { kind: "sum", id: own_id(&s) });
        }
        if names(s.get("within")) {
            out.push(Reference { kind: "within", id: own_id(&s) });
        }
    }
    for sc in list("scenarios") {
        let edits = sc.get("edits").and_then(Value::as_array).cloned().unwrap_or_default();
        if edits.iter().any(|e| names(e.get("series")) || names(e.get("counts_toward")) || names(e.get("offset"))) {
            out.push(Reference { kind: "scenario", id: own_id(&sc) });
        }
    }
    out
}

/// Plan document `doc` without series `id` and what names it: its targets, the breakdowns it heads, its place in
/// other breakdowns and sums (a sum left empty becomes a figure to type), `within` links to it, scenario edits on it.
pub fn without_series(doc: &Value, id: &str) -> Value {
    let mut doc = doc.clone();
    let is = |v: &Value| v.as_str() == Some(id);
    let Some(root) = doc.as_object_mut() else { return doc };
    if let Some(Value::Array(series)) = root.get_mut("series") {
        series.retain(|s| !s.get("id").is_some_and(is));
        for s in series.iter_mut() {
            let Some(o) = s.as_object_mut() else { continue };
            if o.get("within").is_some_and(is) {
                o.remove("within");
            }
            if let Some(Value::Array(parts)) = o.get_mut("sum") {
                parts.retain(|p| !is(p));
                if parts.is_empty() {
                    o.remove("sum");
                    o.insert("values".into(), Value::Object(serde_json::Map::new()));
                }
            }
        }
    }
    let targets_naming = references(&Value::Object(root.clone()), id);
    if let Some(Value::Array(targets)) = root.get_mut("targets") {
        targets.retain(|t| {
            !targets_naming.iter().any(|r| r.kind == "target" && t.get("id").and_then(Value::as_str) == Some(&r.id))
        });
    }
    if let Some(Value::Array(breakdowns)) = root.get_mut("breakdowns") {
        breakdowns.retain(|b| !b.get("parent").is_some_and(is));
        for b in breakdowns.iter_mut() {
            if let Some(Value::Array(children)) = b.get_mut("children") {
                children.retain(|c| !is(c));
            }
        }
        breakdowns.retain(|b| b.get("children").and_then(Value::as_array).is_some_and(|c| !c.is_empty()));
    }
    // A remainder target of a breakdown that is gone goes with it.
    let kept: Vec<String> = root
        .get("breakdowns")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(|b| b.get("id").and_then(Value::as_str).map(str::to_owned)).collect())
        .unwrap_or_default();
    if let Some(Value::Array(targets)) = root.get_mut("targets") {
        targets.retain(|t| {
            let i = t.get("indicator");
            i.and_then(|i| i.get("breakdown")).and_then(Value::as_str).is_none_or(|b| kept.iter().any(|k| k == b))
        });
    }
    if let Some(Value::Array(scenarios)) = root.get_mut("scenarios") {
        for sc in scenarios.iter_mut() {
            if let Some(Value::Array(edits)) = sc.get_mut("edits") {
                edits.retain(|e| {
                    let names = |k: &str| match e.get(k) {
                        Some(Value::String(s)) => s == id,
                        Some(Value::Array(items)) => items.iter().any(|x| x.as_str() == Some(id)),
                        _ => false,
                    };
                    !(names("series") || names("counts_toward") || names("offset"))
                });
            }
        }
    }
    doc
}

/// The TypeScript declarations of the plan editor's results (`src/wasm.rs` adds them to the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** Something in a plan that names a series. */
export interface SeriesReference { kind: "target" | "breakdown" | "sum" | "within" | "scenario"; id: string; }
/** A plan change made: how many scenario edits no longer applied and were dropped; whether undo/redo are possible. */
export interface PlanChange { dropped: number; can_undo: boolean; can_redo: boolean; }
/** A figure read from a file: series and period ids, the value as written. */
export interface FigureCell { series: string; period: string; value: string; }
/** Where a release's figure would go: series, month, amount in the series' unit, the figure now, whether to enter it. */
export interface ReleaseMatch { series: string | null; period: string | null; value: string | null; current: string | null; enter: boolean; code: string | null; note: Text | null; }
/** A workbook's sheet described for import: what it most likely holds and its first rows. */
export interface SheetSummary { name: string; rows: number; columns: number; kind: "figures" | "targets" | "projects" | "other"; preview: string[][]; }
"#;
