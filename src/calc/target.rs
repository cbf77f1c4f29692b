//! Targets: met, not met, no data or undefined, with the margin in the indicator's unit.

use super::indicator::{Evaluation, Quantity};
use crate::plan::{Comparator, Plan, Target};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotMet,
    /// An input the indicator needs has no figure.
    NoData,
    /// The indicator has no value (a division by zero).
    Undefined,
}

/// A target evaluated against the current figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetResult {
    pub id: String,
    pub status: Status,
    /// The indicator's value; `None` unless it has one.
    pub value: Option<Quantity>,
    /// The target value, in the indicator's unit.
    pub target: Quantity,
    /// value − target, in the unit of a difference (pp for shares); `None` unless there is a value.
    pub margin: Option<Quantity>,
    /// Series without a figure, for `no_data`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Why there is no value, for `undefined`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Evaluates a target against the plan's current figures; an overflow makes it `undefined`.
pub fn evaluate(plan: &Plan, target: &Target) -> TargetResult {
    let unit = target.indicator.unit();
    let rounding = &plan.rounding;
    let mut result = TargetResult {
        id: target.id.clone(),
        status: Status::NoData,
        value: None,
        target: Quantity::new(target.value, unit, rounding),
        margin: None,
        missing: Vec::new(),
        reason: None,
    };
    match target.indicator.evaluate(plan, target.period) {
        Evaluation::NoData(missing) => result.missing = missing,
        Evaluation::Undefined(reason) => {
            result.status = Status::Undefined;
            result.reason = Some(reason.to_owned());
        }
        Evaluation::Value(ratio) => {
            let compared = match target.cmp {
                Comparator::AtLeast | Comparator::Reach => ratio.cmp_to(target.value).map(|o| o != Ordering::Less),
                Comparator::AtMost => ratio.cmp_to(target.value).map(|o| o != Ordering::Greater),
                Comparator::About => ratio.within(target.value, target.tolerance.unwrap_or_default()),
            };
            let value = ratio.value();
            let margin = value.and_then(|v| v.checked_sub(target.value));
            let (Some(met), Some(value), Some(margin)) = (compared, value, margin) else {
                result.status = Status::Undefined;
                result.reason = Some(OVERFLOW.to_owned());
                return result;
            };
            result.status = if met { Status::Met } else { Status::NotMet };
            result.value = Some(Quantity::new(value, unit, rounding));
            result.margin = Some(Quantity::new(margin, unit.difference(), rounding));
        }
    }
    result
}

/// The reason given when a value leaves the range of a decimal.
pub const OVERFLOW: &str = "overflow";
