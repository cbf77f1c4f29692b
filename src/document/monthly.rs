//! Monthly actuals from CSV (月度调度 figures as planning offices keep them in spreadsheets), in either layout:
//! - long: one row per unit and month — a unit column, a month column and an amount column;
//! - wide: one row per unit — a unit column, then one column per month (1—2月, 1—3月 … or 2023-03, 3月).
//!
//! Units are the plan's series, by id or by label (Chinese or English); months are the plan's month periods of the
//! year. Amounts as typed, in 亿元 or 万元 (converted exactly). Every bad row is reported with its line, column and
//! reason; nothing is read unless every row is good.

use rust_decimal::Decimal;

use super::csv::{amount, fields, records, sniff, Unit};
use crate::error::{Error, Result, RowError};
use crate::model::plan::{PeriodKind, Plan};

/// One figure read: series, month period and amount in the series' unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigure {
    pub series: String,
    pub period: String,
    pub value: Decimal,
}

/// The month a header or cell names: "1—3月", "1-3月", "3月", "2023-03", "2023年1—3月" (January alone is never
/// published: "1月" and "1—1月" are months too, read as written).
fn month_named(text: &str) -> Option<u32> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.replace(['–', '－', '~', '～', '至'], "—").replace('-', "—");
    if let Some((y, m)) = t.split_once('—').filter(|(y, m)| y.len() == 4 && m.chars().all(|c| c.is_ascii_digit())) {
        let _ = y.parse::<u16>().ok()?;
        return m.parse().ok().filter(|m| (1..=12).contains(m));
    }
    let t = t.split_once('年').map_or(t.as_str(), |(_, rest)| rest).to_owned();
    let body = t.strip_suffix('月')?;
    let last = body.rsplit('—').next()?;
    last.parse().ok().filter(|m| (1..=12).contains(m))
}

/// Reads monthly actuals for `year` (a year period's id) from CSV `text`.
pub fn read_monthly_csv(plan: &Plan, text: &str, year: &str, unit: Unit) -> Result<Vec<MonthFigure>> {
    let text = text.trim_start_matches('\u{feff}');
    let month_period = |m: u32| {
        let id = format!("{year}-{m:02}");
        plan.periods.iter().find(|p| p.kind == PeriodKind::Month && p.id == id).map(|p| p.id.clone())
    };
    let series_named = |cell: &str| {
        let cell = cell.trim();
        plan.series
            .iter()
            .find(|s| {
                s.id == cell || s.label.zh_cn == cell || s.label.en == cell || s.label.zh_tw.as_deref() == Some(cell)
            })
            .map(|s| s.id.clone())
    };
    let (recs, _) = records(text, true);
    let mut lines = recs.iter().scan(1usize, |line, r| {
        let at = *line;
        *line += r.lines;
        Some((at, r.text))
    });
    let Some((_, header)) = lines.next() else { return Err(Error::Empty { path: "csv".into() }) };
    let delimiter = sniff(header);
    let header = fields(header, delimiter);
    let month_columns: Vec<(usize, u32)> =
        header.iter().enumerate().filter_map(|(i, h)| month_named(h).map(|m| (i, m))).collect();
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut report = |line: usize, column: &str, code: &'static str, reason: String| {
        bad.push(RowError { line, column: column.to_owned(), code, reason });
    };
    if month_columns.len() >= 2 {
        // Wide: the unit in the first column that is not a month, a month per column.
        let unit_col = (0..header.len()).find(|i| !month_columns.iter().any(|(c, _)| c == i)).unwrap_or(0);
        for (line, record) in lines {
            let cells = fields(record, delimiter);
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let name = cells.get(unit_col).map_or("", |c| c.trim());
            let Some(series) = series_named(name) else {
                report(
                    line,
                    header.get(unit_col).map_or("", String::as_str),
                    "csv.unknown_unit",
                    format!("\"{name}\" is no series of the plan"),
                );
                continue;
            };
            for &(col, m) in &month_columns {
                let head = header.get(col).map_or("", String::as_str);
                let cell = cells.get(col).map_or("", |c| c.trim());
                if cell.is_empty() {
                    continue;
                }
                let Some(period) = month_period(m) else {
                    report(line, head, "csv.unknown_month", format!("the plan has no month period {year}-{m:02}"));
                    continue;
                };
                match amount(cell, unit, head) {
                    Ok(value) => out.push(MonthFigure { series: series.clone(), period, value }),
                    Err(e) => report(line, head, e.code(), e.to_string()),
                }
            }
        }
    } else {
        // Long: the columns by what their header says, else by position (unit, month, amount).
        let find = |words: &[&str], fallback: usize| {
            header.iter().position(|h| words.iter().any(|w| h.contains(w))).unwrap_or(fallback)
        };
        let unit_col = find(&["单位", "县", "区", "项目", "unit", "series", "名称"], 0);
        let month_col = find(&["月份", "月", "month", "期间", "period"], 1);
        let value_col = find(&["完成", "投资", "金额", "amount", "value", "亿元", "万元"], 2);
        for (line, record) in lines {
            let cells = fields(record, delimiter);
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let get = |i: usize| cells.get(i).map_or("", |c| c.trim());
            let head = |i: usize| header.get(i).map_or("", String::as_str);
            let Some(series) = series_named(get(unit_col)) else {
                report(
                    line,
                    head(unit_col),
                    "csv.unknown_unit",
                    format!("\"{}\" is no series of the plan", get(unit_col)),
                );
                continue;
            };
            let Some(m) = month_named(get(month_col)) else {
                report(line, head(month_col), "csv.unknown_month", format!("\"{}\" names no month", get(month_col)));
                continue;
            };
            let Some(period) = month_period(m) else {
                report(
                    line,
                    head(month_col),
                    "csv.unknown_month",
                    format!("the plan has no month period {year}-{m:02}"),
                );
                continue;
            };
            match amount(get(value_col), unit, head(value_col)) {
                Ok(value) => out.push(MonthFigure { series, period, value }),
                Err(e) => report(line, head(value_col), e.code(), e.to_string()),
            }
        }
    }
    if !bad.is_empty() {
        return Err(Error::Rows { rows: bad });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // tests, not library code
    use super::*;

    fn plan() -> Plan {
        Plan::from_json(&std::fs::read_to_string("www/presets/monthly-demo.json").unwrap()).unwrap()
    }

    #[test]
    fn months_as_headers_and_cells_write_them() {
        for (text, m) in [("1—3月", 3), ("1-10月", 10), ("3月", 3), ("2023-03", 3), ("2023年1—9月", 9), ("1–2月", 2)]
        {
            assert_eq!(month_named(text), Some(m), "{text}");
        }
        assert_eq!(month_named("合计"), None);
    }

    #[test]
    fn both_layouts_read_the_same_figures() {
        let wide = "单位,1—2月,1—3月\n甲县,41,71.5\nCounty B,3100,\n";
        let long = "单位,月份,完成投资(万元)\n甲县,1—2月,410000\n甲县,1—3月,715000\nb,2月,31000000\n";
        let w = read_monthly_csv(&plan(), wide, "2023", Unit::Yi).unwrap();
        let l = read_monthly_csv(&plan(), long, "2023", Unit::Wan).unwrap();
        let show = |v: &[MonthFigure]| {
            v.iter().map(|f| format!("{} {} {}", f.series, f.period, f.value.normalize())).collect::<Vec<_>>()
        };
        assert_eq!(show(&w), ["a 2023-02 41", "a 2023-03 71.5", "b 2023-02 3100"]);
        assert_eq!(show(&l), show(&w));
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_is_read() {
        let text = "单位,月份,金额\n丙县,1—2月,10\n甲县,13月,10\n甲县,1—3月,abc\n甲县,1—4月,20\n";
        let Err(Error::Rows { rows }) = read_monthly_csv(&plan(), text, "2023", Unit::Yi) else { panic!("rows") };
        let got: Vec<(usize, &str)> = rows.iter().map(|r| (r.line, r.code)).collect();
        assert_eq!(got, [(2, "csv.unknown_unit"), (3, "csv.unknown_month"), (4, "number.invalid")]);
    }
}
