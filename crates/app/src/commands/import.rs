//! `theodoi import FILE...`: each file parsed and stored in its own
//! transaction; a file that cannot be read or holds no plan changes nothing.

use std::process::ExitCode;

use anyhow::Result;
use theodoi_parser::Options;
use theodoi_store::{ImportOutcome, Store};

use super::{print_json, CLI_ACTOR};
use crate::cli::ImportArgs;

pub async fn run(store: &Store, args: &ImportArgs) -> Result<ExitCode> {
    let mut failed = false;
    let mut outcomes = Vec::new();
    for path in &args.files {
        match import_file(store, path).await {
            Ok(outcome) => {
                if !args.json {
                    print_outcome(&path.display().to_string(), &outcome);
                }
                outcomes.push(outcome);
            }
            Err(message) => {
                failed = true;
                eprintln!("theodoi: {}: {message}", path.display());
            }
        }
    }
    if args.json {
        print_json(&outcomes)?;
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

async fn import_file(store: &Store, path: &std::path::Path) -> Result<ImportOutcome, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("không mở được tệp ({e}); kiểm tra lại đường dẫn"))?;
    // A spreadsheet in the appendix layout becomes the pipe-table text the
    // parser reads, and goes through the same reading as a text plan.
    let is_xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if is_xlsx {
        theodoi_reports::xlsx::sheet_to_text(&bytes).map_err(|e| e.to_string())?.into_bytes()
    } else {
        bytes
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let doc = theodoi_parser::parse(&bytes, &Options { name, ..Options::default() }).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    store.import(&doc, &text, CLI_ACTOR).await.map_err(|e| e.to_string())
}

fn print_outcome(file: &str, outcome: &ImportOutcome) {
    match outcome {
        ImportOutcome::Unchanged { plan, version } => {
            println!("{file}: kế hoạch {plan} (phiên bản {version}) đã có, không thay đổi gì.")
        }
        ImportOutcome::Created { plan, version, tasks, targets } => {
            println!("{file}: đã lưu kế hoạch {plan} (phiên bản {version}): {tasks} nhiệm vụ, {targets} chỉ tiêu.")
        }
        ImportOutcome::Amended { plan, version, added, removed, changed } => {
            println!("{file}: kế hoạch {plan} được sửa đổi, lưu thành phiên bản {version}.");
            println!("  Thêm ({}): {}", added.len(), added.join(", "));
            println!("  Bỏ ({}): {}", removed.len(), removed.join(", "));
            println!("  Thay đổi ({}): {}", changed.len(), changed.join(", "));
        }
    }
}
