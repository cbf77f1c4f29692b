//! Step-by-step explanations for teaching: the formula in symbols, the numbers substituted, the exact
//! result, the rounding, the comparison with the target, the gap. Data, not prose: the page renders
//! each step's sentence and its expression tree (as MathML).

use crate::calc::goal::Unreachable;
use crate::calc::indicator::{Ctx, Evaluated, Frac, Gap, Term};
use crate::calc::target::meets;
use crate::document::exact_text;
use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::exact::TieRule;
use crate::messages::{say_in, Arg, Arg::Same};
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

/// The language an explanation is written in ("zh-CN", "zh-TW" or "en"); its sentences come from the catalogue.
#[derive(Clone, Copy)]
struct Lang<'a>(&'a str);

impl Lang<'_> {
    /// The catalogue's sentence `key` in this language, its slots filled.
    fn say(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        say_in(self.0, key, args)
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
    let key = match spec {
        IndicatorSpec::Amount { .. } => "explain.kind.amount",
        IndicatorSpec::Cumulative { .. } => "explain.kind.cumulative",
        IndicatorSpec::Share { .. } => "explain.kind.share",
        IndicatorSpec::Completion { .. } => "explain.kind.completion",
        IndicatorSpec::Growth { .. } => "explain.kind.growth",
        IndicatorSpec::Contribution { .. } => "explain.kind.contribution",
        IndicatorSpec::ContributionShare { .. } => "explain.kind.contribution_share",
        IndicatorSpec::Ratio { .. } => "explain.kind.ratio",
        IndicatorSpec::AggregateGrowth { .. } => "explain.kind.aggregate_growth",
        IndicatorSpec::Remainder { .. } => "explain.kind.remainder",
    };
    l.say(key, &[])
}

fn meaning(plan: &Plan, t: &Term, l: Lang<'_>) -> String {
    let s = plan.series.get(t.series).map_or("?", |x| x.label.get(l.0));
    let p = plan.periods.get(t.period).map_or("?", |x| x.label.get(l.0));
    match t.from_growth {
        Some(_) => l.say("explain.comparable_base", &[("series", Same(s)), ("period", Same(p))]),
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

fn tie_text(tie: TieRule, l: Lang<'_>) -> String {
    match tie {
        TieRule::HalfAwayFromZero => l.say("explain.tie.half_away", &[]),
        TieRule::HalfEven => l.say("explain.tie.half_even", &[]),
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
            l.say(
                "explain.implied_base",
                &[
                    ("level", Same(&exact_text(&level))),
                    ("growth", Same(&g.normalize().to_string())),
                    ("base", Same(&exact_text(&t.value))),
                ],
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
    steps.push(step(StepKind::Substitute, l.say("explain.substitute", &[]), Some(sub)));
    let value = e.frac.value()?;
    exact_and_rounded(plan, &value, spec.unit(), spec.symbol(plan), l, steps)?;
    Some(value)
}

/// The last two steps of every figure: its exact value (with the fraction where it does not terminate), then the
/// one rounding by the plan's rule.
fn exact_and_rounded(
    plan: &Plan,
    value: &Exact,
    unit: Unit,
    symbol: &str,
    l: Lang<'_>,
    steps: &mut Vec<Step>,
) -> Option<()> {
    let exact = match value.fraction() {
        Some(f) => format!("{} … (= {f})", value.to_decimal()?.normalize()),
        None => exact_text(value),
    };
    steps.push(step(
        StepKind::Exact,
        l.say("explain.exact", &[("exact", Same(&exact)), ("unit", Same(&unit_text(unit, symbol)))]),
        Some(lit(&exact_text(value))),
    ));
    let dp = unit.decimals(&plan.rounding);
    let shown = value.display(dp, plan.rounding.tie)?;
    steps.push(step(
        StepKind::Round,
        l.say(
            "explain.round",
            &[
                ("places", Same(&dp.to_string())),
                ("tie", Same(&tie_text(plan.rounding.tie, l))),
                ("shown", Same(&shown)),
                ("unit", Same(&unit_text(unit, symbol))),
            ],
        ),
        None,
    ));
    Some(())
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
            steps.push(step(StepKind::Note, l.say("explain.no_figure", &[("names", Same(&names.join("、")))]), None));
        }
        Err(Gap::Undefined(reason)) => {
            steps.push(step(StepKind::Note, l.say(&format!("undefined.{reason}"), &[]), None));
        }
        Ok(e) => {
            if let Some(value) = value_steps(plan, &t.indicator, &e, l, &mut steps) {
                compare_steps(session, t, &value, l, &mut steps);
            }
        }
    }
    if t.soft {
        steps.push(step(StepKind::Note, l.say("explain.soft", &[]), None));
    }
    if let Some(src) = &t.source_text {
        steps.push(step(StepKind::Note, l.say("explain.source", &[("text", Same(src))]), None));
    }
    Ok(Explanation { title, locale: locale.to_owned(), steps })
}

fn compare_steps(session: &Session, t: &Target, value: &Exact, l: Lang<'_>, steps: &mut Vec<Step>) {
    let plan = session.plan();
    let unit = t.indicator.unit();
    let symbol = t.indicator.symbol(plan);
    let tv = Exact::from(t.value);
    let verdict = match meets(t, value) {
        Some(true) => l.say("explain.met", &[]),
        Some(false) => l.say("explain.not_met", &[]),
        None => "?".to_owned(),
    };
    let tolerance = t.tolerance.map(|x| format!(" ± {}", x.normalize())).unwrap_or_default();
    let (relation, sign) = match value.cmp_exact(&tv) {
        Some(std::cmp::Ordering::Less) => ("lt", "<"),
        Some(std::cmp::Ordering::Greater) => ("gt", ">"),
        _ => ("eq", "="),
    };
    let target = t.value.normalize().to_string();
    steps.push(step(
        StepKind::Compare,
        l.say(
            "explain.compare",
            &[
                ("relation", Same(sign)),
                ("target", Same(&target)),
                ("unit", Same(&unit_text(unit, symbol))),
                ("tolerance", Same(&tolerance)),
                ("verdict", Same(&verdict)),
            ],
        ),
        Some(op(relation, vec![num(value), Expr::Num { value: target.clone() }])),
    ));
    let Some(margin) = value.checked_sub(&tv) else { return };
    let diff_unit = unit.difference();
    let Some(shown) = margin.display(diff_unit.decimals(&plan.rounding), plan.rounding.tie) else { return };
    let mut text = l.say("explain.margin", &[("margin", Same(&shown)), ("unit", Same(&unit_text(diff_unit, symbol)))]);
    // What the target's card says it needs: the change in its lever that lands exactly on target.
    let result = session.target_result(&t.id);
    if let Some((needed, lever)) = result.and_then(|r| Some((r.needed.as_ref()?, r.lever.as_deref()?))) {
        let name = plan.series_idx(lever).and_then(|s| plan.series.get(s)).map_or("", |x| x.label.get(l.0));
        text.push_str(&l.say(
            "explain.needed",
            &[("series", Same(name)), ("change", Same(&needed.display)), ("money", Same(&needed.symbol))],
        ));
    }
    steps.push(step(StepKind::Gap, text, None));
}

/// The steps from a formula to its rounded value, for a figure that is no plan indicator (time-progress, ahead, a
/// run-rate): the formula with its symbols, the numbers substituted, the exact value, the rounding once.
#[allow(clippy::too_many_arguments)]
fn plain_steps(
    plan: &Plan,
    formula_text: String,
    vars: Expr,
    numbers: Expr,
    value: &Exact,
    unit: Unit,
    symbol: &str,
    l: Lang<'_>,
    steps: &mut Vec<Step>,
) -> Option<()> {
    steps.push(step(StepKind::Formula, formula_text, Some(vars)));
    steps.push(step(StepKind::Substitute, l.say("explain.substitute", &[]), Some(numbers)));
    exact_and_rounded(plan, value, unit, symbol, l, steps)
}

/// Explains one figure of a unit's month in the monthly progress (`figure`: `completion`, `time_progress`, `ahead`,
/// `growth`, `run_rate` or `year_end`) for the series followed `done` in month period `period`, in `locale`: the
/// formula, the numbers, the exact value and the one rounding — as the progress table and the bulletin show it.
pub fn explain_month(session: &Session, done: &str, period: &str, figure: &str, locale: &str) -> Result<Explanation> {
    let plan = session.plan();
    let l = Lang(locale);
    let unknown = |path: &str, id: &str| Error::UnknownId { path: path.into(), id: id.to_owned() };
    let d = plan.series_idx(done).ok_or_else(|| unknown("done", done))?;
    let g = plan.progress.iter().find(|g| g.done == d).ok_or_else(|| unknown("done", done))?;
    let p = plan.period_idx(period).ok_or_else(|| unknown("period", period))?;
    let year = g.year;
    let month: u32 = period
        .rsplit_once('-')
        .and_then(|(y, m)| (y == plan.period_id(year)).then(|| m.parse().ok()).flatten())
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| unknown("period", period))?;
    let (baseline, grid) = session.grids();
    let name = |key: &str| {
        let key = match key {
            "completion" => "explain.month.name.completion",
            "time_progress" => "explain.month.name.time_progress",
            "ahead" => "explain.month.name.ahead",
            "growth" => "explain.month.name.growth",
            "share" => "explain.month.name.share",
            "contribution" => "explain.month.name.contribution",
            "run_rate" => "explain.month.name.run_rate",
            "year_end" => "explain.month.name.year_end",
            _ => "explain.month.none",
        };
        l.say(key, &[])
    };
    let unit_label = plan.series.get(d).map_or("", |x| x.label.get(locale));
    let title = format!("{unit_label} · {}: {}", plan.periods.get(p).map_or("", |x| x.label.get(locale)), name(figure));
    let mut steps = Vec::new();
    let money = plan.series.get(d).map_or(plan.unit.as_str(), |x| x.unit.as_str());
    let hundred = Exact::HUNDRED;
    let twelve = Exact::from(rust_decimal::Decimal::from(12));
    let m = Exact::from(rust_decimal::Decimal::from(month));
    let m_var = || Expr::Var { name: "M".into(), meaning: l.say("explain.month.months", &[]) };
    let term = |symbol: &'static str, s: usize, q: usize| {
        grid.get(s, q).value().map(|value| Term { symbol, series: s, period: q, value, from_growth: None })
    };
    let done_t = term("C", d, p);
    let annual_t = term("A", g.plan, year);
    let var = |t: &Term| Expr::Var { name: t.symbol.to_owned(), meaning: meaning(plan, t, l) };
    let tp = m.checked_mul(&hundred).and_then(|x| x.checked_div(&twelve));
    let completion =
        done_t.as_ref().zip(annual_t.as_ref()).and_then(|(c, a)| c.value.checked_mul(&hundred)?.checked_div(&a.value));
    let mut missing = false;
    match figure {
        "completion" => match (&done_t, &annual_t) {
            (Some(c), Some(a)) => {
                let spec = IndicatorSpec::Completion { done: d, plan: g.plan };
                let num = c.value.checked_mul(&hundred).ok_or(Error::Overflow { path: "completion".into() })?;
                let e = Evaluated { frac: Frac { num, den: a.value }, terms: vec![c.clone(), a.clone()] };
                value_steps(plan, &spec, &e, l, &mut steps);
            }
            _ => missing = true,
        },
        "time_progress" => {
            let v = tp.ok_or(Error::Overflow { path: "time_progress".into() })?;
            plain_steps(
                plan,
                l.say("explain.month.time_progress", &[]),
                op("mul", vec![op("div", vec![m_var(), lit("12")]), lit("100")]),
                op("mul", vec![op("div", vec![num(&m), lit("12")]), lit("100")]),
                &v,
                Unit::Percent,
                "%",
                l,
                &mut steps,
            );
        }
        "ahead" => match (completion, tp) {
            (Some(c), Some(t)) => {
                let v = c.checked_sub(&t).ok_or(Error::Overflow { path: "ahead".into() })?;
                let cv = Expr::Var { name: "c".into(), meaning: name("completion") };
                let tv = Expr::Var { name: "t".into(), meaning: name("time_progress") };
                plain_steps(
                    plan,
                    l.say("explain.month.ahead", &[]),
                    op("sub", vec![cv, tv]),
                    op("sub", vec![num(&c), num(&t)]),
                    &v,
                    Unit::Pp,
                    "pp",
                    l,
                    &mut steps,
                );
            }
            _ => missing = true,
        },
        "share" | "contribution" => {
            let spec = match (figure, g.whole) {
                ("share", Some(w)) => Some(IndicatorSpec::Share { part: d, whole: w }),
                (_, Some(w)) => Some(IndicatorSpec::Contribution { part: d, whole: w }),
                _ => None,
            };
            match spec.map(|spec| (spec.evaluate(&Ctx { plan, grid, baseline, shift: None }, p), spec)) {
                Some((Ok(e), spec)) => {
                    value_steps(plan, &spec, &e, l, &mut steps);
                }
                _ => missing = true,
            }
        }
        "growth" => {
            let spec = IndicatorSpec::Growth { series: d };
            match spec.evaluate(&Ctx { plan, grid, baseline, shift: None }, p) {
                Ok(e) => {
                    value_steps(plan, &spec, &e, l, &mut steps);
                }
                Err(_) => missing = true,
            }
        }
        "run_rate" | "year_end" => match (&done_t, &annual_t) {
            (Some(c), Some(a)) if month < 12 || figure == "year_end" => {
                let (text, vars, numbers, v) = if figure == "run_rate" {
                    let left = Exact::from(rust_decimal::Decimal::from(12 - month));
                    let v = a.value.checked_sub(&c.value).and_then(|x| x.checked_div(&left));
                    let shape = |a: Expr, c: Expr, m: Expr| {
                        op(
                            "div",
                            vec![
                                op("paren", vec![op("sub", vec![a, c])]),
                                op("paren", vec![op("sub", vec![lit("12"), m])]),
                            ],
                        )
                    };
                    (
                        l.say("explain.month.run_rate", &[]),
                        shape(var(a), var(c), m_var()),
                        shape(num(&a.value), num(&c.value), num(&m)),
                        v,
                    )
                } else {
                    let v = c.value.checked_div(&m).and_then(|x| x.checked_mul(&twelve));
                    let shape = |c: Expr, m: Expr| op("mul", vec![op("div", vec![c, m]), lit("12")]);
                    (l.say("explain.month.year_end", &[]), shape(var(c), m_var()), shape(num(&c.value), num(&m)), v)
                };
                let v = v.ok_or(Error::Overflow { path: figure.into() })?;
                plain_steps(plan, text, vars, numbers, &v, Unit::Amount, money, l, &mut steps);
            }
            _ => missing = true,
        },
        other => return Err(unknown("figure", other)),
    }
    if missing {
        steps.push(step(StepKind::Note, l.say("explain.month.none", &[]), None));
    }
    Ok(Explanation { title, locale: locale.to_owned(), steps })
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
            let x =
                Expr::Var { name: "x".into(), meaning: l.say("explain.change_in", &[("lever", Same(&lever_name))]) };
            let lin =
                |a: &Exact, b: &Exact| op("paren", vec![op("add", vec![num(a), op("mul", vec![num(b), x.clone()])])]);
            steps.push(step(
                StepKind::Solve,
                l.say("explain.linear", &[]),
                Some(op("eq", vec![op("div", vec![lin(&n0, &n1), lin(&d0, &d1)]), num(&tv)])),
            ));
            let top = tv.checked_mul(&d0).and_then(|a| a.checked_sub(&n0));
            let bottom = tv.checked_mul(&d1).and_then(|a| n1.checked_sub(&a));
            if let (Some(top), Some(bottom)) = (top, bottom) {
                steps.push(step(
                    StepKind::Solve,
                    l.say("explain.closed_form", &[]),
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
            steps.push(step(StepKind::Check, l.say("explain.check", &[]), None));
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
            l.say(
                "explain.other_mode",
                &[("mode", Same(&mode_name(other, l))), ("change", Same(&d)), ("money", Same(&money))],
            )
        }
        Err(why) => format!("{}: {}", mode_name(other, l), unreachable_text(&why, l)),
    };
    steps.push(step(StepKind::Mode, other_text, None));
    Ok(Explanation { title: format!("{} → {}", lever_name, t.label.get(locale)), locale: locale.to_owned(), steps })
}

fn mode_name(mode: Mode, l: Lang<'_>) -> String {
    match mode {
        Mode::Additive => l.say("explain.mode.additive", &[]),
        Mode::Substitute => l.say("explain.mode.substitute", &[]),
    }
}

fn mode_text(mode: Mode, l: Lang<'_>, lever: &str) -> String {
    let key = match mode {
        Mode::Additive => "explain.question.additive",
        Mode::Substitute => "explain.question.substitute",
    };
    l.say(key, &[("lever", Same(lever))])
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
