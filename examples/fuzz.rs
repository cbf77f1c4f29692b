//! `make fuzz SECONDS=…`: plancalc's fuzzer for as long as asked (see `tests/fuzzer/mod.rs` for what it tries and
//! checks). Writes one minimised reproducer per finding into `fuzz-findings/` and exits non-zero if it found any.
//!
//! `cargo run --profile fuzz --example fuzz -- --seconds 600 --seed 7`, or `-- --replay fuzz-findings/x.json` to
//! run one reproducer again.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

#[path = "../tests/fuzzer/mod.rs"]
mod fuzzer;

use std::time::{Duration, Instant};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    if let Some(path) = arg("--replay") {
        let case: fuzzer::Case = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        match fuzzer::run_case(&case) {
            None => println!("{path}: passes"),
            Some(f) => {
                println!("{path}: {}\n{}", f.oracle, f.detail);
                std::process::exit(1);
            }
        }
        return;
    }
    let seconds: u64 = arg("--seconds").and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_secs())
    });
    let out = arg("--out").unwrap_or_else(|| "fuzz-findings".into());
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut last = Instant::now();
    let mut written = 0;
    std::fs::create_dir_all(&out).unwrap();
    let report = fuzzer::run(seed, u64::MAX, |r| {
        // Each finding is written as soon as it is found (a long run may be stopped).
        for (i, f) in r.findings.iter().enumerate().skip(written) {
            let path = format!("{out}/{}-{}-{i}.json", f.category, f.failure.oracle);
            std::fs::write(&path, serde_json::to_string_pretty(&f.reproducer).unwrap()).unwrap();
            eprintln!("finding: {path}\n  {}", f.failure.detail.chars().take(400).collect::<String>());
            written += 1;
        }
        if last.elapsed() > Duration::from_secs(30) {
            eprintln!(
                "{:>5} s: plans {}, sessions {}, csv {}, compact {}, findings {}",
                start.elapsed().as_secs(),
                r.plans,
                r.sessions,
                r.csv,
                r.compact,
                r.findings.len()
            );
            last = Instant::now();
        }
        Instant::now() < deadline
    });
    for (i, f) in report.findings.iter().enumerate().skip(written) {
        let path = format!("{out}/{}-{}-{i}.json", f.category, f.failure.oracle);
        std::fs::write(&path, serde_json::to_string_pretty(&f.reproducer).unwrap()).unwrap();
        println!("finding: {path}\n  {}", f.failure.detail.chars().take(400).collect::<String>());
    }
    println!(
        "seed {seed}, {} s: tried {} plans, {} sessions, {} CSV texts, {} compact lists; {} findings",
        start.elapsed().as_secs(),
        report.plans,
        report.sessions,
        report.csv,
        report.compact,
        report.findings.len()
    );
    if !report.findings.is_empty() {
        std::process::exit(1);
    }
}
