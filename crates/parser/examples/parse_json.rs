//! Prints each file's `theodoi.plan/1` JSON exactly as `theodoi parse
//! --json` does (same options, same serializer, one object per line), from
//! the parser crate alone: checking that an optimisation changes no output
//! then needs no build of the whole application.
//!
//!   cargo run --release -p theodoi-parser --example parse_json -- FILE...

use std::io::Write;
use std::path::Path;

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{arg}: {e}");
                failed = true;
                continue;
            }
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let options = theodoi_parser::Options { name, ..theodoi_parser::Options::default() };
        match theodoi_parser::parse(&bytes, &options) {
            Ok(doc) => {
                let written = serde_json::to_writer(&mut out, &doc).map_err(std::io::Error::other);
                if written.and_then(|()| out.write_all(b"\n")).is_err() {
                    std::process::exit(1);
                }
            }
            Err(e) => {
                eprintln!("{arg}: {e}");
                failed = true;
            }
        }
    }
    let _ = out.flush();
    std::process::exit(i32::from(failed));
}
