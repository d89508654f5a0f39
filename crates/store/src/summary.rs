//! Where plans stand on a day: counts by status, by group and by agency,
//! the most overdue tasks, and the periodic reports that are missing.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};
use theodoi_core::{missing_periods, Period, TaskStatus};

use crate::codec::{date_text, opt_date, parse_recurrence};
use crate::error::Result;
use crate::tasks::{sql_status_holds, TaskFilter, TaskView, STATUS_SQL};
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
const MISSING_LISTED: usize = 100;

impl Store {
    /// The summary of one plan (or all current plans) on `as_of`.
    ///
    /// For today (on or after the last recorded event) the database counts;
    /// for an earlier day every task is judged from its history.
    pub async fn summary(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<Summary> {
        let mut conn = self.pool().acquire().await?;
        if sql_status_holds(&mut conn, as_of).await? {
            drop(conn);
            return self.summary_in_sql(plan, as_of).await;
        }
        drop(conn);
        let mut filter = TaskFilter::as_of(as_of);
        filter.plan = plan.map(str::to_string);
        let tasks = self.tasks(&filter).await?.items;
        let missing = self.missing_reports(plan, as_of).await?;
        Ok(summarise(&tasks, as_of, missing))
    }

    /// Every current plan's summary from the kept counts: by status and by
    /// agency; by group too while there are few plans.
    async fn summary_from_counts(&self, as_of: NaiveDate) -> Result<Summary> {
        let day = date_text(as_of);
        let rows = sqlx::query(
            "SELECT c.agency_id, a.name,
                    CASE WHEN c.state = 'open' AND c.due_on = '' THEN 'ongoing'
                         WHEN c.state = 'open' AND c.due_on < $1 THEN 'overdue'
                         WHEN c.state = 'open' THEN 'in_progress'
                         WHEN c.state = 'awaiting' THEN 'awaiting_confirmation'
                         ELSE c.state END AS status,
                    CAST(SUM(c.n) AS BIGINT)
             FROM status_counts c LEFT JOIN agencies a ON a.id = c.agency_id
             GROUP BY c.agency_id, a.name, status",
        )
        .bind(&day)
        .fetch_all(self.pool())
        .await?;
        let mut by_status = zeroes();
        let mut by_agency: HashMap<i64, AgencyCount> = HashMap::new();
        for r in &rows {
            let (agency, status, n): (i64, String, i64) = (r.get(0), r.get(2), r.get(3));
            let status = status_key(&status);
            let n = n as usize;
            if agency == 0 {
                *by_status.entry(status).or_default() += n;
                continue;
            }
            let a = by_agency.entry(agency).or_insert_with(|| AgencyCount {
                agency: r.get::<Option<String>, _>(1).unwrap_or_default(),
                total: 0,
                overdue: 0,
                done: 0,
                by_status: zeroes(),
            });
            a.total += n;
            *a.by_status.entry(status).or_default() += n;
            a.overdue += if status == "overdue" { n } else { 0 };
            a.done += if status.starts_with("done") { n } else { 0 };
        }
        let mut by_agency: Vec<AgencyCount> = by_agency.into_values().collect();
        by_agency.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| a.agency.cmp(&b.agency)));
        let mut filter = TaskFilter::as_of(as_of);
        filter.status = Some(TaskStatus::Overdue);
        let most_overdue = self.most_overdue(&filter).await?;
        let (missing_reports, missing_reports_total) = self.missing_reports(None, as_of).await?;
        let total = by_status.values().sum();
        let plans: i64 =
            sqlx::query("SELECT COUNT(*) FROM plans WHERE is_current = 1").fetch_one(self.pool()).await?.get(0);
        let by_group = if plans <= GROUPS_FOR_PLANS { self.group_counts(None, &day).await?.1 } else { Vec::new() };
        Ok(Summary {
            as_of,
            total,
            by_status,
            by_group,
            by_agency,
            most_overdue,
            missing_reports,
            missing_reports_total,
        })
    }

    async fn summary_in_sql(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<Summary> {
        let Some(plan) = plan else {
            return self.summary_from_counts(as_of).await;
        };
        let plan = Some(plan);
        let day = date_text(as_of);
        let (by_status, by_group, total) = self.group_counts(plan, &day).await?;
        let agencies = sqlx::query(AssertSqlSafe(format!(
            "SELECT a.name, {STATUS_SQL} AS status, COUNT(*) FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id
             JOIN plans p ON p.id = t.plan_id JOIN agencies a ON a.id = ta.agency_id
             WHERE ta.role = 'lead' AND p.is_current = 1 AND ($2 IS NULL OR p.number = $2) GROUP BY a.name, status"
        )))
        .bind(&day)
        .bind(plan)
        .fetch_all(self.pool())
        .await?;
        let mut by_agency: HashMap<String, AgencyCount> = HashMap::new();
        for r in &agencies {
            let (name, status, count): (String, String, i64) = (r.get(0), r.get(1), r.get(2));
            let key = status_key(&status);
            let a = by_agency.entry(name.clone()).or_insert_with(|| AgencyCount {
                agency: name,
                total: 0,
                overdue: 0,
                done: 0,
                by_status: zeroes(),
            });
            a.total += count as usize;
            *a.by_status.entry(key).or_default() += count as usize;
            if key == "overdue" {
                a.overdue += count as usize;
            }
            if key == "done_on_time" || key == "done_late" {
                a.done += count as usize;
            }
        }
        let mut by_agency: Vec<AgencyCount> = by_agency.into_values().collect();
        by_agency.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| a.agency.cmp(&b.agency)));
        let mut filter = TaskFilter::as_of(as_of);
        filter.plan = plan.map(str::to_string);
        filter.status = Some(TaskStatus::Overdue);
        let most_overdue = self.most_overdue(&filter).await?;
        let (missing_reports, missing_reports_total) = self.missing_reports(plan, as_of).await?;
        Ok(Summary {
            as_of,
            total,
            by_status,
            by_group,
            by_agency,
            most_overdue,
            missing_reports,
            missing_reports_total,
        })
    }

    /// Counts by status, and by plan and group, from the tasks themselves.
    async fn group_counts(
        &self,
        plan: Option<&str>,
        day: &str,
    ) -> Result<(BTreeMap<&'static str, usize>, Vec<GroupCount>, usize)> {
        let groups = sqlx::query(AssertSqlSafe(format!(
            "SELECT p.number, t.group_number, {STATUS_SQL} AS status, COUNT(*) FROM tasks t JOIN plans p ON p.id = t.plan_id
             WHERE p.is_current = 1 AND ($2 IS NULL OR p.number = $2) GROUP BY p.number, t.group_number, status
             ORDER BY p.number, t.group_number"
        )))
        .bind(day)
        .bind(plan)
        .fetch_all(self.pool())
        .await?;
        let mut by_status = zeroes();
        let mut by_group: Vec<GroupCount> = Vec::new();
        let mut total = 0;
        for r in &groups {
            let (number, group, status, count): (String, Option<i64>, String, i64) =
                (r.get(0), r.get(1), r.get(2), r.get(3));
            let key = status_key(&status);
            let count = count as usize;
            total += count;
            *by_status.entry(key).or_default() += count;
            match by_group.last_mut() {
                Some(g) if g.plan == number && g.group == group => {
                    g.total += count;
                    *g.by_status.entry(key).or_default() += count;
                }
                _ => {
                    let mut g = GroupCount { plan: number, group, total: count, by_status: zeroes() };
                    *g.by_status.entry(key).or_default() += count;
                    by_group.push(g);
                }
            }
        }
        Ok((by_status, by_group, total))
    }

    async fn most_overdue(&self, filter: &TaskFilter) -> Result<Vec<OverdueTask>> {
        // On or after the last recorded event an open task past its due
        // date is overdue; walking the due-date index stops after a page.
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT t.id, p.number, t.code, t.title, t.due_on FROM tasks t JOIN plans p ON p.id = t.plan_id
             WHERE p.is_current = 1 AND ($2 IS NULL OR p.number = $2) AND t.due_on < $1
               AND t.confirmed_on IS NULL AND t.awaiting_on IS NULL
             ORDER BY t.due_on, t.id LIMIT {MOST_OVERDUE}"
        )))
        .bind(date_text(filter.as_of))
        .bind(&filter.plan)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let id: i64 = r.get(0);
            let due = opt_date(r.get(4))?;
            let lead = sqlx::query(
                "SELECT a.name FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id WHERE ta.task_id = $1 AND ta.role = 'lead' ORDER BY a.sort_key",
            )
            .bind(id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|l| l.get::<String, _>(0))
            .collect();
            out.push(OverdueTask {
                id,
                plan: r.get(1),
                task: r.get(2),
                title: r.get(3),
                lead,
                due,
                days_overdue: due.map_or(0, |d| (filter.as_of - d).num_days()),
            });
        }
        Ok(out)
    }

    async fn missing_reports(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<(Vec<MissingReport>, usize)> {
        let rows = sqlx::query(
            "SELECT t.id, p.number, t.code, t.recurrence, d.issued_on, a.id AS agency_id, a.name
             FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN documents d ON d.id = p.document_id
             JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead' JOIN agencies a ON a.id = ta.agency_id
             WHERE p.is_current = 1 AND t.deadline_kind = 'recurring' AND ($1 IS NULL OR p.number = $1)
             ORDER BY p.number, t.id, a.sort_key",
        )
        .bind(plan)
        .fetch_all(self.pool())
        .await?;
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
    overdue.sort_by_key(|t| std::cmp::Reverse(t.days_overdue.unwrap_or(0)));
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

/// The static name of a status the database computed.
fn status_key(s: &str) -> &'static str {
    TaskStatus::parse(s).map_or("ongoing", TaskStatus::as_str)
}

fn zeroes() -> BTreeMap<&'static str, usize> {
    TaskStatus::ALL.iter().map(|s| (s.as_str(), 0)).collect()
}
