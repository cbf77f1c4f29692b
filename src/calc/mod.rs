//! Indicators, targets, checks, goal seek and the editing session: pure functions over a validated
//! [`Plan`](crate::plan::Plan).

pub mod checks;
pub mod goal;
pub mod grid;
pub mod indicator;
pub mod session;
pub mod target;
