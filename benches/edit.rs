//! Native benchmark: an edit and every result it changes, on the largest preset. Prints one JSON line per case
//! (`make bench` collects them into BENCHMARKS.md). Batches of calls are timed and the median batch mean reported,
//! so timer resolution and outliers do not decide the figure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // a benchmark, not library code

use plancalc::{Mode, Session};
use std::hint::black_box;
use std::time::Instant;

const ROUNDS: usize = 5;
const BATCHES: usize = 31;
const PER_BATCH: usize = 400;

/// Median and 95th-percentile of the per-call mean over batches, in microseconds. The batches are taken in rounds
/// with a pause between them, so that a passing burst of load on a shared machine does not decide the median alone.
fn measure(mut f: impl FnMut(usize)) -> (f64, f64) {
    for i in 0..PER_BATCH {
        f(i);
    }
    let mut means = Vec::with_capacity(ROUNDS * BATCHES);
    for round in 0..ROUNDS {
        if round > 0 {
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        for _ in 0..BATCHES {
            let t = Instant::now();
            for i in 0..PER_BATCH {
                f(i);
            }
            means.push(t.elapsed().as_secs_f64() * 1e6 / PER_BATCH as f64);
        }
    }
    means.sort_by(|a, b| a.total_cmp(b));
    (means[means.len() / 2], means[(means.len() * 95) / 100])
}

fn report(case: &str, (median, p95): (f64, f64)) {
    println!("{{\"layer\":\"native\",\"case\":\"{case}\",\"median_us\":{median:.3},\"p95_us\":{p95:.3}}}");
}

fn main() {
    // `cargo bench --bench edit -- WORD` runs only the cases whose name contains WORD.
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let wanted = |case: &str| filter.is_empty() || filter.iter().any(|f| case.contains(f.as_str()));
    let text = include_str!("../www/presets/tongren.json");
    let mut s = Session::from_json(text).unwrap();
    let values = ["370", "371.5"];
    if wanted("edit") {
        report(
            "edit → all results (tongren)",
            measure(|i| {
                black_box(s.set_value("industrial", "2022-2023", values[i & 1]).unwrap());
            }),
        );
    }
    if wanted("all results") {
        report(
            "all results, no edit (tongren)",
            measure(|_| {
                black_box(s.results());
            }),
        );
    }
    if wanted("goal") {
        report(
            "goal seek (tongren, additive)",
            measure(|_| {
                black_box(s.goal_seek("industrial-share", "industrial", Mode::Additive, &[], None).unwrap());
            }),
        );
    }
    if wanted("load") {
        report(
            "load plan (tongren)",
            measure(|_| {
                black_box(Session::from_json(text).unwrap());
            }),
        );
    }
}
