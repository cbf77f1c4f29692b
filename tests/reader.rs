//! The plan-text reader on the five seed plans (tests/seeds/, copied from the project's reference data): the drafts
//! must hold the plans' investment targets (tests/seeds/expected.csv, from seed-targets.csv) with the right subject,
//! comparator, value, unit, period and soft flag. Prints recall and precision; fails below 95% recall or 90% precision.
//!
//! Recall: expected investment targets found ÷ expected investment targets. Precision: the draft targets that claim to
//! be investment figures — in money (亿元, 万元, 亿美元), naming 投资, or a growth rate — that match an expected target
//! (investment or other) ÷ all such draft targets. Counts and other rates (景区 5家, 机械化率 49%) are read too but are
//! not what the seed table tabulates, so they are not scored.
#![cfg(feature = "page")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use plancalc::reader::{read_plan_text, DraftTarget};

struct Expected {
    doc: String,
    investment: bool,
    subject: String,
    indicator: String,
    cmp: String,
    value: String,
    unit: String,
    period: String,
    soft: bool,
}

fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string("tests/seeds/expected.csv").unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("doc,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 9, "{l}");
            Expected {
                doc: f[0].into(),
                investment: f[1] == "investment",
                subject: f[2].into(),
                indicator: f[3].into(),
                cmp: f[4].into(),
                value: f[5].into(),
                unit: f[6].into(),
                period: f[7].into(),
                soft: f[8] == "true",
            }
        })
        .collect()
}

/// The same subject: the found one ends with the expected one ("全市储备项目计划总投资" is "储备项目计划总投资"), or
/// both are an investment and the found one names the expected one's qualifier ("全民健身场地设施投资" is
/// "全民健身投资"). Enumeration marks are ignored ("公路、水运投资" is "公路水运投资").
fn same_subject(found: &str, want: &str) -> bool {
    let plain = |s: &str| s.replace(['、', '和', '及'], "");
    let (found, want) = (plain(found), plain(want));
    let qualifier = want.strip_suffix("投资").filter(|q| !q.is_empty());
    found.ends_with(&want) || qualifier.is_some_and(|q| found.ends_with("投资") && found.contains(q))
}

fn matches(t: &DraftTarget, e: &Expected) -> bool {
    same_subject(&t.subject, &e.subject)
        && t.indicator == e.indicator
        && t.cmp == e.cmp
        && t.value == e.value
        && t.unit == e.unit
        && t.period == e.period
        && t.soft == e.soft
}

fn scored(t: &DraftTarget) -> bool {
    matches!(t.unit.as_str(), "亿元" | "万元" | "亿美元") || t.subject.contains("投资") || t.indicator == "growth"
}

#[test]
fn the_seed_plans_are_read_with_their_targets() {
    let expected = expected();
    let (mut wanted, mut found, mut claimed, mut right) = (0, 0, 0, 0);
    let mut report = String::new();
    let mut files: Vec<_> =
        std::fs::read_dir("tests/seeds").unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")) {
        let doc = path.file_name().unwrap().to_string_lossy()[..3].to_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let draft = read_plan_text(&text, &mut |_, _| {});
        let mine: Vec<&Expected> = expected.iter().filter(|e| e.doc == doc).collect();
        for e in mine.iter().filter(|e| e.investment) {
            wanted += 1;
            if draft.targets.iter().any(|t| matches(t, e)) {
                found += 1;
            } else {
                report += &format!(
                    "  {doc} missed: {} {} {} {}{} {} soft={}\n",
                    e.subject, e.indicator, e.cmp, e.value, e.unit, e.period, e.soft
                );
            }
        }
        for t in draft.targets.iter().filter(|t| scored(t)) {
            claimed += 1;
            if mine.iter().any(|e| matches(t, e)) {
                right += 1;
            } else {
                report += &format!(
                    "  {doc} wrong:  {} {} {} {}{} {} soft={}\n",
                    t.subject, t.indicator, t.cmp, t.value, t.unit, t.period, t.soft
                );
            }
        }
        // The draft opens as a plan.
        assert!(
            plancalc::Plan::from_value(&draft.plan).is_ok(),
            "{doc}: {:?}",
            plancalc::Plan::from_value(&draft.plan).err()
        );
    }
    let recall = found as f64 / wanted as f64 * 100.0;
    let precision = right as f64 / claimed as f64 * 100.0;
    println!("seed plans: recall {recall:.1}% ({found} of {wanted}), precision {precision:.1}% ({right} of {claimed})\n{report}");
    assert!(recall >= 95.0 && precision >= 90.0, "recall {recall:.1}%, precision {precision:.1}%\n{report}");
}
