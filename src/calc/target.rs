//! Targets: met, not met, no data or undefined, with the margin in the indicator's unit and in money.

use super::goal::{solve_from, Figures, Lever};
use super::grid::Grid;
use super::indicator::{Ctx, Gap, Quantity, Shift, Sign};
use crate::exact::Exact;
use crate::messages::{say, Text};
use crate::model::edit::Mode;
use crate::model::indicator::{IndicatorSpec, Unit};
use crate::model::plan::{Comparator, Plan, SeriesKind, Target};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotMet,
    /// An input the indicator needs has no figure.
    NoData,
    /// The indicator has no value (a division by zero, an overflow).
    Undefined,
}

/// A figure shown beside an indicator: time-progress, ahead/behind, the run-rate still needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extra {
    /// `time_progress` (%), `ahead` (pp; negative = behind), `run_rate` (amount per remaining month);
    /// `comparable_base` and `base_revision` (amounts) for a growth rate measured from a published one.
    pub key: String,
    pub value: Quantity,
}

/// One unit's part in a combined growth rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitContribution {
    pub id: String,
    pub value: Quantity,
}

/// A target evaluated against the current figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetResult {
    pub id: String,
    pub status: Status,
    /// The indicator's value; `None` unless it has one.
    pub value: Option<Quantity>,
    /// The target value, in the indicator's unit.
    pub target: Quantity,
    /// value − target, in the unit of a difference (pp for shares).
    pub margin: Option<Quantity>,
    /// The change in `lever` that would put the indicator exactly on target with every other input held
    /// (positive: short by this much; negative: this much to spare).
    pub needed: Option<Quantity>,
    /// The series `needed` is about: the part of a share, the level of a growth, the amount done.
    pub lever: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extras: Vec<Extra>,
    /// For the growth of several units together: each unit's contribution (pp), (Vᵢ − Bᵢ) ÷ ΣB × 100. They add
    /// up to the combined growth exactly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<UnitContribution>,
    /// Series without a figure, for `no_data`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Why there is no value, for `undefined`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `reason` as a sentence, in three languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_text: Option<Text>,
}

impl TargetResult {
    /// No value, for `reason` (a key of the catalogue's `undefined.*` sentences).
    fn set_undefined(&mut self, reason: &str) {
        self.status = Status::Undefined;
        self.reason_text = Some(say(&format!("undefined.{reason}"), &[]));
        self.reason = Some(reason.to_owned());
    }
}

/// Whether `value` meets the target; `None` on overflow.
pub fn meets(target: &Target, value: &Exact) -> Option<bool> {
    let t = Exact::from(target.value);
    Some(match target.cmp {
        Comparator::AtLeast | Comparator::Reach => value.cmp_exact(&t)? != Ordering::Less,
        Comparator::AtMost => value.cmp_exact(&t)? != Ordering::Greater,
        Comparator::About => {
            let diff = value.checked_sub(&t)?;
            let dist = if diff.is_negative() { diff.neg() } else { diff };
            dist.cmp_exact(&Exact::from(target.tolerance.unwrap_or_default()))? != Ordering::Greater
        }
    })
}

/// Evaluates a target against the current figures.
pub fn evaluate(plan: &Plan, grid: &Grid, baseline: &Grid, target: &Target) -> TargetResult {
    let spec = &target.indicator;
    let unit = spec.unit();
    let symbol = spec.symbol(plan);
    let rounding = &plan.rounding;
    let q = |v: &Exact, u: Unit, sym: &str| Quantity::new(v, u, sym, rounding);
    let target_q = q(&Exact::from(target.value), unit, symbol);
    let mut result = TargetResult {
        id: target.id.clone(),
        status: Status::NoData,
        value: None,
        // A target value is a plan figure, so it always fits in a decimal.
        target: target_q.unwrap_or_else(|| placeholder(unit, symbol)),
        margin: None,
        needed: None,
        lever: None,
        extras: Vec::new(),
        contributions: Vec::new(),
        missing: Vec::new(),
        reason: None,
        reason_text: None,
    };
    let ctx = Ctx { plan, grid, baseline, shift: None };
    let evaluated = spec.evaluate(&ctx, target.period);
    let value = match evaluated.as_ref().map(|e| e.frac.value()) {
        Ok(Some(v)) => v,
        Ok(None) | Err(Gap::Undefined(_)) => {
            let reason = match &evaluated {
                Err(Gap::Undefined(r)) => r,
                _ => "overflow",
            };
            result.set_undefined(reason);
            return result;
        }
        Err(Gap::NoData(ids)) => {
            result.missing = ids.iter().map(|&s| plan.series_id(s).to_owned()).collect();
            return result;
        }
    };
    let margin = value.checked_sub(&Exact::from(target.value));
    let (Some(met), Some(value_q), Some(margin_q)) = (
        meets(target, &value),
        Quantity::with_fraction(&value, unit, symbol, rounding),
        margin.as_ref().and_then(|m| q(m, unit.difference(), diff_symbol(unit, symbol))),
    ) else {
        result.set_undefined("overflow");
        return result;
    };
    result.status = if met { Status::Met } else { Status::NotMet };
    result.value = Some(value_q);
    result.margin = Some(margin_q);
    if let Some(s) =
        spec.main_series(plan).filter(|&s| matches!(plan.series.get(s).map(|x| &x.kind), Some(SeriesKind::Input)))
    {
        let t = Exact::from(target.value);
        let delta = match spec {
            // The lever is the figure itself: it moves one for one (the general solution, without solving).
            IndicatorSpec::Amount { .. } => {
                let allow_negative = plan.series.get(s).is_some_and(|x| x.allow_negative);
                if t.is_negative() && !allow_negative {
                    None
                } else {
                    t.checked_sub(&value)
                }
            }
            _ => {
                let lever = Lever {
                    series: s,
                    period: lever_period(spec, target.period),
                    mode: Mode::Substitute,
                    counts_toward: vec![],
                    offset: None,
                };
                // The indicator at the current figures is the line's value at zero movement: not evaluated again.
                let figures = Figures { plan, grid, baseline };
                let shift = Shift {
                    lever: lever.series,
                    period: lever.period,
                    x: Exact::ZERO,
                    coefs: lever.coefficients(plan),
                };
                let e0 = evaluated.as_ref().map(|e| e.frac).ok();
                e0.and_then(|e0| solve_from(figures, spec, target.period, t, None, e0, shift).ok()).map(|sol| sol.delta)
            }
        };
        if let Some(delta) = delta {
            let money = plan.series.get(s).map_or(plan.unit.as_str(), |x| x.unit.as_str());
            result.needed = q(&delta, Unit::Amount, money);
            result.lever = Some(plan.series_id(s).to_owned());
        }
    }
    if let IndicatorSpec::Completion { done, plan: annual } = spec {
        result.extras = completion_extras(plan, grid, *done, *annual, target.period, &value);
    }
    if let (IndicatorSpec::Growth { series }, Ok(e)) = (spec, &evaluated) {
        result.extras = growth_extras(plan, grid, *series, target.period, &e.terms);
    }
    if let (IndicatorSpec::AggregateGrowth { .. }, Ok(e)) = (spec, &evaluated) {
        // The terms come in pairs per unit: this period's level, then its base; the denominator is Σ bases.
        result.contributions = e
            .terms
            .chunks(2)
            .filter_map(|pair| {
                let [cur, base] = pair else { return None };
                let share =
                    cur.value.checked_sub(&base.value)?.checked_mul(&Exact::HUNDRED)?.checked_div(&e.frac.den)?;
                let value = Quantity::with_fraction(&share, Unit::Pp, "pp", rounding)?;
                Some(UnitContribution { id: plan.series_id(cur.series).to_owned(), value })
            })
            .collect();
    }
    result
}

/// The period a lever moves in for this indicator (the numerator's own period for a ratio).
pub fn lever_period(spec: &IndicatorSpec, p: usize) -> usize {
    match spec {
        IndicatorSpec::Ratio { numerator_period: Some(q), .. } => *q,
        IndicatorSpec::Cumulative { periods, .. } => periods.last().copied().unwrap_or(p),
        _ => p,
    }
}

fn diff_symbol(unit: Unit, symbol: &str) -> &str {
    match unit {
        Unit::Percent | Unit::Pp => "pp",
        _ => symbol,
    }
}

fn placeholder(unit: Unit, symbol: &str) -> Quantity {
    Quantity {
        exact: Decimal::ZERO,
        fraction: None,
        display: String::new(),
        unit,
        symbol: symbol.to_owned(),
        sign: Sign::Zero,
    }
}

/// A growth rate measured from a published rate: the comparable base it implies (level ÷ (1 + g/100)) and, where last
/// year's level is given too, the revision of the base (comparable base − last year's level; NBS revises bases, so
/// the two differ and the published rate is kept).
fn growth_extras(plan: &Plan, grid: &Grid, s: usize, p: usize, terms: &[crate::calc::indicator::Term]) -> Vec<Extra> {
    let Some(base) = terms.get(1).filter(|t| t.from_growth.is_some()) else { return Vec::new() };
    let r = &plan.rounding;
    let money = plan.series.get(s).map_or(plan.unit.as_str(), |x| x.unit.as_str());
    let mut out = Vec::new();
    if let Some(v) = Quantity::new(&base.value, Unit::Amount, money, r) {
        out.push(Extra { key: "comparable_base".into(), value: v });
    }
    let last_year = plan.periods.get(p).and_then(|x| x.previous).and_then(|q| grid.get(s, q).value());
    if let Some(v) = last_year
        .and_then(|level| base.value.checked_sub(&level))
        .and_then(|d| Quantity::new(&d, Unit::Amount, money, r))
    {
        out.push(Extra { key: "base_revision".into(), value: v });
    }
    out
}

/// 序时进度 = months ÷ 12; ahead (pp) = completion rate − time-progress, unrounded then rounded once;
/// run-rate = (annual plan − done) ÷ months remaining.
fn completion_extras(plan: &Plan, grid: &Grid, done: usize, annual: usize, p: usize, rate: &Exact) -> Vec<Extra> {
    let Some(as_of) = &plan.as_of else { return Vec::new() };
    let r = &plan.rounding;
    let months = Exact::from(Decimal::from(as_of.months));
    let twelve = Exact::from(Decimal::from(12));
    let mut out = Vec::new();
    let Some(tp) = months.checked_mul(&Exact::HUNDRED).and_then(|m| m.checked_div(&twelve)) else { return out };
    if let Some(v) = Quantity::new(&tp, Unit::Percent, "%", r) {
        out.push(Extra { key: "time_progress".into(), value: v });
    }
    if let Some(v) = rate.checked_sub(&tp).and_then(|a| Quantity::new(&a, Unit::Pp, "pp", r)) {
        out.push(Extra { key: "ahead".into(), value: v });
    }
    let remaining = 12u32.saturating_sub(as_of.months);
    if remaining > 0 {
        let (Some(d), Some(a)) = (grid.get(done, p).value(), grid.get(annual, p).value()) else { return out };
        let per_month = a.checked_sub(&d).and_then(|left| left.checked_div(&Exact::from(Decimal::from(remaining))));
        let money = plan.series.get(done).map_or(plan.unit.as_str(), |x| x.unit.as_str());
        if let Some(v) = per_month.and_then(|m| Quantity::new(&m, Unit::Amount, money, r)) {
            out.push(Extra { key: "run_rate".into(), value: v });
        }
    }
    out
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
export type Status = "met" | "not_met" | "no_data" | "undefined";
/** `comparable_base`: last year's level implied by a published growth rate; `base_revision`: that base minus last
 *  year's published level. */
export interface Extra { key: "time_progress" | "ahead" | "run_rate" | "comparable_base" | "base_revision"; value: Quantity; }
/** One unit's contribution (pp) to a combined growth rate; the contributions add up to it exactly. */
export interface UnitContribution { id: string; value: Quantity; }
export interface TargetResult {
  id: string; status: Status; value: Quantity | null; target: Quantity; margin: Quantity | null;
  needed: Quantity | null; lever: string | null; extras?: Extra[]; contributions?: UnitContribution[];
  missing?: string[]; reason?: string; reason_text?: Text;
}
"#;
