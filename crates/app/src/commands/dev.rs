//! `theodoi dev generate`: a synthetic province for benchmarks and load
//! tests — agencies, plans whose tasks follow the seed's mix of deadlines,
//! and progress reports — stored through the normal import path.

use std::process::ExitCode;

use anyhow::Result;
use theodoi_store::Store;

use super::CLI_ACTOR;
use crate::cli::DevCommand;

pub async fn run(store: &Store, command: DevCommand) -> Result<ExitCode> {
    let DevCommand::Generate { plans, tasks_per_plan, seed } = command;
    let started = std::time::Instant::now();
    let generated = theodoi_store::generate::province(store, plans, tasks_per_plan, seed, CLI_ACTOR).await?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "Đã sinh {} kế hoạch, {} nhiệm vụ, {} báo cáo trong {:.1} giây; nhập kế hoạch: {:.1} giây ({:.0} nhiệm vụ/giây).",
        generated.plans,
        generated.tasks,
        generated.reports,
        secs,
        generated.import_seconds,
        generated.tasks as f64 / generated.import_seconds.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}
