//! Reading a plan document (`"schema": 1`, docs/plan-format.md) into the model, validated. Reading never panics: every
//! problem is an [`Error`] with a stable code and the path of the field concerned.

use super::json::{as_decimal, as_exact, as_str, parse_text, Obj};
use crate::error::{index, join, Error, Result};
use crate::exact::{Exact, TieRule};
use crate::model::indicator::IndicatorSpec;
use crate::model::plan::*;
use crate::model::projects::{Field, Projects, Query};
use serde_json::Value;
use std::collections::HashMap;

impl Plan {
    /// Reads a plan from JSON text.
    pub fn from_json(text: &str) -> Result<Plan> {
        Plan::from_value(&parse_text(text)?)
    }

    /// Reads a plan from a parsed JSON value.
    pub fn from_value(doc: &Value) -> Result<Plan> {
        let root = Obj::new(doc, "")?;
        check_schema(&root)?;
        let unit = root.opt_str("unit")?.unwrap_or("亿元").to_owned();
        let (periods, period_index) = read_periods(&root)?;
        let raw_series = root.opt_array("series")?;
        if raw_series.is_empty() {
            return Err(Error::Empty { path: "series".into() });
        }
        let series_index = index_ids(raw_series, "series")?;
        let projects = Projects::read(root.opt_array("projects")?, &period_index, periods.len())?;
        let series = raw_series
            .iter()
            .enumerate()
            .map(|(i, v)| {
                read_series(v, &index("series", i), &unit, &series_index, &period_index, periods.len(), &projects)
            })
            .collect::<Result<Vec<_>>>()?;
        let mut series = series;
        fill_project_series(&mut series, &projects, &periods)?;
        let order = evaluation_order(&series)?;
        check_sum_units(&series)?;
        let raw_breakdowns = root.opt_array("breakdowns")?;
        index_ids(raw_breakdowns, "breakdowns")?;
        let breakdowns = raw_breakdowns
            .iter()
            .enumerate()
            .map(|(i, v)| read_breakdown(v, &index("breakdowns", i), &series, &series_index))
            .collect::<Result<Vec<_>>>()?;
        let raw_targets = root.opt_array("targets")?;
        index_ids(raw_targets, "targets")?;
        let targets = raw_targets
            .iter()
            .enumerate()
            .map(|(i, v)| read_target(v, &index("targets", i), &series, &series_index, &breakdowns, &period_index))
            .collect::<Result<Vec<_>>>()?;
        let plan = Plan {
            id: root.req_id("id")?.to_owned(),
            title: read_labels(&root, "title")?,
            region: opt_labels(&root, "region")?,
            source: root.opt_obj("source")?.map(|s| read_source(&s)).transpose()?,
            unit,
            baseline: read_baseline(&root)?,
            periods,
            as_of: read_as_of(&root)?,
            series,
            breakdowns,
            targets,
            rounding: read_rounding(&root)?,
            notes: read_notes(&root)?,
            lights: read_lights(&root)?,
            progress: read_progress(&root, &series_index, &period_index)?,
            scenarios: read_scenarios(&root)?,
            projects,
            order,
            series_index,
            period_index,
        };
        let grid = crate::calc::grid::Grid::compute(&plan, &crate::calc::grid::plan_inputs(&plan));
        if let Some((s, p)) = grid.overflow() {
            return Err(Error::Overflow { path: join(&join(&index("series", s), "values"), plan.period_id(p)) });
        }
        Ok(plan)
    }

    /// The same plan over another project list: series over projects are summed again and their filters resolved
    /// against the new list's categories.
    pub fn with_projects(&self, projects: Projects) -> Result<Plan> {
        let mut plan = Plan { projects: Projects::default(), ..self.clone() };
        for (i, s) in plan.series.iter_mut().enumerate() {
            if let SeriesKind::Projects(q) = &mut s.kind {
                let path = join(&join(&index("series", i), "projects"), "where");
                q.filter = crate::model::projects::Filter::read(Some(&q.filter.text), &path, &projects)?;
            }
        }
        fill_project_series(&mut plan.series, &projects, &plan.periods)?;
        plan.projects = projects;
        let grid = crate::calc::grid::Grid::compute(&plan, &crate::calc::grid::plan_inputs(&plan));
        if let Some((s, p)) = grid.overflow() {
            return Err(Error::Overflow { path: join(&join(&index("series", s), "values"), plan.period_id(p)) });
        }
        Ok(plan)
    }
}

fn check_schema(root: &Obj<'_>) -> Result<()> {
    let found = root.get("schema").ok_or(Error::Schema { found: "(none)".into(), expected: SCHEMA_VERSION })?;
    if found.as_u64() == Some(u64::from(SCHEMA_VERSION)) {
        Ok(())
    } else {
        Err(Error::Schema { found: found.to_string(), expected: SCHEMA_VERSION })
    }
}

/// Maps the `id` of each object in a list to its position, refusing duplicates.
fn index_ids(items: &[Value], list: &str) -> Result<HashMap<String, usize>> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        let id = Obj::new(v, &index(list, i))?.req_id("id")?;
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
        location: o.opt_str("location")?.map(str::to_owned),
    })
}

fn read_baseline(root: &Obj<'_>) -> Result<Baseline> {
    match root.opt_str("baseline")? {
        None | Some("actual") => Ok(Baseline::Actual),
        Some("plan_as_written") => Ok(Baseline::PlanAsWritten),
        Some(other) => Err(Error::Invalid {
            path: "baseline".into(),
            reason: format!("\"{other}\" is not a baseline (actual, plan_as_written)"),
        }),
    }
}

fn read_periods(root: &Obj<'_>) -> Result<(Vec<Period>, HashMap<String, usize>)> {
    let raw = root.opt_array("periods")?;
    if raw.is_empty() {
        return Err(Error::Empty { path: "periods".into() });
    }
    let ids = index_ids(raw, "periods")?;
    let periods = raw
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let o = Obj::new(v, &index("periods", i))?;
            let kind = match o.opt_str("kind")? {
                None | Some("year") => PeriodKind::Year,
                Some("quarter") => PeriodKind::Quarter,
                Some("month") => PeriodKind::Month,
                Some("span") => PeriodKind::Span,
                Some(other) => {
                    return Err(Error::Invalid {
                        path: o.field_path("kind"),
                        reason: format!("\"{other}\" is not a period kind (year, quarter, month, span)"),
                    })
                }
            };
            let previous = match o.opt_str("previous")? {
                None => None,
                Some(id) => Some(
                    *ids.get(id)
                        .ok_or_else(|| Error::UnknownId { path: o.field_path("previous"), id: id.to_owned() })?,
                ),
            };
            if previous == Some(i) {
                return Err(Error::rule(
                    "plan.self_reference",
                    o.field_path("previous"),
                    "a period cannot be its own previous period",
                ));
            }
            Ok(Period { id: o.req_id("id")?.to_owned(), label: read_labels(&o, "label")?, kind, previous })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((periods, ids))
}

fn read_as_of(root: &Obj<'_>) -> Result<Option<AsOf>> {
    let Some(date) = root.opt_str("as_of")? else { return Ok(None) };
    let months = date
        .get(5..7)
        .filter(|_| date.len() >= 7 && date.as_bytes().get(4) == Some(&b'-'))
        .and_then(|m| m.parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| Error::Invalid {
            path: "as_of".into(),
            reason: format!("\"{date}\" is not a year-month such as \"2023-09\" (the end of that month)"),
        })?;
    Ok(Some(AsOf { date: date.to_owned(), months }))
}

/// Reads a reference to a series by id.
pub fn series_ref(o: &Obj<'_>, key: &str, series: &HashMap<String, usize>) -> Result<usize> {
    let path = o.field_path(key);
    let id = as_str(o.req(key)?, &path)?;
    series.get(id).copied().ok_or_else(|| Error::UnknownId { path, id: id.to_owned() })
}

/// Reads a list of references to series.
pub fn series_refs(o: &Obj<'_>, key: &str, series: &HashMap<String, usize>) -> Result<Vec<usize>> {
    let path = o.field_path(key);
    let items = match o.req(key)? {
        Value::Array(items) => items,
        _ => return Err(Error::Type { path, expected: "an array of series ids" }),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let p = index(&path, i);
            let id = as_str(v, &p)?;
            series.get(id).copied().ok_or_else(|| Error::UnknownId { path: p, id: id.to_owned() })
        })
        .collect()
}

/// Reads `{period: value}` into a per-period vector; a `null` value is no figure.
fn per_period<T>(
    o: &Obj<'_>,
    key: &str,
    periods: &HashMap<String, usize>,
    n: usize,
    mut read: impl FnMut(&Value, &str) -> Result<T>,
) -> Result<Vec<Option<T>>> {
    let given = periods_given(
        o,
        key,
        periods,
        n,
        |raw, path| {
            if raw.is_null() {
                Ok(None)
            } else {
                read(raw, path).map(Some)
            }
        },
    )?;
    Ok(given.into_iter().map(Option::flatten).collect())
}

/// Each period given in `{period: value}`, read by `read` (a `null` included), by period index.
fn periods_given<T>(
    o: &Obj<'_>,
    key: &str,
    periods: &HashMap<String, usize>,
    n: usize,
    mut read: impl FnMut(&Value, &str) -> Result<T>,
) -> Result<Vec<Option<T>>> {
    let mut out: Vec<Option<T>> = (0..n).map(|_| None).collect();
    if let Some(vals) = o.opt_obj(key)? {
        for (period, raw) in vals.entries() {
            let path = vals.field_path(period);
            let slot = periods
                .get(period)
                .and_then(|&p| out.get_mut(p))
                .ok_or_else(|| Error::UnknownId { path: path.clone(), id: period.clone() })?;
            *slot = Some(read(raw, &path)?);
        }
    }
    Ok(out)
}

/// `growth_level`: a level per period, or `null` where a rate was published without one.
fn read_growth_levels(o: &Obj<'_>, periods: &HashMap<String, usize>, n: usize) -> Result<Vec<PublishedLevel>> {
    let given = periods_given(o, "growth_level", periods, n, |raw, path| {
        Ok(if raw.is_null() { PublishedLevel::Unknown } else { PublishedLevel::Level(as_exact(raw, path)?) })
    })?;
    Ok(given.into_iter().map(Option::unwrap_or_default).collect())
}

fn read_series(
    v: &Value,
    path: &str,
    plan_unit: &str,
    series: &HashMap<String, usize>,
    periods: &HashMap<String, usize>,
    n_periods: usize,
    projects: &Projects,
) -> Result<Series> {
    let o = Obj::new(v, path)?;
    let allow_negative = o.opt_bool("allow_negative")?.unwrap_or(false);
    let kind = match o.get("sum") {
        None if o.get("projects").is_some() => {
            if o.get("values").is_some() {
                return Err(Error::rule(
                    "series.own_values",
                    o.field_path("values"),
                    "a series over projects has no values of its own; they come from the projects",
                ));
            }
            SeriesKind::Projects(Query::read(o.req("projects")?, &o.field_path("projects"), projects)?)
        }
        Some(_) => {
            let parts = series_refs(&o, "sum", series)?;
            if parts.is_empty() {
                return Err(Error::Empty { path: o.field_path("sum") });
            }
            if o.get("values").is_some() {
                return Err(Error::rule(
                    "series.own_values",
                    o.field_path("values"),
                    "a series that is a sum has no values of its own",
                ));
            }
            SeriesKind::Sum(parts)
        }
        None => SeriesKind::Input,
    };
    let values = per_period(&o, "values", periods, n_periods, |raw, p| {
        let amount = as_exact(raw, p)?;
        check_sign(&amount, allow_negative, p)?;
        Ok(amount)
    })?;
    let growth = per_period(&o, "growth", periods, n_periods, as_decimal)?;
    let growth_level = read_growth_levels(&o, periods, n_periods)?;
    let within = match o.opt_str("within")? {
        None => None,
        Some(id) => {
            Some(*series.get(id).ok_or_else(|| Error::UnknownId { path: o.field_path("within"), id: id.to_owned() })?)
        }
    };
    Ok(Series {
        id: o.req_id("id")?.to_owned(),
        label: read_labels(&o, "label")?,
        unit: o
            .opt_str("unit")?
            .unwrap_or(if matches!(&kind, SeriesKind::Projects(q) if q.field == Field::Count) {
                COUNT_UNIT
            } else {
                plan_unit
            })
            .to_owned(),
        kind,
        within,
        allow_negative,
        values,
        growth,
        growth_level,
        note: opt_labels(&o, "note")?,
    })
}

/// Refuses a negative amount where the series does not allow one.
pub fn check_sign(amount: &Exact, allow_negative: bool, path: &str) -> Result<()> {
    if amount.is_negative() && !allow_negative {
        return Err(Error::Negative { path: path.to_owned(), value: amount.to_string() });
    }
    Ok(())
}

/// Gives each series over projects its values: the sums over the plan's projects, period by period.
fn fill_project_series(series: &mut [Series], projects: &Projects, periods: &[Period]) -> Result<()> {
    let Some(values) = &projects.values else { return Ok(()) };
    for (i, s) in series.iter_mut().enumerate() {
        let SeriesKind::Projects(q) = &s.kind else { continue };
        for (p, period) in periods.iter().enumerate() {
            let total = q
                .total(projects, values, p)
                .ok_or_else(|| Error::Overflow { path: join(&join(&index("series", i), "projects"), &period.id) })?;
            if let Some(slot) = s.values.get_mut(p) {
                *slot = Some(total);
            }
        }
    }
    Ok(())
}

/// Orders series so that parts come before their sums; refuses sums defined in a circle.
fn evaluation_order(series: &[Series]) -> Result<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; series.len()];
    let mut order = Vec::with_capacity(series.len());
    for start in 0..series.len() {
        // Depth-first with an explicit stack: (series, next part to visit).
        let mut stack = vec![(start, 0usize)];
        while let Some(&mut (s, ref mut next)) = stack.last_mut() {
            let parts: &[usize] = match series.get(s).map(|x| &x.kind) {
                Some(SeriesKind::Sum(parts)) => parts,
                _ => &[],
            };
            if *next == 0 {
                match marks.get(s) {
                    Some(Mark::Done) => {
                        stack.pop();
                        continue;
                    }
                    Some(Mark::Open) => {
                        let ids = stack.iter().map(|&(x, _)| series.get(x).map_or("?", |y| &y.id).to_owned());
                        return Err(Error::Cycle { path: join(&index("series", s), "sum"), ids: ids.collect() });
                    }
                    _ => {}
                }
                if let Some(m) = marks.get_mut(s) {
                    *m = Mark::Open;
                }
            }
            if let Some(&part) = parts.get(*next) {
                *next += 1;
                if marks.get(part) == Some(&Mark::Open) {
                    let mut ids: Vec<String> =
                        stack.iter().map(|&(x, _)| series.get(x).map_or("?", |y| &y.id).to_owned()).collect();
                    ids.push(series.get(part).map_or("?", |y| &y.id).to_owned());
                    return Err(Error::Cycle { path: join(&index("series", s), "sum"), ids });
                }
                stack.push((part, 0));
            } else {
                if let Some(m) = marks.get_mut(s) {
                    *m = Mark::Done;
                }
                order.push(s);
                stack.pop();
            }
        }
    }
    Ok(order)
}

/// Series of different units are never added: 亿元 and 亿美元 need a stated rate.
fn check_sum_units(series: &[Series]) -> Result<()> {
    for (i, s) in series.iter().enumerate() {
        if let SeriesKind::Sum(parts) = &s.kind {
            for (k, &p) in parts.iter().enumerate() {
                let part_unit = series.get(p).map_or("", |x| x.unit.as_str());
                if part_unit != s.unit {
                    return Err(Error::rule(
                        "unit.mismatch",
                        index(&join(&index("series", i), "sum"), k),
                        format!("cannot add {part_unit} to a sum in {}", s.unit),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn read_breakdown(v: &Value, path: &str, series: &[Series], ids: &HashMap<String, usize>) -> Result<Breakdown> {
    let o = Obj::new(v, path)?;
    let parent = series_ref(&o, "parent", ids)?;
    let children = series_refs(&o, "children", ids)?;
    if children.is_empty() {
        return Err(Error::Empty { path: o.field_path("children") });
    }
    let parent_unit = series.get(parent).map_or("", |s| s.unit.as_str());
    for (k, &c) in children.iter().enumerate() {
        let cpath = index(&o.field_path("children"), k);
        if c == parent {
            return Err(Error::rule("plan.self_reference", cpath, "a series cannot be part of its own breakdown"));
        }
        if children.iter().take(k).any(|&x| x == c) {
            return Err(Error::DuplicateId { path: cpath, id: series.get(c).map_or("?", |s| &s.id).to_owned() });
        }
        let unit = series.get(c).map_or("", |s| s.unit.as_str());
        if unit != parent_unit {
            return Err(Error::rule("unit.mismatch", cpath, format!("cannot add {unit} to a total in {parent_unit}")));
        }
    }
    Ok(Breakdown {
        id: o.req_id("id")?.to_owned(),
        label: read_labels(&o, "label")?,
        parent,
        children,
        complete: o.opt_bool("complete")?.unwrap_or(false),
    })
}

fn read_target(
    v: &Value,
    path: &str,
    series: &[Series],
    series_ids: &HashMap<String, usize>,
    breakdowns: &[Breakdown],
    periods: &HashMap<String, usize>,
) -> Result<Target> {
    let o = Obj::new(v, path)?;
    let indicator = IndicatorSpec::read(&o.req_obj("indicator")?, series, series_ids, breakdowns, periods)?;
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
        check_sign(&Exact::from(t), false, &o.field_path("tolerance"))?;
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

/// `progress: [{done, plan, year, whole?}]`: series ids and the year's period id.
fn read_progress(
    root: &Obj<'_>,
    series: &HashMap<String, usize>,
    periods: &HashMap<String, usize>,
) -> Result<Vec<Progress>> {
    root.opt_array("progress")?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let o = Obj::new(v, &index("progress", i))?;
            let path = o.field_path("year");
            let year = o.req_str("year")?;
            let year = periods.get(year).copied().ok_or_else(|| Error::UnknownId { path, id: year.to_owned() })?;
            let whole = if o.get("whole").is_some() { Some(series_ref(&o, "whole", series)?) } else { None };
            Ok(Progress { done: series_ref(&o, "done", series)?, plan: series_ref(&o, "plan", series)?, year, whole })
        })
        .collect()
}

/// `lights: {yellow_within_pp: "5" | yellow_from_fraction: "0.5", escalate_after: 2}`, each optional.
fn read_lights(root: &Obj<'_>) -> Result<LightRules> {
    let Some(o) = root.opt_obj("lights")? else { return Ok(LightRules::default()) };
    let mut rules = LightRules::default();
    if let Some(v) = o.get("yellow_within_pp") {
        let path = o.field_path("yellow_within_pp");
        let pp = as_decimal(v, &path)?;
        if pp.is_sign_negative() {
            return Err(Error::Invalid { path, reason: "a band of percentage points cannot be negative".into() });
        }
        rules.yellow_within_pp = Some(pp);
    }
    if let Some(v) = o.get("yellow_from_fraction") {
        let path = o.field_path("yellow_from_fraction");
        let f = as_decimal(v, &path)?;
        if f.is_sign_negative() || f > rust_decimal::Decimal::ONE {
            return Err(Error::Invalid { path, reason: "a fraction of time-progress from 0 to 1".into() });
        }
        rules.yellow_from_fraction = Some(f);
    }
    if let Some(v) = o.get("escalate_after") {
        let path = o.field_path("escalate_after");
        let n = v
            .as_u64()
            .filter(|n| (1..=12).contains(n))
            .ok_or(Error::Type { path, expected: "a whole number of months from 1 to 12" })?;
        rules.escalate_after = u32::try_from(n).ok();
    }
    Ok(rules)
}

/// `scenarios: [{name, edits: [...]}]`: each edit read as an edit is (checked against the plan when a session opens
/// it, with this path).
fn read_scenarios(root: &Obj<'_>) -> Result<Vec<PlanScenario>> {
    let list = root.opt_array("scenarios")?;
    let mut out: Vec<PlanScenario> = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let at = index("scenarios", i);
        let o = Obj::new(v, &at)?;
        let name = o.req_id("name")?.trim().to_owned();
        if out.iter().any(|s| s.name == name) {
            return Err(Error::Invalid {
                path: o.field_path("name"),
                reason: format!("a second scenario named {name}"),
            });
        }
        let edits = o
            .opt_array("edits")?
            .iter()
            .enumerate()
            .map(|(k, e)| crate::model::edit::Edit::from_value(e, &index(&join(&at, "edits"), k)))
            .collect::<Result<Vec<_>>>()?;
        out.push(PlanScenario { name, edits });
    }
    Ok(out)
}

fn read_notes(root: &Obj<'_>) -> Result<Vec<Labels>> {
    root.opt_array("notes")?.iter().enumerate().map(|(i, v)| labels_from(&Obj::new(v, &index("notes", i))?)).collect()
}
