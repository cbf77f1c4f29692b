//! Goal seek: the exact lever value that meets one target, or every target depending on the lever at once.

use super::Session;
use crate::calc::goal::{check_room, solve, Figures, Lever, Side, Solution, Unreachable};
use crate::calc::indicator::{Ctx, Quantity};
use crate::calc::target::lever_period;
use crate::calc::target::meets;
use crate::calc::target::{evaluate, Status};
use crate::document::exact_text;
use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::messages::Text;
use crate::model::edit::{Edit, Mode, Op};
use crate::model::indicator::Unit;
use crate::model::plan::{Comparator, Plan, SeriesKind, Target};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A goal-seek answer for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalResult {
    pub target: String,
    pub lever: String,
    pub period: String,
    pub mode: Mode,
    pub outcome: GoalOutcome,
    /// Why the answer is unreachable, as a sentence in three languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
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

/// A goal-seek answer with the solution behind it: what [`Session::goal_answer`] returns.
#[derive(Debug, Clone)]
pub struct GoalAnswer {
    /// The solution (`solved.line` holds the indicator's affine pieces), or why there is none.
    pub solved: std::result::Result<Solution, Unreachable>,
    /// The answer as `goal_seek` returns it.
    pub result: GoalResult,
}

impl Session {
    /// The exact lever value that puts one target's indicator on its target value.
    pub fn goal_seek(
        &self,
        target: &str,
        lever: &str,
        mode: Mode,
        counts_toward: &[String],
        offset: Option<&str>,
    ) -> Result<GoalResult> {
        Ok(self.goal_answer(target, lever, mode, counts_toward, offset)?.result)
    }

    /// [`Session::goal_seek`] with the solution behind its answer (the affine pieces of the indicator),
    /// for an explanation of that very answer.
    pub fn goal_answer(
        &self,
        target: &str,
        lever: &str,
        mode: Mode,
        counts_toward: &[String],
        offset: Option<&str>,
    ) -> Result<GoalAnswer> {
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
            .and_then(|sol| check_room(&self.plan, &self.grid, &lv, &sol.delta).map(|()| sol))
            .and_then(|sol| self.verify(&lv, &sol, &[(t, true)]).map(|()| sol));
        let result = self.goal_result(&t.id, s, p, &lv, solved.clone(), &t.id);
        // An answer the result could not express (beyond a decimal's range) is unreachable there: so it is here.
        let solved = match &result.outcome {
            GoalOutcome::Unreachable(why) => Err(why.clone()),
            GoalOutcome::Reachable { .. } => solved,
        };
        Ok(GoalAnswer { solved, result })
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
        // The targets the answer must meet: those that depend on the lever.
        let mut considered: Vec<&Target> = Vec::new();
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
                    considered.push(t);
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
            considered.push(t);
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
        let on_target = low.is_some();
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
        // The binding target lands exactly on its value (unless only ceilings bind); every other one is met.
        let targets: Vec<(&Target, bool)> = considered.iter().map(|t| (*t, on_target && t.id == binding)).collect();
        let checked = check_room(&self.plan, &self.grid, &lv, &sol.delta)
            .and_then(|()| self.verify(&lv, &sol, &targets))
            .map(|()| sol);
        Ok(self.goal_result("", s, p, &lv, checked, &binding))
    }

    /// Whether an answer, applied as its own edit, does what it promises: `apply` accepts the edit, and there each of
    /// `targets` has a value — exactly its target value where marked, met for the others. Tried on a copy of the
    /// figures; nothing in the session changes.
    fn verify(&self, lv: &Lever, sol: &Solution, targets: &[(&Target, bool)]) -> std::result::Result<(), Unreachable> {
        let edit = answer_edit(&self.plan, lv, &sol.value);
        let (_, _, updates) = self
            .plan_edit(&edit)
            .map_err(|e| Unreachable::Refused { code: e.code().to_owned(), at: self.figure_name(e.path()) })?;
        let mut grid = self.grid.clone();
        let mut written = Vec::with_capacity(updates.len());
        for &(s, p, cell) in &updates {
            grid.set(s, p, cell);
            written.push((s, p));
        }
        grid.resum_children(&self.plan, &written);
        let ctx = Ctx { plan: &self.plan, grid: &grid, baseline: &self.baseline, shift: None };
        let value = |t: &Target| t.indicator.evaluate(&ctx, t.period).ok().and_then(|e| e.frac.value());
        for &(t, exact) in targets {
            let Some(v) = value(t) else {
                return Err(Unreachable::Undefined { target: t.id.clone() });
            };
            let holds = if exact { v == Exact::from(t.value) } else { meets(t, &v) == Some(true) };
            if !holds {
                return Err(Unreachable::Missed { target: t.id.clone() });
            }
        }
        // Nor does the answer leave any other target undefined (a lever without a figure gets one: targets that
        // had no data may now divide by zero).
        for (t, now) in self.plan.targets.iter().zip(&self.results.targets) {
            if now.status != Status::Undefined
                && evaluate(&self.plan, &grid, &self.baseline, t).status == Status::Undefined
            {
                return Err(Unreachable::Undefined { target: t.id.clone() });
            }
        }
        Ok(())
    }

    /// A figure's path as a reader names it: `series[3].values.2023` → `fai 2023`.
    fn figure_name(&self, path: &str) -> String {
        let figure = path
            .strip_prefix("series[")
            .and_then(|rest| rest.split_once(']'))
            .and_then(|(i, rest)| Some((i.parse::<usize>().ok()?, rest.rsplit('.').next()?)));
        match figure {
            Some((s, period)) => format!("{} {period}", self.plan.series_id(s)),
            None => path.to_owned(),
        }
    }

    pub(super) fn figures(&self) -> Figures<'_> {
        Figures { plan: &self.plan, grid: &self.grid, baseline: &self.baseline }
    }

    pub(super) fn meets_at(&self, t: &crate::model::plan::Target, lv: &Lever, value: Exact) -> Option<bool> {
        let from = self.grid.get(lv.series, lv.period).value().unwrap_or(Exact::ZERO);
        let shift = crate::calc::indicator::Shift {
            lever: lv.series,
            period: lv.period,
            x: value.checked_sub(&from)?,
            coefs: lv.coefficients(&self.plan),
        };
        let ctx = crate::calc::indicator::Ctx {
            plan: &self.plan,
            grid: &self.grid,
            baseline: &self.baseline,
            shift: Some(&shift),
        };
        let v = t.indicator.evaluate(&ctx, t.period).ok()?.frac.value()?;
        crate::calc::target::meets(t, &v)
    }

    pub(super) fn require_input(&self, s: usize, id: &str) -> Result<()> {
        match self.plan.series.get(s).map(|x| &x.kind) {
            Some(SeriesKind::Input) => Ok(()),
            _ => Err(Error::rule(
                "lever.computed",
                "lever",
                format!("\"{id}\" is a sum; choose one of its parts as the lever"),
            )),
        }
    }

    pub(super) fn goal_result(
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
                    edit: answer_edit(plan, lv, &sol.value),
                    from,
                    value,
                    delta,
                    side: sol.side,
                    binding: binding.to_owned(),
                },
                _ => GoalOutcome::Unreachable(Unreachable::Overflow),
            },
        };
        let message = match &outcome {
            GoalOutcome::Unreachable(why) => Some(why.text()),
            GoalOutcome::Reachable { .. } => None,
        };
        GoalResult {
            target: target.to_owned(),
            lever: plan.series_id(s).to_owned(),
            period: plan.period_id(p).to_owned(),
            mode: lv.mode,
            outcome,
            message,
        }
    }
}

/// The edit that sets the lever to `value` exactly, moving what the lever moves.
fn answer_edit(plan: &Plan, lv: &Lever, value: &Exact) -> Edit {
    Edit {
        series: plan.series_id(lv.series).to_owned(),
        period: plan.period_id(lv.period).to_owned(),
        op: Op::Set(exact_text(value)),
        mode: lv.mode,
        counts_toward: lv.counts_toward.iter().map(|&c| plan.series_id(c).to_owned()).collect(),
        offset: lv.offset.map(|o| plan.series_id(o).to_owned()),
        ..Edit::default()
    }
}

/// Whether larger indicator values meet a comparator (`None` for "about").
fn larger_meets(cmp: Comparator) -> Option<bool> {
    match cmp {
        Comparator::AtLeast | Comparator::Reach => Some(true),
        Comparator::AtMost => Some(false),
        Comparator::About => None,
    }
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
export type GoalOutcome =
  | { status: "reachable"; from: Quantity; value: Quantity; delta: Quantity; side: "at_least" | "at_most" | "exactly"; edit: Edit; binding: string }
  | ({ status: "unreachable" } & Unreachable);
export interface GoalResult { target: string; lever: string; period: string; mode: Mode; outcome: GoalOutcome; message?: Text; }
"#;
