//! Monthly progress: completion, time-progress, ahead, growth, run-rate and pace per month, exactly, and the lights.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::Session;
use serde_json::{json, Value};

fn session(months: &[(&str, &str)], extra: Value) -> Session {
    let l = |x: &str| json!({"zh-CN": x, "en": x});
    let mut periods = vec![json!({"id": "2023", "label": l("2023"), "kind": "year"})];
    periods.extend(months.iter().map(|(id, _)| json!({"id": id, "label": l(id), "kind": "month"})));
    let values: serde_json::Map<String, Value> = months.iter().map(|(id, v)| ((*id).to_owned(), json!(v))).collect();
    let mut doc = json!({"schema": 1, "id": "m", "title": l("m"), "periods": periods,
        "series": [{"id": "done", "label": l("done"), "values": values},
                   {"id": "plan", "label": l("plan"), "values": {"2023": "647.4"}}]});
    for (k, v) in extra.as_object().unwrap() {
        doc[k] = v.clone();
    }
    Session::new(plancalc::Plan::from_value(&doc).unwrap())
}

#[test]
fn october_at_629_of_647_4_is_13_8_points_ahead_computed_once() {
    // domain.md: 97.158% − 83.333% = 13.8 pp (rounding the rate first would give 13.9).
    let s = session(&[("2023-09", "560"), ("2023-10", "629.0")], json!({}));
    let rows = s.monthly("done", "plan", "2023").unwrap();
    let shown = |q: &Option<plancalc::Quantity>| q.as_ref().map(|q| q.display.clone()).unwrap_or_default();
    let oct = &rows[1];
    assert_eq!(oct.month, 10);
    assert_eq!(
        [
            shown(&oct.completion),
            shown(&oct.time_progress),
            shown(&oct.ahead),
            shown(&oct.run_rate),
            shown(&oct.year_end)
        ],
        ["97.2", "83.3", "13.8", "9.20", "754.80"]
    );
    assert_eq!(oct.light.as_ref().unwrap().color, "green");
    assert_eq!(oct.light.as_ref().unwrap().symbol, "●");
    assert_eq!(shown(&rows[0].ahead), "11.5"); // 560 ÷ 647.4 = 86.50% − 75%
}

#[test]
fn lights_yellow_within_the_band_red_beyond_and_escalated() {
    // Plan 1200: time-progress 16.7, 25, 33.3, 41.7 % at months 2–5.
    let months = [("2023-02", "164"), ("2023-03", "264"), ("2023-04", "364"), ("2023-05", "380"), ("2023-06", "370")];
    let s = session(&months, json!({"lights": {"yellow_within_pp": "3", "escalate_after": 2}}));
    let mut s = s;
    s.set_value("plan", "2023", "1200").unwrap();
    let rows = s.monthly("done", "plan", "2023").unwrap();
    let colors: Vec<&str> = rows.iter().map(|r| r.light.as_ref().unwrap().color).collect();
    // 13.67 − 16.67 = −3.0 → yellow; 22 − 25 = −3 → yellow, second in a row → red; 30.33 − 33.33 = −3 → yellow,
    // escalated again; 31.67 − 41.67 = −10 → red; June falls below May: a revision, flagged.
    assert_eq!(colors, ["yellow", "red", "red", "red", "red"]);
    assert!(rows[4].revised && !rows[3].revised);
    assert_eq!(rows[0].light.as_ref().unwrap().text.en, "yellow (a little behind time-progress)");
}

#[test]
fn growth_by_month_from_the_same_month_a_year_before_and_its_change() {
    let l = |x: &str| json!({"zh-CN": x, "en": x});
    let doc = json!({"schema": 1, "id": "g", "title": l("g"), "periods": [
            {"id": "2022-09", "label": l("a"), "kind": "month"}, {"id": "2022-10", "label": l("b"), "kind": "month"},
            {"id": "2023", "label": l("c"), "kind": "year"},
            {"id": "2023-09", "label": l("d"), "kind": "month", "previous": "2022-09"},
            {"id": "2023-10", "label": l("e"), "kind": "month", "previous": "2022-10"}],
        "series": [{"id": "done", "label": l("done"), "values": {"2022-09": "500", "2022-10": "560", "2023-09": "540", "2023-10": "616"},
                    "growth": {"2023-10": "10.6"}},
                   {"id": "plan", "label": l("plan"), "values": {"2023": "700"}}]});
    let s = Session::new(plancalc::Plan::from_value(&doc).unwrap());
    let rows = s.monthly("done", "plan", "2023").unwrap();
    let shown = |q: &Option<plancalc::Quantity>| q.as_ref().map(|q| q.display.clone()).unwrap_or_default();
    // September from the levels: 540 ÷ 500 − 1 = 8.0%; October as published, 10.6%: up 2.6 pp.
    assert_eq!([shown(&rows[0].growth), shown(&rows[1].growth), shown(&rows[1].growth_change)], ["8.0", "10.6", "2.6"]);
    assert!(s.monthly("nope", "plan", "2023").is_err());
}

#[test]
fn the_months_bulletin_is_written_from_the_numbers_in_three_languages() {
    let text = std::fs::read_to_string("www/presets/monthly-demo.json").unwrap();
    let s = Session::from_json(&text).unwrap();
    let b = s.bulletin(None).unwrap();
    assert_eq!(
        b.zh_cn,
        "1—10月，全市固定资产投资累计完成 1005.00 亿元，完成年度计划的 83.8%，超序时进度 0.4 个百分点，同比增长 7.5%；\
         甲县累计完成 262.00 亿元，完成年度计划的 87.3%，超序时进度 4.0 个百分点；\
         乙县累计完成 160.00 亿元，完成年度计划的 69.6%，慢于序时进度 13.8 个百分点。红灯单位：乙县。绿灯单位：全市固定资产投资、甲县。"
    );
    assert!(b
        .en
        .starts_with("January to October: City FAI completed 1005.00 亿元, 83.8% of its annual plan, 0.4 pp ahead"));
    assert!(b.en.ends_with("Red: County B. Green: City FAI, County A."));
    assert!(b.zh_tw.contains("慢於序時進度 13.8 個百分點"));
    // An earlier month on request; none for a plan that follows nothing.
    assert!(s.bulletin(Some(2)).unwrap().en.starts_with("January to February:"));
    let zunyi = Session::from_json(&std::fs::read_to_string("www/presets/zunyi.json").unwrap()).unwrap();
    assert!(zunyi.bulletin(None).is_none());
}

#[test]
fn the_relative_rule_and_two_rules_at_once() {
    // Yellow while completion ≥ half of time-progress: 100 of 1200 at month 2 is 8.33% ≥ 8.33% (yellow, exactly on
    // the edge); 120 at month 4 is 10% < 16.67% (red).
    let months = [("2023-02", "100"), ("2023-04", "120")];
    let mut s = session(&months, json!({"lights": {"yellow_from_fraction": "0.5"}}));
    s.set_value("plan", "2023", "1200").unwrap();
    let colors: Vec<&str> =
        s.monthly("done", "plan", "2023").unwrap().iter().map(|r| r.light.as_ref().unwrap().color).collect();
    assert_eq!(colors, ["yellow", "red"]);
    assert!(s.results().warnings.iter().all(|w| w.code != "lights.two_rules"));
    // Both forms: a warning, and the stricter colour (month 2 is 8.3 pp behind: red by a 5 pp band).
    let mut both = session(&months, json!({"lights": {"yellow_from_fraction": "0.5", "yellow_within_pp": "5"}}));
    both.set_value("plan", "2023", "1200").unwrap();
    assert!(both.results().warnings.iter().any(|w| w.code == "lights.two_rules"));
    let first = &both.monthly("done", "plan", "2023").unwrap()[0];
    assert_eq!(first.light.as_ref().unwrap().color, "red");
}

#[test]
fn monthly_actuals_from_csv_all_or_nothing() {
    let text = std::fs::read_to_string("www/presets/monthly-demo.json").unwrap();
    let mut s = Session::from_json(&text).unwrap();
    let n = s.import_monthly("单位,1—9月,1—10月\n乙县,150,200\n", "2023", plancalc::document::csv::Unit::Yi).unwrap();
    assert_eq!(n, 2);
    let rows = s.monthly("b", "b-plan", "2023").unwrap();
    assert_eq!(rows.last().unwrap().completion.as_ref().unwrap().display, "87.0"); // 200 of 230
                                                                                   // A bad row: nothing entered, the session as it was.
    let before = s.results();
    assert!(s.import_monthly("单位,1—9月\n乙县,160\n丙县,1\n", "2023", plancalc::document::csv::Unit::Yi).is_err());
    assert_eq!(s.results(), before);
}

#[test]
fn the_grid_of_months_without_projects_has_its_months_and_no_rows() {
    let text = std::fs::read_to_string("www/presets/monthly-demo.json").unwrap();
    let s = Session::from_json(&text).unwrap();
    let grid = s.project_month_grid("2023", &[]).unwrap();
    assert_eq!(grid.months.first().map(String::as_str), Some("2023-02"));
    assert!(grid.rows.is_empty());
    assert_eq!(s.project_month_grid("2099", &[]).unwrap_err().code(), "id.unknown");
}

#[test]
fn units_ranked_by_ahead_in_the_latest_month() {
    let text = std::fs::read_to_string("www/presets/monthly-demo.json").unwrap();
    let mut s = Session::from_json(&text).unwrap();
    let ranked = |s: &Session| {
        s.ranking(None).iter().map(|r| (r.rank, r.done.clone(), r.ahead.display.clone())).collect::<Vec<_>>()
    };
    // October: County A +4.0, City +0.4, County B −13.8 pp.
    assert_eq!(
        ranked(&s),
        [(1, "a".into(), "4.0".into()), (2, "fai".into(), "0.4".into()), (3, "b".into(), "-13.8".into())]
    );
    // County B at 200 of 230 in October: 87.0% − 83.3% = +3.7 pp, second.
    s.set_value("b", "2023-10", "200").unwrap();
    assert_eq!(ranked(&s)[1].1, "b");
    assert_eq!(s.ranking(Some(2)).len(), 3);
}

#[test]
fn the_page_view_is_the_parts_computed_once() {
    let text = std::fs::read_to_string("www/presets/monthly-demo.json").unwrap();
    let s = Session::from_json(&text).unwrap();
    let view = s.progress_view();
    assert_eq!(view.units, s.progress());
    assert_eq!(view.ranking, s.ranking(None));
    assert_eq!(view.bulletin, s.bulletin(None));
}

/// A release pasted: each amount matched to the series its subject names and the month it covers, in the series'
/// unit (万元 ÷ 10,000), the rates left to the checks, and the confirmed ones entered as undoable edits.
#[test]
fn a_release_matched_to_the_plan_and_entered() {
    use plancalc::session::plan_edit::FigureCell;
    use plancalc::session::release::ReleaseFigure;
    let text = "1—10月,全市固定资产投资完成1010亿元,同比增长12.0%,完成年度计划的84.2%。\
                分县看,甲县完成投资2500000万元,乙县完成投资210亿元,丙县完成投资90亿元。";
    let bulletin = plancalc::reader::bulletin::read_bulletin(text);
    let figures: Vec<ReleaseFigure> =
        serde_json::from_value(serde_json::to_value(&bulletin).unwrap()["figures"].clone()).unwrap();
    let preset =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/presets/monthly-demo.json")).unwrap();
    let mut s = Session::open(plancalc::Plan::from_json(&preset).unwrap()).unwrap();
    let matched = s.match_release(&figures);
    type Row<'a> = (String, Option<&'a str>, Option<&'a str>, Option<&'a str>, bool, Option<&'a str>);
    let got: Vec<Row> = figures
        .iter()
        .zip(&matched)
        .map(|(f, m)| {
            (f.subject.clone(), m.series.as_deref(), m.period.as_deref(), m.value.as_deref(), m.enter, m.code)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("固定资产投资".into(), Some("fai"), Some("2023-10"), Some("1010"), true, None),
            ("固定资产投资".into(), Some("fai"), Some("2023-10"), None, false, Some("release.not_amount")),
            ("固定资产投资".into(), Some("fai"), Some("2023-10"), None, false, Some("release.not_amount")),
            ("甲县".into(), Some("a"), Some("2023-10"), Some("250"), true, None),
            ("乙县".into(), Some("b"), Some("2023-10"), Some("210"), true, None),
            ("丙县".into(), None, Some("2023-10"), None, false, Some("release.no_series")),
        ],
        "{bulletin:#?}"
    );
    let cells: Vec<FigureCell> = matched
        .iter()
        .filter(|m| m.enter)
        .map(|m| FigureCell {
            series: m.series.clone().unwrap(),
            period: m.period.clone().unwrap(),
            value: m.value.clone().unwrap(),
        })
        .collect();
    let before = s.progress_view();
    assert_eq!(s.enter_figures(&cells).unwrap(), 3);
    assert_ne!(s.progress_view(), before);
    let again = s.match_release(&figures);
    assert_eq!(again[0].code, Some("release.same"), "entered once, the same figure is not offered again");
    for _ in 0..3 {
        s.undo();
    }
    assert_eq!(s.progress_view(), before);
}

/// What the next month must bring: the cumulative amount on time-progress (annual × (M + 1) ÷ 12), that month's
/// share of it, and the run-rate to the annual plan — exact, rounded once, in three languages.
#[test]
fn what_the_next_month_must_bring() {
    let preset =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/presets/monthly-demo.json")).unwrap();
    let mut s = Session::open(plancalc::Plan::from_json(&preset).unwrap()).unwrap();
    let units = s.progress();
    // The city: 1,005 of 1,200 by October. November: 1,200 × 11 ÷ 12 = 1,100, so 95 in November; (1,200 − 1,005) ÷ 2.
    let city = units[0].next.as_ref().unwrap();
    assert_eq!(
        city.zh_cn,
        "全市固定资产投资：1—11月累计须完成 1100.00 亿元 才达到序时进度（11月需完成 95.00 亿元）；此后每月完成 97.50 亿元 可完成年度计划。"
    );
    assert!(
        city.en.starts_with(
            "City FAI: to be on time-progress, January to November must reach 1100.00 亿元 (95.00 亿元 in November)"
        ),
        "{}",
        city.en
    );
    // County A: 262 of 300; November's time-progress is 300 × 11 ÷ 12 = 275, so 13 in November.
    let a = units[1].next.as_ref().unwrap();
    assert!(a.en.contains("must reach 275.00 亿元 (13.00 亿元 in November); 19.00 亿元 a month"), "{}", a.en);
    // At 280 by October it is already past November's time-progress, and says so.
    s.set_value("a", "2023-10", "280").unwrap();
    let a = s.progress()[1].next.clone().unwrap();
    assert!(a.en.contains("already past time-progress for January to November (275.00 亿元)"), "{}", a.en);
    // December's figure in: nothing is left to bring.
    s.set_value("fai", "2023-10", "1200").unwrap();
    assert!(s.progress()[0].next.as_ref().unwrap().en.contains("0.00 亿元 a month"), "{:?}", s.progress()[0].next);
}

/// Every figure of the bulletin opens its explanation: the formula, the numbers, the exact value, one rounding.
#[test]
fn the_bulletins_figures_explain_themselves() {
    let preset =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/presets/monthly-demo.json")).unwrap();
    let s = Session::open(plancalc::Plan::from_json(&preset).unwrap()).unwrap();
    let view = s.progress_view();
    let parts = view.bulletin_parts.unwrap();
    let plain: String = parts.en.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(Some(plain), view.bulletin.map(|b| b.en), "the pieces make the plain bulletin");
    let figures: Vec<(&str, &str, &str, &str)> = parts
        .zh_cn
        .iter()
        .filter_map(|p| Some((p.figure.as_deref()?, p.done.as_deref()?, p.period.as_deref()?, p.text.as_str())))
        .collect();
    assert!(figures.contains(&("ahead", "b", "2023-10", "13.8")), "{figures:?}");
    assert!(figures.contains(&("completion", "fai", "2023-10", "83.8")), "{figures:?}");
    for (figure, done, period, shown) in &figures {
        let e = plancalc::explain::explain_month(&s, done, period, figure, "zh-CN").unwrap();
        let round = e.steps.iter().find(|x| matches!(x.kind, plancalc::explain::StepKind::Round)).unwrap();
        assert!(round.text.contains(shown), "{figure} {done}: {} shows {shown}", round.text);
    }
    // County B's 13.8 pp behind: completion and time-progress unrounded, subtracted, then rounded once.
    let e = plancalc::explain::explain_month(&s, "b", "2023-10", "ahead", "en").unwrap();
    let exact = e.steps.iter().find(|x| matches!(x.kind, plancalc::explain::StepKind::Exact)).unwrap();
    // 160 ÷ 230 × 100 − 10 ÷ 12 × 100 = 1600/23 − 250/3 = −950/69.
    assert!(exact.text.contains("(= -950/69)"), "{}", exact.text);
    let e = plancalc::explain::explain_month(&s, "fai", "2023-10", "time_progress", "zh-TW").unwrap();
    assert!(e.steps.iter().any(|x| x.text.contains("83.3")), "{e:?}");
    for figure in ["run_rate", "year_end", "growth"] {
        assert!(!plancalc::explain::explain_month(&s, "fai", "2023-10", figure, "en").unwrap().steps.is_empty());
    }
    assert_eq!(
        plancalc::explain::explain_month(&s, "fai", "2023-10", "nonsense", "en").unwrap_err().code(),
        "id.unknown"
    );
}

/// Months missing between figures, and a cumulative figure below the month before: consistency warnings, with the
/// figure kept as published.
#[test]
fn a_gap_of_months_and_a_revision_are_warnings() {
    let preset =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/presets/monthly-demo.json")).unwrap();
    let mut s = Session::open(plancalc::Plan::from_json(&preset).unwrap()).unwrap();
    let codes =
        |s: &Session| s.results().warnings.iter().map(|w| (w.code.clone(), w.ids.join(","))).collect::<Vec<_>>();
    // The counties have no figures a year before and no published growth: their growth by month has no base.
    assert_eq!(codes(&s), [("months.no_base".into(), "a".into()), ("months.no_base".into(), "b".into())]);
    let no_base = s.results().warnings.into_iter().find(|w| w.code == "months.no_base").unwrap();
    assert_eq!(
        no_base.text.en,
        "County A: from Jan–Feb 2023 to Jan–Oct 2023 there is no figure a year before and no published growth: growth cannot be computed for those months."
    );
    let gaps = |s: &Session| codes(s).into_iter().filter(|(c, _)| c == "months.gap" || c == "months.revised").count();
    assert_eq!(gaps(&s), 0);
    // County B: May's figure taken out (a gap), and June's set to 60, below April's 66 (a revision).
    s.set_value("b", "2023-05", "").unwrap();
    s.set_value("b", "2023-06", "60").unwrap();
    let w = s.results().warnings;
    let gap = w.iter().find(|w| w.code == "months.gap").unwrap();
    assert_eq!((gap.ids.as_slice(), gap.period.as_deref()), (&["b".to_owned()][..], Some("2023-05")));
    assert!(gap.text.en.starts_with("County B has no figure for Jan–May 2023"), "{}", gap.text.en);
    let revised = w.iter().find(|w| w.code == "months.revised").unwrap();
    assert!(revised.text.zh_cn.contains("低于"), "{}", revised.text.zh_cn);
    assert_eq!(revised.period.as_deref(), Some("2023-06"));
    s.undo();
    s.undo();
    assert_eq!(gaps(&s), 0, "undone, the warnings go");
}

/// A unit within a whole (the plan's `progress` `whole`): its share of the whole's cumulative figure each month, and
/// its 拉动 where both have a base a year before.
#[test]
fn a_units_share_of_the_whole_and_its_contribution_by_month() {
    let preset =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/presets/monthly-demo.json")).unwrap();
    let s = Session::open(plancalc::Plan::from_json(&preset).unwrap()).unwrap();
    let units = s.progress();
    let october = |u: usize| units[u].months.iter().find(|m| m.period == "2023-10").unwrap().clone();
    // County A: 262 of the city's 1,005 by October = 26.07%.
    assert_eq!(october(1).share.map(|q| q.display), Some("26.1".into()));
    assert_eq!(october(1).contribution, None, "no figure a year before, no base: no 拉动");
    assert_eq!(october(0).share, None, "the city lies within nothing");
    let e = plancalc::explain::explain_month(&s, "a", "2023-10", "share", "en").unwrap();
    assert!(e.steps.iter().any(|x| x.text.contains("26.1")), "{e:?}");
    // With the counties' months a year before, 拉动 = (this year − last year) ÷ the city's base × 100.
    let mut doc: serde_json::Value = serde_json::from_str(&preset).unwrap();
    doc["periods"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "2022-10", "label": {"zh-CN": "2022年1—10月", "en": "Jan–Oct 2022"}, "kind": "month"}));
    for p in doc["periods"].as_array_mut().unwrap() {
        if p["id"] == "2023-10" {
            p["previous"] = json!("2022-10");
        }
    }
    for s in doc["series"].as_array_mut().unwrap() {
        if s["id"] == "a" {
            s["values"]["2022-10"] = json!("230");
        }
    }
    let s = Session::open(plancalc::Plan::from_json(&doc.to_string()).unwrap()).unwrap();
    let a = s.progress()[1].months.iter().find(|m| m.period == "2023-10").unwrap().clone();
    // The city's base from its published 7.5%: 1,005 ÷ 1.075; (262 − 230) ÷ (1,005 ÷ 1.075) × 100 = 3.42 pp.
    assert_eq!(a.contribution.map(|q| q.display), Some("3.4".into()));
}
