//! Indicators: what a target is set on, each with an exact value, a display value and a unit.

use super::Ratio;
use crate::error::{Error, Result};
use crate::json::Obj;
use crate::number::round_for_display;
use crate::plan::{series_ref, Plan, Rounding};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What an indicator measures; series are held by index into `Plan::series`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorSpec {
    /// A series' amount in a period.
    Amount { series: usize },
    /// 占比: part ÷ whole × 100, same period and scope.
    Share { part: usize, whole: usize },
}

/// The unit an indicator's value is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Money, in the plan's unit (亿元 unless stated).
    Amount,
    /// Per cent.
    Percent,
    /// Percentage points (百分点): the difference of two percentages.
    Pp,
}

impl Unit {
    /// Decimals shown for this unit.
    pub fn decimals(self, rounding: &Rounding) -> u32 {
        match self {
            Unit::Amount => rounding.amount,
            Unit::Percent => rounding.percent,
            Unit::Pp => rounding.pp,
        }
    }

    /// The unit a difference of two values of this unit is in.
    pub fn difference(self) -> Unit {
        match self {
            Unit::Percent | Unit::Pp => Unit::Pp,
            Unit::Amount => Unit::Amount,
        }
    }
}

/// A computed figure: the exact decimal, the display text rounded once, and the unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    #[serde(with = "rust_decimal::serde::str")]
    pub exact: Decimal,
    pub display: String,
    pub unit: Unit,
}

impl Quantity {
    /// Wraps an exact value, rounding it for display by the plan's rule.
    pub fn new(exact: Decimal, unit: Unit, rounding: &Rounding) -> Self {
        let display = round_for_display(exact, unit.decimals(rounding), rounding.tie);
        Quantity { exact, display, unit }
    }
}

/// The value of an indicator in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evaluation {
    /// An exact value.
    Value(Ratio),
    /// Inputs the indicator needs have no figure (series ids).
    NoData(Vec<String>),
    /// The formula has no value here (a division by zero), with the reason's code.
    Undefined(&'static str),
}

impl IndicatorSpec {
    /// Reads `{"kind": "share", "part": "industrial", "whole": "fai"}` and the like.
    pub fn read(o: &Obj<'_>, series: &HashMap<String, usize>) -> Result<Self> {
        match o.req_str("kind")? {
            "amount" => Ok(IndicatorSpec::Amount { series: series_ref(o, "series", series)? }),
            "share" => Ok(IndicatorSpec::Share {
                part: series_ref(o, "part", series)?,
                whole: series_ref(o, "whole", series)?,
            }),
            other => Err(Error::Invalid {
                path: o.field_path("kind"),
                reason: format!("\"{other}\" is not an indicator kind (amount, share)"),
            }),
        }
    }

    /// The unit of the indicator's value.
    pub fn unit(&self) -> Unit {
        match self {
            IndicatorSpec::Amount { .. } => Unit::Amount,
            IndicatorSpec::Share { .. } => Unit::Percent,
        }
    }

    /// Evaluates the indicator in period `p`, exactly.
    pub fn evaluate(&self, plan: &Plan, p: usize) -> Evaluation {
        let missing = |ids: &[usize]| -> Vec<String> {
            ids.iter()
                .filter(|&&s| plan.value(s, p).is_none())
                .filter_map(|&s| plan.series.get(s).map(|x| x.id.clone()))
                .collect()
        };
        match *self {
            IndicatorSpec::Amount { series } => match plan.value(series, p) {
                Some(v) => Evaluation::Value(Ratio::whole(v)),
                None => Evaluation::NoData(missing(&[series])),
            },
            IndicatorSpec::Share { part, whole } => {
                let (Some(a), Some(b)) = (plan.value(part, p), plan.value(whole, p)) else {
                    return Evaluation::NoData(missing(&[part, whole]));
                };
                if b.is_zero() {
                    return Evaluation::Undefined("whole_is_zero");
                }
                let Some(num) = a.checked_mul(Decimal::ONE_HUNDRED) else {
                    return Evaluation::Undefined(super::target::OVERFLOW);
                };
                // A negative whole flips the sign of both terms so that `den > 0` holds.
                Evaluation::Value(if b.is_sign_negative() {
                    Ratio { num: -num, den: -b }
                } else {
                    Ratio { num, den: b }
                })
            }
        }
    }
}
