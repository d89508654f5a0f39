//! The daily reminder job inside `theodoi serve`. At start-up it catches up
//! on today when today's hour has passed (a pass is harmless when the day's
//! digests went out already: nothing is recorded or sent twice), then runs
//! at the set hour every day, and comes back every few minutes while a
//! failed digest still has tries left. It only logs: a database or mail
//! problem never stops the web server.

use chrono::{Local, NaiveDateTime, NaiveTime, TimeDelta};
use theodoi_store::Store;

use super::{run_pass, Mailer, Settings};

/// How soon the job looks again while failed digests wait for a retry
/// (each digest's own pause, 5 minutes doubling, decides when it is sent).
const RETRY_CHECK: TimeDelta = TimeDelta::minutes(5);

/// Starts the job on the running tokio runtime.
pub fn spawn(store: Store, mailer: Mailer, settings: Settings, at: NaiveTime) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(at = %at.format("%H:%M"), "nhắc việc qua thư điện tử: chạy hằng ngày");
        loop {
            let now = Local::now().naive_local();
            let today = now.date();
            let mut retry = false;
            if now.time() >= at {
                match run_pass(&store, &mailer, &settings, today, true).await {
                    Ok(report) => {
                        tracing::info!(
                            day = %today, queued = report.queued, sent = report.sent, failed = report.failed.len(),
                            "nhắc việc: xong một lượt"
                        );
                        for r in report.failed.iter().filter(|r| r.given_up()) {
                            tracing::error!(agency = %r.agency, to = %r.recipient, error = ?r.last_error,
                                "nhắc việc: đã hết lượt thử, thư không gửi được; kiểm tra máy chủ SMTP và địa chỉ");
                        }
                        retry = report.retry_pending();
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "nhắc việc: lượt chạy lỗi, sẽ thử lại");
                        retry = true;
                    }
                }
            }
            let wake = next_wake(now, at, retry);
            let pause = (wake - Local::now().naive_local()).to_std().unwrap_or_default();
            tokio::time::sleep(pause).await;
        }
    })
}

/// When to look next: soon while retries wait, otherwise at the next
/// occurrence of the daily hour after `now`.
fn next_wake(now: NaiveDateTime, at: NaiveTime, retry: bool) -> NaiveDateTime {
    let today_at = now.date().and_time(at);
    let daily = if now < today_at { today_at } else { today_at + TimeDelta::days(1) };
    if retry {
        daily.min(now + RETRY_CHECK)
    } else {
        daily
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn wakes_at_the_hour_or_sooner_for_retries() {
        let at = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
        assert_eq!(next_wake(t("2026-12-07 05:00"), at, false), t("2026-12-07 07:00"));
        assert_eq!(next_wake(t("2026-12-07 07:00"), at, false), t("2026-12-08 07:00"));
        assert_eq!(next_wake(t("2026-12-07 09:30"), at, true), t("2026-12-07 09:35"));
        assert_eq!(next_wake(t("2026-12-07 06:58"), at, true), t("2026-12-07 07:00"));
    }
}
