//! Project lists: the projects a plan tracks (id, name, sector, county, ownership, stage, flags, planned and
//! completed amounts), and series defined over them — the sum of a field over the projects matching a filter.
//!
//! Static facts (names, categories) live in [`Projects`], read once; what edits change (stage, amounts) lives in
//! [`ProjectValues`], held flat so that a scenario's copy is a few allocations at any size. An edit to one project
//! changes only the series whose filter it matches, so its cost does not grow with the number of projects.

use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::json::{as_decimal, as_str, index, Obj};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// The stages a project goes through (储备, 新开工, 续建, 竣工).
pub const STAGES: [&str; 4] = ["reserve", "new", "continuing", "finishing"];
/// Who owns a project (民间, 国有, 外资, 混合).
pub const OWNERSHIPS: [&str; 4] = ["private", "state", "foreign", "mixed"];

/// Names interned as small numbers, so that filters compare integers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dict {
    pub names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Dict {
    pub(crate) fn fixed(names: &[&str]) -> Dict {
        let mut d = Dict::default();
        for n in names {
            d.intern(n);
        }
        d
    }

    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        i
    }

    pub fn code(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    pub fn name(&self, code: u32) -> &str {
        usize::try_from(code).ok().and_then(|i| self.names.get(i)).map_or("?", String::as_str)
    }
}

/// What a project is: fixed for the plan's life.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectInfo {
    pub id: String,
    pub name: String,
    pub sector: u32,
    pub county: u32,
    pub ownership: u32,
    /// Bit i set: the project carries flag i of [`Projects::flags`] (key, major, provincial …).
    pub flags: u32,
}

/// The amounts and stage of every project, flat: `amounts[(row × periods + p) × 2 + field]` with field 0 the annual
/// plan and 1 the amount completed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProjectValues {
    pub periods: usize,
    pub stage: Vec<u32>,
    pub total: Vec<Option<Decimal>>,
    pub amounts: Vec<Option<Decimal>>,
}

/// Where a per-period amount sits within one project's amounts: two per period, annual then completed.
pub(crate) fn offset(p: usize, field: Field) -> usize {
    p * 2 + usize::from(field == Field::Completed)
}

impl ProjectValues {
    pub fn amount(&self, row: usize, p: usize, field: Field) -> Option<Decimal> {
        match field {
            Field::Annual | Field::Completed => {
                self.amounts.get(row * self.periods * 2 + offset(p, field)).copied().flatten()
            }
            Field::Total => self.total.get(row).copied().flatten(),
            Field::Count => Some(Decimal::ONE),
        }
    }

    /// One project's editable state, for undo.
    pub fn row(&self, row: usize) -> Row {
        let start = row * self.periods * 2;
        Row {
            stage: self.stage.get(row).copied().unwrap_or(0),
            total: self.total.get(row).copied().flatten(),
            amounts: self.amounts.get(start..start + self.periods * 2).map(<[_]>::to_vec).unwrap_or_default(),
        }
    }

    pub fn set_row(&mut self, row: usize, r: &Row) {
        if let Some(s) = self.stage.get_mut(row) {
            *s = r.stage;
        }
        if let Some(t) = self.total.get_mut(row) {
            *t = r.total;
        }
        let start = row * self.periods * 2;
        if let Some(slots) = self.amounts.get_mut(start..start + self.periods * 2) {
            slots.copy_from_slice(&r.amounts);
        }
    }
}

/// One project's editable state.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub stage: u32,
    pub total: Option<Decimal>,
    pub amounts: Vec<Option<Decimal>>,
}

impl Row {
    pub fn amount(&self, p: usize, field: Field) -> Option<Decimal> {
        match field {
            Field::Annual | Field::Completed => self.amounts.get(offset(p, field)).copied().flatten(),
            Field::Total => self.total,
            Field::Count => Some(Decimal::ONE),
        }
    }
}

/// A plan's project list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Projects {
    pub info: Vec<ProjectInfo>,
    pub values: Option<ProjectValues>,
    pub sectors: Dict,
    pub counties: Dict,
    pub ownerships: Dict,
    pub stages: Dict,
    pub flags: Dict,
    pub(crate) index: HashMap<String, usize>,
}

impl Projects {
    pub fn len(&self) -> usize {
        self.info.len()
    }

    pub fn is_empty(&self) -> bool {
        self.info.is_empty()
    }

    pub fn row_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// An empty list with room for `n` projects over `periods` periods, ready to be filled.
    pub(crate) fn with_capacity(n: usize, periods: usize) -> Projects {
        Projects {
            stages: Dict::fixed(&STAGES),
            ownerships: Dict::fixed(&OWNERSHIPS),
            index: HashMap::with_capacity(n),
            info: Vec::with_capacity(n),
            values: Some(ProjectValues {
                periods,
                stage: Vec::with_capacity(n),
                total: Vec::with_capacity(n),
                amounts: Vec::with_capacity(n * periods * 2),
            }),
            ..Projects::default()
        }
    }

    /// Reads `"projects": [...]` of a plan document.
    pub fn read(items: &[Value], periods: &HashMap<String, usize>, n_periods: usize) -> Result<Projects> {
        let mut out = Projects::with_capacity(items.len(), n_periods);
        let mut values = out.values.take().unwrap_or_default();
        values.amounts.resize(items.len() * n_periods * 2, None);
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
                    return Err(Error::Invalid {
                        path: fpath,
                        reason: "a plan can use at most 32 different flags".into(),
                    });
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
                    if let Some(slot) = values.amounts.get_mut(row * n_periods * 2 + offset(p, field)) {
                        *slot = Some(amount(raw, &map.field_path(pid))?);
                    }
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

/// One project as the project table shows it: names rather than codes, amounts as exact decimal strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub sector: &'a str,
    pub county: &'a str,
    pub ownership: &'a str,
    pub stage: &'a str,
    pub flags: Vec<&'a str>,
    pub total: Option<String>,
    /// The annual plan, period by period.
    pub annual: Vec<Option<String>>,
    /// The amount completed, period by period.
    pub completed: Vec<Option<String>>,
}

impl Projects {
    /// The rows matching `filter` whose id or name contains `text` (ASCII letters in any case), in list order.
    pub fn select(&self, values: &ProjectValues, filter: &Filter, text: &str) -> Vec<u32> {
        let needle = text.trim().to_ascii_lowercase();
        self.info
            .iter()
            .enumerate()
            .filter(|(row, info)| {
                filter.matches(info, values.stage.get(*row).copied().unwrap_or(0))
                    && (needle.is_empty() || contains_folded(&info.id, &needle) || contains_folded(&info.name, &needle))
            })
            .filter_map(|(row, _)| u32::try_from(row).ok())
            .collect()
    }

    /// One project for display.
    pub fn project_row<'a>(&'a self, values: &ProjectValues, row: usize) -> Option<ProjectRow<'a>> {
        let info = self.info.get(row)?;
        let text = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
        let per = |field| (0..values.periods).map(|p| text(values.amount(row, p, field))).collect();
        Some(ProjectRow {
            id: &info.id,
            name: &info.name,
            sector: self.sectors.name(info.sector),
            county: self.counties.name(info.county),
            ownership: self.ownerships.name(info.ownership),
            stage: self.stages.name(values.stage.get(row).copied().unwrap_or(0)),
            flags: (0..32u32).filter(|b| info.flags & (1 << b) != 0).map(|b| self.flags.name(b)).collect(),
            total: text(values.amount(row, 0, Field::Total)),
            annual: per(Field::Annual),
            completed: per(Field::Completed),
        })
    }
}

/// Whether `hay` contains `needle` (already lower case), ignoring the case of ASCII letters.
fn contains_folded(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.len() <= h.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Which figure of a project a series adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The annual planned investment in the period (年度计划投资).
    Annual,
    /// The amount completed in the period (完成投资).
    Completed,
    /// The total planned investment (总投资), the same in every period.
    Total,
    /// One per project: a count (个), for start and conversion rates by number.
    Count,
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

    pub fn name(self) -> &'static str {
        match self {
            Field::Annual => "annual",
            Field::Completed => "completed",
            Field::Total => "total",
            Field::Count => "count",
        }
    }
}

/// Which projects: every listed condition must hold; within a condition, any of the listed values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub sector: Option<Vec<u32>>,
    pub county: Option<Vec<u32>>,
    pub ownership: Option<Vec<u32>>,
    pub stage: Option<Vec<u32>>,
    /// Every one of these flags.
    pub flags: u32,
    /// A flag no project carries was asked for: nothing matches.
    pub impossible: bool,
    /// The flags as written, kept for writing the filter back.
    pub text: Value,
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

    /// Whether a project, at `stage`, is one of these.
    pub fn matches(&self, info: &ProjectInfo, stage: u32) -> bool {
        let within = |list: &Option<Vec<u32>>, x: u32| list.as_ref().is_none_or(|l| l.contains(&x));
        !self.impossible
            && within(&self.sector, info.sector)
            && within(&self.county, info.county)
            && within(&self.ownership, info.ownership)
            && within(&self.stage, stage)
            && info.flags & self.flags == self.flags
    }
}

/// A series defined over projects: the sum of `field` over the projects matching `filter`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub field: Field,
    pub filter: Filter,
}

impl Query {
    pub fn read(v: &Value, path: &str, projects: &Projects) -> Result<Query> {
        let o = Obj::new(v, path)?;
        Ok(Query {
            field: Field::read(o.req_str("field")?, &o.field_path("field"))?,
            filter: Filter::read(o.get("where"), &o.field_path("where"), projects)?,
        })
    }

    /// The series' value in period `p`: the sum over every matching project (a project without the figure adds
    /// nothing). `None` on overflow.
    pub fn total(&self, projects: &Projects, values: &ProjectValues, p: usize) -> Option<Exact> {
        let mut sum = Decimal::ZERO;
        for (row, info) in projects.info.iter().enumerate() {
            if self.filter.matches(info, values.stage.get(row).copied().unwrap_or(0)) {
                if let Some(v) = values.amount(row, p, self.field) {
                    sum = sum.checked_add(v)?;
                }
            }
        }
        Some(Exact::from(sum))
    }

    /// What one project adds to the series in period `p`, in the state `row`.
    pub fn part(&self, info: &ProjectInfo, row: &Row, p: usize) -> Decimal {
        if self.filter.matches(info, row.stage) {
            row.amount(p, self.field).unwrap_or(Decimal::ZERO)
        } else {
            Decimal::ZERO
        }
    }
}

/// Applies an amount operation to one project's state. `path` names the figure in an error (built only then: a bulk
/// edit reaches thousands of projects).
pub fn apply_amount(row: &mut Row, p: usize, field: Field, op: AmountOp, path: impl Fn() -> String) -> Result<()> {
    let annual = row.amount(p, Field::Annual);
    let slot = match field {
        Field::Annual | Field::Completed => row.amounts.get_mut(offset(p, field)),
        Field::Total => Some(&mut row.total),
        Field::Count => None,
    };
    let Some(slot) = slot else {
        return Err(Error::Invalid { path: path(), reason: "a count is not edited; edit the projects".into() });
    };
    let overflow = || Error::Overflow { path: path() };
    let new = match op {
        AmountOp::Set(v) => Some(v),
        AmountOp::Add(d) => Some(slot.unwrap_or(Decimal::ZERO).checked_add(d).ok_or_else(overflow)?),
        // A percentage of a missing figure changes nothing.
        AmountOp::Percent(pct) => match *slot {
            None => None,
            Some(v) => Some(Decimal::ONE_HUNDRED.checked_add(pct).and_then(|f| percent_of(v, f)).ok_or_else(overflow)?),
        },
        // "Reach 85%": what is completed rises to 85% of the annual plan; more already done stays.
        AmountOp::Reach(pct) => match annual {
            None => *slot,
            Some(a) => {
                let target = percent_of(a, pct).ok_or_else(overflow)?;
                Some(slot.map_or(target, |v| v.max(target)))
            }
        },
    };
    if let Some(v) = new {
        if v.is_sign_negative() && !v.is_zero() {
            return Err(Error::Negative { path: path(), value: v.to_string() });
        }
    }
    *slot = new;
    Ok(())
}

/// `pct` per cent of `v`, exactly: the product with the decimal point moved two places (a division by 100 only
/// where the scale would pass 28).
fn percent_of(v: Decimal, pct: Decimal) -> Option<Decimal> {
    let mut x = v.checked_mul(pct)?;
    if x.scale() + 2 <= 28 {
        x.set_scale(x.scale() + 2).ok()?;
        Some(x)
    } else {
        x.checked_div(Decimal::ONE_HUNDRED)
    }
}

/// An amount operation, parsed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AmountOp {
    Set(Decimal),
    Add(Decimal),
    Percent(Decimal),
    /// Completed reaches this percentage of the annual plan.
    Reach(Decimal),
}
