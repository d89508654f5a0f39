//! Keeps `status_counts` in step with the tasks: every import and every
//! change of a task's standing subtracts the rows it had and adds the rows
//! it has now, in the same transaction.

use sqlx::{AnyConnection, AssertSqlSafe};

use crate::error::{fix_error, Result};

/// A task's standing once every recorded fact has happened.
const STATE_SQL: &str = "CASE WHEN t.confirmed_on IS NOT NULL THEN
        CASE WHEN t.due_on IS NOT NULL AND t.done_on > t.due_on THEN 'done_late' ELSE 'done_on_time' END
    WHEN t.awaiting_on IS NOT NULL THEN 'awaiting' ELSE 'open' END";

/// Which tasks a change concerns.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope {
    Plan(i64),
    /// Plans with ids from the first to the last, inclusive (one batch).
    PlanRange(i64, i64),
    Task(i64),
    Everything,
}

impl Scope {
    fn condition(self) -> (&'static str, Vec<i64>) {
        match self {
            Scope::Plan(id) => ("t.plan_id = $2", vec![id]),
            Scope::PlanRange(first, last) => ("t.plan_id BETWEEN $2 AND $3", vec![first, last]),
            Scope::Task(id) => ("t.id = $2", vec![id]),
            Scope::Everything => ("t.plan_id IN (SELECT id FROM plans WHERE is_current = 1)", vec![]),
        }
    }
}

/// Adds (`sign` 1) or removes (`sign` -1) the tasks in `scope` from the
/// counts, as they stand now.
pub(crate) async fn adjust(conn: &mut AnyConnection, scope: Scope, sign: i64) -> Result<()> {
    let (condition, ids) = scope.condition();
    let every_task = format!(
        "INSERT INTO status_counts (agency_id, state, due_on, n)
         SELECT 0, {STATE_SQL}, COALESCE(t.due_on, ''), $1 * COUNT(*) FROM tasks t WHERE {condition}
         GROUP BY 2, 3
         ON CONFLICT (agency_id, state, due_on) DO UPDATE SET n = status_counts.n + excluded.n"
    );
    let per_agency = format!(
        "INSERT INTO status_counts (agency_id, state, due_on, n)
         SELECT ta.agency_id, {STATE_SQL}, COALESCE(t.due_on, ''), $1 * COUNT(*)
         FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead' WHERE {condition}
         GROUP BY 1, 2, 3
         ON CONFLICT (agency_id, state, due_on) DO UPDATE SET n = status_counts.n + excluded.n"
    );
    for sql in [every_task, per_agency] {
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(sign);
        for id in &ids {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await.map_err(fix_error)?;
    }
    sqlx::query("DELETE FROM status_counts WHERE n = 0").execute(&mut *conn).await?;
    Ok(())
}

/// Recounts everything (after bulk loads and agency merges).
pub(crate) async fn rebuild(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("DELETE FROM status_counts").execute(&mut *conn).await?;
    adjust(conn, Scope::Everything, 1).await
}
