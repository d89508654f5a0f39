//! E-mail reminders (nhắc việc): which agency's focal points should hear
//! about which of its tasks on a day, and the record of every digest, so
//! none is sent twice and none fails unseen. Writing and sending the
//! message is the caller's job; this module only decides and records.
//!
//! The rules, in one place:
//! - A digest goes to each active agency account with an e-mail address,
//!   listing the agency's tasks (as lead or coordinating, including those
//!   of the collectives it belongs to) that are overdue, or in progress and
//!   due within `due_within_days`, on the day. Status comes from the task
//!   listing, never from rules of our own.
//! - At most one digest per agency, recipient and day: the table's unique
//!   key holds this even when two processes race.
//! - A task listed to a recipient in a digest that was sent is not listed
//!   again in the same state (overdue, due soon) until `repeat_days` have
//!   passed; a change of state (due soon → overdue) lists it at once. A
//!   digest with nothing left to list is not sent at all.
//! - A digest lists at most `max_listed` tasks per state (the longest
//!   overdue and the nearest due first) and counts the rest; the rest,
//!   not being recorded as listed, come first in the next days' digests.
//! - A failed send is retried, at most [`MAX_ATTEMPTS`] times in all, with
//!   a growing pause between tries; the error stays on the record.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;
use theodoi_core::TaskStatus;

use crate::audit;
use crate::codec::{date_text, now_text, parse_date};
use crate::error::{fix_error, Result};
use crate::tasks::{TaskFilter, TaskView};
use crate::Store;

/// Tries per digest before it is left failed for good.
pub const MAX_ATTEMPTS: i64 = 5;

/// A digest claimed for sending this long ago without an outcome is taken
/// to have been cut off (the process stopped mid-send) and may be claimed
/// again. Far longer than an SMTP exchange takes.
const STALE_CLAIM_MINUTES: i64 = 15;

/// Which tasks a digest lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderRules {
    /// Open tasks due within this many days count as due soon.
    pub due_within_days: i64,
    /// Days before a task is listed again to the same recipient in the
    /// same state.
    pub repeat_days: i64,
    /// Tasks listed per state in one digest; a mail of hundreds of tasks
    /// is read by nobody.
    pub max_listed: usize,
}

impl Default for ReminderRules {
    fn default() -> ReminderRules {
        ReminderRules { due_within_days: theodoi_core::DEFAULT_DUE_SOON_DAYS, repeat_days: 7, max_listed: 30 }
    }
}

/// Why a task is in a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderState {
    Overdue,
    DueSoon,
}

impl ReminderState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderState::Overdue => "overdue",
            ReminderState::DueSoon => "due_soon",
        }
    }

    fn parse(s: &str) -> ReminderState {
        if s == "overdue" {
            ReminderState::Overdue
        } else {
            ReminderState::DueSoon
        }
    }
}

/// An agency account that receives digests (a focal point, đầu mối).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recipient {
    pub user_id: i64,
    pub username: String,
    pub email: String,
}

/// What one recipient should hear about one agency's tasks on a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    pub agency_id: i64,
    pub agency: String,
    pub recipient: Recipient,
    pub as_of: NaiveDate,
    /// Overdue tasks, longest overdue first (at most `max_listed`).
    pub overdue: Vec<TaskView>,
    /// Tasks in progress due within the window, nearest first (at most
    /// `max_listed`).
    pub due_soon: Vec<TaskView>,
    /// Tasks to remind of in each state, listed or not.
    pub overdue_total: usize,
    pub due_soon_total: usize,
}

/// Where a recorded digest stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderStatus {
    Queued,
    /// Claimed by a sender that has not reported back yet.
    Sending,
    Sent,
    Failed,
}

impl ReminderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderStatus::Queued => "queued",
            ReminderStatus::Sending => "sending",
            ReminderStatus::Sent => "sent",
            ReminderStatus::Failed => "failed",
        }
    }

    fn parse(s: &str) -> ReminderStatus {
        match s {
            "sending" => ReminderStatus::Sending,
            "sent" => ReminderStatus::Sent,
            "failed" => ReminderStatus::Failed,
            _ => ReminderStatus::Queued,
        }
    }
}

/// A recorded digest: the message as it is (re)sent, and its fate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    pub id: i64,
    pub agency_id: i64,
    pub agency: String,
    pub recipient: String,
    pub as_of: NaiveDate,
    pub subject: String,
    pub body: String,
    pub status: ReminderStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_try_at: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
    /// The tasks listed, with the state each was listed in.
    pub items: Vec<(i64, ReminderState)>,
}

impl Reminder {
    /// Failed with no tries left: someone has to look.
    pub fn given_up(&self) -> bool {
        self.status == ReminderStatus::Failed && self.attempts >= MAX_ATTEMPTS
    }
}

impl Store {
    /// The digests still to record for `as_of`: one per agency account
    /// with an address and something to list, leaving out recipients who
    /// already have a digest recorded for that agency and day.
    pub async fn reminder_digests(&self, as_of: NaiveDate, rules: ReminderRules) -> Result<Vec<Digest>> {
        let recipients = self.reminder_recipients().await?;
        let recorded = self.recorded_on(as_of).await?;
        let mut digests = Vec::new();
        for (agency_id, agency, people) in recipients {
            let people: Vec<Recipient> =
                people.into_iter().filter(|p| !recorded.contains(&(agency_id, p.email.to_lowercase()))).collect();
            if people.is_empty() {
                continue;
            }
            let (overdue, due_soon) = self.agency_reminder_tasks(&agency, as_of, rules.due_within_days).await?;
            if overdue.is_empty() && due_soon.is_empty() {
                continue;
            }
            let recent = self.recently_listed(agency_id, as_of, rules.repeat_days).await?;
            for recipient in people {
                let seen = |t: &TaskView, state| recent.contains(&(recipient.email.to_lowercase(), t.id, state));
                let pick = |tasks: &[TaskView], state| -> (Vec<TaskView>, usize) {
                    let fresh: Vec<&TaskView> = tasks.iter().filter(|t| !seen(t, state)).collect();
                    (fresh.iter().take(rules.max_listed).map(|t| (*t).clone()).collect(), fresh.len())
                };
                let (overdue, overdue_total) = pick(&overdue, ReminderState::Overdue);
                let (due_soon, due_soon_total) = pick(&due_soon, ReminderState::DueSoon);
                if overdue.is_empty() && due_soon.is_empty() {
                    continue;
                }
                digests.push(Digest {
                    agency_id,
                    agency: agency.clone(),
                    recipient,
                    as_of,
                    overdue,
                    due_soon,
                    overdue_total,
                    due_soon_total,
                });
            }
        }
        Ok(digests)
    }

    /// Records a digest as queued with the message that will be sent, in
    /// one transaction with its audit entry. `None` when a digest for the
    /// same agency, recipient and day is already recorded (by this or
    /// another process): that one stands.
    pub async fn queue_reminder(&self, digest: &Digest, subject: &str, body: &str, actor: &str) -> Result<Option<i64>> {
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query(
            "INSERT INTO reminders (agency_id, agency, user_id, recipient, as_of, subject, body, status, attempts, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', 0, $8)
             ON CONFLICT (agency_id, recipient, as_of) DO NOTHING RETURNING id",
        )
        .bind(digest.agency_id)
        .bind(&digest.agency)
        .bind(digest.recipient.user_id)
        .bind(digest.recipient.email.to_lowercase())
        .bind(date_text(digest.as_of))
        .bind(subject)
        .bind(body)
        .bind(now_text())
        .fetch_optional(&mut *tx)
        .await
        .map_err(fix_error)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let id: i64 = row.get(0);
        let items = digest
            .overdue
            .iter()
            .map(|t| (t.id, ReminderState::Overdue))
            .chain(digest.due_soon.iter().map(|t| (t.id, ReminderState::DueSoon)));
        for (task, state) in items {
            sqlx::query("INSERT INTO reminder_items (reminder_id, task_id, state) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(task)
                .bind(state.as_str())
                .execute(&mut *tx)
                .await
                .map_err(fix_error)?;
        }
        let after = serde_json::json!({
            "agency": digest.agency, "recipient": digest.recipient.email, "as_of": date_text(digest.as_of),
            "overdue": digest.overdue.len(), "due_soon": digest.due_soon.len(),
        });
        audit::record(&mut tx, actor, "reminder.queue", "reminder", Some(id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// The digests of `as_of` that a sender may try now: queued ones,
    /// failed ones with tries left (only those whose pause is over when
    /// `respect_pause`), and claims gone stale.
    pub async fn reminders_to_send(&self, as_of: NaiveDate, respect_pause: bool) -> Result<Vec<Reminder>> {
        let now = now_text();
        let stale = stale_cutoff();
        let rows = sqlx::query(
            "SELECT * FROM reminders WHERE as_of = $1 AND (
                 status = 'queued'
                 OR (status = 'failed' AND attempts < $2 AND ($3 = 0 OR next_try_at IS NULL OR next_try_at <= $4))
                 OR (status = 'sending' AND claimed_at < $5))
             ORDER BY id",
        )
        .bind(date_text(as_of))
        .bind(MAX_ATTEMPTS)
        .bind(i64::from(respect_pause))
        .bind(now)
        .bind(stale)
        .fetch_all(self.pool())
        .await?;
        self.reminders_of(&rows).await
    }

    /// Takes a digest for sending, counting the try. `false` when another
    /// sender has it, it was sent meanwhile, or it has no tries left.
    pub async fn claim_reminder(&self, id: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE reminders SET status = 'sending', attempts = attempts + 1, claimed_at = $2
             WHERE id = $1 AND attempts < $3
               AND (status IN ('queued', 'failed') OR (status = 'sending' AND claimed_at < $4))",
        )
        .bind(id)
        .bind(now_text())
        .bind(MAX_ATTEMPTS)
        .bind(stale_cutoff())
        .execute(self.pool())
        .await
        .map_err(fix_error)?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that the SMTP server accepted a claimed digest.
    pub async fn reminder_sent(&self, id: i64, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let now = now_text();
        sqlx::query("UPDATE reminders SET status = 'sent', sent_at = $2, next_try_at = NULL WHERE id = $1")
            .bind(id)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        let after = serde_json::json!({"status": "sent", "sent_at": now});
        audit::record(&mut tx, actor, "reminder.sent", "reminder", Some(id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a failed try with its error; the next try waits 5 minutes
    /// after the first failure, doubling after each one.
    pub async fn reminder_failed(&self, id: i64, error: &str, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let attempts: i64 =
            sqlx::query("SELECT attempts FROM reminders WHERE id = $1").bind(id).fetch_one(&mut *tx).await?.get(0);
        let pause = Duration::minutes(5 << (attempts - 1).clamp(0, 10));
        let next = (Utc::now() + pause).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
        let next_try = (attempts < MAX_ATTEMPTS).then_some(next);
        sqlx::query("UPDATE reminders SET status = 'failed', last_error = $2, next_try_at = $3 WHERE id = $1")
            .bind(id)
            .bind(error)
            .bind(&next_try)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        let after =
            serde_json::json!({"status": "failed", "attempts": attempts, "error": error, "next_try_at": next_try});
        audit::record(&mut tx, actor, "reminder.failed", "reminder", Some(id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every digest recorded for `as_of`, in the order recorded.
    pub async fn reminders_on(&self, as_of: NaiveDate) -> Result<Vec<Reminder>> {
        let rows = sqlx::query("SELECT * FROM reminders WHERE as_of = $1 ORDER BY id")
            .bind(date_text(as_of))
            .fetch_all(self.pool())
            .await?;
        self.reminders_of(&rows).await
    }

    /// Active agency accounts with an address, grouped by agency (in the
    /// registry's order).
    async fn reminder_recipients(&self) -> Result<Vec<(i64, String, Vec<Recipient>)>> {
        let rows = sqlx::query(
            "SELECT a.id, a.name, u.id, u.username, u.email FROM users u JOIN agencies a ON a.id = u.agency_id
             WHERE u.role = 'agency' AND u.disabled = 0 AND u.email IS NOT NULL AND TRIM(u.email) <> ''
             ORDER BY a.sort_key, a.id, u.id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut out: Vec<(i64, String, Vec<Recipient>)> = Vec::new();
        for r in rows {
            let agency: i64 = r.get(0);
            let person =
                Recipient { user_id: r.get(2), username: r.get(3), email: r.get::<String, _>(4).trim().to_string() };
            match out.last_mut() {
                Some((id, _, people)) if *id == agency => {
                    if !people.iter().any(|p| p.email.eq_ignore_ascii_case(&person.email)) {
                        people.push(person);
                    }
                }
                _ => out.push((agency, r.get(1), vec![person])),
            }
        }
        Ok(out)
    }

    /// (agency, recipient) pairs with a digest recorded for the day.
    async fn recorded_on(&self, as_of: NaiveDate) -> Result<HashSet<(i64, String)>> {
        let rows = sqlx::query("SELECT agency_id, recipient FROM reminders WHERE as_of = $1")
            .bind(date_text(as_of))
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get::<String, _>(1))).collect())
    }

    /// The agency's overdue tasks and those due soon, from the task
    /// listing (which knows roles, collectives and status on any day).
    /// Where the listing filters by status in SQL (days on or after the
    /// last recorded event) it is asked twice, once per status; for an
    /// earlier day it judges every task from its history anyway, so it is
    /// asked once and the answer split here.
    async fn agency_reminder_tasks(
        &self,
        agency: &str,
        as_of: NaiveDate,
        days: i64,
    ) -> Result<(Vec<TaskView>, Vec<TaskView>)> {
        let filter = |status| TaskFilter {
            agency: Some(agency.to_string()),
            status,
            due_soon_days: days,
            ..TaskFilter::as_of(as_of)
        };
        let by_status = {
            let mut conn = self.pool().acquire().await?;
            crate::tasks::sql_status_holds(&mut conn, as_of).await?
        };
        let (mut overdue, mut due_soon) = if by_status {
            let overdue = self.tasks(&filter(Some(TaskStatus::Overdue))).await?.items;
            (overdue, self.tasks(&filter(Some(TaskStatus::InProgress))).await?.items)
        } else {
            self.tasks(&filter(None)).await?.items.into_iter().partition(|t| t.status == TaskStatus::Overdue)
        };
        due_soon.retain(|t| t.status == TaskStatus::InProgress && t.due_soon);
        overdue.sort_by_key(|t| (std::cmp::Reverse(t.days_overdue), t.id));
        due_soon.sort_by_key(|t| (t.deadline.due, t.id));
        Ok((overdue, due_soon))
    }

    /// (recipient, task, state) listed in digests to this agency that were
    /// sent in the `repeat_days` before `as_of`.
    async fn recently_listed(
        &self,
        agency_id: i64,
        as_of: NaiveDate,
        repeat_days: i64,
    ) -> Result<HashSet<(String, i64, ReminderState)>> {
        let rows = sqlx::query(
            "SELECT r.recipient, i.task_id, i.state FROM reminder_items i JOIN reminders r ON r.id = i.reminder_id
             WHERE r.agency_id = $1 AND r.status = 'sent' AND r.as_of > $2 AND r.as_of < $3",
        )
        .bind(agency_id)
        .bind(date_text(as_of - Duration::days(repeat_days)))
        .bind(date_text(as_of))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), ReminderState::parse(&r.get::<String, _>(2)))).collect())
    }

    async fn reminders_of(&self, rows: &[AnyRow]) -> Result<Vec<Reminder>> {
        let mut items: HashMap<i64, Vec<(i64, ReminderState)>> = HashMap::new();
        for chunk in rows.chunks(256) {
            let ids: Vec<String> = chunk.iter().map(|r| r.get::<i64, _>("id").to_string()).collect();
            let sql = format!(
                "SELECT reminder_id, task_id, state FROM reminder_items WHERE reminder_id IN ({}) ORDER BY reminder_id, state, task_id",
                ids.join(", ")
            );
            for r in sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(self.pool()).await? {
                items.entry(r.get(0)).or_default().push((r.get(1), ReminderState::parse(&r.get::<String, _>(2))));
            }
        }
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                Ok(Reminder {
                    id,
                    agency_id: r.try_get("agency_id")?,
                    agency: r.try_get("agency")?,
                    recipient: r.try_get("recipient")?,
                    as_of: parse_date(&r.try_get::<String, _>("as_of")?)?,
                    subject: r.try_get("subject")?,
                    body: r.try_get("body")?,
                    status: ReminderStatus::parse(&r.try_get::<String, _>("status")?),
                    attempts: r.try_get("attempts")?,
                    last_error: r.try_get("last_error")?,
                    next_try_at: r.try_get("next_try_at")?,
                    created_at: r.try_get("created_at")?,
                    sent_at: r.try_get("sent_at")?,
                    items: items.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }
}

fn stale_cutoff() -> String {
    (Utc::now() - Duration::minutes(STALE_CLAIM_MINUTES)).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}
