//! The plan as a workbook a colleague keeps working in, in Excel, WPS or LibreOffice.
//!
//! - **Targets** (first sheet): each target's value, status, margin and change needed as live formulas over the
//!   figure cells, with the numerator and denominator in their own columns, so that a changed figure recomputes them
//!   as plancalc would. Each indicator is `num ÷ den` with both affine in the figures ([`crate::calc::indicator`]):
//!   the formulas are those two sums, and the change needed is goal seek's closed form
//!   x = (t·d₀ − n₀) ÷ (n₁ − t·d₁) with the slopes n₁, d₁ written as numbers.
//! - **Figures**: a row per series, a column per period; inputs are numbers (yellow), sums are formulas, sums over
//!   projects are values. Below, the comparable bases implied by published growth rates (level ÷ (1 + g/100)).
//! - Scenarios side by side, the project list, the monthly progress, each target's explanation steps, notes on
//!   exactness and rounding, and a hidden sheet holding the plan itself (for importing the workbook back).
//!
//! Every cell also carries plancalc's exact value as its cached value.

use super::write::{workbook, Cached, Cell, SheetOut, Style};
use crate::calc::indicator::Ctx;
use crate::calc::target::{lever_period, Status};
use crate::error::Result;
use crate::exact::{Exact, TieRule};
use crate::explain::{explain_target, Expr};
use crate::messages::{say_in, Arg};
use crate::model::edit::Mode;
use crate::model::indicator::{IndicatorSpec, Unit};
use crate::model::plan::{Comparator, Plan, SeriesKind, COUNT_UNIT};
use crate::session::Session;
use rust_decimal::Decimal;

/// The hidden sheet that holds the plan document, for reading the workbook back.
pub const PLAN_SHEET: &str = "plancalc";
/// A cell holds at most 32,767 characters; the plan's JSON is cut into pieces of this many.
const PIECE: usize = 30_000;
/// The Figures sheet: series from this row (1-based), periods from this column (0-based: E).
const FIRST_ROW: usize = 2;
const FIRST_COL: usize = 4;

/// The roles of the Projects sheet's columns, as the CSV import names them (`id`, `annual:2023` …).
pub fn project_roles(plan: &Plan) -> Vec<String> {
    let mut roles: Vec<String> =
        ["id", "name", "sector", "county", "ownership", "stage", "flags", "total"].map(String::from).to_vec();
    for p in &plan.periods {
        roles.push(format!("annual:{}", p.id));
        roles.push(format!("completed:{}", p.id));
    }
    roles
}

/// Writes the session's plan, with the active scenario's figures, as an .xlsx workbook in `locale`.
pub fn export(session: &Session, locale: &str, progress: &mut dyn FnMut(usize, usize)) -> Result<Vec<u8>> {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let layout = Layout::new(plan, &w("xlsx.sheet.figures"));
    let mut sheets = vec![targets_sheet(session, &layout, locale), figures_sheet(session, &layout, locale)];
    if session.scenario_names().len() > 1 {
        sheets.push(scenarios_sheet(session, locale)?);
    }
    if !plan.projects.is_empty() {
        sheets.push(projects_sheet(session, locale));
    }
    let monthly = session.progress();
    if !monthly.is_empty() {
        sheets.push(monthly_sheet(session, &monthly, locale));
    }
    sheets.push(explanations_sheet(session, locale));
    sheets.push(notes_sheet(session, locale));
    sheets.push(plan_sheet(session));
    workbook(&sheets, progress)
}

/// Where each figure is on the Figures sheet, and each comparable base below it.
struct Layout {
    /// The sheet's name quoted for a reference: `'数据'!`.
    prefix: String,
    /// `(series, period, row)` of each base derived from a published growth rate.
    bases: Vec<(usize, usize, usize)>,
}

impl Layout {
    fn new(plan: &Plan, sheet: &str) -> Layout {
        let mut bases = Vec::new();
        // Series rows, a blank row, the bases' title and header, then a row per base.
        let mut row = FIRST_ROW + plan.series.len() + 3;
        for (s, series) in plan.series.iter().enumerate() {
            for (p, g) in series.growth.iter().enumerate() {
                if g.is_some() {
                    bases.push((s, p, row));
                    row += 1;
                }
            }
        }
        Layout { prefix: format!("'{}'!", sheet.replace('\'', "''")), bases }
    }

    /// `E7`: the figure of series `s` in period `p`, on the Figures sheet itself.
    fn local(s: usize, p: usize) -> String {
        format!("{}{}", super::read::column_name(FIRST_COL + p), FIRST_ROW + s)
    }

    fn term(&self, t: Term) -> String {
        match t {
            Term::Cell(s, p) => format!("{}{}", self.prefix, Layout::local(s, p)),
            Term::Base(s, p) => {
                let row = self.bases.iter().find(|(a, b, _)| *a == s && *b == p).map_or(0, |x| x.2);
                format!("{}F{row}", self.prefix)
            }
        }
    }
}

/// A figure an indicator reads: a cell of the Figures sheet, or a comparable base below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    Cell(usize, usize),
    Base(usize, usize),
}

/// Σ kᵢ·termᵢ, or a constant where there are no terms (a denominator of 1).
#[derive(Debug, Clone, Default)]
struct Lin {
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
    fn formula(&self, layout: &Layout) -> String {
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

    fn refs(&self, layout: &Layout) -> Vec<String> {
        let mut out: Vec<String> = self.terms.iter().map(|(_, t)| layout.term(*t)).collect();
        out.dedup();
        out
    }
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
/// Values, margins, changes needed and sums are rounded to this many decimals in the workbook's formulas: a
/// spreadsheet computes in binary floating point, and without it an exact 19.35 computed as 19.3499999… would
/// show as 19.3 where plancalc shows 19.4. Plans show at most 10 decimals ([`super::write`]).
const ROUND_PLACES: u32 = 10;

/// The indicator's numerator and denominator over the figure cells, exactly as
/// [`IndicatorSpec::evaluate`] computes them; `Err(reason)` where it can have no value whatever the figures.
fn linear(
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

fn number(e: &Exact) -> Option<String> {
    e.to_decimal().map(|d| d.normalize().to_string())
}

fn cached_number(e: Option<&Exact>) -> Cached {
    e.and_then(number).map_or(Cached::Text(String::new()), Cached::Number)
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Met => "xlsx.status.met",
        Status::NotMet => "xlsx.status.not_met",
        Status::NoData => "xlsx.status.no_data",
        Status::Undefined => "xlsx.status.undefined",
    }
}

fn places(unit: Unit, symbol: &str, plan: &Plan) -> u32 {
    if unit == Unit::Amount && symbol == COUNT_UNIT {
        0
    } else {
        unit.decimals(&plan.rounding)
    }
}

fn targets_sheet(session: &Session, layout: &Layout, locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let (baseline, grid) = session.grids();
    let results = session.results();
    let headers = [
        "xlsx.col.id",
        "xlsx.col.name",
        "xlsx.col.period",
        "xlsx.col.comparator",
        "xlsx.col.target",
        "xlsx.col.unit",
        "xlsx.col.value",
        "xlsx.col.status",
        "xlsx.col.margin",
        "xlsx.col.needed",
        "xlsx.col.lever",
        "xlsx.col.numerator",
        "xlsx.col.denominator",
    ];
    let mut rows = vec![headers.iter().map(|k| Cell::header(w(k))).collect::<Vec<_>>()];
    for (i, target) in plan.targets.iter().enumerate() {
        let r = i + 2;
        let spec = &target.indicator;
        let unit = spec.unit();
        let symbol = spec.symbol(plan);
        let result = results.targets.iter().find(|x| x.id == target.id);
        let period = plan.periods.get(target.period).map_or(String::new(), |x| x.label.get(locale).to_owned());
        let cmp = match target.cmp {
            Comparator::AtLeast | Comparator::Reach => "≥".to_owned(),
            Comparator::AtMost => "≤".to_owned(),
            Comparator::About => format!("≈ ±{}", target.tolerance.unwrap_or_default().normalize()),
        };
        let value_places = places(unit, symbol, plan);
        let mut row = vec![
            Cell::text(&target.id),
            Cell::text(target.label.get(locale)),
            Cell::text(period),
            Cell::text(cmp),
            Cell::number(target.value.normalize().to_string(), Style::Decimals(value_places)),
            Cell::text(symbol),
        ];
        let status_now = result.map_or(Status::NoData, |x| x.status);
        let Ok((num, den)) = linear(spec, plan, grid, target.period) else {
            // No figures can give it a value (no base year at all): the status is written as it is.
            row.extend([Cell::empty(), Cell::text(w(status_key(status_now)))]);
            rows.push(row);
            continue;
        };
        let frac = spec.evaluate(&Ctx { plan, grid, baseline, shift: None }, target.period).ok().map(|e| e.frac);
        let mut refs = num.refs(layout);
        refs.extend(den.refs(layout));
        refs.sort();
        refs.dedup();
        let (l, m, g, e) = (format!("L{r}"), format!("M{r}"), format!("G{r}"), format!("E{r}"));
        let num_f = format!("IF(COUNT({})<{},\"\",{})", refs.join(","), refs.len(), num.formula(layout));
        let den_f = format!("IF({l}=\"\",\"\",{})", den.formula(layout));
        // Rounded to 10 decimals: binary floating point's error (19.35 computed as 19.3499999…) never shows.
        let value_f = format!("IF({l}=\"\",\"\",IF({m}=0,\"\",ROUND({l}/{m},{ROUND_PLACES})))");
        let met = match target.cmp {
            Comparator::AtLeast | Comparator::Reach => format!("ROUND({g}-{e},9)>=0"),
            Comparator::AtMost => format!("ROUND({g}-{e},9)<=0"),
            Comparator::About => {
                format!("ROUND(ABS({g}-{e})-{},9)<=0", target.tolerance.unwrap_or_default().normalize())
            }
        };
        let status_f = format!(
            "IF(ISNUMBER({g}),IF({met},\"{}\",\"{}\"),IF({l}=\"\",\"{}\",\"{}\"))",
            w("xlsx.status.met"),
            w("xlsx.status.not_met"),
            w("xlsx.status.no_data"),
            w("xlsx.status.undefined")
        );
        let margin_f = format!("IF(ISNUMBER({g}),ROUND({g}-{e},{ROUND_PLACES}),\"\")");
        let exact = |q: Option<&crate::Quantity>| q.map(|q| q.exact.normalize().to_string());
        let text_or = |n: Option<String>| n.map_or(Cached::Text(String::new()), Cached::Number);
        row.extend([
            Cell::formula(
                value_f,
                text_or(exact(result.and_then(|x| x.value.as_ref()))),
                Style::Decimals(value_places),
            ),
            Cell::formula(status_f, Cached::Text(w(status_key(status_now))), Style::Plain),
            Cell::formula(
                margin_f,
                text_or(exact(result.and_then(|x| x.margin.as_ref()))),
                Style::Decimals(unit.difference().decimals(&plan.rounding)),
            ),
        ]);
        // The change needed in the figure a planner would move, where that figure is typed (an input).
        let lever =
            spec.main_series(plan).filter(|&s| matches!(plan.series.get(s).map(|x| &x.kind), Some(SeriesKind::Input)));
        let needed = lever.and_then(|s| needed_formula(session, spec, target.period, s, &num, &den, layout, r));
        match (needed, lever) {
            (Some(f), Some(s)) => {
                let series = plan.series.get(s);
                row.push(Cell::formula(
                    f,
                    text_or(exact(result.and_then(|x| x.needed.as_ref()))),
                    Style::Decimals(plan.rounding.amount),
                ));
                row.push(Cell::text(series.map_or("", |x| x.label.get(locale))));
            }
            _ => row.extend([Cell::empty(), Cell::empty()]),
        }
        row.push(Cell::formula(num_f, cached_number(frac.as_ref().map(|f| &f.num)), Style::Plain));
        row.push(Cell::formula(den_f, cached_number(frac.as_ref().map(|f| &f.den)), Style::Plain));
        rows.push(row);
    }
    SheetOut {
        name: w("xlsx.sheet.targets"),
        rows,
        widths: vec![14, 36, 12, 10, 12, 8, 14, 10, 12, 14, 24, 16, 16],
        freeze_rows: 1,
        hidden: false,
    }
}

/// The change needed in `lever` for the target: goal seek's closed form over the row's numerator (L) and
/// denominator (M), and the slopes written as numbers. Blank where plancalc has no answer: the lever would go
/// negative, the denominator would reach zero, or the lever does not move the indicator.
#[allow(clippy::too_many_arguments)]
fn needed_formula(
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

fn figures_sheet(session: &Session, layout: &Layout, locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let (baseline, grid) = session.grids();
    let mut header = vec![
        Cell::header(w("xlsx.col.id")),
        Cell::header(w("xlsx.col.name")),
        Cell::header(w("xlsx.col.unit")),
        Cell::header(w("xlsx.col.kind")),
    ];
    header.extend(plan.periods.iter().map(|p| Cell::header(p.label.get(locale))));
    let mut rows = vec![header];
    for (s, series) in plan.series.iter().enumerate() {
        let amount = if series.unit == COUNT_UNIT { 0 } else { plan.rounding.amount };
        let kind = match series.kind {
            SeriesKind::Input => "xlsx.kind.input",
            SeriesKind::Sum(_) => "xlsx.kind.sum",
            SeriesKind::Projects(_) => "xlsx.kind.projects",
        };
        let mut row = vec![
            Cell::text(&series.id),
            Cell::text(series.label.get(locale)),
            Cell::text(&series.unit),
            Cell::text(w(kind)),
        ];
        for p in 0..plan.periods.len() {
            let value = grid.get(s, p).value();
            row.push(match &series.kind {
                SeriesKind::Input => match value.as_ref().and_then(number) {
                    Some(n) => Cell::number(n, Style::Input(amount)),
                    None => Cell { value: super::write::Value::Empty, style: Style::Input(amount) },
                },
                SeriesKind::Sum(parts) => {
                    let refs: Vec<String> = parts.iter().map(|&x| Layout::local(x, p)).collect();
                    let f = format!(
                        "IF(COUNT({})<{},\"\",ROUND({},{ROUND_PLACES}))",
                        refs.join(","),
                        refs.len(),
                        refs.join("+")
                    );
                    Cell::formula(f, cached_number(value.as_ref()), Style::Decimals(amount))
                }
                SeriesKind::Projects(_) => match value.as_ref().and_then(number) {
                    Some(n) => Cell::number(n, Style::Decimals(amount)),
                    None => Cell::empty(),
                },
            });
        }
        rows.push(row);
    }
    if !layout.bases.is_empty() {
        rows.push(Vec::new());
        rows.push(vec![Cell { value: super::write::Value::Text(w("xlsx.bases")), style: Style::Title }]);
        rows.push(
            ["xlsx.col.id", "xlsx.col.name", "xlsx.col.period", "xlsx.col.growth", "xlsx.col.level", "xlsx.col.base"]
                .iter()
                .map(|k| Cell::header(w(k)))
                .collect(),
        );
        for &(s, p, r) in &layout.bases {
            let Some(series) = plan.series.get(s) else { continue };
            let g = series.growth.get(p).copied().flatten().unwrap_or_default();
            let level = match series.growth_level.get(p).copied().unwrap_or_default() {
                crate::model::plan::PublishedLevel::Figure => baseline.get(s, p).value(),
                crate::model::plan::PublishedLevel::Level(v) => Some(v),
                crate::model::plan::PublishedLevel::Unknown => None,
            };
            let base = level.and_then(|v| {
                let factor = Exact::from(HUNDRED).checked_add(&Exact::from(g))?;
                v.checked_mul(&Exact::HUNDRED)?.checked_div(&factor)
            });
            let amount = plan.rounding.amount;
            rows.push(vec![
                Cell::text(&series.id),
                Cell::text(series.label.get(locale)),
                Cell::text(plan.periods.get(p).map_or("", |x| x.label.get(locale))),
                Cell::number(g.normalize().to_string(), Style::Decimals(plan.rounding.percent)),
                match level.as_ref().and_then(number) {
                    Some(n) => Cell::number(n, Style::Decimals(amount)),
                    None => Cell::empty(),
                },
                Cell::formula(
                    format!("IF(COUNT(E{r})<1,\"\",E{r}*100/(100+D{r}))"),
                    cached_number(base.as_ref()),
                    Style::Decimals(amount),
                ),
            ]);
        }
    }
    let mut widths = vec![14, 28, 8, 16];
    widths.extend(plan.periods.iter().map(|_| 13));
    SheetOut { name: w("xlsx.sheet.figures"), rows, widths, freeze_rows: 1, hidden: false }
}

/// Every target and figure in every scenario, side by side (values as numbers, exact).
fn scenarios_sheet(session: &Session, locale: &str) -> Result<SheetOut> {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let names = session.scenario_names();
    let active = session.active_scenario().to_owned();
    let mut header = vec![
        Cell::header(w("xlsx.col.id")),
        Cell::header(w("xlsx.col.name")),
        Cell::header(w("xlsx.col.period")),
        Cell::header(w("xlsx.col.unit")),
    ];
    let mut columns = Vec::new();
    for name in &names {
        let rows = session.compare(&active, name)?;
        header.push(Cell::header(name));
        header.push(Cell::header(say_in(locale, "xlsx.col.status_in", &[("name", Arg::Same(name))])));
        columns.push(rows);
    }
    let mut rows = vec![header];
    let first = columns.first().cloned().unwrap_or_default();
    for (i, row) in first.iter().enumerate() {
        let label = if row.kind == "target" {
            plan.targets.iter().find(|t| t.id == row.id).map(|t| t.label.get(locale))
        } else {
            plan.series.iter().find(|s| s.id == row.id).map(|s| s.label.get(locale))
        };
        let period =
            plan.periods.iter().find(|p| p.id == row.period).map_or(row.period.as_str(), |p| p.label.get(locale));
        let unit = row.a.as_ref().or(row.b.as_ref()).map_or(String::new(), |q| q.symbol.clone());
        let mut out =
            vec![Cell::text(&row.id), Cell::text(label.unwrap_or_default()), Cell::text(period), Cell::text(unit)];
        for column in &columns {
            let Some(c) = column.get(i) else { continue };
            match &c.b {
                Some(q) => out.push(Cell::number(q.exact.normalize().to_string(), Style::Decimals(places_of(q)))),
                None => out.push(Cell::empty()),
            }
            out.push(c.status_b.map_or(Cell::empty(), |s| Cell::text(w(status_key(s)))));
        }
        rows.push(out);
    }
    let mut widths = vec![14, 30, 12, 8];
    widths.extend(names.iter().flat_map(|_| [14, 12]));
    Ok(SheetOut { name: w("xlsx.sheet.scenarios"), rows, widths, freeze_rows: 1, hidden: false })
}

/// The decimals a quantity was displayed with.
fn places_of(q: &crate::Quantity) -> u32 {
    q.display.split_once('.').map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(0))
}

fn projects_sheet(session: &Session, locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let mut header: Vec<Cell> = ["id", "name", "sector", "county", "ownership", "stage", "flags", "total"]
        .iter()
        .map(|k| Cell::header(w(&format!("xlsx.project.{k}"))))
        .collect();
    for p in &plan.periods {
        let label = Arg::Same(p.label.get(locale));
        header.push(Cell::header(say_in(locale, "xlsx.project.annual", &[("period", label)])));
        header.push(Cell::header(say_in(locale, "xlsx.project.completed", &[("period", label)])));
    }
    let all: Vec<u32> = (0..u32::try_from(plan.projects.len()).unwrap_or(u32::MAX)).collect();
    let amount = plan.rounding.amount;
    let num = |v: &Option<String>| v.as_ref().map_or(Cell::empty(), |n| Cell::number(n, Style::Decimals(amount)));
    let mut rows = vec![header];
    for chunk in all.chunks(4096) {
        for pr in session.project_rows(chunk) {
            let mut row = vec![
                Cell::text(pr.id),
                Cell::text(pr.name),
                Cell::text(pr.sector),
                Cell::text(pr.county),
                Cell::text(w(&format!("xlsx.ownership.{}", pr.ownership))),
                Cell::text(w(&format!("xlsx.stage.{}", pr.stage))),
                Cell::text(pr.flags.join(";")),
                num(&pr.total),
            ];
            for (a, c) in pr.annual.iter().zip(&pr.completed) {
                row.push(num(a));
                row.push(num(c));
            }
            rows.push(row);
        }
    }
    let mut widths = vec![14, 30, 12, 12, 10, 10, 12, 12];
    widths.extend(plan.periods.iter().flat_map(|_| [14, 14]));
    SheetOut { name: w("xlsx.sheet.projects"), rows, widths, freeze_rows: 1, hidden: false }
}

fn monthly_sheet(session: &Session, progress: &[crate::calc::monthly::SeriesProgress], locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let header = [
        "xlsx.col.name",
        "xlsx.col.month",
        "xlsx.monthly.done",
        "xlsx.monthly.completion",
        "xlsx.monthly.time_progress",
        "xlsx.monthly.ahead",
        "xlsx.monthly.growth",
        "xlsx.monthly.run_rate",
        "xlsx.monthly.year_end",
        "xlsx.monthly.light",
    ];
    let mut rows = vec![header.iter().map(|k| Cell::header(w(k))).collect::<Vec<_>>()];
    let q = |x: &Option<crate::Quantity>| match x {
        Some(q) => Cell::number(q.exact.normalize().to_string(), Style::Decimals(places_of(q))),
        None => Cell::empty(),
    };
    for series in progress {
        let label =
            plan.series.iter().find(|s| s.id == series.done).map_or(series.done.as_str(), |s| s.label.get(locale));
        for m in &series.months {
            rows.push(vec![
                Cell::text(label),
                Cell::text(say_in(locale, "xlsx.monthly.month", &[("month", Arg::Same(&m.month.to_string()))])),
                q(&m.done),
                q(&m.completion),
                q(&m.time_progress),
                q(&m.ahead),
                q(&m.growth),
                q(&m.run_rate),
                q(&m.year_end),
                m.light.as_ref().map_or(Cell::empty(), |l| Cell::text(format!("{} {}", l.symbol, l.text.get(locale)))),
            ]);
        }
    }
    SheetOut {
        name: w("xlsx.sheet.monthly"),
        rows,
        widths: vec![24, 10, 12, 12, 12, 12, 12, 12, 12, 28],
        freeze_rows: 1,
        hidden: false,
    }
}

/// An explanation's formula as plain text.
fn expr_text(e: &Expr) -> String {
    match e {
        Expr::Var { name, .. } => name.clone(),
        Expr::Num { value } => value.clone(),
        Expr::Op { op, args } => {
            let parts: Vec<String> = args.iter().map(expr_text).collect();
            let sym = match op.as_str() {
                "add" => " + ",
                "sub" => " − ",
                "mul" => " × ",
                "div" => " ÷ ",
                "eq" => " = ",
                "approx" => " ≈ ",
                "ge" => " ≥ ",
                "le" => " ≤ ",
                "lt" => " < ",
                "gt" => " > ",
                "sum" => return format!("Σ({})", parts.join(", ")),
                "paren" => return format!("({})", parts.join("")),
                _ => " ",
            };
            parts.join(sym)
        }
    }
}

fn explanations_sheet(session: &Session, locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let mut rows = vec![vec![
        Cell::header(w("xlsx.col.id")),
        Cell::header(w("xlsx.col.step")),
        Cell::header(w("xlsx.col.formula")),
    ]];
    for target in &session.plan().targets {
        let Ok(e) = explain_target(session, &target.id, locale) else { continue };
        rows.push(vec![
            Cell::text(&target.id),
            Cell { value: super::write::Value::Text(e.title), style: Style::Header },
        ]);
        for (i, step) in e.steps.iter().enumerate() {
            rows.push(vec![
                Cell::text(format!("{}.{}", target.id, i + 1)),
                Cell { value: super::write::Value::Text(step.text.clone()), style: Style::Wrap },
                Cell::text(step.math.as_ref().map(expr_text).unwrap_or_default()),
            ]);
        }
    }
    SheetOut { name: w("xlsx.sheet.explain"), rows, widths: vec![16, 90, 50], freeze_rows: 1, hidden: false }
}

fn notes_sheet(session: &Session, locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let r = &plan.rounding;
    let mut lines = vec![
        (say_in(locale, "xlsx.note.title", &[("plan", plan.title.arg())]), Style::Title),
        (say_in(locale, "xlsx.note.scenario", &[("name", Arg::Same(session.active_scenario()))]), Style::Plain),
        (w("xlsx.note.inputs"), Style::Wrap),
        (w("xlsx.note.exact"), Style::Wrap),
        (
            say_in(
                locale,
                "xlsx.note.rounding",
                &[
                    ("amount", Arg::Same(&r.amount.to_string())),
                    ("percent", Arg::Same(&r.percent.to_string())),
                    ("pp", Arg::Same(&r.pp.to_string())),
                ],
            ),
            Style::Wrap,
        ),
    ];
    if r.tie == TieRule::HalfEven {
        lines.push((w("xlsx.note.half_even"), Style::Wrap));
    }
    if plan.series.iter().any(|s| matches!(s.kind, SeriesKind::Projects(_))) {
        lines.push((w("xlsx.note.projects"), Style::Wrap));
    }
    let inexact: Vec<String> = session
        .results()
        .targets
        .iter()
        .filter(|t| t.value.as_ref().is_some_and(|v| v.fraction.is_some()))
        .map(|t| {
            let v = t.value.as_ref().and_then(|v| v.fraction.clone()).unwrap_or_default();
            format!("{} = {v}", t.id)
        })
        .collect();
    if !inexact.is_empty() {
        lines.push((say_in(locale, "xlsx.note.inexact", &[("list", Arg::Same(&inexact.join("; ")))]), Style::Wrap));
    }
    let rows = lines.into_iter().map(|(t, style)| vec![Cell { value: super::write::Value::Text(t), style }]).collect();
    SheetOut { name: w("xlsx.sheet.notes"), rows, widths: vec![120], freeze_rows: 0, hidden: false }
}

/// The hidden sheet: the plan document (without its projects, which are on their own sheet) in pieces, and the roles
/// of the Projects sheet's columns.
fn plan_sheet(session: &Session) -> SheetOut {
    let mut doc = session.to_document();
    if let Some(o) = doc.as_object_mut() {
        o.remove("projects");
    }
    let text = doc.to_string();
    let mut pieces = vec![Cell::text("plan")];
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let mut cut = rest.len().min(PIECE);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (a, b) = rest.split_at(cut);
        pieces.push(Cell::text(a));
        rest = b;
    }
    let mut roles = vec![Cell::text("project_roles")];
    roles.extend(project_roles(session.plan()).into_iter().map(Cell::text));
    SheetOut {
        name: PLAN_SHEET.into(),
        rows: vec![vec![Cell::text("plancalc workbook"), Cell::number("1", Style::Plain)], pieces, roles],
        widths: Vec::new(),
        freeze_rows: 0,
        hidden: true,
    }
}
