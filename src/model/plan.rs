//! The plan's types: labels, periods, series, breakdowns, targets, rounding. Read by [`crate::document`], computed
//! over by [`crate::calc`]; nothing here reads or computes.

use super::indicator::IndicatorSpec;
use super::projects::{Projects, Query};
use crate::exact::{Exact, TieRule};
use crate::messages::Arg;
use rust_decimal::Decimal;
use serde::Serialize;
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
    /// The label as a message argument, in each language (zh-TW falls back to zh-CN).
    pub fn arg(&self) -> Arg<'_> {
        Arg::Each { zh_cn: &self.zh_cn, zh_tw: self.zh_tw.as_deref().unwrap_or(&self.zh_cn), en: &self.en }
    }

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub id: String,
    pub label: Labels,
    pub kind: PeriodKind,
    /// The same period a year earlier (同比 base), by index, when the plan has it.
    pub previous: Option<usize>,
}

/// The date progress is measured at: 序时进度 = months elapsed ÷ 12.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// ISO date or year-month, as written in the plan.
    pub date: String,
    /// Whole months of the year elapsed at that date (end of September → 9).
    pub months: u32,
}

/// How a series gets its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriesKind {
    /// Figures given by the plan or typed by the user.
    Input,
    /// The sum of other series (indices), computed.
    Sum(Vec<usize>),
    /// The sum of a field over the projects matching a filter; follows the projects.
    Projects(Query),
}

/// A named figure with a value per period.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub id: String,
    pub label: Labels,
    /// 亿元, 万元, 亿美元, 个 …; the plan's unit unless stated. Series of different units are never summed.
    pub unit: String,
    pub kind: SeriesKind,
    /// The series this one lies within without being part of a breakdown (private within FAI), by index.
    pub within: Option<usize>,
    /// Whether the figure may be negative; amounts may not by default.
    pub allow_negative: bool,
    /// Input values by period index; `None` where the plan gives no figure (always `None` for sums).
    pub values: Vec<Option<Exact>>,
    /// Published year-on-year growth in % by period index (可比口径), stored as given.
    pub growth: Vec<Option<Decimal>>,
    /// The level each published growth rate was published with, by period index (`growth_level`).
    pub growth_level: Vec<PublishedLevel>,
    pub note: Option<Labels>,
}

/// The level a published growth rate was published with: what its comparable base (level ÷ (1 + g)) divides.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum PublishedLevel {
    /// The series' own figure in the plan (the usual case).
    #[default]
    Figure,
    /// A level given apart from the figure: a saved scenario changed the figure after the rate was published.
    Level(Exact),
    /// Published without a level (a saved scenario gave the figure one).
    Unknown,
}

/// Several series that lie within a parent: a sector list, a county list. A parent may have several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub id: String,
    pub label: Labels,
    pub parent: usize,
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The unit of a series that counts projects: shown without decimals.
pub const COUNT_UNIT: &str = "个";

/// A series followed month by month (its cumulative actuals in the month periods of `year`) against its annual plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub plan: usize,
    pub year: usize,
    /// The series `done` lies within (a county's city total), for its share and its 拉动 month by month.
    pub whole: Option<usize>,
}

/// The plan's rules for monthly traffic lights: green when completion ≥ time-progress; yellow when behind by at most
/// `yellow_within_pp` (the default rule, 5 pp), or — the relative form — while completion ≥ `yellow_from_fraction` ×
/// time-progress; red beyond; `escalate_after` yellow months in a row turn red. Both forms at once can give one month
/// two colours: a consistency warning (`lights.two_rules`), and the stricter colour is shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LightRules {
    pub yellow_within_pp: Option<Decimal>,
    pub yellow_from_fraction: Option<Decimal>,
    pub escalate_after: Option<u32>,
}

impl LightRules {
    /// The band of the default rule when neither form is given.
    pub const DEFAULT_PP: i64 = 5;
}

/// A scenario a plan document carries: its name and its edits to the baseline, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanScenario {
    pub name: String,
    pub edits: Vec<super::edit::Edit>,
}

/// A validated plan: the baseline figures and everything needed to compute from them.
#[derive(Debug, Clone, PartialEq)]
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
    /// How monthly progress is lit (月度调度's traffic lights).
    pub lights: LightRules,
    /// The series followed month by month: each with its annual plan and its year.
    pub progress: Vec<Progress>,
    /// Scenarios the plan comes with, opened beside its baseline (an illustrative one where statistics are not
    /// public): never part of the baseline.
    pub scenarios: Vec<PlanScenario>,
    /// The projects the plan tracks, if it lists them.
    pub projects: Projects,
    /// Series in an order where every sum comes after its parts.
    pub order: Vec<usize>,
    pub(crate) series_index: HashMap<String, usize>,
    pub(crate) period_index: HashMap<String, usize>,
}

impl Plan {
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
        // Who directly contains whom, found once: breakdown parents, `within` series and sums.
        let mut containers: Vec<Vec<usize>> = vec![Vec::new(); self.series.len()];
        let mut link = |part: usize, whole: usize| {
            if let Some(list) = containers.get_mut(part) {
                list.push(whole);
            }
        };
        for b in &self.breakdowns {
            for &c in &b.children {
                link(c, b.parent);
            }
        }
        for (i, x) in self.series.iter().enumerate() {
            if let Some(w) = x.within {
                link(i, w);
            }
            if let SeriesKind::Sum(parts) = &x.kind {
                for &part in parts {
                    link(part, i);
                }
            }
        }
        let mut seen = vec![false; self.series.len()];
        for &s in seeds {
            if let Some(flag) = seen.get_mut(s) {
                *flag = true;
            }
        }
        let (mut queue, mut inputs) = (seeds.to_vec(), Vec::new());
        while let Some(s) = queue.pop() {
            for &c in containers.get(s).into_iter().flatten() {
                if let Some(flag @ false) = seen.get_mut(c) {
                    *flag = true;
                    queue.push(c);
                    if matches!(self.series.get(c).map(|x| &x.kind), Some(SeriesKind::Input)) {
                        inputs.push(c);
                    }
                }
            }
        }
        inputs
    }
}

/// The distinct values of `items` below `bound`, ascending (values at or above it are no index and are dropped).
/// Marks and collects: linear, and it keeps the general sort, which is large, out of the wasm.
pub fn distinct_sorted(items: &[usize], bound: usize) -> Vec<usize> {
    let mut seen = vec![false; bound];
    for &i in items {
        if let Some(slot) = seen.get_mut(i) {
            *slot = true;
        }
    }
    seen.iter().enumerate().filter(|(_, s)| **s).map(|(i, _)| i).collect()
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
export interface Labels { "zh-CN": string; en: string; "zh-TW"?: string; }
/** A plan document, schema 1 (docs/plan-format.md). */
export interface PlanDocument { schema: 1; id: string; title: Labels; [key: string]: unknown; }
"#;
