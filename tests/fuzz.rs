//! A short, deterministic slice of plancalc's fuzzer (`tests/fuzzer/mod.rs`): the same generators and oracles
//! as `make fuzz`, from a fixed seed, so that `make test` keeps every promise the fuzzer checks.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod fuzzer;

#[test]
fn a_deterministic_fuzz_slice_finds_nothing() {
    std::panic::set_hook(Box::new(|_| {}));
    let report = fuzzer::run(17, 150, |_| true);
    let _ = std::panic::take_hook();
    assert_eq!((report.sessions, report.plans, report.csv, report.compact), (150, 150, 150, 150));
    let findings: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} / {}: {}\n{}", f.category, f.failure.oracle, f.failure.detail, f.reproducer))
        .collect();
    assert!(findings.is_empty(), "{}", findings.join("\n\n"));
}

/// The oracles can fail: an undocumented code, and a goal answer that does not land, are each caught.
#[test]
fn the_oracles_catch_what_they_are_for() {
    use plancalc::{Mode, Op, Session};
    let made_up = plancalc::Error::rule("made.up", "edit", "no such rule");
    assert_eq!(fuzzer::documented(&made_up).unwrap_err().oracle, "undocumented_code");
    let plan = &fuzzer::seeds()[0].1;
    let s = Session::from_json(&plan.to_string()).unwrap();
    let mut g = s.goal_seek("private-share", "private", Mode::Substitute, &[], None).unwrap();
    assert!(fuzzer::check_goal(&s, &g, true).is_ok(), "{g:?}");
    if let plancalc::GoalOutcome::Reachable { edit, .. } = &mut g.outcome {
        edit.op = Op::Set("541".into());
    }
    assert_eq!(fuzzer::check_goal(&s, &g, true).unwrap_err().oracle, "goal_missed");
}
