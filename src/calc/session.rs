//! An editing session over one plan: the current figures, edits, and all results.

use super::target::{evaluate, TargetResult};
use crate::error::{Error, Result};
use crate::json::{index, join};
use crate::number::parse_decimal;
use crate::plan::{check_sign, Plan};
use serde::{Deserialize, Serialize};

/// Every result the session computes, in plan order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    pub targets: Vec<TargetResult>,
}

/// A plan and its current figures.
#[derive(Debug, Clone)]
pub struct Session {
    plan: Plan,
}

impl Session {
    /// Starts a session from a validated plan.
    pub fn new(plan: Plan) -> Self {
        Session { plan }
    }

    /// Starts a session from plan JSON text.
    pub fn from_json(text: &str) -> Result<Self> {
        Plan::from_json(text).map(Session::new)
    }

    /// The plan with its current figures.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Sets a series' value in a period from text as typed; an empty text clears it.
    ///
    /// On error nothing changes.
    pub fn set_value(&mut self, series_id: &str, period_id: &str, text: &str) -> Result<()> {
        let s = self
            .plan
            .series_idx(series_id)
            .ok_or_else(|| Error::UnknownId { path: "series".into(), id: series_id.to_owned() })?;
        let p = self
            .plan
            .period_idx(period_id)
            .ok_or_else(|| Error::UnknownId { path: "period".into(), id: period_id.to_owned() })?;
        let path = join(&join(&index("series", s), "values"), period_id);
        let value = if text.trim().is_empty() {
            None
        } else {
            let allow_negative = self.plan.series.get(s).is_some_and(|x| x.allow_negative);
            let v = parse_decimal(text, &path)?;
            check_sign(v, allow_negative, &path)?;
            Some(v)
        };
        let slot = self.plan.series.get_mut(s).and_then(|x| x.values.get_mut(p)).ok_or(Error::Overflow { path })?;
        *slot = value;
        Ok(())
    }

    /// Evaluates every target.
    pub fn results(&self) -> Results {
        Results { targets: self.plan.targets.iter().map(|t| evaluate(&self.plan, t)).collect() }
    }
}
