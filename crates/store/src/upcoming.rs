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
        let from = "FROM tasks t JOIN plans p ON p.id = t.plan_id
             WHERE p.is_current = 1 AND ($1 IS NULL OR p.number = $1) AND t.due_on >= $2 AND t.due_on <= $3
               AND (t.confirmed_on IS NULL OR t.confirmed_on > $2)";
        let total: i64 = sqlx::query(AssertSqlSafe(format!("SELECT COUNT(*) {from}")))
            .bind(plan)
            .bind(date_text(as_of))
            .bind(date_text(until))
            .fetch_one(&mut *conn)
            .await?
            .get(0);
        let sql = format!("SELECT {TASK_COLUMNS} {from} ORDER BY t.due_on, t.id LIMIT {}", limit.max(1) * 2);
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(plan)
            .bind(date_text(as_of))
            .bind(date_text(until))
            .fetch_all(&mut *conn)
            .await?;
        let mut items = views_on(&mut conn, &rows, as_of, DEFAULT_DUE_SOON_DAYS).await?;
        items.retain(|t| matches!(t.status, TaskStatus::InProgress | TaskStatus::AwaitingConfirmation));
        items.truncate(limit);
        Ok(TaskPage { items, total: total as usize })
    }
}
