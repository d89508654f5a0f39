//! Tasks coming due: open tasks whose due date falls within the next days,
//! nearest first — what the dashboard warns about before they are late.

use chrono::{Duration, NaiveDate};
use sqlx::{AssertSqlSafe, Row};
use theodoi_core::{TaskStatus, DEFAULT_DUE_SOON_DAYS};

use crate::codec::date_text;
use crate::error::Result;
use crate::tasks::{views_on, TaskPage, CURRENT_PLAN, TASK_COLUMNS};
use crate::Store;

impl Store {
    /// Open tasks (of one plan, or all current plans) due between `as_of`
    /// and `as_of + days`, nearest first, at most `limit`; with the count.
    pub async fn due_within(&self, plan: Option<&str>, as_of: NaiveDate, days: i64, limit: usize) -> Result<TaskPage> {
        let mut conn = self.pool().acquire().await?;
        let until = as_of + Duration::days(days);
        // Not yet confirmed on `as_of` by the standing; the status of each
        // row is then judged from its history for the day asked.
        let window = "t.due_on >= $1 AND t.due_on <= $2 AND (t.confirmed_on IS NULL OR t.confirmed_on > $1)";
        let first = limit.max(1) * 2;
        let bind = |sql: String| {
            let query = sqlx::query(AssertSqlSafe(sql)).bind(date_text(as_of)).bind(date_text(until));
            match plan {
                Some(plan) => query.bind(plan.to_string()),
                None => query,
            }
        };
        let (total, sql) = match plan {
            // One plan: its few tasks first.
            Some(_) => {
                let from = format!(
                    "FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.number = $3 AND p.is_current = 1 AND {window}"
                );
                let total: i64 = bind(format!("SELECT COUNT(*) {from}")).fetch_one(&mut *conn).await?.get(0);
                (total, format!("SELECT {TASK_COLUMNS} {from} ORDER BY t.due_on, t.id LIMIT {first}"))
            }
            // All plans: along the due-date range, each task's plan looked
            // up on its own. Joined, SQLite first built a Bloom filter over
            // every plan (the whole table, 430 pages at 20,000 plans) to
            // pick the first forty rows.
            None => {
                let total = if crate::summary::changed_after(&mut conn, as_of).await? {
                    // A CROSS JOIN keeps SQLite on the range (it otherwise
                    // read every plan's tasks, 0.4 s at a million tasks).
                    let sql = format!(
                        "SELECT COUNT(*) FROM tasks t CROSS JOIN plans p WHERE p.id = t.plan_id AND p.is_current = 1 AND {window}"
                    );
                    bind(sql).fetch_one(&mut *conn).await?.get(0)
                } else {
                    open_due_counted(&mut conn, as_of, until).await?
                };
                let sql = format!(
                    "SELECT {TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id IN
                     (SELECT t.id FROM tasks t WHERE {window} AND {CURRENT_PLAN} ORDER BY t.due_on, t.id LIMIT {first})
                     ORDER BY t.due_on, t.id"
                );
                (total, sql)
            }
        };
        let rows = bind(sql).fetch_all(&mut *conn).await?;
        let mut items = views_on(&mut conn, &rows, as_of, DEFAULT_DUE_SOON_DAYS).await?;
        items.retain(|t| matches!(t.status, TaskStatus::InProgress | TaskStatus::AwaitingConfirmation));
        items.truncate(limit);
        Ok(TaskPage { items, total: total as usize })
    }
}

/// How many current tasks are open or awaiting confirmation with a due date
/// between `from` and `until`: the open ones from the kept totals
/// (`status_counts`, every task once under agency 0, by due date), the
/// waiting ones, few, along their own index (`tasks_awaiting_due`). Exact
/// when no standing changed after `from`, as for today: then no task was
/// confirmed after the day. Counting along the due-date index instead read
/// every task due in the window with its plan, 280 index pages at a million
/// tasks when a year's end falls in it, most of the dashboard's wait when
/// those pages were not in memory.
async fn open_due_counted(conn: &mut sqlx::AnyConnection, from: NaiveDate, until: NaiveDate) -> Result<i64> {
    let sql = format!(
        "SELECT CAST(COALESCE((SELECT SUM(n) FROM status_counts
                                WHERE agency_id = 0 AND state = 'open' AND due_on >= $1 AND due_on <= $2), 0)
                     + (SELECT COUNT(*) FROM tasks t WHERE t.awaiting_on IS NOT NULL AND t.confirmed_on IS NULL
                        AND t.due_on >= $1 AND t.due_on <= $2 AND {CURRENT_PLAN}) AS BIGINT)"
    );
    let row =
        sqlx::query(AssertSqlSafe(sql)).bind(date_text(from)).bind(date_text(until)).fetch_one(&mut *conn).await?;
    Ok(row.get(0))
}
