//! The draft plan: the periods, series and targets that were read, as a plan document (docs/plan-format.md) that the
//! planner opens in the editor. Figures are left empty: a plan's text states targets, not statistics.

use serde_json::{json, Map, Value};

use super::{DraftTarget, Note};
use crate::messages::{say, Arg};

/// The whole a share is taken of when the text does not name one.
const FAI: &str = "固定资产投资";

/// English names of the series plans name most (the domain's vocabulary); any other keeps its Chinese name.
const ENGLISH: &[(&str, &str)] = &[
    ("固定资产投资", "Fixed-asset investment (FAI)"),
    ("工业投资", "Industrial investment"),
    ("民间投资", "Private investment"),
    ("制造业投资", "Manufacturing investment"),
    ("基础设施投资", "Infrastructure investment"),
    ("房地产开发投资", "Real-estate development investment"),
    ("技改投资", "Technical-renovation investment"),
    ("工业技改投资", "Industrial technical-renovation investment"),
    ("重点项目投资", "Key-project investment"),
    ("重大项目投资", "Major-project investment"),
    ("重大项目", "Major projects"),
    ("重点项目", "Key projects"),
    ("农业投资", "Agricultural investment"),
    ("能源投资", "Energy investment"),
    ("招商引资到位资金", "Investment-promotion funds in place"),
];

fn english(zh: &str) -> String {
    ENGLISH.iter().find(|(z, _)| *z == zh).map_or_else(|| zh.to_owned(), |(_, en)| (*en).to_owned())
}

fn labels(zh: &str, en: &str) -> Value {
    json!({"zh-CN": zh, "en": en})
}

/// The same series however the text prefixes it ("全社会固定资产投资" is FAI).
fn key(name: &str) -> &str {
    let name = name.strip_prefix("全社会").unwrap_or(name);
    // "占全部投资的比重", "占全社会投资比重": the whole is FAI.
    if matches!(name, "" | "投资" | "全部投资" | "总投资额" | "全市投资") {
        FAI
    } else {
        name
    }
}

struct Series {
    list: Vec<Value>,
    ids: Vec<(String, String)>,
}

impl Series {
    /// The id of the series named `name` in `unit`, added when new.
    fn id(&mut self, name: &str, unit: &str, within: Option<&str>) -> String {
        let k = format!("{}|{unit}", key(name));
        if let Some((_, id)) = self.ids.iter().find(|(x, _)| *x == k) {
            return id.clone();
        }
        let id = format!("s{}", self.ids.len() + 1);
        let mut s = Map::new();
        s.insert("id".into(), json!(id));
        s.insert("label".into(), labels(key(name), &english(key(name))));
        s.insert("values".into(), json!({}));
        if unit != "亿元" {
            s.insert("unit".into(), json!(unit));
        }
        if let Some(w) = within {
            s.insert("within".into(), json!(w));
        }
        self.list.push(Value::Object(s));
        self.ids.push((k, id.clone()));
        id
    }
}

/// A period of the draft from its id (see [`super::periods::Period::id`]).
fn period(id: &str, ids: &[String]) -> Value {
    let (zh, en, kind) = if let Some((a, b)) = id.split_once('-').filter(|(a, b)| a.len() == 4 && b.len() == 4) {
        (format!("{a}—{b}年累计"), format!("{a}–{b} cumulative"), "span")
    } else if let Some((y, q)) = id.split_once("-Q") {
        (format!("{y}年第{q}季度末"), format!("end of Q{q} {y}"), "quarter")
    } else if let Some((y, h)) = id.split_once("-H") {
        let (zh, en) = if h == "1" { ("上半年", "first half") } else { ("下半年", "second half") };
        (format!("{y}年{zh}"), format!("{en} {y}"), "span")
    } else if let Some((y, m)) = id.split_once('-').filter(|(y, _)| y.len() == 4) {
        // "Jan–Sep 2023", as the presets write it: the month's name cut to its usual three letters.
        let short = crate::messages::month_name(m).and_then(|n| n.get(..3)).unwrap_or(m);
        (format!("{y}年1—{}月", m.trim_start_matches('0')), format!("Jan–{short} {y}"), "month")
    } else if id == "each-year" {
        ("每年".to_owned(), "each year".to_owned(), "year")
    } else if id.len() == 4 {
        (format!("{id}年"), id.to_owned(), "year")
    } else {
        ("本期".to_owned(), "the plan's period".to_owned(), "year")
    };
    let mut p = json!({"id": id, "label": labels(&zh, &en), "kind": kind});
    let previous = id.parse::<u16>().ok().map(|y| (y - 1).to_string());
    if let Some(prev) = previous.filter(|p| ids.contains(p)) {
        if let Some(o) = p.as_object_mut() {
            o.insert("previous".into(), json!(prev));
        }
    }
    p
}

/// The draft plan for `targets`; a note for each 左右 without a tolerance.
pub fn plan(title: Option<&str>, targets: &[DraftTarget], notes: &mut Vec<Note>) -> Value {
    let mut series = Series { list: Vec::new(), ids: Vec::new() };
    let mut period_ids: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for t in targets {
        let money = matches!(t.unit.as_str(), "亿元" | "万元" | "亿美元");
        let unit = if money || t.indicator == "count" { t.unit.as_str() } else { "亿元" };
        let whole = if t.whole.is_empty() { FAI } else { t.whole.as_str() };
        let (indicator, suffix_zh, suffix_en) = match t.indicator.as_str() {
            "share" => {
                let whole = series.id(whole, "亿元", None);
                let part = series.id(&t.subject, "亿元", Some(&whole));
                (json!({"kind": "share", "part": part, "whole": whole}), "占比", " share")
            }
            "growth" => (json!({"kind": "growth", "series": series.id(&t.subject, "亿元", None)}), "增长", " growth"),
            "completion" => {
                let done = series.id(&format!("{}(已完成)", t.subject), "亿元", None);
                let plan = series.id(&format!("{}(计划)", t.subject), "亿元", None);
                (json!({"kind": "completion", "done": done, "plan": plan}), "", "")
            }
            "ratio" => {
                let numerator = series.id(&t.subject, "亿元", None);
                let denominator = series.id(whole, "亿元", None);
                (json!({"kind": "ratio", "numerator": numerator, "denominator": denominator}), "倍数", " multiple")
            }
            _ => (json!({"kind": "amount", "series": series.id(&t.subject, unit, None)}), "", ""),
        };
        if !period_ids.contains(&t.period) {
            period_ids.push(t.period.clone());
        }
        // A growth rate is measured against the year before: its period is there to take last year's figure.
        if t.indicator == "growth" {
            if let Ok(y) = t.period.parse::<u16>() {
                let before = (y - 1).to_string();
                if !period_ids.contains(&before) {
                    period_ids.push(before);
                }
            }
        }
        let name = format!("{}{suffix_zh}", t.subject);
        let mut target = json!({
            "id": t.id,
            "label": labels(&name, &format!("{}{suffix_en}", english(&t.subject))),
            "indicator": indicator,
            "period": t.period,
            "cmp": t.cmp,
            "value": t.value,
            "soft": t.soft,
            "source_text": t.sentence,
        });
        if t.cmp == "~" {
            if let Some(t) = target.as_object_mut() {
                t.insert("tolerance".into(), json!("0"));
            }
            notes.push(Note {
                code: "reader.about_needs_tolerance",
                text: say("reader.about_needs_tolerance", &[("subject", Arg::Same(&name))]),
            });
        }
        out.push(target);
    }
    // By year; within a year, the year itself first, then its parts; a span sorts by its first year.
    period_ids.sort_by_key(|id| (id.chars().take(4).collect::<String>(), id.len()));
    let periods: Vec<Value> = period_ids.iter().map(|id| period(id, &period_ids)).collect();
    let title = title.unwrap_or("读自文本的方案草稿");
    json!({
        "schema": 1,
        "id": "draft",
        "title": labels(title, &format!("Draft read from text: {title}")),
        "periods": periods,
        "series": series.list,
        "targets": out,
        "notes": [labels("由方案文本读出的草稿：数字为空，请填入统计数据。", "A draft read from the plan's text: figures are empty until you enter statistics.")],
    })
}
