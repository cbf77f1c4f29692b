//! Path-aware reading of a JSON document: every error names the field it is about.

use crate::error::{Error, Result};
use crate::exact::Exact;
use crate::number::{parse_decimal, parse_exact};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// Parses JSON text, reporting line and column on failure.
pub fn parse_text(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::Json { line: e.line(), column: e.column(), message: e.to_string() })
}

/// An object in the document together with its path.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    /// Views `value` as an object, or says at `path` that it must be one.
    pub fn new(value: &'a Value, path: &str) -> Result<Self> {
        match value {
            Value::Object(map) => Ok(Obj { map, path: path.to_owned() }),
            _ => Err(Error::Type { path: path.to_owned(), expected: "an object" }),
        }
    }

    /// The path of one of its fields.
    pub fn field_path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// A field, absent or `null` counted as missing.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A required field.
    pub fn req(&self, key: &str) -> Result<&'a Value> {
        self.get(key).ok_or_else(|| Error::Missing { path: self.field_path(key) })
    }

    /// A required string field.
    pub fn req_str(&self, key: &str) -> Result<&'a str> {
        as_str(self.req(key)?, &self.field_path(key))
    }

    /// An optional string field.
    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>> {
        self.get(key).map(|v| as_str(v, &self.field_path(key))).transpose()
    }

    /// A required non-empty identifier.
    pub fn req_id(&self, key: &str) -> Result<&'a str> {
        let id = self.req_str(key)?;
        if id.trim().is_empty() {
            return Err(Error::Invalid { path: self.field_path(key), reason: "an id cannot be empty".into() });
        }
        Ok(id)
    }

    /// An optional boolean field.
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error::Type { path: self.field_path(key), expected: "true or false" }),
        }
    }

    /// An optional array field; absent means empty.
    pub fn opt_array(&self, key: &str) -> Result<&'a [Value]> {
        match self.get(key) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(Error::Type { path: self.field_path(key), expected: "an array" }),
        }
    }

    /// An optional object field.
    pub fn opt_obj(&self, key: &str) -> Result<Option<Obj<'a>>> {
        self.get(key).map(|v| Obj::new(v, &self.field_path(key))).transpose()
    }

    /// A required object field.
    pub fn req_obj(&self, key: &str) -> Result<Obj<'a>> {
        Obj::new(self.req(key)?, &self.field_path(key))
    }

    /// A required decimal field (a string, or a JSON number read by its printed form).
    pub fn req_decimal(&self, key: &str) -> Result<Decimal> {
        as_decimal(self.req(key)?, &self.field_path(key))
    }

    /// An optional decimal field.
    pub fn opt_decimal(&self, key: &str) -> Result<Option<Decimal>> {
        self.get(key).map(|v| as_decimal(v, &self.field_path(key))).transpose()
    }

    /// The fields in document order.
    pub fn entries(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.map.iter()
    }
}

/// `parent.key`, or `key` at the top.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// `parent[index]`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// Views a value as a string.
pub fn as_str<'a>(value: &'a Value, path: &str) -> Result<&'a str> {
    value.as_str().ok_or_else(|| Error::Type { path: path.to_owned(), expected: "a string" })
}

/// Reads an amount: a decimal string as planners type it, or a JSON number.
pub fn as_decimal(value: &Value, path: &str) -> Result<Decimal> {
    match value {
        Value::String(s) => parse_decimal(s, path),
        Value::Number(n) => parse_decimal(&n.to_string(), path),
        _ => Err(Error::Type { path: path.to_owned(), expected: "a decimal string such as \"1450.5\"" }),
    }
}

/// Reads an exact amount: a decimal or fraction string, or a JSON number.
pub fn as_exact(value: &Value, path: &str) -> Result<Exact> {
    match value {
        Value::String(s) => parse_exact(s, path),
        _ => as_decimal(value, path).map(Exact::from),
    }
}
