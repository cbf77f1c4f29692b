//! An editing session over one plan: named scenarios over one baseline, edits with undo and redo,
//! comparisons, goal seek. Every operation validates before it changes anything.

use super::checks::{check, check_subject, subjects, SubjectEntry, Warning, WarningGroup};
use super::goal::{check_room, solve, Figures, Lever, Mode, Side, Solution, Unreachable};
use super::grid::{distinct_sorted, plan_inputs, sum_dependents, Cell, Grid, Inputs};
use super::indicator::{Quantity, Unit};
use super::target::{evaluate, lever_period, Status, TargetResult};
use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::json::{as_str, index, join, Obj};
use crate::number::{parse_decimal, parse_exact};
use crate::plan::{check_sign, exact_text, Comparator, Plan, SeriesKind};
use crate::projects::{apply_amount, AmountOp, Field, Filter, ProjectValues, Row, STAGES};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// The name under which the plan's own figures can be compared.
pub const BASELINE: &str = "baseline";

/// What an edit does to its series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Set the value ("2,040"; a fraction "5900/7" is exact); an empty text clears it.
    Set(String),
    /// Add an amount (negative to take away).
    Add(String),
    /// Change by a percentage of the current value (+10 → × 1.1).
    Percent(String),
    /// Projects only: the completed amount reaches this percentage of the annual plan ("85").
    Reach(String),
}

impl Default for Op {
    fn default() -> Self {
        Op::Set(String::new())
    }
}

/// One edit, as the JS API and saved scenarios write it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Edit {
    /// The input series edited; empty for an edit to projects.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub series: String,
    /// One project, by id …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// … or every project matching a filter (`{"ownership": ["private"]}`), for a bulk edit.
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub filter: Option<serde_json::Value>,
    /// For projects: `annual` (default), `completed`, `total` or `stage` (set to a stage name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default)]
    pub period: String,
    #[serde(flatten)]
    pub op: Op,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts_toward: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
}

impl Edit {
    /// Reads an edit from JSON, as the JS API receives it; every error names its field (`edit.mode`). Amounts may be
    /// strings as typed or JSON numbers (read by their printed digits). Exactly one of `set`, `add`, `percent` or
    /// `reach`.
    pub fn from_value(value: &serde_json::Value, path: &str) -> Result<Edit> {
        let o = Obj::new(value, path)
            .map_err(|_| Error::Invalid { path: path.to_owned(), reason: "expected an edit object".into() })?;
        let text = |key: &str| o.opt_str(key).map(|t| t.map(str::to_owned));
        // An amount may also be a JSON number, kept as its printed digits.
        let amount = |key: &str| match o.get(key) {
            Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
            _ => text(key),
        };
        let mut ops = Vec::new();
        for (key, make) in
            [("set", Op::Set as fn(String) -> Op), ("add", Op::Add), ("percent", Op::Percent), ("reach", Op::Reach)]
        {
            if let Some(t) = amount(key)? {
                ops.push(make(t));
            }
        }
        let op = match (ops.pop(), ops.is_empty()) {
            (Some(op), true) => op,
            _ => {
                let reason = "an edit needs exactly one of set, add, percent or reach".into();
                return Err(Error::Invalid { path: path.to_owned(), reason });
            }
        };
        let counts_path = o.field_path("counts_toward");
        let counts_toward = o
            .opt_array("counts_toward")?
            .iter()
            .enumerate()
            .map(|(i, v)| as_str(v, &index(&counts_path, i)).map(str::to_owned))
            .collect::<Result<_>>()?;
        Ok(Edit {
            series: text("series")?.unwrap_or_default(),
            project: text("project")?,
            filter: o.get("where").cloned(),
            field: text("field")?,
            period: text("period")?.unwrap_or_default(),
            op,
            mode: Mode::parse(o.opt_str("mode")?.unwrap_or_default(), &o.field_path("mode"))?,
            counts_toward,
            offset: text("offset")?,
        })
    }
}

/// One input cell an edit changes: `(series, period, before, after)`.
type CellChange = (usize, usize, Option<Exact>, Option<Exact>);

/// One project an edit changes: `(row, before, after)`.
type RowChange = (usize, Row, Row);

/// One applied edit with the values it replaced, for undo and redo.
#[derive(Debug, Clone, PartialEq)]
struct Change {
    edit: Edit,
    cells: Vec<CellChange>,
    /// Projects the change edits: `(row, before, after)`.
    rows: Vec<RowChange>,
    /// Made by `set_value` (typing, a slider): the next `set_value` on the same figure joins this change.
    typed: bool,
}

impl Change {
    /// Whether `next` continues this change: both typed into the same figure.
    fn continued_by(&self, next: &Change) -> bool {
        self.typed && next.typed && self.edit.series == next.edit.series && self.edit.period == next.edit.period
    }

    /// This change followed by `next`, as one: each cell from its first value to its last.
    fn merge(&mut self, next: Change) {
        for (s, p, before, after) in next.cells {
            match self.cells.iter_mut().find(|c| c.0 == s && c.1 == p) {
                Some(c) => c.3 = after,
                None => self.cells.push((s, p, before, after)),
            }
        }
        self.edit = next.edit;
    }
}

/// A named set of edits over the baseline.
#[derive(Debug, Clone, PartialEq)]
struct Scenario {
    name: String,
    inputs: Inputs,
    /// The projects' stages and amounts in this scenario.
    projects: Option<ProjectValues>,
    done: Vec<Change>,
    undone: Vec<Change>,
}

/// A series' values, by period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesResult {
    pub id: String,
    pub values: Vec<Option<Quantity>>,
}

/// A breakdown's unallocated remainder (parent − Σ children) and its share of the parent, by period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakdownResult {
    pub id: String,
    pub remainder: Vec<Option<Quantity>>,
    pub remainder_share: Vec<Option<Quantity>>,
}

/// A breakdown at one period, for a composition chart: the total, each item with its share of the total (exact,
/// so a full breakdown's shares add up to 100 before rounding), and the unallocated remainder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composition {
    pub id: String,
    pub parent: String,
    pub period: String,
    pub total: Option<Quantity>,
    pub items: Vec<CompositionItem>,
    pub remainder: Option<Quantity>,
    pub remainder_share: Option<Quantity>,
}

/// One item of a [`Composition`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositionItem {
    pub id: String,
    pub value: Option<Quantity>,
    /// item ÷ total × 100; `None` without both figures or when the total is zero.
    pub share: Option<Quantity>,
}

/// Every result the session computes for one scenario, in plan order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    pub scenario: String,
    pub series: Vec<SeriesResult>,
    pub breakdowns: Vec<BreakdownResult>,
    pub targets: Vec<TargetResult>,
    pub warnings: Vec<Warning>,
}

/// One figure an edit changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesChange {
    pub id: String,
    pub period: String,
    pub value: Option<Quantity>,
}

/// What an edit (or undo, redo) changed: every figure, target and breakdown whose result differs, and the
/// warnings when they differ. Patching a copy of [`Results`] with it gives the new results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub scenario: String,
    pub series: Vec<SeriesChange>,
    pub targets: Vec<TargetResult>,
    pub breakdowns: Vec<BreakdownResult>,
    /// The warning groups that changed, each with all its current warnings (possibly none): replace every warning
    /// of that `subject` with them.
    pub warnings: Vec<WarningGroup>,
}

/// What an edit (or undo, redo) changed, by position: the figures `(series, period)`, the targets, breakdowns and
/// check subjects (in plan order) whose results differ; [`Session::outcome`] gathers them into an [`Outcome`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Changes {
    series: Vec<(usize, usize)>,
    targets: Vec<usize>,
    breakdowns: Vec<usize>,
    subjects: Vec<usize>,
}

impl Outcome {
    /// The ids of the targets whose result changed.
    pub fn changed_targets(&self) -> Vec<&str> {
        self.targets.iter().map(|t| t.id.as_str()).collect()
    }
}

/// One row of a comparison: a figure in two scenarios and the difference (pp for shares).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareRow {
    /// `target` or `series`.
    pub kind: String,
    pub id: String,
    pub period: String,
    pub a: Option<Quantity>,
    pub b: Option<Quantity>,
    pub delta: Option<Quantity>,
    pub status_a: Option<Status>,
    pub status_b: Option<Status>,
}

/// A goal-seek answer for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalResult {
    pub target: String,
    pub lever: String,
    pub period: String,
    pub mode: Mode,
    pub outcome: GoalOutcome,
}

/// Reachable with the lever value and the edit that applies it, or unreachable with the reason.
// A value handed back once per question, never stored in bulk: the size difference does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum GoalOutcome {
    Reachable {
        /// The lever's value now.
        from: Quantity,
        /// The lever's value that puts the indicator exactly on target.
        value: Quantity,
        /// value − from.
        delta: Quantity,
        /// Whether values above (`at_least`) or below (`at_most`) the answer also meet the target.
        side: Side,
        /// The edit that applies the answer exactly (a fraction where the decimal does not terminate).
        edit: Edit,
        /// The target this answer binds on (for a joint answer: the one that needs the most).
        binding: String,
    },
    Unreachable(Unreachable),
}

/// A session saved: the plan document, every scenario's edits, and the active scenario's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    pub plan: serde_json::Value,
    pub scenarios: Vec<ScenarioState>,
    pub active: String,
}

/// One scenario saved: its name and its edits in the order they were applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioState {
    pub name: String,
    pub edits: Vec<Edit>,
}

/// A plan, its baseline figures and named scenarios of edits over it.
#[derive(Debug, Clone)]
pub struct Session {
    plan: Plan,
    baseline: Grid,
    scenarios: Vec<Scenario>,
    active: usize,
    grid: Grid,
    /// The results of the active scenario, kept current so that an edit recomputes only what it reaches
    /// (warnings are kept in `warning_groups`).
    results: Results,
    /// For each series, the targets whose indicator reads it.
    readers: Vec<Vec<usize>>,
    /// The check subjects with the series each reads, and the current warnings of each.
    subjects: Vec<SubjectEntry>,
    warning_groups: Vec<Vec<Warning>>,
    /// For each series, the sums containing it (in evaluation order), and each series' place in that order.
    dependents: Vec<Vec<usize>>,
    order_pos: Vec<usize>,
}

impl Session {
    /// Starts a session with one scenario, "scenario 1", holding the plan's own figures.
    pub fn new(plan: Plan) -> Self {
        let inputs = plan_inputs(&plan);
        let baseline = Grid::compute(&plan, &inputs);
        let first = Scenario {
            name: "scenario 1".into(),
            inputs,
            projects: plan.projects.values.clone(),
            done: Vec::new(),
            undone: Vec::new(),
        };
        let mut readers = vec![Vec::new(); plan.series.len()];
        for (t, target) in plan.targets.iter().enumerate() {
            for s in target.indicator.inputs(&plan) {
                if let Some(list) = readers.get_mut(s) {
                    list.push(t);
                }
            }
        }
        let empty = Results {
            scenario: String::new(),
            series: Vec::new(),
            breakdowns: Vec::new(),
            targets: Vec::new(),
            warnings: Vec::new(),
        };
        let subjects = subjects(&plan);
        let dependents = sum_dependents(&plan);
        let mut order_pos = vec![0; plan.series.len()];
        for (i, &s) in plan.order.iter().enumerate() {
            if let Some(slot) = order_pos.get_mut(s) {
                *slot = i;
            }
        }
        let mut session = Session {
            grid: baseline.clone(),
            baseline,
            plan,
            scenarios: vec![first],
            active: 0,
            results: empty,
            readers,
            subjects,
            warning_groups: Vec::new(),
            dependents,
            order_pos,
        };
        session.recompute();
        session
    }

    /// Starts a session from plan JSON text.
    pub fn from_json(text: &str) -> Result<Self> {
        Plan::from_json(text).map(Session::new)
    }

    /// The plan as loaded (baseline figures).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    fn scenario(&self) -> &Scenario {
        // `active` always indexes an existing scenario; the fallback is never taken.
        self.scenarios.get(self.active).or_else(|| self.scenarios.first()).unwrap_or_else(|| unreachable_scenario())
    }

    /// The name of the scenario being edited.
    pub fn active_scenario(&self) -> &str {
        &self.scenario().name
    }

    /// The scenario names, in order of creation.
    pub fn scenario_names(&self) -> Vec<String> {
        self.scenarios.iter().map(|s| s.name.clone()).collect()
    }

    /// The edits applied in the active scenario, oldest first.
    pub fn edits(&self) -> Vec<Edit> {
        self.scenario().done.iter().map(|c| c.edit.clone()).collect()
    }

    /// Every result for the active scenario.
    pub fn results(&self) -> Results {
        let mut results = self.results.clone();
        results.warnings = self.warning_groups.concat();
        results
    }

    fn series_value(&self, grid: &Grid, s: usize, p: usize) -> Option<Quantity> {
        let unit = self.plan.series.get(s).map_or(self.plan.unit.as_str(), |x| x.unit.as_str());
        grid.get(s, p).value().and_then(|v| Quantity::with_fraction(&v, Unit::Amount, unit, &self.plan.rounding))
    }

    fn results_for(&self, name: &str, grid: &Grid) -> Results {
        let plan = &self.plan;
        let series = plan
            .series
            .iter()
            .enumerate()
            .map(|(s, x)| SeriesResult {
                id: x.id.clone(),
                values: (0..plan.periods.len()).map(|p| self.series_value(grid, s, p)).collect(),
            })
            .collect();
        let breakdowns = plan.breakdowns.iter().enumerate().map(|(i, b)| self.breakdown_result(i, b, grid)).collect();
        let targets = plan.targets.iter().map(|t| evaluate(plan, grid, &self.baseline, t)).collect();
        Results { scenario: name.to_owned(), series, breakdowns, targets, warnings: Vec::new() }
    }

    /// The active scenario's results computed from scratch, bypassing the incremental path (for tests that check
    /// that the two always agree).
    pub fn results_from_scratch(&self) -> Results {
        let mut results = self.results_for(&self.scenario().name, &self.grid);
        results.warnings = check(&self.plan, &self.grid, &self.baseline);
        results
    }

    /// Breakdown `i`'s unallocated remainder and its share, period by period.
    fn breakdown_result(&self, i: usize, b: &crate::plan::Breakdown, grid: &Grid) -> BreakdownResult {
        let plan = &self.plan;
        let r = &plan.rounding;
        let unit = plan.series.get(b.parent).map_or(plan.unit.as_str(), |s| s.unit.as_str());
        let rest: Vec<Option<(Exact, Exact)>> = (0..plan.periods.len())
            .map(|p| {
                let parent = grid.get(b.parent, p).value()?;
                let sum = grid.children_sum(i, p).value()?;
                Some((parent.checked_sub(&sum)?, parent))
            })
            .collect();
        BreakdownResult {
            id: b.id.clone(),
            remainder: rest.iter().map(|x| x.and_then(|(v, _)| Quantity::new(&v, Unit::Amount, unit, r))).collect(),
            remainder_share: rest
                .iter()
                .map(|x| {
                    let (v, parent) = (*x)?;
                    let share = v.checked_mul(&Exact::HUNDRED)?.checked_div(&parent)?;
                    Quantity::new(&share, Unit::Percent, "%", r)
                })
                .collect(),
        }
    }

    /// A breakdown of the active scenario at one period: each item's amount and share of the total.
    pub fn composition(&self, breakdown: &str, period: &str) -> Result<Composition> {
        let plan = &self.plan;
        let (i, b) = plan
            .breakdowns
            .iter()
            .enumerate()
            .find(|(_, b)| b.id == breakdown)
            .ok_or_else(|| Error::UnknownId { path: "breakdown".into(), id: breakdown.to_owned() })?;
        let p =
            plan.period_idx(period).ok_or_else(|| Error::UnknownId { path: "period".into(), id: period.to_owned() })?;
        let total = self.grid.get(b.parent, p).value().filter(|t| !t.is_zero());
        let items = b
            .children
            .iter()
            .map(|&c| {
                let v = self.grid.get(c, p).value();
                let share = v
                    .zip(total)
                    .and_then(|(v, t)| v.checked_mul(&Exact::HUNDRED)?.checked_div(&t))
                    .and_then(|x| Quantity::with_fraction(&x, Unit::Percent, "%", &plan.rounding));
                CompositionItem { id: plan.series_id(c).to_owned(), value: self.series_value(&self.grid, c, p), share }
            })
            .collect();
        let rest = self.results.breakdowns.get(i);
        Ok(Composition {
            id: b.id.clone(),
            parent: plan.series_id(b.parent).to_owned(),
            period: period.to_owned(),
            total: self.series_value(&self.grid, b.parent, p),
            items,
            remainder: rest.and_then(|r| r.remainder.get(p).cloned().flatten()),
            remainder_share: rest.and_then(|r| r.remainder_share.get(p).cloned().flatten()),
        })
    }

    fn series_index(&self, id: &str, path: &str) -> Result<usize> {
        self.plan.series_idx(id).ok_or_else(|| Error::UnknownId { path: path.to_owned(), id: id.to_owned() })
    }

    /// Sets a series' value in a period from text as typed, with the total held (substitute mode).
    /// Consecutive calls on the same figure form one step of undo, as typing and dragging a slider produce them.
    pub fn set_value(&mut self, series: &str, period: &str, text: &str) -> Result<Outcome> {
        let changes = self.apply_edit(
            Edit {
                series: series.to_owned(),
                period: period.to_owned(),
                op: Op::Set(text.to_owned()),
                mode: Mode::Substitute,
                ..Edit::default()
            },
            true,
        )?;
        Ok(self.outcome(&changes))
    }

    /// Applies an edit to the active scenario; on error nothing changes.
    pub fn apply(&mut self, edit: Edit) -> Result<Outcome> {
        let changes = self.apply_edit(edit, false)?;
        Ok(self.outcome(&changes))
    }

    fn apply_edit(&mut self, edit: Edit, typed: bool) -> Result<Changes> {
        let (cells, rows) = if edit.project.is_some() || edit.filter.is_some() {
            self.plan_project_change(&edit)?
        } else {
            (self.plan_change(&edit)?, Vec::new())
        };
        let updates = self.propagate(&cells, true);
        // A sum that would leave the range of a decimal refuses the edit before anything changes.
        if let Some(&(s, p, _)) = updates.iter().find(|u| u.2 == Cell::Overflow) {
            return Err(Error::Overflow { path: join(&join(&index("series", s), "values"), self.plan.period_id(p)) });
        }
        Ok(self.install(Change { edit, cells, rows, typed }, &updates, true))
    }

    /// The grid cells a change writes: its input cells (after the change, or before it when undoing), then every sum
    /// that contains them, recomputed in evaluation order. Nothing else in the grid can change.
    fn propagate(&self, cells: &[CellChange], forward: bool) -> Vec<(usize, usize, Cell)> {
        let as_cell = |v: Option<Exact>| v.map_or(Cell::NoData, Cell::Value);
        let mut out: Vec<(usize, usize, Cell)> =
            cells.iter().map(|&(s, p, before, after)| (s, p, as_cell(if forward { after } else { before }))).collect();
        // Each sum to recompute as one number, evaluation position × periods + period: in ascending order they come
        // in evaluation order.
        let periods = self.plan.periods.len().max(1);
        let mut sums: Vec<usize> = Vec::new();
        for &(s, p, _, _) in cells {
            for &d in self.dependents.get(s).into_iter().flatten() {
                sums.push(self.order_pos.get(d).copied().unwrap_or(0) * periods + p);
            }
        }
        for key in distinct_sorted(&sums, self.plan.order.len() * periods) {
            let (Some(&d), p) = (self.plan.order.get(key / periods), key % periods) else { continue };
            if let Some(SeriesKind::Sum(parts)) = self.plan.series.get(d).map(|x| &x.kind) {
                let cell = self.grid.sum(parts, p, &out);
                out.push((d, p, cell));
            }
        }
        out
    }

    /// Works out every cell an edit changes, validating all of them first.
    fn plan_change(&self, edit: &Edit) -> Result<Vec<CellChange>> {
        let s = self.series_index(&edit.series, "edit.series")?;
        let p = self
            .plan
            .period_idx(&edit.period)
            .ok_or_else(|| Error::UnknownId { path: "edit.period".into(), id: edit.period.clone() })?;
        let series = self
            .plan
            .series
            .get(s)
            .ok_or_else(|| Error::UnknownId { path: "edit.series".into(), id: edit.series.clone() })?;
        match series.kind {
            SeriesKind::Input => {}
            SeriesKind::Sum(_) => {
                return Err(Error::Invalid {
                    path: "edit.series".into(),
                    reason: format!("\"{}\" is the sum of other series; edit its parts", edit.series),
                })
            }
            SeriesKind::Projects(_) => {
                return Err(Error::Invalid {
                    path: "edit.series".into(),
                    reason: format!("\"{}\" adds up projects; edit the projects", edit.series),
                })
            }
        }
        let lever = self.lever(s, p, edit.mode, &edit.counts_toward, edit.offset.as_deref())?;
        let inputs = &self.scenario().inputs;
        let old = inputs.get(s).and_then(|r| r.get(p)).copied().flatten();
        let path = || join(&join(&index("series", s), "values"), &edit.period);
        let overflow = || Error::Overflow { path: path() };
        let new = match &edit.op {
            Op::Reach(_) => {
                return Err(Error::Invalid { path: "edit.reach".into(), reason: "reach applies to projects".into() })
            }
            Op::Set(text) if text.trim().is_empty() => None,
            Op::Set(text) => Some(parse_exact(text, "").map_err(|e| e.at(&path()))?),
            Op::Add(text) => {
                let d = parse_exact(text, "edit.add")?;
                Some(old.unwrap_or(Exact::ZERO).checked_add(&d).ok_or_else(overflow)?)
            }
            Op::Percent(text) => {
                let pct = parse_decimal(text, "edit.percent")?;
                let factor = Exact::HUNDRED.checked_add(&Exact::from(pct)).and_then(|f| f.checked_div(&Exact::HUNDRED));
                let base = old.ok_or_else(|| Error::Invalid {
                    path: path(),
                    reason: "there is no figure to change by a percentage".into(),
                })?;
                Some(factor.and_then(|f| base.checked_mul(&f)).ok_or_else(overflow)?)
            }
        };
        if let Some(v) = &new {
            check_sign(v, series.allow_negative, "").map_err(|e| e.at(&path()))?;
        }
        let delta = match (&new, &old) {
            (Some(n), Some(o)) => n.checked_sub(o).ok_or_else(overflow)?,
            (Some(n), None) => *n,
            (None, Some(o)) => o.neg(),
            (None, None) => Exact::ZERO,
        };
        let mut cells = vec![(s, p, old, new)];
        for (t, coef) in lever.coefficients(&self.plan) {
            if t == s || !matches!(self.plan.series.get(t).map(|x| &x.kind), Some(SeriesKind::Input)) {
                continue;
            }
            let Some(before) = inputs.get(t).and_then(|r| r.get(p)).copied().flatten() else { continue };
            let tpath = || join(&join(&index("series", t), "values"), &edit.period);
            let after = coef
                .checked_mul(&delta)
                .and_then(|d| before.checked_add(&d))
                .ok_or_else(|| Error::Overflow { path: tpath() })?;
            check_sign(&after, self.plan.series.get(t).is_some_and(|x| x.allow_negative), "")
                .map_err(|e| e.at(&tpath()))?;
            cells.push((t, p, Some(before), Some(after)));
        }
        Ok(cells)
    }

    /// Works out an edit to one project or to every project matching a filter: each project's new state, and the
    /// change in every series over projects that it reaches. Nothing else is touched, whatever the list's size.
    fn plan_project_change(&self, edit: &Edit) -> Result<(Vec<CellChange>, Vec<RowChange>)> {
        let plan = &self.plan;
        let projects = &plan.projects;
        let values = self.scenario().projects.as_ref().ok_or_else(|| Error::Invalid {
            path: "edit.project".into(),
            reason: "the plan lists no projects".into(),
        })?;
        if !edit.series.is_empty() {
            return Err(Error::Invalid {
                path: "edit.series".into(),
                reason: "an edit changes a series or projects, not both".into(),
            });
        }
        let rows: Vec<usize> = match (&edit.project, &edit.filter) {
            (Some(id), None) => vec![projects
                .row_of(id)
                .ok_or_else(|| Error::UnknownId { path: "edit.project".into(), id: id.clone() })?],
            (None, Some(w)) => {
                let filter = Filter::read(Some(w), "edit.where", projects)?;
                let stage = |r: usize| values.stage.get(r).copied().unwrap_or(0);
                projects.info.iter().enumerate().filter(|(r, i)| filter.matches(i, stage(*r))).map(|(r, _)| r).collect()
            }
            _ => {
                return Err(Error::Invalid {
                    path: "edit.project".into(),
                    reason: "give either a project or a filter (where)".into(),
                })
            }
        };
        let field_name = edit.field.as_deref().unwrap_or("annual");
        let period = || {
            plan.period_idx(&edit.period)
                .ok_or_else(|| Error::UnknownId { path: "edit.period".into(), id: edit.period.clone() })
        };
        let number = |text: &str, key: &str| parse_decimal(text, &format!("edit.{key}"));
        // The new state of each project reached.
        let mut changed: Vec<RowChange> = Vec::new();
        let touched_periods: Vec<usize>;
        // The amount edited, if it is one (not a stage).
        let amount_field: Option<Field>;
        if field_name == "stage" {
            let Op::Set(name) = &edit.op else {
                return Err(Error::Invalid { path: "edit.set".into(), reason: "a stage is set, not added to".into() });
            };
            let code = projects.stages.code(name.trim()).ok_or_else(|| Error::Invalid {
                path: "edit.set".into(),
                reason: format!("\"{name}\" is not a stage ({})", STAGES.join(", ")),
            })?;
            for &r in &rows {
                let before = values.row(r);
                if before.stage != code {
                    let mut after = before.clone();
                    after.stage = code;
                    changed.push((r, before, after));
                }
            }
            touched_periods = (0..plan.periods.len()).collect();
            amount_field = None;
        } else {
            let field = Field::read(field_name, "edit.field")?;
            let p = if field == Field::Total { 0 } else { period()? };
            let op = match &edit.op {
                Op::Set(t) => AmountOp::Set(number(t, "set")?),
                Op::Add(t) => AmountOp::Add(number(t, "add")?),
                Op::Percent(t) => AmountOp::Percent(number(t, "percent")?),
                Op::Reach(t) if field == Field::Completed => AmountOp::Reach(number(t, "reach")?),
                Op::Reach(_) => {
                    return Err(Error::Invalid {
                        path: "edit.reach".into(),
                        reason: "reach applies to the completed amount".into(),
                    })
                }
            };
            for &r in &rows {
                let before = values.row(r);
                let mut after = before.clone();
                let path = || join(&join(&index("projects", r), field.name()), &edit.period);
                apply_amount(&mut after, p, field, op, path)?;
                if after != before {
                    changed.push((r, before, after));
                }
            }
            touched_periods = if field == Field::Total { (0..plan.periods.len()).collect() } else { vec![p] };
            amount_field = Some(field);
        }
        // What each series over projects gains or loses, from the projects' states before and after.
        let mut cells = Vec::new();
        for (s, series) in plan.series.iter().enumerate() {
            let SeriesKind::Projects(q) = &series.kind else { continue };
            for &p in &touched_periods {
                let mut delta = Decimal::ZERO;
                for (r, before, after) in &changed {
                    let Some(info) = projects.info.get(*r) else { continue };
                    let d = q.part(info, after, p).checked_sub(q.part(info, before, p));
                    delta = d.and_then(|d| delta.checked_add(d)).ok_or_else(|| Error::Overflow {
                        path: join(&join(&index("series", s), "projects"), plan.period_id(p)),
                    })?;
                }
                if delta.is_zero() {
                    continue;
                }
                let old = self.scenario().inputs.get(s).and_then(|x| x.get(p)).copied().flatten();
                let new = old.unwrap_or(Exact::ZERO).checked_add(&Exact::from(delta)).ok_or_else(|| {
                    Error::Overflow { path: join(&join(&index("series", s), "projects"), plan.period_id(p)) }
                })?;
                cells.push((s, p, old, Some(new)));
            }
        }
        if let (Mode::Additive, Some(field)) = (edit.mode, amount_field) {
            cells.extend(self.new_investment(&changed, &touched_periods, field)?);
        }
        Ok((cells, changed))
    }

    /// Under additive mode a project's change is new investment: every input total that contains the projects
    /// (through `within` or a breakdown) rises with it — once per total, however many series over projects lie in it.
    fn new_investment(&self, changed: &[RowChange], periods: &[usize], field: Field) -> Result<Vec<CellChange>> {
        let plan = &self.plan;
        // For each series over the edited field: the input totals containing it.
        let mut holders: Vec<(usize, Vec<usize>)> = Vec::new();
        for (s, series) in plan.series.iter().enumerate() {
            let SeriesKind::Projects(q) = &series.kind else { continue };
            if q.field != field {
                continue;
            }
            let inputs = plan.input_containers(&[s]);
            if !inputs.is_empty() {
                holders.push((s, inputs));
            }
        }
        let mut bumps: Vec<(usize, usize, Decimal)> = Vec::new();
        let mut reached = Vec::new();
        for (r, before, after) in changed {
            let Some(info) = plan.projects.info.get(*r) else { continue };
            reached.clear();
            for (s, inputs) in &holders {
                let Some(SeriesKind::Projects(q)) = plan.series.get(*s).map(|x| &x.kind) else { continue };
                if q.filter.matches(info, after.stage) {
                    for h in inputs {
                        if !reached.contains(h) {
                            reached.push(*h);
                        }
                    }
                }
            }
            for &h in &reached {
                for &p in periods {
                    let overflow = || Error::Overflow { path: join(&index("projects", *r), field.name()) };
                    let d = after
                        .amount(p, field)
                        .unwrap_or(Decimal::ZERO)
                        .checked_sub(before.amount(p, field).unwrap_or(Decimal::ZERO))
                        .ok_or_else(overflow)?;
                    match bumps.iter_mut().find(|(x, y, _)| *x == h && *y == p) {
                        Some(b) => b.2 = b.2.checked_add(d).ok_or_else(overflow)?,
                        None => bumps.push((h, p, d)),
                    }
                }
            }
        }
        let mut cells = Vec::new();
        for (h, p, d) in bumps {
            // A total without a figure gets none: new investment adds to what is there.
            let Some(old) = self.scenario().inputs.get(h).and_then(|x| x.get(p)).copied().flatten() else { continue };
            if d.is_zero() {
                continue;
            }
            let new = old.checked_add(&Exact::from(d)).ok_or_else(|| Error::Overflow {
                path: join(&join(&index("series", h), "values"), plan.period_id(p)),
            })?;
            cells.push((h, p, Some(old), Some(new)));
        }
        Ok(cells)
    }

    fn lever(&self, s: usize, p: usize, mode: Mode, counts_toward: &[String], offset: Option<&str>) -> Result<Lever> {
        let counts_toward = counts_toward
            .iter()
            .enumerate()
            .map(|(i, id)| self.series_index(id, &index("edit.counts_toward", i)))
            .collect::<Result<Vec<_>>>()?;
        let offset = offset.map(|id| self.series_index(id, "edit.offset")).transpose()?;
        if offset.is_some() && mode == Mode::Additive {
            return Err(Error::Invalid {
                path: "edit.offset".into(),
                reason: "an offset goes with substitute mode".into(),
            });
        }
        Ok(Lever { series: s, period: p, mode, counts_toward, offset })
    }

    /// Makes a validated change part of the active scenario (`updates` from [`Self::propagate`]); `fresh` clears the
    /// redo stack.
    fn install(&mut self, change: Change, updates: &[(usize, usize, Cell)], fresh: bool) -> Changes {
        let active = self.active;
        if let Some(sc) = self.scenarios.get_mut(active) {
            for &(s, p, _, after) in &change.cells {
                if let Some(slot) = sc.inputs.get_mut(s).and_then(|r| r.get_mut(p)) {
                    *slot = after;
                }
            }
            if let Some(values) = &mut sc.projects {
                for (r, _, after) in &change.rows {
                    values.set_row(*r, after);
                }
            }
            match sc.done.last_mut() {
                Some(last) if fresh && sc.undone.is_empty() && last.continued_by(&change) => last.merge(change),
                _ => sc.done.push(change),
            }
            if fresh {
                sc.undone.clear();
            }
        }
        self.write(updates)
    }

    /// Writes grid updates and refreshes the results they reach.
    fn write(&mut self, updates: &[(usize, usize, Cell)]) -> Changes {
        let mut changed = Vec::with_capacity(updates.len());
        for &(s, p, cell) in updates {
            if !same_cell(self.grid.get(s, p), cell) {
                self.grid.set(s, p, cell);
                changed.push((s, p));
            }
        }
        self.grid.resum_children(&self.plan, &changed);
        self.refresh(&changed)
    }

    /// Recomputes the active scenario from scratch (after switching scenarios).
    fn recompute(&mut self) {
        self.grid = Grid::compute(&self.plan, &self.scenario().inputs);
        self.warning_groups = self
            .subjects
            .iter()
            .map(|e| check_subject(&self.plan, &self.grid, &self.baseline, e.subject, &e.key))
            .collect();
        // Warnings live in `warning_groups`; `results()` assembles them.
        self.results = self.results_for(&self.scenario().name, &self.grid);
    }

    /// Brings the cached results up to date after the figures in `changed` changed, recomputing only what they
    /// reach, and reports what changed.
    fn refresh(&mut self, changed: &[(usize, usize)]) -> Changes {
        let plan = &self.plan;
        let mut touched = vec![false; plan.series.len()];
        for &(s, _) in changed {
            if let Some(flag) = touched.get_mut(s) {
                *flag = true;
            }
        }
        for &(s, p) in changed {
            let value = self.series_value(&self.grid, s, p);
            if let Some(slot) = self.results.series.get_mut(s).and_then(|x| x.values.get_mut(p)) {
                *slot = value;
            }
        }
        let reached: Vec<usize> = touched
            .iter()
            .enumerate()
            .filter(|(_, t)| **t)
            .flat_map(|(s, _)| self.readers.get(s).into_iter().flatten().copied())
            .collect();
        let mut targets = distinct_sorted(&reached, plan.targets.len());
        targets.retain(|&t| {
            let Some(spec) = plan.targets.get(t) else { return false };
            let fresh = evaluate(plan, &self.grid, &self.baseline, spec);
            match self.results.targets.get_mut(t) {
                Some(slot) if *slot != fresh => {
                    *slot = fresh;
                    true
                }
                _ => false,
            }
        });
        let mut breakdowns = Vec::new();
        for (i, b) in plan.breakdowns.iter().enumerate() {
            let reaches =
                touched.get(b.parent) == Some(&true) || b.children.iter().any(|&c| touched.get(c) == Some(&true));
            if !reaches {
                continue;
            }
            let fresh = self.breakdown_result(i, b, &self.grid);
            if let Some(slot) = self.results.breakdowns.get_mut(i) {
                if *slot != fresh {
                    *slot = fresh;
                    breakdowns.push(i);
                }
            }
        }
        let mut subjects = Vec::new();
        for (i, (entry, group)) in self.subjects.iter().zip(self.warning_groups.iter_mut()).enumerate() {
            if !entry.reads.iter().any(|&r| touched.get(r) == Some(&true)) {
                continue;
            }
            let fresh = check_subject(plan, &self.grid, &self.baseline, entry.subject, &entry.key);
            if fresh != *group {
                *group = fresh;
                subjects.push(i);
            }
        }
        Changes { series: changed.to_vec(), targets, breakdowns, subjects }
    }

    /// The results that `changes` names, gathered from the session's current results.
    fn outcome(&self, changes: &Changes) -> Outcome {
        let plan = &self.plan;
        let r = &self.results;
        Outcome {
            scenario: r.scenario.clone(),
            series: changes
                .series
                .iter()
                .map(|&(s, p)| SeriesChange {
                    id: plan.series_id(s).to_owned(),
                    period: plan.period_id(p).to_owned(),
                    value: self.cached_value(s, p),
                })
                .collect(),
            targets: changes.targets.iter().filter_map(|&t| r.targets.get(t).cloned()).collect(),
            breakdowns: changes.breakdowns.iter().filter_map(|&b| r.breakdowns.get(b).cloned()).collect(),
            warnings: changes
                .subjects
                .iter()
                .filter_map(|&i| {
                    let (entry, group) = (self.subjects.get(i)?, self.warning_groups.get(i)?);
                    Some(WarningGroup { subject: entry.key.clone(), warnings: group.clone() })
                })
                .collect(),
        }
    }

    /// A figure's current result.
    pub(crate) fn cached_value(&self, s: usize, p: usize) -> Option<Quantity> {
        self.results.series.get(s).and_then(|x| x.values.get(p)).cloned().flatten()
    }

    /// Undoes the last edit of the active scenario; `None` when there is none.
    pub fn undo(&mut self) -> Option<Outcome> {
        let active = self.active;
        let change = self.scenarios.get_mut(active)?.done.pop()?;
        let updates = self.propagate(&change.cells, false);
        let sc = self.scenarios.get_mut(active)?;
        for &(s, p, before, _) in change.cells.iter().rev() {
            if let Some(slot) = sc.inputs.get_mut(s).and_then(|r| r.get_mut(p)) {
                *slot = before;
            }
        }
        if let Some(values) = &mut sc.projects {
            for (r, before, _) in change.rows.iter().rev() {
                values.set_row(*r, before);
            }
        }
        sc.undone.push(change);
        let changes = self.write(&updates);
        Some(self.outcome(&changes))
    }

    /// Redoes the last undone edit; `None` when there is none.
    pub fn redo(&mut self) -> Option<Outcome> {
        let active = self.active;
        let change = self.scenarios.get_mut(active)?.undone.pop()?;
        let updates = self.propagate(&change.cells, true);
        let changes = self.install(change, &updates, false);
        Some(self.outcome(&changes))
    }

    pub fn can_undo(&self) -> bool {
        !self.scenario().done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.scenario().undone.is_empty()
    }

    /// Creates a scenario, from the baseline or from a copy of another, and makes it active.
    pub fn new_scenario(&mut self, name: &str, from: Option<&str>) -> Result<Results> {
        let name = scenario_name(name)?;
        if self.scenarios.iter().any(|s| s.name == name) {
            return Err(Error::DuplicateId { path: "scenario".into(), id: name.to_owned() });
        }
        let scenario = match from {
            None | Some(BASELINE) => Scenario {
                name: name.to_owned(),
                inputs: plan_inputs(&self.plan),
                projects: self.plan.projects.values.clone(),
                done: Vec::new(),
                undone: Vec::new(),
            },
            Some(other) => {
                let src = self.find_scenario(other, "from")?;
                let mut copy = self
                    .scenarios
                    .get(src)
                    .cloned()
                    .ok_or(Error::UnknownId { path: "from".into(), id: other.to_owned() })?;
                copy.name = name.to_owned();
                copy
            }
        };
        self.scenarios.push(scenario);
        self.active = self.scenarios.len() - 1;
        self.recompute();
        Ok(self.results())
    }

    /// Makes another scenario active.
    pub fn switch_scenario(&mut self, name: &str) -> Result<Results> {
        self.active = self.find_scenario(name, "scenario")?;
        self.recompute();
        Ok(self.results())
    }

    /// Deletes a scenario (not the last one).
    pub fn delete_scenario(&mut self, name: &str) -> Result<()> {
        let i = self.find_scenario(name, "scenario")?;
        if self.scenarios.len() == 1 {
            return Err(Error::Invalid {
                path: "scenario".into(),
                reason: "the last scenario cannot be deleted".into(),
            });
        }
        self.scenarios.remove(i);
        if self.active >= i && self.active > 0 {
            self.active -= 1;
        }
        self.recompute();
        Ok(())
    }

    fn find_scenario(&self, name: &str, path: &str) -> Result<usize> {
        self.scenarios
            .iter()
            .position(|s| s.name == name)
            .ok_or_else(|| Error::UnknownId { path: path.to_owned(), id: name.to_owned() })
    }

    fn grid_of(&self, name: &str, path: &str) -> Result<Grid> {
        if name == BASELINE {
            return Ok(self.baseline.clone());
        }
        let i = self.find_scenario(name, path)?;
        if i == self.active {
            return Ok(self.grid.clone());
        }
        // Another scenario's figures are computed on demand.
        Ok(Grid::compute(&self.plan, &self.scenarios.get(i).map(|s| s.inputs.clone()).unwrap_or_default()))
    }

    /// Compares two scenarios ("baseline" for the plan's own figures): every target and every figure that differs.
    pub fn compare(&self, a: &str, b: &str) -> Result<Vec<CompareRow>> {
        let (ra, rb) = (self.results_for(a, &self.grid_of(a, "a")?), self.results_for(b, &self.grid_of(b, "b")?));
        // Warnings are not compared: `results_for` leaves them out.
        let r = &self.plan.rounding;
        let delta = |x: &Option<Quantity>, y: &Option<Quantity>| -> Option<Quantity> {
            let (x, y) = (x.as_ref()?, y.as_ref()?);
            let d = Exact::from(y.exact).checked_sub(&Exact::from(x.exact))?;
            let unit = x.unit.difference();
            let symbol = if unit == Unit::Pp { "pp" } else { x.symbol.as_str() };
            Quantity::new(&d, unit, symbol, r)
        };
        let mut rows = Vec::new();
        for (ta, tb) in ra.targets.iter().zip(&rb.targets) {
            let period = self.plan.targets.iter().find(|t| t.id == ta.id).map_or("", |t| self.plan.period_id(t.period));
            rows.push(CompareRow {
                kind: "target".into(),
                id: ta.id.clone(),
                period: period.to_owned(),
                delta: delta(&ta.value, &tb.value),
                a: ta.value.clone(),
                b: tb.value.clone(),
                status_a: Some(ta.status),
                status_b: Some(tb.status),
            });
        }
        for (sa, sb) in ra.series.iter().zip(&rb.series) {
            for (p, (x, y)) in sa.values.iter().zip(&sb.values).enumerate() {
                rows.push(CompareRow {
                    kind: "series".into(),
                    id: sa.id.clone(),
                    period: self.plan.period_id(p).to_owned(),
                    delta: delta(x, y),
                    a: x.clone(),
                    b: y.clone(),
                    status_a: None,
                    status_b: None,
                });
            }
        }
        Ok(rows)
    }

    /// The exact lever value that puts one target's indicator on its target value.
    pub fn goal_seek(
        &self,
        target: &str,
        lever: &str,
        mode: Mode,
        counts_toward: &[String],
        offset: Option<&str>,
    ) -> Result<GoalResult> {
        let t = self
            .plan
            .targets
            .iter()
            .find(|t| t.id == target)
            .ok_or_else(|| Error::UnknownId { path: "target".into(), id: target.to_owned() })?;
        let s = self.series_index(lever, "lever")?;
        self.require_input(s, lever)?;
        let p = lever_period(&t.indicator, t.period);
        let lv = self.lever(s, p, mode, counts_toward, offset)?;
        let larger = larger_meets(t.cmp);
        let solved = solve(self.figures(), &t.indicator, t.period, &lv, Exact::from(t.value), larger)
            .and_then(|sol| check_room(&self.plan, &self.grid, &lv, &sol.delta).map(|()| sol));
        Ok(self.goal_result(&t.id, s, p, &lv, solved, &t.id))
    }

    /// The smallest lever value that meets every target depending on the lever (in the lever's period), and which binds.
    pub fn goal_seek_all(
        &self,
        lever: &str,
        period: &str,
        mode: Mode,
        counts_toward: &[String],
        offset: Option<&str>,
    ) -> Result<GoalResult> {
        let s = self.series_index(lever, "lever")?;
        self.require_input(s, lever)?;
        let p = self
            .plan
            .period_idx(period)
            .ok_or_else(|| Error::UnknownId { path: "period".into(), id: period.to_owned() })?;
        let lv = self.lever(s, p, mode, counts_toward, offset)?;
        let allow_negative = self.plan.series.get(s).is_some_and(|x| x.allow_negative);
        let mut low: Option<(Solution, String)> = None;
        let mut high: Option<(Solution, String)> = None;
        let mut any = false;
        for t in &self.plan.targets {
            if lever_period(&t.indicator, t.period) != p {
                continue;
            }
            let larger = larger_meets(t.cmp);
            let sol = match solve(self.figures(), &t.indicator, t.period, &lv, Exact::from(t.value), larger) {
                Ok(sol) => sol,
                Err(Unreachable::LeverNotUsed) | Err(Unreachable::NoValue { .. }) => continue,
                Err(Unreachable::NegativeInvestment { .. }) if larger.is_some() => {
                    // Every non-negative lever value lies on one side of a negative answer: met throughout or never.
                    any = true;
                    let at_zero = self.meets_at(t, &lv, Exact::ZERO);
                    if at_zero == Some(false) {
                        return Ok(self.goal_result(
                            &t.id,
                            s,
                            p,
                            &lv,
                            Err(Unreachable::NegativeInvestment { needed: Decimal::ZERO }),
                            &t.id,
                        ));
                    }
                    continue;
                }
                Err(e) => return Ok(self.goal_result(&t.id, s, p, &lv, Err(e), &t.id)),
            };
            any = true;
            let mut bounds: Vec<(Side, Solution)> = Vec::new();
            match sol.side {
                Side::AtLeast | Side::AtMost => bounds.push((sol.side, sol)),
                Side::Exactly => {
                    bounds.push((Side::AtLeast, sol.clone()));
                    bounds.push((Side::AtMost, sol));
                }
            }
            for (side, sol) in bounds {
                let slot = if side == Side::AtLeast { &mut low } else { &mut high };
                let tighter = match slot {
                    None => true,
                    Some((cur, _)) => {
                        let ord = sol.value.cmp_exact(&cur.value);
                        if side == Side::AtLeast {
                            ord == Some(Ordering::Greater)
                        } else {
                            ord == Some(Ordering::Less)
                        }
                    }
                };
                if tighter {
                    *slot = Some((sol, t.id.clone()));
                }
            }
        }
        if !any {
            return Ok(self.goal_result("", s, p, &lv, Err(Unreachable::LeverNotUsed), ""));
        }
        if let (Some((lo, a)), Some((hi, b))) = (&low, &high) {
            if lo.value.cmp_exact(&hi.value) == Some(Ordering::Greater) {
                let conflict = Unreachable::Conflict { first: a.clone(), second: b.clone() };
                return Ok(self.goal_result(a, s, p, &lv, Err(conflict), a));
            }
        }
        let (mut sol, binding) = match (low, high) {
            (Some(x), _) => x,
            (None, Some((mut hi, id))) => {
                // Only ceilings: the smallest value that meets them all is zero (or the current value if lower).
                let floor = if allow_negative { hi.value } else { Exact::ZERO };
                hi.delta = floor.checked_sub(&hi.from).unwrap_or(hi.delta);
                hi.value = floor;
                (hi, id)
            }
            (None, None) => return Ok(self.goal_result("", s, p, &lv, Err(Unreachable::LeverNotUsed), "")),
        };
        sol.side = Side::AtLeast;
        let checked = check_room(&self.plan, &self.grid, &lv, &sol.delta).map(|()| sol);
        Ok(self.goal_result("", s, p, &lv, checked, &binding))
    }

    fn figures(&self) -> Figures<'_> {
        Figures { plan: &self.plan, grid: &self.grid, baseline: &self.baseline }
    }

    fn meets_at(&self, t: &crate::plan::Target, lv: &Lever, value: Exact) -> Option<bool> {
        let from = self.grid.get(lv.series, lv.period).value().unwrap_or(Exact::ZERO);
        let shift = super::indicator::Shift {
            lever: lv.series,
            period: lv.period,
            x: value.checked_sub(&from)?,
            coefs: lv.coefficients(&self.plan),
        };
        let ctx =
            super::indicator::Ctx { plan: &self.plan, grid: &self.grid, baseline: &self.baseline, shift: Some(&shift) };
        let v = t.indicator.evaluate(&ctx, t.period).ok()?.frac.value()?;
        super::target::meets(t, &v)
    }

    fn require_input(&self, s: usize, id: &str) -> Result<()> {
        match self.plan.series.get(s).map(|x| &x.kind) {
            Some(SeriesKind::Input) => Ok(()),
            _ => Err(Error::Invalid {
                path: "lever".into(),
                reason: format!("\"{id}\" is a sum; choose one of its parts as the lever"),
            }),
        }
    }

    fn goal_result(
        &self,
        target: &str,
        s: usize,
        p: usize,
        lv: &Lever,
        solved: std::result::Result<Solution, Unreachable>,
        binding: &str,
    ) -> GoalResult {
        let plan = &self.plan;
        let unit = plan.series.get(s).map_or(plan.unit.as_str(), |x| x.unit.as_str());
        let q = |v: &Exact| Quantity::with_fraction(v, Unit::Amount, unit, &plan.rounding);
        let outcome = match solved {
            Err(e) => GoalOutcome::Unreachable(e),
            Ok(sol) => match (q(&sol.from), q(&sol.value), q(&sol.delta)) {
                (Some(from), Some(value), Some(delta)) => GoalOutcome::Reachable {
                    edit: Edit {
                        series: plan.series_id(s).to_owned(),
                        period: plan.period_id(p).to_owned(),
                        op: Op::Set(exact_text(&sol.value)),
                        mode: lv.mode,
                        counts_toward: lv.counts_toward.iter().map(|&c| plan.series_id(c).to_owned()).collect(),
                        offset: lv.offset.map(|o| plan.series_id(o).to_owned()),
                        ..Edit::default()
                    },
                    from,
                    value,
                    delta,
                    side: sol.side,
                    binding: binding.to_owned(),
                },
                _ => GoalOutcome::Unreachable(Unreachable::Overflow),
            },
        };
        GoalResult {
            target: target.to_owned(),
            lever: plan.series_id(s).to_owned(),
            period: plan.period_id(p).to_owned(),
            mode: lv.mode,
            outcome,
        }
    }

    /// Everything needed to restore this session: the plan, every scenario's edits in order, the active scenario.
    /// Undone edits are not kept.
    pub fn state(&self) -> SessionState {
        SessionState {
            plan: self.plan.to_document(None, None),
            scenarios: self.scenario_states(),
            active: self.scenario().name.clone(),
        }
    }

    /// Every scenario's name and edits, in order.
    pub fn scenario_states(&self) -> Vec<ScenarioState> {
        self.scenarios
            .iter()
            .map(|sc| ScenarioState { name: sc.name.clone(), edits: sc.done.iter().map(|c| c.edit.clone()).collect() })
            .collect()
    }

    /// The rows of the projects matching a filter (`{"sector": [...], ...}`, as in a bulk edit) whose id or name
    /// contains `text`, in the active scenario (stages follow edits).
    pub fn select_projects(&self, filter: Option<&serde_json::Value>, text: &str) -> Result<Vec<u32>> {
        let pr = &self.plan.projects;
        let Some(values) = self.scenario().projects.as_ref() else { return Ok(Vec::new()) };
        let filter = crate::projects::Filter::read(filter, "where", pr)?;
        Ok(pr.select(values, &filter, text))
    }

    /// Projects by row, as the active scenario has them.
    pub fn project_rows(&self, rows: &[u32]) -> Vec<crate::projects::ProjectRow<'_>> {
        let Some(values) = self.scenario().projects.as_ref() else { return Vec::new() };
        rows.iter()
            .filter_map(|&r| usize::try_from(r).ok().and_then(|r| self.plan.projects.project_row(values, r)))
            .collect()
    }

    /// Replaces the plan's project list (an import): series over projects are summed again, every scenario keeps
    /// its edits to figures, and edits to projects of the old list are dropped — they name projects that may be
    /// gone. Returns how many edits were dropped. On an error nothing changes.
    pub fn replace_projects(&mut self, projects: crate::projects::Projects) -> Result<usize> {
        let old = std::mem::take(&mut self.plan.projects);
        let plan = self.plan.with_projects(projects);
        self.plan.projects = old;
        let mut next = Session::new(plan?);
        let mut dropped = 0;
        for (i, sc) in self.scenario_states().into_iter().enumerate() {
            if i == 0 {
                if let Some(first) = next.scenarios.first_mut() {
                    first.name.clone_from(&sc.name);
                }
                next.results.scenario.clone_from(&sc.name);
            } else {
                next.new_scenario(&sc.name, None)?;
            }
            for edit in sc.edits {
                if edit.project.is_some() || edit.filter.is_some() || next.apply(edit).is_err() {
                    dropped += 1;
                }
            }
        }
        next.switch_scenario(&self.scenario().name)?;
        *self = next;
        Ok(dropped)
    }

    /// Rebuilds a session from [`Session::state`]: the plan, then each scenario's edits replayed in order.
    /// A state that no longer applies (an edit refused) is an error at its path; nothing half-restored is returned.
    pub fn restore(state: &SessionState) -> Result<Session> {
        Session::restore_with_projects(state, None)
    }

    /// [`Session::restore`] for a plan kept apart from its project list (a page keeps 100,000 projects in their
    /// compact form, [`crate::import::encode`], not as JSON): the list is installed before the edits are replayed.
    pub fn restore_with_projects(state: &SessionState, projects: Option<&[u8]>) -> Result<Session> {
        // The plan as a document, or as its JSON text.
        let plan = match &state.plan {
            serde_json::Value::String(text) => Plan::from_json(text),
            doc => Plan::from_value(doc),
        };
        let in_plan = |e: Error| {
            let path = e.path().to_owned();
            e.at(&join("plan", &path))
        };
        let mut plan = plan.map_err(in_plan)?;
        if let Some(bytes) = projects {
            plan = plan.with_projects(crate::import::decode(bytes, plan.periods.len())?).map_err(in_plan)?;
        }
        let mut session = Session::new(plan);
        if state.scenarios.is_empty() {
            return Ok(session);
        }
        for (i, sc) in state.scenarios.iter().enumerate() {
            let at = index("scenarios", i);
            if i == 0 {
                // The first scenario takes the place of the one a new session starts with.
                let name = scenario_name(&sc.name).map_err(|e| e.at(&join(&at, "name")))?;
                if let Some(first) = session.scenarios.first_mut() {
                    name.clone_into(&mut first.name);
                }
                name.clone_into(&mut session.results.scenario);
            } else {
                session.new_scenario(&sc.name, None).map_err(|e| e.at(&join(&at, "name")))?;
            }
            for (k, edit) in sc.edits.iter().enumerate() {
                session.apply(edit.clone()).map_err(|e| e.at(&index(&join(&at, "edits"), k)))?;
            }
        }
        session.switch_scenario(&state.active).map_err(|e| e.at("active"))?;
        Ok(session)
    }

    /// The active scenario as a schema-1 plan document: the plan with the scenario's figures.
    pub fn to_document(&self) -> serde_json::Value {
        self.plan.to_document(Some(&self.scenario().inputs), self.scenario().projects.as_ref())
    }

    /// The baseline and current grids, for explanations.
    pub fn grids(&self) -> (&Grid, &Grid) {
        (&self.baseline, &self.grid)
    }
}

/// Whether larger indicator values meet a comparator (`None` for "about").
/// A scenario's name, trimmed: not empty and not the baseline's.
fn scenario_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() || name == BASELINE {
        return Err(Error::Invalid { path: "scenario".into(), reason: format!("{name:?} cannot name a scenario") });
    }
    Ok(name)
}

fn larger_meets(cmp: Comparator) -> Option<bool> {
    match cmp {
        Comparator::AtLeast | Comparator::Reach => Some(true),
        Comparator::AtMost => Some(false),
        Comparator::About => None,
    }
}

/// Whether two cells hold the same figure, compared by representation (cheap; a different representation of an
/// equal value only costs a recomputation).
fn same_cell(a: Cell, b: Cell) -> bool {
    match (a, b) {
        (Cell::Value(x), Cell::Value(y)) => x.same_repr(&y),
        (x, y) => std::mem::discriminant(&x) == std::mem::discriminant(&y),
    }
}

#[cold]
fn unreachable_scenario() -> &'static Scenario {
    // A session always holds at least one scenario (`new` creates one; the last cannot be deleted).
    static EMPTY: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Scenario {
        name: String::new(),
        inputs: Vec::new(),
        projects: None,
        done: Vec::new(),
        undone: Vec::new(),
    })
}
