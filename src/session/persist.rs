//! Saving and restoring: the session's state (plan and every scenario's edits), documents of a scenario, and a new
//! project list installed under the same edits.

use super::{scenario_name, Session};
use crate::calc::grid::Grid;
use crate::document::exact_text;
use crate::document::json::Obj;
use crate::error::{index, join, Error, Result};
use crate::model::edit::Edit;
use crate::model::plan::Plan;
use crate::model::plan::PublishedLevel;
use serde::Serialize;

/// A session saved: the plan document, every scenario's edits, and the active scenario's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionState {
    pub plan: serde_json::Value,
    pub scenarios: Vec<ScenarioState>,
    pub active: String,
}

/// One scenario saved: its name and its edits in the order they were applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioState {
    pub name: String,
    pub edits: Vec<Edit>,
}

impl SessionState {
    /// Reads a saved session, every edit with the one edit reader: an error names its field
    /// (`scenarios[1].edits[0].mode`).
    pub fn read(value: &serde_json::Value) -> Result<SessionState> {
        let root = Obj::new(value, "")?;
        let mut scenarios = Vec::new();
        for (i, v) in root.opt_array("scenarios")?.iter().enumerate() {
            let o = Obj::new(v, &index("scenarios", i))?;
            let edits_path = o.field_path("edits");
            let edits = o
                .opt_array("edits")?
                .iter()
                .enumerate()
                .map(|(k, e)| Edit::from_value(e, &index(&edits_path, k)))
                .collect::<Result<_>>()?;
            scenarios.push(ScenarioState { name: o.req_str("name")?.to_owned(), edits });
        }
        let active = root.opt_str("active")?.unwrap_or_default().to_owned();
        Ok(SessionState { plan: root.get("plan").cloned().unwrap_or(serde_json::Value::Null), scenarios, active })
    }
}

impl Session {
    /// Everything needed to restore this session: the plan, every scenario's edits in order, the active scenario.
    /// Undone edits are not kept.
    pub fn state(&self) -> SessionState {
        SessionState {
            plan: self.plan.to_document(None, None),
            scenarios: self.scenario_states(),
            active: self.scenario().name.clone(),
        }
    }

    /// Whether the session is as its plan opens it: the baseline without edits and the plan's own scenarios with
    /// exactly their edits — nothing a page needs to save.
    pub fn untouched(&self) -> bool {
        let states = self.scenario_states();
        let Some((first, rest)) = states.split_first() else { return true };
        first.edits.is_empty()
            && rest.len() == self.plan.scenarios.len()
            && rest.iter().zip(&self.plan.scenarios).all(|(s, p)| s.name == p.name && s.edits == p.edits)
    }

    /// Every scenario's name and edits, in order.
    pub fn scenario_states(&self) -> Vec<ScenarioState> {
        self.scenarios
            .iter()
            .map(|sc| ScenarioState { name: sc.name.clone(), edits: sc.done.iter().map(|c| c.edit.clone()).collect() })
            .collect()
    }

    /// Replaces the plan's project list (an import): series over projects are summed again, every scenario keeps
    /// its edits to figures, and edits to projects of the old list are dropped — they name projects that may be
    /// gone. Returns how many edits were dropped. On an error nothing changes.
    pub fn replace_projects(&mut self, projects: crate::model::projects::Projects) -> Result<usize> {
        let old = std::mem::take(&mut self.plan.projects);
        let plan = self.plan.with_projects(projects);
        self.plan.projects = old;
        let (next, dropped) = self.replayed(plan?, |edit| edit.project.is_none() && edit.filter.is_none())?;
        *self = next;
        Ok(dropped)
    }

    /// A session on `plan` with this session's scenarios, each replaying the edits `keep` takes that still apply,
    /// the same scenario active; also how many edits were dropped (not kept, or refused by the new plan).
    pub(super) fn replayed(
        &self,
        plan: Plan,
        keep: impl Fn(&crate::model::edit::Edit) -> bool,
    ) -> Result<(Session, usize)> {
        let mut next = Session::new(plan);
        let mut dropped = 0;
        for (i, sc) in self.scenario_states().into_iter().enumerate() {
            if i == 0 {
                if let Some(first) = next.scenarios.first_mut() {
                    first.name.clone_from(&sc.name);
                }
                next.results.scenario.clone_from(&sc.name);
            } else {
                next.new_scenario(&sc.name, None)?;
            }
            for edit in sc.edits {
                if !keep(&edit) || next.apply(edit).is_err() {
                    dropped += 1;
                }
            }
        }
        next.switch_scenario(&self.scenario().name)?;
        Ok((next, dropped))
    }

    /// Rebuilds a session from [`Session::state`]: the plan, then each scenario's edits replayed in order.
    /// A state that no longer applies (an edit refused) is an error at its path; nothing half-restored is returned.
    pub fn restore(state: &SessionState) -> Result<Session> {
        Session::restore_with_projects(state, None)
    }

    /// [`Session::restore`] for a plan kept apart from its project list (a page keeps 100,000 projects in their
    /// compact form, [`crate::document::compact::encode`], not as JSON): the list is installed before the edits are replayed.
    pub fn restore_with_projects(state: &SessionState, projects: Option<&[u8]>) -> Result<Session> {
        // The plan as a document, or as its JSON text.
        let plan = match &state.plan {
            serde_json::Value::String(text) => Plan::from_json(text),
            doc => Plan::from_value(doc),
        };
        let in_plan = |e: Error| {
            let path = e.path().to_owned();
            e.at(&join("plan", &path))
        };
        let mut plan = plan.map_err(in_plan)?;
        if let Some(bytes) = projects {
            plan = plan.with_projects(crate::document::compact::decode(bytes, plan.periods.len())?).map_err(in_plan)?;
        }
        let mut session = Session::new(plan);
        if state.scenarios.is_empty() {
            return Ok(session);
        }
        for (i, sc) in state.scenarios.iter().enumerate() {
            let at = index("scenarios", i);
            if i == 0 {
                // The first scenario takes the place of the one a new session starts with.
                let name = scenario_name(&sc.name).map_err(|e| e.at(&join(&at, "name")))?;
                if let Some(first) = session.scenarios.first_mut() {
                    name.clone_into(&mut first.name);
                }
                name.clone_into(&mut session.results.scenario);
            } else {
                session.new_scenario(&sc.name, None).map_err(|e| e.at(&join(&at, "name")))?;
            }
            for (k, edit) in sc.edits.iter().enumerate() {
                session.apply(edit.clone()).map_err(|e| e.at(&index(&join(&at, "edits"), k)))?;
            }
        }
        session.switch_scenario(&state.active).map_err(|e| e.at("active"))?;
        Ok(session)
    }

    /// The active scenario as a schema-1 plan document: the plan with the scenario's figures.
    pub fn to_document(&self) -> serde_json::Value {
        let mut doc = self.plan.to_document(Some(&self.scenario().inputs), self.scenario().projects.as_ref());
        // Where the scenario changed a figure with a published growth rate, the document keeps the level the rate
        // was published with (`growth_level`), so that the comparable base (level ÷ (1 + g)) reads back the same.
        for (s, series) in self.plan.series.iter().enumerate() {
            for (p, g) in series.growth.iter().enumerate() {
                let Some(period) = self.plan.periods.get(p).filter(|_| g.is_some()) else { continue };
                let published = match series.growth_level.get(p).copied().unwrap_or_default() {
                    PublishedLevel::Figure => self.baseline.get(s, p).value(),
                    PublishedLevel::Level(v) => Some(v),
                    PublishedLevel::Unknown => None,
                };
                if self.grid.get(s, p).value() == published {
                    continue;
                }
                let text = published.map_or(serde_json::Value::Null, |v| serde_json::Value::String(exact_text(&v)));
                let entry = doc.get_mut("series").and_then(|x| x.get_mut(s)).and_then(|x| x.as_object_mut());
                let levels = entry.map(|o| o.entry("growth_level").or_insert_with(|| serde_json::json!({})));
                if let Some(levels) = levels.and_then(|x| x.as_object_mut()) {
                    levels.insert(period.id.clone(), text);
                }
            }
        }
        doc
    }

    /// The baseline and current grids, for explanations.
    pub fn grids(&self) -> (&Grid, &Grid) {
        (&self.baseline, &self.grid)
    }
}

/// The TypeScript declarations of this module's results, as the JS API hands them over (`src/wasm.rs` adds them to
/// the generated `.d.ts`).
pub const TYPESCRIPT: &str = r#"
/** A whole session saved: the plan, every scenario's edits in order, and the active scenario. */
export interface SessionState { plan: PlanDocument | string | null; scenarios: { name: string; edits: Edit[] }[]; active: string; }
"#;
