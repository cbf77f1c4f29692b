//! Monthly progress of every project in a list: each project's cumulative amount completed in each month period of
//! the year (1—2月 …) against its annual plan for that year, lit by the plan's light rules, and the projects ranked
//! by how far ahead of time-progress they are.
//!
//! A list may hold 100,000 projects × 12 months, so the lights are decided without division: with d done, a the
//! annual plan (> 0), m months, b the yellow band (pp) and f the relative fraction,
//! - ahead ≥ 0 (green) ⇔ 12·d ≥ m·a;
//! - ahead ≥ −b ⇔ 1200·d ≥ (100·m − 12·b)·a;
//! - completion ≥ f × time-progress ⇔ 12·d ≥ f·m·a —
//!
//! the same comparisons as [`super::monthly`] makes on the exact quotients, multiplied through by 1200·a.

use super::monthly::{light, Light};
use crate::model::plan::{LightRules, PeriodKind, Plan};
use crate::model::projects::{Field, ProjectValues};
use rust_decimal::Decimal;

/// No light: no figure that month, or no annual plan to measure it against.
pub const NONE: u8 = 0;
pub const GREEN: u8 = 1;
pub const YELLOW: u8 = 2;
pub const RED: u8 = 3;

/// Every project's light in every month of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectMonths {
    /// The year period whose annual plan the months are measured against.
    pub year: usize,
    /// `(month number, period index)` in calendar order.
    pub months: Vec<(u32, usize)>,
    /// One light per project and month, row by row (`row * months.len() + i`).
    pub lights: Vec<u8>,
}

/// The months of year period `year` the plan has ("2023-02" … for "2023"), in order.
pub fn months_of(plan: &Plan, year: usize) -> Vec<(u32, usize)> {
    let y = plan.period_id(year);
    let mut out: Vec<(u32, usize)> = plan
        .periods
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PeriodKind::Month)
        .filter_map(|(i, p)| {
            let (py, m) = p.id.split_once('-')?;
            let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            (py == y).then_some((m, i))
        })
        .collect();
    out.sort_unstable();
    out
}

/// The year period a month period belongs to ("2023" for "2023-10"), if the plan has it.
pub fn year_of(plan: &Plan, month: usize) -> Option<usize> {
    let id = plan.periods.get(month).filter(|p| p.kind == PeriodKind::Month)?.id.split_once('-')?.0;
    plan.period_idx(id)
}

struct Rules {
    /// 100·m − 12·b for each month number (index m), where a band applies.
    band: Option<[Decimal; 13]>,
    fraction: Option<Decimal>,
    escalate_after: Option<u32>,
}

impl Rules {
    fn new(rules: &LightRules) -> Rules {
        let band = rules
            .yellow_within_pp
            .or(rules.yellow_from_fraction.is_none().then(|| Decimal::from(LightRules::DEFAULT_PP)));
        let band = band.and_then(|b| {
            let twelve_b = b.checked_mul(Decimal::from(12))?;
            let mut out = [Decimal::ZERO; 13];
            for (m, slot) in out.iter_mut().enumerate() {
                *slot = Decimal::from(m as u32 * 100).checked_sub(twelve_b)?;
            }
            Some(out)
        });
        Rules { band, fraction: rules.yellow_from_fraction, escalate_after: rules.escalate_after }
    }

    /// The light of `d` done against annual plan `a` after `m` months, before escalation: green, yellow or red.
    fn light(&self, d: Decimal, a: Decimal, m: u32) -> Option<u8> {
        let twelve_d = d.checked_mul(Decimal::from(12))?;
        let ma = a.checked_mul(Decimal::from(m))?;
        if twelve_d >= ma {
            return Some(GREEN);
        }
        let within = match &self.band {
            Some(band) => d.checked_mul(Decimal::from(1200))? >= band.get(m as usize)?.checked_mul(a)?,
            None => true,
        };
        let relative = match self.fraction {
            Some(f) => twelve_d >= ma.checked_mul(f)?,
            None => true,
        };
        Some(if within && relative { YELLOW } else { RED })
    }
}

/// Every project's lights, month by month, for the months of `year` (escalation counts yellow months in a row).
pub fn project_months(plan: &Plan, values: &ProjectValues, year: usize) -> ProjectMonths {
    let months = months_of(plan, year);
    let rules = Rules::new(&plan.lights);
    let n = plan.projects.len();
    let mut lights = vec![NONE; n * months.len()];
    for (row, chunk) in lights.chunks_mut(months.len().max(1)).enumerate().take(n) {
        row_lights(&rules, values, year, &months, row, chunk);
    }
    ProjectMonths { year, months, lights }
}

/// One project's lights in `months` (written into `out`, one per month).
fn row_lights(rules: &Rules, values: &ProjectValues, year: usize, months: &[(u32, usize)], row: usize, out: &mut [u8]) {
    let annual = values.amount(row, year, Field::Annual).filter(|a| a.is_sign_positive() && !a.is_zero());
    let Some(a) = annual else { return };
    let mut yellows = 0;
    for (slot, &(m, p)) in out.iter_mut().zip(months) {
        let Some(d) = values.amount(row, p, Field::Completed) else {
            *slot = NONE;
            continue;
        };
        let mut light = rules.light(d, a, m).unwrap_or(NONE);
        if light == YELLOW {
            yellows += 1;
            if rules.escalate_after.is_some_and(|k| yellows >= k) {
                light = RED;
            }
        } else {
            yellows = 0;
        }
        *slot = light;
    }
}

/// The lights of each of `rows` in every month of `year` the plan has (`months_of`), for the rows of the grid.
pub fn lights_of_rows(plan: &Plan, values: &ProjectValues, year: usize, rows: &[u32]) -> Vec<Vec<u8>> {
    let months = months_of(plan, year);
    let rules = Rules::new(&plan.lights);
    rows.iter()
        .map(|&row| {
            let mut out = vec![NONE; months.len()];
            row_lights(&rules, values, year, &months, row as usize, &mut out);
            out
        })
        .collect()
}

/// A light code as the tables show it (colour, symbol, word); `NONE` is no light.
pub fn light_of(code: u8) -> Option<Light> {
    match code {
        GREEN => Some(light("green")),
        YELLOW => Some(light("yellow")),
        RED => Some(light("red")),
        _ => None,
    }
}

/// One project's light in month period `p` of `year` (escalation from the months before), for a table row.
pub fn light_in(plan: &Plan, values: &ProjectValues, year: usize, p: usize, row: usize) -> u8 {
    let months = months_of(plan, year);
    let Some(i) = months.iter().position(|&(_, q)| q == p) else { return NONE };
    let mut out = vec![NONE; i + 1];
    row_lights(&Rules::new(&plan.lights), values, year, months.get(..=i).unwrap_or(&[]), row, &mut out);
    out.last().copied().unwrap_or(NONE)
}

impl ProjectMonths {
    /// The position of month period `p` among the months, if it is one.
    pub fn index(&self, p: usize) -> Option<usize> {
        self.months.iter().position(|&(_, q)| q == p)
    }

    /// Project `row`'s light in month `i`.
    pub fn light(&self, row: usize, i: usize) -> u8 {
        self.lights.get(row * self.months.len() + i).copied().unwrap_or(NONE)
    }

    /// How many of `rows` are green, yellow, red and without a light in month `i`.
    pub fn counts(&self, rows: &[u32], i: usize) -> [usize; 4] {
        let mut out = [0; 4];
        for &r in rows {
            if let Some(c) = out.get_mut(usize::from(self.light(r as usize, i))) {
                *c += 1;
            }
        }
        out
    }
}

/// `rows` ordered by completion of the annual plan in month period `p` (the same order as ahead of time-progress,
/// which is completion less a constant), furthest behind first; rows without a light last, in their order.
pub fn rank_behind_first(values: &ProjectValues, year: usize, p: usize, rows: &mut [u32]) {
    // done ÷ annual to 28 significant digits, once per row: far below any rounding a planner sees.
    let key = |r: u32| -> Option<Decimal> {
        let a = values.amount(r as usize, year, Field::Annual).filter(|a| a.is_sign_positive() && !a.is_zero())?;
        values.amount(r as usize, p, Field::Completed)?.checked_div(a)
    };
    let mut keyed: Vec<(Option<Decimal>, u32)> = rows.iter().map(|&r| (key(r), r)).collect();
    keyed.sort_by(|x, y| match (x.0, y.0) {
        (Some(a), Some(b)) => a.cmp(&b).then(x.1.cmp(&y.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.1.cmp(&y.1),
    });
    for (slot, (_, r)) in rows.iter_mut().zip(keyed) {
        *slot = r;
    }
}
