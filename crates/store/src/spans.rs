//! The kept `task_spans` table (migration 0010): each task's stretches of
//! waiting for confirmation and of being done, rewritten from its facts in
//! the same transaction as every report and decision. A summary for a past
//! day corrects the kept totals with them in SQL, without reading every
//! task's reports into memory.

use std::collections::HashMap;

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};
use theodoi_core::{Span, SpanState};

use crate::bulk::{multi_row_insert, BATCH};
use crate::codec::{date_text, opt_date, parse_date};
use crate::error::{fix_error, Result};

/// Tasks whose spans are computed per round trip in a full rebuild.
const REBUILD_CHUNK: usize = 2048;

/// Replaces the spans of each task given with the ones given.
pub(crate) async fn replace(conn: &mut AnyConnection, spans: &[(i64, Vec<Span>)]) -> Result<()> {
    let ids: Vec<i64> = spans.iter().map(|(task, _)| *task).collect();
    for chunk in ids.chunks(crate::tasks::ID_CHUNK) {
        let (list, values) = crate::tasks::id_params(chunk);
        let delete = format!("DELETE FROM task_spans WHERE task_id IN ({list})");
        crate::tasks::bind_ids(sqlx::query(AssertSqlSafe(delete)), &values).execute(&mut *conn).await?;
    }
    insert(conn, spans).await
}

/// The spans kept for one task, in order.
pub(crate) async fn of_task(conn: &mut AnyConnection, task: i64) -> Result<Vec<Span>> {
    let rows = sqlx::query(
        "SELECT task_id, since_on, until_on, state, late FROM task_spans WHERE task_id = $1 ORDER BY since_on",
    )
    .bind(task)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(span_of).collect()
}

/// Rewrites every task's spans: the tasks with a claim of completion are
/// the only ones with any.
pub(crate) async fn rebuild(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("DELETE FROM task_spans").execute(&mut *conn).await?;
    let ids: Vec<i64> = sqlx::query("SELECT DISTINCT task_id FROM reports WHERE claims_done = 1 ORDER BY task_id")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    for chunk in ids.chunks(REBUILD_CHUNK) {
        let spans = crate::tasks::spans_of(conn, chunk).await?;
        insert(conn, &spans).await?;
    }
    Ok(())
}

/// Fills the table once after the migration that made it, in one
/// transaction.
pub(crate) async fn rebuild_if_pending(pool: &AnyPool) -> Result<()> {
    let mut tx = pool.begin().await?;
    if crate::take_pending_rebuild(&mut tx, "task_spans").await? {
        rebuild(&mut tx).await?;
        tx.commit().await?;
        // Statistics for the new rows at once: without them PostgreSQL
        // planned the past-day summary at a million tasks 2.5x slower
        // until autovacuum came round.
        sqlx::query("ANALYZE task_spans").execute(pool).await?;
    }
    Ok(())
}

async fn insert(conn: &mut AnyConnection, spans: &[(i64, Vec<Span>)]) -> Result<()> {
    let rows: Vec<(i64, &Span)> = spans.iter().flat_map(|(task, s)| s.iter().map(move |s| (*task, s))).collect();
    for chunk in rows.chunks(BATCH) {
        let sql = multi_row_insert(
            conn,
            "INSERT INTO task_spans (task_id, since_on, until_on, state, late) VALUES ",
            5,
            chunk.len(),
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (task, span) in chunk {
            let (state, late) = match span.state {
                SpanState::Awaiting => ("awaiting", false),
                SpanState::Done { late } => ("done", late),
            };
            query = query
                .bind(*task)
                .bind(date_text(span.since))
                .bind(span.until.map(date_text))
                .bind(state)
                .bind(late as i64);
        }
        query.execute(&mut *conn).await.map_err(fix_error)?;
    }
    Ok(())
}

/// Every task's spans, by task.
pub(crate) async fn every(conn: &mut AnyConnection) -> Result<HashMap<i64, Vec<Span>>> {
    let mut spans: HashMap<i64, Vec<Span>> = HashMap::new();
    let rows =
        sqlx::query("SELECT task_id, since_on, until_on, state, late FROM task_spans ORDER BY task_id, since_on")
            .fetch_all(&mut *conn)
            .await?;
    for r in &rows {
        spans.entry(r.get(0)).or_default().push(span_of(r)?);
    }
    Ok(spans)
}

/// A `task_spans` row (`…, since_on, until_on, state, late` from column 1).
fn span_of(r: &sqlx::any::AnyRow) -> Result<Span> {
    let since = parse_date(&r.get::<String, _>(1))?;
    let until = opt_date(r.get(2))?;
    let state = match r.get::<String, _>(3).as_str() {
        "done" => SpanState::Done { late: r.get::<i64, _>(4) != 0 },
        _ => SpanState::Awaiting,
    };
    Ok(Span { since, until, state })
}
