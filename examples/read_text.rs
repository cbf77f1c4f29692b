//! Reads a plan's text and prints the targets found and the sentences not understood:
//!   cargo run --example read_text -- tests/seeds/001_9b2790d7b275a068.txt
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_text FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let draft = plancalc::reader::read_plan_text(&text, &mut |_, _| {});
    for t in &draft.targets {
        let soft = if t.soft { "力争" } else { "" };
        println!(
            "{}\t{}\t{}\t{} {}{}\t{}\t{soft}\t{}",
            t.id, t.subject, t.indicator, t.cmp, t.value, t.unit, t.period, t.whole
        );
    }
    for u in &draft.unread {
        println!("unread\t{}", u.sentence.replace('\n', "⏎"));
    }
    for n in &draft.notes {
        println!("note\t{}\t{}", n.code, n.text.en);
    }
}
