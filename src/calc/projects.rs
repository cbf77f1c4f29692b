//! Sums over project lists, edits to one project's amounts, and the project table's rows.

use crate::error::{Error, Result};
use crate::exact::{self, Exact, Limit};
use crate::model::projects::{offset, Field, Filter, ProjectInfo, ProjectValues, Projects, Query, Row};
use rust_decimal::Decimal;
use serde::Serialize;

/// Applies an amount operation to one project's state. `path` names the figure in an error (built only then: a bulk
/// edit reaches thousands of projects).
pub fn apply_amount(row: &mut Row, p: usize, field: Field, op: AmountOp, path: impl Fn() -> String) -> Result<()> {
    let annual = row.amount(p, Field::Annual);
    let slot = match field {
        Field::Annual | Field::Completed => row.amounts.get_mut(offset(p, field)),
        Field::Total => Some(&mut row.total),
        Field::Count => None,
    };
    let Some(slot) = slot else {
        return Err(Error::rule("edit.computed", path(), "a count is not edited; edit the projects"));
    };
    let refused = |limit: Limit| limit.error(path());
    let new = match op {
        AmountOp::Set(v) => Some(v),
        AmountOp::Add(d) => Some(exact::add(slot.unwrap_or(Decimal::ZERO), d).map_err(refused)?),
        // A percentage of a missing figure changes nothing.
        AmountOp::Percent(pct) => match *slot {
            None => None,
            Some(v) => Some(exact::add(Decimal::ONE_HUNDRED, pct).and_then(|f| percent_of(v, f)).map_err(refused)?),
        },
        // "Reach 85%": what is completed rises to 85% of the annual plan; more already done stays.
        AmountOp::Reach(pct) => match annual {
            None => *slot,
            Some(a) => {
                let target = percent_of(a, pct).map_err(refused)?;
                Some(slot.map_or(target, |v| v.max(target)))
            }
        },
    };
    if let Some(v) = new {
        if v.is_sign_negative() && !v.is_zero() {
            return Err(Error::Negative { path: path(), value: v.to_string() });
        }
    }
    *slot = new;
    Ok(())
}

/// `pct` per cent of `v`, exactly: the product with the decimal point moved two places.
fn percent_of(v: Decimal, pct: Decimal) -> std::result::Result<Decimal, Limit> {
    let mut x = exact::mul(v, pct)?;
    if x.scale() + 2 > 28 {
        x = x.normalize(); // trailing zeros may leave room
    }
    x.set_scale(x.scale() + 2).map_err(|_| Limit::Precision)?;
    Ok(x)
}

/// An amount operation, parsed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AmountOp {
    Set(Decimal),
    Add(Decimal),
    Percent(Decimal),
    /// Completed reaches this percentage of the annual plan.
    Reach(Decimal),
}

/// One project as the project table shows it: names rather than codes, amounts as exact decimal strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub sector: &'a str,
    pub county: &'a str,
    pub ownership: &'a str,
    pub stage: &'a str,
    pub flags: Vec<&'a str>,
    pub total: Option<String>,
    /// The annual plan, period by period.
    pub annual: Vec<Option<String>>,
    /// The amount completed, period by period.
    pub completed: Vec<Option<String>>,
}

impl Query {
    /// The series' value in period `p`: the sum over every matching project (a project without the figure adds
    /// nothing). `None` on overflow.
    pub fn total(&self, projects: &Projects, values: &ProjectValues, p: usize) -> Option<Exact> {
        let mut sum = Decimal::ZERO;
        for (row, info) in projects.info.iter().enumerate() {
            if self.filter.matches(info, values.stage.get(row).copied().unwrap_or(0)) {
                if let Some(v) = values.amount(row, p, self.field) {
                    sum = exact::add(sum, v).ok()?;
                }
            }
        }
        Some(Exact::from(sum))
    }

    /// What one project adds to the series in period `p`, in the state `row`.
    pub fn part(&self, info: &ProjectInfo, row: &Row, p: usize) -> Decimal {
        if self.filter.matches(info, row.stage) {
            row.amount(p, self.field).unwrap_or(Decimal::ZERO)
        } else {
            Decimal::ZERO
        }
    }
}

impl Projects {
    /// The rows matching `filter` whose id or name contains `text` (ASCII letters in any case), in list order.
    pub fn select(&self, values: &ProjectValues, filter: &Filter, text: &str) -> Vec<u32> {
        let needle = text.trim().to_ascii_lowercase();
        self.info
            .iter()
            .enumerate()
            .filter(|(row, info)| {
                filter.matches(info, values.stage.get(*row).copied().unwrap_or(0))
                    && (needle.is_empty() || contains_folded(&info.id, &needle) || contains_folded(&info.name, &needle))
            })
            .filter_map(|(row, _)| u32::try_from(row).ok())
            .collect()
    }

    /// One project for display.
    pub fn project_row<'a>(&'a self, values: &ProjectValues, row: usize) -> Option<ProjectRow<'a>> {
        let info = self.info.get(row)?;
        let text = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
        let per = |field| (0..values.periods).map(|p| text(values.amount(row, p, field))).collect();
        Some(ProjectRow {
            id: &info.id,
            name: &info.name,
            sector: self.sectors.name(info.sector),
            county: self.counties.name(info.county),
            ownership: self.ownerships.name(info.ownership),
            stage: self.stages.name(values.stage.get(row).copied().unwrap_or(0)),
            flags: (0..32u32).filter(|b| info.flags & (1 << b) != 0).map(|b| self.flags.name(b)).collect(),
            total: text(values.amount(row, 0, Field::Total)),
            annual: per(Field::Annual),
            completed: per(Field::Completed),
        })
    }
}

/// Whether `hay` contains `needle` (already lower case), ignoring the case of ASCII letters.
fn contains_folded(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.len() <= h.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** One project as the project table shows it; amounts in the plan's unit, period by period. */
export interface ProjectRow {
  id: string; name: string; sector: string; county: string; ownership: string; stage: string; flags: string[];
  total: string | null; annual: (string | null)[]; completed: (string | null)[];
}
"#;
