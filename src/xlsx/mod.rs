//! Workbooks in and out (.xlsx), as Excel, WPS and LibreOffice read and write them: the plan exported with live
//! formulas ([`export`]), workbooks read cell by cell as the digits they hold ([`read`]), and a plan's figures,
//! projects and monthly actuals read back ([`import`]). Its own build (feature `xlsx`), loaded by the page's
//! workbook worker when a planner first imports or exports a workbook.

pub mod export;
mod formulas;
pub mod import;
pub mod read;
mod sheets;
pub mod write;
