//! Goal seek, exact and closed-form. Every indicator is `num ÷ den` with both affine in the lever x,
//! so evaluating at x = 0 and x = 1 gives the line, and `(n₀ + n₁x) = t (d₀ + d₁x)` gives
//! x = (t·d₀ − n₀) ÷ (n₁ − t·d₁) exactly. No iteration.

use super::grid::{Cell, Grid};
use super::indicator::{Ctx, Evaluated, Frac, Gap, Shift};
use crate::exact::Exact;
use crate::messages::{say, Arg::Same, Text};
use crate::model::edit::Mode;
use crate::model::indicator::IndicatorSpec;
use crate::model::plan::{Plan, SeriesKind};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// The series moved, in which period, and how the movement propagates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lever {
    pub series: usize,
    pub period: usize,
    pub mode: Mode,
    /// Cross-cutting series the change also counts toward (a private industrial project raises private too).
    pub counts_toward: Vec<usize>,
    /// Under substitute mode, a series the change is taken from (instead of the unallocated remainder).
    pub offset: Option<usize>,
}

impl Lever {
    /// How much each series moves per unit of lever movement: inputs first, then the sums over them.
    pub fn coefficients(&self, plan: &Plan) -> Vec<(usize, Exact)> {
        // Each series' movement, by index (`None`: it does not move), and the order in which they were reached.
        let mut by_series: Vec<Option<Exact>> = vec![None; plan.series.len()];
        let mut reached: Vec<usize> = Vec::new();
        let mut add = |s: usize, c: Exact, reached: &mut Vec<usize>| {
            if let Some(slot @ None) = by_series.get_mut(s) {
                *slot = Some(c);
                reached.push(s);
            }
        };
        add(self.series, Exact::ONE, &mut reached);
        for &s in &self.counts_toward {
            add(s, Exact::ONE, &mut reached);
        }
        match self.mode {
            Mode::Additive => {
                // Inputs containing what moves rise by the same amount; sums follow by themselves.
                for c in plan.input_containers(&reached.clone()) {
                    add(c, Exact::ONE, &mut reached);
                }
            }
            Mode::Substitute => {
                if let Some(o) = self.offset {
                    add(o, Exact::ONE.neg(), &mut reached);
                }
            }
        }
        let mut moved: Vec<(usize, Exact)> =
            reached.iter().filter_map(|&s| Some((s, by_series.get(s).copied().flatten()?))).collect();
        // Sums move by the total of their parts' movements.
        for &s in &plan.order {
            if let Some(SeriesKind::Sum(parts)) = plan.series.get(s).map(|x| &x.kind) {
                let mut c = Exact::ZERO;
                for part in parts {
                    if let Some(k) = by_series.get(*part).copied().flatten() {
                        c = c.checked_add(&k).unwrap_or(c);
                    }
                }
                if !c.is_zero() {
                    if let Some(slot) = by_series.get_mut(s) {
                        *slot = Some(c);
                    }
                    moved.push((s, c));
                }
            }
        }
        moved
    }
}

/// Why no lever value meets the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Unreachable {
    /// The indicator does not depend on the lever.
    LeverNotUsed,
    /// The target is the indicator's limit, never reached: a share of 100% by adding to the part (the total grows too).
    Asymptote,
    /// Meeting it needs the lever below zero.
    NegativeInvestment {
        #[serde(with = "rust_decimal::serde::str")]
        needed: rust_decimal::Decimal,
    },
    /// Under substitute mode the change exceeds the unallocated remainder (or the offset series) it comes out of.
    NoRoom {
        #[serde(with = "rust_decimal::serde::str")]
        needed: rust_decimal::Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        available: rust_decimal::Decimal,
        from: String,
    },
    /// Moving the lever changes the numerator and denominator in proportion: the value never moves.
    Constant,
    /// The indicator has no value to start from (an input without a figure, a zero base).
    NoValue { detail: String },
    /// Targets on the same lever cannot all be met.
    Conflict { first: String, second: String },
    /// A value left the range of a decimal.
    Overflow,
    /// `apply` would refuse the answer's edit (`code`, at the figure `at`): a figure it moves would turn negative or
    /// leave exact decimals.
    Refused { code: String, at: String },
    /// At the answer, this target has no value (a denominator or base of zero).
    Undefined { target: String },
    /// At the answer, this target is not exactly on its value (or, for a joint answer, not met).
    Missed { target: String },
}

/// On which side of the solution the target is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Lever values at or above the solution meet the target.
    AtLeast,
    /// Lever values at or below the solution meet the target.
    AtMost,
    /// Only the solution itself (an "about" target is met within its tolerance around it).
    Exactly,
}

/// A solved goal: the lever value that puts the indicator exactly on `t`.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// The lever's value now (zero where it has no figure).
    pub from: Exact,
    /// The lever's value on target.
    pub value: Exact,
    /// `value − from`.
    pub delta: Exact,
    pub side: Side,
    /// The indicator as affine pieces: n₀, n₁, d₀, d₁ (for explanations).
    pub line: [Exact; 4],
}

/// The figures goal seek works on: the plan, the current grid, and the baseline grid (for published growth bases).
#[derive(Clone, Copy)]
pub struct Figures<'a> {
    pub plan: &'a Plan,
    pub grid: &'a Grid,
    pub baseline: &'a Grid,
}

fn ov<T>(x: Option<T>) -> Result<T, Unreachable> {
    x.ok_or(Unreachable::Overflow)
}

fn evaluate_at(spec: &IndicatorSpec, f: Figures<'_>, shift: &Shift, p: usize) -> Result<Evaluated, Unreachable> {
    let plan = f.plan;
    let ctx = Ctx { plan, grid: f.grid, baseline: f.baseline, shift: Some(shift) };
    spec.evaluate(&ctx, p).map_err(|g| match g {
        Gap::NoData(ids) => {
            Unreachable::NoValue { detail: ids.iter().map(|&s| plan.series_id(s)).collect::<Vec<_>>().join(", ") }
        }
        Gap::Undefined("overflow") => Unreachable::Overflow,
        Gap::Undefined(r) => Unreachable::NoValue { detail: r.to_owned() },
    })
}

/// Solves `indicator(lever) = t` in period `p`. `increasing` tells whether a larger value meets the target (≥)
/// or a smaller one (≤); `None` for "about" and "reach exactly".
pub fn solve(
    f: Figures<'_>,
    spec: &IndicatorSpec,
    p: usize,
    lever: &Lever,
    t: Exact,
    larger_meets: Option<bool>,
) -> Result<Solution, Unreachable> {
    let coefs = lever.coefficients(f.plan);
    let shift = Shift { lever: lever.series, period: lever.period, x: Exact::ZERO, coefs };
    let e0 = evaluate_at(spec, f, &shift, p)?;
    solve_from(f, spec, p, t, larger_meets, e0.frac, shift)
}

/// [`solve`], given the indicator at the current figures (`e0`, as the lever leaves it at zero movement) and how the
/// lever moves the figures (`shift`, from [`Lever::coefficients`]).
pub fn solve_from(
    f: Figures<'_>,
    spec: &IndicatorSpec,
    p: usize,
    t: Exact,
    larger_meets: Option<bool>,
    e0: Frac,
    mut shift: Shift,
) -> Result<Solution, Unreachable> {
    let (plan, grid) = (f.plan, f.grid);
    shift.x = Exact::ONE;
    let e1 = evaluate_at(spec, f, &shift, p)?;
    let Frac { num: n0, den: d0 } = e0;
    let n1 = ov(e1.frac.num.checked_sub(&n0))?;
    let d1 = ov(e1.frac.den.checked_sub(&d0))?;
    if n1.is_zero() && d1.is_zero() {
        return Err(Unreachable::LeverNotUsed);
    }
    // d(value)/dx has the sign of n₁·d₀ − n₀·d₁ wherever the denominator keeps its sign.
    let slope = ov(n1.checked_mul(&d0).and_then(|a| a.checked_sub(&n0.checked_mul(&d1)?)))?;
    if slope.is_zero() {
        return Err(Unreachable::Constant);
    }
    let denom = ov(n1.checked_sub(&ov(t.checked_mul(&d1))?))?;
    if denom.is_zero() {
        return Err(Unreachable::Asymptote);
    }
    let x = ov(ov(t.checked_mul(&d0))?.checked_sub(&n0).and_then(|a| a.checked_div(&denom)))?;
    let from = match grid.get(shift.lever, shift.period) {
        Cell::Value(v) => v,
        _ => Exact::ZERO,
    };
    let value = ov(from.checked_add(&x))?;
    // The denominator must stay positive at the solution (a share of a positive total).
    let den_at = ov(d1.checked_mul(&x).and_then(|a| a.checked_add(&d0)))?;
    let d0_positive = d0.cmp_exact(&Exact::ZERO) == Some(Ordering::Greater);
    if d0_positive && den_at.cmp_exact(&Exact::ZERO) != Some(Ordering::Greater) {
        return Err(Unreachable::Asymptote);
    }
    let allow_negative = plan.series.get(shift.lever).is_some_and(|s| s.allow_negative);
    if value.is_negative() && !allow_negative {
        return Err(Unreachable::NegativeInvestment { needed: ov(value.to_decimal())? });
    }
    let increasing = (slope.cmp_exact(&Exact::ZERO) == Some(Ordering::Greater)) == d0_positive;
    let side = match larger_meets {
        None => Side::Exactly,
        Some(larger) if larger == increasing => Side::AtLeast,
        Some(_) => Side::AtMost,
    };
    Ok(Solution { from, value, delta: x, side, line: [n0, n1, d0, d1] })
}

/// Under substitute mode, a rise must fit in what it comes out of: the offset series, or the unallocated
/// remainder of every breakdown the lever belongs to.
pub fn check_room(plan: &Plan, grid: &Grid, lever: &Lever, x: &Exact) -> Result<(), Unreachable> {
    if lever.mode != Mode::Substitute || x.cmp_exact(&Exact::ZERO) != Some(Ordering::Greater) {
        return Ok(());
    }
    let p = lever.period;
    let short = |available: Exact, from: &str| -> Result<(), Unreachable> {
        if x.cmp_exact(&available) == Some(Ordering::Greater) {
            return Err(Unreachable::NoRoom {
                needed: ov(x.to_decimal())?,
                available: ov(available.to_decimal())?,
                from: from.to_owned(),
            });
        }
        Ok(())
    };
    if let Some(o) = lever.offset {
        let available = grid.get(o, p).value().unwrap_or(Exact::ZERO);
        return short(available, plan.series_id(o));
    }
    for b in plan.breakdowns.iter().filter(|b| b.children.contains(&lever.series)) {
        if !matches!(plan.series.get(b.parent).map(|s| &s.kind), Some(SeriesKind::Input)) {
            continue;
        }
        let Some(mut rest) = grid.get(b.parent, p).value() else { continue };
        for &c in &b.children {
            rest = ov(rest.checked_sub(&grid.get(c, p).value().unwrap_or(Exact::ZERO)))?;
        }
        short(rest, &b.id)?;
    }
    Ok(())
}

impl Unreachable {
    /// Why, as a sentence in three languages.
    pub fn text(&self) -> Text {
        let n = |d: &rust_decimal::Decimal| d.normalize().to_string();
        match self {
            Unreachable::LeverNotUsed => say("unreachable.lever_not_used", &[]),
            Unreachable::Asymptote => say("unreachable.asymptote", &[]),
            Unreachable::Constant => say("unreachable.constant", &[]),
            Unreachable::Overflow => say("unreachable.overflow", &[]),
            Unreachable::NegativeInvestment { needed } => {
                say("unreachable.negative_investment", &[("needed", Same(&n(needed)))])
            }
            Unreachable::NoRoom { needed, available, from } => say(
                "unreachable.no_room",
                &[
                    ("needed", Same(&n(&needed.round_dp(2)))),
                    ("available", Same(&n(&available.round_dp(2)))),
                    ("from", Same(from)),
                ],
            ),
            Unreachable::NoValue { detail } => say("unreachable.no_value", &[("detail", Same(detail))]),
            Unreachable::Conflict { first, second } => {
                say("unreachable.conflict", &[("first", Same(first)), ("second", Same(second))])
            }
            Unreachable::Refused { code, at } => say("unreachable.refused", &[("code", Same(code)), ("at", Same(at))]),
            Unreachable::Undefined { target } => say("unreachable.undefined", &[("target", Same(target))]),
            Unreachable::Missed { target } => say("unreachable.missed", &[("target", Same(target))]),
        }
    }
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
export type Unreachable =
  | { reason: "lever_not_used" } | { reason: "asymptote" } | { reason: "constant" } | { reason: "overflow" }
  | { reason: "negative_investment"; needed: string }
  | { reason: "no_room"; needed: string; available: string; from: string }
  | { reason: "no_value"; detail: string } | { reason: "conflict"; first: string; second: string }
  | { reason: "refused"; code: string; at: string } | { reason: "undefined"; target: string }
  | { reason: "missed"; target: string };
"#;
