//! The JavaScript API: the only module that touches `wasm_bindgen`, `js_sys` and `serde_wasm_bindgen`.

use crate::calc::session::Session;
use crate::error::Error;
use crate::plan::Plan;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Turns a plancalc error into a JS `Error` carrying `code` and `path` properties.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("PlanError");
    // Setting a property on a fresh Error object cannot fail; a failure would only lose the extra field.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code().into());
    let _ = js_sys::Reflect::set(&err, &"path".into(), &e.path().into());
    err.into()
}

/// Converts a result to a plain JS object (objects, not `Map`s; decimals as strings).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(JsValue::from)
}

/// One plan being explored: its current figures and every result computed from them.
#[wasm_bindgen]
pub struct PlanSession {
    inner: Session,
}

#[wasm_bindgen]
impl PlanSession {
    /// Opens a plan given as JSON text or as an already parsed object.
    ///
    /// Throws an `Error` with `code` and `path` if the plan is malformed.
    #[wasm_bindgen(constructor)]
    pub fn new(plan: JsValue) -> Result<PlanSession, JsValue> {
        let parsed = match plan.as_string() {
            Some(text) => Plan::from_json(&text),
            None => serde_wasm_bindgen::from_value::<serde_json::Value>(plan)
                .map_err(|_| Error::Type { path: String::new(), expected: "a plan object or JSON text" })
                .and_then(|doc| Plan::from_value(&doc)),
        };
        parsed.map(|p| PlanSession { inner: Session::new(p) }).map_err(|e| js_error(&e))
    }

    /// The plan with its current figures (labels, periods, series values aligned with periods).
    pub fn plan(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.plan())
    }

    /// Every target evaluated against the current figures.
    pub fn results(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.results())
    }

    /// Sets a figure from text as typed ("1,450", "１４５０"; empty clears it) and returns the new results.
    ///
    /// Throws an `Error` with `code` and `path` on bad input; the session keeps its previous figures.
    #[wasm_bindgen(js_name = setValue)]
    pub fn set_value(&mut self, series: &str, period: &str, text: &str) -> Result<JsValue, JsValue> {
        self.inner.set_value(series, period, text).map_err(|e| js_error(&e))?;
        to_js(&self.inner.results())
    }
}
