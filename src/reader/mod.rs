//! The plan-text reader: a plan as published (simplified or traditional, copied from a PDF) → a draft plan and the
//! targets it states, each with its sentence and where that sentence stands in the text, and every sentence holding a
//! number that was not understood. Nothing is guessed: a number the grammar cannot place is listed, not dropped.
//!
//! - [`text`]: the text cleaned, every character remembering its place in the original;
//! - [`periods`]: periods as plans write them;
//! - [`grammar`]: a target sentence's parts (subject, cue, number, unit, comparator, 力争);
//! - [`draft`]: the draft plan built from what was read;
//! - [`bulletin`]: a monthly release's figures and the relations between them (`readBulletin`).

pub mod bulletin;
mod draft;
mod grammar;
mod periods;
mod text;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::messages::{say, Arg, Text};
use periods::Period;
use text::Clean;

/// A target as read, with the sentence it comes from (`start`, `end`: UTF-16 offsets into the text, as JavaScript's
/// `text.slice(start, end)` takes them).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftTarget {
    /// The id of the target in the draft plan.
    pub id: String,
    pub subject: String,
    /// What a share or multiple is taken of, when the text says ("全社会固定资产投资").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub whole: String,
    /// `amount`, `count`, `share`, `growth`, `completion` or `ratio`.
    pub indicator: String,
    /// `>=`, `<=`, `~` or `=`.
    pub cmp: String,
    pub value: String,
    /// `亿元`, `万元`, `亿美元`, `%`, `pp`, `倍`, `个`, `家`, `项`.
    pub unit: String,
    /// The period's id in the draft plan: `2022-2023`, `2023`, `2023-Q3`, `2023-H2`, `2023-09`, `each-year`.
    pub period: String,
    pub soft: bool,
    #[serde(default)]
    pub sentence: String,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

/// A sentence with a number the reader could not place.
#[derive(Debug, Clone, Serialize)]
pub struct Unread {
    pub sentence: String,
    pub start: usize,
    pub end: usize,
}

/// A remark on the whole reading, coded, in three languages.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub code: &'static str,
    pub text: Text,
}

/// What the reader returns.
#[derive(Debug, Clone, Serialize)]
pub struct Draft {
    /// A plan document (docs/plan-format.md) holding the periods, series and targets read; `null` without targets.
    pub plan: Value,
    /// The document's name as the text gives it (a line naming a 方案 or 计划).
    pub title: Option<String>,
    pub targets: Vec<DraftTarget>,
    pub unread: Vec<Unread>,
    pub notes: Vec<Note>,
}

/// Sentences longer than this are cut (a text without punctuation is no prose; the cut keeps reading linear).
const LONGEST_SENTENCE: usize = 600;

/// Reads a plan's text. `progress(done, total)` is called every few hundred sentences (in characters).
pub fn read_plan_text(text: &str, progress: &mut dyn FnMut(usize, usize)) -> Draft {
    let clean = Clean::new(text);
    let sentences = sentences(&clean);
    let mut topic: Option<String> = None;
    let mut readings = Vec::with_capacity(sentences.len());
    for (n, range) in sentences.iter().enumerate() {
        if n % 256 == 0 {
            progress(range.start, clean.chars.len());
        }
        let s = clean.text_chars(range.clone());
        // A new numbered heading sets the topic, or clears it when it names none.
        if let Some(t) = grammar::topic(&s) {
            topic = t;
        }
        readings.push((range.clone(), grammar::read(&s, topic.as_deref())));
    }
    progress(clean.chars.len(), clean.chars.len());

    let default = title_period(&clean).or_else(|| default_period(&clean, &sentences));
    let year = match &default {
        Some(Period::Span(_, b)) | Some(Period::Year(b)) => *b,
        _ => 0,
    };
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let mut targets = Vec::new();
    let mut unread = Vec::new();
    for (range, reading) in readings {
        let (start, end) = clean.origin(range.clone());
        let sentence = String::from_utf16_lossy(utf16.get(start..end).unwrap_or_default());
        if reading.unplaced {
            unread.push(Unread { sentence: sentence.clone(), start, end });
        }
        for read in reading.targets {
            let period = match (&read.period, &default) {
                (Some(Period::Whole) | None, Some(d)) => d.id(year),
                (Some(Period::Through(y)), Some(d @ Period::Span(_, b))) if y == b => d.id(year),
                (Some(p), _) => p.id(year),
                (None, None) => "plan".to_owned(),
            };
            targets.push(DraftTarget {
                id: format!("t{}", targets.len() + 1),
                subject: read.subject,
                whole: read.whole,
                indicator: read.kind.name().to_owned(),
                cmp: read.cmp.to_owned(),
                value: read.value,
                unit: read.unit.to_owned(),
                period,
                soft: read.soft,
                sentence: sentence.clone(),
                start,
                end,
            });
        }
    }
    let mut notes = Vec::new();
    if clean.chars.iter().all(|c| c.c.is_whitespace()) {
        notes.push(Note { code: "reader.empty", text: say("reader.empty", &[]) });
    } else if targets.is_empty() {
        notes.push(Note { code: "reader.no_targets", text: say("reader.no_targets", &[]) });
    } else {
        let (t, u) = (targets.len().to_string(), unread.len().to_string());
        notes.push(Note {
            code: "reader.read",
            text: say("reader.read", &[("targets", Arg::Same(&t)), ("unread", Arg::Same(&u))]),
        });
    }
    let title = title(&clean);
    let plan = if targets.is_empty() { Value::Null } else { draft::plan(title.as_deref(), &targets, &mut notes) };
    Draft { plan, title, targets, unread, notes }
}

/// The plan for a draft's targets as the planner accepted and edited them (the page's "open as a plan"), checked by
/// the plan reader: a target it cannot take is refused with the reader's code and the target's path.
pub fn plan_from_targets(title: Option<&str>, targets: &[DraftTarget]) -> crate::Result<Value> {
    const KINDS: &[&str] = &["amount", "count", "share", "growth", "completion", "ratio"];
    for (i, t) in targets.iter().enumerate() {
        if !KINDS.contains(&t.indicator.as_str()) {
            return Err(crate::Error::Invalid {
                path: format!("targets[{i}].indicator"),
                reason: format!("not one of {}", KINDS.join(", ")),
            });
        }
        if t.subject.trim().is_empty() {
            return Err(crate::Error::Missing { path: format!("targets[{i}].subject") });
        }
    }
    let mut notes = Vec::new();
    let plan = draft::plan(title, targets, &mut notes);
    crate::Plan::from_value(&plan)?;
    Ok(plan)
}

/// Sentences: ranges of the cleaned text between 。;!? and line ends, cut at [`LONGEST_SENTENCE`].
pub(super) fn sentences(clean: &Clean) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in clean.chars.iter().enumerate() {
        let end = matches!(c.c, '\n' | '。' | ';' | '!' | '?');
        if end || i + 1 - from >= LONGEST_SENTENCE {
            let to = if end { i } else { i + 1 };
            if to > from {
                out.push(from..to);
            }
            from = i + 1;
        }
    }
    if from < clean.chars.len() {
        out.push(from..clean.chars.len());
    }
    out.retain(|r| clean.text_chars(r.clone()).iter().any(|c| !c.is_whitespace()));
    out
}

/// The period the plan's title names, on its line or the line after ("…行动方案(2021-2023年)", "某市2024年…方案").
fn title_period(clean: &Clean) -> Option<Period> {
    let text = clean.text(0, clean.chars.len());
    let lines: Vec<&str> = text.lines().take(40).collect();
    let at = lines.iter().position(|l| l.contains("方案") || l.contains("计划"))?;
    for line in lines.iter().skip(at).take(2) {
        if line.chars().count() > 60 {
            break;
        }
        let s: Vec<char> = line.chars().collect();
        if let Some(found) =
            periods::find(&s).into_iter().find(|f| !f.date && matches!(f.period, Period::Span(..) | Period::Year(_)))
        {
            return Some(found.period);
        }
    }
    None
}

/// The plan's own period: the span the text names most often (2021—2023年; the first on a tie); else the year it
/// names most often (not in a date) among those not before its earliest full date — the day it was issued, before any
/// deadline (a 2019 plan names 2018 as its base) — the later on a tie; else the year of that date.
fn default_period(clean: &Clean, sentences: &[std::ops::Range<usize>]) -> Option<Period> {
    let mut spans: Vec<(Period, usize)> = Vec::new();
    let mut years: Vec<(u16, usize)> = Vec::new();
    let mut dated = None;
    let count = |list: &mut Vec<(Period, usize)>, p: Period| match list.iter_mut().find(|(x, _)| *x == p) {
        Some((_, n)) => *n += 1,
        None => list.push((p, 1)),
    };
    for range in sentences {
        let s = clean.text_chars(range.clone());
        for found in periods::find(&s) {
            match found.period {
                Period::Span(..) if !found.date => count(&mut spans, found.period),
                Period::Year(y) if found.date => dated = Some(dated.map_or(y, |d: u16| d.min(y))),
                Period::Year(y) => match years.iter_mut().find(|(x, _)| *x == y) {
                    Some((_, n)) => *n += 1,
                    None => years.push((y, 1)),
                },
                _ => {}
            }
        }
    }
    // max_by_key keeps the last of equal keys: reversed, the first span named wins a tie.
    if let Some((span, _)) = spans.into_iter().rev().max_by_key(|(_, n)| *n) {
        return Some(span);
    }
    years
        .iter()
        .filter(|(y, _)| dated.is_none_or(|d| *y >= d))
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| Period::Year(*y))
        .or(dated.map(Period::Year))
}

/// The plan's title: the first short line that names a 方案 or 计划 (the document's name), else none.
fn title(clean: &Clean) -> Option<String> {
    let text = clean.text(0, clean.chars.len());
    text.lines()
        .map(|l| l.trim_matches(|c: char| "《》\"“”".contains(c)))
        .find(|l| (l.ends_with("方案") || l.ends_with("计划")) && l.chars().count() <= 40)
        .map(str::to_owned)
}

/// The TypeScript declarations of the reader's results (`src/wasm.rs` adds them to the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** A target read from a plan's text; `start`/`end` are UTF-16 offsets of its sentence (`text.slice(start, end)`). */
export interface DraftTarget {
  id: string; subject: string; whole?: string;
  indicator: "amount" | "count" | "share" | "growth" | "completion" | "ratio";
  cmp: ">=" | "<=" | "~" | "="; value: string; unit: string; period: string; soft: boolean;
  sentence: string; start: number; end: number;
}
/** A sentence holding a number the reader could not place. */
export interface UnreadSentence { sentence: string; start: number; end: number; }
/** What `readPlanText` returns: a draft plan (null without targets), its targets, what was not understood, notes. */
export interface PlanTextDraft {
  plan: PlanDocument | null; title: string | null; targets: DraftTarget[]; unread: UnreadSentence[];
  notes: { code: string; text: Text }[];
}
"#;

#[cfg(test)]
mod tests;
