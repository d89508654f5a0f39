//! `theodoi serve` (and `theodoi` with no command): the web application.
//! A new database gets the bundled seed plan and three first accounts,
//! whose passwords are printed here once and never again.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{Context, Result};
use theodoi_store::Store;
use theodoi_web::bootstrap::{first_start, FirstAccount};
use theodoi_web::AppState;

use crate::cli::ServeArgs;

/// The seed plan (Decision 2999/QĐ-UBND, Thanh Hóa), bundled in the binary.
const SEED_NAME: &str = "qd-2999-ubnd-thanh-hoa-2021.txt";
const SEED: &str = include_str!("../../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");

pub async fn run(url: &str, args: &ServeArgs) -> Result<ExitCode> {
    init_tracing();
    let store = Store::open(url).await.with_context(|| format!("không mở được cơ sở dữ liệu {url}"))?;
    let accounts = first_start(&store, SEED_NAME, SEED).await.map_err(|p| anyhow::anyhow!(p.message))?;
    print_first_accounts(&accounts);
    let addr = args.addr.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
    let mut state = AppState::new(store.clone());
    state.secure_cookies = args.secure_cookies;
    let reminders = start_reminders(&store, args)?;
    println!("theodoi: mở http://{addr}/ trong trình duyệt (Ctrl+C để dừng).");
    theodoi_web::serve(state, addr).await.with_context(|| format!("không lắng nghe được trên {addr}"))?;
    if let Some(job) = reminders {
        job.abort();
    }
    store.close().await;
    println!("theodoi: đã dừng, dữ liệu đã được ghi đầy đủ.");
    Ok(ExitCode::SUCCESS)
}

/// Starts the daily reminder job when an SMTP server is configured; says
/// once that reminders are off when none is. A bad `--smtp-url` or
/// `--from` stops the start, so a typo is seen at once, not at 07:00.
fn start_reminders(store: &Store, args: &ServeArgs) -> Result<Option<tokio::task::JoinHandle<()>>> {
    let Some(mailer) = args.reminders.mail.mailer()? else {
        tracing::info!("nhắc việc qua thư điện tử: tắt (chưa cấu hình --smtp-url hoặc THEODOI_SMTP_URL)");
        return Ok(None);
    };
    let settings = args.reminders.mail.settings();
    Ok(Some(crate::reminders::daily::spawn(store.clone(), mailer, settings, args.reminders.remind_at)))
}

fn print_first_accounts(accounts: &[FirstAccount]) {
    if accounts.is_empty() {
        return;
    }
    println!("Lần chạy đầu: đã nhập kế hoạch mẫu {SEED_NAME} và tạo các tài khoản sau.");
    println!("Mật khẩu chỉ in MỘT LẦN; hãy ghi lại và đổi mật khẩu sau khi đăng nhập.");
    for a in accounts {
        println!("  {:<10} {:<20} mật khẩu: {}", a.username, a.role.label_vi(), a.password);
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("THEODOI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}
