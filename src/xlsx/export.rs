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

use super::formulas::{linear, needed_formula, Term, HUNDRED, ROUND_PLACES};
use super::sheets::{explanations_sheet, monthly_sheet, notes_sheet, plan_sheet, projects_sheet, scenarios_sheet};
use super::write::{workbook, Cached, Cell, SheetOut, Style};
use crate::calc::indicator::Ctx;
use crate::calc::target::Status;
use crate::error::Result;
use crate::exact::Exact;
use crate::messages::say_in;
use crate::model::indicator::Unit;
use crate::model::plan::{Comparator, Plan, SeriesKind, COUNT_UNIT};
use crate::session::Session;

/// The hidden sheet that holds the plan document, for reading the workbook back.
pub const PLAN_SHEET: &str = "plancalc";
/// A cell holds at most 32,767 characters; the plan's JSON is cut into pieces of this many.
pub(super) const PIECE: usize = 30_000;
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
pub(super) struct Layout {
    /// The sheet's name quoted for a reference: `'数据'!`.
    pub(super) prefix: String,
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
    pub(super) fn local(s: usize, p: usize) -> String {
        format!("{}{}", super::read::column_name(FIRST_COL + p), FIRST_ROW + s)
    }

    pub(super) fn term(&self, t: Term) -> String {
        match t {
            Term::Cell(s, p) => format!("{}{}", self.prefix, Layout::local(s, p)),
            Term::Base(s, p) => {
                let row = self.bases.iter().find(|(a, b, _)| *a == s && *b == p).map_or(0, |x| x.2);
                format!("{}F{row}", self.prefix)
            }
        }
    }
}

pub(super) fn number(e: &Exact) -> Option<String> {
    e.to_decimal().map(|d| d.normalize().to_string())
}

pub(super) fn cached_number(e: Option<&Exact>) -> Cached {
    e.and_then(number).map_or(Cached::Text(String::new()), Cached::Number)
}

pub(super) fn status_key(s: Status) -> &'static str {
    match s {
        Status::Met => "xlsx.status.met",
        Status::NotMet => "xlsx.status.not_met",
        Status::NoData => "xlsx.status.no_data",
        Status::Undefined => "xlsx.status.undefined",
    }
}

pub(super) fn places(unit: Unit, symbol: &str, plan: &Plan) -> u32 {
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
