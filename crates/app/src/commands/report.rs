//! `theodoi report`: the periodic progress report of a plan (or of every
//! current plan of the province) as of a day, in the NĐ 30 layout, as DOCX,
//! PDF or XLSX.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use theodoi_reports::{progress, ReportData, ReportRequest};
use theodoi_store::Store;

use super::today;

/// The file formats a paper can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperFormat {
    Docx,
    Pdf,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Số kế hoạch, ví dụ 2999/QĐ-UBND; bỏ trống: mọi kế hoạch đang hiệu lực của tỉnh.
    #[arg(long)]
    pub plan: Option<String>,
    /// Ngày số liệu (YYYY-MM-DD); mặc định ngày cuối kỳ báo cáo, hoặc hôm nay.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Kỳ báo cáo: 2021-Q4, 2021-H1 hoặc 2021; mặc định quý chứa ngày số liệu.
    #[arg(long)]
    pub period: Option<String>,
    #[arg(long, value_enum, default_value = "docx")]
    pub format: PaperFormat,
    /// Tệp kết quả.
    #[arg(long)]
    pub output: PathBuf,
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Where the PDF writer finds Liberation Serif.
#[derive(Debug, Args)]
pub struct FontArgs {
    /// Thư mục chứa LiberationSerif-*.ttf (cho PDF).
    #[arg(long, env = "THEODOI_FONT_DIR", default_value = theodoi_reports::pdf::DEFAULT_FONT_DIR)]
    pub font_dir: PathBuf,
}

impl FontArgs {
    pub fn load(&self) -> Result<theodoi_reports::pdf::Fonts> {
        Ok(theodoi_reports::pdf::Fonts::load(&self.font_dir)?)
    }
}

pub async fn run(store: &Store, args: &ReportArgs) -> Result<ExitCode> {
    let as_of = match (args.as_of, &args.period) {
        (Some(day), _) => day,
        (None, Some(key)) => theodoi_core::Period::parse(key).map_or_else(today, |p| p.end),
        (None, None) => today(),
    };
    let request = ReportRequest { plan: args.plan.clone(), as_of, period: args.period.clone() };
    let data = ReportData::load(store, &request).await?;
    let bytes = match args.format {
        PaperFormat::Docx => theodoi_reports::docx::write(&progress::build(&data))?,
        PaperFormat::Pdf => theodoi_reports::pdf::write(&progress::build(&data), &args.fonts.load()?)?,
        PaperFormat::Xlsx => theodoi_reports::xlsx::report_workbook(&data)?,
    };
    write_file(&args.output, &bytes)?;
    println!(
        "Đã ghi báo cáo {} ({} nhiệm vụ, {} quá hạn) vào {}.",
        progress::period_label(&data.period),
        data.tasks.len(),
        data.overdue.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` beside `path` and renames it into place, so a failure
/// never leaves half a file under the name asked for.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)
        .with_context(|| format!("không ghi được tệp {}; kiểm tra thư mục và quyền ghi", path.display()))?;
    std::fs::rename(&partial, path).with_context(|| format!("không ghi được tệp {}", path.display()))?;
    Ok(())
}
