//! E-mail reminders to agencies' focal points: one pass records the day's
//! digests (the store decides what each lists and that none is recorded
//! twice), then sends every digest of the day still waiting, recording
//! each outcome. `theodoi remind` runs one pass; `theodoi serve` runs one
//! a day (see [`daily`]).

pub mod daily;
pub mod mail;
pub mod message;

use chrono::NaiveDate;
use theodoi_store::{Reminder, ReminderRules, ReminderStatus, Store, StoreError};

pub use mail::Mailer;

/// Who the audit log names for reminders.
pub const ACTOR: &str = "theodoi (nhắc việc)";

/// What a pass works with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rules: ReminderRules,
    /// Where the web application is reached, for the links to tasks.
    pub base_url: String,
}

/// What one pass did, and where the day stands after it.
#[derive(Debug, Default)]
pub struct PassReport {
    /// Digests recorded by this pass.
    pub queued: usize,
    /// Digests this pass handed to the SMTP server.
    pub sent: usize,
    /// Tries that failed in this pass.
    pub failed_now: usize,
    /// The day's digests still failed after the pass (to retry, or given up).
    pub failed: Vec<Reminder>,
}

impl PassReport {
    /// Failed digests that a later pass will try again.
    pub fn retry_pending(&self) -> bool {
        self.failed.iter().any(|r| !r.given_up())
    }
}

/// Records the digests of `as_of` and sends what is waiting. With
/// `respect_pause`, failed digests wait out their pause (the daily job);
/// without, they are tried at once (someone ran the command by hand).
pub async fn run_pass(
    store: &Store,
    mailer: &Mailer,
    settings: &Settings,
    as_of: NaiveDate,
    respect_pause: bool,
) -> Result<PassReport, StoreError> {
    let mut report = PassReport::default();
    for digest in store.reminder_digests(as_of, settings.rules).await? {
        let (subject, body) =
            message::compose(&digest, &settings.base_url, settings.rules.due_within_days, settings.rules.repeat_days);
        if store.queue_reminder(&digest, &subject, &body, ACTOR).await?.is_some() {
            report.queued += 1;
        }
    }
    for reminder in store.reminders_to_send(as_of, respect_pause).await? {
        if !store.claim_reminder(reminder.id).await? {
            continue;
        }
        match mailer.send(&reminder.recipient, &reminder.subject, &reminder.body).await {
            Ok(()) => {
                store.reminder_sent(reminder.id, ACTOR).await?;
                report.sent += 1;
                tracing::info!(agency = %reminder.agency, to = %reminder.recipient, "đã gửi thư nhắc việc");
            }
            Err(error) => {
                store.reminder_failed(reminder.id, &error, ACTOR).await?;
                report.failed_now += 1;
                tracing::warn!(agency = %reminder.agency, to = %reminder.recipient, attempt = reminder.attempts + 1,
                    %error, "gửi thư nhắc việc không thành công");
            }
        }
    }
    report.failed =
        store.reminders_on(as_of).await?.into_iter().filter(|r| r.status == ReminderStatus::Failed).collect();
    Ok(report)
}
