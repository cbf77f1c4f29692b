//! The workbook's other sheets: scenarios side by side, the project list, monthly progress, each target's
//! explanation steps, notes on exactness and rounding, and the hidden sheet holding the plan.

use super::export::{project_roles, status_key, PIECE, PLAN_SHEET};
use super::write::{Cell, SheetOut, Style};
use crate::error::Result;
use crate::exact::TieRule;
use crate::explain::{explain_target, Expr};
use crate::messages::{month, say_in, Arg};
use crate::model::plan::SeriesKind;
use crate::session::Session;

/// Every target and figure in every scenario, side by side (values as numbers, exact).
pub(super) fn scenarios_sheet(session: &Session, locale: &str) -> Result<SheetOut> {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let names = session.scenario_names();
    let active = session.active_scenario().to_owned();
    let mut header = vec![
        Cell::header(w("xlsx.col.id")),
        Cell::header(w("xlsx.col.name")),
        Cell::header(w("xlsx.col.period")),
        Cell::header(w("xlsx.col.unit")),
    ];
    let mut columns = Vec::new();
    for name in &names {
        let rows = session.compare(&active, name)?;
        header.push(Cell::header(name));
        header.push(Cell::header(say_in(locale, "xlsx.col.status_in", &[("name", Arg::Same(name))])));
        columns.push(rows);
    }
    let mut rows = vec![header];
    let first = columns.first().cloned().unwrap_or_default();
    for (i, row) in first.iter().enumerate() {
        let label = if row.kind == "target" {
            plan.targets.iter().find(|t| t.id == row.id).map(|t| t.label.get(locale))
        } else {
            plan.series.iter().find(|s| s.id == row.id).map(|s| s.label.get(locale))
        };
        let period =
            plan.periods.iter().find(|p| p.id == row.period).map_or(row.period.as_str(), |p| p.label.get(locale));
        let unit = row.a.as_ref().or(row.b.as_ref()).map_or(String::new(), |q| q.symbol.clone());
        let mut out =
            vec![Cell::text(&row.id), Cell::text(label.unwrap_or_default()), Cell::text(period), Cell::text(unit)];
        for column in &columns {
            let Some(c) = column.get(i) else { continue };
            match &c.b {
                Some(q) => out.push(Cell::number(q.exact.normalize().to_string(), Style::Decimals(places_of(q)))),
                None => out.push(Cell::empty()),
            }
            out.push(c.status_b.map_or(Cell::empty(), |s| Cell::text(w(status_key(s)))));
        }
        rows.push(out);
    }
    let mut widths = vec![14, 30, 12, 8];
    widths.extend(names.iter().flat_map(|_| [14, 12]));
    Ok(SheetOut { name: w("xlsx.sheet.scenarios"), rows, widths, freeze_rows: 1, hidden: false })
}

/// The decimals a quantity was displayed with.
fn places_of(q: &crate::Quantity) -> u32 {
    q.display.split_once('.').map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(0))
}

pub(super) fn projects_sheet(session: &Session, locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let mut header: Vec<Cell> = ["id", "name", "sector", "county", "ownership", "stage", "flags", "total"]
        .iter()
        .map(|k| Cell::header(w(&format!("xlsx.project.{k}"))))
        .collect();
    for p in &plan.periods {
        let label = Arg::Same(p.label.get(locale));
        header.push(Cell::header(say_in(locale, "xlsx.project.annual", &[("period", label)])));
        header.push(Cell::header(say_in(locale, "xlsx.project.completed", &[("period", label)])));
    }
    let all: Vec<u32> = (0..u32::try_from(plan.projects.len()).unwrap_or(u32::MAX)).collect();
    let amount = plan.rounding.amount;
    let num = |v: &Option<String>| v.as_ref().map_or(Cell::empty(), |n| Cell::number(n, Style::Decimals(amount)));
    let mut rows = vec![header];
    for chunk in all.chunks(4096) {
        for pr in session.project_rows(chunk) {
            let mut row = vec![
                Cell::text(pr.id),
                Cell::text(pr.name),
                Cell::text(pr.sector),
                Cell::text(pr.county),
                Cell::text(w(&format!("xlsx.ownership.{}", pr.ownership))),
                Cell::text(w(&format!("xlsx.stage.{}", pr.stage))),
                Cell::text(pr.flags.join(";")),
                num(&pr.total),
            ];
            for (a, c) in pr.annual.iter().zip(&pr.completed) {
                row.push(num(a));
                row.push(num(c));
            }
            rows.push(row);
        }
    }
    let mut widths = vec![14, 30, 12, 12, 10, 10, 12, 12];
    widths.extend(plan.periods.iter().flat_map(|_| [14, 14]));
    SheetOut { name: w("xlsx.sheet.projects"), rows, widths, freeze_rows: 1, hidden: false }
}

pub(super) fn monthly_sheet(
    session: &Session,
    progress: &[crate::calc::monthly::SeriesProgress],
    locale: &str,
) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let header = [
        "xlsx.col.name",
        "xlsx.col.month",
        "xlsx.monthly.done",
        "xlsx.monthly.completion",
        "xlsx.monthly.time_progress",
        "xlsx.monthly.ahead",
        "xlsx.monthly.growth",
        "xlsx.monthly.run_rate",
        "xlsx.monthly.year_end",
        "xlsx.monthly.light",
    ];
    let mut rows = vec![header.iter().map(|k| Cell::header(w(k))).collect::<Vec<_>>()];
    let q = |x: &Option<crate::Quantity>| match x {
        Some(q) => Cell::number(q.exact.normalize().to_string(), Style::Decimals(places_of(q))),
        None => Cell::empty(),
    };
    for series in progress {
        let label =
            plan.series.iter().find(|s| s.id == series.done).map_or(series.done.as_str(), |s| s.label.get(locale));
        for m in &series.months {
            rows.push(vec![
                Cell::text(label),
                Cell::text(say_in(locale, "xlsx.monthly.month", &[("month", month(&m.month.to_string()))])),
                q(&m.done),
                q(&m.completion),
                q(&m.time_progress),
                q(&m.ahead),
                q(&m.growth),
                q(&m.run_rate),
                q(&m.year_end),
                m.light.as_ref().map_or(Cell::empty(), |l| Cell::text(format!("{} {}", l.symbol, l.text.get(locale)))),
            ]);
        }
    }
    SheetOut {
        name: w("xlsx.sheet.monthly"),
        rows,
        widths: vec![24, 10, 12, 12, 12, 12, 12, 12, 12, 28],
        freeze_rows: 1,
        hidden: false,
    }
}

/// An explanation's formula as plain text.
fn expr_text(e: &Expr) -> String {
    match e {
        Expr::Var { name, .. } => name.clone(),
        Expr::Num { value } => value.clone(),
        Expr::Op { op, args } => {
            let parts: Vec<String> = args.iter().map(expr_text).collect();
            let sym = match op.as_str() {
                "add" => " + ",
                "sub" => " − ",
                "mul" => " × ",
                "div" => " ÷ ",
                "eq" => " = ",
                "approx" => " ≈ ",
                "ge" => " ≥ ",
                "le" => " ≤ ",
                "lt" => " < ",
                "gt" => " > ",
                "sum" => return format!("Σ({})", parts.join(", ")),
                "paren" => return format!("({})", parts.join("")),
                _ => " ",
            };
            parts.join(sym)
        }
    }
}

pub(super) fn explanations_sheet(session: &Session, locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let mut rows = vec![vec![
        Cell::header(w("xlsx.col.id")),
        Cell::header(w("xlsx.col.step")),
        Cell::header(w("xlsx.col.formula")),
    ]];
    for target in &session.plan().targets {
        let Ok(e) = explain_target(session, &target.id, locale) else { continue };
        rows.push(vec![
            Cell::text(&target.id),
            Cell { value: super::write::Value::Text(e.title), style: Style::Header },
        ]);
        for (i, step) in e.steps.iter().enumerate() {
            rows.push(vec![
                Cell::text(format!("{}.{}", target.id, i + 1)),
                Cell { value: super::write::Value::Text(step.text.clone()), style: Style::Wrap },
                Cell::text(step.math.as_ref().map(expr_text).unwrap_or_default()),
            ]);
        }
    }
    SheetOut { name: w("xlsx.sheet.explain"), rows, widths: vec![16, 90, 50], freeze_rows: 1, hidden: false }
}

pub(super) fn notes_sheet(session: &Session, locale: &str) -> SheetOut {
    let w = |key: &str| say_in(locale, key, &[]);
    let plan = session.plan();
    let r = &plan.rounding;
    let mut lines = vec![
        (say_in(locale, "xlsx.note.title", &[("plan", plan.title.arg())]), Style::Title),
        (say_in(locale, "xlsx.note.scenario", &[("name", Arg::Same(session.active_scenario()))]), Style::Plain),
        (w("xlsx.note.inputs"), Style::Wrap),
        (w("xlsx.note.exact"), Style::Wrap),
        (
            say_in(
                locale,
                "xlsx.note.rounding",
                &[
                    ("amount", Arg::Same(&r.amount.to_string())),
                    ("percent", Arg::Same(&r.percent.to_string())),
                    ("pp", Arg::Same(&r.pp.to_string())),
                ],
            ),
            Style::Wrap,
        ),
    ];
    if r.tie == TieRule::HalfEven {
        lines.push((w("xlsx.note.half_even"), Style::Wrap));
    }
    if plan.series.iter().any(|s| matches!(s.kind, SeriesKind::Projects(_))) {
        lines.push((w("xlsx.note.projects"), Style::Wrap));
    }
    let inexact: Vec<String> = session
        .results()
        .targets
        .iter()
        .filter(|t| t.value.as_ref().is_some_and(|v| v.fraction.is_some()))
        .map(|t| {
            let v = t.value.as_ref().and_then(|v| v.fraction.clone()).unwrap_or_default();
            format!("{} = {v}", t.id)
        })
        .collect();
    if !inexact.is_empty() {
        lines.push((say_in(locale, "xlsx.note.inexact", &[("list", Arg::Same(&inexact.join("; ")))]), Style::Wrap));
    }
    let rows = lines.into_iter().map(|(t, style)| vec![Cell { value: super::write::Value::Text(t), style }]).collect();
    SheetOut { name: w("xlsx.sheet.notes"), rows, widths: vec![120], freeze_rows: 0, hidden: false }
}

/// The hidden sheet: the plan document (without its projects, which are on their own sheet) in pieces, and the roles
/// of the Projects sheet's columns.
pub(super) fn plan_sheet(session: &Session) -> SheetOut {
    let mut doc = session.to_document();
    if let Some(o) = doc.as_object_mut() {
        o.remove("projects");
    }
    let text = doc.to_string();
    let mut pieces = vec![Cell::text("plan")];
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let mut cut = rest.len().min(PIECE);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (a, b) = rest.split_at(cut);
        pieces.push(Cell::text(a));
        rest = b;
    }
    let mut roles = vec![Cell::text("project_roles")];
    roles.extend(project_roles(session.plan()).into_iter().map(Cell::text));
    SheetOut {
        name: PLAN_SHEET.into(),
        rows: vec![vec![Cell::text("plancalc workbook"), Cell::number("1", Style::Plain)], pieces, roles],
        widths: Vec::new(),
        freeze_rows: 0,
        hidden: true,
    }
}
