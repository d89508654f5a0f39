//! Plans and their summary: the list of current plans, one plan with its
//! document header, references, groups and targets, and the counts the
//! dashboard shows for a day.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use theodoi_core::Action;
use theodoi_store::{Citation, PlanDetail, PlanSummary, StoreError, Summary, TargetView};

use super::tasks::day_or_today;
use super::{ApiId, PageQuery, Paged, QueryParams};
use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/plans", get(list)).route("/plans/{id}", get(one)).route("/summary", get(summary))
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<PageQuery>,
) -> ApiResult<Json<Paged<PlanSummary>>> {
    viewer.require(&Action::ReadPlans)?;
    let paging = q.paging()?;
    let (items, total) = state.store.plans(paging.limit, paging.offset).await?;
    Ok(Json(Paged { items, total: total as usize }))
}

/// One plan in full: what the plan page shows.
#[derive(Debug, Serialize)]
pub struct PlanView {
    #[serde(flatten)]
    pub detail: PlanDetail,
    /// The documents this plan cites: the resolutions it implements and
    /// its legal bases (its parents).
    pub parents: Vec<Citation>,
    /// Numbers of imported documents that cite this plan (its children).
    pub children: Vec<String>,
    /// The plan's targets with their actual values and assessment.
    pub targets: Vec<TargetView>,
}

#[derive(Debug, Deserialize)]
pub struct DayQuery {
    pub as_of: Option<String>,
}

async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    QueryParams(q): QueryParams<DayQuery>,
) -> ApiResult<Json<PlanView>> {
    viewer.require(&Action::ReadPlans)?;
    let as_of = day_or_today(q.as_of.as_deref())?;
    let detail = state.store.plan(id).await?;
    let (parents, children) = match state.store.document_graph(&detail.summary.number).await {
        Ok(graph) => (graph.cites, graph.cited_by),
        Err(StoreError::NotFound(_)) => (Vec::new(), Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let targets = state.store.targets(Some(&detail.summary.number), as_of).await?;
    Ok(Json(PlanView { detail, parents, children, targets }))
}

#[derive(Debug, Deserialize)]
pub struct SummaryQuery {
    pub plan: Option<String>,
    pub as_of: Option<String>,
}

/// The plan number asked for, checked to exist, so a typo answers 404
/// instead of a summary of nothing.
pub async fn known_plan(state: &AppState, plan: Option<&str>) -> Result<Option<String>, Problem> {
    match plan.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => {
            state.store.plan_id(p).await?;
            Ok(Some(p.to_string()))
        }
    }
}

async fn summary(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<SummaryQuery>,
) -> ApiResult<Json<Summary>> {
    viewer.require(&Action::ReadPlans)?;
    let as_of = day_or_today(q.as_of.as_deref())?;
    let plan = known_plan(&state, q.plan.as_deref()).await?;
    Ok(Json(state.store.summary(plan.as_deref(), as_of).await?))
}
