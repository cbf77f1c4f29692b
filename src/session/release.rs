//! A monthly release read by the bulletin reader (`readBulletin`, in the reader's build) matched to the plan: each
//! stated amount put to the series its subject names and the month it covers, in the series' unit, for the planner
//! to confirm before it is entered as that month's actual (`enterFigures`). Rates, shares and pp are not entered:
//! the plan computes them, and the release's own checks say whether they agree.

use super::Session;
use crate::messages::{say, Arg, Text};
use crate::model::plan::{PeriodKind, SeriesKind};
use crate::number::parse_decimal;
use serde::{Deserialize, Serialize};

/// A figure as the bulletin reader gives it (the fields used here).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ReleaseFigure {
    pub subject: String,
    pub kind: String,
    pub value: String,
    pub unit: String,
    pub period: String,
}

/// Where a figure of a release would go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseMatch {
    /// The series its subject names (an input the plan types), if any.
    pub series: Option<String>,
    /// The plan's period for its months ("2023-10"), if the plan has it.
    pub period: Option<String>,
    /// The amount in the series' unit (万元 ÷ 10,000 for a series in 亿元), exactly.
    pub value: Option<String>,
    /// The series' figure for that month now.
    pub current: Option<String>,
    /// Whether to enter it: an amount, matched, for a month of the plan, different from the figure now.
    pub enter: bool,
    /// Why it is not entered: `release.not_amount`, `release.no_series`, `release.no_period`, `release.unit`,
    /// `release.same`.
    pub code: Option<&'static str>,
    pub note: Option<Text>,
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）')).collect::<String>().to_lowercase()
}

/// The scope words a release puts before a subject ("全市固定资产投资" for a series labelled 固定资产投资).
const SCOPES: [&str; 6] = ["全市", "全县", "全区", "全省", "全州", "全盟"];

impl Session {
    /// Each figure of a release matched to the plan (see [`ReleaseMatch`]), in the order given.
    pub fn match_release(&self, figures: &[ReleaseFigure]) -> Vec<ReleaseMatch> {
        figures.iter().map(|f| self.match_figure(f)).collect()
    }

    fn match_figure(&self, f: &ReleaseFigure) -> ReleaseMatch {
        let plan = &self.plan;
        let mut m = ReleaseMatch {
            series: None,
            period: None,
            value: None,
            current: None,
            enter: false,
            code: None,
            note: None,
        };
        let why = |m: &mut ReleaseMatch, code: &'static str, args: &[(&str, Arg<'_>)]| {
            m.code = Some(code);
            m.note = Some(say(code, args));
        };
        let s = self.series_named(&f.subject);
        m.series = s.map(|s| plan.series_id(s).to_owned());
        let p = self.month_period(&f.period);
        m.period = p.map(|p| plan.period_id(p).to_owned());
        if f.kind != "level" {
            why(&mut m, "release.not_amount", &[]);
            return m;
        }
        let (Some(s), Some(p)) = (s, p) else {
            if s.is_none() {
                why(&mut m, "release.no_series", &[("subject", Arg::Same(&f.subject))]);
            } else {
                why(&mut m, "release.no_period", &[("period", Arg::Same(&f.period))]);
            }
            return m;
        };
        let unit = plan.series.get(s).map_or("", |x| x.unit.as_str());
        let Ok(d) = parse_decimal(&f.value, "value") else {
            why(&mut m, "release.unit", &[("unit", Arg::Same(&f.unit)), ("series", Arg::Same(unit))]);
            return m;
        };
        let value = match (f.unit.as_str(), unit) {
            (a, b) if a == b => Some(d),
            ("万元", "亿元") => d.checked_div(rust_decimal::Decimal::from(10_000)),
            ("亿元", "万元") => d.checked_mul(rust_decimal::Decimal::from(10_000)),
            _ => None,
        };
        let Some(value) = value else {
            why(&mut m, "release.unit", &[("unit", Arg::Same(&f.unit)), ("series", Arg::Same(unit))]);
            return m;
        };
        let value = value.normalize().to_string();
        m.current = self.grid.get(s, p).value().and_then(|v| v.to_decimal()).map(|v| v.normalize().to_string());
        if m.current.as_deref() == Some(value.as_str()) {
            why(&mut m, "release.same", &[]);
        } else {
            m.enter = true;
        }
        m.value = Some(value);
        m
    }

    /// The plan's month period for a release's months: "2023-10" as it is; "1-10" (a release that names no year) in
    /// the year the plan follows month by month, or the only year whose month 10 the plan has.
    fn month_period(&self, period: &str) -> Option<usize> {
        let plan = &self.plan;
        let is_month = |id: &str| plan.periods.iter().position(|x| x.id == id && x.kind == PeriodKind::Month);
        if let Some(p) = is_month(period) {
            return Some(p);
        }
        let month: u32 = period.strip_prefix("1-")?.parse().ok()?;
        let suffix = format!("-{month:02}");
        if let Some(p) = plan.progress.iter().find_map(|g| is_month(&format!("{}{suffix}", plan.period_id(g.year)))) {
            return Some(p);
        }
        let mut candidates =
            plan.periods.iter().enumerate().filter(|(_, x)| x.kind == PeriodKind::Month && x.id.ends_with(&suffix));
        match (candidates.next(), candidates.next()) {
            (Some((p, _)), None) => Some(p),
            _ => None,
        }
    }

    /// The input series a release's subject names: a label (any language) equal to it, or — after the scope word
    /// (全市 …) — the longest label it begins or ends with; among equals, one the plan follows month by month.
    fn series_named(&self, subject: &str) -> Option<usize> {
        let plan = &self.plan;
        let subject = norm(subject);
        let bare = SCOPES.iter().find_map(|w| subject.strip_prefix(w)).unwrap_or(&subject).to_owned();
        let followed = |s: usize| plan.progress.iter().any(|g| g.done == s);
        let mut best: Option<(usize, usize, bool)> = None;
        for (s, series) in plan.series.iter().enumerate() {
            if !matches!(series.kind, SeriesKind::Input) {
                continue;
            }
            let labels =
                [Some(&series.label.zh_cn), Some(&series.label.en), series.label.zh_tw.as_ref(), Some(&series.id)];
            for label in labels.into_iter().flatten() {
                let l = norm(label);
                let l_bare = SCOPES.iter().find_map(|w| l.strip_prefix(w)).unwrap_or(&l).to_owned();
                if l_bare.is_empty() {
                    continue;
                }
                let score = if l == subject || l_bare == bare {
                    usize::MAX
                } else if bare.starts_with(&l_bare) || bare.ends_with(&l_bare) {
                    l_bare.len()
                } else {
                    continue;
                };
                let better = match best {
                    None => true,
                    Some((_, b, f)) => score > b || (score == b && followed(s) && !f),
                };
                if better {
                    best = Some((s, score, followed(s)));
                }
            }
        }
        best.map(|(s, _, _)| s)
    }
}
