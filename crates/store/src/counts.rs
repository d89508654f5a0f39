//! Keeps `status_counts` in step with the tasks: every import and every
//! change of a task's standing subtracts the rows it had and adds the rows
//! it has now, in the same transaction.
//!
//! Only an open task's status moves with the day asked (in progress until
//! its due date, overdue after), so only open tasks are counted by due
//! date; completed and waiting tasks are counted under the empty date,
//! which keeps the table a few rows per agency and due date.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{AnyConnection, AssertSqlSafe};

use crate::bulk::{multi_row_sql, pipelined, Statement};
use crate::codec::date_text;
use crate::error::{fix_error, Result};

/// A task's standing once every recorded fact has happened.
const STATE_SQL: &str = "CASE WHEN t.confirmed_on IS NOT NULL THEN
        CASE WHEN t.due_on IS NOT NULL AND t.done_on > t.due_on THEN 'done_late' ELSE 'done_on_time' END
    WHEN t.awaiting_on IS NOT NULL THEN 'awaiting' ELSE 'open' END";

/// The due date a task is counted under: its own while open, else none.
const DUE_KEY_SQL: &str =
    "CASE WHEN t.confirmed_on IS NULL AND t.awaiting_on IS NULL THEN COALESCE(t.due_on, '') ELSE '' END";

/// Which tasks a change concerns.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope {
    Plan(i64),
    /// Plans with ids from the first to the last, inclusive: the plans one
    /// import batch created (`import::count_new` adds them to the kept
    /// days with it; their counts and duties come from memory).
    PlanRange(i64, i64),
    Task(i64),
    Everything,
}

impl Scope {
    /// The condition on tasks `t`, its parameters numbered from `first`.
    pub(crate) fn condition(self, first: usize) -> (String, Vec<i64>) {
        let (a, b) = (first, first + 1);
        match self {
            Scope::Plan(id) => (format!("t.plan_id = ${a}"), vec![id]),
            Scope::PlanRange(lo, hi) => (format!("t.plan_id BETWEEN ${a} AND ${b}"), vec![lo, hi]),
            Scope::Task(id) => (format!("t.id = ${a}"), vec![id]),
            Scope::Everything => ("t.plan_id IN (SELECT id FROM plans WHERE is_current = 1)".into(), vec![]),
        }
    }

    /// Whether subtracting from this scope may leave rows at zero that
    /// should go (a batch of new plans only adds; a rebuild starts empty).
    fn may_leave_zeroes(self) -> bool {
        matches!(self, Scope::Plan(_) | Scope::Task(_))
    }
}

/// Adds (`sign` 1) or removes (`sign` -1) the tasks in `scope` from the
/// counts, as they stand now.
pub(crate) async fn adjust(conn: &mut AnyConnection, scope: Scope, sign: i64) -> Result<()> {
    let (condition, ids) = scope.condition(2);
    let every_task = format!(
        "INSERT INTO status_counts (agency_id, state, due_on, n)
         SELECT 0, {STATE_SQL}, {DUE_KEY_SQL}, $1 * COUNT(*) FROM tasks t WHERE {condition}
         GROUP BY 2, 3
         ON CONFLICT (agency_id, state, due_on) DO UPDATE SET n = status_counts.n + excluded.n"
    );
    let per_agency = format!(
        "INSERT INTO status_counts (agency_id, state, due_on, n)
         SELECT ta.agency_id, {STATE_SQL}, {DUE_KEY_SQL}, $1 * COUNT(*)
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
    if scope.may_leave_zeroes() {
        drop_zeroes(conn, scope).await?;
    }
    // The kept days: a full recount rebuilds them itself, far cheaper than
    // judging every task on every kept day; a task's report moves it only
    // on the kept days its spans changed (`tasks::refresh_state`).
    if matches!(scope, Scope::Plan(_)) {
        crate::snapshots::adjust(conn, scope, sign, None).await?;
    }
    // Who owes periodic reports changes at the same moments.
    crate::duties::refresh(conn, scope, sign).await
}

/// New plans' tasks, counted in memory by `(agency, due date)`: one entry
/// per task under agency 0 and one per lead agency. New tasks are all open
/// (nothing has been reported on them), so this is `adjust(…, 1)` without
/// reading them back: for a bulk batch of 25,000 tasks those two grouped
/// scans and the join to their agencies cost more than storing the counts.
///
/// A load adds every batch here and `flush`es once at its end: each batch
/// of a million-task load touched some 13,000 rows of `status_counts`,
/// one upsert each at its own place in the table, a tenth of the batch's
/// time, and the forty batches mostly touched the same rows again.
#[derive(Debug, Default)]
pub(crate) struct NewOpen(HashMap<(i64, Option<NaiveDate>), i64>);

impl NewOpen {
    /// Counts one open task under `agency` (0 for every task).
    pub(crate) fn add(&mut self, agency: i64, due: Option<NaiveDate>) {
        *self.0.entry((agency, due)).or_default() += 1;
    }

    /// Adds what was counted to `status_counts` and starts again from none.
    pub(crate) async fn flush(&mut self, conn: &mut AnyConnection) -> Result<()> {
        // Each key once per statement: PostgreSQL refuses to update a row
        // twice in one `ON CONFLICT`.
        let rows: Vec<(i64, String, i64)> = std::mem::take(&mut self.0)
            .into_iter()
            .map(|((agency, due), n)| (agency, due.map(date_text).unwrap_or_default(), n))
            .collect();
        let build = |positional: bool, chunk: &[(i64, String, i64)]| -> Result<Statement> {
            let sql = multi_row_sql(
                positional,
                "INSERT INTO status_counts (agency_id, state, due_on, n) VALUES ",
                4,
                chunk.len(),
            );
            let mut query = sqlx::query(AssertSqlSafe(format!(
                "{sql} ON CONFLICT (agency_id, state, due_on) DO UPDATE SET n = status_counts.n + excluded.n"
            )));
            for (agency, due, n) in chunk {
                query = query.bind(*agency).bind("open").bind(due.clone()).bind(*n);
            }
            Ok(query)
        };
        pipelined(conn, &rows, build, |_| ()).await
    }
}

/// Deletes the rows left at zero among the agencies of `scope` only: a
/// whole-table `DELETE … WHERE n = 0` would read every row on every write.
async fn drop_zeroes(conn: &mut AnyConnection, scope: Scope) -> Result<()> {
    let (condition, ids) = scope.condition(1);
    let sql = format!(
        "DELETE FROM status_counts WHERE n = 0 AND agency_id IN (
             SELECT 0 UNION SELECT ta.agency_id FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead'
             WHERE {condition})"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in &ids {
        query = query.bind(*id);
    }
    query.execute(&mut *conn).await.map_err(fix_error)?;
    Ok(())
}

/// Recounts everything (after bulk loads and agency merges), the kept
/// days too: they need the tasks' spans (`spans::rebuild`) first.
pub(crate) async fn rebuild(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("DELETE FROM status_counts").execute(&mut *conn).await?;
    adjust(conn, Scope::Everything, 1).await?;
    crate::snapshots::rebuild(conn).await
}
