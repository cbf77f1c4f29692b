//! Monthly progress in the JavaScript API (the planner's page, feature `page`): each unit's months against
//! time-progress, the ranking and the bulletin, their explanations, monthly actuals from CSV, and figures entered in
//! bulk from a pasted release or a workbook.

use super::{err, from_js, to_js, PlanSession};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl PlanSession {
    /// Month by month in `year`: series `done` against the annual plan in `annual` — completion, time-progress,
    /// ahead, growth and its change, run-rate needed, year-end at the current pace, and each month's light.
    #[wasm_bindgen(unchecked_return_type = "MonthRow[]")]
    pub fn monthly(&self, done: &str, annual: &str, year: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.monthly(done, annual, year).map_err(err)?)
    }

    /// Every series the plan follows month by month (its `progress`), with each month's row and light.
    #[wasm_bindgen(unchecked_return_type = "SeriesProgress[]")]
    pub fn progress(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.progress())
    }

    /// Monthly progress as the page shows it, computed once: every unit's months, their ranking and the bulletin of
    /// `month` (1–12; the latest month with figures when absent).
    #[wasm_bindgen(js_name = progressView, unchecked_return_type = "ProgressView")]
    pub fn progress_view(&self, month: Option<u32>) -> Result<JsValue, JsValue> {
        to_js(&self.inner.progress_view_at(month))
    }

    /// The units followed, ranked by ahead/behind time-progress in `month` (the latest with figures when absent).
    #[wasm_bindgen(unchecked_return_type = "Ranked[]")]
    pub fn ranking(&self, month: Option<u32>) -> Result<JsValue, JsValue> {
        to_js(&self.inner.ranking(month))
    }

    /// The month's bulletin (通报) in zh-CN, zh-TW and en, written from the figures: `month` 1–12, or the latest month
    /// with a figure; null when the plan follows no series month by month.
    #[wasm_bindgen(unchecked_return_type = "Text | null")]
    pub fn bulletin(&self, month: Option<u32>) -> Result<JsValue, JsValue> {
        to_js(&self.inner.bulletin(month))
    }

    /// Monthly actuals from CSV text for year `year` (one row per unit and month, or a column per month), amounts in
    /// `unit` ("亿元" or "万元"): all entered or none; bad rows throw an `ImportError` (`csv.rows`, `rows`).
    #[wasm_bindgen(js_name = importMonthly)]
    pub fn import_monthly(&mut self, text: &str, year: &str, unit: &str) -> Result<usize, JsValue> {
        let unit = crate::document::csv::Unit::read(unit, "unit").map_err(err)?;
        self.inner.import_monthly(text, year, unit).map_err(err)
    }

    /// A monthly release's figures (`readBulletin(text).figures`) matched to the plan: for each, the series and month
    /// it would go to, the amount in the series' unit, the figure now, and whether to enter it (or why not). Enter
    /// the confirmed ones with `enterFigures`.
    #[wasm_bindgen(js_name = matchRelease, unchecked_return_type = "ReleaseMatch[]")]
    pub fn match_release(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "{ subject: string; kind: string; value: string; unit: string; period: string }[]"
        )]
        figures: JsValue,
    ) -> Result<JsValue, JsValue> {
        let figures: Vec<crate::session::release::ReleaseFigure> = from_js(figures, "figures", "a list of figures")?;
        to_js(&self.inner.match_release(&figures))
    }

    /// Step-by-step explanation of a figure of the monthly progress: `figure` (`completion`, `time_progress`, `ahead`,
    /// `growth`, `run_rate`, `year_end`) of the series followed `done` in month period `period`, in `locale`.
    #[wasm_bindgen(js_name = explainMonth, unchecked_return_type = "Explanation")]
    pub fn explain_month(&self, done: &str, period: &str, figure: &str, locale: &str) -> Result<JsValue, JsValue> {
        to_js(&crate::explain::explain_month(&self.inner, done, period, figure, locale).map_err(err)?)
    }

    /// Enters figures read from a workbook (`WorkbookFile.figures`) as edits of the active scenario, all or none;
    /// returns how many changed.
    #[wasm_bindgen(js_name = enterFigures)]
    pub fn enter_figures(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FigureCell[]")] cells: JsValue,
    ) -> Result<usize, JsValue> {
        let cells: Vec<crate::session::plan_edit::FigureCell> = from_js(cells, "cells", "a list of figures")?;
        self.inner.enter_figures(&cells).map_err(err)
    }
}
