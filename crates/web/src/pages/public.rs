//! The public page (công khai): each plan's results for a quarter as the
//! monitoring office published them, for citizens and the press, without
//! signing in. A publication is a snapshot of counts and lists only —
//! task, lead agency, deadline, status — never a person's name or an
//! agency's narrative.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use theodoi_core::{allowed, Action, TaskStatus};
use theodoi_store::{Publication, TaskFilter};

use super::{render, Chrome, Notice};
use crate::auth::Viewer;
use crate::error::{PageResult, Problem};
use crate::fmt;
use crate::state::{today, AppState};
use crate::svg::{bars, Bar};

pub fn routes() -> Router<AppState> {
    Router::new().route("/cong-khai", get(page)).route("/cong-khai/xuat-ban", post(publish))
}

/// What the public sees of a plan for one quarter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub plan: String,
    pub title: String,
    /// "Quý IV/2021".
    pub period_label: String,
    pub as_of: NaiveDate,
    pub total: usize,
    pub counts: Vec<StatusCount>,
    pub groups: Vec<GroupLine>,
    pub tasks: Vec<PublicTask>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupLine {
    pub number: i64,
    pub title: String,
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
}

/// A task as published: the work, who leads it, when, and where it stands.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublicTask {
    pub code: String,
    pub title: String,
    pub lead: String,
    pub deadline: String,
    pub status: String,
    pub status_label: String,
}

/// A quarter: its key ("2021-Q4"), label ("Quý IV/2021") and days.
struct Quarter {
    key: String,
    label: String,
    start: NaiveDate,
    end: NaiveDate,
}

fn quarter(year: i32, q: u32) -> Option<Quarter> {
    let start = NaiveDate::from_ymd_opt(year, (q.checked_sub(1)? * 3) + 1, 1)?;
    let end = if q == 4 {
        NaiveDate::from_ymd_opt(year, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(year, q * 3 + 1, 1)?.pred_opt()?
    };
    let roman = ["I", "II", "III", "IV"].get(q as usize - 1)?;
    Some(Quarter { key: format!("{year}-Q{q}"), label: format!("Quý {roman}/{year}"), start, end })
}

fn is_done(s: TaskStatus) -> bool {
    matches!(s, TaskStatus::DoneOnTime | TaskStatus::DoneLate)
}

/// Counts and lists a plan's tasks on `as_of`, without personal data.
async fn snapshot(state: &AppState, plan: &str, q: &Quarter, as_of: NaiveDate) -> Result<Snapshot, Problem> {
    let detail = state.store.plan(state.store.plan_id(plan).await?).await?;
    let mut filter = TaskFilter::as_of(as_of);
    filter.plan = Some(plan.to_string());
    let tasks = state.store.tasks(&filter).await?.items;
    let counts = TaskStatus::ALL
        .iter()
        .map(|s| StatusCount {
            status: s.as_str().into(),
            label: s.label_vi().into(),
            count: tasks.iter().filter(|t| t.status == *s).count(),
        })
        .collect();
    let groups = detail
        .groups
        .iter()
        .map(|g| {
            let of: Vec<_> = tasks.iter().filter(|t| t.group == Some(g.number)).collect();
            GroupLine {
                number: g.number,
                title: g.title.clone(),
                total: of.len(),
                done: of.iter().filter(|t| is_done(t.status)).count(),
                overdue: of.iter().filter(|t| t.status == TaskStatus::Overdue).count(),
            }
        })
        .collect();
    Ok(Snapshot {
        plan: plan.to_string(),
        title: detail.summary.title.clone().unwrap_or_default(),
        period_label: q.label.clone(),
        as_of,
        total: tasks.len(),
        counts,
        groups,
        tasks: tasks
            .iter()
            .map(|t| PublicTask {
                code: t.task.clone(),
                title: t.title.clone(),
                lead: t.lead.join("; "),
                deadline: t.deadline.text.clone(),
                status: t.status.as_str().into(),
                status_label: t.status.label_vi().into(),
            })
            .collect(),
    })
}

struct Shown {
    snap: Snapshot,
    as_of: String,
    chart: String,
    tiles: Vec<(String, &'static str, usize)>,
    tasks: Vec<(PublicTask, &'static str)>,
}

fn status_class(key: &str) -> &'static str {
    TaskStatus::parse(key).map_or("st-ongoing", fmt::status_class)
}

fn shown(p: &Publication) -> Option<Shown> {
    let snap: Snapshot = serde_json::from_value(p.snapshot.clone()).ok()?;
    let chart_bars: Vec<Bar> =
        snap.counts.iter().map(|c| Bar { label: &c.label, value: c.count, class: status_class(&c.status) }).collect();
    let chart = bars(&format!("Kết quả {} {}", snap.plan, snap.period_label), &chart_bars);
    Some(Shown {
        as_of: fmt::date(snap.as_of),
        tiles: snap.counts.iter().map(|c| (c.label.clone(), status_class(&c.status), c.count)).collect(),
        tasks: snap.tasks.iter().map(|t| (t.clone(), status_class(&t.status))).collect(),
        chart,
        snap,
    })
}

#[derive(askama::Template)]
#[template(path = "public.html")]
struct PublicPage {
    chrome: Chrome,
    list: Vec<(i64, String, String, bool)>,
    shown: Option<Shown>,
    can_publish: bool,
    plans: Vec<String>,
    this_year: i32,
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    id: Option<i64>,
    #[serde(flatten)]
    notice: Notice,
}

async fn page(State(state): State<AppState>, viewer: Viewer, Query(q): Query<PageQuery>) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPublished)?;
    let all = state.store.publications().await?;
    let selected = match q.id {
        Some(id) => Some(all.iter().find(|p| p.id == id).ok_or_else(|| Problem::not_found("bản công bố này"))?),
        None => all.first(),
    };
    let can_publish = allowed(viewer.actor(), &Action::Publish);
    let plans = if can_publish {
        state.store.plans(200, 0).await?.0.into_iter().map(|p| p.number).collect()
    } else {
        Vec::new()
    };
    render(&PublicPage {
        chrome: Chrome::with_flash(&viewer, &q.notice),
        list: all
            .iter()
            .map(|p| {
                let label = quarter_label(&p.period);
                (p.id, p.plan.clone(), label, selected.is_some_and(|s| s.id == p.id))
            })
            .collect(),
        shown: selected.and_then(shown),
        can_publish,
        plans,
        this_year: today().year(),
    })
}

/// "2021-Q4" as "Quý IV/2021".
fn quarter_label(key: &str) -> String {
    key.split_once("-Q")
        .and_then(|(y, q)| quarter(y.parse().ok()?, q.parse().ok()?))
        .map_or_else(|| key.to_string(), |q| q.label)
}

#[derive(Debug, Deserialize)]
struct PublishForm {
    csrf: String,
    plan: String,
    year: String,
    quarter: String,
}

async fn publish(State(state): State<AppState>, viewer: Viewer, Form(form): Form<PublishForm>) -> PageResult<Response> {
    viewer.require(&Action::Publish)?;
    viewer.check_csrf(&form.csrf)?;
    let q = form
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .zip(form.quarter.trim().parse::<u32>().ok().filter(|q| (1..=4).contains(q)))
        .and_then(|(y, q)| quarter(y, q))
        .ok_or_else(|| Problem::bad_request("Hãy chọn năm (2000–2100) và quý (I–IV) cần công bố."))?;
    let today = today();
    if q.start > today {
        return Err(Problem::bad_request(format!("{} chưa bắt đầu nên chưa có kết quả để công bố.", q.label)).into());
    }
    let as_of = q.end.min(today);
    let snap = snapshot(&state, form.plan.trim(), &q, as_of).await?;
    let json = serde_json::to_value(&snap).map_err(|_| Problem::bad_request("Không tạo được bản công bố."))?;
    let id = state.store.publish(&snap.plan, &q.key, as_of, &json, &viewer.name()).await?;
    Ok(Redirect::to(&format!("/cong-khai?id={id}&tb=cong-bo")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_have_their_days_and_names() {
        let q = quarter(2021, 4).unwrap();
        assert_eq!((q.key.as_str(), q.label.as_str()), ("2021-Q4", "Quý IV/2021"));
        assert_eq!((q.start.to_string(), q.end.to_string()), ("2021-10-01".into(), "2021-12-31".into()));
        assert_eq!(quarter(2022, 1).unwrap().end.to_string(), "2022-03-31");
        assert!(quarter(2022, 0).is_none() && quarter(2022, 5).is_none());
        assert_eq!(quarter_label("2022-Q2"), "Quý II/2022");
    }
}
