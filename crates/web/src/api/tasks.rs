//! Tasks: the list with filters, one task, and what agencies and the
//! monitor write about a task.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::Deserialize;
use theodoi_core::{Action, TaskStatus};
use theodoi_store::{Role, TaskFilter, TaskPage, TaskView};

use super::{QueryParams, MAX_LIMIT};
use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/tasks", get(list)).route("/tasks/{id}", get(one))
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    pub plan: Option<String>,
    pub agency: Option<String>,
    pub role: Option<String>,
    pub status: Option<String>,
    pub as_of: Option<String>,
    pub q: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// Reads an ISO day, or today when absent.
pub fn day_or_today(s: Option<&str>) -> Result<NaiveDate, Problem> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today()),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| Problem::bad_request(format!("Ngày \"{s}\" không hợp lệ; hãy viết theo dạng YYYY-MM-DD."))),
    }
}

/// Turns query parameters into a store filter, rejecting unknown values.
pub fn filter_of(q: &ListQuery) -> Result<TaskFilter, Problem> {
    let mut filter = TaskFilter::as_of(day_or_today(q.as_of.as_deref())?);
    filter.plan = q.plan.clone().filter(|s| !s.trim().is_empty());
    filter.agency = q.agency.clone().filter(|s| !s.trim().is_empty());
    filter.q = q.q.clone().filter(|s| !s.trim().is_empty());
    filter.role = match q.role.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some("lead") => Some(Role::Lead),
        Some("coordinating") => Some(Role::Coordinating),
        Some(other) => {
            return Err(Problem::bad_request(format!("Vai trò \"{other}\" không hợp lệ; dùng lead hoặc coordinating.")))
        }
    };
    filter.status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(TaskStatus::parse(s).ok_or_else(|| {
            Problem::bad_request(format!(
                "Tình trạng \"{s}\" không hợp lệ; dùng một trong: done_on_time, done_late, awaiting_confirmation, in_progress, overdue, ongoing."
            ))
        })?),
    };
    let limit = q.limit.unwrap_or(50);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Problem::bad_request(format!("limit phải từ 1 đến {MAX_LIMIT}.")));
    }
    filter.limit = Some(limit);
    filter.offset = q.offset.unwrap_or(0);
    Ok(filter)
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<ListQuery>,
) -> ApiResult<Json<TaskPage>> {
    viewer.require(&Action::ReadPlans)?;
    let filter = filter_of(&q)?;
    Ok(Json(cached_tasks(&state, &filter).await?.as_ref().clone()))
}

/// The task list for a filter, from the cache while nothing has changed.
/// Agencies' focal points and dashboards ask the same few lists again and
/// again; the answer only changes when something is written.
pub async fn cached_tasks(state: &AppState, filter: &TaskFilter) -> Result<std::sync::Arc<TaskPage>, Problem> {
    let mark = state.store.change_mark().await?;
    let key = format!(
        "{:?}|{:?}|{:?}|{:?}|{}|{:?}|{}|{:?}|{}",
        filter.plan,
        filter.agency,
        filter.role,
        filter.status,
        filter.as_of,
        filter.q,
        filter.due_soon_days,
        filter.limit,
        filter.offset
    );
    if let Some(page) = state.task_lists.get(mark, &key) {
        return Ok(page);
    }
    let page = state.store.tasks(filter).await?;
    Ok(state.task_lists.put(mark, key, page))
}

#[derive(Debug, Deserialize)]
pub struct OneQuery {
    as_of: Option<String>,
}

async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    QueryParams(q): QueryParams<OneQuery>,
) -> ApiResult<Json<TaskView>> {
    viewer.require(&Action::ReadPlans)?;
    Ok(Json(state.store.task(id, day_or_today(q.as_of.as_deref())?).await?))
}
