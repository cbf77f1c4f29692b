//! plancalc: a scenario calculator for investment-plan targets (扩大有效投资攻坚行动方案).
//!
//! Exact decimal arithmetic throughout; rounding happens once, at display, by the plan's rule.
//! The core is plain Rust; [`wasm`] is the only module that touches JavaScript.
//!
//! Layers, each importing only from the ones above it:
//! - [`error`]: the one error type, with stable codes and field paths
//! - [`exact`]: exact values (a ratio of decimals) and rounding once; [`number`]: numbers as planners type them
//! - [`messages`]: every sentence the core writes, in zh-CN, zh-TW and en
//! - [`model`]: the plan's types only (plan, indicator kinds, projects, edits)
//! - [`calc`]: pure functions over the model: grid, indicators, targets, checks, goal seek, project sums
//! - [`document`]: reading and writing plan documents, edits, CSV project lists and their compact form
//! - [`session`]: the what-if session, split by job (edits, results, explore, goal, persist)
//! - [`explain`]: step-by-step explanations in zh-CN, zh-TW and en
//! - [`reader`]: a plan's text → a draft plan and the targets it states (its own lazily loaded build)
//! - [`xlsx`]: workbooks in and out, with live formulas (its own lazily loaded build)
//! - [`wasm`]: the JavaScript API
#![forbid(unsafe_code)]

pub mod calc;
pub mod document;
pub mod error;
pub mod exact;
pub mod explain;
pub mod messages;
pub mod model;
pub mod number;
#[cfg(feature = "reader")]
pub mod reader;
pub mod session;
pub mod wasm;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use calc::indicator::Quantity;
pub use calc::target::{Status, TargetResult};
pub use error::{Error, Result};
pub use model::edit::{Edit, Mode, Op};
pub use model::indicator::Unit;
pub use model::plan::Plan;
pub use session::{GoalOutcome, GoalResult, Outcome, Results, Session};
