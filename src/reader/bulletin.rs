//! The bulletin reader: a monthly release (月度调度通报, a statistics bureau's 1—M月 release) → the figures it states,
//! each with its subject and sentence, and every relation its own numbers allow, checked exactly with each published
//! figure taken as the interval its rounding allows (13.8 is anything in [13.75, 13.85]).
//!
//! Figures, by their cue: a level (亿元, 万元); growth (增长 / 下降 g%); completion (完成年度计划的 c%); a share
//! (占…比重 s%); the change of a cumulative rate since the last release (比1—8月提高 / 回落 d 个百分点); ahead of or
//! behind time-progress (超 / 慢于序时进度 e 个百分点); 拉动 (拉动…增长 p 个百分点). A clause without a subject of its
//! own takes the one before it in the sentence ("工业投资增长12%,占全部投资的35%,拉动…").
//!
//! Relations: ahead = completion − M ÷ 12 × 100; a share from two levels; 拉动 p = g × s₀ with
//! s₀ = s × (1 + G/100) ÷ (1 + g/100); the parts after 其中 against their total.

use rust_decimal::Decimal;
use serde::Serialize;

use super::grammar::{number, rfind, starts, text_of};
use super::periods::{self, Period};
use super::text::Clean;
use super::{Note, Unread};
use crate::messages::{say, Arg};

#[derive(Debug, Clone, Serialize)]
pub struct BulletinFigure {
    pub subject: String,
    /// `level`, `growth`, `completion`, `share`, `rate_change` (pp), `ahead` (pp; negative = behind) or
    /// `contribution` (拉动, pp).
    pub kind: &'static str,
    pub value: String,
    /// `亿元`, `万元`, `%` or `pp`.
    pub unit: &'static str,
    /// `2023-10` (months 1 to 10), or the year when the sentence names no months.
    pub period: String,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// The relation, in words and symbols: "工业投资: 超序时进度 = 完成率 − 10 ÷ 12 × 100".
    pub relation: String,
    /// The published figure and the interval its rounding allows.
    pub published: String,
    /// The interval the relation gives from the other figures' intervals.
    pub computed: String,
    /// False only when the two intervals do not meet: no values the published figures round from satisfy it.
    pub agrees: bool,
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bulletin {
    /// The last month of the release's 1—M月, when it names one.
    pub month: Option<u8>,
    pub figures: Vec<BulletinFigure>,
    pub checks: Vec<Check>,
    /// Sentences with numbers that gave no figure.
    pub unread: Vec<Unread>,
    pub notes: Vec<Note>,
}

const RISE: &[&str] = &["提高", "加快", "上升", "扩大", "回升"];
const FALL: &[&str] = &["回落", "下降", "放缓", "收窄", "降低"];

/// A figure as read from a clause, with the clause's place in the sentence.
#[derive(Clone)]
struct Raw {
    subject: String,
    kind: &'static str,
    value: Decimal,
    text: String,
    unit: &'static str,
    after_qizhong: bool,
}

/// Reads a release.
pub fn read_bulletin(text: &str) -> Bulletin {
    let clean = Clean::new(text);
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let mut month = None;
    let mut year = None;
    let mut figures = Vec::new();
    let mut checks = Vec::new();
    let mut unread = Vec::new();
    // The figures read so far, each with its sentence and month: relations may join figures of several sentences
    // (the city's growth in the first, a sector's 拉动 in the next).
    let mut all: Vec<(Raw, String, Option<u8>)> = Vec::new();
    // A release's sentence runs to 。: the items of a "其中" list are often parted by semicolons.
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in super::sentences(&clean) {
        match merged.last_mut() {
            Some(last) if clean.chars.get(last.end).is_some_and(|c| c.c == ';') => last.end = r.end,
            _ => merged.push(r),
        }
    }
    for range in merged {
        let s = clean.text_chars(range.clone());
        let (start, end) = clean.origin(range);
        let sentence = String::from_utf16_lossy(utf16.get(start..end).unwrap_or_default());
        let found = periods::find(&s);
        for f in &found {
            match f.period {
                Period::Months(y, m) => {
                    month = month.max(Some(m));
                    year = year.or(y);
                }
                Period::Year(y) if f.date => year = year.or(Some(y)),
                _ => {}
            }
        }
        let months =
            found.iter().find_map(|f| if let Period::Months(_, m) = f.period { Some(m) } else { None }).or(month);
        let (raws, loose) = read_sentence(&s, &found);
        if loose && raws.is_empty() {
            unread.push(Unread { sentence: sentence.clone(), start, end });
        }
        let period = match (year, months) {
            (Some(y), Some(m)) => format!("{y}-{m:02}"),
            (None, Some(m)) => format!("1-{m}"),
            (Some(y), None) => y.to_string(),
            (None, None) => String::new(),
        };
        checks.extend(parts_and_total(&raws, &sentence));
        all.extend(raws.iter().map(|r| (r.clone(), sentence.clone(), months)));
        figures.extend(raws.into_iter().map(|r| BulletinFigure {
            subject: r.subject,
            kind: r.kind,
            value: r.text,
            unit: r.unit,
            period: period.clone(),
            sentence: sentence.clone(),
            start,
            end,
        }));
    }
    checks.splice(0..0, relations(&all));
    let mut notes = Vec::new();
    if figures.is_empty() {
        let key = if clean.chars.iter().all(|c| c.c.is_whitespace()) { "reader.empty" } else { "bulletin.no_figures" };
        notes.push(Note { code: key, text: say(key, &[]) });
    } else {
        let disagree = checks.iter().filter(|c| !c.agrees).count().to_string();
        let (n, c) = (figures.len().to_string(), checks.len().to_string());
        notes.push(Note {
            code: "bulletin.read",
            text: say(
                "bulletin.read",
                &[("figures", Arg::Same(&n)), ("checks", Arg::Same(&c)), ("disagree", Arg::Same(&disagree))],
            ),
        });
    }
    Bulletin { month, figures, checks, unread, notes }
}

/// The figures of one sentence, and whether a number in it gave none.
fn read_sentence(s: &[char], found: &[periods::Found]) -> (Vec<Raw>, bool) {
    let mut out: Vec<Raw> = Vec::new();
    let mut loose = false;
    let mut clause_from = 0;
    let mut subject = String::new();
    let qizhong = rfind(s, s.len(), "其中");
    let mut i = 0;
    while i < s.len() {
        if let Some(p) = found.iter().find(|p| p.from <= i && i < p.to) {
            i = p.to;
            continue;
        }
        if matches!(s.get(i), Some(',' | ';')) {
            clause_from = i + 1;
        }
        let Some((digits, after)) = number(s, i) else {
            i += 1;
            continue;
        };
        let unit_of = |w: &str| starts(s, after, w);
        let (unit, len) = if unit_of("个百分点") {
            ("pp", 4)
        } else if unit_of("%") {
            ("%", 1)
        } else if unit_of("亿元") {
            ("亿元", 2)
        } else if unit_of("万元") {
            ("万元", 2)
        } else {
            loose |= !(s.get(after) == Some(&'.') && (i == 0 || s.get(i.wrapping_sub(1)) == Some(&'\n')));
            i = after;
            continue;
        };
        let Ok(mut value) = digits.parse::<Decimal>() else {
            i = after;
            continue;
        };
        let clause = s.get(clause_from..i).unwrap_or_default();
        let has = |w: &str| rfind(clause, clause.len(), w).is_some();
        let last_of = |ws: &[&str]| ws.iter().filter_map(|w| rfind(clause, clause.len(), w)).max();
        let kind = match unit {
            "亿元" | "万元" => "level",
            "pp" if has("拉动") => "contribution",
            "pp" if has("序时进度") || has("时序进度") => {
                if has("慢") || has("落后") || has("低于") {
                    value = -value;
                }
                "ahead"
            }
            "pp" => {
                if last_of(FALL) > last_of(RISE) {
                    value = -value;
                }
                "rate_change"
            }
            _ if has("完成年度计划") || has("完成率") => "completion",
            _ if has("占") || has("比重") => "share",
            _ => {
                if last_of(&["下降", "降低"]) > last_of(&["增长", "增速", "增幅"]) {
                    value = -value;
                }
                "growth"
            }
        };
        // The subject: the noun phrase opening the clause, before its first verb or cue; else the one before.
        let cut = [
            "完成", "增长", "同比", "下降", "占", "拉动", "比", "超", "慢", "快", "落后", "实现", "达到", "为", "累计",
        ]
        .iter()
        .filter_map(|w| (0..clause.len()).find(|&k| starts(clause, k, w)))
        .min()
        .unwrap_or(clause.len());
        let named = text_of(clause.get(..cut).unwrap_or_default());
        if !named.is_empty() && named.chars().count() <= 20 && !named.chars().any(|c| c.is_ascii_digit()) {
            subject = named;
        }
        let text = if value.is_sign_negative() { format!("-{digits}") } else { digits.clone() };
        if !subject.is_empty() {
            out.push(Raw {
                subject: subject.clone(),
                kind,
                value,
                text,
                unit,
                after_qizhong: qizhong.is_some_and(|q| q < i),
            });
        } else {
            loose = true;
        }
        i = after + len;
    }
    (out, loose)
}

/// A published figure's interval: its value ± half a unit of its last printed place.
fn interval(text: &str, value: Decimal) -> (Decimal, Decimal) {
    let places = text.split('.').nth(1).map_or(0, str::len) as u32;
    let half = Decimal::new(5, places + 1);
    (value - half, value + half)
}

fn show((lo, hi): (Decimal, Decimal)) -> String {
    let r = |d: Decimal| d.round_dp(4).normalize().to_string();
    format!("[{}, {}]", r(lo), r(hi))
}

fn meet(a: (Decimal, Decimal), b: (Decimal, Decimal)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Every relation between the release's figures: each figure's relation to those of its subject read before it (or
/// in its sentence), and to the release's headline (the first growth or level of another subject).
fn relations(all: &[(Raw, String, Option<u8>)]) -> Vec<Check> {
    let mut out = Vec::new();
    let hundred = Decimal::ONE_HUNDRED;
    for (n, (r, sentence, month)) in all.iter().enumerate() {
        let (month, sentence) = (*month, sentence.as_str());
        // The same subject's figure of `kind`: the nearest in the sentence or before it.
        let near = |subject: &str, kind: &str| {
            let same = |x: &&(Raw, String, Option<u8>)| x.0.subject == subject && x.0.kind == kind;
            all.iter()
                .take(n)
                .rev()
                .find(same)
                .or_else(|| all.iter().skip(n).filter(|x| x.1 == sentence).find(same))
                .map(|x| &x.0)
        };
        let headline = |kind: &str, unit: &str| {
            all.iter().map(|x| &x.0).find(|x| x.kind == kind && x.subject != r.subject && x.unit == unit)
        };
        let iv = interval(&r.text, r.value);
        // ahead = completion − M/12 × 100
        if let (Some(m), "ahead", Some(c)) = (month, r.kind, near(&r.subject, "completion")) {
            let tp = Decimal::from(m) * hundred / Decimal::from(12);
            let ci = interval(&c.text, c.value);
            let computed = (ci.0 - tp, ci.1 - tp);
            out.push(Check {
                relation: format!(
                    "{}: 超序时进度 = 完成率 − {m} ÷ 12 × 100 (ahead = completion − time-progress)",
                    r.subject
                ),
                published: format!("{} pp {}", r.text, show(iv)),
                computed: show(computed),
                agrees: meet(iv, computed),
                sentence: sentence.to_owned(),
            });
        }
        // 拉动 p = g × s × (100 + G) ÷ (100 × (100 + g)), G the whole's growth: the first growth of the sentence not r's.
        if r.kind == "contribution" {
            let g = near(&r.subject, "growth");
            let s = near(&r.subject, "share");
            let whole = headline("growth", "%");
            if let (Some(g), Some(s), Some(w)) = (g, s, whole) {
                let (gi, si, wi) = (interval(&g.text, g.value), interval(&s.text, s.value), interval(&w.text, w.value));
                let f =
                    |g: Decimal, s: Decimal, w: Decimal| (g * s * (hundred + w)).checked_div(hundred * (hundred + g));
                let corners: Vec<Decimal> = [gi.0, gi.1]
                    .iter()
                    .flat_map(|&g| {
                        [si.0, si.1].into_iter().flat_map(move |s| [wi.0, wi.1].into_iter().map(move |w| (g, s, w)))
                    })
                    .filter_map(|(g, s, w)| f(g, s, w))
                    .collect();
                if let (Some(lo), Some(hi)) = (corners.iter().min(), corners.iter().max()) {
                    let computed = (*lo, *hi);
                    out.push(Check {
                        relation: format!(
                            "{}: 拉动 = 增速 × 上年占比, 上年占比 = 占比 × (1 + {}增速) ÷ (1 + 增速) (contribution = growth × last year's share)",
                            r.subject, w.subject
                        ),
                        published: format!("{} pp {}", r.text, show(iv)),
                        computed: show(computed),
                        agrees: meet(iv, computed),
                        sentence: sentence.to_owned(),
                    });
                }
            }
        }
        // A share from two levels: the part's level over the first level of another subject (the whole).
        if r.kind == "share" {
            let part = near(&r.subject, "level");
            let whole = part.and_then(|p| headline("level", p.unit));
            if let (Some(p), Some(w)) = (part, whole) {
                let (pi, wi) = (interval(&p.text, p.value), interval(&w.text, w.value));
                if let (Some(lo), Some(hi)) = ((pi.0 * hundred).checked_div(wi.1), (pi.1 * hundred).checked_div(wi.0)) {
                    out.push(Check {
                        relation: format!(
                            "{}: 占比 = {} ÷ {} × 100 (share = part ÷ whole × 100)",
                            r.subject, p.subject, w.subject
                        ),
                        published: format!("{}% {}", r.text, show(iv)),
                        computed: show((lo, hi)),
                        agrees: meet(iv, (lo, hi)),
                        sentence: sentence.to_owned(),
                    });
                }
            }
        }
    }
    out
}

/// The parts after 其中 against their total (the first level before it in the sentence): their least sum cannot pass
/// its most.
fn parts_and_total(raws: &[Raw], sentence: &str) -> Vec<Check> {
    let mut out = Vec::new();
    let total = raws.iter().find(|x| x.kind == "level" && !x.after_qizhong);
    let parts: Vec<&Raw> = raws
        .iter()
        .filter(|x| x.kind == "level" && x.after_qizhong && total.is_some_and(|t| t.unit == x.unit))
        .collect();
    if let (Some(t), false) = (total, parts.is_empty()) {
        let lo: Decimal = parts.iter().map(|p| interval(&p.text, p.value).0).sum();
        let hi: Decimal = parts.iter().map(|p| interval(&p.text, p.value).1).sum();
        let ti = interval(&t.text, t.value);
        out.push(Check {
            relation: format!("{}: 其中各项之和 ≤ 总数 (parts ≤ their total)", t.subject),
            published: format!("{} {} {}", t.text, t.unit, show(ti)),
            computed: show((lo, hi)),
            agrees: lo <= ti.1,
            sentence: sentence.to_owned(),
        });
    }
    out
}

/// The TypeScript declarations of the bulletin reader's results.
pub const TYPESCRIPT: &str = r#"
/** A figure a monthly release states. */
export interface BulletinFigure {
  subject: string; kind: "level" | "growth" | "completion" | "share" | "rate_change" | "ahead" | "contribution";
  value: string; unit: string; period: string; sentence: string; start: number; end: number;
}
/** A relation between a release's own figures, each taken as the interval its rounding allows. */
export interface BulletinCheck { relation: string; published: string; computed: string; agrees: boolean; sentence: string; }
/** What `readBulletin` returns. */
export interface Bulletin {
  month: number | null; figures: BulletinFigure[]; checks: BulletinCheck[]; unread: UnreadSentence[];
  notes: { code: string; text: Text }[];
}
"#;

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)] // tests, not library code
    use super::*;

    const RELEASE: &str = "1—10月,全市固定资产投资同比增长6.5%,比1—9月提高0.6个百分点。其中,工业投资增长12%,\
        占全部投资的35%,拉动全市投资增长3.9个百分点。重点项目完成投资629.0亿元,完成年度计划的97.2%,超时序进度13.8个百分点。";

    #[test]
    fn the_figures_of_a_release_with_their_subjects() {
        let b = read_bulletin(RELEASE);
        assert_eq!(b.month, Some(10));
        let got: Vec<(&str, &str, &str, &str)> =
            b.figures.iter().map(|f| (f.subject.as_str(), f.kind, f.value.as_str(), f.unit)).collect();
        assert_eq!(
            got,
            [
                ("固定资产投资", "growth", "6.5", "%"),
                ("固定资产投资", "rate_change", "0.6", "pp"),
                ("工业投资", "growth", "12", "%"),
                ("工业投资", "share", "35", "%"),
                ("工业投资", "contribution", "3.9", "pp"),
                ("重点项目", "level", "629.0", "亿元"),
                ("重点项目", "completion", "97.2", "%"),
                ("重点项目", "ahead", "13.8", "pp"),
            ]
        );
        assert!(b.figures.iter().all(|f| f.period == "1-10"));
    }

    #[test]
    fn the_relations_hold_within_rounding_and_a_wrong_one_is_caught() {
        let b = read_bulletin(RELEASE);
        // Ahead: 97.2 → [97.15, 97.25] − 83.33… = [13.816…, 13.916…], which meets 13.8 → [13.75, 13.85]. 拉动: with
        // g, s and G within their rounding, 12 × 35 × 106.5 ÷ (100 × 112) ≈ 3.99 can be 3.79…4.20: meets 3.9.
        let kinds: Vec<(bool, bool)> = b.checks.iter().map(|c| (c.relation.contains("拉动"), c.agrees)).collect();
        assert_eq!(kinds, [(true, true), (false, true)], "{:#?}", b.checks);
        let wrong = read_bulletin("1—10月,重点项目完成年度计划的97.2%,超序时进度10.0个百分点。");
        assert_eq!(wrong.checks.len(), 1);
        assert!(!wrong.checks[0].agrees);
        // Behind time-progress is negative; a fall of the growth rate too.
        let behind = read_bulletin(
            "1—6月,全县投资增长3.2%,比1—5月回落1.1个百分点,完成年度计划的45.0%,慢于序时进度5.0个百分点。",
        );
        let v: Vec<&str> = behind.figures.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(v, ["3.2", "-1.1", "45.0", "-5.0"]);
        assert!(behind.checks.iter().all(|c| c.agrees));
    }

    #[test]
    fn a_share_from_two_levels_and_parts_against_their_total() {
        let b = read_bulletin("1—12月,全市完成投资1000亿元,其中,工业投资320亿元,占32.0%;基础设施投资700亿元。");
        let share = b.checks.iter().find(|c| c.relation.contains("占比")).map(|c| c.agrees);
        assert_eq!(share, Some(true));
        let parts = b.checks.iter().find(|c| c.relation.contains("其中")).map(|c| c.agrees);
        assert_eq!(parts, Some(false), "320 + 700 > 1000: {:#?}", b.checks);
    }

    #[test]
    fn text_without_figures_says_so() {
        assert_eq!(read_bulletin("").notes[0].code, "reader.empty");
        assert_eq!(read_bulletin("本月工作进展顺利。").notes[0].code, "bulletin.no_figures");
    }
}
