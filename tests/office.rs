//! Workbooks checked by a real spreadsheet engine: LibreOffice Calc, driven through UNO by `tests/office/calc.py`.
//!
//! For every preset: the exported workbook is opened in Calc, every formula recalculated (`calculateAll`, whatever
//! Calc's load settings), and each target's value, status, margin and change needed read back as Calc shows them
//! and compared with plancalc's; then a figure is changed in Calc, recalculated and compared with plancalc's answer
//! to the same edit; Calc saves the workbook and plancalc imports Calc's file. Also: export → import gives the same
//! plan, and a project list converted from CSV by Calc reads as the CSV itself does.
//!
//! These need LibreOffice: `make test` installs it and runs them (`make test-office`); a plain `cargo test` skips
//! them (`#[ignore]`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use plancalc::messages::say_in;
use plancalc::session::Session;
use plancalc::xlsx::{export, import, read};
use plancalc::{Plan, Status};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const PRESETS: [&str; 7] = ["zunyi", "tongren", "bijie", "wuzhong", "changzhi", "monthly-demo", "projects-demo"];

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("plancalc-office-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One Calc at a time: the two tests would otherwise start two.
static CALC: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs Calc over `jobs`; the named results.
fn calc(jobs: &Value, dir: &Path) -> Value {
    let _one = CALC.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let path = dir.join(format!("jobs-{}.json", RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    std::fs::write(&path, jobs.to_string()).unwrap();
    let out = std::process::Command::new("/usr/bin/python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/office/calc.py"))
        .arg(&path)
        .output()
        .expect("python3 with python3-uno (make test-office installs them)");
    assert!(out.status.success(), "calc.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["results"].clone()
}

fn open(preset: &str) -> Session {
    let text = std::fs::read_to_string(format!("{}/www/presets/{preset}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    Session::open(Plan::from_json(&text).unwrap()).unwrap()
}

fn status_word(locale: &str, s: Status) -> String {
    let key = match s {
        Status::Met => "xlsx.status.met",
        Status::NotMet => "xlsx.status.not_met",
        Status::NoData => "xlsx.status.no_data",
        Status::Undefined => "xlsx.status.undefined",
    };
    say_in(locale, key, &[])
}

/// Calc's Targets sheet as shown against plancalc's results: value, status, margin, change needed.
fn compare(session: &Session, shown: &Value, locale: &str, what: &str) -> usize {
    let results = session.results();
    let rows = shown.as_array().unwrap();
    let cell = |r: usize, c: usize| rows[r][c].as_str().unwrap_or("").replace(',', "");
    let mut checked = 0;
    for (i, t) in results.targets.iter().enumerate() {
        let r = i + 1;
        assert_eq!(cell(r, 0), t.id, "{what}: row {r} is target {}", t.id);
        let display = |q: &Option<plancalc::Quantity>| q.as_ref().map_or(String::new(), |q| q.display.clone());
        assert_eq!(cell(r, 7), status_word(locale, t.status), "{what}: {} status", t.id);
        if t.status == Status::Undefined && t.value.is_none() {
            continue;
        }
        assert_eq!(cell(r, 6), display(&t.value), "{what}: {} value", t.id);
        assert_eq!(cell(r, 8), display(&t.margin), "{what}: {} margin", t.id);
        if t.lever.is_some() || !cell(r, 9).is_empty() {
            assert_eq!(cell(r, 9), display(&t.needed), "{what}: {} change needed", t.id);
        }
        checked += 1;
    }
    checked
}

/// The first target whose indicator reads a typed figure with a value: that figure, to change by +10%.
fn figure_to_change(session: &Session) -> Option<(usize, usize, String)> {
    let plan = session.plan();
    let grid = session.grids().1;
    for t in &plan.targets {
        let Some(s) = t.indicator.main_series(plan) else { continue };
        if !matches!(plan.series[s].kind, plancalc::model::plan::SeriesKind::Input) {
            continue;
        }
        let p = plancalc::calc::target::lever_period(&t.indicator, t.period);
        if let Some(v) = grid.get(s, p).value().and_then(|v| v.to_decimal()) {
            let new = (v * rust_decimal::Decimal::new(11, 1)).normalize();
            return Some((s, p, new.to_string()));
        }
    }
    None
}

#[test]
#[ignore = "needs LibreOffice: run by make test-office"]
fn calc_recomputes_every_preset_as_plancalc_does() {
    let d = dir();
    let mut total = 0;
    for (n, preset) in PRESETS.iter().enumerate() {
        let locale = ["zh-CN", "en", "zh-TW"][n % 3];
        let session = open(preset);
        let bytes = export::export(&session, locale, &mut |_, _| {}).unwrap();
        let ours = d.join(format!("{preset}.xlsx"));
        std::fs::write(&ours, &bytes).unwrap();
        let theirs = d.join(format!("{preset}-calc.xlsx"));
        let mut edited = session.clone();
        let change = figure_to_change(&session);
        let mut jobs = vec![json!({"open": ours}), json!({"recalc": true}), json!({"read": 0, "as": "before"})];
        if let Some((s, p, value)) = &change {
            edited.set_value(&session.plan().series[*s].id, session.plan().period_id(*p), value).unwrap();
            jobs.push(json!({"set": [1, 1 + s, 4 + p, value]}));
            jobs.push(json!({"recalc": true}));
            jobs.push(json!({"read": 0, "as": "after"}));
        }
        jobs.push(json!({"save": theirs}));
        jobs.push(json!({"close": true}));
        let results = calc(&Value::Array(jobs), &d);
        total += compare(&session, &results["before"]["shown"], locale, &format!("{preset} as exported"));
        if change.is_some() {
            total += compare(&edited, &results["after"]["shown"], locale, &format!("{preset} after an edit in Calc"));
        }

        // Round trip: our workbook back into plancalc gives the same plan and figures.
        let mut book = read::Workbook::open(bytes).unwrap();
        let doc = import::plan_document(&mut book, &mut |_, _| {}).unwrap().expect("a plancalc workbook");
        let back = Session::new(Plan::from_json(&doc.to_string()).unwrap());
        assert_eq!(back.results().targets, session.results().targets, "{preset}: export → import");
        assert_eq!(back.plan().projects.len(), session.plan().projects.len(), "{preset}: projects round trip");

        // Calc's own file, with the figure Calc changed, imports as plancalc's answer to the same edit.
        let mut book = read::Workbook::open(std::fs::read(&theirs).unwrap()).unwrap();
        let doc =
            import::plan_document(&mut book, &mut |_, _| {}).unwrap().expect("the hidden plan sheet survives Calc");
        let from_calc = Session::new(Plan::from_json(&doc.to_string()).unwrap());
        let expected = edited.results().targets;
        let got = from_calc.results().targets;
        for (a, b) in got.iter().zip(&expected) {
            assert_eq!(
                (a.status, a.value.as_ref().map(|v| &v.display)),
                (b.status, b.value.as_ref().map(|v| &v.display)),
                "{preset}: {} from Calc's workbook",
                a.id
            );
        }
    }
    assert!(total > 60, "only {total} targets compared");
}

#[test]
#[ignore = "needs LibreOffice: run by make test-office"]
fn a_project_list_converted_by_calc_reads_as_its_csv() {
    let d = dir();
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/office/projects.csv");
    let xlsx = d.join("projects-calc.xlsx");
    calc(&json!([{"open": csv, "csv": true}, {"save": xlsx}, {"close": true}]), &d);
    let session = open("projects-demo");
    let periods = plancalc::document::csv::period_names(session.plan());
    let direct =
        plancalc::document::csv::read_text(&std::fs::read_to_string(csv).unwrap(), periods.clone(), None, None)
            .unwrap();
    let mut book = read::Workbook::open(std::fs::read(&xlsx).unwrap()).unwrap();
    let sheet = book.sheet(0, &mut |_, _| {}).unwrap();
    assert_eq!(sheet.rows[1][8], "45000.5", "a number Calc wrote reads as its digits");
    let via_calc = plancalc::document::csv::read_text(&import::sheet_csv(&sheet), periods, None, None).unwrap();
    assert_eq!(via_calc.len(), 5);
    let bytes = plancalc::document::compact::encode;
    assert_eq!(bytes(&via_calc), bytes(&direct), "the same projects, amounts and categories");
}
