//! Plans: the list of current plans, and one plan with its document
//! header, the documents it implements and that implement it, and its
//! groups with their general task, targets and tasks.

use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use theodoi_core::Action;
use theodoi_store::{TargetView, TaskFilter};

use super::dashboard::DayQuery;
use super::rows::{rows, TaskRow};
use super::{render, Chrome, PageId};
use crate::auth::Viewer;
use crate::error::PageResult;
use crate::fmt;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/ke-hoach", get(list)).route("/ke-hoach/{id}", get(plan_page))
}

const PAGE_SIZE: i64 = 50;

struct PlanLine {
    id: i64,
    number: String,
    title: String,
    issuer: String,
    issued: String,
    version: i64,
    tasks: i64,
}

#[derive(askama::Template)]
#[template(path = "plans.html")]
struct PlansPage {
    chrome: Chrome,
    total: i64,
    plans: Vec<PlanLine>,
    prev: String,
    next: String,
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    offset: Option<i64>,
}

async fn list(State(state): State<AppState>, viewer: Viewer, Query(q): Query<ListQuery>) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    let offset = q.offset.unwrap_or(0).max(0);
    let (plans, total) = state.store.plans(PAGE_SIZE, offset).await?;
    render(&PlansPage {
        chrome: Chrome::new(&viewer),
        total,
        plans: plans
            .into_iter()
            .map(|p| PlanLine {
                id: p.id,
                number: p.number,
                title: p.title.unwrap_or_default(),
                issuer: p.issuer.unwrap_or_default(),
                issued: fmt::opt_date(p.issued_on),
                version: p.version,
                tasks: p.tasks,
            })
            .collect(),
        prev: if offset > 0 { format!("/ke-hoach?offset={}", (offset - PAGE_SIZE).max(0)) } else { String::new() },
        next: if offset + PAGE_SIZE < total {
            format!("/ke-hoach?offset={}", offset + PAGE_SIZE)
        } else {
            String::new()
        },
    })
}

struct CiteLine {
    number: String,
    number_q: String,
    detail: String,
    is_basis: bool,
    known: bool,
}

struct GroupSection {
    number: i64,
    title: String,
    general_task: String,
    targets: Vec<String>,
    tasks: Vec<TaskRow>,
}

#[derive(askama::Template)]
#[template(path = "plan.html")]
struct PlanPage {
    chrome: Chrome,
    as_of_iso: String,
    number: String,
    number_q: String,
    version: i64,
    kind: String,
    issuer: String,
    title: String,
    place_date: String,
    signer: String,
    source_name: String,
    recipients: Vec<String>,
    cites: Vec<CiteLine>,
    cited_by: Vec<(String, String)>,
    groups: Vec<GroupSection>,
    other_tasks: Vec<TaskRow>,
}

async fn plan_page(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Query(q): Query<DayQuery>,
) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    let as_of = q.day();
    let store = &state.store;
    let plan = store.plan(id).await?;
    let number = plan.summary.number.clone();
    let graph = store.document_graph(&number).await?;
    let (_, text) = store.document_source(plan.document_id).await?;
    // The header's signer and recipients are read again from the stored
    // text: the parse is a few milliseconds and keeps one source of truth.
    let header = theodoi_parser::parse_str(&text, &theodoi_parser::Options::default()).ok().map(|d| d.document);
    let mut filter = TaskFilter::as_of(as_of);
    filter.plan = Some(number.clone());
    let tasks = store.tasks(&filter).await?.items;
    let targets = store.targets(Some(&number), as_of).await?;
    let groups = plan
        .groups
        .iter()
        .map(|g| GroupSection {
            number: g.number,
            title: g.title.clone(),
            general_task: g.general_task.clone().unwrap_or_default(),
            targets: targets.iter().filter(|t| t.group == Some(g.number)).map(target_line).collect(),
            tasks: rows(&tasks.iter().filter(|t| t.group == Some(g.number)).cloned().collect::<Vec<_>>()),
        })
        .collect();
    let grouped: Vec<i64> = plan.groups.iter().map(|g| g.number).collect();
    let other: Vec<_> = tasks.iter().filter(|t| !t.group.is_some_and(|g| grouped.contains(&g))).cloned().collect();
    let signer = header.as_ref().and_then(|h| h.signer.clone()).map_or_else(String::new, |s| {
        [s.capacity, s.position, Some(s.name)].into_iter().flatten().collect::<Vec<_>>().join(" · ")
    });
    render(&PlanPage {
        chrome: Chrome::with_flash(&viewer, &q.notice),
        as_of_iso: as_of.to_string(),
        number_q: fmt::url(&number),
        version: plan.summary.version,
        kind: plan.summary.kind.clone().unwrap_or_default(),
        issuer: plan.summary.issuer.clone().unwrap_or_default(),
        title: plan.summary.title.clone().unwrap_or_else(|| number.clone()),
        place_date: format!(
            "{}{}",
            plan.place.clone().map(|p| format!("{p}, ")).unwrap_or_default(),
            fmt::opt_date(plan.summary.issued_on)
        ),
        signer,
        source_name: plan.source_name.clone().unwrap_or_default(),
        recipients: header.map(|h| h.recipients).unwrap_or_default(),
        cites: graph
            .cites
            .iter()
            .map(|c| CiteLine {
                number: c.number.clone(),
                number_q: fmt::url(&c.number),
                detail: [c.kind.clone(), c.issuer.clone(), c.issued_on.map(fmt::date)]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                is_basis: c.is_basis,
                known: c.known,
            })
            .collect(),
        cited_by: graph.cited_by.iter().map(|n| (n.clone(), fmt::url(n))).collect(),
        groups,
        other_tasks: rows(&other),
        number,
    })
}

/// A target as one line: "GRDP tăng ≥ 11 % (2021–2025)".
pub fn target_line(t: &TargetView) -> String {
    let when = match (t.year, t.period) {
        (_, Some([a, b])) => format!(" (giai đoạn {a}–{b})"),
        (Some(y), None) => format!(" (năm {y})"),
        _ => String::new(),
    };
    format!(
        "{} {} {}{}{when}",
        t.indicator,
        comparator(&t.comparator),
        number(t.value),
        t.unit.clone().map(|u| format!(" {u}")).unwrap_or_default()
    )
}

fn comparator(c: &str) -> &str {
    match c {
        "gte" | ">=" => "≥",
        "lte" | "<=" => "≤",
        "eq" | "=" => "=",
        "rank_lte" => "xếp hạng ≤",
        other => other,
    }
}

pub use theodoi_core::vi::number_vi as number;
