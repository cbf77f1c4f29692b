//! An edit, as the JS API and saved scenarios give it: which figure or projects, what to do, and how totals follow.

use serde::{Deserialize, Serialize};

/// What an edit does to its series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Set the value ("2,040"; a fraction "5900/7" is exact); an empty text clears it.
    Set(String),
    /// Add an amount (negative to take away).
    Add(String),
    /// Change by a percentage of the current value (+10 → × 1.1).
    Percent(String),
    /// Projects only: the completed amount reaches this percentage of the annual plan ("85").
    Reach(String),
}

impl Default for Op {
    fn default() -> Self {
        Op::Set(String::new())
    }
}

/// One edit, as the JS API and saved scenarios write it. Read by one reader wherever it comes from
/// ([`Edit::from_value`](crate::document::edit), also behind its `Deserialize`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Edit {
    /// The input series edited; empty for an edit to projects.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub series: String,
    /// One project, by id …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// … or every project matching a filter (`{"ownership": ["private"]}`), for a bulk edit.
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub filter: Option<serde_json::Value>,
    /// For projects: `annual` (default), `completed`, `total` or `stage` (set to a stage name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default)]
    pub period: String,
    #[serde(flatten)]
    pub op: Op,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts_toward: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
}

/// How a change to one series reaches the totals that contain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// New investment: every total that contains the series rises with it.
    Additive,
    /// Reallocation: totals are held; the change comes out of the unallocated remainder (or a named offset).
    #[default]
    Substitute,
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
export type Mode = "additive" | "substitute";
/** One edit: exactly one of `set`, `add`, `percent` (decimal strings or JSON numbers; `set` also takes "p/q"), or for projects
 * `reach` (completed reaches this % of the annual plan). Either a `series`, or a `project` by id, or every project
 * matching `where` (a bulk edit); for projects `field` is "annual" (default), "completed", "total" or "stage". */
export interface Edit {
  series?: string; period: string; set?: string | number; add?: string | number; percent?: string | number; reach?: string | number;
  mode?: Mode; counts_toward?: string[]; offset?: string;
  project?: string; where?: ProjectFilter; field?: "annual" | "completed" | "total" | "stage";
}
/** Projects matching every listed condition (any of the values within one). */
export interface ProjectFilter {
  sector?: string[]; county?: string[]; ownership?: ("private" | "state" | "foreign" | "mixed")[];
  stage?: ("reserve" | "new" | "continuing" | "finishing")[]; flags?: string[];
}
"#;
