//! What targets are set on: the indicator kinds and the unit of their values. [`crate::calc::indicator`]
//! evaluates them.

use serde::{Deserialize, Serialize};

/// What an indicator measures; series, periods and breakdowns are held by index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorSpec {
    /// A series' amount in the target's period.
    Amount { series: usize },
    /// 累计: the sum of a series over several periods.
    Cumulative { series: usize, periods: Vec<usize> },
    /// 占比 (%) = part ÷ whole × 100.
    Share { part: usize, whole: usize },
    /// 同比增长 (%) = (this period ÷ base − 1) × 100; base = last year's level, or level ÷ (1 + g) where a growth g is published.
    Growth { series: usize },
    /// 完成率 (%) = completed ÷ annual plan × 100, set against 序时进度 = months elapsed ÷ 12.
    Completion { done: usize, plan: usize },
    /// 拉动 (pp) = Δpart ÷ whole(base) × 100.
    Contribution { part: usize, whole: usize },
    /// 贡献率 (%) = Δpart ÷ Δwhole × 100.
    ContributionShare { part: usize, whole: usize },
    /// A multiple (×) = numerator ÷ denominator, each in its own period (reserve ≥ 2.5 × last year's FAI).
    Ratio { numerator: usize, numerator_period: Option<usize>, denominator: usize, denominator_period: Option<usize> },
    /// Growth of several units together (%) = (Σ current ÷ Σ base − 1) × 100.
    AggregateGrowth { units: Vec<usize> },
    /// The unallocated remainder of a breakdown = parent − Σ children.
    Remainder { breakdown: usize },
}

/// The unit of an indicator's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// An amount in a series' unit (亿元 unless stated).
    Amount,
    /// Per cent.
    Percent,
    /// Percentage points (百分点): a difference of percentages, or a contribution.
    Pp,
    /// A multiple (×).
    Times,
}

impl Unit {
    /// The unit of a difference of two values in this unit.
    pub fn difference(self) -> Unit {
        match self {
            Unit::Percent | Unit::Pp => Unit::Pp,
            other => other,
        }
    }
}

impl IndicatorSpec {
    /// The unit of the indicator's value.
    pub fn unit(&self) -> Unit {
        match self {
            IndicatorSpec::Amount { .. } | IndicatorSpec::Cumulative { .. } | IndicatorSpec::Remainder { .. } => {
                Unit::Amount
            }
            IndicatorSpec::Share { .. }
            | IndicatorSpec::Growth { .. }
            | IndicatorSpec::Completion { .. }
            | IndicatorSpec::ContributionShare { .. }
            | IndicatorSpec::AggregateGrowth { .. } => Unit::Percent,
            IndicatorSpec::Contribution { .. } => Unit::Pp,
            IndicatorSpec::Ratio { .. } => Unit::Times,
        }
    }
}

/// The fields each indicator kind takes in a plan document and what each names (`series`, `series_list`, `periods`,
/// `period?` — optional — or `breakdown`): the plan editor lays out a target's form from this.
pub const KIND_FIELDS: &[(&str, &[(&str, &str)])] = &[
    ("amount", &[("series", "series")]),
    ("cumulative", &[("series", "series"), ("periods", "periods")]),
    ("share", &[("part", "series"), ("whole", "series")]),
    ("growth", &[("series", "series")]),
    ("completion", &[("done", "series"), ("plan", "series")]),
    ("contribution", &[("part", "series"), ("whole", "series")]),
    ("contribution_share", &[("part", "series"), ("whole", "series")]),
    (
        "ratio",
        &[
            ("numerator", "series"),
            ("numerator_period", "period?"),
            ("denominator", "series"),
            ("denominator_period", "period?"),
        ],
    ),
    ("aggregate_growth", &[("units", "series_list")]),
    ("remainder", &[("breakdown", "breakdown")]),
];
