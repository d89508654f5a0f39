//! `theodoi parse FILE... [--json]`: reads each file and prints either a
//! readable Vietnamese summary or one contract JSON object per line.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use theodoi_parser::{Document, Options};

use crate::cli::ParseArgs;

pub fn run(args: &ParseArgs) -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &args.files {
        match read_and_parse(path) {
            Ok(doc) => {
                let written =
                    if args.json { write_json(&mut out, &doc) } else { crate::summary::write(&mut out, &doc) };
                if let Err(e) = written {
                    if e.kind() == io::ErrorKind::BrokenPipe {
                        return ExitCode::SUCCESS;
                    }
                    eprintln!("theodoi: lỗi ghi kết quả: {e}");
                    return ExitCode::FAILURE;
                }
            }
            Err(message) => {
                failed = true;
                eprintln!("theodoi: {}: {message}", path.display());
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn read_and_parse(path: &Path) -> Result<Document, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("không mở được tệp ({e}); kiểm tra lại đường dẫn và quyền đọc"))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let options = Options { name, ..Options::default() };
    theodoi_parser::parse(&bytes, &options).map_err(|e| e.to_string())
}

fn write_json(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    serde_json::to_writer(&mut *out, doc).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
