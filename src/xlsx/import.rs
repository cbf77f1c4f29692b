//! Reading a plan's figures, its project list and its monthly actuals out of a workbook, and a workbook plancalc
//! wrote back into the plan it came from.
//!
//! Project lists and monthly actuals go through the same column mapping and bad-row reporting as CSV files
//! ([`super::read::csv_text`] gives a sheet as CSV, a line per row, so a bad row's line is its row). Figures are
//! found by the series' ids or labels down one column and the periods' ids or labels across a header row.

use super::export::{project_roles, PLAN_SHEET};
use super::read::{column_name, csv_text, Sheet, Workbook};
use crate::error::{Error, Result, RowError};
use crate::messages::say_in;
use crate::model::plan::{Plan, SeriesKind};
use crate::number::parse_decimal;
use crate::session::plan_edit::FigureCell;
use crate::session::Session;
use serde::Serialize;

/// What a sheet most likely holds, for the planner to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// Series down, periods across.
    Figures,
    /// A project list: a header naming an id, an ownership and a stage column.
    Projects,
    /// Something else.
    Other,
}

/// Where a sheet's figures are: the header row, the column naming the series, and a period per column.
struct FigureLayout {
    header: usize,
    key_columns: Vec<usize>,
    periods: Vec<(usize, usize)>,
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

/// The period a header cell names: its id or a label in any language.
fn period_of(plan: &Plan, cell: &str) -> Option<usize> {
    let c = norm(cell);
    if c.is_empty() {
        return None;
    }
    plan.periods.iter().position(|p| {
        [Some(p.id.as_str()), Some(p.label.zh_cn.as_str()), Some(p.label.en.as_str()), p.label.zh_tw.as_deref()]
            .into_iter()
            .flatten()
            .any(|n| norm(n) == c)
    })
}

/// The series a cell names: its id or a label in any language.
fn series_of(plan: &Plan, cell: &str) -> Option<usize> {
    let c = norm(cell);
    if c.is_empty() {
        return None;
    }
    plan.series.iter().position(|s| {
        [Some(s.id.as_str()), Some(s.label.zh_cn.as_str()), Some(s.label.en.as_str()), s.label.zh_tw.as_deref()]
            .into_iter()
            .flatten()
            .any(|n| norm(n) == c)
    })
}

/// The first row (of the first 20) naming at least one period, and the columns holding series names.
fn figure_layout(plan: &Plan, rows: &[Vec<String>]) -> Option<FigureLayout> {
    let (header, periods) = rows.iter().take(20).enumerate().find_map(|(r, row)| {
        let periods: Vec<(usize, usize)> =
            row.iter().enumerate().filter_map(|(c, cell)| period_of(plan, cell).map(|p| (c, p))).collect();
        (!periods.is_empty()).then_some((r, periods))
    })?;
    let first_period = periods.iter().map(|x| x.0).min().unwrap_or(0);
    // Every column left of the periods that names a series somewhere below the header (an id column, a label one).
    let key_columns: Vec<usize> = (0..first_period)
        .filter(|&c| rows.iter().skip(header + 1).any(|row| row.get(c).is_some_and(|x| series_of(plan, x).is_some())))
        .collect();
    (!key_columns.is_empty()).then_some(FigureLayout { header, key_columns, periods })
}

/// What each sheet most likely holds.
pub fn guess_kind(plan: &Plan, rows: &[Vec<String>]) -> SheetKind {
    if figure_layout(plan, rows).is_some() {
        return SheetKind::Figures;
    }
    let periods = crate::document::csv::period_names(plan);
    let head: Vec<Vec<String>> = rows.iter().take(1).cloned().collect();
    let guess = crate::document::csv::guess_columns(&csv_text(&head), &periods);
    match guess {
        Ok(g) if ["id", "ownership", "stage"].iter().all(|r| g.roles.iter().any(|x| x == r)) => SheetKind::Projects,
        _ => SheetKind::Other,
    }
}

/// The figures of a sheet laid out as series × periods, for the plan's input series. Rows naming no series, and
/// series that are sums (computed), are passed over; a cell that is not a number is a bad row. Nothing is returned
/// unless every cell read is good.
pub fn figures(plan: &Plan, sheet: &Sheet) -> Result<Vec<FigureCell>> {
    let Some(layout) = figure_layout(plan, &sheet.rows) else {
        return Err(Error::rule(
            "xlsx.no_figures",
            format!("sheet \"{}\"", sheet.name),
            "no header row names the plan's periods with the plan's series below it",
        ));
    };
    let header = sheet.rows.get(layout.header);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (r, row) in sheet.rows.iter().enumerate().skip(layout.header + 1) {
        let Some(s) = layout.key_columns.iter().find_map(|&c| row.get(c).and_then(|x| series_of(plan, x))) else {
            continue;
        };
        let Some(series) = plan.series.get(s) else { continue };
        if !matches!(series.kind, SeriesKind::Input) {
            continue;
        }
        // A series listed twice (a second table below the first, such as the bases): its first row counts.
        if !seen.insert(s) {
            continue;
        }
        for &(c, p) in &layout.periods {
            let cell = row.get(c).map_or("", |x| x.trim());
            if cell.is_empty() {
                continue;
            }
            let head = header.and_then(|h| h.get(c)).map_or(String::new(), Clone::clone);
            let column = format!("{} {}", column_name(c), head);
            match parse_decimal(cell, &column) {
                Ok(d) => out.push(FigureCell {
                    series: series.id.clone(),
                    period: plan.period_id(p).to_owned(),
                    value: d.normalize().to_string(),
                }),
                Err(e) => errors.push(RowError { line: r + 1, column, code: e.code(), reason: e.to_string() }),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Rows { rows: errors });
    }
    Ok(out)
}

/// A sheet as CSV text for the project or monthly import (the same mapping step and bad-row reporting).
pub fn sheet_csv(sheet: &Sheet) -> String {
    csv_text(&sheet.rows)
}

/// The plan a workbook exported by plancalc holds, with the figures and projects as its sheets now have them (a
/// colleague may have changed them): a plan document. `Ok(None)` for a workbook plancalc did not write.
pub fn plan_document(book: &mut Workbook, progress: &mut dyn FnMut(usize, usize)) -> Result<Option<serde_json::Value>> {
    let Some(index) = book.sheet_index(PLAN_SHEET) else { return Ok(None) };
    let hidden = book.sheet(index, &mut |_, _| {})?;
    let piece = |key: &str| hidden.rows.iter().find(|r| r.first().is_some_and(|c| c == key));
    let Some(plan_row) = piece("plan") else { return Ok(None) };
    let text: String = plan_row.iter().skip(1).map(String::as_str).collect();
    let plan = Plan::from_json(&text).map_err(|e| e.at("workbook.plancalc"))?;
    let mut session = Session::new(plan);
    // The figures, from the Figures sheet in whichever language it was written.
    let figures_sheet =
        ["zh-CN", "zh-TW", "en"].iter().find_map(|l| book.sheet_index(&say_in(l, "xlsx.sheet.figures", &[])));
    if let Some(i) = figures_sheet {
        let sheet = book.sheet(i, &mut |_, _| {})?;
        let cells = figures(session.plan(), &sheet)?;
        session.enter_figures(&cells)?;
    }
    let projects_sheet =
        ["zh-CN", "zh-TW", "en"].iter().find_map(|l| book.sheet_index(&say_in(l, "xlsx.sheet.projects", &[])));
    if let Some(i) = projects_sheet {
        let sheet = book.sheet(i, progress)?;
        let roles = piece("project_roles")
            .map(|r| r.iter().skip(1).cloned().collect::<Vec<_>>())
            .unwrap_or_else(|| project_roles(session.plan()));
        let periods = crate::document::csv::period_names(session.plan());
        let list = crate::document::csv::read_text(
            &sheet_csv(&sheet),
            periods,
            Some(roles),
            Some(crate::document::csv::Unit::Yi),
        )?;
        session.replace_projects(list)?;
    }
    Ok(Some(session.to_document()))
}
