//! plancalc: a scenario calculator for investment-plan targets (扩大有效投资攻坚行动方案).
//!
//! Exact decimal arithmetic throughout; rounding happens once, at display, by the plan's rule.
//! The core is plain Rust; [`wasm`] is the only module that touches JavaScript.
//!
//! - [`plan`]: the plan document (`"schema": 1`), read and validated
//! - [`exact`]: exact values (a ratio of decimals) and rounding once
//! - [`calc`]: indicators, targets, checks, goal seek and the editing session
//! - [`explain`]: step-by-step explanations in zh-CN, zh-TW and en
//! - [`number`]: numbers as planners type them; rounding for display
//! - [`projects`]: project lists and series defined over them
//! - [`import`]: project lists from CSV, and the compact form they travel in
//! - [`error`]: the one error type, with stable codes and field paths
#![forbid(unsafe_code)]

pub mod calc;
pub mod error;
pub mod exact;
pub mod explain;
pub mod import;
mod json;
pub mod number;
pub mod plan;
pub mod projects;
pub mod wasm;

pub use calc::goal::Mode;
pub use calc::indicator::{Quantity, Unit};
pub use calc::session::{Edit, GoalOutcome, GoalResult, Op, Outcome, Results, Session};
pub use calc::target::{Status, TargetResult};
pub use error::{Error, Result};
pub use plan::Plan;
