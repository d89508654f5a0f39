//! Command-line flags.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// theodoi — theo dõi thực hiện kế hoạch hành động.
#[derive(Debug, Parser)]
#[command(name = "theodoi", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Đọc văn bản kế hoạch và in kết quả phân tích (read plan documents).
    Parse(ParseArgs),
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Tệp văn bản (UTF-8 hoặc UTF-16) cần đọc.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// In JSON theo hợp đồng theodoi.plan/1, mỗi tệp một dòng.
    #[arg(long)]
    pub json: bool,
}
