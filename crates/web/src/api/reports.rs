//! What agencies and the monitor write about a task: an agency's progress
//! report (with evidence and a claim of completion), the monitor's
//! confirmation or return of a claim, and the queue of claims waiting.
//! The same store calls as the pages, so both leave the same audit trail.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use theodoi_core::Action;
use theodoi_store::{Decision, PendingClaim, ProgressInput, ReportEntry, TaskView};

use super::{text_field, ApiId, JsonBody, OptionalJson, PageQuery, Paged, QueryParams};
use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/tasks/{id}/progress", post(progress))
        .route("/tasks/{id}/confirm", post(confirm))
        .route("/tasks/{id}/return", post(give_back))
        .route("/claims", get(claims))
}

/// Longest narrative, difficulties or reason accepted.
const MAX_TEXT: usize = 10_000;
/// Most evidence document numbers one report cites.
const MAX_EVIDENCE: usize = 50;

/// An agency's report on a task it leads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressBody {
    /// 0–100.
    pub percent: i64,
    pub note: Option<String>,
    pub difficulties: Option<String>,
    /// Numbers of the documents that prove the work ("123/BC-SKHĐT").
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The agency claims the task done (then percent must be 100).
    #[serde(default)]
    pub done: bool,
    /// The day the work was finished; defaults to today.
    pub done_on: Option<NaiveDate>,
    /// Reporting period ("2021-Q4") for a recurring task.
    pub period: Option<String>,
    /// The task `version` the writer read; a newer one is a conflict.
    pub version: Option<i64>,
}

/// A recorded report and the task as it now stands.
#[derive(Debug, Serialize)]
pub struct Recorded {
    pub report: ReportEntry,
    pub task: TaskView,
}

async fn progress(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    JsonBody(body): JsonBody<ProgressBody>,
) -> ApiResult<(StatusCode, Json<Recorded>)> {
    viewer.require(&Action::ReadPlans)?;
    let task = state.store.task(id, today()).await?;
    let responsible = state.store.responsible_agencies(id).await?;
    viewer.require(&Action::ReportProgress { responsible })?;
    let agency = viewer.user.as_ref().and_then(|u| u.agency.clone()).ok_or_else(Problem::forbidden)?;
    let input = ProgressInput {
        plan: task.plan.clone(),
        task: task.task.clone(),
        agency,
        percent: body.percent,
        done: body.done,
        done_on: body.done_on,
        note: text_field(body.note.as_deref(), "note", MAX_TEXT)?,
        difficulties: text_field(body.difficulties.as_deref(), "difficulties", MAX_TEXT)?,
        evidence: evidence_text(&body.evidence)?,
        period: text_field(body.period.as_deref(), "period", 20)?,
        on: today(),
        expected_version: body.version,
    };
    let report_id = state.store.record_progress(&input, &viewer.name()).await?;
    let report = state
        .store
        .task_reports(id)
        .await?
        .into_iter()
        .find(|r| r.id == report_id)
        .ok_or_else(|| Problem::not_found(format!("báo cáo số {report_id}")))?;
    let task = state.store.task(id, today()).await?;
    Ok((StatusCode::CREATED, Json(Recorded { report, task })))
}

/// The evidence numbers as the report stores them: one text, "; " apart.
fn evidence_text(numbers: &[String]) -> Result<Option<String>, Problem> {
    if numbers.len() > MAX_EVIDENCE {
        return Err(Problem::bad_request(format!("Mỗi báo cáo dẫn tối đa {MAX_EVIDENCE} văn bản minh chứng.")));
    }
    let mut kept = Vec::new();
    for n in numbers {
        if let Some(n) = text_field(Some(n), "evidence", 200)? {
            kept.push(n);
        }
    }
    Ok(Some(kept.join("; ")).filter(|s| !s.is_empty()))
}

/// Which agency's claim to decide, when several are pending on one task.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmBody {
    pub agency: Option<String>,
}

/// Giving a claim back: the reason is required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnBody {
    pub reason: String,
    pub agency: Option<String>,
}

async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    OptionalJson(body): OptionalJson<ConfirmBody>,
) -> ApiResult<Json<TaskView>> {
    Ok(Json(decide(&state, &viewer, id, body.agency.as_deref(), Decision::Confirmed).await?))
}

async fn give_back(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    JsonBody(body): JsonBody<ReturnBody>,
) -> ApiResult<Json<TaskView>> {
    viewer.require(&Action::Decide)?;
    let reason = text_field(Some(&body.reason), "reason", MAX_TEXT)?
        .ok_or_else(|| Problem::bad_request("Trả lại đề nghị thì phải ghi rõ lý do (trường reason)."))?;
    Ok(Json(decide(&state, &viewer, id, body.agency.as_deref(), Decision::Returned { reason }).await?))
}

/// Records the monitor's decision on task `id`'s pending claim; answers
/// the task as it now stands.
async fn decide(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    agency: Option<&str>,
    decision: Decision,
) -> Result<TaskView, Problem> {
    viewer.require(&Action::Decide)?;
    let task = state.store.task(id, today()).await?;
    let agency = agency.map(str::trim).filter(|a| !a.is_empty());
    state.store.decide(&task.plan, &task.task, agency, &decision, today(), &viewer.name()).await?;
    Ok(state.store.task(id, today()).await?)
}

async fn claims(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<PageQuery>,
) -> ApiResult<Json<Paged<PendingClaim>>> {
    viewer.require(&Action::Decide)?;
    let paging = q.paging()?;
    let (items, total) = state.store.pending_claims(paging.limit, paging.offset).await?;
    Ok(Json(Paged { items, total: total as usize }))
}
