//! Exploring a scenario: a breakdown's composition, two scenarios compared, the project table's rows.

use super::{Session, BASELINE};
use crate::calc::grid::Grid;
use crate::calc::indicator::{Quantity, Sign};
use crate::calc::projects::ProjectRow;
use crate::calc::target::Status;
use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::model::indicator::Unit;
use crate::model::projects::Filter;
use serde::{Deserialize, Serialize};

/// A breakdown at one period, for a composition chart: the total, each item with its share of the total (exact,
/// so a full breakdown's shares add up to 100 before rounding), and the unallocated remainder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composition {
    pub id: String,
    pub parent: String,
    pub period: String,
    pub total: Option<Quantity>,
    pub items: Vec<CompositionItem>,
    pub remainder: Option<Quantity>,
    pub remainder_share: Option<Quantity>,
}

/// One item of a [`Composition`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositionItem {
    pub id: String,
    pub value: Option<Quantity>,
    /// item ÷ total × 100; `None` without both figures or when the total is zero.
    pub share: Option<Quantity>,
}

/// One row of a comparison: a figure in two scenarios and the difference (pp for shares).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareRow {
    /// `target` or `series`.
    pub kind: String,
    pub id: String,
    pub period: String,
    pub a: Option<Quantity>,
    pub b: Option<Quantity>,
    pub delta: Option<Quantity>,
    pub status_a: Option<Status>,
    pub status_b: Option<Status>,
    /// Whether the two differ as shown: a figure or status on one side only, another status, or a delta that does
    /// not round to zero.
    pub differs: bool,
}

impl CompareRow {
    fn new(
        kind: &str,
        id: &str,
        period: &str,
        a: Option<Quantity>,
        b: Option<Quantity>,
        delta: Option<Quantity>,
    ) -> Self {
        let differs = a.is_some() != b.is_some() || delta.as_ref().is_some_and(|d| d.sign != Sign::Zero);
        CompareRow {
            kind: kind.into(),
            id: id.into(),
            period: period.into(),
            a,
            b,
            delta,
            status_a: None,
            status_b: None,
            differs,
        }
    }
}

impl Session {
    /// A breakdown of the active scenario at one period: each item's amount and share of the total.
    pub fn composition(&self, breakdown: &str, period: &str) -> Result<Composition> {
        let plan = &self.plan;
        let (i, b) = plan
            .breakdowns
            .iter()
            .enumerate()
            .find(|(_, b)| b.id == breakdown)
            .ok_or_else(|| Error::UnknownId { path: "breakdown".into(), id: breakdown.to_owned() })?;
        let p =
            plan.period_idx(period).ok_or_else(|| Error::UnknownId { path: "period".into(), id: period.to_owned() })?;
        let total = self.grid.get(b.parent, p).value().filter(|t| !t.is_zero());
        let items = b
            .children
            .iter()
            .map(|&c| {
                let v = self.grid.get(c, p).value();
                let share = v
                    .zip(total)
                    .and_then(|(v, t)| v.checked_mul(&Exact::HUNDRED)?.checked_div(&t))
                    .and_then(|x| Quantity::with_fraction(&x, Unit::Percent, "%", &plan.rounding));
                CompositionItem { id: plan.series_id(c).to_owned(), value: self.series_value(&self.grid, c, p), share }
            })
            .collect();
        let rest = self.results.breakdowns.get(i);
        Ok(Composition {
            id: b.id.clone(),
            parent: plan.series_id(b.parent).to_owned(),
            period: period.to_owned(),
            total: self.series_value(&self.grid, b.parent, p),
            items,
            remainder: rest.and_then(|r| r.remainder.get(p).cloned().flatten()),
            remainder_share: rest.and_then(|r| r.remainder_share.get(p).cloned().flatten()),
        })
    }

    pub(super) fn grid_of(&self, name: &str, path: &str) -> Result<Grid> {
        if name == BASELINE {
            return Ok(self.baseline.clone());
        }
        let i = self.find_scenario(name, path)?;
        if i == self.active {
            return Ok(self.grid.clone());
        }
        // Another scenario's figures are computed on demand.
        Ok(Grid::compute(&self.plan, &self.scenarios.get(i).map(|s| s.inputs.clone()).unwrap_or_default()))
    }

    /// Compares two scenarios ("baseline" for the plan's own figures): every target and every figure that differs.
    pub fn compare(&self, a: &str, b: &str) -> Result<Vec<CompareRow>> {
        let (ra, rb) = (self.results_for(a, &self.grid_of(a, "a")?), self.results_for(b, &self.grid_of(b, "b")?));
        // Warnings are not compared: `results_for` leaves them out.
        let r = &self.plan.rounding;
        let delta = |x: &Option<Quantity>, y: &Option<Quantity>| -> Option<Quantity> {
            let (x, y) = (x.as_ref()?, y.as_ref()?);
            let d = Exact::from(y.exact).checked_sub(&Exact::from(x.exact))?;
            let unit = x.unit.difference();
            let symbol = if unit == Unit::Pp { "pp" } else { x.symbol.as_str() };
            Quantity::new(&d, unit, symbol, r)
        };
        let mut rows = Vec::new();
        for (ta, tb) in ra.targets.iter().zip(&rb.targets) {
            let period = self.plan.targets.iter().find(|t| t.id == ta.id).map_or("", |t| self.plan.period_id(t.period));
            let mut row = CompareRow::new(
                "target",
                &ta.id,
                period,
                ta.value.clone(),
                tb.value.clone(),
                delta(&ta.value, &tb.value),
            );
            row.differs |= ta.status != tb.status;
            row.status_a = Some(ta.status);
            row.status_b = Some(tb.status);
            rows.push(row);
        }
        for (sa, sb) in ra.series.iter().zip(&rb.series) {
            for (p, (x, y)) in sa.values.iter().zip(&sb.values).enumerate() {
                rows.push(CompareRow::new("series", &sa.id, self.plan.period_id(p), x.clone(), y.clone(), delta(x, y)));
            }
        }
        Ok(rows)
    }

    /// The rows of the projects matching a filter (`{"sector": [...], ...}`, as in a bulk edit) whose id or name
    /// contains `text`, in the active scenario (stages follow edits).
    pub fn select_projects(&self, filter: Option<&serde_json::Value>, text: &str) -> Result<Vec<u32>> {
        let pr = &self.plan.projects;
        let Some(values) = self.scenario().projects.as_ref() else { return Ok(Vec::new()) };
        let filter = Filter::read(filter, "where", pr)?;
        Ok(pr.select(values, &filter, text))
    }

    /// The year a month period of the projects' months belongs to, with the projects' figures.
    fn project_month(&self, period: &str) -> Result<(usize, usize, &crate::model::projects::ProjectValues)> {
        let plan = &self.plan;
        let unknown = || Error::UnknownId { path: "period".into(), id: period.to_owned() };
        let p = plan.period_idx(period).ok_or_else(unknown)?;
        let year = crate::calc::project_months::year_of(plan, p).ok_or_else(unknown)?;
        let values = self.scenario().projects.as_ref().ok_or_else(unknown)?;
        Ok((p, year, values))
    }

    /// The year period of month period `period` ("2023" for "2023-10") when the plan has that year, which the month's
    /// lights, counts and ranking are reckoned against; None for any other period.
    pub fn year_of_month(&self, period: &str) -> Option<&str> {
        let year = crate::calc::project_months::year_of(&self.plan, self.plan.period_idx(period)?)?;
        Some(self.plan.period_id(year))
    }

    /// The projects' monthly lights: every project's light in every month of the year of month period `period`
    /// (escalation included), counted over `rows` (a filter's rows) in that month.
    pub fn project_month_counts(&self, period: &str, rows: &[u32]) -> Result<MonthCounts> {
        let (p, year, values) = self.project_month(period)?;
        let months = crate::calc::project_months::project_months(&self.plan, values, year);
        let i = months.index(p).unwrap_or(0);
        let [none, green, yellow, red] = months.counts(rows, i);
        // Projects with a figure that month but no annual plan to measure it against: said, with a stable code.
        let no_plan = rows
            .iter()
            .filter(|&&r| {
                let r = r as usize;
                values.amount(r, p, crate::model::projects::Field::Completed).is_some()
                    && values.amount(r, year, crate::model::projects::Field::Annual).is_none_or(|a| a.is_zero())
            })
            .count();
        let note = (no_plan > 0).then(|| {
            crate::messages::say("months.project_no_plan", &[("n", crate::messages::Arg::Same(&no_plan.to_string()))])
        });
        Ok(MonthCounts { month: months.months.get(i).map_or(0, |m| m.0), green, yellow, red, none, no_plan, note })
    }

    /// `rows` ordered furthest behind time-progress first in month period `period` (rows without a light last).
    pub fn rank_projects(&self, period: &str, rows: &mut [u32]) -> Result<()> {
        let (p, year, values) = self.project_month(period)?;
        crate::calc::project_months::rank_behind_first(values, year, p, rows);
        Ok(())
    }

    /// For the table's rows: each project's completion of its annual plan, ahead of time-progress and light in month
    /// period `period`, exact and rounded once.
    pub fn project_month_rows(&self, period: &str, rows: &[u32]) -> Result<Vec<ProjectMonth>> {
        use crate::calc::project_months::{light_in, light_of};
        use crate::model::projects::Field;
        let (p, year, values) = self.project_month(period)?;
        let plan = &self.plan;
        let r = &plan.rounding;
        let m = crate::calc::project_months::months_of(plan, year).iter().find(|x| x.1 == p).map_or(0, |x| x.0);
        let tp = Exact::from(rust_decimal::Decimal::from(m * 100))
            .checked_div(&Exact::from(rust_decimal::Decimal::from(12)));
        Ok(rows
            .iter()
            .map(|&row| {
                let row = row as usize;
                let d = values.amount(row, p, Field::Completed);
                let a = values.amount(row, year, Field::Annual).filter(|a| !a.is_zero());
                let completion = d
                    .zip(a)
                    .and_then(|(d, a)| Exact::from(d).checked_mul(&Exact::HUNDRED)?.checked_div(&Exact::from(a)));
                let ahead = completion.zip(tp).and_then(|(c, t)| c.checked_sub(&t));
                let light = light_of(light_in(plan, values, year, p, row));
                ProjectMonth {
                    completion: completion.and_then(|v| Quantity::new(&v, Unit::Percent, "%", r)),
                    ahead: ahead.and_then(|v| Quantity::new(&v, Unit::Pp, "pp", r)),
                    light,
                }
            })
            .collect())
    }

    /// The grid of projects × months for year period `period`: the months of the year the plan has (period ids; none
    /// for a period that is no year with months) and, for each of `rows`, its light in each (escalation included).
    pub fn project_month_grid(&self, period: &str, rows: &[u32]) -> Result<MonthGrid> {
        use crate::calc::project_months::{light_of, lights_of_rows, months_of};
        let plan = &self.plan;
        let year =
            plan.period_idx(period).ok_or_else(|| Error::UnknownId { path: "period".into(), id: period.to_owned() })?;
        let months: Vec<String> = months_of(plan, year).iter().map(|&(_, p)| plan.period_id(p).to_owned()).collect();
        let Some(values) = self.scenario().projects.as_ref() else { return Ok(MonthGrid { months, rows: Vec::new() }) };
        let rows = lights_of_rows(plan, values, year, rows)
            .into_iter()
            .map(|lights| lights.into_iter().map(light_of).collect())
            .collect();
        Ok(MonthGrid { months, rows })
    }

    /// Projects by row, as the active scenario has them.
    pub fn project_rows(&self, rows: &[u32]) -> Vec<ProjectRow<'_>> {
        let Some(values) = self.scenario().projects.as_ref() else { return Vec::new() };
        rows.iter()
            .filter_map(|&r| usize::try_from(r).ok().and_then(|r| self.plan.projects.project_row(values, r)))
            .collect()
    }
}

/// How many projects are green, yellow, red and without a light in a month (`month`: 1–12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCounts {
    pub month: u32,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    pub none: usize,
    /// Of those without a light, the projects with a figure that month but no annual plan.
    pub no_plan: usize,
    /// `months.project_no_plan` as a sentence, when there are such projects.
    pub note: Option<crate::messages::Text>,
}

/// Projects × months: the month periods and each row's light in each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthGrid {
    pub months: Vec<String>,
    pub rows: Vec<Vec<Option<crate::calc::monthly::Light>>>,
}

/// A project's month, for its row in the project table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectMonth {
    pub completion: Option<Quantity>,
    pub ahead: Option<Quantity>,
    pub light: Option<crate::calc::monthly::Light>,
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** How many projects are green, yellow, red and without a light in month `month`. */
export interface MonthCounts { month: number; green: number; yellow: number; red: number; none: number; no_plan: number; note: Text | null; }
/** Projects × months: the month period ids, and each row's light in each month (null: no light). */
export interface MonthGrid { months: string[]; rows: (Light | null)[][]; }
/** A project's month: completion of its annual plan, ahead of time-progress (pp), its light. */
export interface ProjectMonth { completion: Quantity | null; ahead: Quantity | null; light: Light | null; }
export interface CompositionItem { id: string; value: Quantity | null; share: Quantity | null; }
export interface Composition {
  id: string; parent: string; period: string; total: Quantity | null; items: CompositionItem[];
  remainder: Quantity | null; remainder_share: Quantity | null;
}
export interface CompareRow {
  kind: "target" | "series"; id: string; period: string; a: Quantity | null; b: Quantity | null;
  delta: Quantity | null; status_a: Status | null; status_b: Status | null; differs: boolean;
}
"#;
