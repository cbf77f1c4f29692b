//! Workbooks read as Excel, WPS and Calc write them, and what plancalc writes read back: digits as written, shared
//! strings, merged headers, dates in both systems, coded bad files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // tests, not library code

use plancalc::xlsx::read::{column_name, plain_number, serial_date, Workbook, MAX_ROWS};
use plancalc::xlsx::write::{workbook, Cached, Cell, SheetOut, Style};
use std::io::{Cursor, Write};

/// A workbook made by hand from its parts, as other programs write them.
fn book(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    for (name, body) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const WORKBOOK: &str = r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr DATE1904/><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const ROOT: &str = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

fn excel_like(sheet: &str, strings: &str, styles: &str, date1904: bool) -> Vec<u8> {
    let wb = WORKBOOK.replace("DATE1904", if date1904 { r#"date1904="1""# } else { "" });
    book(&[
        ("_rels/.rels", ROOT),
        ("xl/workbook.xml", &wb),
        ("xl/_rels/workbook.xml.rels", RELS),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
        ("xl/styles.xml", styles),
    ])
}

fn rows_of(bytes: Vec<u8>) -> Vec<Vec<String>> {
    let mut b = Workbook::open(bytes).unwrap();
    b.sheet(0, &mut |_, _| {}).unwrap().rows
}

#[test]
fn numbers_read_as_the_digits_written() {
    for (written, read) in [
        ("1450.1", "1450.1"),
        ("1.5E-3", "0.0015"),
        ("-2.5e+4", "-25000"),
        ("1.0000000000000001E-3", "0.0010000000000000001"),
        ("0.30000000000000004", "0.30000000000000004"),
        ("7E2", "700"),
        ("abc", "abc"),
    ] {
        assert_eq!(plain_number(written), read, "{written}");
    }
}

#[test]
fn dates_in_both_systems() {
    assert_eq!(serial_date(45000, false).as_deref(), Some("2023-03-15"));
    assert_eq!(serial_date(59, false).as_deref(), Some("1900-02-28"));
    assert_eq!(serial_date(61, false).as_deref(), Some("1900-03-01"));
    assert_eq!(serial_date(1, false).as_deref(), Some("1900-01-01"));
    assert_eq!(serial_date(0, true).as_deref(), Some("1904-01-01"));
    assert_eq!(serial_date(-5, false), None);
    assert_eq!(
        (column_name(0), column_name(25), column_name(26), column_name(16_383)),
        ("A".into(), "Z".into(), "AA".into(), "XFD".into())
    );
}

#[test]
fn a_workbook_as_excel_writes_it() {
    let strings = r#"<sst><si><t>项目</t></si><si><r><t>城东</t></r><r><rPr/><t xml:space="preserve"> 污水厂</t></r><rPh><t>ジョウトウ</t></rPh></si><si><t>a_x000D_b &amp; c</t></si></sst>"#;
    let styles = r##"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00&quot;万元&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"##;
    let sheet = r#"<worksheet><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c><c r="D1" t="inlineStr"><is><t>备注</t></is></c></row>
        <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="3"><v>1450.1</v></c><c r="C2" s="1"><v>45000</v></c><c r="D2" t="str"><f>A2&amp;"x"</f><v>城东 污水厂x</v></c></row>
        <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><f>B2*2</f><v>2900.2</v></c><c r="C3" s="2"><v>45000.75</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#DIV/0!</v></c></row>
        <row r="4"><c r="B4" t="s"><v>0</v></c><c r="C4" t="inlineStr"><is><t>1450.10</t></is></c></row>
        <row r="5"/><row r="6"><c r="A6" s="3"/></row>
        </sheetData><mergeCells><mergeCell ref="A4:A5"/><mergeCell ref="B1:C1"/></mergeCells></worksheet>"#;
    let rows = rows_of(excel_like(sheet, strings, styles, false));
    assert_eq!(rows.len(), 4, "empty trailing rows dropped: {rows:?}");
    assert_eq!(rows[0], ["项目", "项目", "项目", "备注"], "a merged header names each column it spans");
    assert_eq!(
        rows[1],
        ["城东 污水厂", "1450.1", "2023-03-15", "城东 污水厂x"],
        "runs joined, phonetic guide left out"
    );
    assert_eq!(rows[2], ["a\rb & c", "2900.2", "2023-03-15", "TRUE", "#DIV/0!"], "cached values of formulas");
    assert_eq!(rows[3], ["", "项目", "1450.10"], "a number stored as text keeps its text");
    let rows = rows_of(excel_like(sheet, strings, styles, true));
    assert_eq!(rows[1][2], "2027-03-16", "the 1904 date system");
}

#[test]
fn bad_files_get_clear_codes() {
    let code = |bytes: Vec<u8>| Workbook::open(bytes).err().map(|e| e.code()).unwrap_or("opened");
    assert_eq!(code(b"hello, world".to_vec()), "xlsx.not_zip");
    assert_eq!(code(b"PK\x03\x04 broken".to_vec()), "xlsx.not_zip");
    assert_eq!(code(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), "xlsx.encrypted");
    assert_eq!(code(book(&[("word/document.xml", "<w:document/>")])), "xlsx.not_workbook");
    assert_eq!(
        code(book(&[("_rels/.rels", ROOT), ("xl/workbook.xml", "<workbook><sheets></sheets></workbook>")])),
        "xlsx.not_workbook"
    );
    assert_eq!(code(book(&[("_rels/.rels", ROOT), ("xl/workbook.xml", "<workbook><sheets><sheet")])), "xlsx.bad_xml");
    assert_eq!(code(Vec::new()), "xlsx.not_zip");
}

#[test]
fn a_sheet_filled_to_the_last_row_is_refused() {
    let styles = "<styleSheet/>";
    let last = r#"<worksheet><sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>"#;
    let mut b = Workbook::open(excel_like(last, "<sst/>", styles, false)).unwrap();
    assert_eq!(b.sheet(0, &mut |_, _| {}).unwrap_err().code(), "xlsx.too_many_rows");
    let mut xml = String::from("<worksheet><sheetData>");
    for r in 1..=MAX_ROWS + 1 {
        xml.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
    }
    xml.push_str("</sheetData></worksheet>");
    let mut b = Workbook::open(excel_like(&xml, "<sst/>", styles, false)).unwrap();
    let mut reports = 0;
    assert_eq!(b.sheet(0, &mut |_, _| reports += 1).unwrap_err().code(), "xlsx.too_many_rows");
    assert!(reports > 10, "progress is reported while reading");
}

#[test]
fn what_is_written_reads_back() {
    let sheets = vec![
        SheetOut {
            name: "数据 & <表>".into(),
            rows: vec![
                vec![Cell::header("编号"), Cell::text("a\u{1}b<&>\"")],
                vec![
                    Cell::number("1450.1", Style::Input(1)),
                    Cell::formula("A2*2", Cached::Number("2900.2".into()), Style::Decimals(2)),
                ],
                vec![Cell::empty(), Cell::formula("IF(A2>0,\"达成\",\"\")", Cached::Text("达成".into()), Style::Plain)],
            ],
            widths: vec![10, 20],
            freeze_rows: 1,
            hidden: false,
        },
        SheetOut { name: "plancalc".into(), rows: vec![vec![Cell::text("x")]], hidden: true, ..SheetOut::default() },
    ];
    let mut progress = Vec::new();
    let bytes = workbook(&sheets, &mut |d, t| progress.push((d, t))).unwrap();
    assert_eq!(progress.last(), Some(&(4, 4)));
    let mut b = Workbook::open(bytes.clone()).unwrap();
    assert_eq!(b.sheet_names(), [("数据 & <表>".to_owned(), false), ("plancalc".to_owned(), true)]);
    let rows = b.sheet(0, &mut |_, _| {}).unwrap().rows;
    assert_eq!(rows, [vec!["编号", "ab<&>\""], vec!["1450.1", "2900.2"], vec!["", "达成"]]);
    // The same workbook gives the same bytes: no clock is read.
    assert_eq!(workbook(&sheets, &mut |_, _| {}).unwrap(), bytes);
}
