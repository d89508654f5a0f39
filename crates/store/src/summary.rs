//! Where plans stand on a day: counts by status, by group and by agency,
//! the most overdue tasks, and the periodic reports that are missing.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use theodoi_core::{missing_periods, Period, TaskStatus};

use crate::codec::{date_text, opt_date, parse_recurrence, status_key};
use crate::error::Result;
use crate::tasks::{span_on_day, status_on_day, TaskFilter, TaskView, CURRENT_PLAN};
use crate::Store;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub as_of: NaiveDate,
    pub total: usize,
    pub by_status: BTreeMap<&'static str, usize>,
    pub by_group: Vec<GroupCount>,
    pub by_agency: Vec<AgencyCount>,
    pub most_overdue: Vec<OverdueTask>,
    /// The first missing periodic reports (at most `MISSING_LISTED`)…
    pub missing_reports: Vec<MissingReport>,
    /// …and how many there are in all.
    pub missing_reports_total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupCount {
    pub plan: String,
    pub group: Option<i64>,
    pub total: usize,
    pub by_status: BTreeMap<&'static str, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyCount {
    pub agency: String,
    pub total: usize,
    pub overdue: usize,
    pub done: usize,
    pub by_status: BTreeMap<&'static str, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueTask {
    pub id: i64,
    pub plan: String,
    pub task: String,
    pub title: String,
    pub lead: Vec<String>,
    pub due: Option<NaiveDate>,
    pub days_overdue: i64,
}

/// A closed reporting period of a recurring task with no report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingReport {
    pub plan: String,
    pub task: String,
    pub agency: String,
    pub period: String,
}

/// How many of the most overdue tasks a summary lists.
const MOST_OVERDUE: usize = 10;

/// Up to how many current plans an all-plans summary still lists every
/// plan's groups; past that a reader asks for one plan's groups.
const GROUPS_FOR_PLANS: i64 = 100;

/// How many missing periodic reports a summary lists (it counts them all).
pub(crate) const MISSING_LISTED: usize = 100;

impl Store {
    /// The summary of one plan (or all current plans) on `as_of`, exact for
    /// any day.
    ///
    /// All plans' counts start from the kept day nearest to the day asked
    /// (`snapshots`), or for a day well past the last one, from the kept
    /// totals (`status_counts`). One plan's, and the groups
    /// of a few plans, are grouped from each task's status on the day,
    /// read from its spans (`task_spans`).
    pub async fn summary(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<Summary> {
        // The counts, the most overdue and the missing reports are read on
        // three pooled connections side by side. On a database the page
        // cache has not kept, each part waits on the disk for its own
        // pages, and in turn they took the sum of three waits (137 ms on a
        // cold million-task file, against 61 for the slowest).
        let ((counts, counts_ms), (most_overdue, overdue_ms), (missing, missing_ms)) = tokio::join!(
            timed(self.counts(plan, as_of)),
            timed(self.most_overdue(plan, as_of)),
            timed(self.missing_reports(plan, as_of)),
        );
        let (counts, (changed, most_overdue), (missing_reports, missing_reports_total)) =
            (counts?, most_overdue?, missing?);
        tracing::debug!(counts_ms, overdue_ms, missing_ms, changed, "summary timings");
        Ok(counts.into_summary(as_of, most_overdue, missing_reports, missing_reports_total))
    }

    /// The counts part of `summary`, on a connection of its own.
    async fn counts(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<Counts> {
        let mut conn = self.pool().acquire().await?;
        match plan {
            None => {
                let changed = changed_after(&mut conn, as_of).await?;
                counts_of_all_plans(&mut conn, as_of, changed).await
            }
            Some(plan) => counts_of_tasks(&mut conn, Some(plan), as_of).await,
        }
    }

    /// The most overdue part of `summary`, on a connection of its own;
    /// with whether any standing changed after the day.
    async fn most_overdue(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<(bool, Vec<OverdueTask>)> {
        let mut conn = self.pool().acquire().await?;
        let changed = changed_after(&mut conn, as_of).await?;
        Ok((changed, most_overdue(&mut conn, plan, as_of, changed).await?))
    }

    /// The same summary, computed the straightforward way: every task
    /// judged from its history, then counted. Slow on large databases; for
    /// checks that the fast path gives the same answer.
    pub async fn summary_from_history(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<Summary> {
        let mut filter = TaskFilter::as_of(as_of);
        filter.plan = plan.map(str::to_string);
        let tasks = self.tasks_from_history(&filter).await?.items;
        let missing = self.missing_reports_from_history(plan, as_of).await?;
        Ok(summarise(&tasks, as_of, missing))
    }

    /// The closed periods of recurring tasks with no report on `as_of`:
    /// the first `MISSING_LISTED` of them, and how many there are, read
    /// from the kept report duties.
    pub async fn missing_reports(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<(Vec<MissingReport>, usize)> {
        let mut conn = self.pool().acquire().await?;
        crate::duties::missing_reports(&mut conn, plan, as_of).await
    }

    /// Every missing periodic report, from every recurring task and report:
    /// the straightforward count the kept duties must agree with.
    async fn missing_reports_from_history(
        &self,
        plan: Option<&str>,
        as_of: NaiveDate,
    ) -> Result<(Vec<MissingReport>, usize)> {
        // Sorted here, not in SQL: an ORDER BY on the plan number leads the
        // database to walk every plan's tasks instead of the few recurring
        // ones the deadline-kind index finds.
        let mut rows = sqlx::query(
            "SELECT t.id, p.number, t.code, t.recurrence, d.issued_on, a.id AS agency_id, a.name, a.sort_key
             FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN documents d ON d.id = p.document_id
             JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead' JOIN agencies a ON a.id = ta.agency_id
             WHERE p.is_current = 1 AND t.deadline_kind = 'recurring' AND ($1 IS NULL OR p.number = $1)",
        )
        .bind(plan)
        .fetch_all(self.pool())
        .await?;
        rows.sort_by_cached_key(|r| (r.get::<String, _>(1), r.get::<i64, _>(0), r.get::<Vec<u8>, _>(7)));
        let reported = sqlx::query(
            "SELECT r.task_id, r.agency_id, r.period FROM reports r JOIN tasks t ON t.id = r.task_id JOIN plans p ON p.id = t.plan_id
             WHERE p.is_current = 1 AND t.deadline_kind = 'recurring' AND r.period IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await?;
        let mut periods: HashMap<(i64, i64), Vec<Period>> = HashMap::new();
        for r in &reported {
            if let Some(p) = Period::parse(&r.get::<String, _>(2)) {
                periods.entry((r.get(0), r.get(1))).or_default().push(p);
            }
        }
        let mut out = Vec::new();
        let mut total = 0;
        for r in &rows {
            let recurrence = r.get::<Option<String>, _>(3).as_deref().and_then(parse_recurrence);
            let since = opt_date(r.get(4))?;
            let (Some(recurrence), Some(since)) = (recurrence.or(Some(theodoi_parser::Recurrence::Periodic)), since)
            else {
                continue;
            };
            let done = periods.get(&(r.get(0), r.get(5))).map(Vec::as_slice).unwrap_or(&[]);
            for period in missing_periods(recurrence, since, as_of, done) {
                total += 1;
                if out.len() < MISSING_LISTED {
                    out.push(MissingReport {
                        plan: r.get(1),
                        task: r.get(2),
                        agency: r.get(6),
                        period: period.to_string(),
                    });
                }
            }
        }
        Ok((out, total))
    }
}

/// Whether any task's standing changed after `as_of` (never, for today).
///
/// The latest dates are read from the ends of the two date indexes, the
/// same two lookups whatever the day. An `EXISTS (… WHERE since_on > $1)`
/// was as quick until PostgreSQL, after five runs, planned it once for any
/// day: a scan of every span that stops at the first match, and today has
/// none, so today's summary read all 345,000 spans (15 ms became 50-90).
pub(crate) async fn changed_after(conn: &mut AnyConnection, as_of: NaiveDate) -> Result<bool> {
    let row = sqlx::query(
        "SELECT COALESCE((SELECT MAX(since_on) FROM task_spans) > $1, FALSE)
             OR COALESCE((SELECT MAX(until_on) FROM task_spans) > $1, FALSE)",
    )
    .bind(date_text(as_of))
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get::<bool, _>(0).or_else(|_| row.try_get::<i64, _>(0).map(|n| n != 0))?)
}

/// A future's output and the milliseconds it took, for the timings a
/// summary logs.
async fn timed<T>(future: impl std::future::Future<Output = T>) -> (T, f64) {
    let started = Instant::now();
    let out = future.await;
    (out, started.elapsed().as_secs_f64() * 1000.0)
}

/// Counts by status, by plan and group, and by lead agency (keyed by name).
struct Counts {
    by_status: BTreeMap<&'static str, usize>,
    by_group: Vec<GroupCount>,
    by_agency: HashMap<String, AgencyCount>,
}

impl Counts {
    fn into_summary(
        self,
        as_of: NaiveDate,
        most_overdue: Vec<OverdueTask>,
        missing_reports: Vec<MissingReport>,
        missing_reports_total: usize,
    ) -> Summary {
        let mut by_agency: Vec<AgencyCount> = self
            .by_agency
            .into_values()
            .map(|mut a| {
                a.overdue = a.by_status["overdue"];
                a.done = a.by_status["done_on_time"] + a.by_status["done_late"];
                a
            })
            .collect();
        by_agency.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| a.agency.cmp(&b.agency)));
        Summary {
            as_of,
            total: self.by_status.values().sum(),
            by_status: self.by_status,
            by_group: self.by_group,
            by_agency,
            most_overdue,
            missing_reports,
            missing_reports_total,
        }
    }
}

/// Adds `n` tasks of `status` to an agency's counts.
fn add_to_agency(by_agency: &mut HashMap<String, AgencyCount>, name: String, status: &'static str, n: usize) {
    let a = by_agency.entry(name.clone()).or_insert_with(|| AgencyCount {
        agency: name,
        total: 0,
        overdue: 0,
        done: 0,
        by_status: zeroes(),
    });
    a.total += n;
    *a.by_status.entry(status).or_default() += n;
}

/// Every current plan's counts by status and by agency, and by group too
/// while there are few plans: from the nearest kept day, or from the kept
/// totals (`status_counts`) for a day far ahead.
async fn counts_of_all_plans(conn: &mut AnyConnection, as_of: NaiveDate, changed: bool) -> Result<Counts> {
    let day = date_text(as_of);
    // A kept day near the day asked is the quickest start even for today
    // (4,500 rows against the 42,000 kept totals by due date at a million
    // tasks); a day far past the last kept one, where nothing changed
    // since, is the kept totals'.
    let within = (!changed).then_some(crate::snapshots::KEPT_EVERY);
    let kept = crate::snapshots::counts_on(conn, as_of, within).await?;
    let mut counts = match (kept, changed) {
        (Some(kept), _) => counts_of_day(conn, &kept).await?,
        (None, false) => counts_of_standing(conn, &day).await?,
        // No kept day: only inside a bulk load's transaction, or after
        // one failed until the next start rebuilds them.
        (None, true) => counts_of_tasks(conn, None, as_of).await?,
    };
    // Counted only up to one past the limit: counting every current plan
    // read the whole plans index (124 pages at 20,000 plans) to learn that
    // there are more than a hundred.
    let plans: i64 = sqlx::query(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM plans WHERE is_current = 1 LIMIT {}) AS current_plans",
        GROUPS_FOR_PLANS + 1
    )))
    .fetch_one(&mut *conn)
    .await?
    .get(0);
    counts.by_group = match plans <= GROUPS_FOR_PLANS {
        true => group_counts(conn, None, &day).await?.1,
        false => Vec::new(),
    };
    Ok(counts)
}

/// Counts by status and by agency from a kept day moved to the day asked.
async fn counts_of_day(conn: &mut AnyConnection, kept: &crate::snapshots::DayCounts) -> Result<Counts> {
    let names: HashMap<i64, String> = sqlx::query("SELECT id, name FROM agencies")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut by_status = zeroes();
    let mut by_agency = HashMap::new();
    for (&(agency, status), &n) in kept {
        if agency == 0 {
            *by_status.entry(status).or_default() += n.max(0) as usize;
        } else if n > 0 {
            add_to_agency(&mut by_agency, names.get(&agency).cloned().unwrap_or_default(), status, n as usize);
        }
    }
    Ok(Counts { by_status, by_group: Vec::new(), by_agency })
}

/// Counts by status and by agency from the kept totals (`status_counts`):
/// each task's standing, judged on the day.
async fn counts_of_standing(conn: &mut AnyConnection, day: &str) -> Result<Counts> {
    // Summed per agency id first, named after: grouping the kept rows
    // (tens of thousands at a million tasks) by name sorted them on disk
    // on PostgreSQL, 35 ms against 15.
    let rows = sqlx::query(
        "SELECT g.agency_id, a.name, g.status, g.n
         FROM (SELECT c.agency_id,
                      CASE WHEN c.state = 'open' AND c.due_on = '' THEN 'ongoing'
                           WHEN c.state = 'open' AND c.due_on < $1 THEN 'overdue'
                           WHEN c.state = 'open' THEN 'in_progress'
                           WHEN c.state = 'awaiting' THEN 'awaiting_confirmation'
                           ELSE c.state END AS status,
                      CAST(SUM(c.n) AS BIGINT) AS n
               FROM status_counts c GROUP BY c.agency_id, status) g
         LEFT JOIN agencies a ON a.id = g.agency_id",
    )
    .bind(day)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_status = zeroes();
    let mut by_agency = HashMap::new();
    for r in &rows {
        let (agency, status, n): (i64, String, i64) = (r.get(0), r.get(2), r.get(3));
        let (status, n) = (status_key(&status), n as usize);
        if agency == 0 {
            *by_status.entry(status).or_default() += n;
        } else if n > 0 {
            add_to_agency(&mut by_agency, r.get::<Option<String>, _>(1).unwrap_or_default(), status, n);
        }
    }
    Ok(Counts { by_status, by_group: Vec::new(), by_agency })
}

/// One plan's counts (or every plan's, slowly), from each task's status
/// on the day, read from its spans.
async fn counts_of_tasks(conn: &mut AnyConnection, plan: Option<&str>, as_of: NaiveDate) -> Result<Counts> {
    let day = date_text(as_of);
    let (by_status, by_group) = group_counts(conn, plan, &day).await?;
    let (span, status) = (span_on_day("s", "$1"), status_on_day("s", "$1"));
    let one_plan = if plan.is_some() { "AND p.number = $2" } else { "" };
    let mut query = sqlx::query(AssertSqlSafe(format!(
        "SELECT a.name, {status} AS status, COUNT(*) FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
         JOIN plans p ON p.id = t.plan_id JOIN agencies a ON a.id = ta.agency_id {span}
         WHERE ta.role = 'lead' AND p.is_current = 1 {one_plan} GROUP BY a.name, status"
    )))
    .bind(day);
    if let Some(plan) = plan {
        query = query.bind(plan);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut by_agency = HashMap::new();
    for r in &rows {
        let (name, status, n): (String, String, i64) = (r.get(0), r.get(1), r.get(2));
        add_to_agency(&mut by_agency, name, status_key(&status), n as usize);
    }
    Ok(Counts { by_status, by_group, by_agency })
}

/// Counts by status, and by plan and group, of one plan or of every
/// current plan (few, see `GROUPS_FOR_PLANS`), from each task's status on
/// the day.
async fn group_counts(
    conn: &mut AnyConnection,
    plan: Option<&str>,
    day: &str,
) -> Result<(BTreeMap<&'static str, usize>, Vec<GroupCount>)> {
    let (span, status) = (span_on_day("s", "$1"), status_on_day("s", "$1"));
    let one_plan = if plan.is_some() { "AND p.number = $2" } else { "" };
    let sql = format!(
        "SELECT p.number, t.group_number, {status} AS status, COUNT(*) FROM tasks t JOIN plans p ON p.id = t.plan_id {span}
         WHERE p.is_current = 1 {one_plan} GROUP BY p.number, t.group_number, status"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(day);
    if let Some(plan) = plan {
        query = query.bind(plan);
    }
    let groups = query.fetch_all(&mut *conn).await?;
    let mut by_status = zeroes();
    let mut by_group: BTreeMap<(String, Option<i64>), GroupCount> = BTreeMap::new();
    for r in &groups {
        let (number, group, status, count): (String, Option<i64>, String, i64) =
            (r.get(0), r.get(1), r.get(2), r.get(3));
        let (key, count) = (status_key(&status), count as usize);
        *by_status.entry(key).or_default() += count;
        let g = by_group.entry((number.clone(), group)).or_insert_with(|| GroupCount {
            plan: number,
            group,
            total: 0,
            by_status: zeroes(),
        });
        g.total += count;
        *g.by_status.entry(key).or_default() += count;
    }
    Ok((by_status, by_group.into_values().collect()))
}

/// The tasks longest overdue on `as_of`, ties in import order, read along
/// the due-date index. When no standing changed after the day (today) the
/// open tasks' own index skips every finished task; for an earlier day a
/// task counts when no span covers the day.
async fn most_overdue(
    conn: &mut AnyConnection,
    plan: Option<&str>,
    as_of: NaiveDate,
    changed: bool,
) -> Result<Vec<OverdueTask>> {
    let open = if changed {
        "NOT EXISTS (SELECT 1 FROM task_spans s WHERE s.task_id = t.id AND s.since_on <= $1
                        AND (s.until_on IS NULL OR s.until_on > $1))"
    } else {
        "t.confirmed_on IS NULL AND t.awaiting_on IS NULL"
    };
    // One plan: its few tasks first, then sorted. All plans: the tasks
    // along the due-date index, each one's plan looked up on its own (a
    // join made SQLite build a Bloom filter over every plan first, the
    // whole table read for ten rows).
    let sql = match plan {
        Some(_) => format!(
            "SELECT t.id, p.number, t.code, t.title, t.due_on FROM tasks t JOIN plans p ON p.id = t.plan_id
             WHERE p.number = $2 AND p.is_current = 1 AND t.due_on < $1 AND {open}
             ORDER BY t.due_on, t.id LIMIT {MOST_OVERDUE}"
        ),
        None => format!(
            "SELECT t.id, (SELECT p.number FROM plans p WHERE p.id = t.plan_id), t.code, t.title, t.due_on FROM tasks t
             WHERE t.due_on < $1 AND {open} AND {CURRENT_PLAN}
             ORDER BY t.due_on, t.id LIMIT {MOST_OVERDUE}"
        ),
    };
    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(date_text(as_of));
    if let Some(plan) = plan {
        query = query.bind(plan);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut found = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.get(0);
        let due = opt_date(r.get(4))?;
        found.push(OverdueTask {
            id,
            plan: r.get(1),
            task: r.get(2),
            title: r.get(3),
            lead: lead_names(conn, id).await?,
            due,
            days_overdue: due.map_or(0, |d| (as_of - d).num_days()),
        });
    }
    Ok(found)
}

async fn lead_names(conn: &mut AnyConnection, task: i64) -> Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT a.name FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id
         WHERE ta.task_id = $1 AND ta.role = 'lead' ORDER BY a.sort_key",
    )
    .bind(task)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
}

fn summarise(
    tasks: &[TaskView],
    as_of: NaiveDate,
    (missing_reports, missing_reports_total): (Vec<MissingReport>, usize),
) -> Summary {
    let mut by_group: BTreeMap<(String, Option<i64>), GroupCount> = BTreeMap::new();
    let mut by_agency: HashMap<String, AgencyCount> = HashMap::new();
    for t in tasks {
        let g = by_group.entry((t.plan.clone(), t.group)).or_insert_with(|| GroupCount {
            plan: t.plan.clone(),
            group: t.group,
            total: 0,
            by_status: zeroes(),
        });
        g.total += 1;
        *g.by_status.entry(t.status.as_str()).or_default() += 1;
        for lead in &t.lead {
            let a = by_agency.entry(lead.clone()).or_insert_with(|| AgencyCount {
                agency: lead.clone(),
                total: 0,
                overdue: 0,
                done: 0,
                by_status: zeroes(),
            });
            a.total += 1;
            a.overdue += usize::from(t.status == TaskStatus::Overdue);
            a.done += usize::from(t.status.is_done());
            *a.by_status.entry(t.status.as_str()).or_default() += 1;
        }
    }
    let mut by_status = zeroes();
    for t in tasks {
        *by_status.entry(t.status.as_str()).or_default() += 1;
    }
    let mut by_agency: Vec<AgencyCount> = by_agency.into_values().collect();
    by_agency.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| a.agency.cmp(&b.agency)));
    let mut overdue: Vec<&TaskView> = tasks.iter().filter(|t| t.status == TaskStatus::Overdue).collect();
    overdue.sort_by_key(|t| (t.deadline.due, t.id));
    let most_overdue = overdue
        .into_iter()
        .take(MOST_OVERDUE)
        .map(|t| OverdueTask {
            id: t.id,
            plan: t.plan.clone(),
            task: t.task.clone(),
            title: t.title.clone(),
            lead: t.lead.clone(),
            due: t.deadline.due,
            days_overdue: t.days_overdue.unwrap_or(0),
        })
        .collect();
    Summary {
        as_of,
        total: tasks.len(),
        by_status,
        by_group: by_group.into_values().collect(),
        by_agency,
        most_overdue,
        missing_reports,
        missing_reports_total,
    }
}

fn zeroes() -> BTreeMap<&'static str, usize> {
    TaskStatus::ALL.iter().map(|s| (s.as_str(), 0)).collect()
}
