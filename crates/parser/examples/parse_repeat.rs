//! Parses one file N times (default: the seed, 20 times) and prints the
//! number of tasks, so a profiler (`valgrind --tool=callgrind`) sees the
//! parser's steady state rather than process start-up:
//!
//!   cargo build --release -p theodoi-parser --example parse_repeat
//!   valgrind --tool=callgrind target/release/examples/parse_repeat examples/qd-2999-ubnd-thanh-hoa-2021.txt 20

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "examples/qd-2999-ubnd-thanh-hoa-2021.txt".to_string());
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let options = theodoi_parser::Options::default();
    let mut tasks = 0;
    for _ in 0..times {
        if let Ok(doc) = theodoi_parser::parse(std::hint::black_box(&bytes), &options) {
            tasks += doc.plan.map_or(0, |p| p.tasks.len());
        }
    }
    println!("{times} parses, {tasks} tasks in all");
}
