//! The plan document (`"schema": 1`): read, validated, and held as an indexed model.
//!
//! The format is documented in `docs/plan-format.md`. Reading never panics: every problem is an
//! [`Error`] with a stable code and the path of the field concerned.

use crate::calc::indicator::IndicatorSpec;
use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::json::{as_decimal, as_exact, as_str, index, join, parse_text, Obj};
use crate::exact::TieRule;
use crate::projects::{Field, ProjectValues, Projects, Query};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// The plan schema version this build reads.
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

impl Labels {
    /// The text in `locale` ("zh-CN", "zh-TW", "en"), falling back to zh-CN.
    pub fn get(&self, locale: &str) -> &str {
        match locale {
            "en" => &self.en,
            "zh-TW" => self.zh_tw.as_deref().unwrap_or(&self.zh_cn),
            _ => &self.zh_cn,
        }
    }
}

/// Where the plan's figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub document: Labels,
    pub issuer: Labels,
    /// ISO date of issue, or `None` where the document is undated.
    pub date: Option<String>,
    /// Where the text was read, if it matters (a scraped page, a gazette).
    pub location: Option<String>,
}

/// What kind of span a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Year,
    Quarter,
    Month,
    /// Several years taken together (2021–2023 cumulative).
    Span,
}

/// One period of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub id: String,
    pub label: Labels,
    pub kind: PeriodKind,
    /// The same period a year earlier (同比 base), by index, when the plan has it.
    #[serde(skip)]
    pub previous: Option<usize>,
}

/// The date progress is measured at: 序时进度 = months elapsed ÷ 12.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AsOf {
    /// ISO date or year-month, as written in the plan.
    pub date: String,
    /// Whole months of the year elapsed at that date (end of September → 9).
    pub months: u32,
}

/// How a series gets its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    /// Figures given by the plan or typed by the user.
    Input,
    /// The sum of other series (indices), computed.
    Sum(Vec<usize>),
    /// The sum of a field over the projects matching a filter; follows the projects.
    #[serde(skip_serializing)]
    Projects(Query),
}

/// A named figure with a value per period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub id: String,
    pub label: Labels,
    /// 亿元, 万元, 亿美元, 个 …; the plan's unit unless stated. Series of different units are never summed.
    pub unit: String,
    #[serde(skip)]
    pub kind: SeriesKind,
    /// The series this one lies within without being part of a breakdown (private within FAI), by index.
    #[serde(skip)]
    pub within: Option<usize>,
    /// Whether the figure may be negative; amounts may not by default.
    pub allow_negative: bool,
    /// Input values by period index; `None` where the plan gives no figure (always `None` for sums).
    #[serde(skip)]
    pub values: Vec<Option<Exact>>,
    /// Published year-on-year growth in % by period index (可比口径), stored as given.
    #[serde(skip)]
    pub growth: Vec<Option<Decimal>>,
    pub note: Option<Labels>,
}

/// Several series that lie within a parent: a sector list, a county list. A parent may have several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub id: String,
    pub label: Labels,
    #[serde(skip)]
    pub parent: usize,
    #[serde(skip)]
    pub children: Vec<usize>,
    /// Whether the children are meant to cover the parent (transport = roads + rail + air); a shortfall is then flagged.
    pub complete: bool,
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
    #[serde(skip)]
    pub indicator: IndicatorSpec,
    /// Index into `Plan::periods`.
    #[serde(skip)]
    pub period: usize,
    pub cmp: Comparator,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// For `About`: the allowed distance, in the indicator's unit.
    #[serde(with = "rust_decimal::serde::str_option")]
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

/// The unit of a series that counts projects: shown without decimals.
pub const COUNT_UNIT: &str = "个";

/// A validated plan: the baseline figures and everything needed to compute from them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub id: String,
    pub title: Labels,
    pub region: Option<Labels>,
    pub source: Option<Source>,
    /// The money unit of amounts unless a series says otherwise: 亿元 by default.
    pub unit: String,
    pub baseline: Baseline,
    pub periods: Vec<Period>,
    pub as_of: Option<AsOf>,
    pub series: Vec<Series>,
    pub breakdowns: Vec<Breakdown>,
    pub targets: Vec<Target>,
    pub rounding: Rounding,
    pub notes: Vec<Labels>,
    /// The projects the plan tracks, if it lists them.
    #[serde(skip)]
    pub projects: Projects,
    /// Series in an order where every sum comes after its parts.
    #[serde(skip)]
    pub order: Vec<usize>,
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
                q.filter = crate::projects::Filter::read(Some(&q.filter.text), &path, &projects)?;
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

    /// The index of a series by id.
    pub fn series_idx(&self, id: &str) -> Option<usize> {
        self.series_index.get(id).copied()
    }

    /// The index of a period by id.
    pub fn period_idx(&self, id: &str) -> Option<usize> {
        self.period_index.get(id).copied()
    }

    /// The id of series `s` ("?" if out of range, which validated indices never are).
    pub fn series_id(&self, s: usize) -> &str {
        self.series.get(s).map_or("?", |x| x.id.as_str())
    }

    /// The id of period `p`.
    pub fn period_id(&self, p: usize) -> &str {
        self.periods.get(p).map_or("?", |x| x.id.as_str())
    }

    /// The input series that contain any of `seeds`, directly or through other containers (sums among those follow
    /// by themselves): the totals that new investment in the seeds raises.
    pub fn input_containers(&self, seeds: &[usize]) -> Vec<usize> {
        let (mut queue, mut seen, mut inputs) = (seeds.to_vec(), seeds.to_vec(), Vec::new());
        while let Some(s) = queue.pop() {
            for c in self.containers(s) {
                if !seen.contains(&c) {
                    seen.push(c);
                    queue.push(c);
                    if matches!(self.series.get(c).map(|x| &x.kind), Some(SeriesKind::Input)) {
                        inputs.push(c);
                    }
                }
            }
        }
        inputs
    }

    /// The series that directly contain `s`: breakdown parents and its `within` series.
    pub fn containers(&self, s: usize) -> Vec<usize> {
        let mut out: Vec<usize> =
            self.breakdowns.iter().filter(|b| b.children.contains(&s)).map(|b| b.parent).collect();
        if let Some(w) = self.series.get(s).and_then(|x| x.within) {
            out.push(w);
        }
        out.extend(self.series.iter().enumerate().filter_map(|(i, x)| match &x.kind {
            SeriesKind::Sum(parts) if parts.contains(&s) => Some(i),
            _ => None,
        }));
        crate::calc::grid::distinct_sorted(&out, self.series.len())
    }
}

fn check_schema(root: &Obj<'_>) -> Result<()> {
    let found = root.get("schema").ok_or(Error::Schema { found: "(none)".into() })?;
    if found.as_u64() == Some(u64::from(SCHEMA_VERSION)) {
        Ok(())
    } else {
        Err(Error::Schema { found: found.to_string() })
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
                return Err(Error::Invalid {
                    path: o.field_path("previous"),
                    reason: "a period cannot be its own previous period".into(),
                });
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

/// Reads `{period: value}` into a per-period vector.
fn per_period<T>(
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
            if !raw.is_null() {
                *slot = Some(read(raw, &path)?);
            }
        }
    }
    Ok(out)
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
                return Err(Error::Invalid {
                    path: o.field_path("values"),
                    reason: "a series over projects has no values of its own; they come from the projects".into(),
                });
            }
            SeriesKind::Projects(Query::read(o.req("projects")?, &o.field_path("projects"), projects)?)
        }
        Some(_) => {
            let parts = series_refs(&o, "sum", series)?;
            if parts.is_empty() {
                return Err(Error::Empty { path: o.field_path("sum") });
            }
            if o.get("values").is_some() {
                return Err(Error::Invalid {
                    path: o.field_path("values"),
                    reason: "a series that is a sum has no values of its own".into(),
                });
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
                    return Err(Error::Invalid {
                        path: index(&join(&index("series", i), "sum"), k),
                        reason: format!("cannot add {part_unit} to a sum in {}", s.unit),
                    });
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
            return Err(Error::Invalid { path: cpath, reason: "a series cannot be part of its own breakdown".into() });
        }
        if children.iter().take(k).any(|&x| x == c) {
            return Err(Error::DuplicateId { path: cpath, id: series.get(c).map_or("?", |s| &s.id).to_owned() });
        }
        let unit = series.get(c).map_or("", |s| s.unit.as_str());
        if unit != parent_unit {
            return Err(Error::Invalid {
                path: cpath,
                reason: format!("cannot add {unit} to a total in {parent_unit}"),
            });
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

fn read_notes(root: &Obj<'_>) -> Result<Vec<Labels>> {
    root.opt_array("notes")?.iter().enumerate().map(|(i, v)| labels_from(&Obj::new(v, &index("notes", i))?)).collect()
}

impl Plan {
    /// The plan as a schema-1 document, with `inputs` (a scenario's figures) in place of the plan's own when given.
    /// Loading the result gives back the same plan.
    pub fn to_document(&self, inputs: Option<&[Vec<Option<Exact>>]>, projects: Option<&ProjectValues>) -> Value {
        self.document(inputs, projects, true)
    }

    /// The plan as a document without its project list: what a page needs to lay itself out, small at any size.
    pub fn outline(&self) -> Value {
        self.document(None, None, false)
    }

    fn document(&self, inputs: Option<&[Vec<Option<Exact>>]>, projects: Option<&ProjectValues>, list: bool) -> Value {
        use serde_json::{json, Map};
        let labels = |l: &Labels| serde_json::to_value(l).unwrap_or(Value::Null);
        let sid = |s: usize| Value::String(self.series_id(s).to_owned());
        let per_period = |vals: &[Option<String>]| -> Value {
            let mut m = Map::new();
            for (p, v) in vals.iter().enumerate() {
                if let Some(v) = v {
                    m.insert(self.period_id(p).to_owned(), Value::String(v.clone()));
                }
            }
            Value::Object(m)
        };
        let periods: Vec<Value> = self
            .periods
            .iter()
            .map(|p| {
                let mut o = json!({"id": p.id, "label": labels(&p.label), "kind": p.kind});
                if let (Some(q), Value::Object(m)) = (p.previous, &mut o) {
                    m.insert("previous".into(), Value::String(self.period_id(q).to_owned()));
                }
                o
            })
            .collect();
        let series: Vec<Value> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut o = Map::new();
                o.insert("id".into(), json!(s.id));
                o.insert("label".into(), labels(&s.label));
                if s.unit != self.unit {
                    o.insert("unit".into(), json!(s.unit));
                }
                if let Some(w) = s.within {
                    o.insert("within".into(), sid(w));
                }
                if s.allow_negative {
                    o.insert("allow_negative".into(), json!(true));
                }
                match &s.kind {
                    SeriesKind::Sum(parts) => {
                        o.insert("sum".into(), Value::Array(parts.iter().map(|&p| sid(p)).collect()));
                    }
                    SeriesKind::Projects(q) => {
                        o.insert("projects".into(), json!({"field": q.field.name(), "where": q.filter.text}));
                    }
                    SeriesKind::Input => {
                        let row = inputs.and_then(|x| x.get(i)).unwrap_or(&s.values);
                        let texts: Vec<Option<String>> = row.iter().map(|v| v.as_ref().map(exact_text)).collect();
                        o.insert("values".into(), per_period(&texts));
                    }
                }
                if s.growth.iter().any(Option::is_some) {
                    let texts: Vec<Option<String>> =
                        s.growth.iter().map(|g| g.map(|g| g.normalize().to_string())).collect();
                    o.insert("growth".into(), per_period(&texts));
                }
                if let Some(n) = &s.note {
                    o.insert("note".into(), labels(n));
                }
                Value::Object(o)
            })
            .collect();
        let breakdowns: Vec<Value> = self
            .breakdowns
            .iter()
            .map(|b| {
                json!({"id": b.id, "label": labels(&b.label), "parent": sid(b.parent),
                       "children": b.children.iter().map(|&c| sid(c)).collect::<Vec<_>>(), "complete": b.complete})
            })
            .collect();
        let targets: Vec<Value> = self
            .targets
            .iter()
            .map(|t| {
                let mut o = json!({"id": t.id, "label": labels(&t.label), "indicator": t.indicator.to_document(self),
                    "period": self.period_id(t.period), "cmp": t.cmp, "value": t.value.normalize().to_string(), "soft": t.soft});
                if let Value::Object(m) = &mut o {
                    if let Some(tol) = t.tolerance {
                        m.insert("tolerance".into(), json!(tol.normalize().to_string()));
                    }
                    if let Some(text) = &t.source_text {
                        m.insert("source_text".into(), json!(text));
                    }
                }
                o
            })
            .collect();
        let mut doc = json!({
            "schema": SCHEMA_VERSION, "id": self.id, "title": labels(&self.title), "unit": self.unit,
            "baseline": self.baseline, "periods": periods, "series": series, "breakdowns": breakdowns,
            "targets": targets, "rounding": self.rounding, "notes": self.notes.iter().map(labels).collect::<Vec<_>>(),
        });
        if let Value::Object(m) = &mut doc {
            if let Some(r) = &self.region {
                m.insert("region".into(), labels(r));
            }
            if let Some(s) = &self.source {
                m.insert("source".into(), serde_json::to_value(s).unwrap_or(Value::Null));
            }
            if let Some(a) = &self.as_of {
                m.insert("as_of".into(), json!(a.date));
            }
            if let Some(values) =
                projects.or(self.projects.values.as_ref()).filter(|_| list && !self.projects.is_empty())
            {
                m.insert("projects".into(), Value::Array(self.projects_document(values)));
            }
        }
        doc
    }

    /// The project list as written in a plan document, with the given stages and amounts.
    fn projects_document(&self, values: &ProjectValues) -> Vec<Value> {
        use serde_json::{json, Map};
        let pr = &self.projects;
        pr.info
            .iter()
            .enumerate()
            .map(|(row, info)| {
                let mut o = Map::new();
                o.insert("id".into(), json!(info.id));
                o.insert("name".into(), json!(info.name));
                o.insert("sector".into(), json!(pr.sectors.name(info.sector)));
                o.insert("county".into(), json!(pr.counties.name(info.county)));
                o.insert("ownership".into(), json!(pr.ownerships.name(info.ownership)));
                o.insert("stage".into(), json!(pr.stages.name(values.stage.get(row).copied().unwrap_or(0))));
                let flags: Vec<&str> =
                    (0..32u32).filter(|b| info.flags & (1 << b) != 0).map(|b| pr.flags.name(b)).collect();
                if !flags.is_empty() {
                    o.insert("flags".into(), json!(flags));
                }
                if let Some(t) = values.amount(row, 0, Field::Total) {
                    o.insert("total".into(), json!(t.normalize().to_string()));
                }
                for field in [Field::Annual, Field::Completed] {
                    let mut m = Map::new();
                    for p in 0..self.periods.len() {
                        if let Some(v) = values.amount(row, p, field) {
                            m.insert(self.period_id(p).to_owned(), json!(v.normalize().to_string()));
                        }
                    }
                    if !m.is_empty() {
                        o.insert(field.name().into(), Value::Object(m));
                    }
                }
                Value::Object(o)
            })
            .collect()
    }
}

/// The exact text of a value: a decimal where it terminates, else a reduced fraction "p/q".
pub fn exact_text(v: &Exact) -> String {
    match (v.as_decimal(), v.fraction()) {
        (Some(d), _) => d.normalize().to_string(),
        (None, Some(f)) => f.to_string(),
        (None, None) => v.to_string(),
    }
}
