//! Monthly progress (月度调度): a series' cumulative actuals month by month (1—2月, 1—3月 … as month periods
//! "2023-02", "2023-03" … of the plan) against its annual plan and time-progress, with a traffic light for each month.
//!
//! Per month m, exactly, rounded once at display:
//! completion = done ÷ annual plan × 100; time-progress = m ÷ 12 × 100; ahead (pp) = completion − time-progress;
//! growth = the published rate of the month, else done ÷ the same month a year before − 1 (comparable basis first);
//! its change since the month before (pp); the run-rate still needed = (plan − done) ÷ (12 − m); the year-end at the
//! current pace = done ÷ m × 12. A cumulative figure below the month before is a revision: kept, and flagged.
//!
//! Lights (the plan's `lights`, else the default): green when completion ≥ time-progress; yellow when behind by at
//! most `yellow_within_pp` (default 5), or while completion ≥ `yellow_from_fraction` × time-progress; red beyond;
//! `escalate_after` yellow months in a row turn red. Each light has
//! its word and a symbol: colour is never the only cue.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::calc::grid::Grid;
use crate::calc::indicator::{Ctx, Quantity, Sign};
use crate::exact::Exact;
use crate::messages::{month as month_arg, say, Arg, Text};
use crate::model::indicator::{IndicatorSpec, Unit};
use crate::model::plan::{LightRules, PeriodKind, Plan};

/// A month's light: its colour, a symbol that tells it without colour, and its word in three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Light {
    /// `green`, `yellow` or `red`.
    pub color: &'static str,
    pub symbol: &'static str,
    pub text: Text,
}

/// One month of a series' progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthRow {
    pub period: String,
    pub month: u32,
    pub done: Option<Quantity>,
    pub completion: Option<Quantity>,
    pub time_progress: Option<Quantity>,
    pub ahead: Option<Quantity>,
    pub growth: Option<Quantity>,
    pub growth_change: Option<Quantity>,
    /// The share of the whole it lies within (the plan's `progress` `whole`), %.
    pub share: Option<Quantity>,
    /// Its 拉动 of the whole's growth, pp.
    pub contribution: Option<Quantity>,
    pub run_rate: Option<Quantity>,
    pub year_end: Option<Quantity>,
    pub light: Option<Light>,
    /// The cumulative figure is below the month before's: a revision, kept as published.
    pub revised: bool,
}

/// A series the plan follows month by month, with its months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesProgress {
    pub done: String,
    pub plan: String,
    pub year: String,
    pub months: Vec<MonthRow>,
    /// What the month after the latest with a figure must bring: the cumulative amount on time-progress
    /// (annual plan × (M + 1) ÷ 12), that month's own share of it, and the run-rate to the annual plan, as a sentence.
    pub next: Option<Text>,
}

/// The month of period id "YYYY-MM" in `year`.
fn month_of(id: &str, year: &str) -> Option<u32> {
    let (y, m) = id.split_once('-')?;
    (y == year && m.len() == 2).then(|| m.parse().ok()).flatten().filter(|m| (1..=12).contains(m))
}

pub(crate) fn light(color: &'static str) -> Light {
    let symbol = match color {
        "green" => "●",
        "yellow" => "▲",
        _ => "■",
    };
    Light { color, symbol, text: say(&format!("light.{color}"), &[]) }
}

/// Behind by `ahead` (negative): yellow under every rule given — within the pp band, and completion at least the
/// fraction of time-progress — else red (the stricter colour where two rules disagree).
fn yellow_by_rules(
    ahead: Exact,
    completion: Option<Exact>,
    tp: Option<Exact>,
    band: Option<Decimal>,
    fraction: Option<Decimal>,
) -> bool {
    let within = band.is_none_or(|b| ahead.neg().cmp_exact(&Exact::from(b)) != Some(std::cmp::Ordering::Greater));
    let relative = fraction.is_none_or(|f| {
        let floor = tp.and_then(|t| t.checked_mul(&Exact::from(f)));
        completion.zip(floor).is_some_and(|(c, floor)| c.cmp_exact(&floor) != Some(std::cmp::Ordering::Less))
    });
    within && relative
}

/// What the month after the latest with a figure must bring for series `done` to be on time-progress against the
/// annual plan in `annual` ([`SeriesProgress::next`]); `None` before the first figure, after December, or without an
/// annual plan.
pub fn next_month(plan: &Plan, grid: &Grid, done: usize, annual: usize, year: &str, rows: &[MonthRow]) -> Option<Text> {
    let r = &plan.rounding;
    let money = plan.series.get(done).map_or(plan.unit.as_str(), |s| s.unit.as_str());
    let target = plan.period_index.get(year).and_then(|&p| grid.get(annual, p).value())?;
    let last = rows.iter().filter(|m| m.done.is_some()).max_by_key(|m| m.month)?;
    let next = last.month + 1;
    if next > 12 {
        return None;
    }
    let d = plan.period_index.get(&last.period).and_then(|&p| grid.get(done, p).value())?;
    let on_pace =
        target.checked_mul(&Exact::from(Decimal::from(next)))?.checked_div(&Exact::from(Decimal::from(12)))?;
    let in_month = on_pace.checked_sub(&d)?;
    let left = Exact::from(Decimal::from(12 - last.month));
    let run_rate = target.checked_sub(&d)?.checked_div(&left)?;
    let q = |v: &Exact| Quantity::new(v, Unit::Amount, money, r).map(|q| format!("{} {}", q.display, q.symbol));
    let unit = plan.series.get(done).map(|s| s.label.arg())?;
    let (on_pace, run_rate) = (q(&on_pace)?, q(&run_rate)?);
    let month = next.to_string();
    let args = [
        ("unit", unit),
        ("month", month_arg(&month)),
        ("on_pace", Arg::Same(&on_pace)),
        ("run_rate", Arg::Same(&run_rate)),
    ];
    if in_month.is_negative() {
        return Some(say("progress.next_ahead", &args));
    }
    let in_month = q(&in_month)?;
    let mut all = args.to_vec();
    all.push(("in_month", Arg::Same(&in_month)));
    Some(say("progress.next", &all))
}

/// Every month of `year` the plan has, for series `done` against the annual plan in series `annual`.
pub fn monthly(
    plan: &Plan,
    grid: &Grid,
    baseline: &Grid,
    done: usize,
    annual: usize,
    year: &str,
    whole: Option<usize>,
) -> Vec<MonthRow> {
    let r = &plan.rounding;
    let money = plan.series.get(done).map_or(plan.unit.as_str(), |s| s.unit.as_str());
    let target = plan.period_index.get(year).and_then(|&p| grid.get(annual, p).value());
    let mut months: Vec<(u32, usize)> = plan
        .periods
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PeriodKind::Month)
        .filter_map(|(i, p)| month_of(&p.id, year).map(|m| (m, i)))
        .collect();
    months.sort_unstable();
    let ctx = Ctx { plan, grid, baseline, shift: None };
    let hundred = Exact::HUNDRED;
    let twelve = Exact::from(Decimal::from(12));
    let rules = &plan.lights;
    let pp_band =
        rules.yellow_within_pp.or(rules.yellow_from_fraction.is_none().then(|| Decimal::from(LightRules::DEFAULT_PP)));
    let (mut before, mut last_growth, mut yellows): (Option<Exact>, Option<Exact>, u32) = (None, None, 0);
    let mut rows = Vec::with_capacity(months.len());
    for (m, p) in months {
        let em = Exact::from(Decimal::from(m));
        let tp = em.checked_mul(&hundred).and_then(|x| x.checked_div(&twelve));
        let d = grid.get(done, p).value();
        let completion =
            d.zip(target).and_then(|(d, a)| if a.is_zero() { None } else { d.checked_mul(&hundred)?.checked_div(&a) });
        let ahead = completion.zip(tp).and_then(|(c, t)| c.checked_sub(&t));
        let growth = IndicatorSpec::Growth { series: done }.evaluate(&ctx, p).ok().and_then(|e| e.frac.value());
        let growth_change = growth.zip(last_growth).and_then(|(g, l)| g.checked_sub(&l));
        // Within a whole (a county in the city): its share of the whole's cumulative figure, and its 拉动 of the
        // whole's growth, (done − base) ÷ whole's base × 100, exactly as the indicators compute them.
        let of_whole = |spec: IndicatorSpec| spec.evaluate(&ctx, p).ok().and_then(|e| e.frac.value());
        let share = whole.and_then(|w| of_whole(IndicatorSpec::Share { part: done, whole: w }));
        let contribution = whole.and_then(|w| of_whole(IndicatorSpec::Contribution { part: done, whole: w }));
        let left = 12 - m;
        let run_rate = (left > 0)
            .then(|| d.zip(target).and_then(|(d, a)| a.checked_sub(&d)?.checked_div(&Exact::from(Decimal::from(left)))))
            .flatten();
        let year_end = d.and_then(|d| d.checked_div(&em)?.checked_mul(&twelve));
        let revised = d.zip(before).is_some_and(|(d, b)| d.cmp_exact(&b) == Some(std::cmp::Ordering::Less));
        let light = ahead.map(|a| {
            if !a.is_negative() {
                yellows = 0;
                light("green")
            } else if yellow_by_rules(a, completion, tp, pp_band, rules.yellow_from_fraction) {
                yellows += 1;
                if rules.escalate_after.is_some_and(|n| yellows >= n) {
                    light("red")
                } else {
                    light("yellow")
                }
            } else {
                yellows = 0;
                light("red")
            }
        });
        let qa = |v: Option<Exact>| v.and_then(|v| Quantity::new(&v, Unit::Amount, money, r));
        let qp = |v: Option<Exact>| v.and_then(|v| Quantity::new(&v, Unit::Percent, "%", r));
        let qpp = |v: Option<Exact>| v.and_then(|v| Quantity::new(&v, Unit::Pp, "pp", r));
        rows.push(MonthRow {
            period: plan.period_id(p).to_owned(),
            month: m,
            done: qa(d),
            completion: qp(completion),
            time_progress: qp(tp),
            ahead: qpp(ahead),
            growth: qp(growth),
            growth_change: qpp(growth_change),
            share: qp(share),
            contribution: qpp(contribution),
            run_rate: qa(run_rate),
            year_end: qa(year_end),
            light,
            revised,
        });
        before = d.or(before);
        last_growth = growth.or(last_growth);
    }
    rows
}

/// The TypeScript declarations of this module's results.
pub const TYPESCRIPT: &str = r#"
/** A month's traffic light: colour, a symbol that tells it without colour, and its word. */
export interface Light { color: "green" | "yellow" | "red"; symbol: string; text: Text; }
/** One month of a series' progress against its annual plan and time-progress. */
/** Monthly progress as the page shows it, computed once: units, their ranking, the latest month's bulletin. */
export interface ProgressView { units: SeriesProgress[]; ranking: Ranked[]; bulletin: Text | null; bulletin_parts: { "zh-CN": BulletinPart[]; "zh-TW": BulletinPart[]; en: BulletinPart[] } | null; }
/** A piece of the bulletin: text, or a figure (`completion`, `ahead`, `growth`) of unit `done` in month `period`. */
export interface BulletinPart { text: string; figure?: string; done?: string; period?: string; }
/** A unit's place in a month's ranking by ahead/behind (1 = furthest ahead; ties share a place). */
export interface Ranked { rank: number; done: string; ahead: Quantity; light: Light | null; }
/** A series the plan follows month by month (the plan's `progress`). */
export interface SeriesProgress { done: string; plan: string; year: string; months: MonthRow[]; next: Text | null; }
export interface MonthRow {
  period: string; month: number; done: Quantity | null; completion: Quantity | null; time_progress: Quantity | null;
  ahead: Quantity | null; growth: Quantity | null; growth_change: Quantity | null; share: Quantity | null;
  contribution: Quantity | null; run_rate: Quantity | null;
  year_end: Quantity | null; light: Light | null; revised: boolean;
}
"#;

/// The month's bulletin (通报), written from the numbers in the established phrasing, in three languages: one
/// sentence per series followed (done, share of the annual plan, ahead of or behind time-progress, growth), then the
/// units by light. Every figure is the row's, rounded once by the plan's rule. `month`: the month to write (the
/// latest with a figure when `None`). `None` when no series has a figure that month.
pub fn bulletin(plan: &Plan, progress: &[SeriesProgress], month: Option<u32>) -> Option<Text> {
    written(plan, progress, month, false)
}

/// [`bulletin`] with each computed figure marked (`MARK_START` figure `MARK_FIELD` unit `MARK_FIELD` period
/// `MARK_TEXT` the number `MARK_END`), for [`parts`] to cut into plain text and figures that open their explanation.
fn written(plan: &Plan, progress: &[SeriesProgress], month: Option<u32>, marked: bool) -> Option<Text> {
    let month = month.or_else(|| {
        progress.iter().flat_map(|g| g.months.iter().filter(|m| m.done.is_some()).map(|m| m.month)).max()
    })?;
    let name = |id: &str| plan.series_index.get(id).and_then(|&s| plan.series.get(s)).map(|s| s.label.arg());
    let mut parts: Vec<Text> = Vec::new();
    let mut lit: [Vec<Arg<'_>>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for g in progress {
        let Some(row) = g.months.iter().find(|m| m.month == month && m.done.is_some()) else { continue };
        let Some(who) = name(&g.done) else { continue };
        let shown =
            |q: &Option<Quantity>| q.as_ref().map_or(String::new(), |q| q.display.trim_start_matches('-').to_owned());
        let done = row.done.as_ref().map_or(String::new(), |q| format!("{} {}", q.display, q.symbol));
        let behind = row.ahead.as_ref().is_some_and(|a| a.sign == Sign::Negative);
        let key = if behind { "bulletin.unit_behind" } else { "bulletin.unit_ahead" };
        let mark = |figure: &str, text: String| {
            if marked {
                format!(
                    "{MARK_START}{figure}{MARK_FIELD}{}{MARK_FIELD}{}{MARK_TEXT}{text}{MARK_END}",
                    g.done, row.period
                )
            } else {
                text
            }
        };
        let (c, e) = (mark("completion", shown(&row.completion)), mark("ahead", shown(&row.ahead)));
        let mut t = say(
            key,
            &[("unit", who), ("done", Arg::Same(&done)), ("completion", Arg::Same(&c)), ("gap", Arg::Same(&e))],
        );
        if let Some(g) = row.growth.as_ref() {
            let growth = say("bulletin.growth", &[("growth", Arg::Same(&mark("growth", g.display.clone())))]);
            t = join_text(&t, &growth, "");
        }
        parts.push(t);
        if let Some(l) = &row.light {
            let i = match l.color {
                "red" => 0,
                "yellow" => 1,
                _ => 2,
            };
            if let Some(list) = lit.get_mut(i) {
                list.push(who);
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    let m = month.to_string();
    let mut text = say("bulletin.opening", &[("month", month_arg(&m))]);
    for (i, p) in parts.iter().enumerate() {
        text = join_text(&text, p, if i == 0 { "" } else { "; " });
    }
    // The full stop after the units' sentences: punctuation, not a sentence of the catalogue.
    let stop = Text { zh_cn: "。".into(), zh_tw: "。".into(), en: ".".into() };
    text = join_text(&text, &stop, "");
    let [red, yellow, green] = &lit;
    for (key, units) in [("bulletin.red", red), ("bulletin.yellow", yellow), ("bulletin.green", green)] {
        if units.is_empty() {
            continue;
        }
        let list = |lang: usize| {
            units
                .iter()
                .map(|a| match (a, lang) {
                    (Arg::Each { zh_cn, .. }, 0) => (*zh_cn).to_owned(),
                    (Arg::Each { zh_tw, .. }, 1) => (*zh_tw).to_owned(),
                    (Arg::Each { en, .. }, _) => (*en).to_owned(),
                    (Arg::Same(s), _) => (*s).to_owned(),
                })
                .collect::<Vec<_>>()
                .join(if lang == 2 { ", " } else { "、" })
        };
        let (zh, tw, en) = (list(0), list(1), list(2));
        let names = Arg::Each { zh_cn: &zh, zh_tw: &tw, en: &en };
        text = join_text(&text, &say(key, &[("units", names)]), " ");
    }
    Some(text)
}

// Marks around a figure in a written bulletin: private-use characters, which no plan text holds.
const MARK_START: char = '\u{E000}';
const MARK_FIELD: char = '\u{E001}';
const MARK_TEXT: char = '\u{E002}';
const MARK_END: char = '\u{E003}';

/// A piece of the bulletin: plain text, or a figure with what opens its explanation (`explainMonth(done, period,
/// figure)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

/// The bulletin in pieces, per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parts {
    #[serde(rename = "zh-CN")]
    pub zh_cn: Vec<Part>,
    #[serde(rename = "zh-TW")]
    pub zh_tw: Vec<Part>,
    pub en: Vec<Part>,
}

/// A marked text cut into plain text and figures.
fn cut(text: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once(MARK_START) {
        if !before.is_empty() {
            out.push(Part { text: before.to_owned(), figure: None, done: None, period: None });
        }
        let Some((inside, tail)) = after.split_once(MARK_END) else {
            rest = after;
            continue;
        };
        let (key, shown) = inside.split_once(MARK_TEXT).unwrap_or(("", inside));
        let mut fields = key.split(MARK_FIELD).map(str::to_owned);
        out.push(Part { text: shown.to_owned(), figure: fields.next(), done: fields.next(), period: fields.next() });
        rest = tail;
    }
    if !rest.is_empty() {
        out.push(Part { text: rest.to_owned(), figure: None, done: None, period: None });
    }
    out
}

/// The month's bulletin as plain text and in pieces whose figures open their explanation.
pub fn bulletin_with_parts(plan: &Plan, progress: &[SeriesProgress], month: Option<u32>) -> Option<(Text, Parts)> {
    let marked = written(plan, progress, month, true)?;
    let parts = Parts { zh_cn: cut(&marked.zh_cn), zh_tw: cut(&marked.zh_tw), en: cut(&marked.en) };
    let plain = |p: &[Part]| p.iter().map(|x| x.text.as_str()).collect::<String>();
    let text = Text { zh_cn: plain(&parts.zh_cn), zh_tw: plain(&parts.zh_tw), en: plain(&parts.en) };
    Some((text, parts))
}

/// `a` then `b`, with `between` in English (Chinese sentences run on without spaces).
fn join_text(a: &Text, b: &Text, between: &str) -> Text {
    let zh_sep = if between.trim() == ";" { "；" } else { "" };
    Text {
        zh_cn: format!("{}{zh_sep}{}", a.zh_cn, b.zh_cn),
        zh_tw: format!("{}{zh_sep}{}", a.zh_tw, b.zh_tw),
        en: format!("{}{between}{}", a.en, b.en),
    }
}

/// What the page shows of monthly progress, computed once: every unit's months, their ranking and the bulletin of
/// the latest month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressView {
    pub units: Vec<SeriesProgress>,
    pub ranking: Vec<Ranked>,
    pub bulletin: Option<Text>,
    /// The bulletin in pieces: each computed figure opens its explanation.
    pub bulletin_parts: Option<Parts>,
}

/// One unit's place in the month's ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranked {
    /// 1 for the furthest ahead of time-progress; units equally far share a place.
    pub rank: usize,
    pub done: String,
    pub ahead: Quantity,
    pub light: Option<Light>,
}

/// The units followed, ranked by how far ahead of (or behind) time-progress they are in `month` (the latest month
/// with figures when `None`), compared exactly before rounding; units without a figure that month are left out.
pub fn ranking(progress: &[SeriesProgress], month: Option<u32>) -> Vec<Ranked> {
    let Some(month) = month
        .or_else(|| progress.iter().flat_map(|g| g.months.iter().filter(|m| m.ahead.is_some()).map(|m| m.month)).max())
    else {
        return Vec::new();
    };
    let mut rows: Vec<(&SeriesProgress, &MonthRow)> = progress
        .iter()
        .filter_map(|g| g.months.iter().find(|m| m.month == month && m.ahead.is_some()).map(|m| (g, m)))
        .collect();
    let exact = |m: &MonthRow| m.ahead.as_ref().map(|q| q.exact);
    rows.sort_by(|a, b| exact(b.1).cmp(&exact(a.1)).then_with(|| a.0.done.cmp(&b.0.done)));
    let mut out: Vec<Ranked> = Vec::with_capacity(rows.len());
    for (i, (g, m)) in rows.iter().enumerate() {
        let Some(ahead) = m.ahead.clone() else { continue };
        let tied = out.last().filter(|prev| prev.ahead.exact == ahead.exact).map(|prev| prev.rank);
        out.push(Ranked { rank: tied.unwrap_or(i + 1), done: g.done.clone(), ahead, light: m.light.clone() });
    }
    out
}
