//! `theodoi remind`: one reminder pass by hand — the digests of a day to
//! agencies' focal points by e-mail, recorded so none goes twice, with the
//! failed ones of that day tried again. `--dry-run` shows the digests and
//! neither sends nor records anything.

use std::process::ExitCode;

use anyhow::{bail, Result};
use chrono::{NaiveDate, NaiveTime};
use clap::Args;
use theodoi_core::vi::date_vi;
use theodoi_store::{ReminderRules, Store, MAX_ATTEMPTS};

use super::today;
use crate::reminders::{self, mail::redact, Mailer, Settings};

/// Where and how reminders are sent; shared by `remind` and `serve`.
#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// Máy chủ SMTP: smtp://máy:cổng, smtp://máy:cổng?tls=required (STARTTLS) hoặc smtps://máy:cổng;
    /// tài khoản nếu cần: smtp://tên:mật-khẩu@máy:cổng.
    #[arg(long, env = "THEODOI_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Địa chỉ người gửi thư nhắc việc.
    #[arg(long = "from", env = "THEODOI_SMTP_FROM", default_value = DEFAULT_FROM)]
    pub from: String,
    /// Địa chỉ của ứng dụng web, cho đường dẫn tới từng nhiệm vụ trong thư.
    #[arg(long, env = "THEODOI_BASE_URL", default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// Nhắc các nhiệm vụ đến hạn trong số ngày này (và mọi nhiệm vụ quá hạn).
    #[arg(long, default_value_t = ReminderRules::default().due_within_days)]
    pub days: i64,
    /// Một nhiệm vụ được nhắc lại (cùng tình trạng) sau số ngày này.
    #[arg(long, default_value_t = ReminderRules::default().repeat_days)]
    pub repeat_days: i64,
    /// Số nhiệm vụ nêu tối đa mỗi loại trong một thư (số còn lại được đếm và nêu ở các thư sau).
    #[arg(long, default_value_t = ReminderRules::default().max_listed)]
    pub max_listed: usize,
}

const DEFAULT_FROM: &str = "theodoi <theodoi@localhost>";
const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080";

/// What `theodoi` with no command uses: the flags' defaults, and the
/// environment as the flags would read it.
impl Default for MailArgs {
    fn default() -> MailArgs {
        let rules = ReminderRules::default();
        MailArgs {
            smtp_url: std::env::var("THEODOI_SMTP_URL").ok().filter(|v| !v.is_empty()),
            from: std::env::var("THEODOI_SMTP_FROM").unwrap_or_else(|_| DEFAULT_FROM.into()),
            base_url: std::env::var("THEODOI_BASE_URL").unwrap_or_else(|_| DEFAULT_BASE_URL.into()),
            days: rules.due_within_days,
            repeat_days: rules.repeat_days,
            max_listed: rules.max_listed,
        }
    }
}

impl MailArgs {
    pub fn settings(&self) -> Settings {
        Settings {
            rules: ReminderRules {
                due_within_days: self.days,
                repeat_days: self.repeat_days,
                max_listed: self.max_listed.max(1),
            },
            base_url: self.base_url.clone(),
        }
    }

    /// The mailer, when an SMTP server is configured.
    pub fn mailer(&self) -> Result<Option<Mailer>> {
        match self.smtp_url.as_deref().filter(|u| !u.is_empty()) {
            Some(url) => Ok(Some(Mailer::new(url, &self.from).map_err(anyhow::Error::msg)?)),
            None => Ok(None),
        }
    }
}

/// The reminder flags of `theodoi serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeReminderArgs {
    #[command(flatten)]
    pub mail: MailArgs,
    /// Giờ gửi thư nhắc việc hằng ngày (HH:MM, giờ máy chủ).
    #[arg(long, value_parser = parse_hour, default_value = "07:00")]
    pub remind_at: NaiveTime,
}

impl Default for ServeReminderArgs {
    fn default() -> ServeReminderArgs {
        ServeReminderArgs { mail: MailArgs::default(), remind_at: NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default() }
    }
}

fn parse_hour(s: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| format!("giờ không hợp lệ \"{s}\"; viết HH:MM, ví dụ 07:00"))
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Ngày xét (YYYY-MM-DD), mặc định hôm nay.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Chỉ in các thư sẽ gửi; không gửi, không ghi gì.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub mail: MailArgs,
}

pub async fn run(store: &Store, args: &RemindArgs) -> Result<ExitCode> {
    let as_of = args.as_of.unwrap_or_else(today);
    let settings = args.mail.settings();
    if args.dry_run {
        return dry_run(store, &settings, as_of).await;
    }
    let Some(mailer) = args.mail.mailer()? else {
        bail!(
            "chưa cấu hình máy chủ SMTP: thêm --smtp-url smtp://máy:cổng (hoặc đặt THEODOI_SMTP_URL), \
             hoặc dùng --dry-run để chỉ xem thư"
        );
    };
    let report = reminders::run_pass(store, &mailer, &settings, as_of, false).await?;
    println!(
        "Nhắc việc ngày {}: ghi nhận {} thư mới, đã gửi {} thư, {} thư lỗi.",
        date_vi(Some(as_of)),
        report.queued,
        report.sent,
        report.failed.len()
    );
    if report.failed.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for r in &report.failed {
        let next = if r.given_up() { "đã hết lượt thử".to_string() } else { "sẽ thử lại".to_string() };
        eprintln!(
            "  - {} <{}>: lần thử {}/{MAX_ATTEMPTS}, {next}: {}",
            r.agency,
            r.recipient,
            r.attempts,
            r.last_error.as_deref().unwrap_or("-")
        );
    }
    bail!(
        "{} thư nhắc việc chưa gửi được; kiểm tra máy chủ SMTP {} (địa chỉ, cổng, TLS, tài khoản) và địa chỉ \
         thư điện tử của người nhận, rồi chạy lại `theodoi remind` để gửi lại",
        report.failed.len(),
        redact(args.mail.smtp_url.as_deref().unwrap_or_default())
    )
}

async fn dry_run(store: &Store, settings: &Settings, as_of: NaiveDate) -> Result<ExitCode> {
    let digests = store.reminder_digests(as_of, settings.rules).await?;
    for digest in &digests {
        let (subject, body) = reminders::message::compose(
            digest,
            &settings.base_url,
            settings.rules.due_within_days,
            settings.rules.repeat_days,
        );
        println!("Gửi tới: {} <{}>", digest.recipient.username, digest.recipient.email);
        println!("Tiêu đề: {subject}");
        println!();
        println!("{body}");
        println!("{}", "-".repeat(72));
    }
    let waiting = store.reminders_to_send(as_of, false).await?.len();
    println!(
        "Nhắc việc ngày {} (chạy thử, không gửi, không ghi): {} thư mới; {} thư đã ghi nhận đang chờ gửi lại.",
        date_vi(Some(as_of)),
        digests.len(),
        waiting
    );
    Ok(ExitCode::SUCCESS)
}
