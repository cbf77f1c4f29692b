//! The project table in the JavaScript API (the planner's page, feature `page`): the view the table shows (filtered,
//! ranked, read a page at a time), the projects' lights month by month, and project lists read from CSV, in one call
//! or piece by piece in a worker (`ProjectImport`).

use super::{err, from_js, js_error, to_js, PlanSession};
use crate::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl PlanSession {
    /// How many projects the plan lists.
    #[wasm_bindgen(js_name = projectCount)]
    pub fn project_count(&self) -> usize {
        self.inner.plan().projects.len()
    }

    /// The sectors, counties, ownerships, stages and flags the project list uses.
    #[wasm_bindgen(js_name = projectFacets, unchecked_return_type = "ProjectFacets")]
    pub fn project_facets(&self) -> Result<JsValue, JsValue> {
        let p = &self.inner.plan().projects;
        let names =
            |d: &crate::model::projects::Dict| d.names.iter().filter(|n| !n.is_empty()).cloned().collect::<Vec<_>>();
        to_js(&serde_json::json!({
            "sectors": names(&p.sectors), "counties": names(&p.counties), "ownerships": names(&p.ownerships),
            "stages": names(&p.stages), "flags": names(&p.flags),
        }))
    }

    /// Chooses the projects the table shows: those matching `where` (as in a bulk edit) whose id or name contains
    /// `text`. Returns how many there are; `projectRows` reads them.
    #[wasm_bindgen(js_name = projectView)]
    pub fn project_view(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ProjectFilter | null | undefined")] filter: JsValue,
        text: Option<String>,
    ) -> Result<usize, JsValue> {
        let filter: Option<serde_json::Value> =
            if filter.is_null() || filter.is_undefined() { None } else { Some(from_js(filter, "where", "a filter")?) };
        self.view = self.inner.select_projects(filter.as_ref(), text.as_deref().unwrap_or("")).map_err(err)?;
        Ok(self.view.len())
    }

    /// Projects `start .. start + count` of the current view, as the active scenario has them.
    #[wasm_bindgen(js_name = projectRows, unchecked_return_type = "ProjectRow[]")]
    pub fn project_rows(&self, start: usize, count: usize) -> Result<JsValue, JsValue> {
        let end = start.saturating_add(count).min(self.view.len());
        to_js(&self.inner.project_rows(self.view.get(start.min(end)..end).unwrap_or(&[])))
    }

    /// The year period of month period `period` ("2023" for "2023-10") when the plan has that year: the month then
    /// has lights, counts and a ranking (`projectMonths`, `rankView`, `projectMonthRows`). Undefined otherwise.
    #[wasm_bindgen(js_name = yearOfMonth)]
    pub fn year_of_month(&self, period: &str) -> Option<String> {
        self.inner.year_of_month(period).map(str::to_owned)
    }

    /// The projects' lights month by month: every project's light in every month of the year of month period
    /// `period` (escalation included), counted over the current view (`projectView`) in that month.
    #[wasm_bindgen(js_name = projectMonths, unchecked_return_type = "MonthCounts")]
    pub fn project_months(&self, period: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.project_month_counts(period, &self.view).map_err(err)?)
    }

    /// Orders the current view furthest behind time-progress first in month period `period` (the ranking; rows
    /// without a light last). Returns how many rows the view has.
    #[wasm_bindgen(js_name = rankView)]
    pub fn rank_view(&mut self, period: &str) -> Result<usize, JsValue> {
        self.inner.rank_projects(period, &mut self.view).map_err(err)?;
        Ok(self.view.len())
    }

    /// For `count` rows of the view from `start`: each project's light in every month of year period `period` (the
    /// grid of projects × months).
    #[wasm_bindgen(js_name = projectMonthGrid, unchecked_return_type = "MonthGrid")]
    pub fn project_month_grid(&self, start: usize, count: usize, period: &str) -> Result<JsValue, JsValue> {
        let end = start.saturating_add(count).min(self.view.len());
        let rows = self.view.get(start.min(end)..end).unwrap_or(&[]);
        to_js(&self.inner.project_month_grid(period, rows).map_err(err)?)
    }

    /// For `count` rows of the view from `start`: completion, ahead of time-progress and light in month `period`.
    #[wasm_bindgen(js_name = projectMonthRows, unchecked_return_type = "ProjectMonth[]")]
    pub fn project_month_rows(&self, start: usize, count: usize, period: &str) -> Result<JsValue, JsValue> {
        let end = start.saturating_add(count).min(self.view.len());
        let rows = self.view.get(start.min(end)..end).unwrap_or(&[]);
        to_js(&self.inner.project_month_rows(period, rows).map_err(err)?)
    }

    /// Replaces the plan's project list with one read by a `ProjectImport` (its `finish()` bytes). Figure edits
    /// stay; edits to projects of the old list are dropped: returns how many. On an error nothing changes.
    #[wasm_bindgen(js_name = replaceProjects)]
    pub fn replace_projects(&mut self, bytes: Vec<u8>) -> Result<usize, JsValue> {
        let list = crate::document::compact::decode(&bytes, self.inner.plan().periods.len()).map_err(err)?;
        // The bytes go before the session copies the list for its scenario: 100,000 projects of a year by month are
        // about 24 MB of bytes and 48 MB decoded, and wasm memory keeps its high-water mark.
        drop(bytes);
        let dropped = self.inner.replace_projects(list).map_err(err)?;
        self.view.clear();
        Ok(dropped)
    }

    /// Reads a CSV project list and replaces the plan's list with it in one call (no progress; in a page, use a
    /// `ProjectImport` in a worker). `roles` maps each column (see `ColumnGuess`); guessed from the header when
    /// absent. Throws an `ImportError` listing every bad row; nothing changes unless every row is good.
    #[wasm_bindgen(js_name = importProjectsCsv)]
    pub fn import_projects_csv(
        &mut self,
        text: &str,
        roles: Option<Vec<String>>,
        #[wasm_bindgen(unchecked_param_type = "\"亿元\" | \"万元\" | undefined")] unit: Option<String>,
    ) -> Result<usize, JsValue> {
        let periods = crate::document::csv::period_names(self.inner.plan());
        let unit = unit.map(|u| crate::document::csv::Unit::read(&u, "unit")).transpose().map_err(err)?;
        let list = crate::document::csv::read_text(text, periods, roles, unit).map_err(err)?;
        let dropped = self.inner.replace_projects(list).map_err(err)?;
        self.view.clear();
        Ok(dropped)
    }
}

/// Reads a CSV project list piece by piece, so that a worker can report progress; `finish()` gives the bytes
/// `PlanSession.replaceProjects` installs.
#[wasm_bindgen]
pub struct ProjectImport {
    periods: Vec<crate::document::csv::PeriodName>,
    reader: Option<crate::document::csv::CsvReader>,
}

#[wasm_bindgen]
impl ProjectImport {
    /// An import for a plan with these periods (`plan().periods`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PeriodDocument[]")] periods: JsValue,
    ) -> Result<ProjectImport, JsValue> {
        #[derive(serde::Deserialize)]
        struct P {
            id: String,
            #[serde(default)]
            label: std::collections::BTreeMap<String, String>,
        }
        let list: Vec<P> = from_js(periods, "periods", "a list of periods")?;
        let periods = list
            .into_iter()
            .map(|p| crate::document::csv::PeriodName { id: p.id, labels: p.label.into_values().collect() })
            .collect();
        Ok(ProjectImport { periods, reader: None })
    }

    /// The header row of `text` (the file's start is enough) and each column's likely role.
    #[wasm_bindgen(unchecked_return_type = "ColumnGuess")]
    pub fn columns(&self, text: &str) -> Result<JsValue, JsValue> {
        to_js(&crate::document::csv::guess_columns(text, &self.periods).map_err(err)?)
    }

    /// Starts reading with a role per column and the unit of the amounts ("亿元" or "万元").
    pub fn start(&mut self, roles: Vec<String>, unit: &str) -> Result<(), JsValue> {
        let unit = crate::document::csv::Unit::read(unit, "unit").map_err(err)?;
        self.reader = Some(crate::document::csv::CsvReader::new(self.periods.clone(), &roles, unit).map_err(err)?);
        Ok(())
    }

    /// Reads the next piece of the file (from its start, header included); returns the projects read so far.
    pub fn feed(&mut self, piece: &str) -> Result<usize, JsValue> {
        match self.reader.as_mut() {
            Some(r) => Ok(r.feed(piece)),
            None => Err(not_started()),
        }
    }

    /// How many bad rows have been found so far.
    #[wasm_bindgen(js_name = badRows)]
    pub fn bad_rows(&self) -> usize {
        self.reader.as_ref().map_or(0, crate::document::csv::CsvReader::errors)
    }

    /// Ends the file: the project list as bytes, or an `ImportError` listing every bad row.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsValue> {
        let reader = self.reader.take().ok_or_else(not_started)?;
        let list = reader.finish().map_err(err)?;
        Ok(crate::document::compact::encode(&list))
    }
}

fn not_started() -> JsValue {
    js_error(&Error::rule("import.not_started", "import", "call start() with the column mapping first"))
}
