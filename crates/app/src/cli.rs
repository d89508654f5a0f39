//! Command-line flags. Tables for people by default, `--json` for programs.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// theodoi — theo dõi thực hiện kế hoạch hành động.
#[derive(Debug, Parser)]
#[command(name = "theodoi", version, about)]
pub struct Cli {
    /// Cơ sở dữ liệu: sqlite://TỆP hoặc postgres://…
    #[arg(long, global = true, env = "THEODOI_DATABASE_URL", default_value = "sqlite://theodoi.db")]
    pub database_url: String,
    /// Không có lệnh con: phục vụ ứng dụng web (như `theodoi serve`).
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Phục vụ ứng dụng web và API (mặc định khi không có lệnh con).
    Serve(ServeArgs),
    /// Quản lý tài khoản người dùng.
    #[command(subcommand)]
    User(UserCommand),
    /// Mã truy cập API cho chương trình khác.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Đọc văn bản kế hoạch và in kết quả phân tích (không ghi vào cơ sở dữ liệu).
    Parse(ParseArgs),
    /// Đọc và lưu kế hoạch vào cơ sở dữ liệu (mỗi tệp một giao dịch).
    Import(ImportArgs),
    /// Danh sách nhiệm vụ và tình trạng vào một ngày.
    Tasks(TasksArgs),
    /// Tổng hợp tình hình thực hiện vào một ngày.
    Summary(SummaryArgs),
    /// Cơ quan báo cáo tiến độ một nhiệm vụ.
    Progress(ProgressArgs),
    /// Xác nhận hoàn thành một nhiệm vụ (văn phòng theo dõi).
    Confirm(DecideArgs),
    /// Trả lại đề nghị công nhận hoàn thành, kèm lý do.
    Return(ReturnArgs),
    /// Danh mục cơ quan, đơn vị.
    Agencies(JsonArg),
    /// Quản lý danh mục cơ quan.
    #[command(subcommand)]
    Agency(AgencyCommand),
    /// Chỉ tiêu và giá trị thực hiện.
    Targets(TargetsArgs),
    /// Nhập giá trị thực hiện của chỉ tiêu.
    #[command(subcommand)]
    Target(TargetCommand),
    /// Sao lưu cơ sở dữ liệu.
    Backup(BackupArgs),
    /// Khôi phục cơ sở dữ liệu SQLite từ bản sao lưu.
    Restore(BackupArgs),
    /// Công cụ cho nhà phát triển.
    #[command(subcommand)]
    Dev(DevCommand),
    /// Báo cáo tình hình thực hiện kế hoạch theo thể thức NĐ 30/2020 (DOCX, PDF, XLSX).
    Report(crate::commands::report::ReportArgs),
    /// Công văn đôn đốc cơ quan chậm tiến độ, ghi vào lịch sử nhiệm vụ.
    Urge(crate::commands::urge::UrgeArgs),
    /// Xuất kế hoạch ra bảng tính theo bố cục phụ lục (XLSX).
    Export(crate::commands::export::ExportArgs),
    /// Gửi thư điện tử nhắc việc cho đầu mối các cơ quan (nhiệm vụ quá hạn, sắp đến hạn).
    Remind(crate::commands::remind::RemindArgs),
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

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Lead,
    Coordinating,
}

#[derive(Debug, Args)]
pub struct TasksArgs {
    /// Số kế hoạch, ví dụ 2999/QĐ-UBND.
    #[arg(long)]
    pub plan: Option<String>,
    /// Tên cơ quan (không cần dấu).
    #[arg(long)]
    pub agency: Option<String>,
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
    /// done_on_time, done_late, awaiting_confirmation, in_progress, overdue, ongoing
    #[arg(long)]
    pub status: Option<String>,
    /// Ngày xem tình trạng (YYYY-MM-DD), mặc định hôm nay.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Tìm trong nội dung nhiệm vụ (không cần dấu).
    #[arg(long)]
    pub q: Option<String>,
    /// Số ngày báo trước "sắp đến hạn".
    #[arg(long, default_value_t = 7)]
    pub due_soon_days: i64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[arg(long)]
    pub plan: Option<String>,
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[arg(long)]
    pub plan: String,
    /// Số thứ tự nhiệm vụ trong kế hoạch, ví dụ 2.4.
    #[arg(long)]
    pub task: String,
    #[arg(long)]
    pub agency: String,
    #[arg(long)]
    pub percent: i64,
    /// Đề nghị công nhận hoàn thành.
    #[arg(long)]
    pub done: bool,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub difficulties: Option<String>,
    /// Văn bản, tài liệu chứng minh (số hiệu văn bản…).
    #[arg(long)]
    pub evidence: Option<String>,
    /// Kỳ báo cáo (2021-Q4, 2022-H1, 2022…) cho nhiệm vụ định kỳ.
    #[arg(long)]
    pub period: Option<String>,
    /// Ngày báo cáo, mặc định hôm nay.
    #[arg(long)]
    pub on: Option<NaiveDate>,
    /// Ngày hoàn thành thực tế, mặc định ngày báo cáo.
    #[arg(long)]
    pub done_on: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    #[arg(long)]
    pub plan: String,
    #[arg(long)]
    pub task: String,
    /// Cơ quan có đề nghị (khi nhiều cơ quan cùng đề nghị).
    #[arg(long)]
    pub agency: Option<String>,
    #[arg(long)]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ReturnArgs {
    #[command(flatten)]
    pub decide: DecideArgs,
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AgencyCommand {
    /// Gộp một tên gọi khác vào tên chuẩn.
    Merge { alias: String, canonical: String },
    /// Thêm thành viên cho một nhóm cơ quan (ví dụ "Các sở, ban, ngành cấp tỉnh").
    AddMember { collective: String, member: String },
}

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[arg(long)]
    pub plan: Option<String>,
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TargetCommand {
    /// Nhập giá trị thực hiện của một chỉ tiêu trong một năm.
    Set {
        #[arg(long)]
        plan: String,
        /// Một phần tên chỉ tiêu (không cần dấu), đủ để chỉ một chỉ tiêu.
        #[arg(long)]
        indicator: String,
        #[arg(long)]
        year: i64,
        #[arg(long)]
        value: f64,
        #[arg(long)]
        source: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Sinh dữ liệu tỉnh giả lập để đo hiệu năng.
    Generate {
        #[arg(long, default_value_t = 10)]
        plans: usize,
        #[arg(long, default_value_t = 50)]
        tasks_per_plan: usize,
        /// Số tỉnh (lớn hơn 1: cơ sở dữ liệu toàn quốc, mỗi tỉnh có cơ quan riêng).
        #[arg(long, default_value_t = 1)]
        provinces: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Đo thời gian truy vấn trong tiến trình: danh sách quá hạn của một cơ
    /// quan và bảng tổng hợp toàn tỉnh.
    Bench {
        /// Cơ quan cần đo; mặc định cơ quan chủ trì nhiều nhiệm vụ nhất.
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        as_of: Option<NaiveDate>,
        #[arg(long, default_value_t = 200)]
        runs: usize,
    },
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Địa chỉ lắng nghe.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: Option<std::net::SocketAddr>,
    /// Đặt cookie Secure (khi chạy sau HTTPS).
    #[arg(long)]
    pub secure_cookies: bool,
    #[command(flatten)]
    pub reminders: crate::commands::remind::ServeReminderArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UserRoleArg {
    Admin,
    Monitor,
    Leader,
    Agency,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Tạo tài khoản; mật khẩu đọc từ đầu vào chuẩn (--password-stdin).
    Add {
        #[arg(long)]
        username: String,
        #[arg(long, value_enum)]
        role: UserRoleArg,
        /// Cơ quan của tài khoản (bắt buộc với vai trò agency).
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// Đọc mật khẩu từ đầu vào chuẩn (một dòng).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Danh sách tài khoản.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Tạo mã truy cập (in ra một lần, hệ thống chỉ lưu bản băm).
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        label: Option<String>,
    },
}
