//! The compact form a parsed project list travels in (worker → page, IndexedDB): decimals in their 16-byte form,
//! so the page installs 100,000 projects without parsing a number again.

use crate::error::{Error, Result};
use crate::model::projects::{ProjectInfo, Projects, OWNERSHIPS, STAGES};
use rust_decimal::Decimal;

// ---- the compact form ----

const MAGIC: &[u8; 4] = b"PCP1";

/// Writes a project list (with its values) as bytes for [`decode`].
pub fn encode(projects: &Projects) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + projects.len() * 64);
    let values = projects.values.as_ref();
    let periods = values.map_or(0, |v| v.periods);
    out.extend_from_slice(MAGIC);
    put_len(&mut out, periods);
    put_len(&mut out, projects.len());
    for dict in [&projects.sectors, &projects.counties, &projects.flags] {
        put_len(&mut out, dict.names.len());
        for n in &dict.names {
            put_str(&mut out, n);
        }
    }
    for (row, info) in projects.info.iter().enumerate() {
        put_str(&mut out, &info.id);
        put_str(&mut out, &info.name);
        out.extend_from_slice(&info.sector.to_le_bytes());
        out.extend_from_slice(&info.county.to_le_bytes());
        out.extend_from_slice(&info.flags.to_le_bytes());
        out.push(u8::try_from(info.ownership).unwrap_or(u8::MAX));
        let stage = values.and_then(|v| v.stage.get(row)).copied().unwrap_or(0);
        out.push(u8::try_from(stage).unwrap_or(u8::MAX));
        put_amount(&mut out, values.and_then(|v| v.total.get(row)).copied().flatten());
        for k in 0..periods * 2 {
            put_amount(&mut out, values.and_then(|v| v.amounts.get(row * periods * 2 + k)));
        }
    }
    out
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_amount(out: &mut Vec<u8>, d: Option<Decimal>) {
    match d {
        None => out.push(0),
        Some(d) => {
            out.push(1);
            out.extend_from_slice(&d.serialize());
        }
    }
}

/// Reads bytes written by [`encode`] for a plan of `periods` periods, checking everything: they come from
/// JavaScript and may be anything.
pub fn decode(bytes: &[u8], periods: usize) -> Result<Projects> {
    let bad = |reason: &str| Error::Invalid { path: "projects".into(), reason: reason.to_owned() };
    let mut r = Bytes { rest: bytes };
    if r.take(4) != Some(MAGIC.as_slice()) {
        return Err(bad("not a project list written by plancalc"));
    }
    let truncated = || bad("the project list is cut short");
    let n_periods = r.len().ok_or_else(truncated)?;
    if n_periods != periods {
        return Err(bad("the project list was read for a plan with other periods"));
    }
    let n = r.len().ok_or_else(truncated)?;
    // Each project takes at least 23 bytes: a limit on what to reserve before reading them.
    if n > bytes.len() / 23 {
        return Err(truncated());
    }
    let mut out = Projects::with_capacity(n, periods);
    let mut dicts = [Vec::new(), Vec::new(), Vec::new()];
    for d in &mut dicts {
        let count = r.len().ok_or_else(truncated)?;
        for _ in 0..count {
            d.push(r.string().ok_or_else(truncated)?);
        }
    }
    let [sectors, counties, flags] = dicts;
    if flags.len() > 32 {
        return Err(bad("a plan can use at most 32 different flags"));
    }
    for (dict, names) in [(&mut out.sectors, sectors), (&mut out.counties, counties), (&mut out.flags, flags)] {
        for name in names {
            dict.intern(&name);
        }
    }
    let Some(values) = out.values.as_mut() else { return Err(truncated()) };
    for row in 0..n {
        let id = r.string().ok_or_else(truncated)?;
        let name = r.string().ok_or_else(truncated)?;
        let sector = r.u32().ok_or_else(truncated)?;
        let county = r.u32().ok_or_else(truncated)?;
        let flag_bits = r.u32().ok_or_else(truncated)?;
        let ownership = u32::from(r.byte().ok_or_else(truncated)?);
        let stage = u32::from(r.byte().ok_or_else(truncated)?);
        let fits = |code: u32, len: usize| usize::try_from(code).is_ok_and(|c| c < len);
        if !fits(sector, out.sectors.names.len())
            || !fits(county, out.counties.names.len())
            || !fits(ownership, OWNERSHIPS.len())
            || !fits(stage, STAGES.len())
            || (out.flags.names.len() < 32 && flag_bits >> out.flags.names.len() != 0)
        {
            return Err(bad("a project names a category the list does not have"));
        }
        if id.is_empty() {
            return Err(Error::Missing { path: format!("projects[{row}].id") });
        }
        values.total.push(r.amount().ok_or_else(truncated)?);
        for _ in 0..periods * 2 {
            values.amounts.push(r.amount().ok_or_else(truncated)?);
        }
        values.stage.push(stage);
        if out.index.insert(id.clone(), row).is_some() {
            return Err(Error::DuplicateId { path: format!("projects[{row}].id"), id });
        }
        out.info.push(ProjectInfo { id, name, sector, county, ownership, flags: flag_bits });
    }
    if values.total.iter().copied().chain(values.amounts.iter()).flatten().any(|d| d.is_sign_negative() && !d.is_zero())
    {
        return Err(bad("a project amount is negative"));
    }
    if !r.rest.is_empty() {
        return Err(bad("bytes follow the project list"));
    }
    Ok(out)
}

/// A cursor over bytes; every read is checked.
struct Bytes<'a> {
    rest: &'a [u8],
}

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.rest.split_at_checked(n)?;
        self.rest = tail;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().and_then(|n| usize::try_from(n).ok())
    }

    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_owned)
    }

    fn amount(&mut self) -> Option<Option<Decimal>> {
        match self.byte()? {
            0 => Some(None),
            1 => {
                let raw: [u8; 16] = self.take(16)?.try_into().ok()?;
                Some(Some(Decimal::deserialize(raw)))
            }
            _ => None,
        }
    }
}
