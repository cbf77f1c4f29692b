//! The reader's constructions, one table row each, with the sentence in the failure message.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;

fn read(text: &str) -> Draft {
    read_plan_text(text, &mut |_, _| {})
}

/// (text, [(subject, indicator, cmp, value, unit, period, soft)])
type Row = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, bool)],
);

#[test]
fn constructions() {
    let rows: &[Row] = &[
        // An amount: subject, verb, number, unit, 以上; 力争 makes it soft.
        (
            "力争2021-2023年全市固定资产投资累计达到6800亿元。",
            &[("固定资产投资", "amount", "=", "6800", "亿元", "2021-2023", true)],
        ),
        (
            "2022—2023年全市工业投资累计完成370亿元以上。",
            &[("工业投资", "amount", ">=", "370", "亿元", "2022-2023", false)],
        ),
        // The verb before the subject.
        (
            "2022—2023年完成水利领域投资48亿元以上。",
            &[("水利领域投资", "amount", ">=", "48", "亿元", "2022-2023", false)],
        ),
        // 其中 and a list with 、.
        (
            "2023年完成交通投资180亿元以上,其中,公路投资165亿元以上、铁路投资2亿元以上。",
            &[
                ("交通投资", "amount", ">=", "180", "亿元", "2023", false),
                ("公路投资", "amount", ">=", "165", "亿元", "2023", false),
                ("铁路投资", "amount", ">=", "2", "亿元", "2023", false),
            ],
        ),
        // 分别: one target per subject, in order; the comparator after the last applies to all.
        (
            "到2025年,工业投资、民间投资占比分别提高到30%和52%以上。",
            &[
                ("工业投资", "share", ">=", "30", "%", "2025", false),
                ("民间投资", "share", ">=", "52", "%", "2025", false),
            ],
        ),
        // Growth, then a share with 左右 under 确保.
        (
            "2023年,确保全市固定资产投资增长8%以上,其中工业投资占比提高到35%左右。",
            &[
                ("固定资产投资", "growth", ">=", "8", "%", "2023", false),
                ("工业投资", "share", "~", "35", "%", "2023", false),
            ],
        ),
        // Units' growth, one after another.
        (
            "全年固定资产投资增长11%以上,其中:甲区增长10%以上,乙县增长12%以上。\n2023年",
            &[
                ("固定资产投资", "growth", ">=", "11", "%", "2023", false),
                ("甲区", "growth", ">=", "10", "%", "2023", false),
                ("乙县", "growth", ">=", "12", "%", "2023", false),
            ],
        ),
        // Completion by a date, and the same indicator for the year.
        (
            "2024年确保三季度末重点项目投资完成率达到85%以上,全年达到100%。",
            &[
                ("重点项目投资", "completion", ">=", "85", "%", "2024-Q3", false),
                ("重点项目投资", "completion", "=", "100", "%", "2024", false),
            ],
        ),
        // A count, and a share of a named whole with the subject from before it.
        (
            "2023年实施重大项目611个,完成投资500亿元以上、占全社会固定资产投资的比重达到45%左右。",
            &[
                ("重大项目", "count", "=", "611", "个", "2023", false),
                ("重大项目投资", "amount", ">=", "500", "亿元", "2023", false),
                ("重大项目投资", "share", "~", "45", "%", "2023", false),
            ],
        ),
        // A multiple of another figure.
        (
            "2019年全市储备项目计划总投资达到全市固定资产投资实际完成额的2.5倍以上。",
            &[("储备项目计划总投资", "ratio", ">=", "2.5", "倍", "2019", false)],
        ),
        // Ceilings, 万元, and a level followed by its growth.
        ("2020年全市债务支出控制在300万元以内。", &[("债务支出", "amount", "<=", "300", "万元", "2020", false)]),
        (
            "2019年全市固定资产投资完成737.4亿元,同比增长8.5%。",
            &[
                ("固定资产投资", "amount", "=", "737.4", "亿元", "2019", false),
                ("固定资产投资", "growth", "=", "8.5", "%", "2019", false),
            ],
        ),
        // Each year within a span.
        (
            "2021-2023年计划每年实施技术改造项目200个以上。",
            &[("技术改造项目", "count", ">=", "200", "个", "each-year", false)],
        ),
        // Phrasings from other cities' plans.
        (
            "2024年全年完成固定资产投资1200亿元,同比增长10%以上。",
            &[
                ("固定资产投资", "amount", "=", "1200", "亿元", "2024", false),
                ("固定资产投资", "growth", ">=", "10", "%", "2024", false),
            ],
        ),
        (
            "2024年,民间投资占固定资产投资比重达到55%,基础设施投资占比不低于25%。",
            &[
                ("民间投资", "share", "=", "55", "%", "2024", false),
                ("基础设施投资", "share", ">=", "25", "%", "2024", false),
            ],
        ),
        (
            "2024年房地产开发投资控制在300亿元以内,制造业投资增长15%以上。",
            &[
                ("房地产开发投资", "amount", "<=", "300", "亿元", "2024", false),
                ("制造业投资", "growth", ">=", "15", "%", "2024", false),
            ],
        ),
        (
            "2024年重点项目完成投资800亿元,完成年度计划的100%以上。",
            &[
                ("重点项目投资", "amount", "=", "800", "亿元", "2024", false),
                ("重点项目投资", "completion", ">=", "100", "%", "2024", false),
            ],
        ),
        (
            "1—9月,全市固定资产投资同比增长6.5%。\n2024年",
            &[("固定资产投资", "growth", "=", "6.5", "%", "2024-09", false)],
        ),
        (
            "力争到2025年,全区固定资产投资年均增长8%左右。",
            &[("固定资产投资", "growth", "~", "8", "%", "each-year", true)],
        ),
        (
            "2024年确保固定资产投资增长6%,力争8%。",
            &[
                ("固定资产投资", "growth", "=", "6", "%", "2024", false),
                ("固定资产投资", "growth", "=", "8", "%", "2024", true),
            ],
        ),
        ("2024年技改投资占工业投资比重提高到40%。", &[("技改投资", "share", "=", "40", "%", "2024", false)]),
        (
            "2024年各县固定资产投资增速分别为:甲县8%、乙县9%、丙区10%。",
            &[
                ("甲县", "growth", "=", "8", "%", "2024", false),
                ("乙县", "growth", "=", "9", "%", "2024", false),
                ("丙区", "growth", "=", "10", "%", "2024", false),
            ],
        ),
        (
            "2024年房地产开发投资降幅收窄至5%以内,商品房销售面积下降3%。",
            &[
                ("房地产开发投资", "growth", ">=", "-5", "%", "2024", false),
                ("商品房销售面积", "growth", "=", "-3", "%", "2024", false),
            ],
        ),
        (
            "2024年全年争取中央预算内投资10亿元以上,力争专项债券资金50亿元。",
            &[
                ("中央预算内投资", "amount", ">=", "10", "亿元", "2024", false),
                ("专项债券资金", "amount", "=", "50", "亿元", "2024", true),
            ],
        ),
        // Traditional characters and a PDF's broken lines and spaces.
        (
            "2023年,確保全年固定資產投資增長１１％以\n上。",
            &[("固定资产投资", "growth", ">=", "11", "%", "2023", false)],
        ),
        (
            "2022 — 2023年全市农业投资累计 完成330亿元以\n上。",
            &[("农业投资", "amount", ">=", "330", "亿元", "2022-2023", false)],
        ),
    ];
    for (text, want) in rows {
        let draft = read(text);
        let got: Vec<_> = draft
            .targets
            .iter()
            .map(|t| {
                (
                    t.subject.as_str(),
                    t.indicator.as_str(),
                    t.cmp.as_str(),
                    t.value.as_str(),
                    t.unit.as_str(),
                    t.period.as_str(),
                    t.soft,
                )
            })
            .collect();
        assert_eq!(got, *want, "{text}");
    }
}

#[test]
fn the_title_names_the_plans_period() {
    // The title's year, not a span named once further on, is the period of sentences that name none.
    let text = "某市2024年扩大有效投资工作方案\n全市固定资产投资增长7%左右。\n2024—2026年累计完成投资3000亿元以上。";
    let got: Vec<String> = read(text).targets.iter().map(|t| t.period.clone()).collect();
    assert_eq!(got, ["2024", "2024-2026"]);
}

#[test]
fn a_number_that_qualifies_a_noun_is_no_target() {
    for text in
        ["2023年重点谋划500万元以上项目。", "2019年新建3个总投资超5亿元的转型项目。", "25%以上县级医院达到三级。"]
    {
        let draft = read(text);
        let got: Vec<_> = draft.targets.iter().map(|t| (&t.subject, &t.value)).collect();
        assert!(draft.targets.iter().all(|t| t.value != "500" && t.value != "5" && t.value != "25"), "{text}: {got:?}");
    }
}

#[test]
fn a_number_not_understood_is_listed_with_its_sentence() {
    let text = "总体要求。\n2023年新增高标准农田80万亩。";
    let draft = read(text);
    assert!(draft.targets.is_empty());
    assert_eq!(draft.unread.len(), 1);
    let u = &draft.unread[0];
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16_lossy(&utf16[u.start..u.end]), "2023年新增高标准农田80万亩");
    assert_eq!(u.sentence, "2023年新增高标准农田80万亩");
}

#[test]
fn positions_are_where_the_sentence_stands_in_the_original() {
    let text = "《示例市方案》\n一、目标\n2023年,确保全市固定资\n产投资增长8%以上。";
    let draft = read(text);
    let t = &draft.targets[0];
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16_lossy(&utf16[t.start..t.end]), "2023年,确保全市固定资\n产投资增长8%以上");
}

#[test]
fn bad_input_gives_a_message_and_an_empty_draft() {
    let cases = [
        ("", "reader.empty"),
        ("   \n ", "reader.empty"),
        ("Hello, world. 42 apples.", "reader.no_targets"),
        ("<p>工业</p>", "reader.no_targets"),
    ];
    for (text, code) in cases {
        let draft = read(text);
        assert!(draft.targets.is_empty(), "{text}");
        assert_eq!(draft.plan, Value::Null, "{text}");
        assert_eq!(draft.notes[0].code, code, "{text}");
    }
}

#[test]
fn the_draft_plan_is_a_plan_the_core_opens() {
    let text = "某市扩大有效投资行动方案\n2023年,确保全市固定资产投资增长8%以上,其中工业投资占比提高到35%左右,民间投资占比达50%以上。\
                力争重点项目投资完成率达到85%,新开工项目100个以上,储备项目总投资达到上年固定资产投资的2.5倍。";
    let draft = read(text);
    assert!(draft.targets.len() >= 5, "{:?}", draft.targets);
    let plan = crate::Plan::from_value(&draft.plan);
    assert!(plan.is_ok(), "{:?}\n{}", plan.err(), draft.plan);
    assert!(draft.notes.iter().any(|n| n.code == "reader.about_needs_tolerance"));
}

#[test]
fn random_text_is_read_in_linear_time_without_panicking() {
    // 200,000 characters of digits, units, markers and CJK without a full stop.
    let alphabet: Vec<char> =
        "0123456789.,%亿元个以上左右占比增长分别和、力争确保2023年—到的投资,。\n ".chars().collect();
    let mut x: u64 = 7;
    let text: String = (0..200_000)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            alphabet[(x >> 33) as usize % alphabet.len()]
        })
        .collect();
    let draft = read(&text);
    if !draft.targets.is_empty() {
        assert!(crate::Plan::from_value(&draft.plan).is_ok());
    }
}

#[test]
fn a_months_period_is_labelled_by_the_months_name_in_english() {
    let draft = read("2023年1—9月，全市固定资产投资完成800亿元以上。");
    // A missing period leaves the label null, and the assertions below fail on it.
    let periods = draft.plan["periods"].as_array().cloned().unwrap_or_default();
    let label = periods.iter().find(|p| p["id"] == "2023-09").map(|p| p["label"].clone()).unwrap_or_default();
    assert_eq!(label["zh-CN"], "2023年1—9月");
    assert_eq!(label["en"], "Jan–Sep 2023");
}
