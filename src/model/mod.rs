//! The plan's model: types only — no reading, no computing.

pub mod edit;
pub mod indicator;
pub mod plan;
pub mod projects;
