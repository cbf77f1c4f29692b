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

/// The steps of an explanation (page only, like the explanations themselves): key → [zh-CN, zh-TW, en].
pub const EXPLANATIONS: &[(&str, [&str; 3])] = &[
    ("explain.kind.amount", ["金额", "金額", "amount"]),
    ("explain.kind.cumulative", ["累计", "累計", "cumulative total"]),
    ("explain.kind.share", ["占比 = 部分 ÷ 总体 × 100", "佔比 = 部分 ÷ 總體 × 100", "share = part ÷ whole × 100"]),
    ("explain.kind.completion", [
        "完成率 = 已完成 ÷ 年度计划 × 100",
        "完成率 = 已完成 ÷ 年度計劃 × 100",
        "completion rate = done ÷ annual plan × 100",
    ]),
    ("explain.kind.growth", ["同比增长 = (本期 ÷ 基数 − 1) × 100", "同比增長 = (本期 ÷ 基數 − 1) × 100", "growth = (this period ÷ base − 1) × 100"]),
    ("explain.kind.contribution", [
        "拉动（百分点）= 部分增量 ÷ 总体基数 × 100",
        "拉動（百分點）= 部分增量 ÷ 總體基數 × 100",
        "contribution (pp) = Δpart ÷ whole's base × 100",
    ]),
    ("explain.kind.contribution_share", [
        "贡献率 = 部分增量 ÷ 总体增量 × 100",
        "貢獻率 = 部分增量 ÷ 總體增量 × 100",
        "contribution share = Δpart ÷ Δwhole × 100",
    ]),
    ("explain.kind.ratio", ["倍数 = 分子 ÷ 分母", "倍數 = 分子 ÷ 分母", "multiple = numerator ÷ denominator"]),
    ("explain.kind.aggregate_growth", [
        "合计增长 = (Σ本期 ÷ Σ基数 − 1) × 100",
        "合計增長 = (Σ本期 ÷ Σ基數 − 1) × 100",
        "combined growth = (Σ this period ÷ Σ base − 1) × 100",
    ]),
    ("explain.kind.remainder", ["未分配 = 总数 − Σ分项", "未分配 = 總數 − Σ分項", "unallocated = total − Σ items"]),
    ("explain.comparable_base", ["{series} {period} 可比基数", "{series} {period} 可比基數", "{series} {period} comparable base"]),
    ("explain.tie.half_away", ["四舍五入", "四捨五入", "half away from zero (四舍五入)"]),
    ("explain.tie.half_even", ["GB/T 8170 修约（逢五取偶）", "GB/T 8170 修約（逢五取偶）", "GB/T 8170, ties to even"]),
    ("explain.implied_base", [
        "由公布增速推算可比基数：{level} ÷ (1 + {growth}%) = {base}",
        "由公布增速推算可比基數：{level} ÷ (1 + {growth}%) = {base}",
        "comparable base implied by the published growth: {level} ÷ (1 + {growth}%) = {base}",
    ]),
    ("explain.substitute", ["代入数字", "代入數字", "substitute the figures"]),
    ("explain.exact", ["精确值：{exact}{unit}", "精確值：{exact}{unit}", "exact value: {exact}{unit}"]),
    ("explain.round", [
        "保留 {places} 位小数，只修约一次（{tie}）：{shown}{unit}",
        "保留 {places} 位小數，只修約一次（{tie}）：{shown}{unit}",
        "rounded once to {places} decimal place(s), {tie}: {shown}{unit}",
    ]),
    ("explain.no_figure", ["缺少数字：{names}", "缺少數字：{names}", "no figure for: {names}"]),
    ("explain.soft", [
        "“力争”：预期性目标，不是约束性目标。",
        "「力爭」：預期性目標，不是約束性目標。",
        "\"strive for\" (力争): a soft target, not a binding one.",
    ]),
    ("explain.source", ["原文：{text}", "原文：{text}", "plan text: {text}"]),
    ("explain.met", ["达标", "達標", "met"]),
    ("explain.not_met", ["未达标", "未達標", "not met"]),
    ("explain.compare", [
        "用精确值与目标比较 {relation} {target}{unit}{tolerance}：{verdict}",
        "用精確值與目標比較 {relation} {target}{unit}{tolerance}：{verdict}",
        "the exact value against the target {relation} {target}{unit}{tolerance}: {verdict}",
    ]),
    ("explain.margin", ["差距：{margin}{unit}", "差距：{margin}{unit}", "margin: {margin}{unit}"]),
    ("explain.needed", [
        "；其他数字不变，{series}需变动 {change}{money} 才恰好达到目标",
        "；其他數字不變，{series}需變動 {change}{money} 才恰好達到目標",
        "; with every other figure held, {series} would change by {change} {money} to land exactly on target",
    ]),
    ("explain.change_in", ["变动量 {lever}", "變動量 {lever}", "change in {lever}"]),
    ("explain.linear", [
        "指标的分子、分母都随 x 线性变化，令其等于目标：",
        "指標的分子、分母都隨 x 線性變化，令其等於目標：",
        "numerator and denominator both move linearly with x; set the indicator equal to the target:",
    ]),
    ("explain.closed_form", [
        "闭式解 x = (t·d₀ − n₀) ÷ (n₁ − t·d₁)，无需迭代：",
        "閉式解 x = (t·d₀ − n₀) ÷ (n₁ − t·d₁)，無需迭代：",
        "closed form x = (t·d₀ − n₀) ÷ (n₁ − t·d₁), no iteration:",
    ]),
    ("explain.check", [
        "代回检验：以精确值代入，指标恰好等于目标（修约之前）。",
        "代回檢驗：以精確值代入，指標恰好等於目標（修約之前）。",
        "check: with the exact answer substituted the indicator equals the target exactly, before any rounding.",
    ]),
    ("explain.mode.additive", ["新增投资（总数随之增加）", "新增投資（總數隨之增加）", "new investment (totals rise with it)"]),
    ("explain.mode.substitute", ["调整结构（总数不变）", "調整結構（總數不變）", "reallocation (totals held)"]),
    ("explain.question.additive", [
        "回答的问题：{lever}需要新增多少投资？包含它的各项总数同步增加 x，占比按 (P + x) ÷ (W + x) 变化。",
        "回答的問題：{lever}需要新增多少投資？包含它的各項總數同步增加 x，佔比按 (P + x) ÷ (W + x) 變化。",
        "Question answered: how much NEW investment in {lever} is needed? Every total that contains it rises by the same x, so a share (P + x) ÷ (W + x) moves more slowly than P ÷ W.",
    ]),
    ("explain.question.substitute", [
        "回答的问题：总数不变时，{lever}需调整多少？x 来自未分配部分，占比按 (P + x) ÷ W 变化。",
        "回答的問題：總數不變時，{lever}需調整多少？x 來自未分配部分，佔比按 (P + x) ÷ W 變化。",
        "Question answered: how much must {lever} change with the totals HELD? x comes out of the unallocated remainder, so a share moves as (P + x) ÷ W.",
    ]),
    ("explain.month.months", ["已过月数", "已過月數", "months elapsed"]),
    ("explain.month.time_progress", ["序时进度 = 已过月数 ÷ 12 × 100", "序時進度 = 已過月數 ÷ 12 × 100", "time-progress = months elapsed ÷ 12 × 100"]),
    ("explain.month.ahead", [
        "超（慢）序时进度 = 完成率 − 序时进度，两者都用未修约的精确值，结果只修约一次",
        "超（慢）序時進度 = 完成率 − 序時進度，兩者都用未修約的精確值，結果只修約一次",
        "ahead (+) or behind (−) = completion − time-progress, both exact and unrounded; the result is rounded once",
    ]),
    ("explain.month.run_rate", [
        "此后每月需完成 = (年度计划 − 累计完成) ÷ (12 − 已过月数)",
        "此後每月需完成 = (年度計劃 − 累計完成) ÷ (12 − 已過月數)",
        "needed per month = (annual plan − done to date) ÷ (12 − months elapsed)",
    ]),
    ("explain.month.year_end", [
        "按当前进度全年 = 累计完成 ÷ 已过月数 × 12",
        "按當前進度全年 = 累計完成 ÷ 已過月數 × 12",
        "year-end at this pace = done to date ÷ months elapsed × 12",
    ]),
    ("explain.month.none", ["这个月没有计算这个数字所需的数字", "這個月沒有計算這個數字所需的數字", "This month lacks the figures this one needs"]),
    ("explain.month.name.completion", ["完成年度计划", "完成年度計劃", "completion of the annual plan"]),
    ("explain.month.name.time_progress", ["序时进度", "序時進度", "time-progress"]),
    ("explain.month.name.ahead", ["超（慢）序时进度", "超（慢）序時進度", "ahead of or behind time-progress"]),
    ("explain.month.name.growth", ["同比增长", "同比增長", "growth"]),
    ("explain.month.name.share", ["占总体比重", "佔總體比重", "share of the whole"]),
    ("explain.month.name.contribution", ["拉动总体增长", "拉動總體增長", "contribution to the whole's growth"]),
    ("explain.month.name.run_rate", ["此后每月需完成", "此後每月需完成", "needed per month from now"]),
    ("explain.month.name.year_end", ["按当前进度全年", "按當前進度全年", "year-end at this pace"]),
    ("explain.other_mode", ["对照：{mode}，x = {change}{money}。", "對照：{mode}，x = {change}{money}。", "For comparison, {mode}: x = {change} {money}."]),
];

/// A value for a slot: the same text in every language (a number, an id), or one per language (a plan's label).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Same(&'a str),
    Each { zh_cn: &'a str, zh_tw: &'a str, en: &'a str },
}

/// The months' English names, for slots that name a month: Chinese writes its number (1—10月), English its name.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of month `number` ("10" or "09" → "October"), if it is one.
pub fn month_name(number: &str) -> Option<&'static str> {
    number.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied()
}

/// A month (its number as text, "10") as a slot: "10" in Chinese, "October" in English.
pub fn month(number: &str) -> Arg<'_> {
    Arg::Each { zh_cn: number, zh_tw: number, en: month_name(number).unwrap_or(number) }
}

/// The consistency warnings (their codes are the keys): key → [zh-CN, zh-TW, en]. Only the page's build checks
/// (see [`crate::calc::checks::subjects`]), so only it holds these.
pub const WARNINGS: &[(&str, [&str; 3])] = &[
    ("breakdown.exceeds_parent", [
        "{parent}的分项合计 {sum} 超过总数 {total}（{factor} 倍），可能是单位或印刷错误。",
        "{parent}的分項合計 {sum} 超過總數 {total}（{factor} 倍），可能是單位或印刷錯誤。",
        "The items of {parent} add up to {sum}, more than its total of {total} ({factor}×): a unit or printing error?",
    ]),
    ("breakdown.not_covered", [
        "{parent}的分项合计 {sum} 少于总数 {total}，差 {gap}。",
        "{parent}的分項合計 {sum} 少於總數 {total}，差 {gap}。",
        "The items of {parent} add up to {sum}, short of its total of {total} by {gap}.",
    ]),
    ("total.smaller_than_part", [
        "{whole} {total} 小于其组成部分{part} {value}（{factor} 倍），可能是单位或印刷错误。",
        "{whole} {total} 小於其組成部分{part} {value}（{factor} 倍），可能是單位或印刷錯誤。",
        "{whole} of {total} is smaller than its part {part} of {value} ({factor}×): a unit or printing error?",
    ]),
    ("growth.differs_from_levels", [
        "{series}公布增速 {published}%，按公布数计算为 {levels}%：公布增速按可比口径计算，以公布增速为准。",
        "{series}公布增速 {published}%，按公布數計算為 {levels}%：公布增速按可比口徑計算，以公布增速為準。",
        "{series}: published growth {published}% but the levels give {levels}%; published growth is on a comparable basis and is kept as given.",
    ]),
    ("share.parts_miss_target", [
        "按方案所列数字，{target}为 {value}%，达不到 {goal}% 的目标。",
        "按方案所列數字，{target}為 {value}%，達不到 {goal}% 的目標。",
        "With the plan's own figures, {target} is {value}%, short of the {goal}% target.",
    ]),
    ("share.items_miss_target", [
        "按分项目标合计（{items}）计算，{target}为 {value}%，达不到 {goal}% 的目标。",
        "按分項目標合計（{items}）計算，{target}為 {value}%，達不到 {goal}% 的目標。",
        "With the items of {items} as the total, {target} is {value}%, short of the {goal}% target.",
    ]),
    ("aggregate.units_miss_total", [
        "各单位恰好完成各自目标时，{target}为 {value}%，达不到 {goal}%。",
        "各單位恰好完成各自目標時，{target}為 {value}%，達不到 {goal}%。",
        "With every unit exactly on its own target, {target} is {value}%, short of {goal}%.",
    ]),
    ("aggregate.needs_weight", [
        "各单位目标为 {low}% 和 {high}%：只有目标为 {high}% 的单位占基数 {share}% 以上时，才能由各单位达标推出{target} {goal}%。",
        "各單位目標為 {low}% 和 {high}%：只有目標為 {high}% 的單位佔基數 {share}% 以上時，才能由各單位達標推出{target} {goal}%。",
        "The units' targets are {low}% and {high}%: they add up to {target} of {goal}% only if the {high}% units hold at least {share}% of the base.",
    ]),
    ("lights.two_rules", [
        "红黄绿灯规则同时给出“慢于序时进度 {pp} 个百分点以内”和“完成率不低于序时进度的 {fraction}”两种黄灯条件：同一个月可能按一种是黄灯、按另一种是红灯；此处取较严的颜色。",
        "紅黃綠燈規則同時給出「慢於序時進度 {pp} 個百分點以內」和「完成率不低於序時進度的 {fraction}」兩種黃燈條件：同一個月可能按一種是黃燈、按另一種是紅燈；此處取較嚴的顏色。",
        "The light rules give two yellow conditions, within {pp} pp of time-progress and completion at least {fraction} of it: one month can be yellow by one and red by the other; the stricter colour is shown.",
    ]),
    ("months.gap", [
        "{series}的逐月数字缺少 {months}：序时进度和增速的变化在这几个月无法计算。",
        "{series}的逐月數字缺少 {months}：序時進度和增速的變化在這幾個月無法計算。",
        "{series} has no figure for {months} between months that have one: progress and the change of growth cannot be computed there.",
    ]),
    ("months.no_base", [
        "{series} {first}至{last}没有上年同期数字，也没有公布增速：这几个月的同比增长无法计算。",
        "{series} {first}至{last}沒有上年同期數字，也沒有公布增速：這幾個月的同比增長無法計算。",
        "{series}: from {first} to {last} there is no figure a year before and no published growth: growth cannot be computed for those months.",
    ]),
    ("months.project_no_plan", [
        "{n} 个项目有当月完成数但没有年度计划，无法对照序时进度亮灯。",
        "{n} 個項目有當月完成數但沒有年度計劃，無法對照序時進度亮燈。",
        "{n} projects have a figure this month but no annual plan: they cannot be lit against time-progress.",
    ]),
    ("months.revised", [
        "{series} {month} 累计 {value}，低于 {previous} 的 {before}：按公布数保留，视为修订。",
        "{series} {month} 累計 {value}，低於 {previous} 的 {before}：按公布數保留，視為修訂。",
        "{series}: {month} cumulative {value} is below {previous}'s {before}: kept as published, a revision.",
    ]),
    ("target.conflict", [
        "{a}与{b}是同一指标，目标无法同时达到（{first} 与 {second}）。",
        "{a}與{b}是同一指標，目標無法同時達到（{first} 與 {second}）。",
        "{a} and {b} set targets on the same indicator that no value meets together ({first} and {second}).",
    ]),
];

/// What the plan-text reader says about a text (its build only, like the reader): key → [zh-CN, zh-TW, en].
pub const READER: &[(&str, [&str; 3])] = &[
    ("reader.empty", ["没有文字可读。", "沒有文字可讀。", "There is no text to read."]),
    ("reader.no_targets", [
        "没有找到目标：文中没有带数字和单位（亿元、%、个……）的目标句。",
        "沒有找到目標：文中沒有帶數字和單位（億元、%、個……）的目標句。",
        "No targets found: no sentence states a figure with a unit (亿元, %, 个 …).",
    ]),
    ("reader.read", [
        "读出 {targets} 个目标；{unread} 句含有未能识别的数字，列在“未识别”中。",
        "讀出 {targets} 個目標；{unread} 句含有未能識別的數字，列在「未識別」中。",
        "{targets} targets read; {unread} sentences hold figures that were not understood and are listed under \"not understood\".",
    ]),
    ("bulletin.no_figures", [
        "没有找到数字：文中没有带单位（亿元、%、个百分点）的数字。",
        "沒有找到數字：文中沒有帶單位（億元、%、個百分點）的數字。",
        "No figures found: no sentence states a number with a unit (亿元, %, 个百分点).",
    ]),
    ("bulletin.read", [
        "读出 {figures} 个数字；核对 {checks} 项关系，{disagree} 项在修约范围内对不上。",
        "讀出 {figures} 個數字；核對 {checks} 項關係，{disagree} 項在修約範圍內對不上。",
        "{figures} figures read; {checks} relations checked, {disagree} of them cannot hold for any values the published figures round from.",
    ]),
    ("reader.about_needs_tolerance", [
        "“{subject}”目标为“左右”，原文未给出允许偏差：草稿中暂设为 0，请填写。",
        "「{subject}」目標為「左右」，原文未給出允許偏差：草稿中暫設為 0，請填寫。",
        "\"{subject}\" is an \"about\" (左右) target without a stated tolerance: the draft sets 0 until you give one.",
    ]),
];

/// Every other sentence: key → [zh-CN, zh-TW, en].
pub const CATALOGUE: &[(&str, [&str; 3])] = &[
    // Why a goal cannot be reached.
    ("summary.counts", [
        "{met} 项达标 · {not_met} 项未达标 · {without} 项无数据",
        "{met} 項達標 · {not_met} 項未達標 · {without} 項無數據",
        "{met} met · {not_met} not met · {without} without data",
    ]),
    ("summary.group_not_met", ["未达标 · {n} 项", "未達標 · {n} 項", "Not met · {n}"]),
    ("summary.group_without", ["无数据 · {n} 项", "無數據 · {n} 項", "Without data · {n}"]),
    ("summary.group_met", ["已达标 · {n} 项", "已達標 · {n} 項", "Met · {n}"]),
    ("unreachable.lever_not_used", ["该指标不依赖于所选数字。", "該指標不依賴於所選數字。", "The indicator does not depend on this figure."]),
    ("unreachable.asymptote", [
        "无法达到：目标是该指标的极限（例如新增投资使占比趋近但达不到 100%）。",
        "無法達到：目標是該指標的極限（例如新增投資使佔比趨近但達不到 100%）。",
        "Unreachable: the target is the indicator's limit (adding to a part moves a share towards 100% but never reaches it).",
    ]),
    ("unreachable.constant", [
        "无法达到：调整该数字时分子分母同比例变化，指标不变。",
        "無法達到：調整該數字時分子分母同比例變化，指標不變。",
        "Unreachable: changing this figure moves numerator and denominator in proportion, so the value never changes.",
    ]),
    ("unreachable.negative_investment", [
        "无法达到：需要负的投资额（{needed}）。",
        "無法達到：需要負的投資額（{needed}）。",
        "Unreachable: it would need a negative amount ({needed}).",
    ]),
    ("unreachable.no_room", [
        "总数不变时无法达到：需要 {needed}，但{from}只剩 {available}。",
        "總數不變時無法達到：需要 {needed}，但{from}只剩 {available}。",
        "Unreachable with the total held: it needs {needed} but only {available} is left in {from}.",
    ]),
    ("unreachable.no_value", ["缺少数字：{detail}", "缺少數字：{detail}", "Missing figures: {detail}"]),
    ("unreachable.conflict", ["目标相互冲突：{first} / {second}", "目標相互衝突：{first} / {second}", "The targets conflict: {first} / {second}"]),
    ("unreachable.overflow", ["超出精确计算范围。", "超出精確計算範圍。", "Beyond the range of exact decimals."]),
    ("unreachable.refused", [
        "无法达到：按所需数值修改会被拒绝（{code}，{at}）。",
        "無法達到：按所需數值修改會被拒絕（{code}，{at}）。",
        "Unreachable: the change it needs would be refused ({code} at {at}).",
    ]),
    ("unreachable.undefined", [
        "无法达到：在所需数值下，{target} 没有定义（分母或基数为零）。",
        "無法達到：在所需數值下，{target} 沒有定義（分母或基數為零）。",
        "Unreachable: at the value needed, {target} has no value (its denominator or base is zero).",
    ]),
    ("unreachable.missed", [
        "无法精确达到：在所求数值下，{target} 不在目标上。",
        "無法精確達到：在所求數值下，{target} 不在目標上。",
        "Unreachable exactly: at the value found, {target} is not on target.",
    ]),
    // The month's bulletin (通报), written from the numbers.
    ("bulletin.opening", ["1—{month}月，", "1—{month}月，", "January to {month}: "]),
    ("progress.next", [
        "{unit}：1—{month}月累计须完成 {on_pace} 才达到序时进度（{month}月需完成 {in_month}）；此后每月完成 {run_rate} 可完成年度计划。",
        "{unit}：1—{month}月累計須完成 {on_pace} 才達到序時進度（{month}月需完成 {in_month}）；此後每月完成 {run_rate} 可完成年度計劃。",
        "{unit}: to be on time-progress, January to {month} must reach {on_pace} ({in_month} in {month}); {run_rate} a month from now completes the annual plan.",
    ]),
    ("progress.next_ahead", [
        "{unit}：已超过 1—{month}月的序时进度（累计 {on_pace}）；此后每月完成 {run_rate} 可完成年度计划。",
        "{unit}：已超過 1—{month}月的序時進度（累計 {on_pace}）；此後每月完成 {run_rate} 可完成年度計劃。",
        "{unit}: already past time-progress for January to {month} ({on_pace}); {run_rate} a month from now completes the annual plan.",
    ]),
    ("bulletin.unit_ahead", [
        "{unit}累计完成 {done}，完成年度计划的 {completion}%，超序时进度 {gap} 个百分点",
        "{unit}累計完成 {done}，完成年度計劃的 {completion}%，超序時進度 {gap} 個百分點",
        "{unit} completed {done}, {completion}% of its annual plan, {gap} pp ahead of time-progress",
    ]),
    ("bulletin.unit_behind", [
        "{unit}累计完成 {done}，完成年度计划的 {completion}%，慢于序时进度 {gap} 个百分点",
        "{unit}累計完成 {done}，完成年度計劃的 {completion}%，慢於序時進度 {gap} 個百分點",
        "{unit} completed {done}, {completion}% of its annual plan, {gap} pp behind time-progress",
    ]),
    ("bulletin.growth", ["，同比增长 {growth}%", "，同比增長 {growth}%", ", up {growth}% year on year"]),
    ("bulletin.red", ["红灯单位：{units}。", "紅燈單位：{units}。", "Red: {units}."]),
    ("bulletin.yellow", ["黄灯单位：{units}。", "黃燈單位：{units}。", "Yellow: {units}."]),
    ("bulletin.green", ["绿灯单位：{units}。", "綠燈單位：{units}。", "Green: {units}."]),
    // Monthly traffic lights: the word beside each light's colour and symbol.
    ("light.green", ["绿灯（达到序时进度）", "綠燈（達到序時進度）", "green (on time-progress)"]),
    ("light.yellow", ["黄灯（略慢于序时进度）", "黃燈（略慢於序時進度）", "yellow (a little behind time-progress)"]),
    ("light.red", ["红灯（明显慢于序时进度）", "紅燈（明顯慢於序時進度）", "red (well behind time-progress)"]),
    // Why a value is undefined (never an error, never NaN): on a target's card and in its explanation.
    ("undefined.whole_is_zero", ["分母为零，指标无定义", "分母為零，指標無定義", "the denominator is zero: the indicator is undefined"]),
    ("undefined.base_is_zero", ["基数为零，增速无定义", "基數為零，增速無定義", "the base is zero: growth is undefined"]),
    ("undefined.no_base", ["没有上年数字或公布增速", "沒有上年數字或公布增速", "no figure for last year and no published growth"]),
    ("undefined.whole_unchanged", [
        "总体没有增量，贡献率无定义",
        "總體沒有增量，貢獻率無定義",
        "the whole did not change: contribution share is undefined",
    ]),
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
    let Some([zh_cn, zh_tw, en]) = templates(key) else {
        return Text { zh_cn: key.to_owned(), zh_tw: key.to_owned(), en: key.to_owned() };
    };
    Text { zh_cn: fill(zh_cn, args, 0), zh_tw: fill(zh_tw, args, 1), en: fill(en, args, 2) }
}

/// The message `key` in one language, `locale` ("zh-CN", "zh-TW" or "en"; anything else reads zh-CN).
pub fn say_in(locale: &str, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let lang = match locale {
        "en" => 2,
        "zh-TW" => 1,
        _ => 0,
    };
    match templates(key).and_then(|t| t.get(lang).copied()) {
        Some(template) => fill(template, args, lang),
        None => key.to_owned(),
    }
}

/// The three templates of `key`. Warnings and explanation steps only in the page's build, which alone checks and
/// explains.
fn templates(key: &str) -> Option<[&'static str; 3]> {
    let page: [&[(&str, [&str; 3])]; 5] = [
        if cfg!(feature = "page") { WARNINGS } else { &[] },
        if cfg!(feature = "page") { RELEASE } else { &[] },
        if cfg!(feature = "page") { EXPLANATIONS } else { &[] },
        if cfg!(feature = "reader") { READER } else { &[] },
        if cfg!(feature = "xlsx") { XLSX } else { &[] },
    ];
    CATALOGUE.iter().chain(page.into_iter().flatten()).find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// What a monthly release's figures need before they are entered (page only, like the release matching itself).
pub const RELEASE: &[(&str, [&str; 3])] = &[
    ("release.not_amount", [
        "增速、比重、完成率等由方案计算，不录入；下面的核对说明它们是否相符。",
        "增速、比重、完成率等由方案計算，不錄入；下面的核對說明它們是否相符。",
        "Rates, shares and completion are computed by the plan, not entered; the checks below say whether they agree.",
    ]),
    ("release.no_series", ["方案中没有与“{subject}”对应的输入数字", "方案中沒有與「{subject}」對應的輸入數字", "No figure of the plan is \"{subject}\""]),
    ("release.no_period", [
        "方案没有 {period} 这个月份；请先在编辑方案中添加",
        "方案沒有 {period} 這個月份；請先在編輯方案中新增",
        "The plan has no month {period}: add it in the plan editor first",
    ]),
    ("release.unit", ["单位 {unit} 与该数字的单位 {series} 不同", "單位 {unit} 與該數字的單位 {series} 不同", "The unit {unit} is not the figure's unit, {series}"]),
    ("release.same", ["与方案中的数字相同", "與方案中的數字相同", "The same as the plan's figure"]),
];

/// The words of exported workbooks (sheet names, headers, statuses, notes): key → [zh-CN, zh-TW, en]. Only the
/// workbook build writes workbooks, so only it holds these.
pub const XLSX: &[(&str, [&str; 3])] = &[
    ("xlsx.sheet.targets", ["目标", "目標", "Targets"]),
    ("xlsx.sheet.figures", ["数据", "數據", "Figures"]),
    ("xlsx.sheet.scenarios", ["情景对比", "情景對比", "Scenarios"]),
    ("xlsx.sheet.projects", ["项目", "項目", "Projects"]),
    ("xlsx.sheet.monthly", ["月度进度", "月度進度", "Monthly"]),
    ("xlsx.sheet.explain", ["计算过程", "計算過程", "Explanations"]),
    ("xlsx.sheet.notes", ["说明", "說明", "Notes"]),
    ("xlsx.col.id", ["编号", "編號", "id"]),
    ("xlsx.col.name", ["名称", "名稱", "name"]),
    ("xlsx.col.unit", ["单位", "單位", "unit"]),
    ("xlsx.col.kind", ["类型", "類型", "kind"]),
    ("xlsx.col.period", ["时期", "時期", "period"]),
    ("xlsx.col.comparator", ["比较", "比較", "comparison"]),
    ("xlsx.col.target", ["目标值", "目標值", "target"]),
    ("xlsx.col.value", ["当前值", "當前值", "value"]),
    ("xlsx.col.status", ["状态", "狀態", "status"]),
    ("xlsx.col.margin", ["差额", "差額", "margin"]),
    ("xlsx.col.needed", ["还需变动", "還需變動", "change needed"]),
    ("xlsx.col.lever", ["变动的指标", "變動的指標", "figure to change"]),
    ("xlsx.col.numerator", ["分子", "分子", "numerator"]),
    ("xlsx.col.denominator", ["分母", "分母", "denominator"]),
    ("xlsx.col.formula", ["公式", "公式", "formula"]),
    ("xlsx.col.growth", ["公布增速（%）", "公布增速（%）", "published growth (%)"]),
    ("xlsx.col.level", ["公布时的总量", "公布時的總量", "level published with"]),
    ("xlsx.col.base", ["可比基数 = 总量 ÷ (1 + 增速 ÷ 100)", "可比基數 = 總量 ÷ (1 + 增速 ÷ 100)", "comparable base = level ÷ (1 + growth ÷ 100)"]),
    ("xlsx.col.step", ["步骤", "步驟", "step"]),
    ("xlsx.col.month", ["月份", "月份", "month"]),
    ("xlsx.col.status_in", ["{name}：状态", "{name}：狀態", "{name}: status"]),
    ("xlsx.kind.input", ["输入", "輸入", "input"]),
    ("xlsx.kind.sum", ["合计（公式）", "合計（公式）", "sum (formula)"]),
    ("xlsx.kind.projects", ["项目汇总（数值）", "項目匯總（數值）", "sum over projects (value)"]),
    ("xlsx.status.met", ["达成", "達成", "met"]),
    ("xlsx.status.not_met", ["未达成", "未達成", "not met"]),
    ("xlsx.status.no_data", ["无数据", "無數據", "no data"]),
    ("xlsx.status.undefined", ["无法计算", "無法計算", "undefined"]),
    ("xlsx.bases", ["同比基数（由公布增速推算）", "同比基數（由公布增速推算）", "Year-on-year bases (from published growth)"]),
    ("xlsx.note.title", ["{plan}：plancalc 导出的工作簿", "{plan}：plancalc 匯出的活頁簿", "{plan}: a workbook exported by plancalc"]),
    ("xlsx.note.inputs", [
        "“数据”表中黄色单元格是可以修改的数字；合计是公式。修改后，“目标”表的当前值、状态、差额和还需变动随之重算。",
        "「數據」表中黃色儲存格是可以修改的數字；合計是公式。修改後，「目標」表的當前值、狀態、差額和還需變動隨之重算。",
        "The yellow cells of the Figures sheet are the figures to change; sums are formulas. Change one and the Targets sheet's value, status, margin and change needed recalculate.",
    ]),
    ("xlsx.note.projects", [
        "按项目汇总的指标以数值写入（plancalc 按项目清单求和）；在此修改项目不会改变它们，请在 plancalc 中导入。",
        "按項目匯總的指標以數值寫入（plancalc 按項目清單求和）；在此修改項目不會改變它們，請在 plancalc 中匯入。",
        "Figures summed over projects are written as values (plancalc sums the project list); changing a project here does not change them: import the workbook into plancalc.",
    ]),
    ("xlsx.note.exact", [
        "plancalc 以精确小数计算；电子表格以二进制浮点计算（约 15 位有效数字）。除不尽的数（如 1/3）在表格中是近似值，显示精度内与 plancalc 相同。状态在比较前先修约到 9 位小数，以免浮点误差改变达成与否。",
        "plancalc 以精確小數計算；試算表以二進位浮點計算（約 15 位有效數字）。除不盡的數（如 1/3）在表格中是近似值，顯示精度內與 plancalc 相同。狀態在比較前先修約到 9 位小數，以免浮點誤差改變達成與否。",
        "plancalc computes with exact decimals; a spreadsheet computes in binary floating point (about 15 significant digits). A value that does not terminate (such as 1/3) is an approximation here, the same as plancalc's at the displayed precision. Statuses compare after rounding to 9 decimals, so that floating-point error cannot change met into not met.",
    ]),
    ("xlsx.note.inexact", [
        "以下数值除不尽，表格中为近似值：{list}。",
        "以下數值除不盡，表格中為近似值：{list}。",
        "These values do not terminate and are approximations here: {list}.",
    ]),
    ("xlsx.note.half_even", [
        "本方案按“四舍六入五成双”（GB/T 8170）修约；电子表格的数字格式按“四舍五入”显示，恰好在 5 上的数可能显示得与 plancalc 差一个末位。",
        "本方案按「四捨六入五成雙」（GB/T 8170）修約；試算表的數字格式按「四捨五入」顯示，恰好在 5 上的數可能顯示得與 plancalc 差一個末位。",
        "This plan rounds exact halves to even (GB/T 8170); a spreadsheet's number format rounds halves away from zero, so a value exactly on a half may show one unit differently from plancalc.",
    ]),
    ("xlsx.note.rounding", [
        "显示位数：金额 {amount} 位小数，百分比 {percent} 位，百分点 {pp} 位。单元格保存未修约的值。",
        "顯示位數：金額 {amount} 位小數，百分比 {percent} 位，百分點 {pp} 位。儲存格保存未修約的值。",
        "Decimals shown: amounts {amount}, per cent {percent}, percentage points {pp}. Cells hold the unrounded values.",
    ]),
    ("xlsx.project.id", ["项目编号", "項目編號", "project id"]),
    ("xlsx.project.name", ["项目名称", "項目名稱", "project name"]),
    ("xlsx.project.sector", ["行业", "行業", "sector"]),
    ("xlsx.project.county", ["县区", "縣區", "county"]),
    ("xlsx.project.ownership", ["投资主体", "投資主體", "ownership"]),
    ("xlsx.project.stage", ["建设阶段", "建設階段", "stage"]),
    ("xlsx.project.flags", ["标记", "標記", "flags"]),
    ("xlsx.project.total", ["总投资（亿元）", "總投資（億元）", "total (亿元)"]),
    ("xlsx.project.annual", ["{period} 年度计划（亿元）", "{period} 年度計劃（億元）", "annual plan {period} (亿元)"]),
    ("xlsx.project.completed", ["{period} 完成（亿元）", "{period} 完成（億元）", "completed {period} (亿元)"]),
    ("xlsx.ownership.private", ["民间", "民間", "private"]),
    ("xlsx.ownership.state", ["国有", "國有", "state"]),
    ("xlsx.ownership.foreign", ["外资", "外資", "foreign"]),
    ("xlsx.ownership.mixed", ["混合所有制", "混合所有製", "mixed"]),
    ("xlsx.stage.reserve", ["储备", "儲備", "reserve"]),
    ("xlsx.stage.new", ["新开工", "新開工", "new"]),
    ("xlsx.stage.continuing", ["续建", "續建", "continuing"]),
    ("xlsx.stage.finishing", ["竣工", "竣工投產", "finishing"]),
    ("xlsx.monthly.month", ["1—{month}月", "1—{month}月", "January–{month}"]),
    ("xlsx.monthly.done", ["累计完成", "累計完成", "done to date"]),
    ("xlsx.monthly.completion", ["完成率（%）", "完成率（%）", "completion (%)"]),
    ("xlsx.monthly.time_progress", ["序时进度（%）", "序時進度（%）", "time-progress (%)"]),
    ("xlsx.monthly.ahead", ["超（+）/慢（−）序时进度（百分点）", "超（+）/慢（−）序時進度（百分點）", "ahead (+) / behind (−) (pp)"]),
    ("xlsx.monthly.growth", ["同比增长（%）", "同比增長（%）", "growth (%)"]),
    ("xlsx.monthly.run_rate", ["此后每月需完成", "此後每月需完成", "needed per month from now"]),
    ("xlsx.monthly.year_end", ["按当前进度全年完成率（%）", "按當前進度全年完成率（%）", "year-end completion at this pace (%)"]),
    ("xlsx.monthly.light", ["灯", "燈號", "light"]),
    ("xlsx.note.scenario", ["当前情景：{name}", "當前情景：{name}", "Scenario shown: {name}"]),
];

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

    /// Chinese sentences take full-width punctuation (，：；？！ and （）), as plans and bulletins print them. ASCII
    /// parentheses are left to formulas, where they group an expression: "(P + x) ÷ (W + x)".
    fn full_width(t: &str) -> bool {
        if t.contains([',', ':', ';', '?', '!']) {
            return false;
        }
        let mut rest = t;
        while let Some(open) = rest.find('(') {
            if rest[..open].contains(')') {
                return false;
            }
            let after = &rest[open + 1..];
            let Some(close) = after.find(')') else { return false };
            let inner = &after[..close];
            let expression = inner.contains(['÷', '×', '−', '+', '=', '·']) && inner.chars().any(char::is_alphanumeric);
            if !expression {
                return false;
            }
            rest = &after[close + 1..];
        }
        !rest.contains(')')
    }

    fn slots(t: &str) -> Vec<&str> {
        let mut out: Vec<&str> = t.split('{').skip(1).filter_map(|s| s.split('}').next()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn every_message_exists_in_three_languages_with_the_same_slots() {
        let mut keys: Vec<&str> = CATALOGUE
            .iter()
            .chain(WARNINGS)
            .chain(EXPLANATIONS)
            .chain(READER)
            .chain(XLSX)
            .chain(RELEASE)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is listed twice");
        for (key, [zh_cn, zh_tw, en]) in
            CATALOGUE.iter().chain(WARNINGS).chain(EXPLANATIONS).chain(READER).chain(XLSX).chain(RELEASE)
        {
            assert!(!zh_cn.is_empty() && !zh_tw.is_empty() && !en.is_empty(), "{key}");
            assert_eq!(slots(zh_cn), slots(en), "{key}: zh-CN and en slots");
            assert_eq!(slots(zh_tw), slots(en), "{key}: zh-TW and en slots");
            assert!(en.chars().any(|c| c.is_ascii_alphabetic()) && en != zh_cn, "{key}: en in English");
            let simplified: Vec<char> = zh_tw.chars().filter(|c| SIMPLIFIED.contains(*c)).collect();
            assert!(simplified.is_empty(), "{key}: zh-TW holds simplified characters {simplified:?}");
            if zh_cn.chars().any(|c| SIMPLIFIED.contains(c)) {
                assert_ne!(zh_cn, zh_tw, "{key}: zh-TW is a copy of zh-CN");
            }
            for zh in [zh_cn, zh_tw] {
                assert!(full_width(zh), "{key}: Chinese punctuation in half-width forms: {zh}");
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
        assert_eq!(t.zh_cn, "按方案所列数字，工业投资为 21.3%，达不到 30% 的目标。");
        assert_eq!(t.zh_tw, "按方案所列數字，工業投資為 21.3%，達不到 30% 的目標。");
        assert_eq!(
            t.get("en"),
            "With the plan's own figures, Industrial investment is 21.3%, short of the 30% target."
        );
        assert_eq!(say("no.such.key", &[]).en, "no.such.key");
        // A slot without an argument, and a lone brace, stay as written.
        assert_eq!(fill("{a} and {b} {", &[("a", Arg::Same("1"))], 2), "1 and {b} {");
    }
}
