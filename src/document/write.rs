//! Writing the model back as a plan document (schema 1): loading what is written gives the same figures.

use crate::exact::Exact;
use crate::model::indicator::IndicatorSpec;
use crate::model::plan::*;
use crate::model::projects::{Field, ProjectValues};
use serde_json::Value;

impl Plan {
    /// The plan as a schema-1 document, with `inputs` (a scenario's figures) in place of the plan's own when given.
    /// Loading the result gives back the same plan.
    pub fn to_document(&self, inputs: Option<&[Vec<Option<Exact>>]>, projects: Option<&ProjectValues>) -> Value {
        self.document(inputs, projects, true)
    }

    /// The plan as a document without its project list: what a page needs to lay itself out, small at any size.
    pub fn outline(&self) -> Value {
        self.document(None, None, false)
    }

    fn document(&self, inputs: Option<&[Vec<Option<Exact>>]>, projects: Option<&ProjectValues>, list: bool) -> Value {
        use serde_json::{json, Map};
        let labels = |l: &Labels| serde_json::to_value(l).unwrap_or(Value::Null);
        let sid = |s: usize| Value::String(self.series_id(s).to_owned());
        let per_period = |vals: &[Option<String>]| -> Value {
            let mut m = Map::new();
            for (p, v) in vals.iter().enumerate() {
                if let Some(v) = v {
                    m.insert(self.period_id(p).to_owned(), Value::String(v.clone()));
                }
            }
            Value::Object(m)
        };
        let periods: Vec<Value> = self
            .periods
            .iter()
            .map(|p| {
                let mut o = json!({"id": p.id, "label": labels(&p.label), "kind": p.kind});
                if let (Some(q), Value::Object(m)) = (p.previous, &mut o) {
                    m.insert("previous".into(), Value::String(self.period_id(q).to_owned()));
                }
                o
            })
            .collect();
        let series: Vec<Value> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut o = Map::new();
                o.insert("id".into(), json!(s.id));
                o.insert("label".into(), labels(&s.label));
                if s.unit != self.unit {
                    o.insert("unit".into(), json!(s.unit));
                }
                if let Some(w) = s.within {
                    o.insert("within".into(), sid(w));
                }
                if s.allow_negative {
                    o.insert("allow_negative".into(), json!(true));
                }
                match &s.kind {
                    SeriesKind::Sum(parts) => {
                        o.insert("sum".into(), Value::Array(parts.iter().map(|&p| sid(p)).collect()));
                    }
                    SeriesKind::Projects(q) => {
                        o.insert("projects".into(), json!({"field": q.field.name(), "where": q.filter.text}));
                    }
                    SeriesKind::Input => {
                        let row = inputs.and_then(|x| x.get(i)).unwrap_or(&s.values);
                        let texts: Vec<Option<String>> = row.iter().map(|v| v.as_ref().map(exact_text)).collect();
                        o.insert("values".into(), per_period(&texts));
                    }
                }
                if s.growth.iter().any(Option::is_some) {
                    let texts: Vec<Option<String>> =
                        s.growth.iter().map(|g| g.map(|g| g.normalize().to_string())).collect();
                    o.insert("growth".into(), per_period(&texts));
                    let mut levels = serde_json::Map::new();
                    for (p, level) in s.growth_level.iter().enumerate() {
                        let text = match level {
                            PublishedLevel::Figure => continue,
                            PublishedLevel::Level(v) => Value::String(exact_text(v)),
                            PublishedLevel::Unknown => Value::Null,
                        };
                        levels.insert(self.period_id(p).to_owned(), text);
                    }
                    if !levels.is_empty() {
                        o.insert("growth_level".into(), Value::Object(levels));
                    }
                }
                if let Some(n) = &s.note {
                    o.insert("note".into(), labels(n));
                }
                Value::Object(o)
            })
            .collect();
        let breakdowns: Vec<Value> = self
            .breakdowns
            .iter()
            .map(|b| {
                json!({"id": b.id, "label": labels(&b.label), "parent": sid(b.parent),
                       "children": b.children.iter().map(|&c| sid(c)).collect::<Vec<_>>(), "complete": b.complete})
            })
            .collect();
        let targets: Vec<Value> = self
            .targets
            .iter()
            .map(|t| {
                let mut o = json!({"id": t.id, "label": labels(&t.label), "indicator": t.indicator.to_document(self),
                    "period": self.period_id(t.period), "cmp": t.cmp, "value": t.value.normalize().to_string(), "soft": t.soft});
                if let Value::Object(m) = &mut o {
                    if let Some(tol) = t.tolerance {
                        m.insert("tolerance".into(), json!(tol.normalize().to_string()));
                    }
                    if let Some(text) = &t.source_text {
                        m.insert("source_text".into(), json!(text));
                    }
                }
                o
            })
            .collect();
        let mut doc = json!({
            "schema": SCHEMA_VERSION, "id": self.id, "title": labels(&self.title), "unit": self.unit,
            "baseline": self.baseline, "periods": periods, "series": series, "breakdowns": breakdowns,
            "targets": targets, "rounding": self.rounding, "notes": self.notes.iter().map(labels).collect::<Vec<_>>(),
        });
        if let Value::Object(m) = &mut doc {
            if let Some(r) = &self.region {
                m.insert("region".into(), labels(r));
            }
            if let Some(s) = &self.source {
                m.insert("source".into(), serde_json::to_value(s).unwrap_or(Value::Null));
            }
            if let Some(a) = &self.as_of {
                m.insert("as_of".into(), json!(a.date));
            }
            if !self.progress.is_empty() {
                let list: Vec<Value> = self
                    .progress
                    .iter()
                    .map(|g| {
                        let mut v = json!({"done": sid(g.done), "plan": sid(g.plan), "year": self.period_id(g.year)});
                        if let (Some(w), Some(o)) = (g.whole, v.as_object_mut()) {
                            o.insert("whole".into(), sid(w));
                        }
                        v
                    })
                    .collect();
                m.insert("progress".into(), Value::Array(list));
            }
            if self.lights != LightRules::default() {
                let mut l = Map::new();
                if let Some(pp) = self.lights.yellow_within_pp {
                    l.insert("yellow_within_pp".into(), json!(pp.normalize().to_string()));
                }
                if let Some(f) = self.lights.yellow_from_fraction {
                    l.insert("yellow_from_fraction".into(), json!(f.normalize().to_string()));
                }
                if let Some(n) = self.lights.escalate_after {
                    l.insert("escalate_after".into(), json!(n));
                }
                m.insert("lights".into(), Value::Object(l));
            }
            if !self.scenarios.is_empty() {
                let list: Vec<Value> = self
                    .scenarios
                    .iter()
                    .map(|s| json!({"name": s.name, "edits": serde_json::to_value(&s.edits).unwrap_or(Value::Null)}))
                    .collect();
                m.insert("scenarios".into(), Value::Array(list));
            }
            if let Some(values) =
                projects.or(self.projects.values.as_ref()).filter(|_| list && !self.projects.is_empty())
            {
                m.insert("projects".into(), Value::Array(self.projects_document(values)));
            }
        }
        doc
    }

    /// The project list as written in a plan document, with the given stages and amounts.
    fn projects_document(&self, values: &ProjectValues) -> Vec<Value> {
        use serde_json::{json, Map};
        let pr = &self.projects;
        pr.info
            .iter()
            .enumerate()
            .map(|(row, info)| {
                let mut o = Map::new();
                o.insert("id".into(), json!(info.id));
                o.insert("name".into(), json!(info.name));
                o.insert("sector".into(), json!(pr.sectors.name(info.sector)));
                o.insert("county".into(), json!(pr.counties.name(info.county)));
                o.insert("ownership".into(), json!(pr.ownerships.name(info.ownership)));
                o.insert("stage".into(), json!(pr.stages.name(values.stage.get(row).copied().unwrap_or(0))));
                let flags: Vec<&str> =
                    (0..32u32).filter(|b| info.flags & (1 << b) != 0).map(|b| pr.flags.name(b)).collect();
                if !flags.is_empty() {
                    o.insert("flags".into(), json!(flags));
                }
                if let Some(t) = values.amount(row, 0, Field::Total) {
                    o.insert("total".into(), json!(t.normalize().to_string()));
                }
                for field in [Field::Annual, Field::Completed] {
                    let mut m = Map::new();
                    for p in 0..self.periods.len() {
                        if let Some(v) = values.amount(row, p, field) {
                            m.insert(self.period_id(p).to_owned(), json!(v.normalize().to_string()));
                        }
                    }
                    if !m.is_empty() {
                        o.insert(field.name().into(), Value::Object(m));
                    }
                }
                Value::Object(o)
            })
            .collect()
    }
}

/// The exact text of a value: a decimal where it terminates, else a reduced fraction "p/q".
pub fn exact_text(v: &Exact) -> String {
    match (v.as_decimal(), v.fraction()) {
        (Some(d), _) => d.normalize().to_string(),
        (None, Some(f)) => f.to_string(),
        (None, None) => v.to_string(),
    }
}

impl IndicatorSpec {
    /// The indicator as the plan document writes it.
    pub fn to_document(&self, plan: &Plan) -> serde_json::Value {
        use serde_json::json;
        let s = |i: &usize| plan.series_id(*i).to_owned();
        let list = |v: &[usize]| v.iter().map(s).collect::<Vec<_>>();
        match self {
            IndicatorSpec::Amount { series } => json!({"kind": "amount", "series": s(series)}),
            IndicatorSpec::Cumulative { series, periods } => json!({"kind": "cumulative", "series": s(series),
                "periods": periods.iter().map(|&p| plan.period_id(p)).collect::<Vec<_>>()}),
            IndicatorSpec::Share { part, whole } => json!({"kind": "share", "part": s(part), "whole": s(whole)}),
            IndicatorSpec::Growth { series } => json!({"kind": "growth", "series": s(series)}),
            IndicatorSpec::Completion { done, plan: annual } => {
                json!({"kind": "completion", "done": s(done), "plan": s(annual)})
            }
            IndicatorSpec::Contribution { part, whole } => {
                json!({"kind": "contribution", "part": s(part), "whole": s(whole)})
            }
            IndicatorSpec::ContributionShare { part, whole } => {
                json!({"kind": "contribution_share", "part": s(part), "whole": s(whole)})
            }
            IndicatorSpec::Ratio { numerator, numerator_period, denominator, denominator_period } => {
                let mut o = json!({"kind": "ratio", "numerator": s(numerator), "denominator": s(denominator)});
                if let serde_json::Value::Object(m) = &mut o {
                    if let Some(p) = numerator_period {
                        m.insert("numerator_period".into(), json!(plan.period_id(*p)));
                    }
                    if let Some(p) = denominator_period {
                        m.insert("denominator_period".into(), json!(plan.period_id(*p)));
                    }
                }
                o
            }
            IndicatorSpec::AggregateGrowth { units } => json!({"kind": "aggregate_growth", "units": list(units)}),
            IndicatorSpec::Remainder { breakdown } => json!({"kind": "remainder",
                "breakdown": plan.breakdowns.get(*breakdown).map_or("?", |b| b.id.as_str())}),
        }
    }
}
