//! Every sentence the core writes about a plan — warnings, why a goal is unreachable, why a value is undefined — in
//! 简体中文, 繁體中文 and English, from one catalogue. A message is a template with `{name}` slots filled from
//! arguments; a plan's own label fills a slot in each language.

use serde::{Deserialize, Serialize};

/// One sentence in the three languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    #[serde(rename = "zh-TW")]
    pub zh_tw: String,
    pub en: String,
}

impl Text {
    /// The sentence in `locale` ("zh-CN", "zh-TW" or "en"; anything else reads zh-CN).
    pub fn get(&self, locale: &str) -> &str {
        match locale {
            "en" => &self.en,
            "zh-TW" => &self.zh_tw,
            _ => &self.zh_cn,
        }
    }
}

/// A value for a slot: the same text in every language (a number, an id), or one per language (a plan's label).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Same(&'a str),
    Each { zh_cn: &'a str, zh_tw: &'a str, en: &'a str },
}

/// The consistency warnings (their codes are the keys): key → [zh-CN, zh-TW, en]. Only the page's build checks
/// (see [`crate::calc::checks::subjects`]), so only it holds these.
pub const WARNINGS: &[(&str, [&str; 3])] = &[
    ("breakdown.exceeds_parent", [
        "{parent}的分项合计 {sum} 超过总数 {total}({factor} 倍),可能是单位或印刷错误。",
        "{parent}的分項合計 {sum} 超過總數 {total}({factor} 倍),可能是單位或印刷錯誤。",
        "The items of {parent} add up to {sum}, more than its total of {total} ({factor}×): a unit or printing error?",
    ]),
    ("breakdown.not_covered", [
        "{parent}的分项合计 {sum} 少于总数 {total},差 {gap}。",
        "{parent}的分項合計 {sum} 少於總數 {total},差 {gap}。",
        "The items of {parent} add up to {sum}, short of its total of {total} by {gap}.",
    ]),
    ("total.smaller_than_part", [
        "{whole} {total} 小于其组成部分{part} {value}({factor} 倍),可能是单位或印刷错误。",
        "{whole} {total} 小於其組成部分{part} {value}({factor} 倍),可能是單位或印刷錯誤。",
        "{whole} of {total} is smaller than its part {part} of {value} ({factor}×): a unit or printing error?",
    ]),
    ("growth.differs_from_levels", [
        "{series}公布增速 {published}%,按公布数计算为 {levels}%:公布增速按可比口径计算,以公布增速为准。",
        "{series}公布增速 {published}%,按公布數計算為 {levels}%:公布增速按可比口徑計算,以公布增速為準。",
        "{series}: published growth {published}% but the levels give {levels}%; published growth is on a comparable basis and is kept as given.",
    ]),
    ("share.parts_miss_target", [
        "按方案所列数字,{target}为 {value}%,达不到 {goal}% 的目标。",
        "按方案所列數字,{target}為 {value}%,達不到 {goal}% 的目標。",
        "With the plan's own figures, {target} is {value}%, short of the {goal}% target.",
    ]),
    ("share.items_miss_target", [
        "按分项目标合计({items})计算,{target}为 {value}%,达不到 {goal}% 的目标。",
        "按分項目標合計({items})計算,{target}為 {value}%,達不到 {goal}% 的目標。",
        "With the items of {items} as the total, {target} is {value}%, short of the {goal}% target.",
    ]),
    ("aggregate.units_miss_total", [
        "各单位恰好完成各自目标时,{target}为 {value}%,达不到 {goal}%。",
        "各單位恰好完成各自目標時,{target}為 {value}%,達不到 {goal}%。",
        "With every unit exactly on its own target, {target} is {value}%, short of {goal}%.",
    ]),
    ("aggregate.needs_weight", [
        "各单位目标为 {low}% 和 {high}%:只有目标为 {high}% 的单位占基数 {share}% 以上时,才能由各单位达标推出{target} {goal}%。",
        "各單位目標為 {low}% 和 {high}%:只有目標為 {high}% 的單位佔基數 {share}% 以上時,才能由各單位達標推出{target} {goal}%。",
        "The units' targets are {low}% and {high}%: they add up to {target} of {goal}% only if the {high}% units hold at least {share}% of the base.",
    ]),
    ("target.conflict", [
        "{a}与{b}是同一指标,目标无法同时达到({first} 与 {second})。",
        "{a}與{b}是同一指標,目標無法同時達到({first} 與 {second})。",
        "{a} and {b} set targets on the same indicator that no value meets together ({first} and {second}).",
    ]),
];

/// Every other sentence: key → [zh-CN, zh-TW, en].
pub const CATALOGUE: &[(&str, [&str; 3])] = &[
    // Why a goal cannot be reached.
    ("unreachable.lever_not_used", ["该指标不依赖于所选数字。", "該指標不依賴於所選數字。", "The indicator does not depend on this figure."]),
    ("unreachable.asymptote", [
        "无法达到:目标是该指标的极限(例如新增投资使占比趋近但达不到 100%)。",
        "無法達到:目標是該指標的極限(例如新增投資使佔比趨近但達不到 100%)。",
        "Unreachable: the target is the indicator's limit (adding to a part moves a share towards 100% but never reaches it).",
    ]),
    ("unreachable.constant", [
        "无法达到:调整该数字时分子分母同比例变化,指标不变。",
        "無法達到:調整該數字時分子分母同比例變化,指標不變。",
        "Unreachable: changing this figure moves numerator and denominator in proportion, so the value never changes.",
    ]),
    ("unreachable.negative_investment", [
        "无法达到:需要负的投资额({needed})。",
        "無法達到:需要負的投資額({needed})。",
        "Unreachable: it would need a negative amount ({needed}).",
    ]),
    ("unreachable.no_room", [
        "总数不变时无法达到:需要 {needed},但{from}只剩 {available}。",
        "總數不變時無法達到:需要 {needed},但{from}只剩 {available}。",
        "Unreachable with the total held: it needs {needed} but only {available} is left in {from}.",
    ]),
    ("unreachable.no_value", ["缺少数字:{detail}", "缺少數字:{detail}", "Missing figures: {detail}"]),
    ("unreachable.conflict", ["目标相互冲突:{first} / {second}", "目標相互衝突:{first} / {second}", "The targets conflict: {first} / {second}"]),
    ("unreachable.overflow", ["超出精确计算范围。", "超出精確計算範圍。", "Beyond the range of exact decimals."]),
    // Why a value is undefined (never an error, never NaN).
    ("undefined.whole_is_zero", ["分母为零", "分母為零", "the whole is zero"]),
    ("undefined.base_is_zero", ["基数为零", "基數為零", "the base is zero"]),
    ("undefined.no_base", ["缺少上年基数", "缺少上年基數", "no figure for the base year"]),
    ("undefined.whole_unchanged", ["总量没有变化", "總量沒有變化", "the whole did not change"]),
    ("undefined.no_breakdown", ["没有这个分解", "沒有這個分解", "no such breakdown"]),
    ("undefined.overflow", ["超出精确计算范围", "超出精確計算範圍", "beyond the range of exact decimals"]),
];

impl Arg<'_> {
    /// The text for language `lang` (0 zh-CN, 1 zh-TW, 2 en).
    fn get(&self, lang: usize) -> &str {
        match (self, lang) {
            (Arg::Same(s), _) => s,
            (Arg::Each { zh_cn, .. }, 0) => zh_cn,
            (Arg::Each { zh_tw, .. }, 1) => zh_tw,
            (Arg::Each { en, .. }, _) => en,
        }
    }
}

/// `template` with each `{name}` slot replaced by its argument in language `lang`, in one pass.
fn fill(template: &str, args: &[(&str, Arg<'_>)], lang: usize) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((name, tail)) = after.split_once('}') else {
            out.push('{');
            rest = after;
            continue;
        };
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, arg)) => out.push_str(arg.get(lang)),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The message `key` with its slots filled; a key not in the catalogue gives the key itself (tests hold every key the
/// core uses to the catalogue).
pub fn say(key: &str, args: &[(&str, Arg<'_>)]) -> Text {
    let warnings: &[(&str, [&str; 3])] = if cfg!(feature = "page") { WARNINGS } else { &[] };
    let Some((_, [zh_cn, zh_tw, en])) = CATALOGUE.iter().chain(warnings).find(|(k, _)| *k == key) else {
        return Text { zh_cn: key.to_owned(), zh_tw: key.to_owned(), en: key.to_owned() };
    };
    Text { zh_cn: fill(zh_cn, args, 0), zh_tw: fill(zh_tw, args, 1), en: fill(en, args, 2) }
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** A sentence the core wrote, in each language. */
export interface Text { "zh-CN": string; "zh-TW": string; en: string; }
"#;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests, not library code
    use super::*;

    /// Simplified characters the catalogue uses whose traditional form differs: a zh-TW text holding one of them
    /// was copied from zh-CN.
    const SIMPLIFIED: &str = "这该数为与达项计时总单资额变无确范围冲据于会过实现动态标种类应对际还";

    fn slots(t: &str) -> Vec<&str> {
        let mut out: Vec<&str> = t.split('{').skip(1).filter_map(|s| s.split('}').next()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn every_message_exists_in_three_languages_with_the_same_slots() {
        let mut keys: Vec<&str> = CATALOGUE.iter().chain(WARNINGS).map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is listed twice");
        for (key, [zh_cn, zh_tw, en]) in CATALOGUE.iter().chain(WARNINGS) {
            assert!(!zh_cn.is_empty() && !zh_tw.is_empty() && !en.is_empty(), "{key}");
            assert_eq!(slots(zh_cn), slots(en), "{key}: zh-CN and en slots");
            assert_eq!(slots(zh_tw), slots(en), "{key}: zh-TW and en slots");
            assert!(
                en.is_ascii() || !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{key}: en in English"
            );
            let simplified: Vec<char> = zh_tw.chars().filter(|c| SIMPLIFIED.contains(*c)).collect();
            assert!(simplified.is_empty(), "{key}: zh-TW holds simplified characters {simplified:?}");
            if zh_cn.chars().any(|c| SIMPLIFIED.contains(c)) {
                assert_ne!(zh_cn, zh_tw, "{key}: zh-TW is a copy of zh-CN");
            }
        }
    }

    #[test]
    fn slots_are_filled_per_language() {
        let label = Arg::Each { zh_cn: "工业投资", zh_tw: "工業投資", en: "Industrial investment" };
        let t = say(
            "share.parts_miss_target",
            &[("target", label), ("value", Arg::Same("21.3")), ("goal", Arg::Same("30"))],
        );
        assert_eq!(t.zh_cn, "按方案所列数字,工业投资为 21.3%,达不到 30% 的目标。");
        assert_eq!(t.zh_tw, "按方案所列數字,工業投資為 21.3%,達不到 30% 的目標。");
        assert_eq!(
            t.get("en"),
            "With the plan's own figures, Industrial investment is 21.3%, short of the 30% target."
        );
        assert_eq!(say("no.such.key", &[]).en, "no.such.key");
        // A slot without an argument, and a lone brace, stay as written.
        assert_eq!(fill("{a} and {b} {", &[("a", Arg::Same("1"))], 2), "1 and {b} {");
    }
}
