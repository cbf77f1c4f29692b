//! Golden tests: every preset in `www/presets/` has `tests/golden/<name>.txt` listing each target's value and
//! status and every warning code. Dropping a plan file and its expected results into those folders adds a test.
//! `PLANCALC_BLESS=1 cargo test --test golden` rewrites the files; review the diff before committing it.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests, not library code

use plancalc::Session;
use std::fs;
use std::path::Path;

/// The summary a golden file holds: one line per target, then one per warning.
fn summary(session: &Session) -> String {
    let results = session.results();
    let mut out = String::new();
    for t in &results.targets {
        let value = t.value.as_ref().map_or("—".to_owned(), |q| format!("{} {}", q.display, q.symbol));
        let needed = t.needed.as_ref().map_or(String::new(), |q| format!(" needed {} {}", q.display, q.symbol));
        let why = if t.missing.is_empty() { t.reason.clone().unwrap_or_default() } else { t.missing.join(",") };
        out.push_str(&format!("target {} = {value} [{:?}]{needed} {why}\n", t.id, t.status));
    }
    for w in &results.warnings {
        let figures: Vec<String> = w.figures.iter().map(|(k, q)| format!("{k}={}", q.display)).collect();
        out.push_str(&format!("warning {} {} {}\n", w.code, w.ids.join(","), figures.join(" ")));
    }
    out
}

#[test]
fn every_preset_matches_its_golden_file() {
    let presets = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/presets");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("PLANCALC_BLESS").is_some();
    let mut names: Vec<_> = fs::read_dir(&presets).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 5, "the five seed plans are presets");
    for path in names {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let session = Session::from_json(&fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: [{}] {e}", e.code()));
        let got = summary(&session);
        let file = golden.join(format!("{name}.txt"));
        if bless {
            fs::create_dir_all(&golden).unwrap();
            fs::write(&file, &got).unwrap();
        }
        let want = fs::read_to_string(&file).unwrap_or_else(|_| panic!("{name}: no golden file {}", file.display()));
        assert_eq!(got, want, "{name}: results differ from {}", file.display());
    }
}
