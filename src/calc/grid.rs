//! The figures of a plan in one state: input values as edited, sums computed from their parts.

use crate::exact::Exact;
use crate::model::plan::{Plan, SeriesKind};

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

/// Every series' value in every period, held flat (`series × periods + period`): one allocation, updated in place.
/// Beside them, each breakdown's children added up (`breakdown × periods + period`), which the breakdown's
/// remainder and several checks read: summed once per edit, not by each.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    cells: Vec<Cell>,
    periods: usize,
    children: Vec<Cell>,
    /// For each breakdown, a sum series over exactly its children (in the same order), whose figure is their total.
    mirrors: Vec<Option<usize>>,
}

impl Grid {
    /// Computes every figure from the inputs: sums after their parts, in the plan's evaluation order.
    pub fn compute(plan: &Plan, inputs: &Inputs) -> Grid {
        let periods = plan.periods.len();
        let mut grid = Grid {
            cells: vec![Cell::NoData; plan.series.len() * periods],
            periods,
            children: vec![Cell::NoData; plan.breakdowns.len() * periods],
            mirrors: plan
                .breakdowns
                .iter()
                .map(|b| {
                    plan.series.iter().position(|x| matches!(&x.kind, SeriesKind::Sum(parts) if *parts == b.children))
                })
                .collect(),
        };
        for &s in &plan.order {
            for p in 0..periods {
                let cell = match plan.series.get(s).map(|x| &x.kind) {
                    Some(SeriesKind::Sum(parts)) => grid.sum(parts, p),
                    _ => match inputs.get(s).and_then(|r| r.get(p)).copied().flatten() {
                        Some(v) => Cell::Value(v),
                        None => Cell::NoData,
                    },
                };
                grid.set(s, p, cell);
            }
        }
        for b in 0..plan.breakdowns.len() {
            for p in 0..periods {
                grid.sum_children(plan, b, p);
            }
        }
        grid
    }

    /// Adds up breakdown `b`'s children in period `p` again.
    fn sum_children(&mut self, plan: &Plan, b: usize, p: usize) {
        let Some(breakdown) = plan.breakdowns.get(b) else { return };
        // A sum series over the same children already holds their total (the same additions, in the same order).
        let total = match self.mirrors.get(b).copied().flatten() {
            Some(s) => self.get(s, p),
            None => self.sum(&breakdown.children, p),
        };
        if let Some(slot) = self.children.get_mut(b * self.periods + p) {
            *slot = total;
        }
    }

    /// Brings the breakdowns' totals up to date after the figures `(series, period)` in `changed` were written.
    pub fn resum_children(&mut self, plan: &Plan, changed: &[(usize, usize)]) {
        for (b, breakdown) in plan.breakdowns.iter().enumerate() {
            for p in 0..self.periods {
                if changed.iter().any(|&(s, q)| q == p && breakdown.children.contains(&s)) {
                    self.sum_children(plan, b, p);
                }
            }
        }
    }

    /// Breakdown `b`'s children added up in period `p`: no data if one of them has none.
    pub fn children_sum(&self, b: usize, p: usize) -> Cell {
        if p >= self.periods {
            return Cell::NoData;
        }
        self.children.get(b * self.periods + p).copied().unwrap_or(Cell::NoData)
    }

    /// The sum of `parts` in period `p` as the grid holds them.
    pub fn sum(&self, parts: &[usize], p: usize) -> Cell {
        sum_of(parts, |part| self.get(part, p))
    }

    /// Writes one figure.
    pub fn set(&mut self, s: usize, p: usize, cell: Cell) {
        if let Some(slot) = self.cells.get_mut(s * self.periods + p) {
            *slot = cell;
        }
    }

    /// The first sum that left the range of a decimal, as `(series, period)`.
    pub fn overflow(&self) -> Option<(usize, usize)> {
        let i = self.cells.iter().position(|c| *c == Cell::Overflow)?;
        Some((i / self.periods.max(1), i % self.periods.max(1)))
    }

    /// The figure of series `s` in period `p`.
    pub fn get(&self, s: usize, p: usize) -> Cell {
        if p >= self.periods {
            return Cell::NoData;
        }
        self.cells.get(s * self.periods + p).copied().unwrap_or(Cell::NoData)
    }
}

/// The sum of `parts`, each read by `read`: no data if one of them has none.
pub fn sum_of(parts: &[usize], read: impl Fn(usize) -> Cell) -> Cell {
    let mut total = Exact::ZERO;
    for &part in parts {
        match read(part) {
            Cell::Value(v) => match total.checked_add(&v) {
                Some(t) => total = t,
                None => return Cell::Overflow,
            },
            other => return other,
        }
    }
    Cell::Value(total)
}

/// For each series, the sums that contain it directly (each once): what an edit to it recomputes first. The sums
/// containing those come next, found the same way; kept per step, this stays as large as the plan's own list of
/// parts however deep its sums nest.
pub fn sum_parents(plan: &Plan) -> Vec<Vec<usize>> {
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); plan.series.len()];
    for (s, series) in plan.series.iter().enumerate() {
        let SeriesKind::Sum(parts) = &series.kind else { continue };
        for &part in parts {
            if let Some(list) = parents.get_mut(part) {
                if list.last() != Some(&s) {
                    list.push(s);
                }
            }
        }
    }
    parents
}

#[cfg(test)]
mod tests {
    use crate::model::plan::distinct_sorted;

    #[test]
    fn distinct_sorted_gives_each_index_once_in_order_and_drops_what_is_no_index() {
        assert_eq!(distinct_sorted(&[5, 1, 3, 1, 5, 0, 9], 6), vec![0, 1, 3, 5]);
        assert_eq!(distinct_sorted(&[], 4), Vec::<usize>::new());
        assert_eq!(distinct_sorted(&[2, 2], 0), Vec::<usize>::new());
    }
}
