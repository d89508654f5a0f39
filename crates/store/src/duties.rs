//! Keeps `report_duties` and `duty_reports` in step: who owes periodic
//! reports (the lead agencies of current plans' recurring tasks) and which
//! periods they have reported, so that a summary counts the missing reports
//! from a few grouped rows and lists the first ones along an index.
//!
//! Every change goes through the same hook as the status totals
//! (`counts::adjust`), in the same transaction: a scope's rows are deleted
//! when its tasks are about to change, and written afresh from the tasks,
//! agencies and reports once they have.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};
use theodoi_core::{missing_periods, Period};
use theodoi_parser::Recurrence;

use crate::codec::{date_text, opt_date, parse_recurrence};
use crate::counts::Scope;
use crate::error::{fix_error, Result};
use crate::summary::{MissingReport, MISSING_LISTED};

/// Deletes the duties of the tasks in `scope` and, when `sign` is positive
/// (the tasks as they stand now), writes them again.
pub(crate) async fn refresh(conn: &mut AnyConnection, scope: Scope, sign: i64) -> Result<()> {
    delete(conn, scope).await?;
    if sign > 0 {
        insert(conn, scope).await?;
    }
    Ok(())
}

async fn delete(conn: &mut AnyConnection, scope: Scope) -> Result<()> {
    if let Scope::Everything = scope {
        sqlx::query("DELETE FROM report_duties").execute(&mut *conn).await?;
        sqlx::query("DELETE FROM duty_reports").execute(&mut *conn).await?;
        return Ok(());
    }
    let (condition, ids) = scope.condition(1);
    for table in ["report_duties", "duty_reports"] {
        let sql = format!("DELETE FROM {table} WHERE task_id IN (SELECT t.id FROM tasks t WHERE {condition})");
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for id in &ids {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await.map_err(fix_error)?;
    }
    Ok(())
}

/// One lead agency's duty: periods of `months` months from `first`.
pub(crate) struct Duty {
    task: i64,
    agency: i64,
    plan: String,
    months: i64,
    first: Period,
}

impl Duty {
    /// The duty of a recurring task's lead agency, owed from the period
    /// holding the plan's signing day. An unreadable rhythm is reported
    /// quarterly, as the summary has always read it.
    pub(crate) fn new(task: i64, agency: i64, plan: String, recurrence: Option<Recurrence>, since: NaiveDate) -> Duty {
        let first = Period::containing(recurrence.unwrap_or(Recurrence::Periodic), since);
        Duty { task, agency, plan, months: months_of(first), first }
    }
}

async fn insert(conn: &mut AnyConnection, scope: Scope) -> Result<()> {
    let (condition, ids) = scope.condition(1);
    let sql = format!(
        "SELECT t.id, ta.agency_id, p.number, t.recurrence, d.issued_on
         FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN documents d ON d.id = p.document_id
         JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead'
         WHERE {condition} AND p.is_current = 1 AND t.deadline_kind = 'recurring' AND d.issued_on IS NOT NULL"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in &ids {
        query = query.bind(*id);
    }
    let mut duties = Vec::new();
    for r in query.fetch_all(&mut *conn).await? {
        let recurrence = r.get::<Option<String>, _>(3).as_deref().and_then(parse_recurrence);
        let Some(since) = opt_date(r.get(4))? else { continue };
        duties.push(Duty::new(r.get(0), r.get(1), r.get(2), recurrence, since));
    }
    if duties.is_empty() {
        return Ok(());
    }
    store(conn, &duties).await?;
    insert_reported(conn, scope, &duties).await
}

/// Stores duties, read from the tasks' rows or, for tasks an import has
/// just created, drawn up from what it holds in memory (`Duty::new`): new
/// tasks have no reports yet and no duties to replace.
pub(crate) async fn store(conn: &mut AnyConnection, duties: &[Duty]) -> Result<()> {
    let build = |positional: bool, chunk: &[Duty]| -> Result<crate::bulk::Statement> {
        let sql = crate::bulk::multi_row_sql(
            positional,
            "INSERT INTO report_duties (task_id, agency_id, plan_number, months, first_start) VALUES ",
            5,
            chunk.len(),
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for d in chunk {
            query =
                query.bind(d.task).bind(d.agency).bind(d.plan.clone()).bind(d.months).bind(date_text(d.first.start));
        }
        Ok(query)
    };
    crate::bulk::pipelined(conn, duties, build, |_| ()).await
}

/// The distinct periods the duties were reported for, from the first
/// period each owes on.
async fn insert_reported(conn: &mut AnyConnection, scope: Scope, duties: &[Duty]) -> Result<()> {
    let firsts: HashMap<(i64, i64), Period> = duties.iter().map(|d| ((d.task, d.agency), d.first)).collect();
    let (condition, ids) = scope.condition(1);
    let sql = format!(
        "SELECT r.task_id, r.agency_id, r.period FROM reports r JOIN tasks t ON t.id = r.task_id
         WHERE {condition} AND t.deadline_kind = 'recurring' AND r.period IS NOT NULL"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in &ids {
        query = query.bind(*id);
    }
    let mut reported = HashSet::new();
    for r in query.fetch_all(&mut *conn).await? {
        let key: (i64, i64) = (r.get(0), r.get(1));
        let (Some(first), Some(period)) = (firsts.get(&key), Period::parse(&r.get::<String, _>(2))) else {
            continue;
        };
        if months_of(period) == months_of(*first) && period.start >= first.start {
            reported.insert((key.0, key.1, period));
        }
    }
    let reported: Vec<_> = reported.into_iter().collect();
    for chunk in reported.chunks(crate::bulk::BATCH) {
        let sql = crate::bulk::multi_row_insert(
            conn,
            "INSERT INTO duty_reports (task_id, agency_id, period, period_end) VALUES ",
            4,
            chunk.len(),
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (task, agency, period) in chunk {
            query = query.bind(*task).bind(*agency).bind(period.to_string()).bind(date_text(period.end));
        }
        query.execute(&mut *conn).await.map_err(fix_error)?;
    }
    Ok(())
}

/// The length of a period in months (1, 3, 6 or 12).
fn months_of(period: Period) -> i64 {
    let next = period.end.succ_opt().unwrap_or(period.end);
    use chrono::Datelike;
    let months = (next.year() - period.start.year()) * 12 + next.month() as i32 - period.start.month() as i32;
    i64::from(months.max(1))
}

/// The rhythm whose periods last `months` months.
pub(crate) fn recurrence_of(months: i64) -> Recurrence {
    match months {
        1 => Recurrence::Monthly,
        6 => Recurrence::HalfYearly,
        12 => Recurrence::Yearly,
        _ => Recurrence::Quarterly,
    }
}

/// How many periods of `months` months, the first starting on `first`,
/// have closed (their last day passed) by `as_of`.
pub(crate) fn closed_periods(months: i64, first: NaiveDate, as_of: NaiveDate) -> usize {
    let mut period = Period::containing(recurrence_of(months), first);
    let mut n = 0;
    while period.end < as_of {
        n += 1;
        period = period.next();
    }
    n
}

/// Fills the kept tables a migration left to Rust, once, in one transaction.
pub(crate) async fn rebuild_if_pending(pool: &AnyPool) -> Result<()> {
    let mut tx = pool.begin().await?;
    if crate::take_pending_rebuild(&mut tx, "report_duties").await? {
        refresh(&mut tx, Scope::Everything, 1).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Duties read by the first statement when listing the first missing
/// reports, and by the last of the ever larger ones after it. A duty owes
/// a report for every closed period since its first, often a dozen, so the
/// first few duties usually fill the list; each row read costs a lookup of
/// its task and agency, a page read from disk each when the file is not in
/// memory (256 rows at once took 200 task pages for a 100-line list).
const LIST_FIRST_CHUNK: i64 = 16;
const LIST_CHUNK: i64 = 256;

/// The missing periodic reports on `as_of` of all current plans or one:
/// the first `MISSING_LISTED` (by plan number, task, agency, period) and
/// how many in all, the same answer as reading every duty and report.
///
/// The total is the periods closed by `as_of`, counted per group of duties
/// sharing a rhythm and first period, less the reported ones closed by
/// then. The list walks the duties in order along their index and stops
/// once it has enough.
pub(crate) async fn missing_reports(
    conn: &mut AnyConnection,
    plan: Option<&str>,
    as_of: NaiveDate,
) -> Result<(Vec<MissingReport>, usize)> {
    let day = date_text(as_of);
    // Every plan: the kept counts per rhythm and first period (migration
    // 0015, kept by triggers), a handful of rows where grouping the duties
    // read their whole index. One plan: its duties, grouped.
    let groups = match plan {
        None => sqlx::query("SELECT months, first_start, n FROM report_duty_counts WHERE first_start < $1 AND n > 0")
            .bind(&day),
        Some(plan) => sqlx::query(
            "SELECT months, first_start, COUNT(*) FROM report_duties WHERE first_start < $1 AND plan_number = $2
             GROUP BY months, first_start",
        )
        .bind(&day)
        .bind(plan),
    }
    .fetch_all(&mut *conn)
    .await?;
    let mut owed = 0;
    for r in &groups {
        let Some(first) = opt_date(r.get(1))? else { continue };
        owed += closed_periods(r.get(0), first, as_of) * r.get::<i64, _>(2) as usize;
    }
    let reported: i64 = match plan {
        None => sqlx::query("SELECT COUNT(*) FROM duty_reports WHERE period_end < $1").bind(&day).fetch_one(&mut *conn).await?,
        Some(plan) => {
            sqlx::query(
                "SELECT COUNT(*) FROM duty_reports r JOIN report_duties d ON d.task_id = r.task_id AND d.agency_id = r.agency_id
                 WHERE d.plan_number = $2 AND r.period_end < $1",
            )
            .bind(&day)
            .bind(plan)
            .fetch_one(&mut *conn)
            .await?
        }
    }
    .get(0);
    let total = owed.saturating_sub(reported as usize);
    let listed = if total == 0 { Vec::new() } else { first_missing(conn, plan, as_of).await? };
    Ok((listed, total))
}

/// The first `MISSING_LISTED` missing reports, walking the duties in order
/// a chunk at a time; a chunk ends on a whole task, so each task's
/// agencies are sorted together.
async fn first_missing(conn: &mut AnyConnection, plan: Option<&str>, as_of: NaiveDate) -> Result<Vec<MissingReport>> {
    let day = date_text(as_of);
    let mut out = Vec::new();
    let (mut after_plan, mut after_task) = (plan.unwrap_or_default().to_string(), i64::MIN);
    // The walk goes on from the last whole task seen, along the index.
    let from = match plan {
        None => "(d.plan_number, d.task_id) > ($2, $3)",
        Some(_) => "d.plan_number = $2 AND d.task_id > $3",
    };
    let sql = format!(
        "SELECT d.task_id, d.agency_id, d.plan_number, t.code, a.name, a.sort_key, d.months, d.first_start
         FROM report_duties d JOIN tasks t ON t.id = d.task_id JOIN agencies a ON a.id = d.agency_id
         WHERE {from} AND d.first_start < $1
         ORDER BY d.plan_number, d.task_id LIMIT $4"
    );
    let mut chunk = LIST_FIRST_CHUNK;
    loop {
        let mut rows = sqlx::query(AssertSqlSafe(sql.clone()))
            .bind(&day)
            .bind(&after_plan)
            .bind(after_task)
            .bind(chunk)
            .fetch_all(&mut *conn)
            .await?;
        let full = rows.len() as i64 == chunk;
        let last_task = rows.last().map(|r| r.get::<i64, _>(0));
        if full && rows.iter().all(|r| Some(r.get::<i64, _>(0)) == last_task) {
            // One task's agencies filled the chunk (a collective fans out
            // to every member): read from the same place, twice as many.
            chunk *= 2;
            continue;
        }
        chunk = (chunk * 2).min(LIST_CHUNK).max(chunk);
        if full {
            // The last task's agencies may go on in the next chunk.
            rows.retain(|r| Some(r.get::<i64, _>(0)) != last_task);
        }
        let Some(last) = rows.last() else { return Ok(out) };
        (after_plan, after_task) = (last.get(2), last.get(0));
        rows.sort_by_cached_key(|r| (r.get::<String, _>(2), r.get::<i64, _>(0), r.get::<Vec<u8>, _>(5)));
        let done = reported_of(conn, &rows).await?;
        for r in &rows {
            let Some(first) = opt_date(r.get(7))? else { continue };
            let key = (r.get::<i64, _>(0), r.get::<i64, _>(1));
            let reported = done.get(&key).map(Vec::as_slice).unwrap_or(&[]);
            for period in missing_periods(recurrence_of(r.get(6)), first, as_of, reported) {
                if out.len() == MISSING_LISTED {
                    return Ok(out);
                }
                out.push(MissingReport {
                    plan: r.get(2),
                    task: r.get(3),
                    agency: r.get(4),
                    period: period.to_string(),
                });
            }
        }
        if !full {
            return Ok(out);
        }
    }
}

/// The reported periods of the duties in `rows`.
async fn reported_of(conn: &mut AnyConnection, rows: &[AnyRow]) -> Result<HashMap<(i64, i64), Vec<Period>>> {
    let tasks: Vec<i64> = rows.iter().map(|r| r.get::<i64, _>(0)).collect::<HashSet<_>>().into_iter().collect();
    let mut out: HashMap<(i64, i64), Vec<Period>> = HashMap::new();
    if tasks.is_empty() {
        return Ok(out);
    }
    let list: Vec<String> = (1..=tasks.len()).map(|n| format!("${n}")).collect();
    let sql = format!("SELECT task_id, agency_id, period FROM duty_reports WHERE task_id IN ({})", list.join(", "));
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in &tasks {
        query = query.bind(*id);
    }
    for r in query.fetch_all(&mut *conn).await? {
        if let Some(period) = Period::parse(&r.get::<String, _>(2)) {
            out.entry((r.get(0), r.get(1))).or_default().push(period);
        }
    }
    Ok(out)
}
