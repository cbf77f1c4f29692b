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
pub mod document;
pub mod error;
pub mod exact;
pub mod explain;
pub mod messages;
pub mod model;
pub mod number;
pub mod session;
pub mod wasm;

pub use calc::indicator::Quantity;
pub use calc::target::{Status, TargetResult};
pub use error::{Error, Result};
pub use model::edit::{Edit, Mode, Op};
pub use model::indicator::Unit;
pub use model::plan::Plan;
pub use session::{GoalOutcome, GoalResult, Outcome, Results, Session};
