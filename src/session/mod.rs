//! The what-if session over one plan: named scenarios over one baseline, each with its edits, undo and redo.
//! Split by job: `edits` reads and plans changes, `results` keeps every result current, `explore` compares and
//! composes, `goal` seeks targets, `persist` saves and restores. Every operation validates before it changes
//! anything.

mod edits;
pub mod explore;
pub mod goal;
pub mod persist;
#[cfg(feature = "page")]
pub mod plan_edit;
#[cfg(feature = "page")]
pub mod release;
pub mod results;

pub use explore::{CompareRow, Composition, CompositionItem};
pub use goal::{GoalAnswer, GoalOutcome, GoalResult};
pub use persist::{ScenarioState, SessionState};
pub use results::{BreakdownResult, FigureKind, Outcome, Results, SeriesChange, SeriesResult, Summary};

use crate::calc::checks::{subjects, SubjectEntry, Warning};
use crate::calc::grid::{plan_inputs, sum_parents, Grid, Inputs};
use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::model::edit::Edit;
use crate::model::plan::Plan;
use crate::model::projects::{ProjectValues, Row};

/// The name under which the plan's own figures can be compared.
pub const BASELINE: &str = "baseline";

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
    /// For each series, the sums containing it directly.
    parents: Vec<Vec<usize>>,
    /// Plan changes made in the plan editor, to undo and redo (page only).
    #[cfg(feature = "page")]
    plan_history: PlanHistory,
}

/// The sessions as they were before each plan change (undo) and after each undone one (redo).
#[cfg(feature = "page")]
#[derive(Debug, Clone, Default)]
struct PlanHistory {
    undo: Vec<SessionState>,
    redo: Vec<SessionState>,
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
        let parents = sum_parents(&plan);
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
            parents,
            #[cfg(feature = "page")]
            plan_history: PlanHistory::default(),
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

    fn series_index(&self, id: &str, path: &str) -> Result<usize> {
        self.plan.series_idx(id).ok_or_else(|| Error::UnknownId { path: path.to_owned(), id: id.to_owned() })
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

    /// A session on `plan` with the scenarios the plan comes with beside its baseline, each made from the baseline
    /// by its edits (kept as its edits, so that they are saved and restored like any); the baseline stays active. An edit
    /// a scenario cannot make is an error at `scenarios[i].edits[k]`.
    pub fn open(plan: Plan) -> Result<Session> {
        let extra = plan.scenarios.clone();
        let mut session = Session::new(plan);
        for (i, sc) in extra.iter().enumerate() {
            let at = crate::error::index("scenarios", i);
            session.new_scenario(&sc.name, None).map_err(|e| e.at(&crate::error::join(&at, "name")))?;
            for (k, edit) in sc.edits.iter().enumerate() {
                let path = crate::error::index(&crate::error::join(&at, "edits"), k);
                session.apply(edit.clone()).map_err(|e| e.at(&path))?;
            }
        }
        if !extra.is_empty() {
            session.active = 0;
            session.recompute();
        }
        Ok(session)
    }

    /// Month by month in `year`: series `done`'s cumulative actuals against the annual plan in series `annual`
    /// (see [`crate::calc::monthly`]), for the active scenario.
    pub fn monthly(&self, done: &str, annual: &str, year: &str) -> Result<Vec<crate::calc::monthly::MonthRow>> {
        let find = |id: &str, path: &str| {
            self.plan.series_index.get(id).copied().ok_or_else(|| Error::UnknownId { path: path.into(), id: id.into() })
        };
        let (d, a) = (find(done, "done")?, find(annual, "annual")?);
        if !self.plan.period_index.contains_key(year) {
            return Err(Error::UnknownId { path: "year".into(), id: year.into() });
        }
        Ok(crate::calc::monthly::monthly(&self.plan, &self.grid, &self.baseline, d, a, year, None))
    }

    /// Monthly progress as the page shows it — units, ranking, the latest bulletin — with the months computed once.
    pub fn progress_view(&self) -> crate::calc::monthly::ProgressView {
        self.progress_view_at(None)
    }

    /// As [`Session::progress_view`], with the ranking and the bulletin of `month` (1–12; the latest with figures
    /// when `None`): the month the report is "as of".
    pub fn progress_view_at(&self, month: Option<u32>) -> crate::calc::monthly::ProgressView {
        let units = self.progress();
        let ranking = crate::calc::monthly::ranking(&units, month);
        let (bulletin, bulletin_parts) = crate::calc::monthly::bulletin_with_parts(&self.plan, &units, month).unzip();
        crate::calc::monthly::ProgressView { units, ranking, bulletin, bulletin_parts }
    }

    /// The units followed, ranked by ahead/behind time-progress in `month` (the latest with figures when `None`).
    pub fn ranking(&self, month: Option<u32>) -> Vec<crate::calc::monthly::Ranked> {
        crate::calc::monthly::ranking(&self.progress(), month)
    }

    /// Every series the plan follows month by month, with its months (the plan's `progress`).
    pub fn progress(&self) -> Vec<crate::calc::monthly::SeriesProgress> {
        self.plan
            .progress
            .iter()
            .map(|g| {
                let year = self.plan.period_id(g.year);
                let months = crate::calc::monthly::monthly(
                    &self.plan,
                    &self.grid,
                    &self.baseline,
                    g.done,
                    g.plan,
                    year,
                    g.whole,
                );
                crate::calc::monthly::SeriesProgress {
                    done: self.plan.series_id(g.done).to_owned(),
                    plan: self.plan.series_id(g.plan).to_owned(),
                    year: year.to_owned(),
                    next: crate::calc::monthly::next_month(&self.plan, &self.grid, g.done, g.plan, year, &months),
                    months,
                }
            })
            .collect()
    }

    /// The month's bulletin (通报) in three languages, from the figures of the active scenario: `month` (1–12), or the
    /// latest with a figure. `None` when the plan follows no series or none has a figure that month.
    pub fn bulletin(&self, month: Option<u32>) -> Option<crate::messages::Text> {
        crate::calc::monthly::bulletin(&self.plan, &self.progress(), month)
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
            return Err(Error::rule("scenario.last", "scenario", "the last scenario cannot be deleted"));
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
}

/// A scenario's name, trimmed: not empty and not the baseline's.
fn scenario_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() || name == BASELINE {
        return Err(Error::rule("scenario.name", "scenario", format!("{name:?} cannot name a scenario")));
    }
    Ok(name)
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
