//! The figures of a plan in one state: input values as edited, sums computed from their parts.

use crate::exact::Exact;
use crate::plan::{Plan, SeriesKind};

/// One computed figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Value(Exact),
    /// The plan gives no figure (for a sum: one of its parts has none).
    NoData,
    /// The sum left the range of a decimal.
    Overflow,
}

impl Cell {
    pub fn value(&self) -> Option<Exact> {
        match self {
            Cell::Value(v) => Some(*v),
            _ => None,
        }
    }
}

/// Input values by `[series][period]`; `None` where there is no figure. Sums hold `None`.
pub type Inputs = Vec<Vec<Option<Exact>>>;

/// The plan's own input values.
pub fn plan_inputs(plan: &Plan) -> Inputs {
    plan.series.iter().map(|s| s.values.clone()).collect()
}

/// Every series' value in every period, by `[series][period]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    cells: Vec<Vec<Cell>>,
}

impl Grid {
    /// Computes every figure from the inputs: sums after their parts, in the plan's evaluation order.
    pub fn compute(plan: &Plan, inputs: &Inputs) -> Grid {
        let n_periods = plan.periods.len();
        let mut cells: Vec<Vec<Cell>> = vec![vec![Cell::NoData; n_periods]; plan.series.len()];
        for &s in &plan.order {
            let row: Vec<Cell> = match plan.series.get(s).map(|x| &x.kind) {
                Some(SeriesKind::Sum(parts)) => (0..n_periods).map(|p| sum_cells(&cells, parts, p)).collect(),
                _ => (0..n_periods)
                    .map(|p| match inputs.get(s).and_then(|r| r.get(p)).copied().flatten() {
                        Some(v) => Cell::Value(v),
                        None => Cell::NoData,
                    })
                    .collect(),
            };
            if let Some(slot) = cells.get_mut(s) {
                *slot = row;
            }
        }
        Grid { cells }
    }

    /// The first sum that left the range of a decimal, as `(series, period)`.
    pub fn overflow(&self) -> Option<(usize, usize)> {
        self.cells.iter().enumerate().find_map(|(s, row)| row.iter().position(|c| *c == Cell::Overflow).map(|p| (s, p)))
    }

    /// The figure of series `s` in period `p`.
    pub fn get(&self, s: usize, p: usize) -> Cell {
        self.cells.get(s).and_then(|r| r.get(p)).copied().unwrap_or(Cell::NoData)
    }
}

fn sum_cells(cells: &[Vec<Cell>], parts: &[usize], p: usize) -> Cell {
    let mut total = Exact::ZERO;
    for &part in parts {
        match cells.get(part).and_then(|r| r.get(p)).copied().unwrap_or(Cell::NoData) {
            Cell::Value(v) => match total.checked_add(&v) {
                Some(t) => total = t,
                None => return Cell::Overflow,
            },
            other => return other,
        }
    }
    Cell::Value(total)
}
