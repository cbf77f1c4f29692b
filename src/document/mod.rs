//! Reading and writing documents: plan JSON (our own path-aware reader), edits, project lists as CSV and in their
//! compact form. Every error carries a stable code and the path of the offending field.

pub mod compact;
pub mod csv;
pub mod edit;
pub mod indicator;
pub mod json;
#[cfg(feature = "page")]
pub mod monthly;
pub mod plan;
pub mod projects;
pub mod write;

pub use write::exact_text;
