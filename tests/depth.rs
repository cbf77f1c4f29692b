//! Memory and time grow linearly with the depth of a plan's sums (issue 17, finding 9: 5,000 nested sums took
//! 408 MB and 20,000 took 5.9 GB). One test in its own binary, so that the process's memory is this test's alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use plancalc::model::edit::{Edit, Mode, Op};
use plancalc::Session;
use serde_json::json;

/// A plan whose series are `depth` sums nested one in the next, over one input, with a share target at the top.
fn nested(depth: usize) -> String {
    let l = |s: &str| json!({"zh-CN": s, "en": s});
    let mut series = vec![
        json!({"id": "s0", "label": l("s0"), "values": {"2023": "10"}}),
        json!({"id": "x", "label": l("x"), "values": {"2023": "5"}}),
    ];
    for i in 1..=depth {
        let parts = if i == 1 { json!(["s0", "x"]) } else { json!([format!("s{}", i - 1)]) };
        series.push(json!({"id": format!("s{i}"), "label": l("s"), "sum": parts}));
    }
    json!({
        "schema": 1, "id": "deep", "title": l("deep"), "periods": [{"id": "2023", "label": l("2023")}],
        "series": series,
        "targets": [{"id": "t", "label": l("t"), "indicator": {"kind": "share", "part": "x", "whole": format!("s{depth}")},
                     "period": "2023", "cmp": ">=", "value": "40"}]
    })
    .to_string()
}

/// The process's resident memory in bytes (Linux).
fn resident() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4096
}

#[test]
fn twenty_thousand_nested_sums_load_edit_and_seek_in_linear_memory() {
    let before = resident();
    let mut s = Session::from_json(&nested(20_000)).unwrap();
    let edit = |v: &str| Edit { series: "x".into(), period: "2023".into(), op: Op::Set(v.into()), ..Edit::default() };
    s.apply(edit("6")).unwrap();
    let top = s.results().series.last().unwrap().values[0].clone().unwrap();
    assert_eq!(top.exact.to_string(), "16");
    let goal = s.goal_seek("t", "x", Mode::Substitute, &[], None).unwrap();
    assert!(matches!(goal.outcome, plancalc::session::GoalOutcome::Reachable { .. }), "{goal:?}");
    s.undo().unwrap();
    let grown = resident().saturating_sub(before);
    // 20,000 series with their results are a few tens of megabytes; a structure quadratic in depth is gigabytes.
    assert!(grown < 300 << 20, "grew by {} MB", grown >> 20);
}
