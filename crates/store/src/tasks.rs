//! Reading tasks with their status on a day. SQL narrows the rows by plan,
//! agency, role and text; the status itself is computed by
//! `theodoi_core::status_on` from the recorded facts for the day asked, so
//! it is never stale.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use theodoi_core::vi::fold;
use theodoi_core::{spans, status_on, Claim, Decision, Span, TaskFacts, TaskStatus, DEFAULT_DUE_SOON_DAYS};
use theodoi_parser::DeadlineKind;

use crate::agencies;
use crate::codec::{date_text, opt_date, parse_date, parse_kind};
use crate::error::{Result, StoreError};
use crate::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Coordinating,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Coordinating => "coordinating",
        }
    }
}

/// Which tasks to list, as of which day.
#[derive(Debug, Clone)]
pub struct TaskFilter {
    pub plan: Option<String>,
    pub agency: Option<String>,
    pub role: Option<Role>,
    pub status: Option<TaskStatus>,
    pub as_of: NaiveDate,
    /// Words to find in the title, compared without diacritics.
    pub q: Option<String>,
    pub due_soon_days: i64,
    pub limit: Option<usize>,
    pub offset: usize,
}

impl TaskFilter {
    pub fn as_of(as_of: NaiveDate) -> TaskFilter {
        TaskFilter {
            plan: None,
            agency: None,
            role: None,
            status: None,
            as_of,
            q: None,
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
            limit: None,
            offset: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineView {
    pub text: String,
    pub kind: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub reports_to: Option<String>,
}

/// A task as every reader sees it on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskView {
    pub id: i64,
    pub plan: String,
    /// The task's number in its plan, e.g. "2.4".
    pub task: String,
    pub group: Option<i64>,
    pub title: String,
    pub lead: Vec<String>,
    pub coordinating: Vec<String>,
    pub product: Option<String>,
    pub deadline: DeadlineView,
    pub status: TaskStatus,
    pub due_soon: bool,
    pub days_overdue: Option<i64>,
    /// Latest reported percent (the mean over responsible agencies).
    pub percent: Option<i64>,
    pub origin: String,
    pub version: i64,
}

/// One page of a task list and the count of all that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskPage {
    pub items: Vec<TaskView>,
    pub total: usize,
}

/// The status of a task row in SQL, for a day ($1) on or after the last
/// recorded event: the same rules as `theodoi_core::status_on`, applied to
/// the task's refreshed standing (see `refresh_state`).
pub(crate) const STATUS_SQL: &str = "CASE
    WHEN t.confirmed_on IS NOT NULL AND t.confirmed_on <= $1 THEN
        CASE WHEN t.due_on IS NOT NULL AND t.done_on > t.due_on THEN 'done_late' ELSE 'done_on_time' END
    WHEN t.awaiting_on IS NOT NULL AND t.awaiting_on <= $1 THEN 'awaiting_confirmation'
    WHEN t.due_on IS NULL THEN 'ongoing'
    WHEN t.due_on < $1 THEN 'overdue'
    ELSE 'in_progress' END";

/// Whether the task `t` belongs to a current plan, looked up for the row
/// alone: for a few rows taken along an index (`LIMIT`), a join to plans
/// made SQLite build a Bloom filter over every plan first.
pub(crate) const CURRENT_PLAN: &str = "(SELECT p.is_current FROM plans p WHERE p.id = t.plan_id) = 1";

pub(crate) const TASK_COLUMNS: &str =
    "t.id, p.number AS plan, t.code, t.group_number, t.title, t.product, t.origin, t.version,
     t.deadline_text, t.deadline_kind, t.start_on, t.due_on, t.reports_to";

impl Store {
    /// The tasks that match `filter`, with their status on `filter.as_of`.
    ///
    /// The database filters, counts and pages by status itself: for a day
    /// on or after the last recorded report or decision (today, almost
    /// always) from each task's standing, for an earlier day from the span
    /// covering it. The page's tasks are then judged from their history.
    pub async fn tasks(&self, filter: &TaskFilter) -> Result<TaskPage> {
        let mut conn = self.pool().acquire().await?;
        let agencies = agency_scope(&mut conn, filter.agency.as_deref()).await?;
        let rule = if sql_status_holds(&mut conn, filter.as_of).await? {
            if let (Some(ids), None, None) = (agencies.as_deref(), &filter.plan, &filter.q) {
                return agency_tasks(&mut conn, filter, ids).await;
            }
            StatusRule::Standing
        } else {
            StatusRule::Spans
        };
        let selection = Selection::new(filter, agencies.as_deref(), rule);
        let count_sql = format!("SELECT COUNT(*) {}", selection.sql);
        let total: i64 = selection.bind(sqlx::query(AssertSqlSafe(count_sql))).fetch_one(&mut *conn).await?.get(0);
        let limit = filter.limit.map_or(i64::MAX, |l| l as i64);
        let page_sql = format!(
            "SELECT {TASK_COLUMNS} {} ORDER BY p.number, t.id LIMIT {limit} OFFSET {}",
            selection.sql, filter.offset
        );
        let rows = selection.bind(sqlx::query(AssertSqlSafe(page_sql))).fetch_all(&mut *conn).await?;
        let items = views_on(&mut conn, &rows, filter.as_of, filter.due_soon_days).await?;
        Ok(TaskPage { items, total: total as usize })
    }

    /// The same list, always judged task by task from the recorded
    /// history (what `tasks` does for past days); for checks.
    pub async fn tasks_from_history(&self, filter: &TaskFilter) -> Result<TaskPage> {
        let mut conn = self.pool().acquire().await?;
        let agencies = agency_scope(&mut conn, filter.agency.as_deref()).await?;
        tasks_from_history(&mut conn, filter, agencies.as_deref()).await
    }

    /// One task by its database id, as of `as_of`.
    pub async fn task(&self, id: i64, as_of: NaiveDate) -> Result<TaskView> {
        let mut conn = self.pool().acquire().await?;
        let sql = format!("SELECT {TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1");
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_all(&mut *conn).await?;
        views_on(&mut conn, &rows, as_of, DEFAULT_DUE_SOON_DAYS)
            .await?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("nhiệm vụ số {id}")))
    }
}

/// Judges every candidate from its history, for days before the last
/// recorded event.
async fn tasks_from_history(
    conn: &mut AnyConnection,
    filter: &TaskFilter,
    agencies: Option<&[i64]>,
) -> Result<TaskPage> {
    let selection = Selection::new(filter, agencies, StatusRule::None);
    let sql = format!("SELECT {TASK_COLUMNS} {} ORDER BY p.number, t.id", selection.sql);
    let rows = selection.bind(sqlx::query(AssertSqlSafe(sql))).fetch_all(&mut *conn).await?;
    let mut views = views_on(conn, &rows, filter.as_of, filter.due_soon_days).await?;
    if let Some(status) = filter.status {
        views.retain(|v| v.status == status);
    }
    let total = views.len();
    let items = views.into_iter().skip(filter.offset).take(filter.limit.unwrap_or(usize::MAX)).collect();
    Ok(TaskPage { items, total })
}

/// The status of an agency row, from the task's standing copied onto it
/// (the same rules as `STATUS_SQL`).
const AGENCY_STATUS_SQL: &str = "CASE
    WHEN ta.confirmed_on IS NOT NULL AND ta.confirmed_on <= $1 THEN
        CASE WHEN ta.late = 1 THEN 'done_late' ELSE 'done_on_time' END
    WHEN ta.awaiting_on IS NOT NULL AND ta.awaiting_on <= $1 THEN 'awaiting_confirmation'
    WHEN ta.due_on IS NULL THEN 'ongoing'
    WHEN ta.due_on < $1 THEN 'overdue'
    ELSE 'in_progress' END";

/// One agency's tasks, counted and paged from the agency index alone
/// (nearest due date first); only the page's tasks are read in full.
async fn agency_tasks(conn: &mut AnyConnection, filter: &TaskFilter, agencies: &[i64]) -> Result<TaskPage> {
    let mut binds = vec![Bind::Text(date_text(filter.as_of))];
    let ids: Vec<String> = agencies
        .iter()
        .map(|id| {
            binds.push(Bind::Int(*id));
            format!("${}", binds.len())
        })
        .collect();
    let mut sql = format!("FROM task_agencies ta WHERE ta.agency_id IN ({}) AND ta.is_current = 1", ids.join(", "));
    if let Some(role) = filter.role {
        binds.push(Bind::Text(role.as_str().into()));
        sql.push_str(&format!(" AND ta.role = ${}", binds.len()));
    }
    if let Some(status) = filter.status {
        if status == TaskStatus::Overdue {
            sql.push_str(" AND ta.due_on < $1");
        }
        binds.push(Bind::Text(status.as_str().into()));
        sql.push_str(&format!(" AND {AGENCY_STATUS_SQL} = ${}", binds.len()));
    }
    let selection = Selection { sql, binds };
    let count_sql = format!("SELECT COUNT(DISTINCT ta.task_id) {}", selection.sql);
    let total: i64 = selection.bind(sqlx::query(AssertSqlSafe(count_sql))).fetch_one(&mut *conn).await?.get(0);
    let limit = filter.limit.map_or(i64::MAX, |l| l as i64);
    let page_sql = format!(
        "SELECT ta.task_id, MIN(ta.due_on) AS due {} GROUP BY ta.task_id ORDER BY MIN(ta.due_on) IS NULL, MIN(ta.due_on), ta.task_id
         LIMIT {limit} OFFSET {}",
        selection.sql, filter.offset
    );
    let page: Vec<i64> = selection
        .bind(sqlx::query(AssertSqlSafe(page_sql)))
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if page.is_empty() {
        return Ok(TaskPage { items: Vec::new(), total: total as usize });
    }
    let (list, values) = id_params(&page);
    let rows_sql =
        format!("SELECT {TASK_COLUMNS} FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id IN ({list})");
    let rows = bind_ids(sqlx::query(AssertSqlSafe(rows_sql)), &values).fetch_all(&mut *conn).await?;
    let mut items = views_on(conn, &rows, filter.as_of, filter.due_soon_days).await?;
    items.sort_by_key(|v| page.iter().position(|id| *id == v.id));
    Ok(TaskPage { items, total: total as usize })
}

/// The agency a filter names and the collectives it belongs to, whose
/// tasks are its tasks too.
async fn agency_scope(conn: &mut AnyConnection, name: Option<&str>) -> Result<Option<Vec<i64>>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let id = agencies::find(conn, name).await?.ok_or_else(|| StoreError::NotFound(format!("cơ quan \"{name}\"")))?;
    let mut ids = vec![id];
    let rows = sqlx::query("SELECT collective_id FROM agency_members WHERE member_id = $1")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    ids.extend(rows.iter().map(|r| r.get::<i64, _>(0)));
    Ok(Some(ids))
}

/// How a selection decides a task's status on the day asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusRule {
    /// Not in SQL: every row is judged from its history afterwards.
    None,
    /// From the task's standing: exact on or after the last recorded event.
    Standing,
    /// From the span covering the day (`task_spans`): exact on any day.
    Spans,
}

/// The join of the span `alias` of task `t` covering `day` (a parameter
/// such as `$1`, or a column), if any.
pub(crate) fn span_on_day(alias: &str, day: &str) -> String {
    format!("LEFT JOIN task_spans {alias} ON {alias}.task_id = t.id AND {}", covers(alias, day))
}

/// Whether the span `alias` covers `day` (`until_on` is exclusive).
fn covers(alias: &str, day: &str) -> String {
    format!("{alias}.since_on <= {day} AND ({alias}.until_on IS NULL OR {alias}.until_on > {day})")
}

/// The status the span `alias` gives its task, NULL without a span.
fn span_status(alias: &str) -> String {
    format!(
        "CASE {alias}.state
            WHEN 'done' THEN CASE WHEN {alias}.late = 1 THEN 'done_late' ELSE 'done_on_time' END
            WHEN 'awaiting' THEN 'awaiting_confirmation' END"
    )
}

/// The status of task `t` on `day` when no span covers it: open, judged
/// by its due date.
fn open_status(day: &str) -> String {
    format!("CASE WHEN t.due_on IS NULL THEN 'ongoing' WHEN t.due_on < {day} THEN 'overdue' ELSE 'in_progress' END")
}

/// The status task `t` had on `day`, from the span `alias` covering it
/// (`span_on_day`) or, with none, its due date: the same rules as
/// `theodoi_core::status_on`, exact for every day.
pub(crate) fn status_on_day(alias: &str, day: &str) -> String {
    format!("COALESCE({}, {})", span_status(alias), open_status(day))
}

/// `status_on_day` as one expression that looks the covering span up
/// itself, for queries over a few tasks that judge each on two days. Two
/// `LEFT JOIN`s of `task_spans` there made SQLite build a Bloom filter
/// over the whole table for each (345,000 spans at a million tasks: 50 ms
/// of a 31/12 dashboard that needed 4).
pub(crate) fn status_looked_up(day: &str) -> String {
    format!(
        "COALESCE((SELECT {} FROM task_spans s WHERE s.task_id = t.id AND {}), {})",
        span_status("s"),
        covers("s", day),
        open_status(day)
    )
}

/// A filter as SQL with only the conditions it uses, so the database can
/// use its indexes (an `($n IS NULL OR …)` term defeats them).
struct Selection {
    sql: String,
    binds: Vec<Bind>,
}

enum Bind {
    Text(String),
    Int(i64),
}

impl Selection {
    /// `rule` says whether and how the status condition is written in SQL.
    fn new(filter: &TaskFilter, agencies: Option<&[i64]>, rule: StatusRule) -> Selection {
        let mut s = Selection { sql: "FROM tasks t JOIN plans p ON p.id = t.plan_id".into(), binds: Vec::new() };
        if rule == StatusRule::Spans && filter.status.is_some() {
            let day = s.push(Bind::Text(date_text(filter.as_of)));
            s.sql.push_str(&format!(" {}", span_on_day("s", &format!("${day}"))));
        }
        s.sql.push_str(" WHERE p.is_current = 1");
        let with_status = rule != StatusRule::None;
        if let Some(plan) = &filter.plan {
            let n = s.push(Bind::Text(plan.clone()));
            s.sql.push_str(&format!(" AND p.number = ${n}"));
        }
        if let Some(q) = &filter.q {
            let n = s.push(Bind::Text(format!("%{}%", fold(q))));
            s.sql.push_str(&format!(" AND t.search_key LIKE ${n}"));
        }
        if let Some(ids) = agencies {
            let list: Vec<String> = ids.iter().map(|id| format!("${}", s.push(Bind::Int(*id)))).collect();
            s.sql.push_str(&format!(
                " AND t.id IN (SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id IN ({})",
                list.join(", ")
            ));
            if let Some(role) = filter.role {
                let n = s.push(Bind::Text(role.as_str().into()));
                s.sql.push_str(&format!(" AND ta.role = ${n}"));
            }
            if with_status && filter.status == Some(TaskStatus::Overdue) {
                let n = s.push(Bind::Text(date_text(filter.as_of)));
                s.sql.push_str(&format!(" AND ta.due_on < ${n}"));
            }
            s.sql.push(')');
        }
        if let (true, Some(status)) = (with_status, filter.status) {
            let day = s.push(Bind::Text(date_text(filter.as_of)));
            let wanted = s.push(Bind::Text(status.as_str().into()));
            let status_sql = match rule {
                StatusRule::Spans => status_on_day("s", &format!("${day}")),
                _ => STATUS_SQL.replace("$1", &format!("${day}")),
            };
            s.sql.push_str(&format!(" AND {status_sql} = ${wanted}"));
        }
        s
    }

    fn push(&mut self, bind: Bind) -> usize {
        self.binds.push(bind);
        self.binds.len()
    }

    fn bind<'q>(
        &self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
        for b in &self.binds {
            query = match b {
                Bind::Text(t) => query.bind(t.clone()),
                Bind::Int(i) => query.bind(*i),
            };
        }
        query
    }
}

/// Whether the SQL status expression is exact for `as_of`: it is for any
/// day on or after the last recorded report or decision.
pub(crate) async fn sql_status_holds(conn: &mut AnyConnection, as_of: NaiveDate) -> Result<bool> {
    Ok(last_event_on(conn).await?.is_none_or(|last| last <= as_of))
}

/// The latest day any report or decision is dated.
async fn last_event_on(conn: &mut AnyConnection) -> Result<Option<NaiveDate>> {
    let row = sqlx::query("SELECT (SELECT MAX(submitted_on) FROM reports), (SELECT MAX(decided_on) FROM reports)")
        .fetch_one(&mut *conn)
        .await?;
    let a = opt_date(row.get(0))?;
    let b = opt_date(row.get(1))?;
    Ok(a.max(b))
}

/// Recomputes a task's standing after every recorded fact: complete (and
/// when), waiting for confirmation (since when), or open.
pub(crate) async fn refresh_state(conn: &mut AnyConnection, task: i64) -> Result<()> {
    crate::counts::adjust(conn, crate::counts::Scope::Task(task), -1).await?;
    let facts = load_facts(conn, &[task]).await?;
    let agencies = facts.agencies.get(&task).map(Vec::as_slice).unwrap_or(&[]);
    let parts = responsible_parts(agencies, &facts.members);
    let mut done = (None::<NaiveDate>, None::<NaiveDate>);
    let mut all_done = !parts.is_empty();
    let mut awaiting_since = None::<NaiveDate>;
    let mut all_claimed = !parts.is_empty();
    for agency in &parts {
        let last = facts.reports.get(&(task, *agency)).and_then(|r| r.iter().rev().find_map(|f| f.claim));
        match last.map(|c| (c, c.decision)) {
            Some((c, Some(Decision::Confirmed { on }))) => {
                done = (done.0.max(Some(c.done_on.min(on))), done.1.max(Some(on)));
                awaiting_since = awaiting_since.max(Some(on));
            }
            Some((c, None)) => {
                all_done = false;
                awaiting_since = awaiting_since.max(Some(c.claimed_on));
            }
            _ => {
                all_done = false;
                all_claimed = false;
            }
        }
    }
    let (done_on, confirmed_on) = if all_done { done } else { (None, None) };
    let awaiting_on = if all_claimed && !all_done { awaiting_since } else { None };
    sqlx::query("UPDATE tasks SET done_on = $1, confirmed_on = $2, awaiting_on = $3 WHERE id = $4")
        .bind(done_on.map(date_text))
        .bind(confirmed_on.map(date_text))
        .bind(awaiting_on.map(date_text))
        .bind(task)
        .execute(&mut *conn)
        .await?;
    copy_state_to_agencies(conn, task).await?;
    let deadlines = deadlines_of(conn, &[task]).await?;
    let spans = spans_from(task, &deadlines, &facts)?;
    let changed_from = crate::snapshots::first_change(&crate::spans::of_task(conn, task).await?, &spans);
    let scope = crate::counts::Scope::Task(task);
    if let Some(from) = changed_from {
        crate::snapshots::adjust(conn, scope, -1, Some(from)).await?;
    }
    crate::spans::replace(conn, &[(task, spans)]).await?;
    if let Some(from) = changed_from {
        crate::snapshots::adjust(conn, scope, 1, Some(from)).await?;
    }
    crate::counts::adjust(conn, scope, 1).await
}

/// Keeps the copy of a task's standing on its agency rows in step.
pub(crate) async fn copy_state_to_agencies(conn: &mut AnyConnection, task: i64) -> Result<()> {
    sqlx::query(
        "UPDATE task_agencies SET confirmed_on = (SELECT t.confirmed_on FROM tasks t WHERE t.id = $1),
                                  awaiting_on = (SELECT t.awaiting_on FROM tasks t WHERE t.id = $1),
                                  late = (SELECT CASE WHEN t.due_on IS NOT NULL AND t.done_on > t.due_on THEN 1 ELSE 0 END
                                          FROM tasks t WHERE t.id = $1)
         WHERE task_id = $1",
    )
    .bind(task)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The facts behind a set of tasks, loaded in bulk.
struct Facts {
    /// task → (agency id, role, name, collective)
    agencies: HashMap<i64, Vec<(i64, String, String, bool)>>,
    /// collective → members
    members: HashMap<i64, Vec<i64>>,
    /// (task, agency) → claims and reported percents, in submission order
    reports: HashMap<(i64, i64), Vec<ReportFact>>,
}

struct ReportFact {
    submitted_on: NaiveDate,
    percent: i64,
    claim: Option<Claim>,
}

/// Ids per statement when loading facts in bulk: well under both
/// databases' parameter limits.
pub(crate) const ID_CHUNK: usize = 512;

async fn load_facts(conn: &mut AnyConnection, ids: &[i64]) -> Result<Facts> {
    let mut facts = Facts { agencies: HashMap::new(), members: HashMap::new(), reports: HashMap::new() };
    for chunk in ids.chunks(ID_CHUNK) {
        let (list, values) = id_params(chunk);
        let sql = format!(
            "SELECT ta.task_id, ta.agency_id, ta.role, a.name, a.collective FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id
             WHERE ta.task_id IN ({list}) ORDER BY ta.task_id, ta.role, a.sort_key"
        );
        for r in bind_ids(sqlx::query(AssertSqlSafe(sql)), &values).fetch_all(&mut *conn).await? {
            let entry = (r.get::<i64, _>(1), r.get::<String, _>(2), r.get::<String, _>(3), r.get::<i64, _>(4) != 0);
            facts.agencies.entry(r.get::<i64, _>(0)).or_default().push(entry);
        }
        let sql = format!(
            "SELECT task_id, agency_id, submitted_on, percent, claims_done, done_on, decision, decided_on FROM reports
             WHERE task_id IN ({list}) ORDER BY id"
        );
        for r in bind_ids(sqlx::query(AssertSqlSafe(sql)), &values).fetch_all(&mut *conn).await? {
            let fact = report_fact(&r)?;
            facts.reports.entry((r.get(0), r.get(1))).or_default().push(fact);
        }
    }
    let mut collectives: Vec<i64> = facts
        .agencies
        .values()
        .flatten()
        .filter(|(_, role, _, collective)| *collective && role == "lead")
        .map(|a| a.0)
        .collect();
    collectives.sort_unstable();
    collectives.dedup();
    for chunk in collectives.chunks(ID_CHUNK) {
        let (list, values) = id_params(chunk);
        let sql = format!("SELECT collective_id, member_id FROM agency_members WHERE collective_id IN ({list})");
        for r in bind_ids(sqlx::query(AssertSqlSafe(sql)), &values).fetch_all(&mut *conn).await? {
            facts.members.entry(r.get(0)).or_default().push(r.get(1));
        }
    }
    Ok(facts)
}

/// Placeholders "$1, …, $n" for a list of ids, with n rounded up to a
/// power of two (the last id repeated): the statement text then takes only
/// a handful of shapes, so each database prepares it once and reuses it.
pub(crate) fn id_params(ids: &[i64]) -> (String, Vec<i64>) {
    let n = ids.len().next_power_of_two();
    let mut values = ids.to_vec();
    values.resize(n, ids.last().copied().unwrap_or(0));
    let list = (1..=n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    (list, values)
}

pub(crate) fn bind_ids<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ids: &[i64],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for id in ids {
        query = query.bind(*id);
    }
    query
}

fn report_fact(r: &AnyRow) -> Result<ReportFact> {
    let submitted_on = parse_date(&r.get::<String, _>(2))?;
    let claim = if r.get::<i64, _>(4) != 0 {
        let done_on = opt_date(r.get(5))?.unwrap_or(submitted_on);
        let decided_on = opt_date(r.get(7))?;
        let decision = match (r.get::<Option<String>, _>(6).as_deref(), decided_on) {
            (Some("confirmed"), Some(on)) => Some(Decision::Confirmed { on }),
            (Some("returned"), Some(on)) => Some(Decision::Returned { on }),
            _ => None,
        };
        Some(Claim { claimed_on: submitted_on, done_on, decision })
    } else {
        None
    };
    Ok(ReportFact { submitted_on, percent: r.get(3), claim })
}

pub(crate) async fn views_on(
    conn: &mut AnyConnection,
    rows: &[AnyRow],
    as_of: NaiveDate,
    due_soon_days: i64,
) -> Result<Vec<TaskView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.get::<i64, _>("id")).collect();
    let facts = load_facts(conn, &ids).await?;
    rows.iter().map(|r| view(r, &facts, as_of, due_soon_days)).collect()
}

fn view(r: &AnyRow, facts: &Facts, as_of: NaiveDate, due_soon_days: i64) -> Result<TaskView> {
    let id: i64 = r.get("id");
    let kind = parse_kind(&r.get::<String, _>("deadline_kind"));
    let due = opt_date(r.get("due_on"))?;
    let agencies = facts.agencies.get(&id).map(Vec::as_slice).unwrap_or(&[]);
    let names = |role: &str| agencies.iter().filter(|a| a.1 == role).map(|a| a.2.clone()).collect::<Vec<_>>();
    let parts = responsible_parts(agencies, &facts.members);
    let claims = claims_of(id, &parts, facts);
    let claim_refs: Vec<&[Claim]> = claims.iter().map(Vec::as_slice).collect();
    let status = status_on(&TaskFacts { kind, due, parts: &claim_refs }, as_of, due_soon_days);
    Ok(TaskView {
        id,
        plan: r.get("plan"),
        task: r.get("code"),
        group: r.get("group_number"),
        title: r.get("title"),
        lead: names("lead"),
        coordinating: names("coordinating"),
        product: r.get("product"),
        deadline: DeadlineView {
            text: r.get("deadline_text"),
            kind: r.get("deadline_kind"),
            start: opt_date(r.get("start_on"))?,
            due,
            reports_to: r.get("reports_to"),
        },
        status: status.status,
        due_soon: status.due_soon,
        days_overdue: status.days_overdue,
        percent: mean_percent(&parts, id, facts, as_of),
        origin: r.get("origin"),
        version: r.get("version"),
    })
}

/// Each responsible agency's claims on a task, in submission order.
fn claims_of(task: i64, parts: &[i64], facts: &Facts) -> Vec<Vec<Claim>> {
    parts
        .iter()
        .map(|agency| {
            let reports = facts.reports.get(&(task, *agency)).map(Vec::as_slice).unwrap_or(&[]);
            reports.iter().filter_map(|f| f.claim).collect()
        })
        .collect()
}

/// Each task's spans (see `theodoi_core::spans`) from its recorded facts,
/// in the order of `ids`.
pub(crate) async fn spans_of(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<(i64, Vec<Span>)>> {
    let facts = load_facts(conn, ids).await?;
    let deadlines = deadlines_of(conn, ids).await?;
    ids.iter().map(|id| Ok((*id, spans_from(*id, &deadlines, &facts)?))).collect()
}

/// Each task's deadline kind and due date, by id.
async fn deadlines_of(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> Result<HashMap<i64, (DeadlineKind, Option<NaiveDate>)>> {
    let mut deadlines = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(ID_CHUNK) {
        let (list, values) = id_params(chunk);
        let sql = format!("SELECT id, deadline_kind, due_on FROM tasks WHERE id IN ({list})");
        for r in bind_ids(sqlx::query(AssertSqlSafe(sql)), &values).fetch_all(&mut *conn).await? {
            deadlines.insert(r.get(0), (parse_kind(&r.get::<String, _>(1)), opt_date(r.get(2))?));
        }
    }
    Ok(deadlines)
}

/// One task's spans from facts already loaded.
fn spans_from(
    task: i64,
    deadlines: &HashMap<i64, (DeadlineKind, Option<NaiveDate>)>,
    facts: &Facts,
) -> Result<Vec<Span>> {
    let (kind, due) =
        deadlines.get(&task).copied().ok_or_else(|| StoreError::NotFound(format!("nhiệm vụ số {task}")))?;
    let agencies = facts.agencies.get(&task).map(Vec::as_slice).unwrap_or(&[]);
    let parts = responsible_parts(agencies, &facts.members);
    let claims = claims_of(task, &parts, facts);
    let claim_refs: Vec<&[Claim]> = claims.iter().map(Vec::as_slice).collect();
    Ok(spans(&TaskFacts { kind, due, parts: &claim_refs }))
}

/// The agencies that each report on a task: its lead agencies, with a
/// collective replaced by its registered members.
fn responsible_parts(agencies: &[(i64, String, String, bool)], members: &HashMap<i64, Vec<i64>>) -> Vec<i64> {
    let mut parts = Vec::new();
    for (agency, _, _, _) in agencies.iter().filter(|a| a.1 == "lead") {
        match members.get(agency) {
            Some(m) if !m.is_empty() => parts.extend(m.iter().copied()),
            _ => parts.push(*agency),
        }
    }
    parts.sort_unstable();
    parts.dedup();
    parts
}

fn mean_percent(parts: &[i64], task: i64, facts: &Facts, as_of: NaiveDate) -> Option<i64> {
    let latest: Vec<i64> = parts
        .iter()
        .filter_map(|a| facts.reports.get(&(task, *a))?.iter().rfind(|f| f.submitted_on <= as_of).map(|f| f.percent))
        .collect();
    if latest.is_empty() {
        return None;
    }
    let sum: i64 = latest.iter().sum();
    Some(sum / parts.len().max(1) as i64)
}

impl Store {
    /// The tasks `filter` selects by plan, agency, role and words (its
    /// status and paging are not applied), each judged on `filter.as_of`
    /// and paired with its status on `earlier`: what a period report
    /// compares to tell the tasks completed within the period. The rows
    /// and every task's history are read once for both days; listing the
    /// tasks once per day would read them all twice.
    pub async fn tasks_then_and_now(
        &self,
        filter: &TaskFilter,
        earlier: NaiveDate,
    ) -> Result<Vec<(TaskView, TaskStatus)>> {
        let mut conn = self.pool().acquire().await?;
        let agencies = agency_scope(&mut conn, filter.agency.as_deref()).await?;
        let selection = Selection::new(filter, agencies.as_deref(), StatusRule::None);
        let sql = format!("SELECT {TASK_COLUMNS} {} ORDER BY p.number, t.id", selection.sql);
        let rows = selection.bind(sqlx::query(AssertSqlSafe(sql))).fetch_all(&mut *conn).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.get::<i64, _>("id")).collect();
        let facts = load_facts(&mut conn, &ids).await?;
        rows.iter()
            .map(|r| {
                let now = view(r, &facts, filter.as_of, filter.due_soon_days)?;
                let then = view(r, &facts, earlier, filter.due_soon_days)?.status;
                Ok((now, then))
            })
            .collect()
    }
}
