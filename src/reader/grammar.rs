//! The grammar of a target sentence: a number with its unit and comparator, what it measures (the cue words
//! before it: 增长 growth, 占比/比重 share, …率/完成年度计划的 completion, 倍 a multiple, else an amount or a count), its
//! subject (the noun phrase before the cue, or between a verb and the number: "完成水利投资48亿元"), its period and
//! whether it is soft (力争) or hard (确保 or plain). "分别" pairs a list of subjects with a list of numbers in order.
//! A number followed straight by a noun ("500万元以上项目", "总投资超10亿元的项目") qualifies that noun: not a target.

use super::periods::{self, Found, Period};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Amount,
    Count,
    Share,
    Growth,
    Completion,
    Ratio,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Amount => "amount",
            Kind::Count => "count",
            Kind::Share => "share",
            Kind::Growth => "growth",
            Kind::Completion => "completion",
            Kind::Ratio => "ratio",
        }
    }
}

/// A target read from one sentence; positions are indices into the sentence's characters.
#[derive(Clone, Debug)]
pub struct Read {
    pub subject: String,
    /// For a share or a ratio: what it is taken of (empty when the sentence does not say: FAI).
    pub whole: String,
    pub kind: Kind,
    pub cmp: &'static str,
    pub value: String,
    pub unit: &'static str,
    pub period: Option<Period>,
    pub soft: bool,
}

/// What a sentence gives: its targets, and whether a number in it was left unplaced.
pub struct Reading {
    pub targets: Vec<Read>,
    pub unplaced: bool,
}

/// Units a target can be in, longest first; the name is what the draft shows.
const UNITS: &[(&str, &str)] = &[
    ("个百分点", "pp"),
    ("亿美元", "亿美元"),
    ("亿元", "亿元"),
    ("万元", "万元"),
    ("%", "%"),
    ("倍", "倍"),
    ("个", "个"),
    ("家", "家"),
    ("项", "项"),
];
const CMP_AFTER: &[(&str, &str)] =
    &[("及以上", ">="), ("以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "~"), ("上下", "~")];
const CMP_BEFORE: &[(&str, &str)] = &[
    ("不低于", ">="),
    ("不少于", ">="),
    ("至少", ">="),
    ("超过", ">="),
    ("突破", ">="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("控制在", "<="),
];
const SOFT: &[&str] = &["力争", "争取", "努力", "力促", "力求"];
const HARD: &[&str] = &["确保", "必须", "务必"];
/// Verbs between a subject and its number; a phrase after one of them and before the number is the subject.
const VERBS: &[&str] = &[
    "累计完成",
    "实际完成",
    "完成",
    "达到",
    "提高到",
    "提升到",
    "提高至",
    "增加到",
    "稳定在",
    "保持在",
    "控制在",
    "实现",
    "突破",
    "超过",
    "不低于",
    "不少于",
    "不超过",
    "至少",
    "达",
    "为",
    "实施",
];
/// Words before a subject that are not part of it (after periods are taken out).
const LEADING: &[&str] = &[
    "力争",
    "争取",
    "努力",
    "力促",
    "力求",
    "确保",
    "必须",
    "务必",
    "全力",
    "计划",
    "预计",
    "其中",
    "到",
    "至",
    "在",
    "截至",
    "累计",
    "共",
    "合计",
    "全市",
    "全省",
    "全县",
    "全区",
    "全州",
    "全盟",
    "我市",
    "本市",
    "市本级",
    "实现",
    "要",
    "完成",
    "和",
    "及",
    ":",
    "的",
    "推动",
    "推进",
    "加快",
    "建成",
    "新建",
    "引进",
    "推出",
    "培育",
    "创建",
    "编制",
    "建设",
    "打造",
    "开展",
    "组织",
    "举办",
    "谋划",
    "落实",
];
/// Words after a subject that belong to the verb.
const TRAILING: &[&str] = &["累计", "实际", "全年", "共", "合计", "同比", "年均", "力争", "确保", "争取", "努力"];
/// The verbs of "A 达到 B 的 N 倍".
const RATIO_VERBS: &[&str] = &["达到", "相当于", "不低于", "超过", "为", "是"];
const GROWTH: &[&str] = &["同比增长", "年均增长", "增长率", "增速", "增幅", "增长", "下降", "降幅", "回落"];
/// Growth cues that state a fall: "下降5%" is growth −5; "降幅收窄至5%以内" is growth ≥ −5.
const DECLINE: &[&str] = &["下降", "降幅", "回落"];
const SHARE: &[&str] = &["占比", "比重", "比例"];
/// A bare head noun: "完成投资500亿元" takes its subject from the sentence before it (重大项目 → 重大项目投资).
const HEADS: &[&str] = &["投资", "投资额", "总投资"];

/// The character before `i`, if any.
fn prev(s: &[char], i: usize) -> Option<char> {
    i.checked_sub(1).and_then(|k| s.get(k)).copied()
}

/// Blanks `range` (periods, list markers, qualifying numbers): they belong to no subject.
fn blank(s: &mut [char], range: std::ops::Range<usize>) {
    for c in s.get_mut(range).unwrap_or_default() {
        *c = '\u{0}';
    }
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

pub(super) fn starts(s: &[char], i: usize, word: &str) -> bool {
    let w = chars(word);
    s.get(i..i + w.len()) == Some(&w[..])
}

fn ends(s: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i >= n && starts(s, i - n, word)
}

/// The last occurrence of `word` in `s[..to]`.
pub(super) fn rfind(s: &[char], to: usize, word: &str) -> Option<usize> {
    let n = word.chars().count();
    (0..=to.saturating_sub(n)).rev().find(|&i| starts(s, i, word))
}

/// A number at `i`: digits with one decimal point, or grouped "1,450". Returns its text and its end.
pub(super) fn number(s: &[char], i: usize) -> Option<(String, usize)> {
    if !s.get(i)?.is_ascii_digit() || prev(s, i).is_some_and(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let mut j = i;
    let mut text = String::new();
    while j < s.len() {
        let Some(&c) = s.get(j) else { break };
        if c.is_ascii_digit() {
            text.push(c);
            j += 1;
        } else if c == ','
            && s.get(j + 1..j + 4).is_some_and(|d| d.iter().all(char::is_ascii_digit))
            && !s.get(j + 4).is_some_and(char::is_ascii_digit)
        {
            j += 1;
        } else if c == '.' && !text.contains('.') && s.get(j + 1).is_some_and(char::is_ascii_digit) {
            text.push('.');
            j += 1;
        } else {
            break;
        }
    }
    Some((text, j))
}

/// A number with a unit: where it starts, its value, unit, comparator after it, and where the mention ends.
#[derive(Clone, Debug)]
struct Mention {
    from: usize,
    to: usize,
    value: String,
    unit: &'static str,
    cmp: Option<&'static str>,
}

/// What stands right after a mention: a noun it qualifies ("…以上项目") or a break in the sentence.
fn qualifies_a_noun(s: &[char], to: usize) -> bool {
    match s.get(to) {
        None => false,
        Some(c) => super::text::is_cjk(*c) && !"和及与或并且,、".contains(*c) || *c == '的',
    }
}

/// Every number in the sentence that is not part of a period, with its unit when it has one of ours.
fn mentions(s: &[char], periods: &[Found]) -> (Vec<Mention>, Vec<std::ops::Range<usize>>, bool) {
    let mut out = Vec::new();
    let mut qualifiers = Vec::new();
    let mut loose = false;
    let mut i = 0;
    while i < s.len() {
        if let Some(p) = periods.iter().find(|p| p.from <= i && i < p.to) {
            i = p.to;
            continue;
        }
        let Some((value, after)) = number(s, i) else {
            i += 1;
            continue;
        };
        let unit = UNITS.iter().find(|(w, _)| starts(s, after, w));
        let Some((word, unit)) = unit else {
            // List markers ("1.", "(3)"), annexes ("附件2") and ordinals are not figures.
            let marker = matches!(s.get(after), Some('.' | '、' | ')'))
                && matches!(prev(s, i), None | Some('(' | '\n' | ':'))
                || (i == 0 && matches!(s.get(after), Some('.' | '、')))
                || ends(s, i, "附件")
                || ends(s, i, "第");
            loose |= !marker;
            i = after;
            continue;
        };
        let mut to = after + word.chars().count();
        let cmp = CMP_AFTER.iter().find(|(w, _)| starts(s, to, w)).map(|(w, c)| {
            to += w.chars().count();
            *c
        });
        if qualifies_a_noun(s, to) {
            qualifiers.push(i..to);
            i = to;
            continue;
        }
        out.push(Mention { from: i, to, value, unit, cmp });
        i = to;
    }
    (out, qualifiers, loose)
}

/// The kind a cue word before the number gives, and where the cue starts (None: an amount or a count).
fn cue(s: &[char], from: usize, to: usize, unit: &str) -> (Kind, Option<usize>) {
    let last = |words: &[&str]| words.iter().filter_map(|w| rfind(s, to, w)).filter(|&i| i >= from).max();
    match unit {
        "%" | "pp" => {
            let candidates = [
                (Kind::Growth, last(GROWTH)),
                (Kind::Share, last(SHARE).or_else(|| last(&["占"]))),
                (Kind::Completion, last(&["完成年度计划", "时序进度", "序时进度", "率"])),
            ];
            let best = candidates.iter().filter_map(|(k, i)| i.map(|i| (*k, i))).max_by_key(|(_, i)| *i);
            match best {
                Some((k, i)) => (k, Some(i)),
                None => (Kind::Share, None),
            }
        }
        "倍" => (Kind::Ratio, last(&["的"])),
        "个" | "家" | "项" => (Kind::Count, None),
        _ => (Kind::Amount, None),
    }
}

/// `text` without the words that surround a subject (markers, region, verbs).
fn strip(mut t: Vec<char>) -> Vec<char> {
    loop {
        let before = t.len();
        for w in LEADING {
            if starts(&t, 0, w) && t.len() > w.chars().count() {
                t.drain(..w.chars().count());
            }
        }
        for w in TRAILING.iter().chain(VERBS) {
            if ends(&t, t.len(), w) {
                t.truncate(t.len() - w.chars().count());
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

/// The subject in `s[from..to)` (periods blanked): after the last verb if a noun phrase stands there, else before it.
fn subject(s: &[char], from: usize, to: usize) -> String {
    let part = s.get(from..to).unwrap_or_default();
    let verb = VERBS.iter().filter_map(|w| rfind(part, part.len(), w).map(|i| (i, i + w.chars().count()))).max();
    let pick = |t: &[char]| strip(t.iter().copied().filter(|c| *c != '\u{0}').collect());
    let subject = match verb {
        Some((at, after)) => {
            let object = pick(part.get(after..).unwrap_or_default());
            let before = pick(part.get(..at).unwrap_or_default());
            if object.is_empty() {
                before
            } else if HEADS.iter().any(|h| object == chars(h)) && !before.is_empty() {
                [before, object].concat()
            } else {
                object
            }
        }
        None => pick(part),
    };
    subject.into_iter().collect()
}

/// Soft when the nearest marker before `at` is 力争 (or alike); hard when it is 确保 or there is none. "争取" before a
/// source of funds ("争取中央预算内投资", "争取专项债券") means "obtain", not "strive for".
fn soft(s: &[char], at: usize) -> bool {
    const FUNDS: &[&str] = &["中央", "上级", "国家", "省级", "省", "地方政府", "专项", "各级", "政策性", "银行"];
    let last = |words: &[&str]| {
        words
            .iter()
            .filter_map(|w| rfind(s, at, w).filter(|&i| !(*w == "争取" && FUNDS.iter().any(|f| starts(s, i + 2, f)))))
            .max()
    };
    match (last(SOFT), last(HARD)) {
        (Some(a), Some(b)) => a > b,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Words a heading ends with that say how, not what ("推动农村人居环境整治提升" is about 农村人居环境整治).
const HEADING_TAIL: &[&str] =
    &["提升", "水平", "建设", "发展", "工作", "行动", "工程", "力度", "质量", "进程", "补短板", "能力"];
/// Verbs a heading starts with.
const HEADING_VERBS: &[&str] =
    &["推动", "推进", "加快", "加强", "提高", "提升", "实施", "强化", "完善", "扎实", "大力", "持续", "积极"];

/// What a numbered heading is about: "(1)推动农村人居环境整治提升,…" → 农村人居环境整治. A bare "完成投资3亿元" under
/// it is that topic's investment.
/// `None`: not a heading; `Some(None)`: a heading whose topic could not be told.
pub fn topic(sentence: &[char]) -> Option<Option<String>> {
    let marker = list_marker(sentence);
    if marker == 0 {
        return None;
    }
    let end =
        sentence.iter().skip(marker).position(|c| matches!(c, ',' | ':' | '、')).map_or(sentence.len(), |i| i + marker);
    let mut t: Vec<char> = sentence.get(marker..end).unwrap_or_default().to_vec();
    loop {
        let before = t.len();
        for w in HEADING_VERBS {
            if starts(&t, 0, w) {
                t.drain(..w.chars().count());
            }
        }
        for w in HEADING_TAIL {
            if ends(&t, t.len(), w) {
                t.truncate(t.len() - w.chars().count());
            }
        }
        if t.len() == before {
            break;
        }
    }
    let ok = (2..=12).contains(&t.len()) && t.iter().all(|c| super::text::is_cjk(*c));
    Some(ok.then(|| t.into_iter().collect()))
}

/// Reads one sentence; `topic` is what the numbered heading above it is about.
pub fn read(sentence: &[char], topic: Option<&str>) -> Reading {
    let found = periods::find(sentence);
    // Periods are blanked so that they never enter a subject.
    let mut s = sentence.to_vec();
    blank(&mut s, 0..list_marker(sentence));
    for p in &found {
        blank(&mut s, p.from..p.to);
    }
    let (ms, qualifiers, loose) = mentions(sentence, &found);
    // "95个重点项目完成投资160亿元": a number qualifying a noun is part of neither subject nor clause.
    for q in qualifiers {
        blank(&mut s, q);
    }
    let mut targets: Vec<Read> = Vec::new();
    let mut boundary = 0;
    // Where the wholes of shares and multiples stand: a period named there is theirs, not a later target's.
    let mut wholes: Vec<std::ops::Range<usize>> = Vec::new();
    let mut k = 0;
    while let Some(m) = ms.get(k) {
        // A clause starts after a comma, or after the 、 that follows the target before it ("…165亿元以上、铁路投资…");
        // a 、 inside a subject ("省、市级重点工程") is part of it.
        let after_list = if s.get(boundary) == Some(&'、') { boundary + 1 } else { boundary };
        let clause_from = after_list.max(rfind(&s, m.from, ",").map_or(0, |i| i + 1));
        let period_at = |to: usize| {
            found
                .iter()
                .rev()
                .find(|p| !p.date && p.to <= to && !wholes.iter().any(|w| w.contains(&p.from)))
                .map(|p| p.period.clone())
        };
        let period = period_at(m.from);
        // 分别: a list of subjects before it, the numbers after it in order.
        if let Some(at) = rfind(&s, m.from, "分别").filter(|&i| i >= boundary) {
            let list: Vec<&Mention> =
                ms.get(k..).unwrap_or_default().iter().take_while(|x| x.from >= at && joined(&s, at, x.from)).collect();
            let list_from = boundary.max(rfind(&s, at, ",").map_or(0, |i| i + 1));
            let (kind, cue_at) = cue(&s, list_from, at, m.unit);
            let names_end = cue_at.unwrap_or(at).min(at);
            let mut names: Vec<String> = s
                .get(list_from..names_end)
                .unwrap_or_default()
                .split(|c| matches!(c, '、' | '和' | '及' | '与'))
                .map(text_of)
                .collect();
            // "增速分别为:甲县8%、乙县9%": each number with its own subject before it.
            if names.len() != list.len() {
                let mut from = at + 2;
                let mut each = Vec::with_capacity(list.len());
                for x in &list {
                    let part = s.get(from..x.from).unwrap_or_default();
                    let lead = part.iter().take_while(|c| "为是:、,和及与".contains(**c)).count();
                    each.push(text_of(part.get(lead..).unwrap_or_default()));
                    from = x.to;
                }
                if each
                    .iter()
                    .all(|n| !n.is_empty() && n.chars().count() <= 12 && !n.chars().any(|c| c.is_ascii_digit()))
                {
                    names = each;
                }
            }
            if list.len() >= 2 && names.len() == list.len() && names.iter().all(|n| !n.is_empty()) {
                let cmp = list.last().and_then(|x| x.cmp);
                for (x, name) in list.iter().zip(names) {
                    targets.push(Read {
                        subject: name,
                        whole: String::new(),
                        kind,
                        cmp: x.cmp.or(cmp).or(before_cmp(&s, list_from, m.from)).unwrap_or("="),
                        value: x.value.clone(),
                        unit: x.unit,
                        period: period.clone(),
                        soft: soft(&s, x.from),
                    });
                }
                boundary = list.last().map_or(m.to, |x| x.to);
                k += list.len();
                continue;
            }
        }
        let (mut kind, cue_at) = cue(&s, clause_from, m.from, m.unit);
        let mut whole = String::new();
        let subject_end = match (kind, cue_at) {
            (Kind::Share, Some(at)) => {
                // X占比 / X占Y的比重 / 占Y比重
                let of =
                    if s.get(at) == Some(&'占') { None } else { rfind(&s, at, "占").filter(|&i| i >= clause_from) };
                if let Some(of) = of {
                    whole = text_of(s.get(of + 1..at).unwrap_or_default());
                    of
                } else {
                    at
                }
            }
            (Kind::Ratio, Some(at)) => {
                // A达到B的2.5倍: the first linking verb after the subject; B may hold verbs of its own (实际完成额).
                let of = at;
                let verb = (clause_from..of)
                    .find_map(|i| RATIO_VERBS.iter().find(|w| starts(&s, i, w)).map(|w| (i, w.chars().count())));
                if let Some((v, w)) = verb {
                    whole = text_of(s.get(v + w..of).unwrap_or_default());
                    v
                } else {
                    at
                }
            }
            (_, Some(at)) => at,
            (_, None) => m.from,
        };
        // A period inside the whole of a share or multiple ("2018年全市固定资产投资的2.5倍") is the whole's.
        let period = if matches!(kind, Kind::Share | Kind::Ratio) { period_at(subject_end) } else { period };
        if matches!(kind, Kind::Share | Kind::Ratio) {
            wholes.push(subject_end..m.from);
        }
        let mut name = subject(&s, clause_from, subject_end.max(clause_from));
        // "…85%以上,全年达到100%": no subject and no cue of its own — the same indicator as the target before it.
        if let (true, None, Some(previous)) = (name.is_empty(), cue_at, targets.last()) {
            if previous.unit == m.unit {
                kind = previous.kind;
                whole.clone_from(&previous.whole);
            }
        }
        if name.is_empty() || HEADS.contains(&name.as_str()) {
            // "…,同比增长8.5%", "完成投资500亿元": the subject of the target before it in the sentence.
            if let Some(previous) = targets.last().or(None) {
                let head = if name.is_empty() { String::new() } else { name.clone() };
                name = if previous.subject.ends_with(&head) {
                    previous.subject.clone()
                } else {
                    format!("{}{head}", previous.subject)
                };
            } else if let Some(previous) = last_subject(&s, clause_from) {
                name = format!("{previous}{name}");
            } else if let (Some(topic), true) = (topic, HEADS.contains(&name.as_str())) {
                name = format!("{topic}{name}");
            }
        }
        let whole = whole.trim_end_matches('的').to_string();
        if !name.is_empty() && name.chars().count() <= 24 && !name.chars().any(|c| c.is_ascii_digit()) {
            let mut cmp = m.cmp.or(before_cmp(&s, clause_from, m.from)).unwrap_or("=");
            let mut value = m.value.clone();
            // A fall: the rate is negative, and a ceiling on the fall is a floor on the rate.
            if kind == Kind::Growth && cue_at.is_some_and(|at| DECLINE.iter().any(|w| starts(&s, at, w))) {
                value = format!("-{value}");
                cmp = match cmp {
                    "<=" => ">=",
                    ">=" => "<=",
                    c => c,
                };
            }
            targets.push(Read { subject: name, whole, kind, cmp, value, unit: m.unit, period, soft: soft(&s, m.from) });
        }
        boundary = m.to;
        k += 1;
    }
    let unplaced = loose || targets.len() < ms.len();
    Reading { targets, unplaced }
}

/// A subject written earlier in the sentence without a number of its own ("实施重大项目,完成投资…"): the phrase
/// before the last comma, when it names projects or investment.
fn last_subject(s: &[char], before: usize) -> Option<String> {
    let end = before.checked_sub(1)?;
    let from = rfind(s, end, ",").map_or(0, |i| i + 1);
    let name: String = subject(s, from, end).chars().take_while(|c| !c.is_ascii_digit() && *c != '(').collect();
    (name.ends_with("项目") || name.ends_with("投资")).then_some(name)
}

/// The length of a list marker opening a sentence: "1." "2、" "(3)" "一、" "(二)" "①".
fn list_marker(s: &[char]) -> usize {
    let numeral = |c: &char| "一二三四五六七八九十".contains(*c);
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 2 && matches!(s.get(digits), Some('.' | '、')) {
        return digits + 1;
    }
    let numerals = s.iter().take_while(|c| numeral(c)).count();
    if numerals > 0 && s.get(numerals) == Some(&'、') {
        return numerals + 1;
    }
    if s.first() == Some(&'(') {
        let inner = s.get(1..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit() || numeral(c)).count();
        if inner > 0 && s.get(1 + inner) == Some(&')') {
            return inner + 2;
        }
    }
    usize::from(s.first().is_some_and(|c| ('①'..='⑳').contains(c)))
}

/// A phrase without its blanked periods and surrounding words.
pub(super) fn text_of(part: &[char]) -> String {
    strip(part.iter().copied().filter(|c| *c != '\u{0}').collect()).into_iter().collect()
}

/// Between the list's 分别 and a number only other numbers of the list and 和/、/及 stand.
fn joined(s: &[char], at: usize, to: usize) -> bool {
    !s.get(at..to).unwrap_or_default().iter().any(|c| matches!(c, ',' | ';'))
}

fn before_cmp(s: &[char], from: usize, to: usize) -> Option<&'static str> {
    CMP_BEFORE.iter().filter_map(|(w, c)| rfind(s, to, w).filter(|&i| i >= from).map(|i| (i, *c))).max().map(|(_, c)| c)
}
