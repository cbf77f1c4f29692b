//! Project lists from CSV: headers in Chinese or English, amounts in 亿元 or 万元, every bad row reported with its
//! line, nothing changed unless the whole file is good; the compact form the page receives from its worker.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

mod common;

use common::{doc, project};
use plancalc::document::compact::{decode, encode};
use plancalc::document::csv::{guess_columns, period_names, CsvReader, Unit};
use plancalc::error::RowError;
use plancalc::model::projects::Projects;
use plancalc::{Edit, Mode, Op, Plan, Session};
use serde_json::json;

fn session() -> Session {
    Session::new(
        Plan::from_value(&doc(vec![
            project("a", "industry", "private", "new", &["key"], "30", "20"),
            project("b", "transport", "state", "continuing", &[], "50", "40"),
        ]))
        .unwrap(),
    )
}

const ZH: &str = "\u{feff}项目编号,项目名称,行业,县区,投资主体,建设性质,标记,总投资（万元）,2023年计划投资（万元）,2023年完成投资（万元）\r\n\
p1,\"钢铁技改, 二期\",industry,碧江,民营,新开工,重点,\"1,200,000\",350000,120000\r\n\
p2,高速公路,transport,万山,国有,续建,重点、重大,5000000,１２３４５,0\r\n\
p3,新材料园,industry,碧江,外资,储备,,80000,,\r\n";

/// The list read in `pieces`, or every bad row (the `csv.rows` error's list).
fn read(s: &Session, text: &str, pieces: usize) -> Result<Projects, Vec<RowError>> {
    let periods = period_names(s.plan());
    let guess = guess_columns(text, &periods).unwrap();
    let mut r = CsvReader::new(periods, &guess.roles, guess.unit).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let step = chars.len().div_ceil(pieces.max(1));
    for piece in chars.chunks(step.max(1)) {
        r.feed(&piece.iter().collect::<String>());
    }
    r.finish().map_err(|e| match e {
        plancalc::Error::Rows { rows } => rows,
        other => panic!("not a csv.rows error: {other:?}"),
    })
}

fn value(s: &Session, id: &str) -> String {
    s.results().series.iter().find(|x| x.id == id).unwrap().values[0]
        .clone()
        .map_or("—".into(), |q| q.exact.normalize().to_string())
}

#[test]
fn chinese_headers_and_wan_yuan_are_recognised() {
    let s = session();
    let g = guess_columns(ZH, &period_names(s.plan())).unwrap();
    assert_eq!(
        g.roles,
        ["id", "name", "sector", "county", "ownership", "stage", "flags", "total", "annual:2023", "completed:2023"]
    );
    assert_eq!(g.unit, Unit::Wan);
    assert_eq!(g.delimiter, ",");
    assert_eq!(g.headers[1], "项目名称");
}

#[test]
fn english_headers_tabs_and_unknown_columns() {
    let s = session();
    let text = "Project ID\tName\tSector\tOwnership\tStage\tAnnual plan 2023\tCompleted 2023\tRemarks\n";
    let g = guess_columns(text, &period_names(s.plan())).unwrap();
    assert_eq!(g.delimiter, "\t");
    assert_eq!(g.unit, Unit::Yi);
    assert_eq!(g.roles, ["id", "name", "sector", "ownership", "stage", "annual:2023", "completed:2023", ""]);
}

#[test]
fn an_import_replaces_the_list_and_sums_exactly_in_yi_yuan() {
    let mut s = session();
    assert_eq!(value(&s, "all"), "80");
    let list = read(&s, ZH, 1).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list.info[0].name, "钢铁技改, 二期");
    assert_eq!(s.replace_projects(list).unwrap(), 0);
    // 350000万元 + 12345万元 = 36.2345亿元; p3 has no annual figure.
    assert_eq!(value(&s, "all"), "36.2345");
    assert_eq!(value(&s, "private"), "35");
    assert_eq!(value(&s, "industrial"), "35");
    assert_eq!(value(&s, "done"), "12");
    assert_eq!(value(&s, "key-count"), "2");
    assert_eq!(value(&s, "reserve-count"), "1");
    let p2 = s.select_projects(None, "高速").unwrap();
    let rows = s.project_rows(&p2);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].id, rows[0].stage, rows[0].flags.clone()), ("p2", "continuing", vec!["key", "major"]));
    assert_eq!(rows[0].total.as_deref(), Some("500"));
    assert_eq!(rows[0].annual, [Some("1.2345".to_owned())]);
}

#[test]
fn pieces_of_any_size_read_the_same() {
    let s = session();
    let whole = read(&s, ZH, 1).unwrap();
    for pieces in [2, 3, 7, 40, ZH.chars().count()] {
        assert_eq!(read(&s, ZH, pieces).unwrap(), whole, "{pieces} pieces");
    }
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_nothing_changes() {
    let mut s = session();
    let before = s.results();
    let text = "id,name,ownership,stage,annual 2023\n\
ok1,fine,private,new,10\n\
bad1,\"a name\nover two lines\",private,new,abc\n\
bad2,x,private,new\n\
ok2,y,state,continuing,5\n\
ok1,again,state,new,1\n\
bad3,z,martian,new,1\n\
bad4,z,state,someday,1\n\
bad5,z,state,new,-3\n\
,noid,state,new,1\n\
bad6,z,state,new,NaN\n\
\n\
bad7,z,state,new,1e5\n";
    let errors = read(&s, text, 5).unwrap_err();
    let seen: Vec<(usize, &str, &str)> = errors.iter().map(|e| (e.line, e.code, e.column.as_str())).collect();
    assert_eq!(
        seen,
        [
            (3, "number.invalid", "annual 2023"),
            (5, "csv.columns", ""),
            (7, "id.duplicate", "id"),
            (8, "field.invalid", "ownership"),
            (9, "field.invalid", "stage"),
            (10, "number.negative", "annual 2023"),
            (11, "field.missing", "id"),
            (12, "number.not_finite", "annual 2023"),
            (14, "number.invalid", "annual 2023"),
        ]
    );
    assert!(errors[2].reason.contains("line 2"), "{}", errors[2].reason);
    assert!(errors[1].reason.contains("4 fields where the header has 5"), "{}", errors[1].reason);
    // Nothing was installed: the session is as it was.
    assert_eq!(s.results(), before);
    assert_eq!(value(&s, "all"), "80");
    let _ = &mut s;
}

#[test]
fn a_mapping_must_name_id_ownership_and_stage_once() {
    let s = session();
    let periods = period_names(s.plan());
    let roles = |r: &[&str]| r.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    let e = CsvReader::new(periods.clone(), &roles(&["id", "name", "stage"]), Unit::Yi).unwrap_err();
    assert_eq!((e.code(), e.path()), ("field.missing", "mapping.ownership"));
    let e = CsvReader::new(periods.clone(), &roles(&["id", "id", "ownership", "stage"]), Unit::Yi).unwrap_err();
    assert_eq!((e.code(), e.path()), ("import.mapping", "mapping[1]"));
    let e = CsvReader::new(periods, &roles(&["id", "ownership", "stage", "annual:2031"]), Unit::Yi).unwrap_err();
    assert_eq!((e.code(), e.path()), ("field.invalid", "mapping[3]"));
    let empty = CsvReader::new(period_names(s.plan()), &roles(&["id", "ownership", "stage"]), Unit::Yi).unwrap();
    let e = empty.finish().unwrap_err();
    assert_eq!(e.code(), "csv.rows");
    let plancalc::Error::Rows { rows } = e else { panic!("{e:?}") };
    assert_eq!(rows[0].code, "plan.empty");
}

#[test]
fn the_compact_form_round_trips_and_refuses_damage() {
    let s = session();
    let list = read(&s, ZH, 1).unwrap();
    let bytes = encode(&list);
    assert_eq!(decode(&bytes, 1).unwrap(), list);
    assert_eq!(decode(&bytes, 2).unwrap_err().code(), "field.invalid");
    // Every truncation, and a flipped byte anywhere, is an error or a valid list — never a panic.
    for n in 0..bytes.len() {
        assert!(decode(&bytes[..n], 1).is_err(), "truncated at {n}");
    }
    for i in 0..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0xA5;
        let _ = decode(&b, 1);
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(decode(&extra, 1).is_err());
}

#[test]
fn an_import_keeps_figure_edits_and_drops_edits_to_old_projects() {
    let mut s = session();
    s.apply(Edit {
        project: Some("a".into()),
        field: Some("annual".into()),
        period: "2023".into(),
        op: Op::Set("40".into()),
        mode: Mode::Additive,
        ..Edit::default()
    })
    .unwrap();
    s.new_scenario("plan B", None).unwrap();
    s.apply(Edit {
        filter: Some(json!({"sector": ["transport"]})),
        period: "2023".into(),
        op: Op::Percent("10".into()),
        mode: Mode::Additive,
        ..Edit::default()
    })
    .unwrap();
    let list = read(&s, ZH, 1).unwrap();
    assert_eq!(s.replace_projects(list).unwrap(), 2);
    assert_eq!(s.scenario_names(), ["scenario 1", "plan B"]);
    assert_eq!(s.active_scenario(), "plan B");
    assert_eq!(value(&s, "all"), "36.2345");
}

#[test]
fn filters_follow_the_new_lists_categories() {
    // The plan filters on sector "industry"; a list without it matches nothing, a later list with it matches.
    let mut s = session();
    let text = "id,ownership,stage,sector,annual\nx,state,new,energy,7\n";
    let g = guess_columns(text, &period_names(s.plan())).unwrap();
    let mut r = CsvReader::new(period_names(s.plan()), &g.roles, g.unit).unwrap();
    r.feed(text);
    s.replace_projects(r.finish().unwrap()).unwrap();
    assert_eq!((value(&s, "all"), value(&s, "industrial")), ("7".into(), "0".into()));
    let list = read(&s, ZH, 1).unwrap();
    s.replace_projects(list).unwrap();
    assert_eq!(value(&s, "industrial"), "35");
}

#[test]
fn a_list_without_sector_or_county_columns_travels_too() {
    let mut s = session();
    let text = "id,ownership,stage,annual\nx,private,new,3\ny,state,new,1\n";
    let list = read(&s, text, 1).unwrap();
    let back = decode(&encode(&list), 1).unwrap();
    assert_eq!(back, list);
    s.replace_projects(back).unwrap();
    assert_eq!((value(&s, "all"), value(&s, "private")), ("4".into(), "3".into()));
}
