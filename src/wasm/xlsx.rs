//! Workbooks in the JavaScript API (the workbook build, feature `xlsx`): `exportWorkbook` and `WorkbookFile`.

use super::{err, js_error, reporter, to_js, PlanSession};
use crate::error::Error;
use wasm_bindgen::prelude::*;

/// Writes the session's plan, with the active scenario's figures, as an .xlsx workbook in `locale`: the targets as
/// live formulas over the figures, scenarios, projects, monthly progress, explanations. In a worker, restore the
/// page's session there first (`PlanSession.restore(state, projectBytes)`). `progress(done, total)` counts rows.
#[wasm_bindgen(js_name = exportWorkbook)]
pub fn export_workbook(
    session: &PlanSession,
    locale: &str,
    progress: Option<js_sys::Function>,
) -> Result<Vec<u8>, JsValue> {
    crate::xlsx::export::export(&session.inner, locale, &mut reporter(progress)).map_err(err)
}

/// An .xlsx workbook opened for import: its sheets, each read when first asked for.
#[wasm_bindgen]
pub struct WorkbookFile {
    book: crate::xlsx::read::Workbook,
    sheets: Vec<Option<crate::xlsx::read::Sheet>>,
}

#[wasm_bindgen]
impl WorkbookFile {
    /// Opens a workbook from its bytes. Throws `xlsx.not_zip`, `xlsx.not_workbook`, `xlsx.encrypted`, …
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> Result<WorkbookFile, JsValue> {
        let book = crate::xlsx::read::Workbook::open(bytes).map_err(err)?;
        let n = book.sheet_names().len();
        Ok(WorkbookFile { book, sheets: vec![None; n] })
    }

    /// The sheets: `[{name, hidden}]`, in the workbook's order.
    #[wasm_bindgen(unchecked_return_type = "{ name: string; hidden: boolean }[]")]
    pub fn sheets(&self) -> Result<JsValue, JsValue> {
        let list: Vec<serde_json::Value> = self
            .book
            .sheet_names()
            .into_iter()
            .map(|(name, hidden)| serde_json::json!({"name": name, "hidden": hidden}))
            .collect();
        to_js(&list)
    }

    fn read(&mut self, index: usize, progress: Option<js_sys::Function>) -> Result<&crate::xlsx::read::Sheet, JsValue> {
        if self.sheets.get(index).is_some_and(Option::is_none) {
            let sheet = self.book.sheet(index, &mut reporter(progress)).map_err(err)?;
            if let Some(slot) = self.sheets.get_mut(index) {
                *slot = Some(sheet);
            }
        }
        self.sheets.get(index).and_then(Option::as_ref).ok_or_else(|| {
            js_error(&Error::rule("xlsx.no_sheet", "sheet", format!("the workbook has no sheet {index}")))
        })
    }

    /// Sheet `index` described for the planner: its size, what it most likely holds for the session's plan
    /// (`figures`, `projects`, `other`) and its first rows. `progress(done, total)` in bytes while it is read.
    #[wasm_bindgen(unchecked_return_type = "SheetSummary")]
    pub fn describe(
        &mut self,
        index: usize,
        session: &PlanSession,
        progress: Option<js_sys::Function>,
    ) -> Result<JsValue, JsValue> {
        let sheet = self.read(index, progress)?;
        let kind = crate::xlsx::import::guess_kind(session.inner.plan(), &sheet.rows);
        let preview: Vec<&Vec<String>> = sheet.rows.iter().take(6).collect();
        let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        to_js(
            &serde_json::json!({"name": sheet.name, "rows": sheet.rows.len(), "columns": columns, "kind": kind, "preview": preview}),
        )
    }

    /// Sheet `index` as CSV text, for the project or monthly import's column mapping (a line per row).
    #[wasm_bindgen(js_name = sheetCsv)]
    pub fn sheet_csv(&mut self, index: usize, progress: Option<js_sys::Function>) -> Result<String, JsValue> {
        Ok(crate::xlsx::import::sheet_csv(self.read(index, progress)?))
    }

    /// The figures of sheet `index` (series down, periods across) for the session's input series, for
    /// `PlanSession.enterFigures`. Throws an `ImportError` listing every cell that is not a number.
    #[wasm_bindgen(unchecked_return_type = "FigureCell[]")]
    pub fn figures(&mut self, index: usize, session: &PlanSession) -> Result<JsValue, JsValue> {
        let sheet = self.read(index, None)?;
        to_js(&crate::xlsx::import::figures(session.inner.plan(), sheet).map_err(err)?)
    }

    /// The targets sheet `index` lists (a row per target: kind, inputs, period, comparison, value), as plan-format
    /// targets for `replacePlan`. Throws an `ImportError` listing every bad row.
    #[wasm_bindgen(unchecked_return_type = "{ id: string; [key: string]: unknown }[]")]
    pub fn targets(&mut self, index: usize, session: &PlanSession) -> Result<JsValue, JsValue> {
        let sheet = self.read(index, None)?;
        to_js(&crate::xlsx::import::targets(session.inner.plan(), sheet).map_err(err)?)
    }

    /// For a workbook plancalc exported: the plan it holds, with the figures and projects as its sheets have them
    /// now; `null` for any other workbook.
    #[wasm_bindgen(js_name = planDocument, unchecked_return_type = "PlanDocument | null")]
    pub fn plan_document(&mut self, progress: Option<js_sys::Function>) -> Result<JsValue, JsValue> {
        let doc = crate::xlsx::import::plan_document(&mut self.book, &mut reporter(progress)).map_err(err)?;
        to_js(&doc)
    }
}
