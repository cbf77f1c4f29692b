//! Indicators, targets and the editing session: pure functions over a validated [`Plan`](crate::plan::Plan).

pub mod indicator;
pub mod session;
pub mod target;

use rust_decimal::Decimal;
use std::cmp::Ordering;

/// An exact value `num ÷ den` with `den > 0`, kept as a ratio so that comparisons never round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub num: Decimal,
    pub den: Decimal,
}

impl Ratio {
    /// A plain amount.
    pub fn whole(value: Decimal) -> Self {
        Ratio { num: value, den: Decimal::ONE }
    }

    /// The quotient, to the 28 significant digits a decimal holds; `None` on overflow.
    pub fn value(&self) -> Option<Decimal> {
        self.num.checked_div(self.den)
    }

    /// Compares the ratio with `t` exactly (`num` against `t × den`); `None` on overflow.
    pub fn cmp_to(&self, t: Decimal) -> Option<Ordering> {
        Some(self.num.cmp(&t.checked_mul(self.den)?))
    }

    /// Whether `|ratio − t| ≤ tol`, exactly; `None` on overflow.
    pub fn within(&self, t: Decimal, tol: Decimal) -> Option<bool> {
        let diff = self.num.checked_sub(t.checked_mul(self.den)?)?.abs();
        Some(diff <= tol.checked_mul(self.den)?)
    }
}
