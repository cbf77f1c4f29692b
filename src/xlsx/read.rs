//! Reading a workbook as Excel and WPS write it: a zip ([`zip`]) of XML parts ([`quick_xml`]).
//!
//! Every cell comes back as text: numbers as the digits the file holds (a cell holding 1450.1 is "1450.1", never
//! read through binary floating point), formulas as their cached values, dates (cells with a date format) as
//! ISO dates in the workbook's 1900 or 1904 system, shared and inline strings as their text. Merged cells repeat
//! their first cell's value (a merged header names every column it spans). Trailing empty rows are dropped.

use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// The most a part of the workbook may hold once inflated: a sheet of 250,000 rows of ten cells is about 60 MB.
const MAX_PART_BYTES: u64 = 512 << 20;
/// The most non-empty rows a sheet may hold. A plan's list of 100,000 projects fits with room to spare; a sheet
/// filled to Excel's last row (1,048,576) is refused with `xlsx.too_many_rows` before it exhausts memory.
pub const MAX_ROWS: usize = 250_000;
/// A cell further down than this (zero-based row) is refused as well, however few rows hold cells: every row above
/// it would be held.
const LAST_ROW: usize = 4 * MAX_ROWS;

/// An open workbook: its sheets' names, read on demand.
pub struct Workbook {
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
    sheets: Vec<SheetEntry>,
    strings: Vec<String>,
    /// For each cell format (`s` attribute), whether it shows a date.
    date_styles: Vec<bool>,
    date1904: bool,
}

struct SheetEntry {
    name: String,
    path: String,
    hidden: bool,
}

/// A sheet read: its rows of cell texts (ragged; an empty string where a cell is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Workbook {
    /// Opens a workbook from its bytes: the sheets' names, shared strings and cell formats are read now, the sheets
    /// when asked for.
    pub fn open(bytes: Vec<u8>) -> Result<Workbook> {
        // An OLE compound file: what Excel writes for a password-protected workbook (and for the old .xls format).
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(Error::rule(
                "xlsx.encrypted",
                "file",
                "the workbook is password-protected (or an old .xls file): save it as .xlsx without a password",
            ));
        }
        if !bytes.starts_with(b"PK") {
            return Err(Error::rule("xlsx.not_zip", "file", "the file is not an .xlsx workbook (not a zip archive)"));
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::rule("xlsx.not_zip", "file", format!("the file is not a readable zip archive ({e})"))
        })?;
        let mut book =
            Workbook { archive, sheets: Vec::new(), strings: Vec::new(), date_styles: Vec::new(), date1904: false };
        let main = book.main_part()?;
        let rels = book.relationships(&main)?;
        let workbook = book.part(&main)?;
        book.read_workbook(&workbook, &rels, &main)?;
        if let Some(path) = rels.iter().find(|r| r.kind.ends_with("/sharedStrings")).map(|r| r.target.clone()) {
            let text = book.part(&path)?;
            book.strings = shared_strings(&text)?;
        }
        if let Some(path) = rels.iter().find(|r| r.kind.ends_with("/styles")).map(|r| r.target.clone()) {
            let text = book.part(&path)?;
            book.date_styles = date_styles(&text)?;
        }
        Ok(book)
    }

    /// The sheets' names, in the workbook's order, and whether each is hidden.
    pub fn sheet_names(&self) -> Vec<(String, bool)> {
        self.sheets.iter().map(|s| (s.name.clone(), s.hidden)).collect()
    }

    /// Reads sheet `index`; `progress(done, total)` in bytes of its XML.
    pub fn sheet(&mut self, index: usize, progress: &mut dyn FnMut(usize, usize)) -> Result<Sheet> {
        let entry = self
            .sheets
            .get(index)
            .ok_or_else(|| Error::rule("xlsx.no_sheet", "file", format!("there is no sheet {index}")))?;
        let (name, path) = (entry.name.clone(), entry.path.clone());
        let text = self.part(&path)?;
        let rows = SheetReader { book: self, name: &name }.read(&text, progress)?;
        Ok(Sheet { name, rows })
    }

    /// The sheet named `name`, if the workbook has one.
    pub fn sheet_index(&self, name: &str) -> Option<usize> {
        self.sheets.iter().position(|s| s.name == name)
    }

    /// The workbook part: `_rels/.rels` names it (xl/workbook.xml as Excel and WPS write it).
    fn main_part(&mut self) -> Result<String> {
        if self.archive.by_name("_rels/.rels").is_ok() {
            let text = self.part("_rels/.rels")?;
            let rels = relationships(&text, "")?;
            if let Some(r) = rels.iter().find(|r| r.kind.ends_with("/officeDocument")) {
                return Ok(r.target.clone());
            }
        }
        if self.archive.by_name("xl/workbook.xml").is_ok() {
            return Ok("xl/workbook.xml".into());
        }
        Err(Error::rule(
            "xlsx.not_workbook",
            "file",
            "the zip archive holds no workbook (is it a .docx or another kind of file?)",
        ))
    }

    /// The relationships of part `path` (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`).
    fn relationships(&mut self, path: &str) -> Result<Vec<Relationship>> {
        let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
        let rels = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        if self.archive.by_name(&rels).is_err() {
            return Ok(Vec::new());
        }
        let text = self.part(&rels)?;
        relationships(&text, dir)
    }

    fn read_workbook(&mut self, text: &str, rels: &[Relationship], main: &str) -> Result<()> {
        let mut reader = Reader::from_str(text);
        loop {
            match reader.read_event().map_err(|e| xml_error(main, &e))? {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "workbookPr" => {
                        self.date1904 = matches!(attribute(&e, "date1904").as_deref(), Some("1" | "true"));
                    }
                    "sheet" => {
                        let name = attribute(&e, "name").unwrap_or_default();
                        let id = attribute(&e, "id").unwrap_or_default();
                        let hidden = matches!(attribute(&e, "state").as_deref(), Some("hidden" | "veryHidden"));
                        // Chart sheets and macro sheets have no cells: only worksheets are listed.
                        if let Some(r) = rels.iter().find(|r| r.id == id && r.kind.ends_with("/worksheet")) {
                            self.sheets.push(SheetEntry { name, path: r.target.clone(), hidden });
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        if self.sheets.is_empty() {
            return Err(Error::rule("xlsx.not_workbook", "file", "the workbook has no worksheets"));
        }
        Ok(())
    }

    /// A part's text, inflated (at most [`MAX_PART_BYTES`]).
    fn part(&mut self, path: &str) -> Result<String> {
        let file = self
            .archive
            .by_name(path)
            .map_err(|_| Error::rule("xlsx.not_workbook", "file", format!("the workbook lacks its part {path}")))?;
        let mut bytes = Vec::new();
        file.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::rule("xlsx.not_zip", "file", format!("{path} cannot be inflated ({e})")))?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(Error::rule(
                "xlsx.too_large",
                "file",
                format!("{path} holds more than {} MB of data: split the workbook", MAX_PART_BYTES >> 20),
            ));
        }
        String::from_utf8(bytes).map_err(|_| Error::rule("xlsx.bad_xml", "file", format!("{path} is not UTF-8 text")))
    }
}

struct Relationship {
    id: String,
    kind: String,
    /// The part's path inside the archive.
    target: String,
}

fn relationships(text: &str, dir: &str) -> Result<Vec<Relationship>> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| xml_error("relationships", &e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let target = attribute(&e, "Target").unwrap_or_default();
                out.push(Relationship {
                    id: attribute(&e, "Id").unwrap_or_default(),
                    kind: attribute(&e, "Type").unwrap_or_default(),
                    target: resolve(dir, &target),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A relationship target against the folder of its source part: "worksheets/sheet1.xml" from "xl", or "/xl/…".
fn resolve(dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn xml_error(part: &str, e: &quick_xml::Error) -> Error {
    Error::rule("xlsx.bad_xml", "file", format!("{part} is not well-formed XML ({e})"))
}

/// Text content, with entity references resolved and Excel's `_xHHHH_` escapes of control characters undone.
fn push_reference(out: &mut String, name: &str) {
    match name {
        "amp" => out.push('&'),
        "lt" => out.push('<'),
        "gt" => out.push('>'),
        "quot" => out.push('"'),
        "apos" => out.push('\''),
        _ => {
            let code = name
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()));
            if let Some(c) = code.and_then(char::from_u32) {
                out.push(c);
            }
        }
    }
}

/// Undoes `_x000D_`-style escapes (Excel writes control characters so); `_x005F_` is an escaped underscore.
fn unescape_ooxml(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let hex = after.get(2..6).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match (hex, after.get(6..7)) {
            (Some(h), Some("_")) => {
                if let Some(c) = u32::from_str_radix(h, 16).ok().and_then(char::from_u32) {
                    out.push(c);
                }
                rest = after.get(7..).unwrap_or("");
            }
            _ => {
                out.push_str("_x");
                rest = after.get(2..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shared string table: each `<si>`'s text, its runs joined, phonetic guides (`<rPh>`) left out.
fn shared_strings(text: &str) -> Result<Vec<String>> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut in_t, mut in_phonetic) = (false, 0u32);
    loop {
        match reader.read_event().map_err(|e| xml_error("sharedStrings", &e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current.clear(),
                "t" => in_t = true,
                "rPh" => in_phonetic += 1,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => out.push(unescape_ooxml(&std::mem::take(&mut current))),
                "t" => in_t = false,
                "rPh" => in_phonetic = in_phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_t && in_phonetic == 0 => current.push_str(&t.xml10_content()),
            Event::CData(t) if in_t && in_phonetic == 0 => current.push_str(&t),
            Event::GeneralRef(r) if in_t && in_phonetic == 0 => push_reference(&mut current, &r),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// For each cell format of `styles.xml` (`cellXfs`), whether its number format shows a date or a time.
fn date_styles(text: &str) -> Result<Vec<bool>> {
    let mut reader = Reader::from_str(text);
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    loop {
        match reader.read_event().map_err(|e| xml_error("styles", &e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id = attribute(&e, "numFmtId").and_then(|x| x.parse().ok()).unwrap_or(0);
                    custom.push((id, is_date_format(&attribute(&e, "formatCode").unwrap_or_default())));
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    let id: u32 = attribute(&e, "numFmtId").and_then(|x| x.parse().ok()).unwrap_or(0);
                    let date = custom.iter().find(|(c, _)| *c == id).map_or_else(|| builtin_date(id), |(_, d)| *d);
                    out.push(date);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The built-in number formats that show dates and times (ECMA-376 §18.8.30, with the East Asian ones).
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a format code shows a date: a y, m, d or h outside quoted text, escapes and [colour] sections.
fn is_date_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => escaped = true,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// The date of a serial day number: 1900 system (with Lotus's phantom 29 February 1900) or 1904 system.
pub fn serial_date(serial: i64, date1904: bool) -> Option<String> {
    // Days from 1970-01-01 of the serial's epoch: 1899-12-30 (serials after the phantom day), 1899-12-31 before it.
    let days = if date1904 {
        serial.checked_add(-24_107)?
    } else if serial >= 61 {
        serial.checked_add(-25_569)?
    } else if serial >= 1 {
        serial.checked_add(-25_568)?
    } else {
        return None;
    };
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (1900..=9999).contains(&year).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A number as the file writes it, in plain decimal notation ("1.5E-3" → "0.0015"); the digits are kept as written.
pub fn plain_number(text: &str) -> String {
    let t = text.trim();
    let Some((mantissa, exp)) = t.split_once(['E', 'e']) else { return t.to_owned() };
    let Ok(exp) = exp.trim_start_matches('+').parse::<i32>() else { return t.to_owned() };
    if exp.unsigned_abs() > 40 {
        return t.to_owned();
    }
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa.trim_start_matches('+')),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if !(int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())) || (int.is_empty() && frac.is_empty()) {
        return t.to_owned();
    }
    let digits = format!("{int}{frac}");
    // Where the decimal point falls within `digits` after the shift.
    let point = i32::try_from(int.len()).unwrap_or(0) + exp;
    let (whole, fraction) = if point <= 0 {
        (String::from("0"), format!("{}{digits}", "0".repeat(point.unsigned_abs() as usize)))
    } else if point as usize >= digits.len() {
        (format!("{digits}{}", "0".repeat(point as usize - digits.len())), String::new())
    } else {
        let (a, b) = digits.split_at(point as usize);
        (a.to_owned(), b.to_owned())
    };
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// "B12" → (row 11, column 1), zero-based.
fn cell_position(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = r.split_at(letters);
    let mut c = 0usize;
    for b in col.bytes() {
        c = c.checked_mul(26)?.checked_add(usize::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1)?;
    }
    let row: usize = row.parse().ok()?;
    Some((row.checked_sub(1)?, c.checked_sub(1)?))
}

/// The column letters of a zero-based column index: 0 → "A", 27 → "AB".
pub fn column_name(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A merged range: its first and last cell, (row, column) zero-based.
type Merge = ((usize, usize), (usize, usize));

struct SheetReader<'a> {
    book: &'a Workbook,
    name: &'a str,
}

/// The cell being read.
#[derive(Default)]
struct CellState {
    col: usize,
    kind: String,
    style: usize,
    value: String,
    in_value: bool,
}

impl SheetReader<'_> {
    fn read(&self, text: &str, progress: &mut dyn FnMut(usize, usize)) -> Result<Vec<Vec<String>>> {
        let mut reader = Reader::from_str(text);
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut merges: Vec<Merge> = Vec::new();
        let mut row_index = 0usize;
        let mut next_col = 0usize;
        let mut cell: Option<CellState> = None;
        let mut non_empty = 0usize;
        let total = text.len();
        loop {
            let event = reader.read_event().map_err(|e| xml_error(self.name, &e))?;
            match event {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                    row_index = attribute(&e, "r")
                        .and_then(|r| r.parse::<usize>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(rows.len());
                    next_col = 0;
                    if rows.len() % 4096 == 0 {
                        progress(usize::try_from(reader.buffer_position()).unwrap_or(total), total);
                    }
                }
                Event::Start(e) if e.local_name().as_ref() == "c" => {
                    cell = Some(self.cell_start(&e, &mut next_col));
                }
                Event::Empty(e) if e.local_name().as_ref() == "c" => {
                    self.cell_start(&e, &mut next_col);
                }
                Event::Start(e) if matches!(e.local_name().as_ref(), "v" | "t") => {
                    if let Some(c) = cell.as_mut() {
                        c.in_value = true;
                    }
                }
                Event::End(e) if matches!(e.local_name().as_ref(), "v" | "t") => {
                    if let Some(c) = cell.as_mut() {
                        c.in_value = false;
                    }
                }
                Event::Start(e) if e.local_name().as_ref() == "rPh" => {
                    // A phonetic guide inside an inline string: skipped.
                    reader.read_to_end(e.name()).map_err(|e| xml_error(self.name, &e))?;
                }
                Event::Text(t) => {
                    if let Some(c) = cell.as_mut().filter(|c| c.in_value) {
                        c.value.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(c) = cell.as_mut().filter(|c| c.in_value) {
                        push_reference(&mut c.value, &r);
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "c" => {
                    if let Some(c) = cell.take() {
                        let text = self.cell_text(&c);
                        if !text.is_empty() {
                            if row_index >= rows.len() {
                                if row_index >= LAST_ROW || non_empty >= MAX_ROWS {
                                    return Err(too_many(self.name));
                                }
                                rows.resize(row_index + 1, Vec::new());
                                non_empty += 1;
                            }
                            if let Some(row) = rows.get_mut(row_index) {
                                if c.col >= 16_384 {
                                    continue;
                                }
                                if row.len() <= c.col {
                                    row.resize(c.col + 1, String::new());
                                }
                                if let Some(slot) = row.get_mut(c.col) {
                                    *slot = text;
                                }
                            }
                        }
                    }
                }
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                    if let Some((a, b)) = attribute(&e, "ref").as_deref().and_then(|r| r.split_once(':')) {
                        if let (Some(a), Some(b)) = (cell_position(a), cell_position(b)) {
                            merges.push((a, b));
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        fill_merges(&mut rows, &merges);
        while rows.last().is_some_and(|r| r.iter().all(|c| c.trim().is_empty())) {
            rows.pop();
        }
        progress(total, total);
        Ok(rows)
    }

    fn cell_start(&self, e: &BytesStart<'_>, next_col: &mut usize) -> CellState {
        let col = attribute(e, "r").and_then(|r| cell_position(&r)).map_or(*next_col, |(_, c)| c);
        *next_col = col + 1;
        CellState {
            col,
            kind: attribute(e, "t").unwrap_or_default(),
            style: attribute(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0),
            value: String::new(),
            in_value: false,
        }
    }

    /// A cell's value as text, by its type.
    fn cell_text(&self, c: &CellState) -> String {
        match c.kind.as_str() {
            "s" => {
                c.value.trim().parse::<usize>().ok().and_then(|i| self.book.strings.get(i)).cloned().unwrap_or_default()
            }
            "inlineStr" | "str" => unescape_ooxml(&c.value),
            "b" => (if c.value.trim() == "1" { "TRUE" } else { "FALSE" }).to_owned(),
            "e" | "d" => c.value.trim().to_owned(),
            _ => {
                let number = plain_number(&c.value);
                let date = self.book.date_styles.get(c.style).copied().unwrap_or(false);
                if date && !number.is_empty() {
                    let day = number.split('.').next().and_then(|d| d.parse::<i64>().ok());
                    if let Some(d) = day.and_then(|d| serial_date(d, self.book.date1904)) {
                        return d;
                    }
                }
                number
            }
        }
    }
}

fn too_many(sheet: &str) -> Error {
    Error::rule(
        "xlsx.too_many_rows",
        "file",
        format!("sheet \"{sheet}\" has more than {MAX_ROWS} rows: split it, or keep only the rows plancalc needs"),
    )
}

/// Repeats each merged range's first cell over the range (at most 10,000 cells per range).
fn fill_merges(rows: &mut [Vec<String>], merges: &[Merge]) {
    for &((r0, c0), (r1, c1)) in merges {
        if (r1.saturating_sub(r0) + 1).saturating_mul(c1.saturating_sub(c0) + 1) > 10_000 {
            continue;
        }
        let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else { continue };
        for r in r0..=r1.min(rows.len().saturating_sub(1)) {
            let Some(row) = rows.get_mut(r) else { continue };
            if row.len() <= c1 {
                row.resize(c1 + 1, String::new());
            }
            for c in c0..=c1 {
                if let Some(slot) = row.get_mut(c) {
                    if slot.is_empty() {
                        slot.clone_from(&value);
                    }
                }
            }
        }
    }
}

/// A sheet's rows as CSV text, one line per row (a cell's line breaks become spaces), so that the project and
/// monthly imports read a sheet through the same column mapping as a CSV file, and a bad row's line is its row.
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let cell = cell.replace(['\r', '\n'], " ");
            if cell.contains([',', '"']) || cell.starts_with(' ') || cell.ends_with(' ') {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&cell);
            }
        }
        out.push('\n');
    }
    out
}
