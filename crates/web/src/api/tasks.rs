//! Tasks: the list with filters, and one task with everything a task page
//! shows — its agencies, the document lines it came from, and the history
//! of reports, decisions and urges.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use theodoi_core::{Action, TaskStatus};
use theodoi_store::{ReportEntry, Role, TaskFilter, TaskOrigin, TaskPage, TaskView, Urge};

use super::{ApiId, PageQuery, QueryParams};
use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::mark::Mark;
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
    pub limit: Option<i64>,
    pub offset: Option<i64>,
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
    let paging = PageQuery { limit: q.limit, offset: q.offset }.paging()?;
    filter.limit = Some(paging.limit as usize);
    filter.offset = paging.offset as usize;
    Ok(filter)
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    mark: Mark,
    QueryParams(q): QueryParams<ListQuery>,
) -> ApiResult<impl IntoResponse> {
    viewer.require(&Action::ReadPlans)?;
    let filter = filter_of(&q)?;
    let key = list_key(&filter);
    let json = match state.task_list_json.get(mark.0, &key) {
        Some(json) => json,
        None => {
            let page = state.store.tasks(&filter).await?;
            let json = serde_json::to_vec(&page).expect("a task page is plain data and always serialises");
            state.task_list_json.put(mark.0, key, Bytes::from(json))
        }
    };
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], json.as_ref().clone()))
}

/// The task list for a filter, from the cache while nothing has changed.
/// Agencies' focal points and dashboards ask the same few lists again and
/// again; the answer only changes when something is written.
pub async fn cached_tasks(state: &AppState, filter: &TaskFilter) -> Result<std::sync::Arc<TaskPage>, Problem> {
    let mark = state.store.change_mark().await?;
    let key = list_key(filter);
    if let Some(page) = state.task_lists.get(mark, &key) {
        return Ok(page);
    }
    let page = state.store.tasks(filter).await?;
    Ok(state.task_lists.put(mark, key, page))
}

/// Every field of a filter, so two filters share a cached answer only
/// when they ask the same question.
fn list_key(filter: &TaskFilter) -> String {
    format!(
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
    )
}

#[derive(Debug, Deserialize)]
pub struct OneQuery {
    as_of: Option<String>,
}

/// One task as its page shows it.
#[derive(Debug, Serialize)]
pub struct TaskDetail {
    #[serde(flatten)]
    pub task: TaskView,
    pub source: TaskSource,
    /// Progress reports with the monitor's decision on each, oldest first.
    pub reports: Vec<ReportEntry>,
    /// Urges about the task, oldest first.
    pub urges: Vec<Urge>,
}

/// Where the task came from: its plan, its agencies with their named
/// leaders, and the lines of the document that state it.
#[derive(Debug, Serialize)]
pub struct TaskSource {
    #[serde(flatten)]
    pub origin: TaskOrigin,
    pub document_name: Option<String>,
    pub lines: Vec<SourceLine>,
}

/// One line of the source document; `marked` lines are the task itself,
/// the others context.
#[derive(Debug, Serialize)]
pub struct SourceLine {
    pub line: usize,
    pub text: String,
    pub marked: bool,
}

async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    QueryParams(q): QueryParams<OneQuery>,
) -> ApiResult<Json<TaskDetail>> {
    viewer.require(&Action::ReadPlans)?;
    let as_of = day_or_today(q.as_of.as_deref())?;
    Ok(Json(task_detail(&state, id, as_of).await?))
}

/// Everything known about task `id` on day `as_of`.
pub async fn task_detail(state: &AppState, id: i64, as_of: NaiveDate) -> Result<TaskDetail, Problem> {
    let store = &state.store;
    let task = store.task(id, as_of).await?;
    let origin = store.task_origin(id).await?;
    let (document_name, text) = store.document_source(origin.document_id).await?;
    let cells = if task.origin == "body" { 1 } else { crate::pages::tasks::APPENDIX_ROW_CELLS };
    let lines = crate::pages::tasks::source_lines(&text, origin.source_line, cells)
        .into_iter()
        .map(|(line, text, marked)| SourceLine { line, text, marked })
        .collect();
    Ok(TaskDetail {
        reports: store.task_reports(id).await?,
        urges: store.urges_for_task(id).await?,
        source: TaskSource { origin, document_name, lines },
        task,
    })
}
