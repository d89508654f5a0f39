//! The facts a progress report states, gathered from the store once, so the
//! DOCX, PDF and XLSX say the same thing. Statuses come from the store's
//! task views, which apply `theodoi_core::status_on` — the dashboard's rules.

use std::collections::HashSet;

use chrono::NaiveDate;
use theodoi_core::{Period, TaskStatus};
use theodoi_store::{GroupView, MissingReport, PlanDetail, Store, TargetView, TaskFilter, TaskView};

use crate::error::{ReportError, Result};

/// Which plan (or every current plan of the province) as of which day.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub plan: Option<String>,
    pub as_of: NaiveDate,
    /// "2021-Q4", "2021-H1", "2021"; by default the quarter holding `as_of`.
    pub period: Option<String>,
}

/// The plan a report is about, as its decision names it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInfo {
    pub number: String,
    pub title: Option<String>,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub groups: Vec<GroupView>,
}

/// An overdue task with what its agency last said about it.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueRow {
    pub task: TaskView,
    pub days_overdue: i64,
    /// The latest report's explanation (difficulties, else narrative).
    pub explanation: Option<String>,
}

/// A task completed within the report's period.
#[derive(Debug, Clone, PartialEq)]
pub struct DoneRow {
    pub task: TaskView,
    pub done_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    pub plans: Vec<PlanInfo>,
    pub as_of: NaiveDate,
    pub period: Period,
    pub tasks: Vec<TaskView>,
    pub overdue: Vec<OverdueRow>,
    pub done_in_period: Vec<DoneRow>,
    pub targets: Vec<TargetView>,
    pub missing_reports: Vec<MissingReport>,
    pub missing_reports_total: usize,
}

impl ReportData {
    /// Reads everything the report needs on `request.as_of`.
    ///
    /// The tasks are read once, judged on the report's day and on the eve
    /// of the period together; the overdue tasks' explanations and the
    /// completed tasks' days come in one batched statement each, so a
    /// province report over thousands of tasks asks the database a handful
    /// of times, not several times per task.
    pub async fn load(store: &Store, request: &ReportRequest) -> Result<ReportData> {
        let period = match &request.period {
            Some(key) => Period::parse(key).ok_or_else(|| ReportError::BadPeriod(key.clone()))?,
            None => Period::containing(theodoi_parser::Recurrence::Quarterly, request.as_of),
        };
        let plans = plans(store, request.plan.as_deref()).await?;
        let mut filter = TaskFilter::as_of(request.as_of);
        filter.plan = request.plan.clone();
        let eve = period.start.pred_opt();
        let judged = store.tasks_then_and_now(&filter, eve.unwrap_or(period.start)).await?;
        // A task done by the report's day but not on the eve of the period
        // was completed within it, by the status rules the dashboard uses.
        let done_before: HashSet<i64> =
            judged.iter().filter(|(_, then)| eve.is_some() && then.is_done()).map(|(t, _)| t.id).collect();
        let mut tasks: Vec<TaskView> = judged.into_iter().map(|(t, _)| t).collect();
        // Grouped tasks in group order; tasks outside any group last.
        tasks.sort_by(|a, b| {
            (&a.plan, a.group.is_none(), a.group, code_key(&a.task)).cmp(&(
                &b.plan,
                b.group.is_none(),
                b.group,
                code_key(&b.task),
            ))
        });
        let overdue = overdue_rows(store, &tasks, request.as_of).await?;
        let newly_done: Vec<&TaskView> =
            tasks.iter().filter(|t| t.status.is_done() && !done_before.contains(&t.id)).collect();
        let done_in_period = done_rows(store, &newly_done, period, request.as_of).await?;
        let targets = store.targets(request.plan.as_deref(), request.as_of).await?;
        let (missing_reports, missing_reports_total) =
            store.missing_reports(request.plan.as_deref(), request.as_of).await?;
        Ok(ReportData {
            plans,
            as_of: request.as_of,
            period,
            tasks,
            overdue,
            done_in_period,
            targets,
            missing_reports,
            missing_reports_total,
        })
    }

    /// How many tasks are in each status, in the dashboard's order.
    pub fn counts(&self) -> Vec<(TaskStatus, usize)> {
        TaskStatus::ALL.iter().map(|s| (*s, self.tasks.iter().filter(|t| t.status == *s).count())).collect()
    }

    /// The title of group `number` of plan `plan`, when the plan has one.
    pub fn group_title(&self, plan: &str, number: i64) -> Option<&str> {
        let p = self.plans.iter().find(|p| p.number == plan)?;
        p.groups.iter().find(|g| g.number == number).map(|g| g.title.as_str())
    }
}

/// "2.10" sorts after "2.9": numbers compared part by part.
pub fn code_key(code: &str) -> Vec<(u64, String)> {
    code.split('.').map(|p| (p.parse::<u64>().unwrap_or(u64::MAX), p.to_string())).collect()
}

impl PlanInfo {
    /// The current version of the plan numbered `number`.
    pub async fn load(store: &Store, number: &str) -> Result<PlanInfo> {
        Ok(store.plan(store.plan_id(number).await?).await?.into())
    }
}

async fn plans(store: &Store, number: Option<&str>) -> Result<Vec<PlanInfo>> {
    match number {
        Some(n) => Ok(vec![PlanInfo::load(store, n).await?]),
        None => Ok(store.current_plans_in_full().await?.into_iter().map(PlanInfo::from).collect()),
    }
}

impl From<PlanDetail> for PlanInfo {
    fn from(d: PlanDetail) -> PlanInfo {
        PlanInfo {
            number: d.summary.number,
            title: d.summary.title,
            kind: d.summary.kind,
            issuer: d.summary.issuer,
            issued_on: d.summary.issued_on,
            place: d.place,
            groups: d.groups,
        }
    }
}

/// Most days late first, each with the agency's latest word on it by the
/// report's day.
async fn overdue_rows(store: &Store, tasks: &[TaskView], as_of: NaiveDate) -> Result<Vec<OverdueRow>> {
    let overdue: Vec<&TaskView> = tasks.iter().filter(|t| t.status == TaskStatus::Overdue).collect();
    let ids: Vec<i64> = overdue.iter().map(|t| t.id).collect();
    let mut explanations = store.latest_explanations(&ids, as_of).await?;
    let mut rows: Vec<OverdueRow> = overdue
        .into_iter()
        .map(|t| OverdueRow {
            task: t.clone(),
            days_overdue: t.days_overdue.unwrap_or(0),
            explanation: explanations.remove(&t.id),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.days_overdue.cmp(&a.days_overdue).then_with(|| code_key(&a.task.task).cmp(&code_key(&b.task.task)))
    });
    Ok(rows)
}

/// The tasks completed within the period with the day the agency finished,
/// as confirmed (the day `status_on` judges on-time or late by).
async fn done_rows(store: &Store, tasks: &[&TaskView], period: Period, as_of: NaiveDate) -> Result<Vec<DoneRow>> {
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let days = store.confirmed_done_days(&ids, as_of).await?;
    Ok(tasks
        .iter()
        .map(|t| DoneRow { task: (*t).clone(), done_on: days.get(&t.id).copied() })
        // A report made after the period still counts only what was done in it.
        .filter(|row| row.done_on.is_none_or(|d| d <= period.end))
        .collect())
}
