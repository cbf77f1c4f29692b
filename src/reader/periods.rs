//! Periods as plans write them: 2022—2023年 (a span), 2023年 / 到2023年底 (a year), 今年 / 全年 / 年底前 (the plan's
//! own year), 三季度末 / 上半年 / 1—9月 / 6月底前 (part of a year), 每年 / 年均 (each year). Dates ("2022年5月18日")
//! are not periods.

/// A period read from the text. `Span` and `Year` carry years; the parts of a year carry theirs once known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Period {
    Span(u16, u16),
    Year(u16),
    /// The plan's own year (今年, 全年, 年底前): resolved against the document's period.
    ThisYear,
    Quarter(Option<u16>, u8),
    Half(Option<u16>, u8),
    /// Months 1 to m, cumulated (1—9月, 9月底前).
    Months(Option<u16>, u8),
    EachYear,
    /// The plan's whole period ("两年累计", "3年累计", "三年来"): resolved against the document's period.
    Whole,
    /// "到2023年累计": cumulative through a year — the plan's span when it ends that year, else the year.
    Through(u16),
}

impl Period {
    /// The period's id in a draft plan: "2022-2023", "2023", "2023-Q3", "2023-H2", "2023-09", "each-year".
    pub fn id(&self, year: u16) -> String {
        match self {
            Period::Span(a, b) => format!("{a}-{b}"),
            Period::Year(y) => y.to_string(),
            Period::ThisYear => year.to_string(),
            Period::Quarter(y, q) => format!("{}-Q{q}", y.unwrap_or(year)),
            Period::Half(y, h) => format!("{}-H{h}", y.unwrap_or(year)),
            Period::Months(y, m) => format!("{}-{m:02}", y.unwrap_or(year)),
            Period::EachYear => "each-year".into(),
            Period::Whole => "plan".into(),
            Period::Through(y) => y.to_string(),
        }
    }
}

/// A period found at `[from, to)` of a sentence's characters.
#[derive(Clone, Debug)]
pub struct Found {
    pub from: usize,
    pub to: usize,
    pub period: Period,
    /// A date ("2022年5月18日"): not a period, but it dates the document.
    pub date: bool,
}

fn year_at(s: &[char], i: usize) -> Option<u16> {
    let digits = s.get(i..i + 4)?;
    if !digits.iter().all(char::is_ascii_digit) {
        return None;
    }
    if prev(s, i).is_some_and(|c| c.is_ascii_digit()) || s.get(i + 4).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let y: u16 = digits.iter().collect::<String>().parse().ok()?;
    (1949..=2100).contains(&y).then_some(y)
}

fn starts(s: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    s.get(i..i + w.len()) == Some(&w[..])
}

/// The character before `i`, if any.
fn prev(s: &[char], i: usize) -> Option<char> {
    i.checked_sub(1).and_then(|k| s.get(k)).copied()
}

fn numeral(c: char) -> Option<u8> {
    "一二三四".chars().position(|x| x == c).map(|p| p as u8 + 1)
}

/// A one- or two-digit month number ending just before `i` (for 1—9月, 6月底).
fn month_before(s: &[char], i: usize) -> Option<(usize, u8)> {
    let from = (0..i).rev().take_while(|&k| s.get(k).is_some_and(char::is_ascii_digit)).last()?;
    if i - from > 2 {
        return None;
    }
    let m: u8 = s.get(from..i)?.iter().collect::<String>().parse().ok()?;
    (1..=12).contains(&m).then_some((from, m))
}

const DASHES: &[char] = &['—', '-', '至', '到'];
const THIS_YEAR: &[&str] = &["今年", "全年", "当年", "本年", "年内", "年底前", "年末前"];
const EACH_YEAR: &[&str] = &["每年", "年均", "逐年"];

/// Every period and date in a sentence, in order.
pub fn find(s: &[char]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some(a) = year_at(s, i) {
            // 2022—2023年 / 2022年—2023年 / 2022至2023年
            let mut j = i + 4;
            if s.get(j) == Some(&'年') && s.get(j + 1).is_some_and(|c| DASHES.contains(c)) {
                j += 1;
            }
            if s.get(j).is_some_and(|c| DASHES.contains(c)) {
                if let Some(b) = year_at(s, j + 1).filter(|b| *b > a) {
                    let end = if s.get(j + 5) == Some(&'年') { j + 6 } else { j + 5 };
                    out.push(Found { from: i, to: end, period: Period::Span(a, b), date: false });
                    i = end;
                    continue;
                }
            }
            if s.get(i + 4) == Some(&'年') {
                let rest = i + 5;
                // 2022年5月18日 is a date; 2024年1月(底前) is a month of that year.
                if let Some((to, day)) = month_after(s, rest) {
                    let digits: String =
                        s.get(rest..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit()).collect();
                    let month: u8 = digits.parse().unwrap_or(12).clamp(1, 12);
                    let period = if day { Period::Year(a) } else { Period::Months(Some(a), month) };
                    out.push(Found { from: i, to, period, date: day });
                    i = to;
                    continue;
                }
                let mut end = rest;
                for tail in ["底前", "年底", "底", "末"] {
                    if starts(s, end, tail) {
                        end += tail.chars().count();
                        break;
                    }
                }
                let through = matches!(prev(s, i), Some('到' | '至')) && starts(s, end, "累计");
                let period = if through { Period::Through(a) } else { Period::Year(a) };
                out.push(Found { from: i, to: end, period, date: false });
                i = end;
                continue;
            }
        }
        if let Some(to) = whole_period(s, i) {
            out.push(Found { from: i, to, period: Period::Whole, date: false });
            i = to;
            continue;
        }
        if let Some(found) = part_of_year(s, i) {
            i = found.to.max(i + 1);
            out.push(found);
            continue;
        }
        if let Some(w) = THIS_YEAR.iter().find(|w| starts(s, i, w)) {
            let to = i + w.chars().count();
            out.push(Found { from: i, to, period: Period::ThisYear, date: false });
            i = to;
            continue;
        }
        if let Some(w) = EACH_YEAR.iter().find(|w| starts(s, i, w)) {
            let to = i + w.chars().count();
            out.push(Found { from: i, to, period: Period::EachYear, date: false });
            i = to;
            continue;
        }
        i += 1;
    }
    // A year written just before a part of it ("2023年三季度末") is that part's year.
    let mut merged: Vec<Found> = Vec::with_capacity(out.len());
    for mut found in out {
        if let Some(Found { period: Period::Year(y), to, date: false, from }) = merged.last().cloned() {
            if to == found.from {
                if let Period::Quarter(q, _) | Period::Half(q, _) | Period::Months(q, _) = &mut found.period {
                    *q = Some(y);
                    found.from = from;
                    merged.pop();
                }
            }
        }
        merged.push(found);
    }
    merged
}

/// "5月18日" (a date: true) or "1月" (a month) after a year; returns where it ends.
fn month_after(s: &[char], i: usize) -> Option<(usize, bool)> {
    let digits = |from: usize| s.get(from..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit()).count();
    let m = digits(i);
    if !(1..=2).contains(&m) || s.get(i + m) != Some(&'月') {
        return None;
    }
    let d = digits(i + m + 1);
    let day = (1..=2).contains(&d) && matches!(s.get(i + m + 1 + d), Some('日' | '号'));
    Some(if day { (i + m + 2 + d, true) } else { (i + m + 1, false) })
}

/// "3年累计", "两年累计", "三年累计": the plan's whole period.
fn whole_period(s: &[char], i: usize) -> Option<usize> {
    let c = *s.get(i)?;
    let count = c.is_ascii_digit() && !prev(s, i).is_some_and(|p| p.is_ascii_digit()) || "两二三四五".contains(c);
    (count && starts(s, i + 1, "年累计")).then_some(i + 4)
}

/// 三季度末, 第三季度, 一季度, 上半年, 下半年, 1—9月, 前三季度, 6月底前.
fn part_of_year(s: &[char], i: usize) -> Option<Found> {
    let at = |k: usize| s.get(k).copied();
    // (第|前)?[一二三四]季度(末|底)?
    let q_from = if matches!(at(i), Some('第' | '前')) { i + 1 } else { i };
    if let Some(q) = at(q_from).and_then(numeral) {
        if starts(s, q_from + 1, "季度") {
            let mut to = q_from + 3;
            if matches!(at(to), Some('末' | '底')) {
                to += 1;
            }
            return Some(Found { from: i, to, period: Period::Quarter(None, q), date: false });
        }
    }
    for (word, h) in [("上半年", 1), ("下半年", 2)] {
        if starts(s, i, word) {
            return Some(Found { from: i, to: i + 3, period: Period::Half(None, h), date: false });
        }
    }
    // 1—9月 (cumulative months) or 6月底(前)
    if at(i) == Some('1') && at(i + 1).is_some_and(|c| DASHES.contains(&c)) {
        let digits = s.get(i + 2..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&digits) && at(i + 2 + digits) == Some('月') {
            let (_, m) = month_before(s, i + 2 + digits)?;
            return Some(Found { from: i, to: i + 3 + digits, period: Period::Months(None, m), date: false });
        }
    }
    if at(i).is_some_and(|c| c.is_ascii_digit()) && !prev(s, i).is_some_and(|c| c.is_ascii_digit()) {
        let digits = s.get(i..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit()).count();
        let month = i + digits;
        if at(month) == Some('月') && (starts(s, month + 1, "底") || starts(s, month + 1, "末")) {
            let (_, m) = month_before(s, month)?;
            let to = if at(month + 2) == Some('前') { month + 3 } else { month + 2 };
            return Some(Found { from: i, to, period: Period::Months(None, m), date: false });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)] // tests, not library code
    use super::*;

    #[test]
    fn periods_as_plans_write_them() {
        let cases: &[(&str, &[&str])] = &[
            ("力争2021-2023年全市固定资产投资", &["2021-2023"]),
            ("2022—2023年完成", &["2022-2023"]),
            ("2022年—2023年累计", &["2022-2023"]),
            ("到2023年底,全市", &["2023"]),
            ("2022年5月18日", &[]),
            ("确保三季度末重点项目投资完成率达到85%以上,全年达到100%", &["2020-Q3", "2020"]),
            ("2023年三季度末", &["2023-Q3"]),
            ("力争下半年新开工项目", &["2020-H2"]),
            ("1—9月,全市", &["2020-09"]),
            ("确保6月底前续建项目全部复工", &["2020-06"]),
            ("计划每年实施", &["each-year"]),
            ("确保3年累计新增贷款", &["plan"]),
        ];
        for (text, want) in cases {
            let s: Vec<char> = text.chars().collect();
            let got: Vec<String> = find(&s).iter().filter(|f| !f.date).map(|f| f.period.id(2020)).collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
