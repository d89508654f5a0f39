//! Tasks coming due: open tasks whose due date falls within the next days,
//! nearest first — what the dashboard warns about before they are late.

use chrono::{Duration, NaiveDate};
use sqlx::{AssertSqlSafe, Row};
use theodoi_core::{TaskStatus, DEFAULT_DUE_SOON_DAYS};

use crate::codec::date_text;
use crate::error::Result;
use crate::tasks::{views_on, TaskPage, TASK_COLUMNS};
use crate::Store;

impl Store {
    /// Open tasks (of one plan, or all current plans) due between `as_of`
    /// and `as_of + days`, nearest first, at most `limit`; with the count.
    pub async fn due_within(&self, plan: Option<&str>, as_of: NaiveDate, days: i64, limit: usize) -> Result<TaskPage> {
        let mut conn = self.pool().acquire().await?;
        let until = as_of + Duration::days(days);
        // Not yet confirmed on `as_of` by the standing; the status of each
        // row is then judged from its history for the day asked.
        // One plan: its few tasks first. All plans: the due-date range
        // first, which a CROSS JOIN keeps SQLite on (it otherwise read
        // every plan's tasks, 0.4 s at a million tasks).
        let from = match plan {
            Some(_) => "FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.number = $3 AND",
            None => "FROM tasks t CROSS JOIN plans p WHERE p.id = t.plan_id AND",
        };
        let from = format!(
            "{from} p.is_current = 1 AND t.due_on >= $1 AND t.due_on <= $2 AND (t.confirmed_on IS NULL OR t.confirmed_on > $1)"
        );
        let bind = |sql: String| {
            let query = sqlx::query(AssertSqlSafe(sql)).bind(date_text(as_of)).bind(date_text(until));
            match plan {
                Some(plan) => query.bind(plan.to_string()),
                None => query,
            }
        };
        let total: i64 = bind(format!("SELECT COUNT(*) {from}")).fetch_one(&mut *conn).await?.get(0);
        let sql = format!("SELECT {TASK_COLUMNS} {from} ORDER BY t.due_on, t.id LIMIT {}", limit.max(1) * 2);
        let rows = bind(sql).fetch_all(&mut *conn).await?;
        let mut items = views_on(&mut conn, &rows, as_of, DEFAULT_DUE_SOON_DAYS).await?;
        items.retain(|t| matches!(t.status, TaskStatus::InProgress | TaskStatus::AwaitingConfirmation));
        items.truncate(limit);
        Ok(TaskPage { items, total: total as usize })
    }
}
