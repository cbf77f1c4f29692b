//! Project lists from CSV, as planners keep them in spreadsheets.
//!
//! A CSV file is read in pieces ([`CsvReader::feed`]) so that a worker can report progress; the header row is
//! matched to columns in Chinese or English ([`guess_columns`]), the planner confirms or changes the mapping, and
//! every bad row is reported with its line number and reason. Nothing is returned unless every row is good.

use crate::error::{Error, Result, RowError};
use crate::model::plan::Plan;
use crate::model::projects::{offset, Field, ProjectInfo, Projects, OWNERSHIPS, STAGES};
use crate::number::parse_decimal;
use rust_decimal::Decimal;
use serde::Serialize;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Ignore,
    Id,
    Name,
    Sector,
    County,
    Ownership,
    Stage,
    Flags,
    Total,
    /// The annual plan for period `p`.
    Annual(usize),
    /// The amount completed in period `p`.
    Completed(usize),
}

/// A period as the import sees it: its id and the labels a header may use for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodName {
    pub id: String,
    pub labels: Vec<String>,
}

impl Role {
    /// The role's name in a mapping: `"id"`, `"annual:2023"`, `""` for a column left out.
    pub fn name(self, periods: &[PeriodName]) -> String {
        let pid = |p: usize| periods.get(p).map_or("?", |x| x.id.as_str());
        match self {
            Role::Ignore => String::new(),
            Role::Id => "id".into(),
            Role::Name => "name".into(),
            Role::Sector => "sector".into(),
            Role::County => "county".into(),
            Role::Ownership => "ownership".into(),
            Role::Stage => "stage".into(),
            Role::Flags => "flags".into(),
            Role::Total => "total".into(),
            Role::Annual(p) => format!("annual:{}", pid(p)),
            Role::Completed(p) => format!("completed:{}", pid(p)),
        }
    }

    /// Reads a role name written by [`Role::name`].
    pub fn read(text: &str, periods: &[PeriodName], path: &str) -> Result<Role> {
        let period = |id: &str| periods.iter().position(|p| p.id == id);
        let role = match text {
            "" | "ignore" => Some(Role::Ignore),
            "id" => Some(Role::Id),
            "name" => Some(Role::Name),
            "sector" => Some(Role::Sector),
            "county" => Some(Role::County),
            "ownership" => Some(Role::Ownership),
            "stage" => Some(Role::Stage),
            "flags" => Some(Role::Flags),
            "total" => Some(Role::Total),
            _ => match text.split_once(':') {
                Some(("annual", p)) => period(p).map(Role::Annual),
                Some(("completed", p)) => period(p).map(Role::Completed),
                _ => None,
            },
        };
        role.ok_or_else(|| Error::Invalid {
            path: path.to_owned(),
            reason: format!(
                "\"{text}\" is not a column role (id, name, sector, county, ownership, stage, flags, total, \
                 annual:<period>, completed:<period>, or empty to leave the column out)"
            ),
        })
    }
}

/// The money unit of the amounts in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unit {
    /// 亿元, the plans' unit.
    #[serde(rename = "亿元")]
    Yi,
    /// 万元: divided by 10,000 exactly (the decimal point moves four places).
    #[serde(rename = "万元")]
    Wan,
}

impl Unit {
    pub fn read(text: &str, path: &str) -> Result<Unit> {
        match text {
            "亿元" | "yi" | "" => Ok(Unit::Yi),
            "万元" | "wan" => Ok(Unit::Wan),
            other => Err(Error::Invalid {
                path: path.to_owned(),
                reason: format!("\"{other}\" is not a unit of a project list (亿元, 万元)"),
            }),
        }
    }
}

/// A header row read and each column's likely role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnGuess {
    pub headers: Vec<String>,
    /// One role name per column (see [`Role::name`]); empty where no role was recognised.
    pub roles: Vec<String>,
    /// The unit a header names ("投资额（万元）"), 亿元 otherwise.
    pub unit: Unit,
    /// The field separator found: `,`, a tab or `;`.
    pub delimiter: String,
    /// Every role a column can take for this plan's periods, for the planner to choose from.
    pub choices: Vec<String>,
}

/// Header words for each role, compared after [`normal`] (lower case, no spaces, no unit in brackets).
const HEADERS: [(Role, &[&str]); 8] = [
    (
        Role::Id,
        &[
            "id",
            "projectid",
            "project_id",
            "code",
            "projectcode",
            "编号",
            "项目编号",
            "项目代码",
            "代码",
            "项目id",
            "編號",
            "項目編號",
            "項目代碼",
        ],
    ),
    (Role::Name, &["name", "projectname", "project", "项目名称", "名称", "项目", "項目名稱", "名稱"]),
    (
        Role::Sector,
        &[
            "sector",
            "industry",
            "行业",
            "领域",
            "所属行业",
            "行业类别",
            "行业分类",
            "产业",
            "类别",
            "行業",
            "領域",
            "產業",
        ],
    ),
    (
        Role::County,
        &[
            "county",
            "district",
            "area",
            "县区",
            "区县",
            "县(市、区)",
            "县(市区)",
            "所在县区",
            "所在地",
            "地区",
            "属地",
            "縣區",
            "區縣",
        ],
    ),
    (
        Role::Ownership,
        &["ownership", "owner", "投资主体", "所有制", "主体性质", "投资主体性质", "性质", "经济类型", "投資主體"],
    ),
    (Role::Stage, &["stage", "status", "阶段", "建设阶段", "项目阶段", "建设性质", "项目状态", "建設階段"]),
    (Role::Flags, &["flags", "tags", "标记", "标签", "项目标记", "类型标记", "標記"]),
    (Role::Total, &["total", "totalinvestment", "总投资", "计划总投资", "项目总投资", "總投資"]),
];

/// Lower case, full-width brackets and letters folded, white space and a bracketed unit removed.
fn normal(header: &str) -> (String, Option<Unit>) {
    let mut s: String = header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !(c.is_ascii_whitespace() || matches!(c, '\u{3000}' | '\u{a0}')))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect::<String>()
        .to_ascii_lowercase();
    let unit = if s.contains("万元") || s.contains("萬元") {
        Some(Unit::Wan)
    } else if s.contains("亿元") || s.contains("億元") {
        Some(Unit::Yi)
    } else {
        None
    };
    for u in ["(万元)", "(亿元)", "(萬元)", "(億元)", "万元", "亿元", "萬元", "億元", "(yuan)"] {
        s = s.replace(u, "");
    }
    (s, unit)
}

/// The role a header most likely names.
fn guess(header: &str, periods: &[PeriodName]) -> (Role, Option<Unit>) {
    let (h, unit) = normal(header);
    if let Some((role, _)) = HEADERS.iter().find(|(_, words)| words.contains(&h.as_str())) {
        return (*role, unit);
    }
    if h.contains("总投资") || h.contains("總投資") || h.starts_with("total") {
        return (Role::Total, unit);
    }
    let completed = ["完成", "completed", "done", "actual", "实际"].iter().any(|w| h.contains(w));
    let annual = ["计划", "計劃", "年度", "annual", "plan"].iter().any(|w| h.contains(w));
    if !completed && !annual {
        return (Role::Ignore, unit);
    }
    // The period named in the header: the longest id or label it contains ("2023-01" before "2023").
    let mut best: Option<(usize, usize)> = None;
    for (p, period) in periods.iter().enumerate() {
        for name in std::iter::once(&period.id).chain(&period.labels) {
            let n = normal(name).0;
            if !n.is_empty() && h.contains(&n) && best.is_none_or(|(_, len)| n.len() > len) {
                best = Some((p, n.len()));
            }
        }
    }
    let p = match (best, periods.len()) {
        (Some((p, _)), _) => p,
        (None, 1) => 0,
        _ => return (Role::Ignore, unit),
    };
    (if completed { Role::Completed(p) } else { Role::Annual(p) }, unit)
}

/// Reads the header row of a CSV text and guesses each column's role.
pub fn guess_columns(text: &str, periods: &[PeriodName]) -> Result<ColumnGuess> {
    let text = text.trim_start_matches('\u{feff}');
    let first = records(text, true).0.into_iter().find(|r| !r.text.trim().is_empty());
    let Some(first) = first else { return Err(Error::Empty { path: "csv".into() }) };
    let delimiter = sniff(first.text);
    let headers: Vec<String> = fields(first.text, delimiter).into_iter().map(|f| f.trim().to_owned()).collect();
    let mut unit = Unit::Yi;
    let mut seen = Vec::new();
    let roles = headers
        .iter()
        .map(|h| {
            let (role, u) = guess(h, periods);
            if u == Some(Unit::Wan) {
                unit = Unit::Wan;
            }
            // A role already taken by an earlier column is left for the planner to choose.
            if role == Role::Ignore || seen.contains(&role) {
                return String::new();
            }
            seen.push(role);
            role.name(periods)
        })
        .collect();
    let fixed = [
        Role::Ignore,
        Role::Id,
        Role::Name,
        Role::Sector,
        Role::County,
        Role::Ownership,
        Role::Stage,
        Role::Flags,
        Role::Total,
    ];
    let per_period = (0..periods.len()).flat_map(|p| [Role::Annual(p), Role::Completed(p)]);
    Ok(ColumnGuess {
        headers,
        roles,
        unit,
        delimiter: char::from(delimiter).to_string(),
        choices: fixed.into_iter().chain(per_period).map(|r| r.name(periods)).collect(),
    })
}

/// The separator a header row uses: the most frequent of comma, tab and semicolon outside quotes.
pub(crate) fn sniff(line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [c, t, s] = counts;
    if t > c && t >= s {
        b'\t'
    } else if s > c && s > t {
        b';'
    } else {
        b','
    }
}

/// One record of the text and the number of lines it spans (a quoted field may hold line breaks).
pub(crate) struct Record<'a> {
    pub text: &'a str,
    pub lines: usize,
}

/// Splits complete records off the front of `text`. With `last`, the rest is a record too; without, an unfinished
/// record stays, and the second value says how many bytes were consumed.
pub(crate) fn records(text: &str, last: bool) -> (Vec<Record<'_>>, usize) {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut quoted = false;
    let mut lines = 1;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if quoted => lines += 1,
            b'\n' => {
                let end = if i > start && bytes.get(i - 1) == Some(&b'\r') { i - 1 } else { i };
                out.push(Record { text: text.get(start..end).unwrap_or(""), lines });
                start = i + 1;
                lines = 1;
            }
            _ => {}
        }
    }
    if last && start < text.len() {
        out.push(Record { text: text.get(start..).unwrap_or(""), lines });
        start = text.len();
    }
    (out, start)
}

/// The fields of one record: separated by `delimiter` outside quotes; `""` inside quotes is one quote.
pub(crate) fn fields(record: &str, delimiter: u8) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = record.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if !quoted && u32::from(c) == u32::from(delimiter) => out.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    out.push(field);
    out
}

/// Reads a CSV project list piece by piece.
#[derive(Debug)]
pub struct CsvReader {
    periods: Vec<PeriodName>,
    roles: Vec<Role>,
    headers: Vec<String>,
    unit: Unit,
    delimiter: u8,
    header_read: bool,
    /// The unfinished record at the end of the text fed so far.
    carry: String,
    /// The line the next record starts on (1-based).
    line: usize,
    projects: Projects,
    /// The line each project was read from, for duplicate ids.
    lines: Vec<usize>,
    errors: Vec<RowError>,
}

impl CsvReader {
    /// A reader for `periods`, with one role per column (by name, see [`Role::name`]) and the unit of the amounts.
    pub fn new(periods: Vec<PeriodName>, roles: &[String], unit: Unit) -> Result<CsvReader> {
        let roles = roles
            .iter()
            .enumerate()
            .map(|(i, r)| Role::read(r, &periods, &crate::error::index("mapping", i)))
            .collect::<Result<Vec<_>>>()?;
        for (i, r) in roles.iter().enumerate() {
            if *r != Role::Ignore && roles.iter().take(i).any(|x| x == r) {
                return Err(Error::rule(
                    "import.mapping",
                    crate::error::index("mapping", i),
                    format!("two columns are both mapped to {}", r.name(&periods)),
                ));
            }
        }
        for (needed, word) in [(Role::Id, "id"), (Role::Ownership, "ownership"), (Role::Stage, "stage")] {
            if !roles.contains(&needed) {
                return Err(Error::Missing { path: format!("mapping.{word}") });
            }
        }
        let n = periods.len();
        // A project without a sector or county (no such column) is in the unnamed one, as in a plan file.
        let mut projects = Projects::with_capacity(0, n);
        projects.sectors.intern("");
        projects.counties.intern("");
        Ok(CsvReader {
            periods,
            roles,
            headers: Vec::new(),
            unit,
            delimiter: b',',
            header_read: false,
            carry: String::new(),
            line: 1,
            projects,
            lines: Vec::new(),
            errors: Vec::new(),
        })
    }

    /// Reads the next piece of the text; records cut at the end wait for the next piece. Returns the projects read
    /// so far.
    pub fn feed(&mut self, piece: &str) -> usize {
        let mut text = std::mem::take(&mut self.carry);
        text.push_str(piece);
        let (recs, used) = records(&text, false);
        for r in recs {
            self.record(r.text, r.lines);
        }
        self.carry = text.get(used..).unwrap_or("").to_owned();
        self.projects.len()
    }

    /// Reads what is left and returns the project list, or every bad row.
    pub fn finish(mut self) -> Result<Projects> {
        let rest = std::mem::take(&mut self.carry);
        for r in records(&rest, true).0 {
            self.record(r.text, r.lines);
        }
        if !self.header_read {
            self.errors.push(RowError {
                line: 1,
                column: String::new(),
                code: "plan.empty",
                reason: "the file has no header row and no projects".into(),
            });
        }
        if self.errors.is_empty() {
            Ok(self.projects)
        } else {
            Err(Error::Rows { rows: self.errors })
        }
    }

    /// How many bad rows have been found so far.
    pub fn errors(&self) -> usize {
        self.errors.len()
    }

    fn record(&mut self, text: &str, lines: usize) {
        let line = self.line;
        self.line += lines;
        let blank = text.bytes().all(|b| b.is_ascii_whitespace() || b == self.delimiter || b == b'"');
        if !self.header_read {
            let text = text.trim_start_matches('\u{feff}');
            if text.trim().is_empty() {
                return;
            }
            self.delimiter = sniff(text);
            self.headers = fields(text, self.delimiter).into_iter().map(|f| f.trim().to_owned()).collect();
            self.header_read = true;
            if self.headers.len() != self.roles.len() {
                self.errors.push(RowError {
                    line,
                    column: String::new(),
                    code: "field.invalid",
                    reason: format!(
                        "the header has {} columns but the mapping names {}",
                        self.headers.len(),
                        self.roles.len()
                    ),
                });
            }
            return;
        }
        if blank {
            return;
        }
        let cells = fields(text, self.delimiter);
        if cells.len() != self.headers.len() {
            self.errors.push(RowError {
                line,
                column: String::new(),
                code: "csv.columns",
                reason: format!("{} fields where the header has {}", cells.len(), self.headers.len()),
            });
            return;
        }
        if let Err(e) = self.row(&cells, line) {
            self.errors.push(e);
        }
    }

    fn row(&mut self, cells: &[String], line: usize) -> std::result::Result<(), RowError> {
        let headers = &self.headers;
        let bad = |col: usize, code: &'static str, reason: String| RowError {
            line,
            column: headers.get(col).cloned().unwrap_or_default(),
            code,
            reason,
        };
        let periods = self.periods.len();
        let mut id = "";
        let mut name = "";
        let (mut sector, mut county, mut ownership, mut stage, mut flags) = (0, 0, None, None, 0u32);
        let mut total = None;
        let mut amounts = vec![None; periods * 2];
        let pr = &mut self.projects;
        for (col, (cell, role)) in cells.iter().zip(&self.roles).enumerate() {
            let cell = cell.trim();
            match *role {
                Role::Ignore => {}
                Role::Id => id = cell,
                Role::Name => name = cell,
                Role::Sector => sector = pr.sectors.intern(cell),
                Role::County => county = pr.counties.intern(cell),
                Role::Ownership => {
                    ownership = Some(ownership_code(cell).ok_or_else(|| {
                        bad(col, "field.invalid", format!("\"{cell}\" is not an ownership (民间, 国有, 外资, 混合)"))
                    })?);
                }
                Role::Stage => {
                    stage = Some(stage_code(cell).ok_or_else(|| {
                        bad(col, "field.invalid", format!("\"{cell}\" is not a stage (储备, 新开工, 续建, 竣工)"))
                    })?);
                }
                Role::Flags => {
                    for f in cell.split([';', '；', '、', ',', '，', '|', ' ']).map(str::trim).filter(|f| !f.is_empty())
                    {
                        let code = pr.flags.intern(flag_name(f));
                        if code >= 32 {
                            return Err(bad(col, "field.invalid", "a plan can use at most 32 different flags".into()));
                        }
                        flags |= 1 << code;
                    }
                }
                Role::Total | Role::Annual(_) | Role::Completed(_) => {
                    if cell.is_empty() {
                        continue;
                    }
                    let header = headers.get(col).map_or("", String::as_str);
                    let d = amount(cell, self.unit, header).map_err(|e| bad(col, e.code(), e.to_string()))?;
                    match *role {
                        Role::Annual(p) => set(&mut amounts, offset(p, Field::Annual), d),
                        Role::Completed(p) => set(&mut amounts, offset(p, Field::Completed), d),
                        _ => total = Some(d),
                    }
                }
            }
        }
        let id_col = self.roles.iter().position(|r| *r == Role::Id).unwrap_or(0);
        if id.is_empty() {
            return Err(bad(id_col, "field.missing", "the project has no id".into()));
        }
        if let Some(&first) = pr.index.get(id) {
            let first_line = self.lines.get(first).copied().unwrap_or(0);
            return Err(bad(id_col, "id.duplicate", format!("the id \"{id}\" is already used on line {first_line}")));
        }
        let (Some(ownership), Some(stage)) = (ownership, stage) else {
            // Both columns are mapped (checked in `new`), so each row has a cell for them.
            return Err(bad(0, "field.missing", "ownership or stage is missing".into()));
        };
        let row = pr.info.len();
        pr.index.insert(id.to_owned(), row);
        pr.info.push(ProjectInfo {
            id: id.to_owned(),
            name: if name.is_empty() { id.to_owned() } else { name.to_owned() },
            sector,
            county,
            ownership,
            flags,
        });
        if let Some(v) = pr.values.as_mut() {
            v.stage.push(stage);
            v.total.push(total);
            v.amounts.extend(amounts);
        }
        self.lines.push(line);
        Ok(())
    }
}

/// Reads a whole CSV text at once: `roles` and `unit` as given, or as guessed from the header. The outer error is a
/// bad mapping; the inner one lists every bad row.
pub fn read_text(
    text: &str,
    periods: Vec<PeriodName>,
    roles: Option<Vec<String>>,
    unit: Option<Unit>,
) -> Result<Projects> {
    let guess = guess_columns(text, &periods)?;
    let mut reader = CsvReader::new(periods, &roles.unwrap_or(guess.roles), unit.unwrap_or(guess.unit))?;
    reader.feed(text);
    reader.finish()
}

fn set(amounts: &mut [Option<Decimal>], at: usize, d: Decimal) {
    if let Some(slot) = amounts.get_mut(at) {
        *slot = Some(d);
    }
}

/// An amount cell in 亿元: as typed ("1,450", "１４５０"), never negative, 万元 divided by 10,000 exactly.
pub(crate) fn amount(cell: &str, unit: Unit, header: &str) -> Result<Decimal> {
    let mut d = parse_decimal(cell, header)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(Error::Negative { path: header.to_owned(), value: d.to_string() });
    }
    if unit == Unit::Wan {
        let scale = d.scale() + 4;
        if scale > 28 {
            return Err(Error::Number {
                path: header.to_owned(),
                text: cell.to_owned(),
                problem: crate::error::NumberProblem::OutOfRange,
            });
        }
        d.set_scale(scale).map_err(|_| Error::Overflow { path: header.to_owned() })?;
    }
    Ok(d)
}

/// The ownership a cell names, in Chinese or English.
fn ownership_code(cell: &str) -> Option<u32> {
    let name = match cell.to_ascii_lowercase().as_str() {
        "private" | "民间" | "民营" | "私营" | "民间投资" | "民营企业" | "民間" | "民營" => "private",
        "state" | "国有" | "国企" | "国有企业" | "政府" | "政府投资" | "國有" | "國企" => "state",
        "foreign" | "外资" | "外商" | "外商投资" | "港澳台" | "外資" => "foreign",
        "mixed" | "混合" | "混合所有制" | "混合所有製" => "mixed",
        _ => return None,
    };
    OWNERSHIPS.iter().position(|o| *o == name).and_then(|i| u32::try_from(i).ok())
}

/// The stage a cell names, in Chinese or English.
fn stage_code(cell: &str) -> Option<u32> {
    let name = match cell.to_ascii_lowercase().as_str() {
        "reserve" | "储备" | "前期" | "谋划" | "儲備" => "reserve",
        "new" | "新开工" | "新建" | "拟开工" | "新開工" => "new",
        "continuing" | "续建" | "在建" | "續建" => "continuing",
        "finishing" | "竣工" | "投产" | "建成" | "完工" | "竣工投產" | "竣工投产" => "finishing",
        _ => return None,
    };
    STAGES.iter().position(|s| *s == name).and_then(|i| u32::try_from(i).ok())
}

/// The plan-file name of a flag written in Chinese (重点 → key); other flags keep their own name.
fn flag_name(f: &str) -> &str {
    match f {
        "重点" | "重点项目" => "key",
        "重大" | "重大项目" => "major",
        "省级" | "省重点" | "省级重点" => "provincial",
        other => other,
    }
}
/// The periods of a plan as the import names them.
pub fn period_names(plan: &Plan) -> Vec<PeriodName> {
    plan.periods
        .iter()
        .map(|p| {
            let mut labels = vec![p.label.zh_cn.clone(), p.label.en.clone()];
            labels.extend(p.label.zh_tw.clone());
            PeriodName { id: p.id.clone(), labels }
        })
        .collect()
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** A CSV header row read: the headers, each column's likely role ("id", "annual:2023", "" for none), the unit. */
export interface ColumnGuess { headers: string[]; roles: string[]; unit: "亿元" | "万元"; delimiter: string; choices: string[]; }
export interface PeriodDocument { id: string; label: Labels; }
"#;
