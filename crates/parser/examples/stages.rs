//! Times each stage of the parser on one document, to see where a parse
//! spends its time: `cargo run --release --example stages -- FILE`.

use std::hint::black_box;
use std::time::Instant;

use theodoi_parser::{agency, body, citation, deadline, header, normalize, parse_str, table, target, text, Options};

const RUNS: u32 = 200;

fn time(label: &str, f: &mut dyn FnMut()) {
    let started = Instant::now();
    for _ in 0..RUNS {
        f();
    }
    println!("{label:20} {:8.1} µs", started.elapsed().as_secs_f64() * 1e6 / f64::from(RUNS));
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: stages FILE");
    let source = std::fs::read_to_string(path).expect("a readable UTF-8 file");
    let norm = normalize::normalize(&source);
    let lines = text::lines(&norm);
    let head = header::parse_header(&lines);
    let tables = table::read_tables(&lines);
    let prose = body::parse_body(&lines, head.body_start);
    let rows = table::appendix_tasks(&lines, &tables).unwrap_or_default();
    time("normalize", &mut || drop(black_box(normalize::normalize(&source))));
    time("lines", &mut || drop(black_box(text::lines(&norm))));
    time("paragraphs", &mut || drop(black_box(text::paragraphs(&lines))));
    time("header", &mut || drop(black_box(header::parse_header(&lines))));
    time("body", &mut || drop(black_box(body::parse_body(&lines, head.body_start))));
    time("read_tables", &mut || drop(black_box(table::read_tables(&lines))));
    time("appendix_tasks", &mut || drop(black_box(table::appendix_tasks(&lines, &tables))));
    time("citations", &mut || drop(black_box(citation::find_citations(&norm))));
    time("targets", &mut || {
        for t in &prose.target_texts {
            black_box(target::extract_targets(&t.text, t.group, t.line));
        }
    });
    time("deadlines", &mut || {
        for r in rows.tasks.iter().chain(&prose.tasks) {
            black_box(deadline::parse_deadline(r.deadline_text.as_deref().unwrap_or(""), &Default::default()));
        }
    });
    time("agencies", &mut || {
        for r in rows.tasks.iter().chain(&prose.tasks) {
            black_box(agency::parse_agency_list(r.lead_text.as_deref().unwrap_or("")));
            black_box(agency::parse_agency_list(r.coordinating_text.as_deref().unwrap_or("")));
        }
    });
    time("whole parse", &mut || drop(black_box(parse_str(&source, &Options::default()))));
}
