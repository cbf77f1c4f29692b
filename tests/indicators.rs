//! Each indicator against the worked examples of domain.md, and goal seek in both modes.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::session::GoalOutcome;
use plancalc::{Edit, Mode, Op, Session, Status, TargetResult};
use serde_json::{json, Value};

/// A plan with the given periods, series and targets; labels are filled in from the ids.
fn plan(periods: Value, series: Value, targets: Value, extra: Value) -> Session {
    let label = |v: &mut Value| {
        let id = v["id"].as_str().unwrap().to_owned();
        v["label"] = json!({"zh-CN": id, "en": id});
    };
    let mut doc = json!({"schema": 1, "id": "t", "title": {"zh-CN": "测试", "en": "Test"},
        "periods": periods, "series": series, "targets": targets});
    for list in ["periods", "series", "targets"] {
        for v in doc[list].as_array_mut().unwrap() {
            label(v);
        }
    }
    for (k, v) in extra.as_object().unwrap() {
        doc[k] = v.clone();
    }
    Session::new(plancalc::Plan::from_value(&doc).unwrap_or_else(|e| panic!("[{}] {e}", e.code())))
}

fn target(s: &Session, id: &str) -> TargetResult {
    s.results().targets.into_iter().find(|t| t.id == id).unwrap()
}

fn shown(t: &TargetResult) -> (String, Status) {
    (t.value.as_ref().map_or("—".into(), |q| q.display.to_string()), t.status)
}

fn year(id: &str, previous: Option<&str>) -> Value {
    match previous {
        Some(p) => json!({"id": id, "previous": p}),
        None => json!({"id": id}),
    }
}

#[test]
fn completion_against_time_progress_rounds_once() {
    // 629.0 of 647.4 at the end of October: 97.158% − 83.333% = 13.8 pp ahead (rounding first would give 13.9).
    let s = plan(
        json!([year("2023", None)]),
        json!([{"id": "done", "values": {"2023": "629.0"}}, {"id": "plan", "values": {"2023": "647.4"}}]),
        json!([{"id": "rate", "indicator": {"kind": "completion", "done": "done", "plan": "plan"}, "period": "2023", "cmp": ">=", "value": "83.3"}]),
        json!({"as_of": "2023-10", "rounding": {"percent": 3, "pp": 1}}),
    );
    let t = target(&s, "rate");
    assert_eq!(shown(&t), ("97.158".into(), Status::Met));
    let extra = |k: &str| t.extras.iter().find(|e| e.key == k).map(|e| e.value.display.clone());
    assert_eq!(extra("time_progress").as_deref(), Some("83.333"));
    assert_eq!(extra("ahead").as_deref(), Some("13.8"));
    // (647.4 − 629.0) ÷ 2 months left = 9.2 a month.
    assert_eq!(extra("run_rate").as_deref(), Some("9.20"));
}

#[test]
fn published_growth_is_kept_and_its_base_implied() {
    // Changzhi: 737.4亿 at +8.5% implies a comparable 2018 base of 679.63亿; growth stays exactly 8.5.
    let s = plan(
        json!([year("2018", None), year("2019", Some("2018"))]),
        json!([{"id": "fai", "values": {"2019": "737.4"}, "growth": {"2019": "8.5"}}]),
        json!([{"id": "g", "indicator": {"kind": "growth", "series": "fai"}, "period": "2019", "cmp": "=", "value": "8.5"}]),
        json!({}),
    );
    let t = target(&s, "g");
    assert_eq!(t.value.as_ref().map(|q| q.exact.to_string()).as_deref(), Some("8.5"));
    assert_eq!(t.status, Status::Met);
    let e = plancalc::explain::explain_target(&s, "g", "en").unwrap();
    assert!(e.steps.iter().any(|st| st.text.contains("737.4 ÷ (1 + 8.5%)")), "{:#?}", e.steps);
    // The level that needs +10% instead: 679.63… × 1.1 = 747.59亿.
    let goal = s.goal_seek("g", "fai", Mode::Substitute, &[], None).unwrap();
    let GoalOutcome::Reachable { value, .. } = goal.outcome else { panic!("{goal:?}") };
    assert_eq!(value.display, "737.40");
}

#[test]
fn comparable_basis_growth_is_never_rederived_from_levels() {
    // NBS Jan–Sep: 461,204亿 in 2019, 436,530亿 in 2020, published +0.8%; the level ratio is −5.35%.
    let s = plan(
        json!([year("2019", None), year("2020", Some("2019"))]),
        json!([{"id": "fai", "values": {"2019": "461204", "2020": "436530"}, "growth": {"2020": "0.8"}}]),
        json!([{"id": "g", "indicator": {"kind": "growth", "series": "fai"}, "period": "2020", "cmp": ">=", "value": "0"}]),
        json!({"rounding": {"percent": 2}}),
    );
    assert_eq!(shown(&target(&s, "g")), ("0.80".into(), Status::Met));
    let w = s.results().warnings;
    let differs = w.iter().find(|w| w.code == "growth.differs_from_levels").expect("the comparable-basis note");
    let from_levels = differs.figures.iter().find(|(k, _)| k == "from_levels").map(|(_, q)| q.display.clone());
    assert_eq!(from_levels.as_deref(), Some("-5.35"));
}

#[test]
fn contributions_of_a_partition_add_up_to_the_whole_growth() {
    let s = plan(
        json!([year("2022", None), year("2023", Some("2022"))]),
        json!([
            {"id": "a", "values": {"2022": "60", "2023": "66"}},
            {"id": "b", "values": {"2022": "40", "2023": "42"}},
            {"id": "w", "sum": ["a", "b"]}
        ]),
        json!([
            {"id": "ca", "indicator": {"kind": "contribution", "part": "a", "whole": "w"}, "period": "2023", "cmp": ">=", "value": "0"},
            {"id": "cb", "indicator": {"kind": "contribution", "part": "b", "whole": "w"}, "period": "2023", "cmp": ">=", "value": "0"},
            {"id": "gw", "indicator": {"kind": "growth", "series": "w"}, "period": "2023", "cmp": ">=", "value": "0"},
            {"id": "sa", "indicator": {"kind": "contribution_share", "part": "a", "whole": "w"}, "period": "2023", "cmp": ">=", "value": "0"}
        ]),
        json!({}),
    );
    // a: +6 of a base of 100 → 6 pp; b: +2 → 2 pp; whole +8%. a's contribution share = 6 ÷ 8 = 75%.
    assert_eq!(shown(&target(&s, "ca")).0, "6.0");
    assert_eq!(shown(&target(&s, "cb")).0, "2.0");
    assert_eq!(shown(&target(&s, "gw")).0, "8.0");
    assert_eq!(shown(&target(&s, "sa")).0, "75.0");
}

#[test]
fn units_growth_aggregates_by_base_weights() {
    // Two counties at 10% and 12% give 11% only with equal bases; here the 12% one holds 40%: 10.8% < 11%.
    let s = plan(
        json!([year("2022", None), year("2023", Some("2022"))]),
        json!([
            {"id": "low", "values": {"2022": "60", "2023": "66"}},
            {"id": "high", "values": {"2022": "40", "2023": "44.8"}}
        ]),
        json!([
            {"id": "city", "indicator": {"kind": "aggregate_growth", "units": ["low", "high"]}, "period": "2023", "cmp": ">=", "value": "11"},
            {"id": "low-g", "indicator": {"kind": "growth", "series": "low"}, "period": "2023", "cmp": ">=", "value": "10"},
            {"id": "high-g", "indicator": {"kind": "growth", "series": "high"}, "period": "2023", "cmp": ">=", "value": "12"}
        ]),
        json!({}),
    );
    assert_eq!(shown(&target(&s, "low-g")), ("10.0".into(), Status::Met));
    assert_eq!(shown(&target(&s, "high-g")), ("12.0".into(), Status::Met));
    assert_eq!(shown(&target(&s, "city")), ("10.8".into(), Status::NotMet));
    // Each county's contribution: (66 − 60) ÷ 100 × 100 = 6 pp and (44.8 − 40) ÷ 100 × 100 = 4.8 pp; together 10.8.
    let city = target(&s, "city");
    let parts: Vec<(String, String)> =
        city.contributions.iter().map(|c| (c.id.clone(), c.value.exact.normalize().to_string())).collect();
    assert_eq!(parts, [("low".to_owned(), "6".to_owned()), ("high".to_owned(), "4.8".to_owned())]);
    assert!(city.contributions.iter().all(|c| c.value.symbol == "pp"));
}

#[test]
fn unit_contributions_add_up_to_the_combined_growth_exactly() {
    // Bases that do not divide evenly: each contribution is a repeating decimal, their sum is still exact.
    let s = plan(
        json!([year("2022", None), year("2023", Some("2022"))]),
        json!([
            {"id": "a", "values": {"2022": "10", "2023": "11"}},
            {"id": "b", "values": {"2022": "10", "2023": "12"}},
            {"id": "c", "values": {"2022": "10", "2023": "10"}}
        ]),
        json!([{"id": "all", "indicator": {"kind": "aggregate_growth", "units": ["a", "b", "c"]}, "period": "2023", "cmp": ">=", "value": "10"}]),
        json!({}),
    );
    let all = target(&s, "all");
    let fractions: Vec<Option<String>> =
        all.contributions.iter().map(|c| c.value.fraction.clone().map(|f| f.to_string())).collect();
    assert_eq!(fractions, [Some("10/3".to_owned()), Some("20/3".to_owned()), None]);
    assert_eq!(all.value.unwrap().display.to_string(), "10.0");
}

#[test]
fn a_composition_gives_each_items_share_and_they_add_up_to_100() {
    let s = plan(
        json!([year("2023", None)]),
        json!([
            {"id": "fai", "values": {"2023": "300"}},
            {"id": "x", "values": {"2023": "100"}},
            {"id": "y", "values": {"2023": "100"}},
            {"id": "z", "values": {"2023": "70"}}
        ]),
        json!([]),
        json!({"breakdowns": [{"id": "by", "label": {"zh-CN": "分", "en": "by"}, "parent": "fai", "children": ["x", "y", "z"]}]}),
    );
    let c = s.composition("by", "2023").unwrap();
    assert_eq!((c.parent.as_str(), c.total.unwrap().display.to_string()), ("fai", "300.00".to_owned()));
    let shares: Vec<String> = c.items.iter().map(|i| i.share.clone().unwrap().fraction.unwrap().to_string()).collect();
    assert_eq!(shares, ["100/3", "100/3", "70/3"]);
    assert_eq!(c.remainder.unwrap().display.to_string(), "30.00");
    assert_eq!(c.remainder_share.unwrap().display.to_string(), "10.0");
    assert_eq!(s.composition("nope", "2023").unwrap_err().code(), "id.unknown");
    assert_eq!(s.composition("by", "2031").unwrap_err().path(), "period");
}

#[test]
fn a_multiple_of_last_years_level() {
    let s = plan(
        json!([year("2018", None), year("2019", Some("2018"))]),
        json!([{"id": "reserve", "values": {"2019": "1700"}}, {"id": "fai", "values": {"2018": "679.63"}}]),
        json!([{"id": "m", "indicator": {"kind": "ratio", "numerator": "reserve", "denominator": "fai", "denominator_period": "2018"},
                "period": "2019", "cmp": ">=", "value": "2.5"}]),
        json!({}),
    );
    assert_eq!(shown(&target(&s, "m")), ("2.50".into(), Status::Met));
    let goal = s.goal_seek("m", "reserve", Mode::Substitute, &[], None).unwrap();
    let GoalOutcome::Reachable { value, .. } = goal.outcome else { panic!("{goal:?}") };
    assert_eq!(value.exact.to_string(), "1699.075");
}

#[test]
fn about_targets_use_their_tolerance() {
    let s = plan(
        json!([year("2023", None)]),
        json!([{"id": "fai", "values": {"2023": "1000"}}, {"id": "ind", "values": {"2023": "355"}}]),
        json!([
            {"id": "near", "indicator": {"kind": "share", "part": "ind", "whole": "fai"}, "period": "2023", "cmp": "~", "value": "35", "tolerance": "1"},
            {"id": "tight", "indicator": {"kind": "share", "part": "ind", "whole": "fai"}, "period": "2023", "cmp": "~", "value": "35", "tolerance": "0.4"}
        ]),
        json!({}),
    );
    assert_eq!(target(&s, "near").status, Status::Met);
    assert_eq!(target(&s, "tight").status, Status::NotMet);
}

fn zunyi() -> Session {
    Session::from_json(include_str!("../www/presets/zunyi.json")).unwrap()
}

fn reach(s: &Session, target: &str, lever: &str, mode: Mode) -> (String, Option<String>) {
    match s.goal_seek(target, lever, mode, &[], None).unwrap().outcome {
        GoalOutcome::Reachable { delta, .. } => {
            (delta.exact.normalize().to_string(), delta.fraction.map(|f| f.to_string()))
        }
        GoalOutcome::Unreachable(why) => panic!("{target} by {lever}: {why:?}"),
    }
}

#[test]
fn goal_seek_additive_and_substitute_answer_different_questions() {
    let s = zunyi();
    // New investment: (1450 + x) / (6800 + x) = 0.3 → x = (0.3·6800 − 1450) / 0.7 = 5900/7.
    let (x, fraction) = reach(&s, "industrial-share", "industrial", Mode::Additive);
    assert_eq!(fraction.as_deref(), Some("5900/7"));
    assert!(x.starts_with("842.857142857142857142857142"), "{x}");
    // Reallocation with FAI held: x = 0.3·6800 − 1450 = 590; but the sectors leave only 353 unallocated.
    let goal = s.goal_seek("industrial-share", "industrial", Mode::Substitute, &[], None).unwrap();
    match goal.outcome {
        GoalOutcome::Unreachable(plancalc::calc::goal::Unreachable::NoRoom { needed, available, from }) => {
            assert_eq!(
                (needed.to_string(), available.to_string(), from.as_str()),
                ("590".into(), "353".into(), "sectors")
            );
        }
        other => panic!("{other:?}"),
    }
    // Taken from agriculture (360) it still does not fit; taken from urbanisation (2,550) it does.
    let goal = s.goal_seek("industrial-share", "industrial", Mode::Substitute, &[], Some("agriculture")).unwrap();
    assert!(
        matches!(goal.outcome, GoalOutcome::Unreachable(plancalc::calc::goal::Unreachable::NoRoom { .. })),
        "{goal:?}"
    );
    let goal = s.goal_seek("industrial-share", "industrial", Mode::Substitute, &[], Some("urbanisation")).unwrap();
    match goal.outcome {
        GoalOutcome::Reachable { delta, .. } => assert_eq!(delta.exact.to_string(), "590"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_goal_seek_answer_applied_lands_exactly_on_target() {
    let mut s = zunyi();
    let GoalOutcome::Reachable { edit, .. } =
        s.goal_seek("industrial-share", "industrial", Mode::Additive, &[], None).unwrap().outcome
    else {
        panic!("reachable")
    };
    assert_eq!(edit.op, Op::Set("16050/7".into()));
    s.apply(edit).unwrap();
    let t = target(&s, "industrial-share");
    assert_eq!(t.value.as_ref().map(|q| q.exact.to_string()).as_deref(), Some("30"));
    assert_eq!(t.status, Status::Met);
    // Additive: FAI rose by the same amount.
    assert_eq!(target(&s, "fai-total").value.unwrap().fraction.as_deref(), Some("53500/7"));
}

#[test]
fn unreachable_goals_say_why() {
    let s = plan(
        json!([year("2023", None)]),
        json!([{"id": "fai", "values": {"2023": "100"}}, {"id": "ind", "values": {"2023": "30"}, "within": "fai"}, {"id": "other", "values": {"2023": "5"}}]),
        json!([
            {"id": "all", "indicator": {"kind": "share", "part": "ind", "whole": "fai"}, "period": "2023", "cmp": ">=", "value": "100"},
            {"id": "low", "indicator": {"kind": "share", "part": "ind", "whole": "fai"}, "period": "2023", "cmp": "<=", "value": "-5"}
        ]),
        json!({}),
    );
    let why = |t: &str, lever: &str, mode| match s.goal_seek(t, lever, mode, &[], None).unwrap().outcome {
        GoalOutcome::Unreachable(u) => format!("{u:?}"),
        other => format!("reachable {other:?}"),
    };
    assert_eq!(why("all", "ind", Mode::Additive), "Asymptote");
    assert_eq!(why("all", "other", Mode::Substitute), "LeverNotUsed");
    assert!(why("low", "ind", Mode::Substitute).starts_with("NegativeInvestment"));
}

#[test]
fn joint_goal_seek_finds_the_binding_target() {
    let s = plan(
        json!([year("2023", None)]),
        json!([{"id": "fai", "values": {"2023": "1000"}}, {"id": "ind", "values": {"2023": "200"}, "within": "fai"}, {"id": "priv", "values": {"2023": "400"}, "within": "fai"}]),
        json!([
            {"id": "ind-share", "indicator": {"kind": "share", "part": "ind", "whole": "fai"}, "period": "2023", "cmp": ">=", "value": "30"},
            {"id": "ind-amount", "indicator": {"kind": "amount", "series": "ind"}, "period": "2023", "cmp": ">=", "value": "250"},
            {"id": "ind-cap", "indicator": {"kind": "amount", "series": "ind"}, "period": "2023", "cmp": "<=", "value": "900"}
        ]),
        json!({}),
    );
    // Additive: share needs (0.3·1000 − 200)/0.7 = 1000/7 ≈ 142.86 more → 2400/7 ≈ 342.86 > 250. The share binds.
    let r = s.goal_seek_all("ind", "2023", Mode::Additive, &[], None).unwrap();
    match r.outcome {
        GoalOutcome::Reachable { value, binding, .. } => {
            assert_eq!((value.fraction.as_deref(), binding.as_str()), (Some("2400/7"), "ind-share"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn edits_propagate_by_mode_and_undo_restores_exactly() {
    let mut s = plan(
        json!([year("2023", None)]),
        json!([
            {"id": "fai", "values": {"2023": "1000"}}, {"id": "ind", "values": {"2023": "200"}},
            {"id": "agr", "values": {"2023": "100"}}, {"id": "priv", "values": {"2023": "400"}, "within": "fai"}
        ]),
        json!([]),
        json!({"breakdowns": [{"id": "sectors", "label": {"zh-CN": "s", "en": "s"}, "parent": "fai", "children": ["ind", "agr"]}]}),
    );
    let before = s.results();
    let edit = |op: Op, mode: Mode, counts: &[&str]| Edit {
        series: "ind".into(),
        period: "2023".into(),
        op,
        mode,
        counts_toward: counts.iter().map(|c| (*c).to_owned()).collect(),
        ..Default::default()
    };
    // A new private industrial project of 50: industrial, private and FAI all rise by 50.
    let out = s.apply(edit(Op::Add("50".into()), Mode::Additive, &["priv"])).unwrap();
    let v = |id: &str| out.series.iter().find(|x| x.id == id).unwrap().value.as_ref().unwrap().display.to_string();
    assert_eq!((v("ind"), v("priv"), v("fai")), ("250.00".into(), "450.00".into(), "1050.00".into()));
    assert_eq!(out.series.len(), 3);
    // +10% under substitute: only industrial moves; the unallocated remainder shrinks.
    let out = s.apply(edit(Op::Percent("10".into()), Mode::Substitute, &[])).unwrap();
    assert_eq!(out.breakdowns[0].remainder[0].as_ref().unwrap().display, "675.00");
    assert_eq!(s.results().breakdowns[0].remainder[0].as_ref().unwrap().display, "675.00");
    assert!(s.undo().is_some());
    assert!(s.undo().is_some());
    assert!(s.undo().is_none());
    assert_eq!(s.results(), before);
    assert!(s.redo().is_some());
    assert_eq!(s.edits().len(), 1);
}

#[test]
fn scenarios_compare_in_percentage_points() {
    let mut s = zunyi();
    s.new_scenario("more industry", None).unwrap();
    s.set_value("industrial", "2021-2023", "2040").unwrap();
    let rows = s.compare("baseline", "more industry").unwrap();
    let row = rows.iter().find(|r| r.kind == "target" && r.id == "industrial-share").unwrap();
    assert_eq!(row.delta.as_ref().map(|q| (q.display.as_str(), q.symbol.as_str())), Some(("8.7", "pp")));
    assert_eq!((row.status_a, row.status_b), (Some(Status::NotMet), Some(Status::Met)));
    s.switch_scenario("scenario 1").unwrap();
    assert_eq!(target(&s, "industrial-share").status, Status::NotMet);
    assert_eq!(s.new_scenario("more industry", None).map(|_| ()).map_err(|e| e.code()), Err("id.duplicate"));
    assert_eq!(s.switch_scenario("nope").map(|_| ()).map_err(|e| e.code()), Err("id.unknown"));
}

/// An explanation explains the answer goal seek gave: where the remainder has no room, it says so, and walks
/// through no solution that goal seek refused.
#[test]
fn a_goal_explanation_agrees_with_the_answer() {
    let s = zunyi();
    let e = plancalc::explain::explain_goal(&s, "industrial-share", "industrial", Mode::Substitute, &[], None, "en")
        .unwrap();
    let kinds: Vec<String> = e.steps.iter().map(|st| format!("{:?}", st.kind)).collect();
    assert!(!kinds.iter().any(|k| k == "Check" || k == "Solve"), "{kinds:?}");
    assert!(e.steps.iter().any(|st| st.text.contains("only 353 is left in sectors")), "{:?}", e.steps);
}

#[test]
fn explanations_walk_through_every_step_in_both_languages() {
    let s = zunyi();
    for locale in ["zh-CN", "zh-TW", "en"] {
        let e = plancalc::explain::explain_target(&s, "industrial-share", locale).unwrap();
        let kinds: Vec<_> = e.steps.iter().map(|st| format!("{:?}", st.kind)).collect();
        assert_eq!(kinds[..6], ["Formula", "Substitute", "Exact", "Round", "Compare", "Gap"], "{locale}");
        assert!(e.steps[2].text.contains("725/34"), "{locale}: {}", e.steps[2].text);
    }
    let add =
        plancalc::explain::explain_goal(&s, "industrial-share", "industrial", Mode::Additive, &[], None, "en").unwrap();
    let text: Vec<&str> = add.steps.iter().map(|st| st.text.as_str()).collect();
    assert!(text[0].contains("NEW investment"), "{text:?}");
    assert!(text.iter().any(|t| t.contains("16050/7")), "{text:?}");
    assert!(text.last().unwrap().contains("reallocation"), "{text:?}");
}

#[test]
fn tongren_anomalies_are_flagged_not_fixed() {
    let s = Session::from_json(include_str!("../www/presets/tongren.json")).unwrap();
    let w = s.results().warnings;
    let has = |code: &str, id: &str| w.iter().any(|x| x.code == code && x.ids.iter().any(|i| i == id));
    assert!(has("breakdown.exceeds_parent", "sectors"));
    assert!(has("total.smaller_than_part", "fai"));
    assert!(has("breakdown.not_covered", "transport-items"));
    let miss = w.iter().find(|x| x.code == "share.parts_miss_target").unwrap();
    assert_eq!(miss.figures[0].1.exact.round_dp(2).to_string(), "19.35");
    let factor = w.iter().find(|x| x.code == "breakdown.exceeds_parent").unwrap();
    assert!(factor.figures.iter().any(|(k, q)| k == "factor" && q.display == "91.05"));
}

#[test]
fn only_targets_no_value_can_meet_together_conflict() {
    // Two floors (≥ 20 and ≥ 7, as Tongren states one item twice) or two ceilings can both be met: the stricter decides.
    // A floor above a ceiling, or an "about" band that misses a floor, cannot.
    let t = |id: &str, cmp: &str, value: &str| json!({"id": id, "indicator": {"kind": "amount", "series": "villages"}, "period": "2023", "cmp": cmp, "value": value});
    let about = |id: &str, value: &str| json!({"id": id, "indicator": {"kind": "amount", "series": "villages"}, "period": "2023", "cmp": "~", "value": value, "tolerance": "1"});
    for (targets, expected) in [
        (json!([t("a", ">=", "20"), t("b", ">=", "7")]), vec![]),
        (json!([t("a", "<=", "20"), t("b", "<=", "7")]), vec![]),
        (json!([t("a", ">=", "7"), t("b", "<=", "20")]), vec![]),
        (json!([t("a", ">=", "7"), t("b", "<=", "7")]), vec![]),
        (json!([t("a", ">=", "20"), t("b", "<=", "7")]), vec![vec!["a", "b"]]),
        (json!([about("a", "35"), t("b", ">=", "35.5")]), vec![]),
        (json!([about("a", "35"), t("b", ">=", "37")]), vec![vec!["a", "b"]]),
        (json!([about("a", "35"), about("b", "38")]), vec![vec!["a", "b"]]),
    ] {
        let s = plan(
            json!([year("2023", None)]),
            json!([{"id": "villages", "unit": "个", "values": {"2023": "12"}}]),
            targets.clone(),
            json!({}),
        );
        let w = s.results().warnings;
        let conflicts: Vec<Vec<String>> =
            w.iter().filter(|w| w.code == "target.conflict").map(|w| w.ids.clone()).collect();
        assert_eq!(conflicts, expected, "{targets}");
    }
}

/// An explanation's gap step says what the target's own result says it needs, in each language.
#[test]
fn the_gap_step_quotes_what_the_target_needs() {
    let s = zunyi();
    let needed = s.target_result("industrial-share").unwrap().needed.clone().unwrap();
    for locale in ["zh-CN", "zh-TW", "en"] {
        let e = plancalc::explain::explain_target(&s, "industrial-share", locale).unwrap();
        let gap = e.steps.iter().find(|st| format!("{:?}", st.kind) == "Gap").unwrap();
        assert!(gap.text.contains(&needed.display), "{locale}: {}", gap.text);
    }
    let tw = plancalc::explain::explain_target(&s, "industrial-share", "zh-TW").unwrap();
    assert!(tw.steps.iter().any(|st| st.text.contains("精確值")), "{:?}", tw.steps);
}

#[test]
fn the_summary_counts_targets_by_status_and_puts_those_not_met_first() {
    let mut s = zunyi();
    let summary = s.summary();
    assert_eq!((summary.met, summary.not_met, summary.without_data), (20, 1, 1));
    assert_eq!(&summary.order[..3], ["industrial-share", "private-share", "fai-total"]);
    assert_eq!(summary.text.zh_cn, "20 项达标 · 1 项未达标 · 1 项无数据");
    assert_eq!(summary.text.zh_tw, "20 項達標 · 1 項未達標 · 1 項無數據");
    assert_eq!(summary.text.en, "20 met · 1 not met · 1 without data");
    // The same order in groups, each with its heading.
    let groups: Vec<(&str, usize, &str)> =
        summary.groups.iter().map(|g| (g.key.as_str(), g.ids.len(), g.title.zh_cn.as_str())).collect();
    assert_eq!(
        groups,
        [("not_met", 1, "未达标 · 1 项"), ("without_data", 1, "无数据 · 1 项"), ("met", 20, "已达标 · 20 项")]
    );
    assert_eq!(summary.groups.iter().flat_map(|g| g.ids.clone()).collect::<Vec<_>>(), summary.order);
    assert_eq!(summary.groups[2].title.en, "Met · 20");
    s.set_value("industrial", "2021-2023", "2040").unwrap();
    let after = s.summary();
    assert_eq!((after.met, after.not_met), (21, 0));
    assert_eq!(after.order[0], "private-share");
    // A group without targets has no heading.
    assert_eq!(after.groups.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(), ["without_data", "met"]);
}

#[test]
fn a_multiple_of_last_years_figure_takes_it_from_this_years_published_growth() {
    // Changzhi: reserve ≥ 2.5 × 2018's FAI; 2018 is not given, but 2019's 737.4 at +8.5% gives its comparable level,
    // 737.4 ÷ 1.085 = 679.63…, so 2.5 × that is 1,699.08 (rounded once, at display).
    let s = plan(
        json!([year("2018", None), year("2019", Some("2018"))]),
        json!([{"id": "fai", "values": {"2019": "737.4"}, "growth": {"2019": "8.5"}},
               {"id": "reserve", "values": {"2019": "1700"}}]),
        json!([{"id": "multiple", "indicator": {"kind": "ratio", "numerator": "reserve", "denominator": "fai",
                "denominator_period": "2018"}, "period": "2019", "cmp": ">=", "value": "2.5"}]),
        json!({}),
    );
    let t = target(&s, "multiple");
    assert_eq!(t.status, Status::Met);
    // 1700 ÷ (737.4 ÷ 1.085) = 1844.5 ÷ 737.4 = 2.50136…
    assert_eq!(t.value.as_ref().unwrap().display, "2.50");
    assert_eq!(t.needed.as_ref().unwrap().display, "-0.92"); // 2.5 × 679.631… = 1699.078…; 1700 − that = 0.92 spare
                                                             // A figure typed for 2018 is used as it stands.
    let mut s = s;
    s.set_value("fai", "2018", "680").unwrap();
    assert_eq!(target(&s, "multiple").value.unwrap().display, "2.50"); // 1700 ÷ 680 = 2.5
}

#[test]
fn a_growth_rate_from_a_published_one_carries_its_comparable_base_and_the_revision() {
    // The NBS example of domain.md: Jan–Sep 2020 at 436,530 with a published +0.8% over a published 461,204 for 2019.
    let s = plan(
        json!([year("2019", None), year("2020", Some("2019"))]),
        json!([{"id": "fai", "values": {"2019": "461204", "2020": "436530"}, "growth": {"2020": "0.8"}}]),
        json!([{"id": "growth", "indicator": {"kind": "growth", "series": "fai"}, "period": "2020", "cmp": ">=", "value": "0"}]),
        json!({}),
    );
    let t = target(&s, "growth");
    let extra = |key: &str| t.extras.iter().find(|x| x.key == key).map(|x| x.value.display.clone());
    assert_eq!(shown(&t), ("0.8".into(), Status::Met));
    assert_eq!(extra("comparable_base").as_deref(), Some("433065.48")); // 436530 ÷ 1.008
    assert_eq!(extra("base_revision").as_deref(), Some("-28138.52")); // 433065.48 − 461204
}

#[test]
fn a_plan_opens_with_the_scenarios_it_carries_beside_its_baseline() {
    let doc = |edits: Value| {
        json!({"schema": 1, "id": "t", "title": {"zh-CN": "测试", "en": "Test"},
            "periods": [{"id": "2023", "label": {"zh-CN": "2023", "en": "2023"}}],
            "series": [{"id": "fai", "label": {"zh-CN": "投资", "en": "FAI"}, "values": {}},
                       {"id": "ind", "label": {"zh-CN": "工业", "en": "Industry"}, "within": "fai", "values": {}}],
            "targets": [{"id": "share", "label": {"zh-CN": "占比", "en": "Share"},
                "indicator": {"kind": "share", "part": "ind", "whole": "fai"}, "period": "2023", "cmp": ">=", "value": "30"}],
            "scenarios": [{"name": "示例(虚构数字)", "edits": edits}]})
    };
    let plan = plancalc::Plan::from_value(&doc(json!([
        {"series": "fai", "period": "2023", "set": "1000"}, {"series": "ind", "period": "2023", "set": "320"}])))
    .unwrap();
    let mut s = Session::open(plan).unwrap();
    // The baseline stays active and without figures; the scenario has them.
    assert_eq!(target(&s, "share").status, Status::NoData);
    assert_eq!(s.scenario_names(), vec!["scenario 1".to_owned(), "示例(虚构数字)".to_owned()]);
    s.switch_scenario("示例(虚构数字)").unwrap();
    assert_eq!(shown(&target(&s, "share")), ("32.0".into(), Status::Met));
    assert!(s.untouched());
    // Saved and restored, it is the same; one more edit and it is no longer as the plan opens it.
    let back = Session::restore(&s.state()).unwrap();
    assert_eq!(back.scenario_states(), s.scenario_states());
    s.set_value("ind", "2023", "330").unwrap();
    assert!(!s.untouched());
    // Written back, it reads back the same.
    let again = plancalc::Plan::from_value(&s.plan().to_document(None, None)).unwrap();
    assert_eq!(again.scenarios, s.plan().scenarios);
    // An edit the plan cannot take is refused at its path.
    let bad = plancalc::Plan::from_value(&doc(json!([{"series": "nope", "period": "2023", "set": "1"}]))).unwrap();
    let e = Session::open(bad).err().unwrap();
    assert!(e.path().starts_with("scenarios[0].edits[0]"), "{}", e.path());
}
