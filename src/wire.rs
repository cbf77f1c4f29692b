//! The wire form of an edit's results: how an [`Outcome`](crate::Outcome) (and the whole [`Results`]) cross from
//! the wasm core to JavaScript, where `src/outcome.js` turns them back into the very objects their JSON would give.
//!
//! Why not the objects' JSON: `JSON.parse` spends most of its time creating objects key by key (an edit's result
//! has ~50 of them). The wire form is one flat JSON array of strings and small integers, which the engine parses
//! several times faster (faster, too, than splitting a string on a separator), and code that knows the shapes
//! assembles the objects. Writing it is cheaper than serialising with serde. The format is private to this crate
//! and its decoder.
//!
//! Format: `[TAG, kind, …fields]`, the kind `outcome` or `results`. Lists are a count followed by their items; an
//! absent string or quantity is `null`. A quantity is four fields: exact, fraction (or `null`), display, and its
//! kind — an index into the table of (unit, symbol) pairs that ends the array (its pairs, then their count). A
//! status is its index in [`STATUSES`]; a warning code, a figure's name, an extra's key or a unit name in the word
//! list ([`word_index`]) is its index there. Amounts stay strings: only counts and indices are JSON numbers.

use crate::calc::checks::Warning;
use crate::calc::indicator::{Quantity, Unit};
use crate::calc::session::{BreakdownResult, Changes, Results, Session};
use crate::calc::target::{Status, TargetResult};
use rust_decimal::Decimal;

/// The first field: names the format and its version.
pub const TAG: &str = "w3";
/// Statuses by their index on the wire (the decoder holds the same list).
const STATUSES: [Status; 4] = [Status::Met, Status::NotMet, Status::NoData, Status::Undefined];

/// Writes the fields of one JSON array into a string, collecting the (unit, symbol) pairs its quantities refer to.
struct Writer<'a> {
    out: &'a mut String,
    kinds: Vec<(Unit, crate::text::Short)>,
}

impl<'a> Writer<'a> {
    /// Starts the array with the tag and the kind of result.
    fn start(out: &'a mut String, kind: &str) -> Writer<'a> {
        out.clear();
        out.push('[');
        push_json_string(out, TAG);
        let mut w = Writer { out, kinds: Vec::new() };
        w.field(kind);
        w
    }

    fn field(&mut self, text: &str) {
        self.out.push(',');
        push_json_string(self.out, text);
    }

    /// A text that is likely in the word list ([`word_index`]): its index if it is.
    fn word(&mut self, text: &str) {
        match word_index(text) {
            Some(i) => self.count(i),
            None => self.field(text),
        }
    }

    fn opt(&mut self, text: Option<&str>) {
        match text {
            Some(t) => self.field(t),
            None => self.out.push_str(",null"),
        }
    }

    fn count(&mut self, n: usize) {
        self.out.push(',');
        push_usize(self.out, n);
    }

    fn decimal(&mut self, d: &Decimal) {
        self.out.push_str(",\"");
        push_decimal(self.out, d);
        self.out.push('"');
    }

    /// A text of ours that needs no escaping (digits, signs, points, slashes).
    fn plain(&mut self, text: &str) {
        debug_assert!(text.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'), "{text:?}");
        self.out.push_str(",\"");
        self.out.push_str(text);
        self.out.push('"');
    }

    fn quantity(&mut self, q: &Quantity) {
        self.decimal(&q.exact);
        match &q.fraction {
            Some(f) => self.plain(f),
            None => self.out.push_str(",null"),
        }
        self.plain(&q.display);
        let kind = match self.kinds.iter().position(|(u, s)| *u == q.unit && *s == q.symbol) {
            Some(k) => k,
            None => {
                self.kinds.push((q.unit, q.symbol));
                self.kinds.len() - 1
            }
        };
        self.count(kind);
    }

    /// Ends the array with the table of kinds.
    fn finish(mut self) {
        let kinds = std::mem::take(&mut self.kinds);
        for (unit, symbol) in &kinds {
            self.word(unit_name(*unit));
            self.word(symbol);
        }
        self.count(kinds.len());
        self.out.push(']');
    }

    fn opt_quantity(&mut self, q: Option<&Quantity>) {
        match q {
            Some(q) => self.quantity(q),
            None => self.out.push_str(",null"),
        }
    }

    fn quantities(&mut self, list: &[Option<Quantity>]) {
        self.count(list.len());
        for q in list {
            self.opt_quantity(q.as_ref());
        }
    }

    fn strings(&mut self, list: &[String]) {
        self.count(list.len());
        for s in list {
            self.field(s);
        }
    }

    fn target(&mut self, t: &TargetResult) {
        self.field(&t.id);
        self.count(STATUSES.iter().position(|s| *s == t.status).unwrap_or(0));
        self.opt_quantity(t.value.as_ref());
        self.quantity(&t.target);
        self.opt_quantity(t.margin.as_ref());
        self.opt_quantity(t.needed.as_ref());
        self.opt(t.lever.as_deref());
        self.count(t.extras.len());
        for e in &t.extras {
            self.word(&e.key);
            self.quantity(&e.value);
        }
        self.count(t.contributions.len());
        for c in &t.contributions {
            self.field(&c.id);
            self.quantity(&c.value);
        }
        self.strings(&t.missing);
        self.opt(t.reason.as_deref());
    }

    fn breakdown(&mut self, b: &BreakdownResult) {
        self.field(&b.id);
        self.quantities(&b.remainder);
        self.quantities(&b.remainder_share);
    }

    /// A warning; `grouped` leaves out its subject, which is its group's.
    fn warning(&mut self, w: &Warning, grouped: bool) {
        if !grouped {
            self.field(&w.subject);
        }
        self.word(&w.code);
        self.strings(&w.ids);
        self.opt(w.period.as_deref());
        self.count(w.figures.len());
        for (name, q) in &w.figures {
            self.word(name);
            self.quantity(q);
        }
        self.field(&w.zh_cn);
        self.field(&w.en);
    }
}

/// Writes what an edit changed ([`Changes`]) into `out` (cleared first), read from the session's results: the
/// fields its [`Outcome`](crate::Outcome) would have, without copying them into one first.
pub fn write_changes(session: &Session, c: &Changes, out: &mut String) {
    let plan = session.plan();
    let results = session.cached();
    let mut w = Writer::start(out, "outcome");
    w.field(&results.scenario);
    w.count(c.series.len());
    for &(s, p) in &c.series {
        w.field(plan.series_id(s));
        w.field(plan.period_id(p));
        w.opt_quantity(session.cached_value(s, p).as_ref());
    }
    let targets: Vec<&TargetResult> = c.targets.iter().filter_map(|&t| results.targets.get(t)).collect();
    w.count(targets.len());
    targets.into_iter().for_each(|t| w.target(t));
    let breakdowns: Vec<&BreakdownResult> = c.breakdowns.iter().filter_map(|&b| results.breakdowns.get(b)).collect();
    w.count(breakdowns.len());
    breakdowns.into_iter().for_each(|b| w.breakdown(b));
    let groups: Vec<(&str, &[Warning])> = c.subjects.iter().filter_map(|&i| session.warning_group(i)).collect();
    w.count(groups.len());
    for (subject, warnings) in groups {
        w.field(subject);
        w.count(warnings.len());
        warnings.iter().for_each(|x| w.warning(x, true));
    }
    w.finish();
}

/// Writes every result of a scenario into `out` (cleared first).
pub fn write_results(r: &Results, out: &mut String) {
    let mut w = Writer::start(out, "results");
    w.field(&r.scenario);
    w.count(r.series.len());
    for s in &r.series {
        w.field(&s.id);
        w.quantities(&s.values);
    }
    w.count(r.breakdowns.len());
    r.breakdowns.iter().for_each(|b| w.breakdown(b));
    w.count(r.targets.len());
    r.targets.iter().for_each(|t| w.target(t));
    w.count(r.warnings.len());
    r.warnings.iter().for_each(|x| w.warning(x, false));
    w.finish();
}

/// Words the results use again and again — warning codes, the names of the figures a warning cites, the keys of a
/// target's extras, unit names — travel as their index here (`src/outcome.js` holds the same list, in the same
/// order: a test compares them). Any other text travels as itself. A `match` compiles to a switch on the length
/// and one comparison, where searching a list compared with every word.
fn word_index(text: &str) -> Option<usize> {
    Some(match text {
        "total.smaller_than_part" => 0,
        "breakdown.exceeds_parent" => 1,
        "breakdown.not_covered" => 2,
        "share.parts_miss_target" => 3,
        "growth.differs_from_levels" => 4,
        "aggregate.units_miss_total" => 5,
        "aggregate.needs_weight" => 6,
        "target.conflict" => 7,
        "sum" => 8,
        "parent" => 9,
        "factor" => 10,
        "gap" => 11,
        "whole" => 12,
        "part" => 13,
        "published" => 14,
        "from_levels" => 15,
        "value" => 16,
        "implied" => 17,
        "min_share" => 18,
        "time_progress" => 19,
        "ahead" => 20,
        "run_rate" => 21,
        "amount" => 22,
        "percent" => 23,
        "pp" => 24,
        "times" => 25,
        "%" => 26,
        "×" => 27,
        _ => return None,
    })
}

/// The name serde gives a unit (`rename_all = "snake_case"`).
fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Amount => "amount",
        Unit::Percent => "percent",
        Unit::Pp => "pp",
        Unit::Times => "times",
    }
}

fn push_usize(out: &mut String, n: usize) {
    match u8::try_from(n) {
        // Counts and indices: nearly always one digit.
        Ok(d) if d < 10 => out.push(char::from(b'0' + d)),
        _ => {
            let text = crate::text::Short::scaled(false, n as u128, 0, 0).unwrap_or_default();
            out.push_str(&text);
        }
    }
}

/// `text` as a JSON string: quotes, backslashes and control characters escaped (the rest as is: JSON is UTF-8).
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    if !needs_escape(text.as_bytes()) {
        out.push_str(text);
    } else {
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if u32::from(c) < 0x20 => {
                    let hex = |n: u32| char::from_digit(n & 15, 16).unwrap_or('0');
                    out.push_str("\\u00");
                    out.push(hex(u32::from(c) >> 4));
                    out.push(hex(u32::from(c)));
                }
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

/// Whether any byte is a quote, a backslash or a control character. Eight bytes at a time (a message is a few
/// hundred): a zero byte in `x ^ pattern` marks a match, and `x − 0x20…` borrows from bytes below 0x20.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        // Bytes below 0x20: x − 0x20 per byte borrows, unless the byte has its high bit set (UTF-8, never below).
        let low = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
        if low || zero_byte(x ^ (ONES * u64::from(b'"'))) || zero_byte(x ^ (ONES * u64::from(b'\\'))) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// A decimal as its `Display` writes it (every digit of the mantissa, `scale` of them after the point, and the sign
/// even of a negative zero), straight from the mantissa.
fn push_decimal(out: &mut String, d: &Decimal) {
    let mut digits = [b'0'; 40];
    let count = crate::text::digits_of(d.mantissa().unsigned_abs(), &mut digits);
    let scale = d.scale() as usize;
    // In order, most significant first, with the point and at least one digit before it.
    let mut text = [0u8; 48];
    let mut len = 0;
    let mut put = |b: u8| {
        if let Some(slot) = text.get_mut(len) {
            *slot = b;
            len += 1;
        }
    };
    if d.is_sign_negative() {
        put(b'-');
    }
    for at in (0..count.max(scale + 1)).rev() {
        put(digits.get(at).copied().unwrap_or(b'0'));
        if at == scale && scale > 0 {
            put(b'.');
        }
    }
    out.push_str(std::str::from_utf8(text.get(..len).unwrap_or_default()).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic)] // tests, not library code
    use super::*;
    use std::str::FromStr;

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        let mut cases: Vec<Decimal> = [
            "0",
            "0.0",
            "0.00",
            "1",
            "-1",
            "371.5",
            "1913.50",
            "-1892.50",
            "0.001",
            "-0.05",
            "1769.047619047619047619047619",
            "79228162514337593543950335",
            "-79228162514337593543950335",
            "0.0000000000000000000000000001",
            "7.9228162514337593543950335",
            "100",
            "1e3",
        ]
        .iter()
        .filter_map(|s| Decimal::from_str(s).or_else(|_| Decimal::from_scientific(s)).ok())
        .collect();
        let mut neg_zero = Decimal::from_str("0.00").unwrap_or_default();
        neg_zero.set_sign_negative(true);
        cases.push(neg_zero);
        // A spread of mantissas and scales.
        let mut x: i128 = 1;
        for scale in 0..=28u32 {
            for k in 0..12 {
                x = (x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407 + k))
                    .rem_euclid(79228162514337593543950335);
                cases.push(Decimal::from_i128_with_scale(if k % 2 == 0 { x } else { -x }, scale));
                cases.push(Decimal::from_i128_with_scale(x % 1000, scale));
            }
        }
        for d in cases {
            let mut out = String::new();
            push_decimal(&mut out, &d);
            assert_eq!(out, d.to_string(), "{d:?}");
        }
    }

    #[test]
    fn texts_are_written_as_json_strings() {
        for text in
            ["", "plain", "亿元", "a \"quoted\" \\ back", "line\nbreak\ttab\r", "\u{1f}\u{0}\u{7f}", "📈 \u{2028}"]
        {
            let mut out = String::new();
            push_json_string(&mut out, text);
            assert_eq!(serde_json::from_str::<String>(&out).ok().as_deref(), Some(text), "{out}");
        }
    }

    #[test]
    fn the_escape_scan_finds_what_needs_escaping_at_every_position() {
        let plain = "abcdefghijklmnopqrstuvwxyz 亿元×📈~";
        assert!(!needs_escape(plain.as_bytes()));
        for bad in ['"', '\\', '\n', '\u{0}', '\u{1f}'] {
            for at in 0..=plain.len() {
                if !plain.is_char_boundary(at) {
                    continue;
                }
                let text = format!("{}{bad}{}", &plain[..at], &plain[at..]);
                assert!(needs_escape(text.as_bytes()), "{text:?}");
            }
        }
        // Bytes just around the special ones are not special.
        assert!(!needs_escape(b" !#$%&'()*+,-./[]^_`{|}\x7f\x7f\x7f"));
    }

    #[test]
    fn every_preset_writes_one_json_array() {
        for name in ["bijie", "changzhi", "projects-demo", "tongren", "wuzhong", "zunyi"] {
            let path = format!("{}/www/presets/{name}.json", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let Ok(mut s) = Session::from_json(&text) else { panic!("{name} loads") };
            let mut out = String::new();
            write_results(&s.results(), &mut out);
            let parsed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap_or_default();
            assert_eq!(parsed.first().and_then(|v| v.as_str()), Some(TAG), "{name}");
            let (series, period) = (s.plan().series_id(0).to_owned(), s.plan().period_id(0).to_owned());
            if let Ok(c) = s.set_value_changes(&series, &period, "12.5") {
                write_changes(&s, &c, &mut out);
                assert!(serde_json::from_str::<Vec<serde_json::Value>>(&out).is_ok(), "{name}: {out}");
            }
        }
    }

    #[test]
    fn the_decoder_knows_the_same_words_in_the_same_order() {
        let js = include_str!("outcome.js");
        let start = js.find("const WORDS = [").unwrap_or(0);
        let list = js.get(start..).and_then(|rest| rest.split_once("];")).map_or("", |(list, _)| list);
        let words: Vec<String> = list.split('\'').skip(1).step_by(2).map(str::to_owned).collect();
        assert_eq!(words, WORDS.map(str::to_owned).to_vec());
    }

    /// The words of `word_index` in their order; `src/outcome.js` must hold the same list.
    const WORDS: [&str; 28] = [
        "total.smaller_than_part",
        "breakdown.exceeds_parent",
        "breakdown.not_covered",
        "share.parts_miss_target",
        "growth.differs_from_levels",
        "aggregate.units_miss_total",
        "aggregate.needs_weight",
        "target.conflict",
        "sum",
        "parent",
        "factor",
        "gap",
        "whole",
        "part",
        "published",
        "from_levels",
        "value",
        "implied",
        "min_share",
        "time_progress",
        "ahead",
        "run_rate",
        "amount",
        "percent",
        "pp",
        "times",
        "%",
        "×",
    ];

    #[test]
    fn every_word_is_found_at_its_place() {
        for (i, w) in WORDS.iter().enumerate() {
            assert_eq!(word_index(w), Some(i), "{w}");
        }
        assert_eq!(word_index("industrial"), None);
    }

    #[test]
    fn counts_are_written_in_decimal() {
        for n in [0usize, 7, 10, 99, 1234567, usize::MAX] {
            let mut out = String::new();
            push_usize(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
