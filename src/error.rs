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
            | Error::Overflow { path } => path,
        }
    }

    /// The same error reported at a different path (a field checked out of context).
    pub fn at(mut self, new_path: &str) -> Self {
        match &mut self {
            Error::Json { .. } | Error::Schema { .. } => {}
            Error::Missing { path }
            | Error::Type { path, .. }
            | Error::Invalid { path, .. }
            | Error::Number { path, .. }
            | Error::Negative { path, .. }
            | Error::DuplicateId { path, .. }
            | Error::UnknownId { path, .. }
            | Error::Cycle { path, .. }
            | Error::Empty { path }
            | Error::Overflow { path } => *path = new_path.to_owned(),
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
