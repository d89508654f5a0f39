//! `theodoi dev generate`: a synthetic province for benchmarks and load
//! tests — agencies, plans whose tasks follow the seed's mix of deadlines,
//! and progress reports — stored through the normal import path.

use std::process::ExitCode;

use std::time::Instant;

use anyhow::Result;
use chrono::NaiveDate;
use theodoi_core::TaskStatus;
use theodoi_store::Store;
use theodoi_store::TaskFilter;

use super::CLI_ACTOR;
use crate::cli::DevCommand;

pub async fn run(store: &Store, command: DevCommand) -> Result<ExitCode> {
    match command {
        DevCommand::Generate { plans, tasks_per_plan, provinces, seed } => {
            generate(store, plans, tasks_per_plan, provinces, seed).await
        }
        DevCommand::Bench { agency, as_of, runs } => {
            bench(store, agency, as_of.unwrap_or_else(super::today), runs).await
        }
    }
}

/// `THEODOI_LOG=theodoi_store=debug` prints the store's debug events: how
/// long a load spent storing rows and building indexes, where each
/// summary's time went.
fn log_from_env() {
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env("THEODOI_LOG") {
        let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
    }
}

async fn generate(store: &Store, plans: usize, tasks_per_plan: usize, provinces: usize, seed: u64) -> Result<ExitCode> {
    log_from_env();
    let started = std::time::Instant::now();
    let generated =
        theodoi_store::generate::province(store, plans, tasks_per_plan, provinces, seed, super::today(), CLI_ACTOR)
            .await?;
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

/// Times the two queries the scale goals name, inside the process so only
/// query time counts: one agency's overdue tasks (first page of 50) and
/// the province-wide summary.
/// (`log_from_env` tells where each summary's time went.)
async fn bench(store: &Store, agency: Option<String>, as_of: NaiveDate, runs: usize) -> Result<ExitCode> {
    log_from_env();
    let agency = match agency {
        Some(a) => a,
        None => store.agencies().await?.into_iter().max_by_key(|a| a.lead_tasks).map(|a| a.name).unwrap_or_default(),
    };
    let filter = TaskFilter {
        agency: Some(agency.clone()),
        status: Some(TaskStatus::Overdue),
        limit: Some(50),
        ..TaskFilter::as_of(as_of)
    };
    let mut tasks = Timings::default();
    let mut total = 0;
    for _ in 0..runs {
        let started = Instant::now();
        total = store.tasks(&filter).await?.total;
        tasks.push(started);
    }
    println!("tasks --agency \"{agency}\" --status overdue (50 đầu tiên, tổng {total}): {}", tasks.describe());
    // Today's summary, then days a year and three years back: the later
    // ones correct the kept totals by every task that changed since.
    for (back, label) in [(0, "hôm nay"), (365, "1 năm trước"), (3 * 365, "3 năm trước")] {
        let day = as_of - chrono::Duration::days(back);
        let mut summary = Timings::default();
        let mut summary_total = 0;
        for _ in 0..runs.div_ceil(10).max(3) {
            let started = Instant::now();
            summary_total = store.summary(None, day).await?.total;
            summary.push(started);
        }
        println!(
            "summary toàn bộ {summary_total} nhiệm vụ ngày {} ({label}): {}",
            day.format("%d/%m/%Y"),
            summary.describe()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Elapsed milliseconds of repeated runs.
#[derive(Default)]
struct Timings(Vec<f64>);

impl Timings {
    fn push(&mut self, started: Instant) {
        self.0.push(started.elapsed().as_secs_f64() * 1000.0);
    }

    fn describe(&mut self) -> String {
        self.0.sort_by(f64::total_cmp);
        let pick = |q: f64| self.0[((self.0.len() - 1) as f64 * q).round() as usize];
        format!("trung vị {:.2} ms, p95 {:.2} ms ({} lần)", pick(0.5), pick(0.95), self.0.len())
    }
}
