//! The dashboard: where the plans stand on any day (today by default),
//! with every number linking to the list behind it.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use serde::Deserialize;
use theodoi_core::{Action, TaskStatus};
use theodoi_store::{Summary, TargetAssessment, TargetView, TaskPage};

use super::rows::{rows, TaskRow};
use super::{render, Chrome, Notice};
use crate::auth::Viewer;
use crate::error::PageResult;
use crate::fmt;
use crate::state::{today, AppState};
use crate::svg;

pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(dashboard))
}

#[derive(Debug, Default, Deserialize)]
pub struct DayQuery {
    pub as_of: Option<String>,
    pub plan: Option<String>,
    #[serde(flatten)]
    pub notice: Notice,
}

impl DayQuery {
    /// The day asked for; a day that cannot be read falls back to today.
    pub fn day(&self) -> NaiveDate {
        self.as_of.as_deref().and_then(fmt::parse_day).unwrap_or_else(today)
    }

    pub fn plan(&self) -> Option<&str> {
        self.plan.as_deref().map(str::trim).filter(|p| !p.is_empty())
    }
}

struct StatusTile {
    key: &'static str,
    label: &'static str,
    class: &'static str,
    count: usize,
}

struct AgencyLine {
    name: String,
    name_q: String,
    total: usize,
    overdue: usize,
    done: usize,
}

struct GroupLine {
    plan: String,
    label: String,
    href: String,
    total: usize,
    done: usize,
    overdue: usize,
    open: usize,
}

struct OverdueLine {
    id: i64,
    plan: String,
    code: String,
    title: String,
    lead: String,
    due: String,
    days: i64,
}

#[derive(askama::Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    as_of: String,
    as_of_iso: String,
    plan: String,
    plan_q: String,
    plans: Vec<(String, i64)>,
    total: usize,
    statuses: Vec<StatusTile>,
    chart: String,
    groups: Vec<GroupLine>,
    agencies: Vec<AgencyLine>,
    overdue: Vec<OverdueLine>,
    due_soon: Vec<TaskRow>,
    due_total: usize,
    missing: Vec<theodoi_store::MissingReport>,
    missing_total: usize,
    targets_total: usize,
    targets_met: usize,
    targets_on_track: usize,
    targets_off: usize,
    targets_no_data: usize,
}

/// How far ahead the dashboard looks for tasks coming due.
const DUE_WITHIN_DAYS: i64 = 30;

/// What the dashboard shows for one plan (or all) on one day, read once
/// and kept until the next change.
pub struct DashboardData {
    summary: Summary,
    due: TaskPage,
    targets: Vec<TargetAssessment>,
    plans: Vec<(String, i64)>,
}

async fn load(state: &AppState, plan: Option<&str>, as_of: NaiveDate) -> PageResult<Arc<DashboardData>> {
    let store = &state.store;
    let mark = store.change_mark().await?;
    let key = (plan.map(str::to_string), as_of);
    if let Some(data) = state.dashboards.get(mark, &key) {
        return Ok(data);
    }
    let started = Instant::now();
    let ((summary, summary_ms), (due, due_ms), (targets, targets_ms)) = read(store, plan, as_of).await;
    let (summary, due) = (summary?, due?);
    let targets = targets?.into_iter().map(|t| t.assessment).collect();
    let read_ms = ms_since(started);
    // Only the group lines link to their plans; a summary of many plans
    // lists no groups.
    let plans = if summary.by_group.is_empty() { Vec::new() } else { plan_choices(store, plan).await? };
    tracing::debug!(
        summary_ms,
        due_ms,
        targets_ms,
        read_ms,
        plans_ms = ms_since(started) - read_ms,
        "dashboard timings"
    );
    let data = DashboardData { summary, due, targets, plans };
    Ok(state.dashboards.put(mark, key, data))
}

/// The dashboard's three reads, each with the milliseconds it took. Each
/// runs on its own pooled connection (none holds one while waiting for
/// another), side by side: the page waits for the slowest, not for their
/// sum.
async fn read(
    store: &theodoi_store::Store,
    plan: Option<&str>,
    as_of: NaiveDate,
) -> (
    (theodoi_store::Result<Summary>, f64),
    (theodoi_store::Result<TaskPage>, f64),
    (theodoi_store::Result<Vec<TargetView>>, f64),
) {
    tokio::join!(
        timed(store.summary(plan, as_of)),
        timed(store.due_within(plan, as_of, DUE_WITHIN_DAYS, 20)),
        timed(store.targets(plan, as_of)),
    )
}

/// Reads once what today's dashboard reads, and drops the answer, so that
/// a restarted server's first dashboard finds its pages in memory: on a
/// million-task file just read from disk, each of the three reads waited
/// on the disk for its own pages (36-58 ms in all, against 15 once read).
/// Nothing is kept in the page cache of dashboards: the first request
/// still computes its page; it only no longer waits on the disk.
pub(crate) async fn warm_up(store: theodoi_store::Store) {
    let started = Instant::now();
    let _ = read(&store, None, today()).await;
    tracing::debug!(ms = ms_since(started), "dashboard warmed up");
}

/// The plans the selector offers: the newest thousand, and the plan shown
/// when it is older, so its group lines still link to it.
async fn plan_choices(store: &theodoi_store::Store, plan: Option<&str>) -> PageResult<Vec<(String, i64)>> {
    let mut choices = store.plan_choices(1000).await?;
    if let Some(plan) = plan.filter(|p| !choices.iter().any(|(n, _)| n == p)) {
        if let Ok(id) = store.plan_id(plan).await {
            choices.push((plan.to_string(), id));
        }
    }
    Ok(choices)
}

/// A future's output and the milliseconds it took.
async fn timed<T>(future: impl std::future::Future<Output = T>) -> (T, f64) {
    let started = Instant::now();
    let out = future.await;
    (out, ms_since(started))
}

async fn dashboard(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DayQuery>,
) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    let as_of = q.day();
    let plan = q.plan();
    let data = load(&state, plan, as_of).await?;
    let summary = &data.summary;
    let count = |f: fn(&TargetAssessment) -> bool| data.targets.iter().filter(|a| f(a)).count();
    let page = DashboardPage {
        chrome: Chrome::with_flash(&viewer, &q.notice),
        as_of: fmt::date(as_of),
        as_of_iso: as_of.to_string(),
        plan: plan.unwrap_or_default().to_string(),
        plan_q: fmt::url(plan.unwrap_or_default()),
        total: summary.total,
        statuses: status_tiles(summary),
        chart: status_chart(summary),
        groups: group_lines(summary, &data.plans, as_of),
        agencies: agency_lines(summary),
        overdue: overdue_lines(summary),
        due_soon: rows(&data.due.items),
        due_total: data.due.total,
        missing: summary.missing_reports.iter().take(20).cloned().collect(),
        missing_total: summary.missing_reports_total,
        targets_total: data.targets.len(),
        targets_met: count(|a| matches!(a, TargetAssessment::Met)),
        targets_on_track: count(|a| matches!(a, TargetAssessment::OnTrack { .. })),
        targets_off: count(|a| matches!(a, TargetAssessment::NotMet | TargetAssessment::OffTrack { .. })),
        targets_no_data: count(|a| matches!(a, TargetAssessment::NoData)),
        plans: data.plans.clone(),
    };
    render(&page)
}

fn status_tiles(s: &Summary) -> Vec<StatusTile> {
    TaskStatus::ALL
        .into_iter()
        .map(|st| StatusTile {
            key: st.as_str(),
            label: st.label_vi(),
            class: fmt::status_class(st),
            count: s.by_status.get(st.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

fn status_chart(s: &Summary) -> String {
    let bars: Vec<svg::Bar> = TaskStatus::ALL
        .into_iter()
        .map(|st| svg::Bar {
            label: st.label_vi(),
            value: s.by_status.get(st.as_str()).copied().unwrap_or(0),
            class: fmt::status_class(st),
        })
        .collect();
    svg::bars("Số nhiệm vụ theo tình trạng", &bars)
}

fn count_of(map: &std::collections::BTreeMap<&'static str, usize>, st: TaskStatus) -> usize {
    map.get(st.as_str()).copied().unwrap_or(0)
}

fn group_lines(s: &Summary, plans: &[(String, i64)], as_of: NaiveDate) -> Vec<GroupLine> {
    s.by_group
        .iter()
        .map(|g| {
            let plan_id = plans.iter().find(|(n, _)| *n == g.plan).map_or(0, |(_, id)| *id);
            let anchor = g.group.map_or_else(String::new, |n| format!("#nhom-{n}"));
            GroupLine {
                plan: g.plan.clone(),
                label: g.group.map_or_else(|| "Nhiệm vụ khác".into(), |n| format!("Nhóm {n}")),
                href: format!("/ke-hoach/{plan_id}?as_of={as_of}{anchor}"),
                total: g.total,
                done: count_of(&g.by_status, TaskStatus::DoneOnTime) + count_of(&g.by_status, TaskStatus::DoneLate),
                overdue: count_of(&g.by_status, TaskStatus::Overdue),
                open: count_of(&g.by_status, TaskStatus::InProgress)
                    + count_of(&g.by_status, TaskStatus::AwaitingConfirmation),
            }
        })
        .collect()
}

fn agency_lines(s: &Summary) -> Vec<AgencyLine> {
    let mut lines: Vec<AgencyLine> = s
        .by_agency
        .iter()
        .map(|a| AgencyLine {
            name: a.agency.clone(),
            name_q: fmt::url(&a.agency),
            total: a.total,
            overdue: a.overdue,
            done: a.done,
        })
        .collect();
    lines.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(b.total.cmp(&a.total)));
    lines
}

fn overdue_lines(s: &Summary) -> Vec<OverdueLine> {
    s.most_overdue
        .iter()
        .map(|o| OverdueLine {
            id: o.id,
            plan: o.plan.clone(),
            code: o.task.clone(),
            title: o.title.clone(),
            lead: o.lead.join("; "),
            due: fmt::opt_date(o.due),
            days: o.days_overdue,
        })
        .collect()
}

/// Milliseconds since `started`, for the timings a dashboard logs.
fn ms_since(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}
