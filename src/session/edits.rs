//! Reading and planning edits: which input cells an edit changes (validated first), the sums they reach, and
//! installing the change with its undo step.

use super::results::{same_cell, Changes, Outcome};
use super::{CellChange, Change, RowChange, Session};
use crate::calc::goal::Lever;
use crate::calc::grid::{sum_of, Cell};
use crate::calc::projects::{apply_amount, AmountOp};
use crate::document::plan::check_sign;
use crate::error::{index, join, Error, Result};
use crate::exact::{self, Exact, Limit};
use crate::model::edit::{Edit, Mode, Op};
use crate::model::plan::SeriesKind;
use crate::model::projects::{Field, Filter, STAGES};
use crate::number::{parse_decimal, parse_exact};
use rust_decimal::Decimal;

/// An edit worked out: its input cells, its projects, and the grid cells to write.
pub(super) type PlannedEdit = (Vec<CellChange>, Vec<RowChange>, Vec<(usize, usize, Cell)>);

impl Session {
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

    pub(super) fn apply_edit(&mut self, edit: Edit, typed: bool) -> Result<Changes> {
        let (cells, rows, updates) = self.plan_edit(&edit)?;
        // An edit that changes no figure (the value it already has) makes no step of undo.
        if rows.is_empty() && cells.iter().all(|(_, _, before, after)| before == after) {
            return Ok(self.write(&[]));
        }
        Ok(self.install(Change { edit, cells, rows, typed }, &updates, true))
    }

    /// Everything an edit would change, validated, without changing anything: its input cells, its projects, and
    /// the grid cells to write.
    pub(super) fn plan_edit(&self, edit: &Edit) -> Result<PlannedEdit> {
        let (cells, rows) = if edit.project.is_some() || edit.filter.is_some() {
            self.plan_project_change(edit)?
        } else {
            (self.plan_change(edit)?, Vec::new())
        };
        let updates = self.propagate(&cells, true);
        // A sum that would leave the range of a decimal refuses the edit before anything changes.
        if let Some(&(s, p, _)) = updates.iter().find(|u| u.2 == Cell::Overflow) {
            return Err(Error::Overflow { path: join(&join(&index("series", s), "values"), self.plan.period_id(p)) });
        }
        Ok((cells, rows, updates))
    }

    /// The grid cells a change writes: its input cells (after the change, or before it when undoing), then every sum
    /// that contains them, recomputed in evaluation order. Nothing else in the grid can change.
    pub(super) fn propagate(&self, cells: &[CellChange], forward: bool) -> Vec<(usize, usize, Cell)> {
        let as_cell = |v: Option<Exact>| v.map_or(Cell::NoData, Cell::Value);
        let mut out: Vec<(usize, usize, Cell)> =
            cells.iter().map(|&(s, p, before, after)| (s, p, as_cell(if forward { after } else { before }))).collect();
        // Each figure as one number, series × periods + period. `written[k]`: the place in `out` of what is written
        // to figure k so far (read before the grid); `due[k]`: sum k is reached and is to be recomputed. One pass
        // over the plan's sums in evaluation order then recomputes each reached sum once, after its parts.
        let periods = self.plan.periods.len().max(1);
        let figures = self.plan.series.len() * periods;
        let mut written: Vec<Option<usize>> = vec![None; figures];
        let mut due = vec![false; figures];
        for (i, &(s, p, _)) in out.iter().enumerate() {
            if let Some(slot) = written.get_mut(s * periods + p) {
                *slot = Some(i);
            }
        }
        let mut queue: Vec<(usize, usize)> = cells.iter().map(|&(s, p, _, _)| (s, p)).collect();
        while let Some((s, p)) = queue.pop() {
            for &d in self.parents.get(s).into_iter().flatten() {
                if let Some(flag @ false) = due.get_mut(d * periods + p) {
                    *flag = true;
                    queue.push((d, p));
                }
            }
        }
        if !due.contains(&true) {
            return out;
        }
        for &d in &self.plan.order {
            let Some(SeriesKind::Sum(parts)) = self.plan.series.get(d).map(|x| &x.kind) else { continue };
            for p in 0..periods {
                if due.get(d * periods + p) != Some(&true) {
                    continue;
                }
                let read = |part: usize| match written.get(part * periods + p).copied().flatten() {
                    Some(i) => out.get(i).map_or(Cell::NoData, |o| o.2),
                    None => self.grid.get(part, p),
                };
                let cell = sum_of(parts, read);
                if let Some(slot) = written.get_mut(d * periods + p) {
                    *slot = Some(out.len());
                }
                out.push((d, p, cell));
            }
        }
        out
    }

    /// Works out every cell an edit changes, validating all of them first.
    pub(super) fn plan_change(&self, edit: &Edit) -> Result<Vec<CellChange>> {
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
                return Err(Error::rule(
                    "edit.computed",
                    "edit.series",
                    format!("\"{}\" is the sum of other series; edit its parts", edit.series),
                ))
            }
            SeriesKind::Projects(_) => {
                return Err(Error::rule(
                    "edit.computed",
                    "edit.series",
                    format!("\"{}\" adds up projects; edit the projects", edit.series),
                ))
            }
        }
        let lever = self.lever(s, p, edit.mode, &edit.counts_toward, edit.offset.as_deref())?;
        let inputs = &self.scenario().inputs;
        let old = inputs.get(s).and_then(|r| r.get(p)).copied().flatten();
        let path = || join(&join(&index("series", s), "values"), &edit.period);
        let refused = |limit: Limit| limit.error(path());
        let new = match &edit.op {
            Op::Reach(_) => return Err(Error::rule("edit.operation", "edit.reach", "reach applies to projects")),
            Op::Set(text) if text.trim().is_empty() => None,
            Op::Set(text) => Some(parse_exact(text, "").map_err(|e| e.at(&path()))?),
            Op::Add(text) => {
                let d = parse_exact(text, "edit.add")?;
                Some(old.unwrap_or(Exact::ZERO).try_add(&d).map_err(refused)?)
            }
            Op::Percent(text) => {
                let pct = parse_decimal(text, "edit.percent")?;
                let factor = Exact::HUNDRED.try_add(&Exact::from(pct)).and_then(|f| f.try_div(&Exact::HUNDRED));
                let base = old.ok_or_else(|| {
                    Error::rule("edit.no_figure", path(), "there is no figure to change by a percentage")
                })?;
                Some(factor.and_then(|f| base.try_mul(&f)).map_err(refused)?)
            }
        };
        if let Some(v) = &new {
            check_sign(v, series.allow_negative, "").map_err(|e| e.at(&path()))?;
        }
        // How far the figure moves: needed only when it moves others too (worked out then, once).
        let mut delta = None;
        let mut cells = vec![(s, p, old, new)];
        for (t, coef) in lever.coefficients(&self.plan) {
            if t == s || !matches!(self.plan.series.get(t).map(|x| &x.kind), Some(SeriesKind::Input)) {
                continue;
            }
            let delta = match delta {
                Some(d) => d,
                None => *delta.insert(match (&new, &old) {
                    (Some(n), Some(o)) => n.try_sub(o).map_err(refused)?,
                    (Some(n), None) => *n,
                    (None, Some(o)) => o.neg(),
                    (None, None) => Exact::ZERO,
                }),
            };
            let Some(before) = inputs.get(t).and_then(|r| r.get(p)).copied().flatten() else { continue };
            let tpath = || join(&join(&index("series", t), "values"), &edit.period);
            let after = coef.try_mul(&delta).and_then(|d| before.try_add(&d)).map_err(|limit| limit.error(tpath()))?;
            check_sign(&after, self.plan.series.get(t).is_some_and(|x| x.allow_negative), "")
                .map_err(|e| e.at(&tpath()))?;
            cells.push((t, p, Some(before), Some(after)));
        }
        Ok(cells)
    }

    /// Works out an edit to one project or to every project matching a filter: each project's new state, and the
    /// change in every series over projects that it reaches. Nothing else is touched, whatever the list's size.
    pub(super) fn plan_project_change(&self, edit: &Edit) -> Result<(Vec<CellChange>, Vec<RowChange>)> {
        let plan = &self.plan;
        let projects = &plan.projects;
        let values = self
            .scenario()
            .projects
            .as_ref()
            .ok_or_else(|| Error::rule("edit.no_projects", "edit.project", "the plan lists no projects"))?;
        if !edit.series.is_empty() {
            return Err(Error::rule("edit.target", "edit.series", "an edit changes a series or projects, not both"));
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
            _ => return Err(Error::rule("edit.target", "edit.project", "give either a project or a filter (where)")),
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
                return Err(Error::rule("edit.operation", "edit.set", "a stage is set, not added to"));
            };
            let code = projects.stages.code(name.trim()).ok_or_else(|| {
                Error::rule("stage.unknown", "edit.set", format!("\"{name}\" is not a stage ({})", STAGES.join(", ")))
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
                    return Err(Error::rule("edit.operation", "edit.reach", "reach applies to the completed amount"))
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
                    let d = exact::add(q.part(info, after, p), -q.part(info, before, p));
                    delta = d.and_then(|d| exact::add(delta, d)).map_err(|limit| {
                        limit.error(join(&join(&index("series", s), "projects"), plan.period_id(p)))
                    })?;
                }
                if delta.is_zero() {
                    continue;
                }
                let old = self.scenario().inputs.get(s).and_then(|x| x.get(p)).copied().flatten();
                let new = old
                    .unwrap_or(Exact::ZERO)
                    .try_add(&Exact::from(delta))
                    .map_err(|limit| limit.error(join(&join(&index("series", s), "projects"), plan.period_id(p))))?;
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
    pub(super) fn new_investment(
        &self,
        changed: &[RowChange],
        periods: &[usize],
        field: Field,
    ) -> Result<Vec<CellChange>> {
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
                    let refused = |limit: Limit| limit.error(join(&index("projects", *r), field.name()));
                    let d = exact::add(
                        after.amount(p, field).unwrap_or(Decimal::ZERO),
                        -before.amount(p, field).unwrap_or(Decimal::ZERO),
                    )
                    .map_err(refused)?;
                    match bumps.iter_mut().find(|(x, y, _)| *x == h && *y == p) {
                        Some(b) => b.2 = exact::add(b.2, d).map_err(refused)?,
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
            let new = old
                .try_add(&Exact::from(d))
                .map_err(|limit| limit.error(join(&join(&index("series", h), "values"), plan.period_id(p))))?;
            cells.push((h, p, Some(old), Some(new)));
        }
        Ok(cells)
    }

    pub(super) fn lever(
        &self,
        s: usize,
        p: usize,
        mode: Mode,
        counts_toward: &[String],
        offset: Option<&str>,
    ) -> Result<Lever> {
        // What an edit moves besides its own figure are figures typed in: a sum follows its parts by itself.
        let input = |id: &str, path: &str| -> Result<usize> {
            let t = self.series_index(id, path)?;
            match self.plan.series.get(t).map(|x| &x.kind) {
                Some(SeriesKind::Input) => Ok(t),
                _ => Err(Error::rule(
                    "edit.computed",
                    path,
                    format!("\"{id}\" is computed from other figures; name one of the figures typed in"),
                )),
            }
        };
        let counts_toward = counts_toward
            .iter()
            .enumerate()
            .map(|(i, id)| input(id, &index("edit.counts_toward", i)))
            .collect::<Result<Vec<_>>>()?;
        let offset = offset.map(|id| input(id, "edit.offset")).transpose()?;
        if offset.is_some() && mode == Mode::Additive {
            return Err(Error::rule("edit.offset_mode", "edit.offset", "an offset goes with substitute mode"));
        }
        Ok(Lever { series: s, period: p, mode, counts_toward, offset })
    }

    /// Makes a validated change part of the active scenario (`updates` from [`Self::propagate`]); `fresh` clears the
    /// redo stack.
    pub(super) fn install(&mut self, change: Change, updates: &[(usize, usize, Cell)], fresh: bool) -> Changes {
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
    pub(super) fn write(&mut self, updates: &[(usize, usize, Cell)]) -> Changes {
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
}
