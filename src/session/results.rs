//! Every result of the active scenario, kept current: an edit recomputes only what its figures reach and reports
//! what changed.

use super::Session;
use crate::calc::checks::{check, check_subject, Warning, WarningGroup};
use crate::calc::grid::{Cell, Grid};
use crate::calc::indicator::Quantity;
use crate::calc::target::{evaluate, Status, TargetResult};
use crate::exact::Exact;
use crate::messages::{say, Arg::Same, Text};
use crate::model::indicator::Unit;
use crate::model::plan::{distinct_sorted, Breakdown, SeriesKind};
use serde::{Deserialize, Serialize};

/// A series' values, by period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesResult {
    pub id: String,
    /// Whether its figures are typed in (`input`) or computed (`sum` of other series, or over `projects`).
    pub kind: FigureKind,
    pub values: Vec<Option<Quantity>>,
    /// By period: whether the figure differs from the plan's own figure (the baseline), exactly.
    pub changed: Vec<bool>,
}

/// Where a series' figures come from: only `input` figures are edited directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    Input,
    Sum,
    Projects,
}

impl FigureKind {
    pub fn of(kind: &SeriesKind) -> FigureKind {
        match kind {
            SeriesKind::Input => FigureKind::Input,
            SeriesKind::Sum(_) => FigureKind::Sum,
            SeriesKind::Projects(_) => FigureKind::Projects,
        }
    }
}

/// A breakdown's unallocated remainder (parent − Σ children) and its share of the parent, by period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakdownResult {
    pub id: String,
    pub remainder: Vec<Option<Quantity>>,
    pub remainder_share: Vec<Option<Quantity>>,
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
    /// Whether the figure now differs from the baseline.
    pub changed: bool,
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
pub(super) struct Changes {
    pub(super) series: Vec<(usize, usize)>,
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

/// The targets at a glance: how many are met, not met and without a value, and the order to show them in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub met: usize,
    pub not_met: usize,
    /// No data or undefined.
    pub without_data: usize,
    /// Target ids, those not met first, then those without a value, then those met (each in plan order).
    pub order: Vec<String>,
    /// "3 met · 2 not met · 1 without data", in three languages.
    pub text: Text,
    /// The same order in groups, those with targets only: not met, without a value, met.
    pub groups: Vec<TargetGroup>,
}

/// Targets of one standing, as the element shows them under a heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetGroup {
    /// `not_met`, `without_data` or `met`.
    pub key: String,
    /// Its targets, in the summary's order.
    pub ids: Vec<String>,
    /// "未达标 · 2 项", in three languages.
    pub title: Text,
}

impl Session {
    /// The active scenario's targets at a glance.
    pub fn summary(&self) -> Summary {
        // Not met, then without a value, then met: the targets of each rank in plan order. The counts, the order and
        // the groups all come from these three lists.
        let rank = |s: Status| match s {
            Status::NotMet => 0,
            Status::NoData | Status::Undefined => 1,
            Status::Met => 2,
        };
        let mut ranked: [Vec<String>; 3] = Default::default();
        for t in &self.results.targets {
            if let Some(ids) = ranked.get_mut(rank(t.status)) {
                ids.push(t.id.clone());
            }
        }
        let [not_met, without_data, met] = ranked.each_ref().map(Vec::len);
        let order = ranked.concat();
        let groups: Vec<TargetGroup> = [
            ("not_met", "summary.group_not_met"),
            ("without_data", "summary.group_without"),
            ("met", "summary.group_met"),
        ]
        .into_iter()
        .zip(ranked)
        .filter(|(_, ids)| !ids.is_empty())
        .map(|((key, message), ids)| {
            let title = say(message, &[("n", Same(&ids.len().to_string()))]);
            TargetGroup { key: key.to_owned(), ids, title }
        })
        .collect();
        let n = |k: usize| k.to_string();
        let text = say(
            "summary.counts",
            &[("met", Same(&n(met))), ("not_met", Same(&n(not_met))), ("without", Same(&n(without_data)))],
        );
        Summary { met, not_met, without_data, order, text, groups }
    }

    /// Every result for the active scenario.
    pub fn results(&self) -> Results {
        let mut results = self.results.clone();
        results.warnings = self.warning_groups.concat();
        results
    }

    pub(super) fn series_value(&self, grid: &Grid, s: usize, p: usize) -> Option<Quantity> {
        let unit = self.plan.series.get(s).map_or(self.plan.unit.as_str(), |x| x.unit.as_str());
        grid.get(s, p).value().and_then(|v| Quantity::with_fraction(&v, Unit::Amount, unit, &self.plan.rounding))
    }

    /// A target's current result, by id.
    pub fn target_result(&self, id: &str) -> Option<&TargetResult> {
        self.results.targets.iter().find(|t| t.id == id)
    }

    /// Whether a figure differs from the plan's own (baseline) figure, exactly.
    pub(super) fn changed_from_baseline(&self, grid: &Grid, s: usize, p: usize) -> bool {
        match (grid.get(s, p).value(), self.baseline.get(s, p).value()) {
            (Some(a), Some(b)) => a != b,
            (a, b) => a.is_some() != b.is_some(),
        }
    }

    pub(super) fn results_for(&self, name: &str, grid: &Grid) -> Results {
        let plan = &self.plan;
        let series = plan
            .series
            .iter()
            .enumerate()
            .map(|(s, x)| SeriesResult {
                id: x.id.clone(),
                kind: FigureKind::of(&x.kind),
                values: (0..plan.periods.len()).map(|p| self.series_value(grid, s, p)).collect(),
                changed: (0..plan.periods.len()).map(|p| self.changed_from_baseline(grid, s, p)).collect(),
            })
            .collect();
        let breakdowns = plan.breakdowns.iter().enumerate().map(|(i, b)| self.breakdown_result(i, b, grid)).collect();
        let targets = plan.targets.iter().map(|t| evaluate(plan, grid, &self.baseline, t)).collect();
        Results { scenario: name.to_owned(), series, breakdowns, targets, warnings: Vec::new() }
    }

    /// The active scenario's results computed from scratch, bypassing the incremental path (for tests that check
    /// that the two always agree).
    pub fn results_from_scratch(&self) -> Results {
        // Every figure again from the scenario's inputs, and each series over projects summed again over the list.
        let mut inputs = self.scenario().inputs.clone();
        if let Some(values) = &self.scenario().projects {
            for (s, series) in self.plan.series.iter().enumerate() {
                let SeriesKind::Projects(q) = &series.kind else { continue };
                if let Some(row) = inputs.get_mut(s) {
                    for (p, slot) in row.iter_mut().enumerate() {
                        *slot = q.total(&self.plan.projects, values, p);
                    }
                }
            }
        }
        let grid = Grid::compute(&self.plan, &inputs);
        let mut results = self.results_for(&self.scenario().name, &grid);
        results.warnings = check(&self.plan, &grid, &self.baseline);
        results
    }

    /// Breakdown `i`'s unallocated remainder and its share, period by period.
    pub(super) fn breakdown_result(&self, i: usize, b: &Breakdown, grid: &Grid) -> BreakdownResult {
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

    /// Recomputes the active scenario from scratch (after switching scenarios).
    pub(super) fn recompute(&mut self) {
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
    pub(super) fn refresh(&mut self, changed: &[(usize, usize)]) -> Changes {
        let plan = &self.plan;
        let mut touched = vec![false; plan.series.len()];
        for &(s, _) in changed {
            if let Some(flag) = touched.get_mut(s) {
                *flag = true;
            }
        }
        for &(s, p) in changed {
            let value = self.series_value(&self.grid, s, p);
            let moved = self.changed_from_baseline(&self.grid, s, p);
            if let Some(x) = self.results.series.get_mut(s) {
                if let Some(slot) = x.values.get_mut(p) {
                    *slot = value;
                }
                if let Some(slot) = x.changed.get_mut(p) {
                    *slot = moved;
                }
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
    pub(super) fn outcome(&self, changes: &Changes) -> Outcome {
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
                    changed: r.series.get(s).and_then(|x| x.changed.get(p)).copied().unwrap_or(false),
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
}

/// Whether two cells hold the same figure, compared by representation (cheap; a different representation of an
/// equal value only costs a recomputation).
pub(super) fn same_cell(a: Cell, b: Cell) -> bool {
    match (a, b) {
        (Cell::Value(x), Cell::Value(y)) => x.same_repr(&y),
        (x, y) => std::mem::discriminant(&x) == std::mem::discriminant(&y),
    }
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** `kind`: only `input` figures are edited; `changed` by period: differs from the plan's own figure. */
export interface SeriesResult { id: string; kind: "input" | "sum" | "projects"; values: (Quantity | null)[]; changed: boolean[]; }
export interface BreakdownResult { id: string; remainder: (Quantity | null)[]; remainder_share: (Quantity | null)[]; }
export interface Results { scenario: string; series: SeriesResult[]; breakdowns: BreakdownResult[]; targets: TargetResult[]; warnings: Warning[]; }
/** The targets at a glance; `order`: not met first, then without a value, then met. */
export interface Summary { met: number; not_met: number; without_data: number; order: string[]; text: Text; groups: TargetGroup[]; }
/** Targets of one standing, under a heading ("未达标 · 2 项"): not met, without a value, met. */
export interface TargetGroup { key: 'not_met' | 'without_data' | 'met'; ids: string[]; title: Text; }
export interface SeriesChange { id: string; period: string; value: Quantity | null; changed: boolean; }
/** What an edit changed: patch a copy of `results()` with it. */
export interface Outcome { scenario: string; series: SeriesChange[]; targets: TargetResult[]; breakdowns: BreakdownResult[]; warnings: WarningGroup[]; }
"#;
