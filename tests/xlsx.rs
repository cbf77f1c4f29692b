//! Workbooks read into a plan: figures (series down, periods across), a table of targets, monthly actuals and the
//! plan plancalc wrote; each with every bad row reported and nothing changed unless the whole import is good.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use plancalc::error::Error;
use plancalc::session::Session;
use plancalc::xlsx::import::{figures, guess_kind, targets, SheetKind};
use plancalc::xlsx::read::{Sheet, Workbook};
use plancalc::xlsx::{export, import};
use plancalc::{Plan, Status};

fn open(preset: &str) -> Session {
    let text = std::fs::read_to_string(format!("{}/www/presets/{preset}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    Session::open(Plan::from_json(&text).unwrap()).unwrap()
}

fn sheet(rows: &[&[&str]]) -> Sheet {
    Sheet { name: "表1".into(), rows: rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect() }
}

fn rows(e: Error) -> Vec<(usize, String, &'static str)> {
    match e {
        Error::Rows { rows } => rows.into_iter().map(|r| (r.line, r.column, r.code)).collect(),
        other => panic!("not a row error: {other:?}"),
    }
}

#[test]
fn figures_by_label_under_a_title_with_periods_across() {
    let mut s = open("tongren");
    let sheet = sheet(&[
        &["铜仁市 2022—2023 年投资(亿元)"],
        &["", "指标", "", "2022–2023年累计"],
        &["", "工业投资", "", "１,４５０"],
        &["", "Fixed-asset investment (FAI)", "", "4,800.5"],
        &["", "说明:数字为方案目标"],
    ]);
    assert_eq!(guess_kind(s.plan(), &sheet.rows), SheetKind::Figures);
    let cells = figures(s.plan(), &sheet).unwrap();
    let got: Vec<(&str, &str, &str)> =
        cells.iter().map(|c| (c.series.as_str(), c.period.as_str(), c.value.as_str())).collect();
    assert_eq!(got, [("industrial", "2022-2023", "1450"), ("fai", "2022-2023", "4800.5")]);
    let before = s.results().targets;
    assert_eq!(s.enter_figures(&cells).unwrap(), 2);
    assert_ne!(s.results().targets, before);
    s.undo();
    s.undo();
    assert_eq!(s.results().targets, before, "each figure is an edit that undoes");
}

#[test]
fn a_figure_that_is_no_number_is_a_bad_row_and_nothing_is_entered() {
    let s = open("zunyi");
    let sheet =
        sheet(&[&["id", "2021–2023年累计"], &["industrial", "1450"], &["agriculture", "三百六"], &["fai", "6800x"]]);
    let e = figures(s.plan(), &sheet).unwrap_err();
    assert_eq!(
        rows(e),
        [(3, "B 2021–2023年累计".into(), "number.invalid"), (4, "B 2021–2023年累计".into(), "number.invalid")]
    );
    let none = sheet_no_periods();
    assert_eq!(figures(s.plan(), &none).unwrap_err().code(), "xlsx.no_figures");
}

fn sheet_no_periods() -> Sheet {
    sheet(&[&["名称", "数值"], &["工业投资", "1"]])
}

#[test]
fn a_table_of_targets_written_by_libreoffice() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/targets-calc.xlsx")).unwrap();
    let mut book = Workbook::open(bytes).unwrap();
    let sheet = book.sheet(0, &mut |_, _| {}).unwrap();
    let mut s = open("zunyi");
    assert_eq!(guess_kind(s.plan(), &sheet.rows), SheetKind::Targets);
    let list = targets(s.plan(), &sheet).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["indicator"], serde_json::json!({"kind": "share", "part": "industrial", "whole": "fai"}));
    assert_eq!((list[0]["cmp"].as_str(), list[0]["value"].as_str()), (Some(">="), Some("35")));
    assert_eq!(list[1]["indicator"], serde_json::json!({"kind": "amount", "series": "agriculture"}));
    let mut doc = s.plan().outline();
    doc["targets"].as_array_mut().unwrap().extend(list);
    s.replace_plan(&doc).unwrap();
    let r = s.results();
    let share = r.targets.iter().find(|t| t.id == "ind-share-35").unwrap();
    assert_eq!((share.status, share.value.as_ref().unwrap().display.as_str()), (Status::NotMet, "21.3"));
    let agri = r.targets.iter().find(|t| t.id == "agri-400").unwrap();
    assert_eq!((agri.status, agri.margin.as_ref().unwrap().display.as_str()), (Status::NotMet, "-40.00"));
}

#[test]
fn every_bad_target_row_is_listed() {
    let s = open("zunyi");
    let sheet = sheet(&[
        &["类型", "部分", "总体", "指标", "比较", "目标值"],
        &["占比", "工业投资", "固定资产投资", "", "≥", "30%"],
        &["比例", "工业投资", "固定资产投资", "", "≥", "30"],
        &["占比", "工业投资", "", "", "≥", "30"],
        &["金额", "", "", "不存在的指标", "≥", "1"],
        &["金额", "", "", "工业投资", "大约", "1"],
        &["金额", "", "", "工业投资", "", "一千"],
    ]);
    let e = targets(s.plan(), &sheet).unwrap_err();
    let codes: Vec<(usize, &str)> = rows(e).into_iter().map(|(l, _, c)| (l, c)).collect();
    assert_eq!(
        codes,
        [
            (3, "targets.unknown_kind"),
            (4, "targets.missing"),
            (5, "targets.unknown_name"),
            (6, "targets.unknown_cmp"),
            (7, "number.invalid")
        ]
    );
    assert_eq!(targets(s.plan(), &sheet_no_periods()).unwrap_err().code(), "xlsx.no_targets");
}

#[test]
fn monthly_actuals_come_back_with_the_plan() {
    let s = open("monthly-demo");
    let bytes = export::export(&s, "en", &mut |_, _| {}).unwrap();
    let mut book = Workbook::open(bytes).unwrap();
    let names: Vec<String> = book.sheet_names().into_iter().map(|(n, _)| n).collect();
    assert!(names.contains(&"Monthly".to_owned()), "{names:?}");
    // Each month since January by name in English (1—10月 in Chinese).
    let monthly = book.sheet_index("Monthly").unwrap();
    let cells: Vec<String> = book.sheet(monthly, &mut |_, _| {}).unwrap().rows.concat();
    assert!(cells.iter().any(|c| c == "January–October"), "{cells:?}");
    assert!(!cells.iter().any(|c| c.contains("Jan–M")), "{cells:?}");
    let doc = import::plan_document(&mut book, &mut |_, _| {}).unwrap().unwrap();
    let back = Session::new(Plan::from_json(&doc.to_string()).unwrap());
    assert_eq!(back.progress_view(), s.progress_view(), "the months, their lights and the bulletin");
}

#[test]
fn a_colleagues_changed_figure_and_projects_come_back() {
    let s = open("projects-demo");
    let mut colleague = s.clone();
    let first = colleague.project_rows(&[0])[0].id.to_owned();
    colleague
        .apply(plancalc::Edit {
            project: Some(first),
            field: Some("annual".into()),
            period: "2023".into(),
            op: plancalc::Op::Set("40".into()),
            ..Default::default()
        })
        .unwrap();
    let bytes = export::export(&colleague, "zh-TW", &mut |_, _| {}).unwrap();
    let mut book = Workbook::open(bytes).unwrap();
    let doc = import::plan_document(&mut book, &mut |_, _| {}).unwrap().unwrap();
    let back = Session::new(Plan::from_json(&doc.to_string()).unwrap());
    assert_eq!(back.plan().projects.len(), 60);
    let value = |x: &Session| x.results().targets.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
    assert_eq!(value(&back), value(&colleague), "the edited project's amount came back in zh-TW sheets");
    assert_ne!(value(&back), value(&s));
}
