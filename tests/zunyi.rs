//! The Zunyi plan as written: industrial 1,450亿 of 6,800亿 against the 30% and 52% share targets.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::{Results, Session, Status, TargetResult};
use rust_decimal::Decimal;
use std::str::FromStr;

const ZUNYI: &str = include_str!("../www/presets/zunyi.json");

fn session() -> Session {
    match Session::from_json(ZUNYI) {
        Ok(s) => s,
        Err(e) => panic!("the Zunyi preset must load: {e}"),
    }
}

fn target<'a>(results: &'a Results, id: &str) -> &'a TargetResult {
    match results.targets.iter().find(|t| t.id == id) {
        Some(t) => t,
        None => panic!("no target {id}"),
    }
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn industrial_share_as_written_is_21_3_percent_and_not_met() {
    let results = session().results();
    let t = target(&results, "industrial-share");
    let value = t.value.as_ref().map(|q| (q.exact, q.display.as_str()));
    // 1450 / 6800 × 100 = 21.323529411764705882352941176…, to a decimal's 28 significant digits.
    assert_eq!(value, Some((dec("21.323529411764705882352941176"), "21.3")));
    assert_eq!(t.target.display, "30.0");
    assert_eq!(t.status, Status::NotMet);
    let margin = t.margin.as_ref().map(|q| q.display.as_str());
    assert_eq!(margin, Some("-8.7"));
}

#[test]
fn private_share_has_no_data_because_the_plan_gives_no_amount() {
    let results = session().results();
    let t = target(&results, "private-share");
    assert_eq!(t.status, Status::NoData);
    assert_eq!(t.missing, vec!["private".to_owned()]);
    assert_eq!(t.value, None);
}

#[test]
fn an_industrial_figure_of_2040_meets_30_percent_exactly() {
    let mut s = session();
    assert_eq!(s.set_value("industrial", "2021-2023", "2,040").map(|_| ()), Ok(()));
    let results = s.results();
    let t = target(&results, "industrial-share");
    assert_eq!(t.status, Status::Met);
    assert_eq!(t.value.as_ref().map(|q| (q.exact, q.display.as_str())), Some((dec("30"), "30.0")));
    assert_eq!(t.margin.as_ref().map(|q| q.display.as_str()), Some("0.0"));
}

#[test]
fn a_hair_below_30_percent_is_not_met_even_though_it_displays_as_30() {
    let mut s = session();
    assert_eq!(s.set_value("industrial", "2021-2023", "2039.99").map(|_| ()), Ok(()));
    let results = s.results();
    let t = target(&results, "industrial-share");
    assert_eq!(t.value.as_ref().map(|q| q.display.as_str()), Some("30.0"));
    assert_eq!(t.status, Status::NotMet);
}

#[test]
fn private_share_of_52_percent_is_met_once_private_is_given() {
    let mut s = session();
    assert_eq!(s.set_value("private", "2021-2023", "3536").map(|_| ()), Ok(()));
    let results = s.results();
    let t = target(&results, "private-share");
    assert_eq!((t.status, t.value.as_ref().map(|q| q.display.as_str())), (Status::Met, Some("52.0")));
}

#[test]
fn a_zero_total_makes_the_shares_undefined_not_an_error() {
    let mut s = session();
    assert_eq!(s.set_value("fai", "2021-2023", "0").map(|_| ()), Ok(()));
    let results = s.results();
    let t = target(&results, "industrial-share");
    assert_eq!((t.status, t.reason.as_deref()), (Status::Undefined, Some("whole_is_zero")));
}

#[test]
fn bad_edits_give_a_coded_error_and_change_nothing() {
    for (series, period, text, code, path) in [
        ("industrial", "2021-2023", "abc", "number.invalid", "series[1].values.2021-2023"),
        ("industrial", "2021-2023", "1,2,3", "number.invalid", "series[1].values.2021-2023"),
        ("industrial", "2021-2023", "-5", "number.negative", "series[1].values.2021-2023"),
        ("industrial", "2021-2023", "NaN", "number.not_finite", "series[1].values.2021-2023"),
        (
            "industrial",
            "2021-2023",
            "1234567890123456789012345678901234567890",
            "number.out_of_range",
            "series[1].values.2021-2023",
        ),
        ("steel", "2021-2023", "5", "id.unknown", "edit.series"),
        ("industrial", "2024", "5", "id.unknown", "edit.period"),
    ] {
        let mut s = session();
        let before = s.results();
        let got = s.set_value(series, period, text).map(|_| ()).map_err(|e| (e.code(), e.path().to_owned()));
        assert_eq!(got, Err((code, path.to_owned())), "edit {series} {period} {text:?}");
        assert_eq!(s.results(), before, "edit {series} {period} {text:?} must change nothing");
    }
}

#[test]
fn typing_into_one_figure_is_one_step_of_undo() {
    let mut s = session();
    let industrial =
        |s: &Session| s.results().series.iter().find(|x| x.id == "industrial").unwrap().values[0].clone().unwrap();
    for text in ["2", "20", "204", "2040"] {
        s.set_value("industrial", "2021-2023", text).unwrap();
    }
    assert_eq!(s.edits().len(), 1, "keystrokes on one figure join into one edit");
    assert_eq!(industrial(&s).display, "2040.00");
    s.undo().unwrap();
    assert_eq!(industrial(&s).display, "1450.00", "one undo goes back to before the typing");
    assert!(!s.can_undo());
    s.redo().unwrap();
    assert_eq!(industrial(&s).display, "2040.00");
    // Another figure, or an edit in between, starts a new step.
    s.set_value("private", "2021-2023", "3600").unwrap();
    s.set_value("industrial", "2021-2023", "2100").unwrap();
    assert_eq!(s.edits().len(), 3);
    s.undo().unwrap();
    assert_eq!(industrial(&s).display, "2040.00");
}

#[test]
fn a_json_number_is_read_by_its_printed_digits_not_through_binary_floating_point() {
    // 1450.000000000000000001 has more digits than a binary double holds (it would read as 1450).
    let text = ZUNYI.replacen("\"2021-2023\": \"1450\"", "\"2021-2023\": 1450.000000000000000001", 1);
    assert_ne!(text, ZUNYI);
    let s = Session::from_json(&text).unwrap();
    let industrial = s.results().series.into_iter().find(|x| x.id == "industrial").unwrap();
    let value = industrial.values[0].as_ref().unwrap();
    assert_eq!(value.exact.to_string(), "1450.000000000000000001");
}
