//! Writes a plan as an .xlsx workbook, or reads one back:
//!   cargo run --example workbook -- export www/presets/zunyi.json zunyi.xlsx [zh-CN|zh-TW|en]
//!   cargo run --example workbook -- import zunyi.xlsx          (prints the plan document it holds)
//!   cargo run --example workbook -- sheets book.xlsx           (prints each sheet as CSV)
use plancalc::session::Session;
use plancalc::xlsx::{export, import, read};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["export", plan, out, rest @ ..] => export_plan(plan, out, rest.first().copied().unwrap_or("zh-CN")),
        ["import", book] => import_plan(book),
        ["sheets", book] => print_sheets(book),
        _ => Err("usage: workbook export PLAN.json OUT.xlsx [locale] | import BOOK.xlsx | sheets BOOK.xlsx".into()),
    };
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn export_plan(plan: &str, out: &str, locale: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(plan).map_err(|e| format!("{plan}: {e}"))?;
    let plan = plancalc::Plan::from_json(&text).map_err(|e| format!("{plan}: {e}"))?;
    let session = Session::open(plan).map_err(|e| e.to_string())?;
    let bytes = export::export(&session, locale, &mut |_, _| {}).map_err(|e| e.to_string())?;
    std::fs::write(out, bytes).map_err(|e| format!("{out}: {e}"))
}

fn open(path: &str) -> Result<read::Workbook, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    read::Workbook::open(bytes).map_err(|e| format!("{path}: [{}] {e}", e.code()))
}

fn import_plan(path: &str) -> Result<(), String> {
    let mut book = open(path)?;
    match import::plan_document(&mut book, &mut |_, _| {}).map_err(|e| format!("[{}] {e}", e.code()))? {
        Some(doc) => println!("{doc:#}"),
        None => println!("null"),
    }
    Ok(())
}

fn print_sheets(path: &str) -> Result<(), String> {
    let mut book = open(path)?;
    for (i, (name, hidden)) in book.sheet_names().into_iter().enumerate() {
        println!("== {name}{}", if hidden { " (hidden)" } else { "" });
        let sheet = book.sheet(i, &mut |_, _| {}).map_err(|e| e.to_string())?;
        print!("{}", read::csv_text(&sheet.rows));
    }
    Ok(())
}
