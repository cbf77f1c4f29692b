//! A plan's text as published, made readable: one character per position, each remembering where it stood in the
//! original (UTF-16 offsets, as JavaScript counts), so that a sentence found here is highlighted there.
//!
//! What copying from a PDF or a web page leaves in a text, and what is done about it:
//! - traditional characters → simplified (per character, so positions hold), full-width digits and signs → ASCII;
//! - pinyin glosses some converters insert after a character ("實現(xiàn)") → dropped;
//! - spaces inside words and numbers ("投 资", "2022 — 2023年") → dropped, except between two Latin letters or
//!   two digits;
//! - lines broken inside a sentence → joined; page numbers on lines of their own ("— 3 —") → dropped. A line
//!   break stays where a sentence or heading ends.

/// A character of the cleaned text and the UTF-16 range of the original it came from.
#[derive(Clone, Copy, Debug)]
pub struct Char {
    pub c: char,
    pub start: usize,
    pub end: usize,
}

/// The cleaned text: characters with their origins. `'\n'` separates blocks (sentences and headings end there).
pub struct Clean {
    pub chars: Vec<Char>,
}

/// One character as read: width folded and simplified.
fn fold(c: char) -> char {
    match c {
        '\u{3000}' | '\u{a0}' | '\t' => ' ',
        '—' | '–' | '－' | '~' | '～' | '―' | '‐' | '‑' | '‒' | '─' => '—',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\r' => '\n',
        c if (c as u32) >= 0x3400 => simplified(c),
        c => c,
    }
}

fn simplified(c: char) -> char {
    let mut buf = [0u8; 4];
    let out = simplet2s::convert(c.encode_utf8(&mut buf));
    let mut it = out.chars();
    match (it.next(), it.next()) {
        (Some(s), None) => s,
        _ => c,
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9fff | 0xf900..=0xfaff)
}

/// A heading or list marker at the start of a line: 一、 (一) 1. (1) 第一 ①.
fn starts_heading(line: &[Char]) -> bool {
    let cs: Vec<char> = line.iter().map(|c| c.c).take(6).collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    match cs.as_slice() {
        [a, '、', ..] if numeral(*a) => true,
        ['(', a, ..] if numeral(*a) || a.is_ascii_digit() => true,
        [a, '.' | '、' | '.', ..] if a.is_ascii_digit() => true,
        [a, b, '.' | '、', ..] if a.is_ascii_digit() && b.is_ascii_digit() => true,
        ['第', a, ..] if numeral(*a) => true,
        [a, ..] if ('①'..='⑳').contains(a) => true,
        _ => false,
    }
}

/// A line that can only continue the one before: it opens with a comparator, a unit or punctuation that never starts
/// a sentence ("以上。" after "…48亿元").
fn continues(line: &[Char]) -> bool {
    const WORDS: &[&str] = &["以上", "以下", "以内", "左右", "亿元", "万元", "亿美元", "个百分点"];
    let head: String = line.iter().take(4).map(|c| c.c).collect();
    head.starts_with(|c: char| ",、。;:)%".contains(c)) || WORDS.iter().any(|w| head.starts_with(w))
}

/// A line that is only a page number: "3", "- 3 -", "— 12 —", "第 3 页".
fn page_number(line: &[Char]) -> bool {
    let text: String = line.iter().map(|c| c.c).filter(|c| *c != ' ').collect();
    let core = text.trim_matches(|c| c == '—' || c == '-' || c == '第' || c == '页');
    !text.is_empty() && core.len() <= 4 && !core.is_empty() && core.chars().all(|c| c.is_ascii_digit())
}

const ENDS: &[char] = &['。', '!', '?', ';', ':', '；', '：'];
/// A line shorter than this share of the text's usual line (its 75th percentile) that ends without punctuation is a
/// title, a signature or a date, not wrapped prose. Text copied from a web page has a paragraph per line: there every
/// line is "short" and every line break stays.
const SHORT_LINE: f64 = 0.6;

impl Clean {
    pub fn new(text: &str) -> Clean {
        // Characters with their UTF-16 ranges, folded.
        let mut raw = Vec::with_capacity(text.len() / 2);
        let mut at = 0;
        for c in text.chars() {
            let width = c.len_utf16();
            raw.push(Char { c: fold(c), start: at, end: at + width });
            at += width;
        }
        let raw = drop_pinyin(raw);
        // Lines: page numbers dropped, wrapped lines joined.
        let lines: Vec<&[Char]> = raw.split(|c| c.c == '\n').map(trim).filter(|l| !l.is_empty()).collect();
        let mut widths: Vec<usize> = lines.iter().map(|l| l.len()).collect();
        widths.sort_unstable();
        let usual = widths.get(widths.len() * 3 / 4).copied().unwrap_or(0) as f64;
        let short = |line: &[Char]| (line.len() as f64) < SHORT_LINE * usual;
        let mut chars: Vec<Char> = Vec::with_capacity(raw.len());
        let mut previous: Option<&[Char]> = None;
        for line in lines {
            if page_number(line) {
                continue;
            }
            if let Some(before) = previous {
                let last = before.last().map(|c| c.c).unwrap_or('。');
                let ends = ENDS.contains(&last) || starts_heading(line) || (short(before) && !continues(line));
                if ends {
                    if let Some(last) = chars.last().copied() {
                        chars.push(Char { c: '\n', start: last.end, end: last.end });
                    }
                }
            }
            chars.extend_from_slice(line);
            previous = Some(line);
        }
        Clean { chars: drop_spaces(chars) }
    }

    /// The characters of `range`.
    pub fn text_chars(&self, range: std::ops::Range<usize>) -> Vec<char> {
        self.chars.get(range).unwrap_or_default().iter().map(|c| c.c).collect()
    }

    /// Where `range` stood in the original: UTF-16 offsets of its first character's start and its last's end.
    pub fn origin(&self, range: std::ops::Range<usize>) -> (usize, usize) {
        let part = self.chars.get(range).unwrap_or_default();
        (part.first().map_or(0, |c| c.start), part.last().map_or(0, |c| c.end))
    }

    pub fn text(&self, from: usize, to: usize) -> String {
        self.chars.get(from..to).unwrap_or_default().iter().map(|c| c.c).collect()
    }
}

fn trim(line: &[Char]) -> &[Char] {
    let from = line.iter().position(|c| c.c != ' ').unwrap_or(line.len());
    let to = line.iter().rposition(|c| c.c != ' ').map_or(from, |i| i + 1);
    line.get(from..to).unwrap_or_default()
}

/// "現(xiàn)" → "现": a parenthesised run of lower-case pinyin right after a Chinese character.
fn drop_pinyin(chars: Vec<Char>) -> Vec<Char> {
    let pinyin = |c: char| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ".contains(c);
    let mut out: Vec<Char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&ch) = chars.get(i) {
        if ch.c == '(' && out.last().is_some_and(|c| is_cjk(c.c)) {
            let run = chars.get(i + 1..).unwrap_or_default().iter().take_while(|c| pinyin(c.c)).count();
            let close = i + 1 + run;
            if let Some(end) = chars.get(close).filter(|c| c.c == ')' && (1..=6).contains(&run)) {
                if let Some(last) = out.last_mut() {
                    last.end = end.end;
                }
                i = close + 1;
                continue;
            }
        }
        out.push(ch);
        i += 1;
    }
    out
}

/// Spaces are kept only between two Latin letters or two digits ("Li Ming", "2 023" stays two numbers).
fn drop_spaces(chars: Vec<Char>) -> Vec<Char> {
    let mut out: Vec<Char> = Vec::with_capacity(chars.len());
    for (i, ch) in chars.iter().enumerate() {
        if ch.c != ' ' {
            out.push(*ch);
            continue;
        }
        let before = out.last().map(|c| c.c);
        let after = chars.get(i + 1..).unwrap_or_default().iter().find(|c| c.c != ' ').map(|c| c.c);
        let keep = match (before, after) {
            (Some(a), Some(b)) => {
                (a.is_ascii_alphabetic() && b.is_ascii_alphabetic()) || (a.is_ascii_digit() && b.is_ascii_digit())
            }
            _ => false,
        };
        if keep && before != Some(' ') {
            out.push(*ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)] // tests, not library code
    use super::*;

    fn clean(s: &str) -> String {
        let c = Clean::new(s);
        c.text(0, c.chars.len())
    }

    #[test]
    fn what_a_pdf_copy_leaves_is_cleaned() {
        let cases = [
            ("工业投资累计完成 370亿元以\n上,其中", "工业投资累计完成370亿元以上,其中"),
            ("確保全年固定資產(chǎn)投資增長１１％以上", "确保全年固定资产投资增长11%以上"),
            ("2022 — 2023年", "2022—2023年"),
            ("第一段结束。\n— 3 —\n二、重点任务\n(一)大力", "第一段结束。\n二、重点任务\n(一)大力"),
            (
                "为扩大有效投资,优化投资结构,保持全市投资稳定增\n长,特制定本方案。\n某市人民政府办公室\n2022年5月18日\n\
                 某市扩大有效投资攻坚行动方案的全文如下所示,请认真贯\n彻执行。",
                "为扩大有效投资,优化投资结构,保持全市投资稳定增长,特制定本方案。\n某市人民政府办公室\n2022年5月18日\n\
                 某市扩大有效投资攻坚行动方案的全文如下所示,请认真贯彻执行。",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "{input:?}");
        }
    }

    #[test]
    fn every_character_remembers_where_it_stood() {
        let text = "甲 乙(yǐ)。\n𠀀丙";
        let c = Clean::new(text);
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let back = |ch: &Char| String::from_utf16_lossy(&utf16[ch.start..ch.end]);
        let got: Vec<String> = c.chars.iter().map(back).collect();
        // The line break kept between the two lines is nowhere in particular: an empty range.
        assert_eq!(got, ["甲", "乙(yǐ)", "。", "", "𠀀", "丙"]);
    }
}
