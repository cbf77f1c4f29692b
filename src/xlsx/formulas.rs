//! The formulas of the Targets sheet: each indicator's numerator and denominator as sums over the figure cells,
//! exactly as [`IndicatorSpec::evaluate`] computes them, and goal seek's closed form for the change needed.

use super::export::Layout;
use crate::calc::target::lever_period;
use crate::model::edit::Mode;
use crate::model::indicator::IndicatorSpec;
use crate::model::plan::Plan;
use crate::session::Session;
use rust_decimal::Decimal;

/// A figure an indicator reads: a cell of the Figures sheet, or a comparable base below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Term {
    Cell(usize, usize),
    Base(usize, usize),
}

/// Σ kᵢ·termᵢ, or a constant where there are no terms (a denominator of 1).
#[derive(Debug, Clone, Default)]
pub(super) struct Lin {
    terms: Vec<(Decimal, Term)>,
    constant: Decimal,
}

impl Lin {
    fn one() -> Lin {
        Lin { terms: Vec::new(), constant: Decimal::ONE }
    }
    fn of(k: Decimal, t: Term) -> Lin {
        Lin { terms: vec![(k, t)], constant: Decimal::ZERO }
    }
    fn add(mut self, k: Decimal, t: Term) -> Lin {
        self.terms.push((k, t));
        self
    }

    /// As a formula: `100*'数据'!E5-100*'数据'!E4`.
    pub(super) fn formula(&self, layout: &Layout) -> String {
        let mut out = String::new();
        for (k, t) in &self.terms {
            let r = layout.term(*t);
            let k = k.normalize();
            let part = if k == Decimal::ONE {
                format!("+{r}")
            } else if k == Decimal::NEGATIVE_ONE {
                format!("-{r}")
            } else if k.is_sign_negative() {
                format!("-{}*{r}", k.abs())
            } else {
                format!("+{k}*{r}")
            };
            out.push_str(&part);
        }
        if !self.constant.is_zero() || out.is_empty() {
            out.push_str(&format!("+{}", self.constant.normalize()));
        }
        out.strip_prefix('+').map(str::to_owned).unwrap_or(out)
    }

    /// How much the sum moves when the lever moves by one: Σ kᵢ × (how much termᵢ moves).
    fn slope(&self, coefs: &[(usize, Decimal)], lever_period: usize) -> Decimal {
        let mut total = Decimal::ZERO;
        for (k, t) in &self.terms {
            if let Term::Cell(s, p) = t {
                if *p == lever_period {
                    let c = coefs.iter().find(|(x, _)| x == s).map_or(Decimal::ZERO, |x| x.1);
                    total = total.checked_add(k.checked_mul(c).unwrap_or_default()).unwrap_or(total);
                }
            }
        }
        total
    }

    pub(super) fn refs(&self, layout: &Layout) -> Vec<String> {
        let mut out: Vec<String> = self.terms.iter().map(|(_, t)| layout.term(*t)).collect();
        out.dedup();
        out
    }
}

pub(super) const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
/// Values, margins, changes needed and sums are rounded to this many decimals in the workbook's formulas: a
/// spreadsheet computes in binary floating point, and without it an exact 19.35 computed as 19.3499999… would
/// show as 19.3 where plancalc shows 19.4. Plans show at most 10 decimals ([`super::write`]).
pub(super) const ROUND_PLACES: u32 = 10;

/// The indicator's numerator and denominator over the figure cells, exactly as
/// [`IndicatorSpec::evaluate`] computes them; `Err(reason)` where it can have no value whatever the figures.
pub(super) fn linear(
    spec: &IndicatorSpec,
    plan: &Plan,
    grid: &crate::calc::grid::Grid,
    p: usize,
) -> std::result::Result<(Lin, Lin), &'static str> {
    let base = |s: usize, p: usize| -> std::result::Result<Term, &'static str> {
        if plan.series.get(s).and_then(|x| x.growth.get(p)).copied().flatten().is_some() {
            return Ok(Term::Base(s, p));
        }
        match plan.periods.get(p).and_then(|x| x.previous) {
            Some(q) => Ok(Term::Cell(s, q)),
            None => Err("no_base"),
        }
    };
    let c = Term::Cell;
    let neg = -HUNDRED;
    Ok(match spec {
        IndicatorSpec::Amount { series } => (Lin::of(Decimal::ONE, c(*series, p)), Lin::one()),
        IndicatorSpec::Cumulative { series, periods } => {
            let terms = periods.iter().map(|&q| (Decimal::ONE, c(*series, q))).collect();
            (Lin { terms, constant: Decimal::ZERO }, Lin::one())
        }
        IndicatorSpec::Share { part, whole } => (Lin::of(HUNDRED, c(*part, p)), Lin::of(Decimal::ONE, c(*whole, p))),
        IndicatorSpec::Completion { done, plan: annual } => {
            (Lin::of(HUNDRED, c(*done, p)), Lin::of(Decimal::ONE, c(*annual, p)))
        }
        IndicatorSpec::Growth { series } => {
            let b = base(*series, p)?;
            (Lin::of(HUNDRED, c(*series, p)).add(neg, b), Lin::of(Decimal::ONE, b))
        }
        IndicatorSpec::Contribution { part, whole } => {
            let (pb, wb) = (base(*part, p)?, base(*whole, p)?);
            (Lin::of(HUNDRED, c(*part, p)).add(neg, pb), Lin::of(Decimal::ONE, wb))
        }
        IndicatorSpec::ContributionShare { part, whole } => {
            let (pb, wb) = (base(*part, p)?, base(*whole, p)?);
            (
                Lin::of(HUNDRED, c(*part, p)).add(neg, pb),
                Lin::of(Decimal::ONE, c(*whole, p)).add(Decimal::NEGATIVE_ONE, wb),
            )
        }
        IndicatorSpec::Ratio { numerator, numerator_period, denominator, denominator_period } => {
            let q = denominator_period.unwrap_or(p);
            let mut d = c(*denominator, q);
            // As evaluation does: last year's figure missing, this year's published growth gives it.
            let previous = plan.periods.get(p).and_then(|x| x.previous) == Some(q);
            if previous && grid.get(*denominator, q).value().is_none() {
                if let Ok(b @ Term::Base(..)) = base(*denominator, p) {
                    d = b;
                }
            }
            (Lin::of(Decimal::ONE, c(*numerator, numerator_period.unwrap_or(p))), Lin::of(Decimal::ONE, d))
        }
        IndicatorSpec::AggregateGrowth { units } => {
            let (mut num, mut den) = (Lin::default(), Lin::default());
            for &u in units {
                let b = base(u, p)?;
                num = num.add(HUNDRED, c(u, p)).add(neg, b);
                den = den.add(Decimal::ONE, b);
            }
            (num, den)
        }
        IndicatorSpec::Remainder { breakdown } => {
            let b = plan.breakdowns.get(*breakdown).ok_or("no_breakdown")?;
            let mut num = Lin::of(Decimal::ONE, c(b.parent, p));
            for &x in &b.children {
                num = num.add(Decimal::NEGATIVE_ONE, c(x, p));
            }
            (num, Lin::one())
        }
    })
}

/// The change needed in `lever` for the target: goal seek's closed form over the row's numerator (L) and
/// denominator (M), and the slopes written as numbers. Blank where plancalc has no answer: the lever would go
/// negative, the denominator would reach zero, or the lever does not move the indicator.
#[allow(clippy::too_many_arguments)]
pub(super) fn needed_formula(
    session: &Session,
    spec: &IndicatorSpec,
    p: usize,
    lever: usize,
    num: &Lin,
    den: &Lin,
    layout: &Layout,
    r: usize,
) -> Option<String> {
    let plan = session.plan();
    let (l, m, g, e) = (format!("L{r}"), format!("M{r}"), format!("G{r}"), format!("E{r}"));
    let allow_negative = plan.series.get(lever).is_some_and(|x| x.allow_negative);
    if let IndicatorSpec::Amount { .. } = spec {
        let x = format!("{e}-{g}");
        return Some(if allow_negative {
            format!("IF(ISNUMBER({g}),ROUND({x},{ROUND_PLACES}),\"\")")
        } else {
            format!("IF(ISNUMBER({g}),IF({e}<0,\"\",ROUND({x},{ROUND_PLACES})),\"\")")
        });
    }
    let lp = lever_period(spec, p);
    let coefs: Vec<(usize, Decimal)> = crate::calc::goal::Lever {
        series: lever,
        period: lp,
        mode: Mode::Substitute,
        counts_toward: vec![],
        offset: None,
    }
    .coefficients(plan)
    .into_iter()
    .filter_map(|(s, c)| Some((s, c.to_decimal()?)))
    .collect();
    let (n1, d1) = (num.slope(&coefs, lp).normalize(), den.slope(&coefs, lp).normalize());
    if n1.is_zero() && d1.is_zero() {
        return None;
    }
    let x = if d1.is_zero() { format!("({e}*{m}-{l})/({n1})") } else { format!("({e}*{m}-{l})/({n1}-{e}*({d1}))") };
    let from = format!("N({}{})", layout.prefix, Layout::local(lever, lp));
    let mut answer = x.clone();
    if !allow_negative {
        answer = format!("IF({from}+{x}<0,\"\",{answer})");
    }
    if !d1.is_zero() {
        answer = format!("IF(AND({m}>0,{m}+({d1})*{x}<=0),\"\",{answer})");
    }
    Some(format!("IF(ISNUMBER({g}),IFERROR(ROUND({answer},{ROUND_PLACES}),\"\"),\"\")"))
}
