//! The plan document (`"schema": 1`): read, validated, and held as an indexed model.
//!
//! The format is documented in `docs/plan-format.md`.

use crate::calc::indicator::IndicatorSpec;
use crate::error::{Error, Result};
use crate::json::{as_str, index, join, parse_text, Obj};
use crate::number::TieRule;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// The plan schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A text in the plan's languages: zh-CN and en required, zh-TW optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labels {
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    pub en: String,
    #[serde(rename = "zh-TW", skip_serializing_if = "Option::is_none")]
    pub zh_tw: Option<String>,
}

/// Where the plan's figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub document: Labels,
    pub issuer: Labels,
    /// ISO date of issue, or `None` where the document is undated.
    pub date: Option<String>,
}

/// One period of the plan: a year, a quarter, a month, or a multi-year span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub id: String,
    pub label: Labels,
}

/// A named figure with a value per period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    pub id: String,
    pub label: Labels,
    /// The series this one lies within without being part of a breakdown (private within FAI).
    pub within: Option<String>,
    /// Whether the figure may be negative (a balance, a change); amounts may not by default.
    pub allow_negative: bool,
    /// Values by period index; `None` where the plan gives no figure.
    pub values: Vec<Option<Decimal>>,
}

/// How an indicator is compared with its target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparator {
    /// 以上: at least.
    #[serde(rename = ">=")]
    AtLeast,
    /// 以内 / 不超过: at most.
    #[serde(rename = "<=")]
    AtMost,
    /// 左右: about, within a tolerance.
    #[serde(rename = "~")]
    About,
    /// 达到: reach; read as a floor.
    #[serde(rename = "=")]
    Reach,
}

/// A target the plan sets on an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub id: String,
    pub label: Labels,
    pub indicator: IndicatorSpec,
    /// Index into `Plan::periods`.
    pub period: usize,
    pub cmp: Comparator,
    pub value: Decimal,
    /// For `About`: the allowed distance, in the indicator's unit.
    pub tolerance: Option<Decimal>,
    /// 力争: a "strive for" target rather than a binding one.
    pub soft: bool,
    /// The plan's own wording of the target.
    pub source_text: Option<String>,
}

/// Decimals shown for each kind of figure, and the tie rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rounding {
    pub percent: u32,
    pub pp: u32,
    pub amount: u32,
    pub tie: TieRule,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding { percent: 1, pp: 1, amount: 2, tie: TieRule::HalfAwayFromZero }
    }
}

/// What the baseline figures are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    /// Published statistics.
    Actual,
    /// The plan states targets only: the figures are the plan as written.
    PlanAsWritten,
}

/// A validated plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub id: String,
    pub title: Labels,
    pub region: Option<Labels>,
    pub source: Option<Source>,
    /// The money unit of every amount: 亿元 unless stated.
    pub unit: String,
    pub baseline: Baseline,
    pub periods: Vec<Period>,
    pub series: Vec<Series>,
    pub targets: Vec<Target>,
    pub rounding: Rounding,
    pub notes: Vec<Labels>,
    #[serde(skip)]
    series_index: HashMap<String, usize>,
    #[serde(skip)]
    period_index: HashMap<String, usize>,
}

impl Plan {
    /// Reads a plan from JSON text.
    pub fn from_json(text: &str) -> Result<Plan> {
        Plan::from_value(&parse_text(text)?)
    }

    /// Reads a plan from a parsed JSON value.
    pub fn from_value(doc: &Value) -> Result<Plan> {
        let root = Obj::new(doc, "")?;
        check_schema(&root)?;
        let periods = read_periods(&root)?;
        let period_index = index_ids(periods.iter().map(|p| p.id.as_str()), "periods")?;
        let raw_series = root.opt_array("series")?;
        if raw_series.is_empty() {
            return Err(Error::Empty { path: "series".into() });
        }
        let series = raw_series
            .iter()
            .enumerate()
            .map(|(i, v)| read_series(v, &index("series", i), &period_index, periods.len()))
            .collect::<Result<Vec<_>>>()?;
        let series_index = index_ids(series.iter().map(|s| s.id.as_str()), "series")?;
        for (i, s) in series.iter().enumerate() {
            if let Some(w) = &s.within {
                if !series_index.contains_key(w) {
                    let path = join(&index("series", i), "within");
                    return Err(Error::UnknownId { path, id: w.clone() });
                }
            }
        }
        let targets = root
            .opt_array("targets")?
            .iter()
            .enumerate()
            .map(|(i, v)| read_target(v, &index("targets", i), &series_index, &period_index))
            .collect::<Result<Vec<_>>>()?;
        index_ids(targets.iter().map(|t| t.id.as_str()), "targets")?;
        Ok(Plan {
            id: root.req_id("id")?.to_owned(),
            title: read_labels(&root, "title")?,
            region: opt_labels(&root, "region")?,
            source: root.opt_obj("source")?.map(|s| read_source(&s)).transpose()?,
            unit: root.opt_str("unit")?.unwrap_or("亿元").to_owned(),
            baseline: match root.opt_str("baseline")? {
                None | Some("actual") => Baseline::Actual,
                Some("plan_as_written") => Baseline::PlanAsWritten,
                Some(other) => {
                    return Err(Error::Invalid {
                        path: "baseline".into(),
                        reason: format!("\"{other}\" is not a baseline (actual, plan_as_written)"),
                    })
                }
            },
            periods,
            series,
            targets,
            rounding: read_rounding(&root)?,
            notes: read_notes(&root)?,
            series_index,
            period_index,
        })
    }

    /// The index of a series by id.
    pub fn series_idx(&self, id: &str) -> Option<usize> {
        self.series_index.get(id).copied()
    }

    /// The index of a period by id.
    pub fn period_idx(&self, id: &str) -> Option<usize> {
        self.period_index.get(id).copied()
    }

    /// A series' value in a period, if the plan has one.
    pub fn value(&self, series: usize, period: usize) -> Option<Decimal> {
        self.series.get(series)?.values.get(period).copied().flatten()
    }
}

fn check_schema(root: &Obj<'_>) -> Result<()> {
    let found = match root.get("schema") {
        None => return Err(Error::Schema { found: "(none)".into() }),
        Some(v) => v,
    };
    if found.as_u64() == Some(u64::from(SCHEMA_VERSION)) {
        Ok(())
    } else {
        Err(Error::Schema { found: found.to_string() })
    }
}

/// Maps ids to positions, refusing duplicates.
fn index_ids<'a>(ids: impl Iterator<Item = &'a str>, list: &str) -> Result<HashMap<String, usize>> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        if map.insert(id.to_owned(), i).is_some() {
            return Err(Error::DuplicateId { path: join(&index(list, i), "id"), id: id.to_owned() });
        }
    }
    Ok(map)
}

fn read_labels(obj: &Obj<'_>, key: &str) -> Result<Labels> {
    labels_from(&obj.req_obj(key)?)
}

fn opt_labels(obj: &Obj<'_>, key: &str) -> Result<Option<Labels>> {
    obj.opt_obj(key)?.map(|o| labels_from(&o)).transpose()
}

fn labels_from(o: &Obj<'_>) -> Result<Labels> {
    Ok(Labels {
        zh_cn: o.req_str("zh-CN")?.to_owned(),
        en: o.req_str("en")?.to_owned(),
        zh_tw: o.opt_str("zh-TW")?.map(str::to_owned),
    })
}

fn read_source(o: &Obj<'_>) -> Result<Source> {
    Ok(Source {
        document: read_labels(o, "document")?,
        issuer: read_labels(o, "issuer")?,
        date: o.opt_str("date")?.map(str::to_owned),
    })
}

fn read_periods(root: &Obj<'_>) -> Result<Vec<Period>> {
    let raw = root.opt_array("periods")?;
    if raw.is_empty() {
        return Err(Error::Empty { path: "periods".into() });
    }
    raw.iter()
        .enumerate()
        .map(|(i, v)| {
            let o = Obj::new(v, &index("periods", i))?;
            Ok(Period { id: o.req_id("id")?.to_owned(), label: read_labels(&o, "label")? })
        })
        .collect()
}

fn read_series(v: &Value, path: &str, periods: &HashMap<String, usize>, n_periods: usize) -> Result<Series> {
    let o = Obj::new(v, path)?;
    let allow_negative = o.opt_bool("allow_negative")?.unwrap_or(false);
    let mut values = vec![None; n_periods];
    if let Some(vals) = o.opt_obj("values")? {
        for (period, raw) in vals.entries() {
            let vpath = vals.field_path(period);
            let slot = periods
                .get(period)
                .and_then(|&p| values.get_mut(p))
                .ok_or_else(|| Error::UnknownId { path: vpath.clone(), id: period.clone() })?;
            if raw.is_null() {
                continue;
            }
            let amount = crate::json::as_decimal(raw, &vpath)?;
            check_sign(amount, allow_negative, &vpath)?;
            *slot = Some(amount);
        }
    }
    Ok(Series {
        id: o.req_id("id")?.to_owned(),
        label: read_labels(&o, "label")?,
        within: o.opt_str("within")?.map(str::to_owned),
        allow_negative,
        values,
    })
}

/// Refuses a negative amount where the series does not allow one.
pub fn check_sign(amount: Decimal, allow_negative: bool, path: &str) -> Result<()> {
    if amount.is_sign_negative() && !amount.is_zero() && !allow_negative {
        return Err(Error::Negative { path: path.to_owned(), value: amount.to_string() });
    }
    Ok(())
}

fn read_target(
    v: &Value,
    path: &str,
    series: &HashMap<String, usize>,
    periods: &HashMap<String, usize>,
) -> Result<Target> {
    let o = Obj::new(v, path)?;
    let indicator = IndicatorSpec::read(&o.req_obj("indicator")?, series)?;
    let period_id = o.req_str("period")?;
    let period = *periods
        .get(period_id)
        .ok_or_else(|| Error::UnknownId { path: o.field_path("period"), id: period_id.to_owned() })?;
    let cmp = match o.req_str("cmp")? {
        ">=" | "≥" => Comparator::AtLeast,
        "<=" | "≤" => Comparator::AtMost,
        "~" | "≈" => Comparator::About,
        "=" => Comparator::Reach,
        other => {
            return Err(Error::Invalid {
                path: o.field_path("cmp"),
                reason: format!("\"{other}\" is not a comparator (>=, <=, ~, =)"),
            })
        }
    };
    let tolerance = o.opt_decimal("tolerance")?;
    if cmp == Comparator::About && tolerance.is_none() {
        return Err(Error::Missing { path: o.field_path("tolerance") });
    }
    if let Some(t) = tolerance {
        check_sign(t, false, &o.field_path("tolerance"))?;
    }
    Ok(Target {
        id: o.req_id("id")?.to_owned(),
        label: read_labels(&o, "label")?,
        indicator,
        period,
        cmp,
        value: o.req_decimal("value")?,
        tolerance,
        soft: o.opt_bool("soft")?.unwrap_or(false),
        source_text: o.opt_str("source_text")?.map(str::to_owned),
    })
}

fn read_rounding(root: &Obj<'_>) -> Result<Rounding> {
    let mut r = Rounding::default();
    let Some(o) = root.opt_obj("rounding")? else { return Ok(r) };
    let places = |key: &str, default: u32| -> Result<u32> {
        match o.get(key) {
            None => Ok(default),
            Some(v) => v
                .as_u64()
                .filter(|&n| n <= 10)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| Error::Type { path: o.field_path(key), expected: "a whole number from 0 to 10" }),
        }
    };
    r.percent = places("percent", r.percent)?;
    r.pp = places("pp", r.pp)?;
    r.amount = places("amount", r.amount)?;
    r.tie = match o.opt_str("tie")? {
        None | Some("half_away_from_zero") => TieRule::HalfAwayFromZero,
        Some("half_even") => TieRule::HalfEven,
        Some(other) => {
            return Err(Error::Invalid {
                path: o.field_path("tie"),
                reason: format!("\"{other}\" is not a tie rule (half_away_from_zero, half_even)"),
            })
        }
    };
    Ok(r)
}

fn read_notes(root: &Obj<'_>) -> Result<Vec<Labels>> {
    root.opt_array("notes")?.iter().enumerate().map(|(i, v)| labels_from(&Obj::new(v, &index("notes", i))?)).collect()
}

/// Reads a string field that must name a known series.
pub fn series_ref(o: &Obj<'_>, key: &str, series: &HashMap<String, usize>) -> Result<usize> {
    let path = o.field_path(key);
    let id = as_str(o.req(key)?, &path)?;
    series.get(id).copied().ok_or_else(|| Error::UnknownId { path, id: id.to_owned() })
}
