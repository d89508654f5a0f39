//! Urges: the monitor reminding an agency of a task (on the web, by an
//! official letter, by e-mail). Each one is part of the task's history, so
//! the report can say who was chased about what and when.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;

use crate::agencies;
use crate::audit;
use crate::codec::{date_text, now_text, parse_date};
use crate::error::{fix_error, Result, StoreError};
use crate::Store;

/// How an urge reached the agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UrgeChannel {
    Web,
    Letter,
    Email,
}

impl UrgeChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            UrgeChannel::Web => "web",
            UrgeChannel::Letter => "letter",
            UrgeChannel::Email => "email",
        }
    }

    fn parse(s: &str) -> UrgeChannel {
        match s {
            "letter" => UrgeChannel::Letter,
            "email" => UrgeChannel::Email,
            _ => UrgeChannel::Web,
        }
    }
}

/// One recorded urge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Urge {
    pub id: i64,
    pub task_id: i64,
    pub agency: Option<String>,
    pub channel: UrgeChannel,
    pub note: Option<String>,
    pub urged_by: String,
    pub urged_on: NaiveDate,
}

impl Store {
    /// Records that `agency` (or every responsible agency, when `None`) was
    /// urged about task `task_id` on `on`; returns the urge's id.
    pub async fn record_urge(
        &self,
        task_id: i64,
        agency: Option<&str>,
        channel: UrgeChannel,
        note: Option<&str>,
        on: NaiveDate,
        actor: &str,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let exists = sqlx::query("SELECT 1 FROM tasks WHERE id = $1").bind(task_id).fetch_optional(&mut *tx).await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("nhiệm vụ số {task_id}")));
        }
        let agency_id = agencies::require_opt(&mut tx, agency).await?;
        let row = sqlx::query(
            "INSERT INTO urges (task_id, agency_id, channel, note, urged_by, urged_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(task_id)
        .bind(agency_id)
        .bind(channel.as_str())
        .bind(note)
        .bind(actor)
        .bind(date_text(on))
        .bind(now_text())
        .fetch_one(&mut *tx)
        .await
        .map_err(fix_error)?;
        let id: i64 = row.get(0);
        let after = serde_json::json!({"agency": agency, "channel": channel, "note": note, "on": date_text(on)});
        audit::record(&mut tx, actor, "task.urge", "task", Some(task_id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The urges about one task, oldest first.
    pub async fn urges_for_task(&self, task_id: i64) -> Result<Vec<Urge>> {
        let rows = sqlx::query(
            "SELECT u.id, u.task_id, a.name, u.channel, u.note, u.urged_by, u.urged_on
             FROM urges u LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.task_id = $1 ORDER BY u.id",
        )
        .bind(task_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Urge {
                    id: r.try_get("id")?,
                    task_id: r.try_get("task_id")?,
                    agency: r.try_get(2)?,
                    channel: UrgeChannel::parse(&r.try_get::<String, _>("channel")?),
                    note: r.try_get("note")?,
                    urged_by: r.try_get("urged_by")?,
                    urged_on: parse_date(&r.try_get::<String, _>("urged_on")?)?,
                })
            })
            .collect()
    }
}
