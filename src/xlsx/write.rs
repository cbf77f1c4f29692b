//! Writing a workbook: sheets of text, numbers and formulas with their cached values, as the XML parts of
//! ECMA-376 (SpreadsheetML) in a zip ([`zip`], deflated).
//!
//! Numbers are written as their decimal digits (a `Decimal`'s text), never through binary floating point; strings
//! inline (`t="inlineStr"`), so there is no shared-string table to build; every formula carries its cached value,
//! and the workbook asks to be recalculated when opened (`fullCalcOnLoad`).

use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// The most decimals a number format shows.
const MAX_DECIMALS: u32 = 10;

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// A table's header: bold, on a light fill.
    Header,
    /// A sheet's title: bold and larger.
    Title,
    /// Long text, wrapped.
    Wrap,
    /// A number with this many decimals and thousands separators.
    Decimals(u32),
    /// A number typed by the planner: as `Decimals`, on a light yellow fill (the cells to change).
    Input(u32),
}

/// What a formula's cached value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cached {
    Number(String),
    Text(String),
}

/// A cell's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Empty,
    Text(String),
    /// A number as decimal digits ("1450.1", "-0.25").
    Number(String),
    /// A formula (without the leading `=`) and the value it has now.
    Formula(String, Cached),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub value: Value,
    pub style: Style,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Cell {
        Cell { value: Value::Text(t.into()), style: Style::Plain }
    }
    pub fn header(t: impl Into<String>) -> Cell {
        Cell { value: Value::Text(t.into()), style: Style::Header }
    }
    pub fn empty() -> Cell {
        Cell { value: Value::Empty, style: Style::Plain }
    }
    pub fn number(n: impl Into<String>, style: Style) -> Cell {
        Cell { value: Value::Number(n.into()), style }
    }
    pub fn formula(f: impl Into<String>, cached: Cached, style: Style) -> Cell {
        Cell { value: Value::Formula(f.into(), cached), style }
    }
}

/// A sheet to write.
#[derive(Debug, Clone, Default)]
pub struct SheetOut {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// Column widths in characters, from column A.
    pub widths: Vec<u32>,
    /// Rows kept in view while scrolling (a header).
    pub freeze_rows: u32,
    pub hidden: bool,
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::rule("xlsx.write", "workbook", format!("the workbook could not be written ({e})"))
}

/// The workbook's bytes. `progress(done, total)` counts rows written.
pub fn workbook(sheets: &[SheetOut], progress: &mut dyn FnMut(usize, usize)) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed date (the zip format's earliest): the same workbook gives the same bytes, and no clock is read.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(3))
        .last_modified_time(zip::DateTime::default());
    let put = |zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, body: &[u8]| -> Result<()> {
        zip.start_file(name, options).map_err(failed)?;
        zip.write_all(body).map_err(failed)
    };
    put(&mut zip, "[Content_Types].xml", content_types(sheets.len()).as_bytes())?;
    put(&mut zip, "_rels/.rels", ROOT_RELS.as_bytes())?;
    put(&mut zip, "xl/workbook.xml", workbook_xml(sheets).as_bytes())?;
    put(&mut zip, "xl/_rels/workbook.xml.rels", workbook_rels(sheets.len()).as_bytes())?;
    put(&mut zip, "xl/styles.xml", styles_xml().as_bytes())?;
    let total: usize = sheets.iter().map(|s| s.rows.len()).sum();
    let mut done = 0;
    for (i, sheet) in sheets.iter().enumerate() {
        let body = sheet_xml(sheet, &mut |n| {
            done += n;
            progress(done, total);
        });
        put(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1), body.as_bytes())?;
    }
    let cursor = zip.finish().map_err(failed)?;
    Ok(cursor.into_inner())
}

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    "</Relationships>"
);

fn content_types(sheets: usize) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    ));
    for i in 1..=sheets {
        let _ = write!(
            s,
            r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
    }
    s.push_str("</Types>");
    s
}

fn workbook_xml(sheets: &[SheetOut]) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<workbookPr/><bookViews><workbookView/></bookViews><sheets>"#
    ));
    for (i, sheet) in sheets.iter().enumerate() {
        let state = if sheet.hidden { r#" state="hidden""# } else { "" };
        let _ = write!(s, r#"<sheet name="{}" sheetId="{}"{state} r:id="rId{}"/>"#, escape(&sheet.name), i + 1, i + 1);
    }
    // Excel and WPS recompute every formula when the file opens: a figure typed elsewhere is never shown stale.
    s.push_str(r#"</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#);
    s
}

fn workbook_rels(sheets: usize) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    ));
    for i in 1..=sheets {
        let _ = write!(
            s,
            r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        );
    }
    let _ = write!(
        s,
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        sheets + 1
    );
    s.push_str("</Relationships>");
    s
}

/// Cell formats: 0 plain, 1 header, 2 title, 3 wrapped, then for d = 0…10 decimals a number (4 + d) and an input
/// (15 + d).
fn style_index(style: Style) -> u32 {
    match style {
        Style::Plain => 0,
        Style::Header => 1,
        Style::Title => 2,
        Style::Wrap => 3,
        Style::Decimals(d) => 4 + d.min(MAX_DECIMALS),
        Style::Input(d) => 5 + MAX_DECIMALS + d.min(MAX_DECIMALS),
    }
}

fn styles_xml() -> String {
    let mut formats = String::new();
    for d in 0..=MAX_DECIMALS {
        let code = if d == 0 { "#,##0".to_owned() } else { format!("#,##0.{}", "0".repeat(d as usize)) };
        let _ = write!(formats, r#"<numFmt numFmtId="{}" formatCode="{code}"/>"#, 164 + d);
    }
    let mut xfs = String::from(concat!(
        r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
        r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
        r#"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
        r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>"#,
    ));
    for d in 0..=MAX_DECIMALS {
        let _ = write!(
            xfs,
            r#"<xf numFmtId="{}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
            164 + d
        );
    }
    for d in 0..=MAX_DECIMALS {
        let _ = write!(
            xfs,
            r#"<xf numFmtId="{}" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>"#,
            164 + d
        );
    }
    let count = 4 + 2 * (MAX_DECIMALS + 1);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<numFmts count="{nf}">{formats}</numFmts>"#,
            r#"<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>"#,
            r#"<font><b/><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="14"/><name val="Calibri"/></font></fonts>"#,
            r#"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
            r#"<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/></patternFill></fill>"#,
            r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFFF8D6"/></patternFill></fill></fills>"#,
            r#"<borders count="1"><border/></borders>"#,
            r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
            r#"<cellXfs count="{count}">{xfs}</cellXfs>"#,
            r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
            "</styleSheet>"
        ),
        nf = MAX_DECIMALS + 1,
        formats = formats,
        count = count,
        xfs = xfs
    )
}

/// The sheet's XML; `rows_done(n)` after each thousand rows.
fn sheet_xml(sheet: &SheetOut, rows_done: &mut dyn FnMut(usize)) -> String {
    let mut s = String::with_capacity(64 * sheet.rows.len() + 512);
    s.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    if sheet.freeze_rows > 0 {
        let f = sheet.freeze_rows;
        let _ = write!(
            s,
            r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="{f}" topLeftCell="A{}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#,
            f + 1
        );
    }
    if !sheet.widths.is_empty() {
        s.push_str("<cols>");
        for (i, w) in sheet.widths.iter().enumerate() {
            let _ = write!(s, r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#, i + 1);
        }
        s.push_str("</cols>");
    }
    s.push_str("<sheetData>");
    let mut pending = 0;
    for (r, row) in sheet.rows.iter().enumerate() {
        let _ = write!(s, r#"<row r="{}">"#, r + 1);
        let mut col = String::new();
        for (c, cell) in row.iter().enumerate() {
            if cell.value == Value::Empty && cell.style == Style::Plain {
                continue;
            }
            col.clear();
            col.push_str(&super::read::column_name(c));
            let style = match style_index(cell.style) {
                0 => String::new(),
                i => format!(r#" s="{i}""#),
            };
            let at = format!("{col}{}", r + 1);
            match &cell.value {
                Value::Empty => {
                    let _ = write!(s, r#"<c r="{at}"{style}/>"#);
                }
                Value::Text(t) => {
                    let _ = write!(
                        s,
                        r#"<c r="{at}"{style} t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape(t)
                    );
                }
                Value::Number(n) => {
                    let _ = write!(s, r#"<c r="{at}"{style}><v>{n}</v></c>"#);
                }
                Value::Formula(f, Cached::Number(n)) => {
                    let _ = write!(s, r#"<c r="{at}"{style}><f>{}</f><v>{n}</v></c>"#, escape(f));
                }
                Value::Formula(f, Cached::Text(t)) => {
                    let _ = write!(s, r#"<c r="{at}"{style} t="str"><f>{}</f><v>{}</v></c>"#, escape(f), escape(t));
                }
            }
        }
        s.push_str("</row>");
        pending += 1;
        if pending == 1000 {
            rows_done(pending);
            pending = 0;
        }
    }
    rows_done(pending);
    s.push_str("</sheetData></worksheet>");
    s
}

/// Text for XML: the five special characters escaped, characters XML 1.0 cannot hold left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
