//! `theodoi urge`: one công văn đôn đốc per late agency of a plan, written
//! into a folder, and each urge recorded in the tasks' history.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use theodoi_reports::urge;
use theodoi_store::{Store, UrgeChannel};

use super::report::{write_file, FontArgs};
use super::{today, CLI_ACTOR};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LetterFormat {
    Docx,
    Pdf,
}

#[derive(Debug, Args)]
pub struct UrgeArgs {
    /// Số kế hoạch, ví dụ 2999/QĐ-UBND.
    #[arg(long)]
    pub plan: String,
    /// Ngày xét (YYYY-MM-DD), mặc định hôm nay; cũng là ngày ghi trên công văn.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Chỉ viết công văn cho cơ quan này (không cần dấu).
    #[arg(long)]
    pub agency: Option<String>,
    /// Nhiệm vụ đến hạn trong số ngày này được nêu là "sắp đến hạn".
    #[arg(long, default_value_t = 30)]
    pub soon_days: i64,
    #[arg(long, value_enum, default_value = "docx")]
    pub format: LetterFormat,
    /// Thư mục ghi các công văn.
    #[arg(long)]
    pub output: PathBuf,
    #[command(flatten)]
    pub fonts: FontArgs,
}

pub async fn run(store: &Store, args: &UrgeArgs) -> Result<ExitCode> {
    let as_of = args.as_of.unwrap_or_else(today);
    let letters = urge::letters(store, &args.plan, as_of, args.agency.as_deref(), args.soon_days).await?;
    if letters.is_empty() {
        println!(
            "Đến ngày {}, không có cơ quan nào chậm hoặc sắp đến hạn: không cần công văn đôn đốc.",
            as_of.format("%d/%m/%Y")
        );
        return Ok(ExitCode::SUCCESS);
    }
    // Every letter is written before anything is recorded: a failure on
    // the way leaves the history untouched.
    let fonts = match args.format {
        LetterFormat::Pdf => Some(args.fonts.load()?),
        LetterFormat::Docx => None,
    };
    let mut files = Vec::new();
    for letter in &letters {
        let doc = urge::build(letter);
        let (bytes, ext) = match &fonts {
            Some(fonts) => (theodoi_reports::pdf::write(&doc, fonts)?, "pdf"),
            None => (theodoi_reports::docx::write(&doc)?, "docx"),
        };
        files.push((args.output.join(format!("{}.{ext}", urge::file_stem(&letter.agency))), bytes));
    }
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("không tạo được thư mục {}; kiểm tra quyền ghi", args.output.display()))?;
    for (path, bytes) in &files {
        write_file(path, bytes)?;
    }
    for (letter, (path, _)) in letters.iter().zip(&files) {
        let note = format!("Công văn đôn đốc ngày {}", as_of.format("%d/%m/%Y"));
        for task in letter.tasks() {
            store
                .record_urge(task.id, Some(&letter.agency), UrgeChannel::Letter, Some(&note), as_of, CLI_ACTOR)
                .await?;
        }
        println!(
            "{}: {} quá hạn, {} sắp đến hạn → {}",
            letter.agency,
            letter.overdue.len(),
            letter.due_soon.len(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
