//! The complete example in docs/plan-format.md loads, and evaluates as the document says it would.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::{Session, Status};

#[test]
fn the_documented_example_is_a_valid_plan() {
    let doc = include_str!("../docs/plan-format.md");
    let start = doc.find("```json").unwrap() + "```json".len();
    let end = start + doc[start..].find("```").unwrap();
    let s = Session::from_json(&doc[start..end]).unwrap_or_else(|e| panic!("[{}] {} at {}", e.code(), e, e.path()));
    let r = s.results();
    let status = |id: &str| r.targets.iter().find(|t| t.id == id).unwrap().status;
    assert_eq!(status("growth"), Status::Met); // published 8.5% ≥ 8%
    assert_eq!(status("industrial-share"), Status::NotMet); // 300/1080 = 27.8%
    assert_eq!(status("private-share"), Status::Met); // 540/1080 = 50%
    assert_eq!(status("key-progress"), Status::Met); // 76.9% at end of September
                                                     // The published 8.5% is not the level ratio 8.0%: the comparable-basis note fires.
    assert!(r.warnings.iter().any(|w| w.code == "growth.differs_from_levels"));
}

#[test]
fn a_saved_scenario_reloads_to_the_same_figures() {
    let mut s = Session::from_json(include_str!("../www/presets/zunyi.json")).unwrap();
    s.goal_seek("industrial-share", "industrial", plancalc::Mode::Additive, &[], None)
        .map(|g| match g.outcome {
            plancalc::GoalOutcome::Reachable { edit, .. } => s.apply(edit).map(|_| ()),
            other => panic!("{other:?}"),
        })
        .unwrap()
        .unwrap();
    let saved = serde_json::to_string(&s.to_document()).unwrap();
    let reloaded = Session::from_json(&saved).unwrap();
    let mut a = s.results();
    let b = reloaded.results();
    a.scenario = b.scenario.clone();
    // Reloaded, these figures are the plan's own: nothing is "changed from the baseline" any more.
    for x in &mut a.series {
        x.changed.iter_mut().for_each(|c| *c = false);
    }
    assert_eq!(a, b);
}

#[test]
fn a_whole_session_saves_and_restores() {
    use plancalc::session::SessionState;
    let mut s = Session::from_json(include_str!("../www/presets/zunyi.json")).unwrap();
    s.set_value("industrial", "2021-2023", "1,600").unwrap();
    s.new_scenario("new investment", None).unwrap();
    s.apply(plancalc::Edit {
        series: "industrial".into(),
        period: "2021-2023".into(),
        op: plancalc::Op::Set("16050/7".into()),
        mode: plancalc::Mode::Additive,
        ..Default::default()
    })
    .unwrap();
    s.switch_scenario("scenario 1").unwrap();
    let saved = serde_json::to_string(&s.state()).unwrap();
    let state = SessionState::read(&serde_json::from_str(&saved).unwrap()).unwrap();
    let restored = Session::restore(&state).unwrap();
    assert_eq!(restored.scenario_names(), s.scenario_names());
    assert_eq!(restored.active_scenario(), "scenario 1");
    assert_eq!(restored.results(), s.results());
    assert_eq!(
        restored.compare("scenario 1", "new investment").unwrap(),
        s.compare("scenario 1", "new investment").unwrap()
    );

    // A saved edit that no longer applies is refused with its path; nothing half-restored comes back.
    let mut broken = state.clone();
    broken.scenarios[1].edits[0].series = "steel".into();
    let err = Session::restore(&broken).err().unwrap();
    assert_eq!((err.code(), err.path()), ("id.unknown", "scenarios[1].edits[0]"));
    let mut broken = state;
    broken.active = "gone".into();
    assert_eq!(
        Session::restore(&broken).err().map(|e| (e.code(), e.path().to_owned())),
        Some(("id.unknown", "active".to_owned()))
    );
}

/// An edit reads the same wherever it comes from: a JSON number in a saved state is accepted as `apply` accepts
/// it, and a bad field inside a state is named by its whole path.
#[test]
fn a_saved_state_reads_its_edits_as_apply_does() {
    use plancalc::session::SessionState;
    let plan: serde_json::Value = serde_json::from_str(include_str!("../www/presets/zunyi.json")).unwrap();
    let state = serde_json::json!({
        "plan": plan, "active": "a",
        "scenarios": [{ "name": "a", "edits": [{ "series": "industrial", "period": "2021-2023", "set": 1600 }] }],
    });
    let restored = Session::restore(&SessionState::read(&state).unwrap()).unwrap();
    let mut applied = Session::from_json(include_str!("../www/presets/zunyi.json")).unwrap();
    let edit: plancalc::Edit =
        serde_json::from_value(serde_json::json!({ "series": "industrial", "period": "2021-2023", "set": 1600 }))
            .unwrap();
    applied.apply(edit).unwrap();
    assert_eq!(restored.results().targets, applied.results().targets);
    let mut bad = state.clone();
    bad["scenarios"][0]["edits"][0]["mode"] = serde_json::json!("sideways");
    let err = SessionState::read(&bad).unwrap_err();
    assert_eq!(err.path(), "scenarios[0].edits[0].mode");
}

/// The core states the facts the interface shows: which figures are typed in, which changed from the plan's own,
/// the sign of what is displayed (a remainder that went negative), and which compare rows differ.
#[test]
fn results_carry_the_facts_the_interface_shows() {
    use plancalc::session::FigureKind;
    let mut s = Session::from_json(include_str!("../www/presets/tongren.json")).unwrap();
    let r = s.results();
    assert!(r.series.iter().any(|x| x.kind == FigureKind::Sum), "Tongren has a sum series");
    assert!(r.series.iter().all(|x| x.changed.iter().all(|c| !c)), "nothing changed yet");
    let input = r.series.iter().find(|x| x.kind == FigureKind::Input && x.values[0].is_some()).unwrap().id.clone();
    let period = s.plan().period_id(0).to_owned();
    let outcome = s.set_value(&input, &period, "0").unwrap();
    let cell = outcome.series.iter().find(|c| c.id == input).unwrap();
    assert!(cell.changed);
    assert_eq!(cell.value.as_ref().unwrap().sign, plancalc::calc::indicator::Sign::Zero);
    let rows = s.compare("baseline", "scenario 1").unwrap();
    assert!(rows.iter().any(|row| row.id == input && row.differs));
    let untouched = r.series.iter().find(|x| x.kind == FigureKind::Input && x.id != input).unwrap();
    assert!(rows.iter().filter(|row| row.id == untouched.id).all(|row| !row.differs));
    s.undo().unwrap();
    assert!(s.results().series.iter().all(|x| x.changed.iter().all(|c| !c)), "undo restores the baseline");
}

/// Every source file of the core, as text.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut out);
    out
}

/// The quoted word that opens the arguments of each call of `call` in the core's source
/// (`Error::rule(\n "edit.computed", …` → `edit.computed`).
fn quoted_after(call: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (file, text) in sources() {
        for piece in text.split(call).skip(1) {
            if let Some(rest) = piece.trim_start().strip_prefix('"') {
                found.push((file.clone(), rest.chars().take_while(|c| *c != '"').collect()));
            }
        }
    }
    found
}

/// Every rule code the core raises is listed in `RULE_CODES`, and the README documents each one.
#[test]
fn every_error_code_is_listed_and_documented() {
    let listed: Vec<&str> = plancalc::error::RULE_CODES.iter().map(|(code, _)| *code).collect();
    let used = quoted_after("Error::rule(");
    assert!(used.len() >= listed.len(), "{used:?}");
    for (file, code) in &used {
        assert!(listed.contains(&code.as_str()), "{file}: {code} is not in RULE_CODES");
    }
    let readme = include_str!("../README.md");
    for code in listed {
        assert!(used.iter().any(|(_, c)| c == code), "{code} is listed but never raised");
        assert!(readme.contains(&format!("`{code}`")), "README does not document {code}");
    }
}

/// Every explanation step the core writes has its sentence in the catalogue.
#[test]
fn every_explanation_step_has_its_sentence() {
    let mut keys = Vec::new();
    for (file, text) in sources() {
        for piece in text.split("\"explain.").skip(1) {
            keys.push((
                file.clone(),
                format!("explain.{}", piece.chars().take_while(|c| *c != '"').collect::<String>()),
            ));
        }
    }
    keys.retain(|(file, _)| !file.ends_with("messages.rs"));
    assert!(keys.len() > 30, "{keys:?}");
    let all = || plancalc::messages::CATALOGUE.iter().chain(plancalc::messages::EXPLANATIONS);
    for (file, key) in keys {
        assert!(all().any(|(k, _)| *k == key), "{file}: no sentence for {key}");
    }
}

/// Every reason a value can be undefined has its sentence in the catalogue, in the three languages.
#[test]
fn every_undefined_reason_has_its_sentence() {
    let reasons = quoted_after("Gap::Undefined(");
    assert!(!reasons.is_empty());
    for (file, reason) in reasons {
        let key = format!("undefined.{reason}");
        assert!(plancalc::messages::CATALOGUE.iter().any(|(k, _)| *k == key), "{file}: no sentence for {key}");
    }
}
