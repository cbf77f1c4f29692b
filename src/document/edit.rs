//! Reading an edit, from the JS API or a saved state alike: every error names its field (`edit.mode`).

use super::json::{as_str, Obj};
use crate::error::{index, Error, Result};
use crate::model::edit::{Edit, Mode, Op};
use serde::{Deserialize, Deserializer};

impl Edit {
    /// Reads an edit from JSON, as the JS API receives it; every error names its field (`edit.mode`). Amounts may be
    /// strings as typed or JSON numbers (read by their printed digits). Exactly one of `set`, `add`, `percent` or
    /// `reach`.
    pub fn from_value(value: &serde_json::Value, path: &str) -> Result<Edit> {
        let o = Obj::new(value, path)
            .map_err(|_| Error::Invalid { path: path.to_owned(), reason: "expected an edit object".into() })?;
        let text = |key: &str| o.opt_str(key).map(|t| t.map(str::to_owned));
        // An amount may also be a JSON number, kept as its printed digits.
        let amount = |key: &str| match o.get(key) {
            Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
            _ => text(key),
        };
        let mut ops = Vec::new();
        for (key, make) in
            [("set", Op::Set as fn(String) -> Op), ("add", Op::Add), ("percent", Op::Percent), ("reach", Op::Reach)]
        {
            if let Some(t) = amount(key)? {
                ops.push(make(t));
            }
        }
        let op = match (ops.pop(), ops.is_empty()) {
            (Some(op), true) => op,
            _ => {
                let reason = "an edit needs exactly one of set, add, percent or reach".into();
                return Err(Error::Invalid { path: path.to_owned(), reason });
            }
        };
        let counts_path = o.field_path("counts_toward");
        let counts_toward = o
            .opt_array("counts_toward")?
            .iter()
            .enumerate()
            .map(|(i, v)| as_str(v, &index(&counts_path, i)).map(str::to_owned))
            .collect::<Result<_>>()?;
        Ok(Edit {
            series: text("series")?.unwrap_or_default(),
            project: text("project")?,
            filter: o.get("where").cloned(),
            field: text("field")?,
            period: text("period")?.unwrap_or_default(),
            op,
            mode: Mode::parse(o.opt_str("mode")?.unwrap_or_default(), &o.field_path("mode"))?,
            counts_toward,
            offset: text("offset")?,
        })
    }
}

impl Mode {
    /// A mode by name: `additive`, or `substitute` (also the empty name: the default); an error at `path` otherwise.
    pub fn parse(name: &str, path: &str) -> crate::error::Result<Mode> {
        match name {
            "additive" => Ok(Mode::Additive),
            "substitute" | "" => Ok(Mode::Substitute),
            other => Err(crate::error::Error::Invalid {
                path: path.to_owned(),
                reason: format!("\"{other}\" is not a mode (additive, substitute)"),
            }),
        }
    }
}

/// Serde reads an edit (inside a saved state or a goal-seek answer) with the same reader as the JS API.
impl<'de> Deserialize<'de> for Edit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Edit, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Edit::from_value(&value, "edit").map_err(serde::de::Error::custom)
    }
}
