//! Native benchmark: an edit and every result it changes, on the largest preset. Prints one JSON line per case
//! (`make bench` collects them into BENCHMARKS.md). Batches of calls are timed and the median batch mean reported,
//! so timer resolution and outliers do not decide the figure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // a benchmark, not library code

use plancalc::{Mode, Session};
use std::hint::black_box;
use std::time::Instant;

const BATCHES: usize = 31;
const PER_BATCH: usize = 2_000;

/// Median and 95th-percentile of the per-call mean over batches, in microseconds.
fn measure(mut f: impl FnMut(usize)) -> (f64, f64) {
    for i in 0..PER_BATCH {
        f(i);
    }
    let mut means: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let t = Instant::now();
            for i in 0..PER_BATCH {
                f(i);
            }
            t.elapsed().as_secs_f64() * 1e6 / PER_BATCH as f64
        })
        .collect();
    means.sort_by(|a, b| a.total_cmp(b));
    (means[BATCHES / 2], means[(BATCHES * 95) / 100])
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
