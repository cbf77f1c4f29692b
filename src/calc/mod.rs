//! Pure functions over the model: the grid of figures, indicators, targets, checks, goal seek, project sums.

pub mod checks;
pub mod goal;
pub mod grid;
pub mod indicator;
pub mod monthly;
pub mod project_months;
pub mod projects;
pub mod target;
