//! Properties that must hold for any figures: goal seek lands exactly on target, an edit and its inverse
//! restore the baseline exactly, and the shares of a full breakdown add up to exactly 100 before rounding.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::calc::grid::{plan_inputs, Grid};
use plancalc::calc::indicator::Ctx;
use plancalc::exact::Exact;
use plancalc::model::indicator::IndicatorSpec;
use plancalc::session::GoalOutcome;
use plancalc::{Edit, Mode, Op, Plan, Session, Status};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

/// An amount in 亿元 with up to two decimals, as plans print them.
fn amount() -> impl Strategy<Value = Decimal> {
    (1i64..5_000_000).prop_map(|cents| Decimal::new(cents, 2))
}

/// A plan: FAI broken down into sectors (the first is the lever), a share target on the first sector.
fn plan(total: Decimal, parts: &[Decimal], share: Decimal, cmp: &str) -> Plan {
    let label = |id: &str| json!({"zh-CN": id, "en": id});
    let mut series = vec![json!({"id": "fai", "label": label("fai"), "values": {"y": total.to_string()}})];
    let ids: Vec<String> = (0..parts.len()).map(|i| format!("s{i}")).collect();
    for (id, v) in ids.iter().zip(parts) {
        series.push(json!({"id": id, "label": label(id), "values": {"y": v.to_string()}}));
    }
    let targets: Vec<_> = ids
        .iter()
        .map(|id| {
            json!({"id": format!("share-{id}"), "label": label(id), "indicator": {"kind": "share", "part": id, "whole": "fai"},
                   "period": "y", "cmp": cmp, "value": share.to_string()})
        })
        .collect();
    let doc = json!({"schema": 1, "id": "p", "title": label("p"), "periods": [{"id": "y", "label": label("y")}],
        "series": series, "breakdowns": [{"id": "sectors", "label": label("sectors"), "parent": "fai", "children": ids}],
        "targets": targets});
    Plan::from_value(&doc).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn goal_seek_lands_exactly_on_target(
        parts in prop::collection::vec(amount(), 1..6),
        extra in amount(),
        share_tenths in 1i64..999,
        additive in any::<bool>(),
    ) {
        let total = parts.iter().copied().sum::<Decimal>() + extra;
        let share = Decimal::new(share_tenths, 1);
        let mode = if additive { Mode::Additive } else { Mode::Substitute };
        let mut s = Session::new(plan(total, &parts, share, ">="));
        let goal = s.goal_seek("share-s0", "s0", mode, &[], Some("s1").filter(|_| !additive && parts.len() > 1)).unwrap();
        match goal.outcome {
            GoalOutcome::Reachable { edit, .. } => {
                s.apply(edit).unwrap();
                let t = s.results().targets.into_iter().find(|t| t.id == "share-s0").unwrap();
                // Exactly on target: the exact value equals the target value, and the target is met.
                prop_assert_eq!(t.value.as_ref().map(|q| q.exact), Some(share));
                prop_assert_eq!(t.value.as_ref().and_then(|q| q.fraction.clone()), None);
                prop_assert_eq!(t.status, Status::Met);
            }
            // A lever that would have to go negative, or more than the offset or remainder holds, is a fair answer.
            GoalOutcome::Unreachable(why) => prop_assert!(
                matches!(why, plancalc::calc::goal::Unreachable::NegativeInvestment { .. } | plancalc::calc::goal::Unreachable::NoRoom { .. }),
                "{:?}", why
            ),
        }
    }

    #[test]
    fn an_edit_and_its_inverse_restore_the_baseline_exactly(
        parts in prop::collection::vec(amount(), 1..6),
        extra in amount(),
        delta in amount(),
        pct_tenths in 1i64..2000,
        additive in any::<bool>(),
    ) {
        let total = parts.iter().copied().sum::<Decimal>() + extra;
        let mut s = Session::new(plan(total, &parts, Decimal::from(30), ">="));
        let before = s.results();
        let mode = if additive { Mode::Additive } else { Mode::Substitute };
        let edit = |op: Op| Edit { series: "s0".into(), period: "y".into(), op, mode, ..Default::default() };
        // +d then −d, by explicit inverse edits.
        s.apply(edit(Op::Add(delta.to_string()))).unwrap();
        s.apply(edit(Op::Add((-delta).to_string()))).unwrap();
        prop_assert_eq!(s.results(), before.clone());
        // +p% then undo, and redo then undo again.
        s.apply(edit(Op::Percent(Decimal::new(pct_tenths, 1).to_string()))).unwrap();
        s.undo().unwrap();
        prop_assert_eq!(s.results(), before.clone());
        s.redo().unwrap();
        s.undo().unwrap();
        prop_assert_eq!(s.results(), before);
    }

    #[test]
    fn incremental_results_always_equal_a_full_recomputation(
        edits in prop::collection::vec((0usize..4, -200i64..200, any::<bool>(), any::<bool>()), 1..12),
    ) {
        let mut s = Session::from_json(include_str!("../www/presets/tongren.json")).unwrap();
        let levers = ["industrial", "agriculture", "roads", "fai"];
        for (lever, amount, additive, undo) in edits {
            let edit = Edit {
                series: levers[lever].into(), period: "2022-2023".into(), op: Op::Add(amount.to_string()),
                mode: if additive { Mode::Additive } else { Mode::Substitute }, ..Default::default()
            };
            // Refused edits (a figure would go negative) change nothing; the comparison below covers them too.
            let _ = s.apply(edit);
            if undo {
                s.undo();
            }
            prop_assert_eq!(s.results(), s.results_from_scratch());
        }
    }

    #[test]
    fn shares_of_a_full_breakdown_add_up_to_exactly_100(parts in prop::collection::vec(amount(), 1..12)) {
        let total = parts.iter().copied().sum::<Decimal>();
        let p = plan(total, &parts, Decimal::ONE, ">=");
        let grid = Grid::compute(&p, &plan_inputs(&p));
        let ctx = Ctx { plan: &p, grid: &grid, baseline: &grid, shift: None };
        let mut sum = Exact::ZERO;
        for i in 0..parts.len() {
            let spec = IndicatorSpec::Share { part: i + 1, whole: 0 };
            let value = spec.evaluate(&ctx, 0).unwrap().frac.value().unwrap();
            sum = sum.checked_add(&value).unwrap();
        }
        prop_assert_eq!(sum.as_decimal(), Some(Decimal::ONE_HUNDRED));
    }
}
