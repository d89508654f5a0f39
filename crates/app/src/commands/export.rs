//! `theodoi export`: a plan as a spreadsheet in its appendix's layout
//! (which `theodoi import` reads back).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use theodoi_reports::data::PlanInfo;
use theodoi_store::{Store, TaskFilter};

use super::report::write_file;
use super::today;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Xlsx,
    /// Akoma Ntoso 3.0 XML.
    Akn,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Số kế hoạch, ví dụ 2999/QĐ-UBND.
    #[arg(long)]
    pub plan: String,
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: ExportFormat,
    /// Ngày tính tình trạng nhiệm vụ, mặc định hôm nay.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    #[arg(long)]
    pub output: PathBuf,
}

pub async fn run(store: &Store, args: &ExportArgs) -> Result<ExitCode> {
    if args.format == ExportFormat::Akn {
        return akoma_ntoso(store, args).await;
    }
    let as_of = args.as_of.unwrap_or_else(today);
    let plan = PlanInfo::load(store, &args.plan).await?;
    let mut filter = TaskFilter::as_of(as_of);
    filter.plan = Some(args.plan.clone());
    let tasks = store.tasks(&filter).await?.items;
    let bytes = match args.format {
        ExportFormat::Xlsx | ExportFormat::Akn => theodoi_reports::xlsx::plan_workbook(&plan, &tasks, as_of)?,
    };
    write_file(&args.output, &bytes)?;
    let appendix = tasks.iter().filter(|t| t.origin == "appendix").count();
    println!("Đã ghi {appendix} nhiệm vụ của kế hoạch {} vào {}.", args.plan, args.output.display());
    Ok(ExitCode::SUCCESS)
}

/// The decision as stored, read again by the same pure parser, as Akoma
/// Ntoso: the stored text is the record, so the export says what it says.
async fn akoma_ntoso(store: &Store, args: &ExportArgs) -> Result<ExitCode> {
    let detail = store.plan(store.plan_id(&args.plan).await?).await?;
    let (name, text) = store.document_source(detail.document_id).await?;
    let doc = theodoi_parser::parse_str(&text, &theodoi_parser::Options { name, ..Default::default() })?;
    let xml = theodoi_reports::akn::write(&doc, &text);
    write_file(&args.output, xml.as_bytes())?;
    let tasks = doc.plan.as_ref().map_or(0, |p| p.tasks.len());
    println!("Đã ghi văn bản {} ({tasks} nhiệm vụ) dạng Akoma Ntoso vào {}.", args.plan, args.output.display());
    Ok(ExitCode::SUCCESS)
}
