//! Reading a target's indicator from its document form.

use super::json::Obj;
use super::plan::{series_ref, series_refs};
use crate::error::{Error, Result};
use crate::model::indicator::IndicatorSpec;
use crate::model::plan::{Breakdown, Series};
use std::collections::HashMap;

impl IndicatorSpec {
    /// Reads `{"kind": "share", "part": "industrial", "whole": "fai"}` and the like.
    pub fn read(
        o: &Obj<'_>,
        series: &[Series],
        ids: &HashMap<String, usize>,
        breakdowns: &[Breakdown],
        periods: &HashMap<String, usize>,
    ) -> Result<Self> {
        let period = |key: &str| -> Result<Option<usize>> {
            match o.opt_str(key)? {
                None => Ok(None),
                Some(id) => periods
                    .get(id)
                    .copied()
                    .map(Some)
                    .ok_or_else(|| Error::UnknownId { path: o.field_path(key), id: id.to_owned() }),
            }
        };
        let pair = |a: &str, b: &str| -> Result<(usize, usize)> {
            let (x, y) = (series_ref(o, a, ids)?, series_ref(o, b, ids)?);
            let (ux, uy) = (series.get(x).map(|s| &s.unit), series.get(y).map(|s| &s.unit));
            if ux != uy {
                return Err(Error::rule(
                    "unit.mismatch",
                    o.field_path(b),
                    format!("{a} and {b} must be in one unit to be compared"),
                ));
            }
            Ok((x, y))
        };
        let spec = match o.req_str("kind")? {
            "amount" => IndicatorSpec::Amount { series: series_ref(o, "series", ids)? },
            "cumulative" => {
                let list = o.opt_array("periods")?;
                if list.is_empty() {
                    return Err(Error::Empty { path: o.field_path("periods") });
                }
                let periods = list
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let path = crate::error::index(&o.field_path("periods"), i);
                        let id = crate::document::json::as_str(v, &path)?;
                        periods.get(id).copied().ok_or_else(|| Error::UnknownId { path, id: id.to_owned() })
                    })
                    .collect::<Result<Vec<_>>>()?;
                IndicatorSpec::Cumulative { series: series_ref(o, "series", ids)?, periods }
            }
            "share" => {
                let (part, whole) = pair("part", "whole")?;
                IndicatorSpec::Share { part, whole }
            }
            "growth" => IndicatorSpec::Growth { series: series_ref(o, "series", ids)? },
            "completion" => {
                let (done, plan) = pair("done", "plan")?;
                IndicatorSpec::Completion { done, plan }
            }
            "contribution" => {
                let (part, whole) = pair("part", "whole")?;
                IndicatorSpec::Contribution { part, whole }
            }
            "contribution_share" => {
                let (part, whole) = pair("part", "whole")?;
                IndicatorSpec::ContributionShare { part, whole }
            }
            "ratio" => IndicatorSpec::Ratio {
                numerator: series_ref(o, "numerator", ids)?,
                numerator_period: period("numerator_period")?,
                denominator: series_ref(o, "denominator", ids)?,
                denominator_period: period("denominator_period")?,
            },
            "aggregate_growth" => {
                let units = series_refs(o, "units", ids)?;
                if units.is_empty() {
                    return Err(Error::Empty { path: o.field_path("units") });
                }
                IndicatorSpec::AggregateGrowth { units }
            }
            "remainder" => {
                let path = o.field_path("breakdown");
                let id = o.req_str("breakdown")?;
                let breakdown = breakdowns
                    .iter()
                    .position(|b| b.id == id)
                    .ok_or_else(|| Error::UnknownId { path, id: id.to_owned() })?;
                IndicatorSpec::Remainder { breakdown }
            }
            other => {
                return Err(Error::Invalid {
                    path: o.field_path("kind"),
                    reason: format!(
                        "\"{other}\" is not an indicator kind (amount, cumulative, share, growth, completion, \
                         contribution, contribution_share, ratio, aggregate_growth, remainder)"
                    ),
                })
            }
        };
        Ok(spec)
    }
}
