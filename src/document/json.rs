//! Path-aware reading of a JSON document: every error names the field it is about.

use crate::error::{join, Error, Result};
use crate::exact::Exact;
use crate::number::{parse_decimal, parse_exact};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// Parses JSON text (RFC 8259), reporting line and column on failure. Numbers keep their printed digits; nesting
/// deeper than [`MAX_DEPTH`] is refused rather than overflowing the stack. A reader of our own: serde's generic
/// one, instantiated for `Value`, was about a tenth of the element's wasm.
pub fn parse_text(text: &str) -> Result<Value> {
    let mut r = Reader { text, pos: 0, depth: 0 };
    r.space();
    let value = r.value()?;
    r.space();
    if r.pos < text.len() {
        return Err(r.fail("trailing characters"));
    }
    Ok(value)
}

/// How deep arrays and objects may nest (as serde_json).
pub const MAX_DEPTH: usize = 128;

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// The error at the current position: line and column count from 1 (the column in characters).
    fn fail(&self, message: &str) -> Error {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::Json { line, column, message: format!("{message} at line {line} column {column}") }
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let hit = self.peek() == Some(byte);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value> {
        if self.text.get(self.pos..).is_some_and(|rest| rest.starts_with(word)) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.fail("expected a value"))
        }
    }

    fn value(&mut self) -> Result<Value> {
        match self.peek() {
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a value")),
            None => Err(self.fail("EOF while parsing a value")),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Value>) -> Result<Value> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded"));
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Result<Value> {
        let mut items = Vec::new();
        self.entries(b']', "a list", |r| {
            items.push(r.value()?);
            Ok(())
        })?;
        Ok(Value::Array(items))
    }

    fn object(&mut self) -> Result<Value> {
        let mut map = Map::new();
        self.entries(b'}', "an object", |r| {
            if r.peek() != Some(b'"') {
                return Err(r.fail(if r.peek().is_none() {
                    "EOF while parsing an object"
                } else {
                    "key must be a string"
                }));
            }
            let key = r.string()?;
            r.space();
            if !r.eat(b':') {
                return Err(r.fail("expected `:`"));
            }
            r.space();
            map.insert(key, r.value()?);
            Ok(())
        })?;
        Ok(Value::Object(map))
    }

    /// The entries of a list or an object, from its opening bracket to `close`, separated by commas; `entry` reads
    /// one, starting at its first character.
    fn entries(&mut self, close: u8, what: &str, mut entry: impl FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.pos += 1; // the opening bracket
        self.space();
        if self.eat(close) {
            return Ok(());
        }
        loop {
            self.space();
            entry(self)?;
            self.space();
            if self.eat(close) {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(if self.peek().is_none() {
                    self.fail(&format!("EOF while parsing {what}"))
                } else {
                    self.fail(&format!("expected `,` or `{}`", char::from(close)))
                });
            }
        }
    }

    fn string(&mut self) -> Result<String> {
        self.pos += 1; // "
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character in one go.
            // Those three are ASCII, so a byte scan stops only at a character boundary.
            let rest = self.text.get(self.pos..).unwrap_or("");
            let run = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < b' ').unwrap_or(rest.len());
            out.push_str(rest.get(..run).unwrap_or(""));
            self.pos += run;
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.fail("invalid escape")),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(_) => return Err(self.fail("control character (\\u0000-\\u001F) found while parsing a string")),
                None => return Err(self.fail("EOF while parsing a string")),
            }
        }
    }

    /// The four hex digits after `\u` (and a low surrogate's after a high one).
    fn unicode(&mut self) -> Result<char> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high).ok_or_else(|| self.fail("lone leading surrogate in hex escape"));
        }
        if !(self.eat(b'\\') && self.eat(b'u')) {
            return Err(self.fail("unexpected end of hex escape"));
        }
        let low = self.hex4()?;
        if !(0xDC00..0xE000).contains(&low) {
            return Err(self.fail("lone leading surrogate in hex escape"));
        }
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            .ok_or_else(|| self.fail("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self.text.get(self.pos..self.pos + 4).ok_or_else(|| self.fail("EOF while parsing a string"))?;
        let v = u32::from_str_radix(digits, 16).ok().filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()));
        let v = v.ok_or_else(|| self.fail("invalid escape"))?;
        self.pos += 4;
        Ok(v)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as its digits.
    fn number(&mut self) -> Result<Value> {
        let start = self.pos;
        self.eat(b'-');
        let digits = |r: &mut Self| {
            let from = r.pos;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.pos += 1;
            }
            r.pos - from
        };
        let leading_zero = self.peek() == Some(b'0');
        let int = digits(self);
        if int == 0 || (leading_zero && int > 1) {
            return Err(self.fail("invalid number"));
        }
        if self.eat(b'.') && digits(self) == 0 {
            return Err(self.fail("invalid number"));
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if digits(self) == 0 {
                return Err(self.fail("invalid number"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or("");
        text.parse::<serde_json::Number>().map(Value::Number).map_err(|_| self.fail("invalid number"))
    }
}

/// An object in the document together with its path.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    /// Views `value` as an object, or says at `path` that it must be one.
    pub fn new(value: &'a Value, path: &str) -> Result<Self> {
        match value {
            Value::Object(map) => Ok(Obj { map, path: path.to_owned() }),
            _ => Err(Error::Type { path: path.to_owned(), expected: "an object" }),
        }
    }

    /// The path of one of its fields.
    pub fn field_path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// A field, absent or `null` counted as missing.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A required field.
    pub fn req(&self, key: &str) -> Result<&'a Value> {
        self.get(key).ok_or_else(|| Error::Missing { path: self.field_path(key) })
    }

    /// A required string field.
    pub fn req_str(&self, key: &str) -> Result<&'a str> {
        as_str(self.req(key)?, &self.field_path(key))
    }

    /// An optional string field.
    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>> {
        self.get(key).map(|v| as_str(v, &self.field_path(key))).transpose()
    }

    /// A required non-empty identifier.
    pub fn req_id(&self, key: &str) -> Result<&'a str> {
        let id = self.req_str(key)?;
        if id.trim().is_empty() {
            return Err(Error::Invalid { path: self.field_path(key), reason: "an id cannot be empty".into() });
        }
        Ok(id)
    }

    /// An optional boolean field.
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error::Type { path: self.field_path(key), expected: "true or false" }),
        }
    }

    /// An optional array field; absent means empty.
    pub fn opt_array(&self, key: &str) -> Result<&'a [Value]> {
        match self.get(key) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(Error::Type { path: self.field_path(key), expected: "an array" }),
        }
    }

    /// An optional object field.
    pub fn opt_obj(&self, key: &str) -> Result<Option<Obj<'a>>> {
        self.get(key).map(|v| Obj::new(v, &self.field_path(key))).transpose()
    }

    /// A required object field.
    pub fn req_obj(&self, key: &str) -> Result<Obj<'a>> {
        Obj::new(self.req(key)?, &self.field_path(key))
    }

    /// A required decimal field (a string, or a JSON number read by its printed form).
    pub fn req_decimal(&self, key: &str) -> Result<Decimal> {
        as_decimal(self.req(key)?, &self.field_path(key))
    }

    /// An optional decimal field.
    pub fn opt_decimal(&self, key: &str) -> Result<Option<Decimal>> {
        self.get(key).map(|v| as_decimal(v, &self.field_path(key))).transpose()
    }

    /// The fields in document order.
    pub fn entries(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.map.iter()
    }
}

/// Views a value as a string.
pub fn as_str<'a>(value: &'a Value, path: &str) -> Result<&'a str> {
    value.as_str().ok_or_else(|| Error::Type { path: path.to_owned(), expected: "a string" })
}

/// Reads an amount: a decimal string as planners type it, or a JSON number.
pub fn as_decimal(value: &Value, path: &str) -> Result<Decimal> {
    match value {
        Value::String(s) => parse_decimal(s, path),
        Value::Number(n) => parse_decimal(&n.to_string(), path),
        _ => Err(Error::Type { path: path.to_owned(), expected: "a decimal string such as \"1450.5\"" }),
    }
}

/// Reads an exact amount: a decimal or fraction string, or a JSON number.
pub fn as_exact(value: &Value, path: &str) -> Result<Exact> {
    match value {
        Value::String(s) => parse_exact(s, path),
        _ => as_decimal(value, path).map(Exact::from),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    /// Our reader and serde_json agree on what is JSON and on what it holds.
    #[test]
    fn reads_json_as_serde_json_does() {
        let good = [
            r#"{"a": [1, -0, 2.50, 1e5, -1.5E-3, 12345678901234567890.123456789], "b": {"c": null, "d": true, "e": false}}"#,
            r#""\"\\\/\b\f\n\r\t\u0041\u4ebf\ud83d\udcc8""#,
            "  [ ]  ",
            "{}",
            "\"工业投资 1,450亿元\"",
            r#"{"dup": 1, "dup": 2}"#,
            "0",
        ];
        for text in good {
            let ours = parse_text(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(ours, serde_json::from_str::<Value>(text).unwrap(), "{text}");
        }
        let bad = [
            "",
            " ",
            "{",
            "[1, 2",
            "{\"a\" 1}",
            "{\"a\": 1,}",
            "[1,]",
            "01",
            "1.",
            "-",
            "1e",
            ".5",
            "+1",
            "tru",
            "nul",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud83d\"",
            "\"\\udc00\"",
            "\"a\nb\"",
            "{1: 2}",
            "[1] 2",
            "NaN",
            "Infinity",
        ];
        for text in bad {
            assert!(serde_json::from_str::<Value>(text).is_err(), "serde_json reads {text:?}");
            match parse_text(text) {
                Err(Error::Json { .. }) => {}
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn every_preset_reads_the_same() {
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/www/presets")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(parse_text(&text).unwrap(), serde_json::from_str::<Value>(&text).unwrap());
        }
    }

    #[test]
    fn errors_give_line_and_column_and_deep_nesting_is_refused() {
        match parse_text("{\n  \"a\": [1,\n  2,,]\n}") {
            Err(Error::Json { line, column, .. }) => assert_eq!((line, column), (3, 5)),
            other => panic!("{other:?}"),
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(matches!(parse_text(&deep), Err(Error::Json { .. })));
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse_text(&ok).is_ok());
        // Far deeper than any stack holds: still an error, not a crash.
        let very = "[".repeat(1_000_000);
        assert!(matches!(parse_text(&very), Err(Error::Json { .. })));
    }
}
