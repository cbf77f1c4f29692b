//! Step-by-step explanations for teaching: the formula in symbols, the numbers substituted, the exact
//! result, the rounding, the comparison with the target, the gap. Data, not prose: the page renders
//! each step's sentence and its expression tree (as MathML).

use crate::calc::goal::{solve, Figures, Lever, Unreachable};
use crate::calc::indicator::{Ctx, Evaluated, Gap, Term};
use crate::calc::target::{lever_period, meets};
use crate::document::exact_text;
use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::exact::TieRule;
use crate::model::edit::Mode;
use crate::model::indicator::{IndicatorSpec, Unit};
use crate::model::plan::{Plan, Target};
use crate::session::Session;
use serde::{Deserialize, Serialize};

/// An expression tree: variables (with their meaning), numbers, and operations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "t")]
pub enum Expr {
    /// A symbol such as `P`, with what it stands for ("工业投资 2021–2023").
    Var { name: String, meaning: String },
    /// An exact number as text ("1450", "5900/7").
    Num { value: String },
    /// `op` is one of `add`, `sub`, `mul`, `div`, `eq`, `approx`, `ge`, `le`, `lt`, `gt`, `sum`, `paren`.
    Op { op: String, args: Vec<Expr> },
}

fn op(name: &str, args: Vec<Expr>) -> Expr {
    Expr::Op { op: name.to_owned(), args }
}
fn num(v: &Exact) -> Expr {
    Expr::Num { value: exact_text(v) }
}
fn lit(s: &str) -> Expr {
    Expr::Num { value: s.to_owned() }
}

/// What a step shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Formula,
    Substitute,
    Exact,
    Round,
    Compare,
    Gap,
    Mode,
    Solve,
    Check,
    Note,
}

/// One step: a sentence in the requested language and, where there is one, its expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub math: Option<Expr>,
}

/// A titled list of steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub title: String,
    pub locale: String,
    pub steps: Vec<Step>,
}

/// The three languages: the same sentence in zh-CN, zh-TW and en.
#[derive(Clone, Copy)]
struct Lang<'a>(&'a str);

impl Lang<'_> {
    fn pick<'s>(&self, zh: &'s str, tw: &'s str, en: &'s str) -> &'s str {
        match self.0 {
            "en" => en,
            "zh-TW" => tw,
            _ => zh,
        }
    }
}

fn step(kind: StepKind, text: String, math: Option<Expr>) -> Step {
    Step { kind, text, math }
}

/// The formula of an indicator, with each symbol given by `leaf` (a variable, or its number).
fn formula(spec: &IndicatorSpec, terms: &[Term], leaf: &dyn Fn(&Term) -> Expr) -> Expr {
    let hundred = || lit("100");
    let pick = |sym: &str| terms.iter().find(|t| t.symbol == sym).map(leaf).unwrap_or_else(|| lit(sym));
    let all = |sym: &str| terms.iter().filter(|t| t.symbol == sym).map(leaf).collect::<Vec<_>>();
    match spec {
        IndicatorSpec::Amount { .. } => pick("V"),
        IndicatorSpec::Cumulative { .. } => op("sum", all("V")),
        IndicatorSpec::Share { .. } => op("mul", vec![op("div", vec![pick("P"), pick("W")]), hundred()]),
        IndicatorSpec::Completion { .. } => op("mul", vec![op("div", vec![pick("C"), pick("A")]), hundred()]),
        IndicatorSpec::Growth { .. } => op(
            "mul",
            vec![op("paren", vec![op("sub", vec![op("div", vec![pick("V"), pick("B")]), lit("1")])]), hundred()],
        ),
        IndicatorSpec::Contribution { .. } => op(
            "mul",
            vec![op("div", vec![op("paren", vec![op("sub", vec![pick("P"), pick("P₀")])]), pick("W₀")]), hundred()],
        ),
        IndicatorSpec::ContributionShare { .. } => op(
            "mul",
            vec![
                op(
                    "div",
                    vec![
                        op("paren", vec![op("sub", vec![pick("P"), pick("P₀")])]),
                        op("paren", vec![op("sub", vec![pick("W"), pick("W₀")])]),
                    ],
                ),
                hundred(),
            ],
        ),
        IndicatorSpec::Ratio { .. } => op("div", vec![pick("N"), pick("D")]),
        IndicatorSpec::AggregateGrowth { .. } => op(
            "mul",
            vec![
                op("paren", vec![op("sub", vec![op("div", vec![op("sum", all("V")), op("sum", all("B"))]), lit("1")])]),
                hundred(),
            ],
        ),
        IndicatorSpec::Remainder { .. } => op("sub", vec![pick("W"), op("sum", all("Xᵢ"))]),
    }
}

fn kind_name(spec: &IndicatorSpec, l: Lang<'_>) -> String {
    let (zh, tw, en) = match spec {
        IndicatorSpec::Amount { .. } => ("金额", "金額", "amount"),
        IndicatorSpec::Cumulative { .. } => ("累计", "累計", "cumulative total"),
        IndicatorSpec::Share { .. } => {
            ("占比 = 部分 ÷ 总体 × 100", "佔比 = 部分 ÷ 總體 × 100", "share = part ÷ whole × 100")
        }
        IndicatorSpec::Completion { .. } => (
            "完成率 = 已完成 ÷ 年度计划 × 100",
            "完成率 = 已完成 ÷ 年度計劃 × 100",
            "completion rate = done ÷ annual plan × 100",
        ),
        IndicatorSpec::Growth { .. } => (
            "同比增长 = (本期 ÷ 基数 − 1) × 100",
            "同比增長 = (本期 ÷ 基數 − 1) × 100",
            "growth = (this period ÷ base − 1) × 100",
        ),
        IndicatorSpec::Contribution { .. } => (
            "拉动(百分点)= 部分增量 ÷ 总体基数 × 100",
            "拉動(百分點)= 部分增量 ÷ 總體基數 × 100",
            "contribution (pp) = Δpart ÷ whole's base × 100",
        ),
        IndicatorSpec::ContributionShare { .. } => (
            "贡献率 = 部分增量 ÷ 总体增量 × 100",
            "貢獻率 = 部分增量 ÷ 總體增量 × 100",
            "contribution share = Δpart ÷ Δwhole × 100",
        ),
        IndicatorSpec::Ratio { .. } => {
            ("倍数 = 分子 ÷ 分母", "倍數 = 分子 ÷ 分母", "multiple = numerator ÷ denominator")
        }
        IndicatorSpec::AggregateGrowth { .. } => (
            "合计增长 = (Σ本期 ÷ Σ基数 − 1) × 100",
            "合計增長 = (Σ本期 ÷ Σ基數 − 1) × 100",
            "combined growth = (Σ this period ÷ Σ base − 1) × 100",
        ),
        IndicatorSpec::Remainder { .. } => {
            ("未分配 = 总数 − Σ分项", "未分配 = 總數 − Σ分項", "unallocated = total − Σ items")
        }
    };
    l.pick(zh, tw, en).to_owned()
}

fn meaning(plan: &Plan, t: &Term, l: Lang<'_>) -> String {
    let s = plan.series.get(t.series).map_or("?", |x| x.label.get(l.0));
    let p = plan.periods.get(t.period).map_or("?", |x| x.label.get(l.0));
    match t.from_growth {
        Some(_) => format!("{s} {p} {}", l.pick("可比基数", "可比基數", "comparable base")),
        None => format!("{s} {p}"),
    }
}

fn unit_text(unit: Unit, symbol: &str) -> String {
    match unit {
        Unit::Percent => "%".into(),
        Unit::Pp => " pp".into(),
        Unit::Times => "×".into(),
        Unit::Amount => symbol.to_owned(),
    }
}

fn tie_text(tie: TieRule, l: Lang<'_>) -> &'static str {
    match tie {
        TieRule::HalfAwayFromZero => l.pick("四舍五入", "四捨五入", "half away from zero (四舍五入)"),
        TieRule::HalfEven => l.pick("GB/T 8170 修约(逢五取偶)", "GB/T 8170 修約(逢五取偶)", "GB/T 8170, ties to even"),
    }
}

/// The steps from formula to rounded value for an evaluated indicator.
fn value_steps(plan: &Plan, spec: &IndicatorSpec, e: &Evaluated, l: Lang<'_>, steps: &mut Vec<Step>) -> Option<Exact> {
    let var = |t: &Term| Expr::Var { name: t.symbol.to_owned(), meaning: meaning(plan, t, l) };
    let number = |t: &Term| num(&t.value);
    steps.push(step(StepKind::Formula, kind_name(spec, l), Some(formula(spec, &e.terms, &var))));
    for t in e.terms.iter().filter(|t| t.from_growth.is_some()) {
        let g = t.from_growth.unwrap_or_default();
        let level = t.value.checked_mul(&Exact::HUNDRED.checked_add(&Exact::from(g))?)?.checked_div(&Exact::HUNDRED)?;
        steps.push(step(
            StepKind::Substitute,
            format!(
                "{}: {} ÷ (1 + {}%) = {}",
                l.pick(
                    "由公布增速推算可比基数",
                    "由公布增速推算可比基數",
                    "comparable base implied by the published growth"
                ),
                exact_text(&level),
                g.normalize(),
                exact_text(&t.value)
            ),
            Some(op(
                "eq",
                vec![
                    Expr::Var { name: t.symbol.to_owned(), meaning: meaning(plan, t, l) },
                    op(
                        "div",
                        vec![
                            num(&level),
                            op("paren", vec![op("add", vec![lit("1"), lit(&format!("{}%", g.normalize()))])]),
                        ],
                    ),
                ],
            )),
        ));
    }
    let sub = formula(spec, &e.terms, &number);
    steps.push(step(
        StepKind::Substitute,
        l.pick("代入数字", "代入數字", "substitute the figures").to_owned(),
        Some(sub),
    ));
    let value = e.frac.value()?;
    let unit = spec.unit();
    let symbol = spec.symbol(plan);
    let exact = match value.fraction() {
        Some(f) => format!("{} … (= {f})", value.to_decimal()?.normalize()),
        None => exact_text(&value),
    };
    steps.push(step(
        StepKind::Exact,
        format!("{}: {exact}{}", l.pick("精确值", "精確值", "exact value"), unit_text(unit, symbol)),
        Some(lit(&exact_text(&value))),
    ));
    let dp = unit.decimals(&plan.rounding);
    let shown = value.display(dp, plan.rounding.tie)?;
    steps.push(step(
        StepKind::Round,
        match l.0 {
            "en" => format!(
                "rounded once to {dp} decimal place(s), {}: {shown}{}",
                tie_text(plan.rounding.tie, l),
                unit_text(unit, symbol)
            ),
            _ => format!(
                "{}{dp}{}({}):{shown}{}",
                l.pick("保留 ", "保留 ", ""),
                l.pick(" 位小数,只修约一次", " 位小數,只修約一次", ""),
                tie_text(plan.rounding.tie, l),
                unit_text(unit, symbol)
            ),
        },
        None,
    ));
    Some(value)
}

/// Explains how a target's value, status and gap come about, in `locale` ("zh-CN", "zh-TW", "en").
pub fn explain_target(session: &Session, target_id: &str, locale: &str) -> Result<Explanation> {
    let plan = session.plan();
    let l = Lang(locale);
    let t = plan
        .targets
        .iter()
        .find(|t| t.id == target_id)
        .ok_or_else(|| Error::UnknownId { path: "target".into(), id: target_id.to_owned() })?;
    let (baseline, grid) = session.grids();
    let ctx = Ctx { plan, grid, baseline, shift: None };
    let period = plan.periods.get(t.period).map_or("", |p| p.label.get(locale));
    let mut steps = Vec::new();
    let title = format!("{} ({period})", t.label.get(locale));
    match t.indicator.evaluate(&ctx, t.period) {
        Err(Gap::NoData(ids)) => {
            let names: Vec<&str> =
                ids.iter().filter_map(|&s| plan.series.get(s)).map(|s| s.label.get(locale)).collect();
            steps.push(step(
                StepKind::Note,
                format!("{}{}", l.pick("缺少数字:", "缺少數字:", "no figure for: "), names.join("、")),
                None,
            ));
        }
        Err(Gap::Undefined(reason)) => {
            let why = match reason {
                "whole_is_zero" => l.pick(
                    "分母为零,指标无定义",
                    "分母為零,指標無定義",
                    "the denominator is zero: the indicator is undefined",
                ),
                "base_is_zero" => {
                    l.pick("基数为零,增速无定义", "基數為零,增速無定義", "the base is zero: growth is undefined")
                }
                "no_base" => l.pick(
                    "没有上年数字或公布增速",
                    "沒有上年數字或公布增速",
                    "no figure for last year and no published growth",
                ),
                "whole_unchanged" => l.pick(
                    "总体没有增量,贡献率无定义",
                    "總體沒有增量,貢獻率無定義",
                    "the whole did not change: contribution share is undefined",
                ),
                _ => l.pick("超出精确计算范围", "超出精確計算範圍", "beyond the range of exact decimals"),
            };
            steps.push(step(StepKind::Note, why.to_owned(), None));
        }
        Ok(e) => {
            if let Some(value) = value_steps(plan, &t.indicator, &e, l, &mut steps) {
                compare_steps(session, t, &value, l, &mut steps);
            }
        }
    }
    if t.soft {
        steps.push(step(
            StepKind::Note,
            l.pick(
                "“力争”:预期性目标,不是约束性目标。",
                "「力爭」:預期性目標,不是約束性目標。",
                "\"strive for\" (力争): a soft target, not a binding one.",
            )
            .to_owned(),
            None,
        ));
    }
    if let Some(src) = &t.source_text {
        steps.push(step(StepKind::Note, format!("{}{src}", l.pick("原文:", "原文:", "plan text: ")), None));
    }
    Ok(Explanation { title, locale: locale.to_owned(), steps })
}

fn compare_steps(session: &Session, t: &Target, value: &Exact, l: Lang<'_>, steps: &mut Vec<Step>) {
    let plan = session.plan();
    let unit = t.indicator.unit();
    let symbol = t.indicator.symbol(plan);
    let tv = Exact::from(t.value);
    let met = meets(t, value);
    let verdict = match met {
        Some(true) => l.pick("达标", "達標", "met"),
        Some(false) => l.pick("未达标", "未達標", "not met"),
        None => "?",
    };
    let tol = t.tolerance.map(|x| format!(" ± {}", x.normalize())).unwrap_or_default();
    let relation = match value.cmp_exact(&tv) {
        Some(std::cmp::Ordering::Less) => "lt",
        Some(std::cmp::Ordering::Greater) => "gt",
        _ => "eq",
    };
    steps.push(step(
        StepKind::Compare,
        format!(
            "{} {} {}{}{tol}: {verdict}",
            l.pick("用精确值与目标比较", "用精確值與目標比較", "the exact value against the target"),
            match relation {
                "lt" => "<",
                "gt" => ">",
                _ => "=",
            },
            t.value.normalize(),
            unit_text(unit, symbol),
        ),
        Some(op(relation, vec![num(value), Expr::Num { value: t.value.normalize().to_string() }])),
    ));
    let Some(margin) = value.checked_sub(&tv) else { return };
    let diff_unit = unit.difference();
    let Some(shown) = margin.display(diff_unit.decimals(&plan.rounding), plan.rounding.tie) else { return };
    let mut text = format!("{}: {shown}{}", l.pick("差距", "差距", "margin"), unit_text(diff_unit, symbol));
    if let Some(s) = t.indicator.main_series(plan) {
        let lever = Lever {
            series: s,
            period: lever_period(&t.indicator, t.period),
            mode: Mode::Substitute,
            counts_toward: vec![],
            offset: None,
        };
        let (baseline, grid) = session.grids();
        if let Ok(sol) = solve(Figures { plan, grid, baseline }, &t.indicator, t.period, &lever, tv, None) {
            let money = plan.series.get(s).map_or(plan.unit.as_str(), |x| x.unit.as_str());
            if let Some(d) = sol.delta.display(plan.rounding.amount, plan.rounding.tie) {
                let name = plan.series.get(s).map_or("", |x| x.label.get(l.0));
                text.push_str(&match l.0 {
                    "en" => format!(
                        "; with every other figure held, {name} would change by {d} {money} to land exactly on target"
                    ),
                    "zh-TW" => format!(";其他數字不變,{name}需變動 {d}{money} 才恰好達到目標"),
                    _ => format!(";其他数字不变,{name}需变动 {d}{money} 才恰好达到目标"),
                });
            }
        }
    }
    steps.push(step(StepKind::Gap, text, None));
}

/// Explains a goal-seek answer: the mode, the equation, its exact solution, the check, and the other mode's answer.
pub fn explain_goal(
    session: &Session,
    target_id: &str,
    lever_id: &str,
    mode: Mode,
    counts_toward: &[String],
    offset: Option<&str>,
    locale: &str,
) -> Result<Explanation> {
    let plan = session.plan();
    let l = Lang(locale);
    // The answer goal seek gives (room checked), with the solution behind it; it validates every id too.
    let answer = session.goal_answer(target_id, lever_id, mode, counts_toward, offset)?;
    let t = plan
        .targets
        .iter()
        .find(|t| t.id == target_id)
        .ok_or_else(|| Error::UnknownId { path: "target".into(), id: target_id.to_owned() })?;
    let s =
        plan.series_idx(lever_id).ok_or_else(|| Error::UnknownId { path: "lever".into(), id: lever_id.to_owned() })?;
    let lever_name = plan.series.get(s).map_or("", |x| x.label.get(locale)).to_owned();
    let money = plan.series.get(s).map_or(plan.unit.clone(), |x| x.unit.clone());
    let mut steps = Vec::new();
    steps.push(step(StepKind::Mode, mode_text(mode, l, &lever_name), None));
    let tv = Exact::from(t.value);
    match answer.solved {
        Ok(sol) => {
            let [n0, n1, d0, d1] = sol.line;
            let x = Expr::Var {
                name: "x".into(),
                meaning: format!("{} {lever_name}", l.pick("变动量", "變動量", "change in")),
            };
            let lin =
                |a: &Exact, b: &Exact| op("paren", vec![op("add", vec![num(a), op("mul", vec![num(b), x.clone()])])]);
            steps.push(step(
                StepKind::Solve,
                l.pick(
                    "指标的分子、分母都随 x 线性变化,令其等于目标:",
                    "指標的分子、分母都隨 x 線性變化,令其等於目標:",
                    "numerator and denominator both move linearly with x; set the indicator equal to the target:",
                )
                .to_owned(),
                Some(op("eq", vec![op("div", vec![lin(&n0, &n1), lin(&d0, &d1)]), num(&tv)])),
            ));
            let top = tv.checked_mul(&d0).and_then(|a| a.checked_sub(&n0));
            let bottom = tv.checked_mul(&d1).and_then(|a| n1.checked_sub(&a));
            if let (Some(top), Some(bottom)) = (top, bottom) {
                steps.push(step(
                    StepKind::Solve,
                    l.pick(
                        "闭式解 x = (t·d₀ − n₀) ÷ (n₁ − t·d₁),无需迭代:",
                        "閉式解 x = (t·d₀ − n₀) ÷ (n₁ − t·d₁),無需迭代:",
                        "closed form x = (t·d₀ − n₀) ÷ (n₁ − t·d₁), no iteration:",
                    )
                    .to_owned(),
                    Some(op("eq", vec![x.clone(), op("div", vec![num(&top), num(&bottom)]), num(&sol.delta)])),
                ));
            }
            let shown = sol.value.display(plan.rounding.amount, plan.rounding.tie).unwrap_or_default();
            let exact = match sol.value.fraction() {
                Some(f) => format!("{f} ≈ {shown}"),
                None => shown.to_string(),
            };
            steps.push(step(
                StepKind::Exact,
                format!("{lever_name} = {} + x = {exact} {money}", exact_text(&sol.from)),
                None,
            ));
            steps.push(step(
                StepKind::Check,
                l.pick("代回检验:以精确值代入,指标恰好等于目标(修约之前)。", "代回檢驗:以精確值代入,指標恰好等於目標(修約之前)。", "check: with the exact answer substituted the indicator equals the target exactly, before any rounding.").to_owned(),
                None,
            ));
        }
        Err(why) => steps.push(step(StepKind::Note, unreachable_text(&why, l), None)),
    }
    // The other mode's answer, so the difference between new investment and reallocation is visible.
    let other = match mode {
        Mode::Additive => Mode::Substitute,
        Mode::Substitute => Mode::Additive,
    };
    // With no offset: an offset goes with substitute mode only.
    let other_answer = session.goal_answer(target_id, lever_id, other, counts_toward, None)?;
    let other_text = match other_answer.solved {
        Ok(sol) => {
            let d = sol.delta.display(plan.rounding.amount, plan.rounding.tie).unwrap_or_default();
            match l.0 {
                "en" => format!("For comparison, {}: x = {d} {money}.", mode_name(other, l)),
                "zh-TW" => format!("對照:{},x = {d}{money}。", mode_name(other, l)),
                _ => format!("对照:{},x = {d}{money}。", mode_name(other, l)),
            }
        }
        Err(why) => format!("{}: {}", mode_name(other, l), unreachable_text(&why, l)),
    };
    steps.push(step(StepKind::Mode, other_text, None));
    Ok(Explanation { title: format!("{} → {}", lever_name, t.label.get(locale)), locale: locale.to_owned(), steps })
}

fn mode_name(mode: Mode, l: Lang<'_>) -> &'static str {
    match mode {
        Mode::Additive => {
            l.pick("新增投资(总数随之增加)", "新增投資(總數隨之增加)", "new investment (totals rise with it)")
        }
        Mode::Substitute => l.pick("调整结构(总数不变)", "調整結構(總數不變)", "reallocation (totals held)"),
    }
}

fn mode_text(mode: Mode, l: Lang<'_>, lever: &str) -> String {
    match (mode, l.0) {
        (Mode::Additive, "en") => format!("Question answered: how much NEW investment in {lever} is needed? Every total that contains it rises by the same x, so a share (P + x) ÷ (W + x) moves more slowly than P ÷ W."),
        (Mode::Substitute, "en") => format!("Question answered: how much must {lever} change with the totals HELD? x comes out of the unallocated remainder, so a share moves as (P + x) ÷ W."),
        (Mode::Additive, "zh-TW") => format!("回答的問題:{lever}需要新增多少投資?包含它的各項總數同步增加 x,佔比按 (P + x) ÷ (W + x) 變化。"),
        (Mode::Substitute, "zh-TW") => format!("回答的問題:總數不變時,{lever}需調整多少?x 來自未分配部分,佔比按 (P + x) ÷ W 變化。"),
        (Mode::Additive, _) => format!("回答的问题:{lever}需要新增多少投资?包含它的各项总数同步增加 x,占比按 (P + x) ÷ (W + x) 变化。"),
        (Mode::Substitute, _) => format!("回答的问题:总数不变时,{lever}需调整多少?x 来自未分配部分,占比按 (P + x) ÷ W 变化。"),
    }
}

fn unreachable_text(why: &Unreachable, l: Lang<'_>) -> String {
    why.text().get(l.0).to_owned()
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
export type Expr =
  | { t: "var"; name: string; meaning: string } | { t: "num"; value: string } | { t: "op"; op: string; args: Expr[] };
export interface Step { kind: "formula" | "substitute" | "exact" | "round" | "compare" | "gap" | "mode" | "solve" | "check" | "note"; text: string; math?: Expr; }
export interface Explanation { title: string; locale: string; steps: Step[]; }
"#;
