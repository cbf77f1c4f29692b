//! Indicators: what targets are set on. Each evaluates to an exact numerator ÷ denominator, both
//! affine in any single input, which is what makes goal seek exact and closed-form.

use super::grid::{Cell, Grid};
use crate::exact::{Exact, Rounded};
use crate::model::indicator::{IndicatorSpec, Unit};
use crate::model::plan::{Plan, PublishedLevel, Rounding};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

impl Unit {
    /// Decimals shown for this unit.
    pub fn decimals(self, rounding: &Rounding) -> u32 {
        match self {
            Unit::Amount => rounding.amount,
            Unit::Percent => rounding.percent,
            Unit::Pp => rounding.pp,
            Unit::Times => rounding.amount,
        }
    }
}

/// A computed figure: the exact value, the display text rounded once, and the unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    /// The exact value as a decimal (to 28 significant digits where it does not terminate).
    #[serde(with = "rust_decimal::serde::str")]
    pub exact: Decimal,
    /// The exact value as a reduced fraction "p/q", where the decimal does not terminate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction: Option<String>,
    /// Rounded once, by the plan's rule, with a fixed number of places.
    pub display: String,
    pub unit: Unit,
    /// What to write after the number: "亿元", "%", "pp", "×".
    pub symbol: String,
    /// The sign of the value as displayed (rounded): a figure that shows as 0.0 is `zero`, never negative.
    pub sign: Sign,
}

/// The sign of a displayed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    Negative,
    Zero,
    Positive,
}

impl Sign {
    pub fn of(d: &Rounded) -> Sign {
        if d.is_zero() {
            Sign::Zero
        } else if d.is_negative() {
            Sign::Negative
        } else {
            Sign::Positive
        }
    }
}

impl Quantity {
    /// Rounds an exact value for display; `None` if it is beyond a decimal's range.
    pub fn new(value: &Exact, unit: Unit, symbol: &str, rounding: &Rounding) -> Option<Self> {
        // Normalised: a quotient that does not terminate may come back with trailing zeros, and equal numbers must
        // read alike (results are compared as text).
        let exact = value.to_decimal()?.normalize();
        // A number of projects is whole: no decimals.
        let places =
            if unit == Unit::Amount && symbol == crate::model::plan::COUNT_UNIT { 0 } else { unit.decimals(rounding) };
        let rounded = value.rounded(places, rounding.tie)?;
        Some(Quantity {
            display: rounded.text(),
            exact,
            fraction: None,
            unit,
            symbol: symbol.to_owned(),
            sign: Sign::of(&rounded),
        })
    }

    /// As [`Quantity::new`], with the reduced fraction where the decimal does not terminate (for the values a
    /// teacher walks through: targets' values, goal-seek answers, figures).
    pub fn with_fraction(value: &Exact, unit: Unit, symbol: &str, rounding: &Rounding) -> Option<Self> {
        let mut q = Quantity::new(value, unit, symbol, rounding)?;
        q.fraction = value.fraction();
        Some(q)
    }
}

/// An indicator's value before division: `num ÷ den`, each affine in any one input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frac {
    pub num: Exact,
    pub den: Exact,
}

impl Frac {
    /// The value; `None` when the denominator is zero or on overflow.
    pub fn value(&self) -> Option<Exact> {
        self.num.checked_div(&self.den)
    }
}

/// A figure that went into an indicator, for explanations: its symbol, series, period and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub symbol: &'static str,
    pub series: usize,
    pub period: usize,
    pub value: Exact,
    /// Whether this is a base derived from a published growth rate (level ÷ (1 + g)).
    pub from_growth: Option<Decimal>,
}

/// Why an indicator has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// Inputs without a figure (series indices).
    NoData(Vec<usize>),
    /// The formula has no value: `whole_is_zero`, `base_is_zero`, `overflow`, `no_base`.
    Undefined(&'static str),
}

/// An evaluated indicator: its fraction and the figures that went in.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    pub frac: Frac,
    pub terms: Vec<Term>,
}

/// What evaluation needs: the plan, the current figures, and the baseline figures (for published growth bases).
pub struct Ctx<'a> {
    pub plan: &'a Plan,
    pub grid: &'a Grid,
    pub baseline: &'a Grid,
    /// A lever moved by `x` on top of `grid`, for goal seek: no grid is recomputed.
    pub shift: Option<&'a Shift>,
}

/// Lever movement `x` and how much each series moves per unit of it, in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    pub lever: usize,
    pub period: usize,
    pub x: Exact,
    /// `(series, coefficient)`: the lever 1, containers 1 under additive mode, an offset −1, sums their parts' total.
    pub coefs: Vec<(usize, Exact)>,
}

const OVERFLOW: Gap = Gap::Undefined("overflow");

fn ov<T>(x: Option<T>) -> std::result::Result<T, Gap> {
    x.ok_or(OVERFLOW)
}

impl Ctx<'_> {
    fn cell(&self, s: usize, p: usize) -> std::result::Result<Exact, Gap> {
        let moved = self.shift.filter(|sh| sh.period == p).and_then(|sh| sh.coefs.iter().find(|(x, _)| *x == s));
        match (self.grid.get(s, p), moved) {
            (Cell::Value(v), None) => Ok(v),
            (Cell::Value(v), Some((_, c))) => {
                ov(c.checked_mul(&self.shift.map_or(Exact::ZERO, |sh| sh.x)).and_then(|d| v.checked_add(&d)))
            }
            // The lever itself, without a figure yet, counts from zero.
            (Cell::NoData, Some((_, c))) if self.shift.is_some_and(|sh| sh.lever == s) => {
                ov(c.checked_mul(&self.shift.map_or(Exact::ZERO, |sh| sh.x)))
            }
            (Cell::NoData, _) => Err(Gap::NoData(vec![s])),
            (Cell::Overflow, _) => Err(OVERFLOW),
        }
    }

    fn term(&self, symbol: &'static str, s: usize, p: usize) -> std::result::Result<Term, Gap> {
        Ok(Term { symbol, series: s, period: p, value: self.cell(s, p)?, from_growth: None })
    }

    /// Last year's level of `s` for period `p`: from a published growth rate g (baseline level ÷ (1 + g/100),
    /// the comparable base), else the previous period's figure. A published rate is never re-derived from levels.
    pub fn base(&self, symbol: &'static str, s: usize, p: usize) -> std::result::Result<Term, Gap> {
        let series = self.plan.series.get(s);
        let published = series.and_then(|x| x.growth.get(p)).copied().flatten();
        if let Some(g) = published {
            // The level the rate was published with: the plan's own figure, unless a saved scenario recorded it.
            let published = series.and_then(|x| x.growth_level.get(p)).copied().unwrap_or_default();
            let level = match (published, self.baseline.get(s, p)) {
                (PublishedLevel::Level(v), _) | (PublishedLevel::Figure, Cell::Value(v)) => v,
                _ => return Err(Gap::NoData(vec![s])),
            };
            let factor = ov(Exact::from(Decimal::ONE_HUNDRED).checked_add(&Exact::from(g)))?;
            let base = level.checked_mul(&Exact::HUNDRED).and_then(|x| x.checked_div(&factor));
            return Ok(Term {
                symbol,
                series: s,
                period: p,
                value: base.ok_or(Gap::Undefined("base_is_zero"))?,
                from_growth: Some(g),
            });
        }
        match self.plan.periods.get(p).and_then(|x| x.previous) {
            Some(q) => self.term(symbol, s, q),
            None => Err(Gap::Undefined("no_base")),
        }
    }
}

/// `a ∪ b` of missing-series lists, so that every missing input is reported at once.
fn both<A, B>(a: std::result::Result<A, Gap>, b: std::result::Result<B, Gap>) -> std::result::Result<(A, B), Gap> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(Gap::NoData(mut x)), Err(Gap::NoData(y))) => {
            x.extend(y);
            x.dedup();
            Err(Gap::NoData(x))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

impl IndicatorSpec {
    /// The symbol written after the value: the series' unit for amounts.
    pub fn symbol<'a>(&self, plan: &'a Plan) -> &'a str {
        match (self.unit(), self.main_series(plan)) {
            (Unit::Amount, Some(s)) => plan.series.get(s).map_or(plan.unit.as_str(), |x| x.unit.as_str()),
            (Unit::Amount, None) => plan.unit.as_str(),
            (Unit::Percent, _) => "%",
            (Unit::Pp, _) => "pp",
            (Unit::Times, _) => "×",
        }
    }

    /// The series a planner would move to change the indicator: the part, the level, the amount done.
    pub fn main_series(&self, plan: &Plan) -> Option<usize> {
        match self {
            IndicatorSpec::Amount { series }
            | IndicatorSpec::Cumulative { series, .. }
            | IndicatorSpec::Growth { series } => Some(*series),
            IndicatorSpec::Share { part, .. }
            | IndicatorSpec::Contribution { part, .. }
            | IndicatorSpec::ContributionShare { part, .. } => Some(*part),
            IndicatorSpec::Completion { done, .. } => Some(*done),
            IndicatorSpec::Ratio { numerator, .. } => Some(*numerator),
            IndicatorSpec::AggregateGrowth { .. } => None,
            IndicatorSpec::Remainder { breakdown } => plan.breakdowns.get(*breakdown).map(|b| b.parent),
        }
    }

    /// Evaluates the indicator in period `p`, exactly.
    pub fn evaluate(&self, ctx: &Ctx<'_>, p: usize) -> std::result::Result<Evaluated, Gap> {
        let hundred = Exact::HUNDRED;
        let pct = |x: Exact| ov(x.checked_mul(&hundred));
        let done = |num: Exact, den: Exact, terms: Vec<Term>| Ok(Evaluated { frac: Frac { num, den }, terms });
        match self {
            IndicatorSpec::Amount { series } => {
                let t = ctx.term("V", *series, p)?;
                done(t.value, Exact::ONE, vec![t])
            }
            IndicatorSpec::Cumulative { series, periods } => {
                let mut total = Exact::ZERO;
                let mut terms = Vec::with_capacity(periods.len());
                let mut missing = Vec::new();
                for &q in periods {
                    match ctx.term("V", *series, q) {
                        Ok(t) => {
                            total = ov(total.checked_add(&t.value))?;
                            terms.push(t);
                        }
                        Err(Gap::NoData(m)) => missing.extend(m),
                        Err(e) => return Err(e),
                    }
                }
                if !missing.is_empty() {
                    missing.dedup();
                    return Err(Gap::NoData(missing));
                }
                done(total, Exact::ONE, terms)
            }
            IndicatorSpec::Share { part, whole } => {
                let (a, b) = both(ctx.term("P", *part, p), ctx.term("W", *whole, p))?;
                if b.value.is_zero() {
                    return Err(Gap::Undefined("whole_is_zero"));
                }
                done(pct(a.value)?, b.value, vec![a, b])
            }
            IndicatorSpec::Completion { done: d, plan } => {
                let (a, b) = both(ctx.term("C", *d, p), ctx.term("A", *plan, p))?;
                if b.value.is_zero() {
                    return Err(Gap::Undefined("whole_is_zero"));
                }
                done(pct(a.value)?, b.value, vec![a, b])
            }
            IndicatorSpec::Growth { series } => {
                let (cur, base) = both(ctx.term("V", *series, p), ctx.base("B", *series, p))?;
                if base.value.is_zero() {
                    return Err(Gap::Undefined("base_is_zero"));
                }
                done(pct(ov(cur.value.checked_sub(&base.value))?)?, base.value, vec![cur, base])
            }
            IndicatorSpec::Contribution { part, whole } => {
                let (pc, pb) = both(ctx.term("P", *part, p), ctx.base("P₀", *part, p))?;
                let wb = ctx.base("W₀", *whole, p)?;
                if wb.value.is_zero() {
                    return Err(Gap::Undefined("base_is_zero"));
                }
                done(pct(ov(pc.value.checked_sub(&pb.value))?)?, wb.value, vec![pc, pb, wb])
            }
            IndicatorSpec::ContributionShare { part, whole } => {
                let (pc, pb) = both(ctx.term("P", *part, p), ctx.base("P₀", *part, p))?;
                let (wc, wb) = both(ctx.term("W", *whole, p), ctx.base("W₀", *whole, p))?;
                let dw = ov(wc.value.checked_sub(&wb.value))?;
                if dw.is_zero() {
                    return Err(Gap::Undefined("whole_unchanged"));
                }
                done(pct(ov(pc.value.checked_sub(&pb.value))?)?, dw, vec![pc, pb, wc, wb])
            }
            IndicatorSpec::Ratio { numerator, numerator_period, denominator, denominator_period } => {
                let q = denominator_period.unwrap_or(p);
                let mut d = ctx.term("D", *denominator, q);
                // "2.5 × last year's FAI" without last year's figure: this year's level at its published growth
                // gives last year's comparable level, as it does for growth.
                if matches!(d, Err(Gap::NoData(_))) && ctx.plan.periods.get(p).and_then(|x| x.previous) == Some(q) {
                    if let Ok(base) = ctx.base("D", *denominator, p) {
                        if base.from_growth.is_some() {
                            d = Ok(base);
                        }
                    }
                }
                let (a, b) = both(ctx.term("N", *numerator, numerator_period.unwrap_or(p)), d)?;
                if b.value.is_zero() {
                    return Err(Gap::Undefined("whole_is_zero"));
                }
                done(a.value, b.value, vec![a, b])
            }
            IndicatorSpec::AggregateGrowth { units } => {
                let (mut cur, mut base) = (Exact::ZERO, Exact::ZERO);
                let mut terms = Vec::with_capacity(units.len() * 2);
                let mut missing = Vec::new();
                for &u in units {
                    match both(ctx.term("V", u, p), ctx.base("B", u, p)) {
                        Ok((c, b)) => {
                            cur = ov(cur.checked_add(&c.value))?;
                            base = ov(base.checked_add(&b.value))?;
                            terms.extend([c, b]);
                        }
                        Err(Gap::NoData(m)) => missing.extend(m),
                        Err(e) => return Err(e),
                    }
                }
                if !missing.is_empty() {
                    missing.dedup();
                    return Err(Gap::NoData(missing));
                }
                if base.is_zero() {
                    return Err(Gap::Undefined("base_is_zero"));
                }
                done(pct(ov(cur.checked_sub(&base))?)?, base, terms)
            }
            IndicatorSpec::Remainder { breakdown } => {
                let b = ctx.plan.breakdowns.get(*breakdown).ok_or(Gap::Undefined("no_breakdown"))?;
                let parent = ctx.term("W", b.parent, p);
                let mut children = Vec::with_capacity(b.children.len());
                let mut missing = Vec::new();
                for &c in &b.children {
                    match ctx.term("Xᵢ", c, p) {
                        Ok(t) => children.push(t),
                        Err(Gap::NoData(m)) => missing.extend(m),
                        Err(e) => return Err(e),
                    }
                }
                let parent = both(parent, if missing.is_empty() { Ok(()) } else { Err(Gap::NoData(missing)) })?.0;
                let mut rest = parent.value;
                for t in &children {
                    rest = ov(rest.checked_sub(&t.value))?;
                }
                let mut terms = vec![parent];
                terms.extend(children);
                done(rest, Exact::ONE, terms)
            }
        }
    }

    /// The series the indicator reads, for knowing what an edit can move.
    pub fn inputs(&self, plan: &Plan) -> Vec<usize> {
        match self {
            IndicatorSpec::Amount { series }
            | IndicatorSpec::Cumulative { series, .. }
            | IndicatorSpec::Growth { series } => vec![*series],
            IndicatorSpec::Share { part, whole }
            | IndicatorSpec::Contribution { part, whole }
            | IndicatorSpec::ContributionShare { part, whole } => vec![*part, *whole],
            IndicatorSpec::Completion { done, plan } => vec![*done, *plan],
            IndicatorSpec::Ratio { numerator, denominator, .. } => vec![*numerator, *denominator],
            IndicatorSpec::AggregateGrowth { units } => units.clone(),
            IndicatorSpec::Remainder { breakdown } => plan.breakdowns.get(*breakdown).map_or(Vec::new(), |b| {
                let mut v = vec![b.parent];
                v.extend(&b.children);
                v
            }),
        }
    }
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
export type Unit = "amount" | "percent" | "pp" | "times";
/** A computed figure: `exact` unrounded (decimal string), `display` rounded once by the plan's rule, `sign` the sign
 * of what is displayed. */
export interface Quantity { exact: string; fraction?: string; display: string; unit: Unit; symbol: string; sign: "negative" | "zero" | "positive"; }
"#;
