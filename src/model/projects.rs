//! Project lists: the projects a plan tracks (id, name, sector, county, ownership, stage, flags, planned and
//! completed amounts), and series defined over them — the sum of a field over the projects matching a filter.
//!
//! Static facts (names, categories) live in [`Projects`]; what edits change (stage, amounts) lives in
//! [`ProjectValues`], held flat so that a scenario's copy is a few allocations at any size.

use rust_decimal::Decimal;
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
    pub amounts: Amounts,
}

/// Optional amounts, flat: the decimals, and a bit per slot saying whether it holds one — 16 bytes and a bit a slot
/// rather than an `Option<Decimal>`'s 20. A year by month of 100,000 projects is 2.4 million slots, held by the plan
/// and by each scenario that edits them: measured in Chromium, the page's wasm memory for it went from 129.5 MB to
/// 111.4 MB (budget 128 MB; BENCHMARKS.md).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Amounts {
    /// A slot without an amount holds zero, so that equal lists compare equal.
    values: Vec<Decimal>,
    present: Vec<u64>,
}

impl Amounts {
    pub fn with_capacity(n: usize) -> Amounts {
        Amounts { values: Vec::with_capacity(n), present: Vec::with_capacity(n.div_ceil(64)) }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Decimal> {
        let here = self.present.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1);
        if here {
            self.values.get(i).copied()
        } else {
            None
        }
    }

    /// Writes slot `i` (a slot past the end is left alone).
    pub fn set(&mut self, i: usize, v: Option<Decimal>) {
        let (Some(slot), Some(word)) = (self.values.get_mut(i), self.present.get_mut(i / 64)) else { return };
        *slot = v.unwrap_or(Decimal::ZERO);
        let bit = 1u64 << (i % 64);
        if v.is_some() {
            *word |= bit;
        } else {
            *word &= !bit;
        }
    }

    pub fn push(&mut self, v: Option<Decimal>) {
        let i = self.values.len();
        self.values.push(v.unwrap_or(Decimal::ZERO));
        if i % 64 == 0 {
            self.present.push(0);
        }
        self.set(i, v);
    }

    pub fn extend(&mut self, items: impl IntoIterator<Item = Option<Decimal>>) {
        for v in items {
            self.push(v);
        }
    }

    /// Grows to `n` slots without amounts.
    pub fn resize_empty(&mut self, n: usize) {
        self.values.resize(n, Decimal::ZERO);
        self.present.resize(n.div_ceil(64), 0);
    }

    /// Slots `start..start + len` (empty if they run past the end).
    pub fn slice(&self, start: usize, len: usize) -> Vec<Option<Decimal>> {
        if start.saturating_add(len) > self.len() {
            return Vec::new();
        }
        (start..start + len).map(|i| self.get(i)).collect()
    }

    /// Writes `items` from slot `start`.
    pub fn set_slice(&mut self, start: usize, items: &[Option<Decimal>]) {
        for (k, v) in items.iter().enumerate() {
            self.set(start + k, *v);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Option<Decimal>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Where a per-period amount sits within one project's amounts: two per period, annual then completed.
pub(crate) fn offset(p: usize, field: Field) -> usize {
    p * 2 + usize::from(field == Field::Completed)
}

impl ProjectValues {
    pub fn amount(&self, row: usize, p: usize, field: Field) -> Option<Decimal> {
        match field {
            Field::Annual | Field::Completed => self.amounts.get(row * self.periods * 2 + offset(p, field)),
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
            amounts: self.amounts.slice(start, self.periods * 2),
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
        if r.amounts.len() == self.periods * 2 {
            self.amounts.set_slice(start, &r.amounts);
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
                amounts: Amounts::with_capacity(n * periods * 2),
            }),
            ..Projects::default()
        }
    }
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

impl Query {}
