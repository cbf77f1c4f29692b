//! Reading project lists, filters and series over projects from a plan document.

use super::json::{as_decimal, as_str, Obj};
use crate::error::{index, Error, Result};
use crate::model::projects::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::HashMap;

impl Projects {
    /// Reads `"projects": [...]` of a plan document.
    pub fn read(items: &[Value], periods: &HashMap<String, usize>, n_periods: usize) -> Result<Projects> {
        let mut out = Projects::with_capacity(items.len(), n_periods);
        let mut values = out.values.take().unwrap_or_default();
        values.amounts.resize_empty(items.len() * n_periods * 2);
        for (row, v) in items.iter().enumerate() {
            let path = index("projects", row);
            let o = Obj::new(v, &path)?;
            let id = o.req_id("id")?;
            if out.index.insert(id.to_owned(), row).is_some() {
                return Err(Error::DuplicateId { path: o.field_path("id"), id: id.to_owned() });
            }
            let fixed = |dict: &Dict, key: &str, allowed: &[&str]| -> Result<u32> {
                let name = o.req_str(key)?;
                dict.code(name).ok_or_else(|| Error::Invalid {
                    path: o.field_path(key),
                    reason: format!("\"{name}\" is not one of {}", allowed.join(", ")),
                })
            };
            let ownership = fixed(&out.ownerships, "ownership", &OWNERSHIPS)?;
            let stage = fixed(&out.stages, "stage", &STAGES)?;
            let sector = out.sectors.intern(o.opt_str("sector")?.unwrap_or(""));
            let county = out.counties.intern(o.opt_str("county")?.unwrap_or(""));
            let mut flags = 0u32;
            for (i, f) in o.opt_array("flags")?.iter().enumerate() {
                let fpath = index(&o.field_path("flags"), i);
                let code = out.flags.intern(as_str(f, &fpath)?);
                if code >= 32 {
                    return Err(Error::rule("projects.flags", fpath, "a plan can use at most 32 different flags"));
                }
                flags |= 1 << code;
            }
            let amount = |raw: &Value, p: &str| -> Result<Decimal> {
                let d = as_decimal(raw, p)?;
                if d.is_sign_negative() && !d.is_zero() {
                    return Err(Error::Negative { path: p.to_owned(), value: d.to_string() });
                }
                Ok(d)
            };
            values.total.push(o.get("total").map(|t| amount(t, &o.field_path("total"))).transpose()?);
            for (field, key) in [(Field::Annual, "annual"), (Field::Completed, "completed")] {
                let Some(map) = o.opt_obj(key)? else { continue };
                for (pid, raw) in map.entries() {
                    let p = *periods
                        .get(pid.as_str())
                        .ok_or_else(|| Error::UnknownId { path: map.field_path(pid), id: pid.clone() })?;
                    values
                        .amounts
                        .set(row * n_periods * 2 + offset(p, field), Some(amount(raw, &map.field_path(pid))?));
                }
            }
            values.stage.push(stage);
            out.info.push(ProjectInfo {
                id: id.to_owned(),
                name: o.opt_str("name")?.unwrap_or(id).to_owned(),
                sector,
                county,
                ownership,
                flags,
            });
        }
        out.values = Some(values);
        Ok(out)
    }
}

impl Field {
    pub fn read(name: &str, path: &str) -> Result<Field> {
        match name {
            "annual" => Ok(Field::Annual),
            "completed" => Ok(Field::Completed),
            "total" => Ok(Field::Total),
            "count" => Ok(Field::Count),
            other => Err(Error::Invalid {
                path: path.to_owned(),
                reason: format!("\"{other}\" is not a project field (annual, completed, total, count)"),
            }),
        }
    }
}

impl Filter {
    /// Reads `{"ownership": ["private"], "sector": ["industry"], "flags": ["key"]}`. A value no project has matches
    /// nothing (a plan may set a filter before its list is complete); a stage or ownership that does not exist is
    /// an error.
    pub fn read(v: Option<&Value>, path: &str, projects: &Projects) -> Result<Filter> {
        let Some(v) = v else { return Ok(Filter { text: Value::Object(Default::default()), ..Filter::default() }) };
        let o = Obj::new(v, path)?;
        for (key, _) in o.entries() {
            if !["sector", "county", "ownership", "stage", "flags"].contains(&key.as_str()) {
                return Err(Error::Invalid {
                    path: o.field_path(key),
                    reason: format!("\"{key}\" is not a project filter (sector, county, ownership, stage, flags)"),
                });
            }
        }
        let list = |key: &str, dict: &Dict, strict: bool| -> Result<Option<Vec<u32>>> {
            let Some(_) = o.get(key) else { return Ok(None) };
            let items = o.opt_array(key)?;
            let mut codes = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let ipath = index(&o.field_path(key), i);
                let name = as_str(item, &ipath)?;
                match dict.code(name) {
                    Some(c) => codes.push(c),
                    None if strict => {
                        return Err(Error::UnknownId { path: ipath, id: name.to_owned() });
                    }
                    None => {}
                }
            }
            Ok(Some(codes))
        };
        let mut flags = 0u32;
        let mut impossible = false;
        for (i, f) in o.opt_array("flags")?.iter().enumerate() {
            match projects.flags.code(as_str(f, &index(&o.field_path("flags"), i))?) {
                Some(c) if c < 32 => flags |= 1 << c,
                _ => impossible = true,
            }
        }
        Ok(Filter {
            sector: list("sector", &projects.sectors, false)?,
            county: list("county", &projects.counties, false)?,
            ownership: list("ownership", &projects.ownerships, true)?,
            stage: list("stage", &projects.stages, true)?,
            flags,
            impossible,
            text: v.clone(),
        })
    }
}

impl Query {
    pub fn read(v: &Value, path: &str, projects: &Projects) -> Result<Query> {
        let o = Obj::new(v, path)?;
        Ok(Query {
            field: Field::read(o.req_str("field")?, &o.field_path("field"))?,
            filter: Filter::read(o.get("where"), &o.field_path("where"), projects)?,
        })
    }
}
