//! The one error type of plancalc: a stable code, the path of the offending field, a message.

use std::fmt;

/// Why a text is not a number plancalc accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblem {
    /// Not a decimal number at all ("abc", "1,2,3", "1e5").
    Invalid,
    /// "NaN", "Infinity" and the like: not an amount.
    NotFinite,
    /// More digits than a 96-bit decimal holds (about 28 significant digits).
    OutOfRange,
}

/// Everything that can go wrong when reading a plan or applying an edit.
///
/// `code()` is part of the public API: once published a code never changes meaning.
/// `path()` names the offending field, e.g. `series[3].values.2023`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The text is not JSON.
    Json { line: usize, column: usize, message: String },
    /// `schema` is missing, or names a version this build does not read.
    Schema { found: String, expected: u32 },
    /// A required field is absent.
    Missing { path: String },
    /// A field holds the wrong kind of JSON value.
    Type { path: String, expected: &'static str },
    /// A field holds a value outside the allowed set (an unknown comparator, say).
    Invalid { path: String, reason: String },
    /// A text that should be an amount or a rate is not a number plancalc accepts.
    Number { path: String, text: String, problem: NumberProblem },
    /// A negative amount where the plan forbids negatives.
    Negative { path: String, value: String },
    /// Two objects of one kind share an id.
    DuplicateId { path: String, id: String },
    /// A reference to an id that does not exist.
    UnknownId { path: String, id: String },
    /// Series that are defined in terms of each other.
    Cycle { path: String, ids: Vec<String> },
    /// A plan with nothing to compute.
    Empty { path: String },
    /// A sum or product left the range of a decimal.
    Overflow { path: String },
    /// A result that needs more significant digits than a decimal holds: refused rather than rounded.
    Precision { path: String },
    /// A request the plan's rules refuse, each kind with its own stable `code` (see [`RULE_CODES`]).
    Rule { code: &'static str, path: String, reason: String },
    /// A CSV import with bad rows (`csv.rows`): every one of them, with its line, column, code and reason.
    Rows { rows: Vec<RowError> },
}

/// One bad row of an imported file: its line (the header is line 1), the column, a stable code and the reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub line: usize,
    pub column: String,
    pub code: &'static str,
    pub reason: String,
}

/// The codes of [`Error::Rule`], each for one kind of refusal. Published: never reused for another meaning.
pub const RULE_CODES: &[(&str, &str)] = &[
    ("edit.computed", "the figure is computed (a sum, or a sum over projects): edit its parts"),
    ("edit.operation", "an edit needs exactly one of set, add, percent or reach, fitting what it edits"),
    ("edit.target", "an edit names a series, or one project, or a filter of projects: exactly one"),
    ("edit.no_figure", "a figure changed by a percentage has no figure to start from"),
    ("edit.offset_mode", "an offset goes with substitute mode"),
    ("edit.no_projects", "the plan lists no projects"),
    ("stage.unknown", "not one of the project stages"),
    ("lever.computed", "the lever of a goal seek is a sum: choose one of its parts"),
    ("scenario.name", "a scenario needs a name, other than the baseline's"),
    ("scenario.last", "the last scenario cannot be deleted"),
    ("unit.mismatch", "amounts in different units are added or compared"),
    ("series.own_values", "a sum or a series over projects has no values of its own"),
    ("plan.self_reference", "a series in its own breakdown, or a period its own previous one"),
    ("projects.flags", "a plan can use at most 32 different project flags"),
    ("import.not_started", "an import was fed before its column mapping was given"),
    ("import.mapping", "the column mapping names a role twice, or misses a required one"),
    ("xlsx.not_zip", "the file is not an .xlsx workbook (not a zip archive)"),
    ("xlsx.encrypted", "the workbook is password-protected, or an old .xls file"),
    ("xlsx.not_workbook", "the zip archive holds no workbook, or a workbook without worksheets"),
    ("xlsx.bad_xml", "a part of the workbook is not well-formed XML"),
    ("xlsx.too_large", "a part of the workbook holds more data than plancalc reads (512 MB)"),
    ("xlsx.too_many_rows", "a sheet has more rows than plancalc reads (250,000)"),
    ("xlsx.no_sheet", "the workbook has no such sheet"),
    ("xlsx.no_figures", "no header row names the plan's periods with its series below"),
    ("xlsx.no_targets", "the first row names no column of indicator kinds and target values"),
    ("xlsx.write", "the workbook could not be written"),
];

impl Error {
    /// A refusal by rule `code` (one of [`RULE_CODES`]) at `path`.
    pub fn rule(code: &'static str, path: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Rule { code, path: path.into(), reason: reason.into() }
    }
}

impl Error {
    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Json { .. } => "json.syntax",
            Error::Schema { .. } => "plan.schema",
            Error::Missing { .. } => "field.missing",
            Error::Type { .. } => "field.type",
            Error::Invalid { .. } => "field.invalid",
            Error::Number { problem: NumberProblem::Invalid, .. } => "number.invalid",
            Error::Number { problem: NumberProblem::NotFinite, .. } => "number.not_finite",
            Error::Number { problem: NumberProblem::OutOfRange, .. } => "number.out_of_range",
            Error::Negative { .. } => "number.negative",
            Error::DuplicateId { .. } => "id.duplicate",
            Error::UnknownId { .. } => "id.unknown",
            Error::Cycle { .. } => "series.cycle",
            Error::Empty { .. } => "plan.empty",
            Error::Overflow { .. } => "calc.overflow",
            Error::Precision { .. } => "number.precision",
            Error::Rule { code, .. } => code,
            Error::Rows { .. } => "csv.rows",
        }
    }

    /// The path of the offending field; empty for the document as a whole.
    pub fn path(&self) -> &str {
        match self {
            Error::Json { .. } => "",
            Error::Schema { .. } => "schema",
            Error::Missing { path }
            | Error::Type { path, .. }
            | Error::Invalid { path, .. }
            | Error::Number { path, .. }
            | Error::Negative { path, .. }
            | Error::DuplicateId { path, .. }
            | Error::UnknownId { path, .. }
            | Error::Cycle { path, .. }
            | Error::Empty { path }
            | Error::Overflow { path }
            | Error::Precision { path }
            | Error::Rule { path, .. } => path,
            Error::Rows { .. } => "csv",
        }
    }

    /// The same error reported at a different path (a field checked out of context).
    pub fn at(mut self, new_path: &str) -> Self {
        match &mut self {
            Error::Json { .. } | Error::Schema { .. } | Error::Rows { .. } => {}
            Error::Missing { path }
            | Error::Type { path, .. }
            | Error::Invalid { path, .. }
            | Error::Number { path, .. }
            | Error::Negative { path, .. }
            | Error::DuplicateId { path, .. }
            | Error::UnknownId { path, .. }
            | Error::Cycle { path, .. }
            | Error::Empty { path }
            | Error::Overflow { path }
            | Error::Precision { path }
            | Error::Rule { path, .. } => *path = new_path.to_owned(),
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            Error::Schema { found, expected } => {
                write!(f, "unsupported plan schema {found}; this version of plancalc reads schema {expected}")
            }
            Error::Missing { path } => write!(f, "{path} is required"),
            Error::Type { path, expected } => write!(f, "{path} must be {expected}"),
            Error::Invalid { path, reason } => write!(f, "{path}: {reason}"),
            Error::Number { path, text, problem } => match problem {
                NumberProblem::Invalid => write!(f, "{path}: \"{text}\" is not a number"),
                NumberProblem::NotFinite => write!(f, "{path}: \"{text}\" is not a finite amount"),
                NumberProblem::OutOfRange => {
                    write!(f, "{path}: \"{text}\" has more digits than plancalc can hold exactly (28)")
                }
            },
            Error::Negative { path, value } => {
                write!(f, "{path}: {value} is negative; this figure cannot be negative")
            }
            Error::DuplicateId { path, id } => write!(f, "{path}: the id \"{id}\" is used twice"),
            Error::UnknownId { path, id } => write!(f, "{path}: there is no \"{id}\""),
            Error::Cycle { path, ids } => {
                write!(f, "{path}: series are defined in a circle: {}", ids.join(" → "))
            }
            Error::Empty { path } => write!(f, "{path}: the plan has nothing to compute"),
            Error::Overflow { path } => write!(f, "{path}: the result is too large for an exact decimal"),
            Error::Precision { path } => {
                write!(f, "{path}: the result needs more than 28 significant digits; plancalc does not round it")
            }
            Error::Rule { path, reason, .. } => write!(f, "{path}: {reason}"),
            Error::Rows { rows } => match rows.first() {
                Some(r) => write!(f, "{} bad rows: line {}, {}", rows.len(), r.line, r.reason),
                None => write!(f, "no bad rows"),
            },
        }
    }
}

impl std::error::Error for Error {}

/// `parent.key`, or `key` at the top.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// `parent[index]`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// Result with plancalc's error.
pub type Result<T> = std::result::Result<T, Error>;

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** An error thrown by plancalc: `code` is stable, `path` names the offending field. */
export interface PlanError extends Error { code: string; path: string; }
/** A bad row of a CSV import: `line` counts from 1 (the header is line 1). */
export interface RowError { line: number; column: string; code: string; reason: string; }
/** Thrown by an import with bad rows: `code` is "csv.rows" and `rows` lists every one. */
export interface ImportError extends PlanError { rows: RowError[]; }
"#;
