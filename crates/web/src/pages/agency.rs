//! The agency workspace: an agency's own tasks, as lead and as
//! coordinator, separately, with who inside it answers for each.

use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use theodoi_core::{Action, TaskStatus};
use theodoi_store::{Role, TaskFilter};

use super::dashboard::DayQuery;
use super::rows::{rows, TaskRow};
use super::{render, Chrome};
use crate::auth::Viewer;
use crate::error::{PageResult, Problem};
use crate::fmt;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/co-quan", get(workspace))
}

/// Tasks listed per role on the workspace; the rest are a link away.
const SHOWN: usize = 100;

#[derive(askama::Template)]
#[template(path = "agency.html")]
struct AgencyPage {
    chrome: Chrome,
    agency: String,
    agency_q: String,
    as_of_iso: String,
    lead: Vec<(TaskRow, String)>,
    lead_total: usize,
    coordinating: Vec<TaskRow>,
    coordinating_total: usize,
    overdue: usize,
    due_soon: usize,
    awaiting: usize,
}

async fn workspace(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DayQuery>,
) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    let user = viewer.user.as_ref().ok_or_else(Problem::unauthorized)?;
    let (Some(agency), Some(agency_id)) = (user.agency.clone(), user.agency_id) else {
        return Err(Problem::new(
            axum::http::StatusCode::FORBIDDEN,
            "forbidden",
            "Tài khoản này không gắn với cơ quan nào nên không có trang việc của đơn vị. Hãy xem danh sách nhiệm vụ.",
        )
        .into());
    };
    let as_of = q.day();
    let store = &state.store;
    let list = |role: Role, status: Option<TaskStatus>, limit: usize| {
        let mut f = TaskFilter::as_of(as_of);
        f.agency = Some(agency.clone());
        f.role = Some(role);
        f.status = status;
        f.limit = Some(limit);
        f
    };
    let lead = store.tasks(&list(Role::Lead, None, SHOWN)).await?;
    let coordinating = store.tasks(&list(Role::Coordinating, None, SHOWN)).await?;
    let overdue = store.tasks(&list(Role::Lead, Some(TaskStatus::Overdue), 1)).await?.total;
    let awaiting = store.tasks(&list(Role::Lead, Some(TaskStatus::AwaitingConfirmation), 1)).await?.total;
    let leaders = store.agency_leaders(agency_id).await?;
    render(&AgencyPage {
        chrome: Chrome::with_flash(&viewer, &q.notice),
        agency_q: fmt::url(&agency),
        as_of_iso: as_of.to_string(),
        due_soon: lead.items.iter().filter(|t| t.due_soon).count(),
        lead: rows(&lead.items)
            .into_iter()
            .map(|r| {
                let leader = leaders.get(&r.id).cloned().unwrap_or_default();
                (r, leader)
            })
            .collect(),
        lead_total: lead.total,
        coordinating: rows(&coordinating.items),
        coordinating_total: coordinating.total,
        overdue,
        awaiting,
        agency,
    })
}
