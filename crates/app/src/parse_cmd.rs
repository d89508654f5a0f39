//! `theodoi parse FILE... [--json]`: reads each file and prints either a
//! readable Vietnamese summary or one contract JSON object per line, in the
//! order the files were given.
//!
//! Files are read and rendered on every core in small batches, so a
//! thousand files keep both cores busy while memory stays bounded by one
//! batch of rendered output.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use theodoi_parser::{Document, Options};

use crate::cli::ParseArgs;

/// Files per worker in one batch: enough to amortise thread start-up.
const FILES_PER_WORKER: usize = 16;

pub fn run(args: &ParseArgs) -> ExitCode {
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for batch in args.files.chunks(workers * FILES_PER_WORKER) {
        for (path, rendered) in batch.iter().zip(render_batch(batch, args.json, workers)) {
            match rendered {
                Ok(bytes) => {
                    if let Err(e) = out.write_all(&bytes) {
                        return write_failure(e);
                    }
                }
                Err(message) => {
                    failed = true;
                    eprintln!("theodoi: {}: {message}", path.display());
                }
            }
        }
    }
    if let Err(e) = out.flush() {
        return write_failure(e);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn write_failure(e: io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("theodoi: lỗi ghi kết quả: {e}");
    ExitCode::FAILURE
}

/// Renders each file of `batch`, in order, spreading the work over
/// `workers` threads.
fn render_batch(batch: &[PathBuf], json: bool, workers: usize) -> Vec<Result<Vec<u8>, String>> {
    let per_worker = batch.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = batch
            .chunks(per_worker)
            .map(|paths| scope.spawn(move || paths.iter().map(|p| render(p, json)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

fn render(path: &Path, json: bool) -> Result<Vec<u8>, String> {
    let doc = read_and_parse(path)?;
    let mut bytes = Vec::with_capacity(64 * 1024);
    let written = if json { write_json(&mut bytes, &doc) } else { crate::summary::write(&mut bytes, &doc) };
    written.map_err(|e| format!("lỗi ghi kết quả: {e}"))?;
    Ok(bytes)
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
