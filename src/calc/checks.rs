//! Consistency checks: warnings with stable codes and the ids they concern. Warnings never block a computation;
//! plans contain printing errors, and the calculator shows them rather than hiding or fixing them.

use super::grid::{Cell, Grid};
use super::indicator::Quantity;
use super::target::meets;
use crate::exact::Exact;
use crate::messages::{say, Arg::Same, Text};
use crate::model::indicator::{IndicatorSpec, Unit};
use crate::model::plan::{Baseline, Comparator, Labels, Plan, Target};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One finding, in three languages, with the figures behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The subject this warning belongs to (see [`Subject::key`]); an edit reports changes by subject.
    pub subject: String,
    /// Stable: `total.smaller_than_part`, `breakdown.exceeds_parent`, `breakdown.not_covered`,
    /// `share.parts_miss_target`, `target.conflict`, `growth.differs_from_levels`.
    pub code: String,
    /// The series, breakdown and target ids concerned.
    pub ids: Vec<String>,
    pub period: Option<String>,
    /// The figures the message cites, by name (`factor`, `sum`, `parent`, `value`, …).
    pub figures: Vec<(String, Quantity)>,
    /// The sentence, in zh-CN, zh-TW and en.
    #[serde(flatten)]
    pub text: Text,
}

struct Out<'a> {
    plan: &'a Plan,
    list: Vec<Warning>,
}

impl Out<'_> {
    fn q(&self, v: &Exact, unit: Unit, symbol: &str) -> Option<Quantity> {
        Quantity::new(v, unit, symbol, &self.plan.rounding)
    }
}

/// What one group of warnings is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A breakdown's children against its parent, summed.
    BreakdownSum(usize),
    /// One child of a breakdown larger than the parent: `(breakdown, child)`.
    PartOf(usize, usize),
    /// A cross-cutting series larger than the series it lies within.
    Within(usize),
    /// A series' published growth against its levels.
    Growth(usize),
    /// A share target at the plan's own figures.
    Share(usize),
    /// A combined growth target against its units' targets.
    Aggregate(usize),
    /// Targets that disagree (depends on no figure).
    Conflicts,
    /// Light rules that can give one month two colours (depends on no figure).
    Lights,
    /// A series followed month by month (the plan's `progress`, by index): months missing between figures, and
    /// cumulative figures below the month before.
    Months(usize),
}

impl Subject {
    /// A stable key naming the subject, e.g. `sum:sectors`, `part:sectors:industrial`, `share:industrial-share`.
    pub fn key(&self, plan: &Plan) -> String {
        let b = |i: usize| plan.breakdowns.get(i).map_or("?", |x| x.id.as_str());
        let t = |i: usize| plan.targets.get(i).map_or("?", |x| x.id.as_str());
        match *self {
            Subject::BreakdownSum(i) => format!("sum:{}", b(i)),
            Subject::PartOf(i, c) => format!("part:{}:{}", b(i), plan.series_id(c)),
            Subject::Within(s) => format!("within:{}", plan.series_id(s)),
            Subject::Growth(s) => format!("growth:{}", plan.series_id(s)),
            Subject::Share(i) => format!("share:{}", t(i)),
            Subject::Aggregate(i) => format!("aggregate:{}", t(i)),
            Subject::Conflicts => "conflicts".to_owned(),
            Subject::Lights => "lights".to_owned(),
            Subject::Months(i) => {
                format!("months:{}", plan.progress.get(i).map_or("?", |g| plan.series_id(g.done)))
            }
        }
    }
}

/// The warnings of one subject, as an edit reports them when they change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningGroup {
    pub subject: String,
    pub warnings: Vec<Warning>,
}

/// A check subject, the series it reads (an edit re-runs only the subjects it touches) and its key.
#[derive(Debug, Clone)]
pub struct SubjectEntry {
    pub subject: Subject,
    pub reads: Vec<usize>,
    pub key: String,
}

/// Every check subject of a plan, with the series each reads and its key. The element's build (without the `page`
/// feature) checks nothing: it shows no warnings, and leaving the checks and their sentences out keeps it within its
/// size budget.
pub fn subjects(plan: &Plan) -> Vec<SubjectEntry> {
    if !cfg!(feature = "page") {
        return Vec::new();
    }
    subject_list(plan)
        .into_iter()
        .map(|(subject, reads)| SubjectEntry { key: subject.key(plan), subject, reads })
        .collect()
}

fn subject_list(plan: &Plan) -> Vec<(Subject, Vec<usize>)> {
    let mut out = Vec::new();
    for (i, b) in plan.breakdowns.iter().enumerate() {
        let mut reads = vec![b.parent];
        reads.extend(&b.children);
        out.push((Subject::BreakdownSum(i), reads));
        out.extend(b.children.iter().map(|&c| (Subject::PartOf(i, c), vec![b.parent, c])));
    }
    for (s, series) in plan.series.iter().enumerate() {
        if let Some(w) = series.within {
            out.push((Subject::Within(s), vec![s, w]));
        }
        if series.growth.iter().any(Option::is_some) {
            out.push((Subject::Growth(s), vec![s]));
        }
    }
    for (t, target) in plan.targets.iter().enumerate() {
        match &target.indicator {
            IndicatorSpec::Share { part, whole } if plan.baseline == Baseline::PlanAsWritten => {
                let mut reads = vec![*part, *whole];
                for b in plan.breakdowns.iter().filter(|b| b.parent == *whole) {
                    reads.extend(&b.children);
                }
                out.push((Subject::Share(t), reads));
            }
            IndicatorSpec::AggregateGrowth { units } => out.push((Subject::Aggregate(t), units.clone())),
            _ => {}
        }
    }
    out.push((Subject::Conflicts, Vec::new()));
    out.push((Subject::Lights, Vec::new()));
    for (i, g) in plan.progress.iter().enumerate() {
        out.push((Subject::Months(i), vec![g.done]));
    }
    out
}

/// Runs the checks of one subject on the current figures; `key` is the subject's [`Subject::key`].
pub fn check_subject(plan: &Plan, grid: &Grid, baseline: &Grid, subject: Subject, key: &str) -> Vec<Warning> {
    if !cfg!(feature = "page") {
        return Vec::new();
    }
    let mut out = Out { plan, list: Vec::new() };
    let periods = 0..plan.periods.len();
    match subject {
        Subject::BreakdownSum(b) => periods.for_each(|p| breakdown_sum(&mut out, grid, b, p)),
        Subject::PartOf(b, c) => periods.for_each(|p| part_of(&mut out, grid, b, c, p)),
        Subject::Within(s) => periods.for_each(|p| cross_cutting(&mut out, grid, s, p)),
        Subject::Growth(s) => periods.for_each(|p| growth_vs_levels(&mut out, grid, s, p)),
        Subject::Share(t) => share_at_plan_figures(&mut out, grid, t),
        Subject::Aggregate(t) => unit_targets_vs_total(&mut out, grid, baseline, t),
        Subject::Conflicts => conflicting_targets(&mut out),
        Subject::Lights => two_light_rules(&mut out),
        Subject::Months(i) => months_followed(&mut out, grid, baseline, i),
    }
    for w in &mut out.list {
        key.clone_into(&mut w.subject);
    }
    out.list
}

/// Both forms of the yellow rule: a month behind by less than the band but below the fraction of time-progress (or the
/// other way round) is yellow by one and red by the other.
fn two_light_rules(out: &mut Out<'_>) {
    let rules = &out.plan.lights;
    let (Some(pp), Some(f)) = (rules.yellow_within_pp, rules.yellow_from_fraction) else { return };
    let (pp, f) = (pp.normalize().to_string(), f.normalize().to_string());
    out.list.push(Warning {
        subject: String::new(),
        code: "lights.two_rules".into(),
        ids: Vec::new(),
        period: None,
        figures: Vec::new(),
        text: say("lights.two_rules", &[("pp", Same(&pp)), ("fraction", Same(&f))]),
    });
}

/// A series followed month by month: a month without a figure between two with one (`months.gap`), and a cumulative
/// figure below the month before — a revision, kept as published (`months.revised`).
fn months_followed(out: &mut Out<'_>, grid: &Grid, baseline: &Grid, i: usize) {
    let plan = out.plan;
    let Some(g) = plan.progress.get(i) else { return };
    let months = super::project_months::months_of(plan, g.year);
    let figures: Vec<(usize, Option<Exact>)> = months.iter().map(|&(_, p)| (p, value(grid, g.done, p))).collect();
    let first = figures.iter().position(|f| f.1.is_some());
    let last = figures.iter().rposition(|f| f.1.is_some());
    let Some(series) = plan.series.get(g.done) else { return };
    let label = |p: usize| plan.periods.get(p).map(|x| x.label.arg());
    if let (Some(a), Some(b)) = (first, last) {
        let missing: Vec<usize> =
            figures.get(a..=b).unwrap_or(&[]).iter().filter(|f| f.1.is_none()).map(|f| f.0).collect();
        if !missing.is_empty() {
            let list = |lang: usize| {
                missing
                    .iter()
                    .filter_map(|&p| plan.periods.get(p))
                    .map(|x| match lang {
                        0 => x.label.zh_cn.clone(),
                        1 => x.label.zh_tw.clone().unwrap_or_else(|| x.label.zh_cn.clone()),
                        _ => x.label.en.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(if lang == 2 { ", " } else { "、" })
            };
            let (zh, tw, en) = (list(0), list(1), list(2));
            out.list.push(Warning {
                subject: String::new(),
                code: "months.gap".into(),
                ids: vec![series.id.clone()],
                period: missing.first().map(|&p| plan.period_id(p).to_owned()),
                figures: Vec::new(),
                text: say(
                    "months.gap",
                    &[
                        ("series", series.label.arg()),
                        ("months", crate::messages::Arg::Each { zh_cn: &zh, zh_tw: &tw, en: &en }),
                    ],
                ),
            });
        }
    }
    // Months with a figure whose growth has no base: no figure a year before and no published rate.
    let ctx = super::indicator::Ctx { plan, grid, baseline, shift: None };
    let no_base: Vec<usize> = figures
        .iter()
        .filter(|f| f.1.is_some())
        .filter(|f| {
            matches!(
                IndicatorSpec::Growth { series: g.done }.evaluate(&ctx, f.0),
                Err(super::indicator::Gap::Undefined("no_base") | super::indicator::Gap::NoData(_))
            )
        })
        .map(|f| f.0)
        .collect();
    // (A label that cannot be made skips this warning only: the revisions below are still checked.)
    let span =
        no_base.first().zip(no_base.last()).and_then(|(&first, &last)| Some((first, label(first)?, label(last)?)));
    if let Some((first, a, b)) = span {
        out.list.push(Warning {
            subject: String::new(),
            code: "months.no_base".into(),
            ids: vec![series.id.clone()],
            period: Some(plan.period_id(first).to_owned()),
            figures: Vec::new(),
            text: say("months.no_base", &[("series", series.label.arg()), ("first", a), ("last", b)]),
        });
    }
    let mut before: Option<(usize, Exact)> = None;
    for &(p, v) in &figures {
        let Some(v) = v else { continue };
        if let Some((q, b)) = before {
            if v.cmp_exact(&b) == Some(Ordering::Less) {
                let (Some(now), Some(then)) = (label(p), label(q)) else { continue };
                let money = series.unit.as_str();
                let (vq, bq) = (out.q(&v, Unit::Amount, money), out.q(&b, Unit::Amount, money));
                let shown =
                    |x: &Option<Quantity>| x.as_ref().map_or(String::new(), |q| format!("{} {}", q.display, q.symbol));
                let (vs, bs) = (shown(&vq), shown(&bq));
                out.list.push(Warning {
                    subject: String::new(),
                    code: "months.revised".into(),
                    ids: vec![series.id.clone()],
                    period: Some(plan.period_id(p).to_owned()),
                    figures: named([("value", vq), ("before", bq)]),
                    text: say(
                        "months.revised",
                        &[
                            ("series", series.label.arg()),
                            ("month", now),
                            ("value", Same(&vs)),
                            ("previous", then),
                            ("before", Same(&bs)),
                        ],
                    ),
                });
            }
        }
        before = Some((p, v));
    }
}

/// Runs every check on the current figures.
pub fn check(plan: &Plan, grid: &Grid, baseline: &Grid) -> Vec<Warning> {
    subjects(plan).iter().flat_map(|e| check_subject(plan, grid, baseline, e.subject, &e.key)).collect()
}

/// The figures a message cites, by name, leaving out those that could not be computed.
fn named<const N: usize>(list: [(&str, Option<Quantity>); N]) -> Vec<(String, Quantity)> {
    list.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v))).collect()
}

fn value(grid: &Grid, s: usize, p: usize) -> Option<Exact> {
    match grid.get(s, p) {
        Cell::Value(v) => Some(v),
        _ => None,
    }
}

fn gt(a: &Exact, b: &Exact) -> bool {
    a.cmp_exact(b) == Some(Ordering::Greater)
}

fn part_of(out: &mut Out<'_>, grid: &Grid, b: usize, c: usize, p: usize) {
    let Some(bd) = out.plan.breakdowns.get(b) else { return };
    let (Some(parent), Some(v)) = (value(grid, bd.parent, p), value(grid, c, p)) else { return };
    if gt(&v, &parent) {
        let period = out.plan.period_id(p).to_owned();
        part_exceeds(out, bd.parent, c, &parent, &v, &period);
    }
}

fn breakdown_sum(out: &mut Out<'_>, grid: &Grid, i: usize, p: usize) {
    let plan = out.plan;
    let period = plan.period_id(p).to_owned();
    if let Some(b) = plan.breakdowns.get(i) {
        let Some(parent) = value(grid, b.parent, p) else { return };
        let unit = plan.series.get(b.parent).map_or(&plan.unit, |s| &s.unit);
        let parent_id = plan.series_id(b.parent);
        let parent_name = plan.series.get(b.parent).map(|s| &s.label);
        // Only when every item has a figure (and their total fits in a decimal).
        let Some(sum) = grid.children_sum(i, p).value() else { return };
        let (Some(sum_q), Some(parent_q)) = (out.q(&sum, Unit::Amount, unit), out.q(&parent, Unit::Amount, unit))
        else {
            return;
        };
        let name = parent_name.map_or(Same(""), Labels::arg);
        if gt(&sum, &parent) {
            let factor = sum.checked_div(&parent).and_then(|f| out.q(&f, Unit::Times, "×"));
            let f: &str = factor.as_ref().map_or("", |q| &q.display);
            out.list.push(Warning {
                subject: String::new(),
                code: "breakdown.exceeds_parent".into(),
                ids: vec![b.id.clone(), parent_id.to_owned()],
                period: Some(period.clone()),
                text: say(
                    "breakdown.exceeds_parent",
                    &[
                        ("parent", name),
                        ("sum", Same(&sum_q.display)),
                        ("total", Same(&parent_q.display)),
                        ("factor", Same(f)),
                    ],
                ),
                figures: named([("sum", Some(sum_q)), ("parent", Some(parent_q)), ("factor", factor)]),
            });
        } else if b.complete && gt(&parent, &sum) {
            let gap = parent.checked_sub(&sum).and_then(|g| out.q(&g, Unit::Amount, unit));
            let g: &str = gap.as_ref().map_or("", |q| &q.display);
            out.list.push(Warning {
                subject: String::new(),
                code: "breakdown.not_covered".into(),
                ids: vec![b.id.clone(), parent_id.to_owned()],
                period: Some(period.clone()),
                text: say(
                    "breakdown.not_covered",
                    &[
                        ("parent", name),
                        ("sum", Same(&sum_q.display)),
                        ("total", Same(&parent_q.display)),
                        ("gap", Same(g)),
                    ],
                ),
                figures: named([("sum", Some(sum_q)), ("parent", Some(parent_q)), ("gap", gap)]),
            });
        }
    }
}

/// A total smaller than one of its parts, with the factor (91× points at dropped digits or a unit slip).
fn part_exceeds(out: &mut Out<'_>, whole: usize, part: usize, w: &Exact, v: &Exact, period: &str) {
    let plan = out.plan;
    let unit = plan.series.get(whole).map_or(&plan.unit, |s| &s.unit);
    let factor = v.checked_div(w).and_then(|f| out.q(&f, Unit::Times, "×"));
    let (Some(vq), Some(wq)) = (out.q(v, Unit::Amount, unit), out.q(w, Unit::Amount, unit)) else { return };
    let f: &str = factor.as_ref().map_or("∞", |q| &q.display);
    let label = |s: usize| plan.series.get(s).map(|x| &x.label);
    let (Some(wl), Some(pl)) = (label(whole), label(part)) else { return };
    out.list.push(Warning {
        subject: String::new(),
        code: "total.smaller_than_part".into(),
        ids: vec![plan.series_id(whole).to_owned(), plan.series_id(part).to_owned()],
        period: Some(period.to_owned()),
        text: say(
            "total.smaller_than_part",
            &[
                ("whole", wl.arg()),
                ("total", Same(&wq.display)),
                ("part", pl.arg()),
                ("value", Same(&vq.display)),
                ("factor", Same(f)),
            ],
        ),
        figures: named([("whole", Some(wq)), ("part", Some(vq)), ("factor", factor)]),
    });
}

fn cross_cutting(out: &mut Out<'_>, grid: &Grid, s: usize, p: usize) {
    let period = out.plan.period_id(p).to_owned();
    let Some(w) = out.plan.series.get(s).and_then(|x| x.within) else { return };
    if let (Some(v), Some(wv)) = (value(grid, s, p), value(grid, w, p)) {
        if gt(&v, &wv) {
            part_exceeds(out, w, s, &wv, &v, &period);
        }
    }
}

/// A published growth rate that is not the ratio of the published levels: the comparable basis (可比口径).
fn growth_vs_levels(out: &mut Out<'_>, grid: &Grid, s: usize, p: usize) {
    let plan = out.plan;
    let Some(q) = plan.periods.get(p).and_then(|x| x.previous) else { return };
    if let Some(series) = plan.series.get(s) {
        let Some(g) = series.growth.get(p).copied().flatten() else { return };
        let (Some(cur), Some(prev)) = (value(grid, s, p), value(grid, s, q)) else { return };
        let Some(ratio) = cur
            .checked_div(&prev)
            .and_then(|r| r.checked_sub(&Exact::ONE))
            .and_then(|r| r.checked_mul(&Exact::HUNDRED))
        else {
            return;
        };
        if ratio == Exact::from(g) {
            return;
        }
        let (Some(rq), Some(gq)) = (out.q(&ratio, Unit::Percent, "%"), out.q(&Exact::from(g), Unit::Percent, "%"))
        else {
            return;
        };
        out.list.push(Warning {
            subject: String::new(),
            code: "growth.differs_from_levels".into(),
            ids: vec![series.id.clone()],
            period: Some(plan.period_id(p).to_owned()),
            text: say(
                "growth.differs_from_levels",
                &[("series", series.label.arg()), ("published", Same(&gq.display)), ("levels", Same(&rq.display))],
            ),
            figures: vec![("published".into(), gq), ("from_levels".into(), rq)],
        });
    }
}

/// A share target that the plan's own figures cannot meet: part ÷ whole, and part ÷ Σ of each breakdown of the whole.
fn share_at_plan_figures(out: &mut Out<'_>, grid: &Grid, target: usize) {
    let plan = out.plan;
    if let Some(t) = plan.targets.get(target) {
        let IndicatorSpec::Share { part, whole } = t.indicator else { return };
        let p = t.period;
        let Some(a) = value(grid, part, p) else { return };
        let mut wholes: Vec<(String, Option<Exact>)> = vec![(plan.series_id(whole).to_owned(), value(grid, whole, p))];
        for (i, b) in plan.breakdowns.iter().enumerate().filter(|(_, b)| b.parent == whole) {
            wholes.push((b.id.clone(), grid.children_sum(i, p).value()));
        }
        for (id, w) in wholes {
            let Some(w) = w.filter(|w| !w.is_zero()) else { continue };
            let Some(share) = a.checked_mul(&Exact::HUNDRED).and_then(|x| x.checked_div(&w)) else { continue };
            if meets(t, &share) != Some(false) {
                continue;
            }
            let Some(sq) = out.q(&share, Unit::Percent, "%") else { continue };
            let tq = t.value.normalize();
            let tq = tq.to_string();
            // Measured against the plan's own figures, or against the items' total.
            let (key, items) = if id != plan.series_id(whole) {
                ("share.items_miss_target", id.as_str())
            } else {
                ("share.parts_miss_target", "")
            };
            let text = say(
                key,
                &[("items", Same(items)), ("target", t.label.arg()), ("value", Same(&sq.display)), ("goal", Same(&tq))],
            );
            out.list.push(Warning {
                subject: String::new(),
                code: "share.parts_miss_target".into(),
                ids: vec![t.id.clone(), plan.series_id(part).to_owned(), id.clone()],
                period: Some(plan.period_id(p).to_owned()),
                text,
                figures: vec![("value".into(), sq)],
            });
        }
    }
}

/// A combined growth target set beside targets for each unit: the units' targets reach it only with the right
/// base weights (Wuzhong: 10% and 12% give 11% only if the 12% group holds at least half the base).
fn unit_targets_vs_total(out: &mut Out<'_>, grid: &Grid, baseline: &Grid, target: usize) {
    let plan = out.plan;
    if let Some(t) = plan.targets.get(target) {
        let IndicatorSpec::AggregateGrowth { units } = &t.indicator else { return };
        let goal = Exact::from(t.value);
        let unit_goals: Option<Vec<(usize, Exact)>> = units
            .iter()
            .map(|&u| {
                plan.targets
                    .iter()
                    .find(|x| x.period == t.period && x.indicator == IndicatorSpec::Growth { series: u })
                    .map(|x| (u, Exact::from(x.value)))
            })
            .collect();
        let Some(unit_goals) = unit_goals else { return };
        // With the bases known: the combined growth if every unit lands exactly on its own target.
        let bases: Option<Vec<Exact>> = units
            .iter()
            .map(|&u| {
                let ctx = super::indicator::Ctx { plan, grid, baseline, shift: None };
                ctx.base("B", u, t.period).ok().map(|b| b.value)
            })
            .collect();
        if let Some(bases) = bases {
            let total = bases.iter().try_fold(Exact::ZERO, |a, b| a.checked_add(b));
            let weighted =
                unit_goals.iter().zip(&bases).try_fold(Exact::ZERO, |a, ((_, g), b)| a.checked_add(&g.checked_mul(b)?));
            let Some(implied) = total.zip(weighted).and_then(|(tb, w)| w.checked_div(&tb)) else { return };
            if meets(t, &implied) == Some(false) {
                let Some(q) = out.q(&implied, Unit::Percent, "%") else { return };
                out.list.push(Warning {
                    subject: String::new(),
                    code: "aggregate.units_miss_total".into(),
                    ids: vec![t.id.clone()],
                    period: Some(plan.period_id(t.period).to_owned()),
                    text: say(
                        "aggregate.units_miss_total",
                        &[
                            ("target", t.label.arg()),
                            ("value", Same(&q.display)),
                            ("goal", Same(&t.value.normalize().to_string())),
                        ],
                    ),
                    figures: vec![("implied".into(), q)],
                });
            }
            return;
        }
        // Without bases: the share of the base the higher-target units must hold, when there are two levels.
        let mut levels: Vec<Exact> = Vec::new();
        for (_, g) in &unit_goals {
            if !levels.iter().any(|x| x == g) {
                levels.push(*g);
            }
        }
        let ([a, b], true) = (levels.as_slice(), levels.len() == 2) else { return };
        let (low, high) = if gt(a, b) { (b, a) } else { (a, b) };
        if !(gt(&goal, low) && gt(high, &goal)) {
            return;
        }
        let need = goal
            .checked_sub(low)
            .and_then(|a| a.checked_div(&high.checked_sub(low)?))
            .and_then(|w| w.checked_mul(&Exact::HUNDRED));
        let Some(q) = need.and_then(|w| out.q(&w, Unit::Percent, "%")) else { return };
        let high_ids: Vec<String> =
            unit_goals.iter().filter(|(_, g)| g == high).map(|(u, _)| plan.series_id(*u).to_owned()).collect();
        out.list.push(Warning {
            subject: String::new(),
            code: "aggregate.needs_weight".into(),
            ids: std::iter::once(t.id.clone()).chain(high_ids).collect(),
            period: Some(plan.period_id(t.period).to_owned()),
            text: say(
                "aggregate.needs_weight",
                &[
                    ("low", Same(&low.to_string())),
                    ("high", Same(&high.to_string())),
                    ("share", Same(&q.display)),
                    ("target", t.label.arg()),
                    ("goal", Same(&t.value.normalize().to_string())),
                ],
            ),
            figures: vec![("min_share".into(), q)],
        });
    }
}

/// The values a target accepts, as a closed interval `(low, high)` (`None`: unbounded on that side).
fn accepted(t: &Target) -> (Option<Decimal>, Option<Decimal>) {
    match t.cmp {
        Comparator::AtLeast | Comparator::Reach => (Some(t.value), None),
        Comparator::AtMost => (None, Some(t.value)),
        Comparator::About => {
            let tol = t.tolerance.unwrap_or_default().abs();
            (t.value.checked_sub(tol), t.value.checked_add(tol))
        }
    }
}

/// Whether some value meets both targets: their intervals overlap (two floors or two ceilings always do).
fn can_meet_both(a: &Target, b: &Target) -> bool {
    let ((lo_a, hi_a), (lo_b, hi_b)) = (accepted(a), accepted(b));
    let below = |lo: Option<Decimal>, hi: Option<Decimal>| matches!((lo, hi), (Some(l), Some(h)) if l > h);
    !below(lo_a, hi_b) && !below(lo_b, hi_a)
}

fn conflicting_targets(out: &mut Out<'_>) {
    let targets = &out.plan.targets;
    for (i, a) in targets.iter().enumerate() {
        for b in targets.iter().skip(i + 1) {
            if a.indicator == b.indicator && a.period == b.period && !can_meet_both(a, b) {
                out.list.push(Warning {
                    subject: String::new(),
                    code: "target.conflict".into(),
                    ids: vec![a.id.clone(), b.id.clone()],
                    period: Some(out.plan.period_id(a.period).to_owned()),
                    text: say(
                        "target.conflict",
                        &[
                            ("a", a.label.arg()),
                            ("b", b.label.arg()),
                            ("first", Same(&a.value.normalize().to_string())),
                            ("second", Same(&b.value.normalize().to_string())),
                        ],
                    ),
                    figures: Vec::new(),
                });
            }
        }
    }
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
export interface Warning extends Text { subject: string; code: string; ids: string[]; period: string | null; figures: [string, Quantity][]; }
export interface WarningGroup { subject: string; warnings: Warning[]; }
"#;
