//! The task-table reader on every layout: the seed, the real examples and
//! short synthetic fixtures, one per layout and variant.

use theodoi_parser::raw::{RawTask, TableTasks};
use theodoi_parser::table::{appendix_tasks, read_tables};
use theodoi_parser::text;

fn read(text_in: &str) -> Option<TableTasks> {
    let lines = text::lines(text_in);
    let tables = read_tables(&lines);
    appendix_tasks(&lines, &tables)
}

fn fixture(path: &str) -> String {
    let full = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[allow(dead_code)]
fn task<'a>(t: &'a TableTasks, id: &str) -> &'a RawTask {
    t.tasks.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("no task {id}"))
}

#[test]
fn debug_dump() {
    for f in [
        "../../examples/qd-2999-ubnd-thanh-hoa-2021.txt",
        "tests/fixtures/real/01_ubtvqh_1339_2024_pipe-table.txt",
        "tests/fixtures/real/04_hcm_2820_2025_flattened-pipe-table.txt",
    ] {
        let t = read(&fixture(f)).unwrap();
        println!("== {f}: {} groups {} tasks", t.groups.len(), t.tasks.len());
        for g in &t.groups {
            println!("G {} {} @{}", g.number, g.title, g.line);
        }
        for x in &t.tasks {
            println!(
                "T {} g={:?} s={:?} @{} | {} | L={:?} | C={:?} | P={:?} | D={:?}",
                x.id, x.group, x.seq, x.line, x.title, x.lead_text, x.coordinating_text, x.product, x.deadline_text
            );
        }
        for d in &t.diagnostics {
            println!("D {:?} {} {} {:?}", d.severity, d.code, d.message, d.line);
        }
    }
}
