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
use crate::model::plan::{Labels, Plan, SeriesKind};
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
    /// A table of targets: a header naming at least the indicator's kind and the target value.
    Targets,
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
    named(cell, plan.periods.iter().map(|p| (p.id.as_str(), &p.label)))
}

/// The series a cell names: its id or a label in any language.
fn series_of(plan: &Plan, cell: &str) -> Option<usize> {
    named(cell, plan.series.iter().map(|s| (s.id.as_str(), &s.label)))
}

/// Which of `items` (id, labels) `cell` names, spaces and case aside.
fn named<'a>(cell: &str, mut items: impl Iterator<Item = (&'a str, &'a Labels)>) -> Option<usize> {
    let c = norm(cell);
    if c.is_empty() {
        return None;
    }
    items.position(|(id, label)| {
        [Some(id), Some(label.zh_cn.as_str()), Some(label.en.as_str()), label.zh_tw.as_deref()]
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
    let roles: Vec<Option<&str>> = rows.first().map(|h| h.iter().map(|c| target_role(c)).collect()).unwrap_or_default();
    if roles.contains(&Some("kind")) && roles.contains(&Some("value")) {
        return SheetKind::Targets;
    }
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

/// Header words for each column of a targets table (compared lower case, without spaces), by the plan format's
/// field names: `kind`, the kind's inputs (`KIND_FIELDS`), `period`, `cmp`, `value`, `tolerance`, `id`, `label`.
const TARGET_HEADERS: &[(&str, &[&str])] = &[
    ("id", &["id", "编号", "編號", "目标编号", "目標編號"]),
    (
        "label",
        &["label", "name", "target", "名称", "名稱", "目标", "目標", "目标名称", "目標名稱", "指标名称", "指標名稱"],
    ),
    ("kind", &["kind", "type", "indicator", "类型", "類型", "指标类型", "指標類型"]),
    ("series", &["series", "figure", "指标", "指標", "数字", "數字"]),
    ("part", &["part", "部分"]),
    ("whole", &["whole", "总体", "總體", "总数", "總數"]),
    ("done", &["done", "completed", "已完成", "完成数"]),
    ("plan", &["plan", "annualplan", "计划", "計劃", "年度计划", "年度計劃"]),
    ("numerator", &["numerator", "分子"]),
    ("numerator_period", &["numerator_period", "numeratorperiod", "分子期间", "分子期間"]),
    ("denominator", &["denominator", "分母"]),
    ("denominator_period", &["denominator_period", "denominatorperiod", "分母期间", "分母期間"]),
    ("units", &["units", "各单位", "各單位"]),
    ("periods", &["periods", "各期间", "各期間"]),
    ("breakdown", &["breakdown", "分解"]),
    ("period", &["period", "year", "时期", "時期", "期间", "期間", "年份"]),
    ("cmp", &["cmp", "comparison", "比较", "比較"]),
    ("value", &["value", "targetvalue", "目标值", "目標值"]),
    ("tolerance", &["tolerance", "允许偏差", "允許偏差"]),
];

fn target_role(header: &str) -> Option<&'static str> {
    let h = norm(header);
    TARGET_HEADERS.iter().find(|(_, words)| words.iter().any(|w| norm(w) == h)).map(|(role, _)| *role)
}

/// An indicator kind as a table writes it: the plan format's name, or the Chinese word.
fn kind_name(cell: &str) -> Option<&'static str> {
    let c = norm(cell);
    let words: &[(&str, &[&str])] = &[
        ("amount", &["amount", "金额", "金額", "总量", "總量", "投资额", "投資額"]),
        ("cumulative", &["cumulative", "累计", "累計"]),
        ("share", &["share", "占比", "佔比", "比重"]),
        ("growth", &["growth", "增长", "增長", "增速", "同比增长", "同比增長"]),
        ("completion", &["completion", "完成率"]),
        ("contribution", &["contribution", "拉动", "拉動"]),
        ("contribution_share", &["contribution_share", "贡献率", "貢獻率"]),
        ("ratio", &["ratio", "multiple", "倍数", "倍數"]),
        ("aggregate_growth", &["aggregate_growth", "合计增长", "合計增長"]),
        ("remainder", &["remainder", "未分配", "剩余", "剩餘"]),
    ];
    words.iter().find(|(_, w)| w.iter().any(|x| norm(x) == c)).map(|(k, _)| *k)
}

/// A comparator as a table writes it.
fn cmp_name(cell: &str) -> Option<&'static str> {
    match norm(cell).as_str() {
        "" | "≥" | ">=" | "以上" | "不低于" | "不低於" | "至少" | "atleast" => Some(">="),
        "≤" | "<=" | "以内" | "以內" | "不超过" | "不超過" | "atmost" => Some("<="),
        "≈" | "~" | "左右" | "约" | "約" | "about" => Some("~"),
        "=" | "达到" | "達到" | "reach" => Some("="),
        _ => None,
    }
}

/// The targets a sheet lists, a row per target, as plan-format target documents (for the plan editor's
/// `replacePlan`, which checks them). Series, periods and breakdowns are named by id or label in any language; a
/// row with an unknown kind, series, period, comparator or a value that is not a number is a bad row, and nothing
/// is returned unless every row is good.
pub fn targets(plan: &Plan, sheet: &Sheet) -> Result<Vec<serde_json::Value>> {
    use serde_json::{json, Map, Value};
    let header: Vec<String> = sheet.rows.first().cloned().unwrap_or_default();
    let roles: Vec<Option<&str>> = header.iter().map(|h| target_role(h)).collect();
    if !roles.contains(&Some("kind")) || !roles.contains(&Some("value")) {
        return Err(Error::rule(
            "xlsx.no_targets",
            format!("sheet \"{}\"", sheet.name),
            "the first row names no column of indicator kinds (类型 / kind) and target values (目标值 / value)",
        ));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for (r, row) in sheet.rows.iter().enumerate().skip(1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |role: &str| -> (String, &str) {
            let c = roles.iter().position(|x| *x == Some(role));
            let head = c
                .and_then(|c| header.get(c))
                .map_or(role.to_owned(), |h| format!("{} {h}", column_name(c.unwrap_or(0))));
            (head, c.and_then(|c| row.get(c)).map_or("", |x| x.trim()))
        };
        let mut bad = |column: String, code: &'static str, reason: String| {
            errors.push(RowError { line: r + 1, column, code, reason });
        };
        let (kcol, ktext) = cell("kind");
        let Some(kind) = kind_name(ktext) else {
            bad(
                kcol,
                "targets.unknown_kind",
                format!("\"{ktext}\" is not an indicator kind (占比, 增长, 金额, 完成率 …)"),
            );
            continue;
        };
        let mut indicator = Map::new();
        indicator.insert("kind".into(), json!(kind));
        let fields = crate::model::indicator::KIND_FIELDS.iter().find(|(k, _)| *k == kind).map_or(&[][..], |(_, f)| f);
        let mut ok = true;
        for (name, names) in fields {
            let (col, text) = cell(name);
            let optional = names.ends_with('?');
            if text.is_empty() {
                if !optional {
                    bad(col, "targets.missing", format!("a {kind} target needs its {name}"));
                    ok = false;
                }
                continue;
            }
            let value = match names.trim_end_matches('?') {
                "series" => series_of(plan, text).map(|s| json!(plan.series_id(s))),
                "period" => period_of(plan, text).map(|p| json!(plan.period_id(p))),
                "breakdown" => plan
                    .breakdowns
                    .iter()
                    .find(|b| {
                        norm(&b.id) == norm(text)
                            || norm(&b.label.zh_cn) == norm(text)
                            || norm(&b.label.en) == norm(text)
                    })
                    .map(|b| json!(b.id)),
                list => {
                    let items: Vec<&str> =
                        text.split([',', '，', '、', ';', '；']).map(str::trim).filter(|x| !x.is_empty()).collect();
                    let ids: Option<Vec<Value>> = items
                        .iter()
                        .map(|x| {
                            if list == "periods" {
                                period_of(plan, x).map(|p| json!(plan.period_id(p)))
                            } else {
                                series_of(plan, x).map(|s| json!(plan.series_id(s)))
                            }
                        })
                        .collect();
                    ids.map(Value::Array)
                }
            };
            match value {
                Some(v) => {
                    indicator.insert((*name).into(), v);
                }
                None => {
                    bad(
                        col,
                        "targets.unknown_name",
                        format!("\"{text}\" names no {} of the plan", names.trim_end_matches('?')),
                    );
                    ok = false;
                }
            }
        }
        let (pcol, ptext) = cell("period");
        let period = if ptext.is_empty() && plan.periods.len() == 1 { Some(0) } else { period_of(plan, ptext) };
        let Some(period) = period else {
            bad(pcol, "targets.unknown_name", format!("\"{ptext}\" names no period of the plan"));
            continue;
        };
        let (ccol, ctext) = cell("cmp");
        let Some(cmp) = cmp_name(ctext) else {
            bad(
                ccol,
                "targets.unknown_cmp",
                format!("\"{ctext}\" is not a comparison (≥ 以上, ≤ 以内, ≈ 左右, = 达到)"),
            );
            continue;
        };
        let (vcol, vtext) = cell("value");
        let value = match parse_decimal(vtext.trim_end_matches(['%', '％']), &vcol) {
            Ok(v) => v.normalize().to_string(),
            Err(e) => {
                bad(vcol, e.code(), e.to_string());
                continue;
            }
        };
        if !ok {
            continue;
        }
        let (_, label) = cell("label");
        let (_, id) = cell("id");
        let main = indicator.get("series").or_else(|| indicator.get("part")).or_else(|| indicator.get("done"));
        let base = if id.is_empty() {
            format!("{}-{kind}", main.and_then(Value::as_str).unwrap_or("target"))
        } else {
            id.to_owned()
        };
        let mut id = base.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let label = if label.is_empty() { id.clone() } else { label.to_owned() };
        let mut target = json!({
            "id": id, "label": {"zh-CN": label, "en": label}, "indicator": Value::Object(indicator),
            "period": plan.period_id(period), "cmp": cmp, "value": value,
        });
        let (tcol, ttext) = cell("tolerance");
        if !ttext.is_empty() {
            match parse_decimal(ttext.trim_end_matches(['%', '％']), &tcol) {
                Ok(t) => {
                    if let Some(o) = target.as_object_mut() {
                        o.insert("tolerance".into(), json!(t.normalize().to_string()));
                    }
                }
                Err(e) => bad(tcol, e.code(), e.to_string()),
            }
        }
        out.push(target);
    }
    if !errors.is_empty() {
        return Err(Error::Rows { rows: errors });
    }
    Ok(out)
}
